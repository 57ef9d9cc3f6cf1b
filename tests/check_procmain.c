/* check_procmain: programs stopped at main, their maps named. The programs are built here
 * with gcc; every expectation comes from the toolchain or the kernel independently:
 * readelf -lW for the PT_LOADs (each program mapping's permissions are its segment's flags,
 * every PT_LOAD is mapped, the bias is the first mapping's start minus the first PT_LOAD's
 * page), gdb's own stop at main (`info proc mappings`: the same file offsets; skipped, saying
 * so, without gdb), smaps' own sums, and the cases that must not hang: a constructor that
 * exits, crashes or loops, a main that forks, a program without main, a static dlopen. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/jail.h"
#include "stages/procmain.h"
#include "tests/oracle.h"

static const char *dir;
static struct jail jail;

/* Build NAME from C text with gcc and flags; 1 when it linked. */
static int test_build(const char *name, const char *text, const char *flags)
{
	char *src = NULL;
	if (asprintf(&src, "%s.c", name) < 0)
		abort();
	free(oracle_write(dir, src, text));
	int st = 0;
	char *q = oracle_quote(dir);
	char *out = oracle_sh(&st, "cd %s && gcc %s -o %s %s 2>&1", q, flags, name, src);
	free(out);
	free(q);
	free(src);
	return st == 0;
}

static char *test_sh(int *st, const char *cmd)
{
	char *q = oracle_quote(dir);
	char *out = oracle_sh(st, "cd %s && %s", q, cmd);
	free(q);
	return out;
}

static int test_verbose(void)
{
	return getenv("CSTAGES_TEST_VERBOSE") != NULL;
}

static void test_show(const char *name, const struct procmain *pm)
{
	if (!test_verbose())
		return;
	fprintf(stderr, "%s: %s\n", name, pm->say_en);
	if (pm->sharing_en)
		fprintf(stderr, "  %s\n", pm->sharing_en);
	if (pm->aslr_say_en)
		fprintf(stderr, "  %s\n", pm->aslr_say_en);
	for (size_t i = 0; i < pm->run[0].n_maps; i++) {
		const struct procmain_map *m = &pm->run[0].maps[i];
		fprintf(stderr, "  %llx-%llx %s %-9s rss %ld shared %ld private %ld %s\n", m->start,
			m->end, m->perms, procmain_kind_name(m->kind), m->rss_kb, m->shared_kb,
			m->private_kb, m->path);
	}
}

static const char hello[] = "#include <stdio.h>\nint main(void)\n{\n\tputs(\"hello\");\n"
			    "\treturn 0;\n}\n";

/* The map's invariants against readelf -lW. */
static void test_invariants(const char *name, const struct procmain *pm)
{
	ck_assert_msg(pm->run[0].state == PROCMAIN_AT_MAIN, "%s: %s", name, pm->say_en);
	char *cmd = NULL;
	ck_assert(asprintf(&cmd, "readelf -lW %s | awk '$1==\"LOAD\"{f=\"\"; "
			   "for (i = 7; i < NF; i++) f = f $i; print $3, f}'", name) >= 0);
	int st;
	char *out = test_sh(&st, cmd);
	free(cmd);
	/* each LOAD: its vaddr and its flags run together ("RE", "RW") */
	unsigned long long vaddr[16];
	char flags[16][8];
	size_t n = 0;
	for (char *line = strtok(out, "\n"); line && n < 16; line = strtok(NULL, "\n")) {
		char f[16] = "";
		if (sscanf(line, "%llx %15s", &vaddr[n], f) >= 1) {
			snprintf(flags[n], sizeof flags[n], "%s", f);
			n++;
		}
	}
	free(out);
	ck_assert_int_eq(n, pm->n_loads);
	const struct procmain_run *r = &pm->run[0];
	int seen[16] = { 0 };
	unsigned long long first = 0;
	for (size_t i = 0; i < r->n_maps; i++) {
		const struct procmain_map *m = &r->maps[i];
		ck_assert_int_eq(m->shared_kb + m->private_kb, m->rss_kb);
		if (m->kind > PROCMAIN_DATA)
			continue;
		ck_assert_msg(m->load >= 0 && (size_t)m->load < n, "%s: %llx has no PT_LOAD", name,
			      m->start);
		if (!first)
			first = m->start;
		seen[m->load] = 1;
		if (m->kind == PROCMAIN_RELRO)
			continue;
		const char *f = flags[m->load];
		ck_assert_msg((m->perms[0] == 'r') == (strchr(f, 'R') != NULL) &&
			      (m->perms[1] == 'w') == (strchr(f, 'W') != NULL) &&
			      (m->perms[2] == 'x') == (strchr(f, 'E') != NULL),
			      "%s: %s against readelf's %s", name, m->perms, f);
	}
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(seen[i], "%s: PT_LOAD %zu not mapped", name, i);
	ck_assert_msg(first - (vaddr[0] & ~0xfffULL) == r->bias, "%s: bias %llx, maps say %llx",
		      name, r->bias, first - (vaddr[0] & ~0xfffULL));
	ck_assert_ptr_nonnull(pm->sharing_en);
	ck_assert_int_eq(pm->n_runs, 2);
	ck_assert_ptr_nonnull(pm->aslr_say_en);
}

