package bench

import (
	"io"
	"testing"

	"github.com/loggen/loggen/bench/logs"
)

// BenchmarkJSON compares JSON output on the same fields (the level, the
// logger's name, the message, a string and an int field, and a time):
// loggen's compiled python-json-logger JsonFormatter (logging.yaml's
// "json" formatter: Python's json.dumps bytes, with ensure_ascii and an
// isoformat timestamp to the microsecond) against zerolog and phuslu/log,
// interleaved in one goroutine (see interleave_test.go). All write to
// io.Discard; loggen takes its handler's lock for each record, as Python's
// handlers do.
func BenchmarkJSON(b *testing.B) {
	configure(b, io.Discard, "json")
	l := logs.AppDB
	zl := newZerolog(io.Discard)
	pl := newPhuslu(io.Discard)
	interleave(b,
		contender{"loggen", func() { l.With(logs.Extra{User: user, RequestID: reqID}).Info(msg) }},
		contender{"zerolog", func() { zl.Info().Str("user", user).Int("request_id", reqID).Msg(msg) }},
		contender{"phuslu", func() { pl.Info().Str("user", user).Int("request_id", reqID).Msg(msg) }},
	)
}
