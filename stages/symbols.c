/* symbols: an ELF file's symbols and relocations, read with libelf. See symbols.h. */
#include "config.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/symbols.h"
#include "stages/i18n.h"

/* The GNU symbol versioning bits of a .gnu.version entry (not in <elf.h>). */
#define SYMBOLS_VERSYM_HIDDEN 0x8000u
#define SYMBOLS_VERSYM_INDEX 0x7fffu

/* Version index -> name, from .gnu.version_d and .gnu.version_r. */
struct symbols_versions {
	char **names; /* n entries, NULL where no version has that index */
	size_t n;
};

static int symbols_fail(struct symbols *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->error, sizeof s->error, fmt, ap);
	va_end(ap);
	return -1;
}

/* strdup that never returns NULL for a NULL input: a missing name reads as "". */
static char *symbols_dup(const char *text)
{
	return strdup(text ? text : "");
}

static const char *symbols_scn_name(Elf *elf, size_t shstrndx, size_t idx)
{
	Elf_Scn *scn = elf_getscn(elf, idx);
	GElf_Shdr sh;
	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	return elf_strptr(elf, shstrndx, sh.sh_name);
}

/* The SHT_SYMTAB_SHNDX data that extends the symbol table at index symtab, or NULL: a file
 * with more than 65279 sections keeps the real section indices there. */
static Elf_Data *symbols_xndx_data(Elf *elf, size_t symtab)
{
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB_SHNDX && sh.sh_link == symtab)
			return elf_getdata(scn, NULL);
	}
	return NULL;
}

/* The section index a symbol is defined in, with SHN_XINDEX looked up. */
static unsigned symbols_shndx(const GElf_Sym *sym, Elf32_Word xndx)
{
	return sym->st_shndx == SHN_XINDEX ? (unsigned)xndx : sym->st_shndx;
}

static void symbols_version_set(struct symbols_versions *v, unsigned idx, const char *name)
{
	if (!name || idx > SYMBOLS_VERSYM_INDEX)
		return;
	if (idx >= v->n) {
		char **grown = realloc(v->names, (idx + 1) * sizeof *grown);
		if (!grown)
			return;
		memset(grown + v->n, 0, (idx + 1 - v->n) * sizeof *grown);
		v->names = grown;
		v->n = idx + 1;
	}
	if (!v->names[idx])
		v->names[idx] = strdup(name);
}

/* Read the version definitions (.gnu.version_d): what this file provides. Each step moves
 * forward by a non-zero vd_next, and libelf refuses offsets past the data, so a malformed
 * chain ends. */
static void symbols_read_verdef(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh,
				struct symbols_versions *v)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data)
		return;
	size_t off = 0;
	for (size_t guard = 0; guard < data->d_size && off < data->d_size; guard++) {
		GElf_Verdef vd;
		GElf_Verdaux va;
		if (!gelf_getverdef(data, (int)off, &vd))
			break;
		if (vd.vd_aux && gelf_getverdaux(data, (int)(off + vd.vd_aux), &va))
			symbols_version_set(v, vd.vd_ndx, elf_strptr(elf, sh->sh_link, va.vda_name));
		if (!vd.vd_next)
			break;
		off += vd.vd_next;
	}
}

/* Read the version needs (.gnu.version_r): what this file asks of its libraries. */
static void symbols_read_verneed(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh,
				 struct symbols_versions *v)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data)
		return;
	size_t off = 0;
	for (size_t guard = 0; guard < data->d_size && off < data->d_size; guard++) {
		GElf_Verneed vn;
		if (!gelf_getverneed(data, (int)off, &vn))
			break;
		size_t aoff = off + vn.vn_aux;
		for (unsigned j = 0; j < vn.vn_cnt && aoff < data->d_size; j++) {
			GElf_Vernaux vna;
			if (!gelf_getvernaux(data, (int)aoff, &vna))
				break;
			symbols_version_set(v, vna.vna_other,
					    elf_strptr(elf, sh->sh_link, vna.vna_name));
			if (!vna.vna_next)
				break;
			aoff += vna.vna_next;
		}
		if (!vn.vn_next)
			break;
		off += vn.vn_next;
	}
}

