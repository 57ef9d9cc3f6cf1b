/* dwvars: the learner's variables in the .s, from the -g compile's DWARF. See dwvars.h. */
#include "config.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/dwvars.h"
#include "stages/dwvars_int.h"
#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/proc.h"

/* The listing may be long: one line per .s line and more for long data. */
#define DWVARS_MAX_LISTING (256u << 20)

struct dwvars_pool {
	char **s;
	size_t n, cap;
};

const char *dwvars_keep(struct dwvars *d, const char *s, size_t len)
{
	struct dwvars_pool *p = d->priv;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **g = realloc(p->s, cap * sizeof *g);
		if (!g)
			return NULL;
		p->s = g;
		p->cap = cap;
	}
	char *c = malloc(len + 1);
	if (!c)
		return NULL;
	memcpy(c, s, len);
	c[len] = '\0';
	p->s[p->n++] = c;
	return c;
}

int dwvars_grow(void **a, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 16;
	void *g = realloc(*a, c * sz);
	if (!g)
		return -1;
	*a = g;
	*cap = c;
	return 0;
}

/* ---- the DWARF ---- */

/* A variable while the object is open. */
struct dwvars_raw {
	Dwarf_Die die;
	Dwarf_Die scope;  /* the subprogram, block or inlined copy it is declared in */
	Dwarf_Die sub;    /* the concrete subprogram whose frame base it uses */
};

struct dwvars_build {
	struct dwvars *d;
	struct dwvars_raw *raw;
	size_t cap_vars, cap_funcs, cap_raw;
	Dwarf_Die *subs;  /* each function's subprogram DIE, by d->funcs index */
	size_t cap_subs;
	int oom;
};

static const char *dwvars_die_name(Dwarf_Die *die)
{
	Dwarf_Attribute a;
	Dwarf_Attribute *at = dwarf_attr_integrate(die, DW_AT_name, &a);
	return at ? dwarf_formstring(at) : NULL;
}

/* The type of a DIE as C spells it, into buf. */
static void dwvars_type_name(Dwarf_Die *die, char *buf, size_t len, int depth)
{
	Dwarf_Attribute a;
	Dwarf_Die t;
	if (!dwarf_attr_integrate(die, DW_AT_type, &a) || !dwarf_formref_die(&a, &t)) {
		snprintf(buf, len, "void");
		return;
	}
	if (depth > 8) {
		snprintf(buf, len, "?");
		return;
	}
	const char *name = dwvars_die_name(&t);
	char inner[200];
	switch (dwarf_tag(&t)) {
	case DW_TAG_base_type:
	case DW_TAG_typedef:
		snprintf(buf, len, "%s", name ? name : "?");
		return;
	case DW_TAG_structure_type:
		snprintf(buf, len, "struct %s", name ? name : "{...}");
		return;
	case DW_TAG_union_type:
		snprintf(buf, len, "union %s", name ? name : "{...}");
		return;
	case DW_TAG_enumeration_type:
		snprintf(buf, len, "enum %s", name ? name : "{...}");
		return;
	case DW_TAG_pointer_type:
		dwvars_type_name(&t, inner, sizeof inner, depth + 1);
		snprintf(buf, len, "%s%s*", inner, inner[strlen(inner) - 1] == '*' ? "" : " ");
		return;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type: {
		const char *q = dwarf_tag(&t) == DW_TAG_const_type ? "const" :
				dwarf_tag(&t) == DW_TAG_volatile_type ? "volatile" :
				dwarf_tag(&t) == DW_TAG_restrict_type ? "restrict" : "_Atomic";
		dwvars_type_name(&t, inner, sizeof inner, depth + 1);
		size_t n = strlen(inner);
		if (n && inner[n - 1] == '*')
			snprintf(buf, len, "%s %s", inner, q);
		else
			snprintf(buf, len, "%s %s", q, inner);
		return;
	}
	case DW_TAG_array_type: {
		dwvars_type_name(&t, inner, sizeof inner, depth + 1);
		size_t o = (size_t)snprintf(buf, len, "%s", inner);
		Dwarf_Die sub;
		if (dwarf_child(&t, &sub) == 0)
			do {
				if (dwarf_tag(&sub) != DW_TAG_subrange_type || o >= len)
					continue;
				Dwarf_Word v;
				Dwarf_Attribute b;
				if (dwarf_formudata(dwarf_attr(&sub, DW_AT_count, &b), &v) == 0)
					o += (size_t)snprintf(buf + o, len - o, "[%llu]",
							      (unsigned long long)v);
				else if (dwarf_formudata(dwarf_attr(&sub, DW_AT_upper_bound, &b),
							 &v) == 0)
					o += (size_t)snprintf(buf + o, len - o, "[%llu]",
							      (unsigned long long)v + 1);
				else
					o += (size_t)snprintf(buf + o, len - o, "[]");
			} while (dwarf_siblingof(&sub, &sub) == 0);
		return;
	}
	case DW_TAG_subroutine_type:
		snprintf(buf, len, "function");
		return;
	default:
		snprintf(buf, len, "%s", name ? name : "?");
	}
}

