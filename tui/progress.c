/* progress: what the learner has already seen. See progress.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "tui/progress.h"

#define PROGRESS_NO_HOME \
	N_("progress is not kept: no home directory (HOME is unset or relative, and the " \
	   "password database names none)")

static void progress_fail(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Keep a message for the caller; the last failure wins. */
static void progress_fail(struct progress *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof p->err, fmt, ap);
	va_end(ap);
}

static int progress_valid(const char *key, size_t len)
{
	if (len == 0 || len > PROGRESS_KEY_MAX)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];
		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

static int progress_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the keys and drop duplicates, after appending unsorted ones. */
static void progress_tidy(struct progress *p)
{
	if (p->n == 0)
		return;
	qsort(p->keys, p->n, sizeof *p->keys, progress_cmp);
	size_t k = 1;
	for (size_t i = 1; i < p->n; i++) {
		if (strcmp(p->keys[i], p->keys[k - 1]) == 0)
			free(p->keys[i]);
		else
			p->keys[k++] = p->keys[i];
	}
	p->n = k;
}

/* Append a copy of key (len bytes) at position at, moving the others up; -1 out of memory. */
static int progress_insert(struct progress *p, size_t at, const char *key, size_t len)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 32;
		char **k = realloc(p->keys, cap * sizeof *k);
		if (!k)
			return -1;
		p->keys = k;
		p->cap = cap;
	}
	char *copy = strndup(key, len);
	if (!copy)
		return -1;
	memmove(p->keys + at + 1, p->keys + at, (p->n - at) * sizeof *p->keys);
	p->keys[at] = copy;
	p->n++;
	return 0;
}

/* Where key is, or where it would go: *found says which. */
static size_t progress_find(const struct progress *p, const char *key, int *found)
{
	size_t lo = 0, hi = p->n;
	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->keys[mid], key);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Add the valid keys of the file to p (lines that are not keys are skipped). Returns 0, also
 * when there is no file, or -1 with p->err set. */
