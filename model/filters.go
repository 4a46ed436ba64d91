package model

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file is the table of the filter classes loggen implements besides
// logging.Filter: loggen's own flood control filters, which no Python
// package provides, so they are named in loggen's namespace
// (loggen.RateLimitFilter). Like the handler classes (classes.go), each is
// described once: its keys, the Go constructor and the options field each
// key sets; the checker reads the keys from here and package gen writes
// every constructor call from here through one emitter.
//
// A filters entry selects one with '()', whose other keys are its keyword
// arguments, or with class. CPython cannot import loggen's classes: with
// '()' it fails to load the file, but dictConfig ignores class in a filters
// entry (and every key but name), so an entry that names the class with
// class loads in CPython as a logging.Filter that passes every record.

// A FilterClass is a filter class of loggen's own.
type FilterClass struct {
	// Name is the class's name in a configuration, "loggen.RateLimitFilter".
	Name string
	// New is the Go constructor, func(Options) *T.
	New GoName
	// Options is the options struct New takes.
	Options GoName
	// Keys are the class's keys, as the handler classes' (Key.Default is
	// loggen's default, written as Python would).
	Keys []Key
}

// filterClasses are the filter classes loggen implements besides
// logging.Filter. Each key's comment says what it does.
var filterClasses = []*FilterClass{
	{
		// A token bucket per key: Log4j 2's BurstFilter kept per logger,
		// per message template or both, with a summary record when a
		// flood ends.
		Name: "loggen.RateLimitFilter",
		New:  GoName{RuntimePkg, "NewRateLimitFilter"}, Options: GoName{RuntimePkg, "RateLimitOptions"},
		Keys: []Key{
			// The records per second each key lets through once its
			// burst is spent, on average: a number above 0, at most 1e9.
			{Name: "rate", Type: KeyFloat, Required: true, Field: "Rate", Check: checkRate},
			// The records a key lets through at once (the size of its
			// bucket, which starts full): an integer of at least 1; by
			// default rate rounded up.
			{Name: "burst", Type: KeyInt, Default: "ceil(rate)", Field: "Burst", Check: checkBurst},
			// What a bucket is kept for: logger_template (the logger and
			// the message before % args: the format of Infof, or the
			// static message), logger, or template.
			{Name: "per", Type: KeyString, Default: "'logger_template'", Check: checkPer, Go: perField},
			// How many keys the filter remembers; a new key beyond that
			// makes it forget the least recently used (of 8 it samples),
			// whose next record finds a full bucket.
			{Name: "max_keys", Type: KeyInt, Default: "10000", Field: "MaxKeys", Check: checkMaxKeys},
			// Log "N similar records suppressed" before the first record
			// a key lets through after dropping N, and for floods still
			// open at shutdown; false drops records silently.
			{Name: "summary", Type: KeyBool, Default: "True", Go: noSummaryField},
		},
	},
	{
		// spdlog's dup_filter_sink as a filter.
		Name: "loggen.DuplicateFilter",
		New:  GoName{RuntimePkg, "NewDuplicateFilter"}, Options: GoName{RuntimePkg, "DuplicateOptions"},
		Keys: []Key{
			// How long, in seconds, after a record let through the same
			// record (logger, level and message after % args) is
			// dropped: a number above 0, at most 1e9.
			{Name: "window", Type: KeyFloat, Default: "5.0", Check: checkWindow, Go: func(v any) []GoField {
				return []GoField{{"Window", time.Duration(math.Round(v.(float64) * 1e9))}}
			}},
			// Log "Skipped N duplicate messages.." before the next record
			// let through, and at shutdown; false drops silently.
			{Name: "summary", Type: KeyBool, Default: "True", Go: noSummaryField},
		},
	},
}

// FilterClasses returns the filter classes loggen implements besides
// logging.Filter.
func FilterClasses() []*FilterClass { return filterClasses }

