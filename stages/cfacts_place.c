/* cfacts_place: the placement rules. Where gcc 12 on x86-64 will likely put each declaration's
 * symbol in the .o (section, nm letter, whether optimisation may remove it), decided from the
 * entities the visitor found, and why, as codes (cfacts_why.h) that cfacts_say.c words into
 * struct cfacts_place's reason.
 *
 * Contract: called by cfacts_parse() once every declaration, reference and initialiser value
 * is known; reads the ctx and the records, writes only each record's place (and its
 * referenced and weak fields). A section name in a place is one of cfacts_sections[]: the
 * same pointer whether made here or read back by cfwire (cfacts_section_intern()).
 */
#include "config.h"

#include <string.h>

#include "stages/cfacts_int.h"

/* nm's letter for a symbol defined in section sec; lowercase for a local symbol. */
static char cfacts_nm_letter(const char *sec, int local)
{
	char l;
	if (!strcmp(sec, "UND"))
		return 'U';
	if (!strncmp(sec, ".bss", 4) || !strncmp(sec, ".tbss", 5))
		l = 'B';
	else if (!strncmp(sec, ".rodata", 7))
		l = 'R';
	else if (!strncmp(sec, ".text", 5))
		l = 'T';
	else
		l = 'D';
	return local ? (char)(l - 'A' + 'a') : l;
}

/* Every section name the predictions use, so that cfacts_section_intern() can hand back a
 * static string for each: a section added to the predictions must be added here too. */
static const char *const cfacts_sections[] = {
	"UND", ".text", ".text.startup", ".data", ".bss", ".rodata", ".tdata", ".tbss",
	".data.rel", ".data.rel.local", ".data.rel.ro", ".data.rel.ro.local",
	".rodata.str1.1", ".rodata.str1.8", ".rodata.str2.2", ".rodata.str2.8",
	".rodata.str4.4", ".rodata.str4.8",
};

const char *cfacts_section_intern(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof cfacts_sections / sizeof cfacts_sections[0]; i++)
		if (!strcmp(cfacts_sections[i], name))
			return cfacts_sections[i];
	return NULL;
}

/* Through cfacts_section_intern(), so that a place holds the same pointers whether made here
 * or read back by cfwire; the reason is the codes in w, put into words. */
static void cfacts_set_place(struct cfacts_ctx *x, struct cfacts_place *p, const char *sec,
			     const char *opt, char nm, int vanish, const struct cfacts_whys *w)
{
	char buf[2048];
	p->section = cfacts_section_intern(sec);
	p->section_opt = cfacts_section_intern(opt);
	p->nm = nm;
	p->may_vanish = vanish;
	cfacts_say_whys(w, buf, sizeof buf);
	p->reason = cfacts_strdup(x, buf);
}

