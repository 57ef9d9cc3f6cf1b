/* ldtrace: the loader at work, in its own words. See ldtrace.h. */
#include "config.h"

#include <ctype.h>
#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "stages/ldtrace.h"
#include "stages/say.h"
#include "stages/xfmt.h"

#define LDTRACE_SAY_MAX 4096
#define LDTRACE_CAP (4 * 1024 * 1024)
#define LDTRACE_LIST_MAX 12 /* symbols named in a sentence at most */

const char *ldtrace_via_name(enum ldtrace_via v)
{
	switch (v) {
	case LDTRACE_VIA_CACHE: return "cache";
	case LDTRACE_VIA_RUNPATH: return "RUNPATH";
	case LDTRACE_VIA_RPATH: return "RPATH";
	case LDTRACE_VIA_LD_LIBRARY_PATH: return "LD_LIBRARY_PATH";
	case LDTRACE_VIA_SYSTEM: return "system";
	default: return "unknown";
	}
}

/* ---- the parser ---- */

/* Grow *arr (of *n elements of size sz) by one zeroed element; NULL when out of memory. */
static void *ldtrace_push(void *arr_p, size_t *n, size_t sz)
{
	void **arr = arr_p;
	void *grown = realloc(*arr, (*n + 1) * sz);
	if (!grown)
		return NULL;
	*arr = grown;
	void *e = (char *)grown + *n * sz;
	memset(e, 0, sz);
	(*n)++;
	return e;
}

/* s starts with prefix: the text after it, else NULL. */
static const char *ldtrace_after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) ? NULL : s + n;
}

/* The number after "label" in s ("... label 123 cycles"); -1 when absent. */
static long long ldtrace_num(const char *s, const char *label)
{
	const char *p = strstr(s, label);
	if (!p)
		return -1;
	p += strlen(label);
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	return strtoll(p, NULL, 10);
}

static void ldtrace_stat_line(struct ldtrace_run *r, const char *s)
{
	long long v;
	if ((v = ldtrace_num(s, "final number of relocations from cache:")) >= 0) {
		r->st.final_cache = v;
		r->st.have_final = 1;
	} else if ((v = ldtrace_num(s, "final number of relocations:")) >= 0) {
		r->st.final_relocs = v;
		r->st.have_final = 1;
	} else if ((v = ldtrace_num(s, "number of relocations from cache:")) >= 0) {
		r->st.relocs_cache = v;
	} else if ((v = ldtrace_num(s, "number of relative relocations:")) >= 0) {
		r->st.relative = v;
	} else if ((v = ldtrace_num(s, "number of relocations:")) >= 0) {
		r->st.relocs = v;
	} else if ((v = ldtrace_num(s, "total startup time in dynamic loader:")) >= 0) {
		r->st.startup_cycles = v;
		r->st.have_startup = 1;
	} else if ((v = ldtrace_num(s, "time needed for relocation:")) >= 0) {
		r->st.reloc_cycles = v;
	} else if ((v = ldtrace_num(s, "time needed to load objects:")) >= 0) {
		r->st.load_cycles = v;
	}
}

/* "binding file X [0] to Y [0]: normal symbol `S' [V]" */
static void ldtrace_binding_line(struct ldtrace_run *r, const char *s)
{
	const char *from = s, *p = strstr(from, " [");
	if (!p)
		return;
	const char *to = strstr(p, "] to ");
	if (!to)
		return;
	to += 5;
	const char *q = strstr(to, " [");
	const char *sym = q ? strstr(q, " symbol `") : NULL;
	if (!sym)
		return;
	sym += 9;
	const char *end = strchr(sym, '\'');
	if (!end)
		return;
	struct ldtrace_binding *b = ldtrace_push(&r->binds, &r->n_binds, sizeof *b);
	if (!b)
		return;
	b->from = strndup(from, (size_t)(p - from));
	b->to = strndup(to, (size_t)(q - to));
	b->symbol = strndup(sym, (size_t)(end - sym));
	const char *v = strstr(end, " [");
	const char *ve = v ? strchr(v + 2, ']') : NULL;
	if (ve)
		b->version = strndup(v + 2, (size_t)(ve - v - 2));
	b->after_start = r->started;
	b->at_exit = r->exiting;
	b->err_lines_before = r->n_own_err_lines;
}

