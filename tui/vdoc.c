/* vdoc: building a view's document from plain text and tables. See vdoc.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/vdoc.h"
#include "tui/view.h"

const char *vdoc_basename(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The command as "$ gcc ...", wrapped at blanks with continuation lines four columns in;
 * a word too long for a line (-Wl,-Map,hello-static.map) is broken after a ',', '/' or '='
 * where it can be, so that no file name is cut in two. */
void vdoc_add_command(struct sty_doc *d, char *const argv[], int width)
{
	vdoc_add_command_in(d, argv, NULL, width);
}

void vdoc_add_command_in(struct sty_doc *d, char *const argv[], const char *input, int width)
{
	char *cmd = argv ? proc_argv_string(argv) : NULL;
	char *const in[] = { (char *)input, NULL };
	char *qin = input ? proc_argv_string(in) : NULL;
	char *text = NULL;
	if (!cmd || (input && !qin) ||
	    asprintf(&text, "$ %s%s%s", cmd, qin ? " < " : "", qin ? qin : "") < 0) {
		free(cmd);
		free(qin);
		return;
	}
	free(cmd);
	free(qin);
	if (width < 12) {
		sty_add_text(d, ROLE_COMMAND, text, (size_t)-1, width, 4);
		free(text);
		return;
	}
	size_t n = strlen(text), cap = n + 8 * (n / 8 + 2);
	char *out = malloc(cap);
	if (!out) {
		free(text);
		return;
	}
	size_t o = 0;
	int col = 0;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && text[e] != ' ')
			e++;
		size_t w = e - i;
		/* the word on this line, or the next */
		if (col > 4 && col + 1 + (int)w > width) {
			memcpy(out + o, "\n    ", 5);
			o += 5;
			col = 4;
		} else if (i > 0) {
			out[o++] = ' ';
			col++;
		}
		while (col + (int)w > width && o + 6 < cap) {
			/* too long for any line: up to its last ',', '/' or '=' that fits */
			size_t room = (size_t)(width - col), cut = 0;
			for (size_t k = 0; k < room && k < w; k++)
				if (text[i + k] == ',' || text[i + k] == '/' || text[i + k] == '=')
					cut = k + 1;
			if (!cut)
				cut = room ? room : 1;
			memcpy(out + o, text + i, cut);
			o += cut;
			i += cut;
			w -= cut;
			memcpy(out + o, "\n    ", 5);
			o += 5;
			col = 4;
		}
		memcpy(out + o, text + i, w);
		o += w;
		col += (int)w;
		i = e + (e < n);
	}
	sty_add_text(d, ROLE_COMMAND, out, o, 0, 0);
	free(out);
	free(text);
}

void vdoc_add_blank(struct sty_doc *d)
{
	sty_newline(d);
}

/* "label value" lines, values aligned unless aligning would push one onto a line of its own
 * that fits beside its label; a value too long even so goes under its label. */
void vdoc_add_fields(struct sty_doc *d, const struct vdoc_field *f, size_t n, int width)
{
	int align = 1;
	for (size_t i = 0; i < n; i++) {
		int lw = sty_width(f[i].label, strlen(f[i].label));
		int vw = sty_width(f[i].value, strlen(f[i].value));
		if (VDOC_FIELD + vw > width && lw + 1 + vw <= width)
			align = 0;
	}
	for (size_t i = 0; i < n; i++) {
		int lw = sty_width(f[i].label, strlen(f[i].label));
		int vw = sty_width(f[i].value, strlen(f[i].value));
		int pad = align && lw < VDOC_FIELD ? VDOC_FIELD - lw : 1;
		struct sty_line *l = sty_newline(d);
		sty_add(l, ROLE_DIM, f[i].label, (size_t)-1);
		if (lw + pad + vw <= width) {
			sty_add(l, ROLE_TEXT, "             ", (size_t)pad);
			sty_add(l, ROLE_TEXT, f[i].value, (size_t)-1);
			continue;
		}
		size_t first = d->n;
		sty_add_text(d, ROLE_TEXT, f[i].value, (size_t)-1, width - 2, 0);
		for (size_t j = first; j < d->n; j++)
			d->lines[j].indent = 2;
	}
}

