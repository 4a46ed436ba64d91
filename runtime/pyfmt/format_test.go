package pyfmt

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// The vectors in testdata/pyformat_vectors.json are CPython's answers,
// written by testdata/gen_pyformat_vectors.py; these tests only read them.

type pyvecValue struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type pyvecTm struct {
	Year, Month, Day, Hour, Minute, Second, Weekday, Yday int
	Zone                                                  string
	Offset                                                int
	Unix                                                  int64
}

type pyvec struct {
	Kind    string                `json:"kind"`
	Spec    string                `json:"spec"`
	In      pyvecValue            `json:"in"`
	Args    []pyvecValue          `json:"args"`
	Mapping map[string]pyvecValue `json:"mapping"`
	Tm      *pyvecTm              `json:"tm"`
	Out     *string               `json:"out"`
	Exc     string                `json:"exc"`
	Error   string                `json:"error"`
}

var pyvecOnce struct {
	sync.Once
	vecs []pyvec
	err  error
}

// pyvecLoad returns the vectors of the given kind.
func pyvecLoad(t testing.TB, kind string) []pyvec {
	t.Helper()
	pyvecOnce.Do(func() {
		data, err := os.ReadFile("testdata/pyformat_vectors.json")
		if err != nil {
			pyvecOnce.err = err
			return
		}
		var file struct {
			Vectors []pyvec `json:"vectors"`
		}
		pyvecOnce.err = json.Unmarshal(data, &file)
		pyvecOnce.vecs = file.Vectors
	})
	if pyvecOnce.err != nil {
		t.Fatal(pyvecOnce.err)
	}
	var out []pyvec
	for _, v := range pyvecOnce.vecs {
		if v.Kind == kind {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s vectors", kind)
	}
	return out
}

// pyvecGo converts a vector's value to the Go value a caller would pass.
func pyvecGo(t *testing.T, v pyvecValue) any {
	t.Helper()
	switch v.Type {
	case "none":
		return nil
	case "bool":
		return v.Value == "True"
	case "int":
		i, err := strconv.ParseInt(v.Value, 10, 64)
		if err != nil {
			// Above int64, as a caller would pass it: a uint64.
			u, uerr := strconv.ParseUint(v.Value, 10, 64)
			if uerr != nil {
				t.Fatalf("int %q: %v", v.Value, err)
			}
			return u
		}
		return int(i)
	case "float":
		f, err := strconv.ParseFloat(v.Value, 64)
		if err != nil {
			t.Fatalf("float %q: %v", v.Value, err)
		}
		return f
	case "str":
		return v.Value
	}
	t.Fatalf("unknown type %q", v.Type)
	return nil
}

// pyvecCheck compares a result with the vector's output or exception.
func pyvecCheck(t *testing.T, what string, v pyvec, got []byte, err error) bool {
	t.Helper()
	if v.Out != nil {
		if err != nil {
			t.Errorf("%s: error %v, want %q", what, err, *v.Out)
			return false
		}
		if string(got) != *v.Out {
			t.Errorf("%s = %q, want %q", what, got, *v.Out)
			return false
		}
		return true
	}
	if err == nil {
		t.Errorf("%s = %q, want %s: %s", what, got, v.Exc, v.Error)
		return false
	}
	var pe *Error
	if !errors.As(err, &pe) {
		t.Errorf("%s: error %T %v, want *Error", what, err, err)
		return false
	}
	if pe.Msg != v.Error || pe.Exc != v.Exc {
		t.Errorf("%s: error %s: %s, want %s: %s", what, pe.Exc, pe.Msg, v.Exc, v.Error)
		return false
	}
	return true
}

// pyfmtParsePercent parses "%[flags][width][.prec]verb".
func pyfmtParsePercent(spec string) (PercentSpec, error) {
	var s PercentSpec
	if !strings.HasPrefix(spec, "%") {
		return s, fmt.Errorf("no %%")
	}
	i := 1
flags:
	for ; i < len(spec); i++ {
		switch spec[i] {
		case '-':
			s.Minus = true
		case '+':
			s.Plus = true
		case ' ':
			s.Space = true
		case '#':
			s.Alt = true
		case '0':
			s.Zero = true
		default:
			break flags
		}
	}
	if i < len(spec) && '0' <= spec[i] && spec[i] <= '9' {
		for ; i < len(spec) && '0' <= spec[i] && spec[i] <= '9'; i++ {
			s.Width = s.Width*10 + int(spec[i]-'0')
		}
	}
	if i < len(spec) && spec[i] == '.' {
		s.HasPrec = true
		for i++; i < len(spec) && '0' <= spec[i] && spec[i] <= '9'; i++ {
			s.Prec = s.Prec*10 + int(spec[i]-'0')
		}
	}
	if i != len(spec)-1 {
		return s, fmt.Errorf("bad percent spec %q", spec)
	}
	s.Verb = spec[i]
	return s, nil
}

// pyfmtParseFormat parses a format spec as CPython's
// parse_internal_render_format_spec does.
func pyfmtParseFormat(spec string) (FormatSpec, error) {
	var s FormatSpec
	r := []rune(spec)
	pos := 0
	isAlign := func(c rune) bool { return c == '<' || c == '>' || c == '=' || c == '^' }
	if len(r) >= 2 && isAlign(r[1]) {
		s.Fill, s.Align = r[0], byte(r[1])
		pos = 2
	} else if len(r) >= 1 && isAlign(r[0]) {
		s.Align = byte(r[0])
		pos = 1
	}
	if pos < len(r) && (r[pos] == '+' || r[pos] == '-' || r[pos] == ' ') {
		s.Sign = byte(r[pos])
		pos++
	}
	if pos < len(r) && r[pos] == 'z' {
		s.NoNegZero = true
		pos++
	}
	if pos < len(r) && r[pos] == '#' {
		s.Alt = true
		pos++
	}
	if s.Fill == 0 && pos < len(r) && r[pos] == '0' {
		s.Zero = true
		pos++
	}
	if pos < len(r) && '0' <= r[pos] && r[pos] <= '9' {
		for ; pos < len(r) && '0' <= r[pos] && r[pos] <= '9'; pos++ {
			if s.Width > (math.MaxInt-9)/10 {
				return s, fmt.Errorf("too many decimal digits")
			}
			s.Width = s.Width*10 + int(r[pos]-'0')
		}
	}
	if pos < len(r) && (r[pos] == ',' || r[pos] == '_') {
		s.Grouping = byte(r[pos])
		pos++
	}
	if pos < len(r) && r[pos] == '.' {
		pos++
		if pos >= len(r) || r[pos] < '0' || r[pos] > '9' {
			return s, fmt.Errorf("missing precision")
		}
		s.HasPrec = true
		for ; pos < len(r) && '0' <= r[pos] && r[pos] <= '9'; pos++ {
			if s.Prec > (math.MaxInt-9)/10 {
				return s, fmt.Errorf("too many decimal digits")
			}
			s.Prec = s.Prec*10 + int(r[pos]-'0')
		}
	}
	if len(r)-pos > 1 {
		return s, fmt.Errorf("invalid format specifier %q", spec)
	}
	if pos < len(r) {
		s.Type = byte(r[pos])
	}
	return s, nil
}

// pyfmtApply formats the Go value x with one of the Append methods
// chosen by its type, as generated code does.
func pyfmtApply(b []byte, x any, str func([]byte, string) ([]byte, error), i func([]byte, int64) ([]byte, error),
	f func([]byte, float64) ([]byte, error), none func([]byte) ([]byte, error), val func([]byte, Value) ([]byte, error)) ([]byte, error) {
	switch x := x.(type) {
	case string:
		return str(b, x)
	case int:
		return i(b, int64(x))
	case float64:
		return f(b, x)
	case nil:
		return none(b)
	}
	return val(b, AnyValue(x))
}

func TestPyFormatPercentVectors(t *testing.T) {
	vecs := pyvecLoad(t, "percent")
	pass := 0
	for _, v := range vecs {
		spec, err := pyfmtParsePercent(v.Spec)
		if err != nil {
			t.Fatal(err)
		}
		x := pyvecGo(t, v.In)
		what := fmt.Sprintf("%q %% (%s %q,)", v.Spec, v.In.Type, v.In.Value)
		got, err := pyfmtApply([]byte("<"), x, spec.AppendString, spec.AppendInt, spec.AppendFloat, spec.AppendNone, spec.AppendValue)
		if err == nil {
			if !strings.HasPrefix(string(got), "<") {
				t.Errorf("%s clobbered the prefix: %q", what, got)
			}
			got = got[1:]
		}
		ok := pyvecCheck(t, what, v, got, err)
		// The same through AppendValue.
		got2, err2 := spec.AppendValue(nil, AnyValue(x))
		ok2 := pyvecCheck(t, what+" (AppendValue)", v, got2, err2)
		if ok && ok2 {
			pass++
		}
	}
	t.Logf("%d/%d percent vectors pass", pass, len(vecs))
}

func TestPyFormatFormatVectors(t *testing.T) {
	vecs := pyvecLoad(t, "format")
	pass, skipped := 0, 0
	for _, v := range vecs {
		spec, err := pyfmtParseFormat(v.Spec)
		if err != nil {
			skipped++
			continue
		}
		x := pyvecGo(t, v.In)
		what := fmt.Sprintf("format(%s %q, %q)", v.In.Type, v.In.Value, v.Spec)
		got, err := pyfmtApply([]byte("<"), x, spec.AppendString, spec.AppendInt, spec.AppendFloat, spec.AppendNone, spec.AppendValue)
		if err == nil {
			if !strings.HasPrefix(string(got), "<") {
				t.Errorf("%s clobbered the prefix: %q", what, got)
			}
			got = got[1:]
		}
		ok := pyvecCheck(t, what, v, got, err)
		got2, err2 := spec.AppendValue(nil, AnyValue(x))
		ok2 := pyvecCheck(t, what+" (AppendValue)", v, got2, err2)
		if ok && ok2 {
			pass++
		}
	}
	t.Logf("%d/%d format vectors pass (%d skipped)", pass, len(vecs), skipped)
}

func TestPyFormatIsZero(t *testing.T) {
	if !(FormatSpec{}).IsZero() {
		t.Error("FormatSpec{}.IsZero() = false")
	}
	for _, s := range []FormatSpec{{Zero: true}, {Width: 3}, {Type: 's'}, {HasPrec: true}} {
		if s.IsZero() {
			t.Errorf("%+v.IsZero() = true", s)
		}
	}
	if got, _ := (PercentSpec{Verb: 's'}).AppendInt(nil, 42); string(got) != "42" {
		t.Errorf("PercentSpec{Verb: 's'}.AppendInt(42) = %q", got)
	}
}

// TestPyFormatAny covers KindAny values, which Python has no literal for.
func TestPyFormatAny(t *testing.T) {
	type point struct{ X, Y int }
	v := AnyValue(point{1, 2})
	cases := []struct {
		spec string
		want string
	}{
		{"%s", "{1 2}"}, {"%7s", "  {1 2}"}, {"%-7s", "{1 2}  "}, {"%.2s", "{1"}, {"%r", "{1 2}"},
	}
	for _, c := range cases {
		s, _ := pyfmtParsePercent(c.spec)
		got, err := s.AppendValue(nil, v)
		if err != nil || string(got) != c.want {
			t.Errorf("%q %% point = %q, %v; want %q", c.spec, got, err, c.want)
		}
	}
	s, _ := pyfmtParsePercent("%d")
	if _, err := s.AppendValue(nil, v); err == nil || !strings.Contains(err.Error(), "a real number is required, not pyfmt.point") {
		t.Errorf("%%d of point: %v", err)
	}
	s, _ = pyfmtParsePercent("%a")
	if got, _ := s.AppendValue(nil, AnyValue(struct{ S string }{"é"})); string(got) != `{\xe9}` {
		t.Errorf("%%a = %q", got)
	}
	f, _ := pyfmtParseFormat("*^9")
	if got, err := f.AppendValue(nil, v); err != nil || string(got) != "**{1 2}**" {
		t.Errorf("format(point, '*^9') = %q, %v", got, err)
	}
	if got, err := (FormatSpec{}).AppendValue(nil, v); err != nil || string(got) != "{1 2}" {
		t.Errorf("format(point, '') = %q, %v", got, err)
	}
}

// TestPyFormatWideFill checks multi-byte fill characters and that widths
// count runes, not bytes.
func TestPyFormatWideFill(t *testing.T) {
	f, _ := pyfmtParseFormat("é>8,")
	got, _ := f.AppendInt(nil, 12345)
	if string(got) != "éé12,345" || utf8.RuneCount(got) != 8 {
		t.Errorf("format(12345, 'é>8,') = %q", got)
	}
	f, _ = pyfmtParseFormat("😀^7.2f")
	got, _ = f.AppendFloat([]byte("x"), 1.5)
	if string(got) != "x😀1.50😀😀" {
		t.Errorf("format(1.5, '😀^7.2f') = %q", got)
	}
}

// AppendD, which generated code calls for a plain %d, is
// PercentSpec{Verb: 'd'}.AppendValue for every kind of value, errors
// included.
func TestAppendDIsPlainPercentD(t *testing.T) {
	for _, v := range []Value{IntValue(-42), IntValue(0), FloatValue(3.9), FloatValue(-2.5), BoolValue(true), StringValue("7"), {}, AnyValue(struct{ A int }{1}), AnyValue([]int{1})} {
		want, werr := PercentSpec{Verb: 'd'}.AppendValue([]byte("x="), v)
		got, gerr := v.AppendD([]byte("x="))
		if string(got) != string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Errorf("%v: AppendD %q, %v; AppendValue %q, %v", v, got, gerr, want, werr)
		}
	}
}
