package loggen_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// The conformance test runs the logging.config conformance cases (see
// testdata/conformance/README.md for the case format and the run rules) the
// way testdata/conformance/pyref.py runs them under CPython, with loggen in
// place of dictConfig:
//
//  1. every case's config, and the config of every full reconfiguration step
//     of its calls.json, is generated into a package of one driver module;
//  2. the module has a package "driver", which replays calls.json as
//     pyref.py's child does, and one tiny main package per case over the
//     driver and the case's generated packages; one go build command builds
//     them all (the packages compile once, in parallel, and only the link is
//     per case);
//  3. every case runs as a subtest: its command replays calls.json in a
//     fresh working directory, and stdout, stderr and every file left there
//     are compared with expected/ byte for byte.
//
// Each case gets its own executable, as pyref.py gives each case a fresh
// interpreter: whatever a generated package sets up when it is initialised
// (its package-level loggers, for one) then comes only from that case's own
// configs, and the run starts from the state the run rules describe (only the
// root logger exists), which decides what disable_existing_loggers disables.
// Linking every case into one executable is faster (it saves one link per
// case) but lets the packages of all cases initialise in every run.
//
// The cases of testdata/conformance always run; the cases in the directory
// named by $LOGGEN_CONFORMANCE_DIR run too when it is set. After each
// directory the test prints "conformance DIR: N passed, M failed".

// conformanceDir holds the cases that always run.
const conformanceDir = "testdata/conformance"

// driverFile is the package driver, which every case's command runs: it
// replays calls.json as pyref.py's child does.
const driverFile = "testdata/driver/driver.go"

// caseTimeout bounds one run of the driver, as pyref.py bounds CPython.
const caseTimeout = 60 * time.Second

// configNames are the config files a case may hold; it holds exactly one.
var configNames = []string{"config.yaml", "config.json", "config.ini"}

// A confCase is one case directory.
type confCase struct {
	name       string   // the directory's base name
	dir        string   // absolute path of the directory
	configName string   // config.yaml, config.json or config.ini
	config     []byte   // the config file
	calls      []byte   // calls.json
	env        []string // NAME=value settings of the case's env file
	err        error    // why the case cannot run (bad case, generation or build failure)
	exe        string   // the case's driver command, once built
}

// A caseGroup is the cases of one directory.
type caseGroup struct {
	label string // the subtest name of the group
	dir   string // the directory as given
	cases []*confCase
}

func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("conformance: skipped in -short mode (it builds a driver over generated code and runs every case)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("conformance: the go command is not on PATH; it is needed to build the driver over the generated code")
	}

	groups := []*caseGroup{{label: "testdata", dir: conformanceDir}}
	if d := os.Getenv("LOGGEN_CONFORMANCE_DIR"); d != "" {
		groups = append(groups, &caseGroup{label: "LOGGEN_CONFORMANCE_DIR", dir: d})
	}
	for _, g := range groups {
		g.cases, err = loadCases(g.dir)
		if err != nil {
			t.Fatalf("conformance: %v", err)
		}
		if len(g.cases) == 0 {
			t.Errorf("conformance: no cases (directories with calls.json) in %s", g.dir)
		}
	}

	if err := buildDrivers(t, goTool, groups); err != nil {
		t.Errorf("conformance: the driver does not build:\n%v", err)
	}

	for _, g := range groups {
		var passed, failed int
		t.Run(g.label, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					defer func() {
						if t.Failed() {
							failed++
						} else {
							passed++
						}
					}()
					if c.err != nil {
						t.Fatal(c.err)
					}
					if c.exe == "" {
						t.Fatal("the driver does not build (see the error of TestConformance)")
					}
					runCase(t, c)
				})
			}
		})
		fmt.Printf("conformance %s: %d passed, %d failed\n", g.dir, passed, failed)
	}
}

