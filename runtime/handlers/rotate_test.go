package handlers

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// archiveListing returns the files of dir, each name with its content,
// decompressed for names ending in .gz.
func archiveListing(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(e.Name(), ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", e.Name(), err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", e.Name(), err)
			}
		}
		m[e.Name()] = string(b)
	}
	return m
}

// A rotationCase is a run of a rotating handler under the fake clock: one
// record per entry, at its time.
type rotationCase struct {
	name    string
	class   string // RotatingFileHandler or TimedRotatingFileHandler
	kwargs  map[string]any
	records []rotationRecord
}

type rotationRecord struct {
	t   float64
	msg string
}

// handler makes loggen's handler of the case in dir, compressing.
func (c rotationCase) handler(t *testing.T, dir string, extra func(*RotatingFileOptions, *TimedRotatingFileOptions)) interface {
	logging.Handler
	waitArchiver()
} {
	t.Helper()
	k := c.kwargs
	i := func(name string) int64 {
		if v, ok := k[name]; ok {
			return int64(v.(int))
		}
		return 0
	}
	s := func(name string) string {
		if v, ok := k[name]; ok {
			return v.(string)
		}
		return ""
	}
	b := func(name string) bool {
		v, _ := k[name].(bool)
		return v
	}
	path := filepath.Join(dir, "app.log")
	switch c.class {
	case "RotatingFileHandler":
		o := RotatingFileOptions{Filename: path, MaxBytes: i("maxBytes"), BackupCount: int(i("backupCount")),
			Delay: b("delay"), Compress: CompressGzip}
		if extra != nil {
			extra(&o, nil)
		}
		h, err := NewRotatingFileHandler(o)
		if err != nil {
			t.Fatal(err)
		}
		return h
	default:
		o := TimedRotatingFileOptions{Filename: path, When: s("when"), Interval: int(i("interval")),
			BackupCount: int(i("backupCount")), Delay: b("delay"), UTC: b("utc"), Compress: CompressGzip}
		if extra != nil {
			extra(nil, &o)
		}
		h, err := newTimedRotatingFileHandler(o, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
}

func (h *RotatingFileHandler) waitArchiver() {
	if h.arch != nil {
		h.arch.wait()
	}
}

func (h *TimedRotatingFileHandler) waitArchiver() {
	if h.arch != nil {
		h.arch.wait()
	}
}

// cpythonListings runs testdata/rotate_ref.py: CPython's handler with the
// cookbook's namer and a gzip rotator, and returns the listing after each
// record.
func cpythonListings(t *testing.T, c rotationCase) []map[string]string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: cannot compare with CPython's rotating handlers")
	}
	var recs [][2]any
	for _, r := range c.records {
		recs = append(recs, [2]any{r.t, r.msg})
	}
	spec, _ := json.Marshal(map[string]any{"class": c.class, "kwargs": c.kwargs, "records": recs})
	cmd := exec.Command(py, "testdata/rotate_ref.py", t.TempDir())
	cmd.Stdin = bytes.NewReader(spec)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rotate_ref.py: %v\n%s", err, stderr.String())
	}
	var listings []map[string]string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var m map[string]string
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("rotate_ref.py: %v: %q", err, line)
		}
		listings = append(listings, m)
	}
	if len(listings) != len(c.records) {
		t.Fatalf("rotate_ref.py printed %d listings for %d records", len(listings), len(c.records))
	}
	return listings
}

// fakeSeconds is the instant sec seconds after the epoch.
func fakeSeconds(sec float64) time.Time { return fakeInstant(sec) }

const t0 = 1704277230.0 // 2024-01-03 10:20:30 UTC, a Wednesday

