/*
 * load.c -- reads accord's dictionary files into a builder.
 *
 * The format is described in docs/dictionaries.md. This file only parses:
 * each good line becomes a record in the builder (builder.h); a bad line is
 * reported to the diagnostic callback with file:line and skipped. compile.c
 * turns the records into the immutable dictionary.
 */
#include "dict/builder.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/error.h"
#include "common/utf8.h"

static const struct {
    const char *name;
    int kind;
} KINDS[] = {
    {"country", BK_COUNTRY}, {"igo", BK_IGO}, {"group", BK_GROUP},
    {"person", BK_PERSON}, {"agreement", BK_AGREEMENT}, {"agent", BK_AGENT},
    {"verb", BK_VERB}, {"cameo", BK_CAMEO}, {"irregular", BK_IRREGULAR},
    {"set", BK_SET}, {"discard", BK_DISCARD}, {"discard-story", BK_DISCARD_STORY},
    {"issue", BK_ISSUE}, {"issue-ignore", BK_ISSUE_IGNORE},
    {"theme", BK_THEME}, {"theme-table", BK_THEME_TABLE}, {"tone", BK_TONE},
    {"noun", BK_NOUN}, {"adjective", BK_ADJECTIVE},
};

/* The state a file's directives set for the entries that follow. */
typedef struct ldstate {
    int kind;
    uint8_t caps;          /* @caps: CAPS_* */
    uint8_t exact;         /* @plurals off */
} ldstate;

ac_dict_builder *ac_dict_builder_new(void)
{
    ac_dict_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    ac_arena_init(&b->arena, 256 * 1024);
    ac_vec_init(&b->actors, sizeof(bactor));
    ac_vec_init(&b->patterns, sizeof(bpattern));
    ac_vec_init(&b->sets, sizeof(bset));
    ac_vec_init(&b->irregular, sizeof(birregular));
    ac_vec_init(&b->cameo, sizeof(ac_cameo_info));
    ac_vec_init(&b->negations, sizeof(bnegation));
    return b;
}

void ac_dict_builder_set_diag(ac_dict_builder *b, ac_diag_fn fn, void *ctx)
{
    b->diag = fn;
    b->diag_ctx = ctx;
}

void ac_dict_builder_free(ac_dict_builder *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->actors.len; i++)
        free(((bactor *)ac_vec_at(&b->actors, i))->names);
    for (size_t i = 0; i < b->sets.len; i++)
        free(((bset *)ac_vec_at(&b->sets, i))->phrases);
    ac_vec_free(&b->actors);
    ac_vec_free(&b->patterns);
    ac_vec_free(&b->sets);
    ac_vec_free(&b->irregular);
    ac_vec_free(&b->cameo);
    ac_vec_free(&b->negations);
    ac_arena_free(&b->arena);
    free(b);
}

/* ---- small string helpers over [s, e) ---------------------------------- */

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

static void bad(ac_dict_builder *b, const char *file, uint64_t line, const char *fmt, const char *arg)
{
    ac_builder_bad(b, file, line, fmt, arg);
}

/* Copies [s, e) trimmed into the arena. */
static char *dup_trim(ac_dict_builder *b, const char *s, const char *e)
{
    s = skip_space(s, e);
    e = trim_end(s, e);
    return ac_arena_strndup(&b->arena, s, (size_t)(e - s));
}

static int is_code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* ---- actors, agents, agreements ------------------------------------------ */

/* Parses "CODE" or "CODE [FROM..TO]" into r. Returns 0 or -1. */
static int parse_code_item(ac_dict_builder *b, const char *s, const char *e, ac_code_range *r,
                           int agent, uint8_t *prefix)
{
    s = skip_space(s, e);
    e = trim_end(s, e);
    const char *c = s;
    while (c < e && is_code_char(*c))
        c++;
    if (c == s)
        return -1;
    if (agent && c < e && *c == '~') {
        *prefix = 1;
        r->code = ac_arena_strndup(&b->arena, s, (size_t)(c - s));
        c++;
    } else {
        r->code = ac_arena_strndup(&b->arena, s, (size_t)(c - s));
    }
    if (!r->code)
        return -1;
    r->from = 0;
    r->to = 99999999;
    r->dated = 0;
    c = skip_space(c, e);
    if (c == e)
        return 0;
    if (*c != '[' || e[-1] != ']')
        return -1;
    const char *in = c + 1, *ine = e - 1;
    const char *dots = NULL;
    for (const char *p = in; p + 1 < ine; p++)
        if (p[0] == '.' && p[1] == '.') {
            dots = p;
            break;
        }
    if (!dots)
        return -1;
    const char *f = skip_space(in, dots), *fe = trim_end(in, dots);
    const char *t = skip_space(dots + 2, ine), *te = trim_end(dots + 2, ine);
    if (fe > f && !(r->from = ac_date_parse(f, (size_t)(fe - f))))
        return -1;
    if (te > t && !(r->to = ac_date_parse(t, (size_t)(te - t))))
        return -1;
    if (r->from > r->to)
        return -1;
    r->dated = 1;
    return 0;
}

