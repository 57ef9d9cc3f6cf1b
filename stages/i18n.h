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

/* Bind the program's text domain (PACKAGE, "cstages") to LOCALEDIR: call once, at the start
 * of main, after setlocale(LC_ALL, ""). CSTAGES_LOCALEDIR, when set, names another directory
 * of catalogues (DIR/zh_CN/LC_MESSAGES/cstages.mo): the tests' own, before installation. */
static inline void i18n_init(void)
{
	const char *dir = getenv("CSTAGES_LOCALEDIR");

	(void)bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	(void)textdomain(PACKAGE);
}

#endif
