package bench

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// discard is the sink every contender writes to: it drops what it is
// given, like io.Discard, but is a type of its own (the standard log
// package skips all work for io.Discard), and says that it may be written
// from many goroutines at once (logging.ConcurrentWriter), as it may: the
// other libraries write to it without a lock, and so does loggen.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// ConcurrentWrites marks discard as safe for concurrent writes.
func (discard) ConcurrentWrites() {}

var sink io.Writer = discard{}

// bufs holds the line buffers of the floor and of the slog handler below,
// as every logger here keeps its buffers in a sync.Pool.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// pySecond is the text of Python's default asctime up to the milliseconds,
// "2006-01-02 15:04:05", for one second in the local zone.
type pySecond struct {
	sec  int64
	text []byte
}

var pyTime atomic.Pointer[pySecond]

// appendPyTime appends ns (since the epoch) as Python's default asctime writes it,
// "2006-01-02 15:04:05,000", from a text made once per second, as loggen
// does. (loggen follows Python's float arithmetic for the milliseconds
// within 10 µs of a millisecond; the floor does not bother.)
func appendPyTime(b []byte, ns int64) []byte {
	sec := ns / 1e9
	s := pyTime.Load()
	if s == nil || s.sec != sec {
		s = &pySecond{sec: sec, text: time.Unix(sec, 0).AppendFormat(nil, "2006-01-02 15:04:05")}
		pyTime.Store(s)
	}
	ms := ns % 1e9 / 1e6
	b = append(b, s.text...)
	return append(b, ',', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
}

// floorNow reads the wall clock the cheapest way, as loggen does
// (runtime/clock.go): the monotonic clock alone (time.Since), plus the wall
// clock's offset from it, measured by a time.Now at most a millisecond
// before. time.Now reads both clocks.
func floorNow() int64 {
	m := int64(time.Since(monoBase))
	if m-anchoredAt.Load() < int64(time.Millisecond) {
		return wallOffset.Load() + m
	}
	t := time.Now()
	w, m := t.UnixNano(), int64(t.Sub(monoBase))
	wallOffset.Store(w - m)
	anchoredAt.Store(m)
	return w
}

var (
	monoBase               = time.Now()
	wallOffset, anchoredAt atomic.Int64
)

func init() { anchoredAt.Store(-int64(time.Hour)) }

// floor is the hand-written floor: the least code that writes the bytes
// loggen writes for a scenario (read the clock as cheaply as loggen does,
// if the line has a time; append the line to a pooled buffer; write it),
// with none of a logger's machinery: no levels of handlers, no records, no
// formats, no routes.
type floor struct {
	w     io.Writer
	level atomic.Int32 // the logger's level, read as a logger reads it
	time  bool         // the line starts with the asctime
}

func newFloor(w io.Writer, withTime bool) *floor {
	f := &floor{w: w, time: withTime}
	f.level.Store(20)
	return f
}

// enabled is the floor of a level check.
func (f *floor) enabled(level int32) bool { return level >= f.level.Load() }

// line writes "<asctime> INFO app.db <msg><extra>\n".
func (f *floor) line(msg string, extra func(b []byte) []byte) {
	bp := bufs.Get().(*[]byte)
	b := (*bp)[:0]
	if f.time {
		b = appendPyTime(b, floorNow())
		b = append(b, ' ')
	}
	b = append(b, "INFO app.db "...)
	b = append(b, msg...)
	if extra != nil {
		b = extra(b)
	}
	b = append(b, '\n')
	f.w.Write(b)
	*bp = b
	bufs.Put(bp)
}

// info is a static message.
func (f *floor) info(msg string) {
	if f.enabled(20) {
		f.line(msg, nil)
	}
}

// fields is a static message and the two fields, as the "fields" format
// prints them.
func (f *floor) fields(msg, user string, requestID int) {
	if f.enabled(20) {
		bp := bufs.Get().(*[]byte)
		b := (*bp)[:0]
		b = appendPyTime(b, floorNow())
		b = append(b, " INFO app.db "...)
		b = append(b, msg...)
		b = append(b, " user="...)
		b = append(b, user...)
		b = append(b, " request_id="...)
		b = strconv.AppendInt(b, int64(requestID), 10)
		b = append(b, '\n')
		f.w.Write(b)
		*bp = b
		bufs.Put(bp)
	}
}

// printf is "user %s request %d" with its two arguments, written out.
func (f *floor) printf(user string, requestID int) {
	if f.enabled(20) {
		bp := bufs.Get().(*[]byte)
		b := (*bp)[:0]
		b = appendPyTime(b, floorNow())
		b = append(b, " INFO app.db user "...)
		b = append(b, user...)
		b = append(b, " request "...)
		b = strconv.AppendInt(b, int64(requestID), 10)
		b = append(b, '\n')
		f.w.Write(b)
		*bp = b
		bufs.Put(bp)
	}
}

// pyHandler is a minimal slog.Handler that writes loggen's bytes: slog's
// front end (Logger, Record, Attr) with the least handler behind it, the
// same-bytes row of slog.
type pyHandler struct {
	w    io.Writer
	time bool
}

func (h *pyHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *pyHandler) Handle(_ context.Context, r slog.Record) error {
	bp := bufs.Get().(*[]byte)
	b := (*bp)[:0]
	if h.time {
		b = appendPyTime(b, r.Time.UnixNano())
		b = append(b, ' ')
	}
	b = append(b, r.Level.String()...)
	b = append(b, " app.db "...)
	b = append(b, r.Message...)
	r.Attrs(func(a slog.Attr) bool {
		b = append(b, ' ')
		b = append(b, a.Key...)
		b = append(b, '=')
		switch a.Value.Kind() {
		case slog.KindInt64:
			b = strconv.AppendInt(b, a.Value.Int64(), 10)
		default:
			b = append(b, a.Value.String()...)
		}
		return true
	})
	b = append(b, '\n')
	_, err := h.w.Write(b)
	*bp = b
	bufs.Put(bp)
	return err
}

func (h *pyHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *pyHandler) WithGroup(string) slog.Handler      { return h }
