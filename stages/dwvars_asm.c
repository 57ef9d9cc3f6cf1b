/* dwvars: what the .s text says, for the variables: each line's address from the
 * assembler's listing, the CFA rule of the .cfi_* directives, the operands of an instruction
 * and the registers they name. See dwvars.h and dwvars_int.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/dwvars.h"
#include "stages/dwvars_int.h"

/* The x86-64 DWARF registers (System V psABI, figure 3.36) at each width. */
static const char *const dwvars_regs[17][4] = {
	{ "%al", "%ax", "%eax", "%rax" },     { "%dl", "%dx", "%edx", "%rdx" },
	{ "%cl", "%cx", "%ecx", "%rcx" },     { "%bl", "%bx", "%ebx", "%rbx" },
	{ "%sil", "%si", "%esi", "%rsi" },    { "%dil", "%di", "%edi", "%rdi" },
	{ "%bpl", "%bp", "%ebp", "%rbp" },    { "%spl", "%sp", "%esp", "%rsp" },
	{ "%r8b", "%r8w", "%r8d", "%r8" },    { "%r9b", "%r9w", "%r9d", "%r9" },
	{ "%r10b", "%r10w", "%r10d", "%r10" }, { "%r11b", "%r11w", "%r11d", "%r11" },
	{ "%r12b", "%r12w", "%r12d", "%r12" }, { "%r13b", "%r13w", "%r13d", "%r13" },
	{ "%r14b", "%r14w", "%r14d", "%r14" }, { "%r15b", "%r15w", "%r15d", "%r15" },
	{ "%rip", "%rip", "%rip", "%rip" },
};

const char *dwvars_reg_name(int reg, long long size)
{
	static const char *const xmm[16] = {
		"%xmm0", "%xmm1", "%xmm2",  "%xmm3",  "%xmm4",  "%xmm5",  "%xmm6",  "%xmm7",
		"%xmm8", "%xmm9", "%xmm10", "%xmm11", "%xmm12", "%xmm13", "%xmm14", "%xmm15",
	};
	if (reg >= 17 && reg <= 32)
		return xmm[reg - 17];
	if (reg < 0 || reg > 16)
		return "%r?";
	int w = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
	return dwvars_regs[reg][w];
}

int dwvars_reg_number(const char *name, size_t len)
{
	if (len && *name == '%') {
		name++;
		len--;
	}
	char n[8];
	if (len == 0 || len >= sizeof n - 1)
		return -1;
	n[0] = '%';
	memcpy(n + 1, name, len);
	n[len + 1] = '\0';
	for (int r = 0; r < 17; r++)
		for (int w = 0; w < 4; w++)
			if (strcmp(dwvars_regs[r][w], n) == 0)
				return r;
	/* %ah %bh %ch %dh: the second byte of a, b, c, d */
	static const char *const high[4] = { "%ah", "%dh", "%ch", "%bh" };
	for (int r = 0; r < 4; r++)
		if (strcmp(high[r], n) == 0)
			return r;
	if (strncmp(n, "%xmm", 4) == 0 || strncmp(n, "%ymm", 4) == 0 || strncmp(n, "%zmm", 4) == 0) {
		char *end;
		long k = strtol(n + 4, &end, 10);
		if (*end == '\0' && end != n + 4 && k >= 0 && k < 16)
			return 17 + (int)k;
	}
	return -1;
}

static int dwvars_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int dwvars_blank_c(char c)
{
	return c == ' ' || c == '\t';
}

/* ---- the listing: each .s line's offset in its section ---- */

static int dwvars_hex(int c)
{
	return isdigit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* gas -aln prints "%4d %04x HEXBYTES \tSOURCE" for a line that makes bytes, and a
 * continuation line "%4d      HEXBYTES" for the rest of them: the first offset of each
 * line number is its address in the section it is in. */
void dwvars_listing(const char *lst, size_t len, struct dwvars_line *lines, size_t n_lines)
{
	const char *p = lst, *end = lst + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *q = p;
		while (q < e && *q == ' ')
			q++;
		unsigned long num = 0;
		int digits = 0;
		while (q < e && isdigit((unsigned char)*q) && digits < 12) {
			num = num * 10 + (unsigned long)(*q - '0');
			q++;
			digits++;
		}
		if (digits && q < e && *q == ' ') {
			q++;
			long long off = 0;
			int hd = 0;
			while (q < e && dwvars_hex((unsigned char)*q) >= 0 && hd < 16) {
				off = off * 16 + dwvars_hex((unsigned char)*q);
				q++;
				hd++;
			}
			/* an offset is followed by a blank and the bytes (a hex digit) */
			if (hd && q + 1 < e && *q == ' ' && dwvars_hex((unsigned char)q[1]) >= 0 &&
			    num >= 1 && num <= n_lines && lines[num].addr < 0)
				lines[num].addr = off;
		}
		p = e + 1;
	}
}

