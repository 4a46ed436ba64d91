package stdlog_test

import (
	"fmt"
	"log"
	"strings"
	"testing"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/logtest"
	"github.com/loggen/loggen/runtime/stdlog"
)

func legacy() { log.Printf("cache warmed in %dms", 12) }

func TestRedirect(t *testing.T) {
	l := logging.Get("stdlog.legacy")
	rec := logtest.Capture(t, l, logging.DEBUG)
	log.SetPrefix("")
	restore := stdlog.Redirect(l, logging.WARNING)
	legacy()
	log.Println("two", "words")
	fmt.Fprintf(log.Writer(), "written directly\n")
	restore()
	if log.Flags() != log.LstdFlags {
		t.Errorf("flags after restore: %d", log.Flags())
	}
	want := []string{"WARNING:stdlog.legacy:cache warmed in 12ms", "WARNING:stdlog.legacy:two words", "WARNING:stdlog.legacy:written directly"}
	if got := rec.Output(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	recs := rec.Records()
	if recs[0].Function != "legacy" || recs[1].Function != "TestRedirect" || !strings.HasSuffix(recs[1].File, "stdlog_test.go") {
		t.Errorf("callers: %s, %s %s", recs[0].Function, recs[1].Function, recs[1].File)
	}
	if recs[2].Line != 0 {
		t.Errorf("a direct write has a caller: %s:%d", recs[2].File, recs[2].Line)
	}
}

func TestNewLogger(t *testing.T) {
	l := logging.Get("stdlog.http")
	rec := logtest.Capture(t, l, logging.INFO)
	el := stdlog.NewLogger(l, logging.ERROR, "http: ")
	el.Printf("TLS handshake error from %s", "10.0.0.1:5555")
	stdlog.NewLogger(l, logging.DEBUG, "").Print("below the level")
	if got := rec.Output(); len(got) != 1 || got[0] != "ERROR:stdlog.http:http: TLS handshake error from 10.0.0.1:5555" {
		t.Errorf("got %q", got)
	}
	if r := rec.Records()[0]; r.Function != "TestNewLogger" {
		t.Errorf("caller: %s", r.Function)
	}
}

// The standard logger logs through a loggen logger, with the caller of
// each call.
func ExampleRedirect() {
	l := logging.Get("legacy")
	rec := logtest.Capture(&testing.T{}, l, logging.INFO) // in a test, the test's own t
	restore := stdlog.Redirect(l, logging.INFO)
	log.Printf("cache warmed in %dms", 12)
	restore()
	r := rec.Records()[0]
	fmt.Println(r.Text, "from", r.Function)
	// Output:
	// INFO:legacy:cache warmed in 12ms from ExampleRedirect
}
