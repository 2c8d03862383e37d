/*
 * cmd_eval.c -- accord eval: score the coder against gold files.
 *
 * The work is done by ac_eval_* (lib/eval); this file reads the options,
 * loads the dictionary and the gold files, and prints the figures as a
 * table or as one JSON object, and, on request, the records that failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
        "usage: accord eval [OPTIONS] FILE...\n"
        "Codes every record of the gold files and scores the events against the\n"
        "expected ones. A gold file is accord's JSON Lines gold format (one record\n"
        "per line: id, date, text, events [{source, target, code}]) or the CAMEO\n"
        "codebook CSV (each example sentence is expected to give its code);\n"
        "see docs/ACCURACY.md.\n\n"
        "  --dict SOURCE         dictionaries: a folder, a file, a PETR_config.ini,\n"
        "                        a TABARI .project or an image (repeatable;\n"
        "                        default: accord's dict/)\n"
        "  --show-failures       list the records whose events differ from the gold\n"
        "                        (on stderr with --json)\n"
        "  --json                print the figures as one JSON object\n"
        "  --quiet               no warnings for malformed gold lines (still counted)\n");
}

/* "036 KAZGOV>ISR, 040 ..." or "none". */
static void print_events(FILE *f, const ac_eval_event *ev, size_t n, int actors)
{
    if (n == 0) {
        fputs("none", f);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s%s", i ? ", " : "", ev[i].code);
        if (actors)
            fprintf(f, " %s>%s", ev[i].source, ev[i].target);
    }
}

static void print_failures(const ac_eval *ev, FILE *f)
{
    size_t n = ac_eval_record_count(ev), shown = 0;
    for (size_t i = 0; i < n; i++) {
        const ac_eval_record *r = ac_eval_record_at(ev, i);
        if (r->pass)
            continue;
        shown++;
        fprintf(f, "FAIL %s (%s:%llu)%s\n", r->id, r->file, (unsigned long long)r->line,
                r->coded ? "" : " [could not be coded]");
        fputs("  expected: ", f);
        print_events(f, r->expected, r->nexpected, r->labelled);
        fputs("\n  produced: ", f);
        print_events(f, r->produced, r->nproduced, 1);
        fprintf(f, "\n  text:     %s\n\n", r->text);
    }
    fprintf(f, "%zu of %zu records failed\n\n", shown, n);
}

