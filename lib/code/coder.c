/*
 * coder.c -- the shallow parser and event coder, one sentence at a time.
 *
 * The steps, for a sentence of tokens:
 *   1. words:    look every token up in the vocabulary (one hash probe);
 *   2. mentions: longest match of dictionary names in the name trie, with
 *                the capitalisation rule of docs/dictionaries.md (a name
 *                may hold gaps, " * ": match_walk);
 *   3. phrases:  merge adjacent mentions into actor phrases ("Kazakh
 *                President Kassym-Jomart Tokayev": country + agent + person)
 *                and resolve each to one code for the story's date;
 *   4. compounds: phrases joined by commas and "and" form a compound actor;
 *                an appositive ("Tokayev, Kazakhstan's president,") merges;
 *   5. heads:    every token whose base heads a pattern is tried, best
 *                pattern first; the first that matches fires (a pattern
 *                needing a word the sentence lacks, by its signature, is
 *                not tried);
 *   6. roles:    the source is the subject (verbs) or the possessor, "by"
 *                phrase or light verb's subject (event nouns); the target
 *                comes from the pattern's + slot; passives swap them;
 *   7. mood:     the verb group to the left (aux, modals, negation, control
 *                verbs with "to") gives done / intent / future /
 *                conditional, negation, refusal and threat, which
 *                transform.c turns into the codebook's codes;
 *   8. events:   every source of the compound with every target.
 * Community dictionaries add stems (TABARI roots: match_stem), discard and
 * issue phrases (special_phrases), paired and subordinate codes. With the
 * community's conventions (AC_CODE_LITERAL, and for TABARI AC_CODE_BY_CLAUSE
 * and AC_CODE_FIRST_ACTOR; docs/dictionaries.md) nouns are not heads, moods
 * keep the pattern's code, short comma clauses are set aside
 * (mark_comma_clauses), each clause codes its first event and the actor
 * search is TABARI's (first_actor_roles, with its pronoun coreference).
 * Nothing here allocates outside the story's arena.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "code/sentence.h"

#define TARGET_WINDOW 8    /* tokens between a pattern element and its target */
#define WORD_SKIP 3        /* other words allowed before a pattern word */
/* The community's coders look through a whole noun phrase ("signed an 800
 * million ducat trade protocol for 1990 with Dagolath"): wider windows in
 * the literal convention. */
#define TARGET_WINDOW_LITERAL 16
#define WORD_SKIP_LITERAL 6

/* An adverb in -ly that is not in the vocabulary as anything else. */
static int is_ly(const sent *s, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    return (t->flags & TK_WORD) && t->len > 3 && s->text[t->start + t->len - 1] == 'y' &&
           s->text[t->start + t->len - 2] == 'l' && !(wflags(s, i) & WF_HEAD);
}

static int is_adjective_like(const sent *s, uint32_t i);

/* A clause boundary: tokens a subject or target search does not cross. */
static int is_boundary(const sent *s, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    if (t->flags & TK_PUNCT)
        return t->punct == ';' || t->punct == ':' || t->punct == '(' || t->punct == ')';
    return (wflags(s, i) & WF_SUBORD) != 0;
}

void ac_code_explain(sent *s, const char *fmt, ...)
{
    if (!s->ex)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ac_buf_puts(s->ex, line);
}

/* ---- 2. mentions ------------------------------------------------------------ */

/* May token k stand in a name's gap? A plain word that is not "and", a
 * clause word, a pronoun, a form of be/have, or a verb some pattern heads. */
static int gap_word_ok(const sent *s, uint32_t k)
{
    const ac_tok *t = &s->t[k];
    if (!(t->flags & TK_WORD) || (t->flags & TK_POSS))
        return 0;
    if (!t->word)
        return 1;
    const ac_word *w = &s->d->words[t->word];
    uint32_t f = w->flags | s->d->words[w->base].flags;
    /* A part of a hyphenated word ("state-run") is no verb or clause word. */
    return (t->flags & TK_HYPHENED) ||
           !(f & (WF_AND | WF_SUBORD | WF_PRON | WF_BE | WF_HAVE | WF_HEAD | WF_SAY));
}

/* Walks the name trie from node, token j on; the longest name found so far
 * ends at out->first + out->n. A gap edge tries 0 to AC_NAME_GAP skipped
 * words. */
static void match_walk(const sent *s, uint32_t i, uint32_t j, uint32_t node, int special,
                       ac_mention *out, int *found)
{
    const ac_dict *d = s->d;
    const int caseless = (s->doc->flags & AC_CODE_FIRST_ACTOR) != 0;
    /* Gap edges met on the way, tried after the words written adjacent, so
     * that a name without a gap wins a tie ("Al Gore" before "Al * Gore"). */
    uint32_t gap_at[32], gap_node[32], ngap = 0;
    for (; j < s->n && j - i < 32; j++) {
        if (d->gap_word && j > i) {
            uint32_t g = ac_dict_edge(d, node, d->gap_word);
            if (g != AC_MAP_NONE && ngap < 32) {
                gap_at[ngap] = j;
                gap_node[ngap++] = g;
            }
        }
        if (!s->t[j].word)
            break;
        node = ac_dict_edge(d, node, s->t[j].word);
        if (node == AC_MAP_NONE)
            break;
        if (*found && j - i + 1 <= out->n)
            continue;                       /* a longer one is known already */
        for (uint32_t ti = d->node_terms[node]; ti != AC_MAP_NONE; ti = d->terms[ti].next) {
            const ac_term *term = &d->terms[ti];
            uint8_t kind = d->entries[term->entry].kind;
            if (kind > AK_ISSUE_IGNORE || (kind >= AK_DISCARD) != special)
                continue;                   /* themes, tone: the annotation layer's */
            uint32_t ok = 1;
            /* TABARI reads text in capitals: its convention ignores the case
             * of coded names (its nouns and adjectives stay as written). */
            int any_case = caseless && d->entries[term->entry].ncodes > 0;
            for (uint32_t b = 0; b < term->nwords && i + b < s->n && !any_case; b++)
                if ((term->cap_mask >> b & 1u) && !(s->t[i + b].flags & (TK_CAP | TK_UPPER)))
                    ok = 0;
            if (ok) {
                out->first = i;
                out->n = j - i + 1;
                out->entry = term->entry;
                out->kind = d->entries[term->entry].kind;
                *found = 1;
                break;
            }
        }
    }
    /* Up to AC_NAME_GAP words in a gap; quotation marks ('Al "The Weasel"
     * Gore') do not count. */
    for (uint32_t q = 0; q < ngap; q++)
        for (uint32_t at = gap_at[q], words = 0; at < s->n && words <= AC_NAME_GAP; at++) {
            match_walk(s, i, at, gap_node[q], special, out, found);
            if (is_punct(s, at, '"') || is_punct(s, at, '\''))
                continue;
            if (!gap_word_ok(s, at))
                break;
            words++;
        }
}

/* Finds the longest dictionary name starting at token i: of an actor, agent
 * or agreement when special is 0, of a discard or issue phrase when 1. */
int ac_code_match_name(const sent *s, uint32_t i, ac_mention *out, int special)
{
    /* Most tokens begin no name: one lookup says so. */
    if (!s->t[i].word || ac_dict_edge(s->d, 0, s->t[i].word) == AC_MAP_NONE)
        return 0;
    int found = 0;
    out->n = 0;
    match_walk(s, i, i, 0, special, out, &found);
    return found;
}

/* ---- 3. phrases --------------------------------------------------------------- */

/* Composes the code of a phrase from its parts. */
#define MAX_AGENTS 4

/* Composes the code of a phrase from its parts: a person's own code wins;
 * otherwise the actor's code with the agents' codes, those marked prefix
 * (NGO~) before it and the others after it, in text order, an agent code
 * the result already ends with added once. accord's convention composes
 * agents with country codes only; the community's (AC_CODE_LITERAL) with
 * any actor code ("White House" USAGOV + "former" ELI = USAGOVELI). */
static const char *compose(sent *s, const ac_entry *actor, const ac_entry *const *agents,
                           int nagents, const ac_entry *person)
{
    int32_t date = s->doc->date;
    if (person) {
        const char *c = ac_entry_code(person, date);
        if (c)
            return c;
    }
    const char *base = actor ? ac_entry_code(actor, date) : NULL;
    if (!base)
        return NULL;
    if (nagents == 0 || actor->kind == AK_AGREEMENT ||
        (strlen(base) != 3 && !(s->doc->flags & AC_CODE_LITERAL)))
        return base;
    char buf[128];
    size_t n = 0, bl = strlen(base);
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 1) {
            if (n + bl >= sizeof buf)
                return base;
            memcpy(buf + n, base, bl);
            n += bl;
            continue;
        }
        for (int k = 0; k < nagents; k++) {
            if ((pass == 0) != (agents[k]->prefix != 0))
                continue;
            const char *ag = ac_entry_code(agents[k], date);
            size_t al = ag ? strlen(ag) : 0;
            if (!al || n + al >= sizeof buf)
                continue;
            if (n >= al && memcmp(buf + n - al, ag, al) == 0)
                continue;                           /* GOV + GOV: once */
            if (pass == 0 && bl >= al && memcmp(base, ag, al) == 0)
                continue;                           /* NGM~ before NGM: once */
            memcpy(buf + n, ag, al);
            n += al;
        }
    }
    if (n == bl)
        return base;
    return ac_arena_strndup(&s->doc->arena, buf, n);
}

