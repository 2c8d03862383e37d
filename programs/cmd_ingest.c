/*
 * cmd_ingest.c -- accord ingest: stories in, coded, annotated and stored.
 *
 * The main thread reads a batch of stories (skipping those already stored
 * with the same text: a resumed run codes only what is missing), N workers
 * code and annotate it, then the main thread writes it to the store in one
 * transaction while the workers code the next batch. A kill at any moment
 * loses at most the open batch; running the same command again completes it.
 *
 * Test hooks (environment): ACCORD_TEST_KILL_AFTER=N sends SIGKILL to the
 * process right after the Nth story of the run is written (inside its
 * batch, before the commit); ACCORD_TEST_PAUSE_AFTER=N prints "paused" on
 * stderr after the Nth story and sleeps (60 s), holding the batch open.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "pool.h"
#include "code_run.h"
#include "store_cli.h"

#define MAX_BATCH 4096
#define BATCH_BYTES (16u << 20)

typedef struct slot {
    ac_story st;           /* owned copy (story_dup): free st.id */
    ac_doc *doc;
    ac_annotation *an;
    ac_error err;
    int failed;
} slot;

typedef struct batch {
    slot s[MAX_BATCH];
    size_t n, bytes;
} batch;

typedef struct ingest {
    const ac_dict *dict;
    ac_store *store;
    ac_reader_options ropt;
    ac_code_options copt;
    int annotate;
    size_t batch_max;
    const char *const *files;
    size_t nfiles, fi;
    ac_reader *rd;
    cli_diag diag;

    /* Counts. */
    size_t read, parts, added, updated, unchanged, malformed, failed, io_errors;
    size_t sentences, events, quotes, actions, planned;
    size_t bytes_done, bytes_total;
    double t0, last_draw;
    double store_s;        /* time spent writing to the store */
    int progress;          /* draw a progress bar on stderr */
    long kill_after, pause_after;
    int store_failed;
} ingest;

/* ---- coding (workers) ------------------------------------------------------------ */

static void code_slot(ingest *g, slot *x)
{
    x->failed = 0;
    if (ac_code(g->dict, &x->st, &g->copt, &x->doc, &x->err) != AC_OK) {
        x->failed = 1;
        return;
    }
    if (g->annotate && ac_annotate(x->doc, &x->an, &x->err) != AC_OK)
        x->failed = 1;
}


/* A worker's item: story i of the batch. */
typedef struct batch_job {
    ingest *g;
    batch *b;
} batch_job;

static void code_item(void *ctx, size_t i)
{
    batch_job *j = ctx;
    code_slot(j->g, &j->b->s[i]);
}

/* ---- progress -------------------------------------------------------------------- */

