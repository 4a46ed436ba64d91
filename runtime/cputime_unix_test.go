//go:build unix

package runtime

import "syscall"

// cpuTime returns the CPU time (user and system, all threads) the process
// has used so far, in nanoseconds, or -1 where it cannot be read. On a
// shared machine it says more about a benchmark than wall time does.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
