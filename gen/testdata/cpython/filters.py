"""Applies a logging configuration with CPython, a dictConfig YAML file or
a fileConfig INI file, and prints, for each logger and handler that the
file configures, the class of each filter that the object got and whether
it passes a record, or that it got none:

    logger app: logging.Filter passes
    handler out: no filters

Usage: python3 filters.py logging.yaml|logging.ini
"""

import configparser
import logging
import logging.config
import sys

import yaml

path = sys.argv[1]
if path.endswith(".ini"):
    logging.config.fileConfig(path)
    ini = configparser.ConfigParser()
    ini.read(path)
    loggers = [ini["logger_" + k.strip()]["qualname"]
               for k in ini["loggers"]["keys"].split(",") if k.strip() != "root"]
    handlers = [k.strip() for k in ini["handlers"]["keys"].split(",") if k.strip()]
else:
    with open(path) as f:
        config = yaml.safe_load(f)
    logging.config.dictConfig(config)
    loggers = list(config.get("loggers", {}))
    handlers = list(config.get("handlers", {}))

record = logging.LogRecord("app", logging.WARNING, __file__, 1, "disk %d%% full", (95,), None)


def show(what, name, filters):
    if not filters:
        print("%s %s: no filters" % (what, name))
    for f in filters:
        print("%s %s: %s.%s %s" % (what, name, type(f).__module__, type(f).__qualname__,
                                   "passes" if f.filter(record) else "drops"))


for name in loggers:
    show("logger", name, logging.getLogger(name).filters)
for name in handlers:
    show("handler", name, logging._handlers[name].filters)
