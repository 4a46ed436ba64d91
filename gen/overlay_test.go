package gen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// TestOverlay checks loggen's overlay (its own section's formatters,
// filters, handlers, loggers and root, or INI sections [loggen.X]): a file
// with an overlay generates the same code as the file with the overlay
// written into its entries by hand (testdata/overlay: overlay.* and
// merged.*).
func TestOverlay(t *testing.T) {
	for _, ext := range []string{"yaml", "ini"} {
		t.Run(ext, func(t *testing.T) {
			code := func(name string) []byte {
				t.Helper()
				path := filepath.Join("testdata", "overlay", name+"."+ext)
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				// The same name for both, which the header shows.
				cfg, err := model.Parse("logging."+ext, data)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging." + ext})
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				return src
			}
			got, want := code("overlay"), code("merged")
			if !bytes.Equal(got, want) {
				t.Errorf("overlay and merged differ:\n%s", lineDiff(string(want), string(got)))
			}
		})
	}
}

// TestOverlayCPython checks that CPython configures itself from the files
// of testdata/overlay, ignoring loggen's section.
func TestOverlayCPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: CPython's reading of files with an overlay is not checked")
	}
	if exec.Command(py, "-c", "import yaml").Run() != nil {
		t.Skip("python3 has no PyYAML: CPython's reading of files with an overlay is not checked")
	}
	dir := t.TempDir() // the handlers' files go there
	for _, name := range []string{"overlay.yaml", "merged.yaml", "overlay.ini", "merged.ini"} {
		path, err := filepath.Abs(filepath.Join("testdata", "overlay", name))
		if err != nil {
			t.Fatal(err)
		}
		script := `import logging.config, sys, yaml
p = sys.argv[1]
if p.endswith(".ini"):
    logging.config.fileConfig(p)
else:
    logging.config.dictConfig(yaml.safe_load(open(p)))
`
		cmd := exec.Command(py, "-c", script, path)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("CPython cannot configure itself from %s: %v\n%s", name, err, out)
		}
	}
}
