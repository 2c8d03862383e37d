/*
 * tokenize.c -- cuts normalised text into word, number and punctuation tokens.
 *
 * Rules, in the order they are tried:
 *   - words keep inner hyphens (Kassym-Jomart, cease-fire) and inner
 *     apostrophes followed by a letter (d'Ivoire, O'Brien);
 *   - the possessive 's is a token of its own, and so is n't (don't ->
 *     do + n't, as in the Penn Treebank);
 *   - a period belongs to the word for acronyms (U.S., U.N.), single-letter
 *     initials (Donald J. Trump) and the abbreviations listed below;
 *   - numbers keep inner periods and commas between digits (3.5, 1,000);
 *   - an underscore is a blank (Dol_Amroth is two words), and so is a
 *     hyphen between letters with AC_TOK_HYPHEN_BLANK (TABARI's reading);
 *   - every other non-space character is a punctuation token of its own.
 */
#include "text/text.h"

#include <string.h>

static int is_alpha(unsigned c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }
static int is_space(unsigned c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
/* Any byte of a multi-byte sequence counts as a letter: after normalisation
 * the non-ASCII characters left are letters, digits or symbols. */
static int is_wordc(unsigned c) { return is_alpha(c) || is_digit(c) || c >= 0x80; }

/* Abbreviations that keep their period. TITLE ones never end a sentence. */
static const struct abbr { const char *w; int title; } ABBRS[] = {
    {"mr", 1}, {"mrs", 1}, {"ms", 1}, {"dr", 1}, {"prof", 1}, {"gen", 1},
    {"lt", 1}, {"col", 1}, {"maj", 1}, {"capt", 1}, {"cmdr", 1}, {"adm", 1},
    {"sgt", 1}, {"cpl", 1}, {"pvt", 1}, {"sen", 1}, {"rep", 1}, {"gov", 1},
    {"pres", 1}, {"amb", 1}, {"rev", 1}, {"fr", 1}, {"sr", 0}, {"jr", 0},
    {"st", 1}, {"mt", 1}, {"ft", 0}, {"no", 1}, {"nos", 1}, {"vs", 1},
    {"etc", 0}, {"inc", 0}, {"ltd", 0}, {"corp", 0}, {"co", 0}, {"bros", 0},
    {"jan", 1}, {"feb", 1}, {"mar", 1}, {"apr", 1}, {"jun", 1}, {"jul", 1},
    {"aug", 1}, {"sep", 1}, {"sept", 1}, {"oct", 1}, {"nov", 1}, {"dec", 1},
    {"approx", 1}, {"est", 0}, {"dept", 1}, {"univ", 1}, {"assn", 1},
    {"e.g", 1}, {"i.e", 1}, {"a.m", 0}, {"p.m", 0},
};

/* 0: not an abbreviation; 1: abbreviation; 2: title abbreviation. */
static int abbr_kind(const char *s, size_t n)
{
    char low[8];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(((unsigned char)s[i] >= 'A' && (unsigned char)s[i] <= 'Z') ? s[i] + 32 : s[i]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof ABBRS / sizeof ABBRS[0]; i++)
        if (strcmp(ABBRS[i].w, low) == 0)
            return ABBRS[i].title ? 2 : 1;
    return 0;
}

ac_tok *ac_text_tokenize(ac_arena *a, const char *text, size_t n, size_t *count)
{
    return ac_text_tokenize_opts(a, text, n, count, 0);
}

ac_tok *ac_text_tokenize_opts(ac_arena *a, const char *text, size_t n, size_t *count, unsigned opts)
{
    const unsigned char *s = (const unsigned char *)text;
    /* At most one token per byte, plus one; allocate generously once. */
    size_t cap = n / 2 + 16;
    ac_tok *toks = ac_arena_alloc(a, cap * sizeof *toks);
    if (!toks)
        return NULL;
    size_t nt = 0;
    size_t i = 0;
    unsigned pending = 0;           /* TK_NL / TK_PARA for the next token */
    while (i < n) {
        unsigned c = s[i];
        if (is_space(c)) {
            if (c == '\n')
                pending |= (pending & TK_NL) ? TK_PARA : TK_NL;
            i++;
            continue;
        }
        if (nt == cap) {
            size_t ncap = cap * 2;
            ac_tok *nt2 = ac_arena_alloc(a, ncap * sizeof *nt2);
            if (!nt2)
                return NULL;
            memcpy(nt2, toks, nt * sizeof *toks);
            toks = nt2;
            cap = ncap;
        }
        ac_tok *t = &toks[nt];
        t->start = (uint32_t)i;
        t->word = 0;
        t->punct = 0;
        unsigned flags = pending;
        pending = 0;
        size_t j = i;

        if (c == '\'' && i + 1 < n && (s[i + 1] == 's' || s[i + 1] == 'S') &&
            (i + 2 >= n || !is_wordc(s[i + 2])) && nt > 0 &&
            toks[nt - 1].start + toks[nt - 1].len == i && (toks[nt - 1].flags & (TK_WORD | TK_NUM))) {
            j = i + 2;                                  /* possessive 's */
            flags |= TK_POSS | TK_WORD;
        } else if (c == '\'' && nt > 0 && toks[nt - 1].start + toks[nt - 1].len == i &&
                   (toks[nt - 1].flags & TK_WORD) &&
                   (s[i - 1] == 's' || s[i - 1] == 'S') && (i + 1 >= n || !is_wordc(s[i + 1]))) {
            j = i + 1;                                  /* plural possessive: leaders' */
            flags |= TK_POSS | TK_WORD;
        } else if ((c == 'n' || c == 'N') && i + 2 < n && s[i + 1] == '\'' &&
                   (s[i + 2] == 't' || s[i + 2] == 'T') && (i + 3 >= n || !is_wordc(s[i + 3]))) {
            j = i + 3;                                  /* n't */
            flags |= TK_NEG | TK_WORD;
        } else if (is_digit(c)) {
            j = i + 1;
            while (j < n) {
                if (is_wordc(s[j])) {
                    j++;
                } else if ((s[j] == '.' || s[j] == ',' || s[j] == ':') && j + 1 < n && is_digit(s[j + 1]) &&
                           is_digit(s[j - 1])) {
                    j += 2;
                } else if (s[j] == '-' && j + 1 < n && is_wordc(s[j + 1])) {
                    j += 2;                             /* 2019-2021, 5-year */
                } else {
                    break;
                }
            }
            flags |= TK_NUM;
        } else if (is_wordc(c)) {
            j = i + 1;
            for (;;) {
                while (j < n && is_wordc(s[j]))
                    j++;
                if (j + 1 < n && s[j] == '-' && is_wordc(s[j + 1])) {
                    if (opts & AC_TOK_HYPHEN_BLANK)
                        break;
                    j += 1;
                    continue;
                }
                if (j + 1 < n && s[j] == '\'' && is_alpha(s[j + 1])) {
                    /* 's and n't split off; d'Ivoire, O'Brien stay whole. */
                    if ((s[j + 1] == 's' || s[j + 1] == 'S') && (j + 2 >= n || !is_wordc(s[j + 2])))
                        break;
                    if ((s[j + 1] == 't' || s[j + 1] == 'T') && (s[j - 1] == 'n' || s[j - 1] == 'N') &&
                        (j + 2 >= n || !is_wordc(s[j + 2]))) {
                        if (j - 1 > i)
                            j -= 1;                     /* leave "n't" for the next token */
                        break;
                    }
                    j += 1;
                    continue;
                }
                break;
            }
            /* Periods that belong to the word. */
            if (j < n && s[j] == '.') {
                size_t wl = j - i;
                if (wl == 1 && is_alpha(s[i])) {
                    /* U.S., U.N., e.g. -- or an initial J. */
                    size_t k = j + 1;
                    while (k + 1 < n && is_alpha(s[k]) && s[k + 1] == '.')
                        k += 2;
                    if (k > j + 1) {
                        j = k;
                        flags |= TK_ABBR;
                    } else if (s[i] >= 'A' && s[i] <= 'Z') {
                        j += 1;
                        flags |= TK_ABBR | TK_TITLE;
                    }
                } else {
                    int k = abbr_kind(text + i, wl);
                    if (k) {
                        j += 1;
                        flags |= TK_ABBR | (k == 2 ? TK_TITLE : 0);
                    }
                }
            }
            flags |= TK_WORD;
        } else if (c == '_' || ((opts & AC_TOK_HYPHEN_BLANK) && c == '-' && i > 0 &&
                                is_wordc(s[i - 1]) && i + 1 < n && is_wordc(s[i + 1]))) {
            /* An underscore separates words as a blank does: feeds and the
             * community's test texts join names with it ("Dol_Amroth");
             * under AC_TOK_HYPHEN_BLANK so does a hyphen between letters. */
            pending = flags | (c == '-' ? TK_HYPHENED : 0);
            if (c == '-' && nt > 0)
                toks[nt - 1].flags |= TK_HYPHENED;
            i++;
            continue;
        } else {
            j = i + 1;
            if (c >= 0x80) {            /* not reached: non-ASCII is a word char */
                while (j < n && (s[j] & 0xC0) == 0x80)
                    j++;
            } else if (c == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
                j = i + 3;
            }
            flags |= TK_PUNCT;
            t->punct = (char)c;
        }
        t->len = (uint32_t)(j - i);
        if (flags & TK_WORD) {
            if (s[i] >= 'A' && s[i] <= 'Z')
                flags |= TK_CAP;
            else if (s[i] >= 0x80) {
                /* Upper-case non-ASCII initial: compare with its fold. */
                char f[8];
                size_t l = 1;
                while (i + l < j && (s[i + l] & 0xC0) == 0x80)
                    l++;
                size_t fl = ac_text_fold(text + i, l, f, sizeof f);
                if (fl != l || memcmp(f, text + i, l) != 0)
                    flags |= TK_CAP;
            }
            size_t letters = 0, upper = 0;
            for (size_t k = i; k < j; k++) {
                if (is_alpha(s[k])) {
                    letters++;
                    if (s[k] <= 'Z')
                        upper++;
                }
            }
            if (letters >= 2 && upper == letters)
                flags |= TK_UPPER;
        }
        t->flags = (uint16_t)flags;
        t->hash = ac_text_fold_hash(text + i, j - i);
        nt++;
        i = j;
    }
    *count = nt;
    return toks;
}
