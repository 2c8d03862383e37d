/*
 * agreements.c -- what a story says about membership of named agreements.
 *
 * Each membership verb outside quotation marks (join, accede, embrace,
 * enter -> joined; sign -> signed; ratify -> ratified; withdraw, leave,
 * quit, exit, abandon, renounce -> withdrew; suspend -> suspended;
 * negotiate -> negotiating) is tied to an agreement:
 *   VERB [up/out/on] [to/from/into/of/in] [the / its participation in] AGREEMENT
 *   became a member / party / signatory of AGREEMENT            -> joined
 *   VERB it          (the last agreement named: "Israel signed it in 1993")
 *   AGREEMENT, which ACTOR VERB-ed      ("which Russia quit in 2023")
 *   AGREEMENT was / has been VERB-ed [by ACTOR]                 (passive)
 *   ACTOR VERB-ed (no object), AGREEMENT named earlier in the sentence
 *                                        ("... and Morocco joined later")
 *   held AGREEMENT in abeyance                                  -> suspended
 * and so is a membership noun with a possessor that a verb reports as done:
 *   announced their withdrawal from / X's withdrawal from AGREEMENT took effect.
 * Mentions by description ("the treaty", "the accords", coref.c) count.
 *
 * The mood comes from the verb group, as the coder reads it: "will join"
 * future; "would join" future in reported speech ("said it would"),
 * conditional otherwise; "plans / wants / intends / decided / applied to",
 * "intent / decision / bid to" intent -- and joining then is the action
 * `intent`; "is expected / set / due to" future; "is in talks to join",
 * "concluded negotiations to join", "is negotiating" negotiating. A
 * conditional step ("could join", "would return only if ...") is not
 * reported. A negated one ("has not ratified", "will not join") is, marked
 * negated; a refusal or failure ("refused to join") is not. A bare "to join"
 * or "joining" that nothing governs ("the first country to join", "by
 * joining") reports nothing, and neither does a noun alone ("Kazakhstan's
 * accession to the Accords"): neither says it happened or is wanted; but
 * "became the 60th country to ratify it" is done.
 *
 * The actor is the subject of the verb group (the nearest actor phrase to
 * its left in the clause that is not the object of a preposition nor a
 * possessor; a pronoun resolves to the actor named before; "both
 * countries" to the last two), the possessor of an intent noun
 * ("Kazakhstan's intent"), the actor after "which", or after "by". Every
 * member of a compound subject acts ("Poland, Finland and Estonia ...").
 */
#include <string.h>

#include "extract/extract.h"

#define VERB_WINDOW 5      /* tokens between the verb and the agreement */

typedef struct group {
    int neg, future, cond, intent, refuse, be, have, to, negotiating, done;
    uint32_t first;        /* first token of the group */
    int intent_noun;       /* token of "intent", "decision" ...; -1 */
} group;

static int speech_before(const ac_annotation *a, uint32_t v, uint32_t lo)
{
    for (uint32_t k = lo; k < v; k++)
        if (a->lex[k].cls & LX_SAY)
            return 1;
    return 0;
}

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
        } else if (ax_is(a, i, "would") && speech_before(a, i, lo)) {
            g->future = 1;                 /* reported speech: "said it would" */
        } else if (f & WF_COND) {
            g->cond = 1;
        } else if (f & WF_BE) {
            g->be = 1;
        } else if (f & (WF_HAVE | WF_DO)) {
            g->have |= (f & WF_HAVE) != 0;
        } else if ((f & WF_ADV) || ax_is(a, i, "all") || ax_is(a, i, "formally")) {
            ;
        } else if (g->to && (f & WF_REFUSE)) {
            g->refuse = 1;
        } else if (g->to && (f & WF_EXPECT) && i > lo && (ax_wflags(a, i - 1) & WF_BE)) {
            g->future = 1;
            g->to = 0;
        } else if (g->to && (ax_is(a, i, "talks") || ax_is(a, i, "negotiations") ||
                             ax_is(a, i, "negotiating"))) {
            g->negotiating = 1;            /* "is in talks to join" */
            g->to = 0;
            k--;
            while (k >= (int64_t)lo && a->np_at[k] < 0 && !(a->doc->toks[k].flags & TK_PUNCT) &&
                   v - k < 8 && !(ax_wflags(a, (uint32_t)k) & WF_PRON))
                k--;
            break;
        } else if (g->to && (ax_is(a, i, "applied") || ax_is(a, i, "apply") || ax_is(a, i, "applies") ||
                             ax_is(a, i, "applying") || ax_is(a, i, "application"))) {
            g->intent = 1;
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
        } else if (g->to && (ax_is(a, i, "country") || ax_is(a, i, "state") || ax_is(a, i, "nation")) &&
                   i >= lo + 2) {
            /* "became the 60th country to ratify it" */
            int64_t j = (int64_t)i - 1;
            while (j >= (int64_t)lo && i - j < 4 && !(ax_is(a, (uint32_t)j, "became") || ax_is(a, (uint32_t)j, "was")))
                j--;
            if (j >= (int64_t)lo && i - j < 4) {
                g->done = 1;
                g->to = 0;
                k = j - 1;
            }
            break;
        } else {
            break;
        }
        k--;
    }
    g->first = (uint32_t)(k + 1);
}

