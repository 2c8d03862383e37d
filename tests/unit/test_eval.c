/*
 * test_eval.c -- ac_eval_*: gold files in both formats, the figures they
 * give with a tiny in-memory dictionary, and the CSV reader.
 *
 * The dictionary knows three countries and two verb patterns (036 meet with,
 * 042 visit). tests/eval/small.jsonl is coded with it; the comments below
 * give, record by record, where each count comes from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "accord.h"
#include "eval/eval.h"

static const char DICT[] =
    "@kind cameo\n"
    "03   | 4.0 | 1 | AGREE   | intent to cooperate\n"
    "036  | 4.0 | 1 | CONSULT | intent to meet\n"
    "04   | 1.0 | 1 | CONSULT | consult\n"
    "042  | 1.9 | 1 | CONSULT | make a visit\n"
    "@kind country\n"
    "Kazakhstan | Kazakh = KAZ\n"
    "Israel | Israeli = ISR\n"
    "France | French = FRA\n"
    "@kind irregular\n"
    "meet met met meets meeting\n"
    "@kind verb\n"
    "036  *meet with +\n"
    "042  *visit +\n";

static ac_dict *tiny_dict(void)
{
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    assert_int_equal(ac_dict_builder_add_text(b, "tiny.txt", DICT, sizeof DICT - 1, NULL), AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, NULL), AC_OK);
    return d;
}

/* Remembers the lines of the warnings it gets. */
typedef struct seen {
    size_t n;
    uint64_t lines[8];
} seen;

static void on_diag(void *ctx, const ac_error *e)
{
    seen *s = ctx;
    if (s->n < 8)
        s->lines[s->n] = e->line;
    s->n++;
}

static const ac_eval_record *find(const ac_eval *ev, const char *id)
{
    for (size_t i = 0; i < ac_eval_record_count(ev); i++)
        if (strcmp(ac_eval_record_at(ev, i)->id, id) == 0)
            return ac_eval_record_at(ev, i);
    fail_msg("no record %s", id);
    return NULL;
}

static void test_small_gold(void **state)
{
    (void)state;
    ac_dict *d = tiny_dict();
    ac_eval *ev = ac_eval_new();
    seen s = {0};
    ac_eval_set_diag(ev, on_diag, &s);
    ac_error err;
    assert_int_equal(ac_eval_add_file(ev, ACCORD_SOURCE_DIR "/tests/eval/small.jsonl", &err), AC_OK);
    /* Three malformed lines: no text (8), code 999 (10), not JSON (12). */
    assert_int_equal(s.n, 3);
    assert_int_equal(s.lines[0], 8);
    assert_int_equal(s.lines[1], 10);
    assert_int_equal(s.lines[2], 12);
    assert_int_equal(ac_eval_record_count(ev), 8);
    assert_int_equal(ac_eval_run(ev, d, NULL, &err), AC_OK);

    ac_eval_scores sc;
    ac_eval_get_scores(ev, &sc);
    assert_int_equal(sc.files, 1);
    assert_int_equal(sc.records, 8);
    assert_int_equal(sc.bad_lines, 3);
    assert_int_equal(sc.code_errors, 0);

    /* Triples, over the 7 labelled records (r1-r6, r8; "7" has no actors):
     * r1, r2 right; r3 reversed (fp + fn); r4 nothing (fn); r5 right, empty;
     * r6 an event where none is expected (fp); r8 one of two (tp + fn). */
    assert_int_equal(sc.labelled, 7);
    assert_int_equal(sc.triples.tp, 3);
    assert_int_equal(sc.triples.fp, 2);
    assert_int_equal(sc.triples.fn, 3);
    assert_float_equal(sc.triples.precision, 3.0 / 5, 1e-9);
    assert_float_equal(sc.triples.recall, 3.0 / 6, 1e-9);
    assert_float_equal(sc.triples.f1, 2 * 0.6 * 0.5 / 1.1, 1e-9);
    assert_int_equal(sc.exact, 3);
    assert_float_equal(sc.exact_rate, 3.0 / 7, 1e-9);

    /* Codes, over all 8: r3's code is right; "7" (042) is right. */
    assert_int_equal(sc.codes.tp, 5);
    assert_int_equal(sc.codes.fp, 1);
    assert_int_equal(sc.codes.fn, 2);
    assert_float_equal(sc.codes.precision, 5.0 / 6, 1e-9);
    assert_float_equal(sc.codes.recall, 5.0 / 7, 1e-9);

    assert_int_equal(sc.with_expected, 6);
    assert_int_equal(sc.root_hits, 5);
    assert_int_equal(sc.covered, 5);
    assert_float_equal(sc.root_accuracy, 5.0 / 6, 1e-9);
    assert_int_equal(sc.without_expected, 2);
    assert_int_equal(sc.false_alarms, 1);
    assert_int_equal(sc.passed, 4);

    /* Confusion: r1, r3 (03 -> 03), r2, "7" (04 -> 04), r4 (05 -> none);
     * r8 has two expected codes and is left out. */
    assert_int_equal(sc.confusion[2][2], 2);
    assert_int_equal(sc.confusion[3][3], 2);
    assert_int_equal(sc.confusion[4][AC_EVAL_ROOTS], 1);
    size_t total = 0;
    for (int r = 0; r < AC_EVAL_ROOTS; r++)
        for (int c = 0; c <= AC_EVAL_ROOTS; c++)
            total += sc.confusion[r][c];
    assert_int_equal(total, 5);

    /* Records keep what was expected and produced. */
    const ac_eval_record *r3 = find(ev, "r3");
    assert_false(r3->pass);
    assert_int_equal(r3->nproduced, 1);
    assert_string_equal(r3->produced[0].source, "ISR");
    assert_string_equal(r3->produced[0].target, "FRA");
    assert_string_equal(r3->produced[0].code, "036");
    const ac_eval_record *r8 = find(ev, "r8");
    assert_int_equal(r8->nexpected, 2);   /* the duplicate triple is dropped */
    assert_string_equal(r8->date, "2024-05-02");
    const ac_eval_record *r7 = find(ev, "7");
    assert_false(r7->labelled);
    assert_true(r7->pass);
    assert_string_equal(r7->expected[0].source, "");
    assert_true(find(ev, "r5")->pass);
    assert_false(find(ev, "r6")->pass);

    /* A second run gives the same figures, not twice the counts. */
    assert_int_equal(ac_eval_run(ev, d, NULL, &err), AC_OK);
    ac_eval_scores again;
    ac_eval_get_scores(ev, &again);
    assert_memory_equal(&sc, &again, sizeof sc);

    ac_eval_free(ev);
    ac_dict_free(d);
}

