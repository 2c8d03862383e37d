/*
 * eval.c -- scoring accord against gold files (ac_eval_* in accord.h), and
 * the CSV reader of eval.h.
 *
 * Loading keeps every gold string in one arena; the records themselves are
 * a vector of ac_eval_record whose expected events point into that arena.
 * A run codes each record's text with ac_code(), copies the events produced
 * (deduplicated) into a second arena that the next run resets, and then
 * counts. Per record, expected and produced events are small sets, so set
 * operations are plain quadratic scans.
 */
#include "eval/eval.h"

#include "common/arena.h"
#include "common/error.h"
#include "common/utf8.h"
#include "common/vec.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ac_eval {
    ac_arena gold;         /* file names, record strings, expected events */
    ac_arena run;          /* produced events of the last run */
    ac_vec recs;           /* ac_eval_record */
    ac_diag_fn diag;
    void *diag_ctx;
    ac_eval_scores scores;
};

/* ---- CSV ------------------------------------------------------------------------- */

void ac_csv_init(ac_csv *c, const char *data, size_t len)
{
    memset(c, 0, sizeof *c);
    c->p = data;
    c->end = data + len;
    c->line = 1;
}

size_t ac_csv_count(const ac_csv *c)
{
    return c->nfields;
}

const char *ac_csv_field(const ac_csv *c, size_t i)
{
    assert(i < c->nfields);
    return c->text.data + c->offs[i];
}

void ac_csv_free(ac_csv *c)
{
    ac_buf_free(&c->text);
    free(c->offs);
    c->offs = NULL;
    c->nfields = c->cap = 0;
}

/* Ends the current field: NUL-terminates it and records where it starts. */
static ac_status end_field(ac_csv *c, size_t start)
{
    if (ac_buf_append(&c->text, "", 1) != AC_OK)
        return AC_ENOMEM;
    if (c->nfields == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        size_t *o = realloc(c->offs, cap * sizeof *o);
        if (!o)
            return AC_ENOMEM;
        c->offs = o;
        c->cap = cap;
    }
    c->offs[c->nfields++] = start;
    return AC_OK;
}

/* Skips to just past the end of the current line. */
static void skip_line(ac_csv *c)
{
    while (c->p < c->end && *c->p != '\n')
        c->p++;
    if (c->p < c->end) {
        c->p++;
        c->line++;
    }
}

ac_status ac_csv_next(ac_csv *c, const char *name, uint64_t *row_line, ac_error *err)
{
    if (c->p >= c->end)
        return AC_DONE;
    *row_line = c->line;
    ac_buf_reset(&c->text);
    c->nfields = 0;
    for (;;) {
        size_t start = c->text.len;
        if (c->p < c->end && *c->p == '"') {
            uint64_t open_line = c->line;
            c->p++;
            for (;;) {
                if (c->p >= c->end)
                    return ac_error_set(err, AC_EPARSE, name, open_line, UINT64_MAX,
                                        "a quoted field is never closed");
                char ch = *c->p;
                if (ch == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') {
                        if (ac_buf_append(&c->text, "\"", 1) != AC_OK)
                            return AC_ENOMEM;
                        c->p += 2;
                        continue;
                    }
                    c->p++;
                    break;
                }
                if (ch == '\n')
                    c->line++;
                if (ac_buf_append(&c->text, &ch, 1) != AC_OK)
                    return AC_ENOMEM;
                c->p++;
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
                uint64_t at = c->line;
                skip_line(c);
                return ac_error_set(err, AC_EPARSE, name, at, UINT64_MAX,
                                    "text after the closing quote of a field");
            }
        } else {
            const char *q = c->p;
            while (q < c->end && *q != ',' && *q != '\n' && *q != '\r')
                q++;
            if (q > c->p && ac_buf_append(&c->text, c->p, (size_t)(q - c->p)) != AC_OK)
                return AC_ENOMEM;
            c->p = q;
        }
        if (end_field(c, start) != AC_OK)
            return AC_ENOMEM;
        if (c->p >= c->end)
            return AC_OK;
        if (*c->p == ',') {
            c->p++;
            continue;
        }
        if (*c->p == '\r')
            c->p++;
        if (c->p < c->end && *c->p == '\n')
            c->p++;
        c->line++;
        return AC_OK;
    }
}

