/* hello.c: the walkthrough's first sample. Used by every stage lesson.
 *
 * It has a little of everything the four stages act on: an #include that the preprocessor
 * pastes in, a macro it expands, a static function (a local symbol, private to this file)
 * and a global one (a symbol other files could call), a string literal (.rodata), an
 * initialised global variable (.data), a zero one (.bss), and a call into the C library
 * (printf) that only the link stage resolves.
 */
#include <stdio.h>

#define GREETING "Hello, world"
#define SQUARE(x) ((x) * (x))

int answer = SQUARE(6) + 6; /* initialised: .data */
int calls;                  /* zero: .bss */

/* static: its name stays inside this file */
static int twice(int n)
{
	calls++;
	return 2 * n;
}

/* global: any file linked with this one could call it */
int greet(const char *who)
{
	return printf("%s, from %s!\n", GREETING, who) + twice(0);
}

int main(void)
{
	greet("hello.c");
	printf("The answer is %d.\n", answer);
	return 0;
}
