package handlers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// fullDisk is a writer that fails with ENOSPC while full is set.
type fullDisk struct {
	w    io.Writer
	full *atomic.Bool
}

func (d fullDisk) Write(p []byte) (int, error) {
	if d.full.Load() {
		return 0, &os.PathError{Op: "write", Path: "archive", Err: syscall.ENOSPC}
	}
	return d.w.Write(p)
}

// TestCompressionDiskFull checks a compression that fails for want of
// space: the rotated file is kept, the failure is reported on the error
// output, logging goes on, and the next rollover compresses both files in
// order once there is room.
func TestCompressionDiskFull(t *testing.T) {
	var report syncBuffer
	logging.SetErrorOutput(&report)
	t.Cleanup(func() { logging.SetErrorOutput(nil) })
	var full atomic.Bool
	hooks := &archiveHooks{wrap: func(w io.Writer) io.Writer { return fullDisk{w, &full} }}

	t.Run("rotating", func(t *testing.T) {
		dir := t.TempDir()
		h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
			MaxBytes: 6, BackupCount: 3, Compress: CompressGzip, Delay: true, hooks: hooks})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		h.Name = "rot"
		full.Store(true)
		h.Handle(logging.NewRecord("root", logging.INFO, "aaaa"))
		h.Handle(logging.NewRecord("root", logging.INFO, "bbbb"))
		h.waitArchiver()
		want := map[string]string{"app.log": "bbbb\n", "app.log.rotated-1": "aaaa\n"}
		if got := archiveListing(t, dir); !reflect2(got, want) {
			t.Fatalf("disk full: got %q\nwant %q", got, want)
		}
		r := report.String()
		if !strings.Contains(r, `handler "rot": compressing `) || !strings.Contains(r, "no space left on device") ||
			!strings.Contains(r, "the rotated file is kept") {
			t.Errorf("report: %q", r)
		}
		full.Store(false)
		h.Handle(logging.NewRecord("root", logging.INFO, "cccc"))
		h.waitArchiver()
		want = map[string]string{"app.log": "cccc\n", "app.log.1.gz": "bbbb\n", "app.log.2.gz": "aaaa\n"}
		if got := archiveListing(t, dir); !reflect2(got, want) {
			t.Fatalf("room again: got %q\nwant %q", got, want)
		}
	})
	t.Run("timed", func(t *testing.T) {
		dir := t.TempDir()
		clock := fakeSeconds(t0)
		setFakeClock(t, &clock)
		h, err := newTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
			When: "S", Compress: CompressGzip, Delay: true, hooks: hooks}, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		full.Store(true)
		h.Handle(logging.NewRecord("root", logging.INFO, "a"))
		clock = fakeSeconds(t0 + 1)
		h.Handle(logging.NewRecord("root", logging.INFO, "b"))
		h.waitArchiver()
		want := map[string]string{"app.log": "b\n", "app.log.2024-01-03_10-20-30": "a\n"}
		if got := archiveListing(t, dir); !reflect2(got, want) {
			t.Fatalf("disk full: got %q\nwant %q", got, want)
		}
		full.Store(false)
		clock = fakeSeconds(t0 + 2)
		h.Handle(logging.NewRecord("root", logging.INFO, "c"))
		h.waitArchiver()
		want = map[string]string{"app.log": "c\n", "app.log.2024-01-03_10-20-30.gz": "a\n", "app.log.2024-01-03_10-20-31.gz": "b\n"}
		if got := archiveListing(t, dir); !reflect2(got, want) {
			t.Fatalf("room again: got %q\nwant %q", got, want)
		}
	})
}

