/* error.c -- status names, error filling and formatting. */
#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *ac_status_name(ac_status s)
{
    switch (s) {
    case AC_OK: return "AC_OK";
    case AC_DONE: return "AC_DONE";
    case AC_ENOMEM: return "AC_ENOMEM";
    case AC_EIO: return "AC_EIO";
    case AC_EPARSE: return "AC_EPARSE";
    case AC_EINVAL: return "AC_EINVAL";
    case AC_EDICT: return "AC_EDICT";
    case AC_ELIMIT: return "AC_ELIMIT";
    case AC_EUNSUPPORTED: return "AC_EUNSUPPORTED";
    }
    return "AC_UNKNOWN";
}

static void fill(ac_error *err, ac_status code, const char *file, uint64_t line,
                 uint64_t offset, const char *fmt, va_list ap)
{
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->offset = offset;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

ac_status ac_error_set(ac_error *err, ac_status code, const char *file,
                       uint64_t line, uint64_t offset, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, file, line, offset, fmt, ap);
        va_end(ap);
    }
    return code;
}

void ac_warn(ac_diag_fn fn, void *ctx, ac_status code, const char *file,
             uint64_t line, uint64_t offset, const char *fmt, ...)
{
    if (!fn)
        return;
    ac_error e;
    va_list ap;
    va_start(ap, fmt);
    fill(&e, code, file, line, offset, fmt, ap);
    va_end(ap);
    fn(ctx, &e);
}

void ac_error_format(const ac_error *e, char *buf, size_t size)
{
    if (!size)
        return;
    /* Without a file, the message alone (callers add their own prefix). */
    const char *file = e->file[0] ? e->file : NULL;
    if (file && e->line)
        snprintf(buf, size, "%s:%llu: %s", file, (unsigned long long)e->line, e->msg);
    else if (e->offset != UINT64_MAX)
        snprintf(buf, size, "%s: byte %llu: %s", file ? file : "input", (unsigned long long)e->offset, e->msg);
    else if (file)
        snprintf(buf, size, "%s: %s", file, e->msg);
    else
        snprintf(buf, size, "%s", e->msg);
}
