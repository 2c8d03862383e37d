/*
 * test_dict.c -- dictionaries built in memory: good lines load, bad lines are
 * reported with their line number and skipped, dated codes resolve by the
 * story's date.
 *
 * Only the public API is used: lines go in with ac_dict_builder_add_text,
 * warnings come out of the diagnostic callback, and date ranges are checked
 * by coding a sentence with stories dated before, inside and after them.
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

/* A small dictionary: enough actors, verbs and CAMEO codes to code a few
 * sentences. Line numbers matter to the tests below. */
static const char GOOD[] =
    "# a test dictionary\n"                                                   /* 1 */
    "@kind country\n"                                                         /* 2 */
    "Kazakhstan | Kazakh | Astana = KAZ\n"                                    /* 3 */
    "Israel | Israeli = ISR\n"                                                /* 4 */
    "United States | U.S. | Washington = USA   # trailing comment\n"         /* 5 */
    "@kind person\n"                                                          /* 6 */
    "Donald Trump | Trump = USAGOV [2017-01-20..2021-01-19], USAGOV [2025-01-20..], USAELI\n" /* 7 */
    "Pat Example = KAZGOV [2010-01-01..2012-12-31]\n"                        /* 8 */
    "Sam Later = ISRGOV [..2001-12-31], ISRMIL [2002-01-01..]\n"            /* 9 */
    "@kind agent\n"                                                           /* 10 */
    "president | foreign minister = GOV\n"                                    /* 11 */
    "@kind agreement\n"                                                       /* 12 */
    "Abraham Accords = ABRAHAM_ACCORDS\n"                                     /* 13 */
    "@kind irregular\n"                                                       /* 14 */
    "meet met met\n"                                                          /* 15 */
    "@kind set\n"                                                             /* 16 */
    "DEAL = agreement | accord | deal\n"                                      /* 17 */
    "@kind verb\n"                                                            /* 18 */
    "040  *meet +\n"                                                          /* 19 */
    "051  *praise +\n"                                                        /* 20 */
    "057  *join +\n"                                                          /* 21 */
    "057  *sign &DEAL with +\n"                                               /* 22 */
    "@kind cameo\n"                                                           /* 23 */
    "03 | 4.0 | 1 | AGREE | Express intent to cooperate\n"                    /* 24 */
    "030 | 4.0 | 1 | AGREE | Express intent to cooperate\n"                   /* 25 */
    "036 | 4.0 | 1 | AGREE | Express intent to meet or negotiate\n"           /* 26 */
    "04 | 1.0 | 1 | CONSULT | Consult\n"                                      /* 27 */
    "040 | 1.0 | 1 | CONSULT | Consult\n"                                     /* 28 */
    "05 | 3.5 | 1 | COOPERATE | Engage in diplomatic cooperation\n"           /* 29 */
    "051 | 3.4 | 1 | COOPERATE | Praise or endorse\n"                         /* 30 */
    "057 | 8.0 | 1 | AGREE | Sign formal agreement\n"                         /* 31 */
    "12 | -4.0 | 3 | REJECT | Reject\n"                                       /* 32 */
    "125 | -5.0 | 3 | REJECT | Reject proposal to meet\n"                     /* 33 */
    "127 | -5.0 | 3 | REJECT | Reject plan or agreement\n";                   /* 34 */

/* ---- diagnostics ------------------------------------------------------------ */

typedef struct diags {
    int n;
    uint64_t line[64];
    char file[64][256];
    char msg[64][256];
} diags;

static void on_diag(void *ctx, const ac_error *w)
{
    diags *d = ctx;
    if (d->n < 64) {
        d->line[d->n] = w->line;
        snprintf(d->file[d->n], sizeof d->file[0], "%s", w->file);
        snprintf(d->msg[d->n], sizeof d->msg[0], "%s", w->msg);
    }
    d->n++;
}

/* Was line `line` reported, with a message containing `part`? */
static int reported(const diags *d, uint64_t line, const char *part)
{
    for (int i = 0; i < d->n && i < 64; i++)
        if (d->line[i] == line && strstr(d->msg[i], part))
            return 1;
    return 0;
}

