/*
 * quotes.c -- direct quotations and indirect speech, with their speakers.
 *
 * Direct quotations. The normaliser has made every double quotation mark
 * straight ("), so marks are paired by position inside a paragraph: a mark
 * that touches a word on its right and space on its left opens, the
 * reverse closes, an ambiguous one alternates. A quotation still open at
 * the end of a paragraph ends there (news writes a quotation that runs over
 * paragraphs with no closing mark before the break); its speaker is that of
 * the next part when it has none of its own. Single quotation marks inside
 * are part of the text (nested quotes). The text of a quotation is what
 * stands between the marks, without a comma that ends it (the comma of the
 * sentence around it: "..., the first of many," underlining ...); marks
 * around no word ("*" on a web form) are not a quotation.
 *
 * The speaker of a direct quotation, in this order:
 *   1. a speech verb just before it: Trump stated, "..." / told reporters:
 *      "..." -- the verb's subject;
 *   2. a speech verb just after it: "...," Trump said. / said Trump /
 *      Tokayev, the Kazakh president, said / according to X;
 *   3. for a quotation inside a sentence, a speech or framing verb earlier
 *      in it: Trump called the deal "historic";
 *   4. the speaker of the quotation before it in the same paragraph, or
 *      of the paragraph before when this one opens with the quotation.
 * Quotations of fewer than four words with no speaker are dropped: they are
 * scare quotes and titles, not speech.
 *
 * Indirect speech, outside quotation marks:
 *   SPEAKER [adverbs] VERB [object] [adjuncts] that CLAUSE   (any speech verb)
 *   SPEAKER VERB CLAUSE          (say, tell, claim, ...: LX_SAY_BARE)
 *   As SPEAKER VERB, CLAUSE      CLAUSE, SPEAKER VERB.      CLAUSE, VERB SPEAKER.
 *   According to SPEAKER, CLAUSE                           CLAUSE, according to SPEAKER.
 *   His remarks highlight that CLAUSE   (a speech noun with a possessor)
 * The clause runs to the end of the sentence, final punctuation excluded.
 *
 * A speaker is an actor phrase of the coder (resolved: "the Kazakh leader"
 * -> Tokayev), a pronoun (he, she: the last person named or quoted; it,
 * they: the last actor), a capitalised name the dictionaries do not know
 * (a surname alone resolves to the full name given before), or a phrase
 * headed by a noun for people ("a senior analyst", "a spokesman for the
 * ministry").
 */
#include <string.h>

#include "extract/extract.h"

#define BEFORE_WINDOW 8    /* tokens between a speech verb and the quotation after it */
#define AFTER_WINDOW 10    /* tokens between a quotation and the speech verb after it */
#define MIN_UNATTRIBUTED 4 /* words of a quotation kept without a speaker */

typedef struct speaker {
    int ok;
    uint32_t first, end;   /* the words that name the speaker */
    const char *name, *code;
} speaker;

/* A capitalised name the dictionaries do not know, taken as a person. */
typedef struct pname {
    uint32_t first, end;
} pname;

typedef struct qctx {
    ac_annotation *a;
    const ac_tok *t;
    pname *names;          /* unknown names that look like people, in order */
    size_t nnames, cap_names;
    /* The last speaker resolved to a person, for "he said". */
    uint32_t last_pos;
    const char *last_name, *last_code;
} qctx;

static int is_word(const qctx *q, uint32_t i)
{
    return (q->t[i].flags & TK_WORD) && !(q->t[i].flags & TK_POSS);
}

static int is_cap_name_word(const qctx *q, uint32_t i)
{
    const ac_tok *t = &q->t[i];
    if (!(t->flags & (TK_CAP | TK_UPPER)) || !(t->flags & TK_WORD) || (t->flags & TK_POSS))
        return 0;
    uint32_t f = ax_wflags(q->a, i);
    if (f & (WF_DET | WF_PREP | WF_AND | WF_SUBORD | WF_PRON | WF_POSSPRON | WF_BE | WF_HAVE |
             WF_DO | WF_FUTURE | WF_COND | WF_NEG))
        return 0;
    if (q->a->lex[i].cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT | LX_PRON_SELF | LX_SAY |
                            LX_TIME | LX_TIME_REL | LX_ACCORDING))
        return 0;
    return 1;
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

