/*
 * accord.h -- the public interface of accord, a political event coder.
 *
 * accord reads news stories (plain text, HTML, JSON Lines), splits them into
 * sentences, finds the actors and verbs its dictionaries know, and codes
 * events in CAMEO: who did what to whom, with a Goldstein score, a quad class,
 * a PLOVER type and the dictionary line that fired.
 *
 * The pipeline, and the folder of lib/ that holds each stage:
 *
 *   read (lib/read)  ->  split, tokenize (lib/text)  ->  match (lib/dict)
 *        ->  parse, code (lib/code)  ->  write (lib/write)
 *
 * Conventions, for every function below:
 *   - Names are ac_<object>_<verb>. Handles are opaque.
 *   - A function that can fail returns an ac_status (AC_OK is 0) and, when
 *     the caller passes a non-NULL ac_error, fills it with the code, a
 *     message and where the problem is (file, line, byte offset).
 *   - The library never prints and never exits. Warnings that do not stop
 *     the work (a bad dictionary line, an invalid UTF-8 byte that was
 *     replaced) go to an optional diagnostic callback.
 *   - Free functions accept NULL.
 *   - Memory: a compiled ac_dict is immutable and may be shared by any number
 *     of threads. Everything a coded story produces lives in its ac_doc and
 *     is released at once by ac_doc_free(); pointers into it are borrowed.
 */
#ifndef ACCORD_H
#define ACCORD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACCORD_VERSION "0.1.0"

/* ------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------ */

typedef enum ac_status {
    AC_OK = 0,
    AC_DONE = 1,           /* end of input; not an error */
    AC_ENOMEM = -1,        /* out of memory */
    AC_EIO = -2,           /* a file could not be opened, read or written */
    AC_EPARSE = -3,        /* malformed input; the record was skipped */
    AC_EINVAL = -4,        /* invalid argument */
    AC_EDICT = -5,         /* unusable dictionary */
    AC_ELIMIT = -6,        /* a size limit was exceeded; the record was skipped */
    AC_EUNSUPPORTED = -7   /* a format or feature this build does not have */
} ac_status;

/* Where and why something failed. Fixed-size, so filling it never allocates. */
typedef struct ac_error {
    ac_status code;
    char file[256];        /* input or dictionary file, "" when none */
    uint64_t line;         /* 1-based line, 0 when unknown */
    uint64_t offset;       /* byte offset in the (decompressed) input; UINT64_MAX when unknown */
    char msg[256];         /* one line, no trailing newline */
} ac_error;

/* The constant name of a status ("AC_EPARSE"). */
const char *ac_status_name(ac_status s);

/* Formats an error as "file:line: msg", "file: byte N: msg", or "msg" when
 * the error names no file, into buf. */
void ac_error_format(const ac_error *e, char *buf, size_t size);

/* Receives warnings: problems that were repaired or skipped while the work
 * went on. The error is valid only during the call. */
typedef void (*ac_diag_fn)(void *ctx, const ac_error *warning);

/* ------------------------------------------------------------------------
 * Growable output buffer (caller-owned)
 * ------------------------------------------------------------------------ */

typedef struct ac_buf {
    char *data;            /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
} ac_buf;

ac_status ac_buf_append(ac_buf *b, const char *s, size_t n);
void ac_buf_reset(ac_buf *b);   /* len = 0, keeps the memory */
void ac_buf_free(ac_buf *b);    /* releases the memory; the buffer may be reused */

/* ------------------------------------------------------------------------
 * Dictionaries
 *
 * A builder reads dictionary files (accord's own format, docs/dictionaries.md)
 * and compiles them into an immutable ac_dict. Bad lines are reported to the
 * diagnostic callback with file:line and skipped; the load goes on.
 * ------------------------------------------------------------------------ */

typedef struct ac_dict ac_dict;
typedef struct ac_dict_builder ac_dict_builder;

ac_dict_builder *ac_dict_builder_new(void);
void ac_dict_builder_set_diag(ac_dict_builder *b, ac_diag_fn fn, void *ctx);

/* Adds one file. Returns AC_EIO if it cannot be read; bad lines only warn. */
ac_status ac_dict_builder_add_file(ac_dict_builder *b, const char *path, ac_error *err);

/* Adds every *.txt file under dir, recursively, in name order. */
ac_status ac_dict_builder_add_dir(ac_dict_builder *b, const char *dir, ac_error *err);

/* Adds dictionary text held in memory; name is used in messages and patterns. */
ac_status ac_dict_builder_add_text(ac_dict_builder *b, const char *name,
                                   const char *text, size_t len, ac_error *err);

/* The dictionary formats a builder reads. accord reads its own format and
 * the community's: PETRARCH-2 (CAMEO.2.0.txt verbs, Phoenix actors, agents,
 * discards, issues, and the PETR_config.ini that names them) and TABARI
 * (.verbs, .actors, .agents, .options, and the .project that names them).
 * All fill the same dictionary model; docs/dictionaries.md says how each
 * community construct is read, and which ones are reported and skipped. */
typedef enum ac_dict_format {
    AC_DICT_AUTO = 0,      /* from the file name, then from the first lines */
    AC_DICT_ACCORD,        /* accord's own format */
    AC_DICT_PETR_VERBS,    /* PETRARCH-2 verb dictionary (CAMEO.2.0.txt) */
    AC_DICT_PETR_ACTORS,   /* PETRARCH / Phoenix actors */
    AC_DICT_PETR_AGENTS,   /* PETRARCH / Phoenix agents */
    AC_DICT_PETR_DISCARDS, /* PETRARCH discards (sentence and story) */
    AC_DICT_PETR_ISSUES,   /* PETRARCH issues (Phoenix.IssueCoding.txt) */
    AC_DICT_PETR_CONFIG,   /* PETR_config.ini: loads the files it names */
    AC_DICT_PETR_PICO,     /* PETRARCH's internal coding ontology (negations) */
    AC_DICT_TABARI_VERBS,  /* TABARI .verbs (also PETRARCH-1 verb patterns) */
    AC_DICT_TABARI_ACTORS, /* TABARI .actors */
    AC_DICT_TABARI_AGENTS, /* TABARI .agents */
    AC_DICT_TABARI_OPTIONS,/* TABARI .options */
    AC_DICT_TABARI_PROJECT,/* TABARI .project: loads the files it names */
    AC_DICT_FORMAT_COUNT
} ac_dict_format;

/* "petr-verbs", "tabari-actors", ...; "?" when out of range. */
const char *ac_dict_format_name(ac_dict_format f);

/* The format of a file from its name and its first bytes (head, n may be
 * NULL, 0). Never returns AC_DICT_AUTO: accord's own format is the default. */
ac_dict_format ac_dict_sniff(const char *path, const char *head, size_t n);

