/* blue: the second archive's function. */
const char *blue(void);
