/*
 * compile.c -- turns a builder's records into the immutable ac_dict.
 *
 * Order matters for the vocabulary: irregular verb forms and the English
 * closed-class words are registered first, so that their base forms win;
 * then every word of every pattern and set, with its generated inflections
 * (a generated form that is already known as a base of its own is re-based:
 * "talks" becomes a form of "talk"); then actor, agent and agreement names,
 * which are matched by exact form and only add words. Patterns are compiled
 * last, when every base is final.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common/error.h"
#include "dict/builder.h"
#include "text/text.h"

#define WF_LOCKED (1u << 31)   /* base fixed (irregular or English table) */

typedef struct cc cc;
static uint32_t register_stem(cc *c, const char *w, size_t n);

struct cc {
    ac_dict *d;
    ac_dict_builder *b;
    ac_vec words;          /* ac_word */
    ac_vec terms;          /* ac_term */
    ac_vec node_terms;     /* uint32_t per node */
    ac_vec entries;        /* ac_entry */
    int oom;
};

/* ---- vocabulary ---------------------------------------------------------- */

static uint32_t word_find(cc *c, const char *s, size_t n)
{
    if (n > 1 && (s[n - 1] == '~' || s[n - 1] == '='))
        n--;                                   /* a stem or exact form: by its letters */
    uint32_t id = ac_map_get(&c->d->vocab, ac_text_fold_hash(s, n));
    return id == AC_MAP_NONE ? 0 : id;
}

/* Registers the form s[0..n) with base `base` (0: itself) and flags. */
static uint32_t word_add(cc *c, const char *s, size_t n, uint32_t base, uint32_t flags)
{
    uint64_t h = ac_text_fold_hash(s, n);
    uint32_t id = ac_map_get(&c->d->vocab, h);
    if (id != AC_MAP_NONE) {
        ac_word *w = ac_vec_at(&c->words, id);
        w->flags |= flags & ~WF_LOCKED;
        if (base && base != id && w->base == id && !(w->flags & WF_LOCKED))
            w->base = base;
        if (flags & WF_LOCKED)
            w->flags |= WF_LOCKED;
        return id;
    }
    id = (uint32_t)c->words.len;
    ac_word *w = ac_vec_push(&c->words);
    if (!w || ac_map_put(&c->d->vocab, h, id) != 0) {
        c->oom = 1;
        return 0;
    }
    char folded[256];
    size_t fl = ac_text_fold(s, n, folded, sizeof folded);
    w->text = ac_arena_strndup(&c->d->arena, folded, fl);
    w->base = base ? base : id;
    w->flags = flags;
    if (!w->text)
        c->oom = 1;
    return id;
}

static int is_vowel(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u'; }

/* Generates the regular verb forms and the noun plural of an ASCII lower-
 * case word and registers them with base `base`. Wrong forms ("agreemented")
 * are harmless: they never occur in text. */
/* buf = w[0..keep) + suffix; returns its length. buf holds 80 bytes. */
static size_t form(char *buf, const char *w, size_t keep, const char *suffix)
{
    size_t sl = strlen(suffix);
    memcpy(buf, w, keep);
    memcpy(buf + keep, suffix, sl + 1);
    return keep + sl;
}

static void inflect(cc *c, const char *w, uint32_t base, uint32_t flags)
{
    size_t n = strlen(w);
    if (n < 2 || n > 60)
        return;
    for (size_t i = 0; i < n; i++)
        if (!((w[i] >= 'a' && w[i] <= 'z') || w[i] == '-'))
            return;
    char buf[80];
    size_t l;
    char last = w[n - 1], prev = w[n - 2];
    flags &= ~WF_LOCKED;
    /* -s / -es / -ies: third person and plural. */
    if (last == 'y' && !is_vowel(prev))
        l = form(buf, w, n - 1, "ies");
    else if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
             (last == 'h' && (prev == 'c' || prev == 's')))
        l = form(buf, w, n, "es");
    else
        l = form(buf, w, n, "s");
    word_add(c, buf, l, base, flags);
    /* -ed. */
    if (last == 'e')
        l = form(buf, w, n, "d");
    else if (last == 'y' && !is_vowel(prev))
        l = form(buf, w, n - 1, "ied");
    else
        l = form(buf, w, n, "ed");
    word_add(c, buf, l, base, flags | WF_PAST | WF_PP);
    /* -ing. */
    if (n > 2 && last == 'e' && prev == 'i')
        l = form(buf, w, n - 2, "ying");
    else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o')
        l = form(buf, w, n - 1, "ing");
    else
        l = form(buf, w, n, "ing");
    word_add(c, buf, l, base, flags | WF_ING);
    /* Consonant doubling after a short vowel (ban -> banned); harmless when wrong. */
    if (n >= 3 && !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
        is_vowel(prev) && !is_vowel(w[n - 3])) {
        char dbl[3] = {last, 0, 0};
        char suf[8];
        memcpy(suf, dbl, 1);
        memcpy(suf + 1, "ed", 3);
        l = form(buf, w, n, suf);
        word_add(c, buf, l, base, flags | WF_PAST | WF_PP);
        memcpy(suf + 1, "ing", 4);
        l = form(buf, w, n, suf);
        word_add(c, buf, l, base, flags | WF_ING);
    }
}

/* Follows base links to the root base (chains arise from re-basing). */
static void resolve_bases(cc *c)
{
    ac_word *w = c->words.data;
    for (size_t i = 0; i < c->words.len; i++) {
        uint32_t b = w[i].base;
        for (int k = 0; k < 8 && w[b].base != b; k++)
            b = w[b].base;
        w[i].base = b;
    }
}

/* ---- names ------------------------------------------------------------------ */

static uint32_t node_new(cc *c)
{
    uint32_t *t = ac_vec_push(&c->node_terms);
    if (!t) {
        c->oom = 1;
        return 0;
    }
    *t = AC_MAP_NONE;
    return (uint32_t)(c->node_terms.len - 1);
}

