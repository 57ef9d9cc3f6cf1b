/* walk: one C source through gcc's four stages. See walk.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "stages/cfwire.h"
#include "stages/emptyroot.h"
#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/libname.h"
#include "stages/tmpdir.h"
#include "stages/walk.h"
#include "stages/walkrun.h"
#include "stages/xfmt.h"

#define WALK_RUN_CAP (64 * 1024)
#define WALK_MAX_ARGS 64
#define WALK_BACKGROUND_NICE 10 /* gcc -S -g, libclang and the tools on the .o */

/* Identifiers (a --stage argument, a lesson's name, a JSON value): never translated. */
static const char *const walk_names[STAGE_COUNT] = { "preprocess", "compile", "assemble", "link",
						     "run" };
static const char *const walk_titles[STAGE_COUNT] = { N_("Preprocess"), N_("Compile"),
						      N_("Assemble"), N_("Link"), N_("Run") };
/* Identifiers too (a JSON value, the name of a directory of the walk). */
static const char *const walk_link_names[LINK_COUNT] = { "dynamic", "static", "static-pie",
								 "musl" };
static const char *const walk_link_titles[LINK_COUNT] = {
	N_("dynamic (the default)"), N_("static (-static)"), N_("static PIE (-static-pie)"),
	N_("musl (musl-gcc -static)"),
};
/* What each variant's program is called, after the source's base name. */
static const char *const walk_link_suffix[LINK_COUNT] = { "", "-static", "-static-pie", "-musl" };

const char *walk_stage_name(enum stage_id id)
{
	return id < STAGE_COUNT ? walk_names[id] : "?";
}

const char *walk_stage_title_en(enum stage_id id)
{
	return id < STAGE_COUNT ? walk_titles[id] : "?";
}

const char *walk_stage_title(enum stage_id id)
{
	return _(walk_stage_title_en(id));
}

int walk_stage_from_name(const char *name)
{
	for (int i = 0; i < STAGE_COUNT; i++)
		if (strcmp(name, walk_names[i]) == 0)
			return i;
	return -1;
}

const char *walk_opt_flag(const char *level)
{
	static const char *const flags[] = { "-O0", "-O1", "-O2", "-O3", "-Os", "-Og" };
	if (!level)
		return NULL;
	if (level[0] == '-')
		level++;
	if (level[0] == 'O')
		level++;
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (strcmp(level, flags[i] + 2) == 0)
			return flags[i];
	return NULL;
}

const char *walk_link_name(enum link_kind k)
{
	return k < LINK_COUNT ? walk_link_names[k] : "?";
}

const char *walk_unresolved_why(const struct walk *w, const char *name)
{
	if (strcmp(name, "_GLOBAL_OFFSET_TABLE_") == 0)
		return _("none needed: ld itself makes the GOT, nothing looks it up at run time");
	long i = w->obj_syms_ok ? symbols_find(&w->obj_syms, name) : -1;
	if (i >= 0 && w->obj_syms.syms[i].bind == STB_WEAK &&
	    w->obj_syms.syms[i].shndx == SHN_UNDEF)
		return _("none: a weak reference (nm w), left 0 when nothing defines it");
	return NULL;
}

const char *walk_input_name(const struct walk *w, const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/'), *b = slash ? slash + 1 : path;
	int temp = strlen(b) == 10 && strncmp(b, "cc", 2) == 0 && strcmp(b + 8, ".o") == 0;
	for (int i = 2; temp && i < 8; i++)
		temp = isalnum((unsigned char)b[i]) != 0;
	if (!temp)
		snprintf(buf, len, "%s", b);
	else if (w->n_extra)
		snprintf(buf, len, _("one of the sources as the link command compiled it (%s)"), b);
	else {
		const char *s = strrchr(w->src_path, '/');
		snprintf(buf, len, _("%s as the link command compiled it"), s ? s + 1 : w->src_path);
	}
	return buf;
}

const char *walk_link_title_en(enum link_kind k)
{
	return k < LINK_COUNT ? walk_link_titles[k] : "?";
}

const char *walk_link_title(enum link_kind k)
{
	return _(walk_link_title_en(k));
}

/* Is prog an executable file in one of PATH's directories? */
static int walk_in_path(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		char *full = NULL;
		if (asprintf(&full, "%.*s/%s", (int)n, path, prog) >= 0) {
			int ok = access(full, X_OK) == 0;
			free(full);
			if (ok)
				return 1;
		}
		path += n + (path[n] == ':');
	}
	return 0;
}

enum run_state walk_state(const struct stage_run *s)
{
	return (enum run_state)__atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
}

/* A run that failed although its command exited 0: it made no artifact. */
static int walk_run_made_nothing(const struct stage_run *s)
{
	return walk_state(s) == RUN_FAILED && proc_ok(&s->proc) && s->artifact_size < 0 &&
	       s->artifact;
}

const char *walk_run_describe(const struct stage_run *s)
{
	static _Thread_local char buf[1024];
	if (!walk_run_made_nothing(s))
		return proc_describe(&s->proc);
	/* TRANSLATORS: %1$s is how the command ended ("exit 0"), %2$s the file it should have
	 * made */
	snprintf(buf, sizeof buf, _("%1$s, but it made no %2$s"), proc_describe(&s->proc),
		 s->artifact);
	return buf;
}

const char *walk_run_describe_en(const struct stage_run *s)
{
	static _Thread_local char buf[1024];
	if (!walk_run_made_nothing(s))
		return proc_describe_en(&s->proc);
	snprintf(buf, sizeof buf, "%s, but it made no %s", proc_describe_en(&s->proc),
		 s->artifact);
	return buf;
}

static void walk_publish(struct stage_run *s, enum run_state st)
{
	__atomic_store_n(&s->state, (int)st, __ATOMIC_RELEASE);
}

/* Mark s skipped, saying why: why in the user's language, why_en in English (for the JSON);
 * both allocated, either NULL when memory ran out. */
static void walk_skip(struct stage_run *s, char *why, char *why_en)
{
	s->skip_reason = why;
	s->skip_reason_en = why_en;
	walk_publish(s, RUN_SKIPPED);
}

/* A sentence from a table or the catalogue with its arguments, allocated; NULL when memory
 * ran out. */
static char *walk_vfmt(const char *fmt, va_list ap)
{
	char *p = NULL;
	return vasprintf(&p, fmt, ap) < 0 ? NULL : p;
}

static char *walk_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = walk_vfmt(fmt, ap);
	va_end(ap);
	return p;
}

/* Mark s skipped with the sentence msgid (marked N_()) and its arguments, which read the
 * same in both languages. */
static void walk_skip_say(struct stage_run *s, const char *msgid, ...)
	__attribute__((format(printf, 2, 3)));
static void walk_skip_say(struct stage_run *s, const char *msgid, ...)
{
	va_list ap, aq;
	va_start(ap, msgid);
	va_copy(aq, ap);
	char *why = walk_vfmt(_(msgid), ap), *why_en = walk_vfmt(msgid, aq);
	va_end(aq);
	va_end(ap);
	walk_skip(s, why, why_en);
}

int walk_variant_finished(const struct link_variant *v)
{
	return __atomic_load_n(&v->finished, __ATOMIC_ACQUIRE);
}

int walk_msgs_ready(const struct link_variant *v)
{
	return __atomic_load_n(&v->msgs_ok, __ATOMIC_ACQUIRE);
}

int walk_diag_ready(const struct walk *w, enum stage_id id)
{
	if ((int)id < 0 || id > STAGE_ASSEMBLE)
		return 0;
	return __atomic_load_n(&w->diag_ok[id], __ATOMIC_ACQUIRE);
}

int walk_run5_ready(const struct walk *w)
{
	return __atomic_load_n(&w->run5.ready, __ATOMIC_ACQUIRE);
}

