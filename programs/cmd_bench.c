/*
 * cmd_bench.c -- accord bench: speed per stage, dictionary load time, peak
 * memory and a hash of the output, on a generated or given corpus.
 *
 * Every stage runs over the same stories, held in memory:
 *   read      the corpus as JSON Lines, parsed by ac_reader (from memory for
 *             the generated corpus, from the file for --corpus);
 *   tokenize, split, match, code
 *             ac_code() with stop_after at that stage, so each time is
 *             cumulative from the raw text and the marginal time of a stage is
 *             the difference with the stage before;
 *   write     ac_write_events() of the coded docs to a buffer (only the
 *             write itself is timed); the output is hashed with FNV-1a 64;
 *   annotate  ac_code() with AC_CODE_KEEP_ACTORS, ac_annotate() and
 *             ac_write_annotation(), all timed, against code + write.
 * Then the whole of code + write runs through code_run_stories() with 1, 2,
 * ... threads, as `accord code -j N` does, and its output hash must equal
 * the write stage's: a speed-up that changes the results shows.
 *
 * The dictionaries (--dict, as every command takes them) are loaded from
 * their text 7 times; then the loaded dictionary is saved as a compiled
 * image to a temporary file and opened 7 times (ac_dict_open), and the first
 * stories are coded with both to check that the image gives the same bytes.
 * The text-built dictionary is the one benchmarked (the image's, when --dict
 * names an image).
 *
 * The corpus is generated (bench_corpus.c), read from a file (--corpus), or
 * made of the <Sentence> texts of a PETRARCH XML file repeated to
 * --sentences (--corpus-petr-xml: real news sentences, one story each).
 *
 * Each measurement is the best of --repeat runs. Rates are per second of
 * wall-clock time; MB is 10^6 bytes of story text.
 */
#include <inttypes.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_corpus.h"
#include "bench_store.h"
#include "cli.h"
#include "code_run.h"

#define DICT_LOADS 7
#define IMAGE_CHECK_STORIES 2000
#define MAX_THREAD_RUNS 16

/* Targets of the issue: on one core of the CI machine. */
#define TARGET_SENT_PER_S 200000.0
#define TARGET_LOAD_MS 50.0
#define TARGET_RSS_MB 100.0
#define TARGET_J2_SPEEDUP 1.8
#define TARGET_ANNOTATE_RATIO 2.0   /* annotation: at most twice code + write */

typedef struct options {
    cli_dicts dicts;
    const char *corpus_path;   /* NULL: generate */
    const char *petr_xml;      /* generate from this PETRARCH XML file */
    int sentences_set;
    const char *save_path;     /* write the generated corpus here */
    size_t sentences;
    uint64_t seed;
    int max_threads;
    int repeat;
    int json;
    size_t store_events;       /* events of the dyad database; 0: no store stages */
} options;

/* The stories, each copied into one allocation of its own. */
typedef struct corpus {
    ac_story *st;
    size_t n, cap;
    size_t text_bytes;         /* sum of text_len */
    size_t held_bytes;         /* memory held for the copies */
} corpus;

/* What coding the corpus produced (filled by the code stage). */
typedef struct counts {
    size_t sentences, tokens, events, event_sentences, failed;
} counts;

typedef struct stage {
    const char *name;
    double secs;               /* marginal: this stage alone */
    double cum;                /* from the input to the end of this stage */
} stage;

enum { ST_READ, ST_TOKENIZE, ST_SPLIT, ST_MATCH, ST_CODE, ST_WRITE, ST_COUNT };

typedef struct thread_run {
    int threads;
    double secs;
    double cpu;                /* user + system seconds of that run */
    unsigned long long hash;
    size_t sentences;
} thread_run;

static void usage(FILE *f)
{
    fprintf(f,
        "usage: accord bench [OPTIONS]\n"
        "Times each stage (read, tokenize, split, match, code, write, annotate) on a seeded\n"
        "news-like corpus or on a file, then code + write with 1..N threads.\n\n"
        "  --sentences N     sentences to generate (default 200000; 50000 with\n"
        "                    --corpus-petr-xml)\n"
        "  --seed S          seed of the generator (default 1)\n"
        "  --corpus FILE     benchmark this file instead (any input accord reads)\n"
        "  --corpus-petr-xml FILE  the <Sentence> texts of a PETRARCH XML file,\n"
        "                    repeated to --sentences stories of one sentence\n"
        "  --save-corpus FILE  also write the generated corpus (JSON Lines) to FILE\n"
        "  --dict SOURCE     dictionaries, as for accord code (repeatable; default:\n"
        "                    accord's dict/); --dict-format NAME before one forces\n"
        "                    its format\n"
        "  --threads N, -j N most threads to try end to end (default 2)\n"
        "  --repeat R        best of R runs per measurement (default 3)\n"
        "  --store-events N  the store stages: ingest the corpus into SQLite, then\n"
        "                    grow the database to N events and time a dyad query\n"
        "                    (default 1000000; 0 skips them)\n"
        "  --json            one JSON object on stdout instead of the table\n");
}

/* ------------------------------------------------------------------ corpus */

static int corpus_add(corpus *c, const ac_story *s)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        ac_story *st = realloc(c->st, cap * sizeof *st);
        if (!st)
            return -1;
        c->st = st;
        c->cap = cap;
    }
    size_t total = story_dup(s, &c->st[c->n]);
    if (!total)
        return -1;
    c->n++;
    c->text_bytes += s->text_len;
    c->held_bytes += total + sizeof *c->st;
    return 0;
}