/* " search path=DIRS\t\t(RUNPATH from file X)" and the like. */
static void ldtrace_search_line(struct ldtrace_lib *l, const char *s)
{
	struct ldtrace_search *x = ldtrace_push(&l->search, &l->n_search, sizeof *x);
	if (!x)
		return;
	const char *v;
	if ((v = ldtrace_after(s, "search cache="))) {
		x->via = LDTRACE_VIA_CACHE;
		x->where = strdup(v);
		return;
	}
	v = s + strlen("search path=");
	const char *end = strchr(v, '\t');
	x->where = end ? strndup(v, (size_t)(end - v)) : strdup(v);
	if (strstr(s, "(RUNPATH from file"))
		x->via = LDTRACE_VIA_RUNPATH;
	else if (strstr(s, "(RPATH from file"))
		x->via = LDTRACE_VIA_RPATH;
	else if (strstr(s, "(LD_LIBRARY_PATH)"))
		x->via = LDTRACE_VIA_LD_LIBRARY_PATH;
	else if (strstr(s, "(system search path)"))
		x->via = LDTRACE_VIA_SYSTEM;
}

/* One line of the program's trace, its prefix taken off and leading blanks kept in s. */
static void ldtrace_trace_line(struct ldtrace_run *r, const char *s, int *in_stats)
{
	const char *t = s, *v;
	while (*t == ' ')
		t++;
	struct ldtrace_lib *cur = r->n_libs ? &r->libs[r->n_libs - 1] : NULL;
	if (!*t) {
		*in_stats = 0;
		return;
	}
	if (!strcmp(t, "runtime linker statistics:")) {
		*in_stats = 1;
		return;
	}
	if (*in_stats) {
		ldtrace_stat_line(r, t);
		return;
	}
	if ((v = ldtrace_after(t, "find library="))) {
		struct ldtrace_lib *l = ldtrace_push(&r->libs, &r->n_libs, sizeof *l);
		if (!l)
			return;
		const char *e = strstr(v, " [");
		if (!e)
			e = strchr(v, ';');
		l->name = e ? strndup(v, (size_t)(e - v)) : strdup(v);
	} else if (cur && (ldtrace_after(t, "search cache=") || ldtrace_after(t, "search path="))) {
		ldtrace_search_line(cur, t);
	} else if (cur && (v = ldtrace_after(t, "trying file="))) {
		char **grown = realloc(cur->tried, (cur->n_tried + 1) * sizeof *grown);
		if (!grown)
			return;
		cur->tried = grown;
		cur->tried[cur->n_tried] = strdup(v);
		if (!cur->tried[cur->n_tried])
			return;
		cur->n_tried++;
		free(cur->found);
		cur->found = strdup(v);
		if (cur->n_search) {
			cur->search[cur->n_search - 1].n_tried++;
			cur->found_via = cur->search[cur->n_search - 1].via;
		}
	} else if ((v = ldtrace_after(t, "binding file "))) {
		ldtrace_binding_line(r, v);
	} else if (ldtrace_after(t, "transferring control:")) {
		r->started = 1;
	} else if (ldtrace_after(t, "calling fini:")) {
		r->exiting = 1;
	}
}

/* The loader's prefix "     PID:\t" (_dl_debug_printf's "%5d:\t"): the PID, and *rest after it;
 * 0 for a line without it. */
static long ldtrace_prefix(const char *s, const char **rest)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	if (p == s || !isdigit((unsigned char)*p))
		return 0;
	long pid = 0;
	while (isdigit((unsigned char)*p) && pid < 100000000)
		pid = pid * 10 + (*p++ - '0');
	if (*p != ':' || p[1] != '\t')
		return 0;
	*rest = p + 2;
	return pid > 0 ? pid : 0;
}

