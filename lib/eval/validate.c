/*
 * validate.c -- running the field's validation suites (ac_validate_run in
 * accord.h): PETRARCH's XML unit tests and TABARI's Validate.project.
 *
 * One run: find and load the dictionaries the suite names (the suite's own
 * files, plus accord's CAMEO table and irregular verbs), then read the
 * records in file order. Settings that the suite changes on the way
 * (<Config>, { OPTION: ... }) are tracked from where they stand onwards, as
 * both coders do, so that a record coded under a setting accord cannot
 * honour is skipped with that reason instead of failing for it. Each other
 * record's raw text is coded as one story with the record's date, and the
 * set of (source, target, code) produced is compared with the expected set.
 *
 * Where the rules come from (the suites' own comparison, nothing looser):
 *
 *   PETRARCH (PETR.coder.py, evaluate_validation_record): a coded event
 *   matches an expected one when the three strings are equal; the record
 *   passes when every coded event matches a distinct expected one and every
 *   expected one is matched. Coded events are deduplicated first, so this is
 *   set equality. A record with noevents="True", or with no <EventCoding> at
 *   all, expects no event. Records are skipped when their category is not in
 *   <Include> (or is in <Exclude>); when 'valid' is in <Include>, only
 *   records marked valid are evaluated: valid="true", or, in a file that
 *   does not use that attribute (PETR.UnitTest.records.xml), a record not
 *   marked sentence="false" (that file marks with it exactly the records its
 *   comments call "currently not implemented"). UniversalPetrarch's file
 *   marks records evaluate="false" instead. The dictionaries are read as
 *   PETRARCH's reader reads them; so is the file itself in one respect: a
 *   line whose first non-blank character is '#' is a comment there (the
 *   2_02 file's header holds such lines with a nested "<!--" that no XML
 *   parser accepts), and the 2_02 file's "<PLEvent {...}>" lines, which its
 *   header says are ignored, are not XML either; both are blanked before the
 *   XML is parsed (line numbers are kept).
 *
 *   error="dateline" expects no event (PETRARCH-2 skips such text);
 *   error="sentencediscard"/"storydiscard" expects a discard: the record
 *   passes only when accord reports one and codes nothing, since producing
 *   nothing for another reason says nothing about discards; error=
 *   "bad_input_parse" tests the <Parse> tree, which accord does not read:
 *   skipped.
 *
 *   <Config> settings (PETR.coder.py, change_Config_Options) persist until
 *   changed again. Defaults are those of PETR_config.ini: new_actor_length
 *   0, require_dyad true, comma_min 2, comma_max 8, comma_bmin 0, comma_bmax
 *   0, comma_emin 2, comma_emax 8. A pair whose max is 0 is "deactivated"
 *   (that is how PETRARCH prints it), whatever its min. accord cannot honour
 *   new_actor_length > 0 (expects raw noun-phrase text as actor codes) or
 *   other comma limits (accord has no such setting), so records under them
 *   are skipped. require_dyad false lets through events with a missing actor
 *   ("---"); accord codes only dyads, so it skips a record under it only when
 *   the record expects such an event (an anonymous agent, "---GOV", is an
 *   actor code like any other and fails honestly). stop_on_error is about
 *   the program, not the coding: ignored.
 *
 *   TABARI (process.cp, checkEvents; manual ch. 10.1): the comment block
 *   starts at the first slash-star of the record and the expectations at the
 *   first '{' after it. A block holding "OPTION:" makes an option record.
 *   When the coder finds no event, the record passes if the first block is
 *   preceded by '-' or the expectations hold "---" (no event), "###"
 *   (discard) or "+++" (too complex); otherwise event i must equal block i,
 *   field by field after trimming blanks, until a block preceded by '-'
 *   ("-{"), which ends the checking; there must be as many blocks as events,
 *   the "-{" block included. Read as sets: a first block "-{" checks nothing
 *   (skipped); {---} and {+++} expect no event (accord has no complexity
 *   filter, so "too complex to code" can only mean nothing coded); {###}
 *   expects a discard, as above; a list ending in "-{" passes when the
 *   listed events are all produced and at least one more is; a record that
 *   lists a special code and events (DEBUG-11: {+++} with the complexity
 *   filter on, the events with it off) passes with either outcome. Order is
 *   not compared: it is an artefact of a coder's traversal. Text after a
 *   block (a date, a comment) is ignored, as TABARI does without time
 *   shifting. The run stops at the first record without expectations, the
 *   end-of-validation record (FINAL-01).
 *
 *   TABARI options persist too. Defaults are TABARI's (manual ch. 8), then
 *   the project's .options file: CODE BY CLAUSE, MINIMUM WORDS 8, CONVERT
 *   AGENTS false, FBIS false, DEFAULT off, FORWARD off, COMMA MIN 2 MAX 10
 *   EMIN 2 EMAX 10 BMIN 128 BMAX 0 (a pair whose max is below its min deletes
 *   nothing, whatever its numbers). Records under other values are skipped.
 *   YYYY (8-digit dates) is honoured by this reader; TIME SHIFT only adds a
 *   date check, COMPLEX a filter whose outcome {+++} is read as above,
 *   OUTPUT, LABEL and the USAGE switches only change output: all ignored.
 */
#include "accord.h"

#include "common/arena.h"
#include "common/buf.h"
#include "common/error.h"
#include "common/utf8.h"
#include "common/vec.h"

#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/* libxml2 2.12 made the structured error handler take a const error. */
#if LIBXML_VERSION >= 21200
typedef const xmlError xml_error_t;
#else
typedef xmlError xml_error_t;
#endif

#define PATH_CAP 4096

static const char *const SKIP_NAMES[AC_VSKIP_COUNT] = {
    [AC_VSKIP_NONE] = "not skipped",
    [AC_VSKIP_NOT_EVALUATED] = "marked not to be evaluated",
    [AC_VSKIP_CATEGORY] = "category not included",
    [AC_VSKIP_OPTION_RECORD] = "option record",
    [AC_VSKIP_SETTING] = "setting accord cannot honour",
    [AC_VSKIP_PARSE_TREE] = "tests the parse tree",
    [AC_VSKIP_UNCHECKED] = "nothing checked",
    [AC_VSKIP_BAD_EXPECTATION] = "unreadable expectation",
};

const char *ac_validate_skip_name(ac_validate_skip s)
{
    return (unsigned)s < AC_VSKIP_COUNT ? SKIP_NAMES[s] : "?";
}

/* ---- the run ------------------------------------------------------------------------ */

typedef struct triple {
    const char *src, *tgt, *code;
} triple;

/* What a record expects. */
enum { EXP_EVENTS, EXP_NONE, EXP_DISCARD };

typedef struct expect {
    int kind;
    ac_vec ev;             /* triple, deduplicated */
    int at_least_more;     /* TABARI "-{" after the list: listed ⊆ produced, and more */
    int or_none;           /* TABARI special code with events: nothing produced passes too */
} expect;

/* PETRARCH <Config> settings. comma[] is min, max, bmin, bmax, emin, emax. */
typedef struct petr_settings {
    long new_actor_length;
    int require_dyad;
    long comma[6];
} petr_settings;

static const char *const PETR_COMMA_NAMES[6] = {"comma_min", "comma_max", "comma_bmin",
                                                "comma_bmax", "comma_emin", "comma_emax"};

/* TABARI options. comma[] is min, max, bmin, bmax, emin, emax. */
typedef struct tabari_settings {
    char code_by[16];      /* CLAUSE, SENTENCE, ALL */
    long min_words;
    int convert_agents, fbis, yyyy;
    char deflt[128];       /* "" when DEFAULT is off, else its value */
    char forward[128];     /* "" when FORWARD is off */
    long comma[6];
} tabari_settings;

static const char *const TABARI_COMMA_NAMES[6] = {"MIN", "MAX", "BMIN", "BMAX", "EMIN", "EMAX"};

