/*
 * planned.c -- events a story says are scheduled or expected, and the date
 * and time expressions they come with.
 *
 * Two sources:
 *   1. the coder's events in the future mood ("will visit", "is expected to
 *      sign"), with their source and target;
 *   2. a noun of a scheduled event (ceremony, summit, visit, talks, vote,
 *      ...) that the sentence marks as ahead: a modifier before it
 *      ("upcoming", "planned", "next week's"), or after it a verb of
 *      approach or a future group ("as the signing ceremony approaches",
 *      "the summit will take place", "the vote is expected / scheduled /
 *      set / due", "talks to be held"). Its actors are the sentence's actor
 *      phrases; a signing or ceremony with none belongs to the last
 *      agreement named, with the actors of that agreement's actions.
 * A sentence that has a future event of the coder gives no noun as well,
 * and negated sentences ("the summit will not take place") none at all.
 */
#include <stdio.h>
#include <string.h>

#include "extract/extract.h"

/* ---- date and time expressions ------------------------------------------------ */

static int is_year(const ac_annotation *a, uint32_t i)
{
    const ac_tok *t = &a->doc->toks[i];
    const char *s = a->doc->text + t->start;
    return (t->flags & TK_NUM) && t->len == 4 && (s[0] == '1' || s[0] == '2');
}

static int is_day_number(const ac_annotation *a, uint32_t i)
{
    const ac_tok *t = &a->doc->toks[i];
    return (t->flags & TK_NUM) && t->len <= 4;   /* 12, 12th */
}

const char *ax_when(ac_annotation *a, uint32_t first, uint32_t end, int future_only)
{
    for (uint32_t i = first; i < end; i++) {
        uint32_t cls = a->lex[i].cls;
        int month_or_day = (cls & LX_TIME) && (a->doc->toks[i].flags & TK_CAP);
        if (!(cls & LX_TIME) && !is_year(a, i))
            continue;
        /* "2 percent of the year" is no date: a time noun needs a relative
         * word, a preposition or a number next to it, or be a name. */
        uint32_t f = i, e = i + 1;
        while (f > first && ((a->lex[f - 1].cls & (LX_TIME_REL | LX_TIME)) || is_day_number(a, f - 1) ||
                             ax_is(a, f - 1, "the") || (a->doc->toks[f - 1].flags & TK_POSS)))
            f--;
        while (e < end && (is_day_number(a, e) || (a->lex[e].cls & LX_TIME) || ax_is(a, e, "ago") ||
                           (ax_punct(a, e, ',') && e + 1 < end && is_year(a, e + 1))))
            e++;
        if (e > f && (a->doc->toks[e - 1].flags & TK_POSS))
            e--;
        while (f < i && ax_is(a, f, "the"))
            f++;
        int anchored = month_or_day || is_year(a, i) || f < i || e > i + 1 ||
                       (ax_is(a, i, "tomorrow") || ax_is(a, i, "today") || ax_is(a, i, "yesterday") ||
                        ax_is(a, i, "tonight"));
        if (!anchored) {
            if (i > first && (ax_wflags(a, i - 1) & WF_PREP) && (a->lex[i].cls & LX_TIME) &&
                !ax_is(a, i - 1, "of"))
                f = i;              /* "within weeks" */
            else
                continue;
        }
        int past = 0;
        for (uint32_t k = f; k < e; k++)
            past |= (a->lex[k].cls & LX_PAST_TIME) != 0;
        if (future_only && past)
            return "";
        /* A preposition that belongs to it: on Monday, in December, by 2030. */
        if (f > first && (ax_is(a, f - 1, "on") || ax_is(a, f - 1, "in") || ax_is(a, f - 1, "by") ||
                          ax_is(a, f - 1, "until") || ax_is(a, f - 1, "before") || ax_is(a, f - 1, "within")))
            f--;
        return ax_text(a, f, e);
    }
    return "";
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *day_text(ac_annotation *a, int64_t days)
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    char *out = ac_arena_alloc(&a->arena, 40);
    if (!out) {
        a->oom = 1;
        return "";
    }
    snprintf(out, 40, "%04d-%02d-%02d", y, m, d);
    return out;
}

