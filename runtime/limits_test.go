package runtime

import (
	"fmt"
	goruntime "runtime"
	"testing"
)

// TestHugeWidthIsAHandlerError checks that a printf-style call whose width
// CPython refuses, or would run out of memory for, fails like any other
// formatting error: the record is reported on the error output, as
// Python's handleError does, nothing is written for it, and logging goes
// on. It also checks that the failure is cheap: no gigabyte buffer.
func TestHugeWidthIsAHandlerError(t *testing.T) {
	var errOut syncBuffer
	SetErrorOutput(&errOut)
	defer SetErrorOutput(nil)
	buf := configureTo(t, INFO)
	runs++
	name := fmt.Sprintf("hw%d", runs)
	l := Get(name)

	var before, after goruntime.MemStats
	goruntime.ReadMemStats(&before)
	l.Infof("%99999999999999999999d", 1) // CPython: ValueError
	l.Infof("%9223372036854775807d", 1)  // CPython: MemoryError
	l.Warningf("disk %*d%%", 1<<40, 95)  // CPython: MemoryError
	l.Errorf("%.2147483646x", 255)       // CPython: OverflowError
	l.Infof("ok %-*d|%.3f", 5, 42, 2.5)  // within limits
	l.Info("after")
	goruntime.ReadMemStats(&after)

	want := name + " INFO ok 42   |2.500\n" + name + " INFO after\n"
	if got := buf.String(); got != want {
		t.Errorf("handler wrote %q, want %q", got, want)
	}
	wantErr := "--- Logging error ---\nhandler \"buf\": width too big\n" +
		"Message: '%99999999999999999999d'\nArguments: (1,)\n" +
		"--- Logging error ---\nhandler \"buf\": width 9223372036854775807 is over loggen's limit: " +
		"the widths and precisions of one message may add up to at most 65536 characters\n" +
		"Message: '%9223372036854775807d'\nArguments: (1,)\n" +
		"--- Logging error ---\nhandler \"buf\": width 1099511627776 is over loggen's limit: " +
		"the widths and precisions of one message may add up to at most 65536 characters\n" +
		"Message: 'disk %*d%%'\nArguments: (1099511627776, 95)\n" +
		"--- Logging error ---\nhandler \"buf\": precision too large\n" +
		"Message: '%.2147483646x'\nArguments: (255,)\n"
	if got := errOut.String(); got != wantErr {
		t.Errorf("error output\n%s\nwant\n%s", got, wantErr)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
		t.Errorf("the calls allocated %d bytes", n)
	}
}