/* Adds one file read as `fmt` (AC_DICT_AUTO: sniffed). Files named by a
 * config or project file are found relative to it. AC_EIO if a file cannot
 * be read; bad lines only warn. */
ac_status ac_dict_builder_add_format(ac_dict_builder *b, const char *path,
                                     ac_dict_format fmt, ac_error *err);

/* The same for text held in memory (config and project formats excepted:
 * they name other files, so they need a path). */
ac_status ac_dict_builder_add_text_format(ac_dict_builder *b, const char *name,
                                          const char *text, size_t len,
                                          ac_dict_format fmt, ac_error *err);

/* Adds one source as the command line names it: a directory (accord's own
 * files, as ac_dict_builder_add_dir), or a file of any format above (sniffed,
 * or `fmt`). Returns 1 in *community when the source was a community format. */
ac_status ac_dict_builder_add_source(ac_dict_builder *b, const char *path, ac_dict_format fmt,
                                     int *community, ac_error *err);

/* Adds what community dictionaries lack and the coder needs: accord's CAMEO
 * table (Goldstein, quad class, PLOVER) and irregular verbs, from the default
 * directory (ac_dict_default_dir). */
ac_status ac_dict_builder_add_base(ac_dict_builder *b, ac_error *err);

/* Compiles what was added. On success *out owns the dictionary; the builder
 * is consumed either way (do not use or free it afterwards). */
ac_status ac_dict_build(ac_dict_builder *b, ac_dict **out, ac_error *err);

void ac_dict_builder_free(ac_dict_builder *b);
void ac_dict_free(ac_dict *d);

/* Loads every file of a directory in one call: builder, add_dir, build. */
ac_status ac_dict_load_dir(const char *dir, ac_diag_fn diag, void *diag_ctx,
                           ac_dict **out, ac_error *err);

/* Compiled images. An image is a compiled dictionary saved as one file, to
 * be opened in milliseconds instead of parsing and compiling the text again
 * (the Phoenix set: about 8 ms instead of 100). It is tied to the accord
 * that wrote it: machines of another byte order or pointer size, other image
 * format versions and builds whose dictionary structures differ refuse it
 * with a message saying to compile it again. */

/* Writes a compiled image of d to path (atomically: temp file + rename). */
ac_status ac_dict_save(const ac_dict *d, const char *path, ac_error *err);

/* Opens an image written by ac_dict_save with mmap; the dictionary is
 * read-only and shared as usual; ac_dict_free unmaps it. AC_EDICT when the
 * file is not an image, was written by another format version, byte order,
 * pointer size or dictionary layout, is truncated, or fails its checksum or
 * its structural checks (every offset and index is checked before use);
 * AC_EIO when it cannot be read. The file must not be truncated while open. */
ac_status ac_dict_open(const char *path, ac_dict **out, ac_error *err);

/* 1 when path starts with the image magic. */
int ac_dict_is_image(const char *path);

/* Writes everything b holds in accord's own text format
 * (docs/dictionaries.md), appended to out as the text of one file: the CAMEO
 * table, irregular verbs, sets, actors, agents, agreements, discards, issues,
 * themes and tone words (in the order added, with a new @kind, @caps or
 * @plurals line when it changes), then verb patterns. What the format cannot
 * hold (a name containing '|', '=' or '#'; a code or verb code it does not
 * accept, such as PETRARCH's 075A; an actor without a code) is written as a
 * comment line "# skipped (unwritable ...): ..." and reported to the
 * builder's diagnostic callback. b is not changed. */
ac_status ac_dict_builder_write(const ac_dict_builder *b, ac_buf *out, ac_error *err);

/* The directory of the default dictionaries: $ACCORD_DICT if set, else the
 * dict/ folder this build was made from. */
const char *ac_dict_default_dir(void);

typedef struct ac_dict_stats {
    size_t files;          /* files read */
    size_t lines_bad;      /* lines skipped with a warning */
    size_t countries, igos, groups, people, agreements;  /* entries per kind */
    size_t actor_names;    /* names of all actor entries, agreements included */
    size_t agents, agent_names;
    size_t verbs;          /* distinct verb or event-noun heads */
    size_t patterns;
    size_t sets, irregular, cameo_codes;
    size_t discards;       /* sentence and story discard phrases */
    size_t issues;         /* issue phrases (ignore phrases included) */
    size_t themes;         /* rows of the theme table (accord annotate) */
    size_t theme_phrases;  /* theme phrase entries */
    size_t tone_words;     /* sentiment entries (positive and negative) */
    size_t cameo_added;    /* codes of community patterns missing from the
                              CAMEO table, added with Goldstein 0 */
    size_t stems;          /* stems (TABARI roots: match words that begin
                              with them) */
    size_t stem_lengths;   /* bit n set when some stem has n bytes (n < 32) */
    size_t words;          /* distinct surface forms in the vocabulary */
    size_t memory_bytes;   /* size of the compiled structure */
} ac_dict_stats;

void ac_dict_get_stats(const ac_dict *d, ac_dict_stats *out);

/* The CAMEO table of a dictionary. */
typedef struct ac_cameo_info {
    const char *code;      /* "0311" */
    const char *name;      /* short English name */
    const char *plover;    /* PLOVER event type, "" when none */
    double goldstein;
    int quad;              /* 1..4 */
    const char *negation;  /* the code of "not doing this" (PETRARCH's PICO
                              table: "not disapprove" is 050), or NULL */
} ac_cameo_info;

/* NULL when the code is unknown. Borrowed from the dictionary. */
const ac_cameo_info *ac_cameo_lookup(const ac_dict *d, const char *code);

/* ------------------------------------------------------------------------
 * Reading stories
 * ------------------------------------------------------------------------ */

typedef enum ac_input_format {
    AC_INPUT_AUTO = 0,     /* from the file name, then from the first bytes */
    AC_INPUT_TEXT,         /* one story per file */
    AC_INPUT_JSONL,        /* one story per line: id, date, text or html, url, source, title */
    AC_INPUT_HTML          /* one page per file; the article body is kept */
} ac_input_format;

typedef struct ac_story {
    const char *id;        /* never NULL; made from the file name and line when absent */
    const char *date;      /* "YYYY-MM-DD", or "" when unknown */
    const char *title;     /* "" when none */
    const char *url;       /* "" when none */
    const char *source;    /* publisher, "" when none */
    const char *text;      /* valid UTF-8, NUL-terminated, no NUL bytes inside */
    size_t text_len;
    uint32_t part;         /* 0, or the index of this part of a story too large to hold at once */
    const char *origin;    /* the input file name ("-" for stdin) */
    uint64_t origin_line;  /* line of the input where the story starts (1-based) */
} ac_story;

typedef struct ac_reader ac_reader;

