//go:build !race

package examples_test

import (
	"bytes"
	"testing"

	jsonlogs "github.com/loggen/loggen/examples/jsonlog/logs"
	logging "github.com/loggen/loggen/runtime"
)

// lastLine is a writer that keeps the last line written, in a buffer it
// reuses, so that writing allocates nothing.
type lastLine struct{ b []byte }

func (w *lastLine) Write(p []byte) (int, error) {
	w.b = append(w.b[:0], p...)
	return len(p), nil
}

// TestGeneratedJSONAllocatesNothing checks, through the code generated for
// python-json-logger's JsonFormatter (examples/jsonlog), that a disabled
// call and an enabled call with a constant message, typed extras or the
// runtime's fields allocate nothing, and that the calls do write JSON.
func TestGeneratedJSONAllocatesNothing(t *testing.T) {
	w := &lastLine{b: make([]byte, 0, 1024)}
	cfg := jsonlogs.Config()
	for i := range cfg.Handlers {
		cfg.Handlers[i].New = func() (logging.Handler, error) { return logging.NewStreamHandler(w), nil }
	}
	if err := logging.Configure(cfg); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(logging.Shutdown)

	wantAllocs(t, "disabled call", func() { jsonlogs.ShopDB.Info("shop.db is at WARNING") })
	wantAllocs(t, "enabled, constant message", func() { jsonlogs.Root.Info("shutting down") })
	if !bytes.Contains(w.b, []byte(`"message": "shutting down", "request_id": null, "timestamp": "`)) {
		t.Errorf("the constant message wrote %q", w.b)
	}
	x := jsonlogs.ShopOrders.With(jsonlogs.Extra{RequestID: "r-17"})
	wantAllocs(t, "enabled, typed extra", func() { x.Info("order placed") })
	if !bytes.Contains(w.b, []byte(`"request_id": "r-17"`)) {
		t.Errorf("the typed extra wrote %q", w.b)
	}
	wantAllocs(t, "With and a call", func() { jsonlogs.ShopOrders.With(jsonlogs.Extra{RequestID: "r-18"}).Debug("inline") })
	fields := []logging.Field{
		logging.String("request_id", "r-19"), logging.Int("items", 3), logging.Float64("total", 19.99),
		logging.Bool("gift", true), logging.String("note", "caf\u00e9"),
	}
	orders := logging.Get("shop.orders")
	wantAllocs(t, "enabled, the runtime's fields", func() { orders.LogExtra(0, logging.INFO, nil, fields, "order placed") })
	if !bytes.Contains(w.b, []byte(`"items": 3, "total": 19.99, "gift": true, "note": "caf\u00e9"`)) {
		t.Errorf("the runtime's fields wrote %q", w.b)
	}
}
