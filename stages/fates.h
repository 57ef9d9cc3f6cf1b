/* fates: what gcc did with each function and each call of the source, found by comparing
 * libclang's view of the source (stages/cfacts.h) with the assembly gcc wrote (the -g
 * compile's stages/asmmap.h).
 *
 * Contract: fates_build() reads a finished walk's cfacts and asmmap (both must be valid) and
 * fills *f; it runs no program and changes nothing in the walk. Every verdict is made from
 * the two models only: a function is "emitted" when the .s has a function of that assembler
 * name, "cloned" when it has one whose name is that name plus gcc's clone suffixes, and so on;
 * a call is "kept" when the caller's code in the .s calls the callee, "rewritten" when it
 * calls instead the function libclang's builtin rule predicts (cfacts_builtin_rewrite) and
 * not the callee. Calls are matched by count within each caller: the n-th call of printf in
 * main is kept when the .s of main has at least n calls to printf. The caller's code is the
 * caller's function and all its clones in the .s. f owns its strings; fates_free() frees
 * them.
 */
#ifndef CSTAGES_FATES_H
#define CSTAGES_FATES_H

#include <stddef.h>
#include "stages/asmmap.h"
#include "stages/cfacts.h"

enum fates_func_kind {
	FATES_EMITTED,      /* its own code under its own name */
	FATES_MOVED,        /* emitted, but in another section than .text (.text.startup...) */
	FATES_CLONED,       /* only specialised copies (NAME.constprop.0, NAME.isra.0) remain,
			       or copies beside the original */
	FATES_INLINE_ONLY,  /* a C99 inline definition: no code unless another file provides it */
	FATES_GONE,         /* a static function with no code left: inlined into its callers,
			       or unused and dropped */
	FATES_NOT_DEFINED,  /* declared only: the code comes from another file or library */
};

struct fates_func {
	const struct cfacts_func *cf; /* the definition (or the declaration) in the source */
	enum fates_func_kind kind;
	const char *section;          /* where its code is, NULL when none */
	char *clones;                 /* the clone names, comma separated, or NULL */
	char *why;                    /* one or two sentences for the learner */
};

enum fates_call_kind {
	FATES_CALL_KEPT,      /* the .s calls the same function */
	FATES_CALL_REWRITTEN, /* the .s calls the predicted replacement (printf -> puts) */
	FATES_CALL_INLINED,   /* the callee is defined in this file and the caller no longer
				 calls it: its body was copied into the caller */
	FATES_CALL_GONE,      /* no call is left and no rule explains it (constant folding,
				 dead code, a builtin expanded in place such as memcpy) */
	FATES_CALL_INDIRECT,  /* through a pointer: nothing to compare by name */
	FATES_CALL_UNKNOWN,   /* the caller's code is not in the .s (it was not emitted) */
};

struct fates_call {
	const struct cfacts_call *cf;
	enum fates_call_kind kind;
	const char *now;      /* the function the .s calls instead, for REWRITTEN */
	unsigned s_line;      /* the .s line of the matching call, 0 when none */
	char *why;
};

struct fates {
	struct fates_func *funcs;
	size_t n_funcs;
	struct fates_call *calls;
	size_t n_calls;
	size_t n_rewritten, n_inlined; /* totals the views and the report headline */
};

/* Compare cf with m. Returns 0, or -1 when memory ran out (f is then empty). */
int fates_build(struct fates *f, const struct cfacts *cf, const struct asmmap *m);

void fates_free(struct fates *f);

/* "emitted", "moved", "cloned", "inline only", "gone", "not defined here", in the user's
 * language; fates_func_name_en: the same in English, whatever the locale (for the JSON). */
const char *fates_func_name(enum fates_func_kind k);
const char *fates_func_name_en(enum fates_func_kind k);

/* "kept", "rewritten", "inlined", "gone", "indirect", "unknown", in the user's language;
 * fates_call_name_en: the same in English (for the JSON). */
const char *fates_call_name(enum fates_call_kind k);
const char *fates_call_name_en(enum fates_call_kind k);

#endif
