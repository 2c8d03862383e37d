/*
 * split.c -- sentence boundaries over the token stream.
 *
 * A sentence ends at . ! ? (with any closing quotes or brackets after it)
 * when the next token opens a sentence: a capitalised word, a number or an
 * opening quote. Abbreviations are tokens of their own (tokenize.c): titles
 * and initials (Mr., Gen., J.) never end a sentence; an acronym (U.S.) ends
 * one only when a typical sentence opener follows ("... in the U.S. The
 * talks ..."). A blank line always ends a sentence; a single line break
 * ends one after a short line without final punctuation (a headline).
 * Sentences longer than MAX_SENTENCE tokens are cut, so that no input can
 * make the coder's per-sentence work grow without bound.
 */
#include "text/text.h"

#include <string.h>

#define MAX_SENTENCE 160
#define HEADLINE_TOKENS 16

static int tok_is(const char *text, const ac_tok *t, const char *w)
{
    size_t n = strlen(w);
    if (t->len != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[t->start + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

static const char *const OPENERS[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "in", "on",
    "but", "and", "this", "that", "these", "those", "there", "as", "at", "after",
    "before", "when", "while", "however", "meanwhile", "its", "his", "her",
    "their", "our", "if", "for", "some", "many", "most", "no", "both", "all",
    "since", "during", "earlier", "later", "last", "on", "according", NULL
};

static int is_opener(const char *text, const ac_tok *t)
{
    for (const char *const *w = OPENERS; *w; w++)
        if (tok_is(text, t, *w))
            return 1;
    return 0;
}

/* Lower-case words after which a line break cannot end a sentence. */
static const char *const GLUE[] = {
    "the", "a", "an", "of", "to", "in", "on", "with", "and", "or", "for", "by",
    "at", "from", "that", "said", "says", "as", "its", "his", "her", "their", NULL
};

static int is_glue(const char *text, const ac_tok *t)
{
    if (t->flags & TK_PUNCT)
        return t->punct == ',' || t->punct == '-' || t->punct == '(' || t->punct == ':';
    for (const char *const *w = GLUE; *w; w++)
        if (tok_is(text, t, *w))
            return 1;
    return 0;
}

static int is_terminal(const ac_tok *t)
{
    return (t->flags & TK_PUNCT) && (t->punct == '.' || t->punct == '!' || t->punct == '?');
}

ac_span *ac_text_split(ac_arena *a, const char *text, const ac_tok *toks,
                       size_t ntok, size_t *count)
{
    size_t cap = ntok / 8 + 4;
    ac_span *sp = ac_arena_alloc(a, cap * sizeof *sp);
    if (!sp)
        return NULL;
    size_t ns = 0;
    size_t first = 0;
    size_t line_start = 0;          /* first token of the current line */
    int in_quote = 0;               /* parity of " since the paragraph began */

#define EMIT(end)                                                          \
    do {                                                                   \
        if ((end) > first) {                                               \
            if (ns == cap) {                                               \
                ac_span *n2 = ac_arena_alloc(a, cap * 2 * sizeof *n2);     \
                if (!n2)                                                   \
                    return NULL;                                           \
                memcpy(n2, sp, ns * sizeof *sp);                           \
                sp = n2;                                                   \
                cap *= 2;                                                  \
            }                                                              \
            sp[ns].first = (uint32_t)first;                                \
            sp[ns].count = (uint32_t)((end) - first);                      \
            ns++;                                                          \
        }                                                                  \
        first = (end);                                                     \
    } while (0)

    for (size_t k = 0; k < ntok; k++) {
        const ac_tok *t = &toks[k];
        /* Boundaries that come before token k. */
        if (k > first) {
            if (t->flags & TK_PARA) {
                EMIT(k);
                in_quote = 0;
            } else if ((t->flags & TK_NL) && !is_glue(text, &toks[k - 1]) &&
                       !is_terminal(&toks[k - 1]) &&
                       ((t->flags & (TK_CAP | TK_NUM)) || (t->flags & TK_PUNCT && t->punct == '"')) &&
                       k - line_start <= HEADLINE_TOKENS) {
                EMIT(k);
                in_quote = 0;
            } else if (k - first >= MAX_SENTENCE) {
                EMIT(k);
            }
        }
        if (t->flags & (TK_NL | TK_PARA))
            line_start = k;
        if ((t->flags & TK_PUNCT) && t->punct == '"')
            in_quote = !in_quote;

        int may_end = is_terminal(t) || ((t->flags & TK_ABBR) && !(t->flags & TK_TITLE));
        if (!may_end)
            continue;
        /* Closing quotes and brackets stay with this sentence. */
        size_t e = k + 1;
        int q = in_quote;
        while (e < ntok && (toks[e].flags & TK_PUNCT) && !(toks[e].flags & (TK_NL | TK_PARA)) &&
               ((toks[e].punct == '"' && q) || toks[e].punct == ')' ||
                toks[e].punct == ']' || toks[e].punct == '\'')) {
            if (toks[e].punct == '"')
                q = 0;
            e++;
        }
        if (e >= ntok) {
            k = e - 1;
            continue;                   /* the end of the text ends it anyway */
        }
        const ac_tok *nx = &toks[e];
        int opens = (nx->flags & (TK_CAP | TK_NUM)) ||
                    ((nx->flags & TK_PUNCT) && (nx->punct == '"' || nx->punct == '(' ||
                                                nx->punct == '\'' || nx->punct == '-'));
        if (!opens)
            continue;
        if (!is_terminal(t) && !is_opener(text, nx))
            continue;                   /* "U.S. President ..." */
        EMIT(e);
        in_quote = q;
        k = e - 1;
    }
    EMIT(ntok);
#undef EMIT
    *count = ns;
    return sp;
}