static const char CODEBOOK[] =
    "code,level,root_code,base_code,name,goldstein,quad_class,description,usage_notes,example\r\n"
    "04,0,04,,CONSULT,1,1,,,\r\n"
    "042,1,04,042,\"Make a visit, go to\",1.9,1,\"Travel to another \"\"place\"\"\",,"
    "\"Kazakhstan visited France. Note: one event, 042.\"\r\n"
    "036,1,03,036,Meet,4,1,\"two\nlines\",,\"Israel met with France, officials said.\"\r\n"
    "0311,1,03,,too few fields\r\n"
    "10,1,10,,Demand,-5,3,,,Israel demanded an apology from France.\r\n";

static void test_codebook(void **state)
{
    (void)state;
    ac_dict *d = tiny_dict();
    ac_eval *ev = ac_eval_new();
    seen s = {0};
    ac_eval_set_diag(ev, on_diag, &s);
    ac_error err;
    assert_int_equal(ac_eval_add_text(ev, "codes.csv", CODEBOOK, sizeof CODEBOOK - 1, &err), AC_OK);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.lines[0], 6);   /* the row after a two-line field */
    assert_int_equal(ac_eval_record_count(ev), 3);
    assert_string_equal(ac_eval_record_at(ev, 0)->text, "Kazakhstan visited France.");
    const ac_eval_record *r = ac_eval_record_at(ev, 1);
    assert_string_equal(r->id, "036");
    assert_int_equal(r->line, 4);
    assert_string_equal(r->date, "");
    assert_string_equal(r->text, "Israel met with France, officials said.");
    assert_false(r->labelled);
    assert_int_equal(r->nexpected, 1);
    assert_string_equal(r->expected[0].code, "036");

    assert_int_equal(ac_eval_run(ev, d, NULL, &err), AC_OK);
    ac_eval_scores sc;
    ac_eval_get_scores(ev, &sc);
    assert_int_equal(sc.labelled, 0);
    assert_int_equal(sc.triples.tp + sc.triples.fp + sc.triples.fn, 0);
    /* 042 and 036 are coded; "demanded" has no pattern. */
    assert_int_equal(sc.codes.tp, 2);
    assert_int_equal(sc.codes.fp, 0);
    assert_int_equal(sc.codes.fn, 1);
    assert_float_equal(sc.codes.precision, 1.0, 1e-9);
    assert_float_equal(sc.codes.recall, 2.0 / 3, 1e-9);
    assert_float_equal(sc.coverage, 2.0 / 3, 1e-9);
    assert_int_equal(sc.confusion[9][AC_EVAL_ROOTS], 1);
    assert_int_equal(sc.passed, 2);
    ac_eval_free(ev);
    ac_dict_free(d);
}

