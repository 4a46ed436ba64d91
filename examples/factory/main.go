// Command factory configures user-defined factories written in Go: a
// formatter, a filter and a handler of the package logx, which '()' names in
// logging.yaml and the generated code calls directly.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/factory/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.Root.Info("starting")
	logs.Root.Warning("password is hunter2")
	logs.Root.Error("disk full")
}
