/* fates: what gcc did with each function and call. See fates.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/fates.h"
#include "stages/i18n.h"
#include "stages/xfmt.h"

const char *fates_func_name_en(enum fates_func_kind k)
{
	static const char *const names[] = { N_("emitted"), N_("moved"), N_("cloned"),
					      N_("inline only"), N_("gone"), N_("not defined here") };
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *fates_func_name(enum fates_func_kind k)
{
	return _(fates_func_name_en(k));
}

const char *fates_call_name_en(enum fates_call_kind k)
{
	static const char *const names[] = { N_("kept"), N_("rewritten"), N_("inlined"), N_("gone"),
					      N_("indirect"), N_("unknown") };
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *fates_call_name(enum fates_call_kind k)
{
	return _(fates_call_name_en(k));
}

static const char *fates_symbol(const struct cfacts_func *f)
{
	return f->mangled && *f->mangled ? f->mangled : f->name;
}

/* 1 when assembler name asm_name is sym or one of gcc's clones of it. */
static int fates_is_copy_of(const struct asmmap_func *a, const char *sym)
{
	return strcmp(a->name, sym) == 0 || (a->clone && a->base && strcmp(a->base, sym) == 0);
}

/* The source's functions by name: sorted so that for each name its definition comes first,
 * else its first declaration. A source of 100,000 declarations is looked up in each of them. */
struct fates_index {
	const struct cfacts_func **by_name;
	size_t n;
};

static int fates_index_cmp(const void *a, const void *b)
{
	const struct cfacts_func *x = *(const struct cfacts_func *const *)a;
	const struct cfacts_func *y = *(const struct cfacts_func *const *)b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	if (x->is_definition != y->is_definition)
		return y->is_definition - x->is_definition;
	return x < y ? -1 : x > y;
}

static int fates_index_build(struct fates_index *ix, const struct cfacts *cf)
{
	ix->n = cf->n_funcs;
	ix->by_name = malloc((ix->n + 1) * sizeof *ix->by_name);
	if (!ix->by_name)
		return -1;
	for (size_t i = 0; i < ix->n; i++)
		ix->by_name[i] = &cf->funcs[i];
	qsort(ix->by_name, ix->n, sizeof *ix->by_name, fates_index_cmp);
	return 0;
}

/* The source's function definition called name, else its first declaration, or NULL. */
static const struct cfacts_func *fates_find_func(const struct fates_index *ix, const char *name)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->by_name[lo]->name, name) == 0 ? ix->by_name[lo] : NULL;
}

/* A sentence into a scratch buffer of this thread, to be joined to the one after it. */
static const char *fates_tmp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *fates_tmp(const char *fmt, ...)
{
	static _Thread_local char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return buf;
}