/* "after", "before", "since", "until" open a clause as well as a phrase. */
static int conjunction(const ac_annotation *a, uint32_t i)
{
    return ax_is(a, i, "after") || ax_is(a, i, "before") || ax_is(a, i, "since") || ax_is(a, i, "until");
}

/* The subject of a group starting at `first`: the nearest actor phrase to
 * the left in the clause, not after a preposition, not a possessor; a
 * relative pronoun passes to the phrase before it. Returns an NP group
 * index, -2 with *pron set for a pronoun, -3 with *pron set for "both
 * countries", or -1. */
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
                !(a->doc->toks[p->first - 1].flags & TK_POSS) && !conjunction(a, p->first - 1))
                continue;
            if (p->end < a->ntok && (a->doc->toks[p->end].flags & TK_POSS))
                continue;
            return (int)p->group;
        }
        uint32_t cls = a->lex[k].cls;
        if ((cls & LX_PAIR_NOUN) && k > lo && (a->lex[k - 1].cls & LX_PAIR)) {
            *pron = k - 1;
            return -3;
        }
        if ((cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT)) && !(ax_wflags(a, k) & WF_POSSPRON)) {
            *pron = k;
            return -2;
        }
        uint32_t f = ax_wflags(a, k);
        if ((f & WF_SUBORD) && !(f & WF_RELATIVE) && !ax_is(a, k, "and") && !ax_is(a, k, "but"))
            break;
        if (ax_punct(a, k, ';') || ax_punct(a, k, ':') || ax_punct(a, k, '"'))
            break;
        if (ax_punct(a, k, ',')) {
            /* Over a relative clause: "The United States, whose navy
             * patrols the South China Sea, has never ratified". */
            for (uint32_t c = k; c-- > lo && k - c < 16;)
                if (ax_punct(a, c, ',')) {
                    if (c + 1 < k && ((ax_wflags(a, c + 1) & WF_RELATIVE) || ax_is(a, c + 1, "whose")))
                        k = c;
                    break;
                }
        }
    }
    return -1;
}

typedef struct act {
    uint32_t agr;          /* agreement entity */
    int action;
    ac_mood mood;
    int negated;
    uint32_t first, end;   /* the words that report it */
    uint32_t sentence;
} act;

static int add_action(ac_annotation *a, const act *x, const char *code, const char *text, const char *name)
{
    ax_action *y = AX_PUSH(a, a->actions, a->nactions, a->cap_actions);
    if (!y)
        return -1;
    y->agreement = x->agr;
    y->action = (uint8_t)x->action;
    y->mood = x->mood;
    y->negated = (uint8_t)x->negated;
    y->actor = code ? code : "";
    y->actor_text = text ? text : "";
    y->actor_name = name ? name : "";
    y->sentence = x->sentence;
    y->first = x->first;
    y->end = x->end;
    y->text = ax_text(a, x->first, x->end);
    uint32_t lo = ax_sent_first(a, x->sentence), hi = ax_sent_end(a, x->sentence);
    y->when = ax_when(a, lo, hi, 0);
    y->date = ax_day(a, lo, hi, x->mood == AC_MOOD_FUTURE);
    return 0;
}

