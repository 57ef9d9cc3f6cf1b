/* red.c: the only member of libred.a; it calls blue(), which libblue.a defines. */
#include "blue.h"
#include "red.h"

const char *red(void)
{
	return blue();
}
