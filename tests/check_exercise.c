/* check_exercise: the exercise engine (stages/exercise.h). The parsers: exercise.md, the build
 * file and the conditions, each error naming its line; the set-up, which never writes into a
 * directory that exists; and the conditions decided on a real walk of a program with an
 * archive and a shared library built by its build file, each against what nm, objdump,
 * readelf, gcc and the program itself say when run by hand (tests/oracle.c), never against a
 * typed value. Skips (77) when one of those tools is missing. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/exercise.h"
#include "stages/exercise_int.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static char *test_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *test_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

static char *test_mkdtemp(const char *what)
{
	char *d = test_fmt("%s/%s.XXXXXX", oracle_scratch(), what);
	if (!mkdtemp(d))
		abort();
	return d;
}

/* ---- words ---- */

START_TEST(test_words)
{
	char **w;
	size_t n;
	char err[200];
	ck_assert_int_eq(exercise_words("  a \"b c\"  \"-Wl,-rpath,$ORIGIN\" \"d\\\"e\" # f g", &w, &n,
					err, sizeof err), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(w[0], "a");
	ck_assert_str_eq(w[1], "b c");
	ck_assert_str_eq(w[2], "-Wl,-rpath,$ORIGIN");
	ck_assert_str_eq(w[3], "d\"e");
	ck_assert_ptr_null(w[4]);
	exercise_words_free(w);
	ck_assert_int_eq(exercise_words("a\"b#c\" x#y", &w, &n, err, sizeof err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(w[0], "ab#c");
	ck_assert_str_eq(w[1], "x#y");
	exercise_words_free(w);
	ck_assert_int_eq(exercise_words("a \"b", &w, &n, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "quote"));
}
END_TEST

/* ---- the build file ---- */

START_TEST(test_build_parse)
{
	struct exercise_build b;
	char err[400];
	const char *text = "# a comment\n"
			   "sources: main.c util.c   # the program\n"
			   "cflags: -std=c11 -Wall \"-DNAME=a b\"\n"
			   "\n"
			   "link: -L. -lred \"-Wl,-rpath,$ORIGIN\"\n"
			   "archive: libred.a red.c blue.c\n"
			   "shared: libgreet.so greet.c -fvisibility=hidden\n";
	ck_assert_msg(exercise_build_parse(text, "build", &b, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(b.n_sources, 2);
	ck_assert_str_eq(b.sources[1], "util.c");
	ck_assert_uint_eq(b.n_cflags, 3);
	ck_assert_str_eq(b.cflags[2], "-DNAME=a b");
	ck_assert_uint_eq(b.n_link, 3);
	ck_assert_str_eq(b.link[2], "-Wl,-rpath,$ORIGIN");
	ck_assert_uint_eq(b.n_steps, 2);
	ck_assert_int_eq(b.steps[0].kind, EXB_ARCHIVE);
	ck_assert_int_eq(b.steps[0].line, 6);
	ck_assert_uint_eq(b.steps[0].n_srcs, 2);
	ck_assert_int_eq(b.steps[1].kind, EXB_SHARED);
	ck_assert_str_eq(b.steps[1].out, "libgreet.so");
	ck_assert_uint_eq(b.steps[1].n_flags, 1);
	ck_assert_str_eq(b.steps[1].flags[0], "-fvisibility=hidden");
	exercise_build_free(&b);
	/* an empty file: main.c alone */
	ck_assert_int_eq(exercise_build_parse("", "build", &b, err, sizeof err), 0);
	ck_assert_uint_eq(b.n_sources, 1);
	ck_assert_str_eq(b.sources[0], "main.c");
	exercise_build_free(&b);
}
END_TEST

/* Each bad build file is refused with its file name and the bad line's number. */
START_TEST(test_build_errors)
{
	static const struct {
		const char *text;
		int line;
	} bad[] = {
		{ "sources: main.c\nsoruces: x.c\n", 2 },
		{ "\n\n\nno colon here\n", 4 },
		{ "link: -lm\nlink: -o elsewhere\n", 2 },
		{ "cflags: -c\n", 1 },
		{ "archive: red.c\n", 1 },
		{ "shared: libx.a x.c\n", 1 },
		{ "shared: libx.so -fPIC x.c\n", 1 },
		{ "sources: ../outside.c\n", 1 },
		{ "sources: /etc/passwd.c\n", 1 },
		{ "sources: main.h\n", 1 },
		{ "# ok\ncflags: \"-DX\n", 2 },
		{ "archive: libx.a\n", 1 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct exercise_build b;
		char err[400], want[40];
		ck_assert_int_eq(exercise_build_parse(bad[i].text, "ex/build", &b, err, sizeof err),
				 -1);
		snprintf(want, sizeof want, "ex/build:%d: ", bad[i].line);
		ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "case %zu: %s", i, err);
	}
}
END_TEST

/* ---- conditions ---- */

START_TEST(test_cond_parse)
{
	static const char *const good[] = {
		"compiles", "no-warning", "no-warning -Wimplicit-function-declaration",
		"links musl", "link-quiet static", "exits dynamic 0", "prints dynamic \"a b\"",
		"empty-root static exits 0", "symbol main.o table global in .rodata",
		"symbol util.o f undefined", "exported dynamic run_plugin",
		"needed dynamic libm.so.6", "not-needed dynamic libm.so.6", "elf-type static EXEC",
		"runpath dynamic \"$ORIGIN\"", "bind-now dynamic",
		"prints-with dynamic LD_PRELOAD=./libw.so \"wrapped\"",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		struct exercise_cond c;
		char err[300];
		ck_assert_msg(exercise_cond_parse(good[i], "x.md", 9, &c, err, sizeof err) == 0,
			      "%s: %s", good[i], err);
		ck_assert_int_eq(c.line, 9);
		char *first = strndup(good[i], strcspn(good[i], " "));
		ck_assert_str_eq(exercise_cond_keyword(c.kind), first);
		free(first);
		exercise_cond_free(&c);
	}
	static const char *const bad[] = {
		"compile", "links", "links dynamc", "exits dynamic", "exits dynamic x",
		"prints dynamic", "empty-root static 0", "symbol main.o x", "symbol main x local",
		"symbol main.o x lokal", "symbol main.o x absent in .text", "elf-type dynamic REL",
		"prints-with dynamic NOEQUALS \"x\"", "no-warning implicit", "compiles extra",
		"prints dynamic \"unclosed",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct exercise_cond c;
		char err[300];
		ck_assert_msg(exercise_cond_parse(bad[i], "x.md", 12, &c, err, sizeof err) == -1,
			      "%s was taken", bad[i]);
		ck_assert_msg(strncmp(err, "x.md:12: ", 9) == 0, "%s: %s", bad[i], err);
	}
}
END_TEST

/* ---- exercise.md, loaded from a data directory ---- */

/* A data directory holding the exercises given as (name, exercise.md) pairs. */
static char *test_datadir_with(size_t n, const char *const *names, const char *const *mds)
{
	char *dd = test_mkdtemp("data");
	for (size_t i = 0; i < n; i++) {
		char *start = test_fmt("%s/lessons/exercises/%s/start", dd, names[i]);
		char *q = oracle_quote(start);
		free(oracle_sh(NULL, "mkdir -p %s", q));
		free(oracle_write(start, "build", "sources: main.c\n"));
		free(oracle_write(start, "main.c", "int main(void) { return 0; }\n"));
		char *ed = test_fmt("%s/lessons/exercises/%s", dd, names[i]);
		free(oracle_write(ed, "exercise.md", mds[i]));
		free(ed);
		free(q);
		free(start);
	}
	return dd;
}

static const char md_ok[] = "---\n"
			    "name: %s\n"
			    "stage: %s          # a comment\n"
			    "topic: t\n"
			    "summary: the #include line, kept\n"
			    "order: %d\n"
			    "wrong: exits 1\n"
			    "---\n"
			    "# Title\n"
			    "\n"
			    "Goal text.\n"
			    "\n"
			    "```check\n"
			    "compiles\n"
			    "# a comment\n"
			    "exits dynamic 0\n"
			    "```\n"
			    "\n"
			    "More goal.\n"
			    "\n"
			    "## Hints\n"
			    "\n"
			    "- first\n"
			    "  and more of it\n"
			    "- second\n";

START_TEST(test_load_order_and_find)
{
	const char *names[] = { "b-link", "a-pre", "c-pre" };
	char *mds[3] = { test_fmt(md_ok, "b-link", "link", 5),
			 test_fmt(md_ok, "a-pre", "preprocess", 20),
			 test_fmt(md_ok, "c-pre", "preprocess", 10) };
	char *dd = test_datadir_with(3, names, (const char *const *)mds);
	struct exercise *all;
	size_t n;
	char err[400];
	ck_assert_msg(exercise_load_all(dd, &all, &n, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(n, 3);
	/* by stage, then order */
	ck_assert_str_eq(all[0].name, "c-pre");
	ck_assert_str_eq(all[1].name, "a-pre");
	ck_assert_str_eq(all[2].name, "b-link");
	ck_assert_int_eq(all[2].number, 3);
	ck_assert_str_eq(all[0].stage, "preprocess");
	ck_assert_str_eq(all[0].summary, "the #include line, kept");
	ck_assert_str_eq(all[0].wrong, "exits 1");
	ck_assert_uint_eq(all[0].n_conds, 2);
	ck_assert_int_eq(all[0].conds[1].line, 16);
	ck_assert_uint_eq(all[0].n_hints, 2);
	ck_assert_str_eq(all[0].hints[0], "first and more of it");
	ck_assert_str_eq(all[0].hints[1], "second");
	ck_assert_ptr_nonnull(strstr(all[0].goal, "Goal text."));
	ck_assert_ptr_nonnull(strstr(all[0].goal, "More goal."));
	ck_assert_ptr_null(strstr(all[0].goal, "```"));
	ck_assert_ptr_null(strstr(all[0].goal, "first"));
	ck_assert_ptr_eq(exercise_find(all, n, "2"), &all[1]);
	exercise_free_all(all, n);
	/* a stage's topics stay together, in the order of their first exercise */
	const char *names4[] = { "p1", "p2", "p3", "p4" };
	const char *topics[] = { "u", "v", "u", "v" };
	const int orders[] = { 10, 20, 30, 5 };
	char *mds4[4];
	for (int i = 0; i < 4; i++) {
		char *t = test_fmt(md_ok, names4[i], "compile", orders[i]);
		char *at = strstr(t, "topic: t\n");
		at[7] = topics[i][0];
		mds4[i] = t;
	}
	char *dd4 = test_datadir_with(4, names4, (const char *const *)mds4);
	ck_assert_msg(exercise_load_all(dd4, &all, &n, err, sizeof err) == 0, "%s", err);
	/* by order: p4 (v) 5, p1 (u) 10, p2 (v) 20, p3 (u) 30; v comes first */
	ck_assert_str_eq(all[0].name, "p4");
	ck_assert_str_eq(all[1].name, "p2");
	ck_assert_str_eq(all[2].name, "p1");
	ck_assert_str_eq(all[3].name, "p3");
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(all[i].number, i + 1);
		free(mds4[i]);
	}
	free(dd4);
	exercise_free_all(all, n);
	ck_assert_msg(exercise_load_all(dd, &all, &n, err, sizeof err) == 0, "%s", err);
	ck_assert_ptr_eq(exercise_find(all, n, "b-link"), &all[2]);
	ck_assert_ptr_null(exercise_find(all, n, "4"));
	ck_assert_ptr_null(exercise_find(all, n, "0"));
	ck_assert_ptr_null(exercise_find(all, n, "nope"));
	exercise_free_all(all, n);
	for (int i = 0; i < 3; i++)
		free(mds[i]);
	free(dd);
}
END_TEST

/* A bad exercise.md is refused with its path and line. */
START_TEST(test_load_errors)
{
	static const struct {
		const char *md;
		const char *where; /* after the path: ":LINE:" or ":" */
	} bad[] = {
		{ "---\nname: x\nstage: link\ncolour: red\n---\n```check\ncompiles\n```\n", ":4:" },
		{ "---\nname: y\n---\n", ":" },
		{ "---\nname: x\nstage: link\ntopic: t\nsummary: s\norder: 1\n---\n```check\n"
		  "compiles\nexits dynamic\n```\n", ":10:" },
		{ "---\nname: x\nstage: linking\ntopic: t\nsummary: s\norder: 1\n---\n```check\n"
		  "compiles\n```\n", ":" },
		{ "---\nname: x\nstage: link\ntopic: t\nsummary: s\norder: one\n---\n", ":6:" },
		{ "---\nname: x\nstage: link\ntopic: t\nsummary: s\norder: 1\n---\nno check\n",
		  ":" },
		{ "---\nname: x\nstage: link\ntopic: t\nsummary: s\norder: 1\n---\n```check\n"
		  "compiles\n```\n```check\ncompiles\n```\n", ":11:" },
		{ "title first\n---\n", ":1:" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *names[] = { "x" };
		const char *mds[] = { bad[i].md };
		char *dd = test_datadir_with(1, names, mds);
		struct exercise *all;
		size_t n;
		char err[400];
		ck_assert_int_eq(exercise_load_all(dd, &all, &n, err, sizeof err), -1);
		char *want = test_fmt("%s/lessons/exercises/x/exercise.md%s", dd, bad[i].where);
		ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "case %zu: %s", i, err);
		free(want);
		free(dd);
	}
}
END_TEST

/* ---- set-up ---- */

/* The names and contents of the files in dir, as ls and cat show them. */
static char *test_listing(const char *dir)
{
	char *q = oracle_quote(dir);
	char *out = oracle_sh(NULL, "cd %s && ls -la --time-style=full-iso . && cat -- *", q);
	free(q);
	return out;
}

START_TEST(test_setup)
{
	const char *names[] = { "x" };
	char *md = test_fmt(md_ok, "x", "link", 1);
	const char *mds[] = { md };
	char *dd = test_datadir_with(1, names, mds);
	struct exercise *all;
	size_t n;
	char err[400];
	ck_assert_msg(exercise_load_all(dd, &all, &n, err, sizeof err) == 0, "%s", err);
	/* a new directory (and its parents) with the starting files */
	char *top = test_mkdtemp("setup");
	char *dir = test_fmt("%s/new/a/b", top);
	free(top);
	ck_assert_int_eq(exercise_setup(&all[0], dir, err, sizeof err), 1);
	char *qd = oracle_quote(dir), *qs = oracle_quote(all[0].data_dir);
	int st;
	free(oracle_sh(&st, "diff -r %s/start %s", qs, qd));
	ck_assert_int_eq(st, 0);
	/* again: it exists, with the files; nothing is written, not even the learner's edit
	 * undone */
	free(oracle_write(dir, "main.c", "int main(void) { return 1; }\n"));
	free(oracle_write(dir, "notes.txt", "mine\n"));
	char *before = test_listing(dir);
	ck_assert_int_eq(exercise_setup(&all[0], dir, err, sizeof err), 0);
	char *after = test_listing(dir);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* a directory that exists without the starting files: refused, untouched */
	char *other = test_mkdtemp("other");
	free(oracle_write(other, "thesis.tex", "\\documentclass{article}\n"));
	before = test_listing(other);
	ck_assert_int_eq(exercise_setup(&all[0], other, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, other));
	after = test_listing(other);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* a file where the directory should be */
	char *file = oracle_write(other, "plain", "x\n");
	ck_assert_int_eq(exercise_setup(&all[0], file, err, sizeof err), -1);
	free(file);
	free(other);
	free(qd);
	free(qs);
	free(dir);
	exercise_free_all(all, n);
	free(md);
	free(dd);
}
END_TEST

/* ---- the conditions on a real walk ---- */

static struct walk *rw;
static struct exercise_prep rp;
static char *rw_dir, *rw_ex;  /* the walk directory, the exercise directory */

static const char rw_main[] =
	"#include <math.h>\n"
	"#include <stdio.h>\n"
	"#include <stdlib.h>\n"
	"int red(void);\n"
	"int greet(void);\n"
	"int util_fn(void);\n"
	"static int helper(int x) { return x + MARK; }\n"
	"const int table[3] = { 1, 2, 3 };\n"
	"int counter = 5;\n"
	"__attribute__((weak)) void maybe(void);\n"
	"int main(void)\n"
	"{\n"
	"\tint unused;\n"
	"\tvolatile double v = 8.0;\n"
	"\tprintf(\"cbrt %g red %d greet %d util %d helper %d\\n\", cbrt(v), red(), greet(),\n"
	"\t       util_fn(), helper(table[counter - 4]));\n"
	"\tif (maybe)\n"
	"\t\tmaybe();\n"
	"\tconst char *e = getenv(\"EXTRA\");\n"
	"\tif (e)\n"
	"\t\tprintf(\"extra=%s\\n\", e);\n"
	"\treturn 7;\n"
	"}\n";

static void rw_setup(void)
{
	rw_ex = test_mkdtemp("ex");
	rw_dir = test_mkdtemp("walk");
	free(oracle_write(rw_ex, "main.c", rw_main));
	free(oracle_write(rw_ex, "util.c", "int util_fn(void) { return 3; }\n"));
	free(oracle_write(rw_ex, "red.c", "int red(void) { return 1; }\n"));
	free(oracle_write(rw_ex, "greet.c", "int greet(void) { return 2; }\n"));
	free(oracle_write(rw_ex, "build",
			  "sources: main.c util.c\n"
			  "cflags: -std=gnu11 -Wall -DMARK=1\n"
			  "link: -L. -lred -lgreet -lm \"-Wl,-rpath,$ORIGIN\" -Wl,-z,now -rdynamic\n"
			  "archive: libred.a red.c\n"
			  "shared: libgreet.so greet.c -fvisibility=default\n"));
	char err[400];
	if (exercise_prepare(NULL, rw_ex, rw_dir, &rp, err, sizeof err) < 0) {
		fprintf(stderr, "check_exercise: exercise_prepare: %s\n", err);
		abort();
	}
	rp.opts.no_clang = 1;
	rw = walk_new(rp.src, &rp.opts, rw_dir, err, sizeof err);
	if (!rw) {
		fprintf(stderr, "check_exercise: walk_new: %s\n", err);
		abort();
	}
	walk_run(rw);
}

static void rw_teardown(void)
{
	walk_free(rw);
	exercise_prepared_free(&rp);
	free(rw_dir);
	free(rw_ex);
}

/* Decide the one condition line on the walk: held or not, and its line in *said. */
static int decide(const char *line, char **said)
{
	struct exercise e = { .name = "t", .n_conds = 1 };
	struct exercise_cond c;
	char err[300];
	ck_assert_msg(exercise_cond_parse(line, "t.md", 1, &c, err, sizeof err) == 0, "%s", err);
	e.conds = &c;
	struct exercise_verdict v;
	exercise_check(&e, rw, &v);
	ck_assert_uint_eq(v.n_lines, 1);
	int held = v.held[0];
	ck_assert_int_eq(v.status, held ? EXERCISE_DONE : EXERCISE_NOT_YET);
	ck_assert_str_eq(v.why, v.lines[0]);
	if (said)
		*said = strdup(v.lines[0]);
	exercise_verdict_free(&v);
	exercise_cond_free(&c);
	return held;
}

/* A shell command in the walk directory: its stdout; *st its status. */
static char *in_walk(int *st, const char *cmd)
{
	char *q = oracle_quote(rw_dir);
	char *out = oracle_sh(st, "cd %s && %s", q, cmd);
	free(q);
	return out;
}

/* The build steps ran in the walk directory, as the learner would run them there; the
 * compile flags reached every compile. */
START_TEST(test_prepared_steps_and_flags)
{
	ck_assert_ptr_null(rp.step_error);
	ck_assert_uint_eq(rp.n_steps, 3); /* gcc -c red.c, ar, gcc -shared */
	int st;
	free(in_walk(&st, "ar t libred.a | grep -qx red.o && test -f libgreet.so"));
	ck_assert_int_eq(st, 0);
	/* -DMARK=1 reached the stages, the -g compile, the other source and the library */
	const struct proc_result *rs[] = { &rw->stage[0].proc, &rw->stage[1].proc,
					   &rw->stage[2].proc, &rw->gline.proc,
					   &rw->extra[0].cc.proc, &rp.steps[0], &rp.steps[2] };
	for (size_t i = 0; i < sizeof rs / sizeof *rs; i++) {
		int found = 0;
		for (size_t k = 0; rs[i]->argv && rs[i]->argv[k]; k++)
			found |= strcmp(rs[i]->argv[k], "-DMARK=1") == 0;
		ck_assert_msg(found, "command %zu has no -DMARK=1", i);
	}
	ck_assert_int_eq(walk_state(&rw->stage[STAGE_ASSEMBLE]), RUN_OK);
	/* the library build of the other source, and musl's build from the source, where it
	 * ran */
	ck_assert_int_eq(walk_state(&rw->lib_run) == RUN_SKIPPED, 0);
	ck_assert_uint_ge(rw->lib.n_objs, 1);
	const struct proc_result *more[] = { &rw->lib.objs[0].cc,
					     &rw->variant[LINK_MUSL].link.proc };
	for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
		if (!more[i]->argv)
			continue; /* musl-gcc is not installed */
		int found = 0;
		for (size_t k = 0; more[i]->argv[k]; k++)
			found |= strcmp(more[i]->argv[k], "-DMARK=1") == 0;
		ck_assert_msg(found, "the %s command has no -DMARK=1", i ? "musl" : "library");
	}
}
END_TEST

/* Every symbol nm lists in main.o, as nm says it is bound; and the opposite state does not
 * hold, with a line naming the fact. */
START_TEST(test_symbols_against_nm)
{
	int st;
	char *nm = in_walk(&st, "nm main.o");
	ck_assert_int_eq(st, 0);
	int checked = 0;
	for (char *line = strtok(nm, "\n"); line; line = strtok(NULL, "\n")) {
		char type, name[200];
		if (sscanf(line + 16, " %c %199s", &type, name) != 2 &&
		    sscanf(line, " %c %199s", &type, name) != 2)
			continue;
		const char *state = type == 'U' ? "undefined" :
				    type == 'w' || type == 'W' || type == 'v' || type == 'V' ? "weak" :
				    type >= 'a' && type <= 'z' ? "local" : "global";
		const char *other = strcmp(state, "global") == 0 ? "local" : "global";
		char *c1 = test_fmt("symbol main.o %s %s", name, state);
		char *c2 = test_fmt("symbol main.o %s %s", name, other);
		char *said = NULL;
		ck_assert_msg(decide(c1, &said), "%s: %s", c1, said);
		free(said);
		ck_assert_msg(!decide(c2, &said), "%s held", c2);
		ck_assert_ptr_nonnull(strstr(said, name));
		free(said);
		free(c1);
		free(c2);
		checked++;
	}
	ck_assert_int_ge(checked, 8);
	free(nm);
	/* a name nm does not list is absent */
	ck_assert(decide("symbol main.o no_such_symbol absent", NULL));
	ck_assert(!decide("symbol main.o no_such_symbol defined", NULL));
	/* util.o is the other source's object */
	char *unm = in_walk(&st, "nm util.o | grep -c ' T util_fn$'");
	ck_assert_int_eq(atoi(unm), 1);
	free(unm);
	ck_assert(decide("symbol util.o util_fn global", NULL));
	ck_assert(!decide("symbol nothere.o util_fn global", NULL));
}
END_TEST

/* The section of table and counter, as objdump -t says it. */
START_TEST(test_symbol_sections_against_objdump)
{
	const char *names[] = { "table", "counter", "main", "helper" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *cmd = test_fmt("objdump -t main.o | awk '$NF == \"%s\" { print $(NF-2) }'",
				     names[i]);
		int st;
		char *sec = in_walk(&st, cmd);
		sec[strcspn(sec, "\n")] = '\0';
		ck_assert_msg(*sec, "objdump -t shows no %s", names[i]);
		char *good = test_fmt("symbol main.o %s defined in %s", names[i], sec);
		char *bad = test_fmt("symbol main.o %s defined in .nosuchsection", names[i]);
		ck_assert_msg(decide(good, NULL), "%s", good);
		char *said;
		ck_assert(!decide(bad, &said));
		ck_assert_msg(strstr(said, sec), "%s does not name %s", said, sec);
		free(said);
		free(good);
		free(bad);
		free(sec);
		free(cmd);
	}
}
END_TEST

/* NEEDED, RUNPATH, BIND_NOW, the ELF type and the exports, as readelf and nm -D say. */
START_TEST(test_dynamic_facts_against_readelf)
{
	int st;
	char *d = in_walk(&st, "readelf -dW main");
	ck_assert_int_eq(st, 0);
	int needed = 0;
	for (char *p = d; (p = strstr(p, "Shared library: [")); needed++) {
		p += strlen("Shared library: [");
		char *lib = strndup(p, strcspn(p, "]"));
		char *c = test_fmt("needed dynamic %s", lib);
		char *nc = test_fmt("not-needed dynamic %s", lib);
		ck_assert_msg(decide(c, NULL), "%s", c);
		ck_assert(!decide(nc, NULL));
		free(c);
		free(nc);
		free(lib);
	}
	ck_assert_int_ge(needed, 3); /* libgreet, libm, libc at least */
	if (!strstr(d, "[libz.so.1]")) {
		ck_assert(decide("not-needed dynamic libz.so.1", NULL));
		ck_assert(!decide("needed dynamic libz.so.1", NULL));
	}
	char *rp_at = strstr(d, "(RUNPATH)");
	if (!rp_at)
		rp_at = strstr(d, "(RPATH)");
	ck_assert_ptr_nonnull(rp_at);
	char *br = strchr(rp_at, '[');
	char *val = strndup(br + 1, strcspn(br + 1, "]"));
	char *c = test_fmt("runpath dynamic \"%s\"", val);
	ck_assert_msg(decide(c, NULL), "%s", c);
	ck_assert(!decide("runpath dynamic \"/nowhere/at/all\"", NULL));
	free(c);
	free(val);
	int now = strstr(d, "BIND_NOW") != NULL || strstr(d, " NOW") != NULL;
	ck_assert_int_eq(decide("bind-now dynamic", NULL), now);
	free(d);
	char *h = in_walk(&st, "readelf -hW main | awk '/Type:/ { print $2 }'");
	h[strcspn(h, "\n")] = '\0';
	char *et = test_fmt("elf-type dynamic %s", h);
	char *other = test_fmt("elf-type dynamic %s", strcmp(h, "DYN") == 0 ? "EXEC" : "DYN");
	ck_assert_msg(decide(et, NULL), "%s", et);
	ck_assert(!decide(other, NULL));
	free(et);
	free(other);
	free(h);
	char *ds = in_walk(&st, "nm -D --defined-only main | grep -c ' T main$'");
	ck_assert_int_eq(decide("exported dynamic main", NULL), atoi(ds) > 0);
	free(ds);
	char *du = in_walk(&st, "nm -D main | grep -c ' U puts$\\| U printf$'");
	if (atoi(du) > 0)
		ck_assert(!decide("exported dynamic printf", NULL) ||
			  !decide("exported dynamic puts", NULL));
	free(du);
	ck_assert(!decide("exported dynamic no_such_symbol", NULL));
}
END_TEST

/* The run: its status and output as the shell sees them, the environment of prints-with. */
START_TEST(test_runs_against_the_shell)
{
	int st;
	char *out = in_walk(&st, "./main </dev/null");
	char *c = test_fmt("exits dynamic %d", st);
	char *nc = test_fmt("exits dynamic %d", (st + 1) % 256);
	ck_assert_msg(decide(c, NULL), "%s", c);
	char *said;
	ck_assert(!decide(nc, &said));
	char *ended = test_fmt("exit %d", st);
	ck_assert_msg(strstr(said, ended), "%s", said);
	free(said);
	free(ended);
	free(c);
	free(nc);
	out[strcspn(out, "\n")] = '\0';
	c = test_fmt("prints dynamic \"%s\"", out);
	ck_assert_msg(decide(c, NULL), "%s", c);
	free(c);
	ck_assert(!decide("prints dynamic \"extra=hello\"", &said));
	ck_assert_msg(strstr(said, out), "%s does not quote %s", said, out);
	free(said);
	char *wout = in_walk(&st, "EXTRA=hello ./main </dev/null | grep -c '^extra=hello$'");
	ck_assert_int_eq(decide("prints-with dynamic EXTRA=hello \"extra=hello\"", NULL),
			 atoi(wout) == 1);
	ck_assert_int_eq(atoi(wout), 1);
	free(wout);
	free(out);
}
END_TEST

/* The links: the default links as gcc links it by hand; -static finds no libgreet.a. */
START_TEST(test_links_against_gcc)
{
	int st;
	char *cmd = test_fmt("gcc main.o util.o -o by-hand -L. -lred -lgreet -lm "
			     "'-Wl,-rpath,$ORIGIN' -Wl,-z,now -rdynamic 2>&1");
	char *o = in_walk(&st, cmd);
	ck_assert_int_eq(decide("links dynamic", NULL), st == 0);
	ck_assert_int_eq(decide("link-quiet dynamic", NULL), st == 0 && !*o);
	free(o);
	free(cmd);
	o = in_walk(&st, "gcc -static main.o util.o -o by-hand-static -L. -lred -lgreet -lm 2>&1");
	char *said;
	int held = decide("links static", &said);
	ck_assert_int_eq(held, st == 0);
	if (st != 0) /* the linker's own words, not the walk's guess */
		ck_assert_msg(strstr(said, "lgreet") || strstr(said, "greet"), "%s / %s", said, o);
	free(said);
	free(o);
	/* gcc's diagnostics: -Wall warns of the unused variable, by its option's name */
	char *q = oracle_quote(rw_ex);
	o = oracle_sh(&st, "cd %s && gcc -std=gnu11 -Wall -DMARK=1 -c main.c -o /dev/null 2>&1", q);
	free(q);
	ck_assert_ptr_nonnull(strstr(o, "[-Wunused-variable]"));
	ck_assert(!decide("no-warning", &said));
	ck_assert_msg(strstr(said, "unused"), "%s", said);
	free(said);
	ck_assert(!decide("no-warning -Wunused-variable", NULL));
	ck_assert(decide("no-warning -Wimplicit-function-declaration", NULL));
	ck_assert(decide("compiles", NULL));
	free(o);
	/* a dynamic program has no loader in an empty root */
	if (rw->variant[LINK_DYNAMIC].empty_root_ran)
		ck_assert(!decide("empty-root dynamic exits 7", NULL));
}
END_TEST

/* A source that does not compile is a result: "compiles" does not hold, and says gcc's first
 * error as gcc says it, without the directory. */
START_TEST(test_broken_source)
{
	char *ex = test_mkdtemp("broken"), *wd = test_mkdtemp("bwalk");
	free(oracle_write(ex, "main.c", "int main(void)\n{\n\treturn nope;\n}\n"));
	free(oracle_write(ex, "build", "cflags: -std=c11\n"));
	struct exercise_prep p;
	char err[400];
	ck_assert_msg(exercise_prepare(NULL, ex, wd, &p, err, sizeof err) == 0, "%s", err);
	p.opts.no_clang = 1;
	struct walk *w = walk_new(p.src, &p.opts, wd, err, sizeof err);
	ck_assert_ptr_nonnull(w);
	walk_run(w);
	struct exercise e = { .name = "b", .n_conds = 2 };
	struct exercise_cond c[2];
	ck_assert_int_eq(exercise_cond_parse("compiles", "t", 1, &c[0], err, sizeof err), 0);
	ck_assert_int_eq(exercise_cond_parse("exits dynamic 0", "t", 2, &c[1], err, sizeof err), 0);
	e.conds = c;
	struct exercise_verdict v;
	exercise_check(&e, w, &v);
	ck_assert_int_eq(v.status, EXERCISE_NOT_YET);
	char *q = oracle_quote(ex);
	int st;
	char *gcc = oracle_sh(&st, "cd %s && gcc -std=c11 -c main.c -o /dev/null 2>&1 | "
			      "grep -m1 'error:'", q);
	gcc[strcspn(gcc, "\n")] = '\0';
	ck_assert_msg(*gcc && strstr(v.why, gcc), "%s does not hold %s", v.why, gcc);
	ck_assert_ptr_null(strstr(v.why, ex));
	/* the run's condition says the same cause */
	ck_assert_ptr_nonnull(strstr(v.lines[1], gcc));
	exercise_verdict_free(&v);
	exercise_cond_free(&c[0]);
	exercise_cond_free(&c[1]);
	walk_free(w);
	exercise_prepared_free(&p);
	free(gcc);
	free(q);
	/* a library source that does not compile: the step says so, with its build line */
	free(oracle_write(ex, "build", "sources: main.c\n\narchive: libx.a x.c\n"));
	free(oracle_write(ex, "x.c", "int x(void) { return }\n"));
	char *wd2 = test_mkdtemp("bwalk");
	ck_assert_int_eq(exercise_prepare(NULL, ex, wd2, &p, err, sizeof err), 0);
	ck_assert_ptr_nonnull(p.step_error);
	ck_assert_msg(strstr(p.step_error, "build:3:") && strstr(p.step_error, "error:"), "%s",
		      p.step_error);
	e.n_conds = 0;
	exercise_check_prepared(&e, &p, NULL, &v);
	ck_assert_int_eq(v.status, EXERCISE_NOT_YET);
	ck_assert_str_eq(v.why, p.step_error);
	exercise_verdict_free(&v);
	exercise_prepared_free(&p);
	/* a bad build file: exercise_prepare refuses it, naming the line */
	free(oracle_write(ex, "build", "sources: main.c\nlinks: -lm\n"));
	ck_assert_int_eq(exercise_prepare(NULL, ex, wd2, &p, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "build:2:"), "%s", err);
	free(wd2);
	free(ex);
	free(wd);
}
END_TEST

/* Prepared again in the same walk directory (watch mode), an archive holds what the build
 * file says now, as ar t lists it, not what an earlier walk put in it. */
START_TEST(test_prepare_again)
{
	char *ex = test_mkdtemp("again"), *wd = test_mkdtemp("awalk");
	free(oracle_write(ex, "main.c", "int main(void) { return 0; }\n"));
	free(oracle_write(ex, "red.c", "int red(void) { return 1; }\n"));
	free(oracle_write(ex, "blue.c", "int blue(void) { return 2; }\n"));
	free(oracle_write(ex, "build", "archive: libc1.a red.c blue.c\n"));
	struct exercise_prep p;
	char err[400];
	ck_assert_msg(exercise_prepare(NULL, ex, wd, &p, err, sizeof err) == 0, "%s", err);
	ck_assert_ptr_null(p.step_error);
	exercise_prepared_free(&p);
	char *q = oracle_quote(wd);
	int st;
	char *t = oracle_sh(&st, "cd %s && ar t libc1.a | sort | tr '\\n' ' '", q);
	ck_assert_str_eq(t, "blue.o red.o ");
	free(t);
	free(oracle_write(ex, "build", "archive: libc1.a blue.c\n"));
	ck_assert_msg(exercise_prepare(NULL, ex, wd, &p, err, sizeof err) == 0, "%s", err);
	exercise_prepared_free(&p);
	t = oracle_sh(&st, "cd %s && ar t libc1.a | tr '\\n' ' '", q);
	ck_assert_str_eq(t, "blue.o ");
	free(t);
	free(q);
	free(ex);
	free(wd);
}
END_TEST

static Suite *exercise_suite(void)
{
	Suite *s = suite_create("exercise");
	TCase *tp = tcase_create("parse");
	tcase_set_timeout(tp, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_test(tp, test_words);
	tcase_add_test(tp, test_build_parse);
	tcase_add_test(tp, test_build_errors);
	tcase_add_test(tp, test_cond_parse);
	tcase_add_test(tp, test_load_order_and_find);
	tcase_add_test(tp, test_load_errors);
	tcase_add_test(tp, test_setup);
	suite_add_tcase(s, tp);
	TCase *tw = tcase_create("walk");
	tcase_set_timeout(tw, 0);
	tcase_add_unchecked_fixture(tw, rw_setup, rw_teardown);
	tcase_add_test(tw, test_prepared_steps_and_flags);
	tcase_add_test(tw, test_symbols_against_nm);
	tcase_add_test(tw, test_symbol_sections_against_objdump);
	tcase_add_test(tw, test_dynamic_facts_against_readelf);
	tcase_add_test(tw, test_runs_against_the_shell);
	tcase_add_test(tw, test_links_against_gcc);
	tcase_add_test(tw, test_broken_source);
	tcase_add_test(tw, test_prepare_again);
	suite_add_tcase(s, tw);
	return s;
}

int main(void)
{
	static const char *const tools[] = { "gcc", "ar", "nm", "readelf", "objdump", "diff" };
	for (size_t i = 0; i < sizeof tools / sizeof *tools; i++) {
		int st;
		char *cmd = oracle_quote(tools[i]);
		free(oracle_sh(&st, "command -v %s >/dev/null 2>&1", cmd));
		free(cmd);
		if (st != 0) {
			fprintf(stderr, "check_exercise: skipped: %s is not installed\n", tools[i]);
			return 77;
		}
	}
	oracle_scratch(); /* made here, so the forked tests share it and it goes at exit */
	SRunner *sr = srunner_create(exercise_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
