/*
 * brief.c -- accord brief: an analysis of one country (or actor) or one
 * agreement, written from the store in the shape an analyst writes it
 * (include/accord.h, ac_store_brief):
 *
 *   What happened          the key events and membership actions, by date,
 *                          one line per sentence that reports them
 *   Implications by sector the themes of the sentences that name the
 *                          subject, and the subject's events in them
 *   Strategic context      a country: its relations with its neighbours
 *                          (land borders, the table below) and the major
 *                          powers, and its other partners: events each way,
 *                          quad classes, mean Goldstein score, and the
 *                          sentences naming both; an agreement: its members,
 *                          their status, and the relations among them
 *   Voices                 quotations said by the subject's people or in
 *                          sentences that name it
 *   What is next           planned events, and events in the future or
 *                          conditional mood
 *   References             every cited sentence, quoted
 *
 * Nothing is invented: each line states what rows of the store say, and
 * cites the sentences they come from as [story-id:sentence] (sentences
 * count from 0, as everywhere in accord). A section with no data says so.
 * The SQL is query.c's portable kind, so a brief reads the same on every
 * backend.
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/error.h"
#include "common/map.h"
#include "store/store.h"

/* ---- geography --------------------------------------------------------------- */

/* Land borders, by CAMEO (ISO 3166 alpha-3) country code: each line names a
 * country and some of its neighbours; the relation is made symmetric when
 * read, so each border is written at least once. Sea borders are not
 * counted. */
static const char *const BORDERS[] = {
    /* Asia */
    "AFG CHN IRN PAK TJK TKM UZB", "ARM AZE GEO IRN TUR", "AZE GEO IRN RUS TUR",
    "BGD IND MMR", "BTN CHN IND", "BRN MYS", "KHM LAO THA VNM",
    "CHN HKG IND KAZ KGZ LAO MAC MMR MNG NPL PAK PRK RUS TJK VNM", "GEO RUS TUR",
    "IND MMR NPL PAK", "IDN MYS PNG TMP", "IRN IRQ PAK TKM TUR", "IRQ JOR KWT SAU SYR TUR",
    "ISR EGY JOR LBN PSE SYR", "JOR PSE SAU SYR", "KAZ KGZ RUS TKM UZB", "PRK KOR RUS",
    "KWT SAU", "KGZ TJK UZB", "LAO MMR THA VNM", "LBN SYR", "MYS THA", "MNG RUS",
    "MMR THA", "OMN ARE SAU YEM", "QAT SAU", "SAU ARE YEM", "SYR TUR", "TJK UZB", "TKM UZB",
    /* Europe */
    "ALB GRC KSV MKD MNE", "AND ESP FRA", "AUT CHE CZE DEU HUN ITA LIE SVK SVN",
    "BLR LTU LVA POL RUS UKR", "BEL DEU FRA LUX NLD", "BIH HRV MNE SRB", "BGR GRC MKD ROU SRB TUR",
    "HRV HUN MNE SRB SVN", "CZE DEU POL SVK", "DNK DEU", "EST LVA RUS", "FIN NOR RUS SWE",
    "FRA BEL CHE DEU ESP ITA LUX MCO", "DEU CHE LUX NLD POL", "GRC TUR", "HUN ROU SRB SVK SVN UKR",
    "IRL GBR", "ITA CHE SMR SVN VAT", "KSV MKD MNE SRB", "LVA LTU", "LIE CHE", "LTU POL RUS",
    "MDA ROU UKR", "MKD SRB", "MNE SRB", "NOR RUS SWE", "POL RUS SVK UKR", "PRT ESP",
    "ROU SRB UKR", "RUS UKR", "SVK UKR", "ESP MAR",
    /* Africa */
    "DZA ESH LBY MAR MLI MRT NER TUN", "AGO COD COG NAM ZMB", "BEN BFA NER NGA TGO",
    "BWA NAM ZAF ZMB ZWE", "BFA CIV GHA MLI NER TGO", "BDI COD RWA TZA",
    "CMR CAF COG GAB GNQ NGA TCD", "CAF COD COG SDN SSD TCD", "TCD LBY NER NGA SDN",
    "COD COG RWA SSD TZA UGA ZMB", "COG GAB", "CIV GHA GIN LBR MLI", "DJI ERI ETH SOM",
    "EGY LBY PSE SDN", "GNQ GAB", "ERI ETH SDN", "SWZ MOZ ZAF", "ETH KEN SOM SSD SDN",
    "GMB SEN", "GHA TGO", "GIN GNB LBR MLI SEN SLE", "GNB SEN", "KEN SOM SSD TZA UGA",
    "LSO ZAF", "LBR SLE", "LBY NER SDN TUN", "MWI MOZ TZA ZMB", "MLI MRT NER SEN",
    "MRT ESH SEN", "MAR ESH", "MOZ TZA ZAF ZMB ZWE", "NAM ZAF ZMB", "NER NGA", "RWA TZA UGA",
    "SSD SDN UGA", "TZA UGA ZMB", "ZMB ZWE", "ZAF ZWE",
    /* Americas, Oceania */
    "CAN USA", "USA MEX", "MEX BLZ GTM", "GTM BLZ HND SLV", "HND NIC SLV", "NIC CRI", "CRI PAN",
    "PAN COL", "COL BRA ECU PER VEN", "VEN BRA GUY", "GUY BRA SUR", "SUR BRA",
    "BRA ARG BOL PER PRY URY", "ECU PER", "PER BOL CHL", "BOL ARG CHL PRY", "PRY ARG",
    "ARG CHL URY", "HTI DOM",
};

/* The permanent members of the UN Security Council, Germany, Japan, India,
 * and their names (when the data names them, its name is used). */
static const char *const MAJOR[] = {"USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND"};
static const char *const MAJOR_NAME[] = {"United States", "China",   "Russia", "United Kingdom",
                                         "France",        "Germany", "Japan",  "India"};

/* Region codes of dict/actors/countries.txt: not countries. */
static const char *const REGIONS[] = {"AFR", "ASA", "BLK", "CAS", "CAU", "CRB", "EAF", "EUR", "LAM",
                                      "MEA", "NAF", "NMR", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF"};

static int in_list(const char *const *list, size_t n, const char *c)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], c))
            return 1;
    return 0;
}

#define NELEM(a) (sizeof a / sizeof a[0])

static int is_major(const char *c)
{
    return in_list(MAJOR, NELEM(MAJOR), c);
}

static int is_region(const char *c)
{
    return in_list(REGIONS, NELEM(REGIONS), c);
}

/* Whether line names c (as any of its codes). */
static int line_has(const char *line, const char *c)
{
    for (const char *p = line; *p; p += *p == ' ')
        if (!strncmp(p, c, 3) && (p[3] == ' ' || p[3] == '\0'))
            return 1;
        else
            while (*p && *p != ' ')
                p++;
    return 0;
}

static void add_code(char (*out)[4], size_t *n, size_t cap, const char *code)
{
    for (size_t k = 0; k < *n; k++)
        if (!strncmp(out[k], code, 3))
            return;
    if (*n < cap) {
        memcpy(out[*n], code, 3);
        out[(*n)++][3] = '\0';
    }
}

/* The land neighbours of c, sorted; returns how many (at most cap). */
static size_t neighbours_of(const char *c, char (*out)[4], size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < NELEM(BORDERS); i++) {
        const char *l = BORDERS[i];
        if (!strncmp(l, c, 3)) {
            /* c's own line: every code after the first */
            for (const char *p = l + 3; *p == ' '; p += 4)
                add_code(out, &n, cap, p + 1);
        } else if (line_has(l, c)) {
            add_code(out, &n, cap, l);   /* another country's line names c */
        }
    }
    qsort(out, n, sizeof *out, (int (*)(const void *, const void *))strcmp);
    return n;
}

static int has_borders(const char *c)
{
    for (size_t i = 0; i < NELEM(BORDERS); i++)
        if (line_has(BORDERS[i], c))
            return 1;
    return 0;
}

/* ---- the brief, as data ------------------------------------------------------ */

typedef enum line_kind {
    L_SUB,                 /* a sub-heading */
    L_ITEM,                /* a list item: lead (bold) and text */
    L_PARA,                /* a paragraph */
    L_NOTE                 /* a remark on the brief itself (italic) */
} line_kind;

typedef struct line {
    line_kind kind;
    const char *lead, *text;
    const size_t *cites;   /* indexes into refs */
    size_t ncites;
} line;

enum { S_HAPPENED, S_SECTORS, S_CONTEXT, S_VOICES, S_NEXT, S_COUNT };

static const char *const SECTION_TITLE[S_COUNT] = {
    "What happened", "Implications by sector", "Strategic context", "Voices", "What is next",
};

/* What comes between the lead of an item and its text, per section. */
static const char *const LEAD_SEP[S_COUNT] = {" ", " \xE2\x80\x94 ", " \xE2\x80\x94 ", "", " \xE2\x80\x94 "};

typedef struct section {
    line *lines;
    size_t n, cap;
} section;

/* A cited sentence. */
typedef struct ref {
    int64_t id;            /* sentences.id */
    const char *story, *date, *text;
} ref;

/* An event group involving the subject, as its first report gives it. */
typedef struct ev {
    const char *date, *source, *target, *code, *mood, *source_text, *target_text;
    int quad;
    double goldstein;
    int64_t mentions, articles, sid, sentence;
} ev;

/* A membership action. */
typedef struct act {
    const char *date, *agreement, *actor, *actor_name, *action, *mood, *text;
    int64_t sid, sentence;
} act;

typedef struct quote {
    const char *date, *speaker, *name, *code, *kind, *verb, *text;
    int64_t sid, sentence;
} quote;

typedef struct plan {
    const char *date, *what, *code, *when, *agreement, *actors;
    int64_t sid, sentence;
} plan;

typedef struct named {
    const char *code, *name;
} named;

