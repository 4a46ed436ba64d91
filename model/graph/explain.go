package graph

import (
	"fmt"
	"io"
	"strings"

	"github.com/loggen/loggen/runtime/level"
)

// Explain writes the route in text, for a terminal: the logger's
// effective level and where it comes from, its filters, the handlers
// Python calls in order (each with its level, formatter and filters), how
// far propagation goes, and, for each level, the handlers that emit a
// record of that level.
func (r *Route) Explain(out io.Writer) error {
	var b strings.Builder
	l := r.Logger
	status := "not in the configuration: a logger that getLogger (logging.Get in Go) creates"
	switch {
	case l.Configured:
		status = "configured at " + l.Pos.String()
	case l.Name == "":
		status = "not configured"
	}
	fmt.Fprintf(&b, "logger %s (%s)\n", l.DisplayName(), status)
	fmt.Fprintf(&b, "  effective level: %s\n", r.levelSource())
	if r.MayBeDisabled() {
		fmt.Fprintf(&b, "  note: if the logger exists before the configuration is applied (a module-level\n"+
			"  getLogger in Python, logging.Get before Configure in Go), disable_existing_loggers\n"+
			"  disables it and it logs nothing\n")
	}
	if len(l.Filters) == 0 {
		fmt.Fprintf(&b, "  filters: none\n")
	} else {
		fmt.Fprintf(&b, "  filters (of this logger only):\n")
		for _, f := range l.Filters {
			fmt.Fprintf(&b, "    %s: %s, %s\n", f.ID, f.Describe(), filterResult(f, l.Name))
		}
	}
	fmt.Fprintf(&b, "  route: %s\n", r.path())
	if r.LastResort() {
		fmt.Fprintf(&b, "  handlers: none on the route: records of %s and above go to the last resort\n"+
			"    (stderr, the message alone)\n", LastResortLevel)
	} else {
		fmt.Fprintf(&b, "  handlers, in the order Python calls them:\n")
		var seen []*Handler
		for _, s := range r.Steps {
			for _, h := range s.Handlers {
				again := ""
				for _, x := range seen {
					if x == h {
						again = " (again: it emits the record once more)"
					}
				}
				seen = append(seen, h)
				fmt.Fprintf(&b, "    %s, on %s%s\n", h.ID, s.Logger.DisplayName(), again)
				writeHandler(&b, h, l.Name, "      ")
			}
		}
	}
	fmt.Fprintf(&b, "  a record of each level:\n")
	for _, lv := range r.Wiring.Levels() {
		fmt.Fprintf(&b, "    %-9s %s\n", lv.String(), r.outcomeText(lv))
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// levelSource says the effective level and where it comes from.
func (r *Route) levelSource() string {
	switch {
	case r.From == nil:
		return "NOTSET (no logger up to the root sets a level): records of every level get through"
	case r.From == r.Logger && r.From.Name == "" && !r.From.LevelSet:
		return levelText(r.Effective) + ", the root logger's default"
	case r.From == r.Logger:
		return levelText(r.Effective) + ", its own"
	case r.From.Name == "" && !r.From.LevelSet:
		return levelText(r.Effective) + ", the root logger's default"
	}
	return levelText(r.Effective) + ", from " + r.From.DisplayName()
}

// path says which loggers the route visits and where it ends.
func (r *Route) path() string {
	var names []string
	for _, s := range r.Steps {
		names = append(names, s.Logger.DisplayName())
	}
	p := strings.Join(names, " → ")
	if r.StoppedAt != nil {
		return p + " (propagate: false on " + r.StoppedAt.DisplayName() + ")"
	}
	return p
}

// writeHandler writes a handler's class, level, formatter and filters,
// and what it passes records on to.
func writeHandler(b *strings.Builder, h *Handler, name, indent string) {
	class := h.Class
	if h.Dest != "" {
		class += " → " + h.Dest
	}
	fmt.Fprintf(b, "%s%s\n", indent, class)
	fmt.Fprintf(b, "%slevel %s, %s\n", indent, levelText(h.Level), formatterText(h))
	for _, f := range h.Filters {
		fmt.Fprintf(b, "%sfilter %s: %s, %s\n", indent, f.ID, f.Describe(), filterResult(f, name))
	}
	if h.Target != nil {
		fmt.Fprintf(b, "%sflushes into %s (its filters apply, not its level):\n", indent, h.Target.ID)
		writeHandler(b, h.Target, name, indent+"  ")
	}
	for _, q := range h.Queue {
		if h.RespectLevel {
			fmt.Fprintf(b, "%sthe listener passes records to %s (its level and filters apply):\n", indent, q.ID)
		} else {
			fmt.Fprintf(b, "%sthe listener passes records to %s (its filters apply, not its level):\n", indent, q.ID)
		}
		writeHandler(b, q, name, indent+"  ")
	}
}

// formatterText names a handler's formatter and its format.
func formatterText(h *Handler) string {
	if h.Formatter == nil {
		return "the default formatter (%(message)s)"
	}
	return "formatter " + h.Formatter.ID + " (" + formatText(h.Formatter) + ")"
}

// filterResult says whether a filter passes records of the logger name.
func filterResult(f *Filter, name string) string {
	pass, known := f.Passes(name)
	display := name
	if display == "" {
		display = "root"
	}
	switch {
	case !known:
		return "decided at run time"
	case pass:
		return "passes " + display
	}
	return "refuses " + display
}

// outcomeText says what becomes of a record of level lv.
func (r *Route) outcomeText(lv level.Level) string {
	o := r.Outcome(lv)
	var parts []string
	for _, e := range o.Emits {
		s := e.Handler.ID
		if e.Via != nil {
			s = e.Via.ID + " → " + s
		}
		if e.Again {
			s += " (again)"
		}
		if e.Maybe {
			s += " (if the Go filters pass it)"
		}
		parts = append(parts, s)
	}
	if o.LastResort {
		parts = append(parts, "the last resort (stderr)")
	}
	if len(parts) > 0 {
		return strings.Join(parts, ", ")
	}
	if o.Dropped != "" {
		return "dropped: " + o.Dropped
	}
	return "emitted by no handler: their levels or filters refuse it"
}
