/*
 * date.c -- turns the date forms found in news feeds into "YYYY-MM-DD".
 *
 * Accepted (surrounding spaces ignored, case-insensitive month names):
 *   2025-11-06, 2025/11/06, 2025.11.06 (one- or two-digit month and day),
 *   each optionally followed by a time after 'T' or a space;
 *   20251106, optionally followed by 'T' and a time;
 *   November 6, 2025 / Nov. 6 2025 / Nov 6th, 2025;
 *   6 Nov 2025 / 6 November, 2025 / 6-Nov-2025;
 *   the last two with an optional weekday in front ("Thu, 06 Nov 2025
 *   12:00:00 GMT", RFC 2822) and anything after a space, comma or 'T'.
 * The day must exist in the calendar; years run from 1000 to 9999.
 */
#include "read/read_internal.h"

#include <ctype.h>
#include <string.h>

typedef struct cursor {
    const char *s;
    size_t i, n;
} cursor;

static int at_end(const cursor *c)
{
    return c->i >= c->n;
}

static int peek(const cursor *c)
{
    return at_end(c) ? -1 : (unsigned char)c->s[c->i];
}

/* Reads 1..max digits; returns how many were read, the value in *v. */
static size_t digits(cursor *c, size_t max, int *v)
{
    size_t k = 0;
    int x = 0;
    while (k < max && !at_end(c) && isdigit((unsigned char)c->s[c->i])) {
        x = x * 10 + (c->s[c->i] - '0');
        c->i++;
        k++;
    }
    *v = x;
    return k;
}

static size_t letters(cursor *c)
{
    size_t start = c->i;
    while (!at_end(c) && isalpha((unsigned char)c->s[c->i]))
        c->i++;
    return c->i - start;
}

static void spaces(cursor *c)
{
    while (!at_end(c) && (c->s[c->i] == ' ' || c->s[c->i] == '\t'))
        c->i++;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static int emit(int y, int m, int d, char out[11])
{
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    const int parts[3][2] = {{y, 4}, {m, 2}, {d, 2}};
    char *o = out;
    for (int k = 0; k < 3; k++) {
        if (k)
            *o++ = '-';
        for (int i = parts[k][1] - 1, v = parts[k][0]; i >= 0; i--, v /= 10)
            o[i] = (char)('0' + v % 10);
        o += parts[k][1];
    }
    *o = '\0';
    return 1;
}

static int word_is(const char *w, size_t n, const char *full)
{
    size_t fl = strlen(full);
    if (n != fl && n != 3 && !(n == 4 && strncmp(full, "sept", 4) == 0))
        return 0;
    if (n > fl)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (tolower((unsigned char)w[k]) != full[k])
            return 0;
    return 1;
}

/* 1..12 for a month name or its abbreviation ("Sept" too), else 0. */
static int month_of(const char *w, size_t n)
{
    static const char *const names[12] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    for (int m = 0; m < 12; m++)
        if (word_is(w, n, names[m]))
            return m + 1;
    return 0;
}

static int is_weekday(const char *w, size_t n)
{
    static const char *const names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
    for (int k = 0; k < 7; k++)
        if (word_is(w, n, names[k]))
            return 1;
    return 0;
}

/* What may follow a complete date: nothing, or a time or zone after a
 * separator. */
static int tail_ok(const cursor *c)
{
    int ch = peek(c);
    return ch == -1 || ch == ' ' || ch == '\t' || ch == 'T' || ch == 't' || ch == ',';
}

static int numeric_date(cursor *c, char out[11])
{
    int y, m, d;
    size_t start = c->i;
    size_t k = digits(c, 8, &y);
    if (k == 8) {
        /* 20251106 */
        int ch = peek(c);
        if (ch != -1 && ch != 'T' && ch != 't')
            return 0;
        d = y % 100;
        m = (y / 100) % 100;
        y /= 10000;
        return emit(y, m, d, out);
    }
    c->i = start;
    if (digits(c, 4, &y) != 4)
        return 0;
    int sep = peek(c);
    if (sep != '-' && sep != '/' && sep != '.')
        return 0;
    c->i++;
    if (digits(c, 2, &m) == 0 || peek(c) != sep)
        return 0;
    c->i++;
    if (digits(c, 2, &d) == 0 || !tail_ok(c))
        return 0;
    return emit(y, m, d, out);
}

/* Skips the "st", "nd", "rd" or "th" of an ordinal day. */
static void ordinal(cursor *c)
{
    if (c->i + 2 <= c->n) {
        char a = (char)tolower((unsigned char)c->s[c->i]);
        char b = (char)tolower((unsigned char)c->s[c->i + 1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h')) {
            if (c->i + 2 == c->n || !isalpha((unsigned char)c->s[c->i + 2]))
                c->i += 2;
        }
    }
}

/* Separators between the parts of a written date. */
static void gap(cursor *c)
{
    if (peek(c) == '.')
        c->i++;
    spaces(c);
    if (peek(c) == ',' || peek(c) == '-')
        c->i++;
    spaces(c);
}

static int written_date(cursor *c, char out[11])
{
    int y, m, d;
    size_t w0 = c->i;
    size_t wl = letters(c);
    if (wl > 0 && is_weekday(c->s + w0, wl) && !month_of(c->s + w0, wl)) {
        gap(c);
        w0 = c->i;
        wl = letters(c);
    }
    if (wl > 0) {
        /* November 6, 2025 */
        m = month_of(c->s + w0, wl);
        if (!m)
            return 0;
        gap(c);
        if (digits(c, 2, &d) == 0)
            return 0;
        ordinal(c);
        gap(c);
        if (digits(c, 4, &y) != 4 || !tail_ok(c))
            return 0;
        return emit(y, m, d, out);
    }
    /* 6 Nov 2025 */
    if (digits(c, 2, &d) == 0)
        return 0;
    ordinal(c);
    gap(c);
    w0 = c->i;
    wl = letters(c);
    m = month_of(c->s + w0, wl);
    if (!m)
        return 0;
    gap(c);
    if (digits(c, 4, &y) != 4 || !tail_ok(c))
        return 0;
    return emit(y, m, d, out);
}

int ac_date_normalize(const char *s, size_t n, char out[11])
{
    out[0] = '\0';
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    cursor c = {s, 0, n};
    int ok = 0;
    if (n >= 8 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
        isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
        ok = numeric_date(&c, out);
    if (!ok) {
        c.i = 0;
        ok = written_date(&c, out);
    }
    if (!ok)
        out[0] = '\0';
    return ok;
}