void ldtrace_parse(const char *err, size_t len, const char *prog, struct ldtrace_run *r)
{
	int in_stats = 0;
	size_t own = 0, cap = 0;
	const char *p = err, *end = err ? err + len : err;
	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = strndup(p, n); /* stops at a NUL byte: the rest of that line is lost */
		p = nl ? nl + 1 : end;
		if (!line)
			continue;
		const char *rest = NULL;
		long pid = ldtrace_prefix(line, &rest);
		if (pid && (!r->pid || pid == r->pid)) {
			r->pid = pid;
			r->n_trace_lines++;
			ldtrace_trace_line(r, rest, &in_stats);
		} else if (pid) {
			r->n_other_lines++;
		} else {
			size_t k = strlen(line);
			if (own + k + 2 > cap) {
				size_t ncap = (own + k + 2) * 2;
				char *grown = realloc(r->own_err, ncap);
				if (!grown) {
					free(line);
					continue;
				}
				r->own_err = grown;
				cap = ncap;
			}
			memcpy(r->own_err + own, line, k);
			own += k;
			r->own_err[own++] = '\n';
			r->own_err[own] = '\0';
			r->n_own_err_lines++;
		}
		free(line);
	}
	for (size_t i = 0; i < r->n_binds; i++)
		r->binds[i].program = prog && r->binds[i].from && !strcmp(r->binds[i].from, prog);
	/* a library the loader could not open: its last file tried is not where it was found */
	for (size_t i = 0; i < r->n_libs; i++) {
		struct ldtrace_lib *l = &r->libs[i];
		char *miss = l->name ? xfmt("%s: cannot open shared object file", l->name) : NULL;
		if (miss && r->own_err && strstr(r->own_err, miss)) {
			free(l->found);
			l->found = NULL;
		}
		free(miss);
	}
}

void ldtrace_run_free(struct ldtrace_run *r)
{
	for (size_t i = 0; i < r->n_libs; i++) {
		struct ldtrace_lib *l = &r->libs[i];
		free(l->name);
		for (size_t k = 0; k < l->n_search; k++)
			free(l->search[k].where);
		free(l->search);
		for (size_t k = 0; k < l->n_tried; k++)
			free(l->tried[k]);
		free(l->tried);
		free(l->found);
	}
	free(r->libs);
	for (size_t i = 0; i < r->n_binds; i++) {
		free(r->binds[i].from);
		free(r->binds[i].to);
		free(r->binds[i].symbol);
		free(r->binds[i].version);
	}
	free(r->binds);
	free(r->own_err);
	free(r->left);
	r->libs = NULL;
	r->binds = NULL;
	r->own_err = NULL;
	r->left = NULL;
	r->n_libs = r->n_binds = r->n_trace_lines = r->n_other_lines = 0;
	r->pid = 0;
	r->started = r->exiting = 0;
	r->n_own_err_lines = 0;
	memset(&r->st, 0, sizeof r->st);
}

/* ---- the file ---- */

/* Append name to the space-separated list *list once. */
static void ldtrace_list_add(char **list, const char *name)
{
	char *l = *list;
	size_t n = strlen(name);
	for (const char *p = l; p && (p = strstr(p, name)); p += n)
		if ((p == l || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return;
	char *grown = l && *l ? xfmt("%s %s", l, name) : strdup(name);
	if (!grown)
		return;
	free(l);
	*list = grown;
}

static int ldtrace_read_elf(const char *path, struct ldtrace *t)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		close(fd);
		return -1;
	}
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	int rc = -1;
	size_t n = 0, shstrndx = 0;
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh))
		goto out;
	if (elf_getphdrnum(elf, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr p;
			if (!gelf_getphdr(elf, (int)i, &p))
				continue;
			if (p.p_type == PT_DYNAMIC)
				t->has_pt_dynamic = 1;
			if (p.p_type == PT_INTERP) {
				Elf_Data *d = p.p_filesz <= 4096
						      ? elf_getdata_rawchunk(elf, (int64_t)p.p_offset,
									     (size_t)p.p_filesz, ELF_T_BYTE)
						      : NULL;
				t->has_interp = 1;
				if (d && d->d_buf && !t->interp)
					t->interp = strndup(d->d_buf, d->d_size);
			}
		}
	}
	t->relative_in = strdup("");
	t->irelative_in = strdup("");
	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		shstrndx = 0;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (sh.sh_type == SHT_DYNAMIC)
			t->has_dynamic_section = 1;
		if (sh.sh_type != SHT_RELA || eh.e_machine != EM_X86_64)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t ent = sh.sh_entsize ? sh.sh_entsize : sizeof(GElf_Rela);
		for (size_t k = 0; d && k < d->d_size / ent; k++) {
			GElf_Rela ra;
			if (!gelf_getrela(d, (int)k, &ra))
				break;
			unsigned type = (unsigned)GELF_R_TYPE(ra.r_info);
			if (type == R_X86_64_RELATIVE) {
				t->n_relative++;
				ldtrace_list_add(&t->relative_in, name ? name : "?");
			} else if (type == R_X86_64_IRELATIVE) {
				t->n_irelative++;
				ldtrace_list_add(&t->irelative_in, name ? name : "?");
			}
		}
	}
	rc = t->relative_in && t->irelative_in ? 0 : -1;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return rc;
}

