package pyconf

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A Seg is where one line of a value starts: its byte offset in the value
// and its position in the file.
type Seg struct {
	Off, Line, Col int
}

// An Option is one name = value of a section.
type Option struct {
	Name      string // lower-cased, as configparser's optionxform makes it
	Raw       string // the name as written
	Line, Col int    // of the name
	Segs      []Seg  // where each line of the value starts
	Value     string // the value, its continuation lines joined with "\n"
	lines     []string
}

// A Section is one [name] of the file, with its options in order.
type Section struct {
	Name      string
	Line, Col int
	Options   []*Option
}

// Option returns the option called name (lower-cased), or nil; a nil
// Section has none.
func (s *Section) Option(name string) *Option {
	if s == nil {
		return nil
	}
	for _, o := range s.Options {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// An INI is a configparser file: its sections in order, and DEFAULT.
type INI struct {
	Sections []*Section
	Defaults *Section
}

// Section returns the section called name, or nil.
func (f *INI) Section(name string) *Section {
	for _, s := range f.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// An Error is a mistake at a line and column (counted in runes, from 1).
type Error struct {
	Line, Col int
	Msg       string
}

// Error returns "line:col: msg".
func (e Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

var iniOptRE = regexp.MustCompile(`^(.*?)\s*([=:])\s*(.*)$`)

// ReadINI reads data as configparser.ConfigParser does with its defaults,
// and returns the file, or nil when it cannot be read at all, with every
// mistake found.
func ReadINI(data []byte) (*INI, []Error) {
	var errs []Error
	add := func(line, col int, format string, args ...any) {
		errs = append(errs, Error{line, col, fmt.Sprintf(format, args...)})
	}
	f := &INI{Defaults: &Section{Name: "DEFAULT"}}
	var cur *Section
	var opt *Option
	indent := 0
	lines := strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n")
	for i, raw := range lines {
		ln := i + 1
		raw = strings.TrimSuffix(raw, "\r")
		trimmed := strings.TrimSpace(raw)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue
		}
		lead := len(raw) - len(strings.TrimLeft(raw, " \t\f\v"))
		if trimmed == "" {
			if opt != nil {
				opt.lines = append(opt.lines, "")
				opt.Segs = append(opt.Segs, Seg{Line: ln, Col: 1})
			}
			continue
		}
		col := utf8.RuneCountInString(raw[:lead]) + 1
		if opt != nil && cur != nil && lead > indent {
			opt.lines = append(opt.lines, trimmed)
			opt.Segs = append(opt.Segs, Seg{Line: ln, Col: col})
			continue
		}
		indent = lead
		opt = nil
		if strings.HasPrefix(trimmed, "[") && strings.Contains(trimmed[1:], "]") && strings.LastIndex(trimmed, "]") > 1 {
			name := trimmed[1:strings.LastIndex(trimmed, "]")]
			if name == "DEFAULT" {
				cur = f.Defaults
				cur.Line, cur.Col = ln, col
				continue
			}
			if s := f.Section(name); s != nil {
				add(ln, col, "section %s already exists (at line %d)", quote(name), s.Line)
				cur = &Section{Name: name}
				continue
			}
			cur = &Section{Name: name, Line: ln, Col: col}
			f.Sections = append(f.Sections, cur)
			continue
		}
		if cur == nil {
			add(ln, col, "the file must start with a section header such as [loggers]")
			return nil, errs
		}
		m := iniOptRE.FindStringSubmatchIndex(trimmed)
		if m == nil || m[3] == 0 {
			add(ln, col, "expected name=value or a [section] header, got %s", quote(trimmed))
			continue
		}
		name := strings.ToLower(strings.TrimSpace(trimmed[m[2]:m[3]]))
		if o := cur.Option(name); o != nil {
			add(ln, col, "option %s in section %s already exists (at line %d)", quote(name), quote(cur.Name), o.Line)
			continue
		}
		vcol := col + utf8.RuneCountInString(trimmed[:m[6]])
		opt = &Option{Name: name, Raw: strings.TrimSpace(trimmed[m[2]:m[3]]), Line: ln, Col: col, lines: []string{trimmed[m[6]:]}, Segs: []Seg{{Line: ln, Col: vcol}}}
		cur.Options = append(cur.Options, opt)
	}
	for _, s := range append([]*Section{f.Defaults}, f.Sections...) {
		for _, o := range s.Options {
			n := len(o.lines)
			for n > 1 && o.lines[n-1] == "" {
				n--
			}
			o.lines, o.Segs = o.lines[:n], o.Segs[:n]
			off := 0
			for i := range o.lines {
				o.Segs[i].Off = off
				off += len(o.lines[i]) + 1
			}
			o.Value = strings.Join(o.lines, "\n")
		}
	}
	return f, errs
}

// Interpolate applies configparser's BasicInterpolation to the value v of
// an option of section s: %(name)s is the value of the option name of s or
// of DEFAULT, %% is %. It returns what is wrong with v, or "".
func (f *INI) Interpolate(s *Section, v string) (string, string) { return f.interpolate(s, v, 1) }

// interpolate is Interpolate at a depth of nested references.
func (f *INI) interpolate(s *Section, v string, depth int) (string, string) {
	if depth > 10 {
		return "", "interpolation is too deeply recursive"
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(v, '%')
		if i < 0 {
			b.WriteString(v)
			return b.String(), ""
		}
		b.WriteString(v[:i])
		v = v[i:]
		switch {
		case strings.HasPrefix(v, "%%"):
			b.WriteByte('%')
			v = v[2:]
		case strings.HasPrefix(v, "%("):
			end := strings.Index(v, ")s")
			if end < 0 {
				return "", fmt.Sprintf("bad interpolation variable reference %s", quote(v))
			}
			name := strings.ToLower(v[2:end])
			o := s.Option(name)
			if o == nil {
				o = f.Defaults.Option(name)
			}
			if o == nil {
				return "", fmt.Sprintf("bad interpolation: option %s is not defined (write %%%% for a literal %%)", quote(name))
			}
			sub := o.Value
			if strings.Contains(sub, "%") {
				var err string
				if sub, err = f.interpolate(s, sub, depth+1); err != "" {
					return "", err
				}
			}
			b.WriteString(sub)
			v = v[end+2:]
		default:
			return "", fmt.Sprintf("'%%' must be followed by '%%' or '(', found: %s (write %%%% for a literal %%)", quote(v))
		}
	}
}
