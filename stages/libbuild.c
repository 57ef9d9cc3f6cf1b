/* libbuild: the other sources as a static archive and a shared object, and the program linked
 * against each. See libbuild.h.
 *
 * The loader's trace (LD_DEBUG=libs), as glibc's ld.so writes it on stderr, each line after
 * "PID:\t":
 *
 *   find library=libutil.so [0]; searching
 *    search path=/d/lib/glibc-hwcaps/x86-64-v3:...:/d/lib		(RUNPATH from file ./prog)
 *     trying file=/d/lib/libutil.so
 *    search cache=/etc/ld.so.cache
 *
 * and an empty line after each library. The file it found is the last one it tried, and it
 * is the path the listing (stdout, ldd's format) gives; a library not found is "not found"
 * there.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/files.h"
#include "stages/jail.h"
#include "stages/libbuild.h"
#include "stages/resolve.h"
#include "stages/say.h"
#include "stages/symbols.h"
#include "stages/tmpdir.h"
#include "stages/xfmt.h"

extern char **environ;

#define LIBBUILD_RUN_CAP (64 * 1024)
/* The names listed in one sentence of an explanation; the rest are counted. */
#define LIBBUILD_LIST_MAX 8

static const char *const libbuild_prog_names[LIBBUILD_COUNT] = { "prog-archive", "prog-shared",
								 "prog-rpath" };
static const char *const libbuild_kind_names[LIBBUILD_COUNT] = { "archive", "shared", "rpath" };
static const char *const libbuild_place_names[] = { "absent", "copied", "undefined",
						    "copy-relocated" };
static const char *const libbuild_via_names[LIBBUILD_VIA_COUNT] = {
	"not found", "RPATH", "LD_LIBRARY_PATH", "RUNPATH", "ld.so.cache", "default directories",
};

/* The toolchain's own libraries, which gcc links of its own accord (c, gcc, gcc_s, gcc_eh,
 * ssp) or which common options add (pthread, dl, rt, atomic): a library of ours under one of
 * these names would be found first through -Llib, and taken in their place. */
static const char *const libbuild_reserved[] = { "c", "gcc", "gcc_s", "gcc_eh", "ssp",
						 "ssp_nonshared", "pthread", "dl", "rt", "atomic" };

const char *libbuild_kind_name(enum libbuild_kind k)
{
	return k < LIBBUILD_COUNT ? libbuild_kind_names[k] : "?";
}

const char *libbuild_place_name(enum libbuild_place p)
{
	return p <= LIBBUILD_COPY_RELOC ? libbuild_place_names[p] : "?";
}

const char *libbuild_via_name(enum libbuild_via v)
{
	return v < LIBBUILD_VIA_COUNT ? libbuild_via_names[v] : "?";
}

static void libbuild_err(struct libbuild *lb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void libbuild_err(struct libbuild *lb, const char *fmt, ...)
{
	if (lb->error[0])
		return; /* the first cause is the one to tell */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lb->error, sizeof lb->error, fmt, ap);
	va_end(ap);
}

char *libbuild_name(const char *src, char *const *link_args, size_t n_link_args)
{
	char *base = files_base(src);
	if (!base)
		return NULL;
	int clash = 0;
	for (size_t i = 0; i < sizeof libbuild_reserved / sizeof *libbuild_reserved; i++)
		clash |= strcmp(base, libbuild_reserved[i]) == 0;
	for (size_t i = 0; i < n_link_args; i++) {
		const char *a = link_args[i];
		if (strcmp(a, "-l") == 0 && i + 1 < n_link_args)
			a = link_args[++i];
		else if (strncmp(a, "-l", 2) == 0)
			a += 2;
		else
			continue;
		clash |= strcmp(base, a) == 0;
	}
	if (!clash)
		return base;
	char *my = xfmt("my%s", base);
	free(base);
	return my;
}

/* A path for the commands, which run in the walk directory: relative when it is inside. */
static char *libbuild_rel(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (strncmp(path, dir, n) == 0 && path[n] == '/' && path[n + 1])
		return strdup(path + n + 1);
	return strdup(path);
}

static long long libbuild_size(const char *dir, const char *name)
{
	char *path = xfmt("%s/%s", dir, name);
	struct stat st;
	long long size = path && stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
	free(path);
	return size;
}

/* Remove what an earlier build in the same directory left: ar r adds to an archive that
 * exists, and a link that fails must not leave the last run's program looking made. */
static void libbuild_unlink(const char *dir, const char *name)
{
	char *path = xfmt("%s/%s", dir, name);
	if (path)
		unlink(path);
	free(path);
}

/* The string of each DT_RPATH, DT_RUNPATH and DT_SONAME entry (the first of each); the
 * caller frees them. Absent entries stay NULL; an unreadable file gives nothing. */
static void libbuild_dyn_strings(const char *path, char **rpath, char **runpath, char **soname)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	for (Elf_Scn *scn = elf ? elf_nextscn(elf, NULL) : NULL; scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC || sh.sh_entsize == 0)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		size_t n = data ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; i < n; i++) {
			GElf_Dyn dyn;
			if (!gelf_getdyn(data, (int)i, &dyn) || dyn.d_tag == DT_NULL)
				break;
			char **slot = dyn.d_tag == DT_RPATH ? rpath : dyn.d_tag == DT_RUNPATH ? runpath :
				      dyn.d_tag == DT_SONAME ? soname : NULL;
			if (!slot || *slot)
				continue;
			const char *s = elf_strptr(elf, sh.sh_link, dyn.d_un.d_val);
			if (s)
				*slot = strdup(s);
		}
		break;
	}
	if (elf)
		elf_end(elf);
	close(fd);
}

/* Is type a copy relocation on machine? */
static int libbuild_is_copy(unsigned machine, unsigned type)
{
	switch (machine) {
	case EM_X86_64: return type == R_X86_64_COPY;
	case EM_386: return type == R_386_COPY;
	case EM_AARCH64: return type == R_AARCH64_COPY;
	case EM_ARM: return type == R_ARM_COPY;
	case EM_PPC64: return type == R_PPC64_COPY;
	case EM_PPC: return type == R_PPC_COPY;
	case EM_S390: return type == R_390_COPY;
	case EM_SPARCV9:
	case EM_SPARC: return type == R_SPARC_COPY;
	case EM_MIPS: return type == R_MIPS_COPY;
#ifdef R_RISCV_COPY
	case EM_RISCV: return type == R_RISCV_COPY;
#endif
	default: return 0;
	}
}

/* A copy of the caller's environment without LD_LIBRARY_PATH (and, for the loader's
 * trace, without its other LD_DEBUG and LD_TRACE settings), plus the n_add entries in add. */
static char **libbuild_env(int trace, const char *const *add, size_t n_add)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	char **env = calloc(n + n_add + 1, sizeof *env);
	if (!env)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = environ[i];
		if (strncmp(e, "LD_LIBRARY_PATH=", 16) == 0)
			continue;
		if (trace && (strncmp(e, "LD_DEBUG", 8) == 0 || strncmp(e, "LD_TRACE_", 9) == 0))
			continue;
		if (!(env[k++] = strdup(e)))
			goto oom;
	}
	for (size_t i = 0; i < n_add; i++)
		if (!(env[k++] = strdup(add[i])))
			goto oom;
	return env;
oom:
	for (size_t i = 0; i < k; i++)
		free(env[i]);
	free(env);
	return NULL;
}

