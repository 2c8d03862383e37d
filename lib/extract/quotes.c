/*
 * quotes.c -- direct quotations and indirect speech, with their speakers.
 * The rules follow tests/annotate/README.md, which the gold quotations of
 * docs/ACCURACY.md are cut by.
 *
 * Direct quotations. The normaliser has made every double quotation mark
 * straight ("), so marks are paired by position inside a paragraph: a mark
 * with space on its left and a word on its right opens, the reverse closes,
 * an ambiguous one alternates. A quotation still open at the end of a
 * paragraph ends there (news opens each paragraph of a long quotation and
 * closes only the last); it speaks with the voice of its next part when it
 * has none of its own. Single quotation marks inside are part of the text
 * (nested quotations). The text is what stands between the marks without
 * one final comma or period ("..., the first of many," -> "..., the first
 * of many"); a quotation split by its attribution ("We are ready," Zelensky
 * said, "to meet ...") is one quotation, its parts joined by a space. Marks
 * around no word ("*" on a web form) are not a quotation.
 *
 * The speaker of a direct quotation, in this order:
 *   1. a speech verb just before it: Trump stated, "..." / told reporters:
 *      "..." -- the verb's subject;
 *   2. a speech or framing verb earlier in its sentence, for a quotation
 *      inside a sentence: Trump called the deal "historic"; Lavrov said
 *      Russia would not "freeze the conflict";
 *   3. a speech verb right after it: "...," Trump said / said Trump /
 *      Tokayev, the Kazakh president, said / according to X; not across the
 *      end of a sentence the quotation closed with a period;
 *   4. the speaker of the quotation before, in the same paragraph, or in
 *      the paragraph before when this one opens with the quotation (a
 *      continuation: no verb of its own).
 * A quotation with no speaker is dropped: scare quotes, titles, code names.
 *
 * Indirect speech, outside quotation marks, when the reported clause holds
 * no quotation mark (it is then a partial quotation, found above):
 *   SPEAKER [adverbs] VERB [hearer] [adjuncts] that CLAUSE   (any speech verb)
 *   SPEAKER VERB CLAUSE          (say, tell, claim ...: a clause with a verb)
 *   As SPEAKER VERB, CLAUSE      CLAUSE, SPEAKER VERB.      CLAUSE, VERB SPEAKER.
 *   According to SPEAKER, CLAUSE                           CLAUSE, according to SPEAKER.
 *   His remarks highlight that CLAUSE   (a speech noun with a possessor)
 * The clause runs to the end of the sentence, final punctuation excluded.
 *
 * A speaker is found as the subject of its verb: an actor phrase of the
 * coder, a pronoun, a capitalised name the dictionaries do not know, or a
 * phrase headed by a noun for people ("a senior analyst", "a spokesman for
 * the ministry"); after "and", "but" or in ", saying ...", the subject of the
 * sentence. It is resolved to a name and a code:
 *   - an actor phrase: its person ("the Kazakh leader" -> Tokayev, coref.c),
 *     or its code and its words ("Ukraine's foreign ministry", UKRGOV);
 *   - he, she: the last person named or quoted before; it, they, "the
 *     statement": the last speaker;
 *   - a surname alone: the person named before with that word in the name
 *     ("Aoun" -> Joseph Aoun); a title noun ("the prince", "the official"):
 *     the last speaker or person whose words hold it;
 *   - a name after a title phrase takes its code ("Chinese Commerce
 *     Ministry spokesman He Yadong" -> CHNGOV).
 */
#include <string.h>

#include "extract/extract.h"

#define BEFORE_WINDOW 8    /* tokens between a speech verb and the quotation after it */
#define AFTER_WINDOW 14    /* tokens between a quotation and the speech verb after it */
#define THAT_WINDOW 12     /* tokens between a speech verb and its "that" */

typedef struct speaker {
    int ok;
    uint32_t first, end;   /* the words that name the speaker; end == first: none */
    const char *name, *code;
    int person;
} speaker;

/* A capitalised name the dictionaries do not know, taken as a person. */
typedef struct pname {
    uint32_t first, end;
} pname;

/* Reported speech found, waiting for its speaker to be resolved. */
typedef struct pend {
    uint32_t cfirst, cend; /* the clause */
    uint32_t sf, se;       /* the speaker words */
    uint32_t vf, ve;       /* the verb */
    speaker sp;
} pend;

typedef struct qctx {
    ac_annotation *a;
    const ac_tok *t;
    pend *pend;
    size_t npend, cap_pend;
    pname *names;
    size_t nnames, cap_names;
    speaker *hist;         /* every speaker resolved, in the order found */
    size_t nhist, cap_hist;
} qctx;

static int is_word(const qctx *q, uint32_t i)
{
    return (q->t[i].flags & TK_WORD) && !(q->t[i].flags & TK_POSS);
}

static int same_sentence(const qctx *q, uint32_t i, uint32_t j)
{
    return q->a->sent_of[i] == q->a->sent_of[j];
}

static int is_cap_name_word(const qctx *q, uint32_t i)
{
    const ac_tok *t = &q->t[i];
    if (!(t->flags & (TK_CAP | TK_UPPER)) || !(t->flags & TK_WORD) || (t->flags & TK_POSS))
        return 0;
    uint32_t f = ax_wflags(q->a, i);
    if (f & (WF_DET | WF_PREP | WF_AND | WF_SUBORD | WF_PRON | WF_POSSPRON | WF_BE | WF_HAVE |
             WF_DO | WF_FUTURE | WF_COND | WF_NEG | WF_ADV))
        return 0;
    if (q->a->lex[i].cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT | LX_PRON_SELF | LX_SAY |
                            LX_SAY_PARTIAL | LX_TIME | LX_TIME_REL | LX_ACCORDING))
        return 0;
    return 1;
}

/* A capitalised pronoun inside a name: "spokesman He Yadong". */
static int is_name_pronoun(const qctx *q, uint32_t i)
{
    ac_annotation *a = q->a;
    return (q->t[i].flags & TK_CAP) && (a->lex[i].cls & LX_PRON_HE) && i > 0 && same_sentence(q, i - 1, i) &&
           !(q->t[i].flags & (TK_NL | TK_PARA)) && i + 1 < a->ntok && same_sentence(q, i, i + 1) &&
           is_cap_name_word(q, i + 1) && (a->np_at[i - 1] >= 0 || is_cap_name_word(q, i - 1));
}

static int is_adverbish(const qctx *q, uint32_t i)
{
    const ac_tok *t = &q->t[i];
    if (!(t->flags & TK_WORD))
        return 0;
    uint32_t f = ax_wflags(q->a, i);
    if (f & (WF_ADV | WF_HAVE | WF_DO | WF_FUTURE | WF_COND))
        return 1;
    const char *s = q->a->doc->text + t->start;
    return t->len > 3 && s[t->len - 1] == 'y' && s[t->len - 2] == 'l' && !(t->flags & TK_CAP);
}

/* Case-insensitive equality of the words at i and j. */
static int same_word(const qctx *q, uint32_t i, uint32_t j)
{
    return q->t[i].hash == q->t[j].hash;
}

/* ---- unknown names -------------------------------------------------------------- */