/* ---- records --------------------------------------------------------------------- */

int ac_eval_code_root(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9')
            return 0;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    return root >= 1 && root <= AC_EVAL_ROOTS ? root : 0;
}

ac_eval *ac_eval_new(void)
{
    ac_eval *ev = calloc(1, sizeof *ev);
    if (!ev)
        return NULL;
    ac_arena_init(&ev->gold, 0);
    ac_arena_init(&ev->run, 0);
    ac_vec_init(&ev->recs, sizeof(ac_eval_record));
    return ev;
}

void ac_eval_set_diag(ac_eval *ev, ac_diag_fn fn, void *ctx)
{
    ev->diag = fn;
    ev->diag_ctx = ctx;
}

void ac_eval_free(ac_eval *ev)
{
    if (!ev)
        return;
    ac_arena_free(&ev->gold);
    ac_arena_free(&ev->run);
    ac_vec_free(&ev->recs);
    free(ev);
}

size_t ac_eval_record_count(const ac_eval *ev)
{
    return ev->recs.len;
}

const ac_eval_record *ac_eval_record_at(const ac_eval *ev, size_t i)
{
    return i < ev->recs.len ? ac_vec_at(&ev->recs, i) : NULL;
}

void ac_eval_get_scores(const ac_eval *ev, ac_eval_scores *out)
{
    *out = ev->scores;
}

static int same_event(const ac_eval_event *a, const ac_eval_event *b)
{
    return strcmp(a->code, b->code) == 0 && strcmp(a->source, b->source) == 0 &&
           strcmp(a->target, b->target) == 0;
}

/* Index of e in set[0..n), or n. */
static size_t find_event(const ac_eval_event *set, size_t n, const ac_eval_event *e)
{
    size_t i = 0;
    while (i < n && !same_event(&set[i], e))
        i++;
    return i;
}

static int has_code(const ac_eval_event *set, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(set[i].code, code) == 0)
            return 1;
    return 0;
}

/* A malformed record: reported, counted and skipped. */
static void bad_line(ac_eval *ev, const char *file, uint64_t line, const char *msg)
{
    ev->scores.bad_lines++;
    ac_warn(ev->diag, ev->diag_ctx, AC_EPARSE, file, line, UINT64_MAX, "%s", msg);
}

/* Appends a record; strings are copied into the gold arena. NULL on OOM. */
static ac_eval_record *add_record(ac_eval *ev, const char *file, uint64_t line, const char *id,
                                  const char *date, const char *text, size_t nexp)
{
    ac_eval_record *r = ac_vec_push(&ev->recs);
    if (!r)
        return NULL;
    r->id = ac_arena_strdup(&ev->gold, id);
    r->date = ac_arena_strdup(&ev->gold, date);
    r->text = ac_arena_strdup(&ev->gold, text);
    r->file = file;
    r->line = line;
    r->labelled = 1;
    ac_eval_event *exp = nexp ? ac_arena_calloc(&ev->gold, nexp, sizeof *exp) : NULL;
    r->expected = exp;
    if (!r->id || !r->date || !r->text || (nexp && !exp)) {
        ev->recs.len--;
        return NULL;
    }
    ev->scores.records++;
    return r;
}

/* Adds e to the record's expected set unless it is there already. */
static ac_status add_expected(ac_eval *ev, ac_eval_record *r, const char *source,
                              const char *target, const char *code)
{
    ac_eval_event e = {source, target, code};
    if (find_event(r->expected, r->nexpected, &e) < r->nexpected)
        return AC_OK;
    ac_eval_event *slot = (ac_eval_event *)&r->expected[r->nexpected];
    slot->source = ac_arena_strdup(&ev->gold, source);
    slot->target = ac_arena_strdup(&ev->gold, target);
    slot->code = ac_arena_strdup(&ev->gold, code);
    if (!slot->source || !slot->target || !slot->code)
        return AC_ENOMEM;
    r->nexpected++;
    return AC_OK;
}

