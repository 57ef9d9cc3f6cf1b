/* check_symbols: the symbol, link map and resolution readers on real builds. Every
 * expectation comes from a tool run independently (nm, readelf, ld's own map, ldd,
 * LD_DEBUG=bindings, <elf.h>) through tests/oracle.c, never from a typed value. */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stages/elfinfo.h"
#include "stages/linkmap.h"
#include "stages/resolve.h"
#include "stages/symbols.h"
#include "tests/oracle.h"

/* A file with a little of everything a symbol table shows. */
static const char test_prog_c[] =
	"#include <stdio.h>\n"
	"#include <string.h>\n"
	"int counter = 7;\n"
	"char text[32] = \"copied\";\n"
	"int zeroed;\n"
	"const int table[4] = { 1, 2, 3, 4 };\n"
	"int other(int v);\n"
	"static int helper(int x)\n"
	"{\n"
	"\treturn x * counter;\n"
	"}\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tchar buf[32];\n"
	"\tmemcpy(buf, text, strlen(text) + (size_t)argc);\n"
	"\tzeroed = helper(3);\n"
	"\tprintf(\"%s %s %d %d\\n\", \"a string literal\", buf, other(zeroed), table[2]);\n"
	"\treturn argv[0] == NULL;\n"
	"}\n";
static const char test_other_c[] = "int other(int v)\n{\n\treturn v + 1;\n}\n";

static char *dir;   /* the scratch directory, quoted for sh */
static int built;   /* the fixture's builds all succeeded */

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

/* The path of a scratch file (caller frees). */
static char *test_path(const char *name)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", oracle_scratch(), name) < 0)
		abort();
	return p;
}

/* Build everything once: the two-file program, hello (dynamic, and static with a map). */
static void build_setup(void)
{
	const char *s = oracle_scratch();
	dir = oracle_quote(s);
	free(oracle_write(s, "prog.c", test_prog_c));
	free(oracle_write(s, "other.c", test_other_c));
	char *hello = NULL;
	if (asprintf(&hello, "%s/samples/hello.c", test_datadir()) < 0)
		abort();
	char *qhello = oracle_quote(hello);
	int st;
	char *out = oracle_sh(&st, "cd %s && cp %s hello.c && gcc -c prog.c other.c hello.c && "
			      "gcc prog.o other.o -o prog && gcc hello.o -o hello && "
			      "gcc -static hello.o -o hello_static -Wl,-Map,hello_static.map 2>&1", dir,
			      qhello);
	built = st == 0;
	if (!built)
		fprintf(stderr, "check_symbols: build failed: %s\n", out);
	free(out);
	free(hello);
	free(qhello);
}

static void build_teardown(void)
{
	free(dir);
}

static const char *const test_objects[] = { "prog.o", "other.o", "hello.o" };

/* The name readelf shows for a symbol: a section symbol by its section's name. */
static const char *test_shown_name(const struct symbols_sym *sym)
{
	return sym->type == STT_SECTION && !sym->name[0] ? sym->section : sym->name;
}

/* readelf -sW, one "name|bind|type|section|value|size" line per symbol, the section index
 * turned into its name with readelf -SW. */
static char *test_readelf_symbols(const char *qpath)
{
	return oracle_sh(NULL,
		"readelf -SW %s | sed -n 's/^ *\\[ *\\([0-9]*\\)\\] /\\1 /p' > %s/secs.txt && "
		"readelf -sW %s | awk 'NR == FNR { sec[$1] = $2; next } "
		"$1 ~ /^[0-9]+:$/ { ndx = $7; if (ndx == \"COM\") ndx = \"COMMON\"; "
		"else if (ndx in sec) ndx = sec[ndx]; "
		"printf \"%%s|%%s|%%s|%%s|%%s|%%s\\n\", $8, $5, $4, ndx, $2, $3 }' %s/secs.txt -",
		qpath, dir, qpath, dir);
}

START_TEST(test_symbols_match_readelf)
{
	ck_assert(built);
	char *path = test_path(test_objects[_i]), *q = oracle_quote(path);
	struct symbols s;
	ck_assert_msg(symbols_read(path, SYMBOLS_STATIC, &s) == 0, "%s", s.error);
	ck_assert(!s.dynamic);
	char *want = test_readelf_symbols(q);
	size_t n = 0;
	char *save;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		ck_assert_uint_lt(n, s.n_syms);
		const struct symbols_sym *sym = &s.syms[n];
		char *f[6] = { 0 };
		char *p = line;
		for (int k = 0; k < 6; k++)
			f[k] = strsep(&p, "|");
		ck_assert_ptr_nonnull(f[5]);
		ck_assert_str_eq(test_shown_name(sym), f[0]);
		ck_assert_str_eq(symbols_bind_name(sym->bind), f[1]);
		ck_assert_str_eq(symbols_type_name(sym->type), f[2]);
		ck_assert_str_eq(sym->section, f[3]);
		ck_assert_uint_eq(sym->value, strtoull(f[4], NULL, 16));
		ck_assert_uint_eq(sym->size, strtoull(f[5], NULL, 0));
	}
	ck_assert_uint_eq(n, s.n_syms);
	ck_assert_uint_gt(n, 1);
	symbols_free(&s);
	free(want);
	free(path);
	free(q);
}
END_TEST

/* nm's letter for a symbol, from what symbols_read() found. */
static char test_nm_letter(const struct symbols_sym *sym)
{
	char c;
	if (sym->shndx == SHN_UNDEF)
		return sym->bind == STB_WEAK ? (sym->type == STT_OBJECT ? 'v' : 'w') : 'U';
	if (sym->bind == STB_WEAK)
		return sym->type == STT_OBJECT ? 'V' : 'W';
	if (sym->shndx == SHN_COMMON)
		return 'C';
	if (sym->shndx == SHN_ABS)
		c = 'A';
	else if (strncmp(sym->section, ".text", 5) == 0)
		c = 'T';
	else if (strncmp(sym->section, ".data", 5) == 0)
		c = 'D';
	else if (strncmp(sym->section, ".bss", 4) == 0)
		c = 'B';
	else if (strncmp(sym->section, ".rodata", 7) == 0)
		c = 'R';
	else
		c = '?';
	return sym->bind == STB_LOCAL ? (char)tolower(c) : c;
}

