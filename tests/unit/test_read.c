/*
 * test_read.c -- unit tests of the reader (lib/read): plain text, JSON
 * Lines and HTML input, dates, UTF-8 repair, size limits, gzip and zstd.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "accord.h"
#include "common/utf8.h"
#include "read/read_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* --- helpers ------------------------------------------------------------------- */

#define MAX_WARN 16

typedef struct warnings {
    size_t n;
    ac_error w[MAX_WARN];
} warnings;

static void collect(void *ctx, const ac_error *e)
{
    warnings *ws = ctx;
    if (ws->n < MAX_WARN)
        ws->w[ws->n] = *e;
    ws->n++;
}

static ac_reader_options options(ac_input_format fmt, warnings *ws)
{
    ac_reader_options o;
    memset(&o, 0, sizeof o);
    o.format = fmt;
    o.diag = collect;
    o.diag_ctx = ws;
    return o;
}

static ac_reader *open_mem(const char *name, const char *data, const ac_reader_options *o)
{
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open_mem(name, data, strlen(data), o, &r, &err), AC_OK);
    assert_non_null(r);
    return r;
}

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_read.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes data to tmpdir/name and returns the path (static storage). */
static const char *write_file(const char *name, const void *data, size_t n)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void *gzip(const char *data, size_t n, size_t *out_n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)n) + 64;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_n = z.total_out;
    deflateEnd(&z);
    return out;
}

static void *zstd(const char *data, size_t n, size_t *out_n)
{
    size_t cap = ZSTD_compressBound(n);
    void *out = malloc(cap);
    assert_non_null(out);
    size_t r = ZSTD_compress(out, cap, data, n, 3);
    assert_false(ZSTD_isError(r));
    *out_n = r;
    return out;
}

/* Many JSONL lines, "id":"s<k>", about 60 bytes each, with varied text. */
static char *many_lines(size_t count, size_t *len)
{
    char *s = malloc(count * 100 + 1);
    assert_non_null(s);
    size_t n = 0;
    unsigned x = 12345;
    for (size_t k = 0; k < count; k++) {
        x = x * 1103515245u + 12345u;
        n += (size_t)sprintf(s + n, "{\"id\":\"s%zu\",\"text\":\"Story %u about %x.\"}\n", k,
                             x % 9973, x);
    }
    *len = n;
    return s;
}

/* --- plain text ----------------------------------------------------------------- */

static void test_plain_text(void **state)
{
    warnings ws = {0};
    ac_reader_options o = options(AC_INPUT_AUTO, &ws);
    o.default_date = "November 6, 2025";
    ac_reader *r = open_mem("/some/dir/story.en.txt", "Kazakhstan joined.\nSecond line.\n", &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "story.en");
    assert_string_equal(s.date, "2025-11-06");
    assert_string_equal(s.text, "Kazakhstan joined.\nSecond line.\n");
    assert_int_equal(s.text_len, strlen(s.text));
    assert_int_equal(s.part, 0);
    assert_int_equal(s.origin_line, 1);
    assert_string_equal(s.origin, "/some/dir/story.en.txt");
    assert_string_equal(s.title, "");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    assert_int_equal(ws.n, 0);
    ac_reader_close(r);
}

