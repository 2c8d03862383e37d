/*
 * query.c -- the questions asked of a store, as portable SQL over the
 * schema (schema.c): '?' placeholders, integer days, no dialect functions.
 * Full-text search is the backend's subquery (st_backend.fts_sentence_ids).
 * What SQL does not say portably is done here in C: weeks and months from
 * day numbers, the top codes of a dyad, a member's status on an agreement.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "store/store.h"

typedef st_sql qb;

/* ---- building a query -------------------------------------------------------- */

static void qs(qb *q, const char *s)
{
    if (ac_buf_puts(&q->sql, s) != AC_OK)
        q->bad = 1;
}

static void qtext(qb *q, const char *v)
{
    if (q->np == ST_SQL_PARAMS) {
        q->bad = 1;
        return;
    }
    q->p[q->np++] = (st_param){.t = SP_TEXT, .s = v};
}

static void qint(qb *q, int64_t v)
{
    if (q->np == ST_SQL_PARAMS) {
        q->bad = 1;
        return;
    }
    q->p[q->np++] = (st_param){.t = SP_INT, .i = v};
}

/* " AND col >= ? AND col < ?": the codes that begin with prefix, as a range
 * any index on col serves. */
static void qprefix(qb *q, const char *col, const char *prefix)
{
    size_t n = strlen(prefix);
    if (n == 0 || n >= sizeof q->bounds[0] || q->nbounds == ST_SQL_PARAMS) {
        q->bad = n != 0;
        return;
    }
    char *hi = q->bounds[q->nbounds++];
    memcpy(hi, prefix, n + 1);
    hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
    if (ac_buf_printf(&q->sql, "%s >= ? AND %s < ?", col, col) != AC_OK)
        q->bad = 1;
    qtext(q, prefix);
    qtext(q, hi);
}

void st_sql_free(qb *q)
{
    ac_buf_free(&q->sql);
}

static ac_status bad_date(const char *what, const char *v, ac_error *err)
{
    return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "%s '%s' is not a date (YYYY-MM-DD)",
                        what, v);
}

/* " AND day >= ? AND day <= ?" for q's since/until. */
static ac_status qdates(qb *b, const char *col, const ac_query *q, ac_error *err)
{
    int ok;
    if (q && q->since && *q->since) {
        int64_t d = st_day_of(q->since, &ok);
        if (!ok)
            return bad_date("--since", q->since, err);
        if (ac_buf_printf(&b->sql, " AND %s >= ?", col) != AC_OK)
            b->bad = 1;
        qint(b, d);
    }
    if (q && q->until && *q->until) {
        int64_t d = st_day_of(q->until, &ok);
        if (!ok)
            return bad_date("--until", q->until, err);
        if (ac_buf_printf(&b->sql, " AND %s <= ?", col) != AC_OK)
            b->bad = 1;
        qint(b, d);
    }
    return AC_OK;
}

/* The same on a text date column (event_groups: its date is in its keys). */
static ac_status qdates_text(qb *b, const char *col, const ac_query *q, ac_error *err)
{
    int ok;
    if (q && q->since && *q->since) {
        st_day_of(q->since, &ok);
        if (!ok)
            return bad_date("--since", q->since, err);
        if (ac_buf_printf(&b->sql, " AND %s >= ?", col) != AC_OK)
            b->bad = 1;
        qtext(b, q->since);
    }
    if (q && q->until && *q->until) {
        st_day_of(q->until, &ok);
        if (!ok)
            return bad_date("--until", q->until, err);
        if (ac_buf_printf(&b->sql, " AND %s <= ?", col) != AC_OK)
            b->bad = 1;
        qtext(b, q->until);
    }
    return AC_OK;
}

/* One side of event_groups g whose code begins with prefix: the country
 * first (equal: the keys and indexes begin with it), then the rest. */
static void qside(qb *b, const char *country_col, const char *code_col, const char *prefix)
{
    size_t n = strlen(prefix);
    if (n < 3) {
        qprefix(b, code_col, prefix);
        return;
    }
    if (ac_buf_printf(&b->sql, "%s = substr(?, 1, 3)", country_col) != AC_OK)
        b->bad = 1;
    qtext(b, prefix);
    if (n > 3) {
        qs(b, " AND ");
        qprefix(b, code_col, prefix);
    }
}

static void qlimit(qb *b, const ac_query *q)
{
    if (q && q->limit) {
        qs(b, " LIMIT ?");
        qint(b, (int64_t)q->limit);
    }
}

ac_status st_sql_run(ac_store *s, qb *b, st_row_fn fn, void *ctx, ac_error *err)
{
    if (b->bad)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory building a query");
    return s->be->query(s->conn, b->sql.data, b->p, b->np, fn, ctx, err);
}

/* ---- rows out ---------------------------------------------------------------- */

typedef struct col {
    const char *name;
    ac_value_type type;
} col;

#define MAX_COLS 32

typedef struct emit {
    const char *names[MAX_COLS];
    ac_value_type types[MAX_COLS];
    size_t n;
    ac_row_fn fn;
    void *ctx;
    size_t limit, count;   /* stop after limit rows (0: none) */
    int stopped;
} emit;

