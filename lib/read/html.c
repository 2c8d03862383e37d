/*
 * html.c -- HTML pages: libxml2's recovering parser, then a boilerplate
 * scorer that keeps the article body and drops the rest of the page.
 *
 * The extraction works on the DOM in five steps:
 *
 *   1. Every element gets a record (node_info), in document order. An
 *      element is junk when its tag is never news (nav, header, footer,
 *      script, style, aside, iframe, button, ...), when it is hidden
 *      (hidden, aria-hidden, display:none) or has a role such as navigation
 *      or complementary ("hard" junk), or when a word of its class or id
 *      says so (nav, menu, share, social, cookie, newsletter, comment,
 *      related, promo, advert, form, ...; "soft" junk). The <meta> tags,
 *      <title>, the first <h1> and the first <time> are noted on the way.
 *   2. Text lengths (bytes that are not white space), link text and commas
 *      are summed bottom-up. A soft-junk element that nonetheless holds at
 *      least half of the page's paragraph text (and 500 bytes of it) is a
 *      wrapper with an unlucky class name, and is kept; so is a <form> that
 *      wraps the whole page, as ASP.NET pages do.
 *   3. The root of the article is the <article> with the most text, else
 *      <main>, else role=main, each only when it holds at least 30 % of the
 *      page's clean paragraph text; else the element with the best
 *      readability-style score: every paragraph of 25 bytes or more adds
 *      1 + its commas + one point per 100 bytes (at most 3) to its parent
 *      and half of that to its grandparent, and an element's score is
 *      scaled by (1 - its link density). When siblings of the winner score
 *      well too, their common parent is taken.
 *   4. The root is written out as blocks: p, h1-h6, li, blockquote, div and
 *      the other block elements end a block, br ends a line, white space is
 *      collapsed, junk subtrees are skipped.
 *   5. Each block is scored on its own: blocks that are mostly link text,
 *      that hold no letter or digit, or short ones with the phrases of web
 *      furniture ("indicates required fields", "all rights reserved",
 *      "sign up for", "share this", ...) are dropped. The rest are joined
 *      with a blank line between them.
 *
 * Title: og:title, else <title>, else the first <h1>. Date:
 * article:published_time, else <meta name="date">, else the first
 * <time datetime> (its first ten characters, when they are YYYY-MM-DD),
 * else a few other common meta tags (datePublished, pubdate, dc.date).
 */
#include "read/read_internal.h"

#include "common/error.h"
#include "common/utf8.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE SIZE_MAX
#define TITLE_MAX 1000            /* bytes of title kept */
#define PARA_MIN 25               /* bytes for a paragraph to count in the score */
#define SHORT_BLOCK 200           /* blocks shorter than this are checked for furniture */

enum { JUNK_NONE = 0, JUNK_SOFT, JUNK_HARD };

/* Tag flags. */
enum {
    F_DROP = 1 << 0,     /* never news: hard junk */
    F_SOFTDROP = 1 << 1, /* usually not news, but may wrap the page (form) */
    F_BLOCK = 1 << 2,    /* ends a block of text */
    F_CELL = 1 << 3,     /* table cell: separated by a space */
    F_PARA = 1 << 4,     /* a paragraph for the scorer */
    F_EXEMPT = 1 << 5    /* never junk because of its class or id (links are
                            judged by link density instead) */
};

/* Tags the extractor cares about. */
enum { K_OTHER = 0, K_A, K_BR, K_ARTICLE, K_MAIN, K_H1, K_TITLE, K_META, K_TIME };

typedef struct tag_def {
    const char *name;
    unsigned flags;
    unsigned char kind;
} tag_def;

