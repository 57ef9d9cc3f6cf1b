/* procmain: the process at main: stopped there, its memory map named. See procmain.h. */
#include "config.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "stages/procmain.h"
#include "stages/say.h"
#include "stages/symbols.h"
#include "stages/xfmt.h"

#define PROCMAIN_RUN_CAP (64 * 1024)
#define PROCMAIN_PAGE 4096ULL

static const char *const procmain_names[PROCMAIN_KIND_COUNT] = {
	"code", "rodata", "relro", "data", "bss", "libc", "loader", "library", "heap", "stack",
	"vdso", "vvar", "anonymous",
};

static const char *const procmain_labels[PROCMAIN_KIND_COUNT] = {
	N_("the program's code"),
	N_("the program's read-only data"),
	N_("the program's RELRO (read-only after relocation)"),
	N_("the program's data (.data, the GOT)"),
	N_("the program's .bss"),
	N_("libc"),
	N_("the loader"),
	N_("a library"),
	N_("the heap"),
	N_("the stack"),
	N_("the vdso"),
	N_("the vvar page"),
	N_("anonymous memory"),
};

const char *procmain_kind_name(enum procmain_kind k)
{
	return k < PROCMAIN_KIND_COUNT ? procmain_names[k] : "?";
}

const char *procmain_kind_label(enum procmain_kind k, int en)
{
	return k < PROCMAIN_KIND_COUNT ? I18N_TR(en, procmain_labels[k]) : "?";
}

/* main, e_entry, the PT_LOADs and PT_GNU_RELRO of path; -1 when it is no ELF. */
static int procmain_read_elf(const char *path, struct procmain *pm)
{
	struct symbols s;
	if (symbols_read(path, SYMBOLS_STATIC, &s) == 0) {
		long i = symbols_find(&s, "main");
		if (i >= 0 && s.syms[i].shndx != 0 && s.syms[i].type == 2 /* STT_FUNC */) {
			pm->has_main = 1;
			pm->main_vaddr = s.syms[i].value;
		}
		symbols_free(&s);
	}
	elf_version(EV_CURRENT);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	size_t n = 0;
	int rc = -1;
	if (e && gelf_getehdr(e, &eh) && elf_getphdrnum(e, &n) == 0) {
		pm->entry = eh.e_entry;
		pm->elf_type = eh.e_type;
		pm->loads = calloc(n ? n : 1, sizeof *pm->loads);
		for (size_t i = 0; pm->loads && i < n; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(e, (int)i, &ph))
				continue;
			if (ph.p_type == PT_LOAD)
				pm->loads[pm->n_loads++] = (struct procmain_load){
					ph.p_offset, ph.p_vaddr, ph.p_filesz, ph.p_memsz, ph.p_flags
				};
			else if (ph.p_type == PT_GNU_RELRO) {
				pm->relro_vaddr = ph.p_vaddr;
				pm->relro_memsz = ph.p_memsz;
			}
		}
		rc = pm->loads ? 0 : -1;
	}
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}

static const char *procmain_base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Name one mapping of the program exe_abs. */
static void procmain_name(const struct procmain *pm, unsigned long long bias, const char *exe_abs,
			  struct procmain_map *m)
{
	m->load = -1;
	const char *b = procmain_base(m->path);
	unsigned long long rs = pm->relro_vaddr + bias, re = rs + pm->relro_memsz;
	if (strcmp(m->path, exe_abs) == 0) {
		for (size_t i = 0; i < pm->n_loads; i++) {
			const struct procmain_load *l = &pm->loads[i];
			unsigned long long lo = (l->vaddr & ~(PROCMAIN_PAGE - 1)) + bias;
			unsigned long long hi = l->vaddr + l->memsz + bias;
			if (m->start >= lo && m->start < hi)
				m->load = (int)i;
		}
		if (pm->relro_memsz && m->start >= (rs & ~(PROCMAIN_PAGE - 1)) && m->start < re &&
		    m->perms[1] != 'w')
			m->kind = PROCMAIN_RELRO;
		else if (m->load >= 0 && (pm->loads[m->load].flags & PF_X))
			m->kind = PROCMAIN_CODE;
		else if (m->load >= 0 && (pm->loads[m->load].flags & PF_W))
			m->kind = PROCMAIN_DATA;
		else
			m->kind = PROCMAIN_RODATA;
		return;
	}
	if (!*m->path) {
		m->kind = PROCMAIN_ANON;
		/* the part of a writable PT_LOAD past its file: .bss */
		for (size_t i = 0; i < pm->n_loads; i++) {
			const struct procmain_load *l = &pm->loads[i];
			if ((l->flags & PF_W) && l->memsz > l->filesz &&
			    m->start >= l->vaddr + bias && m->start < l->vaddr + l->memsz + bias) {
				m->kind = PROCMAIN_BSS;
				m->load = (int)i;
			}
		}
		return;
	}
	if (strcmp(m->path, "[heap]") == 0)
		m->kind = PROCMAIN_HEAP;
	else if (strcmp(m->path, "[stack]") == 0)
		m->kind = PROCMAIN_STACK;
	else if (strcmp(m->path, "[vdso]") == 0)
		m->kind = PROCMAIN_VDSO;
	else if (strncmp(m->path, "[vvar", 5) == 0)
		m->kind = PROCMAIN_VVAR;
	else if (m->path[0] == '[')
		m->kind = PROCMAIN_ANON;
	else if (strncmp(b, "libc.so", 7) == 0 || strncmp(b, "libc-", 5) == 0 ||
		 strncmp(b, "libc.musl", 9) == 0)
		m->kind = PROCMAIN_LIBC;
	else if (strncmp(b, "ld-", 3) == 0 && strstr(b, ".so"))
		m->kind = PROCMAIN_LOADER;
	else
		m->kind = PROCMAIN_LIBRARY;
}

