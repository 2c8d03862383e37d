/*
 * test_store.c -- unit tests of the store's public API (lib/store) on
 * SQLite: URLs and their errors, ingest (new, unchanged, updated), the
 * cross-story event groups and their counts, batches and rollback,
 * queries through the row callback. The CLI tests (tests/cli/store_*.sh)
 * test the same on a corpus, with kills and failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "accord.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ac_dict *dict;
static char dir[256], db[300];

static int setup(void **state)
{
    (void)state;
    ac_error err;
    if (ac_dict_load_dir(ac_dict_default_dir(), NULL, NULL, &dict, &err) != AC_OK)
        return -1;
    snprintf(dir, sizeof dir, "%s/accord-test-store.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/t.db", dir);
    return 0;
}

static void remove_db(void)
{
    char p[400];
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
}

static int teardown(void **state)
{
    (void)state;
    remove_db();
    rmdir(dir);
    ac_dict_free(dict);
    return 0;
}

static ac_store *open_new(void)
{
    remove_db();
    ac_store *s = NULL;
    ac_error err;
    assert_int_equal(ac_store_open(db, 0, &s, &err), AC_OK);
    assert_string_equal(ac_store_backend(s), "sqlite");
    return s;
}

/* Codes and annotates a story and stores it; returns the outcome. */
static ac_ingest_outcome put(ac_store *s, const char *id, const char *source, const char *text,
                             ac_ingest_result *res)
{
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = id;
    st.date = "2025-03-03";
    st.title = "";
    st.url = "";
    st.source = source;
    st.text = text;
    st.text_len = strlen(text);
    st.origin = "test";
    ac_code_options opt = {.flags = AC_CODE_KEEP_ACTORS};
    ac_doc *doc = NULL;
    ac_annotation *a = NULL;
    ac_error err;
    assert_int_equal(ac_code(dict, &st, &opt, &doc, &err), AC_OK);
    assert_int_equal(ac_annotate(doc, &a, &err), AC_OK);
    ac_ingest_result r;
    assert_int_equal(ac_store_ingest(s, &st, doc, a, &r, &err), AC_OK);
    ac_annotation_free(a);
    ac_doc_free(doc);
    if (res)
        *res = r;
    return r.outcome;
}

/* The rows of a query, as "name=value" of the columns asked for. */
typedef struct rows {
    char text[4096];
    size_t n;
    const char *cols;      /* comma-separated */
} rows;

static int collect(void *ctx, const ac_row *row)
{
    rows *r = ctx;
    size_t len = strlen(r->text);
    for (size_t i = 0; i < row->ncols; i++) {
        char want[64];
        snprintf(want, sizeof want, ",%s,", row->names[i]);
        char have[256];
        snprintf(have, sizeof have, ",%s,", r->cols);
        if (strstr(have, want))
            len += (size_t)snprintf(r->text + len, sizeof r->text - len, "%s=%s ", row->names[i],
                                    row->values[i]);
    }
    snprintf(r->text + len, sizeof r->text - len, "\n");
    r->n++;
    return 0;
}

static void test_urls(void **state)
{
    (void)state;
    ac_store *s = NULL;
    ac_error err;
    assert_int_equal(ac_store_open(NULL, 0, &s, &err), AC_EINVAL);
    assert_int_equal(ac_store_open("", 0, &s, &err), AC_EINVAL);
    assert_int_equal(ac_store_open("ftp://host/x", 0, &s, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "unknown database URL scheme"));
    char url[400];
    snprintf(url, sizeof url, "sqlite:%s?nosuch=1", db);
    assert_int_equal(ac_store_open(url, 0, &s, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "unknown SQLite option"));
    snprintf(url, sizeof url, "%s/missing.db", dir);
    assert_int_equal(ac_store_open(url, AC_STORE_READONLY, &s, &err), AC_EIO);
    assert_null(s);
    /* A file that is not a database. */
    snprintf(url, sizeof url, "%s/text.db", dir);
    FILE *f = fopen(url, "w");
    assert_non_null(f);
    fputs("not a database, only text that is long enough to be read as a header\n", f);
    fclose(f);
    assert_int_equal(ac_store_open(url, 0, &s, &err), AC_EIO);
    unlink(url);
}

