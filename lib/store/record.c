/*
 * record.c -- a coded story and its annotation as one st_story: the rows
 * every backend writes. The only file of lib/store that reads the coder's
 * (code/doc.h) and the annotation layer's (extract/extract.h) internals;
 * what it makes of them follows ac_write_annotation's JSON (include/accord.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "code/doc.h"
#include "common/buf.h"
#include "common/error.h"
#include "extract/extract.h"
#include "store/store.h"

/* ---- dates ------------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t st_day_of(const char *s, int *ok)
{
    *ok = 0;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s);
    unsigned m = (unsigned)atoi(s + 5), d = (unsigned)atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    *ok = 1;
    return days_from_civil(y, m, d);
}

void st_date_of(int64_t z, char out[11])
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02u-%02u", (int)(y % 10000), m % 100, d % 100);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

void st_story_hash(const ac_story *s, char out[17])
{
    uint64_t h = XXH3_64bits(s->text ? s->text : "", s->text ? s->text_len : 0);
    snprintf(out, 17, "%016" PRIx64, h);
}

/* ---- helpers ----------------------------------------------------------------- */

typedef struct maker {
    st_story *r;
    ac_buf tmp;
    int oom;
} maker;

static void *alloc(maker *m, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *p = ac_arena_calloc(&m->r->arena, n, size);
    if (!p)
        m->oom = 1;
    return p;
}

/* A copy of the text collected in m->tmp, which is then reset. */
static const char *take(maker *m)
{
    char *s = ac_arena_strndup(&m->r->arena, m->tmp.len ? m->tmp.data : "", m->tmp.len);
    ac_buf_reset(&m->tmp);
    if (!s) {
        m->oom = 1;
        return "";
    }
    return s;
}

static void put(maker *m, ac_status st)
{
    if (st != AC_OK)
        m->oom = 1;
}

/* Appends sep (when not 0) and v in decimal: spans and id lists are most
 * of what this file writes, and printf would be most of its time. */
static void put_u(maker *m, char sep, uint32_t v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (sep)
        tmp[sizeof tmp - 1 - n++] = sep;
    put(m, ac_buf_append(&m->tmp, tmp + sizeof tmp - n, (size_t)n));
}

/* The URL's host ("https://www.x.org/a" -> "www.x.org"), or NULL. */
static const char *url_host(maker *m, const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    if (n == 0)
        return NULL;
    char *s = ac_arena_strndup(&m->r->arena, p, n);
    if (!s)
        m->oom = 1;
    return s;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* Sorts ids[0..n) and drops repeats; returns the new count. */
static size_t sort_unique(uint32_t *ids, size_t n)
{
    qsort(ids, n, sizeof *ids, cmp_u32);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || ids[k - 1] != ids[i])
            ids[k++] = ids[i];
    return k;
}

static const char *id_list(maker *m, const uint32_t *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_u(m, i ? ',' : 0, ids[i]);
    return take(m);
}

/* ---- the parts --------------------------------------------------------------- */

static void sentences(maker *m, const ac_doc *doc)
{
    st_story *r = m->r;
    r->nsents = doc->nsent;
    r->sents = alloc(m, doc->nsent, sizeof *r->sents);
    for (size_t i = 0; i < doc->nsent && r->sents; i++) {
        const ac_sentence *s = &doc->sentences[i];
        st_sentence *o = &r->sents[i];
        o->idx = (uint32_t)i;
        o->start = (uint32_t)s->start;
        o->len = (uint32_t)s->len;
        o->discarded = s->discarded;
        o->text = doc->text + s->start;     /* len bytes; the doc outlives r */
    }
}

static int same_event(const ac_event *x, const ac_event *y)
{
    return strcmp(x->code, y->code) == 0 && strcmp(x->source, y->source) == 0 &&
           strcmp(x->target, y->target) == 0;
}

/* One event per (source, target, code), in order of first report. Quadratic
 * in the events of one story, as the annotation writer is: a story has tens. */
