/*
 * test_petrarch.c -- the PETRARCH-2 loaders (lib/dict/petrarch.c): each
 * construct of the verb, actor, agent, discard and issue files becomes the
 * records it should, each quirk of the community files is read or reported
 * with its line, and the real Phoenix dictionaries (../shared) load with no
 * unexplained bad line.
 *
 * Texts are small and written for the tests. Records are checked in the
 * builder (dict/builder.h) before compiling; a few sentences are then coded
 * with the compiled dictionary to check the records mean what they should.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "accord.h"
#include "dict/builder.h"

/* ---- helpers ------------------------------------------------------------------ */

#define MAXD 256

typedef struct diags {
    int n;
    uint64_t line[MAXD];
    char msg[MAXD][256];
} diags;

static void on_diag(void *ctx, const ac_error *w)
{
    diags *d = ctx;
    assert_non_null(w);
    assert_true(w->msg[0] != '\0');
    if (d->n < MAXD) {
        d->line[d->n] = w->line;
        snprintf(d->msg[d->n], sizeof d->msg[0], "%s", w->msg);
    }
    d->n++;
}

/* Was line `line` reported with a message containing `part`? */
static int reported(const diags *d, uint64_t line, const char *part)
{
    for (int i = 0; i < d->n && i < MAXD; i++)
        if (d->line[i] == line && strstr(d->msg[i], part))
            return 1;
    return 0;
}

static void dump_diags(const diags *d)
{
    for (int i = 0; i < d->n && i < MAXD; i++)
        fprintf(stderr, "  line %llu: %s\n", (unsigned long long)d->line[i], d->msg[i]);
}

/* A builder holding text[0..len) read as fmt. */
static ac_dict_builder *load_n(const char *text, size_t len, ac_dict_format fmt, diags *dg)
{
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    if (dg)
        ac_dict_builder_set_diag(b, on_diag, dg);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text_format(b, "x.txt", text, len, fmt, &err), AC_OK);
    return b;
}

static ac_dict_builder *load(const char *text, ac_dict_format fmt, diags *dg)
{
    return load_n(text, strlen(text), fmt, dg);
}

static const bpattern *find_pattern(const ac_dict_builder *b, const char *text)
{
    for (size_t i = 0; i < b->patterns.len; i++) {
        const bpattern *p = ac_vec_at(&b->patterns, i);
        if (strcmp(p->text, text) == 0)
            return p;
    }
    return NULL;
}

static const bactor *find_actor(const ac_dict_builder *b, const char *name)
{
    for (size_t i = 0; i < b->actors.len; i++) {
        const bactor *a = ac_vec_at(&b->actors, i);
        for (size_t k = 0; k < a->nnames; k++)
            if (strcmp(a->names[k], name) == 0)
                return a;
    }
    return NULL;
}

static const birregular *find_irregular(const ac_dict_builder *b, const char *base)
{
    for (size_t i = 0; i < b->irregular.len; i++) {
        const birregular *r = ac_vec_at(&b->irregular, i);
        if (strcmp(r->forms[0], base) == 0)
            return r;
    }
    return NULL;
}

