/* asmmap_explain: the sentences of the .s reader: what each directive, section and .cfi_
 * line means (asmmap_explain), and what each kind of clone gcc makes is (asmmap_clone_explain).
 * Part of the sentence layer (stages/say.h): tables marked with N_(), put through _() where
 * they are read; each explanation a whole sentence or two.
 *
 * Contract: see asmmap.h. A line is looked at only up to its newline or comment; a directive
 * nobody explains gives NULL.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "stages/asmmap_int.h"
#include "stages/i18n.h"

const char *asmmap_clone_explain(unsigned clone_bit)
{
	switch (clone_bit) {
	case ASMMAP_CLONE_CONSTPROP:
		return _("A copy of the function specialised for a constant value that some or all "
		       "of its callers pass as an argument (interprocedural constant "
		       "propagation).");
	case ASMMAP_CLONE_ISRA:
		return _("A copy of the function with its parameters changed: unused ones removed, "
		       "or the needed parts of a structure passed instead of the structure or a "
		       "pointer to it (interprocedural scalar replacement of aggregates).");
	case ASMMAP_CLONE_PART:
		return _("The part of a function that gcc split off, so that the short, commonly "
		       "run start of it can be inlined into its callers (partial inlining).");
	case ASMMAP_CLONE_COLD:
		return _("The rarely run part of a function, which gcc moved into .text.unlikely, "
		       "away from the code that runs often.");
	case ASMMAP_CLONE_LTO_PRIV:
		return _("A file-local function renamed by link-time optimisation, so that it "
		       "cannot clash with a same-named one from another file.");
	default:
		return NULL;
	}
}

/* ---- explanations ---- */

struct asmmap_text {
	const char *key;
	const char *text;
};

/* What each section holds, by name; a key ending in '*' matches the names it begins. */
static const struct asmmap_text asmmap_section_texts[] = {
	{ ".text.startup*", N_("Switches to .text.startup: functions called only once, at start-up, "
	  "such as main and constructors; when optimising, gcc puts them here so that the linker "
	  "can keep them apart from the code that runs often.") },
	{ ".text.unlikely*", N_("Switches to .text.unlikely: code gcc expects to run rarely (cold "
	  "paths and functions marked cold), which the linker keeps apart from the code that "
	  "runs often.") },
	{ ".text.hot*", N_("Switches to .text.hot: code gcc expects to run often (functions marked "
	  "hot), which the linker keeps together.") },
	{ ".text.exit*", N_("Switches to .text.exit: code that runs only when the program exits, "
	  "such as destructors.") },
	{ ".text*", N_("Switches to the .text section: machine code.") },
	{ ".rodata.str*", N_("Switches to a mergeable string section: read-only string literals, "
	  "which the linker stores once when several files hold the same string.") },
	{ ".rodata.cst*", N_("Switches to a mergeable constant section: read-only constants of one "
	  "fixed size (such as floating-point numbers), which the linker stores once when "
	  "several files hold the same value.") },
	{ ".rodata*", N_("Switches to the .rodata section: read-only data, such as const "
	  "variables, string literals and jump tables.") },
	{ ".data.rel.ro*", N_("Switches to .data.rel.ro: constant data that holds addresses, which "
	  "the dynamic linker fills in when the program loads; the section can then be made "
	  "read-only (RELRO).") },
	{ ".data.rel*", N_("Switches to .data.rel: writable data that holds addresses, which the "
	  "dynamic linker fills in when the program loads.") },
	{ ".data*", N_("Switches to the .data section: writable variables with an initial value, "
	  "stored in the file.") },
	{ ".bss*", N_("Switches to the .bss section: writable variables that start as zero; they "
	  "take no room in the file, only in memory.") },
	{ ".tdata*", N_("Switches to .tdata: thread-local variables with an initial value; each "
	  "thread gets its own copy.") },
	{ ".tbss*", N_("Switches to .tbss: thread-local variables that start as zero; each thread "
	  "gets its own copy.") },
	{ ".init_array*", N_("Switches to .init_array: addresses of functions that run before main "
	  "(constructors).") },
	{ ".fini_array*", N_("Switches to .fini_array: addresses of functions that run when the "
	  "program exits (destructors).") },
	{ ".note.GNU-stack", N_("An empty section whose flags tell the linker whether this code "
	  "needs an executable stack; without the \"x\" flag it does not, so the program's stack "
	  "is not executable.") },
	{ ".note.gnu.property", N_("Switches to .note.gnu.property: a note that records properties "
	  "of the code for the linker and the loader, such as its support for Intel CET.") },
	{ ".note*", N_("Switches to a note section: information about the file for the linker, "
	  "the loader or other tools, not part of the program's code or data.") },
	{ ".comment", N_("Switches to .comment: version strings of the tools that built the file, "
	  "not loaded into memory.") },
	{ ".gcc_except_table*", N_("Switches to .gcc_except_table: the tables that tell exception "
	  "handling which cleanups to run in this code.") },
	{ ".eh_frame*", N_("Switches to .eh_frame: the call frame information used to unwind the "
	  "stack.") },
	{ ".debug_info", N_("Switches to .debug_info: DWARF debugging information describing the "
	  "program's functions, variables, types and scopes, for the debugger.") },
	{ ".debug_abbrev", N_("Switches to .debug_abbrev: the DWARF abbreviation table that gives "
	  "the layout of the entries in .debug_info.") },
	{ ".debug_line", N_("Switches to .debug_line: the DWARF line table, which maps machine code "
	  "addresses to source lines; the assembler builds it from the .file and .loc "
	  "directives.") },
	{ ".debug_line_str", N_("Switches to .debug_line_str: the directory and file names the "
	  "DWARF 5 line table refers to.") },
	{ ".debug_str", N_("Switches to .debug_str: strings, such as names, that the DWARF "
	  "debugging information refers to.") },
	{ ".debug_aranges", N_("Switches to .debug_aranges: the address ranges of the code this "
	  "file contributes, so a debugger can find its debugging information by address.") },
	{ ".debug_rnglists", N_("Switches to .debug_rnglists: lists of address ranges for functions "
	  "and scopes whose code is not in one piece (DWARF 5).") },
	{ ".debug_loclists", N_("Switches to .debug_loclists: where each variable lives (which "
	  "register or stack slot) over ranges of addresses, for the debugger (DWARF 5).") },
	{ ".debug_macro", N_("Switches to .debug_macro: the macro definitions, for the debugger.") },
	{ ".debug*", N_("Switches to a DWARF debugging section: information for the debugger, not "
	  "loaded when the program runs.") },
};