/* ---- the runs ---- */

static void ldtrace_run(const struct ldtrace_opts *o, int bind_now, struct ldtrace_run *r)
{
	size_t n_args = 0;
	while (o->args && o->args[n_args])
		n_args++;
	char **argv = calloc(n_args + 10, sizeof *argv);
	char *dotexe = xfmt("./%s", o->exe);
	if (!argv || !dotexe) {
		free(argv);
		free(dotexe);
		return;
	}
	size_t n = 0;
	argv[n++] = "env";
	argv[n++] = "-u";
	argv[n++] = "LD_DEBUG_OUTPUT";
	if (!bind_now) {
		argv[n++] = "-u";
		argv[n++] = "LD_BIND_NOW";
	}
	argv[n++] = "LD_DEBUG=" LDTRACE_CATEGORIES;
	if (bind_now)
		argv[n++] = "LD_BIND_NOW=1";
	argv[n++] = dotexe;
	for (size_t i = 0; i < n_args; i++)
		argv[n++] = o->args[i];
	argv[n] = NULL;
	struct proc_opts po = { .cwd = o->dir, .stdin_path = o->stdin_path,
				.timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 5000,
				.out_cap = LDTRACE_CAP, .stop_at_cap = 1, .user_locale = 1 };
	r->bind_now = bind_now;
	jail_run(argv, &po, o->jail, &r->proc, &r->left);
	ldtrace_parse(r->proc.err, r->proc.err_len, dotexe, r);
	free(argv);
	free(dotexe);
}

/* ---- the sentences ---- */

/* One fact, written by fn in the user's language (en 0) or in English (en 1). */
typedef void (*ldtrace_fact_fn)(struct say *o, int en, const struct ldtrace *t, const void *arg);

/* Write the fact in both languages and keep it. */
static void ldtrace_fact(struct ldtrace *t, ldtrace_fact_fn fn, const void *arg)
{
	char buf[2][LDTRACE_SAY_MAX];
	for (int en = 0; en < 2; en++) {
		struct say o;
		say_init(&o, buf[en], sizeof buf[en]);
		fn(&o, en, t, arg);
	}
	if (!buf[0][0])
		return;
	char **a = realloc(t->says, (t->n_says + 1) * sizeof *a);
	if (!a)
		return;
	t->says = a;
	char **b = realloc(t->says_en, (t->n_says + 1) * sizeof *b);
	if (!b)
		return;
	t->says_en = b;
	a[t->n_says] = strdup(buf[0]);
	b[t->n_says] = strdup(buf[1]);
	if (!a[t->n_says] || !b[t->n_says]) {
		free(a[t->n_says]);
		free(b[t->n_says]);
		return;
	}
	t->n_says++;
}

/* The program's symbols bound after the start (after: 1) or before it, space-separated, at
 * most LDTRACE_LIST_MAX of them; how many there are. */
static size_t ldtrace_bound(const struct ldtrace_run *r, int after, char *buf, size_t len)
{
	size_t used = 0, k = 0;
	*buf = '\0';
	for (size_t i = 0; i < r->n_binds; i++) {
		const struct ldtrace_binding *b = &r->binds[i];
		if (!b->program || b->after_start != after || !b->symbol)
			continue;
		if (k++ < LDTRACE_LIST_MAX && used < len) {
			int w = snprintf(buf + used, len - used, "%s%s", used ? " " : "", b->symbol);
			if (w > 0)
				used += (size_t)w;
		}
	}
	if (k > LDTRACE_LIST_MAX && used + 5 < len)
		snprintf(buf + used, len - used, " ...");
	return k;
}

