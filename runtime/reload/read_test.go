package reload

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// A YAML file is read as PyYAML's safe_load reads it.
func TestReadYAML11(t *testing.T) {
	c, err := read("x.yaml", []byte(`version: 1
disable_existing_loggers: no
loggers:
  a: &a {level: 0x14, propagate: off}
  b: {<<: *a, level: DEBUG}
  c: {propagate: On}
loggen:
  loggers: {c: {level: 017}}
  root: {level: WARNING}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"version":                  int64(1),
		"disable_existing_loggers": false,
		"loggers": map[string]any{
			"a": map[string]any{"level": int64(20), "propagate": false},
			"b": map[string]any{"level": "DEBUG", "propagate": false},
			"c": map[string]any{"level": int64(15), "propagate": true},
		},
		"root": map[string]any{"level": "WARNING"},
	}
	if !reflect.DeepEqual(c.dict, want) {
		t.Errorf("got  %v\nwant %v", c.dict, want)
	}
	if l, col := c.where([]string{"loggers", "c", "level"}); l != 8 || col != 24 {
		t.Errorf("loggers.c.level (from loggen's overlay) at %d:%d, want 8:24", l, col)
	}
	// JSON is read as Python's json reads it: 1e3 is a float.
	c, err = read("x.json", []byte(`{"version": 1, "x": 1e3, "loggers": {"a": {"level": 10}}}`))
	if err != nil || c.dict["loggers"].(map[string]any)["a"].(map[string]any)["level"] != int64(10) {
		t.Errorf("JSON: %v %v", c, err)
	}
}

// Aliases of aliases cost no more than their nodes (PyYAML shares one
// object between an anchor and its aliases).
func TestReadAliasBomb(t *testing.T) {
	data := []byte(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
version: 1
`)
	start := time.Now()
	if _, err := read("x.yaml", data); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("reading took %v", d)
	}
}

// A file that says incremental: true is applied as Python applies one.
func TestIncrementalFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/logging.yaml"
	write(t, path, "version: 1\nincremental: true\nloggers:\n  inc.app: {level: INFO}\n")
	w := watch(t, path, Options{})
	write(t, path, "version: 1\nincremental: true\nloggers:\n  inc.app: {level: ERROR, propagate: no}\n")
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	if l := logging.Get("inc.app"); l.Level() != logging.ERROR || l.Propagate() {
		t.Errorf("level %v, propagate %v: want ERROR, false", l.Level(), l.Propagate())
	}
	// Its env:// levels are read as generated code reads them.
	t.Setenv("INCFILE_LEVEL", "CRITICAL")
	write(t, path, "version: 1\nincremental: true\nloggers:\n  inc.app: {level: 'env://INCFILE_LEVEL:-DEBUG'}\nroot: {level: 'env://INCFILE_ROOT:-NOTSET'}\n")
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	if l := logging.Get("inc.app").Level(); l != logging.CRITICAL {
		t.Errorf("level %v, want CRITICAL from the variable", l)
	}
	if l := logging.Root().Level(); l != logging.NOTSET {
		t.Errorf("root level %v, want NOTSET from the default", l)
	}
	logging.Root().SetLevel(logging.WARNING)
	logging.SetRaiseExceptions(false)
	defer logging.SetRaiseExceptions(true)
	write(t, path, "version: 1\nincremental: true\nloggers:\n  inc.app: {level: 'env://INCFILE_UNSET_Z'}\n")
	err := w.Reload()
	if err == nil || !strings.Contains(err.Error(), path+":4:") || !strings.Contains(err.Error(), "INCFILE_UNSET_Z is not set") {
		t.Errorf("got %v", err)
	}
}

// Tags that safe_load refuses, or that build what a logging configuration
// does not hold, are positioned errors.
func TestReadTags(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"version: 1\nhandlers: !!python/object:logging.Handler {}\n", "x.yaml:2:11: tag !!python/object:logging.Handler: a logging configuration holds plain mappings and lists: remove the tag"},
		{"version: !!python/int 1\n", "x.yaml:1:10: yaml.safe_load cannot read 1: yaml.safe_load has no constructor for the tag !!python/int"},
		{"version: !!str 1\nroot: !!map {level: !!int '10'}\n", ""},
	} {
		_, err := read("x.yaml", []byte(tc.text))
		if got := fmt.Sprint(err); tc.want == "" && err != nil || tc.want != "" && got != tc.want {
			t.Errorf("%q:\n got %v\nwant %s", tc.text, err, tc.want)
		}
	}
}