/* Read the wrapper's file: the header line, then smaps (or maps when smaps is empty). */
static void procmain_read(const struct procmain *pm, const char *path, const char *exe_abs,
			  struct procmain_run *r, const char **why, int *why_errno)
{
	FILE *f = fopen(path, "re");
	char line[4400];
	if (!f || !fgets(line, sizeof line, f)) {
		r->state = r->proc.kind == PROC_TIMED_OUT ? PROCMAIN_TIMED_OUT :
			   r->proc.kind == PROC_SPAWN_FAILED ? PROCMAIN_FAILED : PROCMAIN_ENDED;
		if (f)
			fclose(f);
		return;
	}
	long pid = 0;
	if (sscanf(line, "main %ld %llx %llx", &pid, &r->bias, &r->main_addr) != 3) {
		r->state = PROCMAIN_FAILED;
		int e = 0;
		if (sscanf(line, "ptrace %d", &e) == 1)
			*why_errno = e;
		else if (strncmp(line, "noproc", 6) == 0)
			*why = N_("/proc does not show the program, so its maps could not be read");
		else if (strncmp(line, "unsupported", 11) == 0)
			*why = N_("lesson stops a program at main on x86-64 only");
		fclose(f);
		return;
	}
	r->state = PROCMAIN_AT_MAIN;
	int section = 0; /* 1 maps, 2 smaps */
	size_t cap = 0;
	struct procmain_map *m = NULL;
	int have_smaps = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, "--- maps") == 0 || strcmp(line, "--- smaps") == 0) {
			section = line[4] == 'm' ? 1 : 2;
			continue;
		}
		unsigned long long a, b, off;
		char perms[8];
		int pos = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &a, &b, perms, &off, &pos) == 4 &&
		    pos > 0) {
			if (section == 2 && !have_smaps) {
				/* smaps is there: its headers replace the maps lines */
				for (size_t i = 0; i < r->n_maps; i++)
					free(r->maps[i].path);
				r->n_maps = 0;
				have_smaps = 1;
			}
			if (section == 1 && have_smaps)
				continue;
			if (r->n_maps == cap) {
				cap = cap ? 2 * cap : 32;
				struct procmain_map *n = realloc(r->maps, cap * sizeof *n);
				if (!n)
					break;
				r->maps = n;
			}
			m = &r->maps[r->n_maps++];
			memset(m, 0, sizeof *m);
			m->start = a;
			m->end = b;
			m->offset = off;
			snprintf(m->perms, sizeof m->perms, "%.4s", perms);
			m->path = strdup(line + pos);
			if (!m->path)
				m->path = strdup("");
			procmain_name(pm, r->bias, exe_abs, m);
			continue;
		}
		long kb = 0;
		char key[64];
		if (section == 2 && m && sscanf(line, "%63[^:]: %ld kB", key, &kb) == 2) {
			if (strcmp(key, "Rss") == 0)
				m->rss_kb = kb;
			else if (strncmp(key, "Shared_", 7) == 0)
				m->shared_kb += kb;
			else if (strncmp(key, "Private_", 8) == 0) {
				m->private_kb += kb;
				if (strcmp(key, "Private_Dirty") == 0)
					m->private_dirty_kb = kb;
			}
		}
	}
	fclose(f);
}

