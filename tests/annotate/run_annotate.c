/*
 * run_annotate.c -- the tests of `accord annotate` (issue 4).
 *
 * usage: run_annotate spec FILE.spec
 *        run_annotate quotes|agreements|planned|themes GOLD.jsonl MIN_RECALL MIN_PRECISION
 *
 * spec: each case of FILE.spec is annotated in-process with the default
 * dictionaries and the JSON object ac_write_annotation() writes is checked
 * against the case's expectations. A case:
 *
 *   # the name of the case (comment lines between cases)
 *   date: 2025-11-07                     (optional; default 2025-06-01)
 *   The story, on one or more lines.
 *   .
 *   EXPECTATION                          (one a line, below)
 *   .
 *
 * Fields are separated by " | "; "-" stands for "" (no code, no date).
 *   quote KIND | SPEAKER NAME | CODE | TEXT      a quotation exactly so
 *   quotes N                                     that many quotations
 *   actor CODE | NAME [| COUNT]                  an actor (and its mention count)
 *   mention NAME | WORDS                         an actor mentioned by these words
 *                                                (a pronoun, a description)
 *   theme CODE / no theme CODE
 *   action AGREEMENT | ACTOR | ACTION | MOOD [| negated]
 *   no action AGREEMENT | ACTION                 no such action (not negated)
 *   actions N
 *   planned KIND | ACTORS (space-separated, any order) | DATE
 *   plans N
 *   event SOURCE TARGET CODE | MENTIONS          a de-duplicated event
 *   tone positive / tone negative                the sign of the tone
 *
 * gold: the gold files of tests/annotate/ (README.md there gives the
 * format and the scoring); prints every miss and extra, the recall and
 * the precision, and fails below the minimums given. Quotations are scored
 * by ac_quote_eval_file: recall is the exact-span rate, precision that of
 * the speakers among the quotations found.
 *
 * Exits 0 when everything holds, 1 when something fails, 2 on bad input.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord.h"

static ac_dict *dict;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* Annotates text and parses the JSON written; NULL on failure. */
static cJSON *annotate(const char *id, const char *date, const char *text)
{
    ac_story st;
    memset(&st, 0, sizeof st);
    st.id = id;
    st.date = date;
    st.title = st.url = st.source = "";
    st.text = text;
    st.text_len = strlen(text);
    st.origin = id;
    ac_code_options opt = {.flags = AC_CODE_KEEP_ACTORS};
    ac_doc *doc = NULL;
    ac_annotation *an = NULL;
    ac_buf out = {0};
    ac_error err;
    cJSON *j = NULL;
    if (ac_code(dict, &st, &opt, &doc, &err) == AC_OK && ac_annotate(doc, &an, &err) == AC_OK &&
        ac_write_annotation(&st, doc, an, &out, &err) == AC_OK)
        j = cJSON_Parse(out.data);
    else
        fprintf(stderr, "%s: %s\n", id, err.msg);
    ac_buf_free(&out);
    ac_annotation_free(an);
    ac_doc_free(doc);
    return j;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static const cJSON *arr(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* ---- spec ------------------------------------------------------------------------- */

#define MAXF 6

/* Splits s (modified) at " | " into at most MAXF trimmed fields; "-" is "". */
static int fields(char *s, char *f[MAXF])
{
    int n = 0;
    while (n < MAXF) {
        char *bar = strstr(s, " | ");
        if (bar)
            *bar = '\0';
        while (*s == ' ')
            s++;
        size_t l = strlen(s);
        while (l && (s[l - 1] == ' ' || s[l - 1] == '\r'))
            s[--l] = '\0';
        f[n++] = strcmp(s, "-") == 0 ? s + 1 : s;
        if (!bar)
            break;
        s = bar + 3;
    }
    return n;
}

static int same_set(const char *want, const cJSON *got)
{
    /* Every space-separated code of want is in got and the counts agree. */
    int n = 0, gn = cJSON_GetArraySize(got);
    char buf[512], *save = NULL;
    snprintf(buf, sizeof buf, "%s", want);
    for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        int hit = 0;
        const cJSON *x;
        cJSON_ArrayForEach(x, got) hit |= cJSON_IsString(x) && strcmp(x->valuestring, t) == 0;
        if (!hit)
            return 0;
        n++;
    }
    return n == gn;
}

/* Checks one expectation line against the annotation j of text. Returns 1
 * when it holds, 0 when not, -1 when the line is malformed. */
static int expect(const cJSON *j, const char *text, char *line)
{
    char *f[MAXF];
    int neg = 0;
    if (strncmp(line, "no ", 3) == 0) {
        neg = 1;
        line += 3;
    }
    char *sp = strchr(line, ' ');
    if (!sp)
        return -1;
    *sp = '\0';
    const char *what = line;
    int n = fields(sp + 1, f);
    const cJSON *x;
    if (!strcmp(what, "quote") && n == 4) {
        cJSON_ArrayForEach(x, arr(j, "quotes")) if (!strcmp(str(x, "kind"), f[0]) &&
                                                     !strcmp(str(x, "speaker_name"), f[1]) &&
                                                     !strcmp(str(x, "speaker_code"), f[2]) &&
                                                     !strcmp(str(x, "text"), f[3])) return 1;
        return 0;
    }
    if (!strcmp(what, "quotes") && n == 1)
        return cJSON_GetArraySize(arr(j, "quotes")) == atoi(f[0]);
    if (!strcmp(what, "actions") && n == 1) {
        int c = 0;
        cJSON_ArrayForEach(x, arr(j, "agreements")) c += cJSON_GetArraySize(arr(x, "actions"));
        return c == atoi(f[0]);
    }
    if (!strcmp(what, "plans") && n == 1)
        return cJSON_GetArraySize(arr(j, "planned")) == atoi(f[0]);
    if (!strcmp(what, "actor") && (n == 2 || n == 3)) {
        cJSON_ArrayForEach(x, arr(j, "actors")) if (!strcmp(str(x, "code"), f[0]) && !strcmp(str(x, "name"), f[1]) &&
                                                     (n == 2 || num(x, "count") == atoi(f[2]))) return 1;
        return 0;
    }
    if (!strcmp(what, "mention") && n == 2) {
        cJSON_ArrayForEach(x, arr(j, "actors")) {
            if (strcmp(str(x, "name"), f[0]) != 0)
                continue;
            const cJSON *m;
            cJSON_ArrayForEach(m, arr(x, "mentions")) {
                int s = (int)cJSON_GetArrayItem(m, 0)->valuedouble, e = (int)cJSON_GetArrayItem(m, 1)->valuedouble;
                if ((size_t)(e - s) == strlen(f[1]) && strncmp(text + s, f[1], (size_t)(e - s)) == 0)
                    return 1;
            }
        }
        return 0;
    }
    if (!strcmp(what, "theme") && n == 1) {
        int hit = 0;
        cJSON_ArrayForEach(x, arr(j, "themes")) hit |= !strcmp(str(x, "theme"), f[0]);
        return neg ? !hit : hit;
    }
    if (!strcmp(what, "action") && (neg ? n == 2 : (n == 4 || n == 5))) {
        cJSON_ArrayForEach(x, arr(j, "agreements")) {
            if (strcmp(str(x, "agreement"), f[0]) != 0)
                continue;
            const cJSON *y;
            cJSON_ArrayForEach(y, arr(x, "actions")) {
                int negated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(y, "negated"));
                if (neg && !negated && !strcmp(str(y, "action"), f[1]))
                    return 0;
                if (!neg && !strcmp(str(y, "actor"), f[1]) && !strcmp(str(y, "action"), f[2]) &&
                    !strcmp(str(y, "mood"), f[3]) && negated == (n == 5 && !strcmp(f[4], "negated")))
                    return 1;
            }
        }
        return neg;
    }
    if (!strcmp(what, "planned") && n == 3) {
        cJSON_ArrayForEach(x, arr(j, "planned")) if (!strcmp(str(x, "kind"), f[0]) && same_set(f[1], arr(x, "actors")) &&
                                                      !strcmp(str(x, "date"), f[2])) return 1;
        return 0;
    }
    if (!strcmp(what, "event") && n == 2) {
        char src[64], tgt[64], code[16];
        if (sscanf(f[0], "%63s %63s %15s", src, tgt, code) != 3)
            return -1;
        cJSON_ArrayForEach(x, arr(j, "events")) if (!strcmp(str(x, "source"), src) && !strcmp(str(x, "target"), tgt) &&
                                                     !strcmp(str(x, "code"), code) &&
                                                     num(x, "mentions") == atoi(f[1])) return 1;
        return 0;
    }
    if (!strcmp(what, "tone") && n == 1) {
        double t = num(cJSON_GetObjectItemCaseSensitive(j, "tone"), "tone");
        if (!strcmp(f[0], "positive"))
            return t > 0;
        if (!strcmp(f[0], "negative"))
            return t < 0;
    }
    return -1;
}

