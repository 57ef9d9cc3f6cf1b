/* writes.c: a program that litters its working directory (the walk's directory): 1000
 * files with 250-character names (more directory entries than a few reads of it return), a
 * chain of directories 40 deep, a directory and a file it made unreadable, a FIFO, and
 * symbolic links to ".." and "/". All of it must go when the walk's directory is
 * removed, and nothing outside it may be touched. Four builds of it run at once in the same
 * directory, so every step tolerates what the others already made. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char name[300];
	int made = 0;
	if (mkdir("litter", 0700) < 0 && errno != EEXIST)
		return 1;
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof name, "litter/%0250d", i);
		int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			made++;
			close(fd);
		}
	}
	if (chdir("litter") < 0)
		return 1;
	/* a chain deeper than any fixed recursion limit */
	int depth = 0;
	for (; depth < 40; depth++) {
		if (mkdir("d", 0700) < 0 && errno != EEXIST)
			break;
		if (chdir("d") < 0)
			break;
		int fd = open("leaf", O_WRONLY | O_CREAT, 0600);
		if (fd >= 0)
			close(fd);
	}
	for (int i = 0; i < depth; i++)
		if (chdir("..") < 0)
			return 1;
	/* unreadable, unwritable things */
	mkdir("locked", 0700);
	int fd = open("locked/inside", O_WRONLY | O_CREAT, 0600);
	if (fd >= 0)
		close(fd);
	chmod("locked", 0);
	fd = open("no-access", O_WRONLY | O_CREAT, 0600);
	if (fd >= 0)
		close(fd);
	chmod("no-access", 0);
	mkfifo("fifo", 0600);
	symlink("..", "up");
	symlink("/", "root");
	printf("made %d files and %d directories deep\n", made, depth);
	return 0;
}
