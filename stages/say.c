/* say: the sentence layer's buffer and list helpers. See say.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "stages/say.h"

void say_init(struct say *s, char *buf, size_t len)
{
	s->buf = buf;
	s->len = len;
	s->used = 0;
	if (len)
		buf[0] = '\0';
}

static void say_vput(struct say *s, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void say_vput(struct say *s, const char *fmt, va_list ap)
{
	if (s->used + 1 >= s->len)
		return;
	int n = vsnprintf(s->buf + s->used, s->len - s->used, fmt, ap);
	if (n < 0) {
		s->buf[s->used] = '\0';
		return;
	}
	s->used += (size_t)n < s->len - s->used ? (size_t)n : s->len - s->used - 1;
}

void say_sentence(struct say *s, const char *fmt, ...)
{
	if (s->used + 2 >= s->len)
		return;
	if (s->used) {
		s->buf[s->used++] = ' ';
		s->buf[s->used] = '\0';
	}
	va_list ap;
	va_start(ap, fmt);
	say_vput(s, fmt, ap);
	va_end(ap);
}

void say_put(struct say *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say_vput(s, fmt, ap);
	va_end(ap);
}

const char *say_list_sep(size_t k, size_t total)
{
	if (k == 0)
		return "";
	/* TRANSLATORS: before the last item of a list: "a, b and c" */
	return k + 1 == total ? _(" and ") : _(", ");
}
