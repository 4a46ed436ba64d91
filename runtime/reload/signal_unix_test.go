//go:build unix

package reload

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// SIGHUP makes the watcher read the file, with no polling.
func TestSIGHUP(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	base := "version: 1\nloggers:\n  hup.app: {level: INFO}\n"
	write(t, path, base)
	applied := make(chan struct{}, 1)
	watch(t, path, Options{Config: generated(t, path, nil), Signal: true, OnApply: func() { applied <- struct{}{} }})
	write(t, path, strings.Replace(base, "INFO", "ERROR", 1))
	select {
	case <-applied:
		t.Fatal("applied before SIGHUP, with no polling")
	case <-time.After(50 * time.Millisecond):
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-applied:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGHUP did not apply the file")
	}
	if got := logging.Get("hup.app").Level(); got != logging.ERROR {
		t.Errorf("level %v, want ERROR", got)
	}
}
