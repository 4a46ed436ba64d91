package bench

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/loggen/loggen/bench/logs"
	"github.com/loggen/loggen/runtime/slogbridge"
)

// The slog path: a *slog.Logger whose handler is loggen's (slogbridge),
// so that slog's records go through the generated configuration, against
// slog's own TextHandler and JSONHandler writing the same record. Every
// case writes to io.Discard; loggen writes the text line of its "plain"
// (or "fields") format, slog's handlers their text or JSON with a logger
// attribute.

func newSlogJSON(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("logger", "app.db")
}

// BenchmarkSlogDisabled measures a slog DEBUG call on a logger at INFO.
func BenchmarkSlogDisabled(b *testing.B) {
	configure(b, io.Discard, "plain")
	for _, c := range []struct {
		name string
		l    *slog.Logger
	}{
		{"loggen", slogbridge.Logger(logs.AppDB.Logger)},
		{"slog-text", newSlog(io.Discard)},
		{"slog-json", newSlogJSON(io.Discard)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c.l.Debug(msg)
				}
			})
		})
	}
}

// BenchmarkSlogStaticMessage measures an enabled slog INFO call with a
// constant message.
func BenchmarkSlogStaticMessage(b *testing.B) {
	configure(b, io.Discard, "plain")
	for _, c := range []struct {
		name string
		l    *slog.Logger
	}{
		{"loggen", slogbridge.Logger(logs.AppDB.Logger)},
		{"slog-text", newSlog(io.Discard)},
		{"slog-json", newSlogJSON(io.Discard)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c.l.Info(msg)
				}
			})
		})
	}
}

// BenchmarkSlogTwoAttrs measures an enabled slog call with a string and
// an int attribute (LogAttrs, which boxes nothing); loggen's "fields"
// format prints them as %(user)s and %(request_id)d.
func BenchmarkSlogTwoAttrs(b *testing.B) {
	configure(b, io.Discard, "fields")
	ctx := context.Background()
	for _, c := range []struct {
		name string
		l    *slog.Logger
	}{
		{"loggen", slogbridge.Logger(logs.AppDB.Logger)},
		{"slog-text", newSlog(io.Discard)},
		{"slog-json", newSlogJSON(io.Discard)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c.l.LogAttrs(ctx, slog.LevelInfo, msg, slog.String("user", user), slog.Int("request_id", reqID))
				}
			})
		})
	}
}
