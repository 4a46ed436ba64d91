package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/loggen/loggen/runtime/envvar"
	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// configMu serializes configurations, so that one is applied wholly before
// the next starts.
var configMu sync.Mutex

// A Config is a whole logging configuration, what Python's dictConfig
// applies when incremental is false. loggen generates one from a config
// file; Configure applies it.
type Config struct {
	// DisableExistingLoggers disables the loggers that exist when the
	// configuration is applied, that it does not name and that are not
	// below a name it configures (those are reset instead; see Configure).
	// When false, such loggers are enabled again. Python's default is true.
	DisableExistingLoggers bool
	// Handlers are created in this order (loggen sorts them by id, as
	// dictConfig does).
	Handlers []HandlerConfig
	// Loggers are configured in this order (the file's order).
	Loggers []LoggerConfig
	// Root configures the root logger last; nil leaves it alone.
	Root *LoggerConfig
	// Context, if not nil, is the configuration's context extractor: loggen
	// generates one that adds the attributes of the configuration file's
	// context section (loggen: {context: {trace_id: importpath.Func}}).
	// Configure installs it in place of the extractor of an earlier
	// configuration, to run before those of AddContextExtractor. A Config
	// without one leaves the installed extractor in place: a configuration
	// that cannot name Go functions (one built at run time, as package
	// listen does) keeps the attributes the program's formats print.
	Context ContextExtractor
}

// A HandlerConfig describes one handler of a Config.
type HandlerConfig struct {
	ID        string
	Level     Level     // the handler's level; NOTSET passes everything
	Formatter Formatter // nil: Python's default, "%(message)s"
	Filters   []Filter
	// New creates the handler. Its level, formatter and filters are set
	// from the fields above when it embeds HandlerBase.
	New func() (Handler, error)
	// Needs lists handlers that this one is built on (a MemoryHandler's
	// target). When it is set, NewFrom replaces New and gets those handlers
	// in order; as in Python, a handler whose needs are not created yet is
	// created after the others.
	Needs   []string
	NewFrom func(needs []Handler) (Handler, error)
	// LevelEnv, when not nil, gives the level instead of Level: an
	// environment variable read when the configuration is applied (a
	// configuration file's env://NAME).
	LevelEnv *envvar.Var
}

// A LoggerConfig describes how a Config sets up one logger.
type LoggerConfig struct {
	// Name is the logger's dotted name; "" and "root" configure the root
	// logger. As in Python, "root" is also looked up among the existing
	// names (where it is a placeholder if a logger such as "root.x"
	// exists), so its existing descendants become children; "" has none.
	Name         string
	Level        Level
	LevelSet     bool // Level was given
	Propagate    bool
	PropagateSet bool // Propagate was given
	Filters      []Filter
	Handlers     []string // handler ids
	// LevelEnv, when not nil, gives the level instead of Level: an
	// environment variable read when the configuration is applied (a
	// configuration file's env://NAME). LevelSet must be true.
	LevelEnv *envvar.Var
}

type handlerSetup interface {
	SetFormatter(Formatter)
	AddFilter(Filter)
	SetLevel(Level)
}

type handlerNamer interface{ setName(string) }

func (h *HandlerBase) setName(n string) { h.Name = n }

