package graph

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/level"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the outputs in testdata/*.txt")

// A golden case is a txtar archive of testdata: a configuration
// (-- logging.yaml -- or -- logging.json --), the routes to draw (comment
// lines "route: NAME"), and what the package writes: graph.dot and
// graph.mmd, then for each route "route NAME.txt" (Explain), "route
// NAME.dot" and "route NAME.mmd".
type goldenCase struct {
	path    string
	archive *txtar.Archive
	config  txtar.File
	routes  []string
}

func goldenCases(t *testing.T) []*goldenCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata (%v)", err)
	}
	var cases []*goldenCase
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{path: f, archive: a}
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if name, ok := strings.CutPrefix(line, "route: "); ok {
				c.routes = append(c.routes, name)
			}
		}
		if len(a.Files) == 0 || a.Files[0].Name != "logging.yaml" && a.Files[0].Name != "logging.json" {
			t.Fatalf("%s: the first file must be logging.yaml or logging.json", f)
		}
		c.config = a.Files[0]
		cases = append(cases, c)
	}
	return cases
}

// outputs writes what the golden case holds besides its configuration.
func (c *goldenCase) outputs(t *testing.T) []txtar.File {
	t.Helper()
	cfg, err := model.Parse(c.config.Name, c.config.Data)
	if err != nil {
		t.Fatalf("%s: %v", c.path, err)
	}
	w, err := New(cfg)
	if err != nil {
		t.Fatalf("%s: %v", c.path, err)
	}
	var files []txtar.File
	write := func(name string, f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatalf("%s: %s: %v", c.path, name, err)
		}
		files = append(files, txtar.File{Name: name, Data: b.Bytes()})
	}
	write("graph.dot", func(b *bytes.Buffer) error { return w.DOT(b) })
	write("graph.mmd", func(b *bytes.Buffer) error { return w.Mermaid(b) })
	for _, name := range c.routes {
		r := w.Route(name)
		write("route "+name+".txt", func(b *bytes.Buffer) error { return r.Explain(b) })
		write("route "+name+".dot", func(b *bytes.Buffer) error { return r.DOT(b) })
		write("route "+name+".mmd", func(b *bytes.Buffer) error { return r.Mermaid(b) })
	}
	return files
}

// TestGolden compares what the package writes with the archives of
// testdata. Run
//
//	go test ./model/graph -update
//
// to rewrite them after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(c.path), ".txt"), func(t *testing.T) {
			got := c.outputs(t)
			again := c.outputs(t)
			for i := range got {
				if !bytes.Equal(got[i].Data, again[i].Data) {
					t.Errorf("%s: %s differs from one run to the next", c.path, got[i].Name)
				}
			}
			if *update {
				c.archive.Files = append([]txtar.File{c.config}, got...)
				if err := os.WriteFile(c.path, txtar.Format(c.archive), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := c.archive.Files[1:]
			for i, g := range got {
				if i >= len(want) || want[i].Name != g.Name {
					t.Fatalf("%s: no section %q where expected (go test ./model/graph -update writes it)", c.path, g.Name)
				}
				if !bytes.Equal(g.Data, want[i].Data) {
					t.Errorf("%s: %s differs (go test ./model/graph -update rewrites it)\ngot:\n%s\nwant:\n%s", c.path, g.Name, g.Data, want[i].Data)
				}
			}
			if len(want) > len(got) {
				t.Errorf("%s: %d sections more than the package writes", c.path, len(want)-len(got))
			}
		})
	}
}

// TestGraphviz renders every graph of the golden cases with Graphviz's
// dot, as SVG and PNG: the DOT the package writes must be one that dot
// reads without a warning.
func TestGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz), so the DOT output is not rendered")
	}
	n := 0
	for _, c := range goldenCases(t) {
		for _, f := range c.outputs(t) {
			if !strings.HasSuffix(f.Name, ".dot") {
				continue
			}
			for _, format := range []string{"svg", "png"} {
				cmd := exec.Command(dot, "-T"+format)
				cmd.Stdin = bytes.NewReader(f.Data)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil || stderr.Len() > 0 {
					t.Errorf("%s: %s: dot -T%s: %v\n%s", c.path, f.Name, format, err, stderr.Bytes())
					continue
				}
				switch format {
				case "svg":
					if !bytes.Contains(stdout.Bytes(), []byte("<svg")) {
						t.Errorf("%s: %s: dot -Tsvg wrote no SVG", c.path, f.Name)
					}
				case "png":
					if !bytes.HasPrefix(stdout.Bytes(), []byte("\x89PNG\r\n\x1a\n")) {
						t.Errorf("%s: %s: dot -Tpng wrote no PNG", c.path, f.Name)
					}
				}
				n++
			}
		}
	}
	t.Logf("%d renderings", n)
}

