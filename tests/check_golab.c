/* check_golab: the Go lab on real go builds. Every expectation comes from a witness run
 * independently (readelf, ldd, stat, the lab's own commands run again by hand through sh),
 * never from a typed value. Skips (exit 77) when golang-go is not installed. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lessons/live.h"
#include "stages/golab.h"
#include "tests/oracle.h"
#include "lessons/livefill.h"

static struct golab *lab;
static char *home; /* the HOME this process had while the lab ran: it must stay empty */

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

/* A new directory under the scratch directory. */
static char *test_dir(const char *name)
{
	char *d = test_fmt("%s/%s.XXXXXX", oracle_scratch(), name);
	if (!mkdtemp(d))
		abort();
	return d;
}

static void lab_setup(void)
{
	/* a HOME of our own, empty: the lab must leave it so (go would use $HOME/.cache) */
	home = test_dir("home");
	setenv("HOME", home, 1);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("XDG_CONFIG_HOME");
	char *dir = test_dir("lab");
	char *samples = test_fmt("%s/samples/go", test_datadir());
	char err[512];
	lab = golab_new(samples, NULL, dir, err, sizeof err);
	if (!lab) {
		fprintf(stderr, "golab_new: %s\n", err);
		abort();
	}
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	golab_run(lab);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("the whole lab took %.1f s\n", (double)(b.tv_sec - a.tv_sec) +
	       (double)(b.tv_nsec - a.tv_nsec) / 1e9);
	free(dir);
	free(samples);
}

static void lab_teardown(void)
{
	golab_free(lab);
	free(home);
}

/* Build number i of the lab: the six cells, then the five experiments, then cgo.go. */
#define TEST_BUILDS (GOLAB_STD_COUNT * GOLAB_CODE_COUNT + GOLAB_EXP_COUNT + 1)
static struct golab_build *test_build(int i)
{
	if (i < GOLAB_STD_COUNT * GOLAB_CODE_COUNT)
		return &lab->cell[i / GOLAB_CODE_COUNT][i % GOLAB_CODE_COUNT];
	i -= GOLAB_STD_COUNT * GOLAB_CODE_COUNT;
	return i < GOLAB_EXP_COUNT ? &lab->exp[i] : &lab->cgo.build;
}

static char *test_qpath(const char *name)
{
	char *p = test_fmt("%s/%s", lab->dir, name);
	char *q = oracle_quote(p);
	free(p);
	return q;
}