int walk_is_done(const struct walk *w)
{
	return __atomic_load_n(&w->done, __ATOMIC_ACQUIRE);
}

const struct stage_run *walk_stage_run(const struct walk *w, enum stage_id id)
{
	if (id == STAGE_LINK)
		return &w->variant[LINK_DYNAMIC].link;
	if (id == STAGE_RUN)
		return &w->run5.run;
	return &w->stage[id];
}

enum run_state walk_stage_state(const struct walk *w, enum stage_id id)
{
	if (id == STAGE_RUN)
		return walk_state(&w->run5.run);
	if (id != STAGE_LINK)
		return walk_state(&w->stage[id]);
	/* The link stage is finished when every variant is; it failed if the default one did. */
	enum run_state first = walk_state(&w->variant[LINK_DYNAMIC].link);
	for (int k = 0; k < LINK_COUNT; k++) {
		enum run_state st = walk_state(&w->variant[k].link);
		if (st == RUN_PENDING || st == RUN_RUNNING)
			return st == RUN_RUNNING || first == RUN_RUNNING ? RUN_RUNNING : RUN_PENDING;
	}
	return first;
}

char *walk_path(const struct walk *w, const char *name)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", w->dir, name) < 0)
		return NULL;
	return p;
}

/* Causes a learner can fix, recognised in what a tool printed, with what to do. */
static const struct {
	const char *needle;
	const char *hint;
} walk_hints[] = {
	{ "cannot find -lc:", N_("the static C library, libc.a, is missing; on Debian it comes "
				 "with libc6-dev (apt-get install libc6-dev)") },
	{ "cannot find -lc\n", N_("the static C library, libc.a, is missing; on Debian it comes "
				   "with libc6-dev (apt-get install libc6-dev)") },
	{ "cannot find crt1.o", N_("the C start-up files are missing; on Debian they come with "
				   "libc6-dev (apt-get install libc6-dev)") },
	{ "cannot find Scrt1.o", N_("the C start-up files are missing; on Debian they come with "
				    "libc6-dev (apt-get install libc6-dev)") },
	{ "cannot find rcrt1.o", N_("the start-up file for static PIE, rcrt1.o, is missing; on "
				    "Debian it comes with libc6-dev (apt-get install libc6-dev)") },
	{ "No space left on device", N_("the disk that holds the walk directory is full: free "
					"some space, or point TMPDIR at another disk") },
};

/* Tools that may be missing, and the Debian package that has each. */
static const struct {
	const char *tool;
	const char *package;
} walk_packages[] = {
	{ "gcc", "gcc" }, { "cc", "gcc" }, { "ldd", "libc-bin" }, { "musl-gcc", "musl-tools" },
	{ "objdump", "binutils" }, { "nm", "binutils" }, { "readelf", "binutils" },
};

/* walk_hint in the user's language, or in English when en (in a buffer of its own). */
static const char *walk_hint_in(const struct proc_result *p, int en)
{
	static _Thread_local char buf[2][160];
	if (p->kind == PROC_SPAWN_FAILED && p->spawn_errno == ENOENT && p->argv && p->argv[0]) {
		const char *tool = strrchr(p->argv[0], '/');
		tool = tool ? tool + 1 : p->argv[0];
		for (size_t i = 0; i < sizeof walk_packages / sizeof *walk_packages; i++) {
			if (strcmp(tool, walk_packages[i].tool) != 0)
				continue;
			static const char msgid[] = N_("%1$s is not installed (on Debian: apt-get "
						       "install %2$s)");
			snprintf(buf[en], sizeof buf[en], en ? msgid : _(msgid), tool,
				 walk_packages[i].package);
			return buf[en];
		}
		return NULL;
	}
	if (proc_ok(p) || !p->err)
		return NULL;
	for (size_t i = 0; i < sizeof walk_hints / sizeof *walk_hints; i++)
		if (strstr(p->err, walk_hints[i].needle))
			return en ? walk_hints[i].hint : _(walk_hints[i].hint);
	return NULL;
}

const char *walk_hint(const struct proc_result *p)
{
	return walk_hint_in(p, 0);
}

const char *walk_hint_en(const struct proc_result *p)
{
	return walk_hint_in(p, 1);
}

/* Tell a file that is surely not C source from one that may be, by its first bytes, so a
 * learner who names the program, an object file or a UTF-16 file hears what it is instead of
 * pages of gcc's errors. 0 when it may be C; else -1 with a sentence in err. */
static int walk_check_text(const char *src, char *err, size_t errlen)
{
	FILE *f = fopen(src, "rbe");
	if (!f) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), src, strerror(errno));
		return -1;
	}
	static const size_t head_max = 64 * 1024;
	unsigned char *head = malloc(head_max);
	size_t n = head ? fread(head, 1, head_max, f) : 0;
	int bad = head && ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), src, strerror(errno));
		free(head);
		return -1;
	}
	const unsigned char *nul = n ? memchr(head, '\0', n) : NULL;
	int rc = -1;
	if (n >= 4 && memcmp(head, "\177ELF", 4) == 0)
		snprintf(err, errlen, _("%s is an ELF file (a compiled program or object file), not "
					"C source: give lesson the .c file it was built from"), src);
	else if (n >= 8 && memcmp(head, "!<arch>\n", 8) == 0)
		snprintf(err, errlen, _("%s is an ar archive (a static library), not C source"), src);
	else if (n >= 2 && ((head[0] == 0xff && head[1] == 0xfe) || (head[0] == 0xfe && head[1] == 0xff)))
		snprintf(err, errlen, _("%s is text in UTF-16, which gcc cannot read: convert it to "
					"UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8"), src);
	else if (nul)
		snprintf(err, errlen, _("%1$s holds binary data (a NUL byte at offset %2$zu), not C "
					"source"), src, (size_t)(nul - head));
	else
		rc = 0;
	free(head);
	return rc;
}

/* Check that src is a readable regular file of text, as lesson can walk it. */
static int walk_check_input(const char *src, char *err, size_t errlen)
{
	struct stat st;
	if (stat(src, &st) < 0) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), src, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, _("%s is a directory, not a C source file"), src);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, _("%s is not a regular file"), src);
		return -1;
	}
	if (access(src, R_OK) < 0) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), src, strerror(errno));
		return -1;
	}
	return walk_check_text(src, err, errlen);
}

