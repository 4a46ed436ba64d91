// Command stdlib shows Go's logging ecosystem going through one loggen
// configuration: log/slog's default logger (slogbridge), the log package
// (stdlog), errors with their stack and chain printed as Python prints a
// traceback, and a recovered panic.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/loggen/loggen/examples/stdlib/logs"
	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/slogbridge"
	"github.com/loggen/loggen/runtime/stdlog"
)

func load(name string) error {
	if _, err := os.ReadFile(name); err != nil {
		return fmt.Errorf("load %s: %w", name, logging.WithStack(err))
	}
	return nil
}

func worker(jobs []string) {
	defer logs.Root.LogPanic(false) // logs the panic at CRITICAL and stops it
	fmt.Println("working on", jobs[3])
}

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	// slog's records go through the tree; the "logger" attribute picks the
	// logger, whose level and handlers apply.
	slog.SetDefault(slog.New(slogbridge.NewHandler(slogbridge.HandlerOptions{NameKey: "logger"})))
	slog.Info("starting", "version", "1.2")
	db := slog.With("logger", "app.db")
	db.Debug("connecting")

	// The log package's lines go to a logger at a level.
	restore := stdlog.Redirect(logging.Get("legacy"), logging.WARNING)
	log.Printf("flag %s is deprecated", "-v")
	restore()

	if err := load("missing.toml"); err != nil {
		logs.Root.Exception(err, "cannot load the configuration")
	}
	worker([]string{"a"})
	slog.Info("done")
}
