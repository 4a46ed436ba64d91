package model

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
)

// logging.handlers.SysLogHandler. Python's keyword arguments are address,
// facility and socktype; ident and append_nul are attributes in Python (set
// with the '.' key, which loggen does not support yet), so loggen takes them
// as keyword arguments, as it takes its extensions rfc5424, appname, msgid
// and hostname.
//
// address is Python's [host, port] list or a unix socket path; loggen also
// takes a "host:port" string. facility is a name ("user", "local3") or a
// number. socktype is an integer, 1 (SOCK_STREAM, TCP) or 2 (SOCK_DGRAM,
// UDP); ext://socket.SOCK_STREAM is not supported yet.
func init() {
	handlerClasses = append(handlerClasses, &HandlerClass{
		Name: "logging.handlers.SysLogHandler",
		Keys: []Key{
			{Name: "address", Type: KeyAddress, Check: checkSysLogAddress},     // default localhost:514
			{Name: "facility", Type: KeyNameOrInt, Check: checkSysLogFacility}, // default user
			{Name: "socktype", Type: KeyInt, Check: checkSysLogSockType},
			{Name: "ident", Type: KeyString},
			{Name: "append_nul", Type: KeyBool}, // default true
			{Name: "rfc5424", Type: KeyBool},    // loggen extension
			{Name: "appname", Type: KeyString},  // loggen extension, RFC 5424 APP-NAME
			{Name: "msgid", Type: KeyString},    // loggen extension, RFC 5424 MSGID
			{Name: "hostname", Type: KeyString}, // loggen extension, RFC 5424 HOSTNAME
		},
	})
}

// SysLogAddress splits a SysLogHandler address string into a network
// address "host:port" or a unix socket path: a string that contains '/' or
// is not host:port with a numeric port is a path.
func SysLogAddress(s string) (hostport, path string) {
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
	if hp, _ := SysLogAddress(s); hp == "" && !strings.Contains(s, "/") && strings.Contains(s, ":") {
		return fmt.Sprintf(`%s is neither "host:port" with a port in 1..65535 nor a path (write ./%s for a unix socket here)`, quote(s), s)
	}
	return ""
}

// SysLogFacilities are the names of Python's SysLogHandler.facility_names,
// each at the index of its number, with the name of the runtime's constant
// (handlers.Facility...) that stands for it.
var SysLogFacilities = [24]struct{ Name, Const string }{
	{"kern", "FacilityKern"}, {"user", "FacilityUser"}, {"mail", "FacilityMail"}, {"daemon", "FacilityDaemon"},
	{"auth", "FacilityAuth"}, {"syslog", "FacilitySyslog"}, {"lpr", "FacilityLPR"}, {"news", "FacilityNews"},
	{"uucp", "FacilityUUCP"}, {"cron", "FacilityCron"}, {"authpriv", "FacilityAuthPriv"}, {"ftp", "FacilityFTP"},
	{"ntp", "FacilityNTP"}, {"security", "FacilitySecurity"}, {"console", "FacilityConsole"}, {"solaris-cron", "FacilitySolarisCron"},
	{"local0", "FacilityLocal0"}, {"local1", "FacilityLocal1"}, {"local2", "FacilityLocal2"}, {"local3", "FacilityLocal3"},
	{"local4", "FacilityLocal4"}, {"local5", "FacilityLocal5"}, {"local6", "FacilityLocal6"}, {"local7", "FacilityLocal7"},
}

// SysLogFacility returns the number of a facility given by name or as a
// decimal number.
func SysLogFacility(s string) (int, bool) {
	for i, f := range SysLogFacilities {
		if f.Name == s {
			return i, true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < len(SysLogFacilities) {
		return n, true
	}
	return 0, false
}

func checkSysLogFacility(v any) string {
	s := v.(string)
	if _, ok := SysLogFacility(s); ok {
		return ""
	}
	var names []string
	for _, f := range SysLogFacilities {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return fmt.Sprintf("unknown facility %s%s (one of %s)", quote(s), suggest(s, names), strings.Join(names, ", "))
}

func checkSysLogSockType(v any) string {
	switch v.(int64) {
	case 1, 2:
		return ""
	}
	return fmt.Sprintf("expected 1 (SOCK_STREAM, TCP) or 2 (SOCK_DGRAM, UDP), got %d", v.(int64))
}
