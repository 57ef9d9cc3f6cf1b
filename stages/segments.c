/* segments: sections into segments, and the path from the entry point to main. See
 * segments.h. */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/i18n.h"
#include "stages/say.h"
#include "stages/segments.h"
#include "stages/symbols.h"
#include "stages/xfmt.h"

#ifndef PT_GNU_PROPERTY
#define PT_GNU_PROPERTY 0x6474e553
#endif
#ifndef PT_GNU_SFRAME
#define PT_GNU_SFRAME 0x6474e554
#endif
#ifndef PT_GNU_MBIND_LO
#define PT_GNU_MBIND_LO 0x6474e555
#define PT_GNU_MBIND_HI (PT_GNU_MBIND_LO + 0xfff)
#endif

#define SEGS_SAY_MAX 2048
#define SEGS_PATH_MAX 8   /* hops followed at most */
#define SEGS_DEPTH 3      /* functions decoded at most */

struct segs_sec {
	const char *name;
	GElf_Shdr sh;
};

const char *segs_type_name(unsigned type)
{
	switch (type) {
	case PT_NULL: return "NULL";
	case PT_LOAD: return "LOAD";
	case PT_DYNAMIC: return "DYNAMIC";
	case PT_INTERP: return "INTERP";
	case PT_NOTE: return "NOTE";
	case PT_SHLIB: return "SHLIB";
	case PT_PHDR: return "PHDR";
	case PT_TLS: return "TLS";
	case PT_GNU_EH_FRAME: return "GNU_EH_FRAME";
	case PT_GNU_STACK: return "GNU_STACK";
	case PT_GNU_RELRO: return "GNU_RELRO";
	case PT_GNU_PROPERTY: return "GNU_PROPERTY";
	case PT_GNU_SFRAME: return "GNU_SFRAME";
	default: return NULL;
	}
}

/* A sentence about path, in the user's language and in English. */
#define segs_fail(s, msg, path)                                                  \
	(snprintf((s)->error, sizeof (s)->error, _(msg), (path)),                   \
	 snprintf((s)->error_en, sizeof (s)->error_en, msg, (path)))

/* binutils' ELF_TBSS_SPECIAL: .tbss takes no room outside PT_TLS. */
static int segs_tbss_special(const GElf_Shdr *sh, const GElf_Phdr *p)
{
	return (sh->sh_flags & SHF_TLS) && sh->sh_type == SHT_NOBITS && p->p_type != PT_TLS;
}

/* binutils' ELF_SECTION_IN_SEGMENT_STRICT (include/elf/internal.h), as readelf -l's section
 * to segment mapping uses it, after skipping ELF_TBSS_SPECIAL sections. */
static int segs_in_segment(const GElf_Shdr *sh, const GElf_Phdr *p)
{
	uint64_t size = segs_tbss_special(sh, p) ? 0 : sh->sh_size;
	unsigned t = p->p_type;
	int tls = (sh->sh_flags & SHF_TLS) != 0;
	if (!((tls && (t == PT_TLS || t == PT_GNU_RELRO || t == PT_LOAD)) ||
	      (!tls && t != PT_TLS && t != PT_PHDR)))
		return 0;
	if (!(sh->sh_flags & SHF_ALLOC) &&
	    (t == PT_LOAD || t == PT_DYNAMIC || t == PT_GNU_EH_FRAME || t == PT_GNU_STACK ||
	     t == PT_GNU_RELRO || t == PT_GNU_SFRAME ||
	     (t >= PT_GNU_MBIND_LO && t <= PT_GNU_MBIND_HI)))
		return 0;
	if (sh->sh_type != SHT_NOBITS) {
		if (sh->sh_offset < p->p_offset)
			return 0;
		if (sh->sh_offset - p->p_offset > p->p_filesz - 1)
			return 0;
		if (sh->sh_offset - p->p_offset + size > p->p_filesz)
			return 0;
	}
	if (sh->sh_flags & SHF_ALLOC) {
		if (sh->sh_addr < p->p_vaddr)
			return 0;
		if (sh->sh_addr - p->p_vaddr > p->p_memsz - 1)
			return 0;
		if (sh->sh_addr - p->p_vaddr + size > p->p_memsz)
			return 0;
	}
	if ((t == PT_DYNAMIC || t == PT_NOTE) && sh->sh_size == 0 && p->p_memsz != 0) {
		int off_in = sh->sh_type == SHT_NOBITS ||
			     (sh->sh_offset > p->p_offset &&
			      sh->sh_offset - p->p_offset < p->p_filesz);
		int addr_in = !(sh->sh_flags & SHF_ALLOC) ||
			      (sh->sh_addr > p->p_vaddr && sh->sh_addr - p->p_vaddr < p->p_memsz);
		if (!(off_in && addr_in))
			return 0;
	}
	return 1;
}