/* A day of the month at token i (12, 12th): 1..31, or 0. */
static int day_number(const ac_annotation *a, uint32_t i)
{
    const ac_tok *t = &a->doc->toks[i];
    if (!(t->flags & TK_NUM) || t->len > 4)
        return 0;
    const char *s = a->doc->text + t->start;
    int v = 0, k = 0;
    while (k < (int)t->len && s[k] >= '0' && s[k] <= '9')
        v = v * 10 + (s[k++] - '0');
    if (k == 0 || k > 2 || (k < (int)t->len && !(s[k] >= 'a' && s[k] <= 'z')))
        return 0;
    return v >= 1 && v <= 31 ? v : 0;
}

static int month_at(const ac_annotation *a, uint32_t i, uint32_t first, uint32_t end)
{
    if (a->lex[i].cls & LX_MONTH)
        return (a->doc->toks[i].flags & TK_CAP) ? a->lex[i].val : 0;
    /* "May" is a month next to a day number. */
    if (ax_is(a, i, "may") && (a->doc->toks[i].flags & TK_CAP) &&
        ((i + 1 < end && day_number(a, i + 1)) || (i > first && day_number(a, i - 1))))
        return 5;
    return 0;
}

const char *ax_day(ac_annotation *a, uint32_t first, uint32_t end, int future)
{
    int32_t sd = a->doc->date;
    if (!sd)
        return "";
    int sy = sd / 10000, sm = sd / 100 % 100, sdd = sd % 100;
    int64_t today = days_from_civil(sy, (unsigned)sm, (unsigned)sdd);
    for (uint32_t i = first; i < end; i++) {
        int m = month_at(a, i, first, end);
        if (m) {
            int d = i + 1 < end ? day_number(a, i + 1) : 0;     /* November 20 */
            if (!d && i > first)
                d = day_number(a, i - 1);                        /* 20 November */
            if (!d)
                continue;
            int y = sy;
            uint32_t j = i + 2;
            if (j < end && ax_punct(a, j, ','))
                j++;
            if (j < end && (a->doc->toks[j].flags & TK_NUM) && a->doc->toks[j].len == 4) {
                const char *t = a->doc->text + a->doc->toks[j].start;
                y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
            }
            return day_text(a, days_from_civil(y, (unsigned)m, (unsigned)d));
        }
        uint32_t cls = a->lex[i].cls;
        if (cls & LX_WEEKDAY) {
            /* 1970-01-01 was a Thursday (3 with Monday = 0). */
            int wd = (int)(((today % 7) + 7 + 3) % 7);
            int want = a->lex[i].val;
            int64_t delta = future ? (want - wd + 7) % 7 : -((wd - want + 7) % 7);
            if (future && delta == 0)
                delta = 7;
            return day_text(a, today + delta);
        }
        if (ax_is(a, i, "tomorrow"))
            return day_text(a, today + 1);
        if (ax_is(a, i, "today") || ax_is(a, i, "tonight"))
            return day_text(a, today);
        if (ax_is(a, i, "yesterday"))
            return day_text(a, today - 1);
    }
    return "";
}

/* The day of an event in [lo, hi), leaving out the day of its report
 * ("..., the Kremlin said on Monday"). */
static const char *event_day(ac_annotation *a, uint32_t lo, uint32_t hi, int future)
{
    uint32_t from = lo;
    for (uint32_t i = lo; i < hi; i++) {
        int said = 0;
        for (uint32_t k = i > lo + 3 ? i - 3 : lo; k < i; k++)
            said |= (a->lex[k].cls & LX_SAY) != 0;
        if (said && (a->lex[i].cls & (LX_WEEKDAY | LX_MONTH))) {
            /* Look on both sides of the reported day. */
            const char *d = ax_day(a, from, i > 0 && (ax_is(a, i - 1, "on") || ax_is(a, i - 1, "last")) ? i - 1 : i,
                                   future);
            if (*d)
                return d;
            from = i + 1;
        }
    }
    return ax_day(a, from, hi, future);
}

/* Is the story about to see day d (YYYY-MM-DD): on or after the story date? */
static int not_past(const ac_annotation *a, const char *d)
{
    return *d && *a->doc->date_str && strcmp(d, a->doc->date_str) >= 0;
}