static const tag_def tags[] = {
    {"a", F_EXEMPT, K_A},
    {"address", F_BLOCK, K_OTHER},
    {"article", F_BLOCK | F_EXEMPT, K_ARTICLE},
    {"aside", F_DROP, K_OTHER},
    {"audio", F_DROP, K_OTHER},
    {"blockquote", F_BLOCK, K_OTHER},
    {"body", F_BLOCK | F_EXEMPT, K_OTHER},
    {"br", 0, K_BR},
    {"button", F_DROP, K_OTHER},
    {"canvas", F_DROP, K_OTHER},
    {"caption", F_BLOCK, K_OTHER},
    {"center", F_BLOCK, K_OTHER},
    {"dd", F_BLOCK, K_OTHER},
    {"details", F_BLOCK, K_OTHER},
    {"dialog", F_DROP, K_OTHER},
    {"div", F_BLOCK, K_OTHER},
    {"dl", F_BLOCK, K_OTHER},
    {"dt", F_BLOCK, K_OTHER},
    {"embed", F_DROP, K_OTHER},
    {"fieldset", F_DROP, K_OTHER},
    {"figcaption", F_DROP, K_OTHER},
    {"figure", F_DROP, K_OTHER},
    {"footer", F_DROP, K_OTHER},
    {"form", F_SOFTDROP | F_BLOCK, K_OTHER},
    {"h1", F_BLOCK | F_EXEMPT, K_H1},
    {"h2", F_BLOCK, K_OTHER},
    {"h3", F_BLOCK, K_OTHER},
    {"h4", F_BLOCK, K_OTHER},
    {"h5", F_BLOCK, K_OTHER},
    {"h6", F_BLOCK, K_OTHER},
    {"head", F_DROP, K_OTHER},
    {"header", F_DROP, K_OTHER},
    {"hr", F_BLOCK, K_OTHER},
    {"html", F_BLOCK | F_EXEMPT, K_OTHER},
    {"iframe", F_DROP, K_OTHER},
    {"input", F_DROP, K_OTHER},
    {"label", F_DROP, K_OTHER},
    {"legend", F_DROP, K_OTHER},
    {"li", F_BLOCK, K_OTHER},
    {"main", F_BLOCK | F_EXEMPT, K_MAIN},
    {"map", F_DROP, K_OTHER},
    {"menu", F_DROP, K_OTHER},
    {"meta", F_DROP, K_META},
    {"nav", F_DROP, K_OTHER},
    {"noscript", F_DROP, K_OTHER},
    {"object", F_DROP, K_OTHER},
    {"ol", F_BLOCK, K_OTHER},
    {"option", F_DROP, K_OTHER},
    {"p", F_BLOCK | F_PARA, K_OTHER},
    {"picture", F_DROP, K_OTHER},
    {"pre", F_BLOCK | F_PARA, K_OTHER},
    {"script", F_DROP, K_OTHER},
    {"section", F_BLOCK, K_OTHER},
    {"select", F_DROP, K_OTHER},
    {"style", F_DROP, K_OTHER},
    {"summary", F_BLOCK, K_OTHER},
    {"svg", F_DROP, K_OTHER},
    {"table", F_BLOCK, K_OTHER},
    {"tbody", F_BLOCK, K_OTHER},
    {"td", F_CELL, K_OTHER},
    {"template", F_DROP, K_OTHER},
    {"textarea", F_DROP, K_OTHER},
    {"tfoot", F_BLOCK, K_OTHER},
    {"th", F_CELL, K_OTHER},
    {"thead", F_BLOCK, K_OTHER},
    {"time", 0, K_TIME},
    {"title", F_DROP, K_TITLE},
    {"tr", F_BLOCK, K_OTHER},
    {"ul", F_BLOCK, K_OTHER},
    {"video", F_DROP, K_OTHER},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const tag_def *)elem)->name);
}

static const tag_def *tag_of(const xmlNode *n)
{
    static const tag_def other = {"", 0, K_OTHER};
    const tag_def *t = bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0],
                               tag_cmp);
    return t ? t : &other;
}

/* --- class and id words ----------------------------------------------------- */

/* Words of a class or id that mark page furniture... */
static const char *const junk_exact[] = {
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "banner",
    "breadcrumb", "breadcrumbs", "comment", "comments", "commentlist", "consent",
    "cookie", "cookies", "copyright", "disqus", "dropdown", "follow", "footer", "form",
    "forms", "gdpr", "gform", "header", "hidden", "lightbox", "login", "masthead", "menu",
    "menubar", "modal", "nav", "navbar", "navigation", "newsletter", "newsletters",
    "offscreen", "outbrain", "overlay", "pager", "pagination", "popular", "popup",
    "print", "promo", "promos", "promotion", "recommended", "related", "search",
    "searchform", "share", "shares", "sharing", "sidebar", "signup", "skip", "skiplink",
    "social", "sponsor", "sponsored", "subscribe", "subscription", "subscriptions",
    "taboola", "toolbar", "tools", "trending", "widget", "widgets",
};

/* ... and the beginnings of such words (navbar, sharebar, cookiebanner). */
static const char *const junk_prefix[] = {
    "advert", "breadcrumb", "commentform", "commentlist", "consent", "cookie", "footer",
    "gform", "header", "menu", "nav", "newsletter", "outbrain", "popup", "promo",
    "related", "share", "sidebar", "signup", "social", "sponsor", "subscri", "taboola",
    "widget", "wpform",
};

