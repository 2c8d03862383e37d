/*
 * image.c -- compiled dictionary images: ac_dict_save() and ac_dict_open().
 *
 * An image is a compiled ac_dict written as one file, so that a large
 * dictionary (the Phoenix set: tens of thousands of actors, verb patterns
 * expanded per verb) is opened in milliseconds instead of being parsed and
 * compiled again. The file is
 *
 *   header     magic, byte order, format version, pointer size, the accord
 *              version that wrote it, a hash of the struct layout of dict.h,
 *              the file size, an XXH3-64 of everything after the checksum
 *              field, and a table of sections (offset, element count);
 *   sections   one per array of dict.h, each 16-byte aligned, holding the
 *              structs exactly as they are in memory except that a pointer
 *              field holds a reference instead of an address: for a string,
 *              1 + its offset in the string section; for an array, 1 + the
 *              index of its first element in the section of its type; 0 for
 *              NULL. Strings are stored once (deduplicated).
 *
 * Opening maps the file MAP_PRIVATE with PROT_READ | PROT_WRITE and turns the
 * references into addresses in place, section by section, checking each one
 * (range, type, NUL-terminated string) before it is used. Only the pages of
 * structs that hold pointers are written, and so copied on write: words,
 * entries and their codes, patterns and their elements, sets, phrases and the
 * CAMEO table. The strings, the hash tables, the name trie's terms and the
 * id arrays stay shared with the page cache and are never written.
 *
 * Every index the coder follows is checked too (word, node, term, entry,
 * pattern, set ids; term chains that cannot loop; a trie whose names are as
 * long as their depth; hash tables with an empty slot; pattern codes that are
 * in the CAMEO table), so an image that passes the checks cannot make the
 * coder read outside the mapping, whatever its bytes. The checksum catches
 * accidental damage; the checks, anything the checksum did not. Both run on
 * every open: the XXH3 of the 17 MB Phoenix image takes about 1 ms, and the
 * whole open about 8 ms (against about 100 ms to load and compile the text).
 *
 * Hash tables are written rehashed into the smallest table ac_map_init()
 * would make for their keys, so an image holds no megabytes of empty slots;
 * everything else is written as compiled, in the same order.
 *
 * Struct layouts are not portable: the image stores sizeof(void *), the byte
 * order, and a hash of the size and field offsets of every struct of dict.h,
 * and an image written under another layout is refused with a message that
 * says to compile it again. The static assertions below stop the build when
 * a struct of dict.h changes, so that the new field gets serialised here.
 */
#include "dict/image.h"
#include "text/text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "common/error.h"
#include "dict/dict.h"


/* ---- layout -------------------------------------------------------------- */

/* Mirrors of the structs of dict.h, field for field as this file serialises
 * them. When a struct gains a field its size changes (usually) and the build
 * stops here: copy the field in wtext()/wpatterns(), check it in open_*() if
 * it is an index or a pointer, list it in ac_dict_image_layout(), then update
 * the mirror. A small field that fits in padding does not change the size:
 * the same steps apply, or it is silently left out of images. */
typedef struct { uint32_t a, b; const char *c; } mirror_word;
typedef struct { const char *a; int32_t b, c; uint8_t d; } mirror_code_range;
typedef struct { uint8_t a, b; uint32_t c; const void *d; const char *e, *f; uint32_t g; } mirror_entry;
typedef struct { uint32_t a, b, c; uint16_t d; } mirror_term;
typedef struct { uint8_t a, a2, a3, a4; uint16_t b; const uint32_t *c; uint32_t d; } mirror_elem;
typedef struct {
    const char *a, *b, *c, *d;
    uint32_t e, e2;
    uint16_t f, g;
    const void *h, *i;
    uint8_t j, k, n;
    uint16_t l;
    uint32_t m;
    uint64_t o;
} mirror_pattern;
typedef struct { uint16_t a; const uint32_t *b; } mirror_phrase;
typedef struct { const char *a; uint32_t b; const void *c; } mirror_set;
typedef struct { const char *a, *b, *c; double d; int e; const char *f; } mirror_cameo;
typedef struct {
    ac_arena arena;
    ac_map vocab;
    void *words;
    uint32_t nwords;
    ac_map edges;
    void *node_terms;
    uint32_t nnodes;
    void *terms;
    uint32_t nterms;
    void *entries;
    uint32_t nentries;
    void *patterns;
    uint32_t npatterns;
    ac_map heads;
    void *head_lists;
    void *sets;
    uint32_t nsets;
    void *cameo;
    uint32_t ncameo;
    ac_dict_stats stats;
    void *image;
    size_t image_len;
    uint32_t gap_word;     /* derived when an image is opened */
} mirror_dict;