static const bset *find_set(const ac_dict_builder *b, const char *name)
{
    for (size_t i = 0; i < b->sets.len; i++) {
        const bset *s = ac_vec_at(&b->sets, i);
        if (strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

/* "CODE[FROM..TO]" of an entry's codes, space-separated ("KAZ" when undated). */
static const char *codes_of(const bactor *a)
{
    static char out[512];
    out[0] = '\0';
    for (uint32_t i = 0; i < a->ncodes; i++) {
        size_t l = strlen(out);
        if (a->codes[i].dated)
            snprintf(out + l, sizeof out - l, "%s%s[%d..%d]", l ? " " : "", a->codes[i].code,
                     (int)a->codes[i].from, (int)a->codes[i].to);
        else
            snprintf(out + l, sizeof out - l, "%s%s", l ? " " : "", a->codes[i].code);
    }
    return out;
}

static const char *names_of(const bactor *a)
{
    static char out[512];
    out[0] = '\0';
    for (size_t i = 0; i < a->nnames; i++) {
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s%s", l ? "|" : "", a->names[i]);
    }
    return out;
}

/* Codes text for a story dated `date`; returns "SRC TGT CODE;..." */
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
        snprintf(out + l, sizeof out - l, "%s %s %s;", e->source, e->target, e->code);
    }
    ac_doc_free(doc);
    return out;
}

/* ---- verbs ---------------------------------------------------------------------- */

static const char VERBS[] =
    "# a verb dictionary written for the test\n"               /* 1 */
    "&WEAPON\n"                                                /* 2 */
    "+MISSILE\n"                                               /* 3 */
    "+ATTACK_HELICOPTER_\n"                                    /* 4 */
    "&ARMS_\n"                                                 /* 5 */
    "+&WEAPON\n"                                               /* 6 */
    "+RIFLE\n"                                                 /* 7 */
    "\n"                                                       /* 8 */
    "---  ASK   [---]  ---\n"                                  /* 9 */
    "+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]\n"      /* 10 */
    "ASK     [021]\n"                                          /* 11 */
    "WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}\n"                 /* 12 */
    "QUERY  # no code of its own\n"                            /* 13 */
    "- * (FOR {FINANCIAL AID})     [0231]  # ASK\n"            /* 14 */
    "- &WEAPON ^ * % (TO $)        [042:043]\n"                /* 15 */
    "- * (BEFORE COURT)            [:173]\n"                   /* 16 */
    "- * NOTHING                   [---]\n"                    /* 17 */
    "- * BY/WITH &ARMS_            [194]\n"                    /* 18 */
    "<!-- a comment\n"                                         /* 19 */
    "   over two lines -->\n"                                  /* 20 */
    "---  SPEED   [070]  ---\n"                                /* 21 */
    "SPEED {SPEEDING SPEEDS SPED }\n"                          /* 22 */
    "BREAK { BROKEN BROKE  } ;shan 8/30/93\n"                  /* 23 */
    "SPEED\n"                                                  /* 24 */
    "~ a (a b ATTACK) SAY = a b 015\n"                         /* 25 */
    "&END\n"                                                   /* 26 */
    "+(TO THE END)\n";                                         /* 27 */

static void verbs_map_to_patterns(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict_builder *b = load(VERBS, AC_DICT_PETR_VERBS, &dg);
    if (dg.n != 1)
        dump_diags(&dg);
    assert_int_equal(dg.n, 1);
    assert_true(reported(&dg, 25, "transformations are not supported"));

    /* Sets: names without '&' and '_', members lower-cased, a set inside a set. */
    const bset *w = find_set(b, "WEAPON"), *arms = find_set(b, "ARMS");
    assert_non_null(w);
    assert_non_null(arms);
    assert_int_equal(w->nphrases, 2);
    assert_string_equal(w->phrases[1], "attack helicopter");
    assert_int_equal(arms->nphrases, 3);
    assert_string_equal(arms->phrases[0], "missile");
    assert_string_equal(arms->phrases[2], "rifle");
    assert_string_equal(find_set(b, "END")->phrases[0], "to the end");

    /* Bare verbs with a code, then every pattern for every verb. */
    const bpattern *p = find_pattern(b, "*ask for");
    assert_non_null(p);
    assert_string_equal(p->code, "020");
    assert_null(p->code2);
    assert_int_equal(p->line, 10);
    assert_true(p->lenient);
    p = find_pattern(b, "*ask");
    assert_non_null(p);
    assert_string_equal(p->code, "021");
    assert_null(find_pattern(b, "wire *tap"));     /* block default [---]: no bare pattern */
    assert_null(find_pattern(b, "*query"));

    p = find_pattern(b, "*ask for financial aid");
    assert_non_null(p);
    assert_string_equal(p->code, "0231");
    assert_int_equal(p->line, 14);
    assert_non_null(find_pattern(b, "*ask for for financial aid"));
    assert_non_null(find_pattern(b, "wire *tap for financial aid"));
    assert_non_null(find_pattern(b, "*query for financial aid"));

    p = find_pattern(b, "&WEAPON ^ *query % to $");  /* '^' and '%' kept */
    assert_non_null(p);
    assert_string_equal(p->code, "042");
    assert_string_equal(p->code2, "043");
    p = find_pattern(b, "*ask before court");
    assert_non_null(p);
    assert_null(p->code);
    assert_string_equal(p->code2, "173");
    assert_null(find_pattern(b, "*ask nothing"));  /* [---]: codes nothing */
    p = find_pattern(b, "wire *tap by/with &ARMS");
    assert_non_null(p);
    assert_string_equal(p->code, "194");

    p = find_pattern(b, "*speed");
    assert_non_null(p);
    assert_string_equal(p->code, "070");
    assert_non_null(find_pattern(b, "*break"));
    /* 2 bare + 4 patterns x 4 verbs + 2 bare; SPEED listed twice counts once. */
    assert_int_equal(b->patterns.len, 20);

    /* Irregular forms placed by suffix; multi-word forms give their '+' word. */
    const birregular *r = find_irregular(b, "ask");
    assert_non_null(r);
    assert_int_equal(r->n, 5);
    assert_string_equal(r->forms[1], "asked");
    assert_string_equal(r->forms[2], "asked");
    assert_string_equal(r->forms[3], "asks");
    assert_string_equal(r->forms[4], "asking");
    r = find_irregular(b, "tap");
    assert_non_null(r);
    assert_string_equal(r->forms[1], "tapped");
    assert_string_equal(r->forms[3], "taps");      /* not listed: the regular one */
    assert_string_equal(r->forms[4], "tapping");
    r = find_irregular(b, "speed");
    assert_non_null(r);
    assert_string_equal(r->forms[1], "sped");
    assert_string_equal(r->forms[3], "speeds");
    assert_string_equal(r->forms[4], "speeding");
    r = find_irregular(b, "break");
    assert_non_null(r);
    assert_int_equal(r->n, 4);
    assert_string_equal(r->forms[1], "broke");
    assert_string_equal(r->forms[2], "broken");
    assert_null(find_irregular(b, "query"));
    ac_dict_builder_free(b);
}

static void verbs_bad_lines_reported(void **state)
{
    (void)state;
    static const char TEXT[] =
        "ASK [020]\n"                               /* 1  before any block */
        "--- ASK [02x] ---\n"                       /* 2  bad block code: no default */
        "ASK\n"                                     /* 3 */
        "- * HELP [0x0]\n"                          /* 4  bad code */
        "- HELP [020]\n"                            /* 5  no '*' */
        "- * &NOSUCH [020]\n"                       /* 6  undefined synset */
        "- * ONE\0TWO [020]\n"                      /* 7  NUL byte */
        "- * \xff\xfe [020]\n"                      /* 8  invalid UTF-8 */
        "- * A+B [020]\r\n"                         /* 9  '+' inside a word */
        "- * * [020]\n"                             /* 10 two '*' */
        "- * HELP\n"                                /* 11 no code */
        "&SE\x01T\n"                                /* 12 control character: set lost */
        "+LOST_MEMBER\n"                            /* 13 dropped with it */
        "--- \x80 [030] ---\n"                      /* 14 lost header: its lines go */
        "LOSTVERB\n"                                /* 15 */
        "- * ANYTHING [030]\n"                      /* 16 */
        "--- TALK [040] ---\r\n"                    /* 17 CR LF */
        "TALK\r\n"                                  /* 18 */
        "- * HELP [020]";                           /* 19 no final newline */
    diags dg = {0};
    ac_dict_builder *b = load_n(TEXT, sizeof TEXT - 1, AC_DICT_PETR_VERBS, &dg);
    assert_true(reported(&dg, 1, "before the first verb block"));
    assert_true(reported(&dg, 2, "bad block code"));
    assert_true(reported(&dg, 4, "bad code"));
    assert_true(reported(&dg, 5, "exactly one '*'"));
    assert_true(reported(&dg, 6, "not defined"));
    assert_true(reported(&dg, 7, "NUL byte"));
    assert_true(reported(&dg, 8, "invalid UTF-8"));
    assert_true(reported(&dg, 9, "unsupported character '+'"));
    assert_true(reported(&dg, 10, "exactly one '*'"));
    assert_true(reported(&dg, 11, "without a [CODE]"));
    assert_true(reported(&dg, 12, "control character"));
    assert_true(reported(&dg, 14, "invalid UTF-8"));
    if (dg.n != 12)
        dump_diags(&dg);
    assert_int_equal(dg.n, 12);
    assert_int_equal(b->bad_lines, 12);
    assert_int_equal(b->sets.len, 0);
    assert_int_equal(b->patterns.len, 2);
    assert_non_null(find_pattern(b, "*talk"));
    assert_non_null(find_pattern(b, "*talk help"));
    assert_null(find_pattern(b, "*ask"));           /* its block lost its default code */
    assert_null(find_pattern(b, "*lostverb"));
    ac_dict_builder_free(b);
}

/* ---- actors --------------------------------------------------------------------- */

static const char ACTORS[] =
    "# actors written for the test\n"               /* 1 */
    "KAZAKHSTAN_  [KAZ]\n"                          /* 2 */
    "+KAZAKH_\n"                                    /* 3 */
    "+ASTANA_ +AKMOLA_\n"                           /* 4  two synonyms on a line */
    "BARACK_OBAMA_\n"                               /* 5 */
    "+PRESIDENT_OBAMA_\n"                           /* 6 */
    "\t[USAELI 780101-000101]\n"                    /* 7  two-digit years: 1978, 2000 */
    "\t[USAGOV >090120] [USAPTY <780101]\n"         /* 8  two restrictions on a line */
    "  [USAGOV 20090120-20170119]  \n"              /* 9  spaces, not a tab */
    "PAT_EXAMPLE_ [KAZGOV > 140608]\n"              /* 10 a space after '>' */
    "\t[KAZELI 2004017-20061201]\n"                 /* 11 bad date (7 digits) */
    "\t[KAZELI 20100231-20110101]\n"                /* 12 bad date (31 February) */
    "\t[KAZELI 20150101-20141231]\n"                /* 13 bad range (from after to) */
    "\t[KAZELI 20121204]\n"                         /* 14 a date without <, > or - */
    "KAZAKHSTAN_\n"                                 /* 15 repeated primary */
    "+QAZAQSTAN_\n"                                 /* 16 */
    "\t[KAZOCC <911216]\n"                          /* 17 */
    "INDIAN_OCEAN  [---]\n"                         /* 18 known, no code */
    "LEONID_BREZHNEV_\n"                            /* 19 the '+' of the next is missing */
    "SECRETARY_BREZHNEV\n"                          /* 20 */
    "\t[RUSGOV 641014-821110]\n"                    /* 21 */
    "UNITED_NATIONS_ [IGOUNO]\n"                    /* 22 */
    "AMNESTY_INTERNATIONAL_ [NGOHRI]\n"             /* 23 */
    "BOKO_HARAM [NGAREB]\n"                         /* 24 */
    "CAFE_NO\0IR_ [FRA]\n"                          /* 25 NUL byte: the entry is lost */
    "+CAFE_SYNONYM\n"                               /* 26 lost with it */
    "JOSE_DE_SAN_MARTIN_ [ARGELI]\n"                /* 27 */
    "RECEP_ERDO\xc4\x9e" "AN_ [TURGOV]\n"           /* 28 non-ASCII, valid */
    "BAD\xc3_NAME_ [XXX]\n"                         /* 29 invalid UTF-8 */
    "MYSTERY_MAN_ [+++]\n"                          /* 30 bad code: kept without it */
    "REUTERS\n"                                     /* 31 */
    "\t[MED]\n"                                     /* 32 a sector, not a country */
    "+_\n"                                          /* 33 empty synonym name */
    "HRV_FAEROYENE]_ [FRO]\n";                      /* 34 stray ']' */

static void actors_read_every_quirk(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict_builder *b = load_n(ACTORS, sizeof ACTORS - 1, AC_DICT_PETR_ACTORS, &dg);
    assert_true(reported(&dg, 11, "bad date"));
    assert_true(reported(&dg, 12, "bad date"));
    assert_true(reported(&dg, 13, "bad date"));
    assert_true(reported(&dg, 14, "a date needs"));
    assert_true(reported(&dg, 25, "NUL byte"));
    assert_true(reported(&dg, 29, "invalid UTF-8"));
    assert_true(reported(&dg, 30, "bad actor code"));
    assert_true(reported(&dg, 33, "empty name"));
    assert_true(reported(&dg, 34, "stray ']'"));
    if (dg.n != 9)
        dump_diags(&dg);
    assert_int_equal(dg.n, 9);

    /* A repeated primary joins the first entry: names and codes. */
    const bactor *a = find_actor(b, "Kazakhstan");
    assert_non_null(a);
    assert_ptr_equal(a, find_actor(b, "Qazaqstan"));
    assert_string_equal(names_of(a), "Kazakhstan|Kazakh|Astana|Akmola|Qazaqstan");
    assert_string_equal(codes_of(a), "KAZ KAZOCC[0..19911216]");
    assert_int_equal(a->kind, BK_COUNTRY);
    assert_int_equal(a->caps, CAPS_FIRST);
    assert_int_equal(a->line, 2);

    a = find_actor(b, "Barack Obama");
    assert_non_null(a);
    assert_string_equal(names_of(a), "Barack Obama|President Obama");
    assert_string_equal(codes_of(a), "USAELI[19780101..20000101] USAGOV[20090120..99999999] "
                                     "USAPTY[0..19780101] USAGOV[20090120..20170119]");
    assert_int_equal(a->kind, BK_PERSON);

    a = find_actor(b, "Pat Example");                /* the bad restrictions are dropped */
    assert_non_null(a);
    assert_string_equal(codes_of(a), "KAZGOV[20140608..99999999]");

    a = find_actor(b, "Indian Ocean");
    assert_non_null(a);
    assert_int_equal(a->ncodes, 0);

    a = find_actor(b, "Leonid Brezhnev");
    assert_non_null(a);
    assert_string_equal(names_of(a), "Leonid Brezhnev|Secretary Brezhnev");
    assert_string_equal(codes_of(a), "RUSGOV[19641014..19821110]");

    assert_int_equal(find_actor(b, "United Nations")->kind, BK_IGO);
    assert_int_equal(find_actor(b, "Amnesty International")->kind, BK_GROUP);
    assert_int_equal(find_actor(b, "Boko Haram")->kind, BK_GROUP);
    assert_int_equal(find_actor(b, "Reuters")->kind, BK_GROUP);
    assert_null(find_actor(b, "Cafe Synonym"));
    assert_non_null(find_actor(b, "Jose de San Martin"));
    assert_non_null(find_actor(b, "Recep Erdo\xc4\x9f" "an"));
    a = find_actor(b, "Mystery Man");
    assert_non_null(a);
    assert_int_equal(a->ncodes, 0);
    assert_int_equal(b->actors.len, 12);
    ac_dict_builder_free(b);
}

/* ---- agents ---------------------------------------------------------------------- */

static void agents_codes_plurals_markers(void **state)
{
    (void)state;
    static const char TEXT[] =
        "<!-- agents written for the test -->\n"     /* 1 */
        "!PERSON! = MAN, MEN, WOMAN\n"               /* 2 */
        "PRESIDENT [~GOV]\n"                         /* 3 */
        "POLICE {} [~COP]\n"                         /* 4 */
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n" /* 5 */
        "HUMAN_RIGHTS_BODY  [NGO~]\n"                /* 6 */
        "CATTLE!PERSON! [~AGR]\n"                    /* 7 */
        "HUSBAND!PERSON![~AGR]\n"                    /* 8 no space before '[' */
        "FOREIGN_!MINIST! [~GOV]\n"                  /* 9 unknown marker */
        "ISLAMIC_EXTREMIST\n"                        /* 10 no code */
        "ENVIRONMENT_OFFICE [~ENV}\n"                /* 11 '}' closes the code */
        "RIOT_SQUAD [ ~COP ]\n"                      /* 12 blanks in the brackets */
        "CON!PERSON!AGEMENT [~BUS]\n"                /* 13 a marker inside a word */
        "SPY [GOV]\n";                               /* 14 no '~' */
    diags dg = {0};
    ac_dict_builder *b = load(TEXT, AC_DICT_PETR_AGENTS, &dg);
    assert_true(reported(&dg, 9, "unknown substitution marker"));
    assert_true(reported(&dg, 10, "without a [CODE]"));
    assert_true(reported(&dg, 14, "needs '~'"));
    if (dg.n != 3)
        dump_diags(&dg);
    assert_int_equal(dg.n, 3);

    const bactor *a = find_actor(b, "president");
    assert_non_null(a);
    assert_int_equal(a->kind, BK_AGENT);
    assert_int_equal(a->caps, CAPS_NONE);
    assert_int_equal(a->exact, 0);
    assert_int_equal(a->prefix, 0);
    assert_string_equal(codes_of(a), "GOV");
    a = find_actor(b, "police");
    assert_int_equal(a->exact, 1);
    a = find_actor(b, "attorney general");
    assert_string_equal(names_of(a), "attorney general|attorneys general");
    assert_int_equal(a->exact, 1);
    a = find_actor(b, "human rights body");
    assert_int_equal(a->prefix, 1);
    assert_string_equal(codes_of(a), "NGO");
    a = find_actor(b, "cattleman");
    assert_string_equal(names_of(a), "cattleman|cattlemen|cattlewoman");
    assert_int_equal(a->exact, 1);
    assert_string_equal(names_of(find_actor(b, "husbandman")), "husbandman|husbandmen|husbandwoman");
    assert_string_equal(codes_of(find_actor(b, "environment office")), "ENV");
    assert_string_equal(codes_of(find_actor(b, "riot squad")), "COP");
    assert_non_null(find_actor(b, "conpersonagement"));
    assert_int_equal(b->actors.len, 9);
    ac_dict_builder_free(b);
}

/* ---- discards and issues ------------------------------------------------------------ */

static void discards_sentence_and_story(void **state)
{
    (void)state;
    static const char TEXT[] =
        "+WORLD CUP   # a story discard\n"
        "AFL GRAND FINAL\n"
        "GROUP A_\n"
        "+ World Golf Championships\n"
        "+\n";
    diags dg = {0};
    ac_dict_builder *b = load(TEXT, AC_DICT_PETR_DISCARDS, &dg);
    assert_int_equal(dg.n, 1);
    assert_true(reported(&dg, 5, "empty"));
    assert_int_equal(b->actors.len, 4);
    assert_int_equal(find_actor(b, "world cup")->kind, BK_DISCARD_STORY);
    assert_int_equal(find_actor(b, "afl grand final")->kind, BK_DISCARD);
    assert_int_equal(find_actor(b, "group a")->kind, BK_DISCARD);
    const bactor *a = find_actor(b, "world golf championships");
    assert_int_equal(a->kind, BK_DISCARD_STORY);
    assert_int_equal(a->ncodes, 0);
    assert_int_equal(a->caps, CAPS_NONE);
    ac_dict_builder_free(b);
}

static void issues_expand_forms(void **state)
{
    (void)state;
    static const char TEXT[] =
        "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"              /* 1 */
        "n:school [SCHOOLS]\n"                                        /* 2 */
        "pre+n:school [EARLY_EDUCATION]\n"                            /* 3 */
        "ethnic v:purge [ATROCITY]\n"                                 /* 4 */
        "~a head start\n"                                             /* 5 */
        "~~armenian genocide  # not coded\n"                          /* 6 */
        "intimidation of press [CENSORSHIP]intimidation of the media [CENSORSHIP]\n" /* 7 */
        "eec\n"                                                       /* 8 no code */
        "n:traveler[TOURISM]\n"                                       /* 9 */
        "n:city [URBAN]\n"                                            /* 10 */
        "aqim [TERROR] [TERROR]\n"                                    /* 11 */
        "south+to+south [SOUTH-TO-SOUTH]\n"                           /* 12 */
        "</ISSUE>\n";                                                 /* 13 */
    diags dg = {0};
    ac_dict_builder *b = load(TEXT, AC_DICT_PETR_ISSUES, &dg);
    assert_int_equal(dg.n, 1);
    assert_true(reported(&dg, 8, "without a [CODE]"));
    const bactor *a = find_actor(b, "school");
    assert_non_null(a);
    assert_int_equal(a->kind, BK_ISSUE);
    assert_int_equal(a->caps, CAPS_NONE);
    assert_string_equal(names_of(a), "school|schools");
    assert_string_equal(codes_of(a), "SCHOOLS");
    assert_string_equal(names_of(find_actor(b, "pre school")),
                        "pre school|pre schools|pre-school|pre-schools");
    assert_string_equal(names_of(find_actor(b, "ethnic purge")),
                        "ethnic purge|ethnic purges|ethnic purged|ethnic purging");
    a = find_actor(b, "a head start");
    assert_int_equal(a->kind, BK_ISSUE_IGNORE);
    assert_int_equal(a->ncodes, 0);
    assert_int_equal(find_actor(b, "armenian genocide")->kind, BK_ISSUE_IGNORE);
    assert_string_equal(codes_of(find_actor(b, "intimidation of press")), "CENSORSHIP");
    assert_string_equal(codes_of(find_actor(b, "intimidation of the media")), "CENSORSHIP");
    assert_string_equal(names_of(find_actor(b, "traveler")), "traveler|travelers");
    assert_string_equal(names_of(find_actor(b, "city")), "city|cities");
    assert_string_equal(codes_of(find_actor(b, "aqim")), "TERROR");
    assert_string_equal(codes_of(find_actor(b, "south to south")), "SOUTH-TO-SOUTH");
    assert_non_null(find_actor(b, "south-to-south"));
    assert_int_equal(b->actors.len, 11);
    ac_dict_builder_free(b);
}

/* ---- coding with what the loaders read ------------------------------------------------ */

static const char E2E_VERBS[] =
    "---  MEET   [040]  ---\n"
    "MEET {MET MEETING MEETS}\n"
    "---  VISIT   [042:043]  ---\n"
    "VISIT\n"
    "---  ACCUSE   [---]  ---\n"
    "ACCUSE\n"
    "- * + (OF CORRUPTION) [1121]\n";

static const char E2E_ACTORS[] =
    "KAZAKHSTAN_  [KAZ]\n"
    "+KAZAKH_\n"
    "ISRAEL_ [ISR]\n"
    "+ISRAELI_\n"
    "PAT_EXAMPLE_\n"
    "+EXAMPLE_\n"
    "\t[KAZELI 900101-091231]\n"
    "\t[KAZGOV >100101]\n"
    "ISRAEL TELEVISION [ISRTV]\n";          /* a blank: words may come between */

static const char E2E_AGENTS[] = "PRESIDENT [~GOV]\nPOLICE {} [~COP]\n";

static void coded_with_petrarch_records(void **state)
{
    (void)state;
    diags dg = {0};
    ac_dict_builder *b = ac_dict_builder_new();
    assert_non_null(b);
    ac_dict_builder_set_diag(b, on_diag, &dg);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_text_format(b, "v.txt", E2E_VERBS, strlen(E2E_VERBS),
                                                     AC_DICT_PETR_VERBS, &err), AC_OK);
    assert_int_equal(ac_dict_builder_add_text_format(b, "a.txt", E2E_ACTORS, strlen(E2E_ACTORS),
                                                     AC_DICT_PETR_ACTORS, &err), AC_OK);
    assert_int_equal(ac_dict_builder_add_text_format(b, "g.txt", E2E_AGENTS, strlen(E2E_AGENTS),
                                                     AC_DICT_PETR_AGENTS, &err), AC_OK);
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    if (dg.n)
        dump_diags(&dg);
    assert_int_equal(dg.n, 0);
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    assert_int_equal(st.countries, 2);
    assert_int_equal(st.people, 2);     /* Pat Example, Israel Television */
    assert_int_equal(st.agents, 2);
    assert_int_equal(st.patterns, 3);

    assert_string_equal(code(d, "2015-06-01", "The Kazakh president met Israel."), "KAZGOV ISR 040;");
    /* The dated restrictions choose the code by the story's date. */
    assert_string_equal(code(d, "2015-06-01", "Pat Example met Israel."), "KAZGOV ISR 040;");
    assert_string_equal(code(d, "1995-06-01", "Pat Example met Israel."), "KAZELI ISR 040;");
    /* A paired code: the visit, and the hosting the other way. */
    assert_string_equal(code(d, "2015-06-01", "Kazakhstan visited Israel."), "KAZ ISR 042;ISR KAZ 043;");
    assert_string_equal(code(d, "2015-06-01", "Israel accused Kazakhstan of corruption."),
                        "ISR KAZ 1121;");
    /* Words parted by a blank may have up to three words between them. */
    assert_string_equal(code(d, "2015-06-01", "Kazakhstan met Israel state-run television."),
                        "KAZ ISRTV 040;");
    assert_string_equal(code(d, "2015-06-01", "Kazakhstan met Israel Television."), "KAZ ISRTV 040;");
    /* CAPS_FIRST: a capitalised name needs its capital in the text. */
    assert_string_equal(code(d, "2015-06-01", "An example met Israel."), "");
    ac_dict_free(d);
}

