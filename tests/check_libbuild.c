/* check_libbuild: the other sources built into a static archive and a shared object, and the
 * program linked against each, on real runs. Every expectation comes from the toolchain and
 * binutils run independently (ar, nm, readelf, ldd, the program itself from a shell: see
 * tests/oracle.c), never from a typed value. Skips (77) when one of those tools is missing. */
#include "config.h"

#include <check.h>
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/libbuild.h"
#include "stages/resolve.h"
#include "tests/oracle.h"

static struct libbuild multi;
static int multi_rc;
static char *multi_dir;

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

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

/* A fresh walk directory holding main.o, compiled from samples/multi/main.c by hand. */
static char *test_walk_dir(void)
{
	char *dir = test_fmt("%s/walk.XXXXXX", oracle_scratch());
	if (!mkdtemp(dir))
		abort();
	char *src = test_fmt("%s/samples/multi/main.c", test_datadir());
	char *qs = oracle_quote(src), *qd = oracle_quote(dir);
	int st;
	char *out = oracle_sh(&st, "gcc -c %s -o %s/main.o 2>&1", qs, qd);
	if (st != 0) {
		fprintf(stderr, "check_libbuild: gcc -c main.c failed: %s\n", out);
		abort();
	}
	free(out);
	free(qs);
	free(qd);
	free(src);
	return dir;
}

/* Build the library from the n sources in dir (main.o is there already). */
static int test_build(struct libbuild *lb, const char *dir, const char *const *srcs, size_t n,
		      char *const *link_args, size_t n_link_args)
{
	char *main_obj = test_fmt("%s/main.o", dir);
	struct libbuild_opts o = { .dir = dir, .main_obj = main_obj, .srcs = srcs, .n_srcs = n,
				   .link_args = link_args, .n_link_args = n_link_args };
	int rc = libbuild_run(lb, &o);
	free(main_obj);
	return rc;
}

static void multi_setup(void)
{
	multi_dir = test_walk_dir();
	char *util = test_fmt("%s/samples/multi/util.c", test_datadir());
	char *abs = realpath(util, NULL);
	if (!abs)
		abort();
	const char *srcs[] = { abs };
	multi_rc = test_build(&multi, multi_dir, srcs, 1, NULL, 0);
	free(abs);
	free(util);
}

static void multi_teardown(void)
{
	libbuild_free(&multi);
	free(multi_dir);
}

/* Run the printf-formatted shell command line in directory dir; its stdout (caller frees),
 * *status its exit status when status is not NULL. */
static char *in_dir(const char *dir, int *status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static char *in_dir(const char *dir, int *status, const char *fmt, ...)
{
	va_list ap;
	char *cmd = NULL;
	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);
	char *q = oracle_quote(dir);
	char *out = oracle_sh(status, "cd %s && %s", q, cmd);
	free(q);
	free(cmd);
	return out;
}

/* The line of text that starts (after blanks) with word followed by " =>"; a copy or NULL. */
static char *test_ldd_line(const char *text, const char *word)
{
	for (const char *line = text; *line;) {
		const char *t = line + strspn(line, " \t");
		size_t n = strcspn(t, "\n");
		size_t w = strlen(word);
		if (strncmp(t, word, w) == 0 && strncmp(t + w, " =>", 3) == 0)
			return strndup(t, n);
		line = t + n + (t[n] == '\n');
	}
	return NULL;
}

/* Where ldd's text says name is: its path, "" for not found, NULL when it is not listed. */
static char *test_ldd_path(const char *text, const char *name)
{
	struct resolve_libs l;
	ck_assert_int_eq(resolve_parse_ldd(text, &l), 0);
	char *path = NULL;
	for (size_t i = 0; i < l.n && !path; i++)
		if (!l.libs[i].loader && strcmp(l.libs[i].name, name) == 0)
			path = strdup(l.libs[i].path ? l.libs[i].path : "");
	resolve_libs_free(&l);
	return path;
}

