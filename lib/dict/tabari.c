/*
 * tabari.c -- loaders of TABARI's dictionary files (.verbs, .actors,
 * .agents, .options) and of the .project file that names them.
 *
 * The formats are those of the TABARI 0.8.4 manual (chapters 4, 5, 6 and 8).
 * The PETRARCH-1 verb patterns (CAMEO.verbpatterns.*) are read as .verbs:
 * they add "--- NAME [code] ---" block headers, whose patterns apply to every
 * verb of the block, "+" marking the inflected word of a multi-word verb and
 * irregular forms written on the verb's own line.
 *
 * Each loader reads one file in one pass and adds records to the builder
 * (builder.h); compile.c turns them into the dictionary. A line that cannot
 * be used is reported with ac_builder_bad (file:line and why) and skipped.
 * What TABARI does and accord's coder does not (time shifting, attribution,
 * discard and complex codes on patterns, coded compound actors, the whole
 * .options file) is recognised and dropped, as noted at each loader.
 *
 * Common to the dictionary files: ';' starts a comment, and so does '#'
 * outside a [...] code ("[###]" is a code); a line starting with '/' or '#'
 * is a comment; a line starting with '~' ("~~FINISH") ends the file; "\n",
 * "\r\n" and "\r" all end a line; a line over MAX_LINE bytes, or with a NUL
 * byte or invalid UTF-8, is reported and skipped. '_' joins words.
 */
#include "dict/builder.h"
#include "dict/tabari.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/utf8.h"

#define MAX_LINE 4096      /* longest line read (TABARI's own limit is 255) */
#define MAX_TOKS 128       /* words and marks of one pattern or phrase */
#define MAX_VARIANTS 64    /* patterns one line with { | } may become */
#define MAX_CODES 64       /* code groups of one actor */
#define MAX_SET_PRODUCT 256  /* phrases one synset member may expand to */

/* ---- small helpers over [s, e) ------------------------------------------- */

static const char *skip_space(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

static const char *trim_end(const char *s, const char *e)
{
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    return e;
}

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static char to_upper(char c) { return is_lower(c) ? (char)(c - 'a' + 'A') : c; }

static const char *find_char(const char *s, const char *e, char c)
{
    return s < e ? memchr(s, c, (size_t)(e - s)) : NULL;
}

/* Case-insensitive: does [s, e) equal the upper-case word w? */
static int word_is(const char *s, const char *e, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(e - s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (to_upper(s[i]) != w[i])
            return 0;
    return 1;
}

/* A short, printable copy of [s, e) for messages. */
static const char *shown(char *buf, size_t cap, const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n > cap - 1)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    buf[n] = '\0';
    return buf;
}

/* A bounded string being assembled; `over` is set when it did not fit. */
typedef struct sbuf {
    char s[3 * MAX_LINE];
    size_t n;
    int over;
} sbuf;

static void sb_reset(sbuf *b)
{
    b->n = 0;
    b->over = 0;
    b->s[0] = '\0';
}

static void sb_add(sbuf *b, const char *p, size_t n)
{
    if (b->over || b->n + n >= sizeof b->s) {
        b->over = 1;
        return;
    }
    memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Appends a word, with a space before it unless it is the first. */
static void sb_word(sbuf *b, const char *p, size_t n)
{
    if (b->n)
        sb_add(b, " ", 1);
    sb_add(b, p, n);
}

/* Appends a pattern element: joined to the one before with '_' when the
 * dictionary wrote them consecutive ("SHOW_NO_*"), else after a space. */
static void sb_elem(sbuf *b, const char *p, size_t n, int joined)
{
    if (joined && b->n) {
        sb_add(b, " _", 2);
        sb_add(b, p, n);
    } else {
        sb_word(b, p, n);
    }
}

/* Appends a heap array element, doubling it when full. Returns 0 or -1. */
static int push_str(const char ***arr, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        const char **na = realloc(*arr, nc * sizeof *na);
        if (!na)
            return -1;
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = s;
    return 0;
}

/* ---- lines ------------------------------------------------------------------ */

typedef struct lines {
    const char *p, *end;
    uint64_t no;           /* number of the line last returned, 1-based */
} lines;

/* The next line [*s, *e) without its end ("\n", "\r\n" or "\r"); 0 at the end. */
static int next_line(lines *it, const char **s, const char **e)
{
    if (it->p >= it->end)
        return 0;
    const char *q = it->p;
    while (q < it->end && *q != '\n' && *q != '\r')
        q++;
    *s = it->p;
    *e = q;
    if (q < it->end)
        q += (*q == '\r' && q + 1 < it->end && q[1] == '\n') ? 2 : 1;
    it->p = q;
    it->no++;
    return 1;
}

/* Where a comment starts: ';', or '#' outside [...]; e when none. */
static const char *cut_comment(const char *s, const char *e)
{
    int depth = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '[')
            depth++;
        else if (*p == ']' && depth)
            depth--;
        else if (*p == ';' || (*p == '#' && !depth))
            return p;
    }
    return e;
}

enum { LINE_SKIP, LINE_OK, LINE_END };

/* Prepares a line of a dictionary file: comment cut, trimmed, checked.
 * LINE_SKIP for blank, comment and bad lines (reported), LINE_END for the
 * "~~FINISH" mark. */
static int prep_line(ac_dict_builder *b, const char *file, uint64_t no,
                     const char **ps, const char **pe)
{
    const char *s = *ps, *e = *pe;
    s = skip_space(s, e);
    if (s == e || *s == '/' || *s == '#')
        return LINE_SKIP;
    if (*s == '~')
        return LINE_END;
    e = trim_end(s, cut_comment(s, e));
    if (s == e)
        return LINE_SKIP;
    if (e - s > MAX_LINE) {
        ac_builder_bad(b, file, no, "line longer than %d bytes", MAX_LINE);
        return LINE_SKIP;
    }
    if (!ac_utf8_is_clean(s, (size_t)(e - s))) {
        ac_builder_bad(b, file, no, "invalid UTF-8 or NUL byte");
        return LINE_SKIP;
    }
    *ps = s;
    *pe = e;
    return LINE_OK;
}

/* ---- dates ------------------------------------------------------------------ */

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return DAYS[m - 1];
}

/* A TABARI date, YYMMDD (YY <= 30 is 20YY, else 19YY) or YYYYMMDD, as a
 * YYYYMMDD number; 0 when it is not one. */
static int32_t tabari_date(const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n != 6 && n != 8)
        return 0;
    int v[8];
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return 0;
        v[i] = s[i] - '0';
    }
    int y, k;
    if (n == 6) {
        y = v[0] * 10 + v[1];
        y += y <= 30 ? 2000 : 1900;
        k = 2;
    } else {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        k = 4;
    }
    int m = v[k] * 10 + v[k + 1], d = v[k + 2] * 10 + v[k + 3];
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    return y * 10000 + m * 100 + d;
}

/* The day before (delta -1) or after (+1) a YYYYMMDD date. */
static int32_t next_day(int32_t ymd, int delta)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    d += delta;
    if (d < 1) {
        if (--m < 1) {
            m = 12;
            y--;
        }
        d = days_in_month(y, m);
    } else if (d > days_in_month(y, m)) {
        d = 1;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return y * 10000 + m * 100 + d;
}

/* ---- event codes ---------------------------------------------------------- */

enum { EC_NONE = -1, EC_EVENT, EC_NULL, EC_DISCARD, EC_COMPLEX, EC_BAD };

/* Parses the inside of an event code bracket: "020", "042:043", ":173",
 * "031!" (dominant) and "023?" (subordinate; both marks are dropped), "---"
 * or "- - -" (null), "###" (discard), "+++" (complex). Event codes are 2 to
 * 4 digits. *code and *code2 are arena strings or NULL. On EC_BAD, why
 * holds the reason. */
static int parse_event_code(ac_dict_builder *b, const char *s, const char *e,
                            const char **code, const char **code2, char *why, size_t cap)
{
    char t[32];
    size_t n = 0;
    *code = *code2 = NULL;
    for (const char *p = s; p < e; p++) {
        if (*p == ' ' || *p == '\t')
            continue;
        if (n == sizeof t - 1) {
            snprintf(why, cap, "event code longer than %zu characters", sizeof t - 1);
            return EC_BAD;
        }
        t[n++] = *p;
    }
    t[n] = '\0';
    if (strcmp(t, "---") == 0)
        return EC_NULL;
    if (strcmp(t, "###") == 0)
        return EC_DISCARD;
    if (strcmp(t, "+++") == 0)
        return EC_COMPLEX;
    char *colon = strchr(t, ':');
    char *side[2] = {t, colon ? colon + 1 : NULL};
    if (colon)
        *colon = '\0';
    const char **out[2] = {code, code2};
    for (int k = 0; k < 2 && side[k]; k++) {
        char *c = side[k];
        size_t l = strlen(c);
        /* "!" (dominant) is the default and dropped; "?" (subordinate: coded
         * only when nothing else in the sentence is) stays on the code and
         * becomes bpattern.subordinate in push_pattern. */
        int sub = l && c[l - 1] == '?';
        if (l && (c[l - 1] == '!' || c[l - 1] == '?'))
            c[--l] = '\0';
        if (l == 0 || strcmp(c, "---") == 0)
            continue;
        /* A digit, then digits or capital letters (project codes: 075A). */
        int ok = l >= 2 && l <= 4 && is_digit(c[0]);
        for (size_t i = 1; i < l && ok; i++)
            ok = is_digit(c[i]) || is_upper(c[i]);
        if (!ok) {
            snprintf(why, cap, "event code '%s' is not a digit and 1 to 3 digits or capitals", c);
            return EC_BAD;
        }
        if (sub)
            c[l++] = '?';
        *out[k] = ac_arena_strndup(&b->arena, c, l);
    }
    if (!*code && !*code2)
        return EC_NULL;
    return EC_EVENT;
}

/* ---- phrase tokens ------------------------------------------------------------- */

/* What one token of a pattern, verb or synset member is. */
enum { T_WORD, T_VERB, T_SOURCE, T_TARGET, T_SET, T_DROP, T_OPEN, T_BAR, T_CLOSE, T_MARKED, T_SKIP, T_COMPOUND };

typedef struct tok {
    uint8_t type;
    uint8_t joined;        /* joined to the token before by '_' (consecutive) */
    const char *s;         /* normalised text (in a caller's buffer) */
    uint16_t n;
} tok;

/* Can a lower-case word be a stem? Two letters or more, letters only (TABARI:
 * "the stem OF would match OF, OFFER and OFFICIAL", manual 5.2.2). */
static int is_stem_word(const char *w, size_t n)
{
    if (n < 2)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_lower(w[i]))
            return 0;
    return 1;
}

/* Splits [s, e) at blanks and '_' (and around '{', '|', '}'), normalises
 * each piece into norm (lower-case words, upper-case set names) and types
 * it. Words lose quotes, a trailing '~' or '=' (TABARI's "followed
 * immediately" and "no endings" marks) and leading or trailing hyphens.
 * '^' (skip an actor) is T_SKIP, '%' (a compound actor) T_COMPOUND; '@'
 * (attribution) becomes T_DROP; "+WORD"
 * is T_MARKED (the inflected word of a PETRARCH-1 multi-word verb) when
 * allow_marked. Returns the count, or -1 with why filled. */