typedef struct ac_reader_options {
    ac_input_format format;
    const char *default_date;   /* used when a story has no date; may be NULL */
    size_t max_story_bytes;     /* 0 = default (32 MiB); larger texts are cut into parts */
    ac_diag_fn diag;            /* warnings: invalid UTF-8 repaired, NUL bytes, ... */
    void *diag_ctx;
} ac_reader_options;

/* Opens a file (gzip and zstd are detected and decompressed), or stdin when
 * path is NULL or "-". */
ac_status ac_reader_open(const char *path, const ac_reader_options *opt,
                         ac_reader **out, ac_error *err);

/* Reads from memory; the data must outlive the reader. */
ac_status ac_reader_open_mem(const char *name, const void *data, size_t len,
                             const ac_reader_options *opt, ac_reader **out,
                             ac_error *err);

/* Fills *story with the next story, valid until the next call or close.
 *   AC_OK      a story;
 *   AC_DONE    end of input;
 *   AC_EPARSE, AC_ELIMIT   one record was skipped, err says where and why:
 *              call again to go on;
 *   AC_EIO     the input cannot be read further (truncated gzip, read error). */
ac_status ac_reader_next(ac_reader *r, ac_story *story, ac_error *err);

void ac_reader_close(ac_reader *r);

/* ------------------------------------------------------------------------
 * Coding
 * ------------------------------------------------------------------------ */

typedef enum ac_mood {
    AC_MOOD_DONE = 0,      /* reported as having happened */
    AC_MOOD_INTENT,        /* plans to, intends to, wants to, intent to */
    AC_MOOD_FUTURE,        /* will, is to, is set to, is expected to */
    AC_MOOD_CONDITIONAL    /* could, might, would, if */
} ac_mood;

const char *ac_mood_name(ac_mood m);   /* "done", "intent", "future", "conditional" */

typedef struct ac_sentence {
    size_t start, len;     /* byte span in ac_doc_text() */
    int discarded;         /* 1: a discard phrase matched; no events coded */
} ac_sentence;

typedef struct ac_event {
    uint32_t sentence_id;  /* index into the story's sentences, from 0 */
    const char *source;    /* CAMEO actor code, e.g. "KAZGOV" */
    const char *target;
    const char *source_text;   /* the words the actor came from */
    const char *target_text;
    const char *code;      /* CAMEO event code, three or four digits */
    const char *root;      /* its two-digit root */
    int quad;              /* 1..4 */
    double goldstein;
    const char *plover;    /* PLOVER type, "" when none */
    ac_mood mood;
    const char *verb_text; /* the verb group as written ("will join") */
    const char *pattern;   /* the dictionary line that fired, "file:line" */
    const char *pattern_text;  /* that line's pattern as written */
} ac_event;

typedef enum ac_stage {
    AC_STAGE_TOKENIZE = 1, /* normalise the text and cut it into tokens */
    AC_STAGE_SPLIT,        /* ... and split the tokens into sentences */
    AC_STAGE_MATCH,        /* ... and find actors, agents and verbs */
    AC_STAGE_CODE          /* ... and code events (the default) */
} ac_stage;

enum {
    AC_CODE_EXPLAIN = 1u << 0,  /* record tokens, chunks and matching steps */
    AC_CODE_KEEP_ACTORS = 1u << 1,/* keep every sentence's actor phrases in the
                                     doc (the annotation layer reads them) */
    AC_CODE_LITERAL = 1u << 2,    /* the community's convention (TABARI,
                                     PETRARCH): a verb keeps its pattern's code
                                     whatever its mood (no 03x intent codes for
                                     "will", no 12x for "refused to"), and a
                                     negation cancels the event only when the
                                     pattern does not spell out the words
                                     before the verb; the mood is still
                                     recorded */
    AC_CODE_BY_CLAUSE = 1u << 3,  /* TABARI's default: only the first event of
                                     each clause (clauses split at "and",
                                     "but", "or" outside compound actors); a
                                     subordinate event does not end a clause */
    AC_CODE_FIRST_ACTOR = 1u << 4 /* TABARI's default actor search (manual
                                     5.8): the source is the clause's first
                                     actor before the verb, the target the
                                     first actor after it with another code,
                                     else the first such actor before it */
};

typedef struct ac_code_options {
    unsigned flags;        /* AC_CODE_* */
    ac_stage stop_after;   /* 0 = AC_STAGE_CODE; earlier stages are for benchmarks */
    unsigned min_words;    /* a sentence of fewer words is not coded (TABARI's
                              MINIMUM WORDS); 0: every sentence */
    unsigned comma[6];     /* under AC_CODE_LITERAL, comma clauses set aside
                              (TABARI manual 7.8, PETRARCH's comma_* options):
                              the least and most words of an internal, an
                              initial and a final clause, both ends included;
                              a most of 0 turns that kind off; all 0:
                              PETRARCH's defaults {2, 8, 0, 0, 2, 8}, so
                              {1, 0, 1, 0, 1, 0} turns every kind off */
} ac_code_options;

typedef struct ac_doc ac_doc;

/* Codes one story. *out owns everything produced (an arena); the dictionary
 * and the story must outlive nothing: the doc copies what it keeps.
 * opt may be NULL. Safe to call from many threads with one dictionary. */
ac_status ac_code(const ac_dict *d, const ac_story *story,
                  const ac_code_options *opt, ac_doc **out, ac_error *err);

const char *ac_doc_text(const ac_doc *doc);        /* normalised story text */
size_t ac_doc_text_len(const ac_doc *doc);
size_t ac_doc_sentence_count(const ac_doc *doc);
const ac_sentence *ac_doc_sentence(const ac_doc *doc, size_t i);
size_t ac_doc_token_count(const ac_doc *doc);      /* all sentences */
size_t ac_doc_event_count(const ac_doc *doc);
const ac_event *ac_doc_event(const ac_doc *doc, size_t i);
const char *ac_doc_explain(const ac_doc *doc);     /* "" unless AC_CODE_EXPLAIN */
/* 1 when a story-discard phrase matched: the story yields no events. */
int ac_doc_discarded(const ac_doc *doc);
/* Issues (PETRARCH issue dictionaries): the distinct issue codes found in
 * the story, in order of first mention, with their counts. */
size_t ac_doc_issue_count(const ac_doc *doc);
const char *ac_doc_issue(const ac_doc *doc, size_t i, size_t *count);
void ac_doc_free(ac_doc *doc);

/* ------------------------------------------------------------------------
 * Writing events
 * ------------------------------------------------------------------------ */

typedef enum ac_output_format {
    AC_OUT_JSON = 0,       /* one JSON object per event per line */
    AC_OUT_TSV,            /* PETRARCH2's column order */
    AC_OUT_PLOVER          /* PLOVER JSON fields, one object per line */
} ac_output_format;

