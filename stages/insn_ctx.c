/* insn_ctx: what the lines around an instruction of a .s say of it, for its sentence
 * (stages/insn.h): whether the function sets up %rbp, which argument registers still hold
 * arguments (or are set for the call that follows), the cmp or test whose flags a jcc reads,
 * the prologue and the epilogue; and the list of the instructions a .s uses.
 *
 * Contract: see insn.h (insn_explain_at, insn_explain_memo, insn_uses). Reads a bounded
 * number of lines around the one explained, so that a long function stays quick.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/asmmap.h"
#include "stages/insn.h"
#include "stages/insn_int.h"

/* How far insn_explain_at() reads: the prologue's lines, and the lines before an
 * instruction whose writes it follows. */
#define INSN_PROLOGUE_LINES 64
#define INSN_SCAN_LINES 4000

/* ---- context from the lines around ---- */

/* Line k of m parsed when it is an instruction. */
static int insn_line(const struct asmmap *m, size_t k, struct insn_parsed *ip)
{
	return k >= 1 && k <= m->n_lines && m->lines[k].kind == ASMMAP_INSN &&
	       insn_parse(asmmap_line_text(m, k), ip) == 0;
}

static int insn_is(const struct insn_parsed *ip, const char *mnem, const char *a, const char *b)
{
	return strcmp(ip->mnem, mnem) == 0 && (!a || (ip->nops >= 1 && strcmp(ip->ops[0], a) == 0)) &&
	       (!b || (ip->nops >= 2 && strcmp(ip->ops[1], b) == 0));
}

/* The argument registers (bits as in insn_ctx.args) operand s names. */
static unsigned insn_op_args(const char *s)
{
	unsigned w = 0;
	for (const char *p = strchr(s, '%'); p; p = strchr(p + 1, '%')) {
		char name[8];
		size_t l = 0;
		while (l + 1 < sizeof name && isalnum((unsigned char)p[1 + l])) {
			name[l] = p[1 + l];
			l++;
		}
		name[l] = '\0';
		int size, a = insn_arg_index(insn_reg(name, &size));
		if (a >= 0)
			w |= 1u << a;
	}
	return w;
}

/* The argument registers instruction ip writes: its destination, what it changes without
 * naming it (the remainder of a division in %rdx, rep's counters), and every one of them
 * for a call, which may change them all. */
static unsigned insn_writes_args(const struct insn_parsed *ip)
{
	static const char *const reads_only[] = {
		"cmp", "test", "comi", "ucomi", "bt", "push", "j", "jmp", "nop", "prefetcht0",
	};
	static const char *const to_rdx[] = { "cltd", "cqto", "cqo", "idiv", "div", "mul", "rdtsc",
					      "cpuid" };
	struct insn_hit h;
	if (strcmp(ip->mnem, "call") == 0)
		return 0x3f;
	if (!insn_lookup(ip->mnem, ip->nops, &h))
		return ip->nops ? insn_op_args(ip->ops[ip->nops - 1]) : 0;
	unsigned w = 0;
	for (size_t i = 0; i < sizeof to_rdx / sizeof to_rdx[0]; i++)
		if (strcmp(h.f->name, to_rdx[i]) == 0 || (strcmp(h.f->name, "imul") == 0 &&
							   ip->nops == 1))
			w |= 1u << 2;
	if (ip->prefix[0])
		w |= 1u << 0 | 1u << 1 | 1u << 3;
	for (size_t i = 0; i < sizeof reads_only / sizeof reads_only[0]; i++)
		if (strcmp(h.f->name, reads_only[i]) == 0)
			return w;
	if (ip->nops && ip->ops[ip->nops - 1][0] == '%')
		w |= insn_op_args(ip->ops[ip->nops - 1]);
	if ((strcmp(h.f->name, "xchg") == 0 || strcmp(h.f->name, "xadd") == 0) && ip->nops == 2 &&
	    ip->ops[0][0] == '%')
		w |= insn_op_args(ip->ops[0]);
	return w;
}

/* The argument registers written in the loops line n is in (of function f, lines lo to
 * hi): the jumps after n, within a few thousand lines, back to a label of this function at
 * or above n each close a loop that holds n; the writes from the first such label to the
 * last such jump. */
