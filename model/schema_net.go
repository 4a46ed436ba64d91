package model

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// The network handlers: SMTPHandler and HTTPHandler.
func init() {
	handlerClasses = append(handlerClasses,
		&HandlerClass{
			Name: "logging.handlers.SMTPHandler",
			Keys: []Key{
				// Python also takes a [host, port] list; here "host" or
				// "host:port".
				{Name: "mailhost", Type: KeyAddress, Required: true, Check: checkMailhost}, // "host", "host:port" or Python's [host, port]
				{Name: "fromaddr", Type: KeyString, Required: true},
				{Name: "toaddrs", Type: KeyStringList, Required: true, Check: checkNonEmptyList},
				{Name: "subject", Type: KeyString, Required: true},
				{Name: "credentials", Type: KeyStringList, Check: checkCredentials},
				{Name: "secure", Type: KeyStringList, Check: checkSecure},
				{Name: "timeout", Type: KeyFloat, Check: checkTimeout}, // default 5.0
			},
		},
		&HandlerClass{
			Name: "logging.handlers.HTTPHandler",
			Keys: []Key{
				{Name: "host", Type: KeyString, Required: true, Check: checkHostPort},
				{Name: "url", Type: KeyString, Required: true, Check: checkURLPath},
				{Name: "method", Type: KeyString, Check: checkHTTPMethod}, // default GET
				{Name: "secure", Type: KeyBool},
				{Name: "credentials", Type: KeyStringList, Check: checkCredentials},
				{Name: "context", Type: KeyString, Check: checkContext},
			},
		},
	)
}

// checkHostPort accepts "host", "host:port" and "[v6addr]:port".
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

func checkURLPath(v any) string {
	if s := v.(string); !strings.HasPrefix(s, "/") {
		return fmt.Sprintf(`expected a path starting with "/", got %s`, quote(s))
	}
	return ""
}

func checkHTTPMethod(v any) string {
	switch strings.ToUpper(v.(string)) {
	case "GET", "POST":
		return ""
	}
	return fmt.Sprintf(`expected "GET" or "POST", got %s`, quote(v.(string)))
}

func checkContext(v any) string {
	return "an ssl.SSLContext cannot be given here: loggen verifies the server with the system roots (leave context out)"
}
