"""The Python twin of main.go: logging.yaml, unchanged, given to
logging.config.dictConfig, with python-json-logger's JsonFormatter writing
the records. examples_test.go runs it and main.go and compares their output.
"""

import logging
import logging.config
import os

import yaml

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "logging.yaml"), encoding="utf-8") as f:
    logging.config.dictConfig(yaml.safe_load(f))

orders = logging.getLogger("shop.orders")
orders.debug("cart loaded", extra={"request_id": "r-17"})
orders.info("order placed", extra={"request_id": "r-17", "items": 3,
                                   "total": 19.99, "gift": True,
                                   "coupon": None})
logging.getLogger("shop").warning("stock low for %s: %d left", "café crème",
                                  2, extra={"request_id": "r-18"})
logging.getLogger("shop.db").info("not written: shop.db is at WARNING")
logging.getLogger("shop.payments").error("card declined", extra={
    "request_id": "r-19", "code": "51", "_internal": "not written"})
logging.getLogger().info("shutting down")
logging.shutdown()
