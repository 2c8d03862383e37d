/*
 * reader.c -- the reader of accord.h: opening an input, choosing its format,
 * the buffered window every format reads from, and the story helpers
 * (UTF-8 repair with its warning). The formats themselves are in plain.c,
 * jsonl.c and html.c.
 */
#include "read/read_internal.h"

#include "common/error.h"
#include "common/utf8.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- the window ------------------------------------------------------------ */

ac_status ac_read_fill(ac_reader *r)
{
    if (r->eof)
        return AC_OK;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->buf_off += r->pos;
        r->end -= r->pos;
        r->pos = 0;
    }
    /* Callers pull only while the unread bytes fit in one story, which is
     * what bounds the window to max + one chunk. */
    assert(r->end <= r->max);
    if (r->cap - r->end < AC_READ_CHUNK + 1) {
        size_t cap = r->cap * 2;
        if (cap < r->end + AC_READ_CHUNK + 1)
            cap = r->end + AC_READ_CHUNK + 1;
        if (cap > r->max + AC_READ_CHUNK + 1)
            cap = r->max + AC_READ_CHUNK + 1;
        char *nb = realloc(r->buf, cap);
        if (!nb)
            return AC_ENOMEM;
        r->buf = nb;
        r->cap = cap;
    }
    size_t got = 0;
    ac_status st = ac_instream_read(r->in, r->buf + r->end, AC_READ_CHUNK, &got, &r->io_err);
    r->end += got;
    r->buf[r->end] = '\0';
    if (st != AC_OK) {
        r->io_status = st;
        r->eof = 1;
    } else if (got == 0) {
        r->eof = 1;
    }
    return AC_OK;
}

void ac_read_drop(ac_reader *r, size_t n)
{
    assert(n <= r->end - r->pos);
    const char *p = r->buf + r->pos, *e = p + n;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        r->line++;
        p++;
    }
    r->pos += n;
    if (r->pos == r->end) {
        r->buf_off += r->end;
        r->pos = r->end = 0;
    }
}

ac_status ac_read_io_error(ac_reader *r, ac_error *err)
{
    assert(r->io_status != AC_OK);
    if (err)
        *err = r->io_err;
    return r->io_status;
}

/* --- story helpers ----------------------------------------------------------- */

void ac_read_warn(ac_reader *r, ac_status code, uint64_t line, uint64_t offset,
                  const char *fmt, ...)
{
    if (!r->diag)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ac_warn(r->diag, r->diag_ctx, code, r->origin, line, offset, "%s", msg);
}

char *ac_story_strndup(ac_reader *r, const char *s, size_t n)
{
    return ac_arena_strndup(&r->story, s, n);
}

ac_status ac_story_set_text(ac_reader *r, ac_story *st, const char *text, size_t n,
                            uint64_t base_line, uint64_t base_off, int exact,
                            ac_error *err)
{
    if (ac_utf8_is_clean(text, n)) {
        char *t = ac_arena_strndup(&r->story, text, n);
        if (!t)
            return ac_error_set(err, AC_ENOMEM, r->origin, base_line, base_off,
                                "out of memory");
        st->text = t;
        st->text_len = n;
        return AC_OK;
    }
    char *out = n < (SIZE_MAX - 1) / 3 ? ac_arena_alloc(&r->story, 3 * n + 1) : NULL;
    if (!out)
        return ac_error_set(err, AC_ENOMEM, r->origin, base_line, base_off, "out of memory");
    ac_utf8_report rep;
    st->text_len = ac_utf8_repair(text, n, out, &rep);
    st->text = out;
    assert(rep.first_offset != SIZE_MAX);
    uint64_t line = base_line, off = base_off;
    if (exact) {
        for (size_t k = 0; k < rep.first_offset; k++)
            line += text[k] == '\n';
        off = base_off + rep.first_offset;
    }
    ac_read_warn(r, AC_EPARSE, line, off,
                 "%s: %zu invalid UTF-8 sequence(s) replaced by U+FFFD, %zu NUL byte(s) "
                 "replaced by a space; first at byte %llu%s",
                 st->id, rep.invalid, rep.nul,
                 (unsigned long long)(exact ? off : rep.first_offset),
                 exact ? "" : " of the text");
    return AC_OK;
}

