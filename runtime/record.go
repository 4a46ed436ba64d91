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

	// ns is the creation time in nanoseconds since the epoch, once timeSet.
	// A logger reads the clock for a record only when something on its
	// route may read the time (see route.needTime); anything else that
	// asks reads it then (see when).
	ns      int64
	pc      uintptr // the caller's program counter, 0 when not captured
	timeSet bool

	ctx      Context   // the context of a ...Context call, or nil (see event.go)
	timeless bool      // bridged from an event without a time (see HasTime)
	stack    []uintptr // the logging call's stack, for stack_info (see stack.go)

	summaryOf any // the flood filter whose summary this is, or nil (see flood.go)

	msgDone   bool
	frameDone bool
	msgBuf    []byte
	msgErr    error

	// tm is the broken-down time of the record's second, shared by the
	// records of that second (see Tm); nil until asked for.
	tm *tmEntry
	// frame is the caller's file, line and function, nil until resolved
	// (or when unknown); shared with the caller cache, so never modified.
	frame *goruntime.Frame

	// out is where handlers format the record, outside their locks.
	out []byte
	// args keeps the capacity that Args reuses: a logger copies a call's
	// arguments into it, so that the call's ...any slice need not escape.
	args []any
}

// recordPool holds records for reuse. A new record's buffers start at
// sizes whose allocations are whole cache lines (size classes that are
// multiples of 64 bytes, as the record's own is), so that the records of
// two goroutines never share a line: the buffers the size of their first
// use (80 bytes for two extras, 96 for a longer line) would, and every
// record written on one core would evict the other's.
var recordPool = sync.Pool{New: func() any {
	return &Record{
		Extra:  make([]Field, 0, 8),  // 320 bytes
		out:    make([]byte, 0, 256), // 256 bytes
		msgBuf: make([]byte, 0, 128), // 128 bytes
		args:   make([]any, 0, 4),    // 64 bytes
	}
}}

func newRecord() *Record { return recordPool.Get().(*Record) }

func (r *Record) release() {
	if cap(r.msgBuf) > 64<<10 || cap(r.out) > 64<<10 || cap(r.Extra) > 64 || cap(r.args) > 64 {
		return // let outsized buffers go
	}
	// Field by field, and pointers only where set: a composite literal
	// would copy the whole record with write barriers. Every field but the
	// buffers is reset here (TestReleaseResetsEveryField).
	if len(r.Extra) > 0 {
		clear(r.Extra)
		r.Extra = r.Extra[:0]
	}
	if r.Args != nil {
		clear(r.args)
		r.Args, r.args = nil, r.args[:0]
	}
	r.Name, r.Msg = "", ""
	if r.Err != nil {
		r.Err = nil
	}
	r.Level, r.ns, r.pc, r.timeSet, r.msgDone, r.frameDone = 0, 0, 0, false, false, false
	if r.msgErr != nil {
		r.msgErr = nil
	}
	if len(r.msgBuf) > 0 {
		r.msgBuf = r.msgBuf[:0]
	}
	if r.tm != nil {
		r.tm = nil
	}
	if r.frame != nil {
		r.frame = nil
	}
	if r.ctx != nil {
		r.ctx = nil
	}
	if r.stack != nil {
		r.stack = nil
	}
	if r.summaryOf != nil {
		r.summaryOf = nil
	}
	r.timeless = false
	if len(r.out) > 0 {
		r.out = r.out[:0]
	}
	recordPool.Put(r)
}

// setArgs sets Args to a copy of args in the record's own storage.
func (r *Record) setArgs(args []any) {
	if len(args) == 0 {
		return
	}
	r.args = append(r.args[:0], args...)
	r.Args = r.args
}

// NewRecord returns a record created now, for handlers and tests that build
// records themselves. Most code never calls it: loggers make records.
func NewRecord(name string, level Level, msg string, args ...any) *Record {
	r := &Record{Name: name, Level: level, Msg: msg, Args: args}
	r.setNs(nowNs())
	return r
}

// Clone returns a copy of r that stays valid after the log call returns.
func (r *Record) Clone() *Record {
	r.when() // the copy's time is the call's, whoever reads it later
	c := *r
	c.Extra = append([]Field(nil), r.Extra...)
	c.Args = append([]any(nil), r.Args...)
	c.msgBuf = append([]byte(nil), r.msgBuf...)
	c.out, c.args = nil, nil
	return &c
}

