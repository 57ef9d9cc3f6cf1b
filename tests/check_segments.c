/* check_segments: sections into segments (stages/segments.h) for each program a real walk of
 * samples/hello.c linked, checked against readelf -lW (the program headers and the section
 * to segment mapping), readelf -hW (the type and the entry point), nm (the symbols at the
 * entry and at main) and objdump -d (each call, jump, lea or mov on the path to main).
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/segments.h"
#include "stages/walk.h"
#include "tests/oracle.h"

static struct walk *hello;

static const char *test_datadir(void)
{
	const char *d = getenv("CSTAGES_DATADIR");
	return d && *d ? d : ".";
}

static void hello_setup(void)
{
	char *src = NULL, *dir = NULL;
	if (asprintf(&src, "%s/samples/hello.c", test_datadir()) < 0 ||
	    asprintf(&dir, "%s/walk.XXXXXX", oracle_scratch()) < 0 || !mkdtemp(dir))
		abort();
	struct walk_opts o = { .no_clang = 1 };
	char err[256];
	hello = walk_new(src, &o, dir, err, sizeof err);
	if (!hello) {
		fprintf(stderr, "walk_new: %s\n", err);
		abort();
	}
	walk_run(hello);
	free(src);
	free(dir);
}

static void hello_teardown(void)
{
	walk_free(hello);
}

/* The variant's program, quoted for sh, or NULL when it did not link (musl absent). */
static char *test_program(int k, char **path)
{
	const struct link_variant *v = &hello->variant[k];
	if (walk_state(&v->link) != RUN_OK || !v->link.artifact) {
		ck_assert_int_eq(k, LINK_MUSL); /* only musl's may be missing */
		return NULL;
	}
	*path = walk_path(hello, v->link.artifact);
	return oracle_quote(*path);
}

/* A sentence: not empty, ends with a full stop. */
static void test_sentence(const char *s)
{
	ck_assert_ptr_nonnull(s);
	size_t n = strlen(s);
	ck_assert_msg(n > 1 && s[n - 1] == '.', "not a sentence: \"%s\"", s);
}

/* The flags column with its blanks squeezed out: "R E" -> "RE". */
static void test_squeeze(const char *in, char *out, size_t len)
{
	size_t k = 0;
	for (; *in && k + 1 < len; in++)
		if (*in != ' ')
			out[k++] = *in;
	out[k] = '\0';
}

/* Each program header as readelf -lW prints it, and the interpreter it names. */
START_TEST(test_headers_match_readelf)
{
	char *path = NULL, *q = test_program(_i, &path);
	if (!q)
		return;
	struct segs s;
	ck_assert_msg(segs_read(path, &s) == 0, "%s", s.error);
	char *out = oracle_sh(NULL, "readelf -lW %s", q);
	char *p = strstr(out, "Program Headers:");
	ck_assert_ptr_nonnull(p);
	p = strchr(p, '\n') + 1;
	p = strchr(p, '\n') + 1; /* the column heads */
	size_t n = 0;
	while (*p && *p != '\n') {
		char *eol = strchr(p, '\n');
		*eol = '\0';
		char *interp = strstr(p, "[Requesting program interpreter: ");
		if (interp) {
			ck_assert(n > 0 && s.ph[n - 1].type == 3 /* PT_INTERP */);
			interp += strlen("[Requesting program interpreter: ");
			char *end = strrchr(interp, ']');
			ck_assert_ptr_nonnull(end);
			*end = '\0';
			ck_assert_str_eq(s.ph[n - 1].interp, interp);
		} else {
			char type[32];
			unsigned long long off, va, pa, fs, ms, al;
			int used = 0;
			ck_assert_int_eq(sscanf(p, " %31s %llx %llx %llx %llx %llx%n", type, &off, &va,
						&pa, &fs, &ms, &used), 6);
			char *flags = p + used, *last = strrchr(p, ' ');
			ck_assert_int_eq(sscanf(last, " %llx", &al), 1);
			*last = '\0';
			char want[8], got[8];
			test_squeeze(flags, want, sizeof want);
			ck_assert_uint_lt(n, s.n_ph);
			const struct segs_phdr *x = &s.ph[n];
			test_squeeze(x->flags_str, got, sizeof got);
			ck_assert_str_eq(x->type_name, type);
			ck_assert_uint_eq(x->offset, off);
			ck_assert_uint_eq(x->vaddr, va);
			ck_assert_uint_eq(x->paddr, pa);
			ck_assert_uint_eq(x->filesz, fs);
			ck_assert_uint_eq(x->memsz, ms);
			ck_assert_uint_eq(x->align, al);
			ck_assert_str_eq(got, want);
			test_sentence(x->say);
			test_sentence(x->say_en);
			n++;
		}
		p = eol + 1;
	}
	ck_assert_uint_eq(n, s.n_ph);
	ck_assert_int_eq(s.has_interp, _i == LINK_DYNAMIC);
	free(out);
	segs_free(&s);
	free(q);
	free(path);
}
END_TEST

