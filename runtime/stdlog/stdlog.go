// Package stdlog routes the standard library's log package into loggen's
// loggers, so that a program's configuration also decides where log.Printf
// and the *log.Logger of other packages (http.Server.ErrorLog) write:
//
//	defer stdlog.Redirect(logging.Get("legacy"), logging.INFO)()
//	log.Printf("cache warmed in %v", d) // INFO:legacy:cache warmed in 1.2s
//
// Each line that the log package writes becomes one record, its text
// without the trailing newline as the message, made at the time of the
// write, with the caller of the log call (the first function outside the
// log package: a wrapper that calls log.Output with a larger calldepth is
// named itself). Like slog.SetDefault for slog, Redirect takes the
// standard logger over until it is restored. log.Fatal exits right after
// its record is handled: handlers that buffer (a QueueHandler, a
// MemoryHandler) lose it, as Shutdown does not run.
//
// This package is separate from the runtime so that programs that do not
// use the log package do not link it.
package stdlog

import (
	"bytes"
	"log"
	goruntime "runtime"
	"strings"

	logging "github.com/loggen/loggen/runtime"
)

// Redirect makes the standard logger (log.Print…, log.Fatal…, log.Panic…)
// log each line through l at level, and returns a function that restores
// its output and flags. The flags are set to 0 while it is redirected
// (records have their own time and caller); its prefix stays, at the start
// of each message.
func Redirect(l *logging.Logger, level logging.Level) (restore func()) {
	std := log.Default()
	out, flags := std.Writer(), std.Flags()
	std.SetOutput(Writer(l, level))
	std.SetFlags(0)
	return func() {
		std.SetOutput(out)
		std.SetFlags(flags)
	}
}

// NewLogger returns a *log.Logger whose lines are logged through l at
// level, for code that wants one (http.Server's ErrorLog, say). Its
// prefix is prefix and its flags 0.
func NewLogger(l *logging.Logger, level logging.Level, prefix string) *log.Logger {
	return log.New(Writer(l, level), prefix, 0)
}

// Writer returns the io.Writer that Redirect and NewLogger give the log
// package: each Write logs its text, without the trailing newline, through
// l at level, with the caller of the log call. Writes from elsewhere are
// logged too, without a caller.
func Writer(l *logging.Logger, level logging.Level) *LineWriter {
	return &LineWriter{logger: l, level: level}
}

// A LineWriter logs each Write through a logger (see Writer). It is safe
// for concurrent use.
type LineWriter struct {
	logger *logging.Logger
	level  logging.Level
}

// Write logs p, without its trailing newline, and reports len(p).
func (w *LineWriter) Write(p []byte) (int, error) {
	if !w.logger.IsEnabledFor(w.level) {
		return len(p), nil
	}
	msg := string(bytes.TrimSuffix(p, []byte{'\n'}))
	w.logger.LogEvent(nil, w.level, logging.Now(), logCaller(), nil, nil, msg)
	return len(p), nil
}

// logCaller returns the program counter of the call of the log package
// that is writing: the first frame outside package log above the frames
// of package log, or 0 if Write was not called by package log.
func logCaller() uintptr {
	var pcs [32]uintptr
	n := goruntime.Callers(3, pcs[:]) // skip Callers, logCaller and Write
	inLog := false
	for _, pc := range pcs[:n] {
		fn := goruntime.FuncForPC(pc - 1)
		if fn == nil {
			continue
		}
		if name := fn.Name(); strings.HasPrefix(name, "log.") {
			inLog = true
		} else if inLog {
			return pc
		} else {
			return 0 // not written by package log
		}
	}
	return 0
}
