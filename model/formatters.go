package model

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file is the table of the formatter classes loggen implements
// besides logging.Formatter: classes of Python packages that real
// configurations name (python-json-logger, colorlog, uvicorn), compiled at
// generate time like logging.Formatter. Each is selected by its Python name
// in '()' or class. With '()', dictConfig passes every other key of the
// entry to the class as a keyword argument (format as fmt, as for
// logging.Formatter), so the class's Keys are checked; with class, it
// passes only format, datefmt, style and validate (and, from Python 3.12,
// defaults), so the class's own keys are ignored, with a warning. package
// gen writes each class's formatter with an emitter of its own, found by
// the class's Name.

// A FormatterClass is a Python formatter class, other than
// logging.Formatter, that loggen implements.
type FormatterClass struct {
	// Name is the canonical Python name, "pythonjsonlogger.jsonlogger.JsonFormatter".
	Name string
	// Aliases are other names Python imports the class by
	// ("pythonjsonlogger.json.JsonFormatter").
	Aliases []string
	// Package names the Python distribution and the version whose output
	// loggen reproduces, for messages and documentation:
	// "python-json-logger 2.0.1".
	Package string
	// Keys are the class's keyword arguments beyond logging.Formatter's
	// (fmt, datefmt, style, validate, defaults), in Python's order.
	Keys []Key
	// Params, if not nil, are the parameters of the class's constructor
	// in Python's order, when they are not logging.Formatter's (fmt,
	// datefmt, style, validate, then defaults): with '()', a key of
	// logging.Formatter's that the class does not take is an error; with
	// class, dictConfig passes validate as the fourth parameter, whatever
	// its name.
	Params []string
	// DefaultFormat, if not nil, returns the class's format when the entry
	// gives none, per style ('%', '{' or '$'); nil means logging.Formatter's
	// default ("%(message)s").
	DefaultFormat func(style byte) string
	// Field, if not nil, reports the fields the class adds to what its
	// format can print beyond the record's attributes (colorlog's
	// log_color, uvicorn's levelprefix), with their type: they are not
	// extras. options are the entry's checked keyword arguments.
	Field func(name string, options []Option) (pyfmt.FieldType, bool)
	// Parse, if not nil, reads the entry's format in place of
	// pyfmt.ParseFormat (python-json-logger validates it as
	// logging.Formatter does and then finds field names with a regular
	// expression of its own, never applying it): the checker reports its
	// errors, and takes the typed extras from the Extra segments.
	Parse func(format string, style byte, validate bool) (*pyfmt.Format, []pyfmt.FormatError)
	// Check, if not nil, checks the entry as the class reads it, after
	// its keyword arguments, defaults and format are read, in place of
	// logging.Formatter's checks of defaults; at returns the position of a
	// byte offset of the format (the entry's when the format is the
	// default). It returns errors and warnings (Error.Warning).
	Check func(f *Formatter, at func(offset int) Pos) ErrorList
}

// formatterClasses are the formatter classes of other Python packages that
// loggen implements.
var formatterClasses = []*FormatterClass{
	jsonFormatter2,
	jsonFormatter3,
	colorlogFormatter,
	uvicornDefaultFormatter,
	uvicornAccessFormatter,
}

// LookupFormatterClass returns the formatter class that name (with or
// without "ext://") names, and whether loggen implements it.
func LookupFormatterClass(name string) (*FormatterClass, bool) {
	name = strings.TrimPrefix(name, "ext://")
	for _, c := range formatterClasses {
		if c.Name == name {
			return c, true
		}
		for _, a := range c.Aliases {
			if a == name {
				return c, true
			}
		}
	}
	return nil, false
}

// FormatterClasses returns the formatter classes of other Python packages
// that loggen implements.
func FormatterClasses() []*FormatterClass { return formatterClasses }

// formatterClassNames returns the names the formatter classes go by, for
// suggestions.
func formatterClassNames() []string {
	names := []string{"logging.Formatter"}
	for _, c := range formatterClasses {
		names = append(names, c.Name)
		names = append(names, c.Aliases...)
	}
	return names
}