/* readelf -d's NEEDED names for the program, one per line. */
static char *test_needed(const char *dir, const char *prog)
{
	return in_dir(dir, NULL, "readelf -dW %s | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]$/\\1/p'",
		      prog);
}

static char *test_join_needed(const struct elfinfo *e)
{
	size_t len = 1;
	for (size_t i = 0; i < e->n_needed; i++)
		len += strlen(e->needed[i]) + 1;
	char *s = calloc(1, len);
	for (size_t i = 0; i < e->n_needed; i++) {
		strcat(s, e->needed[i]);
		strcat(s, "\n");
	}
	return s;
}

/* nm's type letter for name in file ("U", "T", "B"...), "" when nm does not list it. */
static char *test_nm_type(const char *dir, const char *file, const char *name)
{
	char *out = in_dir(dir, NULL, "nm %s | awk '$NF == \"%s\" { print $(NF - 1); exit }' | "
			   "tr -d '\\n'", file, name);
	return out;
}

START_TEST(test_everything_linked)
{
	ck_assert_msg(multi_rc == 0, "libbuild_run: %s", multi.error);
	ck_assert_str_eq(multi.libname, "util");
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		const struct libbuild_prog *p = &multi.prog[k];
		ck_assert_msg(p->linked, "%s: %s", p->name, p->link.err);
		char *path = test_fmt("%s/%s", multi_dir, p->name);
		struct stat st;
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_int_eq(st.st_size, p->size);
		free(path);
	}
}
END_TEST

/* ar t is the witness: the archive holds the objects compiled for it. */
START_TEST(test_archive_holds_the_objects)
{
	char *members = in_dir(multi_dir, NULL, "ar t %s", multi.archive);
	char *want = calloc(1, 4096);
	for (size_t i = 0; i < multi.n_objs; i++) {
		strcat(want, strrchr(multi.objs[i].obj, '/') + 1);
		strcat(want, "\n");
	}
	ck_assert_str_eq(members, want);
	ck_assert_ptr_nonnull(strstr(members, "util.o"));
	free(members);
	free(want);
	struct stat st;
	char *path = test_fmt("%s/%s", multi_dir, multi.archive);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, multi.archive_size);
	free(path);
}
END_TEST

/* The library's symbols are what nm says util.o defines. */
START_TEST(test_library_symbols_are_nms)
{
	char *nm = in_dir(multi_dir, NULL, "nm -g --defined-only %s | awk '{ print $3 }' | sort",
			  multi.objs[0].obj);
	ck_assert_uint_eq(oracle_lines(nm), multi.n_syms);
	for (size_t i = 0; i < multi.n_syms; i++) {
		char *line = test_fmt("%s\n", multi.syms[i].name);
		ck_assert_msg(strstr(nm, line), "%s not in nm's list", multi.syms[i].name);
		free(line);
		ck_assert_str_eq(multi.syms[i].obj, "util.o");
	}
	free(nm);
}
END_TEST

START_TEST(test_archive_program_holds_the_functions)
{
	const struct libbuild_prog *p = &multi.prog[LIBBUILD_ARCHIVE];
	ck_assert_ptr_nonnull(p->fates);
	for (size_t i = 0; i < multi.n_syms; i++) {
		char *type = test_nm_type(multi_dir, p->name, multi.syms[i].name);
		ck_assert_msg(type[0] && strcmp(type, "U") != 0, "nm: %s is %s in %s",
			      multi.syms[i].name, type, p->name);
		ck_assert_int_eq(p->fates[i].place, LIBBUILD_COPIED);
		free(type);
	}
	char *needed = test_needed(multi_dir, p->name);
	ck_assert_ptr_null(strstr(needed, "libutil"));
	char *mine = test_join_needed(&p->elf);
	ck_assert_str_eq(mine, needed);
	free(mine);
	free(needed);
	ck_assert_ptr_null(p->runpath);
	ck_assert_ptr_null(p->rpath);
	/* ld's map names the member it took */
	ck_assert(p->map_ok);
	int took = 0;
	for (size_t i = 0; i < p->map.n_members; i++)
		took |= strcmp(p->map.members[i].archive, multi.archive) == 0 &&
			strcmp(p->map.members[i].member, "util.o") == 0;
	ck_assert(took);
}
END_TEST

