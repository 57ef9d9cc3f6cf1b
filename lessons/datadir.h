/* datadir: where the lessons and samples are.
 *
 * Contract: datadir_get() returns the directory that holds lessons/ and samples/:
 * $CSTAGES_DATADIR when set; the source tree when this binary runs uninstalled from its build
 * tree (the directory of /proc/self/exe is the configured build directory); else the installed
 * $(pkgdatadir). The string is static.
 */
#ifndef CSTAGES_DATADIR_H
#define CSTAGES_DATADIR_H

const char *datadir_get(void);

#endif
