package uvicorn

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// pyInt converts v as Python's int(v) does: an int is itself, a bool 0 or
// 1, a float is truncated, and a str is read as a base-10 literal
// (surrounding whitespace, a sign, any Unicode decimal digits, single
// underscores between digits). A value beyond int64, which Python's ints
// hold, comes back as its decimal text in big. Anything else, and a str
// that is not a literal, is Python's error.
func pyInt(v pyfmt.Value) (n int64, big string, err error) {
	switch v.Kind() {
	case pyfmt.KindInt, pyfmt.KindBool:
		return v.Int(), "", nil
	case pyfmt.KindFloat:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			return 0, "", &pyfmt.Error{Exc: "ValueError", Msg: "cannot convert float NaN to integer"}
		case math.IsInf(f, 0):
			return 0, "", &pyfmt.Error{Exc: "OverflowError", Msg: "cannot convert float infinity to integer"}
		}
		f = math.Trunc(f)
		if f >= -(1<<63) && f < 1<<63 {
			return int64(f), "", nil
		}
		return 0, strconv.FormatFloat(f, 'f', 0, 64), nil
	case pyfmt.KindString:
		return parseInt(v.Str())
	case pyfmt.KindNone:
		return 0, "", intTypeError("NoneType")
	}
	return 0, "", intTypeError(fmt.Sprintf("%T", v.Any()))
}

func intTypeError(typ string) error {
	return &pyfmt.Error{Exc: "TypeError", Msg: "int() argument must be a string, a bytes-like object or a real number, not '" + typ + "'"}
}

// parseInt reads s as Python's int(s). CPython turns the non-ASCII
// whitespace and decimal digits of s into ASCII spaces and digits, then
// reads the number between ASCII whitespace.
func parseInt(s string) (n int64, big string, err error) {
	t := strings.TrimFunc(s, isPySpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	var digits []byte
	prevDigit := false
	for _, r := range t {
		if r == '_' && prevDigit {
			prevDigit = false
			continue
		}
		d, ok := decimalDigit(r)
		if !ok {
			return 0, "", invalidLiteral(s)
		}
		digits = append(digits, '0'+d)
		prevDigit = true
	}
	if len(digits) == 0 || !prevDigit {
		return 0, "", invalidLiteral(s)
	}
	text := strings.TrimLeft(string(digits), "0")
	if text == "" {
		return 0, "", nil
	}
	if neg {
		text = "-" + text
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, "", nil
	}
	return 0, text, nil
}

// invalidLiteral is Python's error for a str that int() cannot read.
func invalidLiteral(s string) error {
	return &pyfmt.Error{Exc: "ValueError", Msg: "invalid literal for int() with base 10: " + string(pyfmt.AppendRepr(nil, s))}
}

// isPySpace reports whether CPython's int() skips r around a number:
// C's isspace (space, \t, \n, \v, \f, \r), or a non-ASCII character
// Python's str.isspace accepts. The ASCII separators U+001C to U+001F,
// which str.isspace accepts, are not skipped.
func isPySpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// decimalDigit returns the value of a Unicode decimal digit (category Nd).
// Nd digits come in runs of ten from zero, so a digit's value is its
// distance from the start of its range of the table, modulo 10.
func decimalDigit(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r - '0'), true
	}
	if r < utf8.RuneSelf || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); r >= lo && r <= hi {
			return byte((r - lo) % 10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); r >= lo && r <= hi {
			return byte((r - lo) % 10), true
		}
	}
	return 0, false
}