static void emit_init(emit *e, const col *cols, size_t n, ac_row_fn fn, void *ctx, const ac_query *q)
{
    e->limit = q ? q->limit : 0;
    e->count = 0;
    assert(n <= MAX_COLS);
    if (n > MAX_COLS)
        n = MAX_COLS;
    e->n = n;
    for (size_t i = 0; i < n; i++) {
        e->names[i] = cols[i].name;
        e->types[i] = cols[i].type;
    }
    e->fn = fn;
    e->ctx = ctx;
    e->stopped = 0;
}

static int emit_vals(emit *e, const char *const *vals)
{
    const char *v[MAX_COLS];
    for (size_t i = 0; i < e->n; i++)
        v[i] = vals[i] ? vals[i] : "";
    ac_row row = {.ncols = e->n, .names = e->names, .types = e->types, .values = v};
    if (e->stopped)
        return 1;
    if (e->fn(e->ctx, &row) || (e->limit && ++e->count >= e->limit))
        e->stopped = 1;
    return e->stopped;
}

/* A backend row passed straight through (the SELECT list is the columns). */
static int pass_row(void *ctx, size_t n, const char *const *vals)
{
    emit *e = ctx;
    (void)n;
    return emit_vals(e, vals);
}

#define NCOLS(a) (sizeof a / sizeof a[0])

/* ---- periods ----------------------------------------------------------------- */

static int64_t floor_mod(int64_t a, int64_t m)
{
    int64_t r = a % m;
    return r < 0 ? r + m : r;
}

/* The key of the period holding day (days since 1970-01-01). */
static int64_t period_key(int64_t day, ac_period by)
{
    switch (by) {
    case AC_PERIOD_DAY: return day;
    case AC_PERIOD_WEEK: return day - floor_mod(day + 3, 7);   /* 1970-01-01 was a Thursday */
    case AC_PERIOD_MONTH: {
        char d[11];
        st_date_of(day, d);
        return atoi(d) * 12 + (atoi(d + 5) - 1);
    }
    case AC_PERIOD_ALL: return 0;
    }
    return day;
}

static void period_name(int64_t key, ac_period by, int64_t lo, int64_t hi, char *out, size_t cap)
{
    char a[11], b[11];
    switch (by) {
    case AC_PERIOD_DAY:
    case AC_PERIOD_WEEK:
        st_date_of(key, a);
        snprintf(out, cap, "%s", a);
        return;
    case AC_PERIOD_MONTH:
        snprintf(out, cap, "%04d-%02d", (int)(key / 12), (int)(key % 12) + 1);
        return;
    case AC_PERIOD_ALL:
        st_date_of(lo, a);
        st_date_of(hi, b);
        snprintf(out, cap, "%s..%s", a, b);
        return;
    }
}

/* ---- events ------------------------------------------------------------------ */

static const col EVENT_COLS[] = {
    {"id", AC_VALUE_INT},        {"date", AC_VALUE_TEXT},       {"source", AC_VALUE_TEXT},
    {"target", AC_VALUE_TEXT},   {"code", AC_VALUE_TEXT},       {"root", AC_VALUE_TEXT},
    {"quad", AC_VALUE_INT},      {"goldstein", AC_VALUE_REAL},  {"plover", AC_VALUE_TEXT},
    {"mood", AC_VALUE_TEXT},     {"mentions", AC_VALUE_INT},    {"sources", AC_VALUE_INT},
    {"articles", AC_VALUE_INT},  {"story", AC_VALUE_TEXT},      {"sentence", AC_VALUE_INT},
    {"source_text", AC_VALUE_TEXT}, {"target_text", AC_VALUE_TEXT}, {"text", AC_VALUE_TEXT},
};

/* The WHERE clause of q over event_groups g (after "WHERE 1 = 1"). */
ac_status st_event_where(ac_store *s, qb *b, const ac_query *q, ac_error *err)
{
    if (!q)
        return AC_OK;
    if (q->country && *q->country && strlen(q->country) != 3)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "a country is a three-letter CAMEO code, not '%s'", q->country);
    const char *either[2] = {q->actor, q->country};
    for (int k = 0; k < 2; k++) {
        if (!either[k] || !*either[k])
            continue;
        qs(b, " AND ((");
        qside(b, "g.src_country", "g.source", either[k]);
        qs(b, ") OR (");
        qside(b, "g.tgt_country", "g.target", either[k]);
        qs(b, "))");
    }
    if (q->source && *q->source) {
        qs(b, " AND ");
        qside(b, "g.src_country", "g.source", q->source);
    }
    if (q->target && *q->target) {
        qs(b, " AND ");
        qside(b, "g.tgt_country", "g.target", q->target);
    }
    if (q->code && *q->code) {
        qs(b, " AND ");
        qprefix(b, "g.code", q->code);
    }
    if (q->root && *q->root) {
        qs(b, " AND g.code IN (SELECT code FROM event_codes WHERE root = ?)");
        qtext(b, q->root);
    }
    if (q->quad) {
        if (q->quad < 1 || q->quad > 4)
            return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "a quad class is 1 to 4");
        qs(b, " AND g.code IN (SELECT code FROM event_codes WHERE quad = ?)");
        qint(b, q->quad);
    }
    ac_status st = qdates_text(b, "g.date", q, err);
    if (st != AC_OK)
        return st;
    if (q->text && *q->text) {
        /* The sentences that match, their stories, those stories' events
         * (one id range each) that list the sentence among theirs. */
        qs(b, " AND g.id IN (SELECT e2.group_id FROM (");
        qs(b, s->be->fts_sentence_ids);
        qs(b, ") f JOIN stories s2 ON s2.sid = f.id / 1048576 JOIN events e2 ON e2.id BETWEEN "
              "s2.first_event AND s2.first_event + s2.events - 1 WHERE (',' || e2.sentence_ids || "
              "',') LIKE ('%,' || (f.id % 1048576) || ',%'))");
        qtext(b, q->text);
    }
    return AC_OK;
}