typedef struct vrun {
    const char *path;              /* the suite file */
    char dir[PATH_CAP];            /* its folder */
    const ac_validate_options *opt;
    ac_validate_fn fn;
    void *ctx;
    ac_diag_fn diag;
    void *diag_ctx;
    ac_validate_summary *sum;
    ac_arena arena;                /* strings that live for the run */
    ac_arena rec;                  /* strings of the current record */
    ac_dict_builder *builder;      /* until the dictionaries are built */
    ac_dict *dict;
    ac_buf dict_list;              /* dictionary paths, for the summary */
    size_t dict_named;
    /* PETRARCH */
    char **include, **exclude;     /* NULL-terminated, in the run arena */
    int valid_only;
    petr_settings petr;
    /* TABARI */
    int tabari;                    /* the suite is a TABARI project */
    tabari_settings tab;
} vrun;

static int streq_ci(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

static int contains_ci(const char *s, const char *part)
{
    size_t m = strlen(part);
    for (; *s; s++)
        if (strncasecmp(s, part, m) == 0)
            return 1;
    return 0;
}

static char *trim(char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* A copy of s[0..n) with every run of white space made one blank, trimmed. */
static char *collapse(ac_arena *a, const char *s, size_t n)
{
    char *out = ac_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c) || c == '\0') {
            space = k > 0;
            continue;
        }
        if (space)
            out[k++] = ' ';
        space = 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return out;
}

/* "YYYYMMDD" or "YYMMDD" (YY of 30 or less is 20YY, as in TABARI and
 * PETRARCH dates) to "YYYY-MM-DD"; 0 when it is no date of the calendar. */
static int make_date(const char *s, size_t n, char out[11])
{
    int y, m, d;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    if (n == 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        s += 4;
    } else if (n == 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        s += 2;
    } else {
        return 0;
    }
    m = (s[0] - '0') * 10 + (s[1] - '0');
    d = (s[2] - '0') * 10 + (s[3] - '0');
    static const int DAYS[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return snprintf(out, 11, "%04d-%02d-%02d", y, m, d) == 10;
}

/* out = a/b (or a/b/c): 0 when it does not fit. */
static int join(char out[PATH_CAP], const char *a, const char *b, const char *c)
{
    int n = c ? snprintf(out, PATH_CAP, "%s/%s/%s", a, b, c) : snprintf(out, PATH_CAP, "%s/%s", a, b);
    return n > 0 && n < PATH_CAP;
}

static int is_file(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Finds a file the suite names: next to the suite, in each dict_search
 * folder, then in the sibling folders of the suite's folder. Fills out and
 * returns 1, or 0 when it is nowhere. */
static int find_file(vrun *v, const char *name, char out[PATH_CAP])
{
    if (name[0] == '/') {
        if (strlen(name) >= PATH_CAP)
            return 0;
        memcpy(out, name, strlen(name) + 1);
        return is_file(out);
    }
    if (join(out, v->dir, name, NULL) && is_file(out))
        return 1;
    for (const char *const *d = v->opt ? v->opt->dict_search : NULL; d && *d; d++)
        if (join(out, *d, name, NULL) && is_file(out))
            return 1;
    /* The parent folder, written without ".." where the path allows it, so
     * that messages name "data/petrarch2-dictionaries/F", not
     * "data/petrarch2-validation/../petrarch2-dictionaries/F". */
    char parent[PATH_CAP];
    const char *last = strrchr(v->dir, '/');
    const char *base = last ? last + 1 : v->dir;
    if (!strcmp(base, ".") || !strcmp(base, "..") || !strcmp(v->dir, "/")) {
        if (!join(parent, v->dir, "..", NULL))
            return 0;
    } else if (!last) {
        memcpy(parent, ".", 2);
    } else if (last == v->dir) {
        memcpy(parent, "/", 2);
    } else {
        snprintf(parent, sizeof parent, "%.*s", (int)(last - v->dir), v->dir);
    }
    DIR *dp = opendir(parent);
    if (!dp)
        return 0;
    ac_vec names;
    ac_vec_init(&names, sizeof(char *));
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char **slot = ac_vec_push(&names);
        if (!slot || !(*slot = strdup(e->d_name))) {
            if (slot)
                names.len--;
            break;
        }
    }
    closedir(dp);
    qsort(names.data, names.len, sizeof(char *), cmp_str);
    int found = 0;
    for (size_t i = 0; i < names.len; i++) {
        char **nm = ac_vec_at(&names, i);
        if (!found)
            found = join(out, parent, *nm, name) && is_file(out);
        free(*nm);
    }
    ac_vec_free(&names);
    return found;
}

/* Reads a whole file into a malloc'd, NUL-terminated buffer. */
static ac_status read_all(const char *path, char **out, size_t *len, ac_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf)
        return ac_error_set(err, AC_ENOMEM, path, 0, UINT64_MAX, "out of memory");
    if (rerr) {
        free(buf);
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "read error");
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return AC_OK;
}

/* ---- dictionaries -------------------------------------------------------------------- */

static ac_status begin_dicts(vrun *v, ac_error *err)
{
    v->builder = ac_dict_builder_new();
    if (!v->builder)
        return ac_error_set(err, AC_ENOMEM, v->path, 0, UINT64_MAX, "out of memory");
    ac_dict_builder_set_diag(v->builder, v->diag, v->diag_ctx);
    return AC_OK;
}

/* Adds the dictionary `name` that the suite names in `what` (for messages). */
static ac_status add_dict(vrun *v, const char *name, ac_dict_format fmt, const char *what,
                          uint64_t line, ac_error *err)
{
    char path[PATH_CAP];
    if (!find_file(v, name, path))
        return ac_error_set(err, AC_EIO, v->path, line,  UINT64_MAX,
                            "%s '%s' not found next to the suite, in the --dict-dir folders or "
                            "in the folders beside the suite's", what, name);
    ac_status st = ac_dict_builder_add_format(v->builder, path, fmt, err);
    if (st != AC_OK)
        return st;
    if (v->dict_named++)
        ac_buf_append(&v->dict_list, ", ", 2);
    return ac_buf_puts(&v->dict_list, path);
}

static ac_status finish_dicts(vrun *v, ac_error *err)
{
    ac_status st = ac_dict_builder_add_base(v->builder, err);
    if (st != AC_OK)
        return st;
    ac_dict_builder *b = v->builder;
    v->builder = NULL;
    st = ac_dict_build(b, &v->dict, err);
    if (st != AC_OK)
        return st;
    ac_dict_stats s;
    ac_dict_get_stats(v->dict, &s);
    v->sum->dict_files = s.files;
    v->sum->dict_bad_lines = s.lines_bad;
    size_t cap = sizeof v->sum->dictionaries;
    const char *list = v->dict_list.len ? v->dict_list.data : "";
    if (strlen(list) < cap)
        snprintf(v->sum->dictionaries, cap, "%s", list);
    else
        snprintf(v->sum->dictionaries, cap, "%.*s...", (int)(cap - 4), list);
    return AC_OK;
}

/* ---- records ------------------------------------------------------------------------- */

static int cmp_triple(const void *a, const void *b)
{
    const triple *x = a, *y = b;
    int c = strcmp(x->src, y->src);
    if (!c)
        c = strcmp(x->tgt, y->tgt);
    if (!c)
        c = strcmp(x->code, y->code);
    return c;
}

static int has_triple(const ac_vec *set, const triple *t)
{
    for (size_t i = 0; i < set->len; i++)
        if (cmp_triple(ac_vec_at(set, i), t) == 0)
            return 1;
    return 0;
}

/* Adds a copy of t (blanks trimmed) unless the set has it. 0 on OOM. */
static int add_triple(ac_arena *a, ac_vec *set, const char *src, const char *tgt,
                      const char *code)
{
    triple t = {collapse(a, src, strlen(src)), collapse(a, tgt, strlen(tgt)),
                collapse(a, code, strlen(code))};
    if (!t.src || !t.tgt || !t.code)
        return 0;
    if (has_triple(set, &t))
        return 1;
    triple *slot = ac_vec_push(set);
    if (!slot)
        return 0;
    *slot = t;
    return 1;
}

