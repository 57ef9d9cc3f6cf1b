/* check_dwvars: the learner's variables named in the .s, on real gcc output at -O0, -O2, -O3
 * and -Os (the scale example, a program with a loop, an array, a structure and locals, the
 * samples). Every
 * expectation comes from the toolchain run on the same source, compiled again by the test
 * with gcc -g -c: readelf --debug-dump=info for each variable's name, function and
 * DW_OP_fbreg offset, readelf --debug-dump=frames-interp for the CFA after the prologue
 * (%rbp plus what the FDE says), readelf --debug-dump=loc for the ranges where a variable
 * lives in a register at -O2, and nm for where each function starts; the operand the module
 * names must be on the line it names it on.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/asmmap.h"
#include "stages/dwvars.h"
#include "stages/files.h"
#include "stages/proc.h"
#include "tests/oracle.h"

static const char test_scale_c[] =
	"int scale(int a) { int x = a * 2; return x + 1; }\n"
	"int main(void) { return scale(20); }\n";

static const char test_loop_c[] =
	"#include <stdio.h>\n"
	"struct pt { int x, y; };\n"
	"static int sum(const int *v, int n)\n"
	"{\n"
	"\tint s = 0;\n"
	"\tfor (int i = 0; i < n; i++)\n"
	"\t\ts += v[i];\n"
	"\treturn s;\n"
	"}\n"
	"int scale(int a) { int x = a * 2; return x + 1; }\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tint arr[8];\n"
	"\tstruct pt p = { argc, 2 };\n"
	"\tchar c = (char)argc;\n"
	"\tlong big = 1L << argc;\n"
	"\tfor (int i = 0; i < 8; i++)\n"
	"\t\tarr[i] = i * argc;\n"
	"\tprintf(\"%d %d %d %c %ld %s\\n\", sum(arr, 8), scale(argc), p.y, c, big, argv[0]);\n"
	"\treturn 0;\n"
	"}\n";

/* A parameter that moves from %edi to a callee-saved register around a call: a location
 * list at -O2. No main, so every function stays in .text. */
/* Arrays that must stay in memory at -O2, in a frame without %rbp: slots measured from %rsp,
 * whose distance from the CFA changes as the function pushes and reserves. */
static const char test_arr_c[] =
	"extern void fill(int *p, int n);\n"
	"extern int use(int);\n"
	"int f(int k)\n"
	"{\n"
	"\tint arr[16];\n"
	"\tlong big[4];\n"
	"\tfill(arr, 16);\n"
	"\tfill((int *)big, 8);\n"
	"\treturn arr[k & 15] + use(arr[3]) + (int)big[1];\n"
	"}\n";

static const char test_o2_c[] =
	"extern int g(int);\n"
	"int f(int n) { int s = 0; for (int i = 0; i < n; i++) s += g(i); return s; }\n"
	"int scale(int a) { int x = a * 2; return x + 1; }\n";

struct test_case {
	const char *name;
	const char *text;  /* the source, or NULL for a sample */
	const char *src;   /* a sample under top_srcdir */
	const char *level;
};

static const struct test_case test_cases[] = {
	{ "scale", test_scale_c, NULL, "-O0" },
	{ "loop", test_loop_c, NULL, "-O0" },
	{ "hello", NULL, "samples/hello.c", "-O0" },
	{ "macros", NULL, "samples/macros.c", "-O0" },
	{ "libm", NULL, "samples/libm.c", "-O0" },
	{ "util", NULL, "samples/multi/util.c", "-O0" },
	{ "main", NULL, "samples/multi/main.c", "-O0" },
	{ "linkerror", NULL, "samples/link-error.c", "-O0" },
	{ "nss", NULL, "samples/nss.c", "-O0" },
	{ "host", NULL, "samples/plugin/host.c", "-O0" },
	{ "plugin", NULL, "samples/plugin/plugin.c", "-O0" },
	{ "o2", test_o2_c, NULL, "-O2" },
	{ "loop2", test_loop_c, NULL, "-O2" },
	{ "libm2", NULL, "samples/libm.c", "-O2" },
	{ "nss2", NULL, "samples/nss.c", "-O2" },
	{ "host2", NULL, "samples/plugin/host.c", "-O2" },
	{ "loop3", test_loop_c, NULL, "-O3" },
	{ "loops", test_loop_c, NULL, "-Os" },
	{ "arr2", test_arr_c, NULL, "-O2" },
};
#define TEST_N_CASES (sizeof test_cases / sizeof test_cases[0])
#define TEST_N_O0 11