START_TEST(test_shared_program_needs_the_library)
{
	const struct libbuild_prog *p = &multi.prog[LIBBUILD_SHARED];
	char *needed = test_needed(multi_dir, p->name);
	ck_assert_ptr_nonnull(strstr(needed, "libutil.so\n"));
	char *mine = test_join_needed(&p->elf);
	ck_assert_str_eq(mine, needed);
	free(mine);
	free(needed);
	char *dyn = in_dir(multi_dir, NULL, "readelf -dW %s | grep -c -E '\\((RPATH|RUNPATH)\\)'",
			   p->name);
	ck_assert_str_eq(dyn, "0\n");
	free(dyn);
	ck_assert_ptr_null(p->runpath);
	ck_assert_ptr_null(p->rpath);
	size_t undefined = 0;
	for (size_t i = 0; i < multi.n_syms; i++) {
		const char *name = multi.syms[i].name;
		char *type = test_nm_type(multi_dir, p->name, name);
		char *copy = in_dir(multi_dir, NULL, "readelf -rW %s | awk '$3 ~ /_COPY$/ && "
				    "$5 == \"%s\"' | wc -l | tr -d ' \\n'", p->name, name);
		enum libbuild_place want = !type[0]		  ? LIBBUILD_ABSENT :
					   strcmp(type, "U") == 0 ? LIBBUILD_UNDEFINED :
					   strcmp(copy, "0") != 0 ? LIBBUILD_COPY_RELOC :
								    LIBBUILD_COPIED;
		ck_assert_msg(p->fates[i].place == want, "%s: %s, nm says %s, %s copy relocs", name,
			      libbuild_place_name(p->fates[i].place), type, copy);
		if (multi.syms[i].type == STT_FUNC && want != LIBBUILD_ABSENT) {
			ck_assert_int_eq(want, LIBBUILD_UNDEFINED);
			undefined++;
		}
		free(type);
		free(copy);
	}
	ck_assert_uint_gt(undefined, 0);
}
END_TEST

START_TEST(test_ldd_does_not_find_the_library)
{
	const struct libbuild_prog *p = &multi.prog[LIBBUILD_SHARED];
	char *ldd = in_dir(multi_dir, NULL, "env -u LD_LIBRARY_PATH ldd ./%s", p->name);
	char *want = test_ldd_line(ldd, "libutil.so");
	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(strstr(want, "not found"));
	char *got = test_ldd_line(p->load[0].ldd.out, "libutil.so");
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	ck_assert_ptr_null(p->load[0].ld_library_path);
	/* the loader's own trace agrees: searched, tried, not found */
	const struct libbuild_lookup *l = libbuild_lookup(&multi, &p->load[0]);
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_null(l->path);
	ck_assert_int_eq(l->via, LIBBUILD_VIA_NONE);
	ck_assert_uint_gt(l->n_tried, 0);
	free(ldd);
	free(want);
	free(got);
}
END_TEST

START_TEST(test_run_fails_as_by_hand)
{
	const struct libbuild_prog *p = &multi.prog[LIBBUILD_SHARED];
	int st;
	char *err = in_dir(multi_dir, &st, "env -u LD_LIBRARY_PATH ./%s </dev/null 2>&1 >/dev/null",
			   p->name);
	const struct proc_result *r = &p->load[0].run;
	ck_assert_int_eq(r->kind, PROC_EXITED);
	ck_assert_int_eq(r->exit_code, st);
	ck_assert_int_ne(st, 0);
	ck_assert_str_eq(r->err, err);
	ck_assert_ptr_nonnull(strstr(err, "libutil.so"));
	ck_assert_ptr_nonnull(strstr(err, "error while loading shared libraries"));
	free(err);
}
END_TEST