static void test_plain_empty(void **state)
{
    ac_reader_options o = options(AC_INPUT_TEXT, NULL);
    o.diag = NULL;
    ac_story s;
    ac_error err;
    ac_reader *r = open_mem("empty.txt", "", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
    r = open_mem("blank.txt", "  \n\n \t\n", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
    /* the other formats too */
    o.format = AC_INPUT_JSONL;
    r = open_mem("empty.jsonl", "", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
    o.format = AC_INPUT_HTML;
    r = open_mem("empty.html", "", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
    o.format = AC_INPUT_AUTO;
    r = open_mem("empty", "", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

static void test_plain_parts(void **state)
{
    ac_reader_options o = options(AC_INPUT_TEXT, NULL);
    o.diag = NULL;
    o.max_story_bytes = 16;
    const char *text = "line one\nline two\nthe third line\nend";
    ac_reader *r = open_mem("big.txt", text, &o);
    ac_story s;
    ac_error err;
    /* 16-byte limit: "line one\n" (9) + "line two\n" (9) = 18 > 16. */
    const char *parts[] = {"line one\n", "line two\n", "the third line\n", "end"};
    uint64_t lines[] = {1, 2, 3, 4};
    for (uint32_t k = 0; k < 4; k++) {
        assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
        assert_string_equal(s.text, parts[k]);
        assert_int_equal(s.part, k);
        assert_string_equal(s.id, "big");
        assert_int_equal(s.origin_line, lines[k]);
        assert_true(s.text_len <= 16);
    }
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);

    /* No newline: cut after the last space; no space: at the limit, but
     * not inside a UTF-8 character. */
    r = open_mem("words.txt", "alpha beta gamma delta", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "alpha beta ");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "gamma delta");
    assert_int_equal(s.part, 1);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);

    o.max_story_bytes = 5;
    r = open_mem("e.txt", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", &o);   /* éééé, 8 bytes */
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "\xC3\xA9\xC3\xA9");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "\xC3\xA9\xC3\xA9");
    assert_int_equal(s.part, 1);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* A large text streams through a window bounded by max_story_bytes. */
static void test_plain_bounded(void **state)
{
    size_t n = 3 * 1024 * 1024;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t k = 0; k < n; k++)
        text[k] = k % 80 == 79 ? '\n' : (char)('a' + k % 26);
    text[n] = '\0';
    ac_reader_options o = options(AC_INPUT_TEXT, NULL);
    o.diag = NULL;
    o.max_story_bytes = 100000;
    ac_reader *r = open_mem("huge.txt", text, &o);
    ac_story s;
    ac_error err;
    size_t total = 0;
    uint32_t parts = 0;
    ac_status st;
    while ((st = ac_reader_next(r, &s, &err)) == AC_OK) {
        assert_int_equal(s.part, parts);
        assert_true(s.text_len <= o.max_story_bytes);
        if (total + s.text_len < n)
            assert_int_equal(s.text[s.text_len - 1], '\n');
        assert_memory_equal(s.text, text + total, s.text_len);
        total += s.text_len;
        parts++;
        assert_true(r->cap <= o.max_story_bytes + AC_READ_CHUNK + 1);
    }
    assert_int_equal(st, AC_DONE);
    assert_int_equal(total, n);
    assert_true(parts >= 31);
    ac_reader_close(r);
    free(text);
}

static void test_stdin(void **state)
{
    const char *path = write_file("in.txt", "From stdin.\n", 12);
    assert_non_null(freopen(path, "r", stdin));
    ac_reader_options o = options(AC_INPUT_AUTO, NULL);
    o.diag = NULL;
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open("-", &o, &r, &err), AC_OK);
    ac_story s;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "stdin");
    assert_string_equal(s.origin, "-");
    assert_string_equal(s.text, "From stdin.\n");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* --- JSON Lines ----------------------------------------------------------------- */

static void test_jsonl_basic(void **state)
{
    warnings ws = {0};
    ac_reader_options o = options(AC_INPUT_AUTO, &ws);
    o.default_date = "2020-01-01";
    ac_reader *r = open_mem(
        "feed.jsonl",
        "{\"id\":\"a1\",\"date\":\"2025-11-06\",\"text\":\"First story.\",\"url\":\"http://x/1\","
        "\"source\":\"Reuters\",\"title\":\"One\"}\n"
        "\n"
        "   \n"
        "{\"id\":42,\"text\":\"Numeric id.\"}\r\n"
        "{\"text\":\"No id.\",\"date\":null}",
        &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "a1");
    assert_string_equal(s.date, "2025-11-06");
    assert_string_equal(s.text, "First story.");
    assert_string_equal(s.url, "http://x/1");
    assert_string_equal(s.source, "Reuters");
    assert_string_equal(s.title, "One");
    assert_int_equal(s.origin_line, 1);
    assert_int_equal(s.part, 0);

    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "42");
    assert_string_equal(s.date, "2020-01-01");
    assert_string_equal(s.text, "Numeric id.");
    assert_string_equal(s.url, "");
    assert_int_equal(s.origin_line, 4);

    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "feed.jsonl:5");
    assert_string_equal(s.text, "No id.");
    assert_string_equal(s.date, "2020-01-01");
    assert_int_equal(s.origin_line, 5);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    assert_int_equal(ws.n, 0);
    ac_reader_close(r);
}

