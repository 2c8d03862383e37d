/*
 * bench_store.c -- see bench_store.h.
 *
 * Only the store's own work is timed: coding and annotating the stories
 * happens first, outside the clock, one story at a time (the docs of a whole
 * corpus would not fit in memory), and the clock runs around
 * ac_store_begin, ac_store_ingest and ac_store_commit. Wall and CPU time
 * (this thread's user + system) are both kept: on a shared machine the CPU
 * time says what one core does.
 */
#include "bench_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define BATCH 512

static double thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double file_mb(const char *path)
{
    struct stat sb;
    char wal[700];
    double mb = stat(path, &sb) == 0 ? (double)sb.st_size / 1e6 : 0;
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (stat(wal, &sb) == 0)
        mb += (double)sb.st_size / 1e6;
    return mb;
}

static void remove_db(const char *path)
{
    char p[700];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

typedef struct timing {
    double secs, cpu;
} timing;

/* Codes (and annotates, when annotate) each story and writes it, timing the
 * writes only. shift > 0 gives each story a date shift years later and the
 * id suffix "#shift". */
static int ingest_pass(const ac_dict *d, ac_store *s, const ac_story *st, size_t n, int annotate,
                       int shift, timing *t, store_bench *counts)
{
    ac_code_options opt = {.flags = annotate ? AC_CODE_KEEP_ACTORS : 0};
    ac_error err;
    char id[512], date[32];
    for (size_t i = 0; i < n; i += BATCH) {
        double w0 = cli_now(), c0 = thread_cpu();
        if (ac_store_begin(s, &err) != AC_OK) {
            cli_error("bench: store", &err);
            return -1;
        }
        t->secs += cli_now() - w0;
        t->cpu += thread_cpu() - c0;
        for (size_t k = i; k < n && k < i + BATCH; k++) {
            ac_story x = st[k];
            if (shift) {
                snprintf(id, sizeof id, "%s#%d", x.id, shift);
                x.id = id;
                int year = x.date && strlen(x.date) == 10 ? atoi(x.date) : 2025;
                snprintf(date, sizeof date, "%04d%.6s", (year + shift) % 10000,
                         x.date && strlen(x.date) == 10 ? x.date + 4 : "-01-01");
                x.date = date;
            }
            ac_doc *doc = NULL;
            ac_annotation *a = NULL;
            if (ac_code(d, &x, &opt, &doc, &err) != AC_OK ||
                (annotate && ac_annotate(doc, &a, &err) != AC_OK)) {
                ac_doc_free(doc);
                continue;
            }
            ac_ingest_result res;
            w0 = cli_now();
            c0 = thread_cpu();
            ac_status stt = ac_store_ingest(s, &x, doc, a, &res, &err);
            t->secs += cli_now() - w0;
            t->cpu += thread_cpu() - c0;
            ac_annotation_free(a);
            ac_doc_free(doc);
            if (stt != AC_OK) {
                cli_error("bench: store", &err);
                return -1;
            }
            if (counts) {
                counts->stories++;
                counts->sentences += res.sentences;
                counts->events += res.events;
                counts->quotes += res.quotes;
                counts->actors += res.actors;
                counts->themes += res.themes;
            }
        }
        w0 = cli_now();
        c0 = thread_cpu();
        if (ac_store_commit(s, &err) != AC_OK) {
            cli_error("bench: store", &err);
            return -1;
        }
        t->secs += cli_now() - w0;
        t->cpu += thread_cpu() - c0;
    }
    return 0;
}

typedef struct row_count {
    size_t rows, groups;
    int events_col;
} row_count;

static int count_row(void *ctx, const ac_row *row)
{
    row_count *c = ctx;
    c->rows++;
    for (size_t i = 0; i < row->ncols; i++)
        if (!strcmp(row->names[i], "events"))
            c->groups += (size_t)strtoull(row->values[i], NULL, 10);
    return 0;
}

static double time_dyad(ac_store *s, const char *a, const char *b, ac_period by, int repeat,
                        row_count *rc)
{
    double best = 0;
    ac_query q;
    memset(&q, 0, sizeof q);
    for (int r = 0; r < repeat; r++) {
        row_count c = {0};
        ac_error err;
        double t0 = cli_now();
        if (ac_store_dyad(s, a, b, by, &q, count_row, &c, &err) != AC_OK) {
            cli_error("bench: dyad", &err);
            return -1;
        }
        double ms = (cli_now() - t0) * 1e3;
        if (r == 0 || ms < best)
            best = ms;
        *rc = c;
    }
    return best;
}

int bench_store(const ac_dict *d, const ac_story *st, size_t n, size_t big_target, int repeat,
                store_bench *out)
{
    memset(out, 0, sizeof *out);
    const char *tmp = getenv("TMPDIR");
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/accord-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "accord bench: cannot make a temporary folder\n");
        return -1;
    }
    snprintf(path, sizeof path, "%s/bench.db", dir);
    ac_error err;
    ac_store *s = NULL;
    int rc = 0;

    /* Ingest: best of the repeats, each into a new database. */
    for (int r = 0; r < repeat && rc == 0; r++) {
        remove_db(path);
        ac_store_close(s);
        s = NULL;
        if (ac_store_open(path, 0, &s, &err) != AC_OK) {
            cli_error("bench: store", &err);
            rc = -1;
            break;
        }
        timing t = {0};
        store_bench counts;
        memset(&counts, 0, sizeof counts);
        rc = ingest_pass(d, s, st, n, 1, 0, &t, &counts);
        /* Closing checkpoints the write-ahead log into the file: part of
         * the cost of writing, so timed too. */
        double w0 = cli_now(), c0 = thread_cpu();
        ac_store_close(s);
        s = NULL;
        t.secs += cli_now() - w0;
        t.cpu += thread_cpu() - c0;
        if (rc == 0 && ac_store_open(path, 0, &s, &err) != AC_OK) {
            cli_error("bench: store", &err);
            rc = -1;
        }
        if (rc == 0 && (r == 0 || t.secs < out->ingest_secs)) {
            out->ingest_secs = t.secs;
            out->ingest_cpu = t.cpu;
            out->stories = counts.stories;
            out->sentences = counts.sentences;
            out->events = counts.events;
            out->quotes = counts.quotes;
            out->actors = counts.actors;
            out->themes = counts.themes;
        }
    }
    out->db_mb = file_mb(path);

    /* The dyad database: the last ingest's, then the corpus again, a year
     * later each time, until it holds big_target events. */
    if (rc == 0 && big_target > 0 && out->events > 0) {
        double t0 = cli_now();
        size_t have = out->events;
        int shift = 0;
        while (have < big_target && rc == 0) {
            timing t = {0};
            store_bench c;
            memset(&c, 0, sizeof c);
            rc = ingest_pass(d, s, st, n, 0, ++shift, &t, &c);
            have += c.events;
            if (c.events == 0)
                break;
        }
        out->passes = (size_t)shift + 1;
        out->big_secs = cli_now() - t0;
        ac_store_stats ss;
        if (rc == 0 && ac_store_get_stats(s, &ss, &err) == AC_OK) {
            out->big_events = ss.events;
            out->big_groups = ss.event_groups;
            out->big_stories = ss.stories;
        }
        out->big_db_mb = file_mb(path);
        /* Queries on a store opened for reading, as accord dyad does. */
        ac_store_close(s);
        s = NULL;
        if (rc == 0 && ac_store_open(path, AC_STORE_READONLY, &s, &err) != AC_OK) {
            cli_error("bench: store", &err);
            rc = -1;
        }
        snprintf(out->dyad[0], sizeof out->dyad[0], "USA");
        snprintf(out->dyad[1], sizeof out->dyad[1], "CHN");
        row_count c = {0};
        if (rc == 0) {
            out->dyad_month_ms = time_dyad(s, "USA", "CHN", AC_PERIOD_MONTH, repeat, &c);
            out->dyad_rows = c.rows;
            out->dyad_groups = c.groups;
            out->dyad_day_ms = time_dyad(s, "USA", "CHN", AC_PERIOD_DAY, repeat, &c);
            if (out->dyad_month_ms < 0 || out->dyad_day_ms < 0)
                rc = -1;
        }
        if (rc == 0) {
            ac_query q;
            memset(&q, 0, sizeof q);
            q.actor = "USA";
            q.limit = 100;
            for (int r = 0; r < repeat; r++) {
                row_count e = {0};
                double t1 = cli_now();
                if (ac_store_events(s, &q, count_row, &e, &err) != AC_OK) {
                    cli_error("bench: events", &err);
                    rc = -1;
                    break;
                }
                double ms = (cli_now() - t1) * 1e3;
                if (r == 0 || ms < out->events_ms)
                    out->events_ms = ms;
            }
        }
    }
    ac_store_close(s);
    remove_db(path);
    rmdir(dir);
    return rc;
}
