/* cfacts_visit: the AST visitor. One walk over libclang's cursors keeps the main file's
 * macros, functions, variables, calls and string literals, then reads the initialisers'
 * values and hands every declaration to the placement rules (cfacts_place.c).
 *
 * Contract: everything here runs inside cfacts_parse(), on one translation unit that the
 * call owns, so several parses may run at once; libclang is reached only through CX()
 * (cfacts_int.h). A record's strings are its own (cfacts_free() releases them).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stages/cfacts_int.h"
#include "stages/i18n.h"

/*
 * Names for the enums.
 */
const char *cfacts_linkage_name_en(enum cfacts_linkage l)
{
	switch (l) {
	case CFACTS_LINKAGE_NONE: return N_("none");
	case CFACTS_LINKAGE_INTERNAL: return N_("internal");
	case CFACTS_LINKAGE_UNIQUE_EXTERNAL: return N_("unique external");
	case CFACTS_LINKAGE_EXTERNAL: return N_("external");
	default: return N_("invalid");
	}
}

const char *cfacts_linkage_name(enum cfacts_linkage l)
{
	return _(cfacts_linkage_name_en(l));
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

const char *cfacts_severity_name_en(enum cfacts_severity s)
{
	switch (s) {
	case CFACTS_SEV_IGNORED: return N_("ignored");
	case CFACTS_SEV_NOTE: return N_("note");
	case CFACTS_SEV_WARNING: return N_("warning");
	case CFACTS_SEV_ERROR: return N_("error");
	default: return N_("fatal error");
	}
}

const char *cfacts_severity_name(enum cfacts_severity s)
{
	return _(cfacts_severity_name_en(s));
}

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

char *cfacts_strdup(struct cfacts_ctx *x, const char *s)
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
