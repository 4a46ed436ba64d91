package pyfmt

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A Kind is the Python type a Value stands for when a format applies to it.
type Kind uint8

// The kinds of Value.
const (
	KindNone   Kind = iota // Python None
	KindString             // Python str
	KindInt                // Python int
	KindFloat              // Python float
	KindBool               // Python bool (an int subclass: %d of True is 1)
	KindAny                // any other Go value; formatted with fmt's %v as a str
)

// A Value is the value of an extra record attribute. It holds strings,
// integers, floats and booleans without boxing them, so building one does
// not allocate, in three words (as slog.Value does): a copy of it, and of
// the Fields made of it, is cheap.
type Value struct {
	// num holds an int's bits, a float's bits, 0 or 1 for a bool, or the
	// length of a string.
	num uint64
	// any is nil for None, a kindMark for an int, a float or a bool, a
	// stringData for a string (its bytes), or the Go value of a KindAny
	// value.
	any any
}

// kindMark marks the kind of a Value whose num holds it. Code outside the
// package cannot make one, so a KindAny value never holds one.
type kindMark Kind

// stringData is the first byte of a string Value (unsafe.StringData): a
// pointer, which an interface holds without allocating.
type stringData *byte

// StringValue returns a Value holding the Python str s.
func StringValue(s string) Value {
	return Value{num: uint64(len(s)), any: stringData(unsafe.StringData(s))}
}

// IntValue returns a Value holding the Python int i.
func IntValue(i int64) Value { return Value{num: uint64(i), any: kindMark(KindInt)} }

// FloatValue returns a Value holding the Python float f.
func FloatValue(f float64) Value { return Value{num: math.Float64bits(f), any: kindMark(KindFloat)} }

// BoolValue returns a Value holding the Python bool b.
func BoolValue(b bool) Value {
	v := Value{any: kindMark(KindBool)}
	if b {
		v.num = 1
	}
	return v
}

// AnyValue returns a Value for an arbitrary Go value: strings, integers,
// floats, booleans and nil become the matching kind; anything else is kept as
// KindAny and formatted like a Python str of fmt's %v.
func AnyValue(v any) Value {
	switch x := v.(type) {
	case nil:
		return Value{}
	case string:
		return StringValue(x)
	case int:
		return IntValue(int64(x))
	case int8:
		return IntValue(int64(x))
	case int16:
		return IntValue(int64(x))
	case int32:
		return IntValue(int64(x))
	case int64:
		return IntValue(x)
	case uint:
		return IntValue(int64(x))
	case uint8:
		return IntValue(int64(x))
	case uint16:
		return IntValue(int64(x))
	case uint32:
		return IntValue(int64(x))
	case uint64:
		return IntValue(int64(x))
	case float32:
		return FloatValue(float64(x))
	case float64:
		return FloatValue(x)
	case bool:
		return BoolValue(x)
	case Value:
		return x
	}
	return Value{any: v}
}

// Kind reports the kind of v.
func (v Value) Kind() Kind {
	switch x := v.any.(type) {
	case nil:
		return KindNone
	case kindMark:
		return Kind(x)
	case stringData:
		return KindString
	}
	return KindAny
}

// String returns the str of v as Python's str() would print it.
func (v Value) String() string { return string(v.AppendStr(nil)) }

// Str returns the string held by a KindString value, or "".
func (v Value) Str() string {
	if p, ok := v.any.(stringData); ok {
		return unsafe.String(p, int(v.num))
	}
	return ""
}

// Int returns the integer held by a KindInt or KindBool value, or 0.
func (v Value) Int() int64 {
	if _, ok := v.any.(kindMark); ok {
		return int64(v.num)
	}
	return 0
}

// Float returns the float held by a KindFloat value, or 0.
func (v Value) Float() float64 {
	if _, ok := v.any.(kindMark); ok {
		return math.Float64frombits(v.num)
	}
	return 0
}