/* One case compiled: the -g .s read and the module's result, and the test's own object. */
struct test_run {
	const char *dir;
	char *src, *gs, *obj;
	char *gs_text;
	struct asmmap g;
	struct dwvars d;
};

static void test_compile(struct test_run *r, const struct test_case *c)
{
	memset(r, 0, sizeof *r);
	r->dir = oracle_scratch();
	if (c->text) {
		char name[64];
		snprintf(name, sizeof name, "%s.c", c->name);
		r->src = oracle_write(r->dir, name, c->text);
	} else {
		const char *top = getenv("top_srcdir");
		size_t n = strlen(top ? top : ".") + strlen(c->src) + 2;
		r->src = malloc(n);
		snprintf(r->src, n, "%s/%s", top ? top : ".", c->src);
	}
	size_t n = strlen(r->dir) + strlen(c->name) + 16;
	r->gs = malloc(n);
	r->obj = malloc(n);
	snprintf(r->gs, n, "%s/%s.g.s", r->dir, c->name);
	snprintf(r->obj, n, "%s/%s.t.o", r->dir, c->name);
	char *qs = oracle_quote(r->src), *qg = oracle_quote(r->gs), *qo = oracle_quote(r->obj);
	int st1 = -1, st2 = -1;
	free(oracle_sh(&st1, "gcc -S -g %s %s -o %s", c->level, qs, qg));
	free(oracle_sh(&st2, "gcc -c -g %s %s -o %s", c->level, qs, qo));
	ck_assert_msg(st1 == 0 && st2 == 0, "gcc failed on %s", r->src);
	free(qs);
	free(qg);
	free(qo);
	size_t len = 0;
	r->gs_text = files_slurp(r->gs, 1u << 28, &len, NULL);
	ck_assert_ptr_nonnull(r->gs_text);
	char err[300];
	ck_assert_int_eq(asmmap_read(&r->g, r->gs_text, len, err, sizeof err), 0);
	int rc = dwvars_make(&r->d, &r->g, "gcc", r->gs, r->dir, 0, err, sizeof err);
	ck_assert_msg(rc == 0, "dwvars_make: %s", err);
	ck_assert_msg(r->d.supported, "not x86-64: the test expects gcc's x86-64 output");
}

static void test_done(struct test_run *r)
{
	dwvars_free(&r->d);
	asmmap_free(&r->g);
	free(r->gs_text);
	free(r->src);
	free(r->gs);
	free(r->obj);
}

/* ---- readelf --debug-dump=info, as text ---- */

struct test_dvar {
	char func[200], name[200];
	int has_fbreg;
	long long fbreg;
	long long loclist; /* the offset of its location list, -1 when none */
	char exprloc[200]; /* the expression of a single location, "" when none */
	int is_static;     /* DW_OP_addr */
	int inlined;       /* in an inlined copy of a function */
	int has_location;
};

struct test_dfunc {
	char name[200];
	long long low_pc; /* -1 when none */
};

struct test_named {
	long long off;
	char name[200];
};

struct test_info {
	struct test_dvar v[512];
	size_t n;
	struct test_named names[2048]; /* each DIE's name by its offset, for an origin's */
	size_t nn;
	struct test_dfunc f[128];
	size_t nf;
};

/* The value of "DW_AT_x : value", the indirect string's name after its last ": ". */
static void test_attr_value(const char *line, char *out, size_t len)
{
	const char *c = strstr(line, ": ");
	c = c ? c + 2 : line;
	const char *ind = strstr(c, "(indirect string");
	if (ind) {
		const char *last = strrchr(c, ':');
		c = last ? last + 2 : c;
	}
	while (*c == ' ')
		c++;
	snprintf(out, len, "%s", c);
	size_t n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
}