// Configure applies a whole configuration, as Python's dictConfig does when
// incremental is false: the new handlers are created, the named loggers set
// up, the other existing loggers reset or disabled (below), the root
// configured, and every handler of the previous configuration flushed and
// closed.
//
// The existing loggers are treated by CPython's rule. The existing names
// are taken, sorted, before any logger is configured: every logger that Get
// or an earlier configuration has named (a logger that generated code only
// declared does not count) and every placeholder, a dotted prefix of such a
// name. Each configured name that is among them, in the order of Loggers,
// makes the names that start with it and a dot children, and leaves the
// list. Every name left is then either a child, and reset: level NOTSET, no
// handlers, propagate true, its filters and its disabled flag untouched (so
// one that an earlier configuration disabled stays disabled); or else
// disabled, or enabled again, per DisableExistingLoggers. Placeholders are
// left alone either way. A configured logger below another configured one
// is configured, not reset: its level and propagate change only if given.
// A configured logger keeps the filters it had and gets the new ones too.
//
// A log call that runs during Configure goes wholly through the old wiring
// or wholly through the new one: the new wiring is published at once, and
// the old handlers are closed only after the calls still using them have
// returned. (Python closes the old handlers before it creates the new ones;
// loggen creates first so that no record falls between the two.) To know
// when they have, Configure runs the garbage collector (runtime.GC) until
// the old wiring is unreachable, once or more while calls are still
// writing through it, so that log calls pay nothing for it; it does so
// only when there are old handlers to close.
//
// Levels given by environment variables (LevelEnv) are read first. If one
// cannot be read, or a handler cannot be created (a file that cannot be
// opened, a handler option whose variable cannot be read), Configure closes
// the handlers it made, returns an error naming each failure, and leaves
// the running configuration, its context extractor included, untouched.
func Configure(c *Config) error {
	configMu.Lock()
	defer configMu.Unlock()

	c, errs := envLevels(c)
	created := map[string]Handler{}
	var order []Handler
	pending := c.Handlers
	for len(pending) > 0 {
		var deferred []HandlerConfig
		for _, hc := range pending {
			var needs []Handler
			for _, id := range hc.Needs {
				if h := created[id]; h != nil {
					needs = append(needs, h)
				}
			}
			if len(needs) < len(hc.Needs) {
				deferred = append(deferred, hc)
				continue
			}
			var h Handler
			var err error
			if hc.NewFrom != nil {
				h, err = hc.NewFrom(needs)
			} else {
				h, err = hc.New()
			}
			if err != nil {
				if !isEnvError(err) { // an *envvar.Error says where it is itself
					err = fmt.Errorf("unable to configure handler %q: %w", hc.ID, err)
				}
				errs = append(errs, err)
				continue
			}
			if s, ok := h.(handlerSetup); ok {
				s.SetLevel(hc.Level)
				s.SetFormatter(hc.Formatter)
				for _, f := range hc.Filters {
					s.AddFilter(bindFilter(f, h, nil))
				}
			}
			if n, ok := h.(handlerNamer); ok {
				n.setName(hc.ID)
			}
			created[hc.ID] = h
			order = append(order, h)
		}
		if len(deferred) == len(pending) {
			for _, hc := range deferred {
				errs = append(errs, fmt.Errorf("unable to configure handler %q: it needs %q, which could not be created", hc.ID, hc.Needs))
			}
			break
		}
		pending = deferred
	}
	if fl := newFloodFlusher(c); fl != nil {
		order = append(order, fl) // flushed first, before the handlers it writes to
	}
	for _, lc := range append(c.Loggers, rootConfig(c)...) {
		for _, id := range lc.Handlers {
			if _, ok := created[id]; !ok && !declared(c, id) {
				errs = append(errs, fmt.Errorf("logger %q: no handler %q", lc.Name, id))
			}
		}
	}
	if len(errs) > 0 {
		closeAll(order)
		return errors.Join(errs...)
	}

	if c.Context != nil {
		setConfiguredExtractor(c.Context)
	}
	tree.mu.Lock()
	old := weak.Make(tree.gen)
	live := tree.live
	tree.gen = &generation{}
	tree.live = order
	tree.named = created

	// Python's DictConfigurator.configure and _handle_existing_loggers:
	// existing is taken before any logger is configured; each configured
	// name found in it marks the names below it as children and leaves it.
	// What is left at the end is either a child (reset, its disabled flag
	// and filters untouched) or disabled per DisableExistingLoggers. A
	// placeholder is left alone in both cases: in Python its flags go away
	// when a logger replaces it.
	existing, placeholder := existingNames()
	children := map[string]bool{}
	for _, lc := range c.Loggers {
		if i := sort.SearchStrings(existing, lc.Name); i < len(existing) && existing[i] == lc.Name {
			// The names that start with name+"." are contiguous in sorted
			// order, after name and anything like name+"-x" that sorts
			// between (CPython's issue 11424).
			prefix := lc.Name + "."
			for _, n := range existing[sort.SearchStrings(existing, prefix):] {
				if !strings.HasPrefix(n, prefix) {
					break
				}
				children[n] = true
			}
			existing = append(existing[:i:i], existing[i+1:]...)
		}
		l := getLocked(lc.Name)
		configureLogger(l, &lc, created)
		l.disabled = false
		if lc.PropagateSet {
			l.propagate = lc.Propagate
		}
	}
	for _, n := range existing {
		if placeholder[n] {
			continue
		}
		l := tree.loggers[n]
		if children[n] {
			l.level = NOTSET
			l.handlers = nil
			l.propagate = true
		} else {
			l.disabled = c.DisableExistingLoggers
		}
	}
	if c.Root != nil {
		configureLogger(tree.root, c.Root, created)
	}
	refreshAll()
	tree.mu.Unlock()

	// Python's _clearExistingHandlers: the previous configuration's
	// handlers are flushed and closed, newest first, once no call uses them.
	if len(live) > 0 {
		retire(old)
		closeAll(live)
	}
	return nil
}

