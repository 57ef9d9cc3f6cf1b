/* watch: notice that the learner saved a file the walk reads. See watch.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "tui/watch.h"

struct watch_dir {
	int wd;
	char *path;
	char **names;  /* the input files in it, without the directory */
	size_t n_names;
	int exercise;  /* the exercise's directory: its .c files and `build` count too */
};

/* The directory part of path ("." for a bare name), malloc'd; and its last part. */
static char *watch_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static const char *watch_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The directory entry for dir (compared as real paths), made when new; NULL on failure. */
static struct watch_dir *watch_dir_for(struct watch *wt, const char *dir, char *err,
				       size_t errlen)
{
	char *real = realpath(dir, NULL);
	if (!real) {
		snprintf(err, errlen, _("cannot watch %1$s: %2$s"), dir, strerror(errno));
		return NULL;
	}
	for (size_t i = 0; i < wt->n_dirs; i++)
		if (strcmp(wt->dirs[i].path, real) == 0) {
			free(real);
			return &wt->dirs[i];
		}
	int wd = inotify_add_watch(wt->fd, real, IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR);
	if (wd < 0) {
		snprintf(err, errlen, _("cannot watch %1$s: %2$s"), dir, strerror(errno));
		free(real);
		return NULL;
	}
	struct watch_dir *d = realloc(wt->dirs, (wt->n_dirs + 1) * sizeof *d);
	if (!d) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		free(real);
		return NULL;
	}
	wt->dirs = d;
	d = &wt->dirs[wt->n_dirs++];
	memset(d, 0, sizeof *d);
	d->wd = wd;
	d->path = real;
	return d;
}

int watch_open(struct watch *wt, const char *const *files, size_t n, const char *exdir,
	       char *err, size_t errlen)
{
	memset(wt, 0, sizeof *wt);
	wt->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (wt->fd < 0) {
		snprintf(err, errlen, _("cannot watch the files for saves: %s"), strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char *dir = watch_dirname(files[i]);
		struct watch_dir *d = dir ? watch_dir_for(wt, dir, err, errlen) : NULL;
		free(dir);
		if (!d)
			goto fail;
		char **names = realloc(d->names, (d->n_names + 1) * sizeof *names);
		if (!names || !(names[d->n_names] = strdup(watch_basename(files[i])))) {
			if (names)
				d->names = names;
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			goto fail;
		}
		d->names = names;
		d->n_names++;
	}
	if (exdir) {
		struct watch_dir *d = watch_dir_for(wt, exdir, err, errlen);
		if (!d)
			goto fail;
		d->exercise = 1;
	}
	return 0;
fail:
	watch_close(wt);
	return -1;
}

void watch_close(struct watch *wt)
{
	for (size_t i = 0; i < wt->n_dirs; i++) {
		for (size_t k = 0; k < wt->dirs[i].n_names; k++)
			free(wt->dirs[i].names[k]);
		free(wt->dirs[i].names);
		free(wt->dirs[i].path);
	}
	free(wt->dirs);
	if (wt->fd >= 0)
		close(wt->fd);
	memset(wt, 0, sizeof *wt);
	wt->fd = -1;
}

int watch_fd(const struct watch *wt)
{
	return wt->fd;
}

static int watch_ends(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n > m && strcmp(s + n - m, end) == 0;
}

/* Whether a save of name in d counts. */
static int watch_counts(const struct watch_dir *d, const char *name)
{
	size_t len = strlen(name);
	/* vim's .x.c.swp and its test file 4913, emacs's .#x.c and #x.c#, gedit's
	 * .goutputstream-XXXXXX, and every editor's backup x.c~ */
	if (len == 0 || name[0] == '.' || name[0] == '#' || name[len - 1] == '~' ||
	    strcmp(name, "4913") == 0)
		return 0;
	for (size_t k = 0; k < d->n_names; k++)
		if (strcmp(d->names[k], name) == 0)
			return 1;
	if (watch_ends(name, ".h"))
		return 1;
	return d->exercise && (watch_ends(name, ".c") || strcmp(name, "build") == 0);
}

static long watch_ms_since(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

int watch_read(struct watch *wt)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int any = 0;

	if (wt->fd < 0)
		return 0;
	for (;;) {
		ssize_t got = read(wt->fd, buf, sizeof buf);
		if (got <= 0)
			break;
		for (char *p = buf; p < buf + got;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			if (!ev->len || (ev->mask & IN_ISDIR))
				continue;
			const struct watch_dir *d = NULL;
			for (size_t i = 0; i < wt->n_dirs; i++)
				if (wt->dirs[i].wd == ev->wd)
					d = &wt->dirs[i];
			if (!d || !watch_counts(d, ev->name))
				continue;
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (!wt->pending) {
				wt->pending = 1;
				wt->first = now;
				clock_gettime(CLOCK_REALTIME, &wt->seen);
				wt->n_names = 0;
				wt->name[0] = '\0';
				watch_stamp("seen", &wt->seen);
			}
			wt->last = now;
			if (strcmp(wt->name, ev->name) != 0) {
				snprintf(wt->name, sizeof wt->name, "%s", ev->name);
				wt->n_names++;
			}
			any = 1;
		}
	}
	return any;
}

int watch_wait_ms(const struct watch *wt)
{
	if (!wt->pending)
		return -1;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long quiet = WATCH_SETTLE_MS - watch_ms_since(&wt->last, &now);
	long cap = WATCH_SETTLE_MAX_MS - watch_ms_since(&wt->first, &now);
	long ms = quiet < cap ? quiet : cap;
	return ms < 0 ? 0 : (int)ms;
}

int watch_due(struct watch *wt)
{
	if (!wt->pending || watch_wait_ms(wt) > 0)
		return 0;
	wt->pending = 0;
	return 1;
}

void watch_stamp(const char *what, const struct timespec *at)
{
	static int fd = -2;
	if (fd == -2) {
		const char *path = getenv("LESSON_WATCH_TIMES");
		fd = path && *path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644) :
				     -1;
	}
	if (fd < 0)
		return;
	struct timespec now;
	if (!at) {
		clock_gettime(CLOCK_REALTIME, &now);
		at = &now;
	}
	char line[128];
	int n = snprintf(line, sizeof line, "%s %lld.%09ld\n", what, (long long)at->tv_sec,
			 at->tv_nsec);
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		fd = -1;
}
