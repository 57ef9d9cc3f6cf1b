/* interpose-preload: when the loader resolves a program's call to a shared library's
 * function, it takes the first definition in its search order, and the libraries named in
 * LD_PRELOAD come before all others: a preloaded library can replace (interpose) a libc
 * function without changing the program. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	srand(1);
	printf("roll: %d\n", rand() % 6 + 1);
	return 0;
}
