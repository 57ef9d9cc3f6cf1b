/* firstframe: how soon a full-screen program shows its first frame, timed from outside.
 *
 * Runs COMMAND under a pseudo-terminal of COLSxROWS, RUNS times. Each run is timed from just
 * before the fork to the read that completes every TEXT given with -f (the first frame), and
 * to the read that completes the COUNT-th occurrence of the -d text (a mark the program writes
 * once per finished step). Once the marks are in and the screen has been quiet for QUIET ms, it
 * types 'q' and waits for the program to end. It prints one line per run and then the medians:
 *
 *   median: first=12.3 done=1234.5 last=1300.0 runs=9 complete=9      (milliseconds)
 *
 * "last" is the last write before the quiet spell. A run whose marks never all came (within
 * TIMEOUT ms) counts for the first frame only; complete says how many runs saw every mark.
 *
 *   firstframe [-n RUNS] [-s COLSxROWS] [-f TEXT]... [-d TEXT] [-c COUNT] [-q QUIET]
 *              [-t TIMEOUT] [-e NAME=VALUE]... [-v] -- COMMAND [ARG]...
 *
 * Built by tests/bench/run with cc; forkpty() is in libutil (in libc itself from glibc 2.34).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FF_MAX_TEXTS 8
#define FF_MAX_ENV 16
#define FF_MAX_RUNS 1000

struct ff_opts {
	int runs, cols, rows, count, quiet_ms, timeout_ms, verbose;
	const char *texts[FF_MAX_TEXTS];
	int n_texts;
	const char *mark;
	char *env[FF_MAX_ENV];
	int n_env;
	char **argv;
};

/* What one run saw, in milliseconds from the fork; -1 when it never came. */
struct ff_run {
	double first, done, last;
	int marks, status;
};

static double ff_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int ff_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double ff_median(double *v, int n)
{
	if (n == 0)
		return -1;
	qsort(v, (size_t)n, sizeof *v, ff_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Occurrences of needle in hay[from..len), where a match may start before from only if it
 * ends at or after it (so a match split over two reads is counted once). */
static int ff_count(const char *hay, size_t len, size_t from, const char *needle)
{
	size_t nl = strlen(needle);
	int n = 0;
	size_t start = from >= nl ? from - nl + 1 : 0;
	const char *p = hay + start, *end = hay + len;
	while (nl && (p = memmem(p, (size_t)(end - p), needle, nl)) != NULL) {
		n++;
		p += nl;
	}
	return n;
}

static void ff_usage(void)
{
	fprintf(stderr, "usage: firstframe [-n RUNS] [-s COLSxROWS] [-f TEXT]... [-d TEXT] "
			"[-c COUNT] [-q QUIET_MS] [-t TIMEOUT_MS] [-e NAME=VALUE]... [-v] -- "
			"COMMAND [ARG]...\n");
	exit(2);
}

/* Read what the program wrote until the screen has been quiet long enough after the marks
 * (or the time is up), noting when the first frame and the last mark came. */
static void ff_watch(const struct ff_opts *o, int fd, double t0, struct ff_run *r)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	int have_first = 0;

	if (!buf) {
		perror("firstframe");
		exit(1);
	}
	r->first = r->done = r->last = -1;
	r->marks = 0;
	for (;;) {
		double now = ff_now_ms();
		int done = r->done >= 0 || (!o->mark && have_first);
		if (done && r->last >= 0 && now - (t0 + r->last) >= o->quiet_ms)
			break;
		if (now - t0 >= o->timeout_ms)
			break;
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		int pr = poll(&pf, 1, 10);
		if (pr < 0 && errno != EINTR)
			break;
		if (pr <= 0)
			continue;
		if (len + 65536 > cap) {
			char *g = realloc(buf, cap *= 2);
			if (!g) {
				perror("firstframe");
				exit(1);
			}
			buf = g;
		}
		ssize_t n = read(fd, buf + len, 65536);
		if (n <= 0)
			break; /* EIO: the program is gone */
		double at = ff_now_ms() - t0;
		size_t from = len;
		len += (size_t)n;
		r->last = at;
		if (!have_first) {
			int all = 1;
			for (int i = 0; i < o->n_texts; i++)
				all &= memmem(buf, len, o->texts[i], strlen(o->texts[i])) != NULL;
			if (all) {
				have_first = 1;
				r->first = at;
			}
		}
		if (o->mark) {
			r->marks += ff_count(buf, len, from, o->mark);
			if (r->done < 0 && r->marks >= o->count)
				r->done = at;
		}
	}
	if (o->verbose > 1)
		fwrite(buf, 1, len, stderr);
	free(buf);
}

/* One run: fork under a pty, watch, type q, wait for the end. */
static void ff_run_once(const struct ff_opts *o, struct ff_run *r)
{
	struct winsize ws = { .ws_row = (unsigned short)o->rows, .ws_col = (unsigned short)o->cols };
	int fd;
	double t0 = ff_now_ms();
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("firstframe: forkpty");
		exit(1);
	}
	if (pid == 0) {
		for (int i = 0; i < o->n_env; i++)
			putenv(o->env[i]);
		execvp(o->argv[0], o->argv);
		perror(o->argv[0]);
		_exit(127);
	}
	ff_watch(o, fd, t0, r);
	if (write(fd, "q", 1) != 1 && o->verbose)
		perror("firstframe: write");
	/* Drain until the program closes the terminal; end it if it will not go. */
	double asked = ff_now_ms();
	int sig = 0, status = 0;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		if (poll(&pf, 1, 20) > 0) {
			char sink[4096];
			if (read(fd, sink, sizeof sink) <= 0)
				pf.fd = -1;
		}
		double waited = ff_now_ms() - asked;
		if ((waited > 10000 && sig == 0) || (waited > 15000 && sig == SIGTERM)) {
			sig = sig ? SIGKILL : SIGTERM;
			kill(pid, sig);
		}
	}
	close(fd);
	r->status = status;
}