func reflect2(a, b map[string]string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

// blockingWriter blocks every write after the first until release is
// closed, and closes entered at the first write it blocks.
type blockingWriter struct {
	w        io.Writer
	n        *atomic.Int32
	entered  chan struct{}
	once     *sync.Once
	release  chan struct{}
	blockAll bool
}

func (b blockingWriter) Write(p []byte) (int, error) {
	if b.n.Add(1) > 1 || b.blockAll {
		b.once.Do(func() { close(b.entered) })
		<-b.release
	}
	return b.w.Write(p)
}

// TestCompressionOffTheCallersPath checks that records are written while a
// compression is stopped in the middle, and that Close waits for it.
func TestCompressionOffTheCallersPath(t *testing.T) {
	dir := t.TempDir()
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hooks := &archiveHooks{wrap: func(w io.Writer) io.Writer {
		return blockingWriter{w: w, n: new(atomic.Int32), entered: entered, once: &once, release: release}
	}}
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
		MaxBytes: 1001, BackupCount: 100, Compress: CompressGzip, hooks: hooks})
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 99)
	for range 11 { // 10 lines fill the file: the 11th rolls it over
		h.Handle(logging.NewRecord("root", logging.INFO, line))
	}
	select {
	case <-entered:
	case <-time.After(30 * time.Second):
		t.Fatal("the compression did not start")
	}
	start := time.Now()
	for range 200 { // 20 more rollovers while the first compression is stopped
		h.Handle(logging.NewRecord("root", logging.INFO, line))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("200 records took %v while a compression was stopped", d)
	}
	closed := make(chan error)
	go func() { closed <- h.Close() }()
	select {
	case <-closed:
		t.Fatal("Close returned while a compression was under way")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	got := archiveListing(t, dir)
	if len(got) != 22 { // app.log and 21 archives
		t.Errorf("%d files, want 22: %v", len(got), sortedKeys(got))
	}
	for i := 1; i <= 21; i++ {
		if c := got[fmt.Sprintf("app.log.%d.gz", i)]; c != strings.Repeat(line+"\n", 10) {
			t.Errorf("app.log.%d.gz = %q", i, c)
		}
	}
}

func sortedKeys(m map[string]string) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	sort.Strings(k)
	return k
}

// TestCompressionConcurrent logs from several goroutines through
// compressing handlers (run it with -race): every record is in the log or
// in exactly one archive.
func TestCompressionConcurrent(t *testing.T) {
	dir := t.TempDir()
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
		MaxBytes: 2000, BackupCount: 1000, Compress: CompressGzip, MaxTotalSize: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				h.Handle(logging.NewRecord("root", logging.INFO, fmt.Sprintf("g%d %04d", g, i)))
			}
		}()
	}
	wg.Wait()
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for name, content := range archiveListing(t, dir) {
		if name != "app.log" && !strings.HasSuffix(name, ".gz") {
			t.Errorf("left over: %s", name)
		}
		for _, l := range strings.Split(strings.TrimSuffix(content, "\n"), "\n") {
			seen[l]++
		}
	}
	for g := range 4 {
		for i := range 300 {
			if k := fmt.Sprintf("g%d %04d", g, i); seen[k] != 1 {
				t.Errorf("%s seen %d times", k, seen[k])
			}
		}
	}
}

// The crash test: a child process (this test binary) logs through a
// compressing handler and stops its archiver at a step; the parent kills
// it there, checks that every record is in the log, a rotated file or a
// finished archive, then starts a handler on the same file and checks
// that it finishes the work: every record exactly once, in order, in
// app.log and its archives.
const crashEnv = "LOGGEN_TEST_CRASH"

func crashRecord(i int) string { return fmt.Sprintf("record %04d %s", i, strings.Repeat("x", 40)) }

const crashRecords = 130 // 53 bytes each, 1000-byte files: 7 rollovers

// crashOptions are the child's and the parent's options.
func crashOptions(kind, dir string) (RotatingFileOptions, TimedRotatingFileOptions) {
	path := filepath.Join(dir, "app.log")
	return RotatingFileOptions{Filename: path, MaxBytes: 1000, BackupCount: 10, Compress: CompressGzip},
		TimedRotatingFileOptions{Filename: path, When: "D", MaxBytes: 1000, BackupCount: 10, Compress: CompressGzip}
}