static void test_jsonl_malformed_line(void **state)
{
    ac_reader_options o = options(AC_INPUT_JSONL, NULL);
    o.diag = NULL;
    ac_reader *r = open_mem("m.jsonl",
                            "{\"id\":\"1\",\"text\":\"one\"}\n"
                            "{\"id\":\"2\",\"text\":\"two\"\n"
                            "{\"id\":\"3\",\"text\":\"three\"}\n",
                            &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "1");
    memset(&err, 0, sizeof err);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_EPARSE);
    assert_int_equal(err.code, AC_EPARSE);
    assert_string_equal(err.file, "m.jsonl");
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "malformed JSON"));
    char buf[512];
    ac_error_format(&err, buf, sizeof buf);
    assert_non_null(strstr(buf, "m.jsonl:2:"));
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "3");
    assert_string_equal(s.text, "three");
    assert_int_equal(s.origin_line, 3);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

static void test_jsonl_bad_records(void **state)
{
    ac_reader_options o = options(AC_INPUT_JSONL, NULL);
    o.diag = NULL;
    ac_reader *r = open_mem("b.jsonl",
                            "{\"id\":\"x\",\"text\":5}\n"
                            "{\"id\":\"y\"}\n"
                            "[1,2]\n"
                            "{\"text\":\"a\"} {\"text\":\"b\"}\n"
                            "{\"id\":true,\"text\":\"t\"}\n"
                            "{\"html\":[1]}\n"
                            "{\"id\":\"ok\",\"text\":\"fine\"}\n",
                            &o);
    ac_story s;
    ac_error err;
    struct { uint64_t line; const char *msg; } want[] = {
        {1, "\"text\" is a number, not a string"},
        {2, "no \"text\" or \"html\" field"},
        {3, "not a JSON object"},
        {4, "after the object"},
        {5, "\"id\" is a boolean"},
        {6, "\"html\" is an array"},
    };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        assert_int_equal(ac_reader_next(r, &s, &err), AC_EPARSE);
        assert_int_equal(err.line, want[k].line);
        if (!strstr(err.msg, want[k].msg))
            fail_msg("line %zu: \"%s\" lacks \"%s\"", k + 1, err.msg, want[k].msg);
    }
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "ok");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

static void test_jsonl_long_line(void **state)
{
    ac_reader_options o = options(AC_INPUT_JSONL, NULL);
    o.diag = NULL;
    o.max_story_bytes = 40;
    const char *first = "{\"id\":\"1\",\"text\":\"short\"}\n";
    const char *long_line = "{\"id\":\"2\",\"text\":\"this line is far longer than forty bytes\"}\n";
    char data[512];
    snprintf(data, sizeof data, "%s%s{\"id\":\"3\",\"text\":\"after\"}\n", first, long_line);
    ac_reader *r = open_mem("l.jsonl", data, &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "1");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_ELIMIT);
    assert_string_equal(err.file, "l.jsonl");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.offset, strlen(first));
    assert_non_null(strstr(err.msg, "max_story_bytes"));
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "3");
    assert_int_equal(s.origin_line, 3);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* A line of several megabytes is skipped without being held. */
static void test_jsonl_huge_line_bounded(void **state)
{
    size_t n = 4 * 1024 * 1024;
    char *data = malloc(n + 200);
    assert_non_null(data);
    size_t len = (size_t)sprintf(data, "{\"id\":\"big\",\"text\":\"");
    memset(data + len, 'x', n);
    len += n;
    len += (size_t)sprintf(data + len, "\"}\n{\"id\":\"next\",\"text\":\"ok\"}\n");
    ac_reader_options o = options(AC_INPUT_JSONL, NULL);
    o.diag = NULL;
    o.max_story_bytes = 1000;
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open_mem("h.jsonl", data, len, &o, &r, &err), AC_OK);
    ac_story s;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_ELIMIT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.offset, 0);
    assert_true(r->cap <= 1000 + AC_READ_CHUNK + 1);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "next");
    assert_int_equal(s.origin_line, 2);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
    free(data);
}

