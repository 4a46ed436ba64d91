//go:build !race

package runtime

import (
	"context"
	"testing"
	"time"
)

// An enabled context call with a constant message allocates nothing, with
// or without an extractor that appends a string it finds in the context.
func TestContextAllocs(t *testing.T) {
	l := configureDiscard(t, INFO)
	ctx := context.WithValue(context.Background(), ctxKey{}, "r-1")
	wantAllocs(t, 0, "disabled DebugContext", func() { l.DebugContext(ctx, "not logged") })
	wantAllocs(t, 0, "enabled InfoContext, no extractor", func() { l.InfoContext(ctx, "a static message") })
	remove := AddContextExtractor(requestID)
	defer remove()
	wantAllocs(t, 0, "enabled InfoContext, an extractor", func() { l.InfoContext(ctx, "a static message") })
	fields := []Field{String("user", "bob")}
	wantAllocs(t, 0, "enabled LogExtraContext", func() { l.LogExtraContext(ctx, 0, INFO, nil, fields, "login") })
	at := time.Now()
	wantAllocs(t, 0, "enabled LogEvent", func() { l.LogEvent(ctx, INFO, at, 0, nil, fields, "bridged") })
}
