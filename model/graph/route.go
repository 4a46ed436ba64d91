package graph

import (
	"slices"
	"strconv"
	"strings"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/level"
)

// A Route is what a record logged to one logger goes through, by Python's
// rules (Logger.isEnabledFor, Logger.handle, Logger.callHandlers): the
// logger's effective level, the logger's own filters (not its ancestors'),
// then the handlers of the logger and of each ancestor up to the first
// that does not propagate, each with its own level and filters; the last
// resort when there is no handler at all.
type Route struct {
	// Wiring is the wiring the route runs through: the configuration's,
	// with the logger added when the configuration does not name it.
	Wiring *Wiring
	// Logger is the logger the record is logged to.
	Logger *Logger
	// Effective is the logger's effective level, set by From (nil when
	// every level up to the root is NOTSET).
	Effective level.Level
	From      *Logger
	// Steps are the loggers whose handlers Python calls, in order.
	Steps []Step
	// StoppedAt is the logger whose propagate is false, where the route
	// ends; nil when it reaches the root logger.
	StoppedAt *Logger
}

// A Step is one logger of a route and its handlers.
type Step struct {
	Logger   *Logger
	Handlers []*Handler
}

// LastResort reports whether no handler is on the route, so that Python's
// logging.lastResort (stderr, level WARNING, the message alone) handles
// the records.
func (r *Route) LastResort() bool {
	for _, s := range r.Steps {
		if len(s.Handlers) > 0 {
			return false
		}
	}
	return true
}

// LastResortLevel is the level of Python's logging.lastResort.
const LastResortLevel = level.WARNING

// Route returns the route of a record logged to the logger name ("" or
// "root" for the root logger), which the configuration need not name.
func (w *Wiring) Route(name string) *Route {
	cw, l := w.WithLogger(name)
	r := &Route{Wiring: cw, Logger: l}
	r.Effective, r.From = l.Effective()
	for c := l; c != nil; c = c.parent {
		r.Steps = append(r.Steps, Step{Logger: c, Handlers: c.Handlers})
		if !c.Propagate && c.parent != nil {
			r.StoppedAt = c
			break
		}
	}
	return r
}

// Threshold is the lowest level a record must have to be handled: the
// effective level, and at least 1 (a record at level 0 is never handled).
func (r *Route) Threshold() level.Level { return max(r.Effective, 1) }

// MayBeDisabled reports whether the logger, had it existed before the
// configuration was applied (a module-level getLogger in Python,
// logging.Get before Configure in Go), would be disabled by
// disable_existing_loggers: it is not configured, and neither is any
// ancestor other than the root logger.
func (r *Route) MayBeDisabled() bool {
	if !r.Wiring.DisableExistingLoggers || r.Logger.Name == "" || r.Logger.Configured {
		return false
	}
	for c := r.Logger.parent; c != nil; c = c.parent {
		if c.Name != "" && c.Configured {
			return false
		}
	}
	return true
}

// A Verdict says whether a record gets through a step of a route.
type Verdict int

// The verdicts.
const (
	Passes  Verdict = iota // it gets through
	Fails                  // it does not
	Unknown                // a Go filter decides at run time
)

// filtersVerdict returns the verdict of filters on a record of the logger
// name, with the first filter that refuses it or that decides at run time.
func filtersVerdict(fs []*Filter, name string) (Verdict, *Filter) {
	var unknown *Filter
	for _, f := range fs {
		pass, known := f.Passes(name)
		switch {
		case !known && unknown == nil:
			unknown = f
		case known && !pass:
			return Fails, f
		}
	}
	if unknown != nil {
		return Unknown, unknown
	}
	return Passes, nil
}