// loadCases returns the cases in dir (one level deep), or dir itself when it
// is a case, in name order, with the error of a case that cannot run set.
func loadCases(dir string) ([]*confCase, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var dirs []string
	if isFile(filepath.Join(abs, "calls.json")) {
		dirs = append(dirs, abs)
	} else {
		entries, err := os.ReadDir(abs)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			sub := filepath.Join(abs, e.Name())
			if e.IsDir() && isFile(filepath.Join(sub, "calls.json")) {
				dirs = append(dirs, sub)
			}
		}
	}
	var cases []*confCase
	for _, d := range dirs {
		c := &confCase{name: filepath.Base(d), dir: d}
		cases = append(cases, c)
		var found []string
		for _, n := range configNames {
			if isFile(filepath.Join(d, n)) {
				found = append(found, n)
			}
		}
		if len(found) != 1 {
			c.err = fmt.Errorf("a case needs exactly one of %s, %s has %v",
				strings.Join(configNames, ", "), d, found)
			continue
		}
		c.configName = found[0]
		if c.config, err = os.ReadFile(filepath.Join(d, c.configName)); err != nil {
			c.err = err
			continue
		}
		if c.calls, err = os.ReadFile(filepath.Join(d, "calls.json")); err != nil {
			c.err = err
			continue
		}
		c.env, c.err = caseEnv(filepath.Join(d, "env"))
	}
	return cases, nil
}

// caseEnv returns the environment variables of the case's env file at
// path, one NAME=value per line (the value may be empty; blank lines and
// lines starting with "#" are skipped), as pyref.py reads them; nil when
// the case has none. The case's requires file names the Python packages
// pyref.py needs; it means nothing here.
func caseEnv(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var env []string
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if name, _, ok := strings.Cut(line, "="); !ok || !envName.MatchString(name) {
			return nil, fmt.Errorf("%s:%d: %q is not NAME=value", path, i+1, line)
		}
		env = append(env, line)
	}
	return env, nil
}

// envName matches the name of an environment variable in a case's env
// file, as pyref.py's ENV_NAME_RE does.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// ---------------------------------------------------------------- the driver

// buildDrivers generates every runnable case into one driver module and
// builds the command of every case with one go build. A case whose config
// does not generate, or whose generated code does not compile, gets its err
// set and is left out. It returns an error when the driver cannot be built
// for reasons that are not one case's.
func buildDrivers(t *testing.T, goTool string, groups []*caseGroup) error {
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	goLine := "go 1.26"
	for _, l := range strings.Split(string(goMod), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "go" {
			goLine = "go " + f[1]
		}
	}
	dir := t.TempDir()
	mod := fmt.Sprintf("module loggenconformance\n\n%s\n\nrequire github.com/loggen/loggen v0.0.0\n\nreplace github.com/loggen/loggen => %s\n",
		goLine, root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o666); err != nil {
		return err
	}
	if sum, err := os.ReadFile(filepath.Join(root, "go.sum")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o666); err != nil {
			return err
		}
	}
	driver, err := os.ReadFile(driverFile)
	if err != nil {
		return err
	}
	if err := writeGo(filepath.Join(dir, "driver", "driver.go"), string(driver)); err != nil {
		return err
	}

	// Generate the packages: c<i> for case i's config, c<i>s<k> for the
	// config of its k-th full reconfiguration step, and m<i>, its command.
	var byIndex []*confCase
	for _, g := range groups {
		for _, c := range g.cases {
			if c.err != nil {
				continue
			}
			i := len(byIndex)
			byIndex = append(byIndex, c)
			var pkgs []string
			if pkgs, c.err = generateCase(dir, i, c); c.err == nil {
				c.err = writeCaseMain(dir, i, c, pkgs)
			}
		}
	}

	// Build; a package that does not compile takes its case out, and the
	// rest are built again without it (the build cache keeps the work done).
	bin := filepath.Join(dir, "bin") + string(filepath.Separator)
	for {
		args := []string{"build", "-o", bin}
		for i, c := range byIndex {
			if c.err == nil {
				args = append(args, fmt.Sprintf("./m%d", i))
			}
		}
		if len(args) == 3 {
			return nil // nothing to build
		}
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		// The module cache (GOMODCACHE, GOPATH) is the test process's, so
		// the build works offline when the cache has the dependencies.
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err == nil {
			for i, c := range byIndex {
				if c.err == nil {
					c.exe = filepath.Join(bin, fmt.Sprintf("m%d", i))
				}
			}
			return nil
		}
		blame, ok := blameBuild(out)
		if !ok || len(blame) == 0 {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
		for i, lines := range blame {
			if i >= len(byIndex) || byIndex[i].err != nil {
				return fmt.Errorf("go build: %v\n%s", err, out)
			}
			byIndex[i].err = fmt.Errorf("the generated code does not compile:\n%s", strings.Join(lines, "\n"))
		}
	}
}

