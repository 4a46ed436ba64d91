package slogbridge

import (
	"context"
	"log/slog"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// A Forwarder is a loggen handler that passes each record on to a
// slog.Handler: Python's level mapped back (LevelToSlog), the message, the
// logger's name as an attribute (key "logger", see SetNameKey), the
// record's extra attributes with their keys as they are, exc_text and
// stack_info as attributes when the record has them, its time (none for a
// bridged record without one), its caller's program counter and its
// context (context.Background() when it has none). The record goes on
// only if the slog handler is Enabled for its level.
//
// Like every handler it has a level, filters and a formatter: with a
// formatter, the message passed on is the record formatted by it instead
// of the message alone. A Forwarder asks loggers to capture the caller of
// every record (NeedsCaller), as slog.Logger does.
//
// A Go factory of a configuration makes one in a line:
//
//	func NewHandler() logging.Handler { return slogbridge.NewForwarder(otelslog.NewHandler("app")) }
type Forwarder struct {
	logging.HandlerBase
	h         slog.Handler
	nameKey   string
	formatted bool
	flush     func() error
	close     func() error
}

// NewForwarder returns a Forwarder to h.
func NewForwarder(h slog.Handler) *Forwarder {
	return &Forwarder{h: h, nameKey: "logger"}
}

// SetNameKey sets the key of the attribute that holds the logger's name
// ("logger" by default); "" leaves the name out. Call it before the
// handler is in use (a configuration's '.' key: nameKey: logger.name).
func (f *Forwarder) SetNameKey(key string) { f.nameKey = key }

// SetFormatter sets the formatter whose text is the message passed on;
// nil passes the message alone. Call it before the handler is in use.
func (f *Forwarder) SetFormatter(fm logging.Formatter) {
	f.formatted = fm != nil
	f.HandlerBase.SetFormatter(fm)
}

// OnFlush makes Flush call fn, for a slog handler that buffers (an
// OpenTelemetry LoggerProvider's ForceFlush). Call it before the handler
// is in use.
func (f *Forwarder) OnFlush(fn func() error) { f.flush = fn }

// OnClose makes Close call fn, after Flush, for a slog handler that holds
// resources (an OpenTelemetry LoggerProvider's Shutdown). Call it before
// the handler is in use.
func (f *Forwarder) OnClose(fn func() error) { f.close = fn }

// NeedsCaller reports true: slog records carry their caller's program
// counter.
func (f *Forwarder) NeedsCaller() bool { return true }

// Handle passes r on to the slog handler if r passes the Forwarder's
// filters and the slog handler is enabled for its level. A failure of the
// slog handler is reported with logging.HandleError.
func (f *Forwarder) Handle(r *logging.Record) bool {
	if !f.Filter(r) {
		return false
	}
	ctx := context.Background()
	if c := r.Context(); c != nil {
		ctx = c
	}
	level := LevelToSlog(r.Level)
	if !f.h.Enabled(ctx, level) {
		return true
	}
	var msg string
	var err error
	if f.formatted {
		var b []byte
		b, err = f.Format(nil, r)
		msg = string(b)
	} else {
		msg, err = r.Message()
	}
	if err != nil {
		logging.HandleError(f.Name, r, err)
		return true
	}
	var t time.Time // none: slog handlers leave a zero time out
	if r.HasTime() {
		t = r.Time()
	}
	sr := slog.NewRecord(t, level, msg, r.CallerPC())
	if f.nameKey != "" {
		sr.AddAttrs(slog.String(f.nameKey, r.Name))
	}
	for _, x := range r.Extra {
		sr.AddAttrs(slog.Attr{Key: x.Key, Value: toSlogValue(x.Value)})
	}
	if r.Err != nil {
		sr.AddAttrs(slog.String("exc_text", r.ExcText()))
	}
	if s := r.StackInfo(); s != "" {
		sr.AddAttrs(slog.String("stack_info", s))
	}
	if err := f.h.Handle(ctx, sr); err != nil {
		logging.HandleError(f.Name, r, err)
	}
	return true
}

// Flush calls the function given to OnFlush, if any.
func (f *Forwarder) Flush() error {
	if f.flush != nil {
		return f.flush()
	}
	return nil
}

// Close calls the function given to OnClose, if any.
func (f *Forwarder) Close() error {
	if f.close != nil {
		return f.close()
	}
	return nil
}

// toSlogValue returns the slog value of a record attribute's value.
func toSlogValue(v pyfmt.Value) slog.Value {
	switch v.Kind() {
	case pyfmt.KindString:
		return slog.StringValue(v.Str())
	case pyfmt.KindInt:
		return slog.Int64Value(v.Int())
	case pyfmt.KindFloat:
		return slog.Float64Value(v.Float())
	case pyfmt.KindBool:
		return slog.BoolValue(v.Bool())
	case pyfmt.KindNone:
		return slog.AnyValue(nil)
	}
	return slog.AnyValue(v.Any())
}
