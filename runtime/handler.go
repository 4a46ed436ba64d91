package runtime

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// A Handler writes records to one destination: Python's logging.Handler.
//
// Loggers call Handle for each record whose level is at least the handler's
// Level; Handle runs the handler's filters and writes the record. Handle may
// be called from many goroutines at once and must serialize its own writes.
// A Handler never returns write or format failures to the logger: it reports
// them with HandleError and carries on, as Python's handleError does.
// Shutdown and reconfigurations call Flush and then Close, once each; a
// record that arrives after Close is written if the destination can still be
// reached (a FileHandler reopens its file, as Python's does).
type Handler interface {
	// Handle filters and writes r, and reports whether the filters passed.
	// It must not keep r after it returns (keep r.Clone() instead).
	Handle(r *Record) bool
	// Level returns the handler's level. Loggers skip handlers whose level
	// is above the record's.
	Level() Level
	// SetLevel changes the handler's level; it is safe during logging.
	SetLevel(Level)
	// Flush writes out anything the handler buffers.
	Flush() error
	// Close flushes and releases the destination.
	Close() error
}

// A Filter decides whether a record is handled: Python's logging.Filter and
// anything with a filter method.
type Filter interface {
	Filter(r *Record) bool
}

// FilterFunc adapts a function to the Filter interface.
type FilterFunc func(r *Record) bool

// Filter calls f(r).
func (f FilterFunc) Filter(r *Record) bool { return f(r) }

// NameFilter is Python's logging.Filter(name): it passes records of the
// logger called name and of its descendants ("a.b" passes "a.b" and "a.b.c",
// not "a.bc"); the empty name passes everything.
type NameFilter string

// Filter reports whether r's logger is the filter's logger or a descendant.
func (f NameFilter) Filter(r *Record) bool {
	name := string(f)
	if name == "" || r.Name == name {
		return true
	}
	return strings.HasPrefix(r.Name, name) && len(r.Name) > len(name) && r.Name[len(name)] == '.'
}

// A Formatter turns a record into text: Python's logging.Formatter.
// Format appends the record's text, without a line terminator, to b.
type Formatter interface {
	Format(b []byte, r *Record) ([]byte, error)
}

// A FormatFunc is a compiled format string: loggen generates one per
// formatter, as straight-line appends.
type FormatFunc func(b []byte, r *Record) ([]byte, error)

// CompiledFormatter is the Formatter that generated code builds from a
// FormatFunc. Like Python's Formatter.format, it makes sure the message can
// be built (a bad printf-style call is an error even when the format does
// not print the message), runs the format, and appends the record's
// exception (Record.ExcText: the error, its chain and its traceback) and
// stack_info (Record.StackInfo) after a newline each, as Python does.
type CompiledFormatter struct {
	Func FormatFunc
	// Caller reports that the format prints the caller's file, line or
	// function, so loggers must capture the caller for it.
	Caller bool
	// EscapeControl (loggen's escape_control) escapes the control
	// characters of the exception and stack_info that Format appends,
	// the newlines before them included (pyfmt.EscapeControl), so that a
	// record stays on one line. Func escapes the values it prints itself.
	EscapeControl bool
	// NoTime reports that the format prints no time (asctime, created,
	// msecs, relativeCreated), so that loggers whose records meet only
	// such formats need not read the clock.
	NoTime bool
}

// Format implements Formatter.
func (f *CompiledFormatter) Format(b []byte, r *Record) ([]byte, error) {
	if r.plain() {
		// Nothing to check first, nothing to append after: the format
		// alone (small enough to be inlined into its callers).
		out, err := f.Func(b, r)
		if err != nil {
			return out[:len(b)], err
		}
		return out, nil
	}
	return f.format(b, r)
}

// plain reports that r has no Args, error or stack: a format's text is
// the record's whole text.
func (r *Record) plain() bool { return len(r.Args) == 0 && r.Err == nil && r.stack == nil }

// format is Format for a record with Args, an error or a stack.
func (f *CompiledFormatter) format(b []byte, r *Record) ([]byte, error) {
	if err := r.formatMessage(); err != nil {
		return b, err
	}
	start := len(b)
	b, err := f.Func(b, r)
	if err != nil {
		return b[:start], err
	}
	tail := len(b)
	if r.Err != nil {
		if len(b) == start || b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
		b = appendExc(b, r.Err)
	}
	if len(r.stack) > 0 {
		if len(b) == start || b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
		b = r.appendStackInfo(b)
	}
	if f.EscapeControl && len(b) > tail {
		b = pyfmt.EscapeControl(b, tail)
	}
	return b, nil
}

