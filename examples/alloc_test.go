//go:build !race

package examples_test

import (
	"context"
	"testing"

	ctxlogs "github.com/loggen/loggen/examples/contextcfg/logs"
	"github.com/loggen/loggen/examples/contextcfg/obs"
	dictlogs "github.com/loggen/loggen/examples/dictconfig/logs"
	extralogs "github.com/loggen/loggen/examples/extra/logs"
)

func wantAllocs(t *testing.T, name string, f func()) {
	t.Helper()
	if got := testing.AllocsPerRun(500, f); got != 0 {
		t.Errorf("%s: %v allocs per call, want 0", name, got)
	}
}

// TestGeneratedHotPathAllocatesNothing checks the promise of the README
// through generated code: a disabled call and an enabled call with a static
// message or typed extras allocate nothing, even with a datefmt, padding and
// caller information in the format, or with the attributes of a context
// section.
func TestGeneratedHotPathAllocatesNothing(t *testing.T) {
	toDiscard(t, dictlogs.Config())
	wantAllocs(t, "disabled call", func() { dictlogs.Root.Info("root is at WARNING") })
	wantAllocs(t, "enabled, static message, datefmt and padding", func() { dictlogs.FooBarBaz.Info("connected") })

	toDiscard(t, extralogs.Config())
	x := extralogs.Root.With(extralogs.Extra{User: "caal@example.com"})
	wantAllocs(t, "enabled, typed extra, funcName and lineno", func() { x.Info("typed extra") })
	wantAllocs(t, "With and a call", func() { extralogs.Root.With(extralogs.Extra{User: "bob"}).Debug("inline") })
	ctx := context.Background()
	wantAllocs(t, "enabled context call, typed extra", func() { x.InfoContext(ctx, "typed extra") })

	// The context section's extractor: three functions, each read into a
	// field that the format prints.
	toDiscard(t, ctxlogs.Config())
	ctx = obs.WithTenant(obs.WithTrace(context.Background(), "4bf92f3577b34da6", "00f067aa0ba902b7"), 7)
	wantAllocs(t, "enabled context call, context section", func() { ctxlogs.AppBilling.InfoContext(ctx, "charging") })
	cx := ctxlogs.AppBilling.With(ctxlogs.Extra{User: "bob"})
	wantAllocs(t, "enabled context call, typed extra and context section", func() { cx.DebugContext(ctx, "charging") })
	wantAllocs(t, "disabled context call, context section", func() { ctxlogs.Root.DebugContext(ctx, "not logged") })
}