/* The explanation of .cfi_NAME, by NAME. */
static const struct asmmap_text asmmap_cfi_texts[] = {
	{ ".cfi_startproc", N_("Starts the call frame information of a function, from which the "
	  "assembler makes its entry in .eh_frame, used to unwind the stack.") },
	{ ".cfi_endproc", N_("Ends the function's call frame information and emits its entry in "
	  ".eh_frame.") },
	{ ".cfi_def_cfa_offset", N_("Call frame information: from here the canonical frame "
	  "address (the stack pointer's value just before the call) is this many bytes above "
	  "the register it is computed from.") },
	{ ".cfi_adjust_cfa_offset", N_("Call frame information: from here the canonical frame "
	  "address is this many bytes further from the register it is computed from.") },
	{ ".cfi_def_cfa_register", N_("Call frame information: from here the canonical frame "
	  "address is computed from this register (DWARF numbers: 6 is %rbp, 7 is %rsp), with "
	  "the same offset.") },
	{ ".cfi_def_cfa", N_("Call frame information: from here the canonical frame address is "
	  "this register (DWARF numbers: 6 is %rbp, 7 is %rsp) plus this offset.") },
	{ ".cfi_offset", N_("Call frame information: the caller's value of this register (DWARF "
	  "numbers: 3 is %rbx, 6 is %rbp) is saved at this offset from the canonical frame "
	  "address.") },
	{ ".cfi_rel_offset", N_("Call frame information: the caller's value of this register is "
	  "saved at this offset from the register the frame address is computed from.") },
	{ ".cfi_restore", N_("Call frame information: from here this register has the value it "
	  "had when the function was entered.") },
	{ ".cfi_remember_state", N_("Call frame information: saves the current unwinding rules, "
	  "to be restored after code (such as an early return) that changes them.") },
	{ ".cfi_restore_state", N_("Call frame information: restores the unwinding rules saved by "
	  "the last .cfi_remember_state.") },
	{ ".cfi_escape", N_("Call frame information given as raw DWARF bytes, for a rule the "
	  "assembler has no directive for.") },
	{ ".cfi_personality", N_("Names the personality routine that exception handling calls "
	  "for this function.") },
	{ ".cfi_lsda", N_("Names this function's language-specific data area: the tables that "
	  "exception handling reads.") },
	{ ".cfi_sections", N_("Chooses the sections the call frame information goes into "
	  "(.eh_frame, .debug_frame).") },
	{ ".cfi_signal_frame", N_("Call frame information: marks this function as a signal "
	  "handler's frame.") },
};

