package bench

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// The interleaved harness. On a shared machine the speed of the CPU drifts
// over seconds (other jobs, frequency, the neighbours of a VM), so that
// running one library's benchmark after another's puts the drift on one of
// them. Here every scenario is one benchmark in which all contenders take
// turns, each logging for about a millisecond (-turn) before the next, in
// a rotating order; every round gives each contender a time per call, the
// ratios of loggen's time to each other contender's are taken within the
// round, and the medians over the rounds are reported. -count N repeats
// the whole, and benchstat (or table/) takes the median of the N medians.
//
// Each benchmark reports, per contender C:
//
//	C-ns/op      the median time per call
//	loggen/C     the median of the per-round ratios of loggen's time to C's
//	C-allocs/op  allocations per call, and C-B/op bytes per call (measured
//	             once, on one goroutine)
//
// and, in place of the framework's own ns/op, allocs/op and B/op (which
// would count a whole round), loggen's.

var turn = flag.Duration("turn", time.Millisecond, "how long each contender logs before the next one takes its turn")

// A contender is one way of making a scenario's log call: a library with
// its encoder, or the hand-written floor. run makes n calls.
type contender struct {
	name string
	run  func(n int)
}

// interleave measures cs (loggen first) in turns, on one goroutine or, if
// parallel, on GOMAXPROCS goroutines at once.
func interleave(b *testing.B, parallel bool, cs []contender) {
	if cs[0].name != "loggen" {
		b.Fatal("loggen must be the first contender")
	}
	type mem struct{ allocs, bytes float64 }
	mems := make([]mem, len(cs))
	for i, c := range cs {
		mems[i].allocs, mems[i].bytes = allocsPerCall(c)
	}
	n := make([]int, len(cs))
	for i, c := range cs {
		n[i] = calibrate(c, parallel)
	}
	perOp := make([][]float64, len(cs))
	b.ResetTimer()
	for round := 0; round < b.N; round++ {
		for k := range cs {
			i := (round + k) % len(cs)
			perOp[i] = append(perOp[i], float64(timeTurn(cs[i], n[i], parallel))/float64(n[i]))
		}
	}
	b.StopTimer()
	for i, c := range cs {
		b.ReportMetric(median(perOp[i]), c.name+"-ns/op")
		b.ReportMetric(mems[i].allocs, c.name+"-allocs/op")
		b.ReportMetric(mems[i].bytes, c.name+"-B/op")
		if i > 0 {
			ratios := make([]float64, len(perOp[0]))
			for r := range ratios {
				ratios[r] = perOp[0][r] / perOp[i][r]
			}
			b.ReportMetric(median(ratios), "loggen/"+c.name)
		}
	}
	b.ReportMetric(median(perOp[0]), "ns/op")
	b.ReportMetric(mems[0].allocs, "allocs/op")
	b.ReportMetric(mems[0].bytes, "B/op")
}

// timeTurn returns how long c takes to make n calls, on GOMAXPROCS
// goroutines (n in all) if parallel.
func timeTurn(c contender, n int, parallel bool) time.Duration {
	if !parallel {
		start := time.Now()
		c.run(n)
		return time.Since(start)
	}
	p := runtime.GOMAXPROCS(0)
	var ready, done sync.WaitGroup
	gate := make(chan struct{})
	for g := range p {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-gate
			c.run(n/p + btoi(g < n%p))
		}()
	}
	ready.Wait()
	start := time.Now()
	close(gate)
	done.Wait()
	return time.Since(start)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// calibrate returns how many calls of c last about one turn.
func calibrate(c contender, parallel bool) int {
	n := 1
	for ; n < 1<<30; n *= 2 {
		if timeTurn(c, n, parallel) >= *turn/8 {
			break
		}
	}
	// A stall in the turn that ended the doubling (a collection, a
	// goroutine that waited for a CPU) would make n small, and then every
	// turn of the contender would be mostly the harness's own overhead
	// (starting goroutines): the fastest of three turns sets the pace.
	d := timeTurn(c, n, parallel)
	for range 2 {
		d = min(d, timeTurn(c, n, parallel))
	}
	return max(1, int(float64(n)*float64(*turn)/float64(max(d, 1))))
}

// allocsPerCall returns the allocations and bytes allocated per call of c
// on one goroutine.
func allocsPerCall(c contender) (allocs, bytes float64) {
	const calls = 2000
	c.run(calls) // warm up pools and caches
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.run(calls)
	runtime.ReadMemStats(&after)
	// Whole numbers, as testing.AllocsPerRun gives them: the collector and
	// the pools allocate now and then on their own.
	return float64((after.Mallocs - before.Mallocs) / calls), float64((after.TotalAlloc - before.TotalAlloc) / calls)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// both runs a scenario's contenders on one goroutine ("single") and on
// GOMAXPROCS goroutines ("parallel"); setup makes them, for each run.
func both(b *testing.B, setup func(b *testing.B) []contender) {
	for _, mode := range []string{"single", "parallel"} {
		b.Run(mode, func(b *testing.B) {
			cs := setup(b)
			interleave(b, mode == "parallel", cs)
		})
	}
}

// TestMedian checks the harness's one piece of arithmetic.
func TestMedian(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(c.xs); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.xs, got, c.want)
		}
	}
	if got := fmt.Sprint(btoi(true), btoi(false)); got != "1 0" {
		t.Errorf("btoi: %s", got)
	}
}