static int junk_word(const char *w)
{
    for (size_t k = 0; k < sizeof junk_exact / sizeof junk_exact[0]; k++)
        if (strcmp(w, junk_exact[k]) == 0)
            return 1;
    for (size_t k = 0; k < sizeof junk_prefix / sizeof junk_prefix[0]; k++)
        if (strncmp(w, junk_prefix[k], strlen(junk_prefix[k])) == 0)
            return 1;
    return 0;
}

/* True when a word of v (split at non-alphanumerics and at camelCase
 * humps, lowercased) marks furniture. */
static int junk_words(const char *v)
{
    char w[32];
    size_t n = 0;
    int overflow = 0;
    for (const unsigned char *p = (const unsigned char *)v;; p++) {
        int alnum = *p && isalnum(*p);
        int hump = alnum && n > 0 && isupper(*p) && islower(p[-1]);
        if (!alnum || hump) {
            if (n > 0 && !overflow) {
                w[n] = '\0';
                if (junk_word(w))
                    return 1;
            }
            n = 0;
            overflow = 0;
        }
        if (!*p)
            return 0;
        if (alnum) {
            if (n < sizeof w - 1)
                w[n++] = (char)tolower(*p);
            else
                overflow = 1;
        }
    }
}

static const char *const junk_roles[] = {
    "alert", "alertdialog", "banner", "complementary", "contentinfo", "dialog", "form",
    "menu", "menubar", "navigation", "search", "tablist", "toolbar",
};

/* --- attributes --------------------------------------------------------------- */

/* The value of attribute name, "" when it has none, NULL when absent. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && strcasecmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->content)
                return (const char *)a->children->content;
            return "";
        }
    }
    return NULL;
}

static int contains_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

static int is_hidden(const xmlNode *n)
{
    const char *v;
    if (attr(n, "hidden"))
        return 1;
    if ((v = attr(n, "aria-hidden")) && strcasecmp(v, "true") == 0)
        return 1;
    if ((v = attr(n, "style"))) {
        char squeezed[128];
        size_t k = 0;
        for (; *v && k < sizeof squeezed - 1; v++)
            if (!isspace((unsigned char)*v))
                squeezed[k++] = *v;
        if (contains_ci(squeezed, k, "display:none") || contains_ci(squeezed, k, "visibility:hidden"))
            return 1;
    }
    return 0;
}

static int role_is(const xmlNode *n, const char *role)
{
    const char *v = attr(n, "role");
    return v && strcasecmp(v, role) == 0;
}

static int junk_role(const xmlNode *n)
{
    const char *v = attr(n, "role");
    if (!v)
        return 0;
    for (size_t k = 0; k < sizeof junk_roles / sizeof junk_roles[0]; k++)
        if (strcasecmp(v, junk_roles[k]) == 0)
            return 1;
    return 0;
}

/* --- the DOM pass -------------------------------------------------------------- */

typedef struct node_info {
    xmlNode *node;
    const tag_def *tag;
    size_t parent;               /* nearest element ancestor, NONE at the top */
    size_t own, own_commas;      /* text directly inside */
    size_t text, link, commas, ptext;   /* subtree sums, hard junk left out */
    size_t ctext, clink, cptext;        /* subtree sums, all junk left out */
    double score;
    unsigned char junk;          /* JUNK_* verdict on the element itself */
    unsigned char in_junk;       /* it or an ancestor is junk */
} node_info;

typedef struct page_scan {
    node_info *info;
    size_t n, cap;
    /* metadata, borrowed from the document */
    const char *og_title, *meta_published, *meta_date, *meta_other;
    xmlNode *title, *h1;
    const char *time_doc;        /* first <time datetime> of the page */
    const char *time_root;       /* first <time datetime> in the article */
} page_scan;

static size_t index_of(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->_private)
        return NONE;
    return (size_t)(uintptr_t)n->_private - 1;
}

/* The node after n in document order within root; n's children are skipped
 * unless descend. */
static xmlNode *next_node(xmlNode *n, const xmlNode *root, int descend)
{
    if (descend && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

static int is_space_at(const unsigned char *p, size_t *len)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
        *len = 1;
        return 1;
    }
    if (p[0] == 0xC2 && p[1] == 0xA0) {   /* no-break space */
        *len = 2;
        return 1;
    }
    return 0;
}

static void count_text(const char *s, size_t *chars, size_t *commas)
{
    size_t c = 0, k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t l;
        if (is_space_at(p, &l)) {
            p += l;
            continue;
        }
        c++;
        k += *p == ',';
        p++;
    }
    *chars += c;
    *commas += k;
}