static unsigned insn_loop_writes(const struct asmmap *m, size_t n, int f, size_t lo, size_t hi)
{
	enum { MAX_LABELS = 256 };
	size_t labels[MAX_LABELS];
	int nl = 0;
	for (size_t q = n; q >= lo && q >= 1 && q + INSN_SCAN_LINES > n && nl < MAX_LABELS; q--)
		if (m->lines[q].kind == ASMMAP_LABEL && m->lines[q].func == f)
			labels[nl++] = q;
	size_t from = 0, to = 0;
	struct insn_parsed ip;
	for (size_t k = n; nl && k <= hi && k < n + INSN_SCAN_LINES; k++) {
		if (m->lines[k].func != f || !insn_line(m, k, &ip) || ip.mnem[0] != 'j' ||
		    ip.nops != 1 || ip.ops[0][0] != '.')
			continue;
		size_t tl = strlen(ip.ops[0]);
		for (int i = 0; i < nl; i++) {
			const char *t = asmmap_line_text(m, labels[i]);
			if (strncmp(t, ip.ops[0], tl) == 0 && t[tl] == ':') {
				if (!from || labels[i] < from)
					from = labels[i];
				to = k;
				break;
			}
		}
	}
	unsigned w = 0;
	for (size_t q = from; from && q <= to && w != 0x3f; q++)
		if (m->lines[q].func == f && insn_line(m, q, &ip))
			w |= insn_writes_args(&ip);
	return w;
}

int insn_explain_at(const struct asmmap *m, size_t n, char *buf, size_t len)
{
	return insn_explain_memo(m, n, NULL, buf, len);
}