/* A country the subject deals with. */
typedef struct partner {
    char code[4];
    int64_t out, in, quads[5];
    double goldstein;
    size_t *ev;            /* indexes into b->ev */
    size_t nev, cap;
    int64_t *shared;       /* sentences naming both */
    size_t nshared, capshared;
} partner;

#define MAX_CITES_PER_LINE 6

typedef struct brief {
    ac_store *s;
    const ac_dict *d;
    ac_brief_options o;
    ac_error *err;
    ac_arena a;
    int oom;

    int agreement;         /* the subject is an agreement */
    char subject[128];     /* the code asked for (upper case) */
    char country[4];       /* its country (an actor) */
    const char *name;      /* its name */
    const char *in_text;   /* its name inside a sentence ("the Abraham Accords") */

    ac_map mention;        /* sentences.id naming the subject -> 1 */
    int mention_ready;
    size_t mentions;
    int64_t *stories;      /* sids of the stories naming it, ascending */
    size_t nstories, capstories;

    ev *ev;
    size_t nev, capev;
    act *acts;
    size_t nacts, capacts;
    quote *quotes;
    size_t nquotes, capquotes;
    plan *plans;
    size_t nplans, capplans;
    named *countries;      /* country code -> name (actors of kind country) */
    size_t ncountries, capcountries;
    named *agreements;     /* agreement code -> name */
    size_t nagreements, capagreements;
    partner *partners;
    size_t npartners, cappartners;

    char first[11], last[11];   /* dates of the data used */

    section sec[S_COUNT];
    ref *refs;
    size_t nrefs, caprefs;
    ac_map ref_index;      /* sentences.id -> index in refs */
    int ref_ready;
} brief;

/* Grows *p (of *cap elements of size) to hold n + 1; sets b->oom on failure. */
static int grow(brief *b, void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 1;
    size_t nc = *cap ? *cap * 2 : 16;
    void *q = realloc(*p, nc * size);
    if (!q) {
        b->oom = 1;
        return 0;
    }
    *p = q;
    *cap = nc;
    return 1;
}

#define GROW(b, arr, n, cap) grow((b), (void **)&(arr), &(cap), (n), sizeof *(arr))

static const char *keep(brief *b, const char *s)
{
    char *c = ac_arena_strdup(&b->a, s ? s : "");
    if (!c)
        b->oom = 1;
    return c ? c : "";
}

static const char *keep_buf(brief *b, const ac_buf *x)
{
    char *c = ac_arena_strndup(&b->a, x->data ? x->data : "", x->len);
    if (!c)
        b->oom = 1;
    return c ? c : "";
}

static int64_t num(const char *v)
{
    return v ? strtoll(v, NULL, 10) : 0;
}

static void see_date(brief *b, const char *date)
{
    if (!date || strlen(date) != 10)
        return;
    if (!*b->first || strcmp(date, b->first) < 0)
        memcpy(b->first, date, 11);
    if (!*b->last || strcmp(date, b->last) > 0)
        memcpy(b->last, date, 11);
}

static int64_t sentence_key(int64_t sid, int64_t idx)
{
    return sid * ST_SENT_STRIDE + idx;
}

static int mentions_subject(const brief *b, int64_t sid, int64_t idx)
{
    return b->mention_ready && ac_map_get(&b->mention, (uint64_t)sentence_key(sid, idx)) != AC_MAP_NONE;
}

/* The index of sentence (sid, idx) in refs, added when new. */
static size_t cite(brief *b, int64_t sid, int64_t idx)
{
    int64_t id = sentence_key(sid, idx);
    uint32_t k = b->ref_ready ? ac_map_get(&b->ref_index, (uint64_t)id) : AC_MAP_NONE;
    if (k != AC_MAP_NONE)
        return k;
    if (!GROW(b, b->refs, b->nrefs, b->caprefs))
        return 0;
    b->refs[b->nrefs] = (ref){.id = id, .story = "", .date = "", .text = ""};
    if (b->ref_ready && ac_map_put(&b->ref_index, (uint64_t)id, (uint32_t)b->nrefs) != 0)
        b->oom = 1;
    return b->nrefs++;
}

/* Adds a line to section sec; cites are (sid, idx) pairs. */
static void add_line(brief *b, int sec, line_kind kind, const char *lead, const char *text,
                     const int64_t (*cites)[2], size_t ncites)
{
    section *s = &b->sec[sec];
    if (!GROW(b, s->lines, s->n, s->cap))
        return;
    size_t *c = NULL;
    if (ncites) {
        c = ac_arena_alloc(&b->a, ncites * sizeof *c);
        if (!c) {
            b->oom = 1;
            return;
        }
        for (size_t i = 0; i < ncites; i++)
            c[i] = cite(b, cites[i][0], cites[i][1]);
    }
    s->lines[s->n++] = (line){.kind = kind, .lead = lead ? keep(b, lead) : NULL,
                              .text = keep(b, text), .cites = c, .ncites = ncites};
}

/* ---- SQL --------------------------------------------------------------------- */

static void sql(st_sql *q, const char *s)
{
    if (ac_buf_puts(&q->sql, s) != AC_OK)
        q->bad = 1;
}

static void param_text(st_sql *q, const char *v)
{
    if (q->np == ST_SQL_PARAMS) {
        q->bad = 1;
        return;
    }
    q->p[q->np++] = (st_param){.t = SP_TEXT, .s = v};
}

static void param_int(st_sql *q, int64_t v)
{
    if (q->np == ST_SQL_PARAMS) {
        q->bad = 1;
        return;
    }
    q->p[q->np++] = (st_param){.t = SP_INT, .i = v};
}

/* " AND col >= ? AND col < ?": the codes that begin with prefix. */
static void prefix(st_sql *q, const char *col, const char *pre)
{
    size_t n = strlen(pre);
    if (n == 0 || n >= sizeof q->bounds[0] || q->nbounds == ST_SQL_PARAMS) {
        q->bad = 1;
        return;
    }
    char *hi = q->bounds[q->nbounds++];
    memcpy(hi, pre, n + 1);
    hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
    if (ac_buf_printf(&q->sql, " AND %s >= ? AND %s < ?", col, col) != AC_OK)
        q->bad = 1;
    param_text(q, pre);
    param_text(q, hi);
}

/* " AND col >= ? AND col <= ?" for the period, on day numbers. */
static ac_status period(brief *b, st_sql *q, const char *col)
{
    int ok;
    if (b->o.since && *b->o.since) {
        int64_t d = st_day_of(b->o.since, &ok);
        if (!ok)
            return ac_error_set(b->err, AC_EINVAL, NULL, 0, UINT64_MAX,
                                "--since '%s' is not a date (YYYY-MM-DD)", b->o.since);
        if (ac_buf_printf(&q->sql, " AND %s >= ?", col) != AC_OK)
            q->bad = 1;
        param_int(q, d);
    }
    if (b->o.until && *b->o.until) {
        int64_t d = st_day_of(b->o.until, &ok);
        if (!ok)
            return ac_error_set(b->err, AC_EINVAL, NULL, 0, UINT64_MAX,
                                "--until '%s' is not a date (YYYY-MM-DD)", b->o.until);
        if (ac_buf_printf(&q->sql, " AND %s <= ?", col) != AC_OK)
            q->bad = 1;
        param_int(q, d);
    }
    return AC_OK;
}

/* " AND col IN (the stories naming the subject)". */
static ac_status in_subject_stories(brief *b, st_sql *q, const char *col)
{
    if (ac_buf_printf(&q->sql, " AND %s IN (", col) != AC_OK)
        q->bad = 1;
    if (b->agreement) {
        sql(q, "SELECT sg.story FROM story_agreements sg WHERE sg.agreement = ?");
        param_text(q, b->subject);
    } else {
        sql(q, "SELECT sa.story FROM story_actors sa JOIN actors ac ON ac.id = sa.actor WHERE 1 = 1");
        prefix(q, "ac.code", b->subject);
    }
    sql(q, ")");
    return AC_OK;
}

static ac_status run(brief *b, st_sql *q, st_row_fn fn)
{
    ac_status st = st_sql_run(b->s, q, fn, b, b->err);
    st_sql_free(q);
    if (st == AC_OK && b->oom)
        st = ac_error_set(b->err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    return st;
}

/* The sentence indexes of a JSON list of spans [[start, end, sentence, ...], ...]. */
static size_t span_sentences(const char *json, int64_t *out, size_t cap)
{
    size_t n = 0;
    int depth = 0, field = 0;
    for (const char *p = json ? json : ""; *p; p++) {
        if (*p == '[') {
            depth++;
            field = 0;
        } else if (*p == ']') {
            depth--;
        } else if (*p == ',') {
            field++;
        } else if (depth == 2 && field == 2 && (isdigit((unsigned char)*p) || *p == '-')) {
            char *end;
            long long v = strtoll(p, &end, 10);
            if (n < cap && v >= 0)
                out[n++] = v;
            p = end - 1;
            field++;   /* only the third number of each span */
        }
    }
    return n;
}

/* ---- gathering ----------------------------------------------------------------- */

static int country_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    if (!v[0] || strlen(v[0]) != 3 || !GROW(b, b->countries, b->ncountries, b->capcountries))
        return b->oom;
    b->countries[b->ncountries++] = (named){keep(b, v[0]), keep(b, v[1])};
    return b->oom;
}

static int agreement_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    if (!GROW(b, b->agreements, b->nagreements, b->capagreements))
        return 1;
    b->agreements[b->nagreements++] = (named){keep(b, v[0]), keep(b, v[1])};
    return b->oom;
}

static const char *name_in(const named *list, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i].code, code))
            return list[i].name;
    return NULL;
}

static const char *country_name(const brief *b, const char *code)
{
    const char *n = name_in(b->countries, b->ncountries, code);
    if (n && *n)
        return n;
    for (size_t i = 0; i < NELEM(MAJOR); i++)
        if (!strcmp(MAJOR[i], code))
            return MAJOR_NAME[i];
    return code;
}