ac_status ac_store_events(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_events: invalid argument");
    qb b = {0};
    /* Filter, sort and cut the groups first; then fetch the first report,
     * its story and sentence, for the rows kept only. */
    qs(&b, "SELECT g.id, g.date, g.source, g.target, g.code, c.root, c.quad, c.goldstein, c.plover, "
           "e.mood, g.num_mentions, g.num_sources, g.num_articles, st.story_id, e.sentence, "
           "e.source_text, e.target_text, se.text FROM (SELECT * FROM event_groups g WHERE 1 = 1");
    ac_status st = st_event_where(s, &b, q, err);
    if (st == AC_OK) {
        qs(&b, " ORDER BY g.date, g.source, g.target, g.code, g.id");
        qlimit(&b, q);
        qs(&b, ") g LEFT JOIN event_codes c ON c.code = g.code "
               "LEFT JOIN events e ON e.id = g.first_event LEFT JOIN stories st ON st.sid = e.story "
               "LEFT JOIN sentences se ON se.id = e.story * 1048576 + e.sentence "
               "ORDER BY g.date, g.source, g.target, g.code, g.id");
        emit e;
        emit_init(&e, EVENT_COLS, NCOLS(EVENT_COLS), fn, ctx, q);
        st = st_sql_run(s, &b, pass_row, &e, err);
    }
    st_sql_free(&b);
    return st;
}

/* ---- dyad -------------------------------------------------------------------- */

/* A day's count of one code in one direction, then merged per period. */
typedef struct dyad_cell {
    int64_t period;
    int dir;
    char code[8];
    int64_t n;
} dyad_cell;

typedef struct dyad_acc {
    dyad_cell *c;
    size_t n, cap;
    ac_period by;
    int64_t lo, hi;        /* days seen */
    int have_day;
    int oom;
} dyad_acc;

/* Row: date, direction, code, count. */
static int dyad_row(void *ctx, size_t n, const char *const *v)
{
    dyad_acc *a = ctx;
    (void)n;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 256;
        dyad_cell *c = realloc(a->c, nc * sizeof *c);
        if (!c) {
            a->oom = 1;
            return 1;
        }
        a->c = c;
        a->cap = nc;
    }
    dyad_cell *c = &a->c[a->n++];
    memset(c, 0, sizeof *c);
    int ok;
    int64_t day = st_day_of(v[0], &ok);
    if (ok) {
        if (!a->have_day || day < a->lo)
            a->lo = day;
        if (!a->have_day || day > a->hi)
            a->hi = day;
        a->have_day = 1;
    }
    c->period = ok ? period_key(day, a->by) : INT64_MIN;
    c->dir = v[1] ? atoi(v[1]) : 0;
    snprintf(c->code, sizeof c->code, "%s", v[2] ? v[2] : "");
    c->n = v[3] ? strtoll(v[3], NULL, 10) : 0;
    return 0;
}

static int cmp_cell(const void *x, const void *y)
{
    const dyad_cell *a = x, *b = y;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    if (a->dir != b->dir)
        return a->dir - b->dir;
    return strcmp(a->code, b->code);
}

/* The quad class and Goldstein score of each code (event_codes). */
typedef struct code_info {
    char code[8];
    int quad;
    double goldstein;
} code_info;

typedef struct code_table {
    code_info *c;
    size_t n, cap;
    int oom;
} code_table;

static int code_row(void *ctx, size_t n, const char *const *v)
{
    code_table *t = ctx;
    (void)n;
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        code_info *c = realloc(t->c, nc * sizeof *c);
        if (!c) {
            t->oom = 1;
            return 1;
        }
        t->c = c;
        t->cap = nc;
    }
    code_info *c = &t->c[t->n++];
    snprintf(c->code, sizeof c->code, "%s", v[0] ? v[0] : "");
    c->quad = v[1] ? atoi(v[1]) : 0;
    c->goldstein = v[2] ? strtod(v[2], NULL) : 0;
    return 0;
}

static const code_info *code_find(const code_table *t, const char *code)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t->c[mid].code, code);
        if (c == 0)
            return &t->c[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

typedef struct code_count {
    const char *code;
    int64_t n;
} code_count;

static int cmp_count(const void *x, const void *y)
{
    const code_count *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->code, b->code);
}

