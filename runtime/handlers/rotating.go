package handlers

import (
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	logging "github.com/loggen/loggen/runtime"
)

// RotatingFileOptions configures a RotatingFileHandler; the fields are the
// keyword arguments of Python's logging.handlers.RotatingFileHandler.
type RotatingFileOptions struct {
	Filename    string
	Mode        string // "a" (default) or "w"; MaxBytes > 0 forces "a", as in Python
	MaxBytes    int64  // roll over before the file would reach this size; 0 never rolls
	BackupCount int    // keep app.log.1 … app.log.N; 0 keeps none (the file is reopened and grows)
	Encoding    string // "" or "utf-8"
	Delay       bool

	// Compress (a loggen extension) is "" or CompressGzip: rotated files
	// are compressed in the background and named as CPython's cookbook
	// namer names them, app.log.1.gz … app.log.N.gz, shifted as CPython
	// shifts app.log.1 … app.log.N. Until its archive is written, a
	// rotated file is app.log.rotated-K. Close waits for the compression.
	Compress string
	// MaxAge (a loggen extension) deletes rotated files last written more
	// than MaxAge ago (by the runtime's clock), after every rollover and
	// at start-up; 0 keeps them.
	MaxAge time.Duration
	// MaxTotalSize (a loggen extension) deletes the oldest rotated files
	// while the rotated files take more than MaxTotalSize bytes together,
	// after every rollover and at start-up; 0 means no limit.
	MaxTotalSize int64

	hooks *archiveHooks // tests only
}

// A RotatingFileHandler writes to a file and rolls it over by size exactly
// where Python's RotatingFileHandler does: before writing a record when the
// file's size plus the record's length in characters, plus one for the
// newline, would be at least MaxBytes. Rolling over renames app.log.N-1 to
// app.log.N … app.log to app.log.1. It is a FileHandler whose hook
// rolls the file over.
//
// With Compress, MaxAge or MaxTotalSize (loggen's extensions), a goroutine
// of the handler compresses the rotated files and applies the retention
// rules after each rollover and once at start-up; a record never waits for
// it, and Close waits for it to finish.
type RotatingFileHandler struct {
	*logging.FileHandler
	maxBytes int64
	backups  int
	st       *logState
	arch     *archiver // nil without loggen's extensions
}

// NewRotatingFileHandler returns a RotatingFileHandler, opening the file
// now unless o.Delay is set.
func NewRotatingFileHandler(o RotatingFileOptions) (*RotatingFileHandler, error) {
	if o.Mode == "" || o.MaxBytes > 0 {
		o.Mode = "a"
	}
	if o.Mode != "a" && o.Mode != "w" {
		return nil, fmt.Errorf("unsupported file mode %q", o.Mode)
	}
	if err := validateArchiveOptions(o.Compress, o.MaxAge, o.MaxTotalSize); err != nil {
		return nil, err
	}
	h := &RotatingFileHandler{maxBytes: o.MaxBytes, backups: o.BackupCount}
	fh, err := logging.NewFileHandlerWithHook(logging.FileOptions{
		Filename: o.Filename, Mode: o.Mode, Encoding: o.Encoding, Delay: o.Delay,
	}, h)
	if err != nil {
		return nil, err
	}
	h.FileHandler = fh
	h.st = stateOf(fh.Path())
	h.arch = newArchiver(h.st, o.Compress, o.MaxAge, o.MaxTotalSize, o.hooks)
	if a := h.arch; a != nil {
		a.archives = h.rotatedFiles
		if a.compress {
			a.catchUp = h.catchUp
		}
		// Start-up: finish what a previous run left, apply retention.
		a.request("")
	}
	return h, nil
}

// Close closes the file and waits for the compression and retention work
// under way.
func (h *RotatingFileHandler) Close() error {
	err := h.FileHandler.Close()
	if h.arch != nil {
		h.arch.wait()
	}
	return err
}

// BeforeWrite implements FileHook: Python's shouldRollover and
// doRollover.
func (h *RotatingFileHandler) BeforeWrite(f logging.LogFile, r *logging.Record, line []byte) error {
	// Python's shouldRollover: never for something that is not a regular
	// file; the stream is opened (again, after a close) first.
	if fi, err := os.Stat(f.Path()); err == nil && !fi.Mode().IsRegular() {
		return nil
	}
	file, err := f.Open()
	if err != nil {
		return err
	}
	if h.maxBytes <= 0 {
		return nil
	}
	size, err := file.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	// Python compares the byte position with the length in characters.
	if size+int64(utf8.RuneCount(line)) < h.maxBytes {
		return nil
	}
	return h.rollover(f)
}

// rollover is Python's doRollover; the write that follows opens the new
// file.
func (h *RotatingFileHandler) rollover(f logging.LogFile) error {
	f.Close()
	if h.backups <= 0 {
		return nil
	}
	path := f.Path()
	if h.arch != nil && h.arch.compress {
		// Stage the file; the archiver shifts and compresses.
		if err := h.stage(path); err != nil {
			return err
		}
		h.arch.request(h.Name)
		return nil
	}
	if err := h.shift(""); err != nil {
		return err
	}
	if exists(path) {
		if err := os.Rename(path, path+".1"); err != nil {
			return err
		}
	}
	if h.arch != nil {
		h.arch.request(h.Name)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// stage renames the log file to the next staging name.
func (h *RotatingFileHandler) stage(path string) error {
	if !exists(path) {
		return nil
	}
	h.st.dir.Lock()
	defer h.st.dir.Unlock()
	if h.st.seq == 0 {
		seqs, err := rotatingStaged(path)
		if err != nil {
			return err
		}
		if len(seqs) > 0 {
			h.st.seq = seqs[len(seqs)-1]
		}
	}
	h.st.seq++
	return os.Rename(path, h.stagedName(h.st.seq))
}
