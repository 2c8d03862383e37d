/*
 * fuzz_annotate.c -- libFuzzer target: accord annotate on arbitrary text.
 *
 * The default dictionaries are loaded once. The bytes are read as a
 * plain-text story (made valid UTF-8 by the reader), coded with
 * AC_CODE_KEEP_ACTORS and annotated; the first byte picks the story date.
 * Every quotation must lie inside the text with its speaker, the writer
 * must give one JSON line, and the JSON must parse.
 */
#include "accord.h"

#include <cjson/cJSON.h>
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

static void check(const ac_doc *doc, const ac_annotation *a, const ac_story *s)
{
    size_t len = ac_doc_text_len(doc), ns = ac_doc_sentence_count(doc);
    for (size_t i = 0; i < ac_annotation_quote_count(a); i++) {
        const ac_quote *q = ac_annotation_quote(a, i);
        if (!q || !q->text || !q->speaker || !q->speaker_name || !q->speaker_code || !q->verb ||
            q->start > q->end || q->end > len || q->sentence >= ns || q->speaker_end > len ||
            q->speaker_start > q->speaker_end || (q->kind != AC_QUOTE_DIRECT && q->kind != AC_QUOTE_INDIRECT))
            abort();
    }
    ac_buf b = {0};
    ac_error err;
    if (ac_write_annotation(s, doc, a, &b, &err) != AC_OK || !b.len || b.data[b.len - 1] != '\n' ||
        memchr(b.data, '\n', b.len) != b.data + b.len - 1)
        abort();
    cJSON *j = cJSON_Parse(b.data);
    if (!cJSON_IsObject(j))
        abort();
    cJSON_Delete(j);
    ac_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_dict *d = default_dict();
    unsigned sel = size ? data[0] : 0;
    ac_code_options copt = {.flags = AC_CODE_KEEP_ACTORS};
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
        ac_annotation *a = NULL;
        if (ac_code(d, &s, &copt, &doc, &err) == AC_OK && ac_annotate(doc, &a, &err) == AC_OK)
            check(doc, a, &s);
        ac_annotation_free(a);
        ac_doc_free(doc);
    }
    ac_reader_close(r);
    return 0;
}
