package runtime

import (
	"fmt"
	"reflect"
	goruntime "runtime"
	"strconv"
	"strings"
)

// This file is Python's tracebacks for Go errors and panics: exc_text (the
// error, its chain and the stacks it carries, in the layout of Python's
// traceback module) and stack_info (the stack of the logging call).

// A StackTracer is an error that carries the stack of the place it was
// made, as runtime.Callers returns it (return addresses, innermost call
// first). WithStack makes one; errors of other packages that have this
// method are printed with their stack too.
type StackTracer interface {
	StackTrace() []uintptr
}

// maxStack is the number of frames captured for a stack.
const maxStack = 128

// WithStack returns err annotated with the stack of the call to WithStack,
// so that Exception prints it as Python prints a traceback. The result's
// Error is err's, and errors.Is and errors.As see err through it (Unwrap).
// WithStack returns err itself if err is nil or already carries a stack
// (it, or an error its chain wraps, is a StackTracer).
func WithStack(err error) error {
	if err == nil || hasStack(err, 0) {
		return err
	}
	pcs := make([]uintptr, maxStack)
	n := goruntime.Callers(2, pcs)
	return &stackError{err: err, stack: pcs[:n:n]}
}

// stackError is the error WithStack returns.
type stackError struct {
	err   error
	stack []uintptr
}

func (e *stackError) Error() string         { return e.err.Error() }
func (e *stackError) Unwrap() error         { return e.err }
func (e *stackError) StackTrace() []uintptr { return e.stack }