/* ldd's lines without the load addresses, which change from run to run. */
static char *test_ldd_names(const char *text)
{
	char *out = strdup(text ? text : ""), *w = out;
	for (const char *p = text ? text : ""; *p; p++) {
		if (p[0] == ' ' && p[1] == '(' && p[2] == '0' && p[3] == 'x') {
			p = strchr(p, ')');
			if (!p)
				break;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
	return out;
}

/* Every build made its program, and what the lab says of it is what readelf, ldd and stat say. */
START_TEST(test_builds_agree_with_readelf_and_ldd)
{
	struct golab_build *b = test_build(_i);
	ck_assert_msg(golab_state(b) == RUN_OK, "%s: %s\n%s", b->command,
		      proc_describe(&b->build), b->build.err);
	ck_assert(golab_build_finished(b));
	char *q = test_qpath(b->name);
	struct stat st;
	char *path = test_fmt("%s/%s", lab->dir, b->name);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, b->size);
	free(path);

	ck_assert_msg(b->elf_ok, "%s: %s", b->name, b->elf.error);
	char *interp = oracle_sh(NULL, "readelf -lW %s | sed -n 's/.*Requesting program "
				 "interpreter: \\(.*\\)]$/\\1/p'", q);
	interp[strcspn(interp, "\n")] = '\0';
	ck_assert_str_eq(interp, b->elf.interp ? b->elf.interp : "");
	char *needed = oracle_sh(NULL, "readelf -dW %s | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]$/\\1/p'",
				 q);
	ck_assert_int_eq(oracle_lines(needed), b->elf.n_needed);
	for (size_t k = 0; k < b->elf.n_needed; k++)
		ck_assert_msg(strstr(needed, b->elf.needed[k]), "%s: NEEDED %s", b->name,
			      b->elf.needed[k]);
	char *type = oracle_sh(NULL, "readelf -hW %s | sed -n 's/^ *Type: *\\([A-Z]*\\).*/\\1/p'", q);
	type[strcspn(type, "\n")] = '\0';
	ck_assert_str_eq(type, elfinfo_type_name(b->elf.type));

	/* ldd by hand says the same, and calls the program static exactly when the lab does */
	int rc;
	char *ldd = oracle_sh(&rc, "cd %s && ldd ./%s 2>&1", lab->dir, b->name);
	char *mine = test_fmt("%s%s", b->ldd.out ? b->ldd.out : "", b->ldd.err ? b->ldd.err : "");
	char *l1 = test_ldd_names(ldd), *l2 = test_ldd_names(mine);
	ck_assert_str_eq(l1, l2);
	int ldd_static = strstr(ldd, "not a dynamic executable") || strstr(ldd, "statically linked");
	ck_assert_int_eq(ldd_static, golab_is_static(b));
	ck_assert_int_eq(golab_is_static(b), interp[0] == '\0' && needed[0] == '\0');
	free(l1);
	free(l2);
	free(mine);
	free(ldd);
	free(type);
	free(needed);
	free(interp);
	free(q);
}
END_TEST

/* The runs, here and in an empty root, end as the same commands end by hand. */
START_TEST(test_runs_match_by_hand)
{
	struct golab_build *b = test_build(_i);
	ck_assert(golab_state(b) == RUN_OK);
	int rc;
	free(oracle_sh(&rc, "cd %s && ./%s </dev/null >/dev/null 2>&1", lab->dir, b->name));
	int mine = b->run.kind == PROC_EXITED ? b->run.exit_code : 128 + b->run.signo;
	ck_assert_msg(rc == mine, "%s: by hand %d, the lab %s", b->name, rc, proc_describe(&b->run));
	if (!b->empty_root_ran)
		return;
	char *argv = b->empty_root.argv ? proc_argv_string(b->empty_root.argv) : NULL;
	ck_assert_ptr_nonnull(argv);
	free(oracle_sh(&rc, "cd %s && %s </dev/null >/dev/null 2>&1", lab->dir, argv));
	mine = b->empty_root.kind == PROC_EXITED ? b->empty_root.exit_code
						  : 128 + b->empty_root.signo;
	ck_assert_msg(rc == mine, "%s in an empty root: by hand %d, the lab %s", b->name, rc,
		      proc_describe(&b->empty_root));
	free(argv);
}
END_TEST

/* go's messages without what differs between two builds of the same command: the lines
 * naming temporary files (the linker's "in function" lines name go-link-NNN objects), and
 * the folder the sources are in, which becomes "DIR". */
static char *test_messages(const char *text, const char *dir)
{
	char *out = NULL;
	size_t len = 0, dl = strlen(dir);
	FILE *f = open_memstream(&out, &len);
	for (const char *p = text ? text : ""; *p;) {
		size_t l = strcspn(p, "\n");
		if (!memmem(p, l, "/go-link-", 9) && !memmem(p, l, "/go-build", 9)) {
			for (size_t k = 0; k < l; k++) {
				if (k + dl <= l && strncmp(p + k, dir, dl) == 0) {
					fputs("DIR", f);
					k += dl - 1;
				} else {
					fputc(p[k], f);
				}
			}
			fputc('\n', f);
		}
		p += l + (p[l] == '\n');
	}
	fclose(f);
	return out;
}

/* The same command, run again by hand with the lab's environment in a fresh folder that holds
 * the same sources: go prints the same messages (the glibc warnings, loadinternal...). */
START_TEST(test_messages_match_by_hand)
{
	struct golab_build *b = test_build(_i);
	ck_assert(golab_state(b) == RUN_OK);
	char *again = test_dir("again");
	char *env = strdup("");
	for (char **e = lab->envp; *e; e++) {
		char *q = oracle_quote(*e), *n = test_fmt("%s %s", env, q);
		free(q);
		free(env);
		env = n;
	}
	char *qcmd = oracle_quote(b->command);
	int rc;
	char *out = oracle_sh(&rc, "cp %s/*.go %s/go.mod %s/ && cd %s && env -i %s sh -c %s 2>&1",
			      lab->dir, lab->dir, again, again, env, qcmd);
	ck_assert_msg(rc == 0, "%s: %s", b->command, out);
	char *by_hand = test_messages(out, again), *mine = test_messages(b->build.err, lab->dir);
	ck_assert_str_eq(by_hand, mine);
	free(by_hand);
	free(mine);
	free(out);
	free(qcmd);
	free(env);
	free(again);
}
END_TEST

/* The generated C file went through the four stages, and each artifact is what gcc and
 * readelf say it is. */
START_TEST(test_cgo_stages)
{
	const struct golab_cgo *c = &lab->cgo;
	ck_assert(golab_cgo_finished(c));
	ck_assert_ptr_nonnull(c->work);
	ck_assert_ptr_nonnull(c->walked);
	int listed = 0;
	for (size_t k = 0; k < c->n_files; k++)
		listed |= strcmp(c->files[k].name, c->walked) == 0 && c->files[k].is_c;
	ck_assert_msg(listed, "%s is not among the generated C files", c->walked);
	/* the trace is what the lab read its gcc commands from */
	for (size_t k = 0; k < c->n_gcc; k++)
		ck_assert_ptr_nonnull(strstr(c->build.build.err, c->gcc[k]));
	int compiled = 0;
	for (size_t k = 0; k < c->n_gcc; k++)
		compiled |= strstr(c->gcc[k], c->walked) != NULL;
	ck_assert_msg(compiled, "no gcc command in the trace compiles %s", c->walked);
	for (int st = 0; st < GOLAB_CGO_STAGES; st++)
		ck_assert_msg(walk_state(&c->stage[st]) == RUN_OK, "%s: %s %s",
			      walk_stage_name((enum stage_id)st),
			      c->stage[st].skip_reason ? c->stage[st].skip_reason : "",
			      c->stage[st].proc.err ? c->stage[st].proc.err : "");

	char *qdir = oracle_quote(c->objdir);
	/* preprocess: the same command by hand makes the same text */
	char **argv = c->stage[STAGE_PREPROCESS].proc.argv;
	size_t n = 0;
	while (argv[n])
		n++;
	ck_assert_str_eq(argv[n - 2], "-o");
	char *again = test_fmt("%s/again.i", oracle_scratch());
	char *saved = argv[n - 1];
	argv[n - 1] = again;
	char *cmd = proc_argv_string(argv);
	argv[n - 1] = saved;
	int rc;
	free(oracle_sh(&rc, "cd %s && %s && cmp -s %s %s", qdir, cmd, again,
		       c->stage[STAGE_PREPROCESS].artifact));
	ck_assert_msg(rc == 0, "%s made a different .i", cmd);
	char *marks = oracle_sh(NULL, "cd %s && grep -c '^# [0-9]* \"%s\"' %s", qdir, c->walked,
				c->stage[STAGE_PREPROCESS].artifact);
	ck_assert_msg(atoi(marks) > 0, "no linemarker for %s in the .i", c->walked);
	/* assemble: an ELF relocatable object */
	char *type = oracle_sh(NULL, "cd %s && readelf -hW %s | sed -n 's/^ *Type: *\\([A-Z]*\\).*/\\1/p'",
			       qdir, c->stage[STAGE_ASSEMBLE].artifact);
	ck_assert_str_eq(type, "REL\n");
	/* link: the libraries the program needs are those readelf lists */
	ck_assert(c->link_elf_ok);
	char *needed = oracle_sh(NULL, "cd %s && readelf -dW %s | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]$/\\1/p'",
				 qdir, c->stage[STAGE_LINK].artifact);
	ck_assert_int_eq(oracle_lines(needed), c->link_elf.n_needed);
	for (size_t k = 0; k < c->link_elf.n_needed; k++)
		ck_assert_ptr_nonnull(strstr(needed, c->link_elf.needed[k]));
	char *text = golab_text(lab, GOLAB_CGO);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, c->walked));
	free(text);
	free(needed);
	free(type);
	free(marks);
	free(cmd);
	free(again);
	free(qdir);
}
END_TEST