static void test_run(const char *name, struct procmain *pm, int timeout_ms)
{
	procmain_compute(dir, name, &jail, NULL, NULL, timeout_ms, pm);
	test_show(name, pm);
}

START_TEST(test_pie)
{
	ck_assert(test_build("hello", hello, ""));
	struct procmain pm;
	test_run("hello", &pm, 5000);
	test_invariants("hello", &pm);
	int libc = 0, loader = 0, stack = 0;
	for (size_t i = 0; i < pm.run[0].n_maps; i++) {
		libc |= pm.run[0].maps[i].kind == PROCMAIN_LIBC;
		loader |= pm.run[0].maps[i].kind == PROCMAIN_LOADER;
		stack |= pm.run[0].maps[i].kind == PROCMAIN_STACK;
	}
	ck_assert(libc && loader && stack);
	if (pm.aslr >= 1)
		ck_assert_int_eq(pm.moved[PROCMAIN_AT_PROGRAM], 1);
	/* gdb's own stop at main: the program's file offsets are the same */
	int st = 0;
	char *has = oracle_sh(&st, "command -v gdb");
	if (st != 0) {
		fprintf(stderr, "check_procmain: gdb is not installed: the comparison with gdb's "
				"stop at main is skipped (77)\n");
	} else {
		char *out = test_sh(&st, "gdb -nx -batch -ex 'break main' -ex run -ex 'info proc "
					 "mappings' ./hello </dev/null 2>/dev/null | grep '/hello$' | "
					 "awk '{print $4}' | sort");
		char want[1024] = "";
		char **offs = calloc(pm.run[0].n_maps + 1, sizeof *offs);
		size_t k = 0;
		for (size_t i = 0; i < pm.run[0].n_maps; i++)
			if (pm.run[0].maps[i].kind <= PROCMAIN_DATA)
				ck_assert(asprintf(&offs[k++], "0x%llx", pm.run[0].maps[i].offset) >= 0);
		/* sort as sort(1) does, in the C locale */
		char *q = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&q, &len);
		for (size_t i = 0; i < k; i++) {
			fprintf(mem, "%s\n", offs[i]);
			free(offs[i]);
		}
		fclose(mem);
		free(offs);
		char *qq = oracle_quote(q);
		char *sorted = oracle_sh(&st, "printf %%s %s | LC_ALL=C sort", qq);
		char *gdb_sorted = NULL;
		char *qo = oracle_quote(out);
		gdb_sorted = oracle_sh(&st, "printf %%s %s | LC_ALL=C sort", qo);
		snprintf(want, sizeof want, "%s", gdb_sorted);
		ck_assert_msg(*want, "gdb showed no mapping of the program");
		ck_assert_str_eq(sorted, want);
		free(qo);
		free(gdb_sorted);
		free(sorted);
		free(qq);
		free(q);
		free(out);
	}
	free(has);
	procmain_free(&pm);
}
END_TEST

START_TEST(test_static_and_static_pie)
{
	ck_assert(test_build("hs", hello, "-static"));
	struct procmain pm;
	test_run("hs", &pm, 5000);
	test_invariants("hs", &pm);
	int st;
	char *type = test_sh(&st, "readelf -hW hs | awk '/Type:/{print $2}'");
	ck_assert_str_eq(type, "EXEC\n");
	free(type);
	ck_assert_int_eq(pm.run[0].bias, 0);
	ck_assert_int_eq(pm.moved[PROCMAIN_AT_PROGRAM], 0);
	if (pm.aslr >= 1)
		ck_assert_int_eq(pm.moved[PROCMAIN_AT_STACK], 1);
	ck_assert_ptr_nonnull(strstr(pm.aslr_say_en, "stayed"));
	procmain_free(&pm);
	if (test_build("hsp", hello, "-static-pie")) {
		test_run("hsp", &pm, 5000);
		test_invariants("hsp", &pm);
		if (pm.aslr >= 1)
			ck_assert_int_eq(pm.moved[PROCMAIN_AT_PROGRAM], 1);
		procmain_free(&pm);
	}
}
END_TEST

