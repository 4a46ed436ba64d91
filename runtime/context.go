package runtime

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Context is context.Context, declared here with the same methods so that
// a program that never passes a context does not link package context: any
// context.Context is a Context, and any Context is a context.Context, both
// without a conversion. Pass the context of a request to the ...Context
// methods; context extractors (AddContextExtractor) read record attributes
// from it, and handlers that forward records to other APIs (a
// slogbridge.Forwarder) pass it on.
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}

// A ContextExtractor reads record attributes from the context of a log
// call: it appends them to fields and returns the result, as append does,
// so that one that finds nothing, or appends values it already holds as
// strings or numbers, allocates nothing. It runs for each enabled call that
// has a context, before any filter or handler, on the calling goroutine,
// and must be safe for concurrent use. Its fields print through formats
// that name them, as %(trace_id)s, like the fields of LogExtra.
type ContextExtractor func(ctx Context, fields []Field) []Field

// extractors holds the extractors. A published list is never modified:
// every change publishes a new one, so that a log call reads it with one
// atomic load. Each registration is an entry of its own, so that its remove
// function removes it and no other.
var extractors struct {
	mu sync.Mutex
	// configured is the extractor of the configuration in force
	// (Config.Context), or nil; it runs first.
	configured *extractorEntry
	added      []*extractorEntry // AddContextExtractor's, in order; never published itself
	list       atomic.Pointer[[]*extractorEntry]
}

type extractorEntry struct{ f ContextExtractor }

// publishExtractors publishes the list of extractors: the configuration's,
// then the added ones. extractors.mu must be held.
func publishExtractors() {
	list := make([]*extractorEntry, 0, 1+len(extractors.added))
	if extractors.configured != nil {
		list = append(list, extractors.configured)
	}
	list = append(list, extractors.added...)
	extractors.list.Store(&list)
}

// setConfiguredExtractor installs f as the configuration's extractor, in
// place of the previous configuration's; nil removes it. Configure calls
// it.
func setConfiguredExtractor(f ContextExtractor) {
	extractors.mu.Lock()
	defer extractors.mu.Unlock()
	extractors.configured = nil
	if f != nil {
		extractors.configured = &extractorEntry{f}
	}
	publishExtractors()
}

// AddContextExtractor registers f for every log call made with a context,
// after those registered before it, and returns a function that removes it
// again (for tests). The fields of a record are, in order: the call's own
// (LogExtra's, a slog call's attributes), then those of the configuration's
// extractor (Config.Context: the attributes of loggen's context section),
// then each registered extractor's; a format that names a key present twice
// prints the first.
//
// OpenTelemetry's trace and span ids, for instance:
//
//	logging.AddContextExtractor(func(ctx logging.Context, f []logging.Field) []logging.Field {
//		sc := trace.SpanContextFromContext(ctx)
//		if !sc.IsValid() {
//			return f
//		}
//		return append(f, logging.String("trace_id", sc.TraceID().String()),
//			logging.String("span_id", sc.SpanID().String()))
//	})
//
// and a format that prints %(trace_id)s. (TraceID().String() allocates its
// hex text: an extractor's allocations are its own.)
func AddContextExtractor(f ContextExtractor) (remove func()) {
	if f == nil {
		return func() {}
	}
	e := &extractorEntry{f}
	extractors.mu.Lock()
	defer extractors.mu.Unlock()
	extractors.added = append(extractors.added, e)
	publishExtractors()
	return func() {
		extractors.mu.Lock()
		defer extractors.mu.Unlock()
		extractors.added = slices.DeleteFunc(extractors.added, func(x *extractorEntry) bool { return x == e })
		publishExtractors()
	}
}

// extractInto appends the fields of every extractor for ctx to fields.
func extractInto(ctx Context, fields []Field) []Field {
	list := extractors.list.Load()
	if list == nil || ctx == nil {
		return fields
	}
	for _, e := range *list {
		fields = e.f(ctx, fields)
	}
	return fields
}

// The context variants of the logging calls. Each checks the level first,
// so a disabled call costs one atomic load; an enabled one with a constant
// message allocates nothing beyond what the extractors allocate. The record
// keeps ctx (Record.Context), and the extractors add their fields to it.
// Python has no contexts; these are the calls above with one.

// DebugContext logs msg at DEBUG with the context ctx.
func (l *Logger) DebugContext(ctx Context, msg string) {
	if l.IsEnabledFor(DEBUG) {
		l.logCtxMsg(ctx, DEBUG, msg)
	}
}

// InfoContext logs msg at INFO with the context ctx.
func (l *Logger) InfoContext(ctx Context, msg string) {
	if l.IsEnabledFor(INFO) {
		l.logCtxMsg(ctx, INFO, msg)
	}
}

