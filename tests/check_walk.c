/* check_walk: the stage engine on real gcc runs. Every expectation comes from running the
 * toolchain or a binutils tool independently (tests/oracle.c), never from a typed value. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/files.h"
#include "stages/tmpdir.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static struct walk *hello;
static char *hello_src;

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

/* Walk src in a new directory under the scratch directory. */
static struct walk *test_walk(const char *src, char **link_args, size_t n)
{
	char *dir = NULL;
	if (asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	struct walk_opts o = { .link_args = link_args, .n_link_args = n };
	char err[256];
	struct walk *w = walk_new(src, &o, dir, err, sizeof err);
	ck_assert_msg(w != NULL, "walk_new: %s", err);
	free(dir);
	walk_run(w);
	ck_assert(walk_is_done(w));
	return w;
}

static void hello_setup(void)
{
	if (asprintf(&hello_src, "%s/samples/hello.c", test_datadir()) < 0)
		abort();
	hello = test_walk(hello_src, NULL, 0);
}

static void hello_teardown(void)
{
	walk_free(hello);
	free(hello_src);
}

/* The path of a walk's file, quoted for sh. */
static char *test_qpath(const struct walk *w, const char *name)
{
	char *p = walk_path(w, name);
	char *q = oracle_quote(p);
	free(p);
	return q;
}

START_TEST(test_every_stage_ran_and_made_its_artifact)
{
	ck_assert(walk_run5_ready(hello));
	ck_assert_int_eq(walk_stage_state(hello, STAGE_RUN), RUN_OK);
	for (int id = 0; id < STAGE_RUN; id++) {
		const struct stage_run *s = walk_stage_run(hello, (enum stage_id)id);
		ck_assert_msg(walk_stage_state(hello, (enum stage_id)id) == RUN_OK, "%s: %s",
			      walk_stage_name((enum stage_id)id), s->proc.err);
		char *path = walk_path(hello, s->artifact);
		struct stat st;
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_int_eq(st.st_size, s->artifact_size);
		free(path);
	}
	ck_assert_int_eq(walk_state(&hello->variant[LINK_STATIC].link), RUN_OK);
}
END_TEST

START_TEST(test_preprocessed_text_is_gccs)
{
	char *q = oracle_quote(hello->src_abs);
	char *want = oracle_sh(NULL, "gcc -E %s", q);
	char *qi = test_qpath(hello, hello->stage[STAGE_PREPROCESS].artifact);
	char *got = oracle_sh(NULL, "cat %s", qi);
	ck_assert_str_eq(got, want);
	ck_assert_uint_gt(oracle_lines(got), 100); /* stdio.h was pasted in */
	free(q);
	free(qi);
	free(want);
	free(got);
}
END_TEST

START_TEST(test_assembly_is_gccs_from_the_i)
{
	char *qi = test_qpath(hello, hello->stage[STAGE_PREPROCESS].artifact);
	char *qs = test_qpath(hello, hello->stage[STAGE_COMPILE].artifact);
	char *want = oracle_sh(NULL, "gcc -S -o - %s", qi);
	char *got = oracle_sh(NULL, "cat %s", qs);
	/* the .file directive names the source either way; everything else is identical */
	ck_assert_str_eq(got, want);
	free(qi);
	free(qs);
	free(want);
	free(got);
}
END_TEST

START_TEST(test_object_sections_match_readelf)
{
	ck_assert(hello->obj_elf_ok);
	ck_assert_str_eq(elfinfo_type_name(hello->obj_elf.type), "REL");
	char *qo = test_qpath(hello, hello->stage[STAGE_ASSEMBLE].artifact);
	char *sections = oracle_sh(NULL,
		"readelf -SW %s | sed -n 's/^ *\\[ *[1-9][0-9]*\\] //p' | "
		"while read name type addr off size rest; do "
		"echo \"$name $((0x$size))\"; done", qo);
	size_t n = 0;
	for (char *line = strtok(sections, "\n"); line; line = strtok(NULL, "\n"), n++) {
		ck_assert_uint_lt(n, hello->obj_elf.n_sections);
		char want[512];
		snprintf(want, sizeof want, "%s %llu", hello->obj_elf.sections[n].name,
			 hello->obj_elf.sections[n].size);
		ck_assert_str_eq(line, want);
	}
	ck_assert_uint_eq(n, hello->obj_elf.n_sections);
	free(qo);
	free(sections);
}
END_TEST

/* Each variant's ELF type, interpreter and NEEDED entries as readelf reads them. */
START_TEST(test_variants_match_readelf)
{
	const struct link_variant *v = &hello->variant[_i];
	ck_assert_int_eq(walk_state(&v->link), RUN_OK);
	ck_assert(v->elf_ok);
	char *qx = test_qpath(hello, v->link.artifact);
	char *type = oracle_sh(NULL, "readelf -hW %s | sed -n 's/^ *Type: *\\([A-Z]*\\).*/\\1/p'", qx);
	type[strcspn(type, "\n")] = '\0';
	ck_assert_str_eq(elfinfo_type_name(v->elf.type), type);
	char *interp = oracle_sh(NULL, "readelf -lW %s | sed -n 's/.*interpreter: \\(.*\\)\\]/\\1/p'", qx);
	interp[strcspn(interp, "\n")] = '\0';
	ck_assert_str_eq(v->elf.interp ? v->elf.interp : "", interp);
	char *needed = oracle_sh(NULL, "readelf -dW %s | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p'", qx);
	size_t n = 0;
	for (char *line = strtok(needed, "\n"); line; line = strtok(NULL, "\n"), n++) {
		ck_assert_uint_lt(n, v->elf.n_needed);
		ck_assert_str_eq(v->elf.needed[n], line);
	}
	ck_assert_uint_eq(n, v->elf.n_needed);
	/* gcc's default on this machine decides PIE; readelf's DYN with an interpreter says so */
	ck_assert_int_eq(v->elf.pie, strcmp(type, "DYN") == 0);
	free(qx);
	free(type);
	free(interp);
	free(needed);
}
END_TEST

/* Strip ldd's load addresses, which change from run to run. */
static void test_strip_addresses(char *s)
{
	char *r = s, *wr = s;
	while (*r) {
		if (r[0] == ' ' && r[1] == '(' && r[2] == '0' && r[3] == 'x') {
			while (*r && *r != ')')
				r++;
			if (*r)
				r++;
			continue;
		}
		*wr++ = *r++;
	}
	*wr = '\0';
}

START_TEST(test_ldd_and_run_match_the_real_thing)
{
	const struct link_variant *v = &hello->variant[_i];
	char *dir = oracle_quote(hello->dir);
	char *exe = oracle_quote(v->link.artifact);
	int st;
	char *ldd = oracle_sh(&st, "cd %s && ldd ./%s 2>&1", dir, exe);
	char *got = NULL;
	if (asprintf(&got, "%s%s", v->ldd.out, v->ldd.err) < 0)
		abort();
	test_strip_addresses(ldd);
	test_strip_addresses(got);
	ck_assert_str_eq(got, ldd);
	ck_assert_int_eq(v->ldd.exit_code, st);
	char *run = oracle_sh(&st, "cd %s && ./%s </dev/null", dir, exe);
	ck_assert_str_eq(v->run.out, run);
	ck_assert_int_eq(v->run.kind, PROC_EXITED);
	ck_assert_int_eq(v->run.exit_code, st);
	free(dir);
	free(exe);
	free(ldd);
	free(got);
	free(run);
}
END_TEST

/* The empty-root run agrees with doing it by hand: a dynamic program cannot start without
 * its loader; a static one runs as it does at home. */
START_TEST(test_empty_root_run_matches_by_hand)
{
	const struct link_variant *v = &hello->variant[_i];
	if (walk_state(&v->link) != RUN_OK)
		return; /* musl absent: the link test says so */
	if (!v->empty_root_ran) {
		fprintf(stderr, "check_walk: empty root not tried here: %s\n", v->empty_root_note);
		return;
	}
	char *dir = oracle_quote(hello->dir), *exe = oracle_quote(v->link.artifact);
	int st;
	char *out = oracle_sh(&st, "cd %s && r=$(mktemp -d) && cp %s \"$r/\" && "
			      "(unshare -r chroot \"$r\" /%s 2>&1 || chroot \"$r\" /%s 2>&1); "
			      "e=$?; rm -rf \"$r\"; exit $e", dir, exe, v->link.artifact, v->link.artifact);
	ck_assert_int_eq(v->empty_root.kind, PROC_EXITED);
	ck_assert_int_eq(v->empty_root.exit_code, st);
	if (v->elf.interp) {
		ck_assert_int_ne(st, 0);
		ck_assert_ptr_nonnull(strstr(v->empty_root.err, "No such file or directory"));
	} else {
		ck_assert_int_eq(st, 0);
		ck_assert_str_eq(v->empty_root.out, hello->variant[LINK_DYNAMIC].run.out);
	}
	free(dir);
	free(exe);
	free(out);
}
END_TEST

START_TEST(test_syntax_error_stops_at_compile)
{
	char *src = oracle_write(oracle_scratch(), "broken.c", "int main(void)\n{\n\treturn 0\n}\n");
	char *q = oracle_quote(src);
	int e_status, s_status;
	free(oracle_sh(&e_status, "gcc -E %s -o /dev/null 2>/dev/null", q));
	char *gcc_err = oracle_sh(&s_status, "cd %s && gcc -S %s -o /dev/null 2>&1 >/dev/null",
				  oracle_scratch(), q);
	ck_assert_int_eq(e_status, 0);
	ck_assert_int_ne(s_status, 0);
	struct walk *w = test_walk(src, NULL, 0);
	ck_assert_int_eq(walk_stage_state(w, STAGE_PREPROCESS), RUN_OK);
	ck_assert_int_eq(walk_stage_state(w, STAGE_COMPILE), RUN_FAILED);
	ck_assert_int_eq(w->stage[STAGE_COMPILE].proc.exit_code, s_status);
	/* gcc's own message, as gcc prints it for the same code */
	char *want = strstr(gcc_err, "error:");
	ck_assert_ptr_nonnull(want);
	want[strcspn(want, "\n")] = '\0';
	ck_assert_ptr_nonnull(strstr(w->stage[STAGE_COMPILE].proc.err, want));
	/* gcc's diagnostics, explained once in the model: none at the preprocess, the missing
	 * ';' at the compile, placed on the line it ends (gcc names the '}' after it) */
	ck_assert(walk_diag_ready(w, STAGE_PREPROCESS));
	ck_assert_uint_eq(w->diag[STAGE_PREPROCESS].n, 0);
	ck_assert(walk_diag_ready(w, STAGE_COMPILE));
	ck_assert_uint_ge(w->diag[STAGE_COMPILE].n_errors, 1);
	ck_assert_int_eq(w->diag[STAGE_COMPILE].items[0].kind, CCDIAG_MISSING_SEMI);
	ck_assert_uint_eq(w->diag[STAGE_COMPILE].items[0].cause_line, 3);
	ck_assert_int_eq(walk_stage_state(w, STAGE_ASSEMBLE), RUN_SKIPPED);
	ck_assert_ptr_nonnull(strstr(w->stage[STAGE_ASSEMBLE].skip_reason, "compile"));
	for (int k = 0; k < LINK_COUNT; k++) {
		ck_assert_int_eq(walk_state(&w->variant[k].link), RUN_SKIPPED);
		ck_assert_ptr_nonnull(strstr(w->variant[k].link.skip_reason, "compile"));
		ck_assert_int_eq(w->variant[k].failed_at, LINK_FAILED_NOT);
	}
	walk_free(w);
	free(src);
	free(q);
	free(gcc_err);
}
END_TEST

START_TEST(test_link_error_is_a_result)
{
	char *src = oracle_write(oracle_scratch(), "nodef.c",
				 "int never_defined(void);\nint main(void)\n{\n\treturn never_defined();\n}\n");
	char *q = oracle_quote(src);
	int st;
	char *ld = oracle_sh(&st, "cd %s && gcc %s -o /dev/null 2>&1", oracle_scratch(), q);
	ck_assert_int_ne(st, 0);
	char *want = strstr(ld, "undefined reference");
	ck_assert_ptr_nonnull(want);
	want[strcspn(want, "\n")] = '\0';
	struct walk *w = test_walk(src, NULL, 0);
	ck_assert_int_eq(walk_stage_state(w, STAGE_ASSEMBLE), RUN_OK);
	ck_assert_int_eq(walk_stage_state(w, STAGE_LINK), RUN_FAILED);
	/* the messages, explained once in the model: as many undefined references as ld
	 * printed, placed (when libclang's facts are in) at the call grep finds */
	char *qld = oracle_quote(ld);
	char *refs = oracle_sh(NULL, "printf '%%s' %s | grep -c 'undefined reference to .never_defined'",
			       qld);
	free(qld);
	char *call = oracle_sh(NULL, "grep -n 'never_defined()' %s | tail -1 | cut -d: -f1", q);
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		ck_assert_int_eq(walk_state(&v->link), RUN_FAILED);
		ck_assert_ptr_nonnull(strstr(v->link.proc.err, want));
		/* the source compiled (musl's too): the linker stopped it */
		ck_assert_int_eq(v->failed_at, LINK_FAILED_AT_LINK);
		ck_assert(walk_msgs_ready(v));
		size_t undef = 0;
		for (size_t i = 0; i < v->msgs.n; i++) {
			const struct linkmsg_item *x = &v->msgs.items[i];
			if (x->kind != LINKMSG_UNDEFINED || strcmp(x->symbol, "never_defined") != 0)
				continue;
			undef++;
			if (walk_state(&w->clang) == RUN_OK) {
				ck_assert_uint_ge(x->n_where, 1);
				ck_assert_int_eq(x->where[0].line, atoi(call));
			}
		}
		if (k != LINK_MUSL)
			ck_assert_uint_eq(undef, (size_t)atoi(refs));
		else
			ck_assert_uint_ge(undef, 1);
	}
	walk_free(w);
	free(refs);
	free(call);
	free(src);
	free(q);
	free(ld);
}
END_TEST