// An Emit is a handler that emits a record, and how it gets there.
type Emit struct {
	Handler *Handler
	// Step is the logger on whose handler list the record met Handler,
	// or through whose handler it came (Via).
	Step *Logger
	// Via is the MemoryHandler or QueueHandler the record came through,
	// nil when the logger's handler emits it itself.
	Via *Handler
	// Again reports that the handler emitted the record before, on
	// another logger of the route: the record is emitted twice.
	Again bool
	// Maybe reports that a Go filter decides at run time.
	Maybe bool
}

// Outcome is what becomes of a record of level lv on the route.
type Outcome struct {
	// Dropped, when not empty, says why the record is not handled at all.
	Dropped string
	// Emits are the handlers that emit the record, in order.
	Emits []Emit
	// LastResort reports that the last resort prints the record.
	LastResort bool
}

// Outcome returns what becomes of a record of level lv on the route.
func (r *Route) Outcome(lv level.Level) Outcome {
	var o Outcome
	if lv < r.Threshold() {
		if lv <= 0 {
			o.Dropped = "a record at level 0 (NOTSET) is never handled"
		} else {
			o.Dropped = "below the effective level " + levelText(r.Effective)
		}
		return o
	}
	name := r.Logger.Name
	maybe := false
	switch v, f := filtersVerdict(r.Logger.Filters, name); v {
	case Fails:
		o.Dropped = "refused by the logger's filter " + f.ID
		return o
	case Unknown:
		maybe = true
	}
	var seen []*Handler
	add := func(e Emit) {
		e.Again = slices.Contains(seen, e.Handler)
		seen = append(seen, e.Handler)
		o.Emits = append(o.Emits, e)
	}
	for _, s := range r.Steps {
		for _, h := range s.Handlers {
			if lv < h.Level {
				continue
			}
			v, _ := filtersVerdict(h.Filters, name)
			if v == Fails {
				continue
			}
			m := maybe || v == Unknown
			switch {
			case h.Target != nil:
				// Flushed into the target: its filters apply, not its
				// level.
				if tv, _ := filtersVerdict(h.Target.Filters, name); tv != Fails {
					add(Emit{Handler: h.Target, Step: s.Logger, Via: h, Maybe: m || tv == Unknown})
				}
			case len(h.Queue) > 0:
				for _, q := range h.Queue {
					if h.RespectLevel && lv < q.Level {
						continue
					}
					if qv, _ := filtersVerdict(q.Filters, name); qv != Fails {
						add(Emit{Handler: q, Step: s.Logger, Via: h, Maybe: m || qv == Unknown})
					}
				}
			default:
				add(Emit{Handler: h, Step: s.Logger, Maybe: m})
			}
		}
	}
	o.LastResort = r.LastResort() && lv >= LastResortLevel
	if r.LastResort() && !o.LastResort {
		o.Dropped = "no handler on the route, and the last resort takes WARNING and above"
	}
	return o
}

// Levels returns the levels to show outcomes for: the five standard ones
// and every other level the configuration sets, in order.
func (w *Wiring) Levels() []level.Level {
	lvs := []level.Level{level.DEBUG, level.INFO, level.WARNING, level.ERROR, level.CRITICAL}
	add := func(l level.Level) {
		if l > 0 && !slices.Contains(lvs, l) {
			lvs = append(lvs, l)
		}
	}
	for _, l := range w.Loggers {
		if l.LevelSet {
			add(l.Level)
		}
	}
	for _, h := range w.Handlers {
		add(h.Level)
	}
	slices.Sort(lvs)
	return lvs
}

// levelText writes a level as labels show it: its name, or its number
// when it has none ("25" rather than Python's "Level 25").
func levelText(l level.Level) string {
	s := l.String()
	if strings.HasPrefix(s, "Level ") {
		return strconv.Itoa(int(l))
	}
	return s
}

// formatText returns the format a handler's records are written with.
func formatText(f *model.Formatter) string {
	switch {
	case f == nil:
		return "%(message)s"
	case f.Factory != nil:
		return "Go formatter " + f.Factory.Pkg + "." + f.Factory.Name
	case f.Format != nil:
		return f.Format.Raw
	}
	return ""
}
