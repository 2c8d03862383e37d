/*
 * cmd_brief.c -- accord brief ACTOR|AGREEMENT: an analyst's brief written
 * from the store, every statement citing its sentence (ac_store_brief).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store_cli.h"

static void brief_usage(FILE *f)
{
    fprintf(f, "usage: accord brief ACTOR|AGREEMENT [OPTIONS]\n"
               "Writes a brief on one actor (a country: KAZ; or any actor code: KAZGOV)\n"
               "or one agreement (ABRAHAM_ACCORDS, or its name) from the database: what\n"
               "happened, implications by sector, strategic context (neighbours, major\n"
               "powers, other partners; an agreement's members), voices, what is next.\n"
               "Every statement cites the story and sentence it rests on as\n"
               "[story:sentence], and the references at the end quote those sentences.\n\n"
               "  --since DATE, --until DATE   YYYY-MM-DD, inclusive\n"
               "  --format md|html      Markdown (default) or an HTML page\n"
               "  --events N            key sentences under \"what happened\" (default 12)\n"
               "  --quotes N            quotations under \"voices\" (default 8)\n"
               "  --db URL              the database (default accord.db)\n"
               "  --dict SOURCE         dictionaries, for the names of CAMEO codes\n");
}

static int count_opt(const char *v, size_t *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 1 || n > 1000)
        return 0;
    *out = (size_t)n;
    return 1;
}

int cmd_brief(int argc, char **argv)
{
    const char *db = CLI_DEFAULT_DB, *subject = NULL, *v;
    ac_brief_options o = {0};
    cli_dicts dicts = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            brief_usage(stdout);
            return EXIT_OK;
        }
        if ((v = cli_opt(argc, argv, &i, "--db"))) {
            db = v;
        } else if ((v = cli_opt(argc, argv, &i, "--since"))) {
            o.since = v;
        } else if ((v = cli_opt(argc, argv, &i, "--until"))) {
            o.until = v;
        } else if ((v = cli_opt(argc, argv, &i, "--format"))) {
            if (!strcmp(v, "md") || !strcmp(v, "markdown"))
                o.format = AC_BRIEF_MARKDOWN;
            else if (!strcmp(v, "html"))
                o.format = AC_BRIEF_HTML;
            else {
                fprintf(stderr, "accord brief: --format wants md or html\n");
                return EXIT_USAGE;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--events"))) {
            if (!count_opt(v, &o.max_events)) {
                fprintf(stderr, "accord brief: --events wants a number from 1 to 1000\n");
                return EXIT_USAGE;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--quotes"))) {
            if (!count_opt(v, &o.max_quotes)) {
                fprintf(stderr, "accord brief: --quotes wants a number from 1 to 1000\n");
                return EXIT_USAGE;
            }
        } else if (cli_dict_opt(argc, argv, &i, &dicts)) {
            continue;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord brief: unknown option '%s'\n", argv[i]);
            brief_usage(stderr);
            return EXIT_USAGE;
        } else if (!subject) {
            subject = argv[i];
        } else {
            fprintf(stderr, "accord brief: one subject at a time ('%s' and '%s')\n", subject, argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!subject) {
        fprintf(stderr, "accord brief: which actor or agreement? (accord brief KAZ)\n");
        brief_usage(stderr);
        return EXIT_USAGE;
    }
    ac_store *s = store_open_cli(db, AC_STORE_READONLY);
    if (!s)
        return EXIT_FAIL;
    /* The dictionaries only name the CAMEO codes: without them the brief
     * still stands, with the codes alone. */
    ac_dict *d = cli_load_dicts(&dicts, 0);
    ac_buf out = {0};
    ac_error err;
    ac_status st = ac_store_brief(s, d, subject, &o, &out, &err);
    ac_store_close(s);
    ac_dict_free(d);
    if (st != AC_OK) {
        ac_buf_free(&out);
        store_error("brief", &err);
        return EXIT_FAIL;
    }
    fwrite(out.data, 1, out.len, stdout);
    ac_buf_free(&out);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
