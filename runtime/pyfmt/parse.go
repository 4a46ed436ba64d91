package pyfmt

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Format is a parsed formatter format string.
type Format struct {
	Style    byte      // '%', '{' or '$'
	Raw      string    // the format as written
	Segments []Segment // in order
}

// UsesTime reports whether the format uses asctime, as Python's usesTime
// does. Like Python it only searches Raw for "%(asctime)", "{asctime", or
// "$asctime" and "${asctime}" per style, so it also reports true for an
// escaped "%%(asctime)s", "{{asctime}}" or "$$asctime" and for a longer name
// such as "{asctimes}". When it reports true Python computes asctime and
// stores it on the record, where later formatters see it.
func (f *Format) UsesTime() bool {
	if f == nil {
		return false
	}
	switch f.Style {
	case '%':
		return strings.Contains(f.Raw, "%(asctime)")
	case '{':
		return strings.Contains(f.Raw, "{asctime")
	case '$':
		return strings.Contains(f.Raw, "$asctime") || strings.Contains(f.Raw, "${asctime}")
	}
	return false
}

// A Segment is literal text or one field reference.
type Segment struct {
	Literal    string      // literal text, already unescaped (%% → %, {{ → {, }} → }, $$ → $); used when Field == ""
	Field      string      // record attribute or extra name
	Offset     int         // byte offset in Raw where the field reference starts ('%', '{' or '$'), or where the literal text starts
	Percent    PercentSpec // '%' style only; the zero value in other styles
	Conversion byte        // '{' style only: 'r', 's', 'a' or 0
	Spec       FormatSpec  // '{' style only; Width/Prec -1 when absent. '%' and '$' style fields use FormatSpec{}
	Type       FieldType   // the field's type: the record attribute's type, or for extras the type this use implies
	IntOnly    bool        // this use needs an int (e.g. %x, %o, %c, {:d}, {:x}, {:b}, {:c}, {:o}, {:n} when applied to an extra): a float would fail
	Extra      bool        // Field is not a standard LogRecord attribute
}

// A FormatError is a problem at a byte offset of a format or datefmt string.
type FormatError struct {
	Offset int
	Msg    string
}