static void draw(ingest *g, int final)
{
    if (!g->progress)
        return;
    double now = cli_now();
    if (!final && now - g->last_draw < 0.2)
        return;
    g->last_draw = now;
    double el = now - g->t0;
    double rate = el > 0 ? (double)g->events / el : 0;
    char bar[32] = "", left[32] = "";
    if (g->bytes_total) {
        double f = (double)g->bytes_done / (double)g->bytes_total;
        if (f > 1)
            f = 1;
        int w = 20, k = (int)(f * w);
        bar[0] = '[';
        for (int i = 0; i < w; i++)
            bar[1 + i] = i < k ? '#' : '.';
        snprintf(bar + 1 + w, sizeof bar - 1 - (size_t)w, "] %3d%%", (int)(f * 100));
        if (f > 0.01 && !final) {
            int s = (int)(el / f - el);
            snprintf(left, sizeof left, "  %d:%02d left", s / 60, s % 60);
        }
    }
    fprintf(stderr, "\r\033[K%s %zu stories, %zu events, %.0f events/s%s", bar, g->read, g->events,
            rate, left);
    if (final)
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/* ---- reading --------------------------------------------------------------------- */

/* Fills b with the next stories not stored yet. Returns 0 at the end of input. */
static int fill(ingest *g, batch *b)
{
    while (b->n < g->batch_max && b->bytes < BATCH_BYTES) {
        if (!g->rd) {
            if (g->fi == g->nfiles)
                break;
            const char *path = g->files[g->fi++];
            ac_error err;
            g->ropt.diag = cli_diag_print;
            g->ropt.diag_ctx = &g->diag;
            if (ac_reader_open(!strcmp(path, "-") ? NULL : path, &g->ropt, &g->rd, &err) != AC_OK) {
                cli_error(NULL, &err);
                g->io_errors++;
                g->rd = NULL;
                continue;
            }
        }
        ac_story s;
        ac_error err;
        ac_status st = ac_reader_next(g->rd, &s, &err);
        if (st == AC_OK) {
            if (s.part == 0)
                g->read++;
            g->parts++;
            g->bytes_done += s.text_len;
            ac_ingest_outcome o;
            if (ac_store_story_state(g->store, &s, &o, &err) != AC_OK) {
                cli_error("cannot read the database", &err);
                g->store_failed = 1;
                return b->n > 0;
            }
            if (o == AC_INGEST_UNCHANGED) {
                g->unchanged++;
                continue;
            }
            slot *x = &b->s[b->n];
            memset(x, 0, sizeof *x);
            if (!story_dup(&s, &x->st)) {
                fprintf(stderr, "accord: out of memory holding story %s\n", s.id);
                g->failed++;
                continue;
            }
            b->n++;
            b->bytes += s.text_len;
        } else if (st == AC_EPARSE || st == AC_ELIMIT) {
            cli_error("skipped", &err);
            g->malformed++;
        } else {
            if (st != AC_DONE) {
                cli_error(NULL, &err);
                g->io_errors++;
            }
            ac_reader_close(g->rd);
            g->rd = NULL;
        }
    }
    return b->n > 0;
}

/* ---- writing --------------------------------------------------------------------- */

static void release(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        ac_annotation_free(b->s[i].an);
        ac_doc_free(b->s[i].doc);
        free((char *)b->s[i].st.id);
    }
    b->n = 0;
    b->bytes = 0;
}

/* Writes a coded batch in one transaction. Returns -1 when the store failed
 * (the batch is rolled back and the run stops). */
static int write_batch(ingest *g, batch *b)
{
    ac_error err;
    double t = cli_now();
    if (ac_store_begin(g->store, &err) != AC_OK) {
        cli_error("cannot write to the database", &err);
        return -1;
    }
    size_t sent = 0, ev = 0, qu = 0, ac = 0, pl = 0, added = 0, updated = 0, unchanged = 0;
    for (size_t i = 0; i < b->n; i++) {
        slot *x = &b->s[i];
        if (x->failed) {
            cli_error("story skipped", &x->err);
            g->failed++;
            continue;
        }
        ac_ingest_result res;
        ac_status st = ac_store_ingest(g->store, &x->st, x->doc, x->an, &res, &err);
        if (st == AC_EPARSE) {
            cli_error("story skipped", &err);
            g->malformed++;
            continue;
        }
        if (st != AC_OK) {
            cli_error("cannot write to the database", &err);
            return -1;
        }
        added += res.outcome == AC_INGEST_NEW;
        updated += res.outcome == AC_INGEST_UPDATED;
        unchanged += res.outcome == AC_INGEST_UNCHANGED;
        sent += res.sentences;
        ev += res.events;
        qu += res.quotes;
        ac += res.actions;
        pl += res.planned;
        long done = (long)(g->added + g->updated + g->unchanged + added + updated + unchanged);
        if (g->kill_after > 0 && done >= g->kill_after)
            raise(SIGKILL);
        if (g->pause_after > 0 && done == g->pause_after) {
            fprintf(stderr, "paused\n");
            fflush(stderr);
            sleep(60);
        }
    }
    if (ac_store_commit(g->store, &err) != AC_OK) {
        cli_error("cannot write to the database", &err);
        return -1;
    }
    /* Counted once committed: the summary says what is in the database. */
    g->added += added;
    g->updated += updated;
    g->unchanged += unchanged;
    g->sentences += sent;
    g->events += ev;
    g->quotes += qu;
    g->actions += ac;
    g->planned += pl;
    g->store_s += cli_now() - t;
    draw(g, 0);
    return 0;
}

