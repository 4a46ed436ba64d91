//go:build unix

package handlers

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// rsyslogd is a private rsyslogd on 127.0.0.1 that writes
// "%syslogfacility-text% %syslogseverity-text% %msg%" lines to out.
type syslogRsyslogd struct {
	out                 string
	udp, tcp, tcpNUL    string // addresses; tcpNUL also splits frames on NUL
	tcpOctet            string // an input configured for octet-counted framing
	bin                 string
	cmd                 *exec.Cmd
	stderr              *syncBuffer
	starts              int
	pidFile, configFile string
}

// syslogFreePort returns a port of network on 127.0.0.1 that nothing uses now.
func syslogFreePort(t *testing.T, network string) int {
	t.Helper()
	if network == "udp" {
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.LocalAddr().(*net.UDPAddr).Port
	}
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// syslogStartRsyslogd starts rsyslogd with its own configuration, work directory
// and pid file in a temporary directory, and stops it by its pid when the
// test ends. It skips the test when rsyslogd is not installed.
func syslogStartRsyslogd(t *testing.T) *syslogRsyslogd {
	t.Helper()
	bin, err := exec.LookPath("rsyslogd")
	if err != nil {
		bin = "/usr/sbin/rsyslogd"
		if _, err := os.Stat(bin); err != nil {
			t.Skip("rsyslogd not installed: apt-get install rsyslog")
		}
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "work"), 0o755); err != nil {
		t.Fatal(err)
	}
	udp, tcp, tcpNUL, tcpOctet := syslogFreePort(t, "udp"), syslogFreePort(t, "tcp"), syslogFreePort(t, "tcp"), syslogFreePort(t, "tcp")
	s := &syslogRsyslogd{
		out:        filepath.Join(dir, "out.log"),
		udp:        fmt.Sprintf("127.0.0.1:%d", udp),
		tcp:        fmt.Sprintf("127.0.0.1:%d", tcp),
		tcpNUL:     fmt.Sprintf("127.0.0.1:%d", tcpNUL),
		tcpOctet:   fmt.Sprintf("127.0.0.1:%d", tcpOctet),
		pidFile:    filepath.Join(dir, "rsyslog.pid"),
		configFile: filepath.Join(dir, "rsyslog.conf"),
	}
	// No imuxsock or imklog: it never touches /dev/log or the kernel log.
	conf := fmt.Sprintf(`global(workDirectory=%q)
module(load="imudp")
module(load="imtcp")
template(name="check" type="string" string="%%syslogfacility-text%% %%syslogseverity-text%% %%msg%%\n")
ruleset(name="check") {
  action(type="omfile" file=%q template="check")
}
input(type="imudp" address="127.0.0.1" port="%d" ruleset="check")
input(type="imtcp" address="127.0.0.1" port="%d" ruleset="check")
input(type="imtcp" address="127.0.0.1" port="%d" ruleset="check" AddtlFrameDelimiter="0")
input(type="imtcp" address="127.0.0.1" port="%d" ruleset="check" SupportOctetCountedFraming="on")
`, filepath.Join(dir, "work"), s.out, udp, tcp, tcpNUL, tcpOctet)
	if err := os.WriteFile(s.configFile, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	s.bin = bin
	s.start(t)
	t.Cleanup(func() {
		if s.cmd == nil {
			return
		}
		syscall.Kill(s.cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- s.cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("rsyslogd exited with %v; output:\n%s", err, s.stderr.String())
			}
		case <-time.After(5 * time.Second):
			syscall.Kill(s.cmd.Process.Pid, syscall.SIGKILL)
			<-done
			t.Errorf("rsyslogd did not stop on SIGTERM within 5s")
		}
	})
	return s
}

