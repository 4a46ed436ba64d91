package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// conformanceDir holds the project's copy of the CPython conformance cases.
var conformanceDir = filepath.Join("..", "testdata", "conformance")

// TestConformanceConfigs loads every YAML and JSON configuration of the
// conformance cases, and every configuration their calls.json passes to
// dictConfig.
func TestConformanceConfigs(t *testing.T) {
	var files []string
	for _, pat := range []string{"*/config.yaml", "*/config.json"} {
		m, _ := filepath.Glob(filepath.Join(conformanceDir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skipf("no conformance cases in %s (testdata/conformance is missing)", conformanceDir)
	}
	loaded := 0
	for _, file := range files {
		if _, err := Load(file); err != nil {
			t.Errorf("Load(%s):\n%v", file, err)
		}
		loaded++
	}
	// Reconfigurations inside calls.json.
	calls, _ := filepath.Glob(filepath.Join(conformanceDir, "*", "calls.json"))
	for _, file := range calls {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var steps []struct {
			Op     string          `json:"op"`
			Config json.RawMessage `json:"config"`
		}
		if err := json.Unmarshal(data, &steps); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i, s := range steps {
			if s.Op != "configure" {
				continue
			}
			if _, err := Parse(fmt.Sprintf("%s step %d", file, i), s.Config); err != nil {
				t.Errorf("%s step %d:\n%v", file, i, err)
			}
			loaded++
		}
	}
	t.Logf("loaded %d configurations", loaded)
	if loaded < 30 {
		t.Errorf("loaded only %d configurations", loaded)
	}
}

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	cfg, err := Parse("logging.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse:\n%v", err)
	}
	return cfg
}

func TestParseValues(t *testing.T) {
	cfg := mustParse(t, `version: 1
disable_existing_loggers: false
shared:                       # data for cfg://, ignored
  anything: [1, 2]
formatters:
  brief:
    format: "%(levelname)s %(message)s"
  dated:
    format: "{asctime} {message}"
    style: "{"
    datefmt: "%H:%M"
  nodate:
    datefmt: ""
filters:
  db:
    name: app.db
  all: {}
handlers:
  console:
    class: logging.StreamHandler
    stream: ext://sys.stdout
    formatter: brief
    level: INFO
    filters: [db, db, all]
  file:
    class: logging.FileHandler
    delay: true
    mode: w
    filename: app.log
    encoding: null
  quiet:
    class: logging.NullHandler
loggers:
  zeta:
    level: 15
    handlers: [file, console, file]
    propagate: false
  alpha.beta:
    level: WARN
  root:
    handlers: [quiet]
root:
  level: DEBUG
  handlers: [console]
`)
	if cfg.Source != "logging.yaml" || cfg.Incremental || cfg.DisableExistingLoggers {
		t.Errorf("Source, Incremental, DisableExistingLoggers = %q, %v, %v", cfg.Source, cfg.Incremental, cfg.DisableExistingLoggers)
	}

	// Formatters, in document order.
	if n := len(cfg.Formatters); n != 3 {
		t.Fatalf("%d formatters, want 3", n)
	}
	brief, dated, nodate := cfg.Formatters[0], cfg.Formatters[1], cfg.Formatters[2]
	if brief.ID != "brief" || brief.Format.Raw != "%(levelname)s %(message)s" || brief.Format.Style != '%' || brief.Datefmt != nil {
		t.Errorf("brief = %+v", brief)
	}
	if brief.Pos != (Pos{"logging.yaml", 6, 3}) {
		t.Errorf("brief.Pos = %v", brief.Pos)
	}
	if dated.Format.Style != '{' || dated.Datefmt == nil || dated.Datefmt.Raw != "%H:%M" {
		t.Errorf("dated = %+v, datefmt %+v", dated, dated.Datefmt)
	}
	if nodate.Format == nil || nodate.Format.Raw != "%(message)s" || nodate.Datefmt != nil {
		t.Errorf("nodate: format %+v, datefmt %+v; want the default format and datefmt", nodate.Format, nodate.Datefmt)
	}

	// Filters.
	if len(cfg.Filters) != 2 || cfg.Filters[0].Name != "app.db" || cfg.Filters[1].Name != "" {
		t.Errorf("filters = %+v %+v", cfg.Filters[0], cfg.Filters[1])
	}

	// Handlers: classes, levels, options in the class's key order.
	if n := len(cfg.Handlers); n != 3 {
		t.Fatalf("%d handlers, want 3", n)
	}
	console, file, quiet := cfg.Handlers[0], cfg.Handlers[1], cfg.Handlers[2]
	if console.Class.Name != "logging.StreamHandler" || console.Formatter != "brief" {
		t.Errorf("console = %+v", console)
	}
	if want := (Level{Set: true, Level: level.INFO, Pos: Pos{"logging.yaml", 23, 12}}); console.Level != want {
		t.Errorf("console.Level = %+v, want %+v", console.Level, want)
	}
	if !reflect.DeepEqual(console.Filters, []string{"db", "all"}) {
		t.Errorf("console.Filters = %q, want [db all] (a repeated filter attaches once)", console.Filters)
	}
	if o, ok := console.Option("stream"); !ok || o.Value != Stdout || o.Pos != (Pos{"logging.yaml", 21, 13}) {
		t.Errorf("console stream = %+v, %v", o, ok)
	}
	var keys []string
	for _, o := range file.Options {
		keys = append(keys, o.Key)
	}
	if !reflect.DeepEqual(keys, []string{"filename", "mode", "delay"}) {
		t.Errorf("file options %q, want [filename mode delay] (class order, null encoding left out)", keys)
	}
	if o, _ := file.Option("delay"); o.Value != true {
		t.Errorf("delay = %#v", o.Value)
	}
	if o, _ := file.Option("filename"); o.Value != "app.log" {
		t.Errorf("filename = %#v", o.Value)
	}
	if file.Level.Set || file.Formatter != "" || file.Filters != nil {
		t.Errorf("file = %+v", file)
	}
	if quiet.Class.Name != "logging.NullHandler" || len(quiet.Options) != 0 {
		t.Errorf("quiet = %+v", quiet)
	}

	// Loggers in document order; "root" is the root logger.
	var names []string
	for _, l := range cfg.Loggers {
		names = append(names, l.Name)
	}
	if !reflect.DeepEqual(names, []string{"zeta", "alpha.beta", ""}) {
		t.Errorf("loggers %q, want [zeta alpha.beta \"\"]", names)
	}
	zeta := cfg.Loggers[0]
	if zeta.Level.Level != 15 || !zeta.Level.Set || zeta.Propagate == nil || *zeta.Propagate {
		t.Errorf("zeta = %+v", zeta)
	}
	if !reflect.DeepEqual(zeta.Handlers, []string{"file", "console"}) {
		t.Errorf("zeta.Handlers = %q, want [file console]", zeta.Handlers)
	}
	if ab := cfg.Loggers[1]; ab.Level.Level != level.WARNING || ab.Propagate != nil || ab.Handlers != nil {
		t.Errorf("alpha.beta = %+v", ab)
	}
	if r := cfg.Loggers[2]; r.Pos != (Pos{"logging.yaml", 40, 3}) || !reflect.DeepEqual(r.Handlers, []string{"quiet"}) {
		t.Errorf("logger root = %+v", r)
	}
	if cfg.Root == nil || cfg.Root.Name != "" || cfg.Root.Level.Level != level.DEBUG || !reflect.DeepEqual(cfg.Root.Handlers, []string{"console"}) {
		t.Errorf("Root = %+v", cfg.Root)
	}
	if cfg.Root.Pos != (Pos{"logging.yaml", 42, 1}) {
		t.Errorf("Root.Pos = %v", cfg.Root.Pos)
	}
}

