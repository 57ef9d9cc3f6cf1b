/* interpose: an LD_PRELOAD wrapper built in the walk directory and each program run under
 * it. See interpose.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/interpose.h"
#include "stages/xfmt.h"

#define INTERPOSE_RUN_CAP (64 * 1024)

/* The functions the wrapper can stand in for, in the order they are picked: the
 * definition's head, and its body after the marker. */
static const struct {
	const char *name;
	const char *head;
	const char *body;
} interpose_funcs[] = {
	{ "puts", "int puts(const char *s)",
	  "\tstatic int (*real)(const char *);\n"
	  "\tif (!real)\n\t\treal = (int (*)(const char *))dlsym(RTLD_NEXT, \"puts\");\n"
	  "\treturn real(s);\n" },
	{ "printf", "int printf(const char *fmt, ...)",
	  "\tva_list ap;\n\tva_start(ap, fmt);\n\tint n = vprintf(fmt, ap);\n\tva_end(ap);\n"
	  "\treturn n;\n" },
	{ "putchar", "int putchar(int c)",
	  "\tstatic int (*real)(int);\n"
	  "\tif (!real)\n\t\treal = (int (*)(int))dlsym(RTLD_NEXT, \"putchar\");\n"
	  "\treturn real(c);\n" },
	{ "fputs", "int fputs(const char *s, FILE *f)",
	  "\tstatic int (*real)(const char *, FILE *);\n"
	  "\tif (!real)\n\t\treal = (int (*)(const char *, FILE *))dlsym(RTLD_NEXT, \"fputs\");\n"
	  "\treturn real(s, f);\n" },
	{ "fprintf", "int fprintf(FILE *f, const char *fmt, ...)",
	  "\tva_list ap;\n\tva_start(ap, fmt);\n\tint n = vfprintf(f, fmt, ap);\n\tva_end(ap);\n"
	  "\treturn n;\n" },
	{ "fwrite", "size_t fwrite(const void *p, size_t size, size_t n, FILE *f)",
	  "\tstatic size_t (*real)(const void *, size_t, size_t, FILE *);\n"
	  "\tif (!real)\n\t\treal = (size_t (*)(const void *, size_t, size_t, FILE *))"
	  "dlsym(RTLD_NEXT, \"fwrite\");\n"
	  "\treturn real(p, size, n, f);\n" },
	{ "write", "ssize_t write(int fd, const void *buf, size_t n)",
	  "\tstatic ssize_t (*real)(int, const void *, size_t);\n"
	  "\tif (!real)\n\t\treal = (ssize_t (*)(int, const void *, size_t))"
	  "dlsym(RTLD_NEXT, \"write\");\n"
	  "\treturn real(fd, buf, n);\n" },
	{ "exit", "void exit(int status)",
	  "\tstatic void (*real)(int);\n"
	  "\tif (!real)\n\t\treal = (void (*)(int))dlsym(RTLD_NEXT, \"exit\");\n"
	  "\treal(status);\n\t_exit(status);\n" },
};

/* The wrapper's source: the marker goes straight to the system call, so that it neither
 * calls the function it wraps nor waits in stdio's buffer. */
static char *interpose_source(size_t k, const char *marker)
{
	return xfmt("/* Written by lesson: a wrapper the loader puts in front of libc's %1$s\n"
		    " * when LD_PRELOAD names this library. */\n"
		    "#define _GNU_SOURCE\n"
		    "#include <dlfcn.h>\n#include <stdarg.h>\n#include <stdio.h>\n"
		    "#include <stdlib.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n\n"
		    "static void lesson_marker(void)\n{\n"
		    "\tstatic const char m[] = \"%2$s\\n\";\n"
		    "\tsyscall(SYS_write, 2, m, sizeof m - 1);\n}\n\n"
		    "%3$s\n{\n\tlesson_marker();\n%4$s}\n",
		    interpose_funcs[k].name, marker, interpose_funcs[k].head,
		    interpose_funcs[k].body);
}

