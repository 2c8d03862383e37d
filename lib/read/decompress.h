/*
 * decompress.h -- a stream of input bytes, decompressed on the fly.
 *
 * An ac_instream reads a file, stdin or a memory block in chunks and hands
 * out its bytes; when the first bytes are the magic of a gzip member
 * (1f 8b) or a zstd frame (28 b5 2f fd) it hands out the decompressed bytes
 * instead. The file name plays no part in that choice. Concatenated gzip
 * members and zstd frames are read one after another, as the gzip and zstd
 * tools do. Memory is bounded: one raw chunk, the codec's state (zstd's
 * window is capped by the library's default limit) and nothing else.
 */
#ifndef AC_READ_DECOMPRESS_H
#define AC_READ_DECOMPRESS_H

#include "accord.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ac_instream ac_instream;

typedef enum ac_codec {
    AC_CODEC_NONE = 0,
    AC_CODEC_GZIP,
    AC_CODEC_ZSTD
} ac_codec;

/* Opens path, or stdin when path is NULL. name is used in messages. Reads
 * the first raw chunk to detect the codec. AC_EIO when the file cannot be
 * opened or is a directory, AC_ENOMEM. */
ac_status ac_instream_open_file(const char *path, const char *name,
                                ac_instream **out, ac_error *err);

/* Reads data[0..len), which must outlive the stream. */
ac_status ac_instream_open_mem(const void *data, size_t len, const char *name,
                               ac_instream **out, ac_error *err);

/* Copies up to cap decompressed bytes to out and sets *got. *got == 0 with
 * AC_OK means the end of the input. AC_EIO (err says why, err->offset is the
 * decompressed offset) when the input cannot be read further: a read error,
 * or compressed data that is corrupt or truncated ("truncated gzip stream").
 * Bytes decoded before an error are handed out first; the error comes with
 * the next call and with every call after it. */
ac_status ac_instream_read(ac_instream *s, char *out, size_t cap, size_t *got,
                           ac_error *err);

ac_codec ac_instream_codec(const ac_instream *s);

void ac_instream_close(ac_instream *s);

#endif
