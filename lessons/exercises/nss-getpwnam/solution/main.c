/* nss-getpwnam: getpwnam() asks the Name Service Switch, which reads /etc/nsswitch.conf and,
 * for every source but the built-in files and dns, loads a module libnss_NAME.so.2 with
 * dlopen at run time: a program linked with -static is not self-contained.
 * fgetpwent() only parses a file in the passwd format: no NSS, nothing to load. */
#include <pwd.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	FILE *db = fopen("/etc/passwd", "r");
	if (!db) {
		perror("/etc/passwd");
		return 1;
	}
	struct passwd *pw;
	while ((pw = fgetpwent(db)) && strcmp(pw->pw_name, "root") != 0)
		;
	if (!pw) {
		fputs("no user root\n", stderr);
		fclose(db);
		return 1;
	}
	printf("%s has uid %u\n", pw->pw_name, (unsigned)pw->pw_uid);
	fclose(db);
	return 0;
}
