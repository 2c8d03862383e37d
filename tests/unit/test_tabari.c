/*
 * test_tabari.c -- the TABARI loaders (lib/dict/tabari.c): small texts
 * written for the test cover each construct of the .verbs, .actors, .agents,
 * .options and .project files; a sentence coded with the result shows the
 * records work; bad lines are reported with their line and skipped. When
 * the shared data is present, the real Validate.project and
 * TABARI.Demo.project load with only the bad lines listed here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "accord.h"
#include "dict/tabari.h"

/* ---- diagnostics ------------------------------------------------------------ */

#define MAXD 128

typedef struct diags {
    int n;
    uint64_t line[MAXD];
    char file[MAXD][256];
    char msg[MAXD][256];
} diags;

static void on_diag(void *ctx, const ac_error *w)
{
    diags *d = ctx;
    if (d->n < MAXD) {
        d->line[d->n] = w->line;
        snprintf(d->file[d->n], sizeof d->file[0], "%s", w->file);
        snprintf(d->msg[d->n], sizeof d->msg[0], "%s", w->msg);
    }
    d->n++;
}

static void print_diags(const diags *d)
{
    for (int k = 0; k < d->n && k < MAXD; k++)
        print_message("  reported %s:%llu: %s\n", d->file[k], (unsigned long long)d->line[k], d->msg[k]);
}

/* Was `line` of a file whose name ends with `file` reported with `part`? */
static int reported(const diags *d, const char *file, uint64_t line, const char *part)
{
    for (int i = 0; i < d->n && i < MAXD; i++) {
        size_t fl = strlen(d->file[i]), nl = strlen(file);
        if (d->line[i] == line && fl >= nl && strcmp(d->file[i] + fl - nl, file) == 0 &&
            strstr(d->msg[i], part))
            return 1;
    }
    return 0;
}

typedef struct want {
    const char *file;
    uint64_t line;
    const char *part;
} want;

/* Exactly the lines of w[0..n) were reported, each once. */
static void expect_reports(const diags *d, const want *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!reported(d, w[i].file, w[i].line, w[i].part)) {
            print_diags(d);
            fail_msg("%s:%llu was not reported with '%s'", w[i].file, (unsigned long long)w[i].line,
                     w[i].part);
        }
    if (d->n != (int)n) {
        print_diags(d);
        fail_msg("%d reports, %zu expected", d->n, n);
    }
}

/* ---- building and coding ---------------------------------------------------- */

typedef struct dict_text {
    const char *name;
    ac_dict_format fmt;
    const char *text;
} dict_text;

static ac_dict *build(const dict_text *t, size_t n, diags *dg)
{
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    ac_dict_builder_set_diag(b, on_diag, dg);
    ac_error err;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ac_dict_builder_add_text_format(b, t[i].name, t[i].text, strlen(t[i].text),
                                                         t[i].fmt, &err),
                         AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    assert_non_null(d);
    return d;
}

/* Codes text for a story dated `date` with options co (NULL: accord's
 * convention); returns "SRC TGT CODE;..." */
static const char *code_with(const ac_dict *d, const char *date, const char *text,
                             const ac_code_options *co)
{
    static char out[2048];
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
    assert_int_equal(ac_code(d, &st, co, &doc, &err), AC_OK);
    out[0] = '\0';
    for (size_t i = 0; i < ac_doc_event_count(doc); i++) {
        const ac_event *e = ac_doc_event(doc, i);
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s %s %s;", e->source ? e->source : "-",
                 e->target ? e->target : "-", e->code);
    }
    ac_doc_free(doc);
    return out;
}

static const char *code(const ac_dict *d, const char *date, const char *text)
{
    return code_with(d, date, text, NULL);
}

/* The same under TABARI's convention, as `accord validate` runs a TABARI
 * suite: first-actor roles, code by clause, comma clauses of 3 to 10 words
 * set aside (TABARI's defaults: MIN 2, MAX 10, EMIN 2, EMAX 10). */
static const char *code_tabari(const ac_dict *d, const char *text)
{
    static const ac_code_options co = {.flags = AC_CODE_LITERAL | AC_CODE_FIRST_ACTOR | AC_CODE_BY_CLAUSE,
                                       .comma = {3, 10, 0, 0, 3, 10}};
    return code_with(d, "2000-01-01", text, &co);
}

/* Fictional actors and agents shared by the tests (line numbers matter). */
static const char ACTORS[] =
    "; test actors\n"                                      /* 1 */
    "<NOUN>\n"                                             /* 2 */
    "HERDERS_\n"                                           /* 3 */
    "</NOUN>\n"                                            /* 4 */
    "ARNOR  [ARN] ;a comment\n"                            /* 5 */
    "GONDOR\n"                                             /* 6 */
    "+MINAS_TIRITH\n"                                      /* 7 */
    "\t[GON]\n"                                            /* 8 */
    "ROHAN [ROH]\n";                                       /* 9 */

