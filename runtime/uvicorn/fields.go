package uvicorn

import (
	"strconv"
	"unicode/utf8"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// These are the fields the formatters add, as generated code appends
// them. The Colored functions are what uvicorn prints with colours on,
// where it styles text with click.style: an SGR code, the text, and
// click's reset of every attribute.

// resetAll is click's _ansi_reset_all, which ends every styled text.
const resetAll = "\x1b[0m"

// levelColors are the codes of click's foreground colours that uvicorn
// gives the level names, by level number (5 is uvicorn's TRACE).
var levelColors = map[logging.Level]string{
	5:                "\x1b[34m", // blue
	logging.DEBUG:    "\x1b[36m", // cyan
	logging.INFO:     "\x1b[32m", // green
	logging.WARNING:  "\x1b[33m", // yellow
	logging.ERROR:    "\x1b[31m", // red
	logging.CRITICAL: "\x1b[91m", // bright_red
}

// statusColors are the codes uvicorn gives a status code and its phrase,
// by the code's class (code // 100).
var statusColors = [...]string{
	1: "\x1b[97m", // bright_white
	2: "\x1b[32m", // green
	3: "\x1b[33m", // yellow
	4: "\x1b[31m", // red
	5: "\x1b[91m", // bright_red
}

// AppendLevelPrefix appends levelprefix without colours: the level name, a
// colon, and spaces up to 9 characters ("INFO:     ", "CRITICAL:").
func AppendLevelPrefix(b []byte, l logging.Level) []byte {
	n := len(b)
	b = l.AppendName(b)
	return appendSeparator(append(b, ':'), utf8.RuneCount(b[n:]))
}

// AppendColoredLevelPrefix appends levelprefix with colours: the level
// name styled by level number (names of other levels are not), a colon and
// the spaces of AppendLevelPrefix.
func AppendColoredLevelPrefix(b []byte, l logging.Level) []byte {
	code, ok := levelColors[l]
	if !ok {
		return AppendLevelPrefix(b, l)
	}
	b = append(b, code...)
	n := len(b)
	b = l.AppendName(b)
	chars := utf8.RuneCount(b[n:])
	b = append(b, resetAll...)
	return appendSeparator(append(b, ':'), chars)
}

// appendSeparator appends uvicorn's " " * (8 - len(levelname)).
func appendSeparator(b []byte, chars int) []byte {
	for i := chars; i < 8; i++ {
		b = append(b, ' ')
	}
	return b
}

// AppendClientAddr appends client_addr: str() of the first argument. The
// record has been checked to be an access line.
func AppendClientAddr(b []byte, r *logging.Record) []byte {
	return r.ArgValue(0).AppendStr(b)
}

// AppendRequestLine appends request_line: "METHOD PATH HTTP/VERSION" from
// the second to fourth arguments.
func AppendRequestLine(b []byte, r *logging.Record) []byte {
	b = r.ArgValue(1).AppendStr(b)
	b = append(b, ' ')
	b = r.ArgValue(2).AppendStr(b)
	b = append(b, " HTTP/"...)
	return r.ArgValue(3).AppendStr(b)
}

// AppendColoredRequestLine appends request_line in bold.
func AppendColoredRequestLine(b []byte, r *logging.Record) []byte {
	b = append(b, "\x1b[1m"...)
	return append(AppendRequestLine(b, r), resetAll...)
}

// AppendStatusCode appends status_code: the fifth argument as an int, a
// space and its phrase in Python's http.HTTPStatus ("404 Not Found"; a
// code without one keeps the space: "599 ").
func AppendStatusCode(b []byte, r *logging.Record) []byte {
	b, _ = appendStatus(b, r, false)
	return b
}

// AppendColoredStatusCode appends status_code styled by the code's class
// (1xx to 5xx; other codes are not).
func AppendColoredStatusCode(b []byte, r *logging.Record) []byte {
	b, _ = appendStatus(b, r, true)
	return b
}

// appendStatus appends status_code, or returns the error of Python's
// int(status_code).
func appendStatus(b []byte, r *logging.Record, colored bool) ([]byte, error) {
	n, big, err := pyInt(r.ArgValue(4))
	if err != nil {
		return b, err
	}
	if big != "" {
		// No phrase and no class: Python's int has no bound.
		return append(append(b, big...), ' '), nil
	}
	var code string
	if colored && n >= 100 && n < 600 {
		code = statusColors[n/100]
		b = append(b, code...)
	}
	b = strconv.AppendInt(b, n, 10)
	b = append(b, ' ')
	if n >= 100 && n < 600 {
		b = append(b, statusPhrases[n]...)
	}
	if code != "" {
		b = append(b, resetAll...)
	}
	return b, nil
}

// accessArgs checks what AccessFormatter reads of every record: that its
// arguments are five values, and that the fifth converts to an int.
func accessArgs(r *logging.Record) error {
	switch n := len(r.Args); {
	case n < 5:
		return &pyfmt.Error{Exc: "ValueError", Msg: "not enough values to unpack (expected 5, got " + strconv.Itoa(n) + ")"}
	case n > 5:
		return &pyfmt.Error{Exc: "ValueError", Msg: "too many values to unpack (expected 5)"}
	}
	_, _, err := pyInt(r.ArgValue(4))
	return err
}

// AppendColorMessage appends the message as uvicorn prints it with colours
// on: the record's color_message extra attribute % args, when it has one;
// its message otherwise.
func AppendColorMessage(b []byte, r *logging.Record) ([]byte, error) {
	v, ok := r.Lookup("color_message")
	if !ok {
		return r.AppendMessage(b)
	}
	if len(r.Args) == 0 {
		return v.AppendStr(b), nil
	}
	if v.Kind() == pyfmt.KindString {
		return pyfmt.AppendPercentArgs(b, v.Str(), r.Args)
	}
	return pyfmt.AppendPercentArgs(b, v.String(), r.Args)
}

// ColorMessage returns the text of AppendColorMessage.
func ColorMessage(r *logging.Record) (string, error) {
	b, err := AppendColorMessage(nil, r)
	return string(b), err
}

// ColorMsg returns msg as uvicorn prints it with colours on: the record's
// color_message extra attribute, as a str, when it has one; Msg
// otherwise.
func ColorMsg(r *logging.Record) string {
	if v, ok := r.Lookup("color_message"); ok {
		if v.Kind() == pyfmt.KindString {
			return v.Str()
		}
		return v.String()
	}
	return r.Msg
}
