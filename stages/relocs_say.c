/* relocs_say: the sentences of the relocations filled in (relocs.h), each whole and marked for
 * gettext, written twice: in the user's language (text) and in English (text_en). The
 * arithmetic is written in numbers and signs only ("0x1030 - 4 - 0x1149 = 0xfffffee3"). */
#include "config.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/relocs.h"
#include "stages/symbols.h"

/* A new string from fmt, in the user's language unless en. */
static char *relocs_str(int en, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, I18N_TR(en, fmt), ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* A new string from fmt as it is (already chosen in the right language). */
static char *relocs_raw(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* Append sentence s (freed) to *acc with a space. */
static int relocs_cat(char **acc, char *s)
{
	if (!s)
		return -1;
	if (!*acc) {
		*acc = s;
		return 0;
	}
	char *t = NULL;
	int rc = asprintf(&t, "%s %s", *acc, s) < 0 ? -1 : 0;
	free(s);
	if (rc == 0) {
		free(*acc);
		*acc = t;
	}
	return rc;
}

static void relocs_bytes(const unsigned char *b, unsigned n, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (unsigned i = 0; i < n && used + 4 < len; i++)
		used += (size_t)snprintf(out + used, len - used, i ? " %02x" : "%02x", b[i]);
}

/* "puts - 4", "puts + 9", "puts" as readelf writes the symbol and addend. */
static void relocs_sym_addend(const struct relocs_reloc *x, char *out, size_t len)
{
	if (x->addend < 0)
		snprintf(out, len, "%s - %llx", x->symbol, (unsigned long long)-x->addend);
	else if (x->addend > 0)
		snprintf(out, len, "%s + %llx", x->symbol, (unsigned long long)x->addend);
	else
		snprintf(out, len, "%s", x->symbol);
}

static int relocs_width_of(unsigned type)
{
	return type == R_X86_64_64 || type == R_X86_64_PC64 ? 8 : 4;
}

/* The stored value as the field holds it: 0xfffffee3 for a 32-bit field. */
static void relocs_field(long long v, int width, char *out, size_t len)
{
	if (width == 8)
		snprintf(out, len, "0x%llx", (unsigned long long)v);
	else
		snprintf(out, len, "0x%x", (unsigned)(unsigned long long)v);
}

/* "0x1030 - 4 - 0x1149 = 0xfffffee3", or without "- P" for an absolute relocation. */
static void relocs_arith(const struct relocs_reloc *x, const struct relocs_fill *f, char *out,
			 size_t len)
{
	char a[40], v[40];
	if (x->addend < 0)
		snprintf(a, sizeof a, " - %lld", -x->addend);
	else
		snprintf(a, sizeof a, " + %lld", x->addend);
	relocs_field(f->computed, relocs_width_of(x->type), v, sizeof v);
	if (f->relaxed_abs)
		snprintf(out, len, "0x%llx = %s", f->target, v);
	else if (f->via == RELOCS_VIA_ABS)
		snprintf(out, len, "0x%llx%s = %s", f->target, a, v);
	else
		snprintf(out, len, "0x%llx%s - 0x%llx = %s", f->target, a, f->place, v);
}

static const char *relocs_base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path ? path : "";
}

static char *relocs_say_obj(const struct relocs_reloc *x, int en)
{
	char bytes[64], sa[200], off[32];
	relocs_bytes(x->insn, x->insn_len, bytes, sizeof bytes);
	relocs_sym_addend(x, sa, sizeof sa);
	snprintf(off, sizeof off, "0x%llx", x->offset);
	const char *type = symbols_reloc_type_name(EM_X86_64, x->type);
	char *s = NULL;
	int rc = 0;
	if (x->line && x->s_line)
		rc |= relocs_cat(&s, relocs_str(en, N_("From line %1$u of %2$s (line %3$u of the "
						      ".s)."), x->line, relocs_base_name(x->file),
						 x->s_line));
	else if (x->line)
		rc |= relocs_cat(&s, relocs_str(en, N_("From line %1$u of %2$s."), x->line,
						 relocs_base_name(x->file)));
	if (x->insn_start < 0 && x->string)
		/* TRANSLATORS: %1$s is a relocation type, %2$s the section, %3$s the offset,
		   %4$s the symbol and addend as readelf writes them (".rodata.str1.1 + 19"),
		   %5$s the string it points at */
		rc |= relocs_cat(&s, relocs_str(en, N_("The .o leaves an %1$s relocation in %2$s "
						      "at offset %3$s (%4$s): a pointer to the "
						      "string \"%5$s\"."), type, x->section, off,
						 sa, x->string));
	else if (x->insn_start < 0)
		/* TRANSLATORS: %1$s is a relocation type, %2$s the section, %3$s the offset,
		   %4$s the symbol and addend as readelf writes them ("puts - 4") */
		rc |= relocs_cat(&s, relocs_str(en, N_("The .o leaves an %1$s relocation in %2$s "
						      "at offset %3$s (%4$s)."), type, x->section,
						 off, sa));
	else if (x->is_call)
		/* TRANSLATORS: %1$s is the function called, %2$s the instruction's bytes
		   ("e8 00 00 00 00"), %3$s a relocation type, %4$s the offset, %5$s the
		   symbol and addend ("puts - 4") */
		rc |= relocs_cat(&s, relocs_str(en, N_("call %1$s: the .o leaves %2$s and an %3$s "
						      "relocation at offset %4$s (%5$s)."),
						 x->symbol, bytes, type, off, sa));
	else if (x->string)
		/* TRANSLATORS: %1$s is objdump's text of the instruction, %2$s a string of the
		   program, %3$s its bytes, %4$s a relocation type, %5$s the offset, %6$s the
		   symbol and addend */
		rc |= relocs_cat(&s, relocs_str(en, N_("%1$s, for the string \"%2$s\": the .o "
						      "leaves %3$s and an %4$s relocation at offset "
						      "%5$s (%6$s)."), x->insn_text, x->string,
						 bytes, type, off, sa));
	else
		/* TRANSLATORS: %1$s is objdump's text of the instruction, %2$s its bytes, %3$s a
		   relocation type, %4$s the offset, %5$s the symbol and addend */
		rc |= relocs_cat(&s, relocs_str(en, N_("%1$s: the .o leaves %2$s and an %3$s "
						      "relocation at offset %4$s (%5$s)."),
						 x->insn_text, bytes, type, off, sa));
	if (x->insn_start >= 0 && x->g_read && !x->g_same)
		rc |= relocs_cat(&s, relocs_str(en, N_("The -g compile's object holds other bytes "
						      "there, so its line table is not used for "
						      "this one.")));
	if (rc) {
		free(s);
		return NULL;
	}
	return s;
}

static char *relocs_say_fill(const struct relocs_reloc *x, const struct relocs_fill *f, int en)
{
	char bytes[64], ar[200], t[32], p[32], slot[32], sv[32];
	relocs_bytes(f->bytes, f->n_bytes, bytes, sizeof bytes);
	relocs_arith(x, f, ar, sizeof ar);
	snprintf(t, sizeof t, "0x%llx", f->target);
	snprintf(p, sizeof p, "0x%llx", f->insn_addr ? f->insn_addr : f->place);
	snprintf(slot, sizeof slot, "0x%llx", f->slot);
	snprintf(sv, sizeof sv, "0x%llx", f->slot_value);
	const char *tn = f->target_name ? f->target_name : x->symbol;
	char *s = NULL;
	int rc = 0;
	switch (f->via) {
	case RELOCS_VIA_PLT: {
		char sec[32];
		snprintf(sec, sizeof sec, "0x%llx", f->plt_sec);
		if (f->plt_index >= 0) {
			char idx[80];
			if (f->plt_is_sec)
				snprintf(idx, sizeof idx, "%s + %ld \u00d7 %llu", sec, f->plt_index,
					 f->plt_entsize);
			else
				snprintf(idx, sizeof idx, "%s + (%ld + 1) \u00d7 %llu", sec,
					 f->plt_index, f->plt_entsize);
			/* TRANSLATORS: %1$s is the PLT entry's address, %2$s the function, %3$ld its
			   index in .rela.plt, %4$s the sum that gives the address ("0x1020 + (1 + 1)
			   × 16"), %5$s the arithmetic ("0x1030 - 4 - 0x1149 = 0xfffffee3"), %6$s the
			   bytes, %7$s their address */
			rc |= relocs_cat(&s, relocs_str(en, f->plt_is_sec ?
							N_("ld filled in L + A - P with L = %1$s, %2$s's "
							   "PLT entry: its relocation is entry %3$ld of "
							   ".rela.plt, so its entry is %4$s in .plt.sec: "
							   "%5$s: %6$s at %7$s.") :
							N_("ld filled in L + A - P with L = %1$s, %2$s's "
							   "PLT entry: its relocation is entry %3$ld of "
							   ".rela.plt, so its entry is %4$s in .plt, whose "
							   "first entry calls the loader: %5$s: %6$s at "
							   "%7$s."),
							t, x->symbol, f->plt_index, idx, ar, bytes, p));
		}
		else
			rc |= relocs_cat(&s, relocs_str(en, N_("ld filled in L + A - P with L = %1$s, a "
							      "PLT entry for %2$s: %3$s: %4$s at %5$s."),
							t, x->symbol, ar, bytes, p));
		/* TRANSLATORS: %1$s is the PLT entry's address in hex without 0x, as objdump
		   writes it, %2$s the function */
		if (x->insn_start >= 0 && x->insn[0] == 0xe8)
			rc |= relocs_cat(&s, relocs_str(en, N_("objdump -d shows the call as call "
							      "%1$s <%2$s@plt>, a name it makes up: "
							      "the symbol table has no %2$s@plt."),
							t + 2, x->symbol));
		if (f->slot_type == R_X86_64_JUMP_SLOT)
			/* TRANSLATORS: %1$s is the GOT slot's address, %2$s the function, %3$s what
			   the slot holds in the file */
			rc |= relocs_cat(&s, relocs_str(en, N_("The entry jumps through the GOT slot "
							      "%1$s, which the loader fills through an "
							      "R_X86_64_JUMP_SLOT relocation for %2$s; "
							      "until then the slot holds %3$s, back into "
							      "the PLT (lazy binding)."),
							slot, x->symbol, sv));
		else if (f->slot_type == R_X86_64_GLOB_DAT)
			rc |= relocs_cat(&s, relocs_str(en, N_("The entry jumps through the GOT slot "
							      "%1$s, which the loader fills before main "
							      "through an R_X86_64_GLOB_DAT relocation for "
							      "%2$s."), slot, x->symbol));
		break;
	}
	case RELOCS_VIA_IPLT:
		/* TRANSLATORS: %1$s is the IPLT entry's address, %2$s the function (an IFUNC),
		   %3$s the arithmetic, %4$s the bytes, %5$s their address */
		rc |= relocs_cat(&s, relocs_str(en, N_("ld filled in L + A - P with L = %1$s, an IPLT "
						      "entry, since %2$s is an IFUNC: %3$s: %4$s at "
						      "%5$s."), t, x->symbol, ar, bytes, p));
		{
			char res[32];
			snprintf(res, sizeof res, "0x%llx", (unsigned long long)f->slot_addend);
			/* TRANSLATORS: %1$s is the slot's address, %2$s the resolver's address,
			   %3$s its name, %4$s the archive member holding it, %5$s the function */
			rc |= relocs_cat(&s, relocs_str(en, N_("The entry jumps through the slot %1$s, "
							      "which the program itself fills at start, "
							      "before main, through an R_X86_64_IRELATIVE "
							      "relocation: it calls the resolver at %2$s "
							      "(%3$s, from %4$s), which picks the %5$s "
							      "for this CPU."), slot, res,
							f->resolver ? f->resolver : "?",
							f->member ? relocs_base_name(f->member) : "?",
							x->symbol));
		}
		break;
	case RELOCS_VIA_COPY:
		/* TRANSLATORS: %1$s is the address of the copy, %2$s the variable, %3$s the
		   arithmetic, %4$s the bytes, %5$s their address */
		rc |= relocs_cat(&s, relocs_str(en, N_("ld filled in S + A - P with S = %1$s, %2$s's "
						      "copy in the program's .bss: %3$s: %4$s at %5$s. "
						      "The loader copies %2$s from the library into "
						      "that slot through an R_X86_64_COPY relocation at "
						      "%1$s, and the library uses the copy too."),
						 t, x->symbol, ar, bytes, p));
		break;
	case RELOCS_VIA_RELAXED:
		if (f->relaxed_abs) {
			char v[40];
			relocs_field(f->computed, 4, v, sizeof v);
			/* TRANSLATORS: %1$s is the target's address, %2$s its name, %3$s the value
			   stored, %4$s the program's bytes, %5$s their address */
			rc |= relocs_cat(&s, relocs_str(en, N_("ld relaxed this GOT load, since %2$s "
							      "is in a program that is not "
							      "position-independent: the mov from the "
							      "GOT (8b) became a mov of the address "
							      "itself (c7), so the field holds S = %1$s "
							      "with no - P: %3$s: %4$s at %5$s."),
							t, tn, v, bytes, p));
			break;
		}
		/* TRANSLATORS: %1$s is the target's address, %2$s its name, %3$s the arithmetic,
		   %4$s the program's bytes, %5$s their address */
		rc |= relocs_cat(&s, relocs_str(en, N_("ld relaxed this GOT load, since %2$s is in "
						      "the program: it rewrote the instruction (a mov "
						      "8b became a lea 8d, or an indirect call a "
						      "direct one) to reach S = %1$s itself: %3$s: %4$s "
						      "at %5$s."), t, tn, ar, bytes, p));
		break;
	case RELOCS_VIA_GOT:
		/* TRANSLATORS: %1$s is the GOT slot's address, %2$s the symbol, %3$s the
		   arithmetic, %4$s the bytes, %5$s their address */
		rc |= relocs_cat(&s, relocs_str(en, f->slot_type == R_X86_64_GLOB_DAT ?
						 N_("ld filled in GOT + A - P with the GOT slot %1$s "
						    "of %2$s, which the loader fills through an "
						    "R_X86_64_GLOB_DAT relocation: %3$s: %4$s at "
						    "%5$s.") :
						 N_("ld filled in GOT + A - P with the GOT slot %1$s "
						    "of %2$s, whose address ld wrote there itself: "
						    "%3$s: %4$s at %5$s."),
						 t, x->symbol, ar, bytes, p));
		break;
	case RELOCS_VIA_TPOFF: {
		char end[32], v[40], a[40];
		snprintf(end, sizeof end, "0x%llx", f->tls_end);
		relocs_field(f->computed, 4, v, sizeof v);
		if (x->addend < 0)
			snprintf(a, sizeof a, " - %lld", -x->addend);
		else
			snprintf(a, sizeof a, " + %lld", x->addend);
		char sum[160];
		snprintf(sum, sizeof sum, "%s%s - %s = %s", t, a, end, v);
		/* TRANSLATORS: %1$s is the variable, %2$s its offset in the thread-local block,
		   %3$s the block's size rounded up to its alignment, %4$s the arithmetic
		   ("0x0 + 0 - 0x8 = 0xfffffff8"), %5$s the bytes, %6$s their address */
		rc |= relocs_cat(&s, relocs_str(en, N_("%1$s is thread-local: each thread has its "
						      "own copy in a block that ends at the thread "
						      "pointer (%%fs:0), so ld filled in its offset "
						      "%2$s in the program's PT_TLS block minus the "
						      "block's size %3$s: %4$s: %5$s at %6$s."),
						 x->symbol, t, end, sum, bytes, p));
		break;
	}
	case RELOCS_VIA_ABS:
		/* TRANSLATORS: %1$s is the address, %2$s its name, %3$s the arithmetic, %4$s the
		   place's address */
		rc |= relocs_cat(&s, relocs_str(en, N_("ld filled in S + A with S = %1$s (%2$s): "
						      "%3$s, at %4$s."), t, tn, ar, p));
		if (f->merged && x->string) {
			char pt[32];
			snprintf(pt, sizeof pt, "0x%llx", f->pointed);
			rc |= relocs_cat(&s, relocs_str(en, N_("The string \"%1$s\" is at %2$s: ld "
							      "chose that address while merging the "
							      "strings of every input's %3$s, and the "
							      "arithmetic uses the merged address."),
							x->string, pt, x->sym_in));
		}
		if (f->slot_type == R_X86_64_RELATIVE)
			rc |= relocs_cat(&s, relocs_str(en, N_("The program is position-independent: "
							      "the loader, or the program itself, adds "
							      "the load address there through an "
							      "R_X86_64_RELATIVE relocation.")));
		break;
	default:
		if (x->is_call)
			/* TRANSLATORS: %1$s is the function's address, %2$s its name, %3$s the
			   arithmetic, %4$s the bytes, %5$s their address */
			rc |= relocs_cat(&s, relocs_str(en, N_("ld filled in S + A - P with S = %1$s, "
							      "%2$s itself, so the call goes straight "
							      "there: %3$s: %4$s at %5$s."),
							t, tn, ar, bytes, p));
		else
			rc |= relocs_cat(&s, relocs_str(en, N_("ld filled in S + A - P with S = %1$s "
							      "(%2$s): %3$s: %4$s at %5$s."),
							t, tn, ar, bytes, p));
		if (f->merged && x->string) {
			char pt[32];
			snprintf(pt, sizeof pt, "0x%llx", f->pointed);
			/* TRANSLATORS: %1$s is a string, %2$s its address, %3$s the merged
			   section */
			rc |= relocs_cat(&s, relocs_str(en, N_("The string \"%1$s\" is at %2$s: ld "
							      "chose that address while merging the "
							      "strings of every input's %3$s, and the "
							      "arithmetic uses the merged address."),
							x->string, pt, x->sym_in));
		}
		if (f->member && f->map_input && strcmp(f->member, f->map_input) != 0)
			/* TRANSLATORS: %1$s is a symbol, %2$s the archive member or object file
			   the link map says holds it */
			rc |= relocs_cat(&s, relocs_str(en, N_("%1$s was copied into the program "
							      "from %2$s, as the link map says."),
							tn, relocs_base_name(f->member)));
		else if (f->member && f->map_input)
			rc |= relocs_cat(&s, relocs_str(en, N_("%1$s is the program's own, from "
							      "%2$s."), tn, relocs_base_name(f->member)));
		break;
	}
	if (!f->checked) {
		char st[40];
		relocs_field(f->stored, relocs_width_of(x->type), st, sizeof st);
		/* TRANSLATORS: %s is the value the program holds */
		rc |= relocs_cat(&s, relocs_str(en, N_("The program holds %s there, not that: the "
						      "target was not found the way it was "
						      "computed."), st));
	}
	if (rc) {
		free(s);
		return NULL;
	}
	return s;
}

static char *relocs_say_other(const struct relocs_other *o, int en)
{
	if (strcmp(o->section, ".eh_frame") == 0)
		/* TRANSLATORS: %1$zu is a count, %2$s a section */
		return relocs_raw(en ? (o->n == 1 ? "%1$zu relocation in %2$s: the unwind "
						      "table's link to the code it describes, filled "
						      "in by ld like the others." :
						"%1$zu relocations in %2$s: the unwind table's links "
						"to the code they describe, filled in by ld like the "
						"others.") :
				  ngettext("%1$zu relocation in %2$s: the unwind table's link to "
					   "the code it describes, filled in by ld like the "
					   "others.",
					   "%1$zu relocations in %2$s: the unwind table's links to "
					   "the code they describe, filled in by ld like the others.",
					   o->n), o->n, o->section);
	return relocs_raw(en ? (o->n == 1 ? "%1$zu relocation in %2$s, outside the code." :
				    "%1$zu relocations in %2$s, outside the code.") :
			  ngettext("%1$zu relocation in %2$s, outside the code.",
				   "%1$zu relocations in %2$s, outside the code.", o->n),
			  o->n, o->section);
}

int relocs_say(struct relocs *r)
{
	for (size_t i = 0; i < r->n_relocs; i++) {
		struct relocs_reloc *x = &r->relocs[i];
		if (!(x->text = relocs_say_obj(x, 0)) || !(x->text_en = relocs_say_obj(x, 1)))
			return -1;
		for (size_t k = 0; k < r->n_progs; k++) {
			struct relocs_fill *f = &x->fill[k];
			if (r->prog_error[k])
				continue;
			if (!f->found) {
				const char *type = symbols_reloc_type_name(EM_X86_64, x->type);
				for (int en = 0; en < 2; en++) {
					/* TRANSLATORS: %1$s is a section of the .o, %2$s a relocation
					   type */
					char *t = f->landed ?
						  relocs_str(en, N_("The %2$s relocation in %1$s is not "
								    "followed into the program here: its "
								    "arithmetic is not S + A - P, L + A "
								    "- P or S + A (thread-local storage "
								    "and the like)."), x->section, type) :
						  relocs_str(en, N_("The .o's %1$s, where this %2$s "
								    "relocation lies, was not found in "
								    "this program: no symbol of it is in "
								    "the program's symbol table, and the "
								    "link map names none (ld may have "
								    "dropped it)."), x->section, type);
					if (!t)
						return -1;
					if (en)
						f->text_en = t;
					else
						f->text = t;
				}
				continue;
			}
			if (!(f->text = relocs_say_fill(x, f, 0)) ||
			    !(f->text_en = relocs_say_fill(x, f, 1)))
				return -1;
		}
	}
	for (size_t k = 0; k < r->n_progs; k++) {
		if (!r->prog_list[k])
			continue;
		for (int en = 0; en < 2; en++) {
			char *t;
			size_t n = r->prog_relocs[k];
			if (n == 0)
				t = relocs_str(en, N_("The program holds no relocations of its own: ld "
						      "filled in every one, and nothing is left for a "
						      "loader or for its start."));
			else
				/* TRANSLATORS: %1$zu is a count, %2$s the counts by type
				   ("3 × R_X86_64_JUMP_SLOT, 9 × R_X86_64_RELATIVE"), %3$zu how many of
				   them serve the .o's relocations */
				t = relocs_raw(en ? (n == 1 ? "The program holds %1$zu relocation of "
							      "its own, for the loader or its start "
							      "(%2$s): %3$zu for the .o's relocations "
							      "above, the others for the start files "
							      "and the C library." :
							"The program holds %1$zu relocations of its "
							"own, for the loader or its start (%2$s): %3$zu "
							"for the .o's relocations above, the others for "
							"the start files and the C library.") :
					       ngettext("The program holds %1$zu relocation of its own, "
							"for the loader or its start (%2$s): %3$zu for "
							"the .o's relocations above, the others for the "
							"start files and the C library.",
							"The program holds %1$zu relocations of its own, "
							"for the loader or its start (%2$s): %3$zu for "
							"the .o's relocations above, the others for the "
							"start files and the C library.", n),
					       n, r->prog_list[k], r->prog_relocs_ours[k]);
			if (!t)
				return -1;
			if (en)
				r->prog_summary_en[k] = t;
			else
				r->prog_summary[k] = t;
		}
	}
	for (size_t i = 0; i < r->n_others; i++)
		if (!(r->others[i].text = relocs_say_other(&r->others[i], 0)) ||
		    !(r->others[i].text_en = relocs_say_other(&r->others[i], 1)))
			return -1;
	return 0;
}
