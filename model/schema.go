package model

import (
	"fmt"
	"strings"
)

// A HandlerClass is a handler class that loggen implements: its canonical
// Python name and the keyword arguments its constructor takes. A handler
// entry's keys other than class, level, formatter and filters are checked
// against Keys. Supporting a new class is one more entry in handlerClasses
// (and its emitter in gen).
type HandlerClass struct {
	Name string // canonical, e.g. "logging.FileHandler"
	Keys []Key  // keyword arguments, in the constructor's order
}

// Key returns the keyword argument named name and whether the class takes it.
func (c *HandlerClass) Key(name string) (*Key, bool) {
	for i := range c.Keys {
		if c.Keys[i].Name == name {
			return &c.Keys[i], true
		}
	}
	return nil, false
}

// A Key is one keyword argument of a handler class.
type Key struct {
	Name     string
	Type     KeyType
	Required bool
	// Check, if not nil, further checks a value already converted to Type
	// and returns what is wrong with it, or "".
	Check func(v any) string
}

// A KeyType says what a keyword argument holds, and so which Go type
// Option.Value has.
type KeyType int

// The key types.
const (
	KeyString        KeyType = iota // string
	KeyInt                          // int64
	KeyFloat                        // float64 (an integer is accepted)
	KeyBool                         // bool
	KeyStream                       // Stream: ext://sys.stdout or ext://sys.stderr
	KeyLevel                        // level.Level: a level name or an integer
	KeyStringList                   // []string
	KeyHandlerID                    // string: the id of another handler
	KeyHandlerIDList                // []string: ids of other handlers
	KeyAddress                      // Address: Python's [host, port] list, or a string
	KeyNameOrInt                    // string: a name, or an integer written in decimal
)

// An Address is a network address given as Python's (host, port) pair, or
// a string (Host empty) such as a unix socket path.
type Address struct {
	Host string
	Port int64
	Str  string
}

// handlerClasses are the classes loggen implements. A class kept in a file
// of its own adds itself from an init function; LookupHandlerClass prefers
// this table to unsupportedClasses.
var handlerClasses = []*HandlerClass{
	{
		Name: "logging.StreamHandler",
		Keys: []Key{
			{Name: "stream", Type: KeyStream}, // default Stderr
		},
	},
	{
		Name: "logging.FileHandler",
		Keys: []Key{
			{Name: "filename", Type: KeyString, Required: true},
			{Name: "mode", Type: KeyString, Check: checkMode},
			{Name: "encoding", Type: KeyString, Check: checkEncoding},
			{Name: "delay", Type: KeyBool},
			{Name: "errors", Type: KeyString, Check: checkErrors},
		},
	},
	{
		Name: "logging.NullHandler",
	},
	{
		Name: "logging.handlers.RotatingFileHandler",
		Keys: []Key{
			{Name: "filename", Type: KeyString, Required: true},
			{Name: "mode", Type: KeyString, Check: checkMode},
			{Name: "maxBytes", Type: KeyInt},
			{Name: "backupCount", Type: KeyInt},
			{Name: "encoding", Type: KeyString, Check: checkEncoding},
			{Name: "delay", Type: KeyBool},
			{Name: "errors", Type: KeyString, Check: checkErrors},
		},
	},
	{
		Name: "logging.handlers.MemoryHandler",
		Keys: []Key{
			{Name: "capacity", Type: KeyInt, Required: true},
			{Name: "flushLevel", Type: KeyLevel}, // default ERROR
			{Name: "target", Type: KeyHandlerID},
			{Name: "flushOnClose", Type: KeyBool}, // default true
		},
	},
}

// unsupportedClasses are handler classes that exist in Python's logging and
// logging.handlers modules but that loggen does not implement yet.
var unsupportedClasses = []string{
	"logging.Handler",
	"logging.handlers.BaseRotatingHandler",
	"logging.handlers.BufferingHandler",
	"logging.handlers.NTEventLogHandler",
}

// LookupHandlerClass returns the class that name resolves to in Python, and
// whether loggen implements it. name may be spelled any way that
// DictConfigurator.resolve accepts: "logging.StreamHandler",
// "ext://logging.StreamHandler", "logging.handlers.logging.StreamHandler".
func LookupHandlerClass(name string) (*HandlerClass, bool) {
	canon, ok := canonicalName(name)
	if !ok {
		return nil, false
	}
	for _, c := range handlerClasses {
		if c.Name == canon {
			return c, true
		}
	}
	return nil, false
}

// knownClassNames returns the canonical names of every handler class, both
// the implemented and the unsupported ones, for suggestions.
func knownClassNames() []string {
	var names []string
	for _, c := range handlerClasses {
		names = append(names, c.Name)
	}
	for _, n := range unsupportedClasses {
		if _, ok := LookupHandlerClass(n); !ok {
			names = append(names, n)
		}
	}
	return names
}

// isUnsupportedClass reports whether canon names a Python handler class that
// loggen does not implement yet.
func isUnsupportedClass(canon string) bool {
	for _, n := range unsupportedClasses {
		if n == canon {
			return true
		}
	}
	return false
}

// canonicalName resolves a dotted class name the way Python's
// BaseConfigurator.resolve does (import the first component, then getattr
// or import each next one) within the logging package, and returns the
// class's canonical name, "module.Class". Spellings through module
// re-exports resolve too: logging.handlers and logging.config import
// logging, so "logging.handlers.logging.FileHandler" is logging.FileHandler.
// An "ext://" prefix, which dictConfig converts before resolving, is
// accepted as well. It reports false for names outside the logging package.
func canonicalName(name string) (string, bool) {
	name = strings.TrimPrefix(name, "ext://")
	parts := strings.Split(name, ".")
	if len(parts) < 2 || parts[0] != "logging" {
		return "", false
	}
	module := "logging"
	for _, p := range parts[1 : len(parts)-1] {
		switch {
		case module == "logging" && (p == "handlers" || p == "config"):
			module = "logging." + p
		case module != "logging" && p == "logging":
			module = "logging"
		default:
			return "", false
		}
	}
	class := parts[len(parts)-1]
	if class == "" || module == "logging.config" {
		return "", false
	}
	return module + "." + class, true
}

func checkMode(v any) string {
	switch v.(string) {
	case "a", "w", "x":
		return ""
	}
	return fmt.Sprintf(`expected "a" (append), "w" (truncate) or "x" (create), got %s`, quote(v.(string)))
}

func checkEncoding(v any) string {
	switch v.(string) {
	case "utf-8", "utf8", "UTF-8", "UTF8", "locale":
		return ""
	}
	return fmt.Sprintf("%s is not supported: loggen writes UTF-8 only (use utf-8 or leave encoding out)", quote(v.(string)))
}

func checkErrors(v any) string {
	if v.(string) == "strict" {
		return ""
	}
	return fmt.Sprintf(`%s is not supported: loggen handles only "strict" (leave errors out)`, quote(v.(string)))
}
