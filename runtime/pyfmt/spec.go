package pyfmt

// A PercentSpec is one parsed %-style conversion, the part of
// "%(name)-8.3s" after the name: flags, width, precision and conversion
// character. loggen parses format strings when it generates code and writes
// each spec as a composite literal, so nothing is parsed on a log call.
//
// Its Append methods format one value exactly as Python's str % operator
// does, including Python's quirks ("%#o" gives "0o12", "%s" of a float is
// its repr).
type PercentSpec struct {
	Minus bool // '-': left-justify
	Zero  bool // '0': pad numbers with zeros
	Plus  bool // '+': always print a sign
	Space bool // ' ': a blank before positive numbers
	Alt   bool // '#': alternate form (0o, 0x, always a decimal point)
	Width int  // minimum width; 0 when absent (no padding)
	// Prec is the precision when HasPrec is set: ".0" is a precision of
	// 0, which differs from none.
	Prec    int
	HasPrec bool
	Verb    byte // one of "diouxXeEfFgGcrsa"
}

// prec returns the precision, or -1 when there is none.
func (s PercentSpec) prec() int {
	if !s.HasPrec {
		return -1
	}
	return s.Prec
}

// A FormatSpec is one parsed str.format() format specification, the part of
// "{levelname:*^11}" after the colon, per Python's format-spec
// mini-language: [[fill]align][sign][z][#][0][width][grouping][.precision][type].
//
// The zero FormatSpec is the empty spec, as in "{levelname}".
type FormatSpec struct {
	Fill  rune // fill character; 0 when absent (a space)
	Align byte // one of "<>=^"; 0 when absent
	Sign  byte // one of "+- "; 0 when absent
	// NoNegZero is 'z' (Python 3.11): a float that rounds to zero at the
	// precision prints without its minus sign. It is an error for ints and
	// strs.
	NoNegZero bool
	Alt       bool // '#'
	Zero      bool // '0' before the width
	Width     int  // minimum width; 0 when absent (no padding)
	Grouping  byte // ',' or '_'; 0 when absent
	Prec      int  // the precision when HasPrec is set
	HasPrec   bool // a precision is given (".0" differs from none)
	Type      byte // one of "bcdeEfFgGnosxX%"; 0 when absent
}

// prec returns the precision, or -1 when there is none.
func (s FormatSpec) prec() int {
	if !s.HasPrec {
		return -1
	}
	return s.Prec
}

// IsZero reports whether s is the empty format spec, FormatSpec{}: the
// value is formatted as str() formats it.
func (s FormatSpec) IsZero() bool { return s == FormatSpec{} }
