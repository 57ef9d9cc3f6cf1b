/* SQUARE(1+2) should be 9. */
#include <stdio.h>

#define SQUARE(x) ((x) * (x))

int main(void)
{
	printf("SQUARE(1+2) = %d\n", SQUARE(1+2));
	printf("10 / SQUARE(5) = %d\n", 10 / SQUARE(5));
	return 0;
}
