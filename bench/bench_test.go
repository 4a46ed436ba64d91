package bench

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	plog "github.com/phuslu/log"
	"github.com/rs/zerolog"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/loggen/loggen/bench/logs"
	logging "github.com/loggen/loggen/runtime"
)

// The scenarios. Each is one benchmark whose contenders take turns (see
// harness_test.go), on one goroutine and on GOMAXPROCS:
//
//   - loggen: the code generated from logging.yaml, logger app.db;
//   - floor: hand-written code that writes loggen's bytes (floor_test.go);
//   - phuslu, zerolog, zap, slog: each library with its production encoder
//     (JSON; slog's TextHandler), a "logger":"app.db" field;
//   - zap-py: zap's console encoder set up to write loggen's bytes
//     (Python's time layout, space-separated; its fields come as JSON);
//   - slog-py: slog's front end with a minimal handler writing loggen's
//     bytes.
//
// All write to the same discarding sink, or in the file scenarios each to
// its own file in one temporary directory. Printf arguments are variables.

const msg = "request handled"

var (
	user      = "alice@example.com"
	requestID = 4217
	printfF   = "user %s request %d" // Python %-format (loggen) and fmt verbs (the others)
)

// configure applies the generated configuration with app.db's handler
// replaced by the one of the given id, each stream handler writing to w.
// The file handlers are the generated ones: they write in the current
// directory.
func configure(tb testing.TB, w io.Writer, handler string) {
	tb.Helper()
	cfg := logs.Config()
	for i := range cfg.Handlers {
		switch cfg.Handlers[i].ID {
		case "file", "buffered":
		default:
			cfg.Handlers[i].New = func() (logging.Handler, error) { return logging.NewStreamHandler(w), nil }
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
	tb.Cleanup(logging.Shutdown)
}

func newZap(w io.Writer) *zap.Logger {
	core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(w), zapcore.InfoLevel)
	return zap.New(core).Named("app.db")
}

// newZapPy is zap's console encoder writing loggen's bytes: Python's
// asctime layout (local time), the level, the name and the message
// separated by spaces; withTime false leaves the time out.
func newZapPy(w io.Writer, withTime bool) *zap.Logger {
	cfg := zapcore.EncoderConfig{
		LevelKey: "level", NameKey: "logger", MessageKey: "msg",
		EncodeLevel: zapcore.CapitalLevelEncoder, EncodeName: zapcore.FullNameEncoder,
		EncodeDuration: zapcore.StringDurationEncoder, ConsoleSeparator: " ",
	}
	if withTime {
		cfg.TimeKey, cfg.EncodeTime = "time", zapcore.TimeEncoderOfLayout("2006-01-02 15:04:05,000")
	}
	return zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(cfg), zapcore.AddSync(w), zapcore.InfoLevel)).Named("app.db")
}

func newZerolog(w io.Writer) zerolog.Logger {
	return zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Str("logger", "app.db").Logger()
}

func newPhuslu(w io.Writer) *plog.Logger {
	return &plog.Logger{Level: plog.InfoLevel, Writer: &plog.IOWriter{Writer: w}, Context: plog.NewContext(nil).Str("logger", "app.db").Value()}
}

func newSlog(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("logger", "app.db")
}

func newSlogPy(w io.Writer, withTime bool) *slog.Logger {
	return slog.New(&pyHandler{w: w, time: withTime})
}

// staticContenders log msg at INFO, each to the writer out gives it.
func staticContenders(tb testing.TB, out func(name string) io.Writer, handler string) []contender {
	configure(tb, out("loggen"), handler)
	fl := newFloor(out("floor"), true)
	ph, zl, zp, sl := newPhuslu(out("phuslu")), newZerolog(out("zerolog")), newZap(out("zap")), newSlog(out("slog"))
	zpy, spy := newZapPy(out("zap-py"), true), newSlogPy(out("slog-py"), true)
	return []contender{
		{"loggen", func(n int) {
			for range n {
				logs.AppDB.Info(msg)
			}
		}},
		{"floor", func(n int) {
			for range n {
				fl.info(msg)
			}
		}},
		{"phuslu", func(n int) {
			for range n {
				ph.Info().Msg(msg)
			}
		}},
		{"zerolog", func(n int) {
			for range n {
				zl.Info().Msg(msg)
			}
		}},
		{"zap", func(n int) {
			for range n {
				zp.Info(msg)
			}
		}},
		{"slog", func(n int) {
			for range n {
				sl.Info(msg)
			}
		}},
		{"zap-py", func(n int) {
			for range n {
				zpy.Info(msg)
			}
		}},
		{"slog-py", func(n int) {
			for range n {
				spy.Info(msg)
			}
		}},
	}
}

