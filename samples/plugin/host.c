/* host.c: a program that loads plugin.so with dlopen(3) and reloads it when it changes.
 * Used by the lesson "dlopen" (dlopen, dlsym, dlclose, and hot reload); "static-pie"
 * and "musl" build it their own ways.
 *
 * Build and run it from this directory (no -ldl is needed since glibc 2.34, where libdl
 * was merged into libc; older systems need it at the end of the command):
 *
 *     gcc -o host host.c
 *     gcc -shared -fPIC -o plugin.so plugin.c
 *     ./host ./plugin.so 60
 *
 * Then, from a second terminal in the same directory, rebuild the plugin:
 *
 *     gcc -shared -fPIC -DPLUGIN_VERSION=2 -o plugin.tmp.so plugin.c && mv plugin.tmp.so plugin.so
 *
 * The host notices the new modification time, unloads the old code and loads the new.
 * It stops by itself after ITERATIONS polls (default 40, one every half second), or when
 * its standard input reaches end of file (Ctrl-D on a terminal; at once from /dev/null),
 * so an automated run always ends.
 *
 * What the walkthrough shows, one fact a line (tests/samples.sh checks each one; the
 * hot reload itself is tested by tests/plugin.sh):
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOST_POLL_MS 500

struct host_plugin {
	void *handle;
	long (*step)(long);
	struct timespec mtime;  /* of the file that is loaded now */
	ino_t ino;
	struct timespec seen;   /* a change seen at the last poll, not yet loaded */
	ino_t seen_ino;
	int pending;
};

static int host_same(const struct timespec *a, ino_t ia, const struct timespec *b, ino_t ib)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec && ia == ib;
}

/* Unload the current code, if any, and load the file at path. */
static int host_load(struct host_plugin *p, const char *path, const struct stat *st)
{
	void *h;

	if (p->handle != NULL) {
		/* The old handle must go first: while a file of the same name is loaded,
		 * dlopen() would hand back the old object instead of reading the new file. */
		dlclose(p->handle);
		p->handle = NULL;
		p->step = NULL;
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		fprintf(stderr, "host: %s\n", dlerror());
		return -1;
	}
	/* dlsym() returns void *; POSIX guarantees it can hold a function's address. */
	*(void **)&p->step = dlsym(h, "plugin_step");
	if (p->step == NULL) {
		fprintf(stderr, "host: %s\n", dlerror());
		dlclose(h);
		return -1;
	}
	p->handle = h;
	p->mtime = st->st_mtim;
	p->ino = st->st_ino;
	return 0;
}

/* Reload when the file changed, but only once it has looked the same for two polls in a
 * row, so that a plugin still being written is not loaded half-way. */
static void host_check(struct host_plugin *p, const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1) {
		perror(path);
		return;
	}
	if (p->handle == NULL) {
		host_load(p, path, &st);
		return;
	}
	if (host_same(&st.st_mtim, st.st_ino, &p->mtime, p->ino)) {
		p->pending = 0;
		return;
	}
	if (p->pending && host_same(&st.st_mtim, st.st_ino, &p->seen, p->seen_ino)) {
		printf("host: %s changed, reloading\n", path);
		p->pending = 0;
		host_load(p, path, &st);
		return;
	}
	p->pending = 1;
	p->seen = st.st_mtim;
	p->seen_ino = st.st_ino;
}

/* Wait up to ms milliseconds; 1 when standard input has reached end of file. */
static int host_wait(int ms)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	char buf[256];
	ssize_t n;

	if (poll(&pfd, 1, ms) <= 0)
		return 0;
	if (pfd.revents & POLLNVAL) {
		/* No standard input at all: just sleep. */
		poll(NULL, 0, ms);
		return 0;
	}
	n = read(STDIN_FILENO, buf, sizeof buf);
	return n <= 0;
}

int main(int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : "./plugin.so";
	long iterations = argc > 2 ? strtol(argv[2], NULL, 10) : 40;
	struct host_plugin p = { 0 };
	char *path;
	long value = 0, i;

	/* A name without a slash makes dlopen() search the library path (LD_LIBRARY_PATH,
	 * ld.so.cache, /lib...), not the current directory; "./" makes it a path. */
	if (strchr(arg, '/') == NULL) {
		path = malloc(strlen(arg) + 3);
		if (path == NULL)
			return 1;
		strcpy(path, "./");
		strcat(path, arg);
	} else {
		path = strdup(arg);
		if (path == NULL)
			return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("host: watching %s, %ld polls, every %d ms\n", path, iterations, HOST_POLL_MS);

	for (i = 0; i < iterations; i++) {
		host_check(&p, path);
		if (p.step != NULL)
			value = p.step(value);
		if (host_wait(HOST_POLL_MS)) {
			printf("host: end of input, stopping\n");
			break;
		}
	}
	if (p.handle != NULL)
		dlclose(p.handle);
	printf("host: done, value %ld\n", value);
	free(path);
	return 0;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: links
 * expect: warns (static, static-pie): dlopen
 * expect: quiet (dynamic, musl)
 * expect: runs (all): host: done
 */
