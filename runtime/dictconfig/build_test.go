package dictconfig

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/loggen/loggen/model"
	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/envvar"
)

// Each mistake carries the keys that lead to it, and a kept entry is used
// in place of building its own.
func TestBuildPathsAndKept(t *testing.T) {
	d := map[string]any{
		"version":    int64(1),
		"formatters": map[string]any{"f": map[string]any{"format": "%(message)s", "datefmt": "%Q"}},
		"handlers": map[string]any{
			"kept": map[string]any{"()": "example.com/x.New", "level": "INFO"},
			"bad":  map[string]any{"class": "logging.handlers.SysLogHandler"},
			"file": map[string]any{"class": "FileHandler", "filename": "x.log", "filters": []any{"nope"}},
		},
		"loggers": map[string]any{"a": map[string]any{"handlers": []any{"kept", "gone"}}},
	}
	made := logging.HandlerConfig{ID: "kept", New: func() (logging.Handler, error) { return logging.NewNullHandler(), nil }}
	_, err := Build(d, &Kept{Handlers: map[string]logging.HandlerConfig{"kept": made}})
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var de *Error
		if !errors.As(e, &de) {
			t.Fatalf("%v is not an *Error", e)
		}
		got = append(got, strings.Join(de.Path, "."))
	}
	want := []string{"formatters.f.datefmt", "handlers.bad.class", "handlers.file.filters.0", "loggers.a.handlers.1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paths %q, want %q\n%v", got, want, err)
	}
	delete(d["handlers"].(map[string]any), "bad")
	delete(d["formatters"].(map[string]any)["f"].(map[string]any), "datefmt")
	delete(d["handlers"].(map[string]any)["file"].(map[string]any), "filters")
	d["loggers"].(map[string]any)["a"].(map[string]any)["handlers"] = []any{"kept"}
	c, err := Build(d, &Kept{Handlers: map[string]logging.HandlerConfig{"kept": made}})
	if err != nil {
		t.Fatal(err)
	}
	if hc := c.Handlers[0]; hc.ID != "file" || c.Handlers[1].ID != "kept" || c.Handlers[1].Level != logging.INFO || c.Handlers[1].New == nil {
		t.Errorf("handlers %+v: want file, then kept at INFO with its own New", c.Handlers)
	}
	for _, tc := range []struct {
		section string
		entry   map[string]any
		want    bool
	}{
		{"handlers", map[string]any{"class": "StreamHandler"}, true},
		{"handlers", map[string]any{"class": "logging.handlers.RotatingFileHandler"}, false},
		{"handlers", map[string]any{"()": "ext://logging.NullHandler"}, true},
		{"formatters", map[string]any{"format": "x"}, true},
		{"formatters", map[string]any{"()": "example.com/x.F"}, false},
		{"filters", map[string]any{"name": "a"}, true},
		{"filters", map[string]any{"()": "myapp.Filter"}, false},
	} {
		if got := Builds(tc.section, tc.entry); got != tc.want {
			t.Errorf("Builds(%s, %v) = %v, want %v", tc.section, tc.entry, got, tc.want)
		}
	}
}

// BuildEnv reads loggen's env:// values in levels and in FileHandler's
// filename, mode and delay, and says which variable is missing, where.
func TestBuildEnvValues(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("BUILDENV_FILE", dir+"/app.log")
	t.Setenv("BUILDENV_LEVEL", "WARNING")
	d := map[string]any{
		"version": int64(1),
		"handlers": map[string]any{
			"file": map[string]any{"class": "logging.FileHandler", "filename": "env://BUILDENV_FILE", "mode": "env://BUILDENV_MODE:-w", "delay": "env://BUILDENV_DELAY:-yes", "level": "env://BUILDENV_LEVEL"},
		},
		"root": map[string]any{"level": "env://BUILDENV_ROOT:-ERROR", "handlers": []any{"file"}},
	}
	c, err := BuildEnv(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Handlers[0].Level != logging.WARNING || c.Root.Level != logging.ERROR {
		t.Errorf("levels %v, %v; want WARNING, ERROR", c.Handlers[0].Level, c.Root.Level)
	}
	h, err := c.Handlers[0].New()
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if fh := h.(*logging.FileHandler); fh.Path() != dir+"/app.log" {
		t.Errorf("file %q", fh.Path())
	}
	if _, err := os.Stat(dir + "/app.log"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("delay from BUILDENV_DELAY's default: the file exists before a record (%v)", err)
	}
	d["handlers"].(map[string]any)["file"].(map[string]any)["filename"] = "env://BUILDENV_NOFILE"
	d["root"].(map[string]any)["level"] = "env://BUILDENV_ROOT:-LOUD"
	_, err = BuildEnv(d, nil)
	var paths []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var de *Error
		if errors.As(e, &de) {
			paths = append(paths, strings.Join(de.Path, ".")+": "+de.Msg)
		}
	}
	// Build, for configurations from the network, leaves env:// alone.
	if _, err := Build(d, nil); err == nil || !strings.Contains(err.Error(), `unknown level: "env://BUILDENV_ROOT:-LOUD"`) {
		t.Errorf("Build: %v", err)
	}
	want := []string{
		`handlers.file.filename: handler "file": filename: environment variable BUILDENV_NOFILE is not set, and env://BUILDENV_NOFILE gives no default: expected a file name`,
		`root.level: root: level: environment variable BUILDENV_ROOT is "LOUD": expected a level name`,
	}
	if len(paths) != 2 || !strings.HasPrefix(paths[0], want[0]) || !strings.HasPrefix(paths[1], want[1]) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
}

// The FileHandler keys that the run-time builder reads env:// values in
// are those the generator's class table gives an env:// type, with the
// same types: generated code and a reloaded file read them alike.
func TestFileHandlerEnvMatchesClassTable(t *testing.T) {
	c, ok := model.LookupHandlerClass("logging.FileHandler")
	if !ok {
		t.Fatal("logging.FileHandler is not in the class table")
	}
	want := map[string]envvar.Type{}
	for _, k := range c.Keys {
		if slices.Contains(fileHandlerKeys, k.Name) && k.Env != 0 {
			want[k.Name] = k.Env
		}
	}
	got := map[string]envvar.Type{}
	for _, e := range fileHandlerEnv {
		got[e.key] = e.typ
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fileHandlerEnv %v, the class table %v", got, want)
	}
}