/* The section names of segment p joined by spaces; kind: 0 all, 1 only NOBITS. */
static char *segs_names(const struct segs_phdr *p, const struct segs_sec *secs, size_t n,
			int nobits_only)
{
	size_t len = 1;
	for (size_t i = 0; i < p->n_sections; i++)
		len += strlen(p->sections[i]) + 1;
	char *out = malloc(len);
	if (!out)
		return NULL;
	*out = '\0';
	for (size_t i = 0; i < p->n_sections; i++) {
		if (nobits_only) {
			int nb = 0;
			for (size_t k = 0; k < n; k++)
				if (secs[k].name && !strcmp(secs[k].name, p->sections[i]) &&
				    secs[k].sh.sh_type == SHT_NOBITS)
					nb = 1;
			if (!nb)
				continue;
		}
		if (*out)
			strcat(out, " ");
		strcat(out, p->sections[i]);
	}
	return out;
}

/* The sentences of one PT_LOAD; loader: the program has an interpreter. */
static void segs_say_load(struct say *o, int en, size_t idx, const struct segs_phdr *p,
			  const char *list, const char *nobits, int loader)
{
	const char *what = *list ? list : I18N_TR(en, "no section");
	unsigned rwx = p->flags & (PF_R | PF_W | PF_X);
	if (rwx == (PF_R | PF_X))
		/* TRANSLATORS: %1$zu the segment's number in readelf -l, %2$s its sections,
		   %3$llu its size in the file, %4$#llx the file offset, %5$#llx its address */
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD, is mapped readable and executable: "
					       "it is the code (%2$s), %3$llu bytes from offset %4$#llx "
					       "of the file, at address %5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr);
	else if (rwx == PF_R && p->offset == 0 && !loader)
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD, is mapped read-only: it holds the "
					    "ELF header, the program headers and what the program reads "
					    "of itself at start (%2$s), %3$llu bytes from offset %4$#llx "
					    "of the file, at address %5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr);
	else if (rwx == PF_R && p->offset == 0)
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD, is mapped read-only: it holds the "
					       "ELF header, the program headers and the tables the loader "
					       "reads (%2$s), %3$llu bytes from offset %4$#llx of the "
					       "file, at address %5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr);
	else if (rwx == PF_R)
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD, is mapped read-only: it is the "
					       "read-only data (%2$s), %3$llu bytes from offset %4$#llx "
					       "of the file, at address %5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr);
	else if (rwx == (PF_R | PF_W))
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD, is mapped readable and writable: "
					       "it is the data (%2$s), %3$llu bytes from offset %4$#llx "
					       "of the file, at address %5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr);
	else if (rwx == (PF_R | PF_W | PF_X))
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD, is mapped readable, writable and "
					       "executable, which a program rarely needs (%2$s), %3$llu "
					       "bytes from offset %4$#llx of the file, at address "
					       "%5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr);
	else
		/* TRANSLATORS: %6$s the flags as readelf writes them ("  E") */
		say_sentence(o, I18N_TR(en, "Segment %1$zu, a LOAD with the flags \"%6$s\", holds %2$s, "
					       "%3$llu bytes from offset %4$#llx of the file, at address "
					       "%5$#llx."),
			     idx, what, p->filesz, p->offset, p->vaddr, p->flags_str);
	if (p->memsz > p->filesz) {
		unsigned long long extra = p->memsz - p->filesz;
		if (*nobits)
			/* TRANSLATORS: %2$s the sections the zeros are for (".bss") */
			say_sentence(o, I18N_NG(en, "In memory it is %1$llu byte longer than in the file: "
						      "zeros, for %2$s, which takes no room in the file.",
						"In memory it is %1$llu bytes longer than in the file: "
						   "zeros, for %2$s, which takes no room in the file.",
						extra),
				     extra, nobits);
		else
			say_sentence(o, I18N_NG(en, "In memory it is %llu byte longer than in the file: "
						      "zeros.",
						"In memory it is %llu bytes longer than in the file: "
						   "zeros.",
						extra),
				     extra);
	}
}

