/*
 * cmd_validate.c -- accord validate: run a PETRARCH or TABARI validation
 * suite from raw text with the suite's own dictionaries.
 *
 * The work is done by ac_validate_run (lib/eval/validate.c); this file reads
 * the options, prints one line per failing record (and, with --verbose, per
 * passing and skipped one), and a closing line with the counts and the pass
 * rate over the checkable (passed + failed) records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Exit code when the suite could not be run (a file missing or malformed). */
enum { EXIT_IO = 3 };

#define MAX_DICT_DIRS 32

static void usage(FILE *f)
{
    fprintf(f,
        "usage: accord validate [OPTIONS] FILE\n"
        "Runs a validation suite of the field's coders on accord, coding each\n"
        "record's raw text with the dictionaries the suite names: a PETRARCH XML\n"
        "file (PETR.UnitTest.records.xml, PETR_Validate_records_2_02.xml) or a\n"
        "TABARI .project (Validate.project). A record passes when the events\n"
        "produced equal the expected ones exactly. Dictionaries are looked for\n"
        "next to FILE, in the --dict-dir folders, then in the folders beside\n"
        "FILE's folder. See docs/ACCURACY.md, \"Validation suites\".\n\n"
        "  --dict-dir DIR        another folder to find the suite's files in\n"
        "                        (repeatable)\n"
        "  --only ID             run only the record ID\n"
        "  --explain             print accord's explanation of each failing record\n"
        "  --verbose             list passing and skipped records too\n"
        "  --min-rate R          exit 1 when the pass rate is below R (0.8 or 80%%)\n"
        "exit: 0 the suite ran; 1 below --min-rate; 2 usage; 3 a file is missing\n"
        "or malformed\n");
}

typedef struct vctx {
    int verbose, explain;
} vctx;

/* The start of the text, cut at a character boundary, for a failure line. */
static void text_start(const char *t, char *out, size_t cap)
{
    size_t n = strlen(t);
    if (n < cap) {
        memcpy(out, t, n + 1);
        return;
    }
    size_t k = cap - 4;
    while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
        k--;
    memcpy(out, t, k);
    memcpy(out + k, "...", 4);
}

/* "{A>B:C, ...}", or "(none)" as is. */
static void print_set(const char *s)
{
    if (s[0] == '(' && !strchr(s, '>'))
        fputs(s, stdout);
    else
        printf("{%s}", s);
}

static void on_record(void *ctx, const ac_validate_record *r)
{
    const vctx *c = ctx;
    if (r->status == AC_VALID_SKIP) {
        if (c->verbose)
            printf("SKIP %s: %s%s%s%s\n", r->id, ac_validate_skip_name(r->skip),
                   r->skip_detail[0] ? " (" : "", r->skip_detail, r->skip_detail[0] ? ")" : "");
        return;
    }
    if (r->status == AC_VALID_PASS && !c->verbose)
        return;
    char start[64];
    text_start(r->text, start, sizeof start);
    printf("%s %s: expected ", r->status == AC_VALID_PASS ? "PASS" : "FAIL", r->id);
    print_set(r->expected);
    printf(" produced ");
    print_set(r->produced);
    printf("%s  (%s)\n", r->discarded ? " discarded" : "", start);
    if (c->explain && r->status == AC_VALID_FAIL && r->explain[0]) {
        printf("  %s:%llu [%s] %s\n", r->file, (unsigned long long)r->line,
               r->category[0] ? r->category : "-", r->date[0] ? r->date : "no date");
        /* The explanation, indented. */
        for (const char *p = r->explain; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            printf("    %.*s\n", (int)n, p);
            p += n + (nl != NULL);
        }
    }
}

typedef struct vdiag {
    size_t dict_warnings;
    size_t suite_warnings;
} vdiag;

/* Dictionary warnings are counted (accord dict check lists them); the
 * suite's own are printed. */
static void on_diag(void *ctx, const ac_error *e)
{
    vdiag *d = ctx;
    if (e->code == AC_EDICT) {
        d->dict_warnings++;
        return;
    }
    d->suite_warnings++;
    char buf[1024];
    ac_error_format(e, buf, sizeof buf);
    fprintf(stderr, "accord: warning: %s\n", buf);
}

