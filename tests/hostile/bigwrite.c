/* bigwrite.c: a program that writes 1 GB into a file in its working directory, a megabyte
 * at a time, then prints how many megabytes it wrote and why it stopped. lesson must end
 * with the walk directory, the file with it, removed, whatever the disk allowed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	static char mb[1 << 20];
	memset(mb, 'x', sizeof mb);
	int fd = open("big", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		printf("cannot create big: %s\n", strerror(errno));
		return 1;
	}
	int n = 0, err = 0;
	for (; n < 1024 && !err; n++) {
		/* a short write (the disk filled in the middle) is followed by one that fails */
		for (size_t done = 0; done < sizeof mb;) {
			ssize_t w = write(fd, mb + done, sizeof mb - done);
			if (w < 0) {
				err = errno;
				break;
			}
			done += (size_t)w;
		}
	}
	if (err)
		printf("wrote %d MB: %s\n", n - 1, strerror(err));
	else
		printf("wrote %d MB\n", n);
	return err != 0;
}
