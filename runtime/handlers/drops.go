package handlers

import (
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// DefaultDropReportInterval is how often a handler that drops records (a
// QueueHandler in QueueDrop mode, a SocketHandler or a SysLogHandler whose
// peer cannot be reached) reports the records dropped since its last
// report, while it goes on dropping them. For a QueueHandler,
// QueueOptions.DropReportInterval overrides it.
const DefaultDropReportInterval = 10 * time.Second

// A dropCounter is this package's one account of the records a handler
// could not deliver and did not report one by one with HandleError: a
// QueueHandler's full queue, a stream socket whose peer cannot be reached.
// The handler adds to it where it drops; report writes one line (with
// ReportError, so SetRaiseExceptions(false) silences it) for the records
// dropped since the last report. Handlers report when they recover, at
// Close, and at most every report interval while they go on dropping.
type dropCounter struct {
	total atomic.Int64 // records dropped since the handler was made
	// last is when the last report was written (Unix ns), or when the
	// first record was dropped if none was: due measures from it.
	last atomic.Int64

	mu       sync.Mutex // serializes reports
	reported int64      // total at the last report
}

// add counts n more dropped records. It takes no lock.
func (d *dropCounter) add(n int64) {
	if n <= 0 {
		return
	}
	d.total.Add(n)
	if d.last.Load() == 0 {
		d.last.CompareAndSwap(0, time.Now().UnixNano())
	}
}

// count returns how many records were dropped in all.
func (d *dropCounter) count() int64 { return d.total.Load() }

// due reports whether records were dropped since the last report and that
// report (or the first drop) is interval or more ago; never for an
// interval of 0 or less.
func (d *dropCounter) due(interval time.Duration) bool {
	if interval <= 0 {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.total.Load() != d.reported && time.Now().UnixNano()-d.last.Load() >= int64(interval)
}

// report reports the records dropped since the last report, if there are
// any, on behalf of the handler named handler: msg says what happened,
// given their number and the total.
func (d *dropCounter) report(handler string, msg func(n, total int64) string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	t := d.total.Load()
	if t == d.reported {
		return
	}
	n := t - d.reported
	d.reported = t
	d.last.Store(time.Now().UnixNano())
	logging.ReportError(handler, errors.New(msg(n, t)))
}

// records returns "1 record" or "n records".
func records(n int64) string {
	if n == 1 {
		return "1 record"
	}
	return strconv.FormatInt(n, 10) + " records"
}
