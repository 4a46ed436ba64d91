package model

import (
	"fmt"
	"strings"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// TimedRotatingFileHandler and WatchedFileHandler (logging.handlers).
// TimedRotatingFileHandler takes no mode: Python's constructor has none and
// always appends, so a mode key is rejected as Python's TypeError would.
func init() {
	handlerClasses = append(handlerClasses,
		&HandlerClass{
			Name: "logging.handlers.TimedRotatingFileHandler",
			Keys: []Key{
				{Name: "filename", Type: KeyString, Required: true},
				{Name: "when", Type: KeyString, Check: checkWhen}, // default "h"
				{Name: "interval", Type: KeyInt, Check: checkInterval},
				{Name: "backupCount", Type: KeyInt},
				{Name: "encoding", Type: KeyString, Check: checkEncoding},
				{Name: "delay", Type: KeyBool},
				{Name: "utc", Type: KeyBool},
				// Python takes a datetime.time, which neither YAML nor JSON
				// can spell; loggen takes "HH:MM" or "HH:MM:SS". Python reads
				// it only for midnight and W0 … W6 rollovers.
				{Name: "atTime", Type: KeyString, Check: checkAtTime},
				{Name: "errors", Type: KeyString, Check: checkErrors},
			},
		},
		&HandlerClass{
			Name: "logging.handlers.WatchedFileHandler",
			Keys: []Key{
				{Name: "filename", Type: KeyString, Required: true},
				{Name: "mode", Type: KeyString, Check: checkMode},
				{Name: "encoding", Type: KeyString, Check: checkEncoding},
				{Name: "delay", Type: KeyBool},
				{Name: "errors", Type: KeyString, Check: checkErrors},
			},
		},
	)
}

// checkWhen accepts what Python's TimedRotatingFileHandler accepts once it
// has upper-cased when: S, M, H, D, MIDNIGHT, W0 … W6.
func checkWhen(v any) string {
	w := strings.ToUpper(v.(string))
	switch w {
	case "S", "M", "H", "D", "MIDNIGHT":
		return ""
	}
	if len(w) == 2 && w[0] == 'W' && w[1] >= '0' && w[1] <= '6' {
		return ""
	}
	if strings.HasPrefix(w, "W") {
		return fmt.Sprintf("invalid day for weekly rollover %s: expected W0 (Monday) to W6 (Sunday)", quote(v.(string)))
	}
	return fmt.Sprintf("invalid rollover interval %s: expected S, M, H, D, midnight or W0 … W6", quote(v.(string)))
}

// checkInterval rejects intervals that Python would accept and then loop on
// forever at the first rollover.
func checkInterval(v any) string {
	if n := v.(int64); n <= 0 {
		return fmt.Sprintf("expected a positive number of intervals, got %d", n)
	}
	return ""
}

func checkAtTime(v any) string {
	if _, ok := pyfmt.ParseTimeOfDay(v.(string)); !ok {
		return fmt.Sprintf("expected a time of day as \"HH:MM\" or \"HH:MM:SS\" (24-hour), got %s", quote(v.(string)))
	}
	return ""
}
