/* check_watch: tui/watch.c, the saves --watch notices. Real files in a scratch directory,
 * real inotify events: a file written in place and one renamed over an input count, as do a
 * header beside it and, in an exercise's directory, its .c files and `build`; editors'
 * temporary and backup files and unrelated files do not. A save is reported once, after the
 * settle time, and the stamps it writes carry the clock of the moment the event was read. */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tui/watch.h"

static char scratch[256];
static char stamps[300];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void scratch_setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(scratch, sizeof scratch, "%s/check_watch.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

static void scratch_teardown(void)
{
	nftw(scratch, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write text into dir/name, in place (opened, truncated, written, closed). */
static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Write a new file and rename it over dir/name, as editors save. */
static void put_by_rename(const char *dir, const char *name, const char *text)
{
	char from[512], to[512];
	put(dir, ".new-file.tmp", text);
	snprintf(from, sizeof from, "%s/.new-file.tmp", dir);
	snprintf(to, sizeof to, "%s/%s", dir, name);
	ck_assert_int_eq(rename(from, to), 0);
}

/* Wait for the events to arrive (a bound of 20 s on the wait, never reached when inotify
 * works), then read them: what watch_read says. */
static int arrive(struct watch *wt)
{
	struct pollfd p = { .fd = watch_fd(wt), .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, 20000), 1);
	/* the events of one write come together; give the rest of a burst a moment */
	usleep(20000);
	return watch_read(wt);
}

static void open_on(struct watch *wt, const char *file, const char *exdir)
{
	char err[512], path[512];
	snprintf(path, sizeof path, "%s/%s", scratch, file);
	const char *files[] = { path };
	ck_assert_msg(watch_open(wt, files, 1, exdir, err, sizeof err) == 0, "%s", err);
	ck_assert_int_ge(watch_fd(wt), 0);
}

START_TEST(test_watch_input_in_place_and_by_rename)
{
	struct watch wt;
	put(scratch, "hello.c", "int main(void) { return 0; }\n");
	open_on(&wt, "hello.c", NULL);
	put(scratch, "hello.c", "int main(void) { return 1; }\n");
	ck_assert_int_eq(arrive(&wt), 1);
	ck_assert_str_eq(wt.name, "hello.c");
	ck_assert_int_eq(wt.pending, 1);
	usleep((WATCH_SETTLE_MS + 20) * 1000);
	ck_assert_int_eq(watch_due(&wt), 1);
	/* reported once */
	ck_assert_int_eq(watch_due(&wt), 0);
	put_by_rename(scratch, "hello.c", "int main(void) { return 2; }\n");
	ck_assert_int_eq(arrive(&wt), 1);
	ck_assert_str_eq(wt.name, "hello.c");
	ck_assert_uint_eq(wt.n_names, 1);
	watch_close(&wt);
	ck_assert_int_eq(watch_fd(&wt), -1);
}
END_TEST

START_TEST(test_watch_ignores_editors_files)
{
	struct watch wt;
	put(scratch, "hello.c", "int main(void) { return 0; }\n");
	open_on(&wt, "hello.c", NULL);
	/* vim's swap file and its test file, emacs's lock and autosave, a backup, a file
	 * that is no input, and a header's backup */
	const char *names[] = { ".hello.c.swp", "4913", ".#hello.c", "#hello.c#", "hello.c~",
				"other.c", "util.h~", "notes.txt" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		put(scratch, names[i], "x\n");
		ck_assert_msg(arrive(&wt) == 0, "a save of %s counted", names[i]);
		ck_assert_int_eq(wt.pending, 0);
		ck_assert_int_eq(watch_wait_ms(&wt), -1);
	}
	watch_close(&wt);
}
END_TEST

START_TEST(test_watch_headers_and_exercise_files)
{
	struct watch wt;
	char sub[400];
	snprintf(sub, sizeof sub, "%s/ex", scratch);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	put(scratch, "hello.c", "int main(void) { return 0; }\n");
	open_on(&wt, "hello.c", sub);
	put(scratch, "util.h", "int f(void);\n");
	ck_assert_int_eq(arrive(&wt), 1);
	ck_assert_str_eq(wt.name, "util.h");
	usleep((WATCH_SETTLE_MS + 20) * 1000);
	ck_assert_int_eq(watch_due(&wt), 1);
	/* in the exercise's directory: any .c and the build file */
	put(sub, "util.c", "int f(void) { return 1; }\n");
	ck_assert_int_eq(arrive(&wt), 1);
	ck_assert_str_eq(wt.name, "util.c");
	put_by_rename(sub, "build", "sources: main.c util.c\n");
	ck_assert_int_eq(arrive(&wt), 1);
	/* one save of two files */
	ck_assert_str_eq(wt.name, "build");
	ck_assert_uint_eq(wt.n_names, 2);
	/* but not another .c beside the input outside the exercise */
	usleep((WATCH_SETTLE_MS + 20) * 1000);
	ck_assert_int_eq(watch_due(&wt), 1);
	put(scratch, "other.c", "int g;\n");
	ck_assert_int_eq(arrive(&wt), 0);
	watch_close(&wt);
}
END_TEST

START_TEST(test_watch_settles)
{
	struct watch wt;
	put(scratch, "hello.c", "int main(void) { return 0; }\n");
	open_on(&wt, "hello.c", NULL);
	put(scratch, "hello.c", "int main(void) { return 3; }\n");
	ck_assert_int_eq(arrive(&wt), 1);
	struct timespec b;
	int ms = watch_wait_ms(&wt);
	ck_assert_int_ge(ms, 0);
	ck_assert_int_le(ms, WATCH_SETTLE_MS);
	/* due only once the quiet time has passed since the last event */
	while (!watch_due(&wt))
		usleep(1000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long since_last = (long)(b.tv_sec - wt.last.tv_sec) * 1000 +
			  (b.tv_nsec - wt.last.tv_nsec) / 1000000;
	ck_assert_int_ge(since_last, WATCH_SETTLE_MS);
	watch_close(&wt);
}
END_TEST

/* Run first (its own suite, before any other stamp): the "seen" stamps carry the real time
 * of the event's reading, between the clock read before the write and after the read. */
START_TEST(test_watch_stamps)
{
	struct watch wt;
	put(scratch, "hello.c", "int main(void) { return 0; }\n");
	open_on(&wt, "hello.c", NULL);
	struct timespec before, after;
	clock_gettime(CLOCK_REALTIME, &before);
	put(scratch, "hello.c", "int main(void) { return 4; }\n");
	ck_assert_int_eq(arrive(&wt), 1);
	clock_gettime(CLOCK_REALTIME, &after);
	watch_stamp("drawn 0", NULL);
	watch_close(&wt);
	FILE *f = fopen(stamps, "r");
	ck_assert_ptr_nonnull(f);
	char what[32];
	double secs, seen = 0, drawn = 0;
	int n = 0;
	while (fscanf(f, "%31s", what) == 1) {
		if (strcmp(what, "drawn") == 0 && fscanf(f, "%*d %lf", &secs) == 1)
			drawn = secs;
		else if (strcmp(what, "seen") == 0 && fscanf(f, "%lf", &secs) == 1)
			seen = secs;
		n++;
	}
	fclose(f);
	ck_assert_int_eq(n, 2);
	double lo = (double)before.tv_sec + (double)before.tv_nsec / 1e9;
	double hi = (double)after.tv_sec + (double)after.tv_nsec / 1e9;
	ck_assert_msg(seen >= lo && seen <= hi, "seen %.6f not within %.6f..%.6f", seen, lo, hi);
	ck_assert_msg(drawn >= seen, "drawn %.6f before seen %.6f", drawn, seen);
}
END_TEST

static Suite *watch_suite(void)
{
	Suite *s = suite_create("watch");
	TCase *tc = tcase_create("watch");
	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
	tcase_add_test(tc, test_watch_stamps);
	tcase_add_test(tc, test_watch_input_in_place_and_by_rename);
	tcase_add_test(tc, test_watch_ignores_editors_files);
	tcase_add_test(tc, test_watch_headers_and_exercise_files);
	tcase_add_test(tc, test_watch_settles);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* the stamps go to a file of this run; each test runs in its own process (fork), so
	 * the first stamp of each test opens it anew */
	const char *tmp = getenv("TMPDIR");
	snprintf(stamps, sizeof stamps, "%s/check_watch.stamps.%ld", tmp && *tmp ? tmp : "/tmp",
		 (long)getpid());
	unlink(stamps);
	setenv("LESSON_WATCH_TIMES", stamps, 1);
	SRunner *sr = srunner_create(watch_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	unlink(stamps);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
