/* linkargs: the arguments after `--` that lesson will not hand to its links. See linkargs.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "stages/i18n.h"
#include "stages/linkargs.h"

/* s starts with prefix. */
static int linkargs_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One long option of the linker: its name, how short ld lets it be abbreviated, and why it
 * is refused. A minimum of the name's own length means the name exactly. */
struct linkargs_ld_opt {
	const char *name;
	size_t min;
	enum linkargs_why why;
};

static const struct linkargs_ld_opt linkargs_ld_opts[] = {
	{ "output", 4, LINKARGS_OUTPUT },	   /* --outp already is --output */
	{ "Map", 3, LINKARGS_OUTPUT },
	{ "out-implib", 5, LINKARGS_OUTPUT },
	{ "dependency-file", 4, LINKARGS_OUTPUT },
	{ "relocatable", 4, LINKARGS_KIND },
	{ "r", 1, LINKARGS_KIND },
	{ "i", 1, LINKARGS_KIND },
	{ "Ur", 2, LINKARGS_KIND },
	{ "shared", 6, LINKARGS_KIND },
	{ "Bshareable", 10, LINKARGS_KIND },
	{ "oformat", 3, LINKARGS_KIND },
	{ "help", 4, LINKARGS_PRINTS },
	{ "version", 7, LINKARGS_PRINTS },	   /* not --version-script */
	{ "target-help", 11, LINKARGS_PRINTS },
};

/* One argument for the linker (an item of -Wl, or the argument after -Xlinker). */
static enum linkargs_why linkargs_ld(const char *it)
{
	if (it[0] == '@')
		return LINKARGS_RESPONSE;
	/* ld: "multiple letter options that start with a lower case 'o' can only be preceded
	 * by two dashes": -o, -oFILE, -omagic all name the output */
	if (it[0] == '-' && it[1] == 'o')
		return LINKARGS_OUTPUT;
	if (it[0] != '-')
		return LINKARGS_OK; /* a file, or the value of the option before it */
	const char *name = it[1] == '-' ? it + 2 : it + 1;
	size_t len = strcspn(name, "=");
	for (size_t k = 0; k < sizeof linkargs_ld_opts / sizeof *linkargs_ld_opts; k++) {
		const struct linkargs_ld_opt *o = &linkargs_ld_opts[k];
		if (len >= o->min && len <= strlen(o->name) && strncmp(name, o->name, len) == 0)
			return o->why;
	}
	return LINKARGS_OK;
}

/* One argument for the assembler (-Wa, -Xassembler): its output, its listing file
 * (-a...=FILE), its dependency file (--MD FILE). */
static enum linkargs_why linkargs_as(const char *it)
{
	if (it[0] == '@')
		return LINKARGS_RESPONSE;
	if (linkargs_starts(it, "-o") || strcmp(it, "--MD") == 0 ||
	    (linkargs_starts(it, "-a") && strchr(it, '=')))
		return LINKARGS_OUTPUT;
	return LINKARGS_OK;
}

/* One argument for the preprocessor (-Wp, -Xpreprocessor): its output, its dependencies. */
static enum linkargs_why linkargs_cpp(const char *it)
{
	if (it[0] == '@')
		return LINKARGS_RESPONSE;
	if (linkargs_starts(it, "-o"))
		return LINKARGS_OUTPUT;
	if (linkargs_starts(it, "-M"))
		return LINKARGS_KIND;
	return LINKARGS_OK;
}

/* Each comma-separated item of a -Wl, -Wa or -Wp list (after its prefix of 4 bytes). */
static enum linkargs_why linkargs_list(const char *arg, enum linkargs_why (*one)(const char *))
{
	char item[4096];
	for (const char *s = arg + 4; *s;) {
		size_t n = strcspn(s, ",");
		if (n < sizeof item) {
			memcpy(item, s, n);
			item[n] = '\0';
			enum linkargs_why why = one(item);
			if (why != LINKARGS_OK)
				return why;
		}
		s += n + (s[n] == ',');
	}
	return LINKARGS_OK;
}

static const char *const linkargs_kind_opts[] = {
	"-c", "-S", "-E", "-shared", "--shared", "-r", "-fsyntax-only", "--compile", "--assemble",
	"--preprocess", "--dependencies", "--user-dependencies", "--write-dependencies",
	"--write-user-dependencies", "--print-missing-file-dependencies",
};

static const char *const linkargs_print_opts[] = {
	"--help", "-help", "--target-help", "--version", "-###", "-dumpspecs", "-dumpversion",
	"-dumpfullversion", "-dumpmachine",
};

/* One argument for gcc: why it is refused; *pair is set to 1 when the argument after it is
 * its value (and is named with it). */
