/*
 * eval_quotes.c -- quotation attribution measured against a gold file
 * (ac_quote_eval_file in accord.h; the gold format and the scoring rules
 * are in tests/annotate/README.md).
 *
 * Each gold story is coded and annotated; a gold quotation is found when a
 * returned quotation of the same kind has the same text, both sides passed
 * through accord's typographic normalisation. A found quotation has the
 * right speaker when its code is the gold code ("" for null) and, when the
 * gold speaker is the canonical name of a dictionary actor, its name is
 * that name too.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "extract/extract.h"
#include "text/text.h"

static const char *get_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

/* Normalised copy of s, trimmed. */
static char *norm(ac_arena *ar, const char *s)
{
    size_t n;
    char *t = ac_text_normalize(ar, s, strlen(s), &n);
    if (!t)
        return NULL;
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
        t[--n] = '\0';
    while (*t == ' ' || *t == '\n')
        t++;
    for (char *p = t; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return t;
}

/* Is name the canonical name of an actor of the dictionary? */
static int dict_name(const ac_dict *d, const char *name)
{
    for (uint32_t i = 0; i < d->nentries; i++) {
        const ac_entry *e = &d->entries[i];
        if (e->kind >= AK_COUNTRY && e->kind <= AK_PERSON && strcmp(e->name, name) == 0)
            return 1;
    }
    return 0;
}

static void report(ac_quote_report_fn fn, void *ctx, const char *id, const char *what, const char *gt,
                   const char *gs, const ac_quote *q)
{
    if (!fn)
        return;
    char got[512] = "";
    if (q)
        snprintf(got, sizeof got, "%s%s%s", q->speaker_name, *q->speaker_code ? " / " : "",
                 q->speaker_code);
    fn(ctx, id, what, gt ? gt : "", gs ? gs : "", q ? q->text : "", q ? got : "");
}

static void story(const ac_dict *d, const cJSON *o, const char *file, uint64_t line,
                  ac_diag_fn diag, void *dctx, ac_quote_report_fn rep, void *rctx, ac_quote_scores *sc)
{
    const char *id = get_str(o, "id"), *date = get_str(o, "date"), *text = get_str(o, "text");
    const cJSON *gold = cJSON_GetObjectItemCaseSensitive(o, "quotes");
    if (!text || !cJSON_IsArray(gold)) {
        sc->bad_lines++;
        ac_warn(diag, dctx, AC_EPARSE, file, line, UINT64_MAX, "a gold story needs \"text\" and \"quotes\"");
        return;
    }
    sc->stories++;
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = id ? id : "?";
    st.date = date ? date : "";
    st.title = st.url = st.source = "";
    st.text = text;
    st.text_len = strlen(text);
    st.origin = file;
    st.origin_line = line;
    ac_code_options opt = {.flags = AC_CODE_KEEP_ACTORS};
    ac_doc *doc = NULL;
    ac_annotation *an = NULL;
    ac_error err;
    size_t ngold = (size_t)cJSON_GetArraySize(gold);
    if (ac_code(d, &st, &opt, &doc, &err) != AC_OK || ac_annotate(doc, &an, &err) != AC_OK) {
        ac_warn(diag, dctx, err.code, file, line, UINT64_MAX, "%s", err.msg);
        sc->gold += ngold;
        ac_doc_free(doc);
        return;
    }
    ac_arena ar;
    ac_arena_init(&ar, 4096);
    size_t nq = ac_annotation_quote_count(an);
    char *used = calloc(nq + 1, 1);
    sc->returned += nq;
    const cJSON *g;
    cJSON_ArrayForEach(g, gold) {
        const char *gt = get_str(g, "text"), *gk = get_str(g, "kind");
        const char *gs = get_str(g, "speaker"), *gc = get_str(g, "speaker_code");
        int direct = gk && strcmp(gk, "direct") == 0;
        sc->gold++;
        direct ? sc->gold_direct++ : sc->gold_indirect++;
        char *nt = gt ? norm(&ar, gt) : NULL;
        if (!nt || !used) {
            report(rep, rctx, st.id, "missed", gt, gs, NULL);
            continue;
        }
        const ac_quote *hit = NULL, *near = NULL;
        for (size_t k = 0; k < nq && !hit; k++) {
            const ac_quote *q = ac_annotation_quote(an, k);
            if (used[k])
                continue;
            if (strcmp(q->text, nt) == 0 && (q->kind == AC_QUOTE_DIRECT) == direct) {
                hit = q;
                used[k] = 1;
            } else if (!near && (strstr(q->text, nt) || strstr(nt, q->text))) {
                near = q;
            }
        }
        if (!hit) {
            report(rep, rctx, st.id, near ? "span" : "missed", gt, gs, near);
            continue;
        }
        sc->found++;
        direct ? sc->found_direct++ : sc->found_indirect++;
        int ok = strcmp(hit->speaker_code, gc ? gc : "") == 0;
        if (ok && gs && dict_name(d, gs))
            ok = strcmp(hit->speaker_name, gs) == 0;
        if (ok) {
            sc->speaker_ok++;
            direct ? sc->speaker_ok_direct++ : sc->speaker_ok_indirect++;
        } else {
            char want[512];
            snprintf(want, sizeof want, "%s%s%s", gs ? gs : "", gc ? " / " : "", gc ? gc : "");
            report(rep, rctx, st.id, "speaker", gt, want, hit);
        }
    }
    for (size_t k = 0; k < nq && used; k++)
        if (!used[k])
            report(rep, rctx, st.id, "extra", NULL, NULL, ac_annotation_quote(an, k));
    free(used);
    ac_arena_free(&ar);
    ac_annotation_free(an);
    ac_doc_free(doc);
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

ac_status ac_quote_eval_file(const ac_dict *d, const char *path, ac_diag_fn diag, void *diag_ctx,
                             ac_quote_report_fn rep, void *rep_ctx, ac_quote_scores *out,
                             ac_error *err)
{
    memset(out, 0, sizeof *out);
    if (!d || !path)
        return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "invalid argument");
    FILE *f = fopen(path, "rb");
    if (!f)
        return ac_error_set(err, AC_EIO, path, 0, UINT64_MAX, "cannot open the gold file");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    uint64_t ln = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        ln++;
        const char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s || *s == '\n' || *s == '\r' || *s == '#')
            continue;
        cJSON *o = cJSON_Parse(s);
        if (!cJSON_IsObject(o)) {
            out->bad_lines++;
            ac_warn(diag, diag_ctx, AC_EPARSE, path, ln, UINT64_MAX, "not a JSON object");
        } else {
            story(d, o, path, ln, diag, diag_ctx, rep, rep_ctx, out);
        }
        cJSON_Delete(o);
    }
    free(line);
    int rd = ferror(f);
    fclose(f);
    if (rd)
        return ac_error_set(err, AC_EIO, path, ln, UINT64_MAX, "read error");
    out->span_accuracy = ratio(out->found, out->gold);
    out->speaker_accuracy = ratio(out->speaker_ok, out->found);
    out->precision = ratio(out->found, out->returned);
    return AC_OK;
}
