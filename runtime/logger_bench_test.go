package runtime

import (
	"io"
	"slices"
	"testing"
	"time"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// typical is what loggen generates for
// "%(asctime)s %(levelname)-8s %(name)s %(message)s".
var typical = &CompiledFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
	var err error
	var n int
	tm := r.Tm()
	b = pyfmt.AppendDefaultAsctime(b, tm, int(r.Msecs()))
	b = append(b, ' ')
	n = len(b)
	b = r.Level.AppendName(b)
	b = pyfmt.PadPercent(b, n, pyfmt.PercentSpec{Minus: true, Width: 8, Verb: 's'})
	b = append(b, ' ')
	b = append(b, r.Name...)
	b = append(b, ' ')
	b, err = r.AppendMessage(b)
	if err != nil {
		return b, err
	}
	return b, nil
}}

func configureDiscard(tb testing.TB, level Level) *Logger {
	tb.Helper()
	err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "discard", Formatter: typical, New: func() (Handler, error) {
			return NewStreamHandler(io.Discard), nil
		}}},
		Loggers: []LoggerConfig{{Name: "bench.app", Level: level, LevelSet: true, Handlers: []string{"discard"}, Propagate: false, PropagateSet: true}},
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return Get("bench.app")
}

func BenchmarkDisabled(b *testing.B) {
	l := configureDiscard(b, INFO)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Debug("not logged")
		}
	})
}

func BenchmarkStaticMessage(b *testing.B) {
	l := configureDiscard(b, INFO)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Info("a static message")
		}
	})
}

func BenchmarkTypedExtras(b *testing.B) {
	l := configureDiscard(b, INFO)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			fields := [2]Field{String("user", "bob"), Int("request_id", 42)}
			l.LogExtra(0, INFO, nil, fields[:], "login")
		}
	})
}

func BenchmarkPrintf(b *testing.B) {
	l := configureDiscard(b, INFO)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Infof("user %s logged in after %d attempts", "bob", 3)
		}
	})
}

// BenchmarkRuntimeFormatter compares, interleaved in one run, the
// formatter NewFormatter makes at run time with the compiled one loggen
// generates for the same format ("typical"), on one record: the ratio
// metric is run-time ns / compiled ns, the median of the rounds.
func BenchmarkRuntimeFormatter(b *testing.B) {
	rt, err := NewFormatter("%(asctime)s %(levelname)-8s %(name)s %(message)s", FormatterOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r := NewRecord("bench.app", INFO, "a static message")
	buf := make([]byte, 0, 256)
	const chunk = 2000 // calls per turn, about 0.1-0.3 ms
	var ratios []float64
	var rtTotal time.Duration
	b.ReportAllocs()
	for done := 0; done < b.N; done += chunk {
		start := time.Now()
		for range chunk {
			buf, _ = typical.Format(buf[:0], r)
		}
		compiled := time.Since(start)
		start = time.Now()
		for range chunk {
			buf, _ = rt.Format(buf[:0], r)
		}
		run := time.Since(start)
		rtTotal += run
		ratios = append(ratios, float64(run)/float64(compiled))
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "runtime/compiled")
	b.ReportMetric(float64(rtTotal.Nanoseconds())/float64(len(ratios)*chunk), "runtime-ns/op")
}
