/*
 * cmd_annotate.c -- accord annotate: stories in, one JSON object per story
 * out, with the events and the quotations, actors, themes, tone, agreements
 * and planned events of the story (include/accord.h lists the fields).
 *
 * Reading, threads and output order are those of accord code (code_run.c).
 * With --eval-quotes GOLD it measures quotation attribution instead
 * (annotate_eval.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "code_run.h"

int annotate_eval_quotes(const ac_dict *d, const char *gold, int verbose);

static void usage(FILE *f)
{
    fprintf(f,
        "usage: accord annotate [OPTIONS] [FILE...]\n"
        "Reads stories (plain text, HTML, JSON Lines; gzip and zstd too; stdin\n"
        "when no file is given) and writes one JSON object per story: its events\n"
        "(one per source, target and code, with the sentences that report it),\n"
        "quotations and their speakers, actors, themes, tone, the membership\n"
        "actions on named agreements and the events it says are planned.\n\n"
        "  --date YYYY-MM-DD     date of stories that carry none\n"
        "  --input auto|text|jsonl|html   input format (default auto)\n"
        "  --dict SOURCE         dictionaries, as for accord code (repeatable)\n"
        "  -j N                  annotate with N threads (output order is kept)\n"
        "  --quiet               no summary line on stderr\n"
        "  --eval-quotes GOLD    measure quotation attribution against GOLD (JSON\n"
        "                        Lines: tests/annotate/README.md) and print the\n"
        "                        speaker and exact-span accuracy\n"
        "  --verbose             with --eval-quotes: list every miss\n");
}

int cmd_annotate(int argc, char **argv)
{
    code_run run;
    code_run_init(&run);
    run.annotate = 1;
    run.copt.flags |= AC_CODE_KEEP_ACTORS;
    cli_dicts dicts = {0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int quiet = 0, verbose = 0;
    const char *gold = NULL;
    if (!files)
        return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int k;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            free(files);
            return EXIT_OK;
        } else if ((k = code_run_opt("annotate", argc, argv, &i, &run, &dicts)) != 0) {
            if (k < 0) {
                free(files);
                return EXIT_USAGE;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--eval-quotes"))) {
            gold = v;
        } else if (!strcmp(argv[i], "--verbose")) {
            verbose = 1;
        } else if (!strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord annotate: unknown option '%s'\n", argv[i]);
            usage(stderr);
            free(files);
            return EXIT_USAGE;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (run.ropt.default_date && !strchr(run.ropt.default_date, '-')) {
        fprintf(stderr, "accord annotate: --date wants YYYY-MM-DD\n");
        free(files);
        return EXIT_USAGE;
    }
    if (gold && nfiles) {
        fprintf(stderr, "accord annotate: --eval-quotes reads its stories from the gold file\n");
        free(files);
        return EXIT_USAGE;
    }
    run.dict = cli_load_dicts(&dicts, 0);
    if (!run.dict) {
        free(files);
        return EXIT_FAIL;
    }
    int rc;
    if (gold) {
        rc = annotate_eval_quotes(run.dict, gold, verbose);
    } else {
        run.out = stdout;
        if (nfiles == 0)
            files[nfiles++] = "-";
        rc = code_run_files(&run, files, nfiles);
        if (!quiet)
            code_run_summary(&run, stderr);
        if (rc == EXIT_OK && run.io_errors)
            rc = EXIT_FAIL;
    }
    ac_dict_free((ac_dict *)run.dict);
    free(files);
    return rc;
}
