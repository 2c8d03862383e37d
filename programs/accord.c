/*
 * accord.c -- the command-line tool: dispatch to the subcommands listed in
 * commands.def, and the helpers they share (cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"

static const struct command {
    const char *name;
    const char *summary;
    int (*fn)(int, char **);
} COMMANDS[] = {
#define CMD(name, summary, fn) {#name, summary, fn},
#include "commands.def"
#undef CMD
};

static void usage(FILE *f)
{
    fprintf(f, "accord %s -- political event coding from news text\n\n"
               "usage: accord COMMAND [OPTIONS] [FILE...]\n\ncommands:\n", ACCORD_VERSION);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(f, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(f, "\n'accord COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version"))
        return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(argv[1], COMMANDS[i].name))
            return COMMANDS[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "accord: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}

int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("accord %s\n", ACCORD_VERSION);
    return EXIT_OK;
}

void cli_error(const char *what, const ac_error *e)
{
    char buf[1024];
    ac_error_format(e, buf, sizeof buf);
    if (what)
        fprintf(stderr, "accord: %s: %s\n", what, buf);
    else
        fprintf(stderr, "accord: %s\n", buf);
}

void cli_diag_print(void *ctx, const ac_error *e)
{
    cli_diag *d = ctx;
    d->count++;
    if (d->quiet)
        return;
    char buf[1024];
    ac_error_format(e, buf, sizeof buf);
    fprintf(d->to_stdout ? stdout : stderr, "accord: %s: %s\n", d->prefix ? d->prefix : "warning", buf);
}

ac_dict *cli_load_dict(const char *dir, int verbose)
{
    if (!dir)
        dir = ac_dict_default_dir();
    cli_diag diag = {.prefix = "dictionary", .quiet = !verbose};
    ac_error err;
    ac_dict *d = NULL;
    if (ac_dict_load_dir(dir, cli_diag_print, &diag, &d, &err) != AC_OK) {
        cli_error("cannot load dictionaries", &err);
        return NULL;
    }
    if (diag.count && !verbose)
        fprintf(stderr, "accord: %zu dictionary lines skipped (accord dict check --dict %s lists them)\n",
                diag.count, dir);
    return d;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *cli_opt(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] == '\0') {
        if (*i + 1 >= argc) {
            fprintf(stderr, "accord: %s needs a value\n", name);
            exit(EXIT_USAGE);
        }
        (*i)++;
        return argv[*i];
    }
    return NULL;
}

size_t cli_peak_rss(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (size_t)ru.ru_maxrss * 1024;
}