/* The 2_02 suite writes a compound actor as one code, "FRO/BIL/SAM": one
 * triple for each pair of its members (the events a coder emits for a
 * compound). Returns 0 when out of memory. */
static int add_compound_triples(ac_arena *a, ac_vec *set, char *src, char *tgt, const char *code)
{
    char *s = src;
    for (;;) {
        char *se = strchr(s, '/');
        if (se)
            *se = '\0';
        char *t = tgt;
        for (;;) {
            char *te = strchr(t, '/');
            if (te)
                *te = '\0';
            int ok = add_triple(a, set, s, t, code);
            if (te)
                *te = '/';
            if (!ok)
                return 0;
            if (!te)
                break;
            t = te + 1;
        }
        if (!se)
            break;
        *se = '/';
        s = se + 1;
    }
    return 1;
}

/* "SRC>TGT:CODE, ..." sorted, or "(none)". */
static const char *describe(ac_arena *a, ac_vec *set)
{
    if (set->len == 0)
        return "(none)";
    qsort(set->data, set->len, sizeof(triple), cmp_triple);
    ac_buf b = {0};
    for (size_t i = 0; i < set->len; i++) {
        const triple *t = ac_vec_at(set, i);
        ac_buf_printf(&b, "%s%s>%s:%s", i ? ", " : "", t->src, t->tgt, t->code);
    }
    const char *s = b.data ? ac_arena_strdup(a, b.data) : NULL;
    ac_buf_free(&b);
    return s;
}

static const char *describe_expect(ac_arena *a, expect *x)
{
    if (x->kind == EXP_NONE)
        return "(none)";
    if (x->kind == EXP_DISCARD)
        return "(discard)";
    const char *list = describe(a, &x->ev);
    if (!list)
        return NULL;
    ac_buf b = {0};
    ac_buf_printf(&b, "%s%s%s", x->or_none ? "(none) or " : "", list,
                  x->at_least_more ? " + more" : "");
    const char *s = b.data ? ac_arena_strdup(a, b.data) : NULL;
    ac_buf_free(&b);
    return s;
}

static void expect_init(expect *x)
{
    memset(x, 0, sizeof *x);
    x->kind = EXP_NONE;
    ac_vec_init(&x->ev, sizeof(triple));
}

/* Hands a decided record to the caller and counts it. */
static void report(vrun *v, ac_validate_record *r)
{
    ac_validate_summary *s = v->sum;
    s->records++;
    if (r->status == AC_VALID_PASS)
        s->passed++;
    else if (r->status == AC_VALID_FAIL)
        s->failed++;
    else {
        s->skipped++;
        s->skips[r->skip]++;
    }
    if (!r->skip_detail)
        r->skip_detail = "";
    if (!r->expected)
        r->expected = "";
    if (!r->produced)
        r->produced = "";
    if (!r->explain)
        r->explain = "";
    if (v->fn)
        v->fn(v->ctx, r);
}

static void skip(vrun *v, ac_validate_record *r, ac_validate_skip why, const char *detail)
{
    r->status = AC_VALID_SKIP;
    r->skip = why;
    r->skip_detail = detail ? detail : "";
    report(v, r);
}

static int wanted(const vrun *v, const char *id)
{
    const char *only = v->opt ? v->opt->only : NULL;
    if (!only || !*only)
        return 1;
    if (strcmp(only, id) == 0)
        return 1;
    /* Or one of its blank-separated words ("950101 AGENTS-11"). */
    size_t n = strlen(only);
    for (const char *p = id; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == n && strncmp(p, only, n) == 0)
            return 1;
        p = e;
    }
    return 0;
}

/* Codes r->text and judges it against x. */
static ac_status code_and_judge(vrun *v, ac_validate_record *r, expect *x)
{
    ac_arena *a = &v->rec;
    r->expected = describe_expect(a, x);
    if (!r->expected)
        return AC_ENOMEM;

    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = r->id;
    st.date = r->date;
    st.title = st.url = st.source = "";
    st.text = r->text;
    st.text_len = strlen(r->text);
    st.origin = r->file;
    st.origin_line = r->line;
    /* The suites define coding by the community's convention. */
    ac_code_options co = {.flags = (v->opt ? v->opt->code_flags : 0) | AC_CODE_LITERAL};
    /* TABARI's default CODE BY CLAUSE (other settings skip the record). */
    if (v->tabari && !strcmp(v->tab.code_by, "CLAUSE"))
        co.flags |= AC_CODE_BY_CLAUSE;
    if (v->tabari) {
        co.flags |= AC_CODE_FIRST_ACTOR;
        co.min_words = v->tab.min_words > 0 ? (unsigned)v->tab.min_words : 0;
        /* TABARI's minimums are exclusive ("more than two words"); a
         * maximum below its minimum turns that kind off. */
        for (int k = 0; k < 6; k += 2) {
            long lo = v->tab.comma[k], hi = v->tab.comma[k + 1];
            int off = hi < lo || hi <= 0;
            /* off: a least of 1 and a most of 0, so that all kinds off is
             * not read as "all 0: the defaults" (ac_code_options). */
            co.comma[k] = off ? 1 : (unsigned)(lo < 0 ? 0 : lo + 1);
            co.comma[k + 1] = off ? 0 : (unsigned)hi;
        }
    }
    /* PETRARCH's comma_* settings act on its parse tree (a clause must be a
     * constituent), which accord's text-based rule does not reproduce:
     * records under non-default settings are skipped (petr_unhonoured). */
    ac_doc *doc = NULL;
    ac_error e;
    ac_status cs = ac_code(v->dict, &st, &co, &doc, &e);
    if (cs == AC_ENOMEM)
        return AC_ENOMEM;
    if (cs != AC_OK) {
        v->sum->code_errors++;
        ac_warn(v->diag, v->diag_ctx, cs, r->file, r->line, UINT64_MAX,
                "record %s could not be coded: %s", r->id, e.msg);
        char *msg = ac_arena_alloc(a, 300);
        if (msg)
            snprintf(msg, 300, "(not coded: %s)", e.msg);
        r->produced = msg ? msg : "(not coded)";
        r->status = AC_VALID_FAIL;
        report(v, r);
        return AC_OK;
    }

    ac_vec got;
    ac_vec_init(&got, sizeof(triple));
    ac_status rc = AC_OK;
    for (size_t i = 0; i < ac_doc_event_count(doc) && rc == AC_OK; i++) {
        const ac_event *ev = ac_doc_event(doc, i);
        if (!add_triple(a, &got, ev->source ? ev->source : "", ev->target ? ev->target : "",
                        ev->code))
            rc = AC_ENOMEM;
    }
    r->discarded = ac_doc_discarded(doc);
    for (size_t i = 0; i < ac_doc_sentence_count(doc); i++)
        if (ac_doc_sentence(doc, i)->discarded)
            r->discarded = 1;
    const char *explain = ac_doc_explain(doc);
    r->explain = explain && *explain ? ac_arena_strdup(a, explain) : "";
    ac_doc_free(doc);
    if (rc != AC_OK || !r->explain) {
        ac_vec_free(&got);
        return AC_ENOMEM;
    }

    int pass = 0;
    if (x->kind == EXP_NONE) {
        pass = got.len == 0;
    } else if (x->kind == EXP_DISCARD) {
        pass = r->discarded && got.len == 0;
    } else {
        size_t found = 0;
        for (size_t i = 0; i < x->ev.len; i++)
            found += has_triple(&got, ac_vec_at(&x->ev, i));
        if (x->at_least_more)
            pass = found == x->ev.len && got.len > x->ev.len;
        else
            pass = found == x->ev.len && got.len == x->ev.len;
        if (!pass && x->or_none && got.len == 0)
            pass = 1;
    }
    r->produced = describe(a, &got);
    ac_vec_free(&got);
    if (!r->produced)
        return AC_ENOMEM;
    r->status = pass ? AC_VALID_PASS : AC_VALID_FAIL;
    report(v, r);
    return AC_OK;
}

