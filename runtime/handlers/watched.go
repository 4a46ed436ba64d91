package handlers

import (
	"os"

	logging "github.com/loggen/loggen/runtime"
)

// A WatchedFileHandler is a FileHandler that notices when its file was
// moved or deleted under it, as logrotate and newsyslog do, and reopens the
// file by its name: Python's logging.handlers.WatchedFileHandler. Before
// each record it stats the path; if nothing is there, or something that is
// not the open file (another device or inode, compared with os.SameFile),
// it closes its file and opens the path again, creating the file. It takes
// FileOptions, the same keyword arguments as FileHandler.
type WatchedFileHandler struct {
	*logging.FileHandler
	// The identity of the open file (Python's dev and ino), taken from the
	// descriptor when it was opened; guarded by the handler's lock.
	opened *os.File
	fi     os.FileInfo
}

// NewWatchedFileHandler returns a WatchedFileHandler, opening the file now
// unless o.Delay is set.
func NewWatchedFileHandler(o logging.FileOptions) (*WatchedFileHandler, error) {
	h := &WatchedFileHandler{}
	fh, err := logging.NewFileHandlerWithHook(o, h)
	if err != nil {
		return nil, err
	}
	h.FileHandler = fh
	return h, nil
}

// BeforeWrite implements FileHook: Python's reopenIfNeeded. The
// path is stat'ed once per record, and the identity of the file is taken
// from its descriptor, so that a rotation between the two cannot be
// missed.
func (h *WatchedFileHandler) BeforeWrite(f logging.LogFile, r *logging.Record, line []byte) error {
	if !f.IsOpen() {
		return nil // a delayed or closed file: the write opens the path
	}
	file, err := f.Open()
	if err != nil {
		return err
	}
	if file != h.opened {
		// Opened by the FileHandler since the last record: remember what
		// it opened (Python's _statstream after _open).
		fi, err := file.Stat()
		if err != nil {
			return err
		}
		h.opened, h.fi = file, fi
	}
	if fi, err := os.Stat(f.Path()); err == nil && os.SameFile(fi, h.fi) {
		return nil
	}
	f.Close()
	h.opened, h.fi = nil, nil
	file, err = f.Open()
	if err != nil {
		return err
	}
	fi, err := file.Stat()
	if err != nil {
		return err
	}
	h.opened, h.fi = file, fi
	return nil
}
