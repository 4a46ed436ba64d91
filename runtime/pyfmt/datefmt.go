package pyfmt

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A Datefmt is a parsed formatter datefmt: a strftime format, as Python's
// time.strftime passes it to glibc.
type Datefmt struct {
	Raw   string     // the datefmt as written
	Parts []DatePart // in order
}

// A DatePart is literal text or one strftime directive.
type DatePart struct {
	Literal   string // literal text, %% already turned into %; used when Directive == 0
	Directive byte   // the conversion letter, such as 'Y' in "%Y" or "%-EY"
	Flag      byte   // a glibc flag '-', '_', '0', '^', '#' or 0
}

// ParseDatefmt parses a strftime datefmt. It accepts "%%", and "%" followed
// by at most one glibc flag (- _ 0 ^ #), an optional E or O modifier where
// glibc allows one (dropped: in the C locale "%Ec" is "%c") and a directive
// letter. It rejects what glibc would print literally (an unknown directive
// such as %f, a lone %E), field widths such as %5Y, and a trailing %.
//
// An empty datefmt is falsy in Python and means the default asctime, so
// ParseDatefmt("") returns a nil Datefmt. On errors the returned Datefmt
// holds the parts parsed so far. A datefmt longer than MaxFormatLen bytes
// is an error at that offset.
func ParseDatefmt(raw string) (*Datefmt, []FormatError) {
	if raw == "" {
		return nil, nil
	}
	d := &Datefmt{Raw: raw}
	if len(raw) > MaxFormatLen {
		return d, []FormatError{{MaxFormatLen, fmt.Sprintf("the datefmt is %d bytes long; loggen accepts datefmts of at most %d bytes", len(raw), MaxFormatLen)}}
	}
	var errs []FormatError
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			d.Parts = append(d.Parts, DatePart{Literal: lit.String()})
			lit.Reset()
		}
	}
	n := len(raw)
	i := 0
	for i < n {
		j := strings.IndexByte(raw[i:], '%')
		if j < 0 {
			lit.WriteString(raw[i:])
			break
		}
		lit.WriteString(raw[i : i+j])
		start := i + j
		i = start + 1
		if i >= n {
			errs = append(errs, FormatError{start, "lone % at end of datefmt (write %% for a literal %)"})
			break
		}
		var flag byte
		if strings.IndexByte("-_0^#", raw[i]) >= 0 {
			flag = raw[i]
			i++
			if i < n && strings.IndexByte("-_0^#", raw[i]) >= 0 {
				errs = append(errs, FormatError{start, fmt.Sprintf("more than one strftime flag in %s", dfmtDirectiveText(raw, start))})
				i = dfmtSkip(raw, i)
				continue
			}
		}
		if i < n && isASCIIDigit(raw[i]) {
			errs = append(errs, FormatError{start, fmt.Sprintf("field widths are not supported: %s", dfmtDirectiveText(raw, start))})
			i = dfmtSkip(raw, i)
			continue
		}
		if i >= n {
			errs = append(errs, FormatError{start, fmt.Sprintf("incomplete strftime directive %s at end of datefmt", raw[start:])})
			break
		}
		var modifier byte
		if raw[i] == 'E' || raw[i] == 'O' {
			modifier = raw[i]
			i++
		}
		if i >= n {
			errs = append(errs, FormatError{start, fmt.Sprintf("unknown strftime directive %s", raw[start:])})
			break
		}
		c, size := utf8.DecodeRuneInString(raw[i:])
		i += size
		ok := c < utf8.RuneSelf && ValidStrftimeDirective(flag, byte(c))
		if ok && modifier != 0 {
			allowed := "cCnpPrRstTuxXyYzZ%" // glibc's E conversions
			if modifier == 'O' {
				allowed = "bBCdegGhHIjklmMnpPrRsStTuUVwWyzZ%"
			}
			ok = strings.IndexByte(allowed, byte(c)) >= 0
		}
		if !ok {
			errs = append(errs, FormatError{start, fmt.Sprintf("unknown strftime directive %s", raw[start:i])})
			continue
		}
		if c == '%' {
			lit.WriteByte('%')
			continue
		}
		flush()
		d.Parts = append(d.Parts, DatePart{Directive: byte(c), Flag: flag})
	}
	flush()
	return d, errs
}

// dfmtSkip returns the offset after the flags, width, modifier and
// directive letter at raw[i:], to resume after an error.
func dfmtSkip(raw string, i int) int {
	for i < len(raw) && (strings.IndexByte("-_0^#", raw[i]) >= 0 || isASCIIDigit(raw[i])) {
		i++
	}
	if i < len(raw) && (raw[i] == 'E' || raw[i] == 'O') {
		i++
	}
	if i < len(raw) {
		_, size := utf8.DecodeRuneInString(raw[i:])
		i += size
	}
	return i
}

// dfmtDirectiveText returns the directive that starts at raw[start], for
// messages.
func dfmtDirectiveText(raw string, start int) string {
	return raw[start:dfmtSkip(raw, start+1)]
}
