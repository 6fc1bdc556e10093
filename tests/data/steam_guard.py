#!/usr/bin/env python3
"""Steam Guard codes, computed without otp or totp-rs: the independent reference.

A Steam Guard code is TOTP with HMAC-SHA1 and a 30-second step whose truncated value
is written in Steam's alphabet instead of decimal digits:

  1. HMAC-SHA1(secret, the step number as 8 big-endian bytes);
  2. dynamic truncation (RFC 4226, 5.3): the low 4 bits of the last byte give an
     offset, the 4 bytes there are read big-endian, the top bit dropped (31 bits);
  3. 5 times: the next character is ALPHABET[n % 26], then n //= 26.

make_plain.py and make_encrypted.py import `steam_code` to write the codes their
Steam entry must have; run this file to rewrite steam-vectors.toml (read by the
unit tests of src/code and the CLI tests):

    python3 tests/data/steam_guard.py

Tests that need a code at a time chosen while they run (the session agent serves
times near now only) ask for it, the base32 secret on standard input:

    echo SECRET | python3 tests/data/steam_guard.py --code TIME

The output is deterministic: a rerun without changes leaves `git status` clean.
"""

import base64
import hashlib
import hmac
import pathlib
import struct
import sys

ALPHABET = "23456789BCDFGHJKMNPQRTVWXY"
PERIOD = 30
LENGTH = 5

# Instants (Unix seconds) the tests compare codes at: RFC 6238's test times, the
# last second of a step and the first of the next, and one past 2038.
INSTANTS = [0, 29, 30, 59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]

# Secrets (raw bytes): RFC 6238's SHA1 seed, the 10-byte key of many examples, and
# the seed the import fixtures give their Steam account.
SECRETS = [
    b"12345678901234567890",
    b"Hello!\xde\xad\xbe\xef",
    b"steam guard secret!!",
]


def steam_code(secret: bytes, unix_time: int) -> str:
    """The Steam Guard code of `secret` at `unix_time`."""
    step = unix_time // PERIOD
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    n = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    chars = []
    for _ in range(LENGTH):
        chars.append(ALPHABET[n % len(ALPHABET)])
        n //= len(ALPHABET)
    return "".join(chars)


def b32(raw: bytes) -> str:
    """Base32 without padding."""
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def main() -> None:
    lines = [
        "# Steam Guard codes (HMAC-SHA1, 30 s, 5 characters of Steam's alphabet),",
        "# written by tests/data/steam_guard.py: edit that script, not this file.",
        "# secret is base32 without padding.",
        "",
    ]
    for secret in SECRETS:
        for time in INSTANTS:
            lines += [
                "[[steam]]",
                f'secret = "{b32(secret)}"',
                f"time = {time}",
                f'code = "{steam_code(secret, time)}"',
                "",
            ]
    path = pathlib.Path(__file__).resolve().parent / "steam-vectors.toml"
    path.write_text("\n".join(lines))
    print(f"wrote {path.name} ({len(SECRETS) * len(INSTANTS)} codes)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--code":
        text = sys.stdin.readline().strip()
        print(steam_code(base64.b32decode(text + "=" * (-len(text) % 8)), int(sys.argv[2])))
    else:
        main()
