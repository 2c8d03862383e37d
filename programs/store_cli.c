/*
 * store_cli.c -- see store_cli.h.
 */
#include "store_cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define CELL_MAX_TTY 60    /* a table cell on a terminal, in characters */

int query_opt(int argc, char **argv, int *i, query_opts *o, int by_ok, const char *cmd)
{
    const char *v;
    if ((v = cli_opt(argc, argv, i, "--db"))) {
        o->db = v;
    } else if (!strcmp(argv[*i], "--json")) {
        o->format = OUT_JSON;
    } else if (!strcmp(argv[*i], "--csv")) {
        o->format = OUT_CSV;
    } else if ((v = cli_opt(argc, argv, i, "--columns"))) {
        o->columns = v;
    } else if ((v = cli_opt(argc, argv, i, "--since"))) {
        o->q.since = v;
    } else if ((v = cli_opt(argc, argv, i, "--until"))) {
        o->q.until = v;
    } else if ((v = cli_opt(argc, argv, i, "--limit"))) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || n < 0) {
            fprintf(stderr, "accord %s: --limit wants a number\n", cmd);
            exit(EXIT_USAGE);
        }
        o->q.limit = (size_t)n;
        o->limit_set = 1;
    } else if (by_ok && (v = cli_opt(argc, argv, i, "--by"))) {
        if (!strcmp(v, "day"))
            o->by = AC_PERIOD_DAY;
        else if (!strcmp(v, "week"))
            o->by = AC_PERIOD_WEEK;
        else if (!strcmp(v, "month"))
            o->by = AC_PERIOD_MONTH;
        else if (!strcmp(v, "all"))
            o->by = AC_PERIOD_ALL;
        else {
            fprintf(stderr, "accord %s: --by wants day, week, month or all\n", cmd);
            exit(EXIT_USAGE);
        }
        o->by_set = 1;
    } else {
        return 0;
    }
    return 1;
}

void store_error(const char *what, const ac_error *e)
{
    if (e->file[0])
        cli_error(what, e);
    else
        fprintf(stderr, "accord: %s: %s\n", what, e->msg);
}

ac_store *store_open_cli(const char *db, unsigned flags)
{
    ac_store *s = NULL;
    ac_error err;
    if (ac_store_open(db ? db : CLI_DEFAULT_DB, flags, &s, &err) != AC_OK) {
        cli_error("cannot open the database", &err);
        return NULL;
    }
    return s;
}

/* ---- output ---------------------------------------------------------------------- */

#define MAX_PICK 64

struct out_table {
    out_format f;
    FILE *to;
    int tty;
    const char *columns;   /* --columns, or NULL */
    size_t pick[MAX_PICK]; /* the row's columns to print, in order */
    size_t npick;
    size_t ncols;
    char **names;
    ac_value_type *types;
    char **cells;          /* table: every cell, row by row */
    size_t nrows, cap;
    size_t printed;
    size_t default_limit;  /* the limit out_from set, 0 when none */
    int oom;
};

void out_columns(out_table *t, const char *columns)
{
    if (t)
        t->columns = columns && *columns ? columns : NULL;
}

out_table *out_from(query_opts *o)
{
    out_table *t = out_new(o->format, stdout);
    out_columns(t, o->columns);
    if (t && o->format == OUT_TABLE && !o->limit_set) {
        o->q.limit = TABLE_ROWS;
        t->default_limit = TABLE_ROWS;
    }
    return t;
}

out_table *out_new(out_format f, FILE *to)
{
    out_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->f = f;
    t->to = to;
    t->tty = isatty(fileno(to));
    return t;
}

