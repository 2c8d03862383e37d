/*
 * sqlite.c -- the SQLite backend of the store: one file, nothing to start.
 *
 * Every SQL statement this backend writes with is in the table SQL[] below,
 * prepared once per connection. The database runs in WAL mode with
 * synchronous=NORMAL: a committed batch survives a killed process (the WAL
 * is replayed on the next open), and a batch is one transaction (BEGIN
 * IMMEDIATE, so a second writer waits busy_timeout and then fails clearly
 * instead of deadlocking halfway).
 *
 * Story-level events go to `events`; their cross-story group is found or
 * made with one upsert (RETURNING the group's id and article count), and
 * NumSources is recounted only when the group already existed. Event ids are
 * assigned here (max + 1 at the start of the batch; the batch holds the
 * write lock), so a new group can point at its first event without a second
 * write.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xxhash.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/map.h"
#include "store/store.h"

static const st_dialect SQLITE_DIALECT = {
    .int_type = "INTEGER",
    .real_type = "REAL",
    .text_type = "TEXT",
    .serial_type = "INTEGER PRIMARY KEY",
    .key_type = "INTEGER PRIMARY KEY",
    .without_rowid = " WITHOUT ROWID",
    .create_view = "CREATE VIEW IF NOT EXISTS %s AS %s;\n",
};

/* Full-text search over sentences, the text kept once (in sentences). */
static const char FTS_SQL[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(text, content='sentences', "
    "content_rowid='id', columnsize=0)";

enum {
    Q_STORY_STATE,
    Q_NEXT_EVENT,
    Q_STORY_INSERT,
    Q_SENTENCE_INSERT,
    Q_FTS_BATCH,
    Q_GROUP_UPSERT,
    Q_GROUP_FIND,
    Q_EVENT_INSERT,
    Q_CODE_INSERT,
    Q_GROUP_SOURCES,
    Q_QUOTE_INSERT,
    Q_ACTOR_FIND,
    Q_ACTOR_INSERT,
    Q_STORY_ACTOR_INSERT,
    Q_THEME_INSERT,
    Q_THEME_NAME_INSERT,
    Q_AGREEMENT_INSERT,
    Q_MEMBERSHIP_INSERT,
    Q_PLANNED_INSERT,
    /* Replacing a story whose text changed. */
    Q_OLD_GROUPS,
    Q_FTS_DELETE,
    Q_DEL_EVENTS,
    Q_DEL_SENTENCES,
    Q_DEL_QUOTES,
    Q_DEL_STORY_ACTORS,
    Q_DEL_THEMES,
    Q_DEL_AGREEMENTS,
    Q_DEL_MEMBERSHIPS,
    Q_DEL_PLANNED,
    Q_DEL_STORY,
    Q_GROUP_RECOUNT,
    Q_GROUP_DROP,
    Q_COUNT
};

static const char *const SQL[Q_COUNT] = {
    [Q_STORY_STATE] = "SELECT sid, text_hash, first_event, events FROM stories "
                      "WHERE story_id = ?1 AND part = ?2",
    [Q_NEXT_EVENT] = "SELECT (SELECT coalesce(max(id), 0) + 1 FROM events), "
                     "(SELECT coalesce(max(sid), 0) + 1 FROM stories)",
    [Q_STORY_INSERT] =
        "INSERT INTO stories (story_id, part, date, day, title, url, source, source_key, origin, "
        "text_hash, text_len, sentences, events, issues, annotated, tone, positive, negative, "
        "polarity, activity, self_reference, words, goldstein, ingested_at, first_event) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    [Q_SENTENCE_INSERT] = "INSERT INTO sentences (id, story, idx, char_start, char_len, discarded, "
                          "indexed, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7)",
    [Q_FTS_BATCH] = "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences "
                    "WHERE id >= ?1 AND indexed = 1",
    [Q_GROUP_UPSERT] =
        "INSERT INTO event_groups (date, source, target, src_country, tgt_country, code, "
        "num_mentions, num_sources, num_articles, first_event) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, 1, ?8) "
        "ON CONFLICT (src_country, tgt_country, date, source, target, code) DO UPDATE SET "
        "num_mentions = num_mentions + excluded.num_mentions, num_articles = num_articles + 1",
    [Q_GROUP_FIND] = "SELECT id FROM event_groups WHERE src_country = ?1 AND tgt_country = ?2 AND "
                     "date = ?3 AND source = ?4 AND target = ?5 AND code = ?6",
    [Q_EVENT_INSERT] =
        "INSERT INTO events (id, story, group_id, date, day, source, target, source_text, "
        "target_text, code, base_code, root, quad, goldstein, plover, mood, verb_text, pattern, "
        "sentence, sentence_ids, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    [Q_CODE_INSERT] = "INSERT OR IGNORE INTO event_codes (code, root, quad, goldstein, plover) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_GROUP_SOURCES] =
        "UPDATE event_groups SET num_sources = (SELECT count(DISTINCT s.source_key) FROM events e "
        "JOIN stories s ON s.sid = e.story WHERE e.group_id = ?1) WHERE id = ?1",
    [Q_QUOTE_INSERT] =
        "INSERT INTO quotes (story, idx, date, day, sentence, kind, text, char_start, char_end, "
        "speaker, speaker_name, speaker_code, verb) "
        "VALUES (?1, ?13, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_ACTOR_FIND] = "SELECT id FROM actors WHERE name = ?1 AND code = ?2",
    [Q_ACTOR_INSERT] = "INSERT INTO actors (code, name, kind) VALUES (?1, ?2, ?3)",
    [Q_STORY_ACTOR_INSERT] =
        "INSERT OR REPLACE INTO story_actors (story, actor, mentions, named, first_sentence, spans) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_THEME_INSERT] = "INSERT OR REPLACE INTO story_themes (story, theme, mentions, spans) "
                       "VALUES (?1, ?2, ?4, ?5)",
    [Q_THEME_NAME_INSERT] = "INSERT OR IGNORE INTO themes (theme, gkg) VALUES (?1, ?2)",
    [Q_AGREEMENT_INSERT] = "INSERT OR REPLACE INTO story_agreements (story, agreement, name, "
                           "mentions, spans) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_MEMBERSHIP_INSERT] =
        "INSERT INTO memberships (story, idx, date, day, agreement, actor, actor_text, actor_name, "
        "action, mood, text, when_text, sentence, char_start, char_end, sentence_ids) "
        "VALUES (?1, ?16, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [Q_PLANNED_INSERT] =
        "INSERT INTO planned (story, idx, date, day, what, code, when_text, agreement, actors, "
        "sentence, char_start, char_end) VALUES (?1, ?12, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_OLD_GROUPS] = "SELECT DISTINCT group_id FROM events WHERE id BETWEEN ?1 AND ?2",
    [Q_FTS_DELETE] = "INSERT INTO sentences_fts (sentences_fts, rowid, text) "
                     "SELECT 'delete', id, text FROM sentences WHERE id BETWEEN ?1 AND ?2 "
                     "AND indexed = 1",
    [Q_DEL_EVENTS] = "DELETE FROM events WHERE id BETWEEN ?1 AND ?2",
    [Q_DEL_SENTENCES] = "DELETE FROM sentences WHERE id BETWEEN ?1 AND ?2",
    [Q_DEL_QUOTES] = "DELETE FROM quotes WHERE story = ?1",
    [Q_DEL_STORY_ACTORS] = "DELETE FROM story_actors WHERE story = ?1",
    [Q_DEL_THEMES] = "DELETE FROM story_themes WHERE story = ?1",
    [Q_DEL_AGREEMENTS] = "DELETE FROM story_agreements WHERE story = ?1",
    [Q_DEL_MEMBERSHIPS] = "DELETE FROM memberships WHERE story = ?1",
    [Q_DEL_PLANNED] = "DELETE FROM planned WHERE story = ?1",
    [Q_DEL_STORY] = "DELETE FROM stories WHERE sid = ?1",
    [Q_GROUP_RECOUNT] =
        "UPDATE event_groups SET "
        "num_mentions = (SELECT coalesce(sum(mentions), 0) FROM events WHERE group_id = ?1), "
        "num_articles = (SELECT count(*) FROM events WHERE group_id = ?1), "
        "num_sources = (SELECT count(DISTINCT s.source_key) FROM events e JOIN stories s "
        "ON s.sid = e.story WHERE e.group_id = ?1), "
        "first_event = (SELECT min(id) FROM events WHERE group_id = ?1) WHERE id = ?1",
    [Q_GROUP_DROP] = "DELETE FROM event_groups WHERE id = ?1 AND num_articles = 0",
};

struct st_conn {
    sqlite3 *db;
    char path[512];
    sqlite3_stmt *stmt[Q_COUNT];
    int64_t next_event;    /* the id of the next event (valid inside a batch) */
    int64_t batch_sid;     /* the first story key of the batch: its sentences
                              are full-text indexed at commit, in one statement */
    int batch_fts;         /* the batch wrote sentences to index */
    ac_map actors;         /* XXH3(name \0 code) -> actors.id, of committed rows
                              and of the open batch (dropped on rollback) */
    int actors_ready;
    ac_map codes;          /* XXH3(code) -> 1 for the rows of event_codes, and
                              XXH3 seeded 1 (theme) for those of themes (likewise) */
    int codes_ready;
    char now[32];          /* ingested_at of the batch */
};

/* ---- errors ------------------------------------------------------------------ */

/* A message a person can act on, for result code rc of what. */
static ac_status fail(st_conn *c, int rc, const char *what, ac_error *err)
{
    const char *p = c->path;
    const char *detail = c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX,
                            "database is locked by another process (another accord ingest?); "
                            "nothing was written; try again when it is done, or wait longer "
                            "with sqlite:%s?busy_timeout=MS",
                            p);
    case SQLITE_READONLY:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX,
                            "database is read-only (no write permission on the file or its "
                            "folder); nothing was written (%s)",
                            detail);
    case SQLITE_FULL:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX,
                            "disk full (or the database size limit was reached) while %s; "
                            "the batch was not written, the database is as it was before it",
                            what);
    case SQLITE_NOTADB:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX, "not an SQLite database (%s)", detail);
    case SQLITE_CORRUPT:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX, "the database file is corrupt (%s)", detail);
    case SQLITE_CANTOPEN:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX,
                            "cannot open the database (%s): does its folder exist and is it "
                            "writable?",
                            detail);
    case SQLITE_NOMEM:
        return ac_error_set(err, AC_ENOMEM, p, 0, UINT64_MAX, "out of memory while %s", what);
    case SQLITE_IOERR:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX, "I/O error while %s: %s", what, detail);
    default:
        return ac_error_set(err, AC_EIO, p, 0, UINT64_MAX, "%s: %s", what, detail);
    }
}

