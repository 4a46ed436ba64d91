package runtime

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// jsonRecord returns a record at a fixed time with the given extras.
func jsonRecord(err error, extra ...Field) *Record {
	r := NewRecord("app", INFO, "hello")
	r.SetTime(time.Unix(1700000000, 123456000))
	r.Err = err
	r.Extra = extra
	return r
}

// TestJSONExtras checks the order, separators and collisions of the
// extras, as python-json-logger's merge_record_extra gives them.
func TestJSONExtras(t *testing.T) {
	o := pyfmt.JSONOptions{ASCII: true}
	for _, c := range []struct {
		name  string
		x     *JSONExtras
		extra []Field
		start string
		want  string
		late  uint64
	}{
		{"order and types", &JSONExtras{JSON: o},
			[]Field{String("b", "x\u00e9"), Int("a", 1), Float64("f", 0.5), Bool("t", true), Any("n", nil), Any("l", []int{1, 2})},
			`{"k": 1`, `{"k": 1, "b": "x\u00e9", "a": 1, "f": 0.5, "t": true, "n": null, "l": [1, 2]`, 0},
		{"first item", &JSONExtras{JSON: o}, []Field{Int("a", 1), Int("b", 2)}, `{`, `{"a": 1, "b": 2`, 0},
		{"left out", &JSONExtras{JSON: o, Skip: func(k string) bool { return k == "user" }},
			[]Field{String("_p", "x"), String("user", "u"), String("name", "shadowed"), String("message", "m"), String("taskName", "t"), Int("ok", 1)},
			`{`, `{"taskName": "t", "ok": 1`, 0},
		{"a key twice: first place, last value", &JSONExtras{JSON: o},
			[]Field{Int("a", 1), Int("b", 2), Int("a", 3)}, `{`, `{"a": 3, "b": 2`, 0},
		{"renamed onto one key", &JSONExtras{JSON: o, Rename: func(k string) string {
			if k == "x" || k == "y" {
				return "xy"
			}
			return k
		}}, []Field{Int("x", 1), Int("z", 0), Int("y", 2)}, `{`, `{"xy": 2, "z": 0`, 0},
		{"taken", &JSONExtras{JSON: o, Taken: func(r *Record, k string) bool { return k == "level" || k == "error" && r.Err != nil }},
			[]Field{String("level", "L"), String("error", "E")}, `{`, `{"error": "E"`, 0},
		{"late keys", &JSONExtras{JSON: o, Late: []JSONLate{{"ts", LateTimestamp}, {"text", LateMessage}, {"keep", LateKeep}, {"absent", LateKeep}}},
			[]Field{String("ts", "x"), String("keep", "k"), String("text", "y")},
			`{`, `{"ts": "2023-11-14T22:13:20.123456+00:00", "keep": "k", "text": "hello"`, 0b111},
		{"indented", &JSONExtras{JSON: pyfmt.JSONIndent(2, true)}, []Field{Any("l", []string{"a"}), Int("n", 1)},
			`{`, "{\n  \"l\": [\n    \"a\"\n  ],\n  \"n\": 1", 0},
	} {
		r := jsonRecord(nil, c.extra...)
		got, late := c.x.Append([]byte(c.start), r)
		if string(got) != c.want || late != c.late {
			t.Errorf("%s: got %s (late %b), want %s (late %b)", c.name, got, late, c.want, c.late)
		}
	}
	x := &JSONExtras{JSON: o, Rename: func(k string) string {
		if k == "a" {
			return "b"
		}
		return k
	}}
	r := jsonRecord(nil, Int("b", 1), Int("a", 2), Int("_b", 3))
	if v, ok := x.Last(r, "b"); !ok || v.Int() != 2 {
		t.Errorf("Last(b) = %v, %v; want 2", v, ok)
	}
	if v, ok := r.LookupLast("b"); !ok || v.Int() != 1 {
		t.Errorf("LookupLast(b) = %v, %v; want 1", v, ok)
	}
}

