/* plugin.c: plugin.so, loaded by the program at run time. host_log() is the program's:
 * the loader must find it when it loads the plugin. */
void host_log(const char *msg);

void plugin_start(void)
{
	host_log("the plugin is running");
}