/* A DIE with code: low_pc or ranges. */
static int dwvars_has_code(Dwarf_Die *die)
{
	Dwarf_Addr lo;
	return dwarf_lowpc(die, &lo) == 0 || dwarf_hasattr(die, DW_AT_ranges);
}

/* A variable kept in one place for good by its address: a static or a global. */
static int dwvars_static(Dwarf_Attribute *loc)
{
	Dwarf_Op *ops;
	size_t n;
	return dwarf_getlocation(loc, &ops, &n) == 0 && n >= 1 && ops[0].atom == DW_OP_addr;
}

static void dwvars_scan(struct dwvars_build *b, Dwarf_Die *scope, int func, const char *inlined,
			int depth)
{
	struct dwvars *d = b->d;
	Dwarf_Die c;
	if (depth > 64 || dwarf_child(scope, &c) != 0)
		return;
	do {
		int tag = dwarf_tag(&c);
		if (tag == DW_TAG_lexical_block && dwvars_has_code(&c)) {
			dwvars_scan(b, &c, func, inlined, depth + 1);
		} else if (tag == DW_TAG_inlined_subroutine && dwvars_has_code(&c)) {
			Dwarf_Attribute a;
			Dwarf_Die origin;
			const char *on = NULL;
			if (dwarf_attr(&c, DW_AT_abstract_origin, &a) && dwarf_formref_die(&a, &origin))
				on = dwvars_die_name(&origin);
			const char *kept = on ? dwvars_keep(d, on, strlen(on)) : NULL;
			dwvars_scan(b, &c, func, kept ? kept : inlined, depth + 1);
		} else if ((tag == DW_TAG_variable || tag == DW_TAG_formal_parameter) && func >= 0) {
			const char *name = dwvars_die_name(&c);
			Dwarf_Attribute a;
			if (!name || dwarf_hasattr(&c, DW_AT_declaration))
				continue;
			Dwarf_Attribute *loc = dwarf_attr_integrate(&c, DW_AT_location, &a);
			if (loc && dwvars_static(loc))
				continue;
			if (dwvars_grow((void **)&d->vars, &b->cap_vars, d->n_vars, sizeof *d->vars) ||
			    dwvars_grow((void **)&b->raw, &b->cap_raw, d->n_vars, sizeof *b->raw)) {
				b->oom = 1;
				return;
			}
			char type[240];
			dwvars_type_name(&c, type, sizeof type, 0);
			struct dwvars_var *v = &d->vars[d->n_vars];
			memset(v, 0, sizeof *v);
			v->name = dwvars_keep(d, name, strlen(name));
			v->type = dwvars_keep(d, type, strlen(type));
			if (!v->name || !v->type) {
				b->oom = 1;
				return;
			}
			v->size = -1;
			Dwarf_Die t;
			Dwarf_Word sz;
			if (dwarf_attr_integrate(&c, DW_AT_type, &a) && dwarf_formref_die(&a, &t) &&
			    dwarf_aggregate_size(&t, &sz) == 0)
				v->size = (long long)sz;
			v->param = tag == DW_TAG_formal_parameter;
			v->func = func;
			v->inlined = inlined;
			int line = 0;
			if (dwarf_decl_line(&c, &line) == 0 && line > 0)
				v->decl_line = (unsigned)line;
			v->has_location = loc != NULL;
			b->raw[d->n_vars] = (struct dwvars_raw){ c, *scope, b->subs[func] };
			d->n_vars++;
			d->funcs[func].n_vars++;
		} else if (tag == DW_TAG_subprogram) {
			dwvars_scan(b, &c, -1, NULL, depth + 1);
		}
		if (tag == DW_TAG_subprogram && dwvars_has_code(&c) &&
		    !dwarf_hasattr(&c, DW_AT_inline)) {
			/* a concrete function: its own entry, its variables after it */
			const char *name = dwvars_die_name(&c);
			if (dwvars_grow((void **)&d->funcs, &b->cap_funcs, d->n_funcs,
					sizeof *d->funcs) ||
			    dwvars_grow((void **)&b->subs, &b->cap_subs, d->n_funcs,
					sizeof *b->subs)) {
				b->oom = 1;
				return;
			}
			int f = (int)d->n_funcs++;
			d->funcs[f] = (struct dwvars_func){ name ? dwvars_keep(d, name, strlen(name)) :
							    "?", NULL, d->n_vars, 0 };
			b->subs[f] = c;
			dwvars_scan(b, &c, f, NULL, depth + 1);
		}
		if (b->oom)
			return;
	} while (dwarf_siblingof(&c, &c) == 0);
}