/* Capitalised words outside any actor phrase that the text marks as a
 * person: a title before (Mr., Dr.), a noun for people before ("farmer
 * Maria Lopez", "spokesman Lin Jian"), an appositive after (", a teacher,")
 * or a speech verb after. */
static int collect_names(qctx *q)
{
    ac_annotation *a = q->a;
    for (uint32_t i = 0; i < a->ntok;) {
        if (!is_cap_name_word(q, i) || a->np_at[i] >= 0 || ax_entity_at(a, i) >= 0) {
            i++;
            continue;
        }
        uint32_t e = i + 1;
        while (e < a->ntok && e - i < 4 && same_sentence(q, i, e) && (is_cap_name_word(q, e) || is_name_pronoun(q, e)) &&
               a->np_at[e] < 0 && ax_entity_at(a, e) < 0 && !(q->t[e].flags & (TK_NL | TK_PARA)))
            e++;
        int title = i > 0 && (q->t[i - 1].flags & TK_TITLE) && same_sentence(q, i - 1, i);
        int noun = i > 0 && same_sentence(q, i - 1, i) &&
                   ((a->lex[i - 1].cls & LX_PERSON_NOUN) || (a->np_at[i - 1] >= 0 && is_word(q, i - 1)));
        int appos = e + 1 < a->ntok && ax_punct(a, e, ',') && same_sentence(q, e, e + 1) &&
                    (ax_is(a, e + 1, "a") || ax_is(a, e + 1, "an") || ax_is(a, e + 1, "the") ||
                     (a->lex[e + 1].cls & LX_PERSON_NOUN) || (a->np_at[e + 1] >= 0) ||
                     ax_is(a, e + 1, "who"));
        int says = e < a->ntok && (a->lex[e].cls & LX_SAY) && same_sentence(q, e - 1, e);
        int initial = i == 0 || !same_sentence(q, i - 1, i) || a->para_start[i];
        if (title || noun || appos || (says && (e - i >= 2 || !initial))) {
            pname *p = AX_PUSH(a, q->names, q->nnames, q->cap_names);
            if (!p)
                return -1;
            p->first = i;
            p->end = e;
        }
        i = e;
    }
    return 0;
}

static const pname *name_before(const qctx *q, uint32_t tok)
{
    const pname *best = NULL;
    for (size_t k = 0; k < q->nnames && q->names[k].end <= tok; k++)
        best = &q->names[k];
    return best;
}

/* A longer unknown name given before tok that holds the word at w
 * ("Dujarric" -> "Stéphane Dujarric"). */
static const pname *full_name(const qctx *q, uint32_t w, uint32_t tok)
{
    const pname *best = NULL;
    for (size_t k = 0; k < q->nnames && q->names[k].end <= tok; k++) {
        const pname *p = &q->names[k];
        if (p->end - p->first < 2)
            continue;
        for (uint32_t i = p->first; i < p->end; i++)
            if (same_word(q, i, w))
                best = p;
    }
    return best;
}

/* The person named before tok whose mention holds the word at w ("Aoun"
 * -> Joseph Aoun, "Lee" -> Lee Jae-myung), or -1. The words of the coder's
 * phrase around the mention count too ("Lebanese President Joseph Aoun"). */
static int person_by_word(const qctx *q, uint32_t w, uint32_t tok)
{
    const ac_annotation *a = q->a;
    int best = -1;
    for (size_t k = 0; k < a->nment_named && a->ment[k].first < tok; k++) {
        const ax_mention *m = &a->ment[k];
        if (a->ents[m->entity].kind != AK_PERSON)
            continue;
        uint32_t f = m->first, e = m->end;
        if (a->np_at[f] >= 0) {
            f = a->doc->nps[a->np_at[f]].first;
            e = a->doc->nps[a->np_at[f]].end;
        }
        for (uint32_t i = f; i < e; i++)
            if (same_word(q, i, w) && i != w)
                best = (int)m->entity;
    }
    return best;
}

/* ---- speakers -------------------------------------------------------------------- */

/* The latest speaker found before tok; persons only when persons is set. */
static const speaker *hist_before(const qctx *q, uint32_t tok, int persons)
{
    const speaker *best = NULL;
    for (size_t k = 0; k < q->nhist; k++) {
        const speaker *s = &q->hist[k];
        if (s->first < tok && (!persons || s->person) && *s->name && (!best || s->first > best->first))
            best = s;
    }
    return best;
}

/* The words of [first, end) without a leading determiner, "one" or title. */
static const char *plain_name(qctx *q, uint32_t first, uint32_t end)
{
    ac_annotation *a = q->a;
    while (first + 1 < end && (ax_is(a, first, "a") || ax_is(a, first, "an") || ax_is(a, first, "the") ||
                               ax_is(a, first, "one") || (q->t[first].flags & TK_TITLE)))
        first++;
    return ax_text(a, first, end);
}

/* The code of "Country's [words] agent" spread over two of the coder's
 * phrases ("South Korea's unification ministry" -> KORGOV), or NULL. */
static const char *composed_code(qctx *q, uint32_t first, uint32_t end)
{
    ac_annotation *a = q->a;
    const ac_np *country = NULL, *agent = NULL;
    for (uint32_t i = first; i < end; i++) {
        int np = a->np_at[i];
        if (np < 0)
            continue;
        const ac_np *p = &a->doc->nps[np];
        if (p->code && strlen(p->code) == 3 && !country)
            country = p;
        else if (!p->code && a->dict->entries[p->entry].kind == AK_AGENT)
            agent = p;
        i = p->end - 1;
    }
    if (!country || !agent || agent->first < country->end)
        return NULL;
    const ac_entry *e = &a->dict->entries[agent->entry];
    const char *ag = ac_entry_code(e, a->doc->date);
    if (!ag)
        return NULL;
    size_t cl = strlen(country->code), al = strlen(ag);
    char *out = ac_arena_alloc(&a->arena, cl + al + 1);
    if (!out)
        return NULL;
    if (e->prefix) {
        memcpy(out, ag, al);
        memcpy(out + al, country->code, cl + 1);
    } else {
        memcpy(out, country->code, cl);
        memcpy(out + cl, ag, al + 1);
    }
    return out;
}

/* The code a name takes from the title phrase just before it, or from an
 * appositive phrase right after it; NULL when none. */
static const char *title_code(qctx *q, uint32_t f, uint32_t e)
{
    ac_annotation *a = q->a;
    uint32_t g = f;
    if (g >= 1 && ax_punct(a, g - 1, ',') && same_sentence(q, g - 1, f))
        g--;                               /* "minister, Yemane Gebremeskel" */
    uint32_t lo = g;
    while (lo > 0 && g - lo < 6 && same_sentence(q, lo - 1, f) && !(q->t[lo - 1].flags & TK_PUNCT) &&
           (a->np_at[lo - 1] >= 0 || (q->t[lo - 1].flags & TK_POSS) ||
            (is_word(q, lo - 1) && !ax_wflags(a, lo - 1) && !a->lex[lo - 1].cls)))
        lo--;
    if (lo < g) {
        const char *c = composed_code(q, lo, g);
        if (c)
            return c;
        for (uint32_t i = g; i-- > lo;)
            if (a->np_at[i] >= 0 && a->doc->nps[a->np_at[i]].code)
                return a->doc->nps[a->np_at[i]].code;
    }
    /* ", the UN High Commissioner for Human Rights" */
    if (e + 2 < a->ntok && ax_punct(a, e, ',') && same_sentence(q, e, e + 2)) {
        for (uint32_t i = e + 1; i < a->ntok && i < e + 6 && same_sentence(q, e, i); i++) {
            if (q->t[i].flags & TK_PUNCT)
                break;
            if (a->np_at[i] >= 0 && a->doc->nps[a->np_at[i]].code &&
                a->doc->nps[a->np_at[i]].kind != AK_AGREEMENT)
                return a->doc->nps[a->np_at[i]].code;
        }
    }
    return NULL;
}

