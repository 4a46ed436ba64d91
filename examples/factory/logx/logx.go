// Package logx holds user-defined factories for the factory example: a
// formatter, a filter and a handler that loggen's generated code calls
// directly, as Python's dictConfig calls the callable a '()' key names.
package logx

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// CustomOptions are the keys of the custom formatter: bar, spam and answer.
type CustomOptions struct {
	Bar    string
	Spam   float64
	Answer int
}

// CustomFormatterFactory returns a formatter that prints the options before
// each message: "[bar=baz spam=99.9 answer=42] message". It is the
// my.package.customFormatterFactory of Python's logging.config documentation.
func CustomFormatterFactory(o CustomOptions) logging.Formatter {
	prefix := fmt.Sprintf("[bar=%s spam=%s answer=%d] ", o.Bar, strconv.FormatFloat(o.Spam, 'g', -1, 64), o.Answer)
	return &logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
		b = append(b, prefix...)
		return r.AppendMessage(b)
	}}
}

// RedactOptions are the keys of the redacting filter.
type RedactOptions struct {
	// Words are replaced by "***" in each message.
	Words []string `loggen:"words,required"`
}

// NewRedactingFilter returns a filter that passes every record, with the
// words replaced by "***" in its message.
func NewRedactingFilter(o RedactOptions) logging.Filter {
	return logging.FilterFunc(func(r *logging.Record) bool {
		for _, w := range o.Words {
			r.Msg = strings.ReplaceAll(r.Msg, w, "***")
		}
		return true
	})
}

// PrefixOptions are the keys of the prefix handler.
type PrefixOptions struct {
	Prefix string `loggen:"prefix"`
	// FlushEvery is accepted for the example's sake: a duration such as "5s".
	FlushEvery time.Duration
	Stdout     bool
}

// PrefixHandler writes each formatted record, after its prefix and before
// its suffix, to stdout or stderr. It embeds HandlerBase, so level,
// formatter and filters apply.
type PrefixHandler struct {
	logging.HandlerBase
	mu     sync.Mutex // serializes writes
	prefix string
	suffix string
	out    *os.File
}

// SetSuffix sets the text written after each record: the '.' key suffix.
func (h *PrefixHandler) SetSuffix(s string) { h.suffix = s }

// NewPrefixHandler returns a PrefixHandler.
func NewPrefixHandler(o PrefixOptions) (*PrefixHandler, error) {
	if o.FlushEvery < 0 {
		return nil, fmt.Errorf("flush_every %v is negative", o.FlushEvery)
	}
	out := os.Stderr
	if o.Stdout {
		out = os.Stdout
	}
	return &PrefixHandler{prefix: o.Prefix, out: out}, nil
}

// Handle implements logging.Handler.
func (h *PrefixHandler) Handle(r *logging.Record) bool {
	line, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.out.WriteString(h.prefix)
	if h.suffix != "" {
		line = append(bytes.TrimSuffix(line, []byte("\n")), h.suffix+"\n"...)
	}
	h.out.Write(line)
	return true
}

// Flush implements logging.Handler.
func (h *PrefixHandler) Flush() error { return nil }

// Close implements logging.Handler.
func (h *PrefixHandler) Close() error { return nil }

// Out returns the writer of the handler "plain", which its stream names as
// ext://github.com/loggen/loggen/examples/factory/logx.Out: a func() io.Writer
// that the generated code calls.
func Out() io.Writer { return os.Stdout }

// Console is the writer of the TagHandler of the example, which its out key
// names as an ext:// reference to this variable.
var Console io.Writer = os.Stdout

// DefaultTag is the tag of the example's TagHandler, named by ext://.
var DefaultTag = "audit"

// TagHandler writes each formatted record after "[tag] " to Out (stderr when
// nil). A handler's class names the type itself: loggen makes it as
// &TagHandler{...}, its keys setting the exported fields.
type TagHandler struct {
	logging.HandlerBase
	mu  sync.Mutex // serializes writes
	Tag string     `loggen:"tag,required"`
	Out io.Writer
	// Upper writes the record in upper case; the example sets it with '.'.
	Upper bool
}

// Handle implements logging.Handler.
func (h *TagHandler) Handle(r *logging.Record) bool {
	line, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	if h.Upper {
		line = bytes.ToUpper(line)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.Out
	if out == nil {
		out = os.Stderr
	}
	fmt.Fprintf(out, "[%s] %s", h.Tag, line)
	return true
}

// Flush implements logging.Handler.
func (h *TagHandler) Flush() error { return nil }

// Close implements logging.Handler.
func (h *TagHandler) Close() error { return nil }
