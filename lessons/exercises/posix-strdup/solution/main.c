/* posix-strdup: strdup is a POSIX function, not an ISO C one; under a strict -std=c11,
 * glibc's <string.h> declares it only for a program that asks for POSIX with a feature-test
 * macro, and the request must come before the C library's first header. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *copy = strdup("hello, POSIX");
	if (!copy)
		return 1;
	copy[0] = 'H';
	printf("%s\n", copy);
	free(copy);
	return 0;
}
