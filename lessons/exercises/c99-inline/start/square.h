/* square.h: a small function, for every file to inline. */
#ifndef SQUARE_H
#define SQUARE_H

inline int square(int x)
{
	return x * x;
}

#endif
