/* check_ldtrace: the loader at work (stages/ldtrace.h), for each program a real walk of
 * samples/hello.c linked, checked against the same program run by hand with the same
 * LD_DEBUG (the libraries, the bound symbols and when, the loader's counts), readelf -rW (the
 * RELATIVE and IRELATIVE counts) and readelf -lW/-SW (no INTERP, no DYNAMIC, no .dynamic in a
 * static program); and for a program linked against a library of its directory, found
 * through its RUNPATH ($ORIGIN) or through LD_LIBRARY_PATH, the files the loader tried.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "stages/ldtrace.h"
#include "stages/walk.h"
#include "tests/oracle.h"

#define TEST_TRACE "env -u LD_DEBUG_OUTPUT -u LD_BIND_NOW LD_DEBUG=libs,bindings,statistics"

static struct walk *hello;

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static void hello_setup(void)
{
	char *src = NULL, *dir = NULL;
	if (asprintf(&src, "%s/samples/hello.c", test_datadir()) < 0 ||
	    asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	struct walk_opts o = { .no_clang = 1 };
	char err[256];
	hello = walk_new(src, &o, dir, err, sizeof err);
	if (!hello) {
		fprintf(stderr, "walk_new: %s\n", err);
		abort();
	}
	walk_run(hello);
	free(src);
	free(dir);
}

static void hello_teardown(void)
{
	walk_free(hello);
}

/* Study variant k of the walk; 0 when it did not link (only musl's may not). */
static int test_study(int k, struct ldtrace *t)
{
	const struct link_variant *v = &hello->variant[k];
	if (walk_state(&v->link) != RUN_OK || !v->link.artifact) {
		ck_assert_int_eq(k, LINK_MUSL);
		return 0;
	}
	struct ldtrace_opts o = { .dir = hello->dir, .exe = v->link.artifact, .jail = &hello->jail,
				  .musl = k == LINK_MUSL };
	ck_assert_msg(ldtrace_study(&o, t) == 0, "%s", t->error);
	return 1;
}

static void test_sentences(const struct ldtrace *t)
{
	ck_assert_uint_gt(t->n_says, 0);
	for (size_t i = 0; i < t->n_says; i++) {
		size_t n = strlen(t->says_en[i]);
		ck_assert_msg(n > 1 && t->says_en[i][n - 1] == '.', "not a sentence: %s",
			      t->says_en[i]);
		ck_assert(*t->says[i]);
	}
}

/* The program's loader trace run by hand in dir: its standard error, the loader's lines
 * only. extra: more assignments for env ("LD_BIND_NOW=1"), or "". */
static char *test_by_hand(const char *dir, const char *exe, const char *extra)
{
	char *qd = oracle_quote(dir), *qe = oracle_quote(exe);
	char *out = oracle_sh(NULL, "cd %s && " TEST_TRACE " %s ./%s </dev/null 2>&1 >/dev/null | "
			      "grep -E '^ *[0-9]+:'", qd, extra, qe);
	free(qd);
	free(qe);
	return out;
}

/* The lines of text after the loader's prefix that start with word, one a line, sorted. */
static char *test_pick(const char *trace, const char *sed)
{
	char *f = oracle_write(oracle_scratch(), "trace", trace);
	char *out = oracle_sh(NULL, "sed -E 's/^ *[0-9]+:\t//' %s | %s | sort", f, sed);
	free(f);
	return out;
}

/* The same from the record: each binding "FROM [0] to TO [0]: SYMBOL VERSION", sorted. */
static char *test_binds(const struct ldtrace_run *r, int program_after_only)
{
	char *f = NULL;
	if (asprintf(&f, "%s/binds.XXXXXX", oracle_scratch()) < 0)
		abort();
	int fd = mkstemp(f);
	FILE *fp = fdopen(fd, "w");
	for (size_t i = 0; i < r->n_binds; i++) {
		const struct ldtrace_binding *b = &r->binds[i];
		if (program_after_only && !(b->program && b->after_start))
			continue;
		if (program_after_only)
			fprintf(fp, "%s\n", b->symbol);
		else
			fprintf(fp, "%s|%s|%s|%s\n", b->from, b->to, b->symbol,
				b->version ? b->version : "");
	}
	fclose(fp);
	char *out = oracle_sh(NULL, "sort %s", f);
	free(f);
	return out;
}