static int progress_read(struct progress *p)
{
	FILE *f = fopen(p->path, "re");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		progress_fail(p, _("cannot read %1$s: %2$s"), p->path, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	int rc = 0;
	while ((len = getline(&line, &size, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (!progress_valid(line, (size_t)len))
			continue;
		if (progress_insert(p, p->n, line, (size_t)len) < 0) {
			progress_fail(p, _("out of memory reading %s"), p->path);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		progress_fail(p, _("cannot read %1$s: %2$s"), p->path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	progress_tidy(p);
	return rc;
}

/* The progress file's name, or NULL with p->err set. */
static char *progress_path_of(struct progress *p)
{
	const char *base = getenv("XDG_STATE_HOME");
	const char *rest = "/cstages/progress";
	int xdg = 1;
	/* The XDG spec: a relative value is invalid and is ignored, as if unset. */
	if (!base || base[0] != '/') {
		xdg = 0;
		base = getenv("HOME");
		if (!base || base[0] != '/') {
			struct passwd *pw = getpwuid(getuid());
			base = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
		}
		rest = "/.local/state/cstages/progress";
	}
	if (!base) {
		progress_fail(p, "%s", _(PROGRESS_NO_HOME));
		return NULL;
	}
	size_t n = strlen(base);
	while (n > 1 && base[n - 1] == '/')
		n--;
	if (n == 1)
		n = 0; /* the root: "/" + "/cstages" would double the slash */
	/* what must exist: the home itself, or the directory that holds XDG_STATE_HOME */
	p->must_exist = n;
	if (xdg) {
		while (p->must_exist > 0 && base[p->must_exist - 1] != '/')
			p->must_exist--;
		while (p->must_exist > 0 && base[p->must_exist - 1] == '/')
			p->must_exist--;
	}
	char *path;
	if (asprintf(&path, "%.*s%s", (int)n, base, rest) < 0) {
		progress_fail(p, "%s", _("out of memory"));
		return NULL;
	}
	return path;
}

int progress_load(struct progress *p)
{
	memset(p, 0, sizeof *p);
	const char *off = getenv("CSTAGES_NO_PROGRESS");
	if (off && *off && strcmp(off, "0") != 0) {
		p->disabled = 1;
		return 0;
	}
	p->path = progress_path_of(p);
	if (!p->path)
		return -1;
	return progress_read(p);
}

int progress_seen(const struct progress *p, const char *key)
{
	int found = 0;
	if (key)
		progress_find(p, key, &found);
	return found;
}

/* mkdir -p dir with mode 0700 for what it makes; -1 with p->err set. */
static int progress_mkdirs(struct progress *p, char *dir)
{
	for (char *s = dir + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		struct stat st;
		int e = mkdir(dir, 0700) == 0 ? 0 : errno;
		/* An existing directory is fine, whatever mkdir said (EEXIST, or EROFS). */
		if (e && !(stat(dir, &st) == 0 && S_ISDIR(st.st_mode))) {
			progress_fail(p, _("cannot save progress: cannot make the directory %1$s: %2$s"),
				      dir, strerror(e));
			*s = c;
			return -1;
		}
		*s = c;
		if (c == '\0')
			return 0;
	}
}

/* Write all of buf to fd; -1 with errno set. */
static int progress_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Write the keys to a new file beside the old one, flush it and rename it over the old one,
 * so a crash or a full disk leaves either the old file or the new one, never a part. */
static int progress_replace(struct progress *p, const char *dir)
{
	char *tmp;
	if (asprintf(&tmp, "%s/.progress.XXXXXX", dir) < 0) {
		progress_fail(p, "%s", _("out of memory"));
		return -1;
	}
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		progress_fail(p, _("cannot save progress in %1$s: %2$s"), dir, strerror(errno));
		free(tmp);
		return -1;
	}
	int ok = fchmod(fd, 0600) == 0;
	for (size_t i = 0; ok && i < p->n; i++)
		ok = progress_write_all(fd, p->keys[i], strlen(p->keys[i])) == 0 &&
		     progress_write_all(fd, "\n", 1) == 0;
	ok = ok && fsync(fd) == 0;
	int e = errno;
	if (close(fd) < 0 && ok) {
		ok = 0;
		e = errno;
	}
	if (ok && rename(tmp, p->path) < 0) {
		ok = 0;
		e = errno;
	}
	if (!ok) {
		progress_fail(p, _("cannot save progress in %1$s: %2$s"), p->path, strerror(e));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	/* The rename itself reaches the disk with the directory. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

/* Merge the file's keys into p and write them all back. */
static int progress_save(struct progress *p)
{
	if (progress_read(p) < 0) {
		/* Never replace a file we could not read: it may hold marks we did not see. */
		char why[sizeof p->err];
		snprintf(why, sizeof why, "%s", p->err);
		/* TRANSLATORS: %s is why the progress file could not be read */
		progress_fail(p, _("%s; progress not saved"), why);
		return -1;
	}
	char *dir = strdup(p->path);
	if (!dir) {
		progress_fail(p, "%s", _("out of memory"));
		return -1;
	}
	*strrchr(dir, '/') = '\0';
	/* Never make a home, nor the directory above XDG_STATE_HOME: HOME=/nonexistent/x is a
	 * mistake or a sandbox, not a place to fill. */
	char *need = strndup(p->path, p->must_exist);
	struct stat st;
	if (!need || (*need && (stat(need, &st) != 0 || !S_ISDIR(st.st_mode)))) {
		if (need)
			progress_fail(p, _("progress is not kept: %s does not exist, and lesson makes "
					   "no home directory"), need);
		else
			progress_fail(p, "%s", _("out of memory"));
		free(need);
		free(dir);
		return -1;
	}
	free(need);
	int rc = progress_mkdirs(p, dir) < 0 ? -1 : progress_replace(p, dir);
	free(dir);
	return rc;
}

int progress_mark(struct progress *p, const char *key)
{
	size_t len = key ? strlen(key) : 0;
	if (!progress_valid(key, len)) {
		progress_fail(p, ngettext("not a progress key (1 to %d byte, no control characters)",
					  "not a progress key (1 to %d bytes, no control characters)",
					  PROGRESS_KEY_MAX), PROGRESS_KEY_MAX);
		return -1;
	}
	int found;
	size_t at = progress_find(p, key, &found);
	if (found)
		return 0;
	if (progress_insert(p, at, key, len) < 0) {
		progress_fail(p, "%s", _("out of memory"));
		return -1;
	}
	if (p->disabled)
		return 0;
	if (!p->path) {
		/* progress_load found no home: say so again, for this mark. */
		progress_fail(p, "%s", _(PROGRESS_NO_HOME));
		return -1;
	}
	return progress_save(p);
}

void progress_free(struct progress *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->keys[i]);
	free(p->keys);
	free(p->path);
	memset(p, 0, sizeof *p);
}
