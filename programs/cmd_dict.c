/*
 * cmd_dict.c -- accord dict stats | check.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: accord dict stats|check [--dict SOURCE]...\n"
               "  stats   counts of entries, names, patterns and the load time\n"
               "  check   lists every line that cannot be used, as file:line: reason;\n"
               "          exits 1 when there is one\n");
}

int cmd_dict(int argc, char **argv)
{
    const char *what = NULL;
    cli_dicts ds = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if (cli_dict_opt(argc, argv, &i, &ds)) {
            continue;
        } else if (!what && (!strcmp(argv[i], "stats") || !strcmp(argv[i], "check"))) {
            what = argv[i];
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!what) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char dir[1024];
    cli_dicts_name(&ds, dir, sizeof dir);
    int check = !strcmp(what, "check");
    cli_diag diag = {.prefix = "", .quiet = !check};
    ac_dict *d = NULL;
    double t0 = cli_now();
    if (check) {
        /* Problems go to stdout: they are this command's output. */
        diag.prefix = "bad line";
        diag.to_stdout = 1;
    }
    if (!(d = cli_load_dicts_diag(&ds, &diag)))
        return EXIT_FAIL;
    double ms = (cli_now() - t0) * 1000.0;
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    if (check) {
        printf("%zu files, %zu bad lines\n", s.files, s.lines_bad);
        ac_dict_free(d);
        return s.lines_bad ? EXIT_FAIL : EXIT_OK;
    }
    printf("dictionary     %s\n", dir);
    printf("files          %zu\n", s.files);
    printf("countries      %zu\n", s.countries);
    printf("organisations  %zu\n", s.igos);
    printf("groups         %zu\n", s.groups);
    printf("people         %zu\n", s.people);
    printf("agreements     %zu\n", s.agreements);
    printf("actor names    %zu\n", s.actor_names);
    printf("agents         %zu (%zu names)\n", s.agents, s.agent_names);
    printf("verb heads     %zu\n", s.verbs);
    printf("patterns       %zu\n", s.patterns);
    printf("sets           %zu\n", s.sets);
    printf("irregular      %zu\n", s.irregular);
    printf("cameo codes    %zu\n", s.cameo_codes);
    printf("words          %zu\n", s.words);
    printf("bad lines      %zu\n", s.lines_bad);
    printf("memory         %.1f MB\n", (double)s.memory_bytes / 1e6);
    printf("load time      %.1f ms\n", ms);
    ac_dict_free(d);
    return EXIT_OK;
}
