/* banner: large letters for the classroom demo, drawn with the terminal's own characters.
 *
 * Contract: banner_render() turns a short text into BANNER_ROWS rows of a built-in bitmap
 * font (no program, no font file): A-Z, 0-9, space and . , - _ : / ( ) ? ! + = < > ' " # *
 * (banner_has() says which). Lowercase letters are drawn as capitals; any other character,
 * and each UTF-8 character beyond ASCII, is drawn as '?'. Glyphs have their own widths and
 * stand BANNER_SPACING blank columns apart. A lit cell is U+2588 FULL BLOCK in UTF-8 mode and
 * '#' otherwise, so ASCII mode writes only ASCII bytes.
 *
 * Every row is padded with spaces to the same width in columns, so the caller can centre the
 * block. When the text needs more than max_width columns there is no smaller font: banner_render
 * returns -1 and the caller shows the text plainly (a stage name in bold, say).
 *
 * Memory: *rows_out is an array of *n_rows strings, all owned by the caller and released with
 * banner_free_rows(). Nothing here touches curses.
 */
#ifndef CSTAGES_BANNER_H
#define CSTAGES_BANNER_H

#define BANNER_ROWS 5
#define BANNER_SPACING 1

/* banner_render() results other than 0. */
#define BANNER_TOO_WIDE (-1)
#define BANNER_NOMEM (-2)

/* Render text. utf8: draw with U+2588, else '#'. max_width: the columns available, or < 0
 * for no limit. Returns 0 with *rows_out, *n_rows (BANNER_ROWS) and *width (columns) set;
 * BANNER_TOO_WIDE with *rows_out NULL, *n_rows 0 and *width the columns it would need; or
 * BANNER_NOMEM. An empty text gives BANNER_ROWS empty rows and width 0. */
int banner_render(const char *text, int utf8, int max_width, char ***rows_out, int *n_rows,
		  int *width);

/* The columns text would take, as *width of banner_render(). */
int banner_width(const char *text);

/* 1 when character c (a byte) has its own glyph, lowercase letters included. */
int banner_has(int c);

/* Free the rows of banner_render() (NULL is fine). */
void banner_free_rows(char **rows, int n_rows);

#endif
