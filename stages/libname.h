/* libname: the library an undefined symbol comes from, named from this machine's packages.
 *
 * Contract: libname_explain() looks at each undefined-symbol item of a link's messages whose
 * source says nothing of its library (linkmsg's lib_unknown), finds the header of the .i
 * that declares the symbol (a line of a file other than the main one where the name is
 * followed by '('), asks dpkg -S which package installed that header, dpkg -L for the
 * package's pkg-config module (the one named like the header, else the first) or its
 * lib*.so / lib*.a, and pkg-config --libs for the options, then has linkmsg_name_library()
 * word the item with them ("-lz"). Nothing is hard-coded; at most eight headers are asked
 * of per call, each once. The tools run in dir with timeout_ms, as the walk's tools do.
 */
#ifndef CSTAGES_LIBNAME_H
#define CSTAGES_LIBNAME_H

#include "stages/linkmsg.h"
#include "stages/ppmap.h"

void libname_explain(struct linkmsg *m, const struct ppmap *pp, const char *src_path,
		     const char *dir, int timeout_ms);

#endif
