package handlers

import (
	"net"
	"syscall"
	"unsafe"
)

// tracksAcks reports whether unackedBytes works for c: a TCP connection.
func tracksAcks(c net.Conn) bool {
	_, ok := c.(*net.TCPConn)
	return ok
}

// unackedBytes returns how many bytes of c's send queue its peer has not
// acknowledged (ioctl SIOCOUTQ, which Linux answers with write_seq -
// snd_una for TCP, also after a reset), and whether the kernel said.
func unackedBytes(c net.Conn) (int, bool) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return 0, false
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return 0, false
	}
	var n int32
	var errno syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCOUTQ, uintptr(unsafe.Pointer(&n)))
	}); err != nil || errno != 0 {
		return 0, false
	}
	return int(n), true
}