static int run(ingest *g, int threads)
{
    batch *b[2];
    b[0] = calloc(1, sizeof(batch));
    b[1] = calloc(1, sizeof(batch));
    if (!b[0] || !b[1]) {
        free(b[0]);
        free(b[1]);
        fprintf(stderr, "accord: out of memory\n");
        return -1;
    }
    int rc = 0;
    if (threads <= 1) {
        while (rc == 0 && !g->store_failed && fill(g, b[0])) {
            for (size_t i = 0; i < b[0]->n; i++)
                code_slot(g, &b[0]->s[i]);
            rc = write_batch(g, b[0]);
            release(b[0]);
        }
    } else {
        pool *p = pool_start(threads);
        if (!p) {
            free(b[0]);
            free(b[1]);
            return -1;
        }
        int cur = 0;
        int have = fill(g, b[cur]);
        batch_job job[2] = {{g, b[0]}, {g, b[1]}};
        if (have) {
            pool_submit(p, code_item, &job[cur], b[cur]->n);
            pool_wait(p);
        }
        while (have && rc == 0) {
            /* b[cur] is coded: code the next batch while it is written. */
            int nxt = 1 - cur;
            int more = !g->store_failed && fill(g, b[nxt]);
            if (more)
                pool_submit(p, code_item, &job[nxt], b[nxt]->n);
            rc = write_batch(g, b[cur]);
            if (more)
                pool_wait(p);
            release(b[cur]);
            if (rc != 0)
                release(b[nxt]);
            cur = nxt;
            have = more;
        }
        release(b[cur]);
        pool_stop(p);
    }
    if (g->rd) {
        ac_reader_close(g->rd);
        g->rd = NULL;
    }
    free(b[0]);
    free(b[1]);
    return rc || g->store_failed ? -1 : 0;
}