/* The section to segment mapping, segment by segment, as readelf -lW prints it. */
START_TEST(test_mapping_matches_readelf)
{
	char *path = NULL, *q = test_program(_i, &path);
	if (!q)
		return;
	struct segs s;
	ck_assert_msg(segs_read(path, &s) == 0, "%s", s.error);
	char *out = oracle_sh(NULL, "readelf -lW %s", q);
	char *p = strstr(out, "Section to Segment mapping:");
	ck_assert_ptr_nonnull(p);
	p = strchr(p, '\n') + 1;
	p = strchr(p, '\n') + 1; /* "Segment Sections..." */
	size_t n = 0;
	while (*p && *p != '\n') {
		char *eol = strchr(p, '\n');
		*eol = '\0';
		unsigned idx;
		int used = 0;
		ck_assert_int_eq(sscanf(p, " %u%n", &idx, &used), 1);
		ck_assert_uint_eq(idx, n);
		ck_assert_uint_lt(n, s.n_ph);
		const struct segs_phdr *x = &s.ph[n];
		size_t k = 0;
		char name[256];
		int w = 0;
		for (char *t = p + used; sscanf(t, " %255s%n", name, &w) == 1; t += w) {
			ck_assert_msg(k < x->n_sections, "segment %zu: readelf has %s too", n, name);
			ck_assert_str_eq(x->sections[k], name);
			k++;
		}
		ck_assert_msg(k == x->n_sections, "segment %zu: %s is not in readelf's list", n,
			      k < x->n_sections ? x->sections[k] : "");
		n++;
		p = eol + 1;
	}
	ck_assert_uint_eq(n, s.n_ph);
	free(out);
	segs_free(&s);
	free(q);
	free(path);
}
END_TEST

/* The type and the entry point as readelf -hW says, the symbol there and main's address as
 * nm says. */
START_TEST(test_entry_matches_readelf_and_nm)
{
	char *path = NULL, *q = test_program(_i, &path);
	if (!q)
		return;
	struct segs s;
	ck_assert_msg(segs_read(path, &s) == 0, "%s", s.error);
	char *type = oracle_sh(NULL, "readelf -hW %s | sed -n 's/^ *Type: *\\([A-Z]*\\).*/\\1/p'", q);
	ck_assert_str_eq(type, s.elf_type == 2 ? "EXEC\n" : "DYN\n");
	/* a PIE and a static-pie are DYN; the others EXEC */
	ck_assert_int_eq(s.elf_type == 3, _i == LINK_DYNAMIC || _i == LINK_STATIC_PIE);
	char *entry = oracle_sh(NULL, "readelf -hW %s | sed -n 's/^ *Entry point address: *//p'", q);
	ck_assert_uint_eq(strtoull(entry, NULL, 16), s.entry);
	char *at = oracle_sh(NULL, "nm %s | awk '$1 ~ /^0*%llx$/ && $2 ~ /[Tt]/ { print $3 }'", q,
			     s.entry);
	ck_assert_ptr_nonnull(s.entry_sym);
	char *line = NULL;
	if (asprintf(&line, "\n%s\n", s.entry_sym) < 0)
		abort();
	char *names = NULL;
	if (asprintf(&names, "\n%s", at) < 0)
		abort();
	ck_assert_msg(strstr(names, line), "nm has no %s at %#llx: %s", s.entry_sym, s.entry, at);
	ck_assert(s.main_found);
	char *main_addr = oracle_sh(NULL, "nm %s | awk '$3 == \"main\" { print $1 }'", q);
	ck_assert_uint_eq(strtoull(main_addr, NULL, 16), s.main_addr);
	ck_assert_str_eq(s.path[s.n_path - 1].name, "main");
	test_sentence(s.type_say);
	test_sentence(s.type_say_en);
	test_sentence(s.path_say);
	test_sentence(s.path_say_en);
	ck_assert_ptr_nonnull(strstr(s.path_say_en, "The path to main:"));
	free(type);
	free(entry);
	free(at);
	free(line);
	free(names);
	free(main_addr);
	segs_free(&s);
	free(q);
	free(path);
}
END_TEST

