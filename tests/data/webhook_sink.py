#!/usr/bin/env python3
"""A webhook receiver for otpd's delivery tests (tests/otpd_delivery.rs), sharing no
code with otpd: checks each request's X-Otpd-Signature (t=<unix>,v1=<hex
HMAC-SHA256(secret, "<t>.<body>")>, timestamp within 5 minutes) with Python's hmac,
answers with the next status of a script, and writes each request as JSON (headers,
body, whether the signature verified) to a directory.

Usage: webhook_sink.py OUT_DIR PORT_FILE
Environment: SINK_SECRET; SINK_STATUSES, e.g. "503,503,200" (the last repeats).
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

OUT, PORT_FILE = sys.argv[1:3]
SECRET = os.environ["SINK_SECRET"].encode()
STATUSES = [int(s) for s in os.environ.get("SINK_STATUSES", "200").split(",")]
seen = []


def verified(header, body):
    fields = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    stamp, given = fields.get("t", ""), fields.get("v1", "")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > 300:
        return False
    expected = hmac.new(SECRET, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = STATUSES[min(len(seen), len(STATUSES) - 1)]
        seen.append(status)
        record = {
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "signature_ok": verified(self.headers.get("X-Otpd-Signature", ""), body),
            "body": json.loads(body.decode("utf-8")),
            "status": status,
        }
        tmp = os.path.join(OUT, f".{len(seen)}.tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(tmp, os.path.join(OUT, f"{len(seen)}.json"))
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Receiver)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(f"{server.server_address[1]}\n")
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
