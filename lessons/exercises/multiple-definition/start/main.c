/* multiple-definition: a variable that several files share is defined in one of them and
 * declared in the others; what the linker says when a header defines it in each. */
#include <stdio.h>

#include "counter.h"

int main(void)
{
	bump();
	bump();
	bump();
	printf("count = %d\n", count);
	return 0;
}