START_TEST(test_symbols_match_nm)
{
	ck_assert(built);
	char *path = test_path(test_objects[_i]), *q = oracle_quote(path);
	struct symbols s;
	ck_assert_int_eq(symbols_read(path, SYMBOLS_STATIC, &s), 0);
	char *want = oracle_sh(NULL, "nm %s | awk '{ print $(NF-1), $NF }'", q);
	size_t n = 0, named = 0;
	char *save;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		char *name = strchr(line, ' ');
		ck_assert_ptr_nonnull(name);
		long i = symbols_find(&s, name + 1);
		ck_assert_msg(i >= 0, "nm lists %s", name + 1);
		ck_assert_int_eq(test_nm_letter(&s.syms[i]), line[0]);
	}
	/* nm leaves out the null, file and section symbols */
	for (size_t i = 1; i < s.n_syms; i++)
		named += s.syms[i].type != STT_FILE && s.syms[i].type != STT_SECTION;
	ck_assert_uint_eq(n, named);
	const char **undef = symbols_undefined(&s, &n);
	char *nm_u = oracle_sh(NULL, "nm -u %s | awk '{ print $NF }'", q);
	ck_assert_uint_eq(n, oracle_lines(nm_u));
	for (size_t i = 0; i < n; i++) {
		char *line = NULL;
		if (asprintf(&line, "\n%s\n", undef[i]) < 0)
			abort();
		char *nl_u = NULL;
		if (asprintf(&nl_u, "\n%s", nm_u) < 0)
			abort();
		ck_assert_msg(strstr(nl_u, line), "%s is not undefined for nm", undef[i]);
		free(line);
		free(nl_u);
	}
	free(undef);
	symbols_free(&s);
	free(want);
	free(nm_u);
	free(path);
	free(q);
}
END_TEST

START_TEST(test_relocations_match_readelf)
{
	ck_assert(built);
	char *path = test_path(test_objects[_i]), *q = oracle_quote(path);
	struct symbols s;
	ck_assert_int_eq(symbols_read(path, SYMBOLS_STATIC, &s), 0);
	/* "rel section|offset|type|symbol|addend", the addend with its sign */
	char *want = oracle_sh(NULL, "readelf -rW %s | awk '"
		"/^Relocation section/ { sec = $3; gsub(\"\\047\", \"\", sec); next } "
		"$1 ~ /^[0-9a-f]+$/ && NF >= 4 { "
		"if (NF >= 7) printf \"%%s|%%s|%%s|%%s|%%s%%s\\n\", sec, $1, $3, $5, $6, $7; "
		"else printf \"%%s|%%s|%%s||+%%s\\n\", sec, $1, $3, $4 }'", q);
	size_t n = 0;
	char *save;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		ck_assert_uint_lt(n, s.n_relocs);
		const struct symbols_reloc *r = &s.relocs[n];
		char *f[5], *p = line;
		for (int k = 0; k < 5; k++)
			f[k] = strsep(&p, "|");
		ck_assert_ptr_nonnull(f[4]);
		ck_assert_str_eq(r->rel_section, f[0]);
		ck_assert_uint_eq(r->offset, strtoull(f[1], NULL, 16));
		ck_assert_str_eq(symbols_reloc_type_name(s.machine, r->type), f[2]);
		ck_assert_str_eq(r->symbol, f[3]);
		long long addend = (long long)strtoull(f[4] + 1, NULL, 16);
		ck_assert_int_eq(r->addend, f[4][0] == '-' ? -addend : addend);
		ck_assert(r->rela);
		ck_assert_ptr_nonnull(symbols_reloc_explain(s.machine, r->type));
	}
	ck_assert_uint_eq(n, s.n_relocs);
	ck_assert_uint_gt(n, 0);
	/* the section each applies to is the one its header's Inf field names */
	char *targets = oracle_sh(NULL,
		"readelf -SW %s | sed -n 's/^ *\\[ *\\([0-9]*\\)\\] /\\1 /p' | "
		"awk '{ name[$1] = $2 } $3 == \"RELA\" || $3 == \"REL\" { rel[$2] = $(NF-1) } "
		"END { for (r in rel) print r, name[rel[r]] }'", q);
	for (size_t i = 0; i < s.n_relocs; i++) {
		char *key = NULL;
		if (asprintf(&key, "%s %s\n", s.relocs[i].rel_section, s.relocs[i].section) < 0)
			abort();
		ck_assert_msg(strstr(targets, key), "%s applies to %s", s.relocs[i].rel_section,
			      s.relocs[i].section);
		free(key);
	}
	symbols_free(&s);
	free(want);
	free(targets);
	free(path);
	free(q);
}
END_TEST

/* The explanation agrees with readelf's facts: where the symbol is, and its binding. */
START_TEST(test_explanations_follow_the_facts)
{
	ck_assert(built);
	char *path = test_path("prog.o"), *q = oracle_quote(path);
	struct symbols s;
	ck_assert_int_eq(symbols_read(path, SYMBOLS_STATIC, &s), 0);
	char *want = test_readelf_symbols(q);
	char *save;
	size_t n = 0;
	int seen_static = 0, seen_und = 0, seen_data = 0, seen_bss = 0, seen_rodata = 0;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		char *f[4], *p = line;
		for (int k = 0; k < 4; k++)
			f[k] = strsep(&p, "|");
		char why[512];
		symbols_explain(&s.syms[n], why, sizeof why);
		ck_assert(why[0]);
		if (n == 0 || strcmp(f[2], "FILE") == 0)
			continue;
		if (strcmp(f[3], "UND") == 0) {
			ck_assert_ptr_nonnull(strstr(why, "defined elsewhere"));
			seen_und++;
			continue;
		}
		/* it names the section readelf puts it in */
		ck_assert_msg(strstr(why, f[3]), "%s: %s lacks %s", f[0], why, f[3]);
		if (strcmp(f[1], "LOCAL") == 0 && strcmp(f[2], "SECTION") != 0) {
			ck_assert_ptr_nonnull(strstr(why, "static"));
			seen_static++;
		}
		seen_data += strcmp(f[3], ".data") == 0 && strcmp(f[2], "OBJECT") == 0;
		seen_bss += strcmp(f[3], ".bss") == 0 && strcmp(f[2], "OBJECT") == 0;
		seen_rodata += strcmp(f[3], ".rodata") == 0 && strcmp(f[2], "OBJECT") == 0;
	}
	/* the generated file has each kind, as readelf shows */
	ck_assert_int_gt(seen_static, 0);
	ck_assert_int_gt(seen_und, 1);
	ck_assert_int_gt(seen_data, 0);
	ck_assert_int_gt(seen_bss, 0);
	ck_assert_int_gt(seen_rodata, 0);
	symbols_free(&s);
	free(want);
	free(path);
	free(q);
}
END_TEST

