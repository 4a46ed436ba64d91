package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/model/graph"
)

// graphUsageTail is what every usage error of loggen graph prints after
// its message.
const graphUsageTail = graphUsage + "Run loggen graph -h for the flags.\n"

func TestGraphUsage(t *testing.T) {
	good := writeConfig(t, goodConfig)
	bad := writeConfig(t, badConfig)
	incremental := writeConfig(t, "version: 1\nincremental: true\nloggers: {app: {level: DEBUG}}\n")
	for _, tc := range []struct {
		name        string
		args        []string
		wantCode    int
		exactStderr string
		wantStderr  string
	}{
		{"no config", []string{"graph"}, 2, "loggen graph: -config is required\n" + graphUsageTail, ""},
		{"bad format", []string{"graph", "-config", good, "-format", "png"}, 2,
			"loggen graph: -format \"png\": expected dot or mermaid\n" + graphUsageTail, ""},
		{"explain and format", []string{"graph", "-config", good, "-explain", "app", "-format", "dot"}, 2,
			"loggen graph: -explain writes text: it takes neither -format nor -logger\n" + graphUsageTail, ""},
		{"explain and logger", []string{"graph", "-config", good, "-explain", "app", "-logger", "app"}, 2,
			"loggen graph: -explain writes text: it takes neither -format nor -logger\n" + graphUsageTail, ""},
		{"bad logger name", []string{"graph", "-config", good, "-logger", "a..b"}, 2,
			"loggen graph: -logger \"a..b\" is not a logger name\n" + graphUsageTail, ""},
		{"argument", []string{"graph", "-config", good, "extra"}, 2,
			"loggen graph: unexpected argument \"extra\"\n" + graphUsageTail, ""},
		{"unknown flag", []string{"graph", "-config", good, "-pkg", "logs"}, 2,
			"loggen graph: flag provided but not defined: -pkg\n" + graphUsageTail, ""},
		{"mistakes", []string{"graph", "-config", bad}, 1, "", `unknown handler "consle"`},
		{"incremental", []string{"graph", "-config", incremental}, 1, "", "an incremental configuration changes the levels"},
		{"missing file", []string{"graph", "-config", filepath.Join(t.TempDir(), "none.yaml")}, 1, "", "no such file"},
		{"schema argument", []string{"schema", "x"}, 2, "loggen schema: unexpected argument \"x\"\nusage: loggen schema\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d", code, tc.wantCode)
			}
			if stdout != "" {
				t.Errorf("stdout: %q, want nothing", stdout)
			}
			if tc.exactStderr != "" && stderr != tc.exactStderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, tc.exactStderr)
			}
			if !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr %q does not say %q", stderr, tc.wantStderr)
			}
		})
	}
}

// wiringOf returns the wiring of a configuration file, as the package
// draws it.
func wiringOf(t *testing.T, path string) *graph.Wiring {
	t.Helper()
	cfg, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := graph.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestGraph checks that each form of loggen graph writes what package
// graph writes, to stdout or to -o, with the configuration's warnings on
// stderr.
func TestGraph(t *testing.T) {
	path := writeConfig(t, goodConfig+"  propagate: false\n")
	w := wiringOf(t, path)
	render := func(f func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, render(func(b *bytes.Buffer) error { return w.DOT(b) })},
		{[]string{"-format", "dot"}, render(func(b *bytes.Buffer) error { return w.DOT(b) })},
		{[]string{"-format", "mermaid"}, render(func(b *bytes.Buffer) error { return w.Mermaid(b) })},
		{[]string{"-logger", "app.db.pool"}, render(func(b *bytes.Buffer) error { return w.Route("app.db.pool").DOT(b) })},
		{[]string{"-logger", "root", "-format", "mermaid"}, render(func(b *bytes.Buffer) error { return w.Route("").Mermaid(b) })},
		{[]string{"-explain", "app.db"}, render(func(b *bytes.Buffer) error { return w.Route("app.db").Explain(b) })},
	} {
		args := append([]string{"graph", "-config", path}, tc.args...)
		code, stdout, stderr := runCmd(t, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d", args, code)
		}
		if stdout != tc.want {
			t.Errorf("%q: stdout:\n%s\nwant:\n%s", args, stdout, tc.want)
		}
		if want := "warning: root: Python ignores propagate on the root logger"; !strings.Contains(stderr, want) {
			t.Errorf("%q: stderr %q lacks the warning %q", args, stderr, want)
		}
		out := filepath.Join(t.TempDir(), "sub", "out.txt")
		if code, stdout, _ := runCmd(t, append(args, "-o", out)...); code != 0 || stdout != "" {
			t.Fatalf("%q -o: exit %d, stdout %q", args, code, stdout)
		}
		if got, err := os.ReadFile(out); err != nil || string(got) != tc.want {
			t.Errorf("%q -o: the file holds %q (%v)", args, got, err)
		}
	}
}