static void rec_reset(vrun *v)
{
    ac_arena_free(&v->rec);
    ac_arena_init(&v->rec, 16 * 1024);
}

/* ---- PETRARCH XML --------------------------------------------------------------------- */

static void petr_defaults(petr_settings *p)
{
    p->new_actor_length = 0;
    p->require_dyad = 1;
    static const long COMMA[6] = {2, 8, 0, 0, 2, 8};
    memcpy(p->comma, COMMA, sizeof COMMA);
}

/* An attribute's value, copied into the record arena; NULL when absent. */
static char *prop(vrun *v, xmlNode *n, const char *name)
{
    xmlChar *x = xmlGetProp(n, (const xmlChar *)name);
    if (!x)
        return NULL;
    char *s = ac_arena_strdup(&v->rec, (const char *)x);
    xmlFree(x);
    return s;
}

/* An element's text, whitespace collapsed, in the record arena. */
static char *content(vrun *v, xmlNode *n)
{
    xmlChar *x = xmlNodeGetContent(n);
    if (!x)
        return ac_arena_strdup(&v->rec, "");
    char *s = collapse(&v->rec, (const char *)x, strlen((const char *)x));
    xmlFree(x);
    return s;
}

static int is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static uint64_t line_of(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? (uint64_t)l : 0;
}

/* Applies one <Config option value>. */
static void petr_config(vrun *v, xmlNode *n)
{
    char *opt = prop(v, n, "option"), *val = prop(v, n, "value");
    uint64_t line = line_of(n);
    if (!opt || !val) {
        ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line, UINT64_MAX,
                "<Config> without option and value; ignored");
        return;
    }
    opt = trim(opt);
    val = trim(val);
    petr_settings *p = &v->petr;
    char *end;
    if (streq_ci(opt, "new_actor_length")) {
        long x = strtol(val, &end, 10);
        if (end == val || *end)
            ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line, UINT64_MAX,
                    "<Config>: new_actor_length '%s' is not an integer; ignored", val);
        else
            p->new_actor_length = x;
        return;
    }
    if (streq_ci(opt, "require_dyad")) {
        /* As PETRARCH reads it: anything but a value containing "false" is true. */
        p->require_dyad = !contains_ci(val, "false");
        return;
    }
    if (streq_ci(opt, "stop_on_error"))
        return;
    for (int i = 0; i < 6; i++)
        if (streq_ci(opt, PETR_COMMA_NAMES[i])) {
            long x = strtol(val, &end, 10);
            if (end == val || *end)
                ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line, UINT64_MAX,
                        "<Config>: %s '%s' is not an integer; ignored", opt, val);
            else
                p->comma[i] = x;
            return;
        }
    ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line, UINT64_MAX,
            "<Config>: option '%s' is not known; ignored", opt);
}

/* 1 when an expected event has a missing actor ("---" or empty): one that
 * only require_dyad = false lets through. */
static int expects_missing_actor(const expect *x)
{
    for (size_t i = 0; i < x->ev.len; i++) {
        const triple *t = ac_vec_at(&x->ev, i);
        if (!*t->src || !*t->tgt || !strcmp(t->src, "---") || !strcmp(t->tgt, "---"))
            return 1;
    }
    return 0;
}

/* "" when accord can code x under the settings in force, else what it
 * cannot honour (record arena). require_dyad = false matters only to a
 * record that expects an event with a missing actor: accord codes only
 * dyads, and every other expected event is one. */
static const char *petr_unhonoured(vrun *v, const expect *x)
{
    petr_settings def;
    petr_defaults(&def);
    const petr_settings *p = &v->petr;
    ac_buf b = {0};
    if (p->new_actor_length > 0)
        ac_buf_printf(&b, "new_actor_length = %ld (expects raw noun-phrase text as actor codes)",
                      p->new_actor_length);
    if (!p->require_dyad && expects_missing_actor(x))
        ac_buf_printf(&b, "%srequire_dyad = false (expects an event with a missing actor)",
                      b.len ? "; " : "");
    for (int i = 0; i < 6; i += 2) {
        int off = p->comma[i + 1] == 0, def_off = def.comma[i + 1] == 0;
        if (off && def_off)
            continue;
        if (off != def_off || p->comma[i] != def.comma[i] || p->comma[i + 1] != def.comma[i + 1])
            ac_buf_printf(&b, "%s%s = %ld, %s = %ld (comma clauses of the parse tree)",
                          b.len ? "; " : "", PETR_COMMA_NAMES[i], p->comma[i],
                          PETR_COMMA_NAMES[i + 1], p->comma[i + 1]);
    }
    const char *s = b.len ? ac_arena_strdup(&v->rec, b.data) : "";
    ac_buf_free(&b);
    return s;
}

/* A NULL-terminated list of the blank-separated words of s (run arena). */
static char **word_list(vrun *v, const char *s)
{
    char *copy = ac_arena_strdup(&v->arena, s);
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += !isspace((unsigned char)*p) && (p == s || isspace((unsigned char)p[-1]));
    char **list = ac_arena_calloc(&v->arena, n + 1, sizeof *list);
    if (!copy || !list)
        return NULL;
    size_t k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, " \t\r\n", &save); tok && k < n;
         tok = strtok_r(NULL, " \t\r\n", &save))
        list[k++] = tok;
    return list;
}

static int in_list(char **list, const char *w)
{
    for (; list && *list; list++)
        if (strcmp(*list, w) == 0)
            return 1;
    return 0;
}

/* 1 when an <Include> list names a category ('valid' is a flag, not one). */
static int names_categories(char **list)
{
    for (; list && *list; list++)
        if (strcmp(*list, "valid") != 0)
            return 1;
    return 0;
}

/* The words of an <Include>/<Exclude>: its text, or P1's categories="...". */
static char **category_list(vrun *v, xmlNode *n)
{
    char *cats = prop(v, n, "categories");
    if (!cats)
        cats = content(v, n);
    return cats ? word_list(v, cats) : NULL;
}

static ac_status petr_environment(vrun *v, xmlNode *env, ac_error *err)
{
    static const struct {
        const char *tag;
        ac_dict_format fmt;
    } FILES[] = {
        {"Verbfile", AC_DICT_PETR_VERBS},     {"Actorfile", AC_DICT_PETR_ACTORS},
        {"Agentfile", AC_DICT_PETR_AGENTS},   {"Discardfile", AC_DICT_PETR_DISCARDS},
        {"PICOfile", AC_DICT_PETR_PICO},
        {"Issuefile", AC_DICT_PETR_ISSUES},
    };
    ac_status st = begin_dicts(v, err);
    for (xmlNode *c = env->children; c && st == AC_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        rec_reset(v);
        if (is_el(c, "Include") || is_el(c, "Exclude")) {
            char **list = category_list(v, c);
            if (!list)
                return ac_error_set(err, AC_ENOMEM, v->path, 0, UINT64_MAX, "out of memory");
            if (is_el(c, "Include")) {
                v->include = list;
                v->valid_only = in_list(list, "valid");
            } else {
                v->exclude = list;
            }
            continue;
        }
        if (is_el(c, "Config")) {
            petr_config(v, c);
            continue;
        }
        for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
            if (!is_el(c, FILES[i].tag))
                continue;
            /* The file name is the element's text, or P1's name="...". A
             * list (PETR_config.ini's actorfile_list style) is split. */
            char *names = prop(v, c, "name");
            if (!names)
                names = content(v, c);
            if (!names)
                return ac_error_set(err, AC_ENOMEM, v->path, 0, UINT64_MAX, "out of memory");
            char *save = NULL;
            for (char *tok = strtok_r(names, ", ", &save); tok && st == AC_OK;
                 tok = strtok_r(NULL, ", ", &save))
                st = add_dict(v, tok, FILES[i].fmt, FILES[i].tag, line_of(c), err);
        }
    }
    if (st == AC_OK && v->dict_named == 0)
        st = ac_error_set(err, AC_EPARSE, v->path, line_of(env), UINT64_MAX,
                          "<Environment> names no dictionary (Verbfile, Actorfile, ...)");
    if (st == AC_OK)
        st = finish_dicts(v, err);
    return st;
}

