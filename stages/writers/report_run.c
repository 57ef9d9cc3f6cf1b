/* report_run: the report's section 5, Run. See report.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/writers/report.h"

void report_run_write(FILE *f, const struct walk *w)
{
	const struct walk_run5 *r = &w->run5;
	if (!walk_run5_ready(w))
		return;
	enum run_state st = walk_state(&r->run);
	if (st == RUN_SKIPPED) {
		fprintf(f, _("Not reached: %s."), r->run.skip_reason ? r->run.skip_reason : "?");
		fputc('\n', f);
		return;
	}
}
