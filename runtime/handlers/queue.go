package handlers

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// DefaultQueueSize is the capacity of a QueueHandler's queue when
// QueueOptions.MaxSize is not set. Python's default queue is unbounded;
// loggen's is always bounded.
const DefaultQueueSize = 10000

// WhenFull says what a QueueHandler does with a record when its queue is
// full (a loggen extension: Python's queue is unbounded by default, and a
// bounded queue.Queue makes QueueHandler's put_nowait raise queue.Full,
// which handleError reports).
type WhenFull int

// The WhenFull choices.
const (
	// QueueBlock makes the logging call wait until the listener has made
	// room: no record is lost, but a caller can be slowed down to the pace
	// of the slowest target once the queue is full. It is the default.
	QueueBlock WhenFull = iota
	// QueueDrop discards the record and counts it: the caller never waits.
	// The count is reported on stderr (as HandleError reports, so
	// SetRaiseExceptions(false) silences it) every QueueOptions.DropReportInterval while records
	// are being dropped, and at Close; Dropped returns it.
	QueueDrop
)

// QueueOptions configures a QueueHandler: the keys of a QueueHandler entry
// of Python 3.12's dictConfig, and loggen's extensions.
type QueueOptions struct {
	// MaxSize bounds the queue (loggen's maxsize key); 0 or less means
	// DefaultQueueSize. Python's queue key (a queue object or factory) has
	// no equivalent: the queue is a Go channel.
	MaxSize int
	// WhenFull chooses between blocking the caller and dropping the record
	// when the queue is full (loggen's when_full key).
	WhenFull WhenFull
	// Handlers are the listener's targets (the handlers key), in order.
	Handlers []logging.Handler
	// RespectHandlerLevel makes the listener skip a target whose level is
	// above the record's (the respect_handler_level key; Python's default
	// is false: targets get every record, and only their filters apply).
	RespectHandlerLevel bool
	// DropReportInterval is how often dropped records are reported with
	// QueueDrop; 0 means DefaultDropReportInterval, and a negative value
	// reports only at Close.
	DropReportInterval time.Duration
}

// A QueueHandler hands records to a listener goroutine through a bounded
// queue, so that the calling goroutine never waits for a slow destination:
// Python's logging.handlers.QueueHandler together with the QueueListener
// that Python 3.12's dictConfig builds for it (its listener attribute).
//
// Handle does in the calling goroutine what Python's QueueHandler.prepare
// does: it runs the handler's filters, formats the record with the
// handler's own formatter (the default one prints the message and the
// error), and enqueues a copy of the record whose Msg is that text, with no
// Args and no Err. Arguments are thus read during the logging call, never
// later from another goroutine. This costs a few allocations per record in
// the caller (the copy and its text), which a synchronous handler does not.
//
// The listener goroutine starts when the handler is created and calls
// Handle of each target in turn, for each record, in queue order; with
// RespectHandlerLevel, a target whose level is above the record's is
// skipped (Python's QueueListener.handle). Python's dictConfig leaves the
// listener unstarted (the program calls handler.listener.start() and
// listener.stop()); loggen starts it with the configuration and stops it
// at Close, which Shutdown and reconfiguration call.
//
// Flush waits until every record enqueued before the call has been handed
// to the targets; it does not flush the targets (Shutdown flushes them
// after). Close does the same, then stops the listener. A QueueHandler is
// created after its targets, so Shutdown, which closes handlers newest
// first, drains the queue into the targets before they are closed. Records
// that arrive after Close are handed to the targets directly, in the
// calling goroutine.
//
// A target must not log, in QueueBlock mode, through a logger that leads
// back to the same QueueHandler: with the queue full, the listener would
// wait for itself.
//
// Formats that print the thread id (%(thread)d) print the listener's
// thread, not the caller's: loggen reads the thread id when it formats.
type QueueHandler struct {
	logging.HandlerBase
	opts QueueOptions
	q    *recordQueue
}

// NewQueueHandler returns a QueueHandler and starts its listener.
func NewQueueHandler(o QueueOptions) *QueueHandler {
	o.Handlers = append([]logging.Handler(nil), o.Handlers...)
	h := &QueueHandler{}
	h.q = newRecordQueue(&h.Name, o, 0, h.dispatch)
	h.opts = h.q.opts
	return h
}

