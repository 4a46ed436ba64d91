//go:build !race

package runtime

import "testing"

func wantAllocs(t *testing.T, want float64, name string, f func()) {
	t.Helper()
	if got := testing.AllocsPerRun(200, f); got != want {
		t.Errorf("%s: %v allocs per call, want %v", name, got, want)
	}
}

func TestAllocs(t *testing.T) {
	l := configureDiscard(t, INFO)
	wantAllocs(t, 0, "disabled Debug", func() { l.Debug("not logged") })
	wantAllocs(t, 0, "enabled Info, static message", func() { l.Info("a static message") })
	wantAllocs(t, 0, "enabled Log at a level without a name", func() { l.Log(25, "level 25") })
	fields := []Field{String("user", "bob"), Int("request_id", 42)}
	wantAllocs(t, 0, "enabled LogExtra with typed extras", func() { l.LogExtra(0, INFO, nil, fields, "login") })
}

func TestRuntimeFormatterAllocs(t *testing.T) {
	f, err := NewFormatter("%(asctime)s %(levelname)-8s %(name)s [%(user)s] {%(request_id)05d} %(message)s", FormatterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRecord("app.db", INFO, "a static message")
	r.Extra = []Field{String("user", "bob"), Int("request_id", 42)}
	buf := make([]byte, 0, 256)
	wantAllocs(t, 0, "run-time formatter, static message and extras", func() { buf, _ = f.Format(buf[:0], r) })
	brace, err := NewFormatter("{asctime} {levelname:<8} {name} {message}", FormatterOptions{Style: '{', Datefmt: "%H:%M:%S"})
	if err != nil {
		t.Fatal(err)
	}
	wantAllocs(t, 0, "run-time {-style formatter with a datefmt", func() { buf, _ = brace.Format(buf[:0], r) })
}
