/* shape.h: a rectangle, given by two opposite corners. */
#ifndef SHAPE_H
#define SHAPE_H

#include "point.h"

struct rect {
	struct point min, max;
};

#endif