/* "0.8" or "80%" -> 0.8; -1 when it is neither. */
static double parse_rate(const char *s)
{
    char *end;
    double r = strtod(s, &end);
    if (end == s)
        return -1;
    if (*end == '%' && end[1] == '\0')
        r /= 100.0;
    else if (*end)
        return -1;
    return r >= 0 && r <= 1 ? r : -1;
}

int cmd_validate(int argc, char **argv)
{
    const char *dirs[MAX_DICT_DIRS + 1] = {0};
    size_t ndirs = 0;
    const char *file = NULL, *only = NULL;
    double min_rate = -1;
    vctx c = {0};
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if ((v = cli_opt(argc, argv, &i, "--dict-dir"))) {
            if (ndirs == MAX_DICT_DIRS) {
                fprintf(stderr, "accord: at most %d --dict-dir folders\n", MAX_DICT_DIRS);
                return EXIT_USAGE;
            }
            dirs[ndirs++] = v;
        } else if ((v = cli_opt(argc, argv, &i, "--only"))) {
            only = v;
        } else if ((v = cli_opt(argc, argv, &i, "--min-rate"))) {
            min_rate = parse_rate(v);
            if (min_rate < 0) {
                fprintf(stderr, "accord: --min-rate takes a rate from 0 to 1 or a percentage, "
                                "not '%s'\n", v);
                return EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--explain")) {
            c.explain = 1;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            c.verbose = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        } else if (file) {
            fprintf(stderr, "accord: validate runs one suite at a time\n");
            return EXIT_USAGE;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        usage(stderr);
        return EXIT_USAGE;
    }

    ac_validate_options opt = {.dict_search = dirs, .only = only,
                               .code_flags = c.explain ? AC_CODE_EXPLAIN : 0};
    vdiag d = {0};
    ac_validate_summary s;
    ac_error err;
    ac_status st = ac_validate_run(file, &opt, on_record, &c, on_diag, &d, &s, &err);
    fflush(stdout);
    if (st != AC_OK) {
        cli_error(NULL, &err);
        return st == AC_ENOMEM ? EXIT_FAIL : EXIT_IO;
    }
    if (d.dict_warnings)
        fprintf(stderr, "accord: %zu dictionary lines skipped (accord dict check --dict FILE "
                        "lists them; files: %s)\n", d.dict_warnings, s.dictionaries);
    if (only && s.records == 0) {
        fprintf(stderr, "accord: no record '%s' in %s\n", only, file);
        return EXIT_USAGE;
    }
    if (c.verbose) {
        printf("dictionaries: %s (+ accord's CAMEO table and irregular verbs)\n",
               s.dictionaries);
        if (s.end_record[0])
            printf("stopped at the end-of-validation record %s (line %llu); %zu record%s "
                   "after it not run\n", s.end_record, (unsigned long long)s.end_line,
                   s.after_end, s.after_end == 1 ? "" : "s");
    }
    printf("%zu passed, %zu failed, %zu skipped", s.passed, s.failed, s.skipped);
    int first = 1;
    for (int k = 1; k < AC_VSKIP_COUNT; k++) {
        if (!s.skips[k])
            continue;
        printf("%s%s: %zu", first ? " (" : ", ", ac_validate_skip_name((ac_validate_skip)k),
               s.skips[k]);
        first = 0;
    }
    size_t checkable = s.passed + s.failed;
    printf("%s; pass rate %.1f%% of %zu checkable\n", first ? "" : ")", 100.0 * s.pass_rate,
           checkable);
    if (s.code_errors)
        fprintf(stderr, "accord: %zu records could not be coded (counted as failed)\n",
                s.code_errors);
    if (min_rate >= 0 && s.pass_rate < min_rate) {
        fprintf(stderr, "accord: pass rate %.1f%% is below --min-rate %.1f%%\n",
                100.0 * s.pass_rate, 100.0 * min_rate);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