// TestJSONRecordValues checks the record's values as JSON.
func TestJSONRecordValues(t *testing.T) {
	o := pyfmt.JSONOptions{ASCII: true}
	r := jsonRecord(errors.New("boom\nline 2 \u00e9"))
	if got := string(r.AppendErrJSON(nil, o, false, 1)); got != `"boom\nline 2 \u00e9"` {
		t.Errorf("AppendErrJSON: %s", got)
	}
	if got := string(r.AppendErrJSON(nil, pyfmt.JSONIndent(2, false), true, 1)); got != "[\n    \"boom\",\n    \"line 2 \u00e9\"\n  ]" {
		t.Errorf("AppendErrJSON lines: %q", got)
	}
	// An error with a stack prints its traceback, as Exception does.
	r.Err = WithStack(errors.New("deep"))
	want := string(o.AppendString(nil, r.ExcText()))
	if got := string(r.AppendErrJSON(nil, o, false, 1)); got != want || !strings.Contains(got, "Traceback (most recent call last):") {
		t.Errorf("AppendErrJSON of a traceback: %s, want %s", got, want)
	}
	r.Err = nil
	if got := string(r.AppendErrJSON(nil, o, false, 1)); got != "null" {
		t.Errorf("AppendErrJSON without an error: %s", got)
	}
	if got := string(r.AppendStackJSON(nil, o, false, 1)); got != "null" || r.HasStackInfo() {
		t.Errorf("AppendStackJSON without a stack: %s", got)
	}
	r.captureStack(0)
	if !r.HasStackInfo() {
		t.Fatal("no stack captured")
	}
	if got, want := string(r.AppendStackJSON(nil, o, false, 1)), string(o.AppendString(nil, r.StackInfo())); got != want {
		t.Errorf("AppendStackJSON: %s, want %s", got, want)
	}
	if got := string(r.AppendStackJSON(nil, o, true, 0)); !strings.HasPrefix(got, `["Stack (most recent call last):", "  File `) {
		t.Errorf("AppendStackJSON lines: %s", got)
	}
	if got := string(r.AppendTimestampJSON(nil)); got != `"2023-11-14T22:13:20.123456+00:00"` {
		t.Errorf("AppendTimestampJSON: %s", got)
	}
	r.Args = []any{"x", 3, 1.5, true, nil, errors.New("e"), time.Second}
	if got := string(r.AppendArgsJSON(nil, o, 1)); got != `["x", 3, 1.5, true, null, "e", "1s"]` {
		t.Errorf("AppendArgsJSON: %s", got)
	}
	r.Msg = "caf\u00e9 %s %d"
	r.Args = []any{"x", 3}
	if got, err := r.AppendMessageJSON(nil, o); err != nil || string(got) != `"caf\u00e9 x 3"` {
		t.Errorf("AppendMessageJSON: %s, %v", got, err)
	}
}

// TestJSONFormatter checks that JSONFormatter appends nothing after the
// object, and fails on a message that does not format.
func TestJSONFormatter(t *testing.T) {
	f := &JSONFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
		return append(b, "{}"...), nil
	}}
	r := jsonRecord(errors.New("boom"))
	if got, err := f.Format([]byte("x"), r); err != nil || string(got) != "x{}" {
		t.Errorf("Format = %q, %v", got, err)
	}
	r.Msg, r.Args = "%d", []any{"not a number"}
	if got, err := f.Format([]byte("x"), r); err == nil || string(got) != "x" {
		t.Errorf("Format of a bad message = %q, %v; want an error", got, err)
	}
	fail := &JSONFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
		return append(b, "{partial"...), fmt.Errorf("failed")
	}}
	if got, err := fail.Format([]byte("x"), jsonRecord(nil)); err == nil || string(got) != "x" {
		t.Errorf("a failing Func: %q, %v", got, err)
	}
	if f.NeedsCaller() || !(&JSONFormatter{Caller: true}).NeedsCaller() {
		t.Error("NeedsCaller")
	}
}
