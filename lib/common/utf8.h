/*
 * utf8.h -- UTF-8 validation and repair.
 */
#ifndef AC_UTF8_H
#define AC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if the bytes at s
 * (at most n of them) do not start one: overlong forms, surrogates and
 * code points above U+10FFFF are invalid. */
size_t ac_utf8_seq_len(const unsigned char *s, size_t n);

/* Decodes the valid sequence at s (use ac_utf8_seq_len first). */
uint32_t ac_utf8_decode(const unsigned char *s, size_t len);

/* Encodes cp into out (room for 4 bytes); returns the length. */
size_t ac_utf8_encode(uint32_t cp, char *out);

typedef struct ac_utf8_report {
    size_t invalid;        /* invalid sequences replaced by U+FFFD */
    size_t nul;            /* NUL bytes replaced by a space */
    size_t first_offset;   /* offset of the first problem, SIZE_MAX when none */
} ac_utf8_report;

/* Copies in[0..n) to out (room for 3*n+1 bytes), replacing every invalid
 * sequence with U+FFFD and every NUL byte with a space, and NUL-terminates
 * it. Returns the output length. */
size_t ac_utf8_repair(const char *in, size_t n, char *out, ac_utf8_report *rep);

/* True when in[0..n) is valid UTF-8 without NUL bytes (the fast check). */
int ac_utf8_is_clean(const char *in, size_t n);

#endif
