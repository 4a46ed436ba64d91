package handlers

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// capturedFrame is the frame CPython 3.11's SocketHandler sent for
// log.info("charged %s cents to %s", 1250, "acct-9", extra={"request_id": "r-123"})
// (../shared/notes/socket-sample.hex).
const capturedFrame = "000002267d71002858040000006e616d657101580c0000006170702e7061" +
	"796d656e7473710258030000006d73677103581c00000063686172676564" +
	"20313235302063656e747320746f20616363742d39710458040000006172" +
	"677371054e58090000006c6576656c6e616d6571065804000000494e464f" +
	"710758070000006c6576656c6e6f71084b145808000000706174686e616d" +
	"65710958180000002f746d702f6c6f6767656e2d70726f62652f6170702e" +
	"7079710a580800000066696c656e616d65710b58060000006170702e7079" +
	"710c58060000006d6f64756c65710d5803000000617070710e5808000000" +
	"6578635f696e666f710f4e58080000006578635f7465787471104e580a00" +
	"0000737461636b5f696e666f71114e58060000006c696e656e6f71124b12" +
	"580800000066756e634e616d65711358080000003c6d6f64756c653e7114" +
	"58070000006372656174656471154741dac037238abb8358050000006d73" +
	"6563737116474064e00000000000580f00000072656c6174697665437265" +
	"6174656471174740239d7c00000000580600000074687265616471184c31" +
	"33393734313633393536383235364c0a580a0000007468726561644e616d" +
	"657119580a0000004d61696e546872656164711a580b00000070726f6365" +
	"73734e616d65711b580b0000004d61696e50726f63657373711c58070000" +
	"0070726f63657373711d4de533580a000000726571756573745f6964711e" +
	"5805000000722d313233711f752e"

// capturedItems are the values of the captured record, in its dict's order.
func capturedItems() []pickleItem {
	return []pickleItem{
		{"name", pyfmt.StringValue("app.payments")},
		{"msg", pyfmt.StringValue("charged 1250 cents to acct-9")},
		{"args", pyfmt.Value{}},
		{"levelname", pyfmt.StringValue("INFO")},
		{"levelno", pyfmt.IntValue(20)},
		{"pathname", pyfmt.StringValue("/tmp/loggen-probe/app.py")},
		{"filename", pyfmt.StringValue("app.py")},
		{"module", pyfmt.StringValue("app")},
		{"exc_info", pyfmt.Value{}},
		{"exc_text", pyfmt.Value{}},
		{"stack_info", pyfmt.Value{}},
		{"lineno", pyfmt.IntValue(18)},
		{"funcName", pyfmt.StringValue("<module>")},
		{"created", pyfmt.FloatValue(1795218574.1676948)},
		{"msecs", pyfmt.FloatValue(167.0)},
		{"relativeCreated", pyfmt.FloatValue(9.807586669921875)},
		{"thread", pyfmt.IntValue(139741639568256)},
		{"threadName", pyfmt.StringValue("MainThread")},
		{"processName", pyfmt.StringValue("MainProcess")},
		{"process", pyfmt.IntValue(13285)},
		{"request_id", pyfmt.StringValue("r-123")},
	}
}

func sockFrameOf(items []pickleItem) []byte {
	var pk pickler
	b := pk.pickleDict([]byte{0, 0, 0, 0}, items)
	binary.BigEndian.PutUint32(b, uint32(len(b)-4))
	return b
}

func TestPickleMatchesCapturedFrame(t *testing.T) {
	want, err := hex.DecodeString(capturedFrame)
	if err != nil {
		t.Fatal(err)
	}
	if got := sockFrameOf(capturedItems()); !bytes.Equal(got, want) {
		t.Errorf("frame differs from CPython's\n got %x\nwant %x", got, want)
	}
}

