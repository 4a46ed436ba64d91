// Package model reads a logging configuration — a Python dictConfig
// dictionary in YAML or JSON — and checks it, so that every mistake is
// reported with its file:line:col before any code is generated.
//
// Load returns a Config: the formatters, filters, handlers and loggers of the
// file with their values converted and cross-references checked, and every
// format string already parsed (pyfmt.Format). The gen package turns a Config
// into Go code; nothing in model writes code.
package model

import (
	"fmt"

	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// A Pos is a position in a configuration file. Line and Col count from 1.
type Pos struct {
	File string
	Line int
	Col  int
}

// String returns "file:line:col".
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// A Config is one checked logging configuration.
type Config struct {
	// Source is the configuration file's name as given to Load.
	Source string
	// Incremental is the file's incremental key: only levels and propagate
	// are applied.
	Incremental bool
	// DisableExistingLoggers is the file's disable_existing_loggers key
	// (default true).
	DisableExistingLoggers bool

	// HandlersInFileOrder reports that handlers are created in the order
	// the file lists them, as fileConfig does; dictConfig creates them
	// sorted by id. The order decides the order of Shutdown.
	HandlersInFileOrder bool

	Formatters []*Formatter // in document order
	Filters    []*Filter    // in document order
	Handlers   []*Handler   // in document order
	Loggers    []*Logger    // in document order; "" is the root logger
	Root       *Logger      // the root key, nil when absent or empty

	// Warnings are things Python accepts that are probably not what was
	// meant, sorted by position: keys Python ignores, values it takes by
	// their truth. They do not stop generation (loggen -strict makes them
	// errors).
	Warnings ErrorList

	// Extras lists the record attributes that formats reference but that
	// are not standard LogRecord attributes (Python's extra={...}), sorted by
	// name, each with the Go type its uses imply.
	Extras []*Extra

	// Context lists the attributes of loggen's context section, in file
	// order: record attributes that Go functions read from the context of
	// each log call. Formats print them by name; they are not Extras.
	Context []*ContextAttr
}

// A Formatter is one entry of the formatters section.
type Formatter struct {
	ID      string
	Pos     Pos
	Format  *pyfmt.Format  // never nil: a missing format is the style's default
	Datefmt *pyfmt.Datefmt // nil: the default asctime, "2006-01-02 15:04:05,000"
	// Defaults are the values of fields that a record lacks (Python's
	// Formatter(defaults=...)), in file order; see Default.
	Defaults []Default
	// Factory is the Go function that '()' names; Format and Datefmt are
	// then the defaults and unused.
	Factory *Factory
	// Class is the formatter class of another Python package that '()' or
	// class names (FormatterClasses), or nil for logging.Formatter.
	Class *FormatterClass
	// Options are Class's keyword arguments that the entry gives (with
	// '()' only: with class, Python passes none), in the order of
	// Class.Keys.
	Options []Option
}

// A Filter is one entry of the filters section: a logging.Filter that passes
// records of the logger Name and its descendants.
type Filter struct {
	ID   string
	Pos  Pos
	Name string
	// Factory is the Go function that '()' names; Name is then unused.
	Factory *Factory
}

// A Level is a level setting in the configuration.
type Level struct {
	Set   bool // the key is present
	Level level.Level
	Pos   Pos
}

// A Handler is one entry of the handlers section.
type Handler struct {
	ID    string
	Pos   Pos
	Class *HandlerClass // the resolved class; nil when Factory is set
	// Factory is the Go function that '()' or class names; Options is then
	// empty.
	Factory   *Factory
	Level     Level
	Formatter string   // formatter id, "" for the default formatter
	Filters   []string // filter ids
	// Options holds the class's keyword arguments that the file sets, in
	// the order of Class.Keys.
	Options []Option
	// Attrs are the '.' attributes of a standard class (a StreamHandler's
	// terminator).
	Attrs []Attr
}

// Option returns the option named key and whether the file sets it.
func (h *Handler) Option(key string) (Option, bool) {
	for _, o := range h.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// An Option is one keyword argument of a handler, converted to its key's type.
type Option struct {
	Key   string
	Pos   Pos
	Value any // string, int64, float64, bool, []string, Stream, *GoRef or level.Level, per the key's Type
}

// A GoRef is an ext://importpath.Name reference to a Go package-level
// variable or function, checked by type.
type GoRef struct {
	Pkg  string // import path
	Name string
	// Call reports that Name is a function without parameters whose
	// result is the value: the generated code calls it.
	Call bool
	Pos  Pos
}

// An Attr is one key of a '.' mapping: an attribute set after the handler,
// formatter or filter is made, as dictConfig does with setattr.
type Attr struct {
	Key string
	// Field is the exported struct field the key sets, or Setter the
	// method (SetXxx) the generated code calls with the value.
	Field  string
	Setter string
	Pos    Pos
	Value  any // as FactoryParam.Value
}

// A Stream is an ext:// reference to a standard stream.
type Stream string

// The streams a StreamHandler can write to.
const (
	Stdout Stream = "stdout"
	Stderr Stream = "stderr"
)

// A Logger is one entry of the loggers section, or the root key.
type Logger struct {
	Name      string // "" for the root logger
	Pos       Pos
	Level     Level
	Propagate *bool    // nil when not given (true)
	Filters   []string // filter ids
	Handlers  []string // handler ids
}

// An Extra is a record attribute that a format references but that is not a
// standard LogRecord attribute: the program passes it with each record, and
// the generated code gives it a typed Go parameter.
type Extra struct {
	Name string
	Type pyfmt.FieldType
	Pos  Pos // first use
}
