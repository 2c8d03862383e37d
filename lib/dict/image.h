/*
 * image.h -- compiled dictionary images, the parts that are not public.
 *
 * ac_dict_save() and ac_dict_open() (include/accord.h) write and map an
 * image; this header gives the fuzz target and the tests a way to open an
 * image held in memory, and to skip the checksum so that they reach the
 * structural checks behind it.
 */
#ifndef AC_DICT_IMAGE_H
#define AC_DICT_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "accord.h"

enum {
    AC_IMAGE_NO_CHECKSUM = 1u << 0   /* do not verify the XXH3 of the body */
};

/* Opens an image from a copy of data[0..len): the bytes are copied into an
 * anonymous mapping that the dictionary owns (ac_dict_free unmaps it), so the
 * caller's buffer may be freed at once. name is used in error messages.
 * Every size, offset and index is checked as by ac_dict_open. */
ac_status ac_dict_open_mem(const void *data, size_t len, unsigned flags, const char *name,
                           ac_dict **out, ac_error *err);

/* Verifies the checksum of the image at path without opening it further
 * (AC_OK, or AC_EDICT / AC_EIO with the reason). */
ac_status ac_dict_image_verify(const char *path, ac_error *err);

/* The hash of dict.h's struct layout and enum values that an image records
 * (img_header.layout) and must match to be opened. */
uint64_t ac_dict_image_layout(void);

/* ---- the file format (image.c writes and reads it; tests poke at it) ---- */

#define IMG_MAGIC "\x7f" "accdict"   /* 8 bytes, no NUL */
#define IMG_MAGIC_LEN 8
#define IMG_VERSION 2u          /* 2: set phrases sorted by first word */
#define IMG_ENDIAN 0x01020304u
#define IMG_ALIGN 16u

/* The sections, in file order. */
enum {
    S_STRINGS,     /* char: every string, NUL-terminated, deduplicated */
    S_STATS,       /* ac_dict_stats: one */
    S_WORDS,       /* ac_word, by word id */
    S_VOCAB_KEYS,  /* uint64_t: the vocabulary hash table */
    S_VOCAB_VALS,  /* uint32_t */
    S_EDGE_KEYS,   /* uint64_t: the name trie's edges */
    S_EDGE_VALS,   /* uint32_t */
    S_HEAD_KEYS,   /* uint64_t: head base -> run in head_lists */
    S_HEAD_VALS,   /* uint32_t */
    S_HEAD_LISTS,  /* uint32_t: runs of count, pattern ids */
    S_NODE_TERMS,  /* uint32_t, by trie node */
    S_TERMS,       /* ac_term */
    S_ENTRIES,     /* ac_entry */
    S_CODES,       /* ac_code_range: the codes of all entries */
    S_PATTERNS,    /* ac_pattern */
    S_ELEMS,       /* ac_elem: pre and post elements of all patterns */
    S_IDS,         /* uint32_t: word ids of elements and phrases */
    S_SETS,        /* ac_set */
    S_PHRASES,     /* ac_phrase */
    S_CAMEO,       /* ac_cameo_info, sorted by code */
    S_COUNT
};

typedef struct img_section {
    uint64_t off;          /* from the start of the file, IMG_ALIGN-aligned */
    uint64_t count;        /* elements of SEC_SIZE bytes */
} img_section;

/* Fixed-width fields only, so the header has no padding. */
typedef struct img_header {
    char magic[IMG_MAGIC_LEN];
    uint32_t endian;       /* IMG_ENDIAN as the writer stored it */
    uint32_t version;      /* IMG_VERSION */
    uint32_t ptr_size;     /* sizeof(void *) */
    uint32_t header_size;  /* sizeof(img_header) */
    uint64_t checksum;     /* XXH3-64 of bytes [CHECKED_FROM, file_size) */
    uint64_t file_size;
    uint64_t layout;       /* ac_dict_image_layout() */
    char accord_version[16];
    img_section sec[S_COUNT];
} img_header;

#define CHECKED_FROM offsetof(img_header, file_size)
_Static_assert(sizeof(img_header) % IMG_ALIGN == 0, "sections start aligned after the header");


#endif