static const char AGENTS[] =
    "MINISTER_  [ ~GOV] ;x\n"                              /* 1 */
    "HUMAN_RIGHTS_ACTIVISTS_ [NGM~]\n";                    /* 2 */

/* ---- verbs -------------------------------------------------------------------- */

static const char VERBS[] =
    "<SYNSETS>\n"                                          /* 1 */
    "&DEAL_\n"                                             /* 2 */
    "+TREATY\n"                                            /* 3 */
    "+PEACE_ACCORD_\n"                                     /* 4 */
    "&BIGDEAL\n"                                           /* 5 */
    "+GRAND_&DEAL\n"                                       /* 6 */
    "</SYNSETS>\n"                                         /* 7 */
    "<TIME>\n"                                             /* 8 */
    "YESTERDAY [-1]\n"                                     /* 9 */
    "- * AND TODAY [+1]\n"                                 /* 10 */
    "</TIME>\n"                                            /* 11 */
    "PRAISE  [051] ;pas\n"                                 /* 12 */
    "SMITE_ [190]\n"                                       /* 13 */
    "{ SMOTE_ SMITTEN_ SMITING_ }\n"                       /* 14 */
    "SIGN  [---]\n"                                        /* 15 */
    "- * &BIGDEAL WITH +  [0311]\n"                        /* 16 */
    "- * &DEAL WITH +  [057]\n"                            /* 17 */
    "- * { ACCORD | PACT } ^ ON +  [0312]\n"               /* 18 */
    "- * { FRIENDSHIP_TREATY | &DEAL } WITH +  [0313]\n"   /* 19 */
    "- % * NOTHING  [---]\n"                               /* 20 */
    "VISIT_ [042:043]\n"                                   /* 21 */
    "LEAVE_FOR [032!]\n"                                   /* 22 */
    "- $ * TO_+  [032:033]\n"                              /* 23 */
    "SCOLD [1x0]\n"                                        /* 24 */
    "- * FOR [112]\n"                                      /* 25 */
    "CHIDE [111?]\n"                                       /* 26 */
    "- * SHARPLY [A12]\n"                                  /* 27 */
    "- SHARPLY [113]\n"                                    /* 28 */
    "- * * [114]\n"                                        /* 29 */
    "- * { TO | FOR  [115]\n"                              /* 30 */
    "FOOTBALL [###]\n"                                     /* 31 */
    "~~FINISH 16:47 CDT\n"                                 /* 32 */
    "NOT READ [999]\n";                                    /* 33 */

static void verbs_constructs(void **state)
{
    (void)state;
    diags dg = {0};
    dict_text t[] = {{"t.actors", AC_DICT_TABARI_ACTORS, ACTORS},
                {"t.agents", AC_DICT_TABARI_AGENTS, AGENTS},
                {"t.verbs", AC_DICT_TABARI_VERBS, VERBS}};
    ac_dict *d = build(t, 3, &dg);
    const want w[] = {
        {"t.verbs", 8, "TIME"},              /* one report for the section */
        {"t.verbs", 24, "'1x0'"},            /* not a code: root dropped */
        {"t.verbs", 27, "'A12'"},
        {"t.verbs", 28, "'*'"},              /* no verb in the pattern */
        {"t.verbs", 29, "one '*'"},
        {"t.verbs", 30, "'{' without '}'"},
    };
    expect_reports(&dg, w, sizeof w / sizeof w[0]);
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.lines_bad, 6);
    assert_int_equal(s.sets, 2);
    /* SMITE's listed forms, and the literal endings (S, ED, ES, EN, ING;
     * manual 5.2.3) of the two exact roots without listed forms */
    assert_int_equal(s.irregular, 3);
    /* praise, smite, 4 sign (one of them two), visit, leave for + its
     * pattern, chide; scold's pattern is skipped with its bad root */
    assert_int_equal(s.patterns, 11);
    assert_int_equal(s.countries, 3);
    assert_int_equal(s.agents, 2);

    assert_string_equal(code(d, "1999-01-01", "Arnor praised Gondor."), "ARN GON 051;");
    /* the irregular forms */
    assert_string_equal(code(d, "1999-01-01", "Rohan smote Arnor."), "ROH ARN 190;");
    assert_string_equal(code(d, "1999-01-01", "Rohan was smiting Arnor."), "ROH ARN 190;");
    /* synset, nested synset, multi-word member */
    assert_string_equal(code(d, "1999-01-01", "Arnor signed a treaty with Gondor."), "ARN GON 057;");
    assert_string_equal(code(d, "1999-01-01", "Arnor signed a peace accord with Gondor."),
                        "ARN GON 057;");
    assert_string_equal(code(d, "1999-01-01", "Arnor signed a grand treaty with Gondor."),
                        "ARN GON 0311;");
    /* one-word alternatives, and one pattern per multi-word alternative */
    /* ^ skips an actor (TABARI manual 5.6) */
    assert_string_equal(code(d, "1999-01-01", "Arnor signed a pact in Rohan on Gondor."), "ARN GON 0312;");
    assert_string_equal(code(d, "1999-01-01", "Arnor signed a pact on Gondor."), "");
    assert_string_equal(code(d, "1999-01-01", "Arnor signed a friendship treaty with Gondor."),
                        "ARN GON 0313;");
    /* a root coded [---] codes nothing by itself */
    assert_string_equal(code(d, "1999-01-01", "Arnor signed."), "");
    /* paired codes; a multi-word verb; '!' and '?' marks dropped */
    assert_string_equal(code(d, "1999-01-01", "Arnor visited Gondor."), "ARN GON 042;GON ARN 043;");
    assert_string_equal(code(d, "1999-01-01", "Arnor chided Gondor."), "ARN GON 111;");
    /* the synonym and the agent */
    assert_string_equal(code(d, "1999-01-01", "The Minas Tirith minister praised Rohan."),
                        "GONGOV ROH 051;");
    /* a discard root: the sentence is not coded */
    assert_string_equal(code(d, "1999-01-01", "Arnor praised Gondor after the football match."), "");
    /* nothing after ~~FINISH was read */
    ac_dict_free(d);
}

