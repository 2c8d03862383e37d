/*
 * tabari.c -- TABARI dictionary loaders (placeholder; being written).
 */
#include "dict/builder.h"

#include "common/error.h"

static void not_yet(ac_dict_builder *b, const char *file)
{
    ac_builder_bad(b, file, 0, "this format is not read yet");
}

void ac_tabari_load_verbs(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_tabari_load_actors(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_tabari_load_agents(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_tabari_load_options(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
ac_status ac_tabari_load_project(ac_dict_builder *b, const char *path, ac_error *err)
{
    (void)b;
    return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, ".project files are not read yet");
}
