package pyfmt

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// This file implements Python's formatting of one value: the % operator's
// conversions (PercentSpec) and format()'s format-spec mini-language
// (FormatSpec), as in CPython 3.11 (Objects/unicodeobject.c and
// Python/formatter_unicode.c). The methods append to a byte slice and do not
// allocate for strings, integers and floats unless b must grow or an error
// is returned. Widths and precisions count code points (runes), as Python
// counts characters.

// An Error is an error Python would raise while formatting: Exc is
// the name of the exception class (TypeError, ValueError, OverflowError,
// KeyError, or MemoryError for what loggen refuses to allocate, see
// MaxWidth) and Msg its message, which is what Error returns.
type Error struct {
	Exc string
	Msg string
}

// Error returns e.Msg, the message CPython gives the exception.
func (e *Error) Error() string { return e.Msg }

func pfTypeError(msg string) error     { return &Error{"TypeError", msg} }
func pfValueError(msg string) error    { return &Error{"ValueError", msg} }
func pfOverflowError(msg string) error { return &Error{"OverflowError", msg} }

var (
	pfErrCharRange  = pfOverflowError("%c arg not in range(0x110000)")
	pfErrCharType   = pfTypeError("%c requires int or char")
	pfErrFloatInf   = pfOverflowError("cannot convert float infinity to integer")
	pfErrFloatNaN   = pfValueError("cannot convert float NaN to integer")
	pfErrNoneFormat = pfTypeError("unsupported format string passed to NoneType.__format__")
	// CPython's _PyUnicode_FormatLong refuses precisions above INT_MAX-3.
	pfErrPrecTooLarge = pfOverflowError("precision too large")
	// CPython's format_float_internal refuses precisions above INT_MAX.
	pfErrFloatPrecTooBig = pfValueError("precision too big")
)

// pfPercentTypeError is the TypeError of a numeric % conversion applied to
// a value of the Python type typ.
func pfPercentTypeError(verb byte, typ string) error {
	switch verb {
	case 'd', 'i', 'u':
		return pfTypeError("%" + string(rune(verb)) + " format: a real number is required, not " + typ)
	case 'o', 'x', 'X':
		return pfTypeError("%" + string(rune(verb)) + " format: an integer is required, not " + typ)
	case 'e', 'E', 'f', 'F', 'g', 'G':
		return pfTypeError("must be real number, not " + typ)
	case 'c':
		return pfErrCharType
	}
	return pfUnsupportedVerb(verb)
}

// pfUnsupportedVerb is the error for a conversion character % does not
// know; the index is unknown here (AppendPercentArgs reports it).
func pfUnsupportedVerb(verb byte) error {
	c := verb
	if c < 31 || c > 126 {
		c = '?'
	}
	return pfValueError(fmt.Sprintf("unsupported format character '%c' (0x%x)", c, verb))
}

// pfTypeName is the Python type name used in errors about a KindAny value.
func pfTypeName(v any) string { return fmt.Sprintf("%T", v) }

// pfFill appends n copies of fill.
func pfFill(b []byte, n int, fill rune) []byte {
	if fill < utf8.RuneSelf {
		for ; n > 0; n-- {
			b = append(b, byte(fill))
		}
		return b
	}
	for ; n > 0; n-- {
		b = utf8.AppendRune(b, fill)
	}
	return b
}

// pfInsertFill inserts n copies of fill at b[at].
func pfInsertFill(b []byte, at, n int, fill rune) []byte {
	if n <= 0 {
		return b
	}
	old := len(b)
	b = pfFill(b, n, fill)
	w := len(b) - old
	copy(b[at+w:], b[at:old])
	if fill < utf8.RuneSelf {
		for i := at; i < at+w; i++ {
			b[i] = byte(fill)
		}
		return b
	}
	var enc [utf8.UTFMax]byte
	k := utf8.EncodeRune(enc[:], fill)
	for i := at; i < at+w; i += k {
		copy(b[i:], enc[:k])
	}
	return b
}

