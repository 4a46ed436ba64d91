package colorlog

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	logging "github.com/loggen/loggen/runtime"
)

// vectors is testdata/vectors.json, written by testdata/gen_vectors.py
// from Debian's python3-colorlog 6.7.0.
type vectors struct {
	Blank []struct {
		ForceColor bool    `json:"force_color"`
		NoColor    bool    `json:"no_color"`
		Stream     *string `json:"stream"`
		ForceEnv   *string `json:"FORCE_COLOR"`
		NoEnv      *string `json:"NO_COLOR"`
		Blank      bool    `json:"blank"`
	} `json:"blank"`
	Reset []struct {
		Fmt        string `json:"fmt"`
		Raw, Reset string
	} `json:"reset"`
}

func readVectors(t *testing.T) *vectors {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// setenv sets or, for nil, unsets the variable name for the rest of the
// test.
func setenv(t *testing.T, name string, v *string) {
	t.Setenv(name, "") // restored after the test
	if v == nil {
		os.Unsetenv(name)
		return
	}
	os.Setenv(name, *v)
}

func text(s string) logging.FormatFunc {
	return func(b []byte, r *logging.Record) ([]byte, error) { return append(b, s...), nil }
}

// TestColors checks the choice between colours and blank codes against
// colorlog's _blank_escape_codes, for every combination of force_color,
// no_color, a stream that is not a terminal and the environment variables
// FORCE_COLOR and NO_COLOR (unset, empty, set).
func TestColors(t *testing.T) {
	_, pipe, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pipe.Close()
	r := logging.NewRecord("x", logging.INFO, "m")
	for _, c := range readVectors(t).Blank {
		setenv(t, "FORCE_COLOR", c.ForceEnv)
		setenv(t, "NO_COLOR", c.NoEnv)
		o := Options{Colored: text("colored"), Plain: text("plain"), NoReset: true, NoColor: c.NoColor, ForceColor: c.ForceColor}
		if c.Stream != nil {
			o.Stream = pipe
		}
		f := New(o)
		want := "colored"
		if c.Blank {
			want = "plain"
		}
		got, err := f.Format(nil, r)
		if err != nil || string(got) != want || f.Colors() == c.Blank {
			t.Errorf("force_color %v, no_color %v, stream %v, FORCE_COLOR %v, NO_COLOR %v: Format = %q, %v; want %q",
				c.ForceColor, c.NoColor, c.Stream != nil, str(c.ForceEnv), str(c.NoEnv), got, err, want)
		}
	}
}

func str(s *string) string {
	if s == nil {
		return "unset"
	}
	return "=" + *s
}

// TestReset checks colorlog's _append_reset: the reset code follows a
// coloured message that does not end with it.
func TestReset(t *testing.T) {
	r := logging.NewRecord("x", logging.INFO, "m")
	for _, c := range readVectors(t).Reset {
		got, err := New(Options{Colored: text(c.Raw), ForceColor: true}).Format([]byte("prefix"), r)
		if err != nil || string(got) != "prefix"+c.Reset {
			t.Errorf("%q: Format = %q, %v; want %q", c.Fmt, got, err, "prefix"+c.Reset)
		}
		got, _ = New(Options{Colored: text(c.Raw), ForceColor: true, NoReset: true}).Format(nil, r)
		if string(got) != c.Raw {
			t.Errorf("%q with reset false: Format = %q, want %q", c.Fmt, got, c.Raw)
		}
	}
}

// TestNeedsTime checks that a handler over a Formatter reads the clock
// only when the format prints a time (Options.NoTime unset), with colours
// and without.
func TestNeedsTime(t *testing.T) {
	for _, o := range []Options{
		{Colored: text("c"), Plain: text("p")},
		{Colored: text("c"), Plain: text("p"), NoTime: true},
		{Colored: text("c"), ForceColor: true},
		{Colored: text("c"), ForceColor: true, NoTime: true},
	} {
		h := logging.NewStreamHandler(&bytes.Buffer{})
		h.SetFormatter(New(o))
		if got, want := h.NeedsTime(), !o.NoTime; got != want {
			t.Errorf("NoTime %v, ForceColor %v: handler's NeedsTime() = %v, want %v", o.NoTime, o.ForceColor, got, want)
		}
	}
}