static void libbuild_env_free(char **env)
{
	for (size_t i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

/* ---- the loader's trace ---- */

/* The message of one trace line, past "PID:\t"; NULL when the line is not the loader's. */
static const char *libbuild_trace_msg(const char *line)
{
	const char *p = line;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p[0] != ':' || p[1] != '\t')
		return NULL;
	return p + 2;
}

/* Which place a " search path=..." line names, from its "(...)" tag; *from gets the file of
 * an RPATH or RUNPATH tag (caller frees). */
static enum libbuild_via libbuild_trace_tag(const char *msg, size_t len, char **from)
{
	const char *open = NULL;
	for (size_t i = len; i > 0; i--)
		if (msg[i - 1] == '(') {
			open = msg + i;
			break;
		}
	if (!open || len == 0 || msg[len - 1] != ')')
		return LIBBUILD_VIA_NONE;
	size_t tlen = (size_t)(msg + len - 1 - open);
	static const struct {
		const char *tag;
		enum libbuild_via via;
	} tags[] = {
		{ "RPATH from file ", LIBBUILD_VIA_RPATH },
		{ "RUNPATH from file ", LIBBUILD_VIA_RUNPATH },
	};
	for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
		size_t n = strlen(tags[i].tag);
		if (tlen >= n && strncmp(open, tags[i].tag, n) == 0) {
			*from = strndup(open + n, tlen - n);
			return tags[i].via;
		}
	}
	if (tlen == 15 && strncmp(open, "LD_LIBRARY_PATH", 15) == 0)
		return LIBBUILD_VIA_LD_LIBRARY_PATH;
	if (tlen == 18 && strncmp(open, "system search path", 18) == 0)
		return LIBBUILD_VIA_DEFAULT;
	return LIBBUILD_VIA_NONE;
}

void libbuild_lookups_free(struct libbuild_lookup *l, size_t n)
{
	for (size_t i = 0; l && i < n; i++) {
		free(l[i].name);
		free(l[i].path);
		free(l[i].from);
	}
	free(l);
}

/* What is being parsed: the lookup so far and the place of the current search line. */
struct libbuild_trace_state {
	struct libbuild_lookup *cur;
	enum libbuild_via src;
	char *src_from;
	char *last;          /* the last file tried */
	enum libbuild_via last_src;
	char *last_from;
};

static void libbuild_trace_reset(struct libbuild_trace_state *t)
{
	free(t->src_from);
	free(t->last);
	free(t->last_from);
	memset(t, 0, sizeof *t);
}

/* Close the current lookup: where it was found, after the listing. */
static void libbuild_trace_close(struct libbuild_trace_state *t, const struct resolve_libs *listing)
{
	struct libbuild_lookup *l = t->cur;
	if (!l) {
		libbuild_trace_reset(t);
		return;
	}
	for (size_t i = 0; i < listing->n; i++) {
		const struct resolve_lib *r = &listing->libs[i];
		if (r->loader || !r->path || strcmp(r->name, l->name) != 0)
			continue;
		l->path = strdup(r->path);
		/* the file the search ended on is the one the listing names: that search found it */
		if (t->last && strcmp(t->last, r->path) == 0) {
			l->via = t->last_src;
			l->from = t->last_from;
			t->last_from = NULL;
		}
		break;
	}
	libbuild_trace_reset(t);
}