/* A title noun ("the prince", "the official", "the emir") refers to the
 * last speaker or person whose words hold it. Returns 1 when resolved. */
static int by_title(qctx *q, uint32_t w, uint32_t tok, speaker *s)
{
    ac_annotation *a = q->a;
    const speaker *best = NULL;
    for (size_t k = 0; k < q->nhist; k++) {
        const speaker *h = &q->hist[k];
        if (h->first >= tok || !*h->name || (best && h->first < best->first))
            continue;
        for (uint32_t i = h->first; i < h->end; i++)
            if (same_word(q, i, w) && i != w)
                best = h;
    }
    int person = -1;
    uint32_t at = 0;
    for (size_t k = 0; k < a->nment_named && a->ment[k].first < tok; k++) {
        const ax_mention *m = &a->ment[k];
        if (a->ents[m->entity].kind != AK_PERSON || a->np_at[m->first] < 0)
            continue;
        const ac_np *p = &a->doc->nps[a->np_at[m->first]];
        for (uint32_t i = p->first; i < p->end; i++)
            if (same_word(q, i, w)) {
                person = (int)m->entity;
                at = m->first;
            }
    }
    if (person >= 0 && (!best || at > best->first)) {
        s->name = a->ents[person].name;
        s->code = a->ents[person].code;
        s->person = 1;
        return 1;
    }
    if (best) {
        s->name = best->name;
        s->code = best->code;
        s->person = best->person;
        return 1;
    }
    return 0;
}

/* Resolves the speaker words [first, end) (see the header). */
static int resolve(qctx *q, uint32_t first, uint32_t end, speaker *s)
{
    ac_annotation *a = q->a;
    memset(s, 0, sizeof *s);
    s->ok = 1;
    s->first = first;
    s->end = end;
    s->name = "";
    s->code = "";
    uint32_t head = end - 1;
    uint32_t cls = a->lex[head].cls;
    int np = a->np_at[head];
    for (uint32_t i = end; np < 0 && i-- > first;)
        np = a->np_at[i];
    int definite = ax_is(a, first, "the");
    if ((cls & LX_SAY_NOUN) && end - first <= 3) {
        /* "the statement said": the last speaker. */
        const speaker *h = hist_before(q, first, 0);
        if (h) {
            s->name = h->name;
            s->code = h->code;
            s->person = h->person;
        }
    } else if (end - first == 1 && (cls & LX_PRON_HE) && !is_name_pronoun(q, first)) {
        /* The later of the last person named, quoted, or met by name. */
        int x = ax_person_before(a, first);
        uint32_t at = 0;
        for (size_t k = a->nment_named; x >= 0 && k-- > 0;)
            if (a->ment[k].entity == (uint32_t)x && a->ment[k].first < first) {
                at = a->ment[k].first;
                break;
            }
        const speaker *h = hist_before(q, first, 1);
        const pname *pn = name_before(q, first);
        if (h && (x < 0 || h->first >= at) && (!pn || h->first >= pn->first)) {
            s->name = h->name;
            s->code = h->code;
        } else if (pn && (x < 0 || pn->first > at)) {
            s->name = ax_text(a, pn->first, pn->end);
        } else if (x >= 0) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
        }
        s->person = 1;
    } else if (end - first == 1 && (cls & (LX_PRON_IT | LX_PRON_THEY))) {
        const speaker *h = hist_before(q, first, 0);
        int x = ax_actor_before(a, first, 0);
        if (h) {
            s->name = h->name;
            s->code = h->code;
        } else if (x >= 0) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
        }
    } else if (end - first == 1 && (cls & LX_PRON_SELF)) {
        ;                                  /* "I said": the writer */
    } else if (np >= 0 && (a->np_at[head] >= 0 || !is_cap_name_word(q, head) ||
                           a->doc->nps[np].kind == AK_PERSON)) {
        const ac_np *p = &a->doc->nps[np];
        int x = ax_np_entity(a, np);
        const char *comp = composed_code(q, first, end);
        if (x >= 0 && a->ents[x].kind == AK_PERSON) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
            s->person = 1;
        } else if (comp) {
            s->code = comp;
            s->name = plain_name(q, first, end);
        } else if (!p->code && definite && by_title(q, head, first, s)) {
            ;
        } else {
            s->code = p->code ? p->code : "";
            s->name = x >= 0 && p->code && strlen(p->code) <= 3 && p->first == first && p->end == end
                          ? a->ents[x].name : plain_name(q, first, end);
            s->person = !p->code || strlen(p->code) > 3;
        }
    } else if (is_cap_name_word(q, head)) {
        /* A name the dictionaries do not know, or a surname alone. */
        int x = end - first <= 2 ? person_by_word(q, head, first) : -1;
        const pname *full = x < 0 && end - first == 1 ? full_name(q, head, first) : NULL;
        if (x >= 0) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
        } else {
            s->name = full ? ax_text(a, full->first, full->end) : plain_name(q, first, end);
            /* A title phrase just before ("Chinese Commerce Ministry
             * spokesman He Yadong", "Eritrea's information minister,
             * Yemane Gebremeskel,") or an appositive after ("Volker Türk,
             * the UN High Commissioner"). */
            uint32_t f = full ? full->first : first, e = full ? full->end : end;
            const char *c = title_code(q, f, e);
            if (c)
                s->code = c;
        }
        s->person = 1;
    } else if (cls & LX_PERSON_NOUN) {
        if (!(definite && by_title(q, head, first, s))) {
            s->name = plain_name(q, first, end);
            s->person = (cls & LX_SING) != 0;
        }
    } else {
        s->name = plain_name(q, first, end);
    }
    speaker *h = AX_PUSH(a, q->hist, q->nhist, q->cap_hist);
    if (!h)
        return -1;
    *h = *s;
    return 0;
}

/* ---- finding the speaker words ------------------------------------------------------ */

/* The chunk of words ending at token k that names a speaker, not before
 * lo: an actor phrase (with a possessor phrase before an agent: "South
 * Korea's unification ministry"), a pronoun, a capitalised name, or a
 * phrase headed by a noun for people or a speech noun. */
