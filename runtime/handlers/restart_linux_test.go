package handlers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// These tests kill real receivers (a python3 SocketHandler receiver, a
// private rsyslogd) with SIGKILL and start them again while records flow,
// and check the account: every record sent is received once or counted as
// dropped, and every drop is reported. They are Linux-only: elsewhere the
// kernel does not say which bytes the peer acknowledged (see stream.go).
//
// A receiver is killed when it has read everything it was sent: a record
// that the receiver's kernel acknowledged but that the receiver had not read
// when it was killed is lost without any sign to the sender, and no sender
// can count it without an acknowledgement from the receiving program.
// TestSocketHandlerReceiverKilledMidFlow measures that loss instead.

// A tally counts the numbered records ("rec N") a receiver got.
type tally struct {
	mu   sync.Mutex
	seen map[int]int
	dups int
	bad  []string
}

func newTally() *tally { return &tally{seen: map[int]int{}} }

var recNumber = regexp.MustCompile(`rec (\d+)$`)

func (y *tally) add(msg string) {
	y.mu.Lock()
	defer y.mu.Unlock()
	m := recNumber.FindStringSubmatch(msg)
	if m == nil {
		y.bad = append(y.bad, msg)
		return
	}
	n, _ := strconv.Atoi(m[1])
	y.seen[n]++
	if y.seen[n] > 1 {
		y.dups++
	}
}

// counts returns the distinct records received and the duplicates.
func (y *tally) counts() (unique, dups int) {
	y.mu.Lock()
	defer y.mu.Unlock()
	return len(y.seen), y.dups
}

// check compares the tally with what was sent and dropped: each of the
// sent records received once or dropped, none received twice.
func (y *tally) check(t *testing.T, sent int, dropped int64) {
	t.Helper()
	y.mu.Lock()
	defer y.mu.Unlock()
	for n := range y.seen {
		if n < 0 || n >= sent {
			t.Errorf("received record %d, which was never sent", n)
		}
	}
	if len(y.bad) > 0 {
		t.Errorf("unexpected messages: %q", y.bad)
	}
	if y.dups != 0 {
		t.Errorf("%d records received twice", y.dups)
	}
	if got := int64(len(y.seen)) + dropped; got != int64(sent) {
		t.Errorf("sent %d records, received %d and dropped %d: %d unaccounted for", sent, len(y.seen), dropped, int64(sent)-got)
	}
}

// reportedDrops sums the counts of the "dropped N records" reports.
func reportedDrops(reports string) int64 {
	var n int64
	for _, m := range regexp.MustCompile(`dropped (\d+) records?: `).FindAllStringSubmatch(reports, -1) {
		k, _ := strconv.ParseInt(m[1], 10, 64)
		n += k
	}
	return n
}

// waitAccounted waits until every record sent is received or dropped.
func waitAccounted(t *testing.T, y *tally, sent int, dropped func() int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		u, _ := y.counts()
		if int64(u)+dropped() >= int64(sent) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30s, %d of %d records received and %d dropped", u, sent, dropped())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// pyExecutable returns the interpreter that python3 runs: started
// directly, it skips a version manager's shim (pyenv's takes seconds), which
// matters for a receiver started again and again.
func pyExecutable(t *testing.T) string {
	sockPythonOrSkip(t)
	return pyExe()
}

var pyExe = sync.OnceValue(func() string {
	py, err := exec.LookPath("python3")
	if err != nil {
		return ""
	}
	out, err := exec.Command(py, "-c", "import sys; print(sys.executable)").Output()
	if exe := strings.TrimSpace(string(out)); err == nil && exe != "" {
		return exe
	}
	return py
})

// A pyReceiver is testdata/socket_receiver.py on a fixed TCP port.
type pyReceiver struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	done chan struct{} // its output is read to the end
}

