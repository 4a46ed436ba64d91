package model

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file describes python-json-logger's JsonFormatter, which prints a
// record as one JSON object, for two lines of the package:
//
//   - pythonjsonlogger.jsonlogger.JsonFormatter as Debian's
//     python3-pythonjsonlogger 2.0.1 writes it (the module name of the 2.x
//     line, which 3.x keeps as a deprecated alias);
//   - pythonjsonlogger.json.JsonFormatter as python-json-logger 3.3.0
//     writes it (the module name from 3.1 on), with the keys 3.x added:
//     static_fields, defaults, rename_fields_keep_missing,
//     exc_info_as_array and stack_info_as_array.
//
// Both validate the format as logging.Formatter does and never apply it:
// they take the field names from it with a regular expression, and print
// each field, then (3.x) static fields, the record's exception, the
// attributes of the record's dict that are neither fields nor reserved
// (its extras), and the timestamp, as json.dumps writes a dict. JSON works
// out, for a formatter, what that dict holds in which order; package gen
// compiles it.

// The names of the python-json-logger formatter classes.
const (
	jsonFormatter2Name = "pythonjsonlogger.jsonlogger.JsonFormatter"
	jsonFormatter3Name = "pythonjsonlogger.json.JsonFormatter"
)

// The python-json-logger formatter classes.
var (
	jsonFormatter2 = &FormatterClass{
		Name:          jsonFormatter2Name,
		Package:       "python-json-logger 2.0.1",
		Keys:          jsonKeys(false),
		DefaultFormat: loggingDefaultFormat,
		Parse: func(f string, style byte, validate bool) (*pyfmt.Format, []pyfmt.FormatError) {
			return parseJSONFormat(f, style, validate, false)
		},
		Check: func(f *Formatter, at func(int) Pos) ErrorList { return checkJSON(f, at, false) },
	}
	jsonFormatter3 = &FormatterClass{
		Name:          jsonFormatter3Name,
		Package:       "python-json-logger 3.3.0",
		Keys:          jsonKeys(true),
		DefaultFormat: loggingDefaultFormat,
		Parse: func(f string, style byte, validate bool) (*pyfmt.Format, []pyfmt.FormatError) {
			return parseJSONFormat(f, style, validate, true)
		},
		Check: func(f *Formatter, at func(int) Pos) ErrorList { return checkJSON(f, at, true) },
	}
)

// loggingDefaultFormat is logging.Formatter's format when none is given,
// which python-json-logger reads like any other.
func loggingDefaultFormat(style byte) string {
	switch style {
	case '{':
		return "{message}"
	case '$':
		return "${message}"
	}
	return "%(message)s"
}

// jsonKeys returns the keyword arguments of the JsonFormatter of
// python-json-logger 2.0.1, or of 3.3.0 when v3, in the order of their
// constructors. 2.0.1's list holds 3.x's keys too, to say which version
// takes them.
func jsonKeys(v3 bool) []Key {
	keys := []Key{
		// loggen encodes as the package's own encoder does, and cannot
		// call Python functions.
		{Name: "json_default", Type: KeyAny, Default: "None", Check: checkJSONCallable(nil)},
		{Name: "json_encoder", Type: KeyAny, Default: "None", Check: checkJSONCallable([]string{
			"pythonjsonlogger.jsonlogger.JsonEncoder", "pythonjsonlogger.json.JsonEncoder"})},
		{Name: "json_serializer", Type: KeyAny, Default: "json.dumps", Check: checkJSONCallable([]string{"json.dumps"})},
		{Name: "json_indent", Type: KeyAny, Default: "None", Check: checkJSONIndent},
		{Name: "json_ensure_ascii", Type: KeyBool, Default: "True"},
		{Name: "prefix", Type: KeyString, Default: "''"},
		{Name: "rename_fields", Type: KeyStringMap, Default: "{}"},
	}
	only3 := func(k Key, since string) Key {
		if !v3 {
			k.Check = func(any) string {
				return fmt.Sprintf("python-json-logger 2.0.1 does not take %s (Python raises TypeError); %s and later do, as pythonjsonlogger.json.JsonFormatter", k.Name, since)
			}
		}
		return k
	}
	keys = append(keys,
		only3(Key{Name: "rename_fields_keep_missing", Type: KeyBool, Default: "False"}, "3.1"),
		only3(Key{Name: "static_fields", Type: KeyMap, Default: "None", Check: checkStaticFields}, "3.1"),
		Key{Name: "reserved_attrs", Type: KeyStringList, Default: "RESERVED_ATTRS"},
		Key{Name: "timestamp", Type: KeyAny, Default: "False", Check: checkJSONTimestamp},
		only3(Key{Name: "exc_info_as_array", Type: KeyBool, Default: "False"}, "3.3"),
		only3(Key{Name: "stack_info_as_array", Type: KeyBool, Default: "False"}, "3.3"),
	)
	return keys
}

