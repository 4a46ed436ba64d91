package runtime

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

// A buffered FileHandler writes at FlushLevel, at Flush and at Close, and
// not before.
func TestBufferedFileHandler(t *testing.T) {
	path := filepath.Join(t.TempDir(), "buffered.log")
	h, err := NewFileHandler(FileOptions{Filename: path, Buffered: true, FlushInterval: time.Hour, FlushLevel: WARNING})
	if err != nil {
		t.Fatal(err)
	}
	h.SetFormatter(nameLevelMessage)
	h.Handle(NewRecord("buf", INFO, "one"))
	h.Handle(NewRecord("buf", DEBUG, "two"))
	if got := readFile(t, path); got != "" {
		t.Fatalf("buffered records written before a flush: %q", got)
	}
	h.Handle(NewRecord("buf", WARNING, "three"))
	want := "buf INFO one\nbuf DEBUG two\nbuf WARNING three\n"
	if got := readFile(t, path); got != want {
		t.Fatalf("after a record at the flush level, file holds %q, want %q", got, want)
	}
	h.Handle(NewRecord("buf", INFO, "four"))
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
	want += "buf INFO four\n"
	if got := readFile(t, path); got != want {
		t.Fatalf("after Flush, file holds %q, want %q", got, want)
	}
	h.Handle(NewRecord("buf", INFO, "five"))
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	want += "buf INFO five\n"
	if got := readFile(t, path); got != want {
		t.Fatalf("after Close, file holds %q, want %q", got, want)
	}
}

// A buffered FileHandler writes what it holds when its interval is up.
func TestBufferedFileHandlerInterval(t *testing.T) {
	path := filepath.Join(t.TempDir(), "interval.log")
	h, err := NewFileHandler(FileOptions{Filename: path, Buffered: true, FlushInterval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.SetFormatter(nameLevelMessage)
	h.Handle(NewRecord("buf", INFO, "soon"))
	deadline := time.Now().Add(10 * time.Second)
	for readFile(t, path) != "buf INFO soon\n" {
		if time.Now().After(deadline) {
			t.Fatalf("the record was not written within 10 s of a 5 ms interval; file holds %q", readFile(t, path))
		}
		time.Sleep(time.Millisecond)
	}
}

// Records logged while a FileHandler is closed from another goroutine are
// written whole, to the file or to the file reopened after Close, and never
// lost or split.
func TestFileHandlerWritesRaceClose(t *testing.T) {
	for _, buffered := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "race.log")
		h, err := NewFileHandler(FileOptions{Filename: path, Buffered: buffered})
		if err != nil {
			t.Fatal(err)
		}
		h.SetFormatter(nameLevelMessage)
		var wg sync.WaitGroup
		const writers, each = 4, 200
		for range writers {
			wg.Go(func() {
				for range each {
					h.Handle(NewRecord("race", INFO, "line"))
				}
			})
		}
		for range 20 {
			h.Close()
		}
		wg.Wait()
		h.Close()
		got := readFile(t, path)
		if n := strings.Count(got, "race INFO line\n"); n != writers*each || len(got) != n*len("race INFO line\n") {
			t.Errorf("buffered=%v: %d whole lines of %d, file of %d bytes", buffered, n, writers*each, len(got))
		}
	}
}

func TestBufferedFileHandlerRefusesHook(t *testing.T) {
	_, err := NewFileHandlerWithHook(FileOptions{Filename: filepath.Join(t.TempDir(), "x.log"), Buffered: true}, hookFunc(nil))
	if err == nil {
		t.Error("a buffered FileHandler with a hook was made")
	}
}

type hookFunc func(f LogFile, r *Record, line []byte) error

func (h hookFunc) BeforeWrite(f LogFile, r *Record, line []byte) error { return h(f, r, line) }