static int chunk_ending(qctx *q, uint32_t k, uint32_t lo, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    if (k < lo)
        return 0;
    if (a->np_at[k] >= 0) {
        const ac_np *p = &a->doc->nps[a->np_at[k]];
        if (p->kind == AK_AGREEMENT)
            return 0;
        uint32_t f = p->first < lo ? lo : p->first;
        *end = k + 1;
        /* An appositive the coder absorbed: "Tokayev, Kazakhstan's
         * president," -- the person before the comma speaks. */
        if (!p->code && f >= lo + 2 && ax_punct(a, f - 1, ',') && a->np_at[f - 2] >= 0 &&
            a->doc->nps[a->np_at[f - 2]].kind == AK_PERSON) {
            const ac_np *pp = &a->doc->nps[a->np_at[f - 2]];
            *first = pp->first < lo ? lo : pp->first;
            *end = pp->end;
            return 1;
        }
        /* "South Korea's unification ministry": modifiers and a possessor. */
        if (!p->code) {
            uint32_t g = f;
            while (g > lo && f - g < 2 && is_word(q, g - 1) && !(q->t[g - 1].flags & TK_CAP) &&
                   !ax_wflags(a, g - 1) && a->np_at[g - 1] < 0)
                g--;
            if (g >= lo + 2 && (q->t[g - 1].flags & TK_POSS) && a->np_at[g - 2] >= 0 &&
                a->doc->nps[a->np_at[g - 2]].code)
                f = a->doc->nps[a->np_at[g - 2]].first < lo ? lo : a->doc->nps[a->np_at[g - 2]].first;
        }
        /* Determiners and modifiers before: "a senior Israeli official". */
        while (f > lo && same_sentence(q, f - 1, k) && is_word(q, f - 1) && !(q->t[f - 1].flags & TK_CAP) &&
               (!ax_wflags(a, f - 1) || (ax_wflags(a, f - 1) & WF_DET)) && !a->lex[f - 1].cls &&
               a->np_at[f - 1] < 0 && p->first - f < 3)
            f--;
        if (f > lo && (ax_is(a, f - 1, "a") || ax_is(a, f - 1, "an") || ax_is(a, f - 1, "the")))
            f--;
        *first = f;
        return 1;
    }
    uint32_t cls = a->lex[k].cls;
    if ((cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT | LX_PRON_SELF)) &&
        !(ax_wflags(a, k) & WF_POSSPRON) && !(q->t[k].flags & TK_UPPER)) {
        if (ax_is(a, k, "him") || ax_is(a, k, "them") || ax_is(a, k, "me") || ax_is(a, k, "us") ||
            ax_is(a, k, "itself") || ax_is(a, k, "himself") || ax_is(a, k, "herself") || ax_is(a, k, "her"))
            return 0;
        *first = k;
        *end = k + 1;
        return 1;
    }
    if (is_cap_name_word(q, k)) {
        uint32_t f = k;
        while (f > lo && same_sentence(q, f - 1, k) && a->np_at[f - 1] < 0 &&
               (is_cap_name_word(q, f - 1) || is_name_pronoun(q, f - 1) || (q->t[f - 1].flags & TK_TITLE)))
            f--;
        /* The rest of a name the coder's phrase began: "Taiwanese President
         * Lai" + "Ching-te". */
        if (f > lo && a->np_at[f - 1] >= 0 && a->doc->nps[a->np_at[f - 1]].kind == AK_PERSON &&
            a->doc->nps[a->np_at[f - 1]].end == f)
            f = a->doc->nps[a->np_at[f - 1]].first < lo ? lo : a->doc->nps[a->np_at[f - 1]].first;
        *first = f;
        *end = k + 1;
        return 1;
    }
    if (cls & (LX_PERSON_NOUN | LX_SAY_NOUN)) {
        uint32_t f = k;
        while (f > lo && k - f < 4 && same_sentence(q, f - 1, k) && is_word(q, f - 1) &&
               !(a->lex[f - 1].cls & (LX_SAY | LX_SAY_NOUN)) &&
               !(ax_wflags(a, f - 1) & (WF_PREP | WF_SUBORD | WF_AND | WF_BE | WF_HAVE | WF_PRON)) &&
               a->np_at[f - 1] < 0) {
            f--;
            if (ax_wflags(a, f) & (WF_DET | WF_POSSPRON))
                break;
        }
        if ((cls & LX_SAY_NOUN) && !(ax_wflags(a, f) & WF_DET))
            return 0;                      /* "the statement", not "remarks" */
        *first = f;
        *end = k + 1;
        return 1;
    }
    return 0;
}

/* The subject of the sentence [lo, limit): the first speaker chunk, after a
 * leading phrase that ends with a comma ("Speaking in Doha, he said"). */
static int sentence_subject(qctx *q, uint32_t lo, uint32_t limit, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    uint32_t start = lo;
    if (lo < limit && ((a->lex[lo].val & VF_MASK) == VF_ING || (ax_wflags(a, lo) & (WF_PREP | WF_SUBORD)) ||
                       (a->lex[lo].cls & LX_ACCORDING) || (q->t[lo].flags & TK_NUM))) {
        for (uint32_t k = lo; k < limit; k++)
            if (ax_punct(a, k, ',')) {
                start = k + 1;
                break;
            }
    }
    for (uint32_t k = start; k < limit; k++) {
        if (ax_punct(a, k, '"') || (a->lex[k].cls & (LX_SAY | LX_SAY_PARTIAL)))
            return 0;
        uint32_t e = k;
        if (a->np_at[k] >= 0) {
            const ac_np *p = &a->doc->nps[a->np_at[k]];
            if (p->kind == AK_AGREEMENT || (k > lo && (ax_wflags(a, k - 1) & WF_PREP)) ||
                (p->end < limit && (q->t[p->end].flags & TK_POSS))) {
                k = p->end - 1;            /* an object or a possessor, not the subject */
                continue;
            }
            e = p->end - 1;
        } else if (is_cap_name_word(q, k)) {
            while (e + 1 < limit && (is_cap_name_word(q, e + 1) || is_name_pronoun(q, e + 1)) && a->np_at[e + 1] < 0)
                e++;
        } else if (!(a->lex[k].cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT | LX_PRON_SELF | LX_PERSON_NOUN))) {
            continue;
        }
        return chunk_ending(q, e, lo, first, end);
    }
    return 0;
}

/* The subject of the speech verb at v, not before lo: the chunk to its
 * left over adverbs and auxiliaries, a parenthetical (", who ..., ") or a
 * speech noun with its possessor ("His remarks"); the subject of the
 * sentence after "and", "but" and for ", saying". */
static int subject_of(qctx *q, uint32_t v, uint32_t lo, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    if (v <= lo)
        return 0;
    uint32_t k = v - 1;
    while (k > lo && is_adverbish(q, k))
        k--;
    if (ax_is(a, k, "and") || ax_is(a, k, "but") ||
        (ax_punct(a, k, ',') && (a->lex[v].val & VF_MASK) == VF_ING))
        return sentence_subject(q, lo, k, first, end);
    if (ax_punct(a, k, ',') && k > lo) {
        /* A parenthetical: find the comma that opens it. */
        uint32_t c = k;
        while (c > lo && k - c < 16 && !ax_punct(a, c - 1, ',') && !ax_punct(a, c - 1, '"'))
            c--;
        if (c >= lo + 2 && ax_punct(a, c - 1, ',')) {
            /* "Qatar's emir, Sheikh Tamim bin Hamad Al Thani, told": the
             * name inside the commas, when it is one. */
            uint32_t f2, e2;
            if (chunk_ending(q, k - 1, c, &f2, &e2) && f2 == c &&
                ((a->np_at[k - 1] >= 0 && a->doc->nps[a->np_at[k - 1]].kind == AK_PERSON) ||
                 (a->np_at[k - 1] < 0 && is_cap_name_word(q, k - 1)))) {
                *first = f2;
                *end = e2;
                return 1;
            }
            if (chunk_ending(q, c - 2, lo, first, end))
                return 1;
        }
        return 0;
    }
    /* A speech noun with a possessor: "His remarks highlight that". */
    if ((a->lex[k].cls & LX_SAY_NOUN) && !(k > lo && (ax_wflags(a, k - 1) & WF_DET))) {
        uint32_t j = k;
        while (j > lo && k - j < 3 && !(q->t[j - 1].flags & TK_POSS) && !(ax_wflags(a, j - 1) & WF_POSSPRON) &&
               is_word(q, j - 1))
            j--;
        if (j > lo && (ax_wflags(a, j - 1) & WF_POSSPRON) &&
            (a->lex[j - 1].cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT))) {
            *first = j - 1;
            *end = j;
            return 1;
        }
        if (j >= lo + 2 && (q->t[j - 1].flags & TK_POSS))
            return chunk_ending(q, j - 2, lo, first, end);
        return 0;
    }
    return chunk_ending(q, k, lo, first, end);
}

