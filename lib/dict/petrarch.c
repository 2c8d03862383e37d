/*
 * petrarch.c -- PETRARCH-2 dictionary loaders: the CAMEO.2.0.txt verb
 * dictionary, the Phoenix actors, agents, discards and issues, and the
 * PETR_config.ini that names them.
 *
 * Each loader reads the text of one file in one pass and adds records to the
 * builder (builder.h); compile.c turns them into the dictionary like accord's
 * own records. Every string lives in the builder's arena; the name and phrase
 * arrays of bactor and bset are heap arrays the builder frees. A line that
 * cannot be used is reported with ac_builder_bad (file:line and why) and
 * skipped; the load always goes on. Text may hold anything: NUL bytes,
 * invalid UTF-8 and control characters are reported per line, CR LF and a
 * missing final newline are accepted.
 *
 * Common rules of the PETRARCH files: '#' starts a comment to the end of the
 * line; a line starting with '<' is a comment, and "<!--" without "-->"
 * opens one that runs to the line holding "-->"; '_' joins the words of a
 * phrase and is read as a space (a trailing '_', PETRARCH's "no plural" or
 * "exact word", is dropped).
 *
 * How each construct becomes records:
 *
 * Verbs. "&NAME" then "+WORD" lines is a set NAME (trailing '_' dropped),
 * members lower-cased; a "+&OTHER" member copies the members of an earlier
 * set. "--- LABEL [CODE] ---" opens a block whose default code is CODE
 * ("---": none); the label is a name, not a verb (PETRARCH-2 reads it as
 * one: EXPLAIN_VERBAL, PHYSICAL_CONFLICT). Verb lines ("ASK [020]",
 * "+ASK_FOR {+ASKED_FOR ...}", "WIRE_+TAP") add verbs to the block: '+'
 * marks the word that inflects (the first one when none does), [CODE]
 * overrides the default for the bare verb, {FORMS} are irregular forms
 * (a birregular for the inflected word). Each verb with a code gives the
 * pattern "*verb"; each pattern line "- pre * post [CODE]" gives one pattern
 * per verb of the block, in accord's syntax: "(PREP a)" and "{a b}" are
 * flattened, &SET, $, + and ^ (any word) are kept, % dropped. Paired codes
 * [042:043] fill code and code2, [:173] only code2, [---] is a pattern
 * that codes nothing (skipped). "~" transformations are reported.
 *
 * Actors. A primary phrase with optional [CODE ...] groups, "+synonym"
 * lines and indented "[CODE date]" restriction lines make one entry, named
 * in Title Case with caps = CAPS_FIRST. A repeated primary adds to the
 * first entry. A primary without a code directly followed by another
 * primary (no blank line) is read as a synonym of it: the '+' is missing in
 * the Phoenix files ("LEONID_BREZHNEV_" then "SECRETARY_BREZHNEV" then the
 * restrictions). [---] is a known actor without a code (ncodes 0).
 *
 * Agents. "phrase {plurals} [~CODE]" (or [CODE~]: prefix); {} or listed
 * plurals make the entry exact (no generated plural). "!M! = A, B" defines
 * a marker; "X!M!" is every "X" + value, glued, exact.
 *
 * Discards. One phrase a line; a leading '+' discards the whole story.
 *
 * Issues. "phrase [CODE]" lines, with n: (singular and plural), v: (verb
 * forms) and '+' (space and hyphen) expansions; "~phrase" and "~~phrase"
 * are ignore phrases.
 */
#include "dict/builder.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>
#include <xxhash.h>

#include "common/error.h"
#include "common/utf8.h"

/* ---- the context of one load ------------------------------------------------ */

typedef struct ctx {
    ac_dict_builder *b;
    const char *file;      /* interned by the caller */
    const char *p, *end;   /* the text not read yet */
    uint64_t line;         /* number of the line last read */
    uint64_t xml_from;     /* line of an open "<!--" comment, 0 when none */
    char *buf;             /* scratch space, grown on demand */
    size_t cap;
    char lost;             /* first character of the last line skipped for its
                              bytes since the caller reset it ('H' for "---"),
                              0 when none: a lost header must not let its
                              lines join the entry before it */
} ctx;

static void ctx_init(ctx *c, ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    memset(c, 0, sizeof *c);
    c->b = b;
    c->file = file;
    c->p = text;
    c->end = text ? text + len : text;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c->p += 3;                                  /* a UTF-8 byte order mark */
}

static void ctx_free(ctx *c)
{
    free(c->buf);
    c->buf = NULL;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void bad_at(ctx *c, uint64_t line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ac_builder_bad(c->b, c->file, line, "%s", msg);
}

#define bad(c, ...) bad_at((c), (c)->line, __VA_ARGS__)

/* At least n bytes of scratch space, or NULL. */
static char *scratch(ctx *c, size_t n)
{
    if (n > c->cap) {
        size_t cap = c->cap ? c->cap : 256;
        while (cap < n)
            cap *= 2;
        char *nb = realloc(c->buf, cap);
        if (!nb)
            return NULL;
        c->buf = nb;
        c->cap = cap;
    }
    return c->buf;
}

/* A quoted, bounded piece of the input for messages: at most 48 bytes,
 * cut on a character boundary (the text is valid UTF-8 by then). */
typedef struct quote {
    char s[52];
} quote;

static quote q(const char *s, const char *e)
{
    quote r;
    size_t n = (size_t)(e - s);
    if (n > 48) {
        n = 48;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(r.s, s, n);
    r.s[n] = '\0';
    return r;
}

/* ---- lines ------------------------------------------------------------------ */

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

static const char *skip_blank(const char *s, const char *e)
{
    while (s < e && is_blank(*s))
        s++;
    return s;
}

static const char *trim_end(const char *s, const char *e)
{
    while (e > s && (is_blank(e[-1]) || e[-1] == '\r'))
        e--;
    return e;
}

static const char *find(const char *s, const char *e, const char *what)
{
    size_t n = strlen(what);
    for (const char *p = s; p + n <= e; p++)
        if (memcmp(p, what, n) == 0)
            return p;
    return NULL;
}

/* Why [s, e) cannot be read, or NULL: NUL bytes, control characters other
 * than tab, invalid UTF-8. */
static const char *bad_bytes(const char *s, const char *e)
{
    const unsigned char *p = (const unsigned char *)s, *end = (const unsigned char *)e;
    while (p < end) {
        if (*p == 0)
            return "NUL byte";
        if (*p < 0x80) {
            if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
                return "control character";
            p++;
            continue;
        }
        size_t l = ac_utf8_seq_len(p, (size_t)(end - p));
        if (!l)
            return "invalid UTF-8";
        p += l;
    }
    return NULL;
}

enum { CUT_SEMICOLON = 1 };

/* The next line that holds something: comments cut, blanks trimmed, its
 * bytes checked (a bad line is reported and skipped). [*s, *e) is never
 * empty. Returns 0 at the end of the text. */
static int next_line(ctx *c, const char **s, const char **e, unsigned flags)
{
    while (c->p < c->end) {
        const char *ls = c->p;
        const char *nl = memchr(ls, '\n', (size_t)(c->end - ls));
        const char *le = nl ? nl : c->end;
        c->p = nl ? nl + 1 : c->end;
        c->line++;
        le = trim_end(ls, le);
        ls = skip_blank(ls, le);
        if (c->xml_from) {
            if (find(ls, le, "-->"))
                c->xml_from = 0;
            continue;
        }
        if (ls < le && *ls == '<') {
            if (le - ls >= 4 && memcmp(ls, "<!--", 4) == 0 && !find(ls + 4, le, "-->"))
                c->xml_from = c->line;
            continue;
        }
        const char *cut = memchr(ls, '#', (size_t)(le - ls));
        if (cut)
            le = cut;
        if ((flags & CUT_SEMICOLON) && (cut = memchr(ls, ';', (size_t)(le - ls))))
            le = cut;
        le = trim_end(ls, le);
        if (ls == le)
            continue;
        const char *why = bad_bytes(ls, le);
        if (why) {
            bad(c, "%s in the line: line skipped", why);
            c->lost = le - ls >= 3 && memcmp(ls, "---", 3) == 0 ? 'H' : *ls ? *ls : ' ';
            continue;
        }
        *s = ls;
        *e = le;
        return 1;
    }
    if (c->xml_from) {
        bad_at(c, c->xml_from, "'<!--' comment without '-->': the rest of the file is skipped");
        c->xml_from = 0;
    }
    return 0;
}

/* ---- words and phrases -------------------------------------------------------- */

enum {
    CASE_LOWER = 0,
    CASE_TITLE = 1,        /* else lower case */
    FLATTEN = 2,           /* '(', ')', '{', '}' break words too (synset members) */
    GAPS = 4               /* words parted by a blank rather than '_' may have
                              other words between them: written " * " (actor
                              and agent names; docs/dictionaries.rst) */
};

static const char *const FUNCTION_WORDS[] = {
    "of", "the", "and", "for", "de", "du", "la", "le", "al", "el", "da", "von", "van",
    "in", "on", "to", "at",
};

static int is_function_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof FUNCTION_WORDS / sizeof FUNCTION_WORDS[0]; i++)
        if (strlen(FUNCTION_WORDS[i]) == n && strncmp(FUNCTION_WORDS[i], w, n) == 0)
            return 1;
    return 0;
}

static int is_cased(utf8proc_int32_t cp)
{
    return utf8proc_toupper(cp) != cp || utf8proc_tolower(cp) != cp;
}

/* Writes the phrase [s, e) (valid UTF-8) to out, which has room for
 * 4 * (e - s) + 1 bytes: '_', blanks and tabs break words (with FLATTEN
 * also parentheses and braces), words are
 * separated by one space, the case is lowered, or in CASE_TITLE each word
 * is capitalised (also after '-', '.' and '/': "Al-Qaeda", "U.S.") except the
 * function words after the first, and a leading "the". Returns the length. */