static void test_read_info(const char *obj, struct test_info *in)
{
	memset(in, 0, sizeof *in);
	char *q = oracle_quote(obj);
	char *text = oracle_sh(NULL, "readelf --debug-dump=info %s", q);
	free(q);
	static char sub[64][200];
	memset(sub, 0, sizeof sub);
	int is_sub[64] = { 0 }, is_inl[64] = { 0 };
	int depth = -1, tag_var = 0, tag_sub = 0;
	long long die = -1;
	struct test_dvar *cur = NULL;
	struct test_dfunc *cf = NULL;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		int d;
		unsigned long long at;
		char tag[64];
		if (sscanf(line, " <%d><%llx>: Abbrev Number: %*d (%63[^)])", &d, &at, tag) == 3 &&
		    d >= 0 && d < 64) {
			die = (long long)at;
			is_inl[d] = strcmp(tag, "DW_TAG_inlined_subroutine") == 0;
			depth = d;
			tag_var = strcmp(tag, "DW_TAG_variable") == 0 ||
				  strcmp(tag, "DW_TAG_formal_parameter") == 0;
			tag_sub = strcmp(tag, "DW_TAG_subprogram") == 0;
			is_sub[d] = tag_sub;
			sub[d][0] = '\0';
			cur = NULL;
			cf = NULL;
			if (tag_sub && in->nf < 128) {
				cf = &in->f[in->nf++];
				cf->low_pc = -1;
			}
			if (tag_var && in->n < 512 && depth > 1) {
				cur = &in->v[in->n++];
				memset(cur, 0, sizeof *cur);
				cur->loclist = -1;
				for (int k = d - 1; k >= 0; k--)
					if (is_inl[k]) {
						cur->inlined = 1;
						break;
					} else if (is_sub[k]) {
						snprintf(cur->func, sizeof cur->func, "%s", sub[k]);
						break;
					}
			}
			continue;
		}
		char val[200];
		const char *origin = strstr(line, "DW_AT_abstract_origin");
		if (strstr(line, "DW_AT_name") || origin) {
			if (origin) {
				/* an inlined or out-of-line copy: the name is its origin's */
				const char *lt = strstr(line, "<0x");
				long long o = lt ? strtoll(lt + 1, NULL, 16) : -1;
				val[0] = '\0';
				for (size_t k = 0; k < in->nn; k++)
					if (in->names[k].off == o)
						snprintf(val, sizeof val, "%s", in->names[k].name);
			} else {
				test_attr_value(line, val, sizeof val);
				if (in->nn < 2048) {
					in->names[in->nn].off = die;
					snprintf(in->names[in->nn].name, sizeof in->names[0].name, "%s",
						 val);
					in->nn++;
				}
			}
			if (tag_sub && depth >= 0) {
				snprintf(sub[depth], sizeof sub[depth], "%s", val);
				if (cf)
					snprintf(cf->name, sizeof cf->name, "%s", val);
			}
			if (cur)
				snprintf(cur->name, sizeof cur->name, "%s", val);
		} else if (strstr(line, "DW_AT_low_pc") && cf) {
			test_attr_value(line, val, sizeof val);
			cf->low_pc = strtoll(val, NULL, 16);
		} else if (strstr(line, "DW_AT_location") && cur) {
			cur->has_location = 1;
			const char *fb = strstr(line, "DW_OP_fbreg: ");
			if (fb) {
				cur->has_fbreg = 1;
				cur->fbreg = strtoll(fb + 13, NULL, 10);
			}
			cur->is_static = strstr(line, "DW_OP_addr") != NULL;
			if (strstr(line, "(location list)")) {
				test_attr_value(line, val, sizeof val);
				cur->loclist = strtoll(val, NULL, 16);
			}
			const char *ex = strchr(line, '(');
			if (ex && !strstr(line, "(location list)"))
				snprintf(cur->exprloc, sizeof cur->exprloc, "%s", ex);
		}
	}
	free(text);
}

static const struct test_dvar *test_find_var(const struct test_info *in, const char *func,
					     const char *name)
{
	/* a concrete copy, with a location, before the abstract one without */
	const struct test_dvar *any = NULL;
	for (size_t i = 0; i < in->n; i++)
		if (!in->v[i].inlined && strcmp(in->v[i].func, func) == 0 &&
		    strcmp(in->v[i].name, name) == 0) {
			if (in->v[i].has_location)
				return &in->v[i];
			any = any ? any : &in->v[i];
		}
	return any;
}