/* ---- planned events ------------------------------------------------------------- */

static int negated(const ac_annotation *a, uint32_t first, uint32_t end)
{
    for (uint32_t i = first; i < end; i++)
        if (ax_wflags(a, i) & WF_NEG)
            return 1;
    return 0;
}

static int speech_before(const ac_annotation *a, uint32_t v, uint32_t lo)
{
    for (uint32_t k = lo; k < v; k++)
        if (a->lex[k].cls & LX_SAY)
            return 1;
    return 0;
}

static ax_planned *add(ac_annotation *a, uint32_t first, uint32_t end, uint32_t sentence)
{
    ax_planned *p = AX_PUSH(a, a->planned, a->nplanned, a->cap_planned);
    if (!p)
        return NULL;
    p->sentence = sentence;
    p->first = first;
    p->end = end;
    p->code = "";
    p->agreement = "";
    p->kind = "";
    p->date = "";
    p->when = ax_when(a, ax_sent_first(a, sentence), ax_sent_end(a, sentence), 1);
    p->what = ax_text(a, first, end);
    return p->when && p->what ? p : NULL;
}

static void add_actor(ax_planned *p, const char *code)
{
    if (!code || !*code)
        return;
    for (uint32_t k = 0; k < p->nactors; k++)
        if (strcmp(p->actors[k], code) == 0)
            return;
    if (p->nactors < sizeof p->actors / sizeof p->actors[0])
        p->actors[p->nactors++] = code;
}

/* Is the event noun at n marked as ahead by its sentence [lo, hi)? */
static int ahead(const ac_annotation *a, uint32_t n, uint32_t lo, uint32_t hi, uint32_t *mod_first)
{
    int ahead = 0;
    /* Modifiers: "the upcoming official signing", "next week's summit". */
    uint32_t f = n;
    while (f > lo && n - f < 4) {
        uint32_t i = f - 1;
        const ac_tok *t = &a->doc->toks[i];
        uint32_t wf = ax_wflags(a, i);
        if (a->lex[i].cls & LX_PLAN) {
            ahead = 1;
        } else if (t->flags & TK_POSS) {
            /* next week's */
            if (i >= lo + 2 && (a->lex[i - 1].cls & LX_TIME) && ax_is(a, i - 2, "next")) {
                ahead = 1;
                f = i - 1;
            }
            break;
        } else if (!(t->flags & TK_WORD) || (wf & (WF_DET | WF_PREP | WF_SUBORD | WF_AND | WF_POSSPRON |
                                                   WF_BE | WF_HAVE | WF_FUTURE | WF_COND | WF_NEG))) {
            break;
        } else if ((a->np_at[i] >= 0 && a->doc->nps[a->np_at[i]].code) || (a->lex[i].cls & (LX_SAY | LX_TIME))) {
            break;                         /* an actor, not a modifier ("official" is) */
        }
        f--;
    }
    *mod_first = f;
    if (ahead)
        return 1;
    /* After it: a verb of approach, a future group, be expected / set / due. */
    for (uint32_t i = n + 1; i < hi && i < n + 5; i++) {
        uint32_t wf = ax_wflags(a, i);
        const ac_tok *t = &a->doc->toks[i];
        if (t->flags & TK_PUNCT)
            break;
        if (a->lex[i].cls & LX_PLAN)
            return 1;                      /* approaches, is scheduled, is expected */
        if (wf & WF_FUTURE)
            return 1;                      /* will take place */
        if ((wf & WF_EXPECT) && i > n + 1 && (ax_wflags(a, i - 1) & WF_BE))
            return 1;                      /* is set for, is due */
        if (ax_is(a, i, "to") && i + 2 < hi && ax_is(a, i + 1, "be") &&
            (ax_is(a, i + 2, "held") || ax_is(a, i + 2, "signed")))
            return 1;                      /* to be held */
        if (!(wf & (WF_BE | WF_ADV | WF_HAVE)) && !(a->lex[i].cls & LX_PLAN) && i > n + 1)
            break;
        if (a->np_at[i] >= 0)
            break;
    }
    return 0;
}

