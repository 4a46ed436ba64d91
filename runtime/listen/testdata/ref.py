"""The Python side of runtime/listen's tests.

    ref.py send PORT FILE     sends FILE to a listener as Python's
                              logging.config.listen documents it
    ref.py apply FILE         applies FILE as Python's listener does (JSON
                              dictConfig, else fileConfig) and makes the
                              log calls of calls(); the Go test makes the
                              same calls after its listener applied FILE
"""
import io
import json
import logging
import logging.config
import socket
import struct
import sys


def calls():
    app = logging.getLogger("app")
    db = logging.getLogger("app.db")
    other = logging.getLogger("other")
    app.debug("debug %d", 1)
    app.info("info %s", "x")
    db.warning("db warning")
    db.debug("db debug")
    other.warning("other warning")
    other.info("other info")
    logging.getLogger().error("root error")
    logging.getLogger("app.db.filtered").critical("critical")


def main():
    if sys.argv[1] == "send":
        data = open(sys.argv[3], "rb").read()
        s = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
        s.sendall(struct.pack(">L", len(data)) + data)
        s.close()
        return
    chunk = open(sys.argv[2], "rb").read().decode("utf-8")
    # logging/config.py, ConfigStreamHandler.handle
    try:
        d = json.loads(chunk)
        assert isinstance(d, dict)
        logging.config.dictConfig(d)
    except Exception:
        logging.config.fileConfig(io.StringIO(chunk))
    calls()
    logging.shutdown()


main()