/* Adds the action for every actor of NP group g, or of the pronoun or
 * pair at pron (see subject()). */
static int add_for_actors(ac_annotation *a, const act *x, int g, uint32_t pron)
{
    if (g == -2 && (a->lex[pron].cls & LX_PRON_THEY)) {
        /* "they": the last compound of actors before, in this sentence or
         * the one before ("Burkina Faso, Mali and Niger said ... they"). */
        uint32_t s0 = a->sent_of[pron];
        for (size_t k = a->doc->nnps; k-- > 0;) {
            const ac_np *p = &a->doc->nps[k];
            if (p->first >= pron)
                continue;
            if (a->sent_of[p->first] + 1 < s0)
                break;
            if (p->group != (int32_t)k && p->code)
                return add_for_actors(a, x, p->group, 0);
        }
    }
    if (g == -2) {
        uint32_t cls = a->lex[pron].cls;
        int e = cls & LX_PRON_HE ? ax_person_before(a, pron) : ax_actor_before(a, pron, 0);
        if (e < 0)
            return add_action(a, x, "", ax_text(a, pron, pron + 1), "");
        return add_action(a, x, a->ents[e].code, ax_text(a, pron, pron + 1), a->ents[e].name);
    }
    if (g == -3) {
        /* "both countries": the descriptions coref.c resolved there. */
        int n = 0;
        for (size_t k = 0; k < a->nment; k++) {
            const ax_mention *m = &a->ment[k];
            if (m->via == VIA_DESCRIPTION && m->first <= pron && pron < m->end) {
                const ax_entity *e = &a->ents[m->entity];
                if (add_action(a, x, e->code, ax_text(a, m->first, m->end), e->name) < 0)
                    return -1;
                n++;
            }
        }
        return n ? 0 : add_action(a, x, "", ax_text(a, pron, pron + 2), "");
    }
    if (g < 0)
        return add_action(a, x, "", "", "");
    for (size_t k = (size_t)g; k < a->doc->nnps; k++) {
        const ac_np *p = &a->doc->nps[k];
        if (p->group != g)
            break;
        if (!p->code)
            continue;
        int e = ax_np_entity(a, (int)k);
        const char *name = e >= 0 ? a->ents[e].name : "";
        if (add_action(a, x, p->code, ax_text(a, p->first, p->end), name) < 0)
            return -1;
    }
    return 0;
}

/* The agreement mention that starts at token i, -1. */
static int agreement_at(const ac_annotation *a, uint32_t i)
{
    for (size_t k = 0; k < a->nagr_ment; k++)
        if (a->agr_ment[k].first == i)
            return (int)k;
    return -1;
}

/* The agreement the verb at v (ending at vend) takes as its object, looking
 * right: a mention index, or -1. */
static int object_after(const ac_annotation *a, uint32_t vend, uint32_t hi)
{
    for (uint32_t k = vend, n = 0; k < hi && n < VERB_WINDOW; k++, n++) {
        int m = agreement_at(a, k);
        if (m >= 0)
            return m;
        uint32_t f = ax_wflags(a, k);
        const ac_tok *t = &a->doc->toks[k];
        if (ax_is(a, k, "up") || ax_is(a, k, "out") || ax_is(a, k, "on") || ax_is(a, k, "back") ||
            ax_is(a, k, "participation") || ax_is(a, k, "membership") || (f & (WF_DET | WF_PREP | WF_POSSPRON)))
            continue;
        /* One modifier: "the landmark accords". */
        if ((t->flags & TK_WORD) && !(t->flags & TK_POSS) && !f && !a->lex[k].cls && k > vend &&
            (ax_wflags(a, k - 1) & WF_DET))
            continue;
        return -1;
    }
    return -1;
}

