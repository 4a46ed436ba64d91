package runtime

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// floodBase is the time 0 of the flood tests' clock.
var floodBase = time.Unix(1700000000, 0)

// A floodClock is the runtime's clock in a flood test: floodBase plus an
// offset that the test sets, or that advances by step at each reading.
type floodClock struct {
	offset atomic.Int64
	step   int64
}

// setFloodClock makes the runtime's clock a floodClock at offset 0 that
// advances by step at each reading, until the test ends.
func setFloodClock(t *testing.T, step time.Duration) *floodClock {
	c := &floodClock{step: int64(step)}
	SetClock(func() time.Time {
		if c.step != 0 {
			return floodBase.Add(time.Duration(c.offset.Add(c.step) - c.step))
		}
		return floodBase.Add(time.Duration(c.offset.Load()))
	})
	t.Cleanup(func() { SetClock(nil) })
	return c
}

func (c *floodClock) set(d time.Duration) { c.offset.Store(int64(d)) }

// floodFormat prints "%(name)s %(levelname)s %(message)s" and the time of
// the record after floodBase, in milliseconds.
var floodFormat = &CompiledFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
	b = append(b, r.Name...)
	b = append(b, ' ')
	b = r.Level.AppendName(b)
	b = append(b, ' ')
	b, err := r.AppendMessage(b)
	return fmt.Appendf(b, " +%dms", r.Time().Sub(floodBase).Milliseconds()), err
}}

// floodRuns numbers the flood tests' loggers: a logger keeps its filters
// across configurations, so each test logs below a fresh prefix.
var floodRuns atomic.Int64