/* ---- actors -------------------------------------------------------------------- */

static void actors_dates_and_kinds(void **state)
{
    (void)state;
    static const char A[] =
        "ELESSAR  [GONGOV 990101-011231] [GONELI] ; dated, then the default\n"  /* 1 */
        "DENETHOR [GONGOV <19980630] [---]\n"                                   /* 2 */
        "IMRAHIL [--- <950630] [DOL]\n"                                         /* 3 */
        "SARUMAN\n"                                                             /* 4 */
        "+SHARKEY\n"                                                            /* 5 */
        "\t[ISEGOV < 980101]\n"                                                 /* 6 */
        "\t[ISEREB 980101 - 990630]\n"                                          /* 7 */
        "WHITE_COUNCIL [IGOWHC]\n"                                              /* 8 */
        "RANGERS_OF_THE_NORTH [NGORNG]\n"                                       /* 9 */
        "ARNOR [ARN]\n"                                                         /* 10 */
        "ARNOR [ARNGOV 010101-011231]\n"                                        /* 11 repeated */
        "WIZARDS [###]\n"                                                       /* 12 */
        "LONELY_MOUNTAIN\n"                                                     /* 13 no code */
        "ISENGARD [ISE 990231-991231]\n"                                        /* 14 bad date */
        "EREBOR [ERE/DAL]\n"                                                    /* 15 compound: two actors */
        "+STRAY [???]\n"                                                        /* 16 bad code */
        "<WEIRD>\n"                                                             /* 17 */
        "ROHAN [ROH]\n"                                                         /* 18 */
        "ENTWASH [### <950101] [ENW]\n"                                         /* 19 discard, then coded */
        "DUNLAND [DUN <980101] [###]\n";                                        /* 20 coded, then discard */
    static const char V[] = "<TIME>\n"                                            /* 1 */
                            "ONCE_UPON_A_TIME [###]\n"                            /* 2 discard */
                            "WHEN_PEACE_COMES [+++]\n"                            /* 3 complex */
                            "NEXT_WEEK [+7]\n"                                    /* 4 shift: not read */
                            "</TIME>\n"                                           /* 5 */
                            "PRAISE [051]\n";
    diags dg = {0};
    dict_text t[] = {{"x.actors", AC_DICT_TABARI_ACTORS, A}, {"x.verbs", AC_DICT_TABARI_VERBS, V}};
    ac_dict *d = build(t, 2, &dg);
    const want w[] = {
        {"x.actors", 13, "no [CODE]"},   {"x.actors", 14, "bad date"},
        {"x.actors", 16, "bad code"},
        {"x.actors", 17, "unknown tag"},
        {"x.verbs", 1, "time shifting"},
    };
    expect_reports(&dg, w, sizeof w / sizeof w[0]);
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.countries, 5);   /* Arnor (merged), Erebor, Rohan, Entwash, Dunland */
    assert_int_equal(s.igos, 1);
    assert_int_equal(s.groups, 1);
    assert_int_equal(s.people, 4);      /* Elessar, Denethor, Imrahil, Saruman */
    assert_int_equal(s.discards, 5);   /* Wizards, Entwash, Dunland, two TIME phrases */

    const char *p = "Elessar praised Rohan.";
    assert_string_equal(code(d, "1999-01-01", p), "GONGOV ROH 051;");
    assert_string_equal(code(d, "2001-12-31", p), "GONGOV ROH 051;");
    assert_string_equal(code(d, "2002-01-01", p), "GONELI ROH 051;");
    /* [---] as the default: no code outside the range (YYYYMMDD allowed) */
    assert_string_equal(code(d, "1998-06-30", "Denethor praised Rohan."), "GONGOV ROH 051;");
    assert_string_equal(code(d, "1998-07-01", "Denethor praised Rohan."), "");
    /* a dated null code before the default: the default starts after it */
    assert_string_equal(code(d, "1995-06-30", "Imrahil praised Rohan."), "");
    assert_string_equal(code(d, "1995-07-01", "Imrahil praised Rohan."), "DOL ROH 051;");
    /* restrictions on their own lines, for the synonym too; YY 98 is 1998 */
    assert_string_equal(code(d, "1997-12-31", "Sharkey praised Rohan."), "ISEGOV ROH 051;");
    assert_string_equal(code(d, "1999-06-30", "Saruman praised Rohan."), "ISEREB ROH 051;");
    /* the repeated name kept both codes */
    assert_string_equal(code(d, "2001-06-01", "Arnor praised Rohan."), "ARNGOV ROH 051;");
    assert_string_equal(code(d, "2005-06-01", "Arnor praised Rohan."), "ARN ROH 051;");
    /* Title Case names must be capitalised in the text */
    assert_string_equal(code(d, "2005-06-01", "Rohan praised the White Council."), "ROH IGOWHC 051;");
    assert_string_equal(code(d, "2005-06-01", "Rohan praised the white council."), "");
    /* a compound code: two actors in the community convention (one outside it); the discard phrase */
    assert_string_equal(code(d, "2005-06-01", "Erebor praised Rohan."), "ERE ROH 051;");
    assert_string_equal(code(d, "2005-06-01", "Wizards praised Rohan."), "");
    /* dated discards: the sentence is set aside only on their dates */
    assert_string_equal(code(d, "1994-12-31", "Rohan praised Entwash."), "");
    assert_string_equal(code(d, "1995-01-02", "Rohan praised Entwash."), "ROH ENW 051;");
    assert_string_equal(code(d, "1997-12-31", "Dunland praised Rohan."), "DUN ROH 051;");
    assert_string_equal(code(d, "1998-01-02", "Dunland praised Rohan."), "");
    /* TIME phrases coded [###] and [+++] set the sentence aside */
    assert_string_equal(code(d, "2005-06-01", "Once upon a time Rohan praised Arnor."), "");
    assert_string_equal(code(d, "2005-06-01", "When peace comes Rohan praised Arnor."), "");
    assert_string_equal(code(d, "2005-06-01", "Next week Rohan praised Arnor."), "ROH ARN 051;");
    ac_dict_free(d);
}

