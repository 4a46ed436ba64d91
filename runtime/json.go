package runtime

import (
	"strings"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file serves the formatters that generated code writes for
// python-json-logger's JsonFormatter: a Formatter that prints the record as
// one JSON object, and what its compiled function calls to print the
// record's values and extra attributes as Python's json.dumps writes them.

// JSONFormatter is the Formatter that generated code builds for
// python-json-logger's JsonFormatter from a FormatFunc that writes the
// whole JSON object. Like CompiledFormatter it makes sure the message can
// be built (a bad printf-style call is an error even when the object does
// not print the message), but it appends nothing after the object: the
// record's error is a value of the object (its "exc_info" key), where
// logging.Formatter appends a traceback after the text.
type JSONFormatter struct {
	Func FormatFunc
	// Caller reports that the object prints the caller's file, line or
	// function, so loggers must capture the caller for it.
	Caller bool
	// NoTime reports that the object prints no time (no timestamp, asctime,
	// created, msecs or relativeCreated), so that loggers whose records
	// meet only such formatters need not read the clock.
	NoTime bool
}

// Format implements Formatter.
func (f *JSONFormatter) Format(b []byte, r *Record) ([]byte, error) {
	if len(r.Args) > 0 {
		if _, err := r.AppendMessage(nil); err != nil {
			return b, err
		}
	}
	start := len(b)
	b, err := f.Func(b, r)
	if err != nil {
		return b[:start], err
	}
	return b, nil
}

// NeedsCaller reports whether the object prints caller information.
func (f *JSONFormatter) NeedsCaller() bool { return f.Caller }

// NeedsTime reports whether the object prints the record's time.
func (f *JSONFormatter) NeedsTime() bool { return !f.NoTime }

// AppendMessageJSON appends the record's message as a JSON string.
func (r *Record) AppendMessageJSON(b []byte, o pyfmt.JSONOptions) ([]byte, error) {
	if len(r.Args) == 0 {
		return o.AppendString(b, r.Msg), nil
	}
	if _, err := r.AppendMessage(nil); err != nil {
		return b, err
	}
	return o.AppendBytes(b, r.msgBuf), nil
}

// AppendArgsJSON appends the record's args as the JSON list that Python
// writes for the args tuple, at the given nesting level. Errors and
// fmt.Stringers are their text, as in the message.
func (r *Record) AppendArgsJSON(b []byte, o pyfmt.JSONOptions, level int) []byte {
	if len(r.Args) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, a := range r.Args {
		if i > 0 {
			b = append(b, o.Separator()...)
		}
		b = o.Newline(b, level+1)
		b = o.AppendValue(b, argValue(a), level+1)
	}
	b = o.Newline(b, level)
	return append(b, ']')
}

// AppendErrJSON appends the record's error as python-json-logger prints an
// exception: its exc_text (ExcText: the error, or its chain and traceback)
// as a JSON string, or, with lines, the list of its lines (python-json-logger
// 3.3's exc_info_as_array); null when the record has no error.
func (r *Record) AppendErrJSON(b []byte, o pyfmt.JSONOptions, lines bool, level int) []byte {
	if r.Err == nil {
		return append(b, "null"...)
	}
	if lines {
		return o.AppendStringList(b, pyfmt.SplitLines(r.ExcText()), level)
	}
	start := len(b)
	return o.QuoteTail(appendExc(b, r.Err), start)
}

// HasStackInfo reports whether the record carries the stack of its logging
// call (Logger.SetStackInfo), which python-json-logger prints as
// stack_info.
func (r *Record) HasStackInfo() bool { return len(r.stack) > 0 }

// AppendStackJSON appends the record's stack_info (StackInfo) as a JSON
// string, or, with lines, the list of its lines (python-json-logger 3.3's
// stack_info_as_array); null when the record has no stack.
func (r *Record) AppendStackJSON(b []byte, o pyfmt.JSONOptions, lines bool, level int) []byte {
	if len(r.stack) == 0 {
		return append(b, "null"...)
	}
	if lines {
		return o.AppendStringList(b, pyfmt.SplitLines(r.StackInfo()), level)
	}
	start := len(b)
	return o.QuoteTail(r.appendStackInfo(b), start)
}

// AppendTimestampJSON appends python-json-logger's timestamp as a JSON
// string: datetime.fromtimestamp(created, tz=timezone.utc).isoformat(),
// 2023-11-14T22:13:20.123456+00:00.
func (r *Record) AppendTimestampJSON(b []byte) []byte {
	b = append(b, '"')
	b = pyfmt.AppendCreatedISO(b, r.Created())
	return append(b, '"')
}

// LookupLast returns the last extra attribute named key: where a record
// carries the key twice, the later value is the one that Python's record,
// a dict, keeps.
func (r *Record) LookupLast(key string) (pyfmt.Value, bool) {
	for i := len(r.Extra) - 1; i >= 0; i-- {
		if r.Extra[i].Key == key {
			return r.Extra[i].Value, true
		}
	}
	return pyfmt.Value{}, false
}

// JSONExtras prints, for a formatter that generated code writes for
// python-json-logger, what Python's merge_record_extra adds to the object
// from the record's own dict: the record's extra attributes (r.Extra), in
// their order, but those the formatter leaves out. An attribute is left out
// when its key starts with "_", names a LogRecord attribute (Python refuses
// such extras: "Attempt to overwrite"), or is one Skip reports. Each is
// printed under the key Rename gives (by default its own). Printing follows
// Python's dict: a key printed twice keeps its first place and takes its
// last value.
//
// Generated code prints the object's keys before and after the extras
// itself; JSONExtras needs to know which of them an extra can meet:
// Taken reports the keys printed before (the value of the last extra under
// such a key replaces theirs, at their place: generated code gets it with
// Last), and Late lists the keys printed after, whose value goes where an
// extra printed the key first.
type JSONExtras struct {
	// JSON is how values are written.
	JSON pyfmt.JSONOptions
	// Skip, if not nil, reports whether the attribute named key is left
	// out: a field of the formatter's format, or a reserved attribute.
	Skip func(key string) bool
	// Rename, if not nil, returns the key an attribute is printed under
	// (python-json-logger 3's rename_fields).
	Rename func(key string) string
	// Taken, if not nil, reports whether generated code printed key
	// before the extras of r.
	Taken func(r *Record, key string) bool
	// Late are keys that generated code prints after the extras.
	Late []JSONLate
}

// A JSONLate is a key that generated code prints after a record's extras:
// where an extra prints it first, Value says what goes there.
type JSONLate struct {
	Key   string
	Value JSONLateValue
}

// JSONLateValue is the value of a JSONLate key.
type JSONLateValue uint8

// The values of late keys.
const (
	// LateKeep keeps the extra's value (python-json-logger 3's
	// rename_fields_keep_missing, which adds only missing keys).
	LateKeep JSONLateValue = iota
	// LateTimestamp is the record's timestamp (AppendTimestampJSON).
	LateTimestamp
	// LateMessage is the record's message (AppendMessageJSON).
	LateMessage
)

// key returns the key the extra attribute i of r is printed under, or
// false when it is left out. With taken, a key that generated code printed
// before the extras is left out too.
func (x *JSONExtras) key(r *Record, i int, taken bool) (string, bool) {
	k := r.Extra[i].Key
	if strings.HasPrefix(k, "_") || x.Skip != nil && x.Skip(k) || isRecordAttr(k) {
		return "", false
	}
	if x.Rename != nil {
		k = x.Rename(k)
	}
	if taken && x.Taken != nil && x.Taken(r, k) {
		return "", false
	}
	return k, true
}

// isRecordAttr reports whether key names an attribute of Python 3.11's
// LogRecord (message and asctime included): such an extra is never
// printed. taskName is an attribute from 3.12 only.
func isRecordAttr(key string) bool {
	_, ok := pyfmt.RecordAttr(key)
	return ok && key != "taskName"
}

// Append appends the extras of r, each item after a separator unless it is
// the first of the object (b ends with the object's '{'). It returns the
// set of Late keys it printed, bit i for Late[i].
func (x *JSONExtras) Append(b []byte, r *Record) ([]byte, uint64) {
	var late uint64
extras:
	for i := range r.Extra {
		k, ok := x.key(r, i, true)
		if !ok {
			continue
		}
		for j := range i {
			if kj, ok := x.key(r, j, true); ok && kj == k {
				continue extras // printed already, with the last value
			}
		}
		v := r.Extra[i].Value
		for j := i + 1; j < len(r.Extra); j++ {
			if kj, ok := x.key(r, j, true); ok && kj == k {
				v = r.Extra[j].Value
			}
		}
		b = x.JSON.AppendKey(b, k, len(b) == 0 || b[len(b)-1] == '{', 1)
		printed := false
		for m, l := range x.Late {
			if l.Key != k {
				continue
			}
			late |= 1 << m
			switch l.Value {
			case LateTimestamp:
				b = r.AppendTimestampJSON(b)
				printed = true
			case LateMessage:
				// JSONFormatter built the message before, so it cannot
				// fail here.
				b, _ = r.AppendMessageJSON(b, x.JSON)
				printed = true
			}
			break
		}
		if !printed {
			b = x.JSON.AppendValue(b, v, 1)
		}
	}
	return b, late
}

// Last returns the value of the last extra attribute of r printed under
// key, and whether there is one: generated code prints it in place of the
// value of a key it printed before the extras (Taken).
func (x *JSONExtras) Last(r *Record, key string) (pyfmt.Value, bool) {
	for i := len(r.Extra) - 1; i >= 0; i-- {
		if x.Rename == nil && r.Extra[i].Key != key {
			continue // without renaming, only an extra of that name can be it
		}
		if k, ok := x.key(r, i, false); ok && k == key {
			return r.Extra[i].Value, true
		}
	}
	return pyfmt.Value{}, false
}
