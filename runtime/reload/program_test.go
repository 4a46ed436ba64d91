package reload_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// TestGeneratedProgram generates the package of testdata/program's
// logging.yaml with loggen, builds testdata/program/main.go with it in a
// module of its own, and runs it: the program watches its configuration
// with the generated Config and writes the versions of versions.txt, and
// what it prints must be testdata/program/stdout.
func TestGeneratedProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: building a generated program is slow; run without -short")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: the go command is not on PATH, so generated code cannot be compiled")
	}
	src := filepath.Join("testdata", "program")
	config, err := os.ReadFile(filepath.Join(src, "logging.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := model.Parse("logging.yaml", config)
	if err != nil {
		t.Fatal(err)
	}
	code, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "../logging.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goSum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := ""
	sc := bufio.NewScanner(bytes.NewReader(goMod))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "go" {
			goVersion = f[1]
		}
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"go.mod":           fmt.Appendf(nil, "module loggentest\n\ngo %s\n\nrequire github.com/loggen/loggen v0.0.0\n\nreplace github.com/loggen/loggen => %s\n", goVersion, root),
		"go.sum":           goSum,
		"logs/logs_gen.go": code,
		"logging.yaml":     config,
	}
	for _, name := range []string{"main.go", "versions.txt"} {
		if files[name], err = os.ReadFile(filepath.Join(src, name)); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	run := exec.CommandContext(ctx, goCmd, "run", ".")
	run.Dir = dir
	run.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	run.Stdout, run.Stderr = &stdout, &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("go run .: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	want, err := os.ReadFile(filepath.Join(src, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != string(want) {
		t.Errorf("stdout:\n%s\nwant (testdata/program/stdout):\n%s\nstderr:\n%s", got, want, stderr.Bytes())
	}
}