/* Ties the membership verb at v to an agreement and reports the action. */
static int verb(ac_annotation *a, uint32_t v)
{
    uint32_t s = a->sent_of[v], lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
    uint8_t val = a->lex[v].val;
    int action = val & 0x0f, form = val & VF_MASK;
    uint32_t vend = v + 1;
    if (form == VF_ING && v + 1 < hi && (a->lex[v + 1].cls & LX_EVENT_NOUN))
        return 0;                          /* "signing ceremony" */
    if ((ax_is(a, v, "pulled") || ax_is(a, v, "pull") || ax_is(a, v, "pulls")) && v + 1 < hi &&
        ax_is(a, v + 1, "out"))
        vend = v + 2;
    int m = object_after(a, vend, hi);
    int pron_obj = 0, relative = -1, passive = 0;
    int agr = -1;
    if (m >= 0) {
        agr = (int)a->agr_ment[m].entity;
    } else if (vend < hi && ax_is(a, vend, "it") && (agr = ax_agreement_before(a, v)) >= 0) {
        pron_obj = 1;                      /* "Israel signed it in 1993" */
    } else {
        /* An agreement named before in the sentence: relative, passive or
         * an intransitive verb ("and Morocco joined later that year"). */
        int last = -1;
        for (size_t k = 0; k < a->nagr_ment; k++)
            if (a->agr_ment[k].sentence == s && a->agr_ment[k].end <= v)
                last = (int)k;
        if (last < 0)
            return 0;
        const ax_mention *am = &a->agr_ment[last];
        uint32_t j = am->end;
        while (j < v && (ax_punct(a, j, ',')))
            j++;
        if (j < v && (ax_is(a, j, "which") || ax_is(a, j, "that")) && (form == VF_PAST || form == VF_PP)) {
            relative = (int)j;             /* "the initiative, which Russia quit" */
        } else if (j < v && (form == VF_PAST || form == VF_PP)) {
            uint32_t b = j;
            while (b < v && (ax_wflags(a, b) & (WF_BE | WF_HAVE | WF_ADV | WF_NEG)))
                b++;
            if (b == v && b > j) {
                for (uint32_t i = j; i < v; i++)
                    passive |= (ax_wflags(a, i) & WF_BE) != 0;
            }
        }
        if (relative < 0 && !passive) {
            /* Intransitive ("Morocco joined later that year"), or with the
             * membership as object ("is negotiating its accession"). */
            int member_obj = vend + 1 < hi && (ax_wflags(a, vend) & WF_POSSPRON) &&
                             ((a->lex[vend + 1].cls & LX_MEMBER_NOUN) || ax_is(a, vend + 1, "membership"));
            if (vend < hi && !member_obj && !(a->doc->toks[vend].flags & TK_PUNCT) &&
                !(a->lex[vend].cls & (LX_TIME | LX_TIME_REL)) && !(ax_wflags(a, vend) & WF_ADV) &&
                !ax_is(a, vend, "as") && !ax_is(a, vend, "in"))
                return 0;
        }
        agr = (int)am->entity;
    }
    act x = {(uint32_t)agr, action, AC_MOOD_DONE, 0, v, vend, s};
    if (m >= 0)
        x.end = a->agr_ment[m].end;
    else if (pron_obj)
        x.end = vend + 1;
    if (passive) {
        int by = -1;
        for (uint32_t j = vend; j < hi && j < vend + 5; j++)
            if ((ax_wflags(a, j) & WF_BY) && j + 1 < hi && a->np_at[j + 1] >= 0) {
                by = (int)a->doc->nps[a->np_at[j + 1]].group;
                break;
            }
        for (uint32_t j = lo; j < v; j++)
            x.negated |= (ax_wflags(a, j) & WF_NEG) != 0;
        return add_for_actors(a, &x, by, 0);
    }
    group g;
    read_group(a, v, lo, &g);
    if (g.refuse)
        return 0;
    x.negated = g.neg;
    if (g.negotiating) {
        x.action = MA_NEGOTIATING;
        x.mood = AC_MOOD_DONE;
    } else if (g.intent) {
        x.mood = AC_MOOD_INTENT;
    } else if (g.future) {
        x.mood = AC_MOOD_FUTURE;
    } else if (g.cond) {
        return 0;                          /* conditional steps are not reported */
    } else if (g.done) {
        x.mood = AC_MOOD_DONE;
    } else if (g.to) {
        return 0;                          /* "the first country to join" */
    } else if (form == VF_ING) {
        if (!g.be)
            return 0;                      /* "by joining the accords" */
        if (action != MA_NEGOTIATING)
            x.mood = AC_MOOD_FUTURE;       /* "is joining" */
    } else if (form == VF_BASE && !g.have && !g.be && (a->doc->toks[v].flags & TK_CAP)) {
        return 0;                          /* a headline: "Join the Accords" */
    }
    /* "if" in the clause: conditional. */
    for (uint32_t j = lo; j < hi; j++)
        if (ax_wflags(a, j) & WF_IF)
            return 0;
    if (x.mood == AC_MOOD_INTENT && action == MA_JOINED)
        x.action = MA_INTENT;
    x.first = g.first < x.first ? g.first : x.first;
    uint32_t pron = 0;
    int sub;
    if (relative >= 0) {
        /* "which Russia quit": the actor between the pronoun and the verb. */
        sub = subject(a, v, (uint32_t)relative + 1, &pron);
    } else if (g.intent_noun >= 0) {
        /* The possessor of the intent noun: Kazakhstan's intent. */
        int64_t k = g.intent_noun - 1;
        while (k >= (int64_t)lo && a->np_at[k] < 0 && !(a->doc->toks[k].flags & TK_POSS) &&
               !(ax_wflags(a, (uint32_t)k) & WF_POSSPRON) && (a->doc->toks[k].flags & TK_WORD) &&
               g.intent_noun - k <= 3)
            k--;
        if (k > (int64_t)lo && (a->doc->toks[k].flags & TK_POSS) && a->np_at[k - 1] >= 0) {
            sub = (int)a->doc->nps[a->np_at[k - 1]].group;
            x.first = (uint32_t)a->doc->nps[a->np_at[k - 1]].first;
        } else if (k >= (int64_t)lo && (ax_wflags(a, (uint32_t)k) & WF_POSSPRON)) {
            sub = -2;
            pron = (uint32_t)k;
            x.first = (uint32_t)k;
        } else {
            sub = subject(a, (uint32_t)(k + 1), lo, &pron);
        }
    } else {
        sub = subject(a, g.first, lo, &pron);
    }
    return add_for_actors(a, &x, sub, pron);
}

