/* linkmsg: what the linker said, explained, and tied to the source.
 *
 * Contract: linkmsg_parse() reads the stderr of one link command (gcc, collect2 and GNU ld;
 * musl-gcc prints the same) and makes one linkmsg_item for each message of ld's that it
 * recognises, in the order ld printed them:
 *   - "undefined reference to `sqrt'", and "more undefined references to `q' follow";
 *   - "undefined reference to `main'" from the start files (crt1.o, Scrt1.o): no main;
 *   - "multiple definition of `x'; OBJ:(.data+0x0): first defined here";
 *   - glibc's "Using 'getpwnam' in statically linked applications requires at runtime the
 *     shared libraries from the glibc version used for linking" (the Name Service Switch
 *     functions, and dlopen);
 *   - "cannot find -lfoo" (ld 2.40 adds ": No such file or directory");
 *   - any other warning of ld's ("warning: the `gets' function is dangerous...");
 *   - the compiler's "x.c:18:10: fatal error: zlib.h: No such file or directory", from a link
 *     command that compiles the source itself (musl-gcc's variant does).
 * The compiler's other diagnostics in the same text ("x.c:3:5: warning: ...") and gcc's and
 * collect2's lines are not ld's and are left out. ld quotes names `like this' in the C
 * locale and with ‘ ’ when a UTF-8 catalog translates it; both are read. ld's context lines
 * ("/usr/bin/ld: hello.o: in function `main':") name the object and function of the
 * messages that follow, up to the next one; each item carries them.
 *
 * With libclang's facts of the source (cf, which may be NULL), an item also says where in
 * the source it comes from: the calls to the symbol (for an undefined reference and a
 * static-link warning; only those in the function ld named, and at the line it named with
 * -g, when some are), the definitions of it (for a multiple definition). A message that
 * ld places in another source file than cf's gets no places. Every item gets sentences for
 * a learner; most get a short fix and the name of the lesson that covers them.
 *
 * Any bytes are accepted (NUL bytes, no final newline, garbage): what is not understood is
 * skipped. At most LINKMSG_MAX_ITEMS items are made; beyond that m->truncated is set. The
 * caller owns *m and frees it with linkmsg_free(); nothing in it points into err or cf.
 * No global state: safe from several threads at once.
 */
#ifndef CSTAGES_LINKMSG_H
#define CSTAGES_LINKMSG_H

#include <stddef.h>
#include "stages/cfacts.h"

#define LINKMSG_MAX_ITEMS 10000u

enum linkmsg_kind {
	LINKMSG_UNDEFINED,      /* no input defines a symbol that one refers to: the link fails */
	LINKMSG_MULTIPLE,       /* two inputs define the same global symbol: the link fails */
	LINKMSG_STATIC_NSS,     /* glibc: this function loads shared libraries even when static */
	LINKMSG_NO_MAIN,        /* the start files call main, and nothing defines it */
	LINKMSG_CANNOT_FIND,    /* a library (-lfoo) or a file that ld cannot find */
	LINKMSG_OTHER_WARNING,  /* any other warning of ld's */
	LINKMSG_NO_HEADER,      /* the compiler found no header that the source includes */
	LINKMSG_KIND_COUNT,
};

/* What a place in the source is to the message. */
enum linkmsg_at {
	LINKMSG_AT_CALL,        /* a call to the symbol */
	LINKMSG_AT_DECLARATION, /* its declaration, when nothing calls it (an extern variable) */
	LINKMSG_AT_DEFINITION,  /* its definition */
};

/* A place in the main source file, from libclang's facts: line and column are 1-based. */
struct linkmsg_where {
	unsigned line, col;
	enum linkmsg_at at;
	char *caller;           /* the function the call is in; NULL when not a call */
};

