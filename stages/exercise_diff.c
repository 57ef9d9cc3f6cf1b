/* exercise_diff: an exercise's reference solution as a unified diff against its starting
 * files, made by diff -u. See exercise.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/exercise.h"
#include "stages/exercise_int.h"
#include "stages/i18n.h"
#include "stages/proc.h"
#include "stages/xfmt.h"

int exercise_solution_diff(const struct exercise *e, char **out, char *err, size_t errlen)
{
	*out = NULL;
	char *sol = xfmt("%s/solution", e->data_dir);
	size_t n = 0;
	char **files = sol ? exercise_list_files(sol, &n) : NULL;
	if (!files) {
		snprintf(err, errlen, _("cannot read %1$s: %2$s"), sol ? sol : e->data_dir,
			 strerror(errno));
		free(sol);
		return -1;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc = f ? 0 : -1;
	if (!f)
		snprintf(err, errlen, _("out of memory"));
	for (size_t i = 0; rc == 0 && i < n; i++) {
		/* a file the solution adds is compared with nothing: patch creates it */
		char *from = xfmt("%s/start/%s", e->data_dir, files[i]);
		char *to = xfmt("%s/%s", sol, files[i]);
		char *la = xfmt("a/%s", files[i]), *lb = xfmt("b/%s", files[i]);
		int is_new = from && access(from, F_OK) != 0;
		char *argv[] = { "diff", "-u", "--label", is_new ? "/dev/null" : la, "--label", lb,
				 is_new ? "/dev/null" : from, to, NULL };
		struct proc_result r;
		memset(&r, 0, sizeof r);
		if (!from || !to || !la || !lb) {
			snprintf(err, errlen, _("out of memory"));
			rc = -1;
		} else {
			struct proc_opts po = { .timeout_ms = 60000, .out_cap = 4 * 1024 * 1024 };
			proc_run(argv, &po, &r);
			/* diff exits 0 for the same files, 1 for different ones, 2 for trouble */
			if (r.kind != PROC_EXITED || r.exit_code > 1 || r.out_truncated) {
				char *first = exercise_first_message(r.err, r.err_len, NULL, NULL);
				snprintf(err, errlen, _("diff -u of %1$s failed (%2$s): %3$s"), files[i],
					 proc_describe(&r), first ? first : "");
				free(first);
				rc = -1;
			} else if (r.out_len) {
				fwrite(r.out, 1, r.out_len, f);
			}
		}
		proc_result_free(&r);
		free(from);
		free(to);
		free(la);
		free(lb);
	}
	if (f && fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, _("out of memory"));
		rc = -1;
	}
	exercise_words_free(files);
	free(sol);
	if (rc < 0) {
		free(text);
		return -1;
	}
	*out = text;
	return 0;
}
