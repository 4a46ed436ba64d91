package runtime

import (
	"math"
	"os"
	goruntime "runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// A Record is one logging event: Python's LogRecord. The logger fills it and
// hands it to each handler; a Record is reused after the call that made it
// returns, so a handler that keeps one (a buffering handler) must keep a
// Clone.
type Record struct {
	Name  string  // the logger's name ("root" for the root logger)
	Level Level   // the record's level
	Msg   string  // the message, or the format of a printf-style call
	Args  []any   // the arguments of a printf-style call, or nil
	Err   error   // the error of an Exception call, or nil
	Extra []Field // extra attributes (Python's extra={...})

	ns      int64 // creation time, nanoseconds since the epoch
	created float64
	pc      uintptr // the caller's program counter, 0 when not captured

	ctx      Context   // the context of a ...Context call, or nil (see event.go)
	timeless bool      // bridged from an event without a time (see HasTime)
	stack    []uintptr // the logging call's stack, for stack_info (see stack.go)

	summaryOf any // the flood filter whose summary this is, or nil (see flood.go)

	msgDone bool
	msgBuf  []byte
	msgErr  error

	// out is where handlers format the record, outside their locks.
	out []byte

	tmDone bool
	tm     pyfmt.Tm

	frameDone bool
	frame     goruntime.Frame
}

var recordPool = sync.Pool{New: func() any { return new(Record) }}

func newRecord() *Record { return recordPool.Get().(*Record) }

func (r *Record) release() {
	if cap(r.msgBuf) > 64<<10 || cap(r.out) > 64<<10 || cap(r.Extra) > 64 {
		return // let outsized buffers go
	}
	msgBuf, out, extra := r.msgBuf[:0], r.out[:0], r.Extra[:0]
	clear(r.Extra)
	*r = Record{msgBuf: msgBuf, out: out, Extra: extra}
	recordPool.Put(r)
}

// NewRecord returns a record created now, for handlers and tests that build
// records themselves. Most code never calls it: loggers make records.
func NewRecord(name string, level Level, msg string, args ...any) *Record {
	r := &Record{Name: name, Level: level, Msg: msg, Args: args}
	r.setTime(now())
	return r
}

// Clone returns a copy of r that stays valid after the log call returns.
func (r *Record) Clone() *Record {
	c := *r
	c.Extra = append([]Field(nil), r.Extra...)
	c.Args = append([]any(nil), r.Args...)
	c.msgBuf = append([]byte(nil), r.msgBuf...)
	c.out = nil
	return &c
}

// SetTime sets the record's creation time, for code that builds records
// itself (tests, bridges from other loggers that carry their own time).
func (r *Record) SetTime(t time.Time) { r.setTime(t) }

// CopyWithMessage returns a copy of r for a handler that passes records to
// another goroutine, as Python's QueueHandler.prepare makes one: its Msg is
// msg (the record as the handler formatted it), it has no Args and no Err,
// and it keeps r's name, level, creation time, caller, extra attributes and
// context.
// The copy stays valid after the log call returns.
func (r *Record) CopyWithMessage(msg string) *Record {
	c := &Record{
		Name:    r.Name,
		Level:   r.Level,
		Msg:     msg,
		ns:      r.ns,
		created: r.created,
		pc:      r.pc,
		ctx:     r.ctx,

		timeless: r.timeless,
	}
	if len(r.Extra) > 0 {
		c.Extra = append([]Field(nil), r.Extra...)
	}
	if r.frameDone {
		c.frameDone, c.frame = true, r.frame
	}
	if r.tmDone {
		c.tmDone, c.tm = true, r.tm
	}
	return c
}

func (r *Record) setTime(t time.Time) {
	r.ns = t.UnixNano()
	// Python's time.time(): whole seconds convert exactly, others as ns/1e9.
	if r.ns%1e9 == 0 {
		r.created = float64(r.ns / 1e9)
	} else {
		r.created = float64(r.ns) / 1e9
	}
}

// Created returns the creation time in seconds since the epoch, as a float
// (Python's record.created).
func (r *Record) Created() float64 { return r.created }

// Msecs returns the millisecond part of the creation time, truncated, as a
// float (Python's record.msecs: 123.0, never 1000.0).
func (r *Record) Msecs() float64 {
	ct := r.created
	return math.Trunc((ct-math.Trunc(ct))*1000) + 0.0
}

// RelativeCreated returns the milliseconds from the start of the program
// (the loading of this package) to the record's creation, as a float.
func (r *Record) RelativeCreated() float64 {
	return (r.created - startTime()) * 1000
}

// Time returns the creation time.
func (r *Record) Time() time.Time { return time.Unix(0, r.ns) }

// Tm returns the creation time broken down in the local time zone, as
// Python's time.localtime(record.created) gives it. It is computed once.
func (r *Record) Tm() *pyfmt.Tm {
	if !r.tmDone {
		sec := int64(math.Floor(r.created))
		if c := tmCache.Load(); c != nil && c.sec == sec && c.loc == time.Local {
			r.tm = c.tm
		} else {
			r.tm = pyfmt.MakeTm(time.Unix(sec, 0))
			tmCache.Store(&tmEntry{sec: sec, loc: time.Local, tm: r.tm})
		}
		r.tmDone = true
	}
	return &r.tm
}

// tmCache holds the broken-down time of the last second a record was made
// in: most records share their second with the previous one, and breaking a
// time down in the local zone costs more than formatting it.
var tmCache atomic.Pointer[tmEntry]

type tmEntry struct {
	sec int64
	loc *time.Location
	tm  pyfmt.Tm
}

// AppendMessage appends the record's message to b: Msg itself when there are
// no Args, else Msg % Args with Python's rules. The result is computed once.
func (r *Record) AppendMessage(b []byte) ([]byte, error) {
	if len(r.Args) == 0 {
		return append(b, r.Msg...), nil
	}
	if !r.msgDone {
		r.msgBuf, r.msgErr = pyfmt.AppendPercentArgs(r.msgBuf[:0], r.Msg, r.Args)
		r.msgDone = true
	}
	if r.msgErr != nil {
		return b, r.msgErr
	}
	return append(b, r.msgBuf...), nil
}

// Message returns the record's message (Python's getMessage).
func (r *Record) Message() (string, error) {
	if len(r.Args) == 0 {
		return r.Msg, nil
	}
	b, err := r.AppendMessage(nil)
	return string(b), err
}

// Lookup returns the extra attribute named key.
func (r *Record) Lookup(key string) (pyfmt.Value, bool) {
	for i := range r.Extra {
		if r.Extra[i].Key == key {
			return r.Extra[i].Value, true
		}
	}
	return pyfmt.Value{}, false
}

// AppendArgsRepr appends the repr of the record's args tuple, as Python's
// %(args)s prints it: () or ('a', 1) or ('a',).
func (r *Record) AppendArgsRepr(b []byte) []byte {
	b = append(b, '(')
	for i, a := range r.Args {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendRepr(b, a)
	}
	if len(r.Args) == 1 {
		b = append(b, ',')
	}
	return append(b, ')')
}

// appendRepr appends Python's repr of a Go value.
func appendRepr(b []byte, a any) []byte {
	v := argValue(a)
	switch v.Kind() {
	case pyfmt.KindString:
		return pyfmt.AppendRepr(b, v.Str())
	case pyfmt.KindAny:
		return pyfmt.AppendRepr(b, v.String())
	}
	return v.AppendStr(b)
}

// argValue converts a printf-style argument to a pyfmt.Value: errors and
// Stringers print as their text.
func argValue(a any) pyfmt.Value {
	switch x := a.(type) {
	case error:
		return pyfmt.StringValue(x.Error())
	case interface{ String() string }:
		if _, ok := a.(pyfmt.Value); !ok {
			return pyfmt.StringValue(x.String())
		}
	}
	return pyfmt.AnyValue(a)
}

// caller resolves the captured program counter into file, line and
// function. runtime.FuncForPC resolves inlined calls to the innermost
// function and allocates nothing; the result is kept in a small cache keyed
// by the program counter, since a program logs from few call sites.
func (r *Record) caller() *goruntime.Frame {
	if !r.frameDone {
		r.frameDone = true
		if r.pc != 0 {
			slot := &callerCache[(r.pc>>2)%uintptr(len(callerCache))]
			if c := slot.Load(); c != nil && c.pc == r.pc {
				r.frame = c.frame
			} else {
				pc := r.pc - 1 // a return address: step back into the call
				if fn := goruntime.FuncForPC(pc); fn != nil {
					r.frame.Function = fn.Name()
					r.frame.File, r.frame.Line = fn.FileLine(pc)
				}
				slot.Store(&callerEntry{pc: r.pc, frame: r.frame})
			}
		}
	}
	return &r.frame
}

var callerCache [512]atomic.Pointer[callerEntry]

type callerEntry struct {
	pc    uintptr
	frame goruntime.Frame
}

// SetCallerPC sets the logging call's program counter, as runtime.Callers
// returns it (a return address), for code that captures the caller itself
// (a bridge from another logging API). Pathname, Lineno and FuncName are
// resolved from it only when a format prints them.
func (r *Record) SetCallerPC(pc uintptr) {
	r.pc, r.frameDone = pc, false
}

// SetCaller sets the logging call's source file, line and function as they
// are already known, as Python's makeRecord takes fn, lno and func: for
// records that come from elsewhere (another process, a replayed event).
// function is a Go function name with its package path
// ("example.com/app.(*Server).Serve") or any text ("<module>").
func (r *Record) SetCaller(file string, line int, function string) {
	r.pc, r.frameDone = 0, true
	r.frame = goruntime.Frame{File: file, Line: line, Function: function}
}

// Pathname returns the full path of the source file of the logging call, or
// "(unknown file)" as Python prints it when the caller was not captured.
func (r *Record) Pathname() string {
	if f := r.caller(); f.File != "" {
		return f.File
	}
	return "(unknown file)"
}

// Filename returns the base name of Pathname.
func (r *Record) Filename() string {
	p := r.Pathname()
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

// Module returns Filename without its extension (Python's module).
func (r *Record) Module() string {
	f := r.Filename()
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		return f[:i]
	}
	return f
}

// FuncName returns the name of the function that logged, without its package
// path: "main", "handleRequest", "(*Server).Serve"; "(unknown function)" when
// unknown.
func (r *Record) FuncName() string {
	fn := r.caller().Function
	if fn == "" {
		return "(unknown function)"
	}
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		fn = fn[i+1:]
	}
	if i := strings.IndexByte(fn, '.'); i >= 0 {
		fn = fn[i+1:]
	}
	return fn
}

