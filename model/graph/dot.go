package graph

import (
	"fmt"
	"io"
	"strings"
)

// The colours of the pictures.
const (
	routeColor       = "#c62828"
	handlerFill      = "#e3f2fd"
	filterFill       = "#fff8e1"
	lastResortFill   = "#ffebee"
	placeholderColor = "#9e9e9e"
	edgeColor        = "#616161"
)

// DOT writes the wiring as a Graphviz graph (dot -Tsvg renders it): the
// loggers from left to right towards the root, a placeholder dashed, an
// arrow from each logger to its parent (crossed out where propagate is
// false), to its handlers and, dotted, to its filters and its handlers'
// filters.
func (w *Wiring) DOT(out io.Writer) error { return newScene(w, nil).dot(out) }

// DOT writes the wiring as Wiring.DOT does, with the route drawn in red:
// the logger it starts from, the loggers it goes through, and the edges
// to the handlers it reaches, labelled with the levels they emit.
func (r *Route) DOT(out io.Writer) error { return newScene(r.Wiring, r).dot(out) }

func (s *scene) dot(out io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph logging {\n")
	fmt.Fprintf(&b, "\tgraph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, nodesep=0.25, ranksep=0.6, label=%s];\n", dotString(s.title))
	b.WriteString("\tnode [fontname=\"Helvetica\", fontsize=10, shape=box, style=rounded];\n")
	fmt.Fprintf(&b, "\tedge [fontname=\"Helvetica\", fontsize=9, color=%q, fontcolor=%q];\n", edgeColor, edgeColor)
	for _, n := range s.nodes {
		var attrs []string
		switch n.kind {
		case placeholderNode:
			attrs = append(attrs, `style="rounded,dashed"`, fmt.Sprintf("color=%q", placeholderColor), fmt.Sprintf("fontcolor=%q", placeholderColor))
		case createdNode:
			attrs = append(attrs, `style="rounded,dashed"`)
		case handlerNode:
			attrs = append(attrs, `style="rounded,filled"`, fmt.Sprintf("fillcolor=%q", handlerFill))
		case filterNode:
			attrs = append(attrs, "shape=note", `style=filled`, fmt.Sprintf("fillcolor=%q", filterFill))
		case lastResortNode:
			attrs = append(attrs, `style="rounded,filled"`, fmt.Sprintf("fillcolor=%q", lastResortFill))
		}
		if n.onRoute || n.origin {
			attrs = append(attrs, fmt.Sprintf("color=%q", routeColor))
		}
		if n.origin {
			attrs = append(attrs, "penwidth=2.5")
		} else if n.onRoute {
			attrs = append(attrs, "penwidth=1.5")
		}
		attrs = append(attrs, "label="+htmlLabel(n.lines))
		fmt.Fprintf(&b, "\t%s [%s];\n", dotString(n.key), strings.Join(attrs, ", "))
	}
	for _, e := range s.edges {
		var attrs []string
		switch e.kind {
		case noPropagateEdge:
			attrs = append(attrs, "style=dashed", "arrowhead=tee")
		case filterEdge:
			attrs = append(attrs, "style=dotted", "arrowhead=none")
		case forwardEdge:
			attrs = append(attrs, "style=bold")
		}
		if e.onRoute {
			attrs = append(attrs, fmt.Sprintf("color=%q", routeColor), fmt.Sprintf("fontcolor=%q", routeColor), "penwidth=2")
		}
		if e.label != "" {
			attrs = append(attrs, "label="+dotString(e.label))
		}
		fmt.Fprintf(&b, "\t%s -> %s", dotString(e.from), dotString(e.to))
		if len(attrs) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(attrs, ", "))
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(out, b.String())
	return err
}

// dotString quotes s as a DOT string: backslashes and quotes escaped, and
// nothing else special (a label's \n and \l are not used).
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// htmlLabel writes lines as a DOT HTML-like label, the first in bold.
func htmlLabel(lines []string) string {
	var b strings.Builder
	b.WriteByte('<')
	for i, l := range lines {
		l = htmlEscape(l)
		if i == 0 {
			l = "<b>" + l + "</b>"
		} else {
			b.WriteString("<br/>")
		}
		b.WriteString(l)
	}
	b.WriteByte('>')
	return b.String()
}

// htmlEscape escapes the characters that HTML text cannot hold.
var htmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace
