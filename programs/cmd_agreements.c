/*
 * cmd_agreements.c -- the questions about people and agreements over a
 * store: accord agreements, accord agreement NAME (members, status,
 * timeline, evidence), accord quotes, accord actors, accord themes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store_cli.h"

static const char OUTPUT_HELP[] =
    "  --since DATE, --until DATE     YYYY-MM-DD, inclusive\n"
    "  --db URL              the database (default accord.db)\n"
    "  --json, --csv         JSON Lines or CSV instead of a table\n"
    "  --limit N             at most N rows (a table: 1000 unless given)\n"
    "  --columns a,b,...     only these columns, in this order\n";

typedef ac_status (*list_fn)(ac_store *, const ac_query *, ac_row_fn, void *, ac_error *);

/* Parses the common options and the command's own (own() returns 1 when it
 * took argv[*i]), opens the store, runs fn and prints its rows. */
static int list_command(int argc, char **argv, const char *cmd, void (*usage)(FILE *),
                        int (*own)(int, char **, int *, query_opts *), list_fn fn, const char *empty)
{
    query_opts o = {.db = CLI_DEFAULT_DB};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        }
        if (query_opt(argc, argv, &i, &o, 0, cmd) || (own && own(argc, argv, &i, &o)))
            continue;
        fprintf(stderr, "accord %s: unknown option '%s'\n", cmd, argv[i]);
        usage(stderr);
        return EXIT_USAGE;
    }
    ac_store *s = store_open_cli(o.db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    out_table *t = out_from(&o);
    ac_error err;
    ac_status st = fn(s, &o.q, out_row, t, &err);
    out_finish(t, st == AC_OK ? empty : NULL);
    ac_store_close(s);
    if (st != AC_OK) {
        store_error(cmd, &err);
        return st == AC_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- agreements ------------------------------------------------------------------ */

static void agreements_usage(FILE *f)
{
    fprintf(f, "usage: accord agreements [OPTIONS]\n"
               "The agreements the stories name, most reported first: stories, mentions,\n"
               "members (actors with a membership action), first and last dates.\n"
               "accord agreement NAME shows one.\n\n%s",
            OUTPUT_HELP);
}

int cmd_agreements(int argc, char **argv)
{
    return list_command(argc, argv, "agreements", agreements_usage, NULL, ac_store_agreements,
                        "(no agreements)");
}

static void agreement_usage(FILE *f)
{
    fprintf(f, "usage: accord agreement NAME [OPTIONS]\n"
               "One agreement (its code, its name or the start of either): each member\n"
               "with its status (the latest action reported), the date of that status,\n"
               "its first report and its timeline; then the evidence, every membership\n"
               "action with the sentence that reports it.\n\n"
               "  --members             the members only\n"
               "  --evidence            the evidence only\n%s",
            OUTPUT_HELP);
}

int cmd_agreement(int argc, char **argv)
{
    query_opts o = {.db = CLI_DEFAULT_DB};
    const char *name = NULL;
    int members = 1, evidence = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            agreement_usage(stdout);
            return EXIT_OK;
        }
        if (query_opt(argc, argv, &i, &o, 0, "agreement"))
            continue;
        if (!strcmp(argv[i], "--members")) {
            evidence = 0;
        } else if (!strcmp(argv[i], "--evidence")) {
            members = 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord agreement: unknown option '%s'\n", argv[i]);
            agreement_usage(stderr);
            return EXIT_USAGE;
        } else if (name) {
            fprintf(stderr, "accord agreement: one agreement (quote a name with spaces)\n");
            return EXIT_USAGE;
        } else {
            name = argv[i];
        }
    }
    if (!name || (!members && !evidence)) {
        agreement_usage(stderr);
        return EXIT_USAGE;
    }
    ac_store *s = store_open_cli(o.db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    ac_error err;
    ac_status st = AC_OK;
    /* In a table both parts are printed, with a title each; --json and
     * --csv want one kind of row, so they print the part asked for (members
     * by default). */
    int both = members && evidence;
    if (members) {
        out_table *t = out_from(&o);   /* a table prints its rows at out_finish */
        st = ac_store_agreement_members(s, name, &o.q, out_row, t, &err);
        if (st == AC_OK && both && o.format == OUT_TABLE)
            printf("members\n");
        out_finish(t, st == AC_OK ? "(no member reported)" : NULL);
    }
    if (st == AC_OK && evidence && (!both || o.format == OUT_TABLE)) {
        out_table *t = out_from(&o);
        st = ac_store_agreement_evidence(s, name, &o.q, out_row, t, &err);
        if (st == AC_OK && both)
            printf("\nevidence\n");
        out_finish(t, st == AC_OK ? "(no membership action reported)" : NULL);
    }
    ac_store_close(s);
    if (st != AC_OK) {
        store_error("agreement", &err);
        return st == AC_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- quotes, actors, themes ------------------------------------------------------ */

static void quotes_usage(FILE *f)
{
    fprintf(f, "usage: accord quotes [OPTIONS]\n"
               "Quotations, in date order, with their speakers.\n\n"
               "  --speaker NAME|CODE   a speaker's code (a prefix: USA, USAGOV) or part\n"
               "                        of the name (Rubio)\n%s",
            OUTPUT_HELP);
}

static int quotes_opt(int argc, char **argv, int *i, query_opts *o)
{
    const char *v = cli_opt(argc, argv, i, "--speaker");
    if (v)
        o->q.speaker = v;
    return v != NULL;
}

int cmd_quotes(int argc, char **argv)
{
    return list_command(argc, argv, "quotes", quotes_usage, quotes_opt, ac_store_quotes, "(no quotes)");
}

static void actors_usage(FILE *f)
{
    fprintf(f, "usage: accord actors [OPTIONS]\n"
               "The actors the stories name (countries, organisations, groups, people),\n"
               "most mentioned first: stories, mentions (pronouns and descriptions\n"
               "included), first and last dates.\n\n"
               "  --actor CODE          codes beginning with CODE\n"
               "  --country XXX         the same, for a country\n%s",
            OUTPUT_HELP);
}

static int actors_opt(int argc, char **argv, int *i, query_opts *o)
{
    const char *v;
    if ((v = cli_opt(argc, argv, i, "--actor")))
        o->q.actor = v;
    else if ((v = cli_opt(argc, argv, i, "--country")))
        o->q.country = v;
    else
        return 0;
    return 1;
}

int cmd_actors(int argc, char **argv)
{
    return list_command(argc, argv, "actors", actors_usage, actors_opt, ac_store_actors, "(no actors)");
}

static void themes_usage(FILE *f)
{
    fprintf(f, "usage: accord themes [OPTIONS]\n"
               "Themes (sectors: trade, energy, security, ...) with the stories and\n"
               "mentions of each, most mentioned first, over the whole span or per\n"
               "period; --limit N keeps the top N of each period.\n\n"
               "  --by day|week|month|all   the period (default all)\n%s",
            OUTPUT_HELP);
}

int cmd_themes(int argc, char **argv)
{
    query_opts o = {.db = CLI_DEFAULT_DB, .by = AC_PERIOD_ALL};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            themes_usage(stdout);
            return EXIT_OK;
        }
        if (query_opt(argc, argv, &i, &o, 1, "themes"))
            continue;
        fprintf(stderr, "accord themes: unknown option '%s'\n", argv[i]);
        themes_usage(stderr);
        return EXIT_USAGE;
    }
    ac_store *s = store_open_cli(o.db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    out_table *t = out_from(&o);
    ac_error err;
    ac_status st = ac_store_themes(s, &o.q, o.by, out_row, t, &err);
    out_finish(t, st == AC_OK ? "(no themes)" : NULL);
    ac_store_close(s);
    if (st != AC_OK) {
        store_error("themes", &err);
        return st == AC_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

static void planned_usage(FILE *f)
{
    fprintf(f, "usage: accord planned [OPTIONS]\n"
               "Events the stories say are scheduled or expected (a signing ceremony, a\n"
               "visit next week), by the date of the story that reports them.\n\n"
               "  --actor CODE          with an actor whose code begins with CODE\n%s",
            OUTPUT_HELP);
}

static int planned_opt(int argc, char **argv, int *i, query_opts *o)
{
    const char *v = cli_opt(argc, argv, i, "--actor");
    if (v)
        o->q.actor = v;
    return v != NULL;
}

int cmd_planned(int argc, char **argv)
{
    return list_command(argc, argv, "planned", planned_usage, planned_opt, ac_store_planned,
                        "(no planned events)");
}