static void test_bad_files(void **state)
{
    (void)state;
    ac_eval *ev = ac_eval_new();
    ac_error err;
    assert_int_equal(ac_eval_add_file(ev, ACCORD_SOURCE_DIR "/tests/eval/no-such-file", &err), AC_EIO);
    const char csv[] = "a,b,c\n1,2,3\n";
    assert_int_equal(ac_eval_add_text(ev, "other.csv", csv, sizeof csv - 1, &err), AC_EPARSE);
    assert_int_equal(err.line, 1);
    /* Actors on one event but not on another; a date that is not a date;
     * a source without a target; text after the object. */
    const char jl[] =
        "{\"text\": \"x\", \"events\": [{\"code\": \"01\"}, {\"source\": \"A\", \"target\": \"B\", \"code\": \"01\"}]}\n"
        "{\"text\": \"x\", \"date\": \"May 2024\", \"events\": []}\n"
        "{\"text\": \"x\", \"events\": [{\"source\": \"A\", \"code\": \"01\"}]}\n"
        "{\"text\": \"x\", \"events\": []} and more\n"
        "{\"text\": \"x\", \"events\": []}\n";
    assert_int_equal(ac_eval_add_text(ev, "g.jsonl", jl, sizeof jl - 1, &err), AC_OK);
    ac_eval_scores sc;
    ac_eval_get_scores(ev, &sc);
    assert_int_equal(sc.bad_lines, 4);
    assert_int_equal(sc.records, 1);
    assert_string_equal(ac_eval_record_at(ev, 0)->id, "g.jsonl:5");
    assert_int_equal(ac_eval_code_root("0311"), 3);
    assert_int_equal(ac_eval_code_root("20"), 20);
    assert_int_equal(ac_eval_code_root("21"), 0);
    assert_int_equal(ac_eval_code_root("00"), 0);
    assert_int_equal(ac_eval_code_root("1"), 0);
    assert_int_equal(ac_eval_code_root("12345"), 0);
    assert_int_equal(ac_eval_code_root("1a"), 0);
    ac_eval_free(ev);
}

static void test_csv_reader(void **state)
{
    (void)state;
    const char in[] =
        "a,\"b,c\",\"say \"\"hi\"\"\",\n"      /* line 1: 4 fields, the last empty */
        "\"multi\nline\",x\r\n"                 /* lines 2-3 */
        "bad\"q,\"after\"x,y\n"                 /* line 4: text after a closing quote */
        "\"\"\r\n"                              /* line 5: one empty quoted field */
        "last,row\n"                            /* line 6 */
        "\"never closed\n";                     /* line 7 */
    ac_csv c;
    ac_csv_init(&c, in, sizeof in - 1);
    uint64_t line = 0;
    ac_error err;

    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_OK);
    assert_int_equal(line, 1);
    assert_int_equal(ac_csv_count(&c), 4);
    assert_string_equal(ac_csv_field(&c, 0), "a");
    assert_string_equal(ac_csv_field(&c, 1), "b,c");
    assert_string_equal(ac_csv_field(&c, 2), "say \"hi\"");
    assert_string_equal(ac_csv_field(&c, 3), "");

    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_OK);
    assert_int_equal(line, 2);
    assert_int_equal(ac_csv_count(&c), 2);
    assert_string_equal(ac_csv_field(&c, 0), "multi\nline");
    assert_string_equal(ac_csv_field(&c, 1), "x");

    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_EPARSE);
    assert_int_equal(err.line, 4);
    assert_string_equal(err.file, "t.csv");

    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_OK);
    assert_int_equal(line, 5);
    assert_int_equal(ac_csv_count(&c), 1);
    assert_string_equal(ac_csv_field(&c, 0), "");

    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_OK);
    assert_int_equal(line, 6);
    assert_string_equal(ac_csv_field(&c, 1), "row");

    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_EPARSE);
    assert_int_equal(err.line, 7);
    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_DONE);
    ac_csv_free(&c);

    /* No newline at the end; a trailing comma gives an empty last field. */
    ac_csv_init(&c, "x,", 2);
    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_OK);
    assert_int_equal(ac_csv_count(&c), 2);
    assert_string_equal(ac_csv_field(&c, 1), "");
    assert_int_equal(ac_csv_next(&c, "t.csv", &line, &err), AC_DONE);
    ac_csv_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_gold),
        cmocka_unit_test(test_codebook),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_csv_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
