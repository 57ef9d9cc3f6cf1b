/* nss-getpwnam: getpwnam() asks the Name Service Switch, which reads /etc/nsswitch.conf and,
 * for every source but the built-in files and dns, loads a module libnss_NAME.so.2 with
 * dlopen at run time: a program linked with -static is not self-contained. */
#include <pwd.h>
#include <stdio.h>

int main(void)
{
	struct passwd *pw = getpwuid(0);
	if (!pw) {
		fputs("no user root\n", stderr);
		return 1;
	}
	printf("%s has uid %u\n", pw->pw_name, (unsigned)pw->pw_uid);
	return 0;
}
