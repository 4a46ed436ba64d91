// Command dictconfig runs the configuration of Python's logging.config
// reference: foo.bar.baz writes brief lines to stdout (INFO and up, through
// the allow_foo filter) and precise lines to logconfig.log (DEBUG and up).
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/dictconfig/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	baz := logs.FooBarBaz
	baz.Debug("connecting to the database")
	baz.Info("connected")
	baz.Warningf("pool %d%% full", 85)
	logs.Get("foo.bar.baz.qux").Error("a child logger propagates to foo.bar.baz's handlers")
	logs.Root.Warning("the root logger has no handler: this goes to the last resort, on stderr")
}
