/* runpath-origin: the loader looks for a NEEDED library in the program's DT_RUNPATH, then in
 * the system's directories, never in the program's own directory unless told; $ORIGIN in
 * the RUNPATH means "the directory the program is in", wherever it was started from. */
#include <stdio.h>

#include "greet.h"

int main(void)
{
	puts(greeting());
	return 0;
}