/* Reads the expectations of a <Sentence>; may decide a skip. */
static int petr_expect(vrun *v, xmlNode *s, expect *x, ac_validate_skip *why,
                       const char **detail)
{
    int events = 0;
    for (xmlNode *c = s->children; c; c = c->next) {
        if (!is_el(c, "EventCoding"))
            continue;
        char *error = prop(v, c, "error");
        if (error) {
            error = trim(error);
            if (streq_ci(error, "dateline")) {
                x->kind = EXP_NONE;
            } else if (streq_ci(error, "sentencediscard") || streq_ci(error, "storydiscard")) {
                x->kind = EXP_DISCARD;
            } else if (streq_ci(error, "bad_input_parse")) {
                *why = AC_VSKIP_PARSE_TREE;
                *detail = "error=\"bad_input_parse\"";
                return 1;
            } else {
                ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line_of(c), UINT64_MAX,
                        "<EventCoding error=\"%s\"> is not known", error);
                *why = AC_VSKIP_BAD_EXPECTATION;
                *detail = "unknown error kind";
                return 1;
            }
            return 0;
        }
        xmlChar *noev = xmlGetProp(c, (const xmlChar *)"noevents");
        if (noev) {
            xmlFree(noev);
            continue;   /* PETRARCH: the attribute's presence says no event */
        }
        char *src = prop(v, c, "sourcecode"), *tgt = prop(v, c, "targetcode");
        char *code = prop(v, c, "eventcode");
        if (!src || !tgt || !code) {
            ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line_of(c), UINT64_MAX,
                    "<EventCoding> lacks sourcecode, targetcode or eventcode");
            *why = AC_VSKIP_BAD_EXPECTATION;
            *detail = "incomplete <EventCoding>";
            return 1;
        }
        if (!add_compound_triples(&v->rec, &x->ev, src, tgt, code))
            return -1;
        events = 1;
    }
    x->kind = events ? EXP_EVENTS : EXP_NONE;
    return 0;
}

static ac_status petr_sentence(vrun *v, xmlNode *s)
{
    rec_reset(v);
    ac_validate_record r;
    memset(&r, 0, sizeof r);
    r.file = v->path;
    r.line = line_of(s);
    char *id = prop(v, s, "id"), *cat = prop(v, s, "category"), *date = prop(v, s, "date");
    char *eval = prop(v, s, "evaluate"), *valid = prop(v, s, "valid");
    char *sentence = prop(v, s, "sentence");
    if (!id) {
        id = ac_arena_alloc(&v->rec, 32);
        if (id)
            snprintf(id, 32, "line-%llu", (unsigned long long)r.line);
    }
    r.id = id ? trim(id) : "";
    r.category = cat ? trim(cat) : "";
    r.date = "";
    r.text = "";

    /* <Config> inside the record applies from here on, this record included. */
    int skip_mark = 0;
    for (xmlNode *c = s->children; c; c = c->next) {
        if (is_el(c, "Config"))
            petr_config(v, c);
        else if (is_el(c, "Skip"))
            skip_mark = 1;
        else if (is_el(c, "Text") && !r.text[0]) {
            char *t = content(v, c);
            r.text = t ? t : "";
        }
    }
    if (!wanted(v, r.id))
        return AC_OK;
    if (date) {
        char *d = ac_arena_alloc(&v->rec, 11);
        date = trim(date);
        if (d && make_date(date, strlen(date), d))
            r.date = d;
        else
            ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, r.line, UINT64_MAX,
                    "record %s: date '%s' is not YYYYMMDD; coded without a date", r.id, date);
    }

    if ((eval && streq_ci(trim(eval), "false")) || skip_mark) {
        skip(v, &r, AC_VSKIP_NOT_EVALUATED, skip_mark ? "<Skip>" : "evaluate=\"false\"");
        return AC_OK;
    }
    if (names_categories(v->include) && !in_list(v->include, r.category)) {
        skip(v, &r, AC_VSKIP_CATEGORY, r.category[0] ? r.category : "(no category)");
        return AC_OK;
    }
    if (v->exclude && in_list(v->exclude, r.category)) {
        skip(v, &r, AC_VSKIP_CATEGORY, r.category);
        return AC_OK;
    }
    if (v->valid_only) {
        int ok = valid ? streq_ci(trim(valid), "true") : !(sentence && streq_ci(trim(sentence), "false"));
        if (!ok) {
            skip(v, &r, AC_VSKIP_NOT_EVALUATED, valid ? "not valid=\"true\"" : "sentence=\"false\"");
            return AC_OK;
        }
    }
    expect x;
    expect_init(&x);
    ac_validate_skip why = AC_VSKIP_NONE;
    const char *detail = "";
    int e = petr_expect(v, s, &x, &why, &detail);
    ac_status st = AC_OK;
    if (e < 0)
        st = AC_ENOMEM;
    else if (e > 0)
        skip(v, &r, why, detail);
    else {
        const char *un = petr_unhonoured(v, &x);
        if (!un)
            st = AC_ENOMEM;
        else if (*un)
            skip(v, &r, AC_VSKIP_SETTING, un);
        else
            st = code_and_judge(v, &r, &x);
    }
    ac_vec_free(&x.ev);
    return st;
}

/* Walks the document in order. Returns AC_OK, AC_DONE at <Stop>, or an error. */
static ac_status petr_walk(vrun *v, xmlNode *parent, ac_error *err)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ac_status st = AC_OK;
        if (is_el(c, "Environment")) {
            if (v->dict)
                ac_warn(v->diag, v->diag_ctx, AC_EPARSE, v->path, line_of(c), UINT64_MAX,
                        "a second <Environment>; ignored");
            else
                st = petr_environment(v, c, err);
        } else if (is_el(c, "Config")) {
            rec_reset(v);
            petr_config(v, c);
        } else if (is_el(c, "Stop")) {
            return AC_DONE;
        } else if (is_el(c, "Sentence")) {
            if (!v->dict)
                return ac_error_set(err, AC_EPARSE, v->path, line_of(c), UINT64_MAX,
                                    "<Sentence> before the <Environment> that names the "
                                    "dictionaries");
            st = petr_sentence(v, c);
            if (st != AC_OK)
                return ac_error_set(err, st, v->path, line_of(c), UINT64_MAX, "out of memory");
        } else {
            st = petr_walk(v, c, err);
        }
        if (st != AC_OK)
            return st;
    }
    return AC_OK;
}

/* libxml2 reports some problems through its generic error function, which
 * prints; the library must not. */
static void silent(void *ctx, const char *msg, ...)
{
}

/* The first error of a parse: later ones are mostly its consequences. */
typedef struct xml_first {
    int seen;
    int line;
    char msg[200];
} xml_first;

static void first_error(void *ctx, xml_error_t *e)
{
    xml_first *f = ctx;
    if (f->seen || !e || e->level < XML_ERR_ERROR)
        return;
    f->seen = 1;
    f->line = e->line;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "not well-formed");
    trim(f->msg);
}

/* Blanks the lines PETRARCH's reader treats as comments ('#' first) and the
 * 2_02 file's <PLEvent {...}> lines (see the top of this file). */
static void blank_reader_comments(char *buf, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (buf[j] == ' ' || buf[j] == '\t'))
            j++;
        int blank = (j < n && buf[j] == '#') ||
                    (n - j >= 8 && memcmp(buf + j, "<PLEvent", 8) == 0);
        size_t e = j;
        while (e < n && buf[e] != '\n')
            e++;
        if (blank)
            for (size_t k = j; k < e; k++)
                buf[k] = ' ';
        i = e + 1;
    }
}

