package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file describes colorlog's ColoredFormatter (colorlog 6.7.0, whose
// formatter is unchanged through 6.9.0) for the formatter class table:
// its keyword arguments and their checks, the escape codes its formats can
// print, and its default formats. package gen compiles its formats with
// the codes as constants.

// colorlogFormatter is colorlog.ColoredFormatter. TTYColoredFormatter is
// the same class under an old name.
var colorlogFormatter = &FormatterClass{
	Name: "colorlog.ColoredFormatter",
	Aliases: []string{
		"colorlog.formatter.ColoredFormatter",
		"colorlog.TTYColoredFormatter",
		"colorlog.formatter.TTYColoredFormatter",
	},
	Package: "colorlog 6.7.0",
	Params: []string{"fmt", "datefmt", "style", "log_colors", "reset", "secondary_log_colors",
		"validate", "stream", "no_color", "force_color", "defaults"},
	Keys: []Key{
		{Name: "log_colors", Type: KeyStringMap, Default: "default_log_colors", Check: checkLogColors,
			Doc: "The colours of %(log_color)s by level name, each a comma-separated list of colour names (bold_red, bg_white, fg_208); the default is white, green, yellow, red and bold_red from DEBUG to CRITICAL."},
		// None is false: no reset, unlike the key's absence.
		{Name: "reset", Type: KeyBool, Default: "True", Nullable: true,
			Doc: "Append the reset code to a coloured message that does not end with it; null is false."},
		{Name: "secondary_log_colors", Type: KeyMap, Default: "None", Check: checkSecondaryLogColors,
			Doc: "More level-dependent colour fields: each key (message, say) maps level names to colours, printed as %(message_log_color)s."},
		{Name: "stream", Type: KeyStream, Default: "None",
			Doc: "The stream whose being a terminal decides the colours: when it is not one, colours are off unless forced; by default no stream is asked."},
		{Name: "no_color", Type: KeyBool, Default: "False",
			Doc: "Turn colours off, as the environment variable NO_COLOR does."},
		{Name: "force_color", Type: KeyBool, Default: "False",
			Doc: "Keep colours on whatever no_color, NO_COLOR and the stream say, as the environment variable FORCE_COLOR does."},
	},
	DefaultFormat: func(style byte) string {
		switch style {
		case '{':
			return "{log_color}{levelname}:{name}:{message}"
		case '$':
			return "${log_color}${levelname}:${name}:${message}"
		}
		return "%(log_color)s%(levelname)s:%(name)s:%(message)s"
	},
	Field: colorlogField,
}

// ColorlogDefaultLogColors is colorlog's default_log_colors: the colours
// of log_color when log_colors is not given.
var ColorlogDefaultLogColors = []StringPair{
	{"DEBUG", "white"},
	{"INFO", "green"},
	{"WARNING", "yellow"},
	{"ERROR", "red"},
	{"CRITICAL", "bold_red"},
}

// colorlogEscapes are colorlog's escape_codes: the ANSI escape code of
// each colour name, and colorlogNames the names in colorlog's order.
var colorlogEscapes, colorlogNames = colorlogEscapeCodes()

// colorlogEscapeCodes builds colorlog's escape_codes as escape_codes.py
// does, and returns them with their names in its order.
func colorlogEscapeCodes() (map[string]string, []string) {
	codes := map[string]string{}
	var names []string
	esc := func(cs ...int) string {
		var s []string
		for _, c := range cs {
			s = append(s, strconv.Itoa(c))
		}
		return "\x1b[" + strings.Join(s, ";") + "m"
	}
	add := func(name, code string) {
		if _, ok := codes[name]; !ok {
			names = append(names, name)
		}
		codes[name] = code
	}
	add("reset", esc(0))
	add("bold", esc(1))
	add("thin", esc(2))
	fg := []string{"black", "red", "green", "yellow", "blue", "purple", "cyan", "white"}
	type color struct {
		name string
		code int
	}
	var foreground []color
	for i, n := range fg {
		foreground = append(foreground, color{n, 30 + i})
	}
	for i, n := range fg {
		foreground = append(foreground, color{"light_" + n, 90 + i})
	}
	var background []color
	for _, c := range foreground {
		background = append(background, color{c.name, c.code + 10})
	}
	// Bold background colours do not exist, but colorlog kept the names.
	for i, n := range fg {
		background = append(background, color{"bold_" + n, 100 + i})
	}
	for _, prefix := range []string{"", "fg_"} {
		for _, c := range foreground {
			add(prefix+c.name, esc(c.code))
			add(prefix+"bold_"+c.name, esc(1, c.code))
			add(prefix+"thin_"+c.name, esc(2, c.code))
		}
	}
	for _, c := range background {
		add("bg_"+c.name, esc(c.code))
	}
	for code := 0; code < 256; code++ {
		add(fmt.Sprintf("fg_%d", code), esc(38, 5, code))
		add(fmt.Sprintf("bg_%d", code), esc(48, 5, code))
	}
	return codes, names
}

// ColorlogEscape returns the escape code that colorlog's colour name
// stands for (a field of its formats: %(bold_red)s), and whether colorlog
// has the name.
func ColorlogEscape(name string) (string, bool) {
	code, ok := colorlogEscapes[name]
	return code, ok
}

