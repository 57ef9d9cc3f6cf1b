/* check_relocs: the relocations filled in (stages/relocs.h), on real walks: samples/hello.c at
 * gcc's default level and at -O2 (main in .text.startup), and at -O1 a program that calls strlen (an IFUNC in the static links),
 * prints to stdout (a COPY relocation in the dynamic program), keeps a pointer to a string
 * in data (S + A, R_X86_64_RELATIVE where the program is position-independent), takes puts's
 * address (a GOT
 * load that ld relaxes where it can) and prints strings (merged in .rodata.str1.1). Every
 * expectation comes from the toolchain: readelf -rW of the .o (count, types, offsets,
 * symbols, addends), objdump -d of each program (the bytes at the address the module
 * computed, and the target objdump prints), readelf -rW of each program (the JUMP_SLOT at
 * the GOT slot named, the IRELATIVE of strlen, the COPY of stdout), nm (S), addr2line on the
 * -g object (the source line), and the arithmetic redone here from those numbers.
 */
#include "config.h"

#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stages/proc.h"
#include "stages/relocs.h"
#include "stages/symbols.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static const char test_o1_c[] =
	"#include <stdio.h>\n"
	"#include <string.h>\n"
	"const char *greeting = \"hi\";\n"
	"__thread int depth;\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tsize_t n = strlen(argv[0]);\n"
	"\tfprintf(stdout, \"%zu %d\\n\", n, argc);\n"
	"\tprintf(\"%p\\n\", (void *)&puts);\n"
	"\tputs(\"hello, world\");\n"
	"\tputs(greeting);\n"
	"\tdepth = argc;\n"
	"\treturn 0;\n"
	"}\n";

struct test_case {
	const char *name;
	const char *text;  /* the source, or NULL for a sample */
	const char *level; /* NULL: gcc's default */
	const char *link;  /* an argument for every link, or NULL */
};

static const struct test_case test_cases[] = {
	{ "hello", NULL, NULL, NULL },
	{ "o1", test_o1_c, "-O1", NULL },
	{ "hello", NULL, "-O2", NULL }, /* main in .text.startup, the rest in .text */
	/* PLT entries in .plt.sec (IBT's layout, Ubuntu's default), counted from its start */
	{ "hello", NULL, NULL, "-Wl,-z,ibtplt" },
};
#define TEST_N (sizeof test_cases / sizeof test_cases[0])

static struct walk *test_w[TEST_N];
static struct relocs test_r[TEST_N], test_m[TEST_N];
static int test_ready[TEST_N];

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

