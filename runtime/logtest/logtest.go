// Package logtest captures the records of a logger during a test, as
// Python's unittest assertLogs does: Capture puts a recording handler in
// place of the logger's handlers until the test ends, and the Recorder
// returns each record with its formatted text and fields. AssertLogs and
// AssertNoLogs are assertLogs and assertNoLogs.
//
//	func TestUpload(t *testing.T) {
//		rec := logtest.Capture(t, logs.BotocoreClientS3.Logger, logging.DEBUG)
//		upload("a.csv")
//		if got := rec.Output(); !slices.Contains(got, "DEBUG:botocore.client.S3:PUT a.csv") {
//			t.Errorf("output: %q", got)
//		}
//	}
//
// A test that captures a logger must not run in parallel with another
// that logs through it or captures it, and must not apply a configuration
// while it captures (a configuration replaces the logger's handlers).
package logtest

import (
	"sync"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// A Record is one captured record, as the logger made it.
type Record struct {
	Name    string        // the logger's name
	Level   logging.Level // the record's level
	Message string        // the message, with a printf-style call's arguments applied
	// Text is the record formatted by the Recorder's formatter: by default
	// "LEVEL:name:message", as Python's assertLogs prints cm.output,
	// followed by the exception and stack_info when the record has them.
	Text   string
	Fields []logging.Field // the extra attributes: LogExtra's, a slog call's, the context's
	Err    error           // the error of an Exception call, or nil
	// ExcText and StackInfo are Python's exc_text (the error, its chain and
	// traceback) and stack_info, or "" when the record has none.
	ExcText   string
	StackInfo string
	// Time is the record's creation time, zero for a bridged record whose
	// event had no time (Record.HasTime).
	Time time.Time
	// Function (without its package path, as %(funcName)s prints it),
	// File and Line are the logging call's.
	Function string
	File     string
	Line     int
	Context  logging.Context // the context of a ...Context call, or nil
}

// Field returns the value of the extra attribute named key, as a format
// that names it would find it.
func (r *Record) Field(key string) (pyfmt.Value, bool) {
	for _, f := range r.Fields {
		if f.Key == key {
			return f.Value, true
		}
	}
	return pyfmt.Value{}, false
}

// A Recorder is a handler that keeps the records it handles. Capture
// attaches one; it is also a logging.Handler of its own, for tests that
// attach it themselves.
type Recorder struct {
	logging.HandlerBase
	mu      sync.Mutex
	records []Record
	restore func()
	once    sync.Once
}

// basicFormat is Python's assertLogs format, "%(levelname)s:%(name)s:%(message)s".
var basicFormat = &logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
	b = r.Level.AppendName(b)
	b = append(b, ':')
	b = append(b, r.Name...)
	b = append(b, ':')
	return r.AppendMessage(b)
}}

// NewRecorder returns a Recorder that formats with Python's assertLogs
// format ("%(levelname)s:%(name)s:%(message)s"), at level NOTSET.
func NewRecorder() *Recorder {
	r := &Recorder{}
	r.SetFormatter(basicFormat)
	return r
}

// Capture replaces l's handlers with a new Recorder at level, sets l's
// level to level and stops its propagation, as Python's assertLogs does,
// and undoes all three when the test ends. Records of l's descendants are
// captured too, as they propagate to l. A level of NOTSET means INFO, as in
// Python.
func Capture(t testing.TB, l *logging.Logger, level logging.Level) *Recorder {
	t.Helper()
	if level == logging.NOTSET {
		level = logging.INFO
	}
	rec := NewRecorder()
	rec.SetLevel(level)
	handlers, oldLevel, propagate := l.Handlers(), l.Level(), l.Propagate()
	for _, h := range handlers {
		l.RemoveHandler(h)
	}
	l.AddHandler(rec)
	l.SetLevel(level)
	l.SetPropagate(false)
	rec.restore = func() {
		l.RemoveHandler(rec)
		for _, h := range handlers {
			l.AddHandler(h)
		}
		l.SetLevel(oldLevel)
		l.SetPropagate(propagate)
	}
	t.Cleanup(rec.Stop)
	return rec
}

// Stop detaches the Recorder that Capture attached and restores the
// logger's handlers, level and propagation; the test's end does it too.
// The records stay.
func (rec *Recorder) Stop() {
	if rec.restore != nil {
		rec.once.Do(rec.restore)
	}
}

// NeedsCaller reports true: captured records carry their caller.
func (rec *Recorder) NeedsCaller() bool { return true }

// Handle keeps r if it passes the Recorder's filters.
func (rec *Recorder) Handle(r *logging.Record) bool {
	if !rec.Filter(r) {
		return false
	}
	text, err := rec.Format(nil, r)
	if err != nil {
		logging.HandleError(rec.Name, r, err)
		return true
	}
	msg, _ := r.Message()
	c := Record{
		Name:      r.Name,
		Level:     r.Level,
		Message:   msg,
		Text:      string(text),
		Fields:    append([]logging.Field(nil), r.Extra...),
		Err:       r.Err,
		ExcText:   r.ExcText(),
		StackInfo: r.StackInfo(),
		Context:   r.Context(),
	}
	if r.HasTime() {
		c.Time = r.Time()
	}
	if r.Lineno() != 0 {
		c.Function, c.File, c.Line = r.FuncName(), r.Pathname(), r.Lineno()
	}
	rec.mu.Lock()
	rec.records = append(rec.records, c)
	rec.mu.Unlock()
	return true
}

// Flush does nothing.
func (rec *Recorder) Flush() error { return nil }

// Close does nothing: the records stay.
func (rec *Recorder) Close() error { return nil }

// Records returns the records captured so far, oldest first.
func (rec *Recorder) Records() []Record {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]Record(nil), rec.records...)
}

// Output returns the Text of each record, as Python's cm.output:
// "INFO:app.db:connected".
func (rec *Recorder) Output() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := make([]string, len(rec.records))
	for i, r := range rec.records {
		out[i] = r.Text
	}
	return out
}

// Reset forgets the records captured so far.
func (rec *Recorder) Reset() {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.records = nil
}

// AssertLogs runs f with l captured at level (see Capture) and fails the
// test if f logged no record at level or above through l or its
// descendants, with Python's words: "no logs of level INFO or higher
// triggered on app.db". It returns the Recorder, detached, for checks of
// the records.
func AssertLogs(t testing.TB, l *logging.Logger, level logging.Level, f func()) *Recorder {
	t.Helper()
	rec := Capture(t, l, level)
	f()
	rec.Stop()
	if len(rec.Records()) == 0 {
		if level == logging.NOTSET {
			level = logging.INFO
		}
		t.Errorf("no logs of level %s or higher triggered on %s", level, l.Name())
	}
	return rec
}

// AssertNoLogs runs f with l captured at level (see Capture) and fails the
// test if f logged a record at level or above through l or its
// descendants, with Python's words: "Unexpected logs found:
// ['WARNING:app.db:slow query']".
func AssertNoLogs(t testing.TB, l *logging.Logger, level logging.Level, f func()) {
	t.Helper()
	rec := Capture(t, l, level)
	f()
	rec.Stop()
	if out := rec.Output(); len(out) > 0 {
		t.Errorf("Unexpected logs found: %s", pyList(out))
	}
}

// pyList is the repr of a Python list of strings.
func pyList(items []string) string {
	var b []byte
	b = append(b, '[')
	for i, s := range items {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = pyfmt.AppendRepr(b, s)
	}
	return string(append(b, ']'))
}
