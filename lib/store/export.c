/*
 * export.c -- event groups in the formats the field's tools read: Phoenix,
 * GDELT 2.0 events, PLOVER, CSV, JSON Lines (the layouts are described in
 * include/accord.h above ac_store_export).
 *
 * One query returns a group with each of its story-level events and their
 * stories (ordered by group, then event id, so the first row of a group is
 * its first report); the lists (sentences, URLs, publishers) are folded
 * here, in C, so the SQL stays portable.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "store/store.h"

/* The columns of the export query, in SELECT order. */
enum {
    X_GID, X_DATE, X_SOURCE, X_TARGET, X_CODE, X_ROOT, X_QUAD, X_GOLDSTEIN, X_MENTIONS, X_SOURCES,
    X_ARTICLES, X_BASE, X_PLOVER, X_MOOD, X_SOURCE_TEXT, X_TARGET_TEXT, X_VERB, X_SENTENCE,
    X_SENTENCE_IDS, X_STORY, X_URL, X_PUBLISHER, X_ISSUES, X_TONE, X_ADDED, X_TEXT, X_NCOLS
};

typedef struct group {
    char *first[X_NCOLS];  /* the first report's row (owned copies) */
    ac_buf stories;        /* "story-3;story-5" (sentence ids per story) */
    ac_buf story_ids;      /* "a;b" */
    ac_buf sentence_ids;   /* "a:3,5;b:1" */
    ac_buf urls, publishers, issues;
    double tone_sum;
    size_t tone_n;
    char added[32];        /* the earliest ingested_at */
} group;

typedef struct exporter {
    ac_export_format fmt;
    ac_line_fn fn;
    void *ctx;
    size_t limit, groups;
    int have, stopped, oom;
    group g;
    ac_buf line;
} exporter;

static void set(exporter *x, ac_status st)
{
    if (st != AC_OK)
        x->oom = 1;
}

/* Appends item to a ';'-separated list unless it is empty or already there. */
static void add_unique(exporter *x, ac_buf *list, const char *item)
{
    if (!item || !*item)
        return;
    size_t n = strlen(item);
    const char *p = list->len ? list->data : "";
    while (*p) {
        size_t k = strcspn(p, ";");
        if (k == n && !memcmp(p, item, n))
            return;
        p += k + (p[k] == ';');
    }
    if (list->len)
        set(x, ac_buf_append(list, ";", 1));
    set(x, ac_buf_append(list, item, n));
}

static void group_reset(group *g)
{
    for (int i = 0; i < X_NCOLS; i++) {
        free(g->first[i]);
        g->first[i] = NULL;
    }
    ac_buf_reset(&g->stories);
    ac_buf_reset(&g->story_ids);
    ac_buf_reset(&g->sentence_ids);
    ac_buf_reset(&g->urls);
    ac_buf_reset(&g->publishers);
    ac_buf_reset(&g->issues);
    g->tone_sum = 0;
    g->tone_n = 0;
    g->added[0] = '\0';
}

static void group_free(group *g)
{
    group_reset(g);
    ac_buf_free(&g->stories);
    ac_buf_free(&g->story_ids);
    ac_buf_free(&g->sentence_ids);
    ac_buf_free(&g->urls);
    ac_buf_free(&g->publishers);
    ac_buf_free(&g->issues);
}

static const char *F(const exporter *x, int col)
{
    const char *v = x->g.first[col];
    return v ? v : "";
}

static const char *L(const ac_buf *b)
{
    return b->len ? b->data : "";
}

/* ---- pieces of the formats ----------------------------------------------------- */

/* A CAMEO actor code in Phoenix's and GDELT's parts: the country (or the
 * IGO/NGO/... sector and its known group), then three-letter roles. */
typedef struct actor_parts {
    char country[4], group[8], entity[8], types[3][4], rest[64];
} actor_parts;

