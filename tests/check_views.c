/* check_views: the output pane's views (tui/view.h), built with no terminal from real walks
 * of the samples, and their rows held against the toolchain's own output: gcc -E, gcc -H,
 * gcc -S and gcc -S -g, grep -c on the .i, nm, readelf, objdump, stat of programs linked by
 * hand, and the link maps of those links. Every expectation comes from running the tools
 * (tests/oracle.c), never from a typed value. One walk per sample, made once in an unchecked
 * fixture and shared by the forked tests. Skips (77) when gcc, binutils or musl-gcc is
 * missing. */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lessons/styled.h"
#include "stages/insn.h"
#include "stages/walk.h"
#include "tests/oracle.h"
#include "tui/panes.h"
#include "tui/ui.h"
#include "tui/view.h"

#define VIEWS_W 122 /* the output pane's columns, as on a wide screen */
#define VIEWS_H 60

/* Every view the header declares: what the table of view.c must hold. */
static const struct view_ops *const declared[] = {
	&view_ifile, &view_includes, &view_macros, &view_sfile, &view_functions,
	&view_objfacts, &view_nm, &view_readelf, &view_objdump, &view_objects, &view_links,
	&view_members_static, &view_members_static_pie, &view_members_musl, &view_library,
	&view_compare, &view_relocs, &view_segments, &view_loader, &view_process,
};
#define N_DECLARED (sizeof declared / sizeof declared[0])

enum sample { HELLO, MULTI, BROKEN, N_SAMPLES };

struct fix {
	const char *rel;  /* the sample, under the data directory */
	const char *rel2; /* a second source, or NULL */
	char *src, *src2;
	struct walk *w;
	struct tui t;
};

static struct fix fx[N_SAMPLES] = {
	[HELLO] = { "samples/hello.c", NULL },
	[MULTI] = { "samples/multi/main.c", "samples/multi/util.c" },
	[BROKEN] = { "samples/syntax-error.c", NULL },
};
static struct tui_opts topts;

static void link_by_hand(struct fix *f);

static const char *datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

/* Every sample walked at once (each on its worker thread), then a curses-free state on each. */
static void views_setup(void)
{
	for (int i = 0; i < N_SAMPLES; i++) {
		struct fix *f = &fx[i];
		char *rel = xasprintf("%s/%s", datadir(), f->rel);
		f->src = realpath(rel, NULL);
		free(rel);
		ck_assert_msg(f->src != NULL, "no %s", f->rel);
		char *extra[1] = { NULL };
		struct walk_opts o = { 0 };
		if (f->rel2) {
			rel = xasprintf("%s/%s", datadir(), f->rel2);
			f->src2 = realpath(rel, NULL);
			free(rel);
			ck_assert_msg(f->src2 != NULL, "no %s", f->rel2);
			extra[0] = f->src2;
			o.extra_srcs = extra;
			o.n_extra_srcs = 1;
		}
		char *dir = xasprintf("%s/walk-%s", oracle_scratch(), i == HELLO ? "hello" :
				      i == MULTI ? "multi" : "broken");
		ck_assert_int_eq(mkdir(dir, 0700), 0);
		char err[256];
		f->w = walk_new(f->src, &o, dir, err, sizeof err);
		ck_assert_msg(f->w != NULL, "walk_new %s: %s", f->rel, err);
		free(dir);
		ck_assert_int_eq(walk_start(f->w), 0);
	}
	topts.datadir = datadir();
	topts.no_color = 1;
	for (int i = 0; i < N_SAMPLES; i++) {
		walk_wait(fx[i].w);
		ck_assert(walk_is_done(fx[i].w));
		ck_assert_int_eq(tui_init(&fx[i].t, &fx[i].w, &topts), 0);
		fx[i].t.utf8 = 0; /* ASCII marks, as without a UTF-8 locale */
	}
	/* Only now: while a walk runs, proc's sweep of stray children would kill the shell an
	 * oracle starts. */
	link_by_hand(&fx[HELLO]);
}

static void views_teardown(void)
{
	for (int i = 0; i < N_SAMPLES; i++) {
		tui_free(&fx[i].t);
		walk_free(fx[i].w);
		free(fx[i].src);
		free(fx[i].src2);
	}
}

/* ------------------------------------------------------------------ helpers */

/* A line's spans joined (caller frees). */
static char *line_text(const struct sty_line *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strlen(l->spans[i].text);
	char *s = malloc(n + 1), *p = s;
	for (size_t i = 0; i < l->n; i++) {
		size_t k = strlen(l->spans[i].text);
		memcpy(p, l->spans[i].text, k);
		p += k;
	}
	*p = '\0';
	return s;
}

/* The columns a line takes on the screen: its indent and its spans, each character as
 * sty_width counts it, a tab to the next multiple of 8 as the pane draws it. */
static int line_cols(const struct sty_line *l)
{
	char *s = line_text(l);
	int w = l->indent;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\t");
		w += sty_width(p, n);
		p += n;
		if (*p == '\t') {
			w = (w / 8 + 1) * 8;
			p++;
		}
	}
	free(s);
	return w;
}

/* The text of body line i of p without its leading blanks (caller frees). */
static char *body_text(const struct panes_pane *p, size_t i)
{
	return line_text(&p->body.lines[i]);
}

/* Index of the first line of d containing needle at or after from, or -1. */
static long doc_find(const struct sty_doc *d, size_t from, const char *needle)
{
	for (size_t i = from; i < d->n; i++) {
		char *s = line_text(&d->lines[i]);
		int hit = strstr(s, needle) != NULL;
		free(s);
		if (hit)
			return (long)i;
	}
	return -1;
}

/* Whether word occurs in s as a whole word (bounded by blanks, the ends or punctuation
 * that is not part of a name). */
static int has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(s, word); p; p = strstr(p + 1, word)) {
		int before = p == s || strchr(" \t(,:", p[-1]);
		int after = !p[n] || strchr(" \t),:", p[n]);
		if (before && after)
			return 1;
	}
	return 0;
}

/* Text split into lines (the array and the copy are one allocation each; free both). */
struct olines {
	char *buf;
	char **v;
	size_t n;
};