/* ---- PETR_config.ini -------------------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    fclose(f);
}

static void remove_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static void config_loads_named_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/accord-petr-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "PETR_config.ini",
               "# a config written for the test\n"
               "[Dictionaries]\n"
               "verbfile_name    = verbs.txt\n"
               "actorfile_list   = a1.actors.txt, a2.actors.txt\n"
               "agentfile_name   = agents.txt\n"
               "discardfile_name = discards.txt\n"
               "issuefile_name   = issues.txt\n"
               "\n"
               "#[Dictionaries]\n"
               "#verbfile_name    = missing.txt\n"
               "[Options]\n"
               "verbfile_name = not-this-one.txt\n");
    write_file(dir, "verbs.txt", E2E_VERBS);
    write_file(dir, "a1.actors.txt", "KAZAKHSTAN_ [KAZ]\n");
    write_file(dir, "a2.actors.txt", "ISRAEL_ [ISR]\n");
    write_file(dir, "agents.txt", E2E_AGENTS);
    write_file(dir, "discards.txt", "+WORLD CUP\nBASEBALL\n");
    write_file(dir, "issues.txt", "n:school [SCHOOLS]\n");
    char ini[512];
    snprintf(ini, sizeof ini, "%s/PETR_config.ini", dir);

    for (int auto_fmt = 0; auto_fmt < 2; auto_fmt++) {
        ac_dict_builder *b = ac_dict_builder_new();
        ac_error err;
        assert_int_equal(ac_dict_builder_add_format(b, ini, auto_fmt ? AC_DICT_AUTO : AC_DICT_PETR_CONFIG,
                                                    &err), AC_OK);
        ac_dict *d = NULL;
        assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
        ac_dict_stats st;
        ac_dict_get_stats(d, &st);
        assert_int_equal(st.files, 6);
        assert_int_equal(st.lines_bad, 0);
        assert_int_equal(st.countries, 2);
        assert_int_equal(st.agents, 2);
        assert_int_equal(st.patterns, 3);
        assert_int_equal(st.discards, 2);
        assert_true(st.issues >= 1);
        ac_dict_free(d);
    }

    /* A file the config names is missing: AC_EIO naming it. */
    remove_file(dir, "a2.actors.txt");
    ac_dict_builder *b = ac_dict_builder_new();
    ac_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(ac_dict_builder_add_format(b, ini, AC_DICT_PETR_CONFIG, &err), AC_EIO);
    assert_non_null(strstr(err.file, "a2.actors.txt"));
    ac_dict_builder_free(b);

    /* A config that names nothing. */
    write_file(dir, "empty.ini", "[Options]\nnew_actor_length = 0\n");
    snprintf(ini, sizeof ini, "%s/empty.ini", dir);
    b = ac_dict_builder_new();
    assert_int_not_equal(ac_dict_builder_add_format(b, ini, AC_DICT_PETR_CONFIG, &err), AC_OK);
    ac_dict_builder_free(b);
    /* And one that does not exist. */
    snprintf(ini, sizeof ini, "%s/nothing.ini", dir);
    b = ac_dict_builder_new();
    assert_int_equal(ac_dict_builder_add_format(b, ini, AC_DICT_PETR_CONFIG, &err), AC_EIO);
    ac_dict_builder_free(b);

    const char *files[] = {"PETR_config.ini", "verbs.txt", "a1.actors.txt", "agents.txt",
                           "discards.txt", "issues.txt", "empty.ini"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        remove_file(dir, files[i]);
    rmdir(dir);
}

