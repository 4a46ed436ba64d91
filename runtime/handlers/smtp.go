package handlers

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// SMTPOptions configures an SMTPHandler; the fields are the keyword
// arguments of Python's logging.handlers.SMTPHandler.
type SMTPOptions struct {
	// Mailhost is "host" or "host:port" (Python's mailhost string or
	// (host, port) tuple); the port defaults to 25.
	Mailhost string
	FromAddr string
	ToAddrs  []string
	// Subject is the Subject header, verbatim: Python's getSubject does not
	// %-format it.
	Subject string
	// Credentials, if not nil, is (username, password): the handler then
	// says EHLO, STARTTLS if Secure is not nil, EHLO again and logs in.
	Credentials *[2]string
	// Secure is Python's secure tuple: nil (no STARTTLS), empty, (keyfile,)
	// or (keyfile, certfile) for a client certificate. As in Python it is
	// used only with Credentials.
	Secure []string
	// Timeout bounds the whole delivery of one record; 0 means 5 s, Python's
	// default.
	Timeout time.Duration
	// TLSConfig, if not nil, is used for STARTTLS instead of a
	// configuration that verifies the server's certificate against the
	// system roots. (Python 3.11's starttls does not verify the server; Go
	// does unless told otherwise.)
	TLSConfig *tls.Config
	// Queue, if not nil, puts the handler behind a bounded queue
	// (loggen's queue key): see the package documentation.
	Queue *QueueOptions
}

// An SMTPHandler mails each record, as Python's SMTPHandler does: one SMTP
// session per record, carrying the message that CPython's EmailMessage
// builds (From, To joined with ",", Subject, Date, a text/plain utf-8 body
// with the transfer encoding EmailMessage chooses, MIME-Version).
type SMTPHandler struct {
	logging.HandlerBase
	host, port string
	from       string
	to         []string
	subject    string
	creds      *[2]string
	secure     []string
	timeout    time.Duration
	tlsConfig  *tls.Config
	q          *recordQueue // Queue; nil: each record is mailed in its logging call
}

// NewSMTPHandler returns an SMTPHandler. It connects to nothing until a
// record arrives.
func NewSMTPHandler(o SMTPOptions) (*SMTPHandler, error) {
	host, port, err := splitHostPort(o.Mailhost, "25")
	if err != nil {
		return nil, fmt.Errorf("mailhost: %w", err)
	}
	if len(o.Secure) > 2 {
		return nil, errors.New("secure: expected (), (keyfile,) or (keyfile, certfile)")
	}
	h := &SMTPHandler{host: host, port: port, from: o.FromAddr, to: slices.Clone(o.ToAddrs),
		subject: o.Subject, creds: o.Credentials, secure: o.Secure, timeout: o.Timeout, tlsConfig: o.TLSConfig}
	if h.timeout <= 0 {
		h.timeout = 5 * time.Second
	}
	h.q = newDeliveryQueue(&h.Name, o.Queue, h.timeout)
	return h, nil
}

// splitHostPort splits "host" or "host:port" (or "[v6]:port").
func splitHostPort(s, defPort string) (string, string, error) {
	if s == "" {
		return "", "", errors.New("empty host")
	}
	if h, p, err := net.SplitHostPort(s); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 65535 {
			return "", "", fmt.Errorf("bad port in %q", s)
		}
		if p == "0" {
			p = defPort // Python: "if not port: port = SMTP_PORT"
		}
		return h, p, nil
	}
	if strings.Count(s, ":") == 1 {
		return "", "", fmt.Errorf("bad port in %q", s)
	}
	return strings.Trim(s, "[]"), defPort, nil
}

// Handle implements Handler.
func (h *SMTPHandler) Handle(r *logging.Record) bool {
	b, passed, ok := h.Prepare(r, "")
	if !ok {
		return passed
	}
	msg := h.message(b, time.Now())
	// The session runs outside the lock: each record has its own, as in
	// Python, and the timeout bounds it.
	if h.q == nil {
		if err := h.send(msg); err != nil {
			logging.HandleError(h.Name, r, err)
		}
		return true
	}
	c := queuedCopy(r) // what a failure reports
	h.q.put(queueItem{job: func() {
		if err := h.send(msg); err != nil {
			logging.HandleError(h.Name, c, err)
		}
	}})
	return true
}

// Dropped returns how many records were dropped by the queue of the Queue
// option (always 0 without it).
func (h *SMTPHandler) Dropped() int64 { return h.q.dropped() }

// message builds the message as CPython's SMTPHandler.emit does with
// EmailMessage and email.policy.default, with CRLF line ends as
// smtplib.send_message flattens it.
func (h *SMTPHandler) message(body []byte, now time.Time) []byte {
	var m []byte
	m = appendHeader(m, "From", h.from)
	m = appendHeader(m, "To", strings.Join(h.to, ","))
	m = appendHeader(m, "Subject", h.subject)
	m = appendHeader(m, "Date", now.Format("Mon, 02 Jan 2006 15:04:05 -0700"))
	cte, data := encodeTextBody(body)
	m = appendHeader(m, "Content-Type", `text/plain; charset="utf-8"`)
	m = appendHeader(m, "Content-Transfer-Encoding", cte)
	m = appendHeader(m, "MIME-Version", "1.0")
	m = append(m, "\r\n"...)
	return append(m, crlf(data)...)
}

