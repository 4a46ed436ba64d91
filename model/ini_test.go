package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func convertString(t *testing.T, ini string) string {
	t.Helper()
	top, err := ConvertINI("logging.ini", []byte(ini))
	if err != nil {
		t.Fatalf("ConvertINI: %v", err)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(top); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestConvertINI covers configparser's rules (comments, continuation lines,
// ':' as a delimiter, lower-cased option names, DEFAULT, interpolation) and
// fileConfig's (class resolution, args, kwargs, target, propagate).
func TestConvertINI(t *testing.T) {
	const ini = `# a comment
; another
[DEFAULT]
dir = logs

[loggers]
keys = root, db

[handlers]
keys=console,file,mem

[formatters]
keys=f

[logger_root]
LEVEL=INFO
handlers=console

[logger_db]
level : DEBUG
handlers=mem
propagate=0
qualname=app.db

[handler_console]
class=StreamHandler
formatter=f
args=(sys.stdout,)

[handler_file]
class=logging.FileHandler
args=('%(dir)s/app.log', 'w') ; not a comment in configparser
kwargs={'encoding': 'utf-8'}

[handler_mem]
class=handlers.MemoryHandler
args=(10, ERROR)
target=file

[formatter_f]
format=%(levelname)s
  %(message)s
datefmt=
`
	got := convertString(t, strings.Replace(ini, " ; not a comment in configparser", "", 1))
	want := `version: 1
disable_existing_loggers: true
formatters:
  f:
    format: |-
      %(levelname)s
      %(message)s
handlers:
  console:
    class: logging.StreamHandler
    formatter: f
    stream: ext://sys.stdout
  file:
    class: logging.FileHandler
    filename: logs/app.log
    mode: w
    encoding: utf-8
  mem:
    class: logging.handlers.MemoryHandler
    capacity: 10
    flushLevel: 40
    target: file
loggers:
  app.db:
    level: DEBUG
    handlers:
      - mem
    propagate: false
root:
  level: INFO
  handlers:
    - console
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	// An inline ';' is part of the value, as in configparser.
	_, err := ConvertINI("logging.ini", []byte(ini))
	if err == nil || !strings.Contains(err.Error(), "logging.ini:32:") {
		t.Errorf("inline ; comment: got %v, want an error on line 32", err)
	}
}

// TestINIPositions checks that the checker's messages point into the INI
// file, continuation lines included.
func TestINIPositions(t *testing.T) {
	const ini = "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n" +
		"[logger_root]\nhandlers=h\n" +
		"[handler_h]\nclass=FileHandler\nargs=('a.log',\n    'q')\n"
	_, err := Parse("logging.ini", []byte(ini))
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	if want := "logging.ini:12:5: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want a message at %s", err, want)
	}
}

// FuzzParseINI checks that no INI input, args literals included, makes the
// reader or the checker panic.
func FuzzParseINI(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "conformance", "*", "config.ini"))
	more, _ := filepath.Glob(filepath.Join("..", "examples", "*", "logging.ini"))
	for _, name := range append(seeds, more...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout, {'a': [1, 2.5, None, True]}, 'x\\n',)\n"))
	// loggen's sections, with names the go command need not load.
	f.Add([]byte("[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=f\n[logger_root]\nhandlers=\n[formatter_f]\nformat=%(trace_id)s\n" +
		"[loggen.context]\ntrace-id = obs.TraceID\nspan_id =\nname = x\n[loggen.classes]\nmy.Handler = logging.StreamHandler\n[loggen.contexts]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Parse("logging.ini", data)
	})
}