static int valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    return 1;
}

/* A non-empty string member of o, or NULL. */
static const char *get_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring && v->valuestring[0] ? v->valuestring : NULL;
}

/* Checks one event of a JSON record. Returns NULL when it is good (labelled
 * set to 1 or 0), else what is wrong. */
static const char *check_event(const cJSON *e, int *labelled)
{
    if (!cJSON_IsObject(e))
        return "an event is not an object";
    const char *code = get_str(e, "code");
    if (!code)
        return "an event has no \"code\" string";
    if (!ac_eval_code_root(code))
        return "an event code is not two to four digits with a root from 01 to 20";
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "source");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "target");
    if (!s && !t) {
        *labelled = 0;
        return NULL;
    }
    if (!get_str(e, "source") || !get_str(e, "target"))
        return "an event needs both \"source\" and \"target\" (non-empty strings), or neither";
    *labelled = 1;
    return NULL;
}

/* One line of a JSON Lines gold file. Returns AC_ENOMEM or AC_OK (a bad line
 * is reported and counted). */
static ac_status jsonl_record(ac_eval *ev, const char *file, uint64_t line, const char *p,
                              size_t n)
{
    const char *after = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(p, n, &after, 0);
    const char *why = NULL;
    while (o && after < p + n && (*after == ' ' || *after == '\t'))
        after++;
    if (o && after != p + n) {
        why = "text after the JSON object";
        goto bad;
    }
    const cJSON *events = NULL;
    const char *text = NULL, *date = "";
    char idbuf[64];
    const char *id = NULL;
    int labelled = 1;
    if (!o || !cJSON_IsObject(o)) {
        why = o ? "not a JSON object" : "not valid JSON";
        goto bad;
    }
    if (!(text = get_str(o, "text"))) {
        why = "no \"text\" string";
        goto bad;
    }
    if (!ac_utf8_is_clean(text, strlen(text))) {
        why = "\"text\" is not valid UTF-8";
        goto bad;
    }
    events = cJSON_GetObjectItemCaseSensitive(o, "events");
    if (!cJSON_IsArray(events)) {
        why = "no \"events\" list";
        goto bad;
    }
    const cJSON *jid = cJSON_GetObjectItemCaseSensitive(o, "id");
    if (cJSON_IsString(jid) && jid->valuestring[0]) {
        id = jid->valuestring;
    } else if (cJSON_IsNumber(jid)) {
        snprintf(idbuf, sizeof idbuf, "%.17g", jid->valuedouble);
        id = idbuf;
    } else if (!jid || cJSON_IsNull(jid)) {
        snprintf(idbuf, sizeof idbuf, "%.40s:%llu", file, (unsigned long long)line);
        id = idbuf;
    } else {
        why = "\"id\" is neither a string nor a number";
        goto bad;
    }
    const cJSON *jdate = cJSON_GetObjectItemCaseSensitive(o, "date");
    if (cJSON_IsString(jdate) && jdate->valuestring[0]) {
        date = jdate->valuestring;
        if (!valid_date(date)) {
            why = "\"date\" is not YYYY-MM-DD";
            goto bad;
        }
    } else if (jdate && !cJSON_IsNull(jdate) && !cJSON_IsString(jdate)) {
        why = "\"date\" is not a string";
        goto bad;
    }
    size_t nev = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, events) {
        int lab = 1;
        if ((why = check_event(e, &lab)))
            goto bad;
        if (nev > 0 && lab != labelled) {
            why = "some events have actors and some do not";
            goto bad;
        }
        labelled = lab;
        nev++;
    }
    ac_eval_record *r = add_record(ev, file, line, id, date, text, nev);
    if (!r) {
        cJSON_Delete(o);
        return AC_ENOMEM;
    }
    r->labelled = labelled;
    cJSON_ArrayForEach(e, events) {
        const char *s = labelled ? get_str(e, "source") : "";
        const char *t = labelled ? get_str(e, "target") : "";
        if (add_expected(ev, r, s, t, get_str(e, "code")) != AC_OK) {
            cJSON_Delete(o);
            return AC_ENOMEM;
        }
    }
    cJSON_Delete(o);
    return AC_OK;