/* Adds one name of entry `entry`. Returns the number of words, 0 if empty. */
static size_t name_add(cc *c, const char *name, uint32_t entry, const char *plural_of_last,
                       int caps)
{
    ac_arena tmp;
    ac_arena_init(&tmp, 4096);
    size_t nt = 0;
    ac_tok *t = ac_text_tokenize(&tmp, name, strlen(name), &nt);
    if (!t || nt == 0 || nt > 32) {
        ac_arena_free(&tmp);
        return 0;
    }
    /* A word followed at once by "~" is a stem: drop the ~ tokens. */
    uint8_t stem[32] = {0};
    size_t w = 0;
    for (size_t i = 0; i < nt; i++) {
        if ((t[i].flags & TK_PUNCT) && t[i].punct == '~' && w > 0 &&
            t[w - 1].start + t[w - 1].len == t[i].start) {
            stem[w - 1] = 1;
            continue;
        }
        t[w++] = t[i];
    }
    nt = w;
    if (nt == 0) {
        ac_arena_free(&tmp);
        return 0;
    }
    uint32_t node = 0, mask = 0;
    int gapped = 0;
    for (size_t i = 0; i < nt; i++) {
        uint32_t wid;
        if ((t[i].flags & TK_PUNCT) && t[i].punct == '*' && i > 0 && i + 1 < nt) {
            /* A gap: the words after it are checked at shifted places, so
             * only the capitals before it are. */
            wid = c->d->gap_word = word_add(c, "*", 1, 0, 0);
            gapped = 1;
        } else if (stem[i]) {
            wid = register_stem(c, name + t[i].start, t[i].len);
        } else if (i == nt - 1 && plural_of_last) {
            uint32_t sing = word_add(c, name + t[i].start, t[i].len, 0, 0);
            wid = word_add(c, plural_of_last, strlen(plural_of_last), sing, 0);
        } else {
            wid = word_add(c, name + t[i].start, t[i].len, 0, 0);
        }
        /* CAPS_WRITTEN: every capitalised word; CAPS_FIRST: the first one
         * (community names are written in Title Case with function words in
         * lower case, so that is the first content word); CAPS_NONE: none. */
        if ((t[i].flags & TK_CAP) && caps != CAPS_NONE && !(caps == CAPS_FIRST && mask) && !gapped)
            mask |= 1u << i;
        uint64_t key = ((uint64_t)node << 32) | wid;
        uint32_t child = ac_map_get(&c->d->edges, key);
        if (child == AC_MAP_NONE) {
            child = node_new(c);
            if (ac_map_put(&c->d->edges, key, child) != 0)
                c->oom = 1;
        }
        node = child;
    }
    ac_term *term = ac_vec_push(&c->terms);
    if (!term) {
        c->oom = 1;
        ac_arena_free(&tmp);
        return 0;
    }
    term->entry = entry;
    term->cap_mask = mask;
    term->nwords = (uint16_t)nt;
    /* Append at the end of the node's list, so the first loaded entry wins. */
    uint32_t tid = (uint32_t)(c->terms.len - 1);
    term->next = AC_MAP_NONE;
    uint32_t *head = ac_vec_at(&c->node_terms, node);
    if (*head == AC_MAP_NONE) {
        *head = tid;
    } else {
        uint32_t k = *head;
        ac_term *all = c->terms.data;
        while (all[k].next != AC_MAP_NONE)
            k = all[k].next;
        all[k].next = tid;
    }
    ac_arena_free(&tmp);
    return nt;
}

/* The plural of the last word of an agent name, or NULL to skip. */
static const char *plural(const char *name, char *buf, size_t cap)
{
    size_t n = strlen(name);
    if (n < 2 || n + 4 > cap)
        return NULL;
    const char *sp = strrchr(name, ' ');
    const char *w = sp ? sp + 1 : name;
    size_t wl = strlen(w);
    if (wl < 2)
        return NULL;
    for (size_t i = 0; i < wl; i++)
        if (!(w[i] >= 'a' && w[i] <= 'z'))
            return NULL;
    char last = w[wl - 1], prev = w[wl - 2];
    if (last == 's' && prev == 's') {
        snprintf(buf, cap, "%ses", w); /* "congress": congresses */
        return buf;
    }
    if (last == 's')
        return NULL;                   /* "forces", "police" stay as written */
    if (last == 'y' && !is_vowel(prev))
        snprintf(buf, cap, "%.*sies", (int)(wl - 1), w);
    else if (last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
        snprintf(buf, cap, "%ses", w);
    else
        snprintf(buf, cap, "%ss", w);
    return buf;
}

/* ---- patterns ----------------------------------------------------------------- */

/* Splits s into space-separated words, calling fn(word, len, ctx). */
static void each_word(const char *s, void (*fn)(const char *, size_t, void *), void *ctx)
{
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        const char *w = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (s > w)
            fn(w, (size_t)(s - w), ctx);
    }
}

/* Registers a stem ("restor~" without its ~): a word of its own, flagged,
 * not inflected; the matcher tries it on words that begin with it. */
static uint32_t register_stem(cc *c, const char *w, size_t n)
{
    char folded[128];
    size_t fl = ac_text_fold(w, n, folded, sizeof folded);
    if (fl < 2 || fl >= 32)
        return word_add(c, folded, fl, 0, 0);
    uint32_t id = word_add(c, folded, fl, 0, WF_STEM);
    if (!(c->d->stats.stem_lengths >> fl & 1u) || !id)
        c->d->stats.stem_lengths |= (size_t)1 << fl;
    return id;
}

/* Registers an irregular form of base: locked to it; a form written as a
 * stem ("actuality~", TABARI's form without '_') as a stem of it. */
static void form_add(cc *c, const char *f, size_t n, uint32_t base, uint32_t flags)
{
    if (n > 1 && f[n - 1] == '~') {
        uint32_t id = register_stem(c, f, n - 1);
        ac_word *w = id ? ac_vec_at(&c->words, id) : NULL;
        if (w && w->base == id && id != base && !(w->flags & WF_LOCKED)) {
            w->base = base;
            w->flags |= flags | WF_LOCKED;
        }
        return;
    }
    word_add(c, f, n, base, flags | WF_LOCKED);
}