static const char *agreement_name(const brief *b, const char *code)
{
    const char *n = name_in(b->agreements, b->nagreements, code);
    return n && *n ? n : code;
}

/* A country code: a country of the data or of the border table, not a
 * region. */
static int is_country(const brief *b, const char *c)
{
    if (strlen(c) != 3 || is_region(c))
        return 0;
    return name_in(b->countries, b->ncountries, c) || has_borders(c) || is_major(c);
}

/* Row: story, spans (the subject's mentions). */
static int mention_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    int64_t sid = num(v[0]);
    int64_t idx[4096];
    size_t k = span_sentences(v[1], idx, NELEM(idx));
    for (size_t i = 0; i < k; i++) {
        uint64_t key = (uint64_t)sentence_key(sid, idx[i]);
        if (ac_map_get(&b->mention, key) == AC_MAP_NONE) {
            if (ac_map_put(&b->mention, key, 1) != 0)
                b->oom = 1;
            b->mentions++;
        }
    }
    if (!b->nstories || b->stories[b->nstories - 1] != sid) {
        if (GROW(b, b->stories, b->nstories, b->capstories))
            b->stories[b->nstories++] = sid;
    }
    return b->oom;
}

static int ev_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    if (!GROW(b, b->ev, b->nev, b->capev))
        return 1;
    ev *e = &b->ev[b->nev++];
    e->date = keep(b, v[0]);
    e->source = keep(b, v[1]);
    e->target = keep(b, v[2]);
    e->code = keep(b, v[3]);
    e->quad = (int)num(v[4]);
    e->goldstein = v[5] ? strtod(v[5], NULL) : 0;
    e->mood = keep(b, v[6]);
    e->mentions = num(v[7]);
    e->articles = num(v[8]);
    e->sid = num(v[9]);
    e->sentence = num(v[10]);
    e->source_text = keep(b, v[11]);
    e->target_text = keep(b, v[12]);
    return b->oom;
}

static int act_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    if (!GROW(b, b->acts, b->nacts, b->capacts))
        return 1;
    b->acts[b->nacts++] = (act){keep(b, v[0]), keep(b, v[1]), keep(b, v[2]), keep(b, v[3]),
                                keep(b, v[4]), keep(b, v[5]), keep(b, v[6]), num(v[7]), num(v[8])};
    return b->oom;
}

static int quote_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    if (!GROW(b, b->quotes, b->nquotes, b->capquotes))
        return 1;
    b->quotes[b->nquotes++] = (quote){keep(b, v[0]), keep(b, v[1]), keep(b, v[2]), keep(b, v[3]),
                                      keep(b, v[4]), keep(b, v[5]), keep(b, v[6]), num(v[7]),
                                      num(v[8])};
    return b->oom;
}

static int plan_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    if (!GROW(b, b->plans, b->nplans, b->capplans))
        return 1;
    b->plans[b->nplans++] = (plan){keep(b, v[0]), keep(b, v[1]), keep(b, v[2]), keep(b, v[3]),
                                   keep(b, v[4]), keep(b, v[5]), num(v[6]), num(v[7])};
    return b->oom;
}

/* Whether the subject names an agreement of the store (its code, or its
 * name in any case); sets subject to its code and name. */
static int resolve_agreement(brief *b, const char *want)
{
    char norm[128];
    size_t k = 0;
    for (const char *p = want; *p && k + 1 < sizeof norm; p++)
        norm[k++] = (char)(*p == ' ' || *p == '-' ? '_' : toupper((unsigned char)*p));
    norm[k] = '\0';
    for (size_t i = 0; i < b->nagreements; i++) {
        const named *g = &b->agreements[i];
        int same = !strcmp(g->code, norm);
        if (!same && strlen(g->name) == strlen(want)) {
            same = 1;
            for (size_t j = 0; want[j] && same; j++)
                same = tolower((unsigned char)want[j]) == tolower((unsigned char)g->name[j]);
        }
        if (same) {
            snprintf(b->subject, sizeof b->subject, "%s", g->code);
            b->name = g->name;
            return 1;
        }
    }
    return 0;
}

static ac_status gather(brief *b)
{
    st_sql q = {0};
    ac_status st;

    /* The sentences naming the subject, and their stories. */
    if (b->agreement) {
        sql(&q, "SELECT sg.story, sg.spans FROM story_agreements sg JOIN stories st ON st.sid = sg.story "
                "WHERE sg.agreement = ?");
        param_text(&q, b->subject);
    } else {
        sql(&q, "SELECT sa.story, sa.spans FROM story_actors sa JOIN actors ac ON ac.id = sa.actor "
                "JOIN stories st ON st.sid = sa.story WHERE 1 = 1");
        prefix(&q, "ac.code", b->subject);
    }
    if ((st = period(b, &q, "st.day")) != AC_OK) {
        st_sql_free(&q);
        return st;
    }
    sql(&q, b->agreement ? " ORDER BY sg.story" : " ORDER BY sa.story");
    if ((st = run(b, &q, mention_row)) != AC_OK)
        return st;

    /* Its events (the first report of each event group). */
    memset(&q, 0, sizeof q);
    sql(&q, "SELECT g.date, g.source, g.target, g.code, c.quad, c.goldstein, e.mood, g.num_mentions, "
            "g.num_articles, e.story, e.sentence, e.source_text, e.target_text FROM event_groups g "
            "JOIN events e ON e.id = g.first_event LEFT JOIN event_codes c ON c.code = g.code "
            "WHERE 1 = 1");
    ac_query eq = {.actor = b->subject, .since = b->o.since, .until = b->o.until};
    st = st_event_where(b->s, &q, &eq, b->err);
    if (st != AC_OK) {
        st_sql_free(&q);
        return st;
    }
    sql(&q, " ORDER BY g.date, g.id");
    if ((st = run(b, &q, ev_row)) != AC_OK)
        return st;

    /* Membership actions: the subject's, or the agreement's. */
    memset(&q, 0, sizeof q);
    sql(&q, "SELECT m.date, m.agreement, m.actor, m.actor_name, m.action, m.mood, m.text, m.story, "
            "m.sentence FROM memberships m WHERE 1 = 1");
    if (b->agreement) {
        sql(&q, " AND m.agreement = ?");
        param_text(&q, b->subject);
    } else {
        prefix(&q, "m.actor", b->subject);
    }
    if ((st = period(b, &q, "m.day")) != AC_OK) {
        st_sql_free(&q);
        return st;
    }
    sql(&q, " ORDER BY m.day, m.story, m.idx");
    if ((st = run(b, &q, act_row)) != AC_OK)
        return st;

    /* Quotations and planned events of the stories naming the subject
     * (filtered further in C). */
    memset(&q, 0, sizeof q);
    sql(&q, "SELECT q.date, q.speaker, q.speaker_name, q.speaker_code, q.kind, q.verb, q.text, q.story, "
            "q.sentence FROM quotes q WHERE 1 = 1");
    in_subject_stories(b, &q, "q.story");
    if ((st = period(b, &q, "q.day")) != AC_OK) {
        st_sql_free(&q);
        return st;
    }
    sql(&q, " ORDER BY q.day, q.story, q.idx");
    if ((st = run(b, &q, quote_row)) != AC_OK)
        return st;

    memset(&q, 0, sizeof q);
    sql(&q, "SELECT p.date, p.what, p.code, p.when_text, p.agreement, p.actors, p.story, p.sentence "
            "FROM planned p WHERE 1 = 1");
    in_subject_stories(b, &q, "p.story");
    if ((st = period(b, &q, "p.day")) != AC_OK) {
        st_sql_free(&q);
        return st;
    }
    sql(&q, " ORDER BY p.day, p.story, p.idx");
    return run(b, &q, plan_row);
}

/* ---- writing text -------------------------------------------------------------- */

static const char *cameo_name(const brief *b, const char *code)
{
    const ac_cameo_info *c = b->d ? ac_cameo_lookup(b->d, code) : NULL;
    return c && c->name && *c->name ? c->name : "event";
}

/* "intent to join the Abraham Accords", "joined the ...", "sign the ... (future)". */
static void action_words(brief *b, ac_buf *o, const act *m)
{
    const char *agr = agreement_name(b, m->agreement);
    const char *a = m->action;
    int done = !strcmp(m->mood, "done");
    int st = AC_OK;
    if (!strcmp(a, "intent"))
        st = ac_buf_printf(o, "intent to join the %s", agr);
    else if (!strcmp(a, "negotiating"))
        st = ac_buf_printf(o, "negotiating to join the %s", agr);
    else if (done) {
        const char *verb = !strcmp(a, "withdrew") ? "withdrew from" : !strcmp(a, "suspended") ? "suspended its part in" : a;
        st = ac_buf_printf(o, "%s the %s", verb, agr);
    } else {
        static const char *const inf[][2] = {{"signed", "sign"},     {"ratified", "ratify"},
                                             {"joined", "join"},     {"suspended", "suspend its part in"},
                                             {"withdrew", "withdraw from"}};
        const char *verb = a;
        for (size_t i = 0; i < NELEM(inf); i++)
            if (!strcmp(a, inf[i][0]))
                verb = inf[i][1];
        st = ac_buf_printf(o, "%s the %s (%s)", verb, agr, m->mood);
    }
    if (st != AC_OK)
        b->oom = 1;
}

/* "A -> B: talk by phone (041)", or "A, B and C: talk by phone (041)" for
 * the events of one sentence with one code (evs: indexes into b->ev). */
