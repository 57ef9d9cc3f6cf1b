size,
          size_t __n, FILE *__restrict __stream);







extern int fseek (FILE *__stream, long int __off, int __whence);




extern long int ftell (FILE *__stream) ;




extern void rewind (FILE *__stream);
# 736 "/usr/include/stdio.h" 3 4
extern int fseeko (FILE *__stream, __off_t __off, int __whence);




extern __off_t ftello (FILE *__stream) ;
# 760 "/usr/include/stdio.h" 3 4
extern int fgetpos (FILE *__restrict __stream, fpos_t *__restrict __pos);




extern int fsetpos (FILE *__stream, const fpos_t *__pos);
# 786 "/usr/include/stdio.h" 3 4
extern void clearerr (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__));

extern int feof (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;

extern int ferror (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;



extern void clearerr_unlocked (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__));
extern int feof_unlocked (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;
extern int ferror_unlocked (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;







extern void perror (const char *__s);




extern int fileno (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;




extern int fileno_unlocked (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;
# 823 "/usr/include/stdio.h" 3 4
extern int pclose (FILE *__stream);





extern FILE *popen (const char *__command, const char *__modes)
  __attribute__ ((__malloc__)) __attribute__ ((__malloc__ (pclose, 1))) ;






extern char *ctermid (char *__s) __attribute__ ((__nothrow__ , __leaf__))
  __attribute__ ((__access__ (__write_only__, 1)));
# 867 "/usr/include/stdio.h" 3 4
extern void flockfile (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__));



extern int ftrylockfile (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__)) ;


extern void funlockfile (FILE *__stream) __attribute__ ((__nothrow__ , __leaf__));
# 885 "/usr/include/stdio.h" 3 4
extern int __uflow (FILE *);
extern int __overflow (FILE *, int);
# 909 "/usr/include/stdio.h" 3 4

# 17 "samples/macros.c" 2







# 23 "samples/macros.c"
static int counter_calls;


static int next(void)
{
 return ++counter_calls;
}

int main(void)
{
 int i;

 for (i = 0; i < 3; i++)
  printf("%-22s = %d\n", "SQUARE(i + 1)", (((i + 1) * (i + 1))));


 printf("%-22s = %d\n", "SQUARE(next())", (((next()) * (next()))));
 printf("%-22s = %d\n", "COUNTER(calls)", (counter_calls));

 printf("this line is line %d of %s\n", 42, "samples/macros.c");
 printf("__STDC_VERSION__ = %ldL\n", (long)201710L);




 puts("VERBOSE was not defined: the other branch of the #ifdef is gone from the .i file.");






 puts("_GNU_SOURCE      not defined");


 puts("_DEFAULT_SOURCE  defined: POSIX.1-2008, ISO C, and BSD and System V extras");




 printf("_POSIX_C_SOURCE  = %ldL\n", (long)
# 63 "samples/macros.c" 3 4
                                          200809L
# 63 "samples/macros.c"
                                                         );






 return 0;
}