static void events(maker *m, const ac_doc *doc)
{
    st_story *r = m->r;
    r->events = alloc(m, doc->nevents, sizeof *r->events);
    uint32_t *ids = alloc(m, doc->nevents, sizeof *ids);
    if (doc->nevents && (!r->events || !ids))
        return;
    for (size_t i = 0; i < doc->nevents; i++) {
        const ac_event *e = &doc->events[i];
        int seen = 0;
        for (size_t j = 0; j < r->nevents && !seen; j++)
            seen = same_event(r->events[j].ev, e);
        if (seen)
            continue;
        size_t n = 0;
        for (size_t j = i; j < doc->nevents; j++)
            if (same_event(&doc->events[j], e))
                ids[n++] = doc->events[j].sentence_id;
        n = sort_unique(ids, n);
        st_event *o = &r->events[r->nevents++];
        o->ev = e;
        o->mentions = (uint32_t)n;
        uint32_t *keep = alloc(m, n, sizeof *keep);
        if (!keep)
            return;
        memcpy(keep, ids, n * sizeof *ids);
        o->sentences = keep;
        o->sentence_ids = id_list(m, ids, n);
        for (size_t k = 0; k < n && r->sents; k++)
            if (ids[k] < r->nsents)
                r->sents[ids[k]].indexed = 1;
        size_t cl = strlen(e->code);
        memcpy(o->base, e->code, cl < 3 ? cl : 3);
        o->base[cl < 3 ? cl : 3] = '\0';
    }
}

/* JSON [[start, end, sentence(, via)], ...] of the mentions of entity x;
 * mentions are bucketed by entity first (order[], from[]) so this is linear. */
static const char *spans(maker *m, const ac_annotation *a, const ax_mention *ment,
                         const uint32_t *order, size_t from, size_t to, int via)
{
    put(m, ac_buf_putc(&m->tmp, '['));
    for (size_t k = from; k < to; k++) {
        const ax_mention *x = &ment[order[k]];
        if (k > from)
            put(m, ac_buf_putc(&m->tmp, ','));
        put_u(m, '[', ax_start(a, x->first));
        put_u(m, ',', ax_end(a, x->end));
        put_u(m, ',', x->sentence);
        if (via)
            put_u(m, ',', x->via);
        put(m, ac_buf_putc(&m->tmp, ']'));
    }
    put(m, ac_buf_putc(&m->tmp, ']'));
    return take(m);
}

/* Groups mention indexes by entity, keeping token order within an entity:
 * from[e] .. from[e + 1] in order[]. */
static int bucket(maker *m, const ax_mention *ment, size_t n, size_t nents, uint32_t **order,
                  size_t **from)
{
    *from = alloc(m, nents + 1, sizeof **from);
    *order = alloc(m, n + 1, sizeof **order);
    if (!*from || !*order)
        return -1;
    for (size_t k = 0; k < n; k++)
        if (ment[k].entity < nents)
            (*from)[ment[k].entity + 1]++;
    for (size_t e = 0; e < nents; e++)
        (*from)[e + 1] += (*from)[e];
    size_t *fill = alloc(m, nents + 1, sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, *from, (nents + 1) * sizeof *fill);
    for (size_t k = 0; k < n; k++)
        if (ment[k].entity < nents)
            (*order)[fill[ment[k].entity]++] = (uint32_t)k;
    return 0;
}

static void actors(maker *m, const ac_annotation *a)
{
    st_story *r = m->r;
    uint32_t *order;
    size_t *from;
    if (a->nents == 0 || bucket(m, a->ment, a->nment, a->nents, &order, &from) < 0)
        return;
    r->actors = alloc(m, a->nents, sizeof *r->actors);
    if (!r->actors)
        return;
    for (size_t i = 0; i < a->nents; i++) {
        const ax_entity *e = &a->ents[i];
        st_actor *o = &r->actors[r->nactors++];
        o->name = e->name ? e->name : "";
        o->code = e->code ? e->code : "";
        o->kind = ac_kind_name((ac_kind)e->kind);
        o->count = e->count;
        o->named = e->named;
        o->first_sentence = from[i] < from[i + 1] ? a->ment[order[from[i]]].sentence : 0;
        o->mentions = spans(m, a, a->ment, order, from[i], from[i + 1], 1);
    }
}