/* A membership noun with a possessor that a verb reports as done:
 * "announced their withdrawal from", "X's withdrawal from AGREEMENT took
 * effect", "completed its accession to". */
static int noun(ac_annotation *a, uint32_t n)
{
    uint32_t s = a->sent_of[n], lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
    int m = object_after(a, n + 1, hi);
    if (m < 0 || n == lo)
        return 0;
    uint32_t p = n - 1;
    int poss_np = -1;
    uint32_t pron = 0;
    if (ax_wflags(a, p) & WF_POSSPRON) {
        pron = p;
    } else if ((a->doc->toks[p].flags & TK_POSS) && p > lo && a->np_at[p - 1] >= 0) {
        poss_np = a->np_at[p - 1];
    } else {
        return 0;
    }
    uint32_t before = poss_np >= 0 ? a->doc->nps[poss_np].first : p;
    const ax_mention *am = &a->agr_ment[m];
    int done = 0;
    if (before > lo) {
        uint32_t k = before - 1;
        done = ax_is(a, k, "announced") || ax_is(a, k, "completed") || ax_is(a, k, "confirmed") ||
               ax_is(a, k, "formalised") || ax_is(a, k, "formalized") || ax_is(a, k, "finalised") ||
               ax_is(a, k, "finalized") || ax_is(a, k, "notified");
    }
    for (uint32_t k = am->end; k + 1 < hi && k < am->end + 8 && !done; k++)
        done = (ax_is(a, k, "took") || ax_is(a, k, "takes") || ax_is(a, k, "came")) &&
               (ax_is(a, k + 1, "effect") || ax_is(a, k + 1, "into"));
    if (!done)
        return 0;
    act x = {am->entity, a->lex[n].val & 0x0f, AC_MOOD_DONE, 0, before, am->end, s};
    if (poss_np >= 0)
        return add_for_actors(a, &x, a->doc->nps[poss_np].group, 0);
    if (a->lex[pron].cls & LX_PRON_THEY) {
        /* "Poland, Finland ... have announced their withdrawal": the subject. */
        uint32_t pr = 0;
        int sub = subject(a, before > lo ? before - 1 : before, lo, &pr);
        return add_for_actors(a, &x, sub, pr);
    }
    return add_for_actors(a, &x, -2, pron);
}

