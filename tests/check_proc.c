/* check_proc: the process runner and the walk directory, on real programs. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stages/proc.h"
#include "stages/spawn.h"
#include "stages/tmpdir.h"
#include "tests/oracle.h"

/* A shell line that leaves a sleeper in the background and prints its process ID as this
 * process sees it (from /proc/self, which names it whatever PID namespace it runs in; $! would
 * be the namespace's number). */
#define BG_SLEEPER "{ sh -c 'read -r p rest </proc/self/stat; echo $p; exec sleep 300' & } | head -n 1"

START_TEST(test_streams_and_status)
{
	char *argv[] = { "sh", "-c", "printf out; printf err >&2; exit 3", NULL };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, NULL, &r), 1);
	ck_assert_int_eq(r.kind, PROC_EXITED);
	ck_assert_int_eq(r.exit_code, 3);
	ck_assert_str_eq(r.out, "out");
	ck_assert_str_eq(r.err, "err");
	ck_assert_str_eq(r.argv[2], argv[2]);
	ck_assert_str_eq(proc_describe(&r), "exit 3");
	ck_assert(r.wall_ms > 0);
	proc_result_free(&r);
}
END_TEST

START_TEST(test_spawn_failure)
{
	char *argv[] = { "cstages-no-such-program", NULL };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, NULL, &r), 1);
	ck_assert_int_eq(r.kind, PROC_SPAWN_FAILED);
	ck_assert_int_eq(r.spawn_errno, ENOENT);
	ck_assert_ptr_nonnull(strstr(proc_describe(&r), strerror(ENOENT)));
	proc_result_free(&r);
}
END_TEST

START_TEST(test_signal_named)
{
	char *argv[] = { "sh", "-c", "kill -SEGV $$", NULL };
	struct proc_result r;
	proc_run(argv, NULL, &r);
	ck_assert_int_eq(r.kind, PROC_SIGNALED);
	ck_assert_int_eq(r.signo, SIGSEGV);
	ck_assert_ptr_nonnull(strstr(proc_describe(&r), "SIGSEGV"));
	proc_result_free(&r);
}
END_TEST

START_TEST(test_time_limit_kills_the_group)
{
	/* The shell starts a background sleeper in its group and then waits: both must die. */
	char *argv[] = { "sh", "-c", BG_SLEEPER "; sleep 300", NULL };
	struct proc_opts o = { .timeout_ms = 300 };
	struct proc_result r;
	proc_run(argv, &o, &r);
	ck_assert_int_eq(r.kind, PROC_TIMED_OUT);
	ck_assert_ptr_nonnull(strstr(proc_describe(&r), "timed out"));
	pid_t bg = (pid_t)atol(r.out);
	ck_assert_int_gt(bg, 0);
	/* gone, or a zombie waiting for its new parent to reap it */
	char *state = oracle_sh(NULL, "awk '{print $3}' /proc/%ld/stat 2>/dev/null", (long)bg);
	ck_assert_msg(state[0] == '\0' || state[0] == 'Z', "background child still %s", state);
	free(state);
	proc_result_free(&r);
}
END_TEST

START_TEST(test_background_child_ends_with_parent)
{
	char *argv[] = { "sh", "-c", BG_SLEEPER, NULL };
	struct proc_result r;
	proc_run(argv, NULL, &r);
	ck_assert_int_eq(r.kind, PROC_EXITED);
	pid_t bg = (pid_t)atol(r.out);
	ck_assert_int_gt(bg, 0);
	char *state = oracle_sh(NULL, "awk '{print $3}' /proc/%ld/stat 2>/dev/null", (long)bg);
	ck_assert_msg(state[0] == '\0' || state[0] == 'Z', "background child still %s", state);
	free(state);
	proc_result_free(&r);
}
END_TEST

START_TEST(test_output_cap)
{
	char *argv[] = { "head", "-c", "200000", "/dev/zero", NULL };
	struct proc_opts o = { .out_cap = 1000 };
	struct proc_result r;
	proc_run(argv, &o, &r);
	ck_assert_int_eq(r.kind, PROC_EXITED);
	ck_assert_uint_eq(r.out_len, 1000);
	ck_assert(r.out_truncated);
	proc_result_free(&r);
}
END_TEST

/* A writer that never stops ends when its output passes the cap, not at its time limit: the
 * record says the cap ended it, and its whole group is gone. */
