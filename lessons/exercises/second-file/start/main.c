/* second-file: a declaration tells the compiler that mean() exists; only a definition, in an
 * object on the link line, gives the linker its code. mean() is defined in stats.c. */
#include <stdio.h>

#include "stats.h"

int main(void)
{
	const double v[] = { 1.0, 2.0, 3.0, 4.0 };
	printf("mean = %.2f\n", mean(v, 4));
	return 0;
}