bad:
    cJSON_Delete(o);
    bad_line(ev, file, line, why);
    return AC_OK;
}

static ac_status read_jsonl(ac_eval *ev, const char *file, const char *p, const char *end)
{
    uint64_t line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        line++;
        const char *a = p, *b = eol;
        while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
            b--;
        if (a < b && *a != '#' && jsonl_record(ev, file, line, a, (size_t)(b - a)) != AC_OK)
            return AC_ENOMEM;
        p = nl ? nl + 1 : end;
    }
    return AC_OK;
}

/* s with leading and trailing blanks removed, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Column of the header row named name, or -1. */
static long column(const ac_csv *c, const char *name)
{
    for (size_t i = 0; i < ac_csv_count(c); i++)
        if (strcmp(trim((char *)ac_csv_field(c, i)), name) == 0)
            return (long)i;
    return -1;
}

/* The CAMEO codebook: the header row has been read into c. */
static ac_status read_codebook(ac_eval *ev, const char *file, ac_csv *c, long col_code,
                               long col_example, ac_error *err)
{
    size_t ncols = ac_csv_count(c);
    for (;;) {
        uint64_t line = 0;
        ac_error e;
        ac_status st = ac_csv_next(c, file, &line, &e);
        if (st == AC_DONE)
            return AC_OK;
        if (st == AC_ENOMEM)
            return ac_error_set(err, AC_ENOMEM, file, line, UINT64_MAX, "out of memory");
        if (st == AC_EPARSE) {
            bad_line(ev, file, e.line, e.msg);
            continue;
        }
        if (ac_csv_count(c) == 1 && !ac_csv_field(c, 0)[0])
            continue;   /* a blank line */
        char msg[96];
        if (ac_csv_count(c) != ncols) {
            snprintf(msg, sizeof msg, "%zu fields where the header has %zu", ac_csv_count(c), ncols);
            bad_line(ev, file, line, msg);
            continue;
        }
        char *code = trim((char *)ac_csv_field(c, (size_t)col_code));
        char *example = trim((char *)ac_csv_field(c, (size_t)col_example));
        if (!ac_eval_code_root(code)) {
            bad_line(ev, file, line, "the code is not two to four digits with a root from 01 to 20");
            continue;
        }
        /* Some examples end with the codebook's remark on how to code them
         * ("... said. Note: Two reciprocal events are coded."): not news. */
        char *note = strstr(example, " Note:");
        if (note) {
            *note = '\0';
            example = trim(example);
        }
        if (!example[0])
            continue;
        if (!ac_utf8_is_clean(example, strlen(example))) {
            bad_line(ev, file, line, "the example is not valid UTF-8");
            continue;
        }
        ac_eval_record *r = add_record(ev, file, line, code, "", example, 1);
        if (!r || add_expected(ev, r, "", "", code) != AC_OK)
            return ac_error_set(err, AC_ENOMEM, file, line, UINT64_MAX, "out of memory");
        r->labelled = 0;
    }
}

