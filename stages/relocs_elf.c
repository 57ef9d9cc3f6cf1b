/* relocs_elf: section headers and bytes of an ELF file for relocs. See relocs_elf.h. */
#include "config.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/relocs_elf.h"

int relocs_elf_open(const char *path, struct relocs_elf *f)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -1;
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return -1;
	Elf *e = elf_begin(f->fd, ELF_C_READ, NULL);
	f->elf = e;
	GElf_Ehdr eh;
	size_t n, shstr;
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh) ||
	    elf_getshdrnum(e, &n) != 0 || elf_getshdrstrndx(e, &shstr) != 0 || n > 1000000) {
		relocs_elf_close(f);
		return -1;
	}
	f->machine = eh.e_machine;
	f->type = eh.e_type;
	size_t nph = 0;
	if (elf_getphdrnum(e, &nph) == 0)
		for (size_t i = 0; i < nph && !f->has_tls; i++) {
			GElf_Phdr ph;
			if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_TLS) {
				f->has_tls = 1;
				f->tls_addr = ph.p_vaddr;
				f->tls_memsz = ph.p_memsz;
				f->tls_align = ph.p_align;
			}
		}
	f->secs = calloc(n ? n : 1, sizeof *f->secs);
	if (!f->secs) {
		relocs_elf_close(f);
		return -1;
	}
	f->n_secs = n;
	for (size_t i = 0; i < n; i++) {
		Elf_Scn *s = elf_getscn(e, i);
		GElf_Shdr sh;
		if (!s || !gelf_getshdr(s, &sh))
			continue;
		const char *name = elf_strptr(e, shstr, sh.sh_name);
		struct relocs_sec *r = &f->secs[i];
		r->name = strdup(name ? name : "");
		r->addr = sh.sh_addr;
		r->off = sh.sh_offset;
		r->size = sh.sh_size;
		r->flags = sh.sh_flags;
		r->entsize = sh.sh_entsize;
		r->type = sh.sh_type;
		if (!r->name) {
			relocs_elf_close(f);
			return -1;
		}
	}
	return 0;
}

void relocs_elf_close(struct relocs_elf *f)
{
	for (size_t i = 0; i < f->n_secs; i++)
		free(f->secs[i].name);
	free(f->secs);
	if (f->elf)
		elf_end(f->elf);
	if (f->fd >= 0)
		close(f->fd);
	memset(f, 0, sizeof *f);
	f->fd = -1;
}

const struct relocs_sec *relocs_elf_sec(const struct relocs_elf *f, const char *name)
{
	for (size_t i = 1; i < f->n_secs; i++)
		if (f->secs[i].name && strcmp(f->secs[i].name, name) == 0)
			return &f->secs[i];
	return NULL;
}

const struct relocs_sec *relocs_elf_at(const struct relocs_elf *f, unsigned long long a)
{
	for (size_t i = 1; i < f->n_secs; i++) {
		const struct relocs_sec *s = &f->secs[i];
		if ((s->flags & SHF_ALLOC) && !(s->flags & SHF_TLS) && s->size &&
		    a >= s->addr && a - s->addr < s->size)
			return s;
	}
	return NULL;
}

size_t relocs_elf_read(const struct relocs_elf *f, const struct relocs_sec *sec,
		       unsigned long long off, void *buf, size_t n)
{
	if (!sec || sec->type == SHT_NOBITS || off >= sec->size)
		return 0;
	if (n > sec->size - off)
		n = (size_t)(sec->size - off);
	ssize_t got = pread(f->fd, buf, n, (off_t)(sec->off + off));
	return got > 0 ? (size_t)got : 0;
}

size_t relocs_elf_read_at(const struct relocs_elf *f, unsigned long long a, void *buf,
			  size_t n)
{
	const struct relocs_sec *s = relocs_elf_at(f, a);
	return s ? relocs_elf_read(f, s, a - s->addr, buf, n) : 0;
}
