/* elfinfo: the facts of one ELF file that the link view shows, read with libelf (gelf).
 *
 * Contract: elfinfo_read() opens path read-only and fills *e: the ELF type, whether it is
 * position-independent, the program interpreter (PT_INTERP), the DT_NEEDED entries, and each
 * section's name and size. On failure it returns -1 and e->error says why in a sentence; it
 * never aborts on malformed input. The caller owns *e and frees it with elfinfo_free().
 */
#ifndef CSTAGES_ELFINFO_H
#define CSTAGES_ELFINFO_H

#include <stddef.h>

struct elfinfo_section {
	char *name;
	unsigned long long size;
	unsigned long long flags; /* SHF_* */
	unsigned type;            /* SHT_* */
};

struct elfinfo {
	unsigned type;    /* ET_REL, ET_EXEC, ET_DYN, ... */
	int pie;          /* ET_DYN with DF_1_PIE, or ET_DYN with an interpreter */
	int has_dynamic;  /* a PT_DYNAMIC segment */
	char *interp;     /* NULL when there is no PT_INTERP */
	char **needed;    /* n_needed DT_NEEDED names */
	size_t n_needed;
	struct elfinfo_section *sections;
	size_t n_sections;
	char error[160];    /* in the user's language */
	char error_en[160]; /* the same in English, for the JSON */
};

/* Read path; 0 on success, -1 with e->error set. */
int elfinfo_read(const char *path, struct elfinfo *e);

/* "EXEC", "DYN", "REL", "CORE" or "NONE". */
const char *elfinfo_type_name(unsigned type);

/* A learner's label: "static executable (EXEC)", "static PIE (DYN)", "PIE executable (DYN)",
 * "executable (EXEC, dynamic)", "shared object (DYN)", "relocatable object (REL)", in the
 * user's language. */
const char *elfinfo_kind_label(const struct elfinfo *e);

/* The same label in English, whatever the locale: for the JSON. */
const char *elfinfo_kind_label_en(const struct elfinfo *e);

/* How elfinfo_section_flags() writes a section's flags. */
enum elfinfo_flags_style {
	ELFINFO_FLAGS_READELF, /* every flag, as readelf -S writes them: W A X M S I L O G T C R D
				  l E in bit order, then o, p and x for other OS-specific,
				  processor-specific and unknown bits */
	ELFINFO_FLAGS_AWX,     /* the three a learner reads first, in this order: A allocated at
				  run time, W writable, X executable */
};

/* The bytes elfinfo_section_flags() may write, its NUL included. */
#define ELFINFO_FLAGS_MAX 24

/* A section's flags (SHF_*) as letters in the given style, into buf (ELFINFO_FLAGS_MAX
 * bytes); "" when it has none of them. Returns buf. */
const char *elfinfo_section_flags(unsigned long long flags, enum elfinfo_flags_style style,
				  char *buf);

void elfinfo_free(struct elfinfo *e);

#endif