/* Do two entries have codes of the same country (first three letters)? */
static int same_country(const sent *s, const ac_entry *a, const ac_entry *b)
{
    const char *x = ac_entry_code(a, s->doc->date), *y = ac_entry_code(b, s->doc->date);
    return x && y && strlen(x) >= 3 && strlen(y) >= 3 && !memcmp(x, y, 3);
}

/* Tokens that may sit between two mentions of one phrase. */
static int is_glue(const sent *s, uint32_t i, int next_is_country)
{
    const ac_tok *t = &s->t[i];
    if (t->flags & TK_POSS)
        return 1;                                   /* Kazakhstan's president */
    if (t->flags & TK_TITLE)
        return 1;                                   /* Gen., Mr. */
    if ((t->flags & TK_CAP) && !(t->flags & TK_ABBR) &&
        !(t->word && (s->d->words[t->word].flags & (WF_DET | WF_PREP | WF_AND | WF_SUBORD | WF_PRON))))
        return 1;                                   /* first names, "Vice": Marco Rubio */
    if (next_is_country && t->word && (s->d->words[t->word].flags & WF_PREP) && t->len == 2 &&
        (s->text[t->start] == 'o' || s->text[t->start] == 'i') &&
        (s->text[t->start + 1] == 'f' || s->text[t->start + 1] == 'n'))
        return 1;                                   /* minister of Kazakhstan, protesters in Tashkent */
    if (next_is_country && t->len == 4 && !memcmp(s->text + t->start, "from", 4))
        return 1;                                   /* soldiers from Gondor */
    if (next_is_country && t->word && (s->d->words[t->word].flags & WF_DET) && t->len == 3)
        return 1;                                   /* of the Netherlands */
    return 0;
}

static void build_phrases(sent *s, const ac_mention *m, uint32_t nm)
{
    uint32_t i = 0;
    while (i < nm && s->nnp < MAX_NP) {
        const ac_entry *E = s->d->entries;
        const ac_entry *actor = NULL, *agent = NULL, *person = NULL;
        const ac_entry *agents[MAX_AGENTS];
        int nagents = 0;
        uint32_t first = m[i].first, end = m[i].first + m[i].n;
        uint8_t kind = m[i].kind;
        uint32_t main_entry = m[i].entry;
        if (kind == AK_PERSON)
            person = &E[m[i].entry];
        else if (kind == AK_AGENT)
            agent = agents[nagents++] = &E[m[i].entry];
        else
            actor = &E[m[i].entry];
        uint32_t j = i + 1;
        /* Absorb unknown capitalised words and titles just before a person. */
        if (person)
            while (first > 0 && is_glue(s, first - 1, 0) && !(s->t[first - 1].flags & TK_POSS) &&
                   (first - 1 == 0 || !(s->t[first - 1].flags & TK_PUNCT)) && s->np_at[first - 1] < 0)
                first--;
        if (kind != AK_AGREEMENT) {
            while (j < nm) {
                const ac_mention *nx = &m[j];
                if (nx->kind == AK_AGREEMENT)
                    break;
                int nx_country = nx->kind == AK_COUNTRY || nx->kind == AK_IGO || nx->kind == AK_GROUP;
                /* Only glue between end and the next mention. */
                uint32_t k = end;
                int glue_ok = 1, saw_of = 0, saw_in = 0, adjectives = 0;
                /* The community's phrases run from a possessor through its
                 * modifiers to the agent: "Ithilen's awful and evil minister". */
                int poss_to_agent = (s->doc->flags & AC_CODE_LITERAL) &&
                                    !(s->doc->flags & AC_CODE_FIRST_ACTOR) && nx->kind == AK_AGENT &&
                                    end < s->n && (s->t[end].flags & TK_POSS);
                while (k < nx->first) {
                    if (poss_to_agent && k > end &&
                        (is_adjective_like(s, k) || (wflags(s, k) & WF_AND)) && ++adjectives <= 4) {
                        k++;
                        continue;
                    }
                    if (!is_glue(s, k, nx_country)) {
                        glue_ok = 0;
                        break;
                    }
                    if (!(s->t[k].flags & TK_CAP) && !(s->t[k].flags & TK_POSS))
                        saw_of = 1;
                    if (s->text[s->t[k].start] == 'i' && s->t[k].len == 2)
                        saw_in = 1;
                    k++;
                }
                if (!glue_ok || nx->first - end > 3 + (uint32_t)adjectives)
                    break;
                /* "protesters in Tashkent" are Uzbek; but government, army and
                 * intelligence bodies are often abroad ("Russian troops in
                 * Syria", "the embassy in Astana"), and "Tokayev in Astana"
                 * is a person and a place. */
                if (saw_in) {
                    const char *ac = agent ? ac_entry_code(agent, s->doc->date) : NULL;
                    if (actor || person || !ac || !strncmp(ac, "GOV", 3) ||
                        !strncmp(ac, "MIL", 3) || !strncmp(ac, "SPY", 3))
                        break;
                }
                /* Compatible parts: at most one actor, one person, one agent. */
                if (nx->kind == AK_PERSON) {
                    if (person)
                        break;
                    person = &E[nx->entry];
                } else if (nx->kind == AK_AGENT) {
                    /* Several agents ("MSF Arnor diplomat") in the
                     * community's convention; one in accord's. */
                    if (person || nagents == MAX_AGENTS ||
                        (agent && !(s->doc->flags & AC_CODE_LITERAL)))
                        break;
                    agent = agents[nagents++] = &E[nx->entry];
                } else if (nx->first == end && actor && agent && !person &&
                           (s->doc->flags & AC_CODE_LITERAL) && !(s->doc->flags & AC_CODE_FIRST_ACTOR) &&
                           m[i].kind != AK_AGENT) {
                    /* "Ithilen's minister Calimehtar": the possessor's
                     * country and the agent decide; the name is absorbed. */
                } else if (nx->first == end && (actor || person) &&
                           same_country(s, actor ? actor : person, &E[nx->entry])) {
                    /* "Bree President Romendacil": a name of the same country
                     * refines the phrase; a richer code acts as a person's. */
                    const char *nc = ac_entry_code(&E[nx->entry], s->doc->date);
                    if (!person && nc && strlen(nc) > 3)
                        person = &E[nx->entry];
                } else {
                    if (actor || (person && !saw_of) || (!agent && !saw_of && !(s->t[end].flags & TK_POSS) && nx->first != end))
                        break;
                    /* TABARI keeps two named actors apart ("North Yemen of
                     * the Prince of Dol Amroth"); only agents join them. */
                    if (person && (s->doc->flags & AC_CODE_FIRST_ACTOR))
                        break;
                    if (actor)
                        break;
                    if (!agent && !saw_of && !(end < s->n && (s->t[end].flags & TK_POSS)))
                        break;                      /* "Israel Kazakhstan": two actors */
                    actor = &E[nx->entry];
                }
                end = nx->first + nx->n;
                j++;
            }
        }
        const char *code = compose(s, actor, agents, nagents, person);
        if (person && ac_entry_code(person, s->doc->date))
            main_entry = (uint32_t)(person - E), kind = AK_PERSON;
        else if (actor)
            main_entry = (uint32_t)(actor - E), kind = actor->kind;
        ac_np *np = &s->np[s->nnp];
        np->first = first;
        np->end = end;
        np->code = code;
        np->entry = main_entry;
        np->kind = kind;
        np->poss = is_poss(s, end);
        np->group = (int32_t)s->nnp;
        np->agent = nagents ? (uint32_t)(agents[0] - E) : UINT32_MAX;
        np->agent_first = nagents && m[i].kind == AK_AGENT;
        for (uint32_t k = first; k < end; k++)
            s->np_at[k] = (int16_t)s->nnp;
        s->nnp++;
        i = j;
    }
}

/* ---- 4. compounds and appositives -------------------------------------------- */

/* A word that can only be a modifier between a compound's comma or "and"
 * and its next member: a lower-case word that is no function word and no
 * verb of the dictionary. */
static int is_adjective_like(const sent *s, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    if (!(t->flags & TK_WORD) || (t->flags & TK_CAP))
        return 0;
    if (!t->word)
        return 1;
    uint32_t f = s->d->words[t->word].flags | s->d->words[base_of(s, i)].flags;
    return !(f & (WF_PREP | WF_SUBORD | WF_SAY | WF_PRON | WF_POSSPRON | WF_BE | WF_HAVE |
                  WF_DO | WF_FUTURE | WF_COND | WF_NEG | WF_HEAD | WF_TO | WF_BY | WF_RELATIVE |
                  WF_PAST | WF_ING | WF_IF));
}

/* A compound shares an agent written once: "the ambassadors of Arnor,
 * Osgiliath and Gondor" are each country's GOV; "Danish media and
 * government" is DNKMED and DNKGOV. y joins the group of the NP before it. */