static void symbols_versions_free(struct symbols_versions *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->names[i]);
	free(v->names);
}

/* The name readelf gives the section a symbol is defined in. */
static char *symbols_section_label(Elf *elf, size_t shstrndx, unsigned shndx)
{
	if (shndx == SHN_UNDEF)
		return strdup("UND");
	if (shndx == SHN_ABS)
		return strdup("ABS");
	if (shndx == SHN_COMMON)
		return strdup("COMMON");
	const char *name = symbols_scn_name(elf, shstrndx, shndx);
	if (name)
		return strdup(name);
	char buf[32];
	snprintf(buf, sizeof buf, "section %u", shndx);
	return strdup(buf);
}

/* Read the symbol table at index tab into s->syms, with versions when versym (the
 * .gnu.version data that belongs to this table) is given. */
static int symbols_read_table(Elf *elf, size_t shstrndx, size_t tab, Elf_Data *versym,
			      const struct symbols_versions *v, struct symbols *s)
{
	Elf_Scn *scn = elf_getscn(elf, tab);
	GElf_Shdr sh;
	if (!scn || !gelf_getshdr(scn, &sh))
		return symbols_fail(s, _("cannot read the symbol table header: %s"), elf_errmsg(-1));
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	if (!data || entsize == 0)
		return symbols_fail(s, _("cannot read the symbol table: %s"), elf_errmsg(-1));
	Elf_Data *xdata = symbols_xndx_data(elf, tab);
	size_t n = data->d_size / entsize;
	s->syms = calloc(n ? n : 1, sizeof *s->syms);
	if (!s->syms)
		return symbols_fail(s, ngettext("out of memory reading %zu symbol",
						"out of memory reading %zu symbols", n), n);
	for (size_t i = 0; i < n; i++) {
		GElf_Sym sym;
		Elf32_Word xndx = 0;
		if (!gelf_getsymshndx(data, xdata, (int)i, &sym, &xndx))
			break;
		struct symbols_sym *out = &s->syms[s->n_syms++];
		unsigned shndx = symbols_shndx(&sym, xndx);
		out->name = symbols_dup(elf_strptr(elf, sh.sh_link, sym.st_name));
		out->bind = GELF_ST_BIND(sym.st_info);
		out->type = GELF_ST_TYPE(sym.st_info);
		out->shndx = shndx;
		out->section = symbols_section_label(elf, shstrndx, shndx);
		out->value = sym.st_value;
		out->size = sym.st_size;
		GElf_Versym vs;
		if (versym && gelf_getversym(versym, (int)i, &vs)) {
			unsigned idx = vs & SYMBOLS_VERSYM_INDEX;
			/* 0 is local, 1 the unversioned global base: no version to show */
			if (idx > 1 && idx < v->n && v->names[idx]) {
				out->version = strdup(v->names[idx]);
				out->version_hidden = (vs & SYMBOLS_VERSYM_HIDDEN) ||
						      shndx == SHN_UNDEF;
			}
		}
		if (!out->name || !out->section)
			return symbols_fail(s, _("out of memory reading symbols"));
	}
	return 0;
}

/* The name a relocation shows for symbol idx of the table at index tab: a section
 * symbol is named by its section, as readelf does. */
static char *symbols_reloc_symbol(Elf *elf, size_t shstrndx, size_t tab, Elf_Data *symdata,
				  Elf_Data *xdata, unsigned idx)
{
	GElf_Sym sym;
	Elf32_Word xndx = 0;
	Elf_Scn *scn = elf_getscn(elf, tab);
	GElf_Shdr sh;
	if (idx == 0 || !symdata || !scn || !gelf_getshdr(scn, &sh) ||
	    !gelf_getsymshndx(symdata, xdata, (int)idx, &sym, &xndx))
		return strdup("");
	if (GELF_ST_TYPE(sym.st_info) == STT_SECTION)
		return symbols_dup(symbols_scn_name(elf, shstrndx, symbols_shndx(&sym, xndx)));
	return symbols_dup(elf_strptr(elf, sh.sh_link, sym.st_name));
}

