package runtime

import (
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock for SetClock that counts its reads and moves on by
// a millisecond each time it is read.
type fakeClock struct {
	reads atomic.Int64
}

var clockBase = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

func (c *fakeClock) now() time.Time {
	n := c.reads.Add(1)
	return clockBase.Add(time.Duration(n) * time.Millisecond)
}

func useClock(t *testing.T, c *fakeClock) {
	SetClock(c.now)
	t.Cleanup(func() { SetClock(nil) })
}

// createdSeen is a handler without NeedsTime that notes the created of
// the records it handles.
type createdSeen struct {
	HandlerBase
	mu   sync.Mutex
	seen []float64
}

func (h *createdSeen) Handle(r *Record) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seen = append(h.seen, r.Created())
	return true
}
func (h *createdSeen) Flush() error { return nil }
func (h *createdSeen) Close() error { return nil }

// clockWriter moves the clock on when it is written, as a slow write
// would.
type clockWriter struct{ c *fakeClock }

func (w clockWriter) Write(p []byte) (int, error) { w.c.now(); return len(p), nil }

// configureHandlers routes logger name (at DEBUG, not propagating) to
// handlers made of hs, each a handler and its formatter (nil: none).
func configureHandlers(t *testing.T, name string, filters []Filter, hs ...any) *Logger {
	t.Helper()
	var hcs []HandlerConfig
	var ids []string
	for i := 0; i < len(hs); i += 2 {
		h := hs[i].(Handler)
		id := string(rune('a' + i/2))
		ids = append(ids, id)
		hc := HandlerConfig{ID: id, New: func() (Handler, error) { return h, nil }}
		hc.Formatter, _ = hs[i+1].(Formatter)
		hcs = append(hcs, hc)
	}
	err := Configure(&Config{Handlers: hcs, Loggers: []LoggerConfig{{Name: name, Level: DEBUG, LevelSet: true,
		Handlers: ids, PropagateSet: true, Filters: filters}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return Get(name)
}

// timelessNameLevelMessage is nameLevelMessage as loggen generates it,
// marked as printing no time.
var timelessNameLevelMessage = &CompiledFormatter{Func: nameLevelMessage.Func, NoTime: true}

// A route whose formats print no time reads no clock.
func TestTimelessRouteReadsNoClock(t *testing.T) {
	c := &fakeClock{}
	useClock(t, c)
	l := configureHandlers(t, "clock.timeless", nil,
		NewStreamHandler(&syncBuffer{}), timelessNameLevelMessage)
	l.Info("no time")
	l.Warningf("no time %d", 2)
	if n := c.reads.Load(); n != 0 {
		t.Errorf("the clock was read %d times for records no format prints the time of", n)
	}
}

// A handler that reads created after another handler took time gets the
// time the record was made, as in Python, not the time of its reading.
func TestSecondHandlerSeesCreationTime(t *testing.T) {
	c := &fakeClock{}
	useClock(t, c)
	seen := &createdSeen{}
	l := configureHandlers(t, "clock.second", nil,
		NewStreamHandler(clockWriter{c}), timelessNameLevelMessage, seen, nil)
	l.Info("x")
	want := float64(clockBase.Add(time.Millisecond).UnixNano()) / 1e9
	if len(seen.seen) != 1 || seen.seen[0] != want {
		t.Errorf("second handler saw created %v, want %v (the first clock read)", seen.seen, want)
	}
}

// A filter that reads created makes the logger read the clock when it
// makes the record, and every handler sees that time.
func TestFilterSeesCreationTime(t *testing.T) {
	c := &fakeClock{}
	useClock(t, c)
	var filtered float64
	f := FilterFunc(func(r *Record) bool { filtered = r.Created(); return true })
	buf := &syncBuffer{}
	l := configureHandlers(t, "clock.filter", []Filter{f},
		NewStreamHandler(clockWriter{c}), timelessNameLevelMessage,
		NewStreamHandler(buf), &CompiledFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
			return r.AppendAsctime(b), nil
		}})
	l.Info("x")
	if want := float64(clockBase.Add(time.Millisecond).UnixNano()) / 1e9; filtered != want {
		t.Errorf("filter saw created %v, want %v", filtered, want)
	}
	// Python's msecs of 1714979289.001 is 0: (ct - int(ct)) * 1000 is
	// 0.9999...
	local := clockBase.Add(time.Millisecond).Local()
	if want := local.Format("2006-01-02 15:04:05") + ",000\n"; buf.String() != want {
		t.Errorf("second handler wrote %q, want %q", buf.String(), want)
	}
}

// A blocked log call keeps a reconfiguration from closing the handlers it
// writes to until it returns.
func TestConfigureWaitsForBlockedCall(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var closed, afterClose atomic.Bool
	slow := &blockingHandler{entered: entered, release: release, closed: &closed, afterClose: &afterClose}
	l := configureHandlers(t, "clock.blocked", nil, slow, nil)
	go l.Info("blocks")
	<-entered
	done := make(chan struct{})
	go func() {
		Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}})
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("Configure returned while a call was still writing to an old handler")
	case <-time.After(50 * time.Millisecond):
	}
	if closed.Load() {
		t.Fatal("an old handler was closed while a call was still writing to it")
	}
	close(release)
	<-done
	if !closed.Load() {
		t.Error("the old handler was not closed")
	}
	if afterClose.Load() {
		t.Error("the blocked call returned after the handler was closed")
	}
}