// NeedsCaller reports whether the format prints caller information.
func (f *CompiledFormatter) NeedsCaller() bool { return f.Caller }

// NeedsTime reports whether the format prints the record's time.
func (f *CompiledFormatter) NeedsTime() bool { return !f.NoTime }

// defaultFormatter prints the message alone (Python's _defaultFormatter,
// "%(message)s"); handlers without a formatter use it.
var defaultFormatter Formatter = &CompiledFormatter{NoTime: true, Func: func(b []byte, r *Record) ([]byte, error) {
	return r.AppendMessage(b)
}}

// HandlerBase holds what every handler has: a level, filters, a formatter
// and a name. Handler types embed it, add the lock that serializes their
// writes (Python's handler lock), and write only their emit step.
type HandlerBase struct {
	level     atomic.Int64
	formatter Formatter
	// compiled is formatter when it is a *CompiledFormatter, called
	// without an interface call.
	compiled *CompiledFormatter
	filters  []Filter
	// Name is the handler's id in the configuration, for error reports.
	Name string
}

// Level returns the handler's level.
func (h *HandlerBase) Level() Level { return Level(h.level.Load()) }

// SetLevel sets the handler's level.
func (h *HandlerBase) SetLevel(l Level) { h.level.Store(int64(l)) }

// SetFormatter sets the formatter; nil means Python's default formatter,
// which prints the message alone ("%(message)s"). Call it
// before the handler is in use.
func (h *HandlerBase) SetFormatter(f Formatter) {
	h.formatter = f
	h.compiled, _ = f.(*CompiledFormatter)
}

// AddFilter adds a filter. Call it before the handler is in use.
func (h *HandlerBase) AddFilter(f Filter) { h.filters = append(h.filters, f) }

// Filter reports whether r passes all the handler's filters.
func (h *HandlerBase) Filter(r *Record) bool {
	for _, f := range h.filters {
		if !f.Filter(r) {
			return false
		}
	}
	return true
}

// Format appends r formatted by the handler's formatter to b.
func (h *HandlerBase) Format(b []byte, r *Record) ([]byte, error) {
	if h.compiled != nil {
		return h.compiled.Format(b, r)
	}
	if h.formatter == nil {
		return defaultFormatter.Format(b, r)
	}
	return h.formatter.Format(b, r)
}

// Prepare is the first step of a handler's Handle: it runs the filters and
// formats r, followed by terminator, into a buffer that the record owns, so
// that the handler needs its lock only to write. It reports whether the
// filters passed, and ok when there is a line to write; a format failure is
// reported with HandleError. The line is valid until Handle returns.
func (h *HandlerBase) Prepare(r *Record, terminator string) (line []byte, passed, ok bool) {
	if len(h.filters) == 0 && h.compiled != nil && r.plain() {
		// The common case, without the steps below that it skips: no
		// filters, and a compiled format with nothing to check first or
		// to append after (see CompiledFormatter.Format).
		line, err := h.compiled.Func(r.out[:0], r)
		if err == nil {
			line = append(line, terminator...)
			r.out = line
			return line, true, true
		}
		r.out = line[:0]
		HandleError(h.Name, r, err)
		return nil, true, false
	}
	if len(h.filters) > 0 && !h.Filter(r) {
		return nil, false, false
	}
	var err error
	if h.compiled != nil {
		line, err = h.compiled.Format(r.out[:0], r)
	} else {
		line, err = h.Format(r.out[:0], r)
	}
	if err != nil {
		r.out = line
		HandleError(h.Name, r, err)
		return nil, true, false
	}
	line = append(line, terminator...)
	r.out = line
	return line, true, true
}

// NeedsCaller reports whether the handler's formatter prints caller
// information.
func (h *HandlerBase) NeedsCaller() bool {
	nc, ok := h.formatter.(interface{ NeedsCaller() bool })
	return ok && nc.NeedsCaller()
}

// readsTime reports whether the handler's formatter or filters may read
// the record's time: a formatter says so with a NeedsTime method (and
// without one is taken to read it); of the filters, only a NameFilter is
// known not to. The handlers of this package whose writing reads nothing
// else of the record implement NeedsTime with it; a handler that lacks
// NeedsTime is taken to read the time.
func (h *HandlerBase) readsTime() bool {
	return formatterReadsTime(h.formatter) || filtersReadTime(h.filters)
}

func formatterReadsTime(f Formatter) bool {
	if f == nil {
		return false // the default formatter prints the message alone
	}
	nt, ok := f.(interface{ NeedsTime() bool })
	return !ok || nt.NeedsTime()
}

