package model

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the stderr sections of testdata/errors")

// errorCases returns the files of the error corpus, testdata/errors.
func errorCases(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no cases in testdata/errors")
	}
	return files
}

// readCase returns the configuration file of a corpus case: its name, its
// content and the archive.
func readCase(t testing.TB, file string) (string, []byte, *txtar.Archive) {
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if f.Name != "stderr" {
			return f.Name, f.Data, a
		}
	}
	t.Fatalf("%s: no configuration file (-- logging.yaml --)", file)
	return "", nil, nil
}

// TestErrors parses each bad configuration of testdata/errors and compares
// the messages (errors and warnings, as loggen prints them) with its stderr
// section. Run
//
//	go test ./model -run TestErrors -update
//
// to rewrite the stderr sections after a deliberate change.
func TestErrors(t *testing.T) {
	for _, file := range errorCases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			name, data, a := readCase(t, file)
			cfg, err := Parse(name, data)
			var got string
			switch {
			case err != nil:
				var list ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("%s: error is %T, want ErrorList", file, err)
				}
				got = err.Error() + "\n"
			case len(cfg.Warnings) > 0:
				got = cfg.Warnings.Error() + "\n"
			default:
				t.Fatalf("%s: Parse succeeded without a warning, want errors or warnings", file)
			}
			if *update {
				found := false
				for i := range a.Files {
					if a.Files[i].Name == "stderr" {
						a.Files[i].Data = []byte(got)
						found = true
					}
				}
				if !found {
					a.Files = append(a.Files, txtar.File{Name: "stderr", Data: []byte(got)})
				}
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			var want string
			for _, f := range a.Files {
				if f.Name == "stderr" {
					want = string(f.Data)
				}
			}
			if got != want {
				t.Errorf("%s: messages differ (go test ./model -run TestErrors -update rewrites them)\ngot:\n%swant:\n%s", file, got, want)
			}
		})
	}
}

func TestErrorListSortsAndDeduplicates(t *testing.T) {
	l := ErrorList{
		{Pos: Pos{"f", 3, 1}, Msg: "c"},
		{Pos: Pos{"f", 1, 5}, Msg: "b"},
		{Pos: Pos{"f", 1, 2}, Msg: "a"},
		{Pos: Pos{"f", 3, 1}, Msg: "c"},
	}
	want := "f:1:2: a\nf:1:5: b\nf:3:1: c"
	if got := l.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"brief", "precise", "verbose"}
	for _, tc := range []struct{ s, want string }{
		{"precis", ` (did you mean "precise"?)`},
		{"breif", ` (did you mean "brief"?)`},
		{"json", ""},
		{"x", ""},
		{"verbsoe", ` (did you mean "verbose"?)`}, // a swap is one edit
		{"b", ""}, // one edit, but in a one-letter word
		{"pr", ""},
	} {
		if got := suggest(tc.s, ids); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if got := suggest("info", levelNames); got != ` (did you mean "INFO"?)` {
		t.Errorf("suggest(info) = %q", got)
	}
	if got := suggest("lvl", []string{"level", "handlers"}); got != ` (did you mean "level"?)` {
		t.Errorf("suggest(lvl) = %q", got)
	}
	if got := suggest("logging.handlers.NoSuchHandler", knownClassNames()); got != "" {
		t.Errorf("suggest(NoSuchHandler) = %q, want none", got)
	}
	if got := levenshtein("kitten", "sitting"); got != 3 {
		t.Errorf("levenshtein = %d, want 3", got)
	}
}
