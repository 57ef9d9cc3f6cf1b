/* banner: large letters from a built-in bitmap font. See banner.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/banner.h"

/* One glyph: BANNER_ROWS rows of '#' (lit) and ' ', all as wide as the first. Letters and
 * most digits are 5 columns, so a word reads evenly; narrow marks stay narrow so "hello.c"
 * does not look like "hello . c". */
static const char *const banner_font[128][BANNER_ROWS] = {
	['A'] = { " ### ", "#   #", "#####", "#   #", "#   #" },
	['B'] = { "#### ", "#   #", "#### ", "#   #", "#### " },
	['C'] = { " ####", "#    ", "#    ", "#    ", " ####" },
	['D'] = { "#### ", "#   #", "#   #", "#   #", "#### " },
	['E'] = { "#####", "#    ", "#### ", "#    ", "#####" },
	['F'] = { "#####", "#    ", "#### ", "#    ", "#    " },
	['G'] = { " ####", "#    ", "#  ##", "#   #", " ####" },
	['H'] = { "#   #", "#   #", "#####", "#   #", "#   #" },
	['I'] = { "###", " # ", " # ", " # ", "###" },
	['J'] = { "    #", "    #", "    #", "#   #", " ### " },
	['K'] = { "#   #", "#  # ", "###  ", "#  # ", "#   #" },
	['L'] = { "#    ", "#    ", "#    ", "#    ", "#####" },
	['M'] = { "#   #", "## ##", "# # #", "#   #", "#   #" },
	['N'] = { "#   #", "##  #", "# # #", "#  ##", "#   #" },
	['O'] = { " ### ", "#   #", "#   #", "#   #", " ### " },
	['P'] = { "#### ", "#   #", "#### ", "#    ", "#    " },
	['Q'] = { " ### ", "#   #", "# # #", "#  # ", " ## #" },
	['R'] = { "#### ", "#   #", "#### ", "#  # ", "#   #" },
	['S'] = { " ####", "#    ", " ### ", "    #", "#### " },
	['T'] = { "#####", "  #  ", "  #  ", "  #  ", "  #  " },
	['U'] = { "#   #", "#   #", "#   #", "#   #", " ### " },
	['V'] = { "#   #", "#   #", "#   #", " # # ", "  #  " },
	['W'] = { "#   #", "#   #", "# # #", "## ##", "#   #" },
	['X'] = { "#   #", " # # ", "  #  ", " # # ", "#   #" },
	['Y'] = { "#   #", " # # ", "  #  ", "  #  ", "  #  " },
	['Z'] = { "#####", "   # ", "  #  ", " #   ", "#####" },
	['0'] = { " ### ", "#  ##", "# # #", "##  #", " ### " },
	['1'] = { " # ", "## ", " # ", " # ", "###" },
	['2'] = { " ### ", "#   #", "  ## ", " #   ", "#####" },
	['3'] = { "#### ", "    #", " ### ", "    #", "#### " },
	['4'] = { "#   #", "#   #", "#####", "    #", "    #" },
	['5'] = { "#####", "#    ", "#### ", "    #", "#### " },
	['6'] = { " ### ", "#    ", "#### ", "#   #", " ### " },
	['7'] = { "#####", "    #", "   # ", "  #  ", "  #  " },
	['8'] = { " ### ", "#   #", " ### ", "#   #", " ### " },
	['9'] = { " ### ", "#   #", " ####", "    #", " ### " },
	[' '] = { "   ", "   ", "   ", "   ", "   " },
	['.'] = { " ", " ", " ", " ", "#" },
	[','] = { "  ", "  ", "  ", " #", "# " },
	['-'] = { "   ", "   ", "###", "   ", "   " },
	['_'] = { "    ", "    ", "    ", "    ", "####" },
	[':'] = { " ", "#", " ", "#", " " },
	['/'] = { "    #", "   # ", "  #  ", " #   ", "#    " },
	['('] = { " #", "# ", "# ", "# ", " #" },
	[')'] = { "# ", " #", " #", " #", "# " },
	['?'] = { " ### ", "#   #", "  ## ", "     ", "  #  " },
	['!'] = { "#", "#", "#", " ", "#" },
	['+'] = { "   ", " # ", "###", " # ", "   " },
	['='] = { "   ", "###", "   ", "###", "   " },
	['<'] = { "  #", " # ", "#  ", " # ", "  #" },
	['>'] = { "#  ", " # ", "  #", " # ", "#  " },
	['\''] = { "#", "#", " ", " ", " " },
	['"'] = { "# #", "# #", "   ", "   ", "   " },
	['#'] = { " # # ", "#####", " # # ", "#####", " # # " },
	['*'] = { "   ", "# #", " # ", "# #", "   " },
};

/* The glyph drawn for byte c: its own, its capital's, or '?'. */
static const char *const *banner_glyph(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		c = (unsigned char)(c - 'a' + 'A');
	if (c < 128 && banner_font[c][0])
		return banner_font[c];
	return banner_font['?'];
}

int banner_has(int c)
{
	if (c >= 'a' && c <= 'z')
		c = c - 'a' + 'A';
	return c >= 0 && c < 128 && banner_font[c][0] != NULL;
}

/* Bytes that start a character: continuation bytes of UTF-8 belong to the one before. */
static int banner_starts_char(unsigned char c)
{
	return (c & 0xc0) != 0x80;
}

int banner_width(const char *text)
{
	int w = 0, n = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (!banner_starts_char(*p))
			continue;
		w += (int)strlen(banner_glyph(*p)[0]);
		n++;
	}
	return n > 0 ? w + (n - 1) * BANNER_SPACING : 0;
}

void banner_free_rows(char **rows, int n_rows)
{
	if (!rows)
		return;
	for (int i = 0; i < n_rows; i++)
		free(rows[i]);
	free(rows);
}

int banner_render(const char *text, int utf8, int max_width, char ***rows_out, int *n_rows,
		  int *width)
{
	static const char block[] = "\xe2\x96\x88"; /* U+2588 FULL BLOCK */
	size_t cell = utf8 ? sizeof block - 1 : 1;
	int w = banner_width(text);

	*rows_out = NULL;
	*n_rows = 0;
	*width = w;
	if (max_width >= 0 && w > max_width)
		return BANNER_TOO_WIDE;
	char **rows = calloc(BANNER_ROWS, sizeof *rows);
	if (!rows)
		return BANNER_NOMEM;
	for (int r = 0; r < BANNER_ROWS; r++) {
		char *o = malloc((size_t)w * cell + 1);
		if (!o) {
			banner_free_rows(rows, BANNER_ROWS);
			return BANNER_NOMEM;
		}
		rows[r] = o;
		int first = 1;
		for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
			if (!banner_starts_char(*p))
				continue;
			if (!first)
				for (int k = 0; k < BANNER_SPACING; k++)
					*o++ = ' ';
			first = 0;
			for (const char *g = banner_glyph(*p)[r]; *g; g++) {
				if (*g == '#' && utf8) {
					memcpy(o, block, cell);
					o += cell;
				} else {
					*o++ = *g == '#' ? '#' : ' ';
				}
			}
		}
		*o = '\0';
	}
	*rows_out = rows;
	*n_rows = BANNER_ROWS;
	return 0;
}
