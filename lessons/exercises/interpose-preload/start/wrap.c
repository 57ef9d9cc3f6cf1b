/* wrap.c: libwrap.so, for LD_PRELOAD: loaded dice. Its rand() is meant to replace libc's
 * in the program's calls. */
#include <stdlib.h>

int rand(void)
{
	return 5; /* rand() % 6 + 1 is then 6 */
}