func toSink(string) io.Writer { return sink }

// BenchmarkDisabled is a DEBUG call on a logger at INFO: the level check.
func BenchmarkDisabled(b *testing.B) {
	both(b, func(b *testing.B) []contender {
		configure(b, sink, "plain")
		fl := newFloor(sink, true)
		ph, zl, zp, sl := newPhuslu(sink), newZerolog(sink), newZap(sink), newSlog(sink)
		return []contender{
			{"loggen", func(n int) {
				for range n {
					logs.AppDB.Debug(msg)
				}
			}},
			{"floor", func(n int) {
				for range n {
					if fl.enabled(10) {
						fl.line(msg, nil)
					}
				}
			}},
			{"phuslu", func(n int) {
				for range n {
					ph.Debug().Msg(msg)
				}
			}},
			{"zerolog", func(n int) {
				for range n {
					zl.Debug().Msg(msg)
				}
			}},
			{"zap", func(n int) {
				for range n {
					zp.Debug(msg)
				}
			}},
			{"slog", func(n int) {
				for range n {
					sl.Debug(msg)
				}
			}},
		}
	})
}

// BenchmarkStaticMessage is an INFO call with a constant message: time,
// level, name and message.
func BenchmarkStaticMessage(b *testing.B) {
	both(b, func(b *testing.B) []contender { return staticContenders(b, toSink, "plain") })
}

