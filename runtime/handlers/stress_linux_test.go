package handlers

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	logging "github.com/loggen/loggen/runtime"
)

// The fault tests that need a process of their own run this test binary
// again as a child (TestStressChildProcess, selected by LOGGEN_STRESS_CHILD):
// killed with SIGKILL, under a file size limit, or as an unprivileged user.

// TestStressChildProcess is the child's side of the fault tests; it does
// nothing unless LOGGEN_STRESS_CHILD names a mode. It logs records "gG N
// xxx…" (goroutine 0) to LOGGEN_STRESS_FILE:
//   - kill: through a RotatingFileHandler (4 KiB files), printing "child: N"
//     once its Nth call (LOGGEN_STRESS_N) has returned, and logging on
//     until it is killed;
//   - fsize: LOGGEN_STRESS_N records through a FileHandler under a file size
//     limit of LOGGEN_STRESS_FSIZE bytes (RLIMIT_FSIZE), so that the kernel
//     makes a write short and fails the next ones;
//   - rodir: LOGGEN_STRESS_N records through a RotatingFileHandler (1 KiB
//     files) whose directory the child may not write to, and as many
//     through a delayed FileHandler of a new file in it.
//
// Reports go to the child's stderr.
func TestStressChildProcess(t *testing.T) {
	mode := os.Getenv("LOGGEN_STRESS_CHILD")
	if mode == "" {
		return
	}
	file := os.Getenv("LOGGEN_STRESS_FILE")
	n, err := strconv.Atoi(os.Getenv("LOGGEN_STRESS_N"))
	if err != nil {
		t.Fatalf("LOGGEN_STRESS_N: %v", err)
	}
	switch mode {
	case "kill":
		h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: file, MaxBytes: 4096, BackupCount: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			if i == n {
				fmt.Printf("child: %d\n", n)
			}
			h.Handle(stressRecord(0, i))
		}
	case "fsize":
		limit, err := strconv.ParseUint(os.Getenv("LOGGEN_STRESS_FSIZE"), 10, 64)
		if err != nil {
			t.Fatalf("LOGGEN_STRESS_FSIZE: %v", err)
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			t.Fatal(err)
		}
		h, err := logging.NewFileHandler(logging.FileOptions{Filename: file})
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			h.Handle(stressRecord(0, i))
		}
		h.Close()
	case "rodir":
		h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: file, MaxBytes: 1024, BackupCount: 5})
		if err != nil {
			t.Fatal(err)
		}
		d, err := logging.NewFileHandler(logging.FileOptions{Filename: filepath.Join(filepath.Dir(file), "new.log"), Delay: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			h.Handle(stressRecord(0, i))
			d.Handle(stressRecord(1, i))
		}
		h.Close()
		d.Close()
	default:
		t.Fatalf("LOGGEN_STRESS_CHILD=%q: unknown mode", mode)
	}
}

// stressChild returns the command that runs TestStressChildProcess in mode
// with env (NAME=value) added.
func stressChild(mode string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestStressChildProcess$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), "LOGGEN_STRESS_CHILD="+mode), env...)
	return cmd
}

// TestStressChildKilledAfterNthCall: a child logs through a
// RotatingFileHandler and is killed with SIGKILL right after its Nth call
// has returned, while it goes on logging; its files hold records 0 to at
// least N-1, each once and whole, with no gap. Python's FileHandler
// flushes each record too; loggen writes each with one write call.
func TestStressChildKilledAfterNthCall(t *testing.T) {
	reps := stressN(5, 20)
	for rep := range reps {
		dir := t.TempDir()
		n := 1 + (rep*7919)%3000
		cmd := stressChild("kill", "LOGGEN_STRESS_FILE="+filepath.Join(dir, "k.log"), fmt.Sprintf("LOGGEN_STRESS_N=%d", n))
		var stderr syncBuffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
		werr := cmd.Wait()
		if err != nil || line != fmt.Sprintf("child: %d\n", n) {
			t.Fatalf("child said %q (%v), want %q; stderr:\n%s", line, err, fmt.Sprintf("child: %d", n), stderr.String())
		}
		if ws, ok := werr.(*exec.ExitError); !ok || ws.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("child ended with %v, not killed", werr)
		}
		c := countLines(t, dir, "k.log")
		last := -1
		for c.seen[[2]int{0, last + 1}] {
			last++
		}
		written := len(c.seen)
		t.Logf("killed after call %d returned: sent at least %d, written %d (0..%d) in %d files, lost %d, duplicated %d, torn %d, reported %d",
			n, n, written, last, c.files, max(0, n-written), c.dups, len(c.torn), strings.Count(stderr.String(), "--- Logging error ---"))
		if last < n-1 || written != last+1 || c.dups != 0 || len(c.torn) != 0 || stderr.String() != "" {
			t.Errorf("want records 0..%d at least, each once and whole: got 0..%d contiguous, %d in all, %d duplicated, torn %q; stderr:\n%s",
				n-1, last, written, c.dups, c.torn, stderr.String())
		}
	}
}