/* One run stopped at main into r. */
static void procmain_one(const char *dir, const char *exe, const char *exe_abs,
			 const struct jail *j, char *const *args, const char *stdin_path,
			 int timeout_ms, int k, struct procmain *pm, const char **why,
			 int *why_errno)
{
	struct procmain_run *r = &pm->run[k];
	size_t n = 0;
	while (args && args[n])
		n++;
	char **argv = calloc(n + 2, sizeof *argv);
	char *dot = xfmt("./%s", exe);
	char *out = xfmt(".procmain-%s-%d.maps", exe, k);
	char *out_path = xfmt("%s/%s", dir, out ? out : "");
	if (!argv || !dot || !out || !out_path) {
		r->state = PROCMAIN_FAILED;
		goto done;
	}
	argv[0] = dot;
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = args[i];
	unlink(out_path);
	struct jail_extra x = { .stop_main = pm->main_vaddr, .stop_entry = pm->entry,
				.stop_out = out };
	struct proc_opts o = { .cwd = dir, .timeout_ms = timeout_ms, .out_cap = PROCMAIN_RUN_CAP,
			       .stop_at_cap = 1, .user_locale = 1, .stdin_path = stdin_path };
	jail_run_extra(argv, &o, j, &x, &r->proc, NULL);
	procmain_read(pm, out_path, exe_abs, r, why, why_errno);
	unlink(out_path);
done:
	free(argv);
	free(dot);
	free(out);
	free(out_path);
}

/* The start of the first mapping of a kind among kinds; 0 when none. */
static unsigned long long procmain_first(const struct procmain_run *r, enum procmain_place p)
{
	for (size_t i = 0; i < r->n_maps; i++) {
		enum procmain_kind k = r->maps[i].kind;
		int hit = p == PROCMAIN_AT_PROGRAM ? k <= PROCMAIN_DATA :
			  p == PROCMAIN_AT_LIBC ? k == PROCMAIN_LIBC :
			  p == PROCMAIN_AT_LOADER ? k == PROCMAIN_LOADER :
			  p == PROCMAIN_AT_HEAP ? k == PROCMAIN_HEAP :
			  p == PROCMAIN_AT_STACK ? k == PROCMAIN_STACK : k == PROCMAIN_VDSO;
		if (hit)
			return r->maps[i].start;
	}
	return 0;
}

static const char *const procmain_place_labels[PROCMAIN_PLACE_COUNT] = {
	N_("the program's segments"), N_("libc"), N_("the loader"), N_("the heap"),
	N_("the stack"), N_("the vdso"),
};

/* "a, b and c" of the places whose moved[] is want. */
static void procmain_list(const struct procmain *pm, int want, int en, struct say *s)
{
	size_t total = 0, k = 0;
	for (int p = 0; p < PROCMAIN_PLACE_COUNT; p++)
		total += pm->moved[p] == want;
	for (int p = 0; p < PROCMAIN_PLACE_COUNT; p++)
		if (pm->moved[p] == want) {
			const char *sep = k == 0 ? "" : k + 1 == total ? I18N_TR(en, N_(" and ")) :
				", ";
			say_put(s, "%s%s", sep, I18N_TR(en, procmain_place_labels[p]));
			k++;
		}
}

static char *procmain_aslr_say(const struct procmain *pm, int en)
{
	char buf[1200], moved[400], stayed[400];
	struct say s, sm, ss;
	say_init(&s, buf, sizeof buf);
	say_init(&sm, moved, sizeof moved);
	say_init(&ss, stayed, sizeof stayed);
	if (pm->aslr == 0)
		say_sentence(&s, "%s", I18N_TR(en, N_("Address randomization is off on this machine "
						      "(/proc/sys/kernel/randomize_va_space is 0).")));
	else if (pm->aslr == 1)
		say_sentence(&s, "%s", I18N_TR(en, N_("Address randomization is partial on this "
						      "machine (/proc/sys/kernel/randomize_va_space "
						      "is 1: the heap made by brk does not move).")));
	else if (pm->aslr >= 2)
		say_sentence(&s, "%s", I18N_TR(en, N_("Address randomization is full on this machine "
						      "(/proc/sys/kernel/randomize_va_space is 2).")));
	procmain_list(pm, 1, en, &sm);
	procmain_list(pm, 0, en, &ss);
	if (*moved && *stayed)
		say_sentence(&s, I18N_TR(en, N_("Between the two runs, %1$s moved, and %2$s stayed "
						"where they were.")), moved, stayed);
	else if (*moved)
		say_sentence(&s, I18N_TR(en, N_("Between the two runs, %s all moved.")), moved);
	else if (*stayed)
		say_sentence(&s, I18N_TR(en, N_("Between the two runs, %s all stayed where they "
						"were.")), stayed);
	if (pm->moved[PROCMAIN_AT_PROGRAM] == 0 && pm->elf_type == ET_EXEC)
		say_sentence(&s, "%s", I18N_TR(en, N_("The program is not position-independent "
						      "(ELF type EXEC): its segments are linked at "
						      "fixed addresses, so the kernel maps them "
						      "there every time.")));
	else if (pm->moved[PROCMAIN_AT_PROGRAM] == 1)
		say_sentence(&s, "%s", I18N_TR(en, N_("The program is position-independent (ELF type "
						      "DYN), so the kernel chose a new load bias for "
						      "it.")));
	return strdup(buf);
}

