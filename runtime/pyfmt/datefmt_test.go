package pyfmt

import (
	"reflect"
	"testing"
)

func TestParseDatefmtConformance(t *testing.T) {
	for _, c := range conformanceFormats {
		if c.datefmt == "" {
			continue
		}
		d, errs := ParseDatefmt(c.datefmt)
		if len(errs) != 0 || d == nil || d.Raw != c.datefmt {
			t.Errorf("%s: ParseDatefmt(%q) = %+v, %v", c.name, c.datefmt, d, errs)
		}
	}
}

func dir(d byte) DatePart            { return DatePart{Directive: d} }
func dirFlag(f, d byte) DatePart     { return DatePart{Directive: d, Flag: f} }
func dateLit(s string) DatePart      { return DatePart{Literal: s} }
func parts(p ...DatePart) []DatePart { return p }

func TestParseDatefmt(t *testing.T) {
	tests := []struct {
		raw  string
		want []DatePart
	}{
		{"%Y-%m-%d %H:%M:%S", parts(dir('Y'), dateLit("-"), dir('m'), dateLit("-"), dir('d'), dateLit(" "), dir('H'), dateLit(":"), dir('M'), dateLit(":"), dir('S'))},
		{"%Y-%m-%d %H:%M:%S | %I%p | %y | %b %B | %a %A | day %j | %Z %z | 100%%", parts(
			dir('Y'), dateLit("-"), dir('m'), dateLit("-"), dir('d'), dateLit(" "), dir('H'), dateLit(":"), dir('M'), dateLit(":"), dir('S'),
			dateLit(" | "), dir('I'), dir('p'), dateLit(" | "), dir('y'), dateLit(" | "), dir('b'), dateLit(" "), dir('B'),
			dateLit(" | "), dir('a'), dateLit(" "), dir('A'), dateLit(" | day "), dir('j'), dateLit(" | "), dir('Z'), dateLit(" "), dir('z'),
			dateLit(" | 100%"))},
		{"100%%", parts(dateLit("100%"))},
		{"%%Y", parts(dateLit("%Y"))},
		{"a%_%b", parts(dateLit("a%b"))},
		{"%-d/%_m/%0e %^a %#Z", parts(dirFlag('-', 'd'), dateLit("/"), dirFlag('_', 'm'), dateLit("/"), dirFlag('0', 'e'), dateLit(" "), dirFlag('^', 'a'), dateLit(" "), dirFlag('#', 'Z'))},
		{"%Ec|%EY|%Od|%OH|%-Ey|%Ob|%E%", parts(dir('c'), dateLit("|"), dir('Y'), dateLit("|"), dir('d'), dateLit("|"), dir('H'), dateLit("|"), dirFlag('-', 'y'), dateLit("|"), dir('b'), dateLit("|%"))},
		{"%s %k %l %P %C %G %g %V %u %D %T %R %r %h %n %t %x %X %F %U %W %w", parts(
			dir('s'), dateLit(" "), dir('k'), dateLit(" "), dir('l'), dateLit(" "), dir('P'), dateLit(" "), dir('C'), dateLit(" "),
			dir('G'), dateLit(" "), dir('g'), dateLit(" "), dir('V'), dateLit(" "), dir('u'), dateLit(" "), dir('D'), dateLit(" "),
			dir('T'), dateLit(" "), dir('R'), dateLit(" "), dir('r'), dateLit(" "), dir('h'), dateLit(" "), dir('n'), dateLit(" "),
			dir('t'), dateLit(" "), dir('x'), dateLit(" "), dir('X'), dateLit(" "), dir('F'), dateLit(" "), dir('U'), dateLit(" "),
			dir('W'), dateLit(" "), dir('w'))},
		{"día %d – ünïcode", parts(dateLit("día "), dir('d'), dateLit(" – ünïcode"))},
		{"no directives", parts(dateLit("no directives"))},
	}
	for _, tt := range tests {
		d, errs := ParseDatefmt(tt.raw)
		if len(errs) != 0 {
			t.Errorf("ParseDatefmt(%q): %v", tt.raw, errs)
			continue
		}
		if d.Raw != tt.raw || !reflect.DeepEqual(d.Parts, tt.want) {
			t.Errorf("ParseDatefmt(%q):\n got %+v\nwant %+v", tt.raw, d.Parts, tt.want)
		}
	}
}

