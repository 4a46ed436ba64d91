package runtime

import (
	"syscall"
	"unsafe"
)

// isTerminal reports whether fd is a terminal: the ioctl TCGETS that the C
// library's isatty makes, which Python's isatty calls.
func isTerminal(fd uintptr) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}
