package slogbridge_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"testing/slogtest"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/logtest"
	"github.com/loggen/loggen/runtime/pyfmt"
	"github.com/loggen/loggen/runtime/slogbridge"
)

// nest turns flat dotted keys ("G.a") into nested maps, as slogtest wants
// groups.
func nest(m map[string]any, key string, v any) {
	for {
		g, rest, ok := strings.Cut(key, ".")
		if !ok {
			m[key] = v
			return
		}
		sub, _ := m[g].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			m[g] = sub
		}
		m, key = sub, rest
	}
}

func pyValue(v pyfmt.Value) any {
	switch v.Kind() {
	case pyfmt.KindString:
		return v.Str()
	case pyfmt.KindInt:
		return v.Int()
	case pyfmt.KindFloat:
		return v.Float()
	case pyfmt.KindBool:
		return v.Bool()
	case pyfmt.KindNone:
		return nil
	}
	return v.Any()
}

// The slog.Handler passes testing/slogtest, every case, judged by the
// records it makes (captured with logtest).
func TestSlogtestRecords(t *testing.T) {
	l := logging.Get("slogtest.records")
	rec := logtest.Capture(t, l, logging.DEBUG)
	err := slogtest.TestHandler(slogbridge.Logger(l).Handler(), func() []map[string]any {
		var out []map[string]any
		for _, r := range rec.Records() {
			m := map[string]any{slog.LevelKey: r.Level, slog.MessageKey: r.Message}
			if !r.Time.IsZero() {
				m[slog.TimeKey] = r.Time
			}
			if r.Line != 0 {
				m[slog.SourceKey] = r.File
			}
			for _, f := range r.Fields {
				nest(m, f.Key, pyValue(f.Value))
			}
			out = append(out, m)
		}
		return out
	})
	if err != nil {
		t.Error(err)
	}
}

// slog → loggen → Forwarder → slog.JSONHandler passes slogtest too: what
// slog gives loggen, loggen gives back.
func TestSlogtestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	l := logging.Get("slogtest.roundtrip")
	rec := logtest.Capture(t, l, logging.DEBUG) // takes l's handlers away for the test
	l.RemoveHandler(rec)
	fw := slogbridge.NewForwarder(slog.NewJSONHandler(&buf, &slog.HandlerOptions{AddSource: true, Level: slog.LevelDebug}))
	l.AddHandler(fw)
	defer l.RemoveHandler(fw)
	err := slogtest.TestHandler(slogbridge.Logger(l).Handler(), func() []map[string]any {
		var out []map[string]any
		for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			var flat, m map[string]any
			if err := json.Unmarshal(line, &flat); err != nil {
				t.Fatal(err)
			}
			m = map[string]any{}
			for k, v := range flat {
				nest(m, k, v)
			}
			if m["logger"] != "slogtest.roundtrip" {
				t.Errorf("logger attribute: %v", m["logger"])
			}
			out = append(out, m)
		}
		return out
	})
	if err != nil {
		t.Error(err)
	}
}

func TestLevels(t *testing.T) {
	for _, c := range []struct {
		slog slog.Level
		py   logging.Level
	}{
		{slog.LevelDebug, logging.DEBUG}, {slog.LevelInfo, logging.INFO}, {slog.LevelWarn, logging.WARNING},
		{slog.LevelError, logging.ERROR}, {slog.LevelError + 4, logging.CRITICAL}, {slog.LevelInfo + 2, 25},
		{slog.LevelInfo + 1, 22}, {slog.LevelInfo - 1, 17}, {slog.LevelDebug - 4, 1}, {-100, 1},
	} {
		if got := slogbridge.LevelFromSlog(c.slog); got != c.py {
			t.Errorf("LevelFromSlog(%v) = %d, want %d", c.slog, got, c.py)
		}
	}
	for l := slog.Level(-3); l <= 40; l++ {
		py := slogbridge.LevelFromSlog(l)
		if back := slogbridge.LevelToSlog(py); back != l {
			t.Errorf("LevelToSlog(LevelFromSlog(%d) = %d) = %d", l, py, back)
		}
	}
	for py, want := range map[logging.Level]slog.Level{10: -4, 20: 0, 30: 4, 40: 8, 50: 12, 21: 0, 24: 2, 5: -6} {
		if got := slogbridge.LevelToSlog(py); got != want {
			t.Errorf("LevelToSlog(%d) = %d, want %d", py, got, want)
		}
	}
}

func helper(l *slog.Logger) { l.Info("from a helper") }