func TestParseDatefmtEmpty(t *testing.T) {
	// Python treats an empty datefmt as absent: the default asctime.
	if d, errs := ParseDatefmt(""); d != nil || errs != nil {
		t.Errorf(`ParseDatefmt("") = %+v, %v`, d, errs)
	}
}

func TestParseDatefmtErrors(t *testing.T) {
	tests := []struct {
		raw  string
		want []FormatError
	}{
		{"%H:%M:%S.%f", []FormatError{{9, "unknown strftime directive %f"}}},
		{"%q", []FormatError{{0, "unknown strftime directive %q"}}},
		{"%N", []FormatError{{0, "unknown strftime directive %N"}}},
		{"%J", []FormatError{{0, "unknown strftime directive %J"}}},
		{"%+Y", []FormatError{{0, "unknown strftime directive %+"}}},
		{"%-f", []FormatError{{0, "unknown strftime directive %-f"}}},
		{"%é", []FormatError{{0, "unknown strftime directive %é"}}},
		{"%E", []FormatError{{0, "unknown strftime directive %E"}}},
		{"%O", []FormatError{{0, "unknown strftime directive %O"}}},
		{"%E ", []FormatError{{0, "unknown strftime directive %E "}}},
		{"%Ed", []FormatError{{0, "unknown strftime directive %Ed"}}},
		{"%OY", []FormatError{{0, "unknown strftime directive %OY"}}},
		{"%E-y", []FormatError{{0, "unknown strftime directive %E-"}}},
		{"%5Y", []FormatError{{0, "field widths are not supported: %5Y"}}},
		{"%-5Y", []FormatError{{0, "field widths are not supported: %-5Y"}}},
		{"%010d", []FormatError{{0, "field widths are not supported: %010d"}}},
		{"%-_d", []FormatError{{0, "more than one strftime flag in %-_d"}}},
		{"%", []FormatError{{0, "lone % at end of datefmt (write %% for a literal %)"}}},
		{"100%", []FormatError{{3, "lone % at end of datefmt (write %% for a literal %)"}}},
		{"%Y%-", []FormatError{{2, "incomplete strftime directive %- at end of datefmt"}}},
		{"%f %Y %q %", []FormatError{
			{0, "unknown strftime directive %f"},
			{6, "unknown strftime directive %q"},
			{9, "lone % at end of datefmt (write %% for a literal %)"},
		}},
	}
	for _, tt := range tests {
		d, errs := ParseDatefmt(tt.raw)
		if d == nil {
			t.Errorf("ParseDatefmt(%q): nil Datefmt", tt.raw)
		}
		if !reflect.DeepEqual(errs, tt.want) {
			t.Errorf("ParseDatefmt(%q):\n got %q\nwant %q", tt.raw, errs, tt.want)
		}
	}
}

func FuzzParseDatefmt(f *testing.F) {
	for _, s := range []string{"%Y-%m-%d %H:%M:%S", "%-Ey%%", "%5Y", "%", "%E", "%é%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d, errs := ParseDatefmt(raw)
		if raw == "" {
			if d != nil || errs != nil {
				t.Fatalf("ParseDatefmt(\"\") = %v, %v", d, errs)
			}
			return
		}
		if d == nil || d.Raw != raw {
			t.Fatalf("ParseDatefmt(%q) = %v", raw, d)
		}
		for _, e := range errs {
			if e.Offset < 0 || e.Offset >= len(raw) || raw[e.Offset] != '%' {
				t.Errorf("ParseDatefmt(%q): bad error %+v", raw, e)
			}
		}
		for i, p := range d.Parts {
			if (p.Directive == 0) == (p.Literal == "") {
				t.Errorf("ParseDatefmt(%q): part %d: %+v", raw, i, p)
			}
		}
	})
}
