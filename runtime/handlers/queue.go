package handlers

import (
	"fmt"
	"sync"
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

// queueItem is a record to dispatch, or, when done is set, a flush marker:
// the listener closes done when every record before it has been handled.
type queueItem struct {
	r    *logging.Record
	done chan struct{}
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

	// state guards closed and the sends on queue: Handle and Flush send
	// under the read lock, Close sets closed under the write lock, so no
	// send follows the close of queue.
	state  sync.RWMutex
	closed bool
	queue  chan queueItem
	exited chan struct{} // closed when the listener returns

	drops dropCounter
}

// NewQueueHandler returns a QueueHandler and starts its listener.
func NewQueueHandler(o QueueOptions) *QueueHandler {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultQueueSize
	}
	if o.DropReportInterval == 0 {
		o.DropReportInterval = DefaultDropReportInterval
	}
	o.Handlers = append([]logging.Handler(nil), o.Handlers...)
	h := &QueueHandler{
		opts:   o,
		queue:  make(chan queueItem, o.MaxSize),
		exited: make(chan struct{}),
	}
	go h.listen()
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
	c := r.CopyWithMessage(string(msg))
	h.state.RLock()
	if h.closed {
		h.state.RUnlock()
		<-h.exited // the queue is drained first: records stay in order
		h.dispatch(c)
		return true
	}
	if h.opts.WhenFull == QueueDrop {
		select {
		case h.queue <- queueItem{r: c}:
		default:
			h.drops.add(1)
		}
	} else {
		h.queue <- queueItem{r: c}
	}
	h.state.RUnlock()
	return true
}

// dispatch hands r to the targets: Python's QueueListener.handle.
func (h *QueueHandler) dispatch(r *logging.Record) {
	for _, t := range h.opts.Handlers {
		if h.opts.RespectHandlerLevel && r.Level < t.Level() {
			continue
		}
		t.Handle(r)
	}
}

// listen is the listener goroutine.
func (h *QueueHandler) listen() {
	defer close(h.exited)
	var tick <-chan time.Time
	if h.opts.WhenFull == QueueDrop && h.opts.DropReportInterval > 0 {
		t := time.NewTicker(h.opts.DropReportInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case it, ok := <-h.queue:
			if !ok {
				return
			}
			if it.done != nil {
				close(it.done)
				continue
			}
			h.dispatch(it.r)
		case <-tick:
			h.reportDrops()
		}
	}
}

// reportDrops reports on stderr the records dropped since the last report.
func (h *QueueHandler) reportDrops() {
	h.drops.report(h.Name, func(n, total int64) string {
		return fmt.Sprintf("queue full (maxsize %d): %d records dropped (%d in all)", h.opts.MaxSize, n, total)
	})
}

// Dropped returns how many records were dropped because the queue was full
// (always 0 with QueueBlock).
func (h *QueueHandler) Dropped() int64 { return h.drops.count() }

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
	h.state.RLock()
	if h.closed {
		h.state.RUnlock()
		<-h.exited
		return nil
	}
	done := make(chan struct{})
	h.queue <- queueItem{done: done} // a marker is never dropped
	h.state.RUnlock()
	<-done
	return nil
}

// Close hands every queued record to the targets, stops the listener and
// reports dropped records not reported yet. The targets stay open: they
// are handlers of the configuration, which closes them itself.
func (h *QueueHandler) Close() error {
	h.state.Lock()
	if h.closed {
		h.state.Unlock()
		return nil
	}
	h.closed = true
	close(h.queue)
	h.state.Unlock()
	<-h.exited
	h.reportDrops()
	return nil
}