// checkJSONCallable checks a key that names a Python callable: loggen
// takes only the names of what the package uses by default.
func checkJSONCallable(known []string) func(v any) string {
	return func(v any) string {
		if s, ok := v.(string); ok && slices.Contains(known, s) {
			return ""
		}
		takes := ""
		if len(known) > 0 {
			takes = " (it takes " + strings.Join(known, " or ") + ")"
		}
		return "this names a Python callable, which loggen cannot call" + takes +
			": loggen writes JSON as json.dumps does with python-json-logger's JsonEncoder; leave the key out"
	}
}

// maxJSONIndent bounds an indent given as a number of spaces.
const maxJSONIndent = 1000

// checkJSONIndent checks json_indent: an int (spaces) or a string.
func checkJSONIndent(v any) string {
	switch x := v.(type) {
	case int64:
		if x > maxJSONIndent {
			return fmt.Sprintf("an indent of %d spaces is over loggen's limit of %d", x, maxJSONIndent)
		}
		return ""
	case string:
		return ""
	}
	return fmt.Sprintf("expected an int (spaces) or a string, got %s", pyTypeName(v))
}

// checkJSONTimestamp checks timestamp: true, false or a key name.
func checkJSONTimestamp(v any) string {
	switch v.(type) {
	case bool, string:
		return ""
	}
	return fmt.Sprintf(`expected true, false or the key of the timestamp, got %s`, pyTypeName(v))
}

// checkStaticFields checks the values of static_fields: JSON values,
// but mappings, whose order loggen does not keep.
func checkStaticFields(v any) string {
	for _, it := range v.([]MapItem) {
		if msg := checkStaticValue(it.Value); msg != "" {
			return fmt.Sprintf("%s: %s", quote(it.Key), msg)
		}
	}
	return ""
}

func checkStaticValue(v any) string {
	switch x := v.(type) {
	case nil, bool, int64, *big.Int, float64, string, pyTimestamp:
		return ""
	case []any:
		for _, it := range x {
			if msg := checkStaticValue(it); msg != "" {
				return msg
			}
		}
		return ""
	case map[string]any:
		return "a mapping inside static_fields is not supported (loggen does not keep the order of its keys): give its keys at the top of static_fields"
	}
	return fmt.Sprintf("%s cannot be written as JSON", pyTypeName(v))
}

// pyTypeName returns Python's name of the type of a value as the loader
// builds it.
func pyTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "None"
	case bool:
		return "a bool"
	case int64, *big.Int:
		return "an int"
	case float64:
		return "a float"
	case string:
		return "a str"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case pyTimestamp:
		return "a date"
	case []byte:
		return "bytes"
	}
	return fmt.Sprintf("%T", v)
}