static int fates_func(struct fates_func *out, const struct cfacts_func *f, const struct asmmap *m)
{
	const char *sym = fates_symbol(f);
	long own = asmmap_func_find(m, sym);
	size_t len = 0;
	char *clones = NULL;
	unsigned clone_bits = 0;
	for (size_t i = 0; i < m->n_funcs; i++) {
		const struct asmmap_func *a = &m->funcs[i];
		if (!a->clone || !fates_is_copy_of(a, sym))
			continue;
		clone_bits |= a->clone;
		size_t n = strlen(a->name);
		char *grown = realloc(clones, len + n + 3);
		if (!grown) {
			free(clones);
			return -1;
		}
		clones = grown;
		len += (size_t)sprintf(clones + len, "%s%s", len ? ", " : "", a->name);
	}
	out->cf = f;
	out->clones = clones;
	const char *how = "";
	for (unsigned bit = 1; bit <= ASMMAP_CLONE_LTO_PRIV; bit <<= 1)
		if ((clone_bits & bit) && asmmap_clone_explain(bit)) {
			how = asmmap_clone_explain(bit);
			break;
		}
	if (!f->is_definition) {
		out->kind = FATES_NOT_DEFINED;
		out->why = xfmt(_("Only declared here: its code comes from another object file "
				     "or a library, and the linker finds it."));
	} else if (own >= 0) {
		const struct asmmap_func *a = &m->funcs[own];
		out->section = a->section;
		int text = !a->section || strcmp(a->section, ".text") == 0;
		out->kind = text ? FATES_EMITTED : FATES_MOVED;
		if (text)
			out->why = clones ? xfmt(_("Compiled to code under its own name, %1$s, in "
						   ".text; gcc also made specialised copies: %2$s."),
						 sym, clones)
					  : xfmt(_("Compiled to code under its own name, %s, in .text."),
						 sym);
		else
			out->why = strcmp(a->section, ".text.startup") == 0 ?
				xfmt(_("Compiled under its own name, but into %s: gcc sorts code it "
				       "expects to run once (main, and constructors) or rarely apart "
				       "from the hot code, to keep that together in memory."),
				     a->section) :
				xfmt(_("Compiled under its own name, but into %s: gcc sorts code it "
				       "expects to run once (code on unlikely paths) or rarely apart "
				       "from the hot code, to keep that together in memory."),
				     a->section);
	} else if (clones) {
		out->kind = FATES_CLONED;
		/* the sentence, then asmmap's sentence on the kind of copy (or nothing) */
		out->why = xfmt("%s %s", fates_tmp(_("No code under the name %1$s: only gcc's "
						     "specialised copies remain (%2$s)."), sym, clones),
				how);
	} else if (f->inlined && f->storage == CFACTS_STORAGE_NONE &&
		   f->linkage == CFACTS_LINKAGE_EXTERNAL) {
		out->kind = FATES_INLINE_ONLY;
		out->why = xfmt(_("An inline definition without static or extern: in C99 and "
				     "later it is not an external definition, so gcc emits no code "
				     "for it. A call that is not inlined needs a definition from "
				     "another file, or the link fails."));
	} else if (f->linkage == CFACTS_LINKAGE_INTERNAL) {
		out->kind = FATES_GONE;
		out->why = xfmt(_("A static function with no code left in the .s: only this "
				     "file can call it, so once gcc had copied its body into every "
				     "caller (inlining, from -O1), or saw no caller at all, it "
				     "dropped the function."));
	} else {
		out->kind = FATES_GONE;
		out->why = xfmt(_("Defined here, but the .s has no function %s."), sym);
	}
	return out->why ? 0 : -1;
}

/* The asm calls in the code of function caller (and its clones), and which are used. */
struct fates_site {
	const struct asmmap_call *call;
	int used;
};

static size_t fates_sites(const struct asmmap *m, const char *caller, struct fates_site *out)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_calls; i++) {
		const struct asmmap_call *c = &m->calls[i];
		if (c->func < 0 || (size_t)c->func >= m->n_funcs || !c->target)
			continue;
		if (fates_is_copy_of(&m->funcs[c->func], caller))
			out[n++] = (struct fates_site){ c, 0 };
	}
	return n;
}

/* An unused site calling target, on source line `line` of file `file` when line is set. */
static struct fates_site *fates_take(struct fates_site *s, size_t n, const char *target, int file,
				     unsigned line)
{
	for (size_t i = 0; target && *target && i < n; i++) {
		if (s[i].used || strcmp(s[i].call->target, target) != 0)
			continue;
		if (line && (s[i].call->src_line != line || (file >= 0 && s[i].call->file != file)))
			continue;
		s[i].used = 1;
		return &s[i];
	}
	return NULL;
}

static int fates_has_code(const struct asmmap *m, const char *caller)
{
	for (size_t i = 0; i < m->n_funcs; i++)
		if (fates_is_copy_of(&m->funcs[i], caller))
			return 1;
	return 0;
}

