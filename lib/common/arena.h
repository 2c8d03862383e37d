/*
 * arena.h -- bump allocation for everything one story produces.
 *
 * An arena hands out memory from large blocks and frees it all at once.
 * Nothing allocated from an arena is freed on its own. Not thread-safe: one
 * arena belongs to one story being coded by one thread.
 */
#ifndef AC_ARENA_H
#define AC_ARENA_H

#include <stddef.h>

typedef struct ac_arena_block ac_arena_block;

typedef struct ac_arena {
    ac_arena_block *head;   /* current block, linked to older ones */
    size_t block_size;      /* size of the next ordinary block */
    size_t total;           /* bytes obtained from malloc, for accounting */
} ac_arena;

void ac_arena_init(ac_arena *a, size_t first_block);
/* 16-byte aligned, uninitialised memory; NULL when out of memory. */
void *ac_arena_alloc(ac_arena *a, size_t n);
/* Zeroed memory. */
void *ac_arena_calloc(ac_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of s[0..n). */
char *ac_arena_strndup(ac_arena *a, const char *s, size_t n);
char *ac_arena_strdup(ac_arena *a, const char *s);
/* Releases every block; the arena may be initialised again. */
void ac_arena_free(ac_arena *a);

#endif