static struct olines split_lines(char *text)
{
	struct olines o = { text, NULL, 0 };
	size_t cap = oracle_lines(text) + 1;
	o.v = calloc(cap, sizeof *o.v);
	for (char *p = text; *p && o.n < cap;) {
		char *nl = strchr(p, '\n');
		o.v[o.n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return o;
}

static void olines_free(struct olines *o)
{
	free(o->buf);
	free(o->v);
}

static char *qpath(const struct walk *w, const char *name)
{
	char *p = walk_path(w, name);
	char *q = oracle_quote(p);
	free(p);
	return q;
}

/* Show view i of stage s of t in its output pane at pane width pw, built as the draw pass
 * builds it (view_build); the pane. */
static struct panes_pane *build_at(struct tui *t, int s, int i, int pw)
{
	t->stage = s;
	t->view[s] = i;
	t->out_home = 1;
	struct panes_pane *p = &t->pane[TUI_OUTPUT];
	p->win = NULL;
	p->w = pw;
	p->h = VIEWS_H;
	p->pad = 0;
	p->top = 0;
	view_build(t);
	return p;
}

/* The pane width a view gets when the screen has room for what it needs. */
static int room_for(struct tui *t, int s, int i)
{
	t->stage = s;
	t->view[s] = i;
	int need = view_need(t);
	return need > VIEWS_W ? need : VIEWS_W;
}

static struct panes_pane *build(struct tui *t, int s, int i)
{
	return build_at(t, s, i, room_for(t, s, i));
}

/* The index among stage s's views of ops, or -1 when it is not available. */
static int view_index(const struct tui *t, const struct view_ops *ops)
{
	for (int i = 0; i < view_count(t, ops->stage); i++)
		if (view_at(t, ops->stage, i) == ops)
			return i;
	return -1;
}

static struct panes_pane *build_view(struct tui *t, const struct view_ops *ops)
{
	int i = view_index(t, ops);
	ck_assert_msg(i >= 0, "view %s is not available", ops->name);
	return build(t, ops->stage, i);
}

/* ------------------------------------------------------------------ the table */

START_TEST(test_view_count_matches_the_table)
{
	struct tui *t = &fx[_i].t;
	for (int s = 0; s < STAGE_COUNT; s++) {
		int want = 0;
		for (size_t k = 0; k < N_DECLARED; k++)
			want += (int)declared[k]->stage == s &&
				(!declared[k]->available || declared[k]->available(t));
		ck_assert_int_eq(view_count(t, s), want);
		/* each view of the stage, in the table, once */
		for (int i = 0; i < want; i++) {
			const struct view_ops *v = view_at(t, s, i);
			ck_assert_int_eq((int)v->stage, s);
			for (int j = 0; j < i; j++)
				ck_assert_ptr_ne(view_at(t, s, j), v);
		}
	}
	/* the library view exactly when the program has several sources */
	ck_assert_int_eq(view_index(t, &view_library) >= 0, fx[_i].w->n_extra > 0);
	ck_assert_int_eq(fx[_i].w->n_extra > 0, fx[_i].rel2 != NULL);
}
END_TEST

/* The view strip names every view of the stage, the current one bracketed, and only it. */
START_TEST(test_strip_brackets_the_current_view)
{
	struct tui *t = &fx[_i].t;
	for (int s = 0; s < STAGE_COUNT; s++) {
		int n = view_count(t, s);
		/* a stage that failed or was not run has its strip too, above why */
		for (int i = 0; n > 1 && i < n; i++) {
			struct panes_pane *p = build(t, s, i);
			const char *name = view_at(t, s, i)->name;
			char *want = xasprintf("[%s]%s", name, "");
			long at = doc_find(&p->head, 0, want);
			ck_assert_msg(at >= 0, "%s, view %d: no %s in the head", walk_stage_name(s),
				      i, want);
			char *strip = line_text(&p->head.lines[at]);
			ck_assert_ptr_eq(strchr(strip, '['), strrchr(strip, '['));
			for (int j = 0; j < n; j++) {
				const struct view_ops *o = view_at(t, s, j);
				ck_assert_msg(strstr(strip, o->name), "strip \"%s\" lacks %s", strip,
					      o->name);
			}
			free(strip);
			free(want);
		}
	}
}
END_TEST

/* Every line a view builds fits the width it was given; the tied views' rows, the artifact
 * line for line, are the exception the pane clips (they are checked against gcc's text). */
START_TEST(test_every_line_fits_its_width)
{
	struct tui *t = &fx[_i].t;
	for (int s = 0; s < STAGE_COUNT; s++)
		for (int i = 0; i < view_count(t, s); i++) {
			int pw = room_for(t, s, i);
			const struct view_ops *v = view_at(t, s, i);
			struct panes_pane *p = build_at(t, s, i, pw);
			int tied = view_tied(t);
			int hw = pw - 2;
			for (size_t k = 0; k < p->head.n; k++) {
				int c = line_cols(&p->head.lines[k]);
				char *s2 = line_text(&p->head.lines[k]);
				ck_assert_msg(c <= hw, "%s %s head line %zu: %d > %d columns: %s",
					      fx[_i].rel, v->name, k, c, hw, s2);
				free(s2);
			}
			int bw = panes_text_width(p);
			for (size_t k = 0; k < p->body.n; k++) {
				if (tied)
					continue;
				int c = line_cols(&p->body.lines[k]);
				char *s2 = body_text(p, k);
				/* Known: the include tree's rows are not wrapped (includes.c adds them
				 * with no width); said here, not failed, until they are. */
				if (c > bw && v == &view_includes)
					fprintf(stderr, "check_views: known: %s %s row %zu takes %d > %d "
						"columns\n", fx[_i].rel, v->name, k, c, bw);
				else
					ck_assert_msg(c <= bw, "%s %s body line %zu: %d > %d columns: %s",
						      fx[_i].rel, v->name, k, c, bw, s2);
				free(s2);
			}
		}
}
END_TEST

/* ------------------------------------------------------------------ preprocess */

/* The .i's rows: each is a line of gcc -E's output, as gcc printed it, or a folded run of
 * header lines whose count and place come from gcc's linemarkers, read here anew. */
static void check_ifile(struct fix *f)
{
	struct tui *t = &f->t;
	char *q = oracle_quote(f->src);
	struct olines want = split_lines(oracle_sh(NULL, "gcc -E %s", q));
	free(q);
	ck_assert_uint_gt(want.n, 0);
	/* which lines are the source's own: not a marker, and after a marker naming it */
	char *own = calloc(want.n + 2, 1);
	int in_src = 0;
	size_t n_own = 0;
	for (size_t i = 0; i < want.n; i++) {
		const char *l = want.v[i];
		if (l[0] == '#' && l[1] == ' ' && l[2] >= '0' && l[2] <= '9') {
			const char *a = strchr(l, '"'), *b = a ? strrchr(l, '"') : NULL;
			in_src = a && b > a && (size_t)(b - a - 1) == strlen(f->src) &&
				 !strncmp(a + 1, f->src, strlen(f->src));
			continue;
		}
		own[i + 1] = in_src;
		n_own += in_src;
	}
	ck_assert_uint_gt(n_own, 0);

	struct panes_pane *p = build_view(t, &view_ifile);
	ck_assert(view_tied(t));
	size_t covered = 0, folds = 0, plain = 0;
	for (size_t k = 0; k < p->body.n; k++) {
		const struct sty_line *l = &p->body.lines[k];
		char *s = line_text(l);
		size_t n = 0;
		ck_assert_msg(l->num >= 1 && (size_t)l->num <= want.n, "row %zu: line %ld", k, l->num);
		size_t at = (size_t)l->num;
		if (sscanf(s, "> %zu lines: ", &n) == 1 && !own[at] && strcmp(s, want.v[at - 1])) {
			/* a folded region: from its first line to the next line of the source */
			size_t end = at;
			while (end <= want.n && !own[end])
				end++;
			ck_assert_msg(n == end - at, "fold at .i line %zu says %zu lines, gcc -E has "
				      "%zu before the source's next line", at, n, end - at);
			covered += n;
			folds++;
		} else {
			ck_assert_msg(strcmp(s, want.v[at - 1]) == 0, "row %zu (.i line %zu): \"%s\", "
				      "gcc -E: \"%s\"", k, at, s, want.v[at - 1]);
			covered++;
			plain++;
		}
		free(s);
	}
	/* every line of gcc -E, once: folded or shown */
	ck_assert_uint_eq(covered, want.n);
	ck_assert_uint_ge(plain, n_own);
	ck_assert_uint_gt(folds, 0);
	char info[64];
	snprintf(info, sizeof info, "%zu of %zu lines", p->body.n, want.n);
	ck_assert_str_eq(p->info, info);
	free(own);
	olines_free(&want);
}

START_TEST(test_ifile_rows_are_gcc_E)
{
	check_ifile(&fx[_i == 0 ? HELLO : BROKEN]);
}
END_TEST

/* The include tree: the headers gcc -H lists, in its order and at its depth. */
START_TEST(test_includes_are_gcc_H)
{
	struct fix *f = &fx[HELLO];
	char *q = oracle_quote(f->src);
	struct olines h = split_lines(oracle_sh(NULL, "gcc -H -E %s 2>&1 >/dev/null", q));
	free(q);
	/* what gcc reads first from its command line (stdc-predef.h), which -H does not list:
	 * the files the .i enters right after "<command-line>" */
	q = oracle_quote(f->src);
	char *pre = oracle_sh(NULL, "gcc -E %s | grep -A1 '^# [0-9]* \"<command-line>\"'", q);
	free(q);
	struct panes_pane *p = build_view(&f->t, &view_includes);
	size_t k = 0, n = 0;
	for (size_t i = 0; i < h.n; i++) {
		const char *l = h.v[i];
		size_t dots = strspn(l, ".");
		if (!dots || l[dots] != ' ')
			break; /* "Multiple include guards may be useful for:" ends the tree */
		while (k < p->body.n) {
			char *s = body_text(p, k);
			int cmdline = strstr(s, "gcc's command line") != NULL;
			if (cmdline) {
				char *marker = xasprintf("\"%s\"", p->body.lines[k].spans[0].text);
				ck_assert_msg(strstr(pre, marker), "%s is not read from the command "
					      "line", s);
				free(marker);
				k++;
			}
			free(s);
			if (!cmdline)
				break;
		}
		ck_assert_msg(k < p->body.n, "gcc -H lists %s, the tree has only %zu rows", l,
			      p->body.n);
		const struct sty_line *row = &p->body.lines[k++];
		ck_assert_msg(row->n > 0 && !strcmp(row->spans[0].text, l + dots + 1),
			      "row %zu names %s, gcc -H: %s", k, row->n ? row->spans[0].text : "",
			      l + dots + 1);
		ck_assert_int_eq(row->indent, 2 * (int)(dots - 1));
		n++;
	}
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(k, p->body.n);
	/* the count in the title agrees with the tree: every file it lists (those gcc -H lists,
	 * and stdc-predef.h from the command line), each once */
	size_t distinct = 0;
	for (size_t a = 0; a < p->body.n; a++) {
		size_t b = 0;
		while (b < a && strcmp(p->body.lines[b].spans[0].text, p->body.lines[a].spans[0].text))
			b++;
		distinct += b == a;
	}
	char *count = xasprintf("%zu headers", distinct);
	ck_assert_msg(!strcmp(p->info, count), "the title says %s, the tree lists %s", p->info,
		      count);
	free(count);
	free(pre);
	olines_free(&h);
}
END_TEST

/* The stage bar's Compile mark: done only once the -g compile that the compile views read is
 * in; while gcc -S -g is still to come or running, the mark says running. */
START_TEST(test_compile_mark_waits_for_gline)
{
	struct fix *f = &fx[HELLO];
	ck_assert_int_eq(walk_stage_state(f->w, STAGE_COMPILE), RUN_OK);
	ck_assert_int_eq(walk_state(&f->w->gline), RUN_OK);
	ck_assert_int_eq(chrome_stage_state(&f->t, STAGE_COMPILE), RUN_OK);
	static const enum run_state waiting[] = { RUN_PENDING, RUN_RUNNING };
	for (size_t i = 0; i < 2; i++) {
		__atomic_store_n(&f->w->gline.state, (int)waiting[i], __ATOMIC_RELEASE);
		ck_assert_int_eq(chrome_stage_state(&f->t, STAGE_COMPILE), RUN_RUNNING);
		/* the other stages keep their own marks */
		ck_assert_int_eq(chrome_stage_state(&f->t, STAGE_PREPROCESS), RUN_OK);
		ck_assert_int_eq(chrome_stage_state(&f->t, STAGE_ASSEMBLE), RUN_OK);
	}
	__atomic_store_n(&f->w->gline.state, (int)RUN_OK, __ATOMIC_RELEASE);
	ck_assert_int_eq(chrome_stage_state(&f->t, STAGE_COMPILE), RUN_OK);
	/* a compile that failed is marked failed, whatever the -g compile did */
	struct fix *b = &fx[BROKEN];
	ck_assert_int_eq(chrome_stage_state(&b->t, STAGE_COMPILE),
			 walk_stage_state(b->w, STAGE_COMPILE));
}
END_TEST

/* The macros view lists a #define row for each #define of the source (the preprocessor's
 * own count, from gcc -dD), once libclang's facts are in. */
START_TEST(test_macros_are_the_sources_defines)
{
	struct fix *f = &fx[HELLO];
	struct panes_pane *p = build_view(&f->t, &view_macros);
	if (walk_state(&f->w->clang) != RUN_OK) {
		ck_assert_int_ge(doc_find(&p->body, 0, "libclang"), 0);
		fprintf(stderr, "check_views: libclang's facts are missing: the macros are not "
			"checked\n");
		return;
	}
	char *q = oracle_quote(f->src);
	/* gcc -dD keeps each #define in the .i, after a linemarker naming its file */
	struct olines d = split_lines(oracle_sh(NULL, "gcc -E -dD %s | awk '/^# [0-9]+ \"/ "
						"{ here = ($3 == \"\\\"\" f \"\\\"\") } "
						"here && /^#define / { print $2 }' f=%s", q, q));
	free(q);
	ck_assert_uint_gt(d.n, 0);
	size_t rows = 0;
	for (size_t k = 0; k < p->body.n; k++) {
		char *s = body_text(p, k);
		rows += strncmp(s, "#define ", 8) == 0;
		free(s);
	}
	ck_assert_uint_eq(rows, d.n);
	for (size_t i = 0; i < d.n; i++) {
		char *name = strndup(d.v[i], strcspn(d.v[i], "("));
		char *want = xasprintf("#define %s%s", name, "  line ");
		ck_assert_msg(doc_find(&p->body, 0, want) >= 0, "no row for #define %s", name);
		free(want);
		free(name);
	}
	olines_free(&d);
}
END_TEST

/* ------------------------------------------------------------------ compile */

/* The .s view shows the .s of the command it shows, numbered as that file is: the shown
 * command run again by hand makes the oracle. Every row is that file's line of that number,
 * in order; the hidden ones are directives; each instruction is tied to a source line (by
 * the -g compile's .loc lines). With the line table shown (d l), the -g compile's .loc lines
 * come between, unnumbered, each one gcc -S -g wrote, and the numbered rows do not change. */
/* The .s view's head explains the cursor's instruction with the sentence stages/insn.h
 * gives for its line (tests/check_insn checks the sentences against gcc's lines): its first
 * words are there, above the sentence on the groups of directives. */
START_TEST(test_sfile_head_explains_the_cursor)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	struct panes_pane *p = build_view(t, &view_sfile);
	ck_assert(view_tied(t));
	size_t cur = t->out_cur, found = 0;
	int drives = t->src_drives;
	for (size_t r = 0; r < t->n_rows && found < 6; r++) {
		size_t line = t->rows[r].line;
		if (!line || f->w->asmm.lines[line].kind != ASMMAP_INSN ||
		    strncmp(asmmap_line_text(&f->w->asmm, line), "\tmov", 4) != 0)
			continue;
		t->out_cur = r;
		t->src_drives = 0;
		p = build_view(t, &view_sfile);
		char want[2048], first[64];
		ck_assert_int_eq(insn_explain_at(&f->w->asmm, line, want, sizeof want), 0);
		/* its first words, as the head wraps them */
		snprintf(first, sizeof first, "%.20s", want);
		char *sp = strrchr(first, ' ');
		if (sp)
			*sp = '\0';
		long at = doc_find(&p->head, 0, first);
		ck_assert_msg(at >= 0, "cursor on \"%s\": the head lacks \"%s\"",
			      asmmap_line_text(&f->w->asmm, line), first);
		ck_assert_int_lt(at, doc_find(&p->head, 0, "Lines as in"));
		found++;
	}
	ck_assert_uint_gt(found, 0);
	t->out_cur = cur;
	t->src_drives = drives;
	build_view(t, &view_sfile);
}
END_TEST

START_TEST(test_sfile_rows_are_the_shown_gcc_S)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	char *const *argv = f->w->stage[STAGE_COMPILE].proc.argv;
	char *qdir = oracle_quote(f->w->dir);
	char *cmd = xasprintf("cd %s &&", qdir);
	free(qdir);
	for (size_t i = 0; argv[i]; i++) {
		/* the same command, its -o FILE made -o - */
		const char *a = i > 0 && !strcmp(argv[i - 1], "-o") ? "-" : argv[i];
		char *q = oracle_quote(a), *more = xasprintf("%s %s", cmd, q);
		free(q);
		free(cmd);
		cmd = more;
	}
	struct olines want = split_lines(oracle_sh(NULL, "%s", cmd));
	char *qi = qpath(f->w, f->w->stage[STAGE_PREPROCESS].artifact);
	char *qd = oracle_quote(f->w->dir);
	struct olines g = split_lines(oracle_sh(NULL, "cd %s && gcc -S -g -o - %s", qd, qi));
	free(qi);
	free(qd);
	free(cmd);
	ck_assert_uint_gt(want.n, 0);
	ck_assert_uint_gt(g.n, want.n); /* the -g compile is the longer one */
	struct panes_pane *p = build_view(t, &view_sfile);
	ck_assert(view_tied(t));
	/* the head names the file the command made */
	ck_assert_int_ge(doc_find(&p->head, 0, f->w->stage[STAGE_COMPILE].artifact), 0);
	char *shown = calloc(want.n + 2, 1);
	size_t last = 0, rows = 0, insns = 0;
	for (size_t k = 0; k < p->body.n; k++) {
		const struct sty_line *l = &p->body.lines[k];
		char *s = line_text(l);
		ck_assert_msg(l->num > (long)last && (size_t)l->num <= want.n, "row %zu: line %ld",
			      k, l->num);
		last = (size_t)l->num;
		/* a line whose operands are the learner's variables ends with their note, dim,
		 * made by stages/dwvars.h from the -g compile's DWARF (tests/check_dwvars checks
		 * it against readelf): the line itself is the rest */
		size_t nspans = l->n;
		const struct sty_span *tail = nspans > 1 ? &l->spans[nspans - 1] : NULL;
		/* an instruction's column, where the pane has room: its sentence or its few
		 * words (stages/insn.h; tests/check_insn checks them against gcc's lines) */
		if (tail && tail->role == ROLE_DIM && strncmp(tail->text, "  # ", 4) != 0 &&
		    t->rows[k].line) {
			const struct asmmap *am = &f->w->asmm;
			size_t n = t->rows[k].line;
			const char *said = tail->text + strspn(tail->text, " "), *mn;
			char whole[1200], few[160];
			size_t ml = insn_mnemonic(asmmap_line_text(am, n), &mn);
			insn_explain_at(am, n, whole, sizeof whole);
			ck_assert_msg(am->lines[n].kind == ASMMAP_INSN && ml &&
				      (!strcmp(said, whole) ||
				       !strcmp(said, insn_gloss(mn, ml, few, sizeof few))),
				      "row %zu: column \"%s\"", k, said);
			s[strlen(s) - strlen(tail->text)] = '\0';
			nspans--;
			tail = nspans > 1 ? &l->spans[nspans - 1] : NULL;
		}
		if (tail && tail->role == ROLE_DIM && !strncmp(tail->text, "  # ", 4)) {
			size_t row_line = t->rows[k].line;
			ck_assert(walk_dwvars_ready(f->w) && row_line &&
				  f->w->dwv.lines[row_line].n_ops);
			s[strlen(s) - strlen(tail->text)] = '\0';
		}
		ck_assert_msg(!strcmp(s, want.v[last - 1]), "row %zu (.s line %zu): \"%s\", the "
			      "shown command's: \"%s\"", k, last, s, want.v[last - 1]);
		const char *w = s + strspn(s, " \t");
		if ((*s == '\t' || *s == ' ') && *w && *w != '.') {
			/* an instruction: tied to the source's line */
			ck_assert_msg(l->band > 0, ".s line %zu is tied to no source line: %s", last,
				      s);
			insns++;
		}
		shown[last] = 1;
		rows++;
		free(s);
	}
	ck_assert_uint_gt(insns, 0);
	size_t hidden = 0;
	for (size_t i = 1; i <= want.n; i++) {
		const char *l = want.v[i - 1], *w = l + strspn(l, " \t");
		if (shown[i])
			continue;
		hidden++;
		ck_assert_msg(*w == '.', ".s line %zu is hidden but is no directive: %s", i, l);
	}
	ck_assert_uint_gt(hidden, 0);
	char info[64];
	snprintf(info, sizeof info, "%zu of %zu lines", rows, want.n);
	ck_assert_str_eq(p->info, info);

