package handlers

import (
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// pyURLEncoded is what CPython 3.11 produces, computed once with:
//
//	r = logging.LogRecord("app.http", logging.WARNING, "(unknown file)", 0,
//	        "GET %s & more 100%%", ("a b",), None, func="(unknown function)")
//	r.created = 1795218591.7833035; r.msecs = 783.0; r.relativeCreated = 12.5
//	r.thread = 4242; r.process = 777
//	r.__dict__.update(request_id="r-123/é", big=1e16, small=1e-05, mid=1e15,
//	        ratio=0.1, n=42, ok=True, none=None)
//	print(urllib.parse.urlencode(logging.handlers.HTTPHandler("h", "/log").mapLogRecord(r)))
//
// relativeCreated, thread and process depend on the Go process; the test
// puts its own values in their place.
const pyURLEncoded = "name=app.http&msg=GET+%25s+%26+more+100%25%25&args=%28%27a+b%27%2C%29&levelname=WARNING&levelno=30&pathname=%28unknown+file%29&filename=%28unknown+file%29&module=%28unknown+file%29&exc_info=None&exc_text=None&stack_info=None&lineno=0&funcName=%28unknown+function%29&created=1795218591.7833035&msecs=783.0&relativeCreated=12.5&thread=4242&threadName=MainThread&processName=MainProcess&process=777&request_id=r-123%2F%C3%A9&big=1e%2B16&small=1e-05&mid=1000000000000000.0&ratio=0.1&n=42&ok=True&none=None"

func httpTestRecord() *logging.Record {
	r := logging.NewRecord("app.http", logging.WARNING, "GET %s & more 100%%", "a b")
	r.SetTime(time.Unix(0, int64(math.Round(1795218591.7833035*1e9))))
	r.Extra = []logging.Field{
		logging.String("request_id", "r-123/é"), logging.Float64("big", 1e16), logging.Float64("small", 1e-05),
		logging.Float64("mid", 1e15), logging.Float64("ratio", 0.1), logging.Int("n", 42), logging.Bool("ok", true), logging.Any("none", nil),
	}
	return r
}

// wantURLEncoded is pyURLEncoded with this process's relativeCreated,
// thread and process.
func wantURLEncoded(r *logging.Record) string {
	s := strings.Replace(pyURLEncoded, "relativeCreated=12.5", "relativeCreated="+string(pyfmt.AppendFloatRepr(nil, r.RelativeCreated())), 1)
	s = strings.Replace(s, "thread=4242", "thread="+strconv.Itoa(r.Thread()), 1)
	return strings.Replace(s, "process=777", "process="+strconv.Itoa(r.Process()), 1)
}

func TestRecordURLEncodedMatchesCPython(t *testing.T) {
	r := httpTestRecord()
	got := string(AppendRecordURLEncoded(nil, r))
	// thread is the calling thread's id: compute the expectation on the
	// same goroutine, locked to its thread.
	if want := wantURLEncoded(r); got != want && !sameButThread(got, want) {
		t.Errorf("urlencoded =\n%s\nwant\n%s", got, want)
	}
}

// sameButThread reports whether a and b differ at most in the thread value
// (the goroutine may move between threads between the two calls).
func sameButThread(a, b string) bool {
	strip := func(s string) string {
		i := strings.Index(s, "&thread=")
		j := strings.Index(s, "&threadName=")
		if i < 0 || j < i {
			return s
		}
		return s[:i] + s[j:]
	}
	return strip(a) == strip(b)
}

type capturedRequest struct {
	method, requestURI, host, body string
	header                         http.Header
	proto                          string
}

func captureServer(t *testing.T) (*httptest.Server, chan capturedRequest) {
	t.Helper()
	ch := make(chan capturedRequest, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		ch <- capturedRequest{req.Method, req.RequestURI, req.Host, string(b), req.Header.Clone(), req.Proto}
		w.WriteHeader(http.StatusInternalServerError) // ignored, as in Python
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func receive(t *testing.T, ch chan capturedRequest) capturedRequest {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no request reached the server")
	}
	return capturedRequest{}
}

func TestHTTPHandlerGET(t *testing.T) {
	srv, ch := captureServer(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, tc := range []struct{ url, prefix string }{
		{"/log", "/log?"},
		{"/log?src=go", "/log?src=go&"},
	} {
		h, err := NewHTTPHandler(HTTPOptions{Host: host, URL: tc.url, Method: "get"})
		if err != nil {
			t.Fatal(err)
		}
		r := httpTestRecord()
		data := string(AppendRecordURLEncoded(nil, r))
		h.Handle(r)
		c := receive(t, ch)
		if c.method != "GET" || c.host != host || c.body != "" || c.proto != "HTTP/1.1" {
			t.Errorf("url %q: method %q host %q body %q proto %q", tc.url, c.method, c.host, c.body, c.proto)
		}
		if want := tc.prefix + data; c.requestURI != want && !sameButThread(c.requestURI, want) {
			t.Errorf("url %q: request target =\n%s\nwant\n%s", tc.url, c.requestURI, want)
		}
		if !sameButThread(strings.TrimPrefix(c.requestURI, tc.prefix), wantURLEncoded(r)) {
			t.Errorf("url %q: query differs from CPython's:\n%s\n%s", tc.url, c.requestURI, wantURLEncoded(r))
		}
		if got := c.header.Get("Accept-Encoding"); got != "identity" {
			t.Errorf("Accept-Encoding = %q", got)
		}
		if _, ok := c.header["User-Agent"]; ok {
			t.Errorf("User-Agent sent: %q (http.client sends none)", c.header["User-Agent"])
		}
		if _, ok := c.header["Authorization"]; ok {
			t.Errorf("Authorization sent without credentials")
		}
		h.Close()
	}
}

func TestHTTPHandlerPOSTWithCredentials(t *testing.T) {
	srv, ch := captureServer(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	h, err := NewHTTPHandler(HTTPOptions{Host: host, URL: "/ingest", Method: "POST", Credentials: &[2]string{"user", "pa:ss"}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r := httpTestRecord()
	h.Handle(r)
	c := receive(t, ch)
	if c.method != "POST" || c.requestURI != "/ingest" || c.host != host {
		t.Errorf("method %q target %q host %q", c.method, c.requestURI, c.host)
	}
	if !sameButThread(c.body, wantURLEncoded(r)) {
		t.Errorf("body =\n%s\nwant (CPython)\n%s", c.body, wantURLEncoded(r))
	}
	for k, want := range map[string]string{
		"Content-Type":    "application/x-www-form-urlencoded",
		"Content-Length":  strconv.Itoa(len(c.body)),
		"Authorization":   "Basic dXNlcjpwYTpzcw==", // measured from CPython for ('user', 'pa:ss')
		"Accept-Encoding": "identity",
	} {
		if got := c.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func TestNewHTTPHandlerRejects(t *testing.T) {
	if _, err := NewHTTPHandler(HTTPOptions{Host: "h", URL: "/", Method: "PUT"}); err == nil {
		t.Error("method PUT accepted")
	}
}

// captureErrors sends HandleError reports to a buffer for the test.
func captureErrors(t *testing.T) *syncBuffer {
	var report syncBuffer
	logging.SetErrorOutput(&report)
	t.Cleanup(func() {
		logging.SetErrorOutput(nil)
	})
	return &report
}

func TestHTTPHandlerFailuresGoToHandleErrorWithinTimeout(t *testing.T) {
	report := captureErrors(t)

	// Nobody listening.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := ln.Addr().String()
	ln.Close()
	h, err := NewHTTPHandler(HTTPOptions{Host: deadAddr, URL: "/log", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	h.Name = "http-dead"
	h.Handle(logging.NewRecord("x", logging.ERROR, "lost %d", 1))

	// A server that never answers.
	release := make(chan struct{})
	var once sync.Once
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		<-release
	}))
	defer stuck.Close()
	defer once.Do(func() { close(release) })
	h2, err := NewHTTPHandler(HTTPOptions{Host: strings.TrimPrefix(stuck.URL, "http://"), URL: "/log", Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	h2.Name = "http-stuck"
	start := time.Now()
	h2.Handle(logging.NewRecord("x", logging.ERROR, "slow"))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Handle blocked %v with a 300ms timeout", d)
	}
	once.Do(func() { close(release) })

	out := report.String()
	for _, want := range []string{`handler "http-dead": `, `handler "http-stuck": `, "Message: 'lost %d'", "Arguments: (1,)"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
