package runtime

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/loggen/loggen/runtime/pyfmt"
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
// program dies. A write that fails part-way (a full disk, a file size
// limit) leaves no partial record: the file is truncated back to where the
// record started, and the failure is reported with HandleError. (Python
// leaves the bytes that fitted in the file and keeps the rest in its
// buffer, written before the next record once there is room.) After Close, a record reopens the file in append mode
// (unless the mode is "w", whose file would be truncated: such records are
// dropped), as in Python.
//
// A FileHandler with a FileHook is the base of the handlers of package
// handlers that write to a file (rotating by size or time, watching for
// logrotate): the hook runs before each write, as the emit methods of
// Python's subclasses run before FileHandler.emit.
type FileHandler struct {
	HandlerBase
	hook FileHook

	mu     sync.Mutex // serializes writes, as Python's handler lock does
	path   string
	mode   string
	f      *os.File // nil before a delayed open and after Close
	closed bool     // Close was called

	// writeFile writes a line to f: f.Write, or a failing writer in
	// tests.
	writeFile func(f *os.File, line []byte) (int, error)
}

// A FileHook is a step that a FileHandler runs before it writes each
// record, with the handler's lock held: Python's shouldRollover and
// doRollover, or WatchedFileHandler's reopenIfNeeded. It may close the file
// (it is opened again for the write) and rename it.
type FileHook interface {
	// BeforeWrite is called with the handler's file, the record and the
	// line about to be written. An error is reported with HandleError and
	// the line is not written.
	BeforeWrite(f LogFile, r *Record, line []byte) error
}

// A LogFile is the file of a FileHandler as its FileHook sees it: valid
// only during BeforeWrite, while the handler's lock is held.
type LogFile struct{ h *FileHandler }

// Path returns the absolute name of the file.
func (f LogFile) Path() string { return f.h.path }

// IsOpen reports whether the file is open.
func (f LogFile) IsOpen() bool { return f.h.f != nil }

// Open returns the open file, opening it first (with the handler's mode)
// if it is not open.
func (f LogFile) Open() (*os.File, error) {
	if f.h.f == nil {
		file, err := openLogFile(f.h.path, f.h.mode)
		if err != nil {
			return nil, err
		}
		f.h.f = file
	}
	return f.h.f, nil
}

// Close closes the file if it is open; the write that follows opens it
// again. Unlike FileHandler.Close, it does not mark the handler closed.
func (f LogFile) Close() error {
	if f.h.f == nil {
		return nil
	}
	err := f.h.f.Close()
	f.h.f = nil
	return err
}

// NewFileHandler returns a FileHandler, opening the file now unless
// o.Delay is set.
func NewFileHandler(o FileOptions) (*FileHandler, error) {
	return NewFileHandlerWithHook(o, nil)
}

// NewFileHandlerWithHook returns a FileHandler that runs hook before each
// write (nil: none), opening the file now unless o.Delay is set.
func NewFileHandlerWithHook(o FileOptions, hook FileHook) (*FileHandler, error) {
	if o.Mode == "" {
		o.Mode = "a"
	}
	switch o.Mode {
	case "a", "w", "x":
	default:
		return nil, fmt.Errorf("unsupported file mode %q", o.Mode)
	}
	if !pyfmt.UTF8Codec(o.Encoding) {
		return nil, fmt.Errorf("unsupported encoding %q: loggen writes UTF-8", o.Encoding)
	}
	path, err := filepath.Abs(o.Filename)
	if err != nil {
		return nil, err
	}
	h := &FileHandler{path: path, mode: o.Mode, hook: hook, writeFile: (*os.File).Write}
	if !o.Delay {
		if h.f, err = openLogFile(h.path, h.mode); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Path returns the absolute name of the file.
func (h *FileHandler) Path() string { return h.path }

// Handle implements Handler: it formats r outside the lock, runs the hook,
// opens the file if needed and writes the line.
func (h *FileHandler) Handle(r *Record) bool {
	line, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hook != nil {
		if err := h.hook.BeforeWrite(LogFile{h}, r, line); err != nil {
			HandleError(h.Name, r, err)
			return true
		}
	}
	if h.f == nil {
		if h.closed && h.mode == "w" {
			return true
		}
		f, err := openLogFile(h.path, h.mode)
		if err != nil {
			HandleError(h.Name, r, err)
			return true
		}
		h.f = f
	}
	if err := h.write(line); err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

// write writes line at the end of the open file. If the write fails
// part-way, it truncates the file back to where line started, so that the
// next record does not continue a partial one; it does not when something
// was written after the partial line (another process appending to the
// file), and says so.
func (h *FileHandler) write(line []byte) error {
	n, err := h.writeFile(h.f, line)
	if err == nil || n <= 0 {
		return err
	}
	// The file offset is the end of what was written (the end of the file
	// in append mode).
	end, serr := h.f.Seek(0, io.SeekCurrent)
	if serr != nil {
		return fmt.Errorf("%w (%d of the record's %d bytes were written and stay in %s: %v)", err, n, len(line), h.path, serr)
	}
	fi, serr := h.f.Stat()
	if serr != nil {
		return fmt.Errorf("%w (%d of the record's %d bytes were written and stay in %s: %v)", err, n, len(line), h.path, serr)
	}
	if fi.Size() != end {
		return fmt.Errorf("%w (%d of the record's %d bytes were written and stay in %s: it grew to %d bytes after them)", err, n, len(line), h.path, fi.Size())
	}
	if terr := h.f.Truncate(end - int64(n)); terr != nil {
		return fmt.Errorf("%w (%d of the record's %d bytes were written and stay in %s: %v)", err, n, len(line), h.path, terr)
	}
	if _, serr := h.f.Seek(end-int64(n), io.SeekStart); serr != nil {
		return fmt.Errorf("%w (%d of the record's %d bytes were written; truncated off %s, but %v)", err, n, len(line), h.path, serr)
	}
	return fmt.Errorf("%w (after %d of the record's %d bytes, which were truncated off %s)", err, n, len(line), h.path)
}

// Flush does nothing: records are written as they come.
func (h *FileHandler) Flush() error { return nil }

// Close closes the file.
func (h *FileHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	return LogFile{h}.Close()
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