static ac_status exec(st_conn *c, const char *sql, const char *what, ac_error *err)
{
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? AC_OK : fail(c, rc, what, err);
}

/* ---- statements -------------------------------------------------------------- */

static ac_status prep(st_conn *c, int q, sqlite3_stmt **out, ac_error *err)
{
    if (!c->stmt[q]) {
        int rc = sqlite3_prepare_v3(c->db, SQL[q], -1, SQLITE_PREPARE_PERSISTENT, &c->stmt[q], NULL);
        if (rc != SQLITE_OK)
            return fail(c, rc, "preparing a statement", err);
    }
    *out = c->stmt[q];
    return AC_OK;
}

static void bt(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

/* Text of n bytes, not NUL-terminated. */
static void btn(sqlite3_stmt *s, int i, const char *v, size_t n)
{
    sqlite3_bind_text(s, i, v, (int)n, SQLITE_STATIC);
}

static void bi(sqlite3_stmt *s, int i, int64_t v)
{
    sqlite3_bind_int64(s, i, v);
}

static void bday(sqlite3_stmt *s, int i, const st_story *r)
{
    if (r->has_day)
        sqlite3_bind_int64(s, i, r->day);
    else
        sqlite3_bind_null(s, i);
}

/* Runs a bound statement that returns no row (or ignores it). Every
 * caller binds every parameter before each run, so bindings are not
 * cleared (they are replaced). */
static ac_status run(st_conn *c, sqlite3_stmt *s, const char *what, ac_error *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return AC_OK;
    return fail(c, rc, what, err);
}

#define TRY(x)                                                                                     \
    do {                                                                                           \
        ac_status st_ = (x);                                                                       \
        if (st_ != AC_OK)                                                                          \
            return st_;                                                                            \
    } while (0)

/* ---- open, close ------------------------------------------------------------- */

static int opt_value(const char *opts, const char *key, long long *out)
{
    size_t n = strlen(key);
    for (const char *p = opts; p && *p;) {
        if (strncmp(p, key, n) == 0 && p[n] == '=') {
            char *end;
            *out = strtoll(p + n + 1, &end, 10);
            return (*end == '\0' || *end == '&') ? 1 : -1;
        }
        p = strchr(p, '&');
        if (p)
            p++;
    }
    return 0;
}

static ac_status check_opts(const char *opts, ac_error *err)
{
    for (const char *p = opts; p && *p;) {
        size_t n = strcspn(p, "=&");
        if (!((n == 12 && !strncmp(p, "busy_timeout", n)) || (n == 9 && !strncmp(p, "max_bytes", n)) ||
              !strncmp(p, "mode=ro", 7)))
            return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                                "unknown SQLite option '%.*s' (busy_timeout=MS, max_bytes=N, mode=ro)",
                                (int)n, p);
        p = strchr(p, '&');
        if (p)
            p++;
    }
    return AC_OK;
}