static void note_meta(page_scan *ps, const xmlNode *n)
{
    const char *content = attr(n, "content");
    if (!content || !content[0])
        return;
    const char *key = attr(n, "property");
    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    if (!key)
        return;
    if (!ps->og_title && strcasecmp(key, "og:title") == 0)
        ps->og_title = content;
    else if (!ps->meta_published && strcasecmp(key, "article:published_time") == 0)
        ps->meta_published = content;
    else if (!ps->meta_date && strcasecmp(key, "date") == 0)
        ps->meta_date = content;
    else if (!ps->meta_other &&
             (strcasecmp(key, "datePublished") == 0 || strcasecmp(key, "pubdate") == 0 ||
              strcasecmp(key, "publishdate") == 0 || strcasecmp(key, "publish-date") == 0 ||
              strcasecmp(key, "og:published_time") == 0 || strcasecmp(key, "dc.date") == 0 ||
              strcasecmp(key, "dc.date.issued") == 0 || strcasecmp(key, "dcterms.created") == 0))
        ps->meta_other = content;
}

static int add_info(page_scan *ps, xmlNode *n)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 256;
        node_info *ni = realloc(ps->info, cap * sizeof *ni);
        if (!ni)
            return 0;
        ps->info = ni;
        ps->cap = cap;
    }
    node_info *e = &ps->info[ps->n];
    memset(e, 0, sizeof *e);
    e->node = n;
    e->tag = tag_of(n);
    e->parent = index_of(n->parent);
    n->_private = (void *)(uintptr_t)(ps->n + 1);
    ps->n++;

    unsigned f = e->tag->flags;
    if (f & F_DROP || is_hidden(n) || junk_role(n)) {
        e->junk = JUNK_HARD;
    } else if (f & F_SOFTDROP) {
        e->junk = JUNK_SOFT;
    } else if (!(f & F_EXEMPT)) {
        const char *v;
        if (((v = attr(n, "class")) && junk_words(v)) || ((v = attr(n, "id")) && junk_words(v)))
            e->junk = JUNK_SOFT;
    }

    switch (e->tag->kind) {
    case K_META: note_meta(ps, n); break;
    case K_TITLE: if (!ps->title) ps->title = n; break;
    case K_H1: if (!ps->h1) ps->h1 = n; break;
    case K_TIME:
        if (!ps->time_doc) {
            const char *dt = attr(n, "datetime");
            if (dt && dt[0])
                ps->time_doc = dt;
        }
        break;
    default: break;
    }
    return 1;
}

/* Step 1: a record per element, in document order. */
static int scan_dom(page_scan *ps, xmlNode *top)
{
    for (xmlNode *n = top; n; n = next_node(n, NULL, 1)) {
        if (n->type == XML_ELEMENT_NODE) {
            if (!add_info(ps, n))
                return 0;
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content) {
            size_t p = index_of(n->parent);
            if (p != NONE)
                count_text((const char *)n->content, &ps->info[p].own, &ps->info[p].own_commas);
        }
    }
    return 1;
}

/* Step 2: sums, the wrapper safety valve, and the clean sums. */
static size_t sum_up(page_scan *ps)
{
    node_info *in = ps->info;
    size_t total = 0;
    for (size_t i = ps->n; i-- > 0;) {
        node_info *e = &in[i];
        e->text += e->own;
        e->commas += e->own_commas;
        if (e->tag->kind == K_A)
            e->link = e->text;
        if (e->tag->flags & F_PARA)
            e->ptext = e->text;
        if (e->junk == JUNK_HARD)
            continue;
        if (e->parent == NONE) {
            total += e->ptext;
            continue;
        }
        node_info *p = &in[e->parent];
        p->text += e->text;
        p->link += e->link;
        p->commas += e->commas;
        p->ptext += e->ptext;
    }
    for (size_t i = 0; i < ps->n; i++) {
        node_info *e = &in[i];
        if (e->junk == JUNK_SOFT && e->ptext >= 500 && e->ptext * 2 >= total)
            e->junk = JUNK_NONE;
        e->in_junk = e->junk != JUNK_NONE || (e->parent != NONE && in[e->parent].in_junk);
    }
    size_t clean_total = 0;
    for (size_t i = ps->n; i-- > 0;) {
        node_info *e = &in[i];
        if (e->in_junk)
            continue;
        e->ctext += e->own;
        if (e->tag->kind == K_A)
            e->clink = e->ctext;
        if (e->tag->flags & F_PARA)
            e->cptext = e->ctext;
        if (e->parent == NONE) {
            clean_total += e->cptext;
            continue;
        }
        node_info *p = &in[e->parent];
        p->ctext += e->ctext;
        p->clink += e->clink;
        p->cptext += e->cptext;
    }
    return clean_total;
}