static int same_sentence(const qctx *q, uint32_t i, uint32_t j)
{
    return q->a->sent_of[i] == q->a->sent_of[j];
}

/* ---- unknown names ------------------------------------------------------------ */

/* Collects capitalised sequences of two to four words outside any actor
 * phrase that look like people: a title before (Mr., Dr.), a noun for people
 * before ("farmer Maria Lopez"), or an appositive after (", a teacher,"), or
 * a speech verb after. */
static int collect_names(qctx *q)
{
    ac_annotation *a = q->a;
    for (uint32_t i = 0; i < a->ntok;) {
        if (!is_cap_name_word(q, i) || a->np_at[i] >= 0 || ax_entity_at(a, i) >= 0) {
            i++;
            continue;
        }
        uint32_t e = i;
        while (e < a->ntok && e - i < 4 && same_sentence(q, i, e) && is_cap_name_word(q, e) &&
               a->np_at[e] < 0 && ax_entity_at(a, e) < 0 && !(e > i && (q->t[e].flags & (TK_NL | TK_PARA))))
            e++;
        int title = i > 0 && (q->t[i - 1].flags & TK_TITLE) && same_sentence(q, i - 1, i);
        int noun = i > 0 && (a->lex[i - 1].cls & LX_PERSON_NOUN) && same_sentence(q, i - 1, i);
        int appos = e + 2 < a->ntok && ax_punct(a, e, ',') && same_sentence(q, e, e + 2) &&
                    (ax_is(a, e + 1, "a") || ax_is(a, e + 1, "an") || ax_is(a, e + 1, "the") ||
                     (a->lex[e + 1].cls & LX_PERSON_NOUN) || a->np_at[e + 1] >= 0 ||
                     (q->t[e + 1].flags & TK_POSS) || (e + 2 < a->ntok && (q->t[e + 2].flags & TK_POSS)));
        int says = e < a->ntok && (a->lex[e].cls & LX_SAY) && same_sentence(q, e - 1, e);
        /* A headline or sentence-initial single word is no name. */
        if ((e - i >= 2 || title || noun || appos || says) && (e - i >= 2 || title || noun)) {
            pname *p = AX_PUSH(a, q->names, q->nnames, q->cap_names);
            if (!p)
                return -1;
            p->first = title ? i - 1 : i;
            p->end = e;
        } else if (e - i == 1 && (appos || says) && i > 0 && same_sentence(q, i - 1, i)) {
            pname *p = AX_PUSH(a, q->names, q->nnames, q->cap_names);
            if (!p)
                return -1;
            p->first = i;
            p->end = e;
        }
        i = e > i ? e : i + 1;
    }
    return 0;
}

/* The last unknown person name ending before tok, or NULL. */
static const pname *name_before(const qctx *q, uint32_t tok)
{
    const pname *best = NULL;
    for (size_t k = 0; k < q->nnames && q->names[k].end <= tok; k++)
        best = &q->names[k];
    return best;
}

/* The full name given before tok whose last word is the word at w ("Lopez"
 * -> "Maria Lopez"), or NULL. */
static const pname *full_name(const qctx *q, uint32_t w, uint32_t tok)
{
    const ac_tok *t = &q->t[w];
    for (size_t k = 0; k < q->nnames && q->names[k].end <= tok; k++) {
        const pname *p = &q->names[k];
        if (p->end - p->first < 2)
            continue;
        const ac_tok *l = &q->t[p->end - 1];
        if (l->hash == t->hash)
            return p;
    }
    return NULL;
}

/* ---- speakers ----------------------------------------------------------------- */

static void set_person(qctx *q, const speaker *s)
{
    q->last_pos = s->first;
    q->last_name = s->name;
    q->last_code = s->code;
}

