package runtime

import (
	"math"
	goruntime "runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"weak"
)

// A Logger is a named channel for records, Python's logging.Logger. Loggers
// form a tree by their dotted names: "a.b" is a child of "a", and every
// logger descends from the root logger. Get returns the one Logger of a name;
// all methods are safe for concurrent use.
//
// A call at a level the logger does not pass costs one atomic load. The
// logger keeps its effective level and its route (the handlers a record
// reaches, found by walking up the tree) precomputed, and recomputes them
// whenever a level, a handler list or the configuration changes.
type Logger struct {
	name string
	// threshold is the lowest level a call must have to be handled: the
	// effective level (at least 1, as level 0 is never logged), or
	// math.MaxInt32 for a disabled logger.
	threshold atomic.Int32
	route     atomic.Pointer[route]

	// Guarded by tree.mu.
	level     Level
	propagate bool
	disabled  bool
	handlers  []Handler
	filters   []Filter
	parent    *Logger
	stackInfo Level // SetStackInfo's level; NOTSET: inherit
	// children are the loggers whose parent is this one, and possibly
	// loggers that have since moved below a logger made between (their
	// parent is no longer this one: readers skip them).
	children []*Logger
	// declared marks a logger that only a generated package's variable has
	// asked for (Declare): it does not count as existing for
	// disable_existing_loggers until Get or a configuration names it.
	declared bool
}

// A route is what a record of one logger goes through: the logger's own
// filters, then the handlers of the logger and its ancestors up to the first
// that does not propagate. Routes are immutable; a change publishes new ones.
type route struct {
	gen        *generation
	filters    []Filter
	handlers   []Handler
	needCaller bool
	// stackInfo is the lowest level whose records carry stack_info (the
	// first SetStackInfo level up the tree), or NOTSET for none.
	stackInfo Level
	// needTime reports that a filter or handler of the route may read the
	// record's time, so that the logger reads the clock when it makes the
	// record (Python's created). Otherwise it does not; whatever asks all
	// the same gets the time of its asking (see Record.when).
	needTime bool
}

// A generation is one full configuration: the routes of a configuration
// point to it. A log call holds the route it took until it returns, and
// so the generation; once none does, the generation is garbage. That is
// how a reconfiguration knows that the calls still using the old handlers
// have returned before it closes them (see retire), without a log call
// writing anything shared.
type generation struct {
	// _ gives the struct a pointer, so that it is not a pointer-free
	// object of the runtime's tiny allocator, which frees objects in
	// batches and so may keep one long after it became garbage.
	_ *byte
}

// tree holds every logger and the handlers of the current configuration.
var tree = struct {
	mu      sync.RWMutex
	loggers map[string]*Logger
	root    *Logger
	gen     *generation
	disable Level // logging.disable; records at or below it are dropped

	// below is Python's PlaceHolder: for a dotted prefix of a logger's
	// name that is not itself a logger (yet), the loggers below it whose
	// parent is above it. A logger made at that name adopts them.
	below map[string]*placeholder

	// live lists the handlers Shutdown must flush and close, in the order
	// they were created; named maps the current configuration's handler ids.
	live  []Handler
	named map[string]Handler
}{
	loggers: map[string]*Logger{},
	gen:     &generation{},
	below:   map[string]*placeholder{},
	named:   map[string]Handler{},
}

func init() {
	tree.root = &Logger{name: "root", level: WARNING, propagate: true}
	tree.root.refreshSubtree()
}

// Root returns the root logger.
func Root() *Logger { return tree.root }

// Get returns the logger with the given name, creating it (and placing it in
// the tree) if needed, as Python's logging.getLogger does: "" and "root" name
// the root logger, and every other name, known to a configuration or not,
// gets a logger whose effective level and handlers come from its ancestors.
func Get(name string) *Logger {
	if name == "" || name == "root" {
		return tree.root
	}
	tree.mu.RLock()
	l := tree.loggers[name]
	declared := l != nil && l.declared
	tree.mu.RUnlock()
	if l != nil && !declared {
		return l
	}
	tree.mu.Lock()
	defer tree.mu.Unlock()
	return getLocked(name)
}

