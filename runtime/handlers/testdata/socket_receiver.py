"""A log record receiver in the style of the logging cookbook's socket server.

It listens on 127.0.0.1 for SocketHandler frames (TCP) and DatagramHandler
packets (UDP), unpickles each record, rebuilds it with logging.makeLogRecord
and prints one JSON line per record on stdout:

    {"ready": true, "tcp": PORT, "udp": PORT}      (first line)
    {"via": "tcp", "keys": [...], "message": ..., "record": {...}}

"record" is the rebuilt LogRecord's __dict__ (values JSON can't hold are
repr'd); "keys" is the order of the unpickled dict; "message" is
record.getMessage(). The receiver exits when stdin closes.

Options: --tcp-port N listens on TCP port N instead of a free one (tests
that kill the receiver start it again on the same port); --brief prints
only "via" and "message".
"""

import json
import logging
import pickle
import socket
import socketserver
import struct
import sys
import threading

out_lock = threading.Lock()


BRIEF = "--brief" in sys.argv


def report(via, obj):
    record = logging.makeLogRecord(obj)
    if BRIEF:
        line = json.dumps({"via": via, "message": record.getMessage()})
        with out_lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        return
    line = json.dumps(
        {
            "via": via,
            "keys": list(obj.keys()),
            "types": {k: type(v).__name__ for k, v in obj.items()},
            "message": record.getMessage(),
            "record": record.__dict__,
        },
        default=repr,
    )
    with out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class StreamHandler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack(">L", chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                more = self.connection.recv(slen - len(chunk))
                if not more:
                    return
                chunk = chunk + more
            report("tcp", pickle.loads(chunk))


class DatagramHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request[0]
        slen = struct.unpack(">L", data[:4])[0]
        assert slen == len(data) - 4, (slen, len(data))
        report("udp", pickle.loads(data[4:]))


class TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    port = 0
    if "--tcp-port" in sys.argv:
        port = int(sys.argv[sys.argv.index("--tcp-port") + 1])
    tcp = TCPServer(("127.0.0.1", port), StreamHandler)
    udp = socketserver.UDPServer(("127.0.0.1", 0), DatagramHandler)
    for srv in (tcp, udp):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    with out_lock:
        print(json.dumps({"ready": True, "tcp": tcp.server_address[1],
                          "udp": udp.server_address[1]}), flush=True)
    sys.stdin.read()  # until the test closes stdin or kills us


if __name__ == "__main__":
    main()
