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

#endif
