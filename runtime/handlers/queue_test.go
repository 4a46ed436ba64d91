package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// queueTarget records the messages it handles, optionally sleeping first
// (a slow destination) or waiting for a gate to open.
type queueTarget struct {
	logging.HandlerBase
	delay time.Duration
	gate  chan struct{} // if not nil, Handle waits until it is closed

	mu      sync.Mutex
	msgs    []string
	flushes int
	closed  bool
	late    int // records handled after Close
}

func (h *queueTarget) Handle(r *logging.Record) bool {
	if !h.Filter(r) {
		return false
	}
	if h.gate != nil {
		<-h.gate
	}
	if h.delay > 0 {
		time.Sleep(h.delay)
	}
	b, err := h.Format(nil, r)
	if err != nil {
		logging.HandleError(h.Name, r, err)
		return true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		h.late++
	}
	h.msgs = append(h.msgs, string(b))
	return true
}

func (h *queueTarget) Flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.flushes++
	return nil
}

func (h *queueTarget) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	return nil
}

func (h *queueTarget) got() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.msgs...)
}

func queueRecord(i int) *logging.Record { return logging.NewRecord("q", logging.INFO, "record %d", i) }

func wantSequence(t *testing.T, got []string, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("got %d records, want %d", len(got), n)
	}
	for i, m := range got {
		if want := fmt.Sprintf("record %d", i); m != want {
			t.Fatalf("record %d is %q, want %q", i, m, want)
		}
	}
}

func TestQueueOrderAndFlush(t *testing.T) {
	a, b := &queueTarget{}, &queueTarget{}
	q := NewQueueHandler(QueueOptions{MaxSize: 8, Handlers: []logging.Handler{a, b}})
	defer q.Close()
	for i := range 1000 {
		q.Handle(queueRecord(i))
	}
	q.Flush()
	wantSequence(t, a.got(), 1000)
	wantSequence(t, b.got(), 1000)
	if q.Dropped() != 0 {
		t.Errorf("Dropped() = %d with QueueBlock", q.Dropped())
	}
	if a.flushes != 0 {
		t.Errorf("Flush flushed the target %d times; Shutdown does that", a.flushes)
	}
}

// The caller returns at once while the queue has room, whatever the target's
// pace; once the queue is full, QueueBlock makes it wait.
func TestQueueSlowTargetDoesNotBlockCaller(t *testing.T) {
	const size = 50
	slow := &queueTarget{delay: 20 * time.Millisecond}
	q := NewQueueHandler(QueueOptions{MaxSize: size, Handlers: []logging.Handler{slow}})
	start := time.Now()
	for i := range size {
		q.Handle(queueRecord(i))
	}
	// Synchronously this would take size*delay = 1s.
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("enqueueing %d records into a queue of %d took %v", size, size, d)
	}
	q.Close()
	wantSequence(t, slow.got(), size)

	// A full queue makes the next call wait for room.
	gate := make(chan struct{})
	stuck := &queueTarget{gate: gate}
	q = NewQueueHandler(QueueOptions{MaxSize: 2, Handlers: []logging.Handler{stuck}})
	q.Handle(queueRecord(0))
	waitTaken(t, q)
	q.Handle(queueRecord(1))
	q.Handle(queueRecord(2))
	returned := make(chan struct{})
	go func() { q.Handle(queueRecord(3)); close(returned) }()
	select {
	case <-returned:
		t.Fatal("a call on a full queue returned; QueueBlock should wait for room")
	case <-time.After(50 * time.Millisecond):
	}
	close(gate)
	<-returned
	q.Close()
	wantSequence(t, stuck.got(), 4)
}