int libbuild_parse_trace(const char *err, const char *out, struct libbuild_lookup **lookups,
			 size_t *n)
{
	*lookups = NULL;
	*n = 0;
	struct resolve_libs listing = { 0 };
	if (resolve_parse_ldd(out ? out : "", &listing) < 0)
		return -1;
	struct libbuild_trace_state t = { 0 };
	int rc = 0;
	for (const char *line = err ? err : ""; *line;) {
		const char *end = strchr(line, '\n');
		size_t llen = end ? (size_t)(end - line) : strlen(line);
		char *copy = strndup(line, llen);
		line += llen + (end != NULL);
		if (!copy) {
			rc = -1;
			break;
		}
		const char *msg = libbuild_trace_msg(copy);
		size_t mlen = msg ? strlen(msg) : 0;
		if (!msg) {
			free(copy);
			continue;
		}
		if (strncmp(msg, "find library=", 13) == 0) {
			/* closed before the array grows: t.cur points into it */
			libbuild_trace_close(&t, &listing);
			const char *name = msg + 13, *sp = strchr(name, ' ');
			struct libbuild_lookup *grown = realloc(*lookups, (*n + 1) * sizeof *grown);
			if (!grown) {
				rc = -1;
				free(copy);
				break;
			}
			*lookups = grown;
			t.cur = &grown[(*n)++];
			memset(t.cur, 0, sizeof *t.cur);
			t.cur->name = sp ? strndup(name, (size_t)(sp - name)) : strdup(name);
			if (!t.cur->name)
				rc = -1;
		} else if (t.cur && strncmp(msg, " search path=", 13) == 0) {
			free(t.src_from);
			t.src_from = NULL;
			t.src = libbuild_trace_tag(msg, mlen, &t.src_from);
			t.cur->searched |= 1u << t.src;
		} else if (t.cur && strncmp(msg, " search cache=", 14) == 0) {
			free(t.src_from);
			t.src_from = NULL;
			t.src = LIBBUILD_VIA_CACHE;
			t.cur->searched |= 1u << t.src;
		} else if (t.cur && strncmp(msg, "  trying file=", 14) == 0) {
			t.cur->n_tried++;
			free(t.last);
			free(t.last_from);
			t.last = strdup(msg + 14);
			t.last_src = t.src;
			t.last_from = t.src_from ? strdup(t.src_from) : NULL;
		} else if (mlen == 0) {
			libbuild_trace_close(&t, &listing);
		}
		free(copy);
		if (rc < 0)
			break;
	}
	libbuild_trace_close(&t, &listing);
	resolve_libs_free(&listing);
	if (rc < 0) {
		libbuild_lookups_free(*lookups, *n);
		*lookups = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- the build ---- */

/* What every step needs: the options with their defaults filled in. */
struct libbuild_ctx {
	struct libbuild *lb;
	const char *cc;
	const char *opt_level;
	char *const *cflags;
	size_t n_cflags;
	char *const *link_args;
	size_t n_link_args;
	int run_ms, tool_ms;
	char *const *run_args;
	size_t n_run_args;
	const char *run_stdin;
};

static int libbuild_exec(const struct libbuild_ctx *c, char **argv, int timeout_ms,
			 size_t cap, char **envp, struct proc_result *r)
{
	struct proc_opts po = { .cwd = c->lb->dir, .timeout_ms = timeout_ms, .out_cap = cap,
				.envp = envp };
	return proc_run(argv, &po, r);
}

/* Where each symbol the library defines is in the linked program at path. */
static void libbuild_fates(struct libbuild *lb, struct libbuild_prog *p, const char *path)
{
	struct symbols s;
	if (symbols_read(path, SYMBOLS_STATIC, &s) < 0)
		return;
	p->fates = calloc(lb->n_syms + 1, sizeof *p->fates);
	for (size_t i = 0; p->fates && i < lb->n_syms; i++) {
		struct libbuild_fate *f = &p->fates[i];
		const struct symbols_sym *found = NULL;
		for (size_t k = 0; k < s.n_syms && !found; k++)
			if (s.syms[k].bind != STB_LOCAL && strcmp(s.syms[k].name, lb->syms[i].name) == 0)
				found = &s.syms[k];
		if (!found) {
			f->place = LIBBUILD_ABSENT;
			continue;
		}
		if (found->shndx == SHN_UNDEF) {
			f->place = LIBBUILD_UNDEFINED;
			continue;
		}
		f->place = LIBBUILD_COPIED;
		f->section = strdup(found->section);
		for (size_t r = 0; r < s.n_relocs; r++) {
			const struct symbols_reloc *rel = &s.relocs[r];
			if (!libbuild_is_copy(s.machine, rel->type) ||
			    strcmp(rel->symbol, lb->syms[i].name) != 0)
				continue;
			f->place = LIBBUILD_COPY_RELOC;
			const char *tn = symbols_reloc_type_name(s.machine, rel->type);
			/* a name from static storage per thread would not outlive this thread */
			f->reloc = strncmp(tn, "R_", 2) == 0 ? tn : NULL;
			break;
		}
	}
	symbols_free(&s);
}

/* ldd, the loader's listing and a run of program p, with LD_LIBRARY_PATH set to llp (NULL:
 * unset). */
static void libbuild_load(const struct libbuild_ctx *c, struct libbuild_prog *p,
			  struct libbuild_load *l, const char *llp)
{
	char *set = llp ? xfmt("LD_LIBRARY_PATH=%s", llp) : NULL;
	const char *add[] = { set, "LD_TRACE_LOADED_OBJECTS=1", "LD_DEBUG=libs" };
	char **env = libbuild_env(0, add, set ? 1 : 0);
	char **tenv = libbuild_env(1, set ? add : add + 1, set ? 3 : 2);
	char *dotexe = xfmt("./%s", p->name);
	l->ld_library_path = llp ? strdup(llp) : NULL;
	char *ldd_argv[] = { "ldd", dotexe, NULL };
	char *run_argv[] = { dotexe, NULL };
	if (!env || !tenv || !dotexe || (llp && (!set || !l->ld_library_path)))
		goto out; /* no memory: nothing is recorded */
	libbuild_exec(c, ldd_argv, c->tool_ms, 0, env, &l->ldd);
	/* only glibc's loader lists instead of running when LD_TRACE_LOADED_OBJECTS is set;
	 * musl's would run the program, so that one is not asked */
	if (p->elf_ok && p->elf.interp && !strstr(p->elf.interp, "musl")) {
		libbuild_exec(c, run_argv, c->run_ms, 0, tenv, &l->trace);
		if (libbuild_parse_trace(l->trace.err, l->trace.out, &l->lookups, &l->n_lookups) < 0)
			l->n_lookups = 0;
	}
	/* the program itself: in the learner's locale, ended when its output passes the cap */
	struct proc_opts ro = { .cwd = c->lb->dir, .timeout_ms = c->run_ms,
				.out_cap = LIBBUILD_RUN_CAP, .envp = env, .stop_at_cap = 1,
				.user_locale = 1, .stdin_path = c->run_stdin };
	/* confined as the walk's programs are (stages/jail.h: probed once per process), with
	 * the walk's --arg arguments */
	struct jail jail;
	jail_probe(c->lb->dir, &jail);
	char **args = calloc(c->n_run_args + 2, sizeof *args);
	if (args) {
		args[0] = dotexe;
		for (size_t i = 0; i < c->n_run_args; i++)
			args[i + 1] = c->run_args[i];
	}
	jail_run(args ? args : run_argv, &ro, &jail, &l->run, NULL);
	free(args);
out:
	free(set);
	free(dotexe);
	libbuild_env_free(env);
	libbuild_env_free(tenv);
}

/* Link program p from the main object, then read its facts and ask and run it. */
static void libbuild_program(const struct libbuild_ctx *c, struct libbuild_prog *p)
{
	struct libbuild *lb = c->lb;
	size_t cap = 12 + c->n_link_args;
	char **argv = calloc(cap, sizeof *argv);
	char *l_arg = xfmt("-l%s", lb->libname);
	char *map_arg = p->kind == LIBBUILD_ARCHIVE ? xfmt("-Wl,-Map,%s.map", p->name) :
			strdup("");
	if (!argv || !l_arg || !map_arg)
		goto out; /* no memory: the link is not recorded, and lb->error says so */
	size_t n = 0;
	argv[n++] = (char *)c->cc;
	argv[n++] = lb->main_obj;
	if (p->kind == LIBBUILD_ARCHIVE) {
		/* named by its path, not found with -l: no search, so neither the .so beside it
		 * nor a system library of the same name can be taken instead */
		argv[n++] = lb->archive;
	} else {
		argv[n++] = "-Llib";
		argv[n++] = l_arg;
		if (p->kind == LIBBUILD_RPATH)
			argv[n++] = "-Wl,-rpath,$ORIGIN/lib"; /* no shell: $ORIGIN reaches ld as is */
	}
	argv[n++] = "-o";
	argv[n++] = p->name;
	/* ld's own account of which archive members it took, and for which reference */
	if (p->kind == LIBBUILD_ARCHIVE)
		argv[n++] = map_arg;
	for (size_t i = 0; i < c->n_link_args; i++)
		argv[n++] = c->link_args[i];
	argv[n] = NULL;
	libbuild_unlink(lb->dir, p->name);
	if (p->kind == LIBBUILD_ARCHIVE)
		libbuild_unlink(lb->dir, map_arg + strlen("-Wl,-Map,"));
	libbuild_exec(c, argv, c->tool_ms, 0, NULL, &p->link);
	p->size = libbuild_size(lb->dir, p->name);
	p->linked = proc_ok(&p->link) && p->size >= 0;
	if (!p->linked)
		goto out;
	char *path = xfmt("%s/%s", lb->dir, p->name);
	if (path) {
		p->elf_ok = elfinfo_read(path, &p->elf) == 0;
		libbuild_dyn_strings(path, &p->rpath, &p->runpath, NULL);
		libbuild_fates(lb, p, path);
	}
	free(path);
	if (p->kind == LIBBUILD_ARCHIVE) {
		char *map = xfmt("%s/%s.map", lb->dir, p->name);
		p->map_ok = map && linkmap_read(map, &p->map) == 0;
		if (p->map_ok && p->elf_ok)
			linkmap_tally(&p->map, &p->elf);
		free(map);
	}
	libbuild_load(c, p, &p->load[p->n_load++], NULL);
	if (p->kind == LIBBUILD_SHARED)
		libbuild_load(c, p, &p->load[p->n_load++], lb->libdir);
out:
	free(argv);
	free(l_arg);
	free(map_arg);
}

struct libbuild_job {
	const struct libbuild_ctx *c;
	enum libbuild_kind kind;
};

/* The archive, then the program linked against it. */
static void libbuild_archive_chain(const struct libbuild_ctx *c)
{
	struct libbuild *lb = c->lb;
	char **argv = calloc(lb->n_objs + 4, sizeof *argv);
	if (!argv)
		return;
	size_t n = 0;
	argv[n++] = "ar";
	argv[n++] = "rcs"; /* r: insert the members, c: create quietly, s: write the index */
	argv[n++] = lb->archive;
	for (size_t i = 0; i < lb->n_objs; i++)
		argv[n++] = lb->objs[i].obj;
	argv[n] = NULL;
	libbuild_unlink(lb->dir, lb->archive);
	libbuild_exec(c, argv, c->tool_ms, 0, NULL, &lb->ar);
	free(argv);
	lb->archive_size = libbuild_size(lb->dir, lb->archive);
	if (proc_ok(&lb->ar) && lb->archive_size >= 0)
		libbuild_program(c, &lb->prog[LIBBUILD_ARCHIVE]);
}

static void *libbuild_thread(void *arg)
{
	struct libbuild_job *j = arg;
	tmpdir_thread_signals();
	if (j->kind == LIBBUILD_ARCHIVE)
		libbuild_archive_chain(j->c);
	else
		libbuild_program(j->c, &j->c->lb->prog[j->kind]);
	return NULL;
}

/* Which of the library's symbols the .so reaches through a dynamic relocation, and its
 * SONAME. */
static void libbuild_shared_facts(struct libbuild *lb)
{
	char *path = xfmt("%s/%s", lb->dir, lb->shared);
	if (!path)
		return;
	libbuild_dyn_strings(path, NULL, NULL, &lb->soname);
	struct symbols s;
	if (symbols_read(path, SYMBOLS_DYNAMIC, &s) == 0) {
		for (size_t i = 0; i < lb->n_syms; i++)
			for (size_t r = 0; r < s.n_relocs && !lb->syms[i].so_reloc; r++)
				lb->syms[i].so_reloc = strcmp(s.relocs[r].symbol, lb->syms[i].name) == 0;
		symbols_free(&s);
	}
	free(path);
}

/* The gcc -shared link. */
static void libbuild_shared(const struct libbuild_ctx *c)
{
	struct libbuild *lb = c->lb;
	char **argv = calloc(lb->n_objs + c->n_link_args + 6, sizeof *argv);
	if (!argv)
		return;
	size_t n = 0;
	argv[n++] = (char *)c->cc;
	argv[n++] = "-shared";
	argv[n++] = "-o";
	argv[n++] = lb->shared;
	for (size_t i = 0; i < lb->n_objs; i++)
		argv[n++] = lb->objs[i].obj;
	/* the library's own needs (-lm) are recorded in it as NEEDED entries of its own */
	for (size_t i = 0; i < c->n_link_args; i++)
		argv[n++] = c->link_args[i];
	argv[n] = NULL;
	libbuild_unlink(lb->dir, lb->shared);
	libbuild_exec(c, argv, c->tool_ms, 0, NULL, &lb->so);
	free(argv);
	lb->shared_size = libbuild_size(lb->dir, lb->shared);
	if (proc_ok(&lb->so) && lb->shared_size >= 0)
		libbuild_shared_facts(lb);
}

/* Compile one other source for the library. Position-independent code (-fPIC): Debian's gcc
 * makes -fPIE code by default, which reaches its own global variables PC-relative, as if
 * they were sure to sit in the same module. A shared library cannot promise that (the
 * program may hold the variable itself, by a copy relocation, or another library may
 * interpose it), so ld refuses such code in a .so ("relocation R_X86_64_PC32 against symbol
 * ... can not be used when making a shared object; recompile with -fPIC"). -fPIC goes
 * through the GOT instead. The archive gets the same objects: -fPIC code links into a
 * program just as well. */
static int libbuild_compile(const struct libbuild_ctx *c, struct libbuild_obj *x)
{
	char **argv = calloc(c->n_cflags + 8, sizeof *argv);
	if (!argv)
		return -1;
	int n = 0;
	argv[n++] = (char *)c->cc;
	argv[n++] = "-c";
	argv[n++] = "-fPIC";
	for (size_t i = 0; i < c->n_cflags; i++)
		argv[n++] = c->cflags[i];
	if (c->opt_level)
		argv[n++] = (char *)c->opt_level;
	argv[n++] = x->src;
	argv[n++] = "-o";
	argv[n++] = x->obj;
	argv[n] = NULL;
	libbuild_unlink(c->lb->dir, x->obj);
	libbuild_exec(c, argv, c->tool_ms, 0, NULL, &x->cc);
	free(argv);
	return proc_ok(&x->cc) && libbuild_size(c->lb->dir, x->obj) >= 0 ? 0 : -1;
}

/* The symbols the library's objects define, object by object. */
static int libbuild_read_syms(struct libbuild *lb)
{
	for (size_t i = 0; i < lb->n_objs; i++) {
		struct symbols s;
		char *path = xfmt("%s/%s", lb->dir, lb->objs[i].obj);
		if (!path || symbols_read(path, SYMBOLS_STATIC, &s) < 0) {
			free(path);
			continue;
		}
		free(path);
		const char *member = strrchr(lb->objs[i].obj, '/') + 1;
		for (size_t k = 0; k < s.n_syms; k++) {
			const struct symbols_sym *y = &s.syms[k];
			if (y->bind == STB_LOCAL || y->shndx == SHN_UNDEF || !y->name[0] ||
			    y->type == STT_SECTION || y->type == STT_FILE)
				continue;
			struct libbuild_sym *grown = realloc(lb->syms, (lb->n_syms + 1) * sizeof *grown);
			if (!grown) {
				symbols_free(&s);
				return -1;
			}
			lb->syms = grown;
			struct libbuild_sym *d = &lb->syms[lb->n_syms++];
			*d = (struct libbuild_sym){ .name = strdup(y->name), .obj = strdup(member),
						    .type = y->type, .size = y->size };
			if (!d->name || !d->obj) {
				symbols_free(&s);
				return -1;
			}
		}
		symbols_free(&s);
	}
	return 0;
}

/* The symbols the main object leaves undefined: what it asks of the library (and of libc). */
static int libbuild_read_refs(struct libbuild *lb, const char *main_obj)
{
	struct symbols s;
	if (symbols_read(main_obj, SYMBOLS_STATIC, &s) < 0)
		return 0; /* not an error here: the link will say what is wrong with it */
	size_t n = 0;
	const char **und = symbols_undefined(&s, &n);
	int rc = und ? 0 : -1;
	lb->main_refs = und ? calloc(n + 1, sizeof *lb->main_refs) : NULL;
	if (und && !lb->main_refs)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!(lb->main_refs[i] = strdup(und[i])))
			rc = -1;
		else
			lb->n_main_refs++;
	}
	free(und);
	symbols_free(&s);
	return rc;
}

