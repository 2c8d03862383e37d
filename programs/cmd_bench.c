/* cmd_bench.c -- accord bench (placeholder until the benchmark lands). */
#include <stdio.h>

#include "cli.h"

int cmd_bench(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "accord bench: not built yet\n");
    return EXIT_FAIL;
}