static void corpus_free(corpus *c)
{
    /* The id is the first field of each story's allocation. */
    for (size_t i = 0; i < c->n; i++)
        free((char *)c->st[i].id);
    free(c->st);
    memset(c, 0, sizeof *c);
}

/* Reads every story of the file, or of the JSON Lines in mem when path is
 * NULL; copies them into keep when it is not NULL. Returns the seconds taken,
 * or -1 when the input cannot be read. */
static double read_all(const char *path, const ac_buf *mem, corpus *keep, size_t *stories,
                       size_t *bytes)
{
    cli_diag diag = {.prefix = "warning", .quiet = 1};
    ac_reader_options ro;
    memset(&ro, 0, sizeof ro);
    ro.format = path ? AC_INPUT_AUTO : AC_INPUT_JSONL;
    ro.diag = cli_diag_print;
    ro.diag_ctx = &diag;
    ac_reader *r = NULL;
    ac_error err;
    double t0 = cli_now();
    ac_status st = path ? ac_reader_open(path, &ro, &r, &err)
                        : ac_reader_open_mem("bench.jsonl", mem->data, mem->len, &ro, &r, &err);
    if (st != AC_OK) {
        cli_error(NULL, &err);
        return -1;
    }
    size_t n = 0, b = 0;
    ac_story s;
    while ((st = ac_reader_next(r, &s, &err)) != AC_DONE) {
        if (st == AC_OK) {
            n++;
            b += s.text_len;
            if (keep && corpus_add(keep, &s) != 0) {
                fprintf(stderr, "accord bench: out of memory holding the corpus\n");
                ac_reader_close(r);
                return -1;
            }
        } else if (st == AC_EPARSE || st == AC_ELIMIT) {
            cli_error("skipped", &err);
        } else {
            cli_error(NULL, &err);
            ac_reader_close(r);
            return -1;
        }
    }
    ac_reader_close(r);
    double t = cli_now() - t0;
    *stories = n;
    *bytes = b;
    return t;
}

/* ------------------------------------------------------------------ stages */

/* Runs ac_code() up to `stop` on every story. Fills cnt when not NULL. */
static double run_stage(const ac_dict *d, const corpus *c, ac_stage stop, counts *cnt)
{
    ac_code_options opt = {.stop_after = stop};
    unsigned char *seen = NULL;
    size_t seen_cap = 0;
    if (cnt)
        memset(cnt, 0, sizeof *cnt);
    double t0 = cli_now();
    for (size_t i = 0; i < c->n; i++) {
        ac_doc *doc = NULL;
        ac_error err;
        if (ac_code(d, &c->st[i], &opt, &doc, &err) != AC_OK) {
            if (cnt)
                cnt->failed++;
            continue;
        }
        if (cnt) {
            /* Counting happens once, on the code stage; its cost is small
             * next to coding and is included in that stage's time. */
            size_t ns = ac_doc_sentence_count(doc), ne = ac_doc_event_count(doc);
            cnt->sentences += ns;
            cnt->tokens += ac_doc_token_count(doc);
            cnt->events += ne;
            if (ns > seen_cap) {
                free(seen);
                seen_cap = ns * 2;
                seen = malloc(seen_cap);
                if (!seen)
                    seen_cap = 0;
            }
            if (seen) {
                memset(seen, 0, ns);
                for (size_t k = 0; k < ne; k++) {
                    uint32_t sid = ac_doc_event(doc, k)->sentence_id;
                    if (sid < ns && !seen[sid]) {
                        seen[sid] = 1;
                        cnt->event_sentences++;
                    }
                }
            }
        }
        ac_doc_free(doc);
    }
    double t = cli_now() - t0;
    free(seen);
    return t;
}

/* Codes every story (not timed) and times ac_write_events() alone; hashes
 * the output as code_run does. */
static double run_write(const ac_dict *d, const corpus *c, unsigned long long *hash,
                        size_t *bytes_out)
{
    ac_buf out = {0};
    double t = 0;
    unsigned long long h = CODE_RUN_HASH_INIT;
    size_t nb = 0;
    for (size_t i = 0; i < c->n; i++) {
        ac_doc *doc = NULL;
        ac_error err;
        if (ac_code(d, &c->st[i], NULL, &doc, &err) != AC_OK)
            continue;
        ac_buf_reset(&out);
        double t0 = cli_now();
        ac_status st = ac_write_events(doc, &c->st[i], AC_OUT_JSON, &out);
        t += cli_now() - t0;
        ac_doc_free(doc);
        if (st != AC_OK)
            continue;
        h = code_run_hash(h, out.data, out.len);
        nb += out.len;
    }
    ac_buf_free(&out);
    *hash = h;
    *bytes_out = nb;
    return t;
}

/* Codes (keeping the actor phrases), annotates and writes every story as
 * accord annotate does, all of it timed: annotation beside code + write
 * (issue 4: it must cost at most twice as much). */
