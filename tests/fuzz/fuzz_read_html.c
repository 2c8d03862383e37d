/*
 * fuzz_read_html.c -- libFuzzer target: the input as an HTML page.
 *
 * The page goes through libxml2 and the boilerplate scorer; the story must
 * come out as valid UTF-8 without NUL bytes, and the reader must stop with
 * AC_DONE (or AC_EIO) after at most one story.
 */
#include "accord.h"
#include "common/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_reader_options opt;
    memset(&opt, 0, sizeof opt);
    opt.format = AC_INPUT_HTML;
    opt.default_date = "2025-01-02";
    ac_reader *r = NULL;
    ac_error err;
    if (ac_reader_open_mem("fuzz.html", data, size, &opt, &r, &err) != AC_OK)
        return 0;
    for (int calls = 0;; calls++) {
        if (calls > 3)
            abort();   /* one page, one story */
        ac_story s;
        ac_status st = ac_reader_next(r, &s, &err);
        if (st == AC_DONE || st == AC_EIO)
            break;
        if (st == AC_ELIMIT)
            continue;
        if (st != AC_OK)
            abort();
        if (strlen(s.text) != s.text_len || !ac_utf8_is_clean(s.text, s.text_len) ||
            !ac_utf8_is_clean(s.title, strlen(s.title)) || strlen(s.date) != 10)
            abort();
    }
    ac_reader_close(r);
    return 0;
}