START_TEST(test_ld_library_path_finds_it)
{
	const struct libbuild_prog *p = &multi.prog[LIBBUILD_SHARED];
	const struct libbuild_prog *a = &multi.prog[LIBBUILD_ARCHIVE];
	ck_assert_uint_eq(p->n_load, 2);
	const struct libbuild_load *l = &p->load[1];
	ck_assert_str_eq(l->ld_library_path, multi.libdir);
	char *ql = oracle_quote(multi.libdir);
	int st;
	char *out = in_dir(multi_dir, &st, "LD_LIBRARY_PATH=%s ./%s </dev/null", ql, p->name);
	ck_assert_int_eq(st, 0);
	ck_assert(proc_ok(&l->run));
	ck_assert_str_eq(l->run.out, out);
	ck_assert(proc_ok(&a->load[0].run));
	ck_assert_str_eq(l->run.out, a->load[0].run.out);
	char *ldd = in_dir(multi_dir, NULL, "LD_LIBRARY_PATH=%s ldd ./%s", ql, p->name);
	char *want = test_ldd_path(ldd, "libutil.so");
	char *got = test_ldd_path(l->ldd.out, "libutil.so");
	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_ne(want, "");
	ck_assert_str_eq(got, want);
	const struct libbuild_lookup *k = libbuild_lookup(&multi, l);
	ck_assert_ptr_nonnull(k);
	ck_assert_ptr_nonnull(k->path);
	ck_assert_int_eq(k->via, LIBBUILD_VIA_LD_LIBRARY_PATH);
	char *rw = realpath(want, NULL), *rk = realpath(k->path, NULL);
	ck_assert_ptr_nonnull(rw);
	ck_assert_ptr_nonnull(rk);
	ck_assert_str_eq(rk, rw);
	free(rw);
	free(rk);
	free(ql);
	free(out);
	free(ldd);
	free(want);
	free(got);
}
END_TEST

START_TEST(test_rpath_program_runs_alone)
{
	const struct libbuild_prog *p = &multi.prog[LIBBUILD_RPATH];
	char *runpath = in_dir(multi_dir, NULL, "readelf -dW %s | sed -n "
			       "'s/.*(RUNPATH).*\\[\\(.*\\)\\]$/\\1/p' | tr -d '\\n'", p->name);
	char *rpath = in_dir(multi_dir, NULL, "readelf -dW %s | sed -n "
			     "'s/.*(RPATH).*\\[\\(.*\\)\\]$/\\1/p' | tr -d '\\n'", p->name);
	ck_assert_msg(runpath[0] || rpath[0], "readelf shows no run-time path");
	if (runpath[0])
		ck_assert_str_eq(p->runpath, runpath);
	else
		ck_assert_ptr_null(p->runpath);
	if (rpath[0])
		ck_assert_str_eq(p->rpath, rpath);
	else
		ck_assert_ptr_null(p->rpath);
	ck_assert_uint_eq(p->n_load, 1);
	int st;
	char *out = in_dir(multi_dir, &st, "env -u LD_LIBRARY_PATH ./%s </dev/null", p->name);
	ck_assert_int_eq(st, 0);
	ck_assert(proc_ok(&p->load[0].run));
	ck_assert_str_eq(p->load[0].run.out, out);
	ck_assert_str_eq(p->load[0].run.out, multi.prog[LIBBUILD_ARCHIVE].load[0].run.out);
	const struct libbuild_lookup *k = libbuild_lookup(&multi, &p->load[0]);
	ck_assert_ptr_nonnull(k);
	ck_assert_ptr_nonnull(k->path);
	ck_assert_int_eq(k->via, runpath[0] ? LIBBUILD_VIA_RUNPATH : LIBBUILD_VIA_RPATH);
	char *ldd = in_dir(multi_dir, NULL, "env -u LD_LIBRARY_PATH ldd ./%s", p->name);
	char *want = test_ldd_path(ldd, "libutil.so");
	ck_assert_ptr_nonnull(want);
	ck_assert_str_ne(want, "");
	char *rw = realpath(want, NULL), *rk = realpath(k->path, NULL);
	ck_assert_str_eq(rk, rw);
	free(rw);
	free(rk);
	free(ldd);
	free(want);
	free(out);
	free(runpath);
	free(rpath);
}
END_TEST

