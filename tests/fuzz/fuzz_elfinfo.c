/* fuzz_elfinfo: libFuzzer target for the ELF reader. The input is a whole file, any bytes:
 * elfinfo_read() must either fill the record or fail with a sentence, never crash, hang or
 * leak. The bytes go to a memfd so no iteration touches the disk. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "stages/elfinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_fd = -1;
static char fuzz_path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("fuzz-elf", MFD_CLOEXEC);
		if (fuzz_fd < 0)
			abort();
		snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) < 0 || pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
		abort();
	struct elfinfo e;
	if (elfinfo_read(fuzz_path, &e) == 0) {
		/* use every fact the views use, so a bad pointer shows up here */
		size_t n = strlen(elfinfo_kind_label(&e)) + strlen(elfinfo_type_name(e.type));
		if (e.interp)
			n += strlen(e.interp);
		for (size_t i = 0; i < e.n_needed; i++)
			n += e.needed[i] ? strlen(e.needed[i]) : 0;
		for (size_t i = 0; i < e.n_sections; i++)
			n += strlen(e.sections[i].name);
		(void)n;
		elfinfo_free(&e);
	} else if (!memchr(e.error, '\0', sizeof e.error) || !e.error[0]) {
		abort(); /* a failure must say why */
	}
	return 0;
}
