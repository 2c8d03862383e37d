/*
 * builder.h -- the records a dictionary builder collects before compiling.
 *
 * load.c fills them from the files; compile.c reads them once and builds
 * the immutable ac_dict of dict.h. All strings live in the builder's arena.
 */
#ifndef AC_BUILDER_H
#define AC_BUILDER_H

#include "common/vec.h"
#include "dict/dict.h"

/* Builder kinds (the @kind of a line). The first six equal ac_kind. */
enum {
    BK_COUNTRY = AK_COUNTRY,
    BK_IGO = AK_IGO,
    BK_GROUP = AK_GROUP,
    BK_PERSON = AK_PERSON,
    BK_AGREEMENT = AK_AGREEMENT,
    BK_AGENT = AK_AGENT,
    BK_DISCARD = AK_DISCARD,
    BK_DISCARD_STORY = AK_DISCARD_STORY,
    BK_ISSUE = AK_ISSUE,
    BK_ISSUE_IGNORE = AK_ISSUE_IGNORE,
    BK_THEME = AK_THEME,
    BK_THEME_TABLE = AK_THEME_TABLE,
    BK_TONE = AK_TONE,
    BK_NOUN = AK_NOUN,
    BK_ADJECTIVE = AK_ADJECTIVE,
    BK_VERB = 20,
    BK_CAMEO,
    BK_IRREGULAR,
    BK_SET
};

/* How the capitals of a name constrain the text (bactor.caps). */
enum {
    CAPS_WRITTEN = 0,      /* accord's rule: a capitalised word must be capitalised */
    CAPS_FIRST,            /* only the first word that is not a function word */
    CAPS_NONE              /* any case */
};

typedef struct bactor {
    int kind;
    uint8_t prefix;
    uint8_t caps;          /* CAPS_*, how names match capitals */
    uint8_t exact;         /* agents: no generated plural */
    const char **names;    /* heap array of arena strings */
    size_t nnames;
    const ac_code_range *codes;
    uint32_t ncodes;
    const char *file;
    uint32_t line;
} bactor;

typedef struct bpattern {
    const char *code;      /* NULL when only code2 is given ([:173]) */
    const char *code2;     /* paired target -> source code, or NULL */
    uint8_t lenient;       /* community file: a code missing from the CAMEO
                              table is added to it instead of rejected */
    uint8_t subordinate;   /* coded only when nothing else in the sentence is
                              (TABARI's "023?"; accord: CODE? ) */
    uint8_t by_length;     /* ranked among its head's patterns by the length
                              of its fixed words (TABARI manual 5.7.1), not by
                              its number of elements; 2: a root's own code,
                              ranked after all its patterns */
    const char *text;
    const char *file;
    uint32_t line;
} bpattern;

typedef struct bset {
    const char *name;
    const char **phrases;  /* heap array of arena strings */
    size_t nphrases;
    const char *file;
    uint32_t line;
} bset;

typedef struct bnegation {
    const char *code, *negated;
} bnegation;

typedef struct birregular {
    const char *forms[5];  /* base, past, participle, 3rd person, -ing */
    int n;
    const char *file;
    uint32_t line;
} birregular;

struct ac_dict_builder {
    ac_arena arena;
    ac_vec actors;         /* bactor: actors, agents, agreements */
    ac_vec patterns;       /* bpattern */
    ac_vec sets;           /* bset */
    ac_vec irregular;      /* birregular */
    ac_vec cameo;          /* ac_cameo_info */
    ac_vec negations;      /* bnegation: "not doing A" is B (PICO tables) */
    size_t files;
    size_t bad_lines;
    ac_diag_fn diag;
    void *diag_ctx;
};

/* A bad line: counted, reported to the diagnostic callback, skipped. */
void ac_builder_bad(ac_dict_builder *b, const char *file, uint64_t line,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Interns the file name used in messages and pattern references (counted in
 * the builder's files); NULL when out of memory. */
const char *ac_builder_file(ac_dict_builder *b, const char *name);

/* Loaders of the community formats: each reads the text of one file named
 * `file` (already interned) and adds records; bad lines go to ac_builder_bad.
 * petrarch.c and tabari.c; config and project loaders take a path because
 * they load the files they name. */
void ac_petr_load_verbs(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_petr_load_actors(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_petr_load_agents(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_petr_load_discards(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_petr_load_issues(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_petr_load_pico(ac_dict_builder *b, const char *file, const char *text, size_t len);
ac_status ac_petr_load_config(ac_dict_builder *b, const char *path, ac_error *err);
void ac_tabari_load_verbs(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_tabari_load_actors(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_tabari_load_agents(ac_dict_builder *b, const char *file, const char *text, size_t len);
void ac_tabari_load_options(ac_dict_builder *b, const char *file, const char *text, size_t len);
ac_status ac_tabari_load_project(ac_dict_builder *b, const char *path, ac_error *err);

/* Reads a whole file into a malloc'd buffer (*len bytes, NUL-terminated). */
ac_status ac_builder_read_file(const char *path, char **out, size_t *len, ac_error *err);

/* The closed-class English words the coder relies on (english.c). */
typedef struct ac_english_word {
    const char *word;      /* base form */
    uint32_t flags;        /* WF_* for the word and all its forms */
    int inflect;           /* 1: also register its verb forms */
} ac_english_word;

extern const ac_english_word AC_ENGLISH[];
extern const size_t AC_ENGLISH_COUNT;

#endif