// maxLineLength is email.policy.default's max_line_length.
const maxLineLength = 78

// appendHeader appends "Name: value" CRLF. Non-ASCII values become RFC 2047
// encoded words as the email package writes them; ASCII lines longer than
// 78 characters are folded at spaces. (CPython's folding of structured
// headers is more elaborate; short headers, the usual case, are identical.)
func appendHeader(m []byte, name, value string) []byte {
	if !isASCII(value) {
		value = encodeWords(value)
	}
	line := name + ": " + value
	for len(line) > maxLineLength {
		i := strings.LastIndexByte(line[:maxLineLength], ' ')
		if i <= len(name)+1 {
			break
		}
		m = append(m, line[:i]...)
		m = append(m, "\r\n"...)
		line = line[i:] // the space starts the continuation line
	}
	m = append(m, line...)
	return append(m, "\r\n"...)
}

// encodeWords turns each run of non-ASCII words of an unstructured header
// into one RFC 2047 encoded word, as the email package does: "q" when it is
// less than 5 characters longer than "b", else "b".
func encodeWords(value string) string {
	words := strings.Split(value, " ")
	var out []string
	for i := 0; i < len(words); {
		if isASCII(words[i]) {
			out = append(out, words[i])
			i++
			continue
		}
		j := i + 1
		for j < len(words) && !isASCII(words[j]) {
			j++
		}
		out = append(out, encodedWord(strings.Join(words[i:j], " ")))
		i = j
	}
	return strings.Join(out, " ")
}

func qLiteral(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-!*+/", c) >= 0
}

func encodedWord(s string) string {
	qlen := 0
	for i := 0; i < len(s); i++ {
		if qLiteral(s[i]) || s[i] == ' ' {
			qlen++
		} else {
			qlen += 3
		}
	}
	if blen := base64.StdEncoding.EncodedLen(len(s)); qlen-blen >= 5 {
		return "=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
	}
	b := []byte("=?utf-8?q?")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			b = append(b, '_')
		case qLiteral(c):
			b = append(b, c)
		default:
			b = fmt.Appendf(b, "=%02X", c)
		}
	}
	return string(append(b, "?="...))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// splitLines is bytes.splitlines: it splits at \n, \r and \r\n.
func splitLines(b []byte) [][]byte {
	var lines [][]byte
	for len(b) > 0 {
		i := bytes.IndexAny(b, "\r\n")
		if i < 0 {
			lines = append(lines, b)
			break
		}
		lines = append(lines, b[:i])
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
		b = b[i+1:]
	}
	return lines
}

func joinLines(lines [][]byte) []byte {
	return append(bytes.Join(lines, []byte("\n")), '\n')
}

// encodeTextBody is email.contentmanager._encode_text(s, "utf-8", None,
// policy.default): 7bit or 8bit when no line exceeds 78 bytes, else
// quoted-printable or base64, whichever CPython's sniffing of the first ten
// lines picks. Lines end in \n.
func encodeTextBody(body []byte) (string, []byte) {
	lines := splitLines(body)
	longest := 0
	for _, l := range lines {
		longest = max(longest, len(l))
	}
	if longest <= maxLineLength {
		if isASCII(string(body)) {
			return "7bit", joinLines(lines)
		}
		return "8bit", joinLines(lines) // policy.default has cte_type "8bit"
	}
	sniff := joinLines(lines[:min(10, len(lines))])
	sniffQP := qpBodyEncode(sniff, maxLineLength)
	sniffB64 := base64.StdEncoding.EncodedLen(len(sniff)) + 1
	if len(sniffQP) > sniffB64 {
		all := joinLines(lines)
		per := maxLineLength / 4 * 3
		var out []byte
		for i := 0; i < len(all); i += per {
			out = base64.StdEncoding.AppendEncode(out, all[i:min(i+per, len(all))])
			out = append(out, '\n')
		}
		return "base64", out
	}
	if len(lines) <= 10 {
		return "quoted-printable", sniffQP
	}
	return "quoted-printable", qpBodyEncode(joinLines(lines), maxLineLength)
}

// qpSafe reports whether quoprimime leaves c as it is in a body.
func qpSafe(c byte) bool {
	return c == '\t' || c == '\r' || c == '\n' || (c >= ' ' && c <= '~' && c != '=')
}

func qpQuote(c byte) string { return fmt.Sprintf("=%02X", c) }