static void themes(maker *m, const ac_annotation *a)
{
    st_story *r = m->r;
    uint32_t *order;
    size_t *from;
    if (a->nthemes == 0 || bucket(m, a->theme_ment, a->ntheme_ment, a->nthemes, &order, &from) < 0)
        return;
    r->themes = alloc(m, a->nthemes, sizeof *r->themes);
    if (!r->themes)
        return;
    for (size_t i = 0; i < a->nthemes; i++) {
        const ax_entity *e = &a->themes[i];
        const ac_entry *en = &a->dict->entries[e->entry];
        st_theme *o = &r->themes[r->nthemes++];
        o->theme = e->code ? e->code : "";
        for (uint32_t k = 1; k < en->ncodes; k++)
            put(m, ac_buf_printf(&m->tmp, "%s%s", k > 1 ? ";" : "", en->codes[k].code));
        o->gkg = take(m);
        o->count = e->count;
        o->mentions = spans(m, a, a->theme_ment, order, from[i], from[i + 1], 0);
    }
}

static int same_action(const ax_action *x, const ax_action *y)
{
    return x->agreement == y->agreement && x->action == y->action && x->mood == y->mood &&
           strcmp(x->actor, y->actor) == 0 && (*x->actor || strcmp(x->actor_text, y->actor_text) == 0);
}

static void agreements(maker *m, const ac_annotation *a)
{
    st_story *r = m->r;
    uint32_t *order;
    size_t *from;
    if (a->nagrs == 0 || bucket(m, a->agr_ment, a->nagr_ment, a->nagrs, &order, &from) < 0)
        return;
    r->agrs = alloc(m, a->nagrs, sizeof *r->agrs);
    r->actions = alloc(m, a->nactions, sizeof *r->actions);
    uint32_t *ids = alloc(m, a->nactions, sizeof *ids);
    if (!r->agrs || (a->nactions && (!r->actions || !ids)))
        return;
    for (size_t i = 0; i < a->nagrs; i++) {
        const ax_entity *e = &a->agrs[i];
        st_agreement *o = &r->agrs[r->nagrs++];
        o->code = e->code ? e->code : "";
        o->name = e->name ? e->name : "";
        o->count = e->count;
        o->mentions = spans(m, a, a->agr_ment, order, from[i], from[i + 1], 1);
    }
    for (size_t k = 0; k < a->nactions; k++) {
        const ax_action *x = &a->actions[k];
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = same_action(&a->actions[j], x);
        if (seen || x->agreement >= a->nagrs)
            continue;
        size_t n = 0;
        for (size_t j = k; j < a->nactions; j++)
            if (same_action(&a->actions[j], x))
                ids[n++] = a->actions[j].sentence;
        n = sort_unique(ids, n);
        st_action *o = &r->actions[r->nactions++];
        o->agreement = r->agrs[x->agreement].code;
        o->action = ax_action_name(x->action);
        o->mood = ac_mood_name(x->mood);
        o->actor = x->actor ? x->actor : "";
        o->actor_text = x->actor_text ? x->actor_text : "";
        o->actor_name = x->actor_name ? x->actor_name : "";
        o->text = x->text ? x->text : "";
        o->when = x->date ? x->date : "";
        o->sentence = x->sentence;
        o->start = ax_start(a, x->first);
        o->end = ax_end(a, x->end);
        o->sentence_ids = id_list(m, ids, n);
    }
}

