package runtime

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// The tests of this file check CPython's rule for the existing loggers of a
// full configuration (DictConfigurator.configure and
// _handle_existing_loggers in Lib/logging/config.py). The logger tree is
// global, so every run of a test works below a fresh prefix.

var reconfigureRuns int

// freshPrefix returns a logger-name prefix no earlier test run has used.
func freshPrefix(tag string) string {
	reconfigureRuns++
	return fmt.Sprintf("rc%d%s.", reconfigureRuns, tag)
}

// A loggerState is what a full configuration may change on an existing
// logger.
type loggerState struct {
	Level     Level
	Handlers  int
	Propagate bool
	Disabled  bool
	Filters   int
}

// fresh is the state of a logger nothing has configured.
var fresh = loggerState{Propagate: true}

// stateOf returns the state of the logger name, without making it exist
// (Get would turn a declared logger into an existing one); ok is false when
// there is no logger of that name at all.
func stateOf(name string) (s loggerState, ok bool) {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	l := tree.loggers[name]
	if l == nil {
		return s, false
	}
	return loggerState{l.level, len(l.handlers), l.propagate, l.disabled, len(l.filters)}, true
}

// discard is a handler config that writes nowhere.
func discard(id string) HandlerConfig {
	return HandlerConfig{ID: id, New: func() (Handler, error) { return NewStreamHandler(io.Discard), nil }}
}

// configured sets up name as a configuration would: level, one handler,
// propagate and filters.
func configured(name string, level Level, propagate bool, filters ...Filter) {
	l := Get(name)
	l.SetLevel(level)
	l.AddHandler(NewStreamHandler(io.Discard))
	l.SetPropagate(propagate)
	for _, f := range filters {
		l.AddFilter(f)
	}
}

func TestExistingNames(t *testing.T) {
	p := freshPrefix("names")
	Get(p + "a.b.c")
	Declare(p + "a.b")   // above an existing logger: a placeholder
	Declare(p + "d.e.f") // nothing below it exists: not there at all
	Declare(p + "g")     // declared, then named by Get: exists
	Get(p + "g")
	Get(p + "g.h") // its parent exists: g is no placeholder
	Get(p + "x-y") // sorts between x and x.z
	Get(p + "x.z")
	Declare(p + "x.z.w") // below an existing logger: no effect
	Get(p + "compiler")
	Get(p + "compiler0")
	Get(p + "compiler.q")

	names, placeholder := existingNames()
	var got, gotPH []string
	for _, n := range names {
		if strings.HasPrefix(n, p) {
			got = append(got, n[len(p):])
			if placeholder[n] {
				gotPH = append(gotPH, n[len(p):])
			}
		}
	}
	want := []string{"a", "a.b", "a.b.c", "compiler", "compiler.q", "compiler0", "g", "g.h", "x", "x-y", "x.z"}
	if !slices.Equal(got, want) {
		t.Errorf("existing names = %q, want %q", got, want)
	}
	wantPH := []string{"a", "a.b", "x"}
	if !slices.Equal(gotPH, wantPH) {
		t.Errorf("placeholders = %q, want %q", gotPH, wantPH)
	}
	if !slices.IsSorted(names) {
		t.Error("existing names are not sorted")
	}
	// The prefix itself ("rcN" without its dot) is a placeholder too: every
	// name above is below it.
	if root := strings.TrimSuffix(p, "."); !placeholder[root] {
		t.Errorf("%q is not a placeholder", root)
	}
}

