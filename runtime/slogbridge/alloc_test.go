//go:build !race

package slogbridge_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/slogbridge"
)

// A slog call through a loggen logger allocates nothing of loggen's own
// (attributes in a group allocate their qualified keys, "q.ms").
func TestSlogPathAllocs(t *testing.T) {
	l := logging.Get("slogbridge.alloc")
	h := logging.NewStreamHandler(io.Discard)
	l.AddHandler(h)
	l.SetLevel(logging.INFO)
	l.SetPropagate(false)
	defer func() { l.RemoveHandler(h); l.SetLevel(logging.NOTSET); l.SetPropagate(true) }()
	sl := slogbridge.Logger(l)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"disabled", func() { sl.Debug("not logged") }},
		{"static message", func() { sl.Info("a static message") }},
		// Info("login", slog.String(...)) boxes each Attr in an any: slog's
		// LogAttrs does not.
		{"two attributes", func() { sl.LogAttrs(ctx, slog.LevelInfo, "login", slog.String("user", "bob"), slog.Int("id", 42)) }},
	} {
		if got := testing.AllocsPerRun(200, c.f); got != 0 {
			t.Errorf("%s: %v allocs per call, want 0", c.name, got)
		}
	}
}
