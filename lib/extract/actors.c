/*
 * actors.c -- every dictionary name of a story, in one walk of the name trie
 * per token.
 *
 * At each token the walk follows the trie as far as the text allows and
 * keeps, per category, the longest name that ends on the way and whose
 * capitals agree with the text (the coder's rule, docs/dictionaries.md):
 * actors (countries, organisations, groups, people), agreements, themes and
 * tone entries. Names of one category do not overlap; names of different
 * categories may ("trade" in "Ministry of Trade"). Agents are not actors on
 * their own: they only shape the codes of the coder's actor phrases.
 *
 * Each dictionary entry met becomes one entity, with its code for the
 * story's date; theme entries are grouped by theme code.
 */
#include <string.h>

#include "extract/extract.h"

enum { CAT_ACTOR, CAT_AGREEMENT, CAT_THEME, CAT_TONE, CAT_COUNT };

static int category(uint8_t kind)
{
    switch (kind) {
    case AK_COUNTRY:
    case AK_IGO:
    case AK_GROUP:
    case AK_PERSON:
        return CAT_ACTOR;
    case AK_AGREEMENT: return CAT_AGREEMENT;
    case AK_THEME: return CAT_THEME;
    case AK_TONE: return CAT_TONE;
    }
    return -1;
}

/* The entity of entry e in list (found or added); -1 when out of memory.
 * Themes are grouped by their code. */
static int entity_of(ac_annotation *a, ax_entity **list, size_t *n, size_t *cap, uint32_t e,
                     uint32_t tok)
{
    const ac_entry *en = &a->dict->entries[e];
    const char *theme = en->kind == AK_THEME && en->ncodes ? en->codes[0].code : NULL;
    for (size_t k = 0; k < *n; k++) {
        if ((*list)[k].entry == e)
            return (int)k;
        if (theme && strcmp((*list)[k].code, theme) == 0)
            return (int)k;
    }
    ax_entity *x = ax_push(a, (void **)list, n, cap, sizeof **list);
    if (!x)
        return -1;
    x->entry = e;
    x->kind = en->kind;
    const char *code = theme ? theme : ac_entry_code(en, a->doc->date);
    x->code = code ? code : "";
    x->name = en->name;
    x->first_tok = tok;
    return (int)(*n - 1);
}

static int add_mention(ac_annotation *a, int cat, uint32_t first, uint32_t end, uint32_t entry)
{
    ax_entity **list;
    size_t *n, *cap;
    ax_mention **ml;
    size_t *mn, *mcap;
    switch (cat) {
    case CAT_ACTOR:
        list = &a->ents, n = &a->nents, cap = &a->cap_ents;
        ml = &a->ment, mn = &a->nment, mcap = &a->cap_ment;
        break;
    case CAT_AGREEMENT:
        list = &a->agrs, n = &a->nagrs, cap = &a->cap_agrs;
        ml = &a->agr_ment, mn = &a->nagr_ment, mcap = &a->cap_agr_ment;
        break;
    default:
        list = &a->themes, n = &a->nthemes, cap = &a->cap_themes;
        ml = &a->theme_ment, mn = &a->ntheme_ment, mcap = &a->cap_theme_ment;
        break;
    }
    int x = entity_of(a, list, n, cap, entry, first);
    if (x < 0)
        return -1;
    (*list)[x].count++;
    (*list)[x].named++;
    ax_mention *m = ax_push(a, (void **)ml, mn, mcap, sizeof **ml);
    if (!m)
        return -1;
    m->first = first;
    m->end = end;
    m->sentence = a->sent_of[first];
    m->entity = (uint32_t)x;
    m->via = VIA_NAME;
    return 0;
}

int ax_find_names(ac_annotation *a)
{
    const ac_doc *doc = a->doc;
    const ac_dict *d = a->dict;
    const ac_tok *t = doc->toks;
    for (size_t s = 0; s < doc->nsent; s++) {
        uint32_t first = ax_sent_first(a, (uint32_t)s), end = ax_sent_end(a, (uint32_t)s);
        uint32_t until[CAT_COUNT] = {first, first, first, first};
        for (uint32_t i = first; i < end; i++) {
            a->sent_of[i] = (uint32_t)s;
            if (t[i].flags & TK_WORD)
                a->lex[i] = ax_lexicon(t[i].hash);
        }
        for (uint32_t i = first; i < end; i++) {
            if (!t[i].word)
                continue;
            uint32_t best_len[CAT_COUNT] = {0};
            uint32_t best_entry[CAT_COUNT] = {0};
            uint32_t node = 0;
            for (uint32_t j = i; j < end && j - i < 32 && t[j].word; j++) {
                node = ac_dict_edge(d, node, t[j].word);
                if (node == AC_MAP_NONE)
                    break;
                for (uint32_t ti = d->node_terms[node]; ti != AC_MAP_NONE; ti = d->terms[ti].next) {
                    const ac_term *term = &d->terms[ti];
                    int cat = category(d->entries[term->entry].kind);
                    if (cat < 0 || best_len[cat] == j - i + 1)
                        continue;
                    int ok = 1;
                    for (uint32_t b = 0; b < term->nwords && ok; b++)
                        if ((term->cap_mask >> b & 1u) && !(t[i + b].flags & (TK_CAP | TK_UPPER)))
                            ok = 0;
                    if (ok) {
                        best_len[cat] = j - i + 1;
                        best_entry[cat] = term->entry;
                    }
                }
            }
            for (int cat = 0; cat < CAT_COUNT; cat++) {
                if (!best_len[cat] || i < until[cat])
                    continue;
                /* "United" in "United States" is no tone. */
                if (cat == CAT_TONE && (i < until[CAT_ACTOR] || i < until[CAT_AGREEMENT]))
                    continue;
                until[cat] = i + best_len[cat];
                if (cat == CAT_TONE) {
                    const ac_entry *e = &d->entries[best_entry[cat]];
                    if (e->ncodes && e->codes[0].code[0] == 'P')
                        a->pos++;
                    else
                        a->neg++;
                } else if (add_mention(a, cat, i, i + best_len[cat], best_entry[cat]) < 0) {
                    return -1;
                }
            }
        }
    }
    a->nment_named = a->nment;
    a->nagr_named = a->nagr_ment;
    /* The coder's actor phrases, by token. */
    for (size_t k = 0; k < doc->nnps; k++)
        for (uint32_t i = doc->nps[k].first; i < doc->nps[k].end && i < a->ntok; i++)
            a->np_at[i] = (int32_t)k;
    return 0;
}

int ax_entity_at(const ac_annotation *a, uint32_t tok)
{
    /* Named mentions come first, in token order. */
    size_t lo = 0, hi = a->nment_named;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->ment[mid].end <= tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < a->nment_named && a->ment[lo].first <= tok && tok < a->ment[lo].end)
        return (int)a->ment[lo].entity;
    return -1;
}
