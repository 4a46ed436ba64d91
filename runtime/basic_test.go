package runtime

import (
	"bytes"
	"strings"
	"testing"
)

// resetRoot removes the root logger's handlers and level after a test.
func resetRoot(t *testing.T) {
	t.Helper()
	clear := func() {
		for _, h := range Root().Handlers() {
			Root().RemoveHandler(h)
		}
		Root().SetLevel(WARNING)
	}
	clear()
	t.Cleanup(clear)
}

func TestBasicConfig(t *testing.T) {
	resetRoot(t)
	var out bytes.Buffer
	if err := BasicConfig(BasicConfigOptions{Stream: &out, Level: INFO}); err != nil {
		t.Fatal(err)
	}
	Root().Info("first")
	Get("app.db").Debug("below INFO")
	Get("app.db").Warningf("disk %d%%", 95)
	// A second call does nothing: the root logger has a handler.
	var other bytes.Buffer
	if err := BasicConfig(BasicConfigOptions{Stream: &other, Format: "%(message)s", Level: DEBUG}); err != nil {
		t.Fatal(err)
	}
	Root().Debug("still INFO")
	if want := "INFO:root:first\nWARNING:app.db:disk 95%\n"; out.String() != want || other.Len() != 0 {
		t.Errorf("output %q (and %q), want %q", out.String(), other.String(), want)
	}
	// Force replaces the handlers; a handler with a formatter keeps it.
	kept, _ := NewFormatter("kept %(message)s", FormatterOptions{})
	h1, h2 := NewStreamHandler(&other), NewStreamHandler(&other)
	h2.SetFormatter(kept)
	if err := BasicConfig(BasicConfigOptions{Handlers: []Handler{h1, h2}, Force: true, Format: "{levelname} {message}", Style: '{'}); err != nil {
		t.Fatal(err)
	}
	Root().Warning("forced")
	if want := "WARNING forced\nkept forced\n"; other.String() != want {
		t.Errorf("after Force: %q, want %q", other.String(), want)
	}
}

func TestBasicConfigErrors(t *testing.T) {
	resetRoot(t)
	var out bytes.Buffer
	for _, c := range []struct {
		o    BasicConfigOptions
		want string
	}{
		{BasicConfigOptions{Stream: &out, Filename: "x.log"}, "'stream' and 'filename' should not be specified together"},
		{BasicConfigOptions{Handlers: []Handler{NewNullHandler()}, Filename: "x.log"}, "'stream' or 'filename' should not be specified together with 'handlers'"},
		{BasicConfigOptions{Style: '#'}, "Style must be one of: %,{,$"},
		{BasicConfigOptions{Format: "%(message)"}, "incomplete format"},
	} {
		if err := BasicConfig(c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("BasicConfig(%+v) = %v, want %q", c.o, err, c.want)
		}
		if n := len(Root().Handlers()); n != 0 {
			t.Fatalf("a failed BasicConfig left %d handlers", n)
		}
	}
}

// The module-level functions call BasicConfig first when the root logger
// has no handler, even for a call below its level, as Python's do.
func TestModuleFunctionsConfigureFirst(t *testing.T) {
	resetRoot(t)
	var stderr syncBuffer
	SetErrorOutput(&stderr) // not used by the handler: it writes to os.Stderr
	defer SetErrorOutput(nil)
	Debug("below WARNING")
	if n := len(Root().Handlers()); n != 1 {
		t.Fatalf("after logging.Debug the root logger has %d handlers, want 1 (basicConfig)", n)
	}
	var out bytes.Buffer
	if err := BasicConfig(BasicConfigOptions{Stream: &out, Force: true}); err != nil {
		t.Fatal(err)
	}
	Warningf("%s", "shown")
	NewAdapter(Get("app"), String("user", "bob")).Error("with an extra")
	if want := "WARNING:root:shown\nERROR:app:with an extra\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
}
