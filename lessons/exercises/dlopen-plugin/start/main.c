/* dlopen-plugin: a plugin loaded with dlopen() may call functions of the program that loads
 * it, but the loader finds only what the program exports in its dynamic symbol table
 * (.dynsym); ld puts there only what the shared objects of the link need, unless told. */
#include <dlfcn.h>
#include <stdio.h>

/* For plugins: they call this, as the program's service. */
void host_log(const char *msg)
{
	printf("host: %s\n", msg);
}

int main(void)
{
	void *h = dlopen("./plugin.so", RTLD_NOW);
	if (!h) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return 1;
	}
	void (*start)(void) = (void (*)(void))dlsym(h, "plugin_start");
	if (!start) {
		fprintf(stderr, "dlsym: %s\n", dlerror());
		return 1;
	}
	start();
	dlclose(h);
	return 0;
}