// Bool returns the bool held by a KindBool value, or false.
func (v Value) Bool() bool {
	_, ok := v.any.(kindMark)
	return ok && v.num != 0
}

// Any returns the Go value held by a KindAny value, or nil.
func (v Value) Any() any {
	if v.Kind() == KindAny {
		return v.any
	}
	return nil
}

// AppendStr appends Python's str(v) to b.
func (v Value) AppendStr(b []byte) []byte {
	switch v.Kind() {
	case KindNone:
		return append(b, "None"...)
	case KindString:
		return append(b, v.Str()...)
	case KindInt:
		return appendInt(b, v.Int())
	case KindFloat:
		return AppendFloatRepr(b, v.Float())
	case KindBool:
		if v.Bool() {
			return append(b, "True"...)
		}
		return append(b, "False"...)
	}
	return fmt.Append(b, v.any)
}

// AppendD appends v as a plain %d formats it: PercentSpec{Verb:
// 'd'}.AppendValue, for generated code, which knows the spec when it is
// generated.
func (v Value) AppendD(b []byte) ([]byte, error) {
	if v.Kind() == KindInt {
		return appendInt(b, v.Int()), nil
	}
	return PercentSpec{Verb: 'd'}.AppendValue(b, v)
}

// AppendRepr appends Python's repr(v) to b.
func (v Value) AppendRepr(b []byte) []byte {
	switch v.Kind() {
	case KindString:
		return AppendRepr(b, v.Str())
	case KindAny:
		return AppendRepr(b, fmt.Sprint(v.any))
	}
	return v.AppendStr(b)
}

// AppendASCII appends Python's ascii(v) to b.
func (v Value) AppendASCII(b []byte) []byte {
	switch v.Kind() {
	case KindString:
		return AppendASCII(b, v.Str())
	case KindAny:
		return AppendASCII(b, fmt.Sprint(v.any))
	}
	return v.AppendStr(b)
}

// Truthy reports whether v is true in Python (bool(v)), for the values
// that configuration decoders produce: nil (None), booleans, numbers
// (json.Number, and named number types by their value), strings, and maps
// and slices, which are true when not empty. dictConfig takes several keys by
// their truth (a handler's level in an incremental configuration, and, in
// Python, propagate and disable_existing_loggers); the generator and the
// runtime both decide with this function.
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case interface{ Float64() (float64, error) }: // encoding/json.Number
		f, err := x.Float64()
		return err != nil || f != 0
	case map[string]any:
		return len(x) > 0
	case []any:
		return len(x) > 0
	}
	switch n := AnyValue(v); n.Kind() {
	case KindInt, KindBool:
		return n.Int() != 0
	case KindFloat:
		return n.Float() != 0
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice, reflect.Array, reflect.String:
		return rv.Len() > 0
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr, reflect.Float32, reflect.Float64, reflect.Bool:
		return !rv.IsZero()
	}
	return true
}

// UTF8Codec reports whether Python's codecs.lookup(name) is the UTF-8
// codec, which is all loggen writes: "utf-8" in any case and spelling
// ("UTF8", "utf_8", "utf 8") and its aliases ("u8", "utf", "cp65001",
// "utf8_ucs2", "utf8_ucs4"). The empty name (Python's None) and "locale"
// (Python 3.10's name for the locale's encoding) count as UTF-8 too, as a
// UTF-8 locale is what loggen assumes.
func UTF8Codec(name string) bool {
	if name == "" || name == "locale" {
		return true
	}
	// encodings.normalize_encoding after codecs.lookup lower-cases: runs of
	// characters other than letters, digits and '.' become one '_', at the
	// ends none.
	var b []byte
	punct := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			if punct && len(b) > 0 {
				b = append(b, '_')
			}
			if r < utf8.RuneSelf {
				b = append(b, byte(r))
			}
			punct = false
		} else {
			punct = true
		}
	}
	switch string(b) {
	case "utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001":
		return true
	}
	return false
}
