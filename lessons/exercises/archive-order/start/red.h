/* red: the first archive's function, which needs blue() from the second archive. */
const char *red(void);
