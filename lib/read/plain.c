/*
 * plain.c -- plain text input: the whole input is one story.
 *
 * A text longer than max_story_bytes is handed out in parts of at most
 * max_story_bytes, each cut after the last newline before the limit (else
 * after the last space, else at the limit, backed off to a UTF-8 character
 * boundary), numbered part 0, 1, 2 ... with the same id. Parts, and whole
 * texts, that hold nothing but white space are not handed out, so an empty
 * file yields no story. When the stream fails (a truncated gzip file), the
 * complete parts before the failure are handed out, then AC_EIO; the
 * unfinished remainder is dropped.
 */
#include "read/read_internal.h"

#include "common/error.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>

static int blank(const char *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!isspace((unsigned char)p[k]))
            return 0;
    return 1;
}

/* Where to cut p, which holds more than max bytes: the length of the part. */
static size_t cut(const char *p, size_t max)
{
    for (size_t k = max; k > 0; k--)
        if (p[k - 1] == '\n')
            return k;
    for (size_t k = max; k > 0; k--)
        if (p[k - 1] == ' ')
            return k;
    /* No break at all: do not split a multi-byte character. */
    size_t k = max;
    while (k > 0 && max - k < 3 && ((unsigned char)p[k] & 0xC0) == 0x80)
        k--;
    return k > 0 && ((unsigned char)p[k] & 0xC0) != 0x80 ? k : max;
}

ac_status ac_read_next_text(ac_reader *r, ac_story *st, ac_error *err)
{
    for (;;) {
        if (r->done)
            return AC_DONE;
        while (!r->eof && r->end - r->pos <= r->max)
            if (ac_read_fill(r) != AC_OK)
                return ac_error_set(err, AC_ENOMEM, r->origin, r->line, UINT64_MAX,
                                    "out of memory");
        size_t avail = r->end - r->pos;
        int last = avail <= r->max;
        if (last && r->io_status != AC_OK) {
            r->done = 1;
            return ac_read_io_error(r, err);
        }
        if (avail == 0) {
            r->done = 1;
            return AC_DONE;
        }
        const char *p = r->buf + r->pos;
        size_t n = last ? avail : cut(p, r->max);
        assert(n > 0 && n <= r->max);
        uint64_t line = r->line, off = r->buf_off + r->pos;
        if (blank(p, n)) {
            ac_read_drop(r, n);
            if (last)
                r->done = 1;
            continue;
        }
        st->part = r->part++;
        st->origin_line = line;
        /* The text is copied before the window moves on. */
        ac_status s = ac_story_set_text(r, st, p, n, line, off, 1, err);
        ac_read_drop(r, n);
        if (last)
            r->done = 1;
        return s;
    }
}