// hasStack reports whether err or an error of its chain carries a stack.
func hasStack(err error, depth int) bool {
	if err == nil || depth > maxChain {
		return false
	}
	if st, ok := err.(StackTracer); ok && len(st.StackTrace()) > 0 {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return hasStack(u.Unwrap(), depth+1)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if hasStack(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// SetStackInfo makes the records of l at level or above carry the stack of
// their logging call, which formats print after the message and the
// exception as Python prints stack_info ("Stack (most recent call last):"),
// as if each call passed Python's stack_info=True. It applies to l's
// descendants too, unless they set their own; NOTSET (the default) inherits
// the setting of the nearest ancestor that has one, and a level above every
// record's (such as Level(math.MaxInt32)) turns it off. Capturing a stack
// costs a few microseconds and an allocation per record; configurations do
// not change the setting.
func (l *Logger) SetStackInfo(level Level) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	l.stackInfo = level
	l.refreshSubtree()
}

// captureStack records the stack of the logging call: skip counts the
// frames above captureStack's caller to leave out, as runtime.Callers's
// skip does for its caller.
func (r *Record) captureStack(skip int) {
	pcs := make([]uintptr, maxStack)
	n := goruntime.Callers(skip+1, pcs)
	r.stack = pcs[:n:n]
}

// captureStackFrom records the stack of a bridged call whose program
// counter is pc (the call is still on the stack: bridges log synchronously):
// the frames from pc's outward. If pc is not on the stack, there is none.
func (r *Record) captureStackFrom(pc uintptr) {
	pcs := make([]uintptr, maxStack)
	n := goruntime.Callers(1, pcs)
	for i, p := range pcs[:n] {
		if p == pc {
			r.stack = pcs[i:n:n]
			return
		}
	}
}

// StackInfo returns Python's stack_info: "Stack (most recent call last):"
// and the frames of the logging call, outermost first, or "" when the
// record has no stack (see SetStackInfo).
func (r *Record) StackInfo() string {
	if len(r.stack) == 0 {
		return ""
	}
	return string(r.appendStackInfo(nil))
}

// AppendStackInfo appends Python's stack_info to b: the StackInfo text, or
// None.
func (r *Record) AppendStackInfo(b []byte) []byte {
	if len(r.stack) == 0 {
		return append(b, "None"...)
	}
	return r.appendStackInfo(b)
}

func (r *Record) appendStackInfo(b []byte) []byte {
	b = append(b, "Stack (most recent call last):\n"...)
	b = appendFrames(b, r.stack)
	return b[:len(b)-1]
}

// ExcText returns Python's exc_text: the text Exception prints after the
// message, or "" when the record has no error. An error that wraps no
// other and carries no stack prints as its Error text. Otherwise the
// chain prints as Python prints an exception's: the innermost error first,
// each followed by "The above exception was the direct cause of the
// following exception:", an error that wraps several (errors.Join) as an
// exception group, and each error that carries a stack (StackTracer, see
// WithStack) after its traceback ("Traceback (most recent call last):" and
// a "  File "…", line N, in func" line per frame, without the code lines,
// as Python prints them when the source is not at hand). Each error's line
// reads "Type: text", with the Go type of the error (without its package
// path or a leading '*') where Python has the exception's class. An error
// whose text is that of the single error it wraps (an annotation such as
// WithStack's) is shown as one with it.
func (r *Record) ExcText() string {
	if r.Err == nil {
		return ""
	}
	return string(appendExc(nil, r.Err))
}

// appendExc appends the exc_text of err to b.
func appendExc(b []byte, err error) []byte {
	n := buildExc(err, 0, new(int))
	if n.cause == nil && n.group == nil && len(n.stack) == 0 && !n.panic {
		return append(b, err.Error()...) // what loggen has always printed
	}
	p := &excPrinter{b: b}
	p.format(n)
	if len(p.b) > 0 && p.b[len(p.b)-1] == '\n' {
		p.b = p.b[:len(p.b)-1] // Python's formatException strips it
	}
	return p.b
}

// Python's limits (traceback.TracebackException), and loggen's on the
// length of a chain and the number of errors shown, against cycles.
const (
	maxGroupWidth = 15
	maxGroupDepth = 10
	maxChain      = 100
	maxNodes      = 1000
)

// An excNode is one exception as Python's traceback module prints it.
type excNode struct {
	typ   string
	msg   string
	panic bool      // a recovered panic: its line reads "panic: value"
	stack []uintptr // nil: no traceback
	cause *excNode  // the error it wraps, printed before it
	group []*excNode
	// more counts the errors of a group that the limits left out.
	more int
}

// buildExc turns err and its chain into excNodes. depth is the length of
// the chain so far; count counts the nodes made, against cycles.
func buildExc(err error, depth int, count *int) *excNode {
	*count++
	n := &excNode{typ: excTypeName(err), msg: err.Error()}
	if p, ok := err.(*panicError); ok {
		n.typ, n.msg, n.panic, n.stack = "panic", p.text, true, p.stack
		return n
	}
	// An annotation (its text is its single wrapped error's) is shown as
	// one with what it wraps: the innermost error's type, and the
	// innermost stack of the run.
	for d := depth; d < maxChain; d++ {
		if st, ok := err.(StackTracer); ok {
			if s := st.StackTrace(); len(s) > 0 {
				n.stack = s
			}
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			break
		}
		inner := u.Unwrap()
		if inner == nil || n.msg == "" || inner.Error() != n.msg {
			break
		}
		if _, ok := inner.(*panicError); ok {
			break
		}
		err = inner
		n.typ = excTypeName(err)
	}
	if depth >= maxChain || *count >= maxNodes {
		return n
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			n.cause = buildExc(inner, depth+1, count)
		}
	case interface{ Unwrap() []error }:
		var texts []string
		for _, e := range u.Unwrap() {
			if e == nil {
				continue
			}
			texts = append(texts, e.Error())
			if len(n.group) >= maxGroupWidth || *count >= maxNodes {
				n.more++
				continue
			}
			n.group = append(n.group, buildExc(e, depth+1, count))
		}
		if len(texts) == 0 {
			return n
		}
		// A group prints as Python's ExceptionGroup: its own message
		// (none for errors.Join, whose text is the others' joined),
		// then the count.
		msg := n.msg
		if msg == strings.Join(texts, "\n") {
			msg = ""
		}
		s := "s"
		if len(texts) == 1 {
			s = ""
		}
		n.msg = msg + " (" + strconv.Itoa(len(texts)) + " sub-exception" + s + ")"
	}
	return n
}

// excTypeName is the name an error's line shows for its type: the Go type
// without the package path or a leading '*' ("fs.PathError").
func excTypeName(err error) string {
	t := reflect.TypeOf(err).String()
	return strings.TrimPrefix(t, "*")
}

// excPrinter is traceback.TracebackException.format of Python 3.11, with
// its _ExceptionPrintContext.
type excPrinter struct {
	b         []byte
	depth     int // exception_group_depth
	needClose bool
}

func (p *excPrinter) indent() string { return strings.Repeat(" ", 2*p.depth) }

// emit appends text, a line or lines each ending in a newline, indented
// as Python's _ExceptionPrintContext.emit does: margin is the character
// before each line inside a group ('|', or '+' for the first line of a
// top-level group's traceback).
func (p *excPrinter) emit(text string, margin byte) {
	prefix := p.indent()
	if p.depth > 0 {
		prefix += string(margin) + " "
	}
	for text != "" {
		line, rest, found := strings.Cut(text, "\n")
		p.b = append(p.b, prefix...)
		p.b = append(p.b, line...)
		if found {
			p.b = append(p.b, '\n')
		}
		text = rest
	}
}

func (p *excPrinter) format(n *excNode) {
	var chain []*excNode
	for c := n; c != nil; c = c.cause {
		chain = append(chain, c)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		if i < len(chain)-1 {
			p.emit("\nThe above exception was the direct cause of the following exception:\n\n", '|')
		}
		if c.group == nil {
			if len(c.stack) > 0 {
				p.emit("Traceback (most recent call last):\n", '|')
				p.emit(string(appendFrames(nil, c.stack)), '|')
			}
			p.emit(finalLine(c), '|')
			continue
		}
		p.formatGroup(c)
	}
}

// finalLine is Python's _format_final_exc_line.
func finalLine(n *excNode) string {
	if n.msg == "" {
		return n.typ + "\n"
	}
	return n.typ + ": " + n.msg + "\n"
}

func (p *excPrinter) formatGroup(n *excNode) {
	if p.depth > maxGroupDepth {
		p.emit("... (max_group_depth is "+strconv.Itoa(maxGroupDepth)+")\n", '|')
		return
	}
	top := p.depth == 0
	if top {
		p.depth++
	}
	if len(n.stack) > 0 {
		margin := byte('|')
		if top {
			margin = '+'
		}
		p.emit("Exception Group Traceback (most recent call last):\n", margin)
		p.emit(string(appendFrames(nil, n.stack)), '|')
	}
	p.emit(finalLine(n), '|')
	count := len(n.group)
	if n.more > 0 {
		count++
	}
	p.needClose = false
	for i := 0; i < count; i++ {
		last := i == count-1
		if last {
			p.needClose = true
		}
		truncated := i >= len(n.group)
		title := strconv.Itoa(i + 1)
		if truncated {
			title = "..."
		}
		open := "  "
		if i == 0 {
			open = "+-"
		}
		p.b = append(p.b, p.indent()+open+"+---------------- "+title+" ----------------\n"...)
		p.depth++
		if !truncated {
			p.format(n.group[i])
		} else {
			s := "s"
			if n.more == 1 {
				s = ""
			}
			p.emit("and "+strconv.Itoa(n.more)+" more exception"+s+"\n", '|')
		}
		if last && p.needClose {
			p.b = append(p.b, p.indent()+"+------------------------------------\n"...)
			p.needClose = false
		}
		p.depth--
	}
	if top {
		p.depth = 0
	}
}

// appendFrames appends the frames of stack, outermost first, one line
// each as Python's traceback prints them: '  File "path", line N, in
// func'. Frames of Go's own runtime package (runtime.main, runtime.goexit,
// the panic machinery) are left out, as Go's tracebacks leave them out.
func appendFrames(b []byte, stack []uintptr) []byte {
	frames := goruntime.CallersFrames(stack)
	var list []goruntime.Frame
	for {
		f, more := frames.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, "runtime.") {
			list = append(list, f)
		}
		if !more {
			break
		}
	}
	for i := len(list) - 1; i >= 0; i-- {
		f := list[i]
		b = append(b, "  File \""...)
		b = append(b, f.File...)
		b = append(b, "\", line "...)
		b = strconv.AppendInt(b, int64(f.Line), 10)
		b = append(b, ", in "...)
		b = append(b, shortFuncName(f.Function)...)
		b = append(b, '\n')
	}
	return b
}

