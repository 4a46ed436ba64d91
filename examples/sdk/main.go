// Command sdk runs an SDK-style library whose loggers the application
// configures by name: logging.yaml turns on the debug output of
// botocore.client.S3 alone, to stderr with timestamps, while everything
// else logs at INFO to stdout.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/sdk/boto"
	"github.com/loggen/loggen/examples/sdk/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.Root.Info("starting")
	boto.Upload("reports", "2023/11/summary.csv", 48213)
	boto.Query("orders")
	logs.BotocoreClientS3.Info("the application can log through the SDK's logger too")
}