static void parse_actor(ac_dict_builder *b, const ldstate *ls, const char *file, uint64_t line,
                        const char *s, const char *e)
{
    int kind = ls->kind;
    /* Discard phrases have no code. */
    int codeless = kind == BK_DISCARD || kind == BK_DISCARD_STORY || kind == BK_ISSUE_IGNORE ||
                   kind == BK_NOUN || kind == BK_ADJECTIVE;
    const char *eq = codeless ? e : memchr(s, '=', (size_t)(e - s));
    if (!eq) {
        bad(b, file, line, "missing '=': expected NAME | NAME = CODE%s", "");
        return;
    }
    if (codeless && memchr(s, '=', (size_t)(e - s))) {
        bad(b, file, line, "a %s line has names only, no '= CODE'",
            kind == BK_ISSUE_IGNORE ? "issue-ignore" : "discard");
        return;
    }
    bactor a = {0};
    a.kind = kind;
    a.caps = ls->caps;
    a.exact = ls->exact;
    a.file = file;
    a.line = (uint32_t)line;
    /* Names, separated by |. */
    size_t cap = 4;
    a.names = malloc(cap * sizeof *a.names);
    if (!a.names)
        return;
    const char *p = s;
    while (p < eq) {
        const char *bar = memchr(p, '|', (size_t)(eq - p));
        const char *ne = bar ? bar : eq;
        char *name = dup_trim(b, p, ne);
        if (!name || !*name) {
            bad(b, file, line, "empty name%s", "");
            free(a.names);
            return;
        }
        if (a.nnames == cap) {
            cap *= 2;
            const char **nn = realloc(a.names, cap * sizeof *nn);
            if (!nn) {
                free(a.names);
                return;
            }
            a.names = nn;
        }
        a.names[a.nnames++] = name;
        p = bar ? bar + 1 : eq;
    }
    if (a.nnames == 0) {
        bad(b, file, line, "no name before '='%s", "");
        free(a.names);
        return;
    }
    /* Codes, separated by commas. */
    ac_code_range codes[32];
    size_t nc = 0;
    p = eq + 1;
    while (p < e) {
        const char *comma = memchr(p, ',', (size_t)(e - p));
        const char *ce = comma ? comma : e;
        if (nc == 32) {
            bad(b, file, line, "more than 32 codes%s", "");
            free(a.names);
            return;
        }
        if (parse_code_item(b, p, ce, &codes[nc], kind == BK_AGENT, &a.prefix) != 0) {
            char item[64];
            size_t l = (size_t)(ce - p) < sizeof item - 1 ? (size_t)(ce - p) : sizeof item - 1;
            memcpy(item, p, l);
            item[l] = '\0';
            bad(b, file, line, "bad code '%s' (expected CODE or CODE [YYYY-MM-DD..YYYY-MM-DD])", item);
            free(a.names);
            return;
        }
        nc++;
        p = comma ? comma + 1 : e;
    }
    if (nc == 0 && !codeless) {
        bad(b, file, line, "no code after '='%s", "");
        free(a.names);
        return;
    }
    /* A tone entry is positive or negative, nothing else. */
    if (kind == BK_TONE && (nc != 1 || codes[0].dated ||
                            (strcmp(codes[0].code, "POS") != 0 && strcmp(codes[0].code, "NEG") != 0))) {
        bad(b, file, line, "a tone line ends with = POS or = NEG%s", "");
        free(a.names);
        return;
    }
    if (kind == BK_THEME && (nc != 1 || codes[0].dated)) {
        bad(b, file, line, "a theme line ends with one theme code of the theme table%s", "");
        free(a.names);
        return;
    }
    ac_code_range *cc = ac_arena_alloc(&b->arena, nc * sizeof *cc);
    if (!cc) {
        free(a.names);
        return;
    }
    memcpy(cc, codes, nc * sizeof *cc);
    a.codes = cc;
    a.ncodes = (uint32_t)nc;
    bactor *slot = ac_vec_push(&b->actors);
    if (!slot) {
        free(a.names);
        return;
    }
    *slot = a;
}