static double para_score(size_t chars, size_t commas)
{
    double len_points = (double)chars / 100.0;
    return 1.0 + (double)commas + (len_points > 3.0 ? 3.0 : len_points);
}

static void add_score(page_scan *ps, size_t i, double s)
{
    if (i != NONE && !ps->info[i].in_junk)
        ps->info[i].score += s;
}

static double final_score(const node_info *e)
{
    double density = e->ctext ? (double)e->clink / (double)e->ctext : 1.0;
    return e->score * (1.0 - density);
}

/* Step 3, last resort: the best-scoring element (or the parent of it and its
 * good siblings); NONE when no paragraph scored. */
static size_t best_candidate(page_scan *ps)
{
    node_info *in = ps->info;
    for (size_t i = 0; i < ps->n; i++) {
        node_info *e = &in[i];
        if (e->in_junk)
            continue;
        if (e->tag->flags & F_PARA) {
            if (e->ctext >= PARA_MIN) {
                double s = para_score(e->ctext, e->commas);
                add_score(ps, e->parent, s);
                if (e->parent != NONE)
                    add_score(ps, in[e->parent].parent, s / 2);
            }
        } else if (e->tag->flags & (F_BLOCK | F_CELL) && e->own >= PARA_MIN) {
            /* Text set straight in a div or cell, between <br>s. */
            double s = para_score(e->own, e->own_commas);
            add_score(ps, i, s);
            add_score(ps, e->parent, s / 2);
        }
    }
    size_t best = NONE;
    double best_s = 0;
    for (size_t i = 0; i < ps->n; i++) {
        if (in[i].in_junk || in[i].score <= 0)
            continue;
        double s = final_score(&in[i]);
        if (s > best_s) {
            best_s = s;
            best = i;
        }
    }
    if (best == NONE || in[best].parent == NONE)
        return best;
    double bar = best_s * 0.2 > 3.0 ? best_s * 0.2 : 3.0;
    size_t parent = in[best].parent;
    for (xmlNode *s = in[parent].node->children; s; s = s->next) {
        size_t k = index_of(s);
        if (k != NONE && k != best && !in[k].in_junk && in[k].score > 0 &&
            final_score(&in[k]) >= bar)
            return parent;
    }
    return best;
}

/* Step 3: where the article is. */
static size_t choose_root(page_scan *ps, size_t clean_total)
{
    node_info *in = ps->info;
    size_t best[3] = {NONE, NONE, NONE};   /* article, main, role=main */
    for (size_t i = 0; i < ps->n; i++) {
        node_info *e = &in[i];
        if (e->in_junk || e->ctext == 0)
            continue;
        int k = e->tag->kind == K_ARTICLE ? 0 : e->tag->kind == K_MAIN ? 1
              : role_is(e->node, "main")  ? 2 : -1;
        if (k >= 0 && (best[k] == NONE || e->ctext > in[best[k]].ctext))
            best[k] = i;
    }
    for (int k = 0; k < 3; k++) {
        if (best[k] == NONE)
            continue;
        if (clean_total == 0 || in[best[k]].cptext * 10 >= clean_total * 3)
            return best[k];
    }
    size_t c = best_candidate(ps);
    if (c != NONE)
        return c;
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp((const char *)in[i].node->name, "body") == 0 && !in[i].in_junk)
            return i;
    return ps->n > 0 && !in[0].in_junk ? 0 : NONE;
}

/* --- writing the text ------------------------------------------------------------ */

typedef struct block {
    size_t start, len, link;
} block;

typedef struct writer {
    page_scan *ps;
    ac_buf raw;                 /* the blocks, one after another */
    block *blocks;
    size_t nblocks, cap;
    size_t start;               /* where the current block starts in raw */
    size_t link;                /* link bytes of the current block */
    int space, newline;         /* pending separators */
    int in_a;
    int failed;
} writer;

static void end_block(writer *w)
{
    if (w->raw.len > w->start) {
        if (w->nblocks == w->cap) {
            size_t cap = w->cap ? w->cap * 2 : 64;
            block *nb = realloc(w->blocks, cap * sizeof *nb);
            if (!nb) {
                w->failed = 1;
                return;
            }
            w->blocks = nb;
            w->cap = cap;
        }
        w->blocks[w->nblocks++] = (block){w->start, w->raw.len - w->start, w->link};
    }
    w->start = w->raw.len;
    w->link = 0;
    w->space = w->newline = 0;
}

static void put(writer *w, const char *s, size_t n)
{
    if (ac_buf_append(&w->raw, s, n) != AC_OK)
        w->failed = 1;
}