static ac_status run_petr(vrun *v, ac_error *err)
{
    v->sum->kind = AC_VALIDATE_PETR_XML;
    petr_defaults(&v->petr);
    char *buf;
    size_t len;
    ac_status st = read_all(v->path, &buf, &len, err);
    if (st != AC_OK)
        return st;
    if (len > INT_MAX) {
        free(buf);
        return ac_error_set(err, AC_ELIMIT, v->path, 0, UINT64_MAX, "file too large");
    }
    blank_reader_comments(buf, len);

    xmlInitParser();
    /* The handlers are per thread; the caller's are put back afterwards. */
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc saved_s = xmlStructuredError;
    void *saved_sctx = xmlStructuredErrorContext;
    xml_first first = {0};
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(&first, first_error);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = NULL;
    if (ctxt)
        doc = xmlCtxtReadMemory(ctxt, buf, (int)len, v->path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_BIG_LINES);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    xmlSetStructuredErrorFunc(saved_sctx, saved_s);
    free(buf);
    if (!ctxt)
        return ac_error_set(err, AC_ENOMEM, v->path, 0, UINT64_MAX, "out of memory");
    if (!doc || !ctxt->wellFormed) {
        if (!first.seen) {
            first_error(&first, xmlCtxtGetLastError(ctxt));
        }
        st = ac_error_set(err, AC_EPARSE, v->path, first.line > 0 ? (uint64_t)first.line : 0,
                          UINT64_MAX, "malformed XML: %s",
                          first.seen ? first.msg : "not well-formed");
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return st;
    }
    xmlFreeParserCtxt(ctxt);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is_el(root, "Validation")) {
        st = ac_error_set(err, AC_EPARSE, v->path, root ? line_of(root) : 0, UINT64_MAX,
                          "not a PETRARCH validation file: the root element is not <Validation>");
    } else {
        st = petr_walk(v, root, err);
        if (st == AC_DONE)
            st = AC_OK;
        if (st == AC_OK && !v->dict)
            st = ac_error_set(err, AC_EPARSE, v->path, 0, UINT64_MAX,
                              "no <Environment> naming the dictionaries");
    }
    xmlFreeDoc(doc);
    return st;
}

/* ---- TABARI ----------------------------------------------------------------------------- */

static void tabari_defaults(tabari_settings *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->code_by, sizeof t->code_by, "CLAUSE");
    t->min_words = 8;
    static const long COMMA[6] = {2, 10, 128, 0, 2, 10};
    memcpy(t->comma, COMMA, sizeof COMMA);
}

static int truth(const char *v)
{
    return v[0] == 'T' || v[0] == 't' || v[0] == 'Y' || v[0] == 'y' || v[0] == '1';
}

/* Applies one TABARI options command ("SET: MINIMUM WORDS = 4"). Commands
 * that change only output, or that this reader honours, are ignored. */
static void tabari_option(vrun *v, const char *file, uint64_t line, const char *cmdline)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", cmdline);
    for (char *p = buf; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    char *colon = strchr(buf, ':');
    if (!colon)
        return;   /* not a command (e.g. the ~~~~~ end marker) */
    *colon = '\0';
    char *cmd = trim(buf), *rest = trim(colon + 1);
    tabari_settings *t = &v->tab;
    if (!strcmp(cmd, "SET")) {
        char *eq = strchr(rest, '=');
        char *key = rest, *val = (char *)"";
        if (eq) {
            *eq = '\0';
            key = trim(rest);
            val = trim(eq + 1);
        }
        if (!strncmp(key, "CODE BY", 7)) {
            snprintf(t->code_by, sizeof t->code_by, "%s", trim(key + 7));
        } else if (!strcmp(key, "CODE ALL")) {
            snprintf(t->code_by, sizeof t->code_by, "ALL");
        } else if (!strcmp(key, "MINIMUM WORDS")) {
            t->min_words = strtol(val, NULL, 10);
        } else if (!strncmp(key, "CONVERT AGENT", 13)) {
            t->convert_agents = truth(val);
        } else if (!strcmp(key, "FBIS")) {
            t->fbis = truth(val);
        } else if (!strcmp(key, "YYYY")) {
            t->yyyy = truth(val);
        } else if (strncmp(key, "TIME SHIFT", 10) && strcmp(key, "LABEL") &&
                   strcmp(key, "SKIP RECORDS") && strcmp(key, "DUP WARNING") &&
                   strcmp(key, "HAIKU") && strcmp(key, "MATCH") &&
                   !(strlen(key) > 6 && !strcmp(key + strlen(key) - 6, " USAGE"))) {
            ac_warn(v->diag, v->diag_ctx, AC_EPARSE, file, line, UINT64_MAX,
                    "TABARI option SET: %s is not known to accord; ignored", key);
        }
    } else if (!strcmp(cmd, "DEFAULT")) {
        snprintf(t->deflt, sizeof t->deflt, "%s", strcmp(rest, "OFF") ? rest : "");
    } else if (!strcmp(cmd, "FORWARD")) {
        size_t n = strlen(rest);
        int off = !strcmp(rest, "OFF") || (n > 4 && !strcmp(rest + n - 4, " OFF"));
        snprintf(t->forward, sizeof t->forward, "%s", off ? "" : rest);
    } else if (!strcmp(cmd, "COMMA")) {
        if (!strncmp(rest, "OFF", 3)) {
            for (int i = 0; i < 6; i += 2) {
                t->comma[i] = 1;
                t->comma[i + 1] = 0;
            }
            return;
        }
        /* NAME = NUMBER pairs, in any order; names not given keep their value. */
        char *p = rest;
        while (*p) {
            while (*p && !isalpha((unsigned char)*p))
                p++;
            char *name = p;
            while (isalpha((unsigned char)*p))
                p++;
            size_t nlen = (size_t)(p - name);
            while (*p == ' ' || *p == '=')
                p++;
            char *end;
            long x = strtol(p, &end, 10);
            if (end == p)
                continue;
            p = end;
            for (int i = 0; i < 6; i++)
                if (strlen(TABARI_COMMA_NAMES[i]) == nlen &&
                    !strncmp(TABARI_COMMA_NAMES[i], name, nlen))
                    t->comma[i] = x;
        }
    } else if (strcmp(cmd, "COMPLEX") && strcmp(cmd, "OUTPUT") && strcmp(cmd, "LABEL")) {
        ac_warn(v->diag, v->diag_ctx, AC_EPARSE, file, line, UINT64_MAX,
                "TABARI option %s: is not known to accord; ignored", cmd);
    }
}

static const char *tabari_unhonoured(vrun *v)
{
    tabari_settings def;
    tabari_defaults(&def);
    const tabari_settings *t = &v->tab;
    ac_buf b = {0};
#define SEP (b.len ? "; " : "")
    if (strcmp(t->code_by, def.code_by))
        ac_buf_printf(&b, "%sSET: CODE %s%s", SEP, strcmp(t->code_by, "ALL") ? "BY " : "",
                      t->code_by);
    if (t->convert_agents)
        ac_buf_printf(&b, "%sSET: CONVERT AGENTS = TRUE", SEP);
    if (t->fbis)
        ac_buf_printf(&b, "%sSET: FBIS = TRUE", SEP);
    if (t->deflt[0])
        ac_buf_printf(&b, "%sDEFAULT: %s", SEP, t->deflt);
    if (t->forward[0])
        ac_buf_printf(&b, "%sFORWARD: %s", SEP, t->forward);
#undef SEP
    const char *s = b.len ? ac_arena_strdup(&v->rec, b.data) : "";
    ac_buf_free(&b);
    return s;
}

/* The options file of the project: its commands set the starting values. */
static ac_status tabari_options_file(vrun *v, const char *path, ac_error *err)
{
    char *buf;
    size_t len;
    ac_status st = read_all(path, &buf, &len, err);
    if (st != AC_OK)
        return st;
    uint64_t line = 0;
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        char *l = trim(p);
        if (*l && strncmp(l, "//", 2) && *l != '#' && *l != ';')
            tabari_option(v, path, line, l);
        p = nl ? nl + 1 : p + strlen(p);
    }
    free(buf);
    return AC_OK;
}

