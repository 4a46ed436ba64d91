package runtime

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
)

// The error types of the CPython vectors: testdata/tracebacks.py names its
// exception classes after them.
type ValueError struct{ msg string }

func (e ValueError) Error() string { return e.msg }

type Wrap struct {
	msg string
	err error
}

func (e Wrap) Error() string { return e.msg }
func (e Wrap) Unwrap() error { return e.err }

type Group struct {
	msg  string
	errs []error
}

func (e Group) Error() string   { return e.msg }
func (e Group) Unwrap() []error { return e.errs }

// excCases builds the Go errors of the cases of testdata/tracebacks.py.
func excCases() map[string]error {
	var wide []error
	for i := range 17 {
		wide = append(wide, ValueError{strconv.Itoa(i)})
	}
	deep := error(Group{"level 0", []error{ValueError{"leaf"}}})
	for i := 1; i < 12; i++ {
		deep = Group{fmt.Sprintf("level %d", i), []error{deep}}
	}
	return map[string]error{
		"chain2": Wrap{"read config: boom", ValueError{"boom"}},
		"chain3": Wrap{"serve: read config: boom", Wrap{"read config: boom", ValueError{"boom"}}},
		"group":  Group{"two", []error{ValueError{"a"}, ValueError{"b"}}},
		"join":   errors.Join(ValueError{"a"}, Wrap{"b: c", ValueError{"c"}}),
		"nested": Group{"outer", []error{ValueError{"a"},
			Group{"inner", []error{ValueError{"b"}, ValueError{"c"}}}}},
		"wide":         Group{"many", wide},
		"multiline":    Wrap{"two\nlines", Group{"g", []error{ValueError{"x\ny"}}}},
		"group-caused": Wrap{"wrapped", Group{"inner", []error{ValueError{"a"}}}},
		"deep":         deep,
		"empty":        Wrap{"", ValueError{""}},
	}
}

// Chains and groups print as CPython's traceback module prints the same
// exceptions (testdata/tracebacks.json, made by testdata/tracebacks.py).
func TestExcTextCPython(t *testing.T) {
	data, err := os.ReadFile("testdata/tracebacks.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]string
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	cases := excCases()
	if len(cases) != len(want) {
		t.Errorf("%d Go cases, %d CPython cases", len(cases), len(want))
	}
	for name, err := range cases {
		r := &Record{Err: err}
		if got := r.ExcText(); got != want[name] {
			t.Errorf("%s:\ngot:\n%s\nwant (CPython):\n%s", name, got, want[name])
		}
	}
}

// The committed vectors are what CPython prints now.
func TestExcTextVectorsFresh(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 (CPython 3.11) is not on PATH: the vectors cannot be regenerated")
	}
	out, err := exec.Command(py, "-c", "import sys; print(sys.version_info[:2] >= (3, 11))").Output()
	if err != nil || strings.TrimSpace(string(out)) != "True" {
		t.Skip("python3 is older than 3.11: it has no exception groups")
	}
	out, err = exec.Command(py, filepath.Join("testdata", "tracebacks.py")).Output()
	if err != nil {
		t.Fatalf("tracebacks.py: %v", err)
	}
	data, _ := os.ReadFile("testdata/tracebacks.json")
	if string(out) != string(data) {
		t.Error("testdata/tracebacks.json is stale: run python3 tracebacks.py > tracebacks.json in runtime/testdata")
	}
}

// An error alone prints as its text, as loggen always printed it; an
// annotation of one (same text) too.
func TestExcTextPlain(t *testing.T) {
	for _, err := range []error{errors.New("boom"), fmt.Errorf("%w", errors.New("boom"))} {
		if got := (&Record{Err: err}).ExcText(); got != "boom" {
			t.Errorf("ExcText of %#v = %q, want boom", err, got)
		}
	}
	if got := string((&Record{}).AppendExcText(nil)); got != "None" {
		t.Errorf("AppendExcText without an error = %q", got)
	}
}

func failHere() error { return WithStack(os.ErrNotExist) }

