package bench

import (
	"io"
	"testing"

	"github.com/loggen/loggen/bench/logs"
	"go.uber.org/zap"
)

// jsonContenders write JSON on the same fields (the level, the logger's
// name, the message, a string and an int field, and a time): loggen's
// compiled python-json-logger JsonFormatter (logging.yaml's "json"
// formatter: Python's json.dumps bytes, with ensure_ascii and an isoformat
// timestamp to the microsecond) against zerolog, phuslu/log and zap's
// production JSON encoder.
func jsonContenders(tb testing.TB, out func(name string) io.Writer) []contender {
	configure(tb, out("loggen"), "json")
	ph, zl, zp := newPhuslu(out("phuslu")), newZerolog(out("zerolog")), newZap(out("zap"))
	return []contender{
		{"loggen", func(n int) {
			for range n {
				logs.AppDB.With(logs.Extra{User: user, RequestID: requestID}).Info(msg)
			}
		}},
		{"phuslu", func(n int) {
			for range n {
				ph.Info().Str("user", user).Int("request_id", requestID).Msg(msg)
			}
		}},
		{"zerolog", func(n int) {
			for range n {
				zl.Info().Str("user", user).Int("request_id", requestID).Msg(msg)
			}
		}},
		{"zap", func(n int) {
			for range n {
				zp.Info(msg, zap.String("user", user), zap.Int("request_id", requestID))
			}
		}},
	}
}

// BenchmarkJSON is an INFO call with two fields, written as JSON by
// every contender.
func BenchmarkJSON(b *testing.B) {
	both(b, func(b *testing.B) []contender { return jsonContenders(b, toSink) })
}
