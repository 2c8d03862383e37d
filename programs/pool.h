/*
 * pool.h -- a fixed set of worker threads that run one job at a time: the
 * job is n items, each handed once to fn(ctx, i) by whichever worker takes
 * it. The caller submits a job and may do other work (read the next batch,
 * write the previous one) before it waits. Used by accord code, annotate
 * and ingest.
 */
#ifndef ACCORD_POOL_H
#define ACCORD_POOL_H

#include <stddef.h>

typedef struct pool pool;
typedef void (*pool_fn)(void *ctx, size_t i);

/* Starts up to `threads` workers; NULL (after printing why) when none start. */
pool *pool_start(int threads);

/* Runs fn(ctx, i) for i in [0, n) on the workers; returns at once. */
void pool_submit(pool *p, pool_fn fn, void *ctx, size_t n);

/* Waits until the submitted job is done. */
void pool_wait(pool *p);

/* Stops the workers and frees the pool (NULL is fine). */
void pool_stop(pool *p);

#endif