#define SAME_SIZE(T, M) \
    _Static_assert(sizeof(T) == sizeof(M), #T " changed: serialise its new field in lib/dict/image.c")
SAME_SIZE(ac_word, mirror_word);
SAME_SIZE(ac_code_range, mirror_code_range);
SAME_SIZE(ac_entry, mirror_entry);
SAME_SIZE(ac_term, mirror_term);
SAME_SIZE(ac_elem, mirror_elem);
SAME_SIZE(ac_pattern, mirror_pattern);
SAME_SIZE(ac_phrase, mirror_phrase);
SAME_SIZE(ac_set, mirror_set);
SAME_SIZE(ac_cameo_info, mirror_cameo);
SAME_SIZE(struct ac_dict, mirror_dict);
_Static_assert(sizeof(ac_dict_stats) % sizeof(size_t) == 0, "ac_dict_stats holds size_t fields only");

/* A hash of everything about dict.h an image depends on: struct sizes, field
 * offsets, and the values of the enums stored in it. */
uint64_t ac_dict_image_layout(void)
{
#define F(T, f) (uint64_t)offsetof(T, f)
    const uint64_t v[] = {
        sizeof(void *), sizeof(size_t), sizeof(ac_map), sizeof(ac_dict_stats),
        sizeof(ac_word), F(ac_word, base), F(ac_word, flags), F(ac_word, text),
        sizeof(ac_code_range), F(ac_code_range, code), F(ac_code_range, from),
        F(ac_code_range, to), F(ac_code_range, dated),
        sizeof(ac_entry), F(ac_entry, kind), F(ac_entry, prefix), F(ac_entry, ncodes),
        F(ac_entry, codes), F(ac_entry, name), F(ac_entry, file), F(ac_entry, line),
        sizeof(ac_term), F(ac_term, entry), F(ac_term, cap_mask), F(ac_term, next),
        F(ac_term, nwords),
        sizeof(ac_elem), F(ac_elem, adjacent), F(ac_elem, type), F(ac_elem, stems), F(ac_elem, forms), F(ac_elem, nalt), F(ac_elem, alts), F(ac_elem, set),
        sizeof(ac_pattern), F(ac_pattern, code), F(ac_pattern, code2), F(ac_pattern, text),
        F(ac_pattern, where), F(ac_pattern, head), F(ac_pattern, npre), F(ac_pattern, npost),
        F(ac_pattern, pre), F(ac_pattern, post), F(ac_pattern, has_target),
        F(ac_pattern, has_source), F(ac_pattern, subordinate), F(ac_pattern, head_form),
        F(ac_pattern, weight), F(ac_pattern, seq), F(ac_pattern, need),
        sizeof(ac_phrase), F(ac_phrase, n), F(ac_phrase, bases),
        sizeof(ac_set), F(ac_set, name), F(ac_set, n), F(ac_set, phrases),
        sizeof(ac_cameo_info), F(ac_cameo_info, code), F(ac_cameo_info, name),
        F(ac_cameo_info, plover), F(ac_cameo_info, goldstein), F(ac_cameo_info, quad),
        F(ac_cameo_info, negation),
        AK_COUNTRY, AK_AGENT, AK_DISCARD, AK_ISSUE_IGNORE,
        PE_WORD, PE_SET, PE_TARGET, PE_SOURCE, PE_ANY, PE_COMPOUND, WF_HEAD, WF_IF, AC_MAP_NONE,
    };
#undef F
    return XXH3_64bits(v, sizeof v);
}

/* ---- the file: see image.h ------------------------------------------------------ */

static const size_t SEC_SIZE[S_COUNT] = {
    [S_STRINGS] = 1, [S_STATS] = sizeof(ac_dict_stats), [S_WORDS] = sizeof(ac_word),
    [S_VOCAB_KEYS] = 8, [S_VOCAB_VALS] = 4, [S_EDGE_KEYS] = 8, [S_EDGE_VALS] = 4,
    [S_HEAD_KEYS] = 8, [S_HEAD_VALS] = 4, [S_HEAD_LISTS] = 4, [S_NODE_TERMS] = 4,
    [S_TERMS] = sizeof(ac_term), [S_ENTRIES] = sizeof(ac_entry),
    [S_CODES] = sizeof(ac_code_range), [S_PATTERNS] = sizeof(ac_pattern),
    [S_ELEMS] = sizeof(ac_elem), [S_IDS] = 4, [S_SETS] = sizeof(ac_set),
    [S_PHRASES] = sizeof(ac_phrase), [S_CAMEO] = sizeof(ac_cameo_info),
};

static const char *const SEC_NAME[S_COUNT] = {
    "strings", "stats", "words", "vocabulary keys", "vocabulary values", "edge keys",
    "edge values", "head keys", "head values", "head lists", "node terms", "terms",
    "entries", "codes", "patterns", "elements", "ids", "sets", "phrases", "cameo",
};

/* A reference stored in a pointer field: 0 for NULL, else 1 + offset/index. */
static inline uintptr_t ref_of(const void *field_value) { return (uintptr_t)field_value; }
#define AS_REF(type, r) ((type)(uintptr_t)(r))

/* ---- writing ------------------------------------------------------------------- */

typedef struct wsec {
    unsigned char *data;
    size_t len, cap;
} wsec;

typedef struct writer {
    wsec sec[S_COUNT];
    ac_map strings;        /* XXH3 of a string -> its offset in S_STRINGS */
    int oom;
} writer;

/* Appends n zeroed bytes to section s; NULL when out of memory. The pointer
 * is valid until the next append to s. */
static void *wpush(writer *w, int s, size_t n)
{
    wsec *x = &w->sec[s];
    if (x->len + n > x->cap) {
        size_t cap = x->cap ? x->cap : 4096;
        while (cap < x->len + n)
            cap *= 2;
        unsigned char *p = realloc(x->data, cap);
        if (!p) {
            w->oom = 1;
            return NULL;
        }
        x->data = p;
        x->cap = cap;
    }
    void *at = x->data + x->len;
    memset(at, 0, n);
    x->len += n;
    return at;
}

static size_t wcount(const writer *w, int s) { return w->sec[s].len / SEC_SIZE[s]; }

/* The reference of a string (0 for NULL), stored once. */
static uintptr_t wstr(writer *w, const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    uint64_t h = XXH3_64bits(s, n);
    uint32_t at = ac_map_get(&w->strings, h);
    if (at != AC_MAP_NONE && strcmp((const char *)w->sec[S_STRINGS].data + at, s) == 0)
        return (uintptr_t)at + 1;
    size_t off = w->sec[S_STRINGS].len;
    if (off + n + 1 >= UINT32_MAX) {
        w->oom = 1;
        return 0;
    }
    char *dst = wpush(w, S_STRINGS, n + 1);
    if (!dst)
        return 0;
    memcpy(dst, s, n + 1);
    if (at == AC_MAP_NONE && ac_map_put(&w->strings, h, (uint32_t)off) != 0)
        w->oom = 1;
    return (uintptr_t)off + 1;
}

/* Appends n uint32 to S_IDS; returns the reference of the first (0 when n is 0). */
static uintptr_t wids(writer *w, const uint32_t *ids, size_t n)
{
    if (!n)
        return 0;
    uintptr_t first = wcount(w, S_IDS) + 1;
    uint32_t *dst = wpush(w, S_IDS, n * 4);
    if (dst)
        memcpy(dst, ids, n * 4);
    return first;
}

/* Writes m rehashed into the smallest table ac_map_init() would give for its
 * keys (load under 1/2): compile.c sizes its tables for large dictionaries,
 * and a small one would otherwise carry megabytes of empty slots. The probe
 * sequence is ac_map_get's, so lookups work unchanged. */
static void wmap(writer *w, const ac_map *m, int keys_sec, int vals_sec)
{
    size_t count = 0;
    for (size_t i = 0; i < m->cap; i++)
        count += m->keys[i] != 0;
    size_t cap = 16;
    while (cap < count * 2 + 2)
        cap *= 2;
    uint64_t *k = wpush(w, keys_sec, cap * 8);
    uint32_t *v = wpush(w, vals_sec, cap * 4);
    if (!k || !v)
        return;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t at = ac_map_slot(m->keys[i], cap - 1);
        while (k[at])
            at = (at + 1) & (cap - 1);
        k[at] = m->keys[i];
        v[at] = m->vals[i];
    }
}

