/*
 * convert.c -- a builder's records written back in accord's own text format.
 *
 * ac_dict_builder_write() is the other half of `accord dict convert`: any
 * format the builder reads (PETRARCH, TABARI, accord's own) comes out as one
 * file in the format of docs/dictionaries.md, which load.c reads back into
 * the same records. What the records hold and the format can say is kept:
 * names, codes with their date ranges, agent prefixes (CODE~), capitals
 * (@caps) and generated plurals (@plurals), discard and issue phrases, the
 * annotation layer's themes, theme table and tone words, paired
 * verb codes (042:043, :173) and subordinate ones (023?), sets, irregular
 * verbs and the CAMEO table. Not yet written: the negations a PICO table
 * adds (bnegation), which the text format cannot say.
 *
 * The order of everything is kept: actors are written in the order they were
 * added, with a new @kind (and @caps, @plurals) line wherever that changes,
 * so a converted dictionary compiles to the same entries in the same order
 * and codes text the same way. Only file:line references change: they now
 * point into the converted file.
 *
 * Codes that a community verb dictionary uses but the CAMEO table lacks are
 * added to the table by compile.c (add_lenient_codes: Goldstein 0, the quad
 * class of the root). accord's format has no such leniency, so they are
 * written into the CAMEO table here, with the same values.
 *
 * What the format cannot hold is written as a comment and reported to the
 * builder's diagnostic callback: a name containing '|', '=' or '#', or
 * starting with '@' (a comma is fine: load.c splits codes on commas only
 * after the '='); a code that is not upper-case letters, digits and '_';
 * a pattern or phrase containing '#' or '|'; a verb code that is not 2 to 4
 * digits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "dict/builder.h"

typedef struct wr {
    const ac_dict_builder *b;
    ac_buf *out;
    ac_status st;          /* the first failure to append */
    size_t skipped;
} wr;

static void put(wr *w, const char *s)
{
    if (w->st == AC_OK)
        w->st = ac_buf_puts(w->out, s);
}

static void putn(wr *w, const char *s, size_t n)
{
    if (w->st == AC_OK)
        w->st = ac_buf_append(w->out, s, n);
}

#define PUTF(w, ...) \
    do { \
        if ((w)->st == AC_OK) \
            (w)->st = ac_buf_printf((w)->out, __VA_ARGS__); \
    } while (0)

/* Writes "# skipped (unwritable WHAT): TEXT" with TEXT on one line, and warns. */
static void skip(wr *w, const char *what, const char *text, const char *file, uint32_t line)
{
    w->skipped++;
    PUTF(w, "# skipped (unwritable %s): ", what);
    for (const char *p = text ? text : ""; *p; p++)
        putn(w, (*p == '\n' || *p == '\r') ? " " : p, 1);
    put(w, "\n");
    ac_warn(w->b->diag, w->b->diag_ctx, AC_EDICT, file, line, UINT64_MAX,
            "%s '%.120s' cannot be written in accord's format; skipped", what, text ? text : "");
}

/* 1 when s is non-empty and holds none of the characters of `bad` and no
 * line break. */
static int writable(const char *s, const char *bad)
{
    if (!s || !*s)
        return 0;
    for (const char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || strchr(bad, *p))
            return 0;
    return 1;
}

