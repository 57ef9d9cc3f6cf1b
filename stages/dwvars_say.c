/* dwvars: the sentences about the variables' places. See dwvars.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stages/dwvars.h"
#include "stages/i18n.h"

/* The translation, or the English for the JSON. */
static const char *dwvars_tr(int en, const char *s) __attribute__((format_arg(2)));
static const char *dwvars_ng(int en, const char *s, const char *p, unsigned long long n)
	__attribute__((format_arg(2), format_arg(3)));

static const char *dwvars_tr(int en, const char *s)
{
	return en ? s : _(s);
}

static const char *dwvars_ng(int en, const char *s, const char *p, unsigned long long n)
{
	return en ? (n == 1 ? s : p) : ngettext(s, p, n);
}

const char *dwvars_place_text(const struct dwvars *d, const struct dwvars_place *p, char *buf,
			      size_t len)
{
	const struct dwvars_var *v = &d->vars[p->var];
	if (p->where == DWVARS_STACK)
		snprintf(buf, len, "%lld(%s)", p->off, dwvars_reg_name(p->reg, 8));
	else if (p->where == DWVARS_REG)
		snprintf(buf, len, "%s", dwvars_reg_name(p->reg, v->size));
	else if (len)
		*buf = '\0';
	return buf;
}

/* "int, 4 bytes", "int, 4 bytes, of sum inlined here" */
static void dwvars_about(const struct dwvars_var *v, int en, char *buf, size_t len)
{
	if (v->size >= 0 && v->inlined)
		/* TRANSLATORS: describes a variable: %1$s its C type, %2$lld its size, %3$s
		   the function it belongs to, whose body gcc copied into the one shown */
		snprintf(buf, len, dwvars_ng(en, "%1$s, %2$lld byte, of %3$s inlined here",
					     "%1$s, %2$lld bytes, of %3$s inlined here",
					     (unsigned long long)v->size), v->type, v->size,
			 v->inlined);
	else if (v->size >= 0)
		/* TRANSLATORS: describes a variable: %1$s its C type, %2$lld its size */
		snprintf(buf, len, dwvars_ng(en, "%1$s, %2$lld byte", "%1$s, %2$lld bytes",
					     (unsigned long long)v->size), v->type, v->size);
	else if (v->inlined)
		/* TRANSLATORS: describes a variable: %1$s its C type, %2$s the function it
		   belongs to, whose body gcc copied into the one shown */
		snprintf(buf, len, dwvars_tr(en, "%1$s, of %2$s inlined here"), v->type, v->inlined);
	else
		snprintf(buf, len, "%s", v->type);
}

static const char *dwvars_say_op(const struct dwvars *d, const struct dwvars_op *o, int en,
				 char *buf, size_t len)
{
	const struct dwvars_var *v = &d->vars[o->var];
	char about[300];
	dwvars_about(v, en, about, sizeof about);
	if (o->text[0] == '%')
		snprintf(buf, len, v->param ?
			 /* TRANSLATORS: %1$s a register ("%edi"), %2$s a name, %3$s its type
			    and size ("int, 4 bytes") */
			 dwvars_tr(en, "%1$s holds the parameter %2$s (%3$s) here.") :
			 dwvars_tr(en, "%1$s holds the local variable %2$s (%3$s) here."),
			 o->text, v->name, about);
	else if (o->indexed)
		snprintf(buf, len, v->param ?
			 /* TRANSLATORS: %1$s a memory operand ("-48(%rbp,%rax,4)"), %2$s a
			    name, %3$s its type and size; the index register picks the element */
			 dwvars_tr(en, "%1$s is an element of the parameter %2$s (%3$s), picked "
				   "by the index register.") :
			 dwvars_tr(en, "%1$s is an element of the local variable %2$s (%3$s), "
				   "picked by the index register."),
			 o->text, v->name, about);
	else if (o->into)
		snprintf(buf, len, v->param ?
			 /* TRANSLATORS: %1$s a memory operand ("-44(%rbp)"), %2$lld a count of
			    bytes, %3$s a name, %4$s its type and size */
			 dwvars_ng(en, "%1$s is %2$lld byte into the parameter %3$s (%4$s).",
				   "%1$s is %2$lld bytes into the parameter %3$s (%4$s).",
				   (unsigned long long)o->into) :
			 dwvars_ng(en, "%1$s is %2$lld byte into the local variable %3$s (%4$s).",
				   "%1$s is %2$lld bytes into the local variable %3$s (%4$s).",
				   (unsigned long long)o->into),
			 o->text, o->into, v->name, about);
	else
		snprintf(buf, len, v->param ?
			 /* TRANSLATORS: %1$s a memory operand ("-20(%rbp)"), %2$s a name, %3$s
			    its type and size ("int, 4 bytes") */
			 dwvars_tr(en, "%1$s is the parameter %2$s (%3$s).") :
			 dwvars_tr(en, "%1$s is the local variable %2$s (%3$s)."),
			 o->text, v->name, about);
	return buf;
}

