/*
 * code_run.c -- see code_run.h.
 *
 * Pipeline: the main thread reads batch k+1 while the workers code batch k;
 * then it writes batch k in input order. With one thread everything runs on
 * the main thread and no worker is started.
 */
#include "code_run.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "cli.h"
#include "pool.h"

#define BATCH_STORIES 512
#define BATCH_BYTES (8u << 20)

typedef struct batch {
    ac_story st[BATCH_STORIES];    /* owned copies (story_dup): free st[i].id */
    ac_buf out[BATCH_STORIES];
    size_t nsent[BATCH_STORIES], ntok[BATCH_STORIES], nev[BATCH_STORIES];
    int failed[BATCH_STORIES];
    ac_error err[BATCH_STORIES];
    size_t n, bytes;
} batch;


void code_run_init(code_run *r)
{
    memset(r, 0, sizeof *r);
    r->threads = 1;
    r->out_hash = CODE_RUN_HASH_INIT;
}

static void code_one(code_run *r, batch *b, size_t i)
{
    ac_doc *doc = NULL;
    ac_buf_reset(&b->out[i]);
    b->failed[i] = 0;
    if (ac_code(r->dict, &b->st[i], &r->copt, &doc, &b->err[i]) != AC_OK) {
        b->failed[i] = 1;
        b->nsent[i] = b->ntok[i] = b->nev[i] = 0;
        return;
    }
    if (r->copt.flags & AC_CODE_EXPLAIN) {
        const char *ex = ac_doc_explain(doc);
        ac_buf_append(&b->out[i], ex, strlen(ex));
    }
    if (r->annotate) {
        ac_annotation *an = NULL;
        if (ac_annotate(doc, &an, &b->err[i]) != AC_OK ||
            ac_write_annotation(&b->st[i], doc, an, &b->out[i], &b->err[i]) != AC_OK)
            b->failed[i] = 1;
        ac_annotation_free(an);
    } else if (ac_write_events(doc, &b->st[i], r->format, &b->out[i]) != AC_OK) {
        b->failed[i] = 1;
        snprintf(b->err[i].msg, sizeof b->err[i].msg, "out of memory writing story %s", b->st[i].id);
        b->err[i].file[0] = '\0';
        b->err[i].line = 0;
        b->err[i].offset = UINT64_MAX;
    }
    b->nsent[i] = ac_doc_sentence_count(doc);
    b->ntok[i] = ac_doc_token_count(doc);
    b->nev[i] = ac_doc_event_count(doc);
    ac_doc_free(doc);
}

/* A worker's item: story i of the batch. */
typedef struct batch_job {
    code_run *r;
    batch *b;
} batch_job;

static void code_item(void *ctx, size_t i)
{
    batch_job *j = ctx;
    code_one(j->r, j->b, i);
}

/* Writes a coded batch in order and releases its stories. */
static void flush(code_run *r, batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->failed[i]) {
            cli_error("story skipped", &b->err[i]);
            r->skipped_limit++;
        } else {
            r->sentences += b->nsent[i];
            r->tokens += b->ntok[i];
            r->events += b->nev[i];
        }
        const ac_buf *o = &b->out[i];
        r->out_hash = code_run_hash(r->out_hash, o->data, o->len);
        r->bytes_out += o->len;
        if (r->out && o->len && fwrite(o->data, 1, o->len, r->out) != o->len)
            r->io_errors++;
        free((char *)b->st[i].id);
    }
    b->n = 0;
    b->bytes = 0;
}

unsigned long long code_run_hash(unsigned long long h, const char *p, size_t n)
{
    return n ? (unsigned long long)XXH3_64bits_withSeed(p, n, (XXH64_hash_t)h) : h;
}

size_t story_dup(const ac_story *s, ac_story *out)
{
    const char *fields[7] = {s->id, s->date, s->title, s->url, s->source, s->origin, s->text};
    size_t lens[7], total = 0;
    for (int k = 0; k < 7; k++) {
        lens[k] = fields[k] ? (k == 6 ? s->text_len : strlen(fields[k])) : 0;
        total += lens[k] + 1;
    }
    char *mem = malloc(total);
    if (!mem)
        return 0;
    const char *copies[7];
    char *p = mem;
    for (int k = 0; k < 7; k++) {
        if (lens[k])
            memcpy(p, fields[k], lens[k]);
        p[lens[k]] = '\0';
        copies[k] = p;
        p += lens[k] + 1;
    }
    *out = *s;
    out->id = copies[0];
    out->date = copies[1];
    out->title = copies[2];
    out->url = copies[3];
    out->source = copies[4];
    out->origin = copies[5];
    out->text = copies[6];
    return total;
}

/* Copies a story the reader owns into the batch. */
static int batch_add(batch *b, const ac_story *s)
{
    if (!story_dup(s, &b->st[b->n]))
        return -1;
    b->bytes += s->text_len;
    b->n++;
    return 0;
}

typedef struct feeder {
    code_run *r;
    const char *const *files;
    size_t nfiles, fi;
    ac_reader *rd;
    const ac_story *mem_stories;   /* code_run_stories */
    size_t mem_n, mem_i;
    cli_diag diag;
} feeder;

