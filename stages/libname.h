/* libname: the library an undefined symbol comes from, named from this machine's packages.
 *
 * Contract: libname_explain() looks at each undefined-symbol item of a link's messages whose
 * source says nothing of its library (linkmsg's lib_unknown), finds the header of the .i
 * that declares the symbol (a line of a file other than the main one where the name is
 * followed by '('), asks dpkg -S which package installed that header, dpkg -L for the
 * package's pkg-config module (the one named like the header, else the first) or its
 * lib*.so / lib*.a, and pkg-config --libs for the options, then has linkmsg_name_library()
 * word the item with them ("-lz"). Nothing is hard-coded. The answers are kept in a cache
 * that the walk shares between its link variants, so each header is asked of once per walk
 * (at most LIBNAME_MAX of them); the cache's lock makes it safe from the variants' threads.
 * The tools run in dir with timeout_ms, as the walk's tools do.
 */
#ifndef CSTAGES_LIBNAME_H
#define CSTAGES_LIBNAME_H

#include <pthread.h>
#include <stddef.h>

#include "stages/linkmsg.h"
#include "stages/ppmap.h"

#define LIBNAME_MAX 8

/* What was found for each header asked of: its file in the .i, and the package, pkg-config
 * module and link options (found set when the options are known). */
struct libname_cache {
	pthread_mutex_t lock;
	size_t n;
	struct {
		int file, found;
		char *package, *pc, *flags;
	} e[LIBNAME_MAX];
};

void libname_cache_init(struct libname_cache *c);
void libname_cache_free(struct libname_cache *c);

void libname_explain(struct linkmsg *m, const struct ppmap *pp, const char *src_path,
		     const char *dir, int timeout_ms, struct libname_cache *c);

#endif