/* ---- robustness: arbitrary bytes ---------------------------------------------------------- */

static void arbitrary_bytes_never_crash(void **state)
{
    (void)state;
    static const char ALPHABET[] = "AB_+-*&~![]{}()<>:;#$%^/.,' \t\n\r\x01\xc3\xa9\xff" "0123456789=\"";
    static const ac_dict_format FMT[] = {AC_DICT_PETR_VERBS, AC_DICT_PETR_ACTORS, AC_DICT_PETR_AGENTS,
                                         AC_DICT_PETR_DISCARDS, AC_DICT_PETR_ISSUES};
    uint64_t seed = 12345;
    char text[512];
    for (int round = 0; round < 400; round++) {
        size_t n = 0;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t len = (size_t)(seed >> 33) % sizeof text;
        while (n < len) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            text[n++] = ALPHABET[(seed >> 33) % (sizeof ALPHABET - 1)];
        }
        diags dg = {0};
        ac_dict_builder *b = load_n(text, n, FMT[round % 5], &dg);
        assert_int_equal(b->bad_lines, (size_t)dg.n);
        ac_dict *d = NULL;
        ac_error err;
        assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
        code(d, "2015-01-01", "AB met B+ in A.");
        ac_dict_free(d);
    }
}

/* ---- the real dictionaries (../shared) ------------------------------------------------------ */