static size_t norm_words(char *out, const char *s, const char *e, int mode)
{
    const unsigned char *p = (const unsigned char *)s, *end = (const unsigned char *)e;
    size_t o = 0, wstart = 0, nword = 0;
    int in_word = 0, upper_next = 0, blank = 0;
    for (;;) {
        int brk = p == end || *p == ' ' || *p == '\t' || *p == '_' ||
                  ((mode & FLATTEN) && (*p == '(' || *p == ')' || *p == '{' || *p == '}'));
        if (brk && p != end && *p != '_')
            blank = 1;
        if (brk && in_word) {
            /* "The Shire": a leading article stays lower case, so "the
             * Shire" matches (the first capitalised word is the name's). */
            int article = nword == 0 && p != end && o - wstart == 3 &&
                          (out[wstart] | 32) == 't' && (out[wstart + 1] | 32) == 'h' &&
                          (out[wstart + 2] | 32) == 'e';
            if ((mode & CASE_TITLE) && (nword > 0 || article)) {
                char low[8];
                size_t wl = o - wstart;
                if (wl < sizeof low) {
                    for (size_t k = 0; k < wl; k++)
                        low[k] = (char)((out[wstart + k] >= 'A' && out[wstart + k] <= 'Z')
                                            ? out[wstart + k] + 32 : out[wstart + k]);
                    if (is_function_word(low, wl))
                        memcpy(out + wstart, low, wl);
                }
            }
            nword++;
            in_word = 0;
        }
        if (p == end)
            break;
        if (brk) {
            p++;
            continue;
        }
        if (!in_word) {
            if (nword && blank && (mode & GAPS)) {
                out[o++] = ' ';
                out[o++] = '*';
            }
            blank = 0;
            if (nword)
                out[o++] = ' ';
            wstart = o;
            in_word = 1;
            upper_next = mode & CASE_TITLE;
        }
        size_t l = ac_utf8_seq_len(p, (size_t)(end - p));
        if (!l)
            l = 1;                                  /* not reached: lines are checked */
        utf8proc_int32_t cp = l == 1 ? *p : (utf8proc_int32_t)ac_utf8_decode(p, l);
        if (upper_next && is_cased(cp)) {
            cp = utf8proc_toupper(cp);
            upper_next = 0;
        } else {
            cp = utf8proc_tolower(cp);
        }
        if ((mode & CASE_TITLE) && (cp == '-' || cp == '.' || cp == '/'))
            upper_next = 1;
        o += ac_utf8_encode((uint32_t)cp, out + o);
        p += l;
    }
    out[o] = '\0';
    return o;
}

/* The phrase [s, e) normalised by norm_words, in the arena; NULL when it has
 * no word or memory is short. */
static char *phrase(ctx *c, const char *s, const char *e, int mode)
{
    char *tmp = scratch(c, 4 * (size_t)(e - s) + 1);
    if (!tmp)
        return NULL;
    size_t n = norm_words(tmp, s, e, mode);
    return n ? ac_arena_strndup(&c->b->arena, tmp, n) : NULL;
}

/* A character a pattern or set word may hold: letters, digits, - ' . and
 * any non-ASCII character (the tokenizer reads these as one word). */
static int word_char(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '\'' || ch == '.' || ch >= 0x80;
}

/* The first character of the words of p (spaces apart) that word_char
 * refuses, or 0. */
static char bad_word_char(const char *p)
{
    for (; *p; p++)
        if (*p != ' ' && !word_char((unsigned char)*p))
            return *p;
    return 0;
}

/* Grows a heap array of strings that holds n: capacity is 8, then the next
 * power of two. Returns 0, or -1 when memory is short. */
static int grow_ptrs(const char ***arr, size_t n)
{
    size_t cap = 0;
    if (n == 0)
        cap = 8;
    else if (n >= 8 && (n & (n - 1)) == 0)
        cap = 2 * n;
    if (!cap)
        return 0;
    const char **na = realloc((void *)*arr, cap * sizeof *na);
    if (!na)
        return -1;
    *arr = na;
    return 0;
}

static int push_ptr(const char ***arr, size_t *n, const char *s)
{
    if (grow_ptrs(arr, *n) != 0)
        return -1;
    (*arr)[(*n)++] = s;
    return 0;
}

static uint64_t hash_str(const char *s)
{
    return XXH3_64bits(s, strlen(s));
}

/* Pushes an actor-like record; takes the names array. Returns its index or
 * -1 (the names are freed then). */
static long push_actor(ctx *c, const bactor *a)
{
    bactor *slot = ac_vec_push(&c->b->actors);
    if (!slot) {
        free((void *)a->names);
        return -1;
    }
    *slot = *a;
    return (long)(c->b->actors.len - 1);
}

/* ---- codes ---------------------------------------------------------------------- */

/* An event code: a digit, then one to three digits or capital letters (the
 * CAMEO files use digits only; the validation suites also use project codes
 * such as 0A1, 075A and 174K). */
static int event_code_ok(const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n < 2 || n > 4 || *s < '0' || *s > '9')
        return 0;
    for (const char *p = s + 1; p < e; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')))
            return 0;
    return 1;
}

/* Reads the inside of "[...]" of a verb or pattern: "---" (no code), "CODE",
 * "CODE:CODE", ":CODE" or "CODE:---". *code and *code2 are NULL when
 * absent. Returns 0, or -1 when a code is malformed. */
static int event_codes(ctx *c, const char *s, const char *e, const char **code, const char **code2)
{
    s = skip_blank(s, e);
    e = trim_end(s, e);
    const char *colon = memchr(s, ':', (size_t)(e - s));
    const char *part[2][2] = {{s, colon ? colon : e}, {colon ? colon + 1 : e, e}};
    const char **out[2] = {code, code2};
    if (colon && skip_blank(s, colon) == colon && skip_blank(colon + 1, e) == e)
        return -1;                                  /* "[:]" */
    for (int i = 0; i < 2; i++) {
        const char *ps = skip_blank(part[i][0], part[i][1]);
        const char *pe = trim_end(ps, part[i][1]);
        *out[i] = NULL;
        if (ps == pe && (i == 1 || colon))
            continue;                               /* "[:173]", "[042]" */
        if (pe - ps == 3 && memcmp(ps, "---", 3) == 0)
            continue;
        if (!event_code_ok(ps, pe))
            return -1;
        *out[i] = ac_arena_strndup(&c->b->arena, ps, (size_t)(pe - ps));
    }
    return 0;
}

/* An actor or agent code: letters and digits, upper-cased; NULL when the
 * text holds anything else. */
static const char *actor_code(ctx *c, const char *s, const char *e)
{
    if (s == e || e - s > 64)
        return NULL;
    char *out = ac_arena_strndup(&c->b->arena, s, (size_t)(e - s));
    if (!out)
        return NULL;
    for (char *p = out; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
        else if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return NULL;
    }
    return out;
}

/* ---- verbs ---------------------------------------------------------------------- */

typedef struct vverb {
    const char *before;    /* words before the inflected one ("" when none) */
    const char *star;      /* "*word": the inflected word */
    const char *after;     /* words after it */
    const char *code, *code2;   /* of the bare verb; both NULL: none */
    uint32_t line;
} vverb;

typedef struct vpat {
    const char *pre, *post;     /* pattern text before and after the verb */
    const char *code, *code2;
    uint32_t line;
} vpat;

#define MAX_BLOCK_PATTERNS 100000

typedef struct vblock {
    int open;              /* a block header was read */
    uint32_t line;         /* of its header */
    int lost;              /* its header line was unreadable: its lines are dropped */
    const char *code, *code2;   /* the block's default code */
    ac_vec verbs;          /* vverb */
    ac_vec pats;           /* vpat */
} vblock;

/* Joins the non-empty parts with spaces into a pattern record. */
static void push_pattern(ctx *c, const char *code, const char *code2, uint32_t line,
                         const char *const *parts, int n)
{
    size_t len = 0;
    for (int i = 0; i < n; i++)
        if (*parts[i])
            len += strlen(parts[i]) + 1;
    char *t = ac_arena_alloc(&c->b->arena, len + 1);
    if (!t)
        return;
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (!*parts[i])
            continue;
        if (o)
            t[o++] = ' ';
        size_t l = strlen(parts[i]);
        memcpy(t + o, parts[i], l);
        o += l;
    }
    t[o] = '\0';
    bpattern *bp = ac_vec_push(&c->b->patterns);
    if (!bp)
        return;
    bp->code = code;
    bp->code2 = code2;
    bp->lenient = 1;
    bp->text = t;
    bp->file = c->file;
    bp->line = line;
}

/* Emits the patterns of a block: the bare verbs with a code first, then
 * each pattern line for each verb, in file order. */
static void flush_block(ctx *c, vblock *blk)
{
    for (size_t i = 0; i < blk->verbs.len; i++) {
        const vverb *v = ac_vec_at(&blk->verbs, i);
        if (v->code || v->code2) {
            const char *parts[3] = {v->before, v->star, v->after};
            push_pattern(c, v->code, v->code2, v->line, parts, 3);
        }
    }
    /* A real block gives a few thousand (CAMEO.2.0.txt: 4,550 at most); a
     * runaway one would fill memory. */
    if (blk->pats.len && blk->verbs.len > MAX_BLOCK_PATTERNS / blk->pats.len) {
        bad_at(c, blk->line, "a block of %zu verbs and %zu patterns gives more than %d patterns: "
               "its pattern lines are skipped", blk->verbs.len, blk->pats.len, MAX_BLOCK_PATTERNS);
        blk->pats.len = 0;
    }
    for (size_t k = 0; k < blk->pats.len; k++) {
        const vpat *pt = ac_vec_at(&blk->pats, k);
        for (size_t i = 0; i < blk->verbs.len; i++) {
            const vverb *v = ac_vec_at(&blk->verbs, i);
            const char *parts[5] = {pt->pre, v->before, v->star, v->after, pt->post};
            push_pattern(c, pt->code, pt->code2, pt->line, parts, 5);
        }
    }
    blk->verbs.len = 0;
    blk->pats.len = 0;
}

/* Splits [s, e) into the words of a PETRARCH phrase: '_' and blanks separate
 * words. Calls fn for each; stops and returns its non-zero value. */
typedef int (*word_fn)(const char *w, const char *we, void *arg);

