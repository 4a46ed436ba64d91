package handlers

import (
	"encoding/binary"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	logging "github.com/loggen/loggen/runtime"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// SocketOptions configures a SocketHandler or a DatagramHandler. Host and
// Port are the arguments of Python's constructors; the other fields are the
// attributes Python lets a program change after construction.
type SocketOptions struct {
	Host string
	Port int
	// Unix makes Host the path of a Unix-domain socket, as Python's
	// port=None does.
	Unix bool
	// Timeout bounds a SocketHandler's connect and each send; 0 means 1s,
	// the timeout of Python's makeSocket.
	Timeout time.Duration
	// The reconnect backoff of a SocketHandler, in seconds (Python's
	// retryStart, retryFactor and retryMax); 0 means 1.0, 2.0 and 30.0.
	RetryStart, RetryFactor, RetryMax float64
}

// A SocketHandler sends each record to a TCP (or Unix stream) socket as
// Python's logging.handlers.SocketHandler does: a 4-byte big-endian length,
// then a pickle (protocol 1) of the record's attribute dict, with msg set to
// the merged message and args and exc_info set to None. A Python receiver
// (the logging cookbook's socket server, logging.makeLogRecord) reads the
// records unchanged.
//
// The connection is made at the first record and kept. When it cannot be
// made, the handler waits before it tries again, with Python's exponential
// backoff: 1s, then twice as long each failure, at most 30s; a failed send
// closes the connection and the next record reconnects at once. A connect
// or a send never blocks longer than Timeout (1s), so a logging call does
// not hang while the peer is down or stuck.
//
// Difference from Python: Python drops the records it cannot send without a
// word. loggen drops them as well but counts them, and reports the count on
// stderr ("--- Logging error ---", as HandleError does) when the connection
// comes back and at Close. Dropped returns the count so far.
type SocketHandler struct{ socketHandler }

// A DatagramHandler sends each record as one UDP (or Unix datagram) packet
// as Python's logging.handlers.DatagramHandler does: the same bytes as a
// SocketHandler, length prefix included, so a receiver skips the first 4
// bytes. As in Python, the socket is not connected, delivery is not checked,
// and a send that fails (a record larger than a datagram, a name that does
// not resolve) is reported with HandleError.
type DatagramHandler struct{ socketHandler }

// NewSocketHandler returns a SocketHandler for o.Host and o.Port. It does
// not connect: the first record does.
func NewSocketHandler(o SocketOptions) *SocketHandler {
	h := &SocketHandler{}
	h.init(o, false)
	return h
}

// NewDatagramHandler returns a DatagramHandler for o.Host and o.Port.
func NewDatagramHandler(o SocketOptions) *DatagramHandler {
	h := &DatagramHandler{}
	h.init(o, true)
	return h
}

type socketHandler struct {
	logging.HandlerBase
	mu       sync.Mutex // serializes sends, as Python's handler lock does
	datagram bool
	network  string // tcp, unix, udp4 or unixgram
	address  string

	timeout              time.Duration
	retryStart, retryMax time.Duration
	retryFactor          float64

	conn      net.Conn       // the stream connection, or a Unix datagram socket
	pconn     net.PacketConn // the UDP socket
	raddr     net.Addr       // where UDP packets go
	retryTime time.Time      // no connect attempt before it; zero: try at once
	retryWait time.Duration  // Python's retryPeriod
	dropped   int64          // records dropped since the last report
	total     int64          // records dropped since the handler was made
	lastErr   error

	// Tests replace these.
	clock func() time.Time
	dial  func(network, address string, timeout time.Duration) (net.Conn, error)
}

func (h *socketHandler) init(o SocketOptions, datagram bool) {
	h.datagram = datagram
	switch {
	case o.Unix && datagram:
		h.network, h.address = "unixgram", o.Host
	case o.Unix:
		h.network, h.address = "unix", o.Host
	case datagram:
		// Python's DatagramHandler makes an AF_INET socket.
		h.network, h.address = "udp4", net.JoinHostPort(o.Host, strconv.Itoa(o.Port))
	default:
		// socket.create_connection tries every address of the host.
		h.network, h.address = "tcp", net.JoinHostPort(o.Host, strconv.Itoa(o.Port))
	}
	seconds := func(s, def float64) time.Duration {
		if s <= 0 {
			s = def
		}
		return time.Duration(s * float64(time.Second))
	}
	h.timeout = o.Timeout
	if h.timeout <= 0 {
		h.timeout = time.Second
	}
	h.retryStart = seconds(o.RetryStart, 1.0)
	h.retryMax = seconds(o.RetryMax, 30.0)
	h.retryFactor = o.RetryFactor
	if h.retryFactor <= 0 {
		h.retryFactor = 2.0
	}
	h.clock = time.Now
	h.dial = net.DialTimeout
}

// NeedsCaller reports true: the record dict carries pathname, lineno and
// funcName, so loggers capture the caller for this handler.
func (h *socketHandler) NeedsCaller() bool { return true }

// Address returns the network and address records go to.
func (h *socketHandler) Address() (network, address string) { return h.network, h.address }

// Dropped returns how many records were dropped because the peer could not
// be reached (a SocketHandler only).
func (h *socketHandler) Dropped() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.total
}

