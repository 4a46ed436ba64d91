package model

import (
	"strings"
	"testing"
)

func TestTimedAndWatchedClasses(t *testing.T) {
	cfg, err := Parse("logging.yaml", []byte(`version: 1
handlers:
  timed:
    class: logging.handlers.TimedRotatingFileHandler
    filename: app.log
    when: Midnight
    interval: 2
    backupCount: 7
    utc: true
    atTime: "13:45"
    delay: true
    encoding: utf-8
  weekly:
    class: ext://logging.handlers.TimedRotatingFileHandler
    filename: w.log
    when: w6
    atTime: "06:30:15"
  watched:
    class: logging.handlers.WatchedFileHandler
    filename: watched.log
    mode: w
    delay: false
root: {handlers: [timed, weekly, watched]}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{
		"timed": {"filename": "app.log", "when": "Midnight", "interval": int64(2), "backupCount": int64(7),
			"utc": true, "atTime": "13:45", "delay": true, "encoding": "utf-8"},
		"weekly":  {"filename": "w.log", "when": "w6", "atTime": "06:30:15"},
		"watched": {"filename": "watched.log", "mode": "w", "delay": false},
	}
	for _, h := range cfg.Handlers {
		w := want[h.ID]
		if len(h.Options) != len(w) {
			t.Errorf("%s: options %+v, want %v", h.ID, h.Options, w)
		}
		for _, o := range h.Options {
			if w[o.Key] != o.Value {
				t.Errorf("%s: %s = %#v, want %#v", h.ID, o.Key, o.Value, w[o.Key])
			}
		}
	}
}

func TestTimedAndWatchedErrors(t *testing.T) {
	_, err := Parse("logging.yaml", []byte(`version: 1
handlers:
  timed:
    class: logging.handlers.TimedRotatingFileHandler
    filename: app.log
    when: W7
    interval: 0
    backupCount: many
    utc: yes please
    atTime: "24:00"
    mode: a
  timed2:
    class: logging.handlers.TimedRotatingFileHandler
    filename: app2.log
    when: hourly
    atTime: 9:5
    errors: ignore
  watched:
    class: logging.handlers.WatchedFileHandler
    mode: r
`))
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	got := err.Error()
	for _, want := range []string{
		`logging.yaml:6:11: handler "timed": when: invalid day for weekly rollover "W7": expected W0 (Monday) to W6 (Sunday)`,
		`logging.yaml:7:15: handler "timed": interval: expected a positive number of intervals, got 0`,
		`logging.yaml:8:18: handler "timed": backupCount:`,
		`logging.yaml:9:10: warning: handler "timed": utc: string "yes please" is not a boolean`,
		`logging.yaml:10:13: handler "timed": atTime: expected a time of day as "HH:MM" or "HH:MM:SS" (24-hour), got "24:00"`,
		`logging.yaml:11:5: handler "timed": logging.handlers.TimedRotatingFileHandler does not take "mode"`,
		`logging.yaml:15:11: handler "timed2": when: invalid rollover interval "hourly": expected S, M, H, D, midnight or W0 … W6`,
		`logging.yaml:16:13: handler "timed2": atTime: expected a string, got integer 9:5 (PyYAML reads it as the integer 545; quote it to make it a string)`,
		`logging.yaml:17:13: handler "timed2": errors: "ignore" is not supported`,
		`handler "watched": missing required key "filename"`,
		`logging.yaml:20:11: handler "watched": mode: expected "a" (append), "w" (truncate) or "x" (create), got "r"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestCheckWhen(t *testing.T) {
	for _, ok := range []string{"S", "s", "M", "h", "D", "midnight", "MIDNIGHT", "MidNight", "W0", "w6"} {
		if msg := checkWhen(ok); msg != "" {
			t.Errorf("checkWhen(%q) = %q", ok, msg)
		}
	}
	for _, bad := range []string{"", "W", "W7", "W-1", "W00", "day", "midnight ", "Sec"} {
		if checkWhen(bad) == "" {
			t.Errorf("checkWhen(%q) accepted", bad)
		}
	}
}
