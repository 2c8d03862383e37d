/*
 * annotate.c -- ac_annotate(): the steps of extract.h over one coded story,
 * and what they share.
 */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "extract/extract.h"

void *ax_push(ac_annotation *a, void **arr, size_t *n, size_t *cap, size_t sz)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        char *mem = ac_arena_alloc(&a->arena, nc * sz);
        if (!mem) {
            a->oom = 1;
            return NULL;
        }
        if (*n)
            memcpy(mem, *arr, *n * sz);
        *arr = mem;
        *cap = nc;
    }
    char *slot = (char *)*arr + *n * sz;
    memset(slot, 0, sz);
    (*n)++;
    return slot;
}

const char *ax_text(ac_annotation *a, uint32_t first, uint32_t end)
{
    if (end <= first)
        return "";
    uint32_t s = ax_start(a, first), e = ax_end(a, end);
    char *out = ac_arena_strndup(&a->arena, a->doc->text + s, e - s);
    if (!out) {
        a->oom = 1;
        return "";
    }
    for (char *p = out; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return out;
}

static int cmp_mention(const void *x, const void *y)
{
    const ax_mention *a = x, *b = y;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->entity < b->entity ? -1 : a->entity > b->entity;
}

/* Paragraphs: a blank line, or a line break where a sentence ends. */
static void paragraphs(ac_annotation *a)
{
    const ac_tok *t = a->doc->toks;
    for (uint32_t i = 0; i < a->ntok; i++)
        a->para_start[i] = i == 0 || (t[i].flags & TK_PARA) ||
                           ((t[i].flags & TK_NL) && a->sent_of[i] != a->sent_of[i - 1]);
}

ac_status ac_annotate(const ac_doc *doc, ac_annotation **out, ac_error *err)
{
    if (out)
        *out = NULL;
    if (!doc || !out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_annotate: invalid argument");
    if (!(doc->flags & AC_CODE_KEEP_ACTORS) || (doc->ntok && !doc->spans))
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX,
                            "ac_annotate: the story was not coded with AC_CODE_KEEP_ACTORS");
    ax_lexicon_init();
    ac_annotation *a = calloc(1, sizeof *a);
    if (!a)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    ac_arena_init(&a->arena, doc->ntok * 24 + 8192);
    a->doc = doc;
    a->dict = doc->dict;
    a->ntok = (uint32_t)doc->ntok;
    size_t n = doc->ntok + 1;
    a->lex = ac_arena_calloc(&a->arena, n, sizeof *a->lex);
    a->sent_of = ac_arena_calloc(&a->arena, n, sizeof *a->sent_of);
    a->np_at = ac_arena_alloc(&a->arena, n * sizeof *a->np_at);
    a->in_quote = ac_arena_calloc(&a->arena, n, 1);
    a->para_start = ac_arena_calloc(&a->arena, n, 1);
    if (!a->lex || !a->sent_of || !a->np_at || !a->in_quote || !a->para_start)
        goto oom;
    for (size_t i = 0; i < n; i++)
        a->np_at[i] = -1;
    if (ax_find_names(a) < 0)
        goto oom;
    paragraphs(a);
    if (ax_coref(a) < 0 || ax_find_quotes(a) < 0 || ax_find_agreements(a) < 0 ||
        ax_find_planned(a) < 0 || ax_order_themes(a) < 0 || a->oom)
        goto oom;
    ax_count_tone(a);
    if (a->nment > a->nment_named)
        qsort(a->ment, a->nment, sizeof *a->ment, cmp_mention);
    if (a->nagr_ment > a->nagr_named)
        qsort(a->agr_ment, a->nagr_ment, sizeof *a->agr_ment, cmp_mention);
    a->nment_named = 0;            /* the order is no longer that of names first */
    a->nagr_named = 0;
    *out = a;
    return AC_OK;
oom:
    ac_annotation_free(a);
    return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory while annotating");
}

void ac_annotation_free(ac_annotation *a)
{
    if (!a)
        return;
    ac_arena_free(&a->arena);
    free(a);
}

size_t ac_annotation_quote_count(const ac_annotation *a)
{
    return a ? a->nquotes : 0;
}

const ac_quote *ac_annotation_quote(const ac_annotation *a, size_t i)
{
    return a && i < a->nquotes ? &a->quotes[i] : NULL;
}

ac_status ac_write_annotation(const ac_story *story, const ac_doc *doc, const ac_annotation *a,
                              ac_buf *out, ac_error *err)
{
    if (!story || !doc || !a || a->doc != doc || !out)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "ac_write_annotation: invalid argument");
    ac_status st = ax_write_json(story, a, out);
    if (st != AC_OK)
        return ac_error_set(err, st, story->origin, story->origin_line, UINT64_MAX,
                            "out of memory writing the annotation of story %s", story->id);
    return AC_OK;
}
