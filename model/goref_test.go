package model

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Go names are looked up in the module of the configuration file: a file
// in no module, or in a module that does not require loggen, gets a
// positioned error that says what to do (it used to panic).
func TestGoNamesOutsideAModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command; skipped in -short mode")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	config := []byte("version: 1\nhandlers:\n  h:\n    class: logging.StreamHandler\n    stream: ext://example.com/app/logx.Out\n" +
		"  f:\n    (): example.com/app/logx.NewHandler\nroot:\n  handlers: [h, f]\n")
	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	noModule := t.TempDir()
	write(filepath.Join(noModule, "logging.yaml"), string(config))
	other := t.TempDir()
	write(filepath.Join(other, "go.mod"), "module example.com/app\n\ngo 1.26\n")
	write(filepath.Join(other, "logx", "logx.go"), "package logx\n\nimport \"os\"\n\nvar Out = os.Stdout\n")
	write(filepath.Join(other, "logging.yaml"), string(config))
	for _, c := range []struct {
		dir  string
		want string
	}{
		{noModule, "is in no Go module: Go names in ext://, '()', class and loggen's context section are looked up in the module of the configuration file (run go mod init there)"},
		{other, "does not provide the loggen runtime (github.com/loggen/loggen/runtime): run go get github.com/loggen/loggen there"},
	} {
		t.Setenv("GOFLAGS", "-mod=mod")
		_, err := Load(filepath.Join(c.dir, "logging.yaml"))
		if err == nil {
			t.Fatalf("%s: no error", c.dir)
		}
		list, ok := err.(ErrorList)
		if !ok || len(list) != 2 {
			t.Fatalf("%s: want two positioned errors, got %v", c.dir, err)
		}
		for i, line := range []int{5, 7} {
			if list[i].Pos.Line != line || !strings.Contains(list[i].Msg, c.want) {
				t.Errorf("%s: error %d = %v, want line %d and %q", c.dir, i, list[i], line, c.want)
			}
		}
	}
}

func TestReadConfigFileRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxConfigSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for path, want := range map[string]string{
		dir: "is a directory, not a file",
		big: "more than the 16777216 a configuration may have",
	} {
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%s) = %v, want an error containing %q", path, err, want)
		}
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "is a device, not a file") {
			t.Errorf("Load(/dev/zero) = %v", err)
		}
	}
	if _, err := Parse("big.yaml", make([]byte, MaxConfigSize+1)); err == nil || !strings.Contains(err.Error(), "big.yaml:1:1:") {
		t.Errorf("Parse of %d bytes = %v", MaxConfigSize+1, err)
	}
}