/* Appends the events of doc, one line each, to out. */
ac_status ac_write_events(const ac_doc *doc, const ac_story *story,
                          ac_output_format fmt, ac_buf *out);

/* Appends s to out as a JSON string literal, quotes included. */
ac_status ac_json_escape(ac_buf *out, const char *s, size_t n);

/* ------------------------------------------------------------------------
 * Annotating: quotations, actors, themes, tone, agreements, what is planned
 *
 * ac_annotate() reads a story coded with AC_CODE_KEEP_ACTORS and finds what
 * else the story says (lib/extract): who said what, which actors it names
 * (pronouns and descriptions such as "the Kazakh leader" or "the two
 * countries" resolved to the actors named before them), its themes (the
 * dictionaries' `theme` phrases, each theme with its GDELT GKG themes), its
 * tone (the `tone` words, GDELT V2Tone-style), the membership actions it
 * reports on named agreements, and the events it says are scheduled or
 * expected.
 *
 * Every offset below is a byte offset into the normalised text of the story
 * (ac_doc_text()), start inclusive, end exclusive, and every sentence an
 * index into ac_doc_sentence(), from 0.
 *
 * ac_write_annotation() writes one JSON object per story, on one line:
 *   id, date, title;
 *   events      the events of ac_write_events(), de-duplicated over the
 *               story: one object per (source, target, code), with the
 *               fields of the first report plus "mentions" (how many
 *               sentences reported it) and "sentence_ids";
 *   quotes      [{text, start, end, sentence, kind ("direct" | "indirect"),
 *               speaker (as written, "" when unknown), speaker_start,
 *               speaker_end, speaker_name (resolved: "Donald Trump"),
 *               speaker_code (CAMEO, "" when none), verb (as written:
 *               "stated", "said", "according to"; "" when none)}];
 *   actors      [{name, code, kind, count, mentions: [[start, end,
 *               sentence, via], ...]}], via 0 by name, 1 by pronoun,
 *               2 by description; in order of first mention;
 *   themes      [{theme, gkg: [GKG theme names], count, mentions:
 *               [[start, end, sentence], ...]}], most mentioned first;
 *   tone        {tone, positive, negative, polarity, activity,
 *               self_reference, words, goldstein, events}: tone is
 *               positive - negative, each the % of words that are positive
 *               or negative entries, polarity their sum, activity the % of
 *               words that head a verb pattern, self_reference the % of
 *               first-person pronouns, words the word count, goldstein the
 *               mean Goldstein score of the story's events (0 when none);
 *   agreements  [{agreement (code), name, count, mentions: [[start, end,
 *               sentence, via], ...], actions: [{action ("intent" |
 *               "negotiating" | "signed" | "ratified" | "joined" |
 *               "suspended" | "withdrew"), mood ("done" | "intent" |
 *               "future"), actor (code), actor_text, actor_name, negated
 *               (true: "has not ratified", "will not join"), text (the
 *               words that report it), when (the sentence's date or time
 *               expression as written), date (the day it names,
 *               YYYY-MM-DD, or ""), sentence, start, end, sentence_ids
 *               (every sentence that reports the same action)}]}];
 *               conditional steps ("could join if ...") are not reported;
 *   planned     [{what (the words), kind ("visit" | "meeting" | "talks" |
 *               "summit" | "signing" | "vote" | "election" | "ceremony" |
 *               "exercise" | "launch"), code (the CAMEO code of the
 *               coder's event for it, or ""), when, date (YYYY-MM-DD or
 *               ""), agreement (the
 *               agreement a signing belongs to, or ""), actors: [codes],
 *               sentence, start, end}]: events the story presents as
 *               scheduled or expected, not threats, not what was called off.
 * ------------------------------------------------------------------------ */

typedef struct ac_annotation ac_annotation;

/* Annotates a coded story. The doc must have been coded with
 * AC_CODE_KEEP_ACTORS (AC_EINVAL otherwise) and must outlive *out, which
 * borrows its text. Safe to call from many threads, one doc each. */
ac_status ac_annotate(const ac_doc *doc, ac_annotation **out, ac_error *err);

void ac_annotation_free(ac_annotation *a);

/* Appends the annotation of story as one JSON line (above) to out. */
ac_status ac_write_annotation(const ac_story *story, const ac_doc *doc,
                              const ac_annotation *a, ac_buf *out, ac_error *err);

typedef enum ac_quote_kind {
    AC_QUOTE_DIRECT = 0,   /* words between quotation marks */
    AC_QUOTE_INDIRECT      /* reported speech: "Rubio said that ..." */
} ac_quote_kind;

/* A quotation. Strings are borrowed from the annotation; never NULL. */
typedef struct ac_quote {
    ac_quote_kind kind;
    size_t start, end;     /* the quoted words; quotation marks excluded */
    uint32_t sentence;     /* sentence of the first quoted word */
    const char *text;
    const char *speaker;   /* as written: "Trump", "he", "" when unknown */
    size_t speaker_start, speaker_end;    /* 0, 0 when unknown */
    const char *speaker_name;  /* resolved: "Donald Trump"; the speaker as
                                  written when not in the dictionaries */
    const char *speaker_code;  /* CAMEO actor code, "" when none */
    const char *verb;      /* "stated", "according to", "" */
} ac_quote;

size_t ac_annotation_quote_count(const ac_annotation *a);
const ac_quote *ac_annotation_quote(const ac_annotation *a, size_t i);

/* Quotation attribution against a gold file (JSON Lines, one story a line:
 * id, date, text, quotes: [{text, kind, speaker, speaker_code, ...}]; the
 * format and the span rules are in tests/annotate/README.md). */
typedef struct ac_quote_scores {
    size_t stories;        /* gold stories read */
    size_t bad_lines;      /* malformed lines, reported and skipped */
    size_t gold, gold_direct, gold_indirect;
    size_t returned;       /* quotations accord returned for those stories */
    size_t found, found_direct, found_indirect;  /* same kind, exactly the same text */
    size_t speaker_ok, speaker_ok_direct, speaker_ok_indirect;  /* found, right speaker */
    double span_accuracy;      /* found / gold */
    double speaker_accuracy;   /* speaker_ok / found */
    double precision;          /* found / returned */
} ac_quote_scores;

/* Receives each problem: what is "missed" (no quotation with that text),
 * "span" (a quotation overlaps it but differs), "speaker" (found, wrong
 * speaker) or "extra" (returned, not in the gold). Strings are valid
 * during the call; gold_* are "" for "extra", text and speaker "" when
 * nothing was returned. */
typedef void (*ac_quote_report_fn)(void *ctx, const char *story_id, const char *what,
                                   const char *gold_text, const char *gold_speaker,
                                   const char *text, const char *speaker);

/* Codes and annotates every gold story with d and scores the quotations.
 * AC_EIO when the file cannot be read; malformed lines go to diag. */
