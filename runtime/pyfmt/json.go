package pyfmt

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// This file writes JSON as Python's json.dumps does with its default
// separators (", " and ": ", or "," and ": " with an indent): strings with
// and without ensure_ascii, ints, floats as their repr (NaN, Infinity and
// -Infinity for the others), true, false, null, lists and objects, flat or
// indented. python-json-logger writes records with it; generated code and
// the runtime call these functions, and the generator writes constant
// values with them.

// JSONOptions are the arguments of json.dumps that change its output.
type JSONOptions struct {
	// ASCII is json.dumps' ensure_ascii: every character outside printable
	// ASCII (DEL included) is written as \uXXXX, as a surrogate pair
	// beyond U+FFFF. Without it only '"', '\\' and the control
	// characters below U+0020 are escaped.
	ASCII bool
	// Indented reports that json.dumps has an indent (it is not None):
	// the items of lists and objects go on lines of their own, each line
	// starting with Indent repeated once per level of nesting, and items
	// are separated by "," instead of ", ".
	Indented bool
	// Indent is the indent as a string (Python turns an int n into n
	// spaces, and a negative one into ""); used when Indented.
	Indent string
}

// JSONIndent returns the options of json.dumps(indent=n): n spaces per
// level, none when n is 0 or negative, with each item on a line of its own.
func JSONIndent(n int, ascii bool) JSONOptions {
	return JSONOptions{ASCII: ascii, Indented: true, Indent: strings.Repeat(" ", max(n, 0))}
}

// AppendString appends s as a JSON string, with its quotes. Bytes of s
// that are not UTF-8 are taken as the Latin-1 characters of their value
// (as AppendRepr takes them), so the output is always valid UTF-8.
func (o JSONOptions) AppendString(b []byte, s string) []byte {
	return appendJSONString(b, s, o.ASCII)
}

// AppendBytes appends the text s as a JSON string, as AppendString does.
func (o JSONOptions) AppendBytes(b []byte, s []byte) []byte {
	return appendJSONString(b, s, o.ASCII)
}

// QuoteTail turns the text that b holds from start on into a JSON string,
// in place: generated code appends a value (a time, a level name) as text
// and then quotes it. It allocates only when b must grow.
func (o JSONOptions) QuoteTail(b []byte, start int) []byte {
	end := len(b)
	if !jsonNeedsEscape(b[start:end], o.ASCII) {
		b = append(b, 0, 0)
		copy(b[start+1:], b[start:end])
		b[start] = '"'
		b[end+1] = '"'
		return b
	}
	// Encode the text after itself, then move the result down over it.
	b = appendJSONString(b, b[start:end], o.ASCII)
	n := copy(b[start:], b[end:])
	return b[:start+n]
}

// jsonNeedsEscape reports whether s holds a character that a JSON string
// writes otherwise than as itself.
func jsonNeedsEscape(s []byte, ascii bool) bool {
	for _, c := range s {
		if c < ' ' || c == '"' || c == '\\' || ascii && c >= 0x7f {
			return true
		}
	}
	// Without ensure_ascii, text that is not UTF-8 is re-encoded.
	return !ascii && !utf8.Valid(s)
}

const jsonHex = "0123456789abcdef"