// Lineno returns the line number of the logging call, 0 when unknown.
func (r *Record) Lineno() int { return r.caller().Line }

// Process returns the process id (Python's process).
func (r *Record) Process() int { return pid }

// ProcessName returns "MainProcess", as Python names a process that
// multiprocessing did not start.
func (r *Record) ProcessName() string { return "MainProcess" }

// Thread returns the id of the OS thread that made the call. Go schedules
// goroutines over threads, so the number says little; it exists so that
// formats written for Python keep working.
func (r *Record) Thread() int { return gettid() }

// ThreadName returns "MainThread" (see Thread).
func (r *Record) ThreadName() string { return "MainThread" }

var pid = os.Getpid()

// The clock. Tests freeze it with SetClock and SetStartTime.
var (
	clockFunc atomic.Pointer[func() time.Time]
	startNs   atomic.Int64
)

func init() { startNs.Store(time.Now().UnixNano()) }

func now() time.Time {
	if f := clockFunc.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// Now returns the time of the runtime's clock: time.Now, or the function
// given to SetClock. Handlers that keep time (a TimedRotatingFileHandler's
// first rollover) read it, so that tests can freeze them too.
func Now() time.Time { return now() }

func startTime() float64 {
	ns := startNs.Load()
	if ns%1e9 == 0 {
		return float64(ns / 1e9)
	}
	return float64(ns) / 1e9
}

// SetClock makes records take their creation time from now instead of
// time.Now; nil restores time.Now. It is meant for tests and for programs
// that replay events.
func SetClock(now func() time.Time) {
	if now == nil {
		clockFunc.Store(nil)
		return
	}
	clockFunc.Store(&now)
}

// SetStartTime sets the instant that RelativeCreated counts from (by
// default, when the program started).
func SetStartTime(t time.Time) { startNs.Store(t.UnixNano()) }

// AppendExcText appends Python's exc_text: the text of the record's error
// with its chain and traceback (see ExcText), or None.
func (r *Record) AppendExcText(b []byte) []byte {
	if r.Err == nil {
		return append(b, "None"...)
	}
	return appendExc(b, r.Err)
}

// MissingField returns the error of a format that names an attribute the
// record lacks, with Python's words: Formatting field not found in record: 'user'.
func MissingField(name string) error {
	return &missingFieldError{name}
}

type missingFieldError struct{ name string }

func (e *missingFieldError) Error() string {
	return string(pyfmt.AppendRepr([]byte("Formatting field not found in record: "), e.name))
}

// formatLine formats r with f's formatter into the record's own buffer and
// appends terminator. Formatters are pure, so handlers call it before they
// take their lock and hold the lock only to write.
func (r *Record) formatLine(h *HandlerBase, terminator string) ([]byte, error) {
	b, err := h.Format(r.out[:0], r)
	r.out = b
	if err != nil {
		return nil, err
	}
	b = append(b, terminator...)
	r.out = b
	return b, nil
}
