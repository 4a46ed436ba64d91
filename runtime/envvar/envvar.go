// Package envvar reads the values of a logging configuration that come from
// the environment: a configuration file's env://NAME or env://NAME:-default,
// the analogue of ext:// and cfg:// for environment variables.
//
// The generator checks each such value when it generates code (the
// syntax, that the key takes it, and that the default is a value of the
// key's type) and writes a Var; generated code reads the variable when the
// configuration is applied, with the same parser (Type.Parse), and an
// unset variable without a default, or a text that does not parse, is an
// *Error that names the variable, the key and the value's place in the
// configuration file.
//
// The syntax is one form only: env://NAME, where NAME is
// [A-Za-z_][A-Za-z0-9_]*, or env://NAME:-default, where the default is
// everything after ":-" (possibly nothing). As in the shell's ${NAME:-default},
// the default applies when the variable is unset or empty. A value is the
// whole text of the variable: nothing is interpolated into other text, and
// ${NAME} is not read.
//
// The package imports nothing of loggen but the level package, so that the
// generator shares it without linking the runtime.
package envvar

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/loggen/loggen/runtime/level"
)

// Prefix starts every environment value of a configuration.
const Prefix = "env://"

// A Type is what a key takes, and so how the text of a variable is read.
type Type uint8

// The types of values.
const (
	TypeString     Type = iota + 1 // any text, the empty text included
	TypePath                       // a file name: any text but the empty text
	TypeInt                        // an integer in decimal: 42, -1, +7
	TypePort                       // a port number: an integer from 0 to 65535
	TypePositive                   // an integer above 0
	TypeBool                       // true, yes, on, 1 or false, no, off, 0, in any case
	TypeLevel                      // a registered level name (case-sensitive) or an integer
	TypeSeconds                    // a number of seconds above 0: 2.5, 10
	TypeHostPort                   // "host", "host:port" or "[v6 address]:port"
	TypeFileMode                   // a file's mode: a (append), w (truncate) or x (create)
	TypeWhen                       // a rollover interval: S, M, H, D, midnight or W0 to W6, in any case
	TypeHTTPMethod                 // GET or POST, in any case
	TypeURLPath                    // a path that starts with "/"
)

// MaxSeconds is the largest whole number of seconds that a time.Duration
// holds: the most a TypeSeconds value may be.
const MaxSeconds = float64(math.MaxInt64 / int64(time.Second))

// Want returns what a value of type t is, as messages complete "expected ...".
func (t Type) Want() string {
	switch t {
	case TypeString:
		return "a string"
	case TypePath:
		return "a file name (not empty)"
	case TypeInt:
		return "an integer in decimal"
	case TypePort:
		return "a port number from 0 to 65535"
	case TypePositive:
		return "an integer above 0"
	case TypeBool:
		return "a boolean: true or false (also yes/no, on/off, 1/0, in any case)"
	case TypeLevel:
		return "a level name (" + strings.Join(level.Names(), ", ") + ") or an integer"
	case TypeSeconds:
		return fmt.Sprintf("a number of seconds above 0 (at most %.0f)", MaxSeconds)
	case TypeHostPort:
		return `a host name, "host:port" or "[address]:port"`
	case TypeFileMode:
		return `"a" (append), "w" (truncate) or "x" (create)`
	case TypeWhen:
		return "a rollover interval: S, M, H, D, midnight or W0 (Monday) to W6 (Sunday), in any case"
	case TypeHTTPMethod:
		return `"GET" or "POST", in any case`
	case TypeURLPath:
		return `a path starting with "/"`
	}
	return fmt.Sprintf("a value of unknown type %d", t)
}

