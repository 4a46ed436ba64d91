package runtime

import (
	"sync/atomic"
	"time"
)

// The clock of records. Tests freeze it with SetClock and SetStartTime.
var (
	clockFunc atomic.Pointer[func() time.Time]
	startNs   atomic.Int64
)

func init() {
	startNs.Store(time.Now().UnixNano())
	anchor()
}

func now() time.Time {
	if f := clockFunc.Load(); f != nil {
		return (*f)()
	}
	return time.Now()
}

// nowNs is the time of a record being made, in nanoseconds since the
// epoch: the wall clock (see wallNs), or the function given to SetClock.
func nowNs() int64 {
	if f := clockFunc.Load(); f != nil {
		return (*f)().UnixNano()
	}
	return wallNs()
}

// A record needs the wall clock (Python's time.time()), but time.Now reads
// two clocks, the wall clock and the monotonic one (on Linux two vDSO
// calls, about 25 ns each on a virtual machine). wallNs reads the
// monotonic clock alone (time.Since of a time that carries a monotonic
// reading) and adds the wall clock's offset from it, measured by a
// time.Now at most anchorEvery of monotonic time before: a reading older
// than that is taken afresh.
//
// On Linux both clocks run at the same rate (NTP slews them alike), so the
// sum is the wall clock; what it misses is a step of the wall clock
// (settimeofday, an NTP step, the time a machine spent suspended), which
// shows in records anchorEvery later at most. Elsewhere the two clocks may
// also drift apart by the rate of the wall clock's slewing (at most 500
// ppm): 0.5 µs within anchorEvery.
const anchorEvery = int64(time.Millisecond)

var (
	// monoBase is the origin of the monotonic readings.
	monoBase = time.Now()
	// wallOffset is the wall clock minus the monotonic time since
	// monoBase, in nanoseconds, at the last anchoring; anchoredAt is the
	// monotonic time since monoBase of that anchoring.
	wallOffset atomic.Int64
	anchoredAt atomic.Int64
)

// wallNs returns the wall clock in nanoseconds since the epoch.
func wallNs() int64 {
	m := int64(time.Since(monoBase))
	if m-anchoredAt.Load() < anchorEvery {
		return wallOffset.Load() + m
	}
	return anchor()
}

// anchor reads both clocks at once, records the wall clock's offset from
// the monotonic one, and returns the wall clock. Goroutines that anchor at
// the same moment store offsets that differ by nothing or by a step of the
// wall clock, and a reader may combine either with its reading.
func anchor() int64 {
	t := time.Now()
	w, m := t.UnixNano(), int64(t.Sub(monoBase))
	wallOffset.Store(w - m)
	anchoredAt.Store(m)
	return w
}

// Now returns the time of the runtime's clock: time.Now, or the function
// given to SetClock. Handlers that keep time (a TimedRotatingFileHandler's
// first rollover) read it, so that tests can freeze them too.
func Now() time.Time { return now() }

func startTime() float64 { return secondsOf(startNs.Load()) }

// SetClock makes records take their creation time from now instead of
// the wall clock; nil restores the wall clock. It is meant for tests and
// for programs that replay events.
func SetClock(now func() time.Time) {
	if now == nil {
		clockFunc.Store(nil)
		return
	}
	clockFunc.Store(&now)
}

// SetStartTime sets the instant that RelativeCreated counts from (by
// default, when the program started).
func SetStartTime(t time.Time) { startNs.Store(t.UnixNano()) }