/* A run of the dynamic program agrees with the same run by hand. */
static void test_run_matches(const struct ldtrace_run *r, const char *dir, const char *exe)
{
	char *trace = test_by_hand(dir, exe, r->bind_now ? "LD_BIND_NOW=1" : "");
	ck_assert_msg(*trace, "no trace by hand");
	ck_assert_uint_gt(r->pid, 0);
	/* the libraries looked for, and the file the loader went on with */
	char *want = test_pick(trace, "sed -n -E 's/^find library=([^ ]*).*/\\1/p'");
	char *f = NULL;
	if (asprintf(&f, "%s/libs.XXXXXX", oracle_scratch()) < 0)
		abort();
	int fd = mkstemp(f);
	FILE *fp = fdopen(fd, "w");
	for (size_t i = 0; i < r->n_libs; i++)
		fprintf(fp, "%s\n", r->libs[i].name);
	fclose(fp);
	char *got = oracle_sh(NULL, "sort %s", f);
	ck_assert_msg(*want, "the trace by hand looked for no library");
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	want = test_pick(trace, "sed -n -E 's/^ *trying file=//p'");
	fp = fopen(f, "w");
	for (size_t i = 0; i < r->n_libs; i++)
		for (size_t k = 0; k < r->libs[i].n_tried; k++)
			fprintf(fp, "%s\n", r->libs[i].tried[k]);
	fclose(fp);
	got = oracle_sh(NULL, "sort %s", f);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	free(f);
	/* every binding, and which of the program's came after control was transferred */
	want = test_pick(trace, "sed -n -E \"s/^binding file (.*) \\[[0-9]+\\] to (.*) \\[[0-9]+\\]: "
			 "[a-z]+ symbol \\`([^']*)'( \\[(.*)\\])?$/\\1|\\2|\\3|\\5/p\"");
	got = test_binds(r, 0);
	ck_assert_msg(*want, "the trace by hand bound no symbol");
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	char *prog = NULL;
	if (asprintf(&prog, "./%s", exe) < 0)
		abort();
	char *qp = oracle_quote(prog), *awk = NULL;
	if (asprintf(&awk, "awk '/^transferring control:/ { on = 1 } on' | "
		     "sed -n -E \"s/^binding file (.*) \\[[0-9]+\\] to .*symbol \\`([^']*)'.*/\\1|\\2/p\" | "
		     "awk -F'|' -v p=%s '$1 == p { print $2 }'", qp) < 0)
		abort();
	want = test_pick(trace, awk);
	free(awk);
	free(qp);
	got = test_binds(r, 1);
	ck_assert_str_eq(got, want);
	if (r->bind_now)
		ck_assert_str_eq(got, ""); /* nothing of the program's is left for a call */
	free(want);
	free(got);
	free(prog);
	/* the loader's counts */
	char *picked = test_pick(trace, "sed -n -E 's/^ *(final )?number of (relative )?relocations"
				 "( from cache)?: *([0-9]+).*/\\1\\2\\3=\\4/p'");
	char *counts = NULL;
	if (asprintf(&counts, "\n%s", picked) < 0)
		abort();
	free(picked);
	char line[200];
	snprintf(line, sizeof line, "\n=%lld\n", r->st.relocs);
	ck_assert_msg(strstr(counts, line), "relocations %lld not in %s", r->st.relocs, counts);
	snprintf(line, sizeof line, "\nfinal =%lld\n", r->st.final_relocs);
	ck_assert_msg(strstr(counts, line), "final %lld not in %s", r->st.final_relocs, counts);
	snprintf(line, sizeof line, "\n from cache=%lld\n", r->st.relocs_cache);
	ck_assert_msg(strstr(counts, line), "cache %lld not in %s", r->st.relocs_cache, counts);
	snprintf(line, sizeof line, "\nfinal  from cache=%lld\n", r->st.final_cache);
	ck_assert_msg(strstr(counts, line), "final cache %lld not in %s", r->st.final_cache, counts);
	snprintf(line, sizeof line, "\nrelative =%lld\n", r->st.relative);
	ck_assert_msg(strstr(counts, line), "relative %lld not in %s", r->st.relative, counts);
	ck_assert(r->st.have_startup && r->st.have_final);
	free(counts);
	free(trace);
}