/* Every step's argv, run again by hand in a copy of the directory, makes the same file. */
START_TEST(test_argv_is_what_ran)
{
	const struct libbuild_prog *p = &multi.prog[_i];
	char *line = proc_argv_string(p->link.argv);
	char *copy = test_fmt("%s.again", multi_dir);
	char *qc = oracle_quote(copy), *qd = oracle_quote(multi_dir);
	int st;
	free(oracle_sh(&st, "rm -rf %s && cp -a %s %s && cd %s && rm -f %s && %s", qc, qd, qc, qc,
		       p->name, line));
	ck_assert_int_eq(st, 0);
	char *cmp = oracle_sh(&st, "cmp %s/%s %s/%s", qd, p->name, qc, p->name);
	ck_assert_msg(st == 0, "%s: %s", line, cmp);
	free(oracle_sh(NULL, "rm -rf %s", qc));
	free(cmp);
	free(line);
	free(copy);
	free(qc);
	free(qd);
}
END_TEST

/* The explanations carry the facts the tools print. */
START_TEST(test_explanations_tell_the_facts)
{
	static char buf[16384];
	const char *a = libbuild_explain(&multi, LIBBUILD_ARCHIVE, buf, sizeof buf);
	char *members = in_dir(multi_dir, NULL, "ar t %s | tr -d '\\n'", multi.archive);
	ck_assert_ptr_nonnull(strstr(a, members));
	ck_assert_ptr_nonnull(strstr(a, multi.archive));
	ck_assert_ptr_null(strstr(a, "has a NEEDED entry"));
	free(members);

	const char *s = libbuild_explain(&multi, LIBBUILD_SHARED, buf, sizeof buf);
	char *ldd = in_dir(multi_dir, NULL, "env -u LD_LIBRARY_PATH ldd ./prog-shared");
	char *line = test_ldd_line(ldd, "libutil.so");
	ck_assert_ptr_nonnull(strstr(s, line));
	char *err = in_dir(multi_dir, NULL, "env -u LD_LIBRARY_PATH ./prog-shared </dev/null "
			   "2>&1 >/dev/null | head -n 1 | tr -d '\\n'");
	ck_assert_ptr_nonnull(strstr(s, err));
	ck_assert_ptr_nonnull(strstr(s, multi.libdir));
	ck_assert_ptr_nonnull(strstr(s, "NEEDED entry for libutil.so"));
	free(ldd);
	free(line);
	free(err);

	const char *r = libbuild_explain(&multi, LIBBUILD_RPATH, buf, sizeof buf);
	char *runpath = in_dir(multi_dir, NULL, "readelf -dW prog-rpath | sed -n "
			       "'s/.*(\\(RUNPATH\\|RPATH\\)).*\\[\\(.*\\)\\]$/DT_\\1 \"\\2\"/p' | "
			       "head -n 1 | tr -d '\\n'");
	ck_assert_msg(strstr(r, runpath), "%s not in: %s", runpath, r);
	ck_assert_uint_lt(strlen(r) + 1, sizeof buf);
	free(runpath);

	/* a small buffer is cut, not overrun */
	char small[16];
	libbuild_explain(&multi, LIBBUILD_SHARED, small, sizeof small);
	ck_assert_uint_eq(strlen(small), sizeof small - 1);
}
END_TEST