var picklerPool = sync.Pool{New: func() any { return new(pickler) }}

// Handle implements Handler: it pickles r outside the lock and sends it.
func (h *socketHandler) Handle(r *logging.Record) bool {
	if !h.Filter(r) {
		return false
	}
	pk := picklerPool.Get().(*pickler)
	defer picklerPool.Put(pk)
	frame, err := appendRecordFrame(pk.frame[:0], r, pk)
	pk.b = nil
	if frame != nil {
		pk.frame = frame
	}
	if err != nil {
		logging.HandleError(h.Name, r, err)
		return true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.datagram {
		if err := h.sendDatagram(frame); err != nil {
			logging.HandleError(h.Name, r, err)
		}
	} else {
		h.sendStream(frame)
	}
	return true
}

// sendStream is Python's SocketHandler.send: connect if the backoff allows,
// then write the whole frame; a failed write closes the connection.
func (h *socketHandler) sendStream(frame []byte) {
	if h.conn == nil {
		h.createSocket()
	}
	if h.conn == nil {
		h.drop()
		return
	}
	h.conn.SetWriteDeadline(time.Now().Add(h.timeout))
	if _, err := h.conn.Write(frame); err != nil {
		h.conn.Close()
		h.conn = nil
		h.lastErr = err
		h.drop()
	}
}

func (h *socketHandler) drop() {
	h.dropped++
	h.total++
}

// createSocket is Python's createSocket: no attempt before retryTime; a
// failure sets the next retry time with exponential backoff.
func (h *socketHandler) createSocket() {
	now := h.clock()
	if !h.retryTime.IsZero() && now.Before(h.retryTime) {
		return
	}
	c, err := h.dial(h.network, h.address, h.timeout)
	if err == nil {
		h.conn = c
		h.retryTime = time.Time{}
		h.reportDropped("the connection is back")
		return
	}
	h.lastErr = err
	if h.retryTime.IsZero() {
		h.retryWait = h.retryStart
	} else {
		h.retryWait = time.Duration(float64(h.retryWait) * h.retryFactor)
		if h.retryWait > h.retryMax {
			h.retryWait = h.retryMax
		}
	}
	h.retryTime = now.Add(h.retryWait)
}

// reportDropped reports on stderr the records dropped since the last report.
func (h *socketHandler) reportDropped(when string) {
	if h.dropped == 0 {
		return
	}
	n := h.dropped
	h.dropped = 0
	records := "records"
	if n == 1 {
		records = "record"
	}
	logging.ReportError(h.Name, fmt.Errorf("dropped %d %s: %s %s could not be reached (%v); %s",
		n, records, h.network, h.address, h.lastErr, when))
}

// sendDatagram is Python's DatagramHandler.send: one sendto per record.
func (h *socketHandler) sendDatagram(frame []byte) error {
	if h.network == "unixgram" {
		if h.conn == nil {
			c, err := h.dial(h.network, h.address, h.timeout)
			if err != nil {
				return err
			}
			h.conn = c
		}
		h.conn.SetWriteDeadline(time.Now().Add(h.timeout))
		_, err := h.conn.Write(frame)
		if err != nil {
			h.conn.Close()
			h.conn = nil
		}
		return err
	}
	if h.pconn == nil {
		c, err := net.ListenPacket(h.network, ":0")
		if err != nil {
			return err
		}
		h.pconn = c
	}
	if h.raddr == nil {
		a, err := net.ResolveUDPAddr(h.network, h.address)
		if err != nil {
			return err
		}
		h.raddr = a
	}
	h.pconn.SetWriteDeadline(time.Now().Add(h.timeout))
	_, err := h.pconn.WriteTo(frame, h.raddr)
	if err != nil {
		h.raddr = nil // resolve again next time
	}
	return err
}

// Flush does nothing: records are sent as they come.
func (h *socketHandler) Flush() error { return nil }

// Close closes the socket and reports records dropped since the last
// report. A later record connects again, as in Python.
func (h *socketHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var err error
	if h.conn != nil {
		err = h.conn.Close()
		h.conn = nil
	}
	if h.pconn != nil {
		if e := h.pconn.Close(); err == nil {
			err = e
		}
		h.pconn = nil
	}
	h.reportDropped("the handler is closed")
	return err
}

// appendRecordFrame appends the frame Python's SocketHandler.makePickle
// builds for r: a 4-byte big-endian length and a protocol-1 pickle of the
// dict of the record's attributes, in the order of Python 3.11's
// LogRecord.__dict__, then the extras in the order given. msg is the merged
// message; args and exc_info are None; exc_text is the record's exception
// (Record.ExcText: Python's formatted traceback) and stack_info its stack
// (Record.StackInfo), or None. An extra
// named like a standard attribute replaces its value in place (Python
// refuses such extras); extras named msg, args, exc_info or message are
// left out, as makePickle's overrides leave them.
func appendRecordFrame(b []byte, r *logging.Record, pk *pickler) ([]byte, error) {
	msg, err := r.Message()
	if err != nil {
		return nil, err
	}
	start := len(b)
	b = append(b, 0, 0, 0, 0)
	var excText, stackInfo pyfmt.Value
	if r.Err != nil {
		excText = pyfmt.StringValue(r.ExcText())
	}
	if s := r.StackInfo(); s != "" {
		stackInfo = pyfmt.StringValue(s)
	}
	items := pk.items[:0]
	items = append(items,
		pickleItem{"name", pyfmt.StringValue(r.Name)},
		pickleItem{"msg", pyfmt.StringValue(msg)},
		pickleItem{"args", pyfmt.Value{}},
		pickleItem{"levelname", pyfmt.StringValue(r.Level.String())},
		pickleItem{"levelno", pyfmt.IntValue(int64(r.Level))},
		pickleItem{"pathname", pyfmt.StringValue(r.Pathname())},
		pickleItem{"filename", pyfmt.StringValue(r.Filename())},
		pickleItem{"module", pyfmt.StringValue(r.Module())},
		pickleItem{"exc_info", pyfmt.Value{}},
		pickleItem{"exc_text", excText},
		pickleItem{"stack_info", stackInfo},
		pickleItem{"lineno", pyfmt.IntValue(int64(r.Lineno()))},
		pickleItem{"funcName", pyfmt.StringValue(r.FuncName())},
		pickleItem{"created", pyfmt.FloatValue(r.Created())},
		pickleItem{"msecs", pyfmt.FloatValue(r.Msecs())},
		pickleItem{"relativeCreated", pyfmt.FloatValue(r.RelativeCreated())},
		pickleItem{"thread", pyfmt.IntValue(int64(r.Thread()))},
		pickleItem{"threadName", pyfmt.StringValue(r.ThreadName())},
		pickleItem{"processName", pyfmt.StringValue(r.ProcessName())},
		pickleItem{"process", pyfmt.IntValue(int64(r.Process()))},
	)
extras:
	for _, f := range r.Extra {
		switch f.Key {
		case "msg", "args", "exc_info", "message":
			continue
		}
		for i := range items {
			if items[i].key == f.Key {
				items[i].val = f.Value
				continue extras
			}
		}
		items = append(items, pickleItem{f.Key, f.Value})
	}
	b = pk.pickleDict(b, items)
	clear(items)
	pk.items = items[:0]
	binary.BigEndian.PutUint32(b[start:], uint32(len(b)-start-4))
	return b, nil
}

// pickleDict appends pickle.dumps(dict(items), 1) to b.
func (p *pickler) pickleDict(b []byte, items []pickleItem) []byte {
	p.reset(b)
	p.dict(items)
	p.b = append(p.b, pkStop)
	b = p.b
	p.b = nil
	return b
}
