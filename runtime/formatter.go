package runtime

import (
	"fmt"
	"strings"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// FormatterOptions are the keyword arguments of Python's logging.Formatter
// besides the format.
type FormatterOptions struct {
	// Datefmt is the strftime format of asctime; "" is Python's default,
	// "2006-01-02 15:04:05,000".
	Datefmt string
	// Style is '%' (the default, also for 0), '{' or '$'.
	Style byte
	// NoValidate is Python's validate=False: the format need not name a
	// field. Errors Python would raise at every record are reported
	// either way.
	NoValidate bool
	// Defaults are the values of fields a record lacks (Python 3.10's
	// defaults): strings, integers, floats, booleans or nil.
	Defaults map[string]any
	// EscapeControl is loggen's escape_control: the control characters
	// of every value the format prints (not of its own text, nor of
	// asctime), and of the exception and stack after the message, are
	// escaped as pyfmt.EscapeControl escapes them, so a record is one
	// line whatever its message holds.
	EscapeControl bool
}

// A FormatError is why NewFormatter refused a format or datefmt: each
// mistake with its byte offset, with the messages the generator gives.
type FormatError struct {
	Format string // "format" or "datefmt"
	Text   string
	Errs   []pyfmt.FormatError
}

// Error returns the mistakes, one per line.
func (e *FormatError) Error() string {
	var b strings.Builder
	for i, fe := range e.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s %q: %v", e.Format, e.Text, fe)
	}
	return b.String()
}

// NewFormatter returns the formatter Python's logging.Formatter(format,
// datefmt, style, validate, defaults=...) makes, for code that builds its
// logging at run time (BasicConfig, a library's set_stream_logger helper).
// The format and datefmt are parsed and checked once, by the parser the
// generator uses (with its rules and messages); formatting a record runs
// the parsed form, with no parsing and, for a constant message, no
// allocation. Generated formatters, compiled into appends, stay faster.
// An empty format is the style's default, "%(message)s".
func NewFormatter(format string, o FormatterOptions) (*CompiledFormatter, error) {
	style := o.Style
	if style == 0 {
		style = '%'
	}
	f, errs := pyfmt.ParseFormat(format, style, !o.NoValidate)
	if len(errs) > 0 {
		return nil, &FormatError{Format: "format", Text: format, Errs: errs}
	}
	tf := &textFormatter{style: style, escape: o.EscapeControl}
	if o.Datefmt != "" {
		d, errs := pyfmt.ParseDatefmt(o.Datefmt)
		if len(errs) > 0 {
			return nil, &FormatError{Format: "datefmt", Text: o.Datefmt, Errs: errs}
		}
		tf.date = d
	}
	for _, s := range f.Segments {
		op := fieldOp{seg: s}
		if s.Field != "" {
			if v, ok := o.Defaults[s.Field]; ok {
				op.def, op.hasDef = pyfmt.AnyValue(v), true
				if _, err := pyfmt.AppendField(nil, style, s, op.def); err != nil {
					return nil, fmt.Errorf("format %q: defaults: %s cannot print %v: %v", format, s.Field, v, err)
				}
			}
			if _, ok := callerAttrs[s.Field]; ok && !s.Extra {
				tf.caller = true
			}
			op.plain = plainField(style, s)
		}
		tf.ops = append(tf.ops, op)
	}
	return &CompiledFormatter{Func: tf.format, Caller: tf.caller, EscapeControl: o.EscapeControl}, nil
}

// A textFormatter is the parsed form of a format: literal text and fields,
// formatted in turn.
type textFormatter struct {
	style  byte
	date   *pyfmt.Datefmt // nil: the default asctime
	ops    []fieldOp
	caller bool
	escape bool // EscapeControl
}

// A fieldOp is one segment of a format.
type fieldOp struct {
	seg    pyfmt.Segment
	plain  bool        // the field prints as str() prints it, with no spec
	def    pyfmt.Value // the default of an extra
	hasDef bool
}

// callerAttrs are the attributes that need the caller's frame.
var callerAttrs = map[string]bool{"pathname": true, "filename": true, "module": true, "funcName": true, "lineno": true}

