//go:build !linux && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd && !windows

package runtime

// isTerminal reports false: this system has no terminal check loggen
// knows.
func isTerminal(fd uintptr) bool { return false }
