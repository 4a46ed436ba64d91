package runtime

import (
	goruntime "runtime"
	"time"
)

// LogEvent logs a record for an event that another logging API made, such
// as a log/slog record or a line of the log package, so that it goes
// through l exactly as l's own calls do: l's level, filters and handlers,
// and its ancestors' handlers as propagation says. It is what bridges call
// (package slogbridge, package stdlog); programs call the methods above.
//
// t is the event's time: the record's created, asctime and msecs come from
// it. A zero t means the event has none: the record is made at the call, and
// HasTime reports false. pc is the program counter of the event's call site
// as runtime.Callers returns it (a return address), from which funcName,
// lineno and pathname are found; 0 means unknown, and the caller is then not
// looked up either. fields become the record's extra attributes; ctx, if
// not nil, is kept (Record.Context) and the context extractors add their
// fields after them. LogEvent does nothing if l is not enabled for level.
// It allocates nothing of its own.
func (l *Logger) LogEvent(ctx Context, level Level, t time.Time, pc uintptr, err error, fields []Field, msg string) {
	if !l.IsEnabledFor(level) {
		return
	}
	r := newRecord()
	r.Name, r.Level, r.Msg, r.Err = l.name, level, msg, err
	r.Extra = append(r.Extra, fields...)
	if ctx != nil {
		r.ctx = ctx
		r.Extra = extractInto(ctx, r.Extra)
	}
	if t.IsZero() {
		r.timeless = true // Created reads the clock when asked (Record.when)
	} else {
		r.setNs(t.UnixNano())
	}
	r.pc = pc
	l.dispatch(r, -1)
	r.release()
}

// dispatch sends r down the logger's route, as log does (the two must stay
// in step: log is the hot path of the plain calls and keeps its own copy).
// depth counts the frames between the user's call and dispatch; a negative
// depth means the record comes from a bridge, which set r.pc itself (maybe
// to 0), so the caller is not captured here.
func (l *Logger) dispatch(r *Record, depth int) {
	rt := l.route.Load()
	if rt.needTime && !r.timeSet {
		r.setNs(nowNs())
	}
	if depth >= 0 && rt.needCaller && r.pc == 0 {
		var pcs [1]uintptr
		goruntime.Callers(depth+2, pcs[:])
		r.pc = pcs[0]
	}
	if rt.stackInfo != NOTSET && r.Level >= rt.stackInfo && r.stack == nil {
		if depth >= 0 {
			r.captureStack(depth + 2)
		} else if r.pc != 0 {
			r.captureStackFrom(r.pc)
		}
	}
	rt.handle(r)
	// The route stays reachable until here, as in log.
	goruntime.KeepAlive(rt)
}

// Context returns the context of the call that made the record (a
// ...Context method, or a bridged event that had one), or nil.
func (r *Record) Context() Context { return r.ctx }

// HasTime reports whether the record's time is that of its event. It is
// false only for a record bridged from an event without a time (a
// slog.Record whose Time is zero); such a record's Created is the time it
// was logged, as every Python record has one, and handlers that forward
// records to an API where the time may be absent (slogbridge.Forwarder)
// leave it out.
func (r *Record) HasTime() bool { return !r.timeless }

// CallerPC returns the program counter of the logging call as
// runtime.Callers returns it (a return address), or 0 when it was not
// captured: loggers capture it when a handler of the record's route needs
// the caller (a format that prints funcName, lineno or pathname, or a
// handler whose NeedsCaller method says so).
func (r *Record) CallerPC() uintptr { return r.pc }