/* ---- TABARI's convention ------------------------------------------------------ */

static void convention_rules(void **state)
{
    (void)state;
    static const char A[] =
        "<NOUN>\n"
        "SHEEP\n"
        "GOATS\n"
        "</NOUN>\n"
        "<ADJECTIVE>\n"
        "LAZY\n"
        "BLACK\n"
        "WHITE\n"
        "</ADJECTIVE>\n"
        "ARNOR [ARN]\n"
        "GONDOR [GON]\n"
        "ROHAN [ROH]\n"
        "PRINCE DOL_AMROTH [DOL]\n"          /* a blank: words may come between */
        "ITHILEN TELEVISION [ITHTV]\n"
        "ITHILEN [ITH]\n"
        "NORTH_YEMEN [YEMNO]\n"
        "BARAD-DUR [MOR]\n"                   /* a hyphen is '_' */
        "AL_GORE [AGR]\n"
        "AL GORE [TEN]\n";                  /* the same words, apart */
    static const char V[] =
        "<SYNSETS>\n"
        "&MONEY\n"
        "+DOLLAR\n"
        "+AUSTRIAN FLORIN\n"                  /* a blank: words may come between */
        "</SYNSETS>\n"
        "DONATE [070]\n"
        "- * &MONEY [903]\n"                  /* a synset adds no length: */
        "- * DOLLAR [071]\n"                  /* DOLLAR is tried first */
        "URGE [102]\n"
        "ASSIST [092]\n"
        "ASK [090]\n"
        "- * RECENT [093]\n"                  /* a stem: recently */
        "- IN * [094]\n"                      /* a two-letter stem: into */
        "- * FOR { ECONOMIC_SANCTIONS | TOTAL_BOYCOTT } [172]\n"
        "CALLED_ON [094]\n"
        "- $ * [095]\n"                       /* tried before the root's own code */
        "WARN [160]\n"
        "- * AT ^ + [162]\n"
        "- $ ^ FOR * [164]\n"                 /* $ gives the source; ^'s actor is no target */
        "PRAISE [051]\n"
        "{ LAUDED_ EXTOLL }\n"                /* a form without '_' is a stem */
        "BRUSH ASIDE REPORTS [142]\n"
        "ATTACK [190]\n"
        "REGRET [111]\n"
        "- SAID $ * [113]\n"                  /* a pronoun fills $ */
        "- SAID * [114]\n"
        "- * APPLY_{ GENEVA | INTERNATIONAL } CONVENTIONS [151]\n" /* '_' joins the group */
        "- STATED_{ NEVER | DON'T } * [112]\n" /* don't: do + n't, as the text reads */
        "- * RESOLUTION_ [102]\n"             /* exact: not "resolutions" */
        "HUG [---]\n"
        "- % * [044:045]\n"                   /* the compound acts among its members */
        "BOYCOTT [191]\n"
        "- NOTED_WOULD NOW * [173]\n"         /* noted: exact before '_' */
        "- NOTED WOULD * [174]\n";            /* noted: a stem */
    diags dg = {0};
    dict_text t[] = {{"x.actors", AC_DICT_TABARI_ACTORS, A}, {"x.verbs", AC_DICT_TABARI_VERBS, V}};
    ac_dict *d = build(t, 2, &dg);
    assert_int_equal(dg.n, 0);

    /* gaps: up to three words, not a verb, not "and"; '_' in text is a blank */
    assert_string_equal(code_tabari(d, "Arnor warned the Prince of Dol Amroth."), "ARN DOL 160;");
    assert_string_equal(code_tabari(d, "Arnor warned the Prince of Dol_Amroth."), "ARN DOL 160;");
    assert_string_equal(code_tabari(d, "Rohan praised Ithilen state-run television."), "ROH ITHTV 051;");
    assert_string_equal(code_tabari(d, "Ithilen praised the television of Rohan."), "ITH ROH 051;");
    assert_string_equal(code_tabari(d, "Ithilen and television praised Rohan."), "ITH ROH 051;");

    /* pattern words written as stems; a root's code comes after its patterns */
    assert_string_equal(code_tabari(d, "Arnor asked Rohan for help recently."), "ARN ROH 093;");
    assert_string_equal(code_tabari(d, "Arnor asked Rohan for help."), "ARN ROH 090;");
    assert_string_equal(code_tabari(d, "Arnor went into asking Rohan for help."), "ARN ROH 094;");
    /* '_' inside an alternative keeps its words consecutive */
    assert_string_equal(code_tabari(d, "Arnor asked for economic sanctions against Rohan."), "ARN ROH 172;");
    assert_string_equal(code_tabari(d, "Arnor asked for economic trade sanctions against Rohan."),
                        "ARN ROH 090;");
    assert_string_equal(code_tabari(d, "Arnor called on Rohan to wait."), "ARN ROH 095;");

    /* a word written exact does not match a longer word a stem matched */
    assert_string_equal(code_tabari(d, "Arnor noted would now boycott Rohan."), "ARN ROH 173;");
    assert_string_equal(code_tabari(d, "Arnor notedown would now boycott Rohan."), "ARN ROH 174;");

    /* synsets: no length of their own; blank-parted member words */
    assert_string_equal(code_tabari(d, "Arnor donated a million dollars to Rohan."), "ARN ROH 071;");
    assert_string_equal(code_tabari(d, "Arnor donated a million Austrian gold florins to Rohan."),
                        "ARN ROH 903;");

    /* irregular forms, one a stem */
    assert_string_equal(code_tabari(d, "Arnor lauded Rohan."), "ARN ROH 051;");
    assert_string_equal(code_tabari(d, "Arnor extolled Rohan."), "ARN ROH 051;");

    /* a capitalised word inside a sentence is a name, not a verb; text
     * all in capitals is read as usual */
    assert_string_equal(code_tabari(d, "Arnor said it would soon Praise Rohan."), "");
    assert_string_equal(code_tabari(d, "ARNOR PRAISED ROHAN."), "ARN ROH 051;");

    /* case: TABARI reads capitals, so a coded name matches in any case */
    assert_string_equal(code_tabari(d, "Rohan praised ithilen."), "ROH ITH 051;");

    /* TABARI reads a hyphen in the text as a blank, in a dictionary as '_'; accord's
     * convention keeps a hyphenated word whole, so the TABARI name does not match */
    assert_string_equal(code_tabari(d, "Barad-dur warned the Al-Gore group."), "MOR AGR 160;");
    assert_string_equal(code(d, "2000-01-01", "Barad-dur warned the Al-Gore group."), "");

    /* the adjacent name wins a tie with the gapped one; quotation marks
     * in a gap do not count as words */
    assert_string_equal(code_tabari(d, "Arnor warned Al Gore."), "ARN AGR 160;");
    assert_string_equal(code_tabari(d, "Arnor warned Al \"The Weasel\" Gore."), "ARN TEN 160;");

    /* TABARI's compound nouns and adjectives: their "and" starts no clause */
    assert_string_equal(code_tabari(d, "Arnor's sheep and lazy goats of Gondor warned Rohan."),
                        "ARN ROH 160;");
    assert_string_equal(code_tabari(d, "Arnor's black and white goats of Gondor warned Rohan."),
                        "ARN ROH 160;");
    assert_string_equal(code_tabari(d, "Arnor's sheep and the goats of Gondor warned Rohan."),
                        "GON ROH 160;");

    /* "Arnor's Gondor": two actors of one compound */
    assert_string_equal(code_tabari(d, "Rohan praised Ithilen and Arnor's Gondor."),
                        "ROH ITH 051;ROH ARN 051;ROH GON 051;");

    /* two named actors stay apart across "of the"; ^ skips the first */
    assert_string_equal(code_tabari(d, "Ithilen warned at the North Yemen of the Prince of Dol Amroth."),
                        "ITH DOL 162;");

    assert_string_equal(code_tabari(d, "Arnor was North Yemen for Rohan warning next week."),
                        "ARN ROH 164;");

    assert_string_equal(code_tabari(d, "Arnor stated don't regret Rohan's refusal."), "ARN ROH 112;");

    assert_string_equal(code_tabari(d, "Arnor regretted the resolution on Rohan."), "ARN ROH 102;");
    assert_string_equal(code_tabari(d, "Arnor regretted the resolutions on Rohan."), "ARN ROH 111;");

    assert_string_equal(code_tabari(d, "Arnor and Rohan hugged in Gondor."),
                        "ARN ROH 044;ROH ARN 045;ROH ARN 044;ARN ROH 045;");

    /* TABARI reads negation only where a pattern spells it out */
    assert_string_equal(code_tabari(d, "Arnor did not praise Rohan."), "ARN ROH 051;");

    /* a pronoun fills a pattern's actor slot with its referent */
    assert_string_equal(code_tabari(d, "Arnor said he regretted Rohan's refusal."), "ARN ROH 113;");
    /* "APPLY_{": the group must follow the word at once */
    assert_string_equal(code_tabari(d, "Arnor regretted to apply Geneva conventions to Rohan."),
                        "ARN ROH 151;");
    assert_string_equal(code_tabari(d, "Arnor regretted to apply any Geneva conventions to Rohan."),
                        "ARN ROH 111;");

    /* pronouns: it/him the first actor, they the first compound */
    assert_string_equal(code_tabari(d, "Arnor urged Rohan to wait and then it requested that Gondor assist."),
                        "ARN ROH 102;ARN GON 092;");
    assert_string_equal(code_tabari(d, "Arnor urged Rohan to wait and Gondor asked him to leave."),
                        "ARN ROH 102;GON ARN 090;");
    assert_string_equal(code_tabari(d, "Arnor and Gondor urged Rohan to wait and then they requested "
                                       "that Ithilen assist them."),
                        "ARN ROH 102;GON ROH 102;ARN ITH 092;GON ITH 092;");

    /* comma clauses: set aside between commas; a final one only before the
     * closing mark; pattern words are not read inside one */
    assert_string_equal(code_tabari(d, "Arnor brushed aside reports, rumored to come from Rohan, "
                                       "that Gondor attacked Ithilen"),
                        "ARN GON 142;");
    assert_string_equal(code_tabari(d, "Arnor, suspicious as ever of Rohan, brushed aside reports "
                                       "that Gondor attacked Ithilen"),
                        "ARN GON 142;");
    assert_string_equal(code_tabari(d, "Arnor brushed, aside reports rumored to come from Rohan, "
                                       "that Gondor attacked Ithilen"),
                        "ARN ITH 190;");
    assert_string_equal(code_tabari(d, "Arnor met envoys on Monday, then praised Rohan warmly."), "");
    assert_string_equal(code_tabari(d, "Arnor met envoys on Monday, then praised Rohan warmly"),
                        "ARN ROH 051;");
    /* the closing mark counts as a word of a final clause: ten words and
     * the period are over the most of 10 */
    assert_string_equal(code_tabari(d, "Arnor met envoys, then praised Rohan in a long speech on Monday night."),
                        "ARN ROH 051;");
    assert_string_equal(code_tabari(d, "Arnor met envoys, then praised Rohan in a speech on Monday night."), "");
    ac_dict_free(d);
}

