//go:build ignore

/* main.c: the C half alone, for lesson's walk through gcc's stages; the build constraint
 * above keeps go build from compiling it into the Go program, which has a main of its own. */
#include <stdio.h>

#include "clen.h"

int main(void)
{
	printf("C counts %d characters\n", c_len("static at last"));
	return 0;
}
