package graph

import (
	"fmt"

	"github.com/loggen/loggen/runtime/level"
)

// A scene is what DOT and Mermaid draw: nodes and edges in a fixed order,
// with their labels and roles, so that the two writers draw the same
// picture.
type scene struct {
	title string
	nodes []*node
	edges []*edge
}

// The kinds of nodes.
type nodeKind int

const (
	loggerNode nodeKind = iota
	placeholderNode
	createdNode // a logger the configuration does not name (-logger)
	handlerNode
	filterNode
	lastResortNode
)

// A node is one box.
type node struct {
	key   string // stable and unique: "logger:NAME", "handler:ID", "filter:ID"
	kind  nodeKind
	lines []string // the first is the title
	// origin marks the logger of the route; onRoute the nodes a record
	// of the route reaches.
	origin, onRoute bool
}

// The kinds of edges.
type edgeKind int

const (
	propagateEdge   edgeKind = iota // child → parent: records go on
	noPropagateEdge                 // child → parent with propagate false
	handlerEdge                     // logger → handler
	filterEdge                      // logger or handler → filter
	forwardEdge                     // MemoryHandler → target, QueueHandler → handlers
)

// An edge is one line between two nodes.
type edge struct {
	from, to string
	kind     edgeKind
	label    string
	onRoute  bool
}

func loggerKey(l *Logger) string   { return "logger:" + l.Name }
func handlerKey(h *Handler) string { return "handler:" + h.ID }
func filterKey(f *Filter) string   { return "filter:" + f.ID }

// newScene lays out the wiring, and the route r if it is not nil (then w
// is r.Wiring).
func newScene(w *Wiring, r *Route) *scene {
	s := &scene{title: w.Source}
	if r != nil {
		s.title = fmt.Sprintf("%s: a record of %s, effective level %s", w.Source, r.Logger.DisplayName(), levelText(r.Effective))
	}
	byKey := map[string]*node{}
	add := func(n *node) {
		s.nodes = append(s.nodes, n)
		byKey[n.key] = n
	}
	for _, l := range w.Loggers {
		n := &node{key: loggerKey(l), lines: []string{l.DisplayName()}}
		switch {
		case l.Placeholder:
			n.kind = placeholderNode
			n.lines = append(n.lines, "placeholder")
		case !l.Configured && l.Name != "":
			n.kind = createdNode
			n.lines = append(n.lines, "not configured")
		}
		if !l.Placeholder {
			eff, _ := l.Effective()
			switch {
			case l.LevelSet:
				n.lines = append(n.lines, "level "+levelText(l.Level))
			case l.Name == "":
				n.lines = append(n.lines, "level WARNING (default)")
			default:
				n.lines = append(n.lines, "level NOTSET → "+levelText(eff))
			}
		}
		add(n)
	}
	for _, h := range w.Handlers {
		class := h.ShortClass()
		if h.Dest != "" {
			class += " → " + h.Dest
		}
		lines := []string{h.ID, class, "level " + levelText(h.Level)}
		if h.Formatter != nil {
			lines[2] += ", formatter " + h.Formatter.ID
		}
		add(&node{key: handlerKey(h), kind: handlerNode, lines: lines})
	}
	for _, f := range w.Filters {
		what := "name: " + f.Name
		switch {
		case f.Factory != "":
			what = "Go: " + f.Factory
		case f.Name == "":
			what = "passes all"
		}
		add(&node{key: filterKey(f), kind: filterNode, lines: []string{f.ID, what}})
	}

	// The tree, each node to the node above it.
	for _, l := range w.Loggers {
		if l.up == nil {
			continue
		}
		e := &edge{from: loggerKey(l), to: loggerKey(l.up), kind: propagateEdge}
		if !l.Propagate {
			e.kind, e.label = noPropagateEdge, "propagate: false"
		}
		s.edges = append(s.edges, e)
	}
	for _, l := range w.Loggers {
		for _, h := range l.Handlers {
			s.edges = append(s.edges, &edge{from: loggerKey(l), to: handlerKey(h), kind: handlerEdge})
		}
		for _, f := range l.Filters {
			s.edges = append(s.edges, &edge{from: loggerKey(l), to: filterKey(f), kind: filterEdge})
		}
	}
	for _, h := range w.Handlers {
		for _, f := range h.Filters {
			s.edges = append(s.edges, &edge{from: handlerKey(h), to: filterKey(f), kind: filterEdge})
		}
		if h.Target != nil {
			s.edges = append(s.edges, &edge{from: handlerKey(h), to: handlerKey(h.Target), kind: forwardEdge, label: "flushes into"})
		}
		for _, q := range h.Queue {
			s.edges = append(s.edges, &edge{from: handlerKey(h), to: handlerKey(q), kind: forwardEdge, label: "queue"})
		}
	}
	if r != nil {
		s.markRoute(r, byKey)
	}
	return s
}

