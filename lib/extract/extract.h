/*
 * extract.h -- the annotation layer: what lib/extract's files share.
 *
 * ac_annotate() (annotate.c) reads a coded story (an ac_doc made with
 * AC_CODE_KEEP_ACTORS) and finds, in this order:
 *
 *   lexicon.c     closed word classes of its own (speech verbs and nouns,
 *                 membership verbs, pronouns, time words, ...), one hash
 *                 probe per token, built once for the process;
 *   actors.c      every dictionary name of the story (actors, agreements,
 *                 theme and tone phrases) in one walk of the name trie per
 *                 token, grouped into entities, one per dictionary entry;
 *   coref.c       pronouns and descriptions ("he", "the Kazakh leader", "the
 *                 two countries", "the Accords") resolved to the entities
 *                 named before them;
 *   quotes.c      direct quotations and indirect speech, with their speakers;
 *   themes.c, tone.c   theme counts, GDELT V2Tone-style figures;
 *   agreements.c  membership actions on named agreements;
 *   planned.c     events announced but not done, and the date and time
 *                 expressions of a sentence (as written, and as a day);
 * then json.c writes the object ac_write_annotation() returns, and
 * eval_quotes.c scores quotations against a gold file.
 *
 * Everything lives in the annotation's arena; text pointers point into it
 * or into the doc, which must outlive the annotation. Token indexes are
 * absolute (into doc->toks); offsets are bytes of the normalised text.
 */
#ifndef AC_EXTRACT_H
#define AC_EXTRACT_H

#include <stdint.h>

#include "accord.h"
#include "code/doc.h"
#include "common/arena.h"

/* ---- lexicon.c --------------------------------------------------------------- */

/* Word classes of the annotation layer (bits of ax_lex.cls). */
enum {
    LX_SAY        = 1u << 0,   /* a speech verb form: said, says, stated, told ... */
    LX_SAY_BARE   = 1u << 1,   /* ... that may take a clause without "that" (say, tell, claim) */
    LX_SAY_NOUN   = 1u << 2,   /* remarks, statement, comments ... */
    LX_ACCORDING  = 1u << 3,   /* according (to) */
    LX_PRON_HE    = 1u << 4,   /* he, him, his, she, her, hers */
    LX_PRON_THEY  = 1u << 5,   /* they, them, their */
    LX_PRON_IT    = 1u << 6,   /* it, its */
    LX_PRON_SELF  = 1u << 7,   /* I, me, my, we, us, our: self reference */
    LX_PAIR       = 1u << 8,   /* two, both */
    LX_PAIR_NOUN  = 1u << 9,   /* countries, nations, sides, states, governments */
    LX_AGR_NOUN   = 1u << 10,  /* accords, agreement, treaty, pact, deal ... */
    LX_MEMBER     = 1u << 11,  /* a membership verb form (val: action, form) */
    LX_EVENT_NOUN = 1u << 12,  /* ceremony, summit, visit, talks ... */
    LX_PLAN       = 1u << 13,  /* upcoming, scheduled, expected, approaches ... */
    LX_TIME       = 1u << 14,  /* week, Monday, December, tomorrow ... */
    LX_TIME_REL   = 1u << 15,  /* next, coming, later, this, last, early, late, mid */
    LX_PERSON_NOUN = 1u << 16, /* analysts, experts, sources, witnesses ... */
    LX_PAST_TIME  = 1u << 17,  /* yesterday, last, ago, earlier */
    LX_SING       = 1u << 18,  /* a singular person noun (analyst, source) */
    LX_SAY_PARTIAL = 1u << 19, /* frames a partial quotation: called it "..." */
    LX_MEMBER_NOUN = 1u << 20, /* withdrawal, accession ... (val: action) */
    LX_MONTH      = 1u << 21,  /* January ... December, Jan. ... (val: 1..12) */
    LX_WEEKDAY    = 1u << 22,  /* Monday ... Sunday (val: 0 = Monday .. 6) */
    LX_PLAN_VERB  = 1u << 23   /* meet, visit, vote, hold ... (val: PK_* | VF_*) */
};

/* Membership actions (ax_lex.val low bits for LX_MEMBER). */
enum {
    MA_NONE = 0,
    MA_INTENT,
    MA_NEGOTIATING,
    MA_SIGNED,
    MA_RATIFIED,
    MA_JOINED,
    MA_SUSPENDED,
    MA_WITHDREW,
    MA_COUNT
};

/* Kinds of planned events (ax_lex.val low bits for LX_EVENT_NOUN and
 * LX_PLAN_VERB); PK_LIGHT verbs (hold, host) take the kind of their object. */
