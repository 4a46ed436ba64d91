// Package otelx is the Go factory that examples/otel's logging.yaml names
// for its "otlp" handler: a loggen handler that ships records to an
// OpenTelemetry collector over OTLP/HTTP, through the OpenTelemetry SDK's
// slog bridge (otelslog) and a slogbridge.Forwarder.
package otelx

import (
	"context"

	"go.opentelemetry.io/contrib/bridges/otelslog"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	"go.opentelemetry.io/otel/sdk/resource"

	"github.com/loggen/loggen/runtime/slogbridge"
)

// Options are the keys of the handler's entry in logging.yaml.
type Options struct {
	// Service is the service.name of the records' resource.
	Service string `loggen:"service,required"`
	// Endpoint is the collector's OTLP/HTTP logs URL
	// (http://127.0.0.1:4318/v1/logs); "" takes it from the environment
	// (OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT) or
	// the exporter's default, localhost:4318.
	Endpoint string
}

// NewHandler returns a handler that sends each record to the collector:
// its message as the body, its level as the severity, its logger name,
// extra attributes, exception and stack_info as attributes, its caller as
// the code.* attributes, and the trace and span of its context. Flush
// sends what the batch holds; Close (at Shutdown) sends it and stops.
func NewHandler(opts Options) (*slogbridge.Forwarder, error) {
	ctx := context.Background()
	var eopts []otlploghttp.Option
	if opts.Endpoint != "" {
		eopts = append(eopts, otlploghttp.WithEndpointURL(opts.Endpoint))
	}
	exp, err := otlploghttp.New(ctx, eopts...)
	if err != nil {
		return nil, err
	}
	lp := sdklog.NewLoggerProvider(
		sdklog.WithResource(resource.NewSchemaless(attribute.String("service.name", opts.Service))),
		sdklog.WithProcessor(sdklog.NewBatchProcessor(exp)),
	)
	f := slogbridge.NewForwarder(otelslog.NewHandler("github.com/loggen/loggen", otelslog.WithLoggerProvider(lp), otelslog.WithSource(true)))
	f.OnFlush(func() error { return lp.ForceFlush(ctx) })
	f.OnClose(func() error { return lp.Shutdown(ctx) })
	return f, nil
}