static void ldtrace_say_intro(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	say_sentence(o, I18N_TR(en, "The program names %s as its interpreter (PT_INTERP): run with "
				    "LD_DEBUG=libs,bindings,statistics, that loader writes on standard "
				    "error how it found each library, each symbol it bound and what "
				    "it counted."), t->interp ? t->interp : "?");
	if (t->interp && strstr(t->interp, "ld-musl"))
		say_sentence(o, I18N_TR(en, "That interpreter is musl's C library itself (its loader and "
					    "libc are one file), which reads no LD_DEBUG."));
	if (!t->lazy.pid)
		say_sentence(o, I18N_TR(en, "The traced run wrote no trace: %s."),
			     en ? proc_describe_en(&t->lazy.proc) : proc_describe(&t->lazy.proc));
}

static void ldtrace_say_lib(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	const struct ldtrace_lib *l = arg;
	const char *name = l->name ? l->name : "?";
	if (!l->found) {
		say_sentence(o, I18N_NG(en, "The loader looked for %1$s and did not find it (%2$zu file "
					    "tried).",
					"The loader looked for %1$s and did not find it (%2$zu files "
					"tried).", l->n_tried), name, l->n_tried);
		return;
	}
	const struct ldtrace_search *x = NULL;
	for (size_t k = 0; k < l->n_search; k++)
		if (l->search[k].via == l->found_via)
			x = &l->search[k];
	const char *where = x && x->where ? x->where : "";
	switch (l->found_via) {
	case LDTRACE_VIA_CACHE:
		/* TRANSLATORS: %1$s a library's name, %2$s the cache's path, %3$s the file */
		say_sentence(o, I18N_TR(en, "The loader looked %1$s up in its cache, %2$s, and opened "
					    "%3$s."), name, where, l->found);
		break;
	case LDTRACE_VIA_RUNPATH:
		/* TRANSLATORS: %1$s a library, %2$s the file found, %3$zu files tried, %4$s the
		   directories searched, ':'-separated */
		say_sentence(o, I18N_NG(en, "The loader looked for %1$s in the program's RUNPATH before "
					    "its cache and found it after %3$zu try: %2$s (searched: "
					    "%4$s).",
					"The loader looked for %1$s in the program's RUNPATH before "
					"its cache and found it after %3$zu tries: %2$s (searched: "
					"%4$s).", l->n_tried),
			     name, l->found, l->n_tried, where);
		break;
	case LDTRACE_VIA_RPATH:
		say_sentence(o, I18N_NG(en, "The loader looked for %1$s in the program's RPATH first and "
					    "found it after %3$zu try: %2$s (searched: %4$s).",
					"The loader looked for %1$s in the program's RPATH first and "
					"found it after %3$zu tries: %2$s (searched: %4$s).",
					l->n_tried),
			     name, l->found, l->n_tried, where);
		break;
	case LDTRACE_VIA_LD_LIBRARY_PATH:
		say_sentence(o, I18N_NG(en, "The loader looked for %1$s in LD_LIBRARY_PATH before its "
					    "cache and found it after %3$zu try: %2$s (searched: "
					    "%4$s).",
					"The loader looked for %1$s in LD_LIBRARY_PATH before its "
					"cache and found it after %3$zu tries: %2$s (searched: "
					"%4$s).", l->n_tried),
			     name, l->found, l->n_tried, where);
		break;
	case LDTRACE_VIA_SYSTEM:
		say_sentence(o, I18N_NG(en, "The loader found %1$s in the default directories after "
					    "%3$zu try: %2$s (searched: %4$s).",
					"The loader found %1$s in the default directories after "
					"%3$zu tries: %2$s (searched: %4$s).", l->n_tried),
			     name, l->found, l->n_tried, where);
		break;
	default:
		say_sentence(o, I18N_TR(en, "The loader found %1$s: %2$s."), name, l->found);
		break;
	}
}