/* Walk case i once, and read its relocations. */
static void test_prepare(size_t i)
{
	if (test_ready[i])
		return;
	char *dir = NULL, *src = NULL;
	if (asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	if (test_cases[i].text) {
		char *name = NULL;
		if (asprintf(&name, "%s.c", test_cases[i].name) < 0)
			abort();
		src = oracle_write(oracle_scratch(), name, test_cases[i].text);
		free(name);
	} else if (asprintf(&src, "%s/samples/%s.c", test_datadir(), test_cases[i].name) < 0) {
		abort();
	}
	char *link[] = { (char *)test_cases[i].link };
	struct walk_opts o = { .opt_level = test_cases[i].level, .no_clang = 1,
			       .link_args = test_cases[i].link ? link : NULL,
			       .n_link_args = test_cases[i].link ? 1 : 0 };
	char err[256];
	struct walk *w = walk_new(src, &o, dir, err, sizeof err);
	ck_assert_msg(w != NULL, "walk_new: %s", err);
	walk_run(w);
	ck_assert(walk_is_done(w));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_msg(relocs_walk(w, &test_r[i], &test_m[i]) == 0, "relocs_walk: %s",
		      test_r[i].error);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (getenv("CHECK_RELOCS_PRINT"))
		printf("relocs_walk %s %s: %.1f ms\n", test_cases[i].name,
		       test_cases[i].level ? test_cases[i].level : "-O0",
		       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	test_w[i] = w;
	test_ready[i] = 1;
	free(dir);
	free(src);
}

static char *test_q(const char *dir, const char *name)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	char *q = oracle_quote(p);
	free(p);
	return q;
}

/* readelf -rW: "OFFSET INFO TYPE VALUE NAME + ADDEND" under "Relocation section 'X'". */
struct test_rel {
	char sec[64];
	unsigned long long off;
	char type[40];
	char sym[128];
	long long addend;
	int has_sym;
};

static size_t test_readelf_r(const char *qpath, struct test_rel *v, size_t cap)
{
	char *out = oracle_sh(NULL, "readelf -rW %s", qpath);
	size_t n = 0;
	char sec[64] = "";
	for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n")) {
		char name[64];
		if (sscanf(l, "Relocation section '.rela%63[^']'", name) == 1) {
			snprintf(sec, sizeof sec, "%s", name);
			continue;
		}
		struct test_rel r = { 0 };
		char info[40], val[40], sym[128], sign[4];
		unsigned long long add;
		int k = sscanf(l, "%llx %39s %39s %39s %127s %3s %llx", &r.off, info, r.type, val,
			       sym, sign, &add);
		if (k < 3 || strncmp(r.type, "R_", 2) != 0)
			continue;
		if (k == 4) { /* R_X86_64_RELATIVE: no symbol, the addend alone */
			r.addend = (long long)strtoull(val, NULL, 16);
		} else if (k == 7) {
			snprintf(r.sym, sizeof r.sym, "%s", sym);
			r.has_sym = 1;
			r.addend = sign[0] == '-' ? -(long long)add : (long long)add;
		}
		snprintf(r.sec, sizeof r.sec, "%s", sec);
		if (n < cap)
			v[n] = r;
		n++;
	}
	free(out);
	return n;
}

/* The .o's relocations: each one the module has is readelf's, and the counts agree. */
START_TEST(test_object_matches_readelf)
{
	test_prepare((size_t)_i);
	const struct relocs *r = &test_r[_i];
	const struct walk *w = test_w[_i];
	char *name = NULL;
	if (asprintf(&name, "%s.o", w->base) < 0)
		abort();
	char *q = test_q(w->dir, name);
	struct test_rel rel[512];
	size_t n = test_readelf_r(q, rel, 512);
	size_t total = r->n_relocs;
	for (size_t i = 0; i < r->n_others; i++)
		total += r->others[i].n;
	ck_assert_uint_eq(total, n);
	ck_assert_uint_gt(r->n_relocs, 0);
	for (size_t i = 0; i < r->n_relocs; i++) {
		const struct relocs_reloc *x = &r->relocs[i];
		int seen = 0;
		for (size_t k = 0; k < n && k < 512 && !seen; k++)
			if (strcmp(rel[k].sec, x->section) == 0 && rel[k].off == x->offset) {
				seen = 1;
				ck_assert_str_eq(rel[k].type,
						 symbols_reloc_type_name(EM_X86_64, x->type));
				ck_assert_str_eq(rel[k].sym, x->symbol);
				ck_assert_int_eq(rel[k].addend, x->addend);
			}
		ck_assert_msg(seen, "%s+0x%llx not in readelf -r", x->section, x->offset);
		ck_assert_ptr_nonnull(x->text);
		ck_assert_ptr_nonnull(x->text_en);
		/* a call leaves e8 and four zero bytes, as objdump -d of the .o shows */
		if (x->is_call) {
			ck_assert_int_eq(x->insn[0], 0xe8);
			ck_assert_uint_eq(x->insn_len, 5);
			for (int b = 1; b < 5; b++)
				ck_assert_int_eq(x->insn[b], 0);
		}
	}
	/* calls come first */
	for (size_t i = 1; i < r->n_relocs; i++)
		ck_assert(!(r->relocs[i].is_call && !r->relocs[i - 1].is_call));
	free(q);
	free(name);
}
END_TEST