// The record's caller is the slog call's, at any depth; its name and
// level are the logger's; the NameKey attribute picks the logger.
func TestHandlerRoutes(t *testing.T) {
	app := logtest.Capture(t, logging.Get("slogbridge.app"), logging.DEBUG)
	db := logtest.Capture(t, logging.Get("slogbridge.app.db"), logging.WARNING)
	h := slogbridge.NewHandler(slogbridge.HandlerOptions{NameKey: "logger", Default: "slogbridge.app"})
	l := slog.New(h)
	helper(l)
	l.Debug("debug", "n", 1)
	l.With("logger", "slogbridge.app.db").Info("db info: below db's level")
	l.With("logger", "slogbridge.app.db").Warn("db warning", slog.Group("q", "ms", 12.5))
	l.WithGroup("g").Info("in a group", "logger", "not a name: in a group")
	l.Info("picked by the call", "logger", "slogbridge.app.db", "ok", true)
	l.Log(context.Background(), slog.LevelError+4, "critical")

	want := []string{"INFO:slogbridge.app:from a helper", "DEBUG:slogbridge.app:debug",
		"INFO:slogbridge.app:in a group", "CRITICAL:slogbridge.app:critical"}
	if got := app.Output(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("app: %q, want %q", got, want)
	}
	want = []string{"WARNING:slogbridge.app.db:db warning"}
	if got := db.Output(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("db: %q, want %q", got, want)
	}
	recs := app.Records()
	if r := recs[0]; r.Function != "helper" || !strings.HasSuffix(r.File, "slogbridge_test.go") {
		t.Errorf("caller of the helper's call: %s %s:%d", r.Function, r.File, r.Line)
	}
	if v, ok := recs[2].Field("g.logger"); !ok || v.Str() != "not a name: in a group" {
		t.Errorf("g.logger = %v, %v", v, ok)
	}
	if v, ok := db.Records()[0].Field("q.ms"); !ok || v.Float() != 12.5 {
		t.Errorf("q.ms = %v, %v", v, ok)
	}
}

// A Forwarder passes the record on with its level, name, fields, error,
// time and context, and a formatter's text as the message when it has one.
func TestForwarder(t *testing.T) {
	var buf bytes.Buffer
	l := logging.Get("slogbridge.fw")
	rec := logtest.Capture(t, l, logging.DEBUG)
	l.RemoveHandler(rec)
	fw := slogbridge.NewForwarder(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	l.AddHandler(fw)
	defer l.RemoveHandler(fw)
	ctx := context.WithValue(context.Background(), struct{}{}, 1)
	l.Debug("below the slog handler's level")
	l.LogExtraContext(ctx, 0, logging.ERROR, errors.New("boom"), []logging.Field{logging.Int("n", 3)}, "failed %s", "twice")
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	if m["level"] != "ERROR" || m["msg"] != "failed twice" || m["logger"] != "slogbridge.fw" || m["n"] != 3.0 || m["exc_text"] != "boom" {
		t.Errorf("forwarded: %v", m)
	}
	if tm, err := time.Parse(time.RFC3339Nano, m["time"].(string)); err != nil || time.Since(tm) > time.Minute {
		t.Errorf("time %v: %v", m["time"], err)
	}

	buf.Reset()
	fw.SetNameKey("")
	fw.SetFormatter(&logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
		b = append(b, "formatted: "...)
		return r.AppendMessage(b)
	}})
	l.Warning("hello")
	m = nil
	json.Unmarshal(buf.Bytes(), &m)
	if m["msg"] != "formatted: hello" || m["level"] != "WARN" || m["logger"] != nil {
		t.Errorf("forwarded: %v", m)
	}
}

type traceKey struct{}

// A slog call's context reaches the context extractors and the record,
// and SetStackInfo gives a slog record the stack of the slog call.
func TestContextAndStackThroughSlog(t *testing.T) {
	l := logging.Get("slogbridge.ctx")
	rec := logtest.Capture(t, l, logging.DEBUG)
	remove := logging.AddContextExtractor(func(ctx logging.Context, f []logging.Field) []logging.Field {
		if id, ok := ctx.Value(traceKey{}).(string); ok {
			f = append(f, logging.String("trace_id", id))
		}
		return f
	})
	defer remove()
	l.SetStackInfo(logging.WARNING)
	defer l.SetStackInfo(logging.NOTSET)
	ctx := context.WithValue(context.Background(), traceKey{}, "t-1")
	sl := slogbridge.Logger(l)
	sl.InfoContext(ctx, "with a trace", "k", "v")
	helperWarn(sl)
	recs := rec.Records()
	if v, ok := recs[0].Field("trace_id"); !ok || v.Str() != "t-1" || recs[0].Context != context.Context(ctx) {
		t.Errorf("trace_id = %v, %v; context %v", v, ok, recs[0].Context)
	}
	if recs[0].StackInfo != "" {
		t.Errorf("stack_info below the level:\n%s", recs[0].StackInfo)
	}
	si := recs[1].StackInfo
	if !strings.HasPrefix(si, "Stack (most recent call last):\n") || !strings.HasSuffix(si, ", in helperWarn") ||
		!strings.Contains(si, ", in TestContextAndStackThroughSlog\n") {
		t.Errorf("stack_info of the slog call:\n%s", si)
	}
}

func helperWarn(l *slog.Logger) { l.Warn("warned") }