/* Set up lb from o: the names of every file, and DIR/lib. */
static int libbuild_setup(struct libbuild *lb, const struct libbuild_opts *o)
{
	if (!o || !o->dir || o->dir[0] != '/' || !o->main_obj || o->main_obj[0] != '/' ||
	    !o->srcs || o->n_srcs == 0) {
		libbuild_err(lb, "a library build needs the absolute paths of a directory, of the "
			     "main object and of at least one other source");
		return -1;
	}
	for (size_t i = 0; i < o->n_srcs; i++)
		if (!o->srcs[i] || o->srcs[i][0] != '/') {
			libbuild_err(lb, "the other source %s is not an absolute path",
				     o->srcs[i] ? o->srcs[i] : "(none)");
			return -1;
		}
	lb->dir = strdup(o->dir);
	lb->libdir = xfmt("%s/lib", o->dir);
	lb->libname = libbuild_name(o->srcs[0], o->link_args, o->n_link_args);
	lb->main_obj = libbuild_rel(o->dir, o->main_obj);
	lb->objs = calloc(o->n_srcs, sizeof *lb->objs);
	if (!lb->dir || !lb->libdir || !lb->libname || !lb->main_obj || !lb->objs) {
		libbuild_err(lb, "out of memory");
		return -1;
	}
	lb->archive = xfmt("lib/lib%s.a", lb->libname);
	lb->shared = xfmt("lib/lib%s.so", lb->libname);
	if (!lb->archive || !lb->shared) {
		libbuild_err(lb, "out of memory");
		return -1;
	}
	lb->n_objs = o->n_srcs;
	for (size_t i = 0; i < o->n_srcs; i++) {
		struct libbuild_obj *x = &lb->objs[i];
		char *base = files_base(o->srcs[i]);
		/* util.c makes lib/util.o; a name an earlier source took gets a number */
		int taken = 0;
		char *want = base ? xfmt("lib/%s.o", base) : NULL;
		for (size_t k = 0; want && k < i; k++)
			taken |= strcmp(lb->objs[k].obj, want) == 0;
		x->obj = !want ? NULL : taken ? xfmt("lib/%s-%zu.o", base, i + 1) : strdup(want);
		free(want);
		free(base);
		x->src = strdup(o->srcs[i]);
		x->name = strdup(o->names && o->names[i] ? o->names[i] : o->srcs[i]);
		if (!x->obj || !x->src || !x->name) {
			libbuild_err(lb, "out of memory");
			return -1;
		}
	}
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		lb->prog[k].kind = (enum libbuild_kind)k;
		lb->prog[k].name = strdup(libbuild_prog_names[k]);
		if (!lb->prog[k].name) {
			libbuild_err(lb, "out of memory");
			return -1;
		}
	}
	if (mkdir(lb->libdir, 0700) < 0 && errno != EEXIST) {
		libbuild_err(lb, "cannot make %s: %s", lb->libdir, strerror(errno));
		return -1;
	}
	struct stat st;
	if (stat(lb->libdir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		libbuild_err(lb, "%s is not a directory", lb->libdir);
		return -1;
	}
	return 0;
}