/* "became a party to the statute", "became a member of" */
static int member(ac_annotation *a, uint32_t n)
{
    uint32_t s = a->sent_of[n], lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
    if (n + 1 >= hi || !(ax_is(a, n + 1, "of") || ax_is(a, n + 1, "to")))
        return 0;
    int m = object_after(a, n + 1, hi);
    if (m < 0)
        return 0;
    uint32_t v = n;
    while (v > lo && n - v < 4 && !(ax_is(a, v - 1, "became") || ax_is(a, v - 1, "become") ||
                                    ax_is(a, v - 1, "becomes") || ax_is(a, v - 1, "becoming")))
        v--;
    if (v == lo || n - v >= 4)
        return 0;
    v--;
    group g;
    read_group(a, v, lo, &g);
    if (g.refuse || g.cond || (g.to && !g.intent && !g.future))
        return 0;
    act x = {a->agr_ment[m].entity, MA_JOINED, AC_MOOD_DONE, g.neg, v, a->agr_ment[m].end, s};
    if (ax_is(a, v, "becoming") && !g.be)
        return 0;
    if (g.intent)
        x.mood = AC_MOOD_INTENT, x.action = MA_INTENT;
    else if (g.future)
        x.mood = AC_MOOD_FUTURE;
    uint32_t pron = 0;
    return add_for_actors(a, &x, subject(a, g.first, lo, &pron), pron);
}

/* "held AGREEMENT in abeyance" */
static int abeyance(ac_annotation *a, uint32_t i)
{
    uint32_t s = a->sent_of[i], lo = ax_sent_first(a, s);
    if (i < lo + 2 || !ax_is(a, i - 1, "in"))
        return 0;
    for (size_t k = 0; k < a->nagr_ment; k++) {
        const ax_mention *am = &a->agr_ment[k];
        if (am->sentence != s || am->end != i - 1 || am->first < lo + 1)
            continue;
        uint32_t v = am->first - 1;
        while (v > lo && (ax_wflags(a, v) & WF_DET))
            v--;
        if (!(ax_is(a, v, "held") || ax_is(a, v, "hold") || ax_is(a, v, "holds") || ax_is(a, v, "holding") ||
              ax_is(a, v, "placed") || ax_is(a, v, "put")))
            return 0;
        group g;
        read_group(a, v, lo, &g);
        act x = {am->entity, MA_SUSPENDED, g.future ? AC_MOOD_FUTURE : AC_MOOD_DONE, g.neg, v, i + 1, s};
        uint32_t pron = 0;
        return add_for_actors(a, &x, subject(a, g.first, lo, &pron), pron);
    }
    return 0;
}

int ax_find_agreements(ac_annotation *a)
{
    if (!a->nagr_ment)
        return 0;
    for (uint32_t i = 0; i < a->ntok; i++) {
        if (a->in_quote[i])
            continue;
        uint32_t cls = a->lex[i].cls;
        int r = 0;
        if (cls & LX_MEMBER)
            r = verb(a, i);
        else if (cls & LX_MEMBER_NOUN)
            r = noun(a, i);
        else if (ax_is(a, i, "abeyance"))
            r = abeyance(a, i);
        else if (ax_is(a, i, "member") || ax_is(a, i, "party") || ax_is(a, i, "signatory") ||
                 ax_is(a, i, "members") || ax_is(a, i, "parties") || ax_is(a, i, "signatories"))
            r = member(a, i);
        if (r < 0)
            return -1;
    }
    return 0;
}
