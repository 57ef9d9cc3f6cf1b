/* square.c: the one external definition of square, for the calls that are not inlined. */
#include "square.h"

extern inline int square(int x);