int libbuild_run(struct libbuild *lb, const struct libbuild_opts *o)
{
	memset(lb, 0, sizeof *lb);
	lb->archive_size = lb->shared_size = -1;
	for (int k = 0; k < LIBBUILD_COUNT; k++)
		lb->prog[k].size = -1;
	if (libbuild_setup(lb, o) < 0)
		return -1;
	struct libbuild_ctx c = {
		.lb = lb,
		.cc = o->cc ? o->cc : "gcc",
		.opt_level = o->opt_level,
		.cflags = o->cflags,
		.n_cflags = o->cflags ? o->n_cflags : 0,
		.link_args = o->link_args,
		.n_link_args = o->link_args ? o->n_link_args : 0,
		.run_ms = o->run_timeout_ms > 0 ? o->run_timeout_ms : 5000,
		.tool_ms = o->tool_timeout_ms > 0 ? o->tool_timeout_ms : 60000,
		.run_args = o->run_args,
		.n_run_args = o->run_args ? o->n_run_args : 0,
		.run_stdin = o->run_stdin,
	};
	/* One after the other: usually there is one, and the failure of the first is the
	 * one to show. */
	for (size_t i = 0; i < lb->n_objs; i++) {
		if (libbuild_compile(&c, &lb->objs[i]) < 0) {
			libbuild_err(lb, "the compile of %s failed (%s)", lb->objs[i].name,
				     proc_describe(&lb->objs[i].cc));
			return -1;
		}
	}
	if (libbuild_read_syms(lb) < 0 || libbuild_read_refs(lb, o->main_obj) < 0) {
		libbuild_err(lb, "out of memory");
		return -1;
	}
	/* The archive's chain and the shared library's are independent; so are the two links
	 * against the .so. */
	struct libbuild_job aj = { &c, LIBBUILD_ARCHIVE }, rj = { &c, LIBBUILD_RPATH };
	pthread_t at, rt;
	int a_started = pthread_create(&at, NULL, libbuild_thread, &aj) == 0;
	if (!a_started)
		libbuild_archive_chain(&c);
	libbuild_shared(&c);
	if (proc_ok(&lb->so) && lb->shared_size >= 0) {
		int r_started = pthread_create(&rt, NULL, libbuild_thread, &rj) == 0;
		libbuild_program(&c, &lb->prog[LIBBUILD_SHARED]);
		if (r_started)
			pthread_join(rt, NULL);
		else
			libbuild_program(&c, &lb->prog[LIBBUILD_RPATH]);
	}
	if (a_started)
		pthread_join(at, NULL);

	/* The first failure, in the order a learner would have typed the commands. */
	if (!lb->ar.argv)
		libbuild_err(lb, "%s was not made: out of memory", lb->archive);
	else if (!proc_ok(&lb->ar) || lb->archive_size < 0)
		libbuild_err(lb, "ar could not make %s (%s)", lb->archive, proc_describe(&lb->ar));
	if (!lb->so.argv)
		libbuild_err(lb, "%s was not made: out of memory", lb->shared);
	else if (!proc_ok(&lb->so) || lb->shared_size < 0)
		libbuild_err(lb, "the shared library %s could not be linked (%s)", lb->shared,
			     proc_describe(&lb->so));
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		struct libbuild_prog *p = &lb->prog[k];
		if (p->link.argv && !p->linked)
			libbuild_err(lb, "%s could not be linked (%s)", p->name,
				     proc_describe(&p->link));
	}
	for (int k = 0; k < LIBBUILD_COUNT; k++)
		if (!lb->prog[k].linked)
			libbuild_err(lb, "%s was not linked", lb->prog[k].name);
	return lb->error[0] ? -1 : 0;
}

/* ---- the learner's account ---- */

/* A bounded writer into the caller's buffer: what does not fit is cut, never overrun. */
/*
 * The sentences: libbuild_explain() and its helpers turn the facts of a walk into whole
 * sentences, each marked for gettext (stages/say.h, the sentence layer). Lists of names are
 * made first and passed to a sentence as one argument.
 */
static const char *libbuild_file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The name NEEDED holds for the library: its SONAME, else the file name ld found. */
static const char *libbuild_needed_name(const struct libbuild *lb)
{
	return lb->soname ? lb->soname : lb->shared ? libbuild_file_name(lb->shared) : "";
}

static int libbuild_main_refers(const struct libbuild *lb, const char *name)
{
	for (size_t i = 0; i < lb->n_main_refs; i++)
		if (strcmp(lb->main_refs[i], name) == 0)
			return 1;
	return 0;
}

/* Write the names of the library's symbols whose fate in p is place ("a, b and c") into o,
 * with the program's section after each when with_section; only those the main object does
 * not refer to when unreferenced. Returns how many there are. */
static size_t libbuild_put_names(struct say *o, const struct libbuild *lb,
				 const struct libbuild_prog *p, enum libbuild_place place,
				 int with_section, int unreferenced)
{
	size_t total = 0;
	for (int pass = 0; pass < 2; pass++) {
		size_t k = 0;
		for (size_t i = 0; i < lb->n_syms; i++) {
			const struct libbuild_fate *f = &p->fates[i];
			if (f->place != place || (unreferenced && libbuild_main_refers(lb, lb->syms[i].name)))
				continue;
			if (pass == 0) {
				total++;
				continue;
			}
			if (k < LIBBUILD_LIST_MAX) {
				say_put(o, "%s%s", say_list_sep(k, total), lb->syms[i].name);
				if (with_section && f->section)
					say_put(o, " (%s)", f->section);
			}
			k++;
		}
		if (pass == 1 && total > LIBBUILD_LIST_MAX)
			say_put(o, ngettext(" and %zu more", " and %zu more",
					    total - LIBBUILD_LIST_MAX), total - LIBBUILD_LIST_MAX);
		if (total == 0)
			break;
	}
	return total;
}

static size_t libbuild_count(const struct libbuild *lb, const struct libbuild_prog *p,
			     enum libbuild_place place, int unreferenced)
{
	size_t n = 0;
	for (size_t i = 0; p->fates && i < lb->n_syms; i++)
		n += p->fates[i].place == place &&
		     !(unreferenced && libbuild_main_refers(lb, lb->syms[i].name));
	return n;
}

/* "1 byte", "12 bytes": a size, as an argument of a sentence. */
static const char *libbuild_bytes(char *buf, size_t len, unsigned long long n)
{
	snprintf(buf, len, ngettext("%llu byte", "%llu bytes", n), n);
	return buf;
}

