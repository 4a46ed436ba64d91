package pyfmt

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// AppendPercentArgs appends Python's msg % args to b, which is what
// LogRecord.getMessage returns when the record has arguments. Each
// "%[(key)][flags][width][.precision][hlL]conversion" consumes the next
// argument ('*' for the width or precision consumes one too, which must be
// an int); "%%" is a percent sign. As in logging, a single argument that is
// a non-empty map[string]any is a mapping, and "%(key)s" formats its
// entries.
//
// Arguments are converted with AnyValue, except that an error or a
// fmt.Stringer is the str its Error or String method returns (for numeric
// conversions, a Stringer whose underlying type is a number is that
// number), and other named types of numbers, strings and bools are those
// values. A map[string]any prints as Python prints a dict, but with its keys
// sorted (a Go map has no insertion order). Everything else is formatted by
// fmt's %v.
//
// On failure AppendPercentArgs returns b with what was written so far and a
// *Error with CPython's message: "not enough arguments for format
// string", "not all arguments converted during string formatting",
// "unsupported format character 'y' (0x79) at index 3", "incomplete
// format", "incomplete format key", "format requires a mapping", "* wants
// int", "width too big" (above 2**63-1), "precision too big" (above
// 2**31-1), "Python int too large to convert to C ssize_t" (a '*' width)
// or "... C int" (a '*' precision), "precision too large" (an integer
// conversion's precision above 2**31-4), or the TypeError of a conversion
// that does not fit its argument.
//
// Widths and precisions that CPython accepts but that would take gigabytes
// are limited: when those of one message add up to more than MaxWidth
// (counting precisions only for numeric conversions), the conversion that
// goes over fails with a MemoryError, after any error CPython would give
// for it first.
func AppendPercentArgs(b []byte, msg string, args []any) ([]byte, error) {
	var (
		mapping map[string]any
		cur     any  // in mapping mode, the one pending argument
		have    bool // cur has not been consumed
		argi    int
		budget  = MaxWidth // what the widths and precisions may still add up to
	)
	if len(args) == 1 {
		if m, ok := args[0].(map[string]any); ok && len(m) > 0 {
			mapping, cur, have = m, m, true
		}
	}
	next := func() (any, error) {
		if mapping != nil {
			if !have {
				return nil, pfErrNotEnough
			}
			have = false
			return cur, nil
		}
		if argi >= len(args) {
			return nil, pfErrNotEnough
		}
		argi++
		return args[argi-1], nil
	}
	i := 0
	for i < len(msg) {
		j := i
		for j < len(msg) && msg[j] != '%' {
			j++
		}
		b = append(b, msg[i:j]...)
		if j == len(msg) {
			break
		}
		i = j + 1
		if i >= len(msg) {
			return b, pfErrIncomplete
		}
		if msg[i] == '%' {
			b = append(b, '%')
			i++
			continue
		}
		var spec PercentSpec
		if msg[i] == '(' {
			if mapping == nil {
				return b, pfErrNeedMapping
			}
			depth := 1
			k := i + 1
			for depth > 0 && k < len(msg) {
				switch msg[k] {
				case ')':
					depth--
				case '(':
					depth++
				}
				k++
			}
			if depth > 0 {
				return b, pfErrIncompleteKey
			}
			key := msg[i+1 : k-1]
			v, ok := mapping[key]
			if !ok {
				return b, &Error{"KeyError", string(AppendRepr(nil, key))}
			}
			cur, have = v, true
			i = k
		}
	flags:
		for ; i < len(msg); i++ {
			switch msg[i] {
			case '-':
				spec.Minus = true
			case '+':
				spec.Plus = true
			case ' ':
				spec.Space = true
			case '#':
				spec.Alt = true
			case '0':
				spec.Zero = true
			default:
				break flags
			}
		}
		if i < len(msg) && msg[i] == '*' {
			a, err := next()
			if err != nil {
				return b, err
			}
			w, err := pfStarArg(a, math.MinInt, math.MaxInt, "ssize_t")
			if err != nil {
				return b, err
			}
			if w < 0 {
				spec.Minus = true
				// CPython negates the width in a Py_ssize_t; -(-2**63)
				// stays negative there, which means no padding.
				w = max(-w, 0)
			}
			spec.Width = w
			i++
		} else if i < len(msg) && '0' <= msg[i] && msg[i] <= '9' {
			w, end, ok := pfDigits(msg, i, math.MaxInt)
			if !ok {
				return b, pfErrWidthTooBig
			}
			spec.Width, i = w, end
		}
		if i < len(msg) && msg[i] == '.' {
			spec.HasPrec = true
			i++
			if i < len(msg) && msg[i] == '*' {
				a, err := next()
				if err != nil {
					return b, err
				}
				p, err := pfStarArg(a, math.MinInt32, math.MaxInt32, "int")
				if err != nil {
					return b, err
				}
				spec.Prec = max(p, 0)
				i++
			} else if i < len(msg) && '0' <= msg[i] && msg[i] <= '9' {
				p, end, ok := pfDigits(msg, i, math.MaxInt32)
				if !ok {
					return b, pfErrPrecTooBig
				}
				spec.Prec, i = p, end
			}
		}
		if i < len(msg) && (msg[i] == 'h' || msg[i] == 'l' || msg[i] == 'L') {
			i++
		}
		if i >= len(msg) {
			return b, pfErrIncomplete
		}
		verbAt := i
		verb, size := utf8.DecodeRuneInString(msg[i:])
		i += size
		a, err := next()
		if err != nil {
			return b, err
		}
		if spec == (PercentSpec{}) {
			// The commonest conversions, %s of a str and %d of an int,
			// written out: what the general path below gives them.
			switch x := a.(type) {
			case string:
				if verb == 's' {
					b = append(b, x...)
					continue
				}
			case int:
				if verb == 'd' || verb == 's' || verb == 'i' || verb == 'u' {
					b = strconv.AppendInt(b, int64(x), 10)
					continue
				}
			}
		}
		switch verb {
		case 's', 'r', 'a', 'c', 'd', 'i', 'u', 'o', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G':
		default:
			if size == 1 && verb == utf8.RuneError {
				verb = rune(msg[verbAt])
			}
			return b, pfUnsupportedAt(verb, utf8.RuneCountInString(msg[:verbAt]))
		}
		spec.Verb = byte(verb)
		if m, ok := a.(map[string]any); ok && (verb == 's' || verb == 'r' || verb == 'a') {
			// str and repr of a dict are the same; ascii escapes it.
			r := string(pfAppendDictRepr(nil, m))
			if verb == 'a' {
				r = string(pfAppendNonASCIIEscaped(nil, r))
			}
			spec.Verb = 's'
			a = r
		}
		v := pfArgValue(a, spec.Verb)
		if budget, err = spec.spend(budget, v); err != nil {
			return b, err
		}
		b, err = spec.AppendValue(b, v)
		if err != nil {
			return b, err
		}
	}
	if mapping == nil && argi < len(args) {
		return b, pfErrNotAll
	}
	return b, nil
}