int main(int argc, char **argv)
{
	struct ff_opts o = { .runs = 10, .cols = 120, .rows = 40, .count = 1, .quiet_ms = 300,
			     .timeout_ms = 120000 };
	int c;
	while ((c = getopt(argc, argv, "+n:s:f:d:c:q:t:e:v")) != -1) {
		switch (c) {
		case 'n':
			o.runs = atoi(optarg);
			break;
		case 's':
			if (sscanf(optarg, "%dx%d", &o.cols, &o.rows) != 2)
				ff_usage();
			break;
		case 'f':
			if (o.n_texts == FF_MAX_TEXTS)
				ff_usage();
			o.texts[o.n_texts++] = optarg;
			break;
		case 'd':
			o.mark = optarg;
			break;
		case 'c':
			o.count = atoi(optarg);
			break;
		case 'q':
			o.quiet_ms = atoi(optarg);
			break;
		case 't':
			o.timeout_ms = atoi(optarg);
			break;
		case 'e':
			if (o.n_env == FF_MAX_ENV || !strchr(optarg, '='))
				ff_usage();
			o.env[o.n_env++] = optarg;
			break;
		case 'v':
			o.verbose++;
			break;
		default:
			ff_usage();
		}
	}
	if (optind >= argc || o.runs < 1 || o.runs > FF_MAX_RUNS || o.cols < 1 || o.rows < 1 ||
	    o.n_texts == 0)
		ff_usage();
	o.argv = argv + optind;

	static double first[FF_MAX_RUNS], done[FF_MAX_RUNS], last[FF_MAX_RUNS];
	int nf = 0, nd = 0;
	for (int i = 0; i < o.runs; i++) {
		struct ff_run r;
		ff_run_once(&o, &r);
		printf("run %d: first frame %.1f ms, marks %d (done %.1f ms), last write %.1f ms, "
		       "exit %d\n", i + 1, r.first, r.marks, r.done, r.last,
		       WIFEXITED(r.status) ? WEXITSTATUS(r.status) : 128 + WTERMSIG(r.status));
		fflush(stdout);
		if (r.first >= 0)
			first[nf++] = r.first;
		if (r.done >= 0) {
			done[nd] = r.done;
			last[nd++] = r.last;
		}
	}
	double mf = ff_median(first, nf), md = ff_median(done, nd), ml = ff_median(last, nd);
	printf("median: first=%.1f done=%.1f last=%.1f runs=%d complete=%d\n", mf, md, ml, nf, nd);
	return nf ? 0 : 1;
}