static void wtext(writer *w, const ac_dict *d)
{
    ac_dict_stats *st = wpush(w, S_STATS, sizeof *st);
    if (st)
        *st = d->stats;

    for (uint32_t i = 0; i < d->nwords; i++) {
        uintptr_t text = wstr(w, d->words[i].text);
        ac_word *x = wpush(w, S_WORDS, sizeof *x);
        if (!x)
            return;
        x->base = d->words[i].base;
        x->flags = d->words[i].flags;
        x->text = AS_REF(const char *, text);
    }
    wmap(w, &d->vocab, S_VOCAB_KEYS, S_VOCAB_VALS);
    wmap(w, &d->edges, S_EDGE_KEYS, S_EDGE_VALS);
    wmap(w, &d->heads, S_HEAD_KEYS, S_HEAD_VALS);

    /* head_lists: as far as the last run any head points to. */
    size_t hl = 0;
    for (size_t i = 0; i < d->heads.cap; i++)
        if (d->heads.keys[i]) {
            size_t end = (size_t)d->heads.vals[i] + 1 + d->head_lists[d->heads.vals[i]];
            if (end > hl)
                hl = end;
        }
    uint32_t *lists = wpush(w, S_HEAD_LISTS, hl * 4);
    if (lists && hl)
        memcpy(lists, d->head_lists, hl * 4);

    uint32_t *nt = wpush(w, S_NODE_TERMS, (size_t)d->nnodes * 4);
    if (nt && d->nnodes)
        memcpy(nt, d->node_terms, (size_t)d->nnodes * 4);
    for (uint32_t i = 0; i < d->nterms; i++) {
        ac_term *x = wpush(w, S_TERMS, sizeof *x);
        if (!x)
            return;
        x->entry = d->terms[i].entry;
        x->cap_mask = d->terms[i].cap_mask;
        x->next = d->terms[i].next;
        x->nwords = d->terms[i].nwords;
    }

    for (uint32_t i = 0; i < d->nentries; i++) {
        const ac_entry *e = &d->entries[i];
        uintptr_t codes = e->ncodes ? wcount(w, S_CODES) + 1 : 0;
        for (uint32_t k = 0; k < e->ncodes; k++) {
            uintptr_t code = wstr(w, e->codes[k].code);
            ac_code_range *c = wpush(w, S_CODES, sizeof *c);
            if (!c)
                return;
            c->code = AS_REF(const char *, code);
            c->from = e->codes[k].from;
            c->to = e->codes[k].to;
            c->dated = e->codes[k].dated;
        }
        uintptr_t name = wstr(w, e->name), file = wstr(w, e->file);
        ac_entry *x = wpush(w, S_ENTRIES, sizeof *x);
        if (!x)
            return;
        x->kind = e->kind;
        x->prefix = e->prefix;
        x->ncodes = e->ncodes;
        x->codes = AS_REF(const ac_code_range *, codes);
        x->name = AS_REF(const char *, name);
        x->file = AS_REF(const char *, file);
        x->line = e->line;
    }
}

