/*
 * decompress.c -- the input byte stream of the reader: raw chunks from a
 * file, stdin or memory, passed through zlib or libzstd when the first bytes
 * say the data is compressed. See decompress.h for the contract.
 */
#include "read/decompress.h"

#include "common/error.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#define RAW_CHUNK (64u * 1024u)
/* zlib counts in uInt; memory input is handed to the codecs in slices. */
#define MEM_SLICE ((size_t)1 << 30)

struct ac_instream {
    char *name;                 /* for messages */
    FILE *f;                    /* NULL for memory input */
    int own_f;                  /* f is ours to close (not stdin) */
    const unsigned char *mem;   /* memory input, NULL for files */
    size_t mem_len, mem_pos;
    unsigned char *raw;         /* chunk buffer for file input */
    const unsigned char *in;    /* unread raw bytes: in[0..in_len) */
    size_t in_len;
    int raw_eof;                /* no raw bytes beyond in[0..in_len) */
    int finished;               /* every byte was handed out */

    ac_codec codec;
    z_stream z;
    int z_ready;                /* inflateInit2 succeeded */
    int member_done;            /* the last gzip member ended (Z_STREAM_END) */
    ZSTD_DStream *zs;
    size_t zret;                /* last ZSTD_decompressStream result; 0 = frame complete */

    uint64_t produced;          /* decompressed bytes handed out so far */
    ac_status failed;           /* sticky error, AC_OK when none */
    char msg[200];
};

static ac_status fail(ac_instream *s, const char *fmt, const char *detail)
{
    s->failed = AC_EIO;
    snprintf(s->msg, sizeof s->msg, fmt, detail);
    return AC_EIO;
}

/* Makes raw bytes available when none are left: AC_OK (in_len may still be
 * 0 at the end of the input) or AC_EIO. */
static ac_status refill(ac_instream *s)
{
    if (s->in_len > 0 || s->raw_eof)
        return AC_OK;
    if (s->mem) {
        size_t n = s->mem_len - s->mem_pos;
        if (n > MEM_SLICE)
            n = MEM_SLICE;
        s->in = s->mem + s->mem_pos;
        s->in_len = n;
        s->mem_pos += n;
        if (s->mem_pos == s->mem_len)
            s->raw_eof = 1;
        return AC_OK;
    }
    size_t n = fread(s->raw, 1, RAW_CHUNK, s->f);
    s->in = s->raw;
    s->in_len = n;
    if (n < RAW_CHUNK) {
        if (ferror(s->f))
            return fail(s, "read error: %s", strerror(errno ? errno : EIO));
        s->raw_eof = 1;
    }
    return AC_OK;
}

static void take(ac_instream *s, size_t n)
{
    assert(n <= s->in_len);
    s->in += n;
    s->in_len -= n;
}

static size_t read_plain(ac_instream *s, char *out, size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        if (refill(s) != AC_OK)
            break;
        if (s->in_len == 0) {
            s->finished = 1;
            break;
        }
        size_t n = s->in_len < cap - got ? s->in_len : cap - got;
        memcpy(out + got, s->in, n);
        take(s, n);
        got += n;
    }
    return got;
}

static size_t read_gzip(ac_instream *s, char *out, size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        if (refill(s) != AC_OK)
            break;
        if (s->member_done) {
            /* Another member may follow; anything else is trailing garbage,
             * ignored as gzip itself does. */
            if (s->in_len == 0 || s->in[0] != 0x1f) {
                s->finished = 1;
                break;
            }
            inflateReset(&s->z);
            s->member_done = 0;
        }
        uInt in_n = s->in_len > UINT_MAX ? UINT_MAX : (uInt)s->in_len;
        uInt out_n = cap - got > UINT_MAX ? UINT_MAX : (uInt)(cap - got);
        s->z.next_in = (Bytef *)s->in;
        s->z.avail_in = in_n;
        s->z.next_out = (Bytef *)out + got;
        s->z.avail_out = out_n;
        int rc = inflate(&s->z, Z_NO_FLUSH);
        take(s, in_n - s->z.avail_in);
        size_t made = out_n - s->z.avail_out;
        got += made;
        if (rc == Z_STREAM_END) {
            s->member_done = 1;
            continue;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR) {
            /* No progress: zlib needs input we do not have. */
            if (s->in_len == 0 && s->raw_eof) {
                s->failed = AC_EIO;
                snprintf(s->msg, sizeof s->msg,
                         "truncated gzip stream at decompressed byte %llu",
                         (unsigned long long)(s->produced + got));
                break;
            }
            continue;
        }
        fail(s, "corrupt gzip stream: %s", s->z.msg ? s->z.msg : zError(rc));
        break;
    }
    return got;
}

