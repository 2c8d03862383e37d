/*
 * fuzz_dict.c -- libFuzzer target: the dictionary loader and compiler.
 *
 * The bytes are one dictionary file, added with ac_dict_builder_add_text;
 * bad lines must only warn. The dictionary is built, its statistics read,
 * a fixed sentence coded with it (so the compiled structures are walked),
 * and everything freed.
 */
#include "accord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_diag(void *ctx, const ac_error *w)
{
    size_t *n = ctx;
    if (!w || w->msg[0] == '\0')
        abort();
    (*n)++;
}

static const char SENTENCES[] =
    "Kazakh President Tokayev met Israel's foreign minister in Astana. "
    "Russia and China will praise the U.S., officials said. "
    "Talks between Armenia and Azerbaijan were not held.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t warnings = 0;
    ac_dict_builder *b = ac_dict_builder_new();
    if (!b)
        return 0;
    ac_dict_builder_set_diag(b, count_diag, &warnings);
    ac_error err;
    if (ac_dict_builder_add_text(b, "fuzz.txt", (const char *)data, size, &err) != AC_OK) {
        ac_dict_builder_free(b);
        return 0;
    }
    ac_dict *d = NULL;
    if (ac_dict_build(b, &d, &err) != AC_OK)
        return 0;
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    if (warnings > st.lines_bad)      /* lines under an unknown @kind count, unreported */
        abort();
    ac_story s;
    memset(&s, 0, sizeof s);
    s.id = "fuzz";
    s.date = "2025-06-01";
    s.title = s.url = s.source = "";
    s.origin = "fuzz";
    s.text = SENTENCES;
    s.text_len = sizeof SENTENCES - 1;
    ac_doc *doc = NULL;
    if (ac_code(d, &s, NULL, &doc, &err) == AC_OK) {
        for (size_t i = 0; i < ac_doc_event_count(doc); i++)
            if (!ac_cameo_lookup(d, ac_doc_event(doc, i)->code))
                abort();
    }
    ac_doc_free(doc);
    ac_dict_free(d);
    return 0;
}
