package runtime

import (
	"context"
	"testing"
)

// BenchmarkContextExtractor is an enabled context call whose extractor adds
// a field that the format does not print.
func BenchmarkContextExtractor(b *testing.B) {
	l := configureDiscard(b, INFO)
	remove := AddContextExtractor(requestID)
	defer remove()
	ctx := context.WithValue(context.Background(), ctxKey{}, "r-1")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.InfoContext(ctx, "a static message")
		}
	})
}

// BenchmarkDisabledContext is a disabled context call.
func BenchmarkDisabledContext(b *testing.B) {
	l := configureDiscard(b, INFO)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.DebugContext(ctx, "not logged")
		}
	})
}