static const col DYAD_COLS[] = {
    {"period", AC_VALUE_TEXT},        {"direction", AC_VALUE_TEXT},
    {"events", AC_VALUE_INT},         {"verbal_coop", AC_VALUE_INT},
    {"material_coop", AC_VALUE_INT},  {"verbal_conflict", AC_VALUE_INT},
    {"material_conflict", AC_VALUE_INT}, {"goldstein", AC_VALUE_REAL},
    {"top_codes", AC_VALUE_TEXT},
};

/* The timeline is an index-only range scan of event_groups' unique key
 * (src_country, tgt_country, date, source, target, code) per direction,
 * counting per day and code; periods, quad classes, means and top codes
 * are made here. */
ac_status ac_store_dyad(ac_store *s, const char *a, const char *b, ac_period by, const ac_query *q,
                        ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn || !a || !b)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_dyad: invalid argument");
    if (strlen(a) < 3 || strlen(b) < 3)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "a dyad is two actor codes of at least three letters (KAZ ISR)");
    int one_way = strcmp(a, b) == 0;
    qb qq = {0};
    ac_status st = AC_OK;
    for (int dir = 0; dir < (one_way ? 1 : 2) && st == AC_OK; dir++) {
        if (dir)
            qs(&qq, " UNION ALL ");
        if (ac_buf_printf(&qq.sql, "SELECT g.date, %d, g.code, count(*) FROM event_groups g WHERE ",
                          dir) != AC_OK)
            qq.bad = 1;
        qside(&qq, "g.src_country", "g.source", dir ? b : a);
        qs(&qq, " AND ");
        qside(&qq, "g.tgt_country", "g.target", dir ? a : b);
        st = qdates_text(&qq, "g.date", q, err);
        qs(&qq, " GROUP BY g.date, g.code");
    }
    dyad_acc acc = {.by = by};
    code_table codes = {0};
    if (st == AC_OK)
        st = st_sql_run(s, &qq, dyad_row, &acc, err);
    st_sql_free(&qq);
    if (st == AC_OK && acc.n)
        st = s->be->query(s->conn, "SELECT code, quad, goldstein FROM event_codes ORDER BY code", NULL,
                          0, code_row, &codes, err);
    if (st == AC_OK && (acc.oom || codes.oom))
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    if (st != AC_OK) {
        free(acc.c);
        free(codes.c);
        return st;
    }
    if (acc.n)
        qsort(acc.c, acc.n, sizeof *acc.c, cmp_cell);
    /* Merge the days of a period. */
    size_t m = 0;
    for (size_t i = 0; i < acc.n; i++) {
        if (m && acc.c[m - 1].period == acc.c[i].period && acc.c[m - 1].dir == acc.c[i].dir &&
            !strcmp(acc.c[m - 1].code, acc.c[i].code))
            acc.c[m - 1].n += acc.c[i].n;
        else
            acc.c[m++] = acc.c[i];
    }
    emit e;
    emit_init(&e, DYAD_COLS, NCOLS(DYAD_COLS), fn, ctx, q);
    code_count *cc = malloc((m ? m : 1) * sizeof *cc);
    if (!cc) {
        free(acc.c);
        free(codes.c);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    char dirname[2][64];
    snprintf(dirname[0], sizeof dirname[0], "%s>%s", a, b);
    snprintf(dirname[1], sizeof dirname[1], "%s>%s", b, a);
    for (size_t i = 0; i < m && !e.stopped;) {
        size_t j = i, ncc = 0;
        int64_t n = 0, quads[5] = {0};
        double g = 0;
        while (j < m && acc.c[j].period == acc.c[i].period && acc.c[j].dir == acc.c[i].dir) {
            const dyad_cell *c = &acc.c[j];
            const code_info *info = code_find(&codes, c->code);
            n += c->n;
            if (info) {
                g += info->goldstein * (double)c->n;
                if (info->quad >= 1 && info->quad <= 4)
                    quads[info->quad] += c->n;
            }
            cc[ncc++] = (code_count){c->code, c->n};
            j++;
        }
        qsort(cc, ncc, sizeof *cc, cmp_count);
        char period[32], top[128] = "", nums[6][32];
        if (acc.c[i].period == INT64_MIN)
            snprintf(period, sizeof period, "(no date)");
        else
            period_name(acc.c[i].period, by, acc.lo, acc.hi, period, sizeof period);
        for (size_t k = 0; k < ncc && k < 3; k++) {
            size_t len = strlen(top);
            snprintf(top + len, sizeof top - len, "%s%s x%lld", k ? ", " : "", cc[k].code,
                     (long long)cc[k].n);
        }
        snprintf(nums[0], sizeof nums[0], "%lld", (long long)n);
        for (int k = 1; k <= 4; k++)
            snprintf(nums[k], sizeof nums[k], "%lld", (long long)quads[k]);
        snprintf(nums[5], sizeof nums[5], "%.2f", n ? g / (double)n : 0.0);
        const char *vals[] = {period,  dirname[acc.c[i].dir], nums[0], nums[1], nums[2],
                              nums[3], nums[4], nums[5], top};
        emit_vals(&e, vals);
        i = j;
    }
    free(cc);
    free(acc.c);
    free(codes.c);
    return AC_OK;
}

