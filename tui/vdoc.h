/* vdoc: the helpers that build a view's document: a command as the learner would type it,
 * aligned fields, tables with notes, headings, spans, a program's output and exit.
 *
 * Contract: every function appends to a struct sty_doc (lessons/styled.h) and needs no
 * curses, so that a view builds the same lines on a screen, in a test, or nowhere. Widths
 * are display columns.
 */
#ifndef CSTAGES_VDOC_H
#define CSTAGES_VDOC_H

#include <stddef.h>

#include "lessons/styled.h"
#include "stages/proc.h"

#define VDOC_FIELD 13 /* the column where a field's value starts */

struct vdoc_field {
	const char *label, *value;
};

#define VDOC_TABLE_COLS 6
#define VDOC_NOTE_MIN 40 /* a note beside its row needs this many columns, else goes under it */

/* One row of a table, and a note on it (an explanation) that goes beside it when there is
 * room, else under it. */
struct vdoc_row {
	char cell[VDOC_TABLE_COLS][160];
	int role[VDOC_TABLE_COLS];
	char note[320];
	char line[16];        /* "line 20: " before the note: the source line that made it */
	const char *long_note; /* instead of note: a longer one that outlives the table */
};

/* A table: its columns' headings, which are right-aligned, and its rows. */
struct vdoc_table {
	int ncols;
	const char *head[VDOC_TABLE_COLS];
	int right[VDOC_TABLE_COLS];
	struct vdoc_row *rows;
	size_t n, cap;
};

/* A piece of a line: its role (a sty_role, or a colors_role) and its text. */
struct vdoc_span {
	int role;
	const char *text;
};

const char *vdoc_basename(const char *path);

/* The command as "$ gcc ...", wrapped at blanks with continuation lines four columns in;
 * a word too long for a line (-Wl,-Map,hello-static.map) is broken after a ',', '/' or '='
 * where it can be, so that no file name is cut in two. */
void vdoc_add_command(struct sty_doc *d, char *const argv[], int width);
/* The same with " < INPUT" after it when input is not NULL (the run's standard input). */
void vdoc_add_command_in(struct sty_doc *d, char *const argv[], const char *input, int width);

void vdoc_add_blank(struct sty_doc *d);

/* "label value" lines, values aligned unless aligning would push one onto a line of its own
 * that fits beside its label; a value too long even so goes under its label. */
void vdoc_add_fields(struct sty_doc *d, const struct vdoc_field *f, size_t n, int width);

/* Add text padded to w columns (on the left when right is set) to l, then gap blanks. */
void vdoc_add_cell(struct sty_line *l, enum sty_role role, const char *text, int w,
			 int right, int gap);

void vdoc_format_size(long long n, char *buf, size_t len);

/* n bytes as a count alone, with its real plural form: "1 byte", "8192 bytes". */
void vdoc_format_bytes(long long n, char *buf, size_t len);

/* The widest line of text, tabs expanded, in columns. */
int vdoc_text_cols(const char *text, size_t len);

/* A new zeroed row at the end of tab, or NULL when memory runs out. */
struct vdoc_row *vdoc_table_row(struct vdoc_table *tab);

/* Add note, wrapped at width, to d: its first line after line l when inline_first is set,
 * every other line on a line of its own, indented at. */
void vdoc_add_note(struct sty_doc *d, struct sty_line *l, const char *note, int at,
			 int width, int inline_first);

/* Lay out a table with its headings, two columns in, each row's note beside it when every
 * note gets VDOC_NOTE_MIN columns there, else under its row. Frees the rows. */
void vdoc_add_table(struct sty_doc *d, struct vdoc_table *tab, int width);

/* A heading and the dim sentence under it that says where the table comes from. */
void vdoc_add_heading(struct sty_doc *d, const char *heading, const char *what, int width);

/* Add spans as one line indented indent, going on to a new line indented hang before a span
 * that would pass width (its leading blanks dropped there); a span too long for a line of its
 * own is cut across lines. No line passes width, so the lines can stand in columns. */
void vdoc_add_spans(struct sty_doc *d, const struct vdoc_span *s, size_t n, int indent,
			  int width, int hang);

/* A whole sentence as spans, so that its arguments keep their own roles: fmt (translated) has
 * only %1$s..%9$s conversions and %%; its own words get role, argument k gets args[k - 1].
 * An argument in role itself is merged with the words around it, as one span. The spans
 * (at most max) go to out, their text to store (len bytes); returns how many. */
size_t vdoc_sentence_spans(const char *fmt, int role, const struct vdoc_span *args,
			   size_t nargs, struct vdoc_span *out, size_t max, char *store, size_t len);

/* Output of a finished run: stdout as text, stderr as a warning, and how it ended. */
/* vdoc_add_run() whose command shows " < INPUT" when input is not NULL. */
void vdoc_add_run_in(struct sty_doc *d, const struct proc_result *r, const char *input,
		     int width, int show_ok, int utf8);
void vdoc_add_run(struct sty_doc *d, const struct proc_result *r, int width, int show_ok,
		  int utf8);

/* A line of spans: (role, text) pairs until a NULL text. */
void vdoc_add_spans_line(struct sty_doc *d, int indent, ...);

#endif