/* The sentence of one program header other than PT_LOAD. */
static void segs_say_other(struct say *o, int en, const struct segs_phdr *p, const char *list)
{
	const char *what = *list ? list : I18N_TR(en, "no section");
	switch (p->type) {
	case PT_PHDR:
		say_sentence(o, I18N_TR(en, "PHDR is the program headers themselves, at address %#llx, "
					       "where the loader and the C library's start code read "
					       "them."), p->vaddr);
		break;
	case PT_INTERP:
		say_sentence(o, I18N_TR(en, "INTERP names the program interpreter, %s: the kernel maps "
					       "it beside the program and starts it first; it loads the "
					       "libraries, relocates the program and then jumps to its "
					       "entry point."), p->interp ? p->interp : "?");
		break;
	case PT_DYNAMIC:
		say_sentence(o, I18N_TR(en, "DYNAMIC points at .dynamic (address %#llx), the table the "
					       "dynamic loader reads: the libraries needed, where the "
					       "symbol and relocation tables are, and flags such as "
					       "BIND_NOW."), p->vaddr);
		break;
	case PT_GNU_RELRO:
		say_sentence(o, I18N_TR(en, "GNU_RELRO covers %s: they are written while the program is "
					       "relocated and then made read-only before main, so that a "
					       "stray write cannot change the addresses they hold."),
			     what);
		break;
	case PT_GNU_STACK:
		if (p->flags & PF_X)
			say_sentence(o, I18N_TR(en, "GNU_STACK has no contents; its flags ask for an "
						       "executable stack, which the kernel grants: code "
						       "written onto the stack could run."));
		else
			say_sentence(o, I18N_TR(en, "GNU_STACK has no contents; its flags ask for a stack "
						       "that is readable and writable but not executable, "
						       "so code written onto the stack cannot run."));
		break;
	case PT_TLS:
		say_sentence(o, I18N_TR(en, "TLS is the template of the thread-local variables (%1$s): "
					       "each thread gets its own copy, %2$llu bytes of it "
					       "initialized from the file and %3$llu bytes in all."),
			     what, p->filesz, p->memsz);
		break;
	case PT_NOTE:
		say_sentence(o, I18N_TR(en, "NOTE points at notes (%s): facts about the file for the "
					       "kernel, the loader and the tools, such as the build ID, "
					       "the oldest kernel the C library supports, or the "
					       "properties of the code."), what);
		break;
	case PT_GNU_EH_FRAME:
		say_sentence(o, I18N_TR(en, "GNU_EH_FRAME points at %s, a sorted index into .eh_frame "
					       "with which an unwinder (a C++ exception, a backtrace) "
					       "finds a function's frame description quickly."), what);
		break;
	case PT_GNU_PROPERTY:
		say_sentence(o, I18N_TR(en, "GNU_PROPERTY points at %s, the properties of the code that "
					       "the loader and the kernel check, such as the x86 ISA "
					       "level it needs or the control-flow protection it "
					       "supports."), what);
		break;
	default:
		say_sentence(o, I18N_TR(en, "%1$s is a segment this walk does not explain (%2$s)."),
			     p->type_name, what);
		break;
	}
}

static void segs_say_type(struct segs *s, unsigned long long low)
{
	for (int en = 0; en < 2; en++) {
		char buf[SEGS_SAY_MAX];
		struct say o;
		say_init(&o, buf, sizeof buf);
		if (s->elf_type == ET_EXEC)
			say_sentence(&o, I18N_TR(en, "The program is of type EXEC: its segments go at the "
							"addresses its program headers give, from %#llx, "
							"the same at every run."), low);
		else if (s->elf_type == ET_DYN && s->has_interp)
			say_sentence(&o, I18N_TR(en, "The program is of type DYN, a position-independent "
							"executable (PIE): its addresses start at %#llx and "
							"the kernel adds a random load bias at every run, "
							"so its segments move from run to run."), low);
		else if (s->elf_type == ET_DYN && s->pie)
			say_sentence(&o, I18N_TR(en, "The program is of type DYN without an interpreter, a "
							"static PIE: its addresses start at %#llx, the "
							"kernel maps it at a random address at every run, "
							"and it relocates itself before main."), low);
		else if (s->elf_type == ET_DYN)
			say_sentence(&o, I18N_TR(en, "The file is of type DYN, a shared object: its "
							"addresses start at %#llx and the loader maps it "
							"where there is room."), low);
		else
			say_sentence(&o, I18N_TR(en, "The file is of type %s, not a program the kernel "
							"runs."), s->elf_type == ET_REL ? "REL" : "?");
		if (en)
			s->type_say_en = strdup(buf);
		else
			s->type_say = strdup(buf);
	}
}

/* ---- the path from the entry point to main: a small x86-64 decoder ---- */

struct segs_insn {
	size_t len;
	int kind;                 /* SEGS_I_* */
	long long target;         /* call/jmp: the target; lea/mov: the value; GOT: the slot */
	char text[16];
};

enum { SEGS_I_OTHER, SEGS_I_CALL, SEGS_I_JMP, SEGS_I_CALL_GOT, SEGS_I_JMP_GOT, SEGS_I_RDI,
       SEGS_I_END, SEGS_I_UNKNOWN };

static int32_t segs_le32(const unsigned char *b)
{
	return (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			 (uint32_t)b[3] << 24);
}

/* The length of a ModRM operand from b (the ModRM byte) on, -1 past n; *disp its
 * displacement's offset from b for a RIP-relative one, else -1. */
static int segs_modrm_len(const unsigned char *b, size_t n, int *rip)
{
	if (n < 1)
		return -1;
	int mod = b[0] >> 6, rm = b[0] & 7, len = 1;
	*rip = -1;
	if (mod != 3 && rm == 4) {
		if (n < 2)
			return -1;
		len++;
		if (mod == 0 && (b[1] & 7) == 5)
			len += 4;
	}
	if (mod == 0 && rm == 5) {
		*rip = len;
		len += 4;
	} else if (mod == 1) {
		len += 1;
	} else if (mod == 2) {
		len += 4;
	}
	return (size_t)len <= n ? len : -1;
}

