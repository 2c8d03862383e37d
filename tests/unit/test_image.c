/*
 * test_image.c -- compiled dictionary images and conversion to accord's format.
 *
 * Images: accord's dict/ saved and opened again gives the same statistics and
 * codes sentences to the same bytes (events and explanation); saving is
 * deterministic and complete (an opened image saved again is the same file);
 * damaged, truncated, foreign and other-version images are refused with a
 * message that says why; structural damage behind a valid-looking header is
 * caught without the checksum; opening and freeing leaks nothing (the ASan
 * build runs this file too).
 *
 * Conversion: ac_dict_builder_write() writes every construct of the format
 * (dated and prefixed codes, @caps, @plurals, discards, issues, paired verb
 * codes, sets, irregular verbs, the CAMEO table), reads back to the same
 * text, and the converted dictionary codes as the original does: for a small
 * dictionary written here, for dict/, and for the PETRARCH validation
 * dictionaries of ../shared when present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "accord.h"
#include "dict/builder.h"
#include "dict/image.h"

/* A small dictionary with one of each construct (written for this test). */
static const char TINY[] =
    "@kind country\n"
    "Kazakhstan | Kazakh | Astana = KAZ\n"
    "Israel | Israeli | Jerusalem = ISR\n"
    "Republic of Testland, North = TST\n"
    "@kind person\n"
    "Pat Example | Example = KAZGOV [2010-01-01..2012-12-31], KAZELI\n"
    "Sam Later = ISRGOV [..2001-12-31], ISRMIL [2002-01-01..]\n"
    "@kind agent\n"
    "president | foreign minister = GOV\n"
    "@plurals off\n"
    "rebels = REB~\n"
    "@kind discard\n"
    "football match | cup final\n"
    "@kind issue\n"
    "@caps none\n"
    "oil price = ECONOMY\n"
    "@kind irregular\n"
    "meet met met meets meeting\n"
    "@kind set\n"
    "DEAL = agreement | deal | trade pact\n"
    "@kind verb\n"
    "040  *meet +\n"
    "040  *meet with +\n"
    "040  *hold ^ talks with +\n"
    "057  *sign &DEAL with +\n"
    "042:043  *travel to +\n"
    ":173  *appear before court in +\n"
    "@kind cameo\n"
    "04 | 1.0 | 1 | CONSULT | Consult\n"
    "040 | 1.0 | 1 | CONSULT | Consult, not specified\n"
    "042 | 1.9 | 1 | CONSULT | Make a visit\n"
    "043 | 2.8 | 1 | CONSULT | Host a visit\n"
    "05 | 3.5 | 1 | COOPERATE | Diplomatic cooperation\n"
    "057 | 8.0 | 1 | AGREE | Sign formal agreement\n"
    "17 | -5.0 | 3 | NONE | Coerce\n"
    "173 | -5.0 | 3 | NONE | Arrest, detain\n";

static const char TINY_TEXT[] =
    "Kazakh President Example met with Israeli rebels in Astana on Monday. "
    "Israel will sign a trade pact with Kazakhstan, officials said. "
    "The Kazakh foreign minister travelled to Jerusalem. Oil prices rose. "
    "Israel held direct talks with Kazakhstan.";

/* Sentences for dict/ (actors and verbs of accord's dictionaries). */
static const char NEWS[] =
    "Kazakh President Kassym-Jomart Tokayev met with Chinese Foreign Minister Wang Yi in Astana on "
    "Jan. 5. Russia accused Ukraine of shelling a power plant, the Kremlin said. Israeli Prime "
    "Minister Benjamin Netanyahu will visit Washington next week. The European Union imposed new "
    "sanctions on Iran. Turkish troops attacked Kurdish rebels in northern Iraq. Donald Trump held "
    "talks with Vladimir Putin. Egypt offered to mediate between Israel and Hamas.";

static char tmpdir[] = "/tmp/accord-test-image-XXXXXX";