/* Reads the next line of *p (NUL-terminating it in place); NULL at the end. */
static char *next_line(char **p)
{
    if (!**p)
        return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = line + strlen(line);
    }
    size_t l = strlen(line);
    if (l && line[l - 1] == '\r')
        line[l - 1] = '\0';
    return line;
}

static int run_spec(const char *path)
{
    size_t len;
    char *all = slurp(path, &len);
    if (!all) {
        fprintf(stderr, "run_annotate: cannot read %s\n", path);
        return 2;
    }
    int passed = 0, failed = 0, bad = 0, state = 0, lineno = 0, start = 0;
    char name[256] = "", date[16] = "2025-06-01";
    ac_buf text = {0};
    char *exps[64];
    int nexp = 0, explines[64];
    char *p = all, *line;
    while ((line = next_line(&p))) {
        lineno++;
        if (state == 0) {
            if (!*line) {
                name[0] = '\0';
            } else if (line[0] == '#') {
                if (!name[0])
                    snprintf(name, sizeof name, "%s", line + (line[1] == ' ' ? 2 : 1));
            } else if (!strncmp(line, "date:", 5)) {
                snprintf(date, sizeof date, "%s", line + 5 + strspn(line + 5, " "));
            } else {
                state = 1;
                start = lineno;
                ac_buf_reset(&text);
                ac_buf_append(&text, line, strlen(line));
            }
        } else if (state == 1) {
            if (!strcmp(line, ".")) {
                state = 2;
                nexp = 0;
            } else {
                ac_buf_append(&text, "\n", 1);
                ac_buf_append(&text, line, strlen(line));
            }
        } else if (strcmp(line, ".") != 0) {
            if (nexp == 64) {
                fprintf(stderr, "%s:%d: more than 64 expectations\n", path, lineno);
                bad = 1;
            } else {
                explines[nexp] = lineno;
                exps[nexp++] = line;
            }
        } else {
            /* The case is complete: annotate and check. */
            cJSON *j = annotate(name[0] ? name : "case", date, text.data ? text.data : "");
            int ok = j != NULL;
            for (int k = 0; k < nexp; k++) {
                char copy[1024];
                snprintf(copy, sizeof copy, "%s", exps[k]);
                int r = j ? expect(j, text.data, exps[k]) : 0;
                if (r < 0) {
                    fprintf(stderr, "%s:%d: bad expectation '%s'\n", path, explines[k], copy);
                    bad = 1;
                } else if (!r) {
                    if (ok)
                        printf("FAIL %s:%d: %s (date %s)\n", path, start, name[0] ? name : "case", date);
                    ok = 0;
                    printf("    not met: %s\n", copy);
                }
            }
            if (ok) {
                passed++;
            } else {
                failed++;
                char *s = j ? cJSON_PrintUnformatted(j) : NULL;
                if (s)
                    printf("  annotation: %s\n\n", s);
                free(s);
            }
            cJSON_Delete(j);
            state = 0;
            name[0] = '\0';
            snprintf(date, sizeof date, "2025-06-01");
        }
    }
    ac_buf_free(&text);
    free(all);
    if (state != 0) {
        fprintf(stderr, "%s:%d: the last case is not closed by \".\"\n", path, start);
        return 2;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return bad ? 2 : failed ? 1 : 0;
}

/* ---- gold files ---------------------------------------------------------------------- */

typedef struct score {
    size_t gold, got, hit;
} score;

static int eq(const char *a, const cJSON *b)
{
    return cJSON_IsString(b) ? strcmp(a, b->valuestring) == 0 : *a == '\0';
}

/* The actor code as the gold gives it: a country without agent, an
 * organisation whole. */
static void country(const char *code, char *out, size_t cap)
{
    snprintf(out, cap, "%s", code);
    if (strncmp(code, "IGO", 3) != 0 && strlen(out) > 3)
        out[3] = '\0';
}

static void gold_agreements(const cJSON *g, const cJSON *j, const char *id, score *sc)
{
    const cJSON *x, *y, *w;
    int ng = cJSON_GetArraySize(arr(g, "agreements"));
    char *used = calloc((size_t)ng + 1, 1);
    int k = 0;
    cJSON_ArrayForEach(x, arr(j, "agreements")) cJSON_ArrayForEach(y, arr(x, "actions")) {
        char c[32];
        country(str(y, "actor"), c, sizeof c);
        int negated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(y, "negated"));
        int hit = 0;
        k = 0;
        cJSON_ArrayForEach(w, arr(g, "agreements")) {
            if (!used[k] && !strcmp(str(w, "agreement"), str(x, "agreement")) && !strcmp(str(w, "actor"), c) &&
                !strcmp(str(w, "action"), str(y, "action")) && !strcmp(str(w, "mood"), str(y, "mood")) &&
                cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "negated")) == negated) {
                used[k] = 1;
                hit = 1;
                break;
            }
            k++;
        }
        sc->got++;
        if (!hit)
            printf("%s extra: %s %s %s %s%s\n", id, str(x, "agreement"), c, str(y, "action"), str(y, "mood"),
                   negated ? " negated" : "");
    }
    k = 0;
    cJSON_ArrayForEach(w, arr(g, "agreements")) {
        sc->gold++;
        if (used[k])
            sc->hit++;
        else
            printf("%s missed: %s %s %s %s%s\n", id, str(w, "agreement"), str(w, "actor"), str(w, "action"),
                   str(w, "mood"), cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "negated")) ? " negated" : "");
        k++;
    }
    free(used);
}

