package examples_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jsonlogOutput is what examples/jsonlog and its Python twin write, with
// the clock masked: <time> for asctime, <timestamp> for the timestamp.
var jsonlogOutput = []string{
	`{"time": "<time>", "level": "DEBUG", "name": "shop.orders", "message": "cart loaded", "request_id": "r-17", "timestamp": "<timestamp>"}`,
	`{"time": "<time>", "level": "INFO", "name": "shop.orders", "message": "order placed", "request_id": "r-17", "items": 3, "total": 19.99, "gift": true, "coupon": null, "timestamp": "<timestamp>"}`,
	`{"time": "<time>", "level": "WARNING", "name": "shop", "message": "stock low for caf\u00e9 cr\u00e8me: 2 left", "request_id": "r-18", "timestamp": "<timestamp>"}`,
	`{"time": "<time>", "level": "ERROR", "name": "shop.payments", "message": "card declined", "request_id": "r-19", "code": "51", "timestamp": "<timestamp>"}`,
	`{"time": "<time>", "level": "INFO", "name": "root", "message": "shutting down", "request_id": null, "timestamp": "<timestamp>"}`,
}

// jsonlogLines returns jsonlogOutput as the patterns of TestExamplesRun.
func jsonlogLines() []string {
	var out []string
	for _, l := range jsonlogOutput {
		p := regexp.QuoteMeta(l)
		p = strings.ReplaceAll(p, "<time>", asctime)
		p = strings.ReplaceAll(p, "<timestamp>", isoTimestamp)
		out = append(out, p)
	}
	return out
}

// isoTimestamp matches python-json-logger's timestamp.
const isoTimestamp = `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00`

// systemPython is Debian's interpreter, which python3-pythonjsonlogger
// (python-json-logger 2.0.1) installs into.
const systemPython = "/usr/bin/python3"

// TestJSONLogMatchesPython runs examples/jsonlog and its Python twin,
// app.py, which reads the same logging.yaml with logging.config.dictConfig
// and python-json-logger, and compares what they write byte for byte once
// the clock is masked (each line's time and timestamp).
func TestJSONLogMatchesPython(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs; skipped in -short mode")
	}
	if err := exec.Command(systemPython, "-c", "import pythonjsonlogger.jsonlogger, yaml").Run(); err != nil {
		t.Skipf("%s cannot import pythonjsonlogger.jsonlogger and yaml (apt-get install python3-pythonjsonlogger python3-yaml): the Go side is checked by TestExamplesRun only", systemPython)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	exe := filepath.Join(t.TempDir(), "jsonlog")
	if out, err := exec.Command("go", "build", "-o", exe, "./jsonlog").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	app, err := filepath.Abs(filepath.Join("jsonlog", "app.py"))
	if err != nil {
		t.Fatal(err)
	}
	masks := []struct {
		re   *regexp.Regexp
		with string
	}{
		{regexp.MustCompile(`"time": "` + asctime + `"`), `"time": "<time>"`},
		{regexp.MustCompile(`"timestamp": "` + isoTimestamp + `"`), `"timestamp": "<timestamp>"`},
	}
	run := func(name string, args ...string) string {
		cmd := exec.Command(name, args...)
		cmd.Dir = t.TempDir()
		cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8")
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil || e.Len() > 0 {
			t.Fatalf("%s: %v\nstderr:\n%s", name, err, e.String())
		}
		s := o.String()
		for _, m := range masks {
			s = m.re.ReplaceAllString(s, m.with)
		}
		return s
	}
	py := run(systemPython, app)
	goOut := run(exe)
	if goOut != py {
		t.Errorf("Go and Python differ:\nGo:\n%s\nPython:\n%s", goOut, py)
	}
	if want := strings.Join(jsonlogOutput, "\n") + "\n"; py != want {
		t.Errorf("Python wrote:\n%s\nwant:\n%s", py, want)
	}
}