// TestCompressionCrashChild is the child; it does nothing in a plain run.
func TestCompressionCrashChild(t *testing.T) {
	spec := os.Getenv(crashEnv)
	if spec == "" {
		t.Skip("the child of TestCompressionCrash")
	}
	kind, rest, _ := strings.Cut(spec, ":")
	step, dir, _ := strings.Cut(rest, ":")
	// Stop at the step of the third archive: two are done, and records
	// go on being rotated while the archiver is stopped.
	var n atomic.Int32
	stop := make(chan struct{})
	var once sync.Once
	block := func() {
		once.Do(func() { close(stop) })
		select {}
	}
	hooks := &archiveHooks{
		step: func(s string) {
			if s == step && n.Add(1) == 3 {
				block()
			}
		},
		wrap: func(w io.Writer) io.Writer {
			if step != "writing" || n.Add(1) != 3 {
				return w
			}
			return writeThenBlock{w: w, block: block}
		},
	}
	ro, to := crashOptions(kind, dir)
	ro.hooks, to.hooks = hooks, hooks
	var h logging.Handler
	var err error
	if kind == "rotating" {
		h, err = NewRotatingFileHandler(ro)
	} else {
		h, err = NewTimedRotatingFileHandler(to)
	}
	if err != nil {
		t.Fatal(err)
	}
	for i := range crashRecords {
		h.Handle(logging.NewRecord("root", logging.INFO, crashRecord(i)))
	}
	select {
	case <-stop:
	case <-time.After(60 * time.Second):
		t.Fatal("the archiver never reached step " + step)
	}
	// Every record is logged and the archiver is stopped.
	fmt.Println("stopped")
	time.Sleep(time.Hour) // killed here
}

// writeThenBlock writes the first chunk of an archive (the gzip header),
// then blocks for ever: a crash in the middle of a compression.
type writeThenBlock struct {
	w     io.Writer
	block func()
}

func (w writeThenBlock) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if f, ok := w.w.(*os.File); ok {
		f.Sync()
	}
	w.block()
	return n, err
}