// generateCase generates case i's config into package c<i>, and the config
// of each full reconfiguration step of its calls.json into c<i>s<k>
// (k = 1, 2, ...). It returns the packages in order.
func generateCase(dir string, i int, c *confCase) ([]string, error) {
	pkg := fmt.Sprintf("c%d", i)
	if err := generatePackage(dir, pkg, filepath.Join(c.dir, c.configName), c.configName); err != nil {
		return nil, err
	}
	pkgs := []string{pkg}
	var steps []map[string]json.RawMessage
	if err := json.Unmarshal(c.calls, &steps); err != nil {
		return nil, fmt.Errorf("calls.json: %v", err)
	}
	for n, s := range steps {
		var op string
		if raw, ok := s["op"]; ok {
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("calls.json step %d: op: %v", n+1, err)
			}
		}
		if op != "configure" {
			continue
		}
		inc, err := incremental(s["config"])
		if err != nil {
			return nil, fmt.Errorf("calls.json step %d: config: %v", n+1, err)
		}
		if inc {
			continue // applied at run time with logging.ConfigureJSON
		}
		pkg := fmt.Sprintf("c%ds%d", i, len(pkgs))
		// The raw JSON keeps the mapping order, which is significant.
		var buf bytes.Buffer
		if err := json.Indent(&buf, s["config"], "", "  "); err != nil {
			return nil, fmt.Errorf("calls.json step %d: config: %v", n+1, err)
		}
		buf.WriteByte('\n')
		name := fmt.Sprintf("step%d.json", n+1)
		path := filepath.Join(dir, pkg, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o666); err != nil {
			return nil, err
		}
		if err := generatePackage(dir, pkg, path, name); err != nil {
			return nil, fmt.Errorf("calls.json step %d (a full reconfiguration): %v", n+1, err)
		}
		pkgs = append(pkgs, pkg)
	}
	return pkgs, nil
}

// incremental reports whether a configure step's config is incremental,
// with Python's truthiness of its "incremental" value. The driver uses the
// same rule, so both agree on which steps are full reconfigurations.
func incremental(config json.RawMessage) (bool, error) {
	var d map[string]any
	if err := json.Unmarshal(config, &d); err != nil {
		return false, err
	}
	return truthy(d["incremental"]), nil
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// generatePackage runs loggen on the config at path, writing package pkg
// into dir/pkg.
func generatePackage(dir, pkg, path, source string) error {
	cfg, err := model.Load(path)
	if err != nil {
		return fmt.Errorf("loggen rejects the config:\n%v", err)
	}
	src, err := gen.Generate(cfg, gen.Options{Package: pkg, Source: source})
	if err != nil {
		return fmt.Errorf("loggen cannot generate the config: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, pkg), 0o777); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, pkg, pkg+"_gen.go"), src, 0o666)
}

// writeCaseMain writes m<i>, the command of case i, over its packages.
func writeCaseMain(dir string, i int, c *confCase, pkgs []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "// Code generated by conformance_test.go. DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "// Command m%d runs the conformance case %s:\n//\n//\tm%d CALLS_JSON\npackage main\n\n", i, c.dir, i)
	fmt.Fprintf(&b, "import (\n\t\"loggenconformance/driver\"\n\n")
	var fns []string
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%q\n", "loggenconformance/"+p)
		fns = append(fns, p+".Configure")
	}
	fmt.Fprintf(&b, ")\n\n// configure: index 0 applies the case's config, then one per full\n// reconfiguration step of calls.json, in order.\n")
	fmt.Fprintf(&b, "var configure = []func() error{%s}\n\nfunc main() { driver.Main(configure) }\n", strings.Join(fns, ", "))
	return writeGo(filepath.Join(dir, fmt.Sprintf("m%d", i), "main.go"), b.String())
}

// writeGo writes the Go source src to path, gofmt'd.
func writeGo(path, src string) error {
	formatted, err := format.Source([]byte(src))
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return err
	}
	return os.WriteFile(path, formatted, 0o666)
}

var buildPkgLine = regexp.MustCompile(`^# loggenconformance/[cm](\d+)(?:s\d+)?$`)

// blameBuild attributes the errors of a failed go build to the cases whose
// packages they are in. ok is false when some error is not one case's.
func blameBuild(out []byte) (blame map[int][]string, ok bool) {
	blame = map[int][]string{}
	cur := -1
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := buildPkgLine.FindStringSubmatch(line); m != nil {
			cur, _ = strconv.Atoi(m[1])
			continue
		}
		switch {
		case strings.HasPrefix(line, "# "):
			return nil, false // another package: not a case's
		case strings.TrimSpace(line) == "" || strings.Contains(line, "too many errors"):
		case cur >= 0:
			blame[cur] = append(blame[cur], line)
		default:
			return nil, false
		}
	}
	return blame, true
}