/* Append every relocation of one SHT_RELA or SHT_REL section to s->relocs. */
static int symbols_read_relocs(Elf *elf, size_t shstrndx, size_t shnum, Elf_Scn *scn,
			       const GElf_Shdr *sh, struct symbols *s)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	int rela = sh->sh_type == SHT_RELA;
	size_t entsize = gelf_fsize(elf, rela ? ELF_T_RELA : ELF_T_REL, 1, EV_CURRENT);
	if (!data || entsize == 0)
		return 0;
	size_t n = data->d_size / entsize;
	if (n == 0)
		return 0;
	struct symbols_reloc *grown = realloc(s->relocs, (s->n_relocs + n) * sizeof *grown);
	if (!grown)
		return symbols_fail(s, ngettext("out of memory reading %zu relocation",
						"out of memory reading %zu relocations", n), n);
	s->relocs = grown;

	const char *rel_name = elf_strptr(elf, shstrndx, sh->sh_name);
	const char *target = NULL;
	if (sh->sh_info > 0 && sh->sh_info < shnum)
		target = symbols_scn_name(elf, shstrndx, sh->sh_info);
	Elf_Data *symdata = NULL, *xdata = NULL;
	Elf_Scn *symscn = sh->sh_link && sh->sh_link < shnum ? elf_getscn(elf, sh->sh_link) : NULL;
	if (symscn) {
		symdata = elf_getdata(symscn, NULL);
		xdata = symbols_xndx_data(elf, sh->sh_link);
	}
	for (size_t i = 0; i < n; i++) {
		GElf_Rela r;
		if (rela) {
			if (!gelf_getrela(data, (int)i, &r))
				break;
		} else {
			GElf_Rel rel;
			if (!gelf_getrel(data, (int)i, &rel))
				break;
			r.r_offset = rel.r_offset;
			r.r_info = rel.r_info;
			r.r_addend = 0;
		}
		struct symbols_reloc *out = &s->relocs[s->n_relocs++];
		memset(out, 0, sizeof *out);
		out->section = symbols_dup(target);
		out->rel_section = symbols_dup(rel_name);
		out->offset = r.r_offset;
		out->type = (unsigned)GELF_R_TYPE(r.r_info);
		out->sym = (unsigned)GELF_R_SYM(r.r_info);
		out->symbol = symbols_reloc_symbol(elf, shstrndx, sh->sh_link, symdata, xdata,
						   out->sym);
		out->addend = r.r_addend;
		out->rela = rela;
		if (!out->section || !out->rel_section || !out->symbol)
			return symbols_fail(s, _("out of memory reading relocations"));
	}
	return 0;
}

/* Find the tables and the version sections, then read them. */
static int symbols_read_elf(Elf *elf, enum symbols_table which, struct symbols *s)
{
	size_t shstrndx = 0, shnum = 0;
	if (elf_getshdrstrndx(elf, &shstrndx) != 0 || elf_getshdrnum(elf, &shnum) != 0)
		return symbols_fail(s, _("cannot read the section headers: %s"), elf_errmsg(-1));
	size_t symtab = 0, dynsym = 0;
	Elf_Scn *versym_scn = NULL;
	GElf_Shdr versym_sh;
	struct symbols_versions v = { 0 };
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB && !symtab)
			symtab = elf_ndxscn(scn);
		else if (sh.sh_type == SHT_DYNSYM && !dynsym)
			dynsym = elf_ndxscn(scn);
		else if (sh.sh_type == SHT_GNU_versym && !versym_scn) {
			versym_scn = scn;
			versym_sh = sh;
		} else if (sh.sh_type == SHT_GNU_verdef)
			symbols_read_verdef(elf, scn, &sh, &v);
		else if (sh.sh_type == SHT_GNU_verneed)
			symbols_read_verneed(elf, scn, &sh, &v);
	}
	size_t tab = which == SYMBOLS_DYNAMIC ? dynsym : symtab ? symtab : dynsym;
	int rc = 0;
	if (tab) {
		s->dynamic = tab == dynsym;
		Elf_Data *versym = NULL;
		if (versym_scn && versym_sh.sh_link == tab)
			versym = elf_getdata(versym_scn, NULL);
		rc = symbols_read_table(elf, shstrndx, tab, versym, &v, s);
	}
	symbols_versions_free(&v);
	if (rc)
		return rc;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && (sh.sh_type == SHT_RELA || sh.sh_type == SHT_REL) &&
		    symbols_read_relocs(elf, shstrndx, shnum, scn, &sh, s))
			return -1;
	}
	return 0;
}

