// Package graph shows the wiring of a checked logging configuration: the
// logger tree with its placeholders, each logger's level, effective level,
// handlers and filters, and the route a record takes from a logger name,
// by Python's rules. It writes the tree as Graphviz DOT (DOT) or as a
// Mermaid flowchart (Mermaid), and a route as text for terminals
// (Explain). The same configuration gives the same bytes.
//
// The wiring is the one a program has once the configuration is applied
// at its start, as loggen's generated Configure and Python's dictConfig
// apply it: the root key after the loggers, the root logger at WARNING
// unless set.
package graph

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/level"
)

// A Wiring is the logger tree of a configuration, with its handlers and
// filters.
type Wiring struct {
	// Source is the configuration file's name.
	Source string
	// Root is the root logger.
	Root *Logger
	// Loggers are the configured loggers and the placeholders above them,
	// root first, then sorted by name.
	Loggers []*Logger
	// Handlers are the handlers, in document order.
	Handlers []*Handler
	// Filters are the filters, in document order.
	Filters []*Filter
	// DisableExistingLoggers is the configuration's key: loggers that
	// exist before it is applied and that it does not configure (nor one
	// of their ancestors) are disabled.
	DisableExistingLoggers bool

	byName map[string]*Logger
}

// A Logger is a node of the tree: a logger, or a placeholder, the dotted
// prefix of a logger's name that no logger has (Python's PlaceHolder).
type Logger struct {
	Name string // "" for the root logger
	// Configured reports that the configuration names the logger.
	Configured bool
	// Placeholder reports that the node is a prefix of other names and
	// not a logger: Python's parent links skip it.
	Placeholder bool
	// Level is the logger's own level: NOTSET when not set, except for
	// the root logger, which is WARNING unless the configuration sets it.
	Level level.Level
	// LevelSet reports that the configuration sets Level.
	LevelSet bool
	// Propagate reports that records go on to the ancestors' handlers.
	Propagate bool
	Handlers  []*Handler
	Filters   []*Filter
	// Pos is where the configuration names the logger.
	Pos model.Pos

	parent   *Logger // the nearest ancestor that is a logger (nil for root)
	up       *Logger // the nearest ancestor node, placeholder or not
	children []*Logger
}

// DisplayName returns the logger's name as Python's logger.name has it:
// "root" for the root logger.
func (l *Logger) DisplayName() string {
	if l.Name == "" {
		return "root"
	}
	return l.Name
}

// Parent returns the nearest ancestor that is a logger, as Python's
// logger.parent: placeholders are skipped. It is nil for the root logger.
func (l *Logger) Parent() *Logger { return l.parent }

// Effective returns the logger's effective level, Python's
// getEffectiveLevel, and the logger that sets it: the logger itself or
// the nearest ancestor whose level is not NOTSET (nil when none is, and
// the level is NOTSET).
func (l *Logger) Effective() (level.Level, *Logger) {
	for c := l; c != nil; c = c.parent {
		if c.Level != level.NOTSET {
			return c.Level, c
		}
	}
	return level.NOTSET, nil
}

// A Handler is a handler of the configuration.
type Handler struct {
	ID string
	// Class is the Python class ("logging.StreamHandler"), or the Go
	// factory or type (importpath.Name).
	Class string
	// Level is the handler's level (NOTSET unless set).
	Level level.Level
	// Formatter is the handler's formatter, nil for the default one
	// ("%(message)s").
	Formatter *model.Formatter
	Filters   []*Filter
	// Dest says where the handler writes, in a few words ("stdout",
	// "app.log", "localhost:514"); "" when the class does not say.
	Dest string
	// Target is the handler a MemoryHandler flushes into; Queue are the
	// handlers a QueueHandler's listener passes records to, with their
	// levels only if RespectLevel.
	Target       *Handler
	Queue        []*Handler
	RespectLevel bool
	// Capacity and FlushLevel are a MemoryHandler's.
	Capacity   int64
	FlushLevel level.Level
	// Pos is where the configuration defines the handler.
	Pos model.Pos
}

// ShortClass returns the class without its module: "StreamHandler",
// "handlers.RotatingFileHandler" as "RotatingFileHandler", a Go name as
// it is.
func (h *Handler) ShortClass() string {
	if strings.Contains(h.Class, "/") {
		return h.Class
	}
	return h.Class[strings.LastIndexByte(h.Class, '.')+1:]
}

// A Filter is a filter of the configuration.
type Filter struct {
	ID string
	// Name is a logging.Filter's name: it passes records of this logger
	// and of the loggers below it ("" passes all).
	Name string
	// Factory is the Go function that makes the filter
	// (importpath.Name), "" for a logging.Filter.
	Factory string
	// Class is the loggen filter class of the filter
	// ("loggen.RateLimitFilter"), "" for a logging.Filter, and Settings
	// the keys the entry gives ("rate=10 burst=5").
	Class, Settings string
}

