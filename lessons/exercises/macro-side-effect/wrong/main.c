/* macro-side-effect: a macro is text substitution, so an argument is evaluated as many
 * times as the macro's body names it; what that does to an argument with a side effect. */
#include <stdio.h>

#define MAX(a, b) (((a)) > ((b)) ? ((a)) : ((b)))

static int tickets;

static int take_ticket(void)
{
	return ++tickets;
}

int main(void)
{
	int best = MAX(take_ticket(), 0);
	printf("best = %d, tickets taken = %d\n", best, tickets);
	return 0;
}