func TestIncremental(t *testing.T) {
	cfg, err := model.Parse("logging.yaml", []byte("version: 1\nincremental: true\nloggers: {app: {level: DEBUG}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(cfg); !errors.Is(err, ErrIncremental) {
		t.Errorf("New of an incremental configuration: %v, want ErrIncremental", err)
	}
}

// wiring checks a configuration and returns its wiring.
func wiring(t *testing.T, src string) *Wiring {
	t.Helper()
	cfg, err := model.Parse("logging.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// emits returns the ids of the handlers that emit a record, "lastresort"
// for the last resort, or "dropped: why".
func emits(o Outcome) []string {
	var ids []string
	for _, e := range o.Emits {
		ids = append(ids, e.Handler.ID)
	}
	if o.LastResort {
		ids = append(ids, "lastresort")
	}
	if len(ids) == 0 && o.Dropped != "" {
		return []string{"dropped: " + o.Dropped}
	}
	return ids
}

func TestRoutes(t *testing.T) {
	w := wiring(t, `version: 1
filters:
  only_a: {name: a}
  only_b: {name: b}
handlers:
  h1: {class: logging.NullHandler}
  h2: {class: logging.NullHandler, level: ERROR}
  hb: {class: logging.NullHandler, filters: [only_b]}
loggers:
  a: {level: INFO, handlers: [h1]}
  a.b.c: {handlers: [h2, h1], filters: [only_b]}
  a.x: {propagate: false, handlers: [h2], level: 5}
  b: {filters: [only_b], handlers: [hb]}
  z: {level: NOTSET, handlers: [hb]}
root:
  level: WARNING
  handlers: [h1, hb]
  filters: [only_a]
`)
	for _, tc := range []struct {
		name string
		lv   level.Level
		want []string
	}{
		// a's level; a.b.c's own filter refuses a.b.c; the root's filter
		// is not applied to propagated records.
		{"a.b.c", level.INFO, []string{"dropped: refused by the logger's filter only_b"}},
		{"a.b.c.d", level.INFO, []string{"h1", "h1", "h1"}},
		{"a.b.c.d", level.DEBUG, []string{"dropped: below the effective level INFO"}},
		{"a.b.c.d", level.ERROR, []string{"h2", "h1", "h1", "h1"}},
		// propagate false: root's handlers are not reached; level 5.
		{"a.x", 5, nil},
		{"a.x", level.ERROR, []string{"h2"}},
		{"a.x.y", level.ERROR, []string{"h2"}},
		// A handler found but refused by its level: no last resort.
		{"a.x", level.WARNING, nil},
		// hb's filter passes b and below only.
		{"b.c", level.WARNING, []string{"hb", "h1", "hb"}},
		{"q", level.WARNING, []string{"h1"}},
		{"q", level.INFO, []string{"dropped: below the effective level WARNING"}},
		// z's level NOTSET takes root's.
		{"z", level.INFO, []string{"dropped: below the effective level WARNING"}},
		// root's own filter applies to root's records: "root" is not "a".
		{"root", level.ERROR, []string{"dropped: refused by the logger's filter only_a"}},
		{"", level.ERROR, []string{"dropped: refused by the logger's filter only_a"}},
	} {
		got := emits(w.Route(tc.name).Outcome(tc.lv))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s at %s: %q, want %q", tc.name, tc.lv, got, tc.want)
		}
	}
	r := w.Route("a.b.c.d")
	if eff, from := r.Effective, r.From; eff != level.INFO || from.Name != "a" {
		t.Errorf("effective level of a.b.c.d: %s from %v, want INFO from a", eff, from)
	}
	if r.Logger.Configured || r.Logger.Placeholder {
		t.Errorf("a.b.c.d: configured %v, placeholder %v", r.Logger.Configured, r.Logger.Placeholder)
	}
	if w.Logger("a.b.c.d") != nil || w.Logger("a.b") == nil || !w.Logger("a.b").Placeholder {
		t.Errorf("Route changed the wiring, or a.b is not a placeholder")
	}
	if p := w.Logger("a.b.c").Parent(); p.Name != "a" {
		t.Errorf("parent of a.b.c: %q, want a (placeholders are skipped)", p.Name)
	}
	if r := w.Route("a.x.y"); r.StoppedAt == nil || r.StoppedAt.Name != "a.x" {
		t.Errorf("a.x.y stops at %v, want a.x", r.StoppedAt)
	}
}

func TestLastResortAndNotset(t *testing.T) {
	w := wiring(t, "version: 1\n")
	r := w.Route("app")
	if !r.LastResort() {
		t.Fatal("a configuration without handlers: no last resort")
	}
	if got := emits(r.Outcome(level.WARNING)); !slices.Equal(got, []string{"lastresort"}) {
		t.Errorf("WARNING: %q", got)
	}
	if got := emits(r.Outcome(level.INFO)); len(got) != 1 || !strings.HasPrefix(got[0], "dropped: below") {
		t.Errorf("INFO: %q", got)
	}
	w = wiring(t, "version: 1\nroot: {level: NOTSET}\n")
	r = w.Route("app")
	if r.From != nil || r.Effective != level.NOTSET || r.Threshold() != 1 {
		t.Errorf("NOTSET everywhere: effective %s from %v, threshold %s", r.Effective, r.From, r.Threshold())
	}
	if got := emits(r.Outcome(level.INFO)); len(got) != 1 || !strings.Contains(got[0], "last resort takes WARNING") {
		t.Errorf("INFO without handlers: %q", got)
	}
	if got := emits(r.Outcome(0)); len(got) != 1 || !strings.Contains(got[0], "level 0") {
		t.Errorf("level 0: %q", got)
	}
}

func TestMayBeDisabled(t *testing.T) {
	w := wiring(t, "version: 1\nloggers: {app: {level: INFO}}\n")
	for name, want := range map[string]bool{"app": false, "app.db": false, "other": true, "root": false} {
		if got := w.Route(name).MayBeDisabled(); got != want {
			t.Errorf("%s: MayBeDisabled %v, want %v", name, got, want)
		}
	}
	w = wiring(t, "version: 1\ndisable_existing_loggers: false\n")
	if w.Route("other").MayBeDisabled() {
		t.Error("disable_existing_loggers false: other may be disabled")
	}
}

func TestFilterPasses(t *testing.T) {
	for _, tc := range []struct {
		filter, name string
		want         bool
	}{
		{"", "anything", true},
		{"a.b", "a.b", true},
		{"a.b", "a.b.c", true},
		{"a.b", "a.bc", false},
		{"a.b", "a", false},
		{"root", "", true},
	} {
		f := &Filter{Name: tc.filter}
		if got, known := f.Passes(tc.name); got != tc.want || !known {
			t.Errorf("Filter(%q).Passes(%q) = %v, %v", tc.filter, tc.name, got, known)
		}
	}
	if _, known := (&Filter{Factory: "example.com/x.F"}).Passes("a"); known {
		t.Error("a Go filter's verdict is known")
	}
}

// TestMermaidParses parses every Mermaid flowchart of the golden cases
// with Mermaid's parser, when LOGGEN_MERMAID_DIR names a directory whose
// node_modules holds the npm packages mermaid and jsdom:
//
//	mkdir /tmp/mm && cd /tmp/mm && npm install mermaid jsdom
//	LOGGEN_MERMAID_DIR=/tmp/mm go test ./model/graph -run TestMermaidParses
func TestMermaidParses(t *testing.T) {
	dir := os.Getenv("LOGGEN_MERMAID_DIR")
	if dir == "" {
		t.Skip("LOGGEN_MERMAID_DIR is not set: Mermaid's parser (npm install mermaid jsdom) is not run on the flowcharts")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: Mermaid's parser is not run on the flowcharts")
	}
	script, err := filepath.Abs(filepath.Join("testdata", "mermaid-parse.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	var files []string
	for _, c := range goldenCases(t) {
		for i, f := range c.outputs(t) {
			if strings.HasSuffix(f.Name, ".mmd") {
				name := filepath.Join(tmp, strings.TrimSuffix(filepath.Base(c.path), ".txt")+"-"+strconv.Itoa(i)+".mmd")
				if err := os.WriteFile(name, f.Data, 0o666); err != nil {
					t.Fatal(err)
				}
				files = append(files, name)
			}
		}
	}
	cmd := exec.Command(node, append([]string{script}, files...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Errorf("Mermaid's parser refuses a flowchart: %v", err)
	}
}
