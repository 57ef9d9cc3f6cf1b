/* resolve: which shared library gives a dynamically linked program each symbol its own
 * objects leave undefined, worked out the way the dynamic linker searches: the libraries
 * in load order (the order ldd prints), and the first whose .dynsym defines the name wins.
 *
 * Contract: resolve_parse_ldd() turns ldd's output into the list of libraries in load
 * order: "name => path" lines, and the dynamic linker's own line (loader set); the vDSO
 * (linux-vdso.so.1), which is no file, is left out; "name => not found" is kept with a NULL
 * path. resolve_symbols() takes the names (undefined in the user's objects and defined in
 * none of them: the caller works that out with symbols_undefined()) and the libraries, reads
 * each library's .dynsym once with symbols_read(), and for each name records the first
 * library that defines it (GLOBAL, WEAK or UNIQUE, and not undefined there) under its
 * default version (name@@VERSION, or unversioned); a definition under a non-default version
 * only (name@VER) cannot satisfy a new reference, as with ld. A name asked with a version
 * ("memcpy@GLIBC_2.2.5") matches that version only. A library that cannot be read is
 * skipped, and lib_errors says why. The caller owns both results and frees them with resolve_libs_free() and
 * resolve_free(). No global state.
 */
#ifndef CSTAGES_RESOLVE_H
#define CSTAGES_RESOLVE_H

#include <stddef.h>

struct resolve_lib {
	char *name;  /* as ldd names it: "libc.so.6"; the loader's path for the loader */
	char *path;  /* "/lib/x86_64-linux-gnu/libc.so.6"; NULL when ldd said "not found" */
	int loader;  /* the dynamic linker, ldd's line without "=>" */
};

struct resolve_libs {
	struct resolve_lib *libs;
	size_t n;
};

struct resolve_binding {
	char *symbol;        /* the name asked for */
	long lib;            /* index of the library that defines it, -1 when none does */
	char *version;       /* "GLIBC_2.2.5"; NULL when unversioned or not found */
	int version_hidden;  /* a non-default version, matched because it was asked for */
	unsigned char bind;  /* STB_* of the definition */
	unsigned char type;  /* STT_* of the definition: FUNC, OBJECT, IFUNC... */
};

struct resolve {
	struct resolve_binding *bindings; /* n, in the order the names were given */
	size_t n;
	char **lib_errors;   /* n_libs: why library i could not be read, or NULL */
	size_t n_libs;
	char error[160];
};

/* Parse ldd's output (stdout) into *out; 0, or -1 when out of memory. */
int resolve_parse_ldd(const char *text, struct resolve_libs *out);

void resolve_libs_free(struct resolve_libs *l);

/* Find each of the n names in the n_libs libraries. 0, or -1 when out of memory (r->error
 * says so); a library that cannot be read is not an error. */
int resolve_symbols(const char *const *names, size_t n, const struct resolve_lib *libs,
		    size_t n_libs, struct resolve *r);

/* "printf@@GLIBC_2.2.5" ("name@VER" for a non-default version), or the bare name when
 * unversioned or not found, into buf (len bytes); returns buf. */
char *resolve_label(const struct resolve_binding *b, char *buf, size_t len);

void resolve_free(struct resolve *r);

#endif