static void event_words(brief *b, ac_buf *o, const size_t *evs, size_t n)
{
    const ev *e0 = &b->ev[evs[0]];
    int st = AC_OK;
    if (n == 1) {
        st = ac_buf_printf(o, "%s \xE2\x86\x92 %s", *e0->source_text ? e0->source_text : e0->source,
                           *e0->target_text ? e0->target_text : e0->target);
    } else {
        /* The participants, in order of appearance. */
        const char *who[16];
        size_t nw = 0;
        for (size_t i = 0; i < n; i++) {
            const ev *e = &b->ev[evs[i]];
            const char *side[2] = {*e->source_text ? e->source_text : e->source,
                                   *e->target_text ? e->target_text : e->target};
            for (int k = 0; k < 2; k++) {
                int dup = 0;
                for (size_t j = 0; j < nw && !dup; j++)
                    dup = !strcmp(who[j], side[k]);
                if (!dup && nw < NELEM(who))
                    who[nw++] = side[k];
            }
        }
        for (size_t j = 0; j < nw && st == AC_OK; j++)
            st = ac_buf_printf(o, "%s%s", j == 0 ? "" : j + 1 == nw ? " and " : ", ", who[j]);
    }
    if (st == AC_OK)
        st = ac_buf_printf(o, ": %s (%s%s%s)", cameo_name(b, e0->code), e0->code,
                           strcmp(e0->mood, "done") ? ", " : "", strcmp(e0->mood, "done") ? e0->mood : "");
    if (st != AC_OK)
        b->oom = 1;
}

/* The events of evs (indexes into b->ev) as phrases joined by "; ", those
 * of one sentence and one code together. */
static void events_phrase(brief *b, ac_buf *o, const size_t *evs, size_t n)
{
    char done[64] = {0};
    for (size_t i = 0; i < n && i < sizeof done; i++) {
        if (done[i])
            continue;
        size_t same[64] = {0}, ns = 0;
        for (size_t j = i; j < n && j < sizeof done; j++)
            if (!done[j] && !strcmp(b->ev[evs[j]].code, b->ev[evs[i]].code) &&
                !strcmp(b->ev[evs[j]].mood, b->ev[evs[i]].mood) && b->ev[evs[j]].sid == b->ev[evs[i]].sid &&
                b->ev[evs[j]].sentence == b->ev[evs[i]].sentence) {
                same[ns++] = evs[j];
                done[j] = 1;
            }
        if (o->len && ac_buf_puts(o, "; ") != AC_OK)
            b->oom = 1;
        event_words(b, o, same, ns);
    }
}

static int future_mood(const char *mood)
{
    return !strcmp(mood, "future") || !strcmp(mood, "conditional");
}

/* ---- What happened --------------------------------------------------------------- */

/* A sentence that reports events or membership actions of the subject. */
typedef struct happening {
    int64_t sid, sentence;
    const char *date;
    size_t evs[32], nevs;
    size_t acts[8], nacts;
    double weight;
    size_t order;
} happening;

static int by_weight(const void *x, const void *y)
{
    const happening *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int by_order(const void *x, const void *y)
{
    const happening *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    return a->order < b->order ? -1 : a->order > b->order;
}

static happening *find_happening(happening *h, size_t n, int64_t sid, int64_t sentence)
{
    for (size_t i = n; i-- > 0;)
        if (h[i].sid == sid && h[i].sentence == sentence)
            return &h[i];
    return NULL;
}

static void write_happened(brief *b)
{
    happening *h = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < b->nev; i++) {
        const ev *e = &b->ev[i];
        if (future_mood(e->mood))
            continue;
        happening *x = find_happening(h, n, e->sid, e->sentence);
        if (!x) {
            if (!GROW(b, h, n, cap))
                break;
            x = &h[n];
            memset(x, 0, sizeof *x);
            x->sid = e->sid;
            x->sentence = e->sentence;
            x->date = e->date;
            x->order = n++;
        }
        if (x->nevs < NELEM(x->evs))
            x->evs[x->nevs++] = i;
        x->weight += (double)(e->articles + e->mentions) + fabs(e->goldstein) / 10.0;
    }
    for (size_t i = 0; i < b->nacts; i++) {
        const act *m = &b->acts[i];
        happening *x = find_happening(h, n, m->sid, m->sentence);
        if (!x) {
            if (!GROW(b, h, n, cap))
                break;
            x = &h[n];
            memset(x, 0, sizeof *x);
            x->sid = m->sid;
            x->sentence = m->sentence;
            x->date = m->date;
            x->order = n++;
        }
        if (x->nacts < NELEM(x->acts))
            x->acts[x->nacts++] = i;
        x->weight += 5;
    }
    size_t shown = n;
    size_t max = b->o.max_events ? b->o.max_events : 12;
    if (n > max) {
        qsort(h, n, sizeof *h, by_weight);
        shown = max;
    }
    qsort(h, shown, sizeof *h, by_order);
    ac_buf t = {0};
    for (size_t i = 0; i < shown && !b->oom; i++) {
        const happening *x = &h[i];
        ac_buf_reset(&t);
        for (size_t k = 0; k < x->nacts; k++) {
            const act *m = &b->acts[x->acts[k]];
            if (ac_buf_printf(&t, "%s%s (%s): ", t.len ? "; " : "",
                              *m->actor_name ? m->actor_name : *m->actor ? m->actor : "an actor",
                              *m->actor ? m->actor : "?") != AC_OK)
                b->oom = 1;
            action_words(b, &t, m);
        }
        if (x->nevs) {
            ac_buf ev_text = {0};
            events_phrase(b, &ev_text, x->evs, x->nevs);
            if (ac_buf_printf(&t, "%s%s", t.len ? "; " : "", ev_text.len ? ev_text.data : "") != AC_OK)
                b->oom = 1;
            ac_buf_free(&ev_text);
        }
        if (ac_buf_puts(&t, ".") != AC_OK)
            b->oom = 1;
        int64_t c[1][2] = {{x->sid, x->sentence}};
        add_line(b, S_HAPPENED, L_ITEM, *x->date ? x->date : "(no date)", keep_buf(b, &t), c, 1);
    }
    if (n == 0) {
        add_line(b, S_HAPPENED, L_PARA, NULL, "No events or membership actions in the data.", NULL, 0);
    } else if (shown < n) {
        ac_buf_reset(&t);
        if (ac_buf_printf(&t, "The %zu sentences most reported, of %zu that report events or "
                              "membership actions; `accord events --actor %s` lists every event.",
                          shown, n, b->subject) != AC_OK)
            b->oom = 1;
        add_line(b, S_HAPPENED, L_NOTE, NULL, keep_buf(b, &t), NULL, 0);
    }
    ac_buf_free(&t);
    free(h);
}

/* ---- Implications by sector ---------------------------------------------------------- */

typedef struct theme_acc {
    const char *theme;
    int64_t (*sent)[2];    /* (sid, sentence) naming the subject */
    size_t n, cap;
    size_t stories;
    int64_t last_story;
} theme_acc;

typedef struct themes_ctx {
    brief *b;
    theme_acc *t;
    size_t n, cap;
} themes_ctx;

/* Row: story, theme, spans. */
static int theme_row(void *ctx, size_t n, const char *const *v)
{
    themes_ctx *x = ctx;
    brief *b = x->b;
    (void)n;
    int64_t sid = num(v[0]);
    int64_t idx[4096];
    size_t k = span_sentences(v[2], idx, NELEM(idx));
    theme_acc *t = NULL;
    for (size_t i = 0; i < x->n && !t; i++)
        if (!strcmp(x->t[i].theme, v[1] ? v[1] : ""))
            t = &x->t[i];
    for (size_t i = 0; i < k; i++) {
        if (!mentions_subject(b, sid, idx[i]))
            continue;
        if (!t) {
            if (!GROW(b, x->t, x->n, x->cap))
                return 1;
            t = &x->t[x->n++];
            memset(t, 0, sizeof *t);
            t->theme = keep(b, v[1]);
            t->last_story = -1;
        }
        int dup = 0;
        for (size_t j = 0; j < t->n && !dup; j++)
            dup = t->sent[j][0] == sid && t->sent[j][1] == idx[i];
        if (dup)
            continue;
        if (!GROW(b, t->sent, t->n, t->cap))
            return 1;
        t->sent[t->n][0] = sid;
        t->sent[t->n][1] = idx[i];
        t->n++;
        if (t->last_story != sid) {
            t->stories++;
            t->last_story = sid;
        }
    }
    return b->oom;
}

static int by_theme_weight(const void *x, const void *y)
{
    const theme_acc *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->theme, b->theme);
}

/* "HUMAN_RIGHTS" -> "Human rights". */
static void theme_title(const char *t, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = t; *p && k + 1 < cap; p++, k++)
        out[k] = *p == '_' ? ' ' : (char)(k == 0 ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
    out[k] = '\0';
}