func TestParseEmptyRoot(t *testing.T) {
	for _, src := range []string{"version: 1\nroot:\n", "version: 1\nroot: {}\n", "version: 1\n"} {
		cfg := mustParse(t, src)
		if cfg.Root != nil || len(cfg.Loggers) != 0 || !cfg.DisableExistingLoggers {
			t.Errorf("%q: Root %+v, Loggers %v, DisableExistingLoggers %v", src, cfg.Root, cfg.Loggers, cfg.DisableExistingLoggers)
		}
	}
}

func TestParseJSON(t *testing.T) {
	cfg, err := Parse("logging.json", []byte(`{
  "version": 1,
  "handlers": {"c": {"class": "logging.StreamHandler"}},
  "loggers": {"": {"level": "ERROR", "handlers": ["c"]}}
}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Loggers) != 1 || cfg.Loggers[0].Name != "" || cfg.Loggers[0].Level.Pos != (Pos{"logging.json", 4, 29}) {
		t.Errorf("loggers = %+v", cfg.Loggers[0])
	}
	if _, ok := cfg.Handlers[0].Option("stream"); ok {
		t.Errorf("stream set without a stream key")
	}
}

func TestParseMergeKeys(t *testing.T) {
	cfg := mustParse(t, `version: 1
base: &base
  class: logging.FileHandler
  filename: base.log
  mode: w
more: &more
  delay: true
  mode: x
handlers:
  a:
    <<: *base
    filename: a.log
  b:
    <<: [*more, *base]
`)
	a, b := cfg.Handlers[0], cfg.Handlers[1]
	if o, _ := a.Option("filename"); o.Value != "a.log" {
		t.Errorf("a.filename = %v, want the explicit a.log", o.Value)
	}
	if o, _ := a.Option("mode"); o.Value != "w" {
		t.Errorf("a.mode = %v", o.Value)
	}
	if o, _ := b.Option("mode"); o.Value != "x" {
		t.Errorf("b.mode = %v, want x (the first merged mapping wins)", o.Value)
	}
	if o, _ := b.Option("delay"); o.Value != true {
		t.Errorf("b.delay = %v", o.Value)
	}
	if b.Class == nil || b.Class.Name != "logging.FileHandler" {
		t.Errorf("b.Class = %+v", b.Class)
	}
}

func TestParseIncremental(t *testing.T) {
	cfg := mustParse(t, `version: 1
incremental: true
formatters:
  anything: {nonsense: 1}
handlers:
  console:
    level: DEBUG
    class: not.checked
  other:
    level: 0
loggers:
  app:
    level: 0
    propagate: true
    handlers: [not, checked]
root:
  level: NOTSET
`)
	if !cfg.Incremental || len(cfg.Formatters) != 0 {
		t.Errorf("Incremental %v, formatters %d", cfg.Incremental, len(cfg.Formatters))
	}
	if len(cfg.Handlers) != 2 || cfg.Handlers[0].Class != nil || cfg.Handlers[0].Level.Level != level.DEBUG {
		t.Fatalf("handlers = %+v", cfg.Handlers)
	}
	if cfg.Handlers[1].Level.Set {
		t.Errorf("an incremental handler level 0 is ignored, as in Python")
	}
	app := cfg.Loggers[0]
	if !app.Level.Set || app.Level.Level != 0 || app.Propagate == nil || !*app.Propagate || app.Handlers != nil {
		t.Errorf("app = %+v", app)
	}
	if cfg.Root == nil || !cfg.Root.Level.Set {
		t.Errorf("root = %+v", cfg.Root)
	}
}

func TestParseExtras(t *testing.T) {
	cfg := mustParse(t, `version: 1
formatters:
  a:
    format: "%(user)s %(count)d %(ratio)s %(message)s"
  b:
    format: "{ratio:.2f} {user} {count:x}"
    style: "{"
`)
	var got []string
	for _, e := range cfg.Extras {
		got = append(got, e.Name)
	}
	if !reflect.DeepEqual(got, []string{"count", "ratio", "user"}) {
		t.Fatalf("extras %q", got)
	}
	count, ratio, user := cfg.Extras[0], cfg.Extras[1], cfg.Extras[2]
	if count.Type != pyfmt.TypeInt || ratio.Type != pyfmt.TypeFloat || user.Type != pyfmt.TypeString {
		t.Errorf("types: count %v, ratio %v, user %v", count.Type, ratio.Type, user.Type)
	}
	if user.Pos != (Pos{"logging.yaml", 4, 14}) {
		t.Errorf("user.Pos = %v, want its first use", user.Pos)
	}
}

func TestLookupHandlerClass(t *testing.T) {
	for _, name := range []string{
		"logging.StreamHandler",
		"ext://logging.StreamHandler",
		"logging.handlers.logging.StreamHandler",
		"logging.config.logging.StreamHandler",
	} {
		if c, ok := LookupHandlerClass(name); !ok || c.Name != "logging.StreamHandler" {
			t.Errorf("LookupHandlerClass(%q) = %v, %v", name, c, ok)
		}
	}
	for _, name := range []string{"StreamHandler", "logging.handlers.StreamHandler", "logging.handlers.NTEventLogHandler", "", "logging."} {
		if c, ok := LookupHandlerClass(name); ok {
			t.Errorf("LookupHandlerClass(%q) = %v, want none", name, c.Name)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "logging.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nroot: {level: INFO}\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil || cfg.Source != path || cfg.Root.Level.Level != level.INFO {
		t.Errorf("Load = %+v, %v", cfg, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !os.IsNotExist(err) {
		t.Errorf("Load(missing) error = %v", err)
	}
}

// FuzzParse checks that Parse never panics and that it returns either a
// Config or an ErrorList.
func FuzzParse(f *testing.F) {
	if files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.txt")); err == nil {
		for _, file := range files {
			_, data, _ := readCase(f, file)
			f.Add(data)
		}
	}
	for _, pat := range []string{"*/config.yaml", "*/config.json"} {
		m, _ := filepath.Glob(filepath.Join(conformanceDir, pat))
		for _, file := range m {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("version: 1\nx: &a [*a, *a]\nhandlers: {h: {<<: [*a]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if err != nil {
			if _, ok := err.(ErrorList); !ok {
				t.Fatalf("error %T, want ErrorList", err)
			}
			if cfg != nil {
				t.Fatalf("both a Config and an error")
			}
			_ = err.Error()
			return
		}
		if cfg == nil {
			t.Fatal("neither a Config nor an error")
		}
	})
}
