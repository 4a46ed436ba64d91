// Command extra logs with a typed extra attribute, the user, that the format
// prints as %(user)s, along with the function and line of each call.
//
// In Python the extra travels in a dict (extra={'user': ...}) and a missing
// or misspelt key fails when the record is formatted; here it is a field of
// the generated logs.Extra struct, so a mistake does not compile.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"context"
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/extra/logs"
)

var extData = logs.Extra{User: "caal@example.com"}

func anotherFunction() {
	logs.Root.With(extData).Debug("This is a debug-level log message")
}

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.Root.With(extData).Info("This is an info-level log message")
	logs.Root.With(extData).Warning("This is a warning-level message")
	anotherFunction()
	// The ...Context variants take a request's context (for the context
	// extractors of logging.AddContextExtractor) and attach the extras too.
	logs.Root.With(extData).ErrorContext(context.Background(), "This is an error-level message with a context")
}
