package pyfmt

import (
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// This file holds Python's repr() and ascii() of str and float, written as
// append functions that do not allocate.

// appendInt appends the decimal form of i, which is Python's str(int).
func appendInt(b []byte, i int64) []byte {
	return strconv.AppendInt(b, i, 10)
}

// AppendFloatRepr appends Python's repr(f) (which is also str(f)) to b: the
// shortest digit string that round-trips, in positional notation with at
// least one digit after the point ("123.0", "0.0001") when the decimal
// exponent is in [-4, 16), in exponent notation with at least two exponent
// digits ("1e+16", "1.5e-07") otherwise, and "inf", "-inf", "nan" for the
// non-finite values.
func AppendFloatRepr(b []byte, f float64) []byte {
	return pfAppendDouble(b, f, 'r', 0, pfDot0)
}

// Flags of pfAppendDouble, after CPython's Py_DTSF_* flags.
const (
	pfSign  = 1 << iota // Py_DTSF_SIGN: always print a sign
	pfDot0              // Py_DTSF_ADD_DOT_0: "1.0" rather than "1"
	pfAlt               // Py_DTSF_ALT: keep the point, keep zeros for 'g'
	pfUpper             // upper-case 'E', "INF", "NAN"
)

// pfAppendDouble appends what CPython's PyOS_double_to_string(f, code,
// prec, flags) returns, for code one of 'e', 'f', 'g' or 'r' (shortest
// repr; prec is ignored). It follows format_float_short in
// Python/pystrtod.c step by step; the digits come from strconv, which rounds
// correctly (half to even on the exact binary value) as David Gay's dtoa
// does.
func pfAppendDouble(b []byte, f float64, code byte, prec int, flags int) []byte {
	neg := math.Signbit(f)
	if math.IsNaN(f) {
		neg = false
	}
	if neg {
		b = append(b, '-')
	} else if flags&pfSign != 0 {
		b = append(b, '+')
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		s := "inf"
		if math.IsNaN(f) {
			s = "nan"
		}
		if flags&pfUpper != 0 {
			s = "INF"
			if math.IsNaN(f) {
				s = "NAN"
			}
		}
		return append(b, s...)
	}
	if neg {
		f = -f
	}

	// Get the significant digits (without leading or trailing zeros) and
	// the position of the decimal point relative to them, as _Py_dg_dtoa
	// returns them: value = 0.DIGITS * 10**decpt.
	var scratch [40]byte
	var digits []byte
	var decpt int
	switch code {
	case 'f':
		digits, decpt = pfFixedDigits(scratch[:0], f, prec)
	case 'e':
		digits, decpt = pfExpDigits(scratch[:0], f, prec+1)
	case 'g':
		if prec == 0 {
			prec = 1
		}
		digits, decpt = pfExpDigits(scratch[:0], f, prec)
	default: // 'r'
		digits, decpt = pfExpDigits(scratch[:0], f, -1)
	}

	addDot0 := flags&pfDot0 != 0
	alt := flags&pfAlt != 0
	nd := len(digits)
	vend := nd
	useExp := false
	switch code {
	case 'e':
		useExp = true
		vend = prec + 1
	case 'f':
		vend = decpt + prec
	case 'g':
		lim := prec
		if addDot0 {
			lim = prec - 1
		}
		if decpt <= -4 || decpt > lim {
			useExp = true
		}
		if alt {
			vend = prec
		}
	default:
		if decpt <= -4 || decpt > 16 {
			useExp = true
		}
	}
	exp := 0
	if useExp {
		exp = decpt - 1
		decpt = 1
	}
	vstart := 0
	if decpt <= 0 {
		vstart = decpt - 1
	}
	if !useExp && addDot0 {
		if vend <= decpt {
			vend = decpt + 1
		}
	} else if vend < decpt {
		vend = decpt
	}

	if decpt <= 0 {
		b = pfZeros(b, decpt-vstart)
		b = append(b, '.')
		b = pfZeros(b, -decpt)
	} else {
		b = pfZeros(b, -vstart)
	}
	if 0 < decpt && decpt <= nd {
		b = append(b, digits[:decpt]...)
		b = append(b, '.')
		b = append(b, digits[decpt:]...)
	} else {
		b = append(b, digits...)
	}
	if nd < decpt {
		b = pfZeros(b, decpt-nd)
		b = append(b, '.')
		b = pfZeros(b, vend-decpt)
	} else {
		b = pfZeros(b, vend-nd)
	}
	if b[len(b)-1] == '.' && !alt {
		b = b[:len(b)-1]
	}
	if useExp {
		if flags&pfUpper != 0 {
			b = append(b, 'E')
		} else {
			b = append(b, 'e')
		}
		if exp < 0 {
			b = append(b, '-')
			exp = -exp
		} else {
			b = append(b, '+')
		}
		if exp < 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(exp), 10)
	}
	return b
}