/* The kind of the event word at i (a noun, or a verb), PK_NONE. */
static int kind_at(const ac_annotation *a, uint32_t i)
{
    uint32_t cls = a->lex[i].cls;
    if ((cls & LX_MEMBER) && (a->lex[i].val & 0x0f) == MA_SIGNED)
        return PK_SIGNING;
    if (cls & (LX_EVENT_NOUN | LX_PLAN_VERB))
        return a->lex[i].val & 0x0f;
    return PK_NONE;
}

static size_t np_index(const ac_annotation *a, const ac_np *x)
{
    return (size_t)(x - a->doc->nps);
}

/* Is token i inside a planned event found already? */
static int covered(const ac_annotation *a, uint32_t i)
{
    for (size_t k = 0; k < a->nplanned; k++)
        if (a->planned[k].first <= i && i < a->planned[k].end)
            return 1;
    return 0;
}

/* The speaker code of the quotation that holds token i ("I will go"). */
static const char *quote_speaker(const ac_annotation *a, uint32_t i)
{
    uint32_t off = a->doc->toks[i].start;
    for (size_t k = 0; k < a->nquotes; k++)
        if (a->quotes[k].kind == AC_QUOTE_DIRECT && a->quotes[k].start <= off && off < a->quotes[k].end)
            return a->quotes[k].speaker_code;
    return "";
}

/* Adds the codes of the actor phrase group g (every member). In "Chinese
 * and Russian warships" the agent of the last member is every member's. */
static void add_group(ac_annotation *a, ax_planned *p, int g)
{
    size_t last = (size_t)g;
    for (size_t k = (size_t)g; k < a->doc->nnps && a->doc->nps[k].group == g; k++)
        last = k;
    const char *lc = a->doc->nps[last].code;
    const char *agent = lc && strlen(lc) > 3 && a->doc->nps[last].kind != AK_PERSON ? lc + 3 : NULL;
    for (size_t k = (size_t)g; k <= last; k++) {
        const ac_np *x = &a->doc->nps[k];
        if (x->kind == AK_AGREEMENT || !x->code)
            continue;
        const char *c = x->code;
        if (agent && strlen(c) == 3 && x->end < a->ntok && !(a->doc->toks[x->end].flags & TK_POSS)) {
            char *t = ac_arena_alloc(&a->arena, 4 + strlen(agent));
            if (t) {
                memcpy(t, c, 3);
                strcpy(t + 3, agent);
                c = t;
            }
        }
        add_actor(p, c);
    }
}

/* A country and its own government both named: keep the more specific
 * code ("KOR" and "KORGOV" -> "KORGOV"). */
static void specific(ax_planned *p)
{
    uint32_t w = 0;
    for (uint32_t k = 0; k < p->nactors; k++) {
        int wider = 0;
        for (uint32_t j = 0; j < p->nactors && !wider; j++)
            wider = j != k && strlen(p->actors[k]) == 3 && strlen(p->actors[j]) > 3 &&
                    strncmp(p->actors[j], p->actors[k], 3) == 0;
        if (!wider)
            p->actors[w++] = p->actors[k];
    }
    p->nactors = w;
}

/* An election is held by a country: "voters in Bangladesh" -> BGD. */
static void country_only(ac_annotation *a, ax_planned *p, int kind)
{
    if (kind != PK_ELECTION)
        return;
    uint32_t w = 0;
    for (uint32_t k = 0; k < p->nactors; k++) {
        const char *c = p->actors[k];
        if (strlen(c) > 3 && strncmp(c, "IGO", 3) != 0) {
            char *t = ac_arena_strndup(&a->arena, c, 3);
            if (!t) {
                a->oom = 1;
                return;
            }
            c = t;
        }
        int dup = 0;
        for (uint32_t j = 0; j < w && !dup; j++)
            dup = strcmp(p->actors[j], c) == 0;
        if (!dup)
            p->actors[w++] = c;
    }
    p->nactors = w;
}

/* Words that cancel what was planned: "called the talks off". */
static int cancelled(const ac_annotation *a, uint32_t lo, uint32_t hi)
{
    for (uint32_t i = lo; i < hi; i++)
        if (ax_is(a, i, "off") || ax_is(a, i, "cancelled") || ax_is(a, i, "canceled") ||
            ax_is(a, i, "postponed") || ax_is(a, i, "scrapped") || ax_is(a, i, "shelved"))
            return 1;
    return 0;
}

