/* elfinfo: the facts of one ELF file, read with libelf. See elfinfo.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/elfinfo.h"
#include "stages/i18n.h"

/* Say why reading failed: msgid (marked N_()) in the user's language into e->error and in
 * English into e->error_en. errno is kept for a %m. */
static int elfinfo_fail(struct elfinfo *e, const char *msgid, ...)
{
	int saved = errno;
	va_list ap;
	va_start(ap, msgid);
	vsnprintf(e->error_en, sizeof e->error_en, msgid, ap);
	va_end(ap);
	errno = saved;
	va_start(ap, msgid);
	vsnprintf(e->error, sizeof e->error, _(msgid), ap);
	va_end(ap);
	return -1;
}

/* Read the dynamic section: DT_NEEDED names and the DF_1_PIE flag. */
static void elfinfo_read_dynamic(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct elfinfo *e,
				 int *flag_pie)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data || sh->sh_entsize == 0)
		return;
	size_t n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Dyn dyn;
		if (!gelf_getdyn(data, (int)i, &dyn) || dyn.d_tag == DT_NULL)
			break;
		if (dyn.d_tag == DT_FLAGS_1 && (dyn.d_un.d_val & DF_1_PIE))
			*flag_pie = 1;
		if (dyn.d_tag != DT_NEEDED)
			continue;
		const char *name = elf_strptr(elf, sh->sh_link, dyn.d_un.d_val);
		if (!name)
			continue;
		char **grown = realloc(e->needed, (e->n_needed + 1) * sizeof *grown);
		if (!grown)
			return;
		e->needed = grown;
		e->needed[e->n_needed++] = strdup(name);
	}
}

int elfinfo_read(const char *path, struct elfinfo *e)
{
	memset(e, 0, sizeof *e);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return elfinfo_fail(e, N_("libelf is too old: %s"), elf_errmsg(-1));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return elfinfo_fail(e, N_("cannot open %s: %m"), path);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	int rc = -1;
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		elfinfo_fail(e, N_("%s is not an ELF file"), path);
		goto out;
	}
	GElf_Ehdr eh;
	if (!gelf_getehdr(elf, &eh)) {
		elfinfo_fail(e, N_("%1$s: bad ELF header: %2$s"), path, elf_errmsg(-1));
		goto out;
	}
	e->type = eh.e_type;

	size_t nph = 0, filesize = 0;
	const char *raw = elf_rawfile(elf, &filesize);
	if (elf_getphdrnum(elf, &nph) == 0) {
		for (size_t i = 0; i < nph; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(elf, (int)i, &ph))
				continue;
			if (ph.p_type == PT_DYNAMIC)
				e->has_dynamic = 1;
			/* the first PT_INTERP is the one the kernel uses; a malformed file may
			 * have more */
			if (ph.p_type == PT_INTERP && !e->interp && raw && ph.p_offset < filesize &&
			    ph.p_filesz <= filesize - ph.p_offset)
				e->interp = strndup(raw + ph.p_offset, ph.p_filesz);
		}
	}

	size_t shstrndx = 0;
	int flag_pie = 0;
	if (elf_getshdrstrndx(elf, &shstrndx) == 0) {
		for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
			GElf_Shdr sh;
			if (!gelf_getshdr(scn, &sh))
				continue;
			const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
			struct elfinfo_section *grown =
				realloc(e->sections, (e->n_sections + 1) * sizeof *grown);
			if (!grown)
				break;
			e->sections = grown;
			e->sections[e->n_sections++] = (struct elfinfo_section){
				.name = strdup(name ? name : "?"),
				.size = sh.sh_size,
				.flags = sh.sh_flags,
				.type = sh.sh_type,
			};
			if (sh.sh_type == SHT_DYNAMIC)
				elfinfo_read_dynamic(elf, scn, &sh, e, &flag_pie);
		}
	}
	e->pie = e->type == ET_DYN && (flag_pie || e->interp);
	rc = 0;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return rc;
}

const char *elfinfo_type_name(unsigned type)
{
	switch (type) {
	case ET_REL: return "REL";
	case ET_EXEC: return "EXEC";
	case ET_DYN: return "DYN";
	case ET_CORE: return "CORE";
	default: return "NONE";
	}
}

const char *elfinfo_kind_label_en(const struct elfinfo *e)
{
	switch (e->type) {
	case ET_REL:
		return N_("relocatable object (REL)");
	case ET_EXEC:
		return e->interp ? N_("dynamic executable (EXEC)") : N_("static executable (EXEC)");
	case ET_DYN:
		if (e->interp)
			return N_("PIE executable (DYN)");
		return e->pie ? N_("static PIE (DYN)") : N_("shared object (DYN)");
	case ET_CORE:
		return N_("core dump (CORE)");
	default:
		return N_("unknown ELF type");
	}
}

const char *elfinfo_kind_label(const struct elfinfo *e)
{
	return _(elfinfo_kind_label_en(e));
}

void elfinfo_free(struct elfinfo *e)
{
	free(e->interp);
	for (size_t i = 0; i < e->n_needed; i++)
		free(e->needed[i]);
	free(e->needed);
	for (size_t i = 0; i < e->n_sections; i++)
		free(e->sections[i].name);
	free(e->sections);
	memset(e, 0, sizeof *e);
}

const char *elfinfo_section_flags(unsigned long long fl, enum elfinfo_flags_style style,
				  char *buf)
{
	static const struct {
		unsigned long long bit;
		char letter;
	} letters[] = {
		{ SHF_WRITE, 'W' }, { SHF_ALLOC, 'A' }, { SHF_EXECINSTR, 'X' }, { SHF_MERGE, 'M' },
		{ SHF_STRINGS, 'S' }, { SHF_INFO_LINK, 'I' }, { SHF_LINK_ORDER, 'L' },
		{ SHF_OS_NONCONFORMING, 'O' }, { SHF_GROUP, 'G' }, { SHF_TLS, 'T' },
		{ SHF_COMPRESSED, 'C' }, { 0x00200000 /* SHF_GNU_RETAIN */, 'R' },
		{ 0x01000000 /* SHF_GNU_MBIND */, 'D' },
		{ 0x10000000 /* SHF_X86_64_LARGE */, 'l' }, { SHF_EXCLUDE, 'E' },
	};
	char *p = buf;
	if (style == ELFINFO_FLAGS_AWX) {
		if (fl & SHF_ALLOC)
			*p++ = 'A';
		if (fl & SHF_WRITE)
			*p++ = 'W';
		if (fl & SHF_EXECINSTR)
			*p++ = 'X';
		*p = '\0';
		return buf;
	}
	for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
		if (fl & letters[i].bit) {
			*p++ = letters[i].letter;
			fl &= ~letters[i].bit;
		}
	if (fl & SHF_MASKOS)
		*p++ = 'o';
	if (fl & SHF_MASKPROC)
		*p++ = 'p';
	if (fl & ~(unsigned long long)(SHF_MASKOS | SHF_MASKPROC))
		*p++ = 'x';
	*p = '\0';
	return buf;
}
