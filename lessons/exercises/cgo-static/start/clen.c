/* clen.c: compiled by go build (every .c file of the package is), and by lesson's walk. */
#include <string.h>

#include "clen.h"

int c_len(const char *s)
{
	return (int)strlen(s);
}
