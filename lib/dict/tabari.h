/*
 * tabari.h -- what the TABARI loaders (tabari.c) offer besides the builder
 * entry points of builder.h.
 */
#ifndef AC_TABARI_H
#define AC_TABARI_H

#include <stddef.h>

/* Reads the TABARI .project file at project_path and writes into out (cap
 * bytes) the path of its first <textfile>, resolved against the project's
 * folder. Returns 0, or -1 when the project cannot be read, names no text
 * file, or the path does not fit. Used by the validation runner, which
 * reads the text file itself. */
int ac_tabari_project_textfile(const char *project_path, char *out, size_t cap);

#endif