/* Decode one instruction at b (n bytes left), at address pc. */
static void segs_decode(const unsigned char *b, size_t n, unsigned long long pc,
			struct segs_insn *in)
{
	size_t i = 0;
	int rex = 0, addr32 = 0, opsize = 0;
	memset(in, 0, sizeof *in);
	in->kind = SEGS_I_UNKNOWN;
	while (i < n && (b[i] == 0x66 || b[i] == 0x67 || b[i] == 0xf2 || b[i] == 0xf3 ||
			 b[i] == 0x2e || b[i] == 0x3e || b[i] == 0x26 || b[i] == 0x36 ||
			 b[i] == 0x64 || b[i] == 0x65 || b[i] == 0xf0)) {
		if (b[i] == 0x67)
			addr32 = 1;
		if (b[i] == 0x66)
			opsize = 1;
		i++;
	}
	if (i < n && (b[i] & 0xf0) == 0x40)
		rex = b[i++];
	if (i >= n)
		return;
	unsigned op = b[i++];
	int imm = 0, modrm = 0, rip = -1, ml = 0;
	int immz = opsize ? 2 : 4;
	in->kind = SEGS_I_OTHER;
	if (op < 0x40 && (op & 7) < 4 && op != 0x0f) {
		modrm = 1;
	} else if (op < 0x40 && (op & 7) == 4) {
		imm = 1;
	} else if (op < 0x40 && (op & 7) == 5) {
		imm = immz;
	} else if (op >= 0x50 && op <= 0x5f) {
	} else if (op == 0x63 || (op >= 0x84 && op <= 0x8f)) {
		modrm = 1;
	} else if (op == 0x68) {
		imm = 4;
	} else if (op == 0x6a) {
		imm = 1;
	} else if (op == 0x69) {
		modrm = 1, imm = immz;
	} else if (op == 0x6b || op == 0x80 || op == 0x83 || op == 0xc6 || op == 0xc0 ||
		   op == 0xc1) {
		modrm = 1, imm = 1;
	} else if (op == 0x81 || op == 0xc7) {
		modrm = 1, imm = immz;
	} else if (op >= 0x70 && op <= 0x7f) {
		imm = 1;
	} else if ((op >= 0x90 && op <= 0x99) || op == 0xc9 || op == 0xcc) {
	} else if (op >= 0xb0 && op <= 0xb7) {
		imm = 1;
	} else if (op >= 0xb8 && op <= 0xbf) {
		imm = (rex & 8) ? 8 : immz;
	} else if (op == 0xd1 || op == 0xd3 || op == 0xfe || op == 0xff) {
		modrm = 1;
	} else if (op == 0xf6 || op == 0xf7) {
		modrm = 1;
		if (i < n && ((b[i] >> 3) & 7) < 2)
			imm = op == 0xf6 ? 1 : immz;
	} else if (op == 0xe8 || op == 0xe9) {
		imm = 4;
	} else if (op == 0xeb) {
		imm = 1;
	} else if (op == 0xc3 || op == 0xf4) {
		in->kind = SEGS_I_END;
	} else if (op == 0x0f) {
		if (i >= n) {
			in->kind = SEGS_I_UNKNOWN;
			return;
		}
		unsigned op2 = b[i++];
		if (op2 == 0x05 || op2 == 0xa2) {
		} else if (op2 == 0x0b) {
			in->kind = SEGS_I_END;
		} else if (op2 == 0x1e || op2 == 0x1f || (op2 >= 0x40 && op2 <= 0x4f) ||
			   (op2 >= 0x90 && op2 <= 0x9f) || op2 == 0xaf || op2 == 0xb6 ||
			   op2 == 0xb7 || op2 == 0xbe || op2 == 0xbf || op2 == 0x10 ||
			   op2 == 0x11 || op2 == 0x28 || op2 == 0x29 || op2 == 0x57 ||
			   op2 == 0xef || op2 == 0x6f || op2 == 0x7f || op2 == 0xd6) {
			modrm = 1;
		} else if (op2 >= 0x80 && op2 <= 0x8f) {
			imm = 4;
		} else {
			in->kind = SEGS_I_UNKNOWN;
			return;
		}
		op = 0x0f00 | op2;
	} else {
		in->kind = SEGS_I_UNKNOWN;
		return;
	}
	size_t mpos = i;
	if (modrm) {
		ml = segs_modrm_len(b + i, n - i, &rip);
		if (ml < 0) {
			in->kind = SEGS_I_UNKNOWN;
			return;
		}
		i += (size_t)ml;
	}
	size_t ipos = i;
	if (i + (size_t)imm > n) {
		in->kind = SEGS_I_UNKNOWN;
		return;
	}
	i += (size_t)imm;
	in->len = i;
	unsigned long long next = pc + i;
	unsigned reg = modrm ? (b[mpos] >> 3) & 7 : 0;
	if (op == 0xe8 || op == 0xe9) {
		in->kind = op == 0xe8 ? SEGS_I_CALL : SEGS_I_JMP;
		in->target = (long long)(next + (long long)segs_le32(b + ipos));
		snprintf(in->text, sizeof in->text, "%s%s", addr32 ? "addr32 " : "",
			 op == 0xe8 ? "call" : "jmp");
	} else if (op == 0xeb) {
		in->kind = SEGS_I_JMP;
		in->target = (long long)(next + (signed char)b[ipos]);
		snprintf(in->text, sizeof in->text, "jmp");
	} else if (op == 0xff && (reg == 2 || reg == 4) && rip >= 0) {
		in->kind = reg == 2 ? SEGS_I_CALL_GOT : SEGS_I_JMP_GOT;
		in->target = (long long)(next + (long long)segs_le32(b + mpos + rip));
		snprintf(in->text, sizeof in->text, "%s", reg == 2 ? "call" : "jmp");
	} else if (op == 0xff && reg == 4) {
		in->kind = SEGS_I_END; /* an indirect jump we cannot follow */
	} else if (op == 0x8d && rip >= 0 && reg == 7 && !(rex & 4)) {
		in->kind = SEGS_I_RDI;
		in->target = (long long)(next + (long long)segs_le32(b + mpos + rip));
		snprintf(in->text, sizeof in->text, "lea");
	} else if (op == 0xc7 && (b[mpos] >> 6) == 3 && (b[mpos] & 7) == 7 && !(rex & 1) &&
		   reg == 0 && imm == 4) {
		in->kind = SEGS_I_RDI;
		in->target = (long long)segs_le32(b + ipos);
		if (!(rex & 8))
			in->target = (long long)(uint32_t)in->target;
		snprintf(in->text, sizeof in->text, "mov");
	} else if (op == 0xbf && !(rex & 1) && imm >= 4) {
		in->kind = SEGS_I_RDI;
		in->target = imm == 8 ? (long long)((uint64_t)(uint32_t)segs_le32(b + ipos) |
						    (uint64_t)(uint32_t)segs_le32(b + ipos + 4) << 32)
				      : (long long)(uint32_t)segs_le32(b + ipos);
		snprintf(in->text, sizeof in->text, "mov");
	}
}