/* Appends the elements el[0..n) and returns the reference of the first. */
static uintptr_t welems(writer *w, const ac_elem *el, size_t n)
{
    if (!n)
        return 0;
    uintptr_t first = wcount(w, S_ELEMS) + 1;
    for (size_t k = 0; k < n; k++) {
        uintptr_t alts = wids(w, el[k].alts, el[k].nalt);
        ac_elem *x = wpush(w, S_ELEMS, sizeof *x);
        if (!x)
            return 0;
        x->type = el[k].type;
        x->adjacent = el[k].adjacent;
        x->stems = el[k].stems;
        x->forms = el[k].forms;
        x->nalt = el[k].nalt;
        x->alts = AS_REF(const uint32_t *, alts);
        x->set = el[k].set;
    }
    return first;
}

static void wpatterns(writer *w, const ac_dict *d)
{
    for (uint32_t i = 0; i < d->npatterns; i++) {
        const ac_pattern *p = &d->patterns[i];
        uintptr_t code = wstr(w, p->code), code2 = wstr(w, p->code2);
        uintptr_t text = wstr(w, p->text), where = wstr(w, p->where);
        uintptr_t pre = welems(w, p->pre, p->npre), post = welems(w, p->post, p->npost);
        ac_pattern *x = wpush(w, S_PATTERNS, sizeof *x);
        if (!x)
            return;
        x->code = AS_REF(const char *, code);
        x->code2 = AS_REF(const char *, code2);
        x->text = AS_REF(const char *, text);
        x->where = AS_REF(const char *, where);
        x->head = p->head;
        x->head_form = p->head_form;
        x->npre = p->npre;
        x->npost = p->npost;
        x->pre = AS_REF(const ac_elem *, pre);
        x->post = AS_REF(const ac_elem *, post);
        x->has_target = p->has_target;
        x->has_source = p->has_source;
        x->subordinate = p->subordinate;
        x->weight = p->weight;
        x->seq = p->seq;
        x->need = p->need;
    }
    for (uint32_t i = 0; i < d->nsets; i++) {
        const ac_set *s = &d->sets[i];
        uintptr_t phrases = s->n ? wcount(w, S_PHRASES) + 1 : 0;
        for (uint32_t k = 0; k < s->n; k++) {
            uintptr_t bases = wids(w, s->phrases[k].bases, s->phrases[k].n);
            ac_phrase *x = wpush(w, S_PHRASES, sizeof *x);
            if (!x)
                return;
            x->n = s->phrases[k].n;
            x->bases = AS_REF(const uint32_t *, bases);
        }
        uintptr_t name = wstr(w, s->name);
        ac_set *x = wpush(w, S_SETS, sizeof *x);
        if (!x)
            return;
        x->name = AS_REF(const char *, name);
        x->n = s->n;
        x->phrases = AS_REF(const ac_phrase *, phrases);
    }
    for (uint32_t i = 0; i < d->ncameo; i++) {
        const ac_cameo_info *c = &d->cameo[i];
        uintptr_t code = wstr(w, c->code), name = wstr(w, c->name), plover = wstr(w, c->plover);
        uintptr_t negation = wstr(w, c->negation);
        ac_cameo_info *x = wpush(w, S_CAMEO, sizeof *x);
        if (!x)
            return;
        x->code = AS_REF(const char *, code);
        x->name = AS_REF(const char *, name);
        x->plover = AS_REF(const char *, plover);
        x->negation = AS_REF(const char *, negation);
        x->goldstein = c->goldstein;
        x->quad = c->quad;
    }
}

static size_t align_up(size_t n) { return (n + IMG_ALIGN - 1) & ~(size_t)(IMG_ALIGN - 1); }

/* Serialises d into one malloc'd buffer: *out, *len. */
static ac_status build_image(const ac_dict *d, unsigned char **out, size_t *len, ac_error *err)
{
    writer w;
    memset(&w, 0, sizeof w);
    if (ac_map_init(&w.strings, 1u << 16) != 0)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory");
    wstr(&w, "");
    wtext(&w, d);
    wpatterns(&w, d);
    ac_map_free(&w.strings);
    unsigned char *buf = NULL;
    size_t size = sizeof(img_header);
    img_header h;
    memset(&h, 0, sizeof h);
    if (!w.oom) {
        for (int s = 0; s < S_COUNT; s++) {
            size = align_up(size);
            h.sec[s].off = size;
            h.sec[s].count = wcount(&w, s);
            size += w.sec[s].len;
        }
        buf = calloc(1, size);
    }
    if (!buf) {
        for (int s = 0; s < S_COUNT; s++)
            free(w.sec[s].data);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, UINT64_MAX, "out of memory writing the image");
    }
    memcpy(h.magic, IMG_MAGIC, IMG_MAGIC_LEN);
    h.endian = IMG_ENDIAN;
    h.version = IMG_VERSION;
    h.ptr_size = (uint32_t)sizeof(void *);
    h.header_size = (uint32_t)sizeof h;
    h.file_size = size;
    h.layout = ac_dict_image_layout();
    snprintf(h.accord_version, sizeof h.accord_version, "%s", ACCORD_VERSION);
    for (int s = 0; s < S_COUNT; s++) {
        if (w.sec[s].len)
            memcpy(buf + h.sec[s].off, w.sec[s].data, w.sec[s].len);
        free(w.sec[s].data);
    }
    memcpy(buf, &h, sizeof h);
    h.checksum = XXH3_64bits(buf + CHECKED_FROM, size - CHECKED_FROM);
    memcpy(buf + offsetof(img_header, checksum), &h.checksum, sizeof h.checksum);
    *out = buf;
    *len = size;
    return AC_OK;
}

