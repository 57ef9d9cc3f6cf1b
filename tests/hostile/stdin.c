/* stdin.c: a program that reads standard input to the end. It must meet end of file at once
 * (stdin is /dev/null), not wait for the learner's keyboard or eat lesson's own input. */
#include <stdio.h>

int main(void)
{
	long n = 0;
	while (getchar() != EOF)
		n++;
	printf("read %ld bytes before end of file\n", n);
	return 0;
}