/* Add text padded to w columns (on the left when right is set) to l, then gap blanks. */
void vdoc_add_cell(struct sty_line *l, enum sty_role role, const char *text, int w,
			 int right, int gap)
{
	static const char blanks[] = "                                ";
	int pad = w - sty_width(text, strlen(text));
	pad = pad < 0 ? 0 : pad > 32 ? 32 : pad;
	if (right)
		sty_add(l, ROLE_TEXT, blanks, (size_t)pad);
	sty_add(l, role, text, (size_t)-1);
	if (!right)
		sty_add(l, ROLE_TEXT, blanks, (size_t)pad);
	sty_add(l, ROLE_TEXT, blanks, (size_t)gap);
}

void vdoc_format_size(long long n, char *buf, size_t len)
{
	if (n >= 1024 * 1024)
		snprintf(buf, len, ngettext("%1$lld byte (%2$.1f MiB)", "%1$lld bytes (%2$.1f MiB)",
					    (unsigned long)n), n, n / (1024.0 * 1024.0));
	else if (n >= 10 * 1024)
		snprintf(buf, len, ngettext("%1$lld byte (%2$.0f KiB)", "%1$lld bytes (%2$.0f KiB)",
					    (unsigned long)n), n, n / 1024.0);
	else
		vdoc_format_bytes(n, buf, len);
}

void vdoc_format_bytes(long long n, char *buf, size_t len)
{
	snprintf(buf, len, ngettext("%lld byte", "%lld bytes", (unsigned long)n), n);
}

/* The widest line of text, tabs expanded, in columns. */
int vdoc_text_cols(const char *text, size_t len)
{
	int most = 0, col = 0;
	for (size_t i = 0; text && i <= len; i++) {
		if (i == len || text[i] == '\n') {
			most = col > most ? col : most;
			col = 0;
		} else if (text[i] == '\t') {
			col = (col / 8 + 1) * 8;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			col++;
		}
	}
	return most;
}

/* A row's note, or "" for none. */
static const char *vdoc_row_note(const struct vdoc_row *r)
{
	return r->long_note ? r->long_note : r->note;
}

/* A new zeroed row at the end of tab, or NULL when memory runs out. */
struct vdoc_row *vdoc_table_row(struct vdoc_table *tab)
{
	if (tab->n == tab->cap) {
		size_t cap = tab->cap ? tab->cap * 2 : 16;
		struct vdoc_row *r = realloc(tab->rows, cap * sizeof *r);
		if (!r)
			return NULL;
		tab->rows = r;
		tab->cap = cap;
	}
	struct vdoc_row *r = &tab->rows[tab->n++];
	memset(r, 0, sizeof *r);
	return r;
}

/* Add note, wrapped at width, to d: its first line after line l when inline_first is set,
 * every other line on a line of its own, indented at. */
void vdoc_add_note(struct sty_doc *d, struct sty_line *l, const char *note, int at,
			 int width, int inline_first)
{
	struct sty_doc nd = { 0 };
	sty_add_text(&nd, ROLE_DIM, note, (size_t)-1, width, 0);
	for (size_t i = 0; i < nd.n; i++) {
		struct sty_line *to = l;
		if (i > 0 || !inline_first) {
			to = sty_newline(d);
			to->indent = at;
		}
		for (size_t j = 0; j < nd.lines[i].n; j++)
			sty_add(to, nd.lines[i].spans[j].role, nd.lines[i].spans[j].text, (size_t)-1);
	}
	sty_doc_free(&nd);
}

/* Lay out a table with its headings, two columns in, each row's note beside it when every
 * note gets VDOC_NOTE_MIN columns there, else under its row. Frees the rows. */