type blockingHandler struct {
	HandlerBase
	entered, release   chan struct{}
	closed, afterClose *atomic.Bool
}

func (h *blockingHandler) Handle(r *Record) bool {
	close(h.entered)
	<-h.release
	time.Sleep(time.Millisecond)
	if h.closed.Load() {
		h.afterClose.Store(true)
	}
	return true
}
func (h *blockingHandler) Flush() error { return nil }
func (h *blockingHandler) Close() error { h.closed.Store(true); return nil }

// Msecs and the second of the broken-down time follow Python's float
// arithmetic on created, also next to a boundary, where integer
// arithmetic on the nanoseconds could differ.
func TestMsecsAndSecondMatchFloatArithmetic(t *testing.T) {
	base := clockBase.UnixNano()
	for _, off := range []int64{0, 1, 999, 1000, 9_999, 10_000, 123_456_789, 999_000_000, 999_999_000, 999_999_999, 1_000_000_000,
		4_000_001, 3_999_999, 7_000_000_500, -1, -999_999_999} {
		for _, ns := range []int64{base + off, off, 1<<62 + off, 1234567890_999_999_999 + off} {
			r := &Record{}
			r.setNs(ns)
			ct := secondsOf(ns)
			wantMs := int(math.Trunc((ct - math.Trunc(ct)) * 1000))
			if got := r.msecs(); got != wantMs {
				t.Errorf("ns %d: msecs %d, want %d", ns, got, wantMs)
			}
			if got, want := r.second(), int64(math.Floor(ct)); got != want {
				t.Errorf("ns %d: second %d, want %d", ns, got, want)
			}
		}
	}
}

// TestWallClock checks the records' wall clock against time.Now read just
// before and after it, across anchorings, and from several goroutines.
func TestWallClock(t *testing.T) {
	const slack = int64(50 * time.Microsecond) // scheduling between the reads is not slack: they bracket
	var wg sync.WaitGroup
	var bad atomic.Int64
	var worst atomic.Int64
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20000 {
				before := time.Now().UnixNano()
				w := wallNs()
				after := time.Now().UnixNano()
				if w < before-slack || w > after+slack {
					bad.Add(1)
					worst.Store(max(worst.Load(), max(before-w, w-after)))
				}
				if i%5000 == 0 {
					time.Sleep(2 * time.Millisecond) // past anchorEvery
				}
			}
		}()
	}
	wg.Wait()
	if n := bad.Load(); n > 0 {
		t.Errorf("%d readings outside [time.Now before, time.Now after] ± %v; worst by %v", n, time.Duration(slack), time.Duration(worst.Load()))
	}
}

// TestWallClockStep checks that a step of the wall clock (here a stale
// offset, as a step leaves it) shows in the records within anchorEvery.
func TestWallClockStep(t *testing.T) {
	wallOffset.Add(-int64(time.Hour)) // as if the wall clock had stepped an hour ahead
	t.Cleanup(func() { anchor() })
	time.Sleep(time.Duration(2 * anchorEvery))
	before := time.Now().UnixNano()
	w := wallNs()
	if d := w - before; d < -int64(time.Millisecond) || d > int64(time.Second) {
		t.Fatalf("2 ms after the step, wallNs is %v from time.Now", time.Duration(d))
	}
	// Within anchorEvery of an anchoring, the offset is used as it is:
	// the clocks are not both read again.
	for range 100 {
		anchor()
		wallOffset.Add(-int64(time.Hour))
		at := anchoredAt.Load()
		d := wallNs() - time.Now().UnixNano()
		if int64(time.Since(monoBase))-at >= anchorEvery {
			continue // too slow to tell (a loaded machine): try again
		}
		if d > -int64(59*time.Minute) {
			t.Fatalf("within anchorEvery of an anchoring, wallNs read the wall clock again (%v from time.Now)", time.Duration(d))
		}
		return
	}
	t.Skip("the machine never ran the check within anchorEvery")
}

// BenchmarkWallClock compares the records' clock with time.Now.
func BenchmarkWallClock(b *testing.B) {
	var sum int64
	b.Run("wallNs", func(b *testing.B) {
		for b.Loop() {
			sum += wallNs()
		}
	})
	b.Run("time.Now", func(b *testing.B) {
		for b.Loop() {
			sum += time.Now().UnixNano()
		}
	})
	_ = sum
}