// qpBodyEncode is email.quoprimime.body_encode(body, maxlinelen), eol "\n",
// on the bytes of body.
func qpBodyEncode(body []byte, maxlinelen int) []byte {
	if len(body) == 0 {
		return nil
	}
	var t []byte
	for _, c := range body {
		if qpSafe(c) {
			t = append(t, c)
		} else {
			t = append(t, qpQuote(c)...)
		}
	}
	const softBreak = "=\n"
	maxlinelen1 := maxlinelen - 1
	var enc []string
	for _, l := range splitLines(t) {
		line := string(l)
		start := 0
		laststart := len(line) - 1 - maxlinelen
		for start <= laststart {
			stop := start + maxlinelen1
			switch {
			case line[stop-2] == '=':
				enc = append(enc, line[start:stop-1])
				start = stop - 2
			case line[stop-1] == '=':
				enc = append(enc, line[start:stop])
				start = stop - 1
			default:
				enc = append(enc, line[start:stop]+"=")
				start = stop
			}
		}
		if line != "" && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t') {
			last := line[len(line)-1]
			var q string
			switch room := start - laststart; {
			case room >= 3:
				q = qpQuote(last)
			case room == 2:
				q = string(last) + softBreak
			default:
				q = softBreak + qpQuote(last)
			}
			enc = append(enc, line[start:len(line)-1]+q)
		} else {
			enc = append(enc, line[start:])
		}
	}
	if last := body[len(body)-1]; last == '\r' || last == '\n' {
		enc = append(enc, "")
	}
	return []byte(strings.Join(enc, "\n"))
}

// crlf turns the \n line ends of a flattened body into \r\n.
func crlf(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
}

// send delivers msg in one SMTP session bounded by the timeout.
func (h *SMTPHandler) send(msg []byte) error {
	deadline := time.Now().Add(h.timeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(h.host, h.port))
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.SetDeadline(deadline); err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, h.host)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello(localHostname()); err != nil {
		return err
	}
	if h.creds != nil {
		if h.secure != nil {
			cfg, err := h.startTLSConfig()
			if err != nil {
				return err
			}
			if err := c.StartTLS(cfg); err != nil {
				return err
			}
		}
		ok, params := c.Extension("AUTH")
		if !ok {
			return errors.New("SMTP AUTH extension not supported by server")
		}
		if err := c.Auth(chooseAuth(params, h.creds[0], h.creds[1], h.host)); err != nil {
			return err
		}
	}
	if err := c.Mail(addrSpec(h.from)); err != nil {
		return err
	}
	for _, to := range h.to {
		if err := c.Rcpt(addrSpec(to)); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func (h *SMTPHandler) startTLSConfig() (*tls.Config, error) {
	cfg := &tls.Config{ServerName: h.host}
	if h.tlsConfig != nil {
		cfg = h.tlsConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = h.host
		}
	}
	if len(h.secure) > 0 {
		key, cert := h.secure[0], h.secure[0]
		if len(h.secure) == 2 {
			cert = h.secure[1]
		}
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = append(cfg.Certificates, pair)
	}
	return cfg, nil
}

// addrSpec returns the address part of "Name <addr>", as send_message takes
// it with getaddresses; other text is used as it is.
func addrSpec(s string) string {
	if a, err := mail.ParseAddress(s); err == nil {
		return a.Address
	}
	return s
}

// localHostname is the name sent in EHLO (Python sends socket.getfqdn()).
func localHostname() string {
	if n, err := os.Hostname(); err == nil && n != "" {
		return n
	}
	return "localhost"
}

// chooseAuth picks the mechanism smtplib's login prefers among those the
// server offers: CRAM-MD5, then PLAIN, then LOGIN.
func chooseAuth(params, user, pass, host string) smtp.Auth {
	offered := strings.Fields(strings.ToUpper(params))
	switch {
	case slices.Contains(offered, "CRAM-MD5"):
		return smtp.CRAMMD5Auth(user, pass)
	case slices.Contains(offered, "PLAIN") || !slices.Contains(offered, "LOGIN"):
		return smtp.PlainAuth("", user, pass, host)
	}
	return &loginAuth{user: user, pass: pass, host: host}
}

// loginAuth is the LOGIN mechanism. Like smtp.PlainAuth it refuses to send
// the password over an unencrypted connection to another machine.
type loginAuth struct{ user, pass, host string }

func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && server.Name != "localhost" && server.Name != "127.0.0.1" && server.Name != "::1" {
		return "", nil, errors.New("unencrypted connection")
	}
	if server.Name != a.host {
		return "", nil, errors.New("wrong host name")
	}
	return "LOGIN", nil, nil
}

func (a *loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:", "user name":
		return []byte(a.user), nil
	case "password:":
		return []byte(a.pass), nil
	}
	// smtplib answers the first challenge with the user and any other with
	// the password.
	if len(fromServer) == 0 {
		return []byte(a.user), nil
	}
	return []byte(a.pass), nil
}

// Flush does nothing without Queue: records are sent as they come. With
// Queue, it waits until the records queued before it are mailed, at most
// the timeout.
func (h *SMTPHandler) Flush() error {
	h.q.flushWithin()
	return nil
}

// Close does nothing without Queue: there is no connection between
// records. With Queue, it mails the records still queued (those not sent
// within the timeout are dropped and counted) and stops the goroutine.
func (h *SMTPHandler) Close() error {
	h.q.closeDelivery()
	return nil
}
