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

int cli_dict_opt(int argc, char **argv, int *i, cli_dicts *ds)
{
    const char *v;
    if ((v = cli_opt(argc, argv, i, "--dict-format"))) {
        for (int f = AC_DICT_AUTO; f < AC_DICT_FORMAT_COUNT; f++)
            if (!strcmp(v, ac_dict_format_name((ac_dict_format)f))) {
                ds->next_fmt = (ac_dict_format)f;
                return 1;
            }
        fprintf(stderr, "accord: unknown dictionary format '%s' (accord, petr-verbs, petr-actors, "
                        "petr-agents, petr-discards, petr-issues, petr-config, tabari-verbs, "
                        "tabari-actors, tabari-agents, tabari-options, tabari-project)\n", v);
        exit(EXIT_USAGE);
    }
    if ((v = cli_opt(argc, argv, i, "--dict"))) {
        if (ds->n == CLI_MAX_DICTS) {
            fprintf(stderr, "accord: at most %d --dict sources\n", CLI_MAX_DICTS);
            exit(EXIT_USAGE);
        }
        ds->path[ds->n] = v;
        ds->fmt[ds->n++] = ds->next_fmt;
        ds->next_fmt = AC_DICT_AUTO;
        return 1;
    }
    return 0;
}

const char *cli_dicts_name(const cli_dicts *ds, char *buf, size_t cap)
{
    if (!ds || ds->n == 0)
        snprintf(buf, cap, "%s", ac_dict_default_dir());
    else if (ds->n == 1)
        snprintf(buf, cap, "%s", ds->path[0]);
    else
        snprintf(buf, cap, "%s +%zu", ds->path[0], ds->n - 1);
    return buf;
}

ac_dict *cli_load_dicts(const cli_dicts *ds, int verbose)
{
    cli_diag diag = {.prefix = "dictionary", .quiet = !verbose};
    ac_dict *d = cli_load_dicts_diag(ds, &diag);
    if (d && diag.count && !verbose) {
        char name[1024];
        fprintf(stderr, "accord: %zu dictionary lines skipped (accord dict check --dict %s lists them)\n",
                diag.count, cli_dicts_name(ds, name, sizeof name));
    }
    return d;
}

ac_dict_builder *cli_dicts_builder(const cli_dicts *ds, cli_diag *diag)
{
    for (size_t k = 0; ds && k < ds->n; k++)
        if (ac_dict_is_image(ds->path[k])) {
            fprintf(stderr, "accord: %s is a compiled image; give the text dictionaries it was "
                            "compiled from\n", ds->path[k]);
            return NULL;
        }
    ac_dict_builder *b = ac_dict_builder_new();
    if (!b) {
        fprintf(stderr, "accord: out of memory\n");
        return NULL;
    }
    ac_dict_builder_set_diag(b, cli_diag_print, diag);
    ac_error err;
    ac_status st = AC_OK;
    int community = 0, accord_own = 0;
    if (!ds || ds->n == 0) {
        st = ac_dict_builder_add_dir(b, ac_dict_default_dir(), &err);
        accord_own = 1;
    }
    for (size_t k = 0; ds && k < ds->n && st == AC_OK; k++) {
        int c = 0;
        st = ac_dict_builder_add_source(b, ds->path[k], ds->fmt[k], &c, &err);
        community |= c;
        accord_own |= !c;
    }
    if (st == AC_OK && community && !accord_own)
        st = ac_dict_builder_add_base(b, &err);
    if (st != AC_OK) {
        ac_dict_builder_free(b);
        cli_error("cannot load dictionaries", &err);
        return NULL;
    }
    return b;
}

ac_dict *cli_load_dicts_diag(const cli_dicts *ds, cli_diag *diag)
{
    ac_error err;
    ac_dict *d = NULL;
    /* A compiled image is the whole dictionary: opened, not rebuilt. */
    if (ds && ds->n == 1 && ac_dict_is_image(ds->path[0])) {
        if (ac_dict_open(ds->path[0], &d, &err) != AC_OK) {
            cli_error("cannot open the dictionary image", &err);
            return NULL;
        }
        return d;
    }
    ac_dict_builder *b = cli_dicts_builder(ds, diag);
    if (!b)
        return NULL;
    if (ac_dict_build(b, &d, &err) != AC_OK) {
        cli_error("cannot load dictionaries", &err);
        return NULL;
    }
    return d;
}

ac_dict *cli_load_dict(const char *source, int verbose)
{
    cli_dicts ds = {0};
    if (source) {
        ds.path[0] = source;
        ds.n = 1;
    }
    return cli_load_dicts(&ds, verbose);
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
