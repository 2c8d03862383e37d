/*
 * map.h -- an open-addressing hash map from 64-bit keys to 32-bit values.
 *
 * Keys are hashes (or packed pairs of ids), so the map stores no key bytes.
 * Key 0 is reserved for empty slots: callers never insert 0 (ac_map_key()
 * maps it away). Built once, then read by many threads without locking.
 */
#ifndef AC_MAP_H
#define AC_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct ac_map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap;            /* a power of two */
    size_t count;
} ac_map;

#define AC_MAP_NONE UINT32_MAX

static inline uint64_t ac_map_key(uint64_t k) { return k ? k : 0x9E3779B97F4A7C15ull; }

/* The slot of a key: keys such as (node << 32 | word) are far from random,
 * so they are mixed first (the finaliser of MurmurHash3). */
static inline size_t ac_map_slot(uint64_t k, size_t mask)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return (size_t)k & mask;
}

int ac_map_init(ac_map *m, size_t expected);         /* 0 on success */
/* Sets key to val (replacing). 0 on success, -1 on OOM. */
int ac_map_put(ac_map *m, uint64_t key, uint32_t val);
void ac_map_free(ac_map *m);

static inline uint32_t ac_map_get(const ac_map *m, uint64_t key)
{
    key = ac_map_key(key);
    size_t mask = m->cap - 1;
    size_t i = ac_map_slot(key, mask);
    for (;;) {
        uint64_t k = m->keys[i];
        if (k == key)
            return m->vals[i];
        if (k == 0)
            return AC_MAP_NONE;
        i = (i + 1) & mask;
    }
}

#endif
