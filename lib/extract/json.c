/*
 * json.c -- an annotation as one JSON object on one line (the fields are
 * listed in include/accord.h, above ac_annotate).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "extract/extract.h"

#define TRY(x)                                                                                     \
    do {                                                                                           \
        ac_status st_ = (x);                                                                       \
        if (st_ != AC_OK)                                                                          \
            return st_;                                                                            \
    } while (0)

static ac_status str(ac_buf *b, const char *s)
{
    return ac_json_escape(b, s ? s : "", s ? strlen(s) : 0);
}

/* ,"key":"value" for a value that needs no escaping: codes, moods, kinds
 * (upper-case letters, digits, _ and -, or fixed words). */
static ac_status kraw(ac_buf *b, const char *key, const char *v)
{
    char buf[128];
    size_t kl = strlen(key), vl = strlen(v);
    if (kl + vl + 6 > sizeof buf) {
        TRY(ac_buf_printf(b, ",\"%s\":", key));
        return str(b, v);
    }
    size_t n = 0;
    buf[n++] = ',';
    buf[n++] = '"';
    memcpy(buf + n, key, kl);
    n += kl;
    memcpy(buf + n, "\":\"", 3);
    n += 3;
    memcpy(buf + n, v, vl);
    n += vl;
    buf[n++] = '"';
    return ac_buf_add(b, buf, n);
}

/* ,"key":"value" (first: no comma). */
static ac_status kv(ac_buf *b, const char *key, const char *v, int first)
{
    char head[64];
    size_t kl = strlen(key), n = 0;
    assert(kl + 4 < sizeof head);
    if (!first)
        head[n++] = ',';
    head[n++] = '"';
    memcpy(head + n, key, kl);
    n += kl;
    head[n++] = '"';
    head[n++] = ':';
    TRY(ac_buf_add(b, head, n));
    return str(b, v);
}

/* Small integers without printf: mentions are most of the output. */
static ac_status put_u(ac_buf *b, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return ac_buf_add(b, tmp + sizeof tmp - n, (size_t)n);
}

static ac_status sentence_text(ac_buf *b, const ac_doc *doc, uint32_t sid)
{
    const ac_sentence *s = &doc->sentences[sid];
    char small[2048];
    size_t n = s->len < sizeof small ? s->len : sizeof small - 1;
    memcpy(small, doc->text + s->start, n);
    for (size_t i = 0; i < n; i++)
        if (small[i] == '\n')
            small[i] = ' ';
    while (n < s->len && n > 0 && ((unsigned char)small[n] & 0xC0) == 0x80)
        n--;
    return ac_json_escape(b, small, n);
}

static int same_event(const ac_event *x, const ac_event *y)
{
    return x->code == y->code && strcmp(x->source, y->source) == 0 && strcmp(x->target, y->target) == 0;
}

