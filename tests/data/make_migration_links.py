#!/usr/bin/env python3
"""Writes Google Authenticator export links byte by byte, without otp or protobuf.

The unit tests of src/transfer/google.rs paste these links to check the reader
against an encoder that shares no code with it. Run: python3 make_migration_links.py
"""
import base64
import urllib.parse


def varint(n):
    n &= (1 << 64) - 1
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if n:
            out += bytes([low | 0x80])
        else:
            return out + bytes([low])


def field(number, wire_type, value):
    """A protobuf field: wire type 0 (varint) or 2 (length-delimited bytes)."""
    key = varint(number << 3 | wire_type)
    if wire_type == 2:
        return key + varint(len(value)) + value
    return key + varint(value)


def otp(secret, name, issuer, algorithm, digits, otp_type, counter=None):
    """OtpParameters: algorithm 1 SHA1 2 SHA256 3 SHA512, digits 1 six 2 eight,
    type 1 HOTP 2 TOTP."""
    message = field(1, 2, secret) + field(2, 2, name.encode()) + field(3, 2, issuer.encode())
    message += field(4, 0, algorithm) + field(5, 0, digits) + field(6, 0, otp_type)
    if counter is not None:
        message += field(7, 0, counter)
    return message


def link(entries, *header):
    """MigrationPayload: the entries, then version, batch_size, batch_index, batch_id."""
    payload = b"".join(field(1, 2, entry) for entry in entries)
    payload += b"".join(field(number, 0, value) for number, value in header)
    data = base64.b64encode(payload).decode()
    return "otpauth-migration://offline?data=" + urllib.parse.quote(data, safe="")


# RFC 6238 / RFC 4226 seeds: TOTP SHA1 8 digits, TOTP SHA256 8 digits, HOTP SHA1 counter 1.
print(link([
    otp(b"12345678901234567890", "Example:alice@example.com", "Example", 1, 2, 2),
    otp(b"12345678901234567890123456789012", "bob", "ACME Co", 2, 2, 2),
    otp(b"12345678901234567890", "carol", "", 1, 1, 1, 1),
], (2, 1), (3, 1), (4, 0), (5, 123456789)))

# A secret chosen so that the base64 holds '+', '/' and '=' padding.
print(link([
    otp(bytes(2) + bytes.fromhex("fbefbeffffff") * 3, "pluss", "Slash", 3, 1, 2),
], (2, 1)))