static ac_status write_sectors(brief *b)
{
    themes_ctx x = {.b = b};
    st_sql q = {0};
    sql(&q, "SELECT t.story, t.theme, t.spans FROM story_themes t JOIN stories st ON st.sid = t.story "
            "WHERE 1 = 1");
    in_subject_stories(b, &q, "t.story");
    ac_status st = period(b, &q, "st.day");
    if (st != AC_OK) {
        st_sql_free(&q);
        return st;
    }
    sql(&q, " ORDER BY t.story, t.theme");
    st = st_sql_run(b->s, &q, theme_row, &x, b->err);
    st_sql_free(&q);
    if (st == AC_OK && b->oom)
        st = ac_error_set(b->err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    if (st == AC_OK) {
        if (x.n)
            qsort(x.t, x.n, sizeof *x.t, by_theme_weight);
        size_t shown = x.n < 12 ? x.n : 12;
        ac_buf t = {0};
        for (size_t i = 0; i < shown && !b->oom; i++) {
            const theme_acc *a = &x.t[i];
            char title[96];
            theme_title(a->theme, title, sizeof title);
            ac_buf_reset(&t);
            if (ac_buf_printf(&t, "%zu sentence%s naming %s, in %zu stor%s", a->n, a->n == 1 ? "" : "s",
                              b->in_text, a->stories, a->stories == 1 ? "y" : "ies") != AC_OK)
                b->oom = 1;
            /* The subject's events in those sentences. */
            size_t evs[64], ne = 0;
            int64_t cites[MAX_CITES_PER_LINE + 1][2];
            size_t nc = 0;
            for (size_t j = 0; j < a->n; j++) {
                if (nc < MAX_CITES_PER_LINE) {
                    cites[nc][0] = a->sent[j][0];
                    cites[nc][1] = a->sent[j][1];
                    nc++;
                }
                for (size_t e = 0; e < b->nev && ne < NELEM(evs); e++)
                    if (b->ev[e].sid == a->sent[j][0] && b->ev[e].sentence == a->sent[j][1])
                        evs[ne++] = e;
            }
            if (a->n > nc && ac_buf_printf(&t, " (%zu cited)", nc) != AC_OK)
                b->oom = 1;
            if (ne) {
                ac_buf e = {0};
                events_phrase(b, &e, evs, ne);
                if (ac_buf_printf(&t, "; events there: %s", e.len ? e.data : "") != AC_OK)
                    b->oom = 1;
                ac_buf_free(&e);
            }
            if (ac_buf_puts(&t, ".") != AC_OK)
                b->oom = 1;
            add_line(b, S_SECTORS, L_ITEM, title, keep_buf(b, &t), (const int64_t(*)[2])cites, nc);
        }
        if (x.n == 0)
            add_line(b, S_SECTORS, L_PARA, NULL, "No themes in the sentences that name it.", NULL, 0);
        else if (shown < x.n) {
            ac_buf_reset(&t);
            if (ac_buf_printf(&t, "The %zu themes named most, of %zu.", shown, x.n) != AC_OK)
                b->oom = 1;
            add_line(b, S_SECTORS, L_NOTE, NULL, keep_buf(b, &t), NULL, 0);
        }
        ac_buf_free(&t);
    }
    for (size_t i = 0; i < x.n; i++)
        free(x.t[i].sent);
    free(x.t);
    return st;
}

/* ---- Strategic context ------------------------------------------------------------- */

static partner *partner_of(brief *b, const char *code, int make)
{
    for (size_t i = 0; i < b->npartners; i++)
        if (!strcmp(b->partners[i].code, code))
            return &b->partners[i];
    if (!make || !GROW(b, b->partners, b->npartners, b->cappartners))
        return NULL;
    partner *p = &b->partners[b->npartners++];
    memset(p, 0, sizeof *p);
    memcpy(p->code, code, 3);
    return p;
}

/* Row: story, actor code, spans: the sentences where another country's
 * actors are named with the subject. */
static int shared_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    const char *code = v[1] ? v[1] : "";
    if (strlen(code) < 3)
        return 0;
    char c[4] = {code[0], code[1], code[2], '\0'};
    if (!strcmp(c, b->country) || !is_country(b, c))
        return 0;
    int64_t sid = num(v[0]);
    int64_t idx[4096];
    size_t k = span_sentences(v[2], idx, NELEM(idx));
    for (size_t i = 0; i < k; i++) {
        if (!mentions_subject(b, sid, idx[i]))
            continue;
        partner *p = partner_of(b, c, 1);
        if (!p)
            return 1;
        int64_t key = sentence_key(sid, idx[i]);
        int dup = 0;
        for (size_t j = 0; j < p->nshared && !dup; j++)
            dup = p->shared[j] == key;
        if (!dup && GROW(b, p->shared, p->nshared, p->capshared))
            p->shared[p->nshared++] = key;
    }
    return b->oom;
}

static void partner_line(brief *b, const partner *p, const char *role)
{
    ac_buf t = {0};
    const char *pn = country_name(b, p->code);
    int64_t total = p->out + p->in;
    int st = AC_OK;
    int64_t cites[MAX_CITES_PER_LINE][2];
    size_t nc = 0;
    if (role && *role)
        st = ac_buf_printf(&t, "%s: ", role);
    if (total) {
        static const char *const quad[5] = {"", "verbal cooperation", "material cooperation",
                                            "verbal conflict", "material conflict"};
        if (st == AC_OK)
            st = ac_buf_printf(&t, "%" PRId64 " event%s (", total, total == 1 ? "" : "s");
        if (st == AC_OK && p->out)
            st = ac_buf_printf(&t, "%s \xE2\x86\x92 %s %" PRId64, b->name, pn, p->out);
        if (st == AC_OK && p->in)
            st = ac_buf_printf(&t, "%s%s \xE2\x86\x92 %s %" PRId64, p->out ? ", " : "", pn, b->name, p->in);
        if (st == AC_OK)
            st = ac_buf_puts(&t, "): ");
        int first = 1;
        for (int k = 1; k <= 4 && st == AC_OK; k++)
            if (p->quads[k]) {
                st = ac_buf_printf(&t, "%s%s %" PRId64, first ? "" : ", ", quad[k], p->quads[k]);
                first = 0;
            }
        if (st == AC_OK)
            st = ac_buf_printf(&t, "%smean Goldstein score %+.2f", first ? "" : "; ",
                               p->goldstein / (double)total);
        for (size_t i = 0; i < p->nev && nc < MAX_CITES_PER_LINE; i++) {
            const ev *e = &b->ev[p->ev[i]];
            int dup = 0;
            for (size_t j = 0; j < nc && !dup; j++)
                dup = cites[j][0] == e->sid && cites[j][1] == e->sentence;
            if (!dup) {
                cites[nc][0] = e->sid;
                cites[nc][1] = e->sentence;
                nc++;
            }
        }
        if (st == AC_OK && (size_t)total > nc && p->nev > MAX_CITES_PER_LINE)
            st = ac_buf_printf(&t, " (the first %zu reports cited; `accord dyad %s %s` has all)", nc,
                               b->country, p->code);
    } else if (st == AC_OK) {
        st = ac_buf_puts(&t, "no events between them");
    }
    if (p->nshared && st == AC_OK) {
        st = ac_buf_printf(&t, "; named with %s in %zu sentence%s", b->name, p->nshared,
                           p->nshared == 1 ? "" : "s");
        if (!total)
            for (size_t i = 0; i < p->nshared && nc < MAX_CITES_PER_LINE; i++) {
                cites[nc][0] = p->shared[i] / ST_SENT_STRIDE;
                cites[nc][1] = p->shared[i] % ST_SENT_STRIDE;
                nc++;
            }
    }
    if (st == AC_OK)
        st = ac_buf_puts(&t, ".");
    if (st != AC_OK)
        b->oom = 1;
    char lead[300];
    if (strcmp(pn, p->code))
        snprintf(lead, sizeof lead, "%s (%s)", pn, p->code);
    else
        snprintf(lead, sizeof lead, "%s", p->code);
    add_line(b, S_CONTEXT, L_ITEM, lead, keep_buf(b, &t), (const int64_t(*)[2])cites, nc);
    ac_buf_free(&t);
}

static int by_partner_weight(const void *x, const void *y)
{
    const partner *a = x, *b = y;
    int64_t na = a->out + a->in, nb = b->out + b->in;
    if (na != nb)
        return na > nb ? -1 : 1;
    if (a->nshared != b->nshared)
        return a->nshared > b->nshared ? -1 : 1;
    return strcmp(a->code, b->code);
}

static ac_status write_context_country(brief *b)
{
    /* Events, per partner country. */
    for (size_t i = 0; i < b->nev && !b->oom; i++) {
        const ev *e = &b->ev[i];
        char sc[4] = {0}, tc[4] = {0};
        memcpy(sc, e->source, strnlen(e->source, 3));
        memcpy(tc, e->target, strnlen(e->target, 3));
        int out = !strcmp(sc, b->country) && strncmp(e->source, b->subject, strlen(b->subject)) == 0;
        const char *other = out ? tc : sc;
        if (!strcmp(other, b->country) || !is_country(b, other))
            continue;
        partner *p = partner_of(b, other, 1);
        if (!p)
            break;
        if (out)
            p->out++;
        else
            p->in++;
        if (e->quad >= 1 && e->quad <= 4)
            p->quads[e->quad]++;
        p->goldstein += e->goldstein;
        if (GROW(b, p->ev, p->nev, p->cap))
            p->ev[p->nev++] = i;
    }
    /* Sentences naming both. */
    st_sql q = {0};
    sql(&q, "SELECT sa.story, ac.code, sa.spans FROM story_actors sa JOIN actors ac ON ac.id = sa.actor "
            "WHERE 1 = 1");
    in_subject_stories(b, &q, "sa.story");
    sql(&q, " ORDER BY sa.story, ac.code");
    ac_status st = run(b, &q, shared_row);
    if (st != AC_OK)
        return st;

    char near[32][4];
    size_t nn = neighbours_of(b->country, near, NELEM(near));
    ac_buf t = {0};
    /* Neighbours. */
    if (nn) {
        if (ac_buf_puts(&t, "Neighbours (land borders): ") != AC_OK)
            b->oom = 1;
        for (size_t i = 0; i < nn; i++)
            if (ac_buf_printf(&t, "%s%s", i ? ", " : "", country_name(b, near[i])) != AC_OK)
                b->oom = 1;
        add_line(b, S_CONTEXT, L_SUB, NULL, keep_buf(b, &t), NULL, 0);
        for (size_t i = 0; i < nn; i++) {
            partner *p = partner_of(b, near[i], 0);
            partner none = {0};
            memcpy(none.code, near[i], 4);
            partner_line(b, p ? p : &none, is_major(near[i]) ? "neighbour and major power" : "neighbour");
        }
    } else {
        add_line(b, S_CONTEXT, L_SUB, NULL, "Neighbours", NULL, 0);
        add_line(b, S_CONTEXT, L_PARA, NULL, "No land neighbours in accord's table of borders.", NULL, 0);
    }
    /* The major powers that are not neighbours. */
    add_line(b, S_CONTEXT, L_SUB, NULL,
             "Major powers (the permanent members of the UN Security Council, Germany, Japan, India)",
             NULL, 0);
    size_t nmajor = 0;
    for (size_t i = 0; i < NELEM(MAJOR); i++) {
        int near_too = 0;
        for (size_t k = 0; k < nn && !near_too; k++)
            near_too = !strcmp(near[k], MAJOR[i]);
        if (near_too || !strcmp(MAJOR[i], b->country))
            continue;
        partner *p = partner_of(b, MAJOR[i], 0);
        partner none = {0};
        memcpy(none.code, MAJOR[i], 4);
        partner_line(b, p ? p : &none, "");
        nmajor++;
    }
    if (!nmajor)
        add_line(b, S_CONTEXT, L_PARA, NULL, "All of them are its neighbours (above).", NULL, 0);
    /* The other partners of the data. */
    if (b->npartners)
        qsort(b->partners, b->npartners, sizeof *b->partners, by_partner_weight);
    size_t others = 0;
    for (size_t i = 0; i < b->npartners && others < 6; i++) {
        const partner *p = &b->partners[i];
        int listed = is_major(p->code);
        for (size_t k = 0; k < nn && !listed; k++)
            listed = !strcmp(near[k], p->code);
        if (listed || (p->out + p->in == 0 && !p->nshared))
            continue;
        if (others++ == 0)
            add_line(b, S_CONTEXT, L_SUB, NULL, "Other countries in the data", NULL, 0);
        partner_line(b, p, "");
    }
    ac_buf_free(&t);
    return AC_OK;
}

