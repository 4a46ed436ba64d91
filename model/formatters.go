package model

import (
	"strings"

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
var formatterClasses = []*FormatterClass{jsonFormatter2, jsonFormatter3}

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
func otherFormatterMsg() string {
	names := formatterClassNames()
	if len(names) == 1 {
		return "a formatter class other than logging.Formatter cannot be used: name a Go factory with '()' instead"
	}
	return "a formatter class other than logging.Formatter and the classes loggen implements (" +
		strings.Join(names[1:], ", ") + ") cannot be used: name a Go factory with '()' instead"
}
