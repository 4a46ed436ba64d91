// Command basicconfigextra is the second example of the seed article, with
// logging.BasicConfig and the module-level functions: reference.py is the
// Python it follows, and the examples test runs both and compares what
// they write. The extra attribute travels in a logging.Adapter (Python's
// LoggerAdapter), since Go has no keyword arguments.
package main

import (
	"fmt"
	"os"

	logging "github.com/loggen/loggen/runtime"
)

var extData = []logging.Field{logging.String("user", "caal@example.com")}

func anotherFunction() {
	logging.NewAdapter(logging.Root(), extData...).Debug("This is a debug-level log message")
}

func main() {
	// set the output file and debug level, and
	// use a custom formatting specification
	fmtStr := "%(asctime)s: %(levelname)s: %(funcName)s Line:%(lineno)d User:%(user)s %(message)s"
	dateStr := "%m/%d/%Y %I:%M:%S %p"
	err := logging.BasicConfig(logging.BasicConfigOptions{
		Filename: "output.log",
		Level:    logging.DEBUG,
		Format:   fmtStr,
		Datefmt:  dateStr,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logging.Shutdown()

	log := logging.NewAdapter(logging.Root(), extData...)
	log.Info("This is an info-level log message")
	log.Warning("This is a warning-level message")
	anotherFunction()
}
