/*
 * store.h -- the store stage: coded stories into a database, and the
 * questions asked of it. What lib/store's files share.
 *
 *   record.c   a coded story (ac_doc) and its annotation -> one st_story,
 *              plain rows that any backend can write; the only file that
 *              reads the coder's and the annotation layer's internals
 *   schema.c   the schema, once, as data: tables, columns, keys, indexes
 *              and views; each backend renders it in its dialect
 *   sqlite.c   the SQLite backend (the default: one file, nothing to start):
 *              all of its SQL for writing is in that file
 *   query.c    the questions (events, dyad, agreements, quotes, actors,
 *              themes) as portable SQL over the schema, with what is
 *              computed in C (weeks, months, top codes, status)
 *   export.c   events in the field's formats (Phoenix, GDELT 2.0, PLOVER,
 *              CSV, JSON Lines)
 *   store.c    the public API (include/accord.h, "Store"): URLs, backends,
 *              transactions, ingest
 *
 * A backend implements st_backend. Query SQL is portable (placeholders are
 * '?', types are those of schema.c, no dialect functions); the differences
 * that remain (full-text search, upserts, bulk loading) live in the backend.
 * A second backend (PostgreSQL, libpq) implements the same table.
 */
#ifndef AC_STORE_H
#define AC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "accord.h"
#include "common/arena.h"

/* Sentence rows get the key story * ST_SENT_STRIDE + index, so a story's
 * sentences are one key range and no lookup is needed to link to them. */
#define ST_SENT_STRIDE 1048576
#define ST_MAX_SENTENCES (ST_SENT_STRIDE - 1)

/* ---- schema.c: the schema as data ---------------------------------------- */

typedef enum st_type {
    ST_INT,                /* 64-bit integer */
    ST_REAL,               /* double */
    ST_TEXT,               /* UTF-8 text */
    ST_SERIAL,             /* integer primary key the database assigns */
    ST_KEY                 /* integer primary key the store assigns */
} st_type;

typedef struct st_column {
    const char *name;
    st_type type;
    const char *doc;       /* what it holds */
} st_column;

typedef struct st_table {
    const char *name;
    const char *doc;
    const st_column *cols;
    size_t ncols;
    const char *unique;    /* "a, b" for UNIQUE (a, b), or NULL */
    const char *primary;   /* composite primary key "a, b", or NULL */
    int without_rowid;     /* a hint: SQLite stores it as its key's b-tree */
} st_table;

typedef struct st_index {
    const char *name, *table, *columns;
} st_index;

extern const st_table st_tables[];
extern const size_t st_ntables;
extern const st_index st_indexes[];
extern const size_t st_nindexes;
/* Views: a name and a portable SELECT. */
typedef struct st_view {
    const char *name, *select;
} st_view;
extern const st_view st_views[];
extern const size_t st_nviews;

#define ST_SCHEMA_VERSION "2"

/* The names a dialect gives the types. */
typedef struct st_dialect {
    const char *int_type, *real_type, *text_type, *serial_type, *key_type;
    const char *without_rowid;   /* table suffix, "" when none */
    const char *create_view;     /* printf format of name, select, with ";\n" */
} st_dialect;

/* Appends the CREATE statements (tables, indexes, views: IF NOT EXISTS),
 * separated by ";\n", to out. */
ac_status st_schema_sql(const st_dialect *d, ac_buf *out);

/* ---- record.c: one story as rows ----------------------------------------- */

typedef struct st_sentence {
    uint32_t idx;
    uint32_t start, len;   /* bytes of the normalised text */
    int discarded;
    int indexed;           /* 1: full-text indexed (it reports an event) */
    const char *text;      /* len bytes into the doc's text (not NUL-terminated) */
} st_sentence;

/* A story-level event: one per (source, target, code) of the story. */
typedef struct st_event {
    const ac_event *ev;    /* its first report (borrowed from the doc) */
    uint32_t mentions;     /* sentences that report it */
    const uint32_t *sentences;   /* their indexes, ascending */
    const char *sentence_ids;    /* the same as "3,5" */
    char base[4];          /* EventBaseCode: the first three digits */
} st_event;

typedef struct st_actor {
    const char *name, *code, *kind;
    uint32_t count, named, first_sentence;
    const char *mentions;  /* JSON [[start, end, sentence, via], ...] */
} st_actor;

typedef struct st_theme {
    const char *theme, *gkg;   /* gkg: GKG themes, ';'-separated */
    uint32_t count;
    const char *mentions;  /* JSON [[start, end, sentence], ...] */
} st_theme;

typedef struct st_agreement {
    const char *code, *name;
    uint32_t count;
    const char *mentions;  /* JSON [[start, end, sentence, via], ...] */
} st_agreement;

typedef struct st_action {
    const char *agreement, *action, *mood;
    const char *actor, *actor_text, *actor_name, *text, *when;
    uint32_t sentence, start, end;
    const char *sentence_ids;    /* every sentence that reports it, "3,5" */
} st_action;

typedef struct st_planned {
    const char *what, *code, *when, *agreement;
    const char *actors;    /* codes, ' '-separated */
    uint32_t sentence, start, end;
} st_planned;

typedef struct st_tone {
    double tone, positive, negative, polarity, activity, self_reference, goldstein;
    uint32_t words;
} st_tone;