// Option returns the keyword argument named key and whether the entry
// gives it.
func (f *Formatter) Option(key string) (Option, bool) {
	for _, o := range f.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// key returns the keyword argument named name of the class.
func (c *FormatterClass) key(name string) (Key, bool) {
	for _, k := range c.Keys {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// takes reports whether the class's constructor takes the keyword
// argument name of logging.Formatter (fmt, datefmt, style, validate,
// defaults; format is fmt, as dictConfig retries it). It reports true for
// other names, which are the class's own keys or unknown ones.
func (c *FormatterClass) takes(name string) bool {
	if name == "format" {
		name = "fmt"
	}
	if c.Params == nil || !slices.Contains(formatterFactoryKeys, name) {
		return true
	}
	return slices.Contains(c.Params, name)
}

// fourth returns the name of the class's fourth parameter, to which
// dictConfig passes validate when the class is named by class.
func (c *FormatterClass) fourth() string {
	if len(c.Params) < 4 {
		return "validate"
	}
	return c.Params[3]
}

// ClassField reports whether name is a field that f's class adds to what
// its format can print (see FormatterClass.Field), rather than an extra.
func (f *Formatter) ClassField(name string) bool {
	if f.Class == nil || f.Class.Field == nil {
		return false
	}
	_, ok := f.Class.Field(name, f.Options)
	return ok
}

// otherFormatterMsg explains that a formatter class is not one loggen
// implements.
// It names each class once, by its canonical name.
func otherFormatterMsg() string {
	if len(formatterClasses) == 0 {
		return "a formatter class other than logging.Formatter cannot be used: name a Go factory with '()' instead"
	}
	var names []string
	for _, c := range formatterClasses {
		names = append(names, c.Name)
	}
	return "a formatter class other than logging.Formatter and the classes loggen implements (" +
		strings.Join(names, ", ") + ") cannot be used: name a Go factory with '()' instead"
}

// positionalValidate reads the validate key p of an entry that names the
// class cls by class: dictConfig passes validate positionally, as the
// class's fourth parameter, which for cls is another one. It returns the
// keyword argument that sets, converted as that parameter's key.
func (c *checker) positionalValidate(ctx string, e entry, cls *FormatterClass, p pair) []Option {
	name := cls.fourth()
	c.warnf(p.key, ctx, "with class, Python passes validate to %s as its fourth parameter, %s: name the class with '()' and write %s instead",
		cls.Name, name, name)
	return c.keywordArgs(ctx, e, cls.Name, cls.Keys, []pair{{name: name, key: p.key, val: p.val}})
}

// classFieldUse checks a use s of a field that f's class adds (found in
// the format at node n): the field's value must suit the conversion, or
// Python fails on every record.
func (c *checker) classFieldUse(f *Formatter, n *yaml.Node, s pyfmt.Segment) {
	t, _ := f.Class.Field(s.Field, f.Options)
	sample := pyfmt.StringValue("")
	switch t {
	case pyfmt.TypeInt:
		sample = pyfmt.IntValue(0)
	case pyfmt.TypeFloat:
		sample = pyfmt.FloatValue(0)
	case pyfmt.TypeNone:
		sample = pyfmt.Value{}
	}
	if _, err := pyfmt.AppendField(nil, f.Format.Style, s, sample); err != nil {
		c.add(c.strPos(n, s.Offset), "formatter %s: format: %s sets %s to a %s, which %s cannot print: %s",
			quote(f.ID), f.Class.Name, quote(s.Field), pyTypeWord(t), fieldText(f.Format, segmentIndex(f.Format, s)), pythonError(err))
	}
}

// pyTypeWord names the Python type of a field type.
func pyTypeWord(t pyfmt.FieldType) string {
	switch t {
	case pyfmt.TypeInt:
		return "int"
	case pyfmt.TypeFloat:
		return "float"
	case pyfmt.TypeNone:
		return "None"
	}
	return "str"
}

// segmentIndex returns the index of s among f's segments.
func segmentIndex(f *pyfmt.Format, s pyfmt.Segment) int {
	for i := range f.Segments {
		if f.Segments[i].Offset == s.Offset {
			return i
		}
	}
	return 0
}
