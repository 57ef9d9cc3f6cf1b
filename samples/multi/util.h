/* util.h: the interface of util.c, for the multi-file sample.
 * Used by the lessons "libraries" and "dynamic-linking"; main.c lists the build commands.
 *
 * A header holds declarations only: it tells each file that includes it what the functions
 * look like, so the compiler can check the calls. The definitions live in util.c, and the
 * link stage joins the two, whether util.o is given directly, taken from the static archive
 * libmyutil.a, or found at run time in the shared library libmyutil.so.
 */
#ifndef UTIL_H
#define UTIL_H

/* Clamp v into the range [lo, hi]. */
int util_clamp(int v, int lo, int hi);

/* The word for a count: "item" for 1, "items" otherwise. */
const char *util_plural(long n);

/* Never called by main.c: it shows that an archive member is copied whole. */
void util_unused(void);

/* Defined in util.c; counts the calls to util_clamp(). */
extern int util_calls;

#endif
