package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
