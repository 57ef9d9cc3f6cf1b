/* resolve: which library defines each undefined symbol. See resolve.h. */
#include "config.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/resolve.h"
#include "stages/symbols.h"

/* One library's definitions, sorted by name for bsearch-style lookups. */
struct resolve_defs {
	struct symbols syms;
	const struct symbols_sym **sorted;
	size_t n;
};

static int resolve_fail(struct resolve *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int resolve_fail(struct resolve *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof r->error, fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether text starts with the name of the vDSO, the kernel's page that ldd lists but that
 * is no file. */
static int resolve_is_vdso(const char *text)
{
	return strncmp(text, "linux-vdso", 10) == 0 || strncmp(text, "linux-gate", 10) == 0;
}

static int resolve_add_lib(struct resolve_libs *out, const char *name, size_t name_len,
			   const char *path, size_t path_len, int loader)
{
	struct resolve_lib *grown = realloc(out->libs, (out->n + 1) * sizeof *grown);
	if (!grown)
		return -1;
	out->libs = grown;
	struct resolve_lib *l = &out->libs[out->n];
	l->name = strndup(name, name_len);
	l->path = path ? strndup(path, path_len) : NULL;
	l->loader = loader;
	out->n++;
	return l->name && (!path || l->path) ? 0 : -1;
}

/* One line of ldd: "\tname => path (0xADDR)", "\tname => not found", "\t/loader (0xADDR)". */
static int resolve_ldd_line(const char *line, size_t len, struct resolve_libs *out)
{
	/* ldd indents every library; its other lines (a file name heading, warnings) are not */
	if (len == 0 || (line[0] != '\t' && line[0] != ' '))
		return 0;
	while (len && (*line == '\t' || *line == ' ')) {
		line++;
		len--;
	}
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\r'))
		len--;
	/* drop the load address " (0x7f...)" */
	if (len && line[len - 1] == ')') {
		for (size_t i = len - 1; i > 0; i--) {
			if (line[i] == '(' && line[i - 1] == ' ' && i + 2 < len &&
			    line[i + 1] == '0' && line[i + 2] == 'x') {
				len = i - 1;
				break;
			}
		}
	}
	while (len && line[len - 1] == ' ')
		len--;
	if (len == 0 || resolve_is_vdso(line))
		return 0;
	const char *arrow = NULL;
	for (size_t i = 0; i + 4 <= len && !arrow; i++)
		if (memcmp(line + i, " => ", 4) == 0)
			arrow = line + i;
	if (!arrow) {
		/* the dynamic linker names itself by its path; anything else ("statically
		 * linked") is no library */
		if (line[0] != '/')
			return 0;
		return resolve_add_lib(out, line, len, line, len, 1);
	}
	size_t name_len = (size_t)(arrow - line);
	const char *path = arrow + 4;
	size_t path_len = len - name_len - 4;
	while (path_len && *path == ' ') {
		path++;
		path_len--;
	}
	if (path_len == 0 || (path_len == 9 && memcmp(path, "not found", 9) == 0))
		path = NULL;
	return resolve_add_lib(out, line, name_len, path, path_len, 0);
}

int resolve_parse_ldd(const char *text, struct resolve_libs *out)
{
	memset(out, 0, sizeof *out);
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (resolve_ldd_line(line, len, out))
			return -1;
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

void resolve_libs_free(struct resolve_libs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->libs[i].name);
		free(l->libs[i].path);
	}
	free(l->libs);
	memset(l, 0, sizeof *l);
}

static int resolve_cmp(const void *a, const void *b)
{
	const struct symbols_sym *x = *(const struct symbols_sym *const *)a;
	const struct symbols_sym *y = *(const struct symbols_sym *const *)b;
	return strcmp(x->name, y->name);
}

/* Read a library's .dynsym and keep what another object can bind to. */
static int resolve_load(const struct resolve_lib *lib, struct resolve_defs *d, char **why)
{
	*why = NULL;
	if (!lib->path) {
		*why = strdup("ldd did not find it");
		return 0;
	}
	if (symbols_read(lib->path, SYMBOLS_DYNAMIC, &d->syms) != 0) {
		*why = strdup(d->syms.error);
		symbols_free(&d->syms);
		return 0;
	}
	d->sorted = malloc((d->syms.n_syms + 1) * sizeof *d->sorted);
	if (!d->sorted)
		return -1;
	for (size_t i = 0; i < d->syms.n_syms; i++) {
		const struct symbols_sym *s = &d->syms.syms[i];
		if (s->shndx == SHN_UNDEF || !s->name[0] || s->type == STT_SECTION ||
		    s->type == STT_FILE)
			continue;
		if (s->bind == STB_GLOBAL || s->bind == STB_WEAK || s->bind == STB_GNU_UNIQUE)
			d->sorted[d->n++] = s;
	}
	qsort(d->sorted, d->n, sizeof *d->sorted, resolve_cmp);
	return 0;
}

/* The definition of name (version: NULL, or the one asked for, default_only when asked as
 * name@@VERSION) in d, or NULL. */
static const struct symbols_sym *resolve_lookup(const struct resolve_defs *d, const char *name,
						const char *version, int default_only)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(d->sorted[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < d->n && strcmp(d->sorted[i]->name, name) == 0; i++) {
		const struct symbols_sym *s = d->sorted[i];
		if (!version && !s->version_hidden)
			return s;
		if (version && s->version && strcmp(s->version, version) == 0 &&
		    (!default_only || !s->version_hidden))
			return s;
	}
	return NULL;
}

/* Look one name up in the libraries, in order. */
static int resolve_one(const char *asked, const struct resolve_defs *defs, size_t n_libs,
		       struct resolve_binding *b)
{
	memset(b, 0, sizeof *b);
	b->lib = -1;
	b->symbol = strdup(asked);
	if (!b->symbol)
		return -1;
	/* "name@VER" or "name@@VER": a reference that asks for a version */
	char *name = strdup(asked);
	if (!name)
		return -1;
	char *at = strchr(name, '@');
	const char *version = NULL;
	int default_only = 0;
	if (at) {
		*at = '\0';
		default_only = at[1] == '@';
		version = at + 1 + default_only;
	}
	for (size_t i = 0; i < n_libs; i++) {
		const struct symbols_sym *s = resolve_lookup(&defs[i], name, version, default_only);
		if (!s)
			continue;
		b->lib = (long)i;
		b->bind = s->bind;
		b->type = s->type;
		b->version_hidden = s->version_hidden;
		if (s->version && !(b->version = strdup(s->version))) {
			free(name);
			return -1;
		}
		break;
	}
	free(name);
	return 0;
}

int resolve_symbols(const char *const *names, size_t n, const struct resolve_lib *libs,
		    size_t n_libs, struct resolve *r)
{
	memset(r, 0, sizeof *r);
	struct resolve_defs *defs = calloc(n_libs ? n_libs : 1, sizeof *defs);
	r->lib_errors = calloc(n_libs ? n_libs : 1, sizeof *r->lib_errors);
	r->bindings = calloc(n ? n : 1, sizeof *r->bindings);
	int rc = 0;
	if (!defs || !r->lib_errors || !r->bindings) {
		rc = resolve_fail(r, _("out of memory resolving %zu symbols"), n);
		goto out;
	}
	r->n_libs = n_libs;
	for (size_t i = 0; i < n_libs && rc == 0; i++)
		if (resolve_load(&libs[i], &defs[i], &r->lib_errors[i]))
			rc = resolve_fail(r, _("out of memory reading %s"), libs[i].path);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (resolve_one(names[i], defs, n_libs, &r->bindings[i]))
			rc = resolve_fail(r, _("out of memory resolving %s"), names[i]);
		r->n = i + 1;
	}
out:
	for (size_t i = 0; defs && i < n_libs; i++) {
		symbols_free(&defs[i].syms);
		free(defs[i].sorted);
	}
	free(defs);
	return rc;
}

char *resolve_label(const struct resolve_binding *b, char *buf, size_t len)
{
	if (!len)
		return buf;
	size_t name_len = strcspn(b->symbol, "@");
	if (b->version)
		snprintf(buf, len, "%.*s%s%s", (int)name_len, b->symbol,
			 b->version_hidden ? "@" : "@@", b->version);
	else
		snprintf(buf, len, "%.*s", (int)name_len, b->symbol);
	return buf;
}

void resolve_free(struct resolve *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->bindings[i].symbol);
		free(r->bindings[i].version);
	}
	free(r->bindings);
	for (size_t i = 0; r->lib_errors && i < r->n_libs; i++)
		free(r->lib_errors[i]);
	free(r->lib_errors);
	memset(r, 0, sizeof *r);
}
