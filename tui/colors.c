/* colors: the one table from semantic roles to curses attributes. See colors.h. */
#include "config.h"

#include <stdlib.h>

#include "tui/colors.h"

/* -1 is the terminal's own colour, where use_default_colors() allows it. */
#define COLORS_DEFAULT (-1)

struct colors_entry {
	short fg, bg;
	attr_t attr; /* added to the pair when in colour */
	attr_t mono; /* used alone without colour */
};

static const struct colors_entry colors_table[COLORS_ROLE_COUNT] = {
	[ROLE_TEXT] = { COLORS_DEFAULT, COLORS_DEFAULT, A_NORMAL, A_NORMAL },
	[ROLE_HEADING] = { COLOR_CYAN, COLORS_DEFAULT, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_EMPH] = { COLORS_DEFAULT, COLORS_DEFAULT, A_UNDERLINE, A_UNDERLINE },
	[ROLE_STRONG] = { COLORS_DEFAULT, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[ROLE_CODE] = { COLOR_YELLOW, COLORS_DEFAULT, A_NORMAL, A_BOLD },
	[ROLE_CODEBLOCK] = { COLOR_YELLOW, COLORS_DEFAULT, A_NORMAL, A_NORMAL },
	[ROLE_LINK] = { COLOR_BLUE, COLORS_DEFAULT, A_UNDERLINE, A_UNDERLINE },
	[ROLE_QUOTE] = { COLOR_MAGENTA, COLORS_DEFAULT, A_NORMAL, A_DIM },
	[ROLE_BULLET] = { COLOR_CYAN, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[ROLE_RULE] = { COLOR_BLUE, COLORS_DEFAULT, A_NORMAL, A_DIM },
	[ROLE_DIM] = { COLORS_DEFAULT, COLORS_DEFAULT, A_DIM, A_DIM },
	[ROLE_OK] = { COLOR_GREEN, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[ROLE_WARN] = { COLOR_YELLOW, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[ROLE_ERROR] = { COLOR_RED, COLORS_DEFAULT, A_BOLD, A_BOLD | A_REVERSE },
	[ROLE_COMMAND] = { COLOR_GREEN, COLORS_DEFAULT, A_NORMAL, A_BOLD },

	[COLORS_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[COLORS_BAR] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[COLORS_STAGE_CURRENT] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD },
	[COLORS_STAGE_DONE] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[COLORS_STAGE_FAILED] = { COLOR_RED, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD },
	[COLORS_STAGE_SKIPPED] = { COLOR_YELLOW, COLOR_BLUE, A_NORMAL, A_REVERSE | A_DIM },
	[COLORS_STAGE_PENDING] = { COLOR_CYAN, COLOR_BLUE, A_NORMAL, A_REVERSE | A_DIM },
	[COLORS_STAGE_RUNNING] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[COLORS_BORDER] = { COLOR_BLUE, COLORS_DEFAULT, A_NORMAL, A_DIM },
	[COLORS_BORDER_FOCUS] = { COLOR_CYAN, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[COLORS_PANE_TITLE] = { COLORS_DEFAULT, COLORS_DEFAULT, A_BOLD, A_NORMAL },
	[COLORS_PANE_TITLE_FOCUS] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
	[COLORS_PANE_INFO] = { COLOR_CYAN, COLORS_DEFAULT, A_NORMAL, A_NORMAL },
	[COLORS_KEYLINE] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[COLORS_KEYLINE_KEY] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_NORMAL | A_BOLD },
	[COLORS_LINENO] = { COLOR_BLUE, COLORS_DEFAULT, A_NORMAL, A_DIM },
	[COLORS_MORE] = { COLOR_MAGENTA, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[COLORS_HELP_KEY] = { COLOR_YELLOW, COLORS_DEFAULT, A_BOLD, A_BOLD },
	[COLORS_CURSOR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[COLORS_RELOC] = { COLOR_MAGENTA, COLORS_DEFAULT, A_NORMAL, A_UNDERLINE },
	[COLORS_LINKED] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_UNDERLINE | A_BOLD },
	[COLORS_TIED_CURSOR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	/* Backgrounds, so the pairing shows beside any text colour; without colour the
	 * gutter stays plain and the cursor's ties still show. */
	[COLORS_BAND1] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_NORMAL },
	[COLORS_BAND1 + 1] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_NORMAL },
	[COLORS_BAND1 + 2] = { COLOR_BLACK, COLOR_MAGENTA, A_NORMAL, A_NORMAL },
	[COLORS_BAND1 + 3] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_NORMAL },
	[COLORS_BAND1 + 4] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL },
	[COLORS_BAND1 + 5] = { COLOR_WHITE, COLOR_RED, A_NORMAL, A_NORMAL },
};

static attr_t colors_attrs[COLORS_ROLE_COUNT];
static int colors_on;

void colors_init(int no_color, int contrast)
{
	const char *env = getenv("NO_COLOR");
	int want = !no_color && !(env && *env) && has_colors();
	int have_default = 0;

	colors_on = 0;
	if (want && start_color() == OK) {
		colors_on = 1;
		have_default = use_default_colors() == OK;
	}
	for (int r = 0; r < COLORS_ROLE_COUNT; r++) {
		const struct colors_entry *e = &colors_table[r];
		if (!colors_on) {
			colors_attrs[r] = e->mono;
			continue;
		}
		short fg = e->fg, bg = e->bg;
		if (!have_default) {
			fg = fg == COLORS_DEFAULT ? COLOR_WHITE : fg;
			bg = bg == COLORS_DEFAULT ? COLOR_BLACK : bg;
		}
		/* One pair per role keeps the table the single place that says how a role looks;
		 * there are far fewer roles than the 64 pairs even an 8-colour terminal has. */
		short pair = (short)(r + 1);
		if (pair < COLOR_PAIRS && init_pair(pair, fg, bg) == OK)
			colors_attrs[r] = e->attr | (attr_t)COLOR_PAIR(pair);
		else
			colors_attrs[r] = e->mono;
	}
	for (int r = 0; contrast && r < COLORS_ROLE_COUNT; r++)
		colors_attrs[r] = (colors_attrs[r] & ~(attr_t)A_DIM) | A_BOLD;
}

attr_t colors_attr(int role)
{
	if (role < 0 || role >= COLORS_ROLE_COUNT)
		return A_NORMAL;
	return colors_attrs[role];
}

int colors_enabled(void)
{
	return colors_on;
}
