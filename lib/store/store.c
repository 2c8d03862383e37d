/*
 * store.c -- the public store API (include/accord.h, "Store"): URLs to
 * backends, batches, ingest. The questions are in query.c and export.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "store/store.h"

/* Splits "sqlite:PATH?opts" / "PATH" / "postgresql://..." into a backend, a
 * target and options (copied into tbuf). */
static ac_status parse_url(const char *url, const st_backend **be, char *tbuf, size_t cap,
                           const char **opts, ac_error *err)
{
    *opts = "";
    if (!url || !*url)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "no database given");
    if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11)) {
        /* libpq reads the whole URL (postgres.c). */
        if (strlen(url) >= cap)
            return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "database URL too long");
        snprintf(tbuf, cap, "%s", url);
        *be = &st_postgres_backend;
        return AC_OK;
    }
    const char *path = url;
    int with_opts = 0;
    if (!strncmp(url, "sqlite://", 9)) {
        path = url + 9;
        with_opts = 1;
    } else if (!strncmp(url, "sqlite:", 7)) {
        path = url + 7;
        with_opts = 1;
    } else {
        const char *colon = strstr(url, "://");
        if (colon)
            return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                                "unknown database URL scheme '%.*s' (sqlite:PATH, PATH, "
                                "postgresql://...)",
                                (int)(colon - url), url);
    }
    size_t n = with_opts ? strcspn(path, "?") : strlen(path);
    if (n >= cap)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "database path too long");
    memcpy(tbuf, path, n);
    tbuf[n] = '\0';
    if (with_opts && path[n] == '?')
        *opts = path + n + 1;
    *be = &st_sqlite_backend;
    return AC_OK;
}

ac_status ac_store_open(const char *url, unsigned flags, ac_store **out, ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_open: invalid argument");
    *out = NULL;
    const st_backend *be = NULL;
    char target[512];
    const char *opts;
    ac_status st = parse_url(url, &be, target, sizeof target, &opts, err);
    if (st != AC_OK)
        return st;
    ac_store *s = calloc(1, sizeof *s);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    s->be = be;
    s->flags = flags;
    /* No password in messages: scheme://user:***@host... */
    const char *auth = strstr(target, "://"), *at = auth ? strchr(auth + 3, '@') : NULL;
    const char *colon = auth ? strchr(auth + 3, ':') : NULL;
    if (at && colon && colon < at && !memchr(auth + 3, '/', (size_t)(at - auth - 3)))
        snprintf(s->url, sizeof s->url, "%.*s:***%s", (int)(colon - target), target, at);
    else
        snprintf(s->url, sizeof s->url, "%s", target);
    st = be->open(target, opts, (flags & AC_STORE_READONLY) ? ST_OPEN_READONLY : 0, &s->conn, err);
    if (st != AC_OK) {
        free(s);
        return st;
    }
    *out = s;
    return AC_OK;
}

void ac_store_close(ac_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        s->be->rollback(s->conn);
    s->be->close(s->conn);
    free(s);
}

const char *ac_store_backend(const ac_store *s)
{
    return s ? s->be->name : "";
}

static ac_status writable(ac_store *s, ac_error *err)
{
    if (!s)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "no store");
    if (s->flags & AC_STORE_READONLY)
        return ac_error_set(err, AC_EINVAL, s->url, 0, UINT64_MAX, "the store was opened read-only");
    return AC_OK;
}

ac_status ac_store_begin(ac_store *s, ac_error *err)
{
    ac_status st = writable(s, err);
    if (st != AC_OK)
        return st;
    if (s->in_tx)
        return ac_error_set(err, AC_EINVAL, s->url, 0, UINT64_MAX, "a batch is already open");
    st = s->be->begin(s->conn, err);
    if (st == AC_OK)
        s->in_tx = 1;
    return st;
}

