package colorlog

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestVectorsCurrent checks that testdata/vectors.json is what
// testdata/gen_vectors.py writes from the installed Python package, so
// that the other tests compare with colorlog itself.
func TestVectorsCurrent(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import colorlog").Run(); err != nil {
		t.Skipf("%s cannot import colorlog (Debian: apt-get install python3-colorlog), so the vectors are not compared with it: %v", python, err)
	}
	got, err := exec.Command(python, "testdata/gen_vectors.py").Output()
	if err != nil {
		t.Fatalf("gen_vectors.py: %v", err)
	}
	want, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("testdata/vectors.json is not what %s testdata/gen_vectors.py writes now: rewrite it and check the differences", python)
	}
}
