package runtime

import (
	"io"
	"os"
	"sync"
)

// A StreamHandler writes each record, followed by a terminator ("\n"), to
// a stream: Python's logging.StreamHandler. Every record is written with one
// Write call and nothing is buffered, which is what Python's flush after
// each record achieves. Close does not close the stream.
type StreamHandler struct {
	HandlerBase
	mu         sync.Mutex // serializes writes, as Python's handler lock does
	w          io.Writer
	stderr     bool // write to the os.Stderr of the moment (the last resort)
	terminator string
}

// NewStreamHandler returns a handler writing to w; nil means os.Stderr.
func NewStreamHandler(w io.Writer) *StreamHandler {
	if w == nil {
		w = os.Stderr
	}
	return &StreamHandler{w: w, terminator: "\n"}
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
	h.mu.Lock()
	w := h.w
	if h.stderr {
		w = os.Stderr
	}
	_, err := w.Write(b)
	h.mu.Unlock()
	if err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

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

// Flush does nothing.
func (h *NullHandler) Flush() error { return nil }

// Close does nothing.
func (h *NullHandler) Close() error { return nil }
