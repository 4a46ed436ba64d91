package handlers

import (
	"net"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// TestWorstCaseBlocking measures the slowest of a run of logging calls on
// each network handler whose destination accepts connections and never
// reads or answers (the worst case: a peer that refuses is noticed at
// once), with a timeout of 300ms, and checks it against the bound the
// README's handler table states: twice the timeout for a stream socket (a
// connect and the writes), the timeout for SMTP and HTTP (one session, one
// request), one delivery for a full queue that blocks, and no wait for a
// queue that drops or a datagram.
func TestWorstCaseBlocking(t *testing.T) {
	sockCaptureReports(t) // the failures are expected; keep them off stderr
	const timeout = 300 * time.Millisecond
	// A loaded 2-CPU machine and the race detector add to the bound (a
	// 256 KiB record is formatted and pickled in the call; under -race on
	// a machine with a load average of 20, stream calls took up to 1.4s):
	// the check is that calls are bounded, and the figures are logged.
	slack := 5 * timeout
	stuck := silentServer(t)
	host, port := splitHostPortT(t, stuck)
	big := strings.Repeat("x", 256<<10) // fills the socket buffers within the calls
	cases := []struct {
		name  string
		bound time.Duration
		calls int
		new   func() (logging.Handler, error)
		extra string // appended to each message
	}{
		{"SocketHandler", 2 * timeout, 40, func() (logging.Handler, error) {
			return NewSocketHandler(SocketOptions{Host: host, Port: port, Timeout: timeout}), nil
		}, big},
		{"SysLogHandler over TCP", 2 * timeout, 40, func() (logging.Handler, error) {
			return NewSysLogHandler(SysLogOptions{Address: stuck, SockType: SockStream, Framing: FramingOctetCounting, Timeout: timeout})
		}, big},
		{"SysLogHandler over UDP", 0, 50, func() (logging.Handler, error) {
			return NewSysLogHandler(SysLogOptions{Address: stuck, Timeout: timeout})
		}, ""},
		{"DatagramHandler", 0, 50, func() (logging.Handler, error) {
			return NewDatagramHandler(SocketOptions{Host: host, Port: port}), nil
		}, ""},
		{"SMTPHandler", timeout, 3, func() (logging.Handler, error) {
			return NewSMTPHandler(SMTPOptions{Mailhost: stuck, FromAddr: "a@example.test", ToAddrs: []string{"b@example.test"}, Subject: "s", Timeout: timeout})
		}, ""},
		{"HTTPHandler", timeout, 3, func() (logging.Handler, error) {
			return NewHTTPHandler(HTTPOptions{Host: stuck, URL: "/log", Timeout: timeout})
		}, ""},
		{"SMTPHandler, queue: {when_full: drop}", 0, 50, func() (logging.Handler, error) {
			return NewSMTPHandler(SMTPOptions{Mailhost: stuck, FromAddr: "a@example.test", ToAddrs: []string{"b@example.test"}, Subject: "s", Timeout: timeout,
				Queue: &QueueOptions{MaxSize: 4, WhenFull: QueueDrop}})
		}, ""},
		{"HTTPHandler, queue: {maxsize: 2} (blocks when full)", timeout, 6, func() (logging.Handler, error) {
			return NewHTTPHandler(HTTPOptions{Host: stuck, URL: "/log", Timeout: timeout, Queue: &QueueOptions{MaxSize: 2}})
		}, ""},
	}
	for _, c := range cases {
		h, err := c.new()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var slowest, total time.Duration
		for i := range c.calls {
			r := logging.NewRecord("app", logging.ERROR, "record %d%s", i, c.extra)
			start := time.Now()
			h.Handle(r)
			d := time.Since(start)
			slowest, total = max(slowest, d), total+d
		}
		h.Close()
		t.Logf("%-50s %2d calls: slowest %v, mean %v (bound %v)", c.name, c.calls, slowest.Round(time.Millisecond),
			(total / time.Duration(c.calls)).Round(time.Millisecond), c.bound)
		if slowest > c.bound+slack {
			t.Errorf("%s: a call took %v, more than the bound %v", c.name, slowest, c.bound)
		}
		if c.bound >= timeout && slowest < timeout*9/10 {
			t.Errorf("%s: the slowest call took %v, less than the timeout %v: the peer is not stuck, the test measures nothing", c.name, slowest, timeout)
		}
	}
}

// splitHostPortT splits a "host:port" address.
func splitHostPortT(t *testing.T, addr string) (string, int) {
	t.Helper()
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	a, err := net.ResolveTCPAddr("tcp", net.JoinHostPort(h, p))
	if err != nil {
		t.Fatal(err)
	}
	return h, a.Port
}
