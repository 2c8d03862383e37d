/*
 * community.c -- what the community's dictionaries and conventions add to
 * the coder (docs/dictionaries.md, "Community formats"):
 *
 *   stems             TABARI's roots match every word that begins with them;
 *   discards, issues  phrases that stop a sentence or a story from being
 *                     coded, and issue counts;
 *   comma clauses     short comma-delimited clauses set aside before coding
 *                     (AC_CODE_LITERAL);
 *   clauses           TABARI's CODE BY CLAUSE (AC_CODE_BY_CLAUSE);
 *   actor search      TABARI's default source and target (AC_CODE_FIRST_ACTOR).
 *
 * coder.c calls these at its steps; all of them work on the sentence of
 * sentence.h and allocate in the story's arena only.
 */
#include <string.h>

#include "code/sentence.h"

/* TABARI's roots match every word that begins with them ("restor" matches
 * "restored", "Argentin" "Argentina"): a word that is unknown, or known but
 * neither a head nor the start of a name, takes the longest stem it begins
 * with. Stems are ASCII, so byte prefixes of the text are their folded form
 * whenever they match at all. */
/* The longest stem token i begins with (shorter than the token), or 0. */
uint32_t ac_code_stem_of(const sent *s, uint32_t i)
{
    const ac_dict *d = s->d;
    const ac_tok *t = &s->t[i];
    if (!(t->flags & TK_WORD) || t->len < 3)
        return 0;
    /* The longest stem that heads a pattern ("exchang" for "exchanged",
     * though "exchange" is a stem of another pattern's word), else the
     * longest. */
    size_t lens = d->stats.stem_lengths;
    uint32_t longest = 0;
    for (uint32_t n = t->len - 1 < 31 ? t->len - 1 : 31; n >= 2; n--) {
        if (!(lens >> n & 1u))
            continue;
        uint32_t id = ac_dict_word(d, ac_text_fold_hash(s->text + t->start, n));
        if (!id || !(d->words[id].flags & WF_STEM))
            continue;
        if ((d->words[id].flags | d->words[d->words[id].base].flags) & WF_HEAD)
            return id;
        if (!longest)
            longest = id;
    }
    return longest;
}

void ac_code_match_stem(sent *s, uint32_t i)
{
    const ac_dict *d = s->d;
    ac_tok *t = &s->t[i];
    if (t->word) {
        const ac_word *w = &d->words[t->word];
        if ((w->flags & (WF_HEAD | WF_STEM)) || (d->words[w->base].flags & WF_HEAD) ||
            ac_dict_edge(d, 0, t->word) != AC_MAP_NONE)
            return;
    }
    uint32_t id = ac_code_stem_of(s, i);
    if (!id)
        return;
    /* A word the dictionary knows ("really", of a set phrase) gives way only
     * to a stem that heads a pattern, not to any stem ("real"). */
    if (t->word && !((d->words[id].flags | d->words[d->words[id].base].flags) & WF_HEAD))
        return;
    t->word = id;
    t->flags |= TK_STEMMED;
    const char *w = s->text + t->start;
    if (t->len > 4 && w[t->len - 2] == 'e' && w[t->len - 1] == 'd')
        t->flags |= TK_STEM_ED;
    else if (t->len > 5 && w[t->len - 3] == 'i' && w[t->len - 2] == 'n' && w[t->len - 1] == 'g')
        t->flags |= TK_STEM_ING;
}

/* Is token k one of TABARI's <NOUN> (AK_NOUN) or <ADJECTIVE> words, or
 * neither (0)? One-word entries, any case. */
static int common_word(const sent *s, int64_t k)
{
    if (k < 0 || (uint32_t)k >= s->n || !s->t[k].word)
        return 0;
    const ac_dict *d = s->d;
    uint32_t node = ac_dict_edge(d, 0, s->t[k].word);
    if (node == AC_MAP_NONE)
        return 0;
    for (uint32_t ti = d->node_terms[node]; ti != AC_MAP_NONE; ti = d->terms[ti].next) {
        uint8_t kind = d->entries[d->terms[ti].entry].kind;
        if (kind == AK_NOUN || kind == AK_ADJECTIVE)
            return kind;
    }
    return 0;
}

/* Does a new clause start at token i: a conjunction ("and", "but", "or")
 * that does not join two actors of one compound? */
int ac_code_clause_break(const sent *s, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    int conj = (wflags(s, i) & WF_AND) ||
               ((t->flags & TK_WORD) && t->len == 3 && !memcmp(s->text + t->start, "but", 3));
    if (!conj)
        return 0;
    int64_t a = (int64_t)i - 1;
    if (a >= 0 && is_punct(s, (uint32_t)a, ','))
        a--;
    uint32_t b = i + 1;
    while (b < s->n && (wflags(s, b) & WF_DET))
        b++;
    if (a >= 0 && b < s->n && s->np_at[a] >= 0 && s->np_at[b] >= 0 &&
        s->np[s->np_at[a]].group == s->np[s->np_at[b]].group)
        return 0;
    /* TABARI's compound noun and adjective phrases (manual 7.5.1):
     * <noun> and <adjective>* <noun> ("sheep and lazy goats"), <adjective>
     * and <adjective> ("black and white"). */
    if (s->doc->flags & AC_CODE_FIRST_ACTOR) {
        int left = common_word(s, a);
        uint32_t r = i + 1;
        if (left == AK_ADJECTIVE && common_word(s, r) == AK_ADJECTIVE)
            return 0;
        while (r < s->n && common_word(s, r) == AK_ADJECTIVE)
            r++;
        if (left == AK_NOUN && common_word(s, r) == AK_NOUN)
            return 0;
    }
    return 1;
}