struct segs_ctx {
	Elf *elf;
	struct segs_sec *secs;
	size_t n_secs;
	struct symbols syms;
	int syms_ok;
};

/* The bytes at address addr in an allocated PROGBITS section: a pointer and how many are
 * left in that section, or NULL. */
static const unsigned char *segs_bytes_at(struct segs_ctx *c, unsigned long long addr,
					  size_t *left)
{
	for (size_t i = 0; i < c->n_secs; i++) {
		const GElf_Shdr *sh = &c->secs[i].sh;
		if (sh->sh_type != SHT_PROGBITS || !(sh->sh_flags & SHF_ALLOC) ||
		    addr < sh->sh_addr || addr >= sh->sh_addr + sh->sh_size)
			continue;
		Elf_Scn *scn = elf_getscn(c->elf, i);
		Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
		if (!d || !d->d_buf || d->d_size < sh->sh_size)
			return NULL;
		*left = (size_t)(sh->sh_addr + sh->sh_size - addr);
		return (const unsigned char *)d->d_buf + (addr - sh->sh_addr);
	}
	return NULL;
}

/* The function symbol (or any named non-section symbol) at addr, preferring a global
 * FUNC. */
static const struct symbols_sym *segs_sym_at(struct segs_ctx *c, unsigned long long addr)
{
	const struct symbols_sym *best = NULL;
	if (!c->syms_ok)
		return NULL;
	for (size_t i = 1; i < c->syms.n_syms; i++) {
		const struct symbols_sym *y = &c->syms.syms[i];
		if (y->value != addr || !y->name[0] || y->shndx == SHN_UNDEF ||
		    y->type == STT_SECTION || y->type == STT_FILE)
			continue;
		/* a FUNC first, then a global one, then the shorter name: an alias such as
		   __libc_start_main beside __libc_start_main_impl, as objdump names it */
		if (!best || (y->type == STT_FUNC && best->type != STT_FUNC) ||
		    (y->type == best->type && y->bind == STB_GLOBAL && best->bind != STB_GLOBAL) ||
		    (y->type == best->type && y->bind == best->bind &&
		     strlen(y->name) < strlen(best->name)))
			best = y;
	}
	return best;
}

/* The symbol whose relocation fills the GOT slot at addr, or NULL. */
static const char *segs_slot_symbol(struct segs_ctx *c, unsigned long long slot)
{
	if (!c->syms_ok)
		return NULL;
	for (size_t i = 0; i < c->syms.n_relocs; i++)
		if (c->syms.relocs[i].offset == slot && c->syms.relocs[i].symbol[0])
			return c->syms.relocs[i].symbol;
	return NULL;
}