START_TEST(test_dynamic_matches_by_hand)
{
	struct ldtrace t;
	ck_assert(test_study(LINK_DYNAMIC, &t));
	const char *exe = hello->variant[LINK_DYNAMIC].link.artifact;
	ck_assert_int_eq(t.kind, LDTRACE_DYNAMIC);
	ck_assert(t.lazy_ran && t.now_ran);
	ck_assert(!t.lazy.bind_now && t.now.bind_now);
	test_run_matches(&t.lazy, hello->dir, exe);
	test_run_matches(&t.now, hello->dir, exe);
	/* the same symbols of the program are bound either way; only when differs */
	size_t lazy_prog = 0, now_prog = 0, lazy_late = 0;
	for (size_t i = 0; i < t.lazy.n_binds; i++)
		if (t.lazy.binds[i].program) {
			lazy_prog++;
			lazy_late += t.lazy.binds[i].after_start != 0;
		}
	for (size_t i = 0; i < t.now.n_binds; i++)
		now_prog += t.now.binds[i].program != 0;
	ck_assert_uint_eq(lazy_prog, now_prog);
	/* hello.c calls printf and puts from main: bound lazily without BIND_NOW */
	ck_assert_uint_gt(lazy_late, 0);
	ck_assert_int_lt(t.lazy.st.relocs, t.now.st.relocs);
	/* the lazy bindings come on top of the startup's count; with BIND_NOW nothing does */
	ck_assert_int_ge(t.lazy.st.final_relocs - t.lazy.st.relocs, (long long)lazy_late);
	ck_assert_int_eq(t.now.st.final_relocs, t.now.st.relocs);
	/* the interpreter, as readelf names it */
	char *q = oracle_quote(hello->dir), *qe = oracle_quote(exe);
	char *interp = oracle_sh(NULL, "readelf -lW %s/%s | sed -n 's/.*Requesting program "
				 "interpreter: \\(.*\\)]/\\1/p'", q, qe);
	char *want = NULL;
	if (asprintf(&want, "%s\n", t.interp) < 0)
		abort();
	ck_assert_str_eq(interp, want);
	/* the program's run itself is untouched: its output is the walk's */
	ck_assert_str_eq(t.lazy.proc.out, hello->variant[LINK_DYNAMIC].run.out);
	ck_assert_str_eq(t.lazy.own_err ? t.lazy.own_err : "", hello->variant[LINK_DYNAMIC].run.err);
	test_sentences(&t);
	free(interp);
	free(want);
	free(q);
	free(qe);
	ldtrace_free(&t);
}
END_TEST

/* RELATIVE and IRELATIVE counts as readelf -rW counts them, for every variant; for the static
 * ones, no INTERP, no DYNAMIC (static-pie: a DYNAMIC) and an empty trace, by hand too. */
START_TEST(test_counts_match_readelf)
{
	struct ldtrace t;
	if (!test_study(_i, &t))
		return;
	const char *exe = hello->variant[_i].link.artifact;
	char *path = walk_path(hello, exe), *q = oracle_quote(path);
	char *rel = oracle_sh(NULL, "readelf -rW %s | awk '$3 == \"R_X86_64_RELATIVE\"' | wc -l", q);
	char *irel = oracle_sh(NULL, "readelf -rW %s | awk '$3 == \"R_X86_64_IRELATIVE\"' | wc -l",
			       q);
	ck_assert_uint_eq(strtoul(rel, NULL, 10), t.n_relative);
	ck_assert_uint_eq(strtoul(irel, NULL, 10), t.n_irelative);
	char *interp = oracle_sh(NULL, "readelf -lW %s | grep -c '^ *INTERP '", q);
	char *dyn = oracle_sh(NULL, "readelf -lW %s | grep -c '^ *DYNAMIC '", q);
	char *sec = oracle_sh(NULL, "readelf -SW %s | grep -c ' \\.dynamic '", q);
	ck_assert_int_eq(atoi(interp), t.has_interp);
	ck_assert_int_eq(atoi(dyn), t.has_pt_dynamic);
	ck_assert_int_eq(atoi(sec), t.has_dynamic_section);
	switch (_i) {
	case LINK_DYNAMIC:
		ck_assert_int_eq(t.kind, LDTRACE_DYNAMIC);
		break;
	case LINK_STATIC:
		ck_assert_int_eq(t.kind, LDTRACE_STATIC);
		ck_assert(!t.has_interp && !t.has_pt_dynamic && !t.has_dynamic_section);
		break;
	case LINK_STATIC_PIE:
		ck_assert_int_eq(t.kind, LDTRACE_STATIC_PIE);
		ck_assert(!t.has_interp && t.has_pt_dynamic);
		ck_assert_uint_gt(t.n_relative, 0);
		break;
	case LINK_MUSL:
		ck_assert_int_eq(t.kind, LDTRACE_MUSL_STATIC);
		ck_assert(!t.has_interp);
		break;
	}
	if (_i != LINK_DYNAMIC) {
		/* LD_DEBUG has no effect: no loader line, here and by hand */
		ck_assert(t.lazy_ran && !t.now_ran);
		ck_assert_int_eq(t.lazy.pid, 0);
		ck_assert_uint_eq(t.lazy.n_trace_lines + t.lazy.n_other_lines, 0);
		char *trace = test_by_hand(hello->dir, exe, "");
		ck_assert_str_eq(trace, "");
		free(trace);
		ck_assert_str_eq(t.lazy.proc.out, hello->variant[_i].run.out);
	}
	test_sentences(&t);
	free(rel);
	free(irel);
	free(interp);
	free(dyn);
	free(sec);
	free(q);
	free(path);
	ldtrace_free(&t);
}
END_TEST

