/* buf.c -- the caller-owned growable buffer of accord.h. */
#include "accord.h"

#include <stdlib.h>
#include <string.h>

ac_status ac_buf_append(ac_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            if (cap > SIZE_MAX / 2)
                return AC_ENOMEM;
            cap *= 2;
        }
        char *p = realloc(b->data, cap);
        if (!p)
            return AC_ENOMEM;
        b->data = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return AC_OK;
}

void ac_buf_reset(ac_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void ac_buf_free(ac_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

#include "common/buf.h"
#include <stdarg.h>
#include <stdio.h>

ac_status ac_buf_printf(ac_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return AC_EINVAL;
    if ((size_t)n < sizeof small)
        return ac_buf_append(b, small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return AC_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ac_status st = ac_buf_append(b, big, (size_t)n);
    free(big);
    return st;
}