/* --- opening ------------------------------------------------------------------- */

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n > k && strncasecmp(s + n - k, suffix, k) == 0;
}

/* The base name of path and its length without a .gz/.zst suffix. */
static const char *base_name(const char *path, size_t *len)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    size_t n = strlen(b);
    if (ends_with(b, n, ".gz"))
        n -= 3;
    else if (ends_with(b, n, ".zst"))
        n -= 4;
    *len = n;
    return b;
}

/* The format a file name announces, AUTO when it says nothing. */
static ac_input_format format_from_name(const char *path)
{
    size_t n;
    const char *b = base_name(path, &n);
    if (ends_with(b, n, ".jsonl") || ends_with(b, n, ".ndjson") || ends_with(b, n, ".json"))
        return AC_INPUT_JSONL;
    if (ends_with(b, n, ".html") || ends_with(b, n, ".htm") || ends_with(b, n, ".xhtml"))
        return AC_INPUT_HTML;
    return AC_INPUT_AUTO;
}

/* The format the first non-space bytes announce: '{' JSONL, '<' HTML. */
static ac_input_format format_from_data(ac_reader *r)
{
    size_t k = r->pos;
    for (;;) {
        if (k == r->pos && r->end - k >= 3 && memcmp(r->buf + k, "\xEF\xBB\xBF", 3) == 0)
            k += 3;
        while (k < r->end && isspace((unsigned char)r->buf[k]))
            k++;
        if (k < r->end)
            break;
        if (r->eof || r->end - r->pos >= r->max || ac_read_fill(r) != AC_OK)
            return AC_INPUT_TEXT;
        k = r->pos;   /* fill moved the bytes to the start */
    }
    if (r->buf[k] == '{')
        return AC_INPUT_JSONL;
    if (r->buf[k] == '<')
        return AC_INPUT_HTML;
    return AC_INPUT_TEXT;
}

static char *make_base_id(const char *name)
{
    size_t n;
    const char *b = base_name(name, &n);
    const char *dot = NULL;
    for (size_t k = 1; k < n; k++)
        if (b[k] == '.')
            dot = b + k;
    if (dot)
        n = (size_t)(dot - b);
    if (n == 0)
        return strdup(name);
    return strndup(b, n);
}

