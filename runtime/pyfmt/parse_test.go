package pyfmt

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// conformanceFormats lists every formatter of ../shared/conformance/cases:
// case, format, style and datefmt ("" when absent).
var conformanceFormats = []struct {
	name, format string
	style        byte
	datefmt      string
}{
	{"cfg-references", "%(message)s", '%', ""},
	{"cfg-references", "%(levelname)s|%(name)s|%(message)s", '%', ""},
	{"custom-numeric-levels", "%(levelno)s %(levelname)s %(message)s", '%', ""},
	{"datefmt-default-asctime", "%(asctime)s %(message)s", '%', ""},
	{"datefmt-default-asctime", "%(asctime)s %(message)s", '%', "%H:%M"},
	{"datefmt-default-asctime", "{asctime} {message}", '{', ""},
	{"datefmt-default-asctime", "${asctime} $message", '$', "%d/%m/%y"},
	{"datefmt-directives", "%(asctime)s -- %(message)s", '%', "%Y-%m-%d %H:%M:%S | %I%p | %y | %b %B | %a %A | day %j | %Z %z | 100%%"},
	{"disable-existing-loggers-default", "%(name)s %(message)s", '%', ""},
	{"ext-streams", "OUT %(levelname)s %(message)s", '%', ""},
	{"ext-streams", "ERR %(levelname)s %(message)s", '%', ""},
	{"file-handler-append", "%(asctime)s %(levelname)-7s %(name)s - %(message)s", '%', ""},
	{"file-handler-delay", "%(name)s:%(message)s", '%', ""},
	{"file-handler-mode-w-encoding", "%(levelname)s %(message)s", '%', ""},
	{"fileconfig-file-args", "%(levelname)s:%(message)s", '%', ""},
	{"fileconfig-formatter-datefmt-style", "{asctime} [{levelname:^9}] {message}", '{', "%d/%m/%Y %H:%M"},
	{"fileconfig-formatter-datefmt-style", "${asctime} $levelname $message", '$', "%a %b %d"},
	{"fileconfig-formatter-datefmt-style", "%(asctime)s %(levelname)s %(message)s", '%', ""},
	{"fileconfig-kwargs-qualname-propagate", "%(name)s %(levelname)s %(message)s", '%', ""},
	{"fileconfig-stdout", "%(levelname)s %(name)s: %(message)s", '%', ""},
	{"filter-and-formatter-factories", "A %(levelname)s %(name)s %(message)s", '%', ""},
	{"filter-and-formatter-factories", "B %(asctime)s %(message)s", '%', "%H:%M:%S"},
	{"filter-and-formatter-factories", "C {levelname} {message}", '{', ""},
	{"filter-on-handler", "%(name)s: %(message)s", '%', ""},
	{"format-brace-specs", "{levelno:03d}|{levelno:x}|{created:.2f}|{relativeCreated:,.1f}|{name!r}|{levelname:*^11}|{msecs:.0f}|{message!s:>14}|{{literal}}", '{', ""},
	{"format-brace-style", "{asctime} {levelname:<8} {name:>10}: {message}", '{', ""},
	{"format-dollar-style", "$levelname ${name}: $message ($$5 at ${asctime})", '$', ""},
	{"format-percent-flags", "[%(levelname)-8s][%(name)-15s][%(name)15s][%(name).3s][%(levelno)03d][%(levelno)+d][%(levelno)x][%(levelno)#o][%(name)r] %(message)s", '%', ""},
	{"format-percent-literals", "%(levelname)s 100%% | %(message)s", '%', ""},
	{"format-record-times", "%(asctime)s|%(msecs)03d|%(msecs)d|%(msecs)s|%(msecs)06.2f|%(created)f|%(created).3f|%(created)s|%(relativeCreated)d|%(relativeCreated).1f|%(relativeCreated)s|%(message)s", '%', ""},
	{"hierarchy-notset-inherits", "%(name)s:%(levelname)s:%(message)s", '%', ""},
	{"incremental-propagate", "own %(message)s", '%', ""},
	{"incremental-propagate", "root %(message)s", '%', ""},
	{"last-resort-threshold", "never %(message)s", '%', ""},
	{"memory-target-cfg-reference", "[%(name)s] %(message)s", '%', ""},
	{"memory-target-level-not-checked", "%(levelname)s via %(name)s: %(message)s", '%', ""},
	{"message-extra-fields", "%(user)s@%(ip)s [%(request_id)05d] %(message)s", '%', ""},
	{"message-extra-fields", "{user:>6}|{request_id:x}|{message}", '{', ""},
	{"message-unicode", "%(name)s » %(levelname)s » %(message)s", '%', ""},
	{"propagate-false", "app-handler %(name)s %(message)s", '%', ""},
	{"propagate-false", "root-handler %(name)s %(message)s", '%', ""},
	{"root-as-empty-logger-key", "%(name)s|%(levelname)s|%(message)s", '%', ""},
	{"stream-default-stderr", "%(name)s [%(levelname)s] %(message)s", '%', ""},
	{"stream-stdout-basic", "%(levelname)s:%(name)s:%(message)s", '%', ""},
}

func TestParseFormatConformance(t *testing.T) {
	for _, c := range conformanceFormats {
		for _, validate := range []bool{true, false} {
			f, errs := ParseFormat(c.format, c.style, validate)
			if len(errs) != 0 {
				t.Errorf("%s: ParseFormat(%q, %q, %v): %v", c.name, c.format, c.style, validate, errs)
				continue
			}
			if f.Raw != c.format || f.Style != c.style {
				t.Errorf("%s: got Raw %q Style %q", c.name, f.Raw, f.Style)
			}
			checkSegments(t, f)
		}
	}
}

// checkSegments checks the invariants of a parsed format: every field
// starts at its style character, literals are never empty or adjacent.
func checkSegments(t *testing.T, f *Format) {
	t.Helper()
	for i, s := range f.Segments {
		if s.Field == "" {
			if s.Literal == "" {
				t.Errorf("%q: segment %d: empty literal", f.Raw, i)
			}
			if i > 0 && f.Segments[i-1].Field == "" {
				t.Errorf("%q: segments %d and %d: adjacent literals", f.Raw, i-1, i)
			}
			continue
		}
		if s.Offset < 0 || s.Offset >= len(f.Raw) || f.Raw[s.Offset] != f.Style {
			t.Errorf("%q: field %q: Offset %d does not point at %q", f.Raw, s.Field, s.Offset, f.Style)
		}
		if _, ok := recordAttrs[s.Field]; ok == s.Extra {
			t.Errorf("%q: field %q: Extra = %v", f.Raw, s.Field, s.Extra)
		}
	}
}

var (
	noPct  = PercentSpec{}
	noSpec = FormatSpec{}
)

func lit(off int, s string) Segment { return Segment{Literal: s, Offset: off} }

func pct(off int, field string, typ FieldType, ps PercentSpec) Segment {
	_, known := recordAttrs[field]
	return Segment{Field: field, Offset: off, Percent: ps, Spec: noSpec, Type: typ, Extra: !known}
}

func brace(off int, field string, typ FieldType, conv byte, fs FormatSpec) Segment {
	_, known := recordAttrs[field]
	return Segment{Field: field, Offset: off, Percent: noPct, Conversion: conv, Spec: fs, Type: typ, Extra: !known}
}

func dollar(off int, field string) Segment {
	t, known := recordAttrs[field]
	return Segment{Field: field, Offset: off, Percent: noPct, Spec: noSpec, Type: t, Extra: !known}
}