static void ldtrace_say_binds(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	const struct ldtrace_run *r = arg;
	char late[1024], early[1024];
	size_t after = ldtrace_bound(r, 1, late, sizeof late);
	size_t before = ldtrace_bound(r, 0, early, sizeof early);
	if (!r->pid)
		return;
	if (r->bind_now)
		/* TRANSLATORS: %1$zu symbols bound before the program started, %2$s their
		   names, %3$zu bound later, at a call */
		say_sentence(o, I18N_NG(en, "With LD_BIND_NOW=1 the loader bound %1$zu of the program's "
					    "symbols before handing it control (%2$s) and %3$zu at a "
					    "call.",
					"With LD_BIND_NOW=1 the loader bound %1$zu of the program's "
					"symbols before handing it control (%2$s) and %3$zu at a "
					"call.", before),
			     before, early, after);
	else if (after)
		/* TRANSLATORS: %1$zu symbols bound before the program started, %2$s their
		   names, %3$zu bound later, each at its first call, %4$s their names */
		say_sentence(o, I18N_NG(en, "Without LD_BIND_NOW the loader bound %1$zu of the "
					    "program's symbols before handing it control (%2$s) and "
					    "%3$zu lazily, at its first call, once the program was "
					    "running: %4$s.",
					"Without LD_BIND_NOW the loader bound %1$zu of the "
					"program's symbols before handing it control (%2$s) and "
					"%3$zu lazily, each at its first call, once the program was "
					"running: %4$s.", after),
			     before, early, after, late);
	else
		say_sentence(o, I18N_NG(en, "Without LD_BIND_NOW the loader bound %1$zu of the "
					    "program's symbols before handing it control (%2$s) and "
					    "none lazily.",
					"Without LD_BIND_NOW the loader bound %1$zu of the "
					"program's symbols before handing it control (%2$s) and "
					"none lazily.", before),
			     before, early);
}

/* The bindings among the program's own lines on standard error, the stream it shares with the
 * loader's trace. */
static void ldtrace_say_order(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	const struct ldtrace_run *r = arg;
	size_t late = 0, lines = r->n_own_err_lines;
	for (size_t i = 0; i < r->n_binds; i++)
		late += r->binds[i].program && r->binds[i].err_lines_before > 0;
	if (!lines)
		return;
	if (r->bind_now)
		/* TRANSLATORS: %1$zu lines the program wrote on its standard error, %2$zu
		   bindings */
		say_sentence(o, I18N_NG(en, "The program wrote %1$zu line on standard error, the stream "
					    "it shares with the trace; with LD_BIND_NOW=1, %2$zu of its "
					    "bindings came after its first line there.",
					"The program wrote %1$zu lines on standard error, the stream "
					"it shares with the trace; with LD_BIND_NOW=1, %2$zu of its "
					"bindings came after its first line there.", lines),
			     lines, late);
	else
		say_sentence(o, I18N_NG(en, "The program wrote %1$zu line on standard error, the stream "
					    "it shares with the trace; without LD_BIND_NOW, %2$zu of its "
					    "bindings came after its first line there, each when the "
					    "program first called the symbol.",
					"The program wrote %1$zu lines on standard error, the stream "
					"it shares with the trace; without LD_BIND_NOW, %2$zu of its "
					"bindings came after its first line there, each when the "
					"program first called the symbol.", lines),
			     lines, late);
}

static void ldtrace_say_startup(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	const struct ldtrace_run *r = arg;
	if (!r->st.have_startup)
		return;
	if (r->bind_now)
		/* TRANSLATORS: %1$lld relocations, %2$lld of them answered from the loader's
		   cache of its last lookup, %3$lld relative ones, %4$lld CPU cycles */
		say_sentence(o, I18N_NG(en, "With LD_BIND_NOW=1 the loader processed %1$lld relocation "
					    "before main (%2$lld answered from its cache of the last "
					    "lookup, %3$lld relative), taking %4$lld cycles in all.",
					"With LD_BIND_NOW=1 the loader processed %1$lld relocations "
					"before main (%2$lld answered from its cache of the last "
					"lookup, %3$lld relative), taking %4$lld cycles in all.",
					(unsigned long long)r->st.relocs),
			     r->st.relocs, r->st.relocs_cache, r->st.relative, r->st.startup_cycles);
	else
		say_sentence(o, I18N_NG(en, "Without LD_BIND_NOW the loader processed %1$lld relocation "
					    "before main (%2$lld answered from its cache of the last "
					    "lookup, %3$lld relative), taking %4$lld cycles in all.",
					"Without LD_BIND_NOW the loader processed %1$lld relocations "
					"before main (%2$lld answered from its cache of the last "
					"lookup, %3$lld relative), taking %4$lld cycles in all.",
					(unsigned long long)r->st.relocs),
			     r->st.relocs, r->st.relocs_cache, r->st.relative, r->st.startup_cycles);
}