void vdoc_add_table(struct sty_doc *d, struct vdoc_table *tab, int width)
{
	int cw[VDOC_TABLE_COLS] = { 0 }, indent = 2, total;
	int notes = 0;

	for (int c = 0; c < tab->ncols; c++)
		cw[c] = sty_width(tab->head[c], strlen(tab->head[c]));
	for (size_t i = 0; i < tab->n; i++) {
		notes |= vdoc_row_note(&tab->rows[i])[0] != '\0';
		for (int c = 0; c < tab->ncols; c++) {
			int w = sty_width(tab->rows[i].cell[c], strlen(tab->rows[i].cell[c]));
			cw[c] = w > cw[c] ? w : cw[c];
		}
	}
	/* the notes' column: after the cells and their gaps, two more after the last */
	total = indent;
	for (int c = 0; c < tab->ncols; c++)
		total += cw[c] + 2;
	int at = total, beside = notes && width - at >= VDOC_NOTE_MIN;
	struct sty_line *l = sty_newline(d);
	l->indent = indent;
	for (int c = 0; c < tab->ncols; c++)
		vdoc_add_cell(l, ROLE_DIM, tab->head[c], cw[c], tab->right[c],
			     c + 1 < tab->ncols ? 2 : 0);
	for (size_t i = 0; i < tab->n; i++) {
		const struct vdoc_row *r = &tab->rows[i];
		l = sty_newline(d);
		l->indent = indent;
		l->item = 1;
		for (int c = 0; c < tab->ncols; c++)
			vdoc_add_cell(l, (enum sty_role)r->role[c], r->cell[c], cw[c], tab->right[c],
				     c + 1 < tab->ncols || (beside && vdoc_row_note(r)[0]) ? 2 : 0);
		const char *note = vdoc_row_note(r);
		if (!note[0])
			continue;
		char *joined = NULL;
		if (r->line[0] && asprintf(&joined, "%s%s", r->line, note) >= 0)
			note = joined;
		if (beside)
			vdoc_add_note(d, l, note, at, width - at, 1);
		else
			vdoc_add_note(d, l, note, indent + 4, width - indent - 4, 0);
		free(joined);
	}
	free(tab->rows);
	tab->rows = NULL;
	tab->n = tab->cap = 0;
}

/* A heading and the dim sentence under it that says where the table comes from. */
void vdoc_add_heading(struct sty_doc *d, const char *heading, const char *what, int width)
{
	vdoc_add_blank(d);
	sty_add_text(d, ROLE_HEADING, heading, (size_t)-1, width, 2);
	if (what)
		sty_add_text(d, ROLE_DIM, what, (size_t)-1, width, 0);
}

/* Add spans as one line indented indent, going on to a new line indented hang before a span
 * that would pass width (its leading blanks dropped there); a span too long for a line of its
 * own is cut across lines. No line passes width, so the lines can stand in columns. */
size_t vdoc_sentence_spans(const char *fmt, int role, const struct vdoc_span *args,
			   size_t nargs, struct vdoc_span *out, size_t max, char *store, size_t len)
{
	size_t n = 0, used = 0;
	int open = 0; /* a span of role is being written at store + used */
	if (len == 0 || max == 0)
		return 0;
	for (const char *f = fmt; *f && n < max;) {
		const struct vdoc_span *arg = NULL;
		char one[2] = { *f, '\0' };
		const char *text = one;
		size_t adv = 1;
		if (f[0] == '%' && f[1] == '%') {
			adv = 2;
		} else if (f[0] == '%' && f[1] >= '1' && f[1] <= '9' && f[2] == '$' && f[3] == 's' &&
			   (size_t)(f[1] - '0') <= nargs) {
			arg = &args[f[1] - '1'];
			text = arg->text ? arg->text : "";
			adv = 4;
		}
		f += adv;
		if (arg && arg->role != role) {
			if (open) {
				store[used++] = '\0';
				open = 0;
			}
			out[n++] = *arg;
			continue;
		}
		/* words of the sentence, or an argument in the sentence's role: into store */
		if (!open) {
			if (used + 1 >= len)
				break;
			out[n++] = (struct vdoc_span){ role, store + used };
			open = 1;
		}
		size_t tl = strlen(text);
		if (used + tl + 1 >= len)
			tl = len - used - 1;
		memcpy(store + used, text, tl);
		used += tl;
		store[used] = '\0';
	}
	if (open && used < len)
		store[used] = '\0';
	return n;
}

