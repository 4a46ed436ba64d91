//go:build !linux

package runtime

func gettid() int { return pid }
