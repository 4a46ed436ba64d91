package pyconf

import (
	"strings"
	"testing"
)

// pyString renders a Value in a compact Python-like form for comparisons.
func pyString(v Value) string {
	switch v.Kind {
	case None:
		return "None"
	case Str, Ext:
		return "'" + v.Str + "'"
	case Int:
		return strings.TrimSpace(strings.Repeat(" ", 0) + itoa(v.Int))
	case Float:
		return "f" + itoa(int64(v.Float*1000))
	case Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case Tuple, List, Dict:
		var parts []string
		for _, it := range v.Items {
			parts = append(parts, pyString(it))
		}
		open, close := map[Kind]string{Tuple: "(", List: "[", Dict: "{"}[v.Kind], map[Kind]string{Tuple: ")", List: "]", Dict: "}"}[v.Kind]
		return open + strings.Join(parts, " ") + close
	}
	return "?"
}

func itoa(i int64) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestParsePyLiteral(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"()", "()"},
		{"(sys.stdout,)", "('ext://sys.stdout')"},
		{"('x')", "'x'"},
		{"('app.log', 'w')", "('app.log' 'w')"},
		{`("a\tb", 'c\'d', 'e' "f")`, "('a\tb' 'c'd' 'ef')"},
		{"(10, ERROR)", "(10 40)"},
		{"1, 2,", "(1 2)"},
		{"[1, -2, +3, 0x10, 1_000]", "[1 -2 3 16 1000]"},
		{"(1.5, 2e3, True, False, None)", "(f1500 f2000000 True False None)"},
		{"{'stream': sys.stderr, 'x': [1,]}", "{'stream' 'ext://sys.stderr' 'x' [1]}"},
		{"(('localhost', handlers.SYSLOG_UDP_PORT), handlers.SysLogHandler.LOG_USER)", "(('localhost' 514) 1)"},
		{"('localhost', handlers.DEFAULT_TCP_LOGGING_PORT)", "('localhost' 9020)"},
		{"('a',\n 'b')", "('a' 'b')"},
		// Python's literal constructors, over literals.
		{"tuple()", "()"},
		{"tuple(['a', 'b'])", "('a' 'b')"},
		{"(tuple(('x',)), list())", "(('x') [])"},
		{"list('ab')", "['a' 'b']"},
		{"tuple({'k': 1, 'j': 2})", "('k' 'j')"},
		{"dict()", "{}"},
		{"dict(stream=sys.stdout, level=INFO)", "{'stream' 'ext://sys.stdout' 'level' 20}"},
		{"dict({'a': 1, 'b': 0}, b=2, )", "{'a' 1 'b' 2}"},
		{"dict([('a', 1), ['b', 2]])", "{'a' 1 'b' 2}"},
		{"dict(((1, 'x'), (True, 'y')))", "{1 'y'}"},
	} {
		v, err := ParseLiteral(tc.in)
		if err != nil {
			t.Errorf("ParseLiteral(%q): %v", tc.in, err)
			continue
		}
		if got := pyString(v); got != tc.want {
			t.Errorf("ParseLiteral(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParsePyLiteralErrors(t *testing.T) {
	for _, tc := range []struct {
		in  string
		off int
		msg string
	}{
		{"", 0, "found nothing"},
		{"(open('x'),)", 1, "calls such as open(...)"},
		{"(os.devnull,)", 1, `name "os.devnull" is not supported`},
		{"('a'", 0, "never closed"},
		{"('a' 'b", 5, "unterminated string"},
		{"(1 2)", 3, "expected ',' or ')'"},
		{"{'a' 1}", 5, "expected ':'"},
		{"(1,) x", 5, "unexpected"},
		{"(-'a',)", 1, "only numbers may have a sign"},
		{"(__import__('os'),)", 1, "calls"},
		{"(99999999999999999999,)", 1, "too large"},
		{"tuple(1)", 6, "needs an iterable literal"},
		{"tuple([1], [2])", 11, "takes at most 1 argument"},
		{"dict(a=1, {'b': 2})", 10, "positional argument follows keyword"},
		{"dict([1])", 6, "needs pairs"},
		{"dict(a=1, a=2)", 10, "keyword argument repeated"},
		{"set([1])", 0, "calls such as set(...)"},
		{"tuple(", 6, "expected a value"},
	} {
		_, err := ParseLiteral(tc.in)
		pe, ok := err.(*LiteralError)
		if !ok {
			t.Errorf("ParseLiteral(%q): error %v, want a LiteralError", tc.in, err)
			continue
		}
		if pe.Off != tc.off || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("ParseLiteral(%q): offset %d %q, want offset %d containing %q", tc.in, pe.Off, pe.Msg, tc.off, tc.msg)
		}
	}
}
