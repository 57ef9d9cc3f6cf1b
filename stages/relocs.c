/* relocs: the object's relocations filled in by the linker, in each program. See relocs.h.
 * The sentences are in relocs_say.c; the walk's entry points in relocs_walk.c. */
#include "config.h"

#include <elf.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/dwvars.h"
#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/proc.h"
#include "stages/relocs.h"
#include "stages/relocs_elf.h"
#include "stages/symbols.h"
#include "stages/xfmt.h"

#define RELOCS_MAX_MAP (256u << 20)

/* One instruction of objdump -dw's listing of the object. */
struct relocs_insn {
	char *sec;
	unsigned long long start;
	unsigned len;
	unsigned char b[RELOCS_MAX_INSN];
	char *text;
};

struct relocs_insns {
	struct relocs_insn *v;
	size_t n, cap;
};

/* One input section of a link map: " .text 0x401655 0x3d hello.o". */
struct relocs_piece {
	char *sec, *file;
	unsigned long long addr, size;
};

struct relocs_map {
	struct relocs_piece *v;
	size_t n, cap;
};

static int relocs_hex(const char **p, unsigned long long *v)
{
	char *end;
	*v = strtoull(*p, &end, 16);
	if (end == *p)
		return 0;
	*p = end;
	return 1;
}

