/*
 * formats.c -- which loader reads a dictionary file.
 *
 * ac_dict_builder_add_format() reads a file and hands its text to the loader
 * of its format: load.c for accord's own, petrarch.c and tabari.c for the
 * community's. The format comes from the caller, or is sniffed from the file
 * name and its first lines (ac_dict_sniff).
 */
#include "dict/builder.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common/error.h"

static const char *const FORMAT_NAMES[AC_DICT_FORMAT_COUNT] = {
    [AC_DICT_AUTO] = "auto",
    [AC_DICT_ACCORD] = "accord",
    [AC_DICT_PETR_VERBS] = "petr-verbs",
    [AC_DICT_PETR_ACTORS] = "petr-actors",
    [AC_DICT_PETR_AGENTS] = "petr-agents",
    [AC_DICT_PETR_DISCARDS] = "petr-discards",
    [AC_DICT_PETR_ISSUES] = "petr-issues",
    [AC_DICT_PETR_CONFIG] = "petr-config",
    [AC_DICT_PETR_PICO] = "petr-pico",
    [AC_DICT_TABARI_VERBS] = "tabari-verbs",
    [AC_DICT_TABARI_ACTORS] = "tabari-actors",
    [AC_DICT_TABARI_AGENTS] = "tabari-agents",
    [AC_DICT_TABARI_OPTIONS] = "tabari-options",
    [AC_DICT_TABARI_PROJECT] = "tabari-project",
};

const char *ac_dict_format_name(ac_dict_format f)
{
    return (unsigned)f < AC_DICT_FORMAT_COUNT ? FORMAT_NAMES[f] : "?";
}

void ac_builder_bad(ac_dict_builder *b, const char *file, uint64_t line, const char *fmt, ...)
{
    b->bad_lines++;
    if (!b->diag)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ac_warn(b->diag, b->diag_ctx, AC_EDICT, file, line, UINT64_MAX, "%s", msg);
}

const char *ac_builder_file(ac_dict_builder *b, const char *name)
{
    const char *f = ac_arena_strdup(&b->arena, name);
    if (f)
        b->files++;
    return f;
}

ac_status ac_builder_read_file(const char *path, char **out, size_t *len, ac_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf)
        return ac_error_set(err, AC_ENOMEM, path, 0, UINT64_MAX, "out of memory");
    if (rerr) {
        free(buf);
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "read error");
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return AC_OK;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int contains(const char *s, const char *part)
{
    size_t m = strlen(part);
    for (; *s; s++)
        if (strncasecmp(s, part, m) == 0)
            return 1;
    return 0;
}

/* The first line of head that is neither blank nor a comment. */
static const char *first_line(const char *head, size_t n, size_t *len)
{
    const char *p = head, *e = head + n;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        const char *s = p;
        while (s < le && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        if (s < le && *s != '#' && *s != ';' && !(le - s >= 4 && memcmp(s, "<!--", 4) == 0) &&
            !(le - s >= 2 && memcmp(s, "//", 2) == 0)) {
            *len = (size_t)(le - s);
            return s;
        }
        p = nl ? nl + 1 : e;
    }
    *len = 0;
    return NULL;
}

ac_dict_format ac_dict_sniff(const char *path, const char *head, size_t n)
{
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : (path ? path : "");
    /* TABARI names its files by extension. */
    if (ends_with(base, ".project"))
        return AC_DICT_TABARI_PROJECT;
    if (ends_with(base, ".verbs"))
        return AC_DICT_TABARI_VERBS;
    if (ends_with(base, ".actors"))
        return AC_DICT_TABARI_ACTORS;
    if (ends_with(base, ".agents"))
        return AC_DICT_TABARI_AGENTS;
    if (ends_with(base, ".options"))
        return AC_DICT_TABARI_OPTIONS;
    if (ends_with(base, ".ini"))
        return AC_DICT_PETR_CONFIG;
    /* PETRARCH names them by a word in the name. */
    if (contains(base, "verbpatterns"))
        return AC_DICT_TABARI_VERBS;   /* the PETRARCH-1 patterns are TABARI's format */
    if (contains(base, "ontology") || contains(base, "pico"))
        return AC_DICT_PETR_PICO;
    if (contains(base, "actors"))
        return AC_DICT_PETR_ACTORS;
    if (contains(base, "agents"))
        return AC_DICT_PETR_AGENTS;
    if (contains(base, "discards"))
        return AC_DICT_PETR_DISCARDS;
    if (contains(base, "issue"))
        return AC_DICT_PETR_ISSUES;
    if (contains(base, "verbs") || (contains(base, "cameo") && !contains(base, "cameo.txt")))
        return AC_DICT_PETR_VERBS;
    /* Otherwise the first line decides: accord's files start with @kind. */
    size_t len = 0;
    const char *l = head ? first_line(head, n, &len) : NULL;
    if (l && len >= 5 && memcmp(l, "@kind", 5) == 0)
        return AC_DICT_ACCORD;
    if (l && len >= 3 && memcmp(l, "---", 3) == 0)
        return AC_DICT_PETR_VERBS;
    if (l && len >= 1 && *l == '&')
        return AC_DICT_PETR_VERBS;
    return AC_DICT_ACCORD;
}