static void test_jsonl_html_field(void **state)
{
    ac_reader_options o = options(AC_INPUT_JSONL, NULL);
    o.diag = NULL;
    ac_reader *r = open_mem(
        "h.jsonl",
        "{\"id\":\"h\",\"html\":\"<html><head><title>From HTML</title>"
        "<meta name=\\\"date\\\" content=\\\"2025/11/06\\\"></head><body><nav>Menu</nav>"
        "<p>Body &amp; text.</p></body></html>\"}\n",
        &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "Body & text.");
    assert_string_equal(s.title, "From HTML");
    assert_string_equal(s.date, "2025-11-06");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* --- dates ------------------------------------------------------------------------ */

static void test_dates(void **state)
{
    struct { const char *in, *out; } ok[] = {
        {"2025-11-06", "2025-11-06"},
        {"2025-11-06T12:00:00Z", "2025-11-06"},
        {"2025-11-06 12:00", "2025-11-06"},
        {"20251106", "2025-11-06"},
        {"2025/11/06", "2025-11-06"},
        {"2025/1/6", "2025-01-06"},
        {"November 6, 2025", "2025-11-06"},
        {"Nov. 6, 2025", "2025-11-06"},
        {"nov 6th 2025", "2025-11-06"},
        {"6 Nov 2025", "2025-11-06"},
        {"06 November 2025", "2025-11-06"},
        {"Thu, 06 Nov 2025 12:00:00 GMT", "2025-11-06"},
        {"Sept 1, 2024", "2024-09-01"},
        {"  2024-02-29  ", "2024-02-29"},
    };
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
        char out[11];
        if (!ac_date_normalize(ok[k].in, strlen(ok[k].in), out))
            fail_msg("\"%s\" not accepted", ok[k].in);
        assert_string_equal(out, ok[k].out);
    }
    const char *bad[] = {"", "yesterday", "2025-13-01", "2025-02-29", "2023-11-31",
                         "Nov 31, 2025", "6 Foo 2025", "2025-11", "11/06/2025", "202511",
                         "2025-11-06x", "November 2025", "20251306"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char out[11] = "junk";
        if (ac_date_normalize(bad[k], strlen(bad[k]), out))
            fail_msg("\"%s\" accepted as %s", bad[k], out);
        assert_string_equal(out, "");
    }
}

static void test_bad_date_warns(void **state)
{
    warnings ws = {0};
    ac_reader_options o = options(AC_INPUT_JSONL, &ws);
    o.default_date = "2020-01-01";
    ac_reader *r = open_mem("d.jsonl",
                            "{\"id\":\"1\",\"text\":\"a\",\"date\":\"6 Nov 2025\"}\n"
                            "{\"id\":\"2\",\"text\":\"b\",\"date\":\"last Tuesday\"}\n",
                            &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.date, "2025-11-06");
    assert_int_equal(ws.n, 0);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.date, "");
    assert_int_equal(ws.n, 1);
    assert_string_equal(ws.w[0].file, "d.jsonl");
    assert_int_equal(ws.w[0].line, 2);
    assert_non_null(strstr(ws.w[0].msg, "last Tuesday"));
    ac_reader_close(r);

    /* A default date that is no date is refused at open. */
    ac_reader *r2 = NULL;
    o.default_date = "soon";
    assert_int_equal(ac_reader_open_mem("x", "a", 1, &o, &r2, &err), AC_EINVAL);
    assert_null(r2);
}

/* --- UTF-8 ------------------------------------------------------------------------- */

static void test_utf8_plain(void **state)
{
    warnings ws = {0};
    ac_reader_options o = options(AC_INPUT_TEXT, &ws);
    const char data[] = "Line one.\nBad \xFF byte and a \0 NUL.\n";
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open_mem("u.txt", data, sizeof data - 1, &o, &r, &err), AC_OK);
    ac_story s;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "Line one.\nBad \xEF\xBF\xBD byte and a   NUL.\n");
    assert_int_equal(s.text_len, strlen(s.text));
    assert_true(ac_utf8_is_clean(s.text, s.text_len));
    assert_int_equal(ws.n, 1);
    assert_string_equal(ws.w[0].file, "u.txt");
    assert_int_equal(ws.w[0].line, 2);
    assert_int_equal(ws.w[0].offset, 14);
    assert_non_null(strstr(ws.w[0].msg, "1 invalid UTF-8"));
    assert_non_null(strstr(ws.w[0].msg, "1 NUL"));
    assert_non_null(strstr(ws.w[0].msg, "byte 14"));
    ac_reader_close(r);
}