static void segs_hop_add(struct segs *s, enum segs_hop_via via, const char *name,
			 unsigned long long addr, unsigned long long insn,
			 unsigned long long slot, const char *text)
{
	if (s->n_path >= SEGS_PATH_MAX)
		return;
	struct segs_hop *h = &s->path[s->n_path];
	h->name = strdup(name ? name : "?");
	if (!h->name)
		return;
	h->via = via;
	h->addr = addr;
	h->insn = insn;
	h->slot = slot;
	snprintf(h->insn_text, sizeof h->insn_text, "%s", text ? text : "");
	s->n_path++;
}

static int segs_is_libc_start(const char *name)
{
	return name && !strcmp(name, "__libc_start_main");
}

/* Decode from the entry on, following calls into the program's own functions. */
static void segs_walk_path(struct segs *s, struct segs_ctx *c)
{
	s->path = calloc(SEGS_PATH_MAX, sizeof *s->path);
	if (!s->path)
		return;
	const struct symbols_sym *y = segs_sym_at(c, s->entry);
	segs_hop_add(s, SEGS_VIA_ENTRY, y ? y->name : NULL, s->entry, 0, 0, NULL);
	unsigned long long fn = s->entry;
	const char *fn_name = y ? y->name : NULL;
	for (int depth = 0; depth < SEGS_DEPTH && fn_name; depth++) {
		size_t left = 0;
		const unsigned char *b = segs_bytes_at(c, fn, &left);
		const struct symbols_sym *fy = segs_sym_at(c, fn);
		if (fy && fy->size && fy->size < left)
			left = (size_t)fy->size;
		if (!b)
			return;
		long long rdi = -1;
		unsigned long long rdi_at = 0;
		char rdi_text[16] = "";
		size_t pos = 0;
		int next = 0;
		while (pos < left) {
			struct segs_insn in;
			segs_decode(b + pos, left - pos, fn + pos, &in);
			if (in.kind == SEGS_I_UNKNOWN || in.kind == SEGS_I_END || !in.len)
				return;
			unsigned long long at = fn + pos;
			pos += in.len;
			if (in.kind == SEGS_I_RDI) {
				rdi = in.target;
				rdi_at = at;
				snprintf(rdi_text, sizeof rdi_text, "%s", in.text);
				continue;
			}
			if (in.kind == SEGS_I_OTHER)
				continue;
			const char *tname;
			unsigned long long taddr = 0, slot = 0;
			enum segs_hop_via via;
			if (in.kind == SEGS_I_CALL_GOT || in.kind == SEGS_I_JMP_GOT) {
				slot = (unsigned long long)in.target;
				tname = segs_slot_symbol(c, slot);
				via = SEGS_VIA_GOT;
			} else {
				taddr = (unsigned long long)in.target;
				const struct symbols_sym *ty = segs_sym_at(c, taddr);
				tname = ty ? ty->name : NULL;
				via = in.kind == SEGS_I_CALL ? SEGS_VIA_CALL : SEGS_VIA_JMP;
			}
			if (!tname)
				return;
			segs_hop_add(s, via, tname, taddr, at, slot, in.text);
			const struct symbols_sym *my = rdi >= 0 ? segs_sym_at(c, (unsigned long long)rdi)
								: NULL;
			if (segs_is_libc_start(tname) && my && !strcmp(my->name, "main")) {
				s->main_found = 1;
				s->main_addr = (unsigned long long)rdi;
				segs_hop_add(s, SEGS_VIA_RDI, "main", s->main_addr, rdi_at, 0, rdi_text);
				return;
			}
			if (via == SEGS_VIA_GOT || segs_is_libc_start(tname))
				return;
			fn = taddr;
			fn_name = tname;
			next = 1;
			break;
		}
		if (!next)
			return;
	}
}

