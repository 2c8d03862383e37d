/*
 * test_validate.c -- ac_validate_run on the tiny suites of tests/validate
 * (written for the tests: fictional actors, own dictionary lines), and on
 * suites written here to a temporary folder: the counts by outcome and skip
 * reason, what the callback sees, --only, and the errors with file:line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord.h"

#define SUITES ACCORD_SOURCE_DIR "/tests/validate"

/* What the callback saw. */
typedef struct seen {
    size_t n;
    char ids[32][64];
    ac_valid_status status[32];
    char fail_expected[128], fail_produced[128];
    int discard_pass;
} seen;

static void on_record(void *ctx, const ac_validate_record *r)
{
    seen *s = ctx;
    assert_non_null(r->id);
    assert_non_null(r->expected);
    assert_non_null(r->produced);
    assert_non_null(r->skip_detail);
    assert_non_null(r->explain);
    if (r->status == AC_VALID_SKIP)
        assert_int_not_equal(r->skip, AC_VSKIP_NONE);
    else
        assert_int_equal(r->skip, AC_VSKIP_NONE);
    if (s->n < 32) {
        snprintf(s->ids[s->n], sizeof s->ids[0], "%s", r->id);
        s->status[s->n] = r->status;
    }
    s->n++;
    if (!strcmp(r->id, "FAIL-01")) {
        snprintf(s->fail_expected, sizeof s->fail_expected, "%s", r->expected);
        snprintf(s->fail_produced, sizeof s->fail_produced, "%s", r->produced);
    }
    if (!strcmp(r->id, "DISCARD-01"))
        s->discard_pass = r->status == AC_VALID_PASS && r->discarded;
}

static void test_petr_tiny(void **state)
{
    (void)state;
    seen s = {0};
    ac_validate_summary sum;
    ac_error err;
    assert_int_equal(ac_validate_run(SUITES "/petr/tiny.records.xml", NULL, on_record, &s, NULL,
                                     NULL, &sum, &err),
                     AC_OK);
    assert_int_equal(sum.kind, AC_VALIDATE_PETR_XML);
    /* 12 records before <Stop>; AFTER-STOP is never read. */
    assert_int_equal(sum.records, 12);
    assert_int_equal(s.n, 12);
    for (size_t i = 0; i < s.n && i < 32; i++)
        assert_string_not_equal(s.ids[i], "AFTER-STOP");
    assert_int_equal(sum.passed, 7);
    assert_int_equal(sum.failed, 1);
    assert_int_equal(sum.skipped, 4);
    assert_int_equal(sum.skips[AC_VSKIP_NOT_EVALUATED], 1);
    assert_int_equal(sum.skips[AC_VSKIP_CATEGORY], 1);
    assert_int_equal(sum.skips[AC_VSKIP_SETTING], 1);
    assert_int_equal(sum.skips[AC_VSKIP_PARSE_TREE], 1);
    assert_true(sum.pass_rate > 0.874 && sum.pass_rate < 0.876);
    assert_string_equal(s.fail_expected, "QUA>VEL:042");
    assert_string_equal(s.fail_produced, "QUA>VEL:122");
    assert_true(s.discard_pass);
    /* Found beside the suite's folder, in ../petr-dicts. */
    assert_non_null(strstr(sum.dictionaries, "petr-dicts/tiny.verbs.txt"));
    assert_int_equal(sum.dict_bad_lines, 0);
}

static void test_only(void **state)
{
    (void)state;
    seen s = {0};
    ac_validate_options opt = {.only = "DATE-02", .code_flags = AC_CODE_EXPLAIN};
    ac_validate_summary sum;
    assert_int_equal(ac_validate_run(SUITES "/petr/tiny.records.xml", &opt, on_record, &s, NULL,
                                     NULL, &sum, NULL),
                     AC_OK);
    assert_int_equal(sum.records, 1);
    assert_int_equal(sum.passed, 1);
    assert_string_equal(s.ids[0], "DATE-02");
}

static void test_tabari_tiny(void **state)
{
    (void)state;
    seen s = {0};
    ac_validate_summary sum;
    assert_int_equal(ac_validate_run(SUITES "/tabari/tiny.project", NULL, on_record, &s, NULL,
                                     NULL, &sum, NULL),
                     AC_OK);
    assert_int_equal(sum.kind, AC_VALIDATE_TABARI);
    assert_int_equal(sum.records, 12);
    assert_int_equal(sum.passed, 6);   /* COMMA-01 passes only when COMMA: OFF holds */
    assert_int_equal(sum.failed, 1);
    assert_int_equal(sum.skips[AC_VSKIP_OPTION_RECORD], 3);
    assert_int_equal(sum.skips[AC_VSKIP_SETTING], 1);
    assert_int_equal(sum.skips[AC_VSKIP_UNCHECKED], 1);
    assert_string_equal(sum.end_record, "FINAL-01");
    assert_int_equal(sum.end_line, 71);
    assert_int_equal(sum.after_end, 1);
}

/* Writes text to dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_errors(void **state)
{
    (void)state;
    ac_error err;
    ac_validate_summary sum;
    assert_int_equal(ac_validate_run(NULL, NULL, NULL, NULL, NULL, NULL, &sum, &err), AC_EINVAL);
    assert_int_equal(ac_validate_run(SUITES "/malformed/broken.xml", NULL, NULL, NULL, NULL, NULL,
                                     &sum, &err),
                     AC_EPARSE);
    assert_int_equal(err.line, 13);
    assert_non_null(strstr(err.msg, "malformed XML"));
    assert_int_equal(sum.records, 0);

    char dir[] = "/tmp/accord-validate-XXXXXX";
    assert_non_null(mkdtemp(dir));
    /* A dictionary that is nowhere. */
    put(dir, "missing.xml",
        "<Validation><Environment><Verbfile>nowhere.txt</Verbfile></Environment>\n"
        "<Sentences></Sentences></Validation>\n");
    char path[2048];
    snprintf(path, sizeof path, "%s/missing.xml", dir);
    assert_int_equal(ac_validate_run(path, NULL, NULL, NULL, NULL, NULL, &sum, &err), AC_EIO);
    assert_non_null(strstr(err.msg, "nowhere.txt"));
    /* ... found through dict_search. */
    put(dir, "nowhere.txt", "--- ACCUSE [112] ---\nACCUSE\n");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    put(sub, "found.xml",
        "<Validation><Environment><Verbfile>nowhere.txt</Verbfile></Environment>\n"
        "<Sentences><Sentence id=\"A\" date=\"20240101\"><Text>x</Text></Sentence>\n"
        "</Sentences></Validation>\n");
    snprintf(path, sizeof path, "%s/found.xml", sub);
    const char *search[] = {dir, NULL};
    ac_validate_options opt = {.dict_search = search};
    assert_int_equal(ac_validate_run(path, &opt, NULL, NULL, NULL, NULL, &sum, &err), AC_OK);
    assert_int_equal(sum.records, 1);
    assert_int_equal(sum.passed, 1);   /* no <EventCoding>: no event expected */
    /* Not a suite. */
    put(dir, "notes.txt", "hello\n");
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    assert_int_equal(ac_validate_run(path, NULL, NULL, NULL, NULL, NULL, &sum, &err), AC_EINVAL);

    const char *const files[] = {"sub/found.xml", "missing.xml", "nowhere.txt", "notes.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_petr_tiny),
        cmocka_unit_test(test_only),
        cmocka_unit_test(test_tabari_tiny),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
