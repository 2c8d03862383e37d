/*
 * pool.c -- worker threads for batches of stories (pool.h).
 */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define POOL_MAX 256

struct pool {
    pthread_t th[POOL_MAX];
    int n;
    pthread_mutex_t mu;
    pthread_cond_t cv_start, cv_done;
    pool_fn fn;            /* the job: fn(ctx, i) for i < items */
    void *ctx;
    size_t items;
    unsigned gen;          /* bumped by each submit */
    int active, quit;
    atomic_size_t next;
};

static void *worker(void *arg)
{
    pool *p = arg;
    unsigned seen = 0;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->gen == seen && !p->quit)
            pthread_cond_wait(&p->cv_start, &p->mu);
        if (p->quit) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        seen = p->gen;
        pool_fn fn = p->fn;
        void *ctx = p->ctx;
        size_t items = p->items;
        pthread_mutex_unlock(&p->mu);
        size_t i;
        while ((i = atomic_fetch_add(&p->next, 1)) < items)
            fn(ctx, i);
        pthread_mutex_lock(&p->mu);
        if (--p->active == 0)
            pthread_cond_signal(&p->cv_done);
        pthread_mutex_unlock(&p->mu);
    }
}

pool *pool_start(int threads)
{
    pool *p = calloc(1, sizeof *p);
    if (!p) {
        fprintf(stderr, "accord: out of memory\n");
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv_start, NULL);
    pthread_cond_init(&p->cv_done, NULL);
    for (int i = 0; i < threads && i < POOL_MAX; i++)
        if (pthread_create(&p->th[p->n], NULL, worker, p) == 0)
            p->n++;
    if (p->n == 0) {
        fprintf(stderr, "accord: cannot start threads\n");
        pool_stop(p);
        return NULL;
    }
    return p;
}

void pool_submit(pool *p, pool_fn fn, void *ctx, size_t n)
{
    pthread_mutex_lock(&p->mu);
    p->fn = fn;
    p->ctx = ctx;
    p->items = n;
    atomic_store(&p->next, 0);
    p->active = p->n;
    p->gen++;
    pthread_cond_broadcast(&p->cv_start);
    pthread_mutex_unlock(&p->mu);
}

void pool_wait(pool *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->active > 0)
        pthread_cond_wait(&p->cv_done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void pool_stop(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->cv_start);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->n; i++)
        pthread_join(p->th[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv_start);
    pthread_cond_destroy(&p->cv_done);
    free(p);
}
