/* cfacts: libclang's view of one C source: its macros, functions, file-scope and static
 * variables, calls and diagnostics, and a prediction of where gcc puts each symbol.
 *
 * Contract: libclang is not linked. The first call to cfacts_parse() or cfacts_available()
 * loads it with dlopen (the LIBCLANG_SO that configure found, then "libclang.so.1", then a
 * versioned libclang-N.so.1) and resolves every function it uses; that costs tens of
 * milliseconds, so nothing on the quick paths (`lesson --stage`, the first frame) may call
 * either. The library is loaded at most once per process and never unloaded. When it cannot
 * be loaded, every cfacts_parse() fails with a sentence saying why and which Debian package
 * to install, and the rest of the program goes on without these facts.
 *
 * cfacts_parse() is safe to call from several threads at once: each call has its own index
 * and translation unit. libclang, once an index exists, keeps crash-recovery handlers for
 * SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP installed; a signal that arrives
 * outside a parse restores the previous handler and is raised again.
 *
 * What it records is filtered to the main file: a record exists only where the source itself
 * (or a macro expanded in it) has the construct. Lines and columns are 1-based, in the main
 * file, where the text is written (a call inside a macro argument is placed at the argument,
 * one made by a macro's body at the macro's use). libclang's system headers are its own
 * (stddef.h comes from clang's resource directory): never mix its header lines with gcc's.
 *
 * The placements (struct cfacts_place) are libclang's view, a prediction made from the
 * declarations with the rules gcc 12 follows on x86-64: a view to compare with what nm and
 * readelf say about the real .o, never a substitute for it.
 *
 * Memory: *cf owns every string and array in it; cfacts_free() releases them all.
 */
#ifndef CSTAGES_CFACTS_H
#define CSTAGES_CFACTS_H

#include <stddef.h>

/* clang_getCursorLinkage(): who else can name the declaration. */
enum cfacts_linkage {
	CFACTS_LINKAGE_INVALID,
	CFACTS_LINKAGE_NONE,            /* a local name, a parameter, a static local */
	CFACTS_LINKAGE_INTERNAL,        /* static at file scope: this file only */
	CFACTS_LINKAGE_UNIQUE_EXTERNAL, /* C++ only */
	CFACTS_LINKAGE_EXTERNAL,        /* every file of the program */
};

/* clang_Cursor_getStorageClass(): the storage-class keyword written. */
enum cfacts_storage {
	CFACTS_STORAGE_NONE,   /* none written */
	CFACTS_STORAGE_EXTERN,
	CFACTS_STORAGE_STATIC,
	CFACTS_STORAGE_OTHER,  /* auto, register, or one libclang did not classify */
};

enum cfacts_severity {
	CFACTS_SEV_IGNORED,
	CFACTS_SEV_NOTE,
	CFACTS_SEV_WARNING,
	CFACTS_SEV_ERROR,
	CFACTS_SEV_FATAL,
};

/* Where the definition a macro expansion used comes from. */
enum cfacts_macro_origin {
	CFACTS_MACRO_MAIN,       /* a #define in the main file: def is its index */
	CFACTS_MACRO_HEADER,     /* a #define in a header: def_file, def_line */
	CFACTS_MACRO_PREDEFINED, /* predefined by the compiler, or given with -D */
	CFACTS_MACRO_BUILTIN,    /* computed by the preprocessor (__LINE__, __FILE__): no text */
};

/* A #define in the main file (the compiler's built-in macros are left out). */
struct cfacts_macro_def {
	char *name;
	unsigned line, col;  /* of the name */
	int function_like;   /* NAME(args) rather than NAME */
};