/* ---- locations ---- */

/* The CFA at the current instruction as register + offset: 0, or -1 when unknown. */
static int dwvars_cfa(const struct dwvars_ctx *x, int *reg, long long *off)
{
	if (!x->cfa_ok)
		return -1;
	*reg = x->cfa_reg;
	*off = x->cfa_off;
	return 0;
}

/* The frame base of sub at pc as register + offset: 0, or -1. */
static int dwvars_frame_base(const struct dwvars_ctx *x, Dwarf_Die *sub, Dwarf_Addr pc, int *reg,
			     long long *off)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	size_t n;
	if (!dwarf_attr_integrate(sub, DW_AT_frame_base, &a) ||
	    dwarf_getlocation_addr(&a, pc, &ops, &n, 1) != 1 || n != 1)
		return -1;
	if (ops[0].atom == DW_OP_call_frame_cfa)
		return dwvars_cfa(x, reg, off);
	if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31) {
		*reg = ops[0].atom - DW_OP_breg0;
		*off = (long long)ops[0].number;
		return 0;
	}
	if (ops[0].atom == DW_OP_bregx) {
		*reg = (int)ops[0].number;
		*off = (long long)ops[0].number2;
		return 0;
	}
	return -1;
}

static struct dwvars_place dwvars_locate(const struct dwvars_ctx *x, struct dwvars_raw *r,
					 int var, Dwarf_Addr pc)
{
	struct dwvars_place p = { var, DWVARS_OPTIMIZED_OUT, -1, 0, 0, 0 };
	Dwarf_Attribute a;
	Dwarf_Attribute *loc = dwarf_attr_integrate(&r->die, DW_AT_location, &a);
	if (!loc) {
		if (dwarf_attr_integrate(&r->die, DW_AT_const_value, &a))
			p.where = DWVARS_VALUE;
		return p;
	}
	Dwarf_Op *ops;
	size_t n;
	if (dwarf_getlocation_addr(loc, pc, &ops, &n, 1) != 1 || n == 0)
		return p;
	for (size_t i = 0; i < n; i++)
		if (ops[i].atom == DW_OP_piece || ops[i].atom == DW_OP_bit_piece) {
			p.where = DWVARS_OTHER;
			return p;
		}
	unsigned last = ops[n - 1].atom;
	if (last == DW_OP_stack_value || ops[0].atom == DW_OP_implicit_value ||
	    ops[0].atom == DW_OP_entry_value || ops[0].atom == DW_OP_GNU_entry_value) {
		p.where = DWVARS_VALUE;
		return p;
	}
	p.where = DWVARS_OTHER;
	if (n != 1)
		return p;
	unsigned op = ops[0].atom;
	if (op >= DW_OP_reg0 && op <= DW_OP_reg31) {
		p.where = DWVARS_REG;
		p.reg = (int)(op - DW_OP_reg0);
	} else if (op == DW_OP_regx) {
		p.where = DWVARS_REG;
		p.reg = (int)ops[0].number;
	} else if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
		p.where = DWVARS_STACK;
		p.reg = (int)(op - DW_OP_breg0);
		p.off = (long long)ops[0].number;
	} else if (op == DW_OP_bregx) {
		p.where = DWVARS_STACK;
		p.reg = (int)ops[0].number;
		p.off = (long long)ops[0].number2;
	} else if (op == DW_OP_fbreg) {
		int reg;
		long long off;
		if (dwvars_frame_base(x, &r->sub, pc, &reg, &off) == 0) {
			p.where = DWVARS_STACK;
			p.reg = reg;
			p.off = off + (long long)ops[0].number;
			p.framed = 1;
			p.fbreg = (long long)ops[0].number;
		}
	}
	return p;
}

