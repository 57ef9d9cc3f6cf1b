/* greet.c: the only source of libgreet.so, which lies next to the program. */
#include "greet.h"

const char *greeting(void)
{
	return "hello from libgreet.so";
}
