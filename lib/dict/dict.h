/*
 * dict.h -- the compiled dictionary, as the matcher and the coder see it.
 *
 * A dictionary is built once (load.c parses the files, compile.c builds the
 * structures below) and never changes afterwards, so any number of threads
 * read it without locks. Everything it points to lives in its own arena.
 *
 *   vocabulary   every surface form any entry can match, keyed by the hash
 *                of its folded form (text/fold.c), with its base form (the
 *                verb's infinitive or the noun's singular) and its flags;
 *   name trie    actor, agent and agreement names, one edge per word, in a
 *                hash map keyed by (node, word);
 *   patterns     verb and event-noun patterns, grouped by the base of their
 *                head word, best first;
 *   sets         named lists of phrases used by patterns;
 *   cameo        the CAMEO code table.
 */
#ifndef AC_DICT_H
#define AC_DICT_H

#include <stdint.h>

#include "accord.h"
#include "common/arena.h"
#include "common/map.h"

/* Entry kinds. */
typedef enum ac_kind {
    AK_NONE = 0,
    AK_COUNTRY,
    AK_IGO,
    AK_GROUP,
    AK_PERSON,
    AK_AGREEMENT,
    AK_AGENT,
    AK_DISCARD,            /* a phrase whose sentence is not coded */
    AK_DISCARD_STORY,      /* a phrase whose story is not coded */
    AK_ISSUE,              /* a phrase that marks an issue (code = issue name) */
    AK_ISSUE_IGNORE,       /* a phrase that hides an issue phrase inside it */
    /* The annotation layer's phrases (lib/extract); the coder never matches them. */
    AK_THEME,              /* a phrase that marks a theme: codes[0] is the theme,
                              codes[1..] its GDELT GKG themes (from the table) */
    AK_THEME_TABLE,        /* a row of the theme table: name = description,
                              codes[0] the theme, codes[1..] its GKG themes;
                              not in the name trie */
    AK_TONE,               /* a sentiment word or phrase: code POS or NEG */
    /* Common words the community's TABARI dictionaries list (<NOUN>,
     * <ADJECTIVE>): never actors; "and" between them joins a compound
     * phrase instead of starting a clause (TABARI manual 7.5.1). */
    AK_NOUN,
    AK_ADJECTIVE
} ac_kind;

const char *ac_kind_name(ac_kind k);

/* Word flags: what the coder needs to know of closed-class words and forms. */
enum {
    WF_DET        = 1u << 0,   /* the, a, this, ... */
    WF_PREP       = 1u << 1,   /* of, in, with, to, ... */
    WF_BE         = 1u << 2,   /* a form of "be" */
    WF_HAVE       = 1u << 3,
    WF_DO         = 1u << 4,
    WF_FUTURE     = 1u << 5,   /* will, shall, 'll */
    WF_COND       = 1u << 6,   /* would, could, might, may, should */
    WF_NEG        = 1u << 7,   /* not, n't, never */
    WF_INTENT     = 1u << 8,   /* plan, intend, want, seek ... (+ to) */
    WF_REFUSE     = 1u << 9,   /* refuse, decline (+ to) */
    WF_FAIL       = 1u << 10,  /* fail (+ to) */
    WF_THREAT     = 1u << 11,  /* threaten (+ to) */
    WF_PRON       = 1u << 12,  /* he, she, it, they, we */
    WF_POSSPRON   = 1u << 13,  /* his, her, its, their */
    WF_SUBORD     = 1u << 14,  /* that, which, who, while, because ... */
    WF_SAY        = 1u << 15,  /* say, tell, state, announce ... */
    WF_INTENTN    = 1u << 16,  /* intent, plan, decision, bid ... (noun + to) */
    WF_AND        = 1u << 17,  /* and */
    WF_EXPECT     = 1u << 18,  /* expected, set, due, scheduled (be ~ to) */
    WF_PAST       = 1u << 19,  /* a past-tense form */
    WF_PP         = 1u << 20,  /* a past participle */
    WF_ING        = 1u << 21,  /* an -ing form */
    WF_ADV        = 1u << 22,  /* adverbs that may sit inside a verb group */
    WF_LIGHT      = 1u << 23,  /* hold, have, make, pay, launch ...: light verbs */
    WF_TO         = 1u << 24,  /* "to" */
    WF_BY         = 1u << 25,  /* "by" */
    WF_RELATIVE   = 1u << 26,  /* who, which, that (relative pronouns) */
    WF_HEAD       = 1u << 27,  /* the base of some pattern's head */
    WF_IF         = 1u << 28,  /* if, unless */
    WF_STEM       = 1u << 29   /* a stem: matches every word that begins with it
                                  (TABARI's roots written without a final _) */
};

typedef struct ac_word {
    uint32_t base;         /* word id of the base form (itself when none) */
    uint32_t flags;        /* WF_* */
    const char *text;      /* the folded form, for explanations */
} ac_word;

/* A code valid over an inclusive range of dates (YYYYMMDD numbers). */
typedef struct ac_code_range {
    const char *code;
    int32_t from, to;      /* 0 and 99999999 when open */
    uint8_t dated;
} ac_code_range;

typedef struct ac_entry {
    uint8_t kind;          /* ac_kind */
    uint8_t prefix;        /* agents: code goes before the country code */
    uint32_t ncodes;
    const ac_code_range *codes;
    const char *name;      /* canonical (first) name */
    const char *file;
    uint32_t line;
} ac_entry;