/* The archive members ld took, after its map, and the objects it left. */
static void libbuild_explain_members(struct say *o, const struct libbuild *lb,
				     const struct libbuild_prog *p)
{
	const struct linkmap *m = &p->map;
	for (size_t i = 0; i < m->n_members; i++) {
		const struct linkmap_member *e = &m->members[i];
		if (strcmp(e->archive, lb->archive) != 0)
			continue;
		int because = e->by[0] && e->symbol[0];
		if (e->input >= 0 && (size_t)e->input < m->n_inputs) {
			unsigned long long text = 0;
			for (size_t k = 0; k < m->n_pieces; k++)
				if (m->pieces[k].input == (size_t)e->input &&
				    strcmp(m->outputs[m->pieces[k].output].name, ".text") == 0)
					text += m->pieces[k].size;
			char code[48], all[48];
			libbuild_bytes(code, sizeof code, text);
			libbuild_bytes(all, sizeof all, m->inputs[e->input].size);
			if (because)
				say_put(o, _("ld copied %1$s out of %2$s into %3$s, because %4$s refers "
					     "to %5$s: %6$s of machine code in .text, %7$s of the "
					     "program's memory in all.\n"), e->member, lb->archive,
					p->name, e->by, e->symbol, code, all);
			else
				say_put(o, _("ld copied %1$s out of %2$s into %3$s: %4$s of machine "
					     "code in .text, %5$s of the program's memory in all.\n"),
					e->member, lb->archive, p->name, code, all);
		} else if (because) {
			say_put(o, _("ld copied %1$s out of %2$s into %3$s, because %4$s refers to "
				     "%5$s.\n"), e->member, lb->archive, p->name, e->by, e->symbol);
		} else {
			say_put(o, _("ld copied %1$s out of %2$s into %3$s.\n"), e->member,
				lb->archive, p->name);
		}
	}
	for (size_t i = 0; i < lb->n_objs; i++) {
		const char *member = libbuild_file_name(lb->objs[i].obj);
		int taken = 0;
		for (size_t k = 0; k < m->n_members && !taken; k++)
			taken = strcmp(m->members[k].archive, lb->archive) == 0 &&
				strcmp(m->members[k].member, member) == 0;
		if (!taken)
			say_put(o, _("%1$s stayed in the archive: it defines nothing the program was "
				     "still missing when ld read %2$s.\n"), member, lb->archive);
	}
}

static void libbuild_explain_archive(struct say *o, const struct libbuild *lb,
				     const struct libbuild_prog *p)
{
	char names[2048];
	struct say ns;
	if (p->map_ok)
		libbuild_explain_members(o, lb, p);
	if (p->fates && libbuild_count(lb, p, LIBBUILD_COPIED, 0)) {
		say_init(&ns, names, sizeof names);
		libbuild_put_names(&ns, lb, p, LIBBUILD_COPIED, 1, 0);
		say_put(o, _("Defined inside %1$s now, taken from the archive: %2$s.\n"), p->name,
			names);
	}
	if (p->fates && libbuild_count(lb, p, LIBBUILD_COPIED, 1) && lb->main_refs) {
		say_init(&ns, names, sizeof names);
		size_t n = libbuild_put_names(&ns, lb, p, LIBBUILD_COPIED, 0, 1);
		say_put(o, ngettext("%1$s does not refer to %2$s, yet it is inside: ld copies whole "
				    "members, not single functions.\n",
				    "%1$s does not refer to %2$s, yet they are inside: ld copies "
				    "whole members, not single functions.\n", n),
			libbuild_file_name(lb->main_obj), names);
	}
	if (p->elf_ok) {
		const char *lib = libbuild_file_name(lb->shared);
		int named = 0;
		for (size_t i = 0; i < p->elf.n_needed; i++)
			named |= strcmp(p->elf.needed[i], libbuild_needed_name(lb)) == 0;
		if (named) {
			say_put(o, _("%1$s has a NEEDED entry for %2$s.\n"), p->name, lib);
		} else if (p->elf.n_needed) {
			say_init(&ns, names, sizeof names);
			for (size_t i = 0; i < p->elf.n_needed; i++)
				say_put(&ns, "%s%s", i ? ", " : "", p->elf.needed[i]);
			say_put(o, _("No NEEDED entry names %1$s: at run time the loader does not "
				     "look for the library (NEEDED: %2$s).\n"), lib, names);
		} else {
			say_put(o, _("No NEEDED entry names %s: at run time the loader does not look "
				     "for the library (no NEEDED entries at all).\n"), lib);
		}
	}
	if (p->n_load && p->load[0].run.argv)
		say_put(o, _("The run: %s.\n"), proc_describe(&p->load[0].run));
}

/* The first line of text, without its newline, for a quotation: at most max bytes. */
static int libbuild_first_line(const char *text, int max)
{
	if (!text)
		return 0;
	size_t n = strcspn(text, "\n");
	return n > (size_t)max ? max : (int)n;
}

/* Where the loader looked, as an item of a list ("it looked in A, B and C"). */
static const char *libbuild_via_phrase(enum libbuild_via v)
{
	switch (v) {
	case LIBBUILD_VIA_RPATH: return _("the program's DT_RPATH");
	case LIBBUILD_VIA_LD_LIBRARY_PATH: return _("LD_LIBRARY_PATH");
	case LIBBUILD_VIA_RUNPATH: return _("the program's DT_RUNPATH");
	case LIBBUILD_VIA_CACHE: return _("/etc/ld.so.cache");
	case LIBBUILD_VIA_DEFAULT: return _("the default directories");
	default: return "?";
	}
}

/* "With LD_LIBRARY_PATH=DIR, the loader found LIB through WHERE: PATH.", whole, for each
 * WHERE, with LD_LIBRARY_PATH set (ldp) or not (NULL). */
static void libbuild_found_via(struct say *o, enum libbuild_via v, const char *ldp,
			       const char *lib, const char *path)
{
	switch (v) {
	case LIBBUILD_VIA_RPATH:
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s through the program's DT_RPATH: "
				     "%3$s.\n"), ldp, lib, path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s through the program's DT_RPATH: "
				     "%2$s.\n"), lib, path);
		break;
	case LIBBUILD_VIA_LD_LIBRARY_PATH:
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s through LD_LIBRARY_PATH: "
				     "%3$s.\n"), ldp, lib, path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s through LD_LIBRARY_PATH: "
				     "%2$s.\n"), lib, path);
		break;
	case LIBBUILD_VIA_RUNPATH:
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s through the program's DT_RUNPATH: "
				     "%3$s.\n"), ldp, lib, path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s through the program's DT_RUNPATH: "
				     "%2$s.\n"), lib, path);
		break;
	case LIBBUILD_VIA_CACHE:
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s through /etc/ld.so.cache: "
				     "%3$s.\n"), ldp, lib, path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s through /etc/ld.so.cache: "
				     "%2$s.\n"), lib, path);
		break;
	case LIBBUILD_VIA_DEFAULT:
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s through the default directories: "
				     "%3$s.\n"), ldp, lib, path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s through the default directories: "
				     "%2$s.\n"), lib, path);
		break;
	default:
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s through ?: "
				     "%3$s.\n"), ldp, lib, path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s through ?: "
				     "%2$s.\n"), lib, path);
		break;
	}
}