/* Every R_X86_64_* constant of <elf.h> has its own name and an explanation. */
START_TEST(test_reloc_names_cover_elf_h)
{
	char *defs = oracle_sh(NULL, "echo '#include <elf.h>' | gcc -E -dM -x c - | "
			       "awk '$2 ~ /^R_X86_64_/ && $2 != \"R_X86_64_NUM\" { print $2, $3 }'");
	size_t n = 0;
	char *save;
	for (char *line = strtok_r(defs, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		char *num = strchr(line, ' ');
		ck_assert_ptr_nonnull(num);
		*num++ = '\0';
		unsigned type = (unsigned)strtoul(num, NULL, 0);
		ck_assert_str_eq(symbols_reloc_type_name(EM_X86_64, type), line);
		ck_assert_ptr_nonnull(symbols_reloc_explain(EM_X86_64, type));
	}
	ck_assert_uint_gt(n, 30);
	/* unknown types and other machines still get a name, and no invented meaning */
	char want[32];
	snprintf(want, sizeof want, "type %u", 255u);
	ck_assert_str_eq(symbols_reloc_type_name(EM_X86_64, 255), want);
	ck_assert_ptr_null(symbols_reloc_explain(EM_X86_64, 255));
	ck_assert_ptr_null(symbols_reloc_explain(EM_AARCH64, R_X86_64_PLT32));
	free(defs);
}
END_TEST

START_TEST(test_dynamic_symbols_and_versions_match_readelf)
{
	ck_assert(built);
	char *path = test_path("hello"), *q = oracle_quote(path);
	struct symbols s;
	ck_assert_int_eq(symbols_read(path, SYMBOLS_DYNAMIC, &s), 0);
	ck_assert(s.dynamic);
	/* readelf --dyn-syms shows the version after the name: printf@GLIBC_2.2.5 (2) */
	char *want = oracle_sh(NULL, "readelf --dyn-syms -W %s | "
			       "awk '$1 ~ /^[0-9]+:$/ { print \"=\" $8 }'",
			       q);
	size_t n = 0;
	char *save;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		ck_assert_uint_lt(n, s.n_syms);
		const struct symbols_sym *sym = &s.syms[n];
		char got[512];
		snprintf(got, sizeof got, "%s%s%s", sym->name,
			 sym->version ? (sym->version_hidden ? "@" : "@@") : "",
			 sym->version ? sym->version : "");
		ck_assert_str_eq(got, line + 1);
	}
	ck_assert_uint_eq(n, s.n_syms);
	ck_assert_uint_gt(n, 1);
	symbols_free(&s);
	free(want);
	free(path);
	free(q);
}
END_TEST

/* Damaged and foreign files are refused with a reason, never a crash. */
START_TEST(test_bad_files_are_refused)
{
	ck_assert(built);
	struct symbols s;
	char *missing = test_path("no-such.o");
	ck_assert_int_eq(symbols_read(missing, SYMBOLS_STATIC, &s), -1);
	ck_assert_ptr_nonnull(strstr(s.error, "No such file"));
	char *src = test_path("prog.c");
	ck_assert_int_eq(symbols_read(src, SYMBOLS_STATIC, &s), -1);
	ck_assert_ptr_nonnull(strstr(s.error, "not an ELF file"));
	struct stat st;
	char *obj = test_path("prog.o");
	ck_assert_int_eq(stat(obj, &st), 0);
	/* every cut of the object, and the object with bytes overwritten */
	char *cut = test_path("cut.o"), *qcut = oracle_quote(cut), *qobj = oracle_quote(obj);
	for (long len = 0; len < st.st_size; len += 61) {
		free(oracle_sh(NULL, "head -c %ld %s > %s", len, qobj, qcut));
		if (symbols_read(cut, SYMBOLS_STATIC, &s) == 0)
			symbols_free(&s);
		else
			ck_assert(s.error[0]);
	}
	for (long at = 0; at < st.st_size; at += 37) {
		free(oracle_sh(NULL, "cp %s %s && printf '\\377\\377\\377\\377\\377\\377\\377\\177' | "
			       "dd of=%s bs=1 seek=%ld conv=notrunc 2>/dev/null", qobj, qcut, qcut, at));
		if (symbols_read(cut, SYMBOLS_STATIC, &s) == 0)
			symbols_free(&s);
	}
	free(missing);
	free(src);
	free(obj);
	free(cut);
	free(qcut);
	free(qobj);
}
END_TEST

/* The archive members ld lists, joined with their references: "member|by (symbol)". */
static char *test_map_members(const char *qmap)
{
	return oracle_sh(NULL, "awk '/^Archive member included to satisfy reference by file/ "
			 "{ on = 1; next } on && /^$/ { if (seen) exit; next } "
			 "on { seen = 1; print }' %s | sed 'N;s/\\n */|/'", qmap);
}

