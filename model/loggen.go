package model

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file reads loggen's own top-level key, which lets one configuration
// file serve Python and Go: Python's dictConfig ignores top-level keys it
// does not know (and fileConfig ignores sections it does not read), so the
// settings only loggen needs live there.
//
//	loggen:
//	  classes:
//	    myapp.logging.RequestFilter: example.com/app/logx.NewRequestFilter
//	    myapp.logging.JSONFormatter: pythonjsonlogger.jsonlogger.JsonFormatter
//	  context:
//	    trace_id: example.com/app/obs.TraceID
//	  handlers:                  # an overlay: keys loggen reads instead
//	    file: {buffered: true}
//	  loggers:
//	    app.db: {level: DEBUG}
//
// In an INI file the same maps are the sections [loggen.classes], one
// "python.Name = target" option per class, and [loggen.context] (see
// context.go), and a section [loggen.X] overlays the options of section
// [X] ([loggen.handler_file]).

// loggenKeys are the keys of loggen's own section.
var loggenKeys = keyNames(loggenTable)

// iniLoggenMaps are the keys of loggen's section that an INI file gives as
// sections [loggen.KEY] of raw options; its other sections [loggen.X]
// overlay [X].
var iniLoggenMaps = []string{"classes", "context"}

// overlaySections are the keys of loggen's section that overlay the
// file's sections of the same name, by entry id (by logger name for
// loggers).
var overlaySections = []string{"formatters", "filters", "handlers", "loggers"}

// A classMapping is one entry of loggen's classes map: a Python class or
// factory name and what loggen uses in its place.
type classMapping struct {
	target *yaml.Node // a string: importpath.Name, or a Python class loggen implements
}

// loggenSection reads loggen's top-level key.
func (c *checker) loggenSection(v *yaml.Node) {
	if v == nil || isNull(v) || c.reference("loggen", v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, "loggen", "expected a mapping of loggen's keys (%s), got %s", strings.Join(loggenKeys, ", "), describe(v))
		return
	}
	for _, p := range c.pairs(v) {
		switch p.name {
		case "classes":
			c.classMap(c.resolve("loggen", p.val))
		case "context":
			c.contextSection(c.resolve("loggen", p.val))
		default:
			if p.name == "root" || slices.Contains(overlaySections, p.name) {
				continue // read by overlay
			}
			c.errorf(p.key, "loggen", "unknown key %s%s", quote(p.name), suggest(p.name, loggenKeys))
		}
	}
}

// classMap reads loggen's classes map.
func (c *checker) classMap(v *yaml.Node) {
	ctx := "loggen: classes"
	if v == nil || isNull(v) || c.reference(ctx, v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, ctx, "expected a mapping of Python class or factory names to importpath.Name or a class loggen implements, got %s", describe(v))
		return
	}
	if c.classes == nil {
		c.classes = map[string]classMapping{}
	}
	for _, p := range c.pairs(v) {
		kctx := ctx + ": " + quote(p.name)
		if !isString(p.key) {
			c.errorf(p.key, ctx, "a Python name is a string, but PyYAML reads %s as %s; quote it", trunc(p.key.Value), pyReading(p.key))
			continue
		}
		t := deref(p.val)
		s, ok := c.str(kctx, t, false)
		if !ok {
			continue
		}
		if !isGoFactory(s) && !implementedClass(s) {
			c.errorf(t, kctx, "%s is neither a Go name (importpath.Name, with a / in the import path) nor a class loggen implements%s",
				quote(s), suggest(s, implementedClassNames()))
			// The entries that name p.name say nothing more.
			c.classes[strings.TrimPrefix(p.name, "ext://")] = classMapping{}
			continue
		}
		c.classes[strings.TrimPrefix(p.name, "ext://")] = classMapping{target: t}
	}
}

// implementedClass reports whether name is a Python class loggen
// implements: logging.Formatter, logging.Filter, a handler class or a
// formatter class of another package, or one of loggen's filter classes.
func implementedClass(name string) bool {
	if _, ok := LookupHandlerClass(name); ok {
		return true
	}
	if _, ok := LookupFormatterClass(name); ok {
		return true
	}
	if _, ok := LookupFilterClass(name); ok {
		return true
	}
	canon, ok := canonicalName(name)
	return ok && (canon == "logging.Formatter" || canon == "logging.Filter")
}

// implementedClassNames returns the names of the classes loggen
// implements, for suggestions.
func implementedClassNames() []string {
	names := []string{"logging.Formatter", "logging.Filter"}
	for _, c := range handlerClasses {
		names = append(names, c.Name)
	}
	names = append(names, formatterClassNames()[1:]...)
	return append(names, filterClassNames()...)
}

// mapClasses applies loggen's classes map to the pairs of an entry: a '()'
// or class that names a mapped Python name names the mapping's target
// instead, at the target's position. A class mapped to a Go name becomes
// a '()', which dictConfig treats alike for handlers (and which passes a
// formatter's keys to the Go factory).
func (c *checker) mapClasses(ps []pair) []pair {
	if len(c.classes) == 0 {
		return ps
	}
	out := slices.Clone(ps)
	for i, p := range out {
		if p.name != "()" && p.name != "class" {
			continue
		}
		v := deref(p.val)
		if !isString(v) || isCfgRef(v) {
			continue
		}
		m, ok := c.classes[strings.TrimPrefix(v.Value, "ext://")]
		if !ok || m.target == nil {
			continue
		}
		out[i].val = m.target
		if p.name == "class" && isGoFactory(m.target.Value) {
			out[i].name = "()"
		}
	}
	return out
}