/* ---- readelf --debug-dump=frames-interp: each FDE's CFA as %rbp plus N ---- */

struct test_fde {
	long long lo, hi;
	long long rbp; /* N of "rbp+N", -1 when the FDE never uses %rbp */
};

static size_t test_read_frames(const char *obj, struct test_fde *out, size_t max)
{
	char *q = oracle_quote(obj);
	char *text = oracle_sh(NULL, "readelf --debug-dump=frames-interp %s", q);
	free(q);
	size_t n = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		const char *pc = strstr(line, "FDE cie=");
		unsigned long long lo, hi;
		if (pc && (pc = strstr(line, "pc=")) != NULL &&
		    sscanf(pc, "pc=%llx..%llx", &lo, &hi) == 2 && n < max) {
			out[n++] = (struct test_fde){ (long long)lo, (long long)hi, -1 };
			continue;
		}
		const char *r = strstr(line, " rbp+");
		unsigned long long loc;
		if (n && r && sscanf(line, "%llx", &loc) == 1)
			out[n - 1].rbp = strtoll(r + 5, NULL, 10);
	}
	free(text);
	return n;
}

/* ---- readelf --debug-dump=frames-interp, row by row: the CFA rule from each address ---- */

struct test_cfa_row {
	long long fde_lo, fde_hi, loc;
	char reg[16];
	long long off;
};

static size_t test_read_cfa_rows(const char *obj, struct test_cfa_row *out, size_t max)
{
	char *q = oracle_quote(obj);
	char *text = oracle_sh(NULL, "readelf --debug-dump=frames-interp %s", q);
	free(q);
	size_t n = 0;
	long long lo = -1, hi = -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		const char *pc = strstr(line, "FDE cie=");
		unsigned long long a, b;
		if (pc && (pc = strstr(line, "pc=")) != NULL && sscanf(pc, "pc=%llx..%llx", &a, &b) == 2) {
			lo = (long long)a;
			hi = (long long)b;
			continue;
		}
		char cfa[48];
		if (lo < 0 || sscanf(line, "%llx %47s", &a, cfa) != 2 || n >= max)
			continue;
		char *plus = strchr(cfa, '+');
		if (!plus || plus - cfa >= 16)
			continue;
		out[n].fde_lo = lo;
		out[n].fde_hi = hi;
		out[n].loc = (long long)a;
		memcpy(out[n].reg, cfa, (size_t)(plus - cfa));
		out[n].reg[plus - cfa] = '\0';
		out[n].off = strtoll(plus + 1, NULL, 10);
		n++;
	}
	free(text);
	return n;
}

/* ---- readelf --debug-dump=loc: a list's ranges and their expressions ---- */

struct test_range {
	long long lo, hi;
	char expr[200];
};

static size_t test_read_loclist(const char *obj, long long off, struct test_range *out,
				size_t max)
{
	char *q = oracle_quote(obj);
	char *text = oracle_sh(NULL, "readelf --debug-dump=loc %s", q);
	free(q);
	size_t n = 0;
	int in = 0, want_range = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long long o, a, b;
		char rest[160];
		if (strstr(line, "<End of list>")) {
			in = 0;
			continue;
		}
		/* a list may open with its base address: in an object file, the start of the
		 * section, 0, as nm's values are */
		if (strstr(line, "(base address)") && sscanf(line, " %llx", &o) == 1) {
			if ((long long)o == off)
				in = 1;
			continue;
		}
		if (sscanf(line, " %llx v%*x v%*x views at %*x for:", &o) == 1 &&
		    strstr(line, "views at")) {
			if ((long long)o == off)
				in = 1;
			want_range = in;
			continue;
		}
		if (want_range && sscanf(line, " %llx %llx %159[^\n]", &a, &b, rest) == 3 &&
		    n < max) {
			out[n].lo = (long long)a;
			out[n].hi = (long long)b;
			snprintf(out[n].expr, sizeof out[n].expr, "%s", rest);
			n++;
			want_range = 0;
		}
	}
	free(text);
	return n;
}

/* Where a function starts in its section, from nm. */
static long long test_nm_value(const char *obj, const char *func)
{
	char *q = oracle_quote(obj);
	char *text = oracle_sh(NULL, "nm %s", q);
	free(q);
	long long v = -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long long a;
		char t, name[128];
		if (sscanf(line, "%llx %c %127s", &a, &t, name) == 3 && strcmp(name, func) == 0)
			v = (long long)a;
	}
	free(text);
	return v;
}

