"""Applies a dictConfig YAML file with CPython and prints, for each filter
that a logger or handler of the file got, the class of the object
dictConfig made and whether it passes a record: one line per filter,

    logger app: logging.Filter passes
    handler out: logging.Filter passes

Usage: python3 filters.py logging.yaml
"""

import logging
import logging.config
import sys

import yaml

with open(sys.argv[1]) as f:
    config = yaml.safe_load(f)
logging.config.dictConfig(config)
record = logging.LogRecord("app", logging.WARNING, __file__, 1, "disk %d%% full", (95,), None)
for name in config.get("loggers", {}):
    for f in logging.getLogger(name).filters:
        print("logger %s: %s.%s %s" % (name, type(f).__module__, type(f).__qualname__,
                                        "passes" if f.filter(record) else "drops"))
for name in config.get("handlers", {}):
    for f in logging._handlers[name].filters:
        print("handler %s: %s.%s %s" % (name, type(f).__module__, type(f).__qualname__,
                                         "passes" if f.filter(record) else "drops"))
