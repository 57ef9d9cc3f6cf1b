// user.go: a Go program that uses os/user and net, the two standard packages that can
// call into the C library through cgo.
// Used by the lessons "go-stdlib" (which implementation a build picks) and "go-static"
// (the static-build experiments).
//
// user.Lookup reads the user database and net.LookupHost resolves a host name. Each
// package has a pure-Go implementation and a cgo one that calls glibc's getpwnam_r and
// getaddrinfo, so the same source makes different programs depending on the build.
// Build and inspect it from this directory:
//
//	go build -o user user.go                                   the default
//	CGO_ENABLED=0 go build -o user-nocgo user.go               pure Go, static
//	go build -tags netgo,osusergo -o user-go user.go           pure-Go packages
//	file user user-nocgo user-go; ldd user
//
// The arguments are user names to look up (default: root and nosuchuser).
package main

import (
	"fmt"
	"net"
	"os"
	"os/user"
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

	for _, name := range names {
		u, err := user.Lookup(name)
		if err != nil {
			fmt.Printf("user.Lookup(%q): %v\n", name, err)
			continue
		}
		fmt.Printf("user.Lookup(%q): uid %s, home %s\n", name, u.Uid, u.HomeDir)
	}
}
