/* macros.c: what the preprocessor does before the compiler sees any C.
 * Used by the lessons "pipeline" (the preprocess stage) and "standards" (feature-test macros).
 *
 * It has an object-like macro, a function-like macro that evaluates its argument twice,
 * the # (stringize) and ## (paste) operators, predefined macros, conditional compilation
 * that removes lines, and a report of the feature-test macros that the C library's
 * headers saw. Compare the output of these builds:
 *
 *     gcc -E macros.c | tail -n 40          the source after preprocessing
 *     gcc -o macros macros.c && ./macros
 *     gcc -std=c11 -o macros macros.c && ./macros
 *     gcc -D_GNU_SOURCE -DVERBOSE -o macros macros.c && ./macros
 *
 * What the walkthrough shows, one fact a line (tests/samples.sh checks each one):
 */
#include <stdio.h>   /* also pulls in <features.h>, which sets the feature-test macros */

#define LIMIT 3                           /* object-like: replaced by its text */
#define SQUARE(x) ((x) * (x))             /* function-like: x appears twice */
#define SHOW(expr) printf("%-22s = %d\n", #expr, (expr))  /* #expr: the text as a string */
#define COUNTER(name) counter_##name      /* ##: pastes two tokens into one name */

static int counter_calls;

/* A function with a side effect, to show that SQUARE() evaluates its argument twice. */
static int next(void)
{
	return ++COUNTER(calls);
}

int main(void)
{
	int i;

	for (i = 0; i < LIMIT; i++)
		SHOW(SQUARE(i + 1));

	/* SQUARE(next()) becomes ((next()) * (next())): two calls, not one. */
	SHOW(SQUARE(next()));
	SHOW(COUNTER(calls));

	printf("this line is line %d of %s\n", __LINE__, __FILE__);
	printf("__STDC_VERSION__ = %ldL\n", (long)__STDC_VERSION__);

#ifdef VERBOSE
	puts("VERBOSE was defined (gcc -DVERBOSE), so this line survived preprocessing.");
#else
	puts("VERBOSE was not defined: the other branch of the #ifdef is gone from the .i file.");
#endif

	/* What the C library's headers were asked to expose (see feature_test_macros(7)). */
#ifdef _GNU_SOURCE
	puts("_GNU_SOURCE      defined: GNU extensions on top of everything below");
#else
	puts("_GNU_SOURCE      not defined");
#endif
#ifdef _DEFAULT_SOURCE
	puts("_DEFAULT_SOURCE  defined: POSIX.1-2008, ISO C, and BSD and System V extras");
#else
	puts("_DEFAULT_SOURCE  not defined: strict mode hides the BSD and System V extras");
#endif
#ifdef _POSIX_C_SOURCE
	printf("_POSIX_C_SOURCE  = %ldL\n", (long)_POSIX_C_SOURCE);
#else
	puts("_POSIX_C_SOURCE  not defined: only ISO C declarations are visible");
#endif
#ifdef __STRICT_ANSI__
	puts("__STRICT_ANSI__  defined: gcc was given a strict -std=cNN");
#endif
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: links
 * expect: runs (all): VERBOSE was not defined
 * expect: runs (dynamic, static, static-pie): _DEFAULT_SOURCE defined
 * expect: runs (dynamic, static, static-pie): _POSIX_C_SOURCE = 200809L
 */