// start starts rsyslogd and waits until it is ready: both TCP ports accept
// connections and a UDP probe reaches the output file.
func (s *syslogRsyslogd) start(t *testing.T) {
	t.Helper()
	s.stderr = &syncBuffer{}
	s.cmd = exec.Command(s.bin, "-n", "-f", s.configFile, "-i", s.pidFile)
	s.cmd.Stdout, s.cmd.Stderr = s.stderr, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", s.bin, err)
	}
	s.starts++
	if s.starts == 1 {
		t.Logf("started %s (pid %d), config %s", s.bin, s.cmd.Process.Pid, s.configFile)
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, a := range []string{s.tcp, s.tcpNUL, s.tcpOctet} {
		for {
			c, err := net.DialTimeout("tcp", a, time.Second)
			if err == nil {
				c.Close()
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("rsyslogd does not listen on %s: %v; output:\n%s", a, err, s.stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	probe, err := net.Dial("udp", s.udp)
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	word := "ready-probe"
	if s.starts > 1 {
		word = fmt.Sprintf("ready-probe-%d", s.starts)
	}
	for !strings.Contains(s.read(), word+"\n") {
		if time.Now().After(deadline) {
			t.Fatalf("rsyslogd does not receive on %s; output:\n%s", s.udp, s.stderr.String())
		}
		probe.Write([]byte("<14>probe: " + word))
		time.Sleep(20 * time.Millisecond)
	}
}

// kill9 kills rsyslogd with SIGKILL and waits for it.
func (s *syslogRsyslogd) kill9(t *testing.T) {
	t.Helper()
	syscall.Kill(s.cmd.Process.Pid, syscall.SIGKILL)
	s.cmd.Wait()
	s.cmd = nil
	os.Remove(s.pidFile)
}

func (s *syslogRsyslogd) read() string {
	b, _ := os.ReadFile(s.out)
	return string(b)
}

// waitFor polls the output file (for at most 10s) until it holds every line
// of want, and returns the file's lines.
func (s *syslogRsyslogd) waitFor(t *testing.T, want []string) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		lines := strings.Split(strings.TrimSuffix(s.read(), "\n"), "\n")
		missing := ""
		for _, w := range want {
			found := false
			for _, l := range lines {
				if l == w {
					found = true
					break
				}
			}
			if !found {
				missing = w
				break
			}
		}
		if missing == "" {
			return lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("rsyslogd did not write %q within 10s; it wrote:\n%s", missing, s.read())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSysLogRsyslogd(t *testing.T) {
	s := syslogStartRsyslogd(t)
	report := syslogCaptureErrors(t)
	handlers := []struct {
		name     string
		facility string // as rsyslog's %syslogfacility-text% prints it
		opt      SysLogOptions
	}{
		// Python's bytes over UDP: rsyslog takes "ident:" as the tag and the
		// rest, after it, as the message.
		{"udp", "local3", SysLogOptions{Address: s.udp, Facility: FacilityLocal3, Ident: "pyudp: "}},
		// Python's NUL-terminated bytes over TCP need a receiver that splits
		// on NUL (AddtlFrameDelimiter="0"): rsyslog's default LF framing
		// would merge the records (see the notes on real receivers).
		{"tcp-nul", "daemon", SysLogOptions{Address: s.tcpNUL, Facility: FacilityDaemon, SockType: SockStream, Ident: "pytcp: "}},
		// RFC 5424 with octet counting, on the default imtcp input.
		{"tcp-5424", "local6", SysLogOptions{Address: s.tcp, Facility: FacilityLocal6, SockType: SockStream, RFC5424: true, AppName: "loggen", MsgID: "T1"}},
		{"udp-5424", "auth", SysLogOptions{Address: s.udp, Facility: FacilityAuth, RFC5424: true, AppName: "loggen"}},
	}
	levels := []struct {
		l   logging.Level
		sev string
	}{{logging.DEBUG, "debug"}, {logging.INFO, "info"}, {logging.WARNING, "warning"}, {logging.ERROR, "err"}, {logging.CRITICAL, "crit"}, {logging.Level(25), "warning"}}
	var want []string
	for _, hc := range handlers {
		h, err := NewSysLogHandler(hc.opt)
		if err != nil {
			t.Fatalf("%s: %v", hc.name, err)
		}
		h.SetFormatter(syslogFormat)
		fac := hc.facility
		for _, lv := range levels {
			msg := fmt.Sprintf("%s %s h\u00e9llo", hc.name, lv.sev)
			h.Handle(logging.NewRecord("svc", lv.l, msg))
			line := fmt.Sprintf("%s %s svc: %s %s", fac, lv.sev, lv.l, msg)
			if !hc.opt.RFC5424 {
				line = fmt.Sprintf("%s %s  svc: %s %s", fac, lv.sev, lv.l, msg) // RFC 3164 keeps the space after the tag
			}
			want = append(want, line)
		}
		if err := h.Close(); err != nil {
			t.Errorf("%s: Close: %v", hc.name, err)
		}
	}

	// loggen's framings, with a message that would forge a second one
	// under Python's framing on a LF-splitting receiver: octet counting
	// keeps it one message (rsyslogd writes its LF as #012); LF framing
	// needs escape_control's formatter.
	escaping, err := logging.NewFormatter("%(name)s: %(levelname)s %(message)s", logging.FormatterOptions{EscapeControl: true})
	if err != nil {
		t.Fatal(err)
	}
	framings := []struct {
		name string
		opt  SysLogOptions
		f    logging.Formatter
		line string // what rsyslogd writes
	}{
		{"octet", SysLogOptions{Address: s.tcpOctet, Facility: FacilityLocal1, SockType: SockStream, Framing: FramingOctetCounting, Ident: "oct: "},
			syslogFormat, `local1 err  svc: ERROR octet line one#012<10>forged`},
		{"octet-5424", SysLogOptions{Address: s.tcpOctet, Facility: FacilityLocal2, SockType: SockStream, Framing: FramingOctetCounting, RFC5424: true, AppName: "loggen"},
			syslogFormat, `local2 err svc: ERROR octet-5424 line one#012<10>forged`},
		{"lf", SysLogOptions{Address: s.tcp, Facility: FacilityLocal5, SockType: SockStream, Framing: FramingLF, Ident: "lf: "},
			escaping, `local5 err  svc: ERROR lf line one\n<10>forged`},
	}
	for _, fc := range framings {
		h, err := NewSysLogHandler(fc.opt)
		if err != nil {
			t.Fatalf("%s: %v", fc.name, err)
		}
		h.SetFormatter(fc.f)
		for range 3 {
			h.Handle(logging.NewRecord("svc", logging.ERROR, fc.name+" line one\n<10>forged"))
		}
		if err := h.Close(); err != nil {
			t.Errorf("%s: Close: %v", fc.name, err)
		}
		want = append(want, fc.line)
	}

	// Each framing case is sent 3 times; the probes (more than one when
	// rsyslogd is slow to start) are not counted.
	wantN := len(want) + 2*len(framings)
	records := func(lines []string) (n int) {
		for _, l := range lines {
			if !strings.Contains(l, "ready-probe") {
				n++
			}
		}
		return n
	}
	lines := s.waitFor(t, want)
	for deadline := time.Now().Add(5 * time.Second); records(lines) < wantN && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		lines = strings.Split(strings.TrimSuffix(s.read(), "\n"), "\n")
	}
	for _, l := range lines {
		t.Logf("rsyslogd wrote: %s", l)
	}
	if n := records(lines); n != wantN {
		t.Errorf("rsyslogd wrote %d records, want %d", n, wantN)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "user crit") || strings.Contains(l, "forged") && !strings.Contains(l, "line one") { // <10> is user.crit
			t.Errorf("a forged message reached rsyslogd: %q", l)
		}
	}
	if report.String() != "" {
		t.Errorf("errors reported: %s", report.String())
	}
}
