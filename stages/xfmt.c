/* xfmt: printf into a string of its own. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "stages/xfmt.h"

char *xfmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}