ac_status ac_quote_eval_file(const ac_dict *d, const char *path, ac_diag_fn diag, void *diag_ctx,
                             ac_quote_report_fn report, void *report_ctx,
                             ac_quote_scores *out, ac_error *err);

/* ------------------------------------------------------------------------
 * Evaluation against gold files
 *
 * An ac_eval holds gold records (sentences and the events expected of them),
 * codes each with a dictionary and scores what came out. Two gold formats
 * are read; the format of a file is chosen by its first line:
 *
 *   1. accord's gold format, JSON Lines, one record per line:
 *        {"id": "kaz-1", "date": "2024-05-01",
 *         "text": "Kazakh President Tokayev met Israeli officials.",
 *         "events": [{"source": "KAZGOV", "target": "ISR", "code": "036"}]}
 *      "text" and "events" are required; "id" (a string or a number) is
 *      "<file>:<line>" when absent; "date" is YYYY-MM-DD or absent. An empty
 *      "events" list is a record that must produce no event. An event has a
 *      "code" (two to four digits, root 01..20) and either both "source" and
 *      "target" (CAMEO actor codes) or neither; a record is "labelled" when
 *      all of its events carry actors (a record with no event is labelled).
 *      Blank lines and lines whose first character is '#' are skipped.
 *   2. The CAMEO codebook CSV, recognised by a header line naming the
 *      columns "code" and "example" (code,level,root_code,...,example):
 *      every row with a non-empty example is an unlabelled record, with the
 *      row's code as its id, no date, and that code as its one expected event.
 *      A coder's remark that ends an example (" Note: Two reciprocal events
 *      are coded ...") is cut off: it is not part of the news text.
 *
 * What is scored (ac_eval_scores): over labelled records, the (source,
 * target, code) triples, as sets per record, micro-averaged; over all
 * records, the codes alone, as sets per record; root accuracy, coverage and
 * a confusion table by root. A malformed line (or CSV row) is reported to the
 * diagnostic callback with file:line, counted and skipped; the load goes on.
 * ------------------------------------------------------------------------ */

typedef struct ac_eval ac_eval;

/* One event, expected or produced. Strings are borrowed from the ac_eval. */
typedef struct ac_eval_event {
    const char *source;    /* CAMEO actor code; "" in an unlabelled gold record */
    const char *target;
    const char *code;      /* CAMEO event code, "036" */
} ac_eval_event;

/* A gold record and, after ac_eval_run(), what accord made of it. */
typedef struct ac_eval_record {
    const char *id;
    const char *date;      /* "YYYY-MM-DD", or "" when none */
    const char *text;
    const char *file;      /* the gold file and the line the record starts on */
    uint64_t line;
    int labelled;          /* 1: expected events carry source and target */
    const ac_eval_event *expected;   /* deduplicated, in gold order */
    size_t nexpected;
    const ac_eval_event *produced;   /* deduplicated, in coder order; set by ac_eval_run */
    size_t nproduced;
    int coded;             /* 0 when ac_code() failed (scored as producing nothing) */
    int pass;              /* labelled: triple sets equal; else code sets equal */
} ac_eval_record;

/* Counts and the figures made of them. A ratio whose denominator is 0 is 0. */
typedef struct ac_eval_prf {
    size_t tp, fp, fn;
    double precision, recall, f1;
} ac_eval_prf;

#define AC_EVAL_ROOTS 20             /* CAMEO roots 01..20 */

typedef struct ac_eval_scores {
    size_t files;          /* gold files added */
    size_t records;        /* records read */
    size_t bad_lines;      /* malformed lines or rows, reported and skipped */
    size_t code_errors;    /* records ac_code() failed on */
    size_t passed;         /* records whose pass flag is set */

    /* Labelled records: exact (source, target, code) triples. */
    size_t labelled;
    ac_eval_prf triples;
    size_t exact;          /* labelled records whose triple set equals the gold */
    double exact_rate;     /* exact / labelled */

    /* All records: codes only, actors ignored. */
    ac_eval_prf codes;
    size_t with_expected;  /* records with at least one expected event */
    size_t root_hits;      /* ... that produced an event of an expected root */
    double root_accuracy;  /* root_hits / with_expected */
    size_t covered;        /* ... that produced any event */
    double coverage;       /* covered / with_expected */
    size_t without_expected;   /* records that must produce no event */
    size_t false_alarms;   /* ... that produced some */

    /* Records with exactly one expected code: confusion[r][c] counts those
     * of expected root r+1 whose first produced event has root c+1, with
     * c == AC_EVAL_ROOTS when nothing was produced. */
    size_t confusion[AC_EVAL_ROOTS][AC_EVAL_ROOTS + 1];
} ac_eval_scores;

/* A new, empty evaluation; NULL when out of memory. */
ac_eval *ac_eval_new(void);

/* Where malformed gold lines and failed records are reported (may be NULL). */
void ac_eval_set_diag(ac_eval *ev, ac_diag_fn fn, void *ctx);

/* Reads a gold file (either format; gzip and the like are not handled).
 * Returns AC_EIO if it cannot be read, AC_ENOMEM; malformed lines only warn
 * and count (ac_eval_scores.bad_lines). */
ac_status ac_eval_add_file(ac_eval *ev, const char *path, ac_error *err);

/* Reads gold text held in memory; name is used in messages and as the
 * records' file. The text is copied. */
ac_status ac_eval_add_text(ac_eval *ev, const char *name, const char *text,
                           size_t len, ac_error *err);

/* Codes every record with d (each record's date, none for the codebook) and
 * computes the scores. May be called again, e.g. with another dictionary;
 * the previous results are replaced. The dictionary is only borrowed during
 * the call. Returns AC_ENOMEM; a record ac_code() fails on is reported to
 * the diagnostic callback, counted in code_errors and scored as empty. */
ac_status ac_eval_run(ac_eval *ev, const ac_dict *d, const ac_code_options *opt,
                      ac_error *err);

/* The figures of the last ac_eval_run() (all zero before it, except files,
 * records and bad_lines). */
void ac_eval_get_scores(const ac_eval *ev, ac_eval_scores *out);

/* The records in the order read. Borrowed; valid until the next add or
 * ac_eval_free(), produced events until the next ac_eval_run(). */
size_t ac_eval_record_count(const ac_eval *ev);
const ac_eval_record *ac_eval_record_at(const ac_eval *ev, size_t i);

/* The two-digit root of a CAMEO code ("0311" -> 3) as 1..20, or 0 when code
 * is not two to four digits with a root in 01..20. */
int ac_eval_code_root(const char *code);

void ac_eval_free(ac_eval *ev);