START_TEST(test_linkmap_members_match_the_map)
{
	ck_assert(built);
	char *map = test_path("hello_static.map"), *qmap = oracle_quote(map);
	struct linkmap m;
	ck_assert_msg(linkmap_read(map, &m) == 0, "%s", m.error);
	ck_assert(!m.truncated);
	ck_assert(m.has_memory_map);
	char *want = test_map_members(qmap);
	char *listed_archive = NULL, *listing = NULL;
	size_t n = 0, roots = 0;
	char *save;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		ck_assert_uint_lt(n, m.n_members);
		const struct linkmap_member *e = &m.members[n];
		char got[4096];
		snprintf(got, sizeof got, "%s|%s (%s)", e->file, e->by, e->symbol);
		ck_assert_str_eq(got, line);
		snprintf(got, sizeof got, "%s(%s)", e->archive, e->member);
		ck_assert_str_eq(got, e->file);
		/* every archive exists, and holds the member (ar t lists it) */
		ck_assert_msg(access(e->archive, R_OK) == 0, "%s", e->archive);
		if (!listed_archive || strcmp(listed_archive, e->archive) != 0) {
			free(listed_archive);
			free(listing);
			listed_archive = strdup(e->archive);
			char *qa = oracle_quote(e->archive);
			char *raw = oracle_sh(NULL, "ar t %s", qa);
			if (asprintf(&listing, "\n%s", raw) < 0)
				abort();
			free(raw);
			free(qa);
		}
		snprintf(got, sizeof got, "\n%s\n", e->member);
		ck_assert_msg(strstr(listing, got), "ar t %s lacks %s", e->archive, e->member);
		/* the tree: a member pulled in by a member points at it, and earlier */
		if (e->parent >= 0) {
			ck_assert_int_lt(e->parent, (long)n);
			ck_assert_str_eq(m.members[e->parent].file, e->by);
		} else {
			roots++;
			ck_assert(strchr(e->by, '(') == NULL);
		}
		ck_assert_uint_le(linkmap_member_depth(&m, n), n);
		ck_assert_int_ge(e->input, 0);
	}
	ck_assert_uint_eq(n, m.n_members);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_gt(roots, 0);
	/* hello.o's own undefined symbols are among the roots' reasons (nm -u) */
	char *undef = oracle_sh(NULL, "cd %s && nm -u hello.o | awk '{ print $NF }'", dir);
	for (char *sym = strtok_r(undef, "\n", &save); sym; sym = strtok_r(NULL, "\n", &save)) {
		int found = 0;
		for (size_t i = 0; i < m.n_members; i++)
			found += strcmp(m.members[i].by, "hello.o") == 0 &&
				 strcmp(m.members[i].symbol, sym) == 0 && m.members[i].parent < 0;
		ck_assert_msg(found == 1, "no member pulled in for hello.o's %s", sym);
	}
	linkmap_free(&m);
	free(want);
	free(undef);
	free(listed_archive);
	free(listing);
	free(map);
	free(qmap);
}
END_TEST

/* The sections of a linked file as readelf lists them, in elfinfo's form. */
static void test_elf_sections(const char *qpath, struct elfinfo *e)
{
	memset(e, 0, sizeof *e);
	char *out = oracle_sh(NULL, "readelf -SW %s | sed -n 's/^ *\\[ *\\([0-9]*\\)\\] /\\1 /p' | "
			      "awk '$1 > 0 { print $2, $3, $6, (NF == 11 ? $8 : \"-\") }'", qpath);
	char *save;
	for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[256], type[64], size[64], flags[32];
		if (sscanf(line, "%255s %63s %63s %31s", name, type, size, flags) != 4)
			continue;
		e->sections = realloc(e->sections, (e->n_sections + 1) * sizeof *e->sections);
		e->sections[e->n_sections++] = (struct elfinfo_section){
			.name = strdup(name),
			.size = strtoull(size, NULL, 16),
			.flags = strchr(flags, 'A') ? SHF_ALLOC : 0,
			.type = strcmp(type, "NOBITS") == 0 ? SHT_NOBITS : SHT_PROGBITS,
		};
	}
	free(out);
}

static void test_elf_free(struct elfinfo *e)
{
	for (size_t i = 0; i < e->n_sections; i++)
		free(e->sections[i].name);
	free(e->sections);
}

/* objdump -dr's relocation lines (symbols_dump_relocs): as many as the listing has lines
 * with ": R_", every relocation readelf -rW lists for an executable section tied to one of
 * them, each line naming its record's type and symbol. */
START_TEST(test_dump_relocs_match_objdump)
{
	ck_assert(built);
	char *path = test_path(test_objects[_i]), *q = oracle_quote(path);
	struct symbols s;
	ck_assert_int_eq(symbols_read(path, SYMBOLS_STATIC, &s), 0);
	char *dump = oracle_sh(NULL, "objdump -dr %s", q);
	char *lines = oracle_sh(NULL, "objdump -dr %s | grep -c ': R_'", q);
	char *code = oracle_sh(NULL, "for s in $(readelf -SW %s | awk '$0 ~ /\\] / && "
			       "$0 ~ / AX / { sub(/.*\\] */, \"\"); print $1 }'); do readelf -rW %s | "
			       "awk -v s=\".rela$s\" '/^Relocation section/ { on = $3 == \"\\047\" s "
			       "\"\\047\" } on && $1 ~ /^[0-9a-f]+$/' ; done | wc -l", q, q);
	size_t n = 0, tied = 0;
	struct symbols_dump_reloc *d = symbols_dump_relocs(&s, dump, strlen(dump), &n);
	ck_assert_uint_eq(n, (size_t)atoi(lines));
	for (size_t i = 0; i < n; i++) {
		const char *l = dump;
		for (size_t k = 0; k < d[i].line; k++)
			l = strchr(l, '\n') + 1;
		char *text = strndup(l, strcspn(l, "\n"));
		ck_assert_msg(strstr(text, ": R_"), "line %zu: '%s'", d[i].line, text);
		if (d[i].reloc < 0) {
			free(text);
			continue;
		}
		tied++;
		const struct symbols_reloc *r = &s.relocs[d[i].reloc];
		ck_assert_msg(strstr(text, symbols_reloc_type_name(s.machine, r->type)), "%s", text);
		ck_assert_msg(!*r->symbol || strstr(text, r->symbol), "%s lacks %s", text, r->symbol);
		for (size_t k = 0; k < i; k++)
			ck_assert_int_ne(d[k].reloc, d[i].reloc);
		free(text);
	}
	ck_assert_uint_eq(tied, (size_t)atoi(code));
	free(d);
	free(dump);
	free(lines);
	free(code);
	symbols_free(&s);
	free(q);
	free(path);
}
END_TEST