// waitTaken waits until the listener has taken every queued record.
func waitTaken(t *testing.T, q *QueueHandler) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); len(q.q.queue) != 0; {
		if time.Now().After(deadline) {
			t.Fatal("the listener never took the queued records")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestQueueDropCountsExactly(t *testing.T) {
	var report bytes.Buffer
	logging.SetErrorOutput(&report)
	defer func() {
		logging.SetErrorOutput(nil)
	}()

	gate := make(chan struct{})
	tgt := &queueTarget{gate: gate}
	q := NewQueueHandler(QueueOptions{MaxSize: 10, WhenFull: QueueDrop, Handlers: []logging.Handler{tgt}})
	q.Name = "q"
	// The listener takes record 0 and blocks in the target; 1..10 fill the
	// queue; 11..99 are dropped. Wait until the listener holds record 0 so
	// the count is exact.
	q.Handle(queueRecord(0))
	waitTaken(t, q)
	start := time.Now()
	for i := 1; i < 100; i++ {
		q.Handle(queueRecord(i))
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("QueueDrop calls took %v with a stuck target", d)
	}
	if got := q.Dropped(); got != 89 {
		t.Errorf("Dropped() = %d, want 89", got)
	}
	close(gate)
	q.Close()
	wantSequence(t, tgt.got(), 11)
	want := `handler "q": queue full (maxsize 10): 89 records dropped (89 in all)`
	if !strings.Contains(report.String(), want) {
		t.Errorf("report = %q, want it to contain %q", report.String(), want)
	}
	// Reported once: a second report has nothing new to say.
	q.q.reportDrops()
	if n := strings.Count(report.String(), "dropped"); n != 1 {
		t.Errorf("drops reported %d times, want 1:\n%s", n, report.String())
	}
}

func TestQueuePeriodicDropReport(t *testing.T) {
	var report syncBuffer
	logging.SetErrorOutput(&report)
	defer logging.SetErrorOutput(nil)
	gate := make(chan struct{})
	q := NewQueueHandler(QueueOptions{MaxSize: 1, WhenFull: QueueDrop, DropReportInterval: 10 * time.Millisecond,
		Handlers: []logging.Handler{&queueTarget{gate: gate}}})
	q.Name = "q"
	for i := range 10 {
		q.Handle(queueRecord(i))
	}
	// The ticker runs in the listener, which is stuck in the target: the
	// report comes as soon as it is free again, without Close.
	close(gate)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(report.String(), "records dropped") {
		if time.Now().After(deadline) {
			t.Fatal("no periodic drop report")
		}
		time.Sleep(5 * time.Millisecond)
	}
	q.Close()
}

// Shutdown closes the queue handler (created last) first, so every record
// reaches the targets before they are closed.
func TestQueueShutdownDrains(t *testing.T) {
	tgt := &queueTarget{delay: time.Millisecond}
	err := logging.Configure(&logging.Config{
		Handlers: []logging.HandlerConfig{
			{ID: "q", Needs: []string{"slow"}, NewFrom: func(needs []logging.Handler) (logging.Handler, error) {
				return NewQueueHandler(QueueOptions{MaxSize: 500, Handlers: needs}), nil
			}},
			{ID: "slow", New: func() (logging.Handler, error) { return tgt, nil }},
		},
		Root: &logging.LoggerConfig{Level: logging.DEBUG, LevelSet: true, Handlers: []string{"q"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		logging.Root().Infof("record %d", i)
	}
	logging.Shutdown()
	wantSequence(t, tgt.got(), 200)
	if tgt.late != 0 {
		t.Errorf("%d records reached the target after it was closed", tgt.late)
	}
	if tgt.flushes != 1 {
		t.Errorf("target flushed %d times, want 1 (by Shutdown)", tgt.flushes)
	}
}

func TestQueueConcurrentProducers(t *testing.T) {
	var report syncBuffer // drop reports
	logging.SetErrorOutput(&report)
	defer func() {
		logging.SetErrorOutput(nil)
	}()
	for _, mode := range []WhenFull{QueueBlock, QueueDrop} {
		tgt := &queueTarget{}
		q := NewQueueHandler(QueueOptions{MaxSize: 16, WhenFull: mode, Handlers: []logging.Handler{tgt}})
		const producers, each = 8, 500
		var wg sync.WaitGroup
		for p := range producers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					q.Handle(logging.NewRecord("q", logging.INFO, "%d %d", p, i))
					if i%100 == 0 {
						q.Flush()
					}
				}
			}()
		}
		// Close races with the producers: no send on a closed channel, and
		// records after Close go straight to the target.
		time.Sleep(time.Millisecond)
		closeDone := make(chan struct{})
		go func() { q.Close(); close(closeDone) }()
		wg.Wait()
		<-closeDone
		got := tgt.got()
		if int64(len(got))+q.Dropped() != producers*each {
			t.Fatalf("mode %d: %d handled + %d dropped != %d", mode, len(got), q.Dropped(), producers*each)
		}
		// Each producer's records stay in order.
		last := make([]int, producers)
		for i := range last {
			last[i] = -1
		}
		for _, m := range got {
			var p, i int
			if _, err := fmt.Sscanf(m, "%d %d", &p, &i); err != nil {
				t.Fatal(err)
			}
			if i <= last[p] {
				t.Fatalf("mode %d: producer %d: record %d after %d", mode, p, i, last[p])
			}
			last[p] = i
		}
	}
}

func TestQueueRespectHandlerLevel(t *testing.T) {
	for _, respect := range []bool{false, true} {
		tgt := &queueTarget{}
		tgt.SetLevel(logging.WARNING)
		q := NewQueueHandler(QueueOptions{RespectHandlerLevel: respect, Handlers: []logging.Handler{tgt}})
		q.Handle(logging.NewRecord("q", logging.INFO, "info"))
		q.Handle(logging.NewRecord("q", logging.ERROR, "error"))
		q.Close()
		want := "info,error"
		if respect {
			want = "error"
		}
		if got := strings.Join(tgt.got(), ","); got != want {
			t.Errorf("respect_handler_level %v: got %q, want %q", respect, got, want)
		}
	}
}

// Like Python's QueueHandler.prepare: the queue handler's formatter makes
// the message, args are merged during the call, the error's text is kept in
// the message and the error itself is cleared.
func TestQueuePrepare(t *testing.T) {
	tgt := &queueTarget{}
	tgt.SetFormatter(&logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
		b = append(b, r.Level.String()...)
		b = append(b, ':')
		return r.AppendMessage(b)
	}})
	q := NewQueueHandler(QueueOptions{Handlers: []logging.Handler{tgt}})
	q.AddFilter(logging.FilterFunc(func(r *logging.Record) bool { return r.Msg != "skip" }))

	args := []any{"a"}
	r := logging.NewRecord("q", logging.WARNING, "x=%s", args...)
	q.Handle(r)
	args[0] = "changed"
	e := logging.NewRecord("q", logging.ERROR, "failed")
	e.Err = errors.New("boom")
	q.Handle(e)
	if q.Handle(logging.NewRecord("q", logging.ERROR, "skip")) {
		t.Error("Handle returned true for a filtered record")
	}
	q.Flush()
	want := []string{"WARNING:x=a", "ERROR:failed\nboom"}
	if got := tgt.got(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	q.Close()
}

func TestQueueNeedsCaller(t *testing.T) {
	plain := &queueTarget{}
	q := NewQueueHandler(QueueOptions{Handlers: []logging.Handler{plain}})
	defer q.Close()
	if q.NeedsCaller() {
		t.Error("NeedsCaller with no caller format")
	}
	withCaller := &queueTarget{}
	withCaller.SetFormatter(funcLine)
	q2 := NewQueueHandler(QueueOptions{Handlers: []logging.Handler{plain, withCaller}})
	defer q2.Close()
	if !q2.NeedsCaller() {
		t.Error("NeedsCaller false with a target that prints the caller")
	}
}

func TestQueueAfterClose(t *testing.T) {
	tgt := &queueTarget{}
	q := NewQueueHandler(QueueOptions{Handlers: []logging.Handler{tgt}})
	q.Handle(queueRecord(0))
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	q.Handle(queueRecord(1)) // handed over directly
	if err := q.Flush(); err != nil {
		t.Fatal(err)
	}
	wantSequence(t, tgt.got(), 2)
}