/* Each instruction's line is addr2line's on the -g object, which holds the same bytes. */
START_TEST(test_lines_match_addr2line)
{
	test_prepare((size_t)_i);
	const struct relocs *r = &test_r[_i];
	const struct walk *w = test_w[_i];
	char *name = NULL;
	if (asprintf(&name, "%s.g.o", w->base) < 0)
		abort();
	char *q = test_q(w->dir, name);
	size_t lined = 0;
	for (size_t i = 0; i < r->n_relocs; i++) {
		const struct relocs_reloc *x = &r->relocs[i];
		if (x->insn_start < 0)
			continue;
		ck_assert_msg(x->g_same, "the -g object differs at %s+0x%llx", x->section,
			      (unsigned long long)x->insn_start);
		char *out = oracle_sh(NULL, "addr2line -e %s -j %s 0x%llx", q, x->section,
				      (unsigned long long)x->insn_start);
		char *colon = strrchr(out, ':');
		ck_assert_ptr_nonnull(colon);
		unsigned line = (unsigned)strtoul(colon + 1, NULL, 10);
		if (line) {
			ck_assert_uint_eq(x->line, line);
			*colon = '\0';
			ck_assert_str_eq(x->file, out);
			lined++;
		}
		free(out);
	}
	ck_assert_uint_gt(lined, 0);
	/* the .s line named is the instruction gcc wrote for it: it names the symbol (a section
	   symbol is a .LCn label in the .s), and the -g .s line's .loc is the same line */
	size_t named = 0;
	for (size_t i = 0; i < r->n_relocs && walk_asm_pair_ready(w); i++) {
		const struct relocs_reloc *x = &r->relocs[i];
		if (!x->code)
			continue;
		ck_assert_msg(x->s_line || !walk_dwvars_ready(w), "%s+0x%llx: no .s line",
			      x->section, x->offset);
		if (!x->s_line)
			continue;
		ck_assert_uint_le(x->s_line, w->asms.n_lines);
		ck_assert_uint_le(x->gs_line, w->asmm.n_lines);
		const struct asmmap_line *l = &w->asms.lines[x->s_line];
		char *text = strndup(w->asms.text + l->off, l->len);
		if (!x->sym_section)
			ck_assert_msg(strstr(text, x->symbol) != NULL, ".s line %u \"%s\" for %s",
				      x->s_line, text, x->symbol);
		ck_assert_uint_eq(w->asmm.lines[x->gs_line].src_line, x->line);
		free(text);
		named++;
	}
	if (walk_asm_pair_ready(w) && walk_dwvars_ready(w))
		ck_assert_uint_gt(named, 0);
	free(q);
	free(name);
}
END_TEST

static void test_hex_bytes(const unsigned char *b, unsigned n, char *out, size_t len);
static char test_line[512]; /* the instruction's text of the last test_objdump_line() */

/* objdump -d's line at addr: its bytes and, for a call, the target it prints. */
static int test_objdump_line(const char *dump, unsigned long long addr, char *bytes, size_t blen,
			     unsigned long long *target, int *has_target)
{
	char key[40];
	snprintf(key, sizeof key, "\n%8llx:\t", addr);
	const char *p = strstr(dump, key);
	if (!p)
		return 0;
	p += strlen(key);
	const char *tab = strchr(p, '\t');
	const char *nl = strchr(p, '\n');
	if (!tab || !nl || tab > nl)
		return 0;
	size_t n = (size_t)(tab - p);
	while (n && p[n - 1] == ' ')
		n--;
	snprintf(bytes, blen, "%.*s", (int)n, p);
	/* objdump -d writes the bytes of a long instruction on continuation lines: an address,
	   a tab and bytes alone */
	for (const char *c = nl + 1; *c == ' ';) {
		const char *cn = strchr(c, '\n');
		const char *ct = strchr(c, '\t');
		const char *t2 = ct ? strchr(ct + 1, '\t') : NULL;
		if (!cn || !ct || ct > cn || (t2 && t2 < cn))
			break;
		size_t m = (size_t)(cn - ct - 1);
		while (m && ct[m] == ' ')
			m--;
		size_t used = strlen(bytes);
		snprintf(bytes + used, blen - used, " %.*s", (int)m, ct + 1);
		c = cn + 1;
	}
	*has_target = 0;
	const char *t = tab + 1;
	snprintf(test_line, sizeof test_line, "%.*s", (int)(nl - t), t);
	if (strncmp(t, "call", 4) == 0 || strncmp(t, "jmp", 3) == 0) {
		t += strcspn(t, " ");
		*target = strtoull(t, NULL, 16);
		*has_target = 1;
	} else {
		const char *hash = strstr(t, "# ");
		if (hash && hash < nl) {
			*target = strtoull(hash + 2, NULL, 16);
			*has_target = 2;
		}
	}
	return 1;
}