func filtersReadTime(fs []Filter) bool {
	for _, f := range fs {
		if _, ok := f.(NameFilter); !ok {
			return true
		}
	}
	return false
}

// quiet is the negation of Python's logging.raiseExceptions.
var quiet atomic.Bool

// SetRaiseExceptions sets Python's logging.raiseExceptions: when true (the
// default), HandleError and ReportError report failures on the error
// output; when false they are silent. It is safe to call while logging.
func SetRaiseExceptions(on bool) { quiet.Store(!on) }

var errorOutput struct {
	sync.Mutex
	w io.Writer // nil: os.Stderr at the time of the report
}

// SetErrorOutput makes HandleError and ReportError write their reports to
// w instead of the standard error of the moment (nil restores it), as a
// Python program reassigns sys.stderr. It is safe to call while logging.
func SetErrorOutput(w io.Writer) {
	errorOutput.Lock()
	defer errorOutput.Unlock()
	errorOutput.w = w
}

// writeReport writes one report to the error output.
func writeReport(b []byte) {
	errorOutput.Lock()
	defer errorOutput.Unlock()
	w := errorOutput.w
	if w == nil {
		w = os.Stderr
	}
	w.Write(b)
}

// HandleError reports that handler h failed to handle r, on stderr, the way
// Python's Handler.handleError does, and returns; logging goes on. The report
// reads:
//
//	--- Logging error ---
//	handler "file": open /var/log/app.log: permission denied
//	Message: 'disk %s'
//	Arguments: ('low',)
func HandleError(h string, r *Record, err error) {
	if quiet.Load() {
		return
	}
	b := []byte("--- Logging error ---\n")
	if h != "" {
		b = fmt.Appendf(b, "handler %q: ", h)
	}
	b = append(b, err.Error()...)
	b = append(b, "\nMessage: "...)
	b = pyfmt.AppendRepr(b, r.Msg)
	b = append(b, "\nArguments: "...)
	b = r.AppendArgsRepr(b)
	b = append(b, '\n')
	writeReport(b)
}

// ReportError reports a failure of the handler named h that concerns no
// single record (records dropped while a peer was down, a queue that
// overflowed), in HandleError's form without the record's lines:
//
//	--- Logging error ---
//	handler "tcp": dropped 3 records: tcp 127.0.0.1:9020 could not be reached (...)
//
// Like HandleError, it is silent after SetRaiseExceptions(false).
func ReportError(h string, err error) {
	if quiet.Load() {
		return
	}
	b := []byte("--- Logging error ---\n")
	if h != "" {
		b = fmt.Appendf(b, "handler %q: ", h)
	}
	b = append(b, err.Error()...)
	writeReport(append(b, '\n'))
}

// lastResort is Python's logging.lastResort: records that find no handler
// at all, at WARNING or above, are printed bare on the current stderr.
var lastResort = func() *StreamHandler {
	h := &StreamHandler{stderr: true, terminator: "\n"}
	h.SetLevel(WARNING)
	return h
}()

// registerLive adds h to the handlers that Shutdown closes. tree.mu must be
// held for writing.
func registerLive(h Handler) {
	for _, x := range tree.live {
		if x == h {
			return
		}
	}
	tree.live = append(tree.live, h)
}

// Shutdown flushes and closes every handler of the configuration and every
// handler added with AddHandler, newest first, as Python's logging.shutdown
// does. Call it before the program exits (defer logs.Shutdown()). Logging
// after Shutdown still works: stream handlers keep writing and file handlers
// reopen their files.
func Shutdown() {
	tree.mu.Lock()
	live := tree.live
	tree.live = nil
	tree.mu.Unlock()
	closeAll(live)
}

// closeAll flushes and closes hs in reverse order, reporting failures on
// stderr.
func closeAll(hs []Handler) {
	for i := len(hs) - 1; i >= 0; i-- {
		if f, ok := hs[i].(interface{ FlushOnClose() bool }); ok && !f.FlushOnClose() {
			// Python 3.12+ (gh-95804): no final flush of such a handler.
		} else if err := hs[i].Flush(); err != nil {
			reportf("flushing handler: %v", err)
		}
		if err := hs[i].Close(); err != nil {
			reportf("closing handler: %v", err)
		}
	}
}

func reportf(format string, args ...any) {
	if quiet.Load() {
		return
	}
	writeReport(fmt.Appendf(nil, "--- Logging error ---\n"+format+"\n", args...))
}
