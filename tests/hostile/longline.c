/* longline.c: a few lines that the preprocessor makes into one line of megabytes: each macro
 * doubles the one before, and the expansion stays on the line that uses it. The report
 * quotes that line from the .i; it must cut it and say so, and stay small. */
#define X1 1, 2, 3, 4, 5, 6, 7, 8
#define X2 X1, X1
#define X3 X2, X2
#define X4 X3, X3
#define X5 X4, X4
#define X6 X5, X5
#define X7 X6, X6
#define X8 X7, X7
#define X9 X8, X8
#define X10 X9, X9
#define X11 X10, X10
#define X12 X11, X11
#define X13 X12, X12
#define X14 X13, X13
#define X15 X14, X14
#define X16 X15, X15
#define X17 X16, X16
#define X18 X17, X17
static const unsigned char table[] = { X18 };

int main(void)
{
	return table[0] - 1;
}
