/*
 * test_text.c -- the text stage: normalisation, tokens, sentence splitting.
 *
 * Each test feeds a string through the functions of lib/text/text.h and
 * compares a compact rendering of the result: tokens joined by "|",
 * sentences one per line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/arena.h"
#include "text/text.h"

/* ---- helpers -------------------------------------------------------------- */

static char *normalize(ac_arena *a, const char *s, size_t *len)
{
    char *out = ac_text_normalize(a, s, strlen(s), len);
    assert_non_null(out);
    return out;
}

/* The tokens of s (normalised first), joined by "|". */
static char *tokens(ac_arena *a, const char *s, ac_tok **toks_out, size_t *n_out)
{
    size_t len, n;
    char *text = normalize(a, s, &len);
    ac_tok *t = ac_text_tokenize(a, text, len, &n);
    assert_non_null(t);
    char *out = ac_arena_alloc(a, len * 2 + 2);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            out[o++] = '|';
        memcpy(out + o, text + t[i].start, t[i].len);
        o += t[i].len;
    }
    out[o] = '\0';
    if (toks_out)
        *toks_out = t;
    if (n_out)
        *n_out = n;
    return out;
}

/* The flags of the token whose text is w (the first such token). */
static unsigned flags_of(ac_arena *a, const char *s, const char *w)
{
    size_t len, n;
    char *text = normalize(a, s, &len);
    ac_tok *t = ac_text_tokenize(a, text, len, &n);
    for (size_t i = 0; i < n; i++)
        if (t[i].len == strlen(w) && memcmp(text + t[i].start, w, t[i].len) == 0)
            return t[i].flags;
    fail_msg("no token '%s' in '%s'", w, s);
    return 0;
}

/* The sentences of s, one per line, each from its first to its last token. */
static char *sentences(ac_arena *a, const char *s, size_t *count)
{
    size_t len, n, ns;
    char *text = normalize(a, s, &len);
    ac_tok *t = ac_text_tokenize(a, text, len, &n);
    assert_non_null(t);
    ac_span *sp = ac_text_split(a, text, t, n, &ns);
    assert_non_null(sp);
    char *out = ac_arena_alloc(a, len + ns + 1);
    size_t o = 0;
    for (size_t i = 0; i < ns; i++) {
        assert_true(sp[i].count > 0);
        const ac_tok *f = &t[sp[i].first], *l = &t[sp[i].first + sp[i].count - 1];
        size_t b = f->start, e = l->start + l->len;
        memcpy(out + o, text + b, e - b);
        o += e - b;
        out[o++] = '\n';
    }
    out[o] = '\0';
    if (count)
        *count = ns;
    return out;
}

static int setup(void **state)
{
    ac_arena *a = malloc(sizeof *a);
    if (!a)
        return -1;
    ac_arena_init(a, 4096);
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    ac_arena_free(*state);
    free(*state);
    return 0;
}

/* ---- normalisation -------------------------------------------------------- */

static void normalize_quotes_dashes_spaces(void **state)
{
    ac_arena *a = *state;
    size_t len;
    /* curly double and single quotes, guillemets */
    assert_string_equal(normalize(a, "\xE2\x80\x9CYes,\xE2\x80\x9D he said \xE2\x80\x98no\xE2\x80\x99", &len),
                        "\"Yes,\" he said 'no'");
    assert_string_equal(normalize(a, "\xC2\xABoui\xC2\xBB", &len), "\"oui\"");
    /* en dash, em dash, minus */
    assert_string_equal(normalize(a, "2019\xE2\x80\x93" "2021", &len), "2019-2021");
    assert_string_equal(normalize(a, "Astana\xE2\x80\x94the capital", &len), "Astana - the capital");
    /* no-break space, thin space, tab */
    assert_string_equal(normalize(a, "U.S.\xC2\xA0President\xE2\x80\x89Trump\tsaid", &len),
                        "U.S. President Trump said");
    /* ellipsis, soft hyphen, zero-width space, byte-order mark */
    assert_string_equal(normalize(a, "wait\xE2\x80\xA6", &len), "wait...");
    assert_string_equal(normalize(a, "Kazakh\xC2\xADstan", &len), "Kazakhstan");
    assert_string_equal(normalize(a, "\xEF\xBB\xBFRussia\xE2\x80\x8B", &len), "Russia");
    /* CR LF and lone CR become LF */
    assert_string_equal(normalize(a, "a\r\nb\rc", &len), "a\nb\nc");
    assert_int_equal(len, 5);
    /* letters with accents are kept as they are */
    assert_string_equal(normalize(a, "C\xC3\xB4te d'Ivoire", &len), "C\xC3\xB4te d'Ivoire");
}

static void normalize_empty(void **state)
{
    ac_arena *a = *state;
    size_t len = 99;
    char *out = ac_text_normalize(a, "", 0, &len);
    assert_non_null(out);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
}