static const char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_all(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static ac_dict *build_text(const char *name, const char *text, size_t *warnings);

static void count_diag(void *ctx, const ac_error *w)
{
    (void)w;
    ++*(size_t *)ctx;
}

static ac_dict *build_text(const char *name, const char *text, size_t *warnings)
{
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    size_t dummy = 0;
    ac_dict_builder_set_diag(b, count_diag, warnings ? warnings : &dummy);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text(b, name, text, strlen(text), &err), AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    return d;
}

/* Codes text dated `date`: the JSON lines of its events, then its explanation
 * (malloc'd). */
static char *code_bytes(const ac_dict *d, const char *date, const char *text)
{
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = "t";
    st.date = date;
    st.title = st.url = st.source = "";
    st.text = text;
    st.text_len = strlen(text);
    st.origin = "test";
    ac_code_options opt = {.flags = AC_CODE_EXPLAIN};
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(d, &st, &opt, &doc, &err), AC_OK);
    ac_buf b = {0};
    assert_int_equal(ac_write_events(doc, &st, AC_OUT_JSON, &b), AC_OK);
    assert_int_equal(ac_buf_append(&b, ac_doc_explain(doc), strlen(ac_doc_explain(doc))), AC_OK);
    ac_doc_free(doc);
    char *s = strdup(b.data ? b.data : "");
    ac_buf_free(&b);
    return s;
}

/* The events of text as "SRC TGT CODE mood verb_text;" (malloc'd): what a
 * converted dictionary must reproduce (its file:line references differ). */
static char *code_events(const ac_dict *d, const char *date, const char *text, size_t *n)
{
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = "t";
    st.date = date;
    st.title = st.url = st.source = "";
    st.text = text;
    st.text_len = strlen(text);
    st.origin = "test";
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(d, &st, NULL, &doc, &err), AC_OK);
    ac_buf b = {0};
    ac_buf_append(&b, "", 0);
    for (size_t i = 0; i < ac_doc_event_count(doc); i++) {
        const ac_event *e = ac_doc_event(doc, i);
        char line[512];
        snprintf(line, sizeof line, "%s %s %s %s %s %s;", e->source, e->target, e->code,
                 ac_mood_name(e->mood), e->verb_text, e->pattern_text);
        ac_buf_append(&b, line, strlen(line));
    }
    if (n)
        *n = ac_doc_event_count(doc);
    ac_doc_free(doc);
    char *s = strdup(b.data);
    ac_buf_free(&b);
    return s;
}

/* ---- images of dict/ ------------------------------------------------------- */

static void dict_round_trip(void **state)
{
    (void)state;
    ac_dict *d = NULL;
    ac_error err;
    assert_int_equal(ac_dict_load_dir(ACCORD_SOURCE_DIR "/dict", NULL, NULL, &d, &err), AC_OK);
    const char *img1 = tmp_path("dict.img"), *img2 = tmp_path("dict2.img"), *img3 = tmp_path("dict3.img");
    assert_int_equal(ac_dict_save(d, img1, &err), AC_OK);
    assert_int_equal(ac_dict_is_image(img1), 1);
    ac_dict *im = NULL;
    assert_int_equal(ac_dict_open(img1, &im, &err), AC_OK);
    assert_non_null(im);

    ac_dict_stats a, b;
    ac_dict_get_stats(d, &a);
    ac_dict_get_stats(im, &b);
    assert_memory_equal(&a, &b, sizeof a);
    assert_true(a.patterns > 1000);

    for (int k = 0; k < 3; k++) {
        static const char *const DATES[] = {"2025-06-01", "2019-03-04", ""};
        char *x = code_bytes(d, DATES[k], NEWS), *y = code_bytes(im, DATES[k], NEWS);
        assert_string_equal(x, y);
        assert_non_null(strstr(x, "\"code\""));   /* events were coded */
        free(x);
        free(y);
    }
    const ac_cameo_info *ci = ac_cameo_lookup(im, "040");
    assert_non_null(ci);
    assert_string_equal(ci->code, "040");
    assert_null(ac_cameo_lookup(im, "9999"));

    /* Deterministic: the same dictionary saves to the same bytes. Complete:
     * the image of an image is the same file. */
    assert_int_equal(ac_dict_save(d, img2, &err), AC_OK);
    assert_int_equal(ac_dict_save(im, img3, &err), AC_OK);
    size_t n1, n2, n3;
    unsigned char *b1 = read_all(img1, &n1), *b2 = read_all(img2, &n2), *b3 = read_all(img3, &n3);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, n3);
    assert_memory_equal(b1, b2, n1);
    assert_memory_equal(b1, b3, n1);
    free(b1);
    free(b2);
    free(b3);

    /* Saving over an image that is open leaves the open one intact. */
    assert_int_equal(ac_dict_save(d, img1, &err), AC_OK);
    char *x = code_bytes(im, "2025-06-01", NEWS), *y = code_bytes(d, "2025-06-01", NEWS);
    assert_string_equal(x, y);
    free(x);
    free(y);

    ac_dict_free(im);
    ac_dict_free(d);
}