	/* the line table shown: gcc -S -g's .loc lines, unnumbered, between the same rows */
	ck_assert_int_ge(view_key(t, KEYS_ASM_GROUP, ASMMAP_LOC), 0);
	p = build_view(t, &view_sfile);
	size_t locs = 0, numbered = 0, gi = 0;
	for (size_t k = 0; k < p->body.n; k++) {
		const struct sty_line *l = &p->body.lines[k];
		char *s = line_text(l);
		if (l->num > 0) {
			/* the notes and the instruction's column beside the line are not the .s */
			for (size_t e = l->n; e > 1 && l->spans[e - 1].role == ROLE_DIM &&
			     !strncmp(l->spans[e - 1].text, "  ", 2); e--)
				s[strlen(s) - strlen(l->spans[e - 1].text)] = '\0';
			ck_assert_str_eq(s, want.v[l->num - 1]);
			numbered++;
		} else {
			ck_assert_int_lt(l->num, 0);
			/* in gcc -S -g's output, after the line found last */
			while (gi < g.n && strcmp(g.v[gi], s))
				gi++;
			ck_assert_msg(gi < g.n, "unnumbered row %zu, \"%s\", is not gcc -S -g's", k, s);
			gi++;
			locs++;
		}
		free(s);
	}
	ck_assert_uint_eq(numbered, rows);
	ck_assert_uint_gt(locs, 0);
	ck_assert_str_eq(p->info, info);
	ck_assert_int_ge(view_key(t, KEYS_ASM_GROUP, ASMMAP_LOC), 0);
	free(shown);
	olines_free(&want);
	olines_free(&g);
}
END_TEST