// The regular expressions python-json-logger finds fields with: 2.0.1's
// for every style, and 3.3's, one per style.
var (
	jsonFieldRe2       = regexp.MustCompile(`\((.+?)\)`)
	jsonFieldRe3Pct    = regexp.MustCompile(`%\((.+?)\)`)
	jsonFieldRe3Brace  = regexp.MustCompile(`\{(.+?)\}`)
	jsonFieldRe3Dollar = regexp.MustCompile(`\$\{(.+?)\}`)
)

// A jsonField is a field name python-json-logger finds in a format, and
// the byte offset where its match starts.
type jsonField struct {
	name   string
	offset int
}

// jsonFields returns the field names python-json-logger finds in the
// format raw of the given style, in order, repeats included.
func jsonFields(raw string, style byte, v3 bool) []jsonField {
	re := jsonFieldRe2
	if v3 {
		switch style {
		case '{':
			re = jsonFieldRe3Brace
		case '$':
			re = jsonFieldRe3Dollar
		default:
			re = jsonFieldRe3Pct
		}
	}
	var out []jsonField
	for _, m := range re.FindAllStringSubmatchIndex(raw, -1) {
		out = append(out, jsonField{raw[m[2]:m[3]], m[0]})
	}
	return out
}

// parseJSONFormat reads a python-json-logger format: with validate, as
// logging.Formatter validates it (Python raises ValueError at the
// formatter's creation), then its fields, as Extra segments when they can
// be extras (words that are not LogRecord attributes: the typed extras of
// the format), with the type that a %-style conversion suggests.
func parseJSONFormat(raw string, style byte, validate bool, v3 bool) (*pyfmt.Format, []pyfmt.FormatError) {
	f := &pyfmt.Format{Style: style, Raw: raw}
	if len(raw) > pyfmt.MaxFormatLen {
		return f, []pyfmt.FormatError{{Offset: pyfmt.MaxFormatLen, Msg: fmt.Sprintf("the format is %d bytes long; loggen accepts formats of at most %d bytes", len(raw), pyfmt.MaxFormatLen)}}
	}
	if validate {
		if err := validateFormat(raw, style); err != nil {
			return f, []pyfmt.FormatError{*err}
		}
	}
	for _, fl := range jsonFields(raw, style, v3) {
		t, attr := pyfmt.RecordAttr(fl.name)
		seg := pyfmt.Segment{Field: fl.name, Offset: fl.offset, Type: t, Extra: !attr && isWord(fl.name)}
		if seg.Extra {
			// A %-style conversion suggests the type of the extra.
			seg.Type = pyfmt.TypeString
			conv := fl.offset + len(fl.name) + 2 // after "(name)"
			if v3 {
				conv++ // after "%(name)"
			}
			if isPct := v3 || fl.offset > 0 && raw[fl.offset-1] == '%'; style == '%' && isPct && conv < len(raw) {
				switch raw[conv] {
				case 'd', 'i', 'u', 'x', 'X', 'o', 'c':
					seg.Type = pyfmt.TypeInt
				case 'e', 'E', 'f', 'F', 'g', 'G':
					seg.Type = pyfmt.TypeFloat
				}
			}
		}
		if attr && fl.name == "taskName" {
			// Python 3.11's records have no taskName: an extra can give it.
			seg.Extra, seg.Type = true, pyfmt.TypeString
		}
		f.Segments = append(f.Segments, seg)
	}
	return f, nil
}