/* files_slurp on the walk's .i: the bytes cat gives, bounded (EFBIG, or cut), and the
 * errors of a missing file and a directory; files_base names the artifacts. */
START_TEST(test_slurp_reads_what_cat_reads)
{
	char *path = walk_path(hello, hello->stage[STAGE_PREPROCESS].artifact);
	char *qp = oracle_quote(path);
	char *cat = oracle_sh(NULL, "cat %s", qp);
	char *wc = oracle_sh(NULL, "wc -c < %s", qp);
	size_t size = (size_t)atoll(wc), len = 99;
	int cut = -1;
	char *text = files_slurp(path, 0, &len, &cut);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(len, size);
	ck_assert_int_eq(cut, 0);
	ck_assert_str_eq(text, cat);
	free(text);
	errno = 0;
	ck_assert_ptr_null(files_slurp(path, size - 1, &len, NULL));
	ck_assert_int_eq(errno, EFBIG);
	ck_assert_uint_eq(len, 0);
	text = files_slurp(path, size - 1, &len, &cut);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(len, size - 1);
	ck_assert_int_eq(cut, 1);
	ck_assert(memcmp(text, cat, size - 1) == 0 && text[size - 1] == '\0');
	free(text);
	text = files_slurp(path, size, &len, &cut);
	ck_assert_uint_eq(len, size);
	ck_assert_int_eq(cut, 0);
	free(text);
	ck_assert_ptr_null(files_slurp("/nonexistent/x.i", 0, &len, NULL));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_null(files_slurp(hello->dir, 0, &len, NULL));
	ck_assert_int_eq(errno, EISDIR);
	char *base = files_base(hello_src), *want = NULL;
	if (asprintf(&want, "%s.i", base) < 0)
		abort();
	ck_assert_str_eq(want, hello->stage[STAGE_PREPROCESS].artifact);
	free(want);
	free(base);
	free(cat);
	free(wc);
	free(qp);
	free(path);
}
END_TEST

