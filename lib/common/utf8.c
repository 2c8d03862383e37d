/* utf8.c -- see utf8.h. */
#include "common/utf8.h"

#include <stdint.h>
#include <string.h>

size_t ac_utf8_seq_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;                         /* continuation or overlong lead */
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0;                     /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0;                     /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;                     /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;                     /* above U+10FFFF */
        return 4;
    }
    return 0;
}

uint32_t ac_utf8_decode(const unsigned char *s, size_t len)
{
    switch (len) {
    case 1: return s[0];
    case 2: return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    case 3: return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    case 4: return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
                   ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    return 0xFFFD;
}

size_t ac_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int ac_utf8_is_clean(const char *in, size_t n)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0;
    while (i < n) {
        /* ASCII fast path, eight bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            /* A zero byte in w? (classic has-zero-byte test) */
            if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)
                return 0;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] == 0)
            return 0;
        size_t l = ac_utf8_seq_len(s + i, n - i);
        if (!l)
            return 0;
        i += l;
    }
    return 1;
}

size_t ac_utf8_repair(const char *in, size_t n, char *out, ac_utf8_report *rep)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0;
    ac_utf8_report r = {0, 0, SIZE_MAX};
    while (i < n) {
        if (s[i] == 0) {
            if (r.first_offset == SIZE_MAX)
                r.first_offset = i;
            r.nul++;
            out[o++] = ' ';
            i++;
            continue;
        }
        size_t l = ac_utf8_seq_len(s + i, n - i);
        if (!l) {
            if (r.first_offset == SIZE_MAX)
                r.first_offset = i;
            r.invalid++;
            out[o++] = (char)0xEF;
            out[o++] = (char)0xBF;
            out[o++] = (char)0xBD;
            i++;
            /* Skip the continuation bytes of the broken sequence. */
            while (i < n && (s[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        memcpy(out + o, s + i, l);
        o += l;
        i += l;
    }
    out[o] = '\0';
    if (rep)
        *rep = r;
    return o;
}
