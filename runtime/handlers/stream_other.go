//go:build !linux

package handlers

import "net"

// tracksAcks reports false: only Linux says how much of a TCP send queue is
// unacknowledged (SIOCOUTQ). Elsewhere a connection relies on the reader
// goroutine and on write errors; see stream.go.
func tracksAcks(net.Conn) bool { return false }

// unackedBytes reports that the kernel cannot say.
func unackedBytes(net.Conn) (int, bool) { return 0, false }
