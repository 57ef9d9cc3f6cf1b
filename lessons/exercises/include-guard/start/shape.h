/* shape.h: a rectangle, given by two opposite corners. */
#include "point.h"

struct rect {
	struct point min, max;
};
