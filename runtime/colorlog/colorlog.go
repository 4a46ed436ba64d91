// Package colorlog is the run-time part of colorlog's ColoredFormatter
// (the Python package colorlog, 6.7.0; its formatter is unchanged through
// 6.9.0), which loggen compiles at generate time like logging.Formatter.
// Code generated for a configuration that names colorlog.ColoredFormatter
// imports it; nothing else does.
//
// colorlog adds escape codes to what a format can print: %(red)s,
// %(bold_blue)s, %(bg_white)s, %(fg_208)s, %(reset)s ..., %(log_color)s
// (the codes its log_colors give the record's level name) and
// %(<name>_log_color)s for each of its secondary_log_colors. The codes are
// constants, so the generator compiles each format twice: once with the
// codes (Options.Colored) and once with every code blank (Options.Plain),
// which is what colorlog prints when colours are off. A Formatter picks one
// of them for each record, as colorlog's _blank_escape_codes decides:
//
//  1. force_color, or FORCE_COLOR in the environment: colours;
//  2. else no_color, or NO_COLOR in the environment: no colours;
//  3. else a stream that is not a terminal: no colours;
//  4. else colours.
//
// The environment is read for each record, as colorlog reads os.environ,
// so a program that sets NO_COLOR with os.Setenv turns colours off from the
// next record on. Whether the stream is a terminal is asked once, when the
// formatter is made (colorlog asks on every record; the answer costs a
// system call and does not change while the stream stays the same).
package colorlog

import (
	"bytes"
	"io"
	"os"

	logging "github.com/loggen/loggen/runtime"
)

// Reset is colorlog's reset code (%(reset)s), which a Formatter appends to
// a coloured message that does not end with it, unless reset is false.
const Reset = "\x1b[0m"

// Options are the parts of a ColoredFormatter, as generated code gives
// them.
type Options struct {
	// Colored formats a record with its escape codes; Plain formats it
	// with every code blank. Plain may be nil when ForceColor is set,
	// which never blanks the codes.
	Colored, Plain logging.FormatFunc
	// Caller reports that the format prints the caller's file, line or
	// function, so that loggers capture the caller for it.
	Caller bool
	// NoTime reports that the format prints no time (asctime, created,
	// msecs, relativeCreated), so that loggers whose records meet only
	// such formats need not read the clock.
	NoTime bool
	// NoReset is colorlog's reset=False: no reset code is appended to
	// coloured messages.
	NoReset bool
	// Stream is colorlog's stream: when it is not a terminal
	// (logging.IsTerminal), colours are off unless forced. nil is
	// colorlog's default, None: no terminal check.
	Stream io.Writer
	// NoColor and ForceColor are colorlog's no_color and force_color;
	// ForceColor wins.
	NoColor, ForceColor bool
}

// A Formatter is colorlog's ColoredFormatter: it formats each record with
// escape codes or without them, per the rules of the package comment.
type Formatter struct {
	colored, plain logging.CompiledFormatter
	coloredFunc    logging.FormatFunc
	reset          bool
	noColor        bool
	forceColor     bool
	notTerminal    bool // Stream is set and is not a terminal
}

// New returns the formatter made of o. It asks once whether o.Stream is a
// terminal.
func New(o Options) *Formatter {
	f := &Formatter{
		coloredFunc: o.Colored,
		reset:       !o.NoReset,
		noColor:     o.NoColor,
		forceColor:  o.ForceColor || o.Plain == nil,
		notTerminal: o.Stream != nil && !logging.IsTerminal(o.Stream),
	}
	f.colored = logging.CompiledFormatter{Func: f.formatColored, Caller: o.Caller, NoTime: o.NoTime}
	f.plain = logging.CompiledFormatter{Func: o.Plain, Caller: o.Caller, NoTime: o.NoTime}
	return f
}

// Format implements logging.Formatter: it formats r with or without escape
// codes, then, as logging.Formatter does, appends the text of r's error.
func (f *Formatter) Format(b []byte, r *logging.Record) ([]byte, error) {
	if f.Colors() {
		return f.colored.Format(b, r)
	}
	return f.plain.Format(b, r)
}

// NeedsCaller reports whether the format prints caller information.
func (f *Formatter) NeedsCaller() bool { return f.colored.Caller }

// NeedsTime reports whether the format prints the record's time.
func (f *Formatter) NeedsTime() bool { return !f.colored.NoTime }

// Colors reports whether a record formatted now gets escape codes: the
// negation of colorlog's _blank_escape_codes.
func (f *Formatter) Colors() bool {
	if f.forceColor {
		return true
	}
	if _, ok := os.LookupEnv("FORCE_COLOR"); ok {
		return true
	}
	if f.noColor {
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return !f.notTerminal
}

// formatColored formats r with escape codes and appends the reset code
// when the message does not end with it (colorlog's _append_reset).
func (f *Formatter) formatColored(b []byte, r *logging.Record) ([]byte, error) {
	start := len(b)
	b, err := f.coloredFunc(b, r)
	if err != nil {
		return b, err
	}
	if f.reset && !bytes.HasSuffix(b[start:], []byte(Reset)) {
		b = append(b, Reset...)
	}
	return b, nil
}