// envLevels returns c with the levels that environment variables give
// read into Level (in a copy, so that c can be applied again), and the
// errors of those that cannot be read.
func envLevels(c *Config) (*Config, []error) {
	if !slices.ContainsFunc(c.Handlers, func(hc HandlerConfig) bool { return hc.LevelEnv != nil }) &&
		!slices.ContainsFunc(c.Loggers, func(lc LoggerConfig) bool { return lc.LevelEnv != nil }) &&
		(c.Root == nil || c.Root.LevelEnv == nil) {
		return c, nil
	}
	d := *c
	d.Handlers = slices.Clone(c.Handlers)
	d.Loggers = slices.Clone(c.Loggers)
	if c.Root != nil {
		r := *c.Root
		d.Root = &r
	}
	var errs []error
	for i := range d.Handlers {
		errs = setEnvLevel(errs, &d.Handlers[i].Level, d.Handlers[i].LevelEnv)
	}
	for i := range d.Loggers {
		errs = setEnvLevel(errs, &d.Loggers[i].Level, d.Loggers[i].LevelEnv)
	}
	if d.Root != nil {
		errs = setEnvLevel(errs, &d.Root.Level, d.Root.LevelEnv)
	}
	return &d, errs
}

// setEnvLevel sets *l from v, if v is not nil, and returns errs with the
// error if the variable cannot be read.
func setEnvLevel(errs []error, l *Level, v *envvar.Var) []error {
	if v == nil {
		return errs
	}
	if err := envvar.SetLevel(l, *v); err != nil {
		errs = append(errs, err)
	}
	return errs
}

// isEnvError reports whether err is, or joins, an *envvar.Error.
func isEnvError(err error) bool {
	var e *envvar.Error
	return errors.As(err, &e)
}

func rootConfig(c *Config) []LoggerConfig {
	if c.Root == nil {
		return nil
	}
	return []LoggerConfig{*c.Root}
}

// declared reports whether id names a handler of c (one that failed to be
// created, when Configure calls it).
func declared(c *Config, id string) bool {
	for _, hc := range c.Handlers {
		if hc.ID == id {
			return true
		}
	}
	return false
}

// configureLogger is Python's common_logger_config for a full configuration:
// level if given, handlers replaced, filters added. tree.mu must be held.
func configureLogger(l *Logger, lc *LoggerConfig, handlers map[string]Handler) {
	if lc.LevelSet {
		l.level = lc.Level
	}
	l.handlers = nil
	for _, id := range lc.Handlers {
		if h := handlers[id]; h != nil {
			l.addHandlerLocked(h)
		}
	}
	l.filters = append(l.filters[:len(l.filters):len(l.filters)], bindFilters(lc.Filters, l)...)
}

// An IncrementalConfig changes levels and propagation of a running
// configuration, as dictConfig does with incremental: true.
type IncrementalConfig struct {
	// Handlers maps handler ids of the current configuration to new levels.
	Handlers []HandlerLevel
	// Loggers are updated in this order; "" or "root" is the root logger.
	Loggers []LoggerConfig
	// Root, when not nil, updates the root logger last.
	Root *LoggerConfig
}

// A HandlerLevel sets the level of one handler of the current configuration.
type HandlerLevel struct {
	ID    string
	Level Level
	// LevelEnv, when not nil, gives the level instead of Level, as in
	// HandlerConfig.
	LevelEnv *envvar.Var
}