/* The first instruction line of a function of g, by its assembler name: 0 when none. */
static size_t test_first_insn(const struct test_run *r, const char *func)
{
	long f = asmmap_func_find(&r->g, func);
	if (f < 0)
		return 0;
	for (size_t ln = r->g.funcs[f].first; ln <= r->g.funcs[f].last; ln++)
		if (r->g.lines[ln].kind == ASMMAP_INSN && r->d.lines[ln].addr >= 0)
			return ln;
	return 0;
}

/* ---- the tests ---- */

/* At -O0: every variable the module found is one readelf shows, in the same function; every
 * stack operand it names is that variable's DW_OP_fbreg offset plus the CFA's offset from
 * %rbp in the function's FDE, and is written on its line. */
START_TEST(test_stack_slots_match_readelf)
{
	const struct test_case *c = &test_cases[_i];
	struct test_run r;
	test_compile(&r, c);
	static struct test_info in;
	test_read_info(r.obj, &in);
	struct test_fde fde[128];
	size_t nfde = test_read_frames(r.obj, fde, 128);
	/* the same variables, function by function */
	size_t oracle_vars = 0;
	for (size_t i = 0; i < in.n; i++)
		oracle_vars += !in.v[i].is_static && in.v[i].name[0];
	ck_assert_msg(r.d.n_vars == oracle_vars, "%s: %zu variables, readelf shows %zu", c->name,
		      r.d.n_vars, oracle_vars);
	for (size_t v = 0; v < r.d.n_vars; v++) {
		const struct dwvars_var *dv = &r.d.vars[v];
		const char *fn = r.d.funcs[dv->func].name;
		ck_assert_msg(test_find_var(&in, fn, dv->name), "%s: %s in %s is not in readelf",
			      c->name, dv->name, fn);
	}
	size_t named = 0;
	for (size_t ln = 1; ln <= r.d.n_lines; ln++) {
		const struct dwvars_line *l = &r.d.lines[ln];
		for (size_t k = l->op; k < l->op + l->n_ops; k++) {
			const struct dwvars_op *o = &r.d.ops[k];
			const struct dwvars_var *dv = &r.d.vars[o->var];
			const char *fn = r.d.funcs[dv->func].name;
			ck_assert_msg(strstr(asmmap_line_text(&r.g, ln), o->text) != NULL,
				      "%s: %s is not on line %zu", c->name, o->text, ln);
			/* the simple lookup names the first variable of that operand */
			size_t first = l->op;
			while (strcmp(r.d.ops[first].text, o->text) != 0)
				first++;
			ck_assert_str_eq(dwvars_name_at(&r.d, ln, o->text),
					 r.d.vars[r.d.ops[first].var].name);
			if (!strstr(o->text, "(%rbp"))
				continue;
			const struct test_dvar *tv = test_find_var(&in, fn, dv->name);
			ck_assert_msg(tv && tv->has_fbreg, "%s: readelf gives %s no DW_OP_fbreg", c->name,
				      dv->name);
			/* the FDE of the function, by where readelf says it starts */
			long long lo = -1, cfa = -1;
			for (size_t f = 0; f < in.nf; f++)
				if (strcmp(in.f[f].name, fn) == 0)
					lo = in.f[f].low_pc;
			for (size_t f = 0; f < nfde; f++)
				if (fde[f].lo == lo)
					cfa = fde[f].rbp;
			ck_assert_msg(cfa >= 0, "%s: no FDE with %%rbp for %s", c->name, fn);
			long long disp = strtoll(o->text, NULL, 10);
			ck_assert_msg(disp - o->into == tv->fbreg + cfa,
				      "%s line %zu: %s is %s, but DW_OP_fbreg %lld + CFA rbp+%lld",
				      c->name, ln, o->text, dv->name, tv->fbreg, cfa);
			named++;
		}
	}
	/* every program here has a variable kept on the stack at -O0 but hello.c */
	if (r.d.n_vars)
		ck_assert_msg(named > 0, "%s: no stack operand named", c->name);
	test_done(&r);
}
END_TEST

