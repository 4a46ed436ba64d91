package runtime

import (
	"io"
	"slices"
	"testing"
	"time"
)

// floodBench configures, once per benchmark, loggers at INFO that write to
// io.Discard with the compiled formatter "typical": bench.none without a
// filter, bench.pass with a rate limit that lets every record through,
// bench.drop with one that drops every record after the first, and
// bench.dup with a duplicate filter.
func floodBench(b *testing.B) (none, pass, drop, dup *Logger) {
	b.Helper()
	prefix := "bench" + itoa(int(floodRuns.Add(1))) + "."
	lc := func(name string, fs ...Filter) LoggerConfig {
		return LoggerConfig{Name: prefix + name, Level: INFO, LevelSet: true, Filters: fs,
			Handlers: []string{"discard"}, Propagate: false, PropagateSet: true}
	}
	err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "discard", Formatter: typical, New: func() (Handler, error) {
			return NewStreamHandler(io.Discard), nil
		}}},
		Loggers: []LoggerConfig{
			lc("none"),
			lc("pass", NewRateLimitFilter(RateLimitOptions{Rate: 1e9, Burst: 1 << 30})),
			lc("drop", NewRateLimitFilter(RateLimitOptions{Rate: 1e-3, NoSummary: true})),
			lc("dup", NewDuplicateFilter(DuplicateOptions{Window: time.Hour, NoSummary: true})),
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return Get(prefix + "none"), Get(prefix + "pass"), Get(prefix + "drop"), Get(prefix + "dup")
}

// itoa formats a small non-negative int.
func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// BenchmarkFlood measures a call through each filter, one goroutine and
// parallel: a disabled call (Debug), an enabled one let through or dropped,
// and the same enabled call without a filter.
func BenchmarkFlood(b *testing.B) {
	none, pass, drop, dup := floodBench(b)
	drop.Info("a static message") // the one record it lets through
	for _, bm := range []struct {
		name string
		call func()
	}{
		{"NoFilter", func() { none.Info("a static message") }},
		{"RateLimitLetThrough", func() { pass.Info("a static message") }},
		{"RateLimitSuppressed", func() { drop.Info("a static message") }},
		{"Disabled", func() { none.Debug("not logged") }},
		{"DisabledRateLimit", func() { drop.Debug("not logged") }},
		{"DuplicateSuppressed", func() { dup.Info("a static message") }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bm.call()
			}
		})
		b.Run(bm.name+"Parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					bm.call()
				}
			})
		})
	}
}

// BenchmarkFloodInterleaved compares, interleaved in one run, an enabled
// call without a filter with the same call let through and dropped by a
// rate limit, and a disabled call with and without one: each metric is the
// median over rounds of the nanoseconds per call.
func BenchmarkFloodInterleaved(b *testing.B) {
	none, pass, drop, _ := floodBench(b)
	drop.Info("a static message")
	calls := []struct {
		metric string
		call   func()
	}{
		{"none-ns/op", func() { none.Info("a static message") }},
		{"pass-ns/op", func() { pass.Info("a static message") }},
		{"drop-ns/op", func() { drop.Info("a static message") }},
		{"disabled-ns/op", func() { none.Debug("not logged") }},
		{"disabled-limited-ns/op", func() { drop.Debug("not logged") }},
	}
	const chunk = 2000
	rounds := make([][]float64, len(calls))
	b.ReportAllocs()
	for done := 0; done < b.N; done += chunk {
		for i, c := range calls {
			start := time.Now()
			for range chunk {
				c.call()
			}
			rounds[i] = append(rounds[i], float64(time.Since(start).Nanoseconds())/chunk)
		}
	}
	for i, c := range calls {
		slices.Sort(rounds[i])
		b.ReportMetric(rounds[i][len(rounds[i])/2], c.metric)
	}
	b.ReportMetric(0, "ns/op")
}