// appendJSONString appends s as json.dumps writes a str: with
// ensure_ascii, py_encode_basestring_ascii; without, py_encode_basestring.
func appendJSONString[T string | []byte](b []byte, s T, ascii bool) []byte {
	b = append(b, '"')
	// Most text is printable ASCII without quotes or backslashes: find
	// the end of that prefix eight bytes at a time.
	i := plainJSONPrefix(s)
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0 // the text from start to i is written as it is
	for i < len(s) {
		c := s[i]
		if c >= ' ' && c != '"' && c != '\\' && (c < 0x7f || !ascii && c == 0x7f) {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = appendJSONEscape(b, rune(c))
			}
			i++
			start = i
			continue
		}
		var r rune
		var size int
		switch x := any(s).(type) {
		case string:
			r, size = utf8.DecodeRuneInString(x[i:])
		case []byte:
			r, size = utf8.DecodeRune(x[i:])
		}
		if r == utf8.RuneError && size == 1 {
			// Not UTF-8: the Latin-1 character of the byte.
			b = append(b, s[start:i]...)
			if ascii {
				b = appendJSONEscape(b, rune(c))
			} else {
				b = utf8.AppendRune(b, rune(c))
			}
			i++
			start = i
			continue
		}
		if !ascii {
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		if r >= 0x10000 {
			r -= 0x10000
			b = appendJSONEscape(b, 0xd800+(r>>10))
			r = 0xdc00 + r&0x3ff
		}
		b = appendJSONEscape(b, r)
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainJSONPrefix returns the length of the longest prefix of s whose
// bytes a JSON string writes as themselves in both modes: printable ASCII
// (0x20 to 0x7e) but '"' and '\\'.
func plainJSONPrefix[T string | []byte](s T) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte below 0x20, a byte equal to '"' or '\\' (zero after the
		// xor), or one of 0x7f and up (its high bit set in x or x+1).
		below := (x - ones*0x20) &^ x
		quote := x ^ (ones * '"')
		quote = (quote - ones) &^ quote
		bslash := x ^ (ones * '\\')
		bslash = (bslash - ones) &^ bslash
		if (below|quote|bslash|x|(x+ones))&highs != 0 {
			break
		}
	}
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\' {
		i++
	}
	return i
}

// appendJSONEscape appends \uXXXX for r < 0x10000, in lower-case hex.
func appendJSONEscape(b []byte, r rune) []byte {
	return append(b, '\\', 'u', jsonHex[r>>12&15], jsonHex[r>>8&15], jsonHex[r>>4&15], jsonHex[r&15])
}

// AppendJSONFloat appends f as json.dumps writes a float: its repr, or
// NaN, Infinity and -Infinity, which JSON lacks but Python writes.
func AppendJSONFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "Infinity"...)
	case math.IsInf(f, -1):
		return append(b, "-Infinity"...)
	}
	return AppendFloatRepr(b, f)
}

// AppendJSONBool appends true or false.
func AppendJSONBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// Newline appends the line break and indentation that start an item at
// the given level of nesting of an indented document, or nothing when o
// is not Indented.
func (o JSONOptions) Newline(b []byte, level int) []byte {
	if !o.Indented {
		return b
	}
	b = append(b, '\n')
	for range level {
		b = append(b, o.Indent...)
	}
	return b
}

// Separator returns what json.dumps writes between two items: ", ", or ","
// when o is Indented (the line break follows with Newline).
func (o JSONOptions) Separator() string {
	if o.Indented {
		return ","
	}
	return ", "
}

// AppendKey appends the key of an object's item at level, with what comes
// before it (the separator unless first, the line break when Indented) and
// the ": " after it.
func (o JSONOptions) AppendKey(b []byte, key string, first bool, level int) []byte {
	if !first {
		b = append(b, o.Separator()...)
	}
	b = o.Newline(b, level)
	b = o.AppendString(b, key)
	return append(b, ':', ' ')
}

// AppendValue appends v as json.dumps writes the Python value it stands
// for: a str as a string, an int or a float as a number, a bool as true or
// false, None as null. A KindAny value is written as Append writes it. level
// is the nesting level of the value (1 for an item of a record's object).
func (o JSONOptions) AppendValue(b []byte, v Value, level int) []byte {
	switch v.Kind() {
	case KindNone:
		return append(b, "null"...)
	case KindString:
		return o.AppendString(b, v.Str())
	case KindInt:
		return strconv.AppendInt(b, v.Int(), 10)
	case KindFloat:
		return AppendJSONFloat(b, v.Float())
	case KindBool:
		return AppendJSONBool(b, v.Bool())
	}
	return o.appendAny(b, v.any, level, 0)
}

// A JSONItem is one item of an object for Append, which keeps the order of
// a []JSONItem.
type JSONItem struct {
	Key   string
	Value any
}

