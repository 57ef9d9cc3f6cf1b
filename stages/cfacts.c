/* cfacts: libclang's view of one C source, with libclang loaded lazily. See cfacts.h. */
#include "config.h"

#include <clang-c/Index.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stages/cfacts.h"

#ifndef LIBCLANG_SO
#define LIBCLANG_SO "" /* configure found none: try the loader's search path */
#endif

/*
 * Loading. <clang-c/Index.h> is included for its types and enums only: every function is
 * called through cfacts_lib, filled by dlsym, so that the program does not pay for libclang
 * until it parses, and runs on without it when it is missing.
 */
#define CFACTS_CLANG_FUNCS(X) \
	X(clang_createIndex) X(clang_disposeIndex) X(clang_parseTranslationUnit2) \
	X(clang_disposeTranslationUnit) X(clang_getTranslationUnitCursor) \
	X(clang_getTranslationUnitSpelling) X(clang_getFile) X(clang_getFileContents) \
	X(clang_File_isEqual) X(clang_getFileName) X(clang_getCString) X(clang_disposeString) \
	X(clang_visitChildren) X(clang_getCursorKind) X(clang_getCursorLocation) \
	X(clang_getCursorExtent) X(clang_getExpansionLocation) X(clang_getFileLocation) \
	X(clang_getSpellingLocation) X(clang_getRange) X(clang_getRangeStart) \
	X(clang_getRangeEnd) X(clang_getCursorSpelling) X(clang_Cursor_isMacroFunctionLike) \
	X(clang_Cursor_isMacroBuiltin) X(clang_getCursorReferenced) X(clang_Cursor_isNull) \
	X(clang_equalCursors) X(clang_hashCursor) X(clang_getCanonicalCursor) \
	X(clang_isCursorDefinition) X(clang_getCursorLinkage) X(clang_Cursor_getStorageClass) \
	X(clang_Cursor_isFunctionInlined) X(clang_getCursorType) X(clang_isFunctionTypeVariadic) \
	X(clang_Cursor_getMangling) X(clang_Cursor_hasVarDeclGlobalStorage) \
	X(clang_Cursor_getVarDeclInitializer) X(clang_getCursorTLSKind) \
	X(clang_isConstQualifiedType) X(clang_isVolatileQualifiedType) X(clang_getCanonicalType) \
	X(clang_getArrayElementType) X(clang_getCursorSemanticParent) \
	X(clang_Cursor_getNumArguments) X(clang_Cursor_getArgument) X(clang_Cursor_Evaluate) \
	X(clang_EvalResult_getKind) X(clang_EvalResult_getAsLongLong) \
	X(clang_EvalResult_getAsDouble) X(clang_EvalResult_dispose) X(clang_getNumDiagnostics) \
	X(clang_getDiagnostic) X(clang_disposeDiagnostic) X(clang_getDiagnosticSeverity) \
	X(clang_getDiagnosticLocation) X(clang_getDiagnosticSpelling) \
	X(clang_getDiagnosticOption) X(clang_getDiagnosticNumFixIts) X(clang_getDiagnosticFixIt) \
	X(clang_tokenize) X(clang_disposeTokens) X(clang_getTokenSpelling) \
	X(clang_getTokenLocation) X(clang_getTokenKind) X(clang_getSkippedRanges) \
	X(clang_disposeSourceRangeList) X(clang_isExpression) X(clang_getNullCursor)

static struct {
#define CFACTS_X(f) __typeof__(&f) f;
	CFACTS_CLANG_FUNCS(CFACTS_X)
#undef CFACTS_X
} cfacts_lib;

#define CX(f) (cfacts_lib.f)

static pthread_once_t cfacts_once = PTHREAD_ONCE_INIT;
static int cfacts_loaded;
static char cfacts_load_error[384];

/* Open one candidate and resolve every function; 0, or -1 with why. */
static int cfacts_try(const char *name, char *why, size_t len)
{
	void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, len, "%s", e ? e : name);
		return -1;
	}
	void *sym;
