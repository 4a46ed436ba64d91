package handlers

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// The stress and fault tests (rotation under concurrent writers, receivers
// killed and restarted, processes killed mid-flow, full disks, queues in drop
// mode) run at reduced counts in go test ./..., and fuller when
// LOGGEN_STRESS=1, which .ci/run sets. Each logs its figures (records sent,
// written or received, lost, reported) with t.Logf.

// stressN returns short, or full when LOGGEN_STRESS=1 asks for the fuller
// stress runs.
func stressN(short, full int) int {
	if os.Getenv("LOGGEN_STRESS") == "1" {
		return full
	}
	return short
}

// stressLine is a whole record line as the stress tests write it.
var stressLine = regexp.MustCompile(`^g(\d+) (\d+) x+$`)

// lineCount is what a set of log files holds: the numbered records
// ("gG N xxx…", one per line), the duplicates and the torn lines.
type lineCount struct {
	seen  map[[2]int]bool
	dups  int
	torn  []string
	files int
}

// countLines reads every file of dir whose name starts with prefix.
func countLines(t *testing.T, dir, prefix string) *lineCount {
	t.Helper()
	c := &lineCount{seen: map[[2]int]bool{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		c.files++
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 && b[len(b)-1] != '\n' {
			c.torn = append(c.torn, e.Name()+": no newline at the end")
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if l == "" && len(b) == 0 {
				continue
			}
			m := stressLine.FindStringSubmatch(l)
			if m == nil {
				c.torn = append(c.torn, e.Name()+": "+l)
				continue
			}
			g, _ := strconv.Atoi(m[1])
			n, _ := strconv.Atoi(m[2])
			if c.seen[[2]int{g, n}] {
				c.dups++
			}
			c.seen[[2]int{g, n}] = true
		}
	}
	return c
}

// missing returns how many of the records g 0..perG-1 for g < goroutines
// are not in c.
func (c *lineCount) missing(goroutines, perG int) int {
	n := 0
	for g := range goroutines {
		for i := range perG {
			if !c.seen[[2]int{g, i}] {
				n++
			}
		}
	}
	return n
}

// stressRecord is record i of goroutine g, padded to a few dozen bytes.
func stressRecord(g, i int) *logging.Record {
	return logging.NewRecord("stress", logging.INFO, fmt.Sprintf("g%d %d %s", g, i, strings.Repeat("x", 8+(g*7+i)%32)))
}

// TestStressRotatingEightGoroutines: 8 goroutines log through one
// RotatingFileHandler that rolls over every 256 KiB; every record is in
// exactly one file, whole.
func TestStressRotatingEightGoroutines(t *testing.T) {
	reports := sockCaptureReports(t)
	dir := t.TempDir()
	const goroutines = 8
	perG := stressN(2500, 25000)
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "r.log"), MaxBytes: 256 << 10, BackupCount: 200})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				h.Handle(stressRecord(g, i))
			}
		}()
	}
	wg.Wait()
	h.Close()
	took := time.Since(start)
	c := countLines(t, dir, "r.log")
	lost := c.missing(goroutines, perG)
	t.Logf("RotatingFileHandler (maxBytes 256 KiB), %d goroutines: sent %d, written %d in %d files, lost %d, duplicated %d, torn %d, reported %d; %v",
		goroutines, goroutines*perG, len(c.seen), c.files, lost, c.dups, len(c.torn), strings.Count(reports.String(), "--- Logging error ---"), took)
	if lost != 0 || c.dups != 0 || len(c.torn) != 0 || reports.String() != "" {
		t.Errorf("lost %d, duplicated %d, torn %d (%.3q); reports:\n%s", lost, c.dups, len(c.torn), c.torn, reports.String())
	}
	if c.files < 2 {
		t.Errorf("%d files: the handler never rolled over", c.files)
	}
}

// TestStressTimedRotationEverySecond: two goroutines log for a few seconds
// through a TimedRotatingFileHandler that rolls over every second (the real
// clock); every record is in exactly one file, whole, and there is a file
// for each second.
func TestStressTimedRotationEverySecond(t *testing.T) {
	reports := sockCaptureReports(t)
	dir := t.TempDir()
	const goroutines = 2
	d := time.Duration(stressN(2, 6)) * time.Second
	h, err := NewTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "t.log"), When: "S", BackupCount: 1000})
	if err != nil {
		t.Fatal(err)
	}
	h.SetFormatter(&logging.CompiledFormatter{Func: func(b []byte, r *logging.Record) ([]byte, error) {
		return r.AppendMessage(b)
	}})
	sent := make([]int, goroutines)
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(stop); i++ {
				h.Handle(stressRecord(g, i))
				sent[g]++
				if i%64 == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	h.Close()
	c := countLines(t, dir, "t.log")
	lost := 0
	for g, n := range sent {
		for i := range n {
			if !c.seen[[2]int{g, i}] {
				lost++
			}
		}
	}
	t.Logf("TimedRotatingFileHandler (when S) for %v, %d goroutines: sent %d, written %d in %d files, lost %d, duplicated %d, torn %d, reported %d",
		d, goroutines, sent[0]+sent[1], len(c.seen), c.files, lost, c.dups, len(c.torn), strings.Count(reports.String(), "--- Logging error ---"))
	if lost != 0 || c.dups != 0 || len(c.torn) != 0 || reports.String() != "" {
		t.Errorf("lost %d, duplicated %d, torn %d (%.3q); reports:\n%s", lost, c.dups, len(c.torn), c.torn, reports.String())
	}
	if secs := int(d / time.Second); c.files < secs {
		t.Errorf("%d files after %v: want at least %d (one rollover a second)", c.files, d, secs)
	}
}