/* Appends text with white space collapsed. */
static void write_text(writer *w, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t l;
        if (is_space_at(p, &l)) {
            w->space = 1;
            p += l;
            continue;
        }
        const unsigned char *run = p;
        while (*p && !is_space_at(p, &l))
            p++;
        if (w->raw.len > w->start) {
            if (w->newline)
                put(w, "\n", 1);
            else if (w->space)
                put(w, " ", 1);
        }
        w->space = w->newline = 0;
        put(w, (const char *)run, (size_t)(p - run));
        if (w->in_a)
            w->link += (size_t)(p - run);
    }
}

/* Called on entering a node; returns 1 when its children are to be visited
 * (and leave called afterwards). */
static int enter(writer *w, xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            write_text(w, (const char *)n->content);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    size_t i = index_of(n);
    if (i == NONE || w->ps->info[i].in_junk)
        return 0;
    const tag_def *t = w->ps->info[i].tag;
    if (t->kind == K_BR) {
        if (w->raw.len > w->start)
            w->newline = 1;
        return 0;
    }
    if (t->flags & F_BLOCK)
        end_block(w);
    else if (t->flags & F_CELL)
        w->space = 1;
    if (t->kind == K_A)
        w->in_a++;
    if (t->kind == K_TIME && !w->ps->time_root) {
        const char *dt = attr(n, "datetime");
        if (dt && dt[0])
            w->ps->time_root = dt;
    }
    return 1;
}

static void leave(writer *w, xmlNode *n)
{
    size_t i = index_of(n);
    if (i == NONE)
        return;
    const tag_def *t = w->ps->info[i].tag;
    if (t->flags & F_BLOCK)
        end_block(w);
    else if (t->flags & F_CELL)
        w->space = 1;
    if (t->kind == K_A && w->in_a > 0)
        w->in_a--;
}

/* Step 4: the root's blocks, in document order. */
static void write_blocks(writer *w, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int entered = enter(w, n);
        if (entered && n->children) {
            n = n->children;
            continue;
        }
        if (entered)
            leave(w, n);
        while (n != root && !n->next) {
            n = n->parent;
            leave(w, n);
        }
        if (n == root)
            break;
        n = n->next;
    }
    end_block(w);
}

/* Short lines that are web furniture, not news. */
static const char *const furniture[] = {
    "indicates required field", "required fields are marked", "all rights reserved",
    "sign up for", "sign up to", "subscribe to", "subscribe now", "newsletter", "cookie",
    "enable javascript", "javascript is disabled", "share this", "share on",
    "follow us", "click here", "advertisement", "read more", "related articles",
    "related stories", "you may also like", "recommended for you", "log in to",
    "sign in to", "terms of use", "terms of service", "privacy policy", "skip to",
    "back to top", "leave a comment", "leave a reply", "comments are closed",
    "no comments", "will not be published", "posted in", "filed under", "copyright \xC2\xA9",
};

/* Step 5: is this block furniture? */
static int furniture_block(const char *s, size_t n, size_t link)
{
    int word = 0;
    for (size_t k = 0; k < n && !word; k++)
        word = isalnum((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80;
    if (!word)
        return 1;
    if (link * 2 > n)
        return 1;
    if (n < SHORT_BLOCK)
        for (size_t k = 0; k < sizeof furniture / sizeof furniture[0]; k++)
            if (contains_ci(s, n, furniture[k]))
                return 1;
    return 0;
}

/* Appends s[0..n), cut to TITLE_MAX bytes at a character boundary. */
static void put_title(ac_buf *out, const char *s, size_t n)
{
    if (n > TITLE_MAX) {
        n = TITLE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        ac_buf_append(out, s, n);
}

/* Collapsed text of every text node under n (for titles). */
static void plain_text(xmlNode *n, ac_buf *out)
{
    writer w;
    memset(&w, 0, sizeof w);
    for (xmlNode *k = n->children; k; k = next_node(k, n, 1))
        if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content) {
            write_text(&w, (const char *)k->content);
            if (w.raw.len > TITLE_MAX)
                break;
        }
    put_title(out, w.raw.data, w.raw.len);
    ac_buf_free(&w.raw);
}

static void set_title(const char *s, ac_buf *out)
{
    writer w;
    memset(&w, 0, sizeof w);
    write_text(&w, s);
    put_title(out, w.raw.data, w.raw.len);
    ac_buf_free(&w.raw);
}

/* The first ten characters of a <time datetime>, when they are a date. */
static int time_date(const char *dt, char out[11])
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t k = 0; k < 10; k++) {
        if (!dt[k])
            return 0;
        if (shape[k] == 'd' ? !isdigit((unsigned char)dt[k]) : dt[k] != '-')
            return 0;
    }
    return ac_date_normalize(dt, 10, out);
}