static void gold_planned(const cJSON *g, const cJSON *j, const char *id, score *sc)
{
    const cJSON *x, *w;
    int ng = cJSON_GetArraySize(arr(g, "planned"));
    char *used = calloc((size_t)ng + 1, 1);
    cJSON_ArrayForEach(x, arr(j, "planned")) {
        int k = 0, hit = 0;
        cJSON_ArrayForEach(w, arr(g, "planned")) {
            char acts[512] = "";
            const cJSON *c;
            cJSON_ArrayForEach(c, arr(w, "actors")) {
                strncat(acts, c->valuestring, sizeof acts - strlen(acts) - 2);
                strcat(acts, " ");
            }
            if (!used[k] && !strcmp(str(w, "kind"), str(x, "kind")) && eq(str(x, "date"), arr(w, "date")) &&
                same_set(acts, arr(x, "actors"))) {
                used[k] = 1;
                hit = 1;
                break;
            }
            k++;
        }
        sc->got++;
        if (!hit)
            printf("%s extra: %s \"%s\" %s\n", id, str(x, "kind"), str(x, "what"), str(x, "date"));
    }
    int k = 0;
    cJSON_ArrayForEach(w, arr(g, "planned")) {
        sc->gold++;
        if (used[k])
            sc->hit++;
        else
            printf("%s missed: %s \"%s\" %s\n", id, str(w, "kind"), str(w, "event"), str(w, "date"));
        k++;
    }
    free(used);
}