/* The members tree (linkmap_member_tree): every member once; a member's depth is the length
 * of its chain of parents in the map; each member comes after the one that pulled it in,
 * inside that one's subtree. With parents made to loop, still every member once. */
START_TEST(test_linkmap_tree_is_the_map)
{
	ck_assert(built);
	char *map = test_path("hello_static.map");
	struct linkmap m;
	ck_assert_msg(linkmap_read(map, &m) == 0, "%s", m.error);
	ck_assert_uint_gt(m.n_members, 2);
	for (int loop = 0; loop < 2; loop++) {
		if (loop) {
			/* hand-made: the first root and the last member each the other's parent */
			m.members[0].parent = (long)m.n_members - 1;
			m.members[m.n_members - 1].parent = 0;
		}
		struct linkmap_tree_row *rows = linkmap_member_tree(&m);
		ck_assert(rows != NULL);
		size_t *at = calloc(m.n_members, sizeof *at);
		for (size_t r = 0; r < m.n_members; r++) {
			size_t i = rows[r].member;
			ck_assert_uint_lt(i, m.n_members);
			ck_assert_msg(at[i] == 0, "member %zu listed twice", i);
			at[i] = r + 1;
		}
		unsigned long long total = 0;
		for (size_t r = 0; r < m.n_members; r++) {
			size_t i = rows[r].member;
			long par = m.members[i].parent;
			long long size = linkmap_member_size(&m, i);
			total += size >= 0 ? (unsigned long long)size : 0;
			if (!loop)
				ck_assert_uint_eq(rows[r].depth, linkmap_member_depth(&m, i));
			if (rows[r].depth == 0)
				continue;
			/* the parent row comes before, one shallower, and nothing between the two
			 * is as shallow as the parent */
			size_t pr = at[par] - 1;
			ck_assert_uint_lt(pr, r);
			ck_assert_uint_eq(rows[pr].depth + 1, rows[r].depth);
			for (size_t k = pr + 1; k < r; k++)
				ck_assert_uint_gt(rows[k].depth, rows[pr].depth);
		}
		ck_assert_uint_eq(total, linkmap_members_size(&m));
		free(at);
		free(rows);
	}
	linkmap_free(&m);
	free(map);
}
END_TEST

/* A section's flags as elfinfo_section_flags() writes them readelf's way are the Flg column
 * of readelf -SW, for every section of each object. */