/* objdump -d of the function each step of the path is in: the instruction at the step's
 * address is the call, jump, lea or mov it says, with the target objdump names. */
START_TEST(test_path_matches_objdump)
{
	char *path = NULL, *q = test_program(_i, &path);
	if (!q)
		return;
	struct segs s;
	ck_assert_msg(segs_read(path, &s) == 0, "%s", s.error);
	ck_assert(s.main_found);
	ck_assert_uint_ge(s.n_path, 3);
	ck_assert_int_eq(s.path[0].via, SEGS_VIA_ENTRY);
	for (size_t i = 1; i < s.n_path; i++) {
		const struct segs_hop *h = &s.path[i];
		/* the function the instruction is in: the last step's target before it */
		const char *in = s.path[0].name;
		for (size_t k = 0; k < i; k++)
			if (s.path[k].via == SEGS_VIA_ENTRY || s.path[k].via == SEGS_VIA_CALL ||
			    s.path[k].via == SEGS_VIA_JMP)
				if (strcmp(s.path[k].name, "__libc_start_main"))
					in = s.path[k].name;
		char *line = oracle_sh(NULL, "objdump -d --no-show-raw-insn --disassemble=%s %s | "
					     "grep '^ *%llx:'", in, q, h->insn);
		ck_assert_msg(*line, "objdump has no instruction at %#llx in %s", h->insn, in);
		char want[128];
		switch (h->via) {
		case SEGS_VIA_CALL:
		case SEGS_VIA_JMP:
			ck_assert_ptr_nonnull(strstr(line, h->insn_text));
			snprintf(want, sizeof want, "%llx <%s", h->addr, h->name);
			break;
		case SEGS_VIA_GOT:
			ck_assert_ptr_nonnull(strstr(line, "call   *"));
			snprintf(want, sizeof want, "# %llx <%s", h->slot, h->name);
			break;
		case SEGS_VIA_RDI:
			if (!strcmp(h->insn_text, "lea"))
				snprintf(want, sizeof want, "# %llx <main>", h->addr);
			else
				snprintf(want, sizeof want, "$0x%llx,%%", h->addr);
			ck_assert_ptr_nonnull(strstr(line, h->insn_text));
			ck_assert_msg(strstr(line, "%rdi") || strstr(line, "%edi"), "%s", line);
			break;
		default:
			ck_abort_msg("an entry step after the first");
		}
		ck_assert_msg(strstr(line, want), "objdump's line \"%s\" has no \"%s\"", line, want);
		free(line);
	}
	/* glibc's _start calls __libc_start_main itself; musl's through _start_c */
	ck_assert_str_eq(s.path[s.n_path - 2].name, "__libc_start_main");
	if (_i == LINK_DYNAMIC)
		ck_assert_int_eq(s.path[1].via, SEGS_VIA_GOT);
	if (_i == LINK_MUSL)
		ck_assert_str_eq(s.path[1].name, "_start_c");
	segs_free(&s);
	free(q);
	free(path);
}
END_TEST

/* What each kind of segment says, present where readelf shows it. */
START_TEST(test_sentences_name_their_facts)
{
	char *path = NULL, *q = test_program(_i, &path);
	if (!q)
		return;
	struct segs s;
	ck_assert_msg(segs_read(path, &s) == 0, "%s", s.error);
	for (size_t i = 0; i < s.n_ph; i++) {
		const struct segs_phdr *x = &s.ph[i];
		if (x->type == 1 /* PT_LOAD */ && x->n_sections)
			ck_assert_msg(strstr(x->say_en, x->sections[0]), "%s", x->say_en);
		if (x->type == 3 /* PT_INTERP */)
			ck_assert_ptr_nonnull(strstr(x->say_en, x->interp));
		if (x->type == 1 && (x->flags & 1 /* PF_X */))
			ck_assert_ptr_nonnull(strstr(x->say_en, "executable"));
		if (!strcmp(x->type_name, "GNU_STACK"))
			ck_assert_ptr_nonnull(strstr(x->say_en, "not executable"));
	}
	free(q);
	free(path);
	segs_free(&s);
}
END_TEST