static void test_hex_bytes(const unsigned char *b, unsigned n, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (unsigned i = 0; i < n && used + 4 < len; i++)
		used += (size_t)snprintf(out + used, len - used, i ? " %02x" : "%02x", b[i]);
}

/* nm's value of name in the program (the first defined one, version stripped). */
static int test_nm(const char *qprog, const char *name, unsigned long long *v)
{
	char *out = oracle_sh(NULL, "nm %s | awk '$2 != \"U\" && ($3 == \"%s\" || "
			      "index($3, \"%s@\") == 1) { print $1; exit }'", qprog, name, name);
	int ok = out[0] != '\0';
	*v = strtoull(out, NULL, 16);
	free(out);
	return ok;
}

/* Each relocation in each program: the bytes and the target as objdump and readelf show
 * them, and S + A - P (or L + A - P) redone from the oracles' numbers. */
static void test_programs(const struct relocs *r, const struct walk *w, int musl,
			  int *saw_plt, int *saw_iplt, int *saw_copy, int *saw_relaxed,
			  int *saw_merged, int *saw_data, int *saw_tls)
{
	for (size_t k = 0; k < r->n_progs; k++) {
		const char *label = r->labels[k];
		const char *suffix = strcmp(label, "dynamic") == 0 ? "" :
				     strcmp(label, "static") == 0 ? "-static" :
				     strcmp(label, "static-pie") == 0 ? "-static-pie" : "-musl";
		char *name = NULL;
		if (asprintf(&name, "%s%s", w->base, suffix) < 0)
			abort();
		char *q = test_q(w->dir, name);
		char *dump = oracle_sh(NULL, "objdump -d %s", q);
		struct test_rel *rel = calloc(4096, sizeof *rel);
		size_t nrel = test_readelf_r(q, rel, 4096);
		ck_assert_ptr_null(r->prog_error[k]);
		for (size_t i = 0; i < r->n_relocs; i++) {
			const struct relocs_reloc *x = &r->relocs[i];
			const struct relocs_fill *f = &x->fill[k];
			if (!x->code) {
				/* a pointer in data: S + A, which a position-independent program's
				   R_X86_64_RELATIVE holds as its addend */
				ck_assert_msg(f->found && f->checked, "%s: %s", name, f->text_en);
				int relative = 0;
				for (size_t j = 0; j < nrel && j < 4096; j++)
					relative |= rel[j].off == f->place &&
						    strcmp(rel[j].type, "R_X86_64_RELATIVE") == 0 &&
						    rel[j].addend == f->computed;
				ck_assert_int_eq(relative, f->slot_type == R_X86_64_RELATIVE);
				if (f->merged && x->string)
					ck_assert(f->same_bytes);
				*saw_data = 1;
				continue;
			}
			if (x->insn_start < 0)
				continue;
			ck_assert_msg(f->landed, "%s: %s+0x%llx not found", name, x->section, x->offset);
			ck_assert_msg(f->found, "%s: %s", name, f->text_en);
			if (f->via == RELOCS_VIA_TPOFF) {
				/* readelf -lW's PT_TLS and nm's offset of the variable in it; objdump
				   prints the field as %fs:0xfffffffffffffffc */
				char *tls = oracle_sh(NULL, "readelf -lW %s | awk '$1 == \"TLS\" "
						      "{ print $6, $NF }'", q);
				unsigned long long memsz = 0, align = 1, sv = 0;
				ck_assert_int_eq(sscanf(tls, "%llx %llx", &memsz, &align), 2);
				free(tls);
				ck_assert(test_nm(q, x->symbol, &sv));
				unsigned long long end = (memsz + align - 1) / align * align;
				ck_assert_uint_eq(f->tls_end, end);
				ck_assert_int_eq((long long)(int32_t)(sv + (unsigned long long)x->addend - end),
						 f->stored);
				char want[64], b[128];
				unsigned long long tg;
				int ht;
				snprintf(want, sizeof want, "%%fs:0x%llx",
					 (unsigned long long)(long long)f->stored);
				ck_assert(test_objdump_line(dump, f->insn_addr, b, sizeof b, &tg, &ht));
				ck_assert_msg(strstr(test_line, want) != NULL, "%s: %s", want, test_line);
				char mb[128];
				test_hex_bytes(f->bytes, f->n_bytes, mb, sizeof mb);
				ck_assert_str_eq(mb, b);
				*saw_tls = 1;
				continue;
			}
			ck_assert_msg(f->checked, "%s: %s", name, f->text_en);
			ck_assert_ptr_nonnull(f->text);
			char bytes[128], mine[128];
			unsigned long long target = 0;
			int has_target = 0;
			ck_assert_msg(test_objdump_line(dump, f->insn_addr, bytes, sizeof bytes,
							&target, &has_target),
				      "%s: objdump shows no instruction at 0x%llx", name, f->insn_addr);
			test_hex_bytes(f->bytes, f->n_bytes, mine, sizeof mine);
			ck_assert_str_eq(mine, bytes);
			/* the displacement in objdump's bytes, and the arithmetic from its numbers */
			unsigned fo = (unsigned)(x->offset - (unsigned long long)x->insn_start);
			long long disp = (int32_t)((unsigned)f->bytes[fo] | (unsigned)f->bytes[fo + 1] << 8 |
						   (unsigned)f->bytes[fo + 2] << 16 |
						   (unsigned)f->bytes[fo + 3] << 24);
			/* objdump's target (a call's, or the address in its comment) is where the
			   instruction reaches: its end plus the displacement, and S (or L, or the
			   GOT slot) + A - P + the instruction's end */
			if (has_target) {
				unsigned long long end = f->insn_addr + x->insn_len;
				ck_assert_uint_eq(end + (unsigned long long)disp, target);
				ck_assert_uint_eq(f->target + (unsigned long long)x->addend +
						  (end - f->place), target);
			}
			if (f->relaxed_abs)
				ck_assert_int_eq((long long)(int32_t)f->target, disp);
			else
				ck_assert_int_eq((long long)(int32_t)(f->target +
								      (unsigned long long)x->addend -
								      f->place), disp);
			if (f->via == RELOCS_VIA_DIRECT && !x->sym_section && x->sym_in[0] &&
			    !f->merged && strcmp(x->symbol, ".LC0") != 0 && x->symbol[0] != '.') {
				unsigned long long s;
				ck_assert_msg(test_nm(q, x->symbol, &s), "%s: nm has no %s", name,
					      x->symbol);
				ck_assert_uint_eq(s, f->target);
			}
			if (f->via == RELOCS_VIA_PLT) {
				*saw_plt = 1;
				/* a JUMP_SLOT for a lazy PLT entry; a GLOB_DAT for .plt.got's, when
				   the function's address is taken too */
				const char *want = symbols_reloc_type_name(EM_X86_64, f->slot_type);
				int seen = 0;
				for (size_t j = 0; j < nrel && j < 4096; j++)
					seen |= rel[j].off == f->slot && strcmp(rel[j].type, want) == 0 &&
						strncmp(rel[j].sym, x->symbol, strlen(x->symbol)) == 0;
				ck_assert_msg(seen, "%s: no %s at 0x%llx", name, want, f->slot);
				ck_assert(f->slot_type == R_X86_64_JUMP_SLOT ||
					  f->slot_type == R_X86_64_GLOB_DAT);
				if (f->slot_type == R_X86_64_JUMP_SLOT)
					ck_assert_int_ge(f->plt_index, 0);
				/* objdump's made-up name, which the sentence explains */
				char plt[200];
				snprintf(plt, sizeof plt, "<%s@plt>", x->symbol);
				if (x->is_call && x->insn[0] == 0xe8) {
					ck_assert_msg(strstr(test_line, plt), "%s", test_line);
					ck_assert(strstr(f->text_en, plt) != NULL);
				}
			}
			if (f->via == RELOCS_VIA_IPLT) {
				*saw_iplt = 1;
				int seen = 0;
				for (size_t j = 0; j < nrel && j < 4096; j++)
					seen |= rel[j].off == f->slot &&
						strcmp(rel[j].type, "R_X86_64_IRELATIVE") == 0 &&
						rel[j].addend == f->slot_addend;
				ck_assert_msg(seen, "%s: no IRELATIVE at 0x%llx", name, f->slot);
				/* the resolver is the IFUNC symbol itself, as readelf -s says */
				char *out = oracle_sh(NULL, "readelf -sW %s | awk '$4 == \"IFUNC\" && "
						      "$8 == \"%s\" { print $2 }'", q, x->symbol);
				ck_assert_uint_eq(strtoull(out, NULL, 16),
						  (unsigned long long)f->slot_addend);
				free(out);
			}
			if (f->via == RELOCS_VIA_COPY) {
				*saw_copy = 1;
				int seen = 0;
				for (size_t j = 0; j < nrel && j < 4096; j++)
					seen |= rel[j].off == f->slot &&
						strcmp(rel[j].type, "R_X86_64_COPY") == 0 &&
						strncmp(rel[j].sym, x->symbol, strlen(x->symbol)) == 0;
				ck_assert_msg(seen, "%s: no COPY at 0x%llx", name, f->slot);
				unsigned long long sv;
				ck_assert(test_nm(q, x->symbol, &sv));
				ck_assert_uint_eq(sv, f->slot);
			}
			if (f->via == RELOCS_VIA_RELAXED) {
				*saw_relaxed = 1;
				/* the mov (8b) of the .o became a lea (8d) in the program, or in one
				   that is not position-independent a mov of an immediate (c7) */
				ck_assert_int_eq(x->insn[fo - 2], 0x8b);
				ck_assert(f->bytes[fo - 2] == (f->relaxed_abs ? 0xc7 : 0x8d));
			}
			if (f->merged && x->string) {
				*saw_merged = 1;
				ck_assert(f->same_bytes);
			}
		}
		(void)musl;
		/* the program's own relocations: readelf -rW's count */
		ck_assert_uint_eq(r->prog_relocs[k], nrel);
		ck_assert_uint_le(r->prog_relocs_ours[k], nrel);
		ck_assert_ptr_nonnull(r->prog_summary[k]);
		ck_assert_ptr_nonnull(r->prog_summary_en[k]);
		free(rel);
		free(dump);
		free(q);
		free(name);
	}
}