enum {
    PK_NONE = 0,
    PK_VISIT,
    PK_MEETING,
    PK_TALKS,
    PK_SUMMIT,
    PK_SIGNING,
    PK_VOTE,
    PK_ELECTION,
    PK_CEREMONY,
    PK_EXERCISE,
    PK_LAUNCH,
    PK_LIGHT
};

/* Verb forms (ax_lex.val high bits for LX_MEMBER, LX_SAY, LX_PLAN_VERB). */
enum {
    VF_BASE = 0 << 4,      /* join */
    VF_S    = 1 << 4,      /* joins */
    VF_PAST = 2 << 4,      /* joined (past and participle) */
    VF_ING  = 3 << 4,      /* joining */
    VF_PP   = 4 << 4,      /* withdrawn (participle only) */
    VF_MASK = 7 << 4
};

typedef struct ax_lex {
    uint32_t cls;          /* LX_* */
    uint8_t val;           /* MA_* | VF_* for membership verbs, VF_* for speech verbs */
} ax_lex;

/* Fills the table once for the process (pthread_once); call before
 * ax_lexicon. Thread-safe. */
void ax_lexicon_init(void);

/* The classes of the folded form whose hash is h; {0, 0} when none. The
 * table is static and only read after ax_lexicon_init(). */
ax_lex ax_lexicon(uint64_t h);
const char *ax_action_name(int action);   /* "intent", "joined", ... */
const char *ax_kind_name(int kind);       /* "visit", "meeting", ... */

/* ---- the annotation ---------------------------------------------------------- */

/* How a mention refers to its entity. */
enum { VIA_NAME = 0, VIA_PRONOUN, VIA_DESCRIPTION };

typedef struct ax_mention {
    uint32_t first, end;   /* tokens [first, end) */
    uint32_t sentence;
    uint32_t entity;       /* index into entities (actors) or the theme/agreement list */
    uint8_t via;           /* VIA_* */
} ax_mention;

/* An actor, agreement or theme entity: one per dictionary entry met. */
typedef struct ax_entity {
    uint32_t entry;        /* dict entry */
    uint8_t kind;          /* ac_kind */
    const char *code;      /* for the story's date; "" when none */
    const char *name;      /* canonical name */
    uint32_t first_tok;    /* first mention, for ordering */
    uint32_t count;        /* mentions of every kind */
    uint32_t named;        /* mentions by name */
} ax_entity;

/* A membership action on an agreement. */
typedef struct ax_action {
    uint32_t agreement;    /* entity index */
    uint8_t action;        /* MA_* */
    ac_mood mood;
    const char *actor;     /* actor code, "" when unknown */
    const char *actor_text;
    const char *actor_name;
    const char *text;      /* the words that report it ("intent to join") */
    const char *when;      /* the date or time expression of the sentence, "" */
    const char *date;      /* the day it names, YYYY-MM-DD, or "" */
    uint8_t negated;       /* "has not joined", "will not sign" */
    uint32_t sentence;
    uint32_t first, end;   /* tokens of the report */
} ax_action;

/* An event the story says is scheduled or expected. */
typedef struct ax_planned {
    const char *what;      /* "official signing ceremony", "will visit" */
    const char *code;      /* CAMEO code when it comes from an event, "" */
    const char *when;      /* date or time expression, "" */
    const char *date;      /* the day, YYYY-MM-DD, or "" */
    const char *kind;      /* visit, meeting, talks, summit, signing, vote,
                              election, ceremony, exercise, launch */
    const char *agreement; /* agreement code it belongs to, "" */
    const char *actors[8]; /* actor codes */
    uint32_t nactors;
    uint32_t sentence;
    uint32_t first, end;   /* tokens */
} ax_planned;

struct ac_annotation {
    ac_arena arena;
    const ac_doc *doc;
    const ac_dict *dict;
    uint32_t ntok;

    /* Per token. */
    ax_lex *lex;
    uint32_t *sent_of;     /* sentence of each token */
    int32_t *np_at;        /* index into doc->nps, -1 */
    uint8_t *in_quote;     /* 1 inside a direct quotation (marks excluded) */
    uint8_t *para_start;   /* 1 when the token starts a paragraph */

    /* Actors: countries, organisations, groups, people. */
    ax_entity *ents;
    size_t nents, cap_ents;
    ax_mention *ment;      /* actor mentions: by name first, in token order
                              (nment_named of them), then those coref adds;
                              sorted by token at the end of ac_annotate */
    size_t nment, cap_ment, nment_named;

