/* insn: an instruction line of the .s read into one sentence: its mnemonic matched against
 * the table (stages/insn_table.c), its operands read into words, the whole put together.
 *
 * Contract: see insn.h. Operands are read as gcc writes them: registers %name, constants
 * $N or $SYM, memory SEG:DISP(BASE,INDEX,SCALE) with every part optional, targets SYM,
 * SYM@PLT, *REG, *MEM. What is not understood is shown as written, never guessed at.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/insn.h"
#include "stages/insn_int.h"


/* ---- filling a template ---- */

/* Copy the template t into buf (len bytes), %N$s taking args[N-1] (of n) and %% a '%';
 * anything else as it is. */
static void insn_fill(char *buf, size_t len, const char *t, const char *const *args, int n)
{
	size_t o = 0;
	if (!len)
		return;
	for (const char *p = t; *p && o + 1 < len; p++) {
		const char *add = NULL;
		size_t skip = 0;
		if (p[0] == '%' && p[1] == '%') {
			add = "%";
			skip = 1;
		} else if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's' &&
			   p[1] - '1' < n) {
			add = args[p[1] - '1'];
			skip = 3;
		}
		if (!add) {
			buf[o++] = *p;
			continue;
		}
		for (const char *a = add; *a && o + 1 < len; a++)
			buf[o++] = *a;
		p += skip;
	}
	buf[o] = '\0';
}

/* ---- the line ---- */


static int insn_word_char(int c)
{
	return isalnum(c) || c == '_';
}

