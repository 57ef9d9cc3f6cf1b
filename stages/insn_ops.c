/* insn_ops: the operands of an instruction read into words, for stages/insn.c: registers with
 * their System V role, constants, memory (stack slots, %rip-relative symbols, array
 * elements, addresses in registers), lea's sums, the targets of jumps and calls.
 *
 * Contract: see insn.h and insn_int.h. An operand not understood is shown as written.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/insn.h"
#include "stages/insn_int.h"

/* ---- registers ---- */

/* Each general register by its 64-bit name and its smaller ones. */
static const struct {
	const char *names[5]; /* 8, 4, 2, 1 bytes, and the high byte (ah) */
} insn_gregs[] = {
	{ { "rax", "eax", "ax", "al", "ah" } }, { { "rbx", "ebx", "bx", "bl", "bh" } },
	{ { "rcx", "ecx", "cx", "cl", "ch" } }, { { "rdx", "edx", "dx", "dl", "dh" } },
	{ { "rsi", "esi", "si", "sil", NULL } }, { { "rdi", "edi", "di", "dil", NULL } },
	{ { "rbp", "ebp", "bp", "bpl", NULL } }, { { "rsp", "esp", "sp", "spl", NULL } },
	{ { "r8", "r8d", "r8w", "r8b", NULL } },   { { "r9", "r9d", "r9w", "r9b", NULL } },
	{ { "r10", "r10d", "r10w", "r10b", NULL } }, { { "r11", "r11d", "r11w", "r11b", NULL } },
	{ { "r12", "r12d", "r12w", "r12b", NULL } }, { { "r13", "r13d", "r13w", "r13b", NULL } },
	{ { "r14", "r14d", "r14w", "r14b", NULL } }, { { "r15", "r15d", "r15w", "r15b", NULL } },
};
enum { R_RAX, R_RBX, R_RCX, R_RDX, R_RSI, R_RDI, R_RBP, R_RSP, R_R8, R_R9, R_R10, R_R11,
       R_R12, R_R13, R_R14, R_R15, R_XMM0 = 100, R_OTHER = 200 };

/* The register called name (without '%'): its number and its size in bytes; -1 when it
 * is no register this module knows. */
int insn_reg(const char *name, int *size)
{
	static const int sizes[5] = { 8, 4, 2, 1, 1 };
	for (size_t i = 0; i < sizeof insn_gregs / sizeof insn_gregs[0]; i++)
		for (int k = 0; k < 5; k++)
			if (insn_gregs[i].names[k] && strcmp(insn_gregs[i].names[k], name) == 0) {
				*size = sizes[k];
				return (int)i;
			}
	if (strncmp(name, "xmm", 3) == 0 && isdigit((unsigned char)name[3])) {
		*size = 16;
		return R_XMM0 + atoi(name + 3);
	}
	if (strncmp(name, "ymm", 3) == 0 && isdigit((unsigned char)name[3])) {
		*size = 32;
		return R_OTHER;
	}
	if (strncmp(name, "zmm", 3) == 0 && isdigit((unsigned char)name[3])) {
		*size = 64;
		return R_OTHER;
	}
	*size = 0;
	return strcmp(name, "rip") == 0 ? R_OTHER : -1;
}

/* Which argument a register carries in the System V ABI (0 for the first), or -1. */
int insn_arg_index(int r)
{
	switch (r) {
	case R_RDI: return 0;
	case R_RSI: return 1;
	case R_RDX: return 2;
	case R_RCX: return 3;
	case R_R8: return 4;
	case R_R9: return 5;
	default: return -1;
	}
}