/* Count the marker lines in text. */
static size_t interpose_count(const char *text, const char *marker)
{
	size_t n = 0, len = strlen(marker);
	for (const char *p = text; p && (p = strstr(p, marker)); p += len)
		n++;
	return n;
}

/* What one run shows, in English or the user's language. */
static char *interpose_run_say(const struct interpose *ip, const struct interpose_run *r,
			       const char *prog, int en)
{
	const char *how = en ? proc_describe_en(&r->proc) : proc_describe(&r->proc);
	char lib[300];
	snprintf(lib, sizeof lib, "./%s", ip->lib);
	if (r->has_loader && r->markers)
		return xfmt(I18N_NG(en,
			"%1$s ran with LD_PRELOAD=%2$s (%3$s): its loader loaded the wrapper before "
			"libc and bound the program's call to %4$s to the wrapper's %4$s, the first "
			"definition in its search order, when the program ran; the marker line "
			"appeared %5$zu time on its standard error.",
			"%1$s ran with LD_PRELOAD=%2$s (%3$s): its loader loaded the wrapper before "
			"libc and bound the program's calls to %4$s to the wrapper's %4$s, the first "
			"definition in its search order, when the program ran; the marker line "
			"appeared %5$zu times on its standard error.", r->markers),
			prog, lib, how, ip->func, r->markers);
	if (r->has_loader)
		return xfmt(I18N_TR(en,
			"%1$s ran with LD_PRELOAD=%2$s (%3$s), but the marker line never appeared: "
			"the program did not reach its call to %4$s in this run, so the wrapper, "
			"though loaded, was never called."),
			prog, lib, how, ip->func);
	if (!r->markers)
		return xfmt(I18N_TR(en,
			"%1$s ran with LD_PRELOAD=%2$s (%3$s) and the marker line never appeared: "
			"it has no loader (no PT_INTERP), so nothing read LD_PRELOAD or loaded the "
			"wrapper, and its call to %4$s went to the copy of %4$s the linker put into "
			"it when it was linked."),
			prog, lib, how, ip->func);
	return xfmt(I18N_TR(en,
		"%1$s has no loader (no PT_INTERP), yet the marker line appeared on its standard "
		"error (%2$s): something else printed it."), prog, how);
}

/* ip->say and ip->say_en: "FMT" with one %s, English and translated. */
#define interpose_set_say(ip, fmt, arg)                          \
	do {                                                     \
		(ip)->say = xfmt(_(fmt), arg);                   \
		(ip)->say_en = xfmt(fmt, arg);                   \
	} while (0)

