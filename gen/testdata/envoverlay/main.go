// Command envoverlay is the program of TestEnvOverlay: it applies the
// configuration of logging.yaml (package yamllogs) or of logging.ini
// (package inilogs), as its argument says, whose levels and file name come
// from the environment through loggen's overlay; it prints the levels it
// got and logs a few records, or prints Configure's error and exits 1.
package main

import (
	"fmt"
	"os"

	logging "github.com/loggen/loggen/runtime"

	"loggentest/inilogs"
	"loggentest/yamllogs"
)

func main() {
	var configure func() error
	var shutdown func()
	var root, app *logging.Logger
	switch os.Args[1] {
	case "yaml":
		configure, shutdown, root, app = yamllogs.Configure, yamllogs.Shutdown, yamllogs.Root.Logger, yamllogs.App.Logger
	case "ini":
		configure, shutdown, root, app = inilogs.Configure, inilogs.Shutdown, inilogs.Root.Logger, inilogs.App.Logger
	default:
		fmt.Fprintf(os.Stderr, "usage: envoverlay yaml|ini\n")
		os.Exit(2)
	}
	if err := configure(); err != nil {
		fmt.Printf("Configure: %v\n", err)
		os.Exit(1)
	}
	defer shutdown()
	fmt.Printf("levels: root=%v app=%v\n", root.Level(), app.Level())
	root.Info("root info")
	root.Warning("root warning")
	app.Debug("app debug")
	app.Info("app info")
}
