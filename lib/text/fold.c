/*
 * fold.c -- the matching key of a word: lower case, accents removed, hashed.
 *
 * ASCII takes a fast path; other letters go through utf8proc one code point
 * at a time (case fold, decomposition, marks stripped), without allocating.
 */
#include "text/text.h"

#include <utf8proc.h>
#include <xxhash.h>

#include "common/utf8.h"

size_t ac_text_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        if (c < 0x80) {
            if (o + 1 >= cap)
                break;
            out[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            i++;
            continue;
        }
        size_t l = ac_utf8_seq_len(u + i, n - i);
        if (!l) {
            i++;
            continue;
        }
        uint32_t cp = ac_utf8_decode(u + i, l);
        i += l;
        utf8proc_int32_t buf[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 8,
            (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                UTF8PROC_STRIPMARK | UTF8PROC_COMPAT), &last);
        if (k < 0 || k > 8) {
            buf[0] = (utf8proc_int32_t)cp;
            k = 1;
        }
        for (utf8proc_ssize_t j = 0; j < k; j++) {
            char enc[4];
            size_t el = ac_utf8_encode((uint32_t)buf[j], enc);
            if (o + el >= cap)
                goto done;
            for (size_t e = 0; e < el; e++)
                out[o++] = enc[e];
        }
    }
done:
    out[o] = '\0';
    return o;
}

uint64_t ac_text_fold_hash(const char *s, size_t n)
{
    char small[256];
    /* Fast path: short ASCII words are lower-cased in place. */
    if (n < sizeof small) {
        size_t i;
        for (i = 0; i < n; i++) {
            unsigned c = (unsigned char)s[i];
            if (c >= 0x80)
                break;
            small[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        if (i == n)
            return XXH3_64bits(small, n);
    }
    char big[1024];
    size_t l = ac_text_fold(s, n, big, sizeof big);
    return XXH3_64bits(big, l);
}
