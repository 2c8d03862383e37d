/*
 * text.h -- the text stage: normalise, tokenise, split into sentences.
 *
 * All offsets are byte offsets into the normalised text, which is what the
 * coder, the explanations and the output refer to.
 */
#ifndef AC_TEXT_H
#define AC_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"

/* Token flags. */
enum {
    TK_WORD   = 1u << 0,   /* letters, possibly with digits, hyphens, apostrophes */
    TK_NUM    = 1u << 1,   /* starts with a digit */
    TK_PUNCT  = 1u << 2,   /* one punctuation character (or "...") */
    TK_CAP    = 1u << 3,   /* first letter upper-case */
    TK_UPPER  = 1u << 4,   /* two or more letters, all upper-case */
    TK_POSS   = 1u << 5,   /* the possessive 's (or a lone ' after s) */
    TK_NEG    = 1u << 6,   /* n't */
    TK_ABBR   = 1u << 7,   /* ends with a period that belongs to it (U.S., Mr., J.) */
    TK_NL     = 1u << 8,   /* a line break precedes the token */
    TK_PARA   = 1u << 9,   /* a blank line precedes the token */
    TK_TITLE  = 1u << 10,  /* an abbreviation that never ends a sentence (Mr., Gen., J.) */
    TK_STEM_ED  = 1u << 11,/* set by the matcher: a stem matched a word in -ed */
    TK_STEM_ING = 1u << 12,/* ... a word in -ing */
    TK_STEMMED  = 1u << 13,/* set by the matcher: the word is a stem's ("notedown"
                              for "noted~"), not the stem's own word */
    TK_HYPHENED = 1u << 14 /* AC_TOK_HYPHEN_BLANK: a part of a hyphenated word
                              ("state", "run" of "state-run") */
};

typedef struct ac_tok {
    uint32_t start;        /* byte offset in the text */
    uint32_t len;          /* bytes */
    uint64_t hash;         /* hash of the folded form (lower case, no accents) */
    uint32_t word;         /* vocabulary id, 0 = unknown (set by the matcher) */
    uint16_t flags;        /* TK_* */
    char punct;            /* the character, for TK_PUNCT */
} ac_tok;

/* Normalises typography: curly quotes to straight ones, dashes, exotic
 * spaces to a space, ellipsis to "...", soft hyphens and zero-width
 * characters removed, CR LF to LF. in must be valid UTF-8. Returns the new
 * text in the arena (NUL-terminated), its length in *out_len; NULL on OOM. */
char *ac_text_normalize(ac_arena *a, const char *in, size_t n, size_t *out_len);

/* Cuts text[0..n) into tokens. Returns the token array in the arena and the
 * count in *count; NULL on OOM. Hashes are filled, words are not. */
ac_tok *ac_text_tokenize(ac_arena *a, const char *text, size_t n, size_t *count);

/* Options of ac_text_tokenize_opts. */
enum {
    AC_TOK_HYPHEN_BLANK = 1u << 0  /* a hyphen between letters is a blank ("Al-Gore"
                                      is two words), as TABARI reads text */
};
ac_tok *ac_text_tokenize_opts(ac_arena *a, const char *text, size_t n, size_t *count,
                              unsigned opts);

/* Folds bytes s[0..n) (lower case, accents removed) and hashes the result.
 * The same function hashes dictionary words and text tokens. */
uint64_t ac_text_fold_hash(const char *s, size_t n);

/* Writes the folded form of s[0..n) into out (room for cap bytes, NUL-
 * terminated); returns its length (truncated to cap-1). */
size_t ac_text_fold(const char *s, size_t n, char *out, size_t cap);

/* A sentence: tokens [first, first+count). */
typedef struct ac_span {
    uint32_t first, count;
} ac_span;

/* Splits tokens into sentences. Returns the spans in the arena; NULL on OOM
 * (a text without tokens gives *count 0 and a non-NULL pointer). */
ac_span *ac_text_split(ac_arena *a, const char *text, const ac_tok *toks,
                       size_t ntok, size_t *count);

#endif
