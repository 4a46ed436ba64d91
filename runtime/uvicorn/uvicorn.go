// Package uvicorn is the run-time part of uvicorn's formatters,
// uvicorn.logging.DefaultFormatter and AccessFormatter (uvicorn 0.17.6;
// they are unchanged through 0.35), which loggen compiles at generate time
// like logging.Formatter. Code generated for a configuration that names
// one of them imports it; nothing else does.
//
// Both formatters add the field levelprefix: the level name, coloured by
// level when colours are on, then a colon and spaces up to 9 characters
// ("INFO:     "). AccessFormatter reads the five arguments of uvicorn's
// access line, logged as
//
//	log.Infof(`%s - "%s %s HTTP/%s" %d`, clientAddr, method, fullPath, httpVersion, statusCode)
//
// (Python: logger.info('%s - "%s %s HTTP/%s" %d', client_addr, method,
// full_path, http_version, status_code)), and adds client_addr,
// request_line ("GET / HTTP/1.1", bold when colours are on) and
// status_code (the code and its HTTP phrase, "404 Not Found", coloured by
// class when colours are on). With colours on, a record with the extra
// attribute color_message (logging.String("color_message", ...)) prints
// color_message % args as its message, as uvicorn's own records do.
//
// Whether colours are on is decided when the formatter is made: use_colors
// true or false, or, when it is None, whether sys.stdout (os.Stdout) is a
// terminal then. The generator compiles the format with colours, without,
// or both, and New picks one.
package uvicorn

import (
	"os"

	logging "github.com/loggen/loggen/runtime"
)

// Options are the parts of a DefaultFormatter or AccessFormatter, as
// generated code gives them.
type Options struct {
	// Colored formats a record with colours, Plain without. One of them
	// is nil when use_colors is true or false.
	Colored, Plain logging.FormatFunc
	// Caller reports that the format prints the caller's file, line or
	// function, so that loggers capture the caller for it.
	Caller bool
	// NoTime reports that the format prints no time (asctime, created,
	// msecs, relativeCreated), so that loggers whose records meet only
	// such formats need not read the clock.
	NoTime bool
	// Access makes an AccessFormatter: each record's arguments must be
	// the five values of an access line, and status_code must convert to
	// an int, whatever the format prints, or the record fails to format.
	Access bool
}

// New returns the formatter made of o. When o has both formats, it asks
// now whether os.Stdout is a terminal, as uvicorn asks sys.stdout.isatty()
// when use_colors is None, and keeps the answer.
func New(o Options) logging.Formatter {
	colored := o.Colored != nil && (o.Plain == nil || logging.IsTerminal(os.Stdout))
	format := o.Plain
	if colored {
		format = o.Colored
	}
	if o.Access || colored {
		format = check(format, o.Access, colored)
	}
	return &logging.CompiledFormatter{Func: format, Caller: o.Caller, NoTime: o.NoTime}
}

// check returns format preceded by what uvicorn computes for every record
// before it formats anything, and which can fail: AccessFormatter's
// reading of the arguments (access), and, with colours on, the message
// made from color_message (colored).
func check(format logging.FormatFunc, access, colored bool) logging.FormatFunc {
	return func(b []byte, r *logging.Record) ([]byte, error) {
		if access {
			if err := accessArgs(r); err != nil {
				return b, err
			}
		}
		if colored {
			if _, ok := r.Lookup("color_message"); ok {
				if _, err := AppendColorMessage(nil, r); err != nil {
					return b, err
				}
			}
		}
		return format(b, r)
	}
}