/* One name of an entry, ending at a trie node. */
typedef struct ac_term {
    uint32_t entry;
    uint32_t cap_mask;     /* bit i: word i must be capitalised in the text */
    uint32_t next;         /* next term at the same node, AC_MAP_NONE at the end */
    uint16_t nwords;
} ac_term;

typedef enum ac_elem_type {
    PE_WORD = 1,           /* any of alts (bases) */
    PE_SET,                /* any phrase of a set */
    PE_TARGET,             /* the target actor: + */
    PE_SOURCE,             /* the source actor: $ */
    PE_ANY,                /* skip one actor (a compound as a whole): ^ */
    PE_COMPOUND            /* a compound actor ("A and B"): % */
} ac_elem_type;

typedef struct ac_elem {
    uint8_t type;
    uint8_t adjacent;      /* no word may stand between this element and its
                              neighbour toward the head (written with '_':
                              "show_no_*sign", "*ask_for"); pre elements look
                              right, post elements left */
    uint8_t stems;         /* PE_WORD: bit k when alternative k (k < 8) is a
                              stem ("recent~"): its id is the stem's own word,
                              and it matches every word that begins with it */
    uint8_t forms;         /* PE_WORD: bit k when alternative k (k < 8) is
                              written "word=": its id is that very form, the
                              only one it matches (TABARI's exact words) */
    uint16_t nalt;
    const uint32_t *alts;  /* PE_WORD: base word ids */
    uint32_t set;          /* PE_SET: set index */
} ac_elem;

typedef struct ac_pattern {
    const char *code;      /* CAMEO event code, source -> target; NULL when
                              the pattern only codes the reverse (code2) */
    const char *code2;     /* paired code, target -> source ([042:043]); or NULL */
    const char *text;      /* the pattern as written */
    const char *where;     /* "file:line" */
    uint32_t head;         /* base word id of the head */
    uint32_t head_form;    /* word id of the only form the head matches, 0: any */
    uint16_t npre, npost;
    const ac_elem *pre;    /* elements before the head, nearest first */
    const ac_elem *post;   /* elements after the head, in order */
    uint8_t has_target, has_source;
    uint8_t subordinate;   /* coded only when the sentence has no other event */
    uint16_t weight;       /* number of elements: more specific wins */
    uint32_t seq;          /* load order: earlier wins ties */
    uint64_t need;         /* bit (base % 64) of each word the pattern
                              requires (one-word, no stem, no form): a
                              sentence whose words lack one cannot match */
} ac_pattern;

typedef struct ac_phrase {
    uint16_t n;
    const uint32_t *bases;
} ac_phrase;

typedef struct ac_set {
    const char *name;
    uint32_t n;
    const ac_phrase *phrases;  /* sorted by first word (bases[0]), in written
                                  order among those that share it */
} ac_set;

struct ac_dict {
    ac_arena arena;

    ac_map vocab;          /* folded-form hash -> word id */
    ac_word *words;        /* by word id; id 0 is "unknown" */
    uint32_t nwords;

    ac_map edges;          /* (node << 32 | word) -> child node */
    uint32_t *node_terms;  /* by node: first ac_term index or AC_MAP_NONE */
    uint32_t nnodes;
    ac_term *terms;
    uint32_t nterms;

    ac_entry *entries;
    uint32_t nentries;

    ac_pattern *patterns;
    uint32_t npatterns;
    ac_map heads;          /* head base id -> index into head_lists */
    uint32_t *head_lists;  /* runs: count, then pattern indexes best first */

    ac_set *sets;
    uint32_t nsets;

    ac_cameo_info *cameo;  /* sorted by code */
    uint32_t ncameo;

    ac_dict_stats stats;   /* stats.stem_lengths: bit n when some stem has n bytes */

    /* Set when the dictionary was opened from a compiled image: the mapping
     * every pointer above points into (image.c); NULL when built in memory. */
    void *image;
    size_t image_len;

    /* The word "*" that stands in names for a gap ("Prince * Dol Amroth":
     * up to AC_NAME_GAP words may come between); 0 when no name has one.
     * Derived, not stored in images: set when a dictionary is built or
     * opened. */
    uint32_t gap_word;
};

/* The most words a gap in a name may skip. */
#define AC_NAME_GAP 3

/* Word id of a folded-form hash, 0 when unknown. */
static inline uint32_t ac_dict_word(const ac_dict *d, uint64_t hash)
{
    uint32_t id = ac_map_get(&d->vocab, hash);
    return id == AC_MAP_NONE ? 0 : id;
}

/* Child of node by word, AC_MAP_NONE when none. */
static inline uint32_t ac_dict_edge(const ac_dict *d, uint32_t node, uint32_t word)
{
    return ac_map_get(&d->edges, ((uint64_t)node << 32) | word);
}

/* The patterns whose head has base `base`, best first; *n is their count. */
const uint32_t *ac_dict_patterns_for(const ac_dict *d, uint32_t base, uint32_t *n);

/* The code of an entry for a date (YYYYMMDD, 0 when unknown), or NULL. */
const char *ac_entry_code(const ac_entry *e, int32_t date);

/* Parses "YYYY-MM-DD" into YYYYMMDD; 0 when it is not a date. */
int32_t ac_date_parse(const char *s, size_t n);

#endif
