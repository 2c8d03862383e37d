/* buf.h -- small helpers over ac_buf for the library's writers. */
#ifndef AC_BUF_H
#define AC_BUF_H

#include "accord.h"
#include <string.h>

static inline ac_status ac_buf_puts(ac_buf *b, const char *s)
{
    return ac_buf_append(b, s, strlen(s));
}

static inline ac_status ac_buf_putc(ac_buf *b, char c)
{
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
