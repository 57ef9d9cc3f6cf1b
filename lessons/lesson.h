/* lesson: the lesson texts (CommonMark files, lessons/NAME.md), loaded and rendered.
 *
 * Contract: lesson_load() reads DATADIR/lessons/NAME.md; a lesson opens with a "# Title" line
 * and a first paragraph that is its summary (used by --list and the report). lesson_render()
 * parses the text with libcmark and lays it out at a width into a styled document (headings,
 * emphasis, code spans and blocks, lists, block quotes, tables, links). lesson_print() renders
 * for a terminal (ANSI) or a pipe (plain). Nothing here touches curses or runs a process.
 * The caller owns what it loads and frees it with lesson_free().
 */
#ifndef CSTAGES_LESSON_H
#define CSTAGES_LESSON_H

#include <stdio.h>
#include "lessons/styled.h"

struct lesson {
	char *name;    /* "link" */
	char *path;    /* where it was read from */
	char *text;    /* the CommonMark source */
	char *title;   /* from the first heading, without the "# " */
	char *summary; /* the first paragraph, as plain text on one line */
};

/* Load lesson name from datadir. 0 on success; -1 with a sentence in err otherwise. */
int lesson_load(const char *datadir, const char *name, struct lesson *l, char *err, size_t errlen);

/* Lay the lesson out at width columns (>= 20) into out (which the caller frees). */
void lesson_render(const struct lesson *l, int width, struct sty_doc *out);

/* Render and print to f at width columns, with ANSI styles when ansi is set. */
void lesson_print(const struct lesson *l, FILE *f, int width, int ansi);

void lesson_free(struct lesson *l);

#endif