/* A speaker chunk starting at token k, before hi (after an inverted verb:
 * said Trump, said a spokesman for the ministry, asked Finnish President
 * Alexander Stubb). */
static int chunk_starting(qctx *q, uint32_t k, uint32_t hi, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    if (k >= hi)
        return 0;
    uint32_t e = k;
    /* Words up to the head: determiners, modifiers, actor phrases, names. */
    while (e < hi && e - k < 8) {
        if (a->np_at[e] >= 0) {
            const ac_np *p = &a->doc->nps[a->np_at[e]];
            if (p->kind == AK_AGREEMENT)
                return 0;
            e = p->end;
            while (e < hi && (is_cap_name_word(q, e) || is_name_pronoun(q, e)) && a->np_at[e] < 0)
                e++;                       /* "spokesman Lin Jian" */
            /* "a spokesman for the Kremlin" */
            if (!p->code && e + 1 < hi && (ax_is(a, e, "for") || ax_is(a, e, "of") || ax_is(a, e, "at"))) {
                uint32_t j = e + 1;
                while (j < hi && j - e < 4 && a->np_at[j] < 0 && (ax_wflags(a, j) & WF_DET))
                    j++;
                if (j < hi && a->np_at[j] >= 0 && a->doc->nps[a->np_at[j]].code)
                    e = a->doc->nps[a->np_at[j]].end;
            }
            break;
        }
        if (is_cap_name_word(q, e) || (q->t[e].flags & TK_TITLE)) {
            while (e < hi && (is_cap_name_word(q, e) || is_name_pronoun(q, e) || (q->t[e].flags & TK_TITLE)) &&
                   a->np_at[e] < 0)
                e++;
            if (e < hi && a->np_at[e] >= 0)
                e = a->doc->nps[a->np_at[e]].end;
            break;
        }
        uint32_t cls = a->lex[e].cls;
        if (e == k && (cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT)) && !(ax_wflags(a, e) & WF_POSSPRON) &&
            !ax_is(a, e, "him") && !ax_is(a, e, "them") && !ax_is(a, e, "her")) {
            e++;
            break;
        }
        if (cls & LX_PERSON_NOUN) {
            e++;
            /* "one analyst at a Gulf think tank", "a spokesman for the ministry" */
            if (e + 1 < hi && (ax_is(a, e, "for") || ax_is(a, e, "of") || ax_is(a, e, "at"))) {
                uint32_t j = e + 1;
                while (j < hi && j - e < 6 && !(q->t[j].flags & TK_PUNCT) &&
                       !(a->lex[j].cls & (LX_SAY | LX_SAY_PARTIAL)) && !(ax_wflags(a, j) & (WF_SUBORD | WF_BE)))
                    j++;
                e = j;
            }
            break;
        }
        if (!is_word(q, e) || (ax_wflags(a, e) & (WF_PREP | WF_SUBORD | WF_BE | WF_AND | WF_TO)) ||
            (cls & (LX_SAY | LX_TIME)))
            return 0;
        e++;
        if (e == hi || e - k == 8)
            return 0;                      /* no head: "titled", "the next day" */
    }
    if (e == k || e > hi)
        return 0;
    *first = k;
    *end = e;
    return 1;
}

/* ---- output ------------------------------------------------------------------------ */

static ac_quote *add_quote(qctx *q, ac_quote_kind kind, uint32_t first, uint32_t end,
                           const speaker *s, uint32_t verb_first, uint32_t verb_end)
{
    ac_annotation *a = q->a;
    ac_quote *x = AX_PUSH(a, a->quotes, a->nquotes, a->cap_quotes);
    if (!x)
        return NULL;
    x->kind = kind;
    x->start = ax_start(a, first);
    x->end = ax_end(a, end);
    x->sentence = a->sent_of[first];
    x->text = ax_text(a, first, end);
    x->speaker = "";
    x->speaker_name = "";
    x->speaker_code = "";
    x->verb = verb_end > verb_first ? ax_text(a, verb_first, verb_end) : "";
    if (s && s->ok) {
        if (s->end > s->first) {
            x->speaker = ax_text(a, s->first, s->end);
            x->speaker_start = ax_start(a, s->first);
            x->speaker_end = ax_end(a, s->end);
        }
        x->speaker_name = s->name ? s->name : "";
        x->speaker_code = s->code ? s->code : "";
    }
    return x;
}

/* A speech verb at i ("pointed out" takes two words): its end in *vend.
 * partial: the verbs that frame a partial quotation count too. */
static int speech_verb(const qctx *q, uint32_t i, uint32_t *vend, int partial)
{
    const ac_annotation *a = q->a;
    uint32_t cls = a->lex[i].cls;
    if (!(cls & (LX_SAY | (partial ? LX_SAY_PARTIAL : 0))) || a->np_at[i] >= 0)
        return 0;                          /* "state television" is an actor */
    /* A capitalised form inside a sentence is a name ("Said", "Post"). */
    if ((q->t[i].flags & TK_CAP) && i > 0 && same_sentence(q, i - 1, i) && !ax_punct(a, i - 1, '"') &&
        !ax_punct(a, i - 1, ','))
        return 0;
    /* After a determiner it is a noun: "A report titled ...". */
    if (i > 0 && same_sentence(q, i - 1, i) && (ax_wflags(a, i - 1) & (WF_DET | WF_POSSPRON)))
        return 0;
    *vend = i + 1;
    if (ax_is(a, i, "pointed") || ax_is(a, i, "points") || ax_is(a, i, "point")) {
        if (i + 1 < a->ntok && ax_is(a, i + 1, "out"))
            *vend = i + 2;
        else
            return 0;
    }
    if (ax_is(a, i, "called") && i + 1 < a->ntok && (ax_is(a, i + 1, "on") || ax_is(a, i + 1, "for")))
        *vend = i + 2;
    return 1;
}

/* "according to X" at i: the speaker chunk after "to". */
static int according(qctx *q, uint32_t i, uint32_t hi, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    return (a->lex[i].cls & LX_ACCORDING) && i + 2 < hi && ax_is(a, i + 1, "to") &&
           chunk_starting(q, i + 2, hi, first, end);
}

/* ---- direct quotations -------------------------------------------------------------- */