static void test_utf8_jsonl(void **state)
{
    warnings ws = {0};
    ac_reader_options o = options(AC_INPUT_JSONL, &ws);
    const char data[] = "{\"id\":\"1\",\"text\":\"fine\"}\n"
                        "{\"id\":\"2\",\"text\":\"caf\xE9 \xC3\"}\n"
                        "{\"id\":\"3\",\"text\":\"a\\u0000b\"}\n";
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open_mem("u.jsonl", data, sizeof data - 1, &o, &r, &err), AC_OK);
    ac_story s;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_int_equal(ws.n, 0);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "2");
    assert_string_equal(s.text, "caf\xEF\xBF\xBD \xEF\xBF\xBD");
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.w[0].line, 2);
    /* line 2 starts at byte 25; the bad byte is at column 22 of it */
    assert_int_equal(ws.w[0].offset, 25 + 21);
    assert_non_null(strstr(ws.w[0].msg, "2 invalid UTF-8"));
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "3");
    assert_string_equal(s.text, "a b");
    assert_int_equal(s.text_len, 3);
    assert_int_equal(ws.n, 2);
    assert_int_equal(ws.w[1].line, 3);
    assert_non_null(strstr(ws.w[1].msg, "\\u0000"));
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* --- compressed input -------------------------------------------------------------- */

static const char *two_stories =
    "{\"id\":\"g1\",\"text\":\"First.\"}\n{\"id\":\"g2\",\"text\":\"Second.\"}\n";

static void read_two(const char *path)
{
    ac_reader_options o = options(AC_INPUT_AUTO, NULL);
    o.diag = NULL;
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open(path, &o, &r, &err), AC_OK);
    ac_story s;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "g1");
    assert_string_equal(s.text, "First.");
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "g2");
    assert_int_equal(s.origin_line, 2);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

static void test_gzip(void **state)
{
    size_t n;
    void *gz = gzip(two_stories, strlen(two_stories), &n);
    /* detected by magic bytes and content, not by name */
    read_two(write_file("stories.bin", gz, n));
    read_two(write_file("stories.jsonl.gz", gz, n));
    /* two gzip members one after the other */
    char *twice = malloc(2 * n);
    assert_non_null(twice);
    size_t half;
    void *a = gzip(two_stories, 31, &half);
    memcpy(twice, a, half);
    size_t rest;
    void *b = gzip(two_stories + 31, strlen(two_stories) - 31, &rest);
    assert_true(half + rest <= 2 * n);
    memcpy(twice + half, b, rest);
    read_two(write_file("members.gz", twice, half + rest));
    free(a);
    free(b);
    free(twice);
    free(gz);
}

static void test_zstd(void **state)
{
    size_t n;
    void *z = zstd(two_stories, strlen(two_stories), &n);
    read_two(write_file("stories.zst", z, n));
    read_two(write_file("noext", z, n));
    free(z);
}

static void test_gzip_plain_text_id(void **state)
{
    size_t n;
    const char *t = "Plain compressed text.";
    void *gz = gzip(t, strlen(t), &n);
    const char *path = write_file("report.txt.gz", gz, n);
    free(gz);
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open(path, NULL, &r, &err), AC_OK);
    ac_story s;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "report");
    assert_string_equal(s.text, t);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* Reads a truncated compressed file: some stories, then AC_EIO. */
