package runtime

import (
	"errors"
	"fmt"
	"io"
	"sync"
)

// BasicConfigOptions are the keyword arguments of Python's
// logging.basicConfig.
type BasicConfigOptions struct {
	// Filename makes the handler a FileHandler of that file (Python's
	// filename); it excludes Stream and Handlers.
	Filename string
	// Filemode is the file's mode: "a" (the default) or "w".
	Filemode string
	// Format is the format of the handlers' formatter; "" is the style's
	// default, "%(levelname)s:%(name)s:%(message)s".
	Format string
	// Datefmt is the formatter's datefmt.
	Datefmt string
	// Style is the format's style, '%' (the default), '{' or '$'.
	Style byte
	// Level, if not zero, is set on the root logger. (Python's default,
	// None, leaves the level; Go's zero value does too, so NOTSET cannot
	// be set here: call Root().SetLevel(NOTSET).)
	Level Level
	// Stream makes the handler a StreamHandler writing to it (Python's
	// stream); with neither Filename nor Stream nor Handlers the handler
	// writes to the standard error of the moment.
	Stream io.Writer
	// Handlers are attached to the root logger instead; those without a
	// formatter get the formatter made from Format.
	Handlers []Handler
	// Force removes and closes the root logger's handlers first; without
	// it, BasicConfig does nothing if the root logger has handlers.
	Force bool
	// Encoding and Errors are the file's; loggen writes UTF-8 (see
	// FileOptions).
	Encoding string
	Errors   string
}

// basicMu serializes BasicConfig, as Python's module lock does.
var basicMu sync.Mutex

// BasicConfig does what Python's logging.basicConfig does: if the root
// logger has no handler (or Force is set, after removing and closing its
// handlers), it attaches a handler, a StreamHandler on the standard error
// by default, a FileHandler with Filename, or Handlers, gives the handlers
// that have none a formatter made from Format, Datefmt and Style, and sets
// the root logger's Level. It returns Python's errors for options that
// exclude each other, and the formatter's or the file's errors; then
// nothing changes.
func BasicConfig(o BasicConfigOptions) error {
	basicMu.Lock()
	defer basicMu.Unlock()
	root := tree.root
	if o.Force {
		for _, h := range root.Handlers() {
			root.RemoveHandler(h)
			h.Close()
		}
	}
	if len(root.Handlers()) > 0 {
		return nil
	}
	if o.Handlers == nil {
		if o.Stream != nil && o.Filename != "" {
			return errors.New("'stream' and 'filename' should not be specified together")
		}
	} else if o.Stream != nil || o.Filename != "" {
		return errors.New("'stream' or 'filename' should not be specified together with 'handlers'")
	}
	style := o.Style
	if style == 0 {
		style = '%'
	}
	if style != '%' && style != '{' && style != '$' {
		return fmt.Errorf("Style must be one of: %%,{,$")
	}
	f, err := NewFormatter(o.Format, FormatterOptions{Datefmt: o.Datefmt, Style: style, NoValidate: o.Format == ""})
	if err != nil {
		return err
	}
	if o.Format == "" {
		// Python's default for each style: BASIC_FORMAT and its kin.
		f, _ = NewFormatter(map[byte]string{'%': "%(levelname)s:%(name)s:%(message)s",
			'{': "{levelname}:{name}:{message}", '$': "${levelname}:${name}:${message}"}[style],
			FormatterOptions{Datefmt: o.Datefmt, Style: style})
	}
	handlers := o.Handlers
	if handlers == nil {
		var h Handler
		if o.Filename != "" {
			mode := o.Filemode
			if mode == "" {
				mode = "a"
			}
			fh, err := NewFileHandler(FileOptions{Filename: o.Filename, Mode: mode, Encoding: o.Encoding})
			if err != nil {
				return err
			}
			h = fh
		} else if o.Stream != nil {
			h = NewStreamHandler(o.Stream)
		} else {
			h = NewStreamHandler(nil) // StreamHandler(None): the stderr of now
		}
		handlers = []Handler{h}
	}
	for _, h := range handlers {
		if s, ok := h.(interface {
			hasFormatter() bool
			SetFormatter(Formatter)
		}); ok && !s.hasFormatter() {
			s.SetFormatter(f)
		}
		root.AddHandler(h)
	}
	if o.Level != NOTSET {
		root.SetLevel(o.Level)
	}
	return nil
}

// hasFormatter reports whether a formatter was set.
func (h *HandlerBase) hasFormatter() bool { return h.formatter != nil }

// The module-level functions of Python's logging package: they log on the
// root logger, after calling BasicConfig with no options if the root
// logger has no handler, as Python's do.

// basicIfNeeded is what Python's module-level functions do first.
func basicIfNeeded() {
	if len(tree.root.route.Load().handlers) == 0 {
		BasicConfig(BasicConfigOptions{})
	}
}

// Debug logs msg at DEBUG on the root logger (Python's logging.debug).
func Debug(msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(DEBUG) {
		tree.root.log(1, DEBUG, nil, nil, msg, nil)
	}
}

// Info logs msg at INFO on the root logger (Python's logging.info).
func Info(msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(INFO) {
		tree.root.log(1, INFO, nil, nil, msg, nil)
	}
}