/* A use of a macro in the main file, with the definition it used. */
struct cfacts_macro_exp {
	char *name;
	unsigned line, col;
	int directive;       /* in a directive line (#if, #ifdef, #elif...): the preprocessor tests
				or evaluates it there, and none of it reaches the .i. libclang
				records #ifdef NAME and defined(NAME) only when NAME is defined */
	enum cfacts_macro_origin origin;
	long def;            /* CFACTS_MACRO_MAIN: index into cfacts.defs; else -1 */
	char *def_file;      /* CFACTS_MACRO_HEADER: the header as libclang opened it */
	unsigned def_line;   /* CFACTS_MACRO_HEADER and _MAIN: the #define's line */
};

/* Where gcc will likely put a declaration's symbol in the .o, and why: libclang's view. */
struct cfacts_place {
	const char *section;     /* without optimisation (-O0): ".text", ".data", ".bss",
				    ".rodata", ".data.rel.local", ".tbss"...; "UND" for an
				    undefined symbol; NULL when gcc makes no symbol for it. A
				    string literal has a section but no symbol (nm is 0) */
	const char *section_opt; /* with -O2 when it differs: ".text.startup" for main,
				    ".rodata.str1.1" for a string (from -O1 on); else NULL.
				    Static strings, never freed */
	char nm;                 /* the letter nm would show: T t D d B b R r U, and for a weak
				    symbol W (a function or a thread-local), V (another object),
				    w (undefined); 0 for none */
	int may_vanish;          /* optimisation may inline or fold it away, leaving no symbol */
	char *reason;            /* the explanation, in sentences */
};

struct cfacts_func {
	char *name;
	unsigned line, col;
	int is_definition;
	enum cfacts_linkage linkage;
	enum cfacts_storage storage;
	int inlined;             /* declared inline (clang_Cursor_isFunctionInlined: clang counts
				    the later declarations of an inline function too) */
	int variadic;            /* (...) */
	int referenced;          /* called or its address taken somewhere in the main file */
	int weak;                /* its symbol is weak: gcc's weak attribute on a declaration of
				    it (a header's too) or a `#pragma weak NAME` in the main file
				    (not the alias form NAME = TARGET, nor _Pragma) */
	char *mangled;           /* the assembler name (clang_Cursor_getMangling): the symbol */
	unsigned body_first, body_last; /* lines of { and }; 0 for a declaration */
	struct cfacts_place place;
};

/* A variable with static storage: at file scope, a static local, or a block-scope extern. */
struct cfacts_var {
	char *name;
	unsigned line, col;
	enum cfacts_linkage linkage;
	enum cfacts_storage storage;
	int file_scope;
	int static_local;        /* `static` in a function: gcc names its symbol NAME.N */
	int is_definition;       /* libclang's answer: 0 for a tentative definition */
	int tentative;           /* at file scope, no initialiser, no extern: `int b;` */
	int has_init;
	int init_zero;           /* the initialiser is all zero bits: 1; not: 0; unknown: -1 */
	int is_const;            /* const-qualified (an array: its elements) */
	int is_volatile;
	int thread_local;        /* _Thread_local or __thread */
	int referenced;          /* used somewhere in the main file */
	int weak;                /* its symbol is weak, as for struct cfacts_func */
	struct cfacts_place place;
};

/* A call in the main file. */
struct cfacts_call {
	char *callee;            /* the function called by name; NULL through a pointer */
	unsigned line, col;
	char *caller;            /* the enclosing function (NULL outside one) */
	unsigned nargs;
	int value_used;          /* the result is used (assigned, returned, tested...) */
	int no_builtin;          /* -fno-builtin, -fno-builtin-NAME or -ffreestanding was given */
	int fmt_arg;             /* printf family, puts, fputs: index of the format or string
				    argument; -1 for other functions */
	char *fmt;               /* that argument's text when it is a string literal (escapes
				    decoded, up to its first NUL), else NULL */
	char *next_str;          /* the argument after it, when it is a string literal */
	int next_is_int;         /* the argument after it has type int after promotion */
	int next_is_ptr;         /* the argument after it is a pointer */
};

