/*
 * schema.c -- the store's schema, once, as data. Each backend renders it
 * with its type names (st_schema_sql); full-text search is the backend's
 * own (sqlite.c: an FTS5 table over the text of the sentences that report
 * events, sentences.indexed = 1: what accord events --text searches).
 *
 * Conventions: dates are text "YYYY-MM-DD" ("" when unknown) with `day`
 * the number of days since 1970-01-01 (NULL when unknown), so weeks and
 * date ranges are integer arithmetic in any dialect; offsets are bytes of
 * the story's normalised text; sentence indexes count from 0; a story's
 * sentence with index i has the key story * 1048576 + i; lists a reader
 * may want to unpack are JSON text (mentions) or ','-separated ids.
 */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "store/store.h"

#define COLS(a) a, sizeof a / sizeof a[0]

static const st_column meta_cols[] = {
    {"key", ST_TEXT, "schema_version, created_by"},
    {"value", ST_TEXT, ""},
};

static const st_column story_cols[] = {
    {"sid", ST_SERIAL, "the story's key in this database"},
    {"story_id", ST_TEXT, "the id of the input (JSON Lines id, or file name)"},
    {"part", ST_INT, "0, or the part of a story too large to hold at once"},
    {"date", ST_TEXT, "YYYY-MM-DD, or ''"},
    {"day", ST_INT, "days since 1970-01-01, NULL when no date"},
    {"title", ST_TEXT, ""},
    {"url", ST_TEXT, ""},
    {"source", ST_TEXT, "the publisher, as given"},
    {"source_key", ST_TEXT, "what NumSources counts: publisher, else URL host, else story id"},
    {"origin", ST_TEXT, "the input file"},
    {"text_hash", ST_TEXT, "XXH3-64 of the raw text, hex: a story with the same id and hash is not stored again"},
    {"text_len", ST_INT, "bytes of raw text"},
    {"sentences", ST_INT, "number of sentences"},
    {"events", ST_INT, "number of story-level events"},
    {"first_event", ST_INT, "events.id of its first event: its events are ids first_event .. first_event + events - 1"},
    {"issues", ST_TEXT, "issue codes (community dictionaries), ';'-separated"},
    {"annotated", ST_INT, "1 when quotes, actors, themes, tone and agreements were stored"},
    {"tone", ST_REAL, "positive - negative (GDELT V2Tone)"},
    {"positive", ST_REAL, "% of words that are positive"},
    {"negative", ST_REAL, "% of words that are negative"},
    {"polarity", ST_REAL, "positive + negative"},
    {"activity", ST_REAL, "% of words that head a verb pattern"},
    {"self_reference", ST_REAL, "% of first-person pronouns"},
    {"words", ST_INT, "word count"},
    {"goldstein", ST_REAL, "mean Goldstein score of the story's events"},
    {"ingested_at", ST_TEXT, "UTC, YYYY-MM-DDTHH:MM:SSZ"},
};

static const st_column sentence_cols[] = {
    {"id", ST_KEY, "story sid * 1048576 + idx"},
    {"story", ST_INT, "stories.sid"},
    {"idx", ST_INT, "index in the story, from 0"},
    {"char_start", ST_INT, "byte offset in the normalised text"},
    {"char_len", ST_INT, "bytes"},
    {"discarded", ST_INT, "1: a discard phrase matched"},
    {"indexed", ST_INT, "1: in sentences_fts, the full-text index (the sentences that report events)"},
    {"text", ST_TEXT, "the sentence as in the normalised text"},
};

static const st_column group_cols[] = {
    {"id", ST_SERIAL, "GLOBALEVENTID"},
    {"date", ST_TEXT, ""},
    {"source", ST_TEXT, "CAMEO actor code"},
    {"target", ST_TEXT, ""},
    {"src_country", ST_TEXT, "first three letters of source"},
    {"tgt_country", ST_TEXT, "first three letters of target"},
    {"code", ST_TEXT, "CAMEO event code (its root, quad class and Goldstein score: event_codes)"},
    {"num_mentions", ST_INT, "sentences reporting it, over all stories"},
    {"num_sources", ST_INT, "distinct stories.source_key"},
    {"num_articles", ST_INT, "stories reporting it"},
    {"first_event", ST_INT, "events.id of the first report"},
};

static const st_column event_cols[] = {
    {"id", ST_KEY, ""},
    {"story", ST_INT, "stories.sid"},
    {"group_id", ST_INT, "event_groups.id"},
    {"date", ST_TEXT, ""},
    {"day", ST_INT, ""},
    {"source", ST_TEXT, ""},
    {"target", ST_TEXT, ""},
    {"source_text", ST_TEXT, "the words the source came from"},
    {"target_text", ST_TEXT, ""},
    {"code", ST_TEXT, ""},
    {"base_code", ST_TEXT, "first three digits"},
    {"root", ST_TEXT, ""},
    {"quad", ST_INT, ""},
    {"goldstein", ST_REAL, ""},
    {"plover", ST_TEXT, ""},
    {"mood", ST_TEXT, "done, intent, future, conditional"},
    {"verb_text", ST_TEXT, ""},
    {"pattern", ST_TEXT, "the dictionary line that fired"},
    {"sentence", ST_INT, "index of the first sentence reporting it"},
    {"sentence_ids", ST_TEXT, "indexes of every sentence reporting it, ','-separated"},
    {"mentions", ST_INT, "how many"},
};