static int each_petr_word(const char *s, const char *e, word_fn fn, void *arg)
{
    while (s < e) {
        while (s < e && (is_blank(*s) || *s == '_'))
            s++;
        const char *w = s;
        while (s < e && !is_blank(*s) && *s != '_')
            s++;
        if (s > w) {
            int r = fn(w, s, arg);
            if (r)
                return r;
        }
    }
    return 0;
}

/* Verb words: lower-cased, the one marked '+' found. */
typedef struct vwords {
    const char *w[16];
    size_t n[16];
    int count;
    int head;              /* index of the '+' word, -1 when none */
} vwords;

static int collect_vword(const char *w, const char *we, void *arg)
{
    vwords *vw = arg;
    if (vw->count == 16)
        return 1;
    if (*w == '+') {
        if (vw->head < 0)
            vw->head = vw->count;
        w++;
    }
    vw->w[vw->count] = w;
    vw->n[vw->count] = (size_t)(we - w);
    vw->count++;
    return 0;
}

/* Lower-cased copy of w[0..n) in the arena, or NULL if a character cannot
 * be in a word (or n is 0). */
static char *lower_word(ctx *c, const char *w, size_t n)
{
    if (!n)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!word_char((unsigned char)w[i]))
            return NULL;
    char *out = phrase(c, w, w + n, CASE_LOWER);
    return out;
}

/* Joins words [from, to) of vw lower-cased into the arena ("" when none). */
static const char *join_vwords(ctx *c, const vwords *vw, int from, int to)
{
    size_t len = 0;
    for (int i = from; i < to; i++)
        len += vw->n[i] + 1;
    char *raw = ac_arena_alloc(&c->b->arena, len + 1);
    if (!raw)
        return NULL;
    size_t o = 0;
    for (int i = from; i < to; i++) {
        if (o)
            raw[o++] = ' ';
        memcpy(raw + o, vw->w[i], vw->n[i]);
        o += vw->n[i];
    }
    raw[o] = '\0';
    if (!o)
        return "";
    return phrase(c, raw, raw + o, CASE_LOWER);
}

/* The closed-class words whose forms the coder's English table owns
 * (be, have, do, get, modals): PETRARCH irregulars never re-base them. */
static int is_auxiliary(const char *w)
{
    const uint32_t aux = WF_BE | WF_HAVE | WF_DO | WF_FUTURE | WF_COND;
    for (size_t i = 0; i < AC_ENGLISH_COUNT; i++)
        if ((AC_ENGLISH[i].flags & aux) && strcmp(AC_ENGLISH[i].word, w) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static int is_vowel(char ch)
{
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}

/* The regular third person (or plural) of w into out (room for n + 3). */
static void regular_s(const char *w, char *out)
{
    size_t n = strlen(w);
    memcpy(out, w, n + 1);
    if (n >= 2 && w[n - 1] == 'y' && !is_vowel(w[n - 2]))
        strcpy(out + n - 1, "ies");
    else if (n && (w[n - 1] == 's' || w[n - 1] == 'x' || w[n - 1] == 'z' ||
                   ends_with(w, "ch") || ends_with(w, "sh")))
        strcpy(out + n, "es");
    else
        strcpy(out + n, "s");
}

/* The irregular forms {..} of a verb whose inflected word is `base` (index
 * `head` of `nwords` words): a birregular record, forms placed by suffix.
 * `seen` holds the bases already given forms in this file: the first wins. */
static void add_irregular(ctx *c, ac_map *seen, const char *base, int head, int nwords,
                          const char *s, const char *e)
{
    const char *ing = NULL, *third = NULL, *other[2] = {NULL, NULL};
    int nother = 0, nforms = 0;
    while (s < e) {
        while (s < e && (is_blank(*s) || *s == ','))
            s++;
        const char *f = s;
        while (s < e && !is_blank(*s) && *s != ',')
            s++;
        if (s == f)
            continue;
        /* A multi-word form: its '+' word, or the word in the verb's place. */
        vwords vw = {.head = -1};
        each_petr_word(f, s, collect_vword, &vw);
        int pick = vw.head >= 0 ? vw.head : (vw.count == nwords ? head : 0);
        if (pick >= vw.count) {
            bad(c, "bad irregular form '%s'", q(f, s).s);
            return;
        }
        const char *form = lower_word(c, vw.w[pick], vw.n[pick]);
        if (!form) {
            bad(c, "bad irregular form '%s'", q(f, s).s);
            return;
        }
        nforms++;
        char reg[80];
        int regular3 = 0;
        if (strlen(base) < 64) {
            regular_s(base, reg);
            regular3 = strcmp(reg, form) == 0;
        }
        if (ends_with(form, "ing") && strcmp(form, base) != 0)
            ing = ing ? ing : form;
        else if (regular3 || (ends_with(form, "s") && !ends_with(form, "ss") && !ends_with(base, "s") &&
                              strcmp(form, base) != 0))
            third = third ? third : form;
        else if (nother < 2)
            other[nother++] = form;
    }
    if (!nforms)
        return;                                     /* "{}": no forms */
    if (is_auxiliary(base) || (ing && is_auxiliary(ing)) || (third && is_auxiliary(third)) ||
        (other[0] && is_auxiliary(other[0])) || (other[1] && is_auxiliary(other[1])))
        return;                                     /* be, have, do ...: the English table's */
    uint64_t h = hash_str(base);
    uint32_t at = ac_map_get(seen, h);
    if (at != AC_MAP_NONE &&
        strcmp(((birregular *)ac_vec_at(&c->b->irregular, at))->forms[0], base) == 0)
        return;
    /* Past and participle: one form is both; of two, one ending in -n or
     * -ne ("drawn", "broken", "undergone") is the participle. */
    const char *past = other[0], *part = other[1] ? other[1] : other[0];
    if (other[1] && (ends_with(other[0], "n") || ends_with(other[0], "ne")) &&
        !ends_with(other[1], "n") && !ends_with(other[1], "ne")) {
        past = other[1];
        part = other[0];
    }
    birregular ir;
    memset(&ir, 0, sizeof ir);
    ir.forms[0] = base;
    ir.forms[1] = past ? past : base;               /* PUT {PUTS PUTTING}: put, put */
    ir.forms[2] = part ? part : base;
    if (!third) {
        char reg[80];
        if (strlen(base) >= 64)
            return;
        regular_s(base, reg);
        third = ac_arena_strdup(&c->b->arena, reg);
        if (!third)
            return;
    }
    ir.forms[3] = third;
    ir.forms[4] = ing;
    ir.n = ing ? 5 : 4;
    ir.file = c->file;
    ir.line = (uint32_t)c->line;
    birregular *slot = ac_vec_push(&c->b->irregular);
    if (!slot)
        return;
    *slot = ir;
    ac_map_put(seen, h, (uint32_t)(c->b->irregular.len - 1));
}

/* A verb line: "ASK [020]", "HURRY {HURRIES HURRYING HURRIED }",
 * "+ASK_FOR {+ASKED_FOR ...} [020]", "WIRE_+TAP", "LASH OUT". */
static void verb_line(ctx *c, vblock *blk, ac_map *irr_seen, const char *s, const char *e)
{
    const char *brace = memchr(s, '{', (size_t)(e - s));
    const char *brack = memchr(s, '[', (size_t)(e - s));
    const char *te = brace && (!brack || brace < brack) ? brace : brack ? brack : e;
    const char *close = NULL;
    if (brace) {
        close = memchr(brace, '}', (size_t)(e - brace));
        if (!close) {
            bad(c, "missing '}' after the irregular forms");
            return;
        }
        if (brack && brack < brace) {
            bad(c, "irregular forms {..} come before the [CODE]");
            return;
        }
        brack = memchr(close, '[', (size_t)(e - close));
    }
    vwords vw = {.head = -1};
    if (each_petr_word(s, te, collect_vword, &vw) || vw.count == 0) {
        bad(c, vw.count ? "a verb has at most 16 words" : "verb line without a verb");
        return;
    }
    int head = vw.head >= 0 ? vw.head : 0;
    for (int i = 0; i < vw.count; i++)
        for (size_t k = 0; k < vw.n[i]; k++)
            if (!word_char((unsigned char)vw.w[i][k])) {
                bad(c, "unsupported character '%c' in the verb '%s'", vw.w[i][k], q(s, te).s);
                return;
            }
    vverb v;
    memset(&v, 0, sizeof v);
    v.code = blk->code;
    v.code2 = blk->code2;
    if (brack) {
        const char *be = memchr(brack, ']', (size_t)(e - brack));
        if (!be) {
            bad(c, "missing ']' after the code");
            return;
        }
        if (event_codes(c, brack + 1, be, &v.code, &v.code2) != 0) {
            bad(c, "bad code '%s' (expected [CODE], [CODE:CODE] or [---])", q(brack, be + 1).s);
            return;
        }
    }
    const char *base = lower_word(c, vw.w[head], vw.n[head]);
    v.before = join_vwords(c, &vw, 0, head);
    v.after = join_vwords(c, &vw, head + 1, vw.count);
    if (!base || !v.before || !v.after)
        return;
    size_t bl = strlen(base);
    char *star = ac_arena_alloc(&c->b->arena, bl + 2);
    if (!star)
        return;
    star[0] = '*';
    memcpy(star + 1, base, bl + 1);
    v.star = star;
    v.line = (uint32_t)c->line;
    if (brace)
        add_irregular(c, irr_seen, base, head, vw.count, brace + 1, close);
    /* A verb listed twice in a block counts once (real blocks are small:
     * past 256 verbs the search is not made). */
    for (size_t i = 0; i < blk->verbs.len && blk->verbs.len <= 256; i++) {
        const vverb *o = ac_vec_at(&blk->verbs, i);
        if (strcmp(o->star, v.star) == 0 && strcmp(o->before, v.before) == 0 &&
            strcmp(o->after, v.after) == 0)
            return;
    }
    vverb *slot = ac_vec_push(&blk->verbs);
    if (slot)
        *slot = v;
}

typedef struct vset {
    long at;               /* the open synset, index into b->sets, or -1 */
    int skip;              /* its "&NAME" line was bad: its members are dropped */
    ac_map names;          /* set name hash -> index into b->sets */
} vset;

/* Appends the element tok[0..n) of a pattern to out (a scratch string of
 * room enough); returns 0, or reports and returns -1. */
static int pattern_elem(ctx *c, const vset *vs, char *out, size_t *o, const char *tok, size_t n,
                        int joined)
{
    /* '_' joins elements that must be consecutive (accord writes it too);
     * a first element joined to the verb starts with '_'. */
    if (*o || joined)
        out[(*o)++] = joined ? '_' : ' ';
    if (n == 1 && (*tok == '+' || *tok == '$' || *tok == '^' || *tok == '%')) {
        out[(*o)++] = *tok;
        return 0;
    }
    if (*tok == '&') {
        if (n == 1) {
            bad(c, "'&' without a set name");
            return -1;
        }
        char *name = out + *o + 1;
        out[(*o)++] = '&';
        for (size_t i = 1; i < n; i++) {
            char ch = tok[i];
            if (ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 32);
            if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) {
                bad(c, "bad set name '%s'", q(tok, tok + n).s);
                return -1;
            }
            out[(*o)++] = ch;
        }
        /* PETRARCH's rule: a synset is defined in the file before use. */
        uint64_t h = XXH3_64bits(name, n - 1);
        uint32_t at = ac_map_get(&vs->names, h);
        const bset *st = at != AC_MAP_NONE && at < c->b->sets.len ? ac_vec_at(&c->b->sets, at) : NULL;
        if (!st || strlen(st->name) != n - 1 || memcmp(st->name, name, n - 1) != 0) {
            bad(c, "synset '%s' is not defined before this pattern", q(tok, tok + n).s);
            return -1;
        }
        return 0;
    }
    /* A word, or alternatives a/b/c (TABARI's BY/WITH): accord's syntax too. */
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)tok[i];
        int alt = ch == '/' && i > 0 && i + 1 < n && tok[i + 1] != '/';
        if (!word_char(ch) && !alt) {
            bad(c, "unsupported character '%c' in the pattern word '%s'", ch, q(tok, tok + n).s);
            return -1;
        }
        out[(*o)++] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
    }
    return 0;
}