// TestStressDevFull: a FileHandler writing to /dev/full (every write fails
// with ENOSPC) reports every record and goes on.
func TestStressDevFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	reports := sockCaptureReports(t)
	h, err := logging.NewFileHandler(logging.FileOptions{Filename: "/dev/full"})
	if err != nil {
		t.Fatal(err)
	}
	h.Name = "full"
	sent := stressN(200, 5000)
	for i := range sent {
		h.Handle(stressRecord(0, i))
	}
	h.Close()
	rep := reports.String()
	reported := strings.Count(rep, "--- Logging error ---")
	nospace := strings.Count(rep, "no space left on device\nMessage: ")
	t.Logf("FileHandler on /dev/full: sent %d, written 0, lost %d, reported %d (%d as ENOSPC)", sent, sent, reported, nospace)
	if reported != sent || nospace != sent {
		t.Errorf("sent %d, reported %d (%d ENOSPC); first report:\n%.400s", sent, reported, nospace, rep)
	}
}

// TestStressFileSizeLimit: under RLIMIT_FSIZE the kernel writes part of
// the record that crosses the limit and fails the writes after it (EFBIG),
// as a disk that fills up does. The file holds whole records only, and
// every record is written or reported.
func TestStressFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.log")
	const limit = 64 << 10
	sent := stressN(5000, 50000)
	cmd := stressChild("fsize", "LOGGEN_STRESS_FILE="+path, fmt.Sprintf("LOGGEN_STRESS_N=%d", sent), fmt.Sprintf("LOGGEN_STRESS_FSIZE=%d", limit))
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("child: %v\n%s\n%s", err, out, stderr.String())
	}
	c := countLines(t, dir, "f.log")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	rep := stderr.String()
	reported := strings.Count(rep, "--- Logging error ---")
	truncated := strings.Count(rep, "of a partial record were truncated off")
	t.Logf("FileHandler under a %d-byte file size limit: sent %d, written %d (%d bytes), lost %d, reported %d (%d short writes truncated), torn %d",
		limit, sent, len(c.seen), fi.Size(), sent-len(c.seen), reported, truncated, len(c.torn))
	if len(c.torn) != 0 || c.dups != 0 {
		t.Errorf("torn %q, duplicated %d", c.torn, c.dups)
	}
	if len(c.seen)+reported != sent {
		t.Errorf("sent %d: written %d + reported %d", sent, len(c.seen), reported)
	}
	if truncated == 0 || fi.Size() > limit {
		t.Errorf("no short write was truncated (size %d, limit %d): the test did not make one; reports:\n%.600s", fi.Size(), limit, rep)
	}
}

// TestStressReadOnlyDirectory: a RotatingFileHandler whose directory became
// read-only cannot roll over, and a delayed FileHandler cannot create its
// file; every record is written or reported. As root (which writes to
// read-only directories) the child runs as nobody (uid 65534).
func TestStressReadOnlyDirectory(t *testing.T) {
	base, err := os.MkdirTemp("", "loggen-rodir-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(filepath.Join(base, "logs"), 0o755)
		os.RemoveAll(base)
	})
	dir := filepath.Join(base, "logs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "r.log")
	if err := os.WriteFile(path, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o666)
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	sent := stressN(200, 2000)
	exe := os.Args[0]
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// The child runs as nobody: copy the test binary where it can
		// run it.
		exe = filepath.Join(base, "handlers.test")
		if err := copyExecutable(os.Args[0], exe); err != nil {
			t.Fatal(err)
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	cmd := stressChild("rodir", "LOGGEN_STRESS_FILE="+path, fmt.Sprintf("LOGGEN_STRESS_N=%d", sent), "GOCACHE=/nonexistent", "HOME="+base)
	cmd.Path, cmd.Args[0] = exe, exe
	cmd.Dir = base
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if out, err := cmd.Output(); err != nil {
		if cred != nil && stderr.String() == "" {
			t.Skipf("cannot run the child as nobody (uid 65534): %v", err)
		}
		t.Fatalf("child: %v\n%s\n%s", err, out, stderr.String())
	}
	rep := stderr.String()
	c := countLines(t, dir, "r.log")
	rotWritten := 0
	for k := range c.seen {
		if k[0] == 0 {
			rotWritten++
		}
	}
	rotReported := strings.Count(rep, "permission denied\nMessage: 'g0 ")
	newReported := strings.Count(rep, "permission denied\nMessage: 'g1 ")
	_, newErr := os.Stat(filepath.Join(dir, "new.log"))
	t.Logf("read-only directory, RotatingFileHandler (1 KiB files): sent %d, written %d, lost %d, reported %d; delayed FileHandler of a new file: sent %d, written 0, reported %d",
		sent, rotWritten, sent-rotWritten, rotReported, sent, newReported)
	if rotWritten+rotReported != sent || rotReported == 0 {
		t.Errorf("RotatingFileHandler: sent %d, written %d, reported %d:\n%.800s", sent, rotWritten, rotReported, rep)
	}
	if newReported != sent || newErr == nil {
		t.Errorf("FileHandler: sent %d, reported %d, file created: %v", sent, newReported, newErr == nil)
	}
	if len(c.torn) != 0 || c.dups != 0 {
		t.Errorf("torn %q, duplicated %d", c.torn, c.dups)
	}
}

// copyExecutable copies the file src to dst, executable by all.
func copyExecutable(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
