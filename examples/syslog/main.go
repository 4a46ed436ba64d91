// Command syslog sends its records to a syslog server on UDP
// 127.0.0.1:5514, as Python's SysLogHandler does ("<PRI>ident message\0"),
// and prints them too. Nothing has to listen there: a datagram to a closed
// port is not an error. To see the packets, run
//
//	nc -klu 127.0.0.1 5514
//
// or a private rsyslogd (see runtime/syslog_rsyslog_test.go).
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/syslog/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	log := logs.Get("app")
	log.Debug("starting")
	log.Infof("listening on %s", ":8080")
	log.Warning("disk 91% full")
	log.Error("cannot reach the database")
}