static ac_status events(ac_buf *b, const ac_doc *doc)
{
    TRY(ac_buf_puts(b, ",\"events\":["));
    int first = 1;
    for (size_t i = 0; i < doc->nevents; i++) {
        const ac_event *e = &doc->events[i];
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_event(&doc->events[j], e);
        if (seen)
            continue;
        TRY(ac_buf_puts(b, first ? "{\"sentence_id\":" : ",{\"sentence_id\":"));
        first = 0;
        TRY(put_u(b, e->sentence_id));
        TRY(kraw(b, "source", e->source));
        TRY(kraw(b, "target", e->target));
        TRY(kv(b, "source_text", e->source_text, 0));
        TRY(kv(b, "target_text", e->target_text, 0));
        TRY(kraw(b, "code", e->code));
        TRY(kraw(b, "root", e->root));
        TRY(ac_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", e->quad, e->goldstein));
        TRY(kraw(b, "plover", e->plover));
        TRY(kraw(b, "mood", ac_mood_name(e->mood)));
        TRY(kv(b, "verb_text", e->verb_text, 0));
        TRY(kv(b, "pattern", e->pattern, 0));
        TRY(ac_buf_puts(b, ",\"sentence\":"));
        TRY(sentence_text(b, doc, e->sentence_id));
        /* Every sentence that reports the same (source, target, code). */
        size_t mentions = 0;
        uint32_t last = UINT32_MAX;
        TRY(ac_buf_puts(b, ",\"sentence_ids\":["));
        for (size_t j = i; j < doc->nevents; j++) {
            const ac_event *x = &doc->events[j];
            if (!same_event(x, e) || x->sentence_id == last)
                continue;
            if (mentions++)
                TRY(ac_buf_putc(b, ','));
            TRY(put_u(b, x->sentence_id));
            last = x->sentence_id;
        }
        TRY(ac_buf_puts(b, "],\"mentions\":"));
        TRY(put_u(b, mentions));
        TRY(ac_buf_putc(b, '}'));
    }
    return ac_buf_putc(b, ']');
}

static ac_status quotes(ac_buf *b, const ac_annotation *a)
{
    TRY(ac_buf_puts(b, ",\"quotes\":["));
    for (size_t i = 0; i < a->nquotes; i++) {
        const ac_quote *q = &a->quotes[i];
        TRY(ac_buf_puts(b, i ? ",{" : "{"));
        TRY(kv(b, "text", q->text, 1));
        TRY(ac_buf_puts(b, ",\"start\":"));
        TRY(put_u(b, q->start));
        TRY(ac_buf_puts(b, ",\"end\":"));
        TRY(put_u(b, q->end));
        TRY(ac_buf_puts(b, ",\"sentence\":"));
        TRY(put_u(b, q->sentence));
        TRY(kraw(b, "kind", q->kind == AC_QUOTE_DIRECT ? "direct" : "indirect"));
        TRY(kv(b, "speaker", q->speaker, 0));
        TRY(ac_buf_puts(b, ",\"speaker_start\":"));
        TRY(put_u(b, q->speaker_start));
        TRY(ac_buf_puts(b, ",\"speaker_end\":"));
        TRY(put_u(b, q->speaker_end));
        TRY(kv(b, "speaker_name", q->speaker_name, 0));
        TRY(kraw(b, "speaker_code", q->speaker_code));
        TRY(kv(b, "verb", q->verb, 0));
        TRY(ac_buf_putc(b, '}'));
    }
    return ac_buf_putc(b, ']');
}

/* [[start, end, sentence(, via)], ...] of entity x. */
static ac_status mentions(ac_buf *b, const ac_annotation *a, const ax_mention *m, size_t n, uint32_t x,
                          int via)
{
    TRY(ac_buf_puts(b, ",\"mentions\":["));
    int first = 1;
    for (size_t k = 0; k < n; k++) {
        if (m[k].entity != x)
            continue;
        TRY(ac_buf_puts(b, first ? "[" : ",["));
        first = 0;
        TRY(put_u(b, ax_start(a, m[k].first)));
        TRY(ac_buf_putc(b, ','));
        TRY(put_u(b, ax_end(a, m[k].end)));
        TRY(ac_buf_putc(b, ','));
        TRY(put_u(b, m[k].sentence));
        if (via) {
            TRY(ac_buf_putc(b, ','));
            TRY(put_u(b, m[k].via));
        }
        TRY(ac_buf_putc(b, ']'));
    }
    return ac_buf_putc(b, ']');
}

static ac_status actors(ac_buf *b, const ac_annotation *a)
{
    TRY(ac_buf_puts(b, ",\"actors\":["));
    for (size_t i = 0; i < a->nents; i++) {
        const ax_entity *e = &a->ents[i];
        TRY(ac_buf_puts(b, i ? ",{" : "{"));
        TRY(kv(b, "name", e->name, 1));
        TRY(kraw(b, "code", e->code));
        TRY(kv(b, "kind", ac_kind_name((ac_kind)e->kind), 0));
        TRY(ac_buf_puts(b, ",\"count\":"));
        TRY(put_u(b, e->count));
        TRY(mentions(b, a, a->ment, a->nment, (uint32_t)i, 1));
        TRY(ac_buf_putc(b, '}'));
    }
    return ac_buf_putc(b, ']');
}

static ac_status themes(ac_buf *b, const ac_annotation *a)
{
    TRY(ac_buf_puts(b, ",\"themes\":["));
    for (size_t i = 0; i < a->nthemes; i++) {
        const ax_entity *e = &a->themes[i];
        const ac_entry *en = &a->dict->entries[e->entry];
        TRY(ac_buf_puts(b, i ? ",{" : "{"));
        TRY(kv(b, "theme", e->code, 1));
        TRY(ac_buf_puts(b, ",\"gkg\":["));
        for (uint32_t k = 1; k < en->ncodes; k++) {
            const char *g = en->codes[k].code;
            TRY(ac_buf_add(b, k > 1 ? ",\"" : "\"", k > 1 ? 2 : 1));
            TRY(ac_buf_add(b, g, strlen(g)));
            TRY(ac_buf_putc(b, '"'));
        }
        TRY(ac_buf_puts(b, "],\"count\":"));
        TRY(put_u(b, e->count));
        TRY(mentions(b, a, a->theme_ment, a->ntheme_ment, (uint32_t)i, 0));
        TRY(ac_buf_putc(b, '}'));
    }
    return ac_buf_putc(b, ']');
}

static ac_status tone(ac_buf *b, const ac_annotation *a, const ac_doc *doc)
{
    double w = a->words ? (double)a->words : 1.0;
    double pos = 100.0 * a->pos / w, neg = 100.0 * a->neg / w;
    double g = 0;
    for (size_t i = 0; i < doc->nevents; i++)
        g += doc->events[i].goldstein;
    if (doc->nevents)
        g /= (double)doc->nevents;
    return ac_buf_printf(b,
                         ",\"tone\":{\"tone\":%.2f,\"positive\":%.2f,\"negative\":%.2f,\"polarity\":%.2f,"
                         "\"activity\":%.2f,\"self_reference\":%.2f,\"words\":%u,\"goldstein\":%.2f,"
                         "\"events\":%zu}",
                         pos - neg, pos, neg, pos + neg, 100.0 * a->active / w, 100.0 * a->self / w,
                         a->words, g, doc->nevents);
}

static int same_action(const ax_action *x, const ax_action *y)
{
    return x->agreement == y->agreement && x->action == y->action && x->mood == y->mood &&
           x->negated == y->negated &&
           strcmp(x->actor, y->actor) == 0 && (*x->actor || strcmp(x->actor_text, y->actor_text) == 0);
}

static ac_status agreements(ac_buf *b, const ac_annotation *a)
{
    TRY(ac_buf_puts(b, ",\"agreements\":["));
    for (size_t i = 0; i < a->nagrs; i++) {
        const ax_entity *e = &a->agrs[i];
        TRY(ac_buf_puts(b, i ? ",{" : "{"));
        TRY(kv(b, "agreement", e->code, 1));
        TRY(kv(b, "name", e->name, 0));
        TRY(ac_buf_puts(b, ",\"count\":"));
        TRY(put_u(b, e->count));
        TRY(mentions(b, a, a->agr_ment, a->nagr_ment, (uint32_t)i, 1));
        TRY(ac_buf_puts(b, ",\"actions\":["));
        int first = 1;
        for (size_t k = 0; k < a->nactions; k++) {
            const ax_action *x = &a->actions[k];
            if (x->agreement != i)
                continue;
            int seen = 0;
            for (size_t j = 0; j < k && !seen; j++)
                seen = same_action(&a->actions[j], x);
            if (seen)
                continue;
            TRY(ac_buf_puts(b, first ? "{" : ",{"));
            first = 0;
            TRY(kv(b, "action", ax_action_name(x->action), 1));
            TRY(kraw(b, "mood", ac_mood_name(x->mood)));
            TRY(kraw(b, "actor", x->actor));
            TRY(kv(b, "actor_text", x->actor_text, 0));
            TRY(kv(b, "actor_name", x->actor_name, 0));
            TRY(ac_buf_puts(b, x->negated ? ",\"negated\":true" : ",\"negated\":false"));
            TRY(kv(b, "text", x->text, 0));
            TRY(kv(b, "when", x->when, 0));
            TRY(kv(b, "date", x->date, 0));
            TRY(ac_buf_puts(b, ",\"sentence\":"));
            TRY(put_u(b, x->sentence));
            TRY(ac_buf_puts(b, ",\"start\":"));
            TRY(put_u(b, ax_start(a, x->first)));
            TRY(ac_buf_puts(b, ",\"end\":"));
            TRY(put_u(b, ax_end(a, x->end)));
            TRY(ac_buf_puts(b, ",\"sentence_ids\":["));
            uint32_t last = UINT32_MAX;
            int n = 0;
            for (size_t j = k; j < a->nactions; j++)
                if (same_action(&a->actions[j], x) && a->actions[j].sentence != last) {
                    if (n++)
                        TRY(ac_buf_putc(b, ','));
                    TRY(put_u(b, a->actions[j].sentence));
                    last = a->actions[j].sentence;
                }
            TRY(ac_buf_puts(b, "]}"));
        }
        TRY(ac_buf_puts(b, "]}"));
    }
    return ac_buf_putc(b, ']');
}

static ac_status planned(ac_buf *b, const ac_annotation *a)
{
    TRY(ac_buf_puts(b, ",\"planned\":["));
    for (size_t i = 0; i < a->nplanned; i++) {
        const ax_planned *p = &a->planned[i];
        TRY(ac_buf_puts(b, i ? ",{" : "{"));
        TRY(kv(b, "what", p->what, 1));
        TRY(kraw(b, "kind", p->kind));
        TRY(kraw(b, "code", p->code));
        TRY(kv(b, "when", p->when, 0));
        TRY(kv(b, "date", p->date, 0));
        TRY(kv(b, "agreement", p->agreement, 0));
        TRY(ac_buf_puts(b, ",\"actors\":["));
        for (uint32_t k = 0; k < p->nactors; k++) {
            if (k)
                TRY(ac_buf_putc(b, ','));
            TRY(str(b, p->actors[k]));
        }
        TRY(ac_buf_puts(b, "],\"sentence\":"));
        TRY(put_u(b, p->sentence));
        TRY(ac_buf_puts(b, ",\"start\":"));
        TRY(put_u(b, ax_start(a, p->first)));
        TRY(ac_buf_puts(b, ",\"end\":"));
        TRY(put_u(b, ax_end(a, p->end)));
        TRY(ac_buf_putc(b, '}'));
    }
    return ac_buf_putc(b, ']');
}

ac_status ax_write_json(const ac_story *story, const ac_annotation *a, ac_buf *out)
{
    const ac_doc *doc = a->doc;
    TRY(ac_buf_putc(out, '{'));
    TRY(kv(out, "id", story->id, 1));
    TRY(kv(out, "date", doc->date_str, 0));
    TRY(kv(out, "title", story->title, 0));
    TRY(events(out, doc));
    TRY(quotes(out, a));
    TRY(actors(out, a));
    TRY(themes(out, a));
    TRY(tone(out, a, doc));
    TRY(agreements(out, a));
    TRY(planned(out, a));
    return ac_buf_puts(out, "}\n");
}