START_TEST(test_link_arguments_reach_the_linker)
{
	if (access("/usr/include/zlib.h", R_OK) != 0) {
		fprintf(stderr, "check_walk: zlib.h missing (apt-get install zlib1g-dev); not tested\n");
		return;
	}
	char *src = oracle_write(oracle_scratch(), "usez.c",
				 "#include <stdio.h>\n#include <zlib.h>\n"
				 "int main(void)\n{\n\tputs(zlibVersion());\n\treturn 0;\n}\n");
	char *args[] = { "-lz" };
	struct walk *w = test_walk(src, args, 1);
	const struct link_variant *v = &w->variant[LINK_DYNAMIC];
	ck_assert_int_eq(walk_state(&v->link), RUN_OK);
	char *qx = test_qpath(w, v->link.artifact);
	char *needed = oracle_sh(NULL, "readelf -dW %s | grep -c 'NEEDED.*libz'", qx);
	ck_assert_int_eq(atoi(needed), 1);
	int found = 0;
	for (size_t i = 0; i < v->elf.n_needed; i++)
		found += strncmp(v->elf.needed[i], "libz.so", 7) == 0;
	ck_assert_int_eq(found, 1);
	ck_assert_ptr_nonnull(strstr(v->ldd.out, "libz.so"));
	char *dir = oracle_quote(w->dir);
	char *run = oracle_sh(NULL, "cd %s && ./%s", dir, v->link.artifact);
	ck_assert_str_eq(v->run.out, run);
	walk_free(w);
	free(src);
	free(qx);
	free(needed);
	free(dir);
	free(run);
}
END_TEST