/* Resolves the speaker words [first, end). */
static void resolve(qctx *q, uint32_t first, uint32_t end, speaker *s)
{
    ac_annotation *a = q->a;
    s->ok = 1;
    s->first = first;
    s->end = end;
    s->name = "";
    s->code = "";
    const char *text = ax_text(a, first, end);
    int np = -1;
    for (uint32_t i = first; i < end && np < 0; i++)
        np = a->np_at[end - 1 - (i - first)];
    uint32_t cls = end - first == 1 ? a->lex[first].cls : 0;
    if (np >= 0) {
        const ac_np *p = &a->doc->nps[np];
        int x = ax_np_entity(a, np);
        if (x >= 0 && a->ents[x].kind == AK_PERSON) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
            set_person(q, s);
        } else {
            s->code = p->code ? p->code : (x >= 0 ? a->ents[x].code : "");
            s->name = x >= 0 && (!p->code || strlen(p->code) <= 3) && p->end - p->first == end - first
                          ? a->ents[x].name : text;
        }
        return;
    }
    if (cls & LX_PRON_HE) {
        int x = ax_person_before(a, first);
        uint32_t at = x >= 0 ? a->ment[0].first : 0;
        /* The later of the last person named and the last person quoted. */
        for (size_t k = a->nment_named; x >= 0 && k-- > 0;)
            if (a->ment[k].entity == (uint32_t)x && a->ment[k].first < first) {
                at = a->ment[k].first;
                break;
            }
        const pname *pn = name_before(q, first);
        if (q->last_name && q->last_pos < first && (x < 0 || q->last_pos >= at) &&
            (!pn || q->last_pos >= pn->first)) {
            s->name = q->last_name;
            s->code = q->last_code;
        } else if (pn && (x < 0 || pn->first > at)) {
            s->name = ax_text(a, pn->first, pn->end);
        } else if (x >= 0) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
        }
        return;
    }
    if (cls & (LX_PRON_IT | LX_PRON_THEY)) {
        int x = ax_actor_before(a, first, 0);
        if (x >= 0) {
            s->name = a->ents[x].name;
            s->code = a->ents[x].code;
        }
        return;
    }
    if (cls & LX_PRON_SELF)
        return;                            /* "I said": the writer, unknown */
    if (is_cap_name_word(q, end - 1)) {
        const pname *full = end - first == 1 ? full_name(q, first, first) : NULL;
        s->name = full ? ax_text(a, full->first, full->end) : text;
        /* Titles are not part of the name. */
        if (!full && (q->t[first].flags & TK_TITLE) && end - first > 1)
            s->name = ax_text(a, first + 1, end);
        set_person(q, s);
        return;
    }
    s->name = text;
}

/* The chunk of words that ends at token k (inclusive) and names a speaker,
 * not reaching before lo: an actor phrase, a pronoun, a capitalised name or
 * a phrase headed by a noun for people. Returns 1 and [*first, *end). */