// pfZeros appends n zeros (none if n <= 0).
func pfZeros(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, '0')
	}
	return b
}

// pfExpDigits returns the n significant digits of the non-negative f (the
// shortest round-trip digits if n < 0), without trailing zeros, and the
// decimal point position: f ≈ 0.DIGITS × 10**decpt. Zero is "0" with decpt 1.
func pfExpDigits(buf []byte, f float64, n int) ([]byte, int) {
	prec := n - 1
	if n < 0 {
		prec = -1
	}
	buf = strconv.AppendFloat(buf, f, 'e', prec, 64)
	// buf is "d.ddde±XX" or "de±XX".
	e := len(buf) - 1
	for buf[e] != 'e' {
		e--
	}
	exp := 0
	for _, c := range buf[e+2:] {
		exp = exp*10 + int(c-'0')
	}
	if buf[e+1] == '-' {
		exp = -exp
	}
	digits := buf[:e]
	if len(digits) > 1 {
		// Drop the point.
		copy(digits[1:], digits[2:])
		digits = digits[:len(digits)-1]
	}
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	if len(digits) == 1 && digits[0] == '0' {
		return digits, 1
	}
	return digits, exp + 1
}

// pfFixedDigits is pfExpDigits for f rounded to prec digits after the
// point.
func pfFixedDigits(buf []byte, f float64, prec int) ([]byte, int) {
	buf = strconv.AppendFloat(buf, f, 'f', prec, 64)
	decpt := len(buf)
	for i, c := range buf {
		if c == '.' {
			decpt = i
			copy(buf[i:], buf[i+1:])
			buf = buf[:len(buf)-1]
			break
		}
	}
	digits := buf
	for len(digits) > 0 && digits[0] == '0' {
		digits = digits[1:]
		decpt--
	}
	for len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	if len(digits) == 0 {
		return append(buf[:0], '0'), 1
	}
	return digits, decpt
}

const pfHex = "0123456789abcdef"

// AppendRepr appends Python's repr(s) for a str to b: the string in
// single quotes, or in double quotes when it contains a single quote and no
// double quote; backslash, the quote, \t, \n and \r escaped; other control
// characters and DEL as \xNN; non-ASCII characters that are not printable
// as \xNN, \uNNNN or \UNNNNNNNN; printable ones as they are.
//
// Approximations: "printable" is unicode.IsPrint plus nothing else, which is
// exactly Python's str.isprintable rule (letters, marks, numbers,
// punctuation, symbols and the ASCII space; so U+00A0 is escaped as \xa0 in
// both) but uses Go's Unicode tables, whose version may differ from the
// Python build's (characters assigned in one version and not the other are
// judged differently). A Go string may hold bytes that are not UTF-8, which a
// Python str cannot: each such byte is written as \xNN, as if it had been
// decoded as Latin-1 and escaped (Python would show a surrogateescape'd
// byte as \udcNN).
func AppendRepr(b []byte, s string) []byte {
	return pfAppendRepr(b, s, false)
}

// AppendASCII appends Python's ascii(s) for a str to b: like
// AppendRepr, but every non-ASCII character is escaped, as \xNN below
// U+0100, \uNNNN below U+10000 and \UNNNNNNNN above. Bytes that are not
// UTF-8 are written as \xNN.
func AppendASCII(b []byte, s string) []byte {
	return pfAppendRepr(b, s, true)
}

func pfAppendRepr(b []byte, s string, ascii bool) []byte {
	quote := byte('\'')
	hasSingle, hasDouble := false, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			hasSingle = true
		case '"':
			hasDouble = true
		}
	}
	if hasSingle && !hasDouble {
		quote = '"'
	}
	b = append(b, quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				b = append(b, '\\', c)
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < ' ' || c == 0x7f:
				b = append(b, '\\', 'x', pfHex[c>>4], pfHex[c&15])
			default:
				b = append(b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, '\\', 'x', pfHex[c>>4], pfHex[c&15])
			i++
			continue
		}
		if !ascii && unicode.IsPrint(r) {
			b = append(b, s[i:i+size]...)
		} else {
			b = pfAppendEscape(b, r)
		}
		i += size
	}
	return append(b, quote)
}

// pfAppendEscape appends r as \xNN, \uNNNN or \UNNNNNNNN.
func pfAppendEscape(b []byte, r rune) []byte {
	var n int
	switch {
	case r < 0x100:
		b = append(b, '\\', 'x')
		n = 2
	case r < 0x10000:
		b = append(b, '\\', 'u')
		n = 4
	default:
		b = append(b, '\\', 'U')
		n = 8
	}
	for shift := 4 * (n - 1); shift >= 0; shift -= 4 {
		b = append(b, pfHex[(r>>uint(shift))&15])
	}
	return b
}
