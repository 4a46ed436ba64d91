package handlers

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// Socket types of SysLogOptions.SockType, with Linux's values of Python's
// socket.SOCK_STREAM and socket.SOCK_DGRAM.
const (
	SockStream = 1
	SockDgram  = 2
)

// A Facility is a syslog facility, one of Python's
// SysLogHandler.facility_names. The zero Facility is FacilityUser, Python's
// default; the constants' values are not the numbers sent on the wire.
type Facility int

// The facilities, with the name Python gives each.
const (
	FacilityUser        Facility = iota // "user" (1)
	FacilityKern                        // "kern" (0)
	FacilityMail                        // "mail" (2)
	FacilityDaemon                      // "daemon" (3)
	FacilityAuth                        // "auth" (4)
	FacilitySyslog                      // "syslog" (5)
	FacilityLPR                         // "lpr" (6)
	FacilityNews                        // "news" (7)
	FacilityUUCP                        // "uucp" (8)
	FacilityCron                        // "cron" (9)
	FacilityAuthPriv                    // "authpriv" (10)
	FacilityFTP                         // "ftp" (11)
	FacilityNTP                         // "ntp" (12)
	FacilitySecurity                    // "security" (13)
	FacilityConsole                     // "console" (14)
	FacilitySolarisCron                 // "solaris-cron" (15)
	FacilityLocal0                      // "local0" (16)
	FacilityLocal1                      // "local1" (17)
	FacilityLocal2                      // "local2" (18)
	FacilityLocal3                      // "local3" (19)
	FacilityLocal4                      // "local4" (20)
	FacilityLocal5                      // "local5" (21)
	FacilityLocal6                      // "local6" (22)
	FacilityLocal7                      // "local7" (23)
)

// code returns the facility's number in the PRI field, or -1 for a value
// that is not one of the constants.
func (f Facility) code() int {
	switch {
	case f == FacilityUser:
		return 1
	case f == FacilityKern:
		return 0
	case f >= FacilityMail && f <= FacilityLocal7:
		return int(f)
	}
	return -1
}

// SysLogOptions configures a SysLogHandler; the first fields are the
// keyword arguments of Python's logging.handlers.SysLogHandler.
type SysLogOptions struct {
	// Address is "host:port" (UDP or TCP). Empty, with Path empty too, is
	// "localhost:514", Python's default.
	Address string
	// Path, if set, is a unix socket path (Python's string address); Address
	// is then ignored.
	Path string
	// Facility is the facility; the zero value is user, Python's default.
	Facility Facility
	// SockType is SockDgram (UDP, the default for addresses), SockStream
	// (TCP), or 0. For a unix socket, 0 tries a datagram socket and falls
	// back to a stream socket, as Python does.
	SockType int
	// Ident is prepended to every message (Python's ident attribute).
	Ident string
	// OmitNUL leaves out the NUL byte that Python appends to every message
	// (append_nul = False).
	OmitNUL bool

	// RFC5424 (a loggen extension) sends
	// "<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG" instead of
	// Python's "<PRI>MSG\x00", with octet-counted framing on TCP (RFC 6587:
	// "LEN SP MSG") and no NUL byte. MSG is Ident followed by the formatted
	// record.
	RFC5424 bool
	// AppName is the RFC 5424 APP-NAME; empty is the program's name.
	AppName string
	// MsgID is the RFC 5424 MSGID; empty is "-".
	MsgID string
	// Hostname is the RFC 5424 HOSTNAME; empty is os.Hostname().
	Hostname string

	// Framing (a loggen extension) chooses how messages are delimited on a
	// stream socket (TCP or a unix stream socket); datagrams always carry
	// one message each, as Python sends them.
	Framing Framing
	// Timeout bounds a TCP connect and the writes of one record (on any
	// socket); 0 means 5s. Python has none: a stuck receiver blocks its
	// calls for ever.
	Timeout time.Duration
}

// A Framing is how a SysLogHandler delimits messages on a stream socket.
type Framing int

// The framings.
const (
	// FramingDefault is Python's: each message ends with a NUL byte
	// (unless OmitNUL) and nothing else delimits it, so a receiver that
	// splits on LF (rsyslog's imtcp by default) merges messages and splits
	// one that holds a newline. With RFC5424 it is FramingOctetCounting
	// over TCP.
	FramingDefault Framing = iota
	// FramingOctetCounting sends "LEN SP MSG" (RFC 6587 3.4.1, the framing
	// RFC 5425 prescribes), with no NUL byte: a message may hold any byte,
	// newlines included, and arrives as one message.
	FramingOctetCounting
	// FramingLF ends each message with a LF and no NUL byte (RFC 6587
	// 3.4.2, the framing most receivers expect by default). A newline in
	// a message still splits it: use it with a formatter that escapes
	// control characters (escape_control).
	FramingLF
)