// Declare returns the logger with the given name, like Get, for the
// package-level variables of generated code. In Python a logger exists from
// the first getLogger call, and that matters to disable_existing_loggers; a
// declared logger starts to exist when Get or a configuration names it, so
// that linking a generated package does not change what an earlier
// configuration disables or resets. Until then it is what Python would
// have there: nothing, or a placeholder if a logger below it exists.
func Declare(name string) *Logger {
	if name == "" || name == "root" {
		return tree.root
	}
	tree.mu.Lock()
	defer tree.mu.Unlock()
	if l := tree.loggers[name]; l != nil {
		return l
	}
	l := getLocked(name)
	l.declared = true
	return l
}

func getLocked(name string) *Logger {
	if name == "" || name == "root" {
		return tree.root
	}
	if l := tree.loggers[name]; l != nil {
		l.declared = false
		return l
	}
	l := &Logger{name: name, propagate: true}
	tree.loggers[name] = l
	fixupParents(l)
	// Python's _fixupChildren: the loggers that pointed past this name
	// now hang below it.
	if ph := tree.below[name]; ph != nil {
		for _, c := range ph.loggers {
			if !isBelowOrAt(c.parent.name, name) {
				c.setParent(l)
			}
		}
		delete(tree.below, name)
	}
	l.refreshSubtree()
	return l
}

// fixupParents is Python's Manager._fixupParents: l's parent is the
// nearest logger above it, and each name between records l below it.
// tree.mu must be held for writing.
func fixupParents(l *Logger) {
	name := l.name
	parent := tree.root
	for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
		if p := tree.loggers[name[:i]]; p != nil {
			parent = p
			break
		}
		addBelow(name[:i], l)
	}
	l.setParent(parent)
}

// A placeholder is Python's PlaceHolder: the loggers below a name that is
// not a logger (yet), whose parent is above it.
type placeholder struct{ loggers []*Logger }

// addBelow records l below the placeholder name. tree.mu must be held for
// writing.
func addBelow(name string, l *Logger) {
	ph := tree.below[name]
	if ph == nil {
		ph = &placeholder{}
		tree.below[name] = ph
	}
	ph.loggers = append(ph.loggers, l)
}

// isBelowOrAt reports whether the dotted name n is name or below it.
func isBelowOrAt(n, name string) bool {
	return strings.HasPrefix(n, name) && (len(n) == len(name) || n[len(name)] == '.')
}

// setParent moves l below p. tree.mu must be held for writing.
func (l *Logger) setParent(p *Logger) {
	l.parent = p
	p.children = append(p.children, l)
}

// eachChild calls f for each logger whose parent is l, dropping those
// that have moved from l's list. tree.mu must be held for writing.
func (l *Logger) eachChild(f func(c *Logger)) {
	kept := l.children[:0]
	for _, c := range l.children {
		if c.parent == l && !contains(kept, c) {
			kept = append(kept, c)
			f(c)
		}
	}
	clear(l.children[len(kept):])
	l.children = kept
}

