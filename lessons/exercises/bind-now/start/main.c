/* bind-now: by default a call to a shared library's function goes through the PLT, and the
 * loader looks the function up the first time it is called (lazy binding). A program can
 * ask to have every symbol bound when it starts instead, before main runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *copy = strdup("bound at start");
	if (!copy)
		return 1;
	printf("%s: %zu characters\n", copy, strlen(copy));
	free(copy);
	return 0;
}
