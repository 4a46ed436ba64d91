package reload

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/dictconfig"
)

// generated configures the runtime from the file at path as generated
// code would (Configure(Config())), building the entries of factories
// from factories, and returns that configuration, which a program passes
// as Options.Config.
func generated(t *testing.T, path string, factories map[string]logging.HandlerConfig) *logging.Config {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	g, err := dictconfig.BuildEnv(c.dict, &dictconfig.Kept{Handlers: factories})
	if err != nil {
		t.Fatal(err)
	}
	if err := logging.Configure(g); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logging.Configure(&logging.Config{}) })
	return g
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return string(b)
}

// watch starts a watcher on path, closed when the test ends.
func watch(t *testing.T, path string, o Options) *Watcher {
	t.Helper()
	w, err := Watch(path, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// loadVersion is the configuration of version k of the reload-under-load
// test: every third version changes only levels (applied incrementally),
// the others change the format and move the records to the other file's
// handler (applied whole).
func loadVersion(dir string, k int) (text string, label int) {
	label = k // the version whose format is in force
	if k > 0 && k%3 == 0 {
		label = k - 1
	}
	h := label % 2
	rootLevel, handlerLevel := "INFO", "DEBUG"
	if k%2 == 1 {
		rootLevel, handlerLevel = "DEBUG", "INFO"
	}
	text = fmt.Sprintf(`version: 1
disable_existing_loggers: no
formatters:
  f:
    format: 'v%d %%(message)s'
handlers:
  h%d:
    class: logging.FileHandler
    filename: '%s'
    formatter: f
    level: %s
root:
  level: %s
  handlers: [h%d]
`, label, h, filepath.Join(dir, fmt.Sprintf("out%d.log", h)), handlerLevel, rootLevel, h)
	return text, label
}

// TestReloadUnderLoad switches the configuration file 30 times while 8
// goroutines log numbered records: each record must be written once, and
// a record logged after a switch returned must carry that version's
// format.
func TestReloadUnderLoad(t *testing.T) {
	const goroutines, switches = 8, 30
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	text, _ := loadVersion(dir, 0)
	write(t, path, text)
	w := watch(t, path, Options{Config: generated(t, path, nil)})

	var version atomic.Int64 // the last version applied
	labels := make([]int, switches+1)
	var stop atomic.Bool
	var sent [goroutines]int
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := logging.Get("load")
			for i := 0; !stop.Load() || i < 200; i++ {
				l.Infof("g%d n%d after%d", g, i, version.Load())
				sent[g]++
			}
		}()
	}
	var whole, incremental int
	for k := 1; k <= switches; k++ {
		time.Sleep(2 * time.Millisecond)
		var text string
		text, labels[k] = loadVersion(dir, k)
		write(t, path, text)
		if err := w.Reload(); err != nil {
			t.Fatalf("version %d: %v", k, err)
		}
		if labels[k] == labels[k-1] {
			incremental++
		} else {
			whole++
		}
		version.Store(int64(k))
	}
	time.Sleep(2 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	line := regexp.MustCompile(`^v(\d+) g(\d+) n(\d+) after(\d+)$`)
	seen := map[[2]int]int{}
	written, late := 0, 0
	for _, f := range []string{"out0.log", "out1.log"} {
		for _, l := range strings.Split(strings.TrimSuffix(readFile(t, filepath.Join(dir, f)), "\n"), "\n") {
			if l == "" {
				continue
			}
			m := line.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("%s: unexpected line %q", f, l)
			}
			var label, g, n, after int
			fmt.Sscan(m[1]+" "+m[2]+" "+m[3]+" "+m[4], &label, &g, &n, &after)
			seen[[2]int{g, n}]++
			written++
			if label < labels[after] {
				late++
				if late < 5 {
					t.Errorf("%q: formatted by version %d's format, after version %d (format v%d) was applied", l, label, after, labels[after])
				}
			}
		}
	}
	total, lost, dup := 0, 0, 0
	for g := range goroutines {
		total += sent[g]
		for n := range sent[g] {
			switch c := seen[[2]int{g, n}]; {
			case c == 0:
				lost++
			case c > 1:
				dup += c - 1
			}
		}
	}
	t.Logf("%d switches (%d whole, %d incremental), %d goroutines: %d records sent, %d written, %d lost, %d duplicated, %d formatted by an old version",
		switches, whole, incremental, goroutines, total, written, lost, dup, late)
	if lost != 0 || dup != 0 || written != total || late != 0 {
		t.Errorf("sent %d, written %d, lost %d, duplicated %d, late %d", total, written, lost, dup, late)
	}
}