// contains reports whether ls holds l. Children lists repeat a logger only
// when it left the list and came back (a test restoring the tree), so the
// lists it is given are checked only while they are short.
func contains(ls []*Logger, l *Logger) bool {
	if len(ls) > 8 {
		return false
	}
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// relinkAll recomputes every logger's parent, children and the
// placeholders from the names alone, and refreshes every logger. tree.mu
// must be held for writing.
func relinkAll() {
	tree.below = map[string]*placeholder{}
	tree.root.children = nil
	for _, l := range tree.loggers {
		l.children = nil
	}
	for _, l := range tree.loggers {
		fixupParents(l)
	}
	refreshAll()
}

// refreshSubtree recomputes the derived state of l and its descendants.
// tree.mu must be held for writing.
func (l *Logger) refreshSubtree() {
	var eff Level
	for c := l.parent; c != nil; c = c.parent {
		if c.level != NOTSET {
			eff = c.level
			break
		}
	}
	var parentRoute *route
	if l.parent != nil {
		parentRoute = l.parent.route.Load()
	}
	l.refreshFrom(eff, parentRoute)
}

// refreshFrom recomputes l's threshold and route, given the effective
// level and the route of its parent, and then its descendants'.
func (l *Logger) refreshFrom(inherited Level, parentRoute *route) {
	eff := l.level
	if eff == NOTSET {
		eff = inherited
	}
	th := int64(eff)
	if min := int64(tree.disable) + 1; th < min {
		th = min
	}
	if l.disabled || th > math.MaxInt32 {
		th = math.MaxInt32
	} else if th < math.MinInt32 {
		th = math.MinInt32
	}
	l.threshold.Store(int32(th))

	var rt *route
	if len(l.handlers) == 0 && len(l.filters) == 0 && l.propagate && l.stackInfo == NOTSET &&
		parentRoute != nil && len(parentRoute.filters) == 0 && parentRoute.gen == tree.gen {
		// The same handlers as the parent's, and no filters or stack_info
		// level of its own: the parent's route serves (most loggers of a
		// large program).
		rt = parentRoute
	} else {
		rt = &route{gen: tree.gen, filters: l.filters, stackInfo: l.stackInfo}
		if rt.stackInfo == NOTSET && parentRoute != nil {
			rt.stackInfo = parentRoute.stackInfo
		}
		rt.handlers = append(rt.handlers, l.handlers...)
		if l.propagate && parentRoute != nil {
			rt.handlers = append(rt.handlers, parentRoute.handlers...)
		}
		rt.needTime = filtersReadTime(l.filters)
		for _, h := range rt.handlers {
			if nc, ok := h.(interface{ NeedsCaller() bool }); ok && nc.NeedsCaller() {
				rt.needCaller = true
			}
			if nt, ok := h.(interface{ NeedsTime() bool }); !ok || nt.NeedsTime() {
				rt.needTime = true
			}
		}
	}
	l.route.Store(rt)
	l.eachChild(func(c *Logger) { c.refreshFrom(eff, rt) })
}

func refreshAll() {
	tree.root.refreshSubtree()
}

// Name returns the logger's name; the root logger's is "root".
func (l *Logger) Name() string { return l.name }

// IsEnabledFor reports whether a record of the given level would be handled
// (Python's isEnabledFor). It is one atomic load.
func (l *Logger) IsEnabledFor(level Level) bool {
	return int64(level) >= int64(l.threshold.Load())
}

// Level returns the logger's own level (NOTSET when it inherits).
func (l *Logger) Level() Level {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	return l.level
}

// EffectiveLevel returns the first level other than NOTSET found from this
// logger up to the root (Python's getEffectiveLevel).
func (l *Logger) EffectiveLevel() Level {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	for c := l; c != nil; c = c.parent {
		if c.level != NOTSET {
			return c.level
		}
	}
	return NOTSET
}

// SetLevel sets the logger's level (Python's setLevel).
func (l *Logger) SetLevel(level Level) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	l.level = level
	l.refreshSubtree()
}

// Propagate reports whether records go on to the ancestors' handlers.
func (l *Logger) Propagate() bool {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	return l.propagate
}

// SetPropagate sets whether records go on to the ancestors' handlers.
func (l *Logger) SetPropagate(on bool) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	l.propagate = on
	l.refreshSubtree()
}

// Disabled reports whether the logger was disabled by a configuration's
// disable_existing_loggers.
func (l *Logger) Disabled() bool {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	return l.disabled
}

// AddHandler attaches h to the logger, unless it is already attached
// (Python's addHandler). Shutdown will flush and close it.
func (l *Logger) AddHandler(h Handler) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	l.addHandlerLocked(h)
	registerLive(h)
	l.refreshSubtree()
}

func (l *Logger) addHandlerLocked(h Handler) {
	for _, x := range l.handlers {
		if x == h {
			return
		}
	}
	l.handlers = append(l.handlers[:len(l.handlers):len(l.handlers)], h)
}

// RemoveHandler detaches h from the logger.
func (l *Logger) RemoveHandler(h Handler) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	var hs []Handler
	for _, x := range l.handlers {
		if x != h {
			hs = append(hs, x)
		}
	}
	l.handlers = hs
	l.refreshSubtree()
}

// Handlers returns the handlers attached to the logger itself.
func (l *Logger) Handlers() []Handler {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	return append([]Handler(nil), l.handlers...)
}