static void print_prf(FILE *f, const char *what, const ac_eval_prf *m)
{
    fprintf(f, "  %-30s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n", what, m->precision, m->recall,
            m->f1, m->tp, m->fp, m->fn);
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void print_table(const ac_eval_scores *s, FILE *f)
{
    fprintf(f, "accord eval: %zu records from %zu file%s, %zu malformed line%s skipped, "
               "%zu coding error%s\n\n",
            s->records, s->files, s->files == 1 ? "" : "s", s->bad_lines,
            s->bad_lines == 1 ? "" : "s", s->code_errors, s->code_errors == 1 ? "" : "s");
    fprintf(f, "  %-30s %6s %6s %6s %6s %6s %6s\n", "", "P", "R", "F1", "tp", "fp", "fn");
    if (s->labelled)
        print_prf(f, "triples (source,target,code)", &s->triples);
    print_prf(f, "codes (actors ignored)", &s->codes);
    fputc('\n', f);
    if (s->labelled)
        fprintf(f, "  exact match (labelled)       %5zu / %-5zu %5.1f%%\n", s->exact, s->labelled,
                pct(s->exact, s->labelled));
    fprintf(f, "  root accuracy                %5zu / %-5zu %5.1f%%\n", s->root_hits, s->with_expected,
            pct(s->root_hits, s->with_expected));
    fprintf(f, "  coverage (any event)         %5zu / %-5zu %5.1f%%\n", s->covered, s->with_expected,
            pct(s->covered, s->with_expected));
    if (s->without_expected)
        fprintf(f, "  false alarms                 %5zu / %-5zu %5.1f%%   (records expecting no event)\n",
                s->false_alarms, s->without_expected, pct(s->false_alarms, s->without_expected));
    fprintf(f, "  records passed               %5zu / %-5zu %5.1f%%\n\n", s->passed, s->records,
            pct(s->passed, s->records));

    fprintf(f, "confusion by root: rows expected, columns the first event produced\n"
               "(records with one expected code)\n\n  exp");
    for (int c = 0; c < AC_EVAL_ROOTS; c++)
        fprintf(f, " %3.2d", c + 1);
    fprintf(f, " none   all  hit%%\n");
    for (int r = 0; r < AC_EVAL_ROOTS; r++) {
        size_t all = 0;
        for (int c = 0; c <= AC_EVAL_ROOTS; c++)
            all += s->confusion[r][c];
        if (!all)
            continue;
        fprintf(f, "   %02d", r + 1);
        for (int c = 0; c <= AC_EVAL_ROOTS; c++) {
            if (s->confusion[r][c])
                fprintf(f, c == AC_EVAL_ROOTS ? " %4zu" : " %3zu", s->confusion[r][c]);
            else
                fputs(c == AC_EVAL_ROOTS ? "    ." : "   .", f);
        }
        fprintf(f, " %5zu %4.0f\n", all, pct(s->confusion[r][r], all));
    }
}

static void json_prf(FILE *f, const char *name, const ac_eval_prf *m)
{
    fprintf(f, "\"%s\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"tp\":%zu,\"fp\":%zu,"
               "\"fn\":%zu}",
            name, m->precision, m->recall, m->f1, m->tp, m->fp, m->fn);
}

static void print_json(const ac_eval_scores *s, FILE *f)
{
    fprintf(f, "{\"files\":%zu,\"records\":%zu,\"bad_lines\":%zu,\"code_errors\":%zu,"
               "\"passed\":%zu,\"labelled\":%zu,",
            s->files, s->records, s->bad_lines, s->code_errors, s->passed, s->labelled);
    json_prf(f, "triples", &s->triples);
    fprintf(f, ",\"exact\":%zu,\"exact_rate\":%.4f,", s->exact, s->exact_rate);
    json_prf(f, "codes", &s->codes);
    fprintf(f, ",\"with_expected\":%zu,\"root_hits\":%zu,\"root_accuracy\":%.4f,"
               "\"covered\":%zu,\"coverage\":%.4f,\"without_expected\":%zu,\"false_alarms\":%zu,",
            s->with_expected, s->root_hits, s->root_accuracy, s->covered, s->coverage,
            s->without_expected, s->false_alarms);
    fputs("\"confusion_columns\":[", f);
    for (int c = 0; c < AC_EVAL_ROOTS; c++)
        fprintf(f, "\"%02d\",", c + 1);
    fputs("\"none\"],\"confusion\":{", f);
    for (int r = 0; r < AC_EVAL_ROOTS; r++) {
        fprintf(f, "%s\"%02d\":[", r ? "," : "", r + 1);
        for (int c = 0; c <= AC_EVAL_ROOTS; c++)
            fprintf(f, "%s%zu", c ? "," : "", s->confusion[r][c]);
        fputc(']', f);
    }
    fputs("}}\n", f);
}

int cmd_eval(int argc, char **argv)
{
    cli_dicts dicts = {0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int show_failures = 0, json = 0, quiet = 0;
    if (!files)
        return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            free(files);
            return EXIT_OK;
        } else if (cli_dict_opt(argc, argv, &i, &dicts)) {
            continue;
        } else if (!strcmp(argv[i], "--show-failures")) {
            show_failures = 1;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord eval: unknown option '%s'\n", argv[i]);
            usage(stderr);
            free(files);
            return EXIT_USAGE;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0) {
        fprintf(stderr, "accord eval: no gold file given\n");
        usage(stderr);
        free(files);
        return EXIT_USAGE;
    }
    ac_dict *dict = cli_load_dicts(&dicts, 0);
    ac_eval *ev = dict ? ac_eval_new() : NULL;
    if (!ev) {
        if (dict)
            fprintf(stderr, "accord eval: out of memory\n");
        ac_dict_free(dict);
        free(files);
        return EXIT_FAIL;
    }
    cli_diag diag = {.prefix = "gold", .quiet = quiet};
    ac_eval_set_diag(ev, cli_diag_print, &diag);
    int rc = EXIT_OK;
    ac_error err;
    for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
        if (ac_eval_add_file(ev, files[i], &err) != AC_OK) {
            cli_error(NULL, &err);
            rc = EXIT_FAIL;
        }
    if (rc == EXIT_OK && ac_eval_run(ev, dict, NULL, &err) != AC_OK) {
        cli_error(NULL, &err);
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK) {
        ac_eval_scores s;
        ac_eval_get_scores(ev, &s);
        if (show_failures)
            print_failures(ev, json ? stderr : stdout);   /* stdout stays one JSON object */
        if (json)
            print_json(&s, stdout);
        else
            print_table(&s, stdout);
        if (s.bad_lines)
            fprintf(stderr, "accord eval: %zu malformed gold line%s skipped\n", s.bad_lines,
                    s.bad_lines == 1 ? "" : "s");
        if (s.records == 0) {
            fprintf(stderr, "accord eval: no gold record to score\n");
            rc = EXIT_FAIL;
        }
    }
    ac_eval_free(ev);
    ac_dict_free(dict);
    free(files);
    return rc;
}
