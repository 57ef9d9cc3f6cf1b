// cgo-plain.go: user.go with cgo code of its own that calls nothing that makes the C
// library load code at run time: arithmetic and strlen, which libc.a holds in full.
// Used by the lesson "go-static": the middle column of its six cases, between
// cgo-nss.go (your cgo calls NSS functions) and user.go (no cgo of yours).
//
// Your C code makes the Go linker link externally, through gcc, so -extldflags reaches a
// linker. Whatever glibc warns about in a static link then comes from the standard
// library's cgo forms of os/user and net; the tags netgo and osusergo remove them, and
// the static program has no NSS lookup left:
//
//	go build -ldflags '-extldflags -static' -o cgo-plain cgo-plain.go       static
//	go build -tags netgo,osusergo -ldflags '-extldflags -static' -o cgo-plain-go cgo-plain.go
//	readelf -l cgo-plain-go | grep INTERP; ./cgo-plain-go
//
// The arguments are user names to look up (default: root and nosuchuser).
package main

/*
#include <stdlib.h>
#include <string.h>

static int twice(int x)
{
	return 2 * x;
}

static int c_len(const char *s)
{
	return (int)strlen(s);
}
*/
import "C"

import (
	"fmt"
	"net"
	"os"
	"os/user"
	"unsafe"
)

func main() {
	names := os.Args[1:]
	if len(names) == 0 {
		names = []string{"root", "nosuchuser"}
	}

	fmt.Println("C twice(21) =", C.twice(21))

	addrs, err := net.LookupHost("localhost")
	if err != nil {
		fmt.Println("net.LookupHost(\"localhost\"):", err)
	} else {
		fmt.Println("net.LookupHost(\"localhost\"):", addrs)
	}

	for _, name := range names {
		cname := C.CString(name)
		fmt.Printf("C strlen(%q) = %d\n", name, C.c_len(cname))
		C.free(unsafe.Pointer(cname))
		if u, err := user.Lookup(name); err != nil {
			fmt.Printf("user.Lookup(%q): %v\n", name, err)
		} else {
			fmt.Printf("user.Lookup(%q): uid %s, home %s\n", name, u.Uid, u.HomeDir)
		}
	}
}
