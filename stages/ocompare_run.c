/* ocompare_run: the four compiles of a comparison, on a thread of their own. See
 * ocompare.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "stages/files.h"
#include "stages/i18n.h"
#include "stages/ocompare.h"
#include "stages/tmpdir.h"
#include "stages/xfmt.h"

/* Off the critical path, as the walk's -g compile: yield to the stages a learner waits for. */
#define OCMP_NICE 10

int ocmp_run_finished(const struct ocmp_run *r)
{
	return __atomic_load_n(&r->state, __ATOMIC_ACQUIRE) == OCMP_DONE;
}

int ocmp_run_busy(const struct ocmp_run *r)
{
	return __atomic_load_n(&r->state, __ATOMIC_ACQUIRE) == OCMP_RUNNING;
}

/* The level's name in a file name: "O2". */
static const char *ocmp_tag(const char *flag)
{
	return flag ? flag + 1 : "O0";
}

/* Compile the .i at level k: its .s, gcc's report of the inlining beside it and the
 * vectorizer's. 1 when it made its .s. */
static int ocmp_compile(struct ocmp_run *r, int k)
{
	char *opt = xfmt("-fopt-info-inline-vec-optimized-missed=%s", r->report[k]);
	char *vect = xfmt("-fdump-tree-vect-optimized=%s", r->vect[k]);
	char **argv = calloc(r->n_cflags + 10, sizeof *argv);
	int n = 0;
	if (!argv) {
		free(opt);
		free(vect);
		return 0;
	}
	argv[n++] = r->cc;
	argv[n++] = "-S";
	for (size_t i = 0; i < r->n_cflags; i++)
		argv[n++] = r->cflags[i];
	if (r->flag[k])
		argv[n++] = (char *)r->flag[k];
	argv[n++] = r->input;
	argv[n++] = "-o";
	argv[n++] = r->file[k];
	argv[n++] = opt;
	argv[n++] = vect;
	argv[n] = NULL;
	int ok = 0;
	if (opt && vect && !__atomic_load_n(r->cancelled, __ATOMIC_ACQUIRE)) {
		struct proc_opts po = { .cwd = r->dir, .timeout_ms = r->timeout_ms };
		ok = proc_run(argv, &po, &r->proc[k]) == 0;
	}
	free(argv);
	free(opt);
	free(vect);
	return ok;
}

/* A file of the walk directory, read whole; NULL when it cannot be. */
static char *ocmp_slurp(const struct ocmp_run *r, const char *name, size_t *len)
{
	char *path = xfmt("%s/%s", r->dir, name);
	char *text = files_slurp(path, ASMMAP_MAX_TEXT - 1, len, NULL);
	free(path);
	return text;
}

static void ocmp_work(struct ocmp_run *r)
{
	int ok = 1;
	for (int k = 0; ok && k < 2; k++)
		ok = ocmp_compile(r, k);
	if (!ok) {
		r->fail = __atomic_load_n(r->cancelled, __ATOMIC_ACQUIRE) ? OCMP_FAIL_STOPPED :
			  OCMP_FAIL_COMPILE;
	} else {
		char *text[6] = { NULL };
		size_t len[6] = { 0 };
		struct ocmp_input in[2];
		for (int k = 0; k < 2; k++) {
			/* a level that runs no vectorizer (-O0) writes no dump */
			text[3 * k] = ocmp_slurp(r, r->file[k], &len[3 * k]);
			text[3 * k + 1] = ocmp_slurp(r, r->report[k], &len[3 * k + 1]);
			text[3 * k + 2] = ocmp_slurp(r, r->vect[k], &len[3 * k + 2]);
			in[k] = (struct ocmp_input){ r->flag[k] ? r->flag[k] : "-O0", text[3 * k],
						     text[3 * k + 1], text[3 * k + 2], len[3 * k],
						     len[3 * k + 1], len[3 * k + 2] };
		}
		char err[256];
		if (!text[0] || !text[3])
			r->fail = OCMP_FAIL_READ;
		else if (ocmp_build(&r->cmp, in, err, sizeof err) < 0)
			r->fail = OCMP_FAIL_MEMORY;
		else
			r->ok = 1;
		for (int i = 0; i < 6; i++)
			free(text[i]);
	}
	__atomic_store_n(&r->state, OCMP_DONE, __ATOMIC_RELEASE);
}

static void *ocmp_thread(void *arg)
{
	tmpdir_thread_signals();
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), OCMP_NICE);
	ocmp_work(arg);
	return NULL;
}

int ocmp_run_start(struct ocmp_run *r, const char *cc, const char *dir, const char *input,
		   const char *base, const char *flag_a, const char *flag_b, int timeout_ms,
		   const int *cancelled, int wait)
{
	int idle = OCMP_IDLE;
	if (!__atomic_compare_exchange_n(&r->state, &idle, OCMP_RUNNING, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return -1;
	r->flag[0] = flag_a;
	r->flag[1] = flag_b;
	r->cc = strdup(cc);
	r->dir = strdup(dir);
	r->input = strdup(input);
	r->base = strdup(base);
	r->timeout_ms = timeout_ms;
	r->cancelled = cancelled;
	for (int k = 0; k < 2; k++) {
		const char *t = ocmp_tag(r->flag[k]);
		r->file[k] = xfmt("%s.cmp-%s.s", base, t);
		r->report[k] = xfmt("%s.cmp-%s.opt", base, t);
		r->vect[k] = xfmt("%s.cmp-%s.vect", base, t);
	}
	if (!r->cc || !r->dir || !r->input || !r->base || !r->file[0] || !r->file[1] ||
	    !r->report[0] || !r->report[1] || !r->vect[0] || !r->vect[1]) {
		r->fail = OCMP_FAIL_MEMORY;
		__atomic_store_n(&r->state, OCMP_DONE, __ATOMIC_RELEASE);
		return -1;
	}
	if (!wait && pthread_create(&r->th, NULL, ocmp_thread, r) == 0) {
		r->joinable = 1;
		return 0;
	}
	ocmp_work(r);
	return 0;
}

void ocmp_run_wait(struct ocmp_run *r)
{
	if (r->joinable) {
		pthread_join(r->th, NULL);
		r->joinable = 0;
	}
}

void ocmp_run_free(struct ocmp_run *r)
{
	ocmp_run_wait(r);
	for (int k = 0; k < 2; k++) {
		proc_result_free(&r->proc[k]);
		free(r->file[k]);
		free(r->report[k]);
		free(r->vect[k]);
	}
	if (r->ok)
		ocmp_free(&r->cmp);
	free(r->cc);
	free(r->dir);
	free(r->input);
	free(r->base);
	memset(r, 0, sizeof *r);
}

const char *ocmp_run_why(const struct ocmp_run *r, int en)
{
	static const char *const why[] = {
		[OCMP_FAIL_NONE] = NULL,
		[OCMP_FAIL_STOPPED] = N_("The walk was stopped before the two compiles were done."),
		[OCMP_FAIL_COMPILE] = N_("A compile of the comparison failed: its command and gcc's "
					 "messages say why."),
		[OCMP_FAIL_READ] = N_("The files of the two compiles could not be read."),
		[OCMP_FAIL_MEMORY] = N_("Memory ran out comparing the two compiles."),
	};
	const char *m = r->fail >= 0 && r->fail <= OCMP_FAIL_MEMORY ? why[r->fail] : NULL;
	return m && !en ? _(m) : m;
}