ac_status ac_dict_save(const ac_dict *d, const char *path, ac_error *err)
{
    if (!d || !path)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "invalid argument");
    if (!d->vocab.cap || !d->edges.cap || !d->heads.cap)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "the dictionary is incomplete");
    unsigned char *buf = NULL;
    size_t len = 0;
    ac_status st = build_image(d, &buf, &len, err);
    if (st != AC_OK)
        return st;
    /* Written beside the target, then renamed over it: a reader never sees a
     * half-written image, and one that has the old image mapped keeps it. */
    char tmp[PATH_MAX];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >= sizeof tmp) {
        free(buf);
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "path too long");
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(buf);
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot create a temporary file: %s",
                            strerror(e));
    }
    size_t done = 0;
    int e = 0;
    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            e = n < 0 ? errno : EIO;
            break;
        }
        done += (size_t)n;
    }
    free(buf);
    if (!e && fchmod(fd, 0644) != 0)
        e = errno;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        unlink(tmp);
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot write the image: %s", strerror(e));
    }
    return AC_OK;
}

/* ---- opening ------------------------------------------------------------------- */

typedef struct reader {
    unsigned char *base;
    size_t len;
    img_header h;
    const char *name;
    ac_error *err;
    const char *str;       /* the string section */
    uint64_t nstr;
} reader;

static ac_status corrupt(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static ac_status corrupt(reader *r, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                        "corrupt dictionary image (%s); compile it again", msg);
}

static void *sec_base(const reader *r, int s) { return r->base + r->h.sec[s].off; }

/* Turns the string reference in *field into an address. -1 when it is out of
 * range, or NULL where NULL is not allowed. */
static int fix_str(const reader *r, const char **field, int nullable)
{
    uintptr_t ref = ref_of(*field);
    if (ref == 0) {
        *field = NULL;
        return nullable ? 0 : -1;
    }
    if (ref - 1 >= r->nstr)
        return -1;
    *field = r->str + (ref - 1);
    return 0;
}

/* Turns the array reference in *field (n elements of section s) into an
 * address; NULL only for an empty array. */
static int fix_arr(const reader *r, const void **field, int s, uint64_t n)
{
    uintptr_t ref = ref_of(*field);
    if (ref == 0) {
        *field = NULL;
        return n ? -1 : 0;
    }
    uint64_t first = ref - 1, count = r->h.sec[s].count;
    if (first > count || n > count - first)
        return -1;
    *field = (const unsigned char *)sec_base(r, s) + first * SEC_SIZE[s];
    return 0;
}

#define FIX_ARR(r, field, s, n) fix_arr(r, (const void **)&(field), s, n)

static ac_status check_header(reader *r, unsigned flags)
{
    if (r->len < sizeof r->h)
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            r->len >= IMG_MAGIC_LEN && memcmp(r->base, IMG_MAGIC, IMG_MAGIC_LEN) == 0
                                ? "dictionary image truncated: %zu bytes, shorter than its header"
                                : "not a dictionary image (%zu bytes)", r->len);
    memcpy(&r->h, r->base, sizeof r->h);
    const img_header *h = &r->h;
    if (memcmp(h->magic, IMG_MAGIC, IMG_MAGIC_LEN) != 0)
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX, "not a dictionary image");
    if (h->endian != IMG_ENDIAN)
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            "dictionary image written on a machine of another byte order; "
                            "compile it again on this one");
    if (h->version != IMG_VERSION)
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            "dictionary image of format version %u, this accord reads version %u; "
                            "compile it again", h->version, IMG_VERSION);
    if (h->ptr_size != sizeof(void *))
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            "dictionary image written by a %u-bit build, this one is %u-bit; "
                            "compile it again", h->ptr_size * 8, (unsigned)sizeof(void *) * 8);
    if (h->header_size != sizeof *h)
        return corrupt(r, "header size %u", h->header_size);
    if (h->file_size != r->len)
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            h->file_size > r->len ? "dictionary image truncated: %zu bytes of %llu"
                                                  : "dictionary image has %zu bytes, its header says %llu",
                            r->len, (unsigned long long)h->file_size);
    if (h->layout != ac_dict_image_layout()) {
        char v[sizeof h->accord_version + 1];
        memcpy(v, h->accord_version, sizeof h->accord_version);
        v[sizeof h->accord_version] = '\0';
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            "dictionary image written by accord %s with another dictionary layout; "
                            "compile it again with this accord (%s)", v, ACCORD_VERSION);
    }
    if (!(flags & AC_IMAGE_NO_CHECKSUM) &&
        XXH3_64bits(r->base + CHECKED_FROM, r->len - CHECKED_FROM) != h->checksum)
        return ac_error_set(r->err, AC_EDICT, r->name, 0, UINT64_MAX,
                            "dictionary image damaged (checksum mismatch); compile it again");
    /* Sections: aligned, inside the file, and not overlapping, so that
     * patching one never writes into another. */
    for (int s = 0; s < S_COUNT; s++) {
        uint64_t off = h->sec[s].off, n = h->sec[s].count;
        if (off % IMG_ALIGN || off < sizeof *h || off > r->len || n > (r->len - off) / SEC_SIZE[s])
            return corrupt(r, "section %s out of the file", SEC_NAME[s]);
        if (s != S_STRINGS && n > UINT32_MAX)
            return corrupt(r, "section %s too large", SEC_NAME[s]);
    }
    for (int s = 0; s < S_COUNT; s++)
        for (int t = s + 1; t < S_COUNT; t++) {
            uint64_t a = h->sec[s].off, ae = a + h->sec[s].count * SEC_SIZE[s];
            uint64_t b = h->sec[t].off, be = b + h->sec[t].count * SEC_SIZE[t];
            if (a < be && b < ae)
                return corrupt(r, "sections %s and %s overlap", SEC_NAME[s], SEC_NAME[t]);
        }
    if (h->sec[S_STATS].count != 1)
        return corrupt(r, "no statistics");
    r->str = sec_base(r, S_STRINGS);
    r->nstr = h->sec[S_STRINGS].count;
    if (r->nstr == 0 || r->str[r->nstr - 1] != '\0')
        return corrupt(r, "string section not terminated");
    return AC_OK;
}