START_TEST(test_a_broken_source_is_a_result)
{
	char *dir = test_walk_dir();
	char *src = oracle_write(oracle_scratch(), "broken.c", "int broken(void)\n{\n\treturn 0\n}\n");
	const char *srcs[] = { src };
	struct libbuild lb;
	ck_assert_int_eq(test_build(&lb, dir, srcs, 1, NULL, 0), -1);
	ck_assert_ptr_nonnull(strstr(lb.error, src));
	const struct proc_result *cc = &lb.objs[0].cc;
	ck_assert_ptr_nonnull(cc->argv);
	char *qs = oracle_quote(src);
	int st;
	char *err = in_dir(dir, &st, "gcc -c -fPIC %s -o /dev/null 2>&1", qs);
	ck_assert_int_ne(st, 0);
	ck_assert_int_eq(cc->kind, PROC_EXITED);
	ck_assert_int_eq(cc->exit_code, st);
	ck_assert_str_eq(cc->err, err);
	ck_assert_ptr_null(lb.ar.argv);
	ck_assert_ptr_null(lb.so.argv);
	static char buf[1024];
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		ck_assert(!lb.prog[k].linked);
		ck_assert_ptr_null(lb.prog[k].link.argv);
		libbuild_explain(&lb, (enum libbuild_kind)k, buf, sizeof buf);
		ck_assert_ptr_nonnull(strstr(buf, lb.error));
	}
	libbuild_free(&lb);
	free(qs);
	free(err);
	free(src);
	free(dir);
}
END_TEST

/* A library that does not define what main.o needs: the links fail, as they do by hand. */
START_TEST(test_a_failing_link_is_a_result)
{
	char *dir = test_walk_dir();
	char *src = oracle_write(oracle_scratch(), "empty.c", "int unrelated;\n");
	const char *srcs[] = { src };
	struct libbuild lb;
	ck_assert_int_eq(test_build(&lb, dir, srcs, 1, NULL, 0), -1);
	ck_assert(proc_ok(&lb.ar));
	ck_assert(proc_ok(&lb.so));
	int st;
	free(in_dir(dir, &st, "gcc main.o %s -o by-hand 2>/dev/null", lb.archive));
	ck_assert_int_ne(st, 0);
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		ck_assert_ptr_nonnull(lb.prog[k].link.argv);
		ck_assert(!lb.prog[k].linked);
		ck_assert_int_eq(lb.prog[k].link.exit_code, st);
		ck_assert_int_eq(lb.prog[k].n_load, 0);
	}
	ck_assert_ptr_nonnull(strstr(lb.error, "prog-archive"));
	libbuild_free(&lb);
	free(src);
	free(dir);
}
END_TEST

/* Two other sources, one of which main.o never uses: ld leaves that member in the archive,
 * while the shared library holds both. */
START_TEST(test_an_unused_member_stays_in_the_archive)
{
	char *dir = test_walk_dir();
	char *util = test_fmt("%s/samples/multi/util.c", test_datadir());
	char *abs = realpath(util, NULL);
	char *other = oracle_write(oracle_scratch(), "other.c", "int other_fn(void)\n{\n"
				   "\treturn 7;\n}\n");
	const char *srcs[] = { abs, other };
	char *args[] = { "-lm" };
	struct libbuild lb;
	ck_assert_msg(test_build(&lb, dir, srcs, 2, args, 1) == 0, "%s", lb.error);
	char *members = in_dir(dir, NULL, "ar t %s", lb.archive);
	ck_assert_ptr_nonnull(strstr(members, "other.o\n"));
	const struct libbuild_prog *a = &lb.prog[LIBBUILD_ARCHIVE];
	char *in_prog = test_nm_type(dir, a->name, "other_fn");
	char *in_so = in_dir(dir, NULL, "nm -D --defined-only %s | awk '$3 == \"other_fn\"' | "
			     "wc -l | tr -d ' \\n'", lb.shared);
	ck_assert_str_eq(in_so, "1");
	int found = 0;
	for (size_t i = 0; i < lb.n_syms; i++) {
		if (strcmp(lb.syms[i].name, "other_fn") != 0)
			continue;
		found = 1;
		ck_assert_str_eq(lb.syms[i].obj, "other.o");
		ck_assert_int_eq(a->fates[i].place, in_prog[0] ? LIBBUILD_COPIED : LIBBUILD_ABSENT);
		ck_assert_int_eq(lb.prog[LIBBUILD_SHARED].fates[i].place,
				 in_prog[0] ? LIBBUILD_COPIED : LIBBUILD_ABSENT);
	}
	ck_assert(found);
	static char buf[8192];
	libbuild_explain(&lb, LIBBUILD_ARCHIVE, buf, sizeof buf);
	if (!in_prog[0])
		ck_assert_ptr_nonnull(strstr(buf, "other.o stayed in the archive"));
	/* -lm went to every link: the programs link and run as before */
	ck_assert(proc_ok(&lb.prog[LIBBUILD_RPATH].load[0].run));
	libbuild_free(&lb);
	free(members);
	free(in_prog);
	free(in_so);
	free(other);
	free(abs);
	free(util);
	free(dir);
}
END_TEST

