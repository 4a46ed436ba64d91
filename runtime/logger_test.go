package runtime

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// nameLevelMessage is what loggen generates for "%(name)s %(levelname)s %(message)s".
var nameLevelMessage = &CompiledFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
	b = append(b, r.Name...)
	b = append(b, ' ')
	b = r.Level.AppendName(b)
	b = append(b, ' ')
	return r.AppendMessage(b)
}}

// configureTo applies a config whose root (at rootLevel) writes to a buffer.
func configureTo(t *testing.T, rootLevel Level, loggers ...LoggerConfig) *syncBuffer {
	t.Helper()
	buf := &syncBuffer{}
	err := Configure(&Config{
		DisableExistingLoggers: false,
		Handlers: []HandlerConfig{{ID: "buf", Formatter: nameLevelMessage, New: func() (Handler, error) {
			return NewStreamHandler(buf), nil
		}}},
		Loggers: loggers,
		Root:    &LoggerConfig{Level: rootLevel, LevelSet: true, Handlers: []string{"buf"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}})
	})
	return buf
}

func TestEffectiveLevelAndPlaceholders(t *testing.T) {
	buf := configureTo(t, CRITICAL,
		LoggerConfig{Name: "t1", Level: INFO, LevelSet: true},
		LoggerConfig{Name: "t1.b.c", Level: DEBUG, LevelSet: true},
	)
	Get("t1.b.c").Debug("own level")
	Get("t1.b").Debug("placeholder inherits INFO: dropped")
	Get("t1.b").Info("inherits INFO")
	Get("t1.b.c.d").Debug("inherits DEBUG")
	Get("t1.x.y").Warning("via t1")
	Get("t2").Error("root CRITICAL: dropped")
	want := "t1.b.c DEBUG own level\nt1.b INFO inherits INFO\nt1.b.c.d DEBUG inherits DEBUG\nt1.x.y WARNING via t1\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// t1.b became a real logger after t1.b.c existed: t1.b.c's parent must
	// now be t1.b, so a level on t1.b applies to t1.b.c.d only through c.
	Get("t1.b").SetLevel(ERROR)
	if got := Get("t1.b.c.d").EffectiveLevel(); got != DEBUG {
		t.Errorf("t1.b.c.d effective level = %v, want DEBUG", got)
	}
	Get("t1.b.c").SetLevel(NOTSET)
	if got := Get("t1.b.c.d").EffectiveLevel(); got != ERROR {
		t.Errorf("after reparenting, t1.b.c.d effective level = %v, want ERROR", got)
	}
}

func TestPropagationIgnoresAncestorLevels(t *testing.T) {
	buf := configureTo(t, CRITICAL, LoggerConfig{Name: "p1", Level: DEBUG, LevelSet: true})
	Get("p1.x").Debug("reaches root's handler")
	if got, want := buf.String(), "p1.x DEBUG reaches root's handler\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLevelZeroNeverLogged(t *testing.T) {
	buf := configureTo(t, NOTSET)
	Root().Log(0, "zero")
	Root().Log(1, "one")
	if got, want := buf.String(), "root Level 1 one\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNameFilter(t *testing.T) {
	for _, tc := range []struct {
		filter, name string
		want         bool
	}{
		{"", "anything", true},
		{"app.db", "app.db", true},
		{"app.db", "app.db.pool", true},
		{"app.db", "app.dbx", false},
		{"app.db", "app", false},
	} {
		if got := NameFilter(tc.filter).Filter(&Record{Name: tc.name}); got != tc.want {
			t.Errorf("NameFilter(%q).Filter(%q) = %v, want %v", tc.filter, tc.name, got, tc.want)
		}
	}
}

var runs int