// A SysLogHandler sends records to a syslog server, as Python's
// SysLogHandler does: "<PRI>" + ident + the formatted record + NUL, with no
// timestamp and no hostname, in one UDP datagram, on a TCP stream (the same
// bytes, without further framing) or on a unix socket. PRI is facility*8 +
// severity; DEBUG, INFO, WARNING, ERROR and CRITICAL map to debug, info,
// warning, err and crit, any other level name to warning.
//
// A failed UDP or unix send is reported with HandleError and logging goes
// on; a unix socket is connected again once, as Python does. Over TCP the
// handler behaves as a SocketHandler does, not as Python's SysLogHandler
// (which keeps using a broken TCP socket, failing every record): a broken
// connection is made again at the next record, with SocketHandler's backoff
// while the server stays away; the records the server's kernel had not
// acknowledged when it broke are sent again (on Linux); records that cannot
// be sent are counted (Dropped) and the count is reported on stderr when
// the connection comes back, every DefaultDropReportInterval while it does
// not, and at Close. Timeout bounds each wait, so a call blocks at most
// twice Timeout.
type SysLogHandler struct {
	logging.HandlerBase
	mu       sync.Mutex // serializes sends, as Python's handler lock does
	opt      SysLogOptions
	facility int
	udpAddr  *net.UDPAddr
	stream   *streamSender  // TCP
	conn     net.Conn       // unix
	pconn    net.PacketConn // UDP, unconnected like Python's
	sockType int            // for unix sockets, the type that connected

	header []byte // RFC 5424: " HOSTNAME APP-NAME PROCID MSGID - "
	buf    []byte
}

// NewSysLogHandler returns a SysLogHandler. Like Python's constructor, it
// resolves the address and connects TCP now, and returns the error if that
// fails; a unix socket that cannot be reached yet is tried again at the
// first record.
func NewSysLogHandler(o SysLogOptions) (*SysLogHandler, error) {
	fac := o.Facility.code()
	if fac < 0 {
		return nil, fmt.Errorf("unknown syslog facility %d", o.Facility)
	}
	if o.SockType != 0 && o.SockType != SockStream && o.SockType != SockDgram {
		return nil, fmt.Errorf("unsupported socket type %d: use 1 (SOCK_STREAM) or 2 (SOCK_DGRAM)", o.SockType)
	}
	if o.Framing < FramingDefault || o.Framing > FramingLF {
		return nil, fmt.Errorf("unknown framing %d", o.Framing)
	}
	h := &SysLogHandler{opt: o, facility: fac, sockType: o.SockType}
	if h.opt.Timeout <= 0 {
		h.opt.Timeout = 5 * time.Second
	}
	if o.RFC5424 {
		h.header = rfc5424Header(o)
	}
	if o.Path != "" {
		h.connectUnix() // Python ignores the failure here
		return h, nil
	}
	if h.opt.Address == "" {
		h.opt.Address = "localhost:514"
	}
	if h.sockType == 0 {
		h.sockType = SockDgram
	}
	if err := h.connectInet(); err != nil {
		return nil, err
	}
	return h, nil
}

func (h *SysLogHandler) connectInet() error {
	if h.sockType == SockStream {
		s := newStreamSender("tcp", h.opt.Address, h.opt.Timeout)
		s.lock = &h.mu
		c, err := s.dial(s.network, s.address, s.timeout)
		if err != nil {
			return err
		}
		s.conn = newStreamConn(c)
		h.stream = s
		return nil
	}
	a, err := net.ResolveUDPAddr("udp", h.opt.Address)
	if err != nil {
		return err
	}
	network := "udp6"
	if a.IP == nil || a.IP.To4() != nil {
		network = "udp4"
	}
	pc, err := net.ListenUDP(network, nil)
	if err != nil {
		return err
	}
	h.udpAddr, h.pconn = a, pc
	return nil
}

// connectUnix is Python's _connect_unixsocket.
func (h *SysLogHandler) connectUnix() error {
	types := []int{h.sockType}
	if h.sockType == 0 {
		types = []int{SockDgram, SockStream}
	}
	var err error
	for _, t := range types {
		network := "unixgram"
		if t == SockStream {
			network = "unix"
		}
		var c net.Conn
		if c, err = net.DialTimeout(network, h.opt.Path, h.opt.Timeout); err == nil {
			h.conn, h.sockType = c, t
			return nil
		}
	}
	return err
}

// Handle implements Handler.
func (h *SysLogHandler) Handle(r *logging.Record) bool {
	msg, passed, ok := h.Prepare(r, "")
	if !ok {
		return passed
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.buf = h.packet(h.buf[:0], r, msg)
	if h.stream != nil {
		h.stream.send(h.Name, h.buf)
		return true
	}
	if err := h.send(h.buf); err != nil {
		logging.HandleError(h.Name, r, err)
	}
	return true
}

// Dropped returns how many records were dropped because the TCP server
// could not be reached (always 0 for UDP and unix sockets, whose failures
// are reported record by record).
func (h *SysLogHandler) Dropped() int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stream == nil {
		return 0
	}
	return h.stream.drops.count()
}

