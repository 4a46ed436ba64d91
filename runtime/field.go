package runtime

import "github.com/loggen/loggen/runtime/pyfmt"

// A Field is one extra record attribute: what Python's extra={...} adds to a
// LogRecord, so that a format can print it as %(key)s.
type Field struct {
	Key   string
	Value pyfmt.Value
}

// String returns a Field holding a str.
func String(key, value string) Field { return Field{key, pyfmt.StringValue(value)} }

// Int returns a Field holding an int.
func Int(key string, value int) Field { return Field{key, pyfmt.IntValue(int64(value))} }

// Int64 returns a Field holding an int.
func Int64(key string, value int64) Field { return Field{key, pyfmt.IntValue(value)} }

// Float64 returns a Field holding a float.
func Float64(key string, value float64) Field { return Field{key, pyfmt.FloatValue(value)} }

// Bool returns a Field holding a bool.
func Bool(key string, value bool) Field { return Field{key, pyfmt.BoolValue(value)} }

// Any returns a Field holding any Go value (see pyfmt.AnyValue).
func Any(key string, value any) Field { return Field{key, pyfmt.AnyValue(value)} }
