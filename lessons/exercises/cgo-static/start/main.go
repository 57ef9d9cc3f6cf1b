// cgo-static: C code in a Go program (cgo) makes go link the program through gcc, its
// external linker, against the C library: so the program is dynamic by default. A static
// program is asked of that external linker.
package main

// #include <stdlib.h>
// #include "clen.h"
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	s := C.CString("static at last")
	defer C.free(unsafe.Pointer(s))
	fmt.Printf("C counts %d characters\n", C.c_len(s))
}