static void share_agent(sent *s, uint32_t y)
{
    ac_np *first = &s->np[s->np[y].group], *np = &s->np[y];
    const ac_entry *E = s->d->entries;
    /* TABARI does not share them (its suite: "ambassadors of A, B and C"
     * is AGOV, B, C). */
    if (first == np || (s->doc->flags & AC_CODE_FIRST_ACTOR))
        return;
    if (first->agent != UINT32_MAX && first->agent_first && np->agent == UINT32_MAX &&
        np->code && strlen(np->code) == 3 && np->kind == AK_COUNTRY) {
        const ac_entry *ag = &E[first->agent];
        np->code = compose(s, &E[np->entry], &ag, 1, NULL);
        np->agent = first->agent;
    } else if (!np->code && np->kind == AK_AGENT && first->code && first->agent != UINT32_MAX &&
               !first->agent_first && (E[first->entry].kind == AK_COUNTRY)) {
        const ac_entry *ag = &E[np->entry];
        np->code = compose(s, &E[first->entry], &ag, 1, NULL);
    }
}

static void build_compounds(sent *s)
{
    for (uint32_t a = 0; a + 1 < s->nnp; a++) {
        ac_np *x = &s->np[a], *y = &s->np[a + 1];
        /* TABARI: "Arnor's Elrond" is two actors of one compound. */
        if ((s->doc->flags & AC_CODE_FIRST_ACTOR) && x->code && y->code && y->first == x->end + 1 &&
            (s->t[x->end].flags & TK_POSS) && x->kind != AK_AGREEMENT && y->kind != AK_AGREEMENT) {
            y->group = x->group;
            continue;
        }
        uint32_t k = x->end;
        int commas = 0, ands = 0, other = 0, adj = 0;
        while (k < y->first) {
            if (is_punct(s, k, ','))
                commas++;
            else if (wflags(s, k) & WF_AND)
                ands++;
            else if (wflags(s, k) & WF_DET)
                ;
            else if ((commas || ands) && is_adjective_like(s, k) && ++adj <= 3)
                ;                           /* "and the evil awful Gondor" */
            else
                other++;
            k++;
        }
        if (other || (!commas && !ands) || ands > 1 || commas > 1)
            continue;
        if (x->kind == AK_AGREEMENT || y->kind == AK_AGREEMENT)
            continue;
        /* Appositive: "Tokayev, Kazakhstan's president," -- a person then a
         * description without a person, closed by a comma. */
        if (commas && !ands && x->kind == AK_PERSON && y->kind != AK_PERSON &&
            y->end < s->n && is_punct(s, y->end, ',')) {
            /* The commas belong to the phrase too, so a subject search
             * from the verb after it meets the person directly. */
            for (uint32_t t = x->end; t <= y->end; t++)
                s->np_at[t] = (int16_t)a;
            y->code = NULL;                 /* absorbed: not an actor of its own */
            continue;
        }
        if (ands) {
            /* Close the chain: every NP from the group's start joins. */
            y->group = x->group;
            share_agent(s, a + 1);
        } else {
            /* A comma link counts only if the chain ends with "and". */
            uint32_t b = a + 1;
            int ok = 0;
            while (b + 1 < s->nnp) {
                ac_np *p = &s->np[b], *q = &s->np[b + 1];
                int c2 = 0, a2 = 0, o2 = 0;
                for (uint32_t t = p->end; t < q->first; t++) {
                    if (is_punct(s, t, ','))
                        c2++;
                    else if (wflags(s, t) & WF_AND)
                        a2++;
                    else if (!(wflags(s, t) & WF_DET) && !((c2 || a2) && is_adjective_like(s, t)))
                        o2++;
                }
                if (o2 || (!c2 && !a2))
                    break;
                if (a2) {
                    ok = 1;
                    break;
                }
                b++;
            }
            if (ok) {
                y->group = x->group;
                share_agent(s, a + 1);
            }
        }
    }
}

/* ---- 5. pattern matching -------------------------------------------------------- */

/* Does phrase word k onward match from token i? Returns the tokens used,
 * 0 when not. A gap word lets 0 to AC_NAME_GAP words stand between. */
static uint32_t phrase_from(const sent *s, const ac_phrase *ph, uint16_t k, uint32_t i)
{
    uint32_t at = i;
    for (; k < ph->n; k++) {
        if (ph->bases[k] == s->d->gap_word) {
            for (uint32_t g = 0; g <= AC_NAME_GAP && at + g < s->n; g++) {
                uint32_t l = phrase_from(s, ph, (uint16_t)(k + 1), at + g);
                if (l)
                    return at + g - i + l;
                if (!(s->t[at + g].flags & TK_WORD) || (wflags(s, at + g) & WF_AND))
                    break;
            }
            return 0;
        }
        if (at >= s->n || !s->t[at].word || base_of(s, at) != ph->bases[k])
            return 0;
        at++;
    }
    return at - i;
}

/* Does a set phrase match at token i? Returns its length or 0. */
static uint32_t set_match(const sent *s, const ac_set *set, uint32_t i)
{
    if (!s->t[i].word)
        return 0;
    /* The phrases are sorted by their first word: find the first whose
     * first word is this token's base. */
    uint32_t b = base_of(s, i), lo = 0, hi = set->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const ac_phrase *ph = &set->phrases[mid];
        if ((ph->n ? ph->bases[0] : 0) < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t p = lo; p < set->n && set->phrases[p].n && set->phrases[p].bases[0] == b; p++) {
        const ac_phrase *ph = &set->phrases[p];
        if (s->d->gap_word) {
            uint32_t l = phrase_from(s, ph, 0, i);
            if (l)
                return l;
            continue;
        }
        if (i + ph->n > s->n)
            continue;
        uint32_t k;
        for (k = 0; k < ph->n; k++)
            if (!s->t[i + k].word || base_of(s, i + k) != ph->bases[k])
                break;
        if (k == ph->n)
            return ph->n;
    }
    return 0;
}

/* word_match for an element with stems or exact forms: a stem ("recent~")
 * matches every word that begins with it ("recently"), known to the
 * dictionary or not; a form ("resolution=") only itself. Kept out of line,
 * so that the common case stays small. */