static char *procmain_sharing_say(const struct procmain *pm, int en)
{
	char buf[1200];
	struct say s;
	say_init(&s, buf, sizeof buf);
	say_sentence(&s, I18N_TR(en, N_("At main, the code and read-only data it had in memory (the "
					"program's and its libraries') took %1$ld kB, of which %2$ld "
					"kB were shared with other processes and %3$ld kB private; "
					"its writable memory (.data, .bss, the GOT and RELRO, the "
					"heap, the stack) took %4$ld kB, of which %5$ld kB were "
					"shared and %6$ld kB private.")),
		     pm->code_rss_kb, pm->code_shared_kb, pm->code_private_kb, pm->data_rss_kb,
		     pm->data_shared_kb, pm->data_private_kb);
	int code_shared = pm->code_shared_kb * 2 > pm->code_rss_kb;
	int data_private = pm->data_private_kb * 2 > pm->data_rss_kb;
	int libs = 0;
	for (size_t i = 0; i < pm->run[0].n_maps; i++)
		libs |= pm->run[0].maps[i].kind == PROCMAIN_LIBC ||
			pm->run[0].maps[i].kind == PROCMAIN_LOADER ||
			pm->run[0].maps[i].kind == PROCMAIN_LIBRARY;
	if (!libs && !code_shared)
		say_sentence(&s, "%s", I18N_TR(en, N_("It maps no shared library: its libc is a copy "
						      "inside its own file, which no other process "
						      "maps unless it runs this same program, so "
						      "none of that code is shared.")));
	else if (code_shared && data_private)
		say_sentence(&s, "%s", I18N_TR(en, N_("So shared libraries save memory for code and "
						      "read-only data, whose pages every process maps "
						      "from the same file, but not for .data, .bss or "
						      "the GOT: each process writes its own copy.")));
	else
		say_sentence(&s, "%s", I18N_TR(en, N_("Here the numbers do not show code shared and "
						      "data private: few other processes map the "
						      "same files, or few pages were touched before "
						      "main.")));
	return strdup(buf);
}

static char *procmain_state_say(const struct procmain *pm, const char *exe, const char *why,
				int why_errno, int en)
{
	const struct procmain_run *r = &pm->run[0];
	const char *how = en ? proc_describe_en(&r->proc) : proc_describe(&r->proc);
	switch (pm->has_main ? r->state : PROCMAIN_NO_MAIN) {
	case PROCMAIN_AT_MAIN:
		return xfmt(I18N_NG(en,
			"%1$s stopped at main, at %2$#llx: main's address in the file, %3$#llx, "
			"plus the load bias, %4$#llx. Its memory then held %5$zu mapping.",
			"%1$s stopped at main, at %2$#llx: main's address in the file, %3$#llx, "
			"plus the load bias, %4$#llx. Its memory then held %5$zu mappings.",
			r->n_maps), exe, r->main_addr, pm->main_vaddr, r->bias, r->n_maps);
	case PROCMAIN_NO_MAIN:
		return xfmt(I18N_TR(en, "%s has no main in its symbol table (a program with its own "
				    "_start, linked with -nostartfiles, or a stripped one), so it "
				    "was not started: there is no main to stop at."), exe);
	case PROCMAIN_ENDED:
		return xfmt(I18N_TR(en, "%1$s ended before it reached main (%2$s): something that "
				    "runs before main, such as a constructor, ended it, so there "
				    "is no process at main to show."), exe, how);
	case PROCMAIN_TIMED_OUT:
		return xfmt(I18N_TR(en, "%1$s was killed by its time limit before it reached main "
				    "(%2$s): something that runs before main, such as a "
				    "constructor, ran that long."), exe, how);
	default:
		if (why_errno)
			return xfmt(I18N_TR(en, "%1$s could not be stopped at main: the kernel did "
					    "not let it be traced (ptrace: %2$s)."), exe,
				    en && strerrordesc_np(why_errno) ? strerrordesc_np(why_errno) :
				    strerror(why_errno));
		return xfmt(I18N_TR(en, "%1$s could not be stopped at main (%2$s)."), exe,
			    why ? I18N_TR(en, why) : how);
	}
}