// maxJSONDepth bounds the nesting Append follows; deeper values (a cycle
// of pointers or maps) are written as their text.
const maxJSONDepth = 32

// Append appends the Go value v as python-json-logger's encoder writes the
// Python value it resembles, at the given nesting level:
//
//   - nil and nil pointers, maps and slices as null; booleans, integers,
//     floats and strings (of any named type) as Python's bool, int, float
//     and str; a Value as AppendValue writes it;
//   - errors and fmt.Stringers as the string of their text (the encoder
//     writes str(obj) of what json cannot encode); a time.Time as the
//     string of Python's datetime.isoformat() (to the microsecond, with
//     its UTC offset);
//   - slices and arrays as lists; []JSONItem as an object in its order;
//     maps as objects with their keys (as text) sorted, since Go maps have
//     no order; pointers as what they point to;
//   - anything else as the string of fmt's %v.
func (o JSONOptions) Append(b []byte, v any, level int) []byte {
	return o.appendAny(b, v, level, 0)
}

func (o JSONOptions) appendAny(b []byte, v any, level, depth int) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return o.AppendString(b, x)
	case bool:
		return AppendJSONBool(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		return AppendJSONFloat(b, x)
	case Value:
		if x.Kind() == KindAny {
			return o.appendAny(b, x.any, level, depth)
		}
		return o.AppendValue(b, x, level)
	case []JSONItem:
		if len(x) == 0 {
			return append(b, '{', '}')
		}
		b = append(b, '{')
		for i, it := range x {
			b = o.AppendKey(b, it.Key, i == 0, level+1)
			b = o.appendAny(b, it.Value, level+1, depth+1)
		}
		b = o.Newline(b, level)
		return append(b, '}')
	case error:
		return o.AppendString(b, x.Error())
	case time.Time:
		return append(AppendISOTime(append(b, '"'), x), '"')
	case fmt.Stringer:
		return o.AppendString(b, x.String())
	}
	if depth >= maxJSONDepth {
		return o.AppendString(b, fmt.Sprint(v))
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		return AppendJSONBool(b, rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return AppendJSONFloat(b, rv.Float())
	case reflect.String:
		return o.AppendString(b, rv.String())
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return append(b, "null"...)
		}
		return o.appendAny(b, rv.Elem().Interface(), level, depth+1)
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return append(b, "null"...)
		}
		if rv.Len() == 0 {
			return append(b, '[', ']')
		}
		b = append(b, '[')
		for i := range rv.Len() {
			if i > 0 {
				b = append(b, o.Separator()...)
			}
			b = o.Newline(b, level+1)
			b = o.appendAny(b, rv.Index(i).Interface(), level+1, depth+1)
		}
		b = o.Newline(b, level)
		return append(b, ']')
	case reflect.Map:
		if rv.IsNil() {
			return append(b, "null"...)
		}
		if rv.Len() == 0 {
			return append(b, '{', '}')
		}
		type item struct {
			key string
			val reflect.Value
		}
		items := make([]item, 0, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			items = append(items, item{fmt.Sprint(it.Key().Interface()), it.Value()})
		}
		slices.SortFunc(items, func(a, b item) int { return strings.Compare(a.key, b.key) })
		b = append(b, '{')
		for i, it := range items {
			b = o.AppendKey(b, it.key, i == 0, level+1)
			b = o.appendAny(b, it.val.Interface(), level+1, depth+1)
		}
		b = o.Newline(b, level)
		return append(b, '}')
	}
	return o.AppendString(b, fmt.Sprint(v))
}

// AppendStringList appends the strings as a JSON list at level.
func (o JSONOptions) AppendStringList(b []byte, list []string, level int) []byte {
	if len(list) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, o.Separator()...)
		}
		b = o.Newline(b, level+1)
		b = o.AppendString(b, s)
	}
	b = o.Newline(b, level)
	return append(b, ']')
}