void cfacts_place_func(struct cfacts_ctx *x, size_t i)
{
	struct cfacts *cf = x->cf;
	struct cfacts_func *f = &cf->funcs[i];
	if (x->fent[i] < 0)
		return;
	const struct cfacts_entity *en = &x->ents[x->fent[i]];
	const struct cfacts_func *d = en->def_func >= 0 ? &cf->funcs[en->def_func] : NULL;
	f->referenced = en->referenced;
	int local = f->linkage == CFACTS_LINKAGE_INTERNAL;
	/* gcc refuses a weak declaration without external linkage */
	f->weak = en->weak && f->linkage == CFACTS_LINKAGE_EXTERNAL;
	struct cfacts_whys w = { .n = 0 };
	if (d && d != f)
		CFACTS_WHY(&w, .code = CFW_FUNC_DEFINED_AT, .u = d->line);
	if (!d && f->weak && en->alias_func >= 0) {
		CFACTS_WHY(&w, .code = CFW_FUNC_WEAK_ALIAS, .name = f->name,
			   .target = cf->funcs[en->alias_func].name);
		CFACTS_WHY(&w, .code = CFW_WEAK_DEF);
		cfacts_set_place(x, &f->place, ".text", NULL, 'W', 0, &w);
		return;
	}
	if (!d) {
		if (!en->referenced) {
			CFACTS_WHY(&w, .code = CFW_FUNC_UNUSED_DECL);
			cfacts_set_place(x, &f->place, NULL, NULL, 0, 0, &w);
		} else if (local) {
			CFACTS_WHY(&w, .code = CFW_FUNC_STATIC_UNDEFINED);
			cfacts_set_place(x, &f->place, "UND", NULL, 'U', 0, &w);
		} else if (f->weak) {
			CFACTS_WHY(&w, .code = CFW_FUNC_WEAK_UNDEFINED);
			CFACTS_WHY(&w, .code = CFW_WEAK_REF_FUNC, .name = f->name);
			cfacts_set_place(x, &f->place, "UND", NULL, 'w', 0, &w);
		} else {
			CFACTS_WHY(&w, .code = CFW_FUNC_EXTERN_DECL);
			cfacts_set_place(x, &f->place, "UND", NULL, 'U', 0, &w);
		}
		return;
	}
	if (local) {
		if (!en->referenced && d->inlined) {
			CFACTS_WHY(&w, .code = CFW_FUNC_STATIC_INLINE_UNUSED);
			cfacts_set_place(x, &f->place, NULL, NULL, 0, 0, &w);
			return;
		}
		CFACTS_WHY(&w, .code = CFW_FUNC_STATIC_TEXT);
		CFACTS_WHY(&w, .code = en->referenced ? CFW_FUNC_STATIC_MAY_INLINE
						       : CFW_FUNC_STATIC_UNUSED);
		cfacts_set_place(x, &f->place, ".text", NULL, 't', 1, &w);
		return;
	}
	int inline_only = x->gnu89_inline ? d->storage == CFACTS_STORAGE_EXTERN && d->inlined
					  : !en->external_def;
	if (inline_only) {
		CFACTS_WHY(&w, .code = x->gnu89_inline ? CFW_FUNC_GNU89_EXTERN_INLINE
						       : CFW_FUNC_C99_INLINE_DEF);
		if (en->referenced) {
			CFACTS_WHY(&w, .code = CFW_FUNC_INLINE_CALL_UND);
			if (!x->gnu89_inline)
				CFACTS_WHY(&w, .code = CFW_FUNC_INLINE_HOW_EXTERNAL);
			cfacts_set_place(x, &f->place, "UND", NULL, 'U', 1, &w);
		} else {
			cfacts_set_place(x, &f->place, NULL, NULL, 0, 0, &w);
		}
		return;
	}
	int is_main = !strcmp(f->name, "main");
	if (f->weak) {
		CFACTS_WHY(&w, .code = CFW_FUNC_WEAK_TEXT);
		CFACTS_WHY(&w, .code = CFW_WEAK_DEF);
		CFACTS_WHY(&w, .code = CFW_FUNC_WEAK_NOT_INLINED);
	} else {
		CFACTS_WHY(&w, .code = CFW_FUNC_GLOBAL_TEXT);
	}
	if (d->inlined && x->gnu89_inline)
		CFACTS_WHY(&w, .code = CFW_FUNC_INLINE_GNU89_EMITTED);
	else if (d->inlined)
		CFACTS_WHY(&w, .code = CFW_FUNC_INLINE_EMITTED);
	if (is_main)
		CFACTS_WHY(&w, .code = CFW_FUNC_MAIN_STARTUP);
	cfacts_set_place(x, &f->place, ".text", is_main ? ".text.startup" : NULL,
			 f->weak ? 'W' : 'T', 0, &w);
}