// Parse reads s as a value of type t: a string for TypeString, TypePath,
// TypeHostPort, TypeFileMode, TypeWhen, TypeHTTPMethod and TypeURLPath
// (as it is: the handler reads the case it is in), an int64 for TypeInt, TypePort and TypePositive, a bool,
// a level.Level, or a float64 for TypeSeconds. It reports whether s is one.
func (t Type) Parse(s string) (any, bool) {
	switch t {
	case TypeString:
		return s, true
	case TypePath:
		return s, s != ""
	case TypeInt, TypePort, TypePositive:
		i, err := strconv.ParseInt(s, 10, 64)
		switch {
		case err != nil:
			return nil, false
		case t == TypePort && (i < 0 || i > 65535):
			return nil, false
		case t == TypePositive && i <= 0:
			return nil, false
		}
		return i, true
	case TypeBool:
		switch strings.ToLower(s) {
		case "true", "yes", "on", "1":
			return true, true
		case "false", "no", "off", "0":
			return false, true
		}
		return nil, false
	case TypeLevel:
		if l, ok := level.Parse(s); ok {
			return l, true
		}
		i, err := strconv.ParseInt(s, 10, 0)
		if err != nil {
			return nil, false
		}
		return level.Level(i), true
	case TypeSeconds:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || !(f > 0) || f > MaxSeconds {
			return nil, false
		}
		return f, true
	case TypeHostPort:
		return s, hostPortOK(s)
	case TypeFileMode:
		return s, s == "a" || s == "w" || s == "x"
	case TypeWhen:
		switch w := strings.ToUpper(s); w {
		case "S", "M", "H", "D", "MIDNIGHT":
			return s, true
		default:
			return s, len(w) == 2 && w[0] == 'W' && w[1] >= '0' && w[1] <= '6'
		}
	case TypeHTTPMethod:
		m := strings.ToUpper(s)
		return s, m == "GET" || m == "POST"
	case TypeURLPath:
		return s, strings.HasPrefix(s, "/")
	}
	return nil, false
}

// hostPortOK accepts "host", "host:port" and "[v6addr]:port" with a port
// from 0 to 65535, as the generator accepts a mailhost or an HTTP host.
func hostPortOK(s string) bool {
	if s == "" {
		return false
	}
	if _, p, ok := splitHostPort(s); ok {
		n, err := strconv.Atoi(p)
		return err == nil && n >= 0 && n <= 65535
	}
	return strings.Count(s, ":") != 1
}

// splitHostPort is net.SplitHostPort, which the generator uses, without
// the net package, which a program that logs to files should not link.
func splitHostPort(s string) (host, port string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", "", false
	}
	j, k := 0, 0
	if s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 || end+1 != i {
			return "", "", false
		}
		host, j, k = s[1:end], 1, end+1
	} else {
		host = s[:i]
		if strings.IndexByte(host, ':') >= 0 {
			return "", "", false
		}
	}
	if strings.IndexByte(s[j:], '[') >= 0 || strings.IndexByte(s[k:], ']') >= 0 {
		return "", "", false
	}
	return host, s[i+1:], true
}

// Duration converts a number of seconds to a time.Duration, rounded to the
// nanosecond, as a TypeSeconds value sets a duration.
func Duration(seconds float64) time.Duration {
	return time.Duration(math.Round(seconds * 1e9))
}

// A Var is one environment value of a configuration.
type Var struct {
	// Name is the environment variable.
	Name string
	// Default is the text after ":-", used when the variable is unset or
	// empty; HasDefault reports that there is one (it may be empty).
	Default    string
	HasDefault bool
	// Type says how the text is read.
	Type Type
	// Key names what the value sets, as the generator's messages name it:
	// `handler "file": maxBytes`, "root: level".
	Key string
	// Pos is the place of the value in the configuration file,
	// "logging.yaml:12:15".
	Pos string
}

// String returns the value as the configuration writes it:
// env://NAME or env://NAME:-default.
func (v Var) String() string {
	if v.HasDefault {
		return Prefix + v.Name + ":-" + v.Default
	}
	return Prefix + v.Name
}