static void ldtrace_say_final(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	const struct ldtrace_run *r = arg;
	if (!r->st.have_final)
		return;
	long long more = r->st.have_startup ? r->st.final_relocs - r->st.relocs : 0;
	if (r->bind_now)
		/* TRANSLATORS: %1$lld relocations at exit, %2$lld from the cache, %3$lld more
		   than before main */
		say_sentence(o, I18N_NG(en, "With LD_BIND_NOW=1 its final count at exit was %1$lld "
					    "relocation (%2$lld from the cache), %3$lld more than "
					    "before main.",
					"With LD_BIND_NOW=1 its final count at exit was %1$lld "
					"relocations (%2$lld from the cache), %3$lld more than "
					"before main.", (unsigned long long)r->st.final_relocs),
			     r->st.final_relocs, r->st.final_cache, more);
	else
		say_sentence(o, I18N_NG(en, "Without LD_BIND_NOW its final count at exit was %1$lld "
					    "relocation (%2$lld from the cache), %3$lld more than "
					    "before main: the lazy bindings.",
					"Without LD_BIND_NOW its final count at exit was %1$lld "
					"relocations (%2$lld from the cache), %3$lld more than "
					"before main: the lazy bindings.",
					(unsigned long long)r->st.final_relocs),
			     r->st.final_relocs, r->st.final_cache, more);
}

static void ldtrace_say_others(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	const struct ldtrace_run *r = arg;
	if (r->n_other_lines)
		say_sentence(o, I18N_NG(en, "The trace had %zu line from another process, a child of "
					    "the program, left out here.",
					"The trace had %zu lines from other processes, children "
					"of the program, left out here.", r->n_other_lines),
			     r->n_other_lines);
}

/* The evidence that no loader runs: no PT_INTERP, no PT_DYNAMIC, no .dynamic. */
static void ldtrace_say_noloader(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	if (t->has_pt_dynamic || t->has_dynamic_section)
		say_sentence(o, I18N_TR(en, "The program has no PT_INTERP segment: the kernel starts "
					    "no loader and jumps straight to its entry point, although "
					    "it has a .dynamic section."));
	else
		say_sentence(o, I18N_TR(en, "The program has no PT_INTERP segment, no PT_DYNAMIC segment "
					    "and no .dynamic section: no loader runs, and the kernel "
					    "jumps straight to its entry point."));
}

static void ldtrace_say_musl(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	say_sentence(o, I18N_TR(en, "musl's dynamic loader is its C library itself "
				    "(ld-musl-x86_64.so.1 is libc.so), but this program is linked with "
				    "musl statically: it has no loader."));
}

static void ldtrace_say_relative(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	/* TRANSLATORS: %1$zu relocations, %2$s the sections that hold them */
	say_sentence(o, I18N_NG(en, "A static PIE relocates itself: before main its start code "
				    "(_dl_relocate_static_pie) adds the address it was loaded at to "
				    "each pointer of its %1$zu R_X86_64_RELATIVE relocation (in %2$s).",
				"A static PIE relocates itself: before main its start code "
				"(_dl_relocate_static_pie) adds the address it was loaded at to "
				"each pointer of its %1$zu R_X86_64_RELATIVE relocations (in %2$s).",
				t->n_relative),
		     t->n_relative, t->relative_in);
}

static void ldtrace_say_irelative(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	if (!t->n_irelative) {
		say_sentence(o, I18N_TR(en, "The program has no R_X86_64_IRELATIVE relocation: none of "
					    "its functions is chosen for this processor at start."));
		return;
	}
	/* TRANSLATORS: %1$zu relocations, %2$s the sections that hold them */
	say_sentence(o, I18N_NG(en, "The program applies its %1$zu R_X86_64_IRELATIVE relocation "
				    "(in %2$s) itself, at start: it calls a resolver that picks, for "
				    "this processor, which version of a function such as strlen or "
				    "memcpy it uses, and writes its address into a GOT slot.",
				"The program applies its %1$zu R_X86_64_IRELATIVE relocations "
				"(in %2$s) itself, at start: each calls a resolver that picks, for "
				"this processor, which version of a function such as strlen or "
				"memcpy it uses, and writes its address into a GOT slot.",
				t->n_irelative),
		     t->n_irelative, t->irelative_in);
}