// shortFuncName is a Go function name without its package path, as
// Record.FuncName shows it: "main", "(*Server).Serve".
func shortFuncName(fn string) string {
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		fn = fn[i+1:]
	}
	if i := strings.IndexByte(fn, '.'); i >= 0 {
		fn = fn[i+1:]
	}
	return fn
}

// panicError is the error of a record that LogPanic made: the recovered
// value and the stack of the panic.
type panicError struct {
	value any
	text  string
	stack []uintptr
}

func (e *panicError) Error() string { return e.text }

// Unwrap returns the panic's value if it is an error.
func (e *panicError) Unwrap() error {
	err, _ := e.value.(error)
	return err
}

// StackTrace returns the stack of the panic.
func (e *panicError) StackTrace() []uintptr { return e.stack }

// LogPanic logs a panic that is under way at CRITICAL, with the stack of
// the panic as its traceback, and stops it, or lets it go on if repanic is
// true. Defer it, as the first deferred call of a goroutine or a handler:
//
//	defer logs.Root.LogPanic(false)
//
// The record's message is "panic: " and the panic's value; its exception
// (exc_text) is the traceback, from the goroutine's first function to the
// one that panicked, and the line "panic: value"; its funcName and lineno
// are those of the panic. When repanic is true, the handlers of the
// configuration are flushed before the panic goes on, so that buffering
// handlers write the record before the program dies. LogPanic does
// nothing when no panic is under way. It must be called directly by defer
// (recover works only there).
func (l *Logger) LogPanic(repanic bool) {
	v := recover()
	if v == nil {
		return
	}
	l.LogRecovered(v, repanic, nil)
}

