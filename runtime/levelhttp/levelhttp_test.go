package levelhttp_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/levelhttp"
)

func TestLevelsOverHTTP(t *testing.T) {
	db := logging.Get("levelhttp_test.app.db")
	logging.Get("levelhttp_test.app").SetLevel(logging.INFO)
	srv := httptest.NewServer(levelhttp.Handler())
	defer srv.Close()

	get := func() levelhttp.State {
		t.Helper()
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("GET: %s %s", resp.Status, resp.Header.Get("Content-Type"))
		}
		var s levelhttp.State
		if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	find := func(s levelhttp.State, name string) levelhttp.LoggerState {
		for _, l := range s.Loggers {
			if l.Name == name {
				return l
			}
		}
		t.Fatalf("no logger %q in %+v", name, s.Loggers)
		return levelhttp.LoggerState{}
	}
	s := get()
	if s.Loggers[0].Name != "root" {
		t.Errorf("first logger %q, want root", s.Loggers[0].Name)
	}
	if l := find(s, "levelhttp_test.app.db"); l.Level != "NOTSET" || l.Effective != "INFO" || !l.Propagate {
		t.Errorf("app.db = %+v", l)
	}

	put := func(body string) (int, string) {
		req, _ := http.NewRequest(http.MethodPut, srv.URL, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := put(`{"version": 1, "incremental": true, "loggers": {"levelhttp_test.app.db": {"level": "DEBUG", "propagate": false}}}`)
	if code != 200 {
		t.Fatalf("PUT: %d %s", code, body)
	}
	if !db.IsEnabledFor(logging.DEBUG) || db.Propagate() {
		t.Errorf("after PUT: DEBUG enabled %v, propagate %v", db.IsEnabledFor(logging.DEBUG), db.Propagate())
	}
	if l := find(get(), "levelhttp_test.app.db"); l.Level != "DEBUG" || l.Effective != "DEBUG" || l.Propagate {
		t.Errorf("after PUT: %+v", l)
	}
	// A bad configuration changes nothing and says why.
	code, body = put(`{"version": 1, "incremental": true, "loggers": {"levelhttp_test.app.db": {"level": "LOUD"}}}`)
	if code != 400 || !strings.Contains(body, `unknown level: "LOUD"`) || db.Level() != logging.DEBUG {
		t.Errorf("bad level: %d %q, level %v", code, body, db.Level())
	}
	code, body = put(`{"version": 1, "loggers": {}}`)
	if code != 400 || !strings.Contains(body, "only incremental") {
		t.Errorf("full configuration: %d %q", code, body)
	}
	code, _ = put(strings.Repeat(" ", levelhttp.MaxBody+1))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d", code)
	}
	req, _ := http.NewRequest(http.MethodDelete, srv.URL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" {
		t.Errorf("DELETE: %s, Allow %q", resp.Status, resp.Header.Get("Allow"))
	}
}

func ExampleHandler() {
	mux := http.NewServeMux()
	mux.Handle("/debug/logging", levelhttp.Handler())
	// http.ListenAndServe("127.0.0.1:6060", mux)
}
