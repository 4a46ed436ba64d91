// Command nocfg runs the SDK of examples/sdk with no configuration file, as
// a Python program does with two calls: logging.basicConfig(level=INFO) for
// the application and the SDK's own helper, boto3's
// set_stream_logger('botocore.client.S3', DEBUG), to turn on one
// subsystem's debug output. reference.py is the Python it follows; the
// examples test runs both and compares what they write.
package main

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/sdk/boto"
	logging "github.com/loggen/loggen/runtime"
)

func main() {
	if err := logging.BasicConfig(logging.BasicConfigOptions{Level: logging.INFO}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logging.Shutdown()
	if err := boto.SetStreamLogger("botocore.client.S3", logging.DEBUG, ""); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	logging.Info("starting")
	boto.Upload("reports", "2023/11/summary.csv", 48213)
	boto.Query("orders")
}