/* ---- agents ------------------------------------------------------------------- */

static void agents_prefix_and_plurals(void **state)
{
    (void)state;
    static const char G[] =
        "FOREIGN_MINISTER_ [~GOVFRM]\n"          /* 1: plural generated, as TABARI does */
        "RIGHTS_GROUP_ [NGO~]\n"                 /* 2: code before the country */
        "POLICEMAN {POLICEMEN} [~COP]\n"         /* 3: plural listed */
        "ENVOY= [~GOV]\n"                        /* 4: '=': no plural */
        "SOLDIER [MIL]\n"                        /* 5: no '~' */
        "BROKEN [~GOV\n";                        /* 6 */
    static const char A[] = "ARNOR [ARN]\nROHAN [ROH]\n";
    static const char V[] = "PRAISE [051]\n";
    diags dg = {0};
    dict_text t[] = {{"y.actors", AC_DICT_TABARI_ACTORS, A}, {"y.agents", AC_DICT_TABARI_AGENTS, G},
                {"y.verbs", AC_DICT_TABARI_VERBS, V}};
    ac_dict *d = build(t, 3, &dg);
    const want w[] = {{"y.agents", 5, "'~'"}, {"y.agents", 6, "NAME [~CODE]"}};
    expect_reports(&dg, w, sizeof w / sizeof w[0]);
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.agents, 4);
    assert_string_equal(code(d, "2005-01-01", "Arnor foreign ministers praised Rohan."),
                        "ARNGOVFRM ROH 051;");
    assert_string_equal(code(d, "2005-01-01", "Arnor rights groups praised Rohan."),
                        "NGOARN ROH 051;");
    assert_string_equal(code(d, "2005-01-01", "Arnor policemen praised Rohan."), "ARNCOP ROH 051;");
    assert_string_equal(code(d, "2005-01-01", "The Arnor envoy praised Rohan."), "ARNGOV ROH 051;");
    ac_dict_free(d);
}

