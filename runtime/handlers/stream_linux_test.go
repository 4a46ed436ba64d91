package handlers

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// streamReadFrames reads SocketHandler frames from c until EOF and returns
// the merged message of each.
func streamReadFrames(t *testing.T, c net.Conn) []string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	data, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("reading: %v", err)
	}
	return streamFrameMessages(t, data)
}

// streamFrameMessages returns the merged message of each SocketHandler
// frame in data, which must hold whole frames.
func streamFrameMessages(t *testing.T, data []byte) []string {
	t.Helper()
	var msgs []string
	for len(data) >= 4 {
		n := int(binary.BigEndian.Uint32(data))
		if len(data) < 4+n {
			t.Fatalf("a partial frame of %d bytes (of %d)", len(data)-4, n)
		}
		body := data[4 : 4+n]
		data = data[4+n:]
		// The message is the str after "msg": BINUNICODE, u32 LE length.
		i := bytes.Index(body, []byte("X\x03\x00\x00\x00msg"))
		if i < 0 {
			t.Fatalf("no msg in frame %q", body)
		}
		j := i + 8
		for body[j] != 'X' { // BINPUT after the key
			j++
		}
		l := int(binary.LittleEndian.Uint32(body[j+1:]))
		msgs = append(msgs, string(body[j+5:j+5+l]))
	}
	if len(data) != 0 {
		t.Fatalf("%d bytes left over", len(data))
	}
	return msgs
}

// streamReadOneFrame reads one frame from c.
func streamReadOneFrame(t *testing.T, c net.Conn) {
	t.Helper()
	var hdr [4]byte
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(c, make([]byte, binary.BigEndian.Uint32(hdr[:]))); err != nil {
		t.Fatal(err)
	}
}

// waitGone waits until the handler's connection has seen its peer go, then
// clears the flag: the records that follow are written as they would be in
// the instant between the peer's exit and the watcher noticing it.
func waitGone(t *testing.T, s *streamSender) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !s.conn.gone.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not see the peer close")
		}
		time.Sleep(time.Millisecond)
	}
	s.conn.gone.Store(false)
}

// TestSocketHandlerResendsUnacknowledged is the record lost without a
// count of issue 12: the receiver closes its end; the next write is
// accepted by the kernel and answered with a reset. The handler finds the
// frame among those the kernel never had acknowledged (SIOCOUTQ) and sends
// it again, with the next one, on a new connection.
func TestSocketHandlerResendsUnacknowledged(t *testing.T) {
	reports := sockCaptureReports(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port})
	h.Name = "sock"
	h.Handle(logging.NewRecord("app", logging.INFO, "one"))
	c1, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	// The receiver reads the first record, then goes away.
	streamReadOneFrame(t, c1)
	c1.Close()
	waitGone(t, h.stream)
	h.Handle(logging.NewRecord("app", logging.INFO, "two")) // accepted, then reset
	time.Sleep(20 * time.Millisecond)                       // the reset arrives
	if u, ok := unackedBytes(h.stream.conn.Conn); !ok || u == 0 {
		t.Fatalf("SIOCOUTQ = %d, %v after the reset; want the frame's bytes", u, ok)
	}
	h.Handle(logging.NewRecord("app", logging.INFO, "three")) // fails: both go to a new connection
	c2, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if err := h.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if got := strings.Join(streamReadFrames(t, c2), ","); got != "two,three" {
		t.Errorf("second connection got %q, want two,three", got)
	}
	if h.Dropped() != 0 || reports.String() != "" {
		t.Errorf("Dropped = %d, reports %q", h.Dropped(), reports.String())
	}
	if h.stream.resent != 2 {
		t.Errorf("resent %d frames, want 2", h.stream.resent)
	}
}

// TestSocketHandlerCountsUnacknowledged: the same, but the receiver does
// not come back, so both records are counted and reported.
func TestSocketHandlerCountsUnacknowledged(t *testing.T) {
	reports := sockCaptureReports(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port})
	h.Name = "sock"
	h.Handle(logging.NewRecord("app", logging.INFO, "one"))
	c1, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	streamReadOneFrame(t, c1)
	c1.Close()
	waitGone(t, h.stream)
	h.Handle(logging.NewRecord("app", logging.INFO, "two"))
	time.Sleep(20 * time.Millisecond)
	h.Handle(logging.NewRecord("app", logging.INFO, "three"))
	if got := h.Dropped(); got != 2 {
		t.Errorf("Dropped = %d, want 2", got)
	}
	h.Close()
	if got := reports.String(); !strings.Contains(got, `handler "sock": dropped 2 records: tcp `) || !strings.HasSuffix(got, "; the handler is closed\n") {
		t.Errorf("report %q", got)
	}
}