/* A pattern line "- pre * post [CODE] # comment" (s is after the '-'). */
static void pattern_line(ctx *c, vblock *blk, const vset *vs, const char *s, const char *e)
{
    const char *brack = memchr(s, '[', (size_t)(e - s));
    if (!brack) {
        bad(c, "pattern without a [CODE]");
        return;
    }
    const char *be = memchr(brack, ']', (size_t)(e - brack));
    if (!be) {
        bad(c, "missing ']' after the code");
        return;
    }
    vpat pt;
    memset(&pt, 0, sizeof pt);
    if (event_codes(c, brack + 1, be, &pt.code, &pt.code2) != 0) {
        bad(c, "bad code '%s' (expected [CODE], [CODE:CODE] or [---])", q(brack, be + 1).s);
        return;
    }
    if (!pt.code && !pt.code2)
        return;                                     /* [---]: matches, codes nothing */
    size_t n = (size_t)(brack - s);
    char *buf = scratch(c, 2 * n + 2);
    if (!buf)
        return;
    char *pre = buf, *post = buf + n + 1;
    size_t npre = 0, npost = 0;
    int stars = 0, join = 0;
    const char *p = s;
    while (p < brack) {
        char ch = *p;
        if (is_blank(ch) || ch == '_' || ch == '(' || ch == ')' || ch == '{' || ch == '}') {
            /* A '_' between two words (not a final exact-word mark) joins them. */
            join = ch == '_' && p > s && !is_blank(p[-1]) && p[-1] != '(' && p + 1 < brack &&
                   !is_blank(p[1]) && p[1] != ')' && p[1] != '(';
            p++;
            continue;
        }
        if (ch == '*') {
            if (join && !stars && npre)
                pre[npre++] = '_';                  /* "SHOW_NO_*": joined to the verb */
            stars++;
            p++;
            continue;
        }
        const char *t = p;
        while (p < brack && !is_blank(*p) && *p != '_' && *p != '(' && *p != ')' && *p != '{' &&
               *p != '}' && *p != '*')
            p++;
        if (stars > 1)
            break;
        if (pattern_elem(c, vs, stars ? post : pre, stars ? &npost : &npre, t, (size_t)(p - t),
                         join) != 0)
            return;
        join = 0;
    }
    if (stars != 1) {
        bad(c, "a pattern needs exactly one '*' (found %d)", stars);
        return;
    }
    pt.pre = ac_arena_strndup(&c->b->arena, pre, npre);
    pt.post = ac_arena_strndup(&c->b->arena, post, npost);
    pt.line = (uint32_t)c->line;
    if (!pt.pre || !pt.post)
        return;
    vpat *slot = ac_vec_push(&blk->pats);
    if (slot)
        *slot = pt;
}

/* A block header "---  ASK   [CODE]  ---": the default code of the block. */
static void block_header(ctx *c, vblock *blk, const char *s, const char *e)
{
    flush_block(c, blk);
    blk->open = 1;
    blk->lost = 0;
    blk->line = (uint32_t)c->line;
    blk->code = blk->code2 = NULL;
    const char *brack = memchr(s, '[', (size_t)(e - s));
    if (!brack)
        return;                                     /* no code: "---" */
    const char *be = memchr(brack, ']', (size_t)(e - brack));
    if (!be) {
        bad(c, "missing ']' in the block header");
        return;
    }
    if (event_codes(c, brack + 1, be, &blk->code, &blk->code2) != 0) {
        blk->code = blk->code2 = NULL;
        bad(c, "bad block code '%s': the block has no default code", q(brack, be + 1).s);
    }
}

static bset *set_at(ctx *c, long i)
{
    return ac_vec_at(&c->b->sets, (size_t)i);
}

static void close_set(ctx *c, vset *vs)
{
    if (vs->at < 0)
        return;
    bset *st = set_at(c, vs->at);
    if (st->nphrases == 0) {
        bad_at(c, st->line, "synset '&%s' has no members", st->name);
        free((void *)st->phrases);
        c->b->sets.len--;
    }
    vs->at = -1;
}

static void open_set(ctx *c, vset *vs, const char *s, const char *e)
{
    close_set(c, vs);
    vs->skip = 1;                                   /* until the name is good */
    s++;                                            /* the '&' */
    while (e > s && e[-1] == '_')
        e--;
    if (s == e || e - s > 64) {
        bad(c, "bad synset name '%s'", q(s - 1, e).s);
        return;
    }
    char *name = ac_arena_strndup(&c->b->arena, s, (size_t)(e - s));
    if (!name)
        return;
    for (char *p = name; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_')) {
            bad(c, "bad synset name '&%s' (letters, digits and _)", q(s, e).s);
            return;
        }
    }
    bset *st = ac_vec_push(&c->b->sets);
    if (!st)
        return;
    st->name = name;
    st->file = c->file;
    st->line = (uint32_t)c->line;
    vs->at = (long)(c->b->sets.len - 1);
    vs->skip = 0;
    ac_map_put(&vs->names, hash_str(name), (uint32_t)vs->at);
}

/* A synset member "+WORD_WORD_" or "+&OTHER". */
static void set_member(ctx *c, vset *vs, const char *s, const char *e)
{
    s = skip_blank(s + 1, e);
    if (s < e && *s == '&') {
        const char *ne = e;
        while (ne > s + 1 && ne[-1] == '_')
            ne--;
        char name[72];
        size_t n = (size_t)(ne - s - 1);
        if (n == 0 || n >= sizeof name) {
            bad(c, "bad synset name '%s'", q(s, e).s);
            return;
        }
        for (size_t i = 0; i < n; i++)
            name[i] = (char)((s[1 + i] >= 'a' && s[1 + i] <= 'z') ? s[1 + i] - 32 : s[1 + i]);
        name[n] = '\0';
        uint32_t at = ac_map_get(&vs->names, hash_str(name));
        if (at == AC_MAP_NONE || at >= c->b->sets.len || (long)at == vs->at ||
            strcmp(set_at(c, at)->name, name) != 0) {
            bad(c, "synset '&%s' is used before it is defined", name);
            return;
        }
        const bset *from = set_at(c, at);
        bset *to = set_at(c, vs->at);
        for (size_t i = 0; i < from->nphrases; i++)
            if (push_ptr(&to->phrases, &to->nphrases, from->phrases[i]) != 0)
                return;
        return;
    }
    char *ph = phrase(c, s, e, CASE_LOWER | FLATTEN);     /* "+(TO THE END)" */
    if (!ph) {
        bad(c, "empty synset member");
        return;
    }
    char ch = bad_word_char(ph);
    if (ch) {
        bad(c, "unsupported character '%c' in the synset member '%s'", ch, q(s, e).s);
        return;
    }
    bset *to = set_at(c, vs->at);
    push_ptr(&to->phrases, &to->nphrases, ph);
}

