package runtime

import "syscall"

// isTerminal reports whether fd is a console: GetConsoleMode succeeds only
// on console handles.
func isTerminal(fd uintptr) bool {
	var mode uint32
	return syscall.GetConsoleMode(syscall.Handle(fd), &mode) == nil
}