/* At every level: a stack operand the module names is the variable's DW_OP_fbreg plus the
 * CFA's offset from the operand's base register, by the CFA rule readelf reads from
 * .eh_frame for that instruction's address (%rsp+8 on entry, %rsp+16 after a push, %rbp+16
 * after gcc's -O0 prologue, %rsp+N below a reserved frame). */
START_TEST(test_stack_slots_follow_the_cfa)
{
	const struct test_case *c = &test_cases[_i];
	struct test_run r;
	test_compile(&r, c);
	static struct test_info in;
	test_read_info(r.obj, &in);
	static struct test_cfa_row rows[4096];
	size_t nrows = test_read_cfa_rows(r.obj, rows, 4096);
	size_t checked = 0;
	for (size_t ln = 1; ln <= r.d.n_lines; ln++) {
		const struct dwvars_line *l = &r.d.lines[ln];
		for (size_t k = l->op; k < l->op + l->n_ops; k++) {
			const struct dwvars_op *o = &r.d.ops[k];
			const struct dwvars_var *dv = &r.d.vars[o->var];
			const char *open = strchr(o->text, '(');
			if (!open || dv->inlined)
				continue;
			const char *fn = r.d.funcs[dv->func].name;
			const struct test_dvar *tv = test_find_var(&in, fn, dv->name);
			if (!tv || !tv->has_fbreg)
				continue;
			/* the instruction's offset in its section: from where nm puts its function */
			long f = r.g.lines[ln].func;
			size_t first = f >= 0 ? test_first_insn(&r, r.g.funcs[f].name) : 0;
			long long at = f >= 0 ? test_nm_value(r.obj, r.g.funcs[f].name) : -1;
			ck_assert_msg(first && at >= 0, "%s: no start for line %zu", c->name, ln);
			long long off = r.d.lines[ln].addr - r.d.lines[first].addr + at;
			const struct test_cfa_row *rule = NULL;
			for (size_t i = 0; i < nrows; i++)
				/* the FDE of the function (sections all start at 0 here) */
				if (rows[i].fde_lo == at && off < rows[i].fde_hi && rows[i].loc <= off &&
				    (!rule || rows[i].loc >= rule->loc))
					rule = &rows[i];
			ck_assert_msg(rule != NULL, "%s: no CFA rule at %#llx", c->name, off);
			char base[16];
			size_t bl = strcspn(open + 2, ",)");
			ck_assert_uint_lt(bl, sizeof base);
			memcpy(base, open + 2, bl);
			base[bl] = '\0';
			ck_assert_msg(strcmp(base, rule->reg) == 0, "%s line %zu: %s is measured from "
				      "%%%s, the CFA at %#llx from %s", c->name, ln, o->text, base, off,
				      rule->reg);
			long long disp = strtoll(o->text, NULL, 10);
			ck_assert_msg(disp - o->into == tv->fbreg + rule->off,
				      "%s line %zu: %s is %s, but DW_OP_fbreg %lld + CFA %s+%lld",
				      c->name, ln, o->text, dv->name, tv->fbreg, rule->reg, rule->off);
			checked++;
		}
	}
	/* the programs written here keep variables on the stack at -O0, and arr.c at -O2 */
	if (c->text && (!strcmp(c->level, "-O0") || c->text == test_arr_c))
		ck_assert_msg(checked > 0, "%s: no stack operand checked", c->name);
	test_done(&r);
}
END_TEST

/* At -O2: where readelf's location list puts a variable in a register, the module says that
 * register at every instruction in the range, and "optimized out" outside every range. */
