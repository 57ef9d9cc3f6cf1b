/* walkrun: stage 5 of a walk, its facts computed once (contract in walkrun.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/interpose.h"
#include "stages/tmpdir.h"
#include "stages/walkrun.h"
#include "stages/xfmt.h"

static int walkrun_cancelled(const struct walk *w)
{
	return __atomic_load_n(&w->cancelled, __ATOMIC_ACQUIRE);
}

static void walkrun_publish(struct walk *w, enum run_state st)
{
	__atomic_store_n(&w->run5.run.state, (int)st, __ATOMIC_RELEASE);
	__atomic_store_n(&w->run5.ready, 1, __ATOMIC_RELEASE);
}

void walkrun_skip(struct walk *w, char *why, char *why_en)
{
	w->run5.run.skip_reason = why;
	w->run5.run.skip_reason_en = why_en;
	walkrun_publish(w, RUN_SKIPPED);
}

/* One variant's program: its segments, its loader, its process at main. */
static void walkrun_variant(struct walk *w, int k)
{
	struct walk_run5 *r = &w->run5;
	const struct link_variant *v = &w->variant[k];
	char *path = walk_path(w, v->link.artifact);
	r->segs_ok[k] = path && segs_read(path, &r->segs[k]) == 0;
	free(path);
	if (walkrun_cancelled(w))
		return;
	char **argv = walk_run_argv(w, v->link.artifact);
	struct ldtrace_opts o = {
		.dir = w->dir, .exe = v->link.artifact, .args = argv ? argv + 1 : NULL,
		.stdin_path = w->opts.run_stdin, .timeout_ms = w->opts.run_timeout_ms,
		.jail = &w->jail, .musl = k == LINK_MUSL,
	};
	r->ld_ok[k] = ldtrace_study(&o, &r->ld[k]) == 0;
	if (!walkrun_cancelled(w))
		r->pm_ok[k] = procmain_compute(w->dir, v->link.artifact, &w->jail,
					       argv ? argv + 1 : NULL, w->opts.run_stdin,
					       w->opts.run_timeout_ms, &r->pm[k]) == 0;
	free(argv);
}

struct walkrun_job {
	struct walk *w;
	int k;
};

static void *walkrun_thread(void *arg)
{
	struct walkrun_job *j = arg;
	tmpdir_thread_signals();
	walkrun_variant(j->w, j->k);
	return NULL;
}

void walkrun_compute(struct walk *w)
{
	struct walk_run5 *r = &w->run5;
	int linked = 0;
	for (int k = 0; k < LINK_COUNT; k++)
		if (walk_state(&w->variant[k].link) == RUN_OK && w->variant[k].link.artifact)
			linked++;
	if (!linked) {
		/* the link stage decides it: the default variant's result says how it failed */
		static const char msgid[] = N_("no program was linked, so there is nothing to run "
					       "(the link failed: %s)");
		const struct stage_run *ln = &w->variant[LINK_DYNAMIC].link;
		if (walk_state(ln) == RUN_SKIPPED)
			walkrun_skip(w, ln->skip_reason ? strdup(ln->skip_reason) : NULL,
				     ln->skip_reason_en ? strdup(ln->skip_reason_en) : NULL);
		else
			walkrun_skip(w, xfmt(_(msgid), walk_run_describe(ln)),
				     xfmt(msgid, walk_run_describe_en(ln)));
		return;
	}
	__atomic_store_n(&r->run.state, (int)RUN_RUNNING, __ATOMIC_RELEASE);
	/* The programs side by side, each on a thread of its own (a program that waits for its
	 * time limit holds up only its own variant), the relocations and the wrapper here. */
	struct walkrun_job jobs[LINK_COUNT];
	pthread_t th[LINK_COUNT];
	int started[LINK_COUNT] = { 0 };
	for (int k = 0; k < LINK_COUNT; k++) {
		if (walk_state(&w->variant[k].link) != RUN_OK || !w->variant[k].link.artifact)
			continue;
		r->ran[k] = 1;
		jobs[k] = (struct walkrun_job){ w, k };
		started[k] = pthread_create(&th[k], NULL, walkrun_thread, &jobs[k]) == 0;
	}
	if (!walkrun_cancelled(w)) {
		r->glibc_ok = relocs_walk(w, &r->glibc, &r->musl) == 0;
		r->musl_ok = r->musl.n_relocs > 0 || r->musl.n_others > 0;
	}
	if (!walkrun_cancelled(w)) {
		r->ip = calloc(1, sizeof *r->ip);
		if (r->ip)
			r->ip_ok = interpose_compute(w, r->ip) == 0;
	}
	for (int k = 0; k < LINK_COUNT; k++) {
		if (started[k])
			pthread_join(th[k], NULL);
		else if (r->ran[k] && !walkrun_cancelled(w))
			walkrun_variant(w, k); /* its thread could not start */
	}
	if (walkrun_cancelled(w)) {
		static const char msgid[] = N_("the walk was stopped before the programs were "
					       "studied");
		r->run.skip_reason = strdup(_(msgid));
		r->run.skip_reason_en = strdup(msgid);
		walkrun_publish(w, RUN_SKIPPED);
		return;
	}
	int any = r->glibc_ok;
	for (int k = 0; k < LINK_COUNT; k++)
		any |= r->segs_ok[k] || r->ld_ok[k];
	walkrun_publish(w, any ? RUN_OK : RUN_FAILED);
}

void walkrun_free(struct walk *w)
{
	struct walk_run5 *r = &w->run5;
	free(r->run.skip_reason);
	free(r->run.skip_reason_en);
	proc_result_free(&r->run.proc);
	for (int k = 0; k < LINK_COUNT; k++) {
		if (!r->ran[k])
			continue;
		segs_free(&r->segs[k]);
		ldtrace_free(&r->ld[k]);
		procmain_free(&r->pm[k]);
	}
	relocs_free(&r->glibc);
	relocs_free(&r->musl);
	if (r->ip) {
		interpose_free(r->ip);
		free(r->ip);
	}
	memset(r, 0, sizeof *r);
}