func TestDisableExistingLoggers(t *testing.T) {
	// Logger names are fresh in each run, so the test repeats under -count.
	runs++
	p := fmt.Sprintf("dx%d.", runs)
	buf := configureTo(t, INFO)
	Get(p + "old").Info("before")
	Get(p + "keep.child").Info("before")
	err := Configure(&Config{
		DisableExistingLoggers: true,
		Handlers: []HandlerConfig{{ID: "buf", Formatter: nameLevelMessage, New: func() (Handler, error) {
			return NewStreamHandler(buf), nil
		}}},
		Loggers: []LoggerConfig{{Name: p + "keep", Level: INFO, LevelSet: true}},
		Root:    &LoggerConfig{Level: INFO, LevelSet: true, Handlers: []string{"buf"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	Get(p + "old").Error("disabled")
	Get(p + "keep.child").Info("child of a configured logger stays enabled")
	Get(p + "fresh").Info("new logger")
	want := p + "old INFO before\n" + p + "keep.child INFO before\n" + p + "keep.child INFO child of a configured logger stays enabled\n" + p + "fresh INFO new logger\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !Get(p + "old").Disabled() {
		t.Error(p + "old is not disabled")
	}
}

func TestHandlerErrorGoesToStderrAndLoggingGoesOn(t *testing.T) {
	var report syncBuffer
	errorOutput.Lock()
	errorOutput.w = &report
	errorOutput.Unlock()
	defer func() {
		errorOutput.Lock()
		errorOutput.w = nil
		errorOutput.Unlock()
	}()
	buf := configureTo(t, INFO)
	Root().Infof("%d apples", "three")
	Root().Info("still logging")
	if got, want := buf.String(), "root INFO still logging\n"; got != want {
		t.Errorf("output = %q, want %q", got, want)
	}
	want := "--- Logging error ---\nhandler \"buf\": %d format: a real number is required, not str\nMessage: '%d apples'\nArguments: ('three',)\n"
	if got := report.String(); got != want {
		t.Errorf("report =\n%s\nwant\n%s", got, want)
	}
}

func TestFileHandlerModesAndDelay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.log")
	os.WriteFile(path, []byte("old\n"), 0o644)
	h, err := NewFileHandler(FileOptions{Filename: path, Mode: "w", Delay: true})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Fatalf("delay: file touched before the first record: %q", b)
	}
	h.Handle(NewRecord("x", INFO, "one"))
	h.Close()
	h.Handle(NewRecord("x", INFO, "after close: dropped in mode w"))
	if b, _ := os.ReadFile(path); string(b) != "one\n" {
		t.Errorf("mode w: file = %q, want %q", b, "one\n")
	}
	a, err := NewFileHandler(FileOptions{Filename: path})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	a.Handle(NewRecord("x", INFO, "after close: reopened in mode a"))
	a.Close()
	if b, _ := os.ReadFile(path); string(b) != "one\nafter close: reopened in mode a\n" {
		t.Errorf("mode a: file = %q", b)
	}
	if _, err := NewFileHandler(FileOptions{Filename: filepath.Join(dir, "no/such/dir/x.log")}); err == nil {
		t.Error("opening a file in a missing directory did not fail")
	}
}

func TestConfigureFailsOnUnopenableFile(t *testing.T) {
	err := Configure(&Config{Handlers: []HandlerConfig{{ID: "f", New: func() (Handler, error) {
		h, err := NewFileHandler(FileOptions{Filename: "/nonexistent-dir/x.log"})
		return h, err
	}}}})
	if err == nil || !strings.Contains(err.Error(), `unable to configure handler "f"`) {
		t.Errorf("err = %v", err)
	}
	Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}})
}

func TestIncrementalJSON(t *testing.T) {
	buf := configureTo(t, WARNING, LoggerConfig{Name: "inc", Level: WARNING, LevelSet: true, Handlers: []string{"buf"}, Propagate: false, PropagateSet: true})
	Get("inc").Info("dropped")
	if err := ConfigureJSON([]byte(`{"version": 1, "incremental": true, "loggers": {"inc": {"level": "INFO"}}}`)); err != nil {
		t.Fatal(err)
	}
	Get("inc").Info("shown")
	if err := ConfigureJSON([]byte(`{"version": 1, "incremental": true, "handlers": {"buf": {"level": "ERROR"}}}`)); err != nil {
		t.Fatal(err)
	}
	Get("inc").Warning("dropped by the handler")
	if got, want := buf.String(), "inc INFO shown\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, bad := range []string{
		`{"version": 1, "incremental": true, "handlers": {"nope": {"level": "INFO"}}}`,
		`{"version": 1, "incremental": true, "loggers": {"x": {"level": "info"}}}`,
		`{"version": 1, "loggers": {}}`,
		`{"version": 2, "incremental": true}`,
		`not json`,
	} {
		if err := ConfigureJSON([]byte(bad)); err == nil {
			t.Errorf("ConfigureJSON(%s) succeeded", bad)
		}
	}
}

func TestExceptionAppendsErrorText(t *testing.T) {
	buf := configureTo(t, INFO)
	Root().Exception(errors.New("boom"), "failed")
	if got, want := buf.String(), "root ERROR failed\nboom\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A record logged while another goroutine reconfigures goes wholly to the
// old handlers or wholly to the new ones, and no old handler is written to
// after it was closed.
func TestReconfigureWhileLogging(t *testing.T) {
	var mu sync.Mutex
	closed := map[string]bool{}
	var bad []string
	count := map[string]int{}
	newConfig := func(gen int) *Config {
		h := func(id string) HandlerConfig {
			name := fmt.Sprintf("%s%d", id, gen)
			return HandlerConfig{ID: id, New: func() (Handler, error) {
				return &recordingHandler{name: name, closed: closed, bad: &bad, count: count, mu: &mu}, nil
			}}
		}
		return &Config{
			Handlers: []HandlerConfig{h("a"), h("b")},
			Loggers:  []LoggerConfig{{Name: "race", Level: INFO, LevelSet: true, Handlers: []string{"a", "b"}}},
		}
	}
	if err := Configure(newConfig(0)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					Get("race").Info("x")
				}
			}
		}()
	}
	for gen := 1; gen <= 20; gen++ {
		if err := Configure(newConfig(gen)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}})
	mu.Lock()
	defer mu.Unlock()
	if len(bad) > 0 {
		t.Errorf("records written to closed handlers: %v", bad[:min(len(bad), 5)])
	}
	for gen := 0; gen <= 20; gen++ {
		a, b := count[fmt.Sprintf("a%d", gen)], count[fmt.Sprintf("b%d", gen)]
		if a != b {
			t.Errorf("generation %d: handler a got %d records, b got %d: some records went to a mix of wirings", gen, a, b)
		}
	}
}

type recordingHandler struct {
	HandlerBase
	name   string
	mu     *sync.Mutex
	closed map[string]bool
	bad    *[]string
	count  map[string]int
}

func (h *recordingHandler) Handle(r *Record) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed[h.name] {
		*h.bad = append(*h.bad, h.name)
	}
	h.count[h.name]++
	return true
}

func (h *recordingHandler) Flush() error { return nil }

func (h *recordingHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed[h.name] = true
	return nil
}