static void sq_close(st_conn *c)
{
    if (!c)
        return;
    for (int q = 0; q < Q_COUNT; q++)
        sqlite3_finalize(c->stmt[q]);
    if (c->db)
        sqlite3_close_v2(c->db);
    if (c->actors_ready)
        ac_map_free(&c->actors);
    if (c->codes_ready)
        ac_map_free(&c->codes);
    free(c);
}

/* The schema version recorded in the file, "" when it has no meta table. */
static ac_status schema_version(st_conn *c, char *out, size_t cap, ac_error *err)
{
    out[0] = '\0';
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(c->db,
                                "SELECT value FROM meta WHERE key = 'schema_version'", -1, &s, NULL);
    if (rc != SQLITE_OK) {
        /* No meta table: a new database, or some other SQLite file. */
        if (strstr(sqlite3_errmsg(c->db), "no such table"))
            return AC_OK;
        return fail(c, rc, "reading the schema", err);
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(c, rc, "reading the schema", err);
    return AC_OK;
}

static int user_tables(st_conn *c)
{
    sqlite3_stmt *s;
    int n = 0;
    if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return n;
}

static ac_status create_schema(st_conn *c, ac_error *err)
{
    ac_buf sql = {0};
    ac_status st = st_schema_sql(&SQLITE_DIALECT, &sql);
    if (st == AC_OK)
        st = ac_buf_printf(&sql, "%s;\nINSERT OR REPLACE INTO meta VALUES ('schema_version', '%s');\n"
                                 "INSERT OR REPLACE INTO meta VALUES ('created_by', 'accord %s');\n",
                           FTS_SQL, ST_SCHEMA_VERSION, ACCORD_VERSION);
    if (st != AC_OK) {
        ac_buf_free(&sql);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    st = exec(c, "BEGIN IMMEDIATE", "creating the tables", err);
    if (st == AC_OK) {
        st = exec(c, sql.data, "creating the tables", err);
        if (st == AC_OK)
            st = exec(c, "COMMIT", "creating the tables", err);
        if (st != AC_OK)
            sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    }
    ac_buf_free(&sql);
    return st;
}

/* SQLite's memory statistics cost a lock and counters on every allocation;
 * accord reads none of them. A larger lookaside (small allocations from a
 * per-connection pool) spares malloc most of a write's small objects. Set
 * once, before SQLite starts; together they make ingest ~8 % faster. */
static void sqlite_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 1200, 1000);
}