// SetTime sets the record's creation time, for code that builds records
// itself (tests, bridges from other loggers that carry their own time).
func (r *Record) SetTime(t time.Time) { r.setNs(t.UnixNano()) }

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
		ns:      r.when(),
		timeSet: true,
		pc:      r.pc,
		ctx:     r.ctx,
		tm:      r.tm,

		timeless: r.timeless,
	}
	if len(r.Extra) > 0 {
		c.Extra = append([]Field(nil), r.Extra...)
	}
	if r.frameDone {
		c.frameDone, c.frame = true, r.frame
	}
	return c
}

func (r *Record) setNs(ns int64) {
	r.ns, r.timeSet, r.tm = ns, true, nil
}

// when returns the creation time in nanoseconds, reading the clock now if
// the logger did not (nothing on the record's route was known to read the
// time: a handler's formatter changed after the handler was attached, or
// code outside the route asks).
func (r *Record) when() int64 {
	if !r.timeSet {
		r.setNs(nowNs())
	}
	return r.ns
}

// secondsOf returns Python's time.time() for ns: whole seconds convert
// exactly, others as ns/1e9.
func secondsOf(ns int64) float64 {
	if ns%1e9 == 0 {
		return float64(ns / 1e9)
	}
	return float64(ns) / 1e9
}

// safeMargin is how far (in ns) from a second or millisecond boundary a
// creation time must be for integer arithmetic on ns to give what Python's
// float arithmetic on created gives: created is within a few ULPs of
// ns/1e9, and an ULP of a float of up to 2^33 seconds (the year 2242) is
// below 2 µs.
const safeMargin = 10_000

// fastNs reports whether ns is a time for which safeMargin holds.
func fastNs(ns int64) bool { return ns >= 0 && ns < 1<<62 }

// Created returns the creation time in seconds since the epoch, as a float
// (Python's record.created).
func (r *Record) Created() float64 { return secondsOf(r.when()) }

// Msecs returns the millisecond part of the creation time, truncated, as a
// float (Python's record.msecs: 123.0, never 1000.0).
func (r *Record) Msecs() float64 { return float64(r.msecs()) }

// msecs is Python's int((ct - int(ct)) * 1000) for ct = record.created,
// from the integer nanoseconds unless the float arithmetic could round
// differently there.
func (r *Record) msecs() int {
	ns := r.when()
	if rem := ns % 1e6; fastNs(ns) && rem >= safeMargin && rem <= 1e6-safeMargin {
		return int(ns % 1e9 / 1e6)
	}
	ct := secondsOf(ns)
	return int(math.Trunc((ct - math.Trunc(ct)) * 1000))
}

// second is Python's math.floor(record.created), the second that
// time.localtime breaks down.
func (r *Record) second() int64 {
	ns := r.when()
	if rem := ns % 1e9; fastNs(ns) && rem >= safeMargin && rem <= 1e9-safeMargin {
		return ns / 1e9
	}
	return int64(math.Floor(secondsOf(ns)))
}

// RelativeCreated returns the milliseconds from the start of the program
// (the loading of this package) to the record's creation, as a float.
func (r *Record) RelativeCreated() float64 {
	return (r.Created() - startTime()) * 1000
}

// Time returns the creation time.
func (r *Record) Time() time.Time { return time.Unix(0, r.when()) }

// Tm returns the creation time broken down in the local time zone, as
// Python's time.localtime(record.created) gives it. It is computed once per
// second and shared by the records of that second: it must not be
// modified.
func (r *Record) Tm() *pyfmt.Tm { return &r.tmEntry().tm }

// tmEntry returns the cached breakdown of the record's second.
func (r *Record) tmEntry() *tmEntry {
	if r.tm == nil {
		sec := r.second()
		if c := tmCache.Load(); c != nil && c.sec == sec && c.loc == time.Local {
			r.tm = c
		} else {
			r.tm = newTmEntry(sec)
			tmCache.Store(r.tm)
		}
	}
	return r.tm
}