// AddFilter adds a filter that records logged on this logger (not those
// propagated from its descendants) must pass.
func (l *Logger) AddFilter(f Filter) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	l.filters = append(l.filters[:len(l.filters):len(l.filters)], f)
	l.refreshSubtree()
}

// Disable drops every record at or below level, whatever the loggers say
// (Python's logging.disable). Disable(NOTSET) undoes it.
func Disable(level Level) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	tree.disable = level
	refreshAll()
}

// The logging calls. Each checks the level first, so a disabled call costs
// one atomic load and nothing else.

// Debug logs msg at DEBUG.
func (l *Logger) Debug(msg string) {
	if l.IsEnabledFor(DEBUG) {
		l.logMsg(DEBUG, msg)
	}
}

// Info logs msg at INFO.
func (l *Logger) Info(msg string) {
	if l.IsEnabledFor(INFO) {
		l.logMsg(INFO, msg)
	}
}

// Warning logs msg at WARNING.
func (l *Logger) Warning(msg string) {
	if l.IsEnabledFor(WARNING) {
		l.logMsg(WARNING, msg)
	}
}

// Error logs msg at ERROR.
func (l *Logger) Error(msg string) {
	if l.IsEnabledFor(ERROR) {
		l.logMsg(ERROR, msg)
	}
}

// Critical logs msg at CRITICAL.
func (l *Logger) Critical(msg string) {
	if l.IsEnabledFor(CRITICAL) {
		l.logMsg(CRITICAL, msg)
	}
}

// Exception logs msg at ERROR with err, which formatters print on the lines
// after the message as Python prints the exception: its text, or its chain
// and traceback (see Record.ExcText).
func (l *Logger) Exception(err error, msg string) {
	if l.IsEnabledFor(ERROR) {
		l.log(1, ERROR, err, nil, msg, nil)
	}
}

// Log logs msg at level.
func (l *Logger) Log(level Level, msg string) {
	if l.IsEnabledFor(level) {
		l.logMsg(level, msg)
	}
}

// Debugf logs format % args at DEBUG, with Python's %-formatting rules
// (%s, %d, %r, %x, %.2f, %%...), applied only if the record is handled.
func (l *Logger) Debugf(format string, args ...any) {
	if l.IsEnabledFor(DEBUG) {
		l.logArgs(DEBUG, format, args)
	}
}

// Infof logs format % args at INFO (see Debugf).
func (l *Logger) Infof(format string, args ...any) {
	if l.IsEnabledFor(INFO) {
		l.logArgs(INFO, format, args)
	}
}

// Warningf logs format % args at WARNING (see Debugf).
func (l *Logger) Warningf(format string, args ...any) {
	if l.IsEnabledFor(WARNING) {
		l.logArgs(WARNING, format, args)
	}
}

// Errorf logs format % args at ERROR (see Debugf).
func (l *Logger) Errorf(format string, args ...any) {
	if l.IsEnabledFor(ERROR) {
		l.logArgs(ERROR, format, args)
	}
}

// Criticalf logs format % args at CRITICAL (see Debugf).
func (l *Logger) Criticalf(format string, args ...any) {
	if l.IsEnabledFor(CRITICAL) {
		l.logArgs(CRITICAL, format, args)
	}
}

// Exceptionf logs format % args at ERROR with err (see Exception).
func (l *Logger) Exceptionf(err error, format string, args ...any) {
	if l.IsEnabledFor(ERROR) {
		l.log(1, ERROR, err, nil, format, args)
	}
}

// Logf logs format % args at level (see Debugf).
func (l *Logger) Logf(level Level, format string, args ...any) {
	if l.IsEnabledFor(level) {
		l.logArgs(level, format, args)
	}
}

// LogExtra logs at level with extra record attributes (Python's
// extra={...}) and optional printf-style args. Generated code calls it with
// typed extras; depth is the number of wrapper frames between the user's
// call and LogExtra, so that funcName and lineno name the user's call.
func (l *Logger) LogExtra(depth int, level Level, err error, extra []Field, msg string, args ...any) {
	if l.IsEnabledFor(level) {
		l.log(depth+1, level, err, extra, msg, args)
	}
}

