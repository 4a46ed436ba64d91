//go:build !unix

package reload

import "os"

// hangupSupported reports whether the system has SIGHUP.
const hangupSupported = false

func notifyHangup(c chan<- os.Signal) {}

func stopHangup(c chan<- os.Signal) {}