/* A register's name with its System V role where it helps: "%edi (the first argument)". */
static void insn_reg_phrase(const char *name, const struct insn_ctx *c, char *buf, size_t len)
{
	static const char *const args[] = {
		N_("the first argument"), N_("the second argument"), N_("the third argument"),
		N_("the fourth argument"), N_("the fifth argument"), N_("the sixth argument"),
	};
	int size, r = insn_reg(name, &size);
	const char *role = NULL;
	unsigned bits = c ? c->bits : 0;
	int arg = insn_arg_index(r);
	if (arg >= 0 && (!(bits & INSN_CTX_ARGS) || (c->args & (1u << arg))))
		role = args[arg];
	switch (r) {
	case R_RAX:
		if (bits & (INSN_CTX_AFTER_CALL | INSN_CTX_BEFORE_RET))
			role = N_("the return value");
		break;
	case R_RSP: role = N_("the stack pointer"); break;
	case R_RBP: role = bits & INSN_CTX_FRAME ? N_("the frame pointer") : N_("callee-saved"); break;
	case R_RBX: case R_R12: case R_R13: case R_R14: case R_R15:
		role = N_("callee-saved");
		break;
	case R_XMM0:
		if (bits & (INSN_CTX_AFTER_CALL | INSN_CTX_BEFORE_RET))
			role = N_("the floating-point return value");
		break;
	default:
		break;
	}
	if (role)
		/* TRANSLATORS: a register and its role: "%edi (the first argument)" */
		snprintf(buf, len, _("%%%1$s (%2$s)"), name, _(role));
	else
		snprintf(buf, len, "%%%s", name);
}

/* ---- operands ---- */

enum insn_prep { PREP_IN, PREP_AT, PREP_NONE };

struct insn_mem {
	char seg[8], disp[INSN_OP_LEN], base[8], index[8];
	int scale;
};

/* disp(base,index,scale) with an optional seg: prefix. 0, or -1 when s is not that. */
static int insn_mem_parse(const char *s, struct insn_mem *m)
{
	memset(m, 0, sizeof *m);
	m->scale = 1;
	if (s[0] == '%') {
		const char *colon = strchr(s, ':');
		if (!colon || colon - s - 1 >= (long)sizeof m->seg)
			return -1;
		memcpy(m->seg, s + 1, (size_t)(colon - s - 1));
		s = colon + 1;
	}
	const char *open = strchr(s, '(');
	size_t dl = open ? (size_t)(open - s) : strlen(s);
	if (dl >= sizeof m->disp)
		return -1;
	memcpy(m->disp, s, dl);
	if (!open)
		return dl ? 0 : -1;
	const char *close = strchr(open, ')');
	if (!close || close[1])
		return -1;
	char in[64];
	size_t il = (size_t)(close - open - 1);
	if (il >= sizeof in)
		return -1;
	memcpy(in, open + 1, il);
	in[il] = '\0';
	char *parts[3] = { in, NULL, NULL };
	char *c1 = strchr(in, ',');
	if (c1) {
		*c1 = '\0';
		parts[1] = c1 + 1;
		char *c2 = strchr(parts[1], ',');
		if (c2) {
			*c2 = '\0';
			parts[2] = c2 + 1;
		}
	}
	for (int i = 0; i < 2; i++) {
		char *p = parts[i];
		if (!p)
			continue;
		while (*p == ' ')
			p++;
		if (*p && *p != '%')
			return -1;
		char *dst = i == 0 ? m->base : m->index;
		size_t l = *p ? strlen(p + 1) : 0;
		if (l >= sizeof m->base)
			return -1;
		if (l)
			memcpy(dst, p + 1, l);
		dst[l] = '\0';
	}
	if (parts[2])
		m->scale = atoi(parts[2]);
	if (m->scale != 1 && m->scale != 2 && m->scale != 4 && m->scale != 8)
		return -1;
	return 0;
}

int insn_is_number(const char *s, long *v)
{
	char *end;
	if (!*s)
		return 0;
	*v = strtol(s, &end, 0);
	return *end == '\0';
}

/* A memory operand in words: *prep says how a size goes before it ("the 4 bytes in the
 * stack slot...", "the 4 bytes at .LC0 ...", or not at all for an array element); *place is
 * what follows "at". */