/* Registers the words of a pattern element (with inflections). */
static void register_alt(cc *c, const char *w, size_t n)
{
    char buf[128];
    if (n == 0 || n >= sizeof buf)
        return;
    if (n > 1 && w[n - 1] == '~') {
        register_stem(c, w, n - 1);
        return;
    }
    if (n > 1 && w[n - 1] == '=')
        n--;                                   /* "ban=": the form itself (no inflection
                                                  is needed, but registering them is harmless) */
    char folded[128];
    size_t fl = ac_text_fold(w, n, folded, sizeof folded);
    memcpy(buf, folded, fl);
    buf[fl] = '\0';
    uint32_t id = word_add(c, buf, fl, 0, 0);
    inflect(c, buf, id, 0);
}

static void register_pattern_word(const char *w, size_t n, void *ctx)
{
    cc *c = ctx;
    if (*w == '&' && memchr(w, '_', n)) {
        /* "&NEGAUX_ever": words may be joined to a set's name, which may
         * hold '_' itself (C_CRIME): the longest set name the builder
         * knows is the set, what follows are words. */
        const char *e = w + n, *best = NULL;
        for (const char *q = w + 1; q <= e; q++) {
            if (q < e && *q != '_')
                continue;
            size_t len = (size_t)(q - w - 1);
            for (size_t i = 0; i < c->b->sets.len; i++) {
                const bset *st = ac_vec_at(&c->b->sets, i);
                if (strlen(st->name) == len && memcmp(st->name, w + 1, len) == 0)
                    best = q;
            }
        }
        if (best && best < e)
            register_pattern_word(best + 1, (size_t)(e - best - 1), ctx);
        return;
    }
    if (memchr(w, '_', n) && !(*w == '&')) {
        /* Words joined by '_' ("show_no_*sign"): each on its own. */
        const char *e = w + n;
        while (w < e) {
            const char *pe = memchr(w, '_', (size_t)(e - w));
            pe = pe ? pe : e;
            if (pe > w)
                register_pattern_word(w, (size_t)(pe - w), ctx);
            w = pe < e ? pe + 1 : e;
        }
        return;
    }
    if (*w == '+' || *w == '$' || *w == '&' || *w == '^' || *w == '%')
        return;
    if (*w == '*') {
        w++;
        n--;
    }
    const char *e = w + n;
    while (w < e) {
        const char *slash = memchr(w, '/', (size_t)(e - w));
        const char *ae = slash ? slash : e;
        register_alt(c, w, (size_t)(ae - w));
        w = slash ? slash + 1 : e;
    }
}

typedef struct pctx {
    cc *c;
    ac_elem elems[32];
    uint8_t joined[32];    /* element k was joined to k - 1 with '_' */
    int join_next;         /* the next element is joined to the last one */
    int nelem;
    int head;              /* index of the head element, -1 */
    uint32_t head_base;
    uint32_t head_word;    /* the head as written (a form or the base) */
    int head_exact;        /* written "*word=": that form only */
    int bad;               /* 1: too long, 2: unknown set, 3: bad word */
    char bad_word[64];
} pctx;

static void compile_elem(const char *w, size_t n, void *ctx)
{
    pctx *p = ctx;
    cc *c = p->c;
    if (p->bad)
        return;
    if (p->nelem == 32) {
        p->bad = 1;
        return;
    }
    ac_elem *el = &p->elems[p->nelem];
    memset(el, 0, sizeof *el);
    p->joined[p->nelem] = (uint8_t)(p->join_next && p->nelem > 0);
    p->join_next = 0;
    if (n == 1 && *w == '+') {
        el->type = PE_TARGET;
    } else if (n == 1 && *w == '$') {
        el->type = PE_SOURCE;
    } else if (n == 1 && *w == '^') {
        el->type = PE_ANY;
    } else if (n == 1 && *w == '%') {
        el->type = PE_COMPOUND;
    } else if (*w == '&') {
        el->type = PE_SET;
        el->set = AC_MAP_NONE;
        for (uint32_t i = 0; i < c->d->nsets; i++)
            if (strlen(c->d->sets[i].name) == n - 1 && memcmp(c->d->sets[i].name, w + 1, n - 1) == 0)
                el->set = i;
        if (el->set == AC_MAP_NONE) {
            p->bad = 2;
            snprintf(p->bad_word, sizeof p->bad_word, "%.*s", (int)n, w);
            return;
        }
    } else {
        int is_head = *w == '*';
        if (is_head) {
            w++;
            n--;
        }
        /* "*ban=": the head matches this very form only (TABARI's '='). */
        if (is_head && n > 1 && w[n - 1] == '=') {
            n--;
            p->head_exact = 1;
        }
        uint32_t alts[16];
        uint16_t na = 0;
        uint8_t stems = 0, forms = 0;
        const char *e = w + n;
        while (w < e && na < 16) {
            const char *slash = memchr(w, '/', (size_t)(e - w));
            const char *ae = slash ? slash : e;
            uint32_t id = ae > w ? word_find(c, w, (size_t)(ae - w)) : 0;
            if (!id) {
                p->bad = 3;
                snprintf(p->bad_word, sizeof p->bad_word, "%.*s", (int)(ae - w), w);
                return;
            }
            const ac_word *aw = &((ac_word *)c->words.data)[id];
            if (!is_head && na < 8 && ae - w > 1 && ae[-1] == '~' && (aw->flags & WF_STEM)) {
                stems |= (uint8_t)(1u << na);
                alts[na++] = id;
            } else if (!is_head && na < 8 && ae - w > 1 && ae[-1] == '=') {
                forms |= (uint8_t)(1u << na);      /* "resolution=": this form only */
                alts[na++] = id;
            } else {
                alts[na++] = aw->base;
            }
            if (is_head)
                p->head_word = id;
            w = slash ? slash + 1 : e;
        }
        if (is_head) {
            if (na != 1) {
                p->bad = 3;
                snprintf(p->bad_word, sizeof p->bad_word, "*%s (a head has one word)", "");
                return;
            }
            p->head = p->nelem;
            p->head_base = alts[0];
        }
        el->type = PE_WORD;
        el->stems = stems;
        el->forms = forms;
        el->nalt = na;
        uint32_t *a = ac_arena_alloc(&c->d->arena, na * sizeof *a);
        if (!a) {
            c->oom = 1;
            return;
        }
        memcpy(a, alts, na * sizeof *a);
        el->alts = a;
    }
    p->nelem++;
}