static void split_actor(const char *code, actor_parts *p)
{
    memset(p, 0, sizeof *p);
    size_t n = strlen(code);
    if (n < 3)
        return;
    static const char *const sectors[] = {"IGO", "NGO", "IMG", "MNC", "NGM", "UIS"};
    int sector = 0;
    for (size_t i = 0; i < sizeof sectors / sizeof *sectors; i++)
        sector |= !strncmp(code, sectors[i], 3);
    size_t at = 3;
    memcpy(p->entity, code, 3);
    if (sector) {
        size_t k = n - 3 < 3 ? n - 3 : 3;
        memcpy(p->group, code + 3, k);
        at = 3 + k;
    } else {
        memcpy(p->country, code, 3);
    }
    for (int t = 0; t < 3 && at + 3 <= n; t++, at += 3)
        memcpy(p->types[t], code + at, 3);
    snprintf(p->rest, sizeof p->rest, "%s", n > 6 ? code + 6 : "");
}

static void tsv_field(exporter *x, const char *v, int first)
{
    if (!first)
        set(x, ac_buf_append(&x->line, "\t", 1));
    for (const char *p = v ? v : ""; *p; p++)
        set(x, ac_buf_append(&x->line, (*p == '\t' || *p == '\n' || *p == '\r') ? " " : p, 1));
}

static void csv_field(exporter *x, const char *v, int first)
{
    if (!first)
        set(x, ac_buf_append(&x->line, ",", 1));
    v = v ? v : "";
    if (!strpbrk(v, ",\"\n\r")) {
        set(x, ac_buf_append(&x->line, v, strlen(v)));
        return;
    }
    set(x, ac_buf_append(&x->line, "\"", 1));
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            set(x, ac_buf_append(&x->line, "\"", 1));
        set(x, ac_buf_append(&x->line, p, 1));
    }
    set(x, ac_buf_append(&x->line, "\"", 1));
}

static void json_key(exporter *x, const char *key, int first)
{
    set(x, ac_buf_printf(&x->line, "%s\"%s\":", first ? "{" : ",", key));
}

static void json_str(exporter *x, const char *key, const char *v, int first)
{
    json_key(x, key, first);
    set(x, ac_json_escape(&x->line, v ? v : "", v ? strlen(v) : 0));
}

static void json_raw(exporter *x, const char *key, const char *v)
{
    json_key(x, key, 0);
    set(x, ac_buf_printf(&x->line, "%s", *v ? v : "0"));
}

/* A ';'-separated list as a JSON array of strings. */
static void json_list(exporter *x, const char *key, const char *list)
{
    json_key(x, key, 0);
    set(x, ac_buf_append(&x->line, "[", 1));
    int first = 1;
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ";");
        if (!first)
            set(x, ac_buf_append(&x->line, ",", 1));
        set(x, ac_json_escape(&x->line, p, k));
        first = 0;
        p += k + (p[k] == ';');
    }
    set(x, ac_buf_append(&x->line, "]", 1));
}

/* YYYYMMDD of YYYY-MM-DD ("" stays ""). */
static void compact_date(const char *d, char out[9])
{
    size_t k = 0;
    for (; *d && k < 8; d++)
        if (*d != '-')
            out[k++] = *d;
    out[k] = '\0';
}

/* ---- the formats --------------------------------------------------------------- */

