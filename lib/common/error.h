/*
 * error.h -- filling ac_error and reporting warnings, for the library's own use.
 */
#ifndef AC_ERROR_H
#define AC_ERROR_H

#include "accord.h"

/* Fills err (when not NULL) and returns code, so callers can write
 * `return ac_error_set(err, AC_EPARSE, file, line, off, "bad %s", x);`.
 * file may be NULL; offset UINT64_MAX means unknown. */
ac_status ac_error_set(ac_error *err, ac_status code, const char *file,
                       uint64_t line, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Builds a warning and hands it to fn (when not NULL). */
void ac_warn(ac_diag_fn fn, void *ctx, ac_status code, const char *file,
             uint64_t line, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

#endif