/* Everything else, by name. */
static const struct asmmap_text asmmap_dir_texts[] = {
	{ ".2byte", N_("Emits each value as 2 bytes.") },
	{ ".4byte", N_("Emits each value as 4 bytes.") },
	{ ".8byte", N_("Emits each value as 8 bytes.") },
	{ ".align", N_("Pads to the next address that is a multiple of this many bytes (on x86-64 "
	  "ELF the argument counts bytes); in code, unless a fill value is given, the padding "
	  "is no-op instructions.") },
	{ ".ascii", N_("Emits the bytes of the string, with no NUL byte added.") },
	{ ".asciz", N_("Emits the bytes of the string followed by a NUL (zero) byte: a C string.") },
	{ ".balign", N_("Pads to the next address that is a multiple of this many bytes; in code, "
	  "unless a fill value is given, the padding is no-op instructions.") },
	{ ".bss", N_("Switches to the .bss section: writable variables that start as zero; they "
	  "take no room in the file, only in memory.") },
	{ ".byte", N_("Emits each value as 1 byte.") },
	{ ".comm", N_("Declares a common symbol of this size: the linker merges the same-named "
	  "common symbols of all object files and gives it zeroed memory when no file defines "
	  "it (after .local, it is zeroed memory in .bss for this file alone).") },
	{ ".data", N_("Switches to the .data section: writable variables with an initial value, "
	  "stored in the file.") },
	{ ".double", N_("Emits each number as an 8-byte IEEE floating-point double.") },
	{ ".equ", N_("Sets the symbol to the value of the expression.") },
	{ ".file", N_("Names the source file this assembly came from; it becomes a FILE symbol in "
	  "the symbol table.") },
	{ ".float", N_("Emits each number as a 4-byte IEEE floating-point single.") },
	{ ".global", N_("Makes the symbol visible to the linker from other object files (a global "
	  "symbol).") },
	{ ".globl", N_("Makes the symbol visible to the linker from other object files (a global "
	  "symbol).") },
	{ ".hidden", N_("Gives the symbol hidden visibility: other object files in the same link "
	  "can use it, but the executable or shared library made from them does not export it.") },
	{ ".hword", N_("Emits each value as 2 bytes.") },
	{ ".ident", N_("Records an identification string, here the compiler's name and version, "
	  "in the object file's .comment section.") },
	{ ".int", N_("Emits each value as 4 bytes (on x86-64).") },
	{ ".internal", N_("Gives the symbol internal visibility: like hidden, it is not exported "
	  "from the executable or shared library.") },
	{ ".lcomm", N_("Reserves this many bytes of zeroed memory in .bss for a symbol local to "
	  "this file.") },
	{ ".loc", N_("Gives the source file (by its .file number), line and column of the "
	  "instructions that follow, for the debugger's line table (.debug_line).") },
	{ ".local", N_("Makes the symbol local: it is not visible outside this object file.") },
	{ ".long", N_("Emits each value as 4 bytes (on x86-64).") },
	{ ".octa", N_("Emits each value as 16 bytes.") },
	{ ".p2align", N_("Pads to the next address that is a multiple of 2 to the power of the "
	  "first argument (.p2align 4: 16 bytes); when a third argument is given and more bytes "
	  "than that would be needed, it does not pad at all; in code the padding is no-op "
	  "instructions.") },
	{ ".popsection", N_("Goes back to the section that was current before the matching "
	  ".pushsection.") },
	{ ".previous", N_("Goes back to the section that was current before the last section "
	  "change.") },
	{ ".protected", N_("Gives the symbol protected visibility: a shared library exports it, "
	  "but its own references to it always use its own definition.") },
	{ ".pushsection", N_("Switches to the named section, keeping the current one on a stack for "
	  ".popsection to return to.") },
	{ ".quad", N_("Emits each value as 8 bytes.") },
	{ ".section", N_("Switches to the named section; the quoted flags say what it is (a: "
	  "occupies memory, w: writable, x: executable, M: mergeable, S: strings, T: "
	  "thread-local) and @progbits or @nobits whether the file holds its contents.") },
	{ ".set", N_("Sets the symbol to the value of the expression; gcc writes .set NAME, TARGET "
	  "to make NAME another name (an alias) for TARGET.") },
	{ ".short", N_("Emits each value as 2 bytes.") },
	{ ".single", N_("Emits each number as a 4-byte IEEE floating-point single.") },
	{ ".size", N_("Records the symbol's size in bytes in the symbol table; \".-NAME\" is the "
	  "distance from the symbol's label to here.") },
	{ ".skip", N_("Emits this many bytes, zero unless a fill value is given.") },
	{ ".sleb128", N_("Emits each value as a signed LEB128 number: a compact, variable-length "
	  "encoding used by DWARF debugging information.") },
	{ ".space", N_("Emits this many bytes, zero unless a fill value is given.") },
	{ ".string", N_("Emits the bytes of the string followed by a NUL (zero) byte: a C string.") },
	{ ".symver", N_("Gives the symbol a version name for the linker's symbol versioning.") },
	{ ".text", N_("Switches to the .text section: machine code.") },
	{ ".type", N_("Sets the symbol's type in the symbol table: a function or a data object.") },
	{ ".uleb128", N_("Emits each value as an unsigned LEB128 number: a compact, "
	  "variable-length encoding used by DWARF debugging information.") },
	{ ".value", N_("Emits each value as 2 bytes.") },
	{ ".weak", N_("Makes the symbol weak: a strong (ordinary global) definition in another "
	  "file takes precedence over it, and if no file defines it, references to it get the "
	  "value 0 instead of an undefined-symbol error.") },
	{ ".word", N_("Emits each value as 2 bytes (on x86-64).") },
	{ ".zero", N_("Emits this many zero bytes.") },
};

