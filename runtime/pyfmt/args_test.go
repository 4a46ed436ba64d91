package pyfmt

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/runtime/level"
)

func TestMessageVectors(t *testing.T) {
	vecs := pyvecLoad(t, "message")
	pass := 0
	for _, v := range vecs {
		var args []any
		what := fmt.Sprintf("%q %% ", v.Spec)
		if v.Mapping != nil {
			m := map[string]any{}
			for k, x := range v.Mapping {
				m[k] = pyvecGo(t, x)
			}
			args = []any{m}
			what += fmt.Sprint(m)
		} else {
			for _, x := range v.Args {
				args = append(args, pyvecGo(t, x))
			}
			what += fmt.Sprint(args)
		}
		got, err := AppendPercentArgs(nil, v.Spec, args)
		if pyvecCheck(t, what, v, got, err) {
			pass++
		}
	}
	t.Logf("%d/%d message vectors pass", pass, len(vecs))
}

type msgStringer struct{ s string }

func (m msgStringer) String() string { return m.s }

type msgCount int

func (c msgCount) String() string { return fmt.Sprintf("count(%d)", int(c)) }

type msgName string

func TestMessageGoArgs(t *testing.T) {
	var nilStringer *msgStringer
	cases := []struct {
		msg  string
		args []any
		want string
	}{
		{"err: %s", []any{errors.New("boom")}, "err: boom"},
		{"err: %r", []any{errors.New("it's")}, `err: "it's"`},
		{"%s|%-6s|", []any{msgStringer{"a"}, msgStringer{"b"}}, "a|b     |"},
		{"%s %d %05.1f", []any{msgCount(3), msgCount(3), msgCount(3)}, "count(3) 3 003.0"},
		{"%s %r", []any{msgName("n"), msgName("n")}, "n 'n'"},
		{"%d %s", []any{level.Level(20), level.INFO}, "20 INFO"},
		{"%s", []any{time.Duration(1500) * time.Millisecond}, "1.5s"},
		{"%s", []any{nilStringer}, "<nil>"},
		{"%d %s", []any{uint8(7), []int{1, 2}}, "7 [1 2]"},
		{"%s", []any{IntValue(9)}, "9"},
	}
	for _, c := range cases {
		got, err := AppendPercentArgs(nil, c.msg, c.args)
		if err != nil || string(got) != c.want {
			t.Errorf("%q %% %v = %q, %v; want %q", c.msg, c.args, got, err, c.want)
		}
	}
}

// TestMessageLimits checks MaxWidth in msg % args: CPython would try to
// allocate these (or raise MemoryError); loggen fails the conversion that
// goes over with a MemoryError, after the errors CPython gives first.
func TestMessageLimits(t *testing.T) {
	tooWide := func(what string, n int) string {
		return fmt.Sprintf("%s %d is over loggen's limit: the widths and precisions of one message may add up to at most %d characters", what, n, MaxWidth)
	}
	cases := []struct {
		msg      string
		args     []any
		exc, err string
		prefix   string // what is written before the failing conversion
	}{
		{"%99999999999d", []any{1}, "MemoryError", tooWide("width", 99999999999), ""},
		{"%9223372036854775807d", []any{1}, "MemoryError", tooWide("width", math.MaxInt64), ""},
		{"a%*d", []any{MaxWidth + 1, 1}, "MemoryError", tooWide("width", MaxWidth+1), "a"},
		{"%-*d", []any{-MaxWidth - 1, 1}, "MemoryError", tooWide("width", MaxWidth+1), ""},
		{"%40000d|%30000s", []any{1, "x"}, "MemoryError", tooWide("width", 30000), "<40000>|"},
		{"%(a)40000s%(a)40000s", []any{map[string]any{"a": 1}}, "MemoryError", tooWide("width", 40000), "<40000>"},
		{"%.70000f", []any{1.5}, "MemoryError", tooWide("precision", 70000), ""},
		{"%.*e", []any{70000, 1.5}, "MemoryError", tooWide("precision", 70000), ""},
		{"%30000.40000d", []any{1}, "MemoryError", tooWide("precision", 40000), ""},
		{"%.2147483640x", []any{1}, "MemoryError", tooWide("precision", 2147483640), ""},
		// What CPython raises before it would allocate.
		{"%9223372036854775807d", []any{"x"}, "TypeError", "%d format: a real number is required, not str", ""},
		{"%99999999c", []any{"ab"}, "TypeError", "%c requires int or char", ""},
		{"%.99999999d", []any{math.Inf(1)}, "OverflowError", "cannot convert float infinity to integer", ""},
		{"%.2147483645d", []any{true}, "OverflowError", "precision too large", ""},
		{"%.2147483645d", []any{1e300}, "OverflowError", "precision too large", ""},
		{"%.99999999f", []any{nil}, "TypeError", "must be real number, not NoneType", ""},
		{"%*d", []any{uint64(1) << 63, 1}, "OverflowError", "Python int too large to convert to C ssize_t", ""},
		{"%.*d", []any{int64(1) << 31, 1}, "OverflowError", "Python int too large to convert to C int", ""},
		{"%.*d", []any{msgCount(-1 << 40), 1}, "OverflowError", "Python int too large to convert to C int", ""},
	}
	for _, c := range cases {
		got, err := AppendPercentArgs(nil, c.msg, c.args)
		var pe *Error
		if !errors.As(err, &pe) || pe.Exc != c.exc || pe.Msg != c.err {
			t.Errorf("%q %% %v: error %v, want %s: %s", c.msg, c.args, err, c.exc, c.err)
			continue
		}
		prefix := c.prefix
		if strings.HasPrefix(prefix, "<40000>") {
			prefix = strings.Repeat(" ", 39999) + "1" + prefix[len("<40000>"):]
		}
		if string(got) != prefix {
			t.Errorf("%q %% %v wrote %d bytes before failing, want %d", c.msg, c.args, len(got), len(prefix))
		}
	}

	// Up to the limit, and the precisions that do not count.
	ok := []struct {
		msg  string
		args []any
		n    int
	}{
		{"%65536d", []any{1}, MaxWidth},
		{"%30000d%35536s", []any{1, "x"}, MaxWidth},
		{"%.65536f", []any{1.0}, MaxWidth + 2},
		{"%.2147483647s|%.2147483647r|%.2147483647a", []any{"ab", "ab", "ab"}, 2 + 1 + 4 + 1 + 4},
		{"%.2147483647c", []any{65}, 1},
		{"%.*s", []any{math.MaxInt32, "abc"}, 3},
		{"%*d", []any{math.MinInt64, 1}, 1}, // as CPython, where -width stays negative
	}
	for _, c := range ok {
		got, err := AppendPercentArgs(nil, c.msg, c.args)
		if err != nil || len(got) != c.n {
			t.Errorf("%q %% %v: %d bytes, %v; want %d bytes", c.msg, c.args, len(got), err, c.n)
		}
	}
}
