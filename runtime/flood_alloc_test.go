//go:build !race

package runtime

import (
	"io"
	"testing"
)

// configureFloodDiscard applies a configuration whose logger name (at
// INFO) has the filter f and writes to io.Discard, as configureDiscard does
// for bench.app. A logger keeps its filters: give each filter a new name.
func configureFloodDiscard(tb testing.TB, name string, f Filter) *Logger {
	tb.Helper()
	err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "discard", Formatter: typical, New: func() (Handler, error) {
			return NewStreamHandler(io.Discard), nil
		}}},
		Loggers: []LoggerConfig{{Name: name, Level: INFO, LevelSet: true, Filters: []Filter{f},
			Handlers: []string{"discard"}, Propagate: false, PropagateSet: true}},
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return Get(name)
}

// TestFloodAllocs checks that a flood filter allocates nothing for a
// record it lets through or drops.
func TestFloodAllocs(t *testing.T) {
	pass := NewRateLimitFilter(RateLimitOptions{Rate: 1e9, Burst: 1 << 30})
	l := configureFloodDiscard(t, "alloc.pass", pass)
	wantAllocs(t, 0, "disabled Debug through a rate limit", func() { l.Debug("not logged") })
	wantAllocs(t, 0, "Info let through by a rate limit", func() { l.Info("a static message") })
	if _, ok := pass.keys.index.Load().find(pass.keys.hash("alloc.pass", "a static message"), "alloc.pass", "a static message").harvest(); ok {
		t.Error("the rate limit dropped records")
	}

	drop := NewRateLimitFilter(RateLimitOptions{Rate: 1e-3})
	l = configureFloodDiscard(t, "alloc.drop", drop)
	l.Info("dropped")
	wantAllocs(t, 0, "Info dropped by a rate limit", func() { l.Info("dropped") })
	g, _ := drop.keys.index.Load().find(drop.keys.hash("alloc.drop", "dropped"), "alloc.drop", "dropped").harvest()
	if g.n != 201 {
		t.Errorf("the rate limit dropped %d records, want 201", g.n)
	}

	dup := NewDuplicateFilter(DuplicateOptions{})
	l = configureFloodDiscard(t, "alloc.dup", dup)
	wantAllocs(t, 0, "Info let through by a duplicate filter", func() {
		l.Info("one")
		l.Info("two")
	})
	wantAllocs(t, 0, "Info dropped by a duplicate filter", func() { l.Info("two") })
	if g, _ := dup.harvest(); g.n != 201 {
		t.Errorf("the duplicate filter dropped %d records, want 201", g.n)
	}
}