/* A hash table of sections keys_sec/vals_sec: a power-of-two capacity, at
 * least one empty slot (so a probe ends), values below `limit`. */
static ac_status open_map(reader *r, ac_map *m, int keys_sec, int vals_sec, uint64_t limit)
{
    uint64_t cap = r->h.sec[keys_sec].count;
    if (cap == 0 || (cap & (cap - 1)) || r->h.sec[vals_sec].count != cap)
        return corrupt(r, "bad %s table", SEC_NAME[keys_sec]);
    const uint64_t *keys = sec_base(r, keys_sec);
    const uint32_t *vals = sec_base(r, vals_sec);
    size_t count = 0;
    for (uint64_t i = 0; i < cap; i++)
        if (keys[i]) {
            count++;
            if (vals[i] >= limit)
                return corrupt(r, "%s: value %u out of range", SEC_NAME[vals_sec], vals[i]);
        }
    if (count >= cap)
        return corrupt(r, "%s table full", SEC_NAME[keys_sec]);
    m->keys = (uint64_t *)keys;
    m->vals = (uint32_t *)vals;
    m->cap = (size_t)cap;
    m->count = count;
    return AC_OK;
}

static ac_status open_words(reader *r, ac_dict *d)
{
    d->words = sec_base(r, S_WORDS);
    d->nwords = (uint32_t)r->h.sec[S_WORDS].count;
    if (d->nwords == 0)
        return corrupt(r, "no words");
    for (uint32_t i = 0; i < d->nwords; i++) {
        ac_word *w = &d->words[i];
        if (fix_str(r, &w->text, 0) || w->base >= d->nwords)
            return corrupt(r, "word %u", i);
    }
    const uint32_t *ids = sec_base(r, S_IDS);
    for (uint64_t i = 0; i < r->h.sec[S_IDS].count; i++)
        if (ids[i] >= d->nwords)
            return corrupt(r, "word id %u out of range", ids[i]);
    return open_map(r, &d->vocab, S_VOCAB_KEYS, S_VOCAB_VALS, d->nwords);
}

/* The name trie: every node but the root has one parent, created before it;
 * a term is on the list of one node only, lists run forward (so they end),
 * and a term has as many words as its node is deep, so that checking its
 * capitals never reads past the words matched. */
static ac_status open_trie(reader *r, ac_dict *d)
{
    d->node_terms = sec_base(r, S_NODE_TERMS);
    d->nnodes = (uint32_t)r->h.sec[S_NODE_TERMS].count;
    d->terms = sec_base(r, S_TERMS);
    d->nterms = (uint32_t)r->h.sec[S_TERMS].count;
    d->entries = sec_base(r, S_ENTRIES);
    d->nentries = (uint32_t)r->h.sec[S_ENTRIES].count;
    if (d->nnodes == 0)
        return corrupt(r, "no trie root");
    ac_status st = open_map(r, &d->edges, S_EDGE_KEYS, S_EDGE_VALS, d->nnodes);
    if (st != AC_OK)
        return st;
    uint32_t *parent = malloc((size_t)d->nnodes * sizeof *parent);
    uint32_t *depth = malloc((size_t)d->nnodes * sizeof *depth);
    unsigned char *seen = calloc(d->nterms + 1u, 1);
    if (!parent || !depth || !seen) {
        free(parent);
        free(depth);
        free(seen);
        return ac_error_set(r->err, AC_ENOMEM, r->name, 0, UINT64_MAX, "out of memory");
    }
    for (uint32_t n = 0; n < d->nnodes; n++)
        parent[n] = AC_MAP_NONE;
    st = AC_OK;
    for (size_t i = 0; i < d->edges.cap && st == AC_OK; i++) {
        uint64_t k = d->edges.keys[i];
        if (!k)
            continue;
        uint64_t from = k >> 32;
        uint32_t to = d->edges.vals[i];
        if (from >= to || parent[to] != AC_MAP_NONE)
            st = corrupt(r, "trie edge to node %u", to);
        else
            parent[to] = (uint32_t)from;
    }
    depth[0] = 0;
    for (uint32_t n = 1; n < d->nnodes && st == AC_OK; n++) {
        if (parent[n] == AC_MAP_NONE)
            st = corrupt(r, "trie node %u has no parent", n);
        else
            depth[n] = depth[parent[n]] + 1;
    }
    for (uint32_t n = 0; n < d->nnodes && st == AC_OK; n++) {
        for (uint32_t t = d->node_terms[n]; t != AC_MAP_NONE && st == AC_OK; t = d->terms[t].next) {
            if (t >= d->nterms || seen[t]) {
                st = corrupt(r, "term list of node %u", n);
                break;
            }
            seen[t] = 1;
            const ac_term *term = &d->terms[t];
            if (term->entry >= d->nentries || term->nwords != depth[n] ||
                (term->next != AC_MAP_NONE && term->next <= t))
                st = corrupt(r, "term %u", t);
        }
    }
    free(parent);
    free(depth);
    free(seen);
    return st;
}

