package handlers

import (
	"sync"

	logging "github.com/loggen/loggen/runtime"
)

// MemoryOptions configures a MemoryHandler; the fields are the keyword
// arguments of Python's logging.handlers.MemoryHandler.
type MemoryOptions struct {
	Capacity     int             // flush when this many records are buffered
	FlushLevel   logging.Level   // flush when a record at this level or above arrives (Python's default is ERROR)
	Target       logging.Handler // where flushed records go; nil keeps them buffered
	FlushOnClose bool            // flush when closed (Python's default is true)
}

// A MemoryHandler buffers records and hands them to its target's Handle
// when the buffer is full, when a record at FlushLevel or above arrives, and
// at Close: Python's logging.handlers.MemoryHandler. As in Python, the
// target's filters apply to flushed records but its level does not.
type MemoryHandler struct {
	logging.HandlerBase
	mu     sync.Mutex // serializes sends, as Python's handler lock does
	opts   MemoryOptions
	buffer []*logging.Record
}

// NewMemoryHandler returns a MemoryHandler.
func NewMemoryHandler(o MemoryOptions) *MemoryHandler { return &MemoryHandler{opts: o} }

// Handle buffers r and flushes if the buffer is full or r's level is at
// least the flush level.
func (h *MemoryHandler) Handle(r *logging.Record) bool {
	if !h.Filter(r) {
		return false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.buffer = append(h.buffer, r.Clone())
	if len(h.buffer) >= h.opts.Capacity || r.Level >= h.opts.FlushLevel {
		h.flushLocked()
	}
	return true
}

func (h *MemoryHandler) flushLocked() {
	if h.opts.Target == nil {
		return // Python keeps the records until a target is set
	}
	for _, r := range h.buffer {
		h.opts.Target.Handle(r)
	}
	clear(h.buffer)
	h.buffer = h.buffer[:0]
}

// Flush sends every buffered record to the target.
func (h *MemoryHandler) Flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.flushLocked()
	return nil
}

// FlushOnClose reports whether Shutdown should flush the handler; Python
// 3.12 and later skip the final flush when flushOnClose is false.
func (h *MemoryHandler) FlushOnClose() bool { return h.opts.FlushOnClose }

// Close flushes if FlushOnClose is set, then drops the buffer and the target.
func (h *MemoryHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.opts.FlushOnClose {
		h.flushLocked()
	}
	h.opts.Target = nil
	h.buffer = nil
	return nil
}