static int fates_calls(struct fates *f, const struct cfacts *cf, const struct asmmap *m,
		       const struct fates_index *ix)
{
	struct fates_site *sites = calloc(m->n_calls + 1, sizeof *sites);
	unsigned char *done = calloc(cf->n_calls + 1, 1);
	if (!sites || !done) {
		free(sites);
		free(done);
		return -1;
	}
	int file = cf->main_file ? asmmap_file_find(m, cf->main_file) : -1;
	/* One caller at a time, its calls in source order. */
	for (size_t i = 0; i < cf->n_calls; i++) {
		if (done[i])
			continue;
		const char *caller = cf->calls[i].caller ? cf->calls[i].caller : "";
		size_t n = fates_sites(m, caller, sites);
		int has_code = fates_has_code(m, caller);
		/* Two passes: first the calls that match on their own line, then by count. */
		for (int pass = 0; pass < 2; pass++) {
			for (size_t j = i; j < cf->n_calls; j++) {
				const struct cfacts_call *c = &cf->calls[j];
				if (done[j] || strcmp(c->caller ? c->caller : "", caller) != 0)
					continue;
				struct fates_call *out = &f->calls[j];
				char why[512] = "";
				const char *pred = c->callee ? cfacts_builtin_rewrite(c, why, sizeof why)
							     : NULL;
				unsigned line = pass == 0 ? c->line : 0;
				struct fates_site *s;
				out->cf = c;
				if (!c->callee) {
					out->kind = FATES_CALL_INDIRECT;
					out->why = xfmt(_("A call through a pointer: the function is "
							     "chosen at run time."));
				} else if (!has_code) {
					out->kind = FATES_CALL_UNKNOWN;
					out->why = xfmt(_("%s has no code in the .s, so neither has "
							     "this call."), caller);
				} else if ((s = fates_take(sites, n, c->callee, file, line))) {
					out->kind = FATES_CALL_KEPT;
					out->s_line = s->call->line;
					out->why = s->call->tail ?
						xfmt(_("The .s calls %s here, as a tail call (jmp): "
						       "the callee returns straight to our caller."),
						     c->callee) :
						xfmt(_("The .s calls %s here."), c->callee);
				} else if (pred && *pred && (s = fates_take(sites, n, pred, file, line))) {
					out->kind = FATES_CALL_REWRITTEN;
					out->now = pred;
					out->s_line = s->call->line;
					out->why = xfmt("%s %s", fates_tmp(_("gcc calls %1$s instead "
									     "of %2$s."), pred,
									   c->callee), why);
					f->n_rewritten++;
				} else if (pass == 0) {
					continue; /* try again by count */
				} else if (fates_find_func(ix, c->callee) &&
					   fates_find_func(ix, c->callee)->is_definition) {
					out->kind = FATES_CALL_INLINED;
					out->why = xfmt(_("No call to %1$s is left in %2$s: gcc copied %3$s's "
							     "body into it (inlining)."), c->callee,
							     caller, c->callee);
					f->n_inlined++;
				} else if (pred && !*pred) {
					out->kind = FATES_CALL_GONE;
					out->why = xfmt("%s %s", _("gcc removed the call."), why);
				} else {
					out->kind = FATES_CALL_GONE;
					out->why = xfmt(_("No call to %1$s is left in %2$s: gcc computed "
							     "its result at compile time, expanded it in "
							     "place (a builtin such as memcpy or strlen), or "
							     "found the code unreachable."), c->callee,
							     caller);
				}
				done[j] = 1;
				if (!out->why) {
					free(sites);
					free(done);
					return -1;
				}
			}
		}
	}
	free(sites);
	free(done);
	return 0;
}

int fates_build(struct fates *f, const struct cfacts *cf, const struct asmmap *m)
{
	struct fates_index ix = { 0 };
	memset(f, 0, sizeof *f);
	f->funcs = calloc(cf->n_funcs + 1, sizeof *f->funcs);
	f->calls = calloc(cf->n_calls + 1, sizeof *f->calls);
	if (!f->funcs || !f->calls || fates_index_build(&ix, cf) < 0)
		goto fail;
	/* One entry per function name: its definition, else its first declaration. */
	for (size_t i = 0; i < cf->n_funcs; i++) {
		const struct cfacts_func *x = fates_find_func(&ix, cf->funcs[i].name);
		if (x != &cf->funcs[i])
			continue;
		if (!x->is_definition && !x->referenced)
			continue;
		if (fates_func(&f->funcs[f->n_funcs], x, m) < 0) {
			f->n_funcs++;
			goto fail;
		}
		f->n_funcs++;
	}
	f->n_calls = cf->n_calls;
	if (fates_calls(f, cf, m, &ix) < 0)
		goto fail;
	free(ix.by_name);
	return 0;
fail:
	free(ix.by_name);
	fates_free(f);
	return -1;
}

void fates_free(struct fates *f)
{
	for (size_t i = 0; f->funcs && i < f->n_funcs; i++) {
		free(f->funcs[i].clones);
		free(f->funcs[i].why);
	}
	for (size_t i = 0; f->calls && i < f->n_calls; i++)
		free(f->calls[i].why);
	free(f->funcs);
	free(f->calls);
	memset(f, 0, sizeof *f);
}