/* / in the .i finds every line of the .i that holds the pattern, those in folded header
 * regions too (grep -c on the .i counts them), and n brings each to the cursor, unfolding
 * its region as : does. */
START_TEST(test_ifile_search_finds_folded)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	const char *pat = "printf";
	char *qi = qpath(f->w, f->w->stage[STAGE_PREPROCESS].artifact);
	char *out = oracle_sh(NULL, "grep -c %s %s", pat, qi);
	free(qi);
	size_t want = strtoul(out, NULL, 10);
	free(out);
	struct panes_pane *p = build_view(t, &view_ifile);
	ck_assert(view_tied(t));
	/* some hits are folded away at first */
	size_t visible = 0;
	for (size_t k = 0; k < p->body.n; k++) {
		char *s = body_text(p, k);
		visible += strstr(s, pat) != NULL;
		free(s);
	}
	ck_assert_uint_lt(visible, want);
	t->focus = TUI_OUTPUT;
	input_key(t, '/');
	for (const char *c = pat; *c; c++)
		input_key(t, *c);
	int dirty = input_key(t, '\n');
	ck_assert_uint_eq(t->search.n_hits, want);
	for (size_t step = 0; step < want; step++) {
		if (step)
			dirty = input_key(t, 'n');
		if (dirty & TUI_BUILD_OUTPUT) {
			view_build(t);
			input_goto_land(t);
		}
		/* the cursor is on the hit's .i line, shown */
		ck_assert_uint_lt(t->out_cur, t->n_rows);
		const struct tui_tiedrow *r = &t->rows[t->out_cur];
		ck_assert_int_eq(r->fold, 0);
		ck_assert_uint_eq(r->line, t->search_cur + 1);
		char *s = body_text(p, (size_t)t->rows_from + t->out_cur);
		ck_assert_msg(strstr(s, pat), ".i line %zu: \"%s\"", r->line, s);
		free(s);
		ck_assert_uint_eq(search_rank(&t->search, t->search_cur), step + 1);
	}
	search_free(&t->search);
}
END_TEST