// WarningContext logs msg at WARNING with the context ctx.
func (l *Logger) WarningContext(ctx Context, msg string) {
	if l.IsEnabledFor(WARNING) {
		l.logCtxMsg(ctx, WARNING, msg)
	}
}

// ErrorContext logs msg at ERROR with the context ctx.
func (l *Logger) ErrorContext(ctx Context, msg string) {
	if l.IsEnabledFor(ERROR) {
		l.logCtxMsg(ctx, ERROR, msg)
	}
}

// CriticalContext logs msg at CRITICAL with the context ctx.
func (l *Logger) CriticalContext(ctx Context, msg string) {
	if l.IsEnabledFor(CRITICAL) {
		l.logCtxMsg(ctx, CRITICAL, msg)
	}
}

// ExceptionContext logs msg at ERROR with err (see Exception) and the
// context ctx.
func (l *Logger) ExceptionContext(ctx Context, err error, msg string) {
	if l.IsEnabledFor(ERROR) {
		l.logContext(1, ctx, ERROR, err, nil, msg, nil)
	}
}

// LogContext logs msg at level with the context ctx.
func (l *Logger) LogContext(ctx Context, level Level, msg string) {
	if l.IsEnabledFor(level) {
		l.logCtxMsg(ctx, level, msg)
	}
}

// DebugContextf logs format % args at DEBUG (see Debugf) with the context
// ctx.
func (l *Logger) DebugContextf(ctx Context, format string, args ...any) {
	if l.IsEnabledFor(DEBUG) {
		l.logCtxArgs(ctx, DEBUG, format, args)
	}
}

// InfoContextf logs format % args at INFO (see Debugf) with the context ctx.
func (l *Logger) InfoContextf(ctx Context, format string, args ...any) {
	if l.IsEnabledFor(INFO) {
		l.logCtxArgs(ctx, INFO, format, args)
	}
}

// WarningContextf logs format % args at WARNING (see Debugf) with the
// context ctx.
func (l *Logger) WarningContextf(ctx Context, format string, args ...any) {
	if l.IsEnabledFor(WARNING) {
		l.logCtxArgs(ctx, WARNING, format, args)
	}
}

// ErrorContextf logs format % args at ERROR (see Debugf) with the context
// ctx.
func (l *Logger) ErrorContextf(ctx Context, format string, args ...any) {
	if l.IsEnabledFor(ERROR) {
		l.logCtxArgs(ctx, ERROR, format, args)
	}
}

// CriticalContextf logs format % args at CRITICAL (see Debugf) with the
// context ctx.
func (l *Logger) CriticalContextf(ctx Context, format string, args ...any) {
	if l.IsEnabledFor(CRITICAL) {
		l.logCtxArgs(ctx, CRITICAL, format, args)
	}
}

// ExceptionContextf logs format % args at ERROR with err (see Exception)
// and the context ctx.
func (l *Logger) ExceptionContextf(ctx Context, err error, format string, args ...any) {
	if l.IsEnabledFor(ERROR) {
		l.logContext(1, ctx, ERROR, err, nil, format, args)
	}
}

// LogContextf logs format % args at level (see Debugf) with the context
// ctx.
func (l *Logger) LogContextf(ctx Context, level Level, format string, args ...any) {
	if l.IsEnabledFor(level) {
		l.logCtxArgs(ctx, level, format, args)
	}
}

// LogExtraContext is LogExtra with the context ctx: generated code calls it
// from the ...Context methods of its typed loggers.
func (l *Logger) LogExtraContext(ctx Context, depth int, level Level, err error, extra []Field, msg string, args ...any) {
	if l.IsEnabledFor(level) {
		l.logContext(depth+1, ctx, level, err, extra, msg, args)
	}
}

// logCtxMsg and logCtxArgs keep the context methods small enough to be
// inlined, as logMsg and logArgs do for the others.
//
//go:noinline
func (l *Logger) logCtxMsg(ctx Context, level Level, msg string) {
	l.logContext(2, ctx, level, nil, nil, msg, nil)
}

//go:noinline
func (l *Logger) logCtxArgs(ctx Context, level Level, format string, args []any) {
	l.logContext(2, ctx, level, nil, nil, format, args)
}

// logContext is log with a context: the record keeps ctx and gets the
// extractors' fields. depth counts the frames between the user's call and
// logContext.
func (l *Logger) logContext(depth int, ctx Context, level Level, err error, extra []Field, msg string, args []any) {
	r := newRecord()
	r.Name, r.Level, r.Msg, r.Err = l.name, level, msg, err
	r.setArgs(args)
	if len(extra) > 0 {
		r.Extra = append(r.Extra, extra...)
	}
	if ctx != nil {
		r.ctx = ctx
		r.Extra = extractInto(ctx, r.Extra)
	}
	l.dispatch(r, depth+1)
	r.release()
}
