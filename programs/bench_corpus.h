/*
 * bench_corpus.h -- a seeded generator of news-like stories for accord bench.
 *
 * The corpus is synthetic, so it can be shared and regenerated without
 * licence questions, and deterministic: the same seed and sentence count give
 * the same bytes on every machine (the generator uses only integer
 * arithmetic on its own PRNG).
 *
 * Stories have 10 to 30 sentences in paragraphs of 1 to 4. Sentences come from
 * templates: events between real actor phrases ("Kazakh President
 * Kassym-Jomart Tokayev met with Chinese Foreign Minister Wang Yi in Astana on
 * Jan. 5.") in several moods and voices, reported speech, and filler without
 * events (markets, weather, quotes, attribution lines) with abbreviations,
 * numbers and quotation marks. About 44 % of the sentences are written to
 * carry an event, and sentences average about 24 tokens.
 */
#ifndef ACCORD_BENCH_CORPUS_H
#define ACCORD_BENCH_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "accord.h"

/* What was generated, as the generator counts it (accord's sentence splitter
 * may count slightly differently). */
typedef struct bench_corpus_info {
    size_t stories;
    size_t sentences;
    size_t event_sentences;   /* sentences written from an event template */
    size_t text_bytes;        /* story text only, before JSON escaping */
    size_t records;           /* bench_corpus_petr_xml: distinct <Sentence> records */
} bench_corpus_info;

/* Appends `sentences` sentences of stories to out as JSON Lines, one story a
 * line with the fields id, date, source, title and text. info may be NULL.
 * Returns AC_OK, or AC_ENOMEM. */
ac_status bench_corpus_generate(uint64_t seed, size_t sentences, ac_buf *out,
                                bench_corpus_info *info);

/* Appends `sentences` stories to out as JSON Lines, one sentence each, made
 * from the <Sentence> records of a PETRARCH XML file (PETR.UnitTest or
 * GigaWord.sample.PETR.xml: <Sentence date="YYYYMMDD" id=".." source="..">
 * <Text>..</Text>): the text of each record's <Text>, its whitespace
 * collapsed (records whose <Text> is empty are left out), its date and source, repeated in file order until there are
 * enough, the id suffixed "#N" from the first repeat on. info->sentences
 * and info->stories count the stories written, info->records the records.
 * Returns AC_OK; AC_EIO or AC_EPARSE (msg says why, cap bytes) when the file
 * cannot be read or holds no <Sentence> with a non-empty <Text>; AC_ENOMEM. */
ac_status bench_corpus_petr_xml(const char *path, size_t sentences, ac_buf *out,
                                bench_corpus_info *info, char *msg, size_t cap);

#endif