void ac_petr_load_verbs(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    ctx c;
    ctx_init(&c, b, file, text, len);
    vblock blk;
    memset(&blk, 0, sizeof blk);
    ac_vec_init(&blk.verbs, sizeof(vverb));
    ac_vec_init(&blk.pats, sizeof(vpat));
    vset vs = {.at = -1};
    ac_map irr_seen;
    if (ac_map_init(&vs.names, 64) != 0 || ac_map_init(&irr_seen, 256) != 0) {
        ac_map_free(&vs.names);
        bad_at(&c, 0, "out of memory");
        return;
    }
    const char *s, *e;
    while (next_line(&c, &s, &e, CUT_SEMICOLON)) {
        if (c.lost == '&' || c.lost == 'H') {
            /* An unreadable "&SET" or "---" line: the lines under it go too
             * (an unreadable verb or pattern line is just itself). */
            close_set(&c, &vs);
            if (c.lost == '&') {
                vs.skip = 1;
            } else {
                flush_block(&c, &blk);
                blk.open = 1;
                blk.lost = 1;
            }
        }
        c.lost = 0;
        if (*s == '+' && (vs.at >= 0 || vs.skip)) {
            if (!vs.skip)
                set_member(&c, &vs, s, e);
            continue;
        }
        close_set(&c, &vs);
        vs.skip = 0;
        if (*s == '&') {
            open_set(&c, &vs, s, e);
        } else if (e - s >= 3 && memcmp(s, "---", 3) == 0) {
            block_header(&c, &blk, s, e);
        } else if (*s == '~') {
            bad(&c, "transformations are not supported: %s", q(s, e).s);
        } else if (!blk.open) {
            bad(&c, "%s before the first verb block ('--- NAME [CODE] ---')",
                *s == '-' ? "pattern" : "verb");
        } else if (blk.lost) {
            continue;                               /* reported with its header */
        } else if (*s == '-') {
            pattern_line(&c, &blk, &vs, s + 1, e);
        } else {
            verb_line(&c, &blk, &irr_seen, s, e);
        }
    }
    close_set(&c, &vs);
    flush_block(&c, &blk);
    ac_vec_free(&blk.verbs);
    ac_vec_free(&blk.pats);
    ac_map_free(&vs.names);
    ac_map_free(&irr_seen);
    ctx_free(&c);
}

/* ---- actors ---------------------------------------------------------------------- */

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return DAYS[m - 1];
}

/* A PETRARCH date: YYYYMMDD, or YYMMDD with YY <= 30 in the 2000s. Returns
 * YYYYMMDD, or 0 when [s, e) is not a valid date. */
static int32_t petr_date(const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n != 6 && n != 8)
        return 0;
    int v[8];
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v[i] = s[i] - '0';
    }
    int y, m, d;
    if (n == 8) {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        d = v[6] * 10 + v[7];
    } else {
        y = v[0] * 10 + v[1];
        y += y <= 30 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        d = v[4] * 10 + v[5];
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    return y * 10000 + m * 100 + d;
}

typedef struct aentry {
    int open;              /* an entry is being read */
    int skip;              /* its primary line was bad: its lines are dropped */
    const char **names;    /* heap (grow_ptrs) */
    size_t nnames;
    ac_code_range *codes;  /* heap */
    size_t ncodes, capcodes;
    size_t groups;         /* [..] groups read, good or bad */
    uint32_t line;
    uint64_t last;         /* the last line that belonged to it */
} aentry;

static void add_range(aentry *a, const ac_code_range *r)
{
    /* Repeats are dropped (a primary repeated with the same codes); past 64
     * codes an entry is not a real one and is not searched. */
    for (size_t i = 0; i < a->ncodes && a->ncodes <= 64; i++)
        if (strcmp(a->codes[i].code, r->code) == 0 && a->codes[i].from == r->from &&
            a->codes[i].to == r->to && a->codes[i].dated == r->dated)
            return;
    if (a->ncodes == a->capcodes) {
        size_t cap = a->capcodes ? 2 * a->capcodes : 4;
        ac_code_range *nc = realloc(a->codes, cap * sizeof *nc);
        if (!nc)
            return;
        a->codes = nc;
        a->capcodes = cap;
    }
    a->codes[a->ncodes++] = *r;
}

/* Reads every "[CODE]", "[CODE >date]", "[CODE <date]", "[CODE d1-d2]" group
 * of [s, e) into the entry. A bad group is reported and the others kept. */
static void restrictions(ctx *c, aentry *a, const char *s, const char *e)
{
    while (s < e) {
        s = skip_blank(s, e);
        if (s == e)
            break;
        if (*s != '[') {
            bad(c, "unexpected text '%s' after a restriction", q(s, e).s);
            return;
        }
        const char *close = memchr(s, ']', (size_t)(e - s));
        if (!close) {
            bad(c, "missing ']' in the restriction '%s'", q(s, e).s);
            return;
        }
        a->groups++;
        const char *in = skip_blank(s + 1, close), *ie = trim_end(in, close);
        const char *ce = in;
        while (ce < ie && !is_blank(*ce) && *ce != '<' && *ce != '>')
            ce++;
        /* The date part without its blanks: "<950601", "19950601-19990815". */
        char date[40];
        size_t dn = 0;
        int too_long = 0;
        for (const char *p = ce; p < ie; p++)
            if (!is_blank(*p)) {
                if (dn + 1 < sizeof date)
                    date[dn++] = *p;
                else
                    too_long = 1;
            }
        date[dn] = '\0';
        quote group = q(s, close + 1);
        s = close + 1;
        if (ce - in == 3 && memcmp(in, "---", 3) == 0) {
            if (dn)
                bad(c, "a dated [---] is not supported: %s skipped", group.s);
            continue;                               /* known actor, no code */
        }
        const char *slash = memchr(in, '/', (size_t)(ce - in));
        if (slash && !dn) {
            /* "[FRO/BIL/SAM]": several actors at once, one undated code each
             * (coded as several actors in the community convention). */
            int ok = 1;
            for (const char *p = in; p < ce && ok;) {
                const char *pe = memchr(p, '/', (size_t)(ce - p));
                pe = pe ? pe : ce;
                ac_code_range r = {0};
                r.code = actor_code(c, p, pe);
                r.to = 99999999;
                if (!r.code)
                    ok = 0;
                else
                    add_range(a, &r);
                p = pe < ce ? pe + 1 : ce;
            }
            if (!ok)
                bad(c, "bad actor code in %s (letters and digits)", group.s);
            continue;
        }
        ac_code_range r = {0};
        r.code = actor_code(c, in, ce);
        if (!r.code) {
            bad(c, "bad actor code in %s (letters and digits)", group.s);
            continue;
        }
        r.from = 0;
        r.to = 99999999;
        if (dn) {
            const char *dash = memchr(date, '-', dn);
            if (too_long) {
                r.from = -1;
            } else if (date[0] == '<') {
                r.to = petr_date(date + 1, date + dn);
                if (!r.to)
                    r.from = -1;
            } else if (date[0] == '>') {
                r.from = petr_date(date + 1, date + dn);
                if (!r.from)
                    r.from = -1;
            } else if (dash) {
                r.from = petr_date(date, dash);
                r.to = petr_date(dash + 1, date + dn);
                if (!r.from || !r.to || r.from > r.to)
                    r.from = -1;
            } else {
                bad(c, "a date needs '<', '>' or a range d1-d2: %s skipped", group.s);
                continue;
            }
            if (r.from < 0) {
                bad(c, "bad date in %s (YYYYMMDD or YYMMDD): restriction skipped", group.s);
                continue;
            }
            r.dated = 1;
        }
        add_range(a, &r);
    }
}

/* Sector and group codes that are not countries although three letters long. */
static int sector_code(const char *code)
{
    static const char *const SECTORS[] = {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
        "CVL", "ELI", "LEG", "LAB", "AGR", "REF", "HLH", "ENV", "HRI", "DEV", "UAF", "INS",
        "SEP", "MOD", "RAD", "NGO", "NGM", "IMG", "MNC", "IGO",
    };
    for (size_t i = 0; i < sizeof SECTORS / sizeof SECTORS[0]; i++)
        if (memcmp(code, SECTORS[i], 3) == 0)
            return 1;
    return 0;
}

/* A non-state group: NGO, IMG, MNC ... or a region and REB, UAF, INS ... */
static int group_code(const char *code)
{
    static const char *const HEADS[] = {"NGO", "NGM", "IMG", "MNC", "UAF", "REB", "INS", "SEP"};
    static const char *const ROLES[] = {"REB", "UAF", "INS", "SEP", "IMG", "MUS"};
    size_t n = strlen(code);
    if (n == 3 && sector_code(code))
        return 1;
    for (size_t i = 0; i < sizeof HEADS / sizeof HEADS[0]; i++)
        if (n >= 3 && memcmp(code, HEADS[i], 3) == 0)
            return 1;
    for (size_t i = 0; i < sizeof ROLES / sizeof ROLES[0]; i++)
        if (n >= 6 && memcmp(code + 3, ROLES[i], 3) == 0)
            return 1;
    return 0;
}

/* The kind of an actor from its codes: a country when some code is a bare
 * state code (three letters: AFG, HRV; a state's earlier codes such as
 * YUGHRV may come with it); a person when some code is dated (office
 * holders); an IGO, a group; else a person. */
static int actor_kind(const ac_code_range *r, size_t n)
{
    int country = 0, dated = 0, igo = n > 0, group = n > 0;
    for (size_t i = 0; i < n; i++) {
        const char *k = r[i].code;
        size_t l = strlen(k);
        if (l == 3 && k[0] >= 'A' && k[0] <= 'Z' && k[1] >= 'A' && k[1] <= 'Z' && k[2] >= 'A' &&
            k[2] <= 'Z' && !sector_code(k))
            country = 1;
        if (r[i].dated)
            dated = 1;
        if (strncmp(k, "IGO", 3) != 0)
            igo = 0;
        if (!group_code(k))
            group = 0;
    }
    if (country)
        return BK_COUNTRY;
    if (dated)
        return BK_PERSON;
    if (igo)
        return BK_IGO;
    if (group)
        return BK_GROUP;
    return BK_PERSON;
}

static void entry_reset(aentry *a)
{
    free((void *)a->names);
    free(a->codes);
    memset(a, 0, sizeof *a);
}

/* Ends the entry being read: a new record, or more names and codes for the
 * entry of the same primary read earlier in the file. */
