package runtime

import (
	"io"
	"os"
	"sync"
)

// A ConcurrentWriter is an io.Writer that may be written from many
// goroutines at once, each Write landing whole, before or after the others:
// a StreamHandler writes to one without taking its lock. An *os.File is
// one already (its writes are serialized by the file), without the method.
type ConcurrentWriter interface {
	io.Writer
	// ConcurrentWrites marks the writer as safe for concurrent writes; it
	// is never called.
	ConcurrentWrites()
}

// concurrentSafe reports whether writes to w need no lock of the handler.
func concurrentSafe(w io.Writer) bool {
	switch w.(type) {
	case *os.File, ConcurrentWriter:
		return true
	}
	return false
}

// A StreamHandler writes each record, followed by a terminator ("\n"), to
// a stream: Python's logging.StreamHandler. Every record is written with one
// Write call and nothing is buffered, which is what Python's flush after
// each record achieves. Close does not close the stream.
//
// Writes are serialized by the handler's lock, as Python's are, unless the
// stream serializes them itself: an *os.File (os.Stdout, os.Stderr) or a
// ConcurrentWriter.
type StreamHandler struct {
	HandlerBase
	mu         sync.Mutex // serializes writes, as Python's handler lock does
	w          io.Writer
	unlocked   bool // w needs no lock (see concurrentSafe)
	stderr     bool // write to the os.Stderr of the moment (the last resort)
	terminator string
}

// NewStreamHandler returns a handler writing to w; nil means os.Stderr.
func NewStreamHandler(w io.Writer) *StreamHandler {
	if w == nil {
		w = os.Stderr
	}
	return &StreamHandler{w: w, unlocked: concurrentSafe(w), terminator: "\n"}
}

// SetTerminator sets the text written after each record (Python's
// terminator attribute). Call it before the handler is in use.
func (h *StreamHandler) SetTerminator(t string) { h.terminator = t }

// Handle implements Handler.
func (h *StreamHandler) Handle(r *Record) bool {
	b, passed, ok := h.Prepare(r, h.terminator)
	if !ok {
		return passed
	}
	var err error
	switch {
	case h.stderr:
		_, err = os.Stderr.Write(b)
	case h.unlocked:
		_, err = h.w.Write(b)
	default:
		h.mu.Lock()
		_, err = h.w.Write(b)
		h.mu.Unlock()
	}
	if err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

// NeedsTime reports whether the handler's formatter or filters may read
// the record's time, so that loggers read the clock only when they do.
func (h *StreamHandler) NeedsTime() bool { return h.readsTime() }

// Flush flushes the stream if it has a Flush method.
func (h *StreamHandler) Flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if f, ok := h.w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// Close flushes the handler; the stream stays open.
func (h *StreamHandler) Close() error { return h.Flush() }

// A NullHandler discards every record: Python's logging.NullHandler. A
// logger with a NullHandler counts as having a handler, so its records do
// not reach the last resort.
type NullHandler struct{ HandlerBase }

// NewNullHandler returns a NullHandler.
func NewNullHandler() *NullHandler { return &NullHandler{} }

// Handle discards r.
func (h *NullHandler) Handle(r *Record) bool { return true }

// NeedsTime reports false: a NullHandler reads nothing of a record.
func (h *NullHandler) NeedsTime() bool { return false }

// Flush does nothing.
func (h *NullHandler) Flush() error { return nil }

// Close does nothing.
func (h *NullHandler) Close() error { return nil }
