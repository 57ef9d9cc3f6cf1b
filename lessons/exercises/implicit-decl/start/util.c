/* util.c: a helper, in a file of its own. */
#include "util.h"

double half(int x)
{
	return x / 2.0;
}
