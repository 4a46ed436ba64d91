package main

import (
	"compress/gzip"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	collogspb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	logspb "go.opentelemetry.io/proto/otlp/logs/v1"
	"google.golang.org/protobuf/proto"
)

// receiver is an OTLP/HTTP logs endpoint: it decodes each export request
// (protobuf, maybe gzipped) and keeps its records with their resource.
type receiver struct {
	mu       sync.Mutex
	records  []*logspb.LogRecord
	services []string
	errs     []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	body := io.Reader(r.Body)
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			rc.errs = append(rc.errs, err.Error())
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = zr
	}
	data, err := io.ReadAll(body)
	var req collogspb.ExportLogsServiceRequest
	if err == nil {
		err = proto.Unmarshal(data, &req)
	}
	if r.URL.Path != "/v1/logs" || r.Header.Get("Content-Type") != "application/x-protobuf" || err != nil {
		rc.errs = append(rc.errs, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type")+": "+errString(err))
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	for _, rl := range req.ResourceLogs {
		for _, a := range rl.GetResource().GetAttributes() {
			if a.Key == "service.name" {
				rc.services = append(rc.services, a.Value.GetStringValue())
			}
		}
		for _, sl := range rl.ScopeLogs {
			rc.records = append(rc.records, sl.LogRecords...)
		}
	}
	out, _ := proto.Marshal(&collogspb.ExportLogsServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.Write(out)
}

func errString(err error) string {
	if err == nil {
		return "unexpected request"
	}
	return err.Error()
}

func attrs(r *logspb.LogRecord) map[string]*commonpb.AnyValue {
	m := map[string]*commonpb.AnyValue{}
	for _, kv := range r.Attributes {
		m[kv.Key] = kv.Value
	}
	return m
}

// The example's records reach a real OTLP/HTTP endpoint on 127.0.0.1,
// each with its body, severity, logger name, extra attributes, exception,
// caller and trace.
func TestRecordsReachCollector(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rc := &receiver{}
	srv := &http.Server{Handler: rc}
	go srv.Serve(ln)
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://"+ln.Addr().String()+"/v1/logs")

	if err := run(); err != nil {
		t.Fatal(err)
	}

	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.errs) > 0 {
		t.Fatalf("bad requests: %q", rc.errs)
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	type want struct {
		body, logger string
		severity     logspb.SeverityNumber
		call         string // on the line of the call
	}
	wants := []want{
		{"checkout started", "root", logspb.SeverityNumber_SEVERITY_NUMBER_INFO, `InfoContext(ctx, "checkout started")`},
		{"charging card", "checkout.payments", logspb.SeverityNumber_SEVERITY_NUMBER_INFO, "LogExtraContext(ctx"},
		{"payment failed", "checkout.payments", logspb.SeverityNumber_SEVERITY_NUMBER_ERROR, "ExceptionContext(ctx"},
	}
	if len(rc.records) != len(wants) {
		t.Fatalf("%d records arrived, want %d: %v", len(rc.records), len(wants), rc.records)
	}
	for i, w := range wants {
		r := rc.records[i]
		a := attrs(r)
		if got := r.Body.GetStringValue(); got != w.body {
			t.Errorf("record %d: body %q, want %q", i, got, w.body)
		}
		if r.SeverityNumber != w.severity {
			t.Errorf("record %d: severity %v, want %v", i, r.SeverityNumber, w.severity)
		}
		if got := a["logger"].GetStringValue(); got != w.logger {
			t.Errorf("record %d: logger %q, want %q", i, got, w.logger)
		}
		if got := hex.EncodeToString(r.TraceId); got != "0102030405060708090a0b0c0d0e0f10" || hex.EncodeToString(r.SpanId) != "0102030405060708" {
			t.Errorf("record %d: trace %s span %x", i, got, r.SpanId)
		}
		if a["trace_id"].GetStringValue() != "0102030405060708090a0b0c0d0e0f10" {
			t.Errorf("record %d: the extractor's trace_id attribute: %v", i, a["trace_id"])
		}
		n := a["code.line.number"].GetIntValue()
		if !strings.HasSuffix(a["code.function.name"].GetStringValue(), ".run") || !strings.HasSuffix(a["code.file.path"].GetStringValue(), "/main.go") ||
			n < 1 || int(n) > len(lines) || !strings.Contains(lines[n-1], w.call) {
			t.Errorf("record %d: caller %v %v:%v, want the line of %s", i, a["code.function.name"], a["code.file.path"], n, w.call)
		}
		if r.TimeUnixNano == 0 {
			t.Errorf("record %d has no time", i)
		}
	}
	if a := attrs(rc.records[1]); a["card"].GetStringValue() != "visa" || a["amount_cents"].GetIntValue() != 4200 {
		t.Errorf("extra attributes: %v", rc.records[1].Attributes)
	}
	exc := attrs(rc.records[2])["exc_text"].GetStringValue()
	if !strings.HasPrefix(exc, "Traceback (most recent call last):\n  File \"") || !strings.HasSuffix(exc, "\nerrors.errorString: card declined") {
		t.Errorf("exc_text:\n%s", exc)
	}
	for _, s := range rc.services {
		if s != "checkout" {
			t.Errorf("service.name %q", s)
		}
	}
	if len(rc.services) == 0 {
		t.Error("no resource with a service.name")
	}
}