// checkJSON checks what python-json-logger (3.3 when v3, else 2.0.1)
// makes of the entry f: warnings where its output is probably not what
// was meant.
func checkJSON(f *Formatter, at func(int) Pos, v3 bool) ErrorList {
	var out ErrorList
	warn := func(pos Pos, format string, args ...any) {
		out = append(out, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Warning: true})
	}
	style := f.Format.Style
	fields := jsonFields(f.Format.Raw, style, v3)
	if !v3 && style != '%' && len(fields) == 0 {
		warn(at(0), "python-json-logger 2.0.1 takes field names only from parentheses, as in %%(levelname)s: this %c-style format names none, so records print only their extras (python-json-logger 3.x reads %s as pythonjsonlogger.json.JsonFormatter)",
			style, map[byte]string{'{': "{levelname}", '$': "${levelname}"}[style])
	}
	if v3 && style == '$' {
		for _, m := range jsonDollarNamed.FindAllStringSubmatchIndex(f.Format.Raw, -1) {
			if m[2] >= 0 {
				warn(at(m[0]), "python-json-logger 3.3 takes only braced fields from a $-style format: $%s is not one (write ${%s})", f.Format.Raw[m[2]:m[3]], f.Format.Raw[m[2]:m[3]])
			}
		}
	}
	for _, fl := range fields {
		if _, attr := pyfmt.RecordAttr(fl.name); !attr && !isWord(fl.name) {
			warn(at(fl.offset), "python-json-logger reads the field %s here, which is not an attribute name: records print null for it (unless LogExtra gives them an attribute of that name)", quote(fl.name))
		}
	}
	if !v3 && len(f.Defaults) > 0 {
		warn(f.Defaults[0].Pos, "python-json-logger 2.0.1 passes defaults to logging.Formatter and never prints them (3.2 and later print them, as pythonjsonlogger.json.JsonFormatter)")
	}
	if v3 {
		for _, d := range f.Defaults {
			if slices.ContainsFunc(fields, func(fl jsonField) bool { return fl.name == d.Name }) {
				warn(d.Pos, "python-json-logger 3.3 prints the record's %s in place of this default (null when the record lacks it), since the format names it", d.Name)
			}
		}
	}
	if obj := JSON(f); len(obj.Late) > maxJSONLate {
		out = append(out, &Error{Pos: f.Pos, Msg: fmt.Sprintf("%d keys that an extra can print first follow the extras (rename_fields_keep_missing, the timestamp); loggen handles at most %d", len(obj.Late), maxJSONLate)})
	}
	return out
}

// maxJSONLate is the number of keys after the extras that the runtime's
// JSONExtras.Append can report (the bits of a uint64).
const maxJSONLate = 64

// jsonDollarNamed finds $name and ${name} in a $-style format ($$ is a
// literal $).
var jsonDollarNamed = regexp.MustCompile(`\$(?:\$|([_a-zA-Z][_a-zA-Z0-9]*)|\{[_a-zA-Z][_a-zA-Z0-9]*\})`)

// jsonDictAttrs are the attributes of the dict of a Python 3.11
// LogRecord, in the order LogRecord.__init__ sets them: python-json-logger
// prints those it does not reserve after the format's fields.
var jsonDictAttrs = []string{
	"name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
	"exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
	"relativeCreated", "thread", "threadName", "processName", "process",
}

// jsonReservedAttrs is python-json-logger's RESERVED_ATTRS under Python
// 3.11 (the same in 2.0.1 and 3.3).
var jsonReservedAttrs = []string{
	"args", "asctime", "created", "exc_info", "exc_text", "filename",
	"funcName", "levelname", "levelno", "lineno", "module",
	"msecs", "message", "msg", "name", "pathname", "process",
	"processName", "relativeCreated", "stack_info", "thread", "threadName",
}

// recordDictKey reports whether key is a key of the dict of every Python
// 3.11 LogRecord that python-json-logger formats (message and asctime
// included): an extra cannot have it.
func recordDictKey(key string) bool {
	_, ok := pyfmt.RecordAttr(key)
	return ok && key != "taskName"
}