static void read_truncated(const char *path, const char *what, size_t min_stories)
{
    ac_reader_options o = options(AC_INPUT_AUTO, NULL);
    o.diag = NULL;
    ac_reader *r = NULL;
    ac_error err;
    assert_int_equal(ac_reader_open(path, &o, &r, &err), AC_OK);
    ac_story s;
    ac_status st;
    size_t stories = 0;
    while ((st = ac_reader_next(r, &s, &err)) == AC_OK) {
        char id[32];
        snprintf(id, sizeof id, "s%zu", stories);
        assert_string_equal(s.id, id);
        stories++;
    }
    assert_int_equal(st, AC_EIO);
    assert_true(stories >= min_stories);
    assert_non_null(strstr(err.msg, what));
    assert_true(err.offset != UINT64_MAX && err.offset > 0);
    assert_non_null(strstr(err.file, tmpdir));
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

static void test_truncated_gzip(void **state)
{
    size_t len, n;
    char *text = many_lines(20000, &len);
    void *gz = gzip(text, len, &n);
    read_truncated(write_file("cut.jsonl.gz", gz, n / 2), "truncated gzip stream", 1000);
    free(gz);
    free(text);
}

static void test_truncated_zstd(void **state)
{
    size_t len, n;
    char *text = many_lines(20000, &len);
    void *z = zstd(text, len, &n);
    read_truncated(write_file("cut.jsonl.zst", z, n / 2), "truncated zstd stream", 1);
    free(z);
    free(text);
}

static void test_missing_file(void **state)
{
    ac_reader *r = (ac_reader *)1;
    ac_error err;
    assert_int_equal(ac_reader_open("/nonexistent/dir/x.jsonl", NULL, &r, &err), AC_EIO);
    assert_null(r);
    assert_int_equal(err.code, AC_EIO);
    assert_string_equal(err.file, "/nonexistent/dir/x.jsonl");
    assert_int_equal(ac_reader_open(tmpdir, NULL, &r, &err), AC_EIO);
}

/* --- format detection ----------------------------------------------------------------- */

static void test_auto_detect(void **state)
{
    ac_reader_options o = options(AC_INPUT_AUTO, NULL);
    o.diag = NULL;
    ac_story s;
    ac_error err;
    ac_reader *r = open_mem("noext", "\xEF\xBB\xBF  \n{\"id\":\"j\",\"text\":\"t\"}\n", &o);
    assert_int_equal(r->format, AC_INPUT_JSONL);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "j");
    assert_int_equal(s.origin_line, 2);
    ac_reader_close(r);
    r = open_mem("page", "\n<html><body><p>Hello.</p></body></html>", &o);
    assert_int_equal(r->format, AC_INPUT_HTML);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "Hello.");
    ac_reader_close(r);
    r = open_mem("page.htm", "plain words <b>", &o);
    assert_int_equal(r->format, AC_INPUT_HTML);
    ac_reader_close(r);
    r = open_mem("x.ndjson", "<p>", &o);
    assert_int_equal(r->format, AC_INPUT_JSONL);
    ac_reader_close(r);
    r = open_mem("notes", "\xEF\xBB\xBFJust text {not json}", &o);
    assert_int_equal(r->format, AC_INPUT_TEXT);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "Just text {not json}");
    ac_reader_close(r);
}

/* --- HTML ------------------------------------------------------------------------------ */

static const char *news_page =
    "<!DOCTYPE html>\n<html lang=\"en\"><head>\n"
    "<title>Kazakhstan joins Abraham Accords | Example News</title>\n"
    "<meta property=\"og:title\" content=\"Kazakhstan joins the Abraham Accords\">\n"
    "<meta property=\"article:published_time\" content=\"2025-11-06T18:30:00+00:00\">\n"
    "<style>.x { color: red }</style>\n"
    "<script>var tracking = 'SCRIPT TEXT';</script>\n"
    "</head><body>\n"
    "<div id=\"cookie-banner\">We use cookies to improve your experience. <button>Accept</button></div>\n"
    "<header class=\"site-header\"><a href=\"/\">Example News</a>\n"
    "<nav><ul><li><a href=\"/world\">World</a></li><li><a href=\"/politics\">Politics</a></li></ul></nav></header>\n"
    "<div class=\"breadcrumbs\"><a href=\"/\">Home</a> &gt; <a href=\"/world\">World</a></div>\n"
    "<main><article>\n"
    "<h1>Kazakhstan joins the Abraham Accords</h1>\n"
    "<p>WASHINGTON &ndash; Kazakhstan   will join the\n Abraham Accords, President Donald Trump said on Thursday, "
    "making it the first country to join during his second term.</p>\n"
    "<div class=\"social-share\"><a href=\"#\">Share on Facebook</a><a href=\"#\">Share on X</a></div>\n"
    "<p>The announcement came after a meeting with Kazakh President Kassym-Jomart Tokayev"
    "<br>at the White House.</p>\n"
    "<blockquote>We are proud to join, Tokayev said.</blockquote>\n"
    "<ul><li>First point of the story.</li><li>Second point.</li></ul>\n"
    "<noscript>Please enable JavaScript NOSCRIPT</noscript>\n"
    "<iframe src=\"https://ads.example\">IFRAME</iframe>\n"
    "<div class=\"newsletter-signup\"><p>Get the Morning Brief in your inbox.</p></div>\n"
    "<p><a href=\"/related/1\">Related: Central Asia and Israel</a></p>\n"
    "</article>\n"
    "<aside><h3>Most read</h3><p>An aside paragraph that is not part of the story.</p></aside>\n"
    "<section class=\"comments\"><p>Reader comment: great article!</p></section>\n"
    "</main>\n"
    "<div class=\"gform_wrapper gravity-theme\"><div class=\"gform_heading\">"
    "<p class=\"gform_required_legend\">&quot;<span class=\"gfield_required\">*</span>&quot; "
    "indicates required fields</p></div>"
    "<form method=\"post\"><label>Email<span>*</span></label><input type=\"email\">"
    "<button type=\"submit\">Subscribe</button></form></div>\n"
    "<footer><p>&copy; 2025 Example News. All rights reserved.</p>"
    "<a href=\"/privacy\">Privacy policy</a></footer>\n"
    "</body></html>\n";

