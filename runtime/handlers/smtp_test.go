package handlers

import (
	"bufio"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// The expected payloads and headers below were computed once with CPython
// 3.11: m = email.message.EmailMessage(); m.set_content(s) (or
// m['Subject'] = s); print(m['Content-Transfer-Encoding'], m.get_payload()).
func TestEncodeTextBodyMatchesEmailMessage(t *testing.T) {
	var long12 []string
	var long12qp []string
	for i := range 12 {
		l := "line " + string(rune('0'+i%10)) + " " + strings.Repeat("y", 80)
		if i >= 10 {
			l = "line 1" + string(rune('0'+i-10)) + " " + strings.Repeat("y", 80)
		}
		long12 = append(long12, l)
		long12qp = append(long12qp, l[:77]+"=\n"+l[77:])
	}
	for _, tc := range []struct{ in, cte, payload string }{
		{strings.Repeat("x", 100), "quoted-printable", strings.Repeat("x", 77) + "=\n" + strings.Repeat("x", 23) + "\n"},
		{strings.Repeat("é", 60), "base64", "w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nD\nqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOp\nw6nDqcOpCg==\n"},
		{strings.Repeat("a", 76) + " \nb= c\t", "7bit", strings.Repeat("a", 76) + " \nb= c\t\n"},
		{strings.Join(long12, "\n"), "quoted-printable", strings.Join(long12qp, "\n") + "\n"},
		{"hé", "8bit", "hé\n"},
		{"", "7bit", "\n"},
	} {
		cte, payload := encodeTextBody([]byte(tc.in))
		if cte != tc.cte || string(payload) != tc.payload {
			t.Errorf("%.20q: got %s %q, want %s %q", tc.in, cte, payload, tc.cte, tc.payload)
		}
	}
}

func TestSMTPHeaderEncoding(t *testing.T) {
	for in, want := range map[string]string{
		"Ünïcode subject":  "Subject: =?utf-8?b?w5xuw69jb2Rl?= subject\r\n",
		"héllo wörld ok":   "Subject: =?utf-8?q?h=C3=A9llo_w=C3=B6rld?= ok\r\n",
		"disk é full":      "Subject: disk =?utf-8?q?=C3=A9?= full\r\n",
		"[svc] %s failure": "Subject: [svc] %s failure\r\n",
	} {
		if got := string(appendHeader(nil, "Subject", in)); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// startSMTPServer starts Debian's aiosmtpd (python3-aiosmtpd, for
// /usr/bin/python3) on a free 127.0.0.1 port, saving messages to a Maildir,
// and returns its address and the Maildir's new/ directory.
func startSMTPServer(t *testing.T) (addr, newDir string) {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import aiosmtpd").Run(); err != nil {
		t.Skipf("SMTP test skipped: %s cannot import aiosmtpd (apt-get install python3-aiosmtpd): %v", py, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr = ln.Addr().String()
	ln.Close()
	dir := filepath.Join(t.TempDir(), "Maildir")
	cmd := exec.Command(py, "-m", "aiosmtpd", "-n", "-l", addr, "-c", "aiosmtpd.handlers.Mailbox", dir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			// Wait for the greeting: the server is then really serving.
			bufio.NewReader(c).ReadString('\n')
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("aiosmtpd did not listen on %s: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return addr, filepath.Join(dir, "new")
}

func waitMessage(t *testing.T, dir string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		entries, _ := os.ReadDir(dir)
		if len(entries) >= n {
			var out []string
			for _, e := range entries {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, string(b))
			}
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages in %s after 10s, want %d", len(entries), dir, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSMTPHandlerDeliversToRealServer(t *testing.T) {
	addr, newDir := startSMTPServer(t)
	t.Logf("aiosmtpd listening on %s, Maildir %s", addr, newDir)
	h, err := NewSMTPHandler(SMTPOptions{
		Mailhost: addr,
		FromAddr: "app@example.test",
		ToAddrs:  []string{"ops@example.test", "oncall@example.test"},
		Subject:  "[svc] %s failure — ünïcode",
		Timeout:  5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	h.SetFormatter(&logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
		b = r.Level.AppendName(b)
		b = append(b, ' ')
		b = append(b, r.Name...)
		b = append(b, ": "...)
		return r.AppendMessage(b)
	}})
	before := time.Now().Truncate(time.Second)
	h.Handle(logging.NewRecord("svc.mail", logging.ERROR, "disk full on %s: %d%% héhé", "/var", 99))
	after := time.Now()

	raw := waitMessage(t, newDir, 1)[0]
	t.Logf("Maildir message:\n%s", raw)
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"From":                      "app@example.test",
		"To":                        "ops@example.test,oncall@example.test",
		"Subject":                   "[svc] %s failure =?utf-8?b?4oCUIMO8bsOvY29kZQ==?=", // as CPython 3.11 writes it
		"Content-Type":              `text/plain; charset="utf-8"`,
		"Content-Transfer-Encoding": "8bit",
		"MIME-Version":              "1.0",
		"X-MailFrom":                "app@example.test",
		"X-RcptTo":                  "ops@example.test, oncall@example.test",
	} {
		if got := msg.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	// The header order of CPython's message (aiosmtpd appends its X-*).
	var order []string
	for _, line := range strings.Split(raw[:strings.Index(raw, "\n\n")], "\n") {
		if i := strings.IndexByte(line, ':'); i > 0 && !strings.HasPrefix(line, "X-") {
			order = append(order, line[:i])
		}
	}
	if got := strings.Join(order, ","); got != "From,To,Subject,Date,Content-Type,Content-Transfer-Encoding,MIME-Version" {
		t.Errorf("header order %s", got)
	}
	d, err := msg.Header.Date()
	if err != nil || d.Before(before) || d.After(after) {
		t.Errorf("Date %q (%v) not between %v and %v", msg.Header.Get("Date"), err, before, after)
	}
	if want := time.Now().Format("Mon, 02 Jan 2006"); !strings.HasPrefix(msg.Header.Get("Date"), want[:5]) {
		t.Errorf("Date %q", msg.Header.Get("Date"))
	}
	body := raw[strings.Index(raw, "\n\n")+2:]
	if want := "ERROR svc.mail: disk full on /var: 99% héhé\n"; body != want {
		t.Errorf("body = %q, want %q", body, want)
	}
}

func TestSMTPHandlerFailureGoesToHandleError(t *testing.T) {
	report := captureErrors(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()

	// A server that accepts and never greets: the timeout must end it.
	mute, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer mute.Close()
	go func() {
		for {
			c, err := mute.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()

	for name, host := range map[string]string{"smtp-dead": dead, "smtp-mute": mute.Addr().String()} {
		h, err := NewSMTPHandler(SMTPOptions{Mailhost: host, FromAddr: "a@x.test", ToAddrs: []string{"b@x.test"},
			Subject: "s", Timeout: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		h.Name = name
		start := time.Now()
		h.Handle(logging.NewRecord("x", logging.ERROR, "lost"))
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: Handle blocked %v with a 300ms timeout", name, d)
		}
	}
	out := report.String()
	for _, want := range []string{`handler "smtp-dead": `, `handler "smtp-mute": `, "Message: 'lost'"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestNewSMTPHandlerMailhost(t *testing.T) {
	for in, want := range map[string]string{"mail.test": "mail.test:25", "mail.test:2525": "mail.test:2525", "[::1]:26": "::1:26"} {
		h, err := NewSMTPHandler(SMTPOptions{Mailhost: in})
		if err != nil || h.host+":"+h.port != want {
			t.Errorf("%q: %v %v", in, h, err)
		}
	}
	if _, err := NewSMTPHandler(SMTPOptions{Mailhost: "mail.test:x"}); err == nil {
		t.Error("bad port accepted")
	}
}