START_TEST(test_programs_match_objdump)
{
	test_prepare((size_t)_i);
	int plt = 0, iplt = 0, copy = 0, relaxed = 0, merged = 0, data = 0, tls = 0;
	test_programs(&test_r[_i], test_w[_i], 0, &plt, &iplt, &copy, &relaxed, &merged, &data,
		      &tls);
	ck_assert_uint_ge(test_r[_i].n_progs, 1);
	ck_assert_msg(plt, "no call through a PLT entry in the dynamic program");
	if (_i == 1) {
		ck_assert_msg(iplt, "strlen's IFUNC: no IPLT entry in the static programs");
		ck_assert_msg(copy, "stdout: no COPY relocation in the dynamic program");
		ck_assert_msg(merged, "no string merged in .rodata.str1.1");
		ck_assert_msg(relaxed, "&puts: no GOT load relaxed in the static programs");
		ck_assert_msg(data, "greeting: no pointer in data filled in");
		ck_assert_msg(tls, "depth: no thread-local relocation said");
	}
	if (test_cases[_i].link) {
		/* every call through the PLT counted from .plt.sec, and that L was checked */
		size_t sec = 0;
		for (size_t i = 0; i < test_r[_i].n_relocs; i++)
			sec += test_r[_i].relocs[i].fill[0].via == RELOCS_VIA_PLT &&
			       test_r[_i].relocs[i].fill[0].plt_is_sec;
		ck_assert_uint_gt(sec, 0);
	}
	if (test_m[_i].n_progs) {
		int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0;
		test_programs(&test_m[_i], test_w[_i], 1, &a, &b, &c, &d, &e, &f, &g);
	}
}
END_TEST

