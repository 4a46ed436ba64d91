// Command otel logs through loggen to the console and to an OpenTelemetry
// collector (OTLP/HTTP; set OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, by default
// http://localhost:4318/v1/logs). Each record carries the trace of the
// request it belongs to: a context extractor prints the trace id on the
// console, and the collector gets the trace and span ids of the context.
//
// It is a module of its own, so that loggen's module does not depend on
// OpenTelemetry.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"context"
	"errors"
	"fmt"
	"os"

	"go.opentelemetry.io/otel/trace"

	"github.com/loggen/loggen/examples/otel/logs"
	logging "github.com/loggen/loggen/runtime"
)

// traceID prints the trace of a record's context as %(trace_id)s ("-"
// outside a trace, so the format never misses it).
func traceID(ctx logging.Context, fields []logging.Field) []logging.Field {
	sc := trace.SpanContextFromContext(ctx)
	if !sc.IsValid() {
		return append(fields, logging.String("trace_id", "-"))
	}
	return append(fields, logging.String("trace_id", sc.TraceID().String()))
}

// request returns the context of a request in the trace 0102…10.
func request() context.Context {
	sc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    trace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID:     trace.SpanID{1, 2, 3, 4, 5, 6, 7, 8},
		TraceFlags: trace.FlagsSampled,
	})
	return trace.ContextWithSpanContext(context.Background(), sc)
}

func run() error {
	logging.AddContextExtractor(traceID)
	if err := logs.Configure(); err != nil {
		return err
	}
	defer logs.Shutdown()

	ctx := request()
	logs.Root.InfoContext(ctx, "checkout started")
	logs.CheckoutPayments.LogExtraContext(ctx, 0, logging.INFO, nil,
		[]logging.Field{logging.String("card", "visa"), logging.Int("amount_cents", 4200)}, "charging card")
	logs.CheckoutPayments.ExceptionContext(ctx, logging.WithStack(errors.New("card declined")), "payment failed")
	logs.CheckoutPayments.DebugContext(ctx, "below the otlp handler's level: console only")
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