int interpose_compute(const struct walk *w, struct interpose *ip)
{
	memset(ip, 0, sizeof *ip);
	size_t n_und = 0, pick = sizeof interpose_funcs / sizeof *interpose_funcs;
	const char **und = w->obj_syms_ok ? symbols_undefined(&w->obj_syms, &n_und) : NULL;
	for (size_t k = 0; k < sizeof interpose_funcs / sizeof *interpose_funcs && pick ==
	     sizeof interpose_funcs / sizeof *interpose_funcs; k++)
		for (size_t i = 0; i < n_und; i++)
			if (strcmp(und[i], interpose_funcs[k].name) == 0) {
				pick = k;
				break;
			}
	free(und);
	if (pick == sizeof interpose_funcs / sizeof *interpose_funcs) {
		const char *s = N_("The program calls none of puts, printf, putchar, fputs, "
				   "fprintf, fwrite, write and exit, the functions lesson can wrap, so "
				   "no LD_PRELOAD wrapper was built.");
		ip->say = strdup(_(s));
		ip->say_en = strdup(s);
		return -1;
	}
	ip->func = strdup(interpose_funcs[pick].name);
	ip->src = xfmt("interpose-%s.c", ip->func);
	ip->lib = xfmt("interpose-%s.so", ip->func);
	ip->lib_path = xfmt("%s/%s", w->dir, ip->lib);
	ip->marker = xfmt("%s %s called", INTERPOSE_MARKER, ip->func);
	char *text = interpose_source(pick, ip->marker);
	char *src_path = xfmt("%s/%s", w->dir, ip->src);
	FILE *f = src_path ? fopen(src_path, "we") : NULL;
	int wrote = f && text && fputs(text, f) >= 0;
	if (f && fclose(f) != 0)
		wrote = 0;
	free(text);
	free(src_path);
	if (!wrote) {
		interpose_set_say(ip, N_("The wrapper's source %s could not be written."), ip->src);
		return -1;
	}
	char *cc_argv[] = { (char *)(w->opts.cc ? w->opts.cc : "gcc"), "-shared", "-fPIC", "-o",
			    ip->lib, ip->src, "-ldl", NULL };
	struct proc_opts co = { .cwd = w->dir, .timeout_ms = w->opts.tool_timeout_ms };
	ip->built = proc_run(cc_argv, &co, &ip->build) == 0;
	if (!ip->built) {
		interpose_set_say(ip, N_("The LD_PRELOAD wrapper %s did not build, so no program "
					 "was run under it."), ip->lib);
		return -1;
	}
	/* as a learner would type it in the walk directory, where every run is made */
	char *preload = xfmt("LD_PRELOAD=./%s", ip->lib);
	char *env[] = { preload, NULL };
	struct jail_extra x = { .env = env };
	size_t with = 0, without = 0, ran = 0;
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct link_variant *v = &w->variant[k];
		struct interpose_run *r = &ip->run[k];
		if (__atomic_load_n(&v->link.state, __ATOMIC_ACQUIRE) != RUN_OK ||
		    !v->link.artifact)
			continue;
		char *dot = xfmt("./%s", v->link.artifact);
		char **argv = walk_run_argv(w, dot);
		struct proc_opts ro = { .cwd = w->dir, .timeout_ms = w->opts.run_timeout_ms,
					.out_cap = INTERPOSE_RUN_CAP, .stop_at_cap = 1,
					.user_locale = 1, .stdin_path = w->opts.run_stdin };
		if (argv) {
			jail_run_extra(argv, &ro, &w->jail, &x, &r->proc, NULL);
			r->ran = 1;
			r->has_loader = v->elf_ok && v->elf.interp;
			r->markers = interpose_count(r->proc.err, ip->marker);
			r->say = interpose_run_say(ip, r, dot, 0);
			r->say_en = interpose_run_say(ip, r, dot, 1);
			ran++;
			if (r->markers)
				with++;
			else
				without++;
		}
		free(argv);
		free(dot);
	}
	free(preload);
	/* the summary: how many ran the wrapper, how many could not */
	char *a = xfmt(ngettext("%1$zu program ran the wrapper of %2$s.",
				"%1$zu programs ran the wrapper of %2$s.", with), with, ip->func);
	char *a_en = xfmt(with == 1 ? "%1$zu program ran the wrapper of %2$s." :
			  "%1$zu programs ran the wrapper of %2$s.", with, ip->func);
	char *b = xfmt(ngettext("%zu did not: its call was bound when it was linked, not when it "
				"ran.",
				"%zu did not: their calls were bound when they were linked, not "
				"when they ran.", without), without);
	char *b_en = xfmt(without == 1 ? "%zu did not: its call was bound when it was linked, "
					 "not when it ran." :
			  "%zu did not: their calls were bound when they were linked, not when "
			  "they ran.", without);
	ip->say = without ? xfmt("%s %s", a, b) : a;
	ip->say_en = without ? xfmt("%s %s", a_en, b_en) : a_en;
	if (without) {
		free(a);
		free(a_en);
	}
	free(b);
	free(b_en);
	return ran ? 0 : -1;
}

void interpose_free(struct interpose *ip)
{
	free(ip->func);
	free(ip->src);
	free(ip->lib);
	free(ip->lib_path);
	free(ip->marker);
	proc_result_free(&ip->build);
	for (int k = 0; k < LINK_COUNT; k++) {
		proc_result_free(&ip->run[k].proc);
		free(ip->run[k].say);
		free(ip->run[k].say_en);
	}
	free(ip->say);
	free(ip->say_en);
	memset(ip, 0, sizeof *ip);
}