/* CHECK_RELOCS_PRINT=1 prints every sentence, to read them. */
START_TEST(test_print)
{
	for (size_t i = 0; i < TEST_N; i++) {
		test_prepare(i);
		for (int m = 0; m < 2; m++) {
			const struct relocs *r = m ? &test_m[i] : &test_r[i];
			printf("== %s %s %s\n", test_cases[i].name, m ? "musl" : "glibc", r->error);
			for (size_t j = 0; j < r->n_relocs; j++) {
				printf("* %s\n", r->relocs[j].text);
				for (size_t k = 0; k < r->n_progs; k++)
					printf("  %s: %s\n", r->labels[k], r->relocs[j].fill[k].text);
			}
			for (size_t k = 0; k < r->n_progs; k++)
				printf("+ %s: %s\n", r->labels[k], r->prog_summary[k]);
			for (size_t j = 0; j < r->n_others; j++)
				printf("- %s\n", r->others[j].text);
		}
	}
}
END_TEST

static Suite *test_suite(void)
{
	Suite *s = suite_create("relocs");
	TCase *tc = tcase_create("walks");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	if (getenv("CHECK_RELOCS_PRINT"))
		tcase_add_test(tc, test_print);
	tcase_add_loop_test(tc, test_object_matches_readelf, 0, TEST_N);
	tcase_add_loop_test(tc, test_lines_match_addr2line, 0, TEST_N);
	tcase_add_loop_test(tc, test_programs_match_objdump, 0, TEST_N);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	static const char *const tools[] = { "gcc", "objdump", "readelf", "nm", "addr2line" };
	char *machine = oracle_sh(NULL, "gcc -dumpmachine");
	if (strncmp(machine, "x86_64", 6) != 0) {
		fprintf(stderr, "check_relocs: skipped: gcc makes code for %s, and the module "
			"explains x86-64's relocations only\n", machine);
		free(machine);
		return 77;
	}
	free(machine);
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		struct proc_result r;
		char *argv[] = { (char *)tools[i], "--version", NULL };
		if (proc_run(argv, NULL, &r) != 0) {
			fprintf(stderr, "check_relocs: skipped: %s cannot be run (%s)\n", tools[i],
				proc_describe(&r));
			proc_result_free(&r);
			return 77;
		}
		proc_result_free(&r);
	}
	SRunner *sr = srunner_create(test_suite());
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (size_t i = 0; i < TEST_N; i++)
		if (test_ready[i]) {
			relocs_free(&test_r[i]);
			relocs_free(&test_m[i]);
			walk_free(test_w[i]);
		}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
