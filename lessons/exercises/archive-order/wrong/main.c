/* archive-order: ld reads archives once, left to right, and copies from each one only the
 * members that define a symbol still undefined at that moment. main needs red(); red()
 * needs blue(). */
#include <stdio.h>

#include "blue.h"
#include "red.h"

int main(void)
{
	printf("red says: %s\n", red());
	return 0;
}
