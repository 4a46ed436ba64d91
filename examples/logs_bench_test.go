package examples_test

import (
	"context"
	"io"
	"testing"

	ctxlogs "github.com/loggen/loggen/examples/contextcfg/logs"
	"github.com/loggen/loggen/examples/contextcfg/obs"
	dictlogs "github.com/loggen/loggen/examples/dictconfig/logs"
	extralogs "github.com/loggen/loggen/examples/extra/logs"
	logging "github.com/loggen/loggen/runtime"
)

// toDiscard applies a generated configuration with every handler replaced by
// a StreamHandler writing to io.Discard, keeping the generated formatters.
func toDiscard(tb testing.TB, cfg *logging.Config) {
	tb.Helper()
	for i := range cfg.Handlers {
		cfg.Handlers[i].New = func() (logging.Handler, error) { return logging.NewStreamHandler(io.Discard), nil }
	}
	if err := logging.Configure(cfg); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(logging.Shutdown)
}

// The benchmarks run generated code writing to io.Discard. Peer loggers are
// compared in the separate module bench/.

func BenchmarkGeneratedDisabled(b *testing.B) {
	toDiscard(b, dictlogs.Config())
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			dictlogs.Root.Info("root is at WARNING")
		}
	})
}

func BenchmarkGeneratedStaticMessage(b *testing.B) {
	toDiscard(b, dictlogs.Config())
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			dictlogs.FooBarBaz.Info("connected")
		}
	})
}

func BenchmarkGeneratedTypedExtraWithCaller(b *testing.B) {
	toDiscard(b, extralogs.Config())
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			extralogs.Root.With(extralogs.Extra{User: "bob"}).Info("typed extra")
		}
	})
}

// BenchmarkGeneratedContextSection is a context call whose record gets the
// three attributes of examples/contextcfg's context section, which its
// format prints.
func BenchmarkGeneratedContextSection(b *testing.B) {
	toDiscard(b, ctxlogs.Config())
	ctx := obs.WithTenant(obs.WithTrace(context.Background(), "4bf92f3577b34da6", "00f067aa0ba902b7"), 7)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ctxlogs.AppBilling.InfoContext(ctx, "charging")
		}
	})
}
