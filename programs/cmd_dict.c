/*
 * cmd_dict.c -- accord dict stats | check | compile | convert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: accord dict stats|check [--dict SOURCE]...\n"
               "       accord dict compile --out FILE [--dict SOURCE]...\n"
               "       accord dict convert [--out FILE] [--format NAME] SOURCE...\n"
               "  stats    counts of entries, names, patterns and the load time\n"
               "  check    lists every line that cannot be used, as file:line: reason;\n"
               "           exits 1 when there is one\n"
               "  compile  builds the dictionaries and saves a compiled image to FILE,\n"
               "           which --dict FILE then opens in milliseconds\n"
               "  convert  writes the SOURCEs (any format --dict reads; --format NAME\n"
               "           forces the format of the next one) as one file of accord's\n"
               "           own format, to stdout or FILE\n");
}

static int cmd_dict_compile(int argc, char **argv);
static int cmd_dict_convert(int argc, char **argv);

int cmd_dict(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "compile"))
        return cmd_dict_compile(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "convert"))
        return cmd_dict_convert(argc - 1, argv + 1);
    const char *what = NULL;
    cli_dicts ds = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if (cli_dict_opt(argc, argv, &i, &ds)) {
            continue;
        } else if (!what && (!strcmp(argv[i], "stats") || !strcmp(argv[i], "check"))) {
            what = argv[i];
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!what) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char dir[1024];
    cli_dicts_name(&ds, dir, sizeof dir);
    int check = !strcmp(what, "check");
    cli_diag diag = {.prefix = "", .quiet = !check};
    ac_dict *d = NULL;
    double t0 = cli_now();
    if (check) {
        /* Problems go to stdout: they are this command's output. */
        diag.prefix = "bad line";
        diag.to_stdout = 1;
    }
    if (!(d = cli_load_dicts_diag(&ds, &diag)))
        return EXIT_FAIL;
    double ms = (cli_now() - t0) * 1000.0;
    ac_dict_stats s;
    ac_dict_get_stats(d, &s);
    if (check) {
        printf("%zu files, %zu bad lines\n", s.files, s.lines_bad);
        ac_dict_free(d);
        return s.lines_bad ? EXIT_FAIL : EXIT_OK;
    }
    printf("dictionary     %s\n", dir);
    printf("files          %zu\n", s.files);
    printf("countries      %zu\n", s.countries);
    printf("organisations  %zu\n", s.igos);
    printf("groups         %zu\n", s.groups);
    printf("people         %zu\n", s.people);
    printf("agreements     %zu\n", s.agreements);
    printf("actor names    %zu\n", s.actor_names);
    printf("agents         %zu (%zu names)\n", s.agents, s.agent_names);
    printf("verb heads     %zu\n", s.verbs);
    printf("patterns       %zu\n", s.patterns);
    printf("sets           %zu\n", s.sets);
    printf("irregular      %zu\n", s.irregular);
    printf("cameo codes    %zu\n", s.cameo_codes);
    printf("themes         %zu (%zu phrase lines); tone: %zu lines\n", s.themes, s.theme_phrases, s.tone_words);
    printf("words          %zu\n", s.words);
    printf("bad lines      %zu\n", s.lines_bad);
    printf("memory         %.1f MB\n", (double)s.memory_bytes / 1e6);
    printf("load time      %.1f ms\n", ms);
    ac_dict_free(d);
    return EXIT_OK;
}

/* ---- compile and convert: they need the builder, not only the dictionary ---- */

