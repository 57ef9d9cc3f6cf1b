/* shape.c: libshape.so, built with -fvisibility=hidden. product() is an internal helper and
 * should stay out of the library's interface; rect_area() is the library's public function. */
#include "shape.h"

static double checked(double x)
{
	return x < 0.0 ? 0.0 : x;
}

double product(double a, double b)
{
	return checked(a) * checked(b);
}

__attribute__((visibility("default"))) double rect_area(double w, double h)
{
	return product(w, h);
}
