package model

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"

	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// The checks of the keys of the handler class table (classes.go): each
// takes a value already converted to its key's type and returns what is
// wrong with it, or "".

func checkEncoding(v any) string {
	if pyfmt.UTF8Codec(v.(string)) {
		return ""
	}
	return fmt.Sprintf("%s is not supported: loggen writes UTF-8 only (use utf-8 or leave encoding out)", quote(v.(string)))
}

func checkErrors(v any) string {
	if v.(string) == "strict" {
		return ""
	}
	return fmt.Sprintf(`%s is not supported: loggen handles only "strict" (leave errors out)`, quote(v.(string)))
}

func checkMailhost(v any) string {
	a := v.(Address)
	if a.Host != "" {
		return ""
	}
	if a.Port != 0 {
		return "the host is empty"
	}
	return checkHostPort(a.Str)
}

// checkHostPort accepts "host", "host:port" and "[v6addr]:port".
func checkHostPort(v any) string {
	s := v.(string)
	if s == "" {
		return "expected a host name, got an empty string"
	}
	if _, p, err := net.SplitHostPort(s); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 65535 {
			return fmt.Sprintf("bad port %s in %s", quote(p), quote(s))
		}
		return ""
	}
	if strings.Count(s, ":") == 1 {
		return fmt.Sprintf(`expected "host" or "host:port", got %s`, quote(s))
	}
	return ""
}

func checkNonEmptyList(v any) string {
	if len(v.([]string)) == 0 {
		return "expected at least one address"
	}
	return ""
}

func checkCredentials(v any) string {
	if len(v.([]string)) != 2 {
		return fmt.Sprintf("expected [username, password], got a list of %d", len(v.([]string)))
	}
	return ""
}

func checkSecure(v any) string {
	if len(v.([]string)) > 2 {
		return "expected [], [keyfile] or [keyfile, certfile]"
	}
	return ""
}

func checkTimeout(v any) string {
	if f := v.(float64); !(f > 0) {
		return fmt.Sprintf("expected a number of seconds above 0, got %v", f)
	}
	return ""
}

func checkFlushLevel(v any) string {
	if l := v.(level.Level); l <= 0 {
		return fmt.Sprintf("expected a level above NOTSET, got %d (a buffered handler that writes every record at once is an unbuffered one)", l)
	}
	return ""
}

func checkURLPath(v any) string {
	if s := v.(string); !strings.HasPrefix(s, "/") {
		return fmt.Sprintf(`expected a path starting with "/", got %s`, quote(s))
	}
	return ""
}

func checkContext(v any) string {
	return "an ssl.SSLContext cannot be given here: loggen verifies the server with the system roots (leave context out)"
}

func checkQueueSpec(v any) string {
	return fmt.Sprintf("%s is not supported: loggen's queue is a bounded channel, not a Python queue object or factory; leave queue out and set maxsize (default 10000)", quote(v.(string)))
}

func checkQueueListener(v any) string {
	if canon, ok := canonicalName(v.(string)); ok && canon == "logging.handlers.QueueListener" {
		return ""
	}
	return fmt.Sprintf("%s is not supported: loggen's listener is a goroutine; leave listener out or use logging.handlers.QueueListener", quote(v.(string)))
}

func checkQueueMaxSize(v any) string {
	if n := v.(int64); n < 1 || n > 1<<30 {
		return fmt.Sprintf("expected a queue size from 1 to %d, got %d: loggen's queue is always bounded", 1<<30, n)
	}
	return ""
}

// checkPort accepts a TCP or UDP port number. Python would fail at the
// first record (OverflowError) instead.
func checkPort(v any) string {
	if p := v.(int64); p < 0 || p > 65535 {
		return fmt.Sprintf("expected a port number from 0 to 65535, got %d", p)
	}
	return ""
}

// sysLogAddress splits a SysLogHandler address string into a network
// address "host:port" or a unix socket path: a string that contains '/' or
// is not host:port with a numeric port is a path.
func sysLogAddress(s string) (hostport, path string) {
	if strings.Contains(s, "/") {
		return "", s
	}
	if host, port, err := net.SplitHostPort(s); err == nil && host != "" {
		if n, err := strconv.ParseUint(port, 10, 16); err == nil && n > 0 {
			return s, ""
		}
	}
	return "", s
}

func checkSysLogAddress(v any) string {
	a := v.(Address)
	if a.Host != "" || a.Port != 0 {
		if a.Host == "" {
			return "the host is empty"
		}
		return ""
	}
	s := a.Str
	if s == "" {
		return `expected "host:port" or a unix socket path, got ""`
	}
	if hp, _ := sysLogAddress(s); hp == "" && !strings.Contains(s, "/") && strings.Contains(s, ":") {
		return fmt.Sprintf(`%s is neither "host:port" with a port in 1..65535 nor a path (write ./%s for a unix socket here)`, quote(s), s)
	}
	return ""
}

// sysLogFacilities are the names of Python's SysLogHandler.facility_names,
// each at the index of its number, with the name of the runtime's constant
// (handlers.Facility...) that stands for it.
var sysLogFacilities = [24]struct{ Name, Const string }{
	{"kern", "FacilityKern"}, {"user", "FacilityUser"}, {"mail", "FacilityMail"}, {"daemon", "FacilityDaemon"},
	{"auth", "FacilityAuth"}, {"syslog", "FacilitySyslog"}, {"lpr", "FacilityLPR"}, {"news", "FacilityNews"},
	{"uucp", "FacilityUUCP"}, {"cron", "FacilityCron"}, {"authpriv", "FacilityAuthPriv"}, {"ftp", "FacilityFTP"},
	{"ntp", "FacilityNTP"}, {"security", "FacilitySecurity"}, {"console", "FacilityConsole"}, {"solaris-cron", "FacilitySolarisCron"},
	{"local0", "FacilityLocal0"}, {"local1", "FacilityLocal1"}, {"local2", "FacilityLocal2"}, {"local3", "FacilityLocal3"},
	{"local4", "FacilityLocal4"}, {"local5", "FacilityLocal5"}, {"local6", "FacilityLocal6"}, {"local7", "FacilityLocal7"},
}

// sysLogFacility returns the number of a facility given by name or as a
// decimal number.
func sysLogFacility(s string) (int, bool) {
	for i, f := range sysLogFacilities {
		if f.Name == s {
			return i, true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < len(sysLogFacilities) {
		return n, true
	}
	return 0, false
}

// sysLogFacilityChoices returns the facility names, for the key's Enum.
func sysLogFacilityChoices() []Choice {
	var cs []Choice
	for _, f := range sysLogFacilities {
		cs = append(cs, Choice{Value: f.Name})
	}
	return cs
}

func checkSysLogFacility(v any) string {
	s := v.(string)
	if _, ok := sysLogFacility(s); ok {
		return ""
	}
	var names []string
	for _, f := range sysLogFacilities {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return fmt.Sprintf("unknown facility %s%s (one of %s)", quote(s), suggest(s, names), strings.Join(names, ", "))
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