/* A program without main (-nostartfiles, its own _start): its segments are read, and the
 * path says it found no main. */
START_TEST(test_no_main)
{
	const char *dir = oracle_scratch();
	char *src = oracle_write(dir, "nomain.c",
				 "void _start(void)\n"
				 "{\n"
				 "\t__asm__ volatile(\"mov $60, %eax\\n\\txor %edi, %edi\\n\\tsyscall\");\n"
				 "}\n");
	char *qs = oracle_quote(src), *exe = NULL;
	if (asprintf(&exe, "%s/nomain", dir) < 0)
		abort();
	char *qe = oracle_quote(exe);
	int st = 0;
	char *out = oracle_sh(&st, "gcc -nostartfiles %s -o %s 2>&1", qs, qe);
	ck_assert_msg(st == 0, "%s", out);
	struct segs s;
	ck_assert_msg(segs_read(exe, &s) == 0, "%s", s.error);
	ck_assert(!s.main_found);
	ck_assert_str_eq(s.entry_sym, "_start");
	char *entry = oracle_sh(NULL, "readelf -hW %s | sed -n 's/^ *Entry point address: *//p'", qe);
	ck_assert_uint_eq(strtoull(entry, NULL, 16), s.entry);
	test_sentence(s.path_say_en);
	ck_assert_ptr_nonnull(strstr(s.path_say_en, "could not be read"));
	segs_free(&s);
	free(entry);
	free(out);
	free(qe);
	free(exe);
	free(qs);
	free(src);
}
END_TEST

/* The dynamic program with bytes of its headers and code overwritten, 300 ways: segs_read
 * reads it or says why, never crashes (Check's fork reports a crash as an error). */
START_TEST(test_corrupt_never_crashes)
{
	char *path = NULL, *q = test_program(LINK_DYNAMIC, &path);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	unsigned char *orig = malloc((size_t)size), *copy = malloc((size_t)size);
	ck_assert_uint_eq(fread(orig, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	char *bad = NULL;
	if (asprintf(&bad, "%s/corrupt", oracle_scratch()) < 0)
		abort();
	unsigned long long seed = 88172645463325252ULL;
	for (int round = 0; round < 300; round++) {
		memcpy(copy, orig, (size_t)size);
		for (int k = 0; k < 8; k++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			/* mostly the ELF and program headers, sometimes anywhere */
			long at = (long)(seed % (k < 6 ? 1024 : (unsigned long long)size));
			copy[at] = (unsigned char)(seed >> 32);
		}
		FILE *w = fopen(bad, "wb");
		fwrite(copy, 1, (size_t)size, w);
		fclose(w);
		struct segs s;
		if (segs_read(bad, &s) == 0)
			segs_free(&s);
		else
			test_sentence(s.error_en);
	}
	free(bad);
	free(orig);
	free(copy);
	free(q);
	free(path);
}
END_TEST

START_TEST(test_not_elf)
{
	struct segs s;
	char *f = oracle_write(oracle_scratch(), "not-elf", "hello\n");
	ck_assert_int_eq(segs_read(f, &s), -1);
	test_sentence(s.error_en);
	ck_assert_int_eq(segs_read("/nonexistent/x", &s), -1);
	test_sentence(s.error);
	free(f);
}
END_TEST

static Suite *test_suite(void)
{
	Suite *s = suite_create("segments");
	TCase *tc = tcase_create("hello");
	tcase_set_timeout(tc, 0); /* no time limit: 0 leaves Check's timer disarmed */
	tcase_add_unchecked_fixture(tc, hello_setup, hello_teardown);
	tcase_add_loop_test(tc, test_headers_match_readelf, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_mapping_matches_readelf, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_entry_matches_readelf_and_nm, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_path_matches_objdump, 0, LINK_COUNT);
	tcase_add_loop_test(tc, test_sentences_name_their_facts, 0, LINK_COUNT);
	tcase_add_test(tc, test_corrupt_never_crashes);
	suite_add_tcase(s, tc);
	TCase *bad = tcase_create("bad");
	tcase_set_timeout(bad, 0);
	tcase_add_test(bad, test_not_elf);
	tcase_add_test(bad, test_no_main);
	suite_add_tcase(s, bad);
	return s;
}

int main(void)
{
	oracle_scratch();
	SRunner *sr = srunner_create(test_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
