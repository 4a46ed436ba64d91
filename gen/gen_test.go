package gen_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
	logging "github.com/loggen/loggen/runtime"
)

var update = flag.Bool("update", false, "rewrite the want.go sections of testdata/golden")

// The golden cases live in testdata/golden. Each is a txtar archive with
// these files:
//
//	logging.yaml  the configuration
//	want.go       the code generated for it by "loggen -config logging.yaml
//	              -pkg logs -o logs_gen.go" (rewritten by -update)
//	main.go       optional: a program of package main that imports the
//	              generated package as "loggentest/logs"
//	stdout        with main.go: what the program prints on stdout, run with
//	              TZ=UTC
//	file/NAME     optional, with main.go: the content of the file NAME that
//	              the program leaves in its working directory
const (
	configFile = "logging.yaml"
	wantFile   = "want.go"
	mainFile   = "main.go"
	stdoutFile = "stdout"
	filePrefix = "file/"
)

// goldenCase is one archive of testdata/golden.
type goldenCase struct {
	name    string // the file name without .txt
	path    string
	archive *txtar.Archive
}

// section returns the named file of the archive and whether it is there.
func (c *goldenCase) section(name string) ([]byte, bool) {
	for _, f := range c.archive.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// goldenCases reads every archive of testdata/golden.
func goldenCases(t *testing.T) []*goldenCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no cases in testdata/golden")
	}
	var cases []*goldenCase
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{name: strings.TrimSuffix(filepath.Base(file), ".txt"), path: file, archive: a}
		if _, ok := c.section(configFile); !ok {
			t.Fatalf("%s: no -- %s -- section", file, configFile)
		}
		cases = append(cases, c)
	}
	return cases
}

// generate checks the case's configuration and generates its code.
func generate(t *testing.T, c *goldenCase) []byte {
	t.Helper()
	data, _ := c.section(configFile)
	cfg, err := model.Parse(configFile, data)
	if err != nil {
		t.Fatalf("%s: the configuration does not check:\n%v", c.path, err)
	}
	src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: configFile, Args: goldenArgs})
	if err != nil {
		t.Fatalf("%s: Generate: %v", c.path, err)
	}
	return src
}

// goldenArgs is the command line that the golden files' headers show.
var goldenArgs = []string{"-config", configFile, "-pkg", "logs", "-o", "logs_gen.go"}

// TestGolden compares the code generated for each case of testdata/golden with
// its want.go section. Run
//
//	go test ./gen -update
//
// to rewrite the want.go sections after a deliberate change.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := generate(t, c)
			if *update {
				found := false
				for i := range c.archive.Files {
					if c.archive.Files[i].Name == wantFile {
						c.archive.Files[i].Data = got
						found = true
					}
				}
				if !found {
					// want.go goes right after the configuration.
					var files []txtar.File
					for _, f := range c.archive.Files {
						files = append(files, f)
						if f.Name == configFile {
							files = append(files, txtar.File{Name: wantFile, Data: got})
						}
					}
					c.archive.Files = files
				}
				if err := os.WriteFile(c.path, txtar.Format(c.archive), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := c.section(wantFile)
			if !ok {
				t.Fatalf("%s: no -- %s -- section; run go test ./gen -update to write it", c.path, wantFile)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: generated code differs from %s (- want, + got):\n%s\nIf the change is intended, run go test ./gen -update and review the diff.",
					c.path, wantFile, lineDiff(string(want), string(got)))
			}
		})
	}
}

// TestDeterministic checks that checking and generating a configuration
// twice gives the same bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			first := generate(t, c)
			for i := 0; i < 5; i++ {
				if again := generate(t, c); !bytes.Equal(first, again) {
					t.Fatalf("run %d differs from the first (- first, + again):\n%s", i+2, lineDiff(string(first), string(again)))
				}
			}
		})
	}
}