ac_status ac_eval_add_text(ac_eval *ev, const char *name, const char *text, size_t len,
                           ac_error *err)
{
    const char *file = ac_arena_strdup(&ev->gold, name ? name : "-");
    if (!file)
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    ev->scores.files++;
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    /* The first character that is not blank tells JSON Lines from CSV. */
    const char *q = p;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
        q++;
    if (q == end || *q == '{' || *q == '#') {
        if (read_jsonl(ev, file, p, end) != AC_OK)
            return ac_error_set(err, AC_ENOMEM, file, 0, UINT64_MAX, "out of memory");
        return AC_OK;
    }
    ac_csv c;
    ac_csv_init(&c, p, (size_t)(end - p));
    uint64_t line = 0;
    ac_status st = ac_csv_next(&c, file, &line, err);
    long col_code = -1, col_example = -1;
    if (st == AC_OK) {
        col_code = column(&c, "code");
        col_example = column(&c, "example");
    }
    if (st == AC_ENOMEM) {
        ac_error_set(err, AC_ENOMEM, file, line, UINT64_MAX, "out of memory");
    } else if (col_code < 0 || col_example < 0) {
        st = ac_error_set(err, AC_EPARSE, file, 1, UINT64_MAX,
                          "neither accord's JSON Lines gold nor a CAMEO codebook CSV "
                          "(no header naming the columns code and example)");
    } else {
        st = read_codebook(ev, file, &c, col_code, col_example, err);
    }
    ac_csv_free(&c);
    return st;
}

ac_status ac_eval_add_file(ac_eval *ev, const char *path, ac_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s", strerror(errno));
    ac_buf b = {0};
    char chunk[65536];
    size_t n;
    ac_status st = AC_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (ac_buf_append(&b, chunk, n) != AC_OK) {
            st = ac_error_set(err, AC_ENOMEM, path, 0, UINT64_MAX, "out of memory");
            break;
        }
    if (st == AC_OK && ferror(f))
        st = ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot read: %s", strerror(errno));
    fclose(f);
    if (st == AC_OK)
        st = ac_eval_add_text(ev, path, b.data ? b.data : "", b.len, err);
    ac_buf_free(&b);
    return st;
}

/* ---- scoring --------------------------------------------------------------------- */

static void prf(ac_eval_prf *m)
{
    m->precision = m->tp + m->fp ? (double)m->tp / (double)(m->tp + m->fp) : 0.0;
    m->recall = m->tp + m->fn ? (double)m->tp / (double)(m->tp + m->fn) : 0.0;
    double s = m->precision + m->recall;
    m->f1 = s > 0 ? 2 * m->precision * m->recall / s : 0.0;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

/* Codes r and keeps the distinct events produced in the run arena. */
static ac_status code_record(ac_eval *ev, ac_eval_record *r, const ac_dict *d,
                             const ac_code_options *opt)
{
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = r->id;
    st.date = r->date;
    st.title = st.url = st.source = "";
    st.text = r->text;
    st.text_len = strlen(r->text);
    st.origin = r->file;
    st.origin_line = r->line;
    ac_doc *doc = NULL;
    ac_error e;
    r->produced = NULL;
    r->nproduced = 0;
    r->coded = 0;
    ac_status s = ac_code(d, &st, opt, &doc, &e);
    if (s == AC_ENOMEM)
        return AC_ENOMEM;
    if (s != AC_OK) {
        ev->scores.code_errors++;
        ac_warn(ev->diag, ev->diag_ctx, s, r->file, r->line, UINT64_MAX,
                "record %s could not be coded: %s", r->id, e.msg);
        return AC_OK;
    }
    size_t n = ac_doc_event_count(doc);
    ac_eval_event *out = n ? ac_arena_calloc(&ev->run, n, sizeof *out) : NULL;
    if (n && !out) {
        ac_doc_free(doc);
        return AC_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const ac_event *x = ac_doc_event(doc, i);
        ac_eval_event e2 = {x->source ? x->source : "", x->target ? x->target : "", x->code};
        if (find_event(out, k, &e2) < k)
            continue;
        out[k].source = ac_arena_strdup(&ev->run, e2.source);
        out[k].target = ac_arena_strdup(&ev->run, e2.target);
        out[k].code = ac_arena_strdup(&ev->run, e2.code);
        if (!out[k].source || !out[k].target || !out[k].code) {
            ac_doc_free(doc);
            return AC_ENOMEM;
        }
        k++;
    }
    ac_doc_free(doc);
    r->produced = out;
    r->nproduced = k;
    r->coded = 1;
    return AC_OK;
}

/* Distinct codes of set[0..n) into out (room for n); returns how many. */
static size_t distinct_codes(const ac_eval_event *set, size_t n, const char **out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && strcmp(out[j], set[i].code) != 0)
            j++;
        if (j == k)
            out[k++] = set[i].code;
    }
    return k;
}