// pfRunePrefixLen returns the length in bytes of the first n runes of s.
func pfRunePrefixLen(s string, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// pfRunePrefixLenBytes is pfRunePrefixLen for a byte slice.
func pfRunePrefixLenBytes(s []byte, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(s[i:])
		i += size
	}
	return i
}

// pfAlignTail truncates the text b[start:] to prec runes (if prec >= 0)
// and pads it with fill to width runes: on the left for align '>', around
// it for '^', on the right otherwise.
func pfAlignTail(b []byte, start, prec, width int, fill rune, align byte) []byte {
	if prec >= 0 {
		b = b[:start+pfRunePrefixLenBytes(b[start:], prec)]
	}
	if width <= 0 {
		return b
	}
	pad := width - utf8.RuneCount(b[start:])
	if pad <= 0 {
		return b
	}
	left, right := 0, pad
	switch align {
	case '>':
		left, right = pad, 0
	case '^':
		left = pad / 2
		right = pad - left
	}
	b = pfInsertFill(b, start, left, fill)
	return pfFill(b, right, fill)
}

// pfAppendAligned appends s truncated to prec runes and padded to width.
func pfAppendAligned(b []byte, s string, prec, width int, fill rune, align byte) []byte {
	if prec >= 0 {
		s = s[:pfRunePrefixLen(s, prec)]
	}
	pad := 0
	if width > 0 {
		pad = width - utf8.RuneCountInString(s)
	}
	if pad <= 0 {
		return append(b, s...)
	}
	left, right := 0, pad
	switch align {
	case '>':
		left, right = pad, 0
	case '^':
		left = pad / 2
		right = pad - left
	}
	b = pfFill(b, left, fill)
	b = append(b, s...)
	return pfFill(b, right, fill)
}

// ---------------------------------------------------------------------
// PercentSpec: the % operator.

func (s PercentSpec) verb() byte {
	if s.Verb == 0 {
		return 's'
	}
	return s.Verb
}

// textAlign is the alignment of a padded %s, %r, %a or %c conversion.
func (s PercentSpec) textAlign() byte {
	if s.Minus {
		return '<'
	}
	return '>'
}

// text appends a str conversion (%s, %r, %a) of the text s.
func (s PercentSpec) text(b []byte, v string) []byte {
	return pfAppendAligned(b, v, s.prec(), s.Width, ' ', s.textAlign())
}

// tail pads (and for %s, %r, %a truncates) the text just appended at
// b[start:].
func (s PercentSpec) tail(b []byte, start int, truncate bool) []byte {
	prec := s.prec()
	if !truncate {
		prec = -1
	}
	return pfAlignTail(b, start, prec, s.Width, ' ', s.textAlign())
}

// number appends a numeric conversion: an optional '-' (neg), the sign the
// flags ask for otherwise, prefix (0x, 0o), zeros, then body, padded to the
// width with spaces before, zeros after the sign and prefix, or spaces
// after ('-' flag), as CPython's unicode_format_arg_output does.
func (s PercentSpec) number(b []byte, neg bool, prefix string, zeros int, body []byte) []byte {
	var sign byte
	switch {
	case neg:
		sign = '-'
	case s.Plus:
		sign = '+'
	case s.Space:
		sign = ' '
	}
	n := len(prefix) + zeros + len(body)
	if sign != 0 {
		n++
	}
	pad := s.Width - n
	if pad > 0 && !s.Minus && !s.Zero {
		b = pfFill(b, pad, ' ')
	}
	if sign != 0 {
		b = append(b, sign)
	}
	b = append(b, prefix...)
	if pad > 0 && !s.Minus && s.Zero {
		zeros += pad
	}
	b = pfZeros(b, zeros)
	b = append(b, body...)
	if pad > 0 && s.Minus {
		b = pfFill(b, pad, ' ')
	}
	return b
}