func TestCompressionCrash(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("in the child")
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, kind := range []string{"rotating", "timed"} {
		for _, step := range []string{"writing", "compressed", "removed", "shifted", "published"} {
			if kind == "timed" && step == "shifted" {
				continue // the timed handler shifts nothing
			}
			t.Run(kind+"_"+step, func(t *testing.T) {
				dir := t.TempDir()
				cmd := exec.Command(os.Args[0], "-test.run=^TestCompressionCrashChild$", "-test.v")
				cmd.Env = append(os.Environ(), crashEnv+"="+kind+":"+step+":"+dir)
				out, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				stopped := make(chan bool)
				go func() {
					sc := bufio.NewScanner(out)
					ok := false
					for sc.Scan() {
						if sc.Text() == "stopped" {
							ok = true
							break
						}
					}
					stopped <- ok
					io.Copy(io.Discard, out)
				}()
				ok := <-stopped
				cmd.Process.Kill()
				cmd.Wait()
				if !ok {
					t.Fatalf("the child did not stop at %s:\n%s", step, stderr.String())
				}
				// Killed: every record is somewhere, none is lost.
				before := crashState(t, dir, false)
				for i := range crashRecords {
					if before[crashRecord(i)] == 0 {
						t.Fatalf("record %d is in neither a rotated file nor an archive after the crash: %v", i, mustReadDir(t, dir))
					}
				}
				// Start again: the handler finishes the work.
				ro, to := crashOptions(kind, dir)
				var h interface{ Close() error }
				if kind == "rotating" {
					h, err = NewRotatingFileHandler(ro)
				} else {
					h, err = NewTimedRotatingFileHandler(to)
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := h.Close(); err != nil {
					t.Fatal(err)
				}
				crashState(t, dir, true)
			})
		}
	}
}

// crashState reads the records of dir. With final, the directory must
// hold only app.log and archives, whose records, oldest archive first,
// are every record exactly once, in order.
func crashState(t *testing.T, dir string, final bool) map[string]int {
	t.Helper()
	files := archiveListing(t, dir)
	count := map[string]int{}
	var archives []string
	for name, content := range files {
		if strings.HasSuffix(name, partSuffix) {
			if final {
				t.Errorf("left over: %s", name)
			}
			// A finished archive not yet renamed counts; a partial one
			// does not.
			zr, err := gzip.NewReader(strings.NewReader(content))
			if err != nil {
				continue
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				continue
			}
			content = string(b)
		}
		if final && name != "app.log" && !strings.HasSuffix(name, ".gz") {
			t.Errorf("left over: %s", name)
		}
		if name != "app.log" {
			archives = append(archives, name)
		}
		for _, l := range strings.Split(strings.TrimSuffix(content, "\n"), "\n") {
			count[l]++
		}
	}
	if !final {
		return count
	}
	// Oldest first: app.log.N.gz by decreasing N; app.log.DATE.N.gz by
	// increasing N.
	num := func(name string) int {
		parts := strings.Split(name, ".")
		for i := len(parts) - 1; i >= 0; i-- {
			if n, err := strconv.Atoi(parts[i]); err == nil {
				return n
			}
		}
		return 0
	}
	sort.Slice(archives, func(i, j int) bool {
		if strings.Count(archives[i], "-") > 0 { // dated
			return num(archives[i]) < num(archives[j])
		}
		return num(archives[i]) > num(archives[j])
	})
	var all strings.Builder
	for _, a := range archives {
		all.WriteString(files[a])
	}
	all.WriteString(files["app.log"])
	var want strings.Builder
	for i := range crashRecords {
		want.WriteString(crashRecord(i) + "\n")
	}
	if all.String() != want.String() {
		t.Errorf("after recovery the archives (%v) and app.log do not hold every record once in order:\n%s", archives, all.String())
	}
	if len(archives) != 7 {
		t.Errorf("%d archives, want 7: %v", len(archives), archives)
	}
	return count
}

// TestCompressionTwoHandlersOneFile checks what happens while Configure
// replaces a configuration: the new handler of a file is made before the
// old one is closed. Their archivers take turns and number the rotated
// files from one counter, so the archives keep the order of the records.
func TestCompressionTwoHandlersOneFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hooks := &archiveHooks{wrap: func(w io.Writer) io.Writer {
		return blockingWriter{w: w, n: new(atomic.Int32), entered: entered, once: &once, release: release}
	}}
	rec := func(i int) string { return fmt.Sprintf("%03d %s", i, strings.Repeat("r", 95)) } // 100 bytes a line
	h1, err := NewRotatingFileHandler(RotatingFileOptions{Filename: path, MaxBytes: 1001, BackupCount: 10,
		Compress: CompressGzip, hooks: hooks})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i <= 10; i++ { // 10 fill the file, the 11th rolls it over
		h1.Handle(logging.NewRecord("root", logging.INFO, rec(i)))
	}
	<-entered // h1's archiver is stopped in the middle of the first archive
	h2, err := NewRotatingFileHandler(RotatingFileOptions{Filename: path, MaxBytes: 1001, BackupCount: 10,
		Compress: CompressGzip})
	if err != nil {
		t.Fatal(err)
	}
	for i := 11; i <= 20; i++ { // the old handler rolls over again
		h1.Handle(logging.NewRecord("root", logging.INFO, rec(i)))
	}
	for i := 21; i <= 30; i++ { // and the new one
		h2.Handle(logging.NewRecord("root", logging.INFO, rec(i)))
	}
	close(release)
	h1.Close()
	h2.Close()
	// Every record once, in order, from the oldest archive to app.log.
	var want, all strings.Builder
	for i := 0; i <= 30; i++ {
		want.WriteString(rec(i) + "\n")
	}
	got := archiveListing(t, dir)
	for _, name := range []string{"app.log.3.gz", "app.log.2.gz", "app.log.1.gz", "app.log"} {
		all.WriteString(got[name])
	}
	if all.String() != want.String() {
		t.Errorf("the archives and app.log hold\n%s\nwant\n%s", all.String(), want.String())
	}
	if len(got) != 4 {
		t.Errorf("files %v, want app.log and 3 archives", sortedKeys(got))
	}
}