static void entry_finish(ctx *c, aentry *a, ac_map *primaries)
{
    if (!a->open || a->skip || a->nnames == 0) {
        entry_reset(a);
        return;
    }
    uint64_t h = hash_str(a->names[0]);
    uint32_t at = ac_map_get(primaries, h);
    bactor *old = at != AC_MAP_NONE ? ac_vec_at(&c->b->actors, at) : NULL;
    if (old && strcmp(old->names[0], a->names[0]) == 0) {
        /* A repeated primary (CROATIA): its names and codes join the first. */
        for (size_t i = 1; i < a->nnames; i++)
            push_ptr(&old->names, &old->nnames, a->names[i]);
        aentry merged = {0};
        for (uint32_t i = 0; i < old->ncodes; i++)
            add_range(&merged, &old->codes[i]);
        for (size_t i = 0; i < a->ncodes; i++)
            add_range(&merged, &a->codes[i]);
        ac_code_range *cc = ac_arena_alloc(&c->b->arena, (merged.ncodes + 1) * sizeof *cc);
        if (cc) {
            if (merged.ncodes)
                memcpy(cc, merged.codes, merged.ncodes * sizeof *cc);
            old->codes = cc;
            old->ncodes = (uint32_t)merged.ncodes;
            old->kind = actor_kind(cc, merged.ncodes);
        }
        free(merged.codes);
        entry_reset(a);
        return;
    }
    ac_code_range *cc = ac_arena_alloc(&c->b->arena, (a->ncodes + 1) * sizeof *cc);
    if (!cc) {
        entry_reset(a);
        return;
    }
    if (a->ncodes)
        memcpy(cc, a->codes, a->ncodes * sizeof *cc);
    bactor ba;
    memset(&ba, 0, sizeof ba);
    ba.kind = actor_kind(cc, a->ncodes);
    ba.caps = CAPS_FIRST;
    ba.names = a->names;
    ba.nnames = a->nnames;
    ba.codes = cc;
    ba.ncodes = (uint32_t)a->ncodes;
    ba.file = c->file;
    ba.line = a->line;
    a->names = NULL;                                /* the record owns them now */
    long i = push_actor(c, &ba);
    if (i >= 0)
        ac_map_put(primaries, h, (uint32_t)i);
    entry_reset(a);
}

/* An actor name [s, e) in Title Case into the entry; 0, or -1 if bad. */
static int actor_name(ctx *c, aentry *a, const char *s, const char *e)
{
    for (const char *p = s; p < e; p++)
        if (*p == ']' || *p == '{' || *p == '}') {
            bad(c, "stray '%c' in the name '%s'", *p, q(s, e).s);
            return -1;
        }
    char *name = phrase(c, s, e, CASE_TITLE | GAPS);
    if (!name) {
        bad(c, "empty name");
        return -1;
    }
    return push_ptr(&a->names, &a->nnames, name);
}

void ac_petr_load_actors(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    ctx c;
    ctx_init(&c, b, file, text, len);
    aentry a;
    memset(&a, 0, sizeof a);
    ac_map primaries;
    if (ac_map_init(&primaries, (len < (1u << 26) ? len : (1u << 26)) / 64 + 16) != 0) {
        bad_at(&c, 0, "out of memory");
        return;
    }
    const char *s, *e;
    while (next_line(&c, &s, &e, 0)) {
        if (c.lost && c.lost != '+' && c.lost != '[') {
            /* An unreadable primary: its synonyms and restrictions go too. */
            entry_finish(&c, &a, &primaries);
            a.open = 1;
            a.skip = 1;
        }
        c.lost = 0;
        const char *brack = memchr(s, '[', (size_t)(e - s));
        if (*s == '[' || *s == '+') {
            if (!a.open) {
                bad(&c, "%s before any actor", *s == '[' ? "restriction" : "synonym");
                continue;
            }
            if (a.skip)
                continue;
            a.last = c.line;
            if (*s == '[') {
                restrictions(&c, &a, s, e);
                continue;
            }
            /* "+NAME_ [CODE]"; several synonyms may share a line: "+A_ +B_". */
            const char *ne = brack ? brack : e;
            const char *p = s;
            while (p < ne) {
                const char *n = p + 1, *q2 = n;
                while (q2 < ne && !(q2[0] == '+' && is_blank(q2[-1])))
                    q2++;
                actor_name(&c, &a, n, trim_end(n, q2));
                p = q2;
            }
            if (brack)
                restrictions(&c, &a, brack, e);
            continue;
        }
        /* A primary. Directly after a primary without codes (no blank line
         * between), one without codes of its own is a synonym whose '+' is
         * missing: the restrictions that follow are for both. */
        if (a.open && !a.skip && a.groups == 0 && a.last + 1 == c.line && !brack) {
            a.last = c.line;
            actor_name(&c, &a, s, e);
            continue;
        }
        entry_finish(&c, &a, &primaries);
        a.open = 1;
        a.line = (uint32_t)c.line;
        a.last = c.line;
        if (actor_name(&c, &a, s, brack ? brack : e) != 0) {
            a.skip = 1;
            continue;
        }
        if (brack)
            restrictions(&c, &a, brack, e);
    }
    entry_finish(&c, &a, &primaries);
    ac_map_free(&primaries);
    ctx_free(&c);
}

/* ---- agents ------------------------------------------------------------------------ */

typedef struct marker {
    const char *name;
    const char **values;   /* heap (grow_ptrs) */
    size_t n;
} marker;

typedef struct markers {
    ac_vec list;           /* marker */
    ac_map names;          /* name hash -> index */
} markers;

static const marker *marker_find(const markers *m, const char *s, size_t n)
{
    char name[64];
    if (n == 0 || n >= sizeof name)
        return NULL;
    memcpy(name, s, n);
    name[n] = '\0';
    uint32_t at = ac_map_get(&m->names, hash_str(name));
    if (at == AC_MAP_NONE)
        return NULL;
    const marker *mk = ac_vec_at(&m->list, at);
    return strcmp(mk->name, name) == 0 ? mk : NULL;
}