START_TEST(test_section_flags_match_readelf)
{
	ck_assert(built);
	char *obj = test_path("hello.o"), *qobj = oracle_quote(obj);
	struct elfinfo e;
	ck_assert_msg(elfinfo_read(obj, &e) == 0, "%s", e.error);
	char *want = oracle_sh(NULL, "readelf -SW %s | awk '/^ *\\[ *[1-9][0-9]*\\]/ { "
			       "sub(/^ *\\[ *[0-9]+\\] */, \"\"); n = split($0, a, \" \"); "
			       "print a[1] \" \" (n == 10 ? a[7] : \"-\") }'", qobj);
	size_t n = 0;
	char *save;
	for (char *line = strtok_r(want, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[256], flg[32];
		ck_assert_int_eq(sscanf(line, "%255s %31s", name, flg), 2);
		int found = 0;
		for (size_t i = 0; i < e.n_sections; i++) {
			if (strcmp(e.sections[i].name, name) != 0)
				continue;
			char got[ELFINFO_FLAGS_MAX], awx[ELFINFO_FLAGS_MAX];
			elfinfo_section_flags(e.sections[i].flags, ELFINFO_FLAGS_READELF, got);
			ck_assert_str_eq(got[0] ? got : "-", flg);
			/* the short form: readelf's A, W and X, in that order */
			elfinfo_section_flags(e.sections[i].flags, ELFINFO_FLAGS_AWX, awx);
			char exp[4] = "", *p = exp;
			for (const char *l = "AWX"; *l; l++)
				if (strchr(flg, *l))
					*p++ = *l;
			*p = '\0';
			ck_assert_str_eq(awx, exp);
			found = 1;
		}
		ck_assert_msg(found, "readelf lists %s, elfinfo does not", name);
		n++;
	}
	ck_assert_uint_gt(n, 5);
	elfinfo_free(&e);
	free(want);
	free(qobj);
	free(obj);
}
END_TEST

START_TEST(test_linkmap_sizes_are_plausible)
{
	ck_assert(built);
	char *map = test_path("hello_static.map"), *exe = test_path("hello_static");
	char *qexe = oracle_quote(exe);
	struct linkmap m;
	ck_assert_int_eq(linkmap_read(map, &m), 0);
	struct elfinfo e;
	test_elf_sections(qexe, &e);
	ck_assert_uint_gt(e.n_sections, 10);
	struct stat st;
	ck_assert_int_eq(stat(exe, &st), 0);
	for (int pass = 0; pass < 2; pass++) {
		/* first the map's own guess, then with readelf's flags */
		if (pass)
			linkmap_tally(&m, &e);
		unsigned long long total = 0, in_file = 0, members = 0;
		for (size_t i = 0; i < m.n_inputs; i++) {
			ck_assert_uint_le(m.inputs[i].nobits, m.inputs[i].size);
			total += m.inputs[i].size;
			in_file += m.inputs[i].size - m.inputs[i].nobits;
		}
		for (size_t i = 0; i < m.n_members; i++)
			if (m.members[i].input >= 0)
				members += m.inputs[m.members[i].input].size;
		ck_assert_uint_gt(members, 0);
		ck_assert_uint_le(members, total);
		ck_assert_uint_le(in_file, (unsigned long long)st.st_size);
		ck_assert_uint_gt(total, in_file); /* .bss is there */
	}
	/* no output section holds more than readelf says it has, and those readelf
	 * calls allocated are the ones counted */
	for (size_t k = 0; k < e.n_sections; k++) {
		unsigned long long sum = 0;
		size_t pieces = 0;
		for (size_t i = 0; i < m.n_pieces; i++) {
			if (strcmp(m.outputs[m.pieces[i].output].name, e.sections[k].name) == 0) {
				sum += m.pieces[i].size;
				pieces++;
			}
		}
		ck_assert_msg(sum <= e.sections[k].size, "%s: %llu > %llu", e.sections[k].name,
			      sum, e.sections[k].size);
		if (pieces && e.sections[k].size)
			ck_assert_uint_gt(sum, 0);
	}
	/* the user's object: its .text arrives whole, and it brings no more than its
	 * allocated sections hold (ld may shorten .eh_frame) */
	long h = linkmap_find_input(&m, "hello.o");
	ck_assert_int_ge(h, 0);
	char *dir_obj = oracle_sh(NULL, "cd %s && readelf -SW hello.o | "
				  "sed -n 's/^ *\\[ *\\([0-9]*\\)\\] /\\1 /p' | awk '"
				  "$2 == \".text\" { print \"text\", $6 } "
				  "NF == 11 && $8 ~ /A/ { print \"alloc\", $6 }'", dir);
	unsigned long long text = 0, alloc = 0;
	char *save;
	for (char *line = strtok_r(dir_obj, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *hex = strchr(line, ' ');
		ck_assert_ptr_nonnull(hex);
		if (strncmp(line, "text ", 5) == 0)
			text = strtoull(hex + 1, NULL, 16);
		else
			alloc += strtoull(hex + 1, NULL, 16);
	}
	ck_assert_uint_gt(text, 0);
	ck_assert_uint_le(m.inputs[h].size, alloc);
	ck_assert_uint_ge(m.inputs[h].size, text);
	int text_seen = 0;
	for (size_t i = 0; i < m.n_pieces; i++)
		if ((long)m.pieces[i].input == h &&
		    strcmp(m.outputs[m.pieces[i].output].name, ".text") == 0 && m.pieces[i].size) {
			ck_assert_uint_eq(m.pieces[i].size, text);
			text_seen++;
		}
	ck_assert_int_eq(text_seen, 1);
	test_elf_free(&e);
	linkmap_free(&m);
	free(map);
	free(exe);
	free(qexe);
	free(dir_obj);
}
END_TEST

/* ld writes a short member name and its reference on one line. */
START_TEST(test_linkmap_short_member_names)
{
	ck_assert(built);
	int st;
	char *out = oracle_sh(&st, "cd %s && mkdir -p short && cd short && "
			      "printf 'int q_value(void)\\n{\\n\\treturn 4;\\n}\\n' > q.c && "
			      "printf 'int q_value(void);\\nint main(void)\\n"
			      "{\\n\\treturn q_value();\\n}\\n' > m.c && "
			      "gcc -c q.c m.c && ar rcs libq.a q.o && "
			      "gcc m.o libq.a -o m -Wl,-Map,m.map 2>&1", dir);
	ck_assert_msg(st == 0, "%s", out);
	char *map = test_path("short/m.map");
	struct linkmap m;
	ck_assert_int_eq(linkmap_read(map, &m), 0);
	/* the map's line for the member, as grep finds it */
	char *line = oracle_sh(NULL, "cd %s/short && grep -c '^libq.a(q.o) .*m.o (' m.map", dir);
	ck_assert_int_eq(atoi(line), 1);
	long found = -1;
	for (size_t i = 0; i < m.n_members; i++)
		if (strcmp(m.members[i].archive, "libq.a") == 0)
			found = (long)i;
	ck_assert_int_ge(found, 0);
	const struct linkmap_member *e = &m.members[found];
	ck_assert_str_eq(e->member, "q.o");
	ck_assert_str_eq(e->by, "m.o");
	ck_assert_int_eq(e->parent, -1);
	/* the symbol: undefined in m.o (nm -u), defined by the member (nm) */
	char *und = oracle_sh(NULL, "cd %s/short && nm -u m.o | awk '{ print $NF }'", dir);
	char *def = oracle_sh(NULL, "cd %s/short && nm --defined-only libq.a | "
			      "awk 'NF == 3 { print $3 }'",
			      dir);
	und[strcspn(und, "\n")] = '\0';
	def[strcspn(def, "\n")] = '\0';
	ck_assert_str_eq(e->symbol, und);
	ck_assert_str_eq(e->symbol, def);
	ck_assert_int_ge(e->input, 0);
	ck_assert_uint_gt(m.inputs[e->input].size, 0);
	linkmap_free(&m);
	free(out);
	free(map);
	free(line);
	free(und);
	free(def);
}
END_TEST

/* Any text: cuts of a real map, a map with its lines shuffled, noise. Never a crash, and
 * never more members than the text has lines. */
START_TEST(test_linkmap_survives_any_text)
{
	ck_assert(built);
	char *qmap = NULL;
	char *map = test_path("hello_static.map");
	qmap = oracle_quote(map);
	char *text = oracle_sh(NULL, "cat %s", qmap);
	size_t len = strlen(text);
	struct linkmap m;
	for (size_t cut = 0; cut < len; cut += len / 97 + 1) {
		ck_assert_int_eq(linkmap_parse(text, cut, &m), 0);
		ck_assert_uint_le(m.n_members, oracle_lines(text));
		linkmap_free(&m);
	}
	char *shuffled = oracle_sh(NULL, "shuf --random-source=%s %s", qmap, qmap);
	ck_assert_int_eq(linkmap_parse(shuffled, strlen(shuffled), &m), 0);
	linkmap_free(&m);
	/* noise: every byte value, long lines, no newline at the end */
	size_t nlen = 1 << 20;
	char *noise = malloc(nlen);
	unsigned x = 12345;
	for (size_t i = 0; i < nlen; i++) {
		x = x * 1103515245u + 12345u;
		noise[i] = (char)(x >> 16);
	}
	ck_assert_int_eq(linkmap_parse(noise, nlen, &m), 0);
	linkmap_free(&m);
	/* the map's own headers over noise-like lines */
	static const char odd[] =
		"Archive member included to satisfy reference by file (symbol)\n\n"
		"(\n)\n                              \n" "x(y)                          (sym)\n"
		"a.a(b.o)\n      \n\nLinker script and memory map\n\n"
		" .text\n .text\n                0x1 0x2\n.x\n 0x\n .y 0x 0x\n"
		".text 0xffffffffffffffffff 0x10\n .text 0x1 0xffffffffffffffff f.o\n"
		" .text 0x1 0xffffffffffffffff f.o\n/DISCARD/\n .text 0x1 0x1 g.o\n";
	ck_assert_int_eq(linkmap_parse(odd, sizeof odd - 1, &m), 0);
	ck_assert_uint_le(m.n_members, 2);
	linkmap_free(&m);
	ck_assert_int_eq(linkmap_read(map, &m), 0);
	linkmap_free(&m);
	ck_assert_int_eq(linkmap_read("/nonexistent/dir/x.map", &m), -1);
	ck_assert(m.error[0]);
	free(noise);
	free(text);
	free(shuffled);
	free(map);
	free(qmap);
}
END_TEST

/* "symbol path version" for the program's own bindings, as the dynamic linker reports
 * them with every symbol bound at start (LD_BIND_NOW). */
static char *test_bindings(const char *prog)
{
	return oracle_sh(NULL, "cd %s && LD_DEBUG=bindings LD_BIND_NOW=1 ./%s 2>&1 >/dev/null | "
			 "grep 'binding file \\./%s \\[' | "
			 "sed -e \"s/.* to \\([^ ]*\\) \\[[0-9]*\\]: normal symbol "
			 "\\`\\([^']*\\)'\\( \\[\\(.*\\)\\]\\)\\{0,1\\}\\$/\\2 \\1 \\4/\"",
			 dir, prog, prog);
}

/* Resolve the undefined symbols of obj (but those that other, when not NULL, defines)
 * against prog's libraries; compare with the dynamic linker; return how many symbols were
 * checked. */
static size_t test_resolve_against_ld_so(const char *obj, const char *other, const char *prog)
{
	char *path = test_path(obj);
	struct symbols s, o = { 0 };
	ck_assert_int_eq(symbols_read(path, SYMBOLS_STATIC, &s), 0);
	size_t n, kept = 0;
	const char **undef = symbols_undefined(&s, &n);
	if (other) {
		char *opath = test_path(other);
		ck_assert_int_eq(symbols_read(opath, SYMBOLS_STATIC, &o), 0);
		free(opath);
	}
	for (size_t i = 0; i < n; i++) {
		long d = other ? symbols_find(&o, undef[i]) : -1;
		if (d < 0 || o.syms[d].shndx == SHN_UNDEF)
			undef[kept++] = undef[i];
	}
	ck_assert_uint_lt(kept, n + !other); /* other.o takes at least one name away */
	n = kept;
	char *ldd = oracle_sh(NULL, "cd %s && ldd ./%s", dir, prog);
	struct resolve_libs libs;
	ck_assert_int_eq(resolve_parse_ldd(ldd, &libs), 0);
	ck_assert_uint_gt(libs.n, 0);
	struct resolve r;
	ck_assert_int_eq(resolve_symbols(undef, n, libs.libs, libs.n, &r), 0);
	ck_assert_uint_eq(r.n, n);
	char *bound = test_bindings(prog);
	size_t checked = 0;
	for (size_t i = 0; i < n; i++) {
		const struct resolve_binding *b = &r.bindings[i];
		char *key = NULL;
		if (asprintf(&key, "\n%s ", b->symbol) < 0)
			abort();
		char *nl_bound = NULL;
		if (asprintf(&nl_bound, "\n%s", bound) < 0)
			abort();
		char *at = strstr(nl_bound, key);
		ck_assert_msg(at, "ld.so bound no %s", b->symbol);
		char lib[4096], ver[256] = "";
		ck_assert_int_ge(sscanf(at + strlen(key), "%4095s %255[^\n]", lib, ver), 1);
		ck_assert_int_ge(b->lib, 0);
		ck_assert_str_eq(libs.libs[b->lib].path, lib);
		ck_assert_str_eq(b->version ? b->version : "", ver);
		char label[512], want[512];
		snprintf(want, sizeof want, "%s%s%s", b->symbol, ver[0] ? "@@" : "", ver);
		ck_assert_str_eq(resolve_label(b, label, sizeof label), want);
		checked++;
		free(key);
		free(nl_bound);
	}
	for (size_t i = 0; i < libs.n; i++)
		ck_assert_msg(!r.lib_errors[i], "%s: %s", libs.libs[i].name, r.lib_errors[i]);
	resolve_free(&r);
	resolve_libs_free(&libs);
	free(undef);
	symbols_free(&s);
	symbols_free(&o);
	free(ldd);
	free(bound);
	free(path);
	return checked;
}

START_TEST(test_resolve_matches_ld_so_for_hello)
{
	ck_assert(built);
	ck_assert_uint_gt(test_resolve_against_ld_so("hello.o", NULL, "hello"), 0);
}
END_TEST

/* Two objects: what other.o defines is not looked for; memcpy has two versions in libc,
 * and the default one is what ld recorded and ld.so binds. */
START_TEST(test_resolve_matches_ld_so_for_two_objects)
{
	ck_assert(built);
	ck_assert_uint_gt(test_resolve_against_ld_so("prog.o", "other.o", "prog"), 2);
}
END_TEST

START_TEST(test_resolve_finds_zlib)
{
	ck_assert(built);
	if (access("/usr/include/zlib.h", R_OK) != 0) {
		fprintf(stderr, "check_symbols: zlib.h missing (apt-get install zlib1g-dev); "
			"not tested\n");
		return;
	}
	int st;
	char *out = oracle_sh(&st, "cd %s && printf '#include <stdio.h>\\n#include <zlib.h>\\n"
			      "int main(void)\\n{\\n\\tprintf(\"%%%%lu\\\\n\", "
			      "(unsigned long)compressBound(100));\\n\\treturn 0;\\n}\\n' > usez.c && "
			      "gcc -c usez.c && gcc usez.o -o usez -lz 2>&1", dir);
	ck_assert_msg(st == 0, "%s", out);
	ck_assert_uint_eq(test_resolve_against_ld_so("usez.o", NULL, "usez"), 2);
	/* and the library ld.so used for compressBound is the libz ldd lists */
	char *bound = test_bindings("usez");
	char *ldd = oracle_sh(NULL, "cd %s && ldd ./usez | awk '$1 ~ /^libz/ { print $3 }'", dir);
	ldd[strcspn(ldd, "\n")] = '\0';
	ck_assert(ldd[0]);
	char *line = strstr(bound, "compressBound ");
	ck_assert_ptr_nonnull(line);
	ck_assert_int_eq(strncmp(line + strlen("compressBound "), ldd, strlen(ldd)), 0);
	free(out);
	free(bound);
	free(ldd);
}
END_TEST

/* ldd's lines: libraries in order, the loader (PT_INTERP), no vDSO, "not found" kept. */
START_TEST(test_parse_ldd_matches_ldd)
{
	ck_assert(built);
	char *ldd = oracle_sh(NULL, "cd %s && ldd ./hello", dir);
	struct resolve_libs libs;
	ck_assert_int_eq(resolve_parse_ldd(ldd, &libs), 0);
	char *arrows = oracle_sh(NULL, "cd %s && ldd ./hello | awk '$2 == \"=>\" { print $1, $3 }'", dir);
	char *interp = oracle_sh(NULL, "cd %s && readelf -lW hello | "
				 "sed -n 's/.*interpreter: \\(.*\\)\\]/\\1/p'", dir);
	interp[strcspn(interp, "\n")] = '\0';
	size_t n = 0, loaders = 0;
	char *save;
	for (size_t i = 0; i < libs.n; i++) {
		ck_assert(strncmp(libs.libs[i].name, "linux-vdso", 10) != 0);
		if (libs.libs[i].loader) {
			ck_assert_str_eq(libs.libs[i].path, interp);
			loaders++;
		}
	}
	ck_assert_uint_eq(loaders, 1);
	for (char *line = strtok_r(arrows, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		while (n < libs.n && libs.libs[n].loader)
			n++;
		ck_assert_uint_lt(n, libs.n);
		char got[8192];
		snprintf(got, sizeof got, "%s %s", libs.libs[n].name, libs.libs[n].path);
		ck_assert_str_eq(got, line);
	}
	resolve_libs_free(&libs);
	/* a library that is gone: ldd says "not found", the entry has no path */
	int st;
	char *out = oracle_sh(&st, "cd %s && mkdir -p gone && cd gone && "
			      "printf 'int gone(void)\\n{\\n\\treturn 1;\\n}\\n' > g.c && "
			      "printf 'int gone(void);\\nint main(void)\\n"
			      "{\\n\\treturn gone();\\n}\\n' > u.c && "
			      "gcc -shared -fPIC -o libgone.so g.c && gcc u.c -L. -lgone -o u && "
			      "rm libgone.so 2>&1", dir);
	ck_assert_msg(st == 0, "%s", out);
	char *gone_ldd = oracle_sh(NULL, "cd %s/gone && ldd ./u", dir);
	char *gone = oracle_sh(NULL, "cd %s/gone && ldd ./u | awk '/not found/ { print $1 }'", dir);
	gone[strcspn(gone, "\n")] = '\0';
	ck_assert(gone[0]);
	ck_assert_int_eq(resolve_parse_ldd(gone_ldd, &libs), 0);
	int seen = 0;
	for (size_t i = 0; i < libs.n; i++)
		if (strcmp(libs.libs[i].name, gone) == 0) {
			ck_assert_ptr_null(libs.libs[i].path);
			seen++;
		}
	ck_assert_int_eq(seen, 1);
	struct resolve r;
	const char *names[] = { "gone" };
	ck_assert_int_eq(resolve_symbols(names, 1, libs.libs, libs.n, &r), 0);
	ck_assert_int_eq(r.bindings[0].lib, -1);
	resolve_free(&r);
	resolve_libs_free(&libs);
	/* a static program: no libraries; noise: no crash */
	char *stat_ldd = oracle_sh(NULL, "cd %s && ldd ./hello_static 2>&1", dir);
	ck_assert_int_eq(resolve_parse_ldd(stat_ldd, &libs), 0);
	ck_assert_uint_eq(libs.n, 0);
	resolve_libs_free(&libs);
	ck_assert_int_eq(resolve_parse_ldd("\t => \n\t (0x\n\t=>\n =>  (0x1)\n\t/x (0x)\n", &libs), 0);
	resolve_libs_free(&libs);
	free(ldd);
	free(arrows);
	free(interp);
	free(out);
	free(gone_ldd);
	free(gone);
	free(stat_ldd);
}
END_TEST

static Suite *symbols_suite(void)
{
	Suite *s = suite_create("symbols");
	size_t n_objects = sizeof test_objects / sizeof test_objects[0];
	TCase *tc = tcase_create("symbols");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, build_setup, build_teardown);
	tcase_add_loop_test(tc, test_symbols_match_readelf, 0, (int)n_objects);
	tcase_add_loop_test(tc, test_symbols_match_nm, 0, (int)n_objects);
	tcase_add_loop_test(tc, test_relocations_match_readelf, 0, (int)n_objects);
	tcase_add_test(tc, test_explanations_follow_the_facts);
	tcase_add_test(tc, test_reloc_names_cover_elf_h);
	tcase_add_test(tc, test_dynamic_symbols_and_versions_match_readelf);
	tcase_add_test(tc, test_bad_files_are_refused);
	tcase_add_test(tc, test_linkmap_members_match_the_map);
	tcase_add_test(tc, test_linkmap_sizes_are_plausible);
	tcase_add_test(tc, test_linkmap_tree_is_the_map);
	tcase_add_loop_test(tc, test_dump_relocs_match_objdump, 0, (int)n_objects);
	tcase_add_test(tc, test_section_flags_match_readelf);
	tcase_add_test(tc, test_linkmap_short_member_names);
	tcase_add_test(tc, test_linkmap_survives_any_text);
	tcase_add_test(tc, test_resolve_matches_ld_so_for_hello);
	tcase_add_test(tc, test_resolve_matches_ld_so_for_two_objects);
	tcase_add_test(tc, test_resolve_finds_zlib);
	tcase_add_test(tc, test_parse_ldd_matches_ldd);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	oracle_scratch();
	SRunner *sr = srunner_create(symbols_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
