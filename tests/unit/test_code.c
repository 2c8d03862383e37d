/*
 * test_code.c -- end-to-end coding with a dictionary built in memory: the
 * events of a few sentences, their moods, the fields of an event (pattern
 * file:line included), the stages, and the writers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "accord.h"

static const char DICT[] =
    "@kind country\n"                                                         /* 1 */
    "Kazakhstan | Kazakh | Astana = KAZ\n"                                    /* 2 */
    "Israel | Israeli = ISR\n"                                                /* 3 */
    "Russia | Russian = RUS\n"                                                /* 4 */
    "Ukraine | Ukrainian = UKR\n"                                             /* 5 */
    "@kind agent\n"                                                           /* 6 */
    "president | foreign minister = GOV\n"                                    /* 7 */
    "@kind agreement\n"                                                       /* 8 */
    "Abraham Accords = ABRAHAM_ACCORDS\n"                                     /* 9 */
    "@kind irregular\n"                                                       /* 10 */
    "meet met met\n"                                                          /* 11 */
    "@kind verb\n"                                                            /* 12 */
    "040  *meet +\n"                                                          /* 13 */
    "051  *praise +\n"                                                        /* 14 */
    "057  *join +\n"                                                          /* 15 */
    "040  *talks between +\n"                                                 /* 16 */
    "@kind cameo\n"                                                           /* 17 */
    "03 | 4.0 | 1 | AGREE | Express intent to cooperate\n"
    "030 | 4.0 | 1 | AGREE | Express intent to cooperate\n"
    "036 | 4.0 | 1 | AGREE | Express intent to meet or negotiate\n"
    "04 | 1.0 | 1 | CONSULT | Consult\n"
    "040 | 1.0 | 1 | CONSULT | Consult\n"
    "05 | 3.5 | 1 | COOPERATE | Engage in diplomatic cooperation\n"
    "051 | 3.4 | 1 | COOPERATE | Praise or endorse\n"
    "057 | 8.0 | 1 | AGREE | Sign formal agreement\n"
    "12 | -4.0 | 3 | REJECT | Reject\n"
    "125 | -5.0 | 3 | REJECT | Reject proposal to meet\n"
    "127 | -5.0 | 3 | REJECT | Reject plan or agreement\n";

static ac_dict *dict;

static int group_setup(void **state)
{
    (void)state;
    ac_dict_builder *b = ac_dict_builder_new();
    ac_error err;
    if (!b || ac_dict_builder_add_text(b, "mem.txt", DICT, strlen(DICT), &err) != AC_OK)
        return -1;
    return ac_dict_build(b, &dict, &err) == AC_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    ac_dict_free(dict);
    return 0;
}

static ac_story story(const char *text, const char *date)
{
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = "s1";
    st.date = date;
    st.title = st.url = st.source = "";
    st.text = text;
    st.text_len = strlen(text);
    st.origin = "test";
    return st;
}

static ac_doc *run(const char *text, const ac_code_options *opt)
{
    ac_story st = story(text, "2025-06-01");
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(dict, &st, opt, &doc, &err), AC_OK);
    assert_non_null(doc);
    return doc;
}

/* "SRC TGT CODE mood;" for each event of text. */
static const char *events(const char *text)
{
    static char out[1024];
    ac_doc *doc = run(text, NULL);
    out[0] = '\0';
    for (size_t i = 0; i < ac_doc_event_count(doc); i++) {
        const ac_event *e = ac_doc_event(doc, i);
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s %s %s %s;", e->source, e->target, e->code,
                 ac_mood_name(e->mood));
    }
    ac_doc_free(doc);
    return out;
}

/* ---- events and moods -------------------------------------------------------- */

