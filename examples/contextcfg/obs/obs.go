// Package obs is the observability glue of the contextcfg example: what a
// request's context carries (a trace id, a span id, a tenant) and the
// functions that the context section of logging.yaml names, which read them
// into each record logged with that context.
package obs

import (
	"context"

	logging "github.com/loggen/loggen/runtime"
)

type key int

const (
	traceKey key = iota
	spanKey
	tenantKey
)

// WithTrace returns a copy of ctx that carries a trace id and, unless
// spanID is "", a span id.
func WithTrace(ctx context.Context, traceID, spanID string) context.Context {
	ctx = context.WithValue(ctx, traceKey, traceID)
	if spanID != "" {
		ctx = context.WithValue(ctx, spanKey, spanID)
	}
	return ctx
}

// WithTenant returns a copy of ctx that carries a tenant number.
func WithTenant(ctx context.Context, tenant int) context.Context {
	return context.WithValue(ctx, tenantKey, tenant)
}

// TraceID returns the trace id that ctx carries, or "".
func TraceID(ctx context.Context) string { return lookup(ctx, traceKey) }

// SpanID returns the span id that ctx carries, and whether it carries one:
// a record logged with a context without one has no span_id. It takes a
// logging.Context, which is context.Context under the runtime's name.
func SpanID(ctx logging.Context) (string, bool) {
	s, ok := ctx.Value(spanKey).(string)
	return s, ok
}

// Tenant returns the tenant number that ctx carries, or 0.
func Tenant(ctx context.Context) int {
	n, _ := ctx.Value(tenantKey).(int)
	return n
}

// lookup returns the string that ctx carries under k, or "".
func lookup(ctx context.Context, k key) string {
	s, _ := ctx.Value(k).(string)
	return s
}