static int __attribute__((noinline)) word_match_stems(const sent *s, const ac_elem *e, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    uint32_t b = t->word ? base_of(s, i) : 0;
    for (uint16_t a = 0; a < e->nalt; a++) {
        int stem = a < 8 && (e->stems >> a & 1u);
        if (a < 8 && (e->forms >> a & 1u)) {
            if (t->word == e->alts[a] && !(t->flags & TK_STEMMED))
                return 1;
            continue;
        }
        if (b && e->alts[a] == b && (stem || !(t->flags & TK_STEMMED)))
            return 1;
        if (!stem || !(t->flags & TK_WORD))
            continue;
        const ac_word *w = &s->d->words[e->alts[a]];
        size_t n = strlen(w->text);
        if (n > t->len)
            continue;
        size_t k = 0;
        while (k < n && (s->text[t->start + k] | 0x20) == w->text[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static int word_match(const sent *s, const ac_elem *e, uint32_t i)
{
    if (s->np_at[i] >= 0)
        return 0;
    if (e->stems | e->forms)
        return word_match_stems(s, e, i);
    /* An exact word: not a longer word that only a stem matched. */
    if (!s->t[i].word || (s->t[i].flags & TK_STEMMED))
        return 0;
    uint32_t b = base_of(s, i);
    for (uint16_t a = 0; a < e->nalt; a++)
        if (e->alts[a] == b)
            return 1;
    return 0;
}

/* The NP starting within TARGET_WINDOW tokens of `from`, not crossing a
 * clause boundary (unless crossing is allowed: speech verbs). -1 if none. */
static int find_np_after(const sent *s, uint32_t from, int cross)
{
    uint32_t window = (s->doc->flags & AC_CODE_LITERAL) ? TARGET_WINDOW_LITERAL : TARGET_WINDOW;
    for (uint32_t k = from; k < s->n && k < from + window; k++) {
        if (s->np_at[k] >= 0) {
            const ac_np *np = &s->np[s->np_at[k]];
            if (np->code)
                return s->np_at[k];
            k = np->end - 1;
            continue;
        }
        if (!cross && (is_boundary(s, k) || is_punct(s, k, ',')) &&
            !(wflags(s, k) & WF_RELATIVE && k == from))
            return -1;
    }
    return -1;
}

typedef struct match {
    const ac_pattern *p;
    int target;            /* NP index or -1 */
    int source;            /* NP index from a $ slot, or -1 */
    int skipped;           /* group of the actor a ^ skipped, or -1 */
    int compound;          /* group of the compound a % before the head matched, or -1 */
    uint32_t end;          /* token after the match */
    uint32_t first_word;   /* token of the first post-verb word matched,
                              UINT32_MAX when none */
} match;

/* Is NP w a member of a compound of two or more actors? */
static int is_compound(const sent *s, int w)
{
    int32_t g = s->np[w].group;
    int n = 0;
    for (uint32_t k = (uint32_t)g; k < s->nnp && s->np[k].group == g; k++)
        n += s->np[k].code != NULL;
    return n >= 2;
}

/* Tries pattern p with its head at token h. */
static int try_pattern(const sent *s, const ac_pattern *p, uint32_t h, int say, match *m)
{
    if (p->head_form && s->t[h].word != p->head_form)
        return 0;
    if (p->need & ~s->sig)
        return 0;                   /* a word the pattern needs is not in the sentence */
    m->p = p;
    m->target = -1;
    m->source = -1;
    m->skipped = -1;
    m->compound = -1;
    m->first_word = UINT32_MAX;
    const uint32_t skip = (s->doc->flags & AC_CODE_LITERAL) ? WORD_SKIP_LITERAL : WORD_SKIP;
    /* Elements before the head, nearest first, each within WORD_SKIP tokens. */
    int64_t pos = (int64_t)h - 1;
    for (uint16_t e = 0; e < p->npre; e++) {
        const ac_elem *el = &p->pre[e];
        int ok = 0;
        if (el->type == PE_COMPOUND) {
            /* The nearest actor before is a compound ("A and B agree"). */
            int64_t k = pos;
            while (k >= 0 && k >= pos - (int64_t)skip && !(s->np_at[k] >= 0 && s->np[s->np_at[k]].code))
                k--;
            if (k < 0 || k < pos - (int64_t)skip || !is_compound(s, s->np_at[k]))
                return 0;
            m->compound = s->np[s->np_at[k]].group;
            pos = (int64_t)s->np[m->compound].first - 1;
            continue;
        }
        if (el->type == PE_ANY) {
            /* Skip the nearest actor before, a compound as a whole. */
            int64_t k = pos;
            while (k >= 0 && k >= pos - (int64_t)skip && !(s->np_at[k] >= 0 && s->np[s->np_at[k]].code))
                k--;
            if (k < 0 || k < pos - (int64_t)skip)
                return 0;
            m->skipped = s->np[s->np_at[k]].group;
            pos = (int64_t)s->np[m->skipped].first - 1;
            continue;
        }
        /* An adjacent element must end right before what follows it. */
        int64_t lowest = el->adjacent ? pos - 31 : pos - (int64_t)skip;
        /* A comma clause set aside is not there (TABARI deletes it first). */
        while (s->aside && pos >= 0 && s->aside[pos])
            pos--, lowest--;
        for (int64_t k = pos; k >= 0 && k >= lowest; k--) {
            if (s->aside && s->aside[k]) {
                lowest--;
                continue;
            }
            if (el->type == PE_WORD && (!el->adjacent || k == pos) && word_match(s, el, (uint32_t)k)) {
                pos = k - 1;
                ok = 1;
                break;
            }
            uint32_t l;
            if (el->type == PE_SET && (l = set_match(s, &s->d->sets[el->set], (uint32_t)k)) != 0 &&
                (!el->adjacent || k + (int64_t)l - 1 == pos)) {
                pos = k - 1;
                ok = 1;
                break;
            }
            if (el->adjacent && el->type == PE_WORD)
                break;
            if ((el->type == PE_SOURCE || el->type == PE_TARGET) && s->np_at[k] >= 0 &&
                s->np[s->np_at[k]].code && (!el->adjacent || s->np[s->np_at[k]].end - 1 == pos)) {
                int which = s->np_at[k];
                if (el->type == PE_SOURCE)
                    m->source = which;
                else
                    m->target = which;
                pos = (int64_t)s->np[which].first - 1;
                ok = 1;
                break;
            }
            /* TABARI: a pronoun fills an actor slot with its referent. */
            int pr;
            if ((el->type == PE_SOURCE || el->type == PE_TARGET) &&
                (s->doc->flags & AC_CODE_FIRST_ACTOR) && s->np_at[k] < 0 && (!el->adjacent || k == pos) &&
                (pr = ac_code_pronoun_ref(s, (uint32_t)k)) >= 0) {
                if (el->type == PE_SOURCE)
                    m->source = pr;
                else
                    m->target = pr;
                pos = k - 1;
                ok = 1;
                break;
            }
        }
        if (!ok)
            return 0;
    }
    /* Elements after the head, in order. */
    uint32_t at = h + 1;
    for (uint16_t e = 0; e < p->npost; e++) {
        const ac_elem *el = &p->post[e];
        int ok = 0;
        if (el->type == PE_ANY || el->type == PE_COMPOUND) {
            /* Skip the next actor, a compound as a whole ("in ^ with +");
             * %: it must be a compound ("agree with %"), and is the target. */
            int which = find_np_after(s, at, say);
            if (which < 0 || (el->type == PE_COMPOUND && !is_compound(s, which)))
                return 0;
            if (el->type == PE_COMPOUND)
                m->target = which;
            else
                m->skipped = s->np[which].group;
            int32_t g = s->np[which].group;
            at = s->np[which].end;
            for (uint32_t k = (uint32_t)which + 1; k < s->nnp && s->np[k].group == g; k++)
                at = s->np[k].end;
            continue;
        } else if (el->type == PE_TARGET || el->type == PE_SOURCE) {
            /* TABARI: a pronoun right after fills the slot with its referent. */
            int pr = (s->doc->flags & AC_CODE_FIRST_ACTOR) && at < s->n && s->np_at[at] < 0
                         ? ac_code_pronoun_ref(s, at) : -1;
            if (pr >= 0) {
                if (el->type == PE_TARGET)
                    m->target = pr;
                else
                    m->source = pr;
                at++;
                ok = 1;
                continue;
            }
            int which = find_np_after(s, at, say);
            if (which >= 0 && (!el->adjacent || s->np[which].first == at)) {
                if (el->type == PE_TARGET)
                    m->target = which;
                else
                    m->source = which;
                at = s->np[which].end;
                ok = 1;
            }
        } else {
            /* TABARI reads the words of a pattern anywhere in the clause. */
            const int flat = (s->doc->flags & AC_CODE_FIRST_ACTOR) != 0;
            uint32_t last = el->adjacent ? at : flat ? s->n : at + skip;
            assert(s->stop);
            const uint32_t stop = !flat && at < s->n ? s->stop[at] : s->n;
            for (uint32_t k = at; k < s->n && k <= last; k++) {
                if (flat && s->clause && s->clause[k] != s->clause[h])
                    break;
                if (flat && s->aside && s->aside[k])
                    continue;                   /* a comma clause set aside */
                /* A pattern may name the boundary word itself ("agree that"). */
                if (el->type == PE_WORD && word_match(s, el, k)) {
                    if (m->first_word == UINT32_MAX)
                        m->first_word = k;
                    at = k + 1;
                    ok = 1;
                    break;
                }
                if (k == stop)
                    break;                      /* a boundary or a coded actor */
                if (flat && (s->t[k].flags & TK_PUNCT) && (is_boundary(s, k) || is_punct(s, k, ',')))
                    break;
                if (el->type == PE_SET) {
                    uint32_t l = set_match(s, &s->d->sets[el->set], k);
                    if (l) {
                        if (m->first_word == UINT32_MAX)
                            m->first_word = k;
                        at = k + l;
                        ok = 1;
                        break;
                    }
                }
            }
        }
        if (!ok)
            return 0;
    }
    m->end = at;
    if (!p->has_target)
        m->target = find_np_after(s, at, say);
    return 1;
}

/* ---- 6, 7. roles and mood ------------------------------------------------------- */

typedef struct vgroup {
    uint32_t first;        /* first token of the verb group */
    int neg, future, cond, intent, refuse, fail, threat, passive;
    int intent_noun;       /* token of an intent noun ("intent to join"), -1 */
    int control;           /* token of a control verb ("plans to"), -1 */
} vgroup;

/* Reads the verb group leftwards from the head h. */
static void read_group(const sent *s, uint32_t h, vgroup *g)
{
    memset(g, 0, sizeof *g);
    g->intent_noun = -1;
    g->control = -1;
    g->first = h;
    int saw_to = 0, saw_be = 0;
    int64_t k = (int64_t)h - 1;
    while (k >= 0) {
        uint32_t i = (uint32_t)k;
        uint32_t f = wflags(s, i);
        if (s->np_at[i] >= 0 || (s->t[i].flags & TK_PUNCT))
            break;
        if (f & WF_TO) {
            saw_to = 1;
        } else if (f & WF_NEG) {
            g->neg++;
        } else if (f & WF_FUTURE) {
            g->future = 1;
        } else if (f & WF_COND) {
            g->cond = 1;
        } else if (f & WF_BE) {
            if (!saw_to && (k == (int64_t)h - 1 || saw_be == 0))
                saw_be = 1;
        } else if (f & (WF_HAVE | WF_DO)) {
            ;
        } else if ((f & WF_ADV) || is_ly(s, i)) {
            ;
        } else if (saw_to && (f & WF_REFUSE)) {
            g->refuse = 1;
            g->control = (int)i;
            saw_to = 0;
        } else if (saw_to && (f & WF_FAIL)) {
            g->fail = 1;
            g->control = (int)i;
            saw_to = 0;
        } else if (saw_to && (f & WF_THREAT)) {
            g->threat = 1;
            g->control = (int)i;
            saw_to = 0;
        } else if (saw_to && (f & WF_EXPECT) && i > 0 && (wflags(s, i - 1) & WF_BE)) {
            g->future = 1;                       /* is expected to, is set to */
            g->control = (int)i;
            saw_to = 0;
        } else if (saw_to && (f & WF_INTENT)) {
            g->intent = 1;
            g->control = (int)i;
            saw_to = 0;
        } else if (saw_to && (f & WF_INTENTN)) {
            g->intent = 1;
            g->intent_noun = (int)i;
            k--;
            break;
        } else {
            break;
        }
        k--;
    }
    g->first = (uint32_t)(k + 1);
    /* Passive: a form of be right before a participle (adverbs allowed). */
    uint32_t hf = wflags(s, h);
    if ((hf & WF_PP) && h > 0) {
        int64_t j = (int64_t)h - 1;
        while (j >= 0 && ((wflags(s, (uint32_t)j) & (WF_ADV | WF_NEG)) || is_ly(s, (uint32_t)j)))
            j--;
        if (j >= 0 && (wflags(s, (uint32_t)j) & WF_BE) && s->np_at[j] < 0)
            g->passive = 1;
    }
    /* A conditional clause: "if" earlier in the same clause. */
    for (int64_t j = (int64_t)g->first - 1; j >= 0; j--) {
        uint32_t f = wflags(s, (uint32_t)j);
        if (f & WF_IF) {
            g->cond = 1;
            break;
        }
        if (is_boundary(s, (uint32_t)j) || is_punct(s, (uint32_t)j, ','))
            break;
    }
}

/* Is the head at h used as a noun? (determiner, possessive, or object of a verb) */
static int noun_usage(const sent *s, uint32_t h)
{
    if (h == 0)
        return !(wflags(s, h) & (WF_PAST | WF_ING));   /* "Talks between ..." opens a sentence */
    /* A past form ("appealed", "requested") is a verb unless a determiner
     * stands right before it ("the accused"). */
    if (wflags(s, h) & WF_PAST)
        return (wflags(s, h - 1) & WF_DET) != 0;
    int64_t k = (int64_t)h - 1;
    /* Skip adjectives: unknown lower-case words and -ly words. */
    for (int skip = 0; k >= 0 && skip < 2; skip++) {
        const ac_tok *t = &s->t[k];
        int ends_s = s->text[t->start + t->len - 1] == 's';
        if ((t->flags & TK_WORD) && !(t->flags & (TK_POSS | TK_CAP)) && s->np_at[k] < 0 && !ends_s &&
            (!t->word || !(wflags(s, (uint32_t)k) & ~(WF_ADV | WF_PAST | WF_PP))) &&
            !(wflags(s, (uint32_t)k) & (WF_HEAD | WF_LIGHT | WF_SAY)))
            k--;
        else
            break;
    }
    if (k < 0)
        return 0;
    uint32_t i = (uint32_t)k;
    uint32_t f = wflags(s, i);
    if (s->t[i].flags & TK_POSS)
        return 1;
    /* "during a brief private visit": a determiner a few modifiers back. */
    for (int64_t j = k, n = 0; j >= 0 && n < 4; j--, n++) {
        const ac_tok *t = &s->t[j];
        uint32_t g = wflags(s, (uint32_t)j);
        if (g & (WF_DET | WF_POSSPRON))
            return 1;
        if (!(t->flags & TK_WORD) || (t->flags & (TK_CAP | TK_POSS)) || s->np_at[j] >= 0 ||
            (g & (WF_BE | WF_HAVE | WF_DO | WF_TO | WF_FUTURE | WF_COND | WF_NEG | WF_PRON |
                  WF_SUBORD | WF_PREP | WF_AND | WF_PAST | WF_ING | WF_SAY | WF_LIGHT)))
            break;
    }
    if (f & (WF_DET | WF_POSSPRON))
        return 1;
    if ((f & WF_PREP) && !(f & WF_TO))
        return 1;
    if ((f & WF_LIGHT) && !(f & (WF_HAVE)))
        return 1;
    if (f & WF_HAVE)
        return !(wflags(s, h) & (WF_PP | WF_PAST));   /* had talks / has signed */
    return 0;
}

/* Resolves a pronoun at token i to an NP before it, or to the story's memory. */
static int pronoun_np(const sent *s, uint32_t i)
{
    for (int64_t k = (int64_t)i - 1; k >= 0; k--) {
        int w = s->np_at[k];
        if (w >= 0 && s->np[w].code && s->np[w].kind != AK_AGREEMENT)
            return w;
    }
    return -1;
}

typedef struct actorset {
    const char *code[16];
    const char *text[16];
    int n;
} actorset;

static const char *np_text(sent *s, const ac_np *np)
{
    uint32_t a = s->t[np->first].start;
    uint32_t b = s->t[np->end - 1].start + s->t[np->end - 1].len;
    return ac_arena_strndup(&s->doc->arena, s->text + a, b - a);
}

/* All members of the compound of NP w. */
static void np_members(sent *s, int w, actorset *out)
{
    out->n = 0;
    if (w < 0)
        return;
    int32_t g = s->np[w].group;
    for (uint32_t k = 0; k < s->nnp && out->n < 16; k++)
        if (s->np[k].group == g && s->np[k].code) {
            out->code[out->n] = s->np[k].code;
            out->text[out->n] = np_text(s, &s->np[k]);
            out->n++;
            /* The community's dictionaries give a name several undated
             * codes for several actors at once ("The Shire" = FRO, BIL, SAM). */
            const ac_entry *e = &s->d->entries[s->np[k].entry];
            if (!(s->doc->flags & AC_CODE_LITERAL) || e->ncodes < 2 ||
                strcmp(s->np[k].code, e->codes[0].code) != 0)
                continue;
            for (uint32_t c = 1; c < e->ncodes && out->n < 16; c++)
                if (!e->codes[c].dated && !e->codes[0].dated) {
                    out->code[out->n] = e->codes[c].code;
                    out->text[out->n] = out->text[out->n - 1];
                    out->n++;
                }
        }
}

/* The subject of the verb group starting at token `first`: the nearest NP
 * to its left in the clause that is not the object of a preposition and not
 * an agreement; a pronoun resolves to its antecedent; a relative pronoun to
 * the NP before it. Returns an NP index, -2 for "the story's last actor",
 * or -1. */
static int find_subject_strict(const sent *s, uint32_t first, int *possessor);

static int find_subject(const sent *s, uint32_t first)
{
    int possessor = -1;
    int r = find_subject_strict(s, first, &possessor);
    /* The community's coders take the actor inside the subject phrase:
     * "Eriador's death toll has risen" is Eriador's. */
    if (r == -1 && (s->doc->flags & AC_CODE_LITERAL))
        r = possessor;
    return r;
}

/* The subject proper; *possessor gets the first possessor passed over. */
static int find_subject_strict(const sent *s, uint32_t first, int *possessor)
{
    int depth_comma = 0;
    for (int64_t k = (int64_t)first - 1; k >= 0; k--) {
        uint32_t i = (uint32_t)k;
        int w = s->np_at[i];
        if (w >= 0) {
            /* A compound counts as one phrase: jump to its first member. */
            const ac_np *np = &s->np[s->np[w].group];
            if (!np->code)
                np = &s->np[w];
            k = np->first;                       /* loop's k-- moves past it */
            if (!np->code || np->kind == AK_AGREEMENT)
                continue;
            if (np->poss) {
                if (*possessor < 0 && depth_comma % 2 == 0)
                    *possessor = s->np[w].group;
                continue;                        /* Kazakhstan's intent: possessor, not subject */
            }
            int prep = np->first > 0 && (wflags(s, np->first - 1) & WF_PREP) &&
                       !(s->t[np->first - 1].flags & TK_POSS);
            /* Objects of prepositions and phrases inside ", ... ," are not
             * subjects ("Tokayev, in a call with Trump, agreed"). */
            if (prep || depth_comma % 2 == 1)
                continue;
            /* A member of a compound: return the group's first NP. */
            return s->np[w].group;
        }
        uint32_t f = wflags(s, i);
        if ((f & WF_RELATIVE) && i + 1 != first && s->t[i].len == 4 &&
            (s->doc->flags & AC_CODE_LITERAL) && !memcmp(s->text + s->t[i].start, "that", 4)) {
            /* "France that territorial disputes should": a complementizer,
             * not the subject of a relative clause. */
            break;
        }
        if (f & WF_RELATIVE) {
            /* "Tokayev, who met ..." -> the NP before the relative pronoun. */
            int64_t j = k - 1;
            while (j >= 0 && is_punct(s, (uint32_t)j, ','))
                j--;
            if (j >= 0 && s->np_at[j] >= 0 && s->np[s->np_at[j]].code)
                return s->np[s->np_at[j]].group;
            if (f & WF_SUBORD)
                break;
        }
        if (f & WF_PRON) {
            int w2 = pronoun_np(s, i);
            return w2 >= 0 ? s->np[w2].group : -2;
        }
        if (is_boundary(s, i))
            break;
        /* A speech verb: what follows it is its complement, whose subject
         * stands between the two ("Rubio said the deal widens ties"). */
        if ((f & WF_SAY) && !(s->t[i].flags & TK_CAP))
            break;
        if (is_punct(s, i, ','))
            depth_comma++;
        if (is_punct(s, i, '"'))
            break;
    }
    return -1;
}

/* ---- 8. events -------------------------------------------------------------------- */

static int add_event(sent *s, const char *src, const char *src_text, const char *tgt,
                     const char *tgt_text, const char *code, ac_mood mood,
                     const ac_pattern *p, uint32_t vfirst, uint32_t vend)
{
    ac_doc *doc = s->doc;
    if (!src || !tgt || strcmp(src, tgt) == 0)
        return 0;
    /* One event per (source, target, code) per sentence. */
    for (size_t k = doc->nevents; k-- > 0;) {
        const ac_event *e = &doc->events[k];
        if (e->sentence_id != s->sid)
            break;
        if (strcmp(e->source, src) == 0 && strcmp(e->target, tgt) == 0 && strcmp(e->code, code) == 0)
            return 0;
    }
    if (doc->nevents == doc->cap_events) {
        size_t cap = doc->cap_events ? doc->cap_events * 2 : 16;
        ac_event *ne = ac_arena_alloc(&doc->arena, cap * sizeof *ne);
        if (!ne)
            return -1;
        if (doc->nevents)
            memcpy(ne, doc->events, doc->nevents * sizeof *ne);
        doc->events = ne;
        doc->cap_events = cap;
    }
    const ac_cameo_info *ci = ac_cameo_lookup(s->d, code);
    assert(ci);
    if (p->subordinate && doc->nevents - s->first_event < 64)
        s->subordinate |= (uint64_t)1 << (doc->nevents - s->first_event);
    ac_event *e = &doc->events[doc->nevents++];
    memset(e, 0, sizeof *e);
    e->sentence_id = s->sid;
    e->source = src;
    e->target = tgt;
    e->source_text = src_text;
    e->target_text = tgt_text;
    e->code = ci->code;
    char root[3] = {ci->code[0], ci->code[1], 0};
    const ac_cameo_info *ri = ac_cameo_lookup(s->d, root);
    e->root = ri ? ri->code : ac_arena_strdup(&doc->arena, root);
    e->quad = ci->quad;
    e->goldstein = ci->goldstein;
    e->plover = ci->plover;
    e->mood = mood;
    uint32_t a = s->t[vfirst].start, b = s->t[vend - 1].start + s->t[vend - 1].len;
    e->verb_text = ac_arena_strndup(&doc->arena, s->text + a, b - a);
    e->pattern = p->where;
    e->pattern_text = p->text;
    ac_code_explain(s, "    event %s -> %s %s (%s) mood=%s pattern %s\n", src, tgt, code, ci->name,
            ac_mood_name(mood), p->where);
    return 1;
}

/* "the", "a", "an": TABARI's marks of a noun. */
static int is_article(const sent *s, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    const char *w = s->text + t->start;
    if (!(t->flags & TK_WORD) || t->len > 3)
        return 0;
    return (t->len == 1 && (w[0] | 32) == 'a') ||
           (t->len == 2 && (w[0] | 32) == 'a' && (w[1] | 32) == 'n') ||
           (t->len == 3 && (w[0] | 32) == 't' && (w[1] | 32) == 'h' && (w[2] | 32) == 'e');
}

/* Does the verb group starting at `first` follow "and" (", and") directly,
 * so that it shares the subject of the verb before it? */
static int coordinated(const sent *s, uint32_t first)
{
    if (first == 0 || !(wflags(s, first - 1) & WF_AND))
        return 0;
    uint32_t k = first - 1;
    if (k > 0 && is_punct(s, k - 1, ','))
        k--;
    /* "Israel and Kazakhstan signed": the word before "and" ends an actor
     * phrase, so this is a compound subject, not a second verb. */
    return k > 0 && s->np_at[k - 1] < 0;
}

/* Codes the head at token h. Returns -1 on OOM. */
static int code_head(sent *s, uint32_t h, int *say_heads, uint32_t *nsay)
{
    uint32_t base = base_of(s, h);
    uint32_t np;
    const uint32_t *list = ac_dict_patterns_for(s->d, base, &np);
    if (!list)
        return 0;
    /* TABARI shifts a verb to a noun only after a determiner ("the
     * restore", manual 7); accord reads the context more widely. */
    /* ... or a possessive after it ("donate's"). */
    int noun = (s->doc->flags & AC_CODE_FIRST_ACTOR)
                   ? (h > 0 && is_article(s, h - 1)) || is_poss(s, h + 1)
                   : noun_usage(s, h);
    /* The community's dictionaries code verbs only. */
    if (noun && (s->doc->flags & AC_CODE_LITERAL))
        return 0;
    int say = (wflags(s, h) & WF_SAY) && !noun;
    /* "threatened to attack", "agreed to meet": the verb after "to" is the
     * event, coded with the control verb's mood; the control verb is not. */
    if (!noun && (wflags(s, h) & (WF_INTENT | WF_REFUSE | WF_FAIL | WF_THREAT))) {
        uint32_t j = h + 1;
        while (j < s->n && ((wflags(s, j) & WF_ADV) || is_ly(s, j)))
            j++;
        if (j + 1 < s->n && (wflags(s, j) & WF_TO) && s->t[j + 1].word &&
            (s->d->words[base_of(s, j + 1)].flags & WF_HEAD)) {
            ac_code_explain(s, "  control verb '%.*s': the verb after 'to' carries the event\n",
                    (int)s->t[h].len, s->text + s->t[h].start);
            return 0;
        }
    }
    match m = {NULL, -1, -1, -1, -1, h + 1, UINT32_MAX};
    int found = 0;
    if (s->doc->flags & AC_CODE_LITERAL) {
        /* The community's coders read the verb's object first: of the
         * patterns that match, the one whose words start nearest the verb
         * ("signed an accord ... to supply": ACCORD before TO SUPPLY);
         * among those, the best (the list's order). */
        match best = m, cur;
        for (uint32_t k = 0; k < np; k++) {
            if (!try_pattern(s, &s->d->patterns[list[k]], h, say, &cur))
                continue;
            if (!found || (cur.first_word != UINT32_MAX &&
                           (best.first_word == UINT32_MAX ? 0 : cur.first_word < best.first_word)))
                best = cur;
            found = 1;
        }
        m = best;
    } else {
        for (uint32_t k = 0; k < np && !found; k++)
            found = try_pattern(s, &s->d->patterns[list[k]], h, say, &m);
    }
    /* A word that is a root of its own ("called", of CALLED_ON) may also
     * begin with a shorter root ("call"): try that root's patterns too. */
    if (!found && s->d->stats.stem_lengths) {
        uint32_t st = ac_code_stem_of(s, h);
        if (st && s->d->words[st].base != base &&
            (list = ac_dict_patterns_for(s->d, s->d->words[st].base, &np)) != NULL)
            for (uint32_t k = 0; k < np && !found; k++)
                found = try_pattern(s, &s->d->patterns[list[k]], h, say, &m);
    }
    ac_code_explain(s, "  head '%.*s' (base %s, %s): %s\n", (int)s->t[h].len, s->text + s->t[h].start,
            s->d->words[base].text, noun ? "noun" : "verb",
            found ? m.p->where : "no pattern matched");
    if (!found)
        return 0;

    vgroup g;
    read_group(s, h, &g);
    /* A bare -ing form is a participle or gerund, not a predicate
     * ("..., demonstrating a calculated approach"). */
    if (!noun && (wflags(s, h) & WF_ING) && !(wflags(s, h) & (WF_PAST | WF_PP)) && g.first == h &&
        !(s->doc->flags & AC_CODE_FIRST_ACTOR)) {       /* TABARI's patterns decide */
        ac_code_explain(s, "    bare -ing form: not a predicate\n");
        return 0;
    }

    /* The community's coders code the main verb of a clause, not the
     * infinitives it governs ("called on Gondor to be allowed to leave"):
     * once the sentence has an event, an infinitive adds none. */
    if ((s->doc->flags & AC_CODE_LITERAL) && !noun && s->doc->nevents > s->first_event) {
        for (int64_t k = (int64_t)h - 1; k >= 0 && k >= (int64_t)h - 4; k--) {
            uint32_t f = wflags(s, (uint32_t)k);
            if (f & WF_TO) {
                ac_code_explain(s, "    an infinitive after the sentence's event: not coded\n");
                return 0;
            }
            if (!(f & (WF_BE | WF_ADV)) && !is_ly(s, (uint32_t)k))
                break;
        }
    }

    /* Source. */
    int src = m.source;
    int tgt = m.target;
    int from_memory = 0;
    if (src < 0) {
        if (noun) {
            /* Possessor right before: Kazakhstan's accession. */
            int64_t k = (int64_t)h - 1;
            while (k >= 0 && s->np_at[k] < 0 && !(s->t[k].flags & TK_POSS) &&
                   !(wflags(s, (uint32_t)k) & (WF_POSSPRON | WF_PREP | WF_HEAD)) && (s->t[k].flags & TK_WORD) &&
                   h - k <= 3)
                k--;
            if (k >= 0 && (s->t[k].flags & TK_POSS) && k > 0 && s->np_at[k - 1] >= 0)
                src = s->np[s->np_at[k - 1]].group;
            else if (k >= 0 && (wflags(s, (uint32_t)k) & WF_POSSPRON)) {
                int w = pronoun_np(s, (uint32_t)k);
                src = w >= 0 ? s->np[w].group : -2;
            }
            /* "a visit by Rubio" */
            if (src < 0) {
                for (uint32_t j = m.end; j < s->n && j < m.end + 4; j++)
                    if ((wflags(s, j) & WF_BY) && j + 1 < s->n && s->np_at[j + 1] >= 0) {
                        src = s->np[s->np_at[j + 1]].group;
                        break;
                    }
                for (uint32_t j = h + 1; src < 0 && j < s->n && j < h + 3; j++)
                    if ((wflags(s, j) & WF_BY) && j + 1 < s->n && s->np_at[j + 1] >= 0)
                        src = s->np[s->np_at[j + 1]].group;
            }
            /* The subject of the light verb before it: Trump held talks. */
            if (src < 0 && k >= 0) {
                int64_t v = k;
                while (v >= 0 && h - v <= 5 && s->np_at[v] < 0 && !is_boundary(s, (uint32_t)v)) {
                    if (wflags(s, (uint32_t)v) & (WF_LIGHT | WF_HEAD)) {
                        vgroup lg;
                        read_group(s, (uint32_t)v, &lg);
                        src = find_subject(s, lg.first);
                        if (g.first == h) {
                            g = lg;
                            g.passive = 0;
                        }
                        break;
                    }
                    v--;
                }
            }
        } else if (g.intent_noun >= 0) {
            /* Kazakhstan's intent to join / its decision to join. */
            int64_t k = g.intent_noun - 1;
            while (k >= 0 && (s->t[k].flags & TK_WORD) && s->np_at[k] < 0 &&
                   !(s->t[k].flags & TK_POSS) && !(wflags(s, (uint32_t)k) & WF_POSSPRON) &&
                   g.intent_noun - k <= 3)
                k--;
            if (k > 0 && (s->t[k].flags & TK_POSS) && s->np_at[k - 1] >= 0)
                src = s->np[s->np_at[k - 1]].group;
            else if (k >= 0 && (wflags(s, (uint32_t)k) & WF_POSSPRON)) {
                int w = pronoun_np(s, (uint32_t)k);
                src = w >= 0 ? s->np[w].group : -2;
            } else {
                src = find_subject(s, (uint32_t)(k + 1));
            }
        } else if (coordinated(s, g.first) && s->last_subject >= 0) {
            /* "condemned the attack and promised aid": the first verb's subject. */
            src = s->last_subject;
        } else {
            src = find_subject(s, g.first);
        }
    }
    if ((s->doc->flags & AC_CODE_FIRST_ACTOR) && !noun && !g.passive &&
        (m.source < 0 || (!m.p->has_target && tgt < 0)))
        ac_code_first_actor_roles(s, h, m.p->has_target ? m.target : -1, m.source, m.skipped, &src, &tgt);
    /* TABARI: a compound after the verb ("exchanged prisoners with %") acts
     * among its members, each with the others. */
    if ((s->doc->flags & AC_CODE_FIRST_ACTOR) && tgt >= 0 && m.source < 0)
        for (uint16_t e = 0; e < m.p->npost; e++)
            if (m.p->post[e].type == PE_COMPOUND) {
                src = s->np[tgt].group;
                tgt = -1;
                break;
            }
    /* ... and so does one a % before the verb matched ("% *": "Fornost and
     * Gondor welcomed"). */
    if ((s->doc->flags & AC_CODE_FIRST_ACTOR) && m.compound >= 0 && m.source < 0 && !m.p->has_target) {
        src = m.compound;
        tgt = -1;
    }
    if (g.passive && !noun && !m.p->has_source) {   /* a $ slot spells the roles out */
        /* The subject is the target; "by X" after the verb is the source. */
        int by = -1;
        for (uint32_t j = h + 1; j < s->n && j < h + 8; j++) {
            if (is_boundary(s, j))
                break;
            if ((wflags(s, j) & WF_BY) && j + 1 < s->n && s->np_at[j + 1] >= 0 &&
                s->np[s->np_at[j + 1]].code) {
                by = s->np[s->np_at[j + 1]].group;
                break;
            }
        }
        /* The community's coders take the first actor after a passive verb
         * without "by" as its agent ("was shot dead in Osgiliath"). */
        if (by < 0 && (s->doc->flags & AC_CODE_LITERAL)) {
            int w = find_np_after(s, h + 1, 0);
            if (w >= 0 && s->np[w].group != src)
                by = s->np[w].group;
        }
        if (tgt < 0 || tgt == by) {
            tgt = src;
            src = by;
        } else {
            src = by;
        }
    }

    actorset S, T;
    if (src == -2 && s->doc->last_code) {
        S.n = 1;
        S.code[0] = s->doc->last_code;
        S.text[0] = s->doc->last_text;
        from_memory = 1;
    } else {
        np_members(s, src, &S);
    }
    np_members(s, tgt, &T);

    /* Mood and the code it implies. A paired pattern ([042:043]) also codes
     * the reverse direction with code2; a pattern with only code2 codes
     * only that. */
    const char *code = m.p->code ? m.p->code : m.p->code2;
    const char *code2 = m.p->code ? m.p->code2 : NULL;
    if (!m.p->code) {
        actorset tmp = S;
        S = T;
        T = tmp;
    }
    ac_mood mood = AC_MOOD_DONE;
    if (g.cond)
        mood = AC_MOOD_CONDITIONAL;
    if (g.future)
        mood = AC_MOOD_FUTURE;
    if (g.intent)
        mood = AC_MOOD_INTENT;
    if (s->doc->flags & AC_CODE_LITERAL) {
        /* A negation the pattern does not spell out: the code's negation
         * when the dictionary has one (PETRARCH's PICO), else no event.
         * TABARI reads negation only where a pattern spells it out. */
        if (g.neg && m.p->npre == 0 && !(s->doc->flags & AC_CODE_FIRST_ACTOR)) {
            const ac_cameo_info *ci = ac_cameo_lookup(s->d, code);
            code = ci && ci->negation ? ci->negation : NULL;
            code2 = NULL;
        }
    } else if (g.refuse) {
        code = g.neg ? code : ac_code_reject(s->d, code);
        mood = AC_MOOD_DONE;
    } else if (g.neg || g.fail) {
        code = NULL;
    } else if (g.threat) {
        const char *t = ac_code_threat(s->d, code);
        code = t ? t : code;
        mood = AC_MOOD_DONE;
    } else if (mood != AC_MOOD_DONE) {
        const char *t = code[0] == '0' ? ac_code_intent(s->d, code) : ac_code_threat(s->d, code);
        if (t)
            code = t;
    }
    ac_code_explain(s, "    group: neg=%d future=%d cond=%d intent=%d refuse=%d fail=%d threat=%d passive=%d; "
               "source %s, target %s\n",
            g.neg, g.future, g.cond, g.intent, g.refuse, g.fail, g.threat, g.passive,
            S.n ? S.code[0] : "-", T.n ? T.code[0] : "-");
    if (!code) {
        ac_code_explain(s, "    negated or failed: no event\n");
        return 0;
    }

    /* A say-verb whose complement holds another event is only reported
     * speech: remember it, so it can be dropped (CAMEO 010 rule). */
    int quoted = 0;
    for (uint32_t j = h + 1; j < s->n && j <= h + 2; j++)
        if (is_punct(s, j, '"'))
            quoted = 1;
    for (int64_t j = (int64_t)h - 1; j >= 0 && j >= (int64_t)h - 4; j--)
        if (is_punct(s, (uint32_t)j, '"'))
            quoted = 1;
    size_t before = s->doc->nevents;
    uint32_t vend = h + 1;
    if (S.n >= 2 && T.n == 0 && !m.p->has_source) {
        /* "Uzbekistan and Azerbaijan signed a pact": each with the other. */
        T = S;
    }
    if (S.n == 0 && T.n >= 2 && noun) {
        /* "a call involving A, B and C": every pair, both ways. */
        for (int a = 0; a < T.n; a++)
            for (int b = 0; b < T.n; b++)
                if (a != b && add_event(s, T.code[a], T.text[a], T.code[b], T.text[b], code, mood,
                                        m.p, g.first, vend) < 0)
                    return -1;
    } else {
        for (int a = 0; a < S.n; a++)
            for (int b = 0; b < T.n; b++)
                if (add_event(s, S.code[a], S.text[a], T.code[b], T.text[b], code, mood, m.p,
                              g.first, vend) < 0 ||
                    (code2 && (mood == AC_MOOD_DONE || (s->doc->flags & AC_CODE_LITERAL)) &&
                     code == (m.p->code ? m.p->code : m.p->code2) &&
                     add_event(s, T.code[b], T.text[b], S.code[a], S.text[a], code2, mood, m.p,
                               g.first, vend) < 0))
                    return -1;
    }
    if (s->doc->nevents > before) {
        if (!noun && src >= 0 && !g.passive)
            s->last_subject = src;
        if (S.n && !from_memory) {
            s->doc->last_code = S.code[0];
            s->doc->last_text = S.text[0];
        }
        if (say && code[0] == '0' && code[1] == '1' && !quoted && *nsay < 8)
            say_heads[(*nsay)++] = (int)before;
    }
    return 0;
}

/* Copies the sentence's actor phrases into the doc (AC_CODE_KEEP_ACTORS),
 * with absolute token indexes. Returns -1 on OOM. */
static int keep_actors(sent *s)
{
    ac_doc *doc = s->doc;
    if (doc->nnps + s->nnp > doc->cap_nps) {
        size_t cap = doc->cap_nps ? doc->cap_nps * 2 : 64;
        while (cap < doc->nnps + s->nnp)
            cap *= 2;
        ac_np *np = ac_arena_alloc(&doc->arena, cap * sizeof *np);
        uint32_t *ns = ac_arena_alloc(&doc->arena, cap * sizeof *ns);
        if (!np || !ns)
            return -1;
        if (doc->nnps) {
            memcpy(np, doc->nps, doc->nnps * sizeof *np);
            memcpy(ns, doc->np_sentence, doc->nnps * sizeof *ns);
        }
        doc->nps = np;
        doc->np_sentence = ns;
        doc->cap_nps = cap;
    }
    uint32_t base = (uint32_t)(s->t - doc->toks);
    for (uint32_t k = 0; k < s->nnp; k++) {
        ac_np *np = &doc->nps[doc->nnps + k];
        *np = s->np[k];
        np->first += base;
        np->end += base;
        np->group += (int32_t)doc->nnps;
        doc->np_sentence[doc->nnps + k] = s->sid;
    }
    doc->nnps += s->nnp;
    return 0;
}

ac_status ac_code_sentence(ac_doc *doc, size_t si, ac_stage stop_after)
{
    const ac_span *sp = &doc->spans[si];
    sent s;
    s.doc = doc;
    s.d = doc->dict;
    s.text = doc->text;
    s.t = doc->toks + sp->first;
    s.n = sp->count;
    s.sid = (uint32_t)si;
    s.nnp = 0;
    s.ex = (doc->flags & AC_CODE_EXPLAIN) ? &doc->explain : NULL;
    s.first_event = doc->nevents;
    s.aside = NULL;
    s.clause = NULL;
    s.stop = NULL;
    s.sig = ~(uint64_t)0;
    s.last_subject = -1;
    s.subordinate = 0;
    const ac_dict *d = s.d;

    /* 1. words */
    for (uint32_t i = 0; i < s.n; i++)
        s.t[i].word = ac_dict_word(d, s.t[i].hash);
    if (d->stats.stem_lengths)
        for (uint32_t i = 0; i < s.n; i++)
            ac_code_match_stem(&s, i);
    if (stop_after < AC_STAGE_MATCH)
        return AC_OK;

    s.np_at = ac_arena_alloc(&doc->arena, (s.n + 1) * sizeof *s.np_at);
    ac_mention *m = ac_arena_alloc(&doc->arena, (s.n + 1) * sizeof *m);
    if (!s.np_at || !m)
        return AC_ENOMEM;
    for (uint32_t i = 0; i < s.n; i++)
        s.np_at[i] = -1;

    /* 2. mentions */
    if (d->stats.discards || d->stats.issues) {
        if (ac_code_special_phrases(&s, m) < 0)
            return AC_ENOMEM;
        if (doc->sentences[si].discarded || doc->discard_story)
            return AC_OK;
    }
    uint32_t nm = 0;
    for (uint32_t i = 0; i < s.n;) {
        if (s.t[i].word && ac_code_match_name(&s, i, &m[nm], 0)) {
            i += m[nm].n;
            nm++;
        } else {
            i++;
        }
    }
    /* 3, 4. phrases and compounds */
    build_phrases(&s, m, nm);
    build_compounds(&s);
    if ((doc->flags & AC_CODE_KEEP_ACTORS) && keep_actors(&s) < 0)
        return AC_ENOMEM;

    if (s.ex) {
        ac_code_explain(&s, "sentence %u: %.*s\n  tokens:", s.sid,
                (int)(doc->sentences[si].len), doc->text + doc->sentences[si].start);
        for (uint32_t i = 0; i < s.n; i++)
            ac_code_explain(&s, " %.*s%s", (int)s.t[i].len, s.text + s.t[i].start,
                    s.t[i].word && (d->words[s.t[i].word].flags & WF_HEAD) ? "/H" :
                    s.t[i].word && d->words[d->words[s.t[i].word].base].flags & WF_HEAD ? "/H" : "");
        ac_code_explain(&s, "\n");
        for (uint32_t k = 0; k < s.nnp; k++) {
            const ac_np *np = &s.np[k];
            ac_code_explain(&s, "  actor [%u-%u) '%.*s' -> %s (%s, %s, compound %d)\n", np->first, np->end,
                    (int)(s.t[np->end - 1].start + s.t[np->end - 1].len - s.t[np->first].start),
                    s.text + s.t[np->first].start, np->code ? np->code : "(none)",
                    ac_kind_name((ac_kind)np->kind), d->entries[np->entry].file, np->group);
        }
    }
    if (stop_after < AC_STAGE_CODE)
        return AC_OK;

    /* TABARI's MINIMUM WORDS: a short sentence is not coded. */
    if (doc->min_words) {
        uint32_t words = 0;
        for (uint32_t i = 0; i < s.n; i++)
            words += (s.t[i].flags & TK_WORD) && !(s.t[i].flags & TK_POSS);
        if (words < doc->min_words) {
            ac_code_explain(&s, "  %u words, fewer than the minimum %u: not coded\n", words,
                            doc->min_words);
            return AC_OK;
        }
    }

    /* 5-8. heads */
    int say_heads[8];
    uint32_t nsay = 0;
    uint32_t *stop = ac_arena_alloc(&doc->arena, (s.n + 1) * sizeof *stop);
    if (!stop)
        return AC_ENOMEM;
    stop[s.n] = s.n;
    uint64_t sig = 0;
    for (uint32_t k = s.n; k-- > 0;) {
        stop[k] = is_boundary(&s, k) || (s.np_at[k] >= 0 && s.np[s.np_at[k]].code) ? k : stop[k + 1];
        if (s.t[k].word)
            sig |= 1ull << (base_of(&s, k) & 63);
    }
    s.stop = stop;
    s.sig = sig;
    uint8_t *aside = NULL;
    if (doc->flags & AC_CODE_LITERAL) {
        aside = ac_arena_calloc(&doc->arena, s.n + 1, 1);
        if (!aside)
            return AC_ENOMEM;
        ac_code_mark_comma_clauses(&s, aside);
    }
    /* TABARI's CODE BY CLAUSE: a clause ends at a conjunction that does not
     * join a compound actor; once a clause has a main event, the rest of it
     * is not coded. */
    int by_clause = (doc->flags & AC_CODE_BY_CLAUSE) != 0, clause_done = 0;
    s.aside = aside;
    if (by_clause) {
        uint16_t *cl = ac_arena_alloc(&doc->arena, (s.n + 1) * sizeof *cl);
        if (!cl)
            return AC_ENOMEM;
        uint16_t c = 0;
        for (uint32_t i = 0; i < s.n; i++) {
            if (i > 0 && s.np_at[i] < 0 && ac_code_clause_break(&s, i) && c < UINT16_MAX)
                c++;
            cl[i] = c;
        }
        s.clause = cl;
    }
    for (uint32_t i = 0; i < s.n; i++) {
        if (by_clause && i > 0 && s.clause[i] != s.clause[i - 1])
            clause_done = 0;
        if (!s.t[i].word || s.np_at[i] >= 0 || (aside && aside[i]) || clause_done)
            continue;
        if (!(d->words[base_of(&s, i)].flags & WF_HEAD))
            continue;
        /* TABARI reads a capitalised word inside the sentence as a name,
         * not a verb ("is about To Restore ties"). */
        if ((doc->flags & AC_CODE_FIRST_ACTOR) && i > 0 && (s.t[i].flags & (TK_CAP | TK_UPPER)) == TK_CAP)
            continue;
        size_t before = doc->nevents;
        if (code_head(&s, i, say_heads, &nsay) < 0)
            return AC_ENOMEM;
        for (size_t e = before; by_clause && e < doc->nevents; e++)
            if (e - s.first_event >= 64 || !(s.subordinate >> (e - s.first_event) & 1u))
                clause_done = 1;
    }
    /* Subordinate patterns (TABARI's "023?") code only when nothing else in
     * the sentence does. */
    if (s.subordinate) {
        size_t n = doc->nevents - s.first_event, w = s.first_event;
        uint64_t all = n >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
        if ((s.subordinate & all) != all) {
            for (size_t k = 0; k < n; k++)
                if (k >= 64 || !(s.subordinate >> k & 1u))
                    doc->events[w++] = doc->events[s.first_event + k];
            doc->nevents = w;
            ac_code_explain(&s, "  subordinate events dropped: the sentence has another event\n");
        }
    }
    /* Reported speech: drop a statement event when the sentence has
     * another event after it. */
    for (uint32_t k = nsay; k-- > 0;) {
        size_t at = (size_t)say_heads[k];
        if (doc->nevents > at + 1) {
            int other = 0;
            for (size_t e = at + 1; e < doc->nevents; e++)
                if (doc->events[e].code[0] != '0' || doc->events[e].code[1] != '1')
                    other = 1;
            if (other) {
                /* Remove every statement event of that head (they are contiguous). */
                size_t end = at;
                while (end < doc->nevents && doc->events[end].pattern == doc->events[at].pattern &&
                       doc->events[end].code == doc->events[at].code)
                    end++;
                memmove(&doc->events[at], &doc->events[end], (doc->nevents - end) * sizeof *doc->events);
                doc->nevents -= end - at;
                ac_code_explain(&s, "  statement dropped: the reported speech holds an event\n");
            }
        }
    }
    return AC_OK;
}
