package runtime

import (
	"context"
	"errors"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

type ctxKey struct{}

// requestID is a context extractor: the request id a context carries.
func requestID(ctx Context, fields []Field) []Field {
	if id, ok := ctx.Value(ctxKey{}).(string); ok {
		return append(fields, String("request_id", id))
	}
	return fields
}

// withRequestID is what loggen generates for
// "%(name)s %(levelname)s %(message)s [%(request_id)s]".
var withRequestID = &CompiledFormatter{Func: func(b []byte, r *Record) ([]byte, error) {
	b, err := nameLevelMessage.Func(b, r)
	if err != nil {
		return b, err
	}
	v, ok := r.Lookup("request_id")
	if !ok {
		return b, MissingField("request_id")
	}
	b = append(b, " ["...)
	b = v.AppendStr(b)
	return append(b, ']'), nil
}}

func configureFormat(t *testing.T, f Formatter, level Level) *syncBuffer {
	t.Helper()
	buf := &syncBuffer{}
	if err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "c", Formatter: f, New: func() (Handler, error) { return NewStreamHandler(buf), nil }}},
		Root:     &LoggerConfig{Level: level, LevelSet: true, Handlers: []string{"c"}},
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	return buf
}

// Every context method logs at its level, with the extractors' fields
// printed by a format that names them, and keeps the context.
func TestContextMethods(t *testing.T) {
	buf := configureFormat(t, withRequestID, DEBUG)
	remove := AddContextExtractor(requestID)
	defer remove()
	ctx := context.WithValue(context.Background(), ctxKey{}, "r-42")
	l := Get("ctx")
	l.DebugContext(ctx, "debug")
	l.InfoContext(ctx, "info")
	l.WarningContext(ctx, "warning")
	l.ErrorContext(ctx, "error")
	l.CriticalContext(ctx, "critical")
	l.LogContext(ctx, 25, "level 25")
	l.ExceptionContext(ctx, errors.New("boom"), "exception")
	l.DebugContextf(ctx, "%s %d", "debugf", 1)
	l.InfoContextf(ctx, "%s %d", "infof", 2)
	l.WarningContextf(ctx, "%s %d", "warningf", 3)
	l.ErrorContextf(ctx, "%s %d", "errorf", 4)
	l.CriticalContextf(ctx, "%s %d", "criticalf", 5)
	l.LogContextf(ctx, 25, "%s %d", "logf", 6)
	l.ExceptionContextf(ctx, errors.New("bang"), "%s %d", "exceptionf", 7)
	l.LogExtraContext(ctx, 0, INFO, nil, []Field{String("request_id", "own")}, "own field first")
	want := `ctx DEBUG debug [r-42]
ctx INFO info [r-42]
ctx WARNING warning [r-42]
ctx ERROR error [r-42]
ctx CRITICAL critical [r-42]
ctx Level 25 level 25 [r-42]
ctx ERROR exception [r-42]
boom
ctx DEBUG debugf 1 [r-42]
ctx INFO infof 2 [r-42]
ctx WARNING warningf 3 [r-42]
ctx ERROR errorf 4 [r-42]
ctx CRITICAL criticalf 5 [r-42]
ctx Level 25 logf 6 [r-42]
ctx ERROR exceptionf 7 [r-42]
bang
ctx INFO own field first [own]
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// Removed, the extractor adds nothing: the format misses its field.
	remove()
	var errs syncBuffer
	SetErrorOutput(&errs)
	defer SetErrorOutput(nil)
	l.InfoContext(ctx, "no extractor")
	if !strings.Contains(errs.String(), "Formatting field not found in record: 'request_id'") {
		t.Errorf("after remove, the field is still there: %q", errs.String())
	}
}

// The record keeps the context; a disabled context call does nothing.
func TestContextKept(t *testing.T) {
	configureFormat(t, nameLevelMessage, INFO)
	var got []Context
	l := Get("ctx.kept")
	l.AddFilter(FilterFunc(func(r *Record) bool { got = append(got, r.Context()); return true }))
	ctx := context.WithValue(context.Background(), ctxKey{}, "x")
	l.InfoContext(ctx, "kept")
	l.DebugContext(ctx, "disabled")
	l.Info("none")
	if len(got) != 2 || got[0] != ctx || got[1] != nil {
		t.Errorf("contexts seen by the filter: %v", got)
	}
}

// Every context method attributes the record to its caller's line.
func TestCallerOfContextMethods(t *testing.T) {
	buf := configureFormat(t, funcLine, DEBUG)
	ctx := context.Background()
	l := Get("caller.ctx")
	base := line()
	l.DebugContext(ctx, "x")
	l.InfoContext(ctx, "x")
	l.WarningContext(ctx, "x")
	l.ErrorContext(ctx, "x")
	l.CriticalContext(ctx, "x")
	l.LogContext(ctx, 25, "x")
	l.DebugContextf(ctx, "%d", 1)
	l.InfoContextf(ctx, "%d", 1)
	l.LogContextf(ctx, 25, "%d", 1)
	l.ExceptionContext(ctx, errors.New("e"), "x")
	l.ExceptionContextf(ctx, errors.New("e"), "%d", 1)
	l.LogExtraContext(ctx, 0, INFO, nil, nil, "x")
	var got []string
	for _, g := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(g, "Test") {
			got = append(got, g)
		}
	}
	if len(got) != 12 {
		t.Fatalf("%d records, want 12:\n%s", len(got), buf.String())
	}
	for i, g := range got {
		if want := "TestCallerOfContextMethods:" + strconv.Itoa(base+1+i) + " context_test.go"; g != want {
			t.Errorf("record %d: got %q, want %q", i, g, want)
		}
	}
}

// LogEvent takes the event's time and caller, and its fields; a zero time
// is the time of the call, and HasTime says so.
func TestLogEvent(t *testing.T) {
	buf := configureFormat(t, funcLine, DEBUG)
	var recs []*Record
	l := Get("event")
	l.AddFilter(FilterFunc(func(r *Record) bool { recs = append(recs, r.Clone()); return true }))
	var pcs [1]uintptr
	goruntime.Callers(1, pcs[:])
	want := line() - 1
	at := time.Date(2024, 5, 6, 7, 8, 9, 10e6, time.UTC)
	l.LogEvent(nil, INFO, at, pcs[0], nil, []Field{Int("n", 1)}, "with time and caller")
	before := time.Now()
	l.LogEvent(context.Background(), WARNING, time.Time{}, 0, nil, nil, "without")
	l.LogEvent(nil, DEBUG-1, at, 0, nil, nil, "below the level")
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	if !recs[0].Time().Equal(at) || !recs[0].HasTime() || recs[0].Created() != float64(at.UnixNano())/1e9 {
		t.Errorf("first record: time %v, HasTime %v", recs[0].Time(), recs[0].HasTime())
	}
	if v, ok := recs[0].Lookup("n"); !ok || v.Int() != 1 {
		t.Errorf("field n = %v, %v", v, ok)
	}
	if recs[1].HasTime() || recs[1].Time().Before(before) || recs[1].Context() == nil {
		t.Errorf("second record: time %v, HasTime %v, context %v", recs[1].Time(), recs[1].HasTime(), recs[1].Context())
	}
	lines := strings.Split(buf.String(), "\n")
	if lines[0] != "TestLogEvent:"+strconv.Itoa(want)+" context_test.go" {
		t.Errorf("caller of the first event: %q, want line %d", lines[0], want)
	}
	if lines[1] != "(unknown function):0 (unknown file)" {
		t.Errorf("an event without a caller: %q", lines[1])
	}
}

// tenant is a configuration's context extractor (what loggen generates for
// a context section): the request id under another key, first.
func tenant(ctx Context, fields []Field) []Field {
	if id, ok := ctx.Value(ctxKey{}).(string); ok {
		return append(fields, String("request_id", "tenant-"+id[2:]))
	}
	return fields
}

// A configuration's extractor (Config.Context) runs before those of
// AddContextExtractor, is replaced by the next configuration's, is kept by
// a configuration without one, and is not installed by a configuration
// that fails.
func TestConfiguredExtractor(t *testing.T) {
	t.Cleanup(func() { setConfiguredExtractor(nil) })
	buf := &syncBuffer{}
	cfg := func(ext ContextExtractor, fail bool) *Config {
		return &Config{
			Handlers: []HandlerConfig{{ID: "c", Formatter: withRequestID, New: func() (Handler, error) {
				if fail {
					return nil, errors.New("cannot")
				}
				return NewStreamHandler(buf), nil
			}}},
			Root:    &LoggerConfig{Level: INFO, LevelSet: true, Handlers: []string{"c"}},
			Context: ext,
		}
	}
	t.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	remove := AddContextExtractor(requestID)
	defer remove()
	ctx := context.WithValue(context.Background(), ctxKey{}, "r-1")
	l := Get("configured")

	if err := Configure(cfg(tenant, false)); err != nil {
		t.Fatal(err)
	}
	l.InfoContext(ctx, "configured first")
	if err := Configure(cfg(func(ctx Context, f []Field) []Field { return append(f, String("request_id", "second")) }, false)); err != nil {
		t.Fatal(err)
	}
	l.InfoContext(ctx, "replaced")
	if err := Configure(cfg(nil, false)); err != nil {
		t.Fatal(err)
	}
	l.InfoContext(ctx, "kept without one")
	if err := Configure(cfg(tenant, true)); err == nil {
		t.Fatal("a failing handler did not fail Configure")
	}
	l.InfoContext(ctx, "not installed by a failed configuration")
	remove()
	l.InfoContext(ctx, "alone")
	want := `configured INFO configured first [tenant-1]
configured INFO replaced [second]
configured INFO kept without one [second]
configured INFO not installed by a failed configuration [second]
configured INFO alone [second]
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// Removed, it adds nothing: the format misses its field.
	setConfiguredExtractor(nil)
	var errs syncBuffer
	SetErrorOutput(&errs)
	defer SetErrorOutput(nil)
	l.InfoContext(ctx, "none")
	if !strings.Contains(errs.String(), "Formatting field not found in record: 'request_id'") {
		t.Errorf("without extractors, the field is still there: %q", errs.String())
	}
}