static void page_date(const page_scan *ps, ac_html_page *page)
{
    char *out = page->date;
    if (ps->meta_published && ac_date_normalize(ps->meta_published, strlen(ps->meta_published), out))
        return;
    if (ps->meta_date && ac_date_normalize(ps->meta_date, strlen(ps->meta_date), out))
        return;
    if (ps->time_root && time_date(ps->time_root, out))
        return;
    if (ps->time_doc && time_date(ps->time_doc, out))
        return;
    if (ps->meta_other && ac_date_normalize(ps->meta_other, strlen(ps->meta_other), out))
        return;
    out[0] = '\0';
    const char *bad = ps->meta_published ? ps->meta_published
                    : ps->meta_date      ? ps->meta_date
                    : ps->time_root      ? ps->time_root
                    : ps->time_doc       ? ps->time_doc
                                         : ps->meta_other;
    if (bad) {
        /* printable ASCII only: it goes into a message */
        size_t k = 0;
        for (; bad[k] && k < sizeof page->bad_date - 1; k++)
            page->bad_date[k] = (unsigned char)bad[k] >= 0x20 && (unsigned char)bad[k] < 0x7f &&
                                bad[k] != '"' ? bad[k] : '?';
        page->bad_date[k] = '\0';
    }
}

/* libxml2 reports some problems (a failed charset conversion) through its
 * generic error function, which prints; the library must not. */
static void silent(void *ctx, const char *msg, ...)
{
}

ac_status ac_html_extract(const char *html, size_t n, const char *encoding,
                          ac_html_page *page)
{
    page->date[0] = '\0';
    page->bad_date[0] = '\0';
    if (n > INT_MAX)
        return AC_ELIMIT;
    if (n == 0)
        return AC_OK;
    xmlInitParser();
    /* The handler is per thread; the caller's is put back afterwards. */
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, encoding,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    if (!doc)
        return AC_OK;   /* nothing a parser could make a page of */
    xmlNode *top = xmlDocGetRootElement(doc);
    if (!top) {
        xmlFreeDoc(doc);
        return AC_OK;
    }

    page_scan ps;
    memset(&ps, 0, sizeof ps);
    writer w;
    memset(&w, 0, sizeof w);
    w.ps = &ps;
    ac_status rc = AC_OK;
    if (!scan_dom(&ps, top)) {
        rc = AC_ENOMEM;
        goto done;
    }
    size_t clean_total = sum_up(&ps);
    size_t root = choose_root(&ps, clean_total);
    if (root != NONE)
        write_blocks(&w, ps.info[root].node);
    if (w.failed) {
        rc = AC_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < w.nblocks; k++) {
        const block *b = &w.blocks[k];
        const char *s = w.raw.data + b->start;
        if (furniture_block(s, b->len, b->link))
            continue;
        if ((page->text.len && ac_buf_append(&page->text, "\n\n", 2) != AC_OK) ||
            ac_buf_append(&page->text, s, b->len) != AC_OK) {
            rc = AC_ENOMEM;
            goto done;
        }
    }

    if (ps.og_title)
        set_title(ps.og_title, &page->title);
    if (!page->title.len && ps.title)
        plain_text(ps.title, &page->title);
    if (!page->title.len && ps.h1)
        plain_text(ps.h1, &page->title);
    page_date(&ps, page);
    if (page->title.len && !ac_utf8_is_clean(page->title.data, page->title.len)) {
        /* libxml2 hands out UTF-8, but a title is short: make sure. */
        char *fixed = malloc(3 * page->title.len + 1);
        if (!fixed) {
            rc = AC_ENOMEM;
            goto done;
        }
        size_t m = ac_utf8_repair(page->title.data, page->title.len, fixed, NULL);
        ac_buf_reset(&page->title);
        ac_buf_append(&page->title, fixed, m);
        free(fixed);
    }

done:
    free(ps.info);
    free(w.blocks);
    ac_buf_free(&w.raw);
    xmlFreeDoc(doc);
    return rc;
}

void ac_html_page_free(ac_html_page *page)
{
    ac_buf_free(&page->text);
    ac_buf_free(&page->title);
}

/* --- the HTML input format ------------------------------------------------------- */

/* NULL when the page declares a charset other than UTF-8 in its first
 * bytes (libxml2 then converts from it), else "UTF-8". */
