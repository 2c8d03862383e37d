/*
 * petrarch.c -- PETRARCH-2 dictionary loaders (placeholder; being written).
 */
#include "dict/builder.h"

#include "common/error.h"

static void not_yet(ac_dict_builder *b, const char *file)
{
    ac_builder_bad(b, file, 0, "this format is not read yet");
}

void ac_petr_load_verbs(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_petr_load_actors(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_petr_load_agents(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_petr_load_discards(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
void ac_petr_load_issues(ac_dict_builder *b, const char *file, const char *t, size_t n) { (void)t; (void)n; not_yet(b, file); }
ac_status ac_petr_load_config(ac_dict_builder *b, const char *path, ac_error *err)
{
    (void)b;
    return ac_error_set(err, AC_EINVAL, path, 0, UINT64_MAX, "PETR_config.ini is not read yet");
}