/* ------------------------------------------------------------------------
 * Validation suites
 *
 * The field's coders are tested with validation suites: sentences and the
 * events a coder must produce from them, run against the suite's own small
 * dictionaries. ac_validate_run() runs one such suite on accord, coding
 * each record's raw text (never a parse tree the suite may carry) with the
 * dictionaries the suite names. Two kinds are read, told apart by the file:
 *
 *   1. PETRARCH XML (PETR.UnitTest.records.xml, UniversalPetrarch's
 *      PETR_Validate_records_2_02.xml): <Validation><Environment> names the
 *      Verbfile, Actorfile, Agentfile and Discardfile and the <Include>
 *      categories; each <Sentence date id category> holds <EventCoding
 *      sourcecode targetcode eventcode> elements (or noevents="True", or
 *      error="dateline|sentencediscard|storydiscard|bad_input_parse"), a
 *      <Text> and a <Parse> (ignored). <Config option value> elements change
 *      the suite's settings from where they stand onwards.
 *   2. A TABARI .project (Validate.project): it names the .actors, .verbs,
 *      .agents and .options dictionaries and the <textfile>; each record of
 *      the text file is a "YYMMDD ID" line, the text, and a comment
 *      block (between slash-star and star-slash) whose "{ SRC / TGT / CODE }"
 *      brackets hold the expected events
 *      ({---} no event, {+++} too complex to code, {###} discarded,
 *      -{ stops the checking, { OPTION: ... } changes settings). The run
 *      stops, as TABARI's does, at the first record without expectations
 *      (the end-of-validation record).
 *
 * A dictionary or text file named by the suite is looked for next to the
 * suite file, then in each folder of ac_validate_options.dict_search, then
 * in the sibling folders of the suite's folder (../<folder>/NAME, in name
 * order).
 * accord's own CAMEO table and irregular verbs are added to the suite's
 * dictionaries (ac_dict_builder_add_base).
 *
 * A record passes when the set of (source, target, code) that accord
 * produced equals the expected set exactly: the comparison trims blanks and
 * nothing else, since neither suite treats other spellings as equal. The
 * exceptions, each the suite's own rule (lib/eval/validate.c says where
 * each comes from): a record expecting no event passes when accord codes
 * none; a discard record ({###}, sentencediscard, storydiscard) passes only
 * when accord reports the discard (ac_sentence.discarded, ac_doc_discarded)
 * and codes nothing; a TABARI record whose list ends in -{...} passes when
 * the listed events are all produced and at least one more is; a TABARI
 * record that lists both a special code ({+++}, {---}) and events passes
 * with either outcome.
 *
 * Records are skipped, with the reason counted (ac_validate_skip), when the
 * suite marks them not to be evaluated, when their category is not in the
 * <Include> list, when they are TABARI option records, when they test the
 * parse tree (bad_input_parse), when the suite checks nothing for them, and
 * when the settings in force ask for behaviour accord does not have (e.g.
 * new_actor_length > 0, which expects raw noun-phrase text as actor codes;
 * require_dyad = false when an expected event lacks an actor; non-default
 * comma-clause limits; TABARI's DEFAULT actors). Only passed and failed records are "checkable".
 * ------------------------------------------------------------------------ */

typedef enum ac_validate_kind {
    AC_VALIDATE_PETR_XML = 1,
    AC_VALIDATE_TABARI
} ac_validate_kind;

typedef enum ac_valid_status {
    AC_VALID_PASS = 0,
    AC_VALID_FAIL,
    AC_VALID_SKIP
} ac_valid_status;

/* Why a record was skipped. */
typedef enum ac_validate_skip {
    AC_VSKIP_NONE = 0,
    AC_VSKIP_NOT_EVALUATED,  /* evaluate="false", <Skip>, not marked valid */
    AC_VSKIP_CATEGORY,       /* its category is not in <Include> (or is in <Exclude>) */
    AC_VSKIP_OPTION_RECORD,  /* a TABARI { OPTION: ... } record */
    AC_VSKIP_SETTING,        /* a setting in force that accord cannot honour */
    AC_VSKIP_PARSE_TREE,     /* error="bad_input_parse": tests the <Parse> tree */
    AC_VSKIP_UNCHECKED,      /* the suite checks nothing (TABARI -{ first) */
    AC_VSKIP_BAD_EXPECTATION,/* the expected events cannot be read */
    AC_VSKIP_COUNT
} ac_validate_skip;

/* "not evaluated", "category not in <Include>", ...; "?" when out of range. */
const char *ac_validate_skip_name(ac_validate_skip s);

typedef struct ac_validate_options {
    const char *const *dict_search; /* NULL-terminated folders to look in; may be NULL */
    const char *only;      /* report only the record with this id (the others
                              are still read, for the settings they change) */
    unsigned code_flags;   /* AC_CODE_* for ac_code(); AC_CODE_EXPLAIN fills
                              ac_validate_record.explain */
} ac_validate_options;

/* One record and what accord made of it. Every pointer is borrowed and
 * valid only during the callback. */
typedef struct ac_validate_record {
    const char *id;
    const char *category;  /* PETRARCH category; "" for TABARI */
    const char *text;      /* the raw text as coded, whitespace collapsed */
    const char *date;      /* "YYYY-MM-DD", "" when none */
    const char *file;      /* the file and line where the record starts */
    uint64_t line;
    ac_valid_status status;
    ac_validate_skip skip;     /* AC_VSKIP_NONE unless skipped */
    const char *skip_detail;   /* "" or what exactly, e.g. "new_actor_length = 4" */
    const char *expected;  /* "SRC>TGT:CODE, ..." sorted; "(none)"; "(discard)";
                              "... + more" (TABARI -{); "(none) or ..." */
    const char *produced;  /* "SRC>TGT:CODE, ..." sorted, or "(none)"; "" when skipped */
    int discarded;         /* accord reported a sentence or story discard */
    const char *explain;   /* ac_doc_explain(), "" unless AC_CODE_EXPLAIN */
} ac_validate_record;

typedef void (*ac_validate_fn)(void *ctx, const ac_validate_record *r);

typedef struct ac_validate_summary {
    ac_validate_kind kind;
    size_t records;        /* records reported (all, or the --only one) */
    size_t passed, failed, skipped;
    size_t skips[AC_VSKIP_COUNT];   /* skipped records by reason */
    size_t code_errors;    /* records ac_code() failed on (counted as failed) */
    double pass_rate;      /* passed / (passed + failed); 0 when none */
    size_t dict_files;     /* dictionary files loaded, accord's base included */
    size_t dict_bad_lines; /* dictionary lines skipped with a warning */
    char dictionaries[2048];   /* the suite's dictionary paths, ", "-separated
                                  (cut with "..." when longer) */
    char end_record[64];   /* TABARI: id of the end-of-validation record, "" if none */
    uint64_t end_line;     /* ... and its line */
    size_t after_end;      /* records after it, not run */
} ac_validate_summary;