func TestParseFormatSegments(t *testing.T) {
	tests := []struct {
		style byte
		raw   string
		want  []Segment
	}{
		{'%', "[%(levelname)-8s][%(name).3s][%(levelno)03d][%(levelno)+d][%(levelno)x][%(levelno)#o][%(name)r] %(message)s", []Segment{
			lit(0, "["),
			pct(1, "levelname", TypeString, PercentSpec{Minus: true, Width: 8, Verb: 's'}),
			lit(16, "]["),
			pct(18, "name", TypeString, PercentSpec{Prec: 3, HasPrec: true, Verb: 's'}),
			lit(28, "]["),
			pct(30, "levelno", TypeInt, PercentSpec{Zero: true, Width: 3, Verb: 'd'}),
			lit(43, "]["),
			pct(45, "levelno", TypeInt, PercentSpec{Plus: true, Verb: 'd'}),
			lit(57, "]["),
			pct(59, "levelno", TypeInt, PercentSpec{Verb: 'x'}),
			lit(70, "]["),
			pct(72, "levelno", TypeInt, PercentSpec{Alt: true, Verb: 'o'}),
			lit(84, "]["),
			pct(86, "name", TypeString, PercentSpec{Verb: 'r'}),
			lit(94, "] "),
			pct(96, "message", TypeString, PercentSpec{Verb: 's'}),
		}},
		{'%', "%(levelname)s 100%% | %(message)s", []Segment{
			pct(0, "levelname", TypeString, PercentSpec{Verb: 's'}),
			lit(13, " 100% | "),
			pct(22, "message", TypeString, PercentSpec{Verb: 's'}),
		}},
		{'%', "%(msecs)06.2f%(created).0f%(relativeCreated)ld %(levelno)-+ #0i", []Segment{
			pct(0, "msecs", TypeFloat, PercentSpec{Zero: true, Width: 6, Prec: 2, HasPrec: true, Verb: 'f'}),
			pct(13, "created", TypeFloat, PercentSpec{Prec: 0, HasPrec: true, Verb: 'f'}),
			pct(26, "relativeCreated", TypeFloat, PercentSpec{Verb: 'd'}),
			lit(46, " "),
			pct(47, "levelno", TypeInt, PercentSpec{Minus: true, Plus: true, Space: true, Alt: true, Zero: true, Verb: 'i'}),
		}},
		{'%', "%(user)s@%(ip)r [%(request_id)05d] %(mask)#x %(ratio).2e", []Segment{
			pct(0, "user", TypeString, PercentSpec{Verb: 's'}),
			lit(8, "@"),
			pct(9, "ip", TypeString, PercentSpec{Verb: 'r'}),
			lit(15, " ["),
			pct(17, "request_id", TypeInt, PercentSpec{Zero: true, Width: 5, Verb: 'd'}),
			lit(33, "] "),
			func() Segment {
				s := pct(35, "mask", TypeInt, PercentSpec{Alt: true, Verb: 'x'})
				s.IntOnly = true
				return s
			}(),
			lit(44, " "),
			pct(45, "ratio", TypeFloat, PercentSpec{Prec: 2, HasPrec: true, Verb: 'e'}),
		}},
		{'{', "{levelno:03d}|{created:.2f}|{relativeCreated:,.1f}|{name!r}|{levelname:*^11}|{message!s:>14}|{{literal}}", []Segment{
			brace(0, "levelno", TypeInt, 0, FormatSpec{Zero: true, Width: 3, Type: 'd'}),
			lit(13, "|"),
			brace(14, "created", TypeFloat, 0, FormatSpec{Prec: 2, HasPrec: true, Type: 'f'}),
			lit(27, "|"),
			brace(28, "relativeCreated", TypeFloat, 0, FormatSpec{Grouping: ',', Prec: 1, HasPrec: true, Type: 'f'}),
			lit(50, "|"),
			brace(51, "name", TypeString, 'r', noSpec),
			lit(59, "|"),
			brace(60, "levelname", TypeString, 0, FormatSpec{Fill: '*', Align: '^', Width: 11}),
			lit(76, "|"),
			brace(77, "message", TypeString, 's', FormatSpec{Align: '>', Width: 14}),
			lit(92, "|{literal}"),
		}},
		{'{', "{user:>6}|{request_id:x}|{n:+}|{ratio:.1%}|{count:n}|{tag!r:>9}", []Segment{
			brace(0, "user", TypeString, 0, FormatSpec{Align: '>', Width: 6}),
			lit(9, "|"),
			func() Segment {
				s := brace(10, "request_id", TypeInt, 0, FormatSpec{Type: 'x'})
				s.IntOnly = true
				return s
			}(),
			lit(24, "|"),
			brace(25, "n", TypeInt, 0, FormatSpec{Sign: '+'}),
			lit(30, "|"),
			brace(31, "ratio", TypeFloat, 0, FormatSpec{Prec: 1, HasPrec: true, Type: '%'}),
			lit(42, "|"),
			func() Segment {
				s := brace(43, "count", TypeInt, 0, FormatSpec{Type: 'n'})
				s.IntOnly = true
				return s
			}(),
			lit(52, "|"),
			brace(53, "tag", TypeString, 'r', FormatSpec{Align: '>', Width: 9}),
		}},
		{'{', "{name:１０}", []Segment{
			brace(0, "name", TypeString, 0, FormatSpec{Width: 10}),
		}},
		{'$', "$levelname ${name}: $message ($$5 at ${asctime})$user_id", []Segment{
			dollar(0, "levelname"),
			lit(10, " "),
			dollar(11, "name"),
			lit(18, ": "),
			dollar(20, "message"),
			lit(28, " ($5 at "),
			dollar(37, "asctime"),
			lit(47, ")"),
			dollar(48, "user_id"),
		}},
		{'$', "$messagex$naïve", []Segment{
			dollar(0, "messagex"),
			dollar(9, "na"),
			lit(12, "ïve"),
		}},
	}
	for _, tt := range tests {
		f, errs := ParseFormat(tt.raw, tt.style, true)
		if len(errs) != 0 {
			t.Errorf("ParseFormat(%q): %v", tt.raw, errs)
			continue
		}
		if !reflect.DeepEqual(f.Segments, tt.want) {
			t.Errorf("ParseFormat(%q):\n got %+v\nwant %+v", tt.raw, f.Segments, tt.want)
		}
		checkSegments(t, f)
	}
}

func TestParseFormatSpecFields(t *testing.T) {
	f, errs := ParseFormat("{levelno:+#_b}{levelno:0=+8}{name:é<5}{created:,.3e}", '{', true)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := []FormatSpec{
		{Sign: '+', Alt: true, Grouping: '_', Type: 'b'},
		{Fill: '0', Align: '=', Sign: '+', Width: 8},
		{Fill: 'é', Align: '<', Width: 5},
		{Grouping: ',', Prec: 3, HasPrec: true, Type: 'e'},
	}
	for i, s := range f.Segments {
		if s.Spec != want[i] {
			t.Errorf("segment %d: got %+v, want %+v", i, s.Spec, want[i])
		}
	}
}

