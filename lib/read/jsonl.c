/*
 * jsonl.c -- JSON Lines input: one story per line, parsed with cJSON.
 *
 * Fields: "text" or "html" (a string; html goes through the HTML
 * extractor), "id" (a string or a number; when absent the id is
 * "<file>:<line>"), "date", "url", "source", "title". Empty lines are
 * skipped. A line longer than max_story_bytes is consumed up to its newline
 * without being held (AC_ELIMIT); a line that is not a JSON object with a
 * text is AC_EPARSE. Either way the next call reads the next line.
 *
 * Before parsing, a line that is not clean UTF-8 is repaired (and a warning
 * names the byte), and \u0000 escapes become \u0020, since a NUL would cut
 * cJSON's C strings short.
 */
#include "read/read_internal.h"

#include "common/error.h"
#include "common/utf8.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n bytes in b (len unchanged). */
static int reserve(ac_buf *b, size_t n)
{
    if (b->cap >= n)
        return 1;
    char *p = realloc(b->data, n);
    if (!p)
        return 0;
    b->data = p;
    b->cap = n;
    return 1;
}

/* Consumes the rest of an over-long line, up to and including its newline,
 * one chunk at a time. Returns the number of bytes skipped. */
static uint64_t skip_line(ac_reader *r)
{
    uint64_t skipped = 0;
    for (;;) {
        size_t avail = r->end - r->pos;
        const char *nl = memchr(r->buf + r->pos, '\n', avail);
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->pos));
            ac_read_drop(r, n + 1);
            return skipped + n;
        }
        skipped += avail;
        ac_read_drop(r, avail);
        if (r->eof || ac_read_fill(r) != AC_OK)
            return skipped;
    }
}

/* Replaces every \u0000 escape by \u0020; returns how many there were and
 * the column of the first in *first. */
static size_t unescape_nul(char *p, size_t n, size_t *first)
{
    size_t count = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        if (p[k] != '\\')
            continue;
        if (p[k + 1] == 'u' && k + 6 <= n && memcmp(p + k + 2, "0000", 4) == 0) {
            if (count++ == 0)
                *first = k;
            memcpy(p + k + 2, "0020", 4);
        }
        k++;   /* the escaped character */
    }
    return count;
}

/* A short printable excerpt of p[0..n) for a message. */
static void excerpt(const char *p, size_t n, char out[24])
{
    size_t k = 0;
    for (; k < n && k < 20; k++) {
        unsigned char c = (unsigned char)p[k];
        out[k] = c >= 0x20 && c < 0x7f && c != '"' ? (char)c : '?';
    }
    out[k] = '\0';
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "a boolean";
    if (cJSON_IsNull(v)) return "null";
    return "an object";
}

