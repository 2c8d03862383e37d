/*
 * store_cli.h -- what the commands over a store share (ingest, events, dyad,
 * agreements, agreement, quotes, actors, themes, export): the --db option,
 * the common filters, and printing rows as an aligned table, JSON Lines or
 * CSV.
 */
#ifndef ACCORD_STORE_CLI_H
#define ACCORD_STORE_CLI_H

#include <stdio.h>

#include "accord.h"

#define CLI_DEFAULT_DB "accord.db"

typedef enum out_format { OUT_TABLE = 0, OUT_JSON, OUT_CSV } out_format;

/* The options every query command takes. */
typedef struct query_opts {
    const char *db;        /* --db URL (default accord.db) */
    out_format format;     /* --json, --csv */
    ac_query q;            /* --since, --until, --limit, and what the command adds */
    ac_period by;          /* --by day|week|month (commands that group by time) */
    int by_set;
    const char *columns;   /* --columns a,b,c: print only these, in this order */
    int limit_set;         /* --limit was given */
} query_opts;

/* A table holds its rows until it prints them: without --limit, a table
 * shows this many (JSON Lines and CSV stream every row). */
#define TABLE_ROWS 1000

/* Consumes one common option at argv[*i] (--db, --json, --csv, --since,
 * --until, --limit, --columns, and --by when by_ok): 1 when it did, 0 when it is another
 * option; exits with a usage error on a bad value. */
int query_opt(int argc, char **argv, int *i, query_opts *o, int by_ok, const char *cmd);

/* Opens the store, or prints why not and returns NULL. */
ac_store *store_open_cli(const char *db, unsigned flags);

/* Rows to stdout. An out_table collects rows (ac_row_fn) and prints them
 * when done: an aligned table (long cells cut on a terminal), one JSON
 * object per line, or CSV with a header. */
typedef struct out_table out_table;
out_table *out_new(out_format f, FILE *to);
/* Only these columns (comma-separated names), in this order; an unknown
 * name stops the command with a usage error that lists the columns. */
void out_columns(out_table *t, const char *columns);
/* out_new and out_columns from the options; for a table without --limit,
 * sets o->q.limit to TABLE_ROWS (and out_finish says when it was reached). */
out_table *out_from(query_opts *o);
int out_row(void *ctx, const ac_row *row);
/* Prints what is left (the table) and frees; returns the rows printed.
 * With no row and a table, prints `empty` (when not NULL) instead. */
size_t out_finish(out_table *t, const char *empty);

/* Prints the error of a store call as "accord: <what>: <error>". */
void store_error(const char *what, const ac_error *e);

#endif