static void ldtrace_say_notrace(struct say *o, int en, const struct ldtrace *t, const void *arg)
{
	if (!t->lazy_ran)
		return;
	if (!t->lazy.pid)
		/* TRANSLATORS: %s how the run ended ("exit 0") */
		say_sentence(o, I18N_TR(en, "Run with LD_DEBUG=libs,bindings,statistics, it wrote no "
					    "loader trace (%s): no loader runs to read the variable."),
			     en ? proc_describe_en(&t->lazy.proc) : proc_describe(&t->lazy.proc));
	else
		say_sentence(o, I18N_NG(en, "Run with LD_DEBUG=libs,bindings,statistics, it wrote %zu "
					    "line in the loader's form: a child process it started "
					    "was a dynamic program.",
					"Run with LD_DEBUG=libs,bindings,statistics, it wrote %zu "
					"lines in the loader's form: a child process it started "
					"was a dynamic program.",
					t->lazy.n_trace_lines + t->lazy.n_other_lines),
			     t->lazy.n_trace_lines + t->lazy.n_other_lines);
}

static void ldtrace_say(struct ldtrace *t)
{
	switch (t->kind) {
	case LDTRACE_DYNAMIC:
		ldtrace_fact(t, ldtrace_say_intro, NULL);
		for (size_t i = 0; i < t->lazy.n_libs; i++)
			ldtrace_fact(t, ldtrace_say_lib, &t->lazy.libs[i]);
		for (int k = 0; k < 2; k++) {
			const struct ldtrace_run *r = k ? &t->now : &t->lazy;
			if (!(k ? t->now_ran : t->lazy_ran))
				continue;
			ldtrace_fact(t, ldtrace_say_binds, r);
			ldtrace_fact(t, ldtrace_say_order, r);
			ldtrace_fact(t, ldtrace_say_startup, r);
			ldtrace_fact(t, ldtrace_say_final, r);
			ldtrace_fact(t, ldtrace_say_others, r);
		}
		break;
	case LDTRACE_STATIC_PIE:
		ldtrace_fact(t, ldtrace_say_noloader, NULL);
		ldtrace_fact(t, ldtrace_say_relative, NULL);
		ldtrace_fact(t, ldtrace_say_irelative, NULL);
		ldtrace_fact(t, ldtrace_say_notrace, NULL);
		break;
	case LDTRACE_MUSL_STATIC:
		ldtrace_fact(t, ldtrace_say_musl, NULL);
		/* fall through */
	case LDTRACE_STATIC:
		ldtrace_fact(t, ldtrace_say_noloader, NULL);
		ldtrace_fact(t, ldtrace_say_irelative, NULL);
		ldtrace_fact(t, ldtrace_say_notrace, NULL);
		break;
	}
}

int ldtrace_study(const struct ldtrace_opts *o, struct ldtrace *t)
{
	memset(t, 0, sizeof *t);
	char *path = xfmt("%s/%s", o->dir, o->exe);
	if (!path || ldtrace_read_elf(path, t) != 0) {
		snprintf(t->error, sizeof t->error, _("%s could not be read as an ELF program."),
			 path ? path : o->exe);
		snprintf(t->error_en, sizeof t->error_en, "%s could not be read as an ELF program.",
			 path ? path : o->exe);
		free(path);
		return -1;
	}
	free(path);
	if (t->has_interp)
		t->kind = LDTRACE_DYNAMIC;
	else if (o->musl)
		t->kind = LDTRACE_MUSL_STATIC;
	else if (t->has_pt_dynamic)
		t->kind = LDTRACE_STATIC_PIE;
	else
		t->kind = LDTRACE_STATIC;
	ldtrace_run(o, 0, &t->lazy);
	t->lazy_ran = 1;
	if (t->kind == LDTRACE_DYNAMIC) {
		ldtrace_run(o, 1, &t->now);
		t->now_ran = 1;
	}
	ldtrace_say(t);
	return 0;
}

void ldtrace_free(struct ldtrace *t)
{
	ldtrace_run_free(&t->lazy);
	ldtrace_run_free(&t->now);
	proc_result_free(&t->lazy.proc);
	proc_result_free(&t->now.proc);
	for (size_t i = 0; i < t->n_says; i++) {
		free(t->says[i]);
		free(t->says_en[i]);
	}
	free(t->says);
	free(t->says_en);
	free(t->interp);
	free(t->relative_in);
	free(t->irelative_in);
	memset(t, 0, sizeof *t);
}
