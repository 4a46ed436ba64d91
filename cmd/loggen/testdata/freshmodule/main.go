// Command app is the program of a user's module that adds loggen as a tool
// (go get -tool github.com/loggen/loggen/cmd/loggen) and generates its
// logging package from a go:generate line. cmd/loggen's TestFreshModule
// copies it into a new module, generates, builds and runs it.
package main

//go:generate go tool loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"example.com/app/logs"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.AppDB.Debug("connecting")
	logs.Root.Warningf("disk %d%% full", 95)
	logs.Get("app.http").Info("listening on :8080")
	logs.Get("app.http").Debug("not shown: app.http is at INFO through the root logger")
}
