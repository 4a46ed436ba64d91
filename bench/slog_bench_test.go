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
// slog's own TextHandler and JSONHandler writing the same record. loggen
// writes the text line of its "plain" (or "fields") format, slog's
// handlers their text or JSON with a logger attribute.

func newSlogJSON(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("logger", "app.db")
}

// slogContenders make the same slog call through loggen's handler and
// through slog's two handlers; call gets the logger.
func slogContenders(tb testing.TB, out func(name string) io.Writer, handler string, call func(l *slog.Logger)) []contender {
	configure(tb, out("loggen"), handler)
	cs := []contender{}
	for _, c := range []struct {
		name string
		l    *slog.Logger
	}{
		{"loggen", slogbridge.Logger(logs.AppDB.Logger)},
		{"slog", newSlog(out("slog"))},
		{"slog-json", newSlogJSON(out("slog-json"))},
	} {
		cs = append(cs, contender{c.name, func(n int) {
			for range n {
				call(c.l)
			}
		}})
	}
	return cs
}

func slogStatic(l *slog.Logger) { l.Info(msg) }

func slogDisabled(l *slog.Logger) { l.Debug(msg) }

// slogTwoAttrs passes the attributes with LogAttrs, which boxes nothing;
// loggen's "fields" format prints them as %(user)s and %(request_id)d.
func slogTwoAttrs(l *slog.Logger) {
	l.LogAttrs(context.Background(), slog.LevelInfo, msg, slog.String("user", user), slog.Int("request_id", requestID))
}

// BenchmarkSlogDisabled is a slog DEBUG call on a logger at INFO.
func BenchmarkSlogDisabled(b *testing.B) {
	both(b, func(b *testing.B) []contender { return slogContenders(b, toSink, "plain", slogDisabled) })
}

// BenchmarkSlogStaticMessage is an enabled slog INFO call with a constant
// message.
func BenchmarkSlogStaticMessage(b *testing.B) {
	both(b, func(b *testing.B) []contender { return slogContenders(b, toSink, "plain", slogStatic) })
}

// BenchmarkSlogTwoAttrs is an enabled slog call with a string and an int
// attribute.
func BenchmarkSlogTwoAttrs(b *testing.B) {
	both(b, func(b *testing.B) []contender { return slogContenders(b, toSink, "fields", slogTwoAttrs) })
}