struct walk *walk_new(const char *src, const struct walk_opts *o, const char *dir, char *err,
		      size_t errlen)
{
	if (walk_check_input(src, err, errlen) < 0)
		return NULL;
	for (size_t i = 0; o && i < o->n_extra_srcs; i++)
		if (walk_check_input(o->extra_srcs[i], err, errlen) < 0)
			return NULL;
	if (o && o->n_link_args + o->n_extra_srcs + o->n_cflags > WALK_MAX_ARGS - 16) {
		snprintf(err, errlen, _("too many files and link arguments (at most %d in all)"),
			 WALK_MAX_ARGS - 16);
		return NULL;
	}
	struct walk *w = calloc(1, sizeof *w);
	if (!w) {
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	libname_cache_init(&w->libnames);
	if (o)
		w->opts = *o;
	if (w->opts.opt_level && !walk_opt_flag(w->opts.opt_level)) {
		snprintf(err, errlen, _("unknown optimisation level %s (one of -O0, -O1, -O2, -O3, "
					"-Os, -Og)"), w->opts.opt_level);
		free(w);
		return NULL;
	}
	w->opts.opt_level = walk_opt_flag(w->opts.opt_level);
	if (!w->opts.cc)
		w->opts.cc = "gcc";
	if (w->opts.run_timeout_ms <= 0)
		w->opts.run_timeout_ms = 5000;
	if (w->opts.tool_timeout_ms <= 0)
		w->opts.tool_timeout_ms = 60000;
	w->src_path = strdup(src);
	w->src_abs = files_abs_name(src); /* a symbolic link keeps its name: files.h */
	w->base = files_base(src);
	size_t len = strlen(src);
	w->not_c = len < 2 || strcmp(src + len - 2, ".c") != 0;
	w->dir = strdup(dir);
	for (int i = 0; i < 3; i++)
		w->stage[i].artifact_size = -1;
	w->gline.artifact_size = w->clang.artifact_size = -1;
	for (int k = 0; k < LINK_COUNT; k++) {
		w->variant[k].kind = (enum link_kind)k;
		w->variant[k].link.artifact_size = -1;
	}
	if (!w->src_path || !w->src_abs || !w->base || !w->dir) {
		snprintf(err, errlen, _("cannot resolve %1$s: %2$s"), src, strerror(errno));
		walk_free(w);
		return NULL;
	}
	w->extra = calloc(w->opts.n_extra_srcs + 1, sizeof *w->extra);
	if (!w->extra) {
		snprintf(err, errlen, _("out of memory"));
		walk_free(w);
		return NULL;
	}
	w->n_extra = w->opts.n_extra_srcs;
	for (size_t i = 0; i < w->n_extra; i++) {
		struct walk_extra *x = &w->extra[i];
		char *base = files_base(w->opts.extra_srcs[i]);
		x->src_path = strdup(w->opts.extra_srcs[i]);
		x->src_abs = files_abs_name(w->opts.extra_srcs[i]);
		/* util.c makes util.o; a name the program already uses gets a number */
		int taken = base && strcmp(base, w->base) == 0;
		for (size_t k = 0; base && k < i; k++)
			taken |= strcmp(w->extra[k].obj, base) == 0;
		x->obj = !base ? NULL : taken ? xfmt("%s-%zu.o", base, i + 2) : xfmt("%s.o", base);
		x->cc.artifact_size = -1;
		free(base);
		if (!x->src_path || !x->src_abs || !x->obj) {
			snprintf(err, errlen, _("cannot resolve %1$s: %2$s"), w->opts.extra_srcs[i],
				 strerror(errno));
			walk_free(w);
			return NULL;
		}
	}
	return w;
}

/* What a failed link command failed at: the compile when the compiler stopped it (musl's
 * variant compiles the source again: a line with "FILE:LINE:COL: error:" or "fatal error:"),
 * else the link. */
static enum link_failed_at walk_link_failed_at(const struct proc_result *p)
{
	const char *e = p->err, *end = p->err ? p->err + p->err_len : NULL;
	for (const char *l = e; l && l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
		const char *at = NULL;
		for (size_t i = 0; i + 9 <= n && !at; i++)
			if (memcmp(l + i, ": error: ", 9) == 0 ||
			    (i + 15 <= n && memcmp(l + i, ": fatal error: ", 15) == 0))
				at = l + i;
		/* the compiler's place before it: ":LINE:COL" */
		int colons = 0;
		for (const char *q = at; at && q > l && colons < 2; q--) {
			if (*(q - 1) == ':')
				colons++;
			else if (*(q - 1) < '0' || *(q - 1) > '9')
				break;
		}
		if (colons == 2)
			return LINK_FAILED_AT_COMPILE;
		l = nl ? nl + 1 : end;
	}
	return LINK_FAILED_AT_LINK;
}

/* Run argv for stage run s, which should make the file artifact in the walk directory.
 * derive, when given, reads the artifact into the model before the run is published. */
static void walk_exec_derive(struct walk *w, struct stage_run *s, char **argv, const char *artifact,
			     void (*derive)(struct walk *w, const char *path))
{
	if (__atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE)) {
		walk_skip_say(s, N_("the walk was stopped"));
		return;
	}
	walk_publish(s, RUN_RUNNING);
	struct proc_opts po = { .cwd = w->dir, .timeout_ms = w->opts.tool_timeout_ms };
	proc_run(argv, &po, &s->proc);
	s->artifact = strdup(artifact);
	char *path = walk_path(w, artifact);
	struct stat st;
	s->artifact_size = path && stat(path, &st) == 0 ? (long long)st.st_size : -1;
	int ok = proc_ok(&s->proc) && s->artifact_size >= 0;
	if (ok && derive)
		derive(w, path);
	free(path);
	/* a link variant's failure: what stopped it, decided before it is published */
	for (int k = 0; !ok && k < LINK_COUNT; k++)
		if (s == &w->variant[k].link)
			w->variant[k].failed_at = walk_link_failed_at(&s->proc);
	walk_publish(s, ok ? RUN_OK : RUN_FAILED);
}

/* The walk's compile flags (opts.cflags) into argv from n on; the new n. */
static int walk_add_cflags(const struct walk *w, char **argv, int n)
{
	for (size_t i = 0; i < w->opts.n_cflags; i++)
		argv[n++] = w->opts.cflags[i];
	return n;
}

static void walk_exec(struct walk *w, struct stage_run *s, char **argv, const char *artifact)
{
	walk_exec_derive(w, s, argv, artifact, NULL);
}

static void walk_read_pp(struct walk *w, const char *path)
{
	char err[256];
	w->pp_ok = path && ppmap_load_file(&w->pp, path, err, sizeof err) == 0;
}

/* Read the .s at path into m: 1 when it is read. */
static int walk_read_asm_into(struct asmmap *m, const char *path)
{
	char err[256];
	size_t len = 0;
	char *text = path ? files_slurp(path, ASMMAP_MAX_TEXT - 1, &len, NULL) : NULL;
	int ok = text && asmmap_read(m, text, len, err, sizeof err) == 0;
	free(text);
	return ok;
}

int walk_asm_pair_ready(const struct walk *w)
{
	return __atomic_load_n(&w->asm_pair_ok, __ATOMIC_ACQUIRE);
}

/* One of the two compiles is read: the last of the two pairs their lines, before its run is
 * published. */
static void walk_asm_pair_arrive(struct walk *w)
{
	if (__atomic_sub_fetch(&w->asm_pair_pending, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (w->asmm_ok && w->asms_ok && (w->asm_pair = asmmap_pair(&w->asms, &w->asmm)) != NULL)
		__atomic_store_n(&w->asm_pair_ok, 1, __ATOMIC_RELEASE);
}

static void walk_read_asm(struct walk *w, const char *path)
{
	w->asmm_ok = walk_read_asm_into(&w->asmm, path);
	walk_asm_pair_arrive(w);
}

/* The .s of the compile shown. */
static void walk_read_asm_shown(struct walk *w, const char *path)
{
	w->asms_ok = walk_read_asm_into(&w->asms, path);
	walk_asm_pair_arrive(w);
}

const char *walk_extra_defines(const struct walk *w, const char *name)
{
	for (size_t e = 0; e < w->n_extra; e++) {
		const struct symbols *sy = &w->extra[e].syms;
		for (size_t i = 1; w->extra[e].syms_ok && i < sy->n_syms; i++)
			if (sy->syms[i].shndx != SHN_UNDEF && sy->syms[i].bind != STB_LOCAL &&
			    strcmp(sy->syms[i].name, name) == 0)
				return w->extra[e].obj;
	}
	return NULL;
}

/* Off the critical path (gcc -E, -S, -c, the links): the calling thread, and the programs it
 * starts, yield the processor to the stages a learner waits for. On Linux a nice value is per
 * thread, and a child takes its value from the thread that forks it. */
static void walk_background(void)
{
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), WALK_BACKGROUND_NICE);
}

int walk_obj_ready(const struct walk *w)
{
	return __atomic_load_n(&w->obj_ready, __ATOMIC_ACQUIRE);
}

int walk_tools_ready(const struct walk *w)
{
	return __atomic_load_n(&w->tools_ready, __ATOMIC_ACQUIRE);
}

/* nm, readelf and objdump on the .o, one after another: they are what a learner would type,
 * not something a later stage needs, so they run beside the links. */
