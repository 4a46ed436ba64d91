package logtest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/logtest"
)

// fakeT records what an assertion reports, and runs cleanups on demand.
type fakeT struct {
	testing.TB
	errs     []string
	cleanups []func()
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) done() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func TestCaptureRecordsAndRestores(t *testing.T) {
	parent := logging.Get("logtest.app")
	child := logging.Get("logtest.app.db")
	other := logging.NewNullHandler()
	parent.AddHandler(other)
	defer parent.RemoveHandler(other)
	parent.SetLevel(logging.ERROR)
	defer parent.SetLevel(logging.NOTSET)

	ft := &fakeT{}
	rec := logtest.Capture(ft, parent, logging.DEBUG)
	if hs := parent.Handlers(); len(hs) != 1 || hs[0] != logging.Handler(rec) {
		t.Fatalf("handlers while capturing: %v", hs)
	}
	child.Debugf("query %d", 7)
	child.LogExtra(0, logging.INFO, nil, []logging.Field{logging.String("user", "bob")}, "login")
	parent.Exception(errors.New("boom"), "failed")
	ft.done()

	want := []string{"DEBUG:logtest.app.db:query 7", "INFO:logtest.app.db:login", "ERROR:logtest.app:failed\nboom"}
	if got := rec.Output(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Output() = %q, want %q", got, want)
	}
	recs := rec.Records()
	if v, ok := recs[1].Field("user"); !ok || v.Str() != "bob" {
		t.Errorf("field user = %v, %v", v, ok)
	}
	if recs[0].Function != "TestCaptureRecordsAndRestores" || !strings.HasSuffix(recs[0].File, "logtest_test.go") || recs[0].Line == 0 {
		t.Errorf("caller: %s %s:%d", recs[0].Function, recs[0].File, recs[0].Line)
	}
	if recs[2].ExcText != "boom" || recs[2].Err == nil || recs[0].Time.IsZero() || recs[0].Message != "query 7" {
		t.Errorf("record: %+v", recs[2])
	}
	if hs := parent.Handlers(); len(hs) != 1 || hs[0] != logging.Handler(other) {
		t.Errorf("handlers after the test: %v", hs)
	}
	if parent.Level() != logging.ERROR || !parent.Propagate() {
		t.Errorf("level %v, propagate %v after the test", parent.Level(), parent.Propagate())
	}
}

func TestAssertLogs(t *testing.T) {
	l := logging.Get("logtest.assert")
	ft := &fakeT{}
	rec := logtest.AssertLogs(ft, l, logging.WARNING, func() { l.Warning("disk full") })
	if len(ft.errs) != 0 || len(rec.Output()) != 1 {
		t.Errorf("errors %q, output %q", ft.errs, rec.Output())
	}
	ft = &fakeT{}
	logtest.AssertLogs(ft, l, logging.WARNING, func() { l.Info("below") })
	if want := "no logs of level WARNING or higher triggered on logtest.assert"; len(ft.errs) != 1 || ft.errs[0] != want {
		t.Errorf("errors %q, want %q", ft.errs, want)
	}
	ft = &fakeT{}
	logtest.AssertNoLogs(ft, l, logging.NOTSET, func() { l.Debug("below INFO") })
	if len(ft.errs) != 0 {
		t.Errorf("AssertNoLogs with a DEBUG record: %q", ft.errs)
	}
	logtest.AssertNoLogs(ft, l, logging.INFO, func() { l.Info("it's here"); l.Error("and here") })
	if want := `Unexpected logs found: ["INFO:logtest.assert:it's here", 'ERROR:logtest.assert:and here']`; len(ft.errs) != 1 || ft.errs[0] != want {
		t.Errorf("errors %q, want %q", ft.errs, want)
	}
}

// A test captures a logger and checks what it logged.
func ExampleCapture() {
	t := &testing.T{} // in a test, the test's own
	l := logging.Get("example.app")
	rec := logtest.Capture(t, l, logging.INFO)
	l.Debug("below the level")
	l.Infof("%d users", 3)
	l.Warning("disk 91% full")
	fmt.Println(rec.Output())
	// Output:
	// [INFO:example.app:3 users WARNING:example.app:disk 91% full]
}