static ac_status sq_open(const char *path, const char *opts, unsigned flags, st_conn **out,
                         ac_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_setup);
    *out = NULL;
    TRY(check_opts(opts, err));
    long long busy = 5000, max_bytes = 0;
    int mode_ro = 0;
    for (const char *p = opts; p && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 : NULL)
        mode_ro |= !strncmp(p, "mode=ro", 7) && (p[7] == '\0' || p[7] == '&');
    if (opt_value(opts, "busy_timeout", &busy) < 0 || opt_value(opts, "max_bytes", &max_bytes) < 0 ||
        busy < 0 || max_bytes < 0)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX,
                            "SQLite options want numbers: busy_timeout=MS, max_bytes=N");
    if (!*path)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "empty database path");
    st_conn *c = calloc(1, sizeof *c);
    if (!c)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    snprintf(c->path, sizeof c->path, "%s", path);
    int ro = (flags & ST_OPEN_READONLY) != 0;
    struct stat sb;
    if (ro && stat(path, &sb) != 0) {
        sq_close(c);
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX,
                            "no database here (accord ingest creates one): %s", strerror(errno));
    }
    /* mode=ro opens the file read-only whatever its permissions: what a
     * read-only file or folder does to a writer (root ignores chmod). */
    int oflags = (ro || mode_ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                 SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &c->db, oflags, NULL);
    ac_status st = AC_OK;
    if (rc != SQLITE_OK) {
        st = fail(c, rc, "opening the database", err);
        sq_close(c);
        return st;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, (int)busy);
    if (!ro && (mode_ro || sqlite3_db_readonly(c->db, "main") == 1)) {
        st = fail(c, SQLITE_READONLY, "opening the database", err);
        sq_close(c);
        return st;
    }
    char ver[32];
    st = schema_version(c, ver, sizeof ver, err);
    if (st == AC_OK && !*ver && user_tables(c) > 0)
        st = ac_error_set(err, AC_EIO, path, 0, UINT64_MAX,
                          "an SQLite database, but not one of accord's (no meta table): "
                          "give another path");
    if (st == AC_OK && *ver && strcmp(ver, ST_SCHEMA_VERSION) != 0)
        st = ac_error_set(err, AC_EIO, path, 0, UINT64_MAX,
                          "database of schema version %s; this accord reads version %s: "
                          "ingest again into a new file",
                          ver, ST_SCHEMA_VERSION);
    if (st == AC_OK && ro && !*ver)
        st = ac_error_set(err, AC_EIO, path, 0, UINT64_MAX,
                          "empty database (accord ingest fills it)");
    if (st == AC_OK && !ro) {
        /* WAL: readers do not block the writer, a kill loses only the open
         * batch. The page cache is large enough for a batch's indexes. */
        st = exec(c,
                  "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                  "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; "
                  "PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864",
                  "setting up the database", err);
        if (st == AC_OK && max_bytes > 0) {
            char sql[96];
            long long pages = max_bytes / 4096 > 0 ? max_bytes / 4096 : 1;
            snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages);
            st = exec(c, sql, "setting the size limit", err);
        }
        if (st == AC_OK && !*ver)
            st = create_schema(c, err);
    }
    if (st == AC_OK && !ro) {
        c->actors_ready = ac_map_init(&c->actors, 1024) == 0;
        c->codes_ready = ac_map_init(&c->codes, 512) == 0;
        if (!c->actors_ready || !c->codes_ready)
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    if (st != AC_OK) {
        sq_close(c);
        return st;
    }
    *out = c;
    return AC_OK;
}

/* ---- transactions ------------------------------------------------------------ */