var compressionCases = []rotationCase{
	{name: "rotating_backup3", class: "RotatingFileHandler",
		kwargs: map[string]any{"maxBytes": 20, "backupCount": 3},
		records: func() []rotationRecord {
			var rs []rotationRecord
			for i := range 9 {
				rs = append(rs, rotationRecord{t0 + float64(i), strings.Repeat(string(rune('a'+i)), 6+i%5)})
			}
			return rs
		}()},
	{name: "rotating_backup1_delay", class: "RotatingFileHandler",
		kwargs:  map[string]any{"maxBytes": 8, "backupCount": 1, "delay": true},
		records: []rotationRecord{{t0, "one"}, {t0, "two"}, {t0, "three"}, {t0, "four"}, {t0, "ünïcödé"}}},
	{name: "timed_S_backup2", class: "TimedRotatingFileHandler",
		kwargs: map[string]any{"when": "S", "backupCount": 2, "delay": true},
		records: []rotationRecord{{t0 + 0.1, "a"}, {t0 + 1.2, "b"}, {t0 + 3, "c"}, {t0 + 5.5, "d"},
			{t0 + 5.6, "e"}, {t0 + 10, "f"}, {t0 + 11, "g"}}},
	{name: "timed_midnight_backup3", class: "TimedRotatingFileHandler",
		kwargs: map[string]any{"when": "midnight", "backupCount": 3, "delay": true},
		records: []rotationRecord{{t0, "mon"}, {t0 + 86400, "tue"}, {t0 + 86400 + 60, "tue2"},
			{t0 + 2*86400, "wed"}, {t0 + 5*86400, "sat"}, {t0 + 6*86400, "sun"}, {t0 + 7*86400, "mon2"}}},
	{name: "timed_H_interval2_all_kept", class: "TimedRotatingFileHandler",
		kwargs:  map[string]any{"when": "H", "interval": 2, "delay": true},
		records: []rotationRecord{{t0, "1"}, {t0 + 7200, "2"}, {t0 + 3*7200, "3"}, {t0 + 3*7200 + 1, "4"}}},
}

// TestCompressedRotationCPython compares the compressing handlers with
// CPython's handlers that use the cookbook's namer and rotator: the same
// names and, decompressed, the same contents after every record (loggen's
// compression having finished).
func TestCompressedRotationCPython(t *testing.T) {
	for _, c := range compressionCases {
		t.Run(c.name, func(t *testing.T) {
			want := cpythonListings(t, c)
			dir := t.TempDir()
			clock := fakeSeconds(c.records[0].t)
			setFakeClock(t, &clock)
			h := c.handler(t, dir, nil)
			defer h.Close()
			for i, r := range c.records {
				clock = fakeSeconds(r.t)
				h.Handle(logging.NewRecord("root", logging.INFO, r.msg))
				h.waitArchiver()
				if got := archiveListing(t, dir); !reflect.DeepEqual(got, want[i]) {
					t.Fatalf("after record %d (%q):\n got %q\nwant %q", i, r.msg, got, want[i])
				}
			}
			h.Close()
			checkGzipWithPython(t, dir)
		})
	}
}

// checkGzipWithPython reads every .gz of dir with CPython's gzip module.
func checkGzipWithPython(t *testing.T, dir string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		return
	}
	script := `import gzip, json, os, sys
d = sys.argv[1]
print(json.dumps({n: gzip.open(os.path.join(d, n)).read().decode() for n in os.listdir(d) if n.endswith(".gz")}))`
	out, err := exec.Command(py, "-c", script, dir).Output()
	if err != nil {
		t.Fatalf("python3's gzip: %v", err)
	}
	var got map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for n, c := range archiveListing(t, dir) {
		if strings.HasSuffix(n, ".gz") {
			want[n] = c
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("python3's gzip reads %q, Go's %q", got, want)
	}
}