int symbols_read(const char *path, enum symbols_table which, struct symbols *s)
{
	memset(s, 0, sizeof *s);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return symbols_fail(s, _("libelf is too old: %s"), elf_errmsg(-1));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return symbols_fail(s, _("cannot open %s: %m"), path);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	int rc = -1;
	GElf_Ehdr eh;
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		symbols_fail(s, _("%s is not an ELF file"), path);
	} else if (!gelf_getehdr(elf, &eh)) {
		symbols_fail(s, _("%1$s: bad ELF header: %2$s"), path, elf_errmsg(-1));
	} else {
		s->machine = eh.e_machine;
		s->elf_type = eh.e_type;
		rc = symbols_read_elf(elf, which, s);
	}
	if (elf)
		elf_end(elf);
	close(fd);
	if (rc) {
		/* keep the reason, drop what was half read */
		char why[sizeof s->error];
		memcpy(why, s->error, sizeof why);
		symbols_free(s);
		memcpy(s->error, why, sizeof why);
	}
	return rc;
}

void symbols_free(struct symbols *s)
{
	for (size_t i = 0; i < s->n_syms; i++) {
		free(s->syms[i].name);
		free(s->syms[i].section);
		free(s->syms[i].version);
	}
	free(s->syms);
	for (size_t i = 0; i < s->n_relocs; i++) {
		free(s->relocs[i].section);
		free(s->relocs[i].rel_section);
		free(s->relocs[i].symbol);
	}
	free(s->relocs);
	memset(s, 0, sizeof *s);
}

const char **symbols_undefined(const struct symbols *s, size_t *n)
{
	const char **names = malloc((s->n_syms + 1) * sizeof *names);
	size_t k = 0;
	if (!names)
		return NULL;
	for (size_t i = 0; i < s->n_syms; i++) {
		const struct symbols_sym *sym = &s->syms[i];
		if (sym->shndx == SHN_UNDEF && sym->name[0] &&
		    (sym->bind == STB_GLOBAL || sym->bind == STB_WEAK))
			names[k++] = sym->name;
	}
	names[k] = NULL;
	if (n)
		*n = k;
	return names;
}

long symbols_find(const struct symbols *s, const char *name)
{
	for (size_t i = 0; i < s->n_syms; i++)
		if (strcmp(s->syms[i].name, name) == 0)
			return (long)i;
	return -1;
}

const char *symbols_bind_name(unsigned bind)
{
	static _Thread_local char buf[24];
	switch (bind) {
	case STB_LOCAL: return "LOCAL";
	case STB_GLOBAL: return "GLOBAL";
	case STB_WEAK: return "WEAK";
	case STB_GNU_UNIQUE: return "UNIQUE";
	default:
		snprintf(buf, sizeof buf, "bind %u", bind);
		return buf;
	}
}

const char *symbols_type_name(unsigned type)
{
	static _Thread_local char buf[24];
	switch (type) {
	case STT_NOTYPE: return "NOTYPE";
	case STT_OBJECT: return "OBJECT";
	case STT_FUNC: return "FUNC";
	case STT_SECTION: return "SECTION";
	case STT_FILE: return "FILE";
	case STT_COMMON: return "COMMON";
	case STT_TLS: return "TLS";
	case STT_GNU_IFUNC: return "IFUNC";
	default:
		snprintf(buf, sizeof buf, "type %u", type);
		return buf;
	}
}