static const char *string_field(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

/* Numbers as ids and dates: integers without a fraction or exponent. */
static void format_number(double v, char out[32])
{
    if (v >= -9007199254740992.0 && v <= 9007199254740992.0 && (double)(long long)v == v)
        snprintf(out, 32, "%lld", (long long)v);
    else
        snprintf(out, 32, "%.17g", v);
}

/* Fills the story from a parsed line. */
static ac_status fill_story(ac_reader *r, ac_story *st, const cJSON *obj, uint64_t lineno,
                            uint64_t off, ac_error *err)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
    const cJSON *html = cJSON_GetObjectItemCaseSensitive(obj, "html");
    if (text && cJSON_IsNull(text))
        text = NULL;
    if (html && cJSON_IsNull(html))
        html = NULL;
    if (text && !cJSON_IsString(text))
        return ac_error_set(err, AC_EPARSE, r->origin, lineno, off,
                            "\"text\" is %s, not a string", type_name(text));
    if (!text && html && !cJSON_IsString(html))
        return ac_error_set(err, AC_EPARSE, r->origin, lineno, off,
                            "\"html\" is %s, not a string", type_name(html));
    if (!text && !html)
        return ac_error_set(err, AC_EPARSE, r->origin, lineno, off,
                            "no \"text\" or \"html\" field");

    /* id */
    char num[32];
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    const char *ids = NULL;
    if (cJSON_IsString(id) && id->valuestring && id->valuestring[0]) {
        ids = id->valuestring;
    } else if (cJSON_IsNumber(id)) {
        format_number(id->valuedouble, num);
        ids = num;
    } else if (id && !cJSON_IsNull(id) && !cJSON_IsString(id)) {
        return ac_error_set(err, AC_EPARSE, r->origin, lineno, off,
                            "\"id\" is %s, not a string or a number", type_name(id));
    }
    char *idcopy;
    if (ids) {
        idcopy = ac_story_strndup(r, ids, strlen(ids));
    } else {
        char made[300];
        int n = snprintf(made, sizeof made, "%s:%llu", r->origin, (unsigned long long)lineno);
        idcopy = ac_story_strndup(r, made, n > 0 && (size_t)n < sizeof made ? (size_t)n
                                                                           : sizeof made - 1);
    }
    if (!idcopy)
        goto nomem;
    st->id = idcopy;

    /* url, source, title: strings or nothing */
    const char *s;
    if ((s = string_field(obj, "url")) && !(st->url = ac_story_strndup(r, s, strlen(s))))
        goto nomem;
    if ((s = string_field(obj, "source")) && !(st->source = ac_story_strndup(r, s, strlen(s))))
        goto nomem;
    if ((s = string_field(obj, "title")) && !(st->title = ac_story_strndup(r, s, strlen(s))))
        goto nomem;

    /* date: a bad one is left empty, with a warning */
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(obj, "date");
    int has_date = date && !cJSON_IsNull(date);
    if (has_date) {
        const char *ds = NULL;
        if (cJSON_IsString(date) && date->valuestring) {
            ds = date->valuestring;
        } else if (cJSON_IsNumber(date)) {
            format_number(date->valuedouble, num);
            ds = num;
        }
        char norm[11];
        if (ds && ac_date_normalize(ds, strlen(ds), norm)) {
            if (!(st->date = ac_story_strndup(r, norm, 10)))
                goto nomem;
        } else {
            char ex[24];
            const char *shown = ds ? ds : type_name(date);
            excerpt(shown, strlen(shown), ex);
            ac_read_warn(r, AC_EPARSE, lineno, off, "%s: unrecognised date \"%s\"; date left empty",
                         st->id, ex);
            st->date = "";
        }
    }

    if (text) {
        const char *t = text->valuestring ? text->valuestring : "";
        return ac_story_set_text(r, st, t, strlen(t), lineno, off, 0, err);
    }

    ac_html_page page;
    memset(&page, 0, sizeof page);
    const char *h = html->valuestring ? html->valuestring : "";
    ac_status rc = ac_html_extract(h, strlen(h), "UTF-8", &page);
    if (rc == AC_OK) {
        if (!st->title[0] && page.title.len &&
            !(st->title = ac_story_strndup(r, page.title.data, page.title.len)))
            rc = AC_ENOMEM;
        if (!has_date && page.date[0] && !(st->date = ac_story_strndup(r, page.date, 10)))
            rc = AC_ENOMEM;
        if (!has_date && page.bad_date[0])
            ac_read_warn(r, AC_EPARSE, lineno, off, "%s: unrecognised date \"%s\" in the "
                         "html; %s", st->id, page.bad_date,
                         st->date[0] ? "the default date is used" : "date left empty");
    }
    if (rc == AC_OK)
        rc = ac_story_set_text(r, st, page.text.len ? page.text.data : "", page.text.len,
                               lineno, off, 0, err);
    ac_html_page_free(&page);
    if (rc == AC_ENOMEM)
        goto nomem;
    if (rc == AC_ELIMIT)
        return ac_error_set(err, AC_ELIMIT, r->origin, lineno, off,
                            "\"html\" is too long for the HTML parser; skipped");
    return rc;

nomem:
    return ac_error_set(err, AC_ENOMEM, r->origin, lineno, off, "out of memory");
}

