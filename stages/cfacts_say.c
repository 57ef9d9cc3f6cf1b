/* cfacts_say: the sentences of libclang's view, one per code of stages/cfacts_why.h: why gcc
 * puts a declaration where it does (struct cfacts_place's reason), and why it rewrites a call
 * or leaves it. Part of the sentence layer (stages/say.h): the rules decide, this file words.
 *
 * Contract: every sentence here is whole and marked for gettext; a parameter that is a name,
 * a section or a line is an argument, never a word glued in. Strings of the program (a
 * call's literals) are quoted here, as C literals shortened to fit.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/cfacts_why.h"
#include "stages/say.h"

void cfacts_why_add(struct cfacts_whys *ws, struct cfacts_why w)
{
	if (ws->n < CFACTS_WHY_MAX)
		ws->w[ws->n++] = w;
}

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

static void cfacts_say_one(struct say *b, const struct cfacts_why *w)
{
	char q[96], q2[96];
	switch (w->code) {
	/* functions */
	case CFW_FUNC_DEFINED_AT:
		say_sentence(b, _("This declaration's function is defined in this file, at line "
				  "%u."), w->u);
		break;
	case CFW_FUNC_WEAK_ALIAS:
		say_sentence(b, _("#pragma weak %1$s = %2$s makes it a weak alias of %2$s, which "
				  "this file defines: a second symbol for the same machine code in "
				  ".text, at the same address, and a weak one (nm W; WEAK in "
				  "readelf -s)."), w->name, w->target);
		break;
	case CFW_WEAK_DEF:
		say_sentence(b, _("A weak definition: the linker takes a strong (global) "
				  "definition of the same name from another object instead, if there "
				  "is one, with no multiple-definition error; if there is none, this "
				  "one is used."));
		say_sentence(b, _("ld does not pull in an archive (.a) member only because it "
				  "holds a strong definition, though: it pulls members in for names "
				  "still undefined, and this one is defined."));
		break;
	case CFW_WEAK_REF_FUNC:
	case CFW_WEAK_REF_VAR:
		if (w->code == CFW_WEAK_REF_FUNC)
			say_sentence(b, _("A weak reference: the program links even when nothing "
					  "defines it, and its address is then 0 (so code tests "
					  "`if (%s)` before calling it)."), w->name);
		else
			say_sentence(b, _("A weak reference: the program links even when nothing "
					  "defines it, and its address is then 0 (so code tests "
					  "`if (&%s)` before using it)."), w->name);
		say_sentence(b, _("An object file or shared library in the link that defines it "
				  "supplies it, but ld does not pull an archive (.a) member in for a "
				  "weak reference alone."));
		break;
	case CFW_FUNC_UNUSED_DECL:
		say_sentence(b, _("Declared but never used in this file: gcc emits no symbol for "
				  "it."));
		break;
	case CFW_FUNC_STATIC_UNDEFINED:
		say_sentence(b, _("Declared static and used, but not defined in this file: gcc "
				  "warns, and leaves an undefined symbol (nm U) that no other file "
				  "can satisfy."));
		break;
	case CFW_FUNC_WEAK_UNDEFINED:
		say_sentence(b, _("Declared weak and not defined in this file: each use leaves a "
				  "weak undefined symbol (nm w; WEAK and UND in readelf -s)."));
		break;
	case CFW_FUNC_EXTERN_DECL:
		say_sentence(b, _("Declared here but defined in another file: each call leaves an "
				  "undefined symbol (nm U) for the linker to resolve from another "
				  "object file or a library."));
		break;
	case CFW_FUNC_STATIC_INLINE_UNUSED:
		say_sentence(b, _("A static inline function that nothing in this file uses is not "
				  "emitted: no code and no symbol."));
		break;
	case CFW_FUNC_STATIC_TEXT:
		say_sentence(b, _("Its machine code goes to .text. static gives it internal "
				  "linkage: a local symbol (nm t), invisible to other files."));
		break;
	case CFW_FUNC_STATIC_UNUSED:
		say_sentence(b, _("Nothing in this file uses it: gcc -O0 still emits it (-Wall "
				  "warns that it is unused), and with optimisation it is dropped."));
		break;
	case CFW_FUNC_STATIC_MAY_INLINE:
		say_sentence(b, _("With optimisation gcc may inline it into its callers and then "
				  "emit no symbol for it."));
		break;
	case CFW_FUNC_GNU89_EXTERN_INLINE:
		say_sentence(b, _("With GNU89 inline rules (-fgnu89-inline, -std=gnu89), a "
				  "definition that says extern inline serves only for inlining: gcc "
				  "emits no code and no symbol for it."));
		break;
	case CFW_FUNC_C99_INLINE_DEF:
		say_sentence(b, _("Every declaration of it in this file says inline without "
				  "extern, so by the rules of C99 and later this is an inline "
				  "definition: gcc emits no code and no symbol for it."));
		break;
	case CFW_FUNC_INLINE_CALL_UND:
		say_sentence(b, _("A call that gcc does not inline refers to an external "
				  "definition that another file must provide: an undefined symbol "
				  "(nm U). Without optimisation nothing is inlined, so -O0 leaves the "
				  "U; with -O2 the calls are usually inlined and it goes away."));
		break;
	case CFW_FUNC_INLINE_HOW_EXTERNAL:
		say_sentence(b, _("A declaration in this file with extern, or without inline, "
				  "would make this the external definition."));
		break;
	case CFW_FUNC_WEAK_TEXT:
		say_sentence(b, _("Its machine code goes to .text. It has external linkage and is "
				  "declared weak: a weak symbol (nm W; WEAK in readelf -s) that other "
				  "files can call."));
		break;
	case CFW_FUNC_WEAK_NOT_INLINED:
		say_sentence(b, _("gcc does not inline calls to it, even at -O2: the definition "
				  "the program ends up with may be another one."));
		break;
	case CFW_FUNC_GLOBAL_TEXT:
		say_sentence(b, _("Its machine code goes to .text. It has external linkage: a "
				  "global symbol (nm T) that other files can call."));
		break;
	case CFW_FUNC_INLINE_GNU89_EMITTED:
		say_sentence(b, _("It is declared inline, but with GNU89 inline rules "
				  "(-fgnu89-inline, -std=gnu89) only extern inline keeps a "
				  "definition from being emitted."));
		break;
	case CFW_FUNC_INLINE_EMITTED:
		say_sentence(b, _("It is declared inline, but a declaration in this file with "
				  "extern or without inline makes this the external definition, so "
				  "it is emitted."));
		break;
	case CFW_FUNC_MAIN_STARTUP:
		say_sentence(b, _("At -O2, -O3 and -Os gcc puts main, which runs once, in "
				  ".text.startup, away from the code that runs often."));
		break;
	/* variables */
	case CFW_VAR_WEAK_UNDEFINED:
		say_sentence(b, _("Declared extern and weak, with no definition in this file: "
				  "each use leaves a weak undefined symbol (nm w; WEAK and UND in "
				  "readelf -s)."));
		break;
	case CFW_VAR_EXTERN_UNDEFINED:
		say_sentence(b, _("Declared extern: it is defined in another file, so each use "
				  "here leaves an undefined symbol (nm U) for the linker to "
				  "resolve."));
		break;
	case CFW_VAR_EXTERN_UNUSED:
		say_sentence(b, _("Declared extern and never used: gcc emits no symbol for it."));
		break;
	case CFW_VAR_DEFINED_INIT_AT:
		say_sentence(b, _("This declaration's object is defined with an initialiser at "
				  "line %u."), w->u);
		break;
	case CFW_VAR_DEFINED_AT:
		say_sentence(b, _("This declaration's object is defined at line %u."), w->u);
		break;
	case CFW_VAR_TLS_ZERO:
		say_sentence(b, _("_Thread_local: each thread gets its own copy, made from the "
				  "template in %s, the thread-local zero-filled section."), w->s);
		break;
	case CFW_VAR_TLS_INIT:
		say_sentence(b, _("_Thread_local: each thread gets its own copy, made from the "
				  "template in %s, the thread-local initialised section."), w->s);
		break;
	case CFW_VAR_CONST_ZERO:
		say_sentence(b, _("It is const-qualified, so it goes to .rodata, read-only data, "
				  "even though it is zero: gcc puts only writable objects that start "
				  "as zero in .bss."));
		break;
	case CFW_VAR_TENTATIVE:
		say_sentence(b, _("At file scope with no initialiser this is a tentative "
				  "definition; with no other definition in the file it defines an "
				  "object that starts as zero bytes, in .bss, which takes no room in "
				  "the file."));
		break;
	case CFW_VAR_WEAK_NOT_COMMON:
		say_sentence(b, _("Being weak, it is never a common symbol (nm C), not even with "
				  "-fcommon."));
		break;
	case CFW_VAR_NO_COMMON:
		say_sentence(b, _("That is so because gcc 10 and later default to -fno-common; "
				  "with -fcommon it would be a common symbol instead (nm C), merged "
				  "with same-named ones at link time."));
		break;
	case CFW_VAR_STATIC_LOCAL_BSS:
		say_sentence(b, _("A static local with no initialiser starts as zero bytes: .bss, "
				  "which takes no room in the file."));
		break;
	case CFW_VAR_ZERO_INIT:
		say_sentence(b, _("Its initialiser is all zero bytes, so gcc treats it like an "
				  "uninitialised object and puts it in .bss, which takes no room in "
				  "the file (-fno-zero-initialized-in-bss would put it in .data)."));
		break;
	case CFW_VAR_INIT_UNKNOWN:
		say_sentence(b, _("libclang could not evaluate the initialiser, so this assumes it "
				  "is not all zero."));
		break;
	case CFW_VAR_RELOC_PIC:
		say_sentence(b, _("Its initialiser holds an address. In position-independent code "
				  "(-fPIC) an address is known only when the program is loaded, so "
				  "the dynamic linker writes it then, and the object goes to %1$s "
				  "rather than %2$s."), w->s, w->s2);
		break;
	case CFW_VAR_RELOC_PIE:
		say_sentence(b, _("Its initialiser holds an address. In position-independent code "
				  "(-fPIE, gcc's default on Debian) an address is known only when the "
				  "program is loaded, so the dynamic linker writes it then, and the "
				  "object goes to %1$s rather than %2$s."), w->s, w->s2);
		break;
	case CFW_VAR_RELRO:
		say_sentence(b, _("Once the addresses are written, that memory is made read-only "
				  "again (RELRO)."));
		break;
	case CFW_VAR_RELOC_GLOBAL:
		say_sentence(b, _("The address is of a symbol that may be defined in a shared "
				  "library."));
		break;
	case CFW_VAR_RELOC_LOCAL:
		say_sentence(b, _("\".local\": every address in it is of something defined in "
				  "this program."));
		break;
	case CFW_VAR_CONST_RODATA:
		say_sentence(b, _("A const-qualified object with an initialiser: .rodata, "
				  "read-only data stored in the file."));
		break;
	case CFW_VAR_DATA:
		say_sentence(b, _("Its initial value is not zero, so its bytes are stored in the "
				  "file: .data, writable data."));
		break;
	case CFW_VAR_STATIC_LOCAL_SYM:
		say_sentence(b, _("A static local is a local symbol (nm %1$c) that gcc names "
				  "%2$s.N: the number keeps statics of the same name in different "
				  "functions apart."), w->nm, w->name);
		break;
	case CFW_VAR_LOCAL_SYM:
		say_sentence(b, _("static gives it internal linkage: a local symbol (nm %c), "
				  "invisible to other files."), w->nm);
		break;
	case CFW_VAR_WEAK_SYM:
		say_sentence(b, _("It has external linkage and is declared weak: a weak symbol (nm "
				  "%c; WEAK in readelf -s) that other files can use."), w->nm);
		break;
	case CFW_VAR_GLOBAL_SYM:
		say_sentence(b, _("It has external linkage: a global symbol (nm %c) that other "
				  "files can use."), w->nm);
		break;
	case CFW_VAR_MAY_FOLD:
		say_sentence(b, _("With optimisation gcc may fold its uses into the code and drop "
				  "it."));
		break;
	/* string literals */
	case CFW_STR_RODATA:
		say_sentence(b, _("A string literal is an array the program must not change: gcc "
				  "puts it in .rodata under a local label (.LC0, .LC1...), not a "
				  "symbol of its own."));
		break;
	case CFW_STR_MERGE:
		say_sentence(b, _("From -O1 on (-fmerge-constants) it goes to %1$s instead, a "
				  "section of mergeable strings of %2$d-byte characters in which the "
				  "linker keeps one copy of equal strings."), w->s, (int)w->n);
		break;
	case CFW_STR_ALIGNED:
		say_sentence(b, ngettext("Being %1$zu byte long (31 or more), it is aligned to 8 "
					 "bytes, hence the .8; at -Os it is not, and goes to %2$s.",
					 "Being %1$zu bytes long (31 or more), it is aligned to 8 "
					 "bytes, hence the .8; at -Os it is not, and goes to %2$s.",
					 w->n), w->n, w->s);
		break;
	case CFW_STR_REWRITES:
		say_sentence(b, _("A call that gcc rewrites (printf(\"hi\\n\") into puts(\"hi\")) "
				  "stores the rewritten string, and a string gcc finds unused is "
				  "dropped."));
		break;
	/* rewrites */
	case CFW_RW_NO_BUILTIN:
		say_sentence(b, _("gcc was given -fno-builtin (or -fno-builtin-%1$s, or "
				  "-ffreestanding), so it does not treat %1$s as the C library "
				  "function it knows, and calls it as written."), w->name);
		break;
	case CFW_RW_VALUE_USED:
		say_sentence(b, _("The program uses what %s returns, so gcc keeps the call: a "
				  "simpler function would return something else."), w->name);
		break;
	case CFW_RW_FPUTS_NOT_LITERAL:
		say_sentence(b, _("The string is not a literal, so gcc cannot know its length, "
				  "and fputs stays."));
		break;
	case CFW_RW_FPUTS_EMPTY:
		say_sentence(b, _("Writing an empty string does nothing, so gcc drops the call."));
		break;
	case CFW_RW_FPUTS_ONE_CHAR:
		cfacts_quote(w->s, q, 16);
		say_sentence(b, _("A one-character string is written with fputc instead (the "
				  "character of %s)."), q);
		break;
	case CFW_RW_FPUTS_FWRITE:
		say_sentence(b, ngettext("fputs of a string whose length gcc knows (%1$zu byte) "
					 "becomes fwrite(s, 1, %1$zu, f), which need not search for "
					 "the end of the string; when optimising for size (-Os) gcc "
					 "keeps fputs.",
					 "fputs of a string whose length gcc knows (%1$zu bytes) "
					 "becomes fwrite(s, 1, %1$zu, f), which need not search for "
					 "the end of the string; when optimising for size (-Os) gcc "
					 "keeps fputs.", w->n), w->n);
		break;
	case CFW_RW_PRINTF_NARGS:
		say_sentence(b, ngettext("gcc folds printf only when it has a format and at most "
					 "one more argument; this call has %zu argument, so printf "
					 "stays.",
					 "gcc folds printf only when it has a format and at most "
					 "one more argument; this call has %zu arguments, so printf "
					 "stays.", w->n), w->n);
		break;
	case CFW_RW_PRINTF_FMT_NOT_LITERAL:
		say_sentence(b, _("The format is not a string literal, so gcc cannot look inside "
				  "it, and printf stays."));
		break;
	case CFW_RW_PRINTF_S_NOT_LITERAL:
		say_sentence(b, _("printf(\"%%s\", s) is folded only when s is a string literal; "
				  "here it is not, so printf stays."));
		break;
	case CFW_RW_PRINTF_S:
		cfacts_quote(w->s, q, sizeof q);
		say_sentence(b, _("printf(\"%%s\", %s) prints just that string."), q);
		break;
	case CFW_RW_EXTRA_ARG:
		say_sentence(b, _("The format has no %% conversion, yet the call passes another "
				  "argument, so gcc leaves it alone."));
		break;
	case CFW_RW_PRINTF_EMPTY:
		say_sentence(b, _("printf(\"\") prints nothing, so gcc drops the call."));
		break;
	case CFW_RW_PRINTF_PUTCHAR:
		cfacts_quote(w->s, q, sizeof q);
		say_sentence(b, _("printf(%s) prints a single character, so gcc calls putchar "
				  "with that character instead."), q);
		break;
	case CFW_RW_PRINTF_PUTS: {
		cfacts_quote(w->s, q, sizeof q);
		size_t n = strlen(w->s);
		char *cut = strndup(w->s, n ? n - 1 : 0);
		if (cut) {
			cfacts_quote(cut, q2, sizeof q2);
			free(cut);
		} else {
			q2[0] = '\0';
		}
		say_sentence(b, _("printf(%1$s) prints a string with no %% conversion that ends in "
				  "a newline. puts prints its string and then a newline, so gcc "
				  "calls puts(%2$s) instead: the same string without its newline."),
			     q, q2);
		break;
	}
	case CFW_RW_PRINTF_NO_NEWLINE:
		say_sentence(b, _("The string does not end in a newline, so puts (which adds one) "
				  "cannot replace printf here, and printf stays."));
		break;
	case CFW_RW_PRINTF_S_NL:
		say_sentence(b, _("printf(\"%%s\\n\", s) prints s and a newline, which is what "
				  "puts(s) does, so gcc calls puts instead."));
		break;
	case CFW_RW_PRINTF_C:
		say_sentence(b, _("printf(\"%%c\", c) prints one character, so gcc calls "
				  "putchar(c) instead."));
		break;
	case CFW_RW_PRINTF_OTHER:
		say_sentence(b, _("gcc folds a printf format only when it has no %% conversion, "
				  "or is exactly \"%%s\", \"%%s\\n\" or \"%%c\"; this one is not, so "
				  "printf stays."));
		break;
	case CFW_RW_FPRINTF_NARGS:
		say_sentence(b, ngettext("gcc folds fprintf only when it has a stream, a format "
					 "and at most one more argument; this call has %zu "
					 "argument, so fprintf stays.",
					 "gcc folds fprintf only when it has a stream, a format "
					 "and at most one more argument; this call has %zu "
					 "arguments, so fprintf stays.", w->n), w->n);
		break;
	case CFW_RW_FPRINTF_FMT_NOT_LITERAL:
		say_sentence(b, _("The format is not a string literal, so gcc cannot look inside "
				  "it, and fprintf stays."));
		break;
	case CFW_RW_FPRINTF_FPUTS:
		cfacts_quote(w->s, q, sizeof q);
		say_sentence(b, _("fprintf(f, %1$s) has no %% conversion, so gcc makes it "
				  "fputs(%1$s, f)."), q);
		break;
	case CFW_RW_FPRINTF_S:
		say_sentence(b, _("fprintf(f, \"%%s\", s) writes just s, so gcc makes it "
				  "fputs(s, f)."));
		break;
	case CFW_RW_FPRINTF_S_NOT_LITERAL:
		say_sentence(b, _("s is not a literal, so gcc cannot know its length, and fputs "
				  "stays."));
		break;
	case CFW_RW_FPRINTF_C:
		say_sentence(b, _("fprintf(f, \"%%c\", c) writes one character, so gcc calls "
				  "fputc(c, f) instead."));
		break;
	case CFW_RW_FPRINTF_OTHER:
		say_sentence(b, _("gcc folds an fprintf format only when it has no %% conversion, "
				  "or is exactly \"%%s\" or \"%%c\"; this one is not, so fprintf "
				  "stays."));
		break;
	case CFW_RW_EVERY_LEVEL:
		say_sentence(b, _("gcc does this at every optimisation level, -O0 included, "
				  "because it knows what %1$s does; -fno-builtin turns that off."),
			     w->name);
		break;
	}
}

void cfacts_say_whys(const struct cfacts_whys *ws, char *out, size_t len)
{
	struct say b;
	say_init(&b, out, len);
	for (size_t i = 0; i < ws->n; i++)
		cfacts_say_one(&b, &ws->w[i]);
}
