/*
 * sentence.h -- what the coder's files share about the sentence being coded.
 *
 * coder.c runs the steps of the shallow parser (its header comment lists
 * them); community.c holds what the community's dictionaries and conventions
 * add (stems, discard and issue phrases, comma clauses, clauses, TABARI's
 * actor search). Both work on one `sent`, which lives on the stack of
 * ac_code_sentence(); every allocation goes to the story's arena.
 */
#ifndef AC_SENTENCE_H
#define AC_SENTENCE_H

#include <stdint.h>

#include "code/doc.h"
#include "common/buf.h"

#define MAX_NP 256

typedef struct sent {
    ac_doc *doc;
    const ac_dict *d;
    const char *text;
    ac_tok *t;             /* the sentence's tokens */
    uint32_t n;
    uint32_t sid;
    int16_t *np_at;        /* token -> NP index or -1 */
    ac_np np[MAX_NP];
    uint32_t nnp;
    ac_buf *ex;            /* explanation, or NULL */
    size_t first_event;    /* the doc's first event from this sentence */
    const uint8_t *aside;  /* tokens of comma clauses set aside, or NULL */
    const uint16_t *clause;/* clause index of each token (AC_CODE_BY_CLAUSE), or NULL */
    uint64_t sig;          /* bit (base % 64) of every word of the sentence
                              (all bits until the heads are coded) */
    const uint32_t *stop;  /* token -> the first token at or after it where a
                              pattern's words stop being read (a clause word,
                              ';', ':', a bracket, a coded actor); s->n when
                              none; NULL until the heads are coded */
    int last_subject;      /* the NP that was subject of the last coded verb, -1 */
    uint64_t subordinate;  /* bit k: event first_event + k came from a
                              subordinate pattern */
} sent;

static inline uint32_t base_of(const sent *s, uint32_t i)
{
    return s->d->words[s->t[i].word].base;
}

static inline uint32_t wflags(const sent *s, uint32_t i)
{
    const ac_tok *t = &s->t[i];
    if (!t->word)
        return 0;
    uint32_t f = s->d->words[t->word].flags;
    /* A stem carries no form: the word it matched tells it. */
    if (t->flags & TK_STEM_ED)
        f |= WF_PAST | WF_PP;
    if (t->flags & TK_STEM_ING)
        f |= WF_ING;
    return f;
}

static inline int is_punct(const sent *s, uint32_t i, char c)
{
    return (s->t[i].flags & TK_PUNCT) && s->t[i].punct == c;
}

static inline int is_poss(const sent *s, uint32_t i)
{
    return i < s->n && (s->t[i].flags & TK_POSS);
}

/* Internal to lib/code. */

/* Appends a line to the explanation (AC_CODE_EXPLAIN); nothing otherwise. */
void ac_code_explain(sent *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The longest dictionary name at token i (special: discard and issue
 * phrases instead of actors); 1 and *out filled when found. */
int ac_code_match_name(const sent *s, uint32_t i, ac_mention *out, int special);

/* community.c */
uint32_t ac_code_stem_of(const sent *s, uint32_t i);
void ac_code_match_stem(sent *s, uint32_t i);
int ac_code_clause_break(const sent *s, uint32_t i);
void ac_code_mark_comma_clauses(const sent *s, uint8_t *aside);
void ac_code_first_actor_roles(sent *s, uint32_t h, int fixed_target, int fixed_source, int skipped,
                               int *src, int *tgt);
int ac_code_special_phrases(sent *s, ac_mention *m);
/* TABARI's pronoun coreference: the NP (a compound's first) that the
 * pronoun at token k stands for, or -1 (not a pronoun, or no actor). */
int ac_code_pronoun_ref(const sent *s, uint32_t k);

#endif
