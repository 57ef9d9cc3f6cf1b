/* escapes.c: a program whose output would take over a terminal: it resets the terminal,
 * switches to the alternate screen, clears it, hides the cursor, sets the window title, rings
 * the bell, and writes a NUL, a carriage return, a backspace and bytes that are not UTF-8.
 * Where lesson shows that output it must show it as text, never send it to the terminal. */
#include <stdio.h>

int main(void)
{
	fputs("before\n", stdout);
	fputs("\033c\033[?1049h\033[2J\033[H\033[?25l\033]0;pwned\007\a", stdout);
	static const char raw[] = "nul:\0:cr\rbs\b:bad\xff\xfe:end\n";
	fwrite(raw, 1, sizeof raw - 1, stdout);
	fputs("\033[31mred on stderr\033[0m\n", stderr);
	fputs("after\n", stdout);
	return 0;
}