// startPyReceiver starts the receiver on port and adds the messages it
// prints to y.
func startPyReceiver(t *testing.T, py string, port int, y *tally) *pyReceiver {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r, err := tryPyReceiver(py, port, y)
		if err == nil {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("the receiver does not start on port %d: %v", port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func tryPyReceiver(py string, port int, y *tally) (*pyReceiver, error) {
	cmd := exec.Command(py, "testdata/socket_receiver.py", "--brief", "--tcp-port", strconv.Itoa(port))
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() {
		cmd.Wait()
		return nil, fmt.Errorf("it exited: %s", stderr.String())
	}
	r := &pyReceiver{cmd: cmd, in: in, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for sc.Scan() {
			var rec sockReceivedRecord
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				y.add("bad line: " + sc.Text())
				continue
			}
			y.add(rec.Message)
		}
	}()
	return r, nil
}

// kill kills the receiver with SIGKILL and waits until its output is read.
func (r *pyReceiver) kill() {
	syscall.Kill(r.cmd.Process.Pid, syscall.SIGKILL)
	<-r.done
	r.cmd.Wait()
	r.in.Close()
}

// sendNumbered sends n records "rec K" through h, numbering on from *next,
// one every pace (none if pace is 0).
func sendNumbered(h logging.Handler, next *int, n int, pace time.Duration) {
	for range n {
		h.Handle(logging.NewRecord("stress", logging.INFO, "rec "+strconv.Itoa(*next)))
		*next++
		if pace > 0 {
			time.Sleep(pace)
		}
	}
}

// A flow sends numbered records through a handler from a goroutine of its
// own, one every pace, until end.
type flow struct {
	stop, done chan struct{}
}

// startFlow starts sending; *next is the goroutine's until end returns.
func startFlow(h logging.Handler, next *int, pace time.Duration) *flow {
	f := &flow{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		for {
			select {
			case <-f.stop:
				return
			default:
			}
			sendNumbered(h, next, 1, pace)
		}
	}()
	return f
}

func (f *flow) end() {
	close(f.stop)
	<-f.done
}

// TestSocketHandlerReceiverRestarts kills a python3 receiver with SIGKILL
// and starts it again, several times, while records flow: every record is
// received once or counted, and every count is reported.
func TestSocketHandlerReceiverRestarts(t *testing.T) {
	py := pyExecutable(t)
	reports := sockCaptureReports(t)
	rounds, perRound := stressN(3, 12), stressN(300, 5000)
	port := sockFreePort(t)
	y := newTally()
	rx := startPyReceiver(t, py, port, y)
	defer func() { rx.kill() }()

	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: port, RetryStart: 0.01, RetryMax: 0.05})
	h.Name = "sock"
	sent := 0
	for range rounds {
		sendNumbered(h, &sent, perRound, 0)
		waitAccounted(t, y, sent, h.Dropped)
		rx.kill()
		// Records go on while the receiver is away, while it starts again
		// and after; the first ones meet the connection it left.
		f := startFlow(h, &sent, 200*time.Microsecond)
		time.Sleep(50 * time.Millisecond)
		rx = startPyReceiver(t, py, port, y)
		time.Sleep(100 * time.Millisecond) // reconnects after the backoff
		f.end()
	}
	sendNumbered(h, &sent, perRound, 0)
	waitAccounted(t, y, sent, h.Dropped)
	if err := h.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	unique, dups := y.counts()
	dropped := h.Dropped()
	reported := reportedDrops(reports.String())
	t.Logf("SocketHandler, %d receiver restarts: sent %d, received %d, dropped %d, reported %d, duplicated %d; sent again %d, peer gone before a write %d",
		rounds, sent, unique, dropped, reported, dups, h.stream.resent, h.stream.peerGone)
	y.check(t, sent, dropped)
	if reported != dropped {
		t.Errorf("reported %d dropped records, Dropped = %d\n%s", reported, dropped, reports.String())
	}
	if dropped == 0 {
		t.Error("no record dropped while the receiver was down")
	}
}

