package handlers

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	logging "github.com/loggen/loggen/runtime"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// HTTPOptions configures an HTTPHandler; the fields are the keyword
// arguments of Python's logging.handlers.HTTPHandler.
type HTTPOptions struct {
	// Host is "host" or "host:port", sent as the Host header.
	Host string
	// URL is the request path, optionally with a query ("/log?src=go").
	URL string
	// Method is "GET" (the default) or "POST", in any case.
	Method string
	// Secure selects HTTPS.
	Secure bool
	// Credentials, if not nil, is (username, password) for Basic
	// authorization.
	Credentials *[2]string
	// TLSConfig is Python's context: the TLS configuration for Secure; nil
	// verifies the server against the system roots.
	TLSConfig *tls.Config
	// Timeout bounds each request, response included; 0 means 5 s. (Python's
	// HTTPHandler has no timeout and can block for ever.)
	Timeout time.Duration
	// Queue, if not nil, puts the handler behind a bounded queue
	// (loggen's queue key): see the package documentation.
	Queue *QueueOptions
}

// An HTTPHandler sends each record to a web server, as Python's
// HTTPHandler does: the record's attributes (Python's record.__dict__, in
// its order, each value as str() prints it) urlencoded into the query of a
// GET or the body of a POST, on a new connection per record. The response is
// read and ignored, whatever its status, as in Python.
type HTTPHandler struct {
	logging.HandlerBase
	host    string
	url     string
	method  string
	secure  bool
	auth    string
	client  *http.Client
	timeout time.Duration
	q       *recordQueue // Queue; nil: each request is made in its logging call
}

// NewHTTPHandler returns an HTTPHandler. It connects to nothing until a
// record arrives.
func NewHTTPHandler(o HTTPOptions) (*HTTPHandler, error) {
	method := strings.ToUpper(o.Method)
	if method == "" {
		method = "GET"
	}
	if method != "GET" && method != "POST" {
		return nil, errors.New(`method must be "GET" or "POST"`)
	}
	if !o.Secure && o.TLSConfig != nil {
		return nil, errors.New("context parameter only makes sense with secure=True")
	}
	if o.Host == "" {
		return nil, errors.New("host: empty")
	}
	h := &HTTPHandler{host: o.Host, url: o.URL, method: method, secure: o.Secure, timeout: o.Timeout}
	if h.timeout <= 0 {
		h.timeout = 5 * time.Second
	}
	if o.Credentials != nil {
		h.auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(o.Credentials[0]+":"+o.Credentials[1]))
	}
	tr := &http.Transport{
		DisableKeepAlives:  true, // a new connection per record, as in Python
		DisableCompression: true,
		TLSClientConfig:    o.TLSConfig,
		Proxy:              nil, // http.client ignores proxy variables
	}
	h.client = &http.Client{
		Transport: tr,
		// http.client does not follow redirects.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	h.q = newDeliveryQueue(&h.Name, o.Queue, h.timeout)
	return h, nil
}

// NeedsCaller reports true: the record's pathname, lineno and funcName are
// sent.
func (h *HTTPHandler) NeedsCaller() bool { return true }

// Handle implements Handler.
func (h *HTTPHandler) Handle(r *logging.Record) bool {
	if !h.Filter(r) {
		return false
	}
	data := string(AppendRecordURLEncoded(nil, r))
	if h.q == nil {
		if err := h.emit(data); err != nil {
			logging.HandleError(h.Name, r, err)
		}
		return true
	}
	c := queuedCopy(r) // what a failure reports
	h.q.put(queueItem{job: func() {
		if err := h.emit(data); err != nil {
			logging.HandleError(h.Name, c, err)
		}
	}})
	return true
}

// Dropped returns how many records were dropped by the queue of the Queue
// option (always 0 without it).
func (h *HTTPHandler) Dropped() int64 { return h.q.dropped() }

// emit makes the request that carries data, the urlencoded record.
func (h *HTTPHandler) emit(data string) error {
	target := h.url
	var body io.Reader
	if h.method == "GET" {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + data
	} else {
		body = strings.NewReader(data)
	}
	scheme := "http"
	if h.secure {
		scheme = "https"
	}
	ctx, cancel := context.WithTimeout(context.Background(), h.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, h.method, scheme+"://"+h.host, body)
	if err != nil {
		return err
	}
	// The request target is the url as given, as http.client sends it.
	req.URL.Opaque = ""
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return fmt.Errorf("url %q: %w", h.url, err)
	}
	req.URL.Path, req.URL.RawPath, req.URL.RawQuery = u.Path, u.RawPath, u.RawQuery
	req.Host = h.host
	req.Header["User-Agent"] = []string{""} // http.client sends none
	req.Header.Set("Accept-Encoding", "identity")
	if h.method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.ContentLength = int64(len(data))
	}
	if h.auth != "" {
		req.Header.Set("Authorization", h.auth)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return err
}

// Flush does nothing without Queue: records are sent as they come. With
// Queue, it waits until the records queued before it are sent, at most
// the timeout.
func (h *HTTPHandler) Flush() error {
	h.q.flushWithin()
	return nil
}

// Close releases idle connections (there are none between records). With
// Queue, it first sends the records still queued (those not sent within
// the timeout are dropped and counted) and stops the goroutine.
func (h *HTTPHandler) Close() error {
	h.q.closeDelivery()
	h.client.CloseIdleConnections()
	return nil
}

// AppendRecordURLEncoded appends urllib.parse.urlencode(record.__dict__) as
// CPython 3.11's HTTPHandler.mapLogRecord gives it: the attributes in
// LogRecord's order, then the extras, each value str()'d (floats as repr,
// None as "None", args as the repr of the tuple, msg unmerged) and quoted
// with quote_plus.
func AppendRecordURLEncoded(b []byte, r *logging.Record) []byte {
	var v []byte
	first := true
	add := func(key string, val []byte) {
		if !first {
			b = append(b, '&')
		}
		first = false
		b = append(b, url.QueryEscape(key)...)
		b = append(b, '=')
		b = append(b, url.QueryEscape(string(val))...)
		v = val[:0]
	}
	add("name", append(v, r.Name...))
	add("msg", append(v, r.Msg...))
	add("args", r.AppendArgsRepr(v))
	add("levelname", r.Level.AppendName(v))
	add("levelno", strconv.AppendInt(v, int64(r.Level), 10))
	add("pathname", append(v, r.Pathname()...))
	add("filename", append(v, r.Filename()...))
	add("module", append(v, r.Module()...))
	if r.Err == nil {
		add("exc_info", append(v, "None"...))
	} else {
		add("exc_info", append(v, r.Err.Error()...))
	}
	add("exc_text", r.AppendExcText(v))
	add("stack_info", r.AppendStackInfo(v))
	add("lineno", strconv.AppendInt(v, int64(r.Lineno()), 10))
	add("funcName", append(v, r.FuncName()...))
	add("created", pyfmt.AppendFloatRepr(v, r.Created()))
	add("msecs", pyfmt.AppendFloatRepr(v, r.Msecs()))
	add("relativeCreated", pyfmt.AppendFloatRepr(v, r.RelativeCreated()))
	add("thread", strconv.AppendInt(v, int64(r.Thread()), 10))
	add("threadName", append(v, r.ThreadName()...))
	add("processName", append(v, r.ProcessName()...))
	add("process", strconv.AppendInt(v, int64(r.Process()), 10))
	for _, f := range r.Extra {
		add(f.Key, f.Value.AppendStr(v))
	}
	return b
}