const char *dwvars_op_say(const struct dwvars *d, const struct dwvars_op *o, char *buf,
			  size_t len)
{
	return dwvars_say_op(d, o, 0, buf, len);
}

const char *dwvars_op_say_en(const struct dwvars *d, const struct dwvars_op *o, char *buf,
			     size_t len)
{
	return dwvars_say_op(d, o, 1, buf, len);
}

const char *dwvars_place_say(const struct dwvars *d, const struct dwvars_place *p, char *buf,
			     size_t len)
{
	const struct dwvars_var *v = &d->vars[p->var];
	char at[64];
	dwvars_place_text(d, p, at, sizeof at);
	switch (p->where) {
	case DWVARS_STACK:
		/* TRANSLATORS: %1$s a variable's name, %2$s its stack slot ("-20(%rbp)") */
		snprintf(buf, len, _("%1$s is in the stack slot %2$s here."), v->name, at);
		break;
	case DWVARS_REG:
		/* TRANSLATORS: %1$s a variable's name, %2$s a register ("%edi") */
		snprintf(buf, len, _("%1$s is in %2$s here."), v->name, at);
		break;
	case DWVARS_VALUE:
		/* TRANSLATORS: %s a variable's name: DWARF can compute its value here, but no
		   register or memory holds it */
		snprintf(buf, len, _("%s is kept nowhere here: the debug information can only "
				     "compute its value."), v->name);
		break;
	case DWVARS_OTHER:
		/* TRANSLATORS: %s a variable's name */
		snprintf(buf, len, _("%s is split across places here."), v->name);
		break;
	default:
		/* TRANSLATORS: %s a variable's name: the debug information gives it no place
		   at this instruction */
		snprintf(buf, len, _("%s is optimized out here."), v->name);
	}
	return buf;
}

const char *dwvars_line_say(const struct dwvars *d, size_t g_line, char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		*buf = '\0';
	if (!d || g_line < 1 || g_line > d->n_lines)
		return buf;
	const struct dwvars_line *l = &d->lines[g_line];
	char one[400];
	for (size_t k = l->op; k < l->op + l->n_ops && o < len; k++) {
		/* an operand written twice on a line (addl %eax, %eax) is said once */
		int seen = 0;
		for (size_t j = l->op; j < k; j++)
			seen |= d->ops[j].var == d->ops[k].var &&
				strcmp(d->ops[j].text, d->ops[k].text) == 0;
		if (!seen)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "",
					      dwvars_op_say(d, &d->ops[k], one, sizeof one));
	}
	for (size_t k = l->place; k < l->place + l->n_places && o < len; k++) {
		const struct dwvars_place *p = &d->places[k];
		int named = 0;
		for (size_t j = l->op; j < l->op + l->n_ops; j++)
			named |= d->ops[j].var == p->var;
		if (p->where != DWVARS_STACK && !named)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "",
					      dwvars_place_say(d, p, one, sizeof one));
	}
	return buf;
}

const char *dwvars_line_note(const struct dwvars *d, size_t g_line, char *buf, size_t len)
{
	size_t o = 0;
	if (len)
		*buf = '\0';
	if (!d || g_line < 1 || g_line > d->n_lines)
		return buf;
	const struct dwvars_line *l = &d->lines[g_line];
	for (size_t i = l->op; i < l->op + l->n_ops && o < len; i++) {
		const struct dwvars_op *op = &d->ops[i];
		/* the same variable twice on a line (movl %eax, %eax) is named once */
		int seen = 0;
		for (size_t j = l->op; j < i; j++)
			seen |= d->ops[j].var == op->var && strcmp(d->ops[j].text, op->text) == 0;
		if (seen)
			continue;
		/* an element picked by an index register: "arr[] = ..."; a part at a fixed
		 * distance: "arr+4 = ..." */
		char part[32] = "";
		if (op->indexed)
			snprintf(part, sizeof part, "[]");
		else if (op->into)
			snprintf(part, sizeof part, "+%lld", op->into);
		o += (size_t)snprintf(buf + o, len - o, "%s%s%s = %s", o ? ", " : "",
				      d->vars[op->var].name, part, op->text);
	}
	return buf;
}

static const char *const dwvars_where_names[DWVARS_WHERE_COUNT] = {
	N_("optimized out"), N_("stack slot"), N_("register"), N_("kept nowhere (value computed)"),
	N_("in pieces"),
};

const char *dwvars_where_name(int where)
{
	return where >= 0 && where < DWVARS_WHERE_COUNT ? _(dwvars_where_names[where]) : "?";
}

const char *dwvars_where_name_en(int where)
{
	return where >= 0 && where < DWVARS_WHERE_COUNT ? dwvars_where_names[where] : "?";
}
