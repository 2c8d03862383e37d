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

/* The dictionary sources of a command line: each `--dict SOURCE` (a
 * directory of accord files, a file of any format, a PETR_config.ini, a TABARI
 * .project, or a compiled image), with `--dict-format NAME` forcing the format
 * of the next one. */
#define CLI_MAX_DICTS 32
typedef struct cli_dicts {
    const char *path[CLI_MAX_DICTS];
    ac_dict_format fmt[CLI_MAX_DICTS];
    size_t n;
    ac_dict_format next_fmt;
} cli_dicts;

/* Consumes --dict or --dict-format at argv[*i]: 1 when it did, 0 when
 * argv[*i] is another option. Exits with a usage error on a bad value. */
int cli_dict_opt(int argc, char **argv, int *i, cli_dicts *ds);

/* Loads the sources (none: the default directory). Community dictionaries
 * get accord's CAMEO table and irregular verbs added (ac_dict_builder_add_base).
 * Prints the reason and returns NULL on failure; reports the number of bad
 * lines on stderr (all of them when verbose). */
ac_dict *cli_load_dicts(const cli_dicts *ds, int verbose);

/* A builder holding the sources (not an image), for commands that need the
 * records (dict compile, dict convert); NULL after printing why. */
ac_dict_builder *cli_dicts_builder(const cli_dicts *ds, cli_diag *diag);

/* The same, with the caller's diagnostic printer (counts and prints); a
 * single compiled image is opened with mmap. */
ac_dict *cli_load_dicts_diag(const cli_dicts *ds, cli_diag *diag);

/* The same for one source (NULL: the default directory). */
ac_dict *cli_load_dict(const char *source, int verbose);

/* "dict/", or the first source and "+N" more, for messages. */
const char *cli_dicts_name(const cli_dicts *ds, char *buf, size_t cap);

/* Seconds from a monotonic clock. */
double cli_now(void);

/* Parses "--name=value" or "--name value" at argv[*i]. Returns the value
 * (advancing *i past it) or NULL when argv[*i] is not that option. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);

/* Peak resident memory of this process in bytes (0 when unknown). */
size_t cli_peak_rss(void);

#endif
