/* blue.c: the only member of libblue.a. */
#include "blue.h"

const char *blue(void)
{
	return "blue";
}