// badFormats are formats loggen rejects, with every error expected.
var badFormats = []struct {
	style byte
	raw   string
	want  []FormatError
}{
	{'%', "%(levelno)y", []FormatError{{10, "unsupported format character 'y' (0x79)"}}},
	{'%', "%(levelno)5%", []FormatError{{11, "unsupported format character '%' (0x25)"}}},
	{'%', "%", []FormatError{{0, "incomplete format"}}},
	{'%', "%(message)s 50%", []FormatError{{14, "incomplete format"}}},
	{'%', "%(name", []FormatError{{0, "incomplete format key"}}},
	{'%', "%(levelno)5.", []FormatError{{0, "incomplete format"}}},
	{'%', "%(name)*d", []FormatError{{7, "* wants int: a * width or precision cannot be used with a mapping"}}},
	{'%', "%(levelno).*d", []FormatError{{11, "* wants int: a * width or precision cannot be used with a mapping"}}},
	{'%', "100% done %(message)s", []FormatError{{3, "\"% d\" has no (name): format requires a mapping (write %% for a literal %)"}}},
	{'%', "%s %(message)s", []FormatError{{0, "\"%s\" has no (name): format requires a mapping (write %% for a literal %)"}}},
	{'%', "%(na me)s", []FormatError{{2, "invalid field name 'na me'"}}},
	{'%', "%()s", []FormatError{{2, "invalid field name ''"}}},
	{'%', "%(name)é", []FormatError{{7, "unsupported format character '?' (0xe9)"}}},
	{'%', "%(levelno)99999999999999999999d", []FormatError{{10, "width too big"}}},
	{'%', "%(levelno).99999999999d", []FormatError{{11, "precision too big"}}},
	{'%', "%(levelno).2147483646d", []FormatError{{11, "precision too large"}}},
	{'%', "%(message)70000s", []FormatError{{10, "width 70000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'%', "%(levelno)40000d %(message)30000s", []FormatError{{27, "width 30000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'%', "%(created).70000f", []FormatError{{11, "precision 70000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'%', "%(created)30000.40000e", []FormatError{{16, "precision 40000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'%', "%(n)70000x", []FormatError{{4, "width 70000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'%', "%(name)d", []FormatError{{7, "%d format: a real number is required, not str"}}},
	{'%', "%(msecs)x", []FormatError{{8, "%x format: an integer is required, not float"}}},
	{'%', "%(name)c", []FormatError{{7, "%c requires int or char"}}},
	{'%', "%(created)c", []FormatError{{10, "%c requires int or char"}}},
	{'%', "%(exc_info)d", []FormatError{{11, "%d format: a real number is required, not NoneType"}}},
	{'%', "%(levelname)f", []FormatError{{12, "must be real number, not str"}}},
	{'%', "%(levelno)hhd", []FormatError{{11, "unsupported format character 'h' (0x68)"}}},
	{'%', "%-(name)s", []FormatError{{2, "unsupported format character '(' (0x28)"}}},
	{'%', "plain text", []FormatError{{0, "invalid format: no fields"}}},
	{'%', "100%%", []FormatError{{0, "invalid format: no fields"}}},
	{'%', "%(message)ls", []FormatError{{0, "invalid format: no fields"}}},
	{'{', "{", []FormatError{{0, "Single '{' encountered in format string"}}},
	{'{', "a}b {message}", []FormatError{{1, "Single '}' encountered in format string"}}},
	{'{', "{message", []FormatError{{0, "expected '}' before end of string"}}},
	{'{', "{message!", []FormatError{{8, "end of string while looking for conversion specifier"}}},
	{'{', "{message!r", []FormatError{{0, "unmatched '{' in format spec"}}},
	{'{', "{message!rr}", []FormatError{{10, "expected ':' after conversion specifier"}}},
	{'{', "{message!z}", []FormatError{{9, "invalid conversion: 'z' (must be r, s or a)"}}},
	{'{', "{message:{levelno}}", []FormatError{{9, "nested fields are not supported in a format spec"}}},
	{'{', "{}", []FormatError{{1, "empty field {}: positional fields are not supported (name a record attribute, as in {message})"}}},
	{'{', "{0}", []FormatError{{1, "positional field {0} is not supported (name a record attribute, as in {message})"}}},
	{'{', "{name.upper}", []FormatError{{1, "field 'name.upper': attribute and index access are not supported"}}},
	{'{', "{name[0]}", []FormatError{{1, "field 'name[0]': attribute and index access are not supported"}}},
	{'{', "{na me}", []FormatError{{1, "invalid field name 'na me'"}}},
	{'{', "{1abc}", []FormatError{{1, "invalid field name '1abc'"}}},
	{'{', "{na{me}", []FormatError{{3, "unexpected '{' in field name"}}},
	{'{', "{msecs:d}", []FormatError{{7, "Unknown format code 'd' for object of type 'float'"}}},
	{'{', "{levelname:d}", []FormatError{{11, "Unknown format code 'd' for object of type 'str'"}}},
	{'{', "{created:x}", []FormatError{{9, "Unknown format code 'x' for object of type 'float'"}}},
	{'{', "{name:+}", []FormatError{{6, "Sign not allowed in string format specifier"}}},
	{'{', "{name:,}", []FormatError{{6, "Cannot specify ',' with 's'."}}},
	{'{', "{name:=5}", []FormatError{{6, "'=' alignment not allowed in string format specifier"}}},
	{'{', "{name:#}", []FormatError{{6, "Alternate form (#) not allowed in string format specifier"}}},
	{'{', "{levelno:.2}", []FormatError{{9, "Precision not allowed in integer format specifier"}}},
	{'{', "{levelno:5.}", []FormatError{{10, "Format specifier missing precision"}}},
	{'{', "{levelno:xx}", []FormatError{{9, "Invalid format specifier 'xx' for object of type 'int'"}}},
	{'{', "{levelno:,_}", []FormatError{{10, "Cannot specify both ',' and '_'."}}},
	{'{', "{levelno:+c}", []FormatError{{10, "Sign not allowed with integer format specifier 'c'"}}},
	{'{', "{created:.2147483648f}", []FormatError{{10, "precision too big"}}},
	{'{', "{levelno:.2147483648e}", []FormatError{{10, "precision too big"}}},
	{'{', "{message:70000}", []FormatError{{9, "width 70000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'{', "{message:*^40000} {levelno:030000}", []FormatError{{28, "width 30000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'{', "{created:.70000f}", []FormatError{{10, "precision 70000 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'{', "{ratio:10.65530e}", []FormatError{{10, "precision 65530 is over loggen's limit: the widths and precisions of one format may add up to at most 65536 characters"}}},
	{'{', "{exc_info:>5}", []FormatError{{10, "unsupported format string passed to NoneType.__format__"}}},
	{'{', "{created:z.2f}", []FormatError{{9, "invalid format: bad specifier: 'z.2f' (Python's validate rejects it)"}}},
	{'{', "{name:\n<5}", []FormatError{{6, "invalid format: bad specifier: '\\n<5' (Python's validate rejects it)"}}},
	{'{', "{extra:q}", []FormatError{{7, "Unknown format code 'q'"}}},
	{'{', "{extra:.2d}", []FormatError{{9, "Precision not allowed in integer format specifier"}}},
	{'{', "{message}}", []FormatError{{9, "Single '}' encountered in format string"}}},
	{'{', "plain", []FormatError{{0, "invalid format: no fields"}}},
	{'{', "{{message}}", []FormatError{{0, "invalid format: no fields"}}},
	{'$', "$", []FormatError{{0, "invalid placeholder: bare '$' not allowed (write $$ for a literal $, $name or ${name} for a field)"}}},
	{'$', "100$ $message", []FormatError{{3, "invalid placeholder: bare '$' not allowed (write $$ for a literal $, $name or ${name} for a field)"}}},
	{'$', "${message", []FormatError{{0, "invalid placeholder: bare '$' not allowed (write $$ for a literal $, $name or ${name} for a field)"}}},
	{'$', "${ message}", []FormatError{{0, "invalid placeholder: bare '$' not allowed (write $$ for a literal $, $name or ${name} for a field)"}}},
	{'$', "$1", []FormatError{{0, "invalid placeholder: bare '$' not allowed (write $$ for a literal $, $name or ${name} for a field)"}}},
	{'$', "plain", []FormatError{{0, "invalid format: no fields"}}},
	{'$', "$$message", []FormatError{{0, "invalid format: no fields"}}},
}

func TestParseFormatErrors(t *testing.T) {
	if len(badFormats) < 40 {
		t.Fatalf("only %d bad formats", len(badFormats))
	}
	for _, tt := range badFormats {
		f, errs := ParseFormat(tt.raw, tt.style, true)
		if f == nil {
			t.Errorf("ParseFormat(%q, %q): nil Format", tt.raw, tt.style)
		}
		if !reflect.DeepEqual(errs, tt.want) {
			t.Errorf("ParseFormat(%q, %q, true):\n got %q\nwant %q", tt.raw, tt.style, errs, tt.want)
		}
	}
}

func TestParseFormatMultipleErrors(t *testing.T) {
	_, errs := ParseFormat("%(a)y %(name)d %(b)s %", '%', false)
	want := []FormatError{
		{4, "unsupported format character 'y' (0x79)"},
		{13, "%d format: a real number is required, not str"},
		{21, "incomplete format"},
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("got %q, want %q", errs, want)
	}
	_, errs = ParseFormat("} {x.y} {levelno:s} {{", '{', false)
	want = []FormatError{
		{0, "Single '}' encountered in format string"},
		{3, "field 'x.y': attribute and index access are not supported"},
		{17, "Unknown format code 's' for object of type 'int'"},
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("got %q, want %q", errs, want)
	}
}

func TestParseFormatValidate(t *testing.T) {
	tests := []struct {
		style byte
		raw   string
		ok    bool // with validate true; all are fine with validate false
	}{
		{'%', "plain text", false},
		{'%', "100%%", false},
		{'%', "%%(message)s", true}, // Python's validation pattern matches inside the escape
		{'%', "%(message)ls", false},
		{'%', "%(message)ls %(name)s", true},
		{'{', "plain", false},
		{'{', "{{message}}", false},
		{'$', "plain", false},
		{'$', "$$message", false},
		{'$', "cost: $$5 $message", true},
	}
	for _, tt := range tests {
		_, errs := ParseFormat(tt.raw, tt.style, true)
		if (len(errs) == 0) != tt.ok {
			t.Errorf("ParseFormat(%q, %q, true): %v", tt.raw, tt.style, errs)
		}
		if _, errs := ParseFormat(tt.raw, tt.style, false); len(errs) != 0 {
			t.Errorf("ParseFormat(%q, %q, false): %v", tt.raw, tt.style, errs)
		}
	}
}

// pythonDecisions records whether CPython 3.11.7 accepts each format: it
// builds logging.Formatter(fmt, style=style, validate=validate) and formats a
// record (name "root", levelno 20, taskName None, extras user="bob", n=7,
// ratio=0.5) without an exception. Rows with a reason are where loggen
// deliberately rejects what Python accepts.
var pythonDecisions = []struct {
	style    byte
	raw      string
	validate bool
	python   bool
	diverge  string
}{
	{'%', "%(message)s", true, true, ""},
	{'%', "%(message)s", false, true, ""},
	{'%', "%(levelname)-8s", true, true, ""},
	{'%', "%(levelname)-8s", false, true, ""},
	{'%', "%(levelno)03d", true, true, ""},
	{'%', "%(levelno)03d", false, true, ""},
	{'%', "%(levelno)+d", true, true, ""},
	{'%', "%(levelno)+d", false, true, ""},
	{'%', "%(levelno)x", true, true, ""},
	{'%', "%(levelno)x", false, true, ""},
	{'%', "%(levelno)#o", true, true, ""},
	{'%', "%(levelno)#o", false, true, ""},
	{'%', "%(name)r", true, true, ""},
	{'%', "%(name)r", false, true, ""},
	{'%', "100%% %(message)s", true, true, ""},
	{'%', "100%% %(message)s", false, true, ""},
	{'%', "%(name)s %s", true, false, ""},
	{'%', "%(name)s %s", false, false, ""},
	{'%', "%s", true, false, ""},
	{'%', "%s", false, true, "Python formats the whole record dict"},
	{'%', "%(name)*d", true, false, ""},
	{'%', "%(name)*d", false, false, ""},
	{'%', "%(levelno).*d", true, false, ""},
	{'%', "%(levelno).*d", false, false, ""},
	{'%', "%(levelno)ld", true, false, ""},
	{'%', "%(levelno)ld", false, true, ""},
	{'%', "%(levelno)hhd", true, false, ""},
	{'%', "%(levelno)hhd", false, false, ""},
	{'%', "%(levelno)Ld", true, false, ""},
	{'%', "%(levelno)Ld", false, true, ""},
	{'%', "%", true, false, ""},
	{'%', "%", false, false, ""},
	{'%', "%(name)", true, false, ""},
	{'%', "%(name)", false, false, ""},
	{'%', "%(name", true, false, ""},
	{'%', "%(name", false, false, ""},
	{'%', "%(na(m)e)s", true, false, ""},
	{'%', "%(na(m)e)s", false, false, ""},
	{'%', "%(levelno)y", true, false, ""},
	{'%', "%(levelno)y", false, false, ""},
	{'%', "%(levelno)5", true, false, ""},
	{'%', "%(levelno)5", false, false, ""},
	{'%', "%(levelno)5.", true, false, ""},
	{'%', "%(levelno)5.", false, false, ""},
	{'%', "%(levelno).d", true, false, ""},
	{'%', "%(levelno).d", false, true, ""},
	{'%', "%(levelno)-+ #0d", true, true, ""},
	{'%', "%(levelno)-+ #0d", false, true, ""},
	{'%', "%(levelno)%", true, false, ""},
	{'%', "%(levelno)%", false, false, ""},
	{'%', "%5%", true, false, ""},
	{'%', "%5%", false, false, ""},
	{'%', "a%%b", true, false, ""},
	{'%', "a%%b", false, true, ""},
	{'%', "%(name)é", true, false, ""},
	{'%', "%(name)é", false, false, ""},
	{'%', "%(levelno)99999999999999999999d", true, false, ""},
	{'%', "%(levelno)99999999999999999999d", false, false, ""},
	{'%', "%(levelno).99999999999d", true, false, ""},
	{'%', "%(levelno).99999999999d", false, false, ""},
	{'%', "%(levelno)c", true, true, ""},
	{'%', "%(levelno)c", false, true, ""},
	{'%', "%(name)c", true, false, ""},
	{'%', "%(name)c", false, false, ""},
	{'%', "%(name)d", true, false, ""},
	{'%', "%(name)d", false, false, ""},
	{'%', "%(msecs)x", true, false, ""},
	{'%', "%(msecs)x", false, false, ""},
	{'%', "%(msecs)c", true, false, ""},
	{'%', "%(msecs)c", false, false, ""},
	{'%', "%(levelno)u", true, true, ""},
	{'%', "%(levelno)u", false, true, ""},
	{'%', "%()s", true, false, ""},
	{'%', "%()s", false, false, ""},
	{'%', "%(created)d", true, true, ""},
	{'%', "%(created)d", false, true, ""},
	{'%', "%(name)F", true, false, ""},
	{'%', "%(name)F", false, false, ""},
	{'%', "%(levelno)E", true, true, ""},
	{'%', "%(levelno)E", false, true, ""},
	{'%', "%(msecs)03d", true, true, ""},
	{'%', "%(msecs)03d", false, true, ""},
	{'%', "%(msecs)06.2f", true, true, ""},
	{'%', "%(msecs)06.2f", false, true, ""},
	{'%', "%(created).3f", true, true, ""},
	{'%', "%(created).3f", false, true, ""},
	{'%', "%(relativeCreated)d", true, true, ""},
	{'%', "%(relativeCreated)d", false, true, ""},
	{'%', "plain", true, false, ""},
	{'%', "plain", false, true, ""},
	{'%', "100%%", true, false, ""},
	{'%', "100%%", false, true, ""},
	{'%', "%%(message)s", true, true, ""},
	{'%', "%%(message)s", false, true, ""},
	{'%', "%(message)ls", true, false, ""},
	{'%', "%(message)ls", false, true, ""},
	{'%', "%(message)s %(exc_info)s %(stack_info)s %(taskName)s %(exc_text)s %(args)s", true, true, ""},
	{'%', "%(message)s %(exc_info)s %(stack_info)s %(taskName)s %(exc_text)s %(args)s", false, true, ""},
	{'%', "%(exc_info)d", true, false, ""},
	{'%', "%(exc_info)d", false, false, ""},
	{'%', "%(taskName)r", true, true, ""},
	{'%', "%(taskName)r", false, true, ""},
	{'%', "%(thread)x", true, true, ""},
	{'%', "%(thread)x", false, true, ""},
	{'%', "%(process)d", true, true, ""},
	{'%', "%(process)d", false, true, ""},
	{'%', "%(lineno)5.2f", true, true, ""},
	{'%', "%(lineno)5.2f", false, true, ""},
	{'%', "%(levelno)g", true, true, ""},
	{'%', "%(levelno)g", false, true, ""},
	{'%', "%(name)a", true, true, ""},
	{'%', "%(name)a", false, true, ""},
	{'%', "%(user)s", true, true, ""},
	{'%', "%(user)s", false, true, ""},
	{'%', "%(n)d", true, true, ""},
	{'%', "%(n)d", false, true, ""},
	{'%', "%(n)x", true, true, ""},
	{'%', "%(n)x", false, true, ""},
	{'%', "%(ratio).2f", true, true, ""},
	{'%', "%(ratio).2f", false, true, ""},
	{'%', "%(ratio)e", true, true, ""},
	{'%', "%(ratio)e", false, true, ""},
	{'%', "%(n)c", true, true, ""},
	{'%', "%(n)c", false, true, ""},
	{'%', "100% done %(message)s", true, false, ""},
	{'%', "100% done %(message)s", false, false, ""},
	{'%', "%(message)s 50%", true, false, ""},
	{'%', "%(message)s 50%", false, false, ""},
	{'%', "%(message)s%-", true, false, ""},
	{'%', "%(message)s%-", false, false, ""},
	{'%', "%(message)", true, false, ""},
	{'%', "%(message)", false, false, ""},
	{'%', "%-(name)s", true, false, ""},
	{'%', "%-(name)s", false, false, ""},
	{'%', "% (name)s", true, false, ""},
	{'%', "% (name)s", false, false, ""},
	{'%', "%(name)s%(levelname)", true, false, ""},
	{'%', "%(name)s%(levelname)", false, false, ""},
	{'%', "%(pathname)s %(filename)s %(module)s %(funcName)s %(threadName)s %(processName)s %(msg)s", true, true, ""},
	{'%', "%(pathname)s %(filename)s %(module)s %(funcName)s %(threadName)s %(processName)s %(msg)s", false, true, ""},
	{'%', "%(levelno)#x %(levelno)#X %(levelno) d", true, true, ""},
	{'%', "%(levelno)#x %(levelno)#X %(levelno) d", false, true, ""},
	{'%', "%(levelno)i", true, true, ""},
	{'%', "%(levelno)i", false, true, ""},
	{'%', "%(msecs)o", true, false, ""},
	{'%', "%(msecs)o", false, false, ""},
	{'{', "{message}", true, true, ""},
	{'{', "{message}", false, true, ""},
	{'{', "{levelno:03d}", true, true, ""},
	{'{', "{levelno:03d}", false, true, ""},
	{'{', "{levelno:x}", true, true, ""},
	{'{', "{levelno:x}", false, true, ""},
	{'{', "{created:.2f}", true, true, ""},
	{'{', "{created:.2f}", false, true, ""},
	{'{', "{relativeCreated:,.1f}", true, true, ""},
	{'{', "{relativeCreated:,.1f}", false, true, ""},
	{'{', "{name!r}", true, true, ""},
	{'{', "{name!r}", false, true, ""},
	{'{', "{levelname:*^11}", true, true, ""},
	{'{', "{levelname:*^11}", false, true, ""},
	{'{', "{msecs:.0f}", true, true, ""},
	{'{', "{msecs:.0f}", false, true, ""},
	{'{', "{message!s:>14}", true, true, ""},
	{'{', "{message!s:>14}", false, true, ""},
	{'{', "{{literal}} {message}", true, true, ""},
	{'{', "{{literal}} {message}", false, true, ""},
	{'{', "{", true, false, ""},
	{'{', "{", false, false, ""},
	{'{', "}", true, false, ""},
	{'{', "}", false, false, ""},
	{'{', "a}b {message}", true, false, ""},
	{'{', "a}b {message}", false, false, ""},
	{'{', "{x", true, false, ""},
	{'{', "{x", false, false, ""},
	{'{', "{name", true, false, ""},
	{'{', "{name", false, false, ""},
	{'{', "{name!", true, false, ""},
	{'{', "{name!", false, false, ""},
	{'{', "{name!r", true, false, ""},
	{'{', "{name!r", false, false, ""},
	{'{', "{name!rr}", true, false, ""},
	{'{', "{name!rr}", false, false, ""},
	{'{', "{name!z}", true, false, ""},
	{'{', "{name!z}", false, false, ""},
	{'{', "{name!}", true, false, ""},
	{'{', "{name!}", false, false, ""},
	{'{', "{name:", true, false, ""},
	{'{', "{name:", false, false, ""},
	{'{', "{name:{levelno}}", true, true, "nested fields"},
	{'{', "{name:{levelno}}", false, true, "nested fields"},
	{'{', "{name:{levelno}", true, false, ""},
	{'{', "{name:{levelno}", false, false, ""},
	{'{', "{}", true, false, ""},
	{'{', "{}", false, false, ""},
	{'{', "{0}", true, false, ""},
	{'{', "{0}", false, false, ""},
	{'{', "{name.upper}", true, true, "attribute access"},
	{'{', "{name.upper}", false, true, "attribute access"},
	{'{', "{name[0]}", true, true, "index access"},
	{'{', "{name[0]}", false, true, "index access"},
	{'{', "{na me}", true, false, ""},
	{'{', "{na me}", false, false, ""},
	{'{', "{name[}", true, false, ""},
	{'{', "{name[}", false, false, ""},
	{'{', "{name[}]}", true, false, ""},
	{'{', "{name[}]}", false, false, ""},
	{'{', "{name]}", true, false, ""},
	{'{', "{name]}", false, false, ""},
	{'{', "{{}}", true, false, ""},
	{'{', "{{}}", false, true, ""},
	{'{', "{name:}}", true, false, ""},
	{'{', "{name:}}", false, false, ""},
	{'{', "{na{me}", true, false, ""},
	{'{', "{na{me}", false, false, ""},
	{'{', "{levelno:z.2f}", true, false, ""},
	{'{', "{levelno:z.2f}", false, true, ""},
	{'{', "{created:z.2f}", true, false, ""},
	{'{', "{created:z.2f}", false, true, ""},
	{'{', "{name:,}", true, false, ""},
	{'{', "{name:,}", false, false, ""},
	{'{', "{name:+}", true, false, ""},
	{'{', "{name:+}", false, false, ""},
	{'{', "{name:#}", true, false, ""},
	{'{', "{name:#}", false, false, ""},
	{'{', "{name:=5}", true, false, ""},
	{'{', "{name:=5}", false, false, ""},
	{'{', "{name:z}", true, false, ""},
	{'{', "{name:z}", false, false, ""},
	{'{', "{levelno:.2}", true, false, ""},
	{'{', "{levelno:.2}", false, false, ""},
	{'{', "{levelno:.2d}", true, false, ""},
	{'{', "{levelno:.2d}", false, false, ""},
	{'{', "{levelno:+c}", true, false, ""},
	{'{', "{levelno:+c}", false, false, ""},
	{'{', "{levelno:#c}", true, false, ""},
	{'{', "{levelno:#c}", false, false, ""},
	{'{', "{levelno:,n}", true, false, ""},
	{'{', "{levelno:,n}", false, false, ""},
	{'{', "{levelno:,_}", true, false, ""},
	{'{', "{levelno:,_}", false, false, ""},
	{'{', "{levelno:_,}", true, false, ""},
	{'{', "{levelno:_,}", false, false, ""},
	{'{', "{levelno:,x}", true, false, ""},
	{'{', "{levelno:,x}", false, false, ""},
	{'{', "{levelno:_x}", true, true, ""},
	{'{', "{levelno:_x}", false, true, ""},
	{'{', "{levelno:,c}", true, false, ""},
	{'{', "{levelno:,c}", false, false, ""},
	{'{', "{levelno:5.}", true, false, ""},
	{'{', "{levelno:5.}", false, false, ""},
	{'{', "{levelno:xx}", true, false, ""},
	{'{', "{levelno:xx}", false, false, ""},
	{'{', "{levelno:D}", true, false, ""},
	{'{', "{levelno:D}", false, false, ""},
	{'{', "{levelno:X}", true, true, ""},
	{'{', "{levelno:X}", false, true, ""},
	{'{', "{created:X}", true, false, ""},
	{'{', "{created:X}", false, false, ""},
	{'{', "{created:%}", true, true, ""},
	{'{', "{created:%}", false, true, ""},
	{'{', "{levelno:%}", true, true, ""},
	{'{', "{levelno:%}", false, true, ""},
	{'{', "{created:,.2f}", true, true, ""},
	{'{', "{created:,.2f}", false, true, ""},
	{'{', "{created:#}", true, true, ""},
	{'{', "{created:#}", false, true, ""},
	{'{', "{created:n}", true, true, ""},
	{'{', "{created:n}", false, true, ""},
	{'{', "{created:c}", true, false, ""},
	{'{', "{created:c}", false, false, ""},
	{'{', "{levelno:zd}", true, false, ""},
	{'{', "{levelno:zd}", false, false, ""},
	{'{', "{levelno:z}", true, false, ""},
	{'{', "{levelno:z}", false, false, ""},
	{'{', "{created:z.1f}", false, true, ""},
	{'{', "{n:z.1f}", false, true, ""},
	{'{', "{ratio:z}", false, true, ""},
	{'%', "%(levelno).2147483646d", false, false, ""},
	{'%', "%(levelno).2147483644d", false, true, "MaxWidth: gigabytes of zeros"},
	{'%', "%(message).2147483647s", false, true, ""},
	{'%', "%(message)70000s", false, true, "MaxWidth"},
	{'{', "{created:.2147483648f}", false, false, ""},
	{'{', "{levelno:.2147483648e}", false, false, ""},
	{'{', "{message:.99999999999}", false, true, ""},
	{'{', "{name: }", true, false, ""},
	{'{', "{name: }", false, false, ""},
	{'{', "{name:-}", true, false, ""},
	{'{', "{name:-}", false, false, ""},
	{'{', "{name:0}", true, true, ""},
	{'{', "{name:0}", false, true, ""},
	{'{', "{name:05}", true, true, ""},
	{'{', "{name:05}", false, true, ""},
	{'{', "{levelno:99999999999999999999}", true, false, ""},
	{'{', "{levelno:99999999999999999999}", false, false, ""},
	{'{', "{levelno:.99999999999999999999}", true, false, ""},
	{'{', "{levelno:.99999999999999999999}", false, false, ""},
	{'{', "{name:\n<5}", true, false, ""},
	{'{', "{name:\n<5}", false, true, ""},
	{'{', "{name!r:d}", true, false, ""},
	{'{', "{name!r:d}", false, false, ""},
	{'{', "{levelno!r:d}", true, false, ""},
	{'{', "{levelno!r:d}", false, false, ""},
	{'{', "{levelno!s:>5}", true, true, ""},
	{'{', "{levelno!s:>5}", false, true, ""},
	{'{', "{msecs:d}", true, false, ""},
	{'{', "{msecs:d}", false, false, ""},
	{'{', "{exc_info:d}", true, false, ""},
	{'{', "{exc_info:d}", false, false, ""},
	{'{', "{exc_info}", true, true, ""},
	{'{', "{exc_info}", false, true, ""},
	{'{', "{exc_info:>5}", true, false, ""},
	{'{', "{exc_info:>5}", false, false, ""},
	{'{', "{exc_info!s:>5}", true, true, ""},
	{'{', "{exc_info!s:>5}", false, true, ""},
	{'{', "{name:,s}", true, false, ""},
	{'{', "{name:,s}", false, false, ""},
	{'{', "{name:_}", true, false, ""},
	{'{', "{name:_}", false, false, ""},
	{'{', "{levelno:=}", true, true, ""},
	{'{', "{levelno:=}", false, true, ""},
	{'{', "{levelno:0=5}", true, true, ""},
	{'{', "{levelno:0=5}", false, true, ""},
	{'{', "{levelno:=+5}", true, true, ""},
	{'{', "{levelno:=+5}", false, true, ""},
	{'{', "{levelno:0}", true, true, ""},
	{'{', "{levelno:0}", false, true, ""},
	{'{', "{1abc}", true, false, ""},
	{'{', "{1abc}", false, false, ""},
	{'{', "{name:１０}", true, true, ""},
	{'{', "{name:１０}", false, true, ""},
	{'{', "{levelno:%,}", true, false, ""},
	{'{', "{levelno:%,}", false, false, ""},
	{'{', "{name:s<x}", true, false, ""},
	{'{', "{name:s<x}", false, false, ""},
	{'{', "{name:}", true, true, ""},
	{'{', "{name:}", false, true, ""},
	{'{', "{exc_info:}", true, true, ""},
	{'{', "{exc_info:}", false, true, ""},
	{'{', "{user}", true, true, ""},
	{'{', "{user}", false, true, ""},
	{'{', "{n:d}", true, true, ""},
	{'{', "{n:d}", false, true, ""},
	{'{', "{n:x}", true, true, ""},
	{'{', "{n:x}", false, true, ""},
	{'{', "{ratio:.2f}", true, true, ""},
	{'{', "{ratio:.2f}", false, true, ""},
	{'{', "{user:>6}", true, true, ""},
	{'{', "{user:>6}", false, true, ""},
	{'{', "{n:+}", true, true, ""},
	{'{', "{n:+}", false, true, ""},
	{'{', "{ratio:e}", true, true, ""},
	{'{', "{ratio:e}", false, true, ""},
	{'{', "plain", true, false, ""},
	{'{', "plain", false, true, ""},
	{'{', "{asctime} {message}", true, true, ""},
	{'{', "{asctime} {message}", false, true, ""},
	{'{', "{message!a}", true, true, ""},
	{'{', "{message!a}", false, true, ""},
	{'{', "{levelno:c}", true, true, ""},
	{'{', "{levelno:c}", false, true, ""},
	{'{', "{levelno:b}", true, true, ""},
	{'{', "{levelno:b}", false, true, ""},
	{'{', "{levelno:o}", true, true, ""},
	{'{', "{levelno:o}", false, true, ""},
	{'{', "{levelno:n}", true, true, ""},
	{'{', "{levelno:n}", false, true, ""},
	{'{', "{levelno:e}", true, true, ""},
	{'{', "{levelno:e}", false, true, ""},
	{'{', "{levelno:_b}", true, true, ""},
	{'{', "{levelno:_b}", false, true, ""},
	{'{', "{created:_}", true, true, ""},
	{'{', "{created:_}", false, true, ""},
	{'{', "{created:_f}", true, true, ""},
	{'{', "{created:_f}", false, true, ""},
	{'{', "{created:,g}", true, true, ""},
	{'{', "{created:,g}", false, true, ""},
	{'{', "{msecs:,}", true, true, ""},
	{'{', "{msecs:,}", false, true, ""},
	{'{', "{name:.3}", true, true, ""},
	{'{', "{name:.3}", false, true, ""},
	{'{', "{name:.3s}", true, true, ""},
	{'{', "{name:.3s}", false, true, ""},
	{'{', "{levelno:.3s}", true, false, ""},
	{'{', "{levelno:.3s}", false, false, ""},
	{'{', "{name:é^9}", true, true, ""},
	{'{', "{name:é^9}", false, true, ""},
	{'{', "{name:^}", true, true, ""},
	{'{', "{name:^}", false, true, ""},
	{'{', "{name:<<5}", true, true, ""},
	{'{', "{name:<<5}", false, true, ""},
	{'{', "{levelno:0>5}", true, true, ""},
	{'{', "{levelno:0>5}", false, true, ""},
	{'{', "{levelno:+05}", true, true, ""},
	{'{', "{levelno:+05}", false, true, ""},
	{'{', "{created:+.1e}", true, true, ""},
	{'{', "{created:+.1e}", false, true, ""},
	{'{', "{created: }", true, true, ""},
	{'{', "{created: }", false, true, ""},
	{'{', "{levelno:#x}", true, true, ""},
	{'{', "{levelno:#x}", false, true, ""},
	{'{', "{levelno:#b}", true, true, ""},
	{'{', "{levelno:#b}", false, true, ""},
	{'{', "{levelno:#}", true, true, ""},
	{'{', "{levelno:#}", false, true, ""},
	{'{', "{name:é}", true, false, ""},
	{'{', "{name:é}", false, false, ""},
	{'{', "{levelno:\u0001}", true, false, ""},
	{'{', "{levelno:\u0001}", false, false, ""},
	{'{', "{name!r:>10}", true, true, ""},
	{'{', "{name!r:>10}", false, true, ""},
	{'{', "{message}{", true, false, ""},
	{'{', "{message}{", false, false, ""},
	{'{', "{message}}", true, false, ""},
	{'{', "{message}}", false, false, ""},
	{'$', "$message", true, true, ""},
	{'$', "$message", false, true, ""},
	{'$', "${message}", true, true, ""},
	{'$', "${message}", false, true, ""},
	{'$', "$levelname ${name}: $message ($$5 at ${asctime})", true, true, ""},
	{'$', "$levelname ${name}: $message ($$5 at ${asctime})", false, true, ""},
	{'$', "$", true, false, ""},
	{'$', "$", false, false, ""},
	{'$', "$ message", true, false, ""},
	{'$', "$ message", false, false, ""},
	{'$', "$1", true, false, ""},
	{'$', "$1", false, false, ""},
	{'$', "${message", true, false, ""},
	{'$', "${message", false, false, ""},
	{'$', "${ message}", true, false, ""},
	{'$', "${ message}", false, false, ""},
	{'$', "$$", true, false, ""},
	{'$', "$$", false, true, ""},
	{'$', "plain", true, false, ""},
	{'$', "plain", false, true, ""},
	{'$', "$message$", true, false, ""},
	{'$', "$message$", false, false, ""},
	{'$', "${user}", true, true, ""},
	{'$', "${user}", false, true, ""},
	{'$', "$user", true, true, ""},
	{'$', "$user", false, true, ""},
	{'$', "${}", true, false, ""},
	{'$', "${}", false, false, ""},
}

func TestParseFormatMatchesPython(t *testing.T) {
	for _, tt := range pythonDecisions {
		_, errs := ParseFormat(tt.raw, tt.style, tt.validate)
		ok := len(errs) == 0
		want := tt.python
		if tt.diverge != "" {
			want = false
		}
		if ok != want {
			t.Errorf("ParseFormat(%q, %q, %v): accepted %v, Python %v (errors %v)", tt.raw, tt.style, tt.validate, ok, tt.python, errs)
		}
	}
}

func TestParseFormatExtraTypes(t *testing.T) {
	tests := []struct {
		style   byte
		raw     string
		typ     FieldType
		intOnly bool
	}{
		{'%', "%(x)s", TypeString, false},
		{'%', "%(x)r", TypeString, false},
		{'%', "%(x)a", TypeString, false},
		{'%', "%(x)d", TypeInt, false},
		{'%', "%(x)i", TypeInt, false},
		{'%', "%(x)u", TypeInt, false},
		{'%', "%(x)o", TypeInt, true},
		{'%', "%(x)x", TypeInt, true},
		{'%', "%(x)X", TypeInt, true},
		{'%', "%(x)c", TypeInt, true},
		{'%', "%(x)e", TypeFloat, false},
		{'%', "%(x).1F", TypeFloat, false},
		{'%', "%(x)G", TypeFloat, false},
		{'{', "{x}", TypeString, false},
		{'{', "{x:>5}", TypeString, false},
		{'{', "{x:05}", TypeString, false},
		{'{', "{x:.3s}", TypeString, false},
		{'{', "{x!r:d}", TypeString, false}, // an error: checked as str
		{'{', "{x!r}", TypeString, false},
		{'{', "{x:+}", TypeInt, false},
		{'{', "{x:,}", TypeInt, false},
		{'{', "{x:=5}", TypeInt, false},
		{'{', "{x:#}", TypeInt, false},
		{'{', "{x:+.2}", TypeFloat, false},
		{'{', "{x:d}", TypeInt, true},
		{'{', "{x:b}", TypeInt, true},
		{'{', "{x:o}", TypeInt, true},
		{'{', "{x:#x}", TypeInt, true},
		{'{', "{x:X}", TypeInt, true},
		{'{', "{x:c}", TypeInt, true},
		{'{', "{x:n}", TypeInt, true},
		{'{', "{x:e}", TypeFloat, false},
		{'{', "{x:E}", TypeFloat, false},
		{'{', "{x:.2f}", TypeFloat, false},
		{'{', "{x:F}", TypeFloat, false},
		{'{', "{x:g}", TypeFloat, false},
		{'{', "{x:G}", TypeFloat, false},
		{'{', "{x:.0%}", TypeFloat, false},
		{'$', "$x", TypeString, false},
		{'$', "${x}", TypeString, false},
	}
	for _, tt := range tests {
		f, errs := ParseFormat(tt.raw, tt.style, false)
		var seg *Segment
		for i := range f.Segments {
			if f.Segments[i].Field != "" {
				seg = &f.Segments[i]
			}
		}
		if strings.Contains(tt.raw, "!r:d") {
			if len(errs) != 1 || errs[0].Msg != "Unknown format code 'd' for object of type 'str'" {
				t.Errorf("ParseFormat(%q): %v", tt.raw, errs)
			}
			continue
		}
		if len(errs) != 0 || seg == nil {
			t.Errorf("ParseFormat(%q): %v", tt.raw, errs)
			continue
		}
		if !seg.Extra || seg.Type != tt.typ || seg.IntOnly != tt.intOnly {
			t.Errorf("ParseFormat(%q): Extra %v Type %v IntOnly %v, want true %v %v", tt.raw, seg.Extra, seg.Type, seg.IntOnly, tt.typ, tt.intOnly)
		}
	}
}

func TestRecordAttributeTypes(t *testing.T) {
	for name, typ := range recordAttrs {
		for _, style := range []byte{'%', '{', '$'} {
			raw := map[byte]string{'%': "%(" + name + ")s", '{': "{" + name + "}", '$': "${" + name + "}"}[style]
			f, errs := ParseFormat(raw, style, true)
			if len(errs) != 0 {
				t.Errorf("ParseFormat(%q): %v", raw, errs)
				continue
			}
			s := f.Segments[0]
			if s.Field != name || s.Type != typ || s.Extra || s.IntOnly {
				t.Errorf("ParseFormat(%q): %+v", raw, s)
			}
		}
	}
}

func TestUsesTime(t *testing.T) {
	tests := []struct {
		style byte
		raw   string
		want  bool
	}{
		{'%', "%(asctime)s %(message)s", true},
		{'%', "%(asctime)-20s", true},
		{'%', "%%(asctime)s %(message)s", true}, // Python's quirk: the escape is not noticed
		{'%', "%(message)s", false},
		{'%', "asctime %(message)s", false},
		{'{', "{asctime} {message}", true},
		{'{', "{asctime:>30}", true},
		{'{', "{asctimex}", true}, // quirk: a prefix match
		{'{', "{{asctime}} {message}", true},
		{'{', "{message}", false},
		{'$', "$asctime $message", true},
		{'$', "${asctime} $message", true},
		{'$', "$$asctime $message", true},
		{'$', "$asctimes", true},
		{'$', "${message}", false},
		{'%', "", false},
		{'{', "", false},
		{'$', "", false},
	}
	for _, tt := range tests {
		f, _ := ParseFormat(tt.raw, tt.style, false)
		if got := f.UsesTime(); got != tt.want {
			t.Errorf("UsesTime(%q, %q) = %v, want %v", tt.raw, tt.style, got, tt.want)
		}
	}
	var nilFormat *Format
	if nilFormat.UsesTime() {
		t.Error("nil Format uses time")
	}
}

func TestDefaultFormat(t *testing.T) {
	for style, raw := range map[byte]string{'%': "%(message)s", '{': "{message}", '$': "${message}"} {
		f := DefaultFormat(style)
		if f == nil || f.Raw != raw || f.Style != style || len(f.Segments) != 1 || f.Segments[0].Field != "message" {
			t.Errorf("DefaultFormat(%q) = %+v", style, f)
		}
		// An empty format is the default, as Python's "fmt or default_format".
		g, errs := ParseFormat("", style, true)
		if len(errs) != 0 || !reflect.DeepEqual(f, g) {
			t.Errorf("ParseFormat(\"\", %q) = %+v, %v", style, g, errs)
		}
	}
	if f := DefaultFormat('x'); f != nil {
		t.Errorf("DefaultFormat('x') = %+v", f)
	}
}

func TestParseFormatUnknownStyle(t *testing.T) {
	for _, raw := range []string{"", "%(message)s"} {
		f, errs := ParseFormat(raw, 'x', true)
		if f == nil || len(errs) != 1 || errs[0].Offset != 0 {
			t.Errorf("ParseFormat(%q, 'x') = %v, %v", raw, f, errs)
		}
	}
}

func TestFormatErrorError(t *testing.T) {
	e := FormatError{Offset: 3, Msg: "incomplete format"}
	if got := e.Error(); got != "offset 3: incomplete format" {
		t.Errorf("Error() = %q", got)
	}
}

func FuzzParseFormat(f *testing.F) {
	for _, c := range conformanceFormats {
		f.Add(c.format, c.style, true)
	}
	for _, c := range badFormats {
		f.Add(c.raw, c.style, false)
	}
	for _, c := range pythonDecisions {
		f.Add(c.raw, c.style, c.validate)
	}
	f.Fuzz(func(t *testing.T, raw string, style byte, validate bool) {
		fm, errs := ParseFormat(raw, style, validate)
		if fm == nil {
			t.Fatalf("ParseFormat(%q, %q): nil Format", raw, style)
		}
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > len(fm.Raw) || e.Msg == "" {
				t.Errorf("ParseFormat(%q, %q): bad error %+v", raw, style, e)
			}
		}
		if len(errs) == 0 {
			checkSegments(t, fm)
		}
		fm.UsesTime()
	})
}

// TestPctValidatesMatchesRegexp compares pctValidates with the regular
// expression it replaces (Python's validation_pattern in Go syntax).
func TestPctValidatesMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`(?i)%\([\pL\pN_]+\)[#0+ -]*(\*|\p{Nd}+)?(\.(\*|\p{Nd}+))?[diouxefgcrsa%]`)
	for _, s := range []string{"", "%", "%(", "%()s", "%(a)s", "x %(a)-08.3f y", "%(é٣)S", "%(a)*.*d", "%(a).s", "%(a)1.x",
		"%(a)ſ", "%(a)%", "%(a) #+-0 12.3E", "%%(a)s", "%(a b)s", "%(a)٣٣d", "%(a)1.٣f", "(a)s", "%(a)", "%(a)12"} {
		if got, want := pctValidates(s), re.MatchString(s); got != want {
			t.Errorf("pctValidates(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzPctValidates(f *testing.F) {
	re := regexp.MustCompile(`(?i)%\([\pL\pN_]+\)[#0+ -]*(\*|\p{Nd}+)?(\.(\*|\p{Nd}+))?[diouxefgcrsa%]`)
	for _, s := range []string{"%(a)s", "%(é٣)S", "%(a)1.x", "%(a)ſ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := pctValidates(s), re.MatchString(s); got != want {
			t.Errorf("pctValidates(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestParseFormatLimits checks the limits loggen adds to Python's rules:
// MaxWidth for the widths and precisions of one format, MaxFormatLen for
// the length of a format or datefmt. A truncating precision costs nothing.
func TestParseFormatLimits(t *testing.T) {
	for _, ok := range []struct {
		style byte
		raw   string
	}{
		{'%', "%(message)65536s"},
		{'%', "%(levelno)30000d%(created)30000.5536f"},
		{'%', "%(message).2147483647s %(message)65536s"},
		{'{', "{message:.99999999999} {levelno:65536}"},
		{'{', "{levelno!r:.99999999999}"},
		{'{', "{created:30000.35536}"},
	} {
		if _, errs := ParseFormat(ok.raw, ok.style, false); errs != nil {
			t.Errorf("ParseFormat(%q, %q): %v", ok.raw, ok.style, errs)
		}
	}

	long := strings.Repeat("%(message)s", MaxFormatLen/11) + strings.Repeat("x", MaxFormatLen%11)
	if _, errs := ParseFormat(long, '%', true); errs != nil {
		t.Errorf("a format of MaxFormatLen bytes: %v", errs)
	}
	want := []FormatError{{MaxFormatLen, "the format is 65537 bytes long; loggen accepts formats of at most 65536 bytes"}}
	for _, style := range []byte{'%', '{', '$'} {
		f, errs := ParseFormat(long+"x", style, true)
		if !reflect.DeepEqual(errs, want) || f == nil || len(f.Segments) != 0 {
			t.Errorf("a format of MaxFormatLen+1 bytes, style %q: %v, %v", style, f, errs)
		}
	}

	dlong := strings.Repeat("%Y", MaxFormatLen/2)
	if _, errs := ParseDatefmt(dlong); errs != nil {
		t.Errorf("a datefmt of MaxFormatLen bytes: %v", errs)
	}
	_, errs := ParseDatefmt(dlong + "-")
	want = []FormatError{{MaxFormatLen, "the datefmt is 65537 bytes long; loggen accepts datefmts of at most 65536 bytes"}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("a datefmt of MaxFormatLen+1 bytes: %v", errs)
	}
}

// TestParseFormatNoNegZero checks that 'z' reaches the FormatSpec, and
// the errors for the types that refuse it.
func TestParseFormatNoNegZero(t *testing.T) {
	f, errs := ParseFormat("{created:z.1f} {ratio:+z}", '{', false)
	if errs != nil {
		t.Fatal(errs)
	}
	want := []FormatSpec{
		{NoNegZero: true, Prec: 1, HasPrec: true, Type: 'f'},
		{Sign: '+', NoNegZero: true},
	}
	var got []FormatSpec
	for _, s := range f.Segments {
		if s.Field != "" {
			got = append(got, s.Spec)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("specs %+v, want %+v", got, want)
	}
	if s := f.Segments[2]; s.Type != TypeFloat || !s.Extra {
		t.Errorf("{ratio:+z}: type %v, extra %v; want a float extra", s.Type, s.Extra)
	}
	for _, c := range []struct{ raw, want string }{
		{"{levelno:z}", "Negative zero coercion (z) not allowed in integer format specifier"},
		{"{levelno:zx}", "Negative zero coercion (z) not allowed in integer format specifier"},
		{"{name:z}", "Negative zero coercion (z) not allowed in string format specifier"},
		{"{n:zd}", "Negative zero coercion (z) not allowed in integer format specifier"},
		{"{name!r:z}", "Negative zero coercion (z) not allowed in string format specifier"},
	} {
		_, errs := ParseFormat(c.raw, '{', false)
		if len(errs) != 1 || errs[0].Msg != c.want || c.raw[errs[0].Offset] != 'z' {
			t.Errorf("ParseFormat(%q): %v, want %q at the z", c.raw, errs, c.want)
		}
	}
}
