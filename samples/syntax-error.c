/* syntax-error.c: a program that does not compile, on purpose.
 * Used by the lesson "pipeline": an error in the C itself stops the compile stage
 * (cc1), so there is no .s, no .o and no program. Preprocessing still works, because
 * the preprocessor only handles lines that start with # and the macros; it does not
 * parse C.
 *
 *     gcc -E syntax-error.c -o syntax-error.i     succeeds
 *     gcc -S syntax-error.c                       fails: gcc names the file, line and column
 *     lesson --report syntax-error.c              the later stages say they were not reached
 *
 * What the walkthrough shows, one fact a line (tests/samples.sh checks each one):
 */
#include <stdio.h>

#define MESSAGE "one semicolon short"

int main(void)
{
	printf("%s\n", MESSAGE)   /* the ; is missing: the compiler notices at the next token */
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: compile fails: expected ; before return
 */