func TestReconfigureExistingLoggers(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup makes the loggers that exist before the configuration; p
		// is the case's prefix.
		setup   func(t *testing.T, p string)
		loggers []LoggerConfig // names relative to the prefix
		disable bool
		want    map[string]loggerState // by name relative to the prefix
		absent  []string               // names that must not be loggers
	}{{
		// CPython's test_config_8_ok.
		name: "config8",
		setup: func(t *testing.T, p string) {
			configured(p+"compiler.parser", DEBUG, true)
		},
		loggers: []LoggerConfig{
			{Name: "compiler", Level: DEBUG, LevelSet: true, Handlers: []string{"h"}},
			{Name: "compiler.lexer"},
		},
		want: map[string]loggerState{
			"compiler":        {Level: DEBUG, Handlers: 1, Propagate: true},
			"compiler.parser": fresh,
			"compiler.lexer":  fresh,
		},
	}, {
		// CPython's test_config_8a_ok: compiler-hyphenated sorts between
		// compiler and compiler.parser.
		name: "config8a",
		setup: func(t *testing.T, p string) {
			Get(p + "compiler.parser").SetLevel(DEBUG)
			Get(p + "compiler-hyphenated")
		},
		loggers: []LoggerConfig{
			{Name: "compiler", Level: DEBUG, LevelSet: true, Handlers: []string{"h"}},
			{Name: "compiler.lexer"},
		},
		disable: true,
		want: map[string]loggerState{
			"compiler.parser":     fresh,
			"compiler-hyphenated": {Propagate: true, Disabled: true},
		},
	}, {
		name: "names that sort among the children",
		setup: func(t *testing.T, p string) {
			for _, n := range []string{"c", "c!x", "c-x", "c.a", "c.a.b", "c/x", "c0", "c.z", "cc"} {
				configured(p+n, ERROR, false)
			}
		},
		loggers: []LoggerConfig{{Name: "c"}},
		disable: true,
		want: map[string]loggerState{
			"c":     {Level: ERROR, Propagate: false}, // configured: handlers replaced, the rest kept
			"c.a":   fresh,
			"c.a.b": fresh,
			"c.z":   fresh,
			"c!x":   {Level: ERROR, Handlers: 1, Disabled: true},
			"c-x":   {Level: ERROR, Handlers: 1, Disabled: true},
			"c/x":   {Level: ERROR, Handlers: 1, Disabled: true},
			"c0":    {Level: ERROR, Handlers: 1, Disabled: true},
			"cc":    {Level: ERROR, Handlers: 1, Disabled: true},
		},
	}, {
		name: "a configured placeholder",
		setup: func(t *testing.T, p string) {
			configured(p+"a.b.c", ERROR, false)
		},
		loggers: []LoggerConfig{{Name: "a.b", Level: INFO, LevelSet: true}},
		disable: true,
		want: map[string]loggerState{
			"a.b":   {Level: INFO, Propagate: true},
			"a.b.c": fresh,
		},
		absent: []string{"a"}, // a placeholder that was disabled: no logger made
	}, {
		name: "a placeholder child is left alone",
		setup: func(t *testing.T, p string) {
			configured(p+"a.b.c", ERROR, false)
			// A declared logger where Python has a placeholder: a child,
			// but it does not exist yet, so it is not reset (its state
			// stays as generated code set it).
			Declare(p + "a.b").SetLevel(CRITICAL)
		},
		loggers: []LoggerConfig{{Name: "a"}},
		disable: true,
		want: map[string]loggerState{
			"a":     fresh,
			"a.b":   {Level: CRITICAL, Propagate: true},
			"a.b.c": fresh,
		},
	}, {
		// The bug of the report: a generated package declares compiler at
		// start-up, so compiler was a declared logger and not a placeholder
		// in the existing names, and compiler.parser kept its handler
		// (disable false) or was disabled (disable true).
		name: "a declared logger above an existing one",
		setup: func(t *testing.T, p string) {
			Declare(p + "compiler")
			configured(p+"compiler.parser", DEBUG, false)
		},
		loggers: []LoggerConfig{{Name: "compiler", Level: DEBUG, LevelSet: true, Handlers: []string{"h"}}},
		disable: true,
		want: map[string]loggerState{
			"compiler":        {Level: DEBUG, Handlers: 1, Propagate: true},
			"compiler.parser": fresh,
		},
	}, {
		name: "a declared logger is not disabled",
		setup: func(t *testing.T, p string) {
			Declare(p + "late")
			Declare(p + "late.sub")
			Declare(p + "d.e")
			Get(p + "d.e.f")
		},
		disable: true,
		want: map[string]loggerState{
			"late":     fresh,
			"late.sub": fresh,
			"d.e":      fresh, // a placeholder
			"d.e.f":    {Propagate: true, Disabled: true},
		},
	}, {
		name: "a child stays disabled",
		setup: func(t *testing.T, p string) {
			configured(p+"a.b", ERROR, false)
			if err := Configure(&Config{DisableExistingLoggers: true, Loggers: []LoggerConfig{{Name: p + "other"}}}); err != nil {
				t.Fatal(err)
			}
			configured(p+"a.c", ERROR, false)
		},
		loggers: []LoggerConfig{{Name: "a"}},
		want: map[string]loggerState{
			"a.b":   {Propagate: true, Disabled: true},
			"a.c":   fresh,
			"other": {Propagate: true}, // not a child: re-enabled by disable false
		},
	}, {
		name: "a child keeps its filters",
		setup: func(t *testing.T, p string) {
			configured(p+"a.b", ERROR, false, NameFilter("x"), NameFilter("y"))
		},
		loggers: []LoggerConfig{{Name: "a"}},
		disable: true,
		want: map[string]loggerState{
			"a.b": {Propagate: true, Filters: 2},
		},
	}, {
		name: "a configured logger adds its filters to the ones it has",
		setup: func(t *testing.T, p string) {
			configured(p+"a.b", ERROR, false, NameFilter("x"))
		},
		loggers: []LoggerConfig{{Name: "a.b", Filters: []Filter{NameFilter("y")}}},
		want: map[string]loggerState{
			"a.b": {Level: ERROR, Propagate: false, Filters: 2},
		},
	}, {
		name: "a configured child, after its parent",
		setup: func(t *testing.T, p string) {
			configured(p+"c.lexer", DEBUG, false)
			configured(p+"c.lexer.x", CRITICAL, false)
			configured(p+"c.parser", ERROR, false)
		},
		loggers: []LoggerConfig{{Name: "c", Level: INFO, LevelSet: true}, {Name: "c.lexer"}},
		disable: true,
		want: map[string]loggerState{
			"c.lexer":   {Level: DEBUG, Propagate: false},
			"c.lexer.x": fresh,
			"c.parser":  fresh,
		},
	}, {
		name: "a configured child, before its parent",
		setup: func(t *testing.T, p string) {
			configured(p+"c.lexer", DEBUG, false)
			configured(p+"c.lexer.x", CRITICAL, false)
			configured(p+"c.parser", ERROR, false)
		},
		loggers: []LoggerConfig{{Name: "c.lexer", Handlers: []string{"h"}}, {Name: "c", Level: INFO, LevelSet: true}},
		disable: true,
		want: map[string]loggerState{
			"c.lexer":   {Level: DEBUG, Handlers: 1, Propagate: false},
			"c.lexer.x": fresh,
			"c.parser":  fresh,
		},
	}, {
		name: "a new configured logger has no existing children",
		setup: func(t *testing.T, p string) {
			configured(p+"n1", ERROR, false)
		},
		loggers: []LoggerConfig{{Name: "n1.sub"}, {Name: "n1.sub.deeper"}},
		disable: true,
		want: map[string]loggerState{
			"n1":            {Level: ERROR, Handlers: 1, Disabled: true},
			"n1.sub":        fresh,
			"n1.sub.deeper": fresh,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p := freshPrefix("")
			tc.setup(t, p)
			c := &Config{DisableExistingLoggers: tc.disable, Handlers: []HandlerConfig{discard("h")}}
			for _, lc := range tc.loggers {
				lc.Name = p + lc.Name
				c.Loggers = append(c.Loggers, lc)
			}
			if err := Configure(c); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { Configure(&Config{}) })
			for _, n := range sortedNames(tc.want) {
				got, ok := stateOf(p + n)
				if !ok {
					t.Errorf("%s: no such logger", n)
				} else if got != tc.want[n] {
					t.Errorf("%s: %+v, want %+v", n, got, tc.want[n])
				}
			}
			for _, n := range tc.absent {
				if _, ok := stateOf(p + n); ok {
					t.Errorf("%s: a logger was made from a placeholder", n)
				}
			}
		})
	}
}