/* One environment's story: where the library was found, what ldd said, how the run ended. */
static void libbuild_explain_load(struct say *o, const struct libbuild *lb,
				  const struct libbuild_prog *p, const struct libbuild_load *l)
{
	const char *lib = libbuild_needed_name(lb);
	const char *ldp = l->ld_library_path;
	const struct libbuild_lookup *k = libbuild_lookup(lb, l);
	struct resolve_libs listing = { 0 };
	const char *ldd_path = NULL;
	int in_ldd = 0;
	if (!k && proc_ok(&l->ldd) && resolve_parse_ldd(l->ldd.out, &listing) == 0) {
		for (size_t i = 0; i < listing.n && !in_ldd; i++)
			if (!listing.libs[i].loader && strcmp(listing.libs[i].name, lib) == 0) {
				in_ldd = 1;
				ldd_path = listing.libs[i].path;
			}
	}
	if (k && k->path && k->via != LIBBUILD_VIA_NONE) {
		libbuild_found_via(o, k->via, ldp, lib, k->path);
	} else if (k && k->path) {
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader found %2$s at %3$s.\n"),
				ldp, lib, k->path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader found %1$s at %2$s.\n"), lib,
				k->path);
	} else if (k) {
		static const enum libbuild_via order[] = {
			LIBBUILD_VIA_RPATH, LIBBUILD_VIA_LD_LIBRARY_PATH, LIBBUILD_VIA_RUNPATH,
			LIBBUILD_VIA_CACHE, LIBBUILD_VIA_DEFAULT,
		};
		char where[512];
		struct say ws;
		say_init(&ws, where, sizeof where);
		size_t n = 0, total = 0;
		for (size_t i = 0; i < sizeof order / sizeof *order; i++)
			total += (k->searched >> order[i]) & 1;
		for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
			if (!((k->searched >> order[i]) & 1))
				continue;
			say_put(&ws, "%s%s", say_list_sep(n, total), libbuild_via_phrase(order[i]));
			n++;
		}
		if (total == 0)
			say_put(&ws, "%s", _("no directory at all"));
		if (ldp)
			say_put(o, ngettext("With LD_LIBRARY_PATH=%1$s, the loader did not find %2$s; "
					    "it looked in %3$s (%4$zu file tried).\n",
					    "With LD_LIBRARY_PATH=%1$s, the loader did not find %2$s; "
					    "it looked in %3$s (%4$zu files tried).\n", k->n_tried),
				ldp, lib, where, k->n_tried);
		else
			say_put(o, ngettext("Without LD_LIBRARY_PATH, the loader did not find %1$s; "
					    "it looked in %2$s (%3$zu file tried).\n",
					    "Without LD_LIBRARY_PATH, the loader did not find %1$s; "
					    "it looked in %2$s (%3$zu files tried).\n", k->n_tried),
				lib, where, k->n_tried);
	} else if (in_ldd && ldd_path) {
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, ldd finds %2$s at %3$s.\n"), ldp, lib,
				ldd_path);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, ldd finds %1$s at %2$s.\n"), lib,
				ldd_path);
	} else if (in_ldd) {
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, ldd does not find %2$s.\n"), ldp, lib);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, ldd does not find %s.\n"), lib);
	} else {
		if (ldp)
			say_put(o, _("With LD_LIBRARY_PATH=%1$s, the loader's search for %2$s is not "
				     "known.\n"), ldp, lib);
		else
			say_put(o, _("Without LD_LIBRARY_PATH, the loader's search for %s is not "
				     "known.\n"), lib);
	}
	resolve_libs_free(&listing);
	/* ldd's own words for a library it cannot find, as it printed them */
	const char *line = proc_ok(&l->ldd) && l->ldd.out ? l->ldd.out : "";
	while (*line) {
		const char *t = line + strspn(line, " \t");
		size_t n = strcspn(t, "\n");
		size_t lib_len = strlen(lib);
		if (strncmp(t, lib, lib_len) == 0 && strncmp(t + lib_len, " => not found", 13) == 0) {
			say_put(o, _("ldd prints \"%.*s\".\n"), (int)n, t);
			break;
		}
		line = t + n + (t[n] == '\n');
	}
	if (!l->run.argv)
		return;
	const char *err = l->run.err ? l->run.err : "";
	int loader_said = !proc_ok(&l->run) && strstr(err, "error while loading shared libraries");
	const struct libbuild_load *a = lb->prog[LIBBUILD_ARCHIVE].n_load ?
					&lb->prog[LIBBUILD_ARCHIVE].load[0] : NULL;
	int same = proc_ok(&l->run) && a && a->run.argv && proc_ok(&a->run) && a->run.out &&
		   l->run.out && p->kind != LIBBUILD_ARCHIVE && strcmp(a->run.out, l->run.out) == 0;
	const char *how = proc_describe(&l->run);
	int quoted = libbuild_first_line(err, 400);
	/* loader_said needs a failed run and same a successful one: never both */
	if (loader_said)
		say_put(o, _("The run: %1$s, and the loader said \"%2$.*3$s\".\n"), how, err, quoted);
	else if (same)
		say_put(o, _("The run: %1$s; it printed what %2$s printed.\n"), how,
			lb->prog[LIBBUILD_ARCHIVE].name);
	else
		say_put(o, _("The run: %s.\n"), how);
}

