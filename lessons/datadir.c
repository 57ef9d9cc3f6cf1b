/* datadir: where the lessons and samples are. See datadir.h. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lessons/datadir.h"

const char *datadir_get(void)
{
	static char exe[PATH_MAX];
	const char *env = getenv("CSTAGES_DATADIR");
	if (env && *env)
		return env;
	/* Run from the build tree without installing: use the source tree's files, so a
	 * learner can try ./lesson right after make. */
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (strcmp(exe, ABS_BUILDDIR) == 0)
				return ABS_SRCDIR;
		}
	}
	return PKGDATADIR;
}