static ac_status open_entries(reader *r, ac_dict *d)
{
    ac_code_range *codes = sec_base(r, S_CODES);
    for (uint64_t i = 0; i < r->h.sec[S_CODES].count; i++)
        if (fix_str(r, &codes[i].code, 0))
            return corrupt(r, "code %llu", (unsigned long long)i);
    for (uint32_t i = 0; i < d->nentries; i++) {
        ac_entry *e = &d->entries[i];
        if (FIX_ARR(r, e->codes, S_CODES, e->ncodes) || fix_str(r, &e->name, 0) ||
            fix_str(r, &e->file, 0))
            return corrupt(r, "entry %u", i);
    }
    return AC_OK;
}

static int cmp_code(const void *key, const void *elem)
{
    return strcmp(key, ((const ac_cameo_info *)elem)->code);
}

static ac_status open_cameo(reader *r, ac_dict *d)
{
    d->cameo = sec_base(r, S_CAMEO);
    d->ncameo = (uint32_t)r->h.sec[S_CAMEO].count;
    for (uint32_t i = 0; i < d->ncameo; i++) {
        ac_cameo_info *c = &d->cameo[i];
        if (fix_str(r, &c->code, 0) || fix_str(r, &c->name, 0) || fix_str(r, &c->plover, 0) ||
            fix_str(r, &c->negation, 1) ||
            strlen(c->code) < 2 || (i && strcmp(d->cameo[i - 1].code, c->code) >= 0))
            return corrupt(r, "CAMEO code %u", i);
    }
    return AC_OK;
}

/* The CAMEO codes by address: the writer stores each string once, so a
 * pattern's code is (almost always) the very string of the table's entry,
 * found by one probe instead of a binary search of strcmp. */
typedef struct code_set {
    const char **slot;
    size_t mask;
} code_set;

static size_t code_slot(const char *p, size_t mask)
{
    uint64_t k = (uint64_t)(uintptr_t)p;
    return (size_t)((k ^ k >> 17) * 0x9E3779B97F4A7C15ull >> 20) & mask;
}

static int code_set_init(code_set *cs, const ac_dict *d)
{
    size_t cap = 16;
    while (cap < (size_t)d->ncameo * 2 + 2)
        cap *= 2;
    cs->slot = calloc(cap, sizeof *cs->slot);
    cs->mask = cap - 1;
    if (!cs->slot)
        return -1;
    for (uint32_t i = 0; i < d->ncameo; i++) {
        size_t at = code_slot(d->cameo[i].code, cs->mask);
        while (cs->slot[at] && cs->slot[at] != d->cameo[i].code)
            at = (at + 1) & cs->mask;
        cs->slot[at] = d->cameo[i].code;
    }
    return 0;
}

/* 1 when code is NULL or in the CAMEO table. */
static int known_code(const code_set *cs, const ac_dict *d, const char *code)
{
    if (!code)
        return 1;
    for (size_t at = code_slot(code, cs->mask); cs->slot[at]; at = (at + 1) & cs->mask)
        if (cs->slot[at] == code)
            return 1;
    return bsearch(code, d->cameo, d->ncameo, sizeof *d->cameo, cmp_code) != NULL;
}