static ac_status sq_begin(st_conn *c, ac_error *err)
{
    TRY(exec(c, "BEGIN IMMEDIATE", "starting a batch", err));
    sqlite3_stmt *s;
    ac_status st = prep(c, Q_NEXT_EVENT, &s, err);
    if (st == AC_OK) {
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            c->next_event = sqlite3_column_int64(s, 0);
            c->batch_sid = sqlite3_column_int64(s, 1);
            c->batch_fts = 0;
        }
        sqlite3_reset(s);
        if (rc != SQLITE_ROW)
            st = fail(c, rc, "starting a batch", err);
    }
    if (st != AC_OK) {
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(c->now, sizeof c->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return AC_OK;
}

static void forget_actors(st_conn *c)
{
    if (c->actors_ready) {
        ac_map_free(&c->actors);
        c->actors_ready = ac_map_init(&c->actors, 1024) == 0;
    }
    if (c->codes_ready) {
        ac_map_free(&c->codes);
        c->codes_ready = ac_map_init(&c->codes, 512) == 0;
    }
}

static void sq_rollback(st_conn *c)
{
    for (int q = 0; q < Q_COUNT; q++)
        if (c->stmt[q])
            sqlite3_reset(c->stmt[q]);
    if (!sqlite3_get_autocommit(c->db))
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    /* Actors inserted by the batch are gone: so are their ids. */
    forget_actors(c);
}

static ac_status sq_commit(st_conn *c, ac_error *err)
{
    if (c->batch_fts) {
        sqlite3_stmt *s;
        ac_status st = prep(c, Q_FTS_BATCH, &s, err);
        if (st == AC_OK) {
            bi(s, 1, c->batch_sid * ST_SENT_STRIDE);
            st = run(c, s, "indexing sentences", err);
        }
        if (st != AC_OK) {
            sq_rollback(c);
            return st;
        }
        c->batch_fts = 0;
    }
    int rc = sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        ac_status st = fail(c, rc, "committing a batch", err);
        sq_rollback(c);
        return st;
    }
    return AC_OK;
}

/* ---- writing a story --------------------------------------------------------- */

/* The stored story of that id and part: its key (0 when none), text hash
 * and event id range. */
typedef struct stored {
    int64_t sid, first_event, events;
    char hash[17];
} stored;

