// Command basic is the first program of Python's logging tutorial: every
// message, from DEBUG up, goes to newfile.log, which each run rewrites.
// loggen's section of logging.yaml takes the root's level from the
// environment: BASIC_LOG_LEVEL=WARNING leaves out DEBUG and INFO.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/basic/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logger := logs.Root
	logger.Debug("Harmless debug Message")
	logger.Info("Just an information")
	logger.Warning("Its a Warning")
	logger.Error("Did you try to divide by zero")
	logger.Critical("Internet is down")
}