// LogRecovered is LogPanic for a deferred function that has recovered the
// panic value v itself, with the extra attributes extra (as LogExtra's): it
// logs the panic at CRITICAL with its traceback, then stops it, or panics
// again with v if repanic is true. Generated code calls it from the
// LogPanic method of its ExtraLogger, so that the record keeps the
// logger's extra attributes:
//
//	func (x ExtraLogger) LogPanic(repanic bool) {
//		if v := recover(); v != nil {
//			x.LogRecovered(v, repanic, fields)
//		}
//	}
//
// Call it only from the deferred function that recovered v, while the
// panic's frames are still on the stack: the traceback is read from there.
func (l *Logger) LogRecovered(v any, repanic bool, extra []Field) {
	if l.IsEnabledFor(CRITICAL) {
		err := &panicError{value: v, text: fmt.Sprint(v), stack: panicStack()}
		var pc uintptr
		if len(err.stack) > 0 {
			pc = err.stack[0]
		}
		l.LogEvent(nil, CRITICAL, now(), pc, err, extra, "panic: "+err.text)
	}
	if repanic {
		flushLive()
		panic(v)
	}
}

// panicStack returns the stack of the panic that the calling deferred
// function recovered: the frames from the function that panicked outward.
func panicStack() []uintptr {
	pcs := make([]uintptr, maxStack)
	n := goruntime.Callers(2, pcs)
	// Count the logical frames (inlined calls included, as Callers's skip
	// counts them) up to the panic machinery and past it.
	frames := goruntime.CallersFrames(pcs[:n])
	skip, seenPanic := 0, false
	for {
		f, more := frames.Next()
		inRuntime := strings.HasPrefix(f.Function, "runtime.")
		if seenPanic && !inRuntime {
			break
		}
		if f.Function == "runtime.gopanic" {
			seenPanic = true
		}
		skip++
		if !more {
			return pcs[:n:n] // not in a panic: the whole stack
		}
	}
	n = goruntime.Callers(2+skip, pcs)
	return pcs[:n:n]
}

// flushLive flushes every handler that Shutdown would close.
func flushLive() {
	tree.mu.RLock()
	live := append([]Handler(nil), tree.live...)
	tree.mu.RUnlock()
	for _, h := range live {
		if err := h.Flush(); err != nil {
			reportf("flushing handler: %v", err)
		}
	}
}
