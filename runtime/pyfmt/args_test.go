package pyfmt

import (
	"errors"
	"fmt"
	"github.com/loggen/loggen/runtime/level"
	"testing"
	"time"
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