START_TEST(test_never_reaches_main)
{
	struct procmain pm;
	ck_assert(test_build("ctorexit", "#include <stdlib.h>\n__attribute__((constructor)) "
				"static void c(void)\n{\n\texit(3);\n}\nint main(void)\n{\n"
				"\treturn 0;\n}\n", ""));
	test_run("ctorexit", &pm, 5000);
	ck_assert_int_eq(pm.run[0].state, PROCMAIN_ENDED);
	ck_assert_int_eq(pm.run[0].proc.kind, PROC_EXITED);
	ck_assert_int_eq(pm.run[0].proc.exit_code, 3);
	ck_assert_ptr_nonnull(strstr(pm.say_en, "before it reached main"));
	ck_assert_int_eq(pm.n_runs, 1);
	procmain_free(&pm);
	ck_assert(test_build("ctorcrash", "__attribute__((constructor)) static void c(void)\n{\n"
				"\t*(volatile int *)0 = 1;\n}\nint main(void)\n{\n\treturn 0;\n}\n", ""));
	test_run("ctorcrash", &pm, 5000);
	ck_assert_int_eq(pm.run[0].state, PROCMAIN_ENDED);
	ck_assert_int_eq(pm.run[0].proc.kind, PROC_SIGNALED);
	procmain_free(&pm);
	ck_assert(test_build("ctorloop", "__attribute__((constructor)) static void c(void)\n{\n"
				"\tfor (;;)\n\t\t;\n}\nint main(void)\n{\n\treturn 0;\n}\n", ""));
	test_run("ctorloop", &pm, 1000);
	ck_assert_int_eq(pm.run[0].state, PROCMAIN_TIMED_OUT);
	ck_assert_ptr_nonnull(strstr(pm.say_en, "time limit"));
	procmain_free(&pm);
}
END_TEST

START_TEST(test_fork_nomain_dlopen)
{
	struct procmain pm;
	ck_assert(test_build("forks", "#include <stdio.h>\n#include <unistd.h>\n"
				"#include <sys/wait.h>\nint main(void)\n{\n\tif (fork() == 0) {\n"
				"\t\tputs(\"child\");\n\t\treturn 0;\n\t}\n\twait(NULL);\n"
				"\treturn 0;\n}\n", ""));
	test_run("forks", &pm, 5000);
	test_invariants("forks", &pm);
	procmain_free(&pm);
	ck_assert(test_build("nomain", "void _start(void)\n{\n\t__asm__ volatile(\"mov $60, "
				"%eax\\n\\txor %edi, %edi\\n\\tsyscall\");\n}\n",
			     "-nostartfiles -nostdlib -static"));
	int st;
	char *sym = test_sh(&st, "nm nomain | awk '$3==\"main\"' | wc -l");
	ck_assert_int_eq(atoi(sym), 0);
	free(sym);
	test_run("nomain", &pm, 5000);
	ck_assert_int_eq(pm.run[0].state, PROCMAIN_NO_MAIN);
	ck_assert_ptr_null(pm.run[0].proc.argv); /* not run */
	ck_assert_ptr_nonnull(strstr(pm.say_en, "no main"));
	procmain_free(&pm);
	if (test_build("sdl", "#include <dlfcn.h>\n#include <stdio.h>\nint main(void)\n{\n"
			      "\tvoid *h = dlopen(\"libm.so.6\", RTLD_NOW);\n"
			      "\tprintf(\"%d\\n\", h != NULL);\n\treturn 0;\n}\n", "-static")) {
		test_run("sdl", &pm, 5000);
		test_invariants("sdl", &pm);
		procmain_free(&pm);
	}
}
END_TEST

/* The stop at main under the other confinements the wrapper knows: none (the wrapper forks
 * and traces the program itself) and Landlock, where the kernel has it. */
START_TEST(test_other_confinements)
{
	ck_assert(test_build("hello2", hello, ""));
	struct jail keep = jail;
	struct jail modes[2] = { { .mode = JAIL_NONE, .probed = 1 },
				 { .mode = JAIL_LANDLOCK, .landlock_abi = jail.landlock_abi,
				   .probed = 1 } };
	for (int k = 0; k < 2; k++) {
		if (modes[k].mode == JAIL_LANDLOCK && !jail.landlock_abi) {
			fprintf(stderr, "check_procmain: the kernel has no Landlock: the stop at "
					"main under Landlock is not tried\n");
			continue;
		}
		jail = modes[k];
		struct procmain pm;
		test_run("hello2", &pm, 5000);
		test_invariants("hello2", &pm);
		procmain_free(&pm);
	}
	jail = keep;
}
END_TEST

int main(void)
{
	dir = oracle_scratch();
	jail_probe(dir, &jail);
	Suite *s = suite_create("procmain");
	TCase *t = tcase_create("programs");
	tcase_set_timeout(t, 0);
	tcase_add_test(t, test_pie);
	tcase_add_test(t, test_static_and_static_pie);
	tcase_add_test(t, test_never_reaches_main);
	tcase_add_test(t, test_fork_nomain_dlopen);
	tcase_add_test(t, test_other_confinements);
	suite_add_tcase(s, t);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
