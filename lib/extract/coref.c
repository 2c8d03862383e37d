/*
 * coref.c -- what pronouns and descriptions refer to, inside one story.
 *
 * The rules are those of a careful reader with no parser, and they only
 * ever point back to an actor named earlier in the story:
 *   he, him, his, she, her      the last person named;
 *   "the Kazakh leader", "the president"   (the coder's actor phrases made
 *                               of an agent, with or without a country, after
 *                               "the" and in the singular) the last person
 *                               named whose code is the phrase's code
 *                               (KAZGOV), or ends with the agent's (GOV);
 *   "the two countries", "both nations"    the last two countries named;
 *   "the two leaders"           the last two people named;
 *   "the Accords", "the treaty", "this framework"   the last agreement named.
 * "it" and "they" are resolved only where a speaker or an actor is expected
 * (quotes.c, agreements.c), never counted as mentions: too often they stand
 * for things, not actors.
 */
#include <string.h>

#include "extract/extract.h"

/* Index of the first named mention whose first token is >= tok. */
static size_t lower_bound(const ax_mention *m, size_t n, uint32_t tok)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].first < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int ax_person_before(const ac_annotation *a, uint32_t tok)
{
    for (size_t k = lower_bound(a->ment, a->nment_named, tok); k-- > 0;)
        if (a->ents[a->ment[k].entity].kind == AK_PERSON)
            return (int)a->ment[k].entity;
    return -1;
}

int ax_actor_before(const ac_annotation *a, uint32_t tok, int persons)
{
    for (size_t k = lower_bound(a->ment, a->nment_named, tok); k-- > 0;)
        if (persons || a->ents[a->ment[k].entity].kind != AK_PERSON)
            return (int)a->ment[k].entity;
    return -1;
}

int ax_agreement_before(const ac_annotation *a, uint32_t tok)
{
    size_t k = lower_bound(a->agr_ment, a->nagr_named, tok);
    return k ? (int)a->agr_ment[k - 1].entity : -1;
}

int ax_is(const ac_annotation *a, uint32_t i, const char *w)
{
    const ac_tok *t = &a->doc->toks[i];
    size_t n = strlen(w);
    if (t->len != n)
        return 0;
    const char *s = a->doc->text + t->start;
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[k])
            return 0;
    }
    return 1;
}

/* The entity of an entry among the actors, -1. */
static int entity_of_entry(const ac_annotation *a, uint32_t entry)
{
    for (size_t k = 0; k < a->nents; k++)
        if (a->ents[k].entry == entry)
            return (int)k;
    return -1;
}

/* "the" or "this" right before token i. */
static int definite_before(const ac_annotation *a, uint32_t i)
{
    return i > 0 && (ax_is(a, i - 1, "the") || ax_is(a, i - 1, "this")) &&
           a->sent_of[i - 1] == a->sent_of[i];
}

/* A plural head: the last word ends in s (not ss). */
static int plural_head(const ac_annotation *a, uint32_t last)
{
    const ac_tok *t = &a->doc->toks[last];
    const char *s = a->doc->text + t->start;
    return t->len > 2 && (s[t->len - 1] == 's' || s[t->len - 1] == 'S') && s[t->len - 2] != 's';
}

/* Token i is a noun, so the phrase before it was an adjective: "the
 * official signing ceremony", "the presidential palace". */
static int noun_follows(const ac_annotation *a, uint32_t i)
{
    if (i >= a->ntok || a->sent_of[i] != a->sent_of[i - 1])
        return 0;
    const ac_tok *t = &a->doc->toks[i];
    if (!(t->flags & TK_WORD) || (t->flags & (TK_CAP | TK_POSS)))
        return 0;
    if (a->lex[i].cls & (LX_EVENT_NOUN | LX_PERSON_NOUN))
        return 1;
    if (a->lex[i].cls & (LX_SAY | LX_MEMBER | LX_PLAN))
        return 0;
    if (!t->word)
        return 1;
    const ac_word *w = &a->dict->words[t->word];
    if (w->flags || (a->dict->words[w->base].flags & WF_HEAD))
        return 0;
    return 1;
}

int ax_np_entity(const ac_annotation *a, int np)
{
    if (np < 0)
        return -1;
    const ac_np *p = &a->doc->nps[np];
    const ac_entry *e = &a->dict->entries[p->entry];
    if (p->kind == AK_PERSON || (e->kind != AK_AGENT && e->kind != AK_AGREEMENT)) {
        /* A person, or a country or organisation: is it a description? */
        int own = entity_of_entry(a, p->entry);
        int poss = 0;                       /* "Kazakhstan's president" */
        for (uint32_t i = p->first; i + 1 < p->end; i++)
            poss |= (a->doc->toks[i].flags & TK_POSS) != 0;
        if (p->kind == AK_PERSON || !p->code || strlen(p->code) <= 3 ||
            !(poss || definite_before(a, p->first)) || plural_head(a, p->end - 1) ||
            noun_follows(a, p->end) || !(a->lex[p->end - 1].cls & LX_PERSON_NOUN))
            return own;                     /* "the Kazakh foreign ministry" is no person */
        /* "the Kazakh leader": a person named before with that very code. */
        for (size_t k = lower_bound(a->ment, a->nment_named, p->first); k-- > 0;) {
            const ax_entity *x = &a->ents[a->ment[k].entity];
            if (x->kind == AK_PERSON && strcmp(x->code, p->code) == 0)
                return (int)a->ment[k].entity;
        }
        return own;
    }
    if (e->kind == AK_AGENT && !p->code && definite_before(a, p->first) && !plural_head(a, p->end - 1) &&
        !noun_follows(a, p->end) && (a->lex[p->end - 1].cls & LX_PERSON_NOUN)) {
        /* "the president": the last person whose code ends with GOV. */
        const char *ag = ac_entry_code(e, a->doc->date);
        size_t al = ag ? strlen(ag) : 0;
        if (!al)
            return -1;
        for (size_t k = lower_bound(a->ment, a->nment_named, p->first); k-- > 0;) {
            const ax_entity *x = &a->ents[a->ment[k].entity];
            size_t cl = strlen(x->code);
            if (x->kind == AK_PERSON && cl > al && strcmp(x->code + cl - al, ag) == 0)
                return (int)a->ment[k].entity;
        }
    }
    return -1;
}