static const st_column code_cols[] = {
    {"code", ST_TEXT, "CAMEO event code"},
    {"root", ST_TEXT, ""},
    {"quad", ST_INT, ""},
    {"goldstein", ST_REAL, ""},
    {"plover", ST_TEXT, ""},
};

static const st_column quote_cols[] = {
    {"story", ST_INT, ""},
    {"idx", ST_INT, "order in the story"},
    {"date", ST_TEXT, ""},
    {"day", ST_INT, ""},
    {"sentence", ST_INT, "sentence of the first quoted word"},
    {"kind", ST_TEXT, "direct, indirect"},
    {"text", ST_TEXT, ""},
    {"char_start", ST_INT, ""},
    {"char_end", ST_INT, ""},
    {"speaker", ST_TEXT, "as written"},
    {"speaker_name", ST_TEXT, "resolved"},
    {"speaker_code", ST_TEXT, "CAMEO, '' when none"},
    {"verb", ST_TEXT, ""},
};

static const st_column actor_cols[] = {
    {"id", ST_SERIAL, ""},
    {"code", ST_TEXT, "CAMEO code for the story's date, '' when none"},
    {"name", ST_TEXT, "canonical name"},
    {"kind", ST_TEXT, "country, igo, group, person"},
};

static const st_column story_actor_cols[] = {
    {"story", ST_INT, ""},
    {"actor", ST_INT, "actors.id"},
    {"mentions", ST_INT, "of every kind"},
    {"named", ST_INT, "mentions by name"},
    {"first_sentence", ST_INT, ""},
    {"spans", ST_TEXT, "JSON [[start, end, sentence, via], ...]; via 0 name, 1 pronoun, 2 description"},
};

static const st_column theme_cols[] = {
    {"theme", ST_TEXT, "accord's theme name (dict/annotate/themes.txt)"},
    {"gkg", ST_TEXT, "its GDELT GKG themes, ';'-separated"},
};

static const st_column story_theme_cols[] = {
    {"story", ST_INT, ""},
    {"theme", ST_TEXT, "themes.theme"},
    {"mentions", ST_INT, ""},
    {"spans", ST_TEXT, "JSON [[start, end, sentence], ...]"},
};

static const st_column story_agreement_cols[] = {
    {"story", ST_INT, ""},
    {"agreement", ST_TEXT, "code"},
    {"name", ST_TEXT, ""},
    {"mentions", ST_INT, ""},
    {"spans", ST_TEXT, "JSON [[start, end, sentence, via], ...]"},
};

static const st_column membership_cols[] = {
    {"story", ST_INT, ""},
    {"idx", ST_INT, "order in the story"},
    {"date", ST_TEXT, "the story's date"},
    {"day", ST_INT, ""},
    {"agreement", ST_TEXT, "code"},
    {"actor", ST_TEXT, "CAMEO code, '' when unknown"},
    {"actor_text", ST_TEXT, ""},
    {"actor_name", ST_TEXT, ""},
    {"action", ST_TEXT, "intent, negotiating, signed, ratified, joined, suspended, withdrew"},
    {"mood", ST_TEXT, ""},
    {"text", ST_TEXT, "the words that report it"},
    {"when_text", ST_TEXT, "a date or time expression of the sentence"},
    {"sentence", ST_INT, ""},
    {"char_start", ST_INT, ""},
    {"char_end", ST_INT, ""},
    {"sentence_ids", ST_TEXT, "every sentence reporting it"},
};

static const st_column planned_cols[] = {
    {"story", ST_INT, ""},
    {"idx", ST_INT, "order in the story"},
    {"date", ST_TEXT, "the story's date"},
    {"day", ST_INT, ""},
    {"what", ST_TEXT, ""},
    {"code", ST_TEXT, "CAMEO code when it comes from an event"},
    {"when_text", ST_TEXT, ""},
    {"agreement", ST_TEXT, ""},
    {"actors", ST_TEXT, "codes, ' '-separated"},
    {"sentence", ST_INT, ""},
    {"char_start", ST_INT, ""},
    {"char_end", ST_INT, ""},
};