/* A string literal kept as an object in the .o (one that only fills an array is not). */
struct cfacts_string {
	unsigned line, col;
	char *text;              /* decoded, up to its first NUL */
	size_t bytes;            /* its size in the .o, the final NUL included */
	int width;               /* bytes a character: 1; 2 for u""; 4 for L"" and U"" */
	struct cfacts_place place;
};

struct cfacts_fixit {
	char *text;              /* the replacement; "" to delete */
	unsigned line, col, end_line, end_col; /* the range it replaces (end exclusive) */
};

struct cfacts_diag {
	enum cfacts_severity severity;
	unsigned line, col;
	char *file;              /* as libclang names it; NULL when it has no location */
	int in_main;             /* the location is in the main file */
	char *message;           /* without location or severity */
	char *option;            /* the warning flag ("-Wformat"), or NULL */
	struct cfacts_fixit *fixits;
	size_t n_fixits;
};

struct cfacts {
	char *main_file;         /* as libclang names it */
	int pic;                 /* the code model the predictions assume, from the arguments:
				    1 a position-independent executable (-fPIE, gcc's default on
				    Debian), 2 a shared library's code (-fPIC), 0 neither
				    (-fno-pie) */
	double parse_ms;         /* wall time of the parse */
	struct cfacts_macro_def *defs;
	size_t n_defs;
	struct cfacts_macro_exp *exps;
	size_t n_exps;
	struct cfacts_func *funcs;
	size_t n_funcs;
	struct cfacts_var *vars;
	size_t n_vars;
	struct cfacts_call *calls;
	size_t n_calls;
	struct cfacts_string *strings;
	size_t n_strings;
	struct cfacts_diag *diags;
	size_t n_diags;
};

/* Load libclang if that has not been tried yet. 1 when it is usable; else 0 with a sentence
 * in err (len bytes). Costs the load the first time. */
int cfacts_available(char *err, size_t len);

/* Parse src_abs as C with libclang and fill *cf; args are extra compiler arguments (-D, -I,
 * -std=...), nargs of them. 0 on success, even when the source has errors (they are in
 * cf->diags); -1 with a sentence in err when libclang is missing or the parse could not run,
 * and *cf is then empty (cfacts_free() on it is harmless). */
int cfacts_parse(struct cfacts *cf, const char *src_abs, const char *const *args, size_t nargs,
		 char *err, size_t errlen);

void cfacts_free(struct cfacts *cf);

/* The static string this module puts in a struct cfacts_place for section name (section or
 * section_opt), or NULL when it never predicts a section of that name: a reader of facts
 * written elsewhere (stages/cfwire.c) gets back the same strings, never to be freed. */
const char *cfacts_section_intern(const char *name);

/* The function gcc will likely call instead of c's callee (its builtin folding of printf,
 * fprintf and fputs), with the reason as sentences in out (len bytes). Returns a static name
 * ("puts", "putchar", "fputs", "fputc", "fwrite"), "" when gcc drops the call, or NULL when
 * no rewrite is predicted (out then says why, when there is a reason worth telling). A
 * prediction: check it against the calls in the .s. */
const char *cfacts_builtin_rewrite(const struct cfacts_call *c, char *out, size_t len);

/* "none", "internal", "unique external", "external", "invalid": in the user's language. */
const char *cfacts_linkage_name(enum cfacts_linkage l);

/* The same in English, whatever the locale: for the JSON. */
const char *cfacts_linkage_name_en(enum cfacts_linkage l);

/* "none", "extern", "static", "other": the C keyword of the storage class, not translated. */
const char *cfacts_storage_name(enum cfacts_storage s);

/* "ignored", "note", "warning", "error", "fatal error": in the user's language. */
const char *cfacts_severity_name(enum cfacts_severity s);

/* The same in English, whatever the locale: for the JSON. */
const char *cfacts_severity_name_en(enum cfacts_severity s);

#endif
