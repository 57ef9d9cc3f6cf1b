/* twice is a helper of this file alone. */
#include <stdio.h>

__attribute__((visibility("hidden"))) int twice(int x)
{
	return 2 * x;
}

int main(void)
{
	printf("twice(21) = %d\n", twice(21));
	return 0;
}
