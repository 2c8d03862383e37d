/*
 * agreements.c -- what a story says about membership of named agreements.
 *
 * For each mention of an agreement (by name, or "the Accords" resolved by
 * coref.c), the words around it may report a membership action:
 *
 *   VERB [up/on] [to/from/into/of] [the] AGREEMENT
 *       join, accede, embrace, enter -> joined; sign -> signed; ratify ->
 *       ratified; withdraw, leave, quit, exit, abandon -> withdrew;
 *       suspend -> suspended; negotiate -> negotiating;
 *   became a member / party / signatory of AGREEMENT -> joined;
 *   AGREEMENT was/has been VERB-ed by ACTOR (passive).
 *
 * The verb group before the verb gives the mood, as the coder reads it:
 * "will join" future; "could join" conditional; "plans to / wants to /
 * decided to join" and "intent / decision / bid to join" intent, and for
 * joining the action itself is then `intent`; "is expected / set to join"
 * future; "is negotiating" done. A negated group ("has not joined"), a
 * refusal or failure ("refused to join"), and a bare "to join" or "joining"
 * with nothing that governs it ("the first country to join", "by joining")
 * report no action: nothing says it happened or is wanted. Nouns alone
 * ("accession", "membership", "entry") report none either: they do not say
 * whether it is done.
 *
 * The actor is the possessor of an intent noun ("Kazakhstan's intent"), or
 * the subject of the verb group (the nearest actor phrase to its left that
 * is not the object of a preposition; a pronoun resolves to the actor named
 * before). Every member of a compound subject acts ("Israel and the UAE
 * signed ..."). The date is the sentence's date or time expression.
 */
#include <string.h>

#include "extract/extract.h"

#define VERB_WINDOW 4      /* tokens between the verb and the agreement */

typedef struct group {
    int neg, future, cond, intent, refuse, passive, be, have, to;
    uint32_t first;        /* first token of the group */
    int intent_noun;       /* token of "intent", "decision" ...; -1 */
} group;

/* Reads the verb group leftwards from the membership verb at v. */
static void read_group(const ac_annotation *a, uint32_t v, uint32_t lo, group *g)
{
    memset(g, 0, sizeof *g);
    g->intent_noun = -1;
    int64_t k = (int64_t)v - 1;
    while (k >= (int64_t)lo) {
        uint32_t i = (uint32_t)k;
        uint32_t f = ax_wflags(a, i);
        const ac_tok *t = &a->doc->toks[i];
        if (a->np_at[i] >= 0 || (t->flags & TK_PUNCT))
            break;
        if (f & WF_TO) {
            g->to = 1;
        } else if (f & WF_NEG) {
            g->neg = 1;
        } else if (f & WF_FUTURE) {
            g->future = 1;
        } else if (f & WF_COND) {
            g->cond = 1;
        } else if (f & WF_BE) {
            g->be = 1;
        } else if (f & (WF_HAVE | WF_DO)) {
            g->have |= (f & WF_HAVE) != 0;
        } else if (f & WF_ADV) {
            ;
        } else if (g->to && (f & WF_REFUSE)) {
            g->refuse = 1;
        } else if (g->to && (f & WF_EXPECT) && i > lo && (ax_wflags(a, i - 1) & WF_BE)) {
            g->future = 1;
            g->to = 0;
        } else if (g->to && (f & WF_INTENT)) {
            g->intent = 1;
            g->to = 0;
        } else if (g->to && (f & WF_INTENTN)) {
            g->intent = 1;
            g->intent_noun = (int)i;
            g->to = 0;
            k--;
            break;
        } else if (g->to && (f & (WF_FAIL | WF_THREAT))) {
            g->refuse = 1;
        } else {
            break;
        }
        k--;
    }
    g->first = (uint32_t)(k + 1);
}

/* The actor phrase that is the subject of a group starting at `first`:
 * the nearest phrase to the left in the clause, not after a preposition.
 * Returns an NP index, or -2 with *pron set for a pronoun, or -1. */
