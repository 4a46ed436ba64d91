package handlers

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	logging "github.com/loggen/loggen/runtime"
)

func readFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestRotatingDelayAndBackups(t *testing.T) {
	dir := t.TempDir()
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "r.log"), MaxBytes: 8, BackupCount: 2, Delay: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := readFiles(t, dir); len(got) != 0 {
		t.Fatalf("delay: files before the first record: %v", got)
	}
	for _, m := range []string{"one", "two", "three", "four", "five"} {
		h.Handle(logging.NewRecord("x", logging.INFO, m))
	}
	h.Close()
	want := map[string]string{"r.log": "five\n", "r.log.1": "four\n", "r.log.2": "three\n"}
	if got := readFiles(t, dir); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("files = %v, want %v", got, want)
	}
}

func TestRotatingModeWForcedToAppend(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.log")
	os.WriteFile(path, []byte("kept\n"), 0o644)
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: path, Mode: "w", MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	h.Handle(logging.NewRecord("x", logging.INFO, "added"))
	h.Close()
	if b, _ := os.ReadFile(path); string(b) != "kept\nadded\n" {
		t.Errorf("file = %q: maxBytes > 0 must force mode a", b)
	}
}

func TestRotatingConcurrent(t *testing.T) {
	dir := t.TempDir()
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "c.log"), MaxBytes: 200, BackupCount: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				h.Handle(logging.NewRecord("x", logging.INFO, fmt.Sprintf("g%d record %03d", g, i)))
			}
		}()
	}
	wg.Wait()
	h.Close()
	var lines []string
	for name, content := range readFiles(t, dir) {
		if len(content) >= 200 {
			t.Errorf("%s has %d bytes, maxBytes is 200", name, len(content))
		}
		lines = append(lines, strings.Split(strings.TrimSuffix(content, "\n"), "\n")...)
	}
	sort.Strings(lines)
	if len(lines) != 400 {
		t.Errorf("%d records in all files, want 400 (none lost)", len(lines))
	}
}

// recorder keeps the messages it handles.
type recorder struct {
	logging.HandlerBase
	mu   sync.Mutex
	msgs []string
}

func (r *recorder) Handle(rec *logging.Record) bool {
	if !r.Filter(rec) {
		return false
	}
	m, _ := rec.Message()
	r.mu.Lock()
	r.msgs = append(r.msgs, m)
	r.mu.Unlock()
	return true
}
func (r *recorder) Flush() error { return nil }
func (r *recorder) Close() error { return nil }

func TestMemoryHandler(t *testing.T) {
	target := &recorder{}
	target.SetLevel(logging.CRITICAL) // a target's level does not apply to flushed records
	m := NewMemoryHandler(MemoryOptions{Capacity: 3, FlushLevel: logging.ERROR, Target: target, FlushOnClose: true})
	m.Handle(logging.NewRecord("x", logging.DEBUG, "1"))
	m.Handle(logging.NewRecord("x", logging.DEBUG, "2 %s", "args kept"))
	if len(target.msgs) != 0 {
		t.Fatalf("flushed early: %v", target.msgs)
	}
	m.Handle(logging.NewRecord("x", logging.DEBUG, "3 fills"))
	m.Handle(logging.NewRecord("x", logging.ERROR, "4 flush level"))
	m.Handle(logging.NewRecord("x", logging.DEBUG, "5 at close"))
	m.Close()
	want := "[1 2 args kept 3 fills 4 flush level 5 at close]"
	if got := fmt.Sprint(target.msgs); got != want {
		t.Errorf("target got %s, want %s", got, want)
	}

	kept := &recorder{}
	noFlush := NewMemoryHandler(MemoryOptions{Capacity: 10, FlushLevel: logging.CRITICAL, Target: kept})
	noFlush.Handle(logging.NewRecord("x", logging.INFO, "dropped at close"))
	// Shutdown skips the final flush of a handler with FlushOnClose false.
	logging.Get("handlers_test.noflush").AddHandler(noFlush)
	logging.Shutdown()
	if len(kept.msgs) != 0 {
		t.Errorf("flushOnClose false: target got %v", kept.msgs)
	}

	orphan := NewMemoryHandler(MemoryOptions{Capacity: 1, FlushLevel: logging.ERROR})
	orphan.Handle(logging.NewRecord("x", logging.ERROR, "no target: kept"))
	if len(orphan.buffer) != 1 {
		t.Errorf("without a target the buffer must be kept, has %d", len(orphan.buffer))
	}
}

func TestConfigureDefersHandlersThatNeedOthers(t *testing.T) {
	target := &recorder{}
	err := logging.Configure(&logging.Config{
		Handlers: []logging.HandlerConfig{
			{ID: "a-mem", Needs: []string{"z-target"}, NewFrom: func(needs []logging.Handler) (logging.Handler, error) {
				return NewMemoryHandler(MemoryOptions{Capacity: 1, Target: needs[0]}), nil
			}},
			{ID: "z-target", New: func() (logging.Handler, error) { return target, nil }},
		},
		Loggers: []logging.LoggerConfig{{Name: "defer", Level: logging.INFO, LevelSet: true, Handlers: []string{"a-mem"}, PropagateSet: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	logging.Get("defer").Info("through the buffer")
	logging.Shutdown()
	if fmt.Sprint(target.msgs) != "[through the buffer]" {
		t.Errorf("target got %v", target.msgs)
	}
	// A handler whose need cannot be met is an error, not a hang.
	err = logging.Configure(&logging.Config{Handlers: []logging.HandlerConfig{
		{ID: "a", Needs: []string{"b"}, NewFrom: func([]logging.Handler) (logging.Handler, error) { return logging.NewNullHandler(), nil }},
		{ID: "b", Needs: []string{"a"}, NewFrom: func([]logging.Handler) (logging.Handler, error) { return logging.NewNullHandler(), nil }},
	}})
	if err == nil {
		t.Error("a cycle of needs was accepted")
	}
	logging.Configure(&logging.Config{Root: &logging.LoggerConfig{Level: logging.WARNING, LevelSet: true}})
}
