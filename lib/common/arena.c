/* arena.c -- see arena.h. */
#include "common/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ac_arena_block {
    ac_arena_block *next;
    size_t size;            /* usable bytes after the header */
    size_t used;
    max_align_t data[];     /* aligned storage */
};

#define AC_ALIGN 16u

void ac_arena_init(ac_arena *a, size_t first_block)
{
    a->head = NULL;
    a->block_size = first_block ? first_block : 64 * 1024;
    a->total = 0;
}

static ac_arena_block *block_new(ac_arena *a, size_t need)
{
    size_t size = a->block_size;
    if (size < need)
        size = need;
    ac_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    a->total += sizeof *b + size;
    /* Grow geometrically so big stories need few blocks, up to 8 MiB. */
    if (a->block_size < (8u << 20))
        a->block_size *= 2;
    return b;
}

void *ac_arena_alloc(ac_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - AC_ALIGN)
        return NULL;
    n = (n + AC_ALIGN - 1) & ~(size_t)(AC_ALIGN - 1);
    ac_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        ac_arena_block *nb = block_new(a, n);
        if (!nb)
            return NULL;
        if (b && n > a->block_size / 4) {
            /* A large allocation gets a block of its own behind the current
             * one, so the free space of the current block is not wasted. */
            nb->next = b->next;
            b->next = nb;
            nb->used = n;
            return (char *)nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void *ac_arena_calloc(ac_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = ac_arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *ac_arena_strndup(ac_arena *a, const char *s, size_t n)
{
    char *p = ac_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ac_arena_strdup(ac_arena *a, const char *s)
{
    return ac_arena_strndup(a, s, strlen(s));
}

void ac_arena_free(ac_arena *a)
{
    ac_arena_block *b = a->head;
    while (b) {
        ac_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