ac_status ac_dict_builder_add_text_format(ac_dict_builder *b, const char *name,
                                          const char *text, size_t len,
                                          ac_dict_format fmt, ac_error *err)
{
    if (!b || !name || (!text && len))
        return ac_error_set(err, AC_EINVAL, name, 0, UINT64_MAX, "invalid argument");
    if (fmt == AC_DICT_AUTO)
        fmt = ac_dict_sniff(name, text, len < 4096 ? len : 4096);
    if (fmt == AC_DICT_ACCORD)
        return ac_dict_builder_add_text(b, name, text, len, err);
    if (fmt == AC_DICT_PETR_CONFIG || fmt == AC_DICT_TABARI_PROJECT || (unsigned)fmt >= AC_DICT_FORMAT_COUNT)
        return ac_error_set(err, AC_EINVAL, name, 0, UINT64_MAX,
                            "format %s cannot be read from memory", ac_dict_format_name(fmt));
    const char *file = ac_builder_file(b, name);
    if (!file)
        return ac_error_set(err, AC_ENOMEM, name, 0, UINT64_MAX, "out of memory");
    switch (fmt) {
    case AC_DICT_PETR_VERBS: ac_petr_load_verbs(b, file, text, len); break;
    case AC_DICT_PETR_ACTORS: ac_petr_load_actors(b, file, text, len); break;
    case AC_DICT_PETR_AGENTS: ac_petr_load_agents(b, file, text, len); break;
    case AC_DICT_PETR_DISCARDS: ac_petr_load_discards(b, file, text, len); break;
    case AC_DICT_PETR_ISSUES: ac_petr_load_issues(b, file, text, len); break;
    case AC_DICT_PETR_PICO: ac_petr_load_pico(b, file, text, len); break;
    case AC_DICT_TABARI_VERBS: ac_tabari_load_verbs(b, file, text, len); break;
    case AC_DICT_TABARI_ACTORS: ac_tabari_load_actors(b, file, text, len); break;
    case AC_DICT_TABARI_AGENTS: ac_tabari_load_agents(b, file, text, len); break;
    case AC_DICT_TABARI_OPTIONS: ac_tabari_load_options(b, file, text, len); break;
    default: break;
    }
    return AC_OK;
}

ac_status ac_dict_builder_add_format(ac_dict_builder *b, const char *path,
                                     ac_dict_format fmt, ac_error *err)
{
    if (!b || !path)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "invalid argument");
    if (fmt == AC_DICT_PETR_CONFIG)
        return ac_petr_load_config(b, path, err);
    if (fmt == AC_DICT_TABARI_PROJECT)
        return ac_tabari_load_project(b, path, err);
    char *text;
    size_t len;
    ac_status st = ac_builder_read_file(path, &text, &len, err);
    if (st != AC_OK)
        return st;
    if (fmt == AC_DICT_AUTO)
        fmt = ac_dict_sniff(path, text, len < 4096 ? len : 4096);
    if (fmt == AC_DICT_PETR_CONFIG || fmt == AC_DICT_TABARI_PROJECT) {
        free(text);
        return ac_dict_builder_add_format(b, path, fmt, err);
    }
    st = ac_dict_builder_add_text_format(b, path, text, len, fmt, err);
    free(text);
    return st;
}

ac_status ac_dict_builder_add_source(ac_dict_builder *b, const char *path, ac_dict_format fmt,
                                     int *community, ac_error *err)
{
    if (community)
        *community = 0;
    if (!b || !path)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "invalid argument");
    struct stat sb;
    if (stat(path, &sb) != 0)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s", strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return ac_dict_builder_add_dir(b, path, err);
    if (fmt == AC_DICT_AUTO) {
        char head[4096];
        size_t n = 0;
        FILE *f = fopen(path, "rb");
        if (!f)
            return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open: %s", strerror(errno));
        n = fread(head, 1, sizeof head, f);
        fclose(f);
        fmt = ac_dict_sniff(path, head, n);
    }
    if (community)
        *community = fmt != AC_DICT_ACCORD;
    return ac_dict_builder_add_format(b, path, fmt, err);
}

ac_status ac_dict_builder_add_base(ac_dict_builder *b, ac_error *err)
{
    static const char *const BASE[] = {"cameo.txt", "irregular.txt"};
    const char *dir = ac_dict_default_dir();
    for (size_t i = 0; i < sizeof BASE / sizeof BASE[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, BASE[i]);
        ac_status st = ac_dict_builder_add_format(b, path, AC_DICT_ACCORD, err);
        if (st != AC_OK)
            return st;
    }
    return AC_OK;
}
