/* cfacts_int: what the parts of cfacts share inside the module; no caller outside
 * stages/cfacts_*.c includes it (theirs is stages/cfacts.h).
 *
 * Contract: the parts are
 *   cfacts_load.c     the libclang loader: dlopen once, every function through cfacts_lib;
 *   cfacts_visit.c    the AST visitor: the parse, the records, the initialisers' values;
 *   cfacts_place.c    the placement rules: where gcc puts each symbol, as codes;
 *   cfacts_rewrite.c  the rewrite rules: gcc's folding of printf, fprintf and fputs, as codes;
 *   cfacts_say.c      the sentences for those codes (the sentence layer, stages/say.h).
 * The visitor fills a struct cfacts_ctx and hands it to the placement rules once every
 * declaration is known; the rules read the ctx's entities, never libclang itself.
 */
#ifndef CSTAGES_CFACTS_INT_H
#define CSTAGES_CFACTS_INT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "stages/cfacts.h"
#include "stages/cfacts_why.h"

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

struct cfacts_clang {
#define CFACTS_X(f) __typeof__(&f) f;
	CFACTS_CLANG_FUNCS(CFACTS_X)
#undef CFACTS_X
};

/* Filled by cfacts_available() (cfacts_load.c), once per process. */
extern struct cfacts_clang cfacts_lib;

#define CX(f) (cfacts_lib.f)

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

/* A copy of s ("" for NULL); NULL and x->oom set when memory runs out. */
char *cfacts_strdup(struct cfacts_ctx *x, const char *s);

/* The placement rules (cfacts_place.c): fill the place of function record i, variable record
 * i, or string s, from the entities the visitor found. */
void cfacts_place_func(struct cfacts_ctx *x, size_t i);
void cfacts_place_var(struct cfacts_ctx *x, size_t i);
void cfacts_place_string(struct cfacts_ctx *x, struct cfacts_string *s);

#endif
