/* plugin.c: a plugin for host.c, loaded at run time with dlopen(3).
 * Used by the lesson "dlopen" (plugins and hot reload).
 *
 * Build it as a shared object, then rebuild it while the host runs to see the host pick up
 * the new code without restarting (from this directory):
 *
 *     gcc -shared -fPIC -o plugin.so plugin.c
 *     gcc -shared -fPIC -DPLUGIN_VERSION=2 -o plugin.tmp.so plugin.c && mv plugin.tmp.so plugin.so
 *
 * Build into a temporary name and rename it: mv replaces the file in one step, so the host
 * never sees a half-written plugin, and the copy it has mapped is left alone.
 *
 * It has no main(): the walkthrough's links fail, and the object file is what matters
 * (tests/samples.sh checks it; tests/plugin.sh tests the hot reload):
 */
#include <stdio.h>

#ifndef PLUGIN_VERSION
#define PLUGIN_VERSION 1
#endif

/* State kept inside the plugin starts from zero again after every reload. */
static unsigned long plugin_calls;

/* gcc runs constructors when the object is loaded and destructors when it is unloaded,
 * so these two lines show when dlopen() and dlclose() really map and unmap the file. */
__attribute__((constructor)) static void plugin_loaded(void)
{
	printf("plugin v%d: loaded\n", PLUGIN_VERSION);
}

__attribute__((destructor)) static void plugin_unloaded(void)
{
	printf("plugin v%d: unloaded after %lu call(s)\n", PLUGIN_VERSION, plugin_calls);
}

/* The entry point the host looks up by name with dlsym(). The host keeps value across
 * reloads; each version of the plugin changes it its own way. */
long plugin_step(long value)
{
	long next = value + PLUGIN_VERSION;

	plugin_calls++;
	printf("plugin v%d: call %lu, %ld -> %ld\n", PLUGIN_VERSION, plugin_calls, value, next);
	return next;
}

/* What the lessons say this sample does; tests/samples.sh checks each line.
 * expect: assembles
 */