// fieldsContenders log msg at INFO with a string and an int field: loggen
// through the typed extras of the generated logs.Extra.
func fieldsContenders(tb testing.TB, out func(name string) io.Writer) []contender {
	configure(tb, out("loggen"), "fields")
	fl := newFloor(out("floor"), true)
	ph, zl, zp, sl := newPhuslu(out("phuslu")), newZerolog(out("zerolog")), newZap(out("zap")), newSlog(out("slog"))
	zpy, spy := newZapPy(out("zap-py"), true), newSlogPy(out("slog-py"), true)
	return []contender{
		{"loggen", func(n int) {
			for range n {
				logs.AppDB.With(logs.Extra{User: user, RequestID: requestID}).Info(msg)
			}
		}},
		{"floor", func(n int) {
			for range n {
				fl.fields(msg, user, requestID)
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
		{"slog", func(n int) {
			for range n {
				sl.Info(msg, slog.String("user", user), slog.Int("request_id", requestID))
			}
		}},
		{"zap-py", func(n int) {
			for range n {
				zpy.Info(msg, zap.String("user", user), zap.Int("request_id", requestID))
			}
		}},
		{"slog-py", func(n int) {
			for range n {
				spy.Info(msg, slog.String("user", user), slog.Int("request_id", requestID))
			}
		}},
	}
}

// BenchmarkTwoFields is an INFO call with a constant message and two typed
// fields, a string and an int.
func BenchmarkTwoFields(b *testing.B) {
	both(b, func(b *testing.B) []contender { return fieldsContenders(b, toSink) })
}

// printfContenders log "user %s request %d" with two variables at INFO.
// slog has no printf-style call: its rows format with fmt.Sprintf first.
func printfContenders(tb testing.TB, out func(name string) io.Writer) []contender {
	configure(tb, out("loggen"), "plain")
	fl := newFloor(out("floor"), true)
	ph, zl, zp, sl := newPhuslu(out("phuslu")), newZerolog(out("zerolog")), newZap(out("zap")).Sugar(), newSlog(out("slog"))
	zpy, spy := newZapPy(out("zap-py"), true).Sugar(), newSlogPy(out("slog-py"), true)
	return []contender{
		{"loggen", func(n int) {
			for range n {
				logs.AppDB.Infof(printfF, user, requestID)
			}
		}},
		{"floor", func(n int) {
			for range n {
				fl.printf(user, requestID)
			}
		}},
		{"phuslu", func(n int) {
			for range n {
				ph.Info().Msgf(printfF, user, requestID)
			}
		}},
		{"zerolog", func(n int) {
			for range n {
				zl.Info().Msgf(printfF, user, requestID)
			}
		}},
		{"zap", func(n int) {
			for range n {
				zp.Infof(printfF, user, requestID)
			}
		}},
		{"slog", func(n int) {
			for range n {
				sl.Info(fmt.Sprintf(printfF, user, requestID))
			}
		}},
		{"zap-py", func(n int) {
			for range n {
				zpy.Infof(printfF, user, requestID)
			}
		}},
		{"slog-py", func(n int) {
			for range n {
				spy.Info(fmt.Sprintf(printfF, user, requestID))
			}
		}},
	}
}

// BenchmarkPrintf is an INFO call formatting "user %s request %d" from a
// string and an int variable.
func BenchmarkPrintf(b *testing.B) {
	both(b, func(b *testing.B) []contender { return printfContenders(b, toSink) })
}

// timelessContenders log msg at INFO with a format that prints no time
// ("%(levelname)s %(name)s %(message)s"): loggen reads no clock. zerolog
// without Timestamp() is its row; phuslu/log and zap's JSON encoder always
// write a time, and slog's TextHandler too.
func timelessContenders(tb testing.TB, out func(name string) io.Writer) []contender {
	configure(tb, out("loggen"), "bare")
	fl := newFloor(out("floor"), false)
	zl := zerolog.New(out("zerolog")).Level(zerolog.InfoLevel).With().Str("logger", "app.db").Logger()
	zpy, spy := newZapPy(out("zap-py"), false), newSlogPy(out("slog-py"), false)
	return []contender{
		{"loggen", func(n int) {
			for range n {
				logs.AppDB.Info(msg)
			}
		}},
		{"floor", func(n int) {
			for range n {
				fl.info(msg)
			}
		}},
		{"zerolog", func(n int) {
			for range n {
				zl.Info().Msg(msg)
			}
		}},
		{"zap-py", func(n int) {
			for range n {
				zpy.Info(msg)
			}
		}},
		{"slog-py", func(n int) {
			for range n {
				spy.Info(msg)
			}
		}},
	}
}

// BenchmarkTimeless is an INFO call with a format that prints no time.
func BenchmarkTimeless(b *testing.B) {
	both(b, func(b *testing.B) []contender { return timelessContenders(b, toSink) })
}

// createLog creates a log file as loggen's FileHandler opens one (Python's
// mode "a": O_APPEND), so that every contender's writes cost what loggen's
// do.
func createLog(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o666)
}

// files opens a file per contender in dir, closed at the end of tb.
func files(tb testing.TB, dir string) func(name string) io.Writer {
	return func(name string) io.Writer {
		f, err := createLog(filepath.Join(dir, name+".log"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { f.Close() })
		return f
	}
}

// BenchmarkFile is the static message written to a file with one write(2)
// per record: loggen's FileHandler (as generated), the others over an
// *os.File.
func BenchmarkFile(b *testing.B) {
	both(b, func(b *testing.B) []contender {
		dir := b.TempDir()
		b.Chdir(dir)
		return staticContenders(b, files(b, dir), "file")
	})
}

// bufferedWriter is a bufio.Writer over a file of its own, locked when
// it is shared by goroutines, flushed at the end of tb.
func bufferedWriter(tb testing.TB, dir, name string, parallel bool) io.Writer {
	f, err := createLog(filepath.Join(dir, name+".log"))
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	tb.Cleanup(func() { bw.Flush(); f.Close() })
	if parallel {
		return &lockedWriter{w: bw}
	}
	return bw
}

// lockedWriter serializes writes to w, for bufio.Writer shared by the
// goroutines of the floor.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// BenchmarkBufferedFile is the static message written to a file through a
// buffer: loggen's FileHandler with buffered: true (as generated, flushed
// each second, at ERROR and at Shutdown), zerolog and zap over a 64 KiB
// bufio.Writer of the file (in parallel behind zerolog.SyncWriter and
// zapcore.Lock), and the floor over the same.
func BenchmarkBufferedFile(b *testing.B) {
	for _, mode := range []string{"single", "parallel"} {
		b.Run(mode, func(b *testing.B) {
			parallel := mode == "parallel"
			dir := b.TempDir()
			b.Chdir(dir)
			configure(b, sink, "buffered")
			fl := newFloor(bufferedWriter(b, dir, "floor", parallel), true)
			zw := bufferedWriter(b, dir, "zerolog", false)
			zsync := zapcore.AddSync(bufferedWriter(b, dir, "zap", false))
			if parallel {
				zw = zerolog.SyncWriter(zw)
				zsync = zapcore.Lock(zsync)
			}
			zl := newZerolog(zw)
			zp := zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zsync, zapcore.InfoLevel)).Named("app.db")
			interleave(b, parallel, []contender{
				{"loggen", func(n int) {
					for range n {
						logs.AppDB.Info(msg)
					}
				}},
				{"floor", func(n int) {
					for range n {
						fl.info(msg)
					}
				}},
				{"zerolog", func(n int) {
					for range n {
						zl.Info().Msg(msg)
					}
				}},
				{"zap", func(n int) {
					for range n {
						zp.Info(msg)
					}
				}},
			})
		})
	}
}