/* A new builder holding the sources, as cli_load_dicts() fills it (none: the
 * default directory; community sources alone also get accord's CAMEO table
 * and irregular verbs). Prints the reason and returns NULL on failure. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    long long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    fclose(f);
    return n;
}

#define IMAGE_OPENS 5

static int cmd_dict_compile(int argc, char **argv)
{
    const char *out = NULL;
    cli_dicts ds = {0};
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if ((v = cli_opt(argc, argv, &i, "--out")) || (v = cli_opt(argc, argv, &i, "-o"))) {
            out = v;
        } else if (cli_dict_opt(argc, argv, &i, &ds)) {
            continue;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            verbose = 1;
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!out) {
        fprintf(stderr, "accord dict compile: --out FILE is required\n");
        return EXIT_USAGE;
    }
    char name[1024];
    cli_dicts_name(&ds, name, sizeof name);
    cli_diag diag = {.prefix = "dictionary", .quiet = !verbose};
    double t0 = cli_now();
    ac_dict_builder *b = cli_dicts_builder(&ds, &diag);
    if (!b)
        return EXIT_FAIL;
    double t1 = cli_now();
    ac_dict *d = NULL;
    ac_error err;
    if (ac_dict_build(b, &d, &err) != AC_OK) {
        cli_error("cannot compile dictionaries", &err);
        return EXIT_FAIL;
    }
    double t2 = cli_now();
    if (ac_dict_save(d, out, &err) != AC_OK) {
        cli_error("cannot save the image", &err);
        ac_dict_free(d);
        return EXIT_FAIL;
    }
    double t3 = cli_now();
    /* Open it again: the figure users will see, and a check of the image. */
    double open_ms[IMAGE_OPENS];
    ac_dict *img = NULL;
    for (int k = 0; k < IMAGE_OPENS; k++) {
        ac_dict_free(img);
        img = NULL;
        double o0 = cli_now();
        if (ac_dict_open(out, &img, &err) != AC_OK) {
            cli_error("the image just written does not open", &err);
            ac_dict_free(d);
            return EXIT_FAIL;
        }
        open_ms[k] = (cli_now() - o0) * 1e3;
    }
    qsort(open_ms, IMAGE_OPENS, sizeof open_ms[0], cmp_double);
    ac_dict_stats s, si;
    ac_dict_get_stats(d, &s);
    ac_dict_get_stats(img, &si);
    int same = memcmp(&s, &si, sizeof s) == 0;
    ac_dict_free(img);
    ac_dict_free(d);
    if (diag.count && !verbose)
        fprintf(stderr, "accord: %zu dictionary lines skipped (accord dict check --dict %s lists them)\n",
                diag.count, name);
    printf("dictionary     %s\n", name);
    printf("files          %zu\n", s.files);
    printf("entries        %zu actors (%zu names), %zu agents (%zu names)\n",
           s.countries + s.igos + s.groups + s.people + s.agreements, s.actor_names, s.agents,
           s.agent_names);
    printf("patterns       %zu (%zu heads)\n", s.patterns, s.verbs);
    printf("words          %zu\n", s.words);
    printf("bad lines      %zu\n", s.lines_bad);
    printf("load time      %.1f ms (read and parse)\n", (t1 - t0) * 1e3);
    printf("compile time   %.1f ms\n", (t2 - t1) * 1e3);
    printf("save time      %.1f ms\n", (t3 - t2) * 1e3);
    printf("image          %s, %.1f MB\n", out, (double)file_size(out) / 1e6);
    printf("open time      %.2f ms (median of %d; min %.2f)\n", open_ms[IMAGE_OPENS / 2], IMAGE_OPENS,
           open_ms[0]);
    if (!same) {
        fprintf(stderr, "accord: the image reports other statistics than the dictionary it was made "
                        "from\n");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int cmd_dict_convert(int argc, char **argv)
{
    const char *out = NULL;
    cli_dicts ds = {0};
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if ((v = cli_opt(argc, argv, &i, "--out")) || (v = cli_opt(argc, argv, &i, "-o"))) {
            out = v;
        } else if ((v = cli_opt(argc, argv, &i, "--format"))) {
            int f;
            for (f = AC_DICT_AUTO; f < AC_DICT_FORMAT_COUNT; f++)
                if (!strcmp(v, ac_dict_format_name((ac_dict_format)f)))
                    break;
            if (f == AC_DICT_FORMAT_COUNT) {
                fprintf(stderr, "accord dict convert: unknown format '%s'\n", v);
                return EXIT_USAGE;
            }
            ds.next_fmt = (ac_dict_format)f;
        } else if (cli_dict_opt(argc, argv, &i, &ds)) {
            continue;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            verbose = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            usage(stderr);
            return EXIT_USAGE;
        } else if (ds.n == CLI_MAX_DICTS) {
            fprintf(stderr, "accord dict convert: at most %d sources\n", CLI_MAX_DICTS);
            return EXIT_USAGE;
        } else {
            ds.path[ds.n] = argv[i];
            ds.fmt[ds.n++] = ds.next_fmt;
            ds.next_fmt = AC_DICT_AUTO;
        }
    }
    if (ds.n == 0) {
        fprintf(stderr, "accord dict convert: name at least one SOURCE\n");
        return EXIT_USAGE;
    }
    cli_diag diag = {.prefix = "dictionary", .quiet = !verbose};
    ac_dict_builder *b = cli_dicts_builder(&ds, &diag);
    if (!b)
        return EXIT_FAIL;
    size_t bad = diag.count;
    ac_buf text = {0};
    ac_error err;
    ac_status st = ac_dict_builder_write(b, &text, &err);
    ac_dict_builder_free(b);
    if (st != AC_OK) {
        cli_error("cannot convert", &err);
        ac_buf_free(&text);
        return EXIT_FAIL;
    }
    size_t unwritable = diag.count - bad;
    FILE *f = out ? fopen(out, "wb") : stdout;
    int ok = f && fwrite(text.data ? text.data : "", 1, text.len, f) == text.len;
    if (f && f != stdout)
        ok = fclose(f) == 0 && ok;
    else if (f)
        ok = fflush(f) == 0 && ok;
    ac_buf_free(&text);
    if (!ok) {
        fprintf(stderr, "accord dict convert: cannot write %s\n", out ? out : "the output");
        return EXIT_FAIL;
    }
    if (bad || unwritable)
        fprintf(stderr, "accord: %zu dictionary lines skipped while reading, %zu items not writable in "
                        "accord's format (written as '# skipped' comments)%s\n",
                bad, unwritable, verbose ? "" : "; -v lists them");
    return EXIT_OK;
}
