package pyfmt

import "strconv"

// MaxWidth is the most characters that the widths and precisions of one
// format string, or of one message formatted by AppendPercentArgs, may add
// up to; precisions count only where they add digits (numeric conversions,
// not the truncating precision of %s, %r, %a or of a str format spec).
//
// CPython accepts widths up to 2**63-1 and precisions up to 2**31-1 and then
// tries to allocate the text: "%(message)99999999999s" exhausts memory, or
// raises MemoryError, on every record. Within the limit a line is at most
// its format's own text, its values' text and 4×MaxWidth bytes of padding
// (a fill character is at most 4 bytes), so a mistyped width cannot make
// a record take gigabytes. 65536 is far above any real layout (the widest
// padded fields in common formats are tens of characters) and keeps the
// worst case at 256 KiB per record. Above it, ParseFormat reports a
// FormatError and AppendPercentArgs a MemoryError.
const MaxWidth = 1 << 16

// MaxFormatLen is the longest format or datefmt, in bytes, that ParseFormat
// and ParseDatefmt accept. Python has no limit, but generated code holds
// statements for each field and literal of a format, so 64 KiB (up to
// 21,845 fields such as "{x}", or 32,768 directives such as "%Y") already
// makes a generated file of tens of thousands of lines; real formats are
// shorter than 200 bytes. It also bounds a record's datefmt text, as each
// directive prints at most a few dozen bytes.
const MaxFormatLen = 64 << 10

// pfErrTooWide is the MemoryError of a width or precision that takes a
// message's widths and precisions above MaxWidth.
func pfErrTooWide(what string, n int) error {
	return &Error{"MemoryError", what + " " + strconv.Itoa(n) +
		" is over loggen's limit: the widths and precisions of one message may add up to at most " +
		strconv.Itoa(MaxWidth) + " characters"}
}