/* One record of the text file, as read (pointers into the file buffer). */
typedef struct trecord {
    const char *head;      /* the "YYMMDD ID" line */
    size_t head_len;
    const char *body;      /* the lines after it, up to the blank line */
    size_t body_len;
    uint64_t line;
} trecord;

/* A block of the comment: "{...}". */
typedef struct tblock {
    const char *s;
    size_t n;
    int dash;              /* "-{" */
} tblock;

/* The blocks of a comment; returns how many (up to cap). */
static size_t tabari_blocks(const char *c, size_t n, tblock *out, size_t cap)
{
    size_t k = 0;
    const char *end = c + n;
    for (const char *p = c; p < end && k < cap; p++) {
        if (*p != '{')
            continue;
        const char *q = p + 1;
        while (q < end && *q != '}')
            q++;
        /* A block without '}' runs to the end of the comment (TABARI copies
         * to the '}' or the end): cut off a closing star-slash. */
        size_t len = (size_t)(q - p - 1);
        if (q == end && len >= 2) {
            const char *cs = p + 1;
            for (size_t i = 0; i + 1 < len; i++)
                if (cs[i] == '*' && cs[i + 1] == '/') {
                    len = i;
                    break;
                }
        }
        out[k].s = p + 1;
        out[k].n = len;
        out[k].dash = p > c && p[-1] == '-';
        k++;
        p = q;
    }
    return k;
}

static int only_chars(const char *s, size_t n, char c)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == c)
            any = 1;
        else if (!isspace((unsigned char)s[i]))
            return 0;
    }
    return any;
}

/* Handles one record. Returns AC_OK, AC_DONE at the end-of-validation
 * record, or an error. */
static ac_status tabari_record(vrun *v, const char *file, const trecord *t)
{
    rec_reset(v);
    ac_arena *a = &v->rec;
    ac_validate_record r;
    memset(&r, 0, sizeof r);
    r.file = file;
    r.line = t->line;
    r.category = "";
    r.date = "";

    /* "YYMMDD ID": the date is the leading digits (6, or 8 with SET: YYYY),
     * the id the rest of the line. */
    size_t nd = 0;
    while (nd < t->head_len && isdigit((unsigned char)t->head[nd]))
        nd++;
    size_t want = v->tab.yyyy ? 8 : 6;
    char *id = collapse(a, t->head + nd, t->head_len - nd);
    if (!id)
        return AC_ENOMEM;
    r.id = id;
    char *date = ac_arena_alloc(a, 11);
    if (!date)
        return AC_ENOMEM;

    /* The text up to the comment; the comment after it. */
    const char *body = t->body, *end = t->body + t->body_len;
    const char *cstart = NULL;
    for (const char *p = body; p + 1 < end; p++)
        if (p[0] == '/' && p[1] == '*') {
            cstart = p;
            break;
        }
    tblock blocks[64];
    size_t nb = 0;
    if (cstart) {
        const char *cend = end;
        for (const char *p = cstart + 2; p + 1 < end; p++)
            if (p[0] == '*' && p[1] == '/') {
                cend = p;
                break;
            }
        nb = tabari_blocks(cstart + 2, (size_t)(cend - cstart - 2), blocks, 64);
    }
    if (nb == 0) {
        /* No expectations: TABARI's validation stops here. */
        snprintf(v->sum->end_record, sizeof v->sum->end_record, "%s", r.id);
        v->sum->end_line = r.line;
        return AC_DONE;
    }

    /* Option records change the settings for the records after them. */
    int option = 0;
    for (size_t i = 0; i < nb; i++) {
        const char *s = blocks[i].s;
        size_t n = blocks[i].n;
        for (size_t j = 0; j + 7 <= n; j++)
            if (memcmp(s + j, "OPTION:", 7) == 0) {
                char cmd[512];
                size_t m = n - j - 7 < sizeof cmd - 1 ? n - j - 7 : sizeof cmd - 1;
                memcpy(cmd, s + j + 7, m);
                cmd[m] = '\0';
                for (char *q = cmd; *q; q++)
                    if (*q == '\n' || *q == '\r')
                        *q = ' ';
                tabari_option(v, file, r.line, cmd);
                option = 1;
                break;
            }
    }

    const char *text_end = cstart ? cstart : end;
    char *raw = collapse(a, body, (size_t)(text_end - body));
    if (!raw)
        return AC_ENOMEM;
    char *clean = ac_arena_alloc(a, 3 * strlen(raw) + 1);
    if (!clean)
        return AC_ENOMEM;
    ac_utf8_repair(raw, strlen(raw), clean, NULL);
    r.text = clean;

    if (!wanted(v, r.id))
        return AC_OK;
    if (nd >= want && make_date(t->head, want, date)) {
        r.date = date;
        if (nd != want)
            ac_warn(v->diag, v->diag_ctx, AC_EPARSE, file, r.line, UINT64_MAX,
                    "record %s: date '%.*s' has %zu digits; its first %zu are read", r.id,
                    (int)nd, t->head, nd, want);
    } else {
        ac_warn(v->diag, v->diag_ctx, AC_EPARSE, file, r.line, UINT64_MAX,
                "record %s: '%.*s' is not a %s date; coded without a date", r.id, (int)nd,
                t->head, want == 8 ? "YYYYMMDD" : "YYMMDD");
    }
    if (option) {
        skip(v, &r, AC_VSKIP_OPTION_RECORD, "");
        return AC_OK;
    }

    /* The expectations. Empty blocks ("{}" in prose) are not expectations. */
    expect x;
    expect_init(&x);
    int special = 0, discard = 0, first = 1;
    ac_status st = AC_OK;
    const char *bad = NULL;
    for (size_t i = 0; i < nb && !bad; i++) {
        const char *s = blocks[i].s;
        size_t n = blocks[i].n;
        int blank = 1;
        for (size_t j = 0; j < n; j++)
            blank &= isspace((unsigned char)s[j]) != 0;
        if (blank)
            continue;
        if (blocks[i].dash) {
            if (first) {
                ac_vec_free(&x.ev);
                skip(v, &r, AC_VSKIP_UNCHECKED, "-{ before the first expectation");
                return AC_OK;
            }
            x.at_least_more = 1;
            break;
        }
        first = 0;
        /* The special codes: "---" (blanks allowed: "- - -"), "+++", "###". */
        if (only_chars(s, n, '-') || only_chars(s, n, '+')) {
            special = 1;
        } else if (only_chars(s, n, '#')) {
            discard = 1;
        } else {
            /* SRC / TGT / CODE; a fourth field (an attribution code) is not
             * checked without an attribution list. */
            char *f = collapse(a, s, n);
            if (!f) {
                st = AC_ENOMEM;
                break;
            }
            char *fields[4] = {0};
            int nf = 0;
            for (char *p = f; p && nf < 4; nf++) {
                fields[nf] = p;
                char *slash = strchr(p, '/');
                if (slash)
                    *slash = '\0';
                p = slash ? slash + 1 : NULL;
            }
            if (nf < 3 || !*trim(fields[0]) || !*trim(fields[1]) || !*trim(fields[2])) {
                bad = "not SRC / TGT / CODE";
                ac_warn(v->diag, v->diag_ctx, AC_EPARSE, file, r.line, UINT64_MAX,
                        "record %s: expectation {%.*s} is not SRC / TGT / CODE", r.id, (int)n, s);
                break;
            }
            if (!add_triple(a, &x.ev, fields[0], fields[1], fields[2])) {
                st = AC_ENOMEM;
                break;
            }
        }
    }
    if (st == AC_OK) {
        if (bad)
            skip(v, &r, AC_VSKIP_BAD_EXPECTATION, bad);
        else if (first)
            skip(v, &r, AC_VSKIP_BAD_EXPECTATION, "no expectation in the blocks");
        else {
            if (x.ev.len) {
                x.kind = EXP_EVENTS;
                x.or_none = special || discard;
            } else {
                x.kind = discard && !special ? EXP_DISCARD : EXP_NONE;
            }
            const char *un = tabari_unhonoured(v);
            if (!un)
                st = AC_ENOMEM;
            else if (*un)
                skip(v, &r, AC_VSKIP_SETTING, un);
            else
                st = code_and_judge(v, &r, &x);
        }
    }
    ac_vec_free(&x.ev);
    return st;
}

