// Package boto stands for an SDK such as Python's boto3: a library that logs
// through loggers it gets by name from the loggen runtime and knows nothing
// about the application's configuration. The application decides where
// each logger's records go, and at what level, without touching this code.
package boto

import logging "github.com/loggen/loggen/runtime"

// The SDK's loggers, named like boto3's.
var (
	log       = logging.Get("boto3")
	coreLog   = logging.Get("botocore")
	s3Log     = logging.Get("botocore.client.S3")
	dynamoLog = logging.Get("botocore.client.DynamoDB")
)

// Upload pretends to put an object into an S3 bucket.
func Upload(bucket, key string, size int) {
	log.Infof("uploading %s to s3://%s", key, bucket)
	coreLog.Debug("loading credentials from the environment")
	s3Log.Debugf("PUT /%s/%s (%d bytes)", bucket, key, size)
	s3Log.Debugf("response: 200 OK, ETag %r", "9b2cf535f27731c974343645a3985328")
	log.Info("upload complete")
}

// Query pretends to query a DynamoDB table.
func Query(table string) {
	dynamoLog.Debugf("POST / (Query %s)", table)
	dynamoLog.Warning("throttled: retrying in 100ms")
}

// SetStreamLogger turns on the output of one of the SDK's loggers on
// stderr, for debugging, with no configuration file: boto3's
// set_stream_logger(name, level, format_string). An empty format is
// "%(asctime)s %(name)s [%(levelname)s] %(message)s". The logger still
// propagates to the application's handlers.
func SetStreamLogger(name string, level logging.Level, format string) error {
	if format == "" {
		format = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
	}
	f, err := logging.NewFormatter(format, logging.FormatterOptions{})
	if err != nil {
		return err
	}
	logger := logging.Get(name)
	logger.SetLevel(level)
	h := logging.NewStreamHandler(nil) // the standard error
	h.SetLevel(level)
	h.SetFormatter(f)
	logger.AddHandler(h)
	return nil
}
