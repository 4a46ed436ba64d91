package runtime

import "io"

// IsTerminal reports whether w is a terminal, as Python's stream.isatty()
// answers for the stream that w stands for: w must be an *os.File, or have
// an Fd method (a file wrapped by another type), whose descriptor is a
// terminal. Any other writer is not a terminal, as an io.StringIO is not.
// Formatters that colour their output for terminals only (colorlog's
// ColoredFormatter, uvicorn's formatters) ask it.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	if !ok {
		return false
	}
	return isTerminal(f.Fd())
}
