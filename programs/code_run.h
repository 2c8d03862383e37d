/*
 * code_run.h -- reading, coding and writing many stories, in order, with
 * N threads. Used by accord code and accord bench.
 */
#ifndef ACCORD_CODE_RUN_H
#define ACCORD_CODE_RUN_H

#include <stdio.h>

#include "accord.h"
#include "cli.h"

typedef struct code_run {
    const ac_dict *dict;
    ac_reader_options ropt;
    ac_code_options copt;
    ac_output_format format;
    int threads;
    FILE *out;             /* NULL: output is formatted and hashed, not written */
    int annotate;          /* 1: write ac_write_annotation() per story (accord
                              annotate; copt needs AC_CODE_KEEP_ACTORS) */

    /* Counts, filled as the run goes. */
    size_t stories, parts, sentences, tokens, events;
    size_t skipped_parse, skipped_limit, io_errors, warnings;
    size_t bytes_in, bytes_out;
    unsigned long long out_hash;  /* code_run_hash of everything written */
} code_run;

void code_run_init(code_run *r);

/* The input and coding options every command that codes stories takes:
 * --date, --input, --dict / --dict-format, -j, --convention, --explain.
 * Consumes argv[*i] (and its value): 1 when it was one of them, 0 when it is
 * another option, -1 after printing why a value is bad ("accord CMD: ..."). */
int code_run_opt(const char *cmd, int argc, char **argv, int *i, code_run *r, cli_dicts *dicts);

/* The output hash, so runs that must agree (threads, the benchmark's write
 * stage) can be compared: XXH3 of each story's output in turn, seeded with
 * the hash so far (an empty output leaves it). Changed from FNV-1a at the
 * commit that says so in bench/RESULTS.md: earlier recorded hashes differ. */
#define CODE_RUN_HASH_INIT 1469598103934665603ull
unsigned long long code_run_hash(unsigned long long h, const char *p, size_t n);

/* Copies s and every string it points to into one allocation, which starts
 * at out->id: free((char *)out->id) releases it. Returns the bytes held, or
 * 0 when out of memory. */
size_t story_dup(const ac_story *s, ac_story *out);

/* Reads every file ("-" is stdin) and codes its stories. Returns an exit code. */
int code_run_files(code_run *r, const char *const *files, size_t nfiles);

/* Codes stories already in memory (used by the benchmark). */
int code_run_stories(code_run *r, const ac_story *stories, size_t n);

/* "accord: 1 story read, ..." */
void code_run_summary(const code_run *r, FILE *f);

#endif