// badlyMapped reports whether the classes map has an entry for the
// Python name that was reported as wrong: the entries that use the name
// are not reported again.
func (c *checker) badlyMapped(name string) bool {
	m, ok := c.classes[strings.TrimPrefix(name, "ext://")]
	return ok && m.target == nil
}

// badlyMappedNode is badlyMapped for the string node v.
func (c *checker) badlyMappedNode(v *yaml.Node) bool {
	v = deref(v)
	return isString(v) && c.badlyMapped(v.Value)
}

// mapHint says how to use a Python class loggen cannot run: map it in
// loggen's section of the file.
func (c *checker) mapHint(name string) string {
	if isINI(c.file) {
		return fmt.Sprintf(", or map it to one in a section [loggen.classes] (%s = example.com/app/logx.NewX)", name)
	}
	return fmt.Sprintf(", or map it to one in loggen's own section (loggen: {classes: {%s: example.com/app/logx.NewX}})", name)
}

// overlay applies loggen's overlay to the top-level pairs of the file
// before they are read: for each entry of loggen's formatters, filters,
// handlers and loggers, and for its root, the keys it gives replace the
// keys of the same name in the file's entry of that id, so that a file
// CPython reads (which ignores loggen's section) can say something else
// for loggen: a level from the environment, a loggen-only key, a class
// only loggen has. An overlay entry that names a class ('()' or class)
// replaces the file's entry whole, as the keys of one class say nothing
// to another. A logger that the file does not configure is added; a
// formatter, filter or handler must exist in the file, since Python's
// entries name it.
func (c *checker) overlay(v *yaml.Node, top map[string]pair) {
	if v == nil || v.Kind != yaml.MappingNode {
		return // loggenSection reported it
	}
	for _, p := range c.pairs(v) {
		switch {
		case slices.Contains(overlaySections, p.name):
			c.overlaySection(p, top)
		case p.name == "root":
			ov := c.resolve("loggen: root", p.val)
			if isNull(ov) || c.reference("loggen: root", ov) {
				continue
			}
			if ov.Kind != yaml.MappingNode {
				c.errorf(ov, "loggen: root", "expected a mapping of the root logger's keys, got %s", describe(ov))
				continue
			}
			base, ok := top["root"]
			if !ok || isNull(base.val) {
				top["root"] = pair{name: "root", key: p.key, val: ov}
				continue
			}
			if base.val.Kind != yaml.MappingNode {
				continue // reported where root is read
			}
			base.val = c.mergeEntry(base.val, ov)
			top["root"] = base
		}
	}
}

// overlaySection applies one section of the overlay (p) to the file's
// section of the same name.
func (c *checker) overlaySection(p pair, top map[string]pair) {
	ctx := "loggen: " + p.name
	what := strings.TrimSuffix(p.name, "s")
	ov := c.resolve(ctx, p.val)
	if isNull(ov) || c.reference(ctx, ov) {
		return
	}
	if ov.Kind != yaml.MappingNode {
		c.errorf(ov, ctx, "expected a mapping of %s %s to the keys loggen reads instead, got %s", what, map[bool]string{true: "names", false: "ids"}[what == "logger"], describe(ov))
		return
	}
	base, ok := top[p.name]
	var baseVal *yaml.Node
	if ok {
		baseVal = c.resolve(p.name, base.val)
	}
	if baseVal != nil && !isNull(baseVal) && baseVal.Kind != yaml.MappingNode {
		return // reported where the section is read
	}
	var entries []pair
	index := map[string]int{}
	if baseVal != nil && !isNull(baseVal) {
		for _, e := range c.pairs(baseVal) {
			index[e.name] = len(entries)
			entries = append(entries, e)
		}
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.name)
	}
	for _, e := range c.pairs(ov) {
		ectx := ctx + ": " + quote(e.name)
		val := c.resolve(ectx, e.val)
		if isNull(val) || c.reference(ectx, val) {
			continue
		}
		if val.Kind != yaml.MappingNode {
			c.errorf(val, ectx, "expected a mapping of the keys loggen reads instead, got %s", describe(val))
			continue
		}
		i, found := index[e.name]
		if !found {
			if what != "logger" {
				c.errorf(e.key, ctx, "the file has no %s %s to overlay%s", what, quote(e.name), suggest(e.name, ids))
				continue
			}
			index[e.name] = len(entries)
			entries = append(entries, pair{name: e.name, key: e.key, val: val})
			continue
		}
		b := c.resolve(p.name+": "+quote(e.name), entries[i].val)
		if b == nil || b.Kind != yaml.MappingNode {
			if !isNull(b) {
				continue // reported where the entry is read
			}
			entries[i].val = val
			continue
		}
		entries[i].val = c.mergeEntry(b, val)
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: ov.Line, Column: ov.Column}
	if baseVal != nil && !isNull(baseVal) {
		n.Line, n.Column = baseVal.Line, baseVal.Column
	}
	for _, e := range entries {
		n.Content = append(n.Content, e.key, e.val)
	}
	key := p.key
	if ok {
		key = base.key
	}
	top[p.name] = pair{name: p.name, key: key, val: n}
}

// mergeEntry returns the entry base with the keys of ov in place of its
// own; when ov names a class, ov alone.
func (c *checker) mergeEntry(base, ov *yaml.Node) *yaml.Node {
	ovs := c.pairs(ov)
	for _, p := range ovs {
		if p.name == "()" || p.name == "class" {
			return ov
		}
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: base.Line, Column: base.Column, Style: base.Style}
	given := map[string]bool{}
	for _, p := range ovs {
		given[p.name] = true
	}
	for _, p := range c.pairs(base) {
		if !given[p.name] {
			n.Content = append(n.Content, p.key, p.val)
		}
	}
	for _, p := range ovs {
		n.Content = append(n.Content, p.key, p.val)
	}
	return n
}
