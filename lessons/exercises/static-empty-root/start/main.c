/* static-empty-root: a container image that holds nothing but the program has no dynamic
 * loader and no C library. A program gcc links by default names both; a static one carries
 * what it needs. */
#include <stdio.h>

int main(void)
{
	puts("alone in the root, and running");
	return 0;
}