static void segs_say_path(struct segs *s)
{
	for (int en = 0; en < 2; en++) {
		char buf[SEGS_SAY_MAX];
		struct say o;
		say_init(&o, buf, sizeof buf);
		if (!s->n_path || !s->path[0].name || !strcmp(s->path[0].name, "?"))
			say_sentence(&o, I18N_TR(en, "The entry point (e_entry) is %#llx; no symbol of "
							"the symbol table starts there."), s->entry);
		else
			say_sentence(&o, I18N_TR(en, "The entry point (e_entry) is %1$#llx, the start of "
							"%2$s: the kernel (or the loader) jumps there "
							"first, not to main."),
				     s->entry, s->path[0].name);
		for (size_t i = 1; i < s->n_path; i++) {
			const struct segs_hop *h = &s->path[i], *from = &s->path[i - 1];
			const char *caller = from->name;
			if (h->via == SEGS_VIA_RDI) {
				caller = s->path[i > 1 ? i - 2 : 0].name;
				for (size_t k = i; k-- > 0;)
					if (s->path[k].via != SEGS_VIA_RDI &&
					    !segs_is_libc_start(s->path[k].name)) {
						caller = s->path[k].name;
						break;
					}
			}
			switch (h->via) {
			case SEGS_VIA_CALL:
				/* TRANSLATORS: %1$#llx an instruction's address, %2$s the function
				   it is in, %3$s the instruction ("call"), %4$s the callee */
				say_sentence(&o, I18N_TR(en, "At %1$#llx %2$s calls %4$s, at %5$#llx "
								"(%3$s)."),
					     h->insn, caller, h->insn_text, h->name, h->addr);
				break;
			case SEGS_VIA_JMP:
				say_sentence(&o, I18N_TR(en, "At %1$#llx %2$s jumps to %4$s, at %5$#llx "
								"(%3$s): a tail call, which does not "
								"come back."),
					     h->insn, caller, h->insn_text, h->name, h->addr);
				break;
			case SEGS_VIA_GOT:
				say_sentence(&o, I18N_TR(en, "At %1$#llx %2$s calls %3$s through the GOT "
								"slot at %4$#llx (%5$s *slot(%%rip)), "
								"which the loader fills with the "
								"address of %3$s in the C library."),
					     h->insn, caller, h->name, h->slot, h->insn_text);
				break;
			case SEGS_VIA_RDI:
				/* TRANSLATORS: %4$s the instruction ("lea" or "mov"), %5$s the
				   C library's function that calls main */
				say_sentence(&o, I18N_TR(en, "Before that, at %1$#llx, %2$s puts main's "
								"address, %3$#llx, in %%rdi with %4$s: the "
								"first argument of %5$s, which sets up "
								"the C library and then calls main."),
					     h->insn, caller, h->addr, h->insn_text,
					     s->path[i - 1].name);
				break;
			default:
				break;
			}
		}
		if (s->main_found) {
			char chain[512] = "";
			size_t used = 0;
			for (size_t i = 0; i < s->n_path && used < sizeof chain; i++) {
				const struct segs_hop *h = &s->path[i];
				int w;
				if (h->via == SEGS_VIA_GOT)
					w = snprintf(chain + used, sizeof chain - used, "%s%s (GOT %#llx)",
						     i ? " -> " : "", h->name, h->slot);
				else
					w = snprintf(chain + used, sizeof chain - used, "%s%s (%#llx)",
						     i ? " -> " : "", h->name, h->addr);
				if (w < 0)
					break;
				used += (size_t)w;
			}
			say_sentence(&o, I18N_TR(en, "The path to main: %s."), chain);
		} else {
			say_sentence(&o, I18N_TR(en, "The path to main could not be read from the entry "
							"point's code."));
		}
		if (en)
			s->path_say_en = strdup(buf);
		else
			s->path_say = strdup(buf);
	}
}

/* The segments: headers, mapping, sentences. */
static int segs_read_phdrs(struct segs *s, struct segs_ctx *c, const char *path)
{
	size_t n = 0;
	if (elf_getphdrnum(c->elf, &n) != 0) {
		segs_fail(s, N_("%s has no program headers."), path);
		return -1;
	}
	s->ph = calloc(n ? n : 1, sizeof *s->ph);
	if (!s->ph)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr p;
		if (!gelf_getphdr(c->elf, (int)i, &p))
			break;
		struct segs_phdr *x = &s->ph[s->n_ph++];
		x->type = p.p_type;
		const char *tn = segs_type_name(p.p_type);
		if (tn)
			snprintf(x->type_name, sizeof x->type_name, "%s", tn);
		else
			snprintf(x->type_name, sizeof x->type_name, "0x%x", p.p_type);
		x->offset = p.p_offset;
		x->vaddr = p.p_vaddr;
		x->paddr = p.p_paddr;
		x->filesz = p.p_filesz;
		x->memsz = p.p_memsz;
		x->align = p.p_align;
		x->flags = p.p_flags;
		snprintf(x->flags_str, sizeof x->flags_str, "%c%c%c", p.p_flags & PF_R ? 'R' : ' ',
			 p.p_flags & PF_W ? 'W' : ' ', p.p_flags & PF_X ? 'E' : ' ');
		if (p.p_type == PT_INTERP) {
			s->has_interp = 1;
			/* a chunk libelf owns until elf_end (elf_rawfile would read the
			   whole file, and lose what elf_strptr read before it) */
			Elf_Data *d = p.p_filesz <= 4096
					      ? elf_getdata_rawchunk(c->elf, (int64_t)p.p_offset,
								     (size_t)p.p_filesz, ELF_T_BYTE)
					      : NULL;
			if (d && d->d_buf)
				x->interp = strndup(d->d_buf, d->d_size);
		}
		if (p.p_type == PT_DYNAMIC)
			s->has_dynamic = 1;
		x->sections = calloc(c->n_secs ? c->n_secs : 1, sizeof *x->sections);
		if (!x->sections)
			return -1;
		for (size_t k = 1; k < c->n_secs; k++)
			if (c->secs[k].name && !segs_tbss_special(&c->secs[k].sh, &p) &&
			    segs_in_segment(&c->secs[k].sh, &p))
				x->sections[x->n_sections++] = strdup(c->secs[k].name);
	}
	return 0;
}