// Passes reports whether the filter passes a record of the logger name,
// as logging.Filter.filter decides, and whether that is known: a Go
// filter decides at run time.
func (f *Filter) Passes(name string) (pass, known bool) {
	if f.Factory != "" || f.Class != "" {
		return false, false
	}
	if name == "" {
		name = "root"
	}
	if f.Name == "" || f.Name == name {
		return true, true
	}
	return strings.HasPrefix(name, f.Name+"."), true
}

// Describe says what the filter passes.
func (f *Filter) Describe() string {
	switch {
	case f.Factory != "":
		return "Go filter " + f.Factory
	case f.Class != "" && f.Settings != "":
		return f.Class + " (" + f.Settings + ")"
	case f.Class != "":
		return f.Class
	case f.Name == "":
		return "logging.Filter passing every record"
	}
	return fmt.Sprintf("logging.Filter passing %s and below", f.Name)
}

// ErrIncremental is New's error for an incremental configuration, which
// changes the levels of a running configuration and has no wiring of its
// own.
var ErrIncremental = errors.New("an incremental configuration changes the levels and propagation of a running configuration: it has no wiring of its own to show")

// New returns the wiring of a checked configuration.
func New(cfg *model.Config) (*Wiring, error) {
	if cfg.Incremental {
		return nil, ErrIncremental
	}
	w := &Wiring{Source: cfg.Source, DisableExistingLoggers: cfg.DisableExistingLoggers, byName: map[string]*Logger{}}
	filters := map[string]*Filter{}
	for _, f := range cfg.Filters {
		wf := &Filter{ID: f.ID, Name: f.Name}
		if f.Factory != nil {
			wf.Factory = f.Factory.Pkg + "." + f.Factory.Name
		}
		if f.Class != nil {
			wf.Class = f.Class.Name
			var settings []string
			for _, o := range f.Options {
				settings = append(settings, fmt.Sprintf("%s=%v", o.Key, o.Value))
			}
			wf.Settings = strings.Join(settings, " ")
		}
		filters[f.ID] = wf
		w.Filters = append(w.Filters, wf)
	}
	formatters := map[string]*model.Formatter{}
	for _, f := range cfg.Formatters {
		formatters[f.ID] = f
	}
	handlers := map[string]*Handler{}
	for _, h := range cfg.Handlers {
		wh := &Handler{ID: h.ID, Level: h.Level.Level, Formatter: formatters[h.Formatter], Pos: h.Pos}
		for _, id := range h.Filters {
			wh.Filters = append(wh.Filters, filters[id])
		}
		switch {
		case h.Factory != nil:
			wh.Class = h.Factory.Pkg + "." + h.Factory.Name
		case h.Class != nil:
			wh.Class = h.Class.Name
			wh.Dest = dest(h)
		}
		handlers[h.ID] = wh
		w.Handlers = append(w.Handlers, wh)
	}
	for _, h := range cfg.Handlers {
		wh := handlers[h.ID]
		if h.Class == nil {
			continue
		}
		for _, o := range h.Options {
			switch o.Key {
			case "target":
				if id, ok := o.Value.(string); ok {
					wh.Target = handlers[id]
				}
			case "handlers":
				if ids, ok := o.Value.([]string); ok && h.Class.Name == "logging.handlers.QueueHandler" {
					for _, id := range ids {
						wh.Queue = append(wh.Queue, handlers[id])
					}
				}
			case "respect_handler_level":
				wh.RespectLevel, _ = o.Value.(bool)
			case "capacity":
				wh.Capacity, _ = o.Value.(int64)
			}
		}
		switch h.Class.Name {
		case "logging.handlers.MemoryHandler":
			wh.FlushLevel = level.ERROR
			if o, ok := h.Option("flushLevel"); ok {
				wh.FlushLevel, _ = o.Value.(level.Level)
			}
			wh.Dest = fmt.Sprintf("buffer of %d, flushed at %s", wh.Capacity, wh.FlushLevel)
			if wh.Target == nil {
				wh.Dest += ", discarded (no target)"
			}
		case "logging.handlers.QueueHandler":
			wh.Dest = "queue"
		case "logging.NullHandler":
			wh.Dest = "nothing"
		}
	}

	w.Root = &Logger{Name: "", Level: level.WARNING, Propagate: true}
	w.byName[""] = w.Root
	// configure is Python's common_logger_config: the level if given,
	// the handlers replaced, the filters added.
	configure := func(l *Logger, ml *model.Logger) {
		l.Configured = true
		if l.Pos == (model.Pos{}) {
			l.Pos = ml.Pos
		}
		if ml.Level.Set {
			l.Level, l.LevelSet = ml.Level.Level, true
		}
		l.Handlers = nil
		for _, id := range ml.Handlers {
			if h := handlers[id]; h != nil && !slices.Contains(l.Handlers, h) {
				l.Handlers = append(l.Handlers, h)
			}
		}
		for _, id := range ml.Filters {
			if f := filters[id]; f != nil && !slices.Contains(l.Filters, f) {
				l.Filters = append(l.Filters, f)
			}
		}
		if ml.Propagate != nil && ml.Name != "" {
			l.Propagate = *ml.Propagate
		}
	}
	for _, ml := range cfg.Loggers {
		l := w.Root
		if ml.Name != "" {
			l = &Logger{Name: ml.Name, Propagate: true}
			w.byName[ml.Name] = l
		}
		configure(l, ml)
	}
	if cfg.Root != nil {
		configure(w.Root, cfg.Root)
	}
	names := make([]string, 0, len(w.byName))
	for n := range w.byName {
		names = append(names, n)
	}
	for _, n := range names {
		w.addPlaceholders(n)
	}
	w.link()
	return w, nil
}

