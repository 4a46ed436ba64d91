package runtime

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// The vectors of testdata/formatter_vectors.json are CPython's output for
// one record through logging.Formatter(format, datefmt, style), written by
// testdata/gen_formatter_vectors.py.
type formatterVector struct {
	Style   string         `json:"style"`
	Format  string         `json:"format"`
	Datefmt string         `json:"datefmt"`
	Extra   map[string]any `json:"extra"`
	Out     string         `json:"out"`
}

// vectorRecord is the record of the vectors: created at 1700000000.123456
// (UTC), 5000 ms after the start, "disk %s at %d%%" % ("low", 95).
func vectorRecord(t *testing.T, extra map[string]any) *Record {
	t.Helper()
	SetStartTime(time.Unix(1699999995, 123456000))
	t.Cleanup(func() { SetStartTime(time.Now()) })
	r := NewRecord("app.db", WARNING, "disk %s at %d%%", "low", 95)
	r.SetTime(time.Unix(1700000000, 123456000))
	for k, v := range extra {
		if f, ok := v.(float64); ok && f == float64(int64(f)) {
			v = int64(f) // JSON numbers: the vectors' ints
		}
		r.Extra = append(r.Extra, Any(k, v))
	}
	return r
}

func TestNewFormatterMatchesCPython(t *testing.T) {
	t.Setenv("TZ", "UTC")
	old := time.Local
	time.Local = time.UTC
	defer func() { time.Local = old }()
	data, err := os.ReadFile("testdata/formatter_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vecs []formatterVector
	if err := json.Unmarshal(data, &vecs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vecs {
		f, err := NewFormatter(v.Format, FormatterOptions{Datefmt: v.Datefmt, Style: v.Style[0]})
		if err != nil {
			t.Errorf("NewFormatter(%q): %v", v.Format, err)
			continue
		}
		got, err := f.Format(nil, vectorRecord(t, v.Extra))
		if err != nil || string(got) != v.Out {
			t.Errorf("%s-style %q datefmt %q:\n got %q, %v\nwant %q", v.Style, v.Format, v.Datefmt, got, err, v.Out)
		}
	}
}

func TestNewFormatterErrors(t *testing.T) {
	for _, c := range []struct {
		format, datefmt string
		style           byte
		want            string
	}{
		{"%(message)", "", '%', `format "%(message)": offset 0: incomplete format`},
		{"no fields", "", '%', "no fields"},
		{"{message:>>>}", "", '{', "Unknown format code"},
		{"%(message)s", "%Q", '%', `datefmt "%Q"`},
	} {
		_, err := NewFormatter(c.format, FormatterOptions{Datefmt: c.datefmt, Style: c.style})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewFormatter(%q, %q) = %v, want an error containing %q", c.format, c.datefmt, err, c.want)
		}
	}
	if _, err := NewFormatter("no fields", FormatterOptions{NoValidate: true}); err != nil {
		t.Errorf("validate false: %v", err)
	}
	// A missing extra is Python's error at format time; a default fills it.
	f, _ := NewFormatter("%(user)s %(message)s", FormatterOptions{})
	if _, err := f.Format(nil, NewRecord("x", INFO, "m")); err == nil || err.Error() != "Formatting field not found in record: 'user'" {
		t.Errorf("missing extra: %v", err)
	}
	f, err := NewFormatter("%(user)s %(message)s", FormatterOptions{Defaults: map[string]any{"user": "-"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.Format(nil, NewRecord("x", INFO, "m")); err != nil || string(got) != "- m" {
		t.Errorf("default: %q, %v", got, err)
	}
	if _, err := NewFormatter("%(n)d", FormatterOptions{Defaults: map[string]any{"n": "x"}}); err == nil {
		t.Error("a default the format cannot print was accepted")
	}
}