size_t insn_mnemonic(const char *line, const char **start)
{
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	/* a label before the statement: NAME: */
	const char *q = p;
	while (*q && (insn_word_char((unsigned char)*q) || *q == '.' || *q == '$'))
		q++;
	if (q > p && *q == ':') {
		p = q + 1;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	if (!islower((unsigned char)*p))
		return 0;
	q = p;
	while (insn_word_char((unsigned char)*q))
		q++;
	if (*q && *q != ' ' && *q != '\t' && *q != '#' && *q != '\n' && *q != ';')
		return 0;
	*start = p;
	return (size_t)(q - p);
}

static int insn_is_prefix(const char *s, size_t n);

/* Split a line into its prefix, mnemonic and operands. 0, or -1 when it holds no
 * instruction. */
int insn_parse(const char *line, struct insn_parsed *ip)
{
	memset(ip, 0, sizeof *ip);
	const char *m;
	size_t n = insn_mnemonic(line, &m);
	if (!n)
		return -1;
	const char *p = m + n;
	if (insn_is_prefix(m, n) && n < sizeof ip->prefix) {
		memcpy(ip->prefix, m, n);
		const char *m2;
		size_t n2 = insn_mnemonic(p, &m2);
		if (n2) {
			m = m2;
			n = n2;
			p = m + n;
		} else {
			ip->prefix[0] = '\0';
		}
	}
	if (n >= sizeof ip->mnem)
		n = sizeof ip->mnem - 1;
	memcpy(ip->mnem, m, n);
	while (*p == ' ' || *p == '\t')
		p++;
	int depth = 0;
	size_t o = 0;
	int any = 0;
	for (; *p && *p != '\n' && *p != '#' && *p != ';'; p++) {
		if (*p == '"')
			break;
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		if (*p == ',' && !depth) {
			if (ip->nops < INSN_MAX_OPS)
				ip->nops++;
			o = 0;
			continue;
		}
		if ((*p == ' ' || *p == '\t') && o == 0)
			continue;
		any = 1;
		if (ip->nops < INSN_MAX_OPS && o + 1 < INSN_OP_LEN)
			ip->ops[ip->nops][o++] = *p;
	}
	if (any || ip->nops)
		ip->nops++;
	if (ip->nops > INSN_MAX_OPS)
		ip->nops = INSN_MAX_OPS;
	for (int i = 0; i < ip->nops; i++) {
		size_t l = strlen(ip->ops[i]);
		while (l && (ip->ops[i][l - 1] == ' ' || ip->ops[i][l - 1] == '\t'))
			ip->ops[i][--l] = '\0';
	}
	return 0;
}

/* ---- the table ---- */


static int insn_size_of(char c)
{
	return c == 'b' ? 1 : c == 'w' ? 2 : c == 'l' ? 4 : c == 'q' ? 8 : 0;
}

static int insn_cond_find(const char *s)
{
	for (size_t i = 0; i < insn_n_conds; i++)
		if (strcmp(insn_conds[i].cc, s) == 0)
			return (int)i;
	return -1;
}

static int insn_is_prefix(const char *s, size_t n)
{
	for (size_t i = 0; i < insn_n_families; i++)
		if (insn_families[i].match == INSN_M_PREFIX && strlen(insn_families[i].name) == n &&
		    memcmp(insn_families[i].name, s, n) == 0)
			return 1;
	return 0;
}

/* Whether family f spells mnemonic m; the suffix's meaning into *h. */
static int insn_match_one(const struct insn_family *f, const char *m, struct insn_hit *h)
{
	size_t sl = strlen(f->name), ml = strlen(m);
	if (ml < sl || memcmp(f->name, m, sl) != 0)
		return 0;
	const char *rest = m + sl;
	memset(h, 0, sizeof *h);
	h->f = f;
	h->cond = -1;
	h->fp = f->fp == 's' || f->fp == 'd' || f->fp == 'S' || f->fp == 'D' ? f->fp : 0;
	switch (f->match) {
	case INSN_M_EXACT:
	case INSN_M_PREFIX:
		if (*rest)
			return 0;
		h->size = insn_size_of(f->fp);
		return 1;
	case INSN_M_SIZE:
		if (!*rest)
			return 1;
		if (rest[1] || !insn_size_of(rest[0]))
			return 0;
		h->size = insn_size_of(rest[0]);
		return 1;
	case INSN_M_CC:
		h->cond = insn_cond_find(rest);
		return h->cond >= 0;
	case INSN_M_FP:
		if (strcmp(rest, "ss") == 0)
			h->fp = 's';
		else if (strcmp(rest, "sd") == 0)
			h->fp = 'd';
		else if (strcmp(rest, "ps") == 0)
			h->fp = 'S';
		else if (strcmp(rest, "pd") == 0)
			h->fp = 'D';
		else
			return 0;
		return 1;
	case INSN_M_LANE:
		if (!rest[0] || rest[1])
			return 0;
		h->lane = rest[0] == 'd' ? 4 : rest[0] == 'q' ? 8 : insn_size_of(rest[0]);
		return rest[0] != 'l' && h->lane > 0;
	case INSN_M_EXT:
		if (!rest[0] || !rest[1] || rest[2])
			return 0;
		h->ext_from = insn_size_of(rest[0]);
		h->ext_to = insn_size_of(rest[1]);
		return h->ext_from && h->ext_to && h->ext_from < h->ext_to;
	default:
		return 0;
	}
}

/* The family of mnemonic m with nops operands (-1: any number), a whole mnemonic's entry
 * before a stem's. 1 when found. */
int insn_lookup(const char *m, int nops, struct insn_hit *h)
{
	int found = 0;
	for (int pass = 0; pass < 2 && !found; pass++)
		for (size_t i = 0; i < insn_n_families && !found; i++) {
			const struct insn_family *f = &insn_families[i];
			if ((f->match == INSN_M_EXACT || f->match == INSN_M_PREFIX) != (pass == 0))
				continue;
			if (nops >= 0 && (int)strlen(f->ops) != nops)
				continue;
			found = insn_match_one(f, m, h);
		}
	return found;
}

int insn_known(const char *s, size_t len)
{
	char m[32];
	struct insn_hit h;
	if (!len || len >= sizeof m)
		return 0;
	memcpy(m, s, len);
	m[len] = '\0';
	if (insn_lookup(m, -1, &h))
		return 1;
	/* the AVX (VEX) spelling of an SSE instruction: v + its name */
	return m[0] == 'v' && insn_lookup(m + 1, -1, &h) && (h.f->match == INSN_M_FP || h.fp ||
	       h.f->match == INSN_M_LANE || (h.f->match == INSN_M_EXACT && h.f->name[0] != 'v') ||
	       (h.f->match == INSN_M_SIZE && strcmp(h.f->name, "mov") == 0 &&
		(m[4] == 'd' || m[4] == 'q') && !m[5]));
}

/* A family's few words, its condition's name filled in, and what the mnemonic's suffix
 * says: "copy (4 bytes)", "add (a double)", "copy, zero-extended (1 byte to 4)". */
static void insn_gloss_of(const struct insn_hit *h, char *buf, size_t len)
{
	const char *args[1] = { h->cond >= 0 ? _(insn_conds[h->cond].name) : "" };
	char g[200];
	insn_fill(g, sizeof g, _(h->f->gloss), args, 1);
	if (h->f->match == INSN_M_SIZE && h->size && !h->fp && *h->f->ops)
		/* TRANSLATORS: an instruction's few words and its operands' size: "copy (4
		   bytes)" */
		snprintf(buf, len, ngettext("%1$s (%2$d byte)", "%1$s (%2$d bytes)",
					    (unsigned long)h->size), g, h->size);
	else if (h->f->match == INSN_M_EXT)
		/* TRANSLATORS: a widening copy's words and sizes: "copy, zero-extended (1 byte
		   to 4)" */
		snprintf(buf, len, ngettext("%1$s (%2$d byte to %3$d)", "%1$s (%2$d bytes to %3$d)",
					    (unsigned long)h->ext_from), g, h->ext_from, h->ext_to);
	else if (h->f->match == INSN_M_FP)
		snprintf(buf, len, h->fp == 's' ? _("%s (a float)") : h->fp == 'd' ?
			 _("%s (a double)") : h->fp == 'S' ? _("%s (4 floats)") : _("%s (2 doubles)"),
			 g);
	else if (h->f->match == INSN_M_LANE)
		/* TRANSLATORS: a vector instruction's words and its lanes' size */
		snprintf(buf, len, ngettext("%1$s (%2$d-byte lanes)", "%1$s (%2$d-byte lanes)",
					    (unsigned long)h->lane), g, h->lane);
	else
		snprintf(buf, len, "%s", g);
}

const char *insn_gloss(const char *s, size_t n, char *buf, size_t len)
{
	char m[32];
	struct insn_hit h;
	if (!n || n >= sizeof m || !len)
		return NULL;
	memcpy(m, s, n);
	m[n] = '\0';
	if (insn_lookup(m, -1, &h)) {
		insn_gloss_of(&h, buf, len);
		return buf;
	}
	if (m[0] == 'v' && insn_known(m, n) && insn_lookup(m + 1, -1, &h)) {
		char g[160];
		insn_gloss_of(&h, g, sizeof g);
		/* TRANSLATORS: the few words of an instruction in its AVX spelling: %s is the
		   SSE instruction's ("add (floating point)") */
		snprintf(buf, len, _("%s (AVX)"), g);
		return buf;
	}
	return NULL;
}

/* ---- the sentence ---- */

/* The condition a jcc, setcc or cmovcc tests, in words, from the cmp or test that set the
 * flags when ctx names it. */
static void insn_cond_words(int cond, const struct insn_ctx *c, char *buf, size_t len)
{
	const struct insn_cond *k = &insn_conds[cond];
	struct insn_parsed fl;
	struct insn_hit h;
	if (c && c->flags_by && insn_parse(c->flags_by, &fl) == 0 && fl.nops == 2 &&
	    insn_lookup(fl.mnem, 2, &h)) {
		const char *n = h.f->name;
		int cmp = strcmp(n, "cmp") == 0 || strcmp(n, "comi") == 0 || strcmp(n, "ucomi") == 0;
		int test = strcmp(n, "test") == 0 && strcmp(fl.ops[0], fl.ops[1]) == 0;
		/* cmp $0, X sets the flags as test X, X does: "X is negative", not "X minus 0" */
		if (strcmp(n, "cmp") == 0 && strcmp(fl.ops[0], "$0") == 0 && k->test &&
		    (strcmp(k->cc, "s") == 0 || strcmp(k->cc, "ns") == 0)) {
			cmp = 0;
			test = 1;
		}
		char a[INSN_PHRASE], b[INSN_PHRASE];
		insn_op_words(fl.ops[1], 'b', 0, 0, c, 0, b, sizeof b);
		insn_op_words(fl.ops[0], 'b', 0, 0, c, 0, a, sizeof a);
		const char *args[2] = { b, a };
		if (cmp) {
			insn_fill(buf, len, _(k->cmp), args, 2);
			return;
		}
		if (test && k->test) {
			insn_fill(buf, len, _(k->test), args, 1);
			return;
		}
	}
	snprintf(buf, len, "%s", _(k->generic));
}

/* The size in bytes an instruction works on: its suffix's, else its first general
 * register's; 0 when neither says. */
static int insn_work_size(const struct insn_parsed *ip, const struct insn_hit *h)
{
	if (h->size)
		return h->size;
	for (int k = 0; k < ip->nops; k++) {
		int rs;
		if (ip->ops[k][0] == '%' && insn_reg(ip->ops[k] + 1, &rs) >= 0 && rs < 16)
			return rs;
	}
	return 0;
}

/* The sentences of the prologue, the epilogue and the stack's own arithmetic, which say
 * more than the instruction's family does; 1 when one was written. */
static int insn_special(const struct insn_parsed *ip, const struct insn_hit *h,
			const struct insn_ctx *c, char *buf, size_t len)
{
	unsigned bits = c ? c->bits : 0;
	const char *n = h->f->name;
	if (strcmp(n, "push") == 0 && ip->nops == 1 && strcmp(ip->ops[0], "%rbp") == 0 &&
	    (bits & INSN_CTX_PROLOGUE)) {
		snprintf(buf, len, "%s", _("The prologue begins: save the caller's frame pointer, "
				      "%rbp, on the stack; this function sets up its own in %rbp "
				      "next and must give the caller's back before it returns."));
		return 1;
	}
	if (strcmp(n, "mov") == 0 && ip->nops == 2 && strcmp(ip->ops[0], "%rsp") == 0 &&
	    strcmp(ip->ops[1], "%rbp") == 0 && (bits & INSN_CTX_FRAME)) {
		snprintf(buf, len, "%s", _("The prologue: copy the stack pointer %rsp into %rbp, "
				      "which from now on is this function's frame pointer: its "
				      "local variables live in the stack slots below it, each at "
				      "a fixed distance from %rbp."));
		return 1;
	}
	if (strcmp(n, "pop") == 0 && ip->nops == 1 && strcmp(ip->ops[0], "%rbp") == 0 &&
	    (bits & INSN_CTX_EPILOGUE)) {
		snprintf(buf, len, "%s", _("The epilogue: pop the caller's frame pointer back into "
				      "%rbp, undoing the prologue's pushq %rbp, just before "
				      "returning."));
		return 1;
	}
	/* %al before a call: how many vector registers carry a variadic function's arguments */
	if ((bits & INSN_CTX_BEFORE_CALL) && ip->nops == 2 &&
	    (strcmp(ip->ops[1], "%eax") == 0 || strcmp(ip->ops[1], "%al") == 0) &&
	    ((strcmp(n, "mov") == 0 && ip->ops[0][0] == '$') ||
	     (strcmp(n, "xor") == 0 && strcmp(ip->ops[0], ip->ops[1]) == 0))) {
		const char *v = strcmp(n, "xor") == 0 ? "0" : ip->ops[0] + 1;
		/* TRANSLATORS: %1$s is a number, %2$s the register set ("%eax") */
		snprintf(buf, len, _("Set %2$s to %1$s just before the call: a function with a "
				     "variable number of arguments, such as printf, reads in %%al "
				     "how many vector registers (%%xmm) carry arguments, so gcc "
				     "sets it before calling one."), v, ip->ops[1]);
		return 1;
	}
	if ((strcmp(n, "xor") == 0 || strcmp(n, "pxor") == 0 || strcmp(n, "sub") == 0) &&
	    ip->nops == 2 && ip->ops[0][0] == '%' && strcmp(ip->ops[0], ip->ops[1]) == 0) {
		char reg[INSN_PHRASE];
		insn_op_words(ip->ops[1], 'b', 0, 0, c, 1, reg, sizeof reg);
		/* TRANSLATORS: xorl %eax, %eax; %1$s is the register, %2$s the mnemonic */
		snprintf(buf, len, _("Set %1$s to zero: %2$s of a register with itself is gcc's "
				     "shortest way to write 0."), reg, ip->mnem);
		return 1;
	}
	if (strcmp(n, "test") == 0 && ip->nops == 2 && strcmp(ip->ops[0], ip->ops[1]) == 0) {
		char v[INSN_PHRASE];
		insn_op_words(ip->ops[0], 'b', 0, 0, c, 0, v, sizeof v);
		/* TRANSLATORS: testl %eax, %eax; %1$s is the register tested */
		snprintf(buf, len, _("Test whether %1$s is zero or negative: AND it with itself and "
				     "keep only the flags, for the conditional jump, set or move "
				     "that follows."), v);
		return 1;
	}
	/* movl %edi, %edi: no copy at all, but the upper half of %rdi cleared */
	int rs;
	if (strcmp(n, "mov") == 0 && ip->nops == 2 && strcmp(ip->ops[0], ip->ops[1]) == 0 &&
	    ip->ops[0][0] == '%' && insn_reg(ip->ops[0] + 1, &rs) >= 0 && rs == 4) {
		/* TRANSLATORS: movl %edi, %edi; %1$s is the register ("%edi") */
		snprintf(buf, len, _("Copy %1$s into itself, which looks like nothing but clears "
				     "the upper 4 bytes of the 8-byte register %1$s is part of: "
				     "writing a 4-byte register always zeroes the upper half, and "
				     "gcc uses it to widen an unsigned value to 8 bytes."),
			 ip->ops[0]);
		return 1;
	}
	if (strcmp(n, "jmp") == 0 && ip->nops == 1 && ip->ops[0][0] == '*' && ip->ops[0][1] == '%' &&
	    !strchr(ip->ops[0], '(')) {
		/* TRANSLATORS: jmp *%rax; %1$s is the register */
		snprintf(buf, len, _("Jump to the address in %1$s: an indirect jump, as gcc writes a "
				     "switch whose cases' addresses it keeps in a table (a jump "
				     "table), or a tail call through a function pointer."),
			 ip->ops[0] + 1);
		return 1;
	}
	/* a tail call: jmp to a function rather than to a label of this one */
	if (strcmp(n, "jmp") == 0 && ip->nops == 1 && ip->ops[0][0] != '.' &&
	    ip->ops[0][0] != '*' && ip->ops[0][0] != '%') {
		char t[INSN_PHRASE];
		insn_op_words(ip->ops[0], 't', 0, 0, c, 0, t, sizeof t);
		/* TRANSLATORS: jmp printf@PLT at the end of a function; %1$s the function */
		snprintf(buf, len, _("Jump to %1$s: a tail call, where a call and a return would "
				     "be; it returns straight to this function's caller."), t);
		return 1;
	}
	long v;
	if ((strcmp(n, "sub") == 0 || strcmp(n, "add") == 0) && ip->nops == 2 &&
	    strcmp(ip->ops[1], "%rsp") == 0 && ip->ops[0][0] == '$' &&
	    insn_is_number(ip->ops[0] + 1, &v) && v > 0) {
		if (n[0] == 's')
			/* TRANSLATORS: %ld is the bytes subtracted from %rsp */
			snprintf(buf, len, ngettext("Make room on the stack: move the stack pointer "
						    "%%rsp down by %ld byte, for this function's stack "
						    "slots and the arguments of the calls it makes (or "
						    "only to keep %%rsp a multiple of 16 at each call, "
						    "as the ABI asks).",
						    "Make room on the stack: move the stack pointer "
						    "%%rsp down by %ld bytes, for this function's stack "
						    "slots and the arguments of the calls it makes (or "
						    "only to keep %%rsp a multiple of 16 at each call, "
						    "as the ABI asks).",
						    (unsigned long)v), v);
		else
			snprintf(buf, len, ngettext("Give back %ld byte of the stack: move the stack "
						    "pointer %%rsp up by as much.",
						    "Give back %ld bytes of the stack: move the stack "
						    "pointer %%rsp up by as much.", (unsigned long)v), v);
		return 1;
	}
	return 0;
}

/* The registers an instruction uses without naming them, which depend on its size: the
 * dividend, quotient and remainder of div and idiv (%edx:%eax, %eax, %edx for divl; %ax,
 * %al, %ah for divb), the factor and product of mul and a one-operand imul, cmpxchg's
 * accumulator, a string operation's bytes and register. Written after the operands' words
 * into args (at most room entries; the texts in buf, len bytes); the number added, 0 when
 * the family has none. */
static int insn_implicit(const struct insn_parsed *ip, const struct insn_hit *h,
			 const char **args, int room, char *buf, size_t len)
{
	static const char *const acc[] = { "%al", "%ax", "%eax", "%rax" };
	static const char *const hi[] = { "%ah", "%dx", "%edx", "%rdx" };
	static const char *const pair[] = { "%ax", "%dx:%ax", "%edx:%eax", "%rdx:%rax" };
	const char *n = h->f->name;
	int size = insn_work_size(ip, h);
	int i = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : size == 8 ? 3 : -1;
	int divide = !strcmp(n, "div") || !strcmp(n, "idiv");
	int multiply = (!strcmp(n, "mul") || !strcmp(n, "imul")) && ip->nops == 1;
	int string = !strcmp(n, "stos") || !strcmp(n, "movs") || !strcmp(n, "cmps") ||
		     !strcmp(n, "scas") || !strcmp(n, "lods");
	if (h->f->match != INSN_M_SIZE || room < 3 || len < 64)
		return 0;
	if (divide || multiply) {
		/* the dividend or product, the quotient or factor, the remainder */
		args[0] = i < 0 ? _("%rdx:%rax (or a smaller pair)") : pair[i];
		args[1] = i < 0 ? _("%rax (or its smaller part)") : acc[i];
		args[2] = i < 0 ? _("%rdx (or its smaller part)") : hi[i];
		return 3;
	}
	if (!strcmp(n, "cmpxchg")) {
		args[0] = i < 0 ? _("%rax (or its smaller part)") : acc[i];
		return 1;
	}
	if (string && i < 0) {
		args[0] = _("as many bytes as its operands say");
		args[1] = _("%al, %ax, %eax or %rax");
		return 2;
	}
	if (string) {
		/* TRANSLATORS: how many bytes a string instruction moves: "8 bytes" */
		snprintf(buf, len, ngettext("%d byte", "%d bytes", (unsigned long)size), size);
		args[0] = buf;
		args[1] = acc[i];
		return 2;
	}
	return 0;
}

/* 1 when operand s is %rax, or a smaller part of it, or %xmm0: a return value's place. */
static int insn_names_rax(const char *s)
{
	int size;
	return s[0] == '%' && (insn_reg(s + 1, &size) == 0 || strcmp(s, "%xmm0") == 0);
}

/* The sentence of an instruction whose family is h; the operands of ip. */
static void insn_sentence(const struct insn_parsed *ip, const struct insn_hit *h,
			  const struct insn_ctx *c, char *buf, size_t len)
{
	if (insn_special(ip, h, c, buf, len))
		return;
	char words[INSN_MAX_OPS + 1][INSN_PHRASE];
	const char *args[INSN_MAX_OPS + 1];
	struct insn_ctx src;
	int n = 0;
	const char *ops = h->f->ops;
	int ymm = 0;
	for (int k = 0; k < ip->nops; k++)
		ymm |= strncmp(ip->ops[k], "%ymm", 4) == 0;
	/* on the 32-byte %ymm registers: 8 floats, 4 doubles */
	char fp = ymm && h->fp == 'S' ? 'O' : ymm && h->fp == 'D' ? 'Q' : h->fp;
	for (; n < ip->nops && ops[n]; n++) {
		int size = h->size;
		if (h->f->match == INSN_M_EXT)
			size = n == 0 ? h->ext_from : h->ext_to;
		if (!size) {
			/* an operand without a size of its own takes the registers' */
			for (int k = 0; k < ip->nops && !size; k++) {
				int rs;
				if (ip->ops[k][0] == '%' && insn_reg(ip->ops[k] + 1, &rs) >= 0 &&
				    rs < 16)
					size = rs;
			}
		}
		int same = ip->nops == 2 && strcmp(ip->ops[0], ip->ops[1]) == 0;
		const struct insn_ctx *oc = c;
		if (c && (c->bits & INSN_CTX_BEFORE_RET) && n < ip->nops - 1 && ip->nops >= 2 &&
		    insn_names_rax(ip->ops[ip->nops - 1]) && !same) {
			/* movzbl %al, %eax before ret: %eax is the return value, %al not yet */
			src = *c;
			src.bits &= ~(unsigned)INSN_CTX_BEFORE_RET;
			oc = &src;
		}
		insn_op_words(ip->ops[n], ops[n], size, fp, oc, (n == ip->nops - 1 && n > 0) || same,
			      words[n], sizeof words[n]);
		args[n] = words[n];
	}
	int extra = insn_implicit(ip, h, args + n, INSN_MAX_OPS + 1 - n, words[n],
				  sizeof words[n]);
	if (extra)
		n += extra;
	else if (h->f->match == INSN_M_CC) {
		insn_cond_words(h->cond, c, words[n], sizeof words[n]);
		args[n] = words[n];
		n++;
	} else if ((h->f->match == INSN_M_EXACT || h->f->match == INSN_M_FP) && n == 2) {
		/* the registers' width, for the sentences that say it */
		args[n++] = ymm ? "32" : "16";
	} else if (h->f->match == INSN_M_LANE) {
		/* TRANSLATORS: a lane of a vector register: "4-byte integer" */
		snprintf(words[n], sizeof words[n], ngettext("%d-byte integer", "%d-byte integer",
							     (unsigned long)h->lane), h->lane);
		args[n] = words[n];
		n++;
	}
	insn_fill(buf, len, _(h->f->text), args, n);
	/* the sentence starts with a capital, whatever came first */
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

int insn_explain(const char *line, const struct insn_ctx *ctx, char *buf, size_t len)
{
	struct insn_parsed ip;
	struct insn_hit h;
	if (!len)
		return -1;
	buf[0] = '\0';
	if (insn_parse(line, &ip) < 0)
		return -1;
	if (insn_lookup(ip.mnem, ip.nops, &h) && h.f->match == INSN_M_PREFIX) {
		/* TRANSLATORS: %s is a prefix, "rep", written with no instruction after it */
		snprintf(buf, len, _("%s is a prefix: it changes the instruction written after it "
				     "on the same line, and there is none here."), ip.mnem);
		return 0;
	}
	if (insn_lookup(ip.mnem, ip.nops, &h)) {
		char inner[1024];
		if (ip.prefix[0]) {
			struct insn_hit ph;
			insn_sentence(&ip, &h, ctx, inner, sizeof inner);
			const char *fn = h.f->name;
			int string = !strcmp(fn, "stos") || !strcmp(fn, "movs") || !strcmp(fn, "cmps") ||
				     !strcmp(fn, "scas") || !strcmp(fn, "lods");
			if (!string && strncmp(ip.prefix, "rep", 3) == 0 && strcmp(fn, "bsf") == 0) {
				/* rep bsf is how gcc writes tzcnt for processors of either kind */
				char a[INSN_PHRASE], d[INSN_PHRASE];
				insn_op_words(ip.ops[0], 's', insn_work_size(&ip, &h), 0, ctx, 0, a,
					      sizeof a);
				insn_op_words(ip.ops[ip.nops - 1], 'b', 0, 0, ctx, 1, d, sizeof d);
				/* TRANSLATORS: rep bsf: %1$s the value, %2$s where the count goes */
				snprintf(buf, len, _("Count the zero bits of %1$s below its lowest set "
						     "bit into %2$s (C's __builtin_ctz): rep bsf is the "
						     "encoding of tzcnt, which a processor without it "
						     "runs as bsf, the position of the lowest set bit, "
						     "the same number when the value is not 0; rep "
						     "repeats nothing here."), a, d);
				return 0;
			}
			if (!string && strncmp(ip.prefix, "rep", 3) == 0) {
				/* TRANSLATORS: %1$s is the sentence of the instruction after the
				   prefix, %2$s the prefix */
				snprintf(buf, len, _("%1$s (The %2$s prefix repeats only string "
						     "instructions; before this one it changes nothing.)"),
					 inner, ip.prefix);
				return 0;
			}
			if (insn_lookup(ip.prefix, 0, &ph)) {
				const char *args[1] = { inner };
				insn_fill(buf, len, _(ph.f->text), args, 1);
				return 0;
			}
		}
		insn_sentence(&ip, &h, ctx, buf, len);
		return 0;
	}
	if (ip.mnem[0] == 'v' && !ip.prefix[0] && insn_known(ip.mnem, strlen(ip.mnem))) {
		/* AVX: the SSE instruction, or its three-operand form */
		struct insn_parsed sse = ip;
		memmove(sse.mnem, sse.mnem + 1, strlen(sse.mnem));
		char inner[1024];
		int ymm = 0;
		for (int i = 0; i < ip.nops; i++)
			ymm |= strstr(ip.ops[i], "%ymm") != NULL;
		if (insn_lookup(sse.mnem, ip.nops, &h)) {
			insn_sentence(&sse, &h, ctx, inner, sizeof inner);
			if (ymm)
				/* TRANSLATORS: %1$s is the sentence of the SSE instruction, %2$s the
				   AVX mnemonic */
				snprintf(buf, len, _("%1$s (%2$s is its AVX spelling, here on the "
						     "32-byte %%ymm registers.)"), inner, ip.mnem);
			else
				/* TRANSLATORS: %1$s is the sentence of the SSE instruction, %2$s the
				   AVX mnemonic */
				snprintf(buf, len, _("%1$s (%2$s is its AVX spelling.)"), inner,
					 ip.mnem);
			return 0;
		}
		/* the three-operand form: v OP A, B, D does what OP A, B does to B, but puts
		 * the result in D and leaves B as it was (AT&T: the second source first) */
		struct insn_parsed two = sse;
		two.nops = ip.nops - 1;
		if (ip.nops >= 3 && insn_lookup(two.mnem, two.nops, &h)) {
			char d[INSN_PHRASE], b[INSN_PHRASE];
			insn_sentence(&two, &h, ctx, inner, sizeof inner);
			if (strcmp(ip.ops[ip.nops - 2], ip.ops[ip.nops - 1]) == 0) {
				/* TRANSLATORS: %1$s is the sentence of the SSE instruction, %2$s the
				   AVX mnemonic */
				snprintf(buf, len, ymm ? _("%1$s (%2$s is its AVX spelling, here on "
							   "the 32-byte %%ymm registers.)") :
					 _("%1$s (%2$s is its AVX spelling.)"), inner, ip.mnem);
				return 0;
			}
			insn_op_words(ip.ops[ip.nops - 2], 'b', 0, 0, ctx, 0, b, sizeof b);
			insn_op_words(ip.ops[ip.nops - 1], 'b', 0, 0, ctx, 1, d, sizeof d);
			/* TRANSLATORS: an AVX instruction with three operands: %1$s is the sentence
			   of its SSE form (as if the result went into %4$s), %2$s the AVX
			   mnemonic, %3$s where the result goes instead, %4$s the input left as
			   it was */
			snprintf(buf, len, _("%1$s (In %2$s, the AVX form with one operand more, the "
					     "result goes into %3$s instead, and %4$s keeps its "
					     "value.)"), inner, ip.mnem, d, b);
			return 0;
		}
	}
	char name[64];
	snprintf(name, sizeof name, "%s%s%s", ip.prefix, ip.prefix[0] ? " " : "", ip.mnem);
	/* TRANSLATORS: %s is a mnemonic the table of instructions has no entry for */
	snprintf(buf, len, _("%s is not in this lesson's table of instructions, so it is not "
			     "explained here; the processor manual (Intel's or AMD's) describes "
			     "it."), name);
	return 1;
}