static ac_dict *build(const char *name, const char *text, diags *dg)
{
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    if (dg)
        ac_dict_builder_set_diag(b, on_diag, dg);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text(b, name, text, strlen(text), &err), AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    assert_non_null(d);
    return d;
}

/* Codes text for a story dated `date`; returns "SRC TGT CODE mood;..." */
static const char *code(const ac_dict *d, const char *date, const char *text)
{
    static char out[1024];
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

/* ---- good lines ------------------------------------------------------------ */

static void good_lines_load(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict *d = build("good.txt", GOOD, &dg);
    assert_int_equal(dg.n, 0);
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.lines_bad, 0);
    assert_int_equal(s.countries, 3);
    assert_int_equal(s.people, 3);
    assert_int_equal(s.agreements, 1);
    assert_int_equal(s.agents, 1);
    assert_int_equal(s.agent_names, 2);
    assert_int_equal(s.patterns, 4);
    assert_int_equal(s.sets, 1);
    assert_int_equal(s.irregular, 1);
    assert_int_equal(s.cameo_codes, 11);
    assert_true(s.memory_bytes > 0);

    const ac_cameo_info *ci = ac_cameo_lookup(d, "051");
    assert_non_null(ci);
    assert_string_equal(ci->code, "051");
    assert_string_equal(ci->plover, "COOPERATE");
    assert_string_equal(ci->name, "Praise or endorse");
    assert_int_equal(ci->quad, 1);
    assert_true(ci->goldstein > 3.39 && ci->goldstein < 3.41);
    assert_null(ac_cameo_lookup(d, "999"));
    assert_null(ac_cameo_lookup(d, ""));

    /* the names load: a country, an agent composition, an irregular verb */
    assert_string_equal(code(d, "2025-06-01", "The Kazakh president met Israel."), "KAZGOV ISR 040 done;");
    assert_string_equal(code(d, "2025-06-01", "Kazakhstan signed a deal with Israel."), "KAZ ISR 057 done;");
    ac_dict_free(d);
}

/* ---- bad lines ------------------------------------------------------------- */