/* ---- the theme table --------------------------------------------------------- */

static int is_gkg_char(char c)
{
    return is_code_char(c) || c == '-';
}

/* "CODE | GKG_THEME GKG_THEME ... | description": one theme of accord's
 * taxonomy, the GDELT GKG themes it maps to (spaces or commas between them;
 * none is allowed) and what it covers. Stored as a bactor of kind
 * BK_THEME_TABLE whose one name is the description (never put in the name
 * trie) and whose codes are the theme, then the GKG themes. */
static void parse_theme_table(ac_dict_builder *b, const char *file, uint64_t line,
                              const char *s, const char *e)
{
    const char *bar1 = memchr(s, '|', (size_t)(e - s));
    const char *bar2 = bar1 ? memchr(bar1 + 1, '|', (size_t)(e - bar1 - 1)) : NULL;
    if (!bar2 || memchr(bar2 + 1, '|', (size_t)(e - bar2 - 1))) {
        bad(b, file, line, "a theme-table line is CODE | GKG_THEME ... | description%s", "");
        return;
    }
    const char *cs = skip_space(s, bar1), *ce = trim_end(cs, bar1);
    if (cs == ce) {
        bad(b, file, line, "missing theme code%s", "");
        return;
    }
    for (const char *p = cs; p < ce; p++)
        if (!is_code_char(*p)) {
            bad(b, file, line, "theme code '%s' must be upper-case letters, digits and _",
                dup_trim(b, cs, ce));
            return;
        }
    ac_code_range codes[33];
    size_t nc = 0;
    codes[nc++] = (ac_code_range){ac_arena_strndup(&b->arena, cs, (size_t)(ce - cs)), 0, 99999999, 0};
    const char *p = bar1 + 1;
    while (p < bar2) {
        while (p < bar2 && (*p == ' ' || *p == '\t' || *p == ','))
            p++;
        const char *w = p;
        while (p < bar2 && *p != ' ' && *p != '\t' && *p != ',')
            p++;
        if (p == w)
            break;
        for (const char *q = w; q < p; q++)
            if (!is_gkg_char(*q)) {
                bad(b, file, line, "GKG theme '%s' must be upper-case letters, digits, _ and -",
                    ac_arena_strndup(&b->arena, w, (size_t)(p - w)));
                return;
            }
        if (nc == sizeof codes / sizeof codes[0]) {
            bad(b, file, line, "more than 32 GKG themes%s", "");
            return;
        }
        codes[nc++] = (ac_code_range){ac_arena_strndup(&b->arena, w, (size_t)(p - w)), 0, 99999999, 0};
    }
    char *desc = dup_trim(b, bar2 + 1, e);
    ac_code_range *cc = ac_arena_alloc(&b->arena, nc * sizeof *cc);
    const char **names = malloc(sizeof *names);
    if (!cc || !names || !desc) {
        free(names);
        return;
    }
    for (size_t k = 0; k < nc; k++)
        if (!codes[k].code) {
            free(names);
            return;
        }
    memcpy(cc, codes, nc * sizeof *cc);
    names[0] = desc;
    bactor *slot = ac_vec_push(&b->actors);
    if (!slot) {
        free(names);
        return;
    }
    memset(slot, 0, sizeof *slot);
    slot->kind = BK_THEME_TABLE;
    slot->names = names;
    slot->nnames = 1;
    slot->codes = cc;
    slot->ncodes = (uint32_t)nc;
    slot->file = file;
    slot->line = (uint32_t)line;
}

/* ---- verbs ---------------------------------------------------------------- */