    /* Agreements: entities and mentions of their own. */
    ax_entity *agrs;
    size_t nagrs, cap_agrs;
    ax_mention *agr_ment;  /* the same for agreements */
    size_t nagr_ment, cap_agr_ment, nagr_named;
    ax_action *actions;
    size_t nactions, cap_actions;

    /* Themes. */
    ax_entity *themes;
    size_t nthemes, cap_themes;
    ax_mention *theme_ment;
    size_t ntheme_ment, cap_theme_ment;

    /* Tone. */
    uint32_t words, pos, neg, active, self;

    /* Quotes. */
    ac_quote *quotes;
    size_t nquotes, cap_quotes;

    /* Planned events. */
    ax_planned *planned;
    size_t nplanned, cap_planned;

    int oom;
};

/* Grows *arr (elements of size sz, *cap of them) in the annotation's arena so
 * that one more fits; returns the new slot (zeroed) or NULL (and sets a->oom). */
void *ax_push(ac_annotation *a, void **arr, size_t *n, size_t *cap, size_t sz);
#define AX_PUSH(a, arr, n, cap) ((__typeof__(arr))ax_push((a), (void **)&(arr), &(n), &(cap), sizeof *(arr)))

/* Token helpers. */
static inline uint32_t ax_wflags(const ac_annotation *a, uint32_t i)
{
    const ac_tok *t = &a->doc->toks[i];
    return t->word ? a->dict->words[t->word].flags : 0;
}

static inline int ax_punct(const ac_annotation *a, uint32_t i, char c)
{
    const ac_tok *t = &a->doc->toks[i];
    return (t->flags & TK_PUNCT) && t->punct == c;
}

/* Is token i the word w (ASCII lower case), in any case? */
int ax_is(const ac_annotation *a, uint32_t i, const char *w);

/* Copies the text of tokens [first, end) (NUL-terminated, line breaks as
 * spaces) into the arena. */
const char *ax_text(ac_annotation *a, uint32_t first, uint32_t end);

/* Byte offsets of tokens [first, end). */
static inline uint32_t ax_start(const ac_annotation *a, uint32_t first)
{
    return a->doc->toks[first].start;
}
static inline uint32_t ax_end(const ac_annotation *a, uint32_t end)
{
    const ac_tok *t = &a->doc->toks[end - 1];
    return t->start + t->len;
}

/* The first and end token of sentence s. */
static inline uint32_t ax_sent_first(const ac_annotation *a, uint32_t s)
{
    return a->doc->spans[s].first;
}
static inline uint32_t ax_sent_end(const ac_annotation *a, uint32_t s)
{
    return a->doc->spans[s].first + a->doc->spans[s].count;
}

/* ---- the steps (each returns 0, or -1 when out of memory) ---------------------- */

int ax_find_names(ac_annotation *a);     /* actors.c: names, entities, tone counts */
int ax_coref(ac_annotation *a);          /* coref.c: pronoun and description mentions */
int ax_find_quotes(ac_annotation *a);    /* quotes.c */
int ax_find_agreements(ac_annotation *a);/* agreements.c */
int ax_find_planned(ac_annotation *a);   /* planned.c */
void ax_count_tone(ac_annotation *a);    /* tone.c: words, active and self references */
int ax_order_themes(ac_annotation *a);   /* themes.c: most mentioned first */

/* coref.c: what a token refers to. Each returns an entity index or -1. */
int ax_person_before(const ac_annotation *a, uint32_t tok);   /* the last person named before tok */
int ax_actor_before(const ac_annotation *a, uint32_t tok, int persons);  /* last actor (of any kind, or not a person) */
int ax_agreement_before(const ac_annotation *a, uint32_t tok);
/* The entity an actor phrase (doc->nps index) stands for, resolving
 * descriptions ("the Kazakh leader") to a person named before; -1. */
int ax_np_entity(const ac_annotation *a, int np);
/* The entity of the named mention covering token tok, -1. */
int ax_entity_at(const ac_annotation *a, uint32_t tok);

/* planned.c: the date or time expression of tokens [first, end) as
 * written, "" when none (future_only: none that points to the past). */
const char *ax_when(ac_annotation *a, uint32_t first, uint32_t end, int future_only);

/* planned.c: the day that tokens [first, end) name, as "YYYY-MM-DD" from
 * the story's date ("on Thursday": the next Thursday when future, else the
 * last one; "November 20"; "tomorrow"), "" when none is named to the day. */
const char *ax_day(ac_annotation *a, uint32_t first, uint32_t end, int future);

/* annotate.c: the writer's pieces. */
ac_status ax_write_json(const ac_story *story, const ac_annotation *a, ac_buf *out);

#endif
