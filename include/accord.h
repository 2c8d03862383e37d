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

/* Formats an error as "file:line: msg" (or "file: byte N: msg") into buf. */
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
    size_t cameo_added;    /* codes of community patterns missing from the
                              CAMEO table, added with Goldstein 0 */
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
    AC_CODE_KEEP_ACTORS = 1u << 1 /* keep every sentence's actor phrases in the
                                     doc (the annotation layer reads them) */
};

typedef struct ac_code_options {
    unsigned flags;        /* AC_CODE_* */
    ac_stage stop_after;   /* 0 = AC_STAGE_CODE; earlier stages are for benchmarks */
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

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_H */