/* Builds the reader around an open stream; takes the stream either way. */
static ac_status reader_start(ac_instream *in, const char *origin, int is_stdin,
                              const ac_reader_options *opt, ac_reader **out,
                              ac_error *err)
{
    ac_reader *r = calloc(1, sizeof *r);
    if (!r) {
        ac_instream_close(in);
        return ac_error_set(err, AC_ENOMEM, origin, 0, UINT64_MAX, "out of memory");
    }
    r->in = in;
    r->line = 1;
    ac_arena_init(&r->story, 0);
    r->format = opt ? opt->format : AC_INPUT_AUTO;
    r->max = opt && opt->max_story_bytes ? opt->max_story_bytes : AC_READ_DEFAULT_MAX;
    if (r->max > SIZE_MAX / 4)
        r->max = SIZE_MAX / 4;
    r->diag = opt ? opt->diag : NULL;
    r->diag_ctx = opt ? opt->diag_ctx : NULL;
    r->origin = strdup(origin);
    r->base_id = is_stdin ? strdup("stdin") : make_base_id(origin);
    r->cap = (r->max < AC_READ_CHUNK ? r->max : AC_READ_CHUNK) + AC_READ_CHUNK + 1;
    r->buf = malloc(r->cap);
    if (!r->origin || !r->base_id || !r->buf) {
        ac_reader_close(r);
        return ac_error_set(err, AC_ENOMEM, origin, 0, UINT64_MAX, "out of memory");
    }
    r->buf[0] = '\0';
    if (r->format < AC_INPUT_AUTO || r->format > AC_INPUT_HTML) {
        ac_reader_close(r);
        return ac_error_set(err, AC_EINVAL, origin, 0, UINT64_MAX, "unknown input format %d",
                            (int)(opt ? opt->format : 0));
    }
    if (opt && opt->default_date && opt->default_date[0] &&
        !ac_date_normalize(opt->default_date, strlen(opt->default_date), r->default_date)) {
        ac_reader_close(r);
        return ac_error_set(err, AC_EINVAL, origin, 0, UINT64_MAX,
                            "default date \"%.64s\" is not a date", opt->default_date);
    }
    if (ac_read_fill(r) != AC_OK) {
        ac_reader_close(r);
        return ac_error_set(err, AC_ENOMEM, origin, 0, UINT64_MAX, "out of memory");
    }
    if (r->format == AC_INPUT_AUTO && !is_stdin)
        r->format = format_from_name(origin);
    if (r->format == AC_INPUT_AUTO)
        r->format = format_from_data(r);
    /* A byte order mark is not text; libxml2 reads it itself for HTML. */
    if (r->format != AC_INPUT_HTML) {
        while (!r->eof && r->end - r->pos < 3 && r->end - r->pos < r->max)
            if (ac_read_fill(r) != AC_OK)
                break;
        if (r->end - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
            ac_read_drop(r, 3);
    }
    *out = r;
    return AC_OK;
}

ac_status ac_reader_open(const char *path, const ac_reader_options *opt,
                         ac_reader **out, ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "no reader to fill");
    *out = NULL;
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *origin = is_stdin ? "-" : path;
    ac_instream *in;
    ac_status st = ac_instream_open_file(is_stdin ? NULL : path, origin, &in, err);
    if (st != AC_OK)
        return st;
    return reader_start(in, origin, is_stdin, opt, out, err);
}

ac_status ac_reader_open_mem(const char *name, const void *data, size_t len,
                             const ac_reader_options *opt, ac_reader **out,
                             ac_error *err)
{
    if (!out || (!data && len > 0))
        return ac_error_set(err, AC_EINVAL, name, 0, UINT64_MAX, "no data or no reader");
    *out = NULL;
    const char *origin = name && name[0] ? name : "memory";
    ac_instream *in;
    ac_status st = ac_instream_open_mem(data, len, origin, &in, err);
    if (st != AC_OK)
        return st;
    return reader_start(in, origin, 0, opt, out, err);
}

/* --- reading ------------------------------------------------------------------- */

ac_status ac_reader_next(ac_reader *r, ac_story *story, ac_error *err)
{
    if (!r || !story)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "no reader or no story");
    ac_arena_free(&r->story);
    ac_arena_init(&r->story, 0);
    story->id = r->base_id;
    story->date = r->default_date;
    story->title = "";
    story->url = "";
    story->source = "";
    story->text = "";
    story->text_len = 0;
    story->part = 0;
    story->origin = r->origin;
    story->origin_line = r->line;
    switch (r->format) {
    case AC_INPUT_TEXT: return ac_read_next_text(r, story, err);
    case AC_INPUT_JSONL: return ac_read_next_jsonl(r, story, err);
    case AC_INPUT_HTML: return ac_read_next_html(r, story, err);
    case AC_INPUT_AUTO: break;
    }
    assert(!"the format is chosen at open");
    return AC_EINVAL;
}

void ac_reader_close(ac_reader *r)
{
    if (!r)
        return;
    ac_instream_close(r->in);
    ac_arena_free(&r->story);
    ac_buf_free(&r->scratch);
    free(r->buf);
    free(r->origin);
    free(r->base_id);
    free(r);
}
