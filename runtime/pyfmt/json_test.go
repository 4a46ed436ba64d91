package pyfmt

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"
)

// The vectors in testdata/json_vectors.json are CPython's json.dumps,
// written by testdata/gen_json_vectors.py; this test only reads them.

type jsonVector struct {
	Kind   string          `json:"kind"`
	In     json.RawMessage `json:"in"`
	ASCII  bool            `json:"ascii"`
	Indent json.RawMessage `json:"indent"`
	Out    json.RawMessage `json:"out"`
}

// untag turns a tagged Python value of the vectors into the Go value
// Append takes for it.
func untag(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var tv []json.RawMessage
	if err := json.Unmarshal(raw, &tv); err != nil || len(tv) == 0 {
		t.Fatalf("bad tagged value %s", raw)
	}
	var tag string
	json.Unmarshal(tv[0], &tag)
	switch tag {
	case "n":
		return nil
	case "b":
		var b bool
		json.Unmarshal(tv[1], &b)
		return b
	case "i":
		var s string
		json.Unmarshal(tv[1], &s)
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return i
	case "f":
		var s string
		json.Unmarshal(tv[1], &s)
		return parseHexFloat(t, s)
	case "s":
		var s string
		json.Unmarshal(tv[1], &s)
		return s
	case "l":
		var items []json.RawMessage
		json.Unmarshal(tv[1], &items)
		l := []any{}
		for _, it := range items {
			l = append(l, untag(t, it))
		}
		return l
	case "d":
		var items [][2]json.RawMessage
		json.Unmarshal(tv[1], &items)
		d := []JSONItem{}
		for _, it := range items {
			var k string
			json.Unmarshal(it[0], &k)
			d = append(d, JSONItem{k, untag(t, it[1])})
		}
		return d
	}
	t.Fatalf("unknown tag %q", tag)
	return nil
}

// parseHexFloat reads Python's float.hex().
func parseHexFloat(t *testing.T, s string) float64 {
	t.Helper()
	switch s {
	case "inf":
		return math.Inf(1)
	case "-inf":
		return math.Inf(-1)
	case "nan":
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("float %q: %v", s, err)
	}
	return f
}

func TestJSONVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/json_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []jsonVector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for i, v := range vs {
		counts[v.Kind]++
		var want string
		var got []byte
		switch v.Kind {
		case "str":
			var s string
			json.Unmarshal(v.In, &s)
			json.Unmarshal(v.Out, &want)
			o := JSONOptions{ASCII: v.ASCII}
			got = o.AppendString(nil, s)
			if q := o.QuoteTail([]byte("x"+s), 1); string(q) != "x"+want {
				t.Errorf("vector %d: QuoteTail(%q, ascii=%v) = %q, want %q", i, s, v.ASCII, q[1:], want)
			}
		case "value":
			json.Unmarshal(v.Out, &want)
			o := JSONOptions{ASCII: v.ASCII}
			var indent any
			json.Unmarshal(v.Indent, &indent)
			switch x := indent.(type) {
			case float64:
				o = JSONIndent(int(x), v.ASCII)
			case string:
				o.Indented, o.Indent = true, x
			}
			got = o.Append(nil, untag(t, v.In), 0)
		case "created":
			var s string
			json.Unmarshal(v.In, &s)
			json.Unmarshal(v.Out, &want)
			created := parseHexFloat(t, s)
			got = AppendCreatedISO(nil, created)
			// Again, from the text cached for its second.
			if again := AppendCreatedISO(nil, created); string(again) != string(got) {
				t.Errorf("vector %d: AppendCreatedISO(%v) = %s, then %s from the cache", i, created, got, again)
			}
		case "splitlines":
			var s string
			var lines []string
			json.Unmarshal(v.In, &s)
			json.Unmarshal(v.Out, &lines)
			if got := SplitLines(s); !slices.Equal(got, lines) && len(got)+len(lines) > 0 {
				t.Errorf("vector %d: SplitLines(%q) = %q, want %q", i, s, got, lines)
			}
			continue
		default:
			t.Fatalf("vector %d: unknown kind %q", i, v.Kind)
		}
		if string(got) != want {
			t.Errorf("vector %d (%s %s, ascii=%v, indent=%s): got %q, want %q", i, v.Kind, v.In, v.ASCII, v.Indent, got, want)
		}
	}
	t.Logf("%d vectors: %v", len(vs), counts)
	if len(vs) < 1000 {
		t.Errorf("only %d vectors", len(vs))
	}
}

