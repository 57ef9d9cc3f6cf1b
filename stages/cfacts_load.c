/* cfacts_load: libclang, loaded with dlopen the first time it is needed. See cfacts.h for
 * the contract (when it loads, what a failure says) and cfacts_int.h for the parts.
 */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "stages/cfacts_int.h"

#ifndef LIBCLANG_SO
#define LIBCLANG_SO "" /* configure found none: try the loader's search path */
#endif

struct cfacts_clang cfacts_lib;

static pthread_once_t cfacts_once = PTHREAD_ONCE_INIT;
static int cfacts_loaded;
static char cfacts_load_error[384];

/* Open one candidate and resolve every function; 0, or -1 with why. */
static int cfacts_try(const char *name, char *why, size_t len)
{
	void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, len, "%s", e ? e : name);
		return -1;
	}
	void *sym;
#define CFACTS_X(f) \
	sym = dlsym(h, #f); \
	if (!sym) { \
		snprintf(why, len, "%s lacks %s (libclang 12 and later have it)", name, #f); \
		dlclose(h); \
		return -1; \
	} \
	memcpy(&cfacts_lib.f, &sym, sizeof sym);
	CFACTS_CLANG_FUNCS(CFACTS_X)
#undef CFACTS_X
	return 0; /* h stays open for the life of the process */
}

/* Once per process: the configured path, then the loader's search path. */
static void cfacts_load(void)
{
	char first[256] = "", why[256];
	const char *configured = LIBCLANG_SO;
	if (configured[0]) {
		if (cfacts_try(configured, first, sizeof first) == 0) {
			cfacts_loaded = 1;
			return;
		}
	}
	if (cfacts_try("libclang.so.1", why, sizeof why) == 0) {
		cfacts_loaded = 1;
		return;
	}
	if (!first[0])
		memcpy(first, why, sizeof first);
	/* Debian also names the library by its LLVM version */
	for (int v = 30; v >= 12; v--) {
		char name[32];
		snprintf(name, sizeof name, "libclang-%d.so.1", v);
		if (cfacts_try(name, why, sizeof why) == 0) {
			cfacts_loaded = 1;
			return;
		}
	}
	snprintf(cfacts_load_error, sizeof cfacts_load_error,
		 "libclang could not be loaded (%s); on Debian: apt-get install libclang1-14",
		 first);
}

int cfacts_available(char *err, size_t len)
{
	pthread_once(&cfacts_once, cfacts_load);
	if (!cfacts_loaded && err && len)
		snprintf(err, len, "%s", cfacts_load_error);
	return cfacts_loaded;
}
