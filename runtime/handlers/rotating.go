package handlers

import (
	"fmt"
	"io"
	"os"
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
}

// A RotatingFileHandler writes to a file and rolls it over by size exactly
// where Python's RotatingFileHandler does: before writing a record when the
// file's size plus the record's length in characters, plus one for the
// newline, would be at least MaxBytes. Rolling over renames app.log.N-1 to
// app.log.N … app.log to app.log.1. It is a FileHandler whose hook
// rolls the file over.
type RotatingFileHandler struct {
	*logging.FileHandler
	maxBytes int64
	backups  int
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
	h := &RotatingFileHandler{maxBytes: o.MaxBytes, backups: o.BackupCount}
	fh, err := logging.NewFileHandlerWithHook(logging.FileOptions{
		Filename: o.Filename, Mode: o.Mode, Encoding: o.Encoding, Delay: o.Delay,
	}, h)
	if err != nil {
		return nil, err
	}
	h.FileHandler = fh
	return h, nil
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
	for i := h.backups - 1; i > 0; i-- {
		src, dst := fmt.Sprintf("%s.%d", path, i), fmt.Sprintf("%s.%d", path, i+1)
		if exists(src) {
			if exists(dst) {
				os.Remove(dst)
			}
			if err := os.Rename(src, dst); err != nil {
				return err
			}
		}
	}
	dst := path + ".1"
	if exists(dst) {
		os.Remove(dst)
	}
	if exists(path) {
		return os.Rename(path, dst)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