struct linkmsg_item {
	enum linkmsg_kind kind;
	char *symbol;           /* "sqrt", "x", "getpwnam"; for CANNOT_FIND what ld could not
				   find: "nosuchlib" for -lnosuchlib, else the file name as
				   given; for NO_HEADER the header ("zlib.h"); for
				   OTHER_WARNING the name it quotes, or NULL */
	char *raw;              /* the line(s) ld printed: the context line when ld printed it
				   just before, the message, and a following "NOTE:" line */
	char *object;           /* the object ld named ("/tmp/cc1.o", "hello.o", ".../Scrt1.o"),
				   or NULL */
	char *function;         /* the function of ld's "in function `main'", or NULL */
	char *location;         /* ld's place of the message: "hello.c:(.text+0x46)",
				   "/src/hello.c:9", "(.text+0x17)"; NULL when it gave none */
	char *src_file;         /* the source file in location, or NULL */
	unsigned src_line;      /* its line when the object has debug info (-g), else 0 */
	char *first;            /* MULTIPLE: where the first definition is, as ld said it */
	int more;               /* "more undefined references to `q' follow": ld stopped
				   listing the references to this symbol from that section */
	struct linkmsg_where *where; /* in the source, from cf; NULL and 0 when unknown */
	size_t n_where;
	char *explain;          /* sentences for a learner */
	char *fix;              /* a short fix: a command line or a change to the code; NULL
				   for a warning that has no one fix */
	const char *lesson;     /* a lesson's name (lessons/NAME.md), static; or NULL */
	/* UNDEFINED: 1 when nothing in the source says where the symbol is defined (the fix
	 * then names no library); the caller may look for its library (linkmsg_name_library) */
	int lib_unknown;
	/* The library found for it by the caller, or NULL: the header that declares the
	 * symbol, the package that has that header, the pkg-config module that package ships
	 * (or NULL), and the options that link the library ("-lz") */
	char *lib_header, *lib_package, *lib_pc, *lib_flags;
};

struct linkmsg {
	struct linkmsg_item *items;
	size_t n;
	int truncated;          /* LINKMSG_MAX_ITEMS was reached: the list is incomplete */
};

/* Read len bytes of a link command's stderr into *m (which it initialises); cf is
 * libclang's facts of the source linked, or NULL. 0 on success, including text with no
 * message in it (m->n is then 0); -1 when memory runs out (*m is then empty). */
int linkmsg_parse(struct linkmsg *m, const char *err, size_t len, const struct cfacts *cf);

void linkmsg_free(struct linkmsg *m);

/* The library of an undefined symbol, as found on this machine: the header of the .i that
 * declares the symbol (header), the package that has it (dpkg -S), the package's pkg-config
 * module (pc, or NULL when it ships none) and the options that link it (flags: pkg-config
 * --libs, or -lNAME from the package's libNAME.so or .a). The item's explanation and fix
 * then name it; file is the source's name for the command ("zpipe.c"). 0, or -1 when
 * memory runs out (the item is then unchanged). */
int linkmsg_name_library(struct linkmsg_item *it, const char *header, const char *package,
			 const char *pc, const char *flags, const char *file);

/* A sentence for a maths function that glibc's link could not find and musl's link found
 * inside musl's libc.a (member: "libc.a(cbrt.o)", from musl's link map). malloc'd, or NULL
 * when memory runs out. */
char *linkmsg_say_musl_libm(const char *symbol, const char *member);

/* A sentence for -lNAME given on the link command (lib: "m") that the dynamic program's
 * NEEDED does not list: as_needed says whether gcc -dumpspecs shows gcc passing --as-needed
 * to ld. malloc'd, or NULL when memory runs out. */
char *linkmsg_say_dropped(const char *lib, int as_needed);

/* "undefined", "multiple", "static-nss", "no-main", "cannot-find", "warning", "no-header";
 * "unknown" for a value out of range. Stable: the JSON output uses them. */
const char *linkmsg_kind_name(enum linkmsg_kind k);

/* The kind in words, for a heading: "undefined reference", "multiple definition", "glibc's
 * static-link warning", "no main", "cannot find", "linker warning", "missing header (the
 * compiler's)"; "unknown" for a value out of range. */
const char *linkmsg_kind_label(enum linkmsg_kind k);

/* 1 for the kinds that make the link fail (undefined, multiple, no main, cannot find, no
 * header). */
int linkmsg_kind_is_error(enum linkmsg_kind k);

/* 1 when name is one of the common functions of glibc's maths library, libm, which gcc does
 * not link by default (sqrt, sin, pow... and their float and long double forms sqrtf,
 * sqrtl); the ones libc.so.6 also defines (ldexp, frexp, modf...) are not counted. */
int linkmsg_is_libm(const char *name);

/* The i-th base name of that list ("sqrt"), or NULL past its end: for tests. */
const char *linkmsg_libm_name(size_t i);

#endif