// plainField reports whether the field s prints its value as str() does,
// with nothing to pad or convert.
func plainField(style byte, s pyfmt.Segment) bool {
	switch style {
	case '%':
		return s.Percent == pyfmt.PercentSpec{Verb: 's'}
	case '$':
		return true
	}
	return s.Conversion == 0 && s.Spec.IsZero()
}

func (tf *textFormatter) format(b []byte, r *Record) ([]byte, error) {
	for i := range tf.ops {
		op := &tf.ops[i]
		s := &op.seg
		if s.Field == "" {
			b = append(b, s.Literal...)
			continue
		}
		var err error
		start := len(b)
		switch {
		case s.Field == "asctime" && !s.Extra:
			b, err = tf.asctime(b, r, op)
		case s.Extra:
			v, ok := r.Lookup(s.Field)
			switch {
			case ok:
			case op.hasDef:
				v = op.def
			default:
				return b, MissingField(s.Field)
			}
			b, err = tf.field(b, op, v)
		case s.Field == "message":
			if op.plain {
				b, err = r.AppendMessage(b)
				break
			}
			var m string
			if m, err = r.Message(); err == nil {
				b, err = tf.field(b, op, pyfmt.StringValue(m))
			}
		default:
			b, err = tf.field(b, op, recordAttr(r, s.Field))
		}
		if err != nil {
			return b, err
		}
		if tf.escape && (s.Extra || s.Field != "asctime") {
			b = pyfmt.EscapeControl(b, start)
		}
	}
	return b, nil
}

// field appends the value of one field.
func (tf *textFormatter) field(b []byte, op *fieldOp, v pyfmt.Value) ([]byte, error) {
	if op.plain {
		return v.AppendStr(b), nil
	}
	return pyfmt.AppendField(b, tf.style, op.seg, v)
}

// asctime appends the record's time as the formatter's datefmt writes it,
// padded or converted as the field says.
func (tf *textFormatter) asctime(b []byte, r *Record, op *fieldOp) ([]byte, error) {
	start := len(b)
	tm := r.Tm()
	if tf.date == nil {
		b = pyfmt.AppendDefaultAsctime(b, tm, int(r.Msecs()))
	} else {
		for _, p := range tf.date.Parts {
			if p.Directive == 0 {
				b = append(b, p.Literal...)
			} else {
				b = tm.AppendDirective(b, p.Flag, p.Directive)
			}
		}
	}
	if op.plain {
		return b, nil
	}
	// Rare: the time's text is copied to format it as a str value.
	text := string(b[start:])
	return pyfmt.AppendField(b[:start], tf.style, op.seg, pyfmt.StringValue(text))
}

// recordAttr returns a LogRecord attribute of r as the Python value a
// format sees (see pyfmt.RecordAttr).
func recordAttr(r *Record, name string) pyfmt.Value {
	switch name {
	case "name":
		return pyfmt.StringValue(r.Name)
	case "msg":
		return pyfmt.StringValue(r.Msg)
	case "levelname":
		return pyfmt.StringValue(r.Level.String())
	case "levelno":
		return pyfmt.IntValue(int64(r.Level))
	case "args":
		return pyfmt.StringValue(string(r.AppendArgsRepr(nil)))
	case "exc_text":
		return pyfmt.StringValue(string(r.AppendExcText(nil)))
	case "stack_info":
		if s := r.StackInfo(); s != "" {
			return pyfmt.StringValue(s)
		}
	case "created":
		return pyfmt.FloatValue(r.Created())
	case "msecs":
		return pyfmt.FloatValue(r.Msecs())
	case "relativeCreated":
		return pyfmt.FloatValue(r.RelativeCreated())
	case "pathname":
		return pyfmt.StringValue(r.Pathname())
	case "filename":
		return pyfmt.StringValue(r.Filename())
	case "module":
		return pyfmt.StringValue(r.Module())
	case "funcName":
		return pyfmt.StringValue(r.FuncName())
	case "lineno":
		return pyfmt.IntValue(int64(r.Lineno()))
	case "process":
		return pyfmt.IntValue(int64(r.Process()))
	case "processName":
		return pyfmt.StringValue(r.ProcessName())
	case "thread":
		return pyfmt.IntValue(int64(r.Thread()))
	case "threadName":
		return pyfmt.StringValue(r.ThreadName())
	}
	return pyfmt.Value{} // exc_info, taskName, a stack_info without a stack: None
}
