package pyfmt

// AppendField appends the text that the field s of a format of the given
// style ('%', '{' or '$') prints for the value v, or returns the error
// Python raises for it: what Python's PercentStyle, StrFormatStyle and
// StringTemplateStyle do with one field. The generator checks a
// formatter's defaults with it, and run-time formatters (runtime.NewFormatter)
// print fields with it.
func AppendField(b []byte, style byte, s Segment, v Value) ([]byte, error) {
	switch style {
	case '%':
		return s.Percent.AppendValue(b, v)
	case '$':
		return v.AppendStr(b), nil
	}
	start := len(b)
	switch s.Conversion {
	case 'r':
		b = v.AppendRepr(b)
	case 'a':
		b = v.AppendASCII(b)
	case 's':
		b = v.AppendStr(b)
	default:
		return s.Spec.AppendValue(b, v)
	}
	// The conversion made a str, to which the spec applies.
	if s.Spec.IsZero() {
		return b, nil
	}
	return PadFormat(b, start, s.Spec), nil
}