// Error returns the message with its offset, "offset 3: msg".
func (e FormatError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// A FieldType is the Python type of a record attribute, or of an extra
// as its uses in formats imply: what a format's conversions may do with it
// and the Go type generated code gives it.
type FieldType int

// The field types.
const (
	TypeString FieldType = iota // str; Go string
	TypeInt                     // int; Go int
	TypeFloat                   // float; Go float64
	TypeNone                    // always None (taskName, exc_info, ...)
)

// RecordAttr returns the type of the LogRecord attribute name, and whether
// name is one: any other name in a format is an extra.
func RecordAttr(name string) (FieldType, bool) {
	t, ok := recordAttrs[name]
	return t, ok
}

// RecordAttrNames returns the names of the LogRecord attributes, sorted.
func RecordAttrNames() []string {
	names := make([]string, 0, len(recordAttrs))
	for n := range recordAttrs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// recordAttrs maps each standard LogRecord attribute a format can name to
// its type.
var recordAttrs = map[string]FieldType{
	"name":            TypeString,
	"levelname":       TypeString,
	"pathname":        TypeString,
	"filename":        TypeString,
	"module":          TypeString,
	"funcName":        TypeString,
	"threadName":      TypeString,
	"processName":     TypeString,
	"message":         TypeString,
	"asctime":         TypeString,
	"msg":             TypeString,
	"args":            TypeString, // the repr of the args tuple, already rendered
	"exc_text":        TypeString,
	"stack_info":      TypeString, // "Stack (most recent call last):..." or None
	"levelno":         TypeInt,
	"lineno":          TypeInt,
	"thread":          TypeInt,
	"process":         TypeInt,
	"created":         TypeFloat,
	"msecs":           TypeFloat,
	"relativeCreated": TypeFloat,
	"exc_info":        TypeNone,
	"taskName":        TypeNone,
}

// DefaultFormat returns the format Python uses when none is given:
// %(message)s, {message} or ${message}. It returns nil for an unknown style.
func DefaultFormat(style byte) *Format {
	var raw string
	switch style {
	case '%':
		raw = "%(message)s"
	case '{':
		raw = "{message}"
	case '$':
		raw = "${message}"
	default:
		return nil
	}
	f, _ := ParseFormat(raw, style, true)
	return f
}

// ParseFormat parses a format string of the given style. validate is the
// formatter's validate key: when true, the format must have at least one
// field the way Python's validate() requires. Errors that Python would
// raise when it formats a record are reported whatever validate is.
//
// An empty raw is the style's default format, as in Python (fmt or
// default_format). ParseFormat never returns a nil Format: when there are
// errors it holds the segments parsed so far. An unknown style gives an
// error and a Format without segments.
//
// Beyond Python's rules, a format longer than MaxFormatLen bytes is an
// error at that offset, and so is a width or precision that makes the
// format's widths and precisions add up to more than MaxWidth.
func ParseFormat(raw string, style byte, validate bool) (*Format, []FormatError) {
	if raw == "" {
		if d := DefaultFormat(style); d != nil {
			return d, nil
		}
	}
	p := &fmtParser{f: &Format{Style: style, Raw: raw}, budget: MaxWidth}
	if len(raw) > MaxFormatLen {
		p.errorf(MaxFormatLen, "the format is %d bytes long; loggen accepts formats of at most %d bytes", len(raw), MaxFormatLen)
		return p.f, p.errs
	}
	switch style {
	case '%':
		p.parsePercent(validate)
	case '{':
		p.parseBrace(validate)
	case '$':
		p.parseDollar(validate)
	default:
		p.errorf(0, "style must be one of %%, { or $, not %q", string(rune(style)))
	}
	return p.f, p.errs
}

// fmtParser holds the state of one ParseFormat call.
type fmtParser struct {
	f       *Format
	errs    []FormatError
	lit     strings.Builder // pending literal text
	litOff  int             // offset of the pending literal text
	hasLit  bool
	nFields int
	budget  int // what the widths and precisions may still add up to (MaxWidth)
}

// spend charges n characters of width or precision, written at off, to the
// format's budget. It reports false, with an error, when they exceed it.
func (p *fmtParser) spend(off int, what string, n int) bool {
	if n <= p.budget {
		p.budget -= n
		return true
	}
	p.errorf(off, "%s %d is over loggen's limit: the widths and precisions of one format may add up to at most %d characters", what, n, MaxWidth)
	return false
}

func (p *fmtParser) errorf(off int, format string, args ...any) {
	p.errs = append(p.errs, FormatError{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// literal appends literal text that starts at off in Raw.
func (p *fmtParser) literal(off int, s string) {
	if s == "" {
		return
	}
	if !p.hasLit {
		p.hasLit = true
		p.litOff = off
	}
	p.lit.WriteString(s)
}

func (p *fmtParser) flush() {
	if p.hasLit {
		p.f.Segments = append(p.f.Segments, Segment{Literal: p.lit.String(), Offset: p.litOff})
		p.lit.Reset()
		p.hasLit = false
	}
}

func (p *fmtParser) field(s Segment) {
	p.flush()
	p.nFields++
	p.f.Segments = append(p.f.Segments, s)
}

// noFields reports "invalid format: no fields" when validate found no field
// and nothing else is wrong.
func (p *fmtParser) noFields() {
	if len(p.errs) == 0 {
		p.errorf(0, "invalid format: no fields")
	}
}

// typeName returns Python's name for the type of a value of type t.
func typeName(t FieldType) string {
	switch t {
	case TypeInt:
		return "int"
	case TypeFloat:
		return "float"
	case TypeNone:
		return "NoneType"
	}
	return "str"
}

// fmtIsWord reports whether r matches Python's \w in a str pattern: a
// letter, a number or '_'.
func fmtIsWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// fmtIsWordString reports whether s matches \w+.
func fmtIsWordString(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r == utf8.RuneError || !fmtIsWord(r) {
			return false
		}
	}
	return true
}

// fmtIsIdentifier reports whether s is an identifier: \w+ not starting with
// a digit.
func fmtIsIdentifier(s string) bool {
	if !fmtIsWordString(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsNumber(r)
}

// fmtQuoteChar returns c as Python's error messages print a format
// character: 'y' for printable ASCII, '?' otherwise.
func fmtQuoteChar(c rune) string {
	if c >= 31 && c <= 126 {
		return "'" + string(c) + "'"
	}
	return "'?'"
}

// pyRepr returns Python's repr of a str, for messages.
func pyRepr(s string) string { return string(AppendRepr(nil, s)) }

// ---------------------------------------------------------------- '%' style

// pctValidates reports whether s holds a match of Python's
// PercentStyle.validation_pattern, re.compile(r'%\(\w+\)[#0+ -]*(\*|\d+)?
// (\.(\*|\d+))?[diouxefgcrsa%]', re.I), with Unicode \w and \d; re.I lets
// U+017F (ſ) stand for s.
func pctValidates(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && pctValidField(s[i+1:]) {
			return true
		}
	}
	return false
}

// pctValidField reports whether s starts with the part of the validation
// pattern after its '%'.
func pctValidField(s string) bool {
	if !strings.HasPrefix(s, "(") {
		return false
	}
	i, word := 1, 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			break
		}
		i += size
		word++
	}
	if word == 0 || i >= len(s) || s[i] != ')' {
		return false
	}
	i++
	for i < len(s) && strings.IndexByte("#0+ -", s[i]) >= 0 {
		i++
	}
	i = pctStarOrDigits(s, i)
	if i < len(s) && s[i] == '.' {
		if j := pctStarOrDigits(s, i+1); j > i+1 {
			i = j
		}
	}
	if i >= len(s) {
		return false
	}
	if strings.IndexByte("diouxefgcrsaDIOUXEFGCRSA%", s[i]) >= 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == 'ſ'
}

// pctStarOrDigits returns the index after a '*' or a run of Unicode
// decimal digits at s[i:], or i when there is neither.
func pctStarOrDigits(s string, i int) int {
	if i < len(s) && s[i] == '*' {
		return i + 1
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// parsePercent walks the format the way Python's str % mapping does
// (PyUnicode_Format).
func (p *fmtParser) parsePercent(validate bool) {
	s := p.f.Raw
	n := len(s)
	i := 0
	for i < n {
		j := strings.IndexByte(s[i:], '%')
		if j < 0 {
			p.literal(i, s[i:])
			break
		}
		p.literal(i, s[i:i+j])
		start := i + j
		i = start + 1
		if i >= n {
			p.errorf(start, "incomplete format")
			break
		}
		if s[i] == '%' {
			p.literal(start, "%")
			i++
			continue
		}
		seg := Segment{
			Offset:  start,
			Percent: PercentSpec{},
			Spec:    FormatSpec{},
		}
		hasKey := false
		keyOff := 0
		bad := false // an error is already reported for this conversion
		if s[i] == '(' {
			// Skip over balanced parentheses.
			pcount := 1
			i++
			keyOff = i
			for pcount > 0 && i < n {
				switch s[i] {
				case ')':
					pcount--
				case '(':
					pcount++
				}
				i++
			}
			if pcount > 0 {
				p.errorf(start, "incomplete format key")
				break
			}
			seg.Field = s[keyOff : i-1]
			hasKey = true
		}
		// Flags.
	flags:
		for i < n {
			switch s[i] {
			case '-':
				seg.Percent.Minus = true
			case '+':
				seg.Percent.Plus = true
			case ' ':
				seg.Percent.Space = true
			case '#':
				seg.Percent.Alt = true
			case '0':
				seg.Percent.Zero = true
			default:
				break flags
			}
			i++
		}
		if i >= n {
			p.errorf(start, "incomplete format")
			break
		}
		// Width.
		widthOff, precOff := i, i
		if s[i] == '*' {
			p.errorf(i, "* wants int: a * width or precision cannot be used with a mapping")
			bad = true
			i++
		} else if isASCIIDigit(s[i]) {
			w, end, ok := pctNumber(s, i, math.MaxInt64)
			if !ok {
				p.errorf(i, "width too big")
				bad = true
			} else {
				seg.Percent.Width = w
			}
			i = end
		}
		// Precision.
		if i < n && s[i] == '.' {
			seg.Percent.HasPrec = true
			i++
			precOff = i
			if i < n && s[i] == '*' {
				p.errorf(i, "* wants int: a * width or precision cannot be used with a mapping")
				bad = true
				i++
			} else if i < n && isASCIIDigit(s[i]) {
				pr, end, ok := pctNumber(s, i, math.MaxInt32)
				if !ok {
					p.errorf(i, "precision too big")
					bad = true
				} else {
					seg.Percent.Prec = pr
				}
				i = end
			}
		}
		// Python ignores one length modifier: "%ld", "%hs".
		if i < n && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L') {
			i++
		}
		if i >= n {
			p.errorf(start, "incomplete format")
			break
		}
		verbOff := i
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size <= 1 {
			c = rune(s[i])
			size = 1
		}
		i += size
		if c >= utf8.RuneSelf || !strings.ContainsRune("diouxXeEfFgGcrsa", c) {
			p.errorf(verbOff, "unsupported format character %s (0x%x)", fmtQuoteChar(c), c)
			continue
		}
		verb := byte(c)
		seg.Percent.Verb = verb
		if bad {
			continue
		}
		if !hasKey {
			p.errorf(start, "%q has no (name): format requires a mapping (write %%%% for a literal %%)", s[start:i])
			continue
		}
		if t, ok := recordAttrs[seg.Field]; ok {
			seg.Type = t
			if msg := pctTypeError(verb, t); msg != "" {
				p.errorf(verbOff, "%s", msg)
				continue
			}
		} else {
			if !fmtIsWordString(seg.Field) {
				p.errorf(keyOff, "invalid field name %s", pyRepr(seg.Field))
				continue
			}
			seg.Extra = true
			switch verb {
			case 's', 'r', 'a':
				seg.Type = TypeString
			case 'd', 'i', 'u':
				seg.Type = TypeInt
			case 'o', 'x', 'X', 'c':
				seg.Type = TypeInt
				seg.IntOnly = true
			default:
				seg.Type = TypeFloat
			}
		}
		if seg.Percent.intPrecTooLarge() {
			p.errorf(precOff, "precision too large")
			continue
		}
		if !p.spend(widthOff, "width", seg.Percent.Width) ||
			seg.Percent.HasPrec && seg.Percent.numeric() && !p.spend(precOff, "precision", seg.Percent.Prec) {
			continue
		}
		p.field(seg)
	}
	p.flush()
	if validate && !pctValidates(s) {
		p.noFields()
	}
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// pctNumber reads the ASCII digits at s[i:] and reports whether their value
// is at most limit. It returns the value and the offset after the digits.
func pctNumber(s string, i int, limit int64) (int, int, bool) {
	var v int64
	ok := true
	for ; i < len(s) && isASCIIDigit(s[i]); i++ {
		d := int64(s[i] - '0')
		if !ok || v > (limit-d)/10 {
			ok = false
			continue
		}
		v = v*10 + d
	}
	if v > math.MaxInt {
		ok = false
	}
	return int(v), i, ok
}

// pctTypeError returns the error Python raises when verb formats a value of
// type t, or "".
func pctTypeError(verb byte, t FieldType) string {
	switch verb {
	case 's', 'r', 'a':
		return ""
	case 'd', 'i', 'u':
		if t == TypeInt || t == TypeFloat {
			return ""
		}
		return fmt.Sprintf("%%%c format: a real number is required, not %s", verb, typeName(t))
	case 'o', 'x', 'X':
		if t == TypeInt {
			return ""
		}
		return fmt.Sprintf("%%%c format: an integer is required, not %s", verb, typeName(t))
	case 'c':
		if t == TypeInt {
			return ""
		}
		return "%c requires int or char"
	default: // eEfFgG
		if t == TypeInt || t == TypeFloat {
			return ""
		}
		return "must be real number, not " + typeName(t)
	}
}

// ---------------------------------------------------------------- '{' style

// parseBrace parses the format the way string.Formatter.parse does
// (MarkupIterator in Objects/stringlib/unicode_format.h), then checks each
// field as str.format would.
func (p *fmtParser) parseBrace(validate bool) {
	s := p.f.Raw
	n := len(s)
	i := 0
	for i < n {
		// Literal text up to a '{' or '}'.
		j := strings.IndexAny(s[i:], "{}")
		if j < 0 {
			p.literal(i, s[i:])
			break
		}
		p.literal(i, s[i:i+j])
		k := i + j
		c := s[k]
		if k+1 < n && s[k+1] == c {
			p.literal(k, string(c))
			i = k + 2
			continue
		}
		if c == '}' {
			p.errorf(k, "Single '}' encountered in format string")
			i = k + 1
			continue
		}
		if k+1 >= n {
			p.errorf(k, "Single '{' encountered in format string")
			break
		}
		end, ok := p.braceField(k, validate)
		if !ok {
			break
		}
		i = end
	}
	p.flush()
	if validate && p.nFields == 0 {
		p.noFields()
	}
}

// braceField parses the replacement field whose '{' is at start, as
// parse_field does. It returns the offset after the field's '}', and false
// after an error that ends the parse.
func (p *fmtParser) braceField(start int, validate bool) (int, bool) {
	s := p.f.Raw
	n := len(s)
	i := start + 1
	nameOff := i
	var c byte
	terminated := false
	// The field name ends at '}', ':' or '!'; '[' skips to ']'.
name:
	for i < n {
		c = s[i]
		i++
		switch c {
		case '{':
			p.errorf(i-1, "unexpected '{' in field name")
			return 0, false
		case '[':
			for i < n && s[i] != ']' {
				i++
			}
		case '}', ':', '!':
			terminated = true
			break name
		}
	}
	if !terminated {
		p.errorf(start, "expected '}' before end of string")
		return 0, false
	}
	name := s[nameOff : i-1]
	var conv rune
	convOff := 0
	specOff, spec := -1, ""
	if c == '!' || c == ':' {
		closed := false
		if c == '!' {
			if i >= n {
				p.errorf(i-1, "end of string while looking for conversion specifier")
				return 0, false
			}
			convOff = i
			r, size := utf8.DecodeRuneInString(s[i:])
			conv = r
			i += size
			if i < n {
				c2 := s[i]
				i++
				if c2 == '}' {
					closed = true
				} else if c2 != ':' {
					p.errorf(i-1, "expected ':' after conversion specifier")
					return 0, false
				}
			}
		}
		if !closed {
			specOff = i
			count := 1
			nested := -1
			for count > 0 && i < n {
				switch s[i] {
				case '{':
					if nested < 0 {
						nested = i
					}
					count++
				case '}':
					count--
				}
				i++
			}
			if count > 0 {
				p.errorf(start, "unmatched '{' in format spec")
				return 0, false
			}
			spec = s[specOff : i-1]
			if nested >= 0 {
				p.errorf(nested, "nested fields are not supported in a format spec")
				return i, true
			}
		}
	}
	end := i

	// The field is well delimited: check it.
	seg := Segment{
		Field:   name,
		Offset:  start,
		Percent: PercentSpec{},
		Spec:    FormatSpec{},
	}
	switch {
	case name == "":
		p.errorf(nameOff, "empty field {}: positional fields are not supported (name a record attribute, as in {message})")
		return end, true
	case strings.ContainsAny(name, ".["):
		p.errorf(nameOff, "field %s: attribute and index access are not supported", pyRepr(name))
		return end, true
	case strings.Trim(name, "0123456789") == "":
		p.errorf(nameOff, "positional field {%s} is not supported (name a record attribute, as in {message})", name)
		return end, true
	case !fmtIsIdentifier(name):
		p.errorf(nameOff, "invalid field name %s", pyRepr(name))
		return end, true
	}
	if conv != 0 {
		if conv != 'r' && conv != 's' && conv != 'a' {
			p.errorf(convOff, "invalid conversion: %s (must be r, s or a)", pyRepr(string(conv)))
			return end, true
		}
		seg.Conversion = byte(conv)
	}
	t, known := recordAttrs[name]
	seg.Type = t
	seg.Extra = !known
	if spec != "" {
		ps, err := braceParseSpec(spec, specOff)
		if err != nil {
			if known || conv != 0 {
				vt := t
				if conv != 0 {
					vt = TypeString
				}
				if vt == TypeNone {
					p.errorf(specOff, "unsupported format string passed to NoneType.__format__")
					return end, true
				}
				if err.typed {
					err.Msg += fmt.Sprintf(" for object of type '%s'", typeName(vt))
				}
			}
			p.errs = append(p.errs, err.FormatError)
			return end, true
		}
		if validate && !ps.validates {
			p.errorf(specOff, "invalid format: bad specifier: %s (Python's validate rejects it)", pyRepr(spec))
			return end, true
		}
		vt := t
		switch {
		case conv != 0:
			vt = TypeString
			if !known {
				seg.Type = TypeString
			}
		case !known:
			var ok bool
			vt, seg.IntOnly, ok = braceInferType(ps)
			if !ok {
				p.errorf(ps.typeOff, "Unknown format code %s", braceQuoteCode(ps.typ))
				return end, true
			}
			seg.Type = vt
		}
		if vt == TypeNone {
			p.errorf(specOff, "unsupported format string passed to NoneType.__format__")
			return end, true
		}
		if off, msg := braceCheckSpec(ps, vt); msg != "" {
			p.errorf(off, "%s", msg)
			return end, true
		}
		if !p.braceLimits(ps, vt) {
			return end, true
		}
		seg.Spec = ps.spec
		seg.Spec.Type = byte(ps.typ)
	} else if !known {
		seg.Type = TypeString
	}
	p.field(seg)
	return end, true
}

// braceLimits reports false, with an error, when the spec's precision is
// one CPython's format_float_internal refuses ("precision too big"), or
// when its width and precision exceed the format's budget (MaxWidth). The
// precision of a str counts for nothing: it truncates.
func (p *fmtParser) braceLimits(ps braceSpec, vt FieldType) bool {
	sp := ps.spec
	float := vt == TypeFloat || vt == TypeInt && strings.ContainsRune("eEfFgG%", ps.typ)
	if float && sp.HasPrec && sp.Prec > math.MaxInt32 {
		p.errorf(ps.precOff, "precision too big")
		return false
	}
	if !p.spend(ps.widthOff, "width", sp.Width) {
		return false
	}
	return !sp.HasPrec || vt == TypeString || p.spend(ps.precOff, "precision", sp.Prec)
}

// A braceSpec is a parsed format spec with what the checks need beyond
// FormatSpec.
type braceSpec struct {
	spec      FormatSpec // Type not set
	typ       rune       // the type character, 0 when absent
	typeOff   int
	zOff      int // where 'z' is, when spec.NoNegZero
	widthOff  int
	precOff   int
	groupOff  int
	validates bool // matches StrFormatStyle.fmt_spec
}

// A braceSpecError is a format spec error. When typed, the message is one
// that Python ends with " for object of type 'T'".
type braceSpecError struct {
	FormatError
	typed bool
}

// braceParseSpec parses a non-empty spec that starts at off in Raw, as
// parse_internal_render_format_spec does.
func braceParseSpec(spec string, off int) (braceSpec, *braceSpecError) {
	// Work in runes, as Python does, remembering byte offsets.
	var rs []rune
	var offs []int
	for k, r := range spec {
		rs = append(rs, r)
		offs = append(offs, off+k)
	}
	offs = append(offs, off+len(spec))
	n := len(rs)
	pos := 0
	var ps braceSpec
	ps.spec = FormatSpec{}
	ps.validates = true
	fail := func(at int, typed bool, format string, args ...any) (braceSpec, *braceSpecError) {
		return braceSpec{}, &braceSpecError{FormatError{Offset: offs[at], Msg: fmt.Sprintf(format, args...)}, typed}
	}
	isAlign := func(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }
	fillSpecified := false
	if n-pos >= 2 && isAlign(rs[pos+1]) {
		ps.spec.Fill = rs[pos]
		ps.spec.Align = byte(rs[pos+1])
		fillSpecified = true
		if rs[pos] == '\n' {
			ps.validates = false
		}
		pos += 2
	} else if n-pos >= 1 && isAlign(rs[pos]) {
		ps.spec.Align = byte(rs[pos])
		pos++
	}
	if n-pos >= 1 && (rs[pos] == '+' || rs[pos] == '-' || rs[pos] == ' ') {
		ps.spec.Sign = byte(rs[pos])
		pos++
	}
	if n-pos >= 1 && rs[pos] == 'z' {
		ps.spec.NoNegZero = true
		ps.zOff = offs[pos]
		ps.validates = false
		pos++
	}
	if n-pos >= 1 && rs[pos] == '#' {
		ps.spec.Alt = true
		pos++
	}
	if !fillSpecified && n-pos >= 1 && rs[pos] == '0' {
		ps.spec.Zero = true
		pos++
	}
	ps.widthOff = offs[pos]
	width, consumed, ok := braceInteger(rs, &pos)
	if !ok {
		return fail(pos, false, "Too many decimal digits in format string")
	}
	if consumed > 0 {
		ps.spec.Width = width
	}
	if n-pos >= 1 && rs[pos] == ',' {
		ps.spec.Grouping = ','
		ps.groupOff = offs[pos]
		pos++
	}
	if n-pos >= 1 && rs[pos] == '_' {
		if ps.spec.Grouping != 0 {
			return fail(pos, false, "Cannot specify both ',' and '_'.")
		}
		ps.spec.Grouping = '_'
		ps.groupOff = offs[pos]
		pos++
	}
	if n-pos >= 1 && rs[pos] == ',' && ps.spec.Grouping == '_' {
		return fail(pos, false, "Cannot specify both ',' and '_'.")
	}
	if n-pos >= 1 && rs[pos] == '.' {
		dot := pos
		pos++
		ps.precOff = offs[pos]
		prec, consumed, ok := braceInteger(rs, &pos)
		if !ok {
			return fail(pos, false, "Too many decimal digits in format string")
		}
		if consumed == 0 {
			return fail(dot, false, "Format specifier missing precision")
		}
		ps.spec.Prec, ps.spec.HasPrec = prec, true
	}
	if n-pos > 1 {
		return fail(pos, true, "Invalid format specifier %s", pyRepr(spec))
	}
	if n-pos == 1 {
		ps.typ = rs[pos]
		ps.typeOff = offs[pos]
	} else {
		ps.typeOff = offs[0]
	}
	return ps, nil
}

// braceInteger reads decimal digits (any Unicode decimal digit, as Python's
// get_integer) at rs[*pos:]. It returns the value, how many digits it read,
// and false when the value overflows.
func braceInteger(rs []rune, pos *int) (int, int, bool) {
	var v int64
	count := 0
	for *pos < len(rs) {
		d := decimalValue(rs[*pos])
		if d < 0 {
			break
		}
		if v > (math.MaxInt64-int64(d))/10 || (v*10+int64(d)) > math.MaxInt {
			return 0, count, false
		}
		v = v*10 + int64(d)
		count++
		*pos++
	}
	return int(v), count, true
}

// decimalValue returns the value of the decimal digit r (Unicode category
// Nd), or -1. Decimal digits come in contiguous runs of ten starting at
// zero.
func decimalValue(r rune) int {
	if '0' <= r && r <= '9' {
		return int(r - '0')
	}
	if r < utf8.RuneSelf || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	first := r
	for first > 0 && unicode.Is(unicode.Nd, first-1) && r-first < 1000 {
		first--
	}
	return int(r-first) % 10
}

// braceQuoteCode returns a type character as Python's messages print it.
func braceQuoteCode(c rune) string {
	if c > 32 && c < 128 {
		return "'" + string(c) + "'"
	}
	return fmt.Sprintf("'\\x%x'", c)
}

// braceInferType returns the type an extra must have for the spec, whether
// it must be an int, and false for an unknown type code.
func braceInferType(ps braceSpec) (FieldType, bool, bool) {
	switch ps.typ {
	case 'd', 'b', 'o', 'x', 'X', 'c', 'n':
		return TypeInt, true, true
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return TypeFloat, false, true
	case 's':
		return TypeString, false, true
	case 0:
		if ps.spec.NoNegZero {
			return TypeFloat, false, true
		}
		if ps.spec.Sign != 0 || ps.spec.Grouping != 0 || ps.spec.Align == '=' || ps.spec.Alt {
			if ps.spec.HasPrec {
				return TypeFloat, false, true
			}
			return TypeInt, false, true
		}
		return TypeString, false, true
	}
	return TypeString, false, false
}

// braceCheckSpec returns the offset and message of the error Python raises
// when the spec formats a value of type t (str, int or float), or "".
func braceCheckSpec(ps braceSpec, t FieldType) (int, string) {
	typ := ps.typ
	if typ == 0 {
		switch t {
		case TypeString:
			typ = 's'
		case TypeInt:
			typ = 'd'
		}
	}
	sp := ps.spec
	if sp.Grouping != 0 {
		switch typ {
		case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		case 'b', 'o', 'x', 'X':
			if sp.Grouping == '_' {
				break
			}
			fallthrough
		default:
			return ps.groupOff, fmt.Sprintf("Cannot specify '%c' with %s.", sp.Grouping, braceQuoteCode(typ))
		}
	}
	unknown := fmt.Sprintf("Unknown format code %s for object of type '%s'", braceQuoteCode(typ), typeName(t))
	switch t {
	case TypeString:
		if typ != 's' {
			return ps.typeOff, unknown
		}
		switch {
		case sp.Sign == ' ':
			return ps.typeOff, "Space not allowed in string format specifier"
		case sp.Sign != 0:
			return ps.typeOff, "Sign not allowed in string format specifier"
		case sp.NoNegZero:
			return ps.zOff, "Negative zero coercion (z) not allowed in string format specifier"
		case sp.Alt:
			return ps.typeOff, "Alternate form (#) not allowed in string format specifier"
		case sp.Align == '=':
			return ps.typeOff, "'=' alignment not allowed in string format specifier"
		}
	case TypeInt:
		switch typ {
		case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
			switch {
			case sp.HasPrec:
				return ps.typeOff, "Precision not allowed in integer format specifier"
			case sp.NoNegZero:
				return ps.zOff, "Negative zero coercion (z) not allowed in integer format specifier"
			case typ == 'c' && sp.Sign != 0:
				return ps.typeOff, "Sign not allowed with integer format specifier 'c'"
			case typ == 'c' && sp.Alt:
				return ps.typeOff, "Alternate form (#) not allowed with integer format specifier 'c'"
			}
		case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		default:
			return ps.typeOff, unknown
		}
	case TypeFloat:
		switch typ {
		case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
		default:
			return ps.typeOff, unknown
		}
	}
	return 0, ""
}

// ---------------------------------------------------------------- '$' style

// parseDollar parses the format as string.Template does, with Python
// 3.11's idpattern (?a:[_a-z][_a-z0-9]*) and re.IGNORECASE.
func (p *fmtParser) parseDollar(validate bool) {
	s := p.f.Raw
	n := len(s)
	i := 0
	for i < n {
		j := strings.IndexByte(s[i:], '$')
		if j < 0 {
			p.literal(i, s[i:])
			break
		}
		p.literal(i, s[i:i+j])
		start := i + j
		i = start + 1
		if i < n && s[i] == '$' {
			p.literal(start, "$")
			i++
			continue
		}
		if k := dollarIdent(s, i); k > i {
			p.dollarField(start, s[i:k])
			i = k
			continue
		}
		if i < n && s[i] == '{' {
			if k := dollarIdent(s, i+1); k > i+1 && k < n && s[k] == '}' {
				p.dollarField(start, s[i+1:k])
				i = k + 1
				continue
			}
		}
		p.errorf(start, "invalid placeholder: bare '$' not allowed (write $$ for a literal $, $name or ${name} for a field)")
	}
	p.flush()
	if validate && p.nFields == 0 {
		p.noFields()
	}
}

// dollarIdent returns the end of the identifier at s[i:], or i.
func dollarIdent(s string, i int) int {
	if i >= len(s) || !(s[i] == '_' || 'a' <= s[i]|0x20 && s[i]|0x20 <= 'z') {
		return i
	}
	k := i + 1
	for k < len(s) && (s[k] == '_' || 'a' <= s[k]|0x20 && s[k]|0x20 <= 'z' || isASCIIDigit(s[k])) {
		k++
	}
	return k
}

func (p *fmtParser) dollarField(start int, name string) {
	t, known := recordAttrs[name]
	if !known {
		t = TypeString
	}
	p.field(Segment{
		Field:   name,
		Offset:  start,
		Percent: PercentSpec{},
		Spec:    FormatSpec{},
		Type:    t,
		Extra:   !known,
	})
}