/* Fills b with the next stories. Returns 0 at the end of all input. */
static int fill(feeder *f, batch *b)
{
    code_run *r = f->r;
    while (b->n < BATCH_STORIES && b->bytes < BATCH_BYTES) {
        if (f->mem_stories) {
            if (f->mem_i == f->mem_n)
                break;
            if (batch_add(b, &f->mem_stories[f->mem_i++]) != 0)
                return b->n > 0;
            r->stories++;
            continue;
        }
        if (!f->rd) {
            if (f->fi == f->nfiles)
                break;
            const char *path = f->files[f->fi++];
            ac_error err;
            r->ropt.diag = cli_diag_print;
            r->ropt.diag_ctx = &f->diag;
            if (ac_reader_open(!strcmp(path, "-") ? NULL : path, &r->ropt, &f->rd, &err) != AC_OK) {
                cli_error(NULL, &err);
                r->io_errors++;
                f->rd = NULL;
                continue;
            }
        }
        ac_story s;
        ac_error err;
        ac_status st = ac_reader_next(f->rd, &s, &err);
        if (st == AC_OK) {
            if (s.part == 0)
                r->stories++;
            r->parts++;
            r->bytes_in += s.text_len;
            if (batch_add(b, &s) != 0) {
                fprintf(stderr, "accord: out of memory holding story %s\n", s.id);
                r->skipped_limit++;
            }
        } else if (st == AC_EPARSE || st == AC_ELIMIT) {
            cli_error("skipped", &err);
            if (st == AC_EPARSE)
                r->skipped_parse++;
            else
                r->skipped_limit++;
        } else {
            if (st != AC_DONE) {
                cli_error(NULL, &err);
                r->io_errors++;
            }
            ac_reader_close(f->rd);
            f->rd = NULL;
        }
    }
    return b->n > 0;
}

static int run(code_run *r, feeder *f)
{
    batch *b[2];
    b[0] = calloc(1, sizeof(batch));
    b[1] = calloc(1, sizeof(batch));
    if (!b[0] || !b[1]) {
        free(b[0]);
        free(b[1]);
        fprintf(stderr, "accord: out of memory\n");
        return EXIT_FAIL;
    }
    f->diag.prefix = "warning";
    if (r->threads <= 1) {
        while (fill(f, b[0])) {
            for (size_t i = 0; i < b[0]->n; i++)
                code_one(r, b[0], i);
            flush(r, b[0]);
        }
    } else {
        pool *p = pool_start(r->threads);
        if (!p) {
            free(b[0]);
            free(b[1]);
            return EXIT_FAIL;
        }
        int cur = 0;
        int have = fill(f, b[cur]);
        while (have) {
            batch_job job = {r, b[cur]};
            pool_submit(p, code_item, &job, b[cur]->n);
            int nxt = 1 - cur;
            int more = fill(f, b[nxt]);
            pool_wait(p);
            flush(r, b[cur]);
            cur = nxt;
            have = more;
        }
        pool_stop(p);
    }
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < BATCH_STORIES; i++)
            ac_buf_free(&b[k]->out[i]);
        free(b[k]);
    }
    if (r->out)
        fflush(r->out);
    r->warnings += f->diag.count;
    return EXIT_OK;
}

int code_run_files(code_run *r, const char *const *files, size_t nfiles)
{
    feeder f;
    memset(&f, 0, sizeof f);
    f.r = r;
    f.files = files;
    f.nfiles = nfiles;
    return run(r, &f);
}

int code_run_stories(code_run *r, const ac_story *stories, size_t n)
{
    feeder f;
    memset(&f, 0, sizeof f);
    f.r = r;
    f.mem_stories = stories;
    f.mem_n = n;
    return run(r, &f);
}

void code_run_summary(const code_run *r, FILE *f)
{
    fprintf(f, "accord: %zu stor%s read, %zu sentences, %zu events; skipped: %zu malformed, "
               "%zu too large or failed; %zu warnings; %zu input errors\n",
            r->stories, r->stories == 1 ? "y" : "ies", r->sentences, r->events, r->skipped_parse,
            r->skipped_limit, r->warnings, r->io_errors);
}

int code_run_opt(const char *cmd, int argc, char **argv, int *i, code_run *r, cli_dicts *dicts)
{
    const char *v;
    if ((v = cli_opt(argc, argv, i, "--date"))) {
        r->ropt.default_date = v;
    } else if ((v = cli_opt(argc, argv, i, "--input"))) {
        static const struct { const char *name; ac_input_format f; } IN[] = {
            {"auto", AC_INPUT_AUTO}, {"text", AC_INPUT_TEXT}, {"jsonl", AC_INPUT_JSONL},
            {"html", AC_INPUT_HTML}};
        size_t k = 0;
        while (k < sizeof IN / sizeof IN[0] && strcmp(v, IN[k].name))
            k++;
        if (k == sizeof IN / sizeof IN[0]) {
            fprintf(stderr, "accord %s: unknown input format '%s' (auto, text, jsonl, html)\n", cmd, v);
            return -1;
        }
        r->ropt.format = IN[k].f;
    } else if (cli_dict_opt(argc, argv, i, dicts)) {
        return 1;
    } else if ((v = cli_opt(argc, argv, i, "-j"))) {
        r->threads = atoi(v);
        if (r->threads < 1 || r->threads > 256) {
            fprintf(stderr, "accord %s: -j needs a number from 1 to 256\n", cmd);
            return -1;
        }
    } else if ((v = cli_opt(argc, argv, i, "--convention"))) {
        if (!strcmp(v, "petrarch"))
            r->copt.flags |= AC_CODE_LITERAL;
        else if (!strcmp(v, "tabari"))
            r->copt.flags |= AC_CODE_LITERAL | AC_CODE_BY_CLAUSE | AC_CODE_FIRST_ACTOR;
        else if (strcmp(v, "accord")) {
            fprintf(stderr, "accord %s: --convention takes accord, petrarch or tabari\n", cmd);
            return -1;
        }
    } else if (!strcmp(argv[*i], "--explain")) {
        r->copt.flags |= AC_CODE_EXPLAIN;
    } else {
        return 0;
    }
    return 1;
}
