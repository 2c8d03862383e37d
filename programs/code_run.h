/*
 * code_run.h -- reading, coding and writing many stories, in order, with
 * N threads. Used by accord code and accord bench.
 */
#ifndef ACCORD_CODE_RUN_H
#define ACCORD_CODE_RUN_H

#include <stdio.h>

#include "accord.h"

typedef struct code_run {
    const ac_dict *dict;
    ac_reader_options ropt;
    ac_code_options copt;
    ac_output_format format;
    int threads;
    FILE *out;             /* NULL: output is formatted and hashed, not written */

    /* Counts, filled as the run goes. */
    size_t stories, parts, sentences, tokens, events;
    size_t skipped_parse, skipped_limit, io_errors, warnings;
    size_t bytes_in, bytes_out;
    unsigned long long out_hash;  /* FNV-1a of everything written */
} code_run;

void code_run_init(code_run *r);

/* Reads every file ("-" is stdin) and codes its stories. Returns an exit code. */
int code_run_files(code_run *r, const char *const *files, size_t nfiles);

/* Codes stories already in memory (used by the benchmark). */
int code_run_stories(code_run *r, const ac_story *stories, size_t n);

/* "accord: 1 story read, ..." */
void code_run_summary(const code_run *r, FILE *f);

#endif