/* Runs the suite at path (a PETRARCH .xml or a TABARI .project). For each
 * record read (or only opts->only), calls fn (may be NULL) once it is
 * decided. Dictionary warnings (AC_EDICT) and suite warnings (AC_EPARSE: an
 * unknown <Config> option, an expectation that cannot be read, a bad date;
 * each with file:line) go to diag. opts may be NULL; *out (may be NULL) is
 * filled whenever the run got as far as the records.
 *
 * Returns AC_OK when the suite ran, whatever the pass rate; AC_EIO when the
 * suite, a dictionary or a text file it names cannot be found or read;
 * AC_EPARSE when the suite is malformed XML (err gives file:line);
 * AC_EINVAL when path is neither kind; AC_EDICT, AC_ENOMEM. */
ac_status ac_validate_run(const char *path, const ac_validate_options *opts,
                          ac_validate_fn fn, void *ctx,
                          ac_diag_fn diag, void *diag_ctx,
                          ac_validate_summary *out, ac_error *err);

/* ------------------------------------------------------------------------
 * Store: coded stories in a database, and the questions asked of it
 *
 * A store holds stories, their sentences (those that report events in a
 * full-text index), their
 * events, and what ac_annotate() found in them: quotations, actors and
 * their mentions, themes, tone, agreements with the membership actions
 * reported on them, and planned events (lib/store/schema.c lists every
 * table and column). It is opened by URL:
 *
 *   accord.db, PATH, sqlite:PATH   an SQLite file (created when absent);
 *                       sqlite:PATH?busy_timeout=MS waits MS milliseconds
 *                       for another writer (default 5000), and
 *                       sqlite:PATH?max_bytes=N caps the file at about N
 *                       bytes (what a full disk does, for tests), and
 *                       sqlite:PATH?mode=ro opens it read-only (writing then
 *                       fails as on a read-only file); options join with &;
 *   postgresql://..., postgres://...   a PostgreSQL server (libpq's URL;
 *                       ?busy_timeout=MS as for SQLite; the other query
 *                       parameters are libpq's). Same schema, same answers.
 *
 * Events are kept at two levels. A story-level event is one per (source,
 * target, code) of a story, with the number of its sentences that report
 * it and their ids (as ac_write_annotation's "events"). An event group is
 * one per (source, target, code, date) across stories: what several
 * stories report on the same day is one event, with GDELT's counts:
 * NumMentions (sentences, over all stories), NumArticles (stories) and
 * NumSources (distinct publishers: the story's source, else its URL's
 * host, else the story itself), and a link to every story-level event and
 * through it to every sentence. The questions below count event groups.
 *
 * Writing is transactional: ac_store_ingest() inside ac_store_begin() ...
 * ac_store_commit() writes a batch of stories at once, and a failure, a
 * crash or a kill in between leaves the database as it was before the
 * batch. A story whose id (and part) is already stored with the same text
 * is left as it is; with another text it is replaced, its old rows removed
 * and the event groups recounted. Ingesting the same input twice therefore
 * changes nothing, and an interrupted run resumes when run again.
 *
 * Errors carry a message that says what to do: a database locked by
 * another writer (AC_EIO, after the busy timeout), a read-only database or
 * folder (AC_EIO), a full disk (AC_EIO), a file that is not a database of
 * this schema version (AC_EIO), a malformed story (AC_EPARSE). After an
 * error inside a batch, call ac_store_rollback().
 * ------------------------------------------------------------------------ */

typedef struct ac_store ac_store;

enum {
    AC_STORE_READONLY = 1u << 0   /* queries only; the database must exist */
};

/* Opens (and, unless read-only, creates and upgrades) the store at url.
 * The store is used by one thread at a time. */
ac_status ac_store_open(const char *url, unsigned flags, ac_store **out, ac_error *err);
void ac_store_close(ac_store *s);

/* "sqlite", "postgresql". */
const char *ac_store_backend(const ac_store *s);

/* A batch: everything ingested between begin and commit is written at
 * once or not at all. ac_store_rollback() forgets the batch. */
ac_status ac_store_begin(ac_store *s, ac_error *err);
ac_status ac_store_commit(ac_store *s, ac_error *err);
void ac_store_rollback(ac_store *s);

typedef enum ac_ingest_outcome {
    AC_INGEST_NEW = 0,     /* not stored before */
    AC_INGEST_UPDATED,     /* stored with another text: replaced */
    AC_INGEST_UNCHANGED    /* stored with the same text: left as it is */
} ac_ingest_outcome;

/* What ac_store_ingest() would do with story: lets a caller skip coding
 * the stories already stored (a resumed run). */
ac_status ac_store_story_state(ac_store *s, const ac_story *story, ac_ingest_outcome *out,
                               ac_error *err);

typedef struct ac_ingest_result {
    ac_ingest_outcome outcome;
    size_t sentences, events, quotes, actors, themes, actions, planned;  /* rows written */
} ac_ingest_result;

/* Stores a coded story: doc from ac_code() of story, and a from
 * ac_annotate() of doc (NULL: events and sentences only). Outside a batch,
 * the story is its own transaction. res may be NULL. AC_EPARSE for a story
 * the store cannot hold (a date that is not YYYY-MM-DD, over a million
 * sentences); AC_EIO for a database error (err says which). */
ac_status ac_store_ingest(ac_store *s, const ac_story *story, const ac_doc *doc,
                          const ac_annotation *a, ac_ingest_result *res, ac_error *err);

/* What a store holds. */
typedef struct ac_store_stats {
    size_t stories, sentences, events, event_groups, quotes, actors, actions, planned;
} ac_store_stats;

ac_status ac_store_get_stats(ac_store *s, ac_store_stats *out, ac_error *err);

/* Query results come as rows. Every value is text ("" when none); types
 * say how to print it (a number in JSON, say). Everything is borrowed and
 * valid during the call. */
typedef enum ac_value_type {
    AC_VALUE_TEXT = 0,
    AC_VALUE_INT,
    AC_VALUE_REAL
} ac_value_type;

typedef struct ac_row {
    size_t ncols;
    const char *const *names;
    const ac_value_type *types;
    const char *const *values;
} ac_row;

/* Receives one row; returns non-zero to stop the query (not an error). */
typedef int (*ac_row_fn)(void *ctx, const ac_row *row);

/* Filters; zero or NULL fields do not filter. Actor codes match as
 * prefixes ("KAZ" matches KAZGOV and KAZMIL); a country is the first three
 * letters of a code. */
