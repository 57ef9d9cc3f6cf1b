/* styled: text as lines of spans, each span tagged with a semantic role.
 *
 * Contract: the one model that the lesson renderer, the TUI panes and the terminal printer
 * share, so rendering is testable without a terminal. A document owns its lines, a line owns
 * its spans, a span owns its UTF-8 text. Roles are semantic (what the text is), never colours;
 * tui/colors maps roles to colours and sty_print() to ANSI styles.
 */
#ifndef CSTAGES_STYLED_H
#define CSTAGES_STYLED_H

#include <stdio.h>
#include <stddef.h>
#include <wchar.h>

enum sty_role {
	ROLE_TEXT,
	ROLE_HEADING,   /* a lesson's headings */
	ROLE_EMPH,
	ROLE_STRONG,
	ROLE_CODE,      /* inline code */
	ROLE_CODEBLOCK, /* fenced or indented code */
	ROLE_LINK,
	ROLE_QUOTE,
	ROLE_BULLET,    /* list markers */
	ROLE_RULE,      /* thematic breaks and table rules */
	ROLE_DIM,       /* secondary text: origins, counts, hints */
	ROLE_OK,        /* a stage or run that succeeded */
	ROLE_WARN,      /* a warning, a skipped stage */
	ROLE_ERROR,     /* a failure, an error message */
	ROLE_COMMAND,   /* a command a learner can run */
	ROLE_COUNT
};

struct sty_span {
	char *text;
	enum sty_role role;
	int borrowed; /* text belongs to the caller of sty_add_borrowed(), not to the span */
};

struct sty_line {
	struct sty_span *spans;
	size_t n;
	int indent; /* columns of leading space to draw before the first span */
	/* For views that tie two panes together (source and .i, source and .s): */
	long num;   /* the number a numbered pane shows in its gutter; 0: the line's place */
	int band;   /* 1..STY_BANDS: the gutter's colour, shared with the lines of the other
		       pane that this one made or came from; 0: none */
	int hl;     /* STY_HL_LINKED: tied to the other pane's cursor; STY_HL_CURSOR: the cursor */
	int item;   /* the line starts one idea the classroom demo steps to (a header, a macro
		       use, a function, a call, a symbol) */
	int mark;   /* a numbered pane's gutter mark after the number: STY_MARK_ERROR or
		       STY_MARK_WARN, the compiler's diagnostic at this line; STY_MARK_CHANGED,
		       the line is new since the walk before a save (--watch); 0: none */
};

#define STY_BANDS 6
enum { STY_HL_NONE, STY_HL_LINKED, STY_HL_CURSOR };
enum { STY_MARK_NONE, STY_MARK_ERROR, STY_MARK_WARN, STY_MARK_CHANGED };

struct sty_doc {
	struct sty_line *lines;
	size_t n, cap;
};

/* Start a new, empty line at the end of d and return it. */
struct sty_line *sty_newline(struct sty_doc *d);

/* Append a span (len bytes of text; (size_t)-1 for strlen) to line l. */
void sty_add(struct sty_line *l, enum sty_role role, const char *text, size_t len);

/* Append a span whose NUL-terminated text is the caller's: it is not copied, and it must
 * outlive the line. For views of large files, where a copy per line costs more than the
 * line's drawing. */
void sty_add_borrowed(struct sty_line *l, enum sty_role role, const char *text);

/* Append text with the given role to d, wrapping at width columns (word by word, keeping
 * indent on continuation lines; Chinese between characters as sty_break_between() allows).
 * Newlines in text start new lines. */
void sty_add_wrapped(struct sty_doc *d, enum sty_role role, const char *text, int width, int indent);

/* The length of the well-formed UTF-8 sequence at s (at most n bytes, n >= 1), or 0 when s
 * starts none: no overlong forms, no surrogates, nothing past U+10FFFF. */
size_t sty_utf8_len(const unsigned char *s, size_t n);

/* Display width in terminal columns of a UTF-8 string (len bytes): a control byte takes two
 * (it is drawn as ^X), a tab one (it is not expanded). */
int sty_width(const char *s, size_t len);

/* Line breaking for text that is not spaced (Chinese, Japanese): whether a line may break
 * between the characters a and b where no blank separates them. It may between two
 * characters one of which is wide (CJK: wcwidth 2), except before closing punctuation
 * (，。、；：？！）」』》”’… and their ASCII kin) and after opening punctuation (（「『《“‘ and
 * their ASCII kin); between two narrow characters (a Latin word, a code span, a number)
 * it may not, nor next to a blank (the callers break at blanks themselves). */
int sty_break_between(wchar_t a, wchar_t b);

/* The length of the run at the start of s (len bytes) that a line may not break inside
 * without a blank: up to the first place sty_break_between() allows a break, else len.
 * Blanks are ordinary characters here. A run is at least one whole character. */
size_t sty_run_len(const char *s, size_t len);

/* How many bytes of s (len bytes) fit in cols columns, whole characters only: a cut there
 * never splits a character nor leaves half of a wide one. */
size_t sty_fit(const char *s, size_t len, int cols);

/* Where to cut s (len bytes, wider than cols columns) for a line of at most cols columns:
 * after the last blank or at the last place sty_break_between() allows, when one lies in
 * the line's second half; else sty_fit(). Returns the bytes of the line (a blank at the cut
 * is left to the next line); at least one character when one does not fit at all. */
size_t sty_break_fit(const char *s, size_t len, int cols);

/* Print s to f, then blanks up to cols columns of display width (none when s is as wide or
 * wider): what printf's "%-*s" does by bytes, which leaves a CJK label (three bytes, two
 * columns a character) short of its column. Returns the columns printed. */
int sty_fpad(FILE *f, const char *s, int cols);

/* Print d to f: with ANSI styles when ansi is set, else plain text. */
void sty_print(const struct sty_doc *d, FILE *f, int ansi);

/* Empty d, keeping its room for lines: a pane made again and again does not grow it anew. */
void sty_doc_clear(struct sty_doc *d);

void sty_doc_free(struct sty_doc *d);

/* Add text (len bytes; (size_t)-1 for strlen) to d as lines of role: one per input line, tabs
 * expanded, each wrapped at width columns (width <= 0: never), at a blank or between Chinese
 * characters (sty_break_between) when one is near, or after a '/' in a path; continuation
 * lines start hang columns in. */
void sty_add_text(struct sty_doc *d, enum sty_role role, const char *text, size_t len,
		  int width, int hang);

/* Count the lines of text as `wc -l` does, plus one for a last line without a newline. */
size_t sty_count_lines(const char *text, size_t len);

/* Append to out the lines of n docs side by side: each but the last padded to colw columns,
 * then sep. Lines of the docs must already fit colw (sty_add_text does). */
void sty_columns(struct sty_doc *out, const struct sty_doc *cols, size_t n, int colw,
		 const char *sep);

#endif