/* ---- options ------------------------------------------------------------------ */

static void options_checked(void **state)
{
    (void)state;
    static const char O[] =
        "// options for a test\n"                               /* 1 */
        "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN\n"        /* 2 */
        "SET: SKIP RECORDS = FALSE\n"                           /* 3 */
        "SET: CODE BY SENTENCE\n"                               /* 4 */
        "OUTPUT: ACTOR MATCH ID\n"                              /* 5 */
        "LABEL: 031=MEET\n"                                     /* 6 */
        "DEFA: SOURCE [SRCDEF] PRIOR TARGET [TARDEF] AFTER\n"   /* 7 */
        "FORWARD: ^^^***NNNN*SSS DOC OFF\n"                     /* 8 */
        "COMMA: MIN = 1 MAX = 8 EMIN=3 EMAX=10\n"               /* 9 */
        "NONEVENTS: ONLY # comment\n"                           /* 10 */
        "SET: FROBNICATE = TRUE\n"                              /* 11 */
        "COMPLEX: VERBS[x]\n"                                   /* 12 */
        "OUTPUT: COLOUR\n"                                      /* 13 */
        "LABEL: no equals sign\n"                               /* 14 */
        "just some words\n"                                     /* 15 */
        "SET: LABEL = MAYBE\n"                                  /* 16 */
        "~~~~~\n"                                               /* 17 */
        "not read\n";                                           /* 18 */
    diags dg = {0};
    dict_text t[] = {{"z.options", AC_DICT_TABARI_OPTIONS, O}};
    ac_dict *d = build(t, 1, &dg);
    const want w[] = {{"z.options", 11, "FROBNICATE"}, {"z.options", 12, "VERBS[x]"},
                      {"z.options", 13, "COLOUR"},     {"z.options", 14, "LABEL"},
                      {"z.options", 15, "not an option"}, {"z.options", 16, "MAYBE"}};
    expect_reports(&dg, w, sizeof w / sizeof w[0]);
    ac_dict_free(d);
}

