/*
 * read_internal.h -- what the files of lib/read share: the reader itself,
 * its input window, and the helpers of each format.
 *
 * The reader pulls decompressed bytes from an ac_instream into a window
 * buf[0..end); bytes before pos are consumed. The window never holds more
 * than max_story_bytes + one chunk, so memory stays bounded whatever the
 * size of the input. Each format's next function reads from the window and
 * fills the story with strings allocated in r->story (an arena emptied at
 * every call), which is why a story lives until the next call.
 */
#ifndef AC_READ_INTERNAL_H
#define AC_READ_INTERNAL_H

#include "accord.h"
#include "common/arena.h"
#include "common/buf.h"
#include "read/decompress.h"

#include <stddef.h>
#include <stdint.h>

#define AC_READ_CHUNK (64u * 1024u)               /* bytes pulled at a time */
#define AC_READ_DEFAULT_MAX ((size_t)32 << 20)    /* default max_story_bytes */

struct ac_reader {
    ac_instream *in;
    ac_input_format format;     /* never AUTO once open */
    char *origin;               /* the input's name, "-" for stdin */
    char *base_id;              /* base name without extensions: plain text and HTML ids */
    char default_date[11];      /* normalised, "" when none */
    size_t max;                 /* max_story_bytes */
    ac_diag_fn diag;
    void *diag_ctx;

    char *buf;                  /* the window */
    size_t cap, pos, end;       /* unread bytes are buf[pos..end) */
    uint64_t buf_off;           /* stream offset of buf[0] */
    uint64_t line;              /* 1-based line number at buf[pos] */
    int eof;                    /* the stream is exhausted (or failed) */
    ac_status io_status;        /* AC_EIO once the stream failed */
    ac_error io_err;            /* ... and why */
    int done;                   /* the format has nothing more to hand out */
    uint32_t part;              /* next part number (plain text) */

    ac_arena story;             /* the current story's strings */
    ac_buf scratch;             /* reused work space (JSON line, HTML text) */
};

/* --- window (reader.c) --------------------------------------------------- */

/* Pulls one more chunk into the window, first moving the unread bytes to its
 * start and growing it when needed (never past max + one chunk). Sets r->eof
 * at the end of the stream or when it fails (r->io_status then says so).
 * AC_ENOMEM or AC_OK. */
ac_status ac_read_fill(ac_reader *r);

/* Empties the window, keeping r->buf_off and r->line consistent; used to
 * skip data that is not kept. Counts the newlines of the dropped bytes. */
void ac_read_drop(ac_reader *r, size_t n);

/* Fills out with the stream error after a read failure. */
ac_status ac_read_io_error(ac_reader *r, ac_error *err);

/* --- story helpers (reader.c) ------------------------------------------- */

/* Copies text[0..n) into the story arena as the story's text, repairing it
 * when it is not clean UTF-8 (invalid sequences become U+FFFD, NUL bytes a
 * space) and warning with the line and stream offset of the first problem.
 * base_line and base_off locate text[0] in the input; when the text does not
 * come verbatim from the input (a JSON string, extracted HTML) pass
 * exact = 0, and the offset in the warning is counted in the text. */
ac_status ac_story_set_text(ac_reader *r, ac_story *st, const char *text, size_t n,
                            uint64_t base_line, uint64_t base_off, int exact,
                            ac_error *err);

/* An arena copy of s[0..n), or NULL when out of memory. */
char *ac_story_strndup(ac_reader *r, const char *s, size_t n);

/* Sends a warning to the reader's diagnostic callback. */
void ac_read_warn(ac_reader *r, ac_status code, uint64_t line, uint64_t offset,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* --- dates (date.c) ------------------------------------------------------ */

/* Normalises a date written as 2025-11-06, 2025-11-06T12:00:00Z, 20251106,
 * 2025/11/06, November 6, 2025 (or Nov. 6 2025), 6 Nov 2025 (with an
 * optional weekday in front and a time after, as in RFC 2822) into
 * "YYYY-MM-DD" in out. Returns 1, or 0 (out = "") when s is none of those
 * or not a real calendar day. */
int ac_date_normalize(const char *s, size_t n, char out[11]);

/* --- formats ------------------------------------------------------------- */

ac_status ac_read_next_text(ac_reader *r, ac_story *st, ac_error *err);   /* plain.c */
ac_status ac_read_next_jsonl(ac_reader *r, ac_story *st, ac_error *err);  /* jsonl.c */
ac_status ac_read_next_html(ac_reader *r, ac_story *st, ac_error *err);   /* html.c */

/* What the HTML extractor finds in a page. */
typedef struct ac_html_page {
    ac_buf text;                /* article text, paragraphs separated by a blank line */
    ac_buf title;               /* "" when none */
    char date[11];              /* "YYYY-MM-DD" or "" */
    char bad_date[48];          /* when date is "": the first date tag that was
                                   no date (cut short), for a warning; else "" */
} ac_html_page;

/* Parses html[0..n) with libxml2's recovering HTML parser and extracts the
 * article. encoding is passed to libxml2 (NULL: from the page's meta tags).
 * The caller zeroes page first and frees its buffers with
 * ac_html_page_free. Only AC_ENOMEM fails: a page with no text gives "". */
ac_status ac_html_extract(const char *html, size_t n, const char *encoding,
                          ac_html_page *page);
void ac_html_page_free(ac_html_page *page);

#endif