static int tokenize(const char *s, const char *e, tok *out, int max, char *norm, size_t normcap,
                    int allow_marked, char *why, size_t whycap)
{
    int n = 0;
    size_t used = 0;
    const char *p = s;
    while (p < e) {
        int under = 0, blank = 0;
        /* TABARI reads a hyphen in a dictionary as '_' (manual 5.2). */
        while (p < e && (*p == ' ' || *p == '\t' || *p == '_' || *p == '-')) {
            under |= *p == '_' || *p == '-';
            blank |= *p == ' ' || *p == '\t';
            p++;
        }
        if (p == e)
            break;
        int joined = n > 0 && under && !blank;
        const char *w = p;
        if (*p == '{' || *p == '|' || *p == '}') {
            p++;
        } else {
            while (p < e && *p != ' ' && *p != '\t' && *p != '_' && *p != '-' && *p != '{' &&
                   *p != '|' && *p != '}')
                p++;
        }
        if (n == max) {
            snprintf(why, whycap, "more than %d words", max);
            return -1;
        }
        tok *t = &out[n];
        t->joined = (uint8_t)joined;
        const char *we = p;
        if (we - w == 1 && (*w == '{' || *w == '|' || *w == '}')) {
            t->type = *w == '{' ? T_OPEN : *w == '|' ? T_BAR : T_CLOSE;
            t->s = w;
            t->n = 1;
            n++;
            continue;
        }
        /* Strip quotes and the end marks; '=' makes the word exact, with
         * no endings (not a stem). */
        int strict = 0, tilde = 0;
        while (we > w && (we[-1] == '~' || we[-1] == '=' || we[-1] == '"')) {
            strict |= we[-1] == '=';
            tilde |= we[-1] == '~';
            we--;
        }
        while (w < we && *w == '"')
            w++;
        if (we == w)
            continue;
        if (we - w == 1 && (*w == '*' || *w == '$' || *w == '+' || *w == '%' || *w == '^' || *w == '@')) {
            t->type = *w == '*' ? T_VERB : *w == '$' ? T_SOURCE : *w == '+' ? T_TARGET
                    : *w == '^' ? T_SKIP : *w == '%' ? T_COMPOUND : T_DROP;
            t->s = w;
            t->n = 1;
            n++;
            continue;
        }
        int type = T_WORD;
        if (*w == '&') {
            type = T_SET;
        } else if (*w == '+' && allow_marked) {
            type = T_MARKED;
            w++;
        }
        if (type != T_SET) {
            while (w < we && *w == '-')
                w++;
            while (we > w && we[-1] == '-')
                we--;
            if (we == w)
                continue;
        }
        if (used + (size_t)(we - w) + 1 > normcap) {
            snprintf(why, whycap, "line too long");
            return -1;
        }
        char *d = norm + used;
        size_t l = 0;
        for (const char *q = w; q < we; q++) {
            char c = *q;
            if (type == T_SET) {
                if (q > w && !(is_upper(to_upper(c)) || is_digit(c))) {
                    snprintf(why, whycap, "bad synset name '%.*s'", (int)(we - w) > 60 ? 60 : (int)(we - w), w);
                    return -1;
                }
                c = to_upper(c);
            } else {
                if (c == '[' || c == ']') {
                    snprintf(why, whycap, "stray '%c' (a { } group closed with ']'?)", c);
                    return -1;
                }
                if (c == '*' || c == '$' || c == '+' || c == '&' || c == '%' || c == '^' ||
                    c == '@') {
                    snprintf(why, whycap, "'%c' inside the word '%.*s'", c,
                             (int)(we - w) > 60 ? 60 : (int)(we - w), w);
                    return -1;
                }
                c = to_lower(c);
            }
            d[l++] = c;
        }
        if (type == T_SET && l < 2) {
            snprintf(why, whycap, "'&' without a synset name");
            return -1;
        }
        /* TABARI matches a word written without a final '_' as a root: any
         * text word that begins with it (RESTOR: restore, restored). accord
         * writes such stems with a final '~' (docs/dictionaries.md). Short
         * or non-alphabetic words stay exact. */
        if ((type == T_WORD || type == T_MARKED) && strict && is_stem_word(d, l)) {
            /* "BAN=": this very form, no endings (accord writes ban=). */
            if (used + l + 2 > normcap) {
                snprintf(why, whycap, "line too long");
                return -1;
            }
            d[l++] = '=';
        } else if ((type == T_WORD || type == T_MARKED) && (tilde || !(p < e && (*p == '_' || *p == '-'))) &&
                   is_stem_word(d, l)) {
            /* "REAL~_PLEASANT": '~' keeps a root a stem before '_' (really). */
            if (used + l + 2 > normcap) {
                snprintf(why, whycap, "line too long");
                return -1;
            }
            d[l++] = '~';
        }
        d[l] = '\0';
        /* "DON'T": the text reads do + n't (two tokens), so the pattern
         * does too: "do" then "n't", joined. */
        if (type == T_WORD && l > 3 && !memcmp(d + l - 3, "n't", 3) && n + 1 < max &&
            used + l + 2 <= normcap) {
            memmove(d + l - 2, d + l - 3, 4);          /* "do\0n't\0" */
            d[l - 3] = '\0';
            t->type = T_WORD;
            t->s = d;
            t->n = (uint16_t)(l - 3);
            tok *t2 = &out[++n];
            t2->type = T_WORD;
            t2->joined = 1;
            t2->s = d + l - 2;
            t2->n = 3;
            used += l + 2;
            n++;
            continue;
        }
        used += l + 1;
        t->type = (uint8_t)type;
        t->s = d;
        t->n = (uint16_t)l;
        n++;
    }
    return n;
}

/* ---- verbs: state ------------------------------------------------------------- */

/* A verb of the current block. */
typedef struct vverb {
    const char *phrase;    /* "*carry out": the words, '*' before the inflected one */
    const char *plain;     /* "carry out" */
    const char *head;      /* the inflected word, "carry" */
    int kind;              /* EC_* of the verb's own code; EC_NONE when it has none */
    const char *code, *code2;
    uint32_t line;
} vverb;

/* A pattern of the current block, the verb written as a lone '*'. */
typedef struct vpat {
    const char *text;
    const char *code, *code2;
    uint32_t line;
} vpat;

enum { SEC_NONE, SEC_TIME, SEC_ATTRIB };

typedef struct vstate {
    ac_dict_builder *b;
    const char *file;
    /* The block being read: one TABARI verb and its patterns, or a
     * PETRARCH-1 "--- NAME [code] ---" block of verbs sharing patterns. */
    ac_vec verbs;          /* vverb */
    ac_vec pats;           /* vpat */
    int header;            /* 1: the block has a header */
    int dkind;             /* EC_* of the header's default code */
    int orphan;            /* the last verb line was bad: its patterns are skipped */
    const char *dcode, *dcode2;
    /* Synsets. */
    int in_synsets;        /* inside <SYNSETS> ... </SYNSETS> */
    int set_open;          /* a &NAME line was read; '+' lines are its members */
    bset set;
    size_t set_cap;
    /* A skipped section: <TIME> or <ATTRIB>. */
    int section;
    uint64_t section_line;
    size_t section_lines;
    sbuf sb;
    char norm[2 * MAX_LINE];
    tok toks[MAX_TOKS];
} vstate;

static void push_pattern(vstate *v, const char *text, const char *code, const char *code2,
                         uint32_t line)
{
    const char *t = ac_arena_strdup(&v->b->arena, text);
    if (!t)
        return;
    bpattern *bp = ac_vec_push(&v->b->patterns);
    if (!bp)
        return;
    memset(bp, 0, sizeof *bp);
    for (int k = 0; k < 2; k++) {
        const char **c = k ? &code2 : &code;
        size_t l = *c ? strlen(*c) : 0;
        if (l && (*c)[l - 1] == '?') {
            bp->subordinate = 1;
            *c = ac_arena_strndup(&v->b->arena, *c, l - 1);
        }
    }
    bp->code = code;
    bp->code2 = code2;
    bp->lenient = 1;
    bp->by_length = 1;
    bp->text = t;
    bp->file = v->file;
    bp->line = line;
}

/* A root coded [###] without patterns discards the sentences it occurs in:
 * it becomes a discard phrase (matched in any case). */
static void push_discard(vstate *v, const vverb *vb)
{
    bactor a;
    memset(&a, 0, sizeof a);
    a.kind = BK_DISCARD;
    a.caps = CAPS_NONE;
    a.exact = 1;
    a.names = malloc(sizeof *a.names);
    if (!a.names)
        return;
    a.names[0] = vb->plain;
    a.nnames = 1;
    a.file = v->file;
    a.line = vb->line;
    bactor *slot = ac_vec_push(&v->b->actors);
    if (!slot) {
        free(a.names);
        return;
    }
    *slot = a;
}

/* Emits the block: "*verb" for each verb with an event code (its own, or
 * the header's), and every pattern with each verb in place of its '*'. */
static void flush_block(vstate *v)
{
    for (size_t i = 0; i < v->verbs.len; i++) {
        const vverb *vb = ac_vec_at(&v->verbs, i);
        int kind = vb->kind != EC_NONE ? vb->kind : v->header ? v->dkind : EC_NULL;
        const char *code = vb->kind != EC_NONE ? vb->code : v->dcode;
        const char *code2 = vb->kind != EC_NONE ? vb->code2 : v->dcode2;
        if (kind == EC_EVENT) {
            size_t before = v->b->patterns.len;
            push_pattern(v, vb->phrase, code, code2, vb->line);
            /* The root's own code is its default: every pattern of its
             * block is tried first. */
            if (v->b->patterns.len > before)
                ((bpattern *)ac_vec_at(&v->b->patterns, before))->by_length = 2;
        } else if (vb->kind == EC_DISCARD && v->pats.len == 0)
            push_discard(v, vb);
    }
    for (size_t k = 0; k < v->pats.len; k++) {
        const vpat *vp = ac_vec_at(&v->pats, k);
        for (size_t i = 0; i < v->verbs.len; i++) {
            const vverb *vb = ac_vec_at(&v->verbs, i);
            sb_reset(&v->sb);
            const char *p = vp->text;
            while (*p) {
                const char *w = p;
                while (*p && *p != ' ')
                    p++;
                if (p - w == 1 && *w == '*') {
                    sb_word(&v->sb, vb->phrase, strlen(vb->phrase));
                } else if (p - w == 2 && w[0] == '_' && w[1] == '*') {
                    sb_word(&v->sb, "_", 1);        /* joined to the word before */
                    sb_add(&v->sb, vb->phrase, strlen(vb->phrase));
                } else
                    sb_word(&v->sb, w, (size_t)(p - w));
                while (*p == ' ')
                    p++;
            }
            if (v->sb.over)
                ac_builder_bad(v->b, v->file, vp->line, "pattern too long with the verb '%s'", vb->plain);
            else
                push_pattern(v, v->sb.s, vp->code, vp->code2, vp->line);
        }
    }
    v->verbs.len = 0;
    v->pats.len = 0;
    v->header = 0;
    v->dkind = EC_NULL;
    v->dcode = v->dcode2 = NULL;
}

/* ---- verbs: synsets ----------------------------------------------------------- */