/* Whether section is name itself or one of its -ffunction-sections style children
 * (".text" matches ".text" and ".text.startup", not ".textual"). */
static int symbols_in(const char *section, const char *name)
{
	size_t n = strlen(name);
	return strncmp(section, name, n) == 0 && (section[n] == '\0' || section[n] == '.');
}

/* Where a defined symbol sits and what that says about it, in out (len bytes): a clause
 * that names the section where it matters. */
static void symbols_place(const struct symbols_sym *sym, char *out, size_t len)
{
	const char *sec = sym->section;
	int code = sym->type == STT_FUNC || sym->type == STT_GNU_IFUNC;
	if (sym->shndx == SHN_COMMON || sym->type == STT_COMMON)
		snprintf(out, len, "%s", _("a common symbol: an uninitialised global compiled with "
					   "-fcommon; the linker merges every file's copy into one "
					   "and places it in .bss"));
	else if (sym->shndx == SHN_ABS)
		snprintf(out, len, "%s", _("an absolute value: a number, not an address in any "
					   "section"));
	else if (symbols_in(sec, ".text") && sym->type == STT_GNU_IFUNC)
		snprintf(out, len, _("an indirect function (IFUNC): its code goes in %s, and at "
				     "load time a resolver picks the version that suits this CPU"),
			 sec);
	else if (symbols_in(sec, ".text") && code)
		snprintf(out, len, _("a function: machine code goes in %s"), sec);
	else if (symbols_in(sec, ".text"))
		snprintf(out, len, _("machine code: %s"), sec);
	else if (symbols_in(sec, ".data.rel.ro"))
		snprintf(out, len, _("data holding addresses: %s, which the loader fills in and "
				     "then makes read-only"), sec);
	else if (symbols_in(sec, ".data.rel"))
		snprintf(out, len, _("an initialised variable holding an address: %s, which the "
				     "linker or loader adjusts"), sec);
	else if (symbols_in(sec, ".data") && sym->type == STT_OBJECT)
		snprintf(out, len, _("an initialised variable: %s"), sec);
	else if (symbols_in(sec, ".data"))
		snprintf(out, len, _("initialised data: %s"), sec);
	else if (symbols_in(sec, ".bss"))
		snprintf(out, len, _("zero-initialised: %s takes no space in the file"), sec);
	else if (symbols_in(sec, ".rodata"))
		snprintf(out, len, _("read-only data: constants and string literals go in %s"),
			 sec);
	else if (symbols_in(sec, ".tdata"))
		snprintf(out, len, _("thread-local, initialised: each thread gets its own copy, "
				     "made from %s"), sec);
	else if (symbols_in(sec, ".tbss"))
		snprintf(out, len, _("thread-local, zero-initialised: each thread gets its own "
				     "copy (%s)"), sec);
	else if (symbols_in(sec, ".init_array"))
		snprintf(out, len, _("a pointer to a function that runs before main (%s)"), sec);
	else if (symbols_in(sec, ".fini_array"))
		snprintf(out, len, _("a pointer to a function that runs at exit (%s)"), sec);
	else
		snprintf(out, len, _("in %s"), sec);
}