static void simple_sentences(void **state)
{
    (void)state;
    assert_string_equal(events("Kazakhstan met Israel."), "KAZ ISR 040 done;");
    assert_string_equal(events("The Kazakh president praised Israel."), "KAZGOV ISR 051 done;");
    assert_string_equal(events("Israel's foreign minister met Kazakhstan's president."), "ISRGOV KAZGOV 040 done;");
    assert_string_equal(events("Russia and Ukraine praised Israel."), "RUS ISR 051 done;UKR ISR 051 done;");
    assert_string_equal(events("Israel was praised by Kazakhstan."), "KAZ ISR 051 done;");
    assert_string_equal(events("Kazakhstan joined the Abraham Accords."), "KAZ ABRAHAM_ACCORDS 057 done;");
    /* nothing to code */
    assert_string_equal(events("The weather in Astana was fine."), "");
    assert_string_equal(events(""), "");
}

static void moods(void **state)
{
    (void)state;
    assert_string_equal(events("Kazakhstan will join the Abraham Accords."), "KAZ ABRAHAM_ACCORDS 030 future;");
    assert_string_equal(events("Kazakhstan plans to join the Abraham Accords."), "KAZ ABRAHAM_ACCORDS 030 intent;");
    assert_string_equal(events("Kazakhstan intends to meet Israel."), "KAZ ISR 036 intent;");
    assert_string_equal(events("Kazakhstan is expected to meet Israel."), "KAZ ISR 036 future;");
    assert_string_equal(events("Kazakhstan could join the Abraham Accords."), "KAZ ABRAHAM_ACCORDS 030 conditional;");
    assert_string_equal(events("Kazakhstan did not meet Israel."), "");
    assert_string_equal(events("Kazakhstan never met Israel."), "");
    assert_string_equal(events("Kazakhstan didn't meet Israel."), "");
    assert_string_equal(events("Russia refused to meet Ukraine."), "RUS UKR 125 done;");
    assert_string_equal(events("Russia failed to meet Ukraine."), "");
    /* a code with no intent counterpart keeps its meaning, with the mood */
    assert_string_equal(events("Russia will praise Ukraine."), "RUS UKR 051 future;");

    assert_string_equal(ac_mood_name(AC_MOOD_DONE), "done");
    assert_string_equal(ac_mood_name(AC_MOOD_INTENT), "intent");
    assert_string_equal(ac_mood_name(AC_MOOD_FUTURE), "future");
    assert_string_equal(ac_mood_name(AC_MOOD_CONDITIONAL), "conditional");
}

static void event_noun_pairs(void **state)
{
    (void)state;
    /* no source, several targets: every pair both ways */
    assert_string_equal(events("Officials welcomed the talks between Russia and Ukraine."),
                        "RUS UKR 040 done;UKR RUS 040 done;");
}

/* ---- the fields of an event --------------------------------------------------- */

static void event_fields(void **state)
{
    (void)state;
    ac_doc *doc = run("Heavy rain fell. The Kazakh president will meet Israel's foreign minister.", NULL);
    assert_int_equal(ac_doc_sentence_count(doc), 2);
    assert_int_equal(ac_doc_event_count(doc), 1);
    const ac_event *e = ac_doc_event(doc, 0);
    assert_int_equal(e->sentence_id, 1);
    assert_string_equal(e->source, "KAZGOV");
    assert_string_equal(e->target, "ISRGOV");
    assert_string_equal(e->source_text, "Kazakh president");
    assert_string_equal(e->target_text, "Israel's foreign minister");
    assert_string_equal(e->code, "036");
    assert_string_equal(e->root, "03");
    assert_int_equal(e->quad, 1);
    assert_true(e->goldstein > 3.99 && e->goldstein < 4.01);
    assert_string_equal(e->plover, "AGREE");
    assert_int_equal(e->mood, AC_MOOD_FUTURE);
    assert_string_equal(e->verb_text, "will meet");
    /* the dictionary line that fired: name given to add_text, line 13 */
    assert_string_equal(e->pattern, "mem.txt:13");
    assert_string_equal(e->pattern_text, "*meet +");

    const ac_sentence *s = ac_doc_sentence(doc, 1);
    assert_non_null(s);
    const char *text = ac_doc_text(doc);
    assert_int_equal(ac_doc_text_len(doc), strlen(text));
    assert_memory_equal(text + s->start, "The Kazakh president", 20);
    assert_true(s->start + s->len <= ac_doc_text_len(doc));
    assert_int_equal(ac_doc_token_count(doc), 14);
    /* no explanation unless asked */
    assert_string_equal(ac_doc_explain(doc), "");
    ac_doc_free(doc);
}

