package handlers

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// syslogFormat is logging.Formatter("%(name)s: %(levelname)s %(message)s").
var syslogFormat = &logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
	b = append(b, r.Name...)
	b = append(b, ": "...)
	b = r.Level.AppendName(b)
	b = append(b, ' ')
	return r.AppendMessage(b)
}}

// syslogRecords are the records of the CPython capture below.
func syslogRecords() []*logging.Record {
	return []*logging.Record{
		logging.NewRecord("svc.db", logging.DEBUG, "h\u00e9llo %s", "w\u00f6rld"),
		logging.NewRecord("svc.db", logging.INFO, "info"),
		logging.NewRecord("svc.db", logging.WARNING, "warn"),
		logging.NewRecord("svc.db", logging.ERROR, "err"),
		logging.NewRecord("svc.db", logging.CRITICAL, "crit"),
		logging.NewRecord("svc.db", logging.Level(25), "custom"),
	}
}

// The expected bytes were captured from CPython 3.11.7 with a UDP socket and
// a TCP listener on 127.0.0.1 and:
//
//	log = logging.getLogger("svc.db"); log.setLevel(1)
//	fmt = logging.Formatter("%(name)s: %(levelname)s %(message)s")
//	hu = SysLogHandler(address=udp_addr, facility="local3"); hu.ident = "myapp: "
//	ht = SysLogHandler(address=tcp_addr, facility=3, socktype=socket.SOCK_STREAM)
//	log.debug("h\u00e9llo %s", "w\u00f6rld"); log.info("info"); log.warning("warn")
//	log.error("err"); log.critical("crit"); log.log(25, "custom")
//
// printing repr() of each UDP datagram and of everything the TCP peer read.
var (
	cpythonUDP = []string{
		"<159>myapp: svc.db: DEBUG h\xc3\xa9llo w\xc3\xb6rld\x00",
		"<158>myapp: svc.db: INFO info\x00",
		"<156>myapp: svc.db: WARNING warn\x00",
		"<155>myapp: svc.db: ERROR err\x00",
		"<154>myapp: svc.db: CRITICAL crit\x00",
		"<156>myapp: svc.db: Level 25 custom\x00",
	}
	cpythonTCP = "<31>svc.db: DEBUG h\xc3\xa9llo w\xc3\xb6rld\x00<30>svc.db: INFO info\x00" +
		"<28>svc.db: WARNING warn\x00<27>svc.db: ERROR err\x00<26>svc.db: CRITICAL crit\x00" +
		"<28>svc.db: Level 25 custom\x00"
)

// syslogCaptureErrors sends HandleError reports to a buffer for the test.
func syslogCaptureErrors(t *testing.T) *syncBuffer {
	t.Helper()
	var report syncBuffer
	logging.SetErrorOutput(&report)
	t.Cleanup(func() {
		logging.SetErrorOutput(nil)
	})
	return &report
}