/* "!PERSON! = MAN, MEN, WOMAN": a substitution marker. */
static void marker_define(ctx *c, markers *m, const char *s, const char *e)
{
    const char *a = memchr(s, '!', (size_t)(e - s));
    const char *z = a ? memchr(a + 1, '!', (size_t)(e - a - 1)) : NULL;
    const char *eq = z ? memchr(z, '=', (size_t)(e - z)) : NULL;
    if (!a || !z || !eq || z == a + 1 || z - a > 60) {
        bad(c, "bad substitution marker definition (expected !NAME! = A, B, C)");
        return;
    }
    marker mk = {0};
    mk.name = ac_arena_strndup(&c->b->arena, a + 1, (size_t)(z - a - 1));
    if (!mk.name)
        return;
    const char *p = eq + 1;
    while (p <= e) {
        const char *comma = memchr(p, ',', (size_t)(e - p));
        const char *ve = comma ? comma : e;
        const char *vs = skip_blank(p, ve);
        const char *vz = trim_end(vs, ve);
        if (vz > vs) {
            char *v = ac_arena_strndup(&c->b->arena, vs, (size_t)(vz - vs));
            if (!v || push_ptr(&mk.values, &mk.n, v) != 0)
                break;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    if (!mk.n) {
        bad(c, "substitution marker '!%s!' has no values", mk.name);
        free((void *)mk.values);
        return;
    }
    uint64_t h = hash_str(mk.name);
    uint32_t at = ac_map_get(&m->names, h);
    if (at != AC_MAP_NONE && strcmp(((marker *)ac_vec_at(&m->list, at))->name, mk.name) == 0) {
        marker *old = ac_vec_at(&m->list, at);      /* redefined: the new values */
        free((void *)old->values);
        *old = mk;
        return;
    }
    marker *slot = ac_vec_push(&m->list);
    if (!slot) {
        free((void *)mk.values);
        return;
    }
    *slot = mk;
    ac_map_put(&m->names, h, (uint32_t)(m->list.len - 1));
}

static int is_letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

#define MAX_VARIANTS 256   /* names one expanded line may give */
#define MAX_EXPANDED 1024  /* bytes of a line that is expanded into variants */

/* A growing list of raw phrase variants (arena strings). */
typedef struct variants {
    const char **v;        /* heap (grow_ptrs) */
    size_t n;
    int over;              /* more than MAX_VARIANTS */
} variants;

static void variant_add(ctx *c, variants *vs, const char *a, size_t an, const char *b2, size_t bn,
                        const char *z, size_t zn)
{
    if (vs->n >= MAX_VARIANTS) {
        vs->over = 1;
        return;
    }
    char *t = ac_arena_alloc(&c->b->arena, an + bn + zn + 1);
    if (!t)
        return;
    memcpy(t, a, an);
    memcpy(t + an, b2, bn);
    memcpy(t + an + bn, z, zn);
    t[an + bn + zn] = '\0';
    push_ptr(&vs->v, &vs->n, t);
}

/* Expands the markers of raw: every "!M!" becomes each of its values,
 * glued to the text around it. A marker inside a word ("AD!MINIST!RATION",
 * a search-and-replace slip of the Phoenix file) is read as its own name.
 * Returns 0, or reports and returns -1. */
static int expand_markers(ctx *c, const markers *m, const char *raw, variants *out)
{
    variants cur = {0};
    push_ptr(&cur.v, &cur.n, raw);
    int rc = 0;
    for (int round = 0; round < 8 && cur.n; round++) {
        variants next = {0};
        int changed = 0;
        for (size_t i = 0; i < cur.n && rc == 0; i++) {
            const char *t = cur.v[i];
            const char *a = strchr(t, '!');
            if (!a) {
                push_ptr(&next.v, &next.n, t);
                continue;
            }
            const char *z = strchr(a + 1, '!');
            if (!z) {
                bad(c, "'!' without its closing '!' in '%s'", q(raw, raw + strlen(raw)).s);
                rc = -1;
                break;
            }
            const marker *mk = marker_find(m, a + 1, (size_t)(z - a - 1));
            if (!mk) {
                bad(c, "unknown substitution marker '%s'", q(a, z + 1).s);
                rc = -1;
                break;
            }
            changed = 1;
            if (a > t && is_letter(a[-1]) && is_letter(z[1])) {
                variant_add(c, &next, t, (size_t)(a - t), mk->name, strlen(mk->name), z + 1,
                            strlen(z + 1));
                continue;
            }
            for (size_t k = 0; k < mk->n; k++)
                variant_add(c, &next, t, (size_t)(a - t), mk->values[k], strlen(mk->values[k]),
                            z + 1, strlen(z + 1));
        }
        free((void *)cur.v);
        cur = next;
        if (rc || !changed)
            break;
    }
    if (!rc && cur.over) {
        bad(c, "more than %d names from the substitution markers", MAX_VARIANTS);
        rc = -1;
    }
    if (rc) {
        free((void *)cur.v);
        return -1;
    }
    *out = cur;
    return 0;
}

/* Adds the lower-cased phrases [s, e) separated by blanks (plurals in {..})
 * or the one phrase to names. */
static int agent_names(ctx *c, const char ***names, size_t *n, const char *s, const char *e)
{
    char *ph = phrase(c, s, e, CASE_LOWER | GAPS);
    if (!ph)
        return 0;
    for (const char *p = ph; *p; p++)
        if (*p == '[' || *p == ']' || *p == '{' || *p == '}' || *p == '!') {
            bad(c, "stray '%c' in the agent '%s'", *p, q(s, e).s);
            return -1;
        }
    return push_ptr(names, n, ph);
}

static void agent_line(ctx *c, const markers *m, const char *s, const char *e)
{
    const char *brack = memchr(s, '[', (size_t)(e - s));
    if (!brack) {
        bad(c, "agent without a [CODE]");
        return;
    }
    const char *close = brack + 1;
    while (close < e && *close != ']' && *close != '}')
        close++;                                    /* "[~ENV}" is tolerated */
    if (close == e) {
        bad(c, "missing ']' after the agent code");
        return;
    }
    const char *cs = skip_blank(brack + 1, close), *ce = trim_end(cs, close);
    bactor ba;
    memset(&ba, 0, sizeof ba);
    ba.kind = BK_AGENT;
    ba.caps = CAPS_NONE;
    if (cs < ce && *cs == '~') {
        cs = skip_blank(cs + 1, ce);
    } else if (cs < ce && ce[-1] == '~') {
        ba.prefix = 1;
        ce = trim_end(cs, ce - 1);
    } else {
        bad(c, "agent code '%s' needs '~' before or after it", q(brack, close + 1).s);
        return;
    }
    ac_code_range *r = ac_arena_calloc(&c->b->arena, 1, sizeof *r);
    if (!r)
        return;
    r->code = actor_code(c, cs, ce);
    r->to = 99999999;
    if (!r->code) {
        bad(c, "bad agent code '%s' (letters and digits)", q(brack, close + 1).s);
        return;
    }
    const char *pe = trim_end(s, brack);
    const char *brace = memchr(s, '{', (size_t)(pe - s));
    const char *bz = NULL;
    if (brace) {
        bz = memchr(brace, '}', (size_t)(pe - brace));
        if (!bz) {
            bad(c, "missing '}' after the plurals");
            return;
        }
        ba.exact = 1;
        pe = trim_end(s, brace);
    }
    if (pe == s) {
        bad(c, "agent without a phrase");
        return;
    }
    int rc = 0;
    if (memchr(s, '!', (size_t)(pe - s))) {
        if (pe - s > MAX_EXPANDED) {
            bad(c, "agent phrase with markers longer than %d bytes", MAX_EXPANDED);
            return;
        }
        char *raw = ac_arena_strndup(&c->b->arena, s, (size_t)(pe - s));
        variants vs = {0};
        if (!raw || expand_markers(c, m, raw, &vs) != 0)
            return;
        for (size_t i = 0; i < vs.n && rc == 0; i++)
            rc = agent_names(c, &ba.names, &ba.nnames, vs.v[i], vs.v[i] + strlen(vs.v[i]));
        free((void *)vs.v);
        ba.exact = 1;                               /* substitutes form no plural */
    } else {
        rc = agent_names(c, &ba.names, &ba.nnames, s, pe);
    }
    /* Listed plurals: "{ATTORNEYS_GENERAL}", "{MEN WOMEN}". */
    for (const char *p = brace ? brace + 1 : NULL; p && p < bz && rc == 0;) {
        p = skip_blank(p, bz);
        const char *w = p;
        while (p < bz && !is_blank(*p) && *p != ',')
            p++;
        if (p > w)
            rc = agent_names(c, &ba.names, &ba.nnames, w, p);
        if (p < bz)
            p++;
    }
    if (rc != 0 || ba.nnames == 0) {
        if (rc == 0)
            bad(c, "agent without a phrase");
        free((void *)ba.names);
        return;
    }
    ba.codes = r;
    ba.ncodes = 1;
    ba.file = c->file;
    ba.line = (uint32_t)c->line;
    push_actor(c, &ba);
}

void ac_petr_load_agents(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    ctx c;
    ctx_init(&c, b, file, text, len);
    markers m;
    ac_vec_init(&m.list, sizeof(marker));
    if (ac_map_init(&m.names, 16) != 0) {
        bad_at(&c, 0, "out of memory");
        return;
    }
    const char *s, *e;
    while (next_line(&c, &s, &e, 0)) {
        if (memchr(s, '!', (size_t)(e - s)) && memchr(s, '=', (size_t)(e - s)))
            marker_define(&c, &m, s, e);
        else
            agent_line(&c, &m, s, e);
    }
    for (size_t i = 0; i < m.list.len; i++)
        free((void *)((marker *)ac_vec_at(&m.list, i))->values);
    ac_vec_free(&m.list);
    ac_map_free(&m.names);
    ctx_free(&c);
}

/* ---- discards -------------------------------------------------------------------- */

void ac_petr_load_discards(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    ctx c;
    ctx_init(&c, b, file, text, len);
    const char *s, *e;
    while (next_line(&c, &s, &e, 0)) {
        int story = *s == '+';
        char *ph = phrase(&c, s + story, e, CASE_LOWER);
        if (!ph) {
            bad(&c, "empty discard phrase");
            continue;
        }
        bactor ba;
        memset(&ba, 0, sizeof ba);
        ba.kind = story ? BK_DISCARD_STORY : BK_DISCARD;
        ba.caps = CAPS_NONE;
        ba.exact = 1;
        if (push_ptr(&ba.names, &ba.nnames, ph) != 0)
            continue;
        ba.codes = NULL;
        ba.ncodes = 0;
        ba.file = file;
        ba.line = (uint32_t)c.line;
        push_actor(&c, &ba);
    }
    ctx_free(&c);
}

/* ---- issues ------------------------------------------------------------------------ */

/* The regular forms of w (n: noun, v: verb) into forms (room for 4 * 80). */
static int word_forms(const char *w, size_t n, int verb, char forms[4][80])
{
    if (n == 0 || n > 60)
        return 0;
    char base[64];
    memcpy(base, w, n);
    base[n] = '\0';
    memcpy(forms[0], base, n + 1);
    regular_s(base, forms[1]);
    if (!verb)
        return 2;
    char last = base[n - 1], prev = n >= 2 ? base[n - 2] : 'a';
    if (last == 'e')
        snprintf(forms[2], 80, "%sd", base);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(forms[2], 80, "%.*sied", (int)(n - 1), base);
    else
        snprintf(forms[2], 80, "%sed", base);
    if (n >= 2 && last == 'e' && prev == 'i')
        snprintf(forms[3], 80, "%.*sying", (int)(n - 2), base);
    else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o' && n > 2)
        snprintf(forms[3], 80, "%.*sing", (int)(n - 1), base);
    else
        snprintf(forms[3], 80, "%sing", base);
    return 4;
}

/* The variants of an issue phrase: '+' gives the space and hyphen forms,
 * n: the singular and plural, v: the verb forms of the word after it. */
static void issue_variants(ctx *c, const char *raw, variants *out, int depth)
{
    if (depth > 24)
        out->over |= 1;
    if (out->over)
        return;
    const char *plus = strchr(raw, '+');
    if (plus) {
        size_t a = (size_t)(plus - raw);
        for (int k = 0; k < 2; k++) {
            variants one = {0};
            variant_add(c, &one, raw, a, k ? "-" : " ", 1, plus + 1, strlen(plus + 1));
            if (one.n)
                issue_variants(c, one.v[0], out, depth + 1);
            out->over |= one.over;
            free((void *)one.v);
        }
        return;
    }
    for (const char *p = raw; *p; p++) {
        if ((p[0] == 'n' || p[0] == 'N' || p[0] == 'v' || p[0] == 'V') && p[1] == ':' &&
            (p == raw || p[-1] == ' ' || p[-1] == '-' || p[-1] == '\t')) {
            const char *w = p + 2, *we = w;
            while (*we && *we != ' ' && *we != '\t')
                we++;
            char forms[4][80];
            int nf = word_forms(w, (size_t)(we - w), p[0] == 'v' || p[0] == 'V', forms);
            if (!nf) {
                bad(c, "bad word after '%c:'", p[0]);
                out->over = 2;
                return;
            }
            for (int k = 0; k < nf; k++) {
                variants one = {0};
                variant_add(c, &one, raw, (size_t)(p - raw), forms[k], strlen(forms[k]), we, strlen(we));
                if (one.n)
                    issue_variants(c, one.v[0], out, depth + 1);
                out->over |= one.over;
                free((void *)one.v);
            }
            return;
        }
    }
    variant_add(c, out, raw, strlen(raw), "", 0, "", 0);
}

/* One issue or ignore phrase [s, e) with its code (NULL for ignore). */
static void issue_entry(ctx *c, int kind, const char *code, const char *s, const char *e)
{
    if (e - s > MAX_EXPANDED) {
        bad(c, "issue phrase longer than %d bytes", MAX_EXPANDED);
        return;
    }
    char *raw = ac_arena_strndup(&c->b->arena, s, (size_t)(e - s));
    if (!raw)
        return;
    variants vs = {0};
    issue_variants(c, raw, &vs, 0);
    if (vs.over) {
        if (vs.over == 1)
            bad(c, "more than %d variants of the phrase", MAX_VARIANTS);
        free((void *)vs.v);
        return;
    }
    bactor ba;
    memset(&ba, 0, sizeof ba);
    ba.kind = kind;
    ba.caps = CAPS_NONE;
    ba.exact = 1;
    for (size_t i = 0; i < vs.n; i++) {
        char *ph = phrase(c, vs.v[i], vs.v[i] + strlen(vs.v[i]), CASE_LOWER);
        if (ph)
            push_ptr(&ba.names, &ba.nnames, ph);
    }
    free((void *)vs.v);
    if (!ba.nnames) {
        bad(c, "empty issue phrase");
        return;
    }
    if (code) {
        ac_code_range *r = ac_arena_calloc(&c->b->arena, 1, sizeof *r);
        if (!r) {
            free((void *)ba.names);
            return;
        }
        r->code = code;
        r->to = 99999999;
        ba.codes = r;
        ba.ncodes = 1;
    }
    ba.file = c->file;
    ba.line = (uint32_t)c->line;
    push_actor(c, &ba);
}

/* An issue code: upper-case letters, digits, '_' and '-'. */
static const char *issue_code(ctx *c, const char *s, const char *e)
{
    s = skip_blank(s, e);
    e = trim_end(s, e);
    if (s == e || e - s > 64)
        return NULL;
    for (const char *p = s; p < e; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return NULL;
    return ac_arena_strndup(&c->b->arena, s, (size_t)(e - s));
}

void ac_petr_load_issues(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    ctx c;
    ctx_init(&c, b, file, text, len);
    const char *s, *e;
    while (next_line(&c, &s, &e, 0)) {
        if (*s == '~') {
            s += s + 1 < e && s[1] == '~' ? 2 : 1;  /* ~ sentence, ~~ story: both ignore */
            issue_entry(&c, BK_ISSUE_IGNORE, NULL, s, e);
            continue;
        }
        /* "phrase [CODE]", sometimes two on a line. */
        int entries = 0;
        const char *last = NULL;
        while (s < e) {
            s = skip_blank(s, e);
            if (s == e)
                break;
            const char *brack = memchr(s, '[', (size_t)(e - s));
            if (!brack) {
                if (entries)
                    bad(&c, "unexpected text '%s' after the code", q(s, e).s);
                else
                    bad(&c, "issue phrase without a [CODE]");
                break;
            }
            const char *close = memchr(brack, ']', (size_t)(e - brack));
            if (!close) {
                bad(&c, "missing ']' after the issue code");
                break;
            }
            const char *code = issue_code(&c, brack + 1, close);
            if (!code) {
                bad(&c, "bad issue code '%s'", q(brack, close + 1).s);
                break;
            }
            const char *pe = trim_end(s, brack);
            if (pe > s)
                issue_entry(&c, BK_ISSUE, code, s, pe);
            else if (!last || strcmp(last, code) != 0)
                bad(&c, "issue code '%s' without a phrase", code);
            last = code;
            entries++;
            s = close + 1;
        }
    }
    ctx_free(&c);
}

/* ---- PETR_config.ini ---------------------------------------------------------------- */

/* Loads `name` (relative to dir) as fmt. */
static ac_status config_load(ac_dict_builder *b, const char *dir, const char *name, size_t n,
                             ac_dict_format fmt, ac_error *err)
{
    char path[4096];
    if (n == 0)
        return AC_OK;
    int w = *name == '/' ? snprintf(path, sizeof path, "%.*s", (int)n, name)
                         : snprintf(path, sizeof path, "%s%.*s", dir, (int)n, name);
    if (w < 0 || (size_t)w >= sizeof path)
        return ac_error_set(err, AC_EINVAL, dir, 0, UINT64_MAX, "dictionary path too long");
    return ac_dict_builder_add_format(b, path, fmt, err);
}

ac_status ac_petr_load_config(ac_dict_builder *b, const char *path, ac_error *err)
{
    char *text;
    size_t len;
    ac_status st = ac_builder_read_file(path, &text, &len, err);
    if (st != AC_OK)
        return st;
    /* The folder of the ini, with its '/', or "". */
    char dir[2048];
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path + 1) : 0;
    if (dl >= sizeof dir) {
        free(text);
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "path too long");
    }
    memcpy(dir, path, dl);
    dir[dl] = '\0';

    /* [Dictionaries] keys, in PETRARCH's reading order. */
    static const struct {
        const char *key;
        ac_dict_format fmt;
    } KEYS[] = {
        {"verbfile_name", AC_DICT_PETR_VERBS},     {"actorfile_list", AC_DICT_PETR_ACTORS},
        {"agentfile_name", AC_DICT_PETR_AGENTS},   {"discardfile_name", AC_DICT_PETR_DISCARDS},
        {"issuefile_name", AC_DICT_PETR_ISSUES},
    };
    enum { NKEYS = sizeof KEYS / sizeof KEYS[0] };
    const char *val[NKEYS] = {0}, *vend[NKEYS] = {0};
    int in_dicts = 0, last = -1;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        le = trim_end(s, le);
        int cont = s < le && is_blank(*s);          /* a continuation of the last value */
        s = skip_blank(s, le);
        if (s == le || *s == '#' || *s == ';') {
            if (s == le)
                last = -1;
            continue;
        }
        if (cont && last >= 0 && in_dicts) {
            vend[last] = le;                        /* values are read up to here */
            continue;
        }
        last = -1;
        if (*s == '[') {
            const char *z = memchr(s, ']', (size_t)(le - s));
            in_dicts = z && z - s - 1 == 12 && strncasecmp(s + 1, "Dictionaries", 12) == 0;
            continue;
        }
        if (!in_dicts)
            continue;
        const char *eq = s;
        while (eq < le && *eq != '=' && *eq != ':')
            eq++;
        if (eq == le)
            continue;
        const char *ke = trim_end(s, eq);
        for (int k = 0; k < NKEYS; k++)
            if ((size_t)(ke - s) == strlen(KEYS[k].key) && strncasecmp(s, KEYS[k].key, (size_t)(ke - s)) == 0) {
                val[k] = skip_blank(eq + 1, le);
                vend[k] = le;
                last = k;
            }
    }
    int any = 0;
    st = AC_OK;
    for (int k = 0; k < NKEYS && st == AC_OK; k++) {
        if (!val[k])
            continue;
        /* Comma-separated names (one for all keys but actorfile_list; a
         * continuation line may hold more). */
        const char *v = val[k];
        while (v < vend[k] && st == AC_OK) {
            const char *ce = v;
            while (ce < vend[k] && *ce != ',' && *ce != '\n')
                ce++;
            const char *ns = v;
            while (ns < ce && (is_blank(*ns) || *ns == '\r'))
                ns++;
            const char *nz = trim_end(ns, ce);
            if (nz > ns) {
                any = 1;
                st = config_load(b, dir, ns, (size_t)(nz - ns), KEYS[k].fmt, err);
            }
            v = ce < vend[k] ? ce + 1 : vend[k];
        }
    }
    free(text);
    if (st == AC_OK && !any)
        return ac_error_set(err, AC_EDICT, path, 0, UINT64_MAX,
                            "no [Dictionaries] section naming a dictionary file");
    return st;
}

