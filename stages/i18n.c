/* i18n: the interface's language, decided once, and gettext bound to it. See i18n.h. */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages/i18n.h"

#ifndef ABS_BUILDDIR
#define ABS_BUILDDIR "" /* a build of a few modules alone (the fuzzers): installed paths */
#endif

static enum i18n_lang i18n_chosen = I18N_EN;
static const char *i18n_problem;

/* The language a locale or LANGUAGE entry names: 1 Chinese (zh_CN, zh_SG, with any
 * .charset or @modifier), 0 English (en, en_*, C, POSIX, C.UTF-8), -1 another language. */
static int i18n_classify(const char *name)
{
	size_t n = strcspn(name, ".@");
	if ((n == 5 && (strncmp(name, "zh_CN", 5) == 0 || strncmp(name, "zh_SG", 5) == 0)))
		return 1;
	if ((n == 2 && strncmp(name, "en", 2) == 0) || strncmp(name, "en_", 3) == 0 ||
	    (n == 1 && name[0] == 'C') || strcmp(name, "POSIX") == 0)
		return 0;
	return -1;
}

/* The locale the messages' category takes from the environment, or NULL for none. */
static const char *i18n_env_messages(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static int i18n_is_c(const char *name)
{
	return !name || !*name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* The language the environment asks for, as gettext would read it (i18n.h). */
static enum i18n_lang i18n_from_env(void)
{
	const char *msgs = i18n_env_messages();
	const char *language = getenv("LANGUAGE");
	if (!i18n_is_c(msgs) && language && *language) {
		char entry[64];
		for (const char *p = language; *p;) {
			size_t n = strcspn(p, ":");
			if (n > 0 && n < sizeof entry) {
				memcpy(entry, p, n);
				entry[n] = '\0';
				int c = i18n_classify(entry);
				if (c >= 0)
					return c ? I18N_ZH_CN : I18N_EN;
			}
			p += n;
			if (*p == ':')
				p++;
		}
	}
	return msgs && i18n_classify(msgs) == 1 ? I18N_ZH_CN : I18N_EN;
}

/* Where the catalogues are: CSTAGES_LOCALEDIR's when set (the tests' own); the build tree's
 * when this binary runs from it (as lessons/datadir.c finds the source tree); else the
 * installed ones. */
static const char *i18n_localedir(void)
{
	const char *env = getenv("CSTAGES_LOCALEDIR");
	if (env && *env)
		return env;
	static char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (strcmp(exe, ABS_BUILDDIR) == 0)
				return ABS_BUILDDIR "/po/locale";
		}
	}
	return LOCALEDIR;
}

/* Make gettext and the C library speak Chinese; 0, or -1 when no locale allows it. */
static int i18n_use_chinese(void)
{
	/* (setlocale's names are not kept across another call of it: decide first) */
	const char *msgs = setlocale(LC_MESSAGES, NULL);
	int msgs_c = i18n_is_c(msgs), msgs_zh = msgs && strncmp(msgs, "zh_CN", 5) == 0;
	const char *language = getenv("LANGUAGE");
	/* the catalogue is zh_CN's: gettext finds it by the locale's own name only for zh_CN */
	if (!msgs_zh || (language && *language && strncmp(language, "zh_CN", 5) != 0))
		setenv("LANGUAGE", "zh_CN", 1);
	const char *ctype = setlocale(LC_CTYPE, NULL);
	char *keep_ctype = ctype ? strdup(ctype) : NULL;
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && !setlocale(LC_CTYPE, "C.UTF-8")) {
		free(keep_ctype);
		return -1;
	}
	if (msgs_c && !setlocale(LC_MESSAGES, "C.UTF-8")) {
		if (keep_ctype)
			setlocale(LC_CTYPE, keep_ctype);
		free(keep_ctype);
		return -1;
	}
	free(keep_ctype);
	return 0;
}

int i18n_init_lang(const char *want)
{
	enum i18n_lang l;
	const char *set = getenv("CSTAGES_LANG");
	if (want && strcmp(want, "zh_CN") != 0 && strcmp(want, "en") != 0)
		return -1;
	if (!want && set && (strcmp(set, "zh_CN") == 0 || strcmp(set, "en") == 0))
		want = set;
	l = want ? (strcmp(want, "zh_CN") == 0 ? I18N_ZH_CN : I18N_EN) : i18n_from_env();
	i18n_problem = NULL;
#ifdef ENABLE_NLS
	if (l == I18N_ZH_CN && i18n_use_chinese() < 0) {
		i18n_problem = N_("Chinese needs a UTF-8 locale (C.UTF-8 or zh_CN.UTF-8), and "
				  "this system has none: lesson speaks English");
		l = I18N_EN;
	}
	if (l == I18N_EN)
		setlocale(LC_MESSAGES, "C");
	(void)bindtextdomain(PACKAGE, i18n_localedir());
	(void)textdomain(PACKAGE);
#else
	(void)i18n_use_chinese;
	(void)i18n_localedir;
	l = I18N_EN; /* built without gettext: the lessons follow the messages */
#endif
	i18n_chosen = l;
	/* lesson's own children (the libclang parse, run like a tool in the C locale; the
	 * confinement of the program) decide the same */
	setenv("CSTAGES_LANG", i18n_lang_name(), 1);
	return 0;
}

void i18n_init(void)
{
	(void)i18n_init_lang(NULL);
}

enum i18n_lang i18n_lang(void)
{
	return i18n_chosen;
}

const char *i18n_lang_name(void)
{
	return i18n_chosen == I18N_ZH_CN ? "zh_CN" : "en";
}

const char *i18n_lang_problem(void)
{
	return i18n_problem ? _(i18n_problem) : NULL;
}
