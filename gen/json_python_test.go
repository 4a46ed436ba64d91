package gen_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// systemPython is the interpreter with Debian's python3-pythonjsonlogger
// (2.0.1) and PyYAML.
const systemPython = "/usr/bin/python3"

// pythonJSONLogger3 holds python-json-logger 3.3.0's source, which the
// conformance case json-v3-keys-styles vendors.
const pythonJSONLogger3 = "../testdata/conformance/json-v3-keys-styles/python"

// TestJSONAgainstPython runs the configurations of testdata/jsonpy through
// loggen's generated code and through python-json-logger (2.0.1 from
// systemPython, 3.3.0 from its vendored source) with the calls of
// testdata/jsonpy/calls.json, and compares the output byte for byte. The
// calls log errors, which the conformance cases cannot: Python's records get
// the error's text as exc_text, which python-json-logger prints where it
// prints the traceback of an exception, as loggen prints the error's text;
// some carry the stack of their call, whose text is replaced on both sides.
func TestJSONAgainstPython(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: building and running generated programs is slow; run without -short")
	}
	if err := exec.Command(systemPython, "-c", "import pythonjsonlogger.jsonlogger, yaml").Run(); err != nil {
		t.Skipf("skipping: %s cannot import pythonjsonlogger.jsonlogger and yaml (apt-get install python3-pythonjsonlogger python3-yaml): %v", systemPython, err)
	}
	goCmd := goCommand(t)
	dir := filepath.Join("testdata", "jsonpy")
	configs, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(configs) == 0 {
		t.Fatalf("no configurations in %s: %v", dir, err)
	}
	driver, err := os.ReadFile(filepath.Join(dir, "driver.go"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"driver.go": driver}
	var imports, fns strings.Builder
	for i, path := range configs {
		cfg, err := model.Load(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pkg := fmt.Sprintf("c%d", i)
		src, err := gen.Generate(cfg, gen.Options{Package: pkg, Source: filepath.Base(path)})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		files[filepath.Join(pkg, pkg+"_gen.go")] = src
		fmt.Fprintf(&imports, "\t%q\n", "loggentest/"+pkg)
		fmt.Fprintf(&fns, "%s.Configure, ", pkg)
	}
	files["main.go"] = fmt.Appendf(nil, "package main\n\nimport (\n%s)\n\n// configs configure logging with each configuration of testdata/jsonpy.\nvar configs = []func() error{%s}\n",
		imports.String(), fns.String())
	mod, env := testModule(t, files)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	exe := filepath.Join(t.TempDir(), "driver")
	build := exec.CommandContext(ctx, goCmd, "build", "-o", exe, ".")
	build.Dir, build.Env = mod, env
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	calls, err := filepath.Abs(filepath.Join(dir, "calls.json"))
	if err != nil {
		t.Fatal(err)
	}
	v3path, err := filepath.Abs(pythonJSONLogger3)
	if err != nil {
		t.Fatal(err)
	}
	for i, path := range configs {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			abs, err := filepath.Abs(path)
			if err != nil {
				t.Fatal(err)
			}
			pyArgs := []string{filepath.Join(dir, "driver.py"), abs, calls}
			if data, _ := os.ReadFile(path); bytes.Contains(data, []byte("pythonjsonlogger.json.JsonFormatter")) {
				pyArgs = append(pyArgs, v3path)
			}
			want := goStack.ReplaceAllString(run(ctx, t, exec.CommandContext(ctx, systemPython, pyArgs...)), `"STACK"`)
			got := goStack.ReplaceAllString(run(ctx, t, exec.CommandContext(ctx, exe, fmt.Sprint(i), calls)), `"STACK"`)
			if !strings.Contains(got, `"STACK"`) {
				t.Errorf("loggen printed no stack_info:\n%s", got)
			}
			if got != want {
				t.Errorf("loggen and python-json-logger differ (- python, + loggen):\n%s", lineDiff(want, got))
			}
		})
	}
}

// goStack matches the JSON string of a record's stack_info, which the test
// replaces on both sides: Go's and Python's stacks differ.
var goStack = regexp.MustCompile(`"Stack \(most recent call last\):(?:[^"\\]|\\.)*"`)

// run runs cmd with TZ=UTC and returns its stdout, failing t when it fails
// or writes on stderr.
func run(ctx context.Context, t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "TZ=UTC", "PYTHONIOENCODING=utf-8")
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("%s: %v\nstderr:\n%s", strings.Join(cmd.Args, " "), err, stderr.Bytes())
	}
	return stdout.String()
}
