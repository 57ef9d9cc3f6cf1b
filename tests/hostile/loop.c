/* loop.c: a program that never ends. lesson must kill it at its time limit and say so. */
int main(void)
{
	volatile unsigned long n = 0;
	for (;;)
		n++;
}
