package model

import (
	"strings"
	"testing"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// TestAppendFieldMatchesCPython formats a formatter's default with each
// format and compares the text, or the exception, with what CPython 3.11's
// logging.Formatter(fmt, style=..., defaults={'x': value}) gives.
func TestAppendFieldMatchesCPython(t *testing.T) {
	for _, c := range []struct {
		style   byte
		format  string
		value   any
		want    string
		wantErr string
	}{
		{'%', "%(x)s", "abc", "abc", ""},
		{'%', "%(x)-6s|", "abc", "abc   |", ""},
		{'%', "%(x)r", "abc", "'abc'", ""},
		{'%', "%(x)a", "é", `'\xe9'`, ""},
		{'%', "%(x)05d", 7, "00007", ""},
		{'%', "%(x)d", 2.9, "2", ""},
		{'%', "%(x)d", true, "1", ""},
		{'%', "%(x)s", true, "True", ""},
		{'%', "%(x)x", 1.5, "", "TypeError: %x format: an integer is required, not float"},
		{'%', "%(x).2f", 3, "3.00", ""},
		{'%', "%(x)s", nil, "None", ""},
		{'%', "%(x)d", nil, "", "TypeError: %d format: a real number is required, not NoneType"},
		{'%', "%(x)c", 65, "A", ""},
		{'%', "%(x)d", "a", "", "TypeError: %d format: a real number is required, not str"},
		{'{', "{x}", nil, "None", ""},
		{'{', "{x:>5}", nil, "", "TypeError: unsupported format string passed to NoneType.__format__"},
		{'{', "{x!r:>7}", nil, "   None", ""},
		{'{', "{x:>4}", true, "   1", ""},
		{'{', "{x}", false, "False", ""},
		{'{', "{x!s:6}|", 42, "42    |", ""},
		{'{', "{x:6}|", 42, "    42|", ""},
		{'{', "{x!r}", "q", "'q'", ""},
		{'{', "{x!a:^9}", "é", ` '\xe9'  `, ""},
		{'{', "{x:.1%}", 0.25, "25.0%", ""},
		{'{', "{x:d}", 0.5, "", "ValueError: Unknown format code 'd' for object of type 'float'"},
		{'{', "{x:s}", 3, "", "ValueError: Unknown format code 's' for object of type 'int'"},
		{'{', "{x:,}", 1234567, "1,234,567", ""},
		{'{', "{x:05.1f}", 2, "002.0", ""},
		{'{', "{x!s:.2}", 12345, "12", ""},
		{'$', "$x", 1.0, "1.0", ""},
		{'$', "${x}", nil, "None", ""},
		{'$', "$x", true, "True", ""},
	} {
		f, errs := pyfmt.ParseFormat(c.format, c.style, false)
		if len(errs) > 0 {
			t.Errorf("%q: %v", c.format, errs)
			continue
		}
		var b []byte
		var err error
		for _, s := range f.Segments {
			if s.Field == "" {
				b = append(b, s.Literal...)
				continue
			}
			if b, err = pyfmt.AppendField(b, c.style, s, pyfmt.AnyValue(c.value)); err != nil {
				break
			}
		}
		switch {
		case err != nil && pythonError(err) != c.wantErr:
			t.Errorf("%q with %#v: error %q, want %q", c.format, c.value, pythonError(err), c.wantErr)
		case err == nil && c.wantErr != "":
			t.Errorf("%q with %#v: %q, want the error %q", c.format, c.value, b, c.wantErr)
		case err == nil && string(b) != c.want:
			t.Errorf("%q with %#v: %q, want %q", c.format, c.value, b, c.want)
		}
	}
}

// TestDefaults checks how defaults reach the Config: their values, the
// type they give an extra whose uses leave it open, and the warnings for
// defaults Python never uses.
func TestDefaults(t *testing.T) {
	cfg, err := Parse("logging.yaml", []byte(`version: 1
formatters:
  plain:
    format: '%(port)s %(ratio)s %(flag)s %(tag)s %(count)s %(message)s'
    defaults: {port: 8080, ratio: 0.5, flag: true, tag: null, count: 1, levelname: X, prot: 1}
  other:
    style: '{'
    format: '{count:s} {message}'
`))
	if err != nil {
		t.Fatal(err)
	}
	f := cfg.Formatters[0]
	if len(f.Defaults) != 7 {
		t.Fatalf("%d defaults, want 7: %+v", len(f.Defaults), f.Defaults)
	}
	if v, ok := f.Default("port"); !ok || v.Kind() != pyfmt.KindInt || v.Int() != 8080 {
		t.Errorf("default port = %v, %v; want the int 8080", v, ok)
	}
	if v, ok := f.Default("tag"); !ok || v.Kind() != pyfmt.KindNone {
		t.Errorf("default tag = %v, %v; want None", v, ok)
	}
	types := map[string]pyfmt.FieldType{}
	for _, x := range cfg.Extras {
		types[x.Name] = x.Type
	}
	for name, want := range map[string]pyfmt.FieldType{
		"port":  pyfmt.TypeInt,    // its int default
		"ratio": pyfmt.TypeFloat,  // its float default
		"flag":  pyfmt.TypeString, // Extra has no bool fields
		"tag":   pyfmt.TypeString,
		"count": pyfmt.TypeString, // {count:s} cannot print an int
	} {
		if types[name] != want {
			t.Errorf("extra %s has type %v, want %v", name, types[name], want)
		}
	}
	var warnings []string
	for _, w := range cfg.Warnings {
		warnings = append(warnings, w.Error())
	}
	want := []string{
		`logging.yaml:5:84: warning: formatter "plain": defaults: "levelname" is a LogRecord attribute, which every record has: Python never uses this default`,
		`logging.yaml:5:93: warning: formatter "plain": defaults: the format has no field "prot" (did you mean "port"?)`,
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
}