struct walk_tools_job {
	struct walk *w;
	const char *obj;
};

static void *walk_tools(void *arg)
{
	struct walk_tools_job *j = arg;
	struct walk *w = j->w;
	char *o = (char *)j->obj;
	char *tools[OBJ_TOOL_COUNT][4] = {
		{ "nm", o, NULL }, { "readelf", "-sSrW", o, NULL }, { "objdump", "-dr", o, NULL },
	};
	struct proc_opts po = { .cwd = w->dir, .timeout_ms = w->opts.tool_timeout_ms };
	for (int t = 0; t < OBJ_TOOL_COUNT; t++)
		if (!__atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE))
			proc_run(tools[t], &po, &w->obj_tools[t]);
	const struct proc_result *dump = &w->obj_tools[OBJ_OBJDUMP];
	if (w->obj_syms_ok && dump->out_len)
		w->obj_dump_relocs = symbols_dump_relocs(&w->obj_syms, dump->out, dump->out_len,
							 &w->n_obj_dump_relocs);
	__atomic_store_n(&w->tools_ready, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* A thread off the critical path: what it runs yields to the stages. */
struct walk_bg {
	void *(*fn)(void *);
	void *arg;
};

static void *walk_bg_thread(void *arg)
{
	struct walk_bg *b = arg;
	tmpdir_thread_signals();
	walk_background();
	return b->fn(b->arg);
}

/* Start fn(arg) on a background thread; 1 when it started (bg must live until joined). */
static int walk_bg_start(pthread_t *th, struct walk_bg *bg, void *(*fn)(void *), void *arg)
{
	*bg = (struct walk_bg){ fn, arg };
	return pthread_create(th, NULL, walk_bg_thread, bg) == 0;
}

/* The program's other sources as a static archive and a shared library, and the program
 * linked against each. */
static void *walk_lib(void *arg)
{
	struct walk *w = arg;
	if (__atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE)) {
		walk_skip_say(&w->lib_run, N_("the walk was stopped"));
		return NULL;
	}
	walk_publish(&w->lib_run, RUN_RUNNING);
	const char **srcs = calloc(w->n_extra + 1, sizeof *srcs);
	const char **names = calloc(w->n_extra + 1, sizeof *names);
	char *obj = walk_path(w, w->stage[STAGE_ASSEMBLE].artifact);
	int rc = -1;
	if (srcs && names && obj) {
		for (size_t e = 0; e < w->n_extra; e++) {
			srcs[e] = w->extra[e].src_abs;
			names[e] = w->extra[e].src_path;
		}
		struct libbuild_opts lo = {
			.dir = w->dir, .main_obj = obj, .srcs = srcs, .names = names,
			.n_srcs = w->n_extra, .cc = w->opts.cc, .opt_level = w->opts.opt_level,
			.cflags = w->opts.cflags, .n_cflags = w->opts.n_cflags,
			.link_args = w->opts.link_args, .n_link_args = w->opts.n_link_args,
			.run_timeout_ms = w->opts.run_timeout_ms,
			.tool_timeout_ms = w->opts.tool_timeout_ms,
			.run_args = w->opts.run_args, .n_run_args = w->opts.n_run_args,
			.run_stdin = w->opts.run_stdin,
		};
		rc = libbuild_run(&w->lib, &lo);
	} else {
		snprintf(w->lib.error, sizeof w->lib.error, "out of memory");
	}
	free(srcs);
	free(names);
	free(obj);
	walk_publish(&w->lib_run, rc == 0 ? RUN_OK : RUN_FAILED);
	return NULL;
}

int walk_fates_ready(const struct walk *w)
{
	return __atomic_load_n(&w->fates_ok, __ATOMIC_ACQUIRE);
}