START_TEST(test_register_ranges_match_readelf)
{
	const struct test_case *c = &test_cases[TEST_N_O0 + _i];
	struct test_run r;
	test_compile(&r, c);
	static struct test_info in;
	test_read_info(r.obj, &in);
	size_t checked = 0, in_reg = 0;
	for (size_t v = 0; v < r.d.n_vars; v++) {
		const struct dwvars_var *dv = &r.d.vars[v];
		if (dv->inlined)
			continue;
		const char *fn = r.d.funcs[dv->func].name;
		const struct test_dvar *tv = test_find_var(&in, fn, dv->name);
		ck_assert_msg(tv != NULL, "%s: %s in %s is not in readelf", c->name, dv->name, fn);
		struct test_range rg[64];
		size_t nr = 0;
		if (tv->loclist >= 0)
			nr = test_read_loclist(r.obj, tv->loclist, rg, 64);
		else if (tv->exprloc[0])
			rg[nr++] = (struct test_range){ 0, 1LL << 62, "" },
			snprintf(rg[0].expr, sizeof rg[0].expr, "%s", tv->exprloc);
		/* the function's start: in the module's layout and in the section */
		size_t first = test_first_insn(&r, fn);
		long long at = test_nm_value(r.obj, fn);
		if (!first || at < 0)
			continue;
		long long base = r.d.lines[first].addr - at;
		for (size_t ln = 1; ln <= r.d.n_lines; ln++) {
			const struct dwvars_line *l = &r.d.lines[ln];
			for (size_t k = l->place; k < l->place + l->n_places; k++) {
				const struct dwvars_place *p = &r.d.places[k];
				if (p->var != (int)v)
					continue;
				long long off = l->addr - base;
				const struct test_range *hit = NULL;
				for (size_t i = 0; i < nr; i++)
					if (off >= rg[i].lo && off < rg[i].hi)
						hit = &rg[i];
				if (!hit) {
					ck_assert_msg(p->where == DWVARS_OPTIMIZED_OUT,
						      "%s: %s at %#llx: no range, yet %s", c->name,
						      dv->name, off, dwvars_where_name_en(p->where));
				} else if (p->where == DWVARS_REG) {
					/* "(DW_OP_reg5 (rdi))": the number readelf shows */
					char want[32];
					snprintf(want, sizeof want, "(DW_OP_reg%d ", p->reg);
					ck_assert_msg(strncmp(hit->expr, want, strlen(want)) == 0,
						      "%s: %s at %#llx in %s, readelf says %s", c->name,
						      dv->name, off, dwvars_reg_name(p->reg, 8), hit->expr);
					in_reg++;
				} else if (strncmp(hit->expr, "(DW_OP_reg", 10) == 0 &&
					   !strchr(hit->expr, ';')) {
					ck_abort_msg("%s: %s at %#llx: readelf says %s, the module %s",
						   c->name, dv->name, off, hit->expr,
						   dwvars_where_name_en(p->where));
				} else if (strstr(hit->expr, "DW_OP_piece")) {
					ck_assert_msg(p->where == DWVARS_OTHER, "%s: %s at %#llx: "
						      "readelf says %s, the module %s", c->name,
						      dv->name, off, hit->expr,
						      dwvars_where_name_en(p->where));
				} else if (strstr(hit->expr, "DW_OP_stack_value")) {
					ck_assert_msg(p->where == DWVARS_VALUE, "%s: %s at %#llx: "
						      "readelf says %s, the module %s", c->name,
						      dv->name, off, hit->expr,
						      dwvars_where_name_en(p->where));
				}
				checked++;
			}
		}
	}
	ck_assert_msg(checked > 0 && in_reg > 0, "%s: nothing checked (%zu places, %zu in a "
		      "register)", c->name, checked, in_reg);
	/* the sentence of each line names every variable kept in a register there (C locale:
	 * the English) */
	for (size_t ln = 1; ln <= r.d.n_lines; ln++) {
		const struct dwvars_line *l = &r.d.lines[ln];
		char say[4000];
		dwvars_line_say(&r.d, ln, say, sizeof say);
		for (size_t k = l->place; k < l->place + l->n_places; k++) {
			const struct dwvars_place *p = &r.d.places[k];
			if (p->where != DWVARS_REG)
				continue;
			const struct dwvars_var *dv = &r.d.vars[p->var];
			const char *reg = dwvars_reg_name(p->reg, dv->size);
			char want[300];
			snprintf(want, sizeof want, "%s is in %s here.", dv->name, reg);
			int named = 0;
			for (size_t j = l->op; j < l->op + l->n_ops; j++)
				named |= r.d.ops[j].var == p->var;
			ck_assert_msg(named || strstr(say, want), "%s line %zu: \"%s\" lacks \"%s\"",
				      c->name, ln, say, want);
		}
	}
	/* a register the module names on a line is written there */
	for (size_t ln = 1; ln <= r.d.n_lines; ln++)
		for (size_t k = r.d.lines[ln].op; k < r.d.lines[ln].op + r.d.lines[ln].n_ops; k++)
			ck_assert_msg(strstr(asmmap_line_text(&r.g, ln), r.d.ops[k].text) != NULL,
				      "%s: %s is not on line %zu", c->name, r.d.ops[k].text, ln);
	test_done(&r);
}
END_TEST

