/* fuzz_lesson: libFuzzer target for the lesson loader and renderer. The input is a lesson
 * file, any bytes: lesson_load() must accept it or say why, and lesson_render() and
 * lesson_print() must lay it out at any width, in a UTF-8 or an ASCII locale, with or without
 * ANSI styles, without crashing, leaking or reading out of bounds. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lessons/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_fd = -1;
static char fuzz_datadir[64];
static FILE *fuzz_null;
static int fuzz_utf8 = -1;
static char fuzz_link[160], fuzz_dir[128];

static void fuzz_cleanup(void)
{
	unlink(fuzz_link);
	rmdir(fuzz_dir);
	rmdir(fuzz_datadir);
}

/* A data directory whose lessons/fuzz.md is the memfd holding the input. */
static void fuzz_setup(void)
{
	fuzz_fd = memfd_create("fuzz-lesson", MFD_CLOEXEC);
	char tmpl[] = "/tmp/fuzz-lesson.XXXXXX";
	if (fuzz_fd < 0 || !mkdtemp(tmpl))
		abort();
	snprintf(fuzz_datadir, sizeof fuzz_datadir, "%s", tmpl);
	char target[64];
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/lessons", fuzz_datadir);
	snprintf(fuzz_link, sizeof fuzz_link, "%s/fuzz.md", fuzz_dir);
	snprintf(target, sizeof target, "/proc/%ld/fd/%d", (long)getpid(), fuzz_fd);
	if (mkdir(fuzz_dir, 0700) < 0 || symlink(target, fuzz_link) < 0)
		abort();
	atexit(fuzz_cleanup);
	fuzz_null = fopen("/dev/null", "w");
	if (!fuzz_null)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0)
		fuzz_setup();
	/* the first byte picks the width, the locale and ANSI; the rest is the lesson */
	int width = 80, utf8 = 1, ansi = 0;
	if (size > 0) {
		width = 20 + data[0] % 128;
		utf8 = !(data[0] & 0x80);
		ansi = (data[0] & 0x40) != 0;
		data++;
		size--;
	}
	if (utf8 != fuzz_utf8) {
		if (!setlocale(LC_ALL, utf8 ? "C.UTF-8" : "C"))
			abort();
		fuzz_utf8 = utf8;
	}
	if (ftruncate(fuzz_fd, 0) < 0 || pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
		abort();

	struct lesson l;
	char err[256];
	if (lesson_load(fuzz_datadir, "fuzz", &l, err, sizeof err) == 0) {
		if (!l.title[0] || !l.summary[0])
			abort();
		lesson_print(&l, fuzz_null, width, ansi);
		lesson_free(&l);
	} else if (!err[0]) {
		abort();
	}

	/* render the text even when it is not a valid lesson, as --stage FILE does */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct lesson raw = { .text = text };
	struct sty_doc d = { 0 };
	lesson_render(&raw, width, &d);
	/* every span is a string whose width can be measured, as the TUI does */
	for (size_t i = 0; i < d.n; i++)
		for (size_t k = 0; k < d.lines[i].n; k++)
			sty_width(d.lines[i].spans[k].text, strlen(d.lines[i].spans[k].text));
	sty_print(&d, fuzz_null, ansi);
	sty_doc_free(&d);
	free(text);
	return 0;
}
