/*
 * fuzz_tokenize.c -- libFuzzer target: normalise, tokenize and split.
 *
 * The bytes are read as a plain-text story (the reader repairs invalid
 * UTF-8 and NUL bytes, as it does for real input), then coded with an empty
 * dictionary up to AC_STAGE_SPLIT. The sentences must lie inside the
 * normalised text, in order and without overlap. The first byte picks the
 * stage, so tokenizing alone is fuzzed too.
 */
#include "accord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ac_dict *empty_dict(void)
{
    static ac_dict *d;
    if (!d) {
        ac_dict_builder *b = ac_dict_builder_new();
        ac_error err;
        if (!b || ac_dict_build(b, &d, &err) != AC_OK)
            abort();
    }
    return d;
}

static void check_doc(const ac_doc *doc)
{
    const char *text = ac_doc_text(doc);
    size_t len = ac_doc_text_len(doc);
    if (!text || strlen(text) != len)
        abort();
    size_t end = 0;
    for (size_t i = 0; i < ac_doc_sentence_count(doc); i++) {
        const ac_sentence *s = ac_doc_sentence(doc, i);
        if (!s || s->start < end || s->len == 0 || s->start + s->len > len)
            abort();
        end = s->start + s->len;
    }
    if (ac_doc_event_count(doc) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_dict *d = empty_dict();
    ac_code_options copt = {.stop_after = size > 0 && (data[0] & 1) ? AC_STAGE_TOKENIZE : AC_STAGE_SPLIT};
    ac_reader_options ropt;
    memset(&ropt, 0, sizeof ropt);
    ropt.format = AC_INPUT_TEXT;
    ac_reader *r = NULL;
    ac_error err;
    if (ac_reader_open_mem("fuzz.txt", data, size, &ropt, &r, &err) != AC_OK)
        return 0;
    for (size_t guard = 0; guard <= size + 1; guard++) {
        ac_story s;
        ac_status st = ac_reader_next(r, &s, &err);
        if (st == AC_DONE || st == AC_EIO)
            break;
        if (st != AC_OK)
            continue;
        ac_doc *doc = NULL;
        if (ac_code(d, &s, &copt, &doc, &err) == AC_OK)
            check_doc(doc);
        ac_doc_free(doc);
    }
    ac_reader_close(r);
    return 0;
}
