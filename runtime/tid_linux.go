//go:build linux

package runtime

import "syscall"

func gettid() int { return syscall.Gettid() }