typedef struct st_story {
    const char *id;
    uint32_t part;
    const char *date;      /* "YYYY-MM-DD" or "" */
    int has_day;
    int64_t day;           /* days since 1970-01-01 when has_day */
    const char *title, *url, *source;
    const char *source_key;    /* what NumSources counts: the publisher, else
                                  the URL's host, else the story id */
    const char *origin;
    char hash[17];         /* XXH3-64 of the raw text, hex */
    uint64_t text_len;
    const char *issues;    /* "ISSUE;ISSUE" */
    int annotated;         /* 0: no annotation (events and sentences only) */
    st_tone tone;

    st_sentence *sents;   size_t nsents;
    st_event *events;     size_t nevents;
    const ac_quote *const *quotes; size_t nquotes;
    st_actor *actors;     size_t nactors;
    st_theme *themes;     size_t nthemes;
    st_agreement *agrs;   size_t nagrs;
    st_action *actions;   size_t nactions;
    st_planned *planned;  size_t nplanned;

    ac_arena arena;        /* everything above not borrowed from doc or a */
} st_story;

/* The raw-text hash of a story, as stored (17 bytes with the NUL). */
void st_story_hash(const ac_story *s, char out[17]);

/* Fills *r from a coded story and its annotation (a may be NULL). r borrows
 * from story, doc and a, which must outlive it; st_story_free releases what
 * it owns. AC_EINVAL when the story has more sentences than a store holds,
 * AC_ENOMEM. */
ac_status st_story_make(st_story *r, const ac_story *story, const ac_doc *doc,
                        const ac_annotation *a, ac_error *err);
void st_story_free(st_story *r);

/* Days since 1970-01-01 of "YYYY-MM-DD"; 0 (and *ok = 0) when it is not a date. */
int64_t st_day_of(const char *date, int *ok);
/* "YYYY-MM-DD" of a day number. */
void st_date_of(int64_t day, char out[11]);

/* ---- backends -------------------------------------------------------------- */

typedef struct st_conn st_conn;

typedef enum st_ptype { SP_NULL = 0, SP_TEXT, SP_INT, SP_REAL } st_ptype;

typedef struct st_param {
    st_ptype t;
    const char *s;
    int64_t i;
    double d;
} st_param;

/* One result row: n values as text, NULL for SQL NULL. Returns non-zero to
 * stop the query. */
typedef int (*st_row_fn)(void *ctx, size_t n, const char *const *vals);

enum { ST_OPEN_READONLY = 1u << 0 };

/* Where a story stood before ac_store_ingest. */
enum { ST_ABSENT = 0, ST_SAME, ST_CHANGED };

typedef struct st_backend {
    const char *name;      /* "sqlite" */
    /* A query whose one column, id, lists the sentences.id that match one
     * full-text query parameter ("SELECT rowid AS id FROM sentences_fts
     * WHERE sentences_fts MATCH ?"); used as a derived table. */
    const char *fts_sentence_ids;

    /* target: what follows the scheme (a path); opts: "k=v&k=v" or "". */
    ac_status (*open)(const char *target, const char *opts, unsigned flags, st_conn **out,
                      ac_error *err);
    void (*close)(st_conn *c);
    ac_status (*begin)(st_conn *c, ac_error *err);
    ac_status (*commit)(st_conn *c, ac_error *err);
    void (*rollback)(st_conn *c);
    /* *state = ST_ABSENT, ST_SAME (same text hash) or ST_CHANGED. */
    ac_status (*story_state)(st_conn *c, const char *id, uint32_t part, const char *hash,
                             int *state, ac_error *err);
    /* Writes a story and all its rows inside the open transaction, replacing
     * a stored story of the same id and part whose text differs, and
     * keeping the cross-story event groups and their counts right. */
    ac_status (*put_story)(st_conn *c, const st_story *r, int state, ac_error *err);
    ac_status (*query)(st_conn *c, const char *sql, const st_param *p, size_t np,
                       st_row_fn fn, void *ctx, ac_error *err);
} st_backend;

extern const st_backend st_sqlite_backend;
extern const st_backend st_postgres_backend;   /* postgres.c */

/* ---- query.c: portable SQL under construction -------------------------------- */

#define ST_SQL_PARAMS 48

typedef struct st_sql {
    ac_buf sql;
    st_param p[ST_SQL_PARAMS];
    size_t np;
    char bounds[ST_SQL_PARAMS][64];  /* upper bounds of prefix ranges */
    size_t nbounds;
    int bad;               /* out of memory or too many parameters */
} st_sql;

/* Appends the filters of q over event_groups g (" AND ..."). AC_EINVAL for
 * a bad date, country or quad class. */
ac_status st_event_where(ac_store *s, st_sql *b, const ac_query *q, ac_error *err);
/* Runs it; AC_ENOMEM when building it ran out of memory. */
ac_status st_sql_run(ac_store *s, st_sql *b, st_row_fn fn, void *ctx, ac_error *err);
void st_sql_free(st_sql *b);

/* The open store (include/accord.h: ac_store). */
struct ac_store {
    const st_backend *be;
    st_conn *conn;
    int in_tx;             /* a batch transaction is open */
    unsigned flags;
    char url[512];         /* for messages, without any password */
};

#endif