static int chunk_ending(qctx *q, uint32_t k, uint32_t lo, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    if (k < lo)
        return 0;
    if (a->np_at[k] >= 0) {
        const ac_np *p = &a->doc->nps[a->np_at[k]];
        if (p->kind == AK_AGREEMENT)
            return 0;
        *first = p->first < lo ? lo : p->first;
        *end = k + 1;
        /* An appositive absorbed by the coder: "Tokayev, Kazakhstan's
         * president," -- the person before the comma speaks. */
        if (!p->code && *first >= lo + 2 && ax_punct(a, *first - 1, ',') && a->np_at[*first - 2] >= 0 &&
            a->doc->nps[a->np_at[*first - 2]].kind == AK_PERSON) {
            const ac_np *pp = &a->doc->nps[a->np_at[*first - 2]];
            *first = pp->first < lo ? lo : pp->first;
            *end = pp->end;
        }
        return 1;
    }
    uint32_t cls = a->lex[k].cls;
    if ((cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT | LX_PRON_SELF)) &&
        !(ax_wflags(a, k) & WF_POSSPRON) && !(q->t[k].flags & TK_UPPER)) {
        if (ax_is(a, k, "him") || ax_is(a, k, "them") || ax_is(a, k, "me") || ax_is(a, k, "us") ||
            ax_is(a, k, "itself") || ax_is(a, k, "himself") || ax_is(a, k, "herself"))
            return 0;
        *first = k;
        *end = k + 1;
        return 1;
    }
    if (is_cap_name_word(q, k)) {
        uint32_t f = k;
        while (f > lo && same_sentence(q, f - 1, k) &&
               (is_cap_name_word(q, f - 1) || (q->t[f - 1].flags & TK_TITLE)) && a->np_at[f - 1] < 0)
            f--;
        *first = f;
        *end = k + 1;
        return 1;
    }
    if (cls & LX_PERSON_NOUN) {
        uint32_t f = k;
        /* Determiners and modifiers: "a senior Western diplomat". */
        while (f > lo && k - f < 4 && same_sentence(q, f - 1, k) && (q->t[f - 1].flags & TK_WORD) &&
               !(q->t[f - 1].flags & TK_POSS) && !(a->lex[f - 1].cls & (LX_SAY | LX_SAY_NOUN)) &&
               !(ax_wflags(a, f - 1) & (WF_PREP | WF_SUBORD | WF_AND | WF_BE | WF_HAVE | WF_PRON)) &&
               a->np_at[f - 1] < 0) {
            f--;
            if (ax_wflags(a, f) & WF_DET)
                break;
        }
        *first = f;
        *end = k + 1;
        return 1;
    }
    return 0;
}

/* The subject of the speech verb at v: the speaker chunk to its left, over
 * adverbs, auxiliaries and a parenthetical ", who ..., " or ", speaking at
 * ..., ". lo bounds the search. */
static int subject_of(qctx *q, uint32_t v, uint32_t lo, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    if (v == 0 || v <= lo)
        return 0;
    uint32_t k = v - 1;
    while (k > lo && is_adverbish(q, k) && same_sentence(q, k, v))
        k--;
    if (!same_sentence(q, k, v) && !(k + 1 == v && ax_punct(a, v - 1, '"')))
        return 0;
    if (ax_punct(a, k, ',') && k > lo) {
        /* A parenthetical: find the comma that opens it. */
        uint32_t c = k;
        while (c > lo && k - c < 16 && !ax_punct(a, c - 1, ',') && !ax_punct(a, c - 1, '"') &&
               same_sentence(q, c - 1, k))
            c--;
        if (c > lo && ax_punct(a, c - 1, ',') && c >= 2 && c - 2 >= lo) {
            /* The appositive itself may be the NP the coder absorbed. */
            if (chunk_ending(q, c - 2, lo, first, end))
                return 1;
        }
        return 0;
    }
    /* A speech noun with a possessor: "His remarks highlight that". */
    if (a->lex[k].cls & LX_SAY_NOUN) {
        uint32_t j = k;
        while (j > lo && k - j < 3 && !(q->t[j - 1].flags & TK_POSS) && !(ax_wflags(a, j - 1) & WF_POSSPRON) &&
               (q->t[j - 1].flags & TK_WORD) && same_sentence(q, j - 1, k))
            j--;
        if (j > lo && (ax_wflags(a, j - 1) & WF_POSSPRON) && (a->lex[j - 1].cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT))) {
            *first = j - 1;
            *end = j;
            return 1;
        }
        if (j > lo + 1 && (q->t[j - 1].flags & TK_POSS))
            return chunk_ending(q, j - 2, lo, first, end);
        return 0;
    }
    return chunk_ending(q, k, lo, first, end);
}