/* An agreement: its members (their latest action, and the first), and the
 * relations among them. */
typedef struct member {
    const char *actor, *name;
    size_t first, last;    /* indexes into b->acts */
} member;

static ac_status write_context_agreement(brief *b)
{
    member mem[64];
    size_t nm = 0;
    for (size_t i = 0; i < b->nacts; i++) {
        const act *m = &b->acts[i];
        if (!*m->actor)
            continue;
        size_t k = 0;
        while (k < nm && strcmp(mem[k].actor, m->actor))
            k++;
        if (k == nm) {
            if (nm == NELEM(mem))
                continue;
            mem[nm++] = (member){m->actor, *m->actor_name ? m->actor_name : m->actor, i, i};
        }
        mem[k].last = i;   /* the rows come by date */
    }
    add_line(b, S_CONTEXT, L_SUB, NULL, "Members", NULL, 0);
    ac_buf t = {0};
    for (size_t k = 0; k < nm; k++) {
        const act *f = &b->acts[mem[k].first], *l = &b->acts[mem[k].last];
        ac_buf_reset(&t);
        if (ac_buf_printf(&t, "latest, %s: ", *l->date ? l->date : "(no date)") != AC_OK)
            b->oom = 1;
        action_words(b, &t, l);
        int64_t c[2][2] = {{l->sid, l->sentence}, {f->sid, f->sentence}};
        size_t nc = 1;
        if (f != l) {
            if (ac_buf_printf(&t, "; first, %s: ", *f->date ? f->date : "(no date)") != AC_OK)
                b->oom = 1;
            action_words(b, &t, f);
            nc = 2;
        }
        if (ac_buf_puts(&t, ".") != AC_OK)
            b->oom = 1;
        char lead[300];
        snprintf(lead, sizeof lead, "%s (%s)", mem[k].name, mem[k].actor);
        add_line(b, S_CONTEXT, L_ITEM, lead, keep_buf(b, &t), (const int64_t(*)[2])c, nc);
    }
    if (!nm)
        add_line(b, S_CONTEXT, L_PARA, NULL, "No membership actions in the data.", NULL, 0);

    /* Events among the member countries. */
    char cc[20][4];
    size_t ncc = 0;
    for (size_t k = 0; k < nm && ncc < NELEM(cc); k++) {
        if (strlen(mem[k].actor) < 3)
            continue;
        char c[4] = {mem[k].actor[0], mem[k].actor[1], mem[k].actor[2], '\0'};
        int dup = 0;
        for (size_t j = 0; j < ncc && !dup; j++)
            dup = !strcmp(cc[j], c);
        if (!dup)
            memcpy(cc[ncc++], c, 4);
    }
    add_line(b, S_CONTEXT, L_SUB, NULL, "Relations among the members", NULL, 0);
    size_t lines = 0;
    if (ncc >= 2) {
        st_sql q = {0};
        sql(&q, "SELECT g.date, g.source, g.target, g.code, c.quad, c.goldstein, e.mood, g.num_mentions, "
                "g.num_articles, e.story, e.sentence, e.source_text, e.target_text FROM event_groups g "
                "JOIN events e ON e.id = g.first_event LEFT JOIN event_codes c ON c.code = g.code "
                "WHERE g.src_country IN (");
        for (size_t k = 0; k < ncc; k++) {
            sql(&q, k ? ", ?" : "?");
            param_text(&q, cc[k]);
        }
        sql(&q, ") AND g.tgt_country IN (");
        for (size_t k = 0; k < ncc; k++) {
            sql(&q, k ? ", ?" : "?");
            param_text(&q, cc[k]);
        }
        sql(&q, ") AND g.src_country <> g.tgt_country");
        ac_query dq = {.since = b->o.since, .until = b->o.until};
        ac_status st = st_event_where(b->s, &q, &dq, b->err);
        if (st != AC_OK) {
            st_sql_free(&q);
            ac_buf_free(&t);
            return st;
        }
        sql(&q, " ORDER BY g.date, g.id");
        size_t first = b->nev;   /* appended to b->ev, after the agreement's own */
        st = run(b, &q, ev_row);
        if (st != AC_OK) {
            ac_buf_free(&t);
            return st;
        }
        /* One line per pair of countries. */
        for (size_t x = 0; x < ncc; x++)
            for (size_t y = x + 1; y < ncc; y++) {
                partner p = {0};
                memcpy(p.code, cc[y], 4);
                size_t idx[MAX_CITES_PER_LINE];
                size_t ni = 0;
                for (size_t i = first; i < b->nev; i++) {
                    const ev *e = &b->ev[i];
                    int xy = !strncmp(e->source, cc[x], 3) && !strncmp(e->target, cc[y], 3);
                    int yx = !strncmp(e->source, cc[y], 3) && !strncmp(e->target, cc[x], 3);
                    if (!xy && !yx)
                        continue;
                    p.out += xy;
                    p.in += yx;
                    if (e->quad >= 1 && e->quad <= 4)
                        p.quads[e->quad]++;
                    p.goldstein += e->goldstein;
                    if (ni < NELEM(idx))
                        idx[ni++] = i;
                }
                if (!p.out && !p.in)
                    continue;
                p.ev = idx;
                p.nev = ni;
                /* Written from cc[x]'s side: it stands in for the subject. */
                const char *name = b->name;
                char saved[4];
                memcpy(saved, b->country, 4);
                b->name = country_name(b, cc[x]);
                memcpy(b->country, cc[x], 4);
                partner_line(b, &p, "");
                b->name = name;
                memcpy(b->country, saved, 4);
                lines++;
            }
        b->nev = first;   /* those events are not the agreement's */
    }
    if (!lines)
        add_line(b, S_CONTEXT, L_PARA, NULL, "No events between member countries in the data.", NULL, 0);
    ac_buf_free(&t);
    return AC_OK;
}

/* ---- Voices ------------------------------------------------------------------------- */

static int starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static int icontains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (!n)
        return 0;
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static void write_voices(brief *b)
{
    size_t max = b->o.max_quotes ? b->o.max_quotes : 8;
    /* The subject's own people first, then quotations that name it. */
    size_t *pick = malloc((b->nquotes ? b->nquotes : 1) * sizeof *pick);
    if (!pick) {
        b->oom = 1;
        return;
    }
    /* Its own people's words (at most half, when others speak of it too),
     * then others' that name it, then its own again; a speaker's same words
     * once. */
    size_t np = 0, own_max = (max + 1) / 2;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < b->nquotes && np < max; i++) {
            const quote *q = &b->quotes[i];
            int own = !b->agreement && *q->code && starts_with(q->code, b->subject);
            int names = mentions_subject(b, q->sid, q->sentence) || icontains(q->text, b->name);
            int take = pass == 1 ? !own && names : own;
            if (pass == 0 && np >= own_max)
                take = 0;
            for (size_t k = 0; k < np && take; k++) {
                const quote *o = &b->quotes[pick[k]];
                take = pick[k] != i && !(strcmp(o->text, q->text) == 0 && strcmp(o->name, q->name) == 0 &&
                                         strcmp(o->code, q->code) == 0);
            }
            if (take)
                pick[np++] = i;
        }
    /* In date order (the rows came by date). */
    for (size_t i = 1; i < np; i++)
        for (size_t j = i; j > 0 && pick[j - 1] > pick[j]; j--) {
            size_t x = pick[j];
            pick[j] = pick[j - 1];
            pick[j - 1] = x;
        }
    ac_buf t = {0};
    for (size_t i = 0; i < np && !b->oom; i++) {
        const quote *q = &b->quotes[pick[i]];
        ac_buf_reset(&t);
        int st = *q->code ? ac_buf_printf(&t, " (%s)", q->code) : AC_OK;
        if (st == AC_OK)
            st = ac_buf_printf(&t, ", %s, %s", *q->date ? q->date : "(no date)", *q->verb ? q->verb : "said");
        if (st == AC_OK)
            st = !strcmp(q->kind, "direct") ? ac_buf_printf(&t, ": \xE2\x80\x9C%s\xE2\x80\x9D", q->text)
                                            : ac_buf_printf(&t, " that %s.", q->text);
        if (st != AC_OK)
            b->oom = 1;
        int64_t c[1][2] = {{q->sid, q->sentence}};
        add_line(b, S_VOICES, L_ITEM, *q->name ? q->name : *q->speaker ? q->speaker : "Unnamed speaker",
                 keep_buf(b, &t), c, 1);
    }
    if (!np)
        add_line(b, S_VOICES, L_PARA, NULL, "No quotations by its people or naming it in the data.", NULL, 0);
    ac_buf_free(&t);
    free(pick);
}