/* ---- hostile input ---------------------------------------------------------------- */

static void hostile_bytes(void **state)
{
    (void)state;
    /* NUL bytes, invalid UTF-8, CRLF and lone CR line ends, a long line. */
    static const char V[] =
        "PRAISE [051]\r\n"          /* 1 */
        "- * WARMLY\0 [052]\r\n"     /* 2 NUL */
        "- * \xff\xfe [053]\r"       /* 3 invalid UTF-8, CR only */
        "- * KINDLY [054]\n";        /* 4 */
    size_t vlen = sizeof V - 1;
    char *longline = malloc(10000);
    assert_non_null(longline);
    memset(longline, 'A', 9999);
    longline[9999] = '\0';
    diags dg = {0};
    ac_dict_builder *b = ac_dict_builder_new();
    ac_dict_builder_set_diag(b, on_diag, &dg);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text_format(b, "h.verbs", V, vlen, AC_DICT_TABARI_VERBS, &err), AC_OK);
    assert_int_equal(ac_dict_builder_add_text_format(b, "h.actors", longline, 9999, AC_DICT_TABARI_ACTORS, &err), AC_OK);
    assert_int_equal(ac_dict_builder_add_text_format(b, "h.agents", V, vlen, AC_DICT_TABARI_AGENTS, &err), AC_OK);
    assert_int_equal(ac_dict_builder_add_text_format(b, "h.options", V, vlen, AC_DICT_TABARI_OPTIONS, &err), AC_OK);
    free(longline);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    assert_true(reported(&dg, "h.verbs", 2, "NUL"));
    assert_true(reported(&dg, "h.verbs", 3, "UTF-8"));
    assert_true(reported(&dg, "h.actors", 1, "longer"));
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    assert_int_equal(s.patterns, 2);     /* praise, praise kindly: line 4 read after a CR */
    ac_dict_free(d);
}