static void insn_mem_words(const struct insn_mem *m, const struct insn_ctx *c, char *bare,
			   size_t blen, char *place, size_t plen, int *prep)
{
	unsigned bits = c ? c->bits : 0;
	long d = 0;
	int num = insn_is_number(m->disp, &d) || !m->disp[0];
	if (!m->disp[0])
		d = 0;
	*prep = PREP_AT;
	if (m->seg[0]) {
		char where[200];
		snprintf(where, sizeof where, "%%%s:%s", m->seg, m->disp[0] ? m->disp : "0");
		if (strcmp(m->seg, "fs") == 0 && num && d == 40 && !m->base[0]) {
			/* TRANSLATORS: %s is "%fs:40" */
			snprintf(bare, blen, _("the stack protector's canary (%s, in the thread's own "
					       "storage)"), where);
			*prep = PREP_NONE;
		} else {
			/* TRANSLATORS: %s is a thread-local address, "%fs:-4" */
			snprintf(bare, blen, _("%s (in the thread's own storage)"), where);
		}
		snprintf(place, plen, "%s", bare);
		return;
	}
	if (m->index[0] && m->scale == 1 && m->base[0]) {
		/* a byte offset in a register, not an index into an array of bytes: the bytes
		 * at the sum, whatever their size */
		long z;
		if (m->disp[0] && !(insn_is_number(m->disp, &z) && z == 0))
			snprintf(place, plen, "%%%s+%%%s%s%s", m->base, m->index,
				 m->disp[0] == '-' ? "" : "+", m->disp);
		else
			snprintf(place, plen, "%%%s+%%%s", m->base, m->index);
		/* TRANSLATORS: memory of no known size: %s is an address in words */
		snprintf(bare, blen, _("the memory at %s"), place);
		*prep = PREP_AT;
		return;
	}
	if (m->index[0]) {
		char at[200], idx[160];
		long z;
		if (m->base[0] && m->disp[0] && !(insn_is_number(m->disp, &z) && z == 0))
			snprintf(at, sizeof at, "%%%s%s%s", m->base, m->disp[0] == '-' ? "" : "+",
				 m->disp);
		else if (m->base[0])
			snprintf(at, sizeof at, "%%%s", m->base);
		else
			snprintf(at, sizeof at, "%s", m->disp[0] ? m->disp : "0");
		snprintf(idx, sizeof idx, "%%%s", m->index);
		/* TRANSLATORS: an array element: %1$s the index register, %2$d the size of each
		   element, %3$s where the array starts ("%rdx", ".L4", "%rdx+16") */
		snprintf(bare, blen, ngettext("element %1$s of an array of %2$d-byte values at %3$s",
					      "element %1$s of an array of %2$d-byte values at %3$s",
					      (unsigned long)m->scale), idx, m->scale, at);
		snprintf(place, plen, "%s", bare);
		*prep = PREP_NONE;
		return;
	}
	if (strcmp(m->base, "rip") == 0) {
		/* TRANSLATORS: %s is a symbol, ".LC0", "counter", "table+8" */
		snprintf(bare, blen, _("%s (addressed relative to %%rip)"), m->disp);
		snprintf(place, plen, "%s", bare);
		return;
	}
	if (strcmp(m->base, "rbp") == 0 && (bits & INSN_CTX_FRAME) && num) {
		*prep = PREP_IN;
		if (d < 0)
			/* TRANSLATORS: a stack slot of a function with a frame pointer */
			snprintf(bare, blen, ngettext("the stack slot %ld byte below %%rbp",
						      "the stack slot %ld bytes below %%rbp",
						      (unsigned long)-d), -d);
		else if (d > 0)
			snprintf(bare, blen, ngettext("the stack slot %ld byte above %%rbp",
						      "the stack slot %ld bytes above %%rbp",
						      (unsigned long)d), d);
		else
			snprintf(bare, blen, "%s", _("the stack slot at %rbp (the caller's saved "
						    "%rbp)"));
		snprintf(place, plen, "%s", bare);
		return;
	}
	if (strcmp(m->base, "rsp") == 0 && num) {
		*prep = PREP_IN;
		if (d > 0)
			snprintf(bare, blen, ngettext("the stack slot %ld byte above %%rsp",
						      "the stack slot %ld bytes above %%rsp",
						      (unsigned long)d), d);
		else if (d < 0)
			/* TRANSLATORS: below %rsp: the 128 bytes a function that calls nobody may
			   use without moving %rsp */
			snprintf(bare, blen, ngettext("the stack slot %ld byte below %%rsp (in the "
						      "red zone)", "the stack slot %ld bytes below "
						      "%%rsp (in the red zone)", (unsigned long)-d), -d);
		else
			snprintf(bare, blen, "%s", _("the top of the stack (the slot at %rsp)"));
		snprintf(place, plen, "%s", bare);
		return;
	}
	if (m->base[0]) {
		char reg[160];
		insn_reg_phrase(m->base, c, reg, sizeof reg);
		if (num && d == 0)
			/* TRANSLATORS: %s is a register, "%rax" or "%rdi (the first argument)" */
			snprintf(place, plen, _("the address in %s"), reg);
		else
			snprintf(place, plen, "%%%s%s%s", m->base, m->disp[0] == '-' ? "" : "+",
				 m->disp);
	} else {
		snprintf(place, plen, "%s", m->disp);
	}
	/* TRANSLATORS: memory of no known size: %s is an address in words */
	snprintf(bare, blen, _("the memory at %s"), place);
}