char *symbols_explain(const struct symbols_sym *sym, char *buf, size_t len)
{
	if (!len)
		return buf;
	buf[0] = '\0';
	if (sym->type == STT_FILE) {
		snprintf(buf, len, _("the source file this object was compiled from, "
			 "recorded for debuggers and tools"));
		return buf;
	}
	if (sym->type == STT_SECTION) {
		snprintf(buf, len, _("a section symbol: relocations use it to point into %s"),
			 sym->section);
		return buf;
	}
	if (sym->shndx == SHN_UNDEF && sym->bind == STB_LOCAL) {
		snprintf(buf, len, _("the null symbol: entry 0 of every symbol table, standing "
			 "for no symbol"));
		return buf;
	}
	if (sym->shndx == SHN_UNDEF && strcmp(sym->name, "_GLOBAL_OFFSET_TABLE_") == 0) {
		snprintf(buf, len, _("the address of the GOT (global offset table), which the "
			 "linker itself provides"));
		return buf;
	}
	if (sym->shndx == SHN_UNDEF) {
		snprintf(buf, len, "%s", sym->bind == STB_WEAK ?
			 _("a weak reference: used here, defined elsewhere; the program still "
			 "links when nothing defines it (its address is then 0)") :
			 _("used here, defined elsewhere: the linker must find it"));
		return buf;
	}
	if (sym->bind == STB_LOCAL && strncmp(sym->name, ".L", 2) == 0) {
		/* gcc's own labels (.LC0 a string literal or constant): no declaration made
		 * them. as keeps one in the table when a relocation must name it, as for a
		 * string in a mergeable section, which the linker may move. */
		char place[512];
		symbols_place(sym, place, sizeof place);
		snprintf(buf, len, _("a label gcc made (not a name in the source: .LC for a "
				     "string literal or constant), local; kept in the table because "
				     "a relocation refers to it; %s"), place);
		return buf;
	}
	const char *vis;
	switch (sym->bind) {
	case STB_LOCAL:
		vis = _("static: local to this file, invisible to the linker's other inputs");
		break;
	case STB_GLOBAL:
		vis = _("global: the linker's other inputs can use it");
		break;
	case STB_WEAK:
		vis = _("weak: when objects are linked together, a GLOBAL definition elsewhere "
		      "takes precedence over this one");
		break;
	case STB_GNU_UNIQUE:
		vis = _("unique: the dynamic linker keeps a single copy in the whole process");
		break;
	default:
		vis = NULL;
	}
	char place[512];
	symbols_place(sym, place, sizeof place);
	if (vis)
		/* TRANSLATORS: a symbol's visibility, then where it is */
		snprintf(buf, len, _("%1$s; %2$s"), vis, place);
	else
		snprintf(buf, len, "%s", place);
	return buf;
}

/* Every x86-64 relocation type <elf.h> defines, with what it asks for (the System V
 * AMD64 ABI's calculations, in words: S the symbol's value, A the addend, P the place
 * being patched). */