ac_status ac_store_commit(ac_store *s, ac_error *err)
{
    if (!s || !s->in_tx)
        return ac_error_set(err, AC_EINVAL, s ? s->url : NULL, 0, UINT64_MAX,
                            "no batch to commit (it was rolled back after an error)");
    s->in_tx = 0;
    return s->be->commit(s->conn, err);
}

void ac_store_rollback(ac_store *s)
{
    if (s && s->in_tx) {
        s->be->rollback(s->conn);
        s->in_tx = 0;
    }
}

ac_status ac_store_story_state(ac_store *s, const ac_story *story, ac_ingest_outcome *out,
                               ac_error *err)
{
    if (!s || !story || !out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_story_state: invalid argument");
    char hash[17];
    st_story_hash(story, hash);
    int state;
    ac_status st = s->be->story_state(s->conn, story->id, story->part, hash, &state, err);
    if (st == AC_OK)
        *out = state == ST_ABSENT ? AC_INGEST_NEW : state == ST_SAME ? AC_INGEST_UNCHANGED
                                                                     : AC_INGEST_UPDATED;
    return st;
}

ac_status ac_store_ingest(ac_store *s, const ac_story *story, const ac_doc *doc,
                          const ac_annotation *a, ac_ingest_result *res, ac_error *err)
{
    if (res)
        memset(res, 0, sizeof *res);
    ac_status st = writable(s, err);
    if (st != AC_OK)
        return st;
    if (!story || !doc)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_ingest: invalid argument");
    st_story r;
    st = st_story_make(&r, story, doc, a, err);
    if (st != AC_OK)
        return st;     /* the story is skipped; the batch goes on */
    int own_tx = !s->in_tx, state = ST_ABSENT;
    if (own_tx)
        st = ac_store_begin(s, err);
    if (st == AC_OK)
        st = s->be->story_state(s->conn, r.id, r.part, r.hash, &state, err);
    if (st == AC_OK && state != ST_SAME)
        st = s->be->put_story(s->conn, &r, state, err);
    if (st == AC_OK && own_tx)
        st = ac_store_commit(s, err);
    if (st != AC_OK) {
        /* Never leave half a story: the whole batch goes. */
        ac_store_rollback(s);
        if (err && !own_tx && strlen(err->msg) + 40 < sizeof err->msg)
            strcat(err->msg, "; the batch was rolled back");
    } else if (res) {
        res->outcome = state == ST_ABSENT ? AC_INGEST_NEW : state == ST_SAME ? AC_INGEST_UNCHANGED
                                                                             : AC_INGEST_UPDATED;
        if (state != ST_SAME) {
            res->sentences = r.nsents;
            res->events = r.nevents;
            res->quotes = r.nquotes;
            res->actors = r.nactors;
            res->themes = r.nthemes;
            res->actions = r.nactions;
            res->planned = r.nplanned;
        }
    }
    st_story_free(&r);
    return st;
}

static int stats_row(void *ctx, size_t n, const char *const *v)
{
    ac_store_stats *o = ctx;
    size_t *f[] = {&o->stories, &o->sentences, &o->events, &o->event_groups,
                   &o->quotes, &o->actors, &o->actions, &o->planned};
    for (size_t i = 0; i < n && i < sizeof f / sizeof *f; i++)
        *f[i] = v[i] ? (size_t)strtoull(v[i], NULL, 10) : 0;
    return 0;
}

ac_status ac_store_get_stats(ac_store *s, ac_store_stats *out, ac_error *err)
{
    if (!s || !out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_store_get_stats: invalid argument");
    memset(out, 0, sizeof *out);
    return s->be->query(s->conn,
                        "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM sentences), "
                        "(SELECT count(*) FROM events), (SELECT count(*) FROM event_groups), "
                        "(SELECT count(*) FROM quotes), (SELECT count(*) FROM actors), "
                        "(SELECT count(*) FROM memberships), (SELECT count(*) FROM planned)",
                        NULL, 0, stats_row, out, err);
}