/* Reasons the community files are known to give (each line is a defect of
 * the file, not of the loader), with the most lines each may account for. */
static const struct {
    const char *part;
    int max;
} EXPLAINED[] = {
    {"transformations are not supported", 8},          /* CAMEO.2.0.txt's 8 "~" lines */
    {"unsupported character '/' in the synset member", 8}, /* F/A-18, MI-24VM/HIND */
    {"bad code '[080!]'", 1},
    {"synset '&DEMONSTRATION' is not defined", 1},
    {"bad date in", 8},                                /* 2004017, 1920050709, 31 Feb ... */
    {"a date needs", 2},                               /* [MNEGOV 20121204] */
    {"control character", 2},                         /* Z\x1aROUAL, STRASK\x1aY */
    {"stray ']' in the name", 1},                      /* +FAEROYENE]_ */
    {"unexpected text", 4},                            /* MNC lines missing their '#' */
    {"agent without a [CODE]", 1},                     /* ISLAMIC_EXTREMIST */
    {"issue phrase without a [CODE]", 14},             /* eec, v:kidnap ... */
};

typedef struct tally {
    int n[sizeof EXPLAINED / sizeof EXPLAINED[0]];
    int unexplained;
} tally;

static void on_real_diag(void *ctx, const ac_error *w)
{
    tally *t = ctx;
    for (size_t i = 0; i < sizeof EXPLAINED / sizeof EXPLAINED[0]; i++)
        if (strstr(w->msg, EXPLAINED[i].part)) {
            t->n[i]++;
            return;
        }
    t->unexplained++;
    fprintf(stderr, "  unexplained: %s:%llu: %s\n", w->file, (unsigned long long)w->line, w->msg);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void real_phoenix_dictionaries(void **state)
{
    (void)state;
    const char *ini = ACCORD_SHARED_DIR "/data/petrarch2-dictionaries/PETR_config.ini";
    struct stat sb;
    if (stat(ini, &sb) != 0) {
        printf("SKIP: ../shared not found (%s)\n", ini);
        return;
    }
    tally t;
    memset(&t, 0, sizeof t);
    double t0 = now();
    ac_dict_builder *b = ac_dict_builder_new();
    ac_dict_builder_set_diag(b, on_real_diag, &t);
    ac_error err;
    assert_int_equal(ac_dict_builder_add_format(b, ini, AC_DICT_AUTO, &err), AC_OK);
    double t1 = now();
    ac_dict *d = NULL;
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    double t2 = now();
    ac_dict_stats st;
    ac_dict_get_stats(d, &st);
    printf("Phoenix set: load %.0f ms, build %.0f ms; %zu bad lines; %zu countries, %zu IGOs, "
           "%zu groups, %zu people, %zu agents, %zu patterns, %zu sets, %zu discards, %zu issues\n",
           (t1 - t0) * 1e3, (t2 - t1) * 1e3, st.lines_bad, st.countries, st.igos, st.groups,
           st.people, st.agents, st.patterns, st.sets, st.discards, st.issues);
    int explained = 0;
    for (size_t i = 0; i < sizeof EXPLAINED / sizeof EXPLAINED[0]; i++) {
        printf("  %3d  %s\n", t.n[i], EXPLAINED[i].part);
        assert_true(t.n[i] <= EXPLAINED[i].max);
        explained += t.n[i];
    }
    assert_int_equal(t.unexplained, 0);
    assert_int_equal(st.lines_bad, (size_t)explained);
    assert_int_equal(st.files, 7);
    assert_true(st.countries >= 200);
    assert_true(st.people >= 15000);
    assert_true(st.groups >= 5000);
    assert_true(st.igos >= 200);
    assert_true(st.agents >= 1900);
    assert_true(st.patterns >= 45000);
    assert_int_equal(st.sets, 40);
    assert_true(st.discards >= 450);
    assert_true(st.issues >= 2500);

    /* A few sentences code with them (the actors' dated codes need a date). */
    assert_non_null(strstr(code(d, "2015-03-10", "Israeli troops attacked Hamas militants."),
                           "ISRMIL PSEREBHMS 190;"));
    assert_non_null(strstr(code(d, "2015-03-10", "The United States accused Iran of supporting terrorism."),
                           "USA IRN 112;"));
    assert_non_null(strstr(code(d, "2010-03-10", "President Obama met Russian President Dmitry Medvedev."),
                           "USAGOV RUSGOV 040;"));
    ac_dict_free(d);

    /* The validation dictionaries load too (their toy codes are reported). */
    static const struct {
        const char *path;
        ac_dict_format fmt;
    } VALIDATE[] = {
        {"/data/petrarch2-dictionaries/PETR.Validate.verbs.txt", AC_DICT_PETR_VERBS},
        {"/data/petrarch2-dictionaries/PETR.Validate.actors.txt", AC_DICT_PETR_ACTORS},
        {"/data/petrarch2-dictionaries/PETR.Validate.agents.txt", AC_DICT_PETR_AGENTS},
        {"/data/petrarch2-dictionaries/PETR.Validate.discards.txt", AC_DICT_PETR_DISCARDS},
        {"/data/universalpetrarch-validation/PETR_Validate_verbs_2_02.txt", AC_DICT_PETR_VERBS},
        {"/data/universalpetrarch-validation/PETR_Validate_actors_2_02.txt", AC_DICT_PETR_ACTORS},
        {"/data/universalpetrarch-validation/PETR_Validate_agents_2_02.txt", AC_DICT_PETR_AGENTS},
        {"/data/universalpetrarch-validation/PETR_Validate_discards_2_02.txt", AC_DICT_PETR_DISCARDS},
    };
    b = ac_dict_builder_new();
    diags dg = {0};
    ac_dict_builder_set_diag(b, on_diag, &dg);
    for (size_t i = 0; i < sizeof VALIDATE / sizeof VALIDATE[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s%s", ACCORD_SHARED_DIR, VALIDATE[i].path);
        assert_int_equal(ac_dict_builder_add_format(b, path, VALIDATE[i].fmt, &err), AC_OK);
    }
    assert_int_equal(ac_dict_build(b, &d, &err), AC_OK);
    ac_dict_get_stats(d, &st);
    printf("validation dictionaries: %zu bad lines, %zu actors, %zu agents, %zu patterns\n",
           st.lines_bad, st.countries + st.igos + st.groups + st.people, st.agents, st.patterns);
    assert_true(st.patterns > 500);
    assert_true(st.agents > 50);
    ac_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verbs_map_to_patterns),
        cmocka_unit_test(verbs_bad_lines_reported),
        cmocka_unit_test(actors_read_every_quirk),
        cmocka_unit_test(agents_codes_plurals_markers),
        cmocka_unit_test(discards_sentence_and_story),
        cmocka_unit_test(issues_expand_forms),
        cmocka_unit_test(coded_with_petrarch_records),
        cmocka_unit_test(config_loads_named_files),
        cmocka_unit_test(arbitrary_bytes_never_crash),
        cmocka_unit_test(real_phoenix_dictionaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