static int subject(const ac_annotation *a, uint32_t first, uint32_t lo, uint32_t *pron)
{
    for (uint32_t k = first; k-- > lo;) {
        int np = a->np_at[k];
        if (np >= 0) {
            const ac_np *p = &a->doc->nps[np];
            k = p->first;
            if (p->kind == AK_AGREEMENT || !p->code)
                continue;
            if (p->first > lo && (ax_wflags(a, p->first - 1) & WF_PREP) &&
                !(a->doc->toks[p->first - 1].flags & TK_POSS))
                continue;
            if (p->end < a->ntok && (a->doc->toks[p->end].flags & TK_POSS))
                continue;                       /* a possessor, not the subject */
            return (int)p->group;
        }
        uint32_t cls = a->lex[k].cls;
        if ((cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT)) && !(ax_wflags(a, k) & WF_POSSPRON)) {
            *pron = k;
            return -2;
        }
        uint32_t f = ax_wflags(a, k);
        if ((f & WF_SUBORD) && !(f & WF_RELATIVE))
            break;
        if (ax_punct(a, k, ';') || ax_punct(a, k, ':') || ax_punct(a, k, '"'))
            break;
    }
    return -1;
}

static int add_action(ac_annotation *a, uint32_t agr, int action, ac_mood mood, const char *code,
                      const char *text, const char *name, uint32_t first, uint32_t end)
{
    ax_action *x = AX_PUSH(a, a->actions, a->nactions, a->cap_actions);
    if (!x)
        return -1;
    x->agreement = agr;
    x->action = (uint8_t)action;
    x->mood = mood;
    x->actor = code ? code : "";
    x->actor_text = text ? text : "";
    x->actor_name = name ? name : "";
    x->sentence = a->sent_of[first];
    x->first = first;
    x->end = end;
    x->text = ax_text(a, first, end);
    x->date = ax_when(a, ax_sent_first(a, x->sentence), ax_sent_end(a, x->sentence), 0);
    return x->text && x->date ? 0 : -1;
}

/* Adds the action for every actor of NP group g (or the pronoun at pron). */
static int add_for_actors(ac_annotation *a, uint32_t agr, int action, ac_mood mood, int g, uint32_t pron,
                          uint32_t first, uint32_t end)
{
    if (g == -2) {
        uint32_t cls = a->lex[pron].cls;
        int x = cls & LX_PRON_HE ? ax_person_before(a, pron) : ax_actor_before(a, pron, 0);
        if (x < 0)
            return add_action(a, agr, action, mood, "", ax_text(a, pron, pron + 1), "", first, end);
        return add_action(a, agr, action, mood, a->ents[x].code, ax_text(a, pron, pron + 1),
                          a->ents[x].name, first, end);
    }
    if (g < 0)
        return add_action(a, agr, action, mood, "", "", "", first, end);
    for (size_t k = (size_t)g; k < a->doc->nnps; k++) {
        const ac_np *p = &a->doc->nps[k];
        if (p->group != g)
            break;
        if (!p->code)
            continue;
        int x = ax_np_entity(a, (int)k);
        const char *name = x >= 0 ? a->ents[x].name : "";
        if (add_action(a, agr, action, mood, p->code, ax_text(a, p->first, p->end), name, first, end) < 0)
            return -1;
    }
    return 0;
}

/* The membership verb that governs the agreement at [mf, me), looking left;
 * its token, or -1. *member is set for "became a member of". */
static int verb_before(const ac_annotation *a, uint32_t mf, uint32_t lo, int *member)
{
    *member = 0;
    for (uint32_t k = mf, n = 0; k-- > lo && n < VERB_WINDOW; n++) {
        if (a->lex[k].cls & LX_MEMBER)
            return (int)k;
        uint32_t f = ax_wflags(a, k);
        if (ax_is(a, k, "member") || ax_is(a, k, "members") || ax_is(a, k, "party") ||
            ax_is(a, k, "signatory") || ax_is(a, k, "signatories")) {
            /* became / become / becomes [a / the / full] member */
            for (uint32_t j = k, m = 0; j-- > lo && m < 3; m++)
                if (ax_is(a, j, "became") || ax_is(a, j, "become") || ax_is(a, j, "becomes") ||
                    ax_is(a, j, "becoming")) {
                    *member = 1;
                    return (int)j;
                }
            return -1;
        }
        const ac_tok *t = &a->doc->toks[k];
        if (ax_is(a, k, "up") || ax_is(a, k, "out") || ax_is(a, k, "on") || ax_is(a, k, "back") ||
            (f & (WF_DET | WF_PREP)))
            continue;
        /* One adjective: "joined the landmark Abraham Accords". */
        if ((t->flags & TK_WORD) && !(t->flags & (TK_CAP | TK_POSS)) && !f && !a->lex[k].cls &&
            k > lo && (ax_wflags(a, k - 1) & WF_DET))
            continue;
        return -1;
    }
    return -1;
}

