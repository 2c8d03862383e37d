/*
 * doc.h -- what coding one story produces, all of it in the story's arena.
 */
#ifndef AC_DOC_H
#define AC_DOC_H

#include "accord.h"
#include "common/arena.h"
#include "dict/dict.h"
#include "text/text.h"

/* A dictionary name found in the text. */
typedef struct ac_mention {
    uint32_t first, n;     /* tokens */
    uint32_t entry;
    uint8_t kind;          /* ac_kind */
} ac_mention;

/* An actor phrase: mentions merged ("Kazakh President Kassym-Jomart Tokayev"). */
typedef struct ac_np {
    uint32_t first, end;   /* tokens [first, end) */
    const char *code;      /* resolved actor code, NULL when none */
    uint32_t entry;        /* the entry that decided the code */
    uint8_t kind;          /* kind of that entry */
    uint8_t poss;          /* followed by 's */
    int32_t group;         /* first NP of its compound ("A, B and C"), or itself */
    uint32_t agent;        /* the phrase's (first) agent entry, UINT32_MAX none */
    uint8_t agent_first;   /* the agent stands before the actor ("ambassadors of A") */
} ac_np;

struct ac_doc {
    ac_arena arena;
    const ac_dict *dict;
    char *text;            /* normalised */
    size_t text_len;
    int32_t date;          /* YYYYMMDD or 0 */
    const char *date_str;

    ac_tok *toks;
    size_t ntok;
    ac_span *spans;        /* sentences as token spans */
    ac_sentence *sentences;
    size_t nsent;

    ac_event *events;
    size_t nevents, cap_events;

    /* Cross-sentence memory for pronouns: the last actors that acted. */
    const char *last_code;
    const char *last_text;

    /* With AC_CODE_KEEP_ACTORS: every sentence's actor phrases, in order;
     * first/end are absolute token indexes and group an index into nps. */
    ac_np *nps;
    uint32_t *np_sentence;  /* sentence of each phrase */
    size_t nnps, cap_nps;

    /* Discards and issues (community dictionaries). */
    int discard_story;
    const char **issue_codes;
    size_t *issue_counts;
    size_t nissues, cap_issues;

    unsigned flags;
    unsigned min_words;    /* ac_code_options.min_words */
    unsigned comma[6];     /* ac_code_options.comma, defaults filled in */
    ac_buf explain;
};

/* Codes sentence `s` of doc (matching included). Returns AC_OK or AC_ENOMEM. */
ac_status ac_code_sentence(ac_doc *doc, size_t s, ac_stage stop_after);

/* Event-code transformations for mood, refusal and threat (transform.c).
 * Each returns the code to emit, or NULL when none applies. */
const char *ac_code_intent(const ac_dict *d, const char *code);
const char *ac_code_reject(const ac_dict *d, const char *code);
const char *ac_code_threat(const ac_dict *d, const char *code);

#endif