/* ---- agreements -------------------------------------------------------------- */

static const col AGREEMENT_COLS[] = {
    {"agreement", AC_VALUE_TEXT}, {"name", AC_VALUE_TEXT},  {"stories", AC_VALUE_INT},
    {"mentions", AC_VALUE_INT},   {"members", AC_VALUE_INT}, {"first", AC_VALUE_TEXT},
    {"last", AC_VALUE_TEXT},
};

ac_status ac_store_agreements(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_agreements: invalid argument");
    qb b = {0};
    qs(&b, "SELECT a.agreement, min(a.name), count(DISTINCT a.story), sum(a.mentions), "
           "(SELECT count(DISTINCT m.actor) FROM memberships m WHERE m.agreement = a.agreement "
           "AND m.actor <> ''), min(NULLIF(st.date, '')), max(NULLIF(st.date, '')) "
           "FROM story_agreements a JOIN stories st ON st.sid = a.story WHERE 1 = 1");
    ac_status status = qdates(&b, "st.day", q, err);
    if (status == AC_OK) {
        qs(&b, " GROUP BY a.agreement ORDER BY count(DISTINCT a.story) DESC, a.agreement");
        qlimit(&b, q);
        emit e;
        emit_init(&e, AGREEMENT_COLS, NCOLS(AGREEMENT_COLS), fn, ctx, q);
        status = st_sql_run(s, &b, pass_row, &e, err);
    }
    st_sql_free(&b);
    return status;
}

/* Finding an agreement by code, name or prefix. */
typedef struct agr_find {
    const char *want;
    char norm[128];        /* want in upper case, spaces as '_' */
    char code[128];        /* the best match */
    int rank;              /* 3 exact code, 2 exact name, 1 prefix; 0 none */
    int ties;              /* other agreements of the same rank */
    char other[128];
} agr_find;

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int iprefix(const char *s, const char *p)
{
    for (; *p; s++, p++)
        if (!*s || tolower((unsigned char)*s) != tolower((unsigned char)*p))
            return 0;
    return 1;
}

static int agr_row(void *ctx, size_t n, const char *const *v)
{
    agr_find *f = ctx;
    (void)n;
    const char *code = v[0] ? v[0] : "", *name = v[1] ? v[1] : "";
    int rank = ieq(code, f->norm) ? 3 : ieq(name, f->want) ? 2
               : (iprefix(code, f->norm) || iprefix(name, f->want)) ? 1 : 0;
    if (rank == 0 || rank < f->rank || !strcmp(code, f->code))
        return 0;
    if (rank == f->rank) {
        f->ties++;
        snprintf(f->other, sizeof f->other, "%s", code);
        return 0;
    }
    f->rank = rank;
    f->ties = 0;
    snprintf(f->code, sizeof f->code, "%s", code);
    return 0;
}

static ac_status find_agreement(ac_store *s, const char *name, char *code, size_t cap, ac_error *err)
{
    if (!name || !*name)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "which agreement?");
    agr_find f = {.want = name};
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof f.norm; p++)
        f.norm[k++] = (char)(*p == ' ' || *p == '-' ? '_' : toupper((unsigned char)*p));
    f.norm[k] = '\0';
    ac_status st = s->be->query(s->conn,
                                "SELECT agreement, min(name) FROM story_agreements GROUP BY agreement",
                                NULL, 0, agr_row, &f, err);
    if (st != AC_OK)
        return st;
    if (f.rank == 0)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "no agreement '%s' in the database (accord agreements lists them)", name);
    if (f.ties)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "'%s' names several agreements (%s, %s, ...): give its code", name,
                            f.code, f.other);
    snprintf(code, cap, "%s", f.code);
    return AC_OK;
}

/* Members: every action of the agreement, by actor then date, folded here. */
typedef struct member_acc {
    emit *e;
    const char *agreement;
    char actor[64], name[256];
    char status[64], since[16], first[16];
    int status_rank;
    int64_t status_day;
    int have;
    size_t reports;
    ac_buf timeline;
    char last_step[64];
    int oom;
} member_acc;

static int action_rank(const char *a)
{
    static const char *const order[] = {"intent", "negotiating", "signed", "ratified",
                                        "joined", "suspended", "withdrew"};
    for (int i = 0; i < 7; i++)
        if (!strcmp(a, order[i]))
            return i + 1;
    return 0;
}

