package handlers

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// This file is the stream transport that SocketHandler and SysLogHandler
// (over TCP) share: a connection with Python's reconnect backoff, and an
// account of every frame (one record each) written to it, so that a record
// is either delivered or counted as dropped, never lost without a word.
//
// The problem it solves: when the receiver goes away, the first write after
// that is accepted by the kernel (the connection is only half closed), and
// the peer answers it with a reset; the record is gone and the write
// reported success. Two things catch it:
//
//   - A goroutine per connection blocks in Read (receivers send nothing)
//     and sets a flag when the peer closes or resets the connection. A
//     record checks the flag (one atomic load) before it writes, and goes
//     to a new connection if it is set.
//   - The flag can come too late: the write can happen between the peer's
//     exit and the flag. So the connection keeps the frames it wrote until
//     the peer's kernel has acknowledged them. On Linux, ioctl SIOCOUTQ
//     says how many bytes of the send queue are not acknowledged yet; when
//     the connection breaks, the frames those bytes belong to are sent
//     again on the next connection (or counted as dropped if it cannot be
//     made). The kept frames are trimmed to the unacknowledged ones each
//     time they exceed confirmAt bytes, so the check costs one ioctl per
//     256 KiB written and a copy of each frame.
//
// What it cannot see: bytes the receiver's kernel acknowledged but the
// receiving process never read (it was killed with unread data in its
// socket buffer, or between reading a record and storing it). Only an
// acknowledgement by the receiving application could tell; Python's
// SocketHandler protocol and syslog over TCP have none.

// confirmAt is how many bytes of frames a connection keeps before it asks
// the kernel which of them the peer has acknowledged.
const confirmAt = 256 << 10

// errPeerClosed is the error of a connection whose peer closed or reset it
// before a write noticed.
var errPeerClosed = errors.New("the peer closed the connection")

// A streamSender writes frames to a stream connection (TCP, or a Unix
// stream socket) for one handler; the handler's lock serializes its
// methods.
type streamSender struct {
	network, address string
	timeout          time.Duration // bounds a connect, and the writes of one send
	retryStart       time.Duration
	retryMax         time.Duration
	retryFactor      float64
	reportEvery      time.Duration // periodic drop reports while the peer stays away

	conn      *streamConn
	pending   [][]byte  // frames of a broken connection, to send first on the next
	retryTime time.Time // no connect attempt before it; zero: try at once
	retryWait time.Duration
	lastErr   error
	drops     dropCounter

	// lock is the handler's lock, which serializes the sender's methods;
	// the retry timer takes it. name is the handler's name, for reports.
	lock  sync.Locker
	name  string
	retry *time.Timer // sends the pending frames if no record does first

	resent   int64 // frames sent again on a new connection (for tests)
	peerGone int64 // breaks the reader goroutine found before a write (for tests)

	// Tests replace these.
	clock func() time.Time
	dial  func(network, address string, timeout time.Duration) (net.Conn, error)
}

// newStreamSender returns a sender for network and address with Python's
// SocketHandler backoff defaults (retryStart 1s, retryFactor 2, retryMax
// 30s).
func newStreamSender(network, address string, timeout time.Duration) *streamSender {
	return &streamSender{
		network: network, address: address, timeout: timeout,
		retryStart: time.Second, retryMax: 30 * time.Second, retryFactor: 2,
		reportEvery: DefaultDropReportInterval,
		clock:       time.Now,
		dial:        net.DialTimeout,
	}
}

// send writes frame, which the caller may reuse once send returns. If the
// connection is broken (the reader saw the peer go, or a write fails at
// once) send connects again and writes the frames not acknowledged on the
// old connection, this one included; if the connection cannot be made,
// they are dropped and counted. After a write that timed out, they wait for
// the next call, or for the timeout to pass once more, whichever comes
// first (see retryLater). A call blocks at most twice the timeout: a
// connect and the writes.
func (s *streamSender) send(handler string, frame []byte) {
	s.name = handler
	s.sendFrame(handler, frame)
	if len(s.pending) > 0 {
		s.retryLater()
	}
}

// retryLater makes sure that pending frames do not wait for a record that
// may never come: after the timeout, a timer sends them (connecting again)
// or counts them as dropped, as the next record would. A frame is sent
// twice at most, so the retries end.
func (s *streamSender) retryLater() {
	if s.retry != nil || s.lock == nil {
		return
	}
	s.retry = time.AfterFunc(s.timeout, func() {
		s.lock.Lock()
		defer s.lock.Unlock()
		s.retry = nil
		if len(s.pending) > 0 {
			s.send(s.name, nil)
		}
	})
}