var (
	pfErrNotEnough     = pfTypeError("not enough arguments for format string")
	pfErrNotAll        = pfTypeError("not all arguments converted during string formatting")
	pfErrIncomplete    = pfValueError("incomplete format")
	pfErrIncompleteKey = pfValueError("incomplete format key")
	pfErrNeedMapping   = pfTypeError("format requires a mapping")
	pfErrStar          = pfTypeError("* wants int")
	pfErrWidthTooBig   = pfValueError("width too big")
	pfErrPrecTooBig    = pfValueError("precision too big")
)

// pfUnsupportedAt is the ValueError for the conversion character c at
// index (in code points) of the format string.
func pfUnsupportedAt(c rune, index int) error {
	shown := c
	if c < 31 || c > 126 {
		shown = '?'
	}
	return pfValueError("unsupported format character '" + string(shown) + "' (0x" +
		strconv.FormatInt(int64(c), 16) + ") at index " + strconv.Itoa(index))
}

// pfStarArg returns the int that a '*' width or precision takes from a,
// which must be an int (or a bool) from lo to hi, the range of the C type
// ctype CPython converts it to.
func pfStarArg(a any, lo, hi int64, ctype string) (int, error) {
	v := pfArgValue(a, 'd')
	switch v.Kind() {
	case KindInt, KindBool:
	default:
		return 0, pfErrStar
	}
	n := v.Int()
	// A Value holds an int64, where a large uint64 wraps.
	big := reflect.ValueOf(a).CanUint() && reflect.ValueOf(a).Uint() > math.MaxInt64
	if big || n < lo || n > hi {
		return 0, pfOverflowError("Python int too large to convert to C " + ctype)
	}
	return int(n), nil
}