typedef struct seg {
    uint32_t open, close;  /* the marks; close is the next paragraph's first token when unclosed */
    int closed;
    int has;               /* a speaker chunk was found: sf, se */
    uint32_t sf, se;
    uint32_t vfirst, vend; /* the attribution verb, vend == vfirst when none */
    int after;             /* attributed by a verb after the quotation */
    int merged;            /* the second part of a split quotation */
    int64_t from;          /* the segment whose speaker this one takes, -1 */
    int words;             /* 0 when the same seg must be dropped (no words) */
    speaker sp;
} seg;

static int mark_opens(const ac_annotation *a, uint32_t i)
{
    const char *txt = a->doc->text;
    uint32_t s = a->doc->toks[i].start;
    char before = s ? txt[s - 1] : ' ';
    char after = s + 1 < a->doc->text_len ? txt[s + 1] : ' ';
    int space_before = before == ' ' || before == '\n' || before == '(' || before == '[' || before == '-';
    int space_after = after == ' ' || after == '\n' || after == '\0';
    if (space_before && !space_after)
        return 1;
    if (!space_before && space_after)
        return 0;
    return -1;
}

static int found(seg *g, uint32_t f, uint32_t e, uint32_t vfirst, uint32_t vend)
{
    g->has = 1;
    g->sf = f;
    g->se = e;
    g->vfirst = vfirst;
    g->vend = vend;
    return 1;
}

/* Steps 1 to 3 of the header: finds the speaker words. Returns 1 or 0. */
static int attribute(qctx *q, seg *g)
{
    ac_annotation *a = q->a;
    uint32_t f, e, vend;
    uint32_t qo = g->open, qc = g->close;
    uint32_t lo = ax_sent_first(a, a->sent_of[qo]);
    /* 1. A speech verb just before: Trump stated, "..." */
    for (uint32_t k = qo, n = 0; k > 0 && n < BEFORE_WINDOW && !a->para_start[k]; n++) {
        k--;
        const ac_tok *t = &q->t[k];
        if ((t->flags & TK_PUNCT) && (t->punct == '"' || t->punct == '.' || t->punct == '!' || t->punct == '?'))
            break;
        if (speech_verb(q, k, &vend, 0)) {
            uint32_t slo = ax_sent_first(a, a->sent_of[k]);
            if (subject_of(q, k, slo, &f, &e) || (vend < qo && chunk_starting(q, vend, qo, &f, &e)))
                return found(g, f, e, k, vend);
        }
        if (according(q, k, qo, &f, &e))
            return found(g, f, e, k, k + 2);
    }
    /* 2. Inside a sentence: a speech or framing verb earlier in it. */
    for (uint32_t k = qo; k-- > lo;) {
        if (ax_punct(a, k, '"')) {
            /* Over an earlier quotation of the sentence ("unjustified" and
             * "deeply disappointing"): skip to its opening mark. */
            while (k > lo && !ax_punct(a, k - 1, '"'))
                k--;
            if (k == lo)
                break;
            k--;
            continue;
        }
        if (speech_verb(q, k, &vend, 1) && subject_of(q, k, lo, &f, &e))
            return found(g, f, e, k, vend);
    }
    /* 3. A speech verb right after: "...," Trump said. Not across the end
     * of a sentence the quotation closed with a period. */
    if (g->closed && qc > qo + 1) {
        int period = ax_punct(a, qc - 1, '.');
        int cross = qc + 1 < a->ntok && !same_sentence(q, qc, qc + 1);
        if (period && cross)
            return 0;
        uint32_t hi = qc + 1;
        while (hi < a->ntok && hi - qc <= AFTER_WINDOW && !a->para_start[hi] && !ax_punct(a, hi, '"')) {
            const ac_tok *t = &q->t[hi];
            hi++;
            if ((t->flags & TK_PUNCT) && (t->punct == '.' || t->punct == '!' || t->punct == '?' || t->punct == ';'))
                break;
        }
        uint32_t from = qc + 1 < hi && ax_punct(a, qc + 1, ',') ? qc + 2 : qc + 1;
        for (uint32_t k = from; k < hi; k++) {
            if (speech_verb(q, k, &vend, 0)) {
                /* Only the speaker stands between the quotation and the verb. */
                if (k > from && subject_of(q, k, from, &f, &e) && f == from) {
                    g->after = 1;
                    return found(g, f, e, k, vend);
                }
                if (k == from && chunk_starting(q, vend, hi, &f, &e)) {
                    g->after = 1;
                    return found(g, f, e, k, vend);     /* said Trump */
                }
                return 0;
            }
            if (according(q, k, hi, &f, &e))
                return found(g, f, e, k, k + 2);
        }
    }
    return 0;
}

/* The text of the quotation [first, end) cut by the span rule: without one
 * final comma or period. */
static uint32_t cut(const ac_annotation *a, uint32_t first, uint32_t end)
{
    if (end > first && (ax_punct(a, end - 1, ',') || ax_punct(a, end - 1, ':') ||
                        (ax_punct(a, end - 1, '.') && a->doc->toks[end - 1].len == 1)))
        end--;
    return end;
}

/* Pairs the marks and finds the speaker words of each quotation. */
static int direct_quotes(qctx *q, seg **out, size_t *nout)
{
    ac_annotation *a = q->a;
    seg *segs = NULL;
    size_t nseg = 0, cap = 0;
    /* Pair the marks, paragraph by paragraph. */
    int64_t open = -1;
    for (uint32_t i = 0; i <= a->ntok; i++) {
        if (open >= 0 && (i == a->ntok || a->para_start[i])) {
            seg *g = AX_PUSH(a, segs, nseg, cap);
            if (!g)
                return -1;
            g->open = (uint32_t)open;
            g->close = i;
            open = -1;
        }
        if (i == a->ntok)
            break;
        if (!ax_punct(a, i, '"'))
            continue;
        int o = mark_opens(a, i);
        if (open < 0) {
            if (o != 0)
                open = i;
        } else if (o == 1 && i > open + 1) {
            open = i;                      /* the earlier mark was stray */
        } else {
            seg *g = AX_PUSH(a, segs, nseg, cap);
            if (!g)
                return -1;
            g->open = (uint32_t)open;
            g->close = i;
            g->closed = 1;
            open = -1;
        }
    }
    for (size_t k = 0; k < nseg; k++)
        for (uint32_t i = segs[k].open + 1; i < segs[k].close; i++)
            a->in_quote[i] = 1;
    for (size_t k = 0; k < nseg; k++) {
        seg *g = &segs[k];
        g->from = -1;
        if (attribute(q, g))
            continue;
        /* 4. The speaker of the quotation before it. */
        seg *p = k ? &segs[k - 1] : NULL;
        if (!p || (!p->has && p->from < 0))
            continue;
        uint32_t paras = 0;
        for (uint32_t i = p->open + 1; i <= g->open && i < a->ntok; i++)
            paras += a->para_start[i];
        int same = a->sent_of[p->open] == a->sent_of[g->open];
        if (paras == 0 || (paras == 1 && a->para_start[g->open])) {
            g->from = (int64_t)k - 1;
            if (same) {
                g->vfirst = p->vfirst;     /* "x" and "y", one verb for both */
                g->vend = p->vend;
            }
        }
    }
    /* Split quotations: "We are ready," Zelensky said, "to meet ..." -- the
     * verb after the first part is the verb before the second. */
    for (size_t k = 1; k < nseg; k++) {
        seg *p = &segs[k - 1], *g = &segs[k];
        if (p->closed && p->after && p->vfirst > p->close && p->vend < g->open &&
            ax_punct(a, g->open - 1, ',') && (!g->has || g->vfirst == p->vfirst)) {
            int para = 0;
            for (uint32_t i = p->close; i <= g->open; i++)
                para |= a->para_start[i];
            if (!para) {
                g->merged = 1;
                g->has = 0;
                g->from = (int64_t)k - 1;
            }
        }
    }
    /* A quotation that runs over a paragraph break speaks with the voice of
     * its next part. */
    for (size_t k = nseg; k-- > 1;) {
        seg *p = &segs[k - 1];
        if (!p->closed && !p->has && p->from < 0 && (segs[k].has || segs[k].from >= 0) && segs[k].open == p->close)
            p->from = (int64_t)k;
    }
    *out = segs;
    *nout = nseg;
    return 0;
}

