/*
 * fuzz_dict_image.c -- libFuzzer target: opening compiled dictionary images.
 *
 * The bytes are an image file. They are opened twice from memory
 * (ac_dict_open_mem): once as ac_dict_open does, checksum included, and once
 * without the checksum and with the header's layout hash set to this build's,
 * so that mutated images reach the structural checks behind them (a fuzzer
 * cannot forge an XXH3, and the seeds stay usable when dict.h gains an enum
 * value; when a struct of dict.h changes size, make the seeds again). Opening must never crash; an
 * image that opens must be safe to use, so its statistics are read, the
 * CAMEO table is searched, a few sentences are coded with it (walking the
 * vocabulary, the name trie, the patterns and the sets) and every event must
 * carry a code of its table.
 *
 * Seeds (corpus/fuzz_dict_image/): tiny.img, the image of the small
 * dictionary below; truncated copies of it (header only, half, all but the
 * last byte); text that is not an image; and regress-empty-head-lists.img,
 * tiny.img with an empty head-list section (the fuzzer found that its values
 * went unchecked). To make them again:
 *
 *   printf '%s' "$TINY" > tiny.txt      # the dictionary below, one line each
 *   build/accord dict compile --dict tiny.txt --out tiny.img
 *   head -c 384 tiny.img > trunc-header.img   # and so on
 *
 * The dictionary (written for this seed):
 *
 *   @kind country
 *   Kazakhstan | Kazakh | Astana = KAZ
 *   Israel | Israeli = ISR
 *   @kind person
 *   Pat Example | Example = KAZGOV [2010-01-01..2012-12-31], KAZELI
 *   @kind agent
 *   @plurals off
 *   president = GOV
 *   rebels = REB~
 *   @kind discard
 *   football match
 *   @kind issue
 *   @caps none
 *   oil price = ECONOMY
 *   @kind irregular
 *   meet met met
 *   @kind set
 *   DEAL = agreement | deal
 *   @kind verb
 *   040  *meet +
 *   057  *sign &DEAL with +
 *   042:043  *travel to +
 *   @kind cameo
 *   04 | 1.0 | 1 | CONSULT | Consult
 *   040 | 1.0 | 1 | CONSULT | Consult
 *   042 | 1.9 | 1 | CONSULT | Make a visit
 *   043 | 2.8 | 1 | CONSULT | Host a visit
 *   05 | 3.5 | 1 | COOPERATE | Diplomatic cooperation
 *   057 | 8.0 | 1 | AGREE | Sign formal agreement
 */
#include "accord.h"
#include "dict/image.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char SENTENCES[] =
    "Kazakh President Example met Israeli rebels in Astana on Monday. "
    "Israel will sign a deal with Kazakhstan, officials said. "
    "The president travelled to Israel after the football match. Oil prices rose.";

static void use(ac_dict *d)
{
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    (void)ac_cameo_lookup(d, "040");
    (void)ac_cameo_lookup(d, "");
    ac_story s;
    memset(&s, 0, sizeof s);
    s.id = "fuzz";
    s.date = "2011-06-01";
    s.title = s.url = s.source = "";
    s.origin = "fuzz";
    s.text = SENTENCES;
    s.text_len = sizeof SENTENCES - 1;
    ac_error err;
    ac_code_options opt = {.flags = AC_CODE_EXPLAIN};
    ac_doc *doc = NULL;
    if (ac_code(d, &s, &opt, &doc, &err) == AC_OK) {
        for (size_t i = 0; i < ac_doc_event_count(doc); i++)
            if (!ac_cameo_lookup(d, ac_doc_event(doc, i)->code))
                abort();
        ac_buf b = {0};
        if (ac_write_events(doc, &s, AC_OUT_JSON, &b) != AC_OK)
            abort();
        ac_buf_free(&b);
    }
    ac_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    if (size >= sizeof(img_header)) {
        uint64_t layout = ac_dict_image_layout();
        memcpy(copy + offsetof(img_header, layout), &layout, sizeof layout);
    }
    for (unsigned flags = 0; flags <= AC_IMAGE_NO_CHECKSUM; flags += AC_IMAGE_NO_CHECKSUM) {
        ac_dict *d = NULL;
        ac_error err;
        ac_status st = ac_dict_open_mem(flags ? copy : data, size, flags, "fuzz.img", &d, &err);
        if (st == AC_OK) {
            if (!d)
                abort();
            use(d);
            ac_dict_free(d);
        } else if (d || err.msg[0] == '\0' || (st != AC_EDICT && st != AC_ENOMEM)) {
            abort();
        }
    }
    free(copy);
    return 0;
}
