/* include-guard: what the preprocessor does when one header reaches a file twice, once
 * directly and once through another header, and how a header can make its second copy
 * empty. */
#include <stdio.h>

#include "point.h"
#include "shape.h"

static int area(struct rect r)
{
	return (r.max.x - r.min.x) * (r.max.y - r.min.y);
}

int main(void)
{
	struct point corner = { 4, 3 };
	struct rect r = { { 0, 0 }, corner };
	printf("area = %d\n", area(r));
	return 0;
}