// TestJSONNotUTF8 checks the bytes of a Go string that are not UTF-8,
// which a Python str cannot hold: they are the Latin-1 characters of their
// value, as AppendRepr takes them.
func TestJSONNotUTF8(t *testing.T) {
	for _, c := range []struct {
		in          string
		ascii, flat string
	}{
		{"a\xffb", `"a\u00ffb"`, "\"a\u00ffb\""},
		{"\xe9t\xe9", `"\u00e9t\u00e9"`, "\"\u00e9t\u00e9\""},
		{"ok \u00e9 \xc3", `"ok \u00e9 \u00c3"`, "\"ok \u00e9 \u00c3\""},
		{"\xed\xa0\x80", `"\u00ed\u00a0\u0080"`, "\"\u00ed\u00a0\u0080\""},
	} {
		if got := (JSONOptions{ASCII: true}).AppendString(nil, c.in); string(got) != c.ascii {
			t.Errorf("ensure_ascii %q: got %s, want %s", c.in, got, c.ascii)
		}
		if got := (JSONOptions{}).AppendString(nil, c.in); string(got) != c.flat {
			t.Errorf("%q: got %s, want %s", c.in, got, c.flat)
		}
		if got := (JSONOptions{}).QuoteTail([]byte(c.in), 0); string(got) != c.flat {
			t.Errorf("QuoteTail %q: got %s, want %s", c.in, got, c.flat)
		}
	}
	if got := SplitLines("a\x85b"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("SplitLines(a\\x85b) = %q", got)
	}
}

type stringer struct{}

func (stringer) String() string { return "str\u00e9" }

type jsonLevel int

// TestJSONGoValues checks what Append makes of Go values that have no
// Python counterpart.
func TestJSONGoValues(t *testing.T) {
	type point struct{ X, Y int }
	zone := time.FixedZone("", -(3*3600 + 30*60))
	one := 1
	for _, c := range []struct {
		in   any
		want string
	}{
		{errors.New("boom \"x\""), `"boom \"x\""`},
		{stringer{}, `"str\u00e9"`},
		{jsonLevel(3), `3`},
		{uint64(math.MaxUint64), `18446744073709551615`},
		{float32(0.1), `0.10000000149011612`},
		{[]string{"a", "b"}, `["a", "b"]`},
		{[2]int{1, 2}, `[1, 2]`},
		{[]int(nil), `null`},
		{map[string]int{"b": 2, "a": 1}, `{"a": 1, "b": 2}`},
		{map[int]bool{}, `{}`},
		{&one, `1`},
		{(*int)(nil), `null`},
		{point{1, 2}, `"{1 2}"`},
		{time.Date(2023, 11, 14, 22, 13, 20, 123456789, time.UTC), `"2023-11-14T22:13:20.123456+00:00"`},
		{time.Date(2023, 11, 14, 22, 13, 20, 0, zone), `"2023-11-14T22:13:20-03:30"`},
		{IntValue(5), `5`},
		{AnyValue([]any{nil, true, 1.5}), `[null, true, 1.5]`},
	} {
		if got := (JSONOptions{ASCII: true}).Append(nil, c.in, 0); string(got) != c.want {
			t.Errorf("%T %v: got %s, want %s", c.in, c.in, got, c.want)
		}
	}
	// A cycle ends at maxJSONDepth as text.
	type node struct{ Next any }
	n := &node{}
	n.Next = n
	if got := (JSONOptions{}).Append(nil, []any{n}, 0); len(got) == 0 {
		t.Error("cycle: no output")
	}
	if got := (JSONIndent(2, true)).AppendStringList(nil, []string{"a", "b"}, 1); string(got) != "[\n    \"a\",\n    \"b\"\n  ]" {
		t.Errorf("AppendStringList: %q", got)
	}
}

