package runtime

import (
	"fmt"
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
	b = r.AppendAsctime(b)
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

// timeless is what loggen generates for "%(levelname)s %(name)s %(message)s":
// a format that prints no time.
var timeless = &CompiledFormatter{NoTime: true, Func: func(b []byte, r *Record) ([]byte, error) {
	var err error
	b = r.Level.AppendName(b)
	b = append(b, ' ')
	b = append(b, r.Name...)
	b = append(b, ' ')
	b, err = r.AppendMessage(b)
	if err != nil {
		return b, err
	}
	return b, nil
}}

// sink discards what it is given, like io.Discard, but is a type of its
// own (the standard log package skips all work for io.Discard) and may be
// written from many goroutines at once.
type sink struct{}

func (sink) Write(p []byte) (int, error) { return len(p), nil }

// ConcurrentWrites marks sink as safe for concurrent writes.
func (sink) ConcurrentWrites() {}

func configureDiscard(tb testing.TB, level Level) *Logger {
	return configureBench(tb, level, typical)
}

// configureBench routes the logger "bench.app" at level to one stream
// handler writing to a sink with formatter f.
func configureBench(tb testing.TB, level Level, f Formatter) *Logger {
	tb.Helper()
	err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "discard", Formatter: f, New: func() (Handler, error) {
			return NewStreamHandler(sink{}), nil
		}}},
		Loggers: []LoggerConfig{{Name: "bench.app", Level: level, LevelSet: true, Handlers: []string{"discard"}, Propagate: false, PropagateSet: true}},
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return Get("bench.app")
}

// Printf arguments are variables, so that boxing them costs what it costs
// in a program (constants are boxed for free).
var (
	benchUser     = "bob"
	benchAttempts = 4217
)

// bench runs f on one goroutine and, as "Parallel", on GOMAXPROCS.
func bench(b *testing.B, f func()) {
	b.Run("Single", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f()
		}
	})
	b.Run("Parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				f()
			}
		})
	})
}

func BenchmarkDisabled(b *testing.B) {
	l := configureDiscard(b, INFO)
	bench(b, func() { l.Debug("not logged") })
}

func BenchmarkStaticMessage(b *testing.B) {
	l := configureDiscard(b, INFO)
	bench(b, func() { l.Info("a static message") })
}

func BenchmarkTimelessFormat(b *testing.B) {
	l := configureBench(b, INFO, timeless)
	bench(b, func() { l.Info("a static message") })
}

func BenchmarkTypedExtras(b *testing.B) {
	l := configureDiscard(b, INFO)
	bench(b, func() {
		fields := [2]Field{String("user", "bob"), Int("request_id", 42)}
		l.LogExtra(0, INFO, nil, fields[:], "login")
	})
}

func BenchmarkPrintf(b *testing.B) {
	l := configureDiscard(b, INFO)
	bench(b, func() { l.Infof("user %s logged in after %d attempts", benchUser, benchAttempts) })
}

// freshTree gives f an empty logger tree, as at program start, and puts
// the tree back afterwards.
func freshTree(f func()) {
	configMu.Lock()
	tree.mu.Lock()
	loggers, root, gen, live, named, disable, below := tree.loggers, tree.root, tree.gen, tree.live, tree.named, tree.disable, tree.below
	tree.loggers, tree.gen, tree.live, tree.named, tree.disable, tree.below = map[string]*Logger{}, &generation{}, nil, map[string]Handler{}, NOTSET, map[string]*placeholder{}
	tree.root = &Logger{name: "root", level: WARNING, propagate: true}
	tree.root.refreshSubtree()
	tree.mu.Unlock()
	configMu.Unlock()
	defer func() {
		configMu.Lock()
		tree.mu.Lock()
		tree.loggers, tree.root, tree.gen, tree.live, tree.named, tree.disable, tree.below = loggers, root, gen, live, named, disable, below
		tree.mu.Unlock()
		configMu.Unlock()
	}()
	f()
}

// startupNames are 1,000 logger names of a large program: 50 packages of
// 4 components each with 20 loggers below, as generated code declares
// them.
var startupNames = func() []string {
	var names []string
	for p := range 50 {
		for l := range 20 {
			names = append(names, fmt.Sprintf("org.service%d.pkg%d.sub.logger%d", p%7, p, l))
		}
	}
	return names
}()

// BenchmarkStartup1000Loggers measures what a program of 1,000 declared
// loggers pays at package init: one Declare per logger.
func BenchmarkStartup1000Loggers(b *testing.B) {
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		freshTree(func() {
			for _, n := range startupNames {
				Declare(n)
			}
		})
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per op since start (cpuTime), which on a
// shared machine says more than the wall time: it counts every thread of
// the process (the collector's too), and not the time others had the
// CPU.
func reportCPU(b *testing.B, start int64) {
	if start >= 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

// startupConfig configures every logger of startupNames, each with one of
// 200 handlers.
func startupConfig() *Config {
	c := &Config{DisableExistingLoggers: true, Root: &LoggerConfig{Level: WARNING, LevelSet: true}}
	for i := range 200 {
		c.Handlers = append(c.Handlers, HandlerConfig{ID: fmt.Sprintf("h%03d", i), Formatter: typical,
			New: func() (Handler, error) { return NewStreamHandler(sink{}), nil }})
	}
	for i, n := range startupNames {
		c.Loggers = append(c.Loggers, LoggerConfig{Name: n, Level: INFO, LevelSet: true,
			Handlers: []string{fmt.Sprintf("h%03d", i%200)}})
	}
	return c
}

// BenchmarkStartup1000Loggers200Handlers measures init and Configure of a
// program of 1,000 loggers and 200 handlers.
func BenchmarkStartup1000Loggers200Handlers(b *testing.B) {
	b.ReportAllocs()
	configs := make([]*Config, 0, b.N)
	for range b.N {
		configs = append(configs, startupConfig())
	}
	cpu := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		freshTree(func() {
			for _, n := range startupNames {
				Declare(n)
			}
			if err := Configure(configs[i]); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.StopTimer()
	reportCPU(b, cpu)
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
