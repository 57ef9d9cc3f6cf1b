/* screentime: how long a headless lesson takes per key, timed from the screens it writes.
 *
 * `lesson --headless=WxH --keys=KEYS FILE` waits for the walk, draws the first screen, then for
 * each key handles it, draws, and writes the screen as text after a line "--- screen N after
 * KEY", flushing each one. screentime runs such a command RUNS times with its stdout on a pipe
 * and notes when each "--- screen " line arrives. Screen 0 comes after the walk, so the time
 * from screen 0 to screen K is the K keys alone (each key's handling and drawing, plus the
 * writing of the screen before it), whatever the walk cost. It prints a line per run with its
 * mean time a key, then over all the keys of all runs (milliseconds a key):
 *
 *   keys: n=3000 runs=3 run-median=0.21 median=0.19 p95=0.40 max=3.10
 *
 * run-median is the median of the runs' means: the figure to quote. The others are over the
 * single keys, as their screens arrived: when the reader falls behind, screens that arrive in
 * one read count as one key's time and zeros, so they describe slow keys better than fast ones.
 *
 * With -k KEY only the screens written after KEY (as the heading names it: "n", "<Enter>")
 * count, each with the time since the screen before it: the cost of that key alone.
 *
 *   screentime [-r RUNS] [-k KEY] -- COMMAND [ARG]...
 *
 * Built by tests/bench/run with cc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char st_marker[] = "--- screen ";

static double st_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int st_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* A growing array of times. */
struct st_vec {
	double *v;
	size_t n, cap;
};

static void st_push(struct st_vec *s, double x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v) {
			perror("screentime");
			exit(1);
		}
	}
	s->v[s->n++] = x;
}

/* The median of a sorted array. */
static double st_median(const struct st_vec *s)
{
	return s->n % 2 ? s->v[s->n / 2] : (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
}

/* One run: the arrival time of every screen's heading, in order, and in counted whether the
 * screen came after the key only counts (always 1 without one). Returns the exit status. */
static int st_run(char **argv, const char *only, struct st_vec *arrivals, struct st_vec *counted)
{
	int p[2];
	if (pipe(p) < 0) {
		perror("screentime: pipe");
		exit(1);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("screentime: fork");
		exit(1);
	}
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	close(p[1]);
	/* Match the marker at line starts, across reads: have counts its bytes seen so far;
	 * then keep the rest of the heading, "N after KEY", until its newline. */
	size_t have = 0, hlen = 0;
	int at_start = 1, in_heading = 0;
	char heading[128];
	char buf[1 << 16];
	ssize_t n;
	while ((n = read(p[0], buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		double t = st_now_ms();
		for (ssize_t i = 0; i < n; i++) {
			char c = buf[i];
			if (in_heading) {
				if (c != '\n') {
					if (hlen < sizeof heading - 1)
						heading[hlen++] = c;
					continue;
				}
				heading[hlen] = '\0';
				const char *key = strstr(heading, " after ");
				key = key ? key + 7 : "";
				st_push(counted, !only || strcmp(key, only) == 0);
				in_heading = 0;
			}
			if (c == '\n') {
				at_start = 1;
				have = 0;
				continue;
			}
			if (!at_start)
				continue;
			if (c != st_marker[have]) {
				at_start = 0;
				continue;
			}
			have++;
			if (have == sizeof st_marker - 1) {
				st_push(arrivals, t);
				at_start = 0;
				in_heading = 1;
				hlen = 0;
			}
		}
	}
	if (in_heading)
		st_push(counted, 0); /* a heading cut short: the program died writing it */
	close(p[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	int runs = 3, c;
	const char *only = NULL;
	while ((c = getopt(argc, argv, "+r:k:")) != -1) {
		if (c == 'r' && atoi(optarg) > 0) {
			runs = atoi(optarg);
			continue;
		}
		if (c == 'k') {
			only = optarg;
			continue;
		}
		fprintf(stderr, "usage: screentime [-r RUNS] [-k KEY] -- COMMAND [ARG]...\n");
		return 2;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: screentime [-r RUNS] [-k KEY] -- COMMAND [ARG]...\n");
		return 2;
	}
	struct st_vec all = { 0 }, means = { 0 };
	for (int r = 0; r < runs; r++) {
		struct st_vec a = { 0 }, k = { 0 };
		int rc = st_run(argv + optind, only, &a, &k);
		if (rc != 0 || a.n < 2 || k.n != a.n) {
			fprintf(stderr, "screentime: run %d: exit %d, %zu screens\n", r + 1, rc, a.n);
			return 1;
		}
		double span = 0;
		size_t keys = 0;
		for (size_t i = 1; i < a.n; i++) {
			if (!k.v[i])
				continue;
			span += a.v[i] - a.v[i - 1];
			keys++;
			st_push(&all, a.v[i] - a.v[i - 1]);
		}
		if (keys == 0) {
			fprintf(stderr, "screentime: run %d: no screen after %s\n", r + 1, only);
			return 1;
		}
		printf("run %d: %zu keys%s%s, %.1f ms in all, %.3f ms a key\n", r + 1, keys,
		       only ? " " : "", only ? only : "", span, span / (double)keys);
		st_push(&means, span / (double)keys);
		free(a.v);
		free(k.v);
	}
	qsort(all.v, all.n, sizeof *all.v, st_cmp);
	qsort(means.v, means.n, sizeof *means.v, st_cmp);
	size_t i95 = (size_t)((double)(all.n - 1) * 0.95);
	printf("keys: n=%zu runs=%zu run-median=%.3f median=%.3f p95=%.3f max=%.3f\n", all.n,
	       means.n, st_median(&means), st_median(&all), all.v[i95], all.v[all.n - 1]);
	free(means.v);
	free(all.v);
	return 0;
}
