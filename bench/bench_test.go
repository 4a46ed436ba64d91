package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"testing"

	plog "github.com/phuslu/log"
	"github.com/rs/zerolog"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/loggen/loggen/bench/logs"
	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/slogbridge"
)

// Every library writes to io.Discard with its ordinary production encoder:
//
//   - loggen: a text line from the generated formatter, with a formatted
//     timestamp ("2006-01-02 15:04:05,000", Python's default asctime), the
//     level name, the logger name and the message (plus the two extras in
//     BenchmarkTwoFields), as the others' encoders write a timestamp, level,
//     logger name and message;
//   - zap: the JSON core of NewProductionEncoderConfig at InfoLevel;
//   - zerolog: JSON with Timestamp() and a "logger" field;
//   - phuslu/log: JSON through an IOWriter, with a "logger" field;
//   - log/slog: the TextHandler at LevelInfo with a "logger" attribute.
//
// loggen's StreamHandler, like Python's, takes a mutex around the format and
// the Write of each record; zap's AddSync(io.Discard), zerolog and phuslu
// write to io.Discard without a lock, and slog's TextHandler takes one
// around the Write only.

const (
	msg     = "request handled"
	user    = "alice@example.com"
	reqID   = 4217
	printfF = "user %s request %d" // Python %-format (loggen) and fmt verbs (the others)
)

// configure applies the generated configuration of logging.yaml with each
// handler replaced by one writing to w (keeping its formatter), and with
// app.db attached to the handler of the given id ("plain" or "fields").
func configure(tb testing.TB, w io.Writer, handler string) {
	tb.Helper()
	cfg := logs.Config()
	for i := range cfg.Handlers {
		cfg.Handlers[i].New = func() (logging.Handler, error) {
			return logging.NewStreamHandler(w), nil
		}
	}
	for i := range cfg.Loggers {
		if cfg.Loggers[i].Name == "app.db" {
			cfg.Loggers[i].Handlers = []string{handler}
		}
	}
	if err := logging.Configure(cfg); err != nil {
		tb.Fatal(err)
	}
}

func newZap(w io.Writer) *zap.Logger {
	core := zapcore.NewCore(
		zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()),
		zapcore.AddSync(w),
		zapcore.InfoLevel,
	)
	return zap.New(core).Named("app.db")
}

func newZerolog(w io.Writer) zerolog.Logger {
	return zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Str("logger", "app.db").Logger()
}

func newPhuslu(w io.Writer) *plog.Logger {
	return &plog.Logger{
		Level:   plog.InfoLevel,
		Writer:  &plog.IOWriter{Writer: w},
		Context: plog.NewContext(nil).Str("logger", "app.db").Value(),
	}
}

func newSlog(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("logger", "app.db")
}

// BenchmarkDisabled measures a DEBUG call on a logger at INFO: the cost of
// the level check alone.
func BenchmarkDisabled(b *testing.B) {
	configure(b, io.Discard, "plain")
	b.Run("loggen", func(b *testing.B) {
		l := logs.AppDB
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Debug(msg)
			}
		})
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Debug(msg)
			}
		})
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Debug().Msg(msg)
			}
		})
	})
	b.Run("phuslu", func(b *testing.B) {
		l := newPhuslu(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Debug().Msg(msg)
			}
		})
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Debug(msg)
			}
		})
	})
}

// BenchmarkStaticMessage measures an enabled INFO call with a constant
// message and no fields.
func BenchmarkStaticMessage(b *testing.B) {
	configure(b, io.Discard, "plain")
	b.Run("loggen", func(b *testing.B) {
		l := logs.AppDB
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(msg)
			}
		})
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(msg)
			}
		})
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info().Msg(msg)
			}
		})
	})
	b.Run("phuslu", func(b *testing.B) {
		l := newPhuslu(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info().Msg(msg)
			}
		})
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(msg)
			}
		})
	})
}

