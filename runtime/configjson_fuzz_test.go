package runtime

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// This file holds the run-time checks of what a program is given at run
// time rather than at generate time: a message's widths and precisions
// (TestHugeWidthIsAHandlerError) and JSON configurations
// (FuzzConfigureJSON).

// FuzzConfigureJSON gives ConfigureJSON random bytes, with a known
// configuration in place: it must not panic, a configuration it refuses
// must change nothing, and one it applies must be a JSON object with
// version 1 and incremental true. After each input the tree is put back
// as it was, including the loggers the input created, so that inputs do
// not see each other's loggers and the tree does not grow for ever.
func FuzzConfigureJSON(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "incremental": true, "loggers": {"fz.app": {"level": "DEBUG", "propagate": false}}}`,
		`{"version": 1, "incremental": true, "root": {"level": 10}, "handlers": {"fzh": {"level": "ERROR"}}}`,
		`{"version": 1, "incremental": true, "handlers": {"fzh": {"level": 0}, "nope": {"level": ""}}}`,
		`{"version": 1, "incremental": true, "handlers": {"nope": {"level": "INFO"}}}`,
		`{"version": 1, "incremental": true, "loggers": {"fz": {"level": "debug"}}}`,
		`{"version": 1, "incremental": true, "loggers": {"fz.new.child": {"level": 99999999999999999999}}}`,
		`{"version": 1, "incremental": true, "loggers": {"": {"level": -2147483649}, "root": {}}}`,
		`{"version": 1, "incremental": true, "loggers": {"fz.app": {"propagate": 1}, "a..b.": null}}`,
		`{"version": 1.0, "incremental": true, "loggers": [], "root": "INFO"}`,
		`{"version": 1, "incremental": false, "loggers": {"fz.app": {"level": "INFO"}}}`,
		`{"version": 2, "incremental": true}`,
		`{"version": "1", "incremental": "true"}`,
		`{"version": 1e0, "incremental": true, "handlers": {"fzh": {"level": 1.5}}}`,
		`[1, 2]`, `null`, `{`, ``, `{"version": 1, "incremental": true} trailing`,
	} {
		f.Add([]byte(s))
	}
	var out syncBuffer
	err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "fzh", Formatter: nameLevelMessage, New: func() (Handler, error) {
			return NewStreamHandler(&out), nil
		}}},
		Loggers: []LoggerConfig{{Name: "fz.app", Level: INFO, LevelSet: true}},
		Root:    &LoggerConfig{Level: WARNING, LevelSet: true, Handlers: []string{"fzh"}},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}}) })
	known := takeTreeState()
	app := Get("fz.app")

	f.Fuzz(func(t *testing.T, data []byte) {
		err := ConfigureJSON(data)
		if err != nil {
			if diff := known.diff(takeTreeState()); diff != "" {
				t.Errorf("ConfigureJSON(%q) failed (%v) but changed the tree: %s", data, err, diff)
			}
		} else {
			var d map[string]any
			dec := json.NewDecoder(strings.NewReader(string(data)))
			dec.UseNumber()
			if dec.Decode(&d) != nil || fmt.Sprint(d["version"]) != "1" || d["incremental"] != true {
				t.Errorf("ConfigureJSON(%q) applied a configuration that is not incremental version 1", data)
			}
		}
		known.restore()
		if diff := known.diff(takeTreeState()); diff != "" {
			t.Fatalf("after ConfigureJSON(%q), the tree was not restored: %s", data, diff)
		}
		out.mu.Lock()
		out.b.Reset()
		out.mu.Unlock()
		app.Info("still here")
		app.Debug("not shown")
		if got := out.String(); got != "fz.app INFO still here\n" {
			t.Fatalf("after ConfigureJSON(%q) and the restore, logging wrote %q", data, got)
		}
	})
}

// A savedLogger is what a configuration can change in one logger.
type savedLogger struct {
	level                         Level
	propagate, disabled, declared bool
	parent                        *Logger
}

// treeState is what a configuration can change in the tree: its loggers
// (and which exist) and its handlers' levels; placeholders follow from
// the loggers.
type treeState struct {
	loggers  map[*Logger]savedLogger // the root included
	names    map[string]*Logger
	handlers map[string]Level
}

func takeTreeState() treeState {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	s := treeState{
		loggers:  map[*Logger]savedLogger{},
		names:    map[string]*Logger{},
		handlers: map[string]Level{},
	}
	for _, l := range append([]*Logger{tree.root}, mapValues(tree.loggers)...) {
		s.loggers[l] = savedLogger{l.level, l.propagate, l.disabled, l.declared, l.parent}
	}
	for n, l := range tree.loggers {
		s.names[n] = l
	}
	for id, h := range tree.named {
		s.handlers[id] = h.Level()
	}
	return s
}

func mapValues(m map[string]*Logger) []*Logger {
	var ls []*Logger
	for _, l := range m {
		ls = append(ls, l)
	}
	return ls
}

// diff describes how t differs from s, or returns "".
func (s treeState) diff(t treeState) string {
	var d []string
	for n := range t.names {
		if s.names[n] == nil {
			d = append(d, fmt.Sprintf("new logger %q", n))
		}
	}
	for l, ls := range s.loggers {
		if t.loggers[l] != ls {
			d = append(d, fmt.Sprintf("logger %q: %+v, was %+v", l.name, t.loggers[l], ls))
		}
	}
	if fmt.Sprint(s.handlers) != fmt.Sprint(t.handlers) {
		d = append(d, fmt.Sprintf("handler levels %v, were %v", t.handlers, s.handlers))
	}
	return strings.Join(d, "; ")
}

// restore puts the tree back in state s: the loggers created since are
// removed, and the others get back their levels, flags and parents.
func (s treeState) restore() {
	configMu.Lock()
	defer configMu.Unlock()
	tree.mu.Lock()
	defer tree.mu.Unlock()
	for n := range tree.loggers {
		if s.names[n] == nil {
			delete(tree.loggers, n)
		}
	}
	for l, ls := range s.loggers {
		l.level, l.propagate, l.disabled, l.declared, l.parent = ls.level, ls.propagate, ls.disabled, ls.declared, ls.parent
	}
	for id, lv := range s.handlers {
		tree.named[id].SetLevel(lv)
	}
	relinkAll()
}