/* ---- refused images ----------------------------------------------------------- */

static unsigned char *tiny_image(size_t *len)
{
    ac_dict *d = build_text("tiny.txt", TINY, NULL);
    ac_error err;
    const char *p = tmp_path("tiny.img");
    assert_int_equal(ac_dict_save(d, p, &err), AC_OK);
    ac_dict_free(d);
    return read_all(p, len);
}

/* Writes data to a file, opens it, and checks it is refused with `status`
 * and a message containing `part`. */
static void refused(const void *data, size_t len, ac_status status, const char *part)
{
    const char *p = tmp_path("bad.img");
    write_all(p, data, len);
    ac_dict *d = (ac_dict *)1;
    ac_error err;
    memset(&err, 0, sizeof err);
    ac_status st = ac_dict_open(p, &d, &err);
    if (st != status || !strstr(err.msg, part))
        fail_msg("expected %s with '%s', got %s: %s", ac_status_name(status), part, ac_status_name(st),
                 err.msg);
    assert_null(d);
    assert_string_equal(err.file, p);
}

static void refused_images(void **state)
{
    (void)state;
    size_t len;
    unsigned char *img = tiny_image(&len);
    unsigned char *bad = malloc(len);
    assert_non_null(bad);
    img_header h;
    memcpy(&h, img, sizeof h);
    assert_int_equal(h.file_size, len);
    assert_true(len < 64 * 1024);

    /* The good one opens. */
    ac_dict *d = NULL;
    ac_error err;
    assert_int_equal(ac_dict_open(tmp_path("tiny.img"), &d, &err), AC_OK);
    ac_dict_free(d);

    memcpy(bad, img, len);
    bad[len - 3] ^= 0x40;                     /* a byte of the CAMEO table */
    refused(bad, len, AC_EDICT, "checksum");
    refused(img, len - 1, AC_EDICT, "truncated");
    refused(img, 100, AC_EDICT, "truncated");
    refused(img, 4, AC_EDICT, "not a dictionary image");
    refused(img, 0, AC_EDICT, "not a dictionary image");
    refused(TINY, strlen(TINY), AC_EDICT, "not a dictionary image");

    memcpy(bad, img, len);
    ((img_header *)bad)->version = IMG_VERSION + 1;
    refused(bad, len, AC_EDICT, "format version");
    memcpy(bad, img, len);
    ((img_header *)bad)->endian = 0x04030201u;
    refused(bad, len, AC_EDICT, "byte order");
    memcpy(bad, img, len);
    ((img_header *)bad)->ptr_size = sizeof(void *) == 8 ? 4 : 8;
    refused(bad, len, AC_EDICT, "-bit");
    memcpy(bad, img, len);
    ((img_header *)bad)->layout ^= 1;
    refused(bad, len, AC_EDICT, "layout");
    memcpy(bad, img, len);
    ((img_header *)bad)->file_size = len + 16;
    refused(bad, len, AC_EDICT, "truncated");

    d = (ac_dict *)1;
    assert_int_equal(ac_dict_open(tmp_path("absent.img"), &d, &err), AC_EIO);
    assert_null(d);
    assert_int_equal(ac_dict_is_image(tmp_path("absent.img")), 0);
    assert_int_equal(ac_dict_is_image(tmpdir), 0);
    write_all(tmp_path("text.txt"), TINY, strlen(TINY));
    assert_int_equal(ac_dict_is_image(tmp_path("text.txt")), 0);
    assert_int_equal(ac_dict_is_image(tmp_path("tiny.img")), 1);
    assert_int_equal(ac_dict_image_verify(tmp_path("tiny.img"), &err), AC_OK);
    free(bad);
    free(img);
}

/* Structural damage behind a good header, opened without the checksum (as
 * the fuzz target does): every one is refused, and no mutation crashes. */
