/* util.c: bumps the shared counter. */
#include "counter.h"

void bump(void)
{
	count++;
}
