/* hello.c: the first sample; every stage
 * lesson uses it. It has a little of what
 * each stage acts on:
 *   #include   pasted in by the preprocessor
 *   #define    macros it expands
 *   static     a local symbol (this file only)
 *   global     a symbol other files can call
 *   data       .data, .bss and .rodata
 *   printf     resolved only by the linker
 */
#include <stdio.h>

#define GREETING "Hello, world"
#define SQUARE(x) ((x) * (x))

int answer = SQUARE(6) + 6; /* .data */
int calls;                  /* .bss  */

/* static: the name stays in this file */
static int twice(int n)
{
	calls++;
	return 2 * n;
}

/* global: other files could call it */
int greet(const char *who)
{
	return printf("%s, from %s!\n",
		      GREETING, who) + twice(0);
}

int main(void)
{
	greet("hello.c");
	printf("The answer is %d.\n", answer);
	printf("Bye.\n"); /* gcc makes it puts */
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: links
 * expect: runs (all): Bye.
 * expect: elf (dynamic): DYN, interp
 * expect: elf (static, musl): EXEC, no interp
 * expect: elf (static-pie): DYN, no interp
 * expect: needs (dynamic): libc.so.6
 */
