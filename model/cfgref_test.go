package model

import (
	"strings"
	"testing"

	"github.com/loggen/loggen/runtime/level"
)

// TestCfgReferences checks that cfg:// references resolve as CPython's
// BaseConfigurator.cfg_convert resolves them, and the errors when they do
// not.
func TestCfgReferences(t *testing.T) {
	const data = `
shared:
  levels: {chatty: DEBUG, quiet: ERROR}
  formats: ["%(message)s", "%(levelname)s %(message)s"]
  ints: {0: WARNING}
  strs: {"0": INFO}
  alias: cfg://shared.levels.quiet
  cap: 7
`
	tests := []struct {
		name  string
		yaml  string
		level level.Level // of logger "app", when want is ""
		want  string      // a substring of the error, or ""
	}{
		{"dot", "loggers: {app: {level: cfg://shared.levels.chatty}}", level.Level(10), ""},
		{"index key", "loggers: {app: {level: 'cfg://shared.levels[quiet]'}}", level.Level(40), ""},
		{"spaces", "loggers: {app: {level: 'cfg:// shared . levels [ quiet ] '}}", level.Level(40), ""},
		{"int key", "loggers: {app: {level: 'cfg://shared.ints[0]'}}", level.Level(30), ""},
		{"string key by dot", "loggers: {app: {level: cfg://shared.strs.0}}", level.Level(20), ""},
		{"chain", "loggers: {app: {level: cfg://shared.alias}}", level.Level(40), ""},
		{"section", "logger_defs: {app: {level: INFO}}\nloggers: cfg://logger_defs", level.Level(20), ""},
		{"entry", "defs: [{level: ERROR}]\nloggers: {app: 'cfg://defs[0]'}", level.Level(40), ""},
		{"digits on a string key fail", "loggers: {app: {level: 'cfg://shared.strs[0]'}}", 0,
			`has no integer key 0 (CPython looks up [0] as the integer 0; the key is the string "0": write .0)`},
		{"index out of range", "loggers: {app: {level: 'cfg://shared.formats[2]'}}", 0,
			"index 2 is out of range: cfg://shared.formats has 2 items"},
		{"unresolved with suggestion", "loggers: {app: {level: cfg://shared.levels.chaty}}", 0,
			`9:24: logger "app": level: "cfg://shared.levels.chaty": cfg://shared.levels has no key "chaty" (did you mean "chatty"?)`},
		{"unknown top-level key", "loggers: {app: {level: cfg://shard.levels.chatty}}", 0,
			`no top-level key "shard" (did you mean "shared"?)`},
		{"dot on a list", "loggers: {app: {level: cfg://shared.formats.x}}", 0,
			"cfg://shared.formats is a list: use [index], not .x"},
		{"cycle", "a: cfg://b\nb: cfg://a\nloggers: {app: {level: cfg://a}}", 0,
			`"cfg://a" never resolves: "cfg://b" (line 9) → "cfg://a" (line 10) → "cfg://b" (line 9) is a cycle`},
		{"list items are not converted", "handlers: {h: {class: logging.NullHandler}}\nids: {h: h}\nloggers: {app: {handlers: [cfg://ids.h]}}", 0,
			`unknown handler "cfg://ids.h": Python does not convert cfg:// references in the items of a list`},
		{"mapping where a string is needed", "loggers: {app: {level: cfg://shared.levels}}", 0,
			"3:11: logger \"app\": level: expected a level name or an integer, got a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "version: 1" + data + tt.yaml + "\n"
			cfg, err := Parse("t.yaml", []byte(src))
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error = %v\nwant it to contain %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var app *Logger
			for _, l := range cfg.Loggers {
				if l.Name == "app" {
					app = l
				}
			}
			if app == nil || !app.Level.Set || app.Level.Level != tt.level {
				t.Fatalf("logger app = %+v, want level %d", app, tt.level)
			}
		})
	}
}

// TestCfgReferenceOptions checks references in handler keys: a
// MemoryHandler's target and capacity, and that the resolved value keeps the
// position of the referenced value.
func TestCfgReferenceOptions(t *testing.T) {
	src := `version: 1
buffering: {target: console, sizes: [2, 4]}
handlers:
  console: {class: logging.StreamHandler}
  mem:
    class: logging.handlers.MemoryHandler
    capacity: 'cfg://buffering.sizes[1]'
    target: cfg://buffering.target
`
	cfg, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Option{}
	for _, h := range cfg.Handlers {
		if h.ID == "mem" {
			for _, o := range h.Options {
				got[o.Key] = o
			}
		}
	}
	if o := got["capacity"]; o.Value != int64(4) || o.Pos.Line != 2 {
		t.Errorf("capacity = %+v, want 4 at line 2", o)
	}
	if o := got["target"]; o.Value != "console" {
		t.Errorf("target = %+v, want console", o)
	}
}

// TestStandardFactories checks '()' naming logging.Formatter, logging.Filter
// and a standard handler class.
func TestStandardFactories(t *testing.T) {
	src := `version: 1
formatters:
  a: {(): logging.Formatter, format: "A %(message)s"}
  b: {(): logging.Formatter, fmt: "B {message}", style: "{", datefmt: "%H"}
  c: {(): ext://logging.Formatter}
  d: {class: logging.handlers.logging.Formatter}
filters:
  f: {(): logging.Filter, name: svc}
handlers:
  h: {(): logging.StreamHandler, stream: ext://sys.stdout, formatter: a, filters: [f]}
`
	cfg, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Formatters) != 4 || cfg.Formatters[1].Datefmt == nil {
		t.Fatalf("formatters = %+v", cfg.Formatters)
	}
	if len(cfg.Filters) != 1 || cfg.Filters[0].Name != "svc" {
		t.Fatalf("filters = %+v", cfg.Filters)
	}
	if len(cfg.Handlers) != 1 || cfg.Handlers[0].Class.Name != "logging.StreamHandler" || len(cfg.Handlers[0].Options) != 1 {
		t.Fatalf("handlers = %+v", cfg.Handlers)
	}
	// A Python dotted name is neither a standard class nor a Go function.
	_, err = Parse("t.yaml", []byte("version: 1\nfilters: {f: {(): myapp.F}}\n"))
	if err == nil || !strings.Contains(err.Error(), `t.yaml:2:15: filter "f": '()' names a Python callable, which loggen cannot call`) {
		t.Fatalf("error = %v", err)
	}
}