// ------------------------------------------------------------------ one case

// runCase runs c's command and compares its output with c's expected/.
func runCase(t *testing.T, c *confCase) {
	cwd, home := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(cwd, c.configName), c.config, 0o666); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.exe, filepath.Join(c.dir, "calls.json"))
	cmd.Dir = cwd
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "TZ=UTC", "LC_ALL=C.UTF-8", "HOME=" + home}, c.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("the driver did not finish within %v", caseTimeout)
	}
	if runErr != nil {
		var exit *exec.ExitError
		if !errors.As(runErr, &exit) {
			t.Fatalf("running the driver: %v", runErr)
		}
		// The exit status is not compared; it explains a difference.
		defer func() {
			if t.Failed() {
				t.Logf("the driver exited with %v", runErr)
			}
		}()
	}

	exp := filepath.Join(c.dir, "expected")
	for _, s := range []struct {
		name string
		got  []byte
	}{{"stdout", stdout.Bytes()}, {"stderr", stderr.Bytes()}} {
		want, err := os.ReadFile(filepath.Join(exp, s.name))
		if err != nil {
			t.Errorf("malformed case: %v", err)
			continue
		}
		compareBytes(t, s.name, want, s.got)
	}

	wantFiles, err := readTree(filepath.Join(exp, "files"), "")
	if err != nil {
		t.Fatalf("malformed case: %v", err)
	}
	gotFiles, err := readTree(cwd, c.configName)
	if err != nil {
		t.Fatalf("reading the files the driver left: %v", err)
	}
	var missing, extra []string
	for _, rel := range sortedKeys(wantFiles) {
		got, ok := gotFiles[rel]
		if !ok {
			missing = append(missing, rel)
			continue
		}
		compareBytes(t, "files/"+rel, wantFiles[rel], got)
	}
	for _, rel := range sortedKeys(gotFiles) {
		if _, ok := wantFiles[rel]; !ok {
			extra = append(extra, rel)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("files differ: missing %q, extra %q", missing, extra)
	}
}

// readTree reads every regular file under dir (recursively) but the file
// skip at its top, keyed by slash-separated relative path. A missing dir is
// an empty tree.
func readTree(dir, skip string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == skip {
			return nil
		}
		data, err := os.ReadFile(path)
		files[rel] = data
		return err
	})
	return files, err
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---------------------------------------------------------------- line diffs

// compareBytes reports a difference between want and got: the first
// differing line, then a unified diff.
func compareBytes(t *testing.T, name string, want, got []byte) {
	t.Helper()
	if bytes.Equal(want, got) {
		return
	}
	t.Errorf("%s differs at %s\n%s", name, firstDifference(want, got),
		unifiedDiff("expected/"+name, "actual "+name, want, got))
}

// splitLines splits b after every "\n"; the last line may lack one.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i]))
		b = b[i:]
	}
	return lines
}