// TestJSONAllocs checks that the append functions of the hot path do not
// allocate when b has room.
func TestJSONAllocs(t *testing.T) {
	b := make([]byte, 0, 256)
	o := JSONOptions{ASCII: true}
	v := StringValue("caf\u00e9 \U0001f600")
	if n := testing.AllocsPerRun(100, func() {
		b = o.AppendString(b[:0], "h\u00e9llo \"x\"\n")
		b = o.AppendValue(b, v, 1)
		b = AppendJSONFloat(b, 1700000000.123456)
		b = AppendCreatedISO(b, 1700000000.123456)
		b = append(b, "2023-11-14 22:13:20,123"...)
		b = o.QuoteTail(b, len(b)-23)
	}); n != 0 {
		t.Errorf("%v allocs, want 0", n)
	}
}

// TestAppendCreatedISODates checks the date arithmetic of AppendCreatedISO
// against the time package over Python's years 1 to 9999.
func TestAppendCreatedISODates(t *testing.T) {
	const first, last = -62135596800, 253402300799 // 0001-01-01, 9999-12-31T23:59:59
	step := int64(last-first) / 100003
	for sec := int64(first); sec <= last; sec += step {
		for _, frac := range []float64{0, 0.5, 0.000001, 0.999999} {
			created := float64(sec) + frac
			want := AppendISOTime(nil, time.Unix(sec, 0).UTC().Add(time.Duration(math.RoundToEven((created-float64(sec))*1e6))*time.Microsecond))
			if got := AppendCreatedISO(nil, created); string(got) != string(want) {
				t.Fatalf("AppendCreatedISO(%v) = %s, want %s", created, got, want)
			}
		}
	}
}

// TestPlainJSONPrefix checks the eight-bytes-at-a-time scan against the
// byte-by-byte rule: it stops at the first byte a JSON string does not
// write as itself, for every byte value in every position of a word and of
// the tail after the words.
func TestPlainJSONPrefix(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' }
	base := []byte("abcdefghijklmnopqrstuvwxyz012345")
	for n := 0; n <= len(base); n++ {
		for pos := 0; pos <= n; pos++ {
			for c := 0; c < 256; c++ {
				s := append([]byte(nil), base[:n]...)
				if pos < n {
					s[pos] = byte(c)
				}
				want := len(s)
				for i, b := range s {
					if !plain(b) {
						want = i
						break
					}
				}
				if got := plainJSONPrefix(s); got != want {
					t.Fatalf("plainJSONPrefix(%q) = %d, want %d", s, got, want)
				}
				if got := plainJSONPrefix(string(s)); got != want {
					t.Fatalf("plainJSONPrefix(string %q) = %d, want %d", s, got, want)
				}
			}
		}
	}
}

// FuzzJSONStringFastPath checks that the eight-byte scan of plain text
// changes nothing: a string is written as the byte-by-byte loop writes it
// (the loop alone runs when the first byte needs an escape).
func FuzzJSONStringFastPath(f *testing.F) {
	for _, s := range []string{"", "request handled", "alice@example.com", "a\"b\\c\nd", "caf\u00e9 \u2028 \U0001F600", "\xff\xfe plain text after", "0123456789abcdef\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, ascii := range []bool{true, false} {
			got := appendJSONString(nil, s, ascii)
			slow := appendJSONString(nil, "\x01"+s, ascii)
			want := append([]byte{'"'}, slow[len(`"\u0001`):]...)
			if string(got) != string(want) {
				t.Fatalf("ascii=%v %q: %s, byte by byte %s", ascii, s, got, want)
			}
		}
	})
}