/* gline or clang is finished: the last of the two compares them. */
static void walk_fates_arrive(struct walk *w)
{
	if (__atomic_sub_fetch(&w->fates_pending, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (walk_state(&w->gline) == RUN_OK && w->asmm_ok && walk_state(&w->clang) == RUN_OK &&
	    fates_build(&w->fates, &w->cf, &w->asmm) == 0)
		__atomic_store_n(&w->fates_ok, 1, __ATOMIC_RELEASE);
}

const char *walk_musl_member(const struct walk *w, const char *name, char *buf, size_t len)
{
	const struct link_variant *v = &w->variant[LINK_MUSL];
	if (!name || !walk_variant_finished(v) || walk_state(&v->link) != RUN_OK || !v->map_ok)
		return NULL;
	for (size_t i = 0; i < v->map.n_members; i++) {
		const struct linkmap_member *x = &v->map.members[i];
		if (!x->symbol || strcmp(x->symbol, name) != 0)
			continue;
		const char *a = strrchr(x->archive, '/') ? strrchr(x->archive, '/') + 1 : x->archive;
		snprintf(buf, len, *a ? "%s(%s)" : "%s%s", a, x->member);
		return buf;
	}
	return NULL;
}

/* The variant's link or libclang's parse is finished: the last of the two explains what the
 * link printed, with libclang's facts when the parse succeeded. */
static void walk_msgs_arrive(struct walk *w, struct link_variant *v)
{
	if (__atomic_sub_fetch(&v->msgs_pending, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	const struct stage_run *r = &v->link;
	enum run_state st = walk_state(r);
	const struct cfacts *cf = walk_state(&w->clang) == RUN_OK ? &w->cf : NULL;
	memset(&v->msgs, 0, sizeof v->msgs);
	if ((st == RUN_OK || st == RUN_FAILED) && r->proc.err_len &&
	    linkmsg_parse(&v->msgs, r->proc.err, r->proc.err_len, cf) < 0)
		return;
	if (w->pp_ok)
		libname_explain(&v->msgs, &w->pp, w->src_path, w->dir, w->opts.tool_timeout_ms,
				&w->libnames);
	__atomic_store_n(&v->msgs_ok, 1, __ATOMIC_RELEASE);
}

/* Stage k (PREPROCESS, COMPILE or ASSEMBLE) or libclang's parse is finished: the last of
 * the two explains what gcc printed at that stage, with libclang's facts when the parse
 * succeeded. */
static void walk_diag_arrive(struct walk *w, int k)
{
	if (__atomic_sub_fetch(&w->diag_pending[k], 1, __ATOMIC_ACQ_REL) != 0)
		return;
	const struct stage_run *r = &w->stage[k];
	enum run_state st = walk_state(r);
	const struct cfacts *cf = walk_state(&w->clang) == RUN_OK ? &w->cf : NULL;
	memset(&w->diag[k], 0, sizeof w->diag[k]);
	if ((st == RUN_OK || st == RUN_FAILED) && r->proc.err && r->proc.err_len) {
		size_t src_len = 0;
		char *src = files_slurp(w->src_abs, 0, &src_len, NULL);
		int rc = ccdiag_parse(&w->diag[k], r->proc.err, r->proc.err_len, w->src_abs, src,
				      src ? src_len : 0, cf);
		free(src);
		if (rc != 0)
			return;
	}
	__atomic_store_n(&w->diag_ok[k], 1, __ATOMIC_RELEASE);
}

/* libclang's parse is finished, or will never be: what waited for it goes on. */
static void walk_clang_arrive(struct walk *w)
{
	walk_fates_arrive(w);
	for (int k = 0; k < 3; k++)
		walk_diag_arrive(w, k);
	for (int k = 0; k < LINK_COUNT; k++)
		walk_msgs_arrive(w, &w->variant[k]);
}

/* libclang's parse, beside gcc, on a thread of its own. A parse cannot be interrupted, and
 * libclang opens what the source includes (a FIFO there blocks it for ever), so the walk
 * waits for it only as long as for any tool, and no longer than it is not cancelled: then
 * it abandons the thread, which frees its own job when it ends. Until it is abandoned, the
 * job's thread writes its facts into the walk under the job's lock, and the walk frees the
 * job once it has joined the thread. */
struct walk_clang_job {
	pthread_mutex_t lock;
	int abandoned, finished;
	struct walk *w;
	char *src, *inc;
	const char *opt;
	int not_c;
	int in_child;   /* walk_opts.clang_in_child */
	int timeout_ms; /* for the child */
	char **cflags;  /* a copy of walk_opts.cflags: an abandoned job outlives the walk */
	size_t n_cflags;
};

static void walk_clang_job_free(struct walk_clang_job *j)
{
	pthread_mutex_destroy(&j->lock);
	free(j->src);
	free(j->inc);
	for (size_t i = 0; i < j->n_cflags; i++)
		free(j->cflags[i]);
	free(j->cflags);
	free(j);
}

/* The source's own -I, as gcc searches its directory for "" includes, and the optimisation
 * level, which sets __OPTIMIZE__. */
static void *walk_clang(void *arg)
{
	tmpdir_thread_signals();
	walk_background();
	struct walk_clang_job *j = arg;
	struct cfacts cf;
	char err[512];
	const char *args[WALK_MAX_ARGS];
	size_t n = 0;
	if (j->not_c)
		args[n++] = "-xc";
	if (j->inc)
		args[n++] = j->inc;
	for (size_t i = 0; i < j->n_cflags; i++)
		args[n++] = j->cflags[i];
	if (j->opt)
		args[n++] = j->opt;
	memset(&cf, 0, sizeof cf);
	int ok = j->in_child ? cfwire_parse_child(&cf, NULL, j->src, args, n, j->timeout_ms, err,
						   sizeof err) == 0 :
		 cfacts_parse(&cf, j->src, args, n, err, sizeof err) == 0;
	pthread_mutex_lock(&j->lock);
	if (j->abandoned) {
		pthread_mutex_unlock(&j->lock);
		cfacts_free(&cf);
		walk_clang_job_free(j);
		return NULL;
	}
	struct walk *w = j->w;
	w->cf = cf;
	if (ok)
		walk_publish(&w->clang, RUN_OK);
	else /* libclang's own words, or the parse's error as cfacts wrote it */
		walk_skip(&w->clang, strdup(err), strdup(err));
	j->finished = 1;
	pthread_mutex_unlock(&j->lock);
	walk_clang_arrive(w);
	return NULL;
}

/* Start libclang's parse: the job, or NULL when no thread could start (then the facts are
 * RUN_SKIPPED). */
static struct walk_clang_job *walk_clang_start(struct walk *w, pthread_t *th)
{
	struct walk_clang_job *j = calloc(1, sizeof *j);
	char *slash = strrchr(w->src_abs, '/');
	if (!j)
		goto fail;
	pthread_mutex_init(&j->lock, NULL);
	j->w = w;
	j->src = strdup(w->src_abs);
	j->inc = slash ? xfmt("-I%.*s", (int)(slash - w->src_abs), w->src_abs) : NULL;
	j->opt = w->opts.opt_level;
	j->not_c = w->not_c;
	j->in_child = w->opts.clang_in_child;
	j->timeout_ms = w->opts.tool_timeout_ms;
	j->cflags = calloc(w->opts.n_cflags + 1, sizeof *j->cflags);
	for (size_t i = 0; j->cflags && i < w->opts.n_cflags; i++)
		if ((j->cflags[i] = strdup(w->opts.cflags[i])))
			j->n_cflags++;
	walk_publish(&w->clang, RUN_RUNNING);
	if (j->src && j->cflags && j->n_cflags == w->opts.n_cflags && pthread_create(th, NULL, walk_clang, j) == 0)
		return j;
	walk_clang_job_free(j);
fail:
	walk_skip_say(&w->clang, N_("libclang's parse could not start"));
	walk_clang_arrive(w);
	return NULL;
}

/* Wait for the parse while the walk is not cancelled and the tools' time limit has not
 * passed since the walk started; else abandon it and say why. */
static void walk_clang_wait(struct walk *w, struct walk_clang_job *j, pthread_t th,
			    const struct timespec *start)
{
	for (;;) {
		struct timespec now, until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 100 * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_timedjoin_np(th, NULL, &until) == 0) {
			walk_clang_job_free(j);
			return;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		double ms = (double)(now.tv_sec - start->tv_sec) * 1e3 +
			    (double)(now.tv_nsec - start->tv_nsec) / 1e6;
		int cancelled = __atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE);
		if (!cancelled && ms < w->opts.tool_timeout_ms)
			continue;
		pthread_mutex_lock(&j->lock);
		if (j->finished) {
			pthread_mutex_unlock(&j->lock);
			pthread_join(th, NULL);
			walk_clang_job_free(j);
			return;
		}
		j->abandoned = 1;
		if (cancelled)
			walk_skip_say(&w->clang, N_("the walk was stopped"));
		else
			walk_skip_say(&w->clang, N_("libclang did not finish within %d s (does the "
						    "source include a file that never ends, such "
						    "as a FIFO?)"),
				      w->opts.tool_timeout_ms / 1000);
		pthread_mutex_unlock(&j->lock);
		pthread_detach(th);
		walk_clang_arrive(w);
		return;
	}
}

int walk_compare_start(struct walk *w, const char *flag, int wait)
{
	int k = flag ? ocmp_level_index(flag) : -1;
	if (k < 0 || walk_state(&w->stage[STAGE_PREPROCESS]) != RUN_OK)
		return -1;
	if (__atomic_load_n(&w->cmp[k].state, __ATOMIC_ACQUIRE) != OCMP_IDLE)
		return 0;
	w->cmp[k].cflags = w->opts.cflags;
	w->cmp[k].n_cflags = w->opts.n_cflags;
	return ocmp_run_start(&w->cmp[k], w->opts.cc, w->dir, w->stage[STAGE_PREPROCESS].artifact,
			      w->base, w->opts.opt_level, ocmp_levels[k], w->opts.tool_timeout_ms,
			      &w->cancelled, wait);
}

const struct ocmp_run *walk_compare(const struct walk *w, const char *flag)
{
	int k = flag ? ocmp_level_index(flag) : -1;
	return k < 0 ? NULL : &w->cmp[k];
}

int walk_compare_busy(const struct walk *w)
{
	for (int k = 0; k < OCMP_N_LEVELS; k++)
		if (ocmp_run_busy(&w->cmp[k]))
			return 1;
	return 0;
}

struct walk_gline_job {
	struct walk *w;
	char **argv;
	const char *artifact;
};

int walk_dwvars_ready(const struct walk *w)
{
	return __atomic_load_n(&w->dwv_ok, __ATOMIC_ACQUIRE);
}

static void *walk_gline(void *arg)
{
	tmpdir_thread_signals();
	struct walk_gline_job *j = arg;
	struct walk *w = j->w;
	walk_exec_derive(w, &w->gline, j->argv, j->artifact, walk_read_asm);
	walk_fates_arrive(w);
	/* the variables' places, once the line table is out: the -g .s assembled with a
	 * listing, its DWARF read (the walk joins this thread before it is done) */
	char *path = walk_path(w, j->artifact);
	if (path && walk_state(&w->gline) == RUN_OK && w->asmm_ok &&
	    !__atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE) &&
	    dwvars_make(&w->dwv, &w->asmm, w->opts.cc, path, w->dir, w->opts.tool_timeout_ms,
			w->dwv_err, sizeof w->dwv_err) == 0)
		__atomic_store_n(&w->dwv_ok, 1, __ATOMIC_RELEASE);
	free(path);
	return NULL;
}

/* Mark s skipped because an earlier run did not succeed: stage failed of the walk (when
 * failed >= 0), or else the compile of the program's other source xf. */
static void walk_skip_after(struct stage_run *s, const struct walk *w, int failed,
			    const struct walk_extra *xf)
{
	static const char *const failed_msgid[3] = {
		N_("the preprocess stage failed (%s)"),
		N_("the compile stage failed (%s)"),
		N_("the assemble stage failed (%s)"),
	};
	static const char compile_msgid[] = N_("the compile of %1$s failed (%2$s)");
	if (failed < 0) {
		walk_skip(s, walk_fmt(_(compile_msgid), xf->src_path, proc_describe(&xf->cc.proc)),
			  walk_fmt(compile_msgid, xf->src_path, proc_describe_en(&xf->cc.proc)));
		return;
	}
	const struct stage_run *f = &w->stage[failed];
	if (walk_state(f) == RUN_SKIPPED) {
		walk_skip(s, f->skip_reason ? strdup(f->skip_reason) : NULL,
			  f->skip_reason_en ? strdup(f->skip_reason_en) : NULL);
		return;
	}
	walk_skip(s, walk_fmt(_(failed_msgid[failed]), walk_run_describe(f)),
		  walk_fmt(failed_msgid[failed], walk_run_describe_en(f)));
}

char **walk_run_argv(const struct walk *w, const char *prog)
{
	char **argv = calloc(w->opts.n_run_args + 2, sizeof *argv);
	if (!argv)
		return NULL;
	argv[0] = (char *)prog;
	for (size_t i = 0; i < w->opts.n_run_args; i++)
		argv[i + 1] = w->opts.run_args[i];
	return argv;
}

const char *walk_run_input(const struct walk *w)
{
	return w->opts.run_stdin_shown ? w->opts.run_stdin_shown : w->opts.run_stdin;
}

char *walk_run_command(const struct walk *w, char *const argv[])
{
	char *cmd = proc_argv_string(argv);
	if (!cmd || !w->opts.run_stdin)
		return cmd;
	char *const in[] = { (char *)(w->opts.run_stdin_shown ? w->opts.run_stdin_shown :
				      w->opts.run_stdin), NULL };
	char *q = proc_argv_string(in);
	char *s = q ? xfmt("%s < %s", cmd, q) : NULL;
	free(q);
	if (!s)
		return cmd;
	free(cmd);
	return s;
}

/* Run the program alone in an empty root: no loader, no libraries, no /etc. */
static void walk_empty_root(struct walk *w, struct link_variant *v, const char *exe)
{
	v->empty_root_ran = emptyroot_run_args(w->dir, exe, walk_link_names[v->kind],
					       w->opts.run_args, w->opts.n_run_args,
					       w->opts.run_stdin, w->opts.run_timeout_ms,
					       WALK_RUN_CAP, &v->empty_root, &v->empty_root_note,
					       &v->empty_root_note_en);
}

/* Who resolved the object's undefined symbols: the link map's archive members for a static
 * link, the libraries' dynamic symbol tables in ldd's order for a dynamic one. */
static void walk_who_resolved(struct walk *w, struct link_variant *v, const char *exe,
			      int has_map)
{
	if (has_map) {
		char *map = xfmt("%s/%s.map", w->dir, exe);
		v->map_ok = map && linkmap_read(map, &v->map) == 0;
		if (v->map_ok && v->elf_ok)
			linkmap_tally(&v->map, &v->elf);
		free(map);
	}
	if (v->elf_ok && v->elf.interp && w->obj_syms_ok && proc_ok(&v->ldd) &&
	    resolve_parse_ldd(v->ldd.out, &v->libs) == 0) {
		size_t n = 0;
		const char **names = symbols_undefined(&w->obj_syms, &n);
		v->resolved_ok = names && resolve_symbols(names, n, v->libs.libs, v->libs.n,
							  &v->resolved) == 0;
		free(names);
	}
}

/* The libraries the command named with -lNAME that the dynamic program's NEEDED leaves out,
 * and whether gcc's specs pass --as-needed to ld, which is why. */
static void walk_dropped_libs(struct walk *w, struct link_variant *v)
{
	for (size_t i = 0; i < w->opts.n_link_args; i++) {
		const char *a = w->opts.link_args[i];
		if (strncmp(a, "-l", 2) != 0 || !a[2] || a[2] == ':')
			continue;
		char *so = xfmt("lib%s.so", a + 2);
		int listed = 0;
		for (size_t k = 0; so && k < v->elf.n_needed && !listed; k++)
			listed = strncmp(v->elf.needed[k], so, strlen(so)) == 0;
		free(so);
		char **d;
		if (listed || !(d = realloc(v->dropped, (v->n_dropped + 1) * sizeof *d)))
			continue;
		v->dropped = d;
		if ((d[v->n_dropped] = strdup(a + 2)))
			v->n_dropped++;
	}
	if (!v->n_dropped)
		return;
	char *argv[] = { (char *)w->opts.cc, "-dumpspecs", NULL };
	struct proc_opts o = { .cwd = w->dir, .timeout_ms = w->opts.tool_timeout_ms };
	struct proc_result r;
	proc_run(argv, &o, &r);
	/* the link spec's own --as-needed, not the one around -lgcc_s only */
	for (const char *p = proc_ok(&r) && r.out ? r.out : NULL; p && !v->as_needed;
	     p += strlen("--as-needed"))
		if (!(p = strstr(p, "--as-needed")))
			break;
		else
			v->as_needed = strncmp(p + strlen("--as-needed"), " -lgcc_s", 8) != 0;
	proc_result_free(&r);
}

struct walk_variant_job {
	struct walk *w;
	struct link_variant *v;
};

/* Link one variant, then read its ELF facts, ask ldd about it and run it. */
static void *walk_variant(void *arg)
{
	struct walk_variant_job *job = arg;
	struct walk *w = job->w;
	struct link_variant *v = job->v;
	char *obj = xfmt("%s.o", w->base);
	char *exe = xfmt("%s%s", w->base, walk_link_suffix[v->kind]);
	char *argv[WALK_MAX_ARGS];
	char *map_arg = NULL;
	int n = 0;
	if (v->kind == LINK_MUSL) {
		const char *musl = w->opts.musl_cc ? w->opts.musl_cc : "musl-gcc";
		if (!walk_in_path(musl)) {
			walk_skip_say(&v->link, N_("%1$s is not installed (on Debian: apt-get "
						   "install %2$s)"), musl, "musl-tools");
			walk_msgs_arrive(w, v);
			free(obj);
			free(exe);
			__atomic_store_n(&v->finished, 1, __ATOMIC_RELEASE);
			return NULL;
		}
		argv[n++] = (char *)musl;
		argv[n++] = "-static";
		n = walk_add_cflags(w, argv, n);
		if (w->opts.opt_level)
			argv[n++] = (char *)w->opts.opt_level;
		if (w->not_c) {
			argv[n++] = "-x";
			argv[n++] = "c";
		}
		argv[n++] = w->src_abs;
		for (size_t i = 0; i < w->n_extra; i++)
			argv[n++] = w->extra[i].src_abs;
		if (w->not_c) {
			argv[n++] = "-x";
			argv[n++] = "none";
		}
		map_arg = argv[n++] = xfmt("-Wl,-Map,%s.map", exe);
	} else {
		argv[n++] = (char *)w->opts.cc;
		if (v->kind == LINK_STATIC)
			argv[n++] = "-static";
		if (v->kind == LINK_STATIC_PIE)
			argv[n++] = "-static-pie";
		argv[n++] = obj;
		for (size_t i = 0; i < w->n_extra; i++)
			argv[n++] = w->extra[i].obj;
		if (v->kind != LINK_DYNAMIC)
			map_arg = argv[n++] = xfmt("-Wl,-Map,%s.map", exe);
	}
	argv[n++] = "-o";
	argv[n++] = exe;
	for (size_t i = 0; i < w->opts.n_link_args; i++)
		argv[n++] = w->opts.link_args[i];
	argv[n] = NULL;
	walk_exec(w, &v->link, argv, exe);
	walk_msgs_arrive(w, v);
	if (walk_state(&v->link) == RUN_OK && !__atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE)) {
		char *path = walk_path(w, exe);
		v->elf_ok = path && elfinfo_read(path, &v->elf) == 0;
		free(path);
		char *dotexe = xfmt("./%s", exe);
		char *ldd_argv[] = { "ldd", dotexe, NULL };
		struct proc_opts lo = { .cwd = w->dir, .timeout_ms = w->opts.tool_timeout_ms };
		proc_run(ldd_argv, &lo, &v->ldd);
		char *alone[] = { dotexe, NULL };
		char **run_argv = walk_run_argv(w, dotexe);
		/* the program under study runs as the learner would run it, in their locale, with
		 * the --arg arguments and the --stdin input; it ends when its output passes the
		 * cap, as nothing more would be kept */
		struct proc_opts ro = { .cwd = w->dir, .timeout_ms = w->opts.run_timeout_ms,
					.out_cap = WALK_RUN_CAP, .stop_at_cap = 1,
					.user_locale = 1, .stdin_path = w->opts.run_stdin };
		jail_run(run_argv ? run_argv : alone, &ro, &w->jail, &v->run, &v->run_left);
		free(run_argv);
		free(dotexe);
		walk_who_resolved(w, v, exe, map_arg != NULL);
		if (v->kind == LINK_DYNAMIC && v->elf_ok)
			walk_dropped_libs(w, v);
		walk_empty_root(w, v, exe);
	}
	free(obj);
	free(exe);
	free(map_arg);
	__atomic_store_n(&v->finished, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* A link variant on a thread of its own (the first runs on the walk's thread). */
/* Stage 5 runs the programs under study: at the walk's own priority, not a background's. */
static void *walk_run5_thread(void *arg)
{
	tmpdir_thread_signals();
	walkrun_compute(arg);
	return NULL;
}

static void *walk_variant_thread(void *arg)
{
	tmpdir_thread_signals();
	return walk_variant(arg);
}

void walk_run(struct walk *w)
{
	const char *cc = w->opts.cc;
	char *i = xfmt("%s.i", w->base), *s = xfmt("%s.s", w->base);
	char *o = xfmt("%s.o", w->base);
	int not_c = w->not_c;

	/* Each stage takes the previous stage's artifact, as a learner would by hand. A source
	 * that is not named .c is still read as C (-x c), else gcc would take it for a linker
	 * input and preprocess nothing. */
	char *pre[WALK_MAX_ARGS];
	int n = 0;
	pre[n++] = (char *)cc;
	pre[n++] = "-E";
	n = walk_add_cflags(w, pre, n);
	if (not_c) {
		pre[n++] = "-x";
		pre[n++] = "c";
	}
	pre[n++] = w->src_abs;
	pre[n++] = "-o";
	pre[n++] = i;
	pre[n] = NULL;
	char *comp[WALK_MAX_ARGS];
	n = 0;
	comp[n++] = (char *)cc;
	comp[n++] = "-S";
	n = walk_add_cflags(w, comp, n);
	if (w->opts.opt_level)
		comp[n++] = (char *)w->opts.opt_level;
	comp[n++] = i;
	comp[n++] = "-o";
	comp[n++] = s;
	comp[n] = NULL;
	char *as[WALK_MAX_ARGS];
	n = 0;
	as[n++] = (char *)cc;
	as[n++] = "-c";
	n = walk_add_cflags(w, as, n);
	as[n++] = s;
	as[n++] = "-o";
	as[n++] = o;
	as[n] = NULL;
	char *gs = xfmt("%s.g.s", w->base);
	char *gcomp[WALK_MAX_ARGS];
	n = 0;
	gcomp[n++] = (char *)cc;
	gcomp[n++] = "-S";
	gcomp[n++] = "-g";
	n = walk_add_cflags(w, gcomp, n);
	if (w->opts.opt_level)
		gcomp[n++] = (char *)w->opts.opt_level;
	gcomp[n++] = i;
	gcomp[n++] = "-o";
	gcomp[n++] = gs;
	gcomp[n] = NULL;
	char **argvs[3] = { pre, comp, as };
	const char *arts[3] = { i, s, o };

	pthread_t clang_th, gline_th;
	struct walk_bg gline_bg;
	struct walk_clang_job *clang_job = NULL;
	int gline_started = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	__atomic_store_n(&w->fates_pending, 2, __ATOMIC_RELEASE);
	__atomic_store_n(&w->asm_pair_pending, 2, __ATOMIC_RELEASE);
	for (int k = 0; k < LINK_COUNT; k++)
		__atomic_store_n(&w->variant[k].msgs_pending, 2, __ATOMIC_RELEASE);
	for (int k = 0; k < 3; k++)
		__atomic_store_n(&w->diag_pending[k], 2, __ATOMIC_RELEASE);
	if (w->opts.no_clang) {
		walk_skip_say(&w->clang, N_("libclang was not asked for"));
		walk_clang_arrive(w);
	} else
		clang_job = walk_clang_start(w, &clang_th);
	struct walk_gline_job gjob = { w, gcomp, gs };

	int failed = -1;
	for (int k = 0; k < 3; k++) {
		if (failed >= 0) {
			walk_skip_after(&w->stage[k], w, failed, NULL);
			if (k == STAGE_COMPILE) {
				walk_skip_after(&w->gline, w, failed, NULL);
				walk_fates_arrive(w);
			}
			walk_diag_arrive(w, k);
			continue;
		}
		if (k == STAGE_COMPILE) {
			gline_started = walk_bg_start(&gline_th, &gline_bg, walk_gline, &gjob);
			if (!gline_started)
				walk_gline(&gjob);
		}
		walk_exec_derive(w, &w->stage[k], argvs[k], arts[k],
				 k == STAGE_PREPROCESS ? walk_read_pp :
				 k == STAGE_COMPILE ? walk_read_asm_shown : NULL);
		walk_diag_arrive(w, k);
		if (walk_state(&w->stage[k]) != RUN_OK)
			failed = k;
		/* --compare: the two levels from the .i, off the critical path */
		if (k == STAGE_PREPROCESS && failed < 0 && w->opts.compare_level)
			walk_compare_start(w, w->opts.compare_level, 0);
	}
	pthread_t tools_th;
	int tools_started = 0;
	struct walk_tools_job tjob = { w, o };
	struct walk_bg tools_bg, lib_bg;
	pthread_t lib_th;
	int lib_started = 0;
	if (failed < 0) {
		char *path = walk_path(w, o);
		w->obj_elf_ok = path && elfinfo_read(path, &w->obj_elf) == 0;
		w->obj_syms_ok = path && symbols_read(path, SYMBOLS_STATIC, &w->obj_syms) == 0;
		free(path);
		__atomic_store_n(&w->obj_ready, 1, __ATOMIC_RELEASE);
		tools_started = walk_bg_start(&tools_th, &tools_bg, walk_tools, &tjob);
		if (!tools_started)
			walk_tools(&tjob);
	}
	/* The program's other sources, each straight to its object file, as gcc -c does. */
	const struct walk_extra *extra_failed = NULL; /* the first that did not compile */
	for (size_t e = 0; e < w->n_extra; e++) {
		struct walk_extra *x = &w->extra[e];
		if (failed >= 0 || extra_failed) {
			walk_skip_after(&x->cc, w, failed, extra_failed);
			continue;
		}
		char *eargv[WALK_MAX_ARGS];
		int en = 0;
		eargv[en++] = (char *)cc;
		eargv[en++] = "-c";
		en = walk_add_cflags(w, eargv, en);
		if (w->opts.opt_level)
			eargv[en++] = (char *)w->opts.opt_level;
		eargv[en++] = x->src_abs;
		eargv[en++] = "-o";
		eargv[en++] = x->obj;
		eargv[en] = NULL;
		walk_exec(w, &x->cc, eargv, x->obj);
		if (walk_state(&x->cc) == RUN_OK) {
			char *path = walk_path(w, x->obj);
			x->syms_ok = path && symbols_read(path, SYMBOLS_STATIC, &x->syms) == 0;
			free(path);
		}
		if (walk_state(&x->cc) != RUN_OK)
			extra_failed = x;
	}
	if (failed < 0 && extra_failed) {
		for (int k = 0; k < LINK_COUNT; k++) {
			walk_skip_after(&w->variant[k].link, w, failed, extra_failed);
			walk_msgs_arrive(w, &w->variant[k]);
			__atomic_store_n(&w->variant[k].finished, 1, __ATOMIC_RELEASE);
		}
	} else if (failed >= 0) {
		for (int k = 0; k < LINK_COUNT; k++) {
			walk_skip_after(&w->variant[k].link, w, failed, NULL);
			walk_msgs_arrive(w, &w->variant[k]);
			__atomic_store_n(&w->variant[k].finished, 1, __ATOMIC_RELEASE);
		}
	} else {
		/* The library, when there are other sources, off the critical path. */
		if (w->n_extra > 0 && !w->opts.no_lib)
			lib_started = walk_bg_start(&lib_th, &lib_bg, walk_lib, w);
		/* how the programs will run confined: asked once, before any of them runs */
		jail_probe(w->dir, &w->jail);
		/* The variants do not depend on each other: link and run them side by side. */
		struct walk_variant_job jobs[LINK_COUNT];
		pthread_t th[LINK_COUNT];
		int started[LINK_COUNT] = { 0 };
		for (int k = 0; k < LINK_COUNT; k++) {
			jobs[k] = (struct walk_variant_job){ w, &w->variant[k] };
			if (k > 0 && pthread_create(&th[k], NULL, walk_variant_thread, &jobs[k]) == 0)
				started[k] = 1;
		}
		walk_variant(&jobs[0]);
		for (int k = 1; k < LINK_COUNT; k++) {
			if (started[k])
				pthread_join(th[k], NULL);
			else
				walk_variant(&jobs[k]);
		}
	}
	if (tools_started)
		pthread_join(tools_th, NULL);
	if (lib_started)
		pthread_join(lib_th, NULL);
	else if (walk_state(&w->lib_run) == RUN_PENDING) {
		if (w->n_extra == 0)
			walk_skip_say(&w->lib_run, N_("one source: no other files to make a library "
						      "of"));
		else if (w->opts.no_lib)
			walk_skip_say(&w->lib_run, N_("the library of the other sources was not "
						      "asked for"));
		else if (failed >= 0)
			walk_skip_after(&w->lib_run, w, failed, NULL);
		else if (extra_failed)
			walk_skip_after(&w->lib_run, w, failed, extra_failed);
		else
			walk_lib(w); /* its thread could not start */
	}
	__atomic_store_n(&w->obj_ready, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&w->tools_ready, 1, __ATOMIC_RELEASE);
	if (gline_started)
		pthread_join(gline_th, NULL);
	/* Stage 5, once the programs are linked and the -g object is in, on its own thread */
	pthread_t run5_th;
	int run5_started = 0;
	if (failed >= 0)
		walk_skip_after(&w->run5.run, w, failed, NULL);
	else if (extra_failed)
		walk_skip_after(&w->run5.run, w, failed, extra_failed);
	else if (w->opts.no_run5)
		walk_skip_say(&w->run5.run, N_("the Run stage was not asked for"));
	else
		run5_started = pthread_create(&run5_th, NULL, walk_run5_thread, w) == 0;
	if (failed >= 0 || extra_failed || w->opts.no_run5)
		__atomic_store_n(&w->run5.ready, 1, __ATOMIC_RELEASE);
	else if (!run5_started)
		walkrun_compute(w);
	if (w->opts.compare_level && ocmp_level_index(w->opts.compare_level) >= 0)
		ocmp_run_wait(&w->cmp[ocmp_level_index(w->opts.compare_level)]);
	if (clang_job)
		walk_clang_wait(w, clang_job, clang_th, &t0);
	if (run5_started)
		pthread_join(run5_th, NULL);
	free(i);
	free(s);
	free(o);
	free(gs);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

static void *walk_thread(void *arg)
{
	tmpdir_thread_signals();
	walk_run(arg);
	return NULL;
}

int walk_start(struct walk *w)
{
	if (pthread_create(&w->worker, NULL, walk_thread, w) != 0)
		return -1;
	w->worker_started = 1;
	return 0;
}

void walk_cancel(struct walk *w)
{
	__atomic_store_n(&w->cancelled, 1, __ATOMIC_RELEASE);
	if (!walk_is_done(w) || walk_compare_busy(w))
		proc_kill_all();
}

void walk_wait(struct walk *w)
{
	if (w->worker_started) {
		pthread_join(w->worker, NULL);
		w->worker_started = 0;
	}
}

static void walk_run_free(struct stage_run *s)
{
	proc_result_free(&s->proc);
	free(s->artifact);
	free(s->skip_reason);
	free(s->skip_reason_en);
}

void walk_free(struct walk *w)
{
	if (!w)
		return;
	walk_wait(w);
	for (int k = 0; k < OCMP_N_LEVELS; k++)
		ocmp_run_free(&w->cmp[k]);
	for (int i = 0; i < 3; i++)
		walk_run_free(&w->stage[i]);
	libname_cache_free(&w->libnames);
	if (w->obj_elf_ok)
		elfinfo_free(&w->obj_elf);
	if (w->obj_syms_ok)
		symbols_free(&w->obj_syms);
	for (int t = 0; t < OBJ_TOOL_COUNT; t++)
		proc_result_free(&w->obj_tools[t]);
	free(w->obj_dump_relocs);
	for (size_t e = 0; w->extra && e < w->n_extra; e++) {
		free(w->extra[e].src_path);
		free(w->extra[e].src_abs);
		free(w->extra[e].obj);
		walk_run_free(&w->extra[e].cc);
		if (w->extra[e].syms_ok)
			symbols_free(&w->extra[e].syms);
	}
	free(w->extra);
	if (w->pp_ok)
		ppmap_free(&w->pp);
	walk_run_free(&w->gline);
	if (w->asmm_ok)
		asmmap_free(&w->asmm);
	if (w->dwv_ok)
		dwvars_free(&w->dwv);
	if (w->asms_ok)
		asmmap_free(&w->asms);
	free(w->asm_pair);
	for (int k = 0; k < 3; k++)
		if (walk_diag_ready(w, (enum stage_id)k))
			ccdiag_free(&w->diag[k]);
	walk_run_free(&w->clang);
	cfacts_free(&w->cf);
	walk_run_free(&w->lib_run);
	libbuild_free(&w->lib);
	if (w->fates_ok)
		fates_free(&w->fates);
	walkrun_free(w);
	for (int k = 0; k < LINK_COUNT; k++) {
		struct link_variant *v = &w->variant[k];
		walk_run_free(&v->link);
		if (v->elf_ok)
			elfinfo_free(&v->elf);
		proc_result_free(&v->ldd);
		proc_result_free(&v->run);
		free(v->run_left);
		proc_result_free(&v->empty_root);
		free(v->empty_root_note);
		free(v->empty_root_note_en);
		if (v->map_ok)
			linkmap_free(&v->map);
		if (walk_msgs_ready(v))
			linkmsg_free(&v->msgs);
		for (size_t j = 0; j < v->n_dropped; j++)
			free(v->dropped[j]);
		free(v->dropped);
		resolve_libs_free(&v->libs);
		if (v->resolved_ok)
			resolve_free(&v->resolved);
	}
	free(w->src_path);
	free(w->src_abs);
	free(w->base);
	free(w->dir);
	free(w);
}
