package runtime

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// errDiskFull stands for ENOSPC, portably.
var errDiskFull = errors.New("no space left on device")

// failMidRecord makes h's next writes of a line holding "FAIL" write the
// first k bytes and fail, as write(2) does on a full disk; then, if after is
// set, it runs after (another writer appending to the file).
func failMidRecord(h *FileHandler, k int, after func()) {
	h.writeFile = func(f *os.File, line []byte) (int, error) {
		if !strings.Contains(string(line), "FAIL") {
			return f.Write(line)
		}
		n, err := f.Write(line[:k])
		if err != nil {
			return n, err
		}
		if after != nil {
			after()
		}
		return n, errDiskFull
	}
}

// A write that fails part-way leaves no partial record: the file is
// truncated back to the record's start (the next record starts a line), in
// mode "a" and in mode "w" (no hole of zeros where the partial record was).
func TestFileHandlerShortWriteTruncates(t *testing.T) {
	for _, mode := range []string{"a", "w"} {
		t.Run(mode, func(t *testing.T) {
			var reports syncBuffer
			SetErrorOutput(&reports)
			defer SetErrorOutput(nil)
			path := filepath.Join(t.TempDir(), "app.log")
			h, err := NewFileHandler(FileOptions{Filename: path, Mode: mode})
			if err != nil {
				t.Fatal(err)
			}
			h.Name = "file"
			defer h.Close()
			failMidRecord(h, 7, nil)
			h.Handle(NewRecord("app", INFO, "one"))
			h.Handle(NewRecord("app", INFO, "FAIL: a record the disk has no room for"))
			h.Handle(NewRecord("app", INFO, "three"))
			got, _ := os.ReadFile(path)
			if string(got) != "one\nthree\n" {
				t.Errorf("file = %q, want %q", got, "one\nthree\n")
			}
			rep := reports.String()
			want := "no space left on device (after 7 of 40 bytes; the 7 bytes of a partial record were truncated off " + path + ")\nMessage: 'FAIL: a record the disk has no room for'"
			if !strings.Contains(rep, want) || strings.Count(rep, "--- Logging error ---") != 1 {
				t.Errorf("report:\n%s\nwant one, holding:\n%s", rep, want)
			}
		})
	}
}

// When another writer appended to the file after the partial record, the
// handler does not cut the other writer's bytes: it says the partial record
// stays.
func TestFileHandlerShortWriteOtherWriter(t *testing.T) {
	var reports syncBuffer
	SetErrorOutput(&reports)
	defer SetErrorOutput(nil)
	path := filepath.Join(t.TempDir(), "app.log")
	h, err := NewFileHandler(FileOptions{Filename: path})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	failMidRecord(h, 4, func() {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("other\n")
		f.Close()
	})
	h.Handle(NewRecord("app", INFO, "FAIL"))
	got, _ := os.ReadFile(path)
	if string(got) != "FAILother\n" {
		t.Errorf("file = %q, want the partial record and the other writer's line", got)
	}
	if want := "no space left on device (4 bytes of a record were written and stay in " + path + ": the file grew to 10 bytes after them)"; !strings.Contains(reports.String(), want) {
		t.Errorf("report:\n%s\nwant it to hold:\n%s", reports.String(), want)
	}
}

// A write that fails before writing anything (/dev/full) changes nothing.
func TestFileHandlerFailedWriteNothingWritten(t *testing.T) {
	var reports syncBuffer
	SetErrorOutput(&reports)
	defer SetErrorOutput(nil)
	path := filepath.Join(t.TempDir(), "app.log")
	h, err := NewFileHandler(FileOptions{Filename: path})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.Handle(NewRecord("app", INFO, "one"))
	failMidRecord(h, 0, nil)
	h.Handle(NewRecord("app", INFO, "FAIL"))
	got, _ := os.ReadFile(path)
	if string(got) != "one\n" {
		t.Errorf("file = %q, want %q", got, "one\n")
	}
	if want := "no space left on device\nMessage: 'FAIL'"; !strings.Contains(reports.String(), want) {
		t.Errorf("report:\n%s\nwant it to hold:\n%s", reports.String(), want)
	}
}

// A buffered handler whose buffer is written part-way keeps the whole
// records that were written and truncates the partial one.
func TestFileHandlerBufferedShortWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	h, err := NewFileHandler(FileOptions{Filename: path, Buffered: true})
	if err != nil {
		t.Fatal(err)
	}
	h.Name = "file"
	defer h.Close()
	// The buffer "one\ntwo\nFAIL three\n" is written up to "FAIL t".
	failMidRecord(h, len("one\ntwo\nFAIL t"), nil)
	h.Handle(NewRecord("app", INFO, "one"))
	h.Handle(NewRecord("app", INFO, "two"))
	h.Handle(NewRecord("app", INFO, "FAIL three"))
	ferr := h.Flush()
	got, _ := os.ReadFile(path)
	if string(got) != "one\ntwo\n" {
		t.Errorf("file = %q, want %q", got, "one\ntwo\n")
	}
	if want := "no space left on device (after 14 of 19 bytes; the 6 bytes of a partial record were truncated off " + path + ")"; ferr == nil || ferr.Error() != want {
		t.Errorf("Flush = %v, want %s", ferr, want)
	}
}