static void test_ingest_and_groups(void **state)
{
    (void)state;
    ac_store *s = open_new();
    ac_ingest_result r;
    /* One story reports the meeting twice: one story-level event, two mentions. */
    assert_int_equal(put(s, "a", "Wire", "Putin met Xi in Moscow on Monday. Putin held talks with Xi.", &r),
                     AC_INGEST_NEW);
    assert_int_equal(r.events, 1);
    assert_int_equal(r.sentences, 2);
    assert_int_equal(put(s, "a", "Wire", "Putin met Xi in Moscow on Monday. Putin held talks with Xi.", &r),
                     AC_INGEST_UNCHANGED);
    assert_int_equal(r.events, 0);
    /* Two more stories the same day: one from the same publisher. */
    assert_int_equal(put(s, "b", "Herald", "Putin met Xi in Moscow.", NULL), AC_INGEST_NEW);
    assert_int_equal(put(s, "c", "Wire", "Putin met Xi on Monday.", NULL), AC_INGEST_NEW);

    ac_store_stats st;
    ac_error err;
    assert_int_equal(ac_store_get_stats(s, &st, &err), AC_OK);
    assert_int_equal(st.stories, 3);
    assert_int_equal(st.events, 3);
    assert_int_equal(st.event_groups, 1);

    rows rw = {.cols = "source,target,code,mentions,sources,articles,story,sentence"};
    ac_query q;
    memset(&q, 0, sizeof q);
    assert_int_equal(ac_store_events(s, &q, collect, &rw, &err), AC_OK);
    assert_string_equal(rw.text, "source=RUSGOV target=CHNGOV code=040 mentions=4 sources=2 articles=3 "
                                 "story=a sentence=0 \n");

    /* A new text for story a: replaced, the group recounted. */
    assert_int_equal(put(s, "a", "Wire", "Putin met Xi in Moscow on Monday.", &r), AC_INGEST_UPDATED);
    assert_int_equal(ac_store_get_stats(s, &st, &err), AC_OK);
    assert_int_equal(st.stories, 3);
    assert_int_equal(st.event_groups, 1);
    memset(&rw, 0, sizeof rw);
    rw.cols = "mentions,sources,articles,story";
    assert_int_equal(ac_store_events(s, &q, collect, &rw, &err), AC_OK);
    /* The first report is now story b: a was written again, after it. */
    assert_string_equal(rw.text, "mentions=3 sources=2 articles=3 story=b \n");

    /* The dyad, both directions, by month. */
    memset(&rw, 0, sizeof rw);
    rw.cols = "period,direction,events,verbal_coop,goldstein,top_codes";
    assert_int_equal(ac_store_dyad(s, "RUS", "CHN", AC_PERIOD_MONTH, &q, collect, &rw, &err), AC_OK);
    assert_string_equal(rw.text, "period=2025-03 direction=RUS>CHN events=1 verbal_coop=1 goldstein=1.00 "
                                 "top_codes=040 x1 \n");
    /* Weeks start on Monday: 2025-03-03 is one. */
    memset(&rw, 0, sizeof rw);
    rw.cols = "period";
    assert_int_equal(ac_store_dyad(s, "CHN", "RUS", AC_PERIOD_WEEK, &q, collect, &rw, &err), AC_OK);
    assert_string_equal(rw.text, "period=2025-03-03 \n");

    /* Filters. */
    memset(&rw, 0, sizeof rw);
    rw.cols = "code";
    q.target = "RUS";
    assert_int_equal(ac_store_events(s, &q, collect, &rw, &err), AC_OK);
    assert_int_equal(rw.n, 0);
    q.target = NULL;
    q.text = "Moscow";
    assert_int_equal(ac_store_events(s, &q, collect, &rw, &err), AC_OK);
    assert_int_equal(rw.n, 1);
    q.text = NULL;
    q.since = "2025-13-01";
    assert_int_equal(ac_store_events(s, &q, collect, &rw, &err), AC_EINVAL);
    ac_store_close(s);
}