#define SYMBOLS_X86_64_RELOCS \
	X(R_X86_64_NONE, N_("no effect: a placeholder the linker ignores")) \
	X(R_X86_64_64, N_("the symbol's full 64-bit address plus the addend: a pointer stored " \
	  "in data")) \
	X(R_X86_64_PC32, N_("a 32-bit distance from here to the symbol (plus the addend): how " \
	  "code reaches nearby data and functions")) \
	X(R_X86_64_GOT32, N_("the 32-bit offset of the symbol's GOT entry within the GOT")) \
	X(R_X86_64_PLT32, N_("a call to a function that may live in a shared library: the " \
	  "linker points it at the function or its PLT stub")) \
	X(R_X86_64_COPY, N_("at load time, copy the variable's initial value from the shared " \
	  "library into the executable's own copy of it")) \
	X(R_X86_64_GLOB_DAT, N_("at load time, write the symbol's address into its GOT entry")) \
	X(R_X86_64_JUMP_SLOT, N_("a PLT stub's GOT entry: the dynamic linker writes the " \
	  "function's address there (at the first call when binding lazily)")) \
	X(R_X86_64_RELATIVE, N_("at load time, add the address the object was loaded at to " \
	  "the addend: a pointer inside a position-independent program")) \
	X(R_X86_64_GOTPCREL, N_("a 32-bit distance from here to the symbol's GOT entry, where " \
	  "its address is stored")) \
	X(R_X86_64_32, N_("the symbol's address as 32 bits, zero-extended: only possible when " \
	  "the program is placed in the low 4 GiB (not PIE)")) \
	X(R_X86_64_32S, N_("the symbol's address as 32 bits, sign-extended: only possible when " \
	  "the address fits, as in a program placed in the low 2 GiB (not PIE)")) \
	X(R_X86_64_16, N_("the symbol's address as 16 bits")) \
	X(R_X86_64_PC16, N_("a 16-bit distance from here to the symbol")) \
	X(R_X86_64_8, N_("the symbol's address as 8 bits")) \
	X(R_X86_64_PC8, N_("an 8-bit distance from here to the symbol")) \
	X(R_X86_64_DTPMOD64, N_("thread-local storage: the ID of the module (program or " \
	  "library) that holds the variable, set at load time")) \
	X(R_X86_64_DTPOFF64, N_("thread-local storage: the variable's offset within its " \
	  "module's TLS block")) \
	X(R_X86_64_TPOFF64, N_("thread-local storage: the variable's offset from the thread " \
	  "pointer (%fs), in the initial TLS block")) \
	X(R_X86_64_TLSGD, N_("thread-local storage, general dynamic model: a 32-bit distance " \
	  "to the GOT entries passed to __tls_get_addr")) \
	X(R_X86_64_TLSLD, N_("thread-local storage, local dynamic model: a 32-bit distance to " \
	  "the GOT entry for this module's TLS block, passed to __tls_get_addr")) \
	X(R_X86_64_DTPOFF32, N_("thread-local storage: the variable's 32-bit offset within its " \
	  "module's TLS block")) \
	X(R_X86_64_GOTTPOFF, N_("thread-local storage, initial exec model: a 32-bit distance " \
	  "to the GOT entry holding the variable's offset from the thread pointer")) \
	X(R_X86_64_TPOFF32, N_("thread-local storage, local exec model: the variable's 32-bit " \
	  "offset from the thread pointer (%fs)")) \
	X(R_X86_64_PC64, N_("a 64-bit distance from here to the symbol")) \
	X(R_X86_64_GOTOFF64, N_("the symbol's 64-bit offset from the start of the GOT")) \
	X(R_X86_64_GOTPC32, N_("a 32-bit distance from here to the GOT")) \
	X(R_X86_64_GOT64, N_("the 64-bit offset of the symbol's GOT entry within the GOT " \
	  "(large code model)")) \
	X(R_X86_64_GOTPCREL64, N_("a 64-bit distance from here to the symbol's GOT entry " \
	  "(large code model)")) \
	X(R_X86_64_GOTPC64, N_("a 64-bit distance from here to the GOT (large code model)")) \
	X(R_X86_64_GOTPLT64, N_("like R_X86_64_GOT64, and says the symbol needs a PLT entry " \
	  "(large code model)")) \
	X(R_X86_64_PLTOFF64, N_("the 64-bit offset of the function's PLT entry from the GOT " \
	  "(large code model)")) \
	X(R_X86_64_SIZE32, N_("the symbol's size plus the addend, as 32 bits")) \
	X(R_X86_64_SIZE64, N_("the symbol's size plus the addend, as 64 bits")) \
	X(R_X86_64_GOTPC32_TLSDESC, N_("thread-local storage, TLS descriptors: a 32-bit " \
	  "distance to the variable's descriptor in the GOT")) \
	X(R_X86_64_TLSDESC_CALL, N_("thread-local storage, TLS descriptors: marks the call " \
	  "through the descriptor, so that the linker can rewrite it")) \
	X(R_X86_64_TLSDESC, N_("thread-local storage: a TLS descriptor (a function and its " \
	  "argument) that the dynamic linker fills in")) \
	X(R_X86_64_IRELATIVE, N_("at start-up, call an IFUNC's resolver (at the load address " \
	  "plus the addend) and store the address it returns: how a function such as " \
	  "memcpy picks the version for this CPU")) \
	X(R_X86_64_RELATIVE64, N_("like R_X86_64_RELATIVE, 64 bits wide in the x32 ABI: the " \
	  "load address plus the addend")) \
	X(R_X86_64_GOTPCRELX, N_("load an address from the GOT (the linker may relax it to " \
	  "use the address directly: a mov becomes a lea, an indirect call a direct one)")) \
	X(R_X86_64_REX_GOTPCRELX, N_("load an address from the GOT, in an instruction with a " \
	  "REX prefix such as a 64-bit mov (the linker may relax it to a direct lea)"))