static const char *action_verb(const char *a)
{
    static const char *const map[][2] = {{"signed", "sign"},     {"ratified", "ratify"},
                                         {"joined", "join"},     {"suspended", "suspend"},
                                         {"withdrew", "withdraw"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(a, map[i][0]))
            return map[i][1];
    return a;
}

static const col MEMBER_COLS[] = {
    {"agreement", AC_VALUE_TEXT}, {"actor", AC_VALUE_TEXT},   {"name", AC_VALUE_TEXT},
    {"status", AC_VALUE_TEXT},    {"since", AC_VALUE_TEXT},   {"first", AC_VALUE_TEXT},
    {"timeline", AC_VALUE_TEXT},  {"reports", AC_VALUE_INT},
};

static void member_flush(member_acc *m)
{
    if (!m->have)
        return;
    char reports[24];
    snprintf(reports, sizeof reports, "%zu", m->reports);
    const char *vals[] = {m->agreement, m->actor, m->name, m->status, m->since, m->first,
                          m->timeline.len ? m->timeline.data : "", reports};
    emit_vals(m->e, vals);
    m->have = 0;
    ac_buf_reset(&m->timeline);
}

/* Row: actor, actor_name, action, mood, date, day. */
static int member_row(void *ctx, size_t n, const char *const *v)
{
    member_acc *m = ctx;
    (void)n;
    const char *actor = v[0] ? v[0] : "", *name = v[1] ? v[1] : "", *action = v[2] ? v[2] : "",
               *mood = v[3] ? v[3] : "", *date = v[4] ? v[4] : "";
    int64_t day = v[5] ? strtoll(v[5], NULL, 10) : INT64_MIN;
    if (m->have && strcmp(m->actor, actor) != 0)
        member_flush(m);
    if (m->e->stopped)
        return 1;
    if (!m->have) {
        m->have = 1;
        snprintf(m->actor, sizeof m->actor, "%s", actor);
        snprintf(m->first, sizeof m->first, "%s", date);
        m->name[0] = m->status[0] = m->since[0] = m->last_step[0] = '\0';
        m->status_rank = -1;
        m->status_day = INT64_MIN;
        m->reports = 0;
    }
    if (*name)
        snprintf(m->name, sizeof m->name, "%s", name);
    m->reports++;
    /* The status: the latest action; on one day the furthest one, and a
     * done action over an announced one. */
    int done = !strcmp(mood, "done");
    int rank = action_rank(action) * 2 + done;
    char step[64];
    if (done || !strcmp(action, "intent"))
        snprintf(step, sizeof step, "%s", action);
    else
        snprintf(step, sizeof step, "%s (%s)", action_verb(action), mood);
    if (day > m->status_day || (day == m->status_day && rank >= m->status_rank)) {
        if (strcmp(m->status, step) != 0)
            snprintf(m->since, sizeof m->since, "%s", date);
        snprintf(m->status, sizeof m->status, "%s", step);
        m->status_day = day;
        m->status_rank = rank;
    }
    /* The timeline: each change of step, with the date it was first reported. */
    if (strcmp(m->last_step, step) != 0) {
        if (ac_buf_printf(&m->timeline, "%s%s %s", m->timeline.len ? "; " : "", *date ? date : "?",
                          step) != AC_OK)
            m->oom = 1;
        snprintf(m->last_step, sizeof m->last_step, "%s", step);
    }
    return 0;
}

ac_status ac_store_agreement_members(ac_store *s, const char *name, const ac_query *q, ac_row_fn fn,
                                     void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_agreement_members: invalid argument");
    char code[128];
    ac_status st = find_agreement(s, name, code, sizeof code, err);
    if (st != AC_OK)
        return st;
    qb b = {0};
    qs(&b, "SELECT m.actor, m.actor_name, m.action, m.mood, m.date, m.day FROM memberships m "
           "WHERE m.agreement = ? AND m.actor <> ''");
    qtext(&b, code);
    st = qdates(&b, "m.day", q, err);
    if (st == AC_OK) {
        qs(&b, " ORDER BY m.actor, m.day, m.story, m.idx");
        emit e;
        emit_init(&e, MEMBER_COLS, NCOLS(MEMBER_COLS), fn, ctx, q);
        member_acc m = {.e = &e, .agreement = code};
        st = st_sql_run(s, &b, member_row, &m, err);
        if (st == AC_OK)
            member_flush(&m);
        ac_buf_free(&m.timeline);
        if (st == AC_OK && m.oom)
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    st_sql_free(&b);
    return st;
}

static const col EVIDENCE_COLS[] = {
    {"date", AC_VALUE_TEXT},   {"agreement", AC_VALUE_TEXT}, {"actor", AC_VALUE_TEXT},
    {"action", AC_VALUE_TEXT}, {"mood", AC_VALUE_TEXT},      {"words", AC_VALUE_TEXT},
    {"story", AC_VALUE_TEXT},  {"sentence", AC_VALUE_INT},   {"text", AC_VALUE_TEXT},
};

ac_status ac_store_agreement_evidence(ac_store *s, const char *name, const ac_query *q,
                                      ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_agreement_evidence: invalid argument");
    char code[128];
    ac_status st = find_agreement(s, name, code, sizeof code, err);
    if (st != AC_OK)
        return st;
    qb b = {0};
    qs(&b, "SELECT m.date, m.agreement, m.actor, m.action, m.mood, m.text, st.story_id, m.sentence, "
           "se.text FROM memberships m JOIN stories st ON st.sid = m.story "
           "LEFT JOIN sentences se ON se.id = m.story * 1048576 + m.sentence WHERE m.agreement = ?");
    qtext(&b, code);
    st = qdates(&b, "m.day", q, err);
    if (st == AC_OK) {
        qs(&b, " ORDER BY m.day, m.story, m.idx");
        qlimit(&b, q);
        emit e;
        emit_init(&e, EVIDENCE_COLS, NCOLS(EVIDENCE_COLS), fn, ctx, q);
        st = st_sql_run(s, &b, pass_row, &e, err);
    }
    st_sql_free(&b);
    return st;
}

/* ---- quotes, actors, themes -------------------------------------------------- */

static const col QUOTE_COLS[] = {
    {"date", AC_VALUE_TEXT}, {"speaker_name", AC_VALUE_TEXT}, {"speaker_code", AC_VALUE_TEXT},
    {"kind", AC_VALUE_TEXT}, {"verb", AC_VALUE_TEXT},         {"text", AC_VALUE_TEXT},
    {"story", AC_VALUE_TEXT}, {"sentence", AC_VALUE_INT},
};

ac_status ac_store_quotes(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_quotes: invalid argument");
    qb b = {0};
    char like[300];
    qs(&b, "SELECT q.date, q.speaker_name, q.speaker_code, q.kind, q.verb, q.text, st.story_id, "
           "q.sentence FROM quotes q JOIN stories st ON st.sid = q.story WHERE 1 = 1");
    if (q && q->speaker && *q->speaker) {
        /* A code prefix, or words of the name, in any case. */
        snprintf(like, sizeof like, "%%%s%%", q->speaker);
        for (char *p = like; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        qs(&b, " AND ((");
        qprefix(&b, "q.speaker_code", q->speaker);
        qs(&b, ") OR lower(q.speaker_name) LIKE ?)");
        qtext(&b, like);
    }
    if (q && q->actor && *q->actor) {
        qs(&b, " AND ");
        qprefix(&b, "q.speaker_code", q->actor);
    }
    ac_status st = qdates(&b, "q.day", q, err);
    if (st == AC_OK) {
        qs(&b, " ORDER BY q.day, q.story, q.idx");
        qlimit(&b, q);
        emit e;
        emit_init(&e, QUOTE_COLS, NCOLS(QUOTE_COLS), fn, ctx, q);
        st = st_sql_run(s, &b, pass_row, &e, err);
    }
    st_sql_free(&b);
    return st;
}

static const col ACTOR_COLS[] = {
    {"code", AC_VALUE_TEXT},  {"name", AC_VALUE_TEXT},  {"kind", AC_VALUE_TEXT},
    {"stories", AC_VALUE_INT}, {"mentions", AC_VALUE_INT}, {"first", AC_VALUE_TEXT},
    {"last", AC_VALUE_TEXT},
};

ac_status ac_store_actors(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_actors: invalid argument");
    qb b = {0};
    qs(&b, "SELECT a.code, a.name, a.kind, count(*), sum(sa.mentions), min(NULLIF(st.date, '')), "
           "max(NULLIF(st.date, '')) FROM story_actors sa JOIN actors a ON a.id = sa.actor "
           "JOIN stories st ON st.sid = sa.story WHERE 1 = 1");
    if (q && q->actor && *q->actor) {
        qs(&b, " AND ");
        qprefix(&b, "a.code", q->actor);
    }
    if (q && q->country && *q->country) {
        qs(&b, " AND ");
        qprefix(&b, "a.code", q->country);
    }
    ac_status st = qdates(&b, "st.day", q, err);
    if (st == AC_OK) {
        qs(&b, " GROUP BY a.id, a.code, a.name, a.kind ORDER BY sum(sa.mentions) DESC, a.name, a.code");
        qlimit(&b, q);
        emit e;
        emit_init(&e, ACTOR_COLS, NCOLS(ACTOR_COLS), fn, ctx, q);
        st = st_sql_run(s, &b, pass_row, &e, err);
    }
    st_sql_free(&b);
    return st;
}

typedef struct theme_cell {
    int64_t period;
    char theme[96];
    char gkg[1024];
    int64_t stories, mentions;
} theme_cell;

typedef struct theme_acc {
    theme_cell *c;
    size_t n, cap;
    ac_period by;
    int64_t lo, hi;
    int have_day, oom;
} theme_acc;

static int theme_row(void *ctx, size_t n, const char *const *v)
{
    theme_acc *a = ctx;
    (void)n;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 256;
        theme_cell *c = realloc(a->c, nc * sizeof *c);
        if (!c) {
            a->oom = 1;
            return 1;
        }
        a->c = c;
        a->cap = nc;
    }
    theme_cell *c = &a->c[a->n++];
    int64_t day = v[0] ? strtoll(v[0], NULL, 10) : 0;
    if (v[0]) {
        if (!a->have_day || day < a->lo)
            a->lo = day;
        if (!a->have_day || day > a->hi)
            a->hi = day;
        a->have_day = 1;
    }
    c->period = v[0] ? period_key(day, a->by) : INT64_MIN;
    snprintf(c->theme, sizeof c->theme, "%s", v[1] ? v[1] : "");
    c->stories = v[2] ? strtoll(v[2], NULL, 10) : 0;
    c->mentions = v[3] ? strtoll(v[3], NULL, 10) : 0;
    snprintf(c->gkg, sizeof c->gkg, "%s", v[4] ? v[4] : "");
    return 0;
}

static int cmp_theme_key(const void *x, const void *y)
{
    const theme_cell *a = x, *b = y;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    return strcmp(a->theme, b->theme);
}

static int cmp_theme_out(const void *x, const void *y)
{
    const theme_cell *a = x, *b = y;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    if (a->mentions != b->mentions)
        return a->mentions > b->mentions ? -1 : 1;
    return strcmp(a->theme, b->theme);
}

static const col THEME_COLS[] = {
    {"period", AC_VALUE_TEXT}, {"theme", AC_VALUE_TEXT}, {"stories", AC_VALUE_INT},
    {"mentions", AC_VALUE_INT}, {"gkg", AC_VALUE_TEXT},
};

ac_status ac_store_themes(ac_store *s, const ac_query *q, ac_period by, ac_row_fn fn, void *ctx,
                          ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_themes: invalid argument");
    qb b = {0};
    qs(&b, "SELECT st.day, t.theme, count(*), sum(t.mentions), min(th.gkg) FROM story_themes t "
           "JOIN stories st ON st.sid = t.story LEFT JOIN themes th ON th.theme = t.theme WHERE 1 = 1");
    ac_status status = qdates(&b, "st.day", q, err);
    qs(&b, " GROUP BY st.day, t.theme");
    theme_acc acc = {.by = by};
    if (status == AC_OK)
        status = st_sql_run(s, &b, theme_row, &acc, err);
    st_sql_free(&b);
    if (status == AC_OK && acc.oom)
        status = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    if (status != AC_OK) {
        free(acc.c);
        return status;
    }
    if (acc.n)
        qsort(acc.c, acc.n, sizeof *acc.c, cmp_theme_key);
    size_t m = 0;
    for (size_t i = 0; i < acc.n; i++) {
        if (m && acc.c[m - 1].period == acc.c[i].period && !strcmp(acc.c[m - 1].theme, acc.c[i].theme)) {
            acc.c[m - 1].stories += acc.c[i].stories;
            acc.c[m - 1].mentions += acc.c[i].mentions;
        } else {
            acc.c[m++] = acc.c[i];
        }
    }
    if (m)
        qsort(acc.c, m, sizeof *acc.c, cmp_theme_out);
    emit e;
    emit_init(&e, THEME_COLS, NCOLS(THEME_COLS), fn, ctx, NULL);
    size_t shown = 0;
    int64_t cur = 0;
    for (size_t i = 0; i < m && !e.stopped; i++) {
        /* --limit: the top themes of each period. */
        if (i == 0 || acc.c[i].period != cur) {
            cur = acc.c[i].period;
            shown = 0;
        }
        if (q && q->limit && shown++ >= q->limit)
            continue;
        char period[32], st_n[24], mn[24];
        if (acc.c[i].period == INT64_MIN)
            snprintf(period, sizeof period, "(no date)");
        else
            period_name(acc.c[i].period, by, acc.lo, acc.hi, period, sizeof period);
        snprintf(st_n, sizeof st_n, "%lld", (long long)acc.c[i].stories);
        snprintf(mn, sizeof mn, "%lld", (long long)acc.c[i].mentions);
        const char *vals[] = {period, acc.c[i].theme, st_n, mn, acc.c[i].gkg};
        emit_vals(&e, vals);
    }
    free(acc.c);
    return AC_OK;
}

/* ---- planned ------------------------------------------------------------------ */

static const col PLANNED_COLS[] = {
    {"date", AC_VALUE_TEXT},      {"what", AC_VALUE_TEXT},  {"code", AC_VALUE_TEXT},
    {"when", AC_VALUE_TEXT},      {"agreement", AC_VALUE_TEXT}, {"actors", AC_VALUE_TEXT},
    {"story", AC_VALUE_TEXT},     {"sentence", AC_VALUE_INT}, {"text", AC_VALUE_TEXT},
};

ac_status ac_store_planned(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err)
{
    if (!s || !fn)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_planned: invalid argument");
    qb b = {0};
    char like[80];
    qs(&b, "SELECT p.date, p.what, p.code, p.when_text, p.agreement, p.actors, st.story_id, "
           "p.sentence, se.text FROM planned p JOIN stories st ON st.sid = p.story "
           "LEFT JOIN sentences se ON se.id = p.story * 1048576 + p.sentence WHERE 1 = 1");
    const char *who = q && q->actor && *q->actor ? q->actor : q && q->country ? q->country : NULL;
    if (who && *who) {
        /* A code of the ' '-separated list that begins with who. */
        snprintf(like, sizeof like, "%% %s%%", who);
        qs(&b, " AND (' ' || p.actors) LIKE ?");
        qtext(&b, like);
    }
    ac_status st = qdates(&b, "p.day", q, err);
    if (st == AC_OK) {
        qs(&b, " ORDER BY p.day, p.story, p.idx");
        qlimit(&b, q);
        emit e;
        emit_init(&e, PLANNED_COLS, NCOLS(PLANNED_COLS), fn, ctx, q);
        st = st_sql_run(s, &b, pass_row, &e, err);
    }
    st_sql_free(&b);
    return st;
}