/* A plain lower-case word that may modify a noun: "the climate accord",
 * "the trade pact". */
static int modifier(const ac_annotation *a, uint32_t i)
{
    const ac_tok *t = &a->doc->toks[i];
    return (t->flags & TK_WORD) && !(t->flags & (TK_CAP | TK_POSS)) && !(ax_wflags(a, i) & ~WF_HEAD) &&
           !(a->lex[i].cls & ~(LX_EVENT_NOUN)) && a->np_at[i] < 0 && a->sent_of[i] == a->sent_of[i + 1];
}

static int add(ac_annotation *a, int entity, uint32_t first, uint32_t end, uint8_t via)
{
    ax_mention *m = AX_PUSH(a, a->ment, a->nment, a->cap_ment);
    if (!m)
        return -1;
    m->first = first;
    m->end = end;
    m->sentence = a->sent_of[first];
    m->entity = (uint32_t)entity;
    m->via = via;
    a->ents[entity].count++;
    return 0;
}

/* The last two distinct entities before tok: people when persons, else
 * countries. Returns how many were found (0..2). */
static int last_two(const ac_annotation *a, uint32_t tok, int persons, int out[2])
{
    int n = 0;
    for (size_t k = lower_bound(a->ment, a->nment_named, tok); k-- > 0 && n < 2;) {
        int x = (int)a->ment[k].entity;
        uint8_t kind = a->ents[x].kind;
        if (persons ? kind != AK_PERSON : kind != AK_COUNTRY)
            continue;
        if (n == 1 && out[0] == x)
            continue;
        out[n++] = x;
    }
    return n;
}

int ax_coref(ac_annotation *a)
{
    const ac_doc *doc = a->doc;
    /* Descriptions made of an agent: the coder's actor phrases. */
    for (size_t k = 0; k < doc->nnps; k++) {
        const ac_np *p = &doc->nps[k];
        if (p->kind == AK_PERSON || p->kind == AK_AGREEMENT)
            continue;
        int x = ax_np_entity(a, (int)k);
        uint32_t first = definite_before(a, p->first) ? p->first - 1 : p->first;   /* with "the" */
        if (x >= 0 && a->ents[x].kind == AK_PERSON && add(a, x, first, p->end, VIA_DESCRIPTION) < 0)
            return -1;
    }
    for (uint32_t i = 0; i < a->ntok; i++) {
        uint32_t cls = a->lex[i].cls;
        if (!(cls & (LX_PRON_HE | LX_PAIR | LX_AGR_NOUN)))
            continue;
        if (cls & LX_PRON_HE) {
            int x = ax_person_before(a, i);
            if (x >= 0 && add(a, x, i, i + 1, VIA_PRONOUN) < 0)
                return -1;
        } else if ((cls & LX_PAIR) && i + 1 < a->ntok && (a->lex[i + 1].cls & LX_PAIR_NOUN) &&
                   a->sent_of[i + 1] == a->sent_of[i] &&
                   (ax_is(a, i, "both") || definite_before(a, i))) {
            /* "the two countries", "both nations" */
            int two[2];
            int persons = a->lex[i + 1].val & 1;
            uint32_t first = ax_is(a, i, "both") ? i : i - 1;
            if (last_two(a, first, persons, two) == 2)
                for (int k = 0; k < 2; k++)
                    if (add(a, two[k], first, i + 2, VIA_DESCRIPTION) < 0)
                        return -1;
        } else if ((cls & LX_AGR_NOUN) && !(a->lex[i].cls & LX_PAIR_NOUN) &&
                   (definite_before(a, i) ||
                    (i > 1 && definite_before(a, i - 1) && modifier(a, i - 1)))) {
            /* "the Accords": not part of a name, not "the agreement on X". */
            size_t k = lower_bound(a->agr_ment, a->nagr_named, i + 1);
            if (k && a->agr_ment[k - 1].end > i)
                continue;                       /* inside a named agreement */
            if (i + 1 < a->ntok && a->sent_of[i + 1] == a->sent_of[i] &&
                ((a->doc->toks[i + 1].flags & TK_CAP) || ax_is(a, i + 1, "on") ||
                 ax_is(a, i + 1, "with") || ax_is(a, i + 1, "between")))
                continue;
            int x = ax_agreement_before(a, i);
            if (x < 0)
                continue;
            ax_mention *m = AX_PUSH(a, a->agr_ment, a->nagr_ment, a->cap_agr_ment);
            if (!m)
                return -1;
            m->first = definite_before(a, i) ? i - 1 : i - 2;
            m->end = i + 1;
            m->sentence = a->sent_of[i];
            m->entity = (uint32_t)x;
            m->via = VIA_DESCRIPTION;
            a->agrs[x].count++;
        }
    }
    return 0;
}