static void structure_checked(void **state)
{
    (void)state;
    size_t len;
    unsigned char *img = tiny_image(&len);
    unsigned char *bad = malloc(len);
    assert_non_null(bad);
    img_header h;
    memcpy(&h, img, sizeof h);
    ac_dict *d = NULL;
    ac_error err;
    assert_int_equal(ac_dict_open_mem(img, len, AC_IMAGE_NO_CHECKSUM, "tiny", &d, &err), AC_OK);
    ac_dict_free(d);

#define EXPECT_REFUSED(part) \
    do { \
        d = NULL; \
        assert_int_equal(ac_dict_open_mem(bad, len, AC_IMAGE_NO_CHECKSUM, "bad", &d, &err), AC_EDICT); \
        assert_null(d); \
        if (!strstr(err.msg, part)) \
            fail_msg("expected '%s' in: %s", part, err.msg); \
    } while (0)

    img_header *bh = (img_header *)bad;
    memcpy(bad, img, len);
    bh->sec[S_WORDS].off = bh->sec[S_STRINGS].off;              /* overlap */
    EXPECT_REFUSED("overlap");
    memcpy(bad, img, len);
    bh->sec[S_TERMS].count = len;                                /* beyond the end */
    EXPECT_REFUSED("out of the file");
    memcpy(bad, img, len);
    bh->sec[S_PATTERNS].off += 8;                                /* misaligned */
    EXPECT_REFUSED("out of the file");
    memcpy(bad, img, len);
    bad[h.sec[S_STRINGS].off + h.sec[S_STRINGS].count - 1] = 'x';
    EXPECT_REFUSED("not terminated");
    memcpy(bad, img, len);
    ((ac_word *)(bad + h.sec[S_WORDS].off))[3].base = (uint32_t)h.sec[S_WORDS].count;
    EXPECT_REFUSED("word 3");
    memcpy(bad, img, len);
    ((ac_term *)(bad + h.sec[S_TERMS].off))[2].nwords += 1;      /* longer than its trie depth */
    EXPECT_REFUSED("term 2");
    memcpy(bad, img, len);
    ac_pattern *pt = (ac_pattern *)(bad + h.sec[S_PATTERNS].off);
    pt[0].npre = (uint16_t)(h.sec[S_ELEMS].count + 1);
    EXPECT_REFUSED("pattern 0");
    memcpy(bad, img, len);
    ac_cameo_info *cm = (ac_cameo_info *)(bad + h.sec[S_CAMEO].off);
    ac_cameo_info t = cm[0];
    cm[0] = cm[1];
    cm[1] = t;                                                   /* unsorted */
    EXPECT_REFUSED("CAMEO");
    memcpy(bad, img, len);
    bh->sec[S_HEAD_LISTS].count = 0;                             /* heads point past it */
    EXPECT_REFUSED("head values");
    memcpy(bad, img, len);
    uint64_t *keys = (uint64_t *)(bad + h.sec[S_VOCAB_KEYS].off);
    for (uint64_t i = 0; i < h.sec[S_VOCAB_KEYS].count; i++)
        keys[i] |= 1;                                            /* no empty slot */
    EXPECT_REFUSED("table full");

    /* Mutations: one to three bytes changed, 3000 times; an image that
     * still opens is used. */
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    size_t opened = 0;
    for (int k = 0; k < 3000; k++) {
        memcpy(bad, img, len);
        for (int m = 0; m <= k % 3; m++) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            size_t at = (size_t)(rng % len);
            bad[at] = (unsigned char)(rng >> 40);
        }
        d = NULL;
        if (ac_dict_open_mem(bad, len, AC_IMAGE_NO_CHECKSUM, "mutant", &d, &err) == AC_OK) {
            opened++;
            free(code_bytes(d, "2011-01-01", TINY_TEXT));
            ac_dict_free(d);
        } else {
            assert_null(d);
            assert_true(err.msg[0] != '\0');
        }
    }
    print_message("mutants: %zu of 3000 opened\n", opened);
    free(bad);
    free(img);
}

/* ---- conversion ---------------------------------------------------------------- */

static char *write_builder(const ac_dict_builder *b)
{
    ac_buf out = {0};
    ac_error err;
    assert_int_equal(ac_dict_builder_write(b, &out, &err), AC_OK);
    char *s = strdup(out.data ? out.data : "");
    ac_buf_free(&out);
    return s;
}

static char *convert_text(const char *name, const char *text, size_t *warnings)
{
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    size_t dummy = 0;
    ac_dict_builder_set_diag(b, count_diag, warnings ? warnings : &dummy);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text(b, name, text, strlen(text), &err), AC_OK);
    char *s = write_builder(b);
    ac_dict_builder_free(b);
    return s;
}