/* Themes: got counts the forbidden themes checked, hit those not reported. */
static void gold_themes(const cJSON *g, const cJSON *j, const char *id, score *sc, score *wrong)
{
    const cJSON *w, *x;
    cJSON_ArrayForEach(w, arr(g, "themes")) {
        int hit = 0;
        cJSON_ArrayForEach(x, arr(j, "themes")) hit |= !strcmp(str(x, "theme"), w->valuestring);
        sc->gold++;
        sc->hit += (size_t)hit;
        if (!hit)
            printf("%s missed: %s\n", id, w->valuestring);
    }
    cJSON_ArrayForEach(w, arr(g, "not_themes")) {
        int hit = 0;
        cJSON_ArrayForEach(x, arr(j, "themes")) hit |= !strcmp(str(x, "theme"), w->valuestring);
        wrong->gold++;
        wrong->hit += (size_t)!hit;
        if (hit)
            printf("%s wrong: %s\n", id, w->valuestring);
    }
}

static void print_problem(void *ctx, const char *id, const char *what, const char *gt, const char *gs,
                          const char *t, const char *s)
{
    (void)ctx;
    printf("%s %s: gold \"%s\" (%s); got \"%s\" (%s)\n", id, what, gt, gs, t, s);
}

static int run_gold(const char *part, const char *path, double min_r, double min_p)
{
    double recall, precision;
    if (!strcmp(part, "quotes")) {
        ac_quote_scores q;
        ac_error err;
        if (ac_quote_eval_file(dict, path, NULL, NULL, print_problem, NULL, &q, &err) != AC_OK) {
            fprintf(stderr, "run_annotate: %s\n", err.msg);
            return 2;
        }
        recall = q.span_accuracy;
        precision = q.speaker_accuracy;
        printf("quotes: %zu gold, %zu found with the exact span (%.3f), %zu of them with the right speaker (%.3f)\n",
               q.gold, q.found, recall, q.speaker_ok, precision);
    } else {
        size_t len;
        char *all = slurp(path, &len);
        if (!all) {
            fprintf(stderr, "run_annotate: cannot read %s\n", path);
            return 2;
        }
        score sc = {0, 0, 0}, traps = {0, 0, 0};
        char *save = NULL;
        for (char *line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            if (line[0] == '#' || line[0] == '\0')
                continue;
            cJSON *g = cJSON_Parse(line);
            if (!g) {
                fprintf(stderr, "run_annotate: %s: bad line\n", path);
                free(all);
                return 2;
            }
            cJSON *j = annotate(str(g, "id"), str(g, "date"), str(g, "text"));
            if (j) {
                if (!strcmp(part, "agreements"))
                    gold_agreements(g, j, str(g, "id"), &sc);
                else if (!strcmp(part, "planned"))
                    gold_planned(g, j, str(g, "id"), &sc);
                else
                    gold_themes(g, j, str(g, "id"), &sc, &traps);
            }
            cJSON_Delete(j);
            cJSON_Delete(g);
        }
        free(all);
        recall = sc.gold ? (double)sc.hit / (double)sc.gold : 0;
        if (!strcmp(part, "themes")) {
            /* "Precision": the share of trap themes not reported. */
            precision = traps.gold ? (double)traps.hit / (double)traps.gold : 1.0;
            printf("themes: %zu required, %zu found (%.3f); %zu traps, %zu avoided (%.3f)\n", sc.gold, sc.hit,
                   recall, traps.gold, traps.hit, precision);
        } else {
            precision = sc.got ? (double)sc.hit / (double)sc.got : 0;
            printf("%s: %zu gold, %zu returned, %zu right: recall %.3f, precision %.3f\n", part, sc.gold,
                   sc.got, sc.hit, recall, precision);
        }
    }
    if (recall < min_r || precision < min_p) {
        printf("BELOW the minimum (recall %.3f, precision %.3f)\n", min_r, min_p);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: run_annotate spec FILE.spec | run_annotate PART GOLD.jsonl MIN_RECALL MIN_PRECISION\n");
        return 2;
    }
    ac_error err;
    if (ac_dict_load_dir(ac_dict_default_dir(), NULL, NULL, &dict, &err) != AC_OK) {
        fprintf(stderr, "run_annotate: %s\n", err.msg);
        return 2;
    }
    int rc;
    if (!strcmp(argv[1], "spec"))
        rc = run_spec(argv[2]);
    else if (argc == 5)
        rc = run_gold(argv[1], argv[2], atof(argv[3]), atof(argv[4]));
    else
        rc = 2;
    ac_dict_free(dict);
    return rc;
}