// TestStreamCloseCountsUnacknowledged: the peer is gone when the handler
// closes; the record written into the dead connection is counted at Close.
func TestStreamCloseCountsUnacknowledged(t *testing.T) {
	reports := sockCaptureReports(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, Timeout: 200 * time.Millisecond})
	h.Handle(logging.NewRecord("app", logging.INFO, "one"))
	c1, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	streamReadOneFrame(t, c1)
	c1.Close()
	waitGone(t, h.stream)
	h.Handle(logging.NewRecord("app", logging.INFO, "two"))
	time.Sleep(20 * time.Millisecond)
	h.Close()
	if got := h.Dropped(); got != 1 {
		t.Errorf("Dropped = %d, want 1", got)
	}
	if got := reports.String(); !strings.Contains(got, "dropped 1 record: ") {
		t.Errorf("report %q", got)
	}
}

func TestFrameRing(t *testing.T) {
	var r frameRing
	for _, f := range []string{"aa", "bbb", "c", "dddd"} {
		r.push([]byte(f))
	}
	frames := func(acked int64) string {
		fs, _ := r.after(acked)
		var s []string
		for _, f := range fs {
			s = append(s, string(f))
		}
		return strings.Join(s, ",")
	}
	if got := frames(0); got != "aa,bbb,c,dddd" {
		t.Errorf("after(0) = %q", got)
	}
	if got := frames(3); got != "bbb,c,dddd" { // "bbb" is partly acknowledged
		t.Errorf("after(3) = %q", got)
	}
	r.confirm(5)
	if got := frames(5); got != "c,dddd" || r.size() != 5 {
		t.Errorf("after confirm(5): %q, size %d", got, r.size())
	}
	r.push([]byte("ee"))
	if got := frames(6); got != "dddd,ee" {
		t.Errorf("after(6) = %q", got)
	}
	if fs, ends := r.last(); len(fs) != 1 || string(fs[0]) != "ee" || ends[0] != 12 {
		t.Errorf("last = %q %v", fs, ends)
	}
	r.confirm(12)
	if r.size() != 0 || frames(12) != "" {
		t.Errorf("not empty after confirming all: %d", r.size())
	}
}

// TestSocketHandlerPendingNotLeftWaiting: a write times out (the receiver
// reads nothing), so the frames the receiver's kernel did not acknowledge
// wait to be sent on a new connection. They must not wait for the next
// record, which may never come: within a few timeouts, with no record
// logged, they are sent again or counted as dropped.
func TestSocketHandlerPendingNotLeftWaiting(t *testing.T) {
	reports := sockCaptureReports(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, Timeout: 100 * time.Millisecond})
	h.Name = "sock"
	big := strings.Repeat("x", 64<<10)
	pendingCount := func() int {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(h.stream.pending)
	}
	var c1 net.Conn
	for i := 0; pendingCount() == 0; i++ {
		if i == 5000 {
			t.Fatal("no write timed out after 5000 records of 64 KiB")
		}
		h.Handle(logging.NewRecord("app", logging.INFO, fmt.Sprintf("r%d %s", i, big)))
		if c1 == nil {
			if c1, err = l.Accept(); err != nil {
				t.Fatal(err)
			}
			defer c1.Close() // never read
		}
	}
	h.mu.Lock()
	var want []string
	for _, f := range h.stream.pending {
		for _, m := range streamFrameMessages(t, f) {
			want = append(want, strings.Fields(m)[0])
		}
	}
	h.mu.Unlock()
	got := make(chan []string, 1)
	go func() {
		c2, err := l.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c2.Close()
		var names []string
		for _, m := range streamReadFrames(t, c2) {
			names = append(names, strings.Fields(m)[0])
		}
		got <- names
	}()
	deadline := time.Now().Add(5 * time.Second)
	for pendingCount() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("5 s after a write timed out, %d frames still wait for the next record", pendingCount())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := h.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	names := <-got
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("the new connection got %d records %.200v, want the %d pending %.200v", len(names), names, len(want), want)
	}
	if h.Dropped() != 0 || reports.String() != "" {
		t.Errorf("Dropped = %d, reports %q", h.Dropped(), reports.String())
	}
}
