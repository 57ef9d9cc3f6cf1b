/* point.h: a point on a grid. */
struct point {
	int x, y;
};