// TestGeneratedCodeCompilesAndRuns vets and runs, for every case with a
// main.go, the generated package and the program in a module of its own that
// uses this repository through a replace directive, and compares the
// program's stdout with the case's stdout section.
func TestGeneratedCodeCompilesAndRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: building and running generated programs is slow; run without -short")
	}
	goCmd := goCommand(t)
	ran := 0
	for _, c := range goldenCases(t) {
		mainSrc, ok := c.section(mainFile)
		if !ok {
			continue
		}
		ran++
		wantStdout, ok := c.section(stdoutFile)
		if !ok {
			t.Errorf("%s: a case with -- %s -- needs -- %s --", c.path, mainFile, stdoutFile)
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := generate(t, c)
			dir, env := testModule(t, map[string][]byte{
				"main.go":                            mainSrc,
				filepath.Join("logs", "logs_gen.go"): src,
			})

			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			vet := exec.CommandContext(ctx, goCmd, "vet", "./...")
			vet.Dir, vet.Env = dir, env
			if out, err := vet.CombinedOutput(); err != nil {
				t.Fatalf("go vet ./...: %v\n%s\ngenerated code:\n%s", err, out, numbered(src))
			}

			var stdout, stderr bytes.Buffer
			run := exec.CommandContext(ctx, goCmd, "run", ".")
			run.Dir, run.Env = dir, env
			run.Stdout, run.Stderr = &stdout, &stderr
			if err := run.Run(); err != nil {
				t.Fatalf("go run .: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
			}
			if stderr.Len() > 0 {
				t.Logf("stderr of the program:\n%s", stderr.Bytes())
			}
			if got := stdout.String(); got != string(wantStdout) {
				t.Errorf("stdout of the program differs (- want, + got):\n%s", lineDiff(string(wantStdout), got))
			}
			for _, f := range c.archive.Files {
				name, ok := strings.CutPrefix(f.Name, filePrefix)
				if !ok {
					continue
				}
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					t.Errorf("the program left no file %s: %v", name, err)
					continue
				}
				if !bytes.Equal(got, f.Data) {
					t.Errorf("file %s differs (- want, + got):\n%s", name, lineDiff(string(f.Data), string(got)))
				}
			}
		})
	}
	if ran == 0 {
		t.Error("no case of testdata/golden has a -- main.go -- section")
	}
}

// goCommand returns the path of the go command, skipping t without it.
func goCommand(t testing.TB) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: the go command is not on PATH, so generated code cannot be compiled")
	}
	return goCmd
}

// testModule writes files into a new module loggentest that uses this
// repository through a replace directive, and returns its directory and the
// environment to run the go command in it with.
func testModule(t testing.TB, files map[string][]byte) (string, []string) {
	t.Helper()
	root, err := filepath.Abs("..")
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
	goVersion := goDirective(goMod)
	if goVersion == "" {
		t.Fatal("../go.mod has no go directive")
	}
	dir := t.TempDir()
	all := map[string][]byte{
		"go.mod": fmt.Appendf(nil, "module loggentest\n\ngo %s\n\nrequire github.com/loggen/loggen v0.0.0\n\nreplace github.com/loggen/loggen => %s\n",
			goVersion, root),
		"go.sum": goSum,
	}
	for name, data := range files {
		all[name] = data
	}
	for name, data := range all {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir, append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "TZ=UTC")
}

// goDirective returns the version of the go line of a go.mod file.
func goDirective(goMod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(goMod))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "go" {
			return f[1]
		}
	}
	return ""
}

// numbered returns src with line numbers.
func numbered(src []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%5d\t%s\n", i+1, line)
	}
	return b.String()
}

// lineDiff returns a line diff of a and b: the lines of a longest common
// subsequence prefixed with a space, the others with - (only in a) or + (only
// in b). Runs of more than six unchanged lines are shortened to their first
// and last three.
func lineDiff(a, b string) string {
	split := func(s string) []string {
		l := strings.SplitAfter(s, "\n")
		if l[len(l)-1] == "" {
			l = l[:len(l)-1]
		}
		return l
	}
	x, y := split(a), split(b)
	// lcs[i][j] is the length of a longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	var same []string
	flushSame := func() {
		if len(same) > 6 {
			for _, l := range same[:3] {
				out.WriteString(" " + l)
			}
			fmt.Fprintf(&out, " … %d unchanged lines …\n", len(same)-6)
			same = same[len(same)-3:]
		}
		for _, l := range same {
			out.WriteString(" " + l)
		}
		same = same[:0]
	}
	line := func(prefix, l string) {
		if !strings.HasSuffix(l, "\n") {
			l += "⏎ (no newline at end)\n"
		}
		out.WriteString(prefix + l)
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			same = append(same, x[i])
			i++
			j++
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			flushSame()
			line("-", x[i])
			i++
		default:
			flushSame()
			line("+", y[j])
			j++
		}
	}
	if len(same) > 3 {
		same = same[:3]
	}
	flushSame()
	return out.String()
}

