package pyfmt

import (
	"strings"
	"testing"
)

func TestEscapeControl(t *testing.T) {
	// The escapes are those of CPython 3.11's repr() of the same strings
	// (printed by python3 -c "print(repr(s))"), without the quotes; a
	// backslash and U+00A0, which repr also escapes, are left alone.
	cases := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"a\nb", `a\nb`},
		{"\r\n", `\r\n`},
		{"\t", `\t`},
		{"\x00\x1b[31m\x7f", `\x00\x1b[31m\x7f`},
		{"\u0085\u0080\u009f\u00a0", `\x85\x80\x9f` + "\u00a0"},
		{"x\u2028y\u2029z", `x\u2028y\u2029z`},
		{"é✓😀", "é✓😀"},
		{`C:\dir`, `C:\dir`},
		{"line one\n<10>forged", `line one\n<10>forged`},
		{"\xc2", "\xc2"},           // a lone lead byte is not a control
		{"\xe2\x80", "\xe2\x80"},   // nor a cut separator
		{"\xe2\x80\xa7", "\u2027"}, // U+2027 is not a separator
		{strings.Repeat("\n", 300), strings.Repeat(`\n`, 300)},
	}
	for _, c := range cases {
		b := append([]byte("keep\n:"), c.in...)
		got := EscapeControl(b, 6)
		if string(got) != "keep\n:"+c.want {
			t.Errorf("EscapeControl(%q) = %q, want %q", c.in, got[6:], c.want)
		}
	}
}

// FuzzEscapeControl: the escaped text holds no control character, the
// prefix before start is kept, and text without one is left as it is.
func FuzzEscapeControl(f *testing.F) {
	for _, s := range []string{"", "plain", "a\nb\r\n", "\x00\x1b[31m\x7f", "\u0085\u2028\u2029", "\xc2\x85\xe2\x80", "é✓😀\\n"} {
		f.Add("keep\n", s)
	}
	f.Fuzz(func(t *testing.T, prefix, s string) {
		b := EscapeControl(append([]byte(prefix), s...), len(prefix))
		if string(b[:len(prefix)]) != prefix {
			t.Fatalf("prefix %q changed to %q", prefix, b[:len(prefix)])
		}
		out := b[len(prefix):]
		for i := range out {
			if escapeWidth(out, i) != 0 {
				t.Fatalf("EscapeControl(%q) = %q: a control character at %d", s, out, i)
			}
		}
		clean := true
		for i := 0; i < len(s); i++ {
			if escapeWidth([]byte(s), i) != 0 {
				clean = false
				break
			}
		}
		if clean && string(out) != s {
			t.Fatalf("EscapeControl(%q) = %q, want it unchanged", s, out)
		}
	})
}
