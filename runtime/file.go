package runtime

import (
	"fmt"
	"os"
	"path/filepath"
)

// FileOptions configures a FileHandler; the fields are the keyword arguments
// of Python's logging.FileHandler.
type FileOptions struct {
	Filename string // the file; relative names are made absolute when the handler is created
	Mode     string // "a" (default) appends, "w" truncates, "x" fails if the file exists
	Encoding string // "" or "utf-8": loggen writes UTF-8
	Delay    bool   // open the file at the first record instead of now
}

// A FileHandler appends records to a file: Python's logging.FileHandler.
// Each record is written with one write call, so nothing is lost if the
// program dies. After Close, a record reopens the file in append mode
// (unless the mode is "w", whose file would be truncated: such records are
// dropped), as in Python.
type FileHandler struct {
	HandlerBase
	path   string
	mode   string
	f      *os.File
	closed bool
}

// NewFileHandler returns a FileHandler, opening the file now unless
// o.Delay is set.
func NewFileHandler(o FileOptions) (*FileHandler, error) {
	if o.Mode == "" {
		o.Mode = "a"
	}
	switch o.Mode {
	case "a", "w", "x":
	default:
		return nil, fmt.Errorf("unsupported file mode %q", o.Mode)
	}
	switch o.Encoding {
	case "", "utf-8", "utf8", "UTF-8", "UTF8", "locale":
	default:
		return nil, fmt.Errorf("unsupported encoding %q: loggen writes UTF-8", o.Encoding)
	}
	path, err := filepath.Abs(o.Filename)
	if err != nil {
		return nil, err
	}
	h := &FileHandler{path: path, mode: o.Mode}
	if !o.Delay {
		if h.f, err = h.open(h.mode); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Path returns the absolute name of the file.
func (h *FileHandler) Path() string { return h.path }

func (h *FileHandler) open(mode string) (*os.File, error) { return openLogFile(h.path, mode) }

// Handle implements Handler.
func (h *FileHandler) Handle(r *Record) bool {
	b, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	h.Mu.Lock()
	defer h.Mu.Unlock()
	if h.f == nil {
		if h.closed && h.mode == "w" {
			return true
		}
		f, err := h.open(h.mode)
		if err != nil {
			HandleError(h.Name, r, err)
			return true
		}
		h.f = f
	}
	if _, err := h.f.Write(b); err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

// Flush does nothing: records are written as they come.
func (h *FileHandler) Flush() error { return nil }

// Close closes the file.
func (h *FileHandler) Close() error {
	h.Mu.Lock()
	defer h.Mu.Unlock()
	h.closed = true
	if h.f == nil {
		return nil
	}
	err := h.f.Close()
	h.f = nil
	return err
}