// namesGoPackage matches a line that may name a Go package: a '()',
// class or ext:// value with an import path (a slash) and a name.
var namesGoPackage = regexp.MustCompile(`(?m)(?:\(\)|class|ext://)[^\n]*[A-Za-z0-9_.~-]/[^\n]*\.`)

// FuzzGenerate checks that every configuration the model accepts generates
// without a panic (the generator trusts the model's value types) and that
// the generated code type-checks against the runtime: no unused variable,
// no mistyped call, whatever the formats say.
func FuzzGenerate(f *testing.F) {
	tc := checker(f)
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		for _, fl := range a.Files {
			if fl.Name == "logging.yaml" {
				f.Add(fl.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if namesGoPackage.Match(data) {
			// The model loads the package with the go command, which
			// takes a second or more: too slow for fuzzing. The golden
			// cases generate and compile such configurations.
			return
		}
		cfg, err := model.Parse("logging.yaml", data)
		if err != nil {
			return
		}
		src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging.yaml"})
		if err != nil {
			t.Fatalf("the model accepted a config that does not generate: %v\n%s", err, data)
		}
		if errs := tc.check(src); errs != "" {
			t.Fatalf("the code generated for this config does not compile:\n%s\nconfig:\n%s\ngenerated code:\n%s", errs, data, numbered(src))
		}
	})
}

// TestGeneratedVersionSupported checks that the code this generator writes
// is within the range the runtime accepts (runtime.EnforceVersion).
func TestGeneratedVersionSupported(t *testing.T) {
	if gen.GeneratedVersion < logging.MinVersion || gen.GeneratedVersion > logging.MaxVersion {
		t.Errorf("gen.GeneratedVersion = %d, but the runtime runs versions %d to %d",
			gen.GeneratedVersion, logging.MinVersion, logging.MaxVersion)
	}
}

// TestHeader checks the lines before the package clause: the version, the
// command line (left out without Args, quoted where go:generate would split
// or unquote an argument) and the source.
func TestHeader(t *testing.T) {
	cfg, err := model.Parse("logging.yaml", []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	first := "// Code generated by loggen " + gen.Version + ". DO NOT EDIT.\n"
	tests := []struct {
		name   string
		args   []string
		source string
		want   string
	}{
		{"no command line", nil, "logging.yaml", first + "// source: logging.yaml\n\npackage logs\n"},
		{"go:generate", []string{"-config", "logging.yaml", "-pkg", "logs", "-o", "logs/logs_gen.go"}, "../logging.yaml",
			first + "// loggen -config logging.yaml -pkg logs -o logs/logs_gen.go\n// source: ../logging.yaml\n\npackage logs\n"},
		{"quoted", []string{"-config", "my logs/a\"b.yaml", "-o", "", "-pkg", "logs", "-x", "tab\there", "back\\slash", "new\nline"}, "x",
			first + `// loggen -config "my logs/a\"b.yaml" -o "" -pkg logs -x "tab\there" "back\\slash" "new\nline"` + "\n// source: x\n\npackage logs\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: tt.source, Args: tt.args})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(src, []byte(tt.want)) {
				t.Errorf("the file starts with\n%s\nwant\n%s", src[:min(len(src), len(tt.want)+40)], tt.want)
			}
		})
	}
}

// TestVersion checks that Version is a semantic version with a "v", as the
// go command writes module versions, so that the header and loggen
// -version read like a module version.
func TestVersion(t *testing.T) {
	if !regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$`).MatchString(gen.Version) {
		t.Errorf("gen.Version = %q, want vMAJOR.MINOR.PATCH", gen.Version)
	}
}

// TestEveryHandlerClassGenerated checks that the golden case
// every-handler-class uses every class of the class table, so that the
// code written for each one is compiled, vetted and compared: a class added
// to the table must be added to the case.
func TestEveryHandlerClassGenerated(t *testing.T) {
	var c *goldenCase
	for _, gc := range goldenCases(t) {
		if gc.name == "every-handler-class" {
			c = gc
		}
	}
	if c == nil {
		t.Fatal("no golden case every-handler-class")
	}
	data, _ := c.section(configFile)
	cfg, err := model.Parse(configFile, data)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, h := range cfg.Handlers {
		used[h.Class.Name] = true
	}
	for _, cls := range model.HandlerClasses() {
		if !used[cls.Name] {
			t.Errorf("testdata/golden/every-handler-class.txt has no handler of class %s", cls.Name)
		}
	}
}
