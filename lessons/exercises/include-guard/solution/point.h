/* point.h: a point on a grid. */
#ifndef POINT_H
#define POINT_H

struct point {
	int x, y;
};

#endif