// streamSocket reports whether messages go over a stream socket.
func (h *SysLogHandler) streamSocket() bool {
	return h.stream != nil || h.opt.Path != "" && h.sockType == SockStream
}

// syslogSeverity is Python's mapPriority followed by the priority_names
// lookup.
func syslogSeverity(l logging.Level) int {
	switch l.String() {
	case "DEBUG":
		return 7
	case "INFO":
		return 6
	case "ERROR":
		return 3
	case "CRITICAL":
		return 2
	}
	return 4 // WARNING and every other level name
}

// packet appends the bytes to send for r, whose formatted text is msg.
func (h *SysLogHandler) packet(b []byte, r *logging.Record, msg []byte) []byte {
	framing := FramingDefault
	if h.streamSocket() {
		framing = h.opt.Framing
		if framing == FramingDefault && h.opt.RFC5424 && h.stream != nil {
			framing = FramingOctetCounting
		}
	}
	start := len(b)
	if framing == FramingOctetCounting {
		// "LEN SP MSG" (RFC 6587 3.4.1); LEN is written once MSG is, in
		// the room reserved here (at most 10 digits and the space).
		b = append(b, "           "...)
	}
	msgStart := len(b)
	b = append(b, '<')
	b = strconv.AppendInt(b, int64(h.facility<<3|syslogSeverity(r.Level)), 10)
	b = append(b, '>')
	if h.opt.RFC5424 {
		b = append(b, '1', ' ')
		b = r.Time().AppendFormat(b, "2006-01-02T15:04:05.000000Z07:00")
		b = append(b, h.header...)
	}
	b = append(b, h.opt.Ident...)
	b = append(b, msg...)
	switch framing {
	case FramingOctetCounting:
		var pre [12]byte
		p := strconv.AppendInt(pre[:0], int64(len(b)-msgStart), 10)
		p = append(p, ' ')
		n := copy(b[start:], p)
		b = append(b[:start+n], b[msgStart:]...)
	case FramingLF:
		b = append(b, '\n')
	default:
		if !h.opt.RFC5424 && !h.opt.OmitNUL {
			b = append(b, 0)
		}
	}
	return b
}

// send sends b on a unix or UDP socket.
func (h *SysLogHandler) send(b []byte) error {
	if h.opt.Path != "" {
		if h.conn == nil {
			if err := h.connectUnix(); err != nil {
				return err
			}
		}
		h.conn.SetWriteDeadline(time.Now().Add(h.opt.Timeout))
		if _, err := h.conn.Write(b); err == nil {
			return nil
		}
		// Python: close, connect again and send once more.
		h.conn.Close()
		h.conn = nil
		if err := h.connectUnix(); err != nil {
			return err
		}
		h.conn.SetWriteDeadline(time.Now().Add(h.opt.Timeout))
		_, err := h.conn.Write(b)
		return err
	}
	if h.pconn == nil {
		if err := h.connectInet(); err != nil {
			return err
		}
	}
	h.pconn.SetWriteDeadline(time.Now().Add(h.opt.Timeout))
	_, err := h.pconn.WriteTo(b, h.udpAddr)
	return err
}

// Flush does nothing: records are sent as they come.
func (h *SysLogHandler) Flush() error { return nil }

// Close closes the socket; a later record opens it again. Over TCP it
// first waits, at most Timeout, until the server's kernel has acknowledged
// every record (on Linux), counts those it has not, and reports the
// records dropped since the last report.
func (h *SysLogHandler) Close() error {
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

// rfc5424Header returns " HOSTNAME APP-NAME PROCID MSGID - ", the part of
// an RFC 5424 header that does not change between records.
func rfc5424Header(o SysLogOptions) []byte {
	host := o.Hostname
	if host == "" {
		host, _ = os.Hostname()
	}
	app := o.AppName
	if app == "" && len(os.Args) > 0 {
		app = filepath.Base(os.Args[0])
	}
	b := []byte{' '}
	b = appendHeaderField(b, host, 255)
	b = append(b, ' ')
	b = appendHeaderField(b, app, 48)
	b = append(b, ' ')
	b = appendHeaderField(b, strconv.Itoa(os.Getpid()), 128)
	b = append(b, ' ')
	b = appendHeaderField(b, o.MsgID, 32)
	return append(b, " - "...)
}

// appendHeaderField appends s as an RFC 5424 header field: printable
// US-ASCII (other bytes become '_'), at most max bytes, "-" when empty.
func appendHeaderField(b []byte, s string, max int) []byte {
	if s == "" {
		return append(b, '-')
	}
	if len(s) > max {
		s = s[:max]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 33 || c > 126 {
			c = '_'
		}
		b = append(b, c)
	}
	return b
}
