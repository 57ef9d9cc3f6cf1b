/* macro-side-effect: a macro is text substitution, so an argument is evaluated as many
 * times as the macro's body names it; what that does to an argument with a side effect. */
#include <stdio.h>

static int max(int a, int b)
{
	return a > b ? a : b;
}

static int tickets;

static int take_ticket(void)
{
	return ++tickets;
}

int main(void)
{
	int best = max(take_ticket(), 0);
	printf("best = %d, tickets taken = %d\n", best, tickets);
	return 0;
}
