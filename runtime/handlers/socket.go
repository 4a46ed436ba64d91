package handlers

import (
	"encoding/binary"
	"errors"
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
// backoff: 1s, then twice as long each failure, at most 30s. A connect, and
// the writes of one record, are each bounded by Timeout (1s), so a logging
// call blocks at most twice Timeout while the peer is down or stuck.
//
// No record is lost without a count (Python drops the records it cannot
// send without a word). A goroutine watches the connection and notices when
// the receiver closes it, so the next record goes to a new connection; and
// on Linux the handler keeps the frames the receiver's kernel has not
// acknowledged yet (SIOCOUTQ), and sends them again on the next connection
// when the connection breaks, so the record written just as the receiver
// went away is not lost either. Records that cannot be sent (the receiver
// stays away; a frame that fails a second time; frames not acknowledged
// when Close has waited Timeout) are dropped and counted, and the count is
// reported on stderr ("--- Logging error ---", as HandleError does) when
// the connection comes back, every DefaultDropReportInterval while the
// receiver stays away, and at Close. Dropped returns the count so far.
// What no sender can see without an acknowledgement from the receiving
// program is a record that the receiver's kernel acknowledged but the
// receiver never read (it was killed with the record in its socket
// buffer). Elsewhere than Linux, where the kernel does not say what it has
// acknowledged, a record written in the instant between the receiver's exit
// and the watcher noticing it can be lost without a count.
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
	timeout  time.Duration

	stream *streamSender  // a SocketHandler's connection
	conn   net.Conn       // a DatagramHandler's Unix datagram socket
	pconn  net.PacketConn // the UDP socket
	raddr  net.Addr       // where UDP packets go
	dial   func(network, address string, timeout time.Duration) (net.Conn, error)
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
	h.dial = net.DialTimeout
	if datagram {
		return
	}
	s := newStreamSender(h.network, h.address, h.timeout)
	s.lock = &h.mu
	s.retryStart = seconds(o.RetryStart, 1.0)
	s.retryMax = seconds(o.RetryMax, 30.0)
	if o.RetryFactor > 0 {
		s.retryFactor = o.RetryFactor
	}
	h.stream = s
}

// NeedsCaller reports true: the record dict carries pathname, lineno and
// funcName, so loggers capture the caller for this handler.
func (h *socketHandler) NeedsCaller() bool { return true }

// Address returns the network and address records go to.
func (h *socketHandler) Address() (network, address string) { return h.network, h.address }

// Dropped returns how many records were dropped because the peer could not
// be reached (a SocketHandler only).
func (h *socketHandler) Dropped() int64 {
	if h.stream == nil {
		return 0
	}
	return h.stream.drops.count()
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
		h.stream.send(h.Name, frame)
	}
	return true
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

// Close closes the socket. A SocketHandler first waits, at most Timeout,
// until the receiver's kernel has acknowledged every record (on Linux),
// counts those it has not, and reports the records dropped since the last
// report. A later record connects again, as in Python.
func (h *socketHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var err error
	if h.stream != nil {
		err = h.stream.close(h.Name)
	}
	if h.conn != nil {
		err = errors.Join(err, h.conn.Close())
		h.conn = nil
	}
	if h.pconn != nil {
		err = errors.Join(err, h.pconn.Close())
		h.pconn = nil
	}
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
