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
//
// In an INI file the same map is the section [loggen.classes], one
// "python.Name = target" option per class.

// loggenKeys are the keys of loggen's own section.
var loggenKeys = []string{"classes"}

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
		c.errorf(v, "loggen", "expected a mapping (with classes), got %s", describe(v))
		return
	}
	for _, p := range c.pairs(v) {
		switch p.name {
		case "classes":
			c.classMap(c.resolve("loggen", p.val))
		default:
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
