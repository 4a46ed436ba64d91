package handlers

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// silentServer accepts connections and never answers: an HTTP or SMTP
// server that hangs. It returns its address.
func silentServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

// failures counts the "--- Logging error ---" reports that carry a record
// (HandleError's, with a Message: line).
func failures(reports string) int { return strings.Count(reports, "\nMessage: ") }

// TestHTTPHandlerQueueNeverBlocks: an HTTP server that never answers.
// Without a queue each call waits the whole timeout; behind the queue
// (drop mode) each returns at once, and every record is either a failed
// request reported with HandleError or a counted, reported drop.
func TestHTTPHandlerQueueNeverBlocks(t *testing.T) {
	reports := sockCaptureReports(t)
	addr := silentServer(t)
	const timeout = time.Second

	plain, err := NewHTTPHandler(HTTPOptions{Host: addr, URL: "/log", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	plain.Handle(logging.NewRecord("app", logging.ERROR, "unqueued"))
	if d := time.Since(start); d < timeout {
		t.Errorf("without a queue the call took %v, less than the timeout %v: is the server answering?", d, timeout)
	}
	plain.Close()

	h, err := NewHTTPHandler(HTTPOptions{Host: addr, URL: "/log", Timeout: timeout,
		Queue: &QueueOptions{MaxSize: 10, WhenFull: QueueDrop}})
	if err != nil {
		t.Fatal(err)
	}
	h.Name = "http"
	sent := stressN(200, 20000)
	var slowest time.Duration
	for i := range sent {
		start := time.Now()
		h.Handle(logging.NewRecord("app", logging.ERROR, "record %d", i))
		slowest = max(slowest, time.Since(start))
	}
	if slowest > timeout/2 { // a call that waited for a request would take the timeout
		t.Errorf("the slowest queued call took %v (timeout %v)", slowest, timeout)
	}
	start = time.Now()
	h.Close()
	if d := time.Since(start); d > 3*timeout {
		t.Errorf("Close took %v, more than the request in flight and the close bound (2 x %v)", d, timeout)
	}
	rep := reports.String()
	failed := failures(rep) - 1 // the unqueued one
	dropped := h.Dropped()
	reported := reportedQueueDrops(rep)
	t.Logf("HTTPHandler behind a queue (maxsize 10, drop), server never answers: sent %d, failed requests reported %d, dropped %d, reported %d; slowest call %v",
		sent, failed, dropped, reported, slowest)
	if int64(failed)+dropped != int64(sent) {
		t.Errorf("sent %d: %d failures + %d dropped = %d", sent, failed, dropped, int64(failed)+dropped)
	}
	if reported != dropped {
		t.Errorf("reported %d drops, Dropped = %d:\n%s", reported, dropped, rep)
	}
	if !strings.Contains(rep, "Message: 'record 0'\nArguments: ()") {
		t.Errorf("the failure of record 0 is not reported with its merged message:\n%.600s", rep)
	}
}

// reportedQueueDrops sums the counts of a queue's drop reports.
func reportedQueueDrops(reports string) int64 {
	var n int64
	re := regexp.MustCompile(`(?m)(?:: (\d+) records dropped \(|: closed with (\d+) records? still queued)`)
	for _, m := range re.FindAllStringSubmatch(reports, -1) {
		k, _ := strconv.ParseInt(m[1]+m[2], 10, 64)
		n += k
	}
	return n
}

// TestSMTPHandlerQueueNeverBlocks: the same for SMTP, with a server that
// accepts and never greets.
func TestSMTPHandlerQueueNeverBlocks(t *testing.T) {
	reports := sockCaptureReports(t)
	addr := silentServer(t)
	const timeout = 300 * time.Millisecond
	h, err := NewSMTPHandler(SMTPOptions{Mailhost: addr, FromAddr: "app@example.test", ToAddrs: []string{"ops@example.test"},
		Subject: "s", Timeout: timeout, Queue: &QueueOptions{MaxSize: 5, WhenFull: QueueDrop}})
	if err != nil {
		t.Fatal(err)
	}
	h.Name = "mail"
	const sent = 100
	start := time.Now()
	for i := range sent {
		h.Handle(logging.NewRecord("app", logging.ERROR, "record %d", i))
	}
	if d := time.Since(start); d > timeout {
		t.Errorf("%d queued calls took %v (timeout %v)", sent, d, timeout)
	}
	h.Close()
	rep := reports.String()
	failed, dropped := failures(rep), h.Dropped()
	if int64(failed)+dropped != sent || reportedQueueDrops(rep) != dropped {
		t.Errorf("sent %d: %d failures, %d dropped, %d reported", sent, failed, dropped, reportedQueueDrops(rep))
	}
}

// TestQueueDropStress: four goroutines log through a QueueHandler in drop
// mode to a slow target; every record reaches the target once or is
// counted, and the reports add up to the count.
func TestQueueDropStress(t *testing.T) {
	reports := sockCaptureReports(t)
	perG := stressN(5000, 100000)
	tgt := &queueTarget{}
	q := NewQueueHandler(QueueOptions{MaxSize: 64, WhenFull: QueueDrop, DropReportInterval: 50 * time.Millisecond,
		Handlers: []logging.Handler{tgt}})
	q.Name = "q"
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				q.Handle(logging.NewRecord("q", logging.INFO, fmt.Sprintf("g%d %d", g, i)))
			}
		}()
	}
	wg.Wait()
	q.Close()
	got := tgt.got()
	seen := map[string]bool{}
	dups := 0
	for _, m := range got {
		if seen[m] {
			dups++
		}
		seen[m] = true
	}
	sent := 4 * perG
	rep := reports.String()
	t.Logf("QueueHandler (maxsize 64, drop), 4 goroutines: sent %d, received %d, dropped %d, reported %d in %d reports, duplicated %d",
		sent, len(seen), q.Dropped(), reportedQueueDrops(rep), strings.Count(rep, "--- Logging error ---"), dups)
	if dups != 0 {
		t.Errorf("%d records handled twice", dups)
	}
	if int64(len(seen))+q.Dropped() != int64(sent) {
		t.Errorf("sent %d, received %d, dropped %d", sent, len(seen), q.Dropped())
	}
	if reportedQueueDrops(rep) != q.Dropped() {
		t.Errorf("reported %d, Dropped = %d", reportedQueueDrops(rep), q.Dropped())
	}
	if q.Dropped() == 0 {
		t.Error("nothing dropped: the target is not slow enough to test drop mode")
	}
}