// TestExplain checks the text of -explain for the SDK example: the
// effective level comes from root, a DEBUG record is dropped, an INFO
// record reaches root's console.
func TestExplain(t *testing.T) {
	code, stdout, _ := runCmd(t, "graph", "-config", filepath.Join("..", "..", "examples", "sdk", "logging.yaml"), "-explain", "botocore.endpoint")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"logger botocore.endpoint (not in the configuration",
		"  effective level: INFO, from root\n",
		"  route: botocore.endpoint → root\n",
		"    console, on root\n",
		"    DEBUG     dropped: below the effective level INFO\n",
		"    INFO      console\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-explain botocore.endpoint does not say %q:\n%s", want, stdout)
		}
	}
}

// TestExampleGraph checks that the pictures of examples/dictconfig that
// the README shows are what loggen graph draws now, and that dot renders
// them. Regenerate them from examples/dictconfig with
//
//	go run ../../cmd/loggen graph -config logging.yaml -o graph.dot
//	go run ../../cmd/loggen graph -config logging.yaml -format mermaid -o graph.mmd
//	dot -Tpng -Gdpi=110 graph.dot -o graph.png
func TestExampleGraph(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "examples", "dictconfig"))
	for _, tc := range []struct{ file, format string }{{"graph.dot", "dot"}, {"graph.mmd", "mermaid"}} {
		code, stdout, stderr := runCmd(t, "graph", "-config", "logging.yaml", "-format", tc.format)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		if stdout != string(want) {
			t.Errorf("examples/dictconfig/%s is not what loggen graph -format %s draws; regenerate it (see TestExampleGraph)", tc.file, tc.format)
		}
	}
	png, err := os.ReadFile("graph.png")
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("examples/dictconfig/graph.png is not a PNG (%v)", err)
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not installed (apt-get install graphviz): graph.dot is not rendered")
	}
	for _, format := range []string{"svg", "png"} {
		cmd := exec.Command(dot, "-T"+format, "graph.dot")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if out, err := cmd.Output(); err != nil || len(out) == 0 || stderr.Len() > 0 {
			t.Errorf("dot -T%s graph.dot: %v\n%s", format, err, stderr.Bytes())
		}
	}
}

// TestSchema checks that loggen schema prints the committed
// loggen.schema.json (which model's TestSchemaCommitted keeps equal to
// model.JSONSchema).
func TestSchema(t *testing.T) {
	code, stdout, stderr := runCmd(t, "schema")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "loggen.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Error("loggen schema does not print loggen.schema.json; go test ./model -run TestSchemaCommitted -update rewrites it")
	}
	code, stdout, _ = runCmd(t, "schema", "-h")
	if code != 0 || !strings.Contains(stdout, "# yaml-language-server: $schema="+model.SchemaID) {
		t.Errorf("loggen schema -h: exit %d, no yaml-language-server line:\n%s", code, stdout)
	}
}

func TestGraphHelp(t *testing.T) {
	code, stdout, stderr := runCmd(t, "graph", "-h")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{graphUsage, "-explain NAME", "-format dot", "-logger NAME", "dot -Tsvg"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("loggen graph -h does not say %q:\n%s", want, stdout)
		}
	}
}