/* Operand s in words, read as mode says (the letters of insn.h), of size bytes when known
 * (0 not), of floating-point type fp. */
void insn_op_words(const char *s, char mode, int size, char fp, const struct insn_ctx *c,
			  int dest, char *buf, size_t len)
{
	/* %rax is the call's return value only where it is read */
	struct insn_ctx dc;
	if (c && dest && (c->bits & INSN_CTX_AFTER_CALL)) {
		dc = *c;
		dc.bits &= ~(unsigned)INSN_CTX_AFTER_CALL;
		c = &dc;
	}
	char bare[INSN_PHRASE], place[INSN_PHRASE];
	int prep = PREP_NONE, is_reg = 0, indirect = 0;
	if (!s[0] || (s[0] == '*' && !s[1]) || (s[0] == '$' && !s[1]) ||
	    (s[0] == '%' && !s[1])) {
		/* nothing to read: as written */
		snprintf(buf, len, "%s", s);
		return;
	}
	if (mode == 't' && s[0] == '*') {
		indirect = 1;
		s++;
	}
	if (s[0] == '$') {
		long v;
		if (mode == 'c' && insn_is_number(s + 1, &v))
			/* TRANSLATORS: a shift's count, $3 */
			snprintf(buf, len, ngettext("%ld bit", "%ld bits", (unsigned long)v), v);
		else if (mode == 'i')
			/* TRANSLATORS: a bit's number, $5: "bit 5" */
			snprintf(buf, len, _("bit %s"), s + 1);
		else if (mode == 'n' || mode == 'c')
			snprintf(buf, len, "%s", s + 1);
		else if (insn_is_number(s + 1, &v))
			/* TRANSLATORS: an immediate operand, $5 */
			snprintf(buf, len, _("the constant %s"), s + 1);
		else
			/* TRANSLATORS: an immediate symbol, $.LC0: the symbol's address */
			snprintf(buf, len, _("the address of %s"), s + 1);
		return;
	}
	if (s[0] == '%' && !strchr(s, ':')) {
		int rs;
		if (insn_reg(s + 1, &rs) < 0) {
			snprintf(buf, len, "%s", s);
			return;
		}
		insn_reg_phrase(s + 1, c, bare, sizeof bare);
		snprintf(place, sizeof place, "%s", bare);
		is_reg = 1;
		prep = PREP_IN;
		if (!size || (mode == 's' && rs && rs < 16 && size > rs))
			size = rs;
	} else if (mode == 't' && !indirect) {
		size_t l = strlen(s);
		if (l > 4 && strcmp(s + l - 4, "@PLT") == 0)
			/* TRANSLATORS: %1$s is a function called through the PLT, "printf" */
			snprintf(buf, len, _("%1$.*2$s, through the PLT (the procedure linkage table) "
					     "when it ends up in a shared library"), s, (int)(l - 4));
		else
			snprintf(buf, len, "%s", s);
		return;
	} else {
		struct insn_mem m;
		if (insn_mem_parse(s, &m) < 0) {
			snprintf(buf, len, "%s", s);
			return;
		}
		size_t dl = strlen(m.disp);
		if (indirect && dl > 9 && strcmp(m.disp + dl - 9, "@GOTPCREL") == 0 &&
		    strcmp(m.base, "rip") == 0) {
			/* TRANSLATORS: %1$s is a function whose address is read from the global
			   offset table, "puts" */
			snprintf(buf, len, _("%1$.*2$s, through its address in the global offset "
					     "table (GOT)"), m.disp, (int)(dl - 9));
			return;
		}
		insn_mem_words(&m, c, bare, sizeof bare, place, sizeof place, &prep);
		if (mode == 'a') {
			if (m.index[0] || (m.base[0] && strcmp(m.base, "rip") && prep == PREP_AT)) {
				/* arithmetic: base + index*scale + disp */
				char sum[200];
				size_t o = 0;
				if (m.base[0])
					o += (size_t)snprintf(sum + o, sizeof sum - o, "%%%s", m.base);
				if (m.index[0] && o < sizeof sum && m.scale == 1)
					o += (size_t)snprintf(sum + o, sizeof sum - o, "%s%%%s",
							      o ? " + " : "", m.index);
				else if (m.index[0] && o < sizeof sum)
					o += (size_t)snprintf(sum + o, sizeof sum - o, "%s%%%s*%d",
							      o ? " + " : "", m.index, m.scale);
				long z;
				if (m.disp[0] && o < sizeof sum && !(o && insn_is_number(m.disp, &z) &&
								     z == 0))
					snprintf(sum + o, sizeof sum - o, "%s%s", !o ? "" :
						 m.disp[0] == '-' ? " - " : " + ",
						 o && m.disp[0] == '-' ? m.disp + 1 : m.disp);
				/* TRANSLATORS: what lea computes, "%rdi + %rdi*2" */
				snprintf(buf, len, _("the sum %s"), sum);
			} else {
				snprintf(buf, len, _("the address of %s"), bare);
			}
			return;
		}
	}
	if (indirect) {
		if (is_reg)
			snprintf(buf, len, _("the address in %s"), bare);
		else
			/* TRANSLATORS: an indirect jump or call: where to is read from memory */
			snprintf(buf, len, _("the address stored in %s"), bare);
		return;
	}
	if (mode == 'c' && is_reg) {
		/* TRANSLATORS: a shift's count in a register, "%cl" */
		snprintf(buf, len, _("the number of bits in %s"), bare);
		return;
	}
	if (mode == 'i' && is_reg) {
		/* TRANSLATORS: a bit's number in a register, "%eax" */
		snprintf(buf, len, _("the bit whose number is in %s"), bare);
		return;
	}
	if (mode == 'n' && is_reg) {
		/* TRANSLATORS: a shift count in a register, "%cl" */
		snprintf(buf, len, _("the number in %s"), bare);
		return;
	}
	if (mode == 'f' && fp) {
		const char *w = prep == PREP_AT ? place : bare;
		int at = prep == PREP_AT;
		if (fp == 's')
			snprintf(buf, len, at ? _("the float at %s") : _("the float in %s"), w);
		else if (fp == 'd')
			snprintf(buf, len, at ? _("the double at %s") : _("the double in %s"), w);
		else if (fp == 'O')
			snprintf(buf, len, at ? _("the 8 floats at %s") : _("the 8 floats in %s"), w);
		else if (fp == 'Q')
			snprintf(buf, len, at ? _("the 4 doubles at %s") : _("the 4 doubles in %s"), w);
		else if (fp == 'S')
			snprintf(buf, len, at ? _("the 4 floats at %s") : _("the 4 floats in %s"), w);
		else
			snprintf(buf, len, at ? _("the 2 doubles at %s") : _("the 2 doubles in %s"), w);
		return;
	}
	if (mode == 's' && size && prep == PREP_IN)
		/* TRANSLATORS: a value and where it is: "the 4 bytes in %edi" */
		snprintf(buf, len, ngettext("the %1$d byte in %2$s", "the %1$d bytes in %2$s",
					    (unsigned long)size), size, bare);
	else if (mode == 's' && size && prep == PREP_AT)
		/* TRANSLATORS: a value and its address: "the 8 bytes at %rax+8" */
		snprintf(buf, len, ngettext("the %1$d byte at %2$s", "the %1$d bytes at %2$s",
					    (unsigned long)size), size, place);
	else
		snprintf(buf, len, "%s", bare);
}
