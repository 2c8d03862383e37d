/*
 * cmd_code.c -- accord code: stories in, one line per event out.
 *
 * Stories are read in batches on the main thread. With -j N, N worker
 * threads code a batch while the main thread reads the next one; each
 * story's output goes to its own buffer, and buffers are written in input
 * order, so the output does not depend on N.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "code_run.h"

static void usage(FILE *f)
{
    fprintf(f,
        "usage: accord code [OPTIONS] [FILE...]\n"
        "Reads stories (plain text, HTML, JSON Lines; gzip and zstd too; stdin\n"
        "when no file is given) and writes one line per event.\n\n"
        "  --date YYYY-MM-DD     date of stories that carry none\n"
        "  --format json|tsv|plover   output format (default json)\n"
        "  --input auto|text|jsonl|html   input format (default auto)\n"
        "  --dict SOURCE         dictionaries: a folder, a file, a PETR_config.ini,\n"
        "                        a TABARI .project or an image (repeatable;\n"
        "                        default: accord's dict/)\n"
        "  -j N                  code with N threads (output order is kept)\n"
        "  --convention accord|petrarch|tabari\n"
        "                        coding rules: accord's (default), or the community's\n"
        "                        for its dictionaries (docs/dictionaries.md)\n"
        "  --explain             print tokens, actors and matching steps to stdout\n"
        "  --quiet               no summary line on stderr\n");
}

int cmd_code(int argc, char **argv)
{
    code_run run;
    code_run_init(&run);
    cli_dicts dicts = {0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    int quiet = 0;
    if (!files)
        return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int k;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            free(files);
            return EXIT_OK;
        } else if ((k = code_run_opt("code", argc, argv, &i, &run, &dicts)) != 0) {
            if (k < 0) {
                free(files);
                return EXIT_USAGE;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--format"))) {
            if (!strcmp(v, "json"))
                run.format = AC_OUT_JSON;
            else if (!strcmp(v, "tsv"))
                run.format = AC_OUT_TSV;
            else if (!strcmp(v, "plover"))
                run.format = AC_OUT_PLOVER;
            else {
                fprintf(stderr, "accord code: unknown format '%s'\n", v);
                free(files);
                return EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord code: unknown option '%s'\n", argv[i]);
            usage(stderr);
            free(files);
            return EXIT_USAGE;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (run.ropt.default_date && !strchr(run.ropt.default_date, '-')) {
        fprintf(stderr, "accord code: --date wants YYYY-MM-DD\n");
        free(files);
        return EXIT_USAGE;
    }
    run.dict = cli_load_dicts(&dicts, 0);
    if (!run.dict) {
        free(files);
        return EXIT_FAIL;
    }
    run.out = stdout;
    if (nfiles == 0)
        files[nfiles++] = "-";
    int rc = code_run_files(&run, files, nfiles);
    if (!quiet)
        code_run_summary(&run, stderr);
    ac_dict_free((ac_dict *)run.dict);
    free(files);
    if (rc != EXIT_OK)
        return rc;
    return run.io_errors ? EXIT_FAIL : EXIT_OK;
}