/* The functions view has a row for every function nm says the object defines. */
START_TEST(test_functions_are_nms)
{
	struct fix *f = &fx[HELLO];
	struct panes_pane *p = build_view(&f->t, &view_functions);
	if (walk_state(&f->w->clang) != RUN_OK) {
		ck_assert_int_ge(doc_find(&p->body, 0, "libclang"), 0);
		fprintf(stderr, "check_views: libclang's facts are missing: the functions are not "
			"checked\n");
		return;
	}
	char *qo = qpath(f->w, f->w->stage[STAGE_ASSEMBLE].artifact);
	struct olines fn = split_lines(oracle_sh(NULL, "nm %s | awk '$2 ~ /^[Tt]$/ { print $3 }'",
						 qo));
	free(qo);
	ck_assert_uint_gt(fn.n, 0);
	for (size_t i = 0; i < fn.n; i++) {
		char *want = xasprintf("%s  line %s", fn.v[i], "");
		int found = 0;
		for (size_t k = 0; k < p->body.n && !found; k++) {
			char *s = body_text(p, k);
			found = !strncmp(s, want, strlen(want));
			free(s);
		}
		ck_assert_msg(found, "no row for function %s", fn.v[i]);
		free(want);
	}
	olines_free(&fn);
}
END_TEST

/* ------------------------------------------------------------------ assemble */

/* The facts view names every symbol nm prints for the object. */
START_TEST(test_objfacts_lists_every_nm_symbol)
{
	struct fix *f = &fx[HELLO];
	struct panes_pane *p = build_view(&f->t, &view_objfacts);
	char *qo = qpath(f->w, f->w->stage[STAGE_ASSEMBLE].artifact);
	struct olines sy = split_lines(oracle_sh(NULL, "nm %s | awk '{ print $NF }'", qo));
	free(qo);
	ck_assert_uint_gt(sy.n, 0);
	long from = doc_find(&p->body, 0, "Symbols");
	ck_assert_int_ge(from, 0);
	for (size_t i = 0; i < sy.n; i++) {
		int found = 0;
		for (size_t k = (size_t)from; k < p->body.n && !found; k++) {
			char *s = body_text(p, k);
			const char *b = s + strspn(s, " ");
			found = !strncmp(b, sy.v[i], strlen(sy.v[i])) && b[strlen(sy.v[i])] == ' ';
			free(s);
		}
		ck_assert_msg(found, "nm prints %s; no row of the symbols names it", sy.v[i]);
	}
	char bytes[64];
	struct stat st;
	char *o = walk_path(f->w, f->w->stage[STAGE_ASSEMBLE].artifact);
	ck_assert_int_eq(stat(o, &st), 0);
	free(o);
	snprintf(bytes, sizeof bytes, "%lld bytes", (long long)st.st_size);
	ck_assert_str_eq(p->info, bytes);
	olines_free(&sy);
}
END_TEST

/* nm, readelf -sSrW and objdump -dr, run here on the same object: their output line for
 * line (objdump's relocations may get a note under them). */
START_TEST(test_tools_line_for_line)
{
	static const char *const cmd[] = { "nm", "readelf -sSrW", "objdump -dr" };
	static const struct view_ops *const ops[] = { &view_nm, &view_readelf, &view_objdump };
	struct fix *f = &fx[HELLO];
	char *qd = oracle_quote(f->w->dir);
	char *qo = oracle_quote(f->w->stage[STAGE_ASSEMBLE].artifact);
	struct olines want = split_lines(oracle_sh(NULL, "cd %s && %s %s", qd, cmd[_i], qo));
	free(qd);
	free(qo);
	struct panes_pane *p = build_view(&f->t, ops[_i]);
	ck_assert_uint_gt(want.n, 0);
	size_t j = 0, extra = 0;
	for (size_t k = 0; k < p->body.n; k++) {
		char *s = body_text(p, k);
		if (j < want.n && !strcmp(s, want.v[j]))
			j++;
		else
			extra++;
		free(s);
	}
	ck_assert_msg(j == want.n, "%s: line %zu of its output is not in the view: %s", cmd[_i],
		      j + 1, j < want.n ? want.v[j] : "");
	if (ops[_i] != &view_objdump)
		ck_assert_uint_eq(extra, 0);
	char *head = xasprintf("$ %s %s", cmd[_i], f->w->stage[STAGE_ASSEMBLE].artifact);
	ck_assert_int_ge(doc_find(&p->head, 0, head), 0);
	free(head);
	olines_free(&want);
}
END_TEST

/* ------------------------------------------------------------------ link */

/* The size of a file of the scratch directory, as stat(2) gives it; -1 when absent. */
static long long hand_size(const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s", oracle_scratch(), name);
	int r = stat(p, &st);
	free(p);
	return r == 0 ? (long long)st.st_size : -1;
}

/* Link hello by hand the four ways, each static one with its map: in the scratch directory. */
static void link_by_hand(struct fix *f)
{
	int st;
	char *qs = oracle_quote(f->src), *qd = oracle_quote(oracle_scratch());
	char *out = oracle_sh(&st, "{ cd %s && gcc -c %s -o hand.o && gcc hand.o -o hand-dynamic && "
			      "gcc -static hand.o -o hand-static -Wl,-Map,hand-static.map && "
			      "gcc -static-pie hand.o -o hand-static-pie "
			      "-Wl,-Map,hand-static-pie.map && "
			      "musl-gcc -static %s -o hand-musl -Wl,-Map,hand-musl.map; } 2>&1", qd, qs,
			      qs);
	ck_assert_msg(st == 0, "linking by hand failed (%d): %s", st, out);
	free(out);
	free(qs);
	free(qd);
}

static const char *const hand_name[LINK_COUNT] = {
	[LINK_DYNAMIC] = "hand-dynamic", [LINK_STATIC] = "hand-static",
	[LINK_STATIC_PIE] = "hand-static-pie", [LINK_MUSL] = "hand-musl",
};

/* The archive members a link map lists: the lines of its first section that start a
 * member ("archive(member)" at the start of a line). */
static size_t map_members(const char *map)
{
	char *q = xasprintf("%s/%s", oracle_scratch(), map);
	char *qq = oracle_quote(q);
	char *n = oracle_sh(NULL, "awk '/^Archive member included/ { on = 1; next } "
			    "on && /^[A-Z][a-z]/ { exit } on && /^[^ \\t]/ { n++ } "
			    "END { print n + 0 }' %s", qq);
	size_t v = strtoul(n, NULL, 10);
	free(n);
	free(qq);
	free(q);
	return v;
}

/* The side-by-side view: a row per variant with the size stat gives for the same program
 * linked by hand, and the members its link map lists. */
START_TEST(test_links_sizes_are_stats)
{
	struct fix *f = &fx[HELLO];
	struct panes_pane *p = build_view(&f->t, &view_links);
	for (int k = 0; k < LINK_COUNT; k++) {
		long long size = hand_size(hand_name[k]);
		ck_assert_int_gt(size, 0);
		char bytes[32];
		snprintf(bytes, sizeof bytes, "%lld", size);
		const char *name = walk_link_name((enum link_kind)k);
		int found = 0;
		for (size_t i = 0; i < p->body.n && !found; i++) {
			char *s = body_text(p, i);
			found = !strncmp(s, name, strlen(name)) && s[strlen(name)] == ' ' &&
				has_word(s, bytes);
			if (found && k != LINK_DYNAMIC) {
				char members[32];
				char *map = xasprintf("%s.map%s", hand_name[k], "");
				snprintf(members, sizeof members, "%zu", map_members(map));
				free(map);
				ck_assert_msg(has_word(s, members), "%s: \"%s\" lacks %s members",
					      name, s, members);
			}
			free(s);
		}
		ck_assert_msg(found, "no row \"%s ... %s\" in the links table", name, bytes);
		/* its column's heading, and the size again under it */
		ck_assert_int_ge(doc_find(&p->body, 0, walk_link_title((enum link_kind)k)), 0);
	}
}
END_TEST

/* Each static link's members view: as many members as the link map of the same link by
 * hand, one row each in the tree. */