static void bad_lines_reported_and_skipped(void **state)
{
    (void)state;
    static const char TEXT[] =
        "Orphan = KAZ\n"                                               /* 1  before any @kind */
        "@kind country\n"                                              /* 2 */
        "Kazakhstan = KAZ\n"                                           /* 3  good */
        "Nowhere Land\n"                                               /* 4  no '=' */
        "Kazakh | | Qazaq = KAZ\n"                                     /* 5  empty name */
        "Israel =\n"                                                   /* 6  no code */
        "Atlantis = KAZ [2020-13-45..]\n"                              /* 7  bad date */
        "Israel = ISR\n"                                               /* 8  good */
        "@kind verb\n"                                                 /* 9 */
        "04x  *meet +\n"                                               /* 10 code not digits */
        "040\n"                                                        /* 11 no pattern */
        "040  meet with +\n"                                           /* 12 no head */
        "040  *meet *greet +\n"                                        /* 13 two heads */
        "040  *meet &NOSUCHSET +\n"                                    /* 14 unknown set */
        "099  *praise +\n"                                             /* 15 unknown code */
        "040  *meet +\n"                                               /* 16 good */
        "@kind set\n"                                                  /* 17 */
        "lower = a | b\n"                                              /* 18 lower-case name */
        "EMPTY =\n"                                                    /* 19 no phrases */
        "NOEQUALS\n"                                                   /* 20 no '=' */
        "@kind irregular\n"                                            /* 21 */
        "go went\n"                                                    /* 22 too few forms */
        "go went gone goes going gone\n"                               /* 23 too many forms */
        "@kind cameo\n"                                                /* 24 */
        "040 | 1.0 | 1 | CONSULT | Consult\n"                          /* 25 good */
        "041 | 1.0 | 1 | CONSULT\n"                                    /* 26 four fields */
        "0x1 | 1.0 | 1 | CONSULT | Bad code\n"                         /* 27 bad code */
        "042 | lots | 1 | CONSULT | Bad Goldstein\n"                   /* 28 bad Goldstein */
        "043 | 1.0 | 7 | CONSULT | Bad quad\n"                         /* 29 bad quad */
        "@kind nonsense\n"                                             /* 30 unknown kind */
        "@frobnicate\n"                                                /* 31 unknown directive */
        "@kind country\n"                                              /* 32 */
        "Bad \xff\xfe Name = KAZ\n"                                    /* 33 invalid UTF-8 */
        "United States = USA\n";                                       /* 34 good, last */
    diags dg = {0};
    ac_dict *d = build("bad.txt", TEXT, &dg);
    const struct { uint64_t line; const char *part; } want[] = {
        {1, "@kind"}, {4, "'='"}, {5, "empty name"}, {6, "no code"}, {7, "bad code"},
        {10, "CAMEO code"}, {11, "missing pattern"}, {12, "head"}, {13, "head"},
        {14, "unknown set"}, {15, "unknown CAMEO code"}, {18, "upper-case"}, {19, "no phrases"},
        {20, "'='"}, {22, "base, past and participle"}, {23, "at most 5"}, {26, "5 fields"},
        {27, "CAMEO code"}, {28, "Goldstein"}, {29, "quad"}, {30, "unknown @kind"},
        {31, "unknown directive"}, {33, "UTF-8"},
    };
    size_t nwant = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nwant; i++)
        if (!reported(&dg, want[i].line, want[i].part)) {
            for (int k = 0; k < dg.n && k < 64; k++)
                print_message("  reported %s:%llu: %s\n", dg.file[k], (unsigned long long)dg.line[k], dg.msg[k]);
            fail_msg("line %llu was not reported with '%s'", (unsigned long long)want[i].line, want[i].part);
        }
    /* exactly those lines, each once, all naming the file */
    assert_int_equal(dg.n, (int)nwant);
    for (int k = 0; k < dg.n; k++)
        assert_string_equal(dg.file[k], "bad.txt");
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.lines_bad, nwant);
    /* the good lines around them loaded */
    assert_int_equal(s.countries, 3);
    assert_int_equal(s.patterns, 1);
    assert_int_equal(s.cameo_codes, 1);
    assert_string_equal(code(d, "2025-06-01", "Kazakhstan meets the United States."), "KAZ USA 040 done;");
    ac_dict_free(d);
}

static void add_text_keeps_line_numbers_per_name(void **state)
{
    (void)state;
    /* Two texts: line numbers restart, and the name tells them apart. */
    diags dg = {0};
    ac_dict_builder *b = ac_dict_builder_new();
    ac_dict_builder_set_diag(b, on_diag, &dg);
    ac_error err;
    const char *one = "@kind country\nKazakhstan = KAZ\nbroken\n";
    const char *two = "@kind country\n\n\nalso broken\n";
    assert_int_equal(ac_dict_builder_add_text(b, "one.txt", one, strlen(one), &err), AC_OK);
    assert_int_equal(ac_dict_builder_add_text(b, "two.txt", two, strlen(two), &err), AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    assert_int_equal(dg.n, 2);
    assert_string_equal(dg.file[0], "one.txt");
    assert_int_equal(dg.line[0], 3);
    assert_string_equal(dg.file[1], "two.txt");
    assert_int_equal(dg.line[1], 4);
    ac_dict_free(d);
}

static void missing_file_and_dir(void **state)
{
    (void)state;
    ac_dict_builder *b = ac_dict_builder_new();
    ac_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ac_dict_builder_add_file(b, "/nonexistent/accord/dict.txt", &err), AC_EIO);
    assert_int_equal(err.code, AC_EIO);
    assert_non_null(strstr(err.file, "dict.txt"));
    assert_true(err.msg[0] != '\0');
    char buf[600];
    ac_error_format(&err, buf, sizeof buf);
    assert_non_null(strstr(buf, "dict.txt"));
    assert_int_equal(ac_dict_builder_add_dir(b, "/nonexistent/accord/dict", &err), AC_EIO);
    ac_dict_builder_free(b);

    ac_dict *d = NULL;
    assert_int_not_equal(ac_dict_load_dir("/nonexistent/accord/dict", NULL, NULL, &d, &err), AC_OK);
    assert_null(d);
    /* free functions accept NULL */
    ac_dict_builder_free(NULL);
    ac_dict_free(NULL);
}

