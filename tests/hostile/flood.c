/* flood.c: a program that writes far more than anyone can read: 16 MiB to standard output
 * and 16 MiB to standard error, then exits 0. lesson must keep only the first part of each,
 * say that it cut them, and not slow down or grow to hold the rest. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	static char line[4096];
	memset(line, 'y', sizeof line - 1);
	line[sizeof line - 1] = '\n';
	for (int i = 0; i < 4096; i++) {
		fwrite(line, 1, sizeof line, stdout);
		fwrite(line, 1, sizeof line, stderr);
	}
	return 0;
}
