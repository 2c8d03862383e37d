/*
 * bench_store.h -- the store stages of accord bench: ingest (writing coded
 * and annotated stories to an SQLite store) and the dyad query over a
 * database of a million story-level events.
 */
#ifndef ACCORD_BENCH_STORE_H
#define ACCORD_BENCH_STORE_H

#include <stddef.h>

#include "accord.h"

#define BENCH_STORE_EVENTS 1000000   /* default size of the dyad database */
#define TARGET_INGEST_EVENTS_PER_S 50000.0
#define TARGET_DYAD_MS 200.0

typedef struct store_bench {
    /* Ingest: the corpus coded and annotated (not timed), then written in
     * batches of 512 stories (timed: ac_store_begin .. ac_store_commit, and
     * the final ac_store_close, which checkpoints the log into the file). */
    size_t stories, sentences, events, quotes, actors, themes;
    double ingest_secs, ingest_cpu;    /* best of the repeats */
    double db_mb;                      /* the file after one ingest */
    /* The dyad database: the corpus again with later dates (events and
     * sentences only) until it holds big_target story-level events. */
    size_t big_events, big_groups, big_stories, passes;
    double big_secs, big_db_mb;
    char dyad[2][8];                   /* the dyad queried */
    size_t dyad_rows, dyad_groups;     /* rows of the timeline, event groups in it */
    double dyad_month_ms, dyad_day_ms; /* best of the repeats */
    double events_ms;                  /* accord events --actor A --limit 100 */
} store_bench;

/* Runs both stages on the stories in a temporary folder (removed after).
 * big_target 0 skips the dyad database. Returns 0, or -1 after printing why. */
int bench_store(const ac_dict *d, const ac_story *st, size_t n, size_t big_target, int repeat,
                store_bench *out);

#endif
