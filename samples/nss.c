/* nss.c: two C library calls that glibc answers through the Name Service Switch (NSS).
 * Used by the lessons "glibc-static" (why glibc warns when such a program is linked
 * statically) and "musl" (the same program on a C library without NSS), and as the C
 * counterpart of Go's os/user and net in "go-stdlib" and "go-static".
 *
 * getpwnam() looks up a user and getaddrinfo() a host name. Which sources they consult
 * (the files /etc/passwd and /etc/hosts, DNS, systemd, LDAP...) is decided at run time by
 * /etc/nsswitch.conf, and glibc loads the code for most sources with dlopen(). So a static
 * link still depends on shared libraries at run time, and the linker says so. Compare:
 *
 *     gcc -o nss nss.c && ./nss                 dynamic: no warning
 *     gcc -static -o nss-static nss.c           static glibc: a warning per NSS function
 *     ./nss-static                              and what does the static one do at run time?
 *     musl-gcc -static -o nss-musl nss.c && ./nss-musl
 *
 * The arguments are user names to look up. The default is two: root, which /etc/passwd
 * answers, and nosuchuser, which no source knows, so glibc asks every source listed on the
 * passwd line of /etc/nsswitch.conf, loading the modules it needs.
 *
 * What the walkthrough shows, one fact a line (tests/samples.sh checks each one); what the
 * static glibc builds do when they run depends on the machine, so it is not a fact here:
 */
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	static char *defaults[] = { "root", "nosuchuser" };
	char **users = argc > 1 ? argv + 1 : defaults;
	int n = argc > 1 ? argc - 1 : 2, i;
	struct addrinfo hints, *res, *ai;
	struct passwd *pw;
	int err;

	/* Each line goes out at once, so a crash later still leaves the earlier output. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	err = getaddrinfo("localhost", NULL, &hints, &res);
	if (err != 0) {
		printf("getaddrinfo(\"localhost\"): %s\n", gai_strerror(err));
	} else {
		for (ai = res; ai != NULL; ai = ai->ai_next) {
			char host[NI_MAXHOST];

			if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof host,
					NULL, 0, NI_NUMERICHOST) == 0)
				printf("getaddrinfo(\"localhost\"): %s\n", host);
		}
		freeaddrinfo(res);
	}

	for (i = 0; i < n; i++) {
		pw = getpwnam(users[i]);
		if (pw != NULL)
			printf("getpwnam(\"%s\"): uid %u, home %s\n", users[i],
			       (unsigned)pw->pw_uid, pw->pw_dir);
		else
			printf("getpwnam(\"%s\"): no such user\n", users[i]);
	}
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: links
 * expect: warns (static, static-pie): getpwnam getaddrinfo
 * expect: quiet (dynamic, musl)
 * expect: runs (dynamic, musl): getpwnam("root")
 */