/* The length of the longest set name that [w, e) starts with at a '_'
 * boundary (set names may hold '_': C_CRIME, FIGHT_OF_WORDS), or 0. */
static size_t set_name_len(const cc *c, const char *w, const char *e)
{
    size_t best = 0;
    for (const char *q = w; q <= e; q++) {
        if (q < e && *q != '_')
            continue;
        size_t n = (size_t)(q - w);
        for (uint32_t i = 0; i < c->d->nsets && n > best; i++)
            if (strlen(c->d->sets[i].name) == n && memcmp(c->d->sets[i].name, w, n) == 0)
                best = n;
    }
    return best;
}

/* Splits a pattern into its elements: words separated by blanks, or joined
 * by '_' when nothing may stand between them ("show_no_*sign",
 * "&NEGAUX_ever"; a token may also start or end with '_' to join its
 * neighbour). A '&' set name is the longest known one. */
static void each_elem(pctx *p, const char *s)
{
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        const char *t = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        const char *e = s;
        if (t < e && *t == '_') {
            p->join_next = 1;
            t++;
        }
        int join_after = e > t && e[-1] == '_';
        if (join_after)
            e--;
        while (t < e) {
            const char *pe;
            if (*t == '&' || (*t == '*' && t + 1 < e && t[1] == '&')) {
                size_t off = *t == '*' ? 2 : 1;
                size_t n = set_name_len(p->c, t + off, e);
                pe = n ? t + off + n : memchr(t, '_', (size_t)(e - t));
                if (!pe)
                    pe = e;
            } else {
                pe = memchr(t, '_', (size_t)(e - t));
                if (!pe)
                    pe = e;
            }
            if (pe > t)
                compile_elem(t, (size_t)(pe - t), p);
            if (pe < e)
                p->join_next = 1;
            t = pe < e ? pe + 1 : e;
        }
        if (join_after)
            p->join_next = 1;
    }
}

/* TABARI's length of a pattern (manual 5.7.1): the letters and digits of
 * its words, the head, actors, synsets and blanks not counted; of
 * alternatives, the longest. */
static uint16_t pattern_length(const ac_dict *d, const pctx *p)
{
    size_t len = 0;
    for (int k = 0; k < p->nelem; k++) {
        const ac_elem *el = &p->elems[k];
        size_t best = 0;
        if (k == p->head)
            continue;
        if (el->type == PE_WORD) {
            for (uint16_t a = 0; a < el->nalt; a++) {
                const char *t = d->words[el->alts[a]].text;
                size_t l = t ? strlen(t) : 0;
                best = l > best ? l : best;
            }
        }
        len += best;
    }
    return (uint16_t)(len < UINT16_MAX - 1 ? len : UINT16_MAX - 1);
}

typedef struct hp {
    uint32_t head, pat;
    uint32_t form;
    uint16_t weight;
    uint32_t seq;
} hp;