static double run_annotate(const ac_dict *d, const corpus *c, size_t *bytes_out)
{
    ac_buf out = {0};
    ac_code_options opt = {.flags = AC_CODE_KEEP_ACTORS};
    size_t nb = 0;
    double t0 = cli_now();
    for (size_t i = 0; i < c->n; i++) {
        ac_doc *doc = NULL;
        ac_annotation *a = NULL;
        ac_error err;
        ac_buf_reset(&out);
        if (ac_code(d, &c->st[i], &opt, &doc, &err) == AC_OK && ac_annotate(doc, &a, &err) == AC_OK &&
            ac_write_annotation(&c->st[i], doc, a, &out, &err) == AC_OK)
            nb += out.len;
        ac_annotation_free(a);
        ac_doc_free(doc);
    }
    double t = cli_now() - t0;
    ac_buf_free(&out);
    *bytes_out = nb;
    return t;
}

/* ------------------------------------------------------------------ output */

/* User + system CPU seconds of the process so far. */
static double cpu_seconds(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Linux: resets the peak resident set size (VmHWM) to the current one, so the
 * peak of what follows can be read apart from the corpus set-up. */
static int peak_rss_reset(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (!f)
        return -1;
    int ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* A field of /proc/self/status ("VmHWM:", "VmRSS:") in bytes, 0 when unknown. */
static size_t proc_status(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    size_t kb = 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, strlen(field))) {
            kb = (size_t)strtoull(line + strlen(field), NULL, 10);
            break;
        }
    fclose(f);
    return kb * 1024;
}

/* The 1-minute load average, -1 when unknown: other work on the machine
 * makes wall-clock rates and speed-ups meaningless. */
static double load_average(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double x = -1;
    if (f) {
        if (fscanf(f, "%lf", &x) != 1)
            x = -1;
        fclose(f);
    }
    return x;
}