// A JSONObject is what a python-json-logger formatter prints for a record,
// in order: Prefix, then a JSON object of the keys of Before, the record's
// extra attributes and the keys of After.
type JSONObject struct {
	// Version is the python-json-logger the output follows: "2.0.1" or
	// "3.3.0".
	Version string
	// Prefix is printed before the object.
	Prefix string
	// JSON is how json.dumps writes it (ensure_ascii, indent).
	JSON pyfmt.JSONOptions
	// Fields are the field names python-json-logger finds in the format.
	Fields []string
	// Before are the keys printed before the extras, for each case of the
	// record (its JSONCase: whether it has an error, a stack, both).
	Before [4][]JSONKey
	// After are the keys printed after the extras, for each case.
	After [4][]JSONKey
	// Skip are the extra attributes left out (fields of the format and
	// reserved attributes, but LogRecord attributes and names starting
	// with "_", which are always left out), sorted.
	Skip []string
	// Rename maps the keys of extra attributes to the keys they are
	// printed under (3.x renames extras; 2.0.1 only fields), for the keys
	// an extra can have.
	Rename []StringPair
	// Late are the keys of After that an extra can print first, and what
	// their value is then: "keep" (the extra's), "timestamp" or "message".
	Late []StringPair
	// ExcLines prints the record's error as a list of lines (3.3's
	// exc_info_as_array); StackLines its stack (stack_info_as_array).
	ExcLines, StackLines bool
}

// A JSONKey is one key of the object.
type JSONKey struct {
	Key   string
	Value JSONValue
	// Extras (in Before) reports that an extra attribute can be printed
	// under Key: the extras leave it to this key, whose value is then the
	// last such extra's when ExtraValue.
	Extras, ExtraValue bool
	// Late (in After) is the index in Late of the key when an extra can
	// print it first (it is then printed there, and not again), or -1.
	Late int
}

// A JSONValue is the value of a key.
type JSONValue struct {
	Kind JSONValueKind
	// Name is the LogRecord attribute (JSONAttr) or the extra attribute
	// (JSONLookup).
	Name string
	// Text is the JSON text of a JSONConst.
	Text string
}

// JSONValueKind says where the value of a key comes from.
type JSONValueKind int

// The kinds of JSONValue.
const (
	JSONNull      JSONValueKind = iota // null
	JSONConst                          // a constant: Text
	JSONAttr                           // the LogRecord attribute Name
	JSONLookup                         // the extra attribute Name, or null when the record lacks it
	JSONTimestamp                      // the record's creation time, datetime.isoformat() in UTC
	JSONError                          // the record's error (a string, or its lines with ExcLines)
	JSONStack                          // the record's stack_info (a string, or its lines with StackLines)
)

// A JSONCase says which of the parts that python-json-logger adds when a
// record has them a record has: the bits JSONWithStack and JSONWithError.
type JSONCase int

// The bits of a JSONCase.
const (
	JSONWithStack JSONCase = 1 << iota // the record carries the stack of its call (stack_info)
	JSONWithError                      // the record has an error (exc_info)
)

// A jsonWrite is one assignment to python-json-logger's log_record dict.
type jsonWrite struct {
	key  string
	val  JSONValue
	only JSONCase // the write happens only for records with these parts
	// late is the kind of an assignment after the extras: "" before them,
	// else "keep", "timestamp" or "message".
	late string
}

