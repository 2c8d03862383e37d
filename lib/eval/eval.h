/*
 * eval.h -- the CSV reader behind ac_eval (private to lib/ and its tests).
 *
 * RFC 4180 CSV: fields are separated by commas and rows by LF or CRLF; a
 * field in double quotes may hold commas, line breaks and doubled quotes
 * ("" stands for one "). A quote inside an unquoted field is kept as is.
 * Text after a closing quote, or a quote that is never closed, makes the
 * row malformed: it is skipped up to the end of its line and reported.
 */
#ifndef AC_EVAL_H
#define AC_EVAL_H

#include "accord.h"

typedef struct ac_csv {
    const char *p, *end;   /* the rest of the input (borrowed) */
    uint64_t line;         /* 1-based line of p */
    ac_buf text;           /* the fields of the current row, each NUL-terminated */
    size_t *offs;          /* start of field i in text.data */
    size_t nfields, cap;
} ac_csv;

/* Reads data[0..len), which must outlive the reader. */
void ac_csv_init(ac_csv *c, const char *data, size_t len);

/* Reads the next row; *row_line gets the line it starts on.
 *   AC_OK      a row: ac_csv_count() fields, ac_csv_field(c, i);
 *   AC_DONE    end of input;
 *   AC_EPARSE  a malformed row was skipped (err says where and why): call
 *              again to go on;
 *   AC_ENOMEM. */
ac_status ac_csv_next(ac_csv *c, const char *name, uint64_t *row_line, ac_error *err);

size_t ac_csv_count(const ac_csv *c);
/* Field i of the current row, valid until the next call. */
const char *ac_csv_field(const ac_csv *c, size_t i);

void ac_csv_free(ac_csv *c);

#endif