/* A speaker chunk starting at token k (after an inverted verb: said Trump). */
static int chunk_starting(qctx *q, uint32_t k, uint32_t hi, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    if (k >= hi)
        return 0;
    if (a->np_at[k] >= 0) {
        const ac_np *p = &a->doc->nps[a->np_at[k]];
        if (p->kind == AK_AGREEMENT)
            return 0;
        *first = k;
        *end = p->end > hi ? hi : p->end;
        return 1;
    }
    uint32_t cls = a->lex[k].cls;
    if ((cls & (LX_PRON_HE | LX_PRON_THEY | LX_PRON_IT)) && !(ax_wflags(a, k) & WF_POSSPRON) &&
        !ax_is(a, k, "him") && !ax_is(a, k, "them")) {
        *first = k;
        *end = k + 1;
        return 1;
    }
    if (is_cap_name_word(q, k) || ((q->t[k].flags & TK_TITLE) && k + 1 < hi && is_cap_name_word(q, k + 1))) {
        uint32_t e = k + 1;
        while (e < hi && (is_cap_name_word(q, e) || (q->t[e].flags & TK_TITLE)) && a->np_at[e] < 0)
            e++;
        if (e < hi && a->np_at[e] >= 0)
            e = (uint32_t)a->doc->nps[a->np_at[e]].end;
        *first = k;
        *end = e > hi ? hi : e;
        return 1;
    }
    /* "said a spokesman", "said the minister": a determiner, then modifiers
     * and a noun for people or an actor phrase. */
    for (uint32_t e = k; e < hi && e - k < 5; e++) {
        if (a->np_at[e] >= 0) {
            const ac_np *p = &a->doc->nps[a->np_at[e]];
            if (p->kind == AK_AGREEMENT)
                return 0;
            *first = k;
            *end = p->end > hi ? hi : p->end;
            return 1;
        }
        if (a->lex[e].cls & LX_PERSON_NOUN) {
            *first = k;
            *end = e + 1;
            /* "a spokesman for the ministry" */
            if (e + 2 < hi && (ax_wflags(a, e + 1) & WF_PREP) && a->np_at[e + 2] >= 0 &&
                a->doc->nps[a->np_at[e + 2]].kind != AK_AGREEMENT)
                *end = a->doc->nps[a->np_at[e + 2]].end;
            return 1;
        }
        if (!(q->t[e].flags & TK_WORD) || (ax_wflags(a, e) & (WF_PREP | WF_SUBORD | WF_BE | WF_AND)))
            return 0;
    }
    return 0;
}

/* A noun for people followed by "for/of/at NP": extend the chunk to include
 * it ("a spokesman for the ministry"), when [first, end) is the NP part. */
static void widen_left(qctx *q, uint32_t lo, uint32_t *first)
{
    ac_annotation *a = q->a;
    uint32_t f = *first;
    if (f >= lo + 2 && (ax_is(a, f - 1, "for") || ax_is(a, f - 1, "of") || ax_is(a, f - 1, "at")) &&
        (a->lex[f - 2].cls & LX_PERSON_NOUN)) {
        uint32_t g, e;
        if (chunk_ending(q, f - 2, lo, &g, &e))
            *first = g;
    }
}

/* ---- output -------------------------------------------------------------------- */

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
        x->speaker = ax_text(a, s->first, s->end);
        x->speaker_start = ax_start(a, s->first);
        x->speaker_end = ax_end(a, s->end);
        x->speaker_name = s->name;
        x->speaker_code = s->code;
    }
    return x;
}

/* ---- direct quotations ----------------------------------------------------------- */