static int is_code(const char *s)
{
    if (!s || !*s)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

static int is_event_code(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* ---- CAMEO table, irregular verbs, sets -------------------------------------- */

static void put_goldstein(wr *w, double g)
{
    char num[32];
    snprintf(num, sizeof num, "%.15g", g);
    if (strtod(num, NULL) != g)
        snprintf(num, sizeof num, "%.17g", g);
    put(w, num);
}

static void put_cameo_line(wr *w, const char *code, double goldstein, int quad, const char *plover,
                           const char *name)
{
    PUTF(w, "%s | ", code);
    put_goldstein(w, goldstein);
    PUTF(w, " | %d | %s | %s\n", quad, plover && *plover ? plover : "NONE", name ? name : "");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* compile.c's quad class of a code missing from the table (quad_of_root). */
static int quad_of_root(const char *code)
{
    int root = (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9')
                   ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
    return root <= 5 ? 1 : root <= 8 ? 2 : root <= 14 ? 3 : 4;
}

static void write_cameo(wr *w)
{
    const ac_dict_builder *b = w->b;
    size_t n = b->cameo.len;
    /* The codes of the table, sorted, then those lenient patterns add. */
    size_t cap = n + 2 * b->patterns.len + 1;
    const char **codes = malloc(cap * sizeof *codes);
    if (!codes) {
        w->st = AC_ENOMEM;
        return;
    }
    if (n || b->patterns.len)
        put(w, "\n@kind cameo\n");
    for (size_t i = 0; i < n; i++) {
        const ac_cameo_info *c = ac_vec_at(&b->cameo, i);
        codes[i] = c->code;
        if (!is_event_code(c->code) || !writable(c->name[0] ? c->name : "-", "#") ||
            (c->plover[0] && !writable(c->plover, "|#")) || c->quad < 1 || c->quad > 4 ||
            !(c->goldstein >= -10 && c->goldstein <= 10))
            skip(w, "CAMEO code", c->code, NULL, 0);
        else
            put_cameo_line(w, c->code, c->goldstein, c->quad, c->plover, c->name);
    }
    qsort(codes, n, sizeof *codes, cmp_str);
    size_t known = n, added = n;
    for (size_t i = 0; i < b->patterns.len; i++) {
        const bpattern *p = ac_vec_at(&b->patterns, i);
        if (!p->lenient)
            continue;
        const char *pc[2] = {p->code, p->code2};
        for (int k = 0; k < 2; k++) {
            const char *code = pc[k];
            if (!is_event_code(code) || bsearch(&code, codes, known, sizeof *codes, cmp_str))
                continue;
            int seen = 0;
            for (size_t j = known; j < added && !seen; j++)
                seen = strcmp(codes[j], code) == 0;
            if (seen)
                continue;
            codes[added++] = code;
            put_cameo_line(w, code, 0, quad_of_root(code), "", "(not in the CAMEO table)");
        }
    }
    free(codes);
}

static void write_irregular(wr *w)
{
    const ac_dict_builder *b = w->b;
    if (b->irregular.len)
        put(w, "\n@kind irregular\n");
    for (size_t i = 0; i < b->irregular.len; i++) {
        const birregular *ir = ac_vec_at(&b->irregular, i);
        int ok = ir->n >= 3;
        for (int k = 0; k < ir->n; k++)
            ok = ok && writable(ir->forms[k], " \t#");
        if (!ok) {
            skip(w, "irregular verb", ir->forms[0], ir->file, ir->line);
            continue;
        }
        for (int k = 0; k < ir->n; k++)
            PUTF(w, "%s%s", k ? " " : "", ir->forms[k]);
        put(w, "\n");
    }
}

static void write_sets(wr *w)
{
    const ac_dict_builder *b = w->b;
    if (b->sets.len)
        put(w, "\n@kind set\n");
    for (size_t i = 0; i < b->sets.len; i++) {
        const bset *s = ac_vec_at(&b->sets, i);
        if (!is_code(s->name)) {
            skip(w, "set name", s->name, s->file, s->line);
            continue;
        }
        size_t good = 0;
        for (size_t k = 0; k < s->nphrases; k++)
            if (!writable(s->phrases[k], "|#"))
                skip(w, "set phrase", s->phrases[k], s->file, s->line);
            else
                good++;
        if (!good)
            continue;
        PUTF(w, "%s = ", s->name);
        int first = 1;
        for (size_t k = 0; k < s->nphrases; k++)
            if (writable(s->phrases[k], "|#")) {
                PUTF(w, "%s%s", first ? "" : " | ", s->phrases[k]);
                first = 0;
            }
        put(w, "\n");
    }
}

/* ---- actors, agents, agreements, discards, issues ----------------------------- */

static const char *kind_word(int kind)
{
    switch (kind) {
    case BK_COUNTRY: return "country";
    case BK_IGO: return "igo";
    case BK_GROUP: return "group";
    case BK_PERSON: return "person";
    case BK_AGREEMENT: return "agreement";
    case BK_AGENT: return "agent";
    case BK_DISCARD: return "discard";
    case BK_DISCARD_STORY: return "discard-story";
    case BK_NOUN: return "noun";
    case BK_ADJECTIVE: return "adjective";
    case BK_ISSUE: return "issue";
    case BK_ISSUE_IGNORE: return "issue-ignore";
    case BK_THEME: return "theme";
    case BK_THEME_TABLE: return "theme-table";
    case BK_TONE: return "tone";
    default: return NULL;
    }
}

static void put_date(wr *w, int32_t ymd)
{
    PUTF(w, "%04d-%02d-%02d", (int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100));
}

/* A theme-table row: "CODE | GKG_THEME ... | description" (load.c keeps the
 * description as the one name and the theme, then its GKG themes, as codes). */
static void write_theme_row(wr *w, const bactor *a)
{
    int ok = a->nnames == 1 && a->ncodes >= 1 && is_code(a->codes[0].code) &&
             (!a->names[0][0] || writable(a->names[0], "|#"));
    for (uint32_t k = 1; k < a->ncodes && ok; k++)
        for (const char *p = a->codes[k].code; *p && ok; p++)
            ok = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-';
    if (!ok) {
        skip(w, "theme-table row", a->ncodes ? a->codes[0].code : "", a->file, a->line);
        return;
    }
    PUTF(w, "%s |", a->codes[0].code);
    for (uint32_t k = 1; k < a->ncodes; k++)
        PUTF(w, " %s", a->codes[k].code);
    PUTF(w, " | %s\n", a->names[0]);
}

static void write_actor(wr *w, const bactor *a)
{
    if (a->kind == BK_THEME_TABLE) {
        write_theme_row(w, a);
        return;
    }
    int codeless = a->kind == BK_DISCARD || a->kind == BK_DISCARD_STORY || a->kind == BK_ISSUE_IGNORE ||
                   a->kind == BK_NOUN || a->kind == BK_ADJECTIVE;
    size_t good = 0;
    for (size_t k = 0; k < a->nnames; k++)
        if (writable(a->names[k], "|=#") && a->names[k][0] != '@')
            good++;
        else
            skip(w, "name", a->names[k], a->file, a->line);
    int codes_ok = codeless ? a->ncodes == 0 : a->ncodes > 0;
    for (uint32_t k = 0; k < a->ncodes && codes_ok; k++) {
        const ac_code_range *c = &a->codes[k];
        if (!is_code(c->code) || (c->dated && (c->from < 0 || c->from > c->to || c->to > 99999999)))
            codes_ok = 0;
    }
    if (!good)
        return;
    if (!codes_ok) {
        /* PETRARCH's [---]: a known actor without a code, and TABARI's
         * dated [###], which accord's format cannot say yet. */
        skip(w, codeless ? "dates of the discard" : a->ncodes ? "codes of" : "actor without a code",
             a->names[0], a->file, a->line);
        return;
    }
    int first = 1;
    for (size_t k = 0; k < a->nnames; k++)
        if (writable(a->names[k], "|=#") && a->names[k][0] != '@') {
            PUTF(w, "%s%s", first ? "" : " | ", a->names[k]);
            first = 0;
        }
    if (codeless) {
        put(w, "\n");
        return;
    }
    put(w, " = ");
    for (uint32_t k = 0; k < a->ncodes; k++) {
        const ac_code_range *c = &a->codes[k];
        PUTF(w, "%s%s%s", k ? ", " : "", c->code, a->kind == BK_AGENT && a->prefix ? "~" : "");
        if (c->dated) {
            put(w, " [");
            if (c->from > 0)
                put_date(w, c->from);
            put(w, "..");
            if (c->to < 99999999)
                put_date(w, c->to);
            put(w, "]");
        }
    }
    put(w, "\n");
}

static void write_actors(wr *w)
{
    const ac_dict_builder *b = w->b;
    int kind = -1, caps = CAPS_WRITTEN, exact = 0;
    for (size_t i = 0; i < b->actors.len; i++) {
        const bactor *a = ac_vec_at(&b->actors, i);
        const char *kw = kind_word(a->kind);
        if (!kw) {
            skip(w, "entry kind of", a->nnames ? a->names[0] : "", a->file, a->line);
            continue;
        }
        if (a->kind != kind) {
            /* @kind resets @caps and @plurals to their defaults. */
            PUTF(w, "\n@kind %s\n", kw);
            kind = a->kind;
            caps = CAPS_WRITTEN;
            exact = 0;
        }
        if (a->caps != caps) {
            PUTF(w, "@caps %s\n", a->caps == CAPS_FIRST ? "first" : a->caps == CAPS_NONE ? "none" : "written");
            caps = a->caps;
        }
        if (a->exact != exact) {
            PUTF(w, "@plurals %s\n", a->exact ? "off" : "on");
            exact = a->exact;
        }
        write_actor(w, a);
    }
}

/* ---- verb patterns -------------------------------------------------------------- */

static void write_patterns(wr *w)
{
    const ac_dict_builder *b = w->b;
    if (b->patterns.len)
        put(w, "\n@kind verb\n");
    for (size_t i = 0; i < b->patterns.len; i++) {
        const bpattern *p = ac_vec_at(&b->patterns, i);
        if ((!p->code && !p->code2) || (p->code && !is_event_code(p->code)) ||
            (p->code2 && !is_event_code(p->code2)) || !writable(p->text, "#")) {
            char what[300];
            snprintf(what, sizeof what, "%s%s%s  %s", p->code ? p->code : "", p->code2 ? ":" : "",
                     p->code2 ? p->code2 : "", p->text ? p->text : "");
            skip(w, "pattern", what, p->file, p->line);
            continue;
        }
        /* A final '?' marks a subordinate pattern (TABARI's "023?"). */
        const char *sub = p->subordinate ? "?" : "";
        if (p->code2)
            PUTF(w, "%s:%s%s  %s\n", p->code ? p->code : "", p->code2, sub, p->text);
        else
            PUTF(w, "%s%s  %s\n", p->code, sub, p->text);
    }
}

ac_status ac_dict_builder_write(const ac_dict_builder *b, ac_buf *out, ac_error *err)
{
    if (!b || !out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "invalid argument");
    wr w = {.b = b, .out = out, .st = AC_OK, .skipped = 0};
    PUTF(&w, "# accord dictionary (docs/dictionaries.md), written by accord %s from %zu file%s:\n"
             "# %zu entries (actors, agents, discards, issues, ...), %zu verb patterns,\n"
             "# %zu sets, %zu irregular verbs, %zu CAMEO codes.\n",
         ACCORD_VERSION, b->files, b->files == 1 ? "" : "s", b->actors.len, b->patterns.len,
         b->sets.len, b->irregular.len, b->cameo.len);
    write_cameo(&w);
    write_irregular(&w);
    write_sets(&w);
    write_actors(&w);
    write_patterns(&w);
    if (w.skipped)
        PUTF(&w, "\n# %zu item%s could not be written (see the '# skipped' lines above)\n", w.skipped,
             w.skipped == 1 ? "" : "s");
    if (w.st != AC_OK)
        return ac_error_set(err, w.st, NULL, 0, UINT64_MAX, "out of memory writing the dictionary");
    return AC_OK;
}