// ConfigureIncremental applies an incremental configuration. Unlike Python,
// it reads the levels that environment variables give and checks every
// handler id before changing anything, so a bad id or variable changes
// nothing.
func ConfigureIncremental(c *IncrementalConfig) error {
	configMu.Lock()
	defer configMu.Unlock()
	c, errs := envIncremental(c)
	tree.mu.Lock()
	defer tree.mu.Unlock()
	for _, hl := range c.Handlers {
		if tree.named[hl.ID] == nil {
			errs = append(errs, fmt.Errorf("no handler found with name %q", hl.ID))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, hl := range c.Handlers {
		tree.named[hl.ID].SetLevel(hl.Level)
	}
	for _, lc := range c.Loggers {
		l := getLocked(lc.Name)
		if lc.LevelSet {
			l.level = lc.Level
		}
		l.disabled = false
		if lc.PropagateSet {
			l.propagate = lc.Propagate
		}
	}
	if c.Root != nil {
		if c.Root.LevelSet {
			tree.root.level = c.Root.Level
		}
	}
	refreshAll()
	return nil
}

// envIncremental is envLevels for an incremental configuration.
func envIncremental(c *IncrementalConfig) (*IncrementalConfig, []error) {
	full, errs := envLevels(&Config{Loggers: c.Loggers, Root: c.Root})
	d := &IncrementalConfig{Handlers: c.Handlers, Loggers: full.Loggers, Root: full.Root}
	if slices.ContainsFunc(c.Handlers, func(hl HandlerLevel) bool { return hl.LevelEnv != nil }) {
		d.Handlers = slices.Clone(c.Handlers)
		for i := range d.Handlers {
			errs = setEnvLevel(errs, &d.Handlers[i].Level, d.Handlers[i].LevelEnv)
		}
	}
	return d, errs
}

// ConfigureJSON applies an incremental dictConfig given as JSON, such as
// {"version": 1, "incremental": true, "loggers": {"app": {"level": "DEBUG"}}},
// so that levels can be changed at run time without generated code (from an
// admin endpoint, a signal handler, a file watcher). Handler levels, logger
// levels and propagate are applied, exactly as Python applies them;
// formatters and filters are ignored. A configuration that is not
// incremental is refused: a whole configuration must be generated by loggen.
func ConfigureJSON(data []byte) error {
	var d map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&d); err != nil {
		return fmt.Errorf("logging config: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		// Python's json.loads: "Extra data".
		return fmt.Errorf("logging config: extra data after the JSON object, at offset %d", dec.InputOffset())
	}
	return ConfigureDict(d)
}

// ConfigureDict is ConfigureJSON for a decoded dictionary (values as
// encoding/json produces them, or plain Go ints and strings).
func ConfigureDict(d map[string]any) error {
	if v, ok := intOf(d["version"]); !ok || v != 1 {
		return fmt.Errorf("logging config: version must be 1, got %v", d["version"])
	}
	if inc, _ := d["incremental"].(bool); !inc {
		return errors.New("logging config: only incremental configurations (\"incremental\": true) can be applied at run time; generate a whole configuration with loggen")
	}
	c := &IncrementalConfig{}
	var errs []error
	if hs, ok := d["handlers"].(map[string]any); ok {
		for _, id := range slices.Sorted(maps.Keys(hs)) {
			hc, _ := hs[id].(map[string]any)
			lv, present := hc["level"]
			if !present || !pyfmt.Truthy(lv) {
				continue // Python applies a handler level only if it is truthy
			}
			level, err := levelOf(lv)
			if err != nil {
				errs = append(errs, fmt.Errorf("handler %q: %w", id, err))
				continue
			}
			c.Handlers = append(c.Handlers, HandlerLevel{ID: id, Level: level})
		}
	} else if d["handlers"] != nil {
		errs = append(errs, errors.New("handlers must be an object"))
	}
	loggerCfg := func(what string, v any) (LoggerConfig, bool) {
		m, ok := v.(map[string]any)
		if !ok {
			if v != nil {
				errs = append(errs, fmt.Errorf("%s must be an object", what))
			}
			return LoggerConfig{}, false
		}
		var lc LoggerConfig
		if lv, ok := m["level"]; ok && lv != nil {
			level, err := levelOf(lv)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", what, err))
			}
			lc.Level, lc.LevelSet = level, true
		}
		if p, ok := m["propagate"]; ok && p != nil {
			b, ok := p.(bool)
			if !ok {
				errs = append(errs, fmt.Errorf("%s: propagate must be true or false", what))
			}
			lc.Propagate, lc.PropagateSet = b, true
		}
		return lc, len(m) > 0
	}
	if ls, ok := d["loggers"].(map[string]any); ok {
		// JSON objects have no order once decoded; loggers are independent
		// in an incremental configuration, so sorted order is as good.
		for _, name := range slices.Sorted(maps.Keys(ls)) {
			lc, _ := loggerCfg(fmt.Sprintf("logger %q", name), ls[name])
			lc.Name = name
			c.Loggers = append(c.Loggers, lc)
		}
	}
	if rc, nonEmpty := loggerCfg("root", d["root"]); nonEmpty {
		c.Root = &rc
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return ConfigureIncremental(c)
}

func intOf(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) {
			return int64(x), true
		}
	case json.Number:
		i, err := x.Int64()
		return i, err == nil
	}
	return 0, false
}

// levelOf converts a level given as an int or a registered name, as
// Python's _checkLevel does.
func levelOf(v any) (Level, error) {
	if s, ok := v.(string); ok {
		if l, ok := level.Parse(s); ok {
			return l, nil
		}
		return 0, fmt.Errorf("unknown level: %q", s)
	}
	if i, ok := intOf(v); ok {
		return Level(i), nil
	}
	return 0, fmt.Errorf("level not an integer or a name: %v", v)
}