// TestSocketHandlerReceiverKilledMidFlow kills the receiver without
// waiting for it to read what it was sent, and measures what the sender
// cannot see: records the receiver's kernel acknowledged that the receiver
// never read. Nothing may be received twice, and received + dropped may not
// exceed sent.
func TestSocketHandlerReceiverKilledMidFlow(t *testing.T) {
	py := pyExecutable(t)
	reports := sockCaptureReports(t)
	rounds := stressN(3, 12)
	port := sockFreePort(t)
	y := newTally()
	rx := startPyReceiver(t, py, port, y)
	h := NewSocketHandler(SocketOptions{Host: "127.0.0.1", Port: port, RetryStart: 0.01, RetryMax: 0.05})
	h.Name = "sock"
	sent := 0
	f := startFlow(h, &sent, 50*time.Microsecond)
	for range rounds {
		time.Sleep(50 * time.Millisecond)
		rx.kill()
		time.Sleep(30 * time.Millisecond)
		rx = startPyReceiver(t, py, port, y)
	}
	time.Sleep(100 * time.Millisecond)
	f.end()
	h.Close()
	// Wait until the receiver has printed what it got.
	for last, stable := -1, 0; stable < 20; stable++ {
		if u, _ := y.counts(); u != last {
			last, stable = u, 0
		}
		time.Sleep(10 * time.Millisecond)
	}
	rx.kill()
	unique, dups := y.counts()
	dropped := h.Dropped()
	lost := int64(sent) - int64(unique) - dropped
	t.Logf("SocketHandler, %d kills while records flow: sent %d, received %d, dropped %d, reported %d, duplicated %d, lost unseen %d (acknowledged by the receiver's kernel, never read); sent again %d",
		rounds, sent, unique, dropped, reportedDrops(reports.String()), dups, lost, h.stream.resent)
	if dups != 0 {
		t.Errorf("%d records received twice", dups)
	}
	if lost < 0 {
		t.Errorf("received + dropped = %d exceeds sent = %d", int64(unique)+dropped, sent)
	}
}

// TestSysLogRsyslogdRestarts kills a private rsyslogd with SIGKILL and
// starts it again, several times, while a SysLogHandler sends to it over
// TCP with octet counting: every record is written once by rsyslogd or
// counted, and every count is reported.
func TestSysLogRsyslogdRestarts(t *testing.T) {
	s := syslogStartRsyslogd(t)
	reports := sockCaptureReports(t)
	rounds, perRound := stressN(3, 12), stressN(300, 5000)
	h, err := NewSysLogHandler(SysLogOptions{Address: s.tcp, SockType: SockStream, Framing: FramingOctetCounting, Ident: "stress: "})
	if err != nil {
		t.Fatal(err)
	}
	h.Name = "syslog"
	h.stream.retryStart, h.stream.retryMax = 10*time.Millisecond, 50*time.Millisecond
	y := newTally()
	var read int // bytes of the output file already counted
	scan := func() {
		data, _ := os.ReadFile(s.out)
		for read < len(data) {
			i := strings.IndexByte(string(data[read:]), '\n')
			if i < 0 {
				break
			}
			line := string(data[read : read+i])
			read += i + 1
			if !strings.Contains(line, "ready-probe") {
				y.add(line)
			}
		}
	}
	accounted := func(sent int) {
		deadline := time.Now().Add(30 * time.Second)
		for {
			scan()
			u, _ := y.counts()
			if int64(u)+h.Dropped() >= int64(sent) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("after 30s, rsyslogd wrote %d of %d records and %d were dropped", u, sent, h.Dropped())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	sent := 0
	for range rounds {
		sendNumbered(h, &sent, perRound, 0)
		accounted(sent)
		s.kill9(t)
		f := startFlow(h, &sent, 200*time.Microsecond)
		time.Sleep(50 * time.Millisecond)
		s.start(t)
		time.Sleep(100 * time.Millisecond)
		f.end()
	}
	sendNumbered(h, &sent, perRound, 0)
	accounted(sent)
	if err := h.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	scan()
	unique, dups := y.counts()
	dropped := h.Dropped()
	reported := reportedDrops(reports.String())
	t.Logf("SysLogHandler over TCP, %d rsyslogd restarts: sent %d, received %d, dropped %d, reported %d, duplicated %d; sent again %d, peer gone before a write %d",
		rounds, sent, unique, dropped, reported, dups, h.stream.resent, h.stream.peerGone)
	y.check(t, sent, dropped)
	if reported != dropped {
		t.Errorf("reported %d dropped records, Dropped = %d\n%s", reported, dropped, reports.String())
	}
	if dropped == 0 {
		t.Error("no record dropped while rsyslogd was down")
	}
}
