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