/* ---- the command ----------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
        "usage: accord ingest [OPTIONS] [FILE...]\n"
        "Reads stories (plain text, HTML, JSON Lines; gzip and zstd too; stdin\n"
        "when no file is given), codes and annotates them, and stores stories,\n"
        "sentences, events, quotes, actors, themes, tone, agreements and planned\n"
        "events in a database. A story already stored with the same id and text\n"
        "is skipped, one with a new text replaced: running it again resumes an\n"
        "interrupted run.\n\n"
        "  --db URL              the database: a file (default accord.db),\n"
        "                        sqlite:PATH[?busy_timeout=MS], postgresql://...\n"
        "  --date YYYY-MM-DD     date of stories that carry none\n"
        "  --input auto|text|jsonl|html   input format (default auto)\n"
        "  --dict SOURCE         dictionaries, as for accord code (repeatable)\n"
        "  -j N                  code with N threads\n"
        "  --batch N             stories per transaction (default 512)\n"
        "  --events-only         store events and sentences, no annotation\n"
        "  --progress, --no-progress   force the progress bar on or off (default:\n"
        "                        on when stderr is a terminal)\n"
        "  --quiet               no summary on stderr\n");
}

static void summary(const ingest *g, FILE *f, const char *db)
{
    double el = cli_now() - g->t0;
    fprintf(f,
            "accord: %zu stor%s read: %zu stored (%zu new, %zu updated), %zu unchanged; "
            "%zu events, %zu sentences, %zu quotes, %zu membership actions, %zu planned; "
            "skipped: %zu malformed, %zu failed; %zu warnings; %zu input errors; %.2f s (%.2f s writing), "
            "%.0f events/s\n",
            g->read, g->read == 1 ? "y" : "ies", g->added + g->updated, g->added, g->updated,
            g->unchanged, g->events, g->sentences, g->quotes, g->actions, g->planned, g->malformed,
            g->failed, g->diag.count, g->io_errors, el, g->store_s, el > 0 ? (double)g->events / el : 0.0);
    ac_store_stats s;
    ac_error err;
    if (g->store && ac_store_get_stats(g->store, &s, &err) == AC_OK)
        fprintf(f, "accord: %s holds %zu stor%s, %zu events in %zu event groups, %zu quotes, "
                   "%zu membership actions, %zu planned events\n",
                db, s.stories, s.stories == 1 ? "y" : "ies", s.events, s.event_groups, s.quotes,
                s.actions, s.planned);
}

int cmd_ingest(int argc, char **argv)
{
    ingest g;
    memset(&g, 0, sizeof g);
    g.annotate = 1;
    g.batch_max = 512;
    g.progress = isatty(STDERR_FILENO);
    cli_dicts dicts = {0};
    const char *db = CLI_DEFAULT_DB;
    int threads = 1, quiet = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            free(files);
            return EXIT_OK;
        } else if ((v = cli_opt(argc, argv, &i, "--db"))) {
            db = v;
        } else if ((v = cli_opt(argc, argv, &i, "--date"))) {
            g.ropt.default_date = v;
        } else if ((v = cli_opt(argc, argv, &i, "--input"))) {
            if (!strcmp(v, "auto"))
                g.ropt.format = AC_INPUT_AUTO;
            else if (!strcmp(v, "text"))
                g.ropt.format = AC_INPUT_TEXT;
            else if (!strcmp(v, "jsonl"))
                g.ropt.format = AC_INPUT_JSONL;
            else if (!strcmp(v, "html"))
                g.ropt.format = AC_INPUT_HTML;
            else {
                fprintf(stderr, "accord ingest: unknown input format '%s'\n", v);
                free(files);
                return EXIT_USAGE;
            }
        } else if (cli_dict_opt(argc, argv, &i, &dicts)) {
            continue;
        } else if ((v = cli_opt(argc, argv, &i, "-j"))) {
            threads = atoi(v);
            if (threads < 1 || threads > 256) {
                fprintf(stderr, "accord ingest: -j needs a number from 1 to 256\n");
                free(files);
                return EXIT_USAGE;
            }
        } else if ((v = cli_opt(argc, argv, &i, "--batch"))) {
            long n = atol(v);
            if (n < 1 || n > MAX_BATCH) {
                fprintf(stderr, "accord ingest: --batch needs a number from 1 to %d\n", MAX_BATCH);
                free(files);
                return EXIT_USAGE;
            }
            g.batch_max = (size_t)n;
        } else if (!strcmp(argv[i], "--events-only")) {
            g.annotate = 0;
        } else if (!strcmp(argv[i], "--progress")) {
            g.progress = 1;
        } else if (!strcmp(argv[i], "--no-progress")) {
            g.progress = 0;
        } else if (!strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord ingest: unknown option '%s'\n", argv[i]);
            usage(stderr);
            free(files);
            return EXIT_USAGE;
        } else {
            files[g.nfiles++] = argv[i];
        }
    }
    if (g.ropt.default_date && !strchr(g.ropt.default_date, '-')) {
        fprintf(stderr, "accord ingest: --date wants YYYY-MM-DD\n");
        free(files);
        return EXIT_USAGE;
    }
    const char *hook = getenv("ACCORD_TEST_KILL_AFTER");
    g.kill_after = hook ? atol(hook) : 0;
    hook = getenv("ACCORD_TEST_PAUSE_AFTER");
    g.pause_after = hook ? atol(hook) : 0;
    if (g.nfiles == 0)
        files[g.nfiles++] = "-";
    for (size_t k = 0; k < g.nfiles; k++) {
        struct stat sb;
        if (strcmp(files[k], "-") != 0 && stat(files[k], &sb) == 0)
            g.bytes_total += (size_t)sb.st_size;
    }
    g.files = files;
    g.diag.prefix = "warning";
    g.store = store_open_cli(db, 0);
    if (!g.store) {
        free(files);
        return EXIT_FAIL;
    }
    g.dict = cli_load_dicts(&dicts, 0);
    if (!g.dict) {
        ac_store_close(g.store);
        free(files);
        return EXIT_FAIL;
    }
    g.copt.flags = g.annotate ? AC_CODE_KEEP_ACTORS : 0;
    g.t0 = g.last_draw = cli_now();
    int rc = run(&g, threads);
    draw(&g, 1);
    if (!quiet || rc != 0)
        summary(&g, stderr, db);
    ac_store_close(g.store);
    ac_dict_free((ac_dict *)g.dict);
    free(files);
    if (rc != 0)
        return EXIT_FAIL;
    return (g.malformed || g.failed || g.io_errors) ? EXIT_FAIL : EXIT_OK;
}