// logMsg and logArgs keep the level methods small enough to be inlined
// into their callers, so that a disabled call is one atomic load there.
//
//go:noinline
func (l *Logger) logMsg(level Level, msg string) { l.log(2, level, nil, nil, msg, nil) }

//go:noinline
func (l *Logger) logArgs(level Level, format string, args []any) {
	l.log(2, level, nil, nil, format, args)
}

// log makes a record and sends it down the logger's route. depth counts the
// frames between the user's call and log.
func (l *Logger) log(depth int, level Level, err error, extra []Field, msg string, args []any) {
	rt := l.route.Load()
	r := newRecord()
	r.Name, r.Level, r.Msg, r.Err = l.name, level, msg, err
	r.setArgs(args)
	if len(extra) > 0 {
		r.Extra = append(r.Extra, extra...)
	}
	if rt.needTime {
		r.setNs(nowNs())
	}
	if rt.needCaller {
		var pcs [1]uintptr
		goruntime.Callers(depth+2, pcs[:])
		r.pc = pcs[0]
	}
	if rt.stackInfo != NOTSET && level >= rt.stackInfo {
		r.captureStack(depth + 2)
	}
	rt.handle(r)
	// The route, and so its generation, stays reachable until here: a
	// reconfiguration waits for that before it closes the route's
	// handlers (see retire).
	goruntime.KeepAlive(rt)
	r.release()
}

// handle is Python's Logger.handle plus callHandlers, over a precomputed
// route: the origin's filters, then every handler whose level passes, then
// the last resort if no handler was found at all.
func (rt *route) handle(r *Record) {
	for _, f := range rt.filters {
		if !f.Filter(r) {
			return
		}
	}
	for _, h := range rt.handlers {
		// The handlers of this package, called without an interface call.
		switch h := h.(type) {
		case *StreamHandler:
			if r.Level >= h.Level() {
				h.Handle(r)
			}
		case *FileHandler:
			if r.Level >= h.Level() {
				h.Handle(r)
			}
		default:
			if r.Level >= h.Level() {
				h.Handle(r)
			}
		}
	}
	if len(rt.handlers) == 0 && r.Level >= lastResort.Level() {
		lastResort.Handle(r)
	}
}

// retire waits until no log call uses a route of the generation that w
// points to: routes are immutable and point to their generation, a log
// call holds its route until it returns, and once every logger has a
// route of the next generation, nothing else holds the old ones. So the
// generation becomes garbage when the last call through it returns, and
// the garbage collector, run here until it finds so, tells. A log call
// thus pays nothing for reconfiguration (no counter to increment), and a
// reconfiguration pays a collection or more, while it waits for calls
// that are still writing. tree.mu must not be held.
func retire(w weak.Pointer[generation]) {
	wait := 100 * time.Microsecond
	for {
		goruntime.GC()
		if w.Value() == nil {
			return
		}
		time.Sleep(wait)
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// existingNames returns the names of Python's root.manager.loggerDict at
// this moment, sorted: every logger that exists (one that Get or a
// configuration has named; a declared logger does not count) and every
// placeholder, a dotted prefix of such a name that is not an existing logger
// itself. placeholder holds the placeholders. tree.mu must be held.
//
// A placeholder is computed rather than recorded, because whether a name is
// one depends on which loggers exist: a logger that generated code declared
// below a name does not make it a placeholder, and a declared logger above
// an existing one is a placeholder until something names it (Python would
// have made a PlaceHolder there, and a Logger only at getLogger).
func existingNames() (names []string, placeholder map[string]bool) {
	placeholder = map[string]bool{}
	for n, l := range tree.loggers {
		if l.declared {
			continue
		}
		names = append(names, n)
		// Python's Manager._fixupParents: every prefix before a dot (not
		// at position 0) is in loggerDict.
		for i := strings.LastIndexByte(n, '.'); i > 0; i = strings.LastIndexByte(n[:i], '.') {
			p := n[:i]
			if a := tree.loggers[p]; (a == nil || a.declared) && !placeholder[p] {
				placeholder[p] = true
				names = append(names, p)
			}
		}
	}
	sort.Strings(names)
	return names, placeholder
}