// AppendString appends Python's "%<spec>" % v for the str v: %s pads and
// truncates v, %r and %a its repr and ascii, %c takes a one-character v;
// numeric conversions return Python's TypeError.
func (s PercentSpec) AppendString(b []byte, v string) ([]byte, error) {
	switch verb := s.verb(); verb {
	case 's':
		return s.text(b, v), nil
	case 'r':
		start := len(b)
		return s.tail(AppendRepr(b, v), start, true), nil
	case 'a':
		start := len(b)
		return s.tail(AppendASCII(b, v), start, true), nil
	case 'c':
		if v == "" || pfRunePrefixLen(v, 1) != len(v) {
			return b, pfErrCharType
		}
		return pfAppendAligned(b, v, -1, s.Width, ' ', s.textAlign()), nil
	default:
		return b, pfPercentTypeError(verb, "str")
	}
}

// AppendInt appends Python's "%<spec>" % v for the int v.
func (s PercentSpec) AppendInt(b []byte, v int64) ([]byte, error) {
	verb := s.verb()
	switch verb {
	case 'd', 'i', 'u', 'o', 'x', 'X':
		if s.intPrecTooLarge() {
			return b, pfErrPrecTooLarge
		}
		base := 10
		prefix := ""
		switch verb {
		case 'o':
			base = 8
			if s.Alt {
				prefix = "0o"
			}
		case 'x':
			base = 16
			if s.Alt {
				prefix = "0x"
			}
		case 'X':
			base = 16
			if s.Alt {
				prefix = "0X"
			}
		}
		mag := uint64(v)
		if v < 0 {
			mag = -mag
		}
		var scratch [24]byte
		digits := strconv.AppendUint(scratch[:0], mag, base)
		if verb == 'X' {
			for i, c := range digits {
				if 'a' <= c && c <= 'f' {
					digits[i] = c - 'a' + 'A'
				}
			}
		}
		zeros := 0
		if s.prec() > len(digits) {
			zeros = s.prec() - len(digits)
		}
		return s.number(b, v < 0, prefix, zeros, digits), nil
	case 'e', 'E', 'f', 'F', 'g', 'G':
		return s.AppendFloat(b, float64(v))
	case 'c':
		if v < 0 || v > utf8.MaxRune {
			return b, pfErrCharRange
		}
		start := len(b)
		return s.tail(utf8.AppendRune(b, rune(v)), start, false), nil
	case 's', 'r', 'a':
		start := len(b)
		return s.tail(appendInt(b, v), start, true), nil
	}
	return b, pfUnsupportedVerb(verb)
}

// AppendFloat appends Python's "%<spec>" % v for the float v.
func (s PercentSpec) AppendFloat(b []byte, v float64) ([]byte, error) {
	verb := s.verb()
	switch verb {
	case 'e', 'E', 'f', 'F', 'g', 'G':
		prec := s.prec()
		if prec < 0 {
			prec = 6
		}
		flags := 0
		if s.Alt {
			flags |= pfAlt
		}
		code := verb
		if verb <= 'Z' {
			flags |= pfUpper
			code += 'a' - 'A'
		}
		var scratch [48]byte
		body := pfAppendDouble(scratch[:0], v, code, prec, flags)
		neg := body[0] == '-'
		if neg {
			body = body[1:]
		}
		return s.number(b, neg, "", 0, body), nil
	case 'd', 'i', 'u':
		if math.IsInf(v, 0) {
			return b, pfErrFloatInf
		}
		if math.IsNaN(v) {
			return b, pfErrFloatNaN
		}
		t := math.Trunc(v)
		if t > -1<<63 && t < 1<<63 {
			return s.AppendInt(b, int64(t))
		}
		if s.intPrecTooLarge() {
			return b, pfErrPrecTooLarge
		}
		var scratch [48]byte
		digits := strconv.AppendFloat(scratch[:0], math.Abs(t), 'f', 0, 64)
		zeros := 0
		if s.prec() > len(digits) {
			zeros = s.prec() - len(digits)
		}
		return s.number(b, t < 0, "", zeros, digits), nil
	case 's', 'r', 'a':
		start := len(b)
		return s.tail(AppendFloatRepr(b, v), start, true), nil
	}
	return b, pfPercentTypeError(verb, "float")
}