static const char *page_encoding(const char *p, size_t n)
{
    if (n > 4096)
        n = 4096;
    for (size_t i = 0; i + 7 <= n; i++) {
        if (strncasecmp(p + i, "charset", 7) != 0)
            continue;
        size_t k = i + 7;
        while (k < n && isspace((unsigned char)p[k]))
            k++;
        if (k >= n || p[k] != '=')
            continue;
        k++;
        while (k < n && (isspace((unsigned char)p[k]) || p[k] == '"' || p[k] == '\''))
            k++;
        size_t s = k;
        while (k < n && (isalnum((unsigned char)p[k]) || p[k] == '-' || p[k] == '_'))
            k++;
        if (k == s)
            continue;
        if ((k - s == 5 && strncasecmp(p + s, "utf-8", 5) == 0) ||
            (k - s == 4 && strncasecmp(p + s, "utf8", 4) == 0) ||
            (k - s == 8 && strncasecmp(p + s, "us-ascii", 8) == 0))
            return "UTF-8";
        return NULL;
    }
    return "UTF-8";
}

ac_status ac_read_next_html(ac_reader *r, ac_story *st, ac_error *err)
{
    if (r->done)
        return AC_DONE;
    r->done = 1;
    while (!r->eof && r->end - r->pos <= r->max)
        if (ac_read_fill(r) != AC_OK)
            return ac_error_set(err, AC_ENOMEM, r->origin, r->line, UINT64_MAX,
                                "out of memory");
    size_t avail = r->end - r->pos;
    if (avail > r->max || avail > INT_MAX) {
        uint64_t total = avail, off = r->buf_off + r->pos;
        ac_read_drop(r, avail);
        while (!r->eof && ac_read_fill(r) == AC_OK) {
            total += r->end - r->pos;
            ac_read_drop(r, r->end - r->pos);
        }
        return ac_error_set(err, AC_ELIMIT, r->origin, 1, off,
                            "HTML page of %llu bytes is longer than max_story_bytes (%zu); "
                            "skipped",
                            (unsigned long long)total, r->max);
    }
    if (r->io_status != AC_OK)
        return ac_read_io_error(r, err);
    const char *p = r->buf + r->pos;
    size_t k = 0;
    while (k < avail && isspace((unsigned char)p[k]))
        k++;
    if (k == avail)
        return AC_DONE;

    uint64_t line = r->line, off = r->buf_off + r->pos;
    const char *enc = page_encoding(p, avail);
    size_t n = avail;
    if (enc && !ac_utf8_is_clean(p, n)) {
        /* Repair here rather than let libxml2 guess, so the warning can
         * point at the byte. */
        if (r->scratch.cap < 3 * n + 1) {
            char *nb = realloc(r->scratch.data, 3 * n + 1);
            if (!nb)
                return ac_error_set(err, AC_ENOMEM, r->origin, line, off, "out of memory");
            r->scratch.data = nb;
            r->scratch.cap = 3 * n + 1;
        }
        ac_utf8_report rep;
        size_t m = ac_utf8_repair(p, n, r->scratch.data, &rep);
        uint64_t at = line;
        for (size_t i = 0; i < rep.first_offset; i++)
            at += p[i] == '\n';
        ac_read_warn(r, AC_EPARSE, at, off + rep.first_offset,
                     "%s: %zu invalid UTF-8 sequence(s) replaced by U+FFFD, %zu NUL byte(s) "
                     "replaced by a space; first at byte %llu",
                     st->id, rep.invalid, rep.nul, (unsigned long long)(off + rep.first_offset));
        p = r->scratch.data;
        n = m;
    }

    ac_html_page page;
    memset(&page, 0, sizeof page);
    ac_status rc = ac_html_extract(p, n, enc, &page);
    st->origin_line = line;
    if (rc == AC_OK && page.title.len &&
        !(st->title = ac_story_strndup(r, page.title.data, page.title.len)))
        rc = AC_ENOMEM;
    if (rc == AC_OK && page.date[0] && !(st->date = ac_story_strndup(r, page.date, 10)))
        rc = AC_ENOMEM;
    if (rc == AC_OK && page.bad_date[0])
        ac_read_warn(r, AC_EPARSE, line, off, "%s: unrecognised date \"%s\" in the page; %s",
                     st->id, page.bad_date,
                     st->date[0] ? "the default date is used" : "date left empty");
    if (rc == AC_OK)
        rc = ac_story_set_text(r, st, page.text.len ? page.text.data : "", page.text.len,
                               line, off, 0, err);
    else
        rc = ac_error_set(err, rc, r->origin, line, off, "out of memory");
    ac_html_page_free(&page);
    ac_read_drop(r, avail);
    return rc;
}
