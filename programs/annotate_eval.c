/*
 * annotate_eval.c -- accord annotate --eval-quotes GOLD: quotation
 * attribution measured against a gold file (ac_quote_eval_file).
 */
#include <stdio.h>

#include "cli.h"

int annotate_eval_quotes(const ac_dict *d, const char *gold, int verbose);

static void print_problem(void *ctx, const char *id, const char *what, const char *gold_text,
                          const char *gold_speaker, const char *text, const char *speaker)
{
    (void)ctx;
    printf("%s %s:", id, what);
    if (*gold_text)
        printf(" gold \"%s\" (%s)", gold_text, gold_speaker);
    if (*text)
        printf("%s got \"%s\" (%s)", *gold_text ? ";" : "", text, speaker);
    printf("\n");
}

int annotate_eval_quotes(const ac_dict *d, const char *gold, int verbose)
{
    cli_diag diag = {.prefix = "warning"};
    ac_quote_scores s;
    ac_error err;
    if (ac_quote_eval_file(d, gold, cli_diag_print, &diag, verbose ? print_problem : NULL, NULL, &s,
                           &err) != AC_OK) {
        cli_error(NULL, &err);
        return EXIT_FAIL;
    }
    if (verbose)
        printf("\n");
    printf("gold stories       %zu (%zu malformed lines)\n", s.stories, s.bad_lines);
    printf("gold quotations    %zu (%zu direct, %zu indirect)\n", s.gold, s.gold_direct, s.gold_indirect);
    printf("returned           %zu\n", s.returned);
    printf("exact span         %zu of %zu = %.1f %% (direct %zu of %zu, indirect %zu of %zu)\n", s.found,
           s.gold, 100.0 * s.span_accuracy, s.found_direct, s.gold_direct, s.found_indirect,
           s.gold_indirect);
    printf("speaker            %zu of %zu found = %.1f %% (direct %zu, indirect %zu); "
           "%.1f %% of all gold quotations\n",
           s.speaker_ok, s.found, 100.0 * s.speaker_accuracy, s.speaker_ok_direct, s.speaker_ok_indirect,
           s.gold ? 100.0 * (double)s.speaker_ok / (double)s.gold : 0.0);
    printf("precision          %zu of %zu returned = %.1f %%\n", s.found, s.returned, 100.0 * s.precision);
    return s.bad_lines ? EXIT_FAIL : EXIT_OK;
}