/* Parses one line p[0..n) (writable, not NUL-terminated) found at lineno. */
static ac_status parse_line(ac_reader *r, ac_story *st, char *p, size_t n, uint64_t lineno,
                            uint64_t off, ac_error *err)
{
    if (!ac_utf8_is_clean(p, n)) {
        if (n >= (SIZE_MAX - 1) / 3 || !reserve(&r->scratch, 3 * n + 1))
            return ac_error_set(err, AC_ENOMEM, r->origin, lineno, off, "out of memory");
        ac_utf8_report rep;
        n = ac_utf8_repair(p, n, r->scratch.data, &rep);
        p = r->scratch.data;
        ac_read_warn(r, AC_EPARSE, lineno, off + rep.first_offset,
                     "%zu invalid UTF-8 sequence(s) replaced by U+FFFD, %zu NUL byte(s) "
                     "replaced by a space; first at byte %llu (column %zu)",
                     rep.invalid, rep.nul, (unsigned long long)(off + rep.first_offset),
                     rep.first_offset + 1);
    }
    size_t first = 0;
    size_t nuls = unescape_nul(p, n, &first);
    if (nuls)
        ac_read_warn(r, AC_EPARSE, lineno, off + first,
                     "%zu \\u0000 escape(s) replaced by a space; first at byte %llu (column %zu)",
                     nuls, (unsigned long long)(off + first), first + 1);

    const char *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(p, n, &end, 0);
    if (!obj) {
        size_t col = end && end >= p && end <= p + n ? (size_t)(end - p) : n;
        if (col >= n)
            return ac_error_set(err, AC_EPARSE, r->origin, lineno, off + n,
                                "malformed JSON: the line ends inside a value "
                                "(unclosed string, object or array?)");
        char ex[24];
        excerpt(p + col, n - col, ex);
        return ac_error_set(err, AC_EPARSE, r->origin, lineno, off + col,
                            "malformed JSON at column %zu, near \"%s\"", col + 1, ex);
    }
    size_t used = end ? (size_t)(end - p) : n;
    while (used < n && isspace((unsigned char)p[used]))
        used++;
    ac_status rc;
    if (used < n) {
        char ex[24];
        excerpt(p + used, n - used, ex);
        rc = ac_error_set(err, AC_EPARSE, r->origin, lineno, off + used,
                          "malformed JSON: unexpected \"%s\" after the object at column %zu",
                          ex, used + 1);
    } else if (!cJSON_IsObject(obj)) {
        rc = ac_error_set(err, AC_EPARSE, r->origin, lineno, off,
                          "the line is %s, not a JSON object", type_name(obj));
    } else {
        st->origin_line = lineno;
        rc = fill_story(r, st, obj, lineno, off, err);
    }
    cJSON_Delete(obj);
    return rc;
}

ac_status ac_read_next_jsonl(ac_reader *r, ac_story *st, ac_error *err)
{
    size_t scanned = 0;   /* unread bytes already searched for a newline */
    for (;;) {
        if (r->done)
            return AC_DONE;
        size_t avail = r->end - r->pos;
        char *p = r->buf + r->pos;
        char *nl = memchr(p + scanned, '\n', avail - scanned);
        size_t n;
        int has_nl = nl != NULL;
        if (nl) {
            n = (size_t)(nl - p);
        } else {
            scanned = avail;
            if (avail > r->max) {
                uint64_t lineno = r->line, off = r->buf_off + r->pos;
                uint64_t skipped = skip_line(r);
                return ac_error_set(err, AC_ELIMIT, r->origin, lineno, off,
                                    "line of %llu bytes is longer than max_story_bytes "
                                    "(%zu); skipped",
                                    (unsigned long long)skipped, r->max);
            }
            if (!r->eof) {
                if (ac_read_fill(r) != AC_OK)
                    return ac_error_set(err, AC_ENOMEM, r->origin, r->line, UINT64_MAX,
                                        "out of memory");
                continue;
            }
            if (r->io_status != AC_OK) {
                /* The unterminated last line of a failed stream is dropped. */
                r->done = 1;
                return ac_read_io_error(r, err);
            }
            if (avail == 0) {
                r->done = 1;
                return AC_DONE;
            }
            n = avail;
        }
        scanned = 0;
        uint64_t lineno = r->line, off = r->buf_off + r->pos;
        /* The line stays in the window until the next fill, after parsing. */
        ac_read_drop(r, n + has_nl);
        size_t len = n;
        if (len > 0 && p[len - 1] == '\r')
            len--;
        if (len > r->max)
            return ac_error_set(err, AC_ELIMIT, r->origin, lineno, off,
                                "line of %zu bytes is longer than max_story_bytes (%zu); "
                                "skipped",
                                len, r->max);
        size_t k = 0;
        while (k < len && isspace((unsigned char)p[k]))
            k++;
        if (k == len)
            continue;
        return parse_line(r, st, p, len, lineno, off, err);
    }
}