/* The caller's LD_LIBRARY_PATH does not reach the runs that are to go without it: pointed at
 * the fixture's library, it would let this build's prog-shared start. */
START_TEST(test_callers_ld_library_path_is_dropped)
{
	const char *old = getenv("LD_LIBRARY_PATH");
	char *saved = old ? strdup(old) : NULL;
	ck_assert_int_eq(setenv("LD_LIBRARY_PATH", multi.libdir, 1), 0);
	char *dir = test_walk_dir();
	char *util = test_fmt("%s/samples/multi/util.c", test_datadir());
	char *abs = realpath(util, NULL);
	const char *srcs[] = { abs };
	struct libbuild lb;
	ck_assert_msg(test_build(&lb, dir, srcs, 1, NULL, 0) == 0, "%s", lb.error);
	/* with the variable set as the caller has it, the program starts */
	int st;
	free(in_dir(dir, &st, "./prog-shared </dev/null >/dev/null 2>&1"));
	ck_assert_int_eq(st, 0);
	const struct libbuild_prog *p = &lb.prog[LIBBUILD_SHARED];
	ck_assert(!proc_ok(&p->load[0].run));
	char *line = test_ldd_line(p->load[0].ldd.out, "libutil.so");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(line, "not found"));
	free(line);
	ck_assert(proc_ok(&p->load[1].run));
	if (saved)
		setenv("LD_LIBRARY_PATH", saved, 1);
	else
		unsetenv("LD_LIBRARY_PATH");
	libbuild_free(&lb);
	free(saved);
	free(abs);
	free(util);
	free(dir);
}
END_TEST

START_TEST(test_bad_options_are_refused)
{
	struct libbuild lb;
	const char *srcs[] = { "util.c" };
	struct libbuild_opts o = { .dir = "relative", .main_obj = "/x/main.o", .srcs = srcs,
				   .n_srcs = 1 };
	ck_assert_int_eq(libbuild_run(&lb, &o), -1);
	ck_assert_str_ne(lb.error, "");
	libbuild_free(&lb);
	o.dir = oracle_scratch();
	ck_assert_int_eq(libbuild_run(&lb, &o), -1);
	ck_assert_ptr_nonnull(strstr(lb.error, "util.c"));
	libbuild_free(&lb);
	ck_assert_int_eq(libbuild_run(&lb, NULL), -1);
	libbuild_free(&lb);
}
END_TEST