// AppendISOTime appends Python's datetime.isoformat() of an aware datetime
// at t, to the microsecond (truncated): 2023-11-14T22:13:20.123456+00:00,
// without the fraction when the microseconds are 0, and with the seconds
// of a UTC offset that has them.
func AppendISOTime(b []byte, t time.Time) []byte {
	year, month, day := t.Date()
	b = AppendPad(b, year, 4, '0')
	b = append(b, '-')
	b = AppendPad(b, int(month), 2, '0')
	b = append(b, '-')
	b = AppendPad(b, day, 2, '0')
	b = append(b, 'T')
	b = AppendPad(b, t.Hour(), 2, '0')
	b = append(b, ':')
	b = AppendPad(b, t.Minute(), 2, '0')
	b = append(b, ':')
	b = AppendPad(b, t.Second(), 2, '0')
	if us := t.Nanosecond() / 1000; us != 0 {
		b = append(b, '.')
		b = AppendPad(b, us, 6, '0')
	}
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = AppendPad(b, off/3600, 2, '0')
	b = append(b, ':')
	b = AppendPad(b, off/60%60, 2, '0')
	if off%60 != 0 {
		b = append(b, ':')
		b = AppendPad(b, off%60, 2, '0')
	}
	return b
}

// AppendCreatedISO appends Python's
// datetime.fromtimestamp(created, tz=timezone.utc).isoformat(): created,
// in seconds since the epoch, rounded half to even to the microsecond as
// datetime does.
func AppendCreatedISO(b []byte, created float64) []byte {
	secs, frac := math.Modf(created)
	us := math.RoundToEven(frac * 1e6)
	sec := int64(secs)
	if us >= 1e6 {
		sec++
		us -= 1e6
	} else if us < 0 {
		sec--
		us += 1e6
	}
	if c := isoCache.Load(); c != nil && c.sec == sec {
		b = append(b, c.text[:]...)
	} else {
		start := len(b)
		b = appendISOSecond(b, sec)
		if len(b)-start == isoSecondLen {
			c = &isoSecond{sec: sec}
			copy(c.text[:], b[start:])
			isoCache.Store(c)
		}
	}
	if us != 0 {
		u := int(us)
		b = append(b, '.', byte('0'+u/100000), byte('0'+u/10000%10), byte('0'+u/1000%10),
			byte('0'+u/100%10), byte('0'+u/10%10), byte('0'+u%10))
	}
	return append(b, "+00:00"...)
}

// isoCache holds the text of the last second AppendCreatedISO wrote:
// records come many to a second.
var isoCache atomic.Pointer[isoSecond]

// An isoSecond is "YYYY-MM-DDTHH:MM:SS" for the second sec of the epoch.
type isoSecond struct {
	sec  int64
	text [isoSecondLen]byte
}

const isoSecondLen = len("2006-01-02T15:04:05")

// appendISOSecond appends sec, in seconds since the epoch, as
// "YYYY-MM-DDTHH:MM:SS" in UTC.
func appendISOSecond(b []byte, sec int64) []byte {
	// The civil date of the day (Howard Hinnant's days_from_civil, in
	// reverse), without a time.Time.
	day, tod := sec/86400, sec%86400
	if tod < 0 {
		day, tod = day-1, tod+86400
	}
	z := day + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	b = AppendPad(b, int(y), 4, '0')
	return append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10), 'T',
		byte('0'+tod/36000), byte('0'+tod/3600%10), ':',
		byte('0'+tod%3600/600), byte('0'+tod%3600/60%10), ':',
		byte('0'+tod%60/10), byte('0'+tod%10))
}

// SplitLines splits s as Python's str.splitlines() does: at \n, \r, \r\n,
// \v, \f, \x1c, \x1d, \x1e, U+0085, U+2028 and U+2029, without the line
// breaks; a break at the end starts no further line.
func SplitLines(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = rune(s[i]) // not UTF-8: the Latin-1 character of the byte
		}
		switch r {
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				size = 2
			}
		default:
			i += size
			continue
		}
		lines = append(lines, s[start:i])
		i += size
		start = i
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}