static size_t read_zstd(ac_instream *s, char *out, size_t cap)
{
    size_t got = 0;
    while (got < cap) {
        if (refill(s) != AC_OK)
            break;
        ZSTD_inBuffer ib = {s->in, s->in_len, 0};
        ZSTD_outBuffer ob = {out + got, cap - got, 0};
        size_t r = ZSTD_decompressStream(s->zs, &ob, &ib);
        if (ZSTD_isError(r)) {
            fail(s, "corrupt zstd stream: %s", ZSTD_getErrorName(r));
            break;
        }
        take(s, ib.pos);
        got += ob.pos;
        /* A call that moved nothing says nothing about the frame (after a
         * complete frame, zstd hints at the size of the next header). */
        if (ib.pos > 0 || ob.pos > 0) {
            s->zret = r;
        } else {
            if (s->in_len > 0) {
                fail(s, "corrupt zstd stream: %s", "the decoder made no progress");
                break;
            }
            if (!s->raw_eof)
                continue;
            if (s->zret != 0) {
                s->failed = AC_EIO;
                snprintf(s->msg, sizeof s->msg,
                         "truncated zstd stream at decompressed byte %llu",
                         (unsigned long long)(s->produced + got));
            } else {
                s->finished = 1;
            }
            break;
        }
    }
    return got;
}

ac_status ac_instream_read(ac_instream *s, char *out, size_t cap, size_t *got,
                           ac_error *err)
{
    *got = 0;
    if (s->failed == AC_OK && !s->finished && cap > 0) {
        switch (s->codec) {
        case AC_CODEC_NONE: *got = read_plain(s, out, cap); break;
        case AC_CODEC_GZIP: *got = read_gzip(s, out, cap); break;
        case AC_CODEC_ZSTD: *got = read_zstd(s, out, cap); break;
        }
        s->produced += *got;
    }
    if (*got == 0 && s->failed != AC_OK)
        return ac_error_set(err, s->failed, s->name, 0, s->produced, "%s", s->msg);
    return AC_OK;
}

ac_codec ac_instream_codec(const ac_instream *s)
{
    return s->codec;
}

/* Looks at the first raw bytes and starts the matching decoder. */
static ac_status start(ac_instream *s, ac_error *err)
{
    if (refill(s) != AC_OK)
        return AC_OK;   /* the read error is reported by the first read */
    const unsigned char *p = s->in;
    if (s->in_len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        s->codec = AC_CODEC_GZIP;
        if (inflateInit2(&s->z, 15 + 16) != Z_OK)
            return ac_error_set(err, AC_ENOMEM, s->name, 0, UINT64_MAX,
                                "cannot start the gzip decoder");
        s->z_ready = 1;
    } else if (s->in_len >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f &&
               p[3] == 0xfd) {
        s->codec = AC_CODEC_ZSTD;
        s->zs = ZSTD_createDStream();
        if (!s->zs || ZSTD_isError(ZSTD_initDStream(s->zs)))
            return ac_error_set(err, AC_ENOMEM, s->name, 0, UINT64_MAX,
                                "cannot start the zstd decoder");
        s->zret = 1;
    }
    return AC_OK;
}

static ac_instream *stream_new(const char *name)
{
    ac_instream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = strdup(name ? name : "");
    if (!s->name) {
        free(s);
        return NULL;
    }
    return s;
}

ac_status ac_instream_open_file(const char *path, const char *name,
                                ac_instream **out, ac_error *err)
{
    *out = NULL;
    if (!name)
        name = path ? path : "-";
    ac_instream *s = stream_new(name);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    s->raw = malloc(RAW_CHUNK);
    if (!s->raw) {
        ac_instream_close(s);
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    }
    if (path) {
        s->f = fopen(path, "rb");
        if (!s->f) {
            int e = errno;
            ac_instream_close(s);
            return ac_error_set(err, AC_EIO, name, 0, UINT64_MAX, "cannot open: %s",
                                strerror(e));
        }
        s->own_f = 1;
        struct stat st;
        if (fstat(fileno(s->f), &st) == 0 && S_ISDIR(st.st_mode)) {
            ac_instream_close(s);
            return ac_error_set(err, AC_EIO, name, 0, UINT64_MAX,
                                "cannot read: is a directory");
        }
    } else {
        s->f = stdin;
    }
    ac_status st = start(s, err);
    if (st != AC_OK) {
        ac_instream_close(s);
        return st;
    }
    *out = s;
    return AC_OK;
}

ac_status ac_instream_open_mem(const void *data, size_t len, const char *name,
                               ac_instream **out, ac_error *err)
{
    *out = NULL;
    ac_instream *s = stream_new(name);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    static const unsigned char empty[1];
    s->mem = data && len ? data : empty;
    s->mem_len = data ? len : 0;
    ac_status st = start(s, err);
    if (st != AC_OK) {
        ac_instream_close(s);
        return st;
    }
    *out = s;
    return AC_OK;
}

void ac_instream_close(ac_instream *s)
{
    if (!s)
        return;
    if (s->own_f && s->f)
        fclose(s->f);
    if (s->z_ready)
        inflateEnd(&s->z);
    ZSTD_freeDStream(s->zs);
    free(s->raw);
    free(s->name);
    free(s);
}
