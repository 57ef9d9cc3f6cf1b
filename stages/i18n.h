/* i18n: the gettext macros every user-visible sentence goes through.
 *
 * Contract: _("...") marks a sentence and returns its translation (or the English itself);
 * N_("...") marks a sentence in a static table, to be passed through _() where it is used;
 * ngettext(singular, plural, n) picks a real plural form for n. `make pot` runs xgettext
 * with these keywords (and the sentence layer's own, stages/say.h) over every source file.
 *
 * When configure found gettext and ngettext in the C library (glibc has them; no libintl)
 * and <libintl.h>, ENABLE_NLS is defined and these are gettext's. Otherwise, or with
 * ./configure --disable-nls, they are the identity: the English, with ngettext's English
 * rule (n == 1 takes the singular). i18n_init() binds the text domain once, after
 * setlocale(LC_ALL, ""); without it (or without an installed catalogue) the English shows.
 *
 * A sentence is written whole: never glue a sentence from fragments, since another language
 * orders its words differently. Where it has two or more arguments, they are positional
 * (%1$s, %2$u), so that a translation may reorder them.
 */
#ifndef CSTAGES_I18N_H
#define CSTAGES_I18N_H

#include "config.h"

#include <stdlib.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#undef ngettext
#define _(s) ((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (const char *)(s) : (const char *)(p))
#define textdomain(d) ((const char *)(d))
#define bindtextdomain(d, dir) ((const char *)(dir))
#endif
#define N_(s) s

/* A sentence in the user's language, or with en set the English itself, for the *_en twins
 * the JSON keeps; both are extracted (POT_KEYWORDS in Makefile.am names them). */
#define I18N_TR(en, s) ((en) ? (const char *)(s) : _(s))
#define I18N_NG(en, s, p, n) \
	((en) ? ((n) == 1 ? (const char *)(s) : (const char *)(p)) : ngettext(s, p, n))

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The languages of the interface: English (the sources' own) and Simplified Chinese. */
enum i18n_lang { I18N_EN = 0, I18N_ZH_CN = 1 };

/* Decide the interface's language once and make gettext and the C library follow it: call at
 * the start of main, after setlocale(LC_ALL, "") (lesson's --lang first sets CSTAGES_LANG).
 * The language, in order: want ("zh_CN" or "en", from --lang; NULL for none); else
 * $CSTAGES_LANG (the same two values); else, unless the messages' locale (the first set of $LC_ALL,
 * $LC_MESSAGES, $LANG) is C or POSIX, the first entry of $LANGUAGE that is zh_CN, zh_SG or
 * English (en, en_*, C); else that locale: zh_CN or zh_SG (gettext itself would fall back
 * from zh_SG to zh, not to zh_CN) gives Chinese, anything else (zh_TW and zh_HK too, until
 * a Traditional catalogue exists) English. The names decide, whether or not the locale is
 * generated.
 * For Chinese: LANGUAGE=zh_CN in the environment when the messages' locale is not already a
 * zh_CN one (gettext reads it, and lesson's children inherit it); LC_MESSAGES switched from
 * C to C.UTF-8 (glibc's gettext ignores LANGUAGE under exactly "C" or "POSIX") and LC_CTYPE
 * to C.UTF-8 when its character set is not UTF-8 (gettext converts a translation to it, and
 * ncursesw draws CJK only in UTF-8); without a C.UTF-8 locale, English. For English:
 * LC_MESSAGES is C, so the C library's messages (strerror) are English as well. Then the text
 * domain PACKAGE is bound: to the build tree's catalogues (ABS_BUILDDIR/po/locale) when this
 * binary runs from its build tree, else to LOCALEDIR; CSTAGES_LOCALEDIR, when set, names
 * another directory of catalogues (DIR/zh_CN/LC_MESSAGES/cstages.mo: the tests' own). Last, CSTAGES_LANG is set to the
 * language chosen, so that lesson's own child processes (the libclang parse, which runs like
 * a tool in the C locale, and the confinement) speak it too. Returns 0; -1 when want is
 * neither "zh_CN" nor "en" (nothing is changed then). */
int i18n_init_lang(const char *want);
/* i18n_init_lang(NULL). */
void i18n_init(void);
/* The language i18n_init_lang chose; English before it ran (gettext is not bound then). */
enum i18n_lang i18n_lang(void);
/* "zh_CN" or "en": the language's name in lesson's files (lessons/zh_CN/NAME.md,
 * exercise.zh_CN.md) and in --lang. */
const char *i18n_lang_name(void);
/* Why Chinese, asked for, could not be shown (no C.UTF-8 locale), or NULL. */
const char *i18n_lang_problem(void);

#endif
