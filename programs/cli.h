/*
 * cli.h -- what the subcommands of the accord tool share.
 *
 * programs/ uses only the public API of include/accord.h.
 */
#ifndef ACCORD_CLI_H
#define ACCORD_CLI_H

#include <stdio.h>

#include "accord.h"

#define CMD(name, summary, fn) int fn(int argc, char **argv);
#include "commands.def"
#undef CMD

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Prints "accord: <file:line: msg>" for an error. */
void cli_error(const char *what, const ac_error *e);

/* A diagnostic callback that prints warnings to stderr and counts them. */
typedef struct cli_diag {
    const char *prefix;    /* "warning" */
    size_t count;
    int quiet;             /* count only */
    int to_stdout;         /* print to stdout (the command's own output) */
} cli_diag;
void cli_diag_print(void *ctx, const ac_error *e);

/* Loads the dictionaries of dir (NULL: the default). Prints the reason and
 * returns NULL on failure; reports the number of bad lines on stderr. */
ac_dict *cli_load_dict(const char *dir, int verbose);

/* Seconds from a monotonic clock. */
double cli_now(void);

/* Parses "--name=value" or "--name value" at argv[*i]. Returns the value
 * (advancing *i past it) or NULL when argv[*i] is not that option. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);

/* Peak resident memory of this process in bytes (0 when unknown). */
size_t cli_peak_rss(void);

#endif