static ac_status open_patterns(reader *r, ac_dict *d)
{
    d->sets = sec_base(r, S_SETS);
    d->nsets = (uint32_t)r->h.sec[S_SETS].count;
    ac_phrase *ph = sec_base(r, S_PHRASES);
    for (uint64_t i = 0; i < r->h.sec[S_PHRASES].count; i++)
        if (FIX_ARR(r, ph[i].bases, S_IDS, ph[i].n))
            return corrupt(r, "set phrase %llu", (unsigned long long)i);
    for (uint32_t i = 0; i < d->nsets; i++) {
        if (fix_str(r, &d->sets[i].name, 0) || FIX_ARR(r, d->sets[i].phrases, S_PHRASES, d->sets[i].n))
            return corrupt(r, "set %u", i);
        /* The coder searches a set's phrases by their first word. */
        const ac_phrase *sp = d->sets[i].phrases;
        for (uint32_t k = 1; k < d->sets[i].n; k++)
            if ((sp[k - 1].n ? sp[k - 1].bases[0] : 0) > (sp[k].n ? sp[k].bases[0] : 0))
                return corrupt(r, "set %u: phrases not sorted", i);
    }
    ac_elem *el = sec_base(r, S_ELEMS);
    for (uint64_t i = 0; i < r->h.sec[S_ELEMS].count; i++) {
        ac_elem *e = &el[i];
        /* Only words and sets hold indexes; other types (+, $, ^, and any
         * dict.h adds) hold none, so their values are not checked here. */
        if (FIX_ARR(r, e->alts, S_IDS, e->type == PE_WORD ? e->nalt : 0) ||
            (e->type == PE_SET && e->set >= d->nsets))
            return corrupt(r, "pattern element %llu", (unsigned long long)i);
    }
    d->patterns = sec_base(r, S_PATTERNS);
    d->npatterns = (uint32_t)r->h.sec[S_PATTERNS].count;
    code_set cs;
    if (code_set_init(&cs, d) != 0)
        return ac_error_set(r->err, AC_ENOMEM, r->name, 0, UINT64_MAX, "out of memory");
    for (uint32_t i = 0; i < d->npatterns; i++) {
        ac_pattern *p = &d->patterns[i];
        if (fix_str(r, &p->code, 1) || fix_str(r, &p->code2, 1) || fix_str(r, &p->text, 0) ||
            fix_str(r, &p->where, 0) || FIX_ARR(r, p->pre, S_ELEMS, p->npre) ||
            FIX_ARR(r, p->post, S_ELEMS, p->npost) || p->head >= d->nwords ||
            p->head_form >= d->nwords ||
            (!p->code && !p->code2) || !known_code(&cs, d, p->code) || !known_code(&cs, d, p->code2)) {
            free(cs.slot);
            return corrupt(r, "pattern %u", i);
        }
    }
    free(cs.slot);
    /* Heads: each run [count, pattern...] inside head_lists, with pattern ids. */
    d->head_lists = sec_base(r, S_HEAD_LISTS);
    uint64_t nl = r->h.sec[S_HEAD_LISTS].count;
    ac_status st = open_map(r, &d->heads, S_HEAD_KEYS, S_HEAD_VALS, nl);
    if (st != AC_OK)
        return st;
    for (size_t i = 0; i < d->heads.cap; i++) {
        if (!d->heads.keys[i])
            continue;
        uint32_t at = d->heads.vals[i];
        uint64_t n = d->head_lists[at];
        if (n > nl - at - 1)
            return corrupt(r, "pattern list at %u", at);
        for (uint64_t k = 0; k < n; k++)
            if (d->head_lists[at + 1 + k] >= d->npatterns)
                return corrupt(r, "pattern list at %u", at);
    }
    return AC_OK;
}

/* Opens the image of r->base[0..len): on failure the caller unmaps. */
static ac_status open_mapped(reader *r, unsigned flags, ac_dict **out)
{
    ac_status st = check_header(r, flags);
    if (st != AC_OK)
        return st;
    ac_dict *d = calloc(1, sizeof *d);
    if (!d)
        return ac_error_set(r->err, AC_ENOMEM, r->name, 0, UINT64_MAX, "out of memory");
    memcpy(&d->stats, sec_base(r, S_STATS), sizeof d->stats);
    if ((st = open_words(r, d)) != AC_OK || (st = open_trie(r, d)) != AC_OK ||
        (st = open_entries(r, d)) != AC_OK || (st = open_cameo(r, d)) != AC_OK ||
        (st = open_patterns(r, d)) != AC_OK) {
        free(d);
        return st;
    }
    d->image = r->base;
    d->image_len = r->len;
    d->gap_word = ac_dict_word(d, ac_text_fold_hash("*", 1));
    *out = d;
    return AC_OK;
}

ac_status ac_dict_open_mem(const void *data, size_t len, unsigned flags, const char *name,
                           ac_dict **out, ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EINVAL, name, 0, UINT64_MAX, "invalid argument");
    *out = NULL;
    if (!data || !len)
        return ac_error_set(err, AC_EDICT, name, 0, UINT64_MAX, "not a dictionary image (empty)");
    void *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    memcpy(map, data, len);
    reader r = {.base = map, .len = len, .name = name, .err = err};
    ac_status st = open_mapped(&r, flags, out);
    if (st != AC_OK)
        munmap(map, len);
    return st;
}

/* Maps path (private, writable: the pages open patches are copied on write). */
static ac_status map_file(const char *path, int writable, void **map, size_t *len, ac_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "not a regular file");
    }
    if (sb.st_size == 0) {
        close(fd);
        return ac_error_set(err, AC_EDICT, path, 0, UINT64_MAX, "not a dictionary image (empty file)");
    }
    if ((uint64_t)sb.st_size > SIZE_MAX) {
        close(fd);
        return ac_error_set(err, AC_ELIMIT, path, 0, UINT64_MAX, "file too large");
    }
    *len = (size_t)sb.st_size;
    *map = mmap(NULL, *len, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (*map == MAP_FAILED)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot map: %s", strerror(e));
    return AC_OK;
}

ac_status ac_dict_open(const char *path, ac_dict **out, ac_error *err)
{
    if (!path || !out)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "invalid argument");
    *out = NULL;
    void *map;
    size_t len;
    ac_status st = map_file(path, 1, &map, &len, err);
    if (st != AC_OK)
        return st;
    reader r = {.base = map, .len = len, .name = path, .err = err};
    st = open_mapped(&r, 0, out);
    if (st != AC_OK)
        munmap(map, len);
    return st;
}

ac_status ac_dict_image_verify(const char *path, ac_error *err)
{
    void *map;
    size_t len;
    ac_status st = map_file(path, 0, &map, &len, err);
    if (st != AC_OK)
        return st;
    reader r = {.base = map, .len = len, .name = path, .err = err};
    st = check_header(&r, 0);
    munmap(map, len);
    return st;
}

int ac_dict_is_image(const char *path)
{
    if (!path)
        return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char magic[IMG_MAGIC_LEN];
    ssize_t n = read(fd, magic, sizeof magic);
    close(fd);
    return n == (ssize_t)sizeof magic && memcmp(magic, IMG_MAGIC, IMG_MAGIC_LEN) == 0;
}