/* Adds r's counts to the scores. */
static ac_status score_record(ac_eval_scores *sc, ac_eval_record *r)
{
    const ac_eval_event *exp = r->expected, *got = r->produced;
    size_t ne = r->nexpected, ng = r->nproduced;

    int triples_equal = 0;
    if (r->labelled) {
        size_t tp = 0;
        for (size_t i = 0; i < ng; i++)
            tp += find_event(exp, ne, &got[i]) < ne;
        sc->labelled++;
        sc->triples.tp += tp;
        sc->triples.fp += ng - tp;
        sc->triples.fn += ne - tp;
        triples_equal = tp == ne && tp == ng;
        sc->exact += (size_t)triples_equal;
    }

    const char **ce = malloc((ne + ng + 1) * sizeof *ce);
    if (!ce)
        return AC_ENOMEM;
    const char **cg = ce + ne;
    size_t nce = distinct_codes(exp, ne, ce), ncg = distinct_codes(got, ng, cg);
    size_t tp = 0;
    for (size_t i = 0; i < ncg; i++)
        tp += has_code(exp, ne, cg[i]);
    sc->codes.tp += tp;
    sc->codes.fp += ncg - tp;
    sc->codes.fn += nce - tp;
    int codes_equal = tp == nce && tp == ncg;
    r->pass = r->labelled ? triples_equal : codes_equal;
    sc->passed += (size_t)r->pass;

    if (ne == 0) {
        sc->without_expected++;
        sc->false_alarms += ng > 0;
    } else {
        sc->with_expected++;
        sc->covered += ng > 0;
        int hit = 0;
        for (size_t i = 0; i < ng && !hit; i++)
            for (size_t j = 0; j < ne && !hit; j++)
                hit = ac_eval_code_root(got[i].code) == ac_eval_code_root(exp[j].code);
        sc->root_hits += (size_t)hit;
    }
    if (nce == 1) {
        int row = ac_eval_code_root(ce[0]);
        int col = ng ? ac_eval_code_root(got[0].code) : AC_EVAL_ROOTS + 1;
        if (row && col)
            sc->confusion[row - 1][col - 1]++;
    }
    free(ce);
    return AC_OK;
}

ac_status ac_eval_run(ac_eval *ev, const ac_dict *d, const ac_code_options *opt, ac_error *err)
{
    if (!ev || !d)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "no evaluation or no dictionary");
    ac_arena_free(&ev->run);
    ac_arena_init(&ev->run, 0);
    ac_eval_scores *sc = &ev->scores;
    ac_eval_scores kept = {.files = sc->files, .records = sc->records, .bad_lines = sc->bad_lines};
    *sc = kept;
    for (size_t i = 0; i < ev->recs.len; i++) {
        ac_eval_record *r = ac_vec_at(&ev->recs, i);
        if (code_record(ev, r, d, opt) != AC_OK || score_record(sc, r) != AC_OK)
            return ac_error_set(err, AC_ENOMEM, r->file, r->line, UINT64_MAX,
                                "out of memory scoring record %s", r->id);
    }
    prf(&sc->triples);
    prf(&sc->codes);
    sc->exact_rate = ratio(sc->exact, sc->labelled);
    sc->root_accuracy = ratio(sc->root_hits, sc->with_expected);
    sc->coverage = ratio(sc->covered, sc->with_expected);
    return AC_OK;
}
