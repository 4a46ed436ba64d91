// Package listen is Python's logging.config.listen for the loggen runtime:
// a socket server that applies logging configurations sent to a running
// program, so that it can be reconfigured without a restart.
//
//	l, err := listen.Listen(listen.Options{}) // 127.0.0.1:9030, Python's port
//	if err != nil { ... }
//	defer l.Close()
//
// The protocol is Python's: each connection sends a 4-byte big-endian
// length, then that many bytes of configuration, and closes (Python's
// documentation shows the client; python3 can be that client). A
// configuration is JSON (a dictConfig dictionary) or else a fileConfig INI
// file, as Python tries them:
//   - an incremental dictConfig ("incremental": true) changes handler
//     levels, logger levels and propagate, as logging.ConfigureJSON does;
//   - a whole configuration, JSON or INI, is built at run time by
//     runtime/dictconfig, with formatters parsed by logging.NewFormatter;
//     its handlers may be of the classes of Python's logging module that
//     the runtime has (StreamHandler, FileHandler, NullHandler). A
//     configuration naming other classes is refused: generate it with
//     loggen.
//
// A configuration is checked wholly before anything changes: a bad one
// changes nothing and is reported on stderr (logging.ReportError) and to
// Options.OnError. Options.Verify is Python's verify hook, to authenticate
// or decrypt what arrives. The listener takes connections on the loopback
// interface only unless told otherwise, and refuses messages over
// Options.MaxSize.
package listen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// DefaultAddr is Python's default: logging.config.DEFAULT_LOGGING_CONFIG_PORT
// on the loopback interface.
const DefaultAddr = "127.0.0.1:9030"

// DefaultMaxSize bounds a configuration when Options.MaxSize is not set.
const DefaultMaxSize = 1 << 20

// Options configure a listener.
type Options struct {
	// Addr is the TCP address to listen on; "" is DefaultAddr. A port of 0
	// takes a free one (Listener.Addr tells which).
	Addr string
	// AllowRemote lets Addr be an address other than a loopback one.
	// Anyone who can connect can reconfigure the program's logging: set
	// Verify too.
	AllowRemote bool
	// Verify, if not nil, gets each configuration's bytes and returns the
	// bytes to apply, or nil to ignore the message (Python's verify).
	Verify func([]byte) []byte
	// MaxSize bounds a configuration's length; 0 is DefaultMaxSize.
	MaxSize int
	// OnError, if not nil, is called with each configuration that failed
	// and why (it is also reported on stderr).
	OnError func(err error)
	// OnApply, if not nil, is called after each configuration applied.
	OnApply func()
}

// A Listener applies the configurations sent to it, until Close.
type Listener struct {
	ln   net.Listener
	opts Options
	wg   sync.WaitGroup
	// mu serializes configurations, in the order they arrive.
	mu sync.Mutex
}

// Listen starts a listener: Python's logging.config.listen(port, verify)
// followed by its start().
func Listen(o Options) (*Listener, error) {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return nil, err
	}
	if !o.AllowRemote {
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return nil, fmt.Errorf("listen: %s is not a loopback address: set AllowRemote (and Verify) to take configurations from other hosts", o.Addr)
		}
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, err
	}
	l := &Listener{ln: ln, opts: o}
	l.wg.Add(1)
	go l.serve()
	return l, nil
}

// Addr returns the address the listener takes connections on.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Close stops taking connections and waits for those being read: Python's
// logging.config.stopListening.
func (l *Listener) Close() error {
	err := l.ln.Close()
	l.wg.Wait()
	return err
}

func (l *Listener) serve() {
	defer l.wg.Done()
	for {
		c, err := l.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(10 * time.Millisecond) // a passing failure (out of descriptors)
			continue
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			defer c.Close()
			l.handle(c)
		}()
	}
}

// readTimeout bounds the time a sender takes to send one configuration.
const readTimeout = 30 * time.Second

// handle reads the configurations one connection sends (Python reads one;
// reading on until the sender closes costs nothing) and applies them.
func (l *Listener) handle(c net.Conn) {
	for {
		c.SetReadDeadline(time.Now().Add(readTimeout))
		data, err := readMessage(c, l.opts.MaxSize)
		if err == io.EOF {
			return
		}
		if err != nil {
			l.fail(fmt.Errorf("logging configuration from %s: %w", c.RemoteAddr(), err))
			return
		}
		l.apply(data, c.RemoteAddr().String())
	}
}

// readMessage reads one length-prefixed message of at most max bytes; it
// returns io.EOF when the connection ends before a message starts.
func readMessage(r io.Reader, max int) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("reading the length: %w", err)
	}
	size := binary.BigEndian.Uint32(n[:])
	if uint64(size) > uint64(max) {
		return nil, fmt.Errorf("the configuration is %d bytes, more than the %d allowed", size, max)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, fmt.Errorf("reading %d bytes of configuration: %w", size, err)
	}
	return data, nil
}

// apply verifies and applies one configuration.
func (l *Listener) apply(data []byte, from string) {
	if l.opts.Verify != nil {
		if data = l.opts.Verify(data); data == nil {
			return // Python: a verify that returns None drops the message
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := Apply(data); err != nil {
		l.fail(fmt.Errorf("logging configuration from %s: %w", from, err))
		return
	}
	if l.opts.OnApply != nil {
		l.opts.OnApply()
	}
}

func (l *Listener) fail(err error) {
	logging.ReportError("", err)
	if l.opts.OnError != nil {
		l.opts.OnError(err)
	}
}
