package graph

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Mermaid writes the wiring as a Mermaid flowchart, which GitHub renders
// in Markdown inside a ```mermaid block: the same picture as DOT.
func (w *Wiring) Mermaid(out io.Writer) error { return newScene(w, nil).mermaid(out) }

// Mermaid writes the route as Route.DOT does, as a Mermaid flowchart.
func (r *Route) Mermaid(out io.Writer) error { return newScene(r.Wiring, r).mermaid(out) }

func (s *scene) mermaid(out io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n---\n", mermaidTitle(s.title))
	b.WriteString("flowchart LR\n")
	ids := map[string]string{}
	counts := map[byte]int{}
	for _, n := range s.nodes {
		prefix := byte('L')
		switch n.kind {
		case handlerNode:
			prefix = 'H'
		case filterNode:
			prefix = 'F'
		case lastResortNode:
			prefix = 'R'
		}
		ids[n.key] = string(prefix) + strconv.Itoa(counts[prefix])
		counts[prefix]++
	}
	classes := map[string][]string{}
	for _, n := range s.nodes {
		id := ids[n.key]
		open, close := `["`, `"]`
		switch n.kind {
		case handlerNode, lastResortNode:
			open, close = `("`, `")`
		case filterNode:
			open, close = `{{"`, `"}}`
		}
		var lines []string
		for i, l := range n.lines {
			l = mermaidEscape(l)
			if i == 0 {
				l = "<b>" + l + "</b>"
			}
			lines = append(lines, l)
		}
		fmt.Fprintf(&b, "  %s%s%s%s\n", id, open, strings.Join(lines, "<br/>"), close)
		class := map[nodeKind]string{placeholderNode: "placeholder", createdNode: "created", handlerNode: "handler",
			filterNode: "filter", lastResortNode: "lastresort"}[n.kind]
		if class != "" {
			classes[class] = append(classes[class], id)
		}
		switch {
		case n.origin:
			classes["origin"] = append(classes["origin"], id)
		case n.onRoute:
			classes["route"] = append(classes["route"], id)
		}
	}
	var route []string
	for i, e := range s.edges {
		arrow := "-->"
		switch e.kind {
		case noPropagateEdge:
			arrow = "--x"
		case filterEdge:
			arrow = "-.-"
		case forwardEdge:
			arrow = "==>"
		}
		label := ""
		if e.label != "" {
			label = `|"` + mermaidEscape(e.label) + `"|`
		}
		fmt.Fprintf(&b, "  %s %s%s %s\n", ids[e.from], arrow, label, ids[e.to])
		if e.onRoute {
			route = append(route, strconv.Itoa(i))
		}
	}
	styles := map[string]string{
		"placeholder": "stroke-dasharray: 4 4, color:" + placeholderColor + ", stroke:" + placeholderColor,
		"created":     "stroke-dasharray: 4 4",
		"handler":     "fill:" + handlerFill,
		"filter":      "fill:" + filterFill,
		"lastresort":  "fill:" + lastResortFill,
		"route":       "stroke:" + routeColor + ", stroke-width:2px",
		"origin":      "stroke:" + routeColor + ", stroke-width:4px",
	}
	for _, c := range []string{"placeholder", "created", "handler", "filter", "lastresort", "route", "origin"} {
		if len(classes[c]) > 0 {
			fmt.Fprintf(&b, "  classDef %s %s\n", c, styles[c])
			fmt.Fprintf(&b, "  class %s %s\n", strings.Join(classes[c], ","), c)
		}
	}
	if len(route) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:%s, stroke-width:2px, color:%s\n", strings.Join(route, ","), routeColor, routeColor)
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// mermaidEscape writes the characters that end a quoted Mermaid label or
// start an entity as entities.
var mermaidEscape = strings.NewReplacer(`#`, "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;").Replace

// mermaidTitle writes a title for the front matter, which is YAML: quoted.
func mermaidTitle(s string) string {
	return strconv.Quote(s)
}
