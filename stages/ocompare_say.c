/* ocompare_say: the sentences of a comparison of two optimisation levels, each a difference
 * that gcc's report or the .s itself explains. See ocompare.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/ocompare.h"

/* Append line (and a newline) to buf. */
static void ocmp_note(char *buf, size_t len, size_t *n, const char *line)
{
	size_t used = strlen(buf);
	if (used + 1 < len)
		snprintf(buf + used, len - used, "%s\n", line);
	(*n)++;
}

/* Whether level k's list of vectorized loops has the one at where. */
static int ocmp_has_vec(const struct ocmp_side *s, const char *where)
{
	for (size_t i = 0; i < s->n_vec; i++)
		if (strcmp(s->vec[i].vec->where, where) == 0)
			return 1;
	return 0;
}

size_t ocmp_say_func(const struct ocmp *c, const struct ocmp_func *f, int en, char *buf,
		     size_t len)
{
	char line[1024];
	size_t n = 0;
	if (len)
		buf[0] = '\0';
	for (int k = 0; k < 2; k++) {
		const struct ocmp_side *s = &f->side[k], *o = &f->side[!k];
		const char *lv = c->lv[k].flag, *olv = c->lv[!k].flag;
		if (!s->present && o->present) {
			if (s->inlined_into) {
				static const char m[] = N_("At %1$s %2$s has no body of its own: gcc's "
							   "report says it inlined %2$s into %3$s "
							   "(at %4$s).");
				snprintf(line, sizeof line, en ? m : _(m), lv, f->name, s->inlined_into,
					 s->inlined_where);
			} else {
				static const char m[] = N_("At %1$s %2$s has no body of its own; gcc's "
							   "report does not say why.");
				snprintf(line, sizeof line, en ? m : _(m), lv, f->name);
			}
			ocmp_note(buf, len, &n, line);
			continue;
		}
		for (size_t i = 0; i < s->n_inl; i++) {
			if (!s->inl[i].call_at_other || ocmp_inl_seen(s, i))
				continue;
			static const char m[] = N_("At %1$s the call to %2$s is gone: gcc's report says "
						   "it inlined %2$s into %3$s (at %4$s); at %5$s "
						   "%3$s calls it.");
			snprintf(line, sizeof line, en ? m : _(m), lv, s->inl[i].callee, f->name,
				 s->inl[i].where, olv);
			ocmp_note(buf, len, &n, line);
		}
		for (size_t i = 0; i < s->n_tail; i++) {
			if (!s->tail[i].call_at_other)
				continue;
			static const char m[] = N_("At %1$s the call to %2$s is a jmp, a tail call: "
						   "%2$s returns straight to the caller of %3$s; at "
						   "%4$s %3$s calls it and returns itself.");
			snprintf(line, sizeof line, en ? m : _(m), lv, s->tail[i].callee, f->name,
				 olv);
			ocmp_note(buf, len, &n, line);
		}
		for (size_t i = 0; i < s->n_vec; i++) {
			const struct ocmp_vec *v = s->vec[i].vec;
			if (o->present && ocmp_has_vec(o, v->where))
				continue;
			static const char m[] = N_("At %1$s gcc's report says the loop at line %2$u "
						   "was vectorized (%3$s): one instruction works "
						   "on several elements at once.");
			snprintf(line, sizeof line, en ? m : _(m), lv, v->line, v->text);
			ocmp_note(buf, len, &n, line);
		}
	}
	const struct ocmp_side *a = &f->side[0], *b = &f->side[1];
	if (a->present && b->present && a->section && b->section &&
	    strcmp(a->section, b->section) != 0) {
		for (int k = 0; k < 2; k++) {
			if (strcmp(f->side[k].section, ".text.startup") != 0)
				continue;
			static const char m[] = N_("At %1$s %2$s is in .text.startup, the section "
						   "where gcc puts code that runs once at start-up; "
						   "at %3$s it is in %4$s.");
			snprintf(line, sizeof line, en ? m : _(m), c->lv[k].flag, f->name,
				 c->lv[!k].flag, f->side[!k].section);
			ocmp_note(buf, len, &n, line);
			return n;
		}
		static const char m[] = N_("At %1$s %2$s is in %3$s; at %4$s in %5$s.");
		snprintf(line, sizeof line, en ? m : _(m), c->lv[0].flag, f->name, a->section,
			 c->lv[1].flag, b->section);
		ocmp_note(buf, len, &n, line);
	}
	return n;
}