func sortedNames(m map[string]loggerState) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// CPython's test_config_8_ok through the output: a record of the reset
// child is written once, by its new parent's handler, and not again by the
// old handler it had.
func TestReconfigureResetChildWritesOnce(t *testing.T) {
	p := freshPrefix("once")
	var old, now syncBuffer
	handler := func(w io.Writer) HandlerConfig {
		return HandlerConfig{ID: "hand1", Formatter: nameLevelMessage, New: func() (Handler, error) { return NewStreamHandler(w), nil }}
	}
	// A generated package for the second configuration declares its
	// loggers when the program starts.
	Declare(p + "compiler")
	Declare(p + "compiler.lexer")
	if err := Configure(&Config{
		Handlers: []HandlerConfig{handler(&old)},
		Loggers:  []LoggerConfig{{Name: p + "compiler.parser", Level: DEBUG, LevelSet: true, Handlers: []string{"hand1"}}},
		Root:     &LoggerConfig{Level: WARNING, LevelSet: true},
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { Configure(&Config{}) })
	parser := Get(p + "compiler.parser")
	parser.Info("1")
	for _, disable := range []bool{false, true} {
		if err := Configure(&Config{
			DisableExistingLoggers: disable,
			Handlers:               []HandlerConfig{handler(&now)},
			Loggers: []LoggerConfig{
				{Name: p + "compiler", Level: DEBUG, LevelSet: true, Handlers: []string{"hand1"}},
				{Name: p + "compiler.lexer"},
			},
			Root: &LoggerConfig{Level: WARNING, LevelSet: true},
		}); err != nil {
			t.Fatal(err)
		}
		parser.Info(fmt.Sprintf("disable %v", disable))
		Get(p + "compiler.lexer").Error(fmt.Sprintf("lexer, disable %v", disable))
	}
	if got, want := old.String(), p+"compiler.parser INFO 1\n"; got != want {
		t.Errorf("old handler: %q, want %q", got, want)
	}
	want := p + "compiler.parser INFO disable false\n" + p + "compiler.lexer ERROR lexer, disable false\n" +
		p + "compiler.parser INFO disable true\n" + p + "compiler.lexer ERROR lexer, disable true\n"
	if got := now.String(); got != want {
		t.Errorf("new handler:\n%s\nwant\n%s", got, want)
	}
}

// A configuration may name the root logger "root" among its loggers. Python
// then looks "root" up among the existing names, where it is a placeholder
// if a logger such as "root.x" exists, so root.x is a child; named "", the
// root logger has no children and root.x is disabled.
func TestReconfigureRootByName(t *testing.T) {
	p := freshPrefix("")
	child := "root." + strings.TrimSuffix(p, ".")
	configured(child, ERROR, false)
	t.Cleanup(func() { Configure(&Config{}) })
	if err := Configure(&Config{DisableExistingLoggers: true, Loggers: []LoggerConfig{{Name: "", Level: INFO, LevelSet: true}}}); err != nil {
		t.Fatal(err)
	}
	if got, want := must(stateOf(child)), (loggerState{Level: ERROR, Handlers: 1, Disabled: true}); got != want {
		t.Errorf(`root named "": %s: %+v, want %+v`, child, got, want)
	}
	if err := Configure(&Config{DisableExistingLoggers: true, Loggers: []LoggerConfig{{Name: "root", Level: INFO, LevelSet: true}}}); err != nil {
		t.Fatal(err)
	}
	if got, want := must(stateOf(child)), (loggerState{Propagate: true, Disabled: true}); got != want {
		t.Errorf(`root named "root": %s: %+v, want %+v (reset, still disabled)`, child, got, want)
	}
	if got := Root().Level(); got != INFO {
		t.Errorf("root level = %v, want INFO", got)
	}
	Root().SetLevel(WARNING)
}

func must(s loggerState, ok bool) loggerState {
	if !ok {
		return loggerState{Level: -1}
	}
	return s
}
