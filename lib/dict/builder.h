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
    BK_VERB = 10,
    BK_CAMEO,
    BK_IRREGULAR,
    BK_SET
};

typedef struct bactor {
    int kind;
    uint8_t prefix;
    const char **names;    /* heap array of arena strings */
    size_t nnames;
    const ac_code_range *codes;
    uint32_t ncodes;
    const char *file;
    uint32_t line;
} bactor;

typedef struct bpattern {
    const char *code;
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
    size_t files;
    size_t bad_lines;
    ac_diag_fn diag;
    void *diag_ctx;
};

/* The closed-class English words the coder relies on (english.c). */
typedef struct ac_english_word {
    const char *word;      /* base form */
    uint32_t flags;        /* WF_* for the word and all its forms */
    int inflect;           /* 1: also register its verb forms */
} ac_english_word;

extern const ac_english_word AC_ENGLISH[];
extern const size_t AC_ENGLISH_COUNT;

#endif