/* ---- What is next -------------------------------------------------------------------- */

/* Whether the ' '-separated codes name the subject. */
static int codes_name(const char *codes, const char *subject)
{
    for (const char *p = codes; *p;) {
        while (*p == ' ')
            p++;
        if (starts_with(p, subject))
            return 1;
        while (*p && *p != ' ')
            p++;
    }
    return 0;
}

static void write_next(brief *b)
{
    ac_buf t = {0};
    size_t lines = 0;
    int64_t (*seen)[2] = NULL;
    size_t nseen = 0, capseen = 0;
    char *used = calloc(b->nplans ? b->nplans : 1, 1);
    if (!used) {
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < b->nplans && !b->oom; i++) {
        const plan *p = &b->plans[i];
        int ours = b->agreement ? !strcmp(p->agreement, b->subject) : codes_name(p->actors, b->subject);
        if (used[i] || (!ours && !mentions_subject(b, p->sid, p->sentence)))
            continue;
        /* The same plan reported the same day by other stories: one line. */
        int64_t c[MAX_CITES_PER_LINE][2];
        size_t nc = 0;
        for (size_t j = i; j < b->nplans; j++) {
            const plan *o = &b->plans[j];
            if (used[j] || strcmp(o->date, p->date) || strcmp(o->what, p->what) || strcmp(o->when, p->when) ||
                strcmp(o->agreement, p->agreement) || strcmp(o->actors, p->actors) || strcmp(o->code, p->code))
                continue;
            used[j] = 1;
            if (nc < MAX_CITES_PER_LINE) {
                c[nc][0] = o->sid;
                c[nc][1] = o->sentence;
                nc++;
            }
        }
        ac_buf_reset(&t);
        int st = AC_OK;
        if (*p->when)
            st = ac_buf_printf(&t, "when: %s; ", p->when);
        if (st == AC_OK && *p->agreement)
            st = ac_buf_printf(&t, "%s; ", agreement_name(b, p->agreement));
        if (st == AC_OK && *p->actors) {
            st = ac_buf_puts(&t, "who: ");
            int first = 1;
            for (const char *a = p->actors; *a && st == AC_OK;) {
                size_t n = strcspn(a, " ");
                char code[64];
                snprintf(code, sizeof code, "%.*s", (int)(n < 63 ? n : 63), a);
                if (n)
                    st = ac_buf_printf(&t, "%s%s", first ? "" : ", ",
                                       strlen(code) == 3 ? country_name(b, code) : code);
                first = first && !n;
                a += n;
                while (*a == ' ')
                    a++;
            }
            if (st == AC_OK)
                st = ac_buf_puts(&t, "; ");
        }
        if (st == AC_OK)
            st = ac_buf_printf(&t, "reported %s%s.", *p->date ? p->date : "(no date)",
                               nc > 1 ? " by several stories" : "");
        if (st != AC_OK)
            b->oom = 1;
        add_line(b, S_NEXT, L_ITEM, p->what, keep_buf(b, &t), (const int64_t(*)[2])c, nc);
        if (GROW(b, seen, nseen, capseen)) {
            seen[nseen][0] = p->sid;
            seen[nseen][1] = p->sentence;
            nseen++;
        }
        lines++;
    }
    /* Events in the future or conditional mood, by sentence. */
    for (size_t i = 0; i < b->nev && !b->oom; i++) {
        const ev *e = &b->ev[i];
        if (!future_mood(e->mood))
            continue;
        int dup = 0;
        for (size_t k = 0; k < nseen && !dup; k++)
            dup = seen[k][0] == e->sid && seen[k][1] == e->sentence;
        if (dup)
            continue;
        size_t evs[32], ne = 0;
        for (size_t j = i; j < b->nev && ne < NELEM(evs); j++)
            if (b->ev[j].sid == e->sid && b->ev[j].sentence == e->sentence && future_mood(b->ev[j].mood))
                evs[ne++] = j;
        ac_buf_reset(&t);
        events_phrase(b, &t, evs, ne);
        if (ac_buf_printf(&t, "; reported %s.", *e->date ? e->date : "(no date)") != AC_OK)
            b->oom = 1;
        int64_t c[1][2] = {{e->sid, e->sentence}};
        add_line(b, S_NEXT, L_ITEM, "expected", keep_buf(b, &t), c, 1);
        if (GROW(b, seen, nseen, capseen)) {
            seen[nseen][0] = e->sid;
            seen[nseen][1] = e->sentence;
            nseen++;
        }
        lines++;
    }
    if (!lines)
        add_line(b, S_NEXT, L_PARA, NULL, "No planned or expected events in the data.", NULL, 0);
    free(used);
    free(seen);
    ac_buf_free(&t);
}

/* ---- references ------------------------------------------------------------------------ */

static int ref_row(void *ctx, size_t n, const char *const *v)
{
    brief *b = ctx;
    (void)n;
    int64_t id = num(v[0]);
    uint32_t k = ac_map_get(&b->ref_index, (uint64_t)id);
    if (k != AC_MAP_NONE) {
        b->refs[k].story = keep(b, v[1]);
        b->refs[k].date = keep(b, v[2]);
        b->refs[k].text = keep(b, v[3]);
    }
    return b->oom;
}

static ac_status fetch_refs(brief *b)
{
    for (size_t i = 0; i < b->nrefs;) {
        st_sql q = {0};
        sql(&q, "SELECT se.id, st.story_id, st.date, se.text FROM sentences se JOIN stories st ON "
                "st.sid = se.story WHERE se.id IN (");
        size_t k = 0;
        for (; k < ST_SQL_PARAMS - 1 && i < b->nrefs; k++, i++) {
            sql(&q, k ? ", ?" : "?");
            param_int(&q, b->refs[i].id);
        }
        sql(&q, ")");
        ac_status st = run(b, &q, ref_row);
        if (st != AC_OK)
            return st;
    }
    return AC_OK;
}

/* ---- rendering ------------------------------------------------------------------------ */

static void put(brief *b, ac_buf *o, const char *s)
{
    if (ac_buf_puts(o, s) != AC_OK)
        b->oom = 1;
}

static int is_break(char c)
{
    return c == '\n' || c == '\r' || c == '\t';
}

/* Text for HTML (line breaks, as in a sentence that spans lines, are spaces). */
static void put_html(brief *b, ac_buf *o, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (is_break(*p)) {
            while (is_break(p[1]) || p[1] == ' ')
                p++;
            put(b, o, " ");
            continue;
        }
        const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
        if (e ? ac_buf_puts(o, e) != AC_OK : ac_buf_putc(o, *p) != AC_OK)
            b->oom = 1;
    }
}

/* Text for Markdown: the characters that would start markup are escaped
 * (an underscore only at the edge of a word: ABRAHAM_ACCORDS stays as it
 * is; brackets are not links without a target, so [story:3] stays too). */
static void put_md(brief *b, ac_buf *o, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (is_break(*p)) {
            while (is_break(p[1]) || p[1] == ' ')
                p++;
            put(b, o, " ");
            continue;
        }
        int edge = *p == '_' && (p == s || !isalnum((unsigned char)p[-1]) || !isalnum((unsigned char)p[1]));
        if ((strchr("\\*<", *p) || edge) && ac_buf_putc(o, '\\') != AC_OK)
            b->oom = 1;
        if (ac_buf_putc(o, *p) != AC_OK)
            b->oom = 1;
    }
}

/* Notes carry `code` spans; the rest of their text is plain. */
static void put_note_md(brief *b, ac_buf *o, const char *s)
{
    for (const char *p = s; *p;) {
        const char *tick = strchr(p, '`');
        if (!tick) {
            put_md(b, o, p);
            return;
        }
        char *seg = ac_arena_strndup(&b->a, p, (size_t)(tick - p));
        put_md(b, o, seg ? seg : "");
        const char *end = strchr(tick + 1, '`');
        if (!end) {
            put_md(b, o, tick);
            return;
        }
        if (ac_buf_append(o, tick, (size_t)(end - tick + 1)) != AC_OK)
            b->oom = 1;
        p = end + 1;
    }
}

static void put_note_html(brief *b, ac_buf *o, const char *s)
{
    int in_code = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '`') {
            put(b, o, in_code ? "</code>" : "<code>");
            in_code = !in_code;
            continue;
        }
        char one[2] = {*p, '\0'};
        put_html(b, o, one);
    }
    if (in_code)
        put(b, o, "</code>");
}

static void cite_label(const brief *b, size_t k, char *out, size_t cap)
{
    const ref *r = &b->refs[k];
    snprintf(out, cap, "%s:%" PRId64, *r->story ? r->story : "?", r->id % ST_SENT_STRIDE);
}

