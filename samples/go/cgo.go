// cgo.go: a small cgo program: Go code calling C code, beside a standard package that
// has a cgo form of its own.
// Used by the lessons "cgo" (how import "C" works and what it costs) and "go-static"
// (scenarios 2 and 5: cgo code of your own that uses nothing glibc loads at run time).
//
// The comment right above import "C" is the preamble: C source that cgo hands to gcc.
// Go code reaches what it declares through the pseudo-package C (C.twice, C.say...).
// The call to user.Current goes through os/user, which uses glibc's getpwuid_r when cgo
// is on, unless the osusergo build tag selects its pure-Go form.
// Build it from this directory; cgo needs a C compiler, and CGO_ENABLED=1 (the default
// for native builds when one is found):
//
//	go build -o cgo cgo.go && ./cgo
//	go build -x -work -o cgo cgo.go     prints each cgo and gcc command, keeps $WORK
//	CGO_ENABLED=0 go build cgo.go       fails: without cgo, no Go file is left to build
//
// Linked statically, the C code here brings no warning; os/user's cgo form does, until
// the osusergo tag replaces it:
//
//	go build -ldflags '-linkmode external -extldflags -static' -o cgo-static cgo.go
//	go build -tags osusergo -ldflags '-linkmode external -extldflags -static' -o cgo-static cgo.go
package main

/*
#include <stdio.h>
#include <stdlib.h>

static int twice(int x)
{
	return 2 * x;
}

static void say(const char *s)
{
	printf("C says: %s\n", s);
	fflush(stdout);
}
*/
import "C"

import (
	"fmt"
	"os/user"
	"unsafe"
)

func main() {
	fmt.Println("C.twice(21) =", C.twice(21))

	// A Go string is not a C string: C.CString copies it into memory from C's malloc,
	// which the Go garbage collector does not manage, so it must be freed by hand.
	msg := C.CString("hello from Go")
	defer C.free(unsafe.Pointer(msg))
	C.say(msg)

	if u, err := user.Current(); err == nil {
		fmt.Printf("user.Current(): %s, uid %s\n", u.Username, u.Uid)
	} else {
		fmt.Println("user.Current():", err)
	}
}
