package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// cpythonFile is the optional section of a golden case that holds what
// CPython makes of the case's filters: the output of
// testdata/cpython/filters.py run on its logging.yaml.
const cpythonFile = "cpython"

// TestFiltersCPython runs testdata/cpython/filters.py with CPython on the
// configuration of every golden case that has a cpython section, and
// compares its output with that section: it shows that CPython loads the
// file and what each filter of it is there (loggen's own filter classes,
// named with class, are logging.Filter objects that pass every record).
func TestFiltersCPython(t *testing.T) {
	var cases []*goldenCase
	for _, c := range goldenCases(t) {
		if _, ok := c.section(cpythonFile); ok {
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		t.Fatalf("no case of testdata/golden has a -- %s -- section", cpythonFile)
	}
	py := pythonWithYAML(t, "CPython's reading of the golden cases' filters is not checked")
	script, err := filepath.Abs(filepath.Join("testdata", "cpython", "filters.py"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			config, _ := c.section(configFile)
			if err := os.WriteFile(filepath.Join(dir, configFile), config, 0o666); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(py, script, configFile)
			cmd.Dir = dir
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("CPython cannot configure itself from %s: %v\n%s", c.path, err, stderrOf(err))
			}
			want, _ := c.section(cpythonFile)
			if string(out) != string(want) {
				t.Errorf("%s: CPython's filters differ from the %s section (- want, + got):\n%s", c.path, cpythonFile, lineDiff(string(want), string(out)))
			}
		})
	}
}

// pythonWithYAML returns the path of python3, or skips the test (saying
// what is not checked, why) when python3 or its PyYAML is missing.
func pythonWithYAML(t *testing.T, unchecked string) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: " + unchecked)
	}
	if exec.Command(py, "-c", "import yaml").Run() != nil {
		t.Skip("python3 has no PyYAML: " + unchecked)
	}
	return py
}

// stderrOf returns the standard error of a command that failed, if err
// holds it.
func stderrOf(err error) []byte {
	if e, ok := err.(*exec.ExitError); ok {
		return e.Stderr
	}
	return nil
}

// TestFloodOverlayINI checks flood filters declared in an INI file's
// overlay sections ([loggen.filters], [loggen.filter_ID], filters= in
// [loggen.handler_ID] and [loggen.logger_ID]): testdata/overlay/flood.ini
// generates the same code as the YAML file of the golden case
// flood-overlay, and CPython's fileConfig loads it, with no filters.
func TestFloodOverlayINI(t *testing.T) {
	const ini = "flood.ini"
	code := func(name string, data []byte) string {
		t.Helper()
		cfg, err := model.Parse(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The same source for both, which the header shows.
		src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(src)
	}
	path := filepath.Join("testdata", "overlay", ini)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var yamlData []byte
	for _, c := range goldenCases(t) {
		if c.name == "flood-overlay" {
			yamlData, _ = c.section(configFile)
		}
	}
	if yamlData == nil {
		t.Fatal("no golden case flood-overlay")
	}
	got, want := code(ini, data), code(configFile, yamlData)
	if got != want {
		t.Errorf("%s and the golden case flood-overlay differ (- yaml, + ini):\n%s", path, lineDiff(want, got))
	}

	py := pythonWithYAML(t, "CPython's reading of "+path+" is not checked")
	script, err := filepath.Abs(filepath.Join("testdata", "cpython", "filters.py"))
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, script, abs)
	cmd.Dir = t.TempDir()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("CPython cannot configure itself from %s: %v\n%s", path, err, stderrOf(err))
	}
	const wantCPython = "logger app: no filters\nhandler out: no filters\n"
	if string(out) != wantCPython {
		t.Errorf("CPython's filters of %s differ (- want, + got):\n%s", path, lineDiff(wantCPython, string(out)))
	}
}
