/*
 * cmd_events.c -- the event questions over a store: accord events (a
 * filtered list), accord dyad A B (relations over time) and accord export
 * (the field's formats).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store_cli.h"

/* --actor, --source, --target, --country, --code, --root, --quad, --text. */
static int event_filter_opt(int argc, char **argv, int *i, ac_query *q, const char *cmd)
{
    const char *v;
    if ((v = cli_opt(argc, argv, i, "--actor")))
        q->actor = v;
    else if ((v = cli_opt(argc, argv, i, "--source")))
        q->source = v;
    else if ((v = cli_opt(argc, argv, i, "--target")))
        q->target = v;
    else if ((v = cli_opt(argc, argv, i, "--country")))
        q->country = v;
    else if ((v = cli_opt(argc, argv, i, "--code")))
        q->code = v;
    else if ((v = cli_opt(argc, argv, i, "--root")))
        q->root = v;
    else if ((v = cli_opt(argc, argv, i, "--text")))
        q->text = v;
    else if ((v = cli_opt(argc, argv, i, "--quad"))) {
        q->quad = atoi(v);
        if (q->quad < 1 || q->quad > 4) {
            fprintf(stderr, "accord %s: --quad wants 1 (verbal cooperation) to 4 (material conflict)\n",
                    cmd);
            exit(EXIT_USAGE);
        }
    } else
        return 0;
    return 1;
}

static const char FILTER_HELP[] =
    "  --actor CODE          either side (a prefix: KAZ matches KAZGOV)\n"
    "  --source CODE, --target CODE   one side\n"
    "  --country XXX         either side's country\n"
    "  --code CODE, --root NN, --quad 1..4   the event (code is a prefix)\n"
    "  --since DATE, --until DATE     YYYY-MM-DD, inclusive\n"
    "  --text QUERY          full-text search in the sentences that report the\n"
    "                        events (words, \"a phrase\", OR, NOT, prefix*)\n";

static const char OUTPUT_HELP[] =
    "  --db URL              the database (default accord.db)\n"
    "  --json, --csv         JSON Lines or CSV instead of a table\n"
    "  --limit N             at most N rows (a table: 1000 unless given)\n"
    "  --columns a,b,...     only these columns, in this order\n";

static int bad_option(const char *cmd, const char *arg, void (*usage)(FILE *))
{
    fprintf(stderr, "accord %s: unknown option '%s'\n", cmd, arg);
    usage(stderr);
    return EXIT_USAGE;
}

/* ---- events ---------------------------------------------------------------------- */

static void events_usage(FILE *f)
{
    fprintf(f, "usage: accord events [OPTIONS]\n"
               "Lists the events of the database, one per source, target, code and day\n"
               "across stories, with how many sentences (mentions), publishers (sources)\n"
               "and stories (articles) report it, and the first report's sentence.\n\n%s%s",
            FILTER_HELP, OUTPUT_HELP);
}