// BenchmarkTwoFields measures an enabled INFO call with a constant message
// and two structured fields, a string and an int. loggen passes them as the
// typed extras of the generated logs.Extra, printed by the "fields" format.
func BenchmarkTwoFields(b *testing.B) {
	configure(b, io.Discard, "fields")
	b.Run("loggen", func(b *testing.B) {
		l := logs.AppDB
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.With(logs.Extra{User: user, RequestID: reqID}).Info(msg)
			}
		})
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(msg, zap.String("user", user), zap.Int("request_id", reqID))
			}
		})
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info().Str("user", user).Int("request_id", reqID).Msg(msg)
			}
		})
	})
	b.Run("phuslu", func(b *testing.B) {
		l := newPhuslu(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info().Str("user", user).Int("request_id", reqID).Msg(msg)
			}
		})
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(msg, slog.String("user", user), slog.Int("request_id", reqID))
			}
		})
	})
}

// BenchmarkPrintf measures an enabled INFO call whose message is formatted
// from a string and an int ("user %s request %d"). slog has no printf-style
// call; its case formats with fmt.Sprintf first.
func BenchmarkPrintf(b *testing.B) {
	configure(b, io.Discard, "plain")
	b.Run("loggen", func(b *testing.B) {
		l := logs.AppDB
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Infof(printfF, user, reqID)
			}
		})
	})
	b.Run("zap", func(b *testing.B) {
		l := newZap(io.Discard).Sugar()
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Infof(printfF, user, reqID)
			}
		})
	})
	b.Run("zerolog", func(b *testing.B) {
		l := newZerolog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info().Msgf(printfF, user, reqID)
			}
		})
	})
	b.Run("phuslu", func(b *testing.B) {
		l := newPhuslu(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info().Msgf(printfF, user, reqID)
			}
		})
	})
	b.Run("slog", func(b *testing.B) {
		l := newSlog(io.Discard)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(fmt.Sprintf(printfF, user, reqID))
			}
		})
	})
}

// TestLines checks that each setup writes what the benchmarks claim, and
// logs one line of each (go test -v -run Lines shows them).
func TestLines(t *testing.T) {
	defer logging.Shutdown()
	var buf bytes.Buffer
	check := func(name string, re string) {
		t.Helper()
		line := buf.String()
		buf.Reset()
		t.Logf("%-7s %s", name, bytes.TrimSpace([]byte(line)))
		if !regexp.MustCompile(re).MatchString(line) {
			t.Errorf("%s wrote %q, want a match of %s", name, line, re)
		}
	}
	const asctime = `^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} `

	configure(t, &buf, "plain")
	logs.AppDB.Debug(msg)
	if buf.Len() != 0 {
		t.Errorf("loggen wrote %q at DEBUG", buf.String())
	}
	logs.AppDB.Info(msg)
	check("loggen", asctime+`INFO app\.db request handled\n$`)
	logs.AppDB.Infof(printfF, user, reqID)
	check("loggen", asctime+`INFO app\.db user alice@example\.com request 4217\n$`)
	configure(t, &buf, "fields")
	logs.AppDB.With(logs.Extra{User: user, RequestID: reqID}).Info(msg)
	check("loggen", asctime+`INFO app\.db request handled user=alice@example\.com request_id=4217\n$`)

	newZap(&buf).Info(msg, zap.String("user", user), zap.Int("request_id", reqID))
	check("zap", `"logger":"app\.db".*"request_id":4217`)
	zl := newZerolog(&buf)
	zl.Info().Str("user", user).Int("request_id", reqID).Msg(msg)
	check("zerolog", `"logger":"app\.db".*"request_id":4217.*"time":`)
	newPhuslu(&buf).Info().Str("user", user).Int("request_id", reqID).Msg(msg)
	check("phuslu", `"time":.*"logger":"app\.db".*"request_id":4217`)
	newSlog(&buf).Info(msg, slog.String("user", user), slog.Int("request_id", reqID))
	check("slog", `^time=.* logger=app\.db user=alice@example\.com request_id=4217`)

	// The slog path through loggen (slog_bench_test.go).
	configure(t, &buf, "plain")
	slogbridge.Logger(logs.AppDB.Logger).Info(msg)
	check("loggen-slog", asctime+`INFO app\.db request handled\n$`)
	configure(t, &buf, "fields")
	slogbridge.Logger(logs.AppDB.Logger).LogAttrs(context.Background(), slog.LevelInfo, msg, slog.String("user", user), slog.Int("request_id", reqID))
	check("loggen-slog", asctime+`INFO app\.db request handled user=alice@example\.com request_id=4217\n$`)
	newSlogJSON(&buf).Info(msg)
	check("slog-json", `"logger":"app\.db"`)
}