static enum linkargs_why linkargs_cc(const char *a, int *pair)
{
	*pair = 0;
	if (a[0] == '@')
		return LINKARGS_RESPONSE;
	for (size_t k = 0; k < sizeof linkargs_kind_opts / sizeof *linkargs_kind_opts; k++)
		if (strcmp(a, linkargs_kind_opts[k]) == 0)
			return LINKARGS_KIND;
	for (size_t k = 0; k < sizeof linkargs_print_opts / sizeof *linkargs_print_opts; k++)
		if (strcmp(a, linkargs_print_opts[k]) == 0)
			return LINKARGS_PRINTS;
	if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "-dumpbase") == 0 ||
	    strcmp(a, "-dumpdir") == 0 || strcmp(a, "-dumpbase-ext") == 0 ||
	    strcmp(a, "-aux-info") == 0) {
		*pair = 1;
		return LINKARGS_OUTPUT;
	}
	if (linkargs_starts(a, "-o") || linkargs_starts(a, "--output=") ||
	    linkargs_starts(a, "-save-temps") || linkargs_starts(a, "--save-temps") ||
	    linkargs_starts(a, "-dump"))
		return LINKARGS_OUTPUT;
	if (linkargs_starts(a, "-fdump-") && strchr(a, '=')) {
		const char *to = strchr(a, '=') + 1;
		return strcmp(to, "stdout") == 0 || strcmp(to, "stderr") == 0 ? LINKARGS_OK :
										  LINKARGS_OUTPUT;
	}
	if (linkargs_starts(a, "-M")) {
		*pair = strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 || strcmp(a, "-MQ") == 0;
		return LINKARGS_KIND;
	}
	if (linkargs_starts(a, "--help=") || linkargs_starts(a, "-print-") ||
	    linkargs_starts(a, "--print-"))
		return LINKARGS_PRINTS;
	if (linkargs_starts(a, "-Wl,"))
		return linkargs_list(a, linkargs_ld);
	if (linkargs_starts(a, "-Wa,"))
		return linkargs_list(a, linkargs_as);
	if (linkargs_starts(a, "-Wp,"))
		return linkargs_list(a, linkargs_cpp);
	return LINKARGS_OK;
}

enum linkargs_why linkargs_check(char *const *args, size_t n, struct linkargs_bad *bad)
{
	for (size_t i = 0; i < n; i++) {
		const char *a = args[i];
		enum linkargs_why why;
		int pair = 0;
		/* -Xlinker ARG, -Xassembler ARG, -Xpreprocessor ARG: ARG is for that tool */
		if (i + 1 < n && strcmp(a, "-Xlinker") == 0) {
			why = linkargs_ld(args[i + 1]);
			pair = 1;
		} else if (i + 1 < n && strcmp(a, "-Xassembler") == 0) {
			why = linkargs_as(args[i + 1]);
			pair = 1;
		} else if (i + 1 < n && strcmp(a, "-Xpreprocessor") == 0) {
			why = linkargs_cpp(args[i + 1]);
			pair = 1;
		} else {
			why = linkargs_cc(a, &pair);
		}
		if (why != LINKARGS_OK) {
			if (bad) {
				bad->at = i;
				bad->n = pair && i + 1 < n ? 2 : 1;
			}
			return why;
		}
		if (pair)
			i++; /* the value is not an option of its own */
	}
	return LINKARGS_OK;
}

void linkargs_say(enum linkargs_why why, const char *arg, char *buf, size_t len)
{
	switch (why) {
	case LINKARGS_OUTPUT:
		/* TRANSLATORS: %s is the refused argument, quoted; "--" is typed as is */
		snprintf(buf, len, _("the link argument %s chooses where the link writes, or has "
				     "it write more files; lesson chooses where each link writes (each "
				     "of its links makes its own program in the walk directory, where "
				     "lesson reads it), so leave it out"), arg);
		return;
	case LINKARGS_KIND:
		/* TRANSLATORS: %s is the refused argument, quoted */
		snprintf(buf, len, _("the link argument %s makes the link produce something other "
				     "than a program (preprocessed text, assembly, an object, a shared "
				     "library or a list of dependencies); lesson chooses where each "
				     "link writes and what it makes (it runs each stage itself), so "
				     "leave it out"), arg);
		return;
	case LINKARGS_PRINTS:
		/* TRANSLATORS: %s is the refused argument, quoted */
		snprintf(buf, len, _("the link argument %s makes gcc or the linker print something "
				     "instead of linking, and lesson chooses where each link writes; "
				     "run it with gcc by hand instead"), arg);
		return;
	case LINKARGS_RESPONSE:
		/* TRANSLATORS: %s is the refused argument, quoted */
		snprintf(buf, len, _("the link argument %s reads more arguments from a file, where "
				     "lesson cannot check them, and lesson chooses where each link "
				     "writes; give them after -- instead"), arg);
		return;
	case LINKARGS_OK:
		break;
	}
	snprintf(buf, len, "%s", "");
}