// AppendNone appends Python's "%<spec>" % None: "None" for %s, %r and %a,
// Python's TypeError for the numeric conversions.
func (s PercentSpec) AppendNone(b []byte) ([]byte, error) {
	switch verb := s.verb(); verb {
	case 's', 'r', 'a':
		return s.text(b, "None"), nil
	default:
		return b, pfPercentTypeError(verb, "NoneType")
	}
}

// AppendBool appends Python's "%<spec>" % v for the bool v: "True" or
// "False" for %s, %r and %a; the int 1 or 0 otherwise.
func (s PercentSpec) AppendBool(b []byte, v bool) ([]byte, error) {
	switch s.verb() {
	case 's', 'r', 'a':
		if v {
			return s.text(b, "True"), nil
		}
		return s.text(b, "False"), nil
	}
	if v {
		return s.AppendInt(b, 1)
	}
	return s.AppendInt(b, 0)
}

// AppendValue appends Python's "%<spec>" % v, dispatching on v's kind. A
// KindAny value is a str for %s and %r (fmt's %v of it; %a escapes its
// non-ASCII characters) and an error for the numeric conversions.
func (s PercentSpec) AppendValue(b []byte, v Value) ([]byte, error) {
	if v.Kind() == KindInt && (s == PercentSpec{Verb: 'd'} || s == PercentSpec{Verb: 'i'} || s == PercentSpec{Verb: 'u'}) {
		return appendInt(b, v.Int()), nil // what AppendInt gives a plain %d
	}
	switch v.Kind() {
	case KindString:
		return s.AppendString(b, v.Str())
	case KindInt:
		return s.AppendInt(b, v.Int())
	case KindFloat:
		return s.AppendFloat(b, v.Float())
	case KindBool:
		return s.AppendBool(b, v.Bool())
	case KindNone:
		return s.AppendNone(b)
	}
	switch verb := s.verb(); verb {
	case 's', 'r':
		start := len(b)
		return s.tail(fmt.Append(b, v.Any()), start, true), nil
	case 'a':
		start := len(b)
		return s.tail(pfAppendNonASCIIEscaped(b, fmt.Sprint(v.Any())), start, true), nil
	default:
		return b, pfPercentTypeError(verb, pfTypeName(v.Any()))
	}
}

// pfAppendNonASCIIEscaped appends s with its non-ASCII characters escaped
// as ascii() escapes them, without quotes.
func pfAppendNonASCIIEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			b = append(b, s[i])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = rune(s[i])
		}
		b = pfAppendEscape(b, r)
		i += size
	}
	return b
}

// ---------------------------------------------------------------------
// FormatSpec: format(value, spec).

// fillAlign returns the fill character and alignment in effect, given the
// type's default alignment: a '0' before the width means fill '0' (and '='
// alignment for numbers) unless a fill character was given.
func (s FormatSpec) fillAlign(defAlign byte) (rune, byte) {
	fill, align := s.Fill, s.Align
	if fill == 0 {
		fill = ' '
		if s.Zero {
			fill = '0'
			if align == 0 && defAlign == '>' {
				align = '='
			}
		}
	}
	if align == 0 {
		align = defAlign
	}
	return fill, align
}

// pfFormatError formats a ValueError message naming a spec character: a
// printable ASCII one as itself, another as \x escape.
func pfFormatError(prefix string, c byte, suffix string) error {
	if c > 32 && c < 127 {
		return pfValueError(prefix + string(rune(c)) + suffix)
	}
	return pfValueError(prefix + `\x` + strconv.FormatUint(uint64(c), 16) + suffix)
}