static const struct {
	unsigned type;
	const char *name;
	const char *why;
} symbols_x86_64[] = {
#define X(r, why) { r, #r, why },
	SYMBOLS_X86_64_RELOCS
#undef X
};

static int symbols_x86_64_index(unsigned machine, unsigned type)
{
	if (machine != EM_X86_64)
		return -1;
	for (size_t i = 0; i < sizeof symbols_x86_64 / sizeof symbols_x86_64[0]; i++)
		if (symbols_x86_64[i].type == type)
			return (int)i;
	return -1;
}

const char *symbols_reloc_type_name(unsigned machine, unsigned type)
{
	static _Thread_local char buf[24];
	int i = symbols_x86_64_index(machine, type);
	if (i >= 0)
		return symbols_x86_64[i].name;
	snprintf(buf, sizeof buf, "type %u", type);
	return buf;
}

const char *symbols_reloc_explain(unsigned machine, unsigned type)
{
	int i = symbols_x86_64_index(machine, type);
	return i >= 0 ? _(symbols_x86_64[i].why) : NULL;
}

/* The section a heading names: "Disassembly of section .text:" gives ".text". */
static int symbols_dump_heading(const char *line, size_t n, const char **name, size_t *nlen)
{
	static const char head[] = "Disassembly of section ";
	size_t h = sizeof head - 1;
	if (n < h + 2 || memcmp(line, head, h) != 0 || line[n - 1] != ':')
		return 0;
	*name = line + h;
	*nlen = n - h - 1;
	return 1;
}

struct symbols_dump_reloc *symbols_dump_relocs(const struct symbols *s, const char *text,
					       size_t len, size_t *n)
{
	struct symbols_dump_reloc *out = NULL;
	size_t cap = 0;
	unsigned char *used = s->n_relocs ? calloc(s->n_relocs, 1) : NULL;
	const char *sec = "";
	size_t sec_len = 0;
	*n = 0;
	if (s->n_relocs && !used)
		return NULL;
	for (size_t at = 0, line = 0; at < len; line++) {
		const char *l = text + at, *nl = memchr(l, '\n', len - at);
		size_t ln = nl ? (size_t)(nl - l) : len - at;
		at += ln + 1;
		if (symbols_dump_heading(l, ln, &sec, &sec_len))
			continue;
		size_t i = 0;
		int col = 0;
		while (i < ln && (l[i] == ' ' || l[i] == '\t')) {
			col = l[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
			i++;
		}
		size_t hex = i;
		unsigned long long off = 0;
		while (i < ln && i - hex < 16 && strchr("0123456789abcdef", l[i]) && l[i]) {
			off = off * 16 + (unsigned)(l[i] <= '9' ? l[i] - '0' : l[i] - 'a' + 10);
			i++;
		}
		if (hex == 0 || i == hex || i + 4 > ln || l[i] != ':' || l[i + 1] != ' ' ||
		    l[i + 2] != 'R' || l[i + 3] != '_')
			continue;
		if (*n == cap) {
			size_t more = cap ? cap * 2 : 16;
			struct symbols_dump_reloc *g = realloc(out, more * sizeof *out);
			if (!g) {
				free(out);
				free(used);
				*n = 0;
				return NULL;
			}
			out = g;
			cap = more;
		}
		long found = -1;
		for (size_t r = 0; r < s->n_relocs && found < 0; r++) {
			const struct symbols_reloc *x = &s->relocs[r];
			if (!used[r] && x->offset == off && strlen(x->section) == sec_len &&
			    memcmp(x->section, sec, sec_len) == 0)
				found = (long)r;
		}
		if (found >= 0)
			used[found] = 1;
		out[(*n)++] = (struct symbols_dump_reloc){
			.line = line, .col = col + (int)(i - hex) + 2, .reloc = found,
		};
	}
	free(used);
	return out;
}