static void convert_small(void **state)
{
    (void)state;
    size_t warnings = 0;
    char *once = convert_text("tiny.txt", TINY, &warnings);
    assert_int_equal(warnings, 0);
    static const char *const EXPECTED[] = {
        "\n@kind cameo\n04 | 1 | 1 | CONSULT | Consult\n",
        "17 | -5 | 3 | NONE | Coerce\n",
        "\n@kind country\nKazakhstan | Kazakh | Astana = KAZ\n",
        "Republic of Testland, North = TST\n",
        "Pat Example | Example = KAZGOV [2010-01-01..2012-12-31], KAZELI\n",
        "Sam Later = ISRGOV [..2001-12-31], ISRMIL [2002-01-01..]\n",
        "\n@kind agent\npresident | foreign minister = GOV\n@plurals off\nrebels = REB~\n",
        "\n@kind discard\nfootball match | cup final\n",
        "\n@kind issue\n@caps none\noil price = ECONOMY\n",
        "\n@kind irregular\nmeet met met meets meeting\n",
        "\n@kind set\nDEAL = agreement | deal | trade pact\n",
        "\n@kind verb\n040  *meet +\n040  *meet with +\n040  *hold ^ talks with +\n"
        "057  *sign &DEAL with +\n"
        "042:043  *travel to +\n:173  *appear before court in +\n",
    };
    for (size_t i = 0; i < sizeof EXPECTED / sizeof EXPECTED[0]; i++)
        if (!strstr(once, EXPECTED[i]))
            fail_msg("missing from the converted text:\n%s\n--- text:\n%s", EXPECTED[i], once);
    /* Read back, it writes the same text. */
    char *twice = convert_text("tiny.txt", once, &warnings);
    assert_int_equal(warnings, 0);
    assert_string_equal(once, twice);

    /* And codes the same events. */
    ac_dict *a = build_text("tiny.txt", TINY, NULL), *b = build_text("conv.txt", once, NULL);
    for (int k = 0; k < 2; k++) {
        const char *date = k ? "2011-06-01" : "2020-01-01";
        size_t n = 0;
        char *x = code_events(a, date, TINY_TEXT, &n), *y = code_events(b, date, TINY_TEXT, NULL);
        assert_string_equal(x, y);
        assert_true(n >= 2);
        free(x);
        free(y);
    }
    ac_dict_free(a);
    ac_dict_free(b);
    free(once);
    free(twice);
}

/* What the format cannot hold is skipped as a comment and reported. */
static void convert_unwritable(void **state)
{
    (void)state;
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    size_t warnings = 0;
    ac_dict_builder_set_diag(b, count_diag, &warnings);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text(b, "tiny.txt", TINY, strlen(TINY), &err), AC_OK);
    /* Names as a community loader could give them. */
    bactor *a = ac_vec_at(&b->actors, 0);
    a->names[1] = "Kazakh # republic";
    bactor *isr = ac_vec_at(&b->actors, 1);
    size_t isr_names = isr->nnames;
    for (size_t k = 0; k < isr_names; k++)
        isr->names[k] = "A|B";
    bpattern *p = ac_vec_at(&b->patterns, 0);
    p->text = "*meet # +";
    char *s = write_builder(b);
    ac_dict_builder_free(b);
    assert_non_null(strstr(s, "# skipped (unwritable name): Kazakh # republic\n"));
    assert_non_null(strstr(s, "# skipped (unwritable name): A|B\n"));
    assert_non_null(strstr(s, "# skipped (unwritable pattern): 040  *meet # +\n"));
    assert_non_null(strstr(s, "Kazakhstan | Astana = KAZ\n"));
    assert_null(strstr(s, "= ISR\n"));
    assert_int_equal(warnings, 2 + isr_names);
    /* The rest still reads back without a bad line. */
    size_t w2 = 0;
    ac_dict *d = build_text("conv.txt", s, &w2);
    assert_int_equal(w2, 0);
    ac_dict_free(d);
    free(s);
}

static void convert_dict_dir(void **state)
{
    (void)state;
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_dir(b, ACCORD_SOURCE_DIR "/dict", &err), AC_OK);
    char *text = write_builder(b);
    ac_dict *orig = NULL;
    assert_int_equal(ac_dict_build(b, &orig, &err), AC_OK);
    size_t warnings = 0;
    ac_dict *conv = build_text("dict.txt", text, &warnings);
    assert_int_equal(warnings, 0);
    ac_dict_stats x, y;
    ac_dict_get_stats(orig, &x);
    ac_dict_get_stats(conv, &y);
    assert_int_equal(x.patterns, y.patterns);
    assert_int_equal(x.actor_names, y.actor_names);
    assert_int_equal(x.agent_names, y.agent_names);
    assert_int_equal(x.words, y.words);
    size_t n = 0;
    char *e1 = code_events(orig, "2025-06-01", NEWS, &n), *e2 = code_events(conv, "2025-06-01", NEWS, NULL);
    assert_string_equal(e1, e2);
    assert_true(n >= 5);
    free(e1);
    free(e2);
    ac_dict_free(orig);
    ac_dict_free(conv);
    free(text);
}

