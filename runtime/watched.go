package runtime

import (
	"fmt"
	"os"
	"path/filepath"
)

// A WatchedFileHandler is a FileHandler that notices when its file was
// moved or deleted under it, as logrotate and newsyslog do, and reopens the
// file by its name: Python's logging.handlers.WatchedFileHandler. Before
// each record it stats the path; if nothing is there, or something that is
// not the open file (another device or inode, compared with os.SameFile),
// it closes its file and opens the path again, creating the file. It takes
// FileOptions, the same keyword arguments as FileHandler.
type WatchedFileHandler struct {
	HandlerBase
	path   string
	mode   string
	f      *os.File
	fi     os.FileInfo // the open file's identity (Python's dev and ino)
	closed bool
}

// NewWatchedFileHandler returns a WatchedFileHandler, opening the file now
// unless o.Delay is set.
func NewWatchedFileHandler(o FileOptions) (*WatchedFileHandler, error) {
	if o.Mode == "" {
		o.Mode = "a"
	}
	switch o.Mode {
	case "a", "w", "x":
	default:
		return nil, fmt.Errorf("unsupported file mode %q", o.Mode)
	}
	if !utf8Encoding(o.Encoding) {
		return nil, fmt.Errorf("unsupported encoding %q: loggen writes UTF-8", o.Encoding)
	}
	path, err := filepath.Abs(o.Filename)
	if err != nil {
		return nil, err
	}
	h := &WatchedFileHandler{path: path, mode: o.Mode}
	if !o.Delay {
		if err := h.open(); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Path returns the absolute name of the file.
func (h *WatchedFileHandler) Path() string { return h.path }

// open opens the path and remembers the identity of what it opened
// (Python's _open and _statstream).
func (h *WatchedFileHandler) open() error {
	f, err := openLogFile(h.path, h.mode)
	if err != nil {
		return err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	h.f, h.fi = f, fi
	return nil
}

// reopenIfNeeded is Python's reopenIfNeeded: the path is stat'ed once, and
// the new file's identity is taken from the opened descriptor, so that a
// rotation between the two cannot be missed.
func (h *WatchedFileHandler) reopenIfNeeded() error {
	if h.f == nil {
		return nil
	}
	if fi, err := os.Stat(h.path); err == nil && os.SameFile(fi, h.fi) {
		return nil
	}
	h.f.Close()
	h.f, h.fi = nil, nil
	return h.open()
}

// Handle implements Handler.
func (h *WatchedFileHandler) Handle(r *Record) bool {
	b, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	h.Mu.Lock()
	defer h.Mu.Unlock()
	if err := h.reopenIfNeeded(); err != nil {
		HandleError(h.Name, r, err)
		return true
	}
	if h.f == nil {
		// FileHandler.emit: a delayed or closed file is opened, except that
		// a closed "w" file is not truncated again.
		if h.closed && h.mode == "w" {
			return true
		}
		if err := h.open(); err != nil {
			HandleError(h.Name, r, err)
			return true
		}
	}
	if _, err := h.f.Write(b); err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

// Flush does nothing: records are written as they come.
func (h *WatchedFileHandler) Flush() error { return nil }

// Close closes the file.
func (h *WatchedFileHandler) Close() error {
	h.Mu.Lock()
	defer h.Mu.Unlock()
	h.closed = true
	if h.f == nil {
		return nil
	}
	err := h.f.Close()
	h.f, h.fi = nil, nil
	return err
}