static void segs_say_phdrs(struct segs *s, struct segs_ctx *c)
{
	for (size_t i = 0; i < s->n_ph; i++) {
		struct segs_phdr *x = &s->ph[i];
		char *list = segs_names(x, c->secs, c->n_secs, 0);
		char *nobits = segs_names(x, c->secs, c->n_secs, 1);
		for (int en = 0; en < 2 && list && nobits; en++) {
			char buf[SEGS_SAY_MAX];
			struct say o;
			say_init(&o, buf, sizeof buf);
			if (x->type == PT_LOAD)
				segs_say_load(&o, en, i, x, list, nobits, s->has_interp);
			else
				segs_say_other(&o, en, x, list);
			if (en)
				x->say_en = strdup(buf);
			else
				x->say = strdup(buf);
		}
		free(list);
		free(nobits);
	}
}

/* DF_1_PIE in .dynamic. */
static int segs_df1_pie(struct segs_ctx *c)
{
	for (size_t i = 0; i < c->n_secs; i++) {
		if (c->secs[i].sh.sh_type != SHT_DYNAMIC)
			continue;
		Elf_Scn *scn = elf_getscn(c->elf, i);
		Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
		size_t ent = c->secs[i].sh.sh_entsize ? c->secs[i].sh.sh_entsize : sizeof(GElf_Dyn);
		for (size_t k = 0; d && k < d->d_size / ent; k++) {
			GElf_Dyn dyn;
			if (gelf_getdyn(d, (int)k, &dyn) && dyn.d_tag == DT_FLAGS_1 &&
			    (dyn.d_un.d_val & DF_1_PIE))
				return 1;
		}
	}
	return 0;
}

int segs_read(const char *path, struct segs *s)
{
	memset(s, 0, sizeof *s);
	struct segs_ctx c = { 0 };
	int rc = -1;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		segs_fail(s, N_("libelf is too old to read %s."), path);
		return -1;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		segs_fail(s, N_("%s could not be opened."), path);
		return -1;
	}
	c.elf = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	size_t shnum = 0, shstrndx = 0;
	if (!c.elf || elf_kind(c.elf) != ELF_K_ELF || !gelf_getehdr(c.elf, &eh)) {
		segs_fail(s, N_("%s is not an ELF file."), path);
		goto out;
	}
	if (elf_getshdrnum(c.elf, &shnum) != 0 || elf_getshdrstrndx(c.elf, &shstrndx) != 0)
		shnum = 0;
	c.secs = calloc(shnum ? shnum : 1, sizeof *c.secs);
	if (!c.secs)
		goto out;
	for (size_t i = 0; i < shnum; i++) {
		Elf_Scn *scn = elf_getscn(c.elf, i);
		if (scn && gelf_getshdr(scn, &c.secs[i].sh))
			c.secs[i].name = elf_strptr(c.elf, shstrndx, c.secs[i].sh.sh_name);
	}
	c.n_secs = shnum;
	s->elf_type = eh.e_type;
	s->entry = eh.e_entry;
	if (segs_read_phdrs(s, &c, path) != 0)
		goto out;
	s->pie = s->elf_type == ET_DYN && (s->has_interp || segs_df1_pie(&c));
	unsigned long long low = 0;
	int any = 0;
	for (size_t i = 0; i < s->n_ph; i++)
		if (s->ph[i].type == PT_LOAD && (!any || s->ph[i].vaddr < low))
			low = s->ph[i].vaddr, any = 1;
	segs_say_type(s, low);
	segs_say_phdrs(s, &c);
	c.syms_ok = symbols_read(path, SYMBOLS_STATIC, &c.syms) == 0;
	if (eh.e_machine == EM_X86_64 && c.syms_ok)
		segs_walk_path(s, &c);
	else if (c.syms_ok) {
		const struct symbols_sym *y = segs_sym_at(&c, s->entry);
		s->path = calloc(1, sizeof *s->path);
		if (s->path)
			segs_hop_add(s, SEGS_VIA_ENTRY, y ? y->name : NULL, s->entry, 0, 0, NULL);
	}
	if (s->n_path && strcmp(s->path[0].name, "?"))
		s->entry_sym = strdup(s->path[0].name);
	segs_say_path(s);
	rc = 0;
out:
	if (c.syms_ok)
		symbols_free(&c.syms);
	free(c.secs);
	if (c.elf)
		elf_end(c.elf);
	close(fd);
	if (rc != 0 && !s->error[0])
		segs_fail(s, N_("%s could not be read: out of memory."), path);
	return rc;
}

void segs_free(struct segs *s)
{
	for (size_t i = 0; i < s->n_ph; i++) {
		for (size_t k = 0; k < s->ph[i].n_sections; k++)
			free(s->ph[i].sections[k]);
		free(s->ph[i].sections);
		free(s->ph[i].interp);
		free(s->ph[i].say);
		free(s->ph[i].say_en);
	}
	free(s->ph);
	for (size_t i = 0; i < s->n_path; i++)
		free(s->path[i].name);
	free(s->path);
	free(s->entry_sym);
	free(s->type_say);
	free(s->type_say_en);
	free(s->path_say);
	free(s->path_say_en);
	memset(s, 0, sizeof *s);
}