// markRoute marks the nodes and edges a record of the route goes
// through, and labels the edges to handlers with the levels they emit.
func (s *scene) markRoute(r *Route, byKey map[string]*node) {
	find := func(from, to string) *edge {
		for _, e := range s.edges {
			if e.from == from && e.to == to {
				return e
			}
		}
		return nil
	}
	byKey[loggerKey(r.Logger)].origin = true
	// The tree edges from the logger up to where propagation stops.
	last := r.Steps[len(r.Steps)-1].Logger
	for l := r.Logger; l != last && l.up != nil; l = l.up {
		byKey[loggerKey(l)].onRoute = true
		if e := find(loggerKey(l), loggerKey(l.up)); e != nil {
			e.onRoute = true
		}
	}
	byKey[loggerKey(last)].onRoute = true
	for _, f := range r.Logger.Filters {
		if e := find(loggerKey(r.Logger), filterKey(f)); e != nil {
			e.onRoute = true
			byKey[filterKey(f)].onRoute = true
		}
	}
	th := r.Threshold()
	// handlerEdges marks the edge from a logger or handler to h, which
	// gets records of min and above (and of its own level and above when
	// respect), and what h passes them on to.
	var handlerEdges func(from string, h *Handler, min level.Level, respect bool)
	handlerEdges = func(from string, h *Handler, min level.Level, respect bool) {
		e := find(from, handlerKey(h))
		e.onRoute = true
		byKey[handlerKey(h)].onRoute = true
		lv := min
		if respect {
			lv = max(min, h.Level)
		}
		label := levelText(lv) + " and above"
		v, f := filtersVerdict(h.Filters, r.Logger.Name)
		switch v {
		case Fails:
			label = "refused by " + f.ID
		case Unknown:
			label += ", if " + f.ID + " passes"
		}
		if e.label != "" {
			label = e.label + ": " + label
		}
		e.label = label
		for _, f := range h.Filters {
			if fe := find(handlerKey(h), filterKey(f)); fe != nil {
				fe.onRoute = true
				byKey[filterKey(f)].onRoute = true
			}
		}
		if v == Fails {
			return
		}
		if h.Target != nil {
			handlerEdges(handlerKey(h), h.Target, lv, false)
		}
		for _, q := range h.Queue {
			handlerEdges(handlerKey(h), q, lv, h.RespectLevel)
		}
	}
	for _, st := range r.Steps {
		for _, h := range st.Handlers {
			handlerEdges(loggerKey(st.Logger), h, th, true)
		}
	}
	if r.LastResort() {
		lv := max(th, LastResortLevel)
		s.nodes = append(s.nodes, &node{key: "lastresort", kind: lastResortNode, onRoute: true,
			lines: []string{"last resort", "stderr, the message alone", "level " + levelText(LastResortLevel)}})
		s.edges = append(s.edges, &edge{from: loggerKey(r.Logger), to: "lastresort", kind: handlerEdge, onRoute: true,
			label: levelText(lv) + " and above"})
	}
}