/* Does the phrase starting at i name a place: "in Brussels", "at the White
 * House", "in the Sea of Japan"? */
static int is_place(const ac_annotation *a, uint32_t i)
{
    for (uint32_t k = i, n = 0; k-- > 0 && n < 5 && a->sent_of[k] == a->sent_of[i]; n++) {
        if (ax_is(a, k, "in") || ax_is(a, k, "at") || ax_is(a, k, "near") || ax_is(a, k, "from"))
            return 1;
        if (!(ax_wflags(a, k) & WF_DET) && !ax_is(a, k, "of") && !(a->doc->toks[k].flags & TK_CAP))
            return 0;
    }
    return 0;
}

/* The participants of an event [first, end) in [.., hi): the actor phrases
 * after it in its clause, but not where it happens ("in Brussels", "at the
 * White House") unless it is a vote or an election. */
static void participants(ac_annotation *a, ax_planned *p, uint32_t from, uint32_t hi, int kind)
{
    for (uint32_t i = from; i < hi; i++) {
        if (ax_punct(a, i, ',') || ax_punct(a, i, ';') || ax_punct(a, i, '"') ||
            (ax_wflags(a, i) & WF_SUBORD) || (a->lex[i].cls & LX_SAY))
            break;
        /* "to discuss Ukraine": a purpose, not a participant -- but whom a
         * visitor goes to see is one ("fly to Kabul to meet Taliban
         * officials"). */
        if ((ax_wflags(a, i) & WF_TO) && i + 1 < hi && a->np_at[i + 1] < 0 && (a->doc->toks[i + 1].flags & TK_WORD) &&
            !(ax_wflags(a, i + 1) & WF_DET) && kind != PK_VISIT)
            break;
        if (a->np_at[i] < 0)
            continue;
        const ac_np *x = &a->doc->nps[a->np_at[i]];
        if (x->kind != AK_AGREEMENT && (!is_place(a, x->first) || kind == PK_ELECTION || kind == PK_VOTE))
            add_group(a, p, x->group);
        i = x->end - 1;
    }
}

/* The subject of a verb group starting at `first` in [lo, ...): an NP
 * group index, or -1 (pronouns set *pron). */
static int subject_np(const ac_annotation *a, uint32_t first, uint32_t lo, int *pron)
{
    *pron = -1;
    for (uint32_t k = first; k-- > lo;) {
        int np = a->np_at[k];
        if (np >= 0) {
            const ac_np *p = &a->doc->nps[np];
            k = p->first;
            if (p->kind == AK_AGREEMENT || !p->code || (p->end < a->ntok && (a->doc->toks[p->end].flags & TK_POSS)))
                continue;
            if (p->first > lo && (ax_wflags(a, p->first - 1) & WF_PREP))
                continue;
            return (int)p->group;
        }
        if ((a->lex[k].cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT | LX_PRON_SELF)) &&
            !(ax_wflags(a, k) & WF_POSSPRON)) {
            *pron = (int)k;
            return -1;
        }
        uint32_t f = ax_wflags(a, k);
        if (((f & WF_SUBORD) && !(f & WF_RELATIVE)) || ax_punct(a, k, ';') || ax_punct(a, k, '"'))
            break;
    }
    return -1;
}

/* A planned-event verb at v: "will visit", "are due to meet", "plans to
 * visit", "is expected to sign", "will hold joint exercises". */