// ColorlogColors returns the escape codes of a colour list as colorlog's
// parse_colors makes them: the codes of the comma-separated names, empty
// names skipped ("bold_red,bg_white" → "\x1b[1;31m\x1b[47m"). It reports
// false when a name is not one of colorlog's.
func ColorlogColors(list string) (string, bool) {
	var b strings.Builder
	for _, n := range strings.Split(list, ",") {
		if n == "" {
			continue
		}
		code, ok := colorlogEscapes[n]
		if !ok {
			return "", false
		}
		b.WriteString(code)
	}
	return b.String(), true
}

// checkColors returns what is wrong with the colour list of the level
// name level (colorlog fails on every record of the level), or nil.
func checkColors(level, list string) []string {
	var msgs []string
	for _, n := range strings.Split(list, ",") {
		if n == "" {
			continue
		}
		if _, ok := colorlogEscapes[n]; ok {
			continue
		}
		hint := suggest(n, colorlogNames)
		switch {
		case strings.TrimSpace(n) != n:
			hint = " (colorlog splits the list at commas only: leave out the spaces)"
		case strings.HasPrefix(n, "fg_") || strings.HasPrefix(n, "bg_"):
			if _, err := strconv.Atoi(n[3:]); err == nil {
				hint = fmt.Sprintf(" (colorlog's 256 colours are %s0 to %s255)", n[:3], n[:3])
			}
		}
		msgs = append(msgs, fmt.Sprintf("%s: unknown colour %s%s", level, quote(n), hint))
	}
	return msgs
}

// checkLogColors checks log_colors: level names to colour lists.
func checkLogColors(v any) string {
	var msgs []string
	for _, p := range v.([]StringPair) {
		msgs = append(msgs, checkColors(p.Key, p.Value)...)
	}
	return strings.Join(msgs, "; ")
}

// checkSecondaryLogColors checks secondary_log_colors: names to mappings
// like log_colors.
func checkSecondaryLogColors(v any) string {
	var msgs []string
	for _, it := range v.([]MapItem) {
		m, ok := it.Value.(map[string]any)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("%s: expected a mapping of level names to colours, as log_colors, got %s", it.Key, describeValue(it.Value)))
			continue
		}
		levels := make([]string, 0, len(m))
		for l := range m {
			levels = append(levels, l)
		}
		sort.Strings(levels)
		for _, l := range levels {
			s, ok := m[l].(string)
			if !ok {
				msgs = append(msgs, fmt.Sprintf("%s: %s: expected a string of colour names, got %s", it.Key, l, describeValue(m[l])))
				continue
			}
			for _, msg := range checkColors(l, s) {
				msgs = append(msgs, it.Key+": "+msg)
			}
		}
	}
	return strings.Join(msgs, "; ")
}

// describeValue describes a value that nodeValue built, as describe
// describes a node: `string "no"`, "integer 2", "a mapping".
func describeValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		if x {
			return "boolean true"
		}
		return "boolean false"
	case string:
		return "string " + quote(x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case float64:
		return "float " + strconv.FormatFloat(x, 'g', -1, 64)
	case int64:
		return "integer " + strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}

// ColorlogSecondary returns the secondary_log_colors that f's options
// give: for each name, its colour lists by level name.
func ColorlogSecondary(f *Formatter) []ColorlogLogColors {
	o, ok := f.Option("secondary_log_colors")
	if !ok {
		return nil
	}
	var out []ColorlogLogColors
	for _, it := range o.Value.([]MapItem) {
		m := it.Value.(map[string]any)
		c := ColorlogLogColors{Field: it.Key + "_log_color"}
		for l, s := range m {
			c.Colors = append(c.Colors, StringPair{l, s.(string)})
		}
		sort.Slice(c.Colors, func(i, j int) bool { return c.Colors[i].Key < c.Colors[j].Key })
		out = append(out, c)
	}
	return out
}

// A ColorlogLogColors is one of a ColoredFormatter's level-dependent
// fields: log_color, or a secondary <name>_log_color, and its colour
// lists by level name.
type ColorlogLogColors struct {
	Field  string
	Colors []StringPair
}

// ColorlogLevelFields returns the level-dependent fields of f (a
// ColoredFormatter): log_color from log_colors (or colorlog's defaults),
// then the secondary ones.
func ColorlogLevelFields(f *Formatter) []ColorlogLogColors {
	colors := ColorlogDefaultLogColors
	if o, ok := f.Option("log_colors"); ok {
		colors = o.Value.([]StringPair)
	}
	return append([]ColorlogLogColors{{Field: "log_color", Colors: colors}}, ColorlogSecondary(f)...)
}

// colorlogField reports the fields a ColoredFormatter's formats can print
// besides the record's: its escape codes, log_color and one
// <name>_log_color per secondary_log_colors entry. They replace a
// record's extra attributes of the same names.
func colorlogField(name string, options []Option) (pyfmt.FieldType, bool) {
	if _, ok := colorlogEscapes[name]; ok || name == "log_color" {
		return pyfmt.TypeString, true
	}
	for _, o := range options {
		if o.Key != "secondary_log_colors" {
			continue
		}
		for _, it := range o.Value.([]MapItem) {
			if it.Key+"_log_color" == name {
				return pyfmt.TypeString, true
			}
		}
	}
	return 0, false
}