const st_table st_tables[] = {
    {"meta", "key-value facts about the database", COLS(meta_cols), NULL, "key", 0},
    {"stories", "one row per story (and part)", COLS(story_cols), "story_id, part", NULL, 0},
    {"sentences", "every sentence of every story", COLS(sentence_cols), NULL, NULL, 0},
    {"event_groups", "one event across stories: same source, target, code, date",
     COLS(group_cols), "src_country, tgt_country, date, source, target, code", NULL, 0},
    {"event_codes", "the CAMEO codes met, with their quad class and Goldstein score", COLS(code_cols),
     NULL, "code", 1},
    {"events", "one per (source, target, code) of a story", COLS(event_cols), NULL, NULL, 0},
    {"quotes", "quotations and their speakers", COLS(quote_cols), NULL, "story, idx", 1},
    {"actors", "the dictionary entries stories name", COLS(actor_cols), "name, code", NULL, 0},
    {"story_actors", "the actors of a story and their mentions", COLS(story_actor_cols), NULL,
     "story, actor", 1},
    {"themes", "the themes met and their GKG themes", COLS(theme_cols), NULL, "theme", 1},
    {"story_themes", "the themes of a story", COLS(story_theme_cols), NULL, "story, theme", 1},
    {"story_agreements", "the agreements a story names", COLS(story_agreement_cols), NULL,
     "story, agreement", 1},
    {"memberships", "membership actions on agreements", COLS(membership_cols), NULL, "story, idx", 1},
    {"planned", "events a story says are scheduled or expected", COLS(planned_cols), NULL,
     "story, idx", 1},
};
const size_t st_ntables = sizeof st_tables / sizeof st_tables[0];

/* Each index costs every ingest, so there are few. The unique key of
 * event_groups (countries, date, codes) serves the upsert, the dyad timeline
 * (an index-only range scan: countries equal, date in range) and --source
 * / --actor; group_target_idx serves --target and the other side of
 * --actor. A story's events are one id range (stories.first_event), and its
 * quotes, memberships and planned events are keyed by story first, so
 * replacing a story needs no index of its own. Quotations by speaker and
 * actors by story are scanned: their filters (a code prefix or part of a
 * name) could not use an index, and 268,000 actor rows of the bench corpus
 * would pay for one at every ingest (bench/RESULTS.md). */
const st_index st_indexes[] = {
    {"group_target_idx", "event_groups", "tgt_country, date"},
    {"event_group_idx", "events", "group_id"},
    {"story_agreement_idx", "story_agreements", "agreement"},
    {"membership_idx", "memberships", "agreement, actor, day"},
    {"story_day_idx", "stories", "day"},
};
const size_t st_nindexes = sizeof st_indexes / sizeof st_indexes[0];

/* A timeline per agreement and member: every action reported, with the
 * dates it was first and last reported. The current status is the latest
 * (ac_store_agreement_members computes it). */
const st_view st_views[] = {
    {"membership_timeline",
     "SELECT agreement, actor, action, mood, min(date) AS first_date, max(date) AS last_date, "
    "count(*) AS reports FROM memberships WHERE actor <> '' "
     "GROUP BY agreement, actor, action, mood"},
};
const size_t st_nviews = sizeof st_views / sizeof st_views[0];

static const char *type_name(const st_dialect *d, st_type t)
{
    switch (t) {
    case ST_INT: return d->int_type;
    case ST_REAL: return d->real_type;
    case ST_TEXT: return d->text_type;
    case ST_SERIAL: return d->serial_type;
    case ST_KEY: return d->key_type;
    }
    return d->text_type;
}

ac_status st_schema_sql(const st_dialect *d, ac_buf *out)
{
    ac_status st = AC_OK;
    for (size_t t = 0; t < st_ntables && st == AC_OK; t++) {
        const st_table *tb = &st_tables[t];
        st = ac_buf_printf(out, "CREATE TABLE IF NOT EXISTS %s (", tb->name);
        for (size_t c = 0; c < tb->ncols && st == AC_OK; c++) {
            const st_column *col = &tb->cols[c];
            st = ac_buf_printf(out, "%s%s %s", c ? ", " : "", col->name, type_name(d, col->type));
            /* Text and counts are never NULL, so comparisons stay simple;
             * day and the keys may be. */
            if (st == AC_OK && (col->type == ST_TEXT || (col->type == ST_INT && strcmp(col->name, "day") &&
                                                          strcmp(col->name, "group_id") &&
                                                          strcmp(col->name, "first_event"))))
                st = ac_buf_puts(out, " NOT NULL");
        }
        if (st == AC_OK && tb->unique)
            st = ac_buf_printf(out, ", UNIQUE (%s)", tb->unique);
        if (st == AC_OK && tb->primary)
            st = ac_buf_printf(out, ", PRIMARY KEY (%s)", tb->primary);
        if (st == AC_OK)
            st = ac_buf_printf(out, ")%s;\n", tb->without_rowid ? d->without_rowid : "");
    }
    for (size_t i = 0; i < st_nindexes && st == AC_OK; i++)
        st = ac_buf_printf(out, "CREATE INDEX IF NOT EXISTS %s ON %s (%s);\n", st_indexes[i].name,
                           st_indexes[i].table, st_indexes[i].columns);
    for (size_t i = 0; i < st_nviews && st == AC_OK; i++)
        st = ac_buf_printf(out, d->create_view, st_views[i].name, st_views[i].select);
    return st;
}