/* Reads the records of a TABARI text file; stops at the end-of-validation
 * record. Returns AC_DONE when it stopped there. */
static ac_status tabari_text(vrun *v, const char *path, ac_error *err)
{
    char *buf;
    size_t len;
    ac_status st = read_all(path, &buf, &len, err);
    if (st != AC_OK)
        return st;
    const char *file = ac_arena_strdup(&v->arena, path);
    if (!file) {
        free(buf);
        return ac_error_set(err, AC_ENOMEM, path, 0, UINT64_MAX, "out of memory");
    }
    /* A record starts at a line whose first character is a digit, outside
     * a record, and runs to the first empty line (TABARI's readRecord). */
    const char *p = buf, *end = buf + len;
    uint64_t line = 0;
    int stopped = 0;
    trecord t = {0};
    int in = 0;
    st = AC_OK;
    while (p < end && st == AC_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        size_t n = (size_t)(le - p);
        if (n && p[n - 1] == '\r')
            n--;
        if (!in) {
            if (n && isdigit((unsigned char)p[0])) {
                memset(&t, 0, sizeof t);
                t.head = p;
                t.head_len = n;
                t.line = line;
                t.body = nl ? nl + 1 : end;
                in = 1;
            }
        } else if (n == 0) {
            t.body_len = (size_t)(p - t.body);
            in = 0;
            if (stopped)
                v->sum->after_end++;
            else {
                st = tabari_record(v, file, &t);
                if (st == AC_DONE) {
                    stopped = 1;
                    st = AC_OK;
                }
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (in && st == AC_OK) {
        t.body_len = (size_t)(end - t.body);
        if (stopped)
            v->sum->after_end++;
        else {
            st = tabari_record(v, file, &t);
            if (st == AC_DONE) {
                stopped = 1;
                st = AC_OK;
            }
        }
    }
    free(buf);
    if (st != AC_OK)
        return ac_error_set(err, st, path, line, UINT64_MAX, "out of memory");
    return stopped ? AC_DONE : AC_OK;
}

static ac_status run_tabari(vrun *v, ac_error *err)
{
    v->sum->kind = AC_VALIDATE_TABARI;
    tabari_defaults(&v->tab);
    v->tabari = 1;
    char *buf;
    size_t len;
    ac_status st = read_all(v->path, &buf, &len, err);
    if (st != AC_OK)
        return st;
    /* "<tag> value" lines; TABARI tells tags by their first letters. */
    static const struct {
        const char *prefix;
        ac_dict_format fmt;
        const char *what;
    } TAGS[] = {
        {"ac", AC_DICT_TABARI_ACTORS, "<actorsfile>"},
        {"ag", AC_DICT_TABARI_AGENTS, "<agentsfile>"},
        {"v", AC_DICT_TABARI_VERBS, "<verbsfile>"},
        {"op", AC_DICT_TABARI_OPTIONS, "<optionsfile>"},
    };
    ac_vec texts;
    ac_vec_init(&texts, sizeof(char *));
    st = begin_dicts(v, err);
    uint64_t line = 0;
    for (char *p = buf; *p && st == AC_OK;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        char *l = trim(p);
        p = nl ? nl + 1 : p + strlen(p);
        if (l[0] != '<')
            continue;
        char *gt = strchr(l, '>');
        if (!gt)
            continue;
        *gt = '\0';
        char *tag = l + 1, *val = trim(gt + 1);
        char *lt = strchr(val, '<');
        if (lt)
            *lt = '\0';
        val = trim(val);
        for (char *q = tag; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        if (!*val)
            continue;
        if (tag[0] == 't') {
            char **slot = ac_vec_push(&texts);
            if (!slot || !(*slot = ac_arena_strdup(&v->arena, val)))
                st = ac_error_set(err, AC_ENOMEM, v->path, line, UINT64_MAX, "out of memory");
            continue;
        }
        for (size_t i = 0; i < sizeof TAGS / sizeof TAGS[0]; i++) {
            if (strncmp(tag, TAGS[i].prefix, strlen(TAGS[i].prefix)) != 0)
                continue;
            st = add_dict(v, val, TAGS[i].fmt, TAGS[i].what, line, err);
            if (st == AC_OK && TAGS[i].fmt == AC_DICT_TABARI_OPTIONS) {
                char path[PATH_CAP];
                if (find_file(v, val, path))
                    st = tabari_options_file(v, path, err);
            }
            break;
        }
    }
    free(buf);
    if (st == AC_OK && texts.len == 0)
        st = ac_error_set(err, AC_EPARSE, v->path, 0, UINT64_MAX,
                          "the project names no <textfile>");
    if (st == AC_OK && v->dict_named == 0)
        st = ac_error_set(err, AC_EPARSE, v->path, 0, UINT64_MAX,
                          "the project names no dictionary (<actorsfile>, <verbsfile>, ...)");
    if (st == AC_OK)
        st = finish_dicts(v, err);
    for (size_t i = 0; i < texts.len && st == AC_OK; i++) {
        const char *name = *(char **)ac_vec_at(&texts, i);
        char path[PATH_CAP];
        if (!find_file(v, name, path)) {
            st = ac_error_set(err, AC_EIO, v->path, 0, UINT64_MAX,
                              "<textfile> '%s' not found next to the project, in the --dict-dir "
                              "folders or in the folders beside the project's", name);
            break;
        }
        st = tabari_text(v, path, err);
        if (st == AC_DONE) {
            st = AC_OK;
            break;   /* TABARI's validation ends at the end-of-validation record */
        }
    }
    ac_vec_free(&texts);
    return st;
}

/* ---- entry -------------------------------------------------------------------------------- */

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* 1 when the file starts (after blanks and an XML declaration or comments)
 * with '<': an XML suite. */
static int looks_like_xml(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int c;
    while ((c = fgetc(f)) != EOF && isspace(c))
        ;
    fclose(f);
    return c == '<';
}

ac_status ac_validate_run(const char *path, const ac_validate_options *opts,
                          ac_validate_fn fn, void *ctx, ac_diag_fn diag, void *diag_ctx,
                          ac_validate_summary *out, ac_error *err)
{
    ac_validate_summary local;
    ac_validate_summary *sum = out ? out : &local;
    memset(sum, 0, sizeof *sum);
    if (!path || !*path)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "no suite file given");
    if (!is_file(path))
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s",
                            errno ? strerror(errno) : "not a file");

    vrun v;
    memset(&v, 0, sizeof v);
    v.path = path;
    v.opt = opts;
    v.fn = fn;
    v.ctx = ctx;
    v.diag = diag;
    v.diag_ctx = diag_ctx;
    v.sum = sum;
    ac_arena_init(&v.arena, 16 * 1024);
    ac_arena_init(&v.rec, 16 * 1024);
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(v.dir, sizeof v.dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
    else
        snprintf(v.dir, sizeof v.dir, ".");

    ac_status st;
    if (ends_with_ci(path, ".project"))
        st = run_tabari(&v, err);
    else if (ends_with_ci(path, ".xml") || looks_like_xml(path))
        st = run_petr(&v, err);
    else
        st = ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX,
                          "not a validation suite: expected a PETRARCH .xml or a TABARI .project");

    size_t checkable = sum->passed + sum->failed;
    sum->pass_rate = checkable ? (double)sum->passed / (double)checkable : 0.0;
    ac_dict_builder_free(v.builder);
    ac_dict_free(v.dict);
    ac_buf_free(&v.dict_list);
    ac_arena_free(&v.rec);
    ac_arena_free(&v.arena);
    return st;
}