void cfacts_place_var(struct cfacts_ctx *x, size_t i)
{
	struct cfacts *cf = x->cf;
	struct cfacts_var *v = &cf->vars[i];
	if (x->vent[i] < 0)
		return;
	const struct cfacts_entity *en = &x->ents[x->vent[i]];
	/* the declaration that defines it: the one with the initialiser, else a tentative one */
	const struct cfacts_var *d = en->init_var >= 0   ? &cf->vars[en->init_var]
				     : en->tent_var >= 0 ? &cf->vars[en->tent_var]
							 : v;
	v->referenced = en->referenced;
	int local = v->linkage == CFACTS_LINKAGE_INTERNAL || v->static_local;
	/* gcc refuses a weak declaration without external linkage */
	v->weak = en->weak && v->linkage == CFACTS_LINKAGE_EXTERNAL;
	struct cfacts_whys w = { .n = 0 };
	if (!en->var_defined) {
		if (en->referenced && v->weak) {
			CFACTS_WHY(&w, .code = CFW_VAR_WEAK_UNDEFINED);
			CFACTS_WHY(&w, .code = CFW_WEAK_REF_VAR, .name = v->name);
			cfacts_set_place(x, &v->place, "UND", NULL, 'w', 0, &w);
		} else if (en->referenced) {
			CFACTS_WHY(&w, .code = CFW_VAR_EXTERN_UNDEFINED);
			cfacts_set_place(x, &v->place, "UND", NULL, 'U', 0, &w);
		} else {
			CFACTS_WHY(&w, .code = CFW_VAR_EXTERN_UNUSED);
			cfacts_set_place(x, &v->place, NULL, NULL, 0, 0, &w);
		}
		return;
	}
	if (d != v)
		CFACTS_WHY(&w, .code = d->has_init ? CFW_VAR_DEFINED_INIT_AT : CFW_VAR_DEFINED_AT,
			   .u = d->line);
	int zero = d->has_init ? d->init_zero : 1;
	int cst = d->is_const && !d->is_volatile;
	int reloc = d->has_init ? en->reloc : 0;
	const char *sec;
	if (v->thread_local) {
		sec = zero == 1 ? ".tbss" : ".tdata";
		CFACTS_WHY(&w, .code = zero == 1 ? CFW_VAR_TLS_ZERO : CFW_VAR_TLS_INIT, .s = sec);
	} else if (zero == 1 && cst) {
		sec = ".rodata";
		CFACTS_WHY(&w, .code = CFW_VAR_CONST_ZERO);
	} else if (zero == 1 && !d->has_init && d->tentative) {
		sec = ".bss";
		CFACTS_WHY(&w, .code = CFW_VAR_TENTATIVE);
		if (v->weak)
			CFACTS_WHY(&w, .code = CFW_VAR_WEAK_NOT_COMMON);
		else if (!local)
			CFACTS_WHY(&w, .code = CFW_VAR_NO_COMMON);
	} else if (zero == 1 && !d->has_init) {
		sec = ".bss";
		CFACTS_WHY(&w, .code = CFW_VAR_STATIC_LOCAL_BSS);
	} else if (zero == 1) {
		sec = ".bss";
		CFACTS_WHY(&w, .code = CFW_VAR_ZERO_INIT);
	} else {
		if (zero < 0)
			CFACTS_WHY(&w, .code = CFW_VAR_INIT_UNKNOWN);
		if (reloc && cf->pic) {
			int global = reloc & 2;
			sec = cst ? (global ? ".data.rel.ro" : ".data.rel.ro.local")
				  : (global ? ".data.rel" : ".data.rel.local");
			CFACTS_WHY(&w, .code = cf->pic == 2 ? CFW_VAR_RELOC_PIC : CFW_VAR_RELOC_PIE,
				   .s = sec, .s2 = cst ? ".rodata" : ".data");
			if (cst)
				CFACTS_WHY(&w, .code = CFW_VAR_RELRO);
			CFACTS_WHY(&w, .code = global ? CFW_VAR_RELOC_GLOBAL : CFW_VAR_RELOC_LOCAL);
		} else if (cst) {
			sec = ".rodata";
			CFACTS_WHY(&w, .code = CFW_VAR_CONST_RODATA);
		} else {
			sec = ".data";
			CFACTS_WHY(&w, .code = CFW_VAR_DATA);
		}
	}
	/* nm says V for a weak object, and W for a weak symbol of another type (thread-local) */
	char nm = v->weak ? (v->thread_local ? 'W' : 'V') : cfacts_nm_letter(sec, local);
	if (v->static_local)
		CFACTS_WHY(&w, .code = CFW_VAR_STATIC_LOCAL_SYM, .nm = nm, .name = v->name);
	else if (local)
		CFACTS_WHY(&w, .code = CFW_VAR_LOCAL_SYM, .nm = nm);
	else if (v->weak)
		CFACTS_WHY(&w, .code = CFW_VAR_WEAK_SYM, .nm = nm);
	else
		CFACTS_WHY(&w, .code = CFW_VAR_GLOBAL_SYM, .nm = nm);
	if (v->weak)
		CFACTS_WHY(&w, .code = CFW_WEAK_DEF);
	if (local)
		CFACTS_WHY(&w, .code = CFW_VAR_MAY_FOLD);
	cfacts_set_place(x, &v->place, sec, NULL, nm, local, &w);
}

void cfacts_place_string(struct cfacts_ctx *x, struct cfacts_string *s)
{
	static const char *const merge[3][2] = {
		{ ".rodata.str1.1", ".rodata.str1.8" },
		{ ".rodata.str2.2", ".rodata.str2.8" },
		{ ".rodata.str4.4", ".rodata.str4.8" },
	};
	int wi = s->width == 4 ? 2 : s->width == 2 ? 1 : 0;
	int big = s->bytes >= 31; /* x86-64 aligns a string constant this long to 8 */
	const char *opt = merge[wi][big];
	struct cfacts_whys w = { .n = 0 };
	CFACTS_WHY(&w, .code = CFW_STR_RODATA);
	CFACTS_WHY(&w, .code = CFW_STR_MERGE, .s = opt, .n = (size_t)s->width);
	if (big)
		CFACTS_WHY(&w, .code = CFW_STR_ALIGNED, .n = s->bytes, .s = merge[wi][0]);
	CFACTS_WHY(&w, .code = CFW_STR_REWRITES);
	cfacts_set_place(x, &s->place, ".rodata", opt, 0, 1, &w);
}
