/* colors: the one table from semantic roles to curses attributes.
 *
 * Contract: a role says what a piece of the screen is (the sty_role values of
 * lessons/styled.h, which the lesson and the panes' text carry, plus the roles below that
 * only the TUI draws); colors_attr() says how to draw it. colors_init() runs after the curses
 * screen exists: with colour when the terminal has it and the user did not ask for none
 * (--no-color, or NO_COLOR set and not empty), else the table's monochrome column (bold,
 * reverse, underline, dim), so every role stays distinguishable without colour. It uses
 * the 8 basic colours only, on the terminal's own background where it allows.
 */
#ifndef CSTAGES_COLORS_H
#define CSTAGES_COLORS_H

#include <curses.h>
#include "lessons/styled.h"

enum colors_role {
	COLORS_TITLE = ROLE_COUNT, /* the top line: "lesson — hello.c" */
	COLORS_BAR,                /* the rest of the top line */
	COLORS_STAGE_CURRENT,      /* the stage being shown */
	COLORS_STAGE_DONE,
	COLORS_STAGE_FAILED,
	COLORS_STAGE_SKIPPED,
	COLORS_STAGE_PENDING,
	COLORS_STAGE_RUNNING,
	COLORS_BORDER,
	COLORS_BORDER_FOCUS,       /* the border of the pane the scroll keys move */
	COLORS_PANE_TITLE,
	COLORS_PANE_TITLE_FOCUS,
	COLORS_PANE_INFO,          /* "12 lines", "lines 1-13 of 745" on a border */
	COLORS_KEYLINE,            /* the bottom line's text */
	COLORS_KEYLINE_KEY,        /* the keys named on it */
	COLORS_LINENO,             /* source line numbers */
	COLORS_MORE,               /* the mark at the end of a clipped line */
	COLORS_HELP_KEY,           /* keys on the help screen */
	COLORS_CURSOR,             /* the chosen line of a list */
	COLORS_RELOC,              /* a relocation: a place the linker must fill in */
	COLORS_LINKED,             /* lines tied to the other pane's cursor */
	COLORS_TIED_CURSOR,        /* the cursor of a pane tied to another */
	COLORS_BAND1,              /* the gutter colours that pair source lines with the .i's or
				      the .s's lines (STY_BANDS of them) */
	COLORS_BAND6 = COLORS_BAND1 + STY_BANDS - 1,
	COLORS_ROLE_COUNT
};

/* Set up colour pairs, or the monochrome fallback. no_color: the user asked for none.
 * contrast: the classroom theme, for a projector seen from the back of a room: no dim text
 * (dim grey washes out on a projector), and every role bold. */
void colors_init(int no_color, int contrast);

/* The attributes (colour pair included) to draw role with: a sty_role or a colors_role. A
 * pane's line may carry a colors_role in a span (cast to enum sty_role): the panes draw any
 * role through this table. */
attr_t colors_attr(int role);

/* 1 when colours are in use. */
int colors_enabled(void);

#endif