static int cmp_hp(const void *a, const void *b)
{
    const hp *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    if ((x->form != 0) != (y->form != 0))
        return x->form ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void compile_patterns(cc *c)
{
    ac_dict *d = c->d;
    ac_dict_builder *b = c->b;
    d->patterns = ac_arena_calloc(&d->arena, b->patterns.len + 1, sizeof *d->patterns);
    hp *order = calloc(b->patterns.len + 1, sizeof *order);
    if (!d->patterns || !order) {
        free(order);
        c->oom = 1;
        return;
    }
    uint32_t np = 0;
    for (size_t i = 0; i < b->patterns.len; i++) {
        const bpattern *bp = ac_vec_at(&b->patterns, i);
        pctx p;
        memset(&p, 0, sizeof p);
        p.c = c;
        p.head = -1;
        each_elem(&p, bp->text);
        if (p.bad || p.head < 0) {
            b->bad_lines++;
            ac_warn(b->diag, b->diag_ctx, AC_EDICT, bp->file, bp->line, UINT64_MAX,
                    p.bad == 2 ? "unknown set '%s'" : p.bad == 1 ? "pattern too long%s" : "bad pattern word '%s'",
                    p.bad_word);
            continue;
        }
        const char *unknown = bp->code && !ac_cameo_lookup(d, bp->code) ? bp->code
                              : bp->code2 && !ac_cameo_lookup(d, bp->code2) ? bp->code2 : NULL;
        if (unknown || (!bp->code && !bp->code2)) {
            b->bad_lines++;
            ac_warn(b->diag, b->diag_ctx, AC_EDICT, bp->file, bp->line, UINT64_MAX,
                    "unknown CAMEO code '%s'", unknown ? unknown : "");
            continue;
        }
        ac_pattern *pt = &d->patterns[np];
        pt->code = bp->code ? ac_cameo_lookup(d, bp->code)->code : NULL;
        pt->code2 = bp->code2 ? ac_cameo_lookup(d, bp->code2)->code : NULL;
        pt->subordinate = bp->subordinate;
        pt->text = ac_arena_strdup(&d->arena, bp->text);
        char where[512];
        snprintf(where, sizeof where, "%s:%u", bp->file, bp->line);
        pt->where = ac_arena_strdup(&d->arena, where);
        pt->head = p.head_base;
        /* The community's dictionaries list forms as verbs of their own
         * (PETRARCH's LEFT [032:033] beside LEAVE [012]): such a pattern
         * matches only that form, and before the base's patterns. */
        pt->head_form = (bp->lenient && p.head_word != p.head_base) || p.head_exact ? p.head_word : 0;
        pt->npre = (uint16_t)p.head;
        pt->npost = (uint16_t)(p.nelem - p.head - 1);
        ac_elem *pre = ac_arena_alloc(&d->arena, (pt->npre + 1) * sizeof *pre);
        ac_elem *post = ac_arena_alloc(&d->arena, (pt->npost + 1) * sizeof *post);
        if (!pre || !post || !pt->text || !pt->where) {
            c->oom = 1;
            break;
        }
        for (int k = 0; k < p.head; k++) {
            pre[k] = p.elems[p.head - 1 - k];      /* nearest first */
            pre[k].adjacent = p.joined[p.head - k]; /* joined to its right */
        }
        for (int k = 0; k < pt->npost; k++) {
            post[k] = p.elems[p.head + 1 + k];
            post[k].adjacent = p.joined[p.head + 1 + k];
        }
        pt->pre = pre;
        pt->post = post;
        for (int k = 0; k < p.nelem; k++) {
            if (p.elems[k].type == PE_TARGET || (p.elems[k].type == PE_COMPOUND && k > p.head))
                pt->has_target = 1;             /* "agree with %": the compound is the target */
            if (p.elems[k].type == PE_SOURCE)
                pt->has_source = 1;
        }
        for (int k = 0; k < p.nelem; k++) {
            const ac_elem *el = &p.elems[k];
            if (k != p.head && el->type == PE_WORD && el->nalt == 1 && !el->stems && !el->forms)
                pt->need |= 1ull << (el->alts[0] & 63);
        }
        pt->weight = bp->by_length == 2 ? 0 : bp->by_length ? (uint16_t)(pattern_length(d, &p) + 1)
                                                             : (uint16_t)p.nelem;
        pt->seq = (uint32_t)i;
        order[np].head = pt->head;
        order[np].form = pt->head_form;
        order[np].pat = np;
        order[np].weight = pt->weight;
        order[np].seq = pt->seq;
        ac_word *hw = &((ac_word *)c->words.data)[pt->head];
        hw->flags |= WF_HEAD;
        /* A head written in a past form (TABARI's CALLED_ON, RISEN) is its
         * own base: mark the form, so the coder reads "has called" as a verb. */
        size_t hl = hw->text ? strlen(hw->text) : 0;
        if (hl > 4 && !(hw->flags & (WF_PAST | WF_PP | WF_ING)) &&
            ((hw->text[hl - 2] == 'e' && hw->text[hl - 1] == 'd') ||
             (hw->text[hl - 2] == 'e' && hw->text[hl - 1] == 'n' && hw->text[hl - 3] != 'e')))
            hw->flags |= WF_PAST | WF_PP;
        np++;
    }
    d->npatterns = np;
    qsort(order, np, sizeof *order, cmp_hp);
    /* head_lists: for each head a run [count, pattern...]. */
    d->head_lists = ac_arena_alloc(&d->arena, (2 * (size_t)np + 1) * sizeof *d->head_lists);
    if (!d->head_lists || ac_map_init(&d->heads, np / 2 + 8) != 0) {
        free(order);
        c->oom = 1;
        return;
    }
    size_t w = 0;
    for (uint32_t i = 0; i < np;) {
        uint32_t j = i;
        while (j < np && order[j].head == order[i].head)
            j++;
        if (ac_map_put(&d->heads, order[i].head, (uint32_t)w) != 0)
            c->oom = 1;
        d->head_lists[w++] = j - i;
        for (uint32_t k = i; k < j; k++)
            d->head_lists[w++] = order[k].pat;
        d->stats.verbs++;
        i = j;
    }
    d->stats.patterns = np;
    free(order);
}

const uint32_t *ac_dict_patterns_for(const ac_dict *d, uint32_t base, uint32_t *n)
{
    uint32_t at = ac_map_get(&d->heads, base);
    if (at == AC_MAP_NONE) {
        *n = 0;
        return NULL;
    }
    *n = d->head_lists[at];
    return &d->head_lists[at + 1];
}

/* ---- sets ------------------------------------------------------------------- */

/* A phrase's first word (0 when it has none), the key set phrases are
 * sorted by. */
static uint32_t phrase_key(const ac_phrase *p) { return p->n ? p->bases[0] : 0; }

typedef struct keyed { uint32_t key, index; } keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts a set's phrases by their first word, keeping the written order
 * among phrases that share it, so that the coder finds a token's candidates
 * by binary search (ac_set's contract, dict.h) and the first of them that
 * matches is the one the written order gives. */
static void sort_phrases(ac_phrase *ph, uint32_t n, int *oom)
{
    if (n < 2)
        return;
    keyed *k = malloc(n * sizeof *k);
    ac_phrase *copy = malloc(n * sizeof *copy);
    if (!k || !copy) {
        free(k);
        free(copy);
        *oom = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        k[i].key = phrase_key(&ph[i]);
        k[i].index = i;
    }
    qsort(k, n, sizeof *k, cmp_keyed);
    memcpy(copy, ph, n * sizeof *copy);
    for (uint32_t i = 0; i < n; i++)
        ph[i] = copy[k[i].index];
    free(k);
    free(copy);
}

static void compile_sets(cc *c)
{
    ac_dict *d = c->d;
    ac_dict_builder *b = c->b;
    d->sets = ac_arena_calloc(&d->arena, b->sets.len + 1, sizeof *d->sets);
    if (!d->sets) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < b->sets.len; i++) {
        const bset *s = ac_vec_at(&b->sets, i);
        for (uint32_t k = 0; k < d->nsets; k++)
            if (strcmp(d->sets[k].name, s->name) == 0) {
                b->bad_lines++;
                ac_warn(b->diag, b->diag_ctx, AC_EDICT, s->file, s->line, UINT64_MAX,
                        "set '%s' is defined twice", s->name);
                goto next;
            }
        ac_set *ds = &d->sets[d->nsets++];
        ds->name = ac_arena_strdup(&d->arena, s->name);
        ac_phrase *ph = ac_arena_calloc(&d->arena, s->nphrases, sizeof *ph);
        if (!ph || !ds->name) {
            c->oom = 1;
            return;
        }
        for (size_t k = 0; k < s->nphrases; k++) {
            uint32_t bases[16];
            uint16_t nb = 0;
            const char *p = s->phrases[k];
            while (*p && nb < 16) {
                while (*p == ' ')
                    p++;
                const char *w = p;
                while (*p && *p != ' ')
                    p++;
                size_t wl = (size_t)(p - w);
                /* "didn't" is two tokens in the text, as the tokenizer cuts it. */
                size_t cut = wl > 3 && !memcmp(p - 3, "n't", 3) ? wl - 3 : wl;
                if (wl == 1 && *w == '*') {
                    if (nb > 0 && c->d->gap_word)
                        bases[nb++] = c->d->gap_word;
                    continue;
                }
                if (cut) {
                    uint32_t id = word_find(c, w, cut);
                    bases[nb++] = id ? ((ac_word *)c->words.data)[id].base : 0;
                }
                if (cut < wl && nb < 16) {
                    uint32_t id = word_find(c, p - 3, 3);
                    bases[nb++] = id ? ((ac_word *)c->words.data)[id].base : 0;
                }
            }
            uint32_t *a = ac_arena_alloc(&d->arena, (nb + 1) * sizeof *a);
            if (!a) {
                c->oom = 1;
                return;
            }
            memcpy(a, bases, nb * sizeof *a);
            ph[ds->n].bases = a;
            ph[ds->n].n = nb;
            ds->n++;
        }
        sort_phrases(ph, ds->n, &c->oom);
        ds->phrases = ph;
    next:;
    }
}

static void register_set_word(const char *w, size_t n, void *ctx)
{
    if (n == 1 && *w == '*') {
        /* A gap in a set phrase ("austrian * florin"), as in names. */
        cc *c = ctx;
        c->d->gap_word = word_add(c, "*", 1, 0, 0);
        return;
    }
    if (n > 3 && !memcmp(w + n - 3, "n't", 3)) {
        register_pattern_word(w, n - 3, ctx);    /* "didn't": did + n't */
        register_pattern_word(w + n - 3, 3, ctx);
        return;
    }
    register_pattern_word(w, n, ctx);
}

static void register_set_words(cc *c)
{
    for (size_t i = 0; i < c->b->sets.len; i++) {
        const bset *s = ac_vec_at(&c->b->sets, i);
        for (size_t k = 0; k < s->nphrases; k++)
            each_word(s->phrases[k], register_set_word, c);
    }
}

/* ---- CAMEO table -------------------------------------------------------------- */

static int cmp_cameo(const void *a, const void *b)
{
    return strcmp(((const ac_cameo_info *)a)->code, ((const ac_cameo_info *)b)->code);
}

const ac_cameo_info *ac_cameo_lookup(const ac_dict *d, const char *code)
{
    if (!d || !code)
        return NULL;
    size_t lo = 0, hi = d->ncameo;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strcmp(d->cameo[mid].code, code);
        if (r == 0)
            return &d->cameo[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void compile_cameo(cc *c)
{
    ac_dict *d = c->d;
    size_t n = c->b->cameo.len;
    d->cameo = ac_arena_alloc(&d->arena, (n + 1) * sizeof *d->cameo);
    if (!d->cameo) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const ac_cameo_info *s = ac_vec_at(&c->b->cameo, i);
        ac_cameo_info *t = &d->cameo[i];
        t->code = ac_arena_strdup(&d->arena, s->code);
        t->name = ac_arena_strdup(&d->arena, s->name);
        t->plover = ac_arena_strdup(&d->arena, s->plover);
        t->goldstein = s->goldstein;
        t->quad = s->quad;
        if (!t->code || !t->name || !t->plover)
            c->oom = 1;
    }
    for (size_t i = 0; i < n; i++)
        d->cameo[i].negation = NULL;
    qsort(d->cameo, n, sizeof *d->cameo, cmp_cameo);
    /* Keep the first of duplicated codes. */
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w && strcmp(d->cameo[w - 1].code, d->cameo[i].code) == 0)
            continue;
        d->cameo[w++] = d->cameo[i];
    }
    d->ncameo = (uint32_t)w;
    d->stats.cameo_codes = w;
    /* Negations, both ways ("not A" is B, so "not B" is A). */
    for (size_t i = 0; i < c->b->negations.len; i++) {
        const bnegation *ng = ac_vec_at(&c->b->negations, i);
        ac_cameo_info *x = (ac_cameo_info *)ac_cameo_lookup(d, ng->code);
        ac_cameo_info *y = (ac_cameo_info *)ac_cameo_lookup(d, ng->negated);
        if (x && y) {
            x->negation = y->code;
            y->negation = x->code;
        }
    }
}