static int relocs_xdigit(int c)
{
	return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* objdump -dw: "Disassembly of section X:", then "   7:\te8 00 00 00 00 \tcall ..." */
static int relocs_parse_objdump(const char *text, struct relocs_insns *in)
{
	const char *sec = NULL;
	size_t sec_len = 0;
	for (const char *l = text; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		static const char head[] = "Disassembly of section ";
		if (len > sizeof head && strncmp(l, head, sizeof head - 1) == 0 && l[len - 1] == ':') {
			sec = l + sizeof head - 1;
			sec_len = len - (sizeof head - 1) - 1;
		} else if (sec && len > 2 && l[0] == ' ') {
			const char *p = l;
			while (*p == ' ')
				p++;
			unsigned long long off;
			if (relocs_hex(&p, &off) && *p == ':' && p[1] == '\t') {
				p += 2;
				struct relocs_insn ins = { .start = off };
				while (p < l + len && relocs_xdigit(p[0]) >= 0 &&
				       relocs_xdigit(p[1]) >= 0 && (p[2] == ' ' || p[2] == '\t')) {
					if (ins.len < RELOCS_MAX_INSN)
						ins.b[ins.len] = (unsigned char)(relocs_xdigit(p[0]) * 16 +
										 relocs_xdigit(p[1]));
					ins.len++;
					p += 3;
					if (p[-1] == '\t')
						break;
				}
				while (p < l + len && (*p == ' ' || *p == '\t'))
					p++;
				if (ins.len && ins.len <= RELOCS_MAX_INSN) {
					if (in->n == in->cap) {
						size_t c = in->cap ? in->cap * 2 : 64;
						struct relocs_insn *v = realloc(in->v, c * sizeof *v);
						if (!v)
							return -1;
						in->v = v;
						in->cap = c;
					}
					ins.sec = strndup(sec, sec_len);
					ins.text = strndup(p, (size_t)(l + len - p));
					if (!ins.sec || !ins.text) {
						free(ins.sec);
						free(ins.text);
						return -1;
					}
					in->v[in->n++] = ins;
				}
			}
		}
		l = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void relocs_insns_free(struct relocs_insns *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->v[i].sec);
		free(in->v[i].text);
	}
	free(in->v);
}

static const struct relocs_insn *relocs_insn_at(const struct relocs_insns *in, const char *sec,
						unsigned long long off)
{
	for (size_t i = 0; i < in->n; i++)
		if (off >= in->v[i].start && off - in->v[i].start < in->v[i].len &&
		    strcmp(in->v[i].sec, sec) == 0)
			return &in->v[i];
	return NULL;
}

/* A link map's input sections: " NAME 0xADDR 0xSIZE FILE", or NAME alone on its line and the
 * numbers and file on the next. */
static int relocs_parse_map(const char *text, struct relocs_map *m)
{
	const char *prev = NULL;
	size_t prev_len = 0;
	for (const char *l = text; l && *l;) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		const char *name = NULL;
		size_t name_len = 0;
		const char *p = NULL;
		if (len > 2 && l[0] == ' ' && l[1] == '.') {
			name = l + 1;
			name_len = strcspn(name, " \t\r\n");
			p = name + name_len;
			if ((size_t)(p - l) >= len) {
				prev = name;
				prev_len = name_len;
				p = NULL;
			}
		} else if (prev && len > 2 && l[0] == ' ') {
			name = prev;
			name_len = prev_len;
			p = l;
		}
		if (p) {
			while (*p == ' ')
				p++;
			unsigned long long addr, size;
			if (strncmp(p, "0x", 2) == 0 && relocs_hex(&p, &addr)) {
				while (*p == ' ')
					p++;
				if (strncmp(p, "0x", 2) == 0 && relocs_hex(&p, &size)) {
					while (*p == ' ')
						p++;
					size_t fl = (size_t)(l + len - p);
					while (fl && (p[fl - 1] == '\r' || p[fl - 1] == ' '))
						fl--;
					if (fl && size) {
						if (m->n == m->cap) {
							size_t c = m->cap ? m->cap * 2 : 256;
							struct relocs_piece *v = realloc(m->v, c * sizeof *v);
							if (!v)
								return -1;
							m->v = v;
							m->cap = c;
						}
						struct relocs_piece *pc = &m->v[m->n];
						pc->sec = strndup(name, name_len);
						pc->file = strndup(p, fl);
						pc->addr = addr;
						pc->size = size;
						if (!pc->sec || !pc->file) {
							free(pc->sec);
							free(pc->file);
							return -1;
						}
						m->n++;
					}
				}
			}
			prev = NULL;
		}
		l = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void relocs_map_free(struct relocs_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].sec);
		free(m->v[i].file);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* The map's input section holding address a (the smallest), or NULL. */
static const struct relocs_piece *relocs_map_at(const struct relocs_map *m,
						unsigned long long a)
{
	const struct relocs_piece *best = NULL;
	for (size_t i = 0; i < m->n; i++)
		if (a >= m->v[i].addr && a - m->v[i].addr < m->v[i].size &&
		    (!best || m->v[i].size < best->size))
			best = &m->v[i];
	return best;
}

static int relocs_pc_type(unsigned t)
{
	return t == R_X86_64_PC32 || t == R_X86_64_PLT32 || t == R_X86_64_GOTPCREL ||
	       t == R_X86_64_GOTPCRELX || t == R_X86_64_REX_GOTPCRELX || t == R_X86_64_PC64;
}

static int relocs_got_type(unsigned t)
{
	return t == R_X86_64_GOTPCREL || t == R_X86_64_GOTPCRELX || t == R_X86_64_REX_GOTPCRELX;
}

/* The bytes the relocation's field takes: 0 for a type not filled in here. */
static unsigned relocs_width(unsigned t)
{
	switch (t) {
	case R_X86_64_64:
	case R_X86_64_PC64:
		return 8;
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_TPOFF32:
		return 4;
	default:
		return 0;
	}
}

static long long relocs_cut(long long v, unsigned width, int sign)
{
	if (width == 8)
		return v;
	return sign ? (long long)(int32_t)(uint32_t)v : (long long)(uint32_t)v;
}

static long long relocs_le(const unsigned char *b, unsigned width, int sign)
{
	unsigned long long v = 0;
	for (unsigned i = 0; i < width; i++)
		v |= (unsigned long long)b[i] << (8 * i);
	return relocs_cut((long long)v, width, sign);
}

/* The name before "@VERSION". */
static int relocs_name_eq(const char *prog, const char *obj)
{
	size_t n = strlen(obj);
	return strncmp(prog, obj, n) == 0 && (prog[n] == '\0' || prog[n] == '@');
}

/* A defined symbol of the program called name: global or weak first. */
static const struct symbols_sym *relocs_prog_sym(const struct symbols *s, const char *name)
{
	const struct symbols_sym *local = NULL;
	for (size_t i = 1; i < s->n_syms; i++) {
		const struct symbols_sym *y = &s->syms[i];
		if (y->shndx == SHN_UNDEF || y->type == STT_SECTION || y->type == STT_FILE ||
		    !relocs_name_eq(y->name, name))
			continue;
		if (y->bind != STB_LOCAL)
			return y;
		if (!local)
			local = y;
	}
	return local;
}

/* The program's named function or object at address a, or NULL. */
static const char *relocs_sym_at(const struct symbols *s, unsigned long long a)
{
	const char *any = NULL;
	for (size_t i = 1; i < s->n_syms; i++) {
		const struct symbols_sym *y = &s->syms[i];
		if (y->value != a || !y->name[0] || y->shndx == SHN_UNDEF ||
		    y->type == STT_SECTION || y->type == STT_FILE)
			continue;
		if (y->type == STT_FUNC || y->type == STT_GNU_IFUNC || y->type == STT_OBJECT)
			return y->name;
		if (!any)
			any = y->name;
	}
	return any;
}

/* The program's dynamic relocation at offset a, with its index among those of its section. */
static const struct symbols_reloc *relocs_dyn_at(const struct symbols *s, unsigned long long a,
						 long *index)
{
	for (size_t i = 0; i < s->n_relocs; i++)
		if (s->relocs[i].offset == a) {
			long k = 0;
			for (size_t j = 0; j < i; j++)
				k += strcmp(s->relocs[j].rel_section, s->relocs[i].rel_section) == 0;
			if (index)
				*index = k;
			return &s->relocs[i];
		}
	return NULL;
}

/* The object's section bytes equal the program's at base, but for the relocations' fields. */
static int relocs_section_matches(const struct relocs_elf *of, const struct relocs_sec *os,
				  const struct symbols *osyms, const struct relocs_elf *pf,
				  unsigned long long base)
{
	size_t n = os->size > 256 ? 256 : (size_t)os->size;
	unsigned char a[256], b[256];
	if (!n || relocs_elf_read(of, os, 0, a, n) != n || relocs_elf_read_at(pf, base, b, n) != n)
		return 0;
	for (size_t i = 0; i < osyms->n_relocs; i++) {
		const struct symbols_reloc *r = &osyms->relocs[i];
		unsigned w = relocs_width(r->type);
		if (strcmp(r->section, os->name) != 0)
			continue;
		/* a GOT load ld relaxed changes its opcode too: 8b to 8d, ff 15 to 67 e8 */
		unsigned before = relocs_got_type(r->type) && r->offset >= 2 ? 2 : 0;
		for (unsigned k = 0; k < (w ? w : 8) + before; k++)
			if (r->offset + k - before < n)
				a[r->offset + k - before] = b[r->offset + k - before] = 0;
	}
	return memcmp(a, b, n) == 0;
}

/* Where the object's section os landed in the program: from a symbol of the section found in
 * the program's table, checked against the bytes; else from the map by the object's name. */
static int relocs_base(const struct relocs_elf *of, const struct relocs_sec *os,
		       const struct symbols *osyms, const struct relocs_elf *pf,
		       const struct symbols *psyms, const struct relocs_map *map,
		       const char *obj, unsigned long long *base, char **map_input)
{
	int found = 0;
	for (size_t i = 1; i < osyms->n_syms && !found; i++) {
		const struct symbols_sym *y = &osyms->syms[i];
		if (strcmp(y->section, os->name) != 0 || !y->name[0] || y->type == STT_SECTION ||
		    y->type == STT_FILE)
			continue;
		for (size_t k = 1; k < psyms->n_syms && !found; k++) {
			const struct symbols_sym *z = &psyms->syms[k];
			if (z->shndx == SHN_UNDEF || strcmp(z->name, y->name) != 0 ||
			    z->type != y->type || z->value < y->value)
				continue;
			if (relocs_section_matches(of, os, osyms, pf, z->value - y->value)) {
				*base = z->value - y->value;
				found = 1;
			}
		}
	}
	const char *slash = strrchr(obj, '/');
	const char *bn = slash ? slash + 1 : obj;
	for (size_t i = 0; i < map->n; i++) {
		const struct relocs_piece *pc = &map->v[i];
		if (strcmp(pc->sec, os->name) != 0 || pc->size != os->size)
			continue;
		const char *ps = strrchr(pc->file, '/');
		int named = strcmp(ps ? ps + 1 : pc->file, bn) == 0;
		if (found ? pc->addr == *base : named &&
		    relocs_section_matches(of, os, osyms, pf, pc->addr)) {
			*base = pc->addr;
			found = 1;
			*map_input = strdup(pc->file);
			break;
		}
	}
	return found;
}

/* The GOT slot an IPLT or PLT entry at a jumps through: ff 25 disp32 within its bytes. */
static int relocs_plt_slot(const struct relocs_elf *pf, unsigned long long a,
			   unsigned long long *slot)
{
	unsigned char b[16];
	size_t n = relocs_elf_read_at(pf, a, b, sizeof b);
	for (size_t k = 0; k + 6 <= n; k++)
		if (b[k] == 0xff && b[k + 1] == 0x25) {
			*slot = a + k + 6 + (unsigned long long)relocs_le(b + k + 2, 4, 1);
			return 1;
		}
	return 0;
}

/* Where a call that reached a PLT-like section goes. */
static void relocs_fill_plt(struct relocs_fill *f, const struct relocs_elf *pf,
			    const struct symbols *psyms, unsigned long long reached)
{
	const struct relocs_sec *sec = relocs_elf_at(pf, reached);
	unsigned long long slot;
	long idx = -1;
	const struct symbols_reloc *dr = relocs_plt_slot(pf, reached, &slot) ?
					 relocs_dyn_at(psyms, slot, &idx) : NULL;
	f->target = reached;
	f->via = RELOCS_VIA_PLT;
	f->plt_index = -1;
	if (!dr)
		return;
	f->slot = slot;
	f->slot_type = dr->type;
	unsigned char b[8];
	if (relocs_elf_read_at(pf, slot, b, 8) == 8)
		f->slot_value = (unsigned long long)relocs_le(b, 8, 0);
	if (dr->type == R_X86_64_IRELATIVE) {
		f->via = RELOCS_VIA_IPLT;
		f->slot_addend = dr->addend;
		const char *r = relocs_sym_at(psyms, (unsigned long long)dr->addend);
		f->resolver = r ? strdup(r) : NULL;
		return;
	}
	if (dr->type == R_X86_64_JUMP_SLOT && strcmp(dr->rel_section, ".rela.plt") == 0) {
		const struct relocs_sec *ps = relocs_elf_sec(pf, ".plt.sec");
		const struct relocs_sec *pl = relocs_elf_sec(pf, ".plt");
		f->plt_index = idx;
		if (ps) {
			f->plt_sec = ps->addr;
			f->plt_is_sec = 1;
			f->plt_entsize = ps->entsize ? ps->entsize : 16;
			f->target = ps->addr + (unsigned long long)idx * f->plt_entsize;
		} else if (pl) {
			unsigned long long es = pl->entsize ? pl->entsize : 16;
			f->plt_entsize = es;
			f->plt_sec = pl->addr;
			f->target = pl->addr + (unsigned long long)(idx + 1) * es;
		}
	}
	(void)sec;
}

/* The pointed-to string of the object, when the target section holds strings. */
static char *relocs_obj_string(const struct relocs_elf *of, const char *sec,
			       unsigned long long off)
{
	const struct relocs_sec *s = relocs_elf_sec(of, sec);
	char b[81];
	size_t n = s && (s->flags & SHF_ALLOC) && !(s->flags & (SHF_EXECINSTR | SHF_WRITE)) ?
		   relocs_elf_read(of, s, off, b, sizeof b - 1) : 0;
	b[n] = '\0';
	if (!n || strlen(b) == n)
		return NULL;
	char e[170], *q = e;
	for (const char *p = b; *p; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
			return NULL;
		if (*p == '\n' || *p == '\t' || *p == '"' || *p == '\\') {
			*q++ = '\\';
			*q++ = *p == '\n' ? 'n' : *p == '\t' ? 't' : *p;
		} else {
			*q++ = *p;
		}
	}
	*q = '\0';
	return strdup(e);
}

/* One relocation in one program. */
static void relocs_fill_one(struct relocs_reloc *r, struct relocs_fill *f,
			    const struct relocs_elf *of, const struct symbols *osyms,
			    const struct relocs_elf *pf, const struct symbols *psyms,
			    const struct relocs_map *map, unsigned long long base,
			    const char *map_input)
{
	unsigned w = relocs_width(r->type);
	int pc = relocs_pc_type(r->type);
	f->landed = 1;
	f->base = base;
	f->map_input = map_input ? strdup(map_input) : NULL;
	f->place = base + r->offset;
	f->plt_index = -1;
	unsigned char field[8];
	if (!w || relocs_elf_read_at(pf, f->place, field, w) != w)
		return;
	f->found = 1;
	if (r->insn_start >= 0) {
		f->insn_addr = base + (unsigned long long)r->insn_start;
		f->n_bytes = (unsigned)relocs_elf_read_at(pf, f->insn_addr, f->bytes, r->insn_len);
	}
	f->stored = relocs_le(field, w, r->type != R_X86_64_32);
	long idx;
	const struct symbols_reloc *at_p = relocs_dyn_at(psyms, f->place, &idx);
	if (!pc && at_p && at_p->type == R_X86_64_RELATIVE) {
		/* the file holds what ld wrote; the loader adds the load bias to the addend */
		f->slot_type = R_X86_64_RELATIVE;
		f->stored = at_p->addend;
	}
	unsigned long long reached = pc ? (unsigned long long)f->stored + f->place - (unsigned long long)r->addend
					: (unsigned long long)(f->stored - r->addend);
	const struct relocs_sec *rs = relocs_elf_at(pf, reached);
	const struct symbols_sym *osym = NULL;
	for (size_t i = 0; i < osyms->n_relocs; i++)
		if (osyms->relocs[i].offset == r->offset &&
		    strcmp(osyms->relocs[i].section, r->section) == 0 &&
		    osyms->relocs[i].sym < osyms->n_syms)
			osym = &osyms->syms[osyms->relocs[i].sym];
	const struct symbols_sym *ps = osym && osym->name[0] && osym->type != STT_SECTION ?
				       relocs_prog_sym(psyms, osym->name) : NULL;
	if (r->type == R_X86_64_TPOFF32) {
		/* x86-64's TLS variant II: the block ends at the thread pointer */
		if (!pf->has_tls || !ps) {
			f->found = 0;
			return;
		}
		unsigned long long al = pf->tls_align ? pf->tls_align : 1;
		f->via = RELOCS_VIA_TPOFF;
		f->target = ps->value;
		f->tls_end = (pf->tls_memsz + al - 1) / al * al;
		f->computed = relocs_cut((long long)(f->target + (unsigned long long)r->addend -
						     f->tls_end), w, 1);
		f->checked = f->computed == f->stored;
		f->target_name = strdup(osym->name);
		return;
	}
	int rewritten = 0;
	if (r->insn_start >= 0 && f->n_bytes == r->insn_len) {
		unsigned fo = (unsigned)(r->offset - (unsigned long long)r->insn_start);
		for (unsigned i = 0; i < r->insn_len; i++)
			rewritten |= (i < fo || i >= fo + w) && f->bytes[i] != r->insn[i];
	}
	if (relocs_got_type(r->type) && rewritten) {
		f->relaxed = 1;
		f->via = RELOCS_VIA_RELAXED;
		f->target = ps ? ps->value : reached;
	} else if (relocs_got_type(r->type)) {
		f->via = RELOCS_VIA_GOT;
		f->target = reached;
		f->slot = reached;
		const struct symbols_reloc *dr = relocs_dyn_at(psyms, reached, NULL);
		f->slot_type = dr ? dr->type : 0;
		unsigned char b[8];
		if (relocs_elf_read_at(pf, reached, b, 8) == 8)
			f->slot_value = (unsigned long long)relocs_le(b, 8, 0);
	} else if (pc && rs && (strcmp(rs->name, ".plt") == 0 || strcmp(rs->name, ".plt.sec") == 0 ||
				strcmp(rs->name, ".iplt") == 0 || strcmp(rs->name, ".plt.got") == 0)) {
		relocs_fill_plt(f, pf, psyms, reached);
	} else {
		f->via = pc ? RELOCS_VIA_DIRECT : RELOCS_VIA_ABS;
		f->target = ps ? ps->value : reached;
		const struct symbols_reloc *dr = ps ? relocs_dyn_at(psyms, ps->value, NULL) : NULL;
		if (dr && dr->type == R_X86_64_COPY) {
			f->via = RELOCS_VIA_COPY;
			f->slot = ps->value;
			f->slot_type = R_X86_64_COPY;
		}
	}
	if (f->relaxed && r->insn_start >= 0 && r->offset >= 2 + (unsigned long long)r->insn_start) {
		/* in a program that is not position-independent ld may load the address itself
		   as an immediate: mov 8b became mov c7 /0 (or an ALU op 81), the field holds S */
		unsigned fo = (unsigned)(r->offset - (unsigned long long)r->insn_start);
		unsigned char op = f->bytes[fo - 2], modrm = f->bytes[fo - 1];
		f->relaxed_abs = (op == 0xc7 || op == 0x81) && (modrm & 0xc0) == 0xc0;
	}
	if (f->relaxed_abs)
		f->computed = relocs_cut((long long)f->target, w, 1);
	else if (f->via == RELOCS_VIA_GOT)
		f->computed = relocs_cut((long long)(f->target + (unsigned long long)r->addend - f->place), w, 1);
	else
		f->computed = relocs_cut(pc ? (long long)(f->target + (unsigned long long)r->addend - f->place)
					    : (long long)(f->target + (unsigned long long)r->addend),
					 w, r->type != R_X86_64_32);
	f->checked = f->computed == f->stored;
	const char *tn = ps && ps->value == f->target ? osym->name : relocs_sym_at(psyms, f->target);
	f->target_name = tn ? strdup(tn) : NULL;
	const struct relocs_piece *pcs = relocs_map_at(map, f->via == RELOCS_VIA_IPLT ?
						       (unsigned long long)f->slot_addend : f->target);
	f->member = pcs ? strdup(pcs->file) : NULL;
	/* a string or other bytes of the object's own sections: compare them */
	if (osym && (osym->type == STT_SECTION || !ps) && osym->shndx != SHN_UNDEF &&
	    (pc ? r->insn_start >= 0 : 1) && !f->relaxed) {
		const struct relocs_sec *os = relocs_elf_sec(of, osym->section);
		unsigned long long ooff = osym->value + (unsigned long long)r->addend, paddr;
		if (pc) {
			unsigned long long end = (unsigned long long)r->insn_start + r->insn_len;
			ooff += end - r->offset;
			paddr = f->insn_addr + r->insn_len + (unsigned long long)f->stored;
		} else {
			paddr = (unsigned long long)f->stored;
		}
		f->pointed = paddr;
		f->merged = os && (os->flags & SHF_MERGE);
		unsigned char a[32], b[32];
		size_t n = os ? relocs_elf_read(of, os, ooff, a, sizeof a) : 0;
		f->same_bytes = n && relocs_elf_read_at(pf, paddr, b, n) == n && memcmp(a, b, n) == 0;
		if (n && !f->same_bytes && os && (os->flags & SHF_STRINGS)) {
			size_t sl = strnlen((const char *)a, n);
			f->same_bytes = sl < n && relocs_elf_read_at(pf, paddr, b, sl + 1) == sl + 1 &&
					memcmp(a, b, sl + 1) == 0;
		}
	}
}

/* objdump's text of an instruction without its "# ..." comment, blanks collapsed:
 * "lea 0x0(%rip),%rsi". */
static char *relocs_insn_words(const char *t)
{
	char *s = strdup(t);
	if (!s)
		return NULL;
	char *h = strstr(s, " #");
	if (h)
		*h = '\0';
	char *q = s;
	for (const char *p = s; *p; p++)
		if (!((*p == ' ' || *p == '\t') && (q == s || q[-1] == ' ' || p[1] == '\0' ||
						      p[1] == ' ' || p[1] == '\t')))
			*q++ = *p == '\t' ? ' ' : *p;
	*q = '\0';
	while (q > s && q[-1] == ' ')
		*--q = '\0';
	return s;
}

/* Calls first, then the other relocations in code, each by offset. */
static int relocs_order(const void *a, const void *b)
{
	const struct relocs_reloc *x = a, *y = b;
	if (x->is_call != y->is_call)
		return y->is_call - x->is_call;
	int s = strcmp(x->section, y->section);
	if (s)
		return s;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int relocs_no_debuginfo(Dwfl_Module *m, void **ud, const char *name, Dwarf_Addr base,
			       const char *file, const char *debuglink, GElf_Word crc,
			       char **debuginfo_file_name)
{
	(void)m;
	(void)ud;
	(void)name;
	(void)base;
	(void)file;
	(void)debuglink;
	(void)crc;
	*debuginfo_file_name = NULL;
	return -1;
}

static const Dwfl_Callbacks relocs_callbacks = {
	.find_debuginfo = relocs_no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/* Tie each relocation's instruction to the -g object: same bytes, its line, its .s lines. */
static void relocs_lines(struct relocs *r, const struct relocs_in *in)
{
	struct relocs_elf gf;
	if (!in->gobj || relocs_elf_open(in->gobj, &gf) != 0)
		return;
	Dwfl *dwfl = dwfl_begin(&relocs_callbacks);
	Dwfl_Module *mod = dwfl ? dwfl_report_offline(dwfl, "object", in->gobj, -1) : NULL;
	if (dwfl)
		dwfl_report_end(dwfl, NULL, NULL);
	Dwarf_Addr bias = 0;
	Elf *e = mod ? dwfl_module_getelf(mod, &bias) : NULL;
	if (mod)
		(void)dwfl_module_getdwarf(mod, &bias);
	size_t shstr = 0;
	if (e && elf_getshdrstrndx(e, &shstr) != 0)
		e = NULL;
	for (size_t i = 0; i < r->n_relocs; i++) {
		struct relocs_reloc *x = &r->relocs[i];
		if (x->insn_start < 0)
			continue;
		const struct relocs_sec *gs = relocs_elf_sec(&gf, x->section);
		unsigned char b[RELOCS_MAX_INSN];
		x->g_read = 1;
		x->g_same = gs && relocs_elf_read(&gf, gs, (unsigned long long)x->insn_start, b,
						  x->insn_len) == x->insn_len &&
			    memcmp(b, x->insn, x->insn_len) == 0;
		if (!x->g_same || !e)
			continue;
		GElf_Addr sa = 0;
		int have = 0;
		for (Elf_Scn *s = NULL; !have && (s = elf_nextscn(e, s)) != NULL;) {
			GElf_Shdr sh;
			const char *n;
			if (gelf_getshdr(s, &sh) && (n = elf_strptr(e, shstr, sh.sh_name)) &&
			    strcmp(n, x->section) == 0) {
				sa = sh.sh_addr;
				have = 1;
			}
		}
		if (!have)
			continue;
		Dwarf_Addr addr = sa + (Dwarf_Addr)x->insn_start;
		Dwfl_Line *ln = dwfl_module_getsrc(mod, addr + bias);
		int lineno = 0;
		const char *file = ln ? dwfl_lineinfo(ln, NULL, &lineno, NULL, NULL, NULL) : NULL;
		if (file && lineno > 0) {
			x->file = strdup(file);
			x->line = (unsigned)lineno;
		}
		const struct dwvars *d = in->dwv;
		for (size_t k = 1; d && d->lines && k <= d->n_lines && !x->gs_line; k++)
			if (d->lines[k].addr == (long long)addr)
				x->gs_line = (unsigned)k;
		for (size_t k = 1; in->asm_pair && x->gs_line && k <= in->n_asm_lines && !x->s_line; k++)
			if (in->asm_pair[k] == x->gs_line)
				x->s_line = (unsigned)k;
	}
	if (dwfl)
		dwfl_end(dwfl);
	relocs_elf_close(&gf);
}

static int relocs_fail(struct relocs *r, const char *msg)
{
	char e[sizeof r->error];
	snprintf(e, sizeof e, "%s", msg);
	relocs_free(r);
	snprintf(r->error, sizeof r->error, "%s", e);
	return -1;
}

/* The object's relocations, each tied to its instruction. */
static int relocs_object(struct relocs *r, const struct relocs_in *in, const struct relocs_elf *of,
			 const struct symbols *osyms, const struct relocs_insns *ins)
{
	for (size_t i = 0; i < osyms->n_relocs; i++) {
		const struct symbols_reloc *s = &osyms->relocs[i];
		const struct relocs_sec *sec = relocs_elf_sec(of, s->section);
		int code = sec && (sec->flags & SHF_EXECINSTR);
		int data64 = sec && (sec->flags & SHF_ALLOC) && !code && s->type == R_X86_64_64 &&
			     strcmp(s->section, ".eh_frame") != 0;
		if (!code && !data64) {
			size_t k = 0;
			while (k < r->n_others && strcmp(r->others[k].section, s->section) != 0)
				k++;
			if (k == r->n_others) {
				struct relocs_other *o = realloc(r->others, (k + 1) * sizeof *o);
				if (!o)
					return -1;
				r->others = o;
				o[k] = (struct relocs_other){ .section = strdup(s->section) };
				r->n_others++;
				if (!o[k].section)
					return -1;
			}
			r->others[k].n++;
			continue;
		}
		struct relocs_reloc *x = realloc(r->relocs, (r->n_relocs + 1) * sizeof *x);
		if (!x)
			return -1;
		r->relocs = x;
		x = &x[r->n_relocs++];
		memset(x, 0, sizeof *x);
		x->section = strdup(s->section);
		x->offset = s->offset;
		x->type = s->type;
		x->symbol = strdup(s->symbol);
		x->addend = s->addend;
		x->code = code;
		x->insn_start = -1;
		const struct symbols_sym *y = s->sym < osyms->n_syms ? &osyms->syms[s->sym] : NULL;
		x->sym_section = y && y->type == STT_SECTION;
		x->sym_in = strdup(y ? y->section : "");
		if (!x->section || !x->symbol || !x->sym_in)
			return -1;
		if (!code && y && y->shndx != SHN_UNDEF)
			x->string = relocs_obj_string(of, y->section,
						      y->value + (unsigned long long)s->addend);
		const struct relocs_insn *n = code ? relocs_insn_at(ins, s->section, s->offset) : NULL;
		if (n) {
			x->insn_start = (long long)n->start;
			x->insn_len = n->len;
			memcpy(x->insn, n->b, n->len);
			x->insn_text = relocs_insn_words(n->text);
			x->is_call = (n->b[0] == 0xe8 || n->b[0] == 0xe9) && s->offset == n->start + 1;
			if (y && y->shndx != SHN_UNDEF && relocs_pc_type(s->type))
				x->string = relocs_obj_string(of, y->section,
							      y->value + (unsigned long long)s->addend +
							      n->start + n->len - s->offset);
		}
	}
	(void)in;
	if (r->n_relocs > 1) /* none: r->relocs may be NULL, which qsort must not get */
		qsort(r->relocs, r->n_relocs, sizeof *r->relocs, relocs_order);
	return 0;
}

/* Each relocation filled in, in program k. */
static void relocs_program(struct relocs *r, size_t k, const struct relocs_prog_in *p,
			   const struct relocs_in *in, const struct relocs_elf *of,
			   const struct symbols *osyms)
{
	struct relocs_elf pf;
	struct symbols psyms;
	struct relocs_map map = { 0 };
	if (relocs_elf_open(p->path, &pf) != 0) {
		/* TRANSLATORS: %s is a linked program */
		r->prog_error[k] = xfmt(_("%s cannot be read as an ELF file."), p->path);
		r->prog_error_en[k] = xfmt("%s cannot be read as an ELF file.", p->path);
		return;
	}
	if (symbols_read(p->path, SYMBOLS_STATIC, &psyms) != 0) {
		r->prog_error[k] = strdup(psyms.error);
		r->prog_error_en[k] = xfmt("%s cannot be read as an ELF file.", p->path);
		relocs_elf_close(&pf);
		return;
	}
	if (p->map) {
		size_t len = 0;
		char *text = files_slurp(p->map, RELOCS_MAX_MAP, &len, NULL);
		if (text)
			relocs_parse_map(text, &map);
		free(text);
	}
	for (size_t i = 0; i < r->n_relocs; i++) {
		struct relocs_reloc *x = &r->relocs[i];
		const struct relocs_sec *os = relocs_elf_sec(of, x->section);
		unsigned long long base = 0;
		char *mi = NULL;
		/* the base is the same for each relocation of one section: found again, cheaply */
		if (os && relocs_base(of, os, osyms, &pf, &psyms, &map, in->obj, &base, &mi))
			relocs_fill_one(x, &x->fill[k], of, osyms, &pf, &psyms, &map, base, mi);
		free(mi);
	}
	/* the program's relocations, by type, and those that serve the object's */
	struct { unsigned type; size_t n; } by[16];
	size_t n_by = 0;
	for (size_t i = 0; i < psyms.n_relocs; i++) {
		const struct symbols_reloc *d = &psyms.relocs[i];
		r->prog_relocs[k]++;
		int ours = 0;
		for (size_t j = 0; j < r->n_relocs && !ours; j++) {
			const struct relocs_fill *f = &r->relocs[j].fill[k];
			ours = f->found && f->slot_type == d->type &&
			       (d->offset == f->slot || d->offset == f->place);
		}
		r->prog_relocs_ours[k] += (size_t)ours;
		size_t b = 0;
		while (b < n_by && by[b].type != d->type)
			b++;
		if (b == n_by && n_by < sizeof by / sizeof by[0])
			by[n_by++] = (__typeof__(by[0])){ d->type, 0 };
		if (b < n_by)
			by[b].n++;
	}
	char list[600] = "";
	size_t used = 0;
	for (size_t b = 0; b < n_by && used < sizeof list; b++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%zu \u00d7 %s",
					 b ? ", " : "", by[b].n,
					 symbols_reloc_type_name(psyms.machine, by[b].type));
	r->prog_list[k] = strdup(list);
	relocs_map_free(&map);
	symbols_free(&psyms);
	relocs_elf_close(&pf);
}

int relocs_read(const struct relocs_in *in, struct relocs *r)
{
	memset(r, 0, sizeof *r);
	struct relocs_elf of;
	struct symbols osyms;
	char msg[sizeof r->error];
	if (relocs_elf_open(in->obj, &of) != 0) {
		/* TRANSLATORS: %s is an object file */
		snprintf(msg, sizeof msg, _("%s is not an ELF object that libelf can read."),
			 in->obj);
		return relocs_fail(r, msg);
	}
	if (symbols_read(in->obj, SYMBOLS_STATIC, &osyms) != 0) {
		relocs_elf_close(&of);
		return relocs_fail(r, osyms.error);
	}
	r->supported = of.machine == EM_X86_64;
	r->obj = strdup(in->obj);
	r->n_progs = in->n_progs > RELOCS_MAX_PROGS ? RELOCS_MAX_PROGS : in->n_progs;
	char *argv[] = { (char *)(in->objdump ? in->objdump : "objdump"), "-dw", (char *)in->obj,
			 NULL };
	struct proc_opts po = { .cwd = in->dir, .timeout_ms = in->timeout_ms };
	struct proc_result pr;
	struct relocs_insns ins = { 0 };
	int rc = proc_run(argv, &po, &pr);
	if (rc != 0 || !pr.out || relocs_parse_objdump(pr.out, &ins) != 0) {
		/* TRANSLATORS: %1$s is the command ("objdump -dw"), %2$s how it ended */
		snprintf(msg, sizeof msg, _("%1$s did not list the instructions (%2$s)."),
			 "objdump -dw", proc_describe(&pr));
		proc_result_free(&pr);
		relocs_insns_free(&ins);
		symbols_free(&osyms);
		relocs_elf_close(&of);
		return relocs_fail(r, msg);
	}
	proc_result_free(&pr);
	int oom = !r->obj || relocs_object(r, in, &of, &osyms, &ins) != 0;
	relocs_insns_free(&ins);
	if (!oom && r->supported) {
		relocs_lines(r, in);
		for (size_t k = 0; k < r->n_progs; k++) {
			r->labels[k] = strdup(in->progs[k].label ? in->progs[k].label : "");
			relocs_program(r, k, &in->progs[k], in, &of, &osyms);
		}
	}
	symbols_free(&osyms);
	relocs_elf_close(&of);
	if (oom || relocs_say(r) != 0)
		return relocs_fail(r, _("out of memory"));
	return 0;
}

static void relocs_fill_free(struct relocs_fill *f)
{
	free(f->map_input);
	free(f->target_name);
	free(f->member);
	free(f->resolver);
	free(f->text);
	free(f->text_en);
}

void relocs_free(struct relocs *r)
{
	for (size_t i = 0; i < r->n_relocs; i++) {
		struct relocs_reloc *x = &r->relocs[i];
		free(x->section);
		free(x->symbol);
		free(x->sym_in);
		free(x->insn_text);
		free(x->file);
		free(x->string);
		free(x->text);
		free(x->text_en);
		for (size_t k = 0; k < RELOCS_MAX_PROGS; k++)
			relocs_fill_free(&x->fill[k]);
	}
	free(r->relocs);
	for (size_t i = 0; i < r->n_others; i++) {
		free(r->others[i].section);
		free(r->others[i].text);
		free(r->others[i].text_en);
	}
	free(r->others);
	for (size_t k = 0; k < RELOCS_MAX_PROGS; k++) {
		free(r->labels[k]);
		free(r->prog_error[k]);
		free(r->prog_error_en[k]);
		free(r->prog_list[k]);
		free(r->prog_summary[k]);
		free(r->prog_summary_en[k]);
	}
	free(r->obj);
	memset(r, 0, sizeof *r);
}