int procmain_compute(const char *dir, const char *exe, const struct jail *j,
		     char *const *args, const char *stdin_path, int timeout_ms,
		     struct procmain *pm)
{
	memset(pm, 0, sizeof *pm);
	pm->aslr = -1;
	for (int p = 0; p < PROCMAIN_PLACE_COUNT; p++)
		pm->moved[p] = -1;
	char *path = xfmt("%s/%s", dir, exe);
	char *abs = path ? realpath(path, NULL) : NULL;
	const char *why = NULL;
	int why_errno = 0;
	if (!abs || procmain_read_elf(abs, pm) < 0) {
		pm->run[0].state = PROCMAIN_FAILED;
		why = N_("it is not an ELF file lesson can read");
	} else if (pm->has_main) {
		FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "re");
		if (f && fscanf(f, "%d", &pm->aslr) != 1)
			pm->aslr = -1;
		if (f)
			fclose(f);
		procmain_one(dir, exe, abs, j, args, stdin_path, timeout_ms, 0, pm, &why,
			     &why_errno);
		pm->n_runs = 1;
		if (pm->run[0].state == PROCMAIN_AT_MAIN) {
			procmain_one(dir, exe, abs, j, args, stdin_path, timeout_ms, 1, pm, &why,
				     &why_errno);
			pm->n_runs = 2;
		}
	} else {
		pm->run[0].state = PROCMAIN_NO_MAIN;
	}
	const struct procmain_run *r = &pm->run[0];
	if (r->state == PROCMAIN_AT_MAIN) {
		for (size_t i = 0; i < r->n_maps; i++) {
			const struct procmain_map *m = &r->maps[i];
			int writable = m->perms[1] == 'w' || m->kind == PROCMAIN_RELRO ||
				       m->kind == PROCMAIN_BSS || m->kind == PROCMAIN_HEAP ||
				       m->kind == PROCMAIN_STACK || m->kind == PROCMAIN_ANON;
			if (writable) {
				pm->data_rss_kb += m->rss_kb;
				pm->data_shared_kb += m->shared_kb;
				pm->data_private_kb += m->private_kb;
			} else if (*m->path && m->path[0] != '[') {
				pm->code_rss_kb += m->rss_kb;
				pm->code_shared_kb += m->shared_kb;
				pm->code_private_kb += m->private_kb;
			}
		}
		pm->sharing = procmain_sharing_say(pm, 0);
		pm->sharing_en = procmain_sharing_say(pm, 1);
	}
	if (pm->n_runs == 2 && pm->run[1].state == PROCMAIN_AT_MAIN) {
		for (int p = 0; p < PROCMAIN_PLACE_COUNT; p++) {
			unsigned long long a = procmain_first(&pm->run[0], p);
			unsigned long long b = procmain_first(&pm->run[1], p);
			pm->moved[p] = a && b ? a != b : -1;
		}
		pm->aslr_say = procmain_aslr_say(pm, 0);
		pm->aslr_say_en = procmain_aslr_say(pm, 1);
	}
	char *dot = xfmt("./%s", exe);
	pm->say = procmain_state_say(pm, dot, why, why_errno, 0);
	pm->say_en = procmain_state_say(pm, dot, why, why_errno, 1);
	free(dot);
	free(path);
	free(abs);
	return r->state == PROCMAIN_AT_MAIN ? 0 : -1;
}

void procmain_free(struct procmain *pm)
{
	for (int k = 0; k < 2; k++) {
		proc_result_free(&pm->run[k].proc);
		for (size_t i = 0; i < pm->run[k].n_maps; i++)
			free(pm->run[k].maps[i].path);
		free(pm->run[k].maps);
	}
	free(pm->loads);
	free(pm->say);
	free(pm->say_en);
	free(pm->sharing);
	free(pm->sharing_en);
	free(pm->aslr_say);
	free(pm->aslr_say_en);
	memset(pm, 0, sizeof *pm);
}