/* The community's coders drop short comma-delimited clauses before coding
 * (TABARI manual 7.8; PETRARCH's comma_* options): between two commas, from
 * the sentence's start to its first comma, or from its last comma to its
 * end, when the clause's words are within the limits of doc->comma. Commas
 * inside a compound actor ("A, B and C") do not count. Marks the tokens of
 * such clauses in aside. */
void ac_code_mark_comma_clauses(const sent *s, uint8_t *aside)
{
    const unsigned *lim = s->doc->comma;
    int64_t open = -1;                     /* the last clause-opening comma */
    for (uint32_t i = 0; i <= s->n; i++) {
        int end = i == s->n || (i + 1 == s->n && (s->t[i].flags & TK_PUNCT) &&
                                (s->t[i].punct == '.' || s->t[i].punct == '!' || s->t[i].punct == '?'));
        if (!end && !is_punct(s, i, ','))
            continue;
        if (!end && i > 0 && i + 1 < s->n && s->np_at[i - 1] >= 0 && s->np_at[i + 1] >= 0 &&
            s->np[s->np_at[i - 1]].group == s->np[s->np_at[i + 1]].group)
            continue;                      /* a comma of a compound actor */
        /* internal: {0, 1}; initial (no opening comma): {2, 3}; final: {4, 5}.
         * A final clause ends at the sentence's closing mark: a text cut
         * off without one (a headline, a truncated lead) keeps it. */
        const unsigned *l = open < 0 ? (end ? NULL : lim + 2) : end ? (i < s->n ? lim + 4 : NULL) : lim;
        if (l && l[1]) {
            uint32_t from = open < 0 ? 0 : (uint32_t)open + 1, words = 0;
            for (uint32_t k = from; k < i; k++)
                words += (s->t[k].flags & TK_WORD) != 0;
            /* TABARI counts a final clause's closing mark as a word (a
             * ten-word clause before the period is kept with EMAX 10). */
            words += end && i < s->n && (s->doc->flags & AC_CODE_FIRST_ACTOR);
            if (words >= l[0] && words <= l[1])
                for (uint32_t k = from; k < i; k++)
                    aside[k] = 1;
        }
        if (end)
            break;
        open = i;
    }
}

/* May NP w take part in TABARI's actor search from head h: coded, not an
 * agreement, not in a comma clause set aside? */
static int searchable(const sent *s, int w)
{
    return w >= 0 && s->np[w].code && s->np[w].kind != AK_AGREEMENT &&
           !(s->aside && s->aside[s->np[w].first]);
}

/* TABARI's pronoun coreference (manual 7.7): he, she, it, him assign the
 * first actor of the sentence; its, his, her the first actor before the
 * pronoun; they, them, their the first compound actor, else the first
 * actor. Returns the NP (a compound's first) token k stands for, or -1. */
int ac_code_pronoun_ref(const sent *s, uint32_t k)
{
    const ac_tok *t = &s->t[k];
    if (!(t->flags & TK_WORD) || t->len < 2 || t->len > 5 || s->np_at[k] >= 0 ||
        (s->aside && s->aside[k]))
        return -1;
    char w[6];
    for (uint32_t i = 0; i < t->len; i++)
        w[i] = (char)(s->text[t->start + i] | 0x20);
    w[t->len] = '\0';
    int first = !strcmp(w, "he") || !strcmp(w, "she") || !strcmp(w, "it") || !strcmp(w, "him");
    int prior = !strcmp(w, "its") || !strcmp(w, "his") || !strcmp(w, "her");
    int plural = !strcmp(w, "they") || !strcmp(w, "them") || !strcmp(w, "their");
    if (!first && !prior && !plural)
        return -1;
    int r = -1;
    for (uint32_t i = 0; i < (prior ? k : s->n); i++) {
        int np = s->np_at[i];
        if (!searchable(s, np))
            continue;
        if (r < 0)
            r = s->np[np].group;
        if (!plural)
            break;
        int32_t g = s->np[np].group;
        int members = 0;
        for (uint32_t m = 0; m < s->nnp; m++)
            members += s->np[m].group == g && s->np[m].code != NULL;
        if (members > 1)
            return g;
        i = s->np[np].end - 1;
    }
    return r;
}

/* TABARI's default actor search (manual 5.8, 7.6): the source is the first
 * actor of the head's clause before the head (with a code other than a
 * pattern's target); without one, the previous clause's source. The target
 * (unless a pattern's + gave it) is the first actor after the head in the
 * clause with a code other than the source's, else the first such actor
 * before the head. A pattern's $ gives the source (fixed_source, the NP),
 * and the actor its ^ skipped (skipped, a compound's group, or -1) is
 * neither. */