// checkGrouping reports the error CPython's format-spec parser gives for a
// grouping option the presentation type t does not allow, and returns the
// group size (3, or 4 for '_' with b, o, x, X).
func (s FormatSpec) checkGrouping(t byte) (int, error) {
	if s.Grouping == 0 {
		return 0, nil
	}
	switch t {
	case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		return 3, nil
	case 'b', 'o', 'x', 'X':
		if s.Grouping == '_' {
			return 4, nil
		}
	}
	return 0, pfFormatError("Cannot specify '"+string(rune(s.Grouping))+"' with '", t, "'.")
}

func pfUnknownCode(t byte, typ string) error {
	return pfFormatError("Unknown format code '", t, "' for object of type '"+typ+"'")
}

// AppendString appends Python's format(v, spec) for the str v.
func (s FormatSpec) AppendString(b []byte, v string) ([]byte, error) {
	t := s.Type
	if t == 0 {
		t = 's'
	}
	if _, err := s.checkGrouping(t); err != nil {
		return b, err
	}
	if t != 's' {
		return b, pfUnknownCode(t, "str")
	}
	if err := s.checkString(); err != nil {
		return b, err
	}
	fill, align := s.fillAlign('<')
	return pfAppendAligned(b, v, s.prec(), s.Width, fill, align), nil
}

// checkString reports the errors of format_string_internal.
func (s FormatSpec) checkString() error {
	switch {
	case s.Sign == ' ':
		return pfValueError("Space not allowed in string format specifier")
	case s.Sign != 0:
		return pfValueError("Sign not allowed in string format specifier")
	case s.NoNegZero:
		return pfValueError("Negative zero coercion (z) not allowed in string format specifier")
	case s.Alt:
		return pfValueError("Alternate form (#) not allowed in string format specifier")
	case s.Align == '=':
		return pfValueError("'=' alignment not allowed in string format specifier")
	}
	return nil
}

// AppendInt appends Python's format(v, spec) for the int v.
func (s FormatSpec) AppendInt(b []byte, v int64) ([]byte, error) {
	return s.appendInt(b, v, "int")
}