static ac_status find_story(st_conn *c, const char *id, uint32_t part, stored *o, ac_error *err)
{
    sqlite3_stmt *s;
    TRY(prep(c, Q_STORY_STATE, &s, err));
    bt(s, 1, id);
    bi(s, 2, part);
    int rc = sqlite3_step(s);
    memset(o, 0, sizeof *o);
    if (rc == SQLITE_ROW) {
        o->sid = sqlite3_column_int64(s, 0);
        snprintf(o->hash, sizeof o->hash, "%s", (const char *)sqlite3_column_text(s, 1));
        o->first_event = sqlite3_column_int64(s, 2);
        o->events = sqlite3_column_int64(s, 3);
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(c, rc, "looking up a story", err);
    return AC_OK;
}

static ac_status sq_story_state(st_conn *c, const char *id, uint32_t part, const char *hash,
                                int *state, ac_error *err)
{
    stored old;
    TRY(find_story(c, id, part, &old, err));
    *state = old.sid == 0 ? ST_ABSENT : strcmp(old.hash, hash) == 0 ? ST_SAME : ST_CHANGED;
    return AC_OK;
}

/* Removes a stored story and everything of it; recounts its event groups
 * and drops those no story reports any more. */
static ac_status remove_story(st_conn *c, const stored *old, ac_error *err)
{
    sqlite3_stmt *s;
    int64_t sid = old->sid;
    int64_t lo = sid * ST_SENT_STRIDE, hi = lo + ST_SENT_STRIDE - 1;
    int64_t ev_lo = old->first_event, ev_hi = old->first_event + old->events - 1;
    /* The groups it touched, before its events go. */
    int64_t *groups = NULL;
    size_t ng = 0, cap = 0;
    TRY(prep(c, Q_OLD_GROUPS, &s, err));
    bi(s, 1, ev_lo);
    bi(s, 2, ev_hi);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (ng == cap) {
            cap = cap ? cap * 2 : 16;
            int64_t *g = realloc(groups, cap * sizeof *g);
            if (!g) {
                free(groups);
                sqlite3_reset(s);
                return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
            }
            groups = g;
        }
        groups[ng++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(groups);
        return fail(c, rc, "replacing a story", err);
    }
    static const int by_range[] = {Q_FTS_DELETE, Q_DEL_SENTENCES, Q_DEL_EVENTS};
    static const int by_story[] = {Q_DEL_QUOTES, Q_DEL_STORY_ACTORS, Q_DEL_THEMES,
                                   Q_DEL_AGREEMENTS, Q_DEL_MEMBERSHIPS, Q_DEL_PLANNED, Q_DEL_STORY};
    ac_status st = AC_OK;
    for (size_t k = 0; k < sizeof by_range / sizeof *by_range && st == AC_OK; k++) {
        /* A story written by this batch is not indexed yet (sq_commit). */
        if (by_range[k] == Q_FTS_DELETE && sid >= c->batch_sid)
            continue;
        st = prep(c, by_range[k], &s, err);
        if (st == AC_OK) {
            int events = by_range[k] == Q_DEL_EVENTS;
            bi(s, 1, events ? ev_lo : lo);
            bi(s, 2, events ? ev_hi : hi);
            st = run(c, s, "replacing a story", err);
        }
    }
    for (size_t k = 0; k < sizeof by_story / sizeof *by_story && st == AC_OK; k++) {
        st = prep(c, by_story[k], &s, err);
        if (st == AC_OK) {
            bi(s, 1, sid);
            st = run(c, s, "replacing a story", err);
        }
    }
    for (size_t k = 0; k < ng && st == AC_OK; k++) {
        st = prep(c, Q_GROUP_RECOUNT, &s, err);
        if (st == AC_OK) {
            bi(s, 1, groups[k]);
            st = run(c, s, "recounting event groups", err);
        }
        if (st == AC_OK)
            st = prep(c, Q_GROUP_DROP, &s, err);
        if (st == AC_OK) {
            bi(s, 1, groups[k]);
            st = run(c, s, "recounting event groups", err);
        }
    }
    free(groups);
    return st;
}

static ac_status put_sentences(st_conn *c, const st_story *r, int64_t sid, ac_error *err)
{
    sqlite3_stmt *s;
    TRY(prep(c, Q_SENTENCE_INSERT, &s, err));
    for (size_t i = 0; i < r->nsents; i++) {
        const st_sentence *x = &r->sents[i];
        int64_t id = sid * ST_SENT_STRIDE + x->idx;
        bi(s, 1, id);
        bi(s, 2, sid);
        bi(s, 3, x->idx);
        bi(s, 4, x->start);
        bi(s, 5, x->len);
        bi(s, 6, x->discarded);
        btn(s, 7, x->text, x->len);
        bi(s, 8, x->indexed);
        TRY(run(c, s, "writing sentences", err));
        c->batch_fts |= x->indexed;
    }
    return AC_OK;
}

/* The code's row of event_codes, written once per connection and batch. */
static ac_status put_code(st_conn *c, const ac_event *v, ac_error *err)
{
    uint64_t key = XXH3_64bits(v->code, strlen(v->code));
    if (c->codes_ready && ac_map_get(&c->codes, key) != AC_MAP_NONE)
        return AC_OK;
    sqlite3_stmt *s;
    TRY(prep(c, Q_CODE_INSERT, &s, err));
    bt(s, 1, v->code);
    bt(s, 2, v->root);
    bi(s, 3, v->quad);
    sqlite3_bind_double(s, 4, v->goldstein);
    bt(s, 5, v->plover);
    TRY(run(c, s, "writing event codes", err));
    if (c->codes_ready && ac_map_put(&c->codes, key, 1) != 0)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    return AC_OK;
}

static ac_status put_events(st_conn *c, const st_story *r, int64_t sid, ac_error *err)
{
    sqlite3_stmt *g, *e, *src;
    TRY(prep(c, Q_GROUP_UPSERT, &g, err));
    TRY(prep(c, Q_EVENT_INSERT, &e, err));
    for (size_t i = 0; i < r->nevents; i++) {
        const st_event *x = &r->events[i];
        const ac_event *v = x->ev;
        int64_t eid = c->next_event++;
        char sc[4] = "", tc[4] = "";
        memcpy(sc, v->source, strnlen(v->source, 3));
        memcpy(tc, v->target, strnlen(v->target, 3));
        bt(g, 1, r->date);
        bt(g, 2, v->source);
        bt(g, 3, v->target);
        bt(g, 4, sc);
        bt(g, 5, tc);
        bt(g, 6, v->code);
        bi(g, 7, x->mentions);
        bi(g, 8, eid);
        /* A new group sets the last rowid; an updated one does not (then it
         * is found by its key, which only reports of a known event need). */
        sqlite3_set_last_insert_rowid(c->db, 0);
        int rc = sqlite3_step(g);
        sqlite3_reset(g);
        if (rc != SQLITE_DONE) {
            sqlite3_clear_bindings(g);
            return fail(c, rc, "writing events", err);
        }
        int64_t gid = sqlite3_last_insert_rowid(c->db);
        int existed = gid == 0;
        if (existed) {
            sqlite3_stmt *f;
            TRY(prep(c, Q_GROUP_FIND, &f, err));
            bt(f, 1, sc);
            bt(f, 2, tc);
            bt(f, 3, r->date);
            bt(f, 4, v->source);
            bt(f, 5, v->target);
            bt(f, 6, v->code);
            rc = sqlite3_step(f);
            gid = rc == SQLITE_ROW ? sqlite3_column_int64(f, 0) : 0;
            sqlite3_reset(f);
            sqlite3_clear_bindings(f);
            if (rc != SQLITE_ROW)
                return fail(c, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "writing events", err);
        }
        sqlite3_clear_bindings(g);

        bi(e, 1, eid);
        bi(e, 2, sid);
        bi(e, 3, gid);
        bt(e, 4, r->date);
        bday(e, 5, r);
        bt(e, 6, v->source);
        bt(e, 7, v->target);
        bt(e, 8, v->source_text);
        bt(e, 9, v->target_text);
        bt(e, 10, v->code);
        bt(e, 11, x->base);
        bt(e, 12, v->root);
        bi(e, 13, v->quad);
        sqlite3_bind_double(e, 14, v->goldstein);
        bt(e, 15, v->plover);
        bt(e, 16, ac_mood_name(v->mood));
        bt(e, 17, v->verb_text);
        bt(e, 18, v->pattern);
        bi(e, 19, v->sentence_id);
        bt(e, 20, x->sentence_ids);
        bi(e, 21, x->mentions);
        TRY(run(c, e, "writing events", err));
        TRY(put_code(c, v, err));
        if (existed) {
            /* Another story reported it too: is this one a new source? */
            TRY(prep(c, Q_GROUP_SOURCES, &src, err));
            bi(src, 1, gid);
            TRY(run(c, src, "counting sources", err));
        }
    }
    return AC_OK;
}

static ac_status actor_id(st_conn *c, const st_actor *a, int64_t *id, ac_error *err)
{
    uint64_t key = XXH3_64bits_withSeed(a->code, strlen(a->code),
                                        XXH3_64bits(a->name, strlen(a->name)));
    uint32_t v = c->actors_ready ? ac_map_get(&c->actors, key) : AC_MAP_NONE;
    if (v != AC_MAP_NONE) {
        *id = v;
        return AC_OK;
    }
    sqlite3_stmt *s;
    TRY(prep(c, Q_ACTOR_FIND, &s, err));
    bt(s, 1, a->name);
    bt(s, 2, a->code);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(c, rc, "looking up actors", err);
    if (*id == 0) {
        TRY(prep(c, Q_ACTOR_INSERT, &s, err));
        bt(s, 1, a->code);
        bt(s, 2, a->name);
        bt(s, 3, a->kind);
        TRY(run(c, s, "writing actors", err));
        *id = sqlite3_last_insert_rowid(c->db);
    }
    if (c->actors_ready && *id < AC_MAP_NONE && ac_map_put(&c->actors, key, (uint32_t)*id) != 0)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    return AC_OK;
}

static ac_status put_annotation(st_conn *c, const st_story *r, int64_t sid, ac_error *err)
{
    sqlite3_stmt *s = NULL;
    if (r->nquotes)
        TRY(prep(c, Q_QUOTE_INSERT, &s, err));
    for (size_t i = 0; i < r->nquotes; i++) {
        const ac_quote *q = r->quotes[i];
        bi(s, 1, sid);
        bt(s, 2, r->date);
        bday(s, 3, r);
        bi(s, 4, q->sentence);
        bt(s, 5, q->kind == AC_QUOTE_DIRECT ? "direct" : "indirect");
        bt(s, 6, q->text);
        bi(s, 7, (int64_t)q->start);
        bi(s, 8, (int64_t)q->end);
        bt(s, 9, q->speaker);
        bt(s, 10, q->speaker_name);
        bt(s, 11, q->speaker_code);
        bt(s, 12, q->verb);
        bi(s, 13, (int64_t)i);
        TRY(run(c, s, "writing quotes", err));
    }
    for (size_t i = 0; i < r->nactors; i++) {
        const st_actor *a = &r->actors[i];
        int64_t aid;
        TRY(actor_id(c, a, &aid, err));
        TRY(prep(c, Q_STORY_ACTOR_INSERT, &s, err));
        bi(s, 1, sid);
        bi(s, 2, aid);
        bi(s, 3, a->count);
        bi(s, 4, a->named);
        bi(s, 5, a->first_sentence);
        bt(s, 6, a->mentions);
        TRY(run(c, s, "writing actors", err));
    }
    for (size_t i = 0; i < r->nthemes; i++) {
        const st_theme *t = &r->themes[i];
        /* The theme's own row, once (the codes map, seeded apart). */
        uint64_t key = XXH3_64bits_withSeed(t->theme, strlen(t->theme), 1);
        if (!c->codes_ready || ac_map_get(&c->codes, key) == AC_MAP_NONE) {
            TRY(prep(c, Q_THEME_NAME_INSERT, &s, err));
            bt(s, 1, t->theme);
            bt(s, 2, t->gkg);
            TRY(run(c, s, "writing themes", err));
            if (c->codes_ready && ac_map_put(&c->codes, key, 1) != 0)
                return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
        }
        TRY(prep(c, Q_THEME_INSERT, &s, err));
        bi(s, 1, sid);
        bt(s, 2, t->theme);
        bi(s, 4, t->count);
        bt(s, 5, t->mentions);
        TRY(run(c, s, "writing themes", err));
    }
    if (r->nagrs)
        TRY(prep(c, Q_AGREEMENT_INSERT, &s, err));
    for (size_t i = 0; i < r->nagrs; i++) {
        const st_agreement *a = &r->agrs[i];
        bi(s, 1, sid);
        bt(s, 2, a->code);
        bt(s, 3, a->name);
        bi(s, 4, a->count);
        bt(s, 5, a->mentions);
        TRY(run(c, s, "writing agreements", err));
    }
    if (r->nactions)
        TRY(prep(c, Q_MEMBERSHIP_INSERT, &s, err));
    for (size_t i = 0; i < r->nactions; i++) {
        const st_action *a = &r->actions[i];
        bi(s, 1, sid);
        bt(s, 2, r->date);
        bday(s, 3, r);
        bt(s, 4, a->agreement);
        bt(s, 5, a->actor);
        bt(s, 6, a->actor_text);
        bt(s, 7, a->actor_name);
        bt(s, 8, a->action);
        bt(s, 9, a->mood);
        bt(s, 10, a->text);
        bt(s, 11, a->when);
        bi(s, 12, a->sentence);
        bi(s, 13, a->start);
        bi(s, 14, a->end);
        bt(s, 15, a->sentence_ids);
        bi(s, 16, (int64_t)i);
        TRY(run(c, s, "writing memberships", err));
    }
    if (r->nplanned)
        TRY(prep(c, Q_PLANNED_INSERT, &s, err));
    for (size_t i = 0; i < r->nplanned; i++) {
        const st_planned *p = &r->planned[i];
        bi(s, 1, sid);
        bt(s, 2, r->date);
        bday(s, 3, r);
        bt(s, 4, p->what);
        bt(s, 5, p->code);
        bt(s, 6, p->when);
        bt(s, 7, p->agreement);
        bt(s, 8, p->actors);
        bi(s, 9, p->sentence);
        bi(s, 10, p->start);
        bi(s, 11, p->end);
        bi(s, 12, (int64_t)i);
        TRY(run(c, s, "writing planned events", err));
    }
    return AC_OK;
}

static ac_status sq_put_story(st_conn *c, const st_story *r, int state, ac_error *err)
{
    if (state == ST_CHANGED) {
        stored old;
        TRY(find_story(c, r->id, r->part, &old, err));
        if (old.sid)
            TRY(remove_story(c, &old, err));
    }
    sqlite3_stmt *s;
    TRY(prep(c, Q_STORY_INSERT, &s, err));
    bt(s, 1, r->id);
    bi(s, 2, r->part);
    bt(s, 3, r->date);
    bday(s, 4, r);
    bt(s, 5, r->title);
    bt(s, 6, r->url);
    bt(s, 7, r->source);
    bt(s, 8, r->source_key);
    bt(s, 9, r->origin);
    bt(s, 10, r->hash);
    bi(s, 11, (int64_t)r->text_len);
    bi(s, 12, (int64_t)r->nsents);
    bi(s, 13, (int64_t)r->nevents);
    bt(s, 14, r->issues);
    bi(s, 15, r->annotated);
    sqlite3_bind_double(s, 16, r->tone.tone);
    sqlite3_bind_double(s, 17, r->tone.positive);
    sqlite3_bind_double(s, 18, r->tone.negative);
    sqlite3_bind_double(s, 19, r->tone.polarity);
    sqlite3_bind_double(s, 20, r->tone.activity);
    sqlite3_bind_double(s, 21, r->tone.self_reference);
    bi(s, 22, r->tone.words);
    sqlite3_bind_double(s, 23, r->tone.goldstein);
    bt(s, 24, c->now);
    bi(s, 25, c->next_event);
    TRY(run(c, s, "writing a story", err));
    int64_t sid = sqlite3_last_insert_rowid(c->db);
    TRY(put_sentences(c, r, sid, err));
    TRY(put_events(c, r, sid, err));
    return put_annotation(c, r, sid, err);
}

/* ---- queries ----------------------------------------------------------------- */

static ac_status sq_query(st_conn *c, const char *sql, const st_param *p, size_t np, st_row_fn fn,
                          void *ctx, ac_error *err)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return fail(c, rc, "querying", err);
    for (size_t i = 0; i < np; i++) {
        int k = (int)i + 1;
        switch (p[i].t) {
        case SP_NULL: sqlite3_bind_null(s, k); break;
        case SP_TEXT: sqlite3_bind_text(s, k, p[i].s ? p[i].s : "", -1, SQLITE_STATIC); break;
        case SP_INT: sqlite3_bind_int64(s, k, p[i].i); break;
        case SP_REAL: sqlite3_bind_double(s, k, p[i].d); break;
        }
    }
    int n = sqlite3_column_count(s);
    const char *small[32];
    const char **vals = n <= 32 ? small : malloc((size_t)n * sizeof *vals);
    if (!vals) {
        sqlite3_finalize(s);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    ac_status st = AC_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int k = 0; k < n; k++)
            vals[k] = (const char *)sqlite3_column_text(s, k);
        if (fn(ctx, (size_t)n, vals)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        /* An error in a full-text query is the user's input (the rest of
         * the SQL is accord's). */
        const char *msg = sqlite3_errmsg(c->db);
        if ((rc & 0xff) == SQLITE_ERROR && strstr(sql, " MATCH "))
            st = ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "bad text query: %s", msg);
        else
            st = fail(c, rc, "querying", err);
    }
    if (vals != small)
        free(vals);
    sqlite3_finalize(s);
    return st;
}

const st_backend st_sqlite_backend = {
    .name = "sqlite",
    .fts_sentence_ids = "SELECT rowid AS id FROM sentences_fts WHERE sentences_fts MATCH ?",
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .story_state = sq_story_state,
    .put_story = sq_put_story,
    .query = sq_query,
};