typedef struct ac_query {
    const char *actor;     /* source or target */
    const char *source, *target;
    const char *country;   /* source or target country */
    const char *code;      /* CAMEO event code prefix ("04", "0311") */
    const char *root;      /* two-digit root ("04") */
    int quad;              /* 1..4 */
    const char *since, *until;   /* YYYY-MM-DD, both inclusive */
    const char *text;      /* full-text query over the sentences that
                              report events: words, "a phrase", OR, NOT,
                              prefix* (SQLite FTS5); on PostgreSQL words,
                              "a phrase", OR, -word (websearch_to_tsquery) */
    const char *speaker;   /* quotes: a code prefix or part of the name */
    size_t limit;          /* at most this many rows; 0: all */
} ac_query;

typedef enum ac_period {
    AC_PERIOD_DAY = 0,
    AC_PERIOD_WEEK,        /* weeks start on Monday; the row names the Monday */
    AC_PERIOD_MONTH,       /* YYYY-MM */
    AC_PERIOD_ALL          /* one row for the whole span */
} ac_period;

/* Event groups, by date, then source, target and code (the same order
 * whatever the order of ingestion): id, date, source, target, code, root,
 * quad, goldstein, plover, mood, mentions, sources, articles, and the first
 * report's story, sentence, source_text, target_text and text. q->text
 * keeps the groups with a report in a sentence that matches. */
ac_status ac_store_events(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err);

/* The relations of a and b (actor code prefixes; three letters: a
 * country) over time, both directions: one row per period and direction
 * with period, direction ("KAZ>ISR"), events, the four quad-class counts
 * (verbal_coop, material_coop, verbal_conflict, material_conflict),
 * goldstein (mean) and top_codes ("036 x3, 042 x1", at most three; most
 * frequent first, then by code). Periods without events have no row. q
 * gives since/until and limit. */
ac_status ac_store_dyad(ac_store *s, const char *a, const char *b, ac_period by,
                        const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err);

/* Agreements mentioned: agreement (code), name, stories, mentions,
 * members (actors with a membership action), first and last dates. */
ac_status ac_store_agreements(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx,
                              ac_error *err);

/* One agreement (its code, its name, or a prefix of either), one row per
 * member: agreement, actor, name, status (the latest action, with its mood
 * when not done: "joined", "intent", "join (future)"), since (the date of
 * that action), first (the earliest action's date), timeline ("2025-03-01
 * intent; 2025-06-02 joined"), reports. AC_EINVAL when name matches no
 * agreement. */
ac_status ac_store_agreement_members(ac_store *s, const char *name, const ac_query *q,
                                     ac_row_fn fn, void *ctx, ac_error *err);

/* The evidence of the same: one row per membership action reported, in
 * date order: date, agreement, actor, action, mood, text, story, sentence,
 * and the sentence's text. */
ac_status ac_store_agreement_evidence(ac_store *s, const char *name, const ac_query *q,
                                      ac_row_fn fn, void *ctx, ac_error *err);

/* Quotations, by date: date, speaker_name, speaker_code, kind, verb, text,
 * story, sentence. q->speaker filters. */
ac_status ac_store_quotes(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err);

/* Actors named, most mentioned first: code, name, kind, stories, mentions,
 * first and last dates. q->actor and q->country filter by code. */
ac_status ac_store_actors(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err);

/* Themes per period, most mentioned first within a period: period, theme,
 * stories, mentions, gkg. */
ac_status ac_store_themes(ac_store *s, const ac_query *q, ac_period by, ac_row_fn fn, void *ctx,
                          ac_error *err);

/* Events a story says are planned or expected, by the date of the story:
 * date, what, code, when (as written: "next week"), agreement, actors
 * (codes, ' '-separated), story, sentence, text. q->actor (or q->country)
 * keeps those with an actor whose code begins with it. */
ac_status ac_store_planned(ac_store *s, const ac_query *q, ac_row_fn fn, void *ctx, ac_error *err);

/* Exports. Every format writes one event group per line:
 *   phoenix  the 26 tab-separated fields of the Phoenix pipeline
 *            (EventID, Date, Year, Month, Day, the source's full code,
 *            entity, role and attributes, the same for the target,
 *            EventCode, EventRootCode, QuadClass, Goldstein, Issues, Lat,
 *            Lon, LocationName, StateName, CountryCode, SentenceID, URLs,
 *            NewsSources), no header;
 *   gdelt    the 61 tab-separated columns of a GDELT 2.0 event file
 *            (GLOBALEVENTID ... SOURCEURL), no header; what accord does
 *            not know (ethnicity, religion, geography) is empty, and the
 *            Geo_Type columns are 0;
 *   plover   one PLOVER JSON object (id, date, event, actor, recipient,
 *            quad_code, mode, event_text, text, cameo, num_mentions,
 *            num_sources, num_articles, link, coder);
 *   csv      a header, then the columns of ac_store_events() with every
 *            story and sentence id;
 *   jsonl    the same as one JSON object per line.
 * fn receives each line with its '\n' (and the header first for csv);
 * returns non-zero to stop. */
typedef enum ac_export_format {
    AC_EXPORT_PHOENIX = 0,
    AC_EXPORT_GDELT,
    AC_EXPORT_PLOVER,
    AC_EXPORT_CSV,
    AC_EXPORT_JSONL
} ac_export_format;

typedef int (*ac_line_fn)(void *ctx, const char *line, size_t len);

ac_status ac_store_export(ac_store *s, ac_export_format fmt, const ac_query *q, ac_line_fn fn,
                          void *ctx, ac_error *err);

/* Briefs (lib/store/brief.c). An analysis of one actor (a code prefix:
 * KAZ, a country; KAZGOV) or one agreement of the store (its code or name:
 * ABRAHAM_ACCORDS), written from the data in the shape an analyst writes:
 * what happened (the key events and membership actions, by date), the
 * implications by sector (the themes of the sentences that name the
 * subject, with its events there), the strategic context (a country's
 * relations with its land neighbours and the major powers, and its other
 * partners: events each way, quad classes, mean Goldstein score; an
 * agreement's members and the relations among them), voices (quotations),
 * what is next (planned and expected events), then references. Every
 * statement cites the story and sentence it rests on as [story-id:N], and
 * the references quote every cited sentence; a section with no data says
 * so. d (may be NULL) gives the CAMEO codes their names. The text is
 * appended to out. AC_EINVAL when the store holds nothing about subject
 * (in the period). */
typedef enum ac_brief_format {
    AC_BRIEF_MARKDOWN = 0,
    AC_BRIEF_HTML          /* a whole HTML document */
} ac_brief_format;

typedef struct ac_brief_options {
    const char *since, *until;   /* YYYY-MM-DD, both inclusive; NULL: all */
    ac_brief_format format;
    size_t max_events;     /* sentences listed under "what happened" (0: 12) */
    size_t max_quotes;     /* quotations under "voices" (0: 8) */
} ac_brief_options;

ac_status ac_store_brief(ac_store *s, const ac_dict *d, const char *subject,
                         const ac_brief_options *o, ac_buf *out, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_H */
