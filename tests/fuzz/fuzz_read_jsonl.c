/*
 * fuzz_read_jsonl.c -- libFuzzer target: the input as a JSON Lines file.
 *
 * Every story is read until AC_DONE or AC_EIO; parse and limit errors are
 * skipped, as a caller would. The text handed out must be valid UTF-8
 * without NUL bytes. A small max_story_bytes exercises the over-long line
 * path; the first input byte picks it.
 */
#include "accord.h"
#include "common/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_story(const ac_story *s)
{
    if (!s->id || !s->date || !s->title || !s->url || !s->source || !s->text ||
        !s->origin || strlen(s->text) != s->text_len ||
        !ac_utf8_is_clean(s->text, s->text_len) || s->origin_line == 0)
        abort();
    if (s->date[0] && strlen(s->date) != 10)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_reader_options opt;
    memset(&opt, 0, sizeof opt);
    opt.format = AC_INPUT_JSONL;
    opt.max_story_bytes = size > 0 && (data[0] & 1) ? 64 : 0;
    ac_reader *r = NULL;
    ac_error err;
    if (ac_reader_open_mem("fuzz.jsonl", data, size, &opt, &r, &err) != AC_OK)
        return 0;
    for (size_t guard = 0; guard <= size + 1; guard++) {
        ac_story s;
        ac_status st = ac_reader_next(r, &s, &err);
        if (st == AC_OK)
            check_story(&s);
        else if (st == AC_DONE || st == AC_EIO)
            break;
        else if (st != AC_EPARSE && st != AC_ELIMIT)
            abort();
    }
    ac_reader_close(r);
    return 0;
}