int insn_explain_memo(const struct asmmap *m, size_t n, struct insn_memo *memo, char *buf,
		      size_t len)
{
	if (len)
		buf[0] = '\0';
	if (n < 1 || n > m->n_lines || m->lines[n].kind != ASMMAP_INSN)
		return -1;
	struct insn_ctx c = { 0, 0, NULL };
	int f = m->lines[n].func;
	size_t lo = f >= 0 ? m->funcs[f].first : (n > 200 ? n - 200 : 1);
	size_t hi = f >= 0 && m->funcs[f].last > m->funcs[f].first ? m->funcs[f].last :
		    (n + 200 < m->n_lines ? n + 200 : m->n_lines);
	struct insn_parsed ip, me;
	if (insn_line(m, n, &me) == 0)
		return insn_explain(asmmap_line_text(m, n), NULL, buf, len);
	/* what an earlier call read of this function, up to this line */
	int memo_ok = memo && memo->n_seen && memo->func == f && memo->upto <= n;
	/* the frame pointer is set up in the prologue: among the function's first lines (the
	 * scans stay short in a function of 100,000 lines, read again at each key) */
	if (memo_ok)
		c.bits |= memo->frame;
	else
		for (size_t k = lo; k <= hi && k < lo + INSN_PROLOGUE_LINES; k++)
			if (m->lines[k].func == f && insn_line(m, k, &ip) &&
			    insn_is(&ip, "movq", "%rsp", "%rbp")) {
				c.bits |= INSN_CTX_FRAME;
				break;
			}
	/* the argument registers: still holding the function's arguments (nothing before wrote
	 * them), or set here for the call that follows */
	unsigned written = memo_ok ? memo->written : 0, mine = insn_writes_args(&me), later = 0;
	size_t from = memo_ok ? memo->upto : lo;
	if (n - from > INSN_SCAN_LINES)
		written = 0x3f; /* too far from the start to tell: no argument named as such */
	for (size_t k = from; k < n && written != 0x3f; k++)
		if (m->lines[k].func == f && insn_line(m, k, &ip))
			written |= insn_writes_args(&ip);
	if (memo) {
		memo->n_seen = 1;
		memo->func = f;
		memo->upto = n;
		memo->written = written;
		memo->frame = c.bits & INSN_CTX_FRAME;
	}
	for (size_t k = n + 1; mine && k <= hi && k < n + INSN_SCAN_LINES; k++) {
		if (!insn_line(m, k, &ip)) {
			if (m->lines[k].kind == ASMMAP_LABEL)
				break;
			continue;
		}
		if (strcmp(ip.mnem, "call") == 0) {
			c.args |= mine & ~later;
			break;
		}
		if (strcmp(ip.mnem, "ret") == 0 || ip.mnem[0] == 'j')
			break;
		later |= insn_writes_args(&ip);
	}
	/* in a loop, what the rest of its body writes was written before this line on the
	 * second pass: a jump further down back to a label at or above this line */
	unsigned looped = 0;
	if (~written & ~mine & 0x3fu)
		looped = insn_loop_writes(m, n, f, lo, hi);
	c.args |= ~written & ~mine & ~looped & 0x3fu;
	/* a call comes next, with nothing between that sets %rax */
	for (size_t k = n + 1; k <= hi && k < n + INSN_SCAN_LINES; k++) {
		if (!insn_line(m, k, &ip)) {
			if (m->lines[k].kind == ASMMAP_LABEL)
				break;
			continue;
		}
		/* a call, or a tail call: jmp to a function rather than to a label of this one */
		if (strcmp(ip.mnem, "call") == 0 || (strcmp(ip.mnem, "jmp") == 0 && ip.nops == 1 &&
						     ip.ops[0][0] != '.' && ip.ops[0][0] != '*'))
			c.bits |= INSN_CTX_BEFORE_CALL;
		int size;
		if (strcmp(ip.mnem, "call") == 0 || strcmp(ip.mnem, "ret") == 0 || ip.mnem[0] == 'j' ||
		    (ip.nops && ip.ops[ip.nops - 1][0] == '%' &&
		     insn_reg(ip.ops[ip.nops - 1] + 1, &size) == 0))
			break;
	}
	c.bits |= INSN_CTX_ARGS;
	/* the instruction before, and the flags' maker */
	int steps = 0;
	for (size_t k = n - 1; k >= lo && k >= 1 && steps < 4; k--) {
		if (!insn_line(m, k, &ip)) {
			if (m->lines[k].kind == ASMMAP_LABEL)
				break;
			continue;
		}
		if (steps == 0 && strcmp(ip.mnem, "call") == 0)
			c.bits |= INSN_CTX_AFTER_CALL;
		steps++;
		struct insn_hit h;
		if (!insn_lookup(ip.mnem, ip.nops, &h))
			break;
		const char *fn = h.f->name;
		if (strcmp(fn, "cmp") == 0 || strcmp(fn, "test") == 0 || strcmp(fn, "comi") == 0 ||
		    strcmp(fn, "ucomi") == 0) {
			c.flags_by = asmmap_line_text(m, k);
			break;
		}
		/* moves and lea leave the flags alone; anything else may set them */
		if (strcmp(fn, "mov") && strcmp(fn, "lea") && strcmp(fn, "movz") && strcmp(fn, "movs"))
			break;
	}
	/* what comes after: ret, with only leave and pops before it? */
	int first = 1;
	for (size_t k = n + 1; k <= hi; k++) {
		if (!insn_line(m, k, &ip)) {
			if (m->lines[k].kind == ASMMAP_LABEL)
				break;
			continue;
		}
		if (first && insn_is(&me, "pushq", "%rbp", NULL) && insn_is(&ip, "movq", "%rsp", "%rbp"))
			c.bits |= INSN_CTX_PROLOGUE;
		if (first && insn_is(&me, "popq", "%rbp", NULL) && insn_is(&ip, "ret", NULL, NULL))
			c.bits |= INSN_CTX_EPILOGUE;

		first = 0;
		if (strcmp(ip.mnem, "ret") == 0) {
			c.bits |= INSN_CTX_BEFORE_RET;
			break;
		}
		if (strcmp(ip.mnem, "leave") && strncmp(ip.mnem, "pop", 3) && strcmp(ip.mnem, "nop") &&
		    !insn_is(&ip, "addq", NULL, "%rsp"))
			break;
	}
	if (strcmp(me.mnem, "ret") == 0 || strcmp(me.mnem, "leave") == 0)
		c.bits |= INSN_CTX_BEFORE_RET;
	return insn_explain(asmmap_line_text(m, n), &c, buf, len);
}

/* ---- the instructions a .s uses ---- */

static int insn_use_cmp(const void *a, const void *b)
{
	const struct insn_use *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->name, y->name);
}

size_t insn_uses(const struct asmmap *m, struct insn_use **out)
{
	struct insn_use *u = NULL;
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t k = 1; k <= m->n_lines; k++) {
		struct insn_parsed ip;
		if (!insn_line(m, k, &ip))
			continue;
		char name[sizeof ip.prefix + sizeof ip.mnem + 1];
		snprintf(name, sizeof name, "%s%s%s", ip.prefix, ip.prefix[0] ? " " : "", ip.mnem);
		size_t i = 0;
		while (i < n && strcmp(u[i].name, name))
			i++;
		if (i == n) {
			if (n == cap) {
				size_t nc = cap ? 2 * cap : 32;
				struct insn_use *nu = realloc(u, nc * sizeof *nu);
				if (!nu) {
					free(u);
					return 0;
				}
				u = nu;
				cap = nc;
			}
			snprintf(u[n].name, sizeof u[n].name, "%s", name);
			u[n].count = 0;
			n++;
		}
		u[i].count++;
	}
	if (n)
		qsort(u, n, sizeof *u, insn_use_cmp);
	*out = u;
	return n;
}