static void test_html_article(void **state)
{
    ac_reader_options o = options(AC_INPUT_AUTO, NULL);
    o.diag = NULL;
    o.default_date = "2000-01-01";
    ac_reader *r = open_mem("/pages/kazakhstan.html", news_page, &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.id, "kazakhstan");
    assert_string_equal(s.title, "Kazakhstan joins the Abraham Accords");
    assert_string_equal(s.date, "2025-11-06");
    assert_int_equal(s.origin_line, 1);
    const char *want =
        "Kazakhstan joins the Abraham Accords\n\n"
        "WASHINGTON \xE2\x80\x93 Kazakhstan will join the Abraham Accords, President Donald "
        "Trump said on Thursday, making it the first country to join during his second term.\n\n"
        "The announcement came after a meeting with Kazakh President Kassym-Jomart Tokayev\n"
        "at the White House.\n\n"
        "We are proud to join, Tokayev said.\n\n"
        "First point of the story.\n\n"
        "Second point.";
    if (strcmp(s.text, want) != 0)
        fail_msg("text:\n[%s]", s.text);
    const char *never[] = {"indicates required fields", "SCRIPT", "color", "cookies",
                           "Politics", "Home", "Share", "NOSCRIPT", "IFRAME", "Morning Brief",
                           "Related", "Most read", "aside paragraph", "Reader comment",
                           "Subscribe", "Email", "rights reserved", "Privacy", "*"};
    for (size_t k = 0; k < sizeof never / sizeof never[0]; k++)
        if (strstr(s.text, never[k]))
            fail_msg("\"%s\" in the text:\n%s", never[k], s.text);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

/* No <article> or <main>: the scorer finds the body among the furniture. */
static void test_html_scored(void **state)
{
    const char *page =
        "<html><head><title> Ministers  meet </title>"
        "<meta name=\"date\" content=\"6 Nov 2025\"></head><body>"
        "<div id=\"top\"><div class=\"menu\"><a href=\"/\">Front page</a> | <a href=\"/x\">Sports</a></div></div>"
        "<div class=\"wrap\"><div class=\"story-body\">"
        "<p>The foreign ministers of the two countries met in Astana on Monday, and agreed to "
        "expand trade, energy and transport links.</p>"
        "<p>The talks, the third this year, also covered water sharing, officials said.</p>"
        "<p><a href=\"/a\">Click</a> <a href=\"/b\">these</a> <a href=\"/c\">many links</a> now</p>"
        "</div>"
        "<div class=\"box\"><ul><li><a href=\"/1\">Other headline one</a></li>"
        "<li><a href=\"/2\">Other headline two</a></li></ul></div></div>"
        "<div>Sign up for our daily newsletter</div>"
        "<div style=\"display: none\">Hidden text</div>"
        "<div hidden>Hidden too</div>"
        "</body></html>";
    ac_reader_options o = options(AC_INPUT_HTML, NULL);
    o.diag = NULL;
    ac_reader *r = open_mem("p.html", page, &o);
    ac_story s;
    ac_error err;
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.title, "Ministers meet");
    assert_string_equal(s.date, "2025-11-06");
    assert_string_equal(s.text,
                        "The foreign ministers of the two countries met in Astana on Monday, and "
                        "agreed to expand trade, energy and transport links.\n\n"
                        "The talks, the third this year, also covered water sharing, officials said.");
    ac_reader_close(r);
}

