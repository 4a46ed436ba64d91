// Command ini is configured by a logging.config.fileConfig INI file, the
// example of Python's documentation: everything goes to stdout; records of
// compiler.parser also go, buffered by a MemoryHandler, to python.log, which
// each run rewrites, and errors to syslog over UDP 127.0.0.1:5514; INFO and
// up go to rotating.log too.
//
// To see the dictConfig that loggen reads from logging.ini:
//
//	go run github.com/loggen/loggen/cmd/loggen convert logging.ini
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.ini -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/ini/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.Root.Info("starting")
	parser := logs.Get("compiler.parser")
	parser.Debug("parsing main.py")
	parser.Info("42 statements")
	parser.Error("syntax error on line 7")
	logs.Root.Warning("done with errors")
}