static const bset *find_set(ac_dict_builder *b, const char *name)
{
    for (size_t i = b->sets.len; i-- > 0;) {
        const bset *s = ac_vec_at(&b->sets, i);
        if (strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

static void close_set(vstate *v)
{
    if (!v->set_open)
        return;
    v->set_open = 0;
    if (v->set.nphrases == 0) {
        ac_builder_bad(v->b, v->file, v->set.line, "synset '&%s' has no members", v->set.name);
        free(v->set.phrases);
    } else {
        bset *slot = ac_vec_push(&v->b->sets);
        if (slot)
            *slot = v->set;
        else
            free(v->set.phrases);
    }
    memset(&v->set, 0, sizeof v->set);
    v->set_cap = 0;
}

/* "&NAME" (a trailing '_' only forbids plurals in TABARI: dropped). */
static void open_set(vstate *v, uint64_t no, const char *s, const char *e)
{
    close_set(v);
    const char *n = s + 1, *ne = e;
    while (ne > n && ne[-1] == '_')
        ne--;
    char name[64];
    size_t l = 0;
    for (const char *p = n; p < ne; p++) {
        char c = to_upper(*p);
        if (!(is_upper(c) || is_digit(c) || c == '_') || l == sizeof name - 1) {
            char buf[80];
            ac_builder_bad(v->b, v->file, no, "bad synset name '%s' (letters, digits and _)",
                           shown(buf, sizeof buf, s, e));
            return;
        }
        name[l++] = c;
    }
    if (l == 0) {
        ac_builder_bad(v->b, v->file, no, "'&' without a synset name");
        return;
    }
    memset(&v->set, 0, sizeof v->set);
    v->set.name = ac_arena_strndup(&v->b->arena, name, l);
    v->set.file = v->file;
    v->set.line = (uint32_t)no;
    v->set_cap = 0;
    v->set_open = v->set.name != NULL;
}

/* "+PHRASE": a member of the open synset. A "&NAME" inside it names an
 * earlier synset and is expanded (accord's sets do not nest). */
static void add_set_member(vstate *v, uint64_t no, const char *s, const char *e)
{
    char why[160];
    int n = tokenize(s + 1, e, v->toks, MAX_TOKS, v->norm, sizeof v->norm, 0, why, sizeof why);
    if (n < 0) {
        ac_builder_bad(v->b, v->file, no, "%s", why);
        return;
    }
    const bset *refs[MAX_TOKS];
    size_t product = 1;
    for (int i = 0; i < n; i++) {
        refs[i] = NULL;
        if (v->toks[i].type == T_SET) {
            refs[i] = find_set(v->b, v->toks[i].s + 1);
            if (!refs[i]) {
                ac_builder_bad(v->b, v->file, no,
                               "unknown synset '%s' (a synset is defined before it is used, "
                               "and not inside itself)", v->toks[i].s);
                return;
            }
            product *= refs[i]->nphrases;
            if (product > MAX_SET_PRODUCT) {
                ac_builder_bad(v->b, v->file, no, "the synsets in this member expand to more "
                               "than %d phrases", MAX_SET_PRODUCT);
                return;
            }
        } else if (v->toks[i].type != T_WORD) {
            ac_builder_bad(v->b, v->file, no, "a synset member holds words and synsets only: "
                           "'$', '+', '*', '%%', '^' and { | } are not supported in it");
            return;
        }
    }
    if (n == 0) {
        ac_builder_bad(v->b, v->file, no, "empty synset member");
        return;
    }
    for (size_t k = 0; k < product; k++) {
        sb_reset(&v->sb);
        size_t rest = k;
        for (int i = 0; i < n; i++) {
            if (refs[i]) {
                const char *ph = refs[i]->phrases[rest % refs[i]->nphrases];
                rest /= refs[i]->nphrases;
                sb_word(&v->sb, ph, strlen(ph));
            } else {
                /* Words parted by a blank may stand apart (a gap, " * "). */
                if (i > 0 && !v->toks[i].joined)
                    sb_word(&v->sb, "*", 1);
                sb_word(&v->sb, v->toks[i].s, v->toks[i].n);
            }
        }
        const char *ph = v->sb.over ? NULL : ac_arena_strdup(&v->b->arena, v->sb.s);
        if (!ph || push_str(&v->set.phrases, &v->set.nphrases, &v->set_cap, ph) != 0) {
            ac_builder_bad(v->b, v->file, no, "synset member too long");
            return;
        }
    }
}

/* ---- verbs: verb lines -------------------------------------------------------- */

/* Irregular forms "{FORM FORM ...}" of verb vb, from [s, e) inside the
 * braces. The form's word at the position of the verb's inflected word (or
 * its "+" word) is taken: -ING forms are the -ing form, forms made of the
 * base plus -S the third person, the others past (the first) and past
 * participle (the second; one fills both, more are extra participles). */
static void add_irregular(vstate *v, uint64_t no, const vverb *vb, int head_index,
                          const char *s, const char *e)
{
    const char *ing[8], *third[8], *other[8];
    int ning = 0, nthird = 0, nother = 0;
    const char *p = s;
    size_t hl = strlen(vb->head);
    /* The stem a third person starts with: "carry" -> "carr", "make" -> "mak". */
    size_t stem = hl > 2 && (vb->head[hl - 1] == 'e' || vb->head[hl - 1] == 'y') ? hl - 1 : hl;
    while (p < e) {
        p = skip_space(p, e);
        const char *w = p;
        while (p < e && *p != ' ' && *p != '\t')
            p++;
        if (p == w)
            break;
        char why[160];
        tok t[MAX_TOKS];
        char norm[MAX_LINE];
        int n = tokenize(w, p, t, MAX_TOKS, norm, sizeof norm, 1, why, sizeof why);
        if (n < 0) {
            ac_builder_bad(v->b, v->file, no, "bad irregular form: %s", why);
            return;
        }
        int pick = -1;
        for (int i = 0; i < n; i++)
            if (t[i].type == T_MARKED)
                pick = i;
        if (pick < 0)
            pick = head_index < n ? head_index : 0;
        if (n == 0 || (t[pick].type != T_WORD && t[pick].type != T_MARKED)) {
            char buf[80];
            ac_builder_bad(v->b, v->file, no, "bad irregular form '%s'", shown(buf, sizeof buf, w, p));
            return;
        }
        const char *f = ac_arena_strndup(&v->b->arena, t[pick].s, t[pick].n);
        if (!f)
            return;
        size_t fl = t[pick].n;
        int dup = strcmp(f, vb->head) == 0;
        for (int i = 0; i < ning && !dup; i++)
            dup = strcmp(ing[i], f) == 0;
        for (int i = 0; i < nthird && !dup; i++)
            dup = strcmp(third[i], f) == 0;
        for (int i = 0; i < nother && !dup; i++)
            dup = strcmp(other[i], f) == 0;
        if (dup)
            continue;
        if (fl > 4 && memcmp(f + fl - 3, "ing", 3) == 0) {
            if (ning < 8)
                ing[ning++] = f;
        } else if (fl > stem && f[fl - 1] == 's' && memcmp(f, vb->head, stem) == 0) {
            if (nthird < 8)
                third[nthird++] = f;
        } else if (nother < 8) {
            other[nother++] = f;
        }
    }
    if (!ning && !nthird && !nother)
        return;
    /* Several forms of a kind are joined with '/' (compile.c registers
     * each). A form not given is left out when it is the last (compile.c
     * generates the regular ones anyway), else made regular. */
    int nforms = ning ? 5 : nthird ? 4 : 3;
    char buf[4][512];
    const char *forms[5];
    forms[0] = vb->head;
    const char **lists[4] = {other, other, third, ing};
    int counts[4] = {nother ? 1 : 0, nother > 1 ? nother - 1 : nother ? 1 : 0, nthird, ning};
    int firsts[4] = {0, nother > 1 ? 1 : 0, 0, 0};
    for (int k = 0; k < nforms - 1; k++) {
        size_t l = 0;
        buf[k][0] = '\0';
        for (int i = 0; i < counts[k]; i++) {
            const char *f = lists[k][firsts[k] + i];
            int w = snprintf(buf[k] + l, sizeof buf[k] - l, "%s%s", i ? "/" : "", f);
            if (w < 0 || (size_t)w >= sizeof buf[k] - l)
                break;
            l += (size_t)w;
        }
        if (l == 0) {
            int last_e = hl && vb->head[hl - 1] == 'e';
            snprintf(buf[k], sizeof buf[k], "%s%s", vb->head,
                     k < 2 ? (last_e ? "d" : "ed") : "s");
        }
        forms[k + 1] = ac_arena_strdup(&v->b->arena, buf[k]);
        if (!forms[k + 1])
            return;
    }
    birregular *ir = ac_vec_push(&v->b->irregular);
    if (!ir)
        return;
    memset(ir->forms, 0, sizeof ir->forms);
    memcpy(ir->forms, forms, (size_t)nforms * sizeof forms[0]);
    ir->n = nforms;
    ir->file = v->file;
    ir->line = (uint32_t)no;
}

/* The verb's phrase [s, e): words joined by blanks or '_'; "+" marks the
 * word that inflects (PETRARCH-1), else it is the first (TABARI indexes a
 * root by its first word). Fills vb and *head_index; 0 or -1 (reported). */
static int parse_verb_phrase(vstate *v, uint64_t no, const char *s, const char *e, vverb *vb,
                             int *head_index)
{
    char why[160];
    int n = tokenize(s, e, v->toks, MAX_TOKS, v->norm, sizeof v->norm, 1, why, sizeof why);
    if (n < 0) {
        ac_builder_bad(v->b, v->file, no, "%s", why);
        return -1;
    }
    int head = -1;
    for (int i = 0; i < n; i++) {
        int t = v->toks[i].type;
        if (t == T_MARKED) {
            if (head >= 0) {
                ac_builder_bad(v->b, v->file, no, "a verb has one '+' word");
                return -1;
            }
            head = i;
        } else if (t != T_WORD) {
            char buf[80];
            ac_builder_bad(v->b, v->file, no, "a verb is made of words: '%s'",
                           shown(buf, sizeof buf, s, e));
            return -1;
        }
    }
    if (n == 0) {
        ac_builder_bad(v->b, v->file, no, "no verb before the code");
        return -1;
    }
    if (head < 0)
        head = 0;
    sbuf *sb = &v->sb;
    sb_reset(sb);
    for (int i = 0; i < n; i++) {
        if (sb->n)
            sb_add(sb, " ", 1);
        if (i == head)
            sb_add(sb, "*", 1);
        sb_add(sb, v->toks[i].s, v->toks[i].n);
    }
    vb->phrase = ac_arena_strdup(&v->b->arena, sb->s);
    sb_reset(sb);
    for (int i = 0; i < n; i++)
        sb_word(sb, v->toks[i].s, v->toks[i].n);
    vb->plain = ac_arena_strdup(&v->b->arena, sb->s);
    vb->head = ac_arena_strndup(&v->b->arena, v->toks[head].s, v->toks[head].n);
    *head_index = head;
    return vb->phrase && vb->plain && vb->head ? 0 : -1;
}

/* "VERB [code]", "VERB {FORMS} [code]", "+MULTI_WORD {+FORMS}", "VERB". */
/* TABARI accepts the endings S, ED, ES, EN and ING on an exact root (one
 * written with a final '_'), appended as they are ("departes", "departen";
 * manual 5.2.3); a root written with '=' takes none. accord's own regular
 * forms are generated for every head; these literal ones are added as the
 * root's forms. [s, e) is the verb as written. */
static void literal_endings(vstate *v, uint64_t no, const vverb *vb, const char *s, const char *e)
{
    if (e <= s || e[-1] != '_' || !vb->head)
        return;
    size_t hl = strlen(vb->head);
    if (hl < 2 || hl > 60 || vb->head[hl - 1] == '~' || memchr(vb->head, ' ', hl))
        return;
    char f[4][140];
    snprintf(f[0], sizeof f[0], "%sed/%sen", vb->head, vb->head);     /* past */
    snprintf(f[1], sizeof f[1], "%sed/%sen", vb->head, vb->head);     /* participle */
    snprintf(f[2], sizeof f[2], "%ss/%ses", vb->head, vb->head);      /* 3rd person */
    snprintf(f[3], sizeof f[3], "%sing", vb->head);                   /* -ing */
    birregular *ir = ac_vec_push(&v->b->irregular);
    if (!ir)
        return;
    memset(ir, 0, sizeof *ir);
    ir->forms[0] = vb->head;
    for (int k = 0; k < 4; k++)
        ir->forms[k + 1] = ac_arena_strdup(&v->b->arena, f[k]);
    ir->n = 5;
    ir->file = v->file;
    ir->line = (uint32_t)no;
}

static void verb_line(vstate *v, uint64_t no, const char *s, const char *e)
{
    if (!v->header)
        flush_block(v);
    v->orphan = 1;
    const char *q = s;
    while (q < e && *q != '{' && *q != '[')
        q++;
    vverb vb;
    memset(&vb, 0, sizeof vb);
    vb.kind = EC_NONE;
    vb.line = (uint32_t)no;
    int head_index = 0;
    const char *verb_end = trim_end(s, q);
    if (parse_verb_phrase(v, no, s, verb_end, &vb, &head_index) != 0)
        return;
    const char *forms = NULL, *forms_end = NULL;
    while (q < e) {
        q = skip_space(q, e);
        if (q == e)
            break;
        char close = *q == '{' ? '}' : *q == '[' ? ']' : 0;
        const char *c = close ? find_char(q + 1, e, close) : NULL;
        if (!c || (close == '}' && forms) || (close == ']' && vb.kind != EC_NONE)) {
            char buf[80];
            ac_builder_bad(v->b, v->file, no, "unexpected '%s' after the verb "
                           "(expected {FORMS} and one [CODE])", shown(buf, sizeof buf, q, e));
            return;
        }
        if (close == '}') {
            forms = q + 1;
            forms_end = c;
        } else {
            char why[160];
            vb.kind = parse_event_code(v->b, q + 1, c, &vb.code, &vb.code2, why, sizeof why);
            if (vb.kind == EC_BAD) {
                ac_builder_bad(v->b, v->file, no, "%s", why);
                return;
            }
        }
        q = c + 1;
    }
    vverb *slot = ac_vec_push(&v->verbs);
    if (!slot)
        return;
    *slot = vb;
    v->orphan = 0;
    if (forms)
        add_irregular(v, no, slot, head_index, forms, forms_end);
    else
        literal_endings(v, no, slot, s, verb_end);
}

/* "{FORMS}" on its own line: irregular forms of the verb just read. */
static void forms_line(vstate *v, uint64_t no, const char *s, const char *e)
{
    const char *c = find_char(s, e, '}');
    if (!v->verbs.len) {
        if (!v->orphan)
            ac_builder_bad(v->b, v->file, no, "irregular forms before any verb");
        return;
    }
    if (!c || trim_end(c + 1, e) != c + 1) {
        ac_builder_bad(v->b, v->file, no, "irregular forms are written {FORM FORM ...}");
        return;
    }
    const vverb *vb = ac_vec_at(&v->verbs, v->verbs.len - 1);
    /* The head's position in the phrase: count the words before '*'. */
    int head_index = 0;
    for (const char *p = vb->phrase; *p && *p != '*'; p++)
        head_index += *p == ' ';
    add_irregular(v, no, vb, head_index, s + 1, c);
}

/* "--- NAME [code] ---": a PETRARCH-1 block; its code is the default of
 * its verbs, its patterns apply to all of them. */
static void header_line(vstate *v, uint64_t no, const char *s, const char *e)
{
    flush_block(v);
    v->header = 1;
    v->dkind = EC_NULL;
    const char *o = find_char(s, e, '[');
    const char *c = o ? find_char(o, e, ']') : NULL;
    if (o && !c) {
        ac_builder_bad(v->b, v->file, no, "missing ']' in the block header");
        return;
    }
    if (o) {
        char why[160];
        int k = parse_event_code(v->b, o + 1, c, &v->dcode, &v->dcode2, why, sizeof why);
        if (k == EC_BAD) {
            ac_builder_bad(v->b, v->file, no, "%s", why);
            v->dcode = v->dcode2 = NULL;
            return;
        }
        v->dkind = k;
    }
}

/* ---- verbs: patterns ---------------------------------------------------------- */

/* "- WORDS * WORDS [code]": the pattern's words in order, the verb where
 * '*' stands, "$" source and "+" target kept, "&SET" kept, '^' '%' '@'
 * dropped; "{ A | B }" alternatives become "a/b" when each is one word,
 * otherwise one pattern per alternative. */

/* A pattern word as accord writes it: a stem keeps its '~', and any other
 * word is exact, "word=" (TABARI matches a word written with '_' as that
 * very form: "RESOLUTION_" is not "resolutions"). */
static void pat_word(sbuf *sb, const tok *x, int joined, int alt)
{
    if (alt)
        sb_add(sb, "/", 1);
    else
        sb_elem(sb, x->s, x->n, joined);
    if (alt)
        sb_add(sb, x->s, x->n);
    if (x->type == T_WORD && x->n && x->s[x->n - 1] != '~' && x->s[x->n - 1] != '=')
        sb_add(sb, "=", 1);
}

static void pattern_line(vstate *v, uint64_t no, const char *s, const char *e)
{
    ac_dict_builder *b = v->b;
    if (!v->verbs.len) {
        if (!v->orphan)    /* else the bad verb line was reported */
            ac_builder_bad(b, v->file, no, "a pattern before any verb");
        return;
    }
    if (e[-1] != ']') {
        ac_builder_bad(b, v->file, no, "a pattern ends with its [CODE]");
        return;
    }
    const char *o = e - 1;
    while (o > s && *o != '[')
        o--;
    if (*o != '[') {
        ac_builder_bad(b, v->file, no, "a pattern ends with its [CODE]");
        return;
    }
    char why[160];
    const char *code, *code2;
    int kind = parse_event_code(b, o + 1, e - 1, &code, &code2, why, sizeof why);
    if (kind == EC_BAD) {
        ac_builder_bad(b, v->file, no, "%s", why);
        return;
    }
    if (kind != EC_EVENT)
        return;            /* null, discard and complex patterns code nothing */
    tok *t = v->toks;
    int n = tokenize(s + 1, o, t, MAX_TOKS, v->norm, sizeof v->norm, 0, why, sizeof why);
    if (n < 0) {
        ac_builder_bad(b, v->file, no, "%s", why);
        return;
    }
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (t[i].type != T_DROP)
            t[kept++] = t[i];
    n = kept;
    /* Items: a token, or a { | } group of alternatives (token ranges). */
    typedef struct range { int first, count; } range;
    struct { int group; int first, count; } item[MAX_TOKS];
    range alts[MAX_TOKS];
    int nitem = 0, nalt = 0, verbs = 0;
    for (int i = 0; i < n; i++) {
        if (t[i].type == T_BAR || t[i].type == T_CLOSE) {
            ac_builder_bad(b, v->file, no, "'%c' outside { }", *t[i].s);
            return;
        }
        if (t[i].type != T_OPEN) {
            verbs += t[i].type == T_VERB;
            item[nitem].group = 0;
            item[nitem].first = i;
            item[nitem++].count = 1;
            continue;
        }
        item[nitem].group = 1;
        item[nitem].first = nalt;
        item[nitem].count = 0;
        alts[nalt].first = i + 1;
        alts[nalt].count = 0;
        int closed = 0;
        for (i++; i < n && !closed; i++) {
            int ty = t[i].type;
            if (ty == T_OPEN || ty == T_VERB) {
                ac_builder_bad(b, v->file, no, "'%s' inside { }", ty == T_OPEN ? "{" : "*");
                return;
            }
            if (ty == T_BAR || ty == T_CLOSE) {
                nalt++;
                item[nitem].count++;
                if (ty == T_CLOSE) {
                    closed = 1;
                    break;
                }
                alts[nalt].first = i + 1;
                alts[nalt].count = 0;
            } else {
                alts[nalt].count++;
            }
        }
        if (!closed) {
            ac_builder_bad(b, v->file, no, "'{' without '}'");
            return;
        }
        nitem++;
    }
    if (verbs != 1) {
        ac_builder_bad(b, v->file, no, verbs ? "a pattern has one '*' (the verb)"
                                             : "a pattern needs a '*' where the verb stands");
        return;
    }
    /* A group whose alternatives are all single words is one element. */
    int simple[MAX_TOKS];
    size_t variants = 1;
    for (int k = 0; k < nitem; k++) {
        simple[k] = 0;
        if (!item[k].group)
            continue;
        int all_words = 1;
        for (int a = item[k].first; a < item[k].first + item[k].count; a++)
            if (alts[a].count != 1 || t[alts[a].first].type != T_WORD)
                all_words = 0;
        simple[k] = all_words;
        if (!all_words) {
            variants *= (size_t)item[k].count;
            if (variants > MAX_VARIANTS) {
                ac_builder_bad(b, v->file, no, "the { | } alternatives make more than %d patterns",
                               MAX_VARIANTS);
                return;
            }
        }
    }
    static const char *const MARK[] = {[T_VERB] = "*", [T_SOURCE] = "$", [T_TARGET] = "+",
                                       [T_SKIP] = "^", [T_COMPOUND] = "%"};
    for (size_t vi = 0; vi < variants; vi++) {
        sbuf *sb = &v->sb;
        sb_reset(sb);
        size_t rest = vi;
        for (int k = 0; k < nitem; k++) {
            if (!item[k].group) {
                const tok *x = &t[item[k].first];
                if (x->type == T_WORD || x->type == T_SET)
                    pat_word(sb, x, x->joined, 0);
                else
                    sb_elem(sb, MARK[x->type], 1, x->joined);
                continue;
            }
            /* "REQUIRE_{ GENEVA | ... }": the group follows its word at once. */
            int group_joined = t[alts[item[k].first].first - 1].joined;
            if (simple[k]) {
                for (int a = item[k].first; a < item[k].first + item[k].count; a++) {
                    const tok *x = &t[alts[a].first];
                    pat_word(sb, x, group_joined, a != item[k].first);
                }
                continue;
            }
            const range *r = &alts[item[k].first + (int)(rest % (size_t)item[k].count)];
            rest /= (size_t)item[k].count;
            for (int i = r->first; i < r->first + r->count; i++) {
                const tok *x = &t[i];
                /* Inside the alternative, '_' keeps its words consecutive
                 * ("{ ECONOMIC_SANCTIONS | ... }"). */
                int joined = i > r->first ? x->joined : group_joined;
                if (x->type == T_WORD || x->type == T_SET)
                    pat_word(sb, x, joined, 0);
                else
                    sb_elem(sb, MARK[x->type], 1, joined);
            }
        }
        if (sb->over) {
            ac_builder_bad(b, v->file, no, "pattern too long");
            return;
        }
        vpat *vp = ac_vec_push(&v->pats);
        if (!vp)
            return;
        vp->text = ac_arena_strdup(&b->arena, sb->s);
        vp->code = code;
        vp->code2 = code2;
        vp->line = (uint32_t)no;
        if (!vp->text)
            v->pats.len--;
    }
}

/* ---- verbs: the file ---------------------------------------------------------- */

static void end_section(vstate *v, int eof)
{
    ac_builder_bad(v->b, v->file, v->section_line,
                   "%s records are not supported: %zu lines skipped%s",
                   v->section == SEC_TIME ? "TIME (time shifting; its [###] and [+++] lines are read as discards)" :
                   "ATTRIB (attribution)",
                   v->section_lines, eof ? " (and no closing tag)" : "");
    v->section = SEC_NONE;
}

static int make_name(const char *s, const char *e, int lower, int gaps, char *out, size_t cap);

/* A <TIME> line "PHRASE [###]" (discard) or "PHRASE [+++]" (complex: TABARI
 * sets the sentence aside uncoded) stops the sentence from being coded, as
 * a [###] root does; accord keeps it as a discard phrase. Time shifts
 * ([+7], [-30]) and [---] are not read: returns 0 for them. */
static int time_discard(vstate *v, uint64_t no, const char *s, const char *e)
{
    const char *open = find_char(s, e, '[');
    if (*s == '-' || !open)
        return 0;
    const char *close = find_char(open, e, ']');
    if (!close)
        return 0;
    const char *c = skip_space(open + 1, close), *ce = trim_end(c, close);
    if (ce - c != 3 || !(memcmp(c, "###", 3) == 0 || memcmp(c, "+++", 3) == 0))
        return 0;
    char buf[256];
    if (make_name(s, trim_end(s, open), 1, 0, buf, sizeof buf) <= 0)
        return 0;
    vverb vb;
    memset(&vb, 0, sizeof vb);
    vb.plain = ac_arena_strdup(&v->b->arena, buf);
    vb.line = (uint32_t)no;
    if (!vb.plain)
        return 0;
    push_discard(v, &vb);
    return 1;
}

/* "<TAG>" lines of a .verbs file. */
static void verbs_tag(vstate *v, uint64_t no, const char *s, const char *e)
{
    const char *t = s + 1, *te = find_char(t, e, '>');
    if (!te)
        te = e;
    te = trim_end(t, te);
    close_set(v);
    if (word_is(t, te, "SYNSETS") || word_is(t, te, "SYNSET")) {
        v->in_synsets = 1;
    } else if (word_is(t, te, "/SYNSETS") || word_is(t, te, "/SYNSET")) {
        v->in_synsets = 0;
    } else if (word_is(t, te, "TIME") || word_is(t, te, "ATTRIB") || word_is(t, te, "ATTRIBUTION")) {
        v->section = to_upper(*t) == 'T' ? SEC_TIME : SEC_ATTRIB;
        v->section_line = no;
        v->section_lines = 0;
    } else {
        char buf[80];
        ac_builder_bad(v->b, v->file, no, "unknown tag '%s' in a .verbs file",
                       shown(buf, sizeof buf, s, e));
    }
}

void ac_tabari_load_verbs(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    vstate *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->b = b;
    v->file = file;
    v->dkind = EC_NULL;
    ac_vec_init(&v->verbs, sizeof(vverb));
    ac_vec_init(&v->pats, sizeof(vpat));
    lines it = {text, text + len, 0};
    const char *s, *e;
    while (next_line(&it, &s, &e)) {
        int r = prep_line(b, file, it.no, &s, &e);
        if (r == LINE_END)
            break;
        if (r == LINE_SKIP)
            continue;
        if (v->section) {
            const char *t = s + 1, *te = find_char(s, e, '>');
            if (*s == '<' && te &&
                (word_is(t, trim_end(t, te), "/TIME") || word_is(t, trim_end(t, te), "/ATTRIB") ||
                 word_is(t, trim_end(t, te), "/ATTRIBUTION")))
                end_section(v, 0);
            else if (!(v->section == SEC_TIME && time_discard(v, it.no, s, e)))
                v->section_lines++;
            continue;
        }
        if (*s == '<') {
            verbs_tag(v, it.no, s, e);
        } else if (*s == '&') {
            flush_block(v);
            open_set(v, it.no, s, e);
        } else if (*s == '+' && (v->set_open || v->in_synsets)) {
            if (v->set_open)
                add_set_member(v, it.no, s, e);
            else
                ac_builder_bad(b, file, it.no, "a synset member before any &NAME line");
        } else if (v->in_synsets) {
            close_set(v);
            ac_builder_bad(b, file, it.no, "inside <SYNSETS> a line is &NAME or +PHRASE");
        } else {
            close_set(v);
            if (e - s >= 3 && memcmp(s, "---", 3) == 0)
                header_line(v, it.no, s, e);
            else if (*s == '-')
                pattern_line(v, it.no, s, e);
            else if (*s == '{')
                forms_line(v, it.no, s, e);
            else
                verb_line(v, it.no, s, e);
        }
    }
    if (v->section)
        end_section(v, 1);
    close_set(v);
    flush_block(v);
    ac_vec_free(&v->verbs);
    ac_vec_free(&v->pats);
    free(v);
}

/* ---- actors and agents: names ------------------------------------------------- */

/* Function words that stay lower case inside a Title Case name. */
static int function_word(const char *w, size_t n)
{
    static const char *const WORDS[] = {"a", "an", "the", "of", "and", "for", "in", "on", "at",
                                        "to", "by", "with", "de", "du", "des", "del", "la", "le",
                                        "da", "di", "van", "von", "y"};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
        if (strlen(WORDS[i]) == n && memcmp(WORDS[i], w, n) == 0)
            return 1;
    return 0;
}

/* A TABARI phrase [s, e) as a name: words split at blanks and '_', a
 * trailing '=' or '~' dropped; lower case when lower, else Title Case with
 * function words in lower case unless first ("U.S." and "Barad-Dur" keep a
 * capital after '.' and '-', "O'Brien" after a one-letter prefix). Writes
 * into out (cap bytes); returns the length, 0 when empty, -1 when the
 * phrase holds a character a name cannot ('[', ']', '{', '}', '|').
 * With gaps, words parted by a blank rather than '_' may have other words
 * between them in the text ("PRINCE DOL_AMROTH" is also "Prince of
 * Dol Amroth", TABARI manual 5.5.3): accord's name writes that as " * ". */
static int make_name(const char *s, const char *e, int lower, int gaps, char *out, size_t cap)
{
    size_t n = 0;
    const char *p = s;
    while (p < e) {
        int blank = 0;
        while (p < e && (*p == ' ' || *p == '\t' || *p == '_' || *p == '-')) {
            blank |= *p == ' ' || *p == '\t';
            p++;
        }
        if (gaps && blank && n && p < e) {
            if (n + 3 > cap)
                return -1;
            memcpy(out + n, " *", 2);
            n += 2;
        }
        const char *w = p;
        while (p < e && *p != ' ' && *p != '\t' && *p != '_' && *p != '-')
            p++;
        const char *we = p;
        int strict = 0;
        while (we > w && (we[-1] == '=' || we[-1] == '~')) {
            strict |= we[-1] == '=';
            we--;
        }
        if (we == w)
            continue;
        if (n + (size_t)(we - w) + 2 > cap)
            return -1;
        if (n)
            out[n++] = ' ';
        size_t start = n;
        for (const char *q = w; q < we; q++) {
            if (*q == '[' || *q == ']' || *q == '{' || *q == '}' || *q == '|')
                return -1;
            out[n++] = to_lower(*q);
        }
        /* A word without a final '_' is a stem (see tokenize). */
        int stem = !(p < e && (*p == '_' || *p == '-')) && !strict && is_stem_word(out + start, n - start);
        /* A leading "the" stays lower case too ("the Shire"). */
        int lead_the = start == 0 && n == 3 && !memcmp(out, "the", 3) && p < e;
        if (!(lower || lead_the || (start > 0 && function_word(out + start, n - start)))) {
            for (size_t i = start; i < n; i++) {
                int cap_here = i == start || out[i - 1] == '.' || out[i - 1] == '-' ||
                               (out[i - 1] == '\'' && i == start + 2);
                if (cap_here)
                    out[i] = to_upper(out[i]);
            }
        }
        if (stem) {
            if (n + 2 > cap)
                return -1;
            out[n++] = '~';
        }
    }
    if (n >= 2 && out[n - 1] == '*' && out[n - 2] == ' ')
        n -= 2;                                 /* a gap before nothing */
    if (n < cap)
        out[n] = '\0';
    return (int)n;
}

/* Names already given an actor by this file (-> index in b->actors), so a
 * repeated name adds its codes to the first entry. */
typedef struct nindex {
    uint64_t *hash;
    uint32_t *idx;
    const char **name;
    size_t cap, n;
} nindex;

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

static uint32_t nindex_get(const nindex *x, const char *name)
{
    if (!x->cap)
        return UINT32_MAX;
    uint64_t h = name_hash(name);
    for (size_t i = h & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
        if (!x->hash[i])
            return UINT32_MAX;
        if (x->hash[i] == h && strcmp(x->name[i], name) == 0)
            return x->idx[i];
    }
}

static void nindex_put(nindex *x, const char *name, uint32_t idx)
{
    if ((x->n + 1) * 2 > x->cap) {
        size_t nc = x->cap ? x->cap * 2 : 256;
        uint64_t *nh = calloc(nc, sizeof *nh);
        uint32_t *ni = calloc(nc, sizeof *ni);
        const char **nn = calloc(nc, sizeof *nn);
        if (!nh || !ni || !nn) {
            free(nh);
            free(ni);
            free(nn);
            return;
        }
        for (size_t i = 0; i < x->cap; i++) {
            if (!x->hash[i])
                continue;
            size_t j = x->hash[i] & (nc - 1);
            while (nh[j])
                j = (j + 1) & (nc - 1);
            nh[j] = x->hash[i];
            ni[j] = x->idx[i];
            nn[j] = x->name[i];
        }
        free(x->hash);
        free(x->idx);
        free(x->name);
        x->hash = nh;
        x->idx = ni;
        x->name = nn;
        x->cap = nc;
    }
    uint64_t h = name_hash(name);
    size_t i = h & (x->cap - 1);
    while (x->hash[i]) {
        if (x->hash[i] == h && strcmp(x->name[i], name) == 0)
            return;
        i = (i + 1) & (x->cap - 1);
    }
    x->hash[i] = h;
    x->idx[i] = idx;
    x->name[i] = name;
    x->n++;
}

static void nindex_free(nindex *x)
{
    free(x->hash);
    free(x->idx);
    free(x->name);
}

/* ---- actors --------------------------------------------------------------- */

/* One [CODE restriction] group; code NULL for "---" (null), "###"
 * (discard) and "+++" (complex), which accord treats alike: no code. */
typedef struct citem {
    const char *code;
    int32_t from, to;
    uint8_t dated;
    uint8_t discard;
} citem;

enum { SECT_ACTORS, SECT_NOUNS, SECT_ADJECTIVES };

typedef struct astate {
    ac_dict_builder *b;
    const char *file;
    int section;
    /* The entry being read: its primary line, + synonyms, indented codes. */
    int open;
    uint64_t line;
    const char **names;
    size_t nnames, cap;
    citem codes[MAX_CODES];
    size_t ncodes;
    int groups;            /* code groups read, null ones included */
    int parsed;            /* ... of which were good */
    nindex idx;
} astate;

/* Parses the inside of an actor code bracket: "CODE", "CODE <YYMMDD",
 * "CODE >YYMMDD", "CODE YYMMDD-YYMMDD" (blanks allowed around the marks),
 * "---" or "- - -" with or without a restriction (a compound "A/B" is
 * split by the caller). Returns 0, or -1 (reported). */
static int parse_actor_code(astate *a, uint64_t no, const char *s, const char *e, citem *out)
{
    ac_dict_builder *b = a->b;
    char buf[80];
    s = skip_space(s, e);
    e = trim_end(s, e);
    memset(out, 0, sizeof *out);
    out->to = 99999999;
    const char *c = s, *ce;
    int spaced_null = e - s >= 5 && memcmp(s, "- - -", 5) == 0;
    if (spaced_null) {
        ce = s + 5;
    } else {
        ce = s;
        while (ce < e && *ce != ' ' && *ce != '\t' && *ce != '<' && *ce != '>')
            ce++;
    }
    if (ce == c) {
        ac_builder_bad(b, a->file, no, "no code in '[%s]'", shown(buf, sizeof buf, s, e));
        return -1;
    }
    int null = spaced_null || (ce - c == 3 && (memcmp(c, "---", 3) == 0 ||
                                                 memcmp(c, "###", 3) == 0 ||
                                                 memcmp(c, "+++", 3) == 0));
    if (!null) {
        const char *slash = find_char(c, ce, '/');
        const char *end = slash ? slash : ce;
        for (const char *p = c; p < end; p++)
            if (!(is_upper(to_upper(*p)) || is_digit(*p)) || p - c >= 63) {
                ac_builder_bad(b, a->file, no, "bad code '%s' (letters and digits)",
                               shown(buf, sizeof buf, c, ce));
                return -1;
            }
        if (end == c) {
            ac_builder_bad(b, a->file, no, "bad code '%s'", shown(buf, sizeof buf, c, ce));
            return -1;
        }
        char up[64];
        size_t l = (size_t)(end - c);
        for (size_t i = 0; i < l; i++)
            up[i] = to_upper(c[i]);
        out->code = ac_arena_strndup(&b->arena, up, l);
        if (!out->code)
            return -1;
        if (slash)
            ac_builder_bad(b, a->file, no, "'/' inside the code '%s'", shown(buf, sizeof buf, c, ce));
    } else {
        out->discard = *c == '#';
    }
    const char *r = skip_space(ce, e);
    if (r == e)
        return 0;
    int32_t d1 = 0, d2 = 0;
    if (*r == '<' || *r == '>') {
        const char *ds = skip_space(r + 1, e);
        d1 = tabari_date(ds, e);
        if (*r == '<')
            out->to = d1;
        else
            out->from = d1;
        d2 = d1;
    } else {
        const char *dash = find_char(r, e, '-');
        if (dash) {
            d1 = tabari_date(r, trim_end(r, dash));
            d2 = tabari_date(skip_space(dash + 1, e), e);
            out->from = d1;
            out->to = d2;
        }
    }
    if (!d1 || !d2 || out->from > out->to) {
        ac_builder_bad(b, a->file, no, "bad date restriction '%s' (<YYMMDD, >YYMMDD or "
                       "YYMMDD-YYMMDD; YYYYMMDD also)", shown(buf, sizeof buf, r, e));
        return -1;
    }
    out->dated = 1;
    return 0;
}

/* Reads the "[...] [...]" groups of [s, e) into the open entry. */
static void actor_codes(astate *a, uint64_t no, const char *s, const char *e)
{
    const char *p = s;
    while ((p = skip_space(p, e)) < e) {
        char buf[80];
        const char *c = *p == '[' ? find_char(p, e, ']') : NULL;
        if (!c) {
            ac_builder_bad(a->b, a->file, no, "unexpected '%s' (expected [CODE ...])",
                           shown(buf, sizeof buf, p, e));
            return;
        }
        a->groups++;
        /* A compound "[FRO/BIL/SAM]" names several actors at once: one
         * undated code each (the coder codes each, as for several codes). */
        const char *part = p + 1;
        int good = 1;
        while (part <= c) {
            const char *slash = find_char(part, c, '/');
            const char *pe = slash ? slash : c;
            citem it;
            if (parse_actor_code(a, no, part, pe, &it) == 0) {
                if (a->ncodes == MAX_CODES)
                    ac_builder_bad(a->b, a->file, no, "more than %d codes for one actor", MAX_CODES);
                else
                    a->codes[a->ncodes++] = it;
            } else {
                good = 0;
            }
            if (!slash)
                break;
            part = slash + 1;
        }
        a->parsed += good;
        p = c + 1;
    }
}

/* The kind of an actor from its codes: IGO..., NGO.../IMG.../MNC...,
 * three letters (a country), else a person. */
static int actor_kind(const ac_code_range *codes, size_t n)
{
    if (n == 0)
        return BK_PERSON;
    const char *c = codes[0].code;
    if (strncmp(c, "IGO", 3) == 0)
        return BK_IGO;
    if (strncmp(c, "NGO", 3) == 0 || strncmp(c, "IMG", 3) == 0 || strncmp(c, "MNC", 3) == 0)
        return BK_GROUP;
    for (size_t i = 0; i < n; i++) {
        const char *k = codes[i].code;
        if (strlen(k) != 3 || !is_upper(k[0]) || !is_upper(k[1]) || !is_upper(k[2]))
            return BK_PERSON;
    }
    return BK_COUNTRY;
}

/* The codes of the entry as accord's ranges. TABARI takes the first
 * restriction that holds, and the undated default only when none does; a
 * null code ([---], [###], [+++]) that holds means "no code". accord has no
 * null code, so each code keeps only the dates no null restriction listed
 * before it (for the default: no null restriction at all) covers: a range
 * may split in two, an undated code becomes dated. */
static size_t resolve_codes(astate *a, ac_code_range *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < a->ncodes; i++) {
        const citem *it = &a->codes[i];
        if (!it->code)
            continue;
        int32_t from[MAX_CODES + 1], to[MAX_CODES + 1];
        size_t np = 1;
        from[0] = it->dated ? it->from : 0;
        to[0] = it->dated ? it->to : 99999999;
        int cut = 0;
        size_t upto = it->dated ? i : a->ncodes;
        for (size_t k = 0; k < upto; k++) {
            const citem *nl = &a->codes[k];
            if (nl->code || !nl->dated)
                continue;
            cut = 1;
            size_t w = 0;
            int32_t nf[MAX_CODES + 1], nt[MAX_CODES + 1];
            for (size_t p = 0; p < np; p++) {
                if (nl->to < from[p] || nl->from > to[p]) {
                    nf[w] = from[p];
                    nt[w++] = to[p];
                    continue;
                }
                if (nl->from > from[p] && w <= MAX_CODES) {
                    nf[w] = from[p];
                    nt[w++] = next_day(nl->from, -1);
                }
                if (nl->to < to[p] && w <= MAX_CODES) {
                    nf[w] = next_day(nl->to, 1);
                    nt[w++] = to[p];
                }
            }
            memcpy(from, nf, w * sizeof *from);
            memcpy(to, nt, w * sizeof *to);
            np = w;
        }
        for (size_t p = 0; p < np && n < cap; p++) {
            out[n].code = it->code;
            out[n].from = from[p];
            out[n].to = to[p];
            out[n].dated = it->dated || cut;
            n++;
        }
    }
    return n;
}

/* The dates on which the entry discards its sentence: where the first
 * dated restriction that holds is [###], or where none holds and the
 * undated default is [###] ("ENT [### <890101] [ENT]", "USSR [USR <911226]
 * [###]"). Each elementary interval between restriction bounds has one
 * winner; the discard ones are written to out, adjacent ones merged.
 * Returns their number; *always is set when they cover every date. */
static size_t discard_ranges(const astate *a, ac_code_range *out, size_t cap, int *always)
{
    int32_t starts[2 * MAX_CODES + 1];
    size_t ns = 0, n = 0;
    int any = 0, undated_discard = 0;
    starts[ns++] = 0;
    for (size_t i = 0; i < a->ncodes; i++) {
        const citem *it = &a->codes[i];
        any |= it->discard;
        if (!it->dated) {
            undated_discard |= it->discard && !it->code;
            continue;
        }
        starts[ns++] = it->from;
        if (it->to < 99999999)
            starts[ns++] = next_day(it->to, 1);
    }
    *always = 0;
    if (!any)
        return 0;
    for (size_t i = 1; i < ns; i++)            /* insertion sort, few items */
        for (size_t k = i; k > 0 && starts[k - 1] > starts[k]; k--) {
            int32_t t = starts[k];
            starts[k] = starts[k - 1];
            starts[k - 1] = t;
        }
    for (size_t k = 0; k < ns; k++) {
        if (k + 1 < ns && starts[k + 1] == starts[k])
            continue;
        int32_t from = starts[k];
        int32_t to = k + 1 < ns ? next_day(starts[k + 1], -1) : 99999999;
        const citem *win = NULL;
        for (size_t i = 0; i < a->ncodes && !win; i++)
            if (a->codes[i].dated && a->codes[i].from <= from && from <= a->codes[i].to)
                win = &a->codes[i];
        int discard = win ? win->discard : undated_discard;
        if (!discard)
            continue;
        if (n && out[n - 1].to != 99999999 && next_day(out[n - 1].to, 1) == from) {
            out[n - 1].to = to;
        } else if (n < cap) {
            out[n].code = "###";
            out[n].from = from;
            out[n].to = to;
            out[n].dated = 1;
            n++;
        }
    }
    *always = n == 1 && out[0].from == 0 && out[0].to == 99999999;
    return n;
}

/* A dated discard: a discard entry of its own, with the dates (the coder
 * discards the sentence only on those). */
static void push_dated_discard(astate *a, const ac_code_range *r, size_t n)
{
    ac_dict_builder *b = a->b;
    ac_code_range *cc = ac_arena_alloc(&b->arena, n * sizeof *cc);
    const char **names = malloc(a->nnames * sizeof *names);
    if (!cc || !names) {
        free(names);
        return;
    }
    memcpy(cc, r, n * sizeof *cc);
    memcpy(names, a->names, a->nnames * sizeof *names);
    bactor *e = ac_vec_push(&b->actors);
    if (!e) {
        free(names);
        return;
    }
    memset(e, 0, sizeof *e);
    e->kind = BK_DISCARD;
    e->caps = CAPS_FIRST;
    e->names = names;
    e->nnames = a->nnames;
    e->codes = cc;
    e->ncodes = (uint32_t)n;
    e->file = a->file;
    e->line = (uint32_t)a->line;
}

/* Adds the entry being read to the builder, or its names and codes to the
 * entry that already has its first name. */
static void close_actor(astate *a)
{
    if (!a->open)
        return;
    a->open = 0;
    ac_dict_builder *b = a->b;
    if (a->groups == 0 && a->section == SECT_ACTORS) {
        ac_builder_bad(b, a->file, a->line, "actor '%s' has no [CODE]", a->names[0]);
        goto drop;
    }
    if (a->groups && !a->parsed)
        goto drop;         /* every code was bad, and reported */
    ac_code_range codes[2 * MAX_CODES];
    size_t n = resolve_codes(a, codes, sizeof codes / sizeof codes[0]);
    ac_code_range dr[2 * MAX_CODES + 1];
    int discard = 0;
    size_t ndr = discard_ranges(a, dr, sizeof dr / sizeof dr[0], &discard);
    if (ndr && !(discard && n == 0))
        push_dated_discard(a, dr, ndr);
    uint32_t first = nindex_get(&a->idx, a->names[0]);
    if (first != UINT32_MAX) {
        bactor *e = ac_vec_at(&b->actors, first);
        ac_code_range *all = ac_arena_alloc(&b->arena, (e->ncodes + n + 1) * sizeof *all);
        if (!all)
            goto drop;
        memcpy(all, e->codes, e->ncodes * sizeof *all);
        memcpy(all + e->ncodes, codes, n * sizeof *all);
        e->codes = all;
        e->ncodes += (uint32_t)n;
        size_t cap = e->nnames;
        for (size_t i = 1; i < a->nnames; i++) {
            int dup = 0;
            for (size_t k = 0; k < e->nnames && !dup; k++)
                dup = strcmp(e->names[k], a->names[i]) == 0;
            if (!dup && push_str(&e->names, &e->nnames, &cap, a->names[i]) == 0)
                nindex_put(&a->idx, a->names[i], first);
        }
        if (e->kind != BK_DISCARD)
            e->kind = actor_kind(e->codes, e->ncodes);
        goto drop;
    }
    ac_code_range *cc = ac_arena_alloc(&b->arena, (n + 1) * sizeof *cc);
    if (!cc)
        goto drop;
    memcpy(cc, codes, n * sizeof *cc);
    bactor *e = ac_vec_push(&b->actors);
    if (!e)
        goto drop;
    e->kind = discard && n == 0 ? BK_DISCARD : actor_kind(cc, n);
    e->caps = CAPS_FIRST;
    /* <NOUN> and <ADJECTIVE> words without a code: common words, any case. */
    if (a->section != SECT_ACTORS && n == 0 && !discard) {
        e->kind = a->section == SECT_NOUNS ? BK_NOUN : BK_ADJECTIVE;
        e->caps = CAPS_NONE;
    }
    e->names = a->names;
    e->nnames = a->nnames;
    e->codes = cc;
    e->ncodes = (uint32_t)n;
    e->file = a->file;
    e->line = (uint32_t)a->line;
    for (size_t i = 0; i < a->nnames; i++)
        nindex_put(&a->idx, a->names[i], (uint32_t)(b->actors.len - 1));
    a->names = NULL;
    a->nnames = a->cap = 0;
    return;
drop:
    free(a->names);
    a->names = NULL;
    a->nnames = a->cap = 0;
}

/* A name [s, e) for the actor files, in the arena; NULL when bad (reported). */
static const char *actor_name(astate *a, uint64_t no, const char *s, const char *e, int lower)
{
    char buf[512];
    int n = make_name(s, e, lower, 1, buf, sizeof buf);
    if (n <= 0) {
        char sh[80];
        ac_builder_bad(a->b, a->file, no, n == 0 ? "empty name" : "bad name '%s'",
                       shown(sh, sizeof sh, s, e));
        return NULL;
    }
    return ac_arena_strndup(&a->b->arena, buf, (size_t)n);
}

/* Adds a name and, when its last word is exact (no '~'), its regular
 * plural: TABARI lets regular endings follow an exact word ("Estonias",
 * manual 5.2.3), but not a word written with '=' (strict). */
static void push_actor_name(astate *a, const char *name, int strict)
{
    if (push_str(&a->names, &a->nnames, &a->cap, name) != 0 || strict)
        return;
    size_t n = strlen(name);
    if (n < 3 || n > 500 || name[n - 1] == '~' || name[n - 1] == 's' || !is_lower(name[n - 1]))
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%ss", name);
    const char *pl = ac_arena_strdup(&a->b->arena, buf);
    if (pl)
        push_str(&a->names, &a->nnames, &a->cap, pl);
}

/* "NAME [CODE] ...": opens an entry. */
static void actor_primary(astate *a, uint64_t no, const char *s, const char *e)
{
    close_actor(a);
    const char *o = find_char(s, e, '[');
    const char *ne = trim_end(s, o ? o : e);
    const char *name = actor_name(a, no, s, ne, 0);
    if (!name)
        return;
    push_actor_name(a, name, ne > s && ne[-1] == '=');
    if (a->nnames == 0)
        return;
    a->open = 1;
    a->line = no;
    a->ncodes = 0;
    a->groups = a->parsed = 0;
    if (o)
        actor_codes(a, no, o, e);
}

static void actors_tag(astate *a, uint64_t no, const char *s, const char *e)
{
    const char *t = s + 1, *te = find_char(t, e, '>');
    te = trim_end(t, te ? te : e);
    close_actor(a);
    if (word_is(t, te, "NOUN") || word_is(t, te, "NOUNS"))
        a->section = SECT_NOUNS;
    else if (word_is(t, te, "ADJECTIVE") || word_is(t, te, "ADJECTIVES") || word_is(t, te, "ADJ"))
        a->section = SECT_ADJECTIVES;
    else if (word_is(t, te, "/NOUN") || word_is(t, te, "/NOUNS") || word_is(t, te, "/ADJECTIVE") ||
             word_is(t, te, "/ADJECTIVES") || word_is(t, te, "/ADJ"))
        a->section = SECT_ACTORS;
    else {
        char buf[80];
        ac_builder_bad(a->b, a->file, no, "unknown tag '%s' in a .actors file",
                       shown(buf, sizeof buf, s, e));
    }
}

/* Actors: "NAME [CODE ...] [CODE ...]", then "+SYNONYM" lines and lines
 * (indented in TABARI's files) that hold more [CODE ...] groups. <NOUN> and
 * <ADJECTIVE> sections list names without codes: they become known names
 * with no code. Names are Title Case and must be capitalised in the text
 * (CAPS_FIRST); a name listed twice adds its codes to its first entry. */
void ac_tabari_load_actors(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    astate *a = calloc(1, sizeof *a);
    if (!a)
        return;
    a->b = b;
    a->file = file;
    lines it = {text, text + len, 0};
    const char *s, *e;
    while (next_line(&it, &s, &e)) {
        int r = prep_line(b, file, it.no, &s, &e);
        if (r == LINE_END)
            break;
        if (r == LINE_SKIP)
            continue;
        if (*s == '<') {
            actors_tag(a, it.no, s, e);
        } else if (*s == '+' || *s == '[') {
            if (!a->open) {
                ac_builder_bad(b, file, it.no, "%s before any actor",
                               *s == '+' ? "a +synonym" : "a code line");
                continue;
            }
            if (*s == '[') {
                actor_codes(a, it.no, s, e);
                continue;
            }
            const char *o = find_char(s, e, '[');
            const char *ne = trim_end(s, o ? o : e);
            const char *name = actor_name(a, it.no, s + 1, ne, 0);
            if (name)
                push_actor_name(a, name, ne > s && ne[-1] == '=');
            if (o)
                actor_codes(a, it.no, o, e);
        } else {
            actor_primary(a, it.no, s, e);
        }
    }
    close_actor(a);
    free(a->names);
    nindex_free(&a->idx);
    free(a);
}

/* ---- agents ------------------------------------------------------------------ */

/* Agents: "NAME [~CODE]" (the code goes after the actor's: "ISR" + "GOV")
 * or "NAME [CODE~]" (before it), optionally "NAME {PLURAL ...} [~CODE]".
 * Names are lower case and match in any case. TABARI adds the regular
 * plural to an agent even when it ends with '_' (manual 5.2.3): only '='
 * or listed plurals make it exact. */
void ac_tabari_load_agents(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    lines it = {text, text + len, 0};
    const char *s, *e;
    while (next_line(&it, &s, &e)) {
        int r = prep_line(b, file, it.no, &s, &e);
        if (r == LINE_END)
            break;
        if (r == LINE_SKIP)
            continue;
        char buf[512], sh[80];
        const char *o = find_char(s, e, '[');
        const char *br = find_char(s, o ? o : e, '{');
        const char *ne = trim_end(s, br ? br : o ? o : e);
        const char *c = o ? find_char(o, e, ']') : NULL;
        if (!o || !c || trim_end(c + 1, e) != c + 1) {
            ac_builder_bad(b, file, it.no, "an agent line is NAME [~CODE] or NAME [CODE~]");
            continue;
        }
        bactor ag;
        memset(&ag, 0, sizeof ag);
        ag.kind = BK_AGENT;
        ag.caps = CAPS_NONE;
        ag.file = file;
        ag.line = (uint32_t)it.no;
        ag.exact = ne > s && ne[-1] == '=';
        /* The code. */
        const char *cs = skip_space(o + 1, c), *ce = trim_end(cs, c);
        ac_code_range *range = NULL;
        if (!(ce - cs == 3 && memcmp(cs, "---", 3) == 0)) {
            const char *tilde = find_char(cs, ce, '~');
            if (!tilde) {
                ac_builder_bad(b, file, it.no, "an agent code has a '~' before or after it: '%s'",
                               shown(sh, sizeof sh, cs, ce));
                continue;
            }
            ag.prefix = tilde > cs;
            const char *k = tilde > cs ? cs : skip_space(tilde + 1, ce);
            const char *ke = tilde > cs ? trim_end(cs, tilde) : ce;
            int ok = ke > k && ke - k < 64 && (tilde == cs || trim_end(tilde + 1, ce) == tilde + 1);
            char up[64];
            for (const char *p = k; p < ke && ok; p++) {
                ok = is_upper(to_upper(*p)) || is_digit(*p);
                up[p - k] = to_upper(*p);
            }
            if (!ok) {
                ac_builder_bad(b, file, it.no, "bad agent code '%s'", shown(sh, sizeof sh, cs, ce));
                continue;
            }
            range = ac_arena_alloc(&b->arena, sizeof *range);
            if (!range)
                continue;
            range->code = ac_arena_strndup(&b->arena, up, (size_t)(ke - k));
            range->from = 0;
            range->to = 99999999;
            range->dated = 0;
            if (!range->code)
                continue;
        }
        /* The name and the listed plurals. */
        int n = make_name(s, ne, 1, 1, buf, sizeof buf);
        if (n <= 0) {
            ac_builder_bad(b, file, it.no, n == 0 ? "empty name" : "bad name '%s'",
                           shown(sh, sizeof sh, s, ne));
            continue;
        }
        size_t cap = 0;
        const char *name = ac_arena_strndup(&b->arena, buf, (size_t)n);
        if (!name || push_str(&ag.names, &ag.nnames, &cap, name) != 0) {
            free(ag.names);
            continue;
        }
        if (br) {
            const char *bc = find_char(br, o, '}');
            if (!bc || trim_end(bc + 1, o) != bc + 1) {
                ac_builder_bad(b, file, it.no, "plurals are written {PLURAL ...} before the code");
                free(ag.names);
                continue;
            }
            ag.exact = 1;
            const char *p = br + 1;
            while ((p = skip_space(p, bc)) < bc) {
                const char *w = p;
                while (p < bc && *p != ' ' && *p != '\t')
                    p++;
                int pn = make_name(w, p, 1, 0, buf, sizeof buf);
                const char *pl = pn > 0 ? ac_arena_strndup(&b->arena, buf, (size_t)pn) : NULL;
                if (pl)
                    push_str(&ag.names, &ag.nnames, &cap, pl);
            }
        }
        ag.codes = range;
        ag.ncodes = range ? 1 : 0;
        bactor *slot = ac_vec_push(&b->actors);
        if (!slot) {
            free(ag.names);
            continue;
        }
        *slot = ag;
    }
}

/* ---- options ------------------------------------------------------------------ */

/* Does the word [s, e) start (in any case) with the first `sig` letters of
 * a keyword of list (NULL-terminated), the whole keyword when shorter?
 * TABARI reads commands by their first four letters, OUTPUT fields by
 * three. */
static int keyword_in(const char *s, const char *e, const char *const *list, size_t sig)
{
    size_t n = (size_t)(e - s);
    for (size_t i = 0; list[i]; i++) {
        size_t l = strlen(list[i]);
        size_t m = l < sig ? l : sig;
        if (n < m)
            continue;
        size_t k = 0;
        while (k < m && to_upper(s[k]) == list[i][k])
            k++;
        if (k == m)
            return 1;
    }
    return 0;
}

/* The next blank-separated word of [*p, e). */
static int next_word(const char **p, const char *e, const char **ws, const char **we)
{
    const char *q = skip_space(*p, e);
    if (q == e)
        return 0;
    *ws = q;
    while (q < e && *q != ' ' && *q != '\t')
        q++;
    *we = q;
    *p = q;
    return 1;
}

static int is_logical(const char *s, const char *e)
{
    return word_is(s, e, "TRUE") || word_is(s, e, "FALSE") || word_is(s, e, "T") ||
           word_is(s, e, "F") || word_is(s, e, "OFF") || word_is(s, e, "ON");
}

/* Checks the value [s, e) of a command; NULL when good, else why not. */
static const char *check_option(int cmd, const char *s, const char *e, char *why, size_t cap)
{
    const char *w, *we, *p = s;
    char sh[80];
    switch (cmd) {
    case 0: { /* SET: PARAM [=] VALUE */
        static const char *const PARAMS[] = {
            "CODE", "LABEL", "MINIMUM", "ACTOR", "AGENT", "VERB", "DUP", "CONVERT", "FBIS", "YYYY",
            "TIME", "SKIP", "HAIKU", "MATCH", "ALLCAPS", "CHECK", NULL};
        const char *eq = find_char(s, e, '=');
        if (!next_word(&p, eq ? eq : e, &w, &we))
            return "SET: needs a parameter";
        if (!keyword_in(w, we, PARAMS, 20)) {
            snprintf(why, cap, "unknown SET parameter '%s'", shown(sh, sizeof sh, w, we));
            return why;
        }
        if (word_is(w, we, "CODE"))
            return NULL;   /* CODE BY CLAUSE/SENTENCE, CODE ALL, CODE NONRESTRICTIVE = ... */
        if (!eq)
            return "SET: PARAMETER = VALUE";
        const char *vs = skip_space(eq + 1, e), *ve = trim_end(vs, e);
        if (vs == ve)
            return "SET: a value after '='";
        if (word_is(w, we, "MINIMUM")) {
            for (const char *q = vs; q < ve; q++)
                if (!is_digit(*q))
                    return "SET: MINIMUM WORDS = a number";
            return NULL;
        }
        if (!is_logical(vs, ve)) {
            snprintf(why, cap, "SET: '%s' is not TRUE, FALSE or OFF", shown(sh, sizeof sh, vs, ve));
            return why;
        }
        return NULL;
    }
    case 1: { /* LABEL: CODE = TEXT */
        const char *eq = find_char(s, e, '=');
        if (!eq || skip_space(s, eq) == eq)
            return "LABEL: CODE = TEXT";
        return NULL;
    }
    case 2: /* FORWARD: FORMAT [DOC] [OFF] */
        return next_word(&p, e, &w, &we) ? NULL : "FORWARD: needs a sequence format";
    case 3: { /* DEFAULT: SOURCE [code] PRIOR TARGET [code] AFTER, or OFF */
        static const char *const WORDS[] = {"SOURCE", "TARGET", "PRIOR", "AFTER", "OFF", NULL};
        int any = 0;
        while (next_word(&p, e, &w, &we)) {
            if (*w == '[')
                continue;
            const char *k = we;
            while (k > w && k[-1] == ':')
                k--;
            if (!keyword_in(w, k, WORDS, 6)) {
                snprintf(why, cap, "DEFAULT: unexpected '%s'", shown(sh, sizeof sh, w, we));
                return why;
            }
            any = 1;
        }
        return any ? NULL : "DEFAULT: SOURCE [CODE] TARGET [CODE], or OFF";
    }
    case 4: { /* COMMA: OFF, or MIN=n MAX=n EMIN=n EMAX=n BMIN=n BMAX=n */
        static const char *const KEYS[] = {"MIN", "MAX", "EMIN", "EMAX", "BMIN", "BMAX", NULL};
        if (word_is(skip_space(s, e), trim_end(s, e), "OFF"))
            return NULL;
        int any = 0;
        while ((p = skip_space(p, e)) < e) {
            const char *k = p;
            while (p < e && (is_upper(to_upper(*p))))
                p++;
            const char *ke = p;
            p = skip_space(p, e);
            if (p == e || *p != '=' || !keyword_in(k, ke, KEYS, 4))
                return "COMMA: OFF, or KEY = NUMBER with MIN MAX EMIN EMAX BMIN BMAX";
            p = skip_space(p + 1, e);
            const char *n = p;
            while (p < e && is_digit(*p))
                p++;
            if (p == n)
                return "COMMA: KEY = NUMBER";
            any = 1;
        }
        return any ? NULL : "COMMA: OFF, or KEY = NUMBER";
    }
    case 5: { /* COMPLEX: conditions */
        static const char *const NUMERIC[] = {"VERBS", "ACTORS", "PRONOUNS", "CONJ", "COMMA",
                                              "LATEVERB", NULL};
        static const char *const FLAGS[] = {"NOACTPRIOR", "NOACTAFTER", "NOVERB", "NOSOURCE",
                                            "NOTARGET", "NOEVENT", "EXPLAIN", "NOSAVE", NULL};
        int any = 0;
        while (next_word(&p, e, &w, &we)) {
            const char *o = find_char(w, we, '[');
            if (o) {
                const char *c = find_char(o, we, ']');
                int ok = c && c == we - 1 && c > o + 1 && keyword_in(w, o, NUMERIC, 20);
                for (const char *q = o + 1; ok && q < c; q++)
                    ok = is_digit(*q);
                if (!ok) {
                    snprintf(why, cap, "COMPLEX: bad condition '%s'", shown(sh, sizeof sh, w, we));
                    return why;
                }
            } else if (!keyword_in(w, we, FLAGS, 20)) {
                snprintf(why, cap, "COMPLEX: unknown condition '%s'", shown(sh, sizeof sh, w, we));
                return why;
            }
            any = 1;
        }
        return any ? NULL : "COMPLEX: needs conditions";
    }
    case 6: /* NONEVENTS: TRUE | FALSE | ONLY */
        if (next_word(&p, e, &w, &we) && (is_logical(w, we) || word_is(w, we, "ONLY")) &&
            !next_word(&p, e, &w, &we))
            return NULL;
        return "NONEVENTS: TRUE, FALSE or ONLY";
    case 7: { /* OUTPUT: fields */
        static const char *const FIELDS[] = {"ACTORS", "AGENTS", "PARENT", "SHIFT", "MATCH",
                                             "LOCS", "PATTERN", "ID", "TEXT", "STORY",
                                             "SENTENCE", "DOCUMENT", NULL};
        int any = 0;
        while (next_word(&p, e, &w, &we)) {
            if (!keyword_in(w, we, FIELDS, 3)) {
                snprintf(why, cap, "OUTPUT: unknown field '%s'", shown(sh, sizeof sh, w, we));
                return why;
            }
            any = 1;
        }
        return any ? NULL : "OUTPUT: needs fields";
    }
    }
    return NULL;
}

/* Options: every line is checked against the commands of the manual's
 * chapter 8 (SET, LABEL, FORWARD, DEFAULT, COMMA, COMPLEX, NONEVENTS,
 * OUTPUT; TABARI reads the first four letters of the command) and nothing
 * is kept: accord's coder has fixed behaviour. '#' and "//" start comments;
 * a line starting with '~' ends the file. Bytes are not checked for UTF-8:
 * nothing is kept. */
void ac_tabari_load_options(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    static const char *const COMMANDS[] = {"SET", "LABEL", "FORWARD", "DEFAULT", "COMMA",
                                           "COMPLEX", "NONEVENTS", "OUTPUT", NULL};
    lines it = {text, text + len, 0};
    const char *s, *e;
    while (next_line(&it, &s, &e)) {
        s = skip_space(s, e);
        for (const char *p = s; p < e; p++)
            if (*p == '#' || (*p == '/' && p + 1 < e && p[1] == '/')) {
                e = p;
                break;
            }
        e = trim_end(s, e);
        if (s == e)
            continue;
        if (*s == '~')
            break;
        char sh[80], why[160];
        if (e - s > MAX_LINE) {
            ac_builder_bad(b, file, it.no, "line longer than %d bytes", MAX_LINE);
            continue;
        }
        const char *colon = find_char(s, e, ':');
        const char *ke = colon ? trim_end(s, colon) : s;
        int cmd = -1;
        for (int i = 0; COMMANDS[i] && colon; i++) {
            const char *one[2] = {COMMANDS[i], NULL};
            if (keyword_in(s, ke, one, 4))
                cmd = i;
        }
        if (cmd < 0) {
            ac_builder_bad(b, file, it.no, "not an option command: '%s' (expected SET:, LABEL:, "
                           "FORWARD:, DEFAULT:, COMMA:, COMPLEX:, NONEVENTS: or OUTPUT:)",
                           shown(sh, sizeof sh, s, e));
            continue;
        }
        const char *reason = check_option(cmd, colon + 1, e, why, sizeof why);
        if (reason)
            ac_builder_bad(b, file, it.no, "%s", reason);
    }
}

/* ---- project ------------------------------------------------------------------ */

/* A project line "<tag> NAME": the tag's first two letters (lower case)
 * into tag, the name (up to a "</...>" terminator) into [*ns, *ne).
 * Returns 0 for a tag line, -1 for any other line (a comment). */
static int project_line(const char *s, const char *e, char tag[3], const char **ns, const char **ne)
{
    s = skip_space(s, e);
    e = trim_end(s, e);
    if (s == e || *s != '<')
        return -1;
    const char *t = s + 1;
    const char *te = find_char(t, e, '>');
    if (!te)
        te = e;
    tag[0] = te > t ? to_lower(t[0]) : '\0';
    tag[1] = te > t + 1 ? to_lower(t[1]) : '\0';
    tag[2] = '\0';
    const char *n = te < e ? skip_space(te + 1, e) : e;
    const char *end = find_char(n, e, '<');
    *ns = n;
    *ne = trim_end(n, end ? end : e);
    return 0;
}

/* The path of a file named in the project: relative to the project's folder. */
static int project_path(const char *project, const char *ns, const char *ne, char *out, size_t cap)
{
    size_t n = (size_t)(ne - ns);
    const char *slash = strrchr(project, '/');
    size_t dl = *ns == '/' || !slash ? 0 : (size_t)(slash - project) + 1;
    if (n == 0 || dl + n + 1 > cap || memchr(ns, '\0', n))
        return -1;
    memcpy(out, project, dl);
    memcpy(out + dl, ns, n);
    out[dl + n] = '\0';
    return 0;
}

int ac_tabari_project_textfile(const char *project, char *out, size_t cap)
{
    char *text;
    size_t len;
    if (!project || !out || !cap || ac_builder_read_file(project, &text, &len, NULL) != AC_OK)
        return -1;
    lines it = {text, text + len, 0};
    const char *s, *e, *ns, *ne;
    char tag[3];
    int rc = -1;
    while (rc != 0 && next_line(&it, &s, &e))
        if (project_line(s, e, tag, &ns, &ne) == 0 && strcmp(tag, "te") == 0)
            rc = project_path(project, ns, ne, out, cap);
    free(text);
    return rc;
}

/* The project: "<actorsfile> NAME", "<verbsfile> NAME", "<agentsfile> NAME"
 * and "<optionsfile> NAME" are loaded in the order listed (there may be
 * several of each; TABARI reads only the tag's first two letters). The text,
 * event, output, problem and error files, the coder, the sessions and
 * <system>/<run> commands (never run) concern a coding run and are skipped;
 * an issues or frequencies file is reported as not read. Lines that do not
 * start with '<' are comments. */
ac_status ac_tabari_load_project(ac_dict_builder *b, const char *path, ac_error *err)
{
    if (!b || !path)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "invalid argument");
    char *text;
    size_t len;
    ac_status st = ac_builder_read_file(path, &text, &len, err);
    if (st != AC_OK)
        return st;
    const char *file = ac_builder_file(b, path);
    if (!file) {
        free(text);
        return ac_error_set(err, AC_ENOMEM, path, 0, UINT64_MAX, "out of memory");
    }
    static const struct {
        const char *tag;
        ac_dict_format fmt;
    } LOADED[] = {{"ac", AC_DICT_TABARI_ACTORS}, {"ve", AC_DICT_TABARI_VERBS},
                  {"ag", AC_DICT_TABARI_AGENTS}, {"op", AC_DICT_TABARI_OPTIONS}};
    static const char *const SKIPPED[] = {"te", "ev", "ou", "pr", "er", "co", "se", "sy", "ru",
                                          "/a", "/v", "/o", "/t", "/e", "/p", "/c", "/s", "/r"};
    lines it = {text, text + len, 0};
    const char *s, *e, *ns, *ne;
    char tag[3];
    while (st == AC_OK && next_line(&it, &s, &e)) {
        if (project_line(s, e, tag, &ns, &ne) != 0)
            continue;
        int fmt = -1, skipped = 0;
        for (size_t i = 0; i < sizeof LOADED / sizeof LOADED[0]; i++)
            if (strcmp(tag, LOADED[i].tag) == 0)
                fmt = (int)LOADED[i].fmt;
        for (size_t i = 0; i < sizeof SKIPPED / sizeof SKIPPED[0]; i++)
            skipped |= strcmp(tag, SKIPPED[i]) == 0;
        char sh[80];
        if (skipped)
            continue;
        if (strcmp(tag, "is") == 0 || strcmp(tag, "fr") == 0) {
            ac_builder_bad(b, file, it.no, "%s files are not read: '%s'",
                           tag[0] == 'i' ? "issues" : "frequency", shown(sh, sizeof sh, ns, ne));
            continue;
        }
        if (fmt < 0) {
            ac_builder_bad(b, file, it.no, "unknown project tag '%s'", shown(sh, sizeof sh, s, e));
            continue;
        }
        char full[4096];
        if (project_path(path, ns, ne, full, sizeof full) != 0) {
            ac_builder_bad(b, file, it.no, ns == ne ? "no file name after the tag"
                                                    : "file name too long");
            continue;
        }
        st = ac_dict_builder_add_format(b, full, (ac_dict_format)fmt, err);
    }
    free(text);
    return st;
}
