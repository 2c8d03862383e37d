/*
 * fuzz_dict_tabari.c -- libFuzzer target: the TABARI dictionary loaders.
 *
 * The first byte chooses the loader (its value modulo 4: .verbs, .actors,
 * .agents, .options); the other bytes are the file. A small fixed .actors
 * text is added first, so verb patterns have actors to code with. Bad
 * lines must only warn, and every warning must be counted in lines_bad.
 * The dictionary is built, a fixed story coded with it in accord's and in
 * TABARI's convention, and all freed.
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

static const char ACTORS[] =
    "ARNOR [ARN]\nGONDOR\n+MINAS_TIRITH\n\t[GON <950101]\n\t[GONGOV]\nROHAN [ROH 990101-011231]\n";

static const char SENTENCES[] =
    "Arnor praised Gondor on Monday. Rohan's minister will visit Minas Tirith, officials said. "
    "The Gondor envoy did not sign a peace treaty with Arnor. "
    "Arnor and Rohan urged Gondor to wait and then they asked him, as it said on Monday, "
    "to help Minas_Tirith's \"grey\" envoys of the Rohan army; it didn't.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct {
        const char *name;
        ac_dict_format fmt;
    } LOADERS[4] = {{"fuzz.verbs", AC_DICT_TABARI_VERBS},
                    {"fuzz.actors", AC_DICT_TABARI_ACTORS},
                    {"fuzz.agents", AC_DICT_TABARI_AGENTS},
                    {"fuzz.options", AC_DICT_TABARI_OPTIONS}};
    if (size == 0)
        return 0;
    int which = data[0] % 4;
    size_t warnings = 0;
    ac_dict_builder *b = ac_dict_builder_new();
    if (!b)
        return 0;
    ac_dict_builder_set_diag(b, count_diag, &warnings);
    ac_error err;
    if (ac_dict_builder_add_text_format(b, "base.actors", ACTORS, sizeof ACTORS - 1,
                                        AC_DICT_TABARI_ACTORS, &err) != AC_OK ||
        ac_dict_builder_add_text_format(b, LOADERS[which].name, (const char *)data + 1, size - 1,
                                        LOADERS[which].fmt, &err) != AC_OK) {
        ac_dict_builder_free(b);
        return 0;
    }
    ac_dict *d = NULL;
    if (ac_dict_build(b, &d, &err) != AC_OK)
        return 0;
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    if (warnings != st.lines_bad)
        abort();
    ac_story s;
    memset(&s, 0, sizeof s);
    s.id = "fuzz";
    s.date = "2000-06-01";
    s.title = s.url = s.source = "";
    s.origin = "fuzz";
    s.text = SENTENCES;
    s.text_len = sizeof SENTENCES - 1;
    /* accord's convention, then TABARI's (as `accord validate` codes a
     * TABARI suite): every event's code is in the table. */
    static const ac_code_options TABARI = {
        .flags = AC_CODE_LITERAL | AC_CODE_FIRST_ACTOR | AC_CODE_BY_CLAUSE,
        .comma = {3, 10, 0, 0, 3, 10}};
    const ac_code_options *opts[2] = {NULL, &TABARI};
    for (int k = 0; k < 2; k++) {
        ac_doc *doc = NULL;
        if (ac_code(d, &s, opts[k], &doc, &err) == AC_OK) {
            for (size_t i = 0; i < ac_doc_event_count(doc); i++)
                if (!ac_cameo_lookup(d, ac_doc_event(doc, i)->code))
                    abort();
        }
        ac_doc_free(doc);
    }
    ac_dict_free(d);
    return 0;
}
