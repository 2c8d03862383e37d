/*
 * normalize.c -- typographic normalisation of story text.
 *
 * News text arrives with curly quotes, several kinds of dash and space, and
 * invisible characters. The tokenizer and the dictionaries speak plain
 * ASCII punctuation, so these are mapped once here. Letters are untouched
 * (accents are folded later, for matching only).
 */
#include "text/text.h"

#include <string.h>

#include "common/utf8.h"

/* The replacement for code point cp, or NULL to keep it; "" deletes it. */
static const char *replacement(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
        return "-";
    case 0x2014: case 0x2015:
        return " - ";
    case 0x2026:
        return "...";
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x0009: case 0x000B: case 0x000C:
        return " ";
    case 0x2028: case 0x2029: case 0x0085:
        return "\n";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return "";
    }
    return NULL;
}

char *ac_text_normalize(ac_arena *a, const char *in, size_t n, size_t *out_len)
{
    /* " - " for a 3-byte em dash and "..." for a 3-byte ellipsis keep the
     * length; nothing grows by more than a factor of 3 (a 1-byte tab stays 1). */
    char *out = ac_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c == '\r') {
                if (i + 1 < n && s[i + 1] == '\n') {
                    i++;
                    continue;
                }
                out[o++] = '\n';
            } else if (c == '\t' || c == '\v' || c == '\f') {
                out[o++] = ' ';
            } else {
                out[o++] = (char)c;
            }
            i++;
            continue;
        }
        size_t l = ac_utf8_seq_len(s + i, n - i);
        if (!l) {                  /* the reader repairs UTF-8; be safe anyway */
            out[o++] = '?';
            i++;
            continue;
        }
        const char *r = replacement(ac_utf8_decode(s + i, l));
        if (r) {
            size_t rl = strlen(r);
            /* Every replacement is no longer than the sequence it replaces,
             * except " - " (3) for U+2014 (3 bytes) -- equal. */
            memcpy(out + o, r, rl);
            o += rl;
        } else {
            memcpy(out + o, s + i, l);
            o += l;
        }
        i += l;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}