static void planned(maker *m, const ac_annotation *a)
{
    st_story *r = m->r;
    r->planned = alloc(m, a->nplanned, sizeof *r->planned);
    for (size_t i = 0; i < a->nplanned && r->planned; i++) {
        const ax_planned *p = &a->planned[i];
        st_planned *o = &r->planned[r->nplanned++];
        o->what = p->what ? p->what : "";
        o->code = p->code ? p->code : "";
        o->when = p->when ? p->when : "";
        o->agreement = p->agreement ? p->agreement : "";
        for (uint32_t k = 0; k < p->nactors; k++)
            put(m, ac_buf_printf(&m->tmp, "%s%s", k ? " " : "", p->actors[k]));
        o->actors = take(m);
        o->sentence = p->sentence;
        o->start = ax_start(a, p->first);
        o->end = ax_end(a, p->end);
    }
}

static void tone(maker *m, const ac_annotation *a, const ac_doc *doc)
{
    st_tone *t = &m->r->tone;
    double w = a->words ? (double)a->words : 1.0;
    t->positive = 100.0 * a->pos / w;
    t->negative = 100.0 * a->neg / w;
    t->tone = t->positive - t->negative;
    t->polarity = t->positive + t->negative;
    t->activity = 100.0 * a->active / w;
    t->self_reference = 100.0 * a->self / w;
    t->words = a->words;
    (void)doc;
}

/* ---- the record -------------------------------------------------------------- */

ac_status st_story_make(st_story *r, const ac_story *story, const ac_doc *doc,
                        const ac_annotation *a, ac_error *err)
{
    memset(r, 0, sizeof *r);
    ac_arena_init(&r->arena, 16384);
    /* Nothing is allocated before the checks below: r needs no freeing
     * when they fail. */
    if (a && a->doc != doc)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "ac_store_ingest: the annotation is not that of the doc");
    if (doc->nsent > ST_MAX_SENTENCES)
        return ac_error_set(err, AC_EPARSE, story->origin, story->origin_line, UINT64_MAX,
                            "story %s has %zu sentences; a store holds at most %d a story",
                            story->id, doc->nsent, ST_MAX_SENTENCES);
    maker m = {.r = r};
    r->id = story->id;
    r->part = story->part;
    r->date = doc->date_str ? doc->date_str : "";
    if (*r->date) {
        r->day = st_day_of(r->date, &r->has_day);
        if (!r->has_day)
            return ac_error_set(err, AC_EPARSE, story->origin, story->origin_line, UINT64_MAX,
                                "story %s: date '%s' is not YYYY-MM-DD", story->id, r->date);
    }
    r->title = story->title ? story->title : "";
    r->url = story->url ? story->url : "";
    r->source = story->source ? story->source : "";
    r->origin = story->origin ? story->origin : "";
    r->source_key = *r->source ? r->source : url_host(&m, r->url);
    if (!r->source_key || !*r->source_key)
        r->source_key = r->id;
    st_story_hash(story, r->hash);
    r->text_len = story->text_len;
    for (size_t i = 0; i < doc->nissues; i++)
        put(&m, ac_buf_printf(&m.tmp, "%s%s", i ? ";" : "", doc->issue_codes[i]));
    r->issues = take(&m);
    double g = 0;
    for (size_t i = 0; i < doc->nevents; i++)
        g += doc->events[i].goldstein;
    r->tone.goldstein = doc->nevents ? g / (double)doc->nevents : 0.0;

    sentences(&m, doc);
    events(&m, doc);
    if (a) {
        r->annotated = 1;
        r->nquotes = a->nquotes;
        const ac_quote **q = alloc(&m, a->nquotes, sizeof *q);
        for (size_t i = 0; q && i < a->nquotes; i++)
            q[i] = &a->quotes[i];
        r->quotes = q;
        actors(&m, a);
        themes(&m, a);
        agreements(&m, a);
        planned(&m, a);
        tone(&m, a, doc);
    }
    ac_buf_free(&m.tmp);
    if (m.oom) {
        st_story_free(r);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory storing story %s",
                            story->id);
    }
    return AC_OK;
}

void st_story_free(st_story *r)
{
    if (r)
        ac_arena_free(&r->arena);
}
