/*
 * themes.c -- the story's themes, most mentioned first.
 *
 * Theme phrases are found with the other names (actors.c): each mention of
 * a `theme` phrase counts for its theme code, and a theme carries the GDELT
 * GKG themes of its row of the theme table (the entry's codes after the
 * first, compile.c). This file only orders them: by count, then by first
 * mention; the mentions of each theme stay in text order.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* A theme's rank before the sort, for a stable order. */
typedef struct ranked {
    ax_entity e;
    uint32_t old;
} ranked;

static int cmp_rank(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->e.count != b->e.count)
        return a->e.count > b->e.count ? -1 : 1;
    return a->e.first_tok < b->e.first_tok ? -1 : a->e.first_tok > b->e.first_tok;
}

int ax_order_themes(ac_annotation *a)
{
    size_t n = a->nthemes;
    if (n < 2)
        return 0;
    ranked *r = ac_arena_alloc(&a->arena, n * sizeof *r);
    uint32_t *map = ac_arena_alloc(&a->arena, n * sizeof *map);
    if (!r || !map)
        return -1;
    for (size_t k = 0; k < n; k++) {
        r[k].e = a->themes[k];
        r[k].old = (uint32_t)k;
    }
    qsort(r, n, sizeof *r, cmp_rank);
    for (size_t k = 0; k < n; k++) {
        a->themes[k] = r[k].e;
        map[r[k].old] = (uint32_t)k;
    }
    for (size_t k = 0; k < a->ntheme_ment; k++)
        a->theme_ment[k].entity = map[a->theme_ment[k].entity];
    return 0;
}