// TestRecordFrameMatchesCapturedFrame builds the captured record as a
// Record and checks that appendRecordFrame writes CPython's bytes, except
// for the thread id, process id and relativeCreated, which a Go process
// computes itself: those are put in the expected items from the record.
func TestRecordFrameMatchesCapturedFrame(t *testing.T) {
	r := &logging.Record{Name: "app.payments", Level: logging.INFO, Msg: "charged %s cents to %s", Args: []any{1250, "acct-9"},
		Extra: []logging.Field{logging.String("request_id", "r-123")}}
	r.SetTime(time.Unix(0, int64(1795218574.1676948*1e9)))
	r.SetCaller("/tmp/loggen-probe/app.py", 18, "<module>")
	var pk pickler
	got, err := appendRecordFrame(nil, r, &pk)
	if err != nil {
		t.Fatal(err)
	}
	items := capturedItems()
	for i := range items {
		switch items[i].key {
		case "thread":
			items[i].val = pyfmt.IntValue(int64(r.Thread()))
		case "process":
			items[i].val = pyfmt.IntValue(int64(os.Getpid()))
		case "relativeCreated":
			items[i].val = pyfmt.FloatValue(r.RelativeCreated())
		}
	}
	if want := sockFrameOf(items); !bytes.Equal(got, want) {
		t.Errorf("frame\n got %x\nwant %x", got, want)
	}
	// The pickler and buffer are reused: a second record gives the same bytes.
	again, _ := appendRecordFrame(got[:0], r, &pk)
	if want := sockFrameOf(items); !bytes.Equal(again, want) {
		t.Errorf("second frame\n got %x\nwant %x", again, want)
	}
}

// TestPickleOpcodes checks values beyond the captured record against
// pickle.dumps(d, 1) of CPython 3.11 (the expected bytes were printed by
// python3 -c "import pickle; print(pickle.dumps({...}, 1))").
func TestPickleOpcodes(t *testing.T) {
	items := []pickleItem{
		{"a", pyfmt.BoolValue(true)},
		{"b", pyfmt.BoolValue(false)},
		{"c", pyfmt.IntValue(-1)},
		{"d", pyfmt.IntValue(math.MinInt32)},
		{"e", pyfmt.IntValue(1 << 31)},
		{"f", pyfmt.IntValue(math.MinInt32 - 1)},
		{"g", pyfmt.AnyValue([]any{1, "x"})},
		{"h", pyfmt.AnyValue([]any{})},
		{"i", pyfmt.StringValue("")},
		{"j", pyfmt.StringValue("")},
	}
	want := "}q\x00(X\x01\x00\x00\x00aq\x01I01\nX\x01\x00\x00\x00bq\x02I00\nX\x01\x00\x00\x00cq\x03J\xff\xff\xff\xff" +
		"X\x01\x00\x00\x00dq\x04J\x00\x00\x00\x80X\x01\x00\x00\x00eq\x05L2147483648L\nX\x01\x00\x00\x00fq\x06L-2147483649L\n" +
		"X\x01\x00\x00\x00gq\x07(K\x01X\x01\x00\x00\x00xq\x08tq\tX\x01\x00\x00\x00hq\n)X\x01\x00\x00\x00iq\x0b" +
		"X\x00\x00\x00\x00q\x0cX\x01\x00\x00\x00jq\rh\x0cu."
	var pk pickler
	if got := string(pk.pickleDict(nil, items)); got != want {
		t.Errorf("pickle\n got %q\nwant %q", got, want)
	}
	// One item: SETITEM, no MARK (pickle.dumps({'a': 1}, 1)).
	if got, want := string(pk.pickleDict(nil, []pickleItem{{"a", pyfmt.IntValue(1)}})), "}q\x00X\x01\x00\x00\x00aq\x01K\x01s."; got != want {
		t.Errorf("one item: got %q, want %q", got, want)
	}
}

func sockPythonOrSkip(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: skipping the test against a Python receiver")
	}
	return py
}

type sockReceivedRecord struct {
	Via     string            `json:"via"`
	Keys    []string          `json:"keys"`
	Types   map[string]string `json:"types"`
	Message string            `json:"message"`
	Record  map[string]any    `json:"record"`
}