static void empty_and_comment_only(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict *d = build("empty.txt", "", &dg);
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.patterns, 0);
    assert_int_equal(dg.n, 0);
    assert_string_equal(code(d, "2025-06-01", "Kazakhstan met Israel."), "");
    ac_dict_free(d);
    d = build("comments.txt", "# only\n\n   # comments\n@kind country\n", &dg);
    assert_int_equal(dg.n, 0);
    ac_dict_free(d);
}

/* ---- dates ------------------------------------------------------------------ */

static void date_ranges_resolve(void **state)
{
    (void)state;
    ac_dict *d = build("good.txt", GOOD, NULL);
    const char *s = "Trump praised Israel.";
    /* before the first range: the undated code */
    assert_string_equal(code(d, "2016-06-01", s), "USAELI ISR 051 done;");
    /* inside the first range, and both of its ends (inclusive) */
    assert_string_equal(code(d, "2017-01-20", s), "USAGOV ISR 051 done;");
    assert_string_equal(code(d, "2018-06-12", s), "USAGOV ISR 051 done;");
    assert_string_equal(code(d, "2021-01-19", s), "USAGOV ISR 051 done;");
    /* after it, between the ranges */
    assert_string_equal(code(d, "2021-01-20", s), "USAELI ISR 051 done;");
    assert_string_equal(code(d, "2023-05-01", s), "USAELI ISR 051 done;");
    /* the open-ended range */
    assert_string_equal(code(d, "2025-01-20", s), "USAGOV ISR 051 done;");
    assert_string_equal(code(d, "2040-01-01", s), "USAGOV ISR 051 done;");

    /* only a dated code: before and after its range the mention has no code */
    const char *p = "Pat Example praised Israel.";
    assert_string_equal(code(d, "2009-12-31", p), "");
    assert_string_equal(code(d, "2010-01-01", p), "KAZGOV ISR 051 done;");
    assert_string_equal(code(d, "2012-12-31", p), "KAZGOV ISR 051 done;");
    assert_string_equal(code(d, "2013-01-01", p), "");

    /* a range open at the start */
    const char *q = "Sam Later praised Kazakhstan.";
    assert_string_equal(code(d, "1990-01-01", q), "ISRGOV KAZ 051 done;");
    assert_string_equal(code(d, "2001-12-31", q), "ISRGOV KAZ 051 done;");
    assert_string_equal(code(d, "2002-01-01", q), "ISRMIL KAZ 051 done;");
    ac_dict_free(d);
}

/* ---- model extensions: paired codes, @caps, @plurals, discards, issues ---- */

static const char EXTRA[] =
    "@kind country\n"
    "Kazakhstan | Kazakh = KAZ\n"
    "Israel = ISR\n"
    "@caps first\n"
    "@kind group\n"                 /* @kind resets @caps: this one is written */
    "Peace Council = NGOPCE\n"
    "@caps first\n"
    "Iraqi Government = IRQGOV\n"
    "@kind agent\n"
    "@plurals off\n"
    "police = COP\n"
    "@plurals on\n"
    "envoy = GOV\n"
    "@kind discard\n"
    "football match\n"
    "@kind discard-story\n"
    "horoscope\n"
    "@kind issue\n"
    "desalination | water shortage = WATER\n"
    "@kind issue-ignore\n"
    "water shortage drill\n"
    "@kind verb\n"
    "042:043  *rush to +\n"
    ":173     *appear before +\n"
    "042      *visit +\n"
    "051      *praise +\n"
    "@kind cameo\n"
    "042 | 1.9 | 1 | CONSULT | Make a visit\n"
    "043 | 2.8 | 1 | CONSULT | Host a visit\n"
    "051 | 3.4 | 1 | COOPERATE | Praise or endorse\n"
    "173 | -5.0 | 4 | COERCE | Arrest, detain\n";