static int plan_verb(ac_annotation *a, uint32_t v)
{
    uint32_t s = a->sent_of[v], lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
    int kind = kind_at(a, v);
    int form = a->lex[v].val & VF_MASK;
    if (kind == PK_SIGNING && form == VF_ING && v + 1 < hi && (a->lex[v + 1].cls & LX_EVENT_NOUN))
        return 0;                          /* "signing ceremony": the noun's */
    /* A verb: not after a determiner or a possessive ("the visit"). */
    if (v > lo && ((ax_wflags(a, v - 1) & (WF_DET | WF_POSSPRON)) || (a->doc->toks[v - 1].flags & TK_POSS)))
        return 0;
    uint32_t end = v + 1;
    if (ax_is(a, v, "go") || ax_is(a, v, "goes") || ax_is(a, v, "going") || ax_is(a, v, "went") ||
        ax_is(a, v, "gone")) {
        /* "go to Beijing" only */
        if (v + 2 >= hi || !ax_is(a, v + 1, "to") || a->np_at[v + 2] < 0)
            return 0;
    }
    if (kind == PK_LIGHT) {
        kind = PK_NONE;
        for (uint32_t k = v + 1; k < hi && k < v + 5 && !kind; k++) {
            if (a->doc->toks[k].flags & TK_PUNCT)
                break;
            if (a->lex[k].cls & LX_EVENT_NOUN) {
                kind = kind_at(a, k);
                end = k + 1;
            }
        }
        if (!kind)
            return 0;
    }
    /* The group: will, be due / set / expected / scheduled to, plan to ... */
    int future = 0, neg = 0, cond = 0, to = 0, had = 0;
    int64_t k = (int64_t)v - 1;
    for (; k >= (int64_t)lo; k--) {
        uint32_t i = (uint32_t)k;
        uint32_t f = ax_wflags(a, i);
        if (a->np_at[i] >= 0 || (a->doc->toks[i].flags & TK_PUNCT))
            break;
        if (f & WF_TO)
            to = 1;
        else if (f & WF_NEG)
            neg = 1;
        else if (f & WF_FUTURE)
            future = 1;
        else if (ax_is(a, i, "would") && speech_before(a, i, lo))
            future = 1;
        else if (f & WF_COND)
            cond = 1;
        else if (f & (WF_BE | WF_HAVE | WF_DO | WF_ADV)) {
            future |= (f & WF_BE) && to;   /* "is to visit" */
            had |= ax_is(a, i, "had");
        }
        else if (to && ((f & (WF_INTENT | WF_EXPECT)) || (a->lex[i].cls & LX_PLAN)))
            future = 1, to = 0;
        else if (to && (f & WF_INTENTN))
            future = 1, to = 0;
        else
            break;
    }
    uint32_t gfirst = (uint32_t)(k + 1);
    if (neg || cond || had || (to && !future) || cancelled(a, lo, hi))
        return 0;
    /* Present or progressive with a day ahead: "meet in Brussels tomorrow". */
    if (!future) {
        int past = form == VF_PAST || form == VF_PP, time = 0;
        for (uint32_t i = lo; i < hi && !time; i++)
            time = (a->lex[i].cls & (LX_TIME | LX_TIME_REL)) != 0;
        if (past || !time)
            return 0;                      /* cheap test first: most verbs stop here */
    }
    const char *day = event_day(a, lo, hi, 1);
    if (!future) {
        const char *when = ax_when(a, lo, hi, 1);
        if (!*when || (!*day && !ax_is(a, lo, "next")))
            return 0;
        for (uint32_t i = lo; i < hi; i++)
            if (a->lex[i].cls & LX_PAST_TIME)
                return 0;
    }
    for (uint32_t i = lo; i < hi; i++)
        if (ax_wflags(a, i) & WF_IF)
            return 0;                      /* "will respond if ..." */
    ax_planned *p = add(a, gfirst, end, s);
    if (!p)
        return -1;
    p->kind = ax_kind_name(kind);
    p->date = day;
    /* The coder's event for it, when there is one ("will visit": 036). */
    const ac_tok *vt = &a->doc->toks[v];
    for (size_t n = 0; n < a->doc->nevents; n++) {
        const ac_event *e = &a->doc->events[n];
        if (e->sentence_id != s || e->mood == AC_MOOD_DONE)
            continue;
        size_t vl = strlen(e->verb_text);
        if (vl >= vt->len && memcmp(e->verb_text + vl - vt->len, a->doc->text + vt->start, vt->len) == 0) {
            p->code = e->code;
            break;
        }
    }
    int pron;
    int g = subject_np(a, gfirst, lo, &pron);
    if (g >= 0)
        add_group(a, p, g);
    else if (pron >= 0 && a->in_quote[pron])
        add_actor(p, quote_speaker(a, pron));
    else if (pron >= 0) {
        int e = a->lex[pron].cls & LX_PRON_HE ? ax_person_before(a, (uint32_t)pron)
                                               : ax_actor_before(a, (uint32_t)pron, 0);
        if (e >= 0)
            add_actor(p, a->ents[e].code);
    }
    /* Whom it involves: the object ("visit China", "meet Xi", "host the
     * Quad summit"), "with X", "between X and Y"; not where it happens. */
    participants(a, p, v + 1, hi, kind);
    specific(p);
    country_only(a, p, kind);
    return 0;
}