/* A program linked against libtrace.so of its own directory: found through its RUNPATH
 * ($ORIGIN), or, linked without it, through LD_LIBRARY_PATH. */
static void test_library(int runpath)
{
	const char *dir = oracle_scratch();
	char *sub = NULL;
	if (asprintf(&sub, "%s/lib%d", dir, runpath) < 0)
		abort();
	char *qs = oracle_quote(sub);
	char *f1 = NULL;
	int st = 0;
	char *out = oracle_sh(&st, "mkdir -p %s && cd %s && "
			      "printf 'int twice(int n) { return 2 * n; }\\n' >lt.c && "
			      "printf '#include <stdio.h>\\nint twice(int);\\n"
			      "int main(void) { printf(\"%%%%d\\\\n\", twice(21)); return 0; }\\n' >main.c && "
			      "gcc -shared -fPIC lt.c -o libtrace.so && "
			      "gcc main.c -L. -ltrace %s -o prog 2>&1",
			      qs, qs, runpath ? "-Wl,-rpath,'$ORIGIN'" : "");
	ck_assert_msg(st == 0, "could not build the library: %s", out);
	free(out);
	if (!runpath)
		setenv("LD_LIBRARY_PATH", sub, 1);
	struct ldtrace t;
	struct ldtrace_opts o = { .dir = sub, .exe = "prog", .jail = &hello->jail };
	ck_assert_msg(ldtrace_study(&o, &t) == 0, "%s", t.error);
	test_run_matches(&t.lazy, sub, "prog");
	if (!runpath)
		unsetenv("LD_LIBRARY_PATH");
	const struct ldtrace_lib *l = NULL;
	for (size_t i = 0; i < t.lazy.n_libs; i++)
		if (!strcmp(t.lazy.libs[i].name, "libtrace.so"))
			l = &t.lazy.libs[i];
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->found_via, runpath ? LDTRACE_VIA_RUNPATH : LDTRACE_VIA_LD_LIBRARY_PATH);
	if (asprintf(&f1, "%s/libtrace.so", sub) < 0)
		abort();
	ck_assert_str_eq(l->found, f1);
	ck_assert_str_eq(t.lazy.proc.out, "42\n");
	/* the sentence names the way and the file */
	int named = 0;
	for (size_t i = 0; i < t.n_says; i++)
		named |= strstr(t.says_en[i], runpath ? "RUNPATH" : "LD_LIBRARY_PATH") &&
			 strstr(t.says_en[i], f1);
	ck_assert(named);
	test_sentences(&t);
	ldtrace_free(&t);
	free(f1);
	free(qs);
	free(sub);
}

START_TEST(test_runpath)
{
	test_library(1);
}
END_TEST

START_TEST(test_ld_library_path)
{
	test_library(0);
}
END_TEST

/* A program that writes on its standard error between its calls, run with an argument and a
 * standard input: each binding's place among its own stderr lines is the place it has in the
 * same run by hand; with LD_BIND_NOW=1 every binding comes before the first line. */