static const char *asmmap_text_find(const struct asmmap_text *t, size_t n, const char *s,
				    size_t len)
{
	for (size_t i = 0; i < n; i++) {
		size_t kl = strlen(t[i].key);
		if (t[i].key[kl - 1] == '*') {
			if (len >= kl - 1 && memcmp(s, t[i].key, kl - 1) == 0)
				return _(t[i].text);
		} else if (asmmap_word_is(s, len, t[i].key)) {
			return _(t[i].text);
		}
	}
	return NULL;
}

static const char *asmmap_section_explain(const char *s, size_t n)
{
	return asmmap_text_find(asmmap_section_texts, sizeof asmmap_section_texts /
				sizeof asmmap_section_texts[0], s, n);
}

const char *asmmap_explain(const char *s)
{
	if (!s)
		return NULL;
	const char *e = s;
	while (*e && *e != '\n' && *e != '#')
		e++;
	const char *p = asmmap_skip(s, e);
	if (p >= e || *p != '.')
		return NULL;
	const char *q = p + 1;
	while (q < e && asmmap_namechar(*q))
		q++;
	size_t n = (size_t)(q - p);
	const char *a = asmmap_skip(q, e);
	if (n > 5 && memcmp(p, ".cfi_", 5) == 0) {
		const char *t = asmmap_text_find(asmmap_cfi_texts, sizeof asmmap_cfi_texts /
						 sizeof asmmap_cfi_texts[0], p, n);
		return t ? t : _("Call frame information: how to find the caller's frame and "
				 "saved registers at this point, so debuggers and exception "
				 "handling can unwind the stack.");
	}
	if (asmmap_word_is(p, n, ".section") || asmmap_word_is(p, n, ".pushsection")) {
		const char *ns;
		size_t nn;
		if (a < e && *a == '"') {
			asmmap_name(a, e, &ns, &nn);
		} else {
			ns = a;
			const char *r = a;
			while (r < e && *r != ',' && !asmmap_space(*r))
				r++;
			nn = (size_t)(r - a);
		}
		const char *t = nn ? asmmap_section_explain(ns, nn) : NULL;
		if (t)
			return t;
	}
	if (asmmap_word_is(p, n, ".type")) {
		const char *ns;
		size_t nn;
		const char *r = asmmap_skip(asmmap_name(a, e, &ns, &nn), e);
		if (r < e && *r == ',')
			r = asmmap_skip(r + 1, e);
		switch (nn && r < e ? asmmap_stype(r, e) : STYPE_NONE) {
		case STYPE_FUNC:
			return _("Marks the symbol as a function in the symbol table (STT_FUNC).");
		case STYPE_IFUNC:
			return _("Marks the symbol as an indirect function (STT_GNU_IFUNC): its code "
			       "is a resolver that the dynamic linker calls to choose the "
			       "implementation to use.");
		case STYPE_OBJECT:
			return _("Marks the symbol as a data object, a variable, in the symbol table "
			       "(STT_OBJECT).");
		case STYPE_TLS:
			return _("Marks the symbol as a thread-local variable in the symbol table "
			       "(STT_TLS): each thread has its own copy.");
		default:
			break;
		}
	}
	if (asmmap_word_is(p, n, ".file") && a < e && asmmap_digit(*a))
		return _("Numbers a source file for the line table, so that .loc can name it; in "
		       "DWARF 5 it may give the directory and an MD5 checksum too, and file 0 "
		       "is the main source file.");
	return asmmap_text_find(asmmap_dir_texts, sizeof asmmap_dir_texts /
				sizeof asmmap_dir_texts[0], p, n);
}