/* The <Text> of each <Sentence> of a PETRARCH XML file, joined into one
 * story (read at run time from ../shared; nothing of it is copied here). */
static char *petr_sentences(const char *path, size_t max)
{
    size_t len;
    unsigned char *xml = read_all(path, &len);
    xml[len] = '\0';
    ac_buf out = {0};
    ac_buf_append(&out, "", 0);
    const char *p = (const char *)xml;
    size_t n = 0;
    while (n < max && (p = strstr(p, "<Text>"))) {
        p += 6;
        const char *e = strstr(p, "</Text>");
        if (!e)
            break;
        for (const char *q = p; q < e; q++)
            ac_buf_append(&out, *q == '\n' ? " " : q, 1);
        ac_buf_append(&out, " ", 1);
        p = e;
        n++;
    }
    free(xml);
    char *s = strdup(out.data);
    ac_buf_free(&out);
    return s;
}

static void convert_petr_validate(void **state)
{
    (void)state;
    const char *dir = ACCORD_SHARED_DIR "/data/petrarch2-dictionaries";
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        print_message("SKIP: ../shared not found\n");
        skip();
    }
    static const char *const FILES[] = {"PETR.Validate.verbs.txt", "PETR.Validate.actors.txt",
                                        "PETR.Validate.agents.txt", "PETR.Validate.discards.txt"};
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    size_t warnings = 0;
    ac_dict_builder_set_diag(b, count_diag, &warnings);
    ac_error err;
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        assert_int_equal(ac_dict_builder_add_source(b, path, AC_DICT_AUTO, NULL, &err), AC_OK);
    }
    assert_int_equal(ac_dict_builder_add_base(b, &err), AC_OK);
    if (b->patterns.len == 0 || b->actors.len == 0) {
        print_message("SKIP: the PETRARCH loaders read nothing yet\n");
        ac_dict_builder_free(b);
        skip();
    }
    char *text = write_builder(b);
    ac_dict *orig = NULL;
    assert_int_equal(ac_dict_build(b, &orig, &err), AC_OK);
    ac_dict *conv = build_text("petr-validate.txt", text, NULL);
    ac_dict_stats x, y;
    ac_dict_get_stats(orig, &x);
    ac_dict_get_stats(conv, &y);
    /* Patterns with codes accord's format does not take (075A) are written
     * as '# skipped' comments; everything else comes through. */
    size_t skipped_patterns = 0;
    for (const char *p = text; (p = strstr(p, "# skipped (unwritable pattern)")); p++)
        skipped_patterns++;
    assert_int_equal(x.patterns, y.patterns + skipped_patterns);
    assert_true(skipped_patterns < 5);
    assert_int_equal(x.agents, y.agents);
    assert_int_equal(x.agent_names, y.agent_names);

    char *news = petr_sentences(ACCORD_SHARED_DIR "/data/petrarch2-validation/GigaWord.sample.PETR.xml",
                                200);
    size_t n = 0;
    char *e1 = code_events(orig, "2008-08-06", news, &n), *e2 = code_events(conv, "2008-08-06", news, NULL);
    assert_string_equal(e1, e2);
    print_message("PETR.Validate converted: %zu patterns, %zu events on the GigaWord sample, same "
                  "with both\n", x.patterns, n);
    free(e1);
    free(e2);
    free(news);
    ac_dict_free(orig);
    ac_dict_free(conv);
    free(text);
}

/* ---- set-up ------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const FILES[] = {"dict.img", "dict2.img", "dict3.img", "tiny.img", "bad.img",
                                        "text.txt"};
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++)
        unlink(tmp_path(FILES[i]));
    return rmdir(tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dict_round_trip),
        cmocka_unit_test(refused_images),
        cmocka_unit_test(structure_checked),
        cmocka_unit_test(convert_small),
        cmocka_unit_test(convert_unwritable),
        cmocka_unit_test(convert_dict_dir),
        cmocka_unit_test(convert_petr_validate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