/* ---- tokens --------------------------------------------------------------- */

static void tokenize_abbreviations(void **state)
{
    ac_arena *a = *state;
    assert_string_equal(tokens(a, "U.S. Secretary of State Marco Rubio met Mr. Tokayev.", NULL, NULL),
                        "U.S.|Secretary|of|State|Marco|Rubio|met|Mr.|Tokayev|.");
    assert_true(flags_of(a, "the U.S. said", "U.S.") & TK_ABBR);
    assert_false(flags_of(a, "the U.S. said", "U.S.") & TK_TITLE);
    assert_true(flags_of(a, "Mr. Tokayev", "Mr.") & TK_TITLE);
    /* an initial */
    assert_string_equal(tokens(a, "Donald J. Trump", NULL, NULL), "Donald|J.|Trump");
    assert_true(flags_of(a, "Donald J. Trump", "J.") & TK_TITLE);
    /* a month abbreviation */
    assert_string_equal(tokens(a, "on Jan. 5 in Astana", NULL, NULL), "on|Jan.|5|in|Astana");
    /* a word at the end of a sentence keeps its period apart */
    assert_string_equal(tokens(a, "They met.", NULL, NULL), "They|met|.");
}

static void tokenize_possessive_and_negation(void **state)
{
    ac_arena *a = *state;
    assert_string_equal(tokens(a, "Kazakhstan's president", NULL, NULL), "Kazakhstan|'s|president");
    assert_true(flags_of(a, "Kazakhstan's president", "'s") & TK_POSS);
    assert_string_equal(tokens(a, "the leaders' talks", NULL, NULL), "the|leaders|'|talks");
    assert_true(flags_of(a, "the leaders' talks", "'") & TK_POSS);
    assert_string_equal(tokens(a, "Russia didn't meet", NULL, NULL), "Russia|did|n't|meet");
    assert_true(flags_of(a, "Russia didn't meet", "n't") & TK_NEG);
    assert_string_equal(tokens(a, "it can't be", NULL, NULL), "it|ca|n't|be");
    /* curly apostrophes are the same as straight ones */
    assert_string_equal(tokens(a, "Kazakhstan\xE2\x80\x99s accession", NULL, NULL), "Kazakhstan|'s|accession");
}

static void tokenize_names_and_hyphens(void **state)
{
    ac_arena *a = *state;
    assert_string_equal(tokens(a, "C\xC3\xB4te d'Ivoire and O'Brien", NULL, NULL),
                        "C\xC3\xB4te|d'Ivoire|and|O'Brien");
    assert_string_equal(tokens(a, "Kassym-Jomart Tokayev, a well-known pro-Western figure", NULL, NULL),
                        "Kassym-Jomart|Tokayev|,|a|well-known|pro-Western|figure");
    assert_true(flags_of(a, "met Kassym-Jomart Tokayev", "Kassym-Jomart") & TK_CAP);
    assert_true(flags_of(a, "the NATO summit", "NATO") & TK_UPPER);
    assert_false(flags_of(a, "the trump card", "trump") & TK_CAP);
    /* a capital with an accent counts as a capital */
    assert_true(flags_of(a, "in \xC3\x89gypte", "\xC3\x89gypte") & TK_CAP);
}

static void tokenize_numbers(void **state)
{
    ac_arena *a = *state;
    assert_string_equal(tokens(a, "rose 3.5 percent to 1,000 tonnes", NULL, NULL),
                        "rose|3.5|percent|to|1,000|tonnes");
    assert_true(flags_of(a, "rose 3.5 percent", "3.5") & TK_NUM);
    assert_string_equal(tokens(a, "from 2019-2021 at 10:30, a 5-year plan", NULL, NULL),
                        "from|2019-2021|at|10:30|,|a|5-year|plan");
    /* a number at the end of a sentence */
    assert_string_equal(tokens(a, "It was 1,000.", NULL, NULL), "It|was|1,000|.");
}

static void tokenize_punctuation_and_lines(void **state)
{
    ac_arena *a = *state;
    ac_tok *t;
    size_t n;
    assert_string_equal(tokens(a, "\"Yes\" (he said)... ok?", &t, &n), "\"|Yes|\"|(|he|said|)|...|ok|?");
    assert_int_equal(t[0].punct, '"');
    assert_true(t[7].flags & TK_PUNCT);
    assert_string_equal(tokens(a, "one\ntwo\n\nthree", &t, &n), "one|two|three");
    assert_int_equal(n, 3);
    assert_true(t[1].flags & TK_NL);
    assert_false(t[1].flags & TK_PARA);
    assert_true(t[2].flags & TK_PARA);
    /* nothing but space */
    assert_string_equal(tokens(a, " \n\t ", &t, &n), "");
    assert_int_equal(n, 0);
}