/* ---- project -------------------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void project_loads_its_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/accord-tabari-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[512], q[512], a[512], v[512], missing[512];
    snprintf(p, sizeof p, "%s/t.project", dir);
    snprintf(q, sizeof q, "%s/bad.project", dir);
    snprintf(a, sizeof a, "%s/t.actors", dir);
    snprintf(v, sizeof v, "%s/t.verbs", dir);
    write_file(a, "ARNOR [ARN]\nGONDOR [GON]\n");
    write_file(v, "PRAISE [051]\n");
    write_file(p, "A test project\n"
                  "<actorsfile>  t.actors\n"
                  "<verbsfile>\tt.verbs </verbsfile> a comment\n"
                  "<textfile> stories.text\n"
                  "<coder> TEST\n"
                  "<system> rm -rf /\n"
                  "<issuesfile> t.issues\n"
                  "<zzzfile> x\n"
                  "<session 1> <coder x> <date Mon> <last 0>\n");
    write_file(q, "<actorsfile> t.actors\n<verbsfile> nowhere.verbs\n");

    diags dg = {0};
    ac_dict_builder *b = ac_dict_builder_new();
    ac_dict_builder_set_diag(b, on_diag, &dg);
    ac_error err;
    /* the format is sniffed from the name */
    assert_int_equal(ac_dict_builder_add_format(b, p, AC_DICT_AUTO, &err), AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    const want w[] = {{"t.project", 7, "issues"}, {"t.project", 8, "unknown project tag"}};
    expect_reports(&dg, w, sizeof w / sizeof w[0]);
    assert_string_equal(code(d, "2005-01-01", "Arnor praised Gondor."), "ARN GON 051;");
    ac_dict_free(d);

    /* the text file, for the validation runner */
    char out[1024];
    assert_int_equal(ac_tabari_project_textfile(p, out, sizeof out), 0);
    snprintf(missing, sizeof missing, "%s/stories.text", dir);
    assert_string_equal(out, missing);
    assert_int_equal(ac_tabari_project_textfile(q, out, sizeof out), -1);
    assert_int_equal(ac_tabari_project_textfile(p, out, 4), -1);
    assert_int_equal(ac_tabari_project_textfile("/nonexistent/x.project", out, sizeof out), -1);

    /* a missing dictionary: AC_EIO naming it */
    b = ac_dict_builder_new();
    memset(&err, 0, sizeof err);
    assert_int_equal(ac_dict_builder_add_format(b, q, AC_DICT_TABARI_PROJECT, &err), AC_EIO);
    assert_non_null(strstr(err.file, "nowhere.verbs"));
    ac_dict_builder_free(b);

    unlink(p);
    unlink(q);
    unlink(a);
    unlink(v);
    rmdir(dir);
}

/* ---- the real files, when present -------------------------------------------------- */

static int shared_present(const char *path)
{
    if (access(path, R_OK) == 0)
        return 1;
    print_message("SKIP: ../shared not found (%s)\n", path);
    return 0;
}

static void real_projects(void **state)
{
    (void)state;
    const char *dir = ACCORD_SHARED_DIR "/data/tabari-validation";
    char path[1024];
    snprintf(path, sizeof path, "%s/Validate.project", dir);
    if (!shared_present(path))
        return;
    /* The demo dictionaries hold test entries TABARI must reject or cannot
     * do; these, and nothing else, are reported. */
    const want demo[] = {
        {"TABARI.Demo.verbs", 7, "synset member"},    /* +PESO_$ */
        {"TABARI.Demo.verbs", 31, "TIME"},
        {"TABARI.Demo.verbs", 60, "'sdf'"},
        {"TABARI.Demo.verbs", 95, "'def'"},
        {"TABARI.Demo.verbs", 96, "'abc'"},
        {"TABARI.Demo.verbs", 507, "'xxy'"},
    };
    const char *projects[] = {"Validate.project", "TABARI.Demo.project"};
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, projects[k]);
        diags dg = {0};
        ac_dict_builder *b = ac_dict_builder_new();
        ac_dict_builder_set_diag(b, on_diag, &dg);
        ac_error err;
        assert_int_equal(ac_dict_builder_add_format(b, path, AC_DICT_AUTO, &err), AC_OK);
        ac_dict *d = NULL;
        assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
        expect_reports(&dg, demo, sizeof demo / sizeof demo[0]);
        ac_dict_stats s;
        ac_dict_get_stats(d, &s);
        assert_true(s.countries > 80);
        assert_true(s.patterns > 600);
        assert_int_equal(s.sets, 5);
        assert_int_equal(s.agents, k == 0 ? 86 : 0);
        /* the date-restricted synonyms of the demo */
        assert_string_equal(code(d, "1999-06-01", "Smeagol commended Gondor."), "HOBGOV GON 042;");
        ac_dict_free(d);
    }
    char text[1024];
    snprintf(path, sizeof path, "%s/Validate.project", dir);
    assert_int_equal(ac_tabari_project_textfile(path, text, sizeof text), 0);
    assert_non_null(strstr(text, "/Validate.text"));
    assert_int_equal(access(text, R_OK), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verbs_constructs),
        cmocka_unit_test(actors_dates_and_kinds),
        cmocka_unit_test(convention_rules),
        cmocka_unit_test(agents_prefix_and_plurals),
        cmocka_unit_test(options_checked),
        cmocka_unit_test(hostile_bytes),
        cmocka_unit_test(project_loads_its_files),
        cmocka_unit_test(real_projects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