START_TEST(test_order_among_own_stderr)
{
	const char *dir = oracle_scratch();
	char *sub = NULL;
	if (asprintf(&sub, "%s/order", dir) < 0)
		abort();
	char *qs = oracle_quote(sub);
	int st = 0;
	if (mkdir(sub, 0700) != 0)
		abort();
	free(oracle_write(sub, "in.txt", "a line\n"));
	free(oracle_write(sub, "order.c",
			  "#include <stdio.h>\n"
			  "int main(int argc, char **argv)\n"
			  "{\n"
			  "\tchar l[64];\n"
			  "\tfputs(\"first\\n\", stderr);\n"
			  "\tif (!fgets(l, sizeof l, stdin))\n"
			  "\t\treturn 1;\n"
			  "\tfprintf(stderr, \"%d %s\\n\", argc, argv[1]);\n"
			  "\tprintf(\"%s\", l);\n"
			  "\treturn 0;\n"
			  "}\n"));
	char *out = oracle_sh(&st, "cd %s && gcc order.c -o order 2>&1", qs);
	ck_assert_msg(st == 0, "%s", out);
	free(out);
	char *in = NULL;
	if (asprintf(&in, "%s/in.txt", sub) < 0)
		abort();
	char *args[] = { "two words", NULL };
	struct ldtrace t;
	struct ldtrace_opts o = { .dir = sub, .exe = "order", .args = args, .stdin_path = in,
				  .jail = &hello->jail };
	ck_assert_msg(ldtrace_study(&o, &t) == 0, "%s", t.error);
	ck_assert_str_eq(t.lazy.proc.out, "a line\n");
	ck_assert_str_eq(t.lazy.own_err, "first\n2 two words\n");
	ck_assert_uint_eq(t.lazy.n_own_err_lines, 2);
	char said[200];
	snprintf(said, sizeof said, "The program wrote %zu lines on standard error",
		 t.lazy.n_own_err_lines);
	int found = 0;
	for (size_t i = 0; i < t.n_says; i++)
		found |= strstr(t.says_en[i], said) != NULL;
	ck_assert_msg(found, "no sentence says: %s", said);
	for (int k = 0; k < 2; k++) {
		const struct ldtrace_run *r = k ? &t.now : &t.lazy;
		/* each binding of ./order, and how many of its own lines came before */
		char *prog = oracle_write(dir, "order.awk",
					  "!/^ *[0-9]+:\\t/ { n++ }\n"
					  "/binding file \\.\\/order / {\n"
					  "\ts = $0; sub(/.*symbol `/, \"\", s); sub(/'.*/, \"\", s)\n"
					  "\tprint s, n + 0\n"
					  "}\n");
		char *qprog = oracle_quote(prog);
		char *want = oracle_sh(NULL, "cd %s && " TEST_TRACE " %s ./order 'two words' <in.txt "
				       "2>&1 >/dev/null | awk -f %s | sort", qs,
				       k ? "LD_BIND_NOW=1" : "", qprog);
		free(qprog);
		free(prog);
		char got[1024] = "";
		char *f = oracle_write(dir, "order.got", "");
		FILE *fp = fopen(f, "w");
		for (size_t i = 0; i < r->n_binds; i++)
			if (r->binds[i].program)
				fprintf(fp, "%s %zu\n", r->binds[i].symbol, r->binds[i].err_lines_before);
		fclose(fp);
		char *sorted = oracle_sh(NULL, "sort %s", f);
		snprintf(got, sizeof got, "%s", sorted);
		ck_assert_msg(*want, "no binding of ./order by hand");
		ck_assert_str_eq(got, want);
		/* with LD_BIND_NOW=1, every binding before the first line; lazily, some after */
		size_t late = 0;
		for (size_t i = 0; i < r->n_binds; i++)
			late += r->binds[i].program && r->binds[i].err_lines_before > 0;
		if (k)
			ck_assert_uint_eq(late, 0);
		else
			ck_assert_uint_gt(late, 0);
		free(sorted);
		free(f);
		free(want);
	}
	ldtrace_free(&t);
	free(in);
	free(qs);
	free(sub);
}
END_TEST

/* A program that crashes in main and one killed by its time limit: each run is still
 * recorded and its trace, up to where it stopped, parsed as by hand. */