typedef struct seg {
    uint32_t open, close;  /* the marks; close is the paragraph's next token when unclosed */
    int closed;
    ac_quote *quote;       /* NULL when dropped */
    speaker sp;
    uint32_t vfirst, vend;
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

/* A speech verb at i (and "pointed out"): its end token in *vend. */
static int speech_verb(const qctx *q, uint32_t i, uint32_t *vend, int partial)
{
    const ac_annotation *a = q->a;
    uint32_t cls = a->lex[i].cls;
    if (!(cls & (LX_SAY | (partial ? LX_SAY_PARTIAL : 0))) || (q->t[i].flags & TK_CAP && i > 0 &&
                                                             !(q->t[i].flags & (TK_NL | TK_PARA)) &&
                                                             same_sentence(q, i - 1, i) &&
                                                             !ax_punct(a, i - 1, '"')))
        return 0;
    *vend = i + 1;
    if (ax_is(q->a, i, "pointed") || ax_is(q->a, i, "points") || ax_is(q->a, i, "point")) {
        if (i + 1 < a->ntok && ax_is(a, i + 1, "out"))
            *vend = i + 2;
        else
            return 0;
    }
    return 1;
}

/* "according to X" at i: the speaker chunk after "to". */
static int according(qctx *q, uint32_t i, uint32_t hi, uint32_t *first, uint32_t *end)
{
    ac_annotation *a = q->a;
    return (a->lex[i].cls & LX_ACCORDING) && i + 2 < hi && ax_is(a, i + 1, "to") &&
           chunk_starting(q, i + 2, hi, first, end);
}

/* Steps 1 to 3 of the header. Returns 1 when a speaker was found. */
static int attribute(qctx *q, seg *g)
{
    ac_annotation *a = q->a;
    uint32_t f, e, vend;
    uint32_t qo = g->open, qc = g->close;
    /* 1. A speech verb just before: Trump stated, "..." */
    for (uint32_t k = qo, n = 0; k > 0 && n < BEFORE_WINDOW && !a->para_start[k]; n++) {
        k--;
        const ac_tok *t = &q->t[k];
        if ((t->flags & TK_PUNCT) && (t->punct == '"' || t->punct == '.' || t->punct == '!' || t->punct == '?'))
            break;
        if (speech_verb(q, k, &vend, 0)) {
            uint32_t lo = ax_sent_first(a, a->sent_of[k]);
            if (subject_of(q, k, lo, &f, &e)) {
                widen_left(q, lo, &f);
                resolve(q, f, e, &g->sp);
            } else if (k + 1 < qo && chunk_starting(q, k + 1, qo, &f, &e)) {
                resolve(q, f, e, &g->sp);          /* Said Trump: "..." */
            } else {
                continue;
            }
            g->vfirst = k;
            g->vend = vend;
            return 1;
        }
        if (according(q, k, qo, &f, &e)) {
            resolve(q, f, e, &g->sp);
            g->vfirst = k;
            g->vend = k + 2;
            return 1;
        }
    }
    /* 2. A speech verb just after: "...," Trump said. */
    if (g->closed) {
        uint32_t hi = qc + 1;
        while (hi < a->ntok && hi - qc <= AFTER_WINDOW && !a->para_start[hi] && !ax_punct(a, hi, '"')) {
            const ac_tok *t = &q->t[hi];
            hi++;
            if ((t->flags & TK_PUNCT) && (t->punct == '.' || t->punct == '!' || t->punct == '?' || t->punct == ';'))
                break;
        }
        for (uint32_t k = qc + 1; k < hi && k - qc <= 7; k++) {
            if (speech_verb(q, k, &vend, 0)) {
                if (k > qc + 1 && subject_of(q, k, qc + 1, &f, &e)) {
                    resolve(q, f, e, &g->sp);
                } else if (chunk_starting(q, vend, hi, &f, &e)) {
                    resolve(q, f, e, &g->sp);      /* said Trump, said a spokesman */
                } else {
                    break;
                }
                g->vfirst = k;
                g->vend = vend;
                return 1;
            }
            if (according(q, k, hi, &f, &e)) {
                resolve(q, f, e, &g->sp);
                g->vfirst = k;
                g->vend = k + 2;
                return 1;
            }
        }
    }
    /* 3. Inside a sentence: a speech or framing verb earlier in it. */
    uint32_t lo = ax_sent_first(a, a->sent_of[qo]);
    for (uint32_t k = qo; k-- > lo;) {
        if (ax_punct(a, k, '"'))
            break;
        if (speech_verb(q, k, &vend, 1) && subject_of(q, k, lo, &f, &e)) {
            resolve(q, f, e, &g->sp);
            g->vfirst = k;
            g->vend = vend;
            return 1;
        }
    }
    return 0;
}

static int direct_quotes(qctx *q)
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
            g->closed = 0;
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
        } else if (o == 1) {
            open = i;                              /* the earlier mark was stray */
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
    /* Mark what is inside, then attribute in order. */
    for (size_t k = 0; k < nseg; k++)
        for (uint32_t i = segs[k].open + 1; i < segs[k].close; i++)
            a->in_quote[i] = 1;
    for (size_t k = 0; k < nseg; k++) {
        seg *g = &segs[k];
        if (attribute(q, g))
            continue;
        /* 4. The speaker of the quotation before it: same paragraph, or the
         * paragraph before when this one opens with the quotation. */
        seg *p = k ? &segs[k - 1] : NULL;
        if (!p || !p->sp.ok)
            continue;
        uint32_t paras = 0;
        for (uint32_t i = p->close; i <= g->open && i < a->ntok; i++)
            paras += a->para_start[i] && i > p->open;
        if (paras == 0 || (paras == 1 && a->para_start[g->open]) || (!p->closed && paras <= 1)) {
            g->sp = p->sp;
            g->vfirst = p->vfirst;
            g->vend = p->vend;
        }
    }
    /* A quotation that runs over a paragraph break speaks with the voice
     * of its next part. */
    for (size_t k = nseg; k-- > 1;) {
        seg *p = &segs[k - 1];
        if (!p->closed && !p->sp.ok && segs[k].sp.ok && segs[k].open == p->close) {
            p->sp = segs[k].sp;
            p->vfirst = segs[k].vfirst;
            p->vend = segs[k].vend;
        }
    }
    for (size_t k = 0; k < nseg; k++) {
        seg *g = &segs[k];
        uint32_t first = g->open + 1, end = g->close;
        while (end > first && (ax_punct(a, end - 1, ',') || ax_punct(a, end - 1, ':')))
            end--;
        uint32_t words = 0;
        for (uint32_t i = first; i < end; i++)
            words += is_word(q, i);
        if (!words || (!g->sp.ok && words < MIN_UNATTRIBUTED))
            continue;
        if (!add_quote(q, AC_QUOTE_DIRECT, first, end, &g->sp, g->vfirst, g->vend))
            return -1;
    }
    return 0;
}

