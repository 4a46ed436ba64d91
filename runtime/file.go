package runtime

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// FileOptions configures a FileHandler; the fields are the keyword arguments
// of Python's logging.FileHandler.
type FileOptions struct {
	Filename string // the file; relative names are made absolute when the handler is created
	Mode     string // "a" (default) appends, "w" truncates, "x" fails if the file exists
	Encoding string // "" or "utf-8": loggen writes UTF-8
	Delay    bool   // open the file at the first record instead of now

	// Buffered (a loggen extension) keeps records in memory and writes
	// them with one write call per FlushInterval, per 64 KiB, per record
	// at FlushLevel or above, and at Flush, Close and Shutdown, instead of
	// one write call per record. The cost is the crash window: records
	// below FlushLevel logged in the last FlushInterval are lost if the
	// program dies without Shutdown (a crash, os.Exit, a signal that is
	// not handled). It is not available with a FileHook.
	Buffered bool
	// FlushInterval is the longest a buffered record waits to be written;
	// 0 means one second.
	FlushInterval time.Duration
	// FlushLevel is the level from which a buffered handler writes each
	// record at once, with the records before it; 0 means ERROR.
	FlushLevel Level
}

// bufferSize is what a buffered FileHandler keeps before it writes.
const bufferSize = 64 << 10

// A FileHandler appends records to a file: Python's logging.FileHandler.
// Each record is written with one write call, so nothing is lost if the
// program dies, unless the handler is buffered (FileOptions.Buffered). After Close, a record reopens the file in append mode
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
	// open is f while it is open, for the writes that need no lock: those
	// of a handler without hook and without buffer (an *os.File
	// serializes its writes). Set and cleared under mu.
	open atomic.Pointer[os.File]

	// The buffer of a buffered handler (FileOptions.Buffered), under mu.
	buffered   bool
	interval   time.Duration
	flushLevel Level
	buf        []byte
	timer      *time.Timer // pending flush of buf, or nil
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
		f.h.setFile(file)
	}
	return f.h.f, nil
}

// Close closes the file if it is open; the write that follows opens it
// again. Unlike FileHandler.Close, it does not mark the handler closed.
func (f LogFile) Close() error {
	if f.h.f == nil {
		return nil
	}
	file := f.h.f
	f.h.setFile(nil)
	return file.Close()
}

// setFile sets the open file (nil: none). h.mu must be held, or h not yet
// shared.
func (h *FileHandler) setFile(f *os.File) {
	h.f = f
	if h.hook == nil && !h.buffered {
		h.open.Store(f)
	}
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
	if o.Buffered && hook != nil {
		return nil, errors.New("a FileHandler with a hook cannot be buffered")
	}
	if o.FlushInterval < 0 {
		return nil, fmt.Errorf("negative flush interval %v", o.FlushInterval)
	}
	path, err := filepath.Abs(o.Filename)
	if err != nil {
		return nil, err
	}
	h := &FileHandler{path: path, mode: o.Mode, hook: hook, buffered: o.Buffered, interval: o.FlushInterval, flushLevel: o.FlushLevel}
	if h.interval == 0 {
		h.interval = time.Second
	}
	if h.flushLevel == NOTSET {
		h.flushLevel = ERROR
	}
	if !o.Delay {
		f, err := openLogFile(h.path, h.mode)
		if err != nil {
			return nil, err
		}
		h.setFile(f)
	}
	return h, nil
}

// Path returns the absolute name of the file.
func (h *FileHandler) Path() string { return h.path }

// Handle implements Handler: it formats r outside the lock, runs the hook,
// opens the file if needed and writes the line. A handler without hook
// and buffer writes to its open file without its lock, as the file
// serializes writes; a write that finds the file closed by a concurrent
// Close takes the lock and goes the way a record after Close goes.
func (h *FileHandler) Handle(r *Record) bool {
	line, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	if f := h.open.Load(); f != nil {
		_, err := f.Write(line)
		if err == nil {
			return true
		}
		if !errors.Is(err, os.ErrClosed) {
			HandleError(h.Name, r, err)
			return true
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hook != nil {
		if err := h.hook.BeforeWrite(LogFile{h}, r, line); err != nil {
			HandleError(h.Name, r, err)
			return true
		}
	}
	if h.buffered {
		h.buf = append(h.buf, line...)
		if r.Level >= h.flushLevel || len(h.buf) >= bufferSize {
			if err := h.writeBuffer(); err != nil {
				HandleError(h.Name, r, err)
			}
		} else if h.timer == nil {
			h.timer = time.AfterFunc(h.interval, h.timedFlush)
		}
		return true
	}
	if err := h.write(line); err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

// write writes b to the file, opening it if needed. h.mu must be held.
func (h *FileHandler) write(b []byte) error {
	if h.f == nil {
		if h.closed && h.mode == "w" {
			return nil
		}
		f, err := openLogFile(h.path, h.mode)
		if err != nil {
			return err
		}
		h.setFile(f)
	}
	_, err := h.f.Write(b)
	return err
}

// writeBuffer writes the buffered records and empties the buffer. h.mu
// must be held.
func (h *FileHandler) writeBuffer() error {
	if h.timer != nil {
		h.timer.Stop()
		h.timer = nil
	}
	if len(h.buf) == 0 {
		return nil
	}
	err := h.write(h.buf)
	if cap(h.buf) > 4*bufferSize {
		h.buf = nil
	} else {
		h.buf = h.buf[:0]
	}
	return err
}

// timedFlush writes what a buffered handler holds when its interval is up.
func (h *FileHandler) timedFlush() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.timer = nil
	if err := h.writeBuffer(); err != nil {
		ReportError(h.Name, err)
	}
}

// NeedsTime reports whether the handler's formatter, filters or hook may
// read the record's time.
func (h *FileHandler) NeedsTime() bool { return h.hook != nil || h.readsTime() }

// Flush writes what a buffered handler holds; records are otherwise
// written as they come.
func (h *FileHandler) Flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.writeBuffer()
}

// Close writes what a buffered handler holds and closes the file.
func (h *FileHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	err := h.writeBuffer()
	h.closed = true
	return errors.Join(err, LogFile{h}.Close())
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