static void test_stopped(const char *name, const char *body, int timeout_ms,
			 enum proc_kind kind)
{
	const char *dir = oracle_scratch();
	char *sub = NULL, *src = NULL;
	if (asprintf(&sub, "%s/%s", dir, name) < 0 || mkdir(sub, 0700) != 0)
		abort();
	if (asprintf(&src, "#include <stdio.h>\n#include <signal.h>\n"
		     "int main(void)\n{\n\tputs(\"start\");\n\tfflush(stdout);\n%s\n\treturn 0;\n}\n",
		     body) < 0)
		abort();
	free(oracle_write(sub, "p.c", src));
	char *qs = oracle_quote(sub);
	int st = 0;
	char *out = oracle_sh(&st, "cd %s && gcc p.c -o p 2>&1", qs);
	ck_assert_msg(st == 0, "%s", out);
	struct ldtrace t;
	struct ldtrace_opts o = { .dir = sub, .exe = "p", .jail = &hello->jail,
				  .timeout_ms = timeout_ms };
	ck_assert_msg(ldtrace_study(&o, &t) == 0, "%s", t.error);
	ck_assert_int_eq(t.lazy.proc.kind, kind);
	ck_assert_int_eq(t.now.proc.kind, kind);
	ck_assert(t.lazy.started && t.now.started);
	ck_assert_str_eq(t.lazy.proc.out, "start\n");
	/* puts was bound lazily before it stopped: as by hand */
	char *want = oracle_sh(NULL, "exec 2>/dev/null; cd %s && " TEST_TRACE
			       " timeout -s KILL %d ./p </dev/null 2>&1 >/dev/null | "
			       "grep -c 'binding file \\./p .*symbol .puts.'",
			       qs, (timeout_ms + 999) / 1000);
	size_t puts_bound = 0;
	for (size_t i = 0; i < t.lazy.n_binds; i++)
		puts_bound += t.lazy.binds[i].program && !strcmp(t.lazy.binds[i].symbol, "puts") &&
			      t.lazy.binds[i].after_start;
	ck_assert_uint_eq(puts_bound, strtoul(want, NULL, 10));
	ck_assert_uint_gt(puts_bound, 0);
	test_sentences(&t);
	ldtrace_free(&t);
	free(want);
	free(out);
	free(qs);
	free(src);
	free(sub);
}

START_TEST(test_crash_in_main)
{
	test_stopped("crash", "\traise(SIGSEGV);", 5000, PROC_SIGNALED);
}
END_TEST

START_TEST(test_killed_at_time_limit)
{
	test_stopped("loop", "\tfor (;;)\n\t\t;", 1000, PROC_TIMED_OUT);
}
END_TEST

/* The parser on the real trace with a child's lines and the program's own stderr mixed in,
 * a line cut short and a NUL byte: each goes where it belongs. */
START_TEST(test_parse_mixed)
{
	const char *exe = hello->variant[LINK_DYNAMIC].link.artifact;
	char *trace = test_by_hand(hello->dir, exe, "");
	size_t n = strlen(trace);
	const char *more = "a line of the program's own\n     999999:\tfind library=libx.so [0]; "
			   "searching\n  12:";
	size_t m = strlen(more);
	char *text = malloc(n + m + 8);
	memcpy(text, trace, n);
	memcpy(text + n, more, m);
	text[n + m] = '\0';
	memcpy(text + n + m + 1, "x\n", 3); /* after a NUL byte */
	struct ldtrace_run r = { 0 };
	char *prog = NULL;
	if (asprintf(&prog, "./%s", exe) < 0)
		abort();
	ldtrace_parse(text, n + m + 3, prog, &r);
	ck_assert_uint_eq(r.n_other_lines, 1);
	ck_assert_uint_eq(r.n_trace_lines, oracle_lines(trace));
	ck_assert_ptr_nonnull(r.own_err);
	ck_assert_ptr_nonnull(strstr(r.own_err, "a line of the program's own\n"));
	ck_assert_ptr_nonnull(strstr(r.own_err, "  12:\n"));
	for (size_t i = 0; i < r.n_libs; i++)
		ck_assert_str_ne(r.libs[i].name, "libx.so");
	ldtrace_run_free(&r);
	ldtrace_parse("", 0, NULL, &r);
	ck_assert_uint_eq(r.n_trace_lines, 0);
	ldtrace_run_free(&r);
	free(prog);
	free(text);
	free(trace);
}
END_TEST

static Suite *test_suite(void)
{
	Suite *s = suite_create("ldtrace");
	TCase *tc = tcase_create("hello");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_unchecked_fixture(tc, hello_setup, hello_teardown);
	tcase_add_test(tc, test_dynamic_matches_by_hand);
	tcase_add_loop_test(tc, test_counts_match_readelf, 0, LINK_COUNT);
	tcase_add_test(tc, test_runpath);
	tcase_add_test(tc, test_ld_library_path);
	tcase_add_test(tc, test_order_among_own_stderr);
	tcase_add_test(tc, test_crash_in_main);
	tcase_add_test(tc, test_killed_at_time_limit);
	tcase_add_test(tc, test_parse_mixed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	oracle_scratch();
	SRunner *sr = srunner_create(test_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
