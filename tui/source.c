/* source: the source pane, the learner's C file read once. See ui.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/files.h"
#include "tui/ui.h"
#include "tui/vdoc.h"

/* The C source, read once; what the source pane shows whatever the stage. */
void source_load(struct tui *t)
{
	t->src = files_slurp(t->w->src_abs, 0, &t->src_len, NULL);
	t->src_err = t->src ? 0 : errno;
	t->src_cols = 0;
	for (size_t i = 0, col = 0; t->src && i <= t->src_len; i++) {
		if (i == t->src_len || t->src[i] == '\n') {
			if ((int)col > t->src_cols)
				t->src_cols = (int)col;
			col = 0;
		} else if (t->src[i] == '\t') {
			col = (col / 8 + 1) * 8;
		} else if (((unsigned char)t->src[i] & 0xc0) != 0x80) {
			col++;
		}
	}
}

/* The source with each newline a NUL, made when first needed; NULL when out of memory. */
static const char *source_zsrc(struct tui *t)
{
	if (t->zsrc || !t->src)
		return t->zsrc;
	t->zsrc = malloc(t->src_len + 1);
	if (t->zsrc) {
		memcpy(t->zsrc, t->src, t->src_len);
		t->zsrc[t->src_len] = '\0';
		for (char *nl = t->zsrc; (nl = memchr(nl, '\n', t->src_len - (size_t)(nl - t->zsrc)));)
			*nl++ = '\0';
	}
	return t->zsrc;
}

void source_build(struct tui *t)
{
	struct panes_pane *p = &t->pane[TUI_SOURCE];
	panes_reset(p);
	snprintf(p->title, sizeof p->title, _("Source: %s"), vdoc_basename(t->w->src_path));
	snprintf(p->brief, sizeof p->brief, "%s", vdoc_basename(t->w->src_path));
	if (!t->src) {
		char msg[512];
		snprintf(msg, sizeof msg, _("cannot read %1$s: %2$s"), t->w->src_path,
			 strerror(t->src_err));
		sty_add_text(&p->body, ROLE_ERROR, msg, (size_t)-1, panes_text_width(p), 2);
		p->numbered = 0;
		return;
	}
	p->numbered = t->src_len > 0;
	p->body_total = 0;
	if (t->src_quick && t->src) {
		/* the first frame waits for no more than the lines it shows: the rest, and the copy
		 * they are lent from, come right after it */
		size_t total = sty_count_lines(t->src, t->src_len);
		for (size_t i = 0, k = 0; i < t->src_len && k < (size_t)t->lines; k++) {
			const char *nl = memchr(t->src + i, '\n', t->src_len - i);
			size_t n = nl ? (size_t)(nl - (t->src + i)) : t->src_len - i;
			sty_add(sty_newline(&p->body), ROLE_TEXT, t->src + i, n);
			i += n + (nl ? 1 : 0);
		}
		p->body_total = total;
		p->num_max = (long)total;
	} else if (source_zsrc(t)) {
		/* a line each, as sty_add_text makes them, without copying 100,000 lines */
		for (size_t i = 0; i < t->src_len;) {
			const char *nl = memchr(t->src + i, '\n', t->src_len - i);
			size_t n = nl ? (size_t)(nl - (t->src + i)) : t->src_len - i;
			sty_add_borrowed(sty_newline(&p->body), ROLE_TEXT, t->zsrc + i);
			i += n + (nl ? 1 : 0);
		}
	} else {
		sty_add_text(&p->body, ROLE_TEXT, t->src, t->src_len, 0, 0);
	}
	if (t->src_len == 0)
		sty_add_text(&p->body, ROLE_DIM, _("(an empty file)"), (size_t)-1, 0, 0);
	size_t n = sty_count_lines(t->src, t->src_len);
	snprintf(p->info, sizeof p->info, ngettext("%zu line", "%zu lines", n), n);
}
