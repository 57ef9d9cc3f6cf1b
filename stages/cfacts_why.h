/* cfacts_why: what the placement and rewrite rules decided, as codes with parameters, for
 * the sentence layer (stages/cfacts_say.c) to put into words.
 *
 * Contract: a rule appends one struct cfacts_why per thing it found (CFACTS_WHY()); the
 * strings it points to (names, sections, a call's string literals) must outlive the
 * rendering, which happens before the rule returns (placements) or in
 * cfacts_builtin_rewrite() (rewrites). A list holds at most CFACTS_WHY_MAX entries; more are
 * dropped. The codes carry no words: every sentence is in cfacts_say.c, written whole.
 */
#ifndef CSTAGES_CFACTS_WHY_H
#define CSTAGES_CFACTS_WHY_H

#include <stddef.h>

enum cfacts_why_code {
	/* a function's placement */
	CFW_FUNC_DEFINED_AT,       /* u: the defining declaration's line */
	CFW_FUNC_WEAK_ALIAS,       /* name, target */
	CFW_WEAK_DEF,              /* what a weak definition means at link time */
	CFW_WEAK_REF_FUNC,         /* name: a weak undefined function */
	CFW_WEAK_REF_VAR,          /* name: a weak undefined object */
	CFW_FUNC_UNUSED_DECL,
	CFW_FUNC_STATIC_UNDEFINED,
	CFW_FUNC_WEAK_UNDEFINED,
	CFW_FUNC_EXTERN_DECL,
	CFW_FUNC_STATIC_INLINE_UNUSED,
	CFW_FUNC_STATIC_TEXT,
	CFW_FUNC_STATIC_UNUSED,
	CFW_FUNC_STATIC_MAY_INLINE,
	CFW_FUNC_GNU89_EXTERN_INLINE,
	CFW_FUNC_C99_INLINE_DEF,
	CFW_FUNC_INLINE_CALL_UND,
	CFW_FUNC_INLINE_HOW_EXTERNAL,
	CFW_FUNC_WEAK_TEXT,
	CFW_FUNC_WEAK_NOT_INLINED,
	CFW_FUNC_GLOBAL_TEXT,
	CFW_FUNC_INLINE_GNU89_EMITTED,
	CFW_FUNC_INLINE_EMITTED,
	CFW_FUNC_MAIN_STARTUP,
	/* a variable's placement */
	CFW_VAR_WEAK_UNDEFINED,
	CFW_VAR_EXTERN_UNDEFINED,
	CFW_VAR_EXTERN_UNUSED,
	CFW_VAR_DEFINED_INIT_AT,   /* u: line */
	CFW_VAR_DEFINED_AT,        /* u: line */
	CFW_VAR_TLS_ZERO,          /* s: section */
	CFW_VAR_TLS_INIT,          /* s: section */
	CFW_VAR_CONST_ZERO,
	CFW_VAR_TENTATIVE,
	CFW_VAR_WEAK_NOT_COMMON,
	CFW_VAR_NO_COMMON,
	CFW_VAR_STATIC_LOCAL_BSS,
	CFW_VAR_ZERO_INIT,
	CFW_VAR_INIT_UNKNOWN,
	CFW_VAR_RELOC_PIC,         /* s: section, s2: the section it would be without PIC */
	CFW_VAR_RELOC_PIE,         /* as CFW_VAR_RELOC_PIC, for -fPIE */
	CFW_VAR_RELRO,
	CFW_VAR_RELOC_GLOBAL,
	CFW_VAR_RELOC_LOCAL,
	CFW_VAR_CONST_RODATA,
	CFW_VAR_DATA,
	CFW_VAR_STATIC_LOCAL_SYM,  /* nm, name */
	CFW_VAR_LOCAL_SYM,         /* nm */
	CFW_VAR_WEAK_SYM,          /* nm */
	CFW_VAR_GLOBAL_SYM,        /* nm */
	CFW_VAR_MAY_FOLD,
	/* a string literal's placement */
	CFW_STR_RODATA,
	CFW_STR_MERGE,             /* s: section, n: bytes a character */
	CFW_STR_ALIGNED,           /* n: bytes, s: the section at -Os */
	CFW_STR_REWRITES,
	/* gcc's rewrite of a call (printf, fprintf, fputs) */
	CFW_RW_NO_BUILTIN,         /* name: the callee */
	CFW_RW_VALUE_USED,         /* name */
	CFW_RW_FPUTS_NOT_LITERAL,
	CFW_RW_FPUTS_EMPTY,
	CFW_RW_FPUTS_ONE_CHAR,     /* s: the string */
	CFW_RW_FPUTS_FWRITE,       /* n: its length */
	CFW_RW_PRINTF_NARGS,       /* n: arguments */
	CFW_RW_PRINTF_FMT_NOT_LITERAL,
	CFW_RW_PRINTF_S_NOT_LITERAL,
	CFW_RW_PRINTF_S,           /* s: the string */
	CFW_RW_EXTRA_ARG,
	CFW_RW_PRINTF_EMPTY,
	CFW_RW_PRINTF_PUTCHAR,     /* s */
	CFW_RW_PRINTF_PUTS,        /* s: the string, its newline last */
	CFW_RW_PRINTF_NO_NEWLINE,
	CFW_RW_PRINTF_S_NL,
	CFW_RW_PRINTF_C,
	CFW_RW_PRINTF_OTHER,
	CFW_RW_FPRINTF_NARGS,      /* n */
	CFW_RW_FPRINTF_FMT_NOT_LITERAL,
	CFW_RW_FPRINTF_FPUTS,      /* s: the format */
	CFW_RW_FPRINTF_S,
	CFW_RW_FPRINTF_S_NOT_LITERAL,
	CFW_RW_FPRINTF_C,
	CFW_RW_FPRINTF_OTHER,
	CFW_RW_EVERY_LEVEL,        /* name */
};

struct cfacts_why {
	enum cfacts_why_code code;
	const char *name, *target; /* a declaration's or callee's name; an alias's target */
	const char *s, *s2;        /* a section, or a call's string literal */
	unsigned u;                /* a line */
	size_t n;                  /* a count */
	char nm;                   /* nm's letter */
};

#define CFACTS_WHY_MAX 16

struct cfacts_whys {
	struct cfacts_why w[CFACTS_WHY_MAX];
	size_t n;
};

/* Append a code with its parameters: CFACTS_WHY(&ws, .code = CFW_FUNC_DEFINED_AT, .u = 3). */
#define CFACTS_WHY(ws, ...) cfacts_why_add((ws), (struct cfacts_why){ __VA_ARGS__ })
void cfacts_why_add(struct cfacts_whys *ws, struct cfacts_why w);

/* The sentences for ws, in order, separated by a space, into out (len bytes). */
void cfacts_say_whys(const struct cfacts_whys *ws, char *out, size_t len);

#endif
