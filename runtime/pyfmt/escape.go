package pyfmt

// EscapeControl rewrites b[start:] in place so that it holds no control
// character, and returns b: formatters with loggen's escape_control option
// call it on each value they print, so that a value cannot end a line (or
// a syslog message framed by LF), start a forged one, or send escape
// sequences to a terminal.
//
// The escapes are Python's repr() escapes, without the quotes: \n, \r and
// \t; \xNN (lower-case hex) for the other C0 controls (U+0000–U+001F), DEL
// (U+007F) and the C1 controls (U+0080–U+009F: U+0085, NEL, is a line
// break to Python's str.splitlines); \u2028 and \u2029, the Unicode line
// and paragraph separators. A backslash is left as it is, so the escaped
// text does not tell "\n" written by the program from an escaped newline;
// nothing else changes. Text without these characters is left untouched
// and costs one scan.
func EscapeControl(b []byte, start int) []byte {
	i := start
	for i < len(b) && escapeWidth(b, i) == 0 {
		i++
	}
	if i == len(b) {
		return b
	}
	var buf [256]byte
	tail := append(buf[:0], b[i:]...)
	b = b[:i]
	for j := 0; j < len(tail); {
		n := escapeWidth(tail, j)
		if n == 0 {
			b = append(b, tail[j])
			j++
			continue
		}
		switch c := tail[j]; {
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case n == 1:
			b = append(b, '\\', 'x', pfHex[c>>4], pfHex[c&15])
		case n == 2: // C1: U+0080–U+009F is C2 80–C2 9F
			b = append(b, '\\', 'x', pfHex[tail[j+1]>>4], pfHex[tail[j+1]&15])
		default: // E2 80 A8 or E2 80 A9
			b = append(b, '\\', 'u', '2', '0', '2', pfHex[tail[j+2]-0xA0])
		}
		j += n
	}
	return b
}

// escapeWidth returns the length of the control character that starts at
// b[i], or 0 if none does.
func escapeWidth(b []byte, i int) int {
	switch c := b[i]; {
	case c < 0x20 || c == 0x7f:
		return 1
	case c == 0xC2:
		if i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f {
			return 2
		}
	case c == 0xE2:
		if i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}