static void libbuild_explain_shared(struct say *o, const struct libbuild *lb,
				    const struct libbuild_prog *p)
{
	const char *lib = libbuild_needed_name(lb);
	char names[2048];
	struct say ns;
	int named = 0;
	for (size_t i = 0; p->elf_ok && i < p->elf.n_needed; i++)
		named |= strcmp(p->elf.needed[i], lib) == 0;
	if (named) {
		if (lb->soname)
			say_put(o, _("%1$s has a NEEDED entry for %2$s (the library's SONAME): the "
				     "loader must find that library each time the program starts.\n"),
				p->name, lib);
		else
			say_put(o, _("%1$s has a NEEDED entry for %2$s (%2$s has no SONAME, so ld "
				     "wrote the name of the file it found): the loader must find that "
				     "library each time the program starts.\n"), p->name, lib);
		if (p->kind == LIBBUILD_SHARED)
			say_put(o, _("For -l%1$s, ld looks in each directory for lib%1$s.so before "
				     "lib%1$s.a, so it took %2$s.\n"), lb->libname, lb->shared);
	} else if (p->elf_ok) {
		say_put(o, _("%1$s has no NEEDED entry for %2$s.\n"), p->name, lib);
	}
	if (p->fates && libbuild_count(lb, p, LIBBUILD_UNDEFINED, 0)) {
		say_init(&ns, names, sizeof names);
		libbuild_put_names(&ns, lb, p, LIBBUILD_UNDEFINED, 0, 0);
		say_put(o, _("Undefined in %1$s, for the loader to bind at run time: %2$s.\n"),
			p->name, names);
	}
	for (size_t i = 0; p->fates && i < lb->n_syms; i++) {
		const struct libbuild_fate *f = &p->fates[i];
		const struct libbuild_sym *y = &lb->syms[i];
		if (f->place != LIBBUILD_COPY_RELOC)
			continue;
		char how[128] = "";
		if (f->reloc)
			snprintf(how, sizeof how, " (%s)", f->reloc);
		const char *sec = f->section ? f->section : "?";
		if (y->so_reloc)
			say_put(o, ngettext("%1$s holds %2$s itself: a copy relocation%3$s reserves "
					    "its %4$llu byte in %5$s, and at start-up the loader copies "
					    "the initial value from %6$s there; %6$s reaches it through "
					    "a dynamic relocation, which the loader resolves to the "
					    "program's copy, so the library's code uses that copy too.\n",
					    "%1$s holds %2$s itself: a copy relocation%3$s reserves "
					    "its %4$llu bytes in %5$s, and at start-up the loader copies "
					    "the initial value from %6$s there; %6$s reaches it through "
					    "a dynamic relocation, which the loader resolves to the "
					    "program's copy, so the library's code uses that copy too.\n",
					    y->size),
				p->name, y->name, how, y->size, sec, lib);
		else
			say_put(o, ngettext("%1$s holds %2$s itself: a copy relocation%3$s reserves "
					    "its %4$llu byte in %5$s, and at start-up the loader copies "
					    "the initial value from %6$s there.\n",
					    "%1$s holds %2$s itself: a copy relocation%3$s reserves "
					    "its %4$llu bytes in %5$s, and at start-up the loader copies "
					    "the initial value from %6$s there.\n", y->size),
				p->name, y->name, how, y->size, sec, lib);
	}
	if (p->fates && libbuild_count(lb, p, LIBBUILD_COPIED, 0)) {
		say_init(&ns, names, sizeof names);
		libbuild_put_names(&ns, lb, p, LIBBUILD_COPIED, 1, 0);
		say_put(o, _("Defined inside %1$s as well: %2$s.\n"), p->name, names);
	}
	if (p->fates && libbuild_count(lb, p, LIBBUILD_ABSENT, 0)) {
		say_init(&ns, names, sizeof names);
		size_t n = libbuild_put_names(&ns, lb, p, LIBBUILD_ABSENT, 0, 0);
		say_put(o, ngettext("Not in %1$s at all: %2$s (nothing in the program refers to it; "
				    "it stays in %3$s).\n",
				    "Not in %1$s at all: %2$s (nothing in the program refers to "
				    "them; they stay in %3$s).\n", n),
			p->name, names, lib);
	}
	if (p->elf_ok && p->runpath) {
		if (strstr(p->runpath, "$ORIGIN") || strstr(p->runpath, "${ORIGIN}"))
			say_put(o, _("%1$s carries a run-time search path, DT_RUNPATH \"%2$s\" "
				     "($ORIGIN is the directory the program is in). The loader "
				     "searches DT_RUNPATH after LD_LIBRARY_PATH, and only for the "
				     "program's own NEEDED entries; the older DT_RPATH comes before "
				     "LD_LIBRARY_PATH and applies to the libraries' own dependencies "
				     "too.\n"), p->name, p->runpath);
		else
			say_put(o, _("%1$s carries a run-time search path, DT_RUNPATH \"%2$s\". The "
				     "loader searches DT_RUNPATH after LD_LIBRARY_PATH, and only for "
				     "the program's own NEEDED entries; the older DT_RPATH comes "
				     "before LD_LIBRARY_PATH and applies to the libraries' own "
				     "dependencies too.\n"), p->name, p->runpath);
		if (p->rpath)
			say_put(o, _("It has a DT_RPATH too, \"%s\": with DT_RUNPATH present the "
				     "loader ignores it.\n"), p->rpath);
	} else if (p->elf_ok && p->rpath) {
		if (strstr(p->rpath, "$ORIGIN") || strstr(p->rpath, "${ORIGIN}"))
			say_put(o, _("%1$s carries a run-time search path, DT_RPATH \"%2$s\" "
				     "($ORIGIN is the directory the program is in). The loader "
				     "searches DT_RPATH before LD_LIBRARY_PATH, and for the libraries' "
				     "own dependencies too; DT_RPATH is deprecated in favour of "
				     "DT_RUNPATH, which ld writes instead with --enable-new-dtags.\n"),
				p->name, p->rpath);
		else
			say_put(o, _("%1$s carries a run-time search path, DT_RPATH \"%2$s\". The "
				     "loader searches DT_RPATH before LD_LIBRARY_PATH, and for the "
				     "libraries' own dependencies too; DT_RPATH is deprecated in "
				     "favour of DT_RUNPATH, which ld writes instead with "
				     "--enable-new-dtags.\n"), p->name, p->rpath);
	} else if (p->elf_ok) {
		say_put(o, _("%1$s has no DT_RPATH or DT_RUNPATH: nothing in it says where to look "
			     "for %2$s.\n"), p->name, lib);
	}
	for (size_t i = 0; i < p->n_load; i++)
		libbuild_explain_load(o, lb, p, &p->load[i]);
}

const struct libbuild_lookup *libbuild_lookup(const struct libbuild *lb,
					      const struct libbuild_load *load)
{
	const char *lib = libbuild_needed_name(lb);
	for (size_t i = 0; i < load->n_lookups; i++)
		if (strcmp(load->lookups[i].name, lib) == 0)
			return &load->lookups[i];
	return NULL;
}

char *libbuild_explain(const struct libbuild *lb, enum libbuild_kind k, char *buf, size_t len)
{
	struct say o;
	if (len == 0)
		return buf;
	say_init(&o, buf, len);
	if (k >= LIBBUILD_COUNT)
		return buf;
	const struct libbuild_prog *p = &lb->prog[k];
	const char *name = p->name ? p->name : libbuild_prog_names[k];
	if (!p->linked) {
		if (p->link.argv)
			say_put(&o, _("%1$s could not be linked: %2$s.\n"), name,
				proc_describe(&p->link));
		else if (lb->error[0])
			say_put(&o, _("%1$s was not linked: %2$s.\n"), name, lb->error);
		else
			say_put(&o, _("%s was not linked.\n"), name);
		return buf;
	}
	if (k == LIBBUILD_ARCHIVE)
		libbuild_explain_archive(&o, lb, p);
	else
		libbuild_explain_shared(&o, lb, p);
	/* the last line keeps no newline: the caller adds its own layout */
	if (o.used > 0 && buf[o.used - 1] == '\n')
		buf[--o.used] = '\0';
	return buf;
}

static void libbuild_load_free(struct libbuild_load *l)
{
	free(l->ld_library_path);
	proc_result_free(&l->ldd);
	proc_result_free(&l->trace);
	proc_result_free(&l->run);
	libbuild_lookups_free(l->lookups, l->n_lookups);
}

void libbuild_free(struct libbuild *lb)
{
	if (!lb)
		return;
	free(lb->dir);
	free(lb->libdir);
	free(lb->libname);
	free(lb->archive);
	free(lb->shared);
	free(lb->main_obj);
	for (size_t i = 0; i < lb->n_main_refs; i++)
		free(lb->main_refs[i]);
	free(lb->main_refs);
	for (size_t i = 0; lb->objs && i < lb->n_objs; i++) {
		free(lb->objs[i].src);
		free(lb->objs[i].name);
		free(lb->objs[i].obj);
		proc_result_free(&lb->objs[i].cc);
	}
	free(lb->objs);
	proc_result_free(&lb->ar);
	proc_result_free(&lb->so);
	free(lb->soname);
	for (size_t i = 0; i < lb->n_syms; i++) {
		free(lb->syms[i].name);
		free(lb->syms[i].obj);
	}
	for (int k = 0; k < LIBBUILD_COUNT; k++) {
		struct libbuild_prog *p = &lb->prog[k];
		free(p->name);
		proc_result_free(&p->link);
		elfinfo_free(&p->elf);
		free(p->rpath);
		free(p->runpath);
		for (size_t i = 0; p->fates && i < lb->n_syms; i++)
			free(p->fates[i].section);
		free(p->fates);
		linkmap_free(&p->map);
		for (size_t i = 0; i < p->n_load; i++)
			libbuild_load_free(&p->load[i]);
	}
	free(lb->syms);
	memset(lb, 0, sizeof *lb);
}