int ax_find_planned(ac_annotation *a)
{
    /* 1. Verbs of planned events. */
    for (uint32_t v = 0; v < a->ntok; v++)
        if ((a->lex[v].cls & LX_PLAN_VERB) || kind_at(a, v) == PK_SIGNING)
            if ((a->lex[v].cls & (LX_PLAN_VERB | LX_MEMBER)) && plan_verb(a, v) < 0)
                return -1;
    size_t nverbs = a->nplanned;
    /* 2. Nouns of scheduled events. */
    for (uint32_t n = 0; n < a->ntok; n++) {
        if (!(a->lex[n].cls & LX_EVENT_NOUN) || covered(a, n))
            continue;
        uint32_t s = a->sent_of[n], lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
        if (n + 1 < hi && (a->lex[n + 1].cls & LX_EVENT_NOUN))
            continue;                      /* "signing ceremony": the head is the last */
        uint32_t mf;
        int is_ahead = ahead(a, n, lo, hi, &mf);
        if (!is_ahead) {
            /* A day on or after the story's: "go to the polls on April 12 in a
             * parliamentary election", "begin talks in Egypt today". */
            const char *d = event_day(a, lo, hi, 0);
            is_ahead = not_past(a, d);
            if (is_ahead)
                for (uint32_t i = lo; i < hi; i++)
                    if (ax_wflags(a, i) & WF_PAST)
                        is_ahead = 0;
        }
        if (!is_ahead || negated(a, lo, hi) || cancelled(a, lo, hi))
            continue;
        int verb_here = 0;
        for (size_t j = 0; j < nverbs && !verb_here; j++)
            verb_here = a->planned[j].sentence == s;
        if (verb_here)
            continue;
        ax_planned *p = add(a, mf, n + 1, s);
        if (!p)
            return -1;
        int kind = kind_at(a, n);
        for (uint32_t i = mf; i < n; i++)
            if (kind_at(a, i) == PK_SIGNING)
                kind = PK_SIGNING;         /* "signing ceremony" */
        p->kind = ax_kind_name(kind);
        p->date = event_day(a, lo, hi, 1);
        for (uint32_t i = lo; i < hi; i++) {
            if (i > n && (ax_wflags(a, i) & WF_SUBORD))
                break;                     /* "... that could end Orban's years" */
            int np = a->np_at[i];
            if (np < 0)
                continue;
            const ac_np *x = &a->doc->nps[np];
            i = x->end - 1;
                if (x->kind == AK_AGREEMENT || (is_place(a, x->first) && kind != PK_ELECTION && kind != PK_VOTE))
                continue;                  /* where it happens is no participant */
            if (x->group == (int32_t)np_index(a, x))
                add_group(a, p, x->group);
        }
        specific(p);
        country_only(a, p, kind);
        /* The agreement it belongs to: named in the sentence, or, for a
         * signing or a ceremony, the last one named. */
        int agr = -1;
        for (size_t k = 0; k < a->nagr_ment; k++)
            if (a->agr_ment[k].sentence == s)
                agr = (int)a->agr_ment[k].entity;
        if (agr < 0 && (kind == PK_SIGNING || kind == PK_CEREMONY))
            agr = ax_agreement_before(a, mf);
        if (agr >= 0) {
            p->agreement = a->agrs[agr].code;
            if (!p->nactors)
                for (size_t k = 0; k < a->nactions; k++)
                    if (a->actions[k].agreement == (uint32_t)agr && !a->actions[k].negated)
                        add_actor(p, a->actions[k].actor);
        }
    }
    return 0;
}
