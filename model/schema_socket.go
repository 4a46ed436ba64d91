package model

import "fmt"

// logging.handlers.SocketHandler and DatagramHandler: host and port, as in
// Python. Python also accepts port None, which makes host a Unix socket
// path; the checker turns null into "not given" and cannot yet tell it from
// a missing required key, so port must be an integer here (the runtime
// supports Unix sockets: SocketOptions.Unix).
func init() {
	handlerClasses = append(handlerClasses,
		&HandlerClass{
			Name: "logging.handlers.SocketHandler",
			Keys: []Key{
				{Name: "host", Type: KeyString, Required: true},
				{Name: "port", Type: KeyInt, Required: true, Check: checkPort},
			},
		},
		&HandlerClass{
			Name: "logging.handlers.DatagramHandler",
			Keys: []Key{
				{Name: "host", Type: KeyString, Required: true},
				{Name: "port", Type: KeyInt, Required: true, Check: checkPort},
			},
		},
	)
}

// checkPort accepts a TCP or UDP port number. Python would fail at the
// first record (OverflowError) instead.
func checkPort(v any) string {
	if p := v.(int64); p < 0 || p > 65535 {
		return fmt.Sprintf("expected a port number from 0 to 65535, got %d", p)
	}
	return ""
}