static void normalised_text(void **state)
{
    (void)state;
    ac_doc *doc = run("Kazakhstan\xE2\x80\x99s president \xE2\x80\x9Cmet\xE2\x80\x9D Israel.", NULL);
    assert_string_equal(ac_doc_text(doc), "Kazakhstan's president \"met\" Israel.");
    ac_doc_free(doc);
}

static void explain_and_stages(void **state)
{
    (void)state;
    ac_code_options opt = {.flags = AC_CODE_EXPLAIN};
    ac_doc *doc = run("Kazakhstan met Israel.", &opt);
    const char *ex = ac_doc_explain(doc);
    assert_non_null(strstr(ex, "Kazakhstan"));
    assert_non_null(strstr(ex, "mem.txt:13"));
    assert_int_equal(ac_doc_event_count(doc), 1);
    ac_doc_free(doc);

    /* earlier stages stop before events */
    const ac_stage stages[] = {AC_STAGE_TOKENIZE, AC_STAGE_SPLIT, AC_STAGE_MATCH};
    for (size_t i = 0; i < 3; i++) {
        ac_code_options o = {.stop_after = stages[i]};
        doc = run("Kazakhstan met Israel. Russia met Ukraine.", &o);
        assert_int_equal(ac_doc_event_count(doc), 0);
        assert_true(ac_doc_token_count(doc) > 0);
        if (stages[i] >= AC_STAGE_SPLIT)
            assert_int_equal(ac_doc_sentence_count(doc), 2);
        ac_doc_free(doc);
    }
    ac_doc_free(NULL);
}

static void dates(void **state)
{
    (void)state;
    /* a story without a date codes with the undated codes */
    ac_story st = story("Kazakhstan met Israel.", "");
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(dict, &st, NULL, &doc, &err), AC_OK);
    assert_int_equal(ac_doc_event_count(doc), 1);
    ac_doc_free(doc);
}

/* ---- writers ------------------------------------------------------------------- */

static void writers(void **state)
{
    (void)state;
    ac_story st = story("Kazakhstan met \"Israel\".", "2025-06-01");
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(dict, &st, NULL, &doc, &err), AC_OK);
    ac_buf b = {0};
    assert_int_equal(ac_write_events(doc, &st, AC_OUT_JSON, &b), AC_OK);
    assert_non_null(strstr(b.data, "\"source\":\"KAZ\""));
    assert_non_null(strstr(b.data, "\"target\":\"ISR\""));
    assert_non_null(strstr(b.data, "\"pattern\":\"mem.txt:13\""));
    assert_non_null(strstr(b.data, "\\\"Israel\\\""));       /* the sentence, escaped */
    assert_int_equal(b.data[b.len - 1], '\n');
    ac_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(ac_write_events(doc, &st, AC_OUT_TSV, &b), AC_OK);
    assert_memory_equal(b.data, "20250601\tKAZ\tISR\t040\t", 20);
    ac_buf_reset(&b);
    assert_int_equal(ac_write_events(doc, &st, AC_OUT_PLOVER, &b), AC_OK);
    assert_non_null(strstr(b.data, "CONSULT"));
    ac_buf_free(&b);
    ac_doc_free(doc);

    ac_buf j = {0};
    assert_int_equal(ac_json_escape(&j, "a\"b\\c\n\x01", 7), AC_OK);
    assert_string_equal(j.data, "\"a\\\"b\\\\c\\n\\u0001\"");
    ac_buf_free(&j);
    ac_buf_free(&j);                       /* a freed buffer may be freed again */

    assert_string_equal(ac_status_name(AC_OK), "AC_OK");
    assert_string_equal(ac_status_name(AC_EPARSE), "AC_EPARSE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simple_sentences),
        cmocka_unit_test(moods),
        cmocka_unit_test(event_noun_pairs),
        cmocka_unit_test(event_fields),
        cmocka_unit_test(normalised_text),
        cmocka_unit_test(explain_and_stages),
        cmocka_unit_test(dates),
        cmocka_unit_test(writers),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
