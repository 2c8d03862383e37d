/* buf.h -- small helpers over ac_buf for the library's writers. */
#ifndef AC_BUF_H
#define AC_BUF_H

#include "accord.h"
#include <string.h>

/* ac_buf_append with its common case inline: the room is there. */
static inline ac_status ac_buf_add(ac_buf *b, const char *s, size_t n)
{
    if (b->len + n < b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return AC_OK;
    }
    return ac_buf_append(b, s, n);
}

static inline ac_status ac_buf_puts(ac_buf *b, const char *s)
{
    return ac_buf_add(b, s, strlen(s));
}

static inline ac_status ac_buf_putc(ac_buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return AC_OK;
    }
    return ac_buf_append(b, &c, 1);
}

/* Appends v in decimal. */
static inline ac_status ac_buf_uint(ac_buf *b, unsigned long long v)
{
    char d[24];
    size_t n = sizeof d;
    do {
        d[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return ac_buf_append(b, d + n, sizeof d - n);
}

/* printf-style append. */
ac_status ac_buf_printf(ac_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