static void phoenix(exporter *x)
{
    char d[9], y[5] = "", m[3] = "", dd[3] = "";
    compact_date(F(x, X_DATE), d);
    if (strlen(d) == 8) {
        memcpy(y, d, 4);
        memcpy(m, d + 4, 2);
        memcpy(dd, d + 6, 2);
    }
    actor_parts s, t;
    split_actor(F(x, X_SOURCE), &s);
    split_actor(F(x, X_TARGET), &t);
    const char *fields[] = {
        F(x, X_GID), d, y, m, dd,
        F(x, X_SOURCE), s.entity, s.types[0], s.rest,
        F(x, X_TARGET), t.entity, t.types[0], t.rest,
        F(x, X_CODE), F(x, X_ROOT), F(x, X_QUAD), F(x, X_GOLDSTEIN), L(&x->g.issues),
        "", "", "", "", "",                       /* Lat, Lon, LocationName, StateName, CountryCode */
        L(&x->g.stories), L(&x->g.urls), L(&x->g.publishers),
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        tsv_field(x, fields[i], i == 0);
}

static void gdelt_actor(exporter *x, const char *code, const char *text)
{
    actor_parts p;
    split_actor(code, &p);
    char name[256];
    size_t k = 0;
    for (const char *c = text; *c && k + 1 < sizeof name; c++)
        name[k++] = (char)toupper((unsigned char)*c);
    name[k] = '\0';
    const char *fields[] = {code, name, p.country, p.group, "", "", "",
                            p.types[0], p.types[1], p.types[2]};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        tsv_field(x, fields[i], 0);
}

static void gdelt(exporter *x)
{
    char d[9], my[7] = "", y[5] = "", frac[16] = "";
    compact_date(F(x, X_DATE), d);
    if (strlen(d) == 8) {
        memcpy(my, d, 6);
        memcpy(y, d, 4);
        snprintf(frac, sizeof frac, "%.4f",
                 atoi(y) + (atoi(d + 4) / 100 * 30 + atoi(d + 6)) / 365.0);
    }
    tsv_field(x, F(x, X_GID), 1);
    tsv_field(x, d, 0);
    tsv_field(x, my, 0);
    tsv_field(x, y, 0);
    tsv_field(x, frac, 0);
    gdelt_actor(x, F(x, X_SOURCE), F(x, X_SOURCE_TEXT));
    gdelt_actor(x, F(x, X_TARGET), F(x, X_TARGET_TEXT));
    /* IsRootEvent: the first report is in the story's first two sentences
     * (headline or lead). */
    tsv_field(x, atoi(F(x, X_SENTENCE)) < 2 ? "1" : "0", 0);
    tsv_field(x, F(x, X_CODE), 0);
    tsv_field(x, F(x, X_BASE), 0);
    tsv_field(x, F(x, X_ROOT), 0);
    tsv_field(x, F(x, X_QUAD), 0);
    tsv_field(x, F(x, X_GOLDSTEIN), 0);
    tsv_field(x, F(x, X_MENTIONS), 0);
    tsv_field(x, F(x, X_SOURCES), 0);
    tsv_field(x, F(x, X_ARTICLES), 0);
    char tone[32];
    snprintf(tone, sizeof tone, "%.4f", x->g.tone_n ? x->g.tone_sum / (double)x->g.tone_n : 0.0);
    tsv_field(x, tone, 0);
    for (int geo = 0; geo < 3; geo++) {     /* Actor1Geo, Actor2Geo, ActionGeo: unknown */
        tsv_field(x, "0", 0);
        for (int k = 0; k < 7; k++)
            tsv_field(x, "", 0);
    }
    char added[16];
    size_t k = 0;
    for (const char *p = x->g.added; *p && k < 14; p++)
        if (isdigit((unsigned char)*p))
            added[k++] = *p;
    added[k] = '\0';
    tsv_field(x, added, 0);
    const char *url = F(x, X_URL);
    tsv_field(x, *url ? url : F(x, X_STORY), 0);
}

static void plover(exporter *x)
{
    actor_parts s, t;
    split_actor(F(x, X_SOURCE), &s);
    split_actor(F(x, X_TARGET), &t);
    char id[64];
    snprintf(id, sizeof id, "accord-%s", F(x, X_GID));
    json_str(x, "id", id, 1);
    json_str(x, "date", F(x, X_DATE), 0);
    json_key(x, "event", 0);
    set(x, ac_buf_append(&x->line, "[", 1));
    set(x, ac_json_escape(&x->line, F(x, X_PLOVER), strlen(F(x, X_PLOVER))));
    set(x, ac_buf_append(&x->line, "]", 1));
    const char *sides[2][3] = {{"actor", F(x, X_SOURCE), F(x, X_SOURCE_TEXT)},
                               {"recipient", F(x, X_TARGET), F(x, X_TARGET_TEXT)}};
    const actor_parts *parts[2] = {&s, &t};
    for (int k = 0; k < 2; k++) {
        json_key(x, sides[k][0], 0);
        set(x, ac_buf_append(&x->line, "[", 1));
        json_str(x, "code", *parts[k]->country ? parts[k]->country : parts[k]->entity, 1);
        json_str(x, "sector", strlen(sides[k][1]) > 3 ? sides[k][1] + 3 : "", 0);
        json_str(x, "entity_text", sides[k][2], 0);
        set(x, ac_buf_append(&x->line, "}]", 2));
    }
    json_raw(x, "quad_code", F(x, X_QUAD));
    json_key(x, "mode", 0);
    set(x, ac_buf_append(&x->line, "[", 1));
    if (strcmp(F(x, X_MOOD), "done") != 0 && *F(x, X_MOOD))
        set(x, ac_json_escape(&x->line, F(x, X_MOOD), strlen(F(x, X_MOOD))));
    set(x, ac_buf_append(&x->line, "]", 1));
    json_str(x, "event_text", F(x, X_VERB), 0);
    json_str(x, "text", F(x, X_TEXT), 0);
    json_str(x, "cameo", F(x, X_CODE), 0);
    json_raw(x, "num_mentions", F(x, X_MENTIONS));
    json_raw(x, "num_sources", F(x, X_SOURCES));
    json_raw(x, "num_articles", F(x, X_ARTICLES));
    json_str(x, "link", F(x, X_URL), 0);
    json_str(x, "coder", "accord " ACCORD_VERSION, 0);
    set(x, ac_buf_append(&x->line, "}", 1));
}

/* csv and jsonl: the same fields. */
static const struct {
    const char *name;
    int col;               /* X_*, or -1..-5 for the folded lists */
    int number;
} PLAIN[] = {
    {"id", X_GID, 1},           {"date", X_DATE, 0},          {"source", X_SOURCE, 0},
    {"target", X_TARGET, 0},    {"code", X_CODE, 0},          {"base_code", X_BASE, 0},
    {"root", X_ROOT, 0},        {"quad", X_QUAD, 1},          {"goldstein", X_GOLDSTEIN, 1},
    {"plover", X_PLOVER, 0},    {"mood", X_MOOD, 0},          {"mentions", X_MENTIONS, 1},
    {"sources", X_SOURCES, 1},  {"articles", X_ARTICLES, 1},  {"source_text", X_SOURCE_TEXT, 0},
    {"target_text", X_TARGET_TEXT, 0}, {"verb_text", X_VERB, 0}, {"stories", -1, 0},
    {"sentence_ids", -2, 0},    {"urls", -3, 0},              {"publishers", -4, 0},
    {"text", X_TEXT, 0},
};

static const char *plain_value(const exporter *x, int col)
{
    switch (col) {
    case -1: return L(&x->g.story_ids);
    case -2: return L(&x->g.sentence_ids);
    case -3: return L(&x->g.urls);
    case -4: return L(&x->g.publishers);
    default: return F(x, col);
    }
}

static void csv(exporter *x)
{
    for (size_t i = 0; i < sizeof PLAIN / sizeof *PLAIN; i++)
        csv_field(x, plain_value(x, PLAIN[i].col), i == 0);
}

static void jsonl(exporter *x)
{
    for (size_t i = 0; i < sizeof PLAIN / sizeof *PLAIN; i++) {
        const char *v = plain_value(x, PLAIN[i].col);
        if (PLAIN[i].number)
            i == 0 ? (json_key(x, PLAIN[i].name, 1), set(x, ac_buf_printf(&x->line, "%s", *v ? v : "0")))
                   : json_raw(x, PLAIN[i].name, v);
        else if (PLAIN[i].col < 0 && PLAIN[i].col != -2)
            json_list(x, PLAIN[i].name, v);
        else
            json_str(x, PLAIN[i].name, v, 0);
    }
    set(x, ac_buf_append(&x->line, "}", 1));
}

static void emit_line(exporter *x)
{
    if (x->stopped || x->oom)
        return;
    set(x, ac_buf_append(&x->line, "\n", 1));
    if (!x->oom && x->fn(x->ctx, x->line.data, x->line.len))
        x->stopped = 1;
    ac_buf_reset(&x->line);
}

static void flush(exporter *x)
{
    if (!x->have)
        return;
    x->have = 0;
    ac_buf_reset(&x->line);
    switch (x->fmt) {
    case AC_EXPORT_PHOENIX: phoenix(x); break;
    case AC_EXPORT_GDELT: gdelt(x); break;
    case AC_EXPORT_PLOVER: plover(x); break;
    case AC_EXPORT_CSV: csv(x); break;
    case AC_EXPORT_JSONL: jsonl(x); break;
    }
    emit_line(x);
    x->groups++;
    if (x->limit && x->groups >= x->limit)
        x->stopped = 1;
}

static int export_row(void *ctx, size_t n, const char *const *v)
{
    exporter *x = ctx;
    if (n < X_NCOLS)
        return 1;
    if (x->have && strcmp(F(x, X_GID), v[X_GID] ? v[X_GID] : "") != 0)
        flush(x);
    if (x->stopped || x->oom)
        return 1;
    group *g = &x->g;
    if (!x->have) {
        group_reset(g);
        x->have = 1;
        for (int i = 0; i < X_NCOLS; i++) {
            g->first[i] = strdup(v[i] ? v[i] : "");
            if (!g->first[i])
                x->oom = 1;
        }
    }
    const char *story = v[X_STORY] ? v[X_STORY] : "";
    /* Phoenix's SentenceID: story-sentence for each sentence of each report. */
    const char *ids = v[X_SENTENCE_IDS] ? v[X_SENTENCE_IDS] : "";
    for (const char *p = ids; *p;) {
        size_t k = strcspn(p, ",");
        if (g->stories.len)
            set(x, ac_buf_append(&g->stories, ";", 1));
        set(x, ac_buf_printf(&g->stories, "%s-%.*s", story, (int)k, p));
        p += k + (p[k] == ',');
    }
    add_unique(x, &g->story_ids, story);
    if (g->sentence_ids.len)
        set(x, ac_buf_append(&g->sentence_ids, ";", 1));
    set(x, ac_buf_printf(&g->sentence_ids, "%s:%s", story, ids));
    add_unique(x, &g->urls, v[X_URL]);
    add_unique(x, &g->publishers, v[X_PUBLISHER]);
    const char *iss = v[X_ISSUES] ? v[X_ISSUES] : "";
    for (const char *p = iss; *p;) {
        size_t k = strcspn(p, ";");
        char one[128];
        snprintf(one, sizeof one, "%.*s", (int)(k < 127 ? k : 127), p);
        add_unique(x, &g->issues, one);
        p += k + (p[k] == ';');
    }
    if (v[X_TONE]) {
        g->tone_sum += strtod(v[X_TONE], NULL);
        g->tone_n++;
    }
    const char *added = v[X_ADDED] ? v[X_ADDED] : "";
    if (!g->added[0] || strcmp(added, g->added) < 0)
        snprintf(g->added, sizeof g->added, "%s", added);
    return x->oom;
}

ac_status ac_store_export(ac_store *s, ac_export_format fmt, const ac_query *q, ac_line_fn fn,
                          void *ctx, ac_error *err)
{
    if (!s || !fn || (int)fmt < AC_EXPORT_PHOENIX || fmt > AC_EXPORT_JSONL)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_export: invalid argument");
    exporter x = {.fmt = fmt, .fn = fn, .ctx = ctx, .limit = q ? q->limit : 0};
    if (fmt == AC_EXPORT_CSV) {
        for (size_t i = 0; i < sizeof PLAIN / sizeof *PLAIN; i++)
            csv_field(&x, PLAIN[i].name, i == 0);
        emit_line(&x);
    }
    st_sql b = {0};
    ac_status st = ac_buf_puts(&b.sql,
        "SELECT g.id, g.date, g.source, g.target, g.code, c.root, c.quad, c.goldstein, "
        "g.num_mentions, g.num_sources, g.num_articles, e.base_code, c.plover, e.mood, "
        "e.source_text, e.target_text, e.verb_text, e.sentence, e.sentence_ids, st.story_id, st.url, "
        "st.source, st.issues, st.tone, st.ingested_at, se.text FROM event_groups g "
        "JOIN event_codes c ON c.code = g.code "
        "JOIN events e ON e.group_id = g.id JOIN stories st ON st.sid = e.story "
        "LEFT JOIN sentences se ON se.id = e.story * 1048576 + e.sentence WHERE 1 = 1");
    if (st == AC_OK)
        st = st_event_where(s, &b, q, err);
    if (st == AC_OK && ac_buf_puts(&b.sql, " ORDER BY g.date, g.source, g.target, g.code, g.id, e.id") != AC_OK)
        b.bad = 1;
    if (st == AC_OK && !x.stopped)
        st = st_sql_run(s, &b, export_row, &x, err);
    if (st == AC_OK)
        flush(&x);
    if (st == AC_OK && x.oom)
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory exporting");
    group_free(&x.g);
    ac_buf_free(&x.line);
    st_sql_free(&b);
    return st;
}
