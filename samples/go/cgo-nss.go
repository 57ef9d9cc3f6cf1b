// cgo-nss.go: user.go with cgo code of its own that calls the C library's NSS functions,
// getpwnam and getaddrinfo. glibc answers them from the sources /etc/nsswitch.conf names,
// and loads a module (libnss_SOURCE.so.2) at run time for each source it has not built in.
// Used by the lesson "go-static": the first column of its six cases (your cgo calls
// what loads modules), beside cgo-plain.go (your cgo calls nothing of the kind) and
// user.go (no cgo of yours).
//
// The program asks the same questions twice: through Go's os/user and net, whose form
// the build picks (cgo or pure Go, see "go-stdlib"), and through the C functions in the
// preamble, which always go through glibc. A static link therefore brings glibc's NSS
// warnings for this code even when the tags netgo and osusergo remove the standard
// library's:
//
//	go build -ldflags '-extldflags -static' -o cgo-nss cgo-nss.go           static
//	go build -tags netgo,osusergo -ldflags '-extldflags -static' -o cgo-nss-go cgo-nss.go
//	./cgo-nss-go root nosuchuser; echo "exit status $?"
//
// The arguments are user names to look up (default: root and nosuchuser).
package main

/*
#include <netdb.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

// The user id getpwnam finds for name, or -1 when it finds none.
static long c_uid(const char *name)
{
	struct passwd *pw = getpwnam(name);
	return pw ? (long)pw->pw_uid : -1;
}

// getaddrinfo's status for host; *n gets the number of addresses found.
static int c_addrs(const char *host, int *n)
{
	struct addrinfo hints, *res, *p;
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	*n = 0;
	int rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0)
		return rc;
	for (p = res; p; p = p->ai_next)
		(*n)++;
	freeaddrinfo(res);
	return 0;
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

	addrs, err := net.LookupHost("localhost")
	if err != nil {
		fmt.Println("net.LookupHost(\"localhost\"):", err)
	} else {
		fmt.Println("net.LookupHost(\"localhost\"):", addrs)
	}
	host := C.CString("localhost")
	var n C.int
	if rc := C.c_addrs(host, &n); rc != 0 {
		fmt.Println("C getaddrinfo(\"localhost\"):", C.GoString(C.gai_strerror(rc)))
	} else {
		fmt.Printf("C getaddrinfo(\"localhost\"): %d addresses\n", n)
	}
	C.free(unsafe.Pointer(host))

	for _, name := range names {
		if u, err := user.Lookup(name); err != nil {
			fmt.Printf("user.Lookup(%q): %v\n", name, err)
		} else {
			fmt.Printf("user.Lookup(%q): uid %s, home %s\n", name, u.Uid, u.HomeDir)
		}
		cname := C.CString(name)
		if uid := C.c_uid(cname); uid < 0 {
			fmt.Printf("C getpwnam(%q): no such user\n", name)
		} else {
			fmt.Printf("C getpwnam(%q): uid %d\n", name, uid)
		}
		C.free(unsafe.Pointer(cname))
	}
}
