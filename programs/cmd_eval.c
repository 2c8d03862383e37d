/* cmd_eval.c -- accord eval (placeholder until the evaluation lands). */
#include <stdio.h>

#include "cli.h"

int cmd_eval(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "accord eval: not built yet\n");
    return EXIT_FAIL;
}