static void render_md(brief *b, ac_buf *o, const char *intro)
{
    put(b, o, "# ");
    put_md(b, o, b->name);
    if (strcmp(b->name, b->subject)) {
        put(b, o, " (");
        put_md(b, o, b->subject);
        put(b, o, ")");
    }
    put(b, o, ": brief\n\n*");
    put_md(b, o, intro);
    put(b, o, "*\n");
    for (int s = 0; s < S_COUNT; s++) {
        put(b, o, "\n## ");
        put(b, o, SECTION_TITLE[s]);
        put(b, o, "\n\n");
        line_kind prev = L_PARA;
        for (size_t i = 0; i < b->sec[s].n; i++) {
            const line *l = &b->sec[s].lines[i];
            if (i && (l->kind != L_ITEM || prev != L_ITEM))
                put(b, o, "\n");
            switch (l->kind) {
            case L_SUB:
                put(b, o, "### ");
                put_md(b, o, l->text);
                put(b, o, "\n");
                break;
            case L_NOTE:
                put(b, o, "*");
                put_note_md(b, o, l->text);
                put(b, o, "*\n");
                break;
            case L_PARA:
            case L_ITEM:
                if (l->kind == L_ITEM)
                    put(b, o, "- ");
                if (l->lead) {
                    put(b, o, "**");
                    put_md(b, o, l->lead);
                    put(b, o, "**");
                    put(b, o, LEAD_SEP[s]);
                }
                put_md(b, o, l->text);
                for (size_t c = 0; c < l->ncites; c++) {
                    char label[300];
                    cite_label(b, l->cites[c], label, sizeof label);
                    put(b, o, " [");
                    put_md(b, o, label);
                    put(b, o, "]");
                }
                put(b, o, "\n");
                break;
            }
            prev = l->kind;
        }
    }
    put(b, o, "\n## References\n\n");
    if (!b->nrefs)
        put(b, o, "No sentence is cited.\n");
    for (size_t k = 0; k < b->nrefs; k++) {
        const ref *r = &b->refs[k];
        char label[300];
        cite_label(b, k, label, sizeof label);
        put(b, o, "- [");
        put_md(b, o, label);
        put(b, o, "] ");
        put_md(b, o, *r->date ? r->date : "(no date)");
        put(b, o, ": ");
        put_md(b, o, r->text);
        put(b, o, "\n");
    }
}

static void render_html(brief *b, ac_buf *o, const char *intro)
{
    put(b, o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    put_html(b, o, b->name);
    put(b, o, ": brief</title>\n</head>\n<body>\n<h1>");
    put_html(b, o, b->name);
    if (strcmp(b->name, b->subject)) {
        put(b, o, " (");
        put_html(b, o, b->subject);
        put(b, o, ")");
    }
    put(b, o, ": brief</h1>\n<p><em>");
    put_html(b, o, intro);
    put(b, o, "</em></p>\n");
    for (int s = 0; s < S_COUNT; s++) {
        put(b, o, "<h2>");
        put(b, o, SECTION_TITLE[s]);
        put(b, o, "</h2>\n");
        int in_list = 0;
        for (size_t i = 0; i < b->sec[s].n; i++) {
            const line *l = &b->sec[s].lines[i];
            if (in_list && l->kind != L_ITEM) {
                put(b, o, "</ul>\n");
                in_list = 0;
            }
            switch (l->kind) {
            case L_SUB:
                put(b, o, "<h3>");
                put_html(b, o, l->text);
                put(b, o, "</h3>\n");
                break;
            case L_NOTE:
                put(b, o, "<p><em>");
                put_note_html(b, o, l->text);
                put(b, o, "</em></p>\n");
                break;
            case L_PARA:
            case L_ITEM:
                if (l->kind == L_ITEM && !in_list) {
                    put(b, o, "<ul>\n");
                    in_list = 1;
                }
                put(b, o, l->kind == L_ITEM ? "<li>" : "<p>");
                if (l->lead) {
                    put(b, o, "<strong>");
                    put_html(b, o, l->lead);
                    put(b, o, "</strong>");
                    put(b, o, LEAD_SEP[s]);
                }
                put_html(b, o, l->text);
                for (size_t c = 0; c < l->ncites; c++) {
                    char label[300], href[40];
                    cite_label(b, l->cites[c], label, sizeof label);
                    snprintf(href, sizeof href, "%zu", l->cites[c] + 1);
                    put(b, o, " <a href=\"#ref-");
                    put(b, o, href);
                    put(b, o, "\">[");
                    put_html(b, o, label);
                    put(b, o, "]</a>");
                }
                put(b, o, l->kind == L_ITEM ? "</li>\n" : "</p>\n");
                break;
            }
        }
        if (in_list)
            put(b, o, "</ul>\n");
    }
    put(b, o, "<h2>References</h2>\n");
    if (!b->nrefs)
        put(b, o, "<p>No sentence is cited.</p>\n");
    else
        put(b, o, "<ul>\n");
    for (size_t k = 0; k < b->nrefs; k++) {
        const ref *r = &b->refs[k];
        char label[300], id[40];
        cite_label(b, k, label, sizeof label);
        snprintf(id, sizeof id, "%zu", k + 1);
        put(b, o, "<li id=\"ref-");
        put(b, o, id);
        put(b, o, "\">[");
        put_html(b, o, label);
        put(b, o, "] ");
        put_html(b, o, *r->date ? r->date : "(no date)");
        put(b, o, ": ");
        put_html(b, o, r->text);
        put(b, o, "</li>\n");
    }
    if (b->nrefs)
        put(b, o, "</ul>\n");
    put(b, o, "</body>\n</html>\n");
}

/* ---- the brief ------------------------------------------------------------------------ */

static void brief_free(brief *b)
{
    if (b->mention_ready)
        ac_map_free(&b->mention);
    if (b->ref_ready)
        ac_map_free(&b->ref_index);
    for (int s = 0; s < S_COUNT; s++)
        free(b->sec[s].lines);
    for (size_t i = 0; i < b->npartners; i++) {
        free(b->partners[i].ev);
        free(b->partners[i].shared);
    }
    free(b->partners);
    free(b->stories);
    free(b->ev);
    free(b->acts);
    free(b->quotes);
    free(b->plans);
    free(b->countries);
    free(b->agreements);
    free(b->refs);
    ac_arena_free(&b->a);
    free(b);
}

ac_status ac_store_brief(ac_store *s, const ac_dict *d, const char *subject,
                         const ac_brief_options *opts, ac_buf *out, ac_error *err)
{
    if (!s || !subject || !out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_brief: invalid argument");
    size_t len = strlen(subject);
    if (len == 0 || len >= sizeof ((brief *)0)->subject)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "a brief is about an actor code (KAZ, KAZGOV) or an agreement "
                            "(ABRAHAM_ACCORDS)");
    brief *b = calloc(1, sizeof *b);
    if (!b)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    b->s = s;
    b->d = d;
    if (opts)
        b->o = *opts;
    b->err = err;
    ac_arena_init(&b->a, 1 << 16);
    b->mention_ready = ac_map_init(&b->mention, 1024) == 0;
    b->ref_ready = ac_map_init(&b->ref_index, 256) == 0;
    ac_status st = b->mention_ready && b->ref_ready
                       ? AC_OK
                       : ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");

    /* Names: countries (actors of kind country) and agreements. */
    if (st == AC_OK)
        st = s->be->query(s->conn,
                          "SELECT code, min(name) FROM actors WHERE kind = 'country' GROUP BY code "
                          "ORDER BY code",
                          NULL, 0, country_row, b, err);
    if (st == AC_OK)
        st = s->be->query(s->conn,
                          "SELECT agreement, min(name) FROM story_agreements GROUP BY agreement "
                          "ORDER BY agreement",
                          NULL, 0, agreement_row, b, err);
    if (st == AC_OK && b->oom)
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    if (st == AC_OK) {
        b->agreement = resolve_agreement(b, subject);
        if (!b->agreement) {
            for (size_t i = 0; i < len; i++)
                b->subject[i] = (char)toupper((unsigned char)subject[i]);
            b->subject[len] = '\0';
            int ok = len >= 3;
            for (size_t i = 0; i < len && ok; i++)
                ok = isalnum((unsigned char)b->subject[i]) || b->subject[i] == '_';
            if (!ok)
                st = ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                                  "'%s' is neither an agreement of the database (accord agreements "
                                  "lists them) nor an actor code of three letters or more (KAZ, "
                                  "KAZGOV)",
                                  subject);
            memcpy(b->country, b->subject, 3);
            const char *cn = name_in(b->countries, b->ncountries, b->country);
            if (len == 3)
                b->name = cn ? cn : b->subject;
            else {
                char nm[300];
                snprintf(nm, sizeof nm, "%s (%s)", cn ? cn : b->country, b->subject);
                b->name = keep(b, nm);
            }
        }
    }
    if (st == AC_OK)
        st = gather(b);
    if (st == AC_OK) {
        b->in_text = b->name;
        if (b->agreement) {
            char the[300];
            snprintf(the, sizeof the, "the %s", b->name);
            b->in_text = keep(b, the);
        }
    }
    if (st == AC_OK && !b->nev && !b->nacts && !b->mentions)
        st = ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                          "nothing in the database about '%s'%s (accord actors and accord "
                          "agreements list what it holds)",
                          subject, (b->o.since && *b->o.since) || (b->o.until && *b->o.until) ? " in that period" : "");
    if (st == AC_OK) {
        for (size_t i = 0; i < b->nev; i++)
            see_date(b, b->ev[i].date);
        for (size_t i = 0; i < b->nacts; i++)
            see_date(b, b->acts[i].date);
        for (size_t i = 0; i < b->nquotes; i++)
            see_date(b, b->quotes[i].date);
        write_happened(b);
        st = write_sectors(b);
    }
    if (st == AC_OK)
        st = b->agreement ? write_context_agreement(b) : write_context_country(b);
    if (st == AC_OK) {
        write_voices(b);
        write_next(b);
        st = fetch_refs(b);
    }
    if (st == AC_OK && b->oom)
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    if (st == AC_OK) {
        char intro[1024];
        char span[64] = "no dated report";
        if (*b->first && strcmp(b->first, b->last))
            snprintf(span, sizeof span, "%s to %s", b->first, b->last);
        else if (*b->first)
            snprintf(span, sizeof span, "%s", b->first);
        snprintf(intro, sizeof intro,
                 "From %zu stor%s naming it, %zu event%s and %zu membership action%s; reports of %s. "
                 "Each statement cites the sentence it rests on as [story:sentence] (sentences "
                 "count from 0); the references quote them.",
                 b->nstories, b->nstories == 1 ? "y" : "ies", b->nev, b->nev == 1 ? "" : "s", b->nacts,
                 b->nacts == 1 ? "" : "s", span);
        if (b->o.format == AC_BRIEF_HTML)
            render_html(b, out, intro);
        else
            render_md(b, out, intro);
        if (b->oom)
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    brief_free(b);
    return st;
}
