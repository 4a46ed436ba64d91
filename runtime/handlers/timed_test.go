package handlers

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin even where the system has no zoneinfo

	logging "github.com/loggen/loggen/runtime"
)

// timedCase is one case of testdata/timed_vectors.json, which
// testdata/gen_timed_vectors.py writes by driving CPython's
// TimedRotatingFileHandler under a fake clock.
type timedCase struct {
	Name   string `json:"name"`
	TZ     string `json:"tz"`
	Kwargs struct {
		When        string `json:"when"`
		Interval    int    `json:"interval"`
		BackupCount int    `json:"backupCount"`
		Delay       bool   `json:"delay"`
		UTC         bool   `json:"utc"`
		AtTime      string `json:"atTime"`
	} `json:"kwargs"`
	Start             float64           `json:"start"`
	Files             map[string]string `json:"files"`
	Mtimes            map[string]int64  `json:"mtimes"`
	InitialRolloverAt int64             `json:"initialRolloverAt"`
	Steps             []struct {
		Time       float64           `json:"time"`
		RolloverAt int64             `json:"rolloverAt"`
		Files      map[string]string `json:"files"`
	} `json:"steps"`
}

func fakeInstant(sec float64) time.Time {
	s := math.Floor(sec)
	return time.Unix(int64(s), int64(math.Round((sec-s)*1e9)))
}

func dirListing(t *testing.T, dir string) map[string]string {
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
		m[e.Name()] = string(b)
	}
	return m
}

// setFakeClock makes now() return *at until the test ends.
func setFakeClock(t *testing.T, at *time.Time) {
	logging.SetClock(func() time.Time { return *at })
	t.Cleanup(func() { logging.SetClock(nil) })
}

// TestTimedRotatingVectors replays each CPython case: the same files, the
// same clock, the same records, and compares the directory (names and
// contents) and the next rollover time after every record.
func TestTimedRotatingVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/timed_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vec struct {
		Base  string      `json:"base"`
		Cases []timedCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &vec); err != nil {
		t.Fatal(err)
	}
	if len(vec.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range vec.Cases {
		t.Run(c.Name, func(t *testing.T) {
			loc, err := time.LoadLocation(c.TZ)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for name, content := range c.Files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			for name, mt := range c.Mtimes {
				if err := os.Chtimes(filepath.Join(dir, name), time.Unix(mt, 0), time.Unix(mt, 0)); err != nil {
					t.Fatal(err)
				}
			}
			clock := fakeInstant(c.Start)
			setFakeClock(t, &clock)
			k := c.Kwargs
			h, err := newTimedRotatingFileHandler(TimedRotatingFileOptions{
				Filename: filepath.Join(dir, vec.Base), When: k.When, Interval: k.Interval,
				BackupCount: k.BackupCount, Encoding: "utf-8", Delay: k.Delay, UTC: k.UTC, AtTime: k.AtTime,
			}, loc)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			if h.rolloverAt != c.InitialRolloverAt {
				t.Errorf("initial rolloverAt = %d, CPython %d", h.rolloverAt, c.InitialRolloverAt)
			}
			for i, s := range c.Steps {
				clock = fakeInstant(s.Time)
				r := logging.NewRecord("root", logging.INFO, "msg %d", i)
				h.Handle(r)
				if h.rolloverAt != s.RolloverAt {
					t.Errorf("step %d (t=%v): rolloverAt = %d (%s), CPython %d (%s)", i, s.Time,
						h.rolloverAt, time.Unix(h.rolloverAt, 0).In(loc), s.RolloverAt, time.Unix(s.RolloverAt, 0).In(loc))
				}
				if got := dirListing(t, dir); !reflect.DeepEqual(got, s.Files) {
					t.Fatalf("step %d (t=%v): files\n got %q\nwant %q", i, s.Time, got, s.Files)
				}
			}
		})
	}
}

func TestTimedRotatingOptions(t *testing.T) {
	dir := t.TempDir()
	for _, bad := range []TimedRotatingFileOptions{
		{When: "X"}, {When: "W7"}, {When: "W"}, {When: "W01"}, {When: "midnightx"},
		{Interval: -1}, {AtTime: "24:00"}, {AtTime: "1:00"}, {AtTime: "12:60:00"},
		{AtTime: "12:00:61"}, {AtTime: "12"}, {Encoding: "latin-1"},
	} {
		bad.Filename = filepath.Join(dir, "x.log")
		bad.Delay = true
		if _, err := NewTimedRotatingFileHandler(bad); err == nil {
			t.Errorf("NewTimedRotatingFileHandler(%+v) succeeded", bad)
		}
	}
	h, err := NewTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: filepath.Join(dir, "d.log"), Delay: true})
	if err != nil {
		t.Fatal(err)
	}
	if h.when != "H" || h.interval != 3600 {
		t.Errorf("defaults: when %q interval %d, want H 3600", h.when, h.interval)
	}
}

// TestTimedRotatingNotRegular checks gh-89564: a path that is not a regular
// file is never rolled over, and the next rollover time moves on.
func TestTimedRotatingNotRegular(t *testing.T) {
	dir := t.TempDir()
	clock := time.Unix(1704277230, 0)
	setFakeClock(t, &clock)
	path := filepath.Join(dir, "fifo")
	h, err := NewTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: path, When: "S", Delay: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o777); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(5 * time.Second)
	if h.shouldRollover(h.Path(), clock.Unix()) {
		t.Error("shouldRollover on a directory")
	}
	if h.rolloverAt != clock.Unix()+1 {
		t.Errorf("rolloverAt = %d, want %d", h.rolloverAt, clock.Unix()+1)
	}
}

// TestTimedRotatingCloseReopen checks that a record after Close reopens the
// file and that the handler is safe for concurrent use.
func TestTimedRotatingConcurrent(t *testing.T) {
	dir := t.TempDir()
	clock := time.Unix(1704277230, 0)
	setFakeClock(t, &clock)
	path := filepath.Join(dir, "c.log")
	h, err := NewTimedRotatingFileHandler(TimedRotatingFileOptions{Filename: path, When: "M", BackupCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 50; i++ {
				h.Handle(logging.NewRecord("root", logging.INFO, "x"))
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	h.Close()
	h.Handle(logging.NewRecord("root", logging.INFO, "after close"))
	h.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != 201 {
		t.Errorf("%d lines, want 201", n)
	}
}

func TestPySplitext(t *testing.T) {
	for in, want := range map[string][2]string{
		"app.log": {"app", ".log"}, "app": {"app", ""}, ".log": {".log", ""},
		"..log": {"..log", ""}, "a.b.c": {"a.b", ".c"}, "..a.b": {"..a", ".b"}, "a.": {"a", "."},
	} {
		if r, e := pySplitext(in); r != want[0] || e != want[1] {
			t.Errorf("pySplitext(%q) = %q, %q; want %q", in, r, e, want)
		}
	}
}