// firstDifference describes where want and got first differ, as pyref.py
// --check does.
func firstDifference(want, got []byte) string {
	w, g := splitLines(want), splitLines(got)
	for i := 0; i < len(w) && i < len(g); i++ {
		if w[i] != g[i] {
			return fmt.Sprintf("line %d: expected %q, got %q", i+1, w[i], g[i])
		}
	}
	if i := len(g); len(w) > i {
		return fmt.Sprintf("line %d: expected %q, got end of output", i+1, w[i])
	}
	i := len(w)
	return fmt.Sprintf("line %d: expected end of output, got %q", i+1, g[i])
}

// A diffOp is one line of a diff: ' ' common, '-' only in want, '+' only in
// got.
type diffOp struct {
	kind byte
	line string
}

// diffLines returns an edit script from want to got: common prefix and
// suffix, and a longest common subsequence of the middle (or, when the
// middle is too large for the quadratic table, all of it deleted then
// inserted).
func diffLines(want, got []string) []diffOp {
	pre := 0
	for pre < len(want) && pre < len(got) && want[pre] == got[pre] {
		pre++
	}
	suf := 0
	for suf < len(want)-pre && suf < len(got)-pre && want[len(want)-1-suf] == got[len(got)-1-suf] {
		suf++
	}
	var ops []diffOp
	for _, l := range want[:pre] {
		ops = append(ops, diffOp{' ', l})
	}
	w, g := want[pre:len(want)-suf], got[pre:len(got)-suf]
	if len(w)*len(g) > 4_000_000 {
		for _, l := range w {
			ops = append(ops, diffOp{'-', l})
		}
		for _, l := range g {
			ops = append(ops, diffOp{'+', l})
		}
	} else {
		// lcs[i][j] is the LCS length of w[i:] and g[j:].
		lcs := make([][]int, len(w)+1)
		for i := range lcs {
			lcs[i] = make([]int, len(g)+1)
		}
		for i := len(w) - 1; i >= 0; i-- {
			for j := len(g) - 1; j >= 0; j-- {
				if w[i] == g[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(w) || j < len(g) {
			switch {
			case i < len(w) && j < len(g) && w[i] == g[j]:
				ops = append(ops, diffOp{' ', w[i]})
				i++
				j++
			case j == len(g) || (i < len(w) && lcs[i+1][j] >= lcs[i][j+1]):
				ops = append(ops, diffOp{'-', w[i]})
				i++
			default:
				ops = append(ops, diffOp{'+', g[j]})
				j++
			}
		}
	}
	for _, l := range want[len(want)-suf:] {
		ops = append(ops, diffOp{' ', l})
	}
	return ops
}

// unifiedDiff renders the diff of want and got in the unified format, with
// three lines of context.
func unifiedDiff(wantName, gotName string, want, got []byte) string {
	const ctxLines = 3
	ops := diffLines(splitLines(want), splitLines(got))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", wantName, gotName)
	for start := 0; start < len(ops); {
		// Find the next change.
		for start < len(ops) && ops[start].kind == ' ' {
			start++
		}
		if start == len(ops) {
			break
		}
		// Extend the hunk while changes are within 2*ctxLines lines.
		end := start
		for k := start; k < len(ops); k++ {
			if ops[k].kind != ' ' {
				end = k + 1
			} else if k-end >= 2*ctxLines {
				break
			}
		}
		lo, hi := max(start-ctxLines, 0), min(end+ctxLines, len(ops))
		// Line numbers (1-based) of the hunk's first line in want and got.
		wl, gl := 1, 1
		for _, op := range ops[:lo] {
			if op.kind != '+' {
				wl++
			}
			if op.kind != '-' {
				gl++
			}
		}
		wn, gn := 0, 0
		for _, op := range ops[lo:hi] {
			if op.kind != '+' {
				wn++
			}
			if op.kind != '-' {
				gn++
			}
		}
		if wn == 0 { // an empty range names the line before it
			wl--
		}
		if gn == 0 {
			gl--
		}
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", wl, wn, gl, gn)
		for _, op := range ops[lo:hi] {
			b.WriteByte(op.kind)
			b.WriteString(op.line)
			if !strings.HasSuffix(op.line, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		start = hi
	}
	return b.String()
}
