/* oracle: the tests' independent witnesses. See oracle.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/oracle.h"

char *oracle_sh(int *status, const char *fmt, ...)
{
	va_list ap;
	char *cmd = NULL;
	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);
	FILE *p = popen(cmd, "r");
	if (!p)
		abort();
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	int st = pclose(p);
	if (status)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	free(cmd);
	return buf;
}

size_t oracle_lines(const char *text)
{
	size_t n = 0, len = strlen(text);
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len && text[len - 1] != '\n');
}

char *oracle_quote(const char *s)
{
	char *q = malloc(strlen(s) * 4 + 3), *p = q;
	*p++ = '\'';
	for (; *s; s++) {
		if (*s == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else {
			*p++ = *s;
		}
	}
	*p++ = '\'';
	*p = '\0';
	return q;
}

static char oracle_dir[256];

static void oracle_cleanup(void)
{
	if (oracle_dir[0] && getpid() == (pid_t)atol(strrchr(oracle_dir, '-') + 1)) {
		char *q = oracle_quote(oracle_dir);
		free(oracle_sh(NULL, "rm -rf %s", q));
		free(q);
	}
}

const char *oracle_scratch(void)
{
	if (!oracle_dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(oracle_dir, sizeof oracle_dir, "%s/cstages-test.XXXXXX",
			 t && *t ? t : "/tmp");
		if (!mkdtemp(oracle_dir))
			abort();
		/* tag it with the owner's pid so forked tests do not remove it */
		char tagged[sizeof oracle_dir];
		int n = snprintf(tagged, sizeof tagged, "%s-%ld", oracle_dir, (long)getpid());
		if (n > 0 && (size_t)n < sizeof tagged && rename(oracle_dir, tagged) == 0)
			memcpy(oracle_dir, tagged, sizeof oracle_dir);
		atexit(oracle_cleanup);
	}
	return oracle_dir;
}

char *oracle_write(const char *dir, const char *name, const char *text)
{
	char *path = NULL;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
	return path;
}
