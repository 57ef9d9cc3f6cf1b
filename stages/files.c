/* files: a file read whole, and the name a source's artifacts take. See files.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/files.h"

/* The first allocation when the size is unknown (a pipe, /proc), and the step after it. */
#define FILES_CHUNK 65536

char *files_slurp(const char *path, size_t max, size_t *len, int *cut)
{
	*len = 0;
	if (cut)
		*cut = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* Room for the whole file, a byte to see its end and the NUL: fresh memory is touched
	 * once, and a file of known size is read without a copy. */
	struct stat st;
	size_t cap = FILES_CHUNK;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < SIZE_MAX / 4)
		cap = (size_t)st.st_size + 2;
	if (max && cap > max + 2)
		cap = max + 2;
	char *buf = malloc(cap);
	size_t n = 0;
	int e = 0;
	while (buf) {
		if (cap - n < 2) {
			size_t more = cap < SIZE_MAX / 4 ? cap * 2 : 0;
			if (max && more > max + 2)
				more = max + 2;
			char *g = more > cap ? realloc(buf, more) : NULL;
			if (!g) {
				e = ENOMEM;
				break;
			}
			buf = g;
			cap = more;
		}
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			e = errno ? errno : EIO;
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (max && n > max) {
			if (!cut) {
				e = EFBIG;
				break;
			}
			*cut = 1;
			n = max;
			break;
		}
	}
	close(fd);
	if (!buf || e) {
		free(buf);
		errno = buf ? e : ENOMEM;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *files_base(const char *src)
{
	const char *slash = strrchr(src, '/');
	const char *name = slash ? slash + 1 : src;
	size_t len = strlen(name);
	if (len > 2 && strcmp(name + len - 2, ".c") == 0)
		len -= 2;
	char *b = malloc(len + 2), *p = b;
	if (!b)
		return NULL;
	if (len == 0 || name[0] == '-' || name[0] == '.')
		*p++ = '_';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '_' || c == '-' || c == '.' || c == '+';
		*p++ = ok ? (char)c : '_';
	}
	*p = '\0';
	return b;
}

char *files_abs_name(const char *src)
{
	const char *slash = strrchr(src, '/');
	const char *name = slash ? slash + 1 : src;
	char *dir = slash ? strndup(src, slash == src ? 1 : (size_t)(slash - src)) : strdup(".");
	if (!dir)
		return NULL;
	char *real = realpath(dir, NULL);
	free(dir);
	if (!real)
		return NULL;
	char *abs = NULL;
	/* the root's "/" is not doubled */
	if (asprintf(&abs, "%s/%s", strcmp(real, "/") == 0 ? "" : real, name) < 0)
		abs = NULL;
	free(real);
	return abs;
}
