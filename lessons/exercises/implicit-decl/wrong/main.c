/* implicit-decl: what the compiler assumes about a function that is called before any
 * declaration of it, and what happens when the function returns something else. */
#include <stdio.h>

int half(int x);

int main(void)
{
	double h = half(5);
	printf("half of 5 is %.1f\n", h);
	return 0;
}