/* ---- PICO: PETRARCH's internal coding ontology ------------------------------ */

/* Lines "CODE:EXPR#comment": EXPR is a sum of hex terms ("0x1000-0xFFFF",
 * "-0xFFFF+0x0070", "0x1007f"). A value outside 0..0xFFFF is the negation of
 * the code whose value differs from it by 0xFFFF ("011 = 010 - 0xFFFF": not
 * commenting; "110 = 0xFFFF + 0x0080": not cooperating, the negation of 050).
 * Only these negations are kept (bnegation); the rest of the ontology serves
 * PETRARCH's verb combination, which accord does not do. */
typedef struct pico_line {
    const char *code;
    long value;
} pico_line;

static int pico_parse(const char *s, const char *e, long *out)
{
    long v = 0;
    int terms = 0;
    const char *p = s;
    while (p < e) {
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (p == e)
            break;
        int sign = 1;
        if (*p == '+' || *p == '-') {
            sign = *p == '-' ? -1 : 1;
            p++;
            while (p < e && (*p == ' ' || *p == '\t'))
                p++;
        }
        if (e - p < 3 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
            return -1;
        p += 2;
        long t = 0;
        int digits = 0;
        while (p < e && isxdigit((unsigned char)*p) && digits < 8) {
            char c = *p++;
            t = t * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            digits++;
        }
        if (!digits || (p < e && isxdigit((unsigned char)*p)))
            return -1;
        v += sign * t;
        terms++;
    }
    if (!terms)
        return -1;
    *out = v;
    return 0;
}

void ac_petr_load_pico(ac_dict_builder *b, const char *file, const char *text, size_t len)
{
    ac_vec lines;
    ac_vec_init(&lines, sizeof(pico_line));
    const char *p = text, *end = text + len;
    uint64_t no = 0;
    while (p < end) {
        no++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = p;
        p = nl ? nl + 1 : end;
        while (s < le && (*s == ' ' || *s == '\t'))
            s++;
        const char *e = le;
        while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (s == e || *s == '#' || *s == '<')
            continue;
        const char *colon = memchr(s, ':', (size_t)(e - s));
        const char *hash = memchr(s, '#', (size_t)(e - s));
        const char *ee = hash ? hash : e;
        long v;
        size_t cl = colon ? (size_t)(colon - s) : 0;
        int code_ok = cl >= 2 && cl <= 4;
        for (size_t i = 0; i < cl && code_ok; i++)
            code_ok = isdigit((unsigned char)s[i]) != 0;
        if (!colon || colon > ee || !code_ok || pico_parse(colon + 1, ee, &v) != 0) {
            ac_builder_bad(b, file, no, "expected CODE:0xHEX[+-0xHEX...]");
            continue;
        }
        pico_line *pl = ac_vec_push(&lines);
        if (!pl)
            break;
        pl->code = ac_arena_strndup(&b->arena, s, cl);
        pl->value = v;
    }
    for (size_t i = 0; i < lines.len; i++) {
        const pico_line *x = ac_vec_at(&lines, i);
        if (x->value >= 0 && x->value < 0xFFFF)
            continue;
        long base = x->value < 0 ? x->value + 0xFFFF : x->value - 0xFFFF;
        for (size_t k = 0; k < lines.len; k++) {
            const pico_line *y = ac_vec_at(&lines, k);
            if (y->value != base || base <= 0 || base >= 0xFFFF)
                continue;
            bnegation *ng = ac_vec_push(&b->negations);
            if (ng) {
                ng->code = y->code;
                ng->negated = x->code;
            }
            break;
        }
    }
    ac_vec_free(&lines);
}