#define CFACTS_X(f) \
	sym = dlsym(h, #f); \
	if (!sym) { \
		snprintf(why, len, "%s lacks %s (libclang 12 and later have it)", name, #f); \
		dlclose(h); \
		return -1; \
	} \
	memcpy(&cfacts_lib.f, &sym, sizeof sym);
	CFACTS_CLANG_FUNCS(CFACTS_X)
#undef CFACTS_X
	return 0; /* h stays open for the life of the process */
}

/* Once per process: the configured path, then the loader's search path. */
static void cfacts_load(void)
{
	char first[256] = "", why[256];
	const char *configured = LIBCLANG_SO;
	if (configured[0]) {
		if (cfacts_try(configured, first, sizeof first) == 0) {
			cfacts_loaded = 1;
			return;
		}
	}
	if (cfacts_try("libclang.so.1", why, sizeof why) == 0) {
		cfacts_loaded = 1;
		return;
	}
	if (!first[0])
		memcpy(first, why, sizeof first);
	/* Debian also names the library by its LLVM version */
	for (int v = 30; v >= 12; v--) {
		char name[32];
		snprintf(name, sizeof name, "libclang-%d.so.1", v);
		if (cfacts_try(name, why, sizeof why) == 0) {
			cfacts_loaded = 1;
			return;
		}
	}
	snprintf(cfacts_load_error, sizeof cfacts_load_error,
		 "libclang could not be loaded (%s); on Debian: apt-get install libclang1-14",
		 first);
}

int cfacts_available(char *err, size_t len)
{
	pthread_once(&cfacts_once, cfacts_load);
	if (!cfacts_loaded && err && len)
		snprintf(err, len, "%s", cfacts_load_error);
	return cfacts_loaded;
}

/*
 * Names for the enums.
 */
const char *cfacts_linkage_name(enum cfacts_linkage l)
{
	switch (l) {
	case CFACTS_LINKAGE_NONE: return "none";
	case CFACTS_LINKAGE_INTERNAL: return "internal";
	case CFACTS_LINKAGE_UNIQUE_EXTERNAL: return "unique external";
	case CFACTS_LINKAGE_EXTERNAL: return "external";
	default: return "invalid";
	}
}

const char *cfacts_storage_name(enum cfacts_storage s)
{
	switch (s) {
	case CFACTS_STORAGE_NONE: return "none";
	case CFACTS_STORAGE_EXTERN: return "extern";
	case CFACTS_STORAGE_STATIC: return "static";
	default: return "other";
	}
}

const char *cfacts_severity_name(enum cfacts_severity s)
{
	switch (s) {
	case CFACTS_SEV_IGNORED: return "ignored";
	case CFACTS_SEV_NOTE: return "note";
	case CFACTS_SEV_WARNING: return "warning";
	case CFACTS_SEV_ERROR: return "error";
	default: return "fatal error";
	}
}

/*
 * The parse: one walk over the translation unit's cursors, keeping those in the main file.
 */

/* One declared thing (its canonical cursor), however many declarations the file has. */
struct cfacts_entity {
	CXCursor canon;
	int referenced;
	long def_func;       /* the function record with the body, or -1 */
	int external_def;    /* a declaration without the inline keyword, or with extern: the
				definition is an external one (C99 6.7.4) */
	int var_defined;     /* a variable definition: an initialiser, tentative, static local */
	long init_var;       /* the variable record with the initialiser, or -1 */
	long tent_var;       /* the first tentative definition's record, or -1 */
	int init_zero;       /* of that initialiser */
	int reloc;           /* of that initialiser: 1 local addresses, 2 global ones */
	int weak;            /* a declaration has gcc's weak attribute, or #pragma weak names it */
	long alias_func;     /* #pragma weak NAME = TARGET: the record of TARGET's definition, a
				function of this file, or -1 */
};

struct cfacts_ctx {
	struct cfacts *cf;
	CXTranslationUnit tu;
	CXFile main;
	const char *const *args;
	size_t nargs;
	int gnu89_inline;
	unsigned char *directive;  /* per line of the main file: 1 for a directive line */
	size_t n_lines;
	size_t cap_defs, cap_exps, cap_funcs, cap_vars, cap_calls, cap_strings;
	long *fent, *vent;         /* the entity of each function and variable record */
	CXCursor *vinit;           /* each variable record's initialiser (or a null cursor) */
	struct cfacts_entity *ents;
	size_t n_ents, cap_ents;
	long *slots;               /* open-addressed hash of entities: index + 1, 0 empty */
	size_t n_slots;
	int oom;
};

/* The walk's stack: a cursor, the function it is in, and its parent's frame. */
struct cfacts_frame {
	struct cfacts_ctx *x;
	const char *func;          /* the enclosing function's name */
	CXCursor cur;
	const struct cfacts_frame *up;
};

/* Make room for one more element of size sz in the array that the pointer at arrp points
 * to (any T **: copied, not cast, so no aliasing rule is bent); 0, or -1 and oom. */
static int cfacts_grow(struct cfacts_ctx *x, void *arrp, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *arr;
	memcpy(&arr, arrp, sizeof arr);
	void *p = realloc(arr, ncap * sz);
	if (!p) {
		x->oom = 1;
		return -1;
	}
	memset((char *)p + *cap * sz, 0, (ncap - *cap) * sz);
	memcpy(arrp, &p, sizeof p);
	*cap = ncap;
	return 0;
}

static char *cfacts_strdup(struct cfacts_ctx *x, const char *s)
{
	char *r = strdup(s ? s : "");
	if (!r)
		x->oom = 1;
	return r;
}

/* A copy of s's text, and s disposed of. */
static char *cfacts_take(struct cfacts_ctx *x, CXString s)
{
	char *r = cfacts_strdup(x, CX(clang_getCString)(s));
	CX(clang_disposeString)(s);
	return r;
}

/* As cfacts_take(), but NULL for an empty string. */
static char *cfacts_take_nonempty(struct cfacts_ctx *x, CXString s)
{
	const char *p = CX(clang_getCString)(s);
	char *r = p && *p ? cfacts_strdup(x, p) : NULL;
	CX(clang_disposeString)(s);
	return r;
}

/* Where the text is written: a macro argument at the argument, a macro body at its use. */
static void cfacts_pos(CXSourceLocation l, unsigned *line, unsigned *col)
{
	CX(clang_getFileLocation)(l, NULL, line, col, NULL);
}

/* The cursor's text lies in the main file (for macro text: the macro is used there). */
static int cfacts_in_main(struct cfacts_ctx *x, CXCursor c)
{
	CXFile f = NULL;
	CX(clang_getExpansionLocation)(CX(clang_getCursorLocation)(c), &f, NULL, NULL, NULL);
	return f && CX(clang_File_isEqual)(f, x->main);
}

static int cfacts_has_arg(struct cfacts_ctx *x, const char *a)
{
	for (size_t i = 0; i < x->nargs; i++)
		if (x->args[i] && strcmp(x->args[i], a) == 0)
			return 1;
	return 0;
}

/* Mark the main file's directive lines (a # first, and their backslash continuations). */
static void cfacts_scan_directives(struct cfacts_ctx *x)
{
	size_t size = 0;
	const char *t = CX(clang_getFileContents)(x->tu, x->main, &size);
	if (!t)
		return;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += t[i] == '\n';
	x->directive = calloc(lines + 1, 1);
	if (!x->directive) {
		x->oom = 1;
		return;
	}
	x->n_lines = lines;
	size_t line = 1, i = 0;
	int continued = 0;
	while (i < size) {
		size_t start = i, end;
		while (i < size && t[i] != '\n')
			i++;
		end = i;
		size_t k = start;
		while (k < end && (t[k] == ' ' || t[k] == '\t' || t[k] == '\f' || t[k] == '\v'))
			k++;
		int dir = continued || (k < end && t[k] == '#');
		x->directive[line] = (unsigned char)dir;
		size_t e = end;
		if (e > start && t[e - 1] == '\r')
			e--;
		continued = dir && e > start && t[e - 1] == '\\';
		line++;
		i++;
	}
}

/*
 * Entities, found by their canonical cursor.
 */
static long cfacts_entity(struct cfacts_ctx *x, CXCursor decl)
{
	CXCursor canon = CX(clang_getCanonicalCursor)(decl);
	unsigned h = CX(clang_hashCursor)(canon);
	if (x->n_slots == 0 || (x->n_ents + 1) * 2 > x->n_slots) {
		size_t ns = x->n_slots ? x->n_slots * 2 : 64;
		long *slots = calloc(ns, sizeof *slots);
		if (!slots) {
			x->oom = 1;
			return -1;
		}
		for (size_t e = 0; e < x->n_ents; e++) {
			size_t s = CX(clang_hashCursor)(x->ents[e].canon) & (ns - 1);
			while (slots[s])
				s = (s + 1) & (ns - 1);
			slots[s] = (long)e + 1;
		}
		free(x->slots);
		x->slots = slots;
		x->n_slots = ns;
	}
	size_t s = h & (x->n_slots - 1);
	while (x->slots[s]) {
		long e = x->slots[s] - 1;
		if (CX(clang_equalCursors)(x->ents[e].canon, canon))
			return e;
		s = (s + 1) & (x->n_slots - 1);
	}
	if (cfacts_grow(x, &x->ents, x->n_ents, &x->cap_ents, sizeof *x->ents))
		return -1;
	struct cfacts_entity *en = &x->ents[x->n_ents];
	memset(en, 0, sizeof *en);
	en->canon = canon;
	en->def_func = -1;
	en->init_var = -1;
	en->tent_var = -1;
	en->init_zero = -1;
	en->alias_func = -1;
	x->slots[s] = (long)x->n_ents + 1;
	return (long)x->n_ents++;
}

static enum cfacts_linkage cfacts_linkage_of(CXCursor c)
{
	switch (CX(clang_getCursorLinkage)(c)) {
	case CXLinkage_NoLinkage: return CFACTS_LINKAGE_NONE;
	case CXLinkage_Internal: return CFACTS_LINKAGE_INTERNAL;
	case CXLinkage_UniqueExternal: return CFACTS_LINKAGE_UNIQUE_EXTERNAL;
	case CXLinkage_External: return CFACTS_LINKAGE_EXTERNAL;
	default: return CFACTS_LINKAGE_INVALID;
	}
}

static enum cfacts_storage cfacts_storage_of(CXCursor c)
{
	switch (CX(clang_Cursor_getStorageClass)(c)) {
	case CX_SC_None: return CFACTS_STORAGE_NONE;
	case CX_SC_Extern: return CFACTS_STORAGE_EXTERN;
	case CX_SC_Static: return CFACTS_STORAGE_STATIC;
	default: return CFACTS_STORAGE_OTHER;
	}
}

/*
 * String literals. libclang spells a StringLiteral cursor as one literal in a normal form
 * (its prefix, the bytes with C escapes, octal for the rest): decode that.
 */
static int cfacts_hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Decode spelled (a literal) into a new buffer; *n gets its length in characters, *width the
 * bytes of one (wchar_t and char32_t: 4, char16_t: 2). NULL when it is not a literal or
 * memory runs out. */
static char *cfacts_unquote(const char *spelled, size_t *n, int *width)
{
	const char *p = spelled;
	*width = 1;
	if (p[0] == 'u' && p[1] == '8')
		p += 2;
	else if (*p == 'L' || *p == 'U')
		*width = 4, p++;
	else if (*p == 'u')
		*width = 2, p++;
	if (*p != '"')
		return NULL;
	p++;
	char *out = malloc(strlen(p) + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	while (*p && *p != '"') {
		if (*p != '\\') {
			out[k++] = *p++;
			continue;
		}
		p++;
		int ch = (unsigned char)*p++;
		switch (ch) {
		case 'n': out[k++] = '\n'; break;
		case 't': out[k++] = '\t'; break;
		case 'r': out[k++] = '\r'; break;
		case 'a': out[k++] = '\a'; break;
		case 'b': out[k++] = '\b'; break;
		case 'f': out[k++] = '\f'; break;
		case 'v': out[k++] = '\v'; break;
		case 'e': out[k++] = 27; break;
		case 'x': {
			unsigned v = 0;
			while (cfacts_hexval(*p) >= 0)
				v = v * 16 + (unsigned)cfacts_hexval(*p++);
			out[k++] = (char)v;
			break;
		}
		case 'u': case 'U': {
			/* a code point: only its low byte matters for the tests made on it */
			unsigned v = 0;
			for (int d = ch == 'u' ? 4 : 8; d > 0 && cfacts_hexval(*p) >= 0; d--)
				v = v * 16 + (unsigned)cfacts_hexval(*p++);
			out[k++] = (char)v;
			break;
		}
		case '\0':
			p--;
			break;
		default:
			if (ch >= '0' && ch <= '7') {
				unsigned v = (unsigned)(ch - '0');
				for (int d = 0; d < 2 && *p >= '0' && *p <= '7'; d++)
					v = v * 8 + (unsigned)(*p++ - '0');
				out[k++] = (char)v;
			} else {
				out[k++] = (char)ch;
			}
		}
	}
	out[k] = '\0';
	*n = k;
	return out;
}

/* The expression children of a cursor: how many, and the last. */
struct cfacts_kids {
	CXCursor last;
	unsigned n;
};

static enum CXChildVisitResult cfacts_expr_kid(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	struct cfacts_kids *k = d;
	if (CX(clang_isExpression)(CX(clang_getCursorKind)(c))) {
		k->last = c;
		k->n++;
	}
	return CXChildVisit_Continue;
}

/* The string literal that expression e is, through implicit conversions, parentheses and
 * casts (as gcc sees through them); a null cursor if it is not one. */
static CXCursor cfacts_literal_of(CXCursor e)
{
	for (int depth = 0; depth < 16; depth++) {
		enum CXCursorKind k = CX(clang_getCursorKind)(e);
		if (k == CXCursor_StringLiteral)
			return e;
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			break;
		struct cfacts_kids kids = { .n = 0 };
		CX(clang_visitChildren)(e, cfacts_expr_kid, &kids);
		if (kids.n != 1)
			break;
		e = kids.last;
	}
	return CX(clang_getNullCursor)();
}

/* The decoded text of string literal lit; *n its characters, *width the bytes of one. */
static char *cfacts_literal_text(CXCursor lit, size_t *n, int *width)
{
	CXString s = CX(clang_getCursorSpelling)(lit);
	const char *sp = CX(clang_getCString)(s);
	char *r = cfacts_unquote(sp ? sp : "", n, width);
	CX(clang_disposeString)(s);
	return r;
}

/*
 * Records.
 */

/* The line range of a function definition's body. */
static enum CXChildVisitResult cfacts_body(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	if (CX(clang_getCursorKind)(c) == CXCursor_CompoundStmt)
		*(CXCursor *)d = c;
	return CXChildVisit_Continue;
}

/* The declaration's own text, before its name, has the inline keyword. libclang's
 * isFunctionInlined() cannot say: clang marks every later declaration inline too. */
static int cfacts_inline_written(struct cfacts_ctx *x, CXCursor c)
{
	CXSourceRange ext = CX(clang_getCursorExtent)(c);
	CXSourceRange r = CX(clang_getRange)(CX(clang_getRangeStart)(ext),
					     CX(clang_getCursorLocation)(c));
	CXToken *toks = NULL;
	unsigned n = 0;
	CX(clang_tokenize)(x->tu, r, &toks, &n);
	if (!toks || n == 0)
		return (int)CX(clang_Cursor_isFunctionInlined)(c);
	int found = 0;
	for (unsigned i = 0; i < n && !found; i++) {
		CXString s = CX(clang_getTokenSpelling)(x->tu, toks[i]);
		const char *t = CX(clang_getCString)(s);
		found = t && (!strcmp(t, "inline") || !strcmp(t, "__inline") ||
			      !strcmp(t, "__inline__"));
		CX(clang_disposeString)(s);
	}
	CX(clang_disposeTokens)(x->tu, toks, n);
	return found;
}

/* Lex range r and read an attribute's name from its first tokens, past a gnu:: scope: 1 weak
 * (or __weak__), 0 another attribute, -1 no name among them. */
static int cfacts_attr_name_weak(struct cfacts_ctx *x, CXSourceRange r)
{
	CXToken *toks = NULL;
	unsigned n = 0;
	CX(clang_tokenize)(x->tu, r, &toks, &n);
	if (!toks)
		return -1;
	int weak = -1;
	for (unsigned i = 0; i < n && i < 3 && weak < 0; i++) {
		CXString s = CX(clang_getTokenSpelling)(x->tu, toks[i]);
		const char *t = CX(clang_getCString)(s);
		int ident = CX(clang_getTokenKind)(toks[i]) == CXToken_Identifier;
		if (t && (!strcmp(t, "::") || (ident && (!strcmp(t, "gnu") ||
							  !strcmp(t, "__gnu__")))))
			; /* the scope of [[gnu::weak]] */
		else
			weak = t && ident && (!strcmp(t, "weak") || !strcmp(t, "__weak__"));
		CX(clang_disposeString)(s);
	}
	CX(clang_disposeTokens)(x->tu, toks, n);
	return weak;
}

/* Attribute cursor a is gcc's weak attribute: __attribute__((weak)), __weak__ or
 * [[gnu::weak]]. libclang 14 shows it only as an UnexposedAttr, so read the attribute's name.
 * clang_tokenize() lexes where the text is spelled: for a range of the attribute's location
 * alone, that is its name, even inside a macro's #define in a header, where the cursor's
 * extent (which ends at the macro's use) would give no tokens. [[gnu::weak]] starts at its
 * scope, so there the extent gives the name. */
static int cfacts_attr_weak(struct cfacts_ctx *x, CXCursor a)
{
	CXSourceLocation at = CX(clang_getCursorLocation)(a);
	int weak = cfacts_attr_name_weak(x, CX(clang_getRange)(at, at));
	if (weak < 0)
		weak = cfacts_attr_name_weak(x, CX(clang_getCursorExtent)(a));
	return weak > 0;
}

struct cfacts_weak_scan {
	struct cfacts_ctx *x;
	int found;
};

static enum CXChildVisitResult cfacts_weak_kid(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	struct cfacts_weak_scan *w = d;
	if (CX(clang_getCursorKind)(c) == CXCursor_UnexposedAttr && cfacts_attr_weak(w->x, c)) {
		w->found = 1;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* Declaration c has the weak attribute, written on it or inherited from an earlier
 * declaration (libclang lists both among its children). */
static int cfacts_decl_weak(struct cfacts_ctx *x, CXCursor c)
{
	struct cfacts_weak_scan w = { .x = x, .found = 0 };
	CX(clang_visitChildren)(c, cfacts_weak_kid, &w);
	return w.found;
}

/* The length of the identifier at t[k], before end; 0 when none starts there. */
static size_t cfacts_ident_len(const char *t, size_t k, size_t end)
{
	size_t n = 0;
	while (k + n < end && (t[k + n] == '_' || (t[k + n] >= 'a' && t[k + n] <= 'z') ||
			       (t[k + n] >= 'A' && t[k + n] <= 'Z') ||
			       (n && t[k + n] >= '0' && t[k + n] <= '9')))
		n++;
	return n;
}

/* The record's name is the n bytes at s. */
static int cfacts_name_is(const char *name, const char *s, size_t n)
{
	return strlen(name) == n && !memcmp(name, s, n);
}

/* The line is in a block that the preprocessor skipped (#if 0 and the like). */
static int cfacts_line_skipped(const CXSourceRangeList *sk, unsigned line)
{
	for (unsigned i = 0; sk && i < sk->count; i++) {
		unsigned first, last;
		cfacts_pos(CX(clang_getRangeStart)(sk->ranges[i]), &first, NULL);
		cfacts_pos(CX(clang_getRangeEnd)(sk->ranges[i]), &last, NULL);
		if (line >= first && line <= last)
			return 1;
	}
	return 0;
}

/* Mark weak each external function and variable that a `#pragma weak NAME` of the main file
 * names: gcc treats the pragma, before or after the declarations, as the weak attribute.
 * `#pragma weak NAME = TARGET` also makes NAME a weak alias of TARGET, another symbol for its
 * definition: followed for a function TARGET defined in this file (clang declares NAME
 * there). _Pragma("weak NAME") is not read. */
static void cfacts_pragma_weak(struct cfacts_ctx *x)
{
	size_t size = 0;
	const char *t = CX(clang_getFileContents)(x->tu, x->main, &size);
	if (!t || !x->directive)
		return;
	CXSourceRangeList *sk = NULL;
	unsigned line = 1;
	for (size_t i = 0; i < size; line++) {
		size_t start = i;
		while (i < size && t[i] != '\n')
			i++;
		size_t end = i++, k = start;
#define CFACTS_BLANKS() \
	while (k < end && (t[k] == ' ' || t[k] == '\t')) \
		k++
		CFACTS_BLANKS();
		if (line > x->n_lines || !x->directive[line] || k >= end || t[k] != '#')
			continue;
		k++;
		CFACTS_BLANKS();
		size_t n = cfacts_ident_len(t, k, end);
		if (!cfacts_name_is("pragma", t + k, n))
			continue;
		k += n;
		CFACTS_BLANKS();
		n = cfacts_ident_len(t, k, end);
		if (!cfacts_name_is("weak", t + k, n))
			continue;
		k += n;
		CFACTS_BLANKS();
		size_t name = k, len = cfacts_ident_len(t, k, end);
		k += len;
		CFACTS_BLANKS();
		size_t target = k, tlen = 0;
		if (k < end && t[k] == '=') {
			k++;
			CFACTS_BLANKS();
			target = k;
			tlen = cfacts_ident_len(t, k, end);
			if (tlen == 0)
				continue;
		}
#undef CFACTS_BLANKS
		if (len == 0)
			continue;
		if (!sk)
			sk = CX(clang_getSkippedRanges)(x->tu, x->main);
		if (cfacts_line_skipped(sk, line))
			continue;
		const struct cfacts *cf = x->cf;
		long def = -1;
		for (size_t f = 0; tlen && f < cf->n_funcs && def < 0; f++)
			if (x->fent[f] >= 0 && cfacts_name_is(cf->funcs[f].name, t + target, tlen))
				def = x->ents[x->fent[f]].def_func;
		for (size_t f = 0; f < cf->n_funcs; f++)
			if (x->fent[f] >= 0 && cf->funcs[f].linkage == CFACTS_LINKAGE_EXTERNAL &&
			    cfacts_name_is(cf->funcs[f].name, t + name, len)) {
				x->ents[x->fent[f]].weak = 1;
				if (x->ents[x->fent[f]].def_func < 0)
					x->ents[x->fent[f]].alias_func = def;
			}
		for (size_t v = 0; v < cf->n_vars; v++)
			if (x->vent[v] >= 0 && cf->vars[v].linkage == CFACTS_LINKAGE_EXTERNAL &&
			    cfacts_name_is(cf->vars[v].name, t + name, len))
				x->ents[x->vent[v]].weak = 1;
	}
	if (sk)
		CX(clang_disposeSourceRangeList)(sk);
}

/* Record a function declaration; returns its name, or NULL. */
static const char *cfacts_add_func(struct cfacts_ctx *x, CXCursor c)
{
	struct cfacts *cf = x->cf;
	size_t cap = x->cap_funcs;
	if (cfacts_grow(x, &cf->funcs, cf->n_funcs, &x->cap_funcs, sizeof *cf->funcs))
		return NULL;
	if (cfacts_grow(x, &x->fent, cf->n_funcs, &cap, sizeof *x->fent))
		return NULL;
	size_t i = cf->n_funcs;
	struct cfacts_func *f = &cf->funcs[i];
	f->name = cfacts_take(x, CX(clang_getCursorSpelling)(c));
	cfacts_pos(CX(clang_getCursorLocation)(c), &f->line, &f->col);
	f->is_definition = CX(clang_isCursorDefinition)(c) != 0;
	f->linkage = cfacts_linkage_of(c);
	f->storage = cfacts_storage_of(c);
	f->inlined = CX(clang_Cursor_isFunctionInlined)(c) != 0;
	CXType t = CX(clang_getCursorType)(c);
	/* int f() declares no prototype; it is not variadic */
	f->variadic = t.kind == CXType_FunctionProto && CX(clang_isFunctionTypeVariadic)(t) == 1;
	CXString m = CX(clang_Cursor_getMangling)(c);
	const char *ms = CX(clang_getCString)(m);
	if (ms && ms[0] == '\1') /* an asm label: the name exactly as written */
		ms++;
	f->mangled = cfacts_strdup(x, ms);
	CX(clang_disposeString)(m);
	if (f->is_definition) {
		CXCursor body = CX(clang_getNullCursor)();
		CX(clang_visitChildren)(c, cfacts_body, &body);
		if (!CX(clang_Cursor_isNull)(body)) {
			CXSourceRange r = CX(clang_getCursorExtent)(body);
			unsigned col;
			cfacts_pos(CX(clang_getRangeStart)(r), &f->body_first, &col);
			cfacts_pos(CX(clang_getRangeEnd)(r), &f->body_last, &col);
		}
	}
	long e = cfacts_entity(x, c);
	x->fent[i] = e;
	cf->n_funcs++;
	if (e < 0)
		return NULL;
	if (f->is_definition)
		x->ents[e].def_func = (long)i;
	if (f->storage == CFACTS_STORAGE_EXTERN || !cfacts_inline_written(x, c))
		x->ents[e].external_def = 1;
	if (cfacts_decl_weak(x, c))
		x->ents[e].weak = 1;
	return f->name;
}

/* Record a variable with static storage. */
static void cfacts_add_var(struct cfacts_ctx *x, CXCursor c)
{
	struct cfacts *cf = x->cf;
	size_t cap1 = x->cap_vars, cap2 = x->cap_vars;
	if (cfacts_grow(x, &cf->vars, cf->n_vars, &x->cap_vars, sizeof *cf->vars) ||
	    cfacts_grow(x, &x->vent, cf->n_vars, &cap1, sizeof *x->vent) ||
	    cfacts_grow(x, &x->vinit, cf->n_vars, &cap2, sizeof *x->vinit))
		return;
	size_t i = cf->n_vars;
	struct cfacts_var *v = &cf->vars[i];
	v->name = cfacts_take(x, CX(clang_getCursorSpelling)(c));
	cfacts_pos(CX(clang_getCursorLocation)(c), &v->line, &v->col);
	v->linkage = cfacts_linkage_of(c);
	v->storage = cfacts_storage_of(c);
	CXCursor sem = CX(clang_getCursorSemanticParent)(c);
	v->file_scope = CX(clang_getCursorKind)(sem) == CXCursor_TranslationUnit;
	v->static_local = !v->file_scope && v->storage == CFACTS_STORAGE_STATIC;
	v->is_definition = CX(clang_isCursorDefinition)(c) != 0;
	CXCursor init = CX(clang_Cursor_getVarDeclInitializer)(c);
	v->has_init = !CX(clang_Cursor_isNull)(init);
	v->tentative = v->file_scope && !v->has_init && v->storage != CFACTS_STORAGE_EXTERN;
	v->init_zero = -1;
	/* an array is const when its elements are, and clang may keep the qualifier on the
	 * array type or on its elements; a typedef may hide it, so look at canonical types */
	CXType t = CX(clang_getCanonicalType)(CX(clang_getCursorType)(c));
	for (int d = 0; d < 64; d++) {
		v->is_const |= CX(clang_isConstQualifiedType)(t) != 0;
		v->is_volatile |= CX(clang_isVolatileQualifiedType)(t) != 0;
		if (t.kind != CXType_ConstantArray && t.kind != CXType_IncompleteArray &&
		    t.kind != CXType_VariableArray)
			break;
		t = CX(clang_getCanonicalType)(CX(clang_getArrayElementType)(t));
	}
	v->thread_local = CX(clang_getCursorTLSKind)(c) != CXTLS_None;
	long e = cfacts_entity(x, c);
	x->vent[i] = e;
	x->vinit[i] = init;
	cf->n_vars++;
	if (e < 0)
		return;
	if (v->has_init)
		x->ents[e].init_var = (long)i;
	if (v->tentative && x->ents[e].tent_var < 0)
		x->ents[e].tent_var = (long)i;
	if (v->has_init || v->tentative || v->static_local)
		x->ents[e].var_defined = 1;
	if (cfacts_decl_weak(x, c))
		x->ents[e].weak = 1;
}

/* A use of a function or of a variable with static storage. */
static void cfacts_mark_ref(struct cfacts_ctx *x, CXCursor c)
{
	CXCursor d = CX(clang_getCursorReferenced)(c);
	enum CXCursorKind k = CX(clang_getCursorKind)(d);
	if (k != CXCursor_FunctionDecl &&
	    !(k == CXCursor_VarDecl && CX(clang_Cursor_hasVarDeclGlobalStorage)(d) == 1))
		return;
	long e = cfacts_entity(x, d);
	if (e >= 0)
		x->ents[e].referenced = 1;
}

static void cfacts_add_def(struct cfacts_ctx *x, CXCursor c)
{
	struct cfacts *cf = x->cf;
	if (CX(clang_Cursor_isMacroBuiltin)(c))
		return;
	if (cfacts_grow(x, &cf->defs, cf->n_defs, &x->cap_defs, sizeof *cf->defs))
		return;
	struct cfacts_macro_def *d = &cf->defs[cf->n_defs++];
	d->name = cfacts_take(x, CX(clang_getCursorSpelling)(c));
	cfacts_pos(CX(clang_getCursorLocation)(c), &d->line, &d->col);
	d->function_like = CX(clang_Cursor_isMacroFunctionLike)(c) != 0;
}

/* The main file's #define at line:col, among those seen so far (in source order); -1. */
static long cfacts_find_def(const struct cfacts *cf, unsigned line, unsigned col)
{
	size_t lo = 0, hi = cf->n_defs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct cfacts_macro_def *d = &cf->defs[mid];
		if (d->line == line && d->col == col)
			return (long)mid;
		if (d->line < line || (d->line == line && d->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void cfacts_add_exp(struct cfacts_ctx *x, CXCursor c)
{
	struct cfacts *cf = x->cf;
	if (cfacts_grow(x, &cf->exps, cf->n_exps, &x->cap_exps, sizeof *cf->exps))
		return;
	struct cfacts_macro_exp *m = &cf->exps[cf->n_exps++];
	m->name = cfacts_take(x, CX(clang_getCursorSpelling)(c));
	cfacts_pos(CX(clang_getCursorLocation)(c), &m->line, &m->col);
	m->directive = m->line < x->n_lines + 1 && x->directive && x->directive[m->line];
	m->def = -1;
	CXCursor ref = CX(clang_getCursorReferenced)(c);
	if (CX(clang_Cursor_isNull)(ref) ||
	    CX(clang_getCursorKind)(ref) != CXCursor_MacroDefinition) {
		m->origin = CFACTS_MACRO_BUILTIN;
		return;
	}
	CXFile f = NULL;
	unsigned line = 0, col = 0;
	CX(clang_getSpellingLocation)(CX(clang_getCursorLocation)(ref), &f, &line, &col, NULL);
	if (!f) {
		m->origin = CFACTS_MACRO_PREDEFINED;
	} else if (CX(clang_File_isEqual)(f, x->main)) {
		m->origin = CFACTS_MACRO_MAIN;
		m->def_line = line;
		m->def = cfacts_find_def(cf, line, col);
	} else {
		m->origin = CFACTS_MACRO_HEADER;
		m->def_file = cfacts_take(x, CX(clang_getFileName)(f));
		m->def_line = line;
	}
}

/* Which part of a for statement c is in: 0 init, 1 condition, 2 increment, 3 body. */
static int cfacts_for_part(struct cfacts_ctx *x, CXCursor c, CXCursor stmt)
{
	unsigned at = 0;
	CX(clang_getExpansionLocation)(CX(clang_getRangeStart)(CX(clang_getCursorExtent)(c)),
				       NULL, NULL, NULL, &at);
	CXToken *toks = NULL;
	unsigned n = 0;
	CX(clang_tokenize)(x->tu, CX(clang_getCursorExtent)(stmt), &toks, &n);
	if (!toks)
		return 1;
	unsigned bound[3];
	int nb = 0, depth = 0;
	for (unsigned i = 0; i < n && nb < 3; i++) {
		CXString s = CX(clang_getTokenSpelling)(x->tu, toks[i]);
		const char *t = CX(clang_getCString)(s);
		char ch = t && t[0] && !t[1] ? t[0] : 0;
		unsigned off = 0;
		CX(clang_getExpansionLocation)(CX(clang_getTokenLocation)(x->tu, toks[i]), NULL,
					       NULL, NULL, &off);
		CX(clang_disposeString)(s);
		if (ch == '(' || ch == '[' || ch == '{') {
			depth++;
		} else if (ch == ')' || ch == ']' || ch == '}') {
			if (--depth == 0 && nb == 2)
				bound[nb++] = off;
		} else if (ch == ';' && depth == 1 && nb < 2) {
			bound[nb++] = off;
		}
	}
	CX(clang_disposeTokens)(x->tu, toks, n);
	if (nb < 3)
		return 1;
	return at < bound[0] ? 0 : at < bound[1] ? 1 : at < bound[2] ? 2 : 3;
}

/* The position of child c among its parent's children. */
struct cfacts_index {
	CXCursor want;
	int i, found;
};

static enum CXChildVisitResult cfacts_index_of(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	struct cfacts_index *ix = d;
	if (CX(clang_equalCursors)(c, ix->want)) {
		ix->found = ix->i;
		return CXChildVisit_Break;
	}
	ix->i++;
	return CXChildVisit_Continue;
}

static int cfacts_child_index(CXCursor parent, CXCursor c)
{
	struct cfacts_index ix = { .want = c, .i = 0, .found = -1 };
	CX(clang_visitChildren)(parent, cfacts_index_of, &ix);
	return ix.found;
}

/* Whether the value of call c (its parent's frame fr) is used, as gcc's folding asks. */
static int cfacts_value_used(struct cfacts_ctx *x, CXCursor c, const struct cfacts_frame *fr)
{
	while (fr && fr->up && CX(clang_getCursorKind)(fr->cur) == CXCursor_ParenExpr) {
		c = fr->cur;
		fr = fr->up;
	}
	if (!fr)
		return 1;
	CXCursor p = fr->cur;
	switch (CX(clang_getCursorKind)(p)) {
	case CXCursor_CompoundStmt:
	case CXCursor_LabelStmt:
	case CXCursor_DefaultStmt:
		return 0;
	case CXCursor_CaseStmt:
	case CXCursor_IfStmt:
	case CXCursor_WhileStmt:
	case CXCursor_SwitchStmt:
		return cfacts_child_index(p, c) == 0; /* the value or the condition */
	case CXCursor_DoStmt:
		return cfacts_child_index(p, c) != 0; /* the body comes first */
	case CXCursor_ForStmt:
		return cfacts_for_part(x, c, p) == 1;
	case CXCursor_CStyleCastExpr:
		return CX(clang_getCursorType)(p).kind != CXType_Void;
	default:
		return 1;
	}
}

/* The functions whose format or string argument gcc may fold, and its position. */
static const struct {
	const char *name;
	int arg;
} cfacts_fmt_funcs[] = {
	{ "printf", 0 }, { "vprintf", 0 }, { "fprintf", 1 }, { "vfprintf", 1 },
	{ "dprintf", 1 }, { "vdprintf", 1 }, { "sprintf", 1 }, { "vsprintf", 1 },
	{ "snprintf", 2 }, { "vsnprintf", 2 }, { "asprintf", 1 }, { "vasprintf", 1 },
	{ "puts", 0 }, { "fputs", 0 },
};

static void cfacts_add_call(struct cfacts_ctx *x, CXCursor c, const struct cfacts_frame *fr)
{
	struct cfacts *cf = x->cf;
	if (cfacts_grow(x, &cf->calls, cf->n_calls, &x->cap_calls, sizeof *cf->calls))
		return;
	struct cfacts_call *k = &cf->calls[cf->n_calls++];
	CXCursor callee = CX(clang_getCursorReferenced)(c);
	if (CX(clang_getCursorKind)(callee) == CXCursor_FunctionDecl)
		k->callee = cfacts_take(x, CX(clang_getCursorSpelling)(callee));
	cfacts_pos(CX(clang_getCursorLocation)(c), &k->line, &k->col);
	k->caller = fr->func ? cfacts_strdup(x, fr->func) : NULL;
	int nargs = CX(clang_Cursor_getNumArguments)(c);
	k->nargs = nargs > 0 ? (unsigned)nargs : 0;
	k->value_used = cfacts_value_used(x, c, fr);
	k->fmt_arg = -1;
	if (!k->callee)
		return;
	char flag[128];
	snprintf(flag, sizeof flag, "-fno-builtin-%s", k->callee);
	k->no_builtin = cfacts_has_arg(x, "-fno-builtin") || cfacts_has_arg(x, "-ffreestanding") ||
			cfacts_has_arg(x, flag);
	for (size_t i = 0; i < sizeof cfacts_fmt_funcs / sizeof cfacts_fmt_funcs[0]; i++) {
		if (strcmp(k->callee, cfacts_fmt_funcs[i].name) != 0)
			continue;
		int a = cfacts_fmt_funcs[i].arg;
		if ((unsigned)a >= k->nargs)
			break;
		k->fmt_arg = a;
		size_t n;
		int width;
		CXCursor lit = cfacts_literal_of(CX(clang_Cursor_getArgument)(c, (unsigned)a));
		if (!CX(clang_Cursor_isNull)(lit)) {
			k->fmt = cfacts_literal_text(lit, &n, &width);
			if (!k->fmt)
				x->oom = 1;
		}
		if ((unsigned)a + 1 >= k->nargs)
			break;
		CXCursor next = CX(clang_Cursor_getArgument)(c, (unsigned)a + 1);
		lit = cfacts_literal_of(next);
		if (!CX(clang_Cursor_isNull)(lit)) {
			k->next_str = cfacts_literal_text(lit, &n, &width);
			if (!k->next_str)
				x->oom = 1;
		}
		CXType t = CX(clang_getCanonicalType)(CX(clang_getCursorType)(next));
		k->next_is_ptr = t.kind == CXType_Pointer;
		/* what promotes to int when passed through the ... of printf */
		k->next_is_int = t.kind == CXType_Int || t.kind == CXType_Short ||
				 t.kind == CXType_UShort || t.kind == CXType_Char_S ||
				 t.kind == CXType_Char_U || t.kind == CXType_SChar ||
				 t.kind == CXType_UChar || t.kind == CXType_Bool;
		break;
	}
}

/* A string literal that is an object of its own: one that fills an array is not. */
static void cfacts_add_string(struct cfacts_ctx *x, CXCursor c, const struct cfacts_frame *fr)
{
	enum CXCursorKind pk = CX(clang_getCursorKind)(fr->cur);
	if (pk == CXCursor_VarDecl || pk == CXCursor_InitListExpr || pk == CXCursor_UnaryExpr)
		return;
	struct cfacts *cf = x->cf;
	if (cfacts_grow(x, &cf->strings, cf->n_strings, &x->cap_strings,
			sizeof *cf->strings))
		return;
	size_t n = 0;
	int width = 1;
	char *text = cfacts_literal_text(c, &n, &width);
	if (!text)
		return;
	struct cfacts_string *s = &cf->strings[cf->n_strings++];
	cfacts_pos(CX(clang_getCursorLocation)(c), &s->line, &s->col);
	s->text = text;
	s->width = width;
	s->bytes = (n + 1) * (size_t)width;
}

static enum CXChildVisitResult cfacts_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	const struct cfacts_frame *fr = data;
	struct cfacts_ctx *x = fr->x;
	if (x->oom)
		return CXChildVisit_Break;
	if (!cfacts_in_main(x, c))
		return CXChildVisit_Continue;
	struct cfacts_frame sub = { .x = x, .func = fr->func, .cur = c, .up = fr };
	switch (CX(clang_getCursorKind)(c)) {
	case CXCursor_MacroDefinition:
		cfacts_add_def(x, c);
		return CXChildVisit_Continue;
	case CXCursor_MacroExpansion:
		cfacts_add_exp(x, c);
		return CXChildVisit_Continue;
	case CXCursor_InclusionDirective:
		return CXChildVisit_Continue;
	case CXCursor_FunctionDecl: {
		const char *name = cfacts_add_func(x, c);
		if (CX(clang_isCursorDefinition)(c))
			sub.func = name;
		break;
	}
	case CXCursor_VarDecl:
		if (CX(clang_Cursor_hasVarDeclGlobalStorage)(c) == 1)
			cfacts_add_var(x, c);
		break;
	case CXCursor_CallExpr:
		cfacts_add_call(x, c, fr);
		break;
	case CXCursor_DeclRefExpr:
		cfacts_mark_ref(x, c);
		break;
	case CXCursor_StringLiteral:
		cfacts_add_string(x, c, fr);
		break;
	default:
		break;
	}
	CX(clang_visitChildren)(c, cfacts_visit, &sub);
	return CXChildVisit_Continue;
}

/*
 * Initialisers: are they all zero bits, and do they hold addresses? That decides between
 * .bss, .data, .rodata and the .data.rel sections.
 */
struct cfacts_val {
	int zero;   /* 1 all zero bits, 0 not, -1 unknown */
	int reloc;  /* addresses in it: 1 of things in this program, 2 of others */
};

static void cfacts_value(struct cfacts_ctx *x, CXCursor e, struct cfacts_val *v, int depth);

struct cfacts_combine {
	struct cfacts_ctx *x;
	int depth;
	unsigned n;
	int any_nonzero, any_unknown, reloc;
	struct cfacts_val last;
};

static enum CXChildVisitResult cfacts_combine_kid(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	struct cfacts_combine *cb = d;
	if (!CX(clang_isExpression)(CX(clang_getCursorKind)(c)))
		return CXChildVisit_Continue;
	struct cfacts_val v;
	cfacts_value(cb->x, c, &v, cb->depth + 1);
	cb->n++;
	cb->any_nonzero |= v.zero == 0;
	cb->any_unknown |= v.zero < 0;
	cb->reloc |= v.reloc;
	cb->last = v;
	return CXChildVisit_Continue;
}

/* 1 when the address of decl is fixed within this program (the symbol binds locally, as
 * gcc's binds_local_p says), 2 when it may come from a shared library. */
static int cfacts_reloc_kind(struct cfacts_ctx *x, CXCursor decl)
{
	if (CX(clang_getCursorLinkage)(decl) != CXLinkage_External)
		return 1;
	if (x->cf->pic == 2) /* a shared library's global symbols can be interposed */
		return 2;
	long e = cfacts_entity(x, decl);
	if (e < 0)
		return 2;
	return x->ents[e].def_func >= 0 || x->ents[e].var_defined ? 1 : 2;
}

static void cfacts_value(struct cfacts_ctx *x, CXCursor e, struct cfacts_val *v, int depth)
{
	v->zero = -1;
	v->reloc = 0;
	if (depth > 256 || x->oom)
		return;
	enum CXCursorKind k = CX(clang_getCursorKind)(e);
	if (k == CXCursor_InitListExpr) {
		struct cfacts_combine cb = { .x = x, .depth = depth };
		CX(clang_visitChildren)(e, cfacts_combine_kid, &cb);
		v->reloc = cb.reloc;
		v->zero = cb.any_nonzero ? 0 : cb.any_unknown ? -1 : 1;
		return;
	}
	if (k == CXCursor_StringLiteral) { /* it fills an array: zero if every byte is */
		size_t n = 0;
		int width;
		char *t = cfacts_literal_text(e, &n, &width);
		if (!t)
			return;
		v->zero = 1;
		for (size_t i = 0; i < n; i++)
			if (t[i])
				v->zero = 0;
		free(t);
		return;
	}
	if (k == CXCursor_DeclRefExpr) {
		CXCursor d = CX(clang_getCursorReferenced)(e);
		enum CXCursorKind dk = CX(clang_getCursorKind)(d);
		if (dk == CXCursor_FunctionDecl ||
		    (dk == CXCursor_VarDecl && CX(clang_Cursor_hasVarDeclGlobalStorage)(d) == 1)) {
			v->zero = 0;
			v->reloc = cfacts_reloc_kind(x, d);
			return;
		}
	}
	CXEvalResult r = CX(clang_Cursor_Evaluate)(e);
	if (r) {
		switch (CX(clang_EvalResult_getKind)(r)) {
		case CXEval_Int:
			v->zero = CX(clang_EvalResult_getAsLongLong)(r) == 0;
			break;
		case CXEval_Float: {
			double d = CX(clang_EvalResult_getAsDouble)(r);
			v->zero = d == 0.0 && !signbit(d); /* -0.0 has its sign bit set */
			break;
		}
		case CXEval_StrLiteral:
			v->zero = 0;
			v->reloc = 1;
			break;
		default:
			break;
		}
		CX(clang_EvalResult_dispose)(r);
		if (v->zero >= 0)
			return;
	}
	if (k == CXCursor_UnaryExpr) /* sizeof, _Alignof: a number libclang could not give */
		return;
	struct cfacts_combine cb = { .x = x, .depth = depth };
	CX(clang_visitChildren)(e, cfacts_combine_kid, &cb);
	v->reloc = cb.reloc;
	if (cb.reloc)
		v->zero = 0;
	else if (cb.n == 1)
		v->zero = cb.last.zero;
}

/*
 * Predictions: where gcc puts each symbol, in sentences.
 */
struct cfacts_sb {
	char buf[2048];
	size_t n;
};

/* Append a sentence (a space before it when there is text already). */
static void cfacts_say(struct cfacts_sb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void cfacts_say(struct cfacts_sb *b, const char *fmt, ...)
{
	if (b->n + 2 >= sizeof b->buf)
		return;
	if (b->n)
		b->buf[b->n++] = ' ';
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(b->buf + b->n, sizeof b->buf - b->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->n += (size_t)k < sizeof b->buf - b->n ? (size_t)k : sizeof b->buf - b->n - 1;
	b->buf[b->n] = '\0';
}

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
 * or read back by cfwire. */
static void cfacts_set_place(struct cfacts_ctx *x, struct cfacts_place *p, const char *sec,
			     const char *opt, char nm, int vanish, const struct cfacts_sb *b)
{
	p->section = cfacts_section_intern(sec);
	p->section_opt = cfacts_section_intern(opt);
	p->nm = nm;
	p->may_vanish = vanish;
	p->reason = cfacts_strdup(x, b->buf);
}

/* What a weak definition means at link time (ELF's STB_WEAK, as GNU ld treats it). */
static void cfacts_weak_def(struct cfacts_sb *b)
{
	cfacts_say(b, "A weak definition: the linker takes a strong (global) definition of the "
		   "same name from another object instead, if there is one, with no "
		   "multiple-definition error; if there is none, this one is used.");
	cfacts_say(b, "ld does not pull in an archive (.a) member only because it holds a "
		   "strong definition, though: it pulls members in for names still undefined, and "
		   "this one is defined.");
}

/* What a weak undefined symbol means at link time; func: name is a function. */
static void cfacts_weak_ref(struct cfacts_sb *b, const char *name, int func)
{
	cfacts_say(b, "A weak reference: the program links even when nothing defines it, and "
		   "its address is then 0 (so code tests `if (%s%s)` before %s it).",
		   func ? "" : "&", name, func ? "calling" : "using");
	cfacts_say(b, "An object file or shared library in the link that defines it supplies "
		   "it, but ld does not pull an archive (.a) member in for a weak reference "
		   "alone.");
}

static void cfacts_place_func(struct cfacts_ctx *x, size_t i)
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
	struct cfacts_sb b = { .n = 0 };
	if (d && d != f)
		cfacts_say(&b, "This declaration's function is defined in this file, at line %u.",
			   d->line);
	if (!d && f->weak && en->alias_func >= 0) {
		const char *target = cf->funcs[en->alias_func].name;
		cfacts_say(&b, "#pragma weak %s = %s makes it a weak alias of %s, which this file "
			   "defines: a second symbol for the same machine code in .text, at the "
			   "same address, and a weak one (nm W; WEAK in readelf -s).", f->name,
			   target, target);
		cfacts_weak_def(&b);
		cfacts_set_place(x, &f->place, ".text", NULL, 'W', 0, &b);
		return;
	}
	if (!d) {
		if (!en->referenced) {
			cfacts_say(&b, "Declared but never used in this file: gcc emits no symbol "
				   "for it.");
			cfacts_set_place(x, &f->place, NULL, NULL, 0, 0, &b);
		} else if (local) {
			cfacts_say(&b, "Declared static and used, but not defined in this file: "
				   "gcc warns, and leaves an undefined symbol (nm U) that no other "
				   "file can satisfy.");
			cfacts_set_place(x, &f->place, "UND", NULL, 'U', 0, &b);
		} else if (f->weak) {
			cfacts_say(&b, "Declared weak and not defined in this file: each use "
				   "leaves a weak undefined symbol (nm w; WEAK and UND in readelf "
				   "-s).");
			cfacts_weak_ref(&b, f->name, 1);
			cfacts_set_place(x, &f->place, "UND", NULL, 'w', 0, &b);
		} else {
			cfacts_say(&b, "Declared here but defined in another file: each call "
				   "leaves an undefined symbol (nm U) for the linker to resolve "
				   "from another object file or a library.");
			cfacts_set_place(x, &f->place, "UND", NULL, 'U', 0, &b);
		}
		return;
	}
	if (local) {
		if (!en->referenced && d->inlined) {
			cfacts_say(&b, "A static inline function that nothing in this file uses is "
				   "not emitted: no code and no symbol.");
			cfacts_set_place(x, &f->place, NULL, NULL, 0, 0, &b);
			return;
		}
		cfacts_say(&b, "Its machine code goes to .text. static gives it internal "
			   "linkage: a local symbol (nm t), invisible to other files.");
		if (!en->referenced)
			cfacts_say(&b, "Nothing in this file uses it: gcc -O0 still emits it "
				   "(-Wall warns that it is unused), and with optimisation it is "
				   "dropped.");
		else
			cfacts_say(&b, "With optimisation gcc may inline it into its callers and "
				   "then emit no symbol for it.");
		cfacts_set_place(x, &f->place, ".text", NULL, 't', 1, &b);
		return;
	}
	int inline_only = x->gnu89_inline ? d->storage == CFACTS_STORAGE_EXTERN && d->inlined
					  : !en->external_def;
	if (inline_only) {
		if (x->gnu89_inline)
			cfacts_say(&b, "With GNU89 inline rules (-fgnu89-inline, -std=gnu89), a "
				   "definition that says extern inline serves only for inlining: "
				   "gcc emits no code and no symbol for it.");
		else
			cfacts_say(&b, "Every declaration of it in this file says inline without "
				   "extern, so by the rules of C99 and later this is an inline "
				   "definition: gcc emits no code and no symbol for it.");
		if (en->referenced) {
			cfacts_say(&b, "A call that gcc does not inline refers to an external "
				   "definition that another file must provide: an undefined symbol "
				   "(nm U). Without optimisation nothing is inlined, so -O0 leaves "
				   "the U; with -O2 the calls are usually inlined and it goes "
				   "away.");
			if (!x->gnu89_inline)
				cfacts_say(&b, "A declaration in this file with extern, or without "
					   "inline, would make this the external definition.");
			cfacts_set_place(x, &f->place, "UND", NULL, 'U', 1, &b);
		} else {
			cfacts_set_place(x, &f->place, NULL, NULL, 0, 0, &b);
		}
		return;
	}
	int is_main = !strcmp(f->name, "main");
	if (f->weak) {
		cfacts_say(&b, "Its machine code goes to .text. It has external linkage and is "
			   "declared weak: a weak symbol (nm W; WEAK in readelf -s) that other "
			   "files can call.");
		cfacts_weak_def(&b);
		cfacts_say(&b, "gcc does not inline calls to it, even at -O2: the definition the "
			   "program ends up with may be another one.");
	} else {
		cfacts_say(&b, "Its machine code goes to .text. It has external linkage: a global "
			   "symbol (nm T) that other files can call.");
	}
	if (d->inlined && x->gnu89_inline)
		cfacts_say(&b, "It is declared inline, but with GNU89 inline rules "
			   "(-fgnu89-inline, -std=gnu89) only extern inline keeps a definition "
			   "from being emitted.");
	else if (d->inlined)
		cfacts_say(&b, "It is declared inline, but a declaration in this file with "
			   "extern or without inline makes this the external definition, so it "
			   "is emitted.");
	if (is_main)
		cfacts_say(&b, "At -O2, -O3 and -Os gcc puts main, which runs once, in "
			   ".text.startup, away from the code that runs often.");
	cfacts_set_place(x, &f->place, ".text", is_main ? ".text.startup" : NULL,
			 f->weak ? 'W' : 'T', 0, &b);
}

static void cfacts_place_var(struct cfacts_ctx *x, size_t i)
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
	struct cfacts_sb b = { .n = 0 };
	if (!en->var_defined) {
		if (en->referenced && v->weak) {
			cfacts_say(&b, "Declared extern and weak, with no definition in this file: "
				   "each use leaves a weak undefined symbol (nm w; WEAK and UND in "
				   "readelf -s).");
			cfacts_weak_ref(&b, v->name, 0);
			cfacts_set_place(x, &v->place, "UND", NULL, 'w', 0, &b);
		} else if (en->referenced) {
			cfacts_say(&b, "Declared extern: it is defined in another file, so each "
				   "use here leaves an undefined symbol (nm U) for the linker to "
				   "resolve.");
			cfacts_set_place(x, &v->place, "UND", NULL, 'U', 0, &b);
		} else {
			cfacts_say(&b, "Declared extern and never used: gcc emits no symbol for "
				   "it.");
			cfacts_set_place(x, &v->place, NULL, NULL, 0, 0, &b);
		}
		return;
	}
	if (d != v && d->has_init)
		cfacts_say(&b, "This declaration's object is defined with an initialiser at "
			   "line %u.", d->line);
	else if (d != v)
		cfacts_say(&b, "This declaration's object is defined at line %u.", d->line);
	int zero = d->has_init ? d->init_zero : 1;
	int cst = d->is_const && !d->is_volatile;
	int reloc = d->has_init ? en->reloc : 0;
	const char *sec;
	if (v->thread_local) {
		sec = zero == 1 ? ".tbss" : ".tdata";
		cfacts_say(&b, "_Thread_local: each thread gets its own copy, made from the "
			   "template in %s, the thread-local %s section.", sec,
			   zero == 1 ? "zero-filled" : "initialised");
	} else if (zero == 1 && cst) {
		sec = ".rodata";
		cfacts_say(&b, "It is const-qualified, so it goes to .rodata, read-only data, "
			   "even though it is zero: gcc puts only writable objects that start as "
			   "zero in .bss.");
	} else if (zero == 1 && !d->has_init && d->tentative) {
		sec = ".bss";
		cfacts_say(&b, "At file scope with no initialiser this is a tentative "
			   "definition; with no other definition in the file it defines an object "
			   "that starts as zero bytes, in .bss, which takes no room in the file.");
		if (v->weak)
			cfacts_say(&b, "Being weak, it is never a common symbol (nm C), not even "
				   "with -fcommon.");
		else if (!local)
			cfacts_say(&b, "That is so because gcc 10 and later default to "
				   "-fno-common; with -fcommon it would be a common symbol instead "
				   "(nm C), merged with same-named ones at link time.");
	} else if (zero == 1 && !d->has_init) {
		sec = ".bss";
		cfacts_say(&b, "A static local with no initialiser starts as zero bytes: .bss, "
			   "which takes no room in the file.");
	} else if (zero == 1) {
		sec = ".bss";
		cfacts_say(&b, "Its initialiser is all zero bytes, so gcc treats it like an "
			   "uninitialised object and puts it in .bss, which takes no room in the "
			   "file (-fno-zero-initialized-in-bss would put it in .data).");
	} else {
		if (zero < 0)
			cfacts_say(&b, "libclang could not evaluate the initialiser, so this "
				   "assumes it is not all zero.");
		if (reloc && cf->pic) {
			int global = reloc & 2;
			sec = cst ? (global ? ".data.rel.ro" : ".data.rel.ro.local")
				  : (global ? ".data.rel" : ".data.rel.local");
			cfacts_say(&b, "Its initialiser holds an address. In position-independent "
				   "code (%s) an address is known only when the program is loaded, "
				   "so the dynamic linker writes it then, and the object goes to "
				   "%s rather than %s.",
				   cf->pic == 2 ? "-fPIC" : "-fPIE, gcc's default on Debian", sec,
				   cst ? ".rodata" : ".data");
			if (cst)
				cfacts_say(&b, "Once the addresses are written, that memory is "
					   "made read-only again (RELRO).");
			if (global)
				cfacts_say(&b, "The address is of a symbol that may be defined in "
					   "a shared library.");
			else
				cfacts_say(&b, "\".local\": every address in it is of something "
					   "defined in this program.");
		} else if (cst) {
			sec = ".rodata";
			cfacts_say(&b, "A const-qualified object with an initialiser: .rodata, "
				   "read-only data stored in the file.");
		} else {
			sec = ".data";
			cfacts_say(&b, "Its initial value is not zero, so its bytes are stored in "
				   "the file: .data, writable data.");
		}
	}
	/* nm says V for a weak object, and W for a weak symbol of another type (thread-local) */
	char nm = v->weak ? (v->thread_local ? 'W' : 'V') : cfacts_nm_letter(sec, local);
	if (v->static_local)
		cfacts_say(&b, "A static local is a local symbol (nm %c) that gcc names %s.N: "
			   "the number keeps statics of the same name in different functions "
			   "apart.", nm, v->name);
	else if (local)
		cfacts_say(&b, "static gives it internal linkage: a local symbol (nm %c), "
			   "invisible to other files.", nm);
	else if (v->weak)
		cfacts_say(&b, "It has external linkage and is declared weak: a weak symbol (nm "
			   "%c; WEAK in readelf -s) that other files can use.", nm);
	else
		cfacts_say(&b, "It has external linkage: a global symbol (nm %c) that other "
			   "files can use.", nm);
	if (v->weak)
		cfacts_weak_def(&b);
	if (local)
		cfacts_say(&b, "With optimisation gcc may fold its uses into the code and drop "
			   "it.");
	cfacts_set_place(x, &v->place, sec, NULL, nm, local, &b);
}

static void cfacts_place_string(struct cfacts_ctx *x, struct cfacts_string *s)
{
	static const char *const merge[3][2] = {
		{ ".rodata.str1.1", ".rodata.str1.8" },
		{ ".rodata.str2.2", ".rodata.str2.8" },
		{ ".rodata.str4.4", ".rodata.str4.8" },
	};
	int w = s->width == 4 ? 2 : s->width == 2 ? 1 : 0;
	int big = s->bytes >= 31; /* x86-64 aligns a string constant this long to 8 */
	const char *opt = merge[w][big];
	struct cfacts_sb b = { .n = 0 };
	cfacts_say(&b, "A string literal is an array the program must not change: gcc puts it "
		   "in .rodata under a local label (.LC0, .LC1...), not a symbol of its own.");
	cfacts_say(&b, "From -O1 on (-fmerge-constants) it goes to %s instead, a section of "
		   "mergeable strings of %d-byte characters in which the linker keeps one copy "
		   "of equal strings.", opt, s->width);
	if (big)
		cfacts_say(&b, "Being %zu bytes long (31 or more), it is aligned to 8 bytes, "
			   "hence the .8; at -Os it is not, and goes to %s.", s->bytes,
			   merge[w][0]);
	cfacts_say(&b, "A call that gcc rewrites (printf(\"hi\\n\") into puts(\"hi\")) "
		   "stores the rewritten string, and a string gcc finds unused is dropped.");
	cfacts_set_place(x, &s->place, ".rodata", opt, 0, 1, &b);
}

static enum cfacts_severity cfacts_severity_of(enum CXDiagnosticSeverity s)
{
	switch (s) {
	case CXDiagnostic_Ignored: return CFACTS_SEV_IGNORED;
	case CXDiagnostic_Note: return CFACTS_SEV_NOTE;
	case CXDiagnostic_Warning: return CFACTS_SEV_WARNING;
	case CXDiagnostic_Error: return CFACTS_SEV_ERROR;
	default: return CFACTS_SEV_FATAL;
	}
}

static void cfacts_diags(struct cfacts_ctx *x)
{
	struct cfacts *cf = x->cf;
	unsigned n = CX(clang_getNumDiagnostics)(x->tu);
	if (n == 0)
		return;
	cf->diags = calloc(n, sizeof *cf->diags);
	if (!cf->diags) {
		x->oom = 1;
		return;
	}
	for (unsigned i = 0; i < n && !x->oom; i++) {
		CXDiagnostic d = CX(clang_getDiagnostic)(x->tu, i);
		if (!d)
			continue;
		struct cfacts_diag *g = &cf->diags[cf->n_diags++];
		g->severity = cfacts_severity_of(CX(clang_getDiagnosticSeverity)(d));
		CXFile f = NULL;
		CX(clang_getFileLocation)(CX(clang_getDiagnosticLocation)(d), &f, &g->line, &g->col,
					  NULL);
		if (f) {
			g->file = cfacts_take(x, CX(clang_getFileName)(f));
			g->in_main = CX(clang_File_isEqual)(f, x->main) != 0;
		}
		g->message = cfacts_take(x, CX(clang_getDiagnosticSpelling)(d));
		g->option = cfacts_take_nonempty(x, CX(clang_getDiagnosticOption)(d, NULL));
		unsigned nf = CX(clang_getDiagnosticNumFixIts)(d);
		if (nf) {
			g->fixits = calloc(nf, sizeof *g->fixits);
			if (!g->fixits)
				x->oom = 1;
		}
		for (unsigned j = 0; j < nf && g->fixits; j++) {
			struct cfacts_fixit *fx = &g->fixits[g->n_fixits++];
			CXSourceRange r;
			fx->text = cfacts_take(x, CX(clang_getDiagnosticFixIt)(d, j, &r));
			cfacts_pos(CX(clang_getRangeStart)(r), &fx->line, &fx->col);
			cfacts_pos(CX(clang_getRangeEnd)(r), &fx->end_line, &fx->end_col);
		}
		CX(clang_disposeDiagnostic)(d);
	}
}

/* What the compiler arguments change in the predictions: PIC mode and inline rules. */
static void cfacts_read_args(struct cfacts_ctx *x)
{
	x->cf->pic = 1;
	for (size_t i = 0; i < x->nargs; i++) {
		const char *a = x->args[i];
		if (!a)
			continue;
		if (!strcmp(a, "-fno-pic") || !strcmp(a, "-fno-PIC") || !strcmp(a, "-fno-pie") ||
		    !strcmp(a, "-fno-PIE"))
			x->cf->pic = 0;
		else if (!strcmp(a, "-fpie") || !strcmp(a, "-fPIE"))
			x->cf->pic = 1;
		else if (!strcmp(a, "-fpic") || !strcmp(a, "-fPIC"))
			x->cf->pic = 2;
		else if (!strcmp(a, "-fgnu89-inline") || !strcmp(a, "-std=gnu89") ||
			 !strcmp(a, "-std=gnu90") || !strcmp(a, "-std=c89") ||
			 !strcmp(a, "-std=c90") || !strcmp(a, "-ansi") ||
			 !strncmp(a, "-std=iso9899:199", 16))
			x->gnu89_inline = 1;
		else if (!strcmp(a, "-fno-gnu89-inline") ||
			 (!strncmp(a, "-std=", 5) && x->gnu89_inline &&
			  strcmp(a, "-std=gnu89") != 0))
			x->gnu89_inline = 0;
	}
}

static double cfacts_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void cfacts_ctx_free(struct cfacts_ctx *x)
{
	free(x->directive);
	free(x->fent);
	free(x->vent);
	free(x->vinit);
	free(x->ents);
	free(x->slots);
}

static const char *cfacts_error_name(enum CXErrorCode e)
{
	switch (e) {
	case CXError_Crashed: return "libclang crashed";
	case CXError_InvalidArguments: return "libclang rejected the arguments";
	case CXError_ASTReadError: return "libclang could not read its AST";
	default: return "libclang failed";
	}
}

int cfacts_parse(struct cfacts *cf, const char *src_abs, const char *const *args, size_t nargs,
		 char *err, size_t errlen)
{
	memset(cf, 0, sizeof *cf);
	if (!cfacts_available(err, errlen))
		return -1;
	if (access(src_abs, R_OK) != 0) { /* libclang would only say that it failed */
		snprintf(err, errlen, "cannot read %s: %s", src_abs, strerror(errno));
		return -1;
	}
	const char **argv = calloc(nargs + 2, sizeof *argv);
	char *inc = NULL;
	const char *slash = strrchr(src_abs, '/'), *dir = ".";
	int dlen = 1;
	if (slash) {
		dir = src_abs;
		dlen = slash == src_abs ? 1 : (int)(slash - src_abs);
	}
	if (argv && asprintf(&inc, "-I%.*s", dlen, dir) < 0)
		inc = NULL;
	if (!argv || !inc) {
		free(argv);
		free(inc);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int argc = 0;
	argv[argc++] = "-xc";
	argv[argc++] = inc;
	for (size_t i = 0; i < nargs; i++)
		if (args[i])
			argv[argc++] = args[i];

	struct cfacts_ctx x = { .cf = cf, .args = args, .nargs = nargs };
	cfacts_read_args(&x);
	int rc = -1;
	CXTranslationUnit tu = NULL;
	CXIndex idx = CX(clang_createIndex)(0, 0);
	if (!idx) {
		snprintf(err, errlen, "libclang could not create an index");
		goto out;
	}
	double t0 = cfacts_now_ms();
	enum CXErrorCode e = CX(clang_parseTranslationUnit2)(
		idx, src_abs, argv, argc, NULL, 0,
		CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing, &tu);
	cf->parse_ms = cfacts_now_ms() - t0;
	if (e != CXError_Success || !tu) {
		snprintf(err, errlen, "%s on %s (error %d)", cfacts_error_name(e), src_abs, (int)e);
		goto out_index;
	}
	x.tu = tu;
	x.main = CX(clang_getFile)(tu, src_abs);
	if (!x.main) {
		snprintf(err, errlen, "libclang parsed %s but does not know it as a file", src_abs);
		goto out_tu;
	}
	cf->main_file = cfacts_take(&x, CX(clang_getFileName)(x.main));
	cfacts_scan_directives(&x);
	struct cfacts_frame top = {
		.x = &x, .func = NULL, .cur = CX(clang_getTranslationUnitCursor)(tu), .up = NULL,
	};
	CX(clang_visitChildren)(top.cur, cfacts_visit, &top);
	if (!x.oom)
		cfacts_pragma_weak(&x);

	/* now that every declaration is known: initialisers, then predictions */
	for (size_t i = 0; i < cf->n_vars && !x.oom; i++) {
		if (!cf->vars[i].has_init)
			continue;
		struct cfacts_val v;
		cfacts_value(&x, x.vinit[i], &v, 0);
		cf->vars[i].init_zero = v.zero;
		long en = x.vent[i];
		if (en >= 0 && x.ents[en].init_var == (long)i) {
			x.ents[en].init_zero = v.zero;
			x.ents[en].reloc = v.reloc;
		}
	}
	for (size_t i = 0; i < cf->n_funcs && !x.oom; i++)
		cfacts_place_func(&x, i);
	for (size_t i = 0; i < cf->n_vars && !x.oom; i++)
		cfacts_place_var(&x, i);
	for (size_t i = 0; i < cf->n_strings && !x.oom; i++)
		cfacts_place_string(&x, &cf->strings[i]);
	cfacts_diags(&x);
	if (x.oom)
		snprintf(err, errlen, "out of memory while reading libclang's facts");
	else
		rc = 0;
out_tu:
	CX(clang_disposeTranslationUnit)(tu);
out_index:
	CX(clang_disposeIndex)(idx);
out:
	cfacts_ctx_free(&x);
	free(inc);
	free(argv);
	if (rc != 0) {
		double ms = cf->parse_ms;
		cfacts_free(cf);
		cf->parse_ms = ms;
	}
	return rc;
}

void cfacts_free(struct cfacts *cf)
{
	if (!cf)
		return;
	for (size_t i = 0; i < cf->n_defs; i++)
		free(cf->defs[i].name);
	for (size_t i = 0; i < cf->n_exps; i++) {
		free(cf->exps[i].name);
		free(cf->exps[i].def_file);
	}
	for (size_t i = 0; i < cf->n_funcs; i++) {
		free(cf->funcs[i].name);
		free(cf->funcs[i].mangled);
		free(cf->funcs[i].place.reason);
	}
	for (size_t i = 0; i < cf->n_vars; i++) {
		free(cf->vars[i].name);
		free(cf->vars[i].place.reason);
	}
	for (size_t i = 0; i < cf->n_calls; i++) {
		free(cf->calls[i].callee);
		free(cf->calls[i].caller);
		free(cf->calls[i].fmt);
		free(cf->calls[i].next_str);
	}
	for (size_t i = 0; i < cf->n_strings; i++) {
		free(cf->strings[i].text);
		free(cf->strings[i].place.reason);
	}
	for (size_t i = 0; i < cf->n_diags; i++) {
		struct cfacts_diag *g = &cf->diags[i];
		free(g->file);
		free(g->message);
		free(g->option);
		for (size_t j = 0; j < g->n_fixits; j++)
			free(g->fixits[j].text);
		free(g->fixits);
	}
	free(cf->main_file);
	free(cf->defs);
	free(cf->exps);
	free(cf->funcs);
	free(cf->vars);
	free(cf->calls);
	free(cf->strings);
	free(cf->diags);
	memset(cf, 0, sizeof *cf);
}

/*
 * gcc's folding of printf, fprintf and fputs (gimple-fold.cc in gcc 12): when the C library
 * function's result is unused and its format or string is a literal, gcc calls a simpler
 * function that prints the same.
 */

/* s as a C string literal, shortened to fit len. */
static void cfacts_quote(const char *s, char *out, size_t len)
{
	size_t k = 0;
	if (len < 8) {
		if (len)
			out[0] = '\0';
		return;
	}
	out[k++] = '"';
	for (; *s && k + 8 < len; s++) {
		unsigned char ch = (unsigned char)*s;
		const char *esc = ch == '\n' ? "\\n" : ch == '\t' ? "\\t" : ch == '\r' ? "\\r" :
				  ch == '"' ? "\\\"" : ch == '\\' ? "\\\\" : NULL;
		if (esc) {
			memcpy(out + k, esc, 2);
			k += 2;
		} else if (ch < 32 || ch == 127) {
			k += (size_t)snprintf(out + k, len - k, "\\%03o", ch);
		} else {
			out[k++] = (char)ch;
		}
	}
	if (*s) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k++] = '"';
	out[k] = '\0';
}

/* fputs(s, f) with s known: what gcc calls instead. */
static const char *cfacts_fold_fputs(const char *s, struct cfacts_sb *b)
{
	size_t n = strlen(s);
	if (n == 0) {
		cfacts_say(b, "Writing an empty string does nothing, so gcc drops the call.");
		return "";
	}
	if (n == 1) {
		char q[16];
		cfacts_quote(s, q, sizeof q);
		cfacts_say(b, "A one-character string is written with fputc instead (the "
			   "character of %s).", q);
		return "fputc";
	}
	cfacts_say(b, "fputs of a string whose length gcc knows (%zu bytes) becomes "
		   "fwrite(s, 1, %zu, f), which need not search for the end of the string; when "
		   "optimising for size (-Os) gcc keeps fputs.", n, n);
	return "fwrite";
}

static const char *cfacts_rewrite(const struct cfacts_call *c, struct cfacts_sb *b)
{
	if (!c->callee)
		return NULL;
	int is_printf = !strcmp(c->callee, "printf"), is_fprintf = !strcmp(c->callee, "fprintf");
	int is_fputs = !strcmp(c->callee, "fputs");
	if (!is_printf && !is_fprintf && !is_fputs)
		return NULL;
	if (c->no_builtin) {
		cfacts_say(b, "gcc was given -fno-builtin (or -fno-builtin-%s, or "
			   "-ffreestanding), so it does not treat %s as the C library function it "
			   "knows, and calls it as written.", c->callee, c->callee);
		return NULL;
	}
	if (c->value_used) {
		cfacts_say(b, "The program uses what %s returns, so gcc keeps the call: a "
			   "simpler function would return something else.", c->callee);
		return NULL;
	}
	char q[96], q2[96];
	if (is_fputs) {
		if (c->nargs != 2 || !c->fmt) {
			cfacts_say(b, "The string is not a literal, so gcc cannot know its length, "
				   "and fputs stays.");
			return NULL;
		}
		return cfacts_fold_fputs(c->fmt, b);
	}
	if (is_printf) {
		if (c->nargs < 1 || c->nargs > 2) {
			cfacts_say(b, "gcc folds printf only when it has a format and at most one "
				   "more argument; this call has %u arguments, so printf stays.",
				   c->nargs);
			return NULL;
		}
		if (!c->fmt) {
			cfacts_say(b, "The format is not a string literal, so gcc cannot look "
				   "inside it, and printf stays.");
			return NULL;
		}
		const char *str = NULL;
		if (!strcmp(c->fmt, "%s")) {
			if (c->nargs != 2 || !c->next_str) {
				cfacts_say(b, "printf(\"%%s\", s) is folded only when s is a "
					   "string literal; here it is not, so printf stays.");
				return NULL;
			}
			str = c->next_str;
			cfacts_quote(str, q, sizeof q);
			cfacts_say(b, "printf(\"%%s\", %s) prints just that string.", q);
		} else if (!strchr(c->fmt, '%')) {
			if (c->nargs == 2) {
				cfacts_say(b, "The format has no %% conversion, yet the call "
					   "passes another argument, so gcc leaves it alone.");
				return NULL;
			}
			str = c->fmt;
		}
		if (str) {
			size_t n = strlen(str);
			cfacts_quote(str, q, sizeof q);
			if (n == 0) {
				cfacts_say(b, "printf(\"\") prints nothing, so gcc drops the "
					   "call.");
				return "";
			}
			if (n == 1) {
				cfacts_say(b, "printf(%s) prints a single character, so gcc calls "
					   "putchar with that character instead.", q);
				return "putchar";
			}
			if (str[n - 1] == '\n') {
				char *cut = strdup(str);
				if (cut) {
					cut[n - 1] = '\0';
					cfacts_quote(cut, q2, sizeof q2);
					free(cut);
				} else {
					q2[0] = '\0';
				}
				cfacts_say(b, "printf(%s) prints a string with no %% conversion "
					   "that ends in a newline. puts prints its string and "
					   "then a newline, so gcc calls puts(%s) instead: the "
					   "same string without its newline.", q, q2);
				return "puts";
			}
			cfacts_say(b, "The string does not end in a newline, so puts (which adds "
				   "one) cannot replace printf here, and printf stays.");
			return NULL;
		}
		if (!strcmp(c->fmt, "%s\n") && c->nargs == 2 && c->next_is_ptr) {
			cfacts_say(b, "printf(\"%%s\\n\", s) prints s and a newline, which is what "
				   "puts(s) does, so gcc calls puts instead.");
			return "puts";
		}
		if (!strcmp(c->fmt, "%c") && c->nargs == 2 && c->next_is_int) {
			cfacts_say(b, "printf(\"%%c\", c) prints one character, so gcc calls "
				   "putchar(c) instead.");
			return "putchar";
		}
		cfacts_say(b, "gcc folds a printf format only when it has no %% conversion, or "
			   "is exactly \"%%s\", \"%%s\\n\" or \"%%c\"; this one is not, so printf "
			   "stays.");
		return NULL;
	}
	if (c->nargs < 2 || c->nargs > 3) {
		cfacts_say(b, "gcc folds fprintf only when it has a stream, a format and at most "
			   "one more argument; this call has %u arguments, so fprintf stays.",
			   c->nargs);
		return NULL;
	}
	if (!c->fmt) {
		cfacts_say(b, "The format is not a string literal, so gcc cannot look inside "
			   "it, and fprintf stays.");
		return NULL;
	}
	if (!strchr(c->fmt, '%')) {
		if (c->nargs == 3) {
			cfacts_say(b, "The format has no %% conversion, yet the call passes "
				   "another argument, so gcc leaves it alone.");
			return NULL;
		}
		cfacts_quote(c->fmt, q, sizeof q);
		cfacts_say(b, "fprintf(f, %s) has no %% conversion, so gcc makes it "
			   "fputs(%s, f).", q, q);
		return cfacts_fold_fputs(c->fmt, b);
	}
	if (!strcmp(c->fmt, "%s") && c->nargs == 3 && c->next_is_ptr) {
		cfacts_say(b, "fprintf(f, \"%%s\", s) writes just s, so gcc makes it fputs(s, "
			   "f).");
		if (c->next_str)
			return cfacts_fold_fputs(c->next_str, b);
		cfacts_say(b, "s is not a literal, so gcc cannot know its length, and fputs "
			   "stays.");
		return "fputs";
	}
	if (!strcmp(c->fmt, "%c") && c->nargs == 3 && c->next_is_int) {
		cfacts_say(b, "fprintf(f, \"%%c\", c) writes one character, so gcc calls "
			   "fputc(c, f) instead.");
		return "fputc";
	}
	cfacts_say(b, "gcc folds an fprintf format only when it has no %% conversion, or is "
		   "exactly \"%%s\" or \"%%c\"; this one is not, so fprintf stays.");
	return NULL;
}

const char *cfacts_builtin_rewrite(const struct cfacts_call *c, char *out, size_t len)
{
	struct cfacts_sb b = { .n = 0 };
	b.buf[0] = '\0';
	const char *r = cfacts_rewrite(c, &b);
	if (r && strcmp(r, c->callee) != 0)
		cfacts_say(&b, "gcc does this at every optimisation level, -O0 included, because "
			   "it knows what %s does; -fno-builtin turns that off.", c->callee);
	if (out && len)
		snprintf(out, len, "%s", b.buf);
	return r;
}
