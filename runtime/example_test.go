package runtime_test

import (
	"context"
	"os"

	logging "github.com/loggen/loggen/runtime"
)

type requestKey struct{}

// A context extractor puts the request id of a call's context on its
// record, for formats that print %(request_id)s.
func ExampleAddContextExtractor() {
	remove := logging.AddContextExtractor(func(ctx logging.Context, fields []logging.Field) []logging.Field {
		if id, ok := ctx.Value(requestKey{}).(string); ok {
			return append(fields, logging.String("request_id", id))
		}
		return append(fields, logging.String("request_id", "-"))
	})
	defer remove()

	// What loggen generates for "%(levelname)s [%(request_id)s] %(message)s".
	h := logging.NewStreamHandler(os.Stdout)
	h.SetFormatter(&logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
		b = r.Level.AppendName(b)
		v, ok := r.Lookup("request_id")
		if !ok {
			return b, logging.MissingField("request_id")
		}
		b = append(b, " ["...)
		b = v.AppendStr(b)
		b = append(b, "] "...)
		return r.AppendMessage(b)
	}})
	l := logging.Get("example.api")
	l.AddHandler(h)
	defer l.RemoveHandler(h)

	ctx := context.WithValue(context.Background(), requestKey{}, "r-7f3a")
	l.WarningContext(ctx, "slow upstream")
	l.ErrorContextf(ctx, "upstream returned %d", 503)
	l.WarningContext(context.Background(), "no request")
	// Output:
	// WARNING [r-7f3a] slow upstream
	// ERROR [r-7f3a] upstream returned 503
	// WARNING [-] no request
}
