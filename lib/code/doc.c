/*
 * doc.c -- ac_code(): one story through the pipeline, and the doc accessors.
 */
#include <stdlib.h>
#include <string.h>

#include "code/doc.h"
#include "common/error.h"

const char *ac_mood_name(ac_mood m)
{
    switch (m) {
    case AC_MOOD_DONE: return "done";
    case AC_MOOD_INTENT: return "intent";
    case AC_MOOD_FUTURE: return "future";
    case AC_MOOD_CONDITIONAL: return "conditional";
    }
    return "done";
}

ac_status ac_code(const ac_dict *d, const ac_story *story, const ac_code_options *opt,
                  ac_doc **out, ac_error *err)
{
    *out = NULL;
    if (!d || !story || (!story->text && story->text_len))
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_code: invalid argument");
    if (story->text_len > UINT32_MAX / 2)
        return ac_error_set(err, AC_ELIMIT, story->origin, story->origin_line, UINT64_MAX,
                            "story %s is larger than 2 GiB", story->id ? story->id : "?");
    ac_stage stop = opt && opt->stop_after ? opt->stop_after : AC_STAGE_CODE;
    ac_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    ac_arena_init(&doc->arena, story->text_len * 8 + 16384);
    doc->dict = d;
    doc->flags = opt ? opt->flags : 0;
    doc->min_words = opt ? opt->min_words : 0;
    static const unsigned COMMA_DEFAULT[6] = {2, 8, 0, 0, 2, 8};
    int comma_set = 0;
    for (int k = 0; opt && k < 6; k++)
        comma_set |= opt->comma[k] != 0;
    memcpy(doc->comma, comma_set ? opt->comma : COMMA_DEFAULT, sizeof doc->comma);
    doc->date_str = story->date ? story->date : "";
    doc->date = ac_date_parse(doc->date_str, strlen(doc->date_str));

    ac_status st = AC_ENOMEM;
    doc->text = ac_text_normalize(&doc->arena, story->text ? story->text : "", story->text_len,
                                  &doc->text_len);
    if (!doc->text)
        goto fail;
    doc->toks = ac_text_tokenize_opts(&doc->arena, doc->text, doc->text_len, &doc->ntok,
                                      (doc->flags & AC_CODE_FIRST_ACTOR) ? AC_TOK_HYPHEN_BLANK : 0);
    if (!doc->toks)
        goto fail;
    if (stop >= AC_STAGE_SPLIT) {
        doc->spans = ac_text_split(&doc->arena, doc->text, doc->toks, doc->ntok, &doc->nsent);
        if (!doc->spans)
            goto fail;
        doc->sentences = ac_arena_alloc(&doc->arena, (doc->nsent + 1) * sizeof *doc->sentences);
        if (!doc->sentences)
            goto fail;
        for (size_t i = 0; i < doc->nsent; i++) {
            const ac_tok *a = &doc->toks[doc->spans[i].first];
            const ac_tok *b = &doc->toks[doc->spans[i].first + doc->spans[i].count - 1];
            doc->sentences[i].start = a->start;
            doc->sentences[i].len = b->start + b->len - a->start;
            doc->sentences[i].discarded = 0;
        }
        if (stop >= AC_STAGE_MATCH || stop == AC_STAGE_SPLIT) {
            for (size_t i = 0; i < doc->nsent; i++)
                if (ac_code_sentence(doc, i, stop) != AC_OK)
                    goto fail;
            if (doc->discard_story)
                doc->nevents = 0;
        }
    }
    *out = doc;
    return AC_OK;
fail:
    ac_doc_free(doc);
    return ac_error_set(err, st, story->origin, story->origin_line, UINT64_MAX,
                        "out of memory while coding story %s", story->id ? story->id : "?");
}

const char *ac_doc_text(const ac_doc *doc) { return doc->text; }
size_t ac_doc_text_len(const ac_doc *doc) { return doc->text_len; }
size_t ac_doc_sentence_count(const ac_doc *doc) { return doc->nsent; }
size_t ac_doc_token_count(const ac_doc *doc) { return doc->ntok; }
size_t ac_doc_event_count(const ac_doc *doc) { return doc->nevents; }

const ac_sentence *ac_doc_sentence(const ac_doc *doc, size_t i)
{
    return i < doc->nsent ? &doc->sentences[i] : NULL;
}

const ac_event *ac_doc_event(const ac_doc *doc, size_t i)
{
    return i < doc->nevents ? &doc->events[i] : NULL;
}

const char *ac_doc_explain(const ac_doc *doc)
{
    return doc->explain.data ? doc->explain.data : "";
}

int ac_doc_discarded(const ac_doc *doc) { return doc->discard_story; }
size_t ac_doc_issue_count(const ac_doc *doc) { return doc->nissues; }

const char *ac_doc_issue(const ac_doc *doc, size_t i, size_t *count)
{
    if (i >= doc->nissues)
        return NULL;
    if (count)
        *count = doc->issue_counts[i];
    return doc->issue_codes[i];
}

void ac_doc_free(ac_doc *doc)
{
    if (!doc)
        return;
    ac_buf_free(&doc->explain);
    ac_arena_free(&doc->arena);
    free(doc);
}