// sockStartReceiver runs testdata/socket_receiver.py and returns its TCP and
// UDP ports and the records it prints.
func sockStartReceiver(t *testing.T) (tcpPort, udpPort int, records <-chan sockReceivedRecord) {
	py := sockPythonOrSkip(t)
	cmd := exec.Command(py, "testdata/socket_receiver.py")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() {
		stdin.Close()
		if p, err := os.FindProcess(pid); err == nil {
			p.Kill()
		}
		cmd.Wait()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("receiver stderr:\n%s", stderr.String())
		}
	})
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	ready := make(chan error, 1)
	ch := make(chan sockReceivedRecord, 64)
	go func() {
		defer close(ch)
		if !sc.Scan() {
			ready <- errors.New("receiver exited before it was ready")
			return
		}
		var hello struct{ TCP, UDP int }
		if err := json.Unmarshal(sc.Bytes(), &hello); err != nil {
			ready <- err
			return
		}
		tcpPort, udpPort = hello.TCP, hello.UDP
		ready <- nil
		for sc.Scan() {
			var r sockReceivedRecord
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				r.Via = "bad line: " + sc.Text()
			}
			ch <- r
		}
	}()
	select {
	case err := <-ready:
		if err != nil {
			t.Fatalf("receiver: %v (stderr: %s)", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("receiver did not start within 20s")
	}
	return tcpPort, udpPort, ch
}

func TestSocketHandlersPythonReceiver(t *testing.T) {
	tcpPort, udpPort, records := sockStartReceiver(t)
	sh := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: tcpPort})
	dh := NewDatagramHandler(SocketOptions{Host: "127.0.0.1", Port: udpPort})
	defer sh.Close()
	defer dh.Close()

	type sent struct {
		r       *logging.Record
		message string
		extras  map[string]any
	}
	var pcs [1]uintptr
	goruntime.Callers(1, pcs[:])
	_, _, line, _ := goruntime.Caller(0)
	r1 := logging.NewRecord("go.svc", logging.WARNING, "hello %s, you are %d (%.1f%%)", "wörld ✓", 42, 99.5)
	r1.SetCallerPC(pcs[0])
	r1.Extra = []logging.Field{logging.String("user", "ünïcode 😀"), logging.Int("n", 7), logging.Int64("big", 1<<40), logging.Float64("ratio", 0.25),
		logging.Bool("ok", true), logging.Any("nothing", nil), logging.String("empty", ""), logging.String("empty2", "")}
	r2 := logging.NewRecord("go.svc.db", logging.ERROR, "100% literal, no args")
	r2.Err = errors.New("connection reset")
	r3 := logging.NewRecord("root", logging.Level(25), "custom level")
	cases := []sent{
		{r1, "hello wörld ✓, you are 42 (99.5%)", map[string]any{"user": "ünïcode 😀", "n": 7.0, "big": float64(1 << 40),
			"ratio": 0.25, "ok": true, "nothing": nil, "empty": "", "empty2": ""}},
		{r2, "100% literal, no args", nil},
		{r3, "custom level", nil},
	}
	std := []string{"name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
		"exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread",
		"threadName", "processName", "process"}
	for _, h := range []logging.Handler{sh, dh} {
		for _, c := range cases {
			if !h.Handle(c.r) {
				t.Fatal("Handle returned false")
			}
		}
	}
	got := map[string][]sockReceivedRecord{}
	timeout := time.After(15 * time.Second)
	for len(got["tcp"])+len(got["udp"]) < 2*len(cases) {
		select {
		case r, ok := <-records:
			if !ok {
				t.Fatal("receiver exited")
			}
			got[r.Via] = append(got[r.Via], r)
		case <-timeout:
			t.Fatalf("received %d tcp and %d udp records of %d each", len(got["tcp"]), len(got["udp"]), len(cases))
		}
	}
	for _, via := range []string{"tcp", "udp"} {
		if len(got[via]) != len(cases) {
			t.Fatalf("%s: got %d records, want %d", via, len(got[via]), len(cases))
		}
		for i, c := range cases {
			g := got[via][i]
			rec := g.Record
			wantKeys := append([]string(nil), std...)
			for _, f := range c.r.Extra {
				wantKeys = append(wantKeys, f.Key)
			}
			if strings.Join(g.Keys, ",") != strings.Join(wantKeys, ",") {
				t.Errorf("%s #%d keys\n got %v\nwant %v", via, i, g.Keys, wantKeys)
			}
			if g.Message != c.message || rec["msg"] != c.message {
				t.Errorf("%s #%d: getMessage %q, msg %q, want %q", via, i, g.Message, rec["msg"], c.message)
			}
			checks := map[string]any{
				"name": c.r.Name, "levelno": float64(c.r.Level), "levelname": c.r.Level.String(),
				"args": nil, "exc_info": nil, "stack_info": nil, "created": c.r.Created(), "msecs": c.r.Msecs(),
				"process": float64(os.Getpid()), "threadName": "MainThread", "processName": "MainProcess",
			}
			if c.r.Err != nil {
				checks["exc_text"] = c.r.Err.Error()
			} else {
				checks["exc_text"] = nil
			}
			for k, v := range c.extras {
				checks[k] = v
			}
			for k, want := range checks {
				if got := rec[k]; got != want {
					t.Errorf("%s #%d: %s = %#v, want %#v", via, i, k, got, want)
				}
			}
			if g.Types["created"] != "float" || g.Types["msecs"] != "float" || g.Types["thread"] != "int" || g.Types["ok"] != "bool" && i == 0 {
				t.Errorf("%s #%d: types %v", via, i, g.Types)
			}
		}
		r := got[via][0].Record
		if r["funcName"] != "TestSocketHandlersPythonReceiver" || r["filename"] != "socket_test.go" ||
			r["module"] != "socket_test" || r["lineno"] != float64(line-1) || !strings.HasSuffix(r["pathname"].(string), "/runtime/handlers/socket_test.go") {
			t.Errorf("%s: caller %v %v %v %v %v, want line %d", via, r["pathname"], r["filename"], r["module"], r["funcName"], r["lineno"], line-1)
		}
		if r := got[via][1].Record; r["pathname"] != "(unknown file)" || r["lineno"] != 0.0 {
			t.Errorf("%s: uncaptured caller: %v %v", via, r["pathname"], r["lineno"])
		}
	}
	if n := sh.Dropped(); n != 0 {
		t.Errorf("Dropped = %d, want 0", n)
	}
}

type sockReportBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *sockReportBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *sockReportBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func sockCaptureReports(t *testing.T) *sockReportBuffer {
	w := &sockReportBuffer{}
	logging.SetErrorOutput(w)
	t.Cleanup(func() {
		logging.SetErrorOutput(nil)
	})
	return w
}

// sockFakeClock is a clock the test moves by hand.
type sockFakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *sockFakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *sockFakeClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func sockFreePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestSocketHandlerBackoffCountsDrops(t *testing.T) {
	reports := sockCaptureReports(t)
	port := sockFreePort(t)
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: port})
	h.Name = "sock"
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := &sockFakeClock{t: t0}
	h.stream.clock = clock.now
	attempts := 0
	h.stream.dial = func(network, address string, timeout time.Duration) (net.Conn, error) {
		attempts++
		if timeout != time.Second {
			t.Errorf("connect timeout %v, want 1s", timeout)
		}
		return net.DialTimeout(network, address, timeout)
	}
	rec := logging.NewRecord("app", logging.INFO, "m")
	at := func(sec float64) {
		clock.set(t0.Add(time.Duration(sec * float64(time.Second))))
		start := time.Now()
		h.Handle(rec)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Handle blocked %v", d)
		}
	}
	// Python's schedule: attempts at 0, 1, 3, 7, 15, 31, 61, 91 (1, 2, 4, 8,
	// 16, then 30 capped); records in between are dropped without an attempt.
	steps := []struct {
		at       float64
		attempts int
	}{
		{0, 1}, {0.5, 1}, {0.999, 1}, {1, 2}, {2.9, 2}, {3, 3}, {6.9, 3}, {7, 4}, {15, 5}, {30.9, 5},
		{31, 6}, {60.9, 6}, {61, 7}, {90.9, 7}, {91, 8},
	}
	for i, s := range steps {
		at(s.at)
		if attempts != s.attempts {
			t.Fatalf("step %d (t=%v): %d connect attempts, want %d", i, s.at, attempts, s.attempts)
		}
		if got := h.Dropped(); got != int64(i+1) {
			t.Fatalf("step %d: Dropped = %d, want %d", i, got, i+1)
		}
	}
	if s := reports.String(); s != "" {
		t.Fatalf("report while down: %q", s)
	}
	// The peer comes back: the next attempt (at 121) connects and reports.
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Skipf("cannot listen on the freed port again: %v", err)
	}
	defer l.Close()
	at(120.9)
	if attempts != 8 {
		t.Fatalf("attempt before retry time")
	}
	at(121)
	if attempts != 9 {
		t.Fatalf("%d attempts, want 9", attempts)
	}
	want := "--- Logging error ---\nhandler \"sock\": dropped 16 records: tcp 127.0.0.1:" + strconv.Itoa(port) +
		" could not be reached (dial tcp 127.0.0.1:" + strconv.Itoa(port) + ": connect: connection refused); the connection is back\n"
	if got := reports.String(); got != want {
		t.Errorf("report\n got %q\nwant %q", got, want)
	}
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var n [4]byte
	if _, err := io.ReadFull(c, n[:]); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, binary.BigEndian.Uint32(n[:]))
	if _, err := io.ReadFull(c, body); err != nil {
		t.Fatal(err)
	}
	if body[0] != '}' || body[len(body)-1] != '.' {
		t.Errorf("frame body %q…", body[:8])
	}
	if err := h.Close(); err != nil {
		t.Error(err)
	}
	if got := reports.String(); got != want {
		t.Errorf("Close reported again: %q", got[len(want):])
	}
	if got := h.Dropped(); got != 16 {
		t.Errorf("Dropped = %d, want 16", got)
	}
}

