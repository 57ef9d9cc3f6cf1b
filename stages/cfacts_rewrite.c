/* cfacts_rewrite: the rewrite rules. gcc's folding of printf, fprintf and fputs
 * (gimple-fold.cc in gcc 12): when the C library function's result is unused and its format
 * or string is a literal, gcc calls a simpler function that prints the same.
 *
 * Contract: cfacts_rewrite_decide() only decides: it returns the function gcc will call and
 * appends to w the codes that say why (cfacts_why.h); cfacts_builtin_rewrite() (cfacts.h)
 * puts them into words through cfacts_say.c. Needs no libclang: the call's facts are all in
 * its record. No state: safe from any thread.
 */
#include "config.h"

#include <string.h>

#include "stages/cfacts.h"
#include "stages/cfacts_why.h"

/* fputs(s, f) with s known: what gcc calls instead. */
static const char *cfacts_fold_fputs(const char *s, struct cfacts_whys *w)
{
	size_t n = strlen(s);
	if (n == 0) {
		CFACTS_WHY(w, .code = CFW_RW_FPUTS_EMPTY);
		return "";
	}
	if (n == 1) {
		CFACTS_WHY(w, .code = CFW_RW_FPUTS_ONE_CHAR, .s = s);
		return "fputc";
	}
	CFACTS_WHY(w, .code = CFW_RW_FPUTS_FWRITE, .n = n);
	return "fwrite";
}

static const char *cfacts_rewrite_printf(const struct cfacts_call *c, struct cfacts_whys *w)
{
	if (c->nargs < 1 || c->nargs > 2) {
		CFACTS_WHY(w, .code = CFW_RW_PRINTF_NARGS, .n = c->nargs);
		return NULL;
	}
	if (!c->fmt) {
		CFACTS_WHY(w, .code = CFW_RW_PRINTF_FMT_NOT_LITERAL);
		return NULL;
	}
	const char *str = NULL;
	if (!strcmp(c->fmt, "%s")) {
		if (c->nargs != 2 || !c->next_str) {
			CFACTS_WHY(w, .code = CFW_RW_PRINTF_S_NOT_LITERAL);
			return NULL;
		}
		str = c->next_str;
		CFACTS_WHY(w, .code = CFW_RW_PRINTF_S, .s = str);
	} else if (!strchr(c->fmt, '%')) {
		if (c->nargs == 2) {
			CFACTS_WHY(w, .code = CFW_RW_EXTRA_ARG);
			return NULL;
		}
		str = c->fmt;
	}
	if (str) {
		size_t n = strlen(str);
		if (n == 0) {
			CFACTS_WHY(w, .code = CFW_RW_PRINTF_EMPTY);
			return "";
		}
		if (n == 1) {
			CFACTS_WHY(w, .code = CFW_RW_PRINTF_PUTCHAR, .s = str);
			return "putchar";
		}
		if (str[n - 1] == '\n') {
			CFACTS_WHY(w, .code = CFW_RW_PRINTF_PUTS, .s = str);
			return "puts";
		}
		CFACTS_WHY(w, .code = CFW_RW_PRINTF_NO_NEWLINE);
		return NULL;
	}
	if (!strcmp(c->fmt, "%s\n") && c->nargs == 2 && c->next_is_ptr) {
		CFACTS_WHY(w, .code = CFW_RW_PRINTF_S_NL);
		return "puts";
	}
	if (!strcmp(c->fmt, "%c") && c->nargs == 2 && c->next_is_int) {
		CFACTS_WHY(w, .code = CFW_RW_PRINTF_C);
		return "putchar";
	}
	CFACTS_WHY(w, .code = CFW_RW_PRINTF_OTHER);
	return NULL;
}

static const char *cfacts_rewrite_fprintf(const struct cfacts_call *c, struct cfacts_whys *w)
{
	if (c->nargs < 2 || c->nargs > 3) {
		CFACTS_WHY(w, .code = CFW_RW_FPRINTF_NARGS, .n = c->nargs);
		return NULL;
	}
	if (!c->fmt) {
		CFACTS_WHY(w, .code = CFW_RW_FPRINTF_FMT_NOT_LITERAL);
		return NULL;
	}
	if (!strchr(c->fmt, '%')) {
		if (c->nargs == 3) {
			CFACTS_WHY(w, .code = CFW_RW_EXTRA_ARG);
			return NULL;
		}
		CFACTS_WHY(w, .code = CFW_RW_FPRINTF_FPUTS, .s = c->fmt);
		return cfacts_fold_fputs(c->fmt, w);
	}
	if (!strcmp(c->fmt, "%s") && c->nargs == 3 && c->next_is_ptr) {
		CFACTS_WHY(w, .code = CFW_RW_FPRINTF_S);
		if (c->next_str)
			return cfacts_fold_fputs(c->next_str, w);
		CFACTS_WHY(w, .code = CFW_RW_FPRINTF_S_NOT_LITERAL);
		return "fputs";
	}
	if (!strcmp(c->fmt, "%c") && c->nargs == 3 && c->next_is_int) {
		CFACTS_WHY(w, .code = CFW_RW_FPRINTF_C);
		return "fputc";
	}
	CFACTS_WHY(w, .code = CFW_RW_FPRINTF_OTHER);
	return NULL;
}

/* The function gcc will likely call instead of c's callee, as cfacts_builtin_rewrite()
 * returns it, and why in w. */
static const char *cfacts_rewrite_decide(const struct cfacts_call *c, struct cfacts_whys *w)
{
	if (!c->callee)
		return NULL;
	int is_printf = !strcmp(c->callee, "printf"), is_fprintf = !strcmp(c->callee, "fprintf");
	int is_fputs = !strcmp(c->callee, "fputs");
	if (!is_printf && !is_fprintf && !is_fputs)
		return NULL;
	if (c->no_builtin) {
		CFACTS_WHY(w, .code = CFW_RW_NO_BUILTIN, .name = c->callee);
		return NULL;
	}
	if (c->value_used) {
		CFACTS_WHY(w, .code = CFW_RW_VALUE_USED, .name = c->callee);
		return NULL;
	}
	if (is_fputs) {
		if (c->nargs != 2 || !c->fmt) {
			CFACTS_WHY(w, .code = CFW_RW_FPUTS_NOT_LITERAL);
			return NULL;
		}
		return cfacts_fold_fputs(c->fmt, w);
	}
	return is_printf ? cfacts_rewrite_printf(c, w) : cfacts_rewrite_fprintf(c, w);
}

const char *cfacts_builtin_rewrite(const struct cfacts_call *c, char *out, size_t len)
{
	struct cfacts_whys w = { .n = 0 };
	const char *r = cfacts_rewrite_decide(c, &w);
	if (r && strcmp(r, c->callee) != 0)
		CFACTS_WHY(&w, .code = CFW_RW_EVERY_LEVEL, .name = c->callee);
	if (out && len)
		cfacts_say_whys(&w, out, len);
	return r;
}