// sendFrame is send without the retry timer.
func (s *streamSender) sendFrame(handler string, frame []byte) {
	for attempt := 0; ; attempt++ {
		if s.conn != nil && s.conn.gone.Load() {
			s.peerGone++
			s.breakConn(errPeerClosed)
		}
		if s.conn == nil && !s.connect(handler) {
			s.dropPending()
			if frame != nil {
				s.drop(handler, 1)
			} else {
				s.drop(handler, 0)
			}
			return
		}
		err := s.write(frame)
		if err == nil || attempt > 0 || errors.Is(err, os.ErrDeadlineExceeded) {
			return
		}
		frame = nil // it is pending now
	}
}

// write writes the pending frames, then frame (if not nil), on the
// connection. If a write fails, it breaks the connection, and the frames
// not acknowledged, frame included, become pending.
func (s *streamSender) write(frame []byte) error {
	s.conn.SetWriteDeadline(time.Now().Add(s.timeout))
	for i, f := range s.pending {
		if err := s.conn.write(f); err != nil {
			rest := s.pending[i+1:]
			s.pending = nil
			s.breakConn(err)
			s.pending = append(s.pending, rest...)
			if frame != nil {
				s.pending = append(s.pending, append([]byte(nil), frame...))
			}
			return err
		}
	}
	s.pending = nil
	if frame == nil {
		return nil
	}
	if err := s.conn.write(frame); err != nil {
		s.breakConn(err)
		return err
	}
	return nil
}

// connect makes a connection if the backoff allows (Python's
// SocketHandler.createSocket) and reports whether there is one. When it is
// made, the drops so far are reported, and the connection's first frames
// will be the pending ones.
func (s *streamSender) connect(handler string) bool {
	now := s.clock()
	if !s.retryTime.IsZero() && now.Before(s.retryTime) {
		return false
	}
	c, err := s.dial(s.network, s.address, s.timeout)
	if err != nil {
		s.lastErr = err
		if s.retryTime.IsZero() {
			s.retryWait = s.retryStart
		} else {
			s.retryWait = time.Duration(float64(s.retryWait) * s.retryFactor)
			if s.retryWait > s.retryMax {
				s.retryWait = s.retryMax
			}
		}
		s.retryTime = now.Add(s.retryWait)
		return false
	}
	s.conn = newStreamConn(c)
	s.retryTime = time.Time{}
	var n int64
	for _, f := range s.pending {
		n += int64(len(f))
	}
	s.conn.resendEnd = n
	s.resent += int64(len(s.pending))
	s.reportDrops(handler, "the connection is back")
	return true
}

// breakConn closes the connection after err and makes pending the frames
// its peer did not acknowledge, but those that were already being sent a
// second time: those are dropped. The connection is reset rather than
// closed, so that nothing more of it reaches the peer.
func (s *streamSender) breakConn(err error) {
	c := s.conn
	s.conn = nil
	s.lastErr = err
	again, fresh := c.unacked()
	c.abort()
	s.drops.add(int64(len(again)))
	s.pending = fresh
}

// dropPending counts the pending frames as dropped.
func (s *streamSender) dropPending() {
	s.drops.add(int64(len(s.pending)))
	s.pending = nil
}

// drop counts n records as dropped and reports the drops if a report is due.
func (s *streamSender) drop(handler string, n int64) {
	s.drops.add(n)
	if s.drops.due(s.reportEvery) {
		s.reportDrops(handler, "still trying")
	}
}

// reportDrops reports the records dropped since the last report.
func (s *streamSender) reportDrops(handler, when string) {
	s.drops.report(handler, func(n, _ int64) string {
		return fmt.Sprintf("dropped %s: %s %s could not be reached (%v); %s", records(n), s.network, s.address, s.lastErr, when)
	})
}

// close waits (at most the timeout) until the peer has acknowledged every
// frame, then closes the connection. Frames still unacknowledged, or
// pending from a broken connection, are dropped and counted: close does not
// reconnect. The drops not yet reported are reported.
func (s *streamSender) close(handler string) error {
	if s.retry != nil {
		s.retry.Stop()
		s.retry = nil
	}
	var err error
	if s.conn != nil {
		if !s.conn.drain(s.timeout) {
			err := errPeerClosed
			if !s.conn.gone.Load() {
				err = fmt.Errorf("%d bytes not acknowledged within %v at close", s.conn.unackedBytes(), s.timeout)
			}
			s.breakConn(err)
		} else {
			err = s.conn.Close()
			s.conn = nil
		}
	}
	s.dropPending()
	s.reportDrops(handler, "the handler is closed")
	return err
}

// A streamConn is one connection and the frames written to it that its
// peer has not acknowledged yet.
type streamConn struct {
	net.Conn
	gone  atomic.Bool // the peer closed or reset the connection: set by watch
	track bool        // the kernel tells how much is unacknowledged (SIOCOUTQ)

	written   int64 // bytes the kernel took
	checkAt   int   // ask the kernel when the kept frames exceed this
	failed    bool  // the last write failed: its frame did not go out whole
	resendEnd int64 // the frames before this offset were sent a second time
	ring      frameRing
}

func newStreamConn(c net.Conn) *streamConn {
	sc := &streamConn{Conn: c, track: tracksAcks(c), checkAt: confirmAt}
	go sc.watch()
	return sc
}