/* Writes the direct quotations, speakers resolved (resolve_all). */
static int direct_output(qctx *q, seg *segs, size_t nseg)
{
    ac_annotation *a = q->a;
    for (size_t k = 0; k < nseg; k++) {
        seg *g = &segs[k];
        uint32_t first = g->open + 1, end = cut(a, first, g->close);
        uint32_t words = 0;
        for (uint32_t i = first; i < end; i++)
            words += is_word(q, i);
        if (!words || !g->sp.ok)
            continue;
        if (g->merged && a->nquotes) {
            /* Join the parts with one space. */
            ac_quote *x = &a->quotes[a->nquotes - 1];
            const char *two = ax_text(a, first, end);
            size_t l1 = strlen(x->text), l2 = strlen(two);
            char *t = ac_arena_alloc(&a->arena, l1 + l2 + 2);
            if (!t)
                return -1;
            memcpy(t, x->text, l1);
            t[l1] = ' ';
            memcpy(t + l1 + 1, two, l2 + 1);
            x->text = t;
            x->end = ax_end(a, end);
            continue;
        }
        if (!add_quote(q, AC_QUOTE_DIRECT, first, end, &g->sp, g->vfirst, g->vend))
            return -1;
    }
    return 0;
}

/* ---- indirect speech ------------------------------------------------------------------ */

/* The end of the sentence of token i, final punctuation and marks excluded. */
static uint32_t clause_end(const qctx *q, uint32_t i)
{
    const ac_annotation *a = q->a;
    uint32_t lo = ax_sent_first(a, a->sent_of[i]);
    uint32_t e = ax_sent_end(a, a->sent_of[i]);
    while (e > lo && (q->t[e - 1].flags & TK_PUNCT))
        e--;
    return e;
}

/* Words of [first, end); -1 when a quotation mark is inside. */
static int words_in(const qctx *q, uint32_t first, uint32_t end)
{
    int n = 0;
    for (uint32_t i = first; i < end; i++) {
        if (q->a->in_quote[i] || ax_punct(q->a, i, '"'))
            return -1;
        n += is_word(q, i);
    }
    return n;
}

/* Does [first, end) read as a clause: a finite verb in it? */
static int has_verb(const qctx *q, uint32_t first, uint32_t end, int to_comma)
{
    const ac_annotation *a = q->a;
    for (uint32_t i = first; i < end; i++) {
        uint32_t f = ax_wflags(a, i);
        if ((to_comma && ax_punct(a, i, ',')) || (a->lex[i].cls & LX_SAY))
            return 0;                      /* "..., the ministry said": not the clause's */
        if (f & (WF_BE | WF_HAVE | WF_DO | WF_FUTURE | WF_COND | WF_PAST | WF_NEG))
            return 1;
        const ac_tok *t = &q->t[i];
        const char *s = a->doc->text + t->start;
        if (!t->word && (t->flags & TK_WORD) && !(t->flags & TK_CAP) && t->len > 3 && s[t->len - 2] == 'e' &&
            s[t->len - 1] == 'd')
            return 1;
        if (t->word && (a->dict->words[a->dict->words[t->word].base].flags & WF_HEAD) && i > first &&
            (s[t->len - 1] == 's' || (f & WF_PAST)) && !(ax_wflags(a, i - 1) & (WF_DET | WF_PREP)))
            return 1;
        /* Right after its subject: "Kazakhstan plans", "officials hope". */
        if (i > first && (t->flags & TK_WORD) && !(t->flags & (TK_CAP | TK_POSS)) && t->len > 2 &&
            (s[t->len - 1] == 's' || (s[t->len - 2] == 'e' && s[t->len - 1] == 'd') || (f & WF_INTENT)) &&
            (a->np_at[i - 1] >= 0 || (ax_wflags(a, i - 1) & WF_PRON)) && a->np_at[i] < 0)
            return 1;
    }
    return 0;
}

/* Records the reported clause [cfirst, cend) of the speaker words
 * [sfirst, send); resolved later, in text order. Returns 1 when kept. */
static int indirect_quote(qctx *q, uint32_t cfirst, uint32_t cend, uint32_t sfirst, uint32_t send,
                          uint32_t vfirst, uint32_t vend)
{
    if (cend <= cfirst || words_in(q, cfirst, cend) < 3)
        return 0;
    pend *p = AX_PUSH(q->a, q->pend, q->npend, q->cap_pend);
    if (!p)
        return -1;
    p->cfirst = cfirst;
    p->cend = cend;
    p->sf = sfirst;
    p->se = send;
    p->vf = vfirst;
    p->ve = vend;
    return 1;
}

/* The reported clause after the speech verb [v, vend) of sentence [lo, hi):
 * its first token, or 0 when there is none. */
static uint32_t clause_after(qctx *q, uint32_t v, uint32_t vend, uint32_t hi)
{
    ac_annotation *a = q->a;
    /* ... (to Y) (on Tuesday) that CLAUSE: over the hearer and adjuncts. */
    for (uint32_t k = vend, n = 0; k < hi && n < THAT_WINDOW; k++, n++) {
        if (ax_is(a, k, "that"))
            return k + 1;
        if (a->np_at[k] >= 0) {
            k = a->doc->nps[a->np_at[k]].end - 1;
            continue;
        }
        if (ax_punct(a, k, ',') && k + 1 < hi && is_adverbish(q, k + 1))
            continue;                      /* said, however, that */
        if (ax_punct(a, k, ',') && k > vend && is_adverbish(q, k - 1))
            continue;
        if ((q->t[k].flags & TK_PUNCT) || (a->lex[k].cls & LX_SAY) ||
            (ax_wflags(a, k) & (WF_SUBORD | WF_BE | WF_FUTURE | WF_COND | WF_TO)))
            break;
    }
    if (!(a->lex[v].cls & LX_SAY_BARE) || vend >= hi)
        return 0;
    uint32_t c = vend;
    /* told reporters / told Israel: over the hearer. */
    if (ax_is(a, v, "told") || ax_is(a, v, "tells") || ax_is(a, v, "tell")) {
        uint32_t h0, h1;
        if (!chunk_starting(q, c, hi, &h0, &h1))
            return 0;
        c = h1;
    }
    if (c >= hi || (q->t[c].flags & TK_PUNCT))
        return 0;
    uint32_t fl = ax_wflags(a, c);
    if (fl & (WF_PREP | WF_TO | WF_ADV | WF_SUBORD | WF_BE | WF_HAVE | WF_AND) || (a->lex[c].val & VF_MASK) == VF_ING)
        return 0;
    if (!has_verb(q, c, clause_end(q, c), 1))
        return 0;
    return c;
}

