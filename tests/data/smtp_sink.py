#!/usr/bin/env python3
"""A mail server for otpd's delivery tests (tests/otpd_delivery.rs), sharing no code
with otpd: aiosmtpd on 127.0.0.1 with STARTTLS required and AUTH (PLAIN, LOGIN)
required and checked against the username and password in its environment. Each
message it accepts is parsed with Python's email package and written as JSON to a
directory, one file per message, so the test reads it back.

Usage: smtp_sink.py OUT_DIR CERT_PEM KEY_PEM PORT_FILE
Environment: SINK_USER, SINK_PASSWORD; SINK_REFUSE, a recipient answered 550.
The port it listens on is written to PORT_FILE (with a final newline) once ready.
"""
import json
import os
import socket
import ssl
import sys
import time
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

OUT, CERT, KEY, PORT_FILE = sys.argv[1:5]
USER = os.environ["SINK_USER"].encode()
PASSWORD = os.environ["SINK_PASSWORD"].encode()
REFUSE = os.environ.get("SINK_REFUSE", "")


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if REFUSE and address == REFUSE:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode()
        message = BytesParser(policy=policy.default).parsebytes(raw)
        legacy = BytesParser(policy=policy.compat32).parsebytes(raw)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() != "multipart":
                parts[part.get_content_type()] = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "authenticated": bool(getattr(session, "authenticated", False)),
            "tls": getattr(session, "ssl", None) is not None,
            "headers": {name: str(value) for name, value in message.items()},
            "raw_subject": str(legacy["Subject"]),
            "raw_is_ascii": raw.isascii(),
            "content_type": message.get_content_type(),
            "parts": parts,
        }
        self.count += 1
        tmp = os.path.join(OUT, f".{self.count}.tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(tmp, os.path.join(OUT, f"{self.count}.json"))
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER
        and auth_data.password == PASSWORD
    )
    return AuthResult(success=ok, handled=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(CERT, KEY)
port = free_port()
controller = Controller(
    Sink(),
    hostname="127.0.0.1",
    port=port,
    tls_context=context,
    require_starttls=True,
    authenticator=authenticator,
    auth_required=True,
    auth_require_tls=True,
)
controller.start()
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(f"{port}\n")
os.rename(PORT_FILE + ".tmp", PORT_FILE)
while True:
    time.sleep(3600)