/* The quad class of a code outside the CAMEO table, from its root: CAMEO's
 * roots 01-05 are verbal cooperation, 06-08 material cooperation, 09-14
 * verbal conflict, 15-20 material conflict. */
static int quad_of_root(const char *code)
{
    int root = (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9')
                   ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
    return root <= 5 ? 1 : root <= 8 ? 2 : root <= 14 ? 3 : 4;
}

/* Community dictionaries (bpattern.lenient) may use codes the CAMEO table
 * lacks (WEIS-era or project codes): they are added to the table with a
 * Goldstein score of 0 and the quad class of their root, and counted.
 * Returns 1 when the table must be compiled again. */
static int add_lenient_codes(cc *c)
{
    ac_dict_builder *b = c->b;
    size_t before = b->cameo.len;
    for (size_t i = 0; i < b->patterns.len; i++) {
        const bpattern *bp = ac_vec_at(&b->patterns, i);
        if (!bp->lenient)
            continue;
        const char *codes[2] = {bp->code, bp->code2};
        for (int k = 0; k < 2; k++) {
            const char *code = codes[k];
            if (!code || ac_cameo_lookup(c->d, code))
                continue;
            int seen = 0;
            for (size_t j = before; j < b->cameo.len && !seen; j++)
                seen = strcmp(((ac_cameo_info *)ac_vec_at(&b->cameo, j))->code, code) == 0;
            if (seen || strlen(code) < 2)
                continue;
            ac_cameo_info *ci = ac_vec_push(&b->cameo);
            if (!ci) {
                c->oom = 1;
                return 0;
            }
            ci->code = code;
            ci->name = "(not in the CAMEO table)";
            ci->plover = "";
            ci->goldstein = 0;
            ci->quad = quad_of_root(code);
        }
    }
    c->d->stats.cameo_added = b->cameo.len - before;
    return b->cameo.len > before;
}

/* ---- entries ------------------------------------------------------------------- */

/* The row of the theme table whose theme is `code`, or NULL. rows holds the
 * indexes of the table rows among the builder's actors. */
static const bactor *theme_row(const cc *c, const uint32_t *rows, size_t nrows, const char *code)
{
    for (size_t k = 0; k < nrows; k++) {
        const bactor *t = ac_vec_at(&c->b->actors, rows[k]);
        if (strcmp(t->codes[0].code, code) == 0)
            return t;
    }
    return NULL;
}

static void compile_actors(cc *c)
{
    ac_dict *d = c->d;
    ac_dict_builder *b = c->b;
    /* The theme table first: a theme phrase takes the GKG themes of its row. */
    uint32_t *rows = NULL;
    size_t nrows = 0;
    for (size_t i = 0; i < b->actors.len; i++) {
        const bactor *a = ac_vec_at(&b->actors, i);
        if (a->kind != BK_THEME_TABLE)
            continue;
        if (theme_row(c, rows, nrows, a->codes[0].code)) {
            b->bad_lines++;
            ac_warn(b->diag, b->diag_ctx, AC_EDICT, a->file, a->line, UINT64_MAX,
                    "theme '%s' is already in the theme table", a->codes[0].code);
            continue;
        }
        uint32_t *nr = realloc(rows, (nrows + 1) * sizeof *rows);
        if (!nr) {
            c->oom = 1;
            free(rows);
            return;
        }
        rows = nr;
        rows[nrows++] = (uint32_t)i;
    }
    for (size_t i = 0; i < c->b->actors.len; i++) {
        const bactor *a = ac_vec_at(&c->b->actors, i);
        bactor themed;
        if (a->kind == BK_THEME_TABLE) {
            int kept = 0;
            for (size_t k = 0; k < nrows; k++)
                kept |= rows[k] == i;
            if (!kept)
                continue;                  /* a duplicate, reported above */
        } else if (a->kind == BK_THEME) {
            const bactor *row = theme_row(c, rows, nrows, a->codes[0].code);
            if (!row) {
                b->bad_lines++;
                ac_warn(b->diag, b->diag_ctx, AC_EDICT, a->file, a->line, UINT64_MAX,
                        "theme '%s' is not in the theme table", a->codes[0].code);
                continue;
            }
            themed = *a;
            themed.codes = row->codes;     /* the theme, then its GKG themes */
            themed.ncodes = row->ncodes;
            a = &themed;
        }
        ac_entry *e = ac_vec_push(&c->entries);
        if (!e) {
            c->oom = 1;
            break;
        }
        uint32_t eid = (uint32_t)(c->entries.len - 1);
        e->kind = (uint8_t)a->kind;
        e->prefix = a->prefix;
        e->ncodes = a->ncodes;
        ac_code_range *codes = ac_arena_alloc(&d->arena, (a->ncodes + 1) * sizeof *codes);
        if (!codes) {
            c->oom = 1;
            break;
        }
        for (uint32_t k = 0; k < a->ncodes; k++) {
            codes[k] = a->codes[k];
            codes[k].code = ac_arena_strdup(&d->arena, a->codes[k].code);
        }
        e->codes = codes;
        e->name = ac_arena_strdup(&d->arena, a->names[0]);
        e->file = ac_arena_strdup(&d->arena, a->file);
        e->line = a->line;
        size_t good = 0;
        for (size_t k = 0; k < a->nnames && a->kind != BK_THEME_TABLE; k++) {
            if (name_add(c, a->names[k], eid, NULL, a->caps))
                good++;
            if (a->kind == BK_AGENT && !a->exact) {
                char pl[256];
                const char *p = plural(a->names[k], pl, sizeof pl);
                if (p)
                    name_add(c, a->names[k], eid, p, a->caps);
            }
        }
        d->stats.actor_names += a->kind <= BK_AGREEMENT ? good : 0;
        switch (a->kind) {
        case BK_COUNTRY: d->stats.countries++; break;
        case BK_IGO: d->stats.igos++; break;
        case BK_GROUP: d->stats.groups++; break;
        case BK_PERSON: d->stats.people++; break;
        case BK_AGREEMENT: d->stats.agreements++; break;
        case BK_AGENT:
            d->stats.agents++;
            d->stats.agent_names += good;
            break;
        case BK_DISCARD:
        case BK_DISCARD_STORY:
            d->stats.discards += good ? 1 : 0;
            break;
        case BK_ISSUE:
        case BK_ISSUE_IGNORE:
            d->stats.issues += good ? 1 : 0;
            break;
        case BK_THEME_TABLE: d->stats.themes++; break;
        case BK_THEME: d->stats.theme_phrases += good ? 1 : 0; break;
        case BK_TONE: d->stats.tone_words += good ? 1 : 0; break;
        }
    }
    free(rows);
}

const char *ac_entry_code(const ac_entry *e, int32_t date)
{
    if (date) {
        for (uint32_t i = 0; i < e->ncodes; i++)
            if (e->codes[i].dated && date >= e->codes[i].from && date <= e->codes[i].to)
                return e->codes[i].code;
    }
    for (uint32_t i = 0; i < e->ncodes; i++)
        if (!e->codes[i].dated)
            return e->codes[i].code;
    /* No story date: take the most recent dated code. */
    if (!date && e->ncodes)
        return e->codes[e->ncodes - 1].code;
    return NULL;
}

const char *ac_kind_name(ac_kind k)
{
    switch (k) {
    case AK_COUNTRY: return "country";
    case AK_IGO: return "igo";
    case AK_GROUP: return "group";
    case AK_PERSON: return "person";
    case AK_AGREEMENT: return "agreement";
    case AK_AGENT: return "agent";
    case AK_THEME: return "theme";
    case AK_THEME_TABLE: return "theme-table";
    case AK_TONE: return "tone";
    case AK_NOUN: return "noun";
    case AK_ADJECTIVE: return "adjective";
    default: return "none";
    }
}

/* ---- build -------------------------------------------------------------------- */

ac_status ac_dict_build(ac_dict_builder *b, ac_dict **out, ac_error *err)
{
    *out = NULL;
    if (!b)
        return ac_error_set(err, AC_EINVAL, NULL, 0, UINT64_MAX, "no builder");
    ac_dict *d = calloc(1, sizeof *d);
    if (!d) {
        ac_dict_builder_free(b);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    }
    ac_arena_init(&d->arena, 1 << 20);
    cc c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.b = b;
    ac_vec_init(&c.words, sizeof(ac_word));
    ac_vec_init(&c.terms, sizeof(ac_term));
    ac_vec_init(&c.node_terms, sizeof(uint32_t));
    ac_vec_init(&c.entries, sizeof(ac_entry));
    if (ac_map_init(&d->vocab, 1 << 15) != 0 || ac_map_init(&d->edges, 1 << 15) != 0)
        c.oom = 1;
    ac_word *w0 = ac_vec_push(&c.words);       /* id 0: unknown */
    if (w0)
        w0->text = "";
    node_new(&c);                              /* node 0: the trie root */

    compile_cameo(&c);
    if (add_lenient_codes(&c))
        compile_cameo(&c);

    /* 1. Irregular verbs: their forms are locked to their base. */
    for (size_t i = 0; i < b->irregular.len; i++) {
        const birregular *ir = ac_vec_at(&b->irregular, i);
        /* A stem's irregular forms ("speed~": sped) belong to the stem. */
        char b0[128];
        snprintf(b0, sizeof b0, "%s", ir->forms[0]);
        size_t l0 = strlen(b0);
        if (l0 > 1 && b0[l0 - 1] == '~')
            b0[--l0] = '\0';
        uint32_t base = word_add(&c, b0, l0, 0, WF_LOCKED);
        static const uint32_t form_flags[5] = {0, WF_PAST, WF_PP, 0, WF_ING};
        for (int k = 1; k < ir->n; k++) {
            const char *f = ir->forms[k];
            const char *slash;
            /* "was/were"-style alternatives are not in the format, but
             * tolerate "got/gotten" by taking each form separately. */
            while ((slash = strchr(f, '/'))) {
                form_add(&c, f, (size_t)(slash - f), base, form_flags[k]);
                f = slash + 1;
            }
            form_add(&c, f, strlen(f), base, form_flags[k]);
        }
        inflect(&c, b0, base, 0);
    }
    d->stats.irregular = b->irregular.len;

    /* 2. English closed-class words. */
    for (size_t i = 0; i < AC_ENGLISH_COUNT; i++) {
        const ac_english_word *e = &AC_ENGLISH[i];
        uint32_t id = word_add(&c, e->word, strlen(e->word), 0, e->flags | WF_LOCKED);
        /* A listed plural ("efforts") has its listed singular as base, so a
         * pattern's "effort" matches it as any noun's plural. */
        size_t wl = strlen(e->word);
        uint32_t sing = !e->inflect && wl > 3 && e->word[wl - 1] == 's' ? word_find(&c, e->word, wl - 1) : 0;
        if (sing && sing != id) {
            ac_word *pw = ac_vec_at(&c.words, id);
            if (pw->base == id)
                pw->base = ((ac_word *)c.words.data)[sing].base;
        }
        if (e->inflect) {
            inflect(&c, e->word, id, e->flags);
            /* Irregular forms of the word get its flags too. */
            for (size_t k = 0; k < b->irregular.len; k++) {
                const birregular *ir = ac_vec_at(&b->irregular, k);
                if (strcmp(ir->forms[0], e->word) != 0)
                    continue;
                for (int f = 1; f < ir->n; f++)
                    word_add(&c, ir->forms[f], strlen(ir->forms[f]), id, e->flags);
            }
        }
    }

    /* 3. Pattern and set words, with their inflections. */
    for (size_t i = 0; i < b->patterns.len; i++)
        each_word(((bpattern *)ac_vec_at(&b->patterns, i))->text, register_pattern_word, &c);
    register_set_words(&c);
    resolve_bases(&c);

    /* 4. Names. */
    compile_actors(&c);

    /* 5. Sets and patterns, now that every base is final. */
    d->words = c.words.data;
    d->nwords = (uint32_t)c.words.len;
    compile_sets(&c);
    compile_patterns(&c);

    d->terms = c.terms.data;
    d->nterms = (uint32_t)c.terms.len;
    d->node_terms = c.node_terms.data;
    d->nnodes = (uint32_t)c.node_terms.len;
    d->entries = c.entries.data;
    d->nentries = (uint32_t)c.entries.len;

    d->stats.files = b->files;
    d->stats.lines_bad = b->bad_lines;
    d->stats.sets = d->nsets;
    d->stats.words = d->nwords;
    for (uint32_t i = 0; i < d->nwords; i++)
        d->stats.stems += (d->words[i].flags & WF_STEM) != 0;
    d->stats.memory_bytes = d->arena.total + d->vocab.cap * 12 + d->edges.cap * 12 +
                            d->heads.cap * 12 + c.words.cap * sizeof(ac_word) +
                            c.terms.cap * sizeof(ac_term) + c.node_terms.cap * 4 +
                            c.entries.cap * sizeof(ac_entry);
    ac_dict_builder_free(b);
    if (c.oom) {
        ac_dict_free(d);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory while compiling the dictionary");
    }
    *out = d;
    return AC_OK;
}

void ac_dict_free(ac_dict *d)
{
    if (!d)
        return;
    if (d->image) {
        /* Opened from an image (image.c): everything is in the mapping. */
        munmap(d->image, d->image_len);
        free(d);
        return;
    }
    ac_map_free(&d->vocab);
    ac_map_free(&d->edges);
    ac_map_free(&d->heads);
    free(d->words);
    free(d->terms);
    free(d->node_terms);
    free(d->entries);
    ac_arena_free(&d->arena);
    free(d);
}

void ac_dict_get_stats(const ac_dict *d, ac_dict_stats *out)
{
    *out = d->stats;
}