int cmd_events(int argc, char **argv)
{
    query_opts o = {.db = CLI_DEFAULT_DB};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            events_usage(stdout);
            return EXIT_OK;
        }
        if (query_opt(argc, argv, &i, &o, 0, "events") || event_filter_opt(argc, argv, &i, &o.q, "events"))
            continue;
        return bad_option("events", argv[i], events_usage);
    }
    ac_store *s = store_open_cli(o.db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    out_table *t = out_from(&o);
    ac_error err;
    ac_status st = ac_store_events(s, &o.q, out_row, t, &err);
    out_finish(t, st == AC_OK ? "(no events)" : NULL);
    ac_store_close(s);
    if (st != AC_OK) {
        store_error("events", &err);
        return st == AC_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- dyad ------------------------------------------------------------------------ */

static void dyad_usage(FILE *f)
{
    fprintf(f, "usage: accord dyad A B [OPTIONS]\n"
               "The relations of A and B (actor codes; three letters: a country) over\n"
               "time, both directions: events per period, per quad class (verbal and\n"
               "material cooperation, verbal and material conflict), the mean Goldstein\n"
               "score and the most frequent event codes.\n\n"
               "  --by day|week|month|all   the period (default month)\n"
               "  --since DATE, --until DATE\n%s",
            OUTPUT_HELP);
}

int cmd_dyad(int argc, char **argv)
{
    query_opts o = {.db = CLI_DEFAULT_DB, .by = AC_PERIOD_MONTH};
    const char *actors[2];
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            dyad_usage(stdout);
            return EXIT_OK;
        }
        if (query_opt(argc, argv, &i, &o, 1, "dyad"))
            continue;
        if (argv[i][0] == '-' && argv[i][1])
            return bad_option("dyad", argv[i], dyad_usage);
        if (n == 2) {
            fprintf(stderr, "accord dyad: two actors, A and B\n");
            return EXIT_USAGE;
        }
        actors[n++] = argv[i];
    }
    if (n != 2) {
        dyad_usage(stderr);
        return EXIT_USAGE;
    }
    ac_store *s = store_open_cli(o.db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    out_table *t = out_from(&o);
    ac_error err;
    ac_status st = ac_store_dyad(s, actors[0], actors[1], o.by, &o.q, out_row, t, &err);
    out_finish(t, st == AC_OK ? "(no events between them)" : NULL);
    ac_store_close(s);
    if (st != AC_OK) {
        store_error("dyad", &err);
        return st == AC_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- export ---------------------------------------------------------------------- */

static void export_usage(FILE *f)
{
    fprintf(f, "usage: accord export --format phoenix|gdelt|plover|csv|jsonl [OPTIONS]\n"
               "Writes the events of the database (one per source, target, code and day\n"
               "across stories) to stdout in a format the field's tools read:\n"
               "  phoenix   the Phoenix pipeline's 26 tab-separated fields\n"
               "  gdelt     GDELT 2.0 event files' 61 tab-separated columns\n"
               "  plover    PLOVER JSON, one event a line\n"
               "  csv       accord's columns, with a header\n"
               "  jsonl     the same, one JSON object a line\n\n"
               "  --db URL              the database (default accord.db)\n"
               "  --limit N             at most N events\n%s",
            FILTER_HELP);
}

static int write_line(void *ctx, const char *line, size_t len)
{
    FILE *f = ctx;
    return fwrite(line, 1, len, f) != len;
}

int cmd_export(int argc, char **argv)
{
    query_opts o = {.db = CLI_DEFAULT_DB};
    int fmt = -1;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            export_usage(stdout);
            return EXIT_OK;
        }
        if ((v = cli_opt(argc, argv, &i, "--format"))) {
            static const char *const names[] = {"phoenix", "gdelt", "plover", "csv", "jsonl"};
            for (int k = 0; k < 5; k++)
                if (!strcmp(v, names[k]))
                    fmt = k;
            if (fmt < 0) {
                fprintf(stderr, "accord export: unknown format '%s' (phoenix, gdelt, plover, csv, jsonl)\n", v);
                return EXIT_USAGE;
            }
            continue;
        }
        if (strcmp(argv[i], "--json") && strcmp(argv[i], "--csv") &&
            (query_opt(argc, argv, &i, &o, 0, "export") || event_filter_opt(argc, argv, &i, &o.q, "export")))
            continue;
        return bad_option("export", argv[i], export_usage);
    }
    if (fmt < 0) {
        fprintf(stderr, "accord export: --format is required (phoenix, gdelt, plover, csv, jsonl)\n");
        return EXIT_USAGE;
    }
    ac_store *s = store_open_cli(o.db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    ac_error err;
    ac_status st = ac_store_export(s, (ac_export_format)fmt, &o.q, write_line, stdout, &err);
    ac_store_close(s);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "accord export: cannot write the output\n");
        return EXIT_FAIL;
    }
    if (st != AC_OK) {
        store_error("export", &err);
        return st == AC_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}
