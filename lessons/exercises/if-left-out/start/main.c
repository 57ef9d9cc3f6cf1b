/* if-left-out: #if is decided by the preprocessor, before the compiler has seen a single
 * declaration, so it can test macros only; which names count, and what happens to the
 * others. */
#include <stdio.h>

enum { DETAIL_LEVEL = 2 };

int main(void)
{
	int sizes[] = { 3, 1, 4 };
	int total = 0;
	for (int i = 0; i < 3; i++) {
#if DETAIL_LEVEL >= 2
		printf("item %d: %d\n", i, sizes[i]);
#endif
		total += sizes[i];
	}
	printf("total: %d\n", total);
	return 0;
}