// AppendAsctime appends Python's default asctime, "2006-01-02
// 15:04:05,000" in the local time zone: Formatter.formatTime without a
// datefmt. The text up to the comma is made once per second.
func (r *Record) AppendAsctime(b []byte) []byte {
	b = append(b, r.tmEntry().asctime...)
	ms := r.msecs()
	if ms < 0 {
		return pyfmt.AppendPad(append(b, ','), ms, 3, '0')
	}
	return append(b, ',', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
}

// tmCache holds the broken-down time of the last second a record was made
// in: most records share their second with the previous one, and breaking a
// time down in the local zone costs more than formatting it.
var tmCache atomic.Pointer[tmEntry]

// A tmEntry is one second broken down in a zone, and the text of Python's
// default asctime for it up to the milliseconds. It is never modified once
// made.
type tmEntry struct {
	sec     int64
	loc     *time.Location
	tm      pyfmt.Tm
	asctime []byte
}

func newTmEntry(sec int64) *tmEntry {
	loc := time.Local
	e := &tmEntry{sec: sec, loc: loc, tm: pyfmt.MakeTm(time.Unix(sec, 0).In(loc))}
	e.asctime = pyfmt.AppendDefaultAsctime(nil, &e.tm, 0)
	e.asctime = e.asctime[:len(e.asctime)-len(",000")]
	return e
}

// A TimeCache keeps the text of a datefmt for the second of the last
// record it formatted: a datefmt (Python's time.strftime) prints nothing
// finer than a second, so the records of one second share it. Generated
// code keeps one per formatter with a datefmt. The zero value is ready to
// use, and it is safe for concurrent use.
type TimeCache struct {
	p atomic.Pointer[timeText]
}

type timeText struct {
	tm   *tmEntry
	text []byte
}

// Append appends the time of r as format writes it, calling format only
// for the first record of each second.
func (c *TimeCache) Append(b []byte, r *Record, format func(b []byte, tm *pyfmt.Tm) []byte) []byte {
	e := r.tmEntry()
	if t := c.p.Load(); t != nil && (t.tm == e || t.tm.sec == e.sec && t.tm.loc == e.loc) {
		return append(b, t.text...)
	}
	t := &timeText{tm: e, text: format(nil, &e.tm)}
	c.p.Store(t)
	return append(b, t.text...)
}

// AppendMessage appends the record's message to b: Msg itself when there are
// no Args, else Msg % Args with Python's rules. The result is computed once.
func (r *Record) AppendMessage(b []byte) ([]byte, error) {
	if len(r.Args) == 0 {
		return append(b, r.Msg...), nil
	}
	return r.appendFormatted(b)
}

// appendFormatted is AppendMessage for a record with Args.
func (r *Record) appendFormatted(b []byte) ([]byte, error) {
	if err := r.formatMessage(); err != nil {
		return b, err
	}
	return append(b, r.msgBuf...), nil
}

// formatMessage computes Msg % Args once, and returns its error.
func (r *Record) formatMessage() error {
	if len(r.Args) > 0 && !r.msgDone {
		r.computeMessage()
	}
	return r.msgErr
}

func (r *Record) computeMessage() {
	r.msgBuf, r.msgErr = pyfmt.AppendPercentArgs(r.msgBuf[:0], r.Msg, r.Args)
	r.msgDone = true
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
			c := slot.Load()
			if c == nil || c.pc != r.pc {
				c = &callerEntry{pc: r.pc}
				pc := r.pc - 1 // a return address: step back into the call
				if fn := goruntime.FuncForPC(pc); fn != nil {
					c.frame.Function = fn.Name()
					c.frame.File, c.frame.Line = fn.FileLine(pc)
				}
				slot.Store(c)
			}
			r.frame = &c.frame
		}
	}
	if r.frame == nil {
		return &unknownFrame
	}
	return r.frame
}

// unknownFrame is the caller of a record whose caller was not captured.
var unknownFrame goruntime.Frame

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
	r.pc, r.frameDone, r.frame = pc, false, nil
}

// SetCaller sets the logging call's source file, line and function as they
// are already known, as Python's makeRecord takes fn, lno and func: for
// records that come from elsewhere (another process, a replayed event).
// function is a Go function name with its package path
// ("example.com/app.(*Server).Serve") or any text ("<module>").
func (r *Record) SetCaller(file string, line int, function string) {
	r.pc, r.frameDone = 0, true
	r.frame = &goruntime.Frame{File: file, Line: line, Function: function}
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