// floodSetup applies a configuration whose handlers "a" and "b" write to
// the buffers it returns, with filters hf on "a"; the logger prefix has
// filters lf (which, as in Python, apply to its own records, not to those
// of the loggers below it) and both handlers.
func floodSetup(t *testing.T, hf, lf []Filter) (prefix string, a, b *syncBuffer) {
	t.Helper()
	prefix = fmt.Sprintf("flood%d", floodRuns.Add(1))
	a, b = &syncBuffer{}, &syncBuffer{}
	err := Configure(&Config{
		Handlers: []HandlerConfig{
			{ID: "a", Formatter: floodFormat, Filters: hf, New: func() (Handler, error) { return NewStreamHandler(a), nil }},
			{ID: "b", Formatter: floodFormat, New: func() (Handler, error) { return NewStreamHandler(b), nil }},
		},
		Loggers: []LoggerConfig{{Name: prefix, Level: DEBUG, LevelSet: true, Filters: lf, Handlers: []string{"a", "b"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return prefix, a, b
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

// checkLines compares what a handler wrote with want, line by line.
func checkLines(t *testing.T, what, got string, want []string) {
	t.Helper()
	if g := lines(got); !slices.Equal(g, want) {
		t.Errorf("%s wrote\n\t%s\nwant\n\t%s", what, strings.Join(g, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestRateLimitBurst sends 100 records of one key, one every 20 ms, through
// a filter of rate 10 and burst 5 over 2 s of the fake clock. The bucket
// starts with 5 tokens and gets one back every 100 ms: the records at 0,
// 20, 40, 60 and 80 ms take the five, the one at 100 ms the first token
// back, and then one record in five (at 200, 300 … 1900 ms) gets a token,
// each after a summary of the 4 dropped before it. The last 4 records are
// dropped and reported by Flush.
func TestRateLimitBurst(t *testing.T) {
	clk := setFloodClock(t, 0)
	f := NewRateLimitFilter(RateLimitOptions{Rate: 10, Burst: 5})
	prefix, a, b := floodSetup(t, nil, []Filter{f})
	l := Get(prefix)
	for i := range 100 {
		clk.set(time.Duration(i) * 20 * time.Millisecond)
		l.Infof("request %d failed", i)
	}
	f.Flush()

	var want []string
	passed := 0
	for i := range 100 {
		ms := 20 * i
		if i <= 5 || ms%100 == 0 {
			if i > 5 {
				want = append(want, fmt.Sprintf("%s INFO 4 similar records suppressed +%dms", prefix, ms))
			}
			want = append(want, fmt.Sprintf("%s INFO request %d failed +%dms", prefix, i, ms))
			passed++
		}
	}
	want = append(want, prefix+" INFO 4 similar records suppressed +1980ms")
	if passed != 24 || len(want) != 24+19 {
		t.Fatalf("the expectation is wrong: %d records let through, %d lines", passed, len(want))
	}
	checkLines(t, "handler a", a.String(), want)
	checkLines(t, "handler b", b.String(), want)
}

// TestRateLimitKeys checks that each key has its own bucket: a flood of one
// key leaves the others alone, per logger and template, per logger and per
// template; and that a summary has the highest level of the records it
// counts, and, per template, the logger of the record that ends the flood.
func TestRateLimitKeys(t *testing.T) {
	clk := setFloodClock(t, 0)
	for _, tt := range []struct {
		per  Per
		want []string
	}{
		{PerLoggerTemplate, []string{
			"P.x INFO disk full +0ms", "P.x INFO cache miss +0ms", "P.y INFO disk full +0ms",
			"P.x WARNING 2 similar records suppressed +1000ms", "P.x INFO disk full +1000ms",
			"P.y INFO disk full +1000ms",
		}},
		{PerLogger, []string{
			"P.x INFO disk full +0ms", "P.y INFO disk full +0ms",
			"P.x WARNING 3 similar records suppressed +1000ms", "P.x INFO disk full +1000ms",
			"P.y INFO disk full +1000ms",
		}},
		{PerTemplate, []string{
			"P.x INFO disk full +0ms", "P.x INFO cache miss +0ms",
			"P.x WARNING 3 similar records suppressed +1000ms", "P.x INFO disk full +1000ms",
			// y's record at 1 s finds the bucket that x's emptied. Flush
			// reports it with the logger of the key's first record.
			"P.x INFO 1 similar records suppressed +1000ms",
		}},
	} {
		t.Run(fmt.Sprint(tt.per), func(t *testing.T) {
			clk.set(0)
			f := NewRateLimitFilter(RateLimitOptions{Rate: 1, Per: tt.per})
			prefix, a, b := floodSetup(t, []Filter{f}, nil)
			x, y := Get(prefix+".x"), Get(prefix+".y")
			x.Info("disk full")
			x.Info("cache miss")
			x.Info("disk full")
			x.Warning("disk full")
			y.Info("disk full")
			clk.set(time.Second)
			x.Info("disk full")
			y.Info("disk full")
			f.Flush()
			var want []string
			for _, w := range tt.want {
				want = append(want, strings.Replace(w, "P.", prefix+".", 1))
			}
			checkLines(t, "handler a", a.String(), want)
			if b.String() == a.String() {
				t.Errorf("handler b, which has no filter, wrote what a wrote:\n%s", b)
			}
		})
	}
}

// TestRateLimitForgetsLeastRecentlyUsed fills a filter of 2 keys and adds
// more: each new key makes it forget the key used least recently, whose
// dropped records are reported then, and whose next record finds a full
// bucket again.
func TestRateLimitForgetsLeastRecentlyUsed(t *testing.T) {
	clk := setFloodClock(t, 0)
	f := NewRateLimitFilter(RateLimitOptions{Rate: 1e-6, MaxKeys: 2})
	prefix, a, _ := floodSetup(t, []Filter{f}, nil)
	log := func(ms int, name string) {
		clk.set(time.Duration(ms) * time.Millisecond)
		Get(prefix + "." + name).Info("x")
	}
	log(1, "a") // a: let through
	log(2, "a") // a: 1 dropped
	log(3, "b") // b: let through
	log(4, "b") // b: 1 dropped
	log(5, "a") // a: 2 dropped, used after b
	log(6, "c") // c is new: b, used least recently, is forgotten
	log(7, "b") // b is new again: a is forgotten
	log(8, "a") // a is new again: c (6 ms) is forgotten, with nothing dropped
	f.Flush()
	want := []string{
		"P.a INFO x +1ms",
		"P.b INFO x +3ms",
		"P.b INFO 1 similar records suppressed +6ms",
		"P.c INFO x +6ms",
		"P.a INFO 2 similar records suppressed +7ms",
		"P.b INFO x +7ms",
		"P.a INFO x +8ms",
	}
	for i := range want {
		want[i] = strings.Replace(want[i], "P.", prefix+".", 1)
	}
	checkLines(t, "handler a", a.String(), want)
}

// TestRateLimitTableBound adds 1000 keys to a filter of 100: it keeps 100,
// reachable from its index.
func TestRateLimitTableBound(t *testing.T) {
	clk := setFloodClock(t, 0)
	f := NewRateLimitFilter(RateLimitOptions{Rate: 1, MaxKeys: 100})
	for i := range 1000 {
		clk.set(time.Duration(i) * time.Millisecond)
		f.Filter(NewRecord("bound", INFO, fmt.Sprint("key ", i)))
	}
	if n := len(f.keys.ring); n != 100 {
		t.Errorf("the filter remembers %d keys, want 100", n)
	}
	ix := f.keys.index.Load()
	indexed := 0
	for i := range ix.buckets {
		if b := ix.buckets[i].Load(); b != nil {
			indexed += len(*b)
		}
	}
	if indexed != 100 {
		t.Errorf("the index holds %d keys, want 100", indexed)
	}
	for _, e := range f.keys.ring {
		if ix.find(e.hash, e.name, e.msg) != e {
			t.Errorf("key %q is not in the index", e.msg)
		}
	}
	// The last keys were used last: they are all still there.
	for i := 990; i < 1000; i++ {
		msg := fmt.Sprint("key ", i)
		if ix.find(f.keys.hash("bound", msg), "bound", msg) == nil {
			t.Errorf("key %q, one of the last used, was forgotten", msg)
		}
	}
}

// TestRateLimitZeroRate checks that a rate of 0 never refills a bucket, as
// x/time/rate's zero Limit, and that NoSummary drops silently.
func TestRateLimitZeroRate(t *testing.T) {
	clk := setFloodClock(t, 0)
	f := NewRateLimitFilter(RateLimitOptions{Burst: 2})
	quiet := NewRateLimitFilter(RateLimitOptions{Rate: 1, NoSummary: true})
	prefix, a, b := floodSetup(t, []Filter{f}, []Filter{quiet})
	l := Get(prefix)
	for i := range 5 {
		clk.set(time.Duration(i) * time.Hour)
		l.Info("tick")
		l.Info("tick")
	}
	f.Flush()
	quiet.Flush()
	checkLines(t, "handler a", a.String(), []string{
		prefix + " INFO tick +0ms", prefix + " INFO tick +3600000ms",
		prefix + " INFO 3 similar records suppressed +14400000ms",
	})
	var want []string
	for i := range 5 {
		want = append(want, fmt.Sprintf("%s INFO tick +%dms", prefix, i*3600000))
	}
	checkLines(t, "handler b", b.String(), want)
}

// TestFloodSummaryRoutes checks where summaries go: through the handler
// the filter is on, or through the logger the filter is on (to all its
// handlers), and that a filter passes its own summaries while another one
// counts them.
func TestFloodSummaryRoutes(t *testing.T) {
	clk := setFloodClock(t, 0)
	onHandler := NewRateLimitFilter(RateLimitOptions{Rate: 1})
	prefix, a, b := floodSetup(t, []Filter{onHandler}, nil)
	l := Get(prefix)
	l.Error("boom")
	l.Error("boom")
	clk.set(time.Second)
	l.Error("boom")
	checkLines(t, "handler a", a.String(), []string{
		prefix + " ERROR boom +0ms", prefix + " ERROR 1 similar records suppressed +1000ms", prefix + " ERROR boom +1000ms"})
	checkLines(t, "handler b", b.String(), []string{
		prefix + " ERROR boom +0ms", prefix + " ERROR boom +0ms", prefix + " ERROR boom +1000ms"})

	clk.set(0)
	onLogger := NewRateLimitFilter(RateLimitOptions{Rate: 1, Per: PerLogger})
	// A second filter on the handler, keyed by template, lets one summary
	// through every 2 seconds, and counts the other.
	summaries := NewRateLimitFilter(RateLimitOptions{Rate: 0.5, Per: PerTemplate})
	prefix, a, b = floodSetup(t, []Filter{summaries}, []Filter{onLogger})
	l = Get(prefix)
	l.Info("one")
	l.Info("two")
	clk.set(time.Second)
	l.Info("three")
	l.Info("four")
	clk.set(2 * time.Second)
	l.Info("five")
	summaries.Flush()
	want := []string{
		prefix + " INFO one +0ms",
		prefix + " INFO 1 similar records suppressed +1000ms", prefix + " INFO three +1000ms",
		prefix + " INFO 1 similar records suppressed +2000ms", prefix + " INFO five +2000ms",
	}
	checkLines(t, "handler b", b.String(), want)
	checkLines(t, "handler a", a.String(), []string{
		prefix + " INFO one +0ms",
		prefix + " INFO 1 similar records suppressed +1000ms", prefix + " INFO three +1000ms",
		// The second summary is dropped by the template filter of a,
		// which has let one through in the last 2 seconds.
		prefix + " INFO five +2000ms",
		prefix + " INFO 1 similar records suppressed +2000ms",
	})
}

// TestFloodReportedAtShutdownAndReconfiguration checks that a flood still
// open is reported when the next configuration closes the handler its
// filter is on, and at Shutdown for a filter on a logger.
func TestFloodReportedAtShutdownAndReconfiguration(t *testing.T) {
	setFloodClock(t, 0)
	onHandler := NewRateLimitFilter(RateLimitOptions{Rate: 1})
	prefix, a, _ := floodSetup(t, []Filter{onHandler}, nil)
	for range 3 {
		Get(prefix).Info("again")
	}
	onLogger := NewDuplicateFilter(DuplicateOptions{})
	prefix2, a2, b2 := floodSetup(t, nil, []Filter{onLogger})
	checkLines(t, "the first configuration's handler a", a.String(), []string{
		prefix + " INFO again +0ms", prefix + " INFO 2 similar records suppressed +0ms"})
	for range 3 {
		Get(prefix2).Info("again")
	}
	Shutdown()
	want := []string{prefix2 + " INFO again +0ms", prefix2 + " INFO Skipped 2 duplicate messages.. +0ms"}
	checkLines(t, "handler a", a2.String(), want)
	checkLines(t, "handler b", b2.String(), want)
}

// TestDuplicateFilter checks spdlog's example and window, and what makes
// two records the same: logger, level, and message after % args.
func TestDuplicateFilter(t *testing.T) {
	clk := setFloodClock(t, 0)
	f := NewDuplicateFilter(DuplicateOptions{})
	prefix, a, _ := floodSetup(t, []Filter{f}, nil)
	l, other := Get(prefix), Get(prefix+".other")
	at := func(ms int) { clk.set(time.Duration(ms) * time.Millisecond) }
	l.Info("Hello")
	at(1)
	l.Info("Hello")
	l.Info("Hello")
	l.Info("Hello")
	at(2)
	l.Info("Different Hello")
	at(5002) // 5 s after the last record let through: still a duplicate
	l.Info("Different Hello")
	at(5003)
	l.Info("Different Hello")
	l.Warning("Different Hello")
	other.Warning("Different Hello")
	l.Infof("n=%d", 1)
	l.Infof("n=%d", 1)
	l.Infof("n=%d", 2)
	l.Info("n=2")
	l.Infof("%s=%d", "n", 2)
	other.Error("last")
	other.Error("last")
	f.Flush()
	checkLines(t, "handler a", a.String(), []string{
		prefix + " INFO Hello +0ms",
		prefix + " INFO Skipped 3 duplicate messages.. +2ms",
		prefix + " INFO Different Hello +2ms",
		prefix + " INFO Skipped 1 duplicate messages.. +5003ms",
		prefix + " INFO Different Hello +5003ms",
		prefix + " WARNING Different Hello +5003ms",
		prefix + ".other WARNING Different Hello +5003ms",
		prefix + " INFO n=1 +5003ms",
		prefix + " INFO Skipped 1 duplicate messages.. +5003ms",
		prefix + " INFO n=2 +5003ms",
		prefix + " INFO Skipped 2 duplicate messages.. +5003ms",
		prefix + ".other ERROR last +5003ms",
		prefix + ".other ERROR Skipped 1 duplicate messages.. +5003ms",
	})
}

// A countHandler counts the records it gets and the records its summaries
// count.
type countHandler struct {
	HandlerBase
	passed, suppressed, summaries atomic.Int64
}

func (h *countHandler) Handle(r *Record) bool {
	if !h.Filter(r) {
		return false
	}
	if r.Msg == RateLimitSummary || r.Msg == DuplicateSummary {
		h.summaries.Add(1)
		h.suppressed.Add(r.Args[0].(int64))
	} else {
		h.passed.Add(1)
	}
	return true
}

func (h *countHandler) Flush() error { return nil }
func (h *countHandler) Close() error { return nil }

// TestFloodConcurrent logs from 8 goroutines through flood filters on a
// handler and on a logger, with a clock that advances at each reading: the
// records let through and the records the summaries count add up to the
// records sent, exactly. Run it with -race.
func TestFloodConcurrent(t *testing.T) {
	setFloodClock(t, 50*time.Microsecond)
	for _, tt := range []struct {
		name   string
		filter func() Filter
		logger bool
	}{
		{"rate limit on a handler", func() Filter { return NewRateLimitFilter(RateLimitOptions{Rate: 2000, Burst: 20}) }, false},
		{"rate limit on a logger", func() Filter { return NewRateLimitFilter(RateLimitOptions{Rate: 2000, Burst: 20}) }, true},
		{"rate limit forgetting keys", func() Filter {
			return NewRateLimitFilter(RateLimitOptions{Rate: 500, Burst: 2, Per: PerTemplate, MaxKeys: 2})
		}, false},
		{"duplicates on a handler", func() Filter { return NewDuplicateFilter(DuplicateOptions{Window: time.Millisecond}) }, false},
		{"duplicates on a logger", func() Filter { return NewDuplicateFilter(DuplicateOptions{Window: time.Millisecond}) }, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.filter()
			h := &countHandler{}
			prefix := fmt.Sprintf("flood%d", floodRuns.Add(1))
			hc := HandlerConfig{ID: "count", New: func() (Handler, error) { return h, nil }}
			var lcs []LoggerConfig
			for _, name := range []string{prefix + ".g0", prefix + ".g1"} {
				lc := LoggerConfig{Name: name, Level: DEBUG, LevelSet: true, Handlers: []string{"count"}}
				if tt.logger {
					lc.Filters = []Filter{f} // one filter on two loggers
				}
				lcs = append(lcs, lc)
			}
			if !tt.logger {
				hc.Filters = []Filter{f}
			}
			if err := Configure(&Config{Handlers: []HandlerConfig{hc}, Loggers: lcs}); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
			const goroutines, each = 8, 4000
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					l := Get(fmt.Sprintf("%s.g%d", prefix, g%2))
					for i := range each {
						switch i % 7 {
						case 0, 1, 2, 3:
							l.Info("steady")
						case 4:
							l.Warningf("item %d", i%3)
						default:
							l.Infof("goroutine %d", g%4)
						}
					}
				}()
			}
			wg.Wait()
			f.(flusher).Flush()
			sent := int64(goroutines * each)
			passed, suppressed := h.passed.Load(), h.suppressed.Load()
			if passed+suppressed != sent {
				t.Errorf("%d let through + %d suppressed = %d, want %d sent", passed, suppressed, passed+suppressed, sent)
			}
			if suppressed == 0 || passed == 0 {
				t.Errorf("%d let through, %d suppressed: the test does not exercise the filter", passed, suppressed)
			}
			t.Logf("%d sent: %d let through, %d suppressed, in %d summaries", sent, passed, suppressed, h.summaries.Load())
		})
	}
}

// TestRateLimitOptions checks the defaults and the saturation of extreme
// rates.
func TestRateLimitOptions(t *testing.T) {
	for _, tt := range []struct {
		o               RateLimitOptions
		interval, burst int64
		never           bool
	}{
		{RateLimitOptions{Rate: 10}, 1e8, 10, false},
		{RateLimitOptions{Rate: 2.5}, 4e8, 3, false},
		{RateLimitOptions{Rate: 0.1}, 1e10, 1, false},
		{RateLimitOptions{Rate: 1e12, Burst: 7}, 1, 7, false},
		{RateLimitOptions{Rate: math.Inf(1)}, 0, math.MaxInt32, false},
		{RateLimitOptions{Rate: 1e-30}, 0, 1, true},
		{RateLimitOptions{Rate: 1e-9, Burst: 1}, 1e18, 1, false},
		{RateLimitOptions{Rate: 1e-9, Burst: 3}, 0, 3, true},
		{RateLimitOptions{}, 0, 1, true},
		{RateLimitOptions{Rate: -3, Burst: 4}, 0, 4, true},
		{RateLimitOptions{Rate: math.NaN()}, 0, 1, true},
	} {
		f := NewRateLimitFilter(tt.o)
		if f.interval != tt.interval || f.burst != tt.burst || f.never != tt.never || f.keys.max != DefaultMaxKeys {
			t.Errorf("%+v: interval %d, burst %d, never %v, max keys %d; want %d, %d, %v, %d",
				tt.o, f.interval, f.burst, f.never, f.keys.max, tt.interval, tt.burst, tt.never, DefaultMaxKeys)
		}
	}
	// A rate of one record in 10^30 seconds: the first passes, the next
	// do not, even 300 years later.
	f := NewRateLimitFilter(RateLimitOptions{Rate: 1e-30, Burst: 2})
	r := NewRecord("x", INFO, "m")
	for i, want := range []bool{true, true, false} {
		r.SetTime(time.Unix(0, 0).Add(time.Duration(i) * 100 * 365 * 24 * time.Hour))
		if got := f.Filter(r); got != want {
			t.Errorf("record %d: Filter = %v, want %v", i, got, want)
		}
	}
	inf := NewRateLimitFilter(RateLimitOptions{Rate: math.Inf(1)})
	for range 100 {
		if !inf.Filter(r) {
			t.Fatal("a filter of rate +Inf dropped a record")
		}
	}
}