/* The scale example at -O0, read as a learner would: the parameter a's store from %edi
 * names a; the sentences say parameter and local. The facts come from readelf: a is the
 * formal parameter, x the variable. */
START_TEST(test_scale_sentences)
{
	struct test_run r;
	test_compile(&r, &test_cases[0]);
	size_t said_a = 0, said_x = 0;
	for (size_t ln = 1; ln <= r.d.n_lines; ln++) {
		const struct dwvars_line *l = &r.d.lines[ln];
		for (size_t k = l->op; k < l->op + l->n_ops; k++) {
			char buf[400];
			const struct dwvars_op *o = &r.d.ops[k];
			dwvars_op_say_en(&r.d, o, buf, sizeof buf);
			ck_assert_ptr_nonnull(strstr(buf, o->text));
			if (strcmp(r.d.vars[o->var].name, "a") == 0) {
				ck_assert_ptr_nonnull(strstr(buf, "the parameter a (int, 4 bytes)"));
				said_a++;
			} else if (strcmp(r.d.vars[o->var].name, "x") == 0) {
				ck_assert_ptr_nonnull(strstr(buf, "the local variable x (int, 4 bytes)"));
				said_x++;
			}
			char note[200];
			dwvars_line_note(&r.d, ln, note, sizeof note);
			ck_assert_ptr_nonnull(strstr(note, o->text));
		}
	}
	ck_assert_uint_gt(said_a, 0);
	ck_assert_uint_gt(said_x, 0);
	test_done(&r);
}
END_TEST

/* Registers by name, at every width, and back. */
START_TEST(test_register_names)
{
	ck_assert_str_eq(dwvars_reg_name(5, 4), "%edi");
	ck_assert_str_eq(dwvars_reg_name(5, 8), "%rdi");
	ck_assert_str_eq(dwvars_reg_name(6, 8), "%rbp");
	for (int r = 0; r < 33; r++)
		for (int w = 1; w <= 8; w *= 2) {
			const char *n = dwvars_reg_name(r, w);
			ck_assert_int_eq(dwvars_reg_number(n, strlen(n)), r == 16 ? 16 : r);
		}
	ck_assert_int_eq(dwvars_reg_number("%foo", 4), -1);
}
END_TEST

static Suite *test_suite(void)
{
	Suite *s = suite_create("dwvars");
	TCase *tc = tcase_create("gcc");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_loop_test(tc, test_stack_slots_match_readelf, 0, TEST_N_O0);
	tcase_add_loop_test(tc, test_register_ranges_match_readelf, 0, TEST_N_CASES - TEST_N_O0);
	tcase_add_loop_test(tc, test_stack_slots_follow_the_cfa, 0, TEST_N_CASES);
	tcase_add_test(tc, test_scale_sentences);
	suite_add_tcase(s, tc);
	TCase *plain = tcase_create("names");
	tcase_set_timeout(plain, 0);
	tcase_add_test(plain, test_register_names);
	suite_add_tcase(s, plain);
	return s;
}

int main(void)
{
	static const char *const tools[] = { "gcc", "nm", "readelf" };
	char *machine = oracle_sh(NULL, "gcc -dumpmachine");
	if (strncmp(machine, "x86_64", 6) != 0) {
		fprintf(stderr, "check_dwvars: skipped: gcc makes code for %s, and the module reads "
			"x86-64's registers only\n", machine);
		free(machine);
		return 77;
	}
	free(machine);
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		struct proc_result r;
		char *argv[] = { (char *)tools[i], "--version", NULL };
		if (proc_run(argv, NULL, &r) != 0) {
			fprintf(stderr, "check_dwvars: skipped: %s cannot be run (%s)\n", tools[i],
				proc_describe(&r));
			proc_result_free(&r);
			return 77;
		}
		proc_result_free(&r);
	}
	SRunner *sr = srunner_create(test_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
