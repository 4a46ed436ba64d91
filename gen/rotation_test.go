package gen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/loggen/loggen/model"
)

// rotationFiles writes the configurations with loggen's rotation keys in
// its overlay (the golden case rotation.txt's logging.yaml and
// testdata/rotation/logging.ini) into dir and returns their paths.
func rotationFiles(t *testing.T, dir string) []string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "golden", "rotation.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range a.Files {
		if f.Name == "logging.yaml" {
			p := filepath.Join(dir, "logging.yaml")
			if err := os.WriteFile(p, f.Data, 0o666); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
	}
	ini, err := filepath.Abs(filepath.Join("testdata", "rotation", "logging.ini"))
	if err != nil {
		t.Fatal(err)
	}
	return append(paths, ini)
}

// TestRotationKeys checks that loggen reads the rotation keys of the
// overlay, in YAML and in INI, into the handlers' options.
func TestRotationKeys(t *testing.T) {
	for _, path := range rotationFiles(t, t.TempDir()) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := model.Parse(filepath.Base(path), data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		want := map[string]map[string]any{
			"RotatingFileHandler": {"Compress": model.GoName{Pkg: model.HandlersPkg, Name: "CompressGzip"},
				"MaxAge": 30 * 24 * time.Hour, "MaxTotalSize": int64(500 << 20), "MaxBytes": int64(100)},
			"TimedRotatingFileHandler": {"Compress": model.GoName{Pkg: model.HandlersPkg, Name: "CompressGzip"},
				"MaxTotalSize": int64(2 << 30), "MaxBytes": int64(150)},
		}
		n := 0
		for _, h := range cfg.Handlers {
			fields, _ := h.GoFields()
			got := map[string]any{}
			for _, f := range fields {
				got[f.Name] = f.Value
			}
			w := want[filepath.Ext(h.Class.Name)[1:]]
			for k, v := range w {
				if got[k] != v {
					t.Errorf("%s: handler %q: %s = %#v, want %#v", filepath.Base(path), h.ID, k, got[k], v)
				}
			}
			n++
		}
		if n != 2 {
			t.Errorf("%s: %d handlers, want 2", path, n)
		}
	}
}

// TestRotationKeysCPython checks that CPython configures itself from the
// same files, ignoring loggen's overlay, and writes through the handlers.
func TestRotationKeysCPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: CPython's reading of the rotation keys' overlay is not checked")
	}
	if exec.Command(py, "-c", "import yaml").Run() != nil {
		t.Skip("python3 has no PyYAML: CPython's reading of the rotation keys' overlay is not checked")
	}
	for _, path := range rotationFiles(t, t.TempDir()) {
		dir := t.TempDir()
		script := `import logging, logging.config, sys, yaml
p = sys.argv[1]
if p.endswith(".ini"):
    logging.config.fileConfig(p)
else:
    logging.config.dictConfig(yaml.safe_load(open(p)))
logging.getLogger().info("hello")
print(sorted(type(h).__name__ for h in logging.getLogger().handlers))
`
		cmd := exec.Command(py, "-c", script, path)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("CPython cannot configure itself from %s: %v\n%s", path, err, out)
			continue
		}
		if got := string(out); got != "['RotatingFileHandler', 'TimedRotatingFileHandler']\n" {
			t.Errorf("%s: CPython's handlers: %s", path, got)
		}
		for _, f := range []string{"app.log", "daily.log"} {
			if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || len(b) == 0 {
				t.Errorf("%s: CPython wrote nothing to %s (%v)", path, f, err)
			}
		}
	}
}
