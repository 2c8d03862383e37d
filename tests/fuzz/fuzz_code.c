/*
 * fuzz_code.c -- libFuzzer target: the whole coder on arbitrary text.
 *
 * The default dictionaries are loaded once (ac_dict_default_dir(), else the
 * source tree's dict/). The bytes are read as a plain-text story, which
 * makes them valid UTF-8 as the reader does for real input, and coded; the
 * first byte picks the story date and whether to explain. Every event must
 * be complete and carry a CAMEO code of the dictionary, and all three
 * writers must accept the document.
 */
#include "accord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ac_dict *default_dict(void)
{
    static ac_dict *d;
    if (!d) {
        ac_error err;
        if (ac_dict_load_dir(ac_dict_default_dir(), NULL, NULL, &d, &err) != AC_OK &&
            ac_dict_load_dir(ACCORD_SOURCE_DIR "/dict", NULL, NULL, &d, &err) != AC_OK)
            abort();
    }
    return d;
}

static const char *const DATES[] = {"", "2018-06-12", "2023-05-01", "2025-11-07"};

static void check_doc(const ac_dict *d, const ac_doc *doc, const ac_story *s)
{
    size_t ns = ac_doc_sentence_count(doc);
    for (size_t i = 0; i < ac_doc_event_count(doc); i++) {
        const ac_event *e = ac_doc_event(doc, i);
        if (!e || e->sentence_id >= ns || !e->source || !e->target || !e->code || !e->root ||
            !e->source[0] || !e->target[0] || strcmp(e->source, e->target) == 0 ||
            !e->pattern || !e->verb_text || e->quad < 1 || e->quad > 4 ||
            e->mood > AC_MOOD_CONDITIONAL || !ac_cameo_lookup(d, e->code))
            abort();
    }
    ac_buf b = {0};
    const ac_output_format fmts[] = {AC_OUT_JSON, AC_OUT_TSV, AC_OUT_PLOVER};
    for (int f = 0; f < 3; f++) {
        ac_buf_reset(&b);
        if (ac_write_events(doc, s, fmts[f], &b) != AC_OK)
            abort();
        if (b.len && b.data[b.len - 1] != '\n')
            abort();
    }
    ac_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_dict *d = default_dict();
    unsigned sel = size ? data[0] : 0;
    ac_code_options copt = {.flags = (sel & 4) ? AC_CODE_EXPLAIN : 0u};
    ac_reader_options ropt;
    memset(&ropt, 0, sizeof ropt);
    ropt.format = AC_INPUT_TEXT;
    ropt.default_date = DATES[sel & 3];
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
            check_doc(d, doc, &s);
        ac_doc_free(doc);
    }
    ac_reader_close(r);
    return 0;
}
