// This program is built by runtime/reload's TestGeneratedProgram with the
// package loggen generates from logging.yaml: it watches the file, writes
// later versions of it (versions.txt, separated by "---" lines) and logs
// after each, so that its output shows what was applied and what refused.
package main

import (
	"fmt"
	"os"
	"strings"

	"loggentest/logs"

	"github.com/loggen/loggen/runtime/reload"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	w, err := reload.Watch("logging.yaml", reload.Options{Config: logs.Config()})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer w.Close()
	bob := logs.App.With(logs.Extra{User: "bob"})
	bob.Info("version 0")
	data, err := os.ReadFile("versions.txt")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	for i, v := range strings.Split(string(data), "---\n") {
		title, text, _ := strings.Cut(v, "\n")
		fmt.Printf("== version %d: %s\n", i+1, title)
		if err := os.WriteFile("logging.yaml", []byte(text), 0o644); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		if err := w.Reload(); err != nil {
			fmt.Println(err)
		}
		bob.Debug(fmt.Sprintf("debug after version %d", i+1))
		bob.Info(fmt.Sprintf("info after version %d", i+1))
		bob.Warning(fmt.Sprintf("warning after version %d", i+1))
	}
	logs.Shutdown()
	log, _ := os.ReadFile("app.log")
	fmt.Printf("== app.log\n%s", log)
}