// pfDigits reads the ASCII digits at s[i:] as CPython's
// unicode_format_arg_parse does, and reports whether their value is at most
// limit. It returns the value and the offset after the digits.
func pfDigits(s string, i int, limit int) (int, int, bool) {
	v := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		d := int(s[i] - '0')
		if v > (limit-d)/10 {
			return 0, i, false
		}
		v = v*10 + d
	}
	return v, i, true
}

// numeric reports whether s is a numeric conversion, whose precision adds
// digits (for %s, %r and %a it truncates, and %c ignores it).
func (s PercentSpec) numeric() bool {
	switch s.verb() {
	case 'd', 'i', 'u', 'o', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G':
		return true
	}
	return false
}

// spend charges s's width and, for a numeric conversion, its precision to
// a message's budget (see MaxWidth), and returns what is left. Over budget,
// it returns the error CPython raises for v before it would allocate the
// text (a TypeError, or "precision too large" for an int conversion), or
// else MemoryError.
func (s PercentSpec) spend(budget int, v Value) (int, error) {
	prec := 0
	if s.HasPrec && s.numeric() {
		prec = s.Prec
	}
	if s.Width <= budget && prec <= budget-s.Width {
		return budget - s.Width - prec, nil
	}
	dry := s
	dry.Width, dry.Prec = 0, 0
	if _, err := dry.AppendValue(nil, v); err != nil {
		return budget, err
	}
	if s.intPrecTooLarge() {
		return budget, pfErrPrecTooLarge
	}
	if s.Width > budget {
		return budget, pfErrTooWide("width", s.Width)
	}
	return budget, pfErrTooWide("precision", s.Prec)
}

// intPrecTooLarge reports whether s is an int conversion whose precision
// CPython's _PyUnicode_FormatLong refuses as "precision too large".
func (s PercentSpec) intPrecTooLarge() bool {
	switch s.verb() {
	case 'd', 'i', 'u', 'o', 'x', 'X':
		return s.HasPrec && s.Prec > math.MaxInt32-3
	}
	return false
}

// pfArgValue converts a %-argument to a Value for the conversion verb.
func pfArgValue(a any, verb byte) Value {
	v := AnyValue(a)
	if v.Kind() != KindAny {
		return v
	}
	numeric := verb != 's' && verb != 'r' && verb != 'a'
	rv := reflect.ValueOf(a)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return v
	}
	switch x := a.(type) {
	case error:
		return StringValue(x.Error())
	case fmt.Stringer:
		if !numeric {
			return StringValue(x.String())
		}
		if n, ok := pfReflectValue(rv); ok && n.Kind() != KindString {
			return n
		}
		return StringValue(x.String())
	}
	if n, ok := pfReflectValue(rv); ok {
		return n
	}
	return v
}

// pfReflectValue converts a value of a named number, string or bool type.
func pfReflectValue(rv reflect.Value) (Value, bool) {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return IntValue(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return IntValue(int64(rv.Uint())), true
	case reflect.Float32, reflect.Float64:
		return FloatValue(rv.Float()), true
	case reflect.Bool:
		return BoolValue(rv.Bool()), true
	case reflect.String:
		return StringValue(rv.String()), true
	}
	return Value{}, false
}

// pfAppendDictRepr appends Python's repr of m as a dict, keys sorted.
func pfAppendDictRepr(b []byte, m map[string]any) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = AppendRepr(b, k)
		b = append(b, ": "...)
		switch x := m[k].(type) {
		case map[string]any:
			b = pfAppendDictRepr(b, x)
		default:
			v := pfArgValue(x, 'r')
			if v.Kind() == KindString {
				b = AppendRepr(b, v.Str())
			} else {
				b = v.AppendStr(b)
			}
		}
	}
	return append(b, '}')
}