static int valid_event_code(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static void parse_verb(ac_dict_builder *b, const char *file, uint64_t line,
                       const char *s, const char *e)
{
    const char *c = s;
    while (c < e && *c != ' ' && *c != '\t')
        c++;
    /* CODE, CODE:CODE2 (paired: CODE2 from target to source) or :CODE2;
     * a final '?' makes the pattern subordinate. */
    int subordinate = c > s && c[-1] == '?';
    if (subordinate)
        c--;
    const char *colon = memchr(s, ':', (size_t)(c - s));
    const char *ce = colon ? colon : c;
    int ok = colon ? ((ce == s || valid_event_code(s, (size_t)(ce - s))) &&
                      valid_event_code(colon + 1, (size_t)(c - colon - 1)))
                   : valid_event_code(s, (size_t)(c - s));
    if (!ok) {
        bad(b, file, line, "a verb line starts with a CAMEO code of 2 to 4 digits "
            "(or CODE:CODE for a paired event)%s", "");
        return;
    }
    const char *pat = skip_space(c + subordinate, e);
    if (pat == e) {
        bad(b, file, line, "missing pattern after the code%s", "");
        return;
    }
    /* Exactly one head marked with '*'. */
    int heads = 0;
    for (const char *p = pat; p < e; p++)
        if (*p == '*' && (p == pat || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '_') && p + 1 < e &&
            p[1] != ' ')
            heads++;
    if (heads != 1) {
        bad(b, file, line, "a pattern needs exactly one *head word (found %s)",
            heads == 0 ? "none" : "several");
        return;
    }
    bpattern *bp = ac_vec_push(&b->patterns);
    if (!bp)
        return;
    memset(bp, 0, sizeof *bp);
    bp->code = ce > s ? ac_arena_strndup(&b->arena, s, (size_t)(ce - s)) : NULL;
    bp->code2 = colon ? ac_arena_strndup(&b->arena, colon + 1, (size_t)(c - colon - 1)) : NULL;
    bp->subordinate = (uint8_t)subordinate;
    bp->text = dup_trim(b, pat, e);
    bp->file = file;
    bp->line = (uint32_t)line;
}

/* ---- sets, irregular verbs, CAMEO table ------------------------------------ */

static void parse_set(ac_dict_builder *b, const char *file, uint64_t line,
                      const char *s, const char *e)
{
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if (!eq) {
        bad(b, file, line, "missing '=': expected NAME = phrase | phrase%s", "");
        return;
    }
    char *name = dup_trim(b, s, eq);
    if (!name || !*name) {
        bad(b, file, line, "empty set name%s", "");
        return;
    }
    for (char *q = name; *q; q++)
        if (!is_code_char(*q)) {
            bad(b, file, line, "set name '%s' must be upper-case letters, digits and _", name);
            return;
        }
    bset set = {0};
    set.name = name;
    set.file = file;
    set.line = (uint32_t)line;
    size_t cap = 8;
    set.phrases = malloc(cap * sizeof *set.phrases);
    if (!set.phrases)
        return;
    const char *p = eq + 1;
    while (p < e) {
        const char *bar = memchr(p, '|', (size_t)(e - p));
        const char *pe = bar ? bar : e;
        char *ph = dup_trim(b, p, pe);
        if (ph && *ph) {
            if (set.nphrases == cap) {
                cap *= 2;
                const char **np = realloc(set.phrases, cap * sizeof *np);
                if (!np) {
                    free(set.phrases);
                    return;
                }
                set.phrases = np;
            }
            set.phrases[set.nphrases++] = ph;
        }
        p = bar ? bar + 1 : e;
    }
    if (!set.nphrases) {
        bad(b, file, line, "set '%s' has no phrases", name);
        free(set.phrases);
        return;
    }
    bset *slot = ac_vec_push(&b->sets);
    if (!slot) {
        free(set.phrases);
        return;
    }
    *slot = set;
}

static void parse_irregular(ac_dict_builder *b, const char *file, uint64_t line,
                            const char *s, const char *e)
{
    birregular ir = {0};
    const char *p = s;
    while (p < e) {
        p = skip_space(p, e);
        if (p == e)
            break;
        const char *w = p;
        while (p < e && *p != ' ' && *p != '\t')
            p++;
        if (ir.n == 5) {
            bad(b, file, line, "an irregular verb has at most 5 forms%s", "");
            return;
        }
        ir.forms[ir.n++] = ac_arena_strndup(&b->arena, w, (size_t)(p - w));
    }
    if (ir.n < 3) {
        bad(b, file, line, "an irregular verb needs base, past and participle%s", "");
        return;
    }
    ir.file = file;
    ir.line = (uint32_t)line;
    birregular *slot = ac_vec_push(&b->irregular);
    if (slot)
        *slot = ir;
}

static void parse_cameo(ac_dict_builder *b, const char *file, uint64_t line,
                        const char *s, const char *e)
{
    const char *f[5];
    const char *fe[5];
    int n = 0;
    const char *p = s;
    while (n < 5) {
        const char *bar = n < 4 ? memchr(p, '|', (size_t)(e - p)) : NULL;
        f[n] = skip_space(p, bar ? bar : e);
        fe[n] = trim_end(f[n], bar ? bar : e);
        n++;
        if (!bar)
            break;
        p = bar + 1;
    }
    if (n != 5) {
        bad(b, file, line, "a CAMEO line has 5 fields: CODE | GOLDSTEIN | QUAD | PLOVER | NAME%s", "");
        return;
    }
    if (!valid_event_code(f[0], (size_t)(fe[0] - f[0]))) {
        bad(b, file, line, "bad CAMEO code%s", "");
        return;
    }
    char num[32];
    size_t l = (size_t)(fe[1] - f[1]);
    if (l == 0 || l >= sizeof num) {
        bad(b, file, line, "bad Goldstein value%s", "");
        return;
    }
    memcpy(num, f[1], l);
    num[l] = '\0';
    char *end;
    double g = strtod(num, &end);
    if (*end || g < -10 || g > 10) {
        bad(b, file, line, "bad Goldstein value '%s'", num);
        return;
    }
    if (fe[2] - f[2] != 1 || *f[2] < '1' || *f[2] > '4') {
        bad(b, file, line, "the quad class is 1, 2, 3 or 4%s", "");
        return;
    }
    ac_cameo_info *ci = ac_vec_push(&b->cameo);
    if (!ci)
        return;
    ci->code = ac_arena_strndup(&b->arena, f[0], (size_t)(fe[0] - f[0]));
    ci->goldstein = g;
    ci->quad = *f[2] - '0';
    ci->plover = ac_arena_strndup(&b->arena, f[3], (size_t)(fe[3] - f[3]));
    if (strcmp(ci->plover, "NONE") == 0)
        ci->plover = "";
    ci->name = ac_arena_strndup(&b->arena, f[4], (size_t)(fe[4] - f[4]));
}

/* ---- files ------------------------------------------------------------------ */

ac_status ac_dict_builder_add_text(ac_dict_builder *b, const char *name,
                                   const char *text, size_t len, ac_error *err)
{
    if (!b || !name || (!text && len))
        return ac_error_set(err, AC_EINVAL, name, 0, UINT64_MAX, "invalid argument");
    const char *file = ac_arena_strdup(&b->arena, name);
    if (!file)
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    b->files++;
    ldstate ls = {0, CAPS_WRITTEN, 0};
    const char *p = text, *end = text + len;
    uint64_t line = 0;
    while (p < end) {
        line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *s = skip_space(p, le);
        const char *e = le;
        /* A comment runs from # to the end of the line. */
        const char *hash = e > s ? memchr(s, '#', (size_t)(e - s)) : NULL;
        if (hash)
            e = hash;
        e = trim_end(s, e);
        p = nl ? nl + 1 : end;
        if (s == e)
            continue;
        if (!ac_utf8_is_clean(s, (size_t)(e - s))) {
            bad(b, file, line, "invalid UTF-8 or NUL byte%s", "");
            continue;
        }
        if (*s == '@') {
            const char *w = s + 1;
            const char *we = w;
            while (we < e && *we != ' ' && *we != '\t')
                we++;
            const char *k = skip_space(we, e);
            size_t kl = (size_t)(e - k);
            if ((size_t)(we - w) == 4 && memcmp(w, "kind", 4) == 0) {
                int found = 0;
                for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
                    if (strlen(KINDS[i].name) == kl && memcmp(KINDS[i].name, k, kl) == 0) {
                        ls.kind = KINDS[i].kind;
                        found = 1;
                    }
                ls.caps = CAPS_WRITTEN;
                ls.exact = 0;
                if (!found) {
                    ls.kind = -1;
                    bad(b, file, line, "unknown @kind '%s'", dup_trim(b, k, e));
                }
            } else if ((size_t)(we - w) == 4 && memcmp(w, "caps", 4) == 0) {
                /* @caps written | first | none: how names match capitals. */
                if (kl == 7 && memcmp(k, "written", 7) == 0)
                    ls.caps = CAPS_WRITTEN;
                else if (kl == 5 && memcmp(k, "first", 5) == 0)
                    ls.caps = CAPS_FIRST;
                else if (kl == 4 && memcmp(k, "none", 4) == 0)
                    ls.caps = CAPS_NONE;
                else
                    bad(b, file, line, "@caps takes written, first or none, not '%s'", dup_trim(b, k, e));
            } else if ((size_t)(we - w) == 7 && memcmp(w, "plurals", 7) == 0) {
                /* @plurals on | off: generated plurals of agent names. */
                if (kl == 2 && memcmp(k, "on", 2) == 0)
                    ls.exact = 0;
                else if (kl == 3 && memcmp(k, "off", 3) == 0)
                    ls.exact = 1;
                else
                    bad(b, file, line, "@plurals takes on or off, not '%s'", dup_trim(b, k, e));
            } else {
                bad(b, file, line, "unknown directive '%s'", dup_trim(b, s, e));
            }
            continue;
        }
        switch (ls.kind) {
        case 0:
            bad(b, file, line, "entry before any @kind line%s", "");
            break;
        case -1:
            bad(b, file, line, "entry under an unknown @kind%s", "");
            break;
        case BK_VERB:
            parse_verb(b, file, line, s, e);
            break;
        case BK_SET:
            parse_set(b, file, line, s, e);
            break;
        case BK_IRREGULAR:
            parse_irregular(b, file, line, s, e);
            break;
        case BK_CAMEO:
            parse_cameo(b, file, line, s, e);
            break;
        case BK_THEME_TABLE:
            parse_theme_table(b, file, line, s, e);
            break;
        default:
            parse_actor(b, &ls, file, line, s, e);
            break;
        }
    }
    return AC_OK;
}

/* Reads path; `shown` is the name used in messages and pattern references. */
static ac_status add_file_as(ac_dict_builder *b, const char *path, const char *shown, ac_error *err)
{
    char *buf;
    size_t len;
    ac_status st = ac_builder_read_file(path, &buf, &len, err);
    if (st != AC_OK)
        return st;
    st = ac_dict_builder_add_text(b, shown, buf, len, err);
    free(buf);
    return st;
}

ac_status ac_dict_builder_add_file(ac_dict_builder *b, const char *path, ac_error *err)
{
    return add_file_as(b, path, path, err);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the *.txt files under dir; `shown` names dir in messages. */
static ac_status add_dir_as(ac_dict_builder *b, const char *dir, const char *shown, ac_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return ac_error_set(err, AC_EIO, dir, 0, UINT64_MAX, "cannot open directory: %s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        size_t l = strlen(dir) + strlen(de->d_name) + 2;
        names[n] = malloc(l);
        if (!names[n])
            break;
        snprintf(names[n], l, "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    ac_status st = AC_OK;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (st == AC_OK && stat(names[i], &sb) == 0) {
            size_t l = strlen(names[i]);
            char sub[1024];
            snprintf(sub, sizeof sub, "%s/%s", shown, names[i] + strlen(dir) + 1);
            if (S_ISDIR(sb.st_mode))
                st = add_dir_as(b, names[i], sub, err);
            else if (l > 4 && strcmp(names[i] + l - 4, ".txt") == 0)
                st = add_file_as(b, names[i], sub, err);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

ac_status ac_dict_builder_add_dir(ac_dict_builder *b, const char *dir, ac_error *err)
{
    /* Files are named by the folder's own name and their path inside it
     * ("dict/verbs/conflict.txt"), so outputs do not depend on where the
     * dictionaries are installed. */
    char top[1024];
    snprintf(top, sizeof top, "%s", dir);
    size_t l = strlen(top);
    while (l > 1 && top[l - 1] == '/')
        top[--l] = '\0';
    const char *slash = strrchr(top, '/');
    return add_dir_as(b, top, slash ? slash + 1 : top, err);
}

ac_status ac_dict_load_dir(const char *dir, ac_diag_fn diag, void *diag_ctx,
                           ac_dict **out, ac_error *err)
{
    ac_dict_builder *b = ac_dict_builder_new();
    if (!b)
        return ac_error_set(err, AC_ENOMEM, dir, 0, UINT64_MAX, "out of memory");
    ac_dict_builder_set_diag(b, diag, diag_ctx);
    ac_status st = ac_dict_builder_add_dir(b, dir, err);
    if (st != AC_OK) {
        ac_dict_builder_free(b);
        return st;
    }
    return ac_dict_build(b, out, err);
}

const char *ac_dict_default_dir(void)
{
    const char *env = getenv("ACCORD_DICT");
    if (env && *env)
        return env;
#ifdef ACCORD_DICT_DIR
    return ACCORD_DICT_DIR;
#else
    return "dict";
#endif
}

int32_t ac_date_parse(const char *s, size_t n)
{
    int y, m, d;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        for (size_t i = 0; i < 10; i++)
            if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
                return 0;
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[5] - '0') * 10 + (s[6] - '0');
        d = (s[8] - '0') * 10 + (s[9] - '0');
    } else {
        return 0;
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    return y * 10000 + m * 100 + d;
}