func (s FormatSpec) appendInt(b []byte, v int64, typ string) ([]byte, error) {
	t := s.Type
	if t == 0 {
		t = 'd'
	}
	group, err := s.checkGrouping(t)
	if err != nil {
		return b, err
	}
	switch t {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return s.appendFloat(b, float64(v), group)
	default:
		return b, pfUnknownCode(t, typ)
	}
	if s.prec() >= 0 {
		return b, pfValueError("Precision not allowed in integer format specifier")
	}
	if s.NoNegZero {
		return b, pfValueError("Negative zero coercion (z) not allowed in integer format specifier")
	}
	fill, align := s.fillAlign('>')
	if t == 'c' {
		if s.Sign != 0 {
			return b, pfValueError("Sign not allowed with integer format specifier 'c'")
		}
		if s.Alt {
			return b, pfValueError("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		if v < 0 || v > utf8.MaxRune {
			return b, pfErrCharRange
		}
		var enc [utf8.UTFMax]byte
		n := utf8.EncodeRune(enc[:], rune(v))
		return s.layout(b, fill, align, 0, "", nil, false, enc[:n], 1, 0), nil
	}
	base := 10
	prefix := ""
	switch t {
	case 'b':
		base, prefix = 2, "0b"
	case 'o':
		base, prefix = 8, "0o"
	case 'x':
		base, prefix = 16, "0x"
	case 'X':
		base, prefix = 16, "0X"
	}
	if !s.Alt {
		prefix = ""
	}
	mag := uint64(v)
	if v < 0 {
		mag = -mag
	}
	var scratch [64]byte
	digits := strconv.AppendUint(scratch[:0], mag, base)
	if t == 'X' {
		for i, c := range digits {
			if 'a' <= c && c <= 'f' {
				digits[i] = c - 'a' + 'A'
			}
		}
	}
	return s.layout(b, fill, align, s.sign(v < 0), prefix, digits, false, nil, 0, group), nil
}

// sign returns the sign character to print, 0 for none.
func (s FormatSpec) sign(neg bool) byte {
	switch {
	case neg:
		return '-'
	case s.Sign == '+':
		return '+'
	case s.Sign == ' ':
		return ' '
	}
	return 0
}

// layout writes a formatted number as CPython's fill_number does:
// [lpadding][sign][prefix][spadding][grouped digits][.][remainder][rpadding],
// where remainder is remWidth characters wide. With fill '0' and '='
// alignment, the zero padding is part of the grouped digits.
func (s FormatSpec) layout(b []byte, fill rune, align byte, sign byte, prefix string, digits []byte, decimal bool, rem []byte, remWidth int, group int) []byte {
	nonDigit := len(prefix) + remWidth
	if sign != 0 {
		nonDigit++
	}
	if decimal {
		nonDigit++
	}
	minWidth := 0
	if fill == '0' && align == '=' {
		minWidth = s.Width - nonDigit
	}
	grouped := 0
	if len(digits) > 0 {
		grouped = pfGroup(nil, digits, minWidth, group, s.Grouping)
	}
	var lpad, spad, rpad int
	if pad := s.Width - nonDigit - grouped; pad > 0 {
		switch align {
		case '<':
			rpad = pad
		case '^':
			lpad = pad / 2
			rpad = pad - lpad
		case '=':
			spad = pad
		default:
			lpad = pad
		}
	}
	b = pfFill(b, lpad, fill)
	if sign != 0 {
		b = append(b, sign)
	}
	b = append(b, prefix...)
	b = pfFill(b, spad, fill)
	if grouped > 0 {
		start := len(b)
		b = pfZeros(b, grouped)
		pfGroup(b[start:], digits, minWidth, group, s.Grouping)
	}
	if decimal {
		b = append(b, '.')
	}
	b = append(b, rem...)
	return pfFill(b, rpad, fill)
}

// pfGroup is CPython's _PyUnicode_InsertThousandsGrouping with a
// one-character separator sep between groups of group digits (no
// separator when group is 0): it returns the width of digits grouped and
// left-padded with zeros to at least minWidth, and when dst is not nil
// writes them into dst, which must be that long.
func pfGroup(dst []byte, digits []byte, minWidth, group int, sep byte) int {
	if minWidth < 0 {
		minWidth = 0
	}
	count := 0
	pos := len(dst)
	dpos := len(digits)
	remaining := len(digits)
	useSep := false
	emit := func(nchars, nzeros int) {
		if useSep {
			count++
		}
		count += nchars + nzeros
		if dst == nil {
			return
		}
		if useSep {
			pos--
			dst[pos] = sep
		}
		pos -= nchars
		dpos -= nchars
		copy(dst[pos:], digits[dpos:dpos+nchars])
		for ; nzeros > 0; nzeros-- {
			pos--
			dst[pos] = '0'
		}
	}
	if group > 0 {
		for {
			l := min(group, max(remaining, minWidth, 1))
			emit(max(0, min(remaining, l)), max(0, l-remaining))
			useSep = true
			remaining -= max(0, min(remaining, l))
			minWidth -= l
			if remaining <= 0 && minWidth <= 0 {
				return count
			}
			minWidth--
		}
	}
	l := max(remaining, minWidth, 1)
	emit(max(0, min(remaining, l)), max(0, l-remaining))
	return count
}

// AppendFloat appends Python's format(v, spec) for the float v.
func (s FormatSpec) AppendFloat(b []byte, v float64) ([]byte, error) {
	group, err := s.checkGrouping(s.Type)
	if err != nil {
		return b, err
	}
	switch s.Type {
	case 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', 0:
		return s.appendFloat(b, v, group)
	}
	return b, pfUnknownCode(s.Type, "float")
}

// appendFloat is CPython's format_float_internal.
func (s FormatSpec) appendFloat(b []byte, v float64, group int) ([]byte, error) {
	if s.prec() > math.MaxInt32 {
		return b, pfErrFloatPrecTooBig
	}
	t := s.Type
	flags := 0
	if s.Alt {
		flags |= pfAlt
	}
	prec := s.prec()
	defPrec := 6
	switch t {
	case 0:
		flags |= pfDot0
		t = 'r'
		defPrec = 0
	case 'n':
		t = 'g'
	case '%':
		t = 'f'
		v *= 100
	case 'E', 'F', 'G':
		flags |= pfUpper
		t += 'a' - 'A'
	}
	if prec < 0 {
		prec = defPrec
	} else if t == 'r' {
		t = 'g'
	}
	var scratch [64]byte
	buf := pfAppendDouble(scratch[:0], v, t, prec, flags)
	if s.Type == '%' {
		buf = append(buf, '%')
	}
	neg := buf[0] == '-'
	if neg {
		buf = buf[1:]
		if s.NoNegZero && pfIsZero(buf) {
			neg = false
		}
	}
	nd := 0
	for nd < len(buf) && '0' <= buf[nd] && buf[nd] <= '9' {
		nd++
	}
	rem := buf[nd:]
	decimal := len(rem) > 0 && rem[0] == '.'
	if decimal {
		rem = rem[1:]
	}
	fill, align := s.fillAlign('>')
	return s.layout(b, fill, align, s.sign(neg), "", buf[:nd], decimal, rem, len(rem), group), nil
}

// pfIsZero reports whether the formatted float buf (without its sign) is
// zero: its digits before any exponent are all zeros, as Py_DTSF_NO_NEG_0
// finds the value rounded to zero.
func pfIsZero(buf []byte) bool {
	for _, c := range buf {
		switch c {
		case '0', '.':
		case 'e', 'E', '%':
			return true
		default:
			return false
		}
	}
	return true
}

// AppendNone appends Python's format(None, spec): "None" for the empty
// spec, Python's TypeError for any other.
func (s FormatSpec) AppendNone(b []byte) ([]byte, error) {
	if s.IsZero() {
		return append(b, "None"...), nil
	}
	return b, pfErrNoneFormat
}

// AppendBool appends Python's format(v, spec) for the bool v: "True" or
// "False" for the empty spec; for any other spec, bool is formatted as the
// int 1 or 0 (format(True, '>6') is '     1').
func (s FormatSpec) AppendBool(b []byte, v bool) ([]byte, error) {
	if s.IsZero() {
		if v {
			return append(b, "True"...), nil
		}
		return append(b, "False"...), nil
	}
	var i int64
	if v {
		i = 1
	}
	return s.appendInt(b, i, "bool")
}

// AppendValue appends Python's format(v, spec), dispatching on v's kind.
// A KindAny value is formatted as the str fmt's %v gives it (Python would
// call the object's __format__, which for most objects only accepts the
// empty spec).
func (s FormatSpec) AppendValue(b []byte, v Value) ([]byte, error) {
	switch v.Kind() {
	case KindString:
		return s.AppendString(b, v.Str())
	case KindInt:
		return s.AppendInt(b, v.Int())
	case KindFloat:
		return s.AppendFloat(b, v.Float())
	case KindBool:
		return s.AppendBool(b, v.Bool())
	case KindNone:
		return s.AppendNone(b)
	}
	if s.IsZero() {
		return fmt.Append(b, v.Any()), nil
	}
	t := s.Type
	if t == 0 {
		t = 's'
	}
	if _, err := s.checkGrouping(t); err != nil {
		return b, err
	}
	if t != 's' {
		return b, pfUnknownCode(t, "str")
	}
	if err := s.checkString(); err != nil {
		return b, err
	}
	fill, align := s.fillAlign('<')
	start := len(b)
	return pfAlignTail(fmt.Append(b, v.Any()), start, s.prec(), s.Width, fill, align), nil
}