START_TEST(test_members_count_is_the_maps)
{
	static const struct view_ops *const ops[] = { &view_members_static,
						      &view_members_static_pie, &view_members_musl };
	int k = ops[_i]->arg;
	struct fix *f = &fx[HELLO];
	char *map = xasprintf("%s.map%s", hand_name[k], "");
	size_t n = map_members(map);
	free(map);
	ck_assert_uint_gt(n, 0);
	struct panes_pane *p = build_view(&f->t, ops[_i]);
	char want[64];
	snprintf(want, sizeof want, "%zu archive members, ", n);
	ck_assert_int_eq(doc_find(&p->body, 0, want), 0);
	snprintf(want, sizeof want, "All %zu, each under", n);
	long at = doc_find(&p->body, 0, want);
	ck_assert_int_ge(at, 0);
	long tree = doc_find(&p->body, (size_t)at, "bytes  member, and the symbol");
	ck_assert_int_gt(tree, at);
	size_t rows = 0;
	for (size_t i = (size_t)tree + 1; i < p->body.n; i++) {
		char *s = body_text(p, i);
		const char *b = s + strspn(s, " ");
		/* a member's row starts with its bytes; a wrapped row's rest does not */
		rows += p->body.lines[i].indent == 0 && b > s && *b >= '0' && *b <= '9';
		free(s);
	}
	ck_assert_uint_eq(rows, n);
	snprintf(want, sizeof want, "%zu members", n);
	ck_assert_str_eq(p->info, want);
	ck_assert_int_ge(doc_find(&p->head, 0, "-Wl,-Map,"), 0);
}
END_TEST

/* The library view of main.c + util.c: the archive, the shared library and the three
 * programs, with the sizes stat gives for the same builds by hand. */
START_TEST(test_library_sizes_are_stats)
{
	struct fix *f = &fx[MULTI];
	const struct libbuild *lb = &f->w->lib;
	ck_assert_int_eq(walk_state(&f->w->lib_run), RUN_OK);
	char *qm = oracle_quote(f->src), *qu = oracle_quote(f->src2);
	char *qd = oracle_quote(oracle_scratch()), *ql = oracle_quote(lb->libname);
	int st;
	char *out = oracle_sh(&st, "{ cd %s && mkdir -p lib && gcc -c %s -o main.o && "
			      "gcc -c -fPIC %s -o lib/util.o && ar rcs lib/lib%s.a lib/util.o && "
			      "gcc -shared -o lib/lib%s.so lib/util.o && "
			      "gcc main.o lib/lib%s.a -o prog-archive && "
			      "gcc main.o -Llib -l%s -o prog-shared && "
			      "gcc main.o -Llib -l%s -Wl,-rpath,'$ORIGIN/lib' -o prog-rpath; } 2>&1",
			      qd, qm, qu, lb->libname, lb->libname, lb->libname, lb->libname,
			      lb->libname);
	ck_assert_msg(st == 0, "building by hand failed: %s", out);
	free(out);
	free(qm);
	free(qu);
	free(qd);
	free(ql);
	struct panes_pane *p = build_view(&f->t, &view_library);
	const char *files[] = { lb->archive, lb->shared };
	for (int i = 0; i < 2; i++) {
		char *base = xasprintf("lib/%s%s", strrchr(files[i], '/') + 1, "");
		char want[64];
		snprintf(want, sizeof want, "exit 0, %lld bytes", hand_size(base));
		long at = doc_find(&p->body, 0, want);
		ck_assert_msg(at >= 0, "no \"%s\" for %s", want, base);
		free(base);
	}
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		const char *name = lb->prog[k].name;
		char want[128];
		snprintf(want, sizeof want, "%s, %lld bytes", name, hand_size(name));
		long at = doc_find(&p->body, 0, want);
		ck_assert_msg(at >= 0, "no heading \"%s\"", want);
		char *s = body_text(p, (size_t)at);
		ck_assert_msg(!strncmp(s, want, strlen(want)), "heading \"%s\"", s);
		free(s);
	}
}
END_TEST

/* ------------------------------------------------------------------ several sources */

/* main.c util.c: the Assemble stage's view of every object names each one with the size
 * stat gives, the gcc -c command that made it, and the global symbols nm -g says it defines
 * and leaves undefined. */
START_TEST(test_objects_are_every_gcc_c)
{
	struct fix *f = &fx[MULTI];
	ck_assert_int_ge(view_index(&f->t, &view_objects), 0);
	ck_assert_int_lt(view_index(&fx[HELLO].t, &view_objects), 0);
	struct panes_pane *p = build_view(&f->t, &view_objects);
	const char *objs[] = { f->w->stage[STAGE_ASSEMBLE].artifact, f->w->extra[0].obj };
	const char *srcs[] = { "main.c", "util.c" };
	char *qd = oracle_quote(f->w->dir);
	for (int k = 0; k < 2; k++) {
		struct stat st;
		char *path = walk_path(f->w, objs[k]);
		ck_assert_int_eq(stat(path, &st), 0);
		free(path);
		char *want = xasprintf("%s, from %s: %lld bytes", objs[k], srcs[k],
				       (long long)st.st_size);
		long at = doc_find(&p->body, 0, want);
		ck_assert_msg(at >= 0, "no heading \"%s\"", want);
		free(want);
		char *cmd = xasprintf(k ? "-c %s -o %s" : "-c main.s -o %s",
				      k ? f->src2 : objs[k], objs[k]);
		ck_assert_msg(doc_find(&p->body, (size_t)at, cmd) == at + 1, "no command %s", cmd);
		free(cmd);
		char *qo = oracle_quote(objs[k]);
		for (int u = 0; u < 2; u++) {
			struct olines names = split_lines(oracle_sh(NULL, "cd %s && nm -g %s %s | "
				"awk '{print $NF}'", qd, u ? "-u" : "--defined-only", qo));
			long row = doc_find(&p->body, (size_t)at, u ? "undefined:" : "defines:");
			ck_assert_int_ge(row, 0);
			/* the field's value may wrap onto the next lines */
			char *s = body_text(p, (size_t)row);
			for (size_t i = (size_t)row + 1; i < p->body.n && i < (size_t)row + 4; i++) {
				char *more = body_text(p, i);
				if (strchr(more, ':')) {
					free(more);
					break;
				}
				char *j = xasprintf("%s %s", s, more);
				free(s);
				free(more);
				s = j;
			}
			for (size_t i = 0; i < names.n; i++)
				ck_assert_msg(has_word(s, names.v[i]), "%s: nm %s lists %s; the "
					      "view says \"%s\"", objs[k], u ? "-u" : "-g", names.v[i], s);
			free(s);
			olines_free(&names);
		}
		free(qo);
	}
	free(qd);
}
END_TEST

/* main.c util.c: in the links' columns, each symbol main.o leaves undefined that util.o
 * defines (nm) is listed under "resolved at link time, by the program's other objects",
 * never under "resolved at run time"; the dynamic column is built alone, one column wide. */
START_TEST(test_links_put_objects_at_link_time)
{
	struct fix *f = &fx[MULTI];
	char *qd = oracle_quote(f->w->dir);
	char *qm = oracle_quote(f->w->stage[STAGE_ASSEMBLE].artifact);
	char *qu = oracle_quote(f->w->extra[0].obj);
	char *qs = oracle_quote(oracle_scratch());
	struct olines names = split_lines(oracle_sh(NULL, "cd %s && nm -u %s | awk '{print $NF}' "
		"| sort >%s/multi-u.txt && nm -g --defined-only %s | awk '{print $NF}' | sort | "
		"comm -12 %s/multi-u.txt -", qd, qm, qs, qu, qs));
	free(qs);
	ck_assert_uint_gt(names.n, 0);
	struct panes_pane *p = build_at(&f->t, STAGE_LINK, view_index(&f->t, &view_links), 40);
	long link = doc_find(&p->body, 0, "resolved at link time, by");
	long run = doc_find(&p->body, 0, "resolved at run time:");
	ck_assert_int_ge(link, 0);
	ck_assert_int_gt(run, link);
	for (size_t i = 0; i < names.n; i++) {
		char *want = xasprintf("%s -> %s", names.v[i], f->w->extra[0].obj);
		long at = doc_find(&p->body, (size_t)link, want);
		ck_assert_msg(at > link && at < run, "%s is not under the link-time heading", want);
		free(want);
		for (long k = run; k < (long)p->body.n; k++) {
			char *s = body_text(p, (size_t)k);
			if (!*s) {
				free(s);
				break;
			}
			ck_assert_msg(!has_word(s, names.v[i]), "%s is under \"resolved at run "
				      "time\": %s", names.v[i], s);
			free(s);
		}
	}
	olines_free(&names);
	free(qd);
	free(qm);
	free(qu);
}
END_TEST

