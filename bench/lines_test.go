package bench

import (
	"bytes"
	"io"
	"regexp"
	"testing"
)

// asctime is Python's default asctime, which the same-bytes rows write.
var asctime = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} `)

// isoTime is python-json-logger's timestamp: datetime.isoformat of the
// record's time in UTC.
var isoTime = regexp.MustCompile(`"time": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00"`)

// TestLines makes one call of every contender of every scenario that
// writes to the sink, each into a buffer of its own, and checks that the
// floor and the same-bytes rows (zap-py, slog-py) write loggen's bytes,
// but for the time; go test -v -run Lines shows every line.
func TestLines(t *testing.T) {
	scenarios := []struct {
		name       string
		contenders func(testing.TB, func(string) io.Writer) []contender
		want       string // loggen's line, after the asctime if it has one
		timeless   bool
		notSame    map[string]bool // same-bytes rows that cannot be
	}{
		{"static", func(tb testing.TB, out func(string) io.Writer) []contender {
			return staticContenders(tb, out, "plain")
		}, "INFO app.db request handled\n", false, nil},
		{"fields", fieldsContenders, "INFO app.db request handled user=alice@example.com request_id=4217\n", false,
			map[string]bool{"zap-py": true}}, // zap's console encoder writes fields as JSON
		{"printf", printfContenders, "INFO app.db user alice@example.com request 4217\n", false, nil},
		{"timeless", timelessContenders, "INFO app.db request handled\n", true, nil},
		{"json", jsonContenders, `{"level": "INFO", "logger": "app.db", "message": "request handled", "user": "alice@example.com", "request_id": 4217, "time": "TIME"}` + "\n", true, nil},
		{"slog", func(tb testing.TB, out func(string) io.Writer) []contender {
			return slogContenders(tb, out, "plain", slogStatic)
		}, "INFO app.db request handled\n", false, nil},
		{"slog-attrs", func(tb testing.TB, out func(string) io.Writer) []contender {
			return slogContenders(tb, out, "fields", slogTwoAttrs)
		}, "INFO app.db request handled user=alice@example.com request_id=4217\n", false, nil},
	}
	same := map[string]bool{"floor": true, "zap-py": true, "slog-py": true}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			bufs := map[string]*bytes.Buffer{}
			out := func(name string) io.Writer {
				bufs[name] = &bytes.Buffer{}
				return bufs[name]
			}
			for _, c := range sc.contenders(t, out) {
				c.run(1)
				line := bufs[c.name].String()
				t.Logf("%-8s %s", c.name, bytes.TrimSpace([]byte(line)))
				if line == "" {
					t.Errorf("%s wrote nothing", c.name)
				}
				if c.name != "loggen" && !same[c.name] || sc.notSame[c.name] {
					continue
				}
				body := line
				if sc.name == "json" {
					body = isoTime.ReplaceAllString(line, `"time": "TIME"`)
				} else if !sc.timeless {
					if !asctime.MatchString(line) {
						t.Errorf("%s wrote %q, which does not start with Python's asctime", c.name, line)
						continue
					}
					body = asctime.ReplaceAllString(line, "")
				}
				if body != sc.want {
					t.Errorf("%s wrote %q, want %q after the time", c.name, body, sc.want)
				}
			}
		})
	}
}