START_TEST(test_stop_at_cap)
{
	char *argv[] = { "sh", "-c", BG_SLEEPER "; exec yes", NULL };
	struct proc_opts o = { .out_cap = 100000, .stop_at_cap = 1, .timeout_ms = 600000 };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, &o, &r), 1);
	ck_assert_int_eq(r.kind, PROC_CAPPED);
	ck_assert(r.out_truncated);
	ck_assert_uint_eq(r.out_len, 100000);
	ck_assert_uint_eq(r.out_cap, 100000);
	ck_assert_str_eq(proc_describe_en(&r), "killed when its output passed 100000 bytes");
	pid_t bg = (pid_t)atol(r.out);
	ck_assert_int_gt(bg, 0);
	char *state = oracle_sh(NULL, "awk '{print $3}' /proc/%ld/stat 2>/dev/null", (long)bg);
	ck_assert_msg(state[0] == '\0' || state[0] == 'Z', "background child still %s", state);
	free(state);
	proc_result_free(&r);
	/* without the option, the same cap only cuts what is kept */
	char *head[] = { "head", "-c", "200000", "/dev/zero", NULL };
	struct proc_opts keep = { .out_cap = 1000 };
	proc_run(head, &keep, &r);
	ck_assert_int_eq(r.kind, PROC_EXITED);
	proc_result_free(&r);
}
END_TEST

/* A tool runs with LC_ALL=C and no LANGUAGE whatever the caller's locale; the program under
 * study (user_locale) keeps it. */
START_TEST(test_locale)
{
	char *env[] = { "LANG=zh_CN.UTF-8", "LC_ALL=POSIX", "LANGUAGE=zh_CN", "KEEP=1", NULL };
	char *argv[] = { "sh", "-c", "printf '%s|%s|%s|%s' \"$LANG\" \"$LC_ALL\" \"${LANGUAGE-none}\" "
			 "\"$KEEP\"", NULL };
	struct proc_opts o = { .envp = env };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, &o, &r), 0);
	ck_assert_str_eq(r.out, "zh_CN.UTF-8|C|none|1");
	proc_result_free(&r);
	/* under a UTF-8 locale, the same characters in English: C.UTF-8, where the system has it */
	locale_t cu = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	char *env8[] = { "LANG=C.UTF-8", "LANGUAGE=zh_CN", "KEEP=1", NULL };
	struct proc_opts o8 = { .envp = env8 };
	ck_assert_int_eq(proc_run(argv, &o8, &r), 0);
	ck_assert_str_eq(r.out, cu ? "C.UTF-8|C.UTF-8|none|1" : "C.UTF-8|C|none|1");
	proc_result_free(&r);
	if (cu)
		freelocale(cu);
	o.user_locale = 1;
	ck_assert_int_eq(proc_run(argv, &o, &r), 0);
	ck_assert_str_eq(r.out, "zh_CN.UTF-8|POSIX|zh_CN|1");
	proc_result_free(&r);
}
END_TEST

START_TEST(test_stdin_is_empty_and_cwd_is_set)
{
	const char *dir = oracle_scratch();
	char *argv[] = { "sh", "-c", "cat; pwd", NULL };
	struct proc_opts o = { .cwd = dir };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, &o, &r), 0);
	char *want = oracle_sh(NULL, "cd %s && pwd -P", dir);
	ck_assert_str_eq(r.out, want);
	free(want);
	proc_result_free(&r);
}
END_TEST

START_TEST(test_argv_string_round_trips_through_sh)
{
	char *argv[] = { "printf", "%s|", "plain", "two words", "it's", "$HOME", "", "-x", NULL };
	char *line = proc_argv_string(argv);
	char *q = oracle_quote(line);
	char *shell = oracle_sh(NULL, "sh -c %s", q);
	struct proc_result r;
	proc_run(argv, NULL, &r);
	ck_assert_str_eq(shell, r.out);
	free(line);
	free(q);
	free(shell);
	proc_result_free(&r);
}
END_TEST

START_TEST(test_tmpdir_removed)
{
	const char *dir = tmpdir_create(NULL);
	ck_assert_ptr_nonnull(dir);
	char *copy = strdup(dir);
	free(oracle_sh(NULL, "mkdir -p %s/a/b && echo x > %s/a/b/f && echo y > %s/g && chmod 500 %s/a/b",
		       dir, dir, dir, dir));
	tmpdir_remove();
	struct stat st;
	ck_assert_int_eq(stat(copy, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	free(copy);
}
END_TEST

/* Each of SIGINT, SIGTERM and SIGHUP removes the directory and kills its running child. */
START_TEST(test_tmpdir_removed_on_signal)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	int sig = sigs[_i];
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		tmpdir_install_signals();
		const char *dir = tmpdir_create(NULL);
		FILE *f = fdopen(fds[1], "w");
		fprintf(f, "%s\n", dir);
		fclose(f);
		char *argv[] = { "sleep", "300", NULL };
		struct proc_result r;
		proc_run(argv, NULL, &r);
		_exit(0);
	}
	close(fds[1]);
	char dir[512] = "";
	FILE *f = fdopen(fds[0], "r");
	ck_assert_ptr_nonnull(fgets(dir, sizeof dir, f));
	fclose(f);
	dir[strcspn(dir, "\n")] = '\0';
	/* wait until the sleeper runs, then signal */
	for (int i = 0; i < 500; i++) {
		char *n = oracle_sh(NULL, "pgrep -P %ld -x sleep | wc -l", (long)pid);
		int up = atoi(n);
		free(n);
		if (up)
			break;
		usleep(10000);
	}
	kill(pid, sig);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), sig);
	struct stat st;
	ck_assert_int_eq(stat(dir, &st), -1);
}
END_TEST

