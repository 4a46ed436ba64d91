package pyfmt

import "unicode/utf8"

// PadPercent applies a %-style spec's precision and width to the string that
// occupies b[start:], in place: generated code appends a value's text and
// then pads it, so that no intermediate string is allocated.
func PadPercent(b []byte, start int, s PercentSpec) []byte {
	if s.prec() >= 0 && (s.Verb == 's' || s.Verb == 'r' || s.Verb == 'a') {
		b = truncateRunes(b, start, s.prec())
	}
	if s.Width <= 0 {
		return b
	}
	n := utf8.RuneCount(b[start:])
	if n >= s.Width {
		return b
	}
	if s.Minus {
		return appendFill(b, ' ', s.Width-n)
	}
	return shiftRight(b, start, ' ', s.Width-n)
}

// PadFormat applies a str.format spec's precision, fill, alignment and width
// to the string that occupies b[start:], in place (see PadPercent).
func PadFormat(b []byte, start int, s FormatSpec) []byte {
	if s.prec() >= 0 {
		b = truncateRunes(b, start, s.prec())
	}
	if s.Width <= 0 {
		return b
	}
	n := utf8.RuneCount(b[start:])
	if n >= s.Width {
		return b
	}
	fill := s.Fill
	if fill == 0 {
		fill = ' '
		if s.Zero && s.Align == 0 {
			fill = '0'
		}
	}
	pad := s.Width - n
	switch s.Align {
	case '>':
		return shiftRight(b, start, fill, pad)
	case '^':
		left := pad / 2
		b = shiftRight(b, start, fill, left)
		return appendFill(b, fill, pad-left)
	}
	return appendFill(b, fill, pad)
}

func truncateRunes(b []byte, start, n int) []byte {
	i := start
	for k := 0; k < n && i < len(b); k++ {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return b[:i]
}

func appendFill(b []byte, fill rune, n int) []byte {
	for ; n > 0; n-- {
		b = utf8.AppendRune(b, fill)
	}
	return b
}

// shiftRight inserts n fill runes at b[start].
func shiftRight(b []byte, start int, fill rune, n int) []byte {
	w := utf8.RuneLen(fill)
	if w < 0 {
		w, fill = 3, utf8.RuneError
	}
	end := len(b)
	b = appendFill(b, fill, n) // grow by n*w bytes
	copy(b[start+n*w:], b[start:end])
	for i := 0; i < n; i++ {
		utf8.EncodeRune(b[start+i*w:], fill)
	}
	return b
}
