/* c99-inline: what a C99 `inline` function in a header gives each file that includes it,
 * what it does not give the linker, and where the one external definition must come from. */
#include <stdio.h>

#include "square.h"

int sum_of_squares(int n);

int main(void)
{
	printf("square(7) = %d\n", square(7));
	printf("sum of squares 1..3 = %d\n", sum_of_squares(3));
	return 0;
}
