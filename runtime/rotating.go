package runtime

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// RotatingOptions configures a RotatingFileHandler; the fields are the
// keyword arguments of Python's logging.handlers.RotatingFileHandler.
type RotatingOptions struct {
	Filename    string
	Mode        string // "a" (default) or "w"; MaxBytes > 0 forces "a", as in Python
	MaxBytes    int64  // roll over before the file would reach this size; 0 never rolls
	BackupCount int    // keep app.log.1 … app.log.N; 0 keeps none (the file is reopened and grows)
	Encoding    string // "" or "utf-8"
	Delay       bool
}

// A RotatingFileHandler writes to a file and rolls it over by size exactly
// where Python's RotatingFileHandler does: before writing a record when the
// file's size plus the record's length in characters, plus one for the
// newline, would be at least MaxBytes. Rolling over renames app.log.N-1 to
// app.log.N … app.log to app.log.1.
type RotatingFileHandler struct {
	HandlerBase
	path     string
	mode     string
	maxBytes int64
	backups  int
	delay    bool
	f        *os.File
}

// NewRotatingFileHandler returns a RotatingFileHandler, opening the file
// now unless o.Delay is set.
func NewRotatingFileHandler(o RotatingOptions) (*RotatingFileHandler, error) {
	if o.Mode == "" || o.MaxBytes > 0 {
		o.Mode = "a"
	}
	if o.Mode != "a" && o.Mode != "w" {
		return nil, fmt.Errorf("unsupported file mode %q", o.Mode)
	}
	if !utf8Encoding(o.Encoding) {
		return nil, fmt.Errorf("unsupported encoding %q: loggen writes UTF-8", o.Encoding)
	}
	path, err := filepath.Abs(o.Filename)
	if err != nil {
		return nil, err
	}
	h := &RotatingFileHandler{path: path, mode: o.Mode, maxBytes: o.MaxBytes, backups: o.BackupCount, delay: o.Delay}
	if !o.Delay {
		if h.f, err = openLogFile(path, h.mode); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Handle implements Handler.
func (h *RotatingFileHandler) Handle(r *Record) bool {
	b, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	h.Mu.Lock()
	defer h.Mu.Unlock()
	if err := h.emit(b); err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

func (h *RotatingFileHandler) emit(b []byte) error {
	// Python's shouldRollover: never for something that is not a regular
	// file; the stream is opened (again, after a close) first.
	if fi, err := os.Stat(h.path); err == nil && !fi.Mode().IsRegular() {
		return h.write(b)
	}
	if h.f == nil {
		f, err := openLogFile(h.path, h.mode)
		if err != nil {
			return err
		}
		h.f = f
	}
	if h.maxBytes > 0 {
		size, err := h.f.Seek(0, io.SeekEnd)
		if err != nil {
			return err
		}
		// Python compares the byte position with the length in characters.
		if size+int64(utf8.RuneCount(b)) >= h.maxBytes {
			if err := h.rollover(); err != nil {
				return err
			}
		}
	}
	return h.write(b)
}

func (h *RotatingFileHandler) write(b []byte) error {
	if h.f == nil {
		f, err := openLogFile(h.path, h.mode)
		if err != nil {
			return err
		}
		h.f = f
	}
	_, err := h.f.Write(b)
	return err
}

// rollover is Python's doRollover.
func (h *RotatingFileHandler) rollover() error {
	if h.f != nil {
		h.f.Close()
		h.f = nil
	}
	if h.backups > 0 {
		for i := h.backups - 1; i > 0; i-- {
			src, dst := fmt.Sprintf("%s.%d", h.path, i), fmt.Sprintf("%s.%d", h.path, i+1)
			if exists(src) {
				if exists(dst) {
					os.Remove(dst)
				}
				if err := os.Rename(src, dst); err != nil {
					return err
				}
			}
		}
		dst := h.path + ".1"
		if exists(dst) {
			os.Remove(dst)
		}
		if exists(h.path) {
			if err := os.Rename(h.path, dst); err != nil {
				return err
			}
		}
	}
	if !h.delay {
		f, err := openLogFile(h.path, h.mode)
		if err != nil {
			return err
		}
		h.f = f
	}
	return nil
}

// Flush does nothing: records are written as they come.
func (h *RotatingFileHandler) Flush() error { return nil }

// Close closes the file; a later record reopens it, as in Python.
func (h *RotatingFileHandler) Close() error {
	h.Mu.Lock()
	defer h.Mu.Unlock()
	if h.f == nil {
		return nil
	}
	err := h.f.Close()
	h.f = nil
	return err
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func utf8Encoding(e string) bool {
	switch e {
	case "", "utf-8", "utf8", "UTF-8", "UTF8", "locale":
		return true
	}
	return false
}

// openLogFile opens a log file with a Python mode: "a" appends, "w"
// truncates, "x" fails if the file exists.
func openLogFile(path, mode string) (*os.File, error) {
	flag := os.O_WRONLY | os.O_CREATE
	switch mode {
	case "w":
		flag |= os.O_TRUNC
	case "x":
		flag |= os.O_EXCL
	default:
		flag |= os.O_APPEND
	}
	return os.OpenFile(path, flag, 0o666)
}