// LookupFilterClass returns the filter class that name (with or without
// "ext://") names, and whether loggen implements it.
func LookupFilterClass(name string) (*FilterClass, bool) {
	name = strings.TrimPrefix(name, "ext://")
	for _, c := range filterClasses {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// filterClassNames returns the names of loggen's filter classes.
func filterClassNames() []string {
	var names []string
	for _, c := range filterClasses {
		names = append(names, c.Name)
	}
	return names
}

// isLoggenName reports whether name is in loggen's namespace, where only
// loggen's own classes live.
func isLoggenName(name string) bool {
	return strings.HasPrefix(strings.TrimPrefix(name, "ext://"), "loggen.")
}

// Option returns the option named key and whether the entry gives it.
func (f *Filter) Option(key string) (Option, bool) {
	for _, o := range f.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// GoFields returns the fields of the options of f's class that its keys
// set, in the order of the class's keys.
func (f *Filter) GoFields() []GoField {
	fields, _ := keyFields(f.Class.Keys, f.Option)
	return fields
}

// maxRate bounds a RateLimitFilter's rate: the runtime counts time in
// nanoseconds.
const maxRate = 1e9

func checkRate(v any) string {
	if r := v.(float64); !(r > 0) || r > maxRate {
		return fmt.Sprintf("expected a number of records per second above 0 and at most 1e9, got %s", pyfmt.FloatValue(r))
	}
	return ""
}

func checkBurst(v any) string {
	if n := v.(int64); n < 1 || n > math.MaxInt32 {
		return fmt.Sprintf("expected a number of records from 1 to %d, got %d", math.MaxInt32, n)
	}
	return ""
}

// perValues are the values of a RateLimitFilter's per, with the runtime's
// constant for each (the default, logger_template, is the zero value).
var perValues = []struct{ Name, Const string }{
	{"logger_template", ""},
	{"logger", "PerLogger"},
	{"template", "PerTemplate"},
}

func checkPer(v any) string {
	var names []string
	for _, p := range perValues {
		if p.Name == v.(string) {
			return ""
		}
		names = append(names, p.Name)
	}
	return fmt.Sprintf(`unknown value %s%s: expected "logger_template" (a bucket per logger and message template), "logger" or "template"`,
		quote(v.(string)), suggest(v.(string), names))
}

func perField(v any) []GoField {
	for _, p := range perValues {
		if p.Name == v.(string) && p.Const != "" {
			return []GoField{{"Per", GoName{RuntimePkg, p.Const}}}
		}
	}
	return nil
}

// maxKeys bounds a RateLimitFilter's max_keys.
const maxKeys = 1 << 24

func checkMaxKeys(v any) string {
	if n := v.(int64); n < 1 || n > maxKeys {
		return fmt.Sprintf("expected a number of keys from 1 to %d, got %d", maxKeys, n)
	}
	return ""
}

func checkWindow(v any) string {
	if w := v.(float64); !(w > 0) || w > 1e9 {
		return fmt.Sprintf("expected a number of seconds above 0 and at most 1e9, got %s", pyfmt.FloatValue(w))
	}
	return ""
}

// noSummaryField sets NoSummary for summary: false.
func noSummaryField(v any) []GoField {
	if v.(bool) {
		return nil
	}
	return []GoField{{"NoSummary", true}}
}

// otherLoggenClassMsg explains that name, in loggen's namespace, is not one
// of loggen's filter classes.
func otherLoggenClassMsg(name string) string {
	names := filterClassNames()
	bare := strings.TrimPrefix(name, "ext://")
	hint := suggest(bare, names)
	if hint == "" {
		// "loggen.RateLimiter": the class named by its first word.
		for _, n := range names {
			if p := commonPrefix(bare, n); len(p) >= len("loggen.")+4 {
				hint = fmt.Sprintf(" (did you mean %q?)", n)
				break
			}
		}
	}
	return fmt.Sprintf("unknown filter class %s%s: loggen's filter classes are %s",
		quote(name), hint, strings.Join(names, " and "))
}

// commonPrefix returns the longest prefix of a and b.
func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}