/* Nothing reached the HOME the lab was started with; the lab's own cache was used. */
START_TEST(test_nothing_written_to_home)
{
	DIR *d = opendir(home);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	ck_assert_msg(n == 0, "the lab wrote into HOME (%s)", home);
	char *q = oracle_quote(lab->dir);
	char *count = oracle_sh(NULL, "find %s/cache -type f | wc -l", q);
	ck_assert_int_gt(atoi(count), 0);
	free(count);
	free(q);
}
END_TEST

/* Each part's account names every build's command and program, as the lab ran them. */
START_TEST(test_text_names_every_build)
{
	char *s = golab_text(lab, GOLAB_SCENARIOS), *e = golab_text(lab, GOLAB_EXPERIMENTS);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(e);
	for (int i = 0; i < TEST_BUILDS - 1; i++) {
		const struct golab_build *b = test_build(i);
		const char *t = i < GOLAB_STD_COUNT * GOLAB_CODE_COUNT ? s : e;
		ck_assert_msg(strstr(t, b->command), "%s is not in the text", b->command);
		char *size = test_fmt("%lld", b->size);
		ck_assert_ptr_nonnull(strstr(t, size));
		free(size);
	}
	free(s);
	free(e);
}
END_TEST

/* The commands for a learner name the same builds the lab runs. */
START_TEST(test_commands_for_the_facts)
{
	char *s = live_command("samples", "go/user.go", "go.scenarios");
	char *e = live_command("samples", "go/user.go", "go.experiments");
	char *c = live_command("samples", "go/cgo.go", "go.cgo-stages");
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(strstr(s, "cd samples/go\n"));
	for (int i = 0; i < TEST_BUILDS; i++) {
		const struct golab_build *b = test_build(i);
		const char *t = i < GOLAB_STD_COUNT * GOLAB_CODE_COUNT ? s
				: i < TEST_BUILDS - 1 ? e : c;
		ck_assert_msg(strstr(t, b->command), "%s is not in the commands", b->command);
	}
	ck_assert(live_fact_known("go.scenarios") && live_fact_known("go.experiments") &&
		  live_fact_known("go.cgo-stages"));
	free(s);
	free(e);
	free(c);
}
END_TEST

/* Without a go command the lab runs nothing and says how to install one. */
START_TEST(test_without_go)
{
	char *dir = test_dir("nogo");
	char *samples = test_fmt("%s/samples/go", test_datadir());
	struct golab_opts o = { .go = "/nonexistent/go" };
	char err[256];
	struct golab *g = golab_new(samples, &o, dir, err, sizeof err);
	ck_assert_msg(g != NULL, "%s", err);
	ck_assert(!golab_have_go(o.go));
	golab_run(g);
	ck_assert(golab_is_done(g));
	ck_assert_ptr_nonnull(g->no_go);
	ck_assert_ptr_nonnull(strstr(g->no_go, GOLAB_PACKAGE));
	for (int r = 0; r < GOLAB_STD_COUNT; r++)
		for (int k = 0; k < GOLAB_CODE_COUNT; k++)
			ck_assert(golab_state(&g->cell[r][k]) == RUN_SKIPPED);
	for (int k = 0; k < GOLAB_CGO_STAGES; k++)
		ck_assert(walk_state(&g->cgo.stage[k]) == RUN_SKIPPED);
	char *text = golab_text(g, GOLAB_SCENARIOS);
	ck_assert_ptr_nonnull(strstr(text, GOLAB_PACKAGE));
	free(text);
	golab_free(g);
	/* nothing was built: the folder holds no program */
	char *q = oracle_quote(dir);
	char *files = oracle_sh(NULL, "find %s -type f | wc -l", q);
	ck_assert_int_eq(atoi(files), 0);
	free(files);
	free(q);
	free(samples);
	free(dir);
}
END_TEST

/* A lesson's go.* block is filled by a lab of its own, with only the part it names. */
START_TEST(test_live_block_runs_the_lab)
{
	const char *md = "# t\n\n```live\nsample: go/cgo.go\nfact: go.cgo-stages\n```\n\n"
			 "```live\nsample: go/user.go\nfact: link.table\n```\n";
	char *dir = test_dir("live");
	struct livefill lf;
	livefill_start(&lf, md, test_datadir(), dir, NULL);
	livefill_wait(&lf);
	ck_assert_ptr_nonnull(lf.lab);
	ck_assert_int_eq(lf.n, 0); /* no C walk of a .go sample */
	ck_assert(golab_state(&lf.lab->cell[0][0]) == RUN_SKIPPED);
	ck_assert(golab_state(&lf.lab->exp[0]) == RUN_SKIPPED);
	char *out = live_expand(md, "samples", livefill_text, &lf);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(strstr(out, "On this machine, just now, for the sample"));
	ck_assert_ptr_nonnull(strstr(out, lf.lab->cgo.build.command));
	ck_assert_ptr_nonnull(strstr(out, lf.lab->cgo.walked));
	ck_assert_ptr_nonnull(strstr(out, "is not a fact of samples/go/user.go"));
	free(out);
	livefill_free(&lf);
	free(dir);
}
END_TEST

static Suite *golab_suite(void)
{
	Suite *s = suite_create("golab");
	TCase *tc = tcase_create("lab");
	tcase_set_timeout(tc, 900);
	tcase_add_unchecked_fixture(tc, lab_setup, lab_teardown);
	tcase_add_loop_test(tc, test_builds_agree_with_readelf_and_ldd, 0, TEST_BUILDS);
	tcase_add_loop_test(tc, test_runs_match_by_hand, 0, TEST_BUILDS);
	/* every build but cgo.go's, whose -x trace names its own temporary folders */
	tcase_add_loop_test(tc, test_messages_match_by_hand, 0, TEST_BUILDS - 1);
	tcase_add_test(tc, test_cgo_stages);
	tcase_add_test(tc, test_nothing_written_to_home);
	tcase_add_test(tc, test_text_names_every_build);
	tcase_add_test(tc, test_commands_for_the_facts);
	suite_add_tcase(s, tc);
	TCase *to = tcase_create("other");
	tcase_set_timeout(to, 900);
	tcase_add_test(to, test_without_go);
	tcase_add_test(to, test_live_block_runs_the_lab);
	suite_add_tcase(s, to);
	return s;
}

int main(void)
{
	if (!golab_have_go(NULL)) {
		printf("SKIP: " GOLAB_PACKAGE " is not installed (no go command in PATH); "
		       "apt-get install " GOLAB_PACKAGE " to run these tests\n");
		return 77;
	}
	oracle_scratch();
	SRunner *sr = srunner_create(golab_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