// A bad version is reported with positions, and the running configuration
// stays until a good one comes.
func TestBadFileKeepsConfiguration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	out := filepath.Join(dir, "out.log")
	good := fmt.Sprintf(`version: 1
formatters:
  f: {format: 'old %%(message)s'}
handlers:
  file: {class: logging.FileHandler, filename: '%s', formatter: f}
loggers:
  bad.app: {level: INFO, handlers: [file], propagate: no}
`, out)
	write(t, path, good)
	var errs []error
	w := watch(t, path, Options{Config: generated(t, path, nil), OnError: func(err error) { errs = append(errs, err) }})
	logging.SetRaiseExceptions(false) // the failures go to OnError; keep stderr quiet
	defer logging.SetRaiseExceptions(true)
	bad := fmt.Sprintf(`version: 1
formatters:
  f: {format: 'new %%(message)s', style: '%%'}
  g: {format: '%%(message)d %%(nope'}
handlers:
  file: {class: logging.FileHandler, filename: '%s', formatter: fmt, level: LOUD}
loggers:
  bad.app: {level: INFO, handlers: [file, other], propagate: 2001-12-14}
`, out)
	write(t, path, bad)
	err := w.Reload()
	if err == nil {
		t.Fatal("a bad file was applied")
	}
	at := func(text string, line int, sub string) string {
		l := strings.Split(text, "\n")[line-1]
		return fmt.Sprintf("%s:%d:%d: ", path, line, strings.Index(l, sub)+1)
	}
	// A file that safe_load refuses is not built at all.
	if got, want := err.Error(), at(bad, 8, "2001")+"PyYAML reads 2001-12-14 as a date: quote it to make it a string"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	bad = strings.Replace(bad, "2001-12-14", "no", 1)
	write(t, path, bad)
	err = w.Reload()
	if err == nil {
		t.Fatal("a bad file was applied")
	}
	want := strings.Join([]string{
		at(bad, 4, "'%(message)d") + `formatter "g": format "%(message)d %(nope": offset 10: %d format: a real number is required, not str`,
		at(bad, 4, "'%(message)d") + `formatter "g": format "%(message)d %(nope": offset 12: incomplete format key`,
		at(bad, 6, "fmt,") + `handler "file": unknown formatter "fmt"`,
		at(bad, 6, "LOUD") + `handler "file": level: unknown level: "LOUD"`,
		at(bad, 8, "other") + `logger "bad.app": unknown handler other`,
	}, "\n")
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(errs) != 2 {
		t.Errorf("OnError called %d times, want 2", len(errs))
	}
	logging.Get("bad.app").Info("one")
	write(t, path, strings.Replace(good, "old", "new", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	logging.Get("bad.app").Info("two")
	if got, want := readFile(t, out), "old one\nnew two\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A counting handler stands for a handler made by a Go factory.
type counting struct {
	logging.HandlerBase
	mu    sync.Mutex
	lines *[]string
}

func (h *counting) Handle(r *logging.Record) bool {
	if !h.Filter(r) {
		return false
	}
	b, err := h.Format(nil, r)
	if err != nil {
		b = []byte(err.Error())
	}
	h.mu.Lock()
	*h.lines = append(*h.lines, string(b))
	h.mu.Unlock()
	return true
}

func (h *counting) Flush() error { return nil }
func (h *counting) Close() error { return nil }

// Entries made by generated code stay while they are unchanged (made again
// by the generated constructors, with the generated formatters) and are
// refused, with "regenerate with loggen", when they change.
func TestGeneratedOnlyEntries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	base := `version: 1
formatters:
  plain: {format: '%(levelname)s %(message)s %(user)s'}
handlers:
  custom:
    (): example.com/app/logx.NewHandler
    formatter: plain
    answer: 42
loggers:
  gen.app: {level: INFO, handlers: [custom], propagate: off}
loggen:
  classes:
    myapp.Filter: example.com/app/logx.NewFilter
`
	write(t, path, base)
	var lines []string
	made := 0
	factory := logging.HandlerConfig{ID: "custom", New: func() (logging.Handler, error) {
		made++
		return &counting{lines: &lines}, nil
	}}
	w := watch(t, path, Options{Config: generated(t, path, map[string]logging.HandlerConfig{"custom": factory})})
	logging.SetRaiseExceptions(false)
	defer logging.SetRaiseExceptions(true)
	l := logging.Get("gen.app")
	user := []logging.Field{logging.String("user", "bob")}
	info := func(msg string) { l.LogExtra(0, logging.INFO, nil, user, msg) }

	// A level: incremental, the handler stays.
	write(t, path, strings.Replace(base, "level: INFO", "level: WARNING", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	info("hidden")
	l.LogExtra(0, logging.WARNING, nil, user, "shown")
	if made != 1 {
		t.Errorf("the handler was made %d times, want 1 (a level change keeps it)", made)
	}
	// A format: whole, the factory handler made again by its generated
	// constructor, with the new formatter.
	write(t, path, strings.Replace(base, "'%(levelname)s %(message)s %(user)s'", "'%(user)s: %(message)s'", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	info("again")
	if made != 2 {
		t.Errorf("the handler was made %d times, want 2", made)
	}
	if got, want := strings.Join(lines, "|"), "WARNING shown bob|bob: again"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	for _, tc := range []struct{ from, to, want string }{
		{"answer: 42", "answer: 43", path + `:6:9: handler "custom" changed, and its class example.com/app/logx.NewHandler is made by generated code (a Go factory, or a class only loggen's generator makes), which cannot change at run time: regenerate with loggen`},
		{"%(user)s'", "%(user)s %(request)s'", path + `:3:19: formatter "plain": the field "request" is not in the generated Extra (typed extras are generated from the formats): regenerate with loggen to log it`},
		{"myapp.Filter: example.com/app/logx.NewFilter", "myapp.Filter: example.com/app/logx.Other", path + `:13:5: loggen: classes: the map of classes changed since the code was generated: regenerate with loggen`},
		{"handlers:\n", "handlers:\n  more: {class: logging.handlers.RotatingFileHandler, filename: x.log}\n", path + `:5:17: handler "more" is new, and its class logging.handlers.RotatingFileHandler is made by generated code (a Go factory, or a class only loggen's generator makes), which cannot change at run time: regenerate with loggen`},
	} {
		write(t, path, strings.Replace(base, tc.from, tc.to, 1))
		err := w.Reload()
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s → %s:\n got %v\nwant %s", tc.from, tc.to, err, tc.want)
		}
	}
	info("still")
	if got := lines[len(lines)-1]; got != "bob: still" {
		t.Errorf("after refused versions: got %q, want the last good configuration's %q", got, "bob: still")
	}
}

// Without the generated configuration, levels still change, and a whole
// change that needs a generated handler says what to do.
func TestWithoutGeneratedConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	base := `version: 1
handlers:
  custom: {(): example.com/app/logx.NewHandler}
loggers:
  nogen.app: {level: INFO, handlers: [custom]}
`
	write(t, path, base)
	var lines []string
	generated(t, path, map[string]logging.HandlerConfig{"custom": {ID: "custom", New: func() (logging.Handler, error) {
		return &counting{lines: &lines}, nil
	}}})
	w := watch(t, path, Options{})
	logging.SetRaiseExceptions(false)
	defer logging.SetRaiseExceptions(true)
	write(t, path, strings.Replace(base, "INFO", "DEBUG", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := logging.Get("nogen.app").Level(); got != logging.DEBUG {
		t.Errorf("level %v, want DEBUG", got)
	}
	write(t, path, base+"  nogen.other: {level: INFO}\n")
	err := w.Reload()
	if err == nil || !strings.Contains(err.Error(), path+`:3:11: handler "custom" is made by generated code, and the watcher was not given it: set reload.Options.Config`) {
		t.Errorf("got %v", err)
	}
}

// The poll sees a change, including a rewrite of the same size within the
// file system's time granularity.
func TestPoll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.json")
	text := `{"version": 1, "incremental": false, "loggers": {"poll.app": {"level": "INFO"}}}`
	write(t, path, text)
	generated(t, path, nil)
	applied := make(chan struct{}, 4)
	watch(t, path, Options{Interval: 5 * time.Millisecond, OnApply: func() { applied <- struct{}{} }})
	for _, lv := range []string{"ERROR", "DEBUG"} {
		text = strings.Replace(text, `"level": "`+logging.Get("poll.app").Level().String()+`"`, `"level": "`+lv+`"`, 1)
		write(t, path, text)
		select {
		case <-applied:
		case <-time.After(5 * time.Second):
			t.Fatalf("the change to %s was not applied", lv)
		}
		if got := logging.Get("poll.app").Level().String(); got != lv {
			t.Errorf("level %s, want %s", got, lv)
		}
	}
	// Same size, same modification time (set back): the hash tells.
	fi, _ := os.Stat(path)
	text = strings.Replace(text, `"DEBUG"`, `"ERROR"`, 1)
	write(t, path, text)
	os.Chtimes(path, fi.ModTime(), fi.ModTime())
	select {
	case <-applied:
	case <-time.After(5 * time.Second):
		t.Fatal("a rewrite of the same size and time was not applied")
	}
}

// An INI file reloads too, with positions in its mistakes and loggen's
// [loggen.X] overlays.
func TestINI(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.ini")
	out := filepath.Join(dir, "out.log")
	base := fmt.Sprintf(`[loggers]
keys=root,app

[handlers]
keys=file

[formatters]
keys=f

[formatter_f]
format=ini %%(message)s

[handler_file]
class=FileHandler
args=('%s', 'a')
formatter=f

[logger_root]
handlers=

[logger_app]
qualname=ini.app
level=INFO
handlers=file
propagate=0
`, out)
	write(t, path, base)
	w := watch(t, path, Options{Config: generated(t, path, nil)})
	logging.SetRaiseExceptions(false)
	defer logging.SetRaiseExceptions(true)
	write(t, path, base+"\n[loggen.logger_app]\nlevel=WARNING\n")
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := logging.Get("ini.app").Level(); got != logging.WARNING {
		t.Errorf("level %v, want WARNING (from [loggen.logger_app])", got)
	}
	write(t, path, strings.Replace(base, "args=('", "args=('x', 'a', None, False, 'strict', 9, '", 1))
	err := w.Reload()
	if err == nil || !strings.HasPrefix(err.Error(), path+":15:1: section [handler_file]: args: logging.FileHandler takes 5 arguments, got 8") {
		t.Errorf("got %v", err)
	}
	write(t, path, strings.Replace(base, "level=INFO", "level=LOUD", 1))
	err = w.Reload()
	if err == nil || !strings.HasPrefix(err.Error(), path+`:23:1: logger "ini.app": level: unknown level: "LOUD"`) {
		t.Errorf("got %v", err)
	}
	write(t, path, strings.Replace(base, "ini %", "new %", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	logging.Get("ini.app").Warning("w")
	if got, want := readFile(t, out), "new w\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A poll that finds a young file it cannot read looks again (it may be
// half written) and reports it only once it is older than racyWindow and
// still bad; a file that disappears is reported once, until it is back.
func TestPollHoldsYoungBadFile(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: waits for racyWindow")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	good := "version: 1\nloggers:\n  held.app: {level: INFO}\n"
	write(t, path, good)
	generated(t, path, nil)
	logging.SetRaiseExceptions(false)
	defer logging.SetRaiseExceptions(true)
	failed := make(chan error, 8)
	applied := make(chan struct{}, 8)
	watch(t, path, Options{Interval: 5 * time.Millisecond, OnError: func(err error) { failed <- err }, OnApply: func() { applied <- struct{}{} }})
	write(t, path, "version: 1\nloggers:\n  held.app: {level: [")
	select {
	case err := <-failed:
		t.Fatalf("a young unreadable file was reported at once: %v", err)
	case <-time.After(racyWindow / 2):
	}
	select {
	case err := <-failed:
		if !strings.Contains(err.Error(), path+":") {
			t.Errorf("got %v, want a positioned error", err)
		}
	case <-time.After(racyWindow + 5*time.Second):
		t.Fatal("an unreadable file was never reported")
	}
	os.Remove(path)
	select {
	case err := <-failed:
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("got %v, want the file's absence", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a removed file was not reported")
	}
	write(t, path, strings.Replace(good, "INFO", "ERROR", 1))
	select {
	case <-applied:
	case <-time.After(5 * time.Second):
		t.Fatal("the file, back, was not applied")
	}
	if n := len(failed); n != 0 {
		t.Errorf("%d more reports, want none: each failure is reported once", n)
	}
}

// Watch refuses a generated configuration that was not generated from
// the file.
func TestWatchChecksGeneratedConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	write(t, path, "version: 1\nhandlers:\n  a: {class: logging.NullHandler}\n")
	g := generated(t, path, nil)
	write(t, path, "version: 1\nhandlers:\n  b: {class: logging.NullHandler}\n")
	_, err := Watch(path, Options{Config: g})
	if want := path + `: handler "a" of the generated configuration is not in the file: watch the file the code was generated from, or regenerate with loggen`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// A file whose levels and file name come from the environment (loggen's
// env://, in its own section) reloads: levels-only changes and whole
// ones read the variables as generated code does.
func TestReloadEnvValues(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	t.Setenv("RELOADENV_LEVEL", "WARNING")
	t.Setenv("RELOADENV_FILE", filepath.Join(dir, "app.log"))
	base := `version: 1
handlers:
  file: {class: logging.FileHandler, filename: app.log}
loggers:
  envreload.app: {level: INFO, handlers: [file], propagate: false}
  envreload.other: {level: INFO}
loggen:
  handlers:
    file: {filename: 'env://RELOADENV_FILE'}
  loggers:
    envreload.app: {level: 'env://RELOADENV_LEVEL:-INFO'}
`
	write(t, path, base)
	generated(t, path, nil)
	if got := logging.Get("envreload.app").Level(); got != logging.WARNING {
		t.Fatalf("level %v, want WARNING", got)
	}
	w := watch(t, path, Options{})
	// Levels only: another logger's level changes.
	t.Setenv("RELOADENV_LEVEL", "ERROR")
	write(t, path, strings.Replace(base, "envreload.other: {level: INFO}", "envreload.other: {level: DEBUG}", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	if a, o := logging.Get("envreload.app").Level(), logging.Get("envreload.other").Level(); a != logging.ERROR || o != logging.DEBUG {
		t.Errorf("levels %v, %v; want ERROR (the variable now), DEBUG", a, o)
	}
	// A whole configuration: a new handler.
	write(t, path, strings.Replace(base, "handlers:\n  file:", "handlers:\n  discard: {class: logging.NullHandler}\n  file:", 1))
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	logging.Get("envreload.app").Error("through the reloaded file handler")
	logging.Shutdown()
	if got := readFile(t, filepath.Join(dir, "app.log")); !strings.Contains(got, "through the reloaded file handler") {
		t.Errorf("app.log holds %q", got)
	}
	// A variable that is not set and has no default keeps the running
	// configuration, with the place and the variable named.
	logging.SetRaiseExceptions(false)
	defer logging.SetRaiseExceptions(true)
	write(t, path, strings.Replace(base, "'env://RELOADENV_LEVEL:-INFO'", "'env://RELOADENV_UNSET_Y'", 1))
	err := w.Reload()
	if err == nil || !strings.Contains(err.Error(), path+":11:") || !strings.Contains(err.Error(), "RELOADENV_UNSET_Y is not set") {
		t.Errorf("got %v", err)
	}
	if got := logging.Get("envreload.app").Level(); got != logging.ERROR {
		t.Errorf("level %v after a failed reload, want ERROR kept", got)
	}
}