/* Characters (UTF-8 code points) of s. */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void csv_cell(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* Which of the row's columns to print: all, or those --columns names. */
static void pick_columns(out_table *t, const ac_row *row)
{
    t->npick = 0;
    if (!t->columns) {
        for (size_t i = 0; i < row->ncols && t->npick < MAX_PICK; i++)
            t->pick[t->npick++] = i;
        return;
    }
    for (const char *p = t->columns; *p;) {
        size_t n = strcspn(p, ",");
        size_t i = 0;
        while (i < row->ncols && !(strlen(row->names[i]) == n && !strncmp(row->names[i], p, n)))
            i++;
        if (i == row->ncols) {
            fprintf(stderr, "accord: no column '%.*s'; the columns are:", (int)n, p);
            for (size_t k = 0; k < row->ncols; k++)
                fprintf(stderr, "%s%s", k ? "," : " ", row->names[k]);
            fputc('\n', stderr);
            exit(EXIT_USAGE);
        }
        if (t->npick < MAX_PICK)
            t->pick[t->npick++] = i;
        p += n + (p[n] == ',');
    }
}

static int header(out_table *t, const ac_row *row)
{
    pick_columns(t, row);
    t->ncols = t->npick;
    t->names = calloc(t->ncols ? t->ncols : 1, sizeof *t->names);
    t->types = calloc(t->ncols ? t->ncols : 1, sizeof *t->types);
    if (!t->names || !t->types)
        return -1;
    for (size_t i = 0; i < t->ncols; i++) {
        t->names[i] = strdup(row->names[t->pick[i]]);
        t->types[i] = row->types[t->pick[i]];
        if (!t->names[i])
            return -1;
    }
    if (t->f == OUT_CSV) {
        for (size_t i = 0; i < t->ncols; i++) {
            if (i)
                fputc(',', t->to);
            csv_cell(t->to, t->names[i]);
        }
        fputc('\n', t->to);
    }
    return 0;
}

int out_row(void *ctx, const ac_row *row)
{
    out_table *t = ctx;
    if (t->oom)
        return 1;
    if (!t->names && header(t, row) != 0) {
        t->oom = 1;
        return 1;
    }
    size_t n = t->ncols;
    const char *val[MAX_PICK];
    for (size_t i = 0; i < n; i++)
        val[i] = t->pick[i] < row->ncols ? row->values[t->pick[i]] : "";
    switch (t->f) {
    case OUT_JSON:
        for (size_t i = 0; i < n; i++) {
            fputs(i ? "," : "{", t->to);
            json_string(t->to, t->names[i]);
            fputc(':', t->to);
            if (t->types[i] != AC_VALUE_TEXT && *val[i])
                fputs(val[i], t->to);
            else if (t->types[i] != AC_VALUE_TEXT)
                fputs("null", t->to);
            else
                json_string(t->to, val[i]);
        }
        fputs(n ? "}\n" : "{}\n", t->to);
        t->printed++;
        return 0;
    case OUT_CSV:
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc(',', t->to);
            csv_cell(t->to, val[i]);
        }
        fputc('\n', t->to);
        t->printed++;
        return 0;
    case OUT_TABLE:
        break;
    }
    if (t->nrows == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 64;
        char **c = realloc(t->cells, nc * t->ncols * sizeof *c);
        if (!c) {
            t->oom = 1;
            return 1;
        }
        t->cells = c;
        t->cap = nc;
    }
    for (size_t i = 0; i < t->ncols; i++) {
        char *v = strdup(val[i]);
        if (!v)
            t->oom = 1;
        /* One line a row: line breaks and tabs become spaces. */
        for (char *p = v; p && *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
        t->cells[t->nrows * t->ncols + i] = v;
    }
    t->nrows++;
    return t->oom;
}

/* Prints s in w characters: cut with "..." when longer than max, padded
 * to w (right-aligned for numbers) unless it is the last column. */
static void cell(FILE *f, const char *s, size_t w, size_t max, int right, int last)
{
    size_t n = width(s);
    if (n > max) {
        size_t keep = max - 3, k = 0;
        const char *p = s;
        while (*p && k < keep) {
            p++;
            while (((unsigned char)*p & 0xC0) == 0x80)
                p++;
            k++;
        }
        fwrite(s, 1, (size_t)(p - s), f);
        fputs("...", f);
        n = max;
    } else {
        if (right)
            for (size_t k = n; k < w; k++)
                fputc(' ', f);
        fputs(s, f);
        if (right)
            return;
    }
    if (!last)
        for (size_t k = n; k < w; k++)
            fputc(' ', f);
}

size_t out_finish(out_table *t, const char *empty)
{
    if (!t)
        return 0;
    size_t printed = t->printed;
    if (t->f == OUT_TABLE && t->nrows == 0 && empty)
        fprintf(t->to, "%s\n", empty);
    if (t->f == OUT_TABLE && t->nrows > 0 && !t->oom) {
        size_t max = t->tty ? CELL_MAX_TTY : (size_t)-1;
        size_t *w = calloc(t->ncols, sizeof *w);
        for (size_t i = 0; w && i < t->ncols; i++) {
            w[i] = width(t->names[i]);
            for (size_t r = 0; r < t->nrows; r++) {
                size_t n = width(t->cells[r * t->ncols + i]);
                if (n > w[i])
                    w[i] = n;
            }
            if (w[i] > max)
                w[i] = max;
        }
        for (size_t i = 0; w && i < t->ncols; i++) {
            cell(t->to, t->names[i], w[i], max, t->types[i] != AC_VALUE_TEXT, i + 1 == t->ncols);
            fputs(i + 1 == t->ncols ? "\n" : "  ", t->to);
        }
        for (size_t r = 0; w && r < t->nrows; r++)
            for (size_t i = 0; i < t->ncols; i++) {
                cell(t->to, t->cells[r * t->ncols + i], w[i], max, t->types[i] != AC_VALUE_TEXT,
                     i + 1 == t->ncols);
                fputs(i + 1 == t->ncols ? "\n" : "  ", t->to);
            }
        printed = t->nrows;
        free(w);
    }
    for (size_t k = 0; k < t->nrows * t->ncols; k++)
        free(t->cells[k]);
    free(t->cells);
    for (size_t i = 0; i < t->ncols && t->names; i++)
        free(t->names[i]);
    free(t->names);
    free(t->types);
    if (t->oom)
        fprintf(stderr, "accord: out of memory printing the results\n");
    if (t->default_limit && printed == t->default_limit)
        fprintf(stderr, "accord: the first %zu rows; --limit N shows more, --csv or --json all of them\n",
                printed);
    free(t);
    fflush(stdout);
    return printed;
}