static void fold_case_and_accents(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(ac_text_fold("C\xC3\xB4te", 5, buf, sizeof buf), 4);
    assert_string_equal(buf, "cote");
    assert_true(ac_text_fold_hash("Kazakhstan", 10) == ac_text_fold_hash("KAZAKHSTAN", 10));
    assert_true(ac_text_fold_hash("Tokayev", 7) != ac_text_fold_hash("Tokaev", 6));
    /* truncated to the room given, still terminated */
    assert_int_equal(ac_text_fold("Kazakhstan", 10, buf, 4), 3);
    assert_string_equal(buf, "kaz");
}

/* ---- sentences ------------------------------------------------------------ */

static void split_abbreviations(void **state)
{
    ac_arena *a = *state;
    size_t n;
    assert_string_equal(sentences(a, "U.S. Secretary of State Marco Rubio met Mr. Tokayev on Jan. 5. "
                                     "They discussed trade.", &n),
                        "U.S. Secretary of State Marco Rubio met Mr. Tokayev on Jan. 5.\n"
                        "They discussed trade.\n");
    assert_int_equal(n, 2);
    /* an acronym ends a sentence when a typical opener follows */
    assert_string_equal(sentences(a, "Kazakhstan praised the U.S. The talks went well.", &n),
                        "Kazakhstan praised the U.S.\nThe talks went well.\n");
    /* an initial never ends one */
    assert_string_equal(sentences(a, "Donald J. Trump spoke.", &n), "Donald J. Trump spoke.\n");
    /* decimals do not end one */
    assert_string_equal(sentences(a, "Prices rose 3.5 percent. Markets fell.", &n),
                        "Prices rose 3.5 percent.\nMarkets fell.\n");
}

static void split_quotes_and_marks(void **state)
{
    ac_arena *a = *state;
    size_t n;
    assert_string_equal(sentences(a, "\"We are ready.\" Tokayev said so. Did he? Yes!", &n),
                        "\"We are ready.\"\nTokayev said so.\nDid he?\nYes!\n");
    assert_int_equal(n, 4);
    /* a lower-case word after a period inside a quote continues the sentence */
    assert_string_equal(sentences(a, "\"We are ready,\" he said.", &n), "\"We are ready,\" he said.\n");
    assert_int_equal(n, 1);
}

static void split_headlines_and_blank_lines(void **state)
{
    ac_arena *a = *state;
    size_t n;
    /* a short line without final punctuation is a headline */
    assert_string_equal(sentences(a, "Kazakhstan joins Abraham Accords\nASTANA - Kazakhstan joined the accords.", &n),
                        "Kazakhstan joins Abraham Accords\nASTANA - Kazakhstan joined the accords.\n");
    assert_int_equal(n, 2);
    /* a blank line always ends a sentence */
    assert_string_equal(sentences(a, "first part without a stop\n\nsecond part", &n),
                        "first part without a stop\nsecond part\n");
    assert_int_equal(n, 2);
    /* a line break inside a long sentence does not end it */
    sentences(a, "Kazakh President Kassym-Jomart Tokayev held a telephone call with the\n"
                 "Uzbek president on Monday and welcomed the agreement on transport.", &n);
    assert_int_equal(n, 1);
    /* no tokens, no sentences */
    assert_string_equal(sentences(a, "   \n\n ", &n), "");
    assert_int_equal(n, 0);
}

static void split_long_run_is_cut(void **state)
{
    ac_arena *a = *state;
    /* 10,000 words and not one mark: the splitter must cut it. */
    size_t words = 10000;
    char *s = malloc(words * 5 + 1);
    assert_non_null(s);
    for (size_t i = 0; i < words; i++)
        memcpy(s + i * 5, "word ", 5);
    s[words * 5] = '\0';
    size_t len, n, ns;
    char *text = normalize(a, s, &len);
    ac_tok *t = ac_text_tokenize(a, text, len, &n);
    assert_int_equal(n, words);
    ac_span *sp = ac_text_split(a, text, t, n, &ns);
    assert_non_null(sp);
    assert_true(ns > 1);
    size_t total = 0, longest = 0;
    for (size_t i = 0; i < ns; i++) {
        assert_int_equal(sp[i].first, total);      /* contiguous, in order */
        total += sp[i].count;
        if (sp[i].count > longest)
            longest = sp[i].count;
    }
    assert_int_equal(total, words);                /* no token lost */
    assert_true(longest <= 1000);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(normalize_quotes_dashes_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(normalize_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(tokenize_abbreviations, setup, teardown),
        cmocka_unit_test_setup_teardown(tokenize_possessive_and_negation, setup, teardown),
        cmocka_unit_test_setup_teardown(tokenize_names_and_hyphens, setup, teardown),
        cmocka_unit_test_setup_teardown(tokenize_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(tokenize_punctuation_and_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(fold_case_and_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(split_abbreviations, setup, teardown),
        cmocka_unit_test_setup_teardown(split_quotes_and_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(split_headlines_and_blank_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(split_long_run_is_cut, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
