/* A cube root, from the maths library. */
#include <math.h>
#include <stdio.h>

int main(void)
{
	/* volatile: gcc must not compute cbrt(27) itself at compile time */
	volatile double v = 27.0;
	printf("cbrt(%g) = %g\n", v, cbrt(v));
	return 0;
}