// watch reads the connection until it fails: receivers send nothing, so
// that is when the peer closes or resets it, or when the sender closes it.
func (c *streamConn) watch() {
	var b [512]byte
	for {
		if _, err := c.Conn.Read(b[:]); err != nil {
			c.gone.Store(true)
			return
		}
	}
}

// write writes one whole frame. The frame is kept until the peer has
// acknowledged it (or, where the kernel cannot say, until the write
// returns).
func (c *streamConn) write(f []byte) error {
	c.ring.push(f)
	n, err := c.Conn.Write(f)
	c.written += int64(n)
	if err != nil {
		c.failed = true
		return err
	}
	if !c.track {
		c.ring.reset(c.written)
		return nil
	}
	if c.ring.size() > c.checkAt {
		if u, ok := unackedBytes(c.Conn); ok {
			c.ring.confirm(c.written - int64(u))
		}
		// While the peer is slow, the frames it has not acknowledged stay
		// above confirmAt: ask again only after confirmAt more bytes.
		c.checkAt = c.ring.size() + confirmAt
	}
	return nil
}

// unackedBytes returns the bytes of the send queue the peer has not
// acknowledged, or 0 if the kernel cannot say.
func (c *streamConn) unackedBytes() int {
	u, _ := unackedBytes(c.Conn)
	return u
}

// unacked returns copies of the frames the peer did not acknowledge, in
// order: again are those that were being sent a second time, fresh the
// others. Where the kernel cannot say, only the frame whose write failed
// is known not to have arrived whole.
func (c *streamConn) unacked() (again, fresh [][]byte) {
	var frames [][]byte
	var ends []int64
	if u, ok := unackedBytes(c.Conn); ok && c.track {
		frames, ends = c.ring.after(c.written - int64(u))
	} else if c.failed {
		frames, ends = c.ring.last()
	}
	for i, f := range frames {
		f = append([]byte(nil), f...)
		if ends[i] <= c.resendEnd {
			again = append(again, f)
		} else {
			fresh = append(fresh, f)
		}
	}
	return again, fresh
}

// drain waits, at most d, until the peer has acknowledged everything
// written, and reports whether it has. Where the kernel cannot say, it
// reports whether the peer is still there.
func (c *streamConn) drain(d time.Duration) bool {
	deadline := time.Now().Add(d)
	wait := 100 * time.Microsecond
	for {
		if c.gone.Load() {
			return c.track && c.unackedBytes() == 0 && !c.failed
		}
		u, ok := unackedBytes(c.Conn)
		if !ok || !c.track {
			return !c.failed
		}
		if u == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(wait)
		wait = min(2*wait, 10*time.Millisecond)
	}
}

// abort closes the connection with a reset (SO_LINGER 0), which discards
// what the kernel has not sent: frames given up on here never arrive after
// they were sent again elsewhere.
func (c *streamConn) abort() {
	if tc, ok := c.Conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.Conn.Close()
}

// A frameRing keeps frames back to back, oldest first, with the stream
// offset at which each ends, and trims them from the front.
type frameRing struct {
	buf  []byte  // the frames, from the stream offset base on
	base int64   // the stream offset of buf[0]
	ends []int64 // the offset at which each kept frame ends
	end  int64   // the offset after the last frame pushed
}

func (r *frameRing) push(f []byte) {
	r.buf = append(r.buf, f...)
	r.end += int64(len(f))
	r.ends = append(r.ends, r.end)
}

func (r *frameRing) size() int { return len(r.buf) }

// reset forgets every frame; the next frame starts at offset off.
func (r *frameRing) reset(off int64) {
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	r.base, r.end = off, off
}

// confirm forgets the frames that end at or before acked.
func (r *frameRing) confirm(acked int64) {
	i := 0
	for i < len(r.ends) && r.ends[i] <= acked {
		i++
	}
	if i == 0 {
		return
	}
	start := r.ends[i-1]
	n := copy(r.buf, r.buf[start-r.base:])
	r.buf = r.buf[:n]
	r.base = start
	n = copy(r.ends, r.ends[i:])
	r.ends = r.ends[:n]
}

// after returns the frames that end after offset acked, and their ends.
func (r *frameRing) after(acked int64) ([][]byte, []int64) {
	var frames [][]byte
	var ends []int64
	start := r.base
	for _, e := range r.ends {
		if e > acked {
			frames = append(frames, r.buf[start-r.base:e-r.base])
			ends = append(ends, e)
		}
		start = e
	}
	return frames, ends
}

// last returns the last frame and its end.
func (r *frameRing) last() ([][]byte, []int64) {
	if len(r.ends) == 0 {
		return nil, nil
	}
	start := r.base
	if len(r.ends) > 1 {
		start = r.ends[len(r.ends)-2]
	}
	e := r.ends[len(r.ends)-1]
	return [][]byte{r.buf[start-r.base : e-r.base]}, []int64{e}
}