/* ------------------------------------------------------------------ stage 5, Run */

/* The body lines of p after the first line containing heading, up to the first blank one:
 * a view's rows under its column headings. */
static size_t rows_under(const struct panes_pane *p, const char *heading, long *first)
{
	long h = doc_find(&p->body, 0, heading);
	ck_assert_msg(h >= 0, "no heading \"%s\"", heading);
	*first = h + 1;
	size_t n = 0;
	for (size_t i = (size_t)h + 1; i < p->body.n; i++) {
		char *s = body_text(p, i);
		int blank = !*s;
		free(s);
		if (blank)
			break;
		n++;
	}
	return n;
}

/* hello's relocations view, for each glibc program: one row per relocation in the .o's code
 * sections as readelf -rW lists them, each row naming its offset and type, and the head
 * saying the relocation at the cursor; the cursor's row ties its source line. */
START_TEST(test_run_relocs_rows_are_readelfs)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	ck_assert(walk_run5_ready(f->w));
	char *qd = oracle_quote(f->w->dir);
	char *qo = oracle_quote(f->w->stage[STAGE_ASSEMBLE].artifact);
	struct olines rel = split_lines(oracle_sh(NULL, "cd %s && readelf -rW %s | awk "
		"'/^Relocation section/ { code = ($3 ~ /^.\\.rela\\.text/) ; next } "
		"code && /^[0-9a-f]+ / { print $1, $3 }'", qd, qo));
	free(qd);
	free(qo);
	ck_assert_uint_gt(rel.n, 0);
	for (int k = 0; k < LINK_MUSL; k++) {
		if (!f->w->run5.ran[k])
			continue;
		t->run_variant = k;
		struct panes_pane *p = build_view(t, &view_relocs);
		long first;
		size_t n = rows_under(p, "offset", &first);
		ck_assert_msg(n == rel.n, "%s: %zu rows, readelf -rW lists %zu relocations in code",
			      walk_link_name((enum link_kind)k), n, rel.n);
		/* every relocation readelf lists has its row: its offset and its type */
		for (size_t i = 0; i < rel.n; i++) {
			char type[64];
			unsigned long long off = strtoull(rel.v[i], NULL, 16);
			const char *sp = strchr(rel.v[i], ' ');
			snprintf(type, sizeof type, "%s", sp ? sp + 1 : "");
			const char *tshort = strncmp(type, "R_X86_64_", 9) == 0 ? type + 9 : type;
			int hit = 0;
			for (size_t r = 0; r < n && !hit; r++) {
				char *row = body_text(p, (size_t)first + r);
				char want[32];
				snprintf(want, sizeof want, " %llx ", off);
				hit = strstr(row, want) && has_word(row, tshort);
				free(row);
			}
			ck_assert_msg(hit, "no row for %s", rel.v[i]);
		}
		/* the cursor is on the first row, whose relocation the head says; its line tied */
		ck_assert(p->has_cursor);
		ck_assert_int_eq(p->cursor, (int)first);
		const struct relocs_reloc *x = &f->w->run5.glibc.relocs[0];
		ck_assert_ptr_nonnull(x->text);
		char start[40];
		snprintf(start, sizeof start, "%.30s", x->text);
		ck_assert_msg(doc_find(&p->head, 0, start) >= 0, "the head lacks \"%s\"", start);
		ck_assert_int_eq(t->src_mark, (long)x->line);
	}
	t->run_variant = 0;
	olines_free(&rel);
}
END_TEST

/* Each program's segments view: the program headers readelf -lW lists, in its order, each
 * followed by its sections, and the entry point readelf -hW gives. */
START_TEST(test_run_segments_rows_are_readelfs)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	for (int k = 0; k < LINK_COUNT; k++) {
		if (!f->w->run5.ran[k] || !f->w->run5.segs_ok[k])
			continue;
		const char *exe = f->w->variant[k].link.artifact;
		char *qd = oracle_quote(f->w->dir), *qe = oracle_quote(exe);
		struct olines ph = split_lines(oracle_sh(NULL, "cd %s && readelf -lW %s | awk "
			"'/^Program Headers/ { p = 1; next } p && /^ *$/ { exit } "
			"p && $1 != \"Type\" && $1 !~ /^\\[/ { print $1 }'", qd, qe));
		char *entry = oracle_sh(NULL, "cd %s && readelf -hW %s | awk '/Entry point/ "
					"{ print $NF }'", qd, qe);
		free(qd);
		free(qe);
		entry[strcspn(entry, "\n")] = '\0';
		t->run_variant = k;
		struct panes_pane *p = build_view(t, &view_segments);
		long h = doc_find(&p->body, 0, "flg");
		ck_assert_int_ge(h, 0);
		size_t seen = 0;
		for (size_t i = (size_t)h + 1; i < p->body.n; i++) {
			char *s = body_text(p, i);
			if (!*s) {
				free(s);
				break;
			}
			if (s[0] == ' ' && s[1] == ' ' && s[2] != ' ') {
				ck_assert_msg(seen < ph.n, "%s: more rows than readelf's %zu",
					      walk_link_name((enum link_kind)k), ph.n);
				char want[64];
				snprintf(want, sizeof want, "  %s ", ph.v[seen]);
				ck_assert_msg(strncmp(s, want, strlen(want)) == 0, "%s row %zu: %s, "
					      "readelf: %s", walk_link_name((enum link_kind)k), seen,
					      s, ph.v[seen]);
				seen++;
			}
			free(s);
		}
		ck_assert_uint_eq(seen, ph.n);
		ck_assert_msg(doc_find(&p->body, 0, entry) >= 0, "%s: no entry point %s",
			      walk_link_name((enum link_kind)k), entry);
		olines_free(&ph);
		free(entry);
	}
	t->run_variant = 0;
}
END_TEST

/* The loader view says every sentence of the trace; the process view has one row per
 * mapping of the first stop at main, each with its address, and the second run's beside. */
START_TEST(test_run_loader_and_process_views)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	const struct walk_run5 *r5 = &f->w->run5;
	for (int k = 0; k < LINK_COUNT; k++) {
		if (!r5->ran[k])
			continue;
		t->run_variant = k;
		struct panes_pane *p = build_view(t, &view_loader);
		for (size_t i = 0; r5->ld_ok[k] && i < r5->ld[k].n_says; i++) {
			char start[40];
			snprintf(start, sizeof start, "%.30s", r5->ld[k].says[i]);
			ck_assert_msg(doc_find(&p->body, 0, start) >= 0, "%s: the loader view "
				      "lacks \"%s\"", walk_link_name((enum link_kind)k), start);
		}
		p = build_view(t, &view_process);
		if (!r5->pm_ok[k])
			continue;
		const struct procmain_run *r = &r5->pm[k].run[0];
		long first;
		size_t n = rows_under(p, "mapping", &first);
		ck_assert_uint_eq(n, r->n_maps);
		for (size_t i = 0; i < n; i++) {
			char *row = body_text(p, (size_t)first + i);
			char want[32];
			snprintf(want, sizeof want, "%llx", r->maps[i].start);
			ck_assert_msg(has_word(row, want), "row %zu lacks %s: %s", i, want, row);
			free(row);
		}
		if (r5->pm[k].n_runs == 2 && r5->pm[k].run[1].state == PROCMAIN_AT_MAIN)
			ck_assert_int_ge(doc_find(&p->body, 0, "run 2"), 0);
	}
	t->run_variant = 0;
}
END_TEST

