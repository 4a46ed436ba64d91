// Command basicconfig is the first example of the seed article, written with
// logging.BasicConfig instead of a configuration file: reference.py is the
// Python it follows, and the examples test runs both and compares what
// they write.
package main

import (
	"fmt"
	"os"

	logging "github.com/loggen/loggen/runtime"
)

func main() {
	// logging.basicConfig(filename="newfile.log",
	//                     format='%(asctime)s %(message)s', filemode='w')
	err := logging.BasicConfig(logging.BasicConfigOptions{
		Filename: "newfile.log",
		Format:   "%(asctime)s %(message)s",
		Filemode: "w",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logging.Shutdown()

	logger := logging.Root()
	logger.SetLevel(logging.DEBUG)

	logger.Debug("Harmless debug Message")
	logger.Info("Just an information")
	logger.Warning("Its a Warning")
	logger.Error("Did you try to divide by zero")
	logger.Critical("Internet is down")
}