/* ---- the .cfi_* directives ---- */

/* A register as a .cfi directive names it: a DWARF number or %name. */
static int dwvars_cfi_reg(const char *s, const char **end)
{
	while (dwvars_blank_c(*s))
		s++;
	if (*s == '%') {
		size_t n = 1;
		while (s[n] && s[n] != ',' && !dwvars_blank_c(s[n]))
			n++;
		*end = s + n;
		return dwvars_reg_number(s, n);
	}
	char *e;
	long r = strtol(s, &e, 10);
	*end = e;
	return e == s ? -1 : (int)r;
}

/* Follow one line: the CFA rule changes at a .cfi_* directive. */
void dwvars_cfi_line(struct dwvars_cfi *c, const char *text)
{
	while (dwvars_blank_c(*text))
		text++;
	if (strncmp(text, ".cfi_", 5) != 0)
		return;
	char name[24];
	size_t n = strcspn(text + 5, " \t");
	if (n >= sizeof name)
		return;
	memcpy(name, text + 5, n);
	name[n] = '\0';
	const char *arg = text + 5 + n, *e;
	if (strcmp(name, "startproc") == 0) {
		/* x86-64's initial rule: the CFA is %rsp+8, above the return address just
		 * pushed ("simple" starts with no rule at all) */
		c->now = (struct dwvars_ctx){ strstr(arg, "simple") == NULL, 7, 8 };
		c->depth = 0;
	} else if (strcmp(name, "endproc") == 0) {
		c->now.cfa_ok = 0;
	} else if (strcmp(name, "def_cfa") == 0) {
		int r = dwvars_cfi_reg(arg, &e);
		const char *comma = strchr(e, ',');
		c->now.cfa_ok = r >= 0 && comma;
		if (c->now.cfa_ok) {
			c->now.cfa_reg = r;
			c->now.cfa_off = strtoll(comma + 1, NULL, 0);
		}
	} else if (strcmp(name, "def_cfa_offset") == 0) {
		c->now.cfa_off = strtoll(arg, NULL, 0);
	} else if (strcmp(name, "def_cfa_register") == 0) {
		int r = dwvars_cfi_reg(arg, &e);
		if (r >= 0)
			c->now.cfa_reg = r;
		else
			c->now.cfa_ok = 0;
	} else if (strcmp(name, "adjust_cfa_offset") == 0) {
		c->now.cfa_off += strtoll(arg, NULL, 0);
	} else if (strcmp(name, "remember_state") == 0) {
		if (c->depth < DWVARS_CFI_DEPTH)
			c->saved[c->depth] = c->now;
		c->depth++;
	} else if (strcmp(name, "restore_state") == 0) {
		if (c->depth > 0 && --c->depth < DWVARS_CFI_DEPTH)
			c->now = c->saved[c->depth];
		else
			c->now.cfa_ok = 0;
	} else if (strcmp(name, "escape") == 0 || strcmp(name, "def_cfa_expression") == 0) {
		/* raw bytes: the rule is no longer known */
		c->now.cfa_ok = 0;
	}
}

/* ---- operands ---- */


/* Record the variables of line l's places that are at register reg (mem: at reg + disp)
 * as operand text (len bytes). */
static int dwvars_add(struct dwvars *d, const struct dwvars_line *l, int mem, int reg,
		      long long disp, int indexed, const char *text, size_t len, size_t *cap_ops)
{
	for (size_t i = l->place; i < l->place + l->n_places; i++) {
		const struct dwvars_place *p = &d->places[i];
		const struct dwvars_var *v = &d->vars[p->var];
		long long into = 0;
		if (mem) {
			if (p->where != DWVARS_STACK || p->reg != reg)
				continue;
			into = disp - p->off;
			if (into < 0 || into >= (v->size > 0 ? v->size : 1))
				continue;
		} else if (p->where != DWVARS_REG || p->reg != reg) {
			continue;
		}
		if (dwvars_grow((void **)&d->ops, cap_ops, d->n_ops, sizeof *d->ops))
			return -1;
		const char *kept = dwvars_keep(d, text, len);
		if (!kept)
			return -1;
		d->ops[d->n_ops++] = (struct dwvars_op){ p->var, kept, into, indexed };
	}
	return 0;
}