// addPlaceholders adds a placeholder for each dotted prefix of name that
// has no node.
func (w *Wiring) addPlaceholders(name string) {
	for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
		p := name[:i]
		if _, ok := w.byName[p]; !ok {
			w.byName[p] = &Logger{Name: p, Placeholder: true, Propagate: true}
		}
	}
}

// link sorts the nodes and sets their parent links.
func (w *Wiring) link() {
	w.Loggers = w.Loggers[:0]
	for _, l := range w.byName {
		w.Loggers = append(w.Loggers, l)
		l.children = nil
	}
	sort.Slice(w.Loggers, func(i, j int) bool { return w.Loggers[i].Name < w.Loggers[j].Name })
	for _, l := range w.Loggers {
		if l.Name == "" {
			continue
		}
		l.up, l.parent = w.Root, w.Root
		found := false
		for i := strings.LastIndexByte(l.Name, '.'); i > 0; i = strings.LastIndexByte(l.Name[:i], '.') {
			a := w.byName[l.Name[:i]]
			if !found {
				l.up, found = a, true
			}
			if !a.Placeholder {
				l.parent = a
				break
			}
		}
		l.up.children = append(l.up.children, l)
	}
}

// Logger returns the node named name ("" or "root" for the root logger),
// or nil.
func (w *Wiring) Logger(name string) *Logger {
	if name == "root" {
		name = ""
	}
	return w.byName[name]
}

// ValidName reports whether name can name a logger here: "" or "root"
// for the root logger, or the names a configuration may give
// (model.ValidLoggerName).
func ValidName(name string) bool { return model.ValidLoggerName(name) }

// WithLogger returns a copy of the wiring in which name is a logger, as
// after Python's getLogger(name) (logging.Get in Go): a logger that the
// configuration does not name is created at NOTSET, without handlers or
// filters, propagating, and placeholders above it are added; a
// placeholder becomes such a logger. The wiring itself is not changed.
func (w *Wiring) WithLogger(name string) (*Wiring, *Logger) {
	if name == "root" {
		name = ""
	}
	c := *w
	c.byName = map[string]*Logger{}
	for n, l := range w.byName {
		cl := *l
		c.byName[n] = &cl
	}
	c.Root = c.byName[""]
	l := c.byName[name]
	switch {
	case l == nil:
		l = &Logger{Name: name, Propagate: true}
		c.byName[name] = l
		c.addPlaceholders(name)
	case l.Placeholder:
		l.Placeholder = false
	}
	c.Loggers = nil
	c.link()
	return &c, l
}

// dest says where a handler of a standard class writes.
func dest(h *model.Handler) string {
	opt := func(key string) (any, bool) {
		o, ok := h.Option(key)
		return o.Value, ok
	}
	switch h.Class.Name {
	case "logging.StreamHandler":
		if v, ok := opt("stream"); ok {
			switch v := v.(type) {
			case model.Stream:
				return string(v)
			case *model.GoRef:
				return v.Pkg + "." + v.Name
			}
		}
		return "stderr"
	case "logging.FileHandler", "logging.handlers.WatchedFileHandler",
		"logging.handlers.RotatingFileHandler", "logging.handlers.TimedRotatingFileHandler":
		if v, ok := opt("filename"); ok {
			return fmt.Sprint(v)
		}
	case "logging.handlers.SocketHandler", "logging.handlers.DatagramHandler":
		host, _ := opt("host")
		port, _ := opt("port")
		if port == nil {
			return fmt.Sprint(host)
		}
		return fmt.Sprintf("%v:%v", host, port)
	case "logging.handlers.SysLogHandler":
		if v, ok := opt("address"); ok {
			return address(v.(model.Address))
		}
		return "localhost:514"
	case "logging.handlers.SMTPHandler":
		to, _ := opt("toaddrs")
		host, _ := opt("mailhost")
		list, _ := to.([]string)
		a, _ := host.(model.Address)
		return strings.Join(list, ", ") + " via " + address(a)
	case "logging.handlers.HTTPHandler":
		host, _ := opt("host")
		url, _ := opt("url")
		method := "GET"
		if m, ok := opt("method"); ok {
			method = strings.ToUpper(fmt.Sprint(m))
		}
		scheme := "http"
		if s, ok := opt("secure"); ok && s == true {
			scheme = "https"
		}
		return fmt.Sprintf("%s %s://%v%v", method, scheme, host, url)
	}
	return ""
}

// address writes an address as "host:port" or as its string.
func address(a model.Address) string {
	if a.Host != "" {
		return fmt.Sprintf("%s:%d", a.Host, a.Port)
	}
	return a.Str
}
