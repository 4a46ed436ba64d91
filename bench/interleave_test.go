package bench

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// This file is a harness for comparisons that a shared machine can make
// fairly: the contenders run in one benchmark, in one goroutine, taking
// turns in chunks of about chunkTime each, so that whatever else the
// machine does in a given moment (another tenant, a frequency change, the
// garbage collector) falls on all of them alike. Each round runs one chunk
// of every contender, starting with a different one each round; each
// contender's time per operation is measured per chunk, and the ratio of
// a contender to the baseline (the first contender) per round, whose
// median over the rounds is reported. Over -count runs, benchstat then
// takes the median of the medians.
//
// What a run reports, per contender NAME:
//
//	NAME-ns/op        the median over the rounds of its time per operation
//	NAME/BASE         the median over the rounds of its time over the
//	                  baseline's in the same round (below 1: faster)
//	NAME-allocs/op    its allocations per operation (testing.AllocsPerRun)
//
// The framework's own ns/op (per round) means nothing here and is left out.

// chunkTime is the time each contender runs in one turn.
const chunkTime = time.Millisecond

// A contender is one side of an interleaved comparison.
type contender struct {
	name string
	// op does one operation (logs one record).
	op func()
}

// interleave runs the contenders against each other as described above,
// b.N rounds, the first contender being the baseline of the ratios.
func interleave(b *testing.B, contenders ...contender) {
	b.Helper()
	if len(contenders) < 2 {
		b.Fatal("interleave needs a baseline and at least one contender")
	}
	names := map[string]bool{}
	for _, c := range contenders {
		if c.name == "" || names[c.name] {
			b.Fatalf("contender names must be distinct and not empty: %q", c.name)
		}
		names[c.name] = true
	}
	// Warm up each contender, and size its chunk; the second calibration
	// is the one kept, after the first has warmed caches and pools.
	ops := make([]int, len(contenders))
	allocs := make([]float64, len(contenders))
	for i, c := range contenders {
		calibrate(c.op)
		ops[i] = calibrate(c.op)
		allocs[i] = testing.AllocsPerRun(100, c.op)
	}
	perOp := make([][]float64, len(contenders)) // ns/op of each contender, per round
	for i := range perOp {
		perOp[i] = make([]float64, 0, b.N)
	}
	b.ResetTimer()
	for r := range b.N {
		for k := range contenders {
			i := (r + k) % len(contenders)
			op, n := contenders[i].op, ops[i]
			start := time.Now()
			for range n {
				op()
			}
			perOp[i] = append(perOp[i], float64(time.Since(start).Nanoseconds())/float64(n))
		}
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	base := contenders[0].name
	for i, c := range contenders {
		b.ReportMetric(median(perOp[i]), c.name+"-ns/op")
		b.ReportMetric(allocs[i], c.name+"-allocs/op")
		if i == 0 {
			continue
		}
		ratios := make([]float64, len(perOp[i]))
		for r := range ratios {
			ratios[r] = perOp[i][r] / perOp[0][r]
		}
		b.ReportMetric(median(ratios), fmt.Sprintf("%s/%s", c.name, base))
	}
}

// calibrate returns how many operations of op take about chunkTime,
// timing runs of doubling length until one takes at least that long.
func calibrate(op func()) int {
	for n := 1; ; n *= 2 {
		start := time.Now()
		for range n {
			op()
		}
		if d := time.Since(start); d >= chunkTime || n >= 1<<30 {
			return max(1, int(float64(n)*float64(chunkTime)/float64(max(d, 1))))
		}
	}
}

// median returns the median of xs (the mean of the two middle values of an
// even count), or 0 for none. It sorts a copy.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spin is work of a known relative cost for TestInterleave.
//
//go:noinline
func spin(n int) int {
	x := 0
	for i := range n {
		x += i ^ x>>1
	}
	return x
}

var sink int

// TestInterleave checks the harness on contenders of known relative cost:
// one that does three times the work of the baseline must come out about
// three times slower, and the reported metrics must be there.
func TestInterleave(t *testing.T) {
	if testing.Short() {
		t.Skip("times work; skipped in -short mode")
	}
	res := testing.Benchmark(func(b *testing.B) {
		interleave(b,
			contender{"one", func() { sink += spin(200) }},
			contender{"three", func() { sink += spin(600) }},
		)
	})
	ratio := res.Extra["three/one"]
	if ratio < 2 || ratio > 4.5 {
		t.Errorf("three/one = %.2f, want about 3 (metrics: %v)", ratio, res.Extra)
	}
	for _, m := range []string{"one-ns/op", "three-ns/op", "one-allocs/op", "three-allocs/op"} {
		if _, ok := res.Extra[m]; !ok {
			t.Errorf("no metric %s in %v", m, res.Extra)
		}
	}
	if res.Extra["one-allocs/op"] != 0 {
		t.Errorf("one-allocs/op = %v, want 0", res.Extra["one-allocs/op"])
	}
	if m := median([]float64{3, 1, 2, 10}); m != 2.5 {
		t.Errorf("median = %v, want 2.5", m)
	}
}
