package slogbridge_test

import (
	"context"
	"log/slog"
	"os"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/slogbridge"
)

// levelNameMessage is what loggen generates for
// "%(levelname)s:%(name)s:%(message)s", followed here by every extra
// attribute as key=value.
var levelNameMessage = &logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
	b = r.Level.AppendName(b)
	b = append(b, ':')
	b = append(b, r.Name...)
	b = append(b, ':')
	b, err := r.AppendMessage(b)
	for _, f := range r.Extra {
		b = append(b, ' ')
		b = append(b, f.Key...)
		b = append(b, '=')
		b = f.Value.AppendStr(b)
	}
	return b, err
}}

// stdout attaches a handler writing to stdout to the root logger, for the
// examples (a generated package's Configure does this from a file).
func stdout() func() {
	h := logging.NewStreamHandler(os.Stdout)
	h.SetFormatter(levelNameMessage)
	logging.Root().AddHandler(h)
	logging.Root().SetLevel(logging.DEBUG)
	return func() { logging.Root().RemoveHandler(h); logging.Root().SetLevel(logging.WARNING) }
}

// slog's default logger logs through loggen's tree: the "logger"
// attribute picks the logger, the level maps to Python's, attributes are
// the record's extra attributes, and groups qualify their keys.
func ExampleNewHandler() {
	defer stdout()()
	old := slog.Default()
	defer slog.SetDefault(old)

	slog.SetDefault(slog.New(slogbridge.NewHandler(slogbridge.HandlerOptions{NameKey: "logger"})))
	slog.Info("starting", "version", "1.2")
	db := slog.With("logger", "app.db")
	db.Debug("connecting", slog.Group("pool", "size", 4))
	db.Log(context.Background(), slog.LevelInfo+2, "between INFO and WARN")
	db.Error("query failed", "ms", 12.5)
	// Output:
	// INFO:root:starting version=1.2
	// DEBUG:app.db:connecting pool.size=4
	// Level 25:app.db:between INFO and WARN
	// ERROR:app.db:query failed ms=12.5
}

// Logger is the *slog.Logger of one loggen logger: a library that takes a
// *slog.Logger logs through the configuration's tree.
func ExampleLogger() {
	defer stdout()()
	s3 := slogbridge.Logger(logging.Get("botocore.client.S3"))
	s3.Warn("throttled", "retry_in", "100ms")
	// Output:
	// WARNING:botocore.client.S3:throttled retry_in=100ms
}

// A Forwarder passes loggen's records on to any slog.Handler.
func ExampleForwarder() {
	noTime := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	fw := slogbridge.NewForwarder(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	l := logging.Get("app.audit")
	l.AddHandler(fw)
	defer l.RemoveHandler(fw)
	l.LogExtra(0, logging.WARNING, nil, []logging.Field{logging.String("user", "bob")}, "password changed")
	// Output:
	// level=WARN msg="password changed" logger=app.audit user=bob
}