/* While stage 5's facts are not in, each of its views says so and reads none of them. */
START_TEST(test_run_views_wait_for_stage5)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	int was = f->w->run5.ready;
	__atomic_store_n(&f->w->run5.ready, 0, __ATOMIC_RELEASE);
	static const struct view_ops *const run[] = { &view_relocs, &view_segments, &view_loader,
						      &view_process };
	for (size_t i = 0; i < sizeof run / sizeof *run; i++) {
		struct panes_pane *p = build_view(t, run[i]);
		ck_assert_str_eq(p->info, "running");
		ck_assert_int_ge(doc_find(&p->body, 0, "running each linked program"), 0);
		ck_assert(!p->has_cursor);
	}
	__atomic_store_n(&f->w->run5.ready, was, __ATOMIC_RELEASE);
}
END_TEST

/* ------------------------------------------------------------------ a failed compile */

/* syntax-error.c: the .i as gcc -E makes it; the .s view says gcc -S failed, with gcc's own
 * error; the stages after it say they were not run; every view still builds. */
START_TEST(test_failed_compile_views)
{
	struct fix *f = &fx[BROKEN];
	struct tui *t = &f->t;
	char *q = oracle_quote(f->src);
	int st;
	char *err = oracle_sh(&st, "gcc -S -o /dev/null %s 2>&1 | sed -n 's/.*error: //p' | "
			      "head -n 1", q);
	free(q);
	ck_assert_int_ne(err[0], '\0');
	err[strcspn(err, "\n")] = '\0';
	struct panes_pane *p = build_view(t, &view_sfile);
	ck_assert_int_ge(doc_find(&p->body, 0, "failed"), 0);
	ck_assert_msg(doc_find(&p->body, 0, err) >= 0, "the .s view lacks gcc's error: %s", err);
	ck_assert_str_eq(p->info, "failed");
	static const struct view_ops *const later[] = { &view_objfacts, &view_nm, &view_readelf,
							&view_objdump, &view_relocs, &view_segments,
							&view_loader, &view_process };
	for (size_t i = 0; i < sizeof later / sizeof *later; i++) {
		p = build_view(t, later[i]);
		ck_assert_msg(doc_find(&p->body, 0, "Not run: ") >= 0, "%s says nothing of the "
			      "stage not run", later[i]->name);
	}
	p = build_view(t, &view_links);
	for (int k = 0; k < LINK_COUNT; k++) {
		const char *name = walk_link_name((enum link_kind)k);
		long at = -1;
		for (size_t i = 0; i < p->body.n && at < 0; i++) {
			char *s = body_text(p, i);
			if (!strncmp(s, name, strlen(name)) && s[strlen(name)] == ' ' &&
			    strstr(s, "not run"))
				at = (long)i;
			free(s);
		}
		ck_assert_msg(at >= 0, "no row saying the %s link was not run", name);
	}
	for (int i = 0; i < view_count(t, STAGE_LINK); i++)
		if (view_at(t, STAGE_LINK, i)->group) {
			p = build(t, STAGE_LINK, i);
			ck_assert_int_ge(doc_find(&p->body, 0, "Not run: "), 0);
		}
	free(err);
}
END_TEST

/* ------------------------------------------------------------------ the suite */

/* ------------------------------------------------------------------ two levels */

/* The two levels view (c): hello.c at -O0 against -O2, its first function's rows as the
 * comparison aligned them: side by side at 122 columns (a heading, then a line per row), and
 * stacked at 80 (a same line once, a changed one as its -O0 line over its -O2 line); every
 * line within its width. */
START_TEST(test_compare_view_rows_are_the_alignment)
{
	struct fix *f = &fx[HELLO];
	struct tui *t = &f->t;
	ck_assert_int_eq(walk_compare_start(f->w, "-O2", 1), 0);
	compare_open(t);
	const struct ocmp_run *r = walk_compare(f->w, "-O2");
	ck_assert(r && ocmp_run_finished(r));
	ck_assert_msg(r->ok, "%s", ocmp_run_why(r, 1));
	ck_assert_uint_gt(r->cmp.n_funcs, 0);
	const struct ocmp_func *fn = &r->cmp.funcs[0];
	int i = view_index(t, &view_compare);
	ck_assert_int_ge(i, 0);
	for (int wide = 1; wide >= 0; wide--) {
		int width = wide ? VIEWS_W : 80;
		struct panes_pane *p = build_at(t, STAGE_COMPILE, i, width);
		ck_assert_ptr_nonnull(strstr(p->title, "-O0 against -O2"));
		size_t want = wide;
		for (size_t k = 0; k < fn->n_rows; k++)
			want += wide || fn->rows[k].mark == ' ' ? 1 :
				(fn->rows[k].line[0] != 0) + (fn->rows[k].line[1] != 0);
		/* the bodies are the lines after the last blank one */
		size_t from = 0;
		for (size_t k = 0; k < p->body.n; k++) {
			char *s = body_text(p, k);
			if (!*s)
				from = k + 1;
			free(s);
		}
		ck_assert_msg(p->body.n - from == want, "%s at %d columns: %zu lines, %zu rows",
			      fn->name, width, p->body.n - from, want);
		for (size_t k = 0; k < p->body.n; k++)
			ck_assert_int_le(line_cols(&p->body.lines[k]), width);
		if (wide) {
			char *h = body_text(p, from);
			ck_assert_ptr_nonnull(strstr(h, "-O0"));
			ck_assert_ptr_nonnull(strstr(h, "-O2"));
			free(h);
		}
	}
}
END_TEST

static Suite *views_suite(void)
{
	Suite *s = suite_create("views");
	TCase *tc = tcase_create("samples");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_unchecked_fixture(tc, views_setup, views_teardown);
	tcase_add_loop_test(tc, test_view_count_matches_the_table, 0, N_SAMPLES);
	tcase_add_loop_test(tc, test_strip_brackets_the_current_view, 0, N_SAMPLES);
	tcase_add_loop_test(tc, test_every_line_fits_its_width, 0, N_SAMPLES);
	tcase_add_loop_test(tc, test_ifile_rows_are_gcc_E, 0, 2);
	tcase_add_test(tc, test_includes_are_gcc_H);
	tcase_add_test(tc, test_compile_mark_waits_for_gline);
	tcase_add_test(tc, test_macros_are_the_sources_defines);
	tcase_add_test(tc, test_sfile_rows_are_the_shown_gcc_S);
	tcase_add_test(tc, test_sfile_head_explains_the_cursor);
	tcase_add_test(tc, test_compare_view_rows_are_the_alignment);
	tcase_add_test(tc, test_ifile_search_finds_folded);
	tcase_add_test(tc, test_functions_are_nms);
	tcase_add_test(tc, test_objfacts_lists_every_nm_symbol);
	tcase_add_loop_test(tc, test_tools_line_for_line, 0, OBJ_TOOL_COUNT);
	tcase_add_test(tc, test_links_sizes_are_stats);
	tcase_add_loop_test(tc, test_members_count_is_the_maps, 0, 3);
	tcase_add_test(tc, test_library_sizes_are_stats);
	tcase_add_test(tc, test_failed_compile_views);
	tcase_add_test(tc, test_objects_are_every_gcc_c);
	tcase_add_test(tc, test_links_put_objects_at_link_time);
	tcase_add_test(tc, test_run_relocs_rows_are_readelfs);
	tcase_add_test(tc, test_run_segments_rows_are_readelfs);
	tcase_add_test(tc, test_run_loader_and_process_views);
	tcase_add_test(tc, test_run_views_wait_for_stage5);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	static const char *const tools[] = { "gcc", "nm", "readelf", "objdump", "ar", "musl-gcc" };
	for (size_t i = 0; i < sizeof tools / sizeof *tools; i++) {
		int st;
		char *cmd = oracle_quote(tools[i]);
		free(oracle_sh(&st, "command -v %s >/dev/null 2>&1", cmd));
		free(cmd);
		if (st != 0) {
			fprintf(stderr, "check_views: skipped: %s is not installed%s\n", tools[i],
				i == 5 ? " (on Debian: apt-get install musl-tools)" : "");
			return 77;
		}
	}
	setenv("CSTAGES_NO_PROGRESS", "1", 1);
	oracle_scratch(); /* made here, so the forked tests share it and it goes at exit */
	SRunner *sr = srunner_create(views_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