START_TEST(test_awkward_names_still_walk)
{
	static const char *names[] = { "-dash first.c", "it's here.txt", "naïve.c" };
	char *hello_q = oracle_quote(hello_src);
	char *dst = NULL;
	if (asprintf(&dst, "%s/%s", oracle_scratch(), names[_i]) < 0)
		abort();
	char *dst_q = oracle_quote(dst);
	free(oracle_sh(NULL, "cp %s %s", hello_q, dst_q));
	struct walk *w = test_walk(dst, NULL, 0);
	for (int id = 0; id < STAGE_COUNT; id++)
		ck_assert_msg(walk_stage_state(w, (enum stage_id)id) == RUN_OK, "%s at %s: %s",
			      names[_i], walk_stage_name((enum stage_id)id),
			      walk_stage_run(w, (enum stage_id)id)->proc.err);
	ck_assert_str_eq(w->variant[LINK_DYNAMIC].run.out, hello->variant[LINK_DYNAMIC].run.out);
	ck_assert(w->base[0] != '-');
	walk_free(w);
	free(hello_q);
	free(dst);
	free(dst_q);
}
END_TEST

START_TEST(test_bad_inputs_are_refused_with_a_reason)
{
	char err[256];
	char *missing = NULL;
	if (asprintf(&missing, "%s/no-such-file.c", oracle_scratch()) < 0)
		abort();
	ck_assert_ptr_null(walk_new(missing, NULL, oracle_scratch(), err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, missing));
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
	ck_assert_ptr_null(walk_new(oracle_scratch(), NULL, oracle_scratch(), err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "directory"));
	ck_assert_ptr_null(walk_new("/dev/null", NULL, oracle_scratch(), err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
	free(missing);
}
END_TEST

START_TEST(test_stage_names)
{
	for (int id = 0; id < STAGE_COUNT; id++)
		ck_assert_int_eq(walk_stage_from_name(walk_stage_name((enum stage_id)id)), id);
	ck_assert_int_eq(walk_stage_from_name("linking"), -1);
}
END_TEST

static Suite *walk_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("hello");
	tcase_set_timeout(tc, 600);
	tcase_add_unchecked_fixture(tc, hello_setup, hello_teardown);
	tcase_add_test(tc, test_every_stage_ran_and_made_its_artifact);
	tcase_add_test(tc, test_slurp_reads_what_cat_reads);
	tcase_add_test(tc, test_preprocessed_text_is_gccs);
	tcase_add_test(tc, test_assembly_is_gccs_from_the_i);
	tcase_add_test(tc, test_object_sections_match_readelf);
	tcase_add_loop_test(tc, test_variants_match_readelf, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_ldd_and_run_match_the_real_thing, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_awkward_names_still_walk, 0, 3);
	tcase_add_loop_test(tc, test_empty_root_run_matches_by_hand, 0, LINK_COUNT);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("errors");
	tcase_set_timeout(te, 600);
	tcase_add_test(te, test_syntax_error_stops_at_compile);
	tcase_add_test(te, test_link_error_is_a_result);
	tcase_add_test(te, test_link_arguments_reach_the_linker);
	tcase_add_test(te, test_bad_inputs_are_refused_with_a_reason);
	tcase_add_test(te, test_stage_names);
	suite_add_tcase(s, te);
	return s;
}

int main(void)
{
	oracle_scratch();
	SRunner *sr = srunner_create(walk_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