void vdoc_add_spans(struct sty_doc *d, const struct vdoc_span *s, size_t n, int indent,
			  int width, int hang)
{
	struct sty_line *l = sty_newline(d);
	int col = indent;
	l->indent = indent;
	if (hang >= width - 4)
		hang = width > 8 ? 4 : 0;
	for (size_t i = 0; i < n; i++) {
		const char *text = s[i].text;
		while (text && *text) {
			int w = sty_width(text, strlen(text));
			if (col + w <= width) {
				sty_add(l, (enum sty_role)s[i].role, text, (size_t)-1);
				col += w;
				break;
			}
			/* on to a fresh line first; cut it only when it does not fit there either,
			 * at a blank or where Chinese text may break when one is near the end */
			size_t fit = col > hang ? 0 : sty_break_fit(text, strlen(text), width - col);
			if (fit == 0 && col <= hang)
				fit = 1; /* nothing fits at all: a character, then on */
			if (fit > 0)
				sty_add(l, (enum sty_role)s[i].role, text, fit);
			text += fit;
			l = sty_newline(d);
			l->indent = hang;
			col = hang;
			while (*text == ' ')
				text++;
		}
	}
}

/* Add tool output with a tab that opens a line shown as two blanks: ldd indents each line
 * with one, which would take a fifth of a narrow column. */
static void vdoc_add_output(struct sty_doc *d, enum sty_role role, const char *text, size_t len,
			   int width)
{
	char *copy = malloc(2 * len + 1);
	size_t n = 0;
	if (!copy) {
		sty_add_text(d, role, text, len, width, 4);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\t' && (i == 0 || text[i - 1] == '\n')) {
			copy[n++] = ' ';
			copy[n++] = ' ';
		} else {
			copy[n++] = text[i];
		}
	}
	sty_add_text(d, role, copy, n, width, 4);
	free(copy);
}

/* Output of a finished run: stdout as text, stderr as a warning, and how it ended. */
void vdoc_add_run(struct sty_doc *d, const struct proc_result *r, int width, int show_ok,
		  int utf8)
{
	vdoc_add_run_in(d, r, NULL, width, show_ok, utf8);
}

void vdoc_add_run_in(struct sty_doc *d, const struct proc_result *r, const char *input,
		     int width, int show_ok, int utf8)
{
	vdoc_add_command_in(d, r->argv, input, width);
	vdoc_add_output(d, ROLE_TEXT, r->out, r->out_len, width);
	if (r->out_truncated)
		sty_add_text(d, ROLE_DIM, _("(output cut here)"), (size_t)-1, width, 2);
	vdoc_add_output(d, ROLE_WARN, r->err, r->err_len, width);
	if (r->err_truncated)
		sty_add_text(d, ROLE_DIM, _("(standard error cut here)"), (size_t)-1, width, 2);
	if (!proc_ok(r) || show_ok) {
		char msg[256];
		snprintf(msg, sizeof msg, "%s %s", utf8 ? "→" : "->", proc_describe(r));
		sty_add_text(d, proc_ok(r) ? ROLE_OK : ROLE_ERROR, msg, (size_t)-1, width, 2);
	}
}

/* A line of spans: (role, text) pairs until a NULL text. */
void vdoc_add_spans_line(struct sty_doc *d, int indent, ...)
{
	struct sty_line *l = sty_newline(d);
	va_list ap;
	l->indent = indent;
	va_start(ap, indent);
	for (;;) {
		int role = va_arg(ap, int);
		const char *text = va_arg(ap, const char *);
		if (!text)
			break;
		sty_add(l, (enum sty_role)role, text, (size_t)-1);
	}
	va_end(ap);
}