// TestSizeAndTime checks a TimedRotatingFileHandler with MaxBytes: it rolls
// over on size or time, whichever comes first, numbering the files of each
// interval, and BackupCount counts them all.
func TestSizeAndTime(t *testing.T) {
	for _, compress := range []string{"", CompressGzip} {
		t.Run("compress="+compress, func(t *testing.T) {
			dir := t.TempDir()
			clock := fakeSeconds(t0)
			setFakeClock(t, &clock)
			h, err := newTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
				When: "M", BackupCount: 3, Delay: true, MaxBytes: 10, Compress: compress}, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			gz := map[bool]string{true: ".gz"}[compress != ""]
			steps := []struct {
				dt   float64
				msg  string
				want map[string]string
			}{
				{0, "aaaa", map[string]string{"app.log": "aaaa\n"}},
				{1, "bbbb", map[string]string{"app.log": "bbbb\n", // size
					"app.log.2024-01-03_10-20.1" + gz: "aaaa\n"}},
				{61, "cc", map[string]string{"app.log": "cc\n", // time
					"app.log.2024-01-03_10-20.1" + gz: "aaaa\n", "app.log.2024-01-03_10-20.2" + gz: "bbbb\n"}},
				{62, "dddddd", map[string]string{"app.log": "dddddd\n", // size, in the next interval
					"app.log.2024-01-03_10-20.1" + gz: "aaaa\n", "app.log.2024-01-03_10-20.2" + gz: "bbbb\n",
					"app.log.2024-01-03_10-21.1" + gz: "cc\n"}},
				{200, "e", map[string]string{"app.log": "e\n", // time; backupCount 3 drops the oldest
					"app.log.2024-01-03_10-20.2" + gz: "bbbb\n",
					"app.log.2024-01-03_10-21.1" + gz: "cc\n", "app.log.2024-01-03_10-21.2" + gz: "dddddd\n"}},
			}
			for i, s := range steps {
				clock = fakeSeconds(t0 + s.dt)
				h.Handle(logging.NewRecord("root", logging.INFO, s.msg))
				h.waitArchiver()
				if got := archiveListing(t, dir); !reflect.DeepEqual(got, s.want) {
					t.Fatalf("step %d (%q):\n got %q\nwant %q", i, s.msg, got, s.want)
				}
			}
		})
	}
}

// TestSizeAndTimeManyInOneInterval checks that numbers past 9 order as
// numbers: BackupCount keeps the newest.
func TestSizeAndTimeManyInOneInterval(t *testing.T) {
	dir := t.TempDir()
	clock := fakeSeconds(t0)
	setFakeClock(t, &clock)
	h, err := newTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
		When: "D", BackupCount: 3, Delay: true, MaxBytes: 5}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 13 {
		h.Handle(logging.NewRecord("root", logging.INFO, fmt.Sprintf("%03d", i)))
	}
	h.Close()
	want := map[string]string{"app.log": "012\n", "app.log.2024-01-03.10": "009\n",
		"app.log.2024-01-03.11": "010\n", "app.log.2024-01-03.12": "011\n"}
	if got := archiveListing(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if naturalKey("a.log.2024-01-03.9") >= naturalKey("a.log.2024-01-03.10") || naturalKey("a.log.2024-01-04") < naturalKey("a.log.2024-01-03.1") {
		t.Error("naturalKey")
	}
}

// writeAged writes name in dir with content, last modified age before now.
func writeAged(t *testing.T, dir, name, content string, now time.Time, age time.Duration) {
	t.Helper()
	p := filepath.Join(dir, name)
	if strings.HasSuffix(name, ".gz") {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(content))
		zw.Close()
		content = b.String()
	}
	if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
		t.Fatal(err)
	}
}