// Handle filters r, prepares a copy of it and enqueues the copy. With
// QueueBlock it waits while the queue is full; with QueueDrop it drops the
// record instead and counts it.
func (h *QueueHandler) Handle(r *logging.Record) bool {
	msg, passed, ok := h.Prepare(r, "")
	if !ok {
		return passed
	}
	h.q.put(queueItem{r: r.CopyWithMessage(string(msg))})
	return true
}

// dispatch hands r to the targets: Python's QueueListener.handle.
func (h *QueueHandler) dispatch(it queueItem) {
	for _, t := range h.opts.Handlers {
		if h.opts.RespectHandlerLevel && it.r.Level < t.Level() {
			continue
		}
		t.Handle(it.r)
	}
}

// Dropped returns how many records were dropped because the queue was full
// (always 0 with QueueBlock).
func (h *QueueHandler) Dropped() int64 { return h.q.drops.count() }

// Handlers returns the listener's targets.
func (h *QueueHandler) Handlers() []logging.Handler { return h.opts.Handlers }

// NeedsCaller reports whether the handler's formatter or a target's prints
// caller information: the caller is captured in the logging call, before
// the record is queued.
func (h *QueueHandler) NeedsCaller() bool {
	if h.HandlerBase.NeedsCaller() {
		return true
	}
	for _, t := range h.opts.Handlers {
		if nc, ok := t.(interface{ NeedsCaller() bool }); ok && nc.NeedsCaller() {
			return true
		}
	}
	return false
}

// Flush waits until the records enqueued before the call have been handed
// to the targets.
func (h *QueueHandler) Flush() error {
	h.q.flush(0)
	return nil
}

// Close hands every queued record to the targets, stops the listener and
// reports dropped records not reported yet. The targets stay open: they
// are handlers of the configuration, which closes them itself.
func (h *QueueHandler) Close() error {
	h.q.close()
	return nil
}

// A recordQueue is a bounded queue and the listener goroutine that takes
// its items out, in order: the machinery of a QueueHandler, and of an
// SMTPHandler or HTTPHandler behind loggen's queue key (whose items are
// deliveries already prepared in the logging call).
type recordQueue struct {
	name *string // the handler's name, for reports
	opts QueueOptions
	// closeWithin, if not zero, bounds how long Close delivers what is
	// queued: items taken out later are dropped and counted.
	closeWithin time.Duration
	run         func(queueItem) // handles a record item, in the listener

	// state guards closed and the sends on queue: put and flush send
	// under the read lock, close sets closed under the write lock, so no
	// send follows the close of queue.
	state  sync.RWMutex
	closed bool
	queue  chan queueItem
	exited chan struct{} // closed when the listener returns

	drops     dropCounter
	discardAt atomic.Int64 // Unix ns after which close discards items; 0: never
	discarded atomic.Int64 // items close discarded
}

// queueItem is a record to dispatch, a delivery to run (job), or, when done
// is set, a flush marker: the listener closes done when every item before
// it has been handled.
type queueItem struct {
	r    *logging.Record
	job  func()
	done chan struct{}
}

// newRecordQueue makes the queue of o (MaxSize, WhenFull,
// DropReportInterval) and starts its listener, which calls run for each
// record item and runs each job.
func newRecordQueue(name *string, o QueueOptions, closeWithin time.Duration, run func(queueItem)) *recordQueue {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultQueueSize
	}
	if o.DropReportInterval == 0 {
		o.DropReportInterval = DefaultDropReportInterval
	}
	q := &recordQueue{
		name: name, opts: o, closeWithin: closeWithin, run: run,
		queue:  make(chan queueItem, o.MaxSize),
		exited: make(chan struct{}),
	}
	go q.listen()
	return q
}