func syslogUDPListener(t *testing.T) *net.UDPConn {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func syslogTCPListener(t *testing.T) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func syslogReadDatagrams(t *testing.T, c net.PacketConn, n int) []string {
	t.Helper()
	var got []string
	buf := make([]byte, 65536)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	for len(got) < n {
		k, _, err := c.ReadFrom(buf)
		if err != nil {
			t.Fatalf("after %d datagrams: %v", len(got), err)
		}
		got = append(got, string(buf[:k]))
	}
	return got
}

func TestSysLogUDPBytesMatchCPython(t *testing.T) {
	report := syslogCaptureErrors(t)
	l := syslogUDPListener(t)
	h, err := NewSysLogHandler(SysLogOptions{Address: l.LocalAddr().String(), Facility: FacilityLocal3, Ident: "myapp: "})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.SetFormatter(syslogFormat)
	for _, r := range syslogRecords() {
		h.Handle(r)
	}
	got := syslogReadDatagrams(t, l, len(cpythonUDP))
	for i := range cpythonUDP {
		if got[i] != cpythonUDP[i] {
			t.Errorf("datagram %d = %q, want %q", i, got[i], cpythonUDP[i])
		}
	}
	if report.String() != "" {
		t.Errorf("errors reported: %s", report.String())
	}
}

func TestSysLogTCPBytesMatchCPython(t *testing.T) {
	report := syslogCaptureErrors(t)
	l := syslogTCPListener(t)
	h, err := NewSysLogHandler(SysLogOptions{Address: l.Addr().String(), Facility: FacilityDaemon, SockType: SockStream})
	if err != nil {
		t.Fatal(err)
	}
	h.SetFormatter(syslogFormat)
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, r := range syslogRecords() {
		h.Handle(r)
	}
	h.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != cpythonTCP {
		t.Errorf("stream = %q, want %q", got, cpythonTCP)
	}
	if report.String() != "" {
		t.Errorf("errors reported: %s", report.String())
	}
}

func TestSysLogUnixDatagramThenStreamFallback(t *testing.T) {
	dir, err := os.MkdirTemp("", "sl") // short: unix socket paths are limited to 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	report := syslogCaptureErrors(t)

	dgPath := filepath.Join(dir, "dg.sock")
	dg, err := net.ListenPacket("unixgram", dgPath)
	if err != nil {
		t.Fatal(err)
	}
	defer dg.Close()
	h, err := NewSysLogHandler(SysLogOptions{Path: dgPath, OmitNUL: true})
	if err != nil {
		t.Fatal(err)
	}
	h.Handle(logging.NewRecord("x", logging.ERROR, "over unixgram"))
	h.Close()
	if got := syslogReadDatagrams(t, dg, 1); got[0] != "<11>over unixgram" {
		t.Errorf("unixgram got %q", got[0])
	}

	stPath := filepath.Join(dir, "st.sock")
	st, err := net.Listen("unix", stPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err = NewSysLogHandler(SysLogOptions{Path: stPath, Facility: FacilityMail})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	h.Handle(logging.NewRecord("x", logging.INFO, "over unix stream"))
	h.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if got, _ := io.ReadAll(c); string(got) != "<22>over unix stream\x00" {
		t.Errorf("unix stream got %q", got)
	}

	// A unix socket that is missing is not an error until a record comes.
	h, err = NewSysLogHandler(SysLogOptions{Path: filepath.Join(dir, "missing.sock")})
	if err != nil {
		t.Fatalf("missing unix socket at construction: %v", err)
	}
	if report.String() != "" {
		t.Fatalf("errors reported: %s", report.String())
	}
	h.Handle(logging.NewRecord("x", logging.INFO, "lost"))
	if !strings.Contains(report.String(), "--- Logging error ---") {
		t.Errorf("no error reported for a missing unix socket: %q", report.String())
	}
}

var rfc5424Re = regexp.MustCompile(`(?s)^<(\d+)>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(?:Z|[+-]\d\d:\d\d)) (\S+) (\S+) (\S+) (\S+) - (.*)$`)

func TestSysLogRFC5424(t *testing.T) {
	report := syslogCaptureErrors(t)
	u := syslogUDPListener(t)
	h, err := NewSysLogHandler(SysLogOptions{Address: u.LocalAddr().String(), Facility: FacilityLocal7, RFC5424: true,
		AppName: "my app", MsgID: "M1", Hostname: "host1", Ident: "id: "})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.Handle(logging.NewRecord("x", logging.WARNING, "h\u00e9llo"))
	got := syslogReadDatagrams(t, u, 1)[0]
	m := rfc5424Re.FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("datagram %q is not RFC 5424", got)
	}
	want := []string{"188", "host1", "my_app", strconv.Itoa(os.Getpid()), "M1", "id: h\u00e9llo"}
	if g := []string{m[1], m[3], m[4], m[5], m[6], m[7]}; strings.Join(g, "|") != strings.Join(want, "|") {
		t.Errorf("fields = %q, want %q", g, want)
	}
	if _, err := time.Parse(time.RFC3339Nano, m[2]); err != nil {
		t.Errorf("timestamp: %v", err)
	}

	// TCP: octet counting, "LEN SP MSG", no NUL.
	l := syslogTCPListener(t)
	ht, err := NewSysLogHandler(SysLogOptions{Address: l.Addr().String(), SockType: SockStream, RFC5424: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	msgs := []string{"first", "second with\nnewline", "third"}
	for _, s := range msgs {
		ht.Handle(logging.NewRecord("x", logging.ERROR, s))
	}
	ht.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	for _, s := range msgs {
		ls, err := br.ReadString(' ')
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(strings.TrimSuffix(ls, " "))
		if err != nil {
			t.Fatalf("frame length %q: %v", ls, err)
		}
		frame := make([]byte, n)
		if _, err := io.ReadFull(br, frame); err != nil {
			t.Fatal(err)
		}
		m := rfc5424Re.FindStringSubmatch(string(frame))
		if m == nil || m[1] != "11" || m[7] != s || m[6] != "-" || m[4] != filepath.Base(os.Args[0]) {
			t.Errorf("frame %q: want PRI 11, MSGID -, app %s, MSG %q", frame, filepath.Base(os.Args[0]), s)
		}
	}
	if rest, _ := io.ReadAll(br); len(rest) != 0 {
		t.Errorf("trailing bytes %q", rest)
	}
	if report.String() != "" {
		t.Errorf("errors reported: %s", report.String())
	}
}

// TestSysLogTCPReconnects resets the connection from the server's side:
// the records that follow go to a new connection, none lost and nothing
// reported (Python 3.11 would fail every record on the broken socket).
func TestSysLogTCPReconnects(t *testing.T) {
	report := syslogCaptureErrors(t)
	l := syslogTCPListener(t)
	h, err := NewSysLogHandler(SysLogOptions{Address: l.Addr().String(), SockType: SockStream, OmitNUL: true, Framing: FramingLF})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	h.Handle(logging.NewRecord("x", logging.INFO, "before"))
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	first := make([]byte, len("<14>before\n"))
	if _, err := io.ReadFull(c, first); err != nil || string(first) != "<14>before\n" {
		t.Fatalf("first connection got %q, %v", first, err)
	}
	c.(*net.TCPConn).SetLinger(0) // reset
	c.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c2, err := l.Accept()
		if err != nil {
			close(accepted)
			return
		}
		accepted <- c2
	}()
	var want strings.Builder
	for i := range 20 {
		msg := fmt.Sprintf("after reset %d", i)
		h.Handle(logging.NewRecord("x", logging.INFO, msg))
		want.WriteString("<14>" + msg + "\n")
	}
	if err := h.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	c2, ok := <-accepted
	if !ok {
		t.Fatal("no second connection")
	}
	defer c2.Close()
	c2.SetReadDeadline(time.Now().Add(5 * time.Second))
	if got, _ := io.ReadAll(c2); string(got) != want.String() {
		t.Errorf("second connection got\n%s\nwant\n%s", got, want.String())
	}
	if report.String() != "" || h.Dropped() != 0 {
		t.Errorf("dropped %d, reported %q", h.Dropped(), report.String())
	}
}

func TestSysLogClosedUDPPortIsNotAnError(t *testing.T) {
	report := syslogCaptureErrors(t)
	u := syslogUDPListener(t)
	addr := u.LocalAddr().String()
	u.Close() // nothing listens there now: the kernel answers ICMP port unreachable
	h, err := NewSysLogHandler(SysLogOptions{Address: addr})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for i := 0; i < 5; i++ {
		h.Handle(logging.NewRecord("x", logging.ERROR, "nobody listens"))
		time.Sleep(5 * time.Millisecond)
	}
	if report.String() != "" {
		t.Errorf("errors reported for a closed UDP port: %s", report.String())
	}
}

func TestSysLogOptionsErrors(t *testing.T) {
	for _, o := range []SysLogOptions{
		{Facility: FacilityLocal7 + 1},
		{Facility: -1},
		{SockType: 3},
		{Address: "127.0.0.1:1", SockType: SockStream}, // connection refused
	} {
		if _, err := NewSysLogHandler(o); err == nil {
			t.Errorf("NewSysLogHandler(%+v): no error", o)
		}
	}
	for f, want := range map[Facility]int{FacilityUser: 1, FacilityKern: 0, FacilityMail: 2, FacilityLocal0: 16, FacilityLocal7: 23, FacilitySolarisCron: 15} {
		if got := f.code(); got != want {
			t.Errorf("Facility(%d).code() = %d, want %d", f, got, want)
		}
	}
}