/* Dates from <time datetime>, titles from <h1>, and the default date. */
static void test_html_time_and_h1(void **state)
{
    ac_reader_options o = options(AC_INPUT_HTML, NULL);
    o.diag = NULL;
    o.default_date = "20240101";
    ac_story s;
    ac_error err;
    ac_reader *r = open_mem("t.html",
                            "<body><article><h1>Headline  here</h1>"
                            "<time datetime=\"2025-03-04T10:00\">March 4</time>"
                            "<p>Text.</p></article></body>",
                            &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.title, "Headline here");
    assert_string_equal(s.date, "2025-03-04");
    ac_reader_close(r);
    warnings ws = {0};
    o.diag = collect;
    o.diag_ctx = &ws;
    r = open_mem("t.html", "<body><p>Just a paragraph.</p><time datetime=\"soon\"></time></body>",
                 &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.title, "");
    assert_string_equal(s.date, "2024-01-01");
    assert_string_equal(s.text, "Just a paragraph.");
    assert_int_equal(ws.n, 1);
    assert_string_equal(ws.w[0].file, "t.html");
    assert_int_equal(ws.w[0].line, 1);
    assert_non_null(strstr(ws.w[0].msg, "\"soon\""));
    ac_reader_close(r);
}

static void test_html_encoding(void **state)
{
    warnings ws = {0};
    ac_reader_options o = options(AC_INPUT_HTML, &ws);
    ac_story s;
    ac_error err;
    /* a declared legacy charset is converted by libxml2 */
    ac_reader *r = open_mem("l.html",
                            "<html><head><meta charset=\"iso-8859-1\"></head>"
                            "<body><p>Caf\xE9 na\xEFve</p></body></html>",
                            &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "Caf\xC3\xA9 na\xC3\xAFve");
    assert_int_equal(ws.n, 0);
    ac_reader_close(r);
    /* undeclared bad bytes are repaired, with a warning at the byte */
    r = open_mem("u.html", "<html><body>\n<p>Bad \xFF here</p></body></html>", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_OK);
    assert_string_equal(s.text, "Bad \xEF\xBF\xBD here");
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.w[0].line, 2);
    assert_int_equal(ws.w[0].offset, 20);
    ac_reader_close(r);
}

static void test_html_limit(void **state)
{
    ac_reader_options o = options(AC_INPUT_HTML, NULL);
    o.diag = NULL;
    o.max_story_bytes = 16;
    ac_story s;
    ac_error err;
    ac_reader *r = open_mem("big.html", "<html><body><p>Longer than sixteen bytes.</p></body></html>", &o);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_ELIMIT);
    assert_int_equal(ac_reader_next(r, &s, &err), AC_DONE);
    ac_reader_close(r);
}

static void test_null_args(void **state)
{
    ac_reader_close(NULL);
    ac_error err;
    ac_story s;
    assert_int_equal(ac_reader_next(NULL, &s, &err), AC_EINVAL);
    assert_int_equal(ac_reader_open_mem("x", "a", 1, NULL, NULL, &err), AC_EINVAL);
    ac_reader_options o;
    memset(&o, 0, sizeof o);
    o.format = (ac_input_format)42;
    ac_reader *r = NULL;
    assert_int_equal(ac_reader_open_mem("x", "a", 1, &o, &r, &err), AC_EINVAL);
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_plain_empty),
        cmocka_unit_test(test_plain_parts),
        cmocka_unit_test(test_plain_bounded),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_jsonl_basic),
        cmocka_unit_test(test_jsonl_malformed_line),
        cmocka_unit_test(test_jsonl_bad_records),
        cmocka_unit_test(test_jsonl_long_line),
        cmocka_unit_test(test_jsonl_huge_line_bounded),
        cmocka_unit_test(test_jsonl_html_field),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_bad_date_warns),
        cmocka_unit_test(test_utf8_plain),
        cmocka_unit_test(test_utf8_jsonl),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_zstd),
        cmocka_unit_test(test_gzip_plain_text_id),
        cmocka_unit_test(test_truncated_gzip),
        cmocka_unit_test(test_truncated_zstd),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_auto_detect),
        cmocka_unit_test(test_html_article),
        cmocka_unit_test(test_html_scored),
        cmocka_unit_test(test_html_time_and_h1),
        cmocka_unit_test(test_html_encoding),
        cmocka_unit_test(test_html_limit),
        cmocka_unit_test(test_null_args),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
