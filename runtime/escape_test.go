package runtime

import (
	"errors"
	"testing"
)

// TestNewFormatterEscapeControl: with EscapeControl, every value a format
// prints, and the exception after the message, is escaped; the format's own
// text and asctime are not.
func TestNewFormatterEscapeControl(t *testing.T) {
	cases := []struct {
		format string
		style  byte
		msg    string
		args   []any
		extra  []Field
		err    error
		want   string
	}{
		{format: "%(levelname)s\t%(message)s", msg: "a\nb\r\x1b[0m", want: "INFO\ta\\nb\\r\\x1b[0m"},
		{format: "%(message)s|%(user)s", msg: "hi %s", args: []any{"x\ny"}, extra: []Field{String("user", "u\u2028v")},
			want: "hi x\\ny|u\\u2028v"},
		{format: "[%(message)-6s]", msg: "a\nb", want: "[a\\nb   ]"}, // widths count the characters before escaping
		{format: "{message!r} {name}", style: '{', msg: "a\nb", want: "'a\\nb' app\\x7f"},
		{format: "%(message)s", msg: "failed", err: errors.New("bad input\n<10>forged"), want: "failed\\nbad input\\n<10>forged"},
	}
	for _, c := range cases {
		f, err := NewFormatter(c.format, FormatterOptions{Style: c.style, EscapeControl: true})
		if err != nil {
			t.Fatal(err)
		}
		name := "app"
		if c.style == '{' {
			name = "app\x7f"
		}
		r := NewRecord(name, INFO, c.msg, c.args...)
		r.Extra = c.extra
		r.Err = c.err
		got, err := f.Format(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("%q with %q: got %q, want %q", c.format, c.msg, got, c.want)
		}
	}
	// Without the option, Python's output.
	f, _ := NewFormatter("%(message)s", FormatterOptions{})
	if got, _ := f.Format(nil, NewRecord("app", INFO, "a\nb")); string(got) != "a\nb" {
		t.Errorf("without EscapeControl: %q", got)
	}
}