static void test_batches(void **state)
{
    (void)state;
    ac_store *s = open_new();
    ac_error err;
    assert_int_equal(ac_store_commit(s, &err), AC_EINVAL);
    assert_int_equal(ac_store_begin(s, &err), AC_OK);
    assert_int_equal(ac_store_begin(s, &err), AC_EINVAL);
    assert_int_equal(put(s, "x", "Wire", "Erdogan criticized Putin on Monday.", NULL), AC_INGEST_NEW);
    assert_int_equal(put(s, "y", "Wire", "Erdogan praised Xi.", NULL), AC_INGEST_NEW);
    /* The same story twice in one batch: stored once. */
    assert_int_equal(put(s, "y", "Wire", "Erdogan praised Xi.", NULL), AC_INGEST_UNCHANGED);
    ac_store_rollback(s);
    ac_store_stats st;
    assert_int_equal(ac_store_get_stats(s, &st, &err), AC_OK);
    assert_int_equal(st.stories, 0);
    assert_int_equal(st.events, 0);
    assert_int_equal(ac_store_begin(s, &err), AC_OK);
    assert_int_equal(put(s, "x", "Wire", "Erdogan criticized Putin on Monday.", NULL), AC_INGEST_NEW);
    /* Replaced within its own batch (not yet in the full-text index). */
    assert_int_equal(put(s, "x", "Wire", "Erdogan criticized Putin on Tuesday.", NULL), AC_INGEST_UPDATED);
    assert_int_equal(ac_store_commit(s, &err), AC_OK);
    assert_int_equal(ac_store_get_stats(s, &st, &err), AC_OK);
    assert_int_equal(st.stories, 1);
    assert_int_equal(st.events, 1);
    rows rw = {.cols = "code"};
    ac_query q;
    memset(&q, 0, sizeof q);
    q.text = "Tuesday";
    assert_int_equal(ac_store_events(s, &q, collect, &rw, &err), AC_OK);
    assert_string_equal(rw.text, "code=111 \n");
    ac_store_close(s);

    /* Read-only: queries yes, writes no. */
    assert_int_equal(ac_store_open(db, AC_STORE_READONLY, &s, &err), AC_OK);
    assert_int_equal(ac_store_begin(s, &err), AC_EINVAL);
    assert_int_equal(ac_store_get_stats(s, &st, &err), AC_OK);
    assert_int_equal(st.stories, 1);
    ac_store_close(s);
}

static void test_quotes_and_planned(void **state)
{
    (void)state;
    ac_store *s = open_new();
    put(s, "q", "Wire",
        "\"We want stable relations,\" Tokayev said. Tokayev will visit Jerusalem next month.", NULL);
    ac_error err;
    ac_query q;
    memset(&q, 0, sizeof q);
    rows rw = {.cols = "speaker_code,kind,text"};
    q.speaker = "tokayev";
    assert_int_equal(ac_store_quotes(s, &q, collect, &rw, &err), AC_OK);
    assert_string_equal(rw.text, "speaker_code=KAZGOV kind=direct text=We want stable relations \n");
    memset(&rw, 0, sizeof rw);
    rw.cols = "what,when,actors";
    memset(&q, 0, sizeof q);
    q.actor = "KAZ";
    assert_int_equal(ac_store_planned(s, &q, collect, &rw, &err), AC_OK);
    assert_string_equal(rw.text, "what=will visit when=next month actors=KAZGOV ISR \n");
    ac_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_ingest_and_groups),
        cmocka_unit_test(test_batches),
        cmocka_unit_test(test_quotes_and_planned),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
