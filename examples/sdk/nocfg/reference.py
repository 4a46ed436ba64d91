# The Python program that nocfg/main.go follows, with the SDK's calls
# written out (boto3's loggers and set_stream_logger).
import logging


def set_stream_logger(name='boto3', level=logging.DEBUG, format_string=None):
    # boto3.set_stream_logger
    if format_string is None:
        format_string = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
    logger = logging.getLogger(name)
    logger.setLevel(level)
    handler = logging.StreamHandler()
    handler.setLevel(level)
    formatter = logging.Formatter(format_string)
    handler.setFormatter(formatter)
    logger.addHandler(handler)


log = logging.getLogger("boto3")
core_log = logging.getLogger("botocore")
s3_log = logging.getLogger("botocore.client.S3")
dynamo_log = logging.getLogger("botocore.client.DynamoDB")


def upload(bucket, key, size):
    log.info("uploading %s to s3://%s", key, bucket)
    core_log.debug("loading credentials from the environment")
    s3_log.debug("PUT /%s/%s (%d bytes)", bucket, key, size)
    s3_log.debug("response: 200 OK, ETag %r", "9b2cf535f27731c974343645a3985328")
    log.info("upload complete")


def query(table):
    dynamo_log.debug("POST / (Query %s)", table)
    dynamo_log.warning("throttled: retrying in 100ms")


logging.basicConfig(level=logging.INFO)
set_stream_logger('botocore.client.S3', logging.DEBUG)

logging.info("starting")
upload("reports", "2023/11/summary.csv", 48213)
query("orders")