static int indirect_speech(qctx *q)
{
    ac_annotation *a = q->a;
    const ac_doc *doc = a->doc;
    for (uint32_t s = 0; s < doc->nsent; s++) {
        uint32_t lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
        for (uint32_t v = lo; v < hi; v++) {
            uint32_t vend, f, e;
            int r = 0;
            if (a->in_quote[v])
                continue;
            /* According to X, CLAUSE. / CLAUSE, according to X. */
            if (according(q, v, hi, &f, &e)) {
                if (v == lo && e < hi && ax_punct(a, e, ','))
                    r = indirect_quote(q, e + 1, clause_end(q, e + 1), f, e, v, v + 2);
                else if (v > lo + 3 && ax_punct(a, v - 1, ',') && clause_end(q, v) <= e)
                    r = indirect_quote(q, lo, v - 1, f, e, v, v + 2);
                if (r < 0)
                    return -1;
                if (r)
                    break;
                continue;
            }
            if (!speech_verb(q, v, &vend, 0))
                continue;
            int ing = (a->lex[v].val & VF_MASK) == VF_ING;
            /* CLAUSE, said X. */
            if (!ing && v > lo + 3 && ax_punct(a, v - 1, ',') && chunk_starting(q, vend, hi, &f, &e) &&
                clause_end(q, v) <= e + 3) {
                if ((r = indirect_quote(q, lo, v - 1, f, e, v, vend)) < 0)
                    return -1;
                if (r)
                    break;
                continue;
            }
            if (!subject_of(q, v, lo, &f, &e))
                continue;
            /* CLAUSE, X said (on Monday). Not "In a statement on Monday, X
             * warned": the clause has a verb and opens with no preposition. */
            if (!ing && f > lo + 3 && ax_punct(a, f - 1, ',') && clause_end(q, v) <= vend + 4 &&
                (vend >= hi || !ax_is(a, vend, "that")) && !(ax_wflags(a, lo) & (WF_PREP | WF_SUBORD)) &&
                has_verb(q, lo, f - 1, 0)) {
                if ((r = indirect_quote(q, lo, f - 1, f, e, v, vend)) < 0)
                    return -1;
                if (r)
                    break;
                continue;
            }
            /* As X noted, CLAUSE. */
            if (f > lo && ax_is(a, f - 1, "as") && vend < hi && ax_punct(a, vend, ',')) {
                if ((r = indirect_quote(q, vend + 1, clause_end(q, vend + 1), f, e, v, vend)) < 0)
                    return -1;
                if (r)
                    break;
                continue;
            }
            if (f > lo && (ax_wflags(a, f - 1) & WF_SUBORD) && !ax_is(a, f - 1, "that") &&
                !ax_is(a, f - 1, "but"))
                continue;                  /* "because he said", "when they said" */
            uint32_t c = clause_after(q, v, vend, hi);
            if (!c)
                continue;
            if ((r = indirect_quote(q, c, clause_end(q, c), f, e, v, vend)) < 0)
                return -1;
            if (r)
                v = clause_end(q, c);      /* one report per clause; "and said" may follow */
        }
    }
    return 0;
}

/* A speaker to resolve: of a direct segment or of reported speech. */
typedef struct job {
    uint32_t at;           /* first token of the speaker words */
    seg *g;
    pend *p;
} job;

/* Resolves every speaker in text order, so that "he" and "the statement"
 * find the speakers before them; then gives continuations the speaker of
 * the quotation they continue. */
static int resolve_all(qctx *q, seg *segs, size_t nseg)
{
    ac_annotation *a = q->a;
    size_t n = 0;
    job *jobs = ac_arena_alloc(&a->arena, (nseg + q->npend + 1) * sizeof *jobs);
    if (!jobs)
        return -1;
    for (size_t k = 0; k < nseg; k++)
        if (segs[k].has)
            jobs[n++] = (job){segs[k].sf, &segs[k], NULL};
    for (size_t k = 0; k < q->npend; k++)
        jobs[n++] = (job){q->pend[k].sf, NULL, &q->pend[k]};
    /* Insertion sort: a story has few. */
    for (size_t i = 1; i < n; i++) {
        job x = jobs[i];
        size_t j = i;
        while (j > 0 && jobs[j - 1].at > x.at) {
            jobs[j] = jobs[j - 1];
            j--;
        }
        jobs[j] = x;
    }
    for (size_t i = 0; i < n; i++) {
        job *j = &jobs[i];
        if (j->g && resolve(q, j->g->sf, j->g->se, &j->g->sp) < 0)
            return -1;
        if (j->p && resolve(q, j->p->sf, j->p->se, &j->p->sp) < 0)
            return -1;
    }
    for (size_t k = 0; k < nseg; k++) {
        seg *g = &segs[k];
        if (g->has || g->from < 0 || g->from != (int64_t)k - 1 || !segs[k - 1].sp.ok)
            continue;
        g->sp = segs[k - 1].sp;
        if (a->sent_of[segs[k - 1].open] != a->sent_of[g->open])
            g->sp.first = g->sp.end = 0;   /* a continuation: no words, no verb */
    }
    for (size_t k = nseg; k-- > 0;) {
        seg *g = &segs[k];
        if (!g->has && g->from >= 0 && g->from == (int64_t)k + 1 && segs[k + 1].sp.ok) {
            g->sp = segs[k + 1].sp;
            g->sp.first = g->sp.end = 0;
        }
    }
    return 0;
}

int ax_find_quotes(ac_annotation *a)
{
    qctx q;
    memset(&q, 0, sizeof q);
    q.a = a;
    q.t = a->doc->toks;
    seg *segs = NULL;
    size_t nseg = 0;
    /* Direct quotations first: indirect speech is what lies outside them. */
    if (collect_names(&q) < 0 || direct_quotes(&q, &segs, &nseg) < 0 || indirect_speech(&q) < 0 ||
        resolve_all(&q, segs, nseg) < 0 || direct_output(&q, segs, nseg) < 0)
        return -1;
    size_t ndirect = a->nquotes;
    for (size_t k = 0; k < q.npend; k++) {
        pend *p = &q.pend[k];
        if (!add_quote(&q, AC_QUOTE_INDIRECT, p->cfirst, p->cend, &p->sp, p->vf, p->ve))
            return -1;
    }
    /* Keep the quotations in text order. */
    if (ndirect && a->nquotes > ndirect) {
        ac_quote *merged = ac_arena_alloc(&a->arena, a->nquotes * sizeof *merged);
        if (!merged)
            return -1;
        size_t i = 0, j = ndirect, k = 0;
        while (i < ndirect || j < a->nquotes)
            merged[k++] = (j == a->nquotes || (i < ndirect && a->quotes[i].start <= a->quotes[j].start))
                              ? a->quotes[i++] : a->quotes[j++];
        a->quotes = merged;
        a->cap_quotes = a->nquotes;
    }
    return 0;
}