// put enqueues it: with QueueBlock it waits while the queue is full; with
// QueueDrop it drops the item instead and counts it. After close, it
// handles it in the calling goroutine, once the queue is drained.
func (q *recordQueue) put(it queueItem) {
	q.state.RLock()
	if q.closed {
		q.state.RUnlock()
		<-q.exited // the queue is drained first: records stay in order
		q.handle(it)
		return
	}
	if q.opts.WhenFull == QueueDrop {
		select {
		case q.queue <- it:
		default:
			q.drops.add(1)
		}
	} else {
		q.queue <- it
	}
	q.state.RUnlock()
}

// handle runs a job or hands a record to run.
func (q *recordQueue) handle(it queueItem) {
	if it.job != nil {
		it.job()
		return
	}
	q.run(it)
}

// listen is the listener goroutine.
func (q *recordQueue) listen() {
	defer close(q.exited)
	var tick <-chan time.Time
	if q.opts.WhenFull == QueueDrop && q.opts.DropReportInterval > 0 {
		t := time.NewTicker(q.opts.DropReportInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case it, ok := <-q.queue:
			if !ok {
				return
			}
			if it.done != nil {
				close(it.done)
				continue
			}
			if at := q.discardAt.Load(); at != 0 && time.Now().UnixNano() > at {
				q.discarded.Add(1)
				continue
			}
			q.handle(it)
		case <-tick:
			q.reportDrops()
		}
	}
}

// reportDrops reports on stderr the records dropped since the last report.
func (q *recordQueue) reportDrops() {
	q.drops.report(*q.name, func(n, total int64) string {
		return fmt.Sprintf("queue full (maxsize %d): %d records dropped (%d in all)", q.opts.MaxSize, n, total)
	})
}

// flush waits until the items enqueued before the call have been handled,
// or at most limit if it is not zero (the wait for room for its marker
// included).
func (q *recordQueue) flush(limit time.Duration) {
	var expired <-chan time.Time
	if limit > 0 {
		t := time.NewTimer(limit)
		defer t.Stop()
		expired = t.C
	}
	q.state.RLock()
	if q.closed {
		q.state.RUnlock()
		<-q.exited
		return
	}
	done := make(chan struct{})
	select {
	case q.queue <- queueItem{done: done}: // a marker is never dropped
	case <-expired:
		q.state.RUnlock()
		return
	}
	q.state.RUnlock()
	select {
	case <-done:
	case <-expired:
	}
}

// close handles every queued item (within closeWithin, if it is set:
// later items are dropped and counted), stops the listener and reports
// dropped records not reported yet.
func (q *recordQueue) close() {
	q.state.Lock()
	if q.closed {
		q.state.Unlock()
		return
	}
	q.closed = true
	if q.closeWithin > 0 {
		q.discardAt.Store(time.Now().Add(q.closeWithin).UnixNano())
	}
	close(q.queue)
	q.state.Unlock()
	<-q.exited
	q.reportDrops()
	if n := q.discarded.Load(); n > 0 {
		q.drops.add(n)
		q.drops.report(*q.name, func(n, total int64) string {
			return fmt.Sprintf("closed with %s still queued after %v: dropped (%d in all)", records(n), q.closeWithin, total)
		})
	}
}

// newDeliveryQueue returns the queue of a network handler's Queue option,
// or nil without it.
func newDeliveryQueue(name *string, o *QueueOptions, timeout time.Duration) *recordQueue {
	if o == nil {
		return nil
	}
	return newRecordQueue(name, *o, timeout, nil)
}

// dropped returns the records the queue dropped; 0 for no queue.
func (q *recordQueue) dropped() int64 {
	if q == nil {
		return 0
	}
	return q.drops.count()
}

// flushWithin flushes a delivery queue, waiting at most its close bound;
// nothing for no queue.
func (q *recordQueue) flushWithin() {
	if q != nil {
		q.flush(q.closeWithin)
	}
}

// queuedCopy returns the copy of r that a queued delivery reports if it
// fails: the record as Python's QueueHandler.prepare leaves it with no
// formatter of its own, its message merged with its arguments.
func queuedCopy(r *logging.Record) *logging.Record {
	msg, err := r.Message()
	if err != nil {
		msg = r.Msg
	}
	return r.CopyWithMessage(msg)
}

// closeDelivery closes a delivery queue; nothing for no queue.
func (q *recordQueue) closeDelivery() {
	if q != nil {
		q.close()
	}
}