void ac_code_first_actor_roles(sent *s, uint32_t h, int fixed_target, int fixed_source, int skipped,
                               int *src, int *tgt)
{
    uint16_t c = s->clause ? s->clause[h] : 0;
    const char *tcode = fixed_target >= 0 ? s->np[fixed_target].code : NULL;
    int found = fixed_source >= 0 ? s->np[fixed_source].group : -1;
    for (uint32_t k = 0; k < h && fixed_source < 0; k++) {
        if (s->clause && s->clause[k] != c)
            continue;
        int w = s->np_at[k];
        if (w < 0 && (w = ac_code_pronoun_ref(s, k)) >= 0) {
            if (tcode && strcmp(s->np[w].code, tcode) == 0)
                continue;
            found = w;
            break;
        }
        if (!searchable(s, w))
            continue;
        if (tcode && strcmp(s->np[w].code, tcode) == 0) {
            k = s->np[w].end - 1;
            continue;
        }
        found = s->np[w].group;
        break;
    }
    if (found < 0 && s->last_subject >= 0 && fixed_source < 0)
        found = s->last_subject;
    if (found >= 0)
        *src = found;
    if (fixed_target >= 0)
        return;
    const char *scode = *src >= 0 ? s->np[*src].code : NULL;
    int t = -1;
    for (uint32_t k = h + 1; k < s->n && t < 0; k++) {
        if (s->clause && s->clause[k] != c)
            break;
        int w = s->np_at[k];
        if (w < 0)
            w = ac_code_pronoun_ref(s, k);
        if (searchable(s, w) && s->np[w].group != skipped && !(scode && strcmp(s->np[w].code, scode) == 0))
            t = w;
    }
    for (uint32_t k = 0; k < h && t < 0; k++) {
        if (s->clause && s->clause[k] != c)
            continue;
        int w = s->np_at[k];
        if (w < 0)
            w = ac_code_pronoun_ref(s, k);
        if (searchable(s, w) && w != *src && s->np[w].group != *src && s->np[w].group != skipped &&
            !(scode && strcmp(s->np[w].code, scode) == 0))
            t = w;
    }
    *tgt = t;
}

/* Does a dated discard ("ENT [### <890101] [ENT]") hold on date? With no
 * story date, only a range that runs to the open end does (the most recent
 * restriction, as for actor codes). */
static int discard_holds(const ac_entry *e, int32_t date)
{
    for (uint32_t k = 0; k < e->ncodes; k++)
        if (date ? date >= e->codes[k].from && date <= e->codes[k].to : e->codes[k].to == 99999999)
            return 1;
    return 0;
}

/* Discard and issue phrases: a discard marks the sentence (or the story)
 * as not coded; an issue phrase counts its issue, unless an ignore phrase
 * covers it. m is scratch space for one mention. Returns -1 on OOM. */
int ac_code_special_phrases(sent *s, ac_mention *m)
{
    ac_doc *doc = s->doc;
    const ac_dict *d = s->d;
    for (uint32_t i = 0; i < s->n;) {
        if (!s->t[i].word || !ac_code_match_name(s, i, m, 1)) {
            i++;
            continue;
        }
        const ac_entry *e = &d->entries[m->entry];
        i += m->n;
        if (e->kind == AK_DISCARD_STORY) {
            doc->discard_story = 1;
            ac_code_explain(s, "  story discarded: '%s' (%s:%u)\n", e->name, e->file, e->line);
        } else if (e->kind == AK_DISCARD) {
            if (e->ncodes && !discard_holds(e, doc->date))
                continue;
            doc->sentences[s->sid].discarded = 1;
            ac_code_explain(s, "  sentence discarded: '%s' (%s:%u)\n", e->name, e->file, e->line);
        } else if (e->kind == AK_ISSUE && e->ncodes) {
            const char *code = e->codes[0].code;
            size_t k = 0;
            while (k < doc->nissues && strcmp(doc->issue_codes[k], code) != 0)
                k++;
            if (k == doc->nissues) {
                if (doc->nissues == doc->cap_issues) {
                    size_t cap = doc->cap_issues ? doc->cap_issues * 2 : 8;
                    const char **nc = ac_arena_alloc(&doc->arena, cap * sizeof *nc);
                    size_t *nn = ac_arena_alloc(&doc->arena, cap * sizeof *nn);
                    if (!nc || !nn)
                        return -1;
                    if (doc->nissues) {
                        memcpy(nc, doc->issue_codes, doc->nissues * sizeof *nc);
                        memcpy(nn, doc->issue_counts, doc->nissues * sizeof *nn);
                    }
                    doc->issue_codes = nc;
                    doc->issue_counts = nn;
                    doc->cap_issues = cap;
                }
                doc->issue_codes[k] = code;
                doc->issue_counts[k] = 0;
                doc->nissues++;
            }
            doc->issue_counts[k]++;
        }
        /* AK_ISSUE_IGNORE: the words are consumed, nothing is counted. */
    }
    return 0;
}