static int mention(ac_annotation *a, const ax_mention *m)
{
    uint32_t s = m->sentence, lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
    int member;
    int v = verb_before(a, m->first, lo, &member);
    if (v >= 0) {
        uint8_t val = a->lex[v].val;
        int action = member ? MA_JOINED : (val & 0x0f);
        int form = member ? VF_PAST : (val & VF_MASK);
        if (member && (ax_is(a, (uint32_t)v, "become") || ax_is(a, (uint32_t)v, "becoming")))
            form = VF_BASE;
        if (member && ax_is(a, (uint32_t)v, "becomes"))
            form = VF_S;
        group g;
        read_group(a, (uint32_t)v, lo, &g);
        if (g.neg || g.refuse)
            return 0;
        ac_mood mood = AC_MOOD_DONE;
        if (g.intent) {
            mood = AC_MOOD_INTENT;
        } else if (g.future) {
            mood = AC_MOOD_FUTURE;
        } else if (g.cond) {
            mood = AC_MOOD_CONDITIONAL;
        } else if (g.to) {
            return 0;                       /* "the first country to join" */
        } else if (form == VF_ING) {
            if (!g.be)
                return 0;                   /* "by joining the accords" */
            if (action != MA_NEGOTIATING)
                mood = AC_MOOD_FUTURE;      /* "is joining" */
        } else if (form == VF_BASE && !g.have && !g.be && a->doc->toks[v].flags & TK_CAP) {
            return 0;                       /* a headline verb: "Join the Accords" */
        }
        if (mood == AC_MOOD_INTENT && action == MA_JOINED)
            action = MA_INTENT;
        /* Passive: "the treaty was signed" has its agreement before. */
        uint32_t pron = 0;
        int sub;
        uint32_t rfirst = g.first;
        if (g.intent_noun >= 0) {
            /* The possessor of the intent noun: Kazakhstan's intent. */
            int64_t k = g.intent_noun - 1;
            while (k >= (int64_t)lo && a->np_at[k] < 0 && !(a->doc->toks[k].flags & TK_POSS) &&
                   !(ax_wflags(a, (uint32_t)k) & WF_POSSPRON) && (a->doc->toks[k].flags & TK_WORD) &&
                   g.intent_noun - k <= 3)
                k--;
            if (k > (int64_t)lo && (a->doc->toks[k].flags & TK_POSS) && a->np_at[k - 1] >= 0) {
                sub = (int)a->doc->nps[a->np_at[k - 1]].group;
                rfirst = (uint32_t)a->doc->nps[a->np_at[k - 1]].first;
            } else if (k >= (int64_t)lo && (ax_wflags(a, (uint32_t)k) & WF_POSSPRON)) {
                sub = -2;
                pron = (uint32_t)k;
                rfirst = (uint32_t)k;
            } else {
                sub = subject(a, (uint32_t)(k + 1), lo, &pron);
            }
        } else {
            sub = subject(a, g.first, lo, &pron);
        }
        if (rfirst > g.first)
            rfirst = g.first;
        return add_for_actors(a, m->entity, action, mood, sub, pron, rfirst, m->end);
    }
    /* "AGREEMENT was ratified by X" */
    uint32_t k = m->end;
    while (k < hi && k < m->end + 3 && (ax_wflags(a, k) & (WF_BE | WF_HAVE | WF_ADV)))
        k++;
    if (k > m->end && k < hi && (a->lex[k].cls & LX_MEMBER) &&
        ((a->lex[k].val & VF_MASK) == VF_PAST || (a->lex[k].val & VF_MASK) == VF_PP)) {
        for (uint32_t j = m->end; j < k; j++)
            if (ax_wflags(a, j) & WF_NEG)
                return 0;
        int by = -1;
        for (uint32_t j = k + 1; j < hi && j < k + 5; j++)
            if ((ax_wflags(a, j) & WF_BY) && j + 1 < hi && a->np_at[j + 1] >= 0) {
                by = (int)a->doc->nps[a->np_at[j + 1]].group;
                break;
            }
        return add_for_actors(a, m->entity, a->lex[k].val & 0x0f, AC_MOOD_DONE, by, 0, m->first, k + 1);
    }
    return 0;
}

int ax_find_agreements(ac_annotation *a)
{
    for (size_t k = 0; k < a->nagr_ment; k++)
        if (!a->in_quote[a->agr_ment[k].first] && mention(a, &a->agr_ment[k]) < 0)
            return -1;
    return 0;
}