START_TEST(test_names)
{
	char *n = libbuild_name("/a/util.c", NULL, 0);
	ck_assert_str_eq(n, "util");
	free(n);
	char *m[] = { "-lm" };
	n = libbuild_name("/a/m.c", m, 1);
	ck_assert_str_eq(n, "mym");
	free(n);
	n = libbuild_name("/a/c.c", NULL, 0);
	ck_assert_str_eq(n, "myc");
	free(n);
	n = libbuild_name("/a/-my lib.c", NULL, 0);
	ck_assert_str_eq(n, "_-my_lib");
	free(n);
	for (int k = 0; k < LIBBUILD_COUNT; k++)
		ck_assert_str_ne(libbuild_kind_name((enum libbuild_kind)k), "?");
	for (int v = 0; v < LIBBUILD_VIA_COUNT; v++)
		ck_assert_str_ne(libbuild_via_name((enum libbuild_via)v), "?");
}
END_TEST

/* The trace parser on text the loader could print, cut short or malformed: no crash. */
START_TEST(test_trace_parser_takes_any_text)
{
	const char *texts[] = { "", "\n\n", "   12:\tfind library=", "12:\tfind library=x [0]",
				"1:\t search path=\t\t(RUNPATH from file ", "1:\t  trying file=\n",
				"x:\tfind library=a\n", "1:\t search path=a\t\t()\n" };
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct libbuild_lookup *l;
		size_t n;
		ck_assert_int_eq(libbuild_parse_trace(texts[i], texts[i], &l, &n), 0);
		libbuild_lookups_free(l, n);
	}
	/* the real thing, from the fixture: one lookup per library the loader searched for */
	const struct libbuild_load *ld = &multi.prog[LIBBUILD_SHARED].load[0];
	ck_assert_ptr_nonnull(ld->trace.argv);
	char *q = oracle_quote(ld->trace.err);
	char *finds = oracle_sh(NULL, "printf '%%s' %s | grep -c 'find library='", q);
	free(q);
	ck_assert_uint_eq(ld->n_lookups, strtoul(finds, NULL, 10));
	free(finds);
}
END_TEST

static Suite *libbuild_suite(void)
{
	Suite *s = suite_create("libbuild");
	TCase *tc = tcase_create("multi");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_unchecked_fixture(tc, multi_setup, multi_teardown);
	tcase_add_test(tc, test_everything_linked);
	tcase_add_test(tc, test_archive_holds_the_objects);
	tcase_add_test(tc, test_library_symbols_are_nms);
	tcase_add_test(tc, test_archive_program_holds_the_functions);
	tcase_add_test(tc, test_shared_program_needs_the_library);
	tcase_add_test(tc, test_ldd_does_not_find_the_library);
	tcase_add_test(tc, test_run_fails_as_by_hand);
	tcase_add_test(tc, test_ld_library_path_finds_it);
	tcase_add_test(tc, test_rpath_program_runs_alone);
	tcase_add_loop_test(tc, test_argv_is_what_ran, 0, LIBBUILD_COUNT);
	tcase_add_test(tc, test_explanations_tell_the_facts);
	tcase_add_test(tc, test_trace_parser_takes_any_text);
	tcase_add_test(tc, test_callers_ld_library_path_is_dropped);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("errors");
	tcase_set_timeout(te, 0);
	tcase_add_test(te, test_a_broken_source_is_a_result);
	tcase_add_test(te, test_a_failing_link_is_a_result);
	tcase_add_test(te, test_an_unused_member_stays_in_the_archive);
	tcase_add_test(te, test_bad_options_are_refused);
	tcase_add_test(te, test_names);
	suite_add_tcase(s, te);
	return s;
}

int main(void)
{
	static const char *const tools[] = { "gcc", "ar", "nm", "readelf", "ldd" };
	for (size_t i = 0; i < sizeof tools / sizeof *tools; i++) {
		int st;
		char *cmd = oracle_quote(tools[i]);
		free(oracle_sh(&st, "command -v %s >/dev/null 2>&1", cmd));
		free(cmd);
		if (st != 0) {
			fprintf(stderr, "check_libbuild: skipped: %s is not installed\n", tools[i]);
			return 77;
		}
	}
	oracle_scratch(); /* made here, so the forked tests share it and it goes at exit */
	SRunner *sr = srunner_create(libbuild_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