// A SyntaxError is a value that starts with env:// but is neither
// env://NAME nor env://NAME:-default.
type SyntaxError struct {
	Off int // the byte offset in the value of what is wrong
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

// ParseRef reads s, a value that starts with env://, into the Name,
// Default and HasDefault of a Var. ok is false when s does not start with
// env:// (it is then no environment value); err says what is wrong with
// one that does.
func ParseRef(s string) (v Var, ok bool, err *SyntaxError) {
	rest, ok := strings.CutPrefix(s, Prefix)
	if !ok {
		return Var{}, false, nil
	}
	n := 0
	for n < len(rest) && (rest[n] == '_' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= 'a' && rest[n] <= 'z' || n > 0 && rest[n] >= '0' && rest[n] <= '9') {
		n++
	}
	name, tail := rest[:n], rest[n:]
	off := len(Prefix) + n
	bad := fmt.Sprintf("%s: a variable name is letters, digits and _, not starting with a digit", strconv.Quote(s))
	switch {
	case name == "" && strings.HasPrefix(tail, "{"):
		return Var{}, true, &SyntaxError{off, fmt.Sprintf("%s: write env://NAME or env://NAME:-default, without braces", strconv.Quote(s))}
	case name == "" && tail == "":
		return Var{}, true, &SyntaxError{off, fmt.Sprintf("%s names no variable: write env://NAME or env://NAME:-default", strconv.Quote(s))}
	case name == "":
		return Var{}, true, &SyntaxError{off, bad}
	case tail == "":
		return Var{Name: name}, true, nil
	case strings.HasPrefix(tail, ":-"):
		return Var{Name: name, Default: tail[2:], HasDefault: true}, true, nil
	case strings.HasPrefix(tail, ":"):
		return Var{}, true, &SyntaxError{off, fmt.Sprintf("%s: a default follows \":-\", as in env://%s:-default", strconv.Quote(s), name)}
	}
	hint := ""
	if tail[0] == '-' {
		hint = fmt.Sprintf(" (a default follows \":-\", as in env://%s:-default)", name)
	}
	return Var{}, true, &SyntaxError{off, fmt.Sprintf("%s, and %s is not one%s", bad, strconv.Quote(name+firstRune(tail)), hint)}
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// An Error is an environment value that cannot be read when the
// configuration is applied: the variable is unset (or empty) with no
// default, or its text is not a value of the key's type.
type Error struct {
	Var Var
	// Unset reports that the variable is not set; Empty that it is set to
	// the empty text. Otherwise Text is what it holds.
	Unset, Empty bool
	Text         string
	// Range, if not empty, says which values the Go field takes, for an
	// integer that does not fit it.
	Range string
}

// Error says where the value is, which variable it reads, what was wrong
// and what was expected:
//
//	logging.yaml:12:15: handler "file": maxBytes: environment variable LOG_MAX_BYTES is "1e6": expected an integer in decimal
func (e *Error) Error() string {
	var b strings.Builder
	if e.Var.Pos != "" {
		b.WriteString(e.Var.Pos + ": ")
	}
	if e.Var.Key != "" {
		b.WriteString(e.Var.Key + ": ")
	}
	b.WriteString("environment variable " + e.Var.Name)
	switch {
	case e.Unset:
		b.WriteString(" is not set, and " + e.Var.String() + " gives no default")
	case e.Empty:
		b.WriteString(" is empty, and " + e.Var.String() + " gives no default")
	default:
		b.WriteString(" is " + quote(e.Text))
	}
	if e.Range != "" {
		b.WriteString(": out of range: expected an integer from " + e.Range)
	} else {
		b.WriteString(": expected " + e.Var.Type.Want())
	}
	if e.Var.Type == TypeLevel && !e.Unset && !e.Empty {
		if _, ok := level.Parse(strings.ToUpper(e.Text)); ok {
			b.WriteString(fmt.Sprintf(" (level names are case-sensitive: %s)", strconv.Quote(strings.ToUpper(e.Text))))
		}
	}
	return b.String()
}

// quote quotes s for a message, shortening long texts.
func quote(s string) string {
	const n = 72
	if r := []rune(s); len(r) > n {
		s = string(r[:n]) + "..."
	}
	return strconv.Quote(s)
}

// Text returns the text the value has now: the variable's, or the default
// when the variable is unset or empty. It is an *Error when neither gives
// one: the variable is unset with no default, or empty with no default for
// a type that takes no empty text.
func (v Var) Text() (string, error) {
	s, set := os.LookupEnv(v.Name)
	switch {
	case set && s != "":
		return s, nil
	case v.HasDefault:
		return v.Default, nil
	case !set:
		return "", &Error{Var: v, Unset: true}
	case v.Type == TypeString:
		return "", nil
	}
	return "", &Error{Var: v, Empty: true}
}

// Value returns the value as its Type reads it (see Type.Parse).
func (v Var) Value() (any, error) {
	s, err := v.Text()
	if err != nil {
		return nil, err
	}
	x, ok := v.Type.Parse(s)
	if !ok {
		return nil, &Error{Var: v, Text: s}
	}
	return x, nil
}

// Resolve reads v as a configuration file applied at run time gives it
// (a file that a watcher reloads): if v is a string that starts with
// env://, it returns the value of the variable read as t reads it, and
// isEnv true; otherwise v itself. The caller's message names the key.
func Resolve(v any, t Type) (x any, isEnv bool, err error) {
	s, ok := v.(string)
	if !ok {
		return v, false, nil
	}
	ref, ok, serr := ParseRef(s)
	if !ok {
		return v, false, nil
	}
	if serr != nil {
		return nil, true, serr
	}
	ref.Type = t
	x, err = ref.Value()
	return x, true, err
}

// typeError is the error of a setter given a Var of a type it cannot set:
// a mistake of the code that calls it, not of the environment.
func typeError(v Var, what string) error {
	return fmt.Errorf("%s: %s: loggen: a %s value cannot set %s (regenerate the code with this version of loggen)", v.Pos, v.Key, v.Type.Want(), what)
}

// SetString sets *dst to the value of v, of type TypeString, TypePath,
// TypeHostPort, TypeFileMode, TypeWhen, TypeHTTPMethod or TypeURLPath. On
// error *dst is unchanged.
func SetString[T ~string](dst *T, v Var) error {
	x, err := v.Value()
	if err != nil {
		return err
	}
	s, ok := x.(string)
	if !ok {
		return typeError(v, "a string")
	}
	*dst = T(s)
	return nil
}

// SetBool sets *dst to the value of v, of type TypeBool.
func SetBool[T ~bool](dst *T, v Var) error {
	x, err := v.Value()
	if err != nil {
		return err
	}
	b, ok := x.(bool)
	if !ok {
		return typeError(v, "a boolean")
	}
	*dst = T(b)
	return nil
}

// An integer is a Go integer type that SetInt sets.
type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// SetInt sets *dst to the value of v, of type TypeInt, TypePort or
// TypePositive; a value that does not fit T is an *Error.
func SetInt[T integer](dst *T, v Var) error {
	x, err := v.Value()
	if err != nil {
		return err
	}
	i, ok := x.(int64)
	if !ok {
		return typeError(v, "an integer")
	}
	t := T(i)
	if int64(t) != i || (t < 0) != (i < 0) {
		s, _ := v.Text()
		return &Error{Var: v, Text: s, Range: intRange[T]()}
	}
	*dst = t
	return nil
}

// intRange returns "MIN to MAX" for the integer type T.
func intRange[T integer]() string {
	bits := 64
	for b := 8; b < 64; b *= 2 {
		if T(1)<<b == 0 {
			bits = b
			break
		}
	}
	var zero T
	if ^zero < 0 { // signed
		return fmt.Sprintf("%d to %d", -int64(1)<<(bits-1), int64(^uint64(0)>>(65-bits)))
	}
	return fmt.Sprintf("0 to %d", ^uint64(0)>>(64-bits))
}

// SetLevel sets *dst to the value of v, of type TypeLevel.
func SetLevel(dst *level.Level, v Var) error {
	x, err := v.Value()
	if err != nil {
		return err
	}
	l, ok := x.(level.Level)
	if !ok {
		return typeError(v, "a level")
	}
	*dst = l
	return nil
}

// SetDuration sets *dst to the value of v, of type TypeSeconds: a number
// of seconds (see Duration).
func SetDuration(dst *time.Duration, v Var) error {
	x, err := v.Value()
	if err != nil {
		return err
	}
	f, ok := x.(float64)
	if !ok {
		return typeError(v, "a duration")
	}
	*dst = Duration(f)
	return nil
}

// String returns the name of t's constant, "TypeInt", as generated code
// writes it.
func (t Type) String() string {
	switch t {
	case TypeString:
		return "TypeString"
	case TypePath:
		return "TypePath"
	case TypeInt:
		return "TypeInt"
	case TypePort:
		return "TypePort"
	case TypePositive:
		return "TypePositive"
	case TypeBool:
		return "TypeBool"
	case TypeLevel:
		return "TypeLevel"
	case TypeSeconds:
		return "TypeSeconds"
	case TypeHostPort:
		return "TypeHostPort"
	case TypeFileMode:
		return "TypeFileMode"
	case TypeWhen:
		return "TypeWhen"
	case TypeHTTPMethod:
		return "TypeHTTPMethod"
	case TypeURLPath:
		return "TypeURLPath"
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Setter returns the name of the function that sets a Go field from a
// value of type t ("SetInt"), as generated code calls it.
func (t Type) Setter() string {
	switch t {
	case TypeString, TypePath, TypeHostPort, TypeFileMode, TypeWhen, TypeHTTPMethod, TypeURLPath:
		return "SetString"
	case TypeInt, TypePort, TypePositive:
		return "SetInt"
	case TypeBool:
		return "SetBool"
	case TypeLevel:
		return "SetLevel"
	case TypeSeconds:
		return "SetDuration"
	}
	return ""
}