func TestSocketHandlerReportsDropsAtClose(t *testing.T) {
	reports := sockCaptureReports(t)
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: sockFreePort(t)})
	h.Handle(logging.NewRecord("app", logging.INFO, "lost"))
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if got := reports.String(); !strings.Contains(got, "dropped 1 record: tcp ") || !strings.HasSuffix(got, "; the handler is closed\n") {
		t.Errorf("report %q", got)
	}
}

// TestSocketHandlerStuckPeerIsBounded sends to a peer that accepts but
// never reads: the send times out, the record is dropped and counted, and
// the caller is not held for ever. (Pickling 64 MiB takes seconds under the
// race detector, so the bound is loose: what matters is that Handle
// returns.)
func TestSocketHandlerStuckPeerIsBounded(t *testing.T) {
	reports := sockCaptureReports(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, Timeout: 200 * time.Millisecond})
	r := logging.NewRecord("app", logging.INFO, "big")
	r.Extra = []logging.Field{logging.String("blob", strings.Repeat("x", 64<<20))}
	start := time.Now()
	h.Handle(r)
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("Handle blocked %v with a 200ms timeout", d)
	}
	// The frame that timed out waits to be sent again on the next
	// connection; Close makes none, so it counts it.
	h.Close()
	if got := h.Dropped(); got != 1 {
		t.Errorf("Dropped = %d, want 1", got)
	}
	if got := reports.String(); !strings.Contains(got, "dropped 1 record") || !strings.Contains(got, "timeout") {
		t.Errorf("report %q", got)
	}
}

func TestDatagramHandlerErrorIsReported(t *testing.T) {
	reports := sockCaptureReports(t)
	h := NewDatagramHandler(SocketOptions{Host: "127.0.0.1", Port: sockFreePort(t)})
	h.Name = "udp"
	r := logging.NewRecord("app", logging.INFO, "too big")
	r.Extra = []logging.Field{logging.String("blob", strings.Repeat("x", 70000))}
	h.Handle(r)
	h.Close()
	if got := reports.String(); !strings.Contains(got, `handler "udp": `) || !strings.Contains(got, "Message: 'too big'") {
		t.Errorf("report %q", got)
	}
}