// JSON works out what the python-json-logger formatter f prints. f's
// class must be one of the JsonFormatter classes.
func JSON(f *Formatter) *JSONObject {
	v3 := f.Class.Name == jsonFormatter3Name
	obj := &JSONObject{Version: "2.0.1", JSON: pyfmt.JSONOptions{ASCII: true}}
	if v3 {
		obj.Version = "3.3.0"
	}
	var rename []StringPair
	renames := map[string]string{}
	timestamp := ""
	reserved := jsonReservedAttrs
	keepMissing := false
	var static []MapItem
	for _, o := range f.Options {
		switch o.Key {
		case "json_indent":
			switch x := o.Value.(type) {
			case int64:
				obj.JSON.Indented, obj.JSON.Indent = true, strings.Repeat(" ", int(max(x, 0)))
			case string:
				obj.JSON.Indented, obj.JSON.Indent = true, x
			}
		case "json_ensure_ascii":
			obj.JSON.ASCII = o.Value.(bool)
		case "prefix":
			obj.Prefix = o.Value.(string)
		case "rename_fields":
			rename = o.Value.([]StringPair)
			for _, p := range rename {
				renames[p.Key] = p.Value
			}
		case "reserved_attrs":
			reserved = o.Value.([]string)
		case "timestamp":
			switch x := o.Value.(type) {
			case string:
				timestamp = x
			case bool:
				if x {
					timestamp = "timestamp"
				}
			}
		case "rename_fields_keep_missing":
			keepMissing = o.Value.(bool)
		case "static_fields":
			static = o.Value.([]MapItem)
		case "exc_info_as_array":
			obj.ExcLines = o.Value.(bool)
		case "stack_info_as_array":
			obj.StackLines = o.Value.(bool)
		}
	}
	fieldKey := func(k string) string {
		if r, ok := renames[k]; ok {
			return r
		}
		return k
	}
	key := fieldKey
	if !v3 {
		key = func(k string) string { return k }
	}

	fields := jsonFields(f.Format.Raw, f.Format.Style, v3)
	skip := map[string]bool{}
	for _, r := range reserved {
		skip[r] = true
	}
	var writes []jsonWrite
	if v3 {
		for _, d := range f.Defaults {
			writes = append(writes, jsonWrite{key: key(d.Name), val: JSONValue{Kind: JSONConst, Text: string(obj.JSON.AppendValue(nil, d.Value, 1))}})
		}
	}
	for _, fl := range fields {
		obj.Fields = append(obj.Fields, fl.name)
		skip[fl.name] = true
		v := JSONValue{Kind: JSONLookup, Name: fl.name}
		if recordDictKey(fl.name) {
			v.Kind = JSONAttr
		}
		writes = append(writes, jsonWrite{key: fieldKey(fl.name), val: v})
	}
	for _, it := range static {
		writes = append(writes, jsonWrite{key: key(it.Key), val: JSONValue{Kind: JSONConst, Text: string(appendJSONConst(nil, obj.JSON, it.Value, 1))}})
	}
	writes = append(writes,
		jsonWrite{key: key("exc_info"), val: JSONValue{Kind: JSONError}, only: JSONWithError},
		jsonWrite{key: key("stack_info"), val: JSONValue{Kind: JSONStack}, only: JSONWithStack})
	for _, a := range jsonDictAttrs {
		if !skip[a] {
			writes = append(writes, jsonWrite{key: key(a), val: JSONValue{Kind: JSONAttr, Name: a}})
		}
	}
	if !skip["message"] {
		writes = append(writes, jsonWrite{key: key("message"), val: JSONValue{Kind: JSONAttr, Name: "message"}, late: "message"})
	}
	if timestamp != "" {
		writes = append(writes, jsonWrite{key: key(timestamp), val: JSONValue{Kind: JSONTimestamp}, late: "timestamp"})
	}
	if v3 && keepMissing {
		for _, p := range rename {
			writes = append(writes, jsonWrite{key: p.Value, val: JSONValue{Kind: JSONNull}, late: "keep"})
		}
	}

	// An extra with the key k, which is not left out, is printed under
	// the key out(k).
	kept := func(k string) bool { return !strings.HasPrefix(k, "_") && !skip[k] && !recordDictKey(k) }
	reachable := func(key string) bool {
		if _, renamed := renames[key]; !(v3 && renamed) && kept(key) {
			return true
		}
		if v3 {
			for _, p := range rename {
				if p.Value == key && kept(p.Key) {
					return true
				}
			}
		}
		return false
	}
	for k := range skip {
		if !strings.HasPrefix(k, "_") && !recordDictKey(k) {
			obj.Skip = append(obj.Skip, k)
		}
	}
	slices.Sort(obj.Skip)
	if v3 {
		for _, p := range rename {
			if kept(p.Key) {
				obj.Rename = append(obj.Rename, p)
			}
		}
	}

	// The late keys and their value: the last assignment's but "keep".
	lateKind := map[string]string{}
	for _, w := range writes {
		if w.late != "" && (w.late != "keep" || lateKind[w.key] == "") {
			lateKind[w.key] = w.late
		}
	}
	lateIndex := func(k string) int {
		for i, p := range obj.Late {
			if p.Key == k {
				return i
			}
		}
		obj.Late = append(obj.Late, StringPair{k, lateKind[k]})
		return len(obj.Late) - 1
	}
	for e := range JSONCase(4) {
		var before, after []JSONKey
		find := func(list []JSONKey, k string) int {
			return slices.IndexFunc(list, func(x JSONKey) bool { return x.Key == k })
		}
		for _, w := range writes {
			if w.only&e != w.only || w.late != "" {
				continue
			}
			if i := find(before, w.key); i >= 0 {
				before[i].Value = w.val
				continue
			}
			before = append(before, JSONKey{Key: w.key, Value: w.val, Late: -1})
		}
		for i := range before {
			before[i].Extras = reachable(before[i].Key)
			before[i].ExtraValue = before[i].Extras
		}
		for _, w := range writes {
			if w.late == "" {
				continue
			}
			if i := find(before, w.key); i >= 0 {
				if w.late != "keep" {
					before[i].Value, before[i].ExtraValue = w.val, false
				}
				continue
			}
			if i := find(after, w.key); i >= 0 {
				if w.late != "keep" {
					after[i].Value = w.val
				}
				continue
			}
			k := JSONKey{Key: w.key, Value: w.val, Late: -1}
			if reachable(w.key) {
				k.Late = lateIndex(w.key)
			}
			after = append(after, k)
		}
		obj.Before[e], obj.After[e] = before, after
	}
	return obj
}

