//go:build unix

package reload

import (
	"os"
	"os/signal"
	"syscall"
)

// hangupSupported reports whether the system has SIGHUP.
const hangupSupported = true

// notifyHangup relays SIGHUP to c.
func notifyHangup(c chan<- os.Signal) { signal.Notify(c, syscall.SIGHUP) }

// stopHangup stops relaying to c.
func stopHangup(c chan<- os.Signal) { signal.Stop(c) }