/* A program that grows past its memory limit dies of it, and the record says that limit
 * stopped it, with its size. */
START_TEST(test_memory_limit)
{
	char *argv[] = { "awk", "BEGIN { s = \"x\"; while (1) s = s s }", NULL };
	struct proc_opts o = { .mem_limit = 64LL << 20, .timeout_ms = 600000 };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, &o, &r), 1);
	ck_assert_int_eq(r.mem_limit, 64LL << 20);
	ck_assert_msg(r.limit == PROC_LIMIT_MEMORY, "not the memory limit: %s", proc_describe_en(&r));
	ck_assert_ptr_nonnull(strstr(proc_describe_en(&r), "stopped by the memory limit (64 MiB): "));
	proc_result_free(&r);
	/* without a limit the same kind of run is not said to have met one */
	char *ok[] = { "awk", "BEGIN { s = \"x\"; for (i = 0; i < 10; i++) s = s s }", NULL };
	ck_assert_int_eq(proc_run(ok, &o, &r), 0);
	ck_assert_int_eq(r.limit, PROC_LIMIT_NONE);
	proc_result_free(&r);
}
END_TEST

/* A busy loop ends at its CPU-time limit (SIGXCPU), long before its time limit. */
START_TEST(test_cpu_limit)
{
	char *argv[] = { "sh", "-c", "while :; do :; done", NULL };
	struct proc_opts o = { .cpu_limit_s = 1, .timeout_ms = 600000 };
	struct proc_result r;
	proc_run(argv, &o, &r);
	ck_assert_int_eq(r.kind, PROC_SIGNALED);
	ck_assert_int_eq(r.signo, SIGXCPU);
	ck_assert_int_eq(r.limit, PROC_LIMIT_CPU);
	ck_assert_ptr_nonnull(strstr(proc_describe_en(&r), "stopped by the CPU-time limit (1 s): "));
	proc_result_free(&r);
}
END_TEST

/* Where the kernel gives one, the program runs in a PID namespace of its own. */
START_TEST(test_pid_namespace)
{
	char *argv[] = { "readlink", "/proc/self/ns/pid", NULL };
	struct proc_result r;
	ck_assert_int_eq(proc_run(argv, NULL, &r), 0);
	char mine[64] = "";
	ssize_t k = readlink("/proc/self/ns/pid", mine, sizeof mine - 1);
	ck_assert_int_gt(k, 0);
	mine[k] = '\0';
	r.out[strcspn(r.out, "\n")] = '\0';
	if (spawn_mode() == SPAWN_PLAIN)
		ck_assert_str_eq(r.out, mine);
	else
		ck_assert_str_ne(r.out, mine);
	proc_result_free(&r);
}
END_TEST

static void *close_later(void *arg)
{
	struct timespec ts = { 0, 30 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	close(*(int *)arg);
	return NULL;
}

/* A program whose file is still open for writing somewhere (another thread's child, until its
 * exec) fails to start with ETXTBSY: the start is tried again, and it runs. */
START_TEST(test_text_busy_retried)
{
	char dir[] = "/tmp/check_proc.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/busy", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0755);
	ck_assert_int_ge(fd, 0);
	const char text[] = "#!/bin/sh\necho ran\n";
	ck_assert_int_eq(write(fd, text, sizeof text - 1), (ssize_t)sizeof text - 1);
	pthread_t t;
	pthread_create(&t, NULL, close_later, &fd);
	char *argv[] = { path, NULL };
	struct proc_result r;
	int rc = proc_run(argv, NULL, &r);
	pthread_join(t, NULL);
	ck_assert_msg(rc == 0, "%s", proc_describe_en(&r));
	ck_assert_str_eq(r.out, "ran\n");
	proc_result_free(&r);
	unlink(path);
	rmdir(dir);
}
END_TEST

static Suite *proc_suite(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("run");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_streams_and_status);
	tcase_add_test(tc, test_spawn_failure);
	tcase_add_test(tc, test_signal_named);
	tcase_add_test(tc, test_time_limit_kills_the_group);
	tcase_add_test(tc, test_background_child_ends_with_parent);
	tcase_add_test(tc, test_output_cap);
	tcase_add_test(tc, test_stop_at_cap);
	tcase_add_test(tc, test_locale);
	tcase_add_test(tc, test_stdin_is_empty_and_cwd_is_set);
	tcase_add_test(tc, test_argv_string_round_trips_through_sh);
	tcase_add_test(tc, test_memory_limit);
	tcase_add_test(tc, test_cpu_limit);
	tcase_add_test(tc, test_pid_namespace);
	tcase_add_test(tc, test_text_busy_retried);
	suite_add_tcase(s, tc);
	TCase *td = tcase_create("tmpdir");
	tcase_set_timeout(td, 600);
	tcase_add_test(td, test_tmpdir_removed);
	tcase_add_loop_test(td, test_tmpdir_removed_on_signal, 0, 3);
	suite_add_tcase(s, td);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(proc_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