static void model_extensions(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict *d = build("extra.txt", EXTRA, &dg);
    assert_int_equal(dg.n, 0);
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    assert_int_equal(st.discards, 2);
    assert_int_equal(st.issues, 2);
    /* paired: both directions; reverse only */
    assert_string_equal(code(d, "2025-01-01", "Kazakhstan rushed to Israel."),
                        "KAZ ISR 042 done;ISR KAZ 043 done;");
    assert_string_equal(code(d, "2025-01-01", "Kazakhstan appeared before Israel."), "ISR KAZ 173 done;");
    /* an intent codes the forward event only */
    assert_string_equal(code(d, "2025-01-01", "Kazakhstan will rush to Israel."), "KAZ ISR 042 future;");
    /* @caps first: "government" in any case; @caps written: both words */
    assert_string_equal(code(d, "2025-01-01", "The Iraqi government praised Israel."), "IRQGOV ISR 051 done;");
    assert_string_equal(code(d, "2025-01-01", "The peace council praised Israel."), "");
    assert_string_equal(code(d, "2025-01-01", "The Peace Council praised Israel."), "NGOPCE ISR 051 done;");
    /* @plurals off: no "polices"; on: "envoys" */
    assert_string_equal(code(d, "2025-01-01", "Kazakh envoys praised Israel."), "KAZGOV ISR 051 done;");
    assert_string_equal(code(d, "2025-01-01", "Kazakh polices praised Israel."), "KAZ ISR 051 done;");
    /* discards: the sentence, or the whole story */
    assert_string_equal(code(d, "2025-01-01", "Kazakhstan praised Israel after the football match."), "");
    assert_string_equal(code(d, "2025-01-01", "Kazakhstan praised Israel. Israel visited Kazakhstan."),
                        "KAZ ISR 051 done;ISR KAZ 042 done;");
    assert_string_equal(code(d, "2025-01-01", "Kazakhstan praised Israel. Your horoscope today."), "");
    ac_dict_free(d);
}

static void issues_counted(void **state)
{
    (void)state;
    ac_dict *d = build("extra.txt", EXTRA, NULL);
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = "t";
    st.date = "2025-01-01";
    st.title = st.url = st.source = "";
    st.text = "Desalination plants ease the water shortage. A water shortage drill was held. "
              "Kazakhstan praised desalination.";
    st.text_len = strlen(st.text);
    st.origin = "test";
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(d, &st, NULL, &doc, &err), AC_OK);
    assert_int_equal(ac_doc_issue_count(doc), 1);
    size_t n = 0;
    assert_string_equal(ac_doc_issue(doc, 0, &n), "WATER");
    assert_int_equal(n, 3);         /* desalination x2, water shortage x1; the drill is ignored */
    assert_null(ac_doc_issue(doc, 1, NULL));
    assert_int_equal(ac_doc_discarded(doc), 0);
    ac_doc_free(doc);
    ac_dict_free(d);
}

static void extension_lines_reported(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict *d = build("bad.txt",
                       "@caps loud\n"                       /* 1 */
                       "@plurals maybe\n"                   /* 2 */
                       "@kind discard\n"                    /* 3 */
                       "football = SPORT\n"                 /* 4 */
                       "@kind verb\n"                       /* 5 */
                       "042:  *travel to +\n"               /* 6 */
                       "042:0x3  *travel to +\n",           /* 7 */
                       &dg);
    assert_true(reported(&dg, 1, "@caps"));
    assert_true(reported(&dg, 2, "@plurals"));
    assert_true(reported(&dg, 4, "names only"));
    assert_true(reported(&dg, 6, "paired"));
    assert_true(reported(&dg, 7, "paired"));
    ac_dict_free(d);
}

/* ---- pattern constructs of the community's formats, in accord's syntax ---- */

