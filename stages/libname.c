/* libname: which library an undefined symbol comes from, asked of this machine. See libname.h. */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/libname.h"
#include "stages/proc.h"
#include "stages/xfmt.h"

/* The header, outside the main file, whose text in the .i declares name: a line of it with
 * name as a word followed by '('. Its index in the .i's files, or -1. */
static int libname_declaring_header(const struct ppmap *m, const char *name)
{
	size_t k = strlen(name);
	for (size_t i = 0; k && i < m->n_lines; i++) {
		const struct ppmap_line *l = &m->lines[i];
		if (l->is_marker || l->file < 0 || l->file == m->main_file ||
		    m->files[l->file].pseudo)
			continue;
		const char *t = m->text + l->off, *end = t + l->len;
		for (const char *p = t; p + k <= end; p++) {
			p = memchr(p, name[0], (size_t)(end - p));
			if (!p || p + k > end)
				break;
			if (memcmp(p, name, k) != 0 ||
			    (p > t && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
				continue;
			const char *q = p + k;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '(')
				return l->file;
		}
	}
	return -1;
}

/* The first line of a tool's output, trimmed; NULL when it printed nothing. malloc'd. */
static char *libname_first_line(const struct proc_result *r)
{
	if (!proc_ok(r) || !r->out)
		return NULL;
	size_t n = strcspn(r->out, "\n");
	while (n > 0 && isspace((unsigned char)r->out[n - 1]))
		n--;
	size_t b = strspn(r->out, " \t");
	return n > b ? strndup(r->out + b, n - b) : NULL;
}

/* The package that installed header, its pkg-config module and the options that link its
 * library, asked of dpkg -S, dpkg -L and pkg-config --libs. 0 when all are found. */
static int libname_find(const char *header, const char *dir, int timeout_ms, char **package,
			char **pc, char **flags)
{
	struct proc_opts o = { .cwd = dir, .timeout_ms = timeout_ms };
	struct proc_result r;
	*package = *pc = *flags = NULL;
	char *s_argv[] = { "dpkg", "-S", (char *)header, NULL };
	proc_run(s_argv, &o, &r);
	char *line = libname_first_line(&r);
	proc_result_free(&r);
	/* "zlib1g-dev:amd64: /usr/include/zlib.h" */
	char *colon = line ? strstr(line, ": ") : NULL;
	if (!colon || strchr(line, ',')) {
		free(line);
		return -1;
	}
	*colon = '\0';
	*package = line;
	char *l_argv[] = { "dpkg", "-L", line, NULL };
	proc_run(l_argv, &o, &r);
	const char *base = strrchr(header, '/') ? strrchr(header, '/') + 1 : header;
	size_t stem = strcspn(base, ".");
	char *lib = NULL;
	for (char *p = proc_ok(&r) ? r.out : NULL, *e; p && *p; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		if (e)
			*e = '\0';
		const char *b = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
		size_t n = strlen(b);
		if (strstr(p, "/pkgconfig/") && n > 3 && strcmp(b + n - 3, ".pc") == 0) {
			/* the module named like the header, else the first */
			int like = n - 3 == stem && strncmp(b, base, stem) == 0;
			if (!*pc || like) {
				free(*pc);
				*pc = strndup(b, n - 3);
			}
		} else if (strncmp(b, "lib", 3) == 0 && n > 6 &&
			   (strcmp(b + n - 3, ".so") == 0 || (!lib && strcmp(b + n - 2, ".a") == 0))) {
			free(lib);
			lib = strndup(b + 3, n - 3 - (b[n - 1] == 'a' ? 2 : 3));
		}
		if (!e)
			break;
	}
	proc_result_free(&r);
	if (*pc) {
		char *c_argv[] = { "pkg-config", "--libs", *pc, NULL };
		proc_run(c_argv, &o, &r);
		*flags = libname_first_line(&r);
		proc_result_free(&r);
		if (!*flags) {
			free(*pc);
			*pc = NULL;
		}
	}
	if (!*flags && lib)
		*flags = xfmt("-l%s", lib);
	free(lib);
	return *flags ? 0 : -1;
}

void libname_cache_init(struct libname_cache *c)
{
	memset(c, 0, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
}

void libname_cache_free(struct libname_cache *c)
{
	for (size_t j = 0; j < c->n; j++) {
		free(c->e[j].package);
		free(c->e[j].pc);
		free(c->e[j].flags);
	}
	pthread_mutex_destroy(&c->lock);
	memset(c, 0, sizeof *c);
}

void libname_explain(struct linkmsg *m, const struct ppmap *pp, const char *src_path,
		     const char *dir, int timeout_ms, struct libname_cache *c)
{
	const char *file = strrchr(src_path, '/') ? strrchr(src_path, '/') + 1 : src_path;
	/* held while asking: a variant that comes second finds the answers of the first */
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < m->n; i++) {
		struct linkmsg_item *it = &m->items[i];
		if (it->kind != LINKMSG_UNDEFINED || !it->lib_unknown || !it->symbol)
			continue;
		int h = libname_declaring_header(pp, it->symbol);
		if (h < 0)
			continue;
		size_t j = 0;
		while (j < c->n && c->e[j].file != h)
			j++;
		if (j == c->n) {
			if (c->n == LIBNAME_MAX)
				continue;
			c->e[j].file = h;
			c->e[j].found = libname_find(ppmap_file_name(pp, h), dir, timeout_ms,
						     &c->e[j].package, &c->e[j].pc,
						     &c->e[j].flags) == 0;
			c->n++;
		}
		if (c->e[j].found)
			linkmsg_name_library(it, ppmap_file_name(pp, h), c->e[j].package,
					     c->e[j].pc, c->e[j].flags, file);
	}
	pthread_mutex_unlock(&c->lock);
}