static double rate(double amount, double secs)
{
    return secs > 0 ? amount / secs : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void json_str(const char *s)
{
    ac_buf b = {0};
    if (ac_json_escape(&b, s, strlen(s)) == AC_OK)
        fputs(b.data, stdout);
    else
        fputs("\"\"", stdout);
    ac_buf_free(&b);
}

static const char *verdict(int met)
{
    return met ? "met" : "NOT MET";
}

/* ------------------------------------------------------------------ image */

/* The compiled image of the dictionaries: opened DICT_LOADS times. */
typedef struct image_bench {
    double open_ms[DICT_LOADS], sorted[DICT_LOADS];
    double median, save_ms;
    long long bytes;
    ac_dict *dict;             /* the last one opened; the caller frees it */
    size_t checked;            /* stories coded with both dictionaries */
    int same;                  /* ... to the same bytes */
} image_bench;

/* Saves d to a temporary image (or uses `path` when the source is an image)
 * and times its opening. Prints the reason and returns -1 on failure. */
static int bench_image(image_bench *im, const ac_dict *d, const char *path)
{
    memset(im, 0, sizeof *im);
    char tmp[4096];
    ac_error err;
    if (!path) {
        const char *dir = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/accord-bench-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(tmp);
        if (fd < 0) {
            fprintf(stderr, "accord bench: cannot create a temporary file in %s\n", dir && *dir ? dir : "/tmp");
            return -1;
        }
        close(fd);
        double t0 = cli_now();
        if (ac_dict_save(d, tmp, &err) != AC_OK) {
            cli_error("cannot save the dictionary image", &err);
            unlink(tmp);
            return -1;
        }
        im->save_ms = (cli_now() - t0) * 1e3;
        path = tmp;
    }
    FILE *f = fopen(path, "rb");
    if (f) {
        if (fseek(f, 0, SEEK_END) == 0)
            im->bytes = ftell(f);
        fclose(f);
    }
    int rc = 0;
    for (int k = 0; k < DICT_LOADS; k++) {
        ac_dict_free(im->dict);
        im->dict = NULL;
        double t0 = cli_now();
        if (ac_dict_open(path, &im->dict, &err) != AC_OK) {
            cli_error("cannot open the dictionary image", &err);
            rc = -1;
            break;
        }
        im->open_ms[k] = (cli_now() - t0) * 1e3;
    }
    if (path == tmp)
        unlink(tmp);           /* the mapping stays valid */
    memcpy(im->sorted, im->open_ms, sizeof im->sorted);
    qsort(im->sorted, DICT_LOADS, sizeof im->sorted[0], cmp_double);
    im->median = im->sorted[DICT_LOADS / 2];
    return rc;
}

/* ------------------------------------------------------------------ main */

static int parse_size(const char *v, const char *name, unsigned long long lo, unsigned long long hi,
                      unsigned long long *out)
{
    char *end;
    unsigned long long x = strtoull(v, &end, 10);
    if (!*v || *end || x < lo || x > hi) {
        fprintf(stderr, "accord bench: %s needs a number from %llu to %llu\n", name, lo, hi);
        return -1;
    }
    *out = x;
    return 0;
}

int cmd_bench(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    o.sentences = 200000;
    o.seed = 1;
    o.max_threads = 2;
    o.repeat = 3;
    o.store_events = BENCH_STORE_EVENTS;
    for (int i = 1; i < argc; i++) {
        const char *v;
        unsigned long long x;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if ((v = cli_opt(argc, argv, &i, "--sentences"))) {
            if (parse_size(v, "--sentences", 1, 1000000000ull, &x))
                return EXIT_USAGE;
            o.sentences = (size_t)x;
            o.sentences_set = 1;
        } else if ((v = cli_opt(argc, argv, &i, "--seed"))) {
            if (parse_size(v, "--seed", 0, UINT64_MAX, &x))
                return EXIT_USAGE;
            o.seed = x;
        } else if ((v = cli_opt(argc, argv, &i, "--corpus-petr-xml"))) {
            o.petr_xml = v;
        } else if ((v = cli_opt(argc, argv, &i, "--corpus"))) {
            o.corpus_path = v;
        } else if ((v = cli_opt(argc, argv, &i, "--save-corpus"))) {
            o.save_path = v;
        } else if (cli_dict_opt(argc, argv, &i, &o.dicts)) {
            continue;
        } else if ((v = cli_opt(argc, argv, &i, "--threads")) || (v = cli_opt(argc, argv, &i, "-j"))) {
            if (parse_size(v, "--threads", 1, 256, &x))
                return EXIT_USAGE;
            o.max_threads = (int)x;
        } else if ((v = cli_opt(argc, argv, &i, "--repeat"))) {
            if (parse_size(v, "--repeat", 1, 1000, &x))
                return EXIT_USAGE;
            o.repeat = (int)x;
        } else if ((v = cli_opt(argc, argv, &i, "--store-events"))) {
            if (parse_size(v, "--store-events", 0, 1000000000ull, &x))
                return EXIT_USAGE;
            o.store_events = (size_t)x;
        } else if (!strcmp(argv[i], "--json")) {
            o.json = 1;
        } else {
            fprintf(stderr, "accord bench: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (o.corpus_path && o.save_path) {
        fprintf(stderr, "accord bench: --save-corpus applies to the generated corpus only\n");
        return EXIT_USAGE;
    }
    if (o.corpus_path && o.petr_xml) {
        fprintf(stderr, "accord bench: give --corpus or --corpus-petr-xml, not both\n");
        return EXIT_USAGE;
    }
    if (o.petr_xml && !o.sentences_set)
        o.sentences = 50000;

    double load_start = load_average();

    /* Dictionaries: the median of several loads of the text; the last one
     * is kept. Then its image: saved, and opened as many times. */
    char dict_name[1024];
    cli_dicts_name(&o.dicts, dict_name, sizeof dict_name);
    int image_source = o.dicts.n == 1 && ac_dict_is_image(o.dicts.path[0]);
    double load_ms[DICT_LOADS] = {0}, load_sorted[DICT_LOADS] = {0};
    ac_dict *dict = NULL;
    for (int k = 0; k < DICT_LOADS && !image_source; k++) {
        cli_diag diag = {.prefix = "dictionary", .quiet = 1};
        ac_dict_free(dict);
        double t0 = cli_now();
        if (!(dict = cli_load_dicts_diag(&o.dicts, &diag)))
            return EXIT_FAIL;
        load_ms[k] = (cli_now() - t0) * 1e3;
    }
    size_t rss_after_dict = cli_peak_rss();
    image_bench im;
    if (bench_image(&im, dict, image_source ? o.dicts.path[0] : NULL) != 0) {
        ac_dict_free(dict);
        return EXIT_FAIL;
    }
    if (image_source) {
        dict = im.dict;
        im.dict = NULL;
        memcpy(load_ms, im.open_ms, sizeof load_ms);
        rss_after_dict = cli_peak_rss();
    }
    memcpy(load_sorted, load_ms, sizeof load_ms);
    qsort(load_sorted, DICT_LOADS, sizeof load_sorted[0], cmp_double);
    double load_median = load_sorted[DICT_LOADS / 2];
    ac_dict_stats ds;
    ac_dict_get_stats(dict, &ds);

    /* The corpus: generated and serialised as JSON Lines, or a file. */
    ac_buf jsonl = {0};
    bench_corpus_info gi;
    memset(&gi, 0, sizeof gi);
    double gen_secs = 0;
    if (o.petr_xml) {
        char msg[512];
        double t0 = cli_now();
        if (bench_corpus_petr_xml(o.petr_xml, o.sentences, &jsonl, &gi, msg, sizeof msg) != AC_OK) {
            fprintf(stderr, "accord bench: %s\n", msg);
            ac_dict_free(dict);
            ac_dict_free(im.dict);
            ac_buf_free(&jsonl);
            return EXIT_FAIL;
        }
        gen_secs = cli_now() - t0;
    } else if (!o.corpus_path) {
        double t0 = cli_now();
        if (bench_corpus_generate(o.seed, o.sentences, &jsonl, &gi) != AC_OK) {
            fprintf(stderr, "accord bench: out of memory generating the corpus\n");
            ac_dict_free(dict);
            ac_dict_free(im.dict);
            return EXIT_FAIL;
        }
        gen_secs = cli_now() - t0;
    }
    if (o.save_path) {
        FILE *f = fopen(o.save_path, "wb");
        if (!f || fwrite(jsonl.data, 1, jsonl.len, f) != jsonl.len || fclose(f) != 0) {
            fprintf(stderr, "accord bench: cannot write %s\n", o.save_path);
            ac_dict_free(dict);
            ac_dict_free(im.dict);
            ac_buf_free(&jsonl);
            return EXIT_FAIL;
        }
    }
    size_t input_bytes = jsonl.len;

    stage s[ST_COUNT] = {{"read", 0, 0},  {"tokenize", 0, 0}, {"split", 0, 0},
                         {"match", 0, 0}, {"code", 0, 0},     {"write", 0, 0}};
    corpus c;
    memset(&c, 0, sizeof c);
    size_t nstories = 0, nbytes = 0;
    /* Read: the first run keeps the stories (and is not timed). */
    if (read_all(o.corpus_path, &jsonl, &c, &nstories, &nbytes) < 0) {
        ac_dict_free(dict);
        ac_dict_free(im.dict);
        ac_buf_free(&jsonl);
        corpus_free(&c);
        return EXIT_FAIL;
    }
    for (int r = 0; r < o.repeat; r++) {
        double t = read_all(o.corpus_path, &jsonl, NULL, &nstories, &nbytes);
        if (t >= 0 && (r == 0 || t < s[ST_READ].secs))
            s[ST_READ].secs = t;
    }
    ac_buf_free(&jsonl);
    if (c.n == 0) {
        fprintf(stderr, "accord bench: the corpus has no stories\n");
        ac_dict_free(dict);
        ac_dict_free(im.dict);
        corpus_free(&c);
        return EXIT_FAIL;
    }
    /* The image must code as the text does: the first stories, hashed. */
    if (im.dict) {
        corpus part = c;
        part.n = c.n < IMAGE_CHECK_STORIES ? c.n : IMAGE_CHECK_STORIES;
        unsigned long long h1 = 0, h2 = 0;
        size_t b1 = 0, b2 = 0;
        run_write(dict, &part, &h1, &b1);
        run_write(im.dict, &part, &h2, &b2);
        im.checked = part.n;
        im.same = h1 == h2 && b1 == b2;
        ac_dict_free(im.dict);
        im.dict = NULL;
    }
    /* From here on the bench holds only the stories: the peak of what
     * follows is the dictionary, the stories and the coding itself. */
    int hwm_ok = peak_rss_reset() == 0;
    size_t rss_coding_start = proc_status("VmRSS:");

    /* Tokenize .. code: cumulative times from ac_code() with stop_after. */
    counts cnt;
    double cumul[ST_COUNT] = {0};
    static const ac_stage STOP[] = {0, AC_STAGE_TOKENIZE, AC_STAGE_SPLIT, AC_STAGE_MATCH, AC_STAGE_CODE};
    for (int k = ST_TOKENIZE; k <= ST_CODE; k++) {
        for (int r = 0; r < o.repeat; r++) {
            double t = run_stage(dict, &c, STOP[k], r == 0 && k == ST_CODE ? &cnt : NULL);
            if (r == 0 || t < cumul[k])
                cumul[k] = t;
        }
    }
    unsigned long long hash = 0;
    size_t out_bytes = 0;
    for (int r = 0; r < o.repeat; r++) {
        double t = run_write(dict, &c, &hash, &out_bytes);
        if (r == 0 || t < s[ST_WRITE].secs)
            s[ST_WRITE].secs = t;
    }
    s[ST_READ].cum = s[ST_READ].secs;
    for (int k = ST_TOKENIZE; k <= ST_CODE; k++) {
        s[k].secs = cumul[k] - (k == ST_TOKENIZE ? 0 : cumul[k - 1]);
        s[k].cum = s[ST_READ].secs + cumul[k];
    }
    s[ST_WRITE].cum = s[ST_CODE].cum + s[ST_WRITE].secs;
    double ann_secs = 0;
    size_t ann_bytes = 0;
    for (int r = 0; r < o.repeat; r++) {
        double t = run_annotate(dict, &c, &ann_bytes);
        if (r == 0 || t < ann_secs)
            ann_secs = t;
    }
    double ann_ratio = rate(ann_secs, cumul[ST_CODE] + s[ST_WRITE].secs);

    /* End to end: code + write with 1, 2, 4, ... threads and max_threads. */
    thread_run tr[MAX_THREAD_RUNS];
    int ntr = 0;
    int hashes_equal = 1;
    int tlist[MAX_THREAD_RUNS], ntl = 0;
    for (int t = 1; t < o.max_threads && ntl < MAX_THREAD_RUNS - 1; t *= 2)
        tlist[ntl++] = t;
    tlist[ntl++] = o.max_threads;
    for (int k = 0; k < ntl; k++) {
        int t = tlist[k];
        thread_run *x = &tr[ntr++];
        x->threads = t;
        for (int r = 0; r < o.repeat; r++) {
            code_run run;
            code_run_init(&run);
            run.dict = dict;
            run.threads = t;
            run.format = AC_OUT_JSON;
            run.out = NULL;
            double t0 = cli_now(), c0 = cpu_seconds();
            code_run_stories(&run, c.st, c.n);
            double secs = cli_now() - t0, cpu = cpu_seconds() - c0;
            if (r == 0 || secs < x->secs) {
                x->secs = secs;
                x->cpu = cpu;
            }
            x->hash = run.out_hash;
            x->sentences = run.sentences;
        }
        if (x->hash != hash)
            hashes_equal = 0;
    }
    size_t peak_rss = cli_peak_rss();
    size_t peak_coding = hwm_ok ? proc_status("VmHWM:") : 0;
    /* The store stages, after the memory peak of coding was read: SQLite's
     * page cache is the store's, not the coder's. */
    store_bench sb;
    memset(&sb, 0, sizeof sb);
    int store_ok = o.store_events == 0 || bench_store(dict, c.st, c.n, o.store_events, o.repeat, &sb) == 0;
    double load_end = load_average();

    /* Report. */
    double sent = (double)cnt.sentences, mb = (double)c.text_bytes / 1e6;
    double j1 = ntr > 0 ? rate(sent, tr[0].secs) : 0;
    double j1_cpu = ntr > 0 ? rate(sent, tr[0].cpu) : 0;   /* per second of CPU time */
    double speedup2 = 0;
    for (int k = 0; k < ntr; k++)
        if (tr[k].threads == 2)
            speedup2 = tr[0].secs / tr[k].secs;
    double rss_mb = (double)peak_rss / 1e6, held_mb = (double)c.held_bytes / 1e6;

    if (o.json) {
        printf("{\"accord_version\":\"%s\",\"corpus\":{\"source\":", ACCORD_VERSION);
        json_str(o.corpus_path ? o.corpus_path : o.petr_xml ? o.petr_xml : "generated");
        printf(",\"kind\":\"%s\",\"petr_records\":%zu", o.corpus_path ? "file" : o.petr_xml ? "petr-xml" : "generated",
               gi.records);
        printf(",\"seed\":%" PRIu64 ",\"sentences_generated\":%zu,\"event_sentences_generated\":%zu,"
               "\"generate_seconds\":%.6f,\"input_bytes\":%zu,"
               "\"stories\":%zu,\"text_bytes\":%zu,\"sentences\":%zu,\"tokens\":%zu,"
               "\"events\":%zu,\"sentences_with_events\":%zu,\"stories_failed\":%zu},",
               o.corpus_path || o.petr_xml ? 0 : o.seed, gi.sentences, gi.event_sentences, gen_secs, input_bytes,
               c.n, c.text_bytes, cnt.sentences, cnt.tokens, cnt.events, cnt.event_sentences,
               cnt.failed);
        printf("\"load_average\":[%.2f,%.2f],\"dict\":{\"dir\":", load_start, load_end);
        json_str(dict_name);
        printf(",\"image_source\":%s,\"load_ms_median\":%.3f,\"load_ms\":[", image_source ? "true" : "false",
               load_median);
        for (int k = 0; k < DICT_LOADS; k++)
            printf("%s%.3f", k ? "," : "", load_ms[k]);
        printf("],\"image_open_ms_median\":%.3f,\"image_open_ms\":[", im.median);
        for (int k = 0; k < DICT_LOADS; k++)
            printf("%s%.3f", k ? "," : "", im.open_ms[k]);
        printf("],\"image_bytes\":%lld,\"image_save_ms\":%.3f,\"image_stories_checked\":%zu,"
               "\"image_output_same\":%s",
               im.bytes, im.save_ms, im.checked, im.checked ? (im.same ? "true" : "false") : "null");
        printf(",\"patterns\":%zu,\"actor_names\":%zu,\"words\":%zu,\"memory_bytes\":%zu},",
               ds.patterns, ds.actor_names, ds.words, ds.memory_bytes);
        printf("\"repeat\":%d,\"stages\":[", o.repeat);
        for (int k = 0; k < ST_COUNT; k++)
            printf("%s{\"stage\":\"%s\",\"seconds\":%.6f,\"sentences_per_s\":%.0f,\"mb_per_s\":%.2f,"
                   "\"cumulative_seconds\":%.6f,\"cumulative_sentences_per_s\":%.0f,"
                   "\"cumulative_mb_per_s\":%.2f}",
                   k ? "," : "", s[k].name, s[k].secs, rate(sent, s[k].secs), rate(mb, s[k].secs),
                   s[k].cum, rate(sent, s[k].cum), rate(mb, s[k].cum));
        printf("],\"output_bytes\":%zu,\"output_hash\":\"%016llx\",\"threads\":[", out_bytes, hash);
        for (int k = 0; k < ntr; k++)
            printf("%s{\"threads\":%d,\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"sentences_per_s\":%.0f,"
                   "\"mb_per_s\":%.2f,\"speedup\":%.3f,\"output_hash\":\"%016llx\"}",
                   k ? "," : "", tr[k].threads, tr[k].secs, tr[k].cpu, rate(sent, tr[k].secs),
                   rate(mb, tr[k].secs), tr[0].secs / tr[k].secs, tr[k].hash);
        printf("],\"hashes_equal\":%s,\"peak_rss_bytes\":%zu,\"peak_rss_after_dict_bytes\":%zu,"
               "\"rss_coding_start_bytes\":%zu,\"peak_rss_coding_bytes\":%zu,\"corpus_held_bytes\":%zu,",
               hashes_equal ? "true" : "false", peak_rss, rss_after_dict, rss_coding_start, peak_coding,
               c.held_bytes);
        printf("\"annotate\":{\"seconds\":%.6f,\"sentences_per_s\":%.0f,\"mb_per_s\":%.2f,\"output_bytes\":%zu,"
               "\"ratio_to_code_write\":%.3f,\"target\":%.1f,\"met\":%s},",
               ann_secs, rate(sent, ann_secs), rate(mb, ann_secs), ann_bytes, ann_ratio, TARGET_ANNOTATE_RATIO,
               ann_ratio <= TARGET_ANNOTATE_RATIO ? "true" : "false");
        if (o.store_events)
            printf("\"store\":{\"stories\":%zu,\"sentences\":%zu,\"events\":%zu,\"quotes\":%zu,"
                   "\"actors\":%zu,\"themes\":%zu,\"ingest_seconds\":%.6f,\"ingest_cpu_seconds\":%.6f,"
                   "\"events_per_s\":%.0f,\"events_per_cpu_s\":%.0f,\"db_mb\":%.1f,"
                   "\"dyad_db\":{\"events\":%zu,\"event_groups\":%zu,\"stories\":%zu,\"passes\":%zu,"
                   "\"build_seconds\":%.3f,\"db_mb\":%.1f},\"dyad\":\"%s %s\",\"dyad_rows\":%zu,"
                   "\"dyad_events\":%zu,\"dyad_month_ms\":%.3f,\"dyad_day_ms\":%.3f,"
                   "\"events_actor_ms\":%.3f,\"targets\":{\"events_per_s\":%.0f,\"dyad_ms\":%.0f}},",
                   sb.stories, sb.sentences, sb.events, sb.quotes, sb.actors, sb.themes, sb.ingest_secs,
                   sb.ingest_cpu, rate((double)sb.events, sb.ingest_secs),
                   rate((double)sb.events, sb.ingest_cpu), sb.db_mb, sb.big_events, sb.big_groups,
                   sb.big_stories, sb.passes, sb.big_secs, sb.big_db_mb, sb.dyad[0], sb.dyad[1],
                   sb.dyad_rows, sb.dyad_groups, sb.dyad_month_ms, sb.dyad_day_ms, sb.events_ms,
                   TARGET_INGEST_EVENTS_PER_S, TARGET_DYAD_MS);
        printf("\"targets\":{\"sentences_per_s_j1\":{\"value\":%.0f,\"per_cpu_second\":%.0f,"
               "\"target\":%.0f,\"met\":%s},"
               "\"dict_load_ms\":{\"value\":%.3f,\"target\":%.0f,\"met\":%s},"
               "\"image_open_ms\":{\"value\":%.3f,\"target\":%.0f,\"met\":%s},"
               "\"peak_rss_mb\":{\"value\":%.1f,\"target\":%.0f,\"met\":%s},"
               "\"j2_speedup\":{\"value\":%.3f,\"target\":%.1f,\"met\":%s}}}\n",
               j1, j1_cpu, TARGET_SENT_PER_S, j1 >= TARGET_SENT_PER_S ? "true" : "false",
               load_median, TARGET_LOAD_MS, load_median < TARGET_LOAD_MS ? "true" : "false",
               im.median, TARGET_LOAD_MS, im.median < TARGET_LOAD_MS ? "true" : "false",
               rss_mb, TARGET_RSS_MB, rss_mb < TARGET_RSS_MB ? "true" : "false",
               speedup2, TARGET_J2_SPEEDUP,
               ntr > 1 && speedup2 >= TARGET_J2_SPEEDUP ? "true" : "false");
    } else {
        if (o.corpus_path)
            printf("corpus       %s: %zu stories, %.1f MB of text\n", o.corpus_path, c.n, mb);
        else if (o.petr_xml)
            printf("corpus       %s: the %zu <Sentence> texts repeated to %zu stories of one sentence, "
                   "%.1f MB of text\n", o.petr_xml, gi.records, c.n, mb);
        else
            printf("corpus       generated, seed %" PRIu64 ": %zu sentences (%zu written as events) in "
                   "%zu stories, %.1f MB of text, %.1f MB as JSON Lines\n",
                   o.seed, gi.sentences, gi.event_sentences, c.n, mb, (double)input_bytes / 1e6);
        printf("coded        %zu sentences, %zu tokens (%.1f a sentence), %zu events in %zu sentences "
               "(%.1f %%)%s\n",
               cnt.sentences, cnt.tokens, cnt.sentences ? (double)cnt.tokens / sent : 0.0, cnt.events,
               cnt.event_sentences, cnt.sentences ? 100.0 * (double)cnt.event_sentences / sent : 0.0,
               cnt.failed ? " (some stories failed)" : "");
        printf("dictionary   %s: %zu patterns, %zu actor names, %.1f MB compiled\n", dict_name,
               ds.patterns, ds.actor_names, (double)ds.memory_bytes / 1e6);
        printf("machine      load average %.2f at the start, %.2f at the end%s\n", load_start, load_end,
               load_end > 0.5 || load_start > 0.5 ? " (other work may be running: see \"cores used\" below)" : "");
        if (image_source)
            printf("load         %s is a compiled image: opened in %.2f ms (median of %d; min %.2f, "
                   "max %.2f), %.1f MB\n\n", o.dicts.path[0], load_median, DICT_LOADS, load_sorted[0],
                   load_sorted[DICT_LOADS - 1], (double)im.bytes / 1e6);
        else
            printf("load         %.1f ms from the text (median of %d; min %.1f, max %.1f)\n"
                   "image        %.2f ms to open its compiled image (median of %d; min %.2f, max %.2f), "
                   "%.1f MB, saved in %.1f ms; %s\n\n",
                   load_median, DICT_LOADS, load_sorted[0], load_sorted[DICT_LOADS - 1], im.median,
                   DICT_LOADS, im.sorted[0], im.sorted[DICT_LOADS - 1], (double)im.bytes / 1e6,
                   im.save_ms, im.same ? "codes the first stories to the same bytes"
                                       : "CODES THE FIRST STORIES DIFFERENTLY");
        printf("stage (best of %d)   seconds  sentences/s     MB/s  | cumulative  sentences/s     MB/s\n",
               o.repeat);
        for (int k = 0; k < ST_COUNT; k++)
            printf("%-18s %9.3f %12.0f %8.1f  | %10.3f %12.0f %8.1f\n", s[k].name, s[k].secs,
                   rate(sent, s[k].secs), rate(mb, s[k].secs), s[k].cum, rate(sent, s[k].cum),
                   rate(mb, s[k].cum));
        printf("%-18s %9.3f %12.0f %8.1f  | code + annotate + write JSON: %.2f x code + write, %.1f MB\n",
               "annotate", ann_secs, rate(sent, ann_secs), rate(mb, ann_secs), ann_ratio, (double)ann_bytes / 1e6);
        if (o.store_events) {
            double ev = (double)sb.events;
            printf("%-18s %9.3f %12.0f %8.1f  | SQLite, %zu stories: %zu events/s (%zu per CPU second), "
                   "%zu events, %zu sentences, %zu quotes, %zu actor and %zu theme rows; %.1f MB\n",
                   "ingest (store)", sb.ingest_secs, rate(sent, sb.ingest_secs), rate(mb, sb.ingest_secs),
                   sb.stories, (size_t)rate(ev, sb.ingest_secs), (size_t)rate(ev, sb.ingest_cpu), sb.events,
                   sb.sentences, sb.quotes, sb.actors, sb.themes, sb.db_mb);
            printf("%-18s %9.3f %12s %8s  | %s %s by month over %zu events (%zu event groups, %.0f MB, "
                   "built in %.1f s): %zu rows, %zu events in the dyad; by day %.1f ms; events --actor "
                   "%s --limit 100 %.1f ms\n",
                   "dyad query", sb.dyad_month_ms / 1e3, "", "", sb.dyad[0], sb.dyad[1], sb.big_events,
                   sb.big_groups, sb.big_db_mb, sb.big_secs, sb.dyad_rows, sb.dyad_groups,
                   sb.dyad_day_ms, sb.dyad[0], sb.events_ms);
        }
        printf("\nend to end (code + write, stories in memory, output hashed)\n");
        printf("threads    seconds  cpu seconds  cores used  sentences/s     MB/s  speed-up  output hash\n");
        for (int k = 0; k < ntr; k++)
            printf("%7d %10.3f %12.3f %11.2f %12.0f %8.1f %9.2f  %016llx\n", tr[k].threads, tr[k].secs,
                   tr[k].cpu, rate(tr[k].cpu, tr[k].secs),
                   rate(sent, tr[k].secs), rate(mb, tr[k].secs), tr[0].secs / tr[k].secs, tr[k].hash);
        printf("write stage output: %.1f MB, hash %016llx: %s\n", (double)out_bytes / 1e6, hash,
               hashes_equal ? "every run gave the same output" : "OUTPUT DIFFERS BETWEEN RUNS");
        printf("peak RSS     %.1f MB (whole process, corpus set-up included; %.1f MB after loading "
               "the dictionaries)\n", rss_mb, (double)rss_after_dict / 1e6);
        if (peak_coding)
            printf("             %.1f MB while coding: %.1f MB before it started (dictionary, and the "
                   "%.1f MB of stories the bench holds), %.1f MB more at the peak\n",
                   (double)peak_coding / 1e6, (double)rss_coding_start / 1e6, held_mb,
                   (double)(peak_coding - rss_coding_start) / 1e6);
        printf("\n");
        printf("targets\n");
        printf("  sentences/s, one thread     %10.0f  >= %.0f   %s (%.0f per second of CPU time)\n", j1,
               TARGET_SENT_PER_S, verdict(j1 >= TARGET_SENT_PER_S), j1_cpu);
        printf("  dictionary load             %8.1f ms  < %.0f ms     %s%s\n", load_median, TARGET_LOAD_MS,
               verdict(load_median < TARGET_LOAD_MS), image_source ? " (image)" : " (text)");
        if (!image_source)
            printf("  dictionary image open       %8.1f ms  < %.0f ms     %s\n", im.median, TARGET_LOAD_MS,
                   verdict(im.median < TARGET_LOAD_MS));
        printf("  peak memory                 %8.1f MB  < %.0f MB    %s\n", rss_mb, TARGET_RSS_MB,
               verdict(rss_mb < TARGET_RSS_MB));
        if (ntr > 1)
            printf("  -j 2 / -j 1                 %10.2f  >= %.1f      %s\n", speedup2, TARGET_J2_SPEEDUP,
                   verdict(speedup2 >= TARGET_J2_SPEEDUP));
        printf("  annotate / (code + write)   %10.2f  <= %.1f      %s\n", ann_ratio, TARGET_ANNOTATE_RATIO,
               verdict(ann_ratio <= TARGET_ANNOTATE_RATIO));
        if (o.store_events) {
            double eps = rate((double)sb.events, sb.ingest_secs);
            printf("  ingest events/s (SQLite)    %10.0f  >= %.0f    %s (%.0f per second of CPU time)\n", eps,
                   TARGET_INGEST_EVENTS_PER_S, verdict(eps >= TARGET_INGEST_EVENTS_PER_S),
                   rate((double)sb.events, sb.ingest_cpu));
            printf("  dyad timeline, %zu events  %8.1f ms  < %.0f ms    %s\n", sb.big_events, sb.dyad_month_ms,
                   TARGET_DYAD_MS, verdict(sb.big_events >= 1000000 && sb.dyad_month_ms < TARGET_DYAD_MS));
        }
    }
    corpus_free(&c);
    ac_dict_free(dict);
    return hashes_equal && store_ok && (!im.checked || im.same) ? EXIT_OK : EXIT_FAIL;
}