// A WithStack error prints its traceback: the frames from the test's
// goroutine down to the WithStack call, in Python's layout.
func TestWithStackTraceback(t *testing.T) {
	_, file, line, _ := goruntime.Caller(0)
	err := fmt.Errorf("read config: %w", failHere())
	if !errors.Is(err, os.ErrNotExist) {
		t.Error("errors.Is does not see through WithStack")
	}
	if WithStack(err) != err {
		t.Error("WithStack captured a second stack")
	}
	if WithStack(nil) != nil {
		t.Error("WithStack(nil) is not nil")
	}
	got := (&Record{Err: err}).ExcText()
	want := "Traceback (most recent call last):\n" +
		`  File "` + file + `", line ` + strconv.Itoa(line+1) + ", in TestWithStackTraceback\n" +
		`  File "` + file + `", line ` + strconv.Itoa(line-5) + ", in failHere\n" +
		"errors.errorString: file does not exist\n" +
		"\nThe above exception was the direct cause of the following exception:\n\n" +
		"fmt.wrapError: read config: file does not exist"
	// The frames above the test function are testing's.
	i := strings.Index(got, `  File "`+file)
	j := strings.Index(got, "\n") + 1
	if i < 0 || !strings.HasPrefix(got, "Traceback (most recent call last):\n") {
		t.Fatalf("no traceback through the test:\n%s", got)
	}
	for _, l := range strings.Split(got[j:i], "\n") {
		if l != "" && !strings.Contains(l, "/testing/testing.go") {
			t.Errorf("unexpected frame before the test's: %q", l)
		}
	}
	if got = got[:j] + got[i:]; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// captureTo configures the root logger at DEBUG with one handler that
// writes through nameLevelMessage (which appends exc_text and
// stack_info) to the returned buffer.
func captureTo(t *testing.T) *syncBuffer {
	return configureTo(t, DEBUG)
}

func logsInfo(l *Logger) { l.Info("with stack") }

// logsInfoLine is the line of logsInfo's call.
var logsInfoLine = line() - 3

func thisFile() string {
	_, file, _, _ := goruntime.Caller(1)
	return file
}

// SetStackInfo adds the logging call's stack after the message, as
// Python's stack_info=True does, for the logger and its descendants.
func TestStackInfo(t *testing.T) {
	buf := captureTo(t)
	parent, child := Get("stackinfo"), Get("stackinfo.child")
	parent.SetStackInfo(INFO)
	defer parent.SetStackInfo(NOTSET)
	file, line := thisFile(), line()
	logsInfo(child)
	child.Debug("below the level")
	out := buf.String()
	wantEnd := `  File "` + file + `", line ` + strconv.Itoa(line+1) + ", in TestStackInfo\n" +
		`  File "` + file + `", line ` + strconv.Itoa(logsInfoLine) + ", in logsInfo\n" +
		"stackinfo.child DEBUG below the level\n"
	if !strings.HasPrefix(out, "stackinfo.child INFO with stack\nStack (most recent call last):\n") || !strings.HasSuffix(out, wantEnd) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", out, wantEnd)
	}
	r := &Record{}
	if r.StackInfo() != "" || string(r.AppendStackInfo(nil)) != "None" {
		t.Error("a record without a stack has stack_info")
	}
}

func panics(i int) int {
	var a []int
	return a[i] // index out of range
}

var panicsLine = line() - 3

// LogPanic logs the panic at CRITICAL with its traceback, from the
// goroutine's first function to the one that panicked, and stops it or
// lets it go on.
func TestLogPanic(t *testing.T) {
	buf := captureTo(t)
	l := Get("panicky")
	file, line := thisFile(), line()
	func() {
		defer l.LogPanic(false)
		panics(3)
	}()
	out := buf.String()
	wantStart := "panicky CRITICAL panic: runtime error: index out of range [3] with length 0\nTraceback (most recent call last):\n"
	wantEnd := `  File "` + file + `", line ` + strconv.Itoa(line+3) + ", in TestLogPanic.func1\n" +
		`  File "` + file + `", line ` + strconv.Itoa(panicsLine) + ", in panics\n" +
		"panic: runtime error: index out of range [3] with length 0\n"
	if !strings.HasPrefix(out, wantStart) || !strings.HasSuffix(out, wantEnd) {
		t.Errorf("got:\n%s\nwant:\n%s...\n%s", out, wantStart, wantEnd)
	}

	defer func() {
		if v := recover(); v != "again" {
			t.Errorf("LogPanic(true) let %v go on, want the panic", v)
		}
		if !strings.Contains(buf.String(), "panicky CRITICAL panic: again\n") {
			t.Errorf("the repanicked panic was not logged:\n%s", buf.String())
		}
	}()
	defer l.LogPanic(true)
	panic("again")
}

// LogRecovered logs a panic that a deferred function recovered itself, with
// extra attributes and LogPanic's traceback.
func TestLogRecovered(t *testing.T) {
	buf := configureFormat(t, withRequestID, DEBUG)
	l := Get("recovered")
	file, line := thisFile(), line()
	func() {
		defer func() {
			if v := recover(); v != nil {
				l.LogRecovered(v, false, []Field{String("request_id", "r-7")})
			}
		}()
		panics(2)
	}()
	out := buf.String()
	wantStart := "recovered CRITICAL panic: runtime error: index out of range [2] with length 0 [r-7]\nTraceback (most recent call last):\n"
	wantEnd := `  File "` + file + `", line ` + strconv.Itoa(line+7) + ", in TestLogRecovered.func1\n" +
		`  File "` + file + `", line ` + strconv.Itoa(panicsLine) + ", in panics\n" +
		"panic: runtime error: index out of range [2] with length 0\n"
	if !strings.HasPrefix(out, wantStart) || !strings.HasSuffix(out, wantEnd) {
		t.Errorf("got:\n%s\nwant:\n%s...\n%s", out, wantStart, wantEnd)
	}
}
