package examples_test

import (
	"testing"

	dictlogs "github.com/loggen/loggen/examples/dictconfig/logs"
	extralogs "github.com/loggen/loggen/examples/extra/logs"
)

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
