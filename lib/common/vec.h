/*
 * vec.h -- a growable array of fixed-size items on the heap.
 */
#ifndef AC_VEC_H
#define AC_VEC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct ac_vec {
    void *data;
    size_t len, cap, size;   /* items, capacity, bytes per item */
} ac_vec;

static inline void ac_vec_init(ac_vec *v, size_t size)
{
    v->data = NULL;
    v->len = v->cap = 0;
    v->size = size;
}

/* Appends one zeroed item and returns it, or NULL on OOM. The pointer is
 * valid until the next push. */
static inline void *ac_vec_push(ac_vec *v)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *p = realloc(v->data, cap * v->size);
        if (!p)
            return NULL;
        v->data = p;
        v->cap = cap;
    }
    void *item = (char *)v->data + v->len * v->size;
    memset(item, 0, v->size);
    v->len++;
    return item;
}

static inline void *ac_vec_at(const ac_vec *v, size_t i)
{
    return (char *)v->data + i * v->size;
}

static inline void ac_vec_free(ac_vec *v)
{
    free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}

#endif
