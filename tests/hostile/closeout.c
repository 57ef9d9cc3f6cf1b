/* closeout.c: a program that prints a line, then closes its standard input, output and
 * error, and writes again (the write fails with EBADF). It exits 0: lesson must show the
 * line and the exit status, whatever the program did to its descriptors. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	puts("closing my output");
	fflush(stdout);
	close(0);
	close(1);
	close(2);
	if (write(1, "lost\n", 5) < 0 && write(2, "lost too\n", 9) < 0)
		return 0;
	return 3;
}