// appendJSONConst appends the JSON text of a value of the loader at the
// given level.
func appendJSONConst(b []byte, o pyfmt.JSONOptions, v any, level int) []byte {
	switch x := v.(type) {
	case *big.Int:
		return append(b, x.String()...)
	case pyTimestamp:
		return o.AppendString(b, x.isoformat())
	case []any:
		if len(x) == 0 {
			return append(b, '[', ']')
		}
		b = append(b, '[')
		for i, it := range x {
			if i > 0 {
				b = append(b, o.Separator()...)
			}
			b = o.Newline(b, level+1)
			b = appendJSONConst(b, o, it, level+1)
		}
		b = o.Newline(b, level)
		return append(b, ']')
	}
	return o.Append(b, v, level)
}

// validateFormat checks the format raw as logging.Formatter does when
// validate is true (Python 3.11's PercentStyle, StrFormatStyle and
// StringTemplateStyle validate), and returns the error Python raises, at
// the offset where the problem is, or nil.
func validateFormat(raw string, style byte) *pyfmt.FormatError {
	switch style {
	case '{':
		return validateBrace(raw)
	case '$':
		return validateDollar(raw)
	}
	if !pctValidation.MatchString(raw) {
		return &pyfmt.FormatError{Msg: fmt.Sprintf("invalid format %s for '%%' style: it needs a field such as %%(message)s", pyRepr(trunc(raw)))}
	}
	return nil
}

// Python 3.11's validation patterns, with Python's \w and \d (Unicode
// letters and digits) and its $ (the end, or a final newline).
var (
	pctValidation  = regexp.MustCompile(`(?i)%\([\p{L}\p{N}_]+\)[#0+ -]*(\*|\p{Nd}+)?(\.(\*|\p{Nd}+))?[diouxefgcrsa%]`)
	braceFieldSpec = regexp.MustCompile(`^(\p{Nd}+|[\p{L}\p{N}_]+)(\.[\p{L}\p{N}_]+|\[[^]]+\])*\n?$`)
	braceFmtSpec   = regexp.MustCompile(`(?i)^(.?[<>=^])?[+ -]?#?0?(\p{Nd}+|\{[\p{L}\p{N}_]+\})?[,_]?(\.(\p{Nd}+|\{[\p{L}\p{N}_]+\}))?[bcdefgnosx%]?\n?$`)
)