// Warning logs msg at WARNING on the root logger (Python's
// logging.warning).
func Warning(msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(WARNING) {
		tree.root.log(1, WARNING, nil, nil, msg, nil)
	}
}

// Error logs msg at ERROR on the root logger (Python's logging.error).
func Error(msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(ERROR) {
		tree.root.log(1, ERROR, nil, nil, msg, nil)
	}
}

// Critical logs msg at CRITICAL on the root logger (Python's
// logging.critical).
func Critical(msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(CRITICAL) {
		tree.root.log(1, CRITICAL, nil, nil, msg, nil)
	}
}

// Exception logs msg at ERROR with err on the root logger (Python's
// logging.exception).
func Exception(err error, msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(ERROR) {
		tree.root.log(1, ERROR, err, nil, msg, nil)
	}
}

// Log logs msg at level on the root logger (Python's logging.log).
func Log(level Level, msg string) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(level) {
		tree.root.log(1, level, nil, nil, msg, nil)
	}
}

// Debugf logs format % args at DEBUG on the root logger (see
// Logger.Debugf).
func Debugf(format string, args ...any) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(DEBUG) {
		tree.root.log(1, DEBUG, nil, nil, format, args)
	}
}

// Infof logs format % args at INFO on the root logger.
func Infof(format string, args ...any) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(INFO) {
		tree.root.log(1, INFO, nil, nil, format, args)
	}
}

// Warningf logs format % args at WARNING on the root logger.
func Warningf(format string, args ...any) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(WARNING) {
		tree.root.log(1, WARNING, nil, nil, format, args)
	}
}

// Errorf logs format % args at ERROR on the root logger.
func Errorf(format string, args ...any) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(ERROR) {
		tree.root.log(1, ERROR, nil, nil, format, args)
	}
}

// Criticalf logs format % args at CRITICAL on the root logger.
func Criticalf(format string, args ...any) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(CRITICAL) {
		tree.root.log(1, CRITICAL, nil, nil, format, args)
	}
}

// Logf logs format % args at level on the root logger.
func Logf(level Level, format string, args ...any) {
	basicIfNeeded()
	if tree.root.IsEnabledFor(level) {
		tree.root.log(1, level, nil, nil, format, args)
	}
}

// An Adapter logs through a logger with extra record attributes attached
// to every record: Python's logging.LoggerAdapter(logger, extra). It is a
// small value; make one where it is needed.
type Adapter struct {
	l      *Logger
	fields []Field
}

// NewAdapter returns an Adapter that logs through l with fields.
func NewAdapter(l *Logger, fields ...Field) Adapter { return Adapter{l, fields} }

// Logger returns the adapter's logger.
func (a Adapter) Logger() *Logger { return a.l }

// Debug logs msg at DEBUG with the adapter's fields.
func (a Adapter) Debug(msg string) { a.l.LogExtra(1, DEBUG, nil, a.fields, msg) }

// Info logs msg at INFO with the adapter's fields.
func (a Adapter) Info(msg string) { a.l.LogExtra(1, INFO, nil, a.fields, msg) }

// Warning logs msg at WARNING with the adapter's fields.
func (a Adapter) Warning(msg string) { a.l.LogExtra(1, WARNING, nil, a.fields, msg) }

// Error logs msg at ERROR with the adapter's fields.
func (a Adapter) Error(msg string) { a.l.LogExtra(1, ERROR, nil, a.fields, msg) }

// Critical logs msg at CRITICAL with the adapter's fields.
func (a Adapter) Critical(msg string) { a.l.LogExtra(1, CRITICAL, nil, a.fields, msg) }

// Exception logs msg at ERROR with err and the adapter's fields.
func (a Adapter) Exception(err error, msg string) { a.l.LogExtra(1, ERROR, err, a.fields, msg) }

// Log logs msg at level with the adapter's fields.
func (a Adapter) Log(level Level, msg string) { a.l.LogExtra(1, level, nil, a.fields, msg) }

// Debugf logs format % args at DEBUG with the adapter's fields.
func (a Adapter) Debugf(format string, args ...any) {
	a.l.LogExtra(1, DEBUG, nil, a.fields, format, args...)
}

// Infof logs format % args at INFO with the adapter's fields.
func (a Adapter) Infof(format string, args ...any) {
	a.l.LogExtra(1, INFO, nil, a.fields, format, args...)
}

// Warningf logs format % args at WARNING with the adapter's fields.
func (a Adapter) Warningf(format string, args ...any) {
	a.l.LogExtra(1, WARNING, nil, a.fields, format, args...)
}

// Errorf logs format % args at ERROR with the adapter's fields.
func (a Adapter) Errorf(format string, args ...any) {
	a.l.LogExtra(1, ERROR, nil, a.fields, format, args...)
}

// Criticalf logs format % args at CRITICAL with the adapter's fields.
func (a Adapter) Criticalf(format string, args ...any) {
	a.l.LogExtra(1, CRITICAL, nil, a.fields, format, args...)
}

// Exceptionf logs format % args at ERROR with err and the adapter's
// fields.
func (a Adapter) Exceptionf(err error, format string, args ...any) {
	a.l.LogExtra(1, ERROR, err, a.fields, format, args...)
}

// Logf logs format % args at level with the adapter's fields.
func (a Adapter) Logf(level Level, format string, args ...any) {
	a.l.LogExtra(1, level, nil, a.fields, format, args...)
}