/* Match one operand (s, len bytes, trimmed) of line ln against its places. A register the
 * instruction writes (the last of two or more operands) is matched with the places after
 * it, at the next instruction after: `leaq .LC0(%rip), %rdi` ends argc's life in %rdi, and
 * `movl %edi, %eax` may begin x's in %eax. */
static int dwvars_match(struct dwvars *d, size_t ln, size_t after, const char *s, size_t len,
			size_t *cap_ops)
{
	const char *t = s;
	size_t tl = len;
	if (tl && *t == '*') {
		t++;
		tl--;
	}
	if (!tl || memchr(t, ':', tl) || *t == '$')
		return 0;
	if (*t == '%') {
		int reg = dwvars_reg_number(t, tl);
		return reg < 0 ? 0 : dwvars_add(d, &d->lines[after ? after : ln], 0, reg, 0, 0, s, len,
						 cap_ops);
	}
	const char *open = memchr(t, '(', tl);
	if (!open)
		return 0;
	const char *close = memchr(open, ')', tl - (size_t)(open - t));
	if (!close)
		return 0;
	/* the registers of the address, each a variable's value when one lives there:
	 * 1(%rdi,%rdi) is a*2+1 when a is in %rdi */
	const struct dwvars_line *l = &d->lines[ln];
	for (const char *r = open + 1; r < close;) {
		size_t rl = strcspn(r, ",)");
		while (rl && dwvars_blank_c(*r)) {
			r++;
			rl--;
		}
		int reg = *r == '%' ? dwvars_reg_number(r, rl) : -1;
		if (reg >= 0 && dwvars_add(d, l, 0, reg, 0, 0, r, rl, cap_ops))
			return -1;
		r += rl + 1;
	}
	/* the displacement: a decimal number or nothing */
	long long disp = 0;
	char num[32];
	size_t nl = (size_t)(open - t);
	if (nl >= sizeof num)
		return 0;
	memcpy(num, t, nl);
	num[nl] = '\0';
	if (nl) {
		char *end;
		errno = 0;
		disp = strtoll(num, &end, 10);
		if (*end || errno)
			return 0;
	}
	const char *comma = memchr(open, ',', (size_t)(close - open));
	const char *be = comma ? comma : close;
	int reg = dwvars_reg_number(open + 1, (size_t)(be - open - 1));
	return reg < 0 ? 0 : dwvars_add(d, l, 1, reg, disp, comma != NULL, s, len, cap_ops);
}

/* Split line ln's operands at the commas outside parentheses and match each; next is the
 * next instruction line of the same function, 0 when none. */
int dwvars_operands(struct dwvars *d, const struct asmmap *g, size_t ln, size_t next,
		    size_t *cap_ops)
{
	const struct asmmap_line *al = &g->lines[ln];
	const char *text = asmmap_line_text(g, ln);
	size_t len = strlen(text);
	size_t i = al->word + al->word_len;
	if (i > len)
		return 0;
	while (i < len && dwvars_blank((unsigned char)text[i]))
		i++;
	const char *end = memchr(text + i, '#', len - i);
	size_t stop = end ? (size_t)(end - text) : len;
	d->lines[ln].op = d->n_ops;
	size_t k = 0;
	while (i < stop) {
		int depth = 0;
		size_t j = i;
		while (j < stop && (depth || text[j] != ',')) {
			depth += text[j] == '(' ? 1 : text[j] == ')' ? -1 : 0;
			j++;
		}
		int last = j >= stop;
		size_t a = i, b = j;
		while (a < b && dwvars_blank((unsigned char)text[a]))
			a++;
		while (b > a && dwvars_blank((unsigned char)text[b - 1]))
			b--;
		if (b > a && dwvars_match(d, ln, last && k ? next : 0, text + a, b - a, cap_ops))
			return -1;
		k++;
		i = j + 1;
	}
	d->lines[ln].n_ops = d->n_ops - d->lines[ln].op;
	return 0;
}