// validateBrace is StrFormatStyle.validate: the first error of
// _string.formatter_parser, of a field name, of a conversion or of a spec,
// in the order Python meets them, then "no fields".
func validateBrace(s string) *pyfmt.FormatError {
	bad := func(off int, format string, args ...any) *pyfmt.FormatError {
		return &pyfmt.FormatError{Offset: off, Msg: "invalid format: " + fmt.Sprintf(format, args...)}
	}
	fields := 0
	n := len(s)
	for i := 0; i < n; {
		j := strings.IndexAny(s[i:], "{}")
		if j < 0 {
			break
		}
		k := i + j
		c := s[k]
		if k+1 < n && s[k+1] == c {
			i = k + 2
			continue
		}
		if c == '}' {
			return bad(k, "Single '}' encountered in format string")
		}
		if k+1 >= n {
			return bad(k, "Single '{' encountered in format string")
		}
		// The field: parse_field.
		i = k + 1
		nameOff := i
		var d byte
		terminated := false
	name:
		for i < n {
			d = s[i]
			i++
			switch d {
			case '{':
				return bad(i-1, "unexpected '{' in field name")
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
			return bad(k, "expected '}' before end of string")
		}
		name := s[nameOff : i-1]
		conv, convOff := "", 0
		spec, specOff := "", 0
		if d == '!' || d == ':' {
			closed := false
			if d == '!' {
				if i >= n {
					return bad(i-1, "end of string while looking for conversion specifier")
				}
				convOff = i
				_, size := utf8.DecodeRuneInString(s[i:])
				conv = s[i : i+size]
				i += size
				if i < n {
					c2 := s[i]
					i++
					if c2 == '}' {
						closed = true
					} else if c2 != ':' {
						return bad(i-1, "expected ':' after conversion specifier")
					}
				}
			}
			if !closed {
				specOff = i
				count := 1
				for count > 0 && i < n {
					switch s[i] {
					case '{':
						count++
					case '}':
						count--
					}
					i++
				}
				if count > 0 {
					return bad(k, "unmatched '{' in format spec")
				}
				spec = s[specOff : i-1]
			}
		}
		if name != "" {
			if !braceFieldSpec.MatchString(name) {
				return bad(nameOff, "invalid field name/expression: %s", pyRepr(name))
			}
			fields++
		}
		if conv != "" && !strings.Contains("rsa", conv) {
			return bad(convOff, "invalid conversion: %s", pyRepr(conv))
		}
		if spec != "" && !braceFmtSpec.MatchString(spec) {
			return bad(specOff, "bad specifier: %s", pyRepr(spec))
		}
	}
	if fields == 0 {
		return bad(0, "no fields")
	}
	return nil
}

// validateDollar is StringTemplateStyle.validate.
func validateDollar(s string) *pyfmt.FormatError {
	fields := 0
	for _, m := range jsonDollarAny.FindAllStringSubmatchIndex(s, -1) {
		switch {
		case m[2] >= 0: // $$
		case m[4] >= 0, m[6] >= 0:
			fields++
		default:
			return &pyfmt.FormatError{Offset: m[0], Msg: "invalid format: bare '$' not allowed"}
		}
	}
	if fields == 0 {
		return &pyfmt.FormatError{Msg: "invalid format: no fields"}
	}
	return nil
}

// jsonDollarAny is string.Template's pattern: $$, $name, ${name} or an
// invalid $.
var jsonDollarAny = regexp.MustCompile(`\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|)`)
