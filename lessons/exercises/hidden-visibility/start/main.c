/* hidden-visibility: a shared library exports only the symbols whose visibility is default;
 * -fvisibility=hidden makes hidden the default, so the library's interface must say which
 * of its functions are public. */
#include <stdio.h>

#include "shape.h"

int main(void)
{
	printf("a 3 by 4 rectangle has area %.1f\n", rect_area(3.0, 4.0));
	return 0;
}