// TestRetentionAtStartup checks maxAge and maxTotalSize on the files a
// previous run left, before any record.
func TestRetentionAtStartup(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	setFakeClock(t, &now)
	t.Run("rotating_maxAge", func(t *testing.T) {
		dir := t.TempDir()
		writeAged(t, dir, "app.log", "live\n", now, 0)
		writeAged(t, dir, "app.log.1.gz", "one\n", now, time.Hour)
		writeAged(t, dir, "app.log.2", "two\n", now, 3*time.Hour)
		writeAged(t, dir, "app.log.3.gz", "three\n", now, 5*time.Hour)
		writeAged(t, dir, "other.log.4", "other\n", now, 9*time.Hour)
		h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
			MaxBytes: 100, BackupCount: 5, MaxAge: 4 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		h.Close()
		want := map[string]string{"app.log": "live\n", "app.log.1.gz": "one\n", "app.log.2": "two\n", "other.log.4": "other\n"}
		if got := archiveListing(t, dir); !reflect.DeepEqual(got, want) {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
	t.Run("timed_maxTotalSize", func(t *testing.T) {
		dir := t.TempDir()
		writeAged(t, dir, "app.log", "live, not counted\n", now, 0)
		writeAged(t, dir, "app.log.2024-01-01", "0123456789\n", now, 0) // 11 bytes each
		writeAged(t, dir, "app.log.2024-01-02", "0123456789\n", now, 0)
		writeAged(t, dir, "app.log.2024-01-03", "0123456789\n", now, 0)
		writeAged(t, dir, "app.log.2024-01-04", "0123456789\n", now, 0)
		h, err := NewTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
			When: "D", MaxTotalSize: 30})
		if err != nil {
			t.Fatal(err)
		}
		h.Close()
		want := map[string]string{"app.log": "live, not counted\n",
			"app.log.2024-01-03": "0123456789\n", "app.log.2024-01-04": "0123456789\n"}
		if got := archiveListing(t, dir); !reflect.DeepEqual(got, want) {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})
	t.Run("timed_compress_leftovers", func(t *testing.T) {
		// Rotated files not yet compressed are compressed at start-up,
		// BackupCount applies, and MaxAge removes the old ones.
		dir := t.TempDir()
		writeAged(t, dir, "app.log.2024-01-01", "1\n", now, 50*time.Hour)
		writeAged(t, dir, "app.log.2024-01-02.gz", "2\n", now, 26*time.Hour)
		writeAged(t, dir, "app.log.2024-01-03", "3\n", now, 2*time.Hour)
		writeAged(t, dir, "app.log.2024-01-04", "4\n", now, time.Hour)
		writeAged(t, dir, "app.log.2024-01-05", "5\n", now, time.Hour)
		h, err := NewTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
			When: "D", Delay: true, BackupCount: 3, Compress: CompressGzip, MaxAge: 25 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		h.Close()
		want := map[string]string{"app.log.2024-01-03.gz": "3\n", "app.log.2024-01-04.gz": "4\n", "app.log.2024-01-05.gz": "5\n"}
		if got := archiveListing(t, dir); !reflect.DeepEqual(got, want) {
			t.Errorf("got %q\nwant %q", got, want)
		}
		// The archive keeps the rotated file's time.
		fi, err := os.Stat(filepath.Join(dir, "app.log.2024-01-03.gz"))
		if err != nil || !fi.ModTime().Equal(now.Add(-2*time.Hour)) {
			t.Errorf("archive time %v, want %v (%v)", fi.ModTime(), now.Add(-2*time.Hour), err)
		}
	})
}

// TestRetentionAfterRollover checks maxTotalSize and maxAge after each
// rollover, with the injected clock.
func TestRetentionAfterRollover(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	setFakeClock(t, &now)
	dir := t.TempDir()
	h, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
		MaxBytes: 6, BackupCount: 10, MaxTotalSize: 12, Delay: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"aaaa", "bbbb", "cccc", "dddd"} {
		h.Handle(logging.NewRecord("root", logging.INFO, m))
	}
	h.waitArchiver()
	want := map[string]string{"app.log": "dddd\n", "app.log.1": "cccc\n", "app.log.2": "bbbb\n"}
	if got := archiveListing(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("maxTotalSize: got %q\nwant %q", got, want)
	}
	h.Close()

	dir = t.TempDir()
	h2, err := NewRotatingFileHandler(RotatingFileOptions{Filename: filepath.Join(dir, "app.log"),
		MaxBytes: 6, BackupCount: 10, MaxAge: 90 * time.Minute, Compress: CompressGzip, Delay: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h2.Close()
	for _, m := range []string{"aaaa", "bbbb", "cccc", "dddd"} {
		h2.Handle(logging.NewRecord("root", logging.INFO, m))
		h2.waitArchiver()
		// An hour passes between records: every rotated file ages.
		for _, e := range mustReadDir(t, dir) {
			if p := filepath.Join(dir, e); e != "app.log" {
				fi, _ := os.Stat(p)
				os.Chtimes(p, fi.ModTime().Add(-time.Hour), fi.ModTime().Add(-time.Hour))
			}
		}
	}
	want = map[string]string{"app.log": "dddd\n", "app.log.1.gz": "cccc\n", "app.log.2.gz": "bbbb\n"}
	if got := archiveListing(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("maxAge: got %q\nwant %q", got, want)
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