static const char CONSTRUCTS[] =
    "@kind country\n"
    "Arnor = ARN\n"
    "Gondor = GON\n"
    "Rohan = ROH\n"
    "Argentin~ = ARG\n"                       /* a stem name */
    "@kind set\n"
    "NEGAUX = didn't | won't\n"
    "@kind verb\n"
    "064      *restor~ +\n"                     /* a stem verb */
    "031      *meet in ^ with +\n"              /* ^ skips an actor */
    "030:030  % *agree\n"                       /* % a compound subject */
    "081      *agree\n"
    "904      &NEGAUX_*clash\n"                 /* _ consecutive */
    "121      *clash\n"
    "023?     *say\n"                           /* subordinate */
    "190      *attack +\n"
    "@kind cameo\n"
    "023 | 0 | 1 | CONSULT | x\n"
    "030 | 0 | 1 | CONSULT | x\n"
    "031 | 0 | 1 | CONSULT | x\n"
    "064 | 0 | 1 | CONSULT | x\n"
    "081 | 0 | 1 | CONSULT | x\n"
    "121 | 0 | 3 | REJECT | x\n"
    "190 | 0 | 4 | ASSAULT | x\n"
    "904 | 0 | 3 | REJECT | x\n";

/* Codes text with the given ac_code flags; "SRC TGT CODE;..." */
static const char *code_flags(const ac_dict *d, unsigned flags, const char *text)
{
    static char out[1024];
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = "t";
    st.date = "2020-01-01";
    st.title = st.url = st.source = "";
    st.text = text;
    st.text_len = strlen(text);
    st.origin = "test";
    ac_code_options o = {.flags = flags};
    ac_doc *doc = NULL;
    ac_error err;
    assert_int_equal(ac_code(d, &st, &o, &doc, &err), AC_OK);
    out[0] = '\0';
    for (size_t i = 0; i < ac_doc_event_count(doc); i++) {
        const ac_event *e = ac_doc_event(doc, i);
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s %s %s;", e->source, e->target, e->code);
    }
    ac_doc_free(doc);
    return out;
}

static void community_constructs(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict *d = build("constructs.txt", CONSTRUCTS, &dg);
    assert_int_equal(dg.n, 0);
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    assert_true(st.stems >= 2);
    const unsigned lit = AC_CODE_LITERAL;
    /* stems: any word that begins with the root, names too */
    assert_string_equal(code_flags(d, lit, "Arnor restored ties with Gondor."), "ARN GON 064;");
    assert_string_equal(code_flags(d, lit, "Argentina restores ties with Gondor."), "ARG GON 064;");
    /* ^ skips the actor after "in"; without an actor there, no match */
    assert_string_equal(code_flags(d, lit, "Arnor meets in Rohan with Gondor."), "ARN GON 031;");
    /* % needs a compound: paired both ways; a single actor takes the bare verb */
    assert_string_equal(code_flags(d, lit, "Arnor and Gondor agree."), "ARN GON 030;GON ARN 030;");
    assert_string_equal(code_flags(d, lit, "Arnor agrees with Gondor."), "ARN GON 081;");
    /* _: the negative auxiliary must stand right before the verb */
    assert_string_equal(code_flags(d, lit, "Arnor didn't clash with Gondor."), "ARN GON 904;");
    assert_string_equal(code_flags(d, lit, "Arnor clashed with Gondor."), "ARN GON 121;");
    /* a subordinate statement gives way to the event it reports */
    assert_string_equal(code_flags(d, lit, "Arnor says Rohan attacked Gondor."), "ROH GON 190;");
    assert_string_equal(code_flags(d, lit, "Arnor says it to Gondor."), "ARN GON 023;");
    /* the literal convention keeps the code whatever the mood */
    assert_string_equal(code_flags(d, lit, "Arnor will attack Gondor."), "ARN GON 190;");
    /* TABARI's clause rule: the first event of each clause */
    assert_string_equal(code_flags(d, lit | AC_CODE_BY_CLAUSE | AC_CODE_FIRST_ACTOR,
                                   "Arnor attacked Gondor and restored ties with Rohan."),
                        "ARN GON 190;ARN ROH 064;");
    ac_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_lines_load),
        cmocka_unit_test(bad_lines_reported_and_skipped),
        cmocka_unit_test(add_text_keeps_line_numbers_per_name),
        cmocka_unit_test(missing_file_and_dir),
        cmocka_unit_test(empty_and_comment_only),
        cmocka_unit_test(date_ranges_resolve),
        cmocka_unit_test(model_extensions),
        cmocka_unit_test(issues_counted),
        cmocka_unit_test(extension_lines_reported),
        cmocka_unit_test(community_constructs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
