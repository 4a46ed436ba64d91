package examples_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	ctxlogs "github.com/loggen/loggen/examples/contextcfg/logs"
	"github.com/loggen/loggen/examples/contextcfg/obs"
	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/logtest"
)

// fieldsText writes fields as key=value (Python's repr of the value).
func fieldsText(fields []logging.Field) string {
	var parts []string
	for _, f := range fields {
		parts = append(parts, fmt.Sprintf("%s=%s", f.Key, f.Value.AppendRepr(nil)))
	}
	return strings.Join(parts, " ")
}

// The context section of examples/contextcfg gives the record of a
// ...Context call one typed field per attribute, after the call's own, in
// the file's order, once however often Configure runs; an absent span is
// left out, and a call without a context gets none.
func TestContextSectionFields(t *testing.T) {
	for range 3 {
		if err := ctxlogs.Configure(); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(logging.Shutdown)
	rec := logtest.Capture(t, ctxlogs.AppBilling.Logger, logging.DEBUG)
	ctx := obs.WithTenant(obs.WithTrace(context.Background(), "t-1", "s-1"), 7)
	ctxlogs.AppBilling.With(ctxlogs.Extra{User: "bob"}).InfoContext(ctx, "extra and context")
	ctxlogs.AppBilling.InfoContext(obs.WithTrace(context.Background(), "t-2", ""), "no span")
	ctxlogs.AppBilling.Info("no context")
	want := []string{
		"user='bob' trace_id='t-1' span_id='s-1' tenant=7",
		"trace_id='t-2' tenant=0",
		"",
	}
	recs := rec.Records()
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		if got := fieldsText(recs[i].Fields); got != w {
			t.Errorf("record %d (%s): fields %s, want %s", i, recs[i].Message, got, w)
		}
	}
}

// ExtraLogger.LogPanic logs a panic with the logger's extra attributes,
// which the runtime's LogPanic (promoted before) left out, with the
// traceback of the panic; with repanic it lets the panic go on.
func TestExtraLoggerLogPanic(t *testing.T) {
	if err := ctxlogs.Configure(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(logging.Shutdown)
	rec := logtest.Capture(t, ctxlogs.Root.Logger, logging.DEBUG)
	x := ctxlogs.Root.With(ctxlogs.Extra{User: "carol"})
	func() {
		defer x.LogPanic(false)
		panic("card declined")
	}()
	func() {
		defer func() {
			if v := recover(); v != "again" {
				t.Errorf("LogPanic(true) let %v go on, want the panic", v)
			}
		}()
		defer x.LogPanic(true)
		panic("again")
	}()
	recs := rec.Records()
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	for i, msg := range []string{"panic: card declined", "panic: again"} {
		r := recs[i]
		if r.Level != logging.CRITICAL || r.Message != msg || fieldsText(r.Fields) != "user='carol'" {
			t.Errorf("record %d: %v %q, fields %s; want CRITICAL %q, user='carol'", i, r.Level, r.Message, fieldsText(r.Fields), msg)
		}
		if !strings.HasPrefix(r.ExcText, "Traceback (most recent call last):\n") || !strings.Contains(r.ExcText, "in TestExtraLoggerLogPanic.func") {
			t.Errorf("record %d: exc_text is not the panic's traceback:\n%s", i, r.ExcText)
		}
		if r.Function != "TestExtraLoggerLogPanic.func1" && r.Function != "TestExtraLoggerLogPanic.func2" {
			t.Errorf("record %d: funcName %q, want the function that panicked", i, r.Function)
		}
	}
}