/* ---- the whole ---- */

static int dwvars_same_place(const struct dwvars_place *a, const struct dwvars_place *b)
{
	if (a->where == DWVARS_STACK && b->where == DWVARS_STACK && a->framed && b->framed)
		return a->fbreg == b->fbreg;
	return a->where == b->where && a->reg == b->reg && a->off == b->off;
}

static int dwvars_span_cmp(const void *x, const void *y)
{
	const struct dwvars_span *a = x, *b = y;
	if (a->var != b->var)
		return a->var < b->var ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* The spans: each variable's places line by line, a run merged while it stays. */
static int dwvars_spans(struct dwvars *d)
{
	if (!d->n_places)
		return 0;
	struct dwvars_span *all = malloc(d->n_places * sizeof *all);
	if (!all)
		return -1;
	size_t k = 0;
	for (size_t ln = 1; ln <= d->n_lines; ln++)
		for (size_t i = 0; i < d->lines[ln].n_places; i++) {
			const struct dwvars_place *p = &d->places[d->lines[ln].place + i];
			all[k++] = (struct dwvars_span){ p->var, *p, (unsigned)ln, (unsigned)ln };
		}
	if (k > 1)
		qsort(all, k, sizeof *all, dwvars_span_cmp);
	size_t n = 0, run = 0, best = 0;
	struct dwvars_place best_at = { 0 }, prev = { 0 };
	for (size_t i = 0; i < k; i++) {
		struct dwvars_place at = all[i].at; /* all[i] is overwritten below */
		if (n && all[n - 1].var == all[i].var && dwvars_same_place(&prev, &at)) {
			all[n - 1].last = all[i].last;
			/* the way most of the run measures its slot: its longest stretch */
			run = prev.reg == at.reg && prev.off == at.off ? run + 1 : 1;
		} else {
			all[n++] = all[i];
			run = best = 0;
		}
		if (run >= best) {
			best = run ? run : 1;
			best_at = at;
		}
		all[n - 1].at = best_at;
		prev = at;
	}
	d->spans = all;
	d->n_spans = n;
	return 0;
}

static int dwvars_no_debuginfo(Dwfl_Module *m, void **ud, const char *name, Dwarf_Addr base,
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

static const Dwfl_Callbacks dwvars_callbacks = {
	.find_debuginfo = dwvars_no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/* The address a section got in the object's layout: 0, or -1 when there is none. */
static int dwvars_section_addr(Elf *e, const char *name, GElf_Addr *addr)
{
	size_t shstr;
	if (!name || elf_getshdrstrndx(e, &shstr) != 0)
		return -1;
	for (Elf_Scn *s = NULL; (s = elf_nextscn(e, s)) != NULL;) {
		GElf_Shdr sh;
		const char *n;
		if (gelf_getshdr(s, &sh) && (n = elf_strptr(e, shstr, sh.sh_name)) != NULL &&
		    strcmp(n, name) == 0) {
			*addr = sh.sh_addr;
			return 0;
		}
	}
	return -1;
}

static int dwvars_fail(struct dwvars *d, char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "%s", what);
	dwvars_free(d);
	return -1;
}

int dwvars_read(struct dwvars *d, const struct asmmap *g, const char *obj_path,
		const char *lst, size_t len, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	d->priv = calloc(1, sizeof(struct dwvars_pool));
	d->n_lines = g->n_lines;
	d->lines = calloc(g->n_lines + 1, sizeof *d->lines);
	if (!d->priv || !d->lines)
		return dwvars_fail(d, err, errlen, _("out of memory"));
	for (size_t i = 0; i <= g->n_lines; i++)
		d->lines[i].addr = -1;
	dwvars_listing(lst, len, d->lines, g->n_lines);

	Dwfl *dwfl = dwfl_begin(&dwvars_callbacks);
	if (!dwfl)
		return dwvars_fail(d, err, errlen, dwfl_errmsg(-1));
	Dwfl_Module *mod = dwfl_report_offline(dwfl, "object", obj_path, -1);
	dwfl_report_end(dwfl, NULL, NULL);
	Dwarf_Addr dw_bias = 0, elf_bias = 0;
	Dwarf *dw = mod ? dwfl_module_getdwarf(mod, &dw_bias) : NULL;
	Elf *e = mod ? dwfl_module_getelf(mod, &elf_bias) : NULL;
	if (!dw || !e) {
		/* TRANSLATORS: %1$s is an object file, %2$s libdw's reason; no final period:
		   it stands in parentheses */
		snprintf(err, errlen, _("%1$s has no DWARF that libdw can read: %2$s"), obj_path,
			 dwfl_errmsg(-1));
		dwfl_end(dwfl);
		dwvars_free(d);
		return -1;
	}
	GElf_Ehdr eh;
	d->supported = gelf_getehdr(e, &eh) && eh.e_machine == EM_X86_64;
	struct dwvars_cfi cfi = { 0 };
	const char *sec_name = NULL;
	GElf_Addr sec = 0;
	int sec_ok = 0, fn = -1;

	struct dwvars_build b = { .d = d };
	Dwarf_Die *cu = NULL;
	Dwarf_Addr cu_bias;
	while (!b.oom && (cu = dwfl_module_nextcu(mod, cu, &cu_bias)) != NULL)
		dwvars_scan(&b, cu, -1, NULL, 0);

	/* each instruction line: the CFA rule so far, its address, the variables in scope */
	size_t cap_places = 0, cap_ops = 0;
	for (size_t ln = 1; !b.oom && d->supported && ln <= g->n_lines; ln++) {
		const struct asmmap_line *al = &g->lines[ln];
		struct dwvars_line *l = &d->lines[ln];
		if (al->kind == ASMMAP_CFI)
			dwvars_cfi_line(&cfi, asmmap_line_text(g, ln));
		l->place = d->n_places;
		l->op = d->n_ops;
		if (al->kind != ASMMAP_INSN || al->func < 0 || l->addr < 0) {
			l->addr = al->kind == ASMMAP_INSN ? l->addr : -1;
			continue;
		}
		/* the section's address, asked again only when the function's section changes */
		const char *sname = g->funcs[al->func].section;
		if (!sname || !sec_name || strcmp(sname, sec_name) != 0) {
			sec_name = sname;
			sec_ok = dwvars_section_addr(e, sname, &sec) == 0;
		}
		if (!sec_ok) {
			l->addr = -1;
			continue;
		}
		Dwarf_Addr pc = sec + elf_bias + (Dwarf_Addr)l->addr - dw_bias;
		l->addr = (long long)pc;
		/* the function whose code it is: most often the previous line's */
		if (fn < 0 || dwarf_haspc(&b.subs[fn], pc) != 1) {
			fn = -1;
			for (size_t f = 0; fn < 0 && f < d->n_funcs; f++)
				if (dwarf_haspc(&b.subs[f], pc) == 1)
					fn = (int)f;
		}
		/* its variables: from its first, n_vars of them (a nested function's may lie
		 * between) */
		size_t left = fn >= 0 ? d->funcs[fn].n_vars : 0;
		for (size_t v = fn >= 0 ? d->funcs[fn].var : 0; left && v < d->n_vars; v++) {
			if (d->vars[v].func != fn)
				continue;
			left--;
			if (dwarf_haspc(&b.raw[v].scope, pc) != 1)
				continue;
			if (dwvars_grow((void **)&d->places, &cap_places, d->n_places,
					sizeof *d->places)) {
				b.oom = 1;
				break;
			}
			d->places[d->n_places++] = dwvars_locate(&cfi.now, &b.raw[v], (int)v, pc);
		}
		l->n_places = d->n_places - l->place;
	}
	/* the operands, once every line's places are known */
	for (size_t ln = 1; !b.oom && ln <= g->n_lines; ln++) {
		if (d->lines[ln].addr < 0 || !d->lines[ln].n_places)
			continue;
		size_t next = ln + 1;
		while (next <= g->n_lines && d->lines[next].addr < 0 &&
		       g->lines[next].func == g->lines[ln].func)
			next++;
		if (next > g->n_lines || g->lines[next].func != g->lines[ln].func)
			next = 0;
		if (dwvars_operands(d, g, ln, next, &cap_ops))
			b.oom = 1;
	}
	/* the frame base in words, once per function */
	for (size_t f = 0; !b.oom && f < d->n_funcs; f++) {
		Dwarf_Attribute a;
		Dwarf_Op *ops;
		size_t n;
		if (dwarf_attr_integrate(&b.subs[f], DW_AT_frame_base, &a) &&
		    dwarf_getlocation(&a, &ops, &n) == 0 && n == 1)
			d->funcs[f].frame = ops[0].atom == DW_OP_call_frame_cfa ?
					    "DW_OP_call_frame_cfa" : "DW_OP_breg";
	}
	free(b.raw);
	free(b.subs);
	dwfl_end(dwfl);
	if (b.oom || dwvars_spans(d))
		return dwvars_fail(d, err, errlen, _("out of memory"));
	return 0;
}

int dwvars_make(struct dwvars *d, const struct asmmap *g, const char *cc, const char *gs_path,
		const char *dir, int timeout_ms, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	const char *slash = strrchr(gs_path, '/');
	const char *base = slash ? slash + 1 : gs_path;
	size_t bl = strlen(base);
	if (bl > 2 && strcmp(base + bl - 2, ".s") == 0)
		bl -= 2;
	size_t room = strlen(dir) + bl + 16;
	char *obj = malloc(room), *lst = malloc(room), *wa = malloc(room + 8);
	if (!obj || !lst || !wa) {
		free(obj);
		free(lst);
		free(wa);
		snprintf(err, errlen, "%s", _("out of memory"));
		return -1;
	}
	snprintf(obj, room, "%s/%.*s.o", dir, (int)bl, base);
	snprintf(lst, room, "%s/%.*s.lst", dir, (int)bl, base);
	snprintf(wa, room + 8, "-Wa,-aln=%s", lst);
	char *argv[] = { (char *)(cc ? cc : "gcc"), "-c", (char *)gs_path, wa, "-o", obj, NULL };
	struct proc_opts o = { .cwd = dir, .timeout_ms = timeout_ms };
	struct proc_result r;
	int rc = -1;
	if (proc_run(argv, &o, &r) != 0) {
		/* TRANSLATORS: %1$s is the compiler ("gcc"), %2$s the -g compile's .s it was
		   given ("hello.g.s"), %3$s how it ended ("exit 1"); no final period: it
		   stands in parentheses */
		snprintf(err, errlen, _("%1$s -c %2$s failed (%3$s)"), argv[0], base,
			 proc_describe(&r));
	} else {
		size_t len = 0;
		char *text = files_slurp(lst, DWVARS_MAX_LISTING, &len, NULL);
		if (!text)
			/* TRANSLATORS: %s is a file; no final period: it stands in parentheses */
			snprintf(err, errlen, _("the assembler wrote no listing %s"), lst);
		else
			rc = dwvars_read(d, g, obj, text, len, err, errlen);
		free(text);
	}
	proc_result_free(&r);
	free(obj);
	free(lst);
	free(wa);
	return rc;
}

void dwvars_free(struct dwvars *d)
{
	struct dwvars_pool *p = d->priv;
	if (p) {
		for (size_t i = 0; i < p->n; i++)
			free(p->s[i]);
		free(p->s);
		free(p);
	}
	free(d->vars);
	free(d->funcs);
	free(d->lines);
	free(d->places);
	free(d->ops);
	free(d->spans);
	memset(d, 0, sizeof *d);
}

const char *dwvars_name_at(const struct dwvars *d, size_t g_line, const char *operand)
{
	if (!d || !operand || g_line < 1 || g_line > d->n_lines)
		return NULL;
	const struct dwvars_line *l = &d->lines[g_line];
	for (size_t i = l->op; i < l->op + l->n_ops; i++)
		if (strcmp(d->ops[i].text, operand) == 0)
			return d->vars[d->ops[i].var].name;
	return NULL;
}
