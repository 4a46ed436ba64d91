// Command env is the program of TestEnvValues: it applies a configuration
// whose values come from the environment, prints the levels it got and
// logs a few records; or it prints Configure's error and exits 1.
package main

import (
	"fmt"
	"os"

	"loggentest/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Printf("Configure: %v\n", err)
		os.Exit(1)
	}
	defer logs.Shutdown()
	fmt.Printf("levels: root=%v app.db=%v\n", logs.Root.Level(), logs.AppDB.Level())
	logs.Root.Debug("root debug")
	logs.Root.Info("root info")
	logs.Root.Warning("root warning")
	logs.AppDB.Debug("db debug")
	logs.AppDB.Warning("db warning")
	logs.AppDB.Error("db error")
}