/* ---- indirect speech ----------------------------------------------------------- */

/* The end of the clause that starts at `first` in its sentence: the
 * sentence's end, final punctuation and closing marks excluded. */
static uint32_t clause_end(const qctx *q, uint32_t first)
{
    const ac_annotation *a = q->a;
    uint32_t e = ax_sent_end(a, a->sent_of[first]);
    while (e > first && (q->t[e - 1].flags & TK_PUNCT))
        e--;
    return e;
}

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

static int indirect_quote(qctx *q, uint32_t cfirst, uint32_t cend, const speaker *sp,
                          uint32_t vfirst, uint32_t vend)
{
    if (words_in(q, cfirst, cend) < 3)
        return 0;
    return add_quote(q, AC_QUOTE_INDIRECT, cfirst, cend, sp, vfirst, vend) ? 0 : -1;
}

static int indirect_speech(qctx *q)
{
    ac_annotation *a = q->a;
    const ac_doc *doc = a->doc;
    for (uint32_t s = 0; s < doc->nsent; s++) {
        uint32_t lo = ax_sent_first(a, s), hi = ax_sent_end(a, s);
        int done = 0;
        for (uint32_t v = lo; v < hi && !done; v++) {
            uint32_t vend, f, e;
            speaker sp;
            if (a->in_quote[v])
                continue;
            /* According to X, CLAUSE. / CLAUSE, according to X. */
            if (according(q, v, hi, &f, &e)) {
                if (v == lo && e < hi && ax_punct(a, e, ',')) {
                    resolve(q, f, e, &sp);
                    if (indirect_quote(q, e + 1, clause_end(q, e + 1), &sp, v, v + 2) < 0)
                        return -1;
                    done = 1;
                } else if (v > lo + 3 && ax_punct(a, v - 1, ',') && clause_end(q, v) <= e) {
                    resolve(q, f, e, &sp);
                    if (indirect_quote(q, lo, v - 1, &sp, v, v + 2) < 0)
                        return -1;
                    done = 1;
                }
                continue;
            }
            if (!speech_verb(q, v, &vend, 0) || (a->lex[v].val & VF_MASK) == VF_ING)
                continue;
            /* CLAUSE, said X. */
            if (v > lo + 3 && ax_punct(a, v - 1, ',') && chunk_starting(q, vend, hi, &f, &e) &&
                e >= clause_end(q, e > vend ? e - 1 : vend)) {
                resolve(q, f, e, &sp);
                if (indirect_quote(q, lo, v - 1, &sp, v, vend) < 0)
                    return -1;
                done = 1;
                continue;
            }
            if (!subject_of(q, v, lo, &f, &e))
                continue;
            /* CLAUSE, X said. */
            if (f > lo + 3 && ax_punct(a, f - 1, ',') && clause_end(q, vend) <= vend + 4 &&
                !(ax_wflags(a, vend < hi ? vend : v) & WF_SUBORD)) {
                resolve(q, f, e, &sp);
                if (indirect_quote(q, lo, f - 1, &sp, v, vend) < 0)
                    return -1;
                done = 1;
                continue;
            }
            /* As X noted, CLAUSE. */
            if (f > lo && ax_is(a, f - 1, "as") && vend < hi && ax_punct(a, vend, ',')) {
                resolve(q, f, e, &sp);
                if (indirect_quote(q, vend + 1, clause_end(q, vend + 1), &sp, v, vend) < 0)
                    return -1;
                done = 1;
                continue;
            }
            if (f > lo && ax_wflags(a, f - 1) & WF_SUBORD && !ax_is(a, f - 1, "that"))
                continue;                          /* "because he said", "when they said" */
            /* X said (to Y) (on Tuesday) that CLAUSE */
            uint32_t c = vend;
            int that = 0;
            for (uint32_t k = vend; k < hi && k < vend + 8; k++) {
                if (ax_is(a, k, "that")) {
                    that = 1;
                    c = k + 1;
                    break;
                }
                if ((q->t[k].flags & TK_PUNCT) || (a->lex[k].cls & LX_SAY) ||
                    (ax_wflags(a, k) & (WF_SUBORD | WF_BE | WF_FUTURE | WF_COND)))
                    break;
            }
            if (!that) {
                if (!(a->lex[v].cls & LX_SAY_BARE) || vend >= hi)
                    continue;
                c = vend;
                /* told reporters / told Israel: skip the hearer */
                if (ax_is(a, v, "told") || ax_is(a, v, "tells") || ax_is(a, v, "tell")) {
                    uint32_t h0, h1;
                    if (!chunk_starting(q, c, hi, &h0, &h1))
                        continue;
                    c = h1;
                }
                /* The clause opens with a subject: a pronoun, a determiner,
                 * a name or an actor. */
                if (c >= hi)
                    continue;
                uint32_t fl = ax_wflags(a, c);
                if (!(fl & (WF_PRON | WF_DET | WF_POSSPRON)) && a->np_at[c] < 0 &&
                    !(q->t[c].flags & (TK_CAP | TK_NUM)))
                    continue;
                if (ax_punct(a, c, '"') || ax_punct(a, c, ',') || ax_punct(a, c, ':'))
                    continue;
            }
            resolve(q, f, e, &sp);
            if (indirect_quote(q, c, clause_end(q, c), &sp, v, vend) < 0)
                return -1;
            done = 1;
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
    if (collect_names(&q) < 0 || direct_quotes(&q) < 0)
        return -1;
    /* Indirect speech resolves pronouns afresh, in text order. */
    q.last_name = NULL;
    q.last_pos = 0;
    size_t ndirect = a->nquotes;
    if (indirect_speech(&q) < 0)
        return -1;
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
