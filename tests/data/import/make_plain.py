#!/usr/bin/env python3
"""Writes the unencrypted import fixtures of tests/import.rs and what they hold.

Rerun from the repository root after changing an entry below:

    python3 -m pip install 'segno==1.6.6' 'pillow==13.0.0'
    python3 tests/data/import/make_plain.py

The output is deterministic (no clock, no randomness; the pinned segno and Pillow
draw the same pictures), so a rerun without changes leaves `git status` clean.

Files written next to this script:

- andotp.json          andOTP plain JSON backup (a list of entries, base32 secrets)
- freeotp-plus.json    FreeOTP+ JSON export ({"tokenOrder", "tokens"}, secrets as
                       signed byte arrays, the issuer in "issuerExt")
- uris.txt             otpauth:// links, one a line, with a comment and a blank line
- google-migration.txt Google Authenticator export: two otpauth-migration:// links
                       (batch_size 2), protobuf written by hand below
- google-migration.png a QR code of the second migration link
- otpauth-qr.png/.jpg  a QR code of alice's otpauth:// link
- bitwarden.json       Bitwarden unencrypted JSON export ({"encrypted": false, "folders",
                       "items"}); the TOTP key of a login item in login.totp
- bitwarden.csv        Bitwarden CSV export of a personal vault (folder, favorite, ...)
- bitwarden-org.csv    Bitwarden CSV export of an organisation vault (collections, ...)
- proton.json          Proton Authenticator export ({"version": 1, "entries"}), links
- authpro-plain.authpro
                       Authenticator Pro / Stratum backup without a password
                       ({"Authenticators", "Categories", "AuthenticatorCategories",
                       "CustomIcons"}; types and algorithms as numbers)
- freeotp-tokens.xml   FreeOTP 1's tokens.xml (Android preferences: "tokenOrder" and
                       each token's Gson JSON, secrets as signed byte arrays)
- expected-plain.toml  the accounts each of the files above (but Google's) holds
- expected-google.toml the accounts the Google files hold

The entries are the ones tests/data/import/make_encrypted.py writes to the Aegis and
2FAS fixtures; Google's export cannot hold a period or 7 digits, so its files hold
alice and dave plus two entries of their own (frank, grace).

Truncated and damaged copies are made by the tests at run time, not here.
"""

import base64
import hashlib
import io
import json
import pathlib
import csv
import urllib.parse
import uuid

import sys

import segno
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from steam_guard import steam_code  # noqa: E402  (tests/data/steam_guard.py)

# The instants (Unix seconds) at which the expected files give a Steam account's
# codes (oathtool cannot compute them): tests/import.rs compares `otp code --at T`.
STEAM_INSTANTS = [59, 1111111109, 2000000000]


def b32(raw: bytes) -> str:
    """Base32 without padding, as authenticator apps show it."""
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


# id -> entry. "kind" is totp, hotp or steam; "counter" is the counter of the next code.
ENTRIES = {
    "alice": dict(issuer="GitHub", name="alice@example.com", kind="totp",
                  algorithm="SHA1", digits=6, period=30, secret="JBSWY3DPEHPK3PXP"),
    "bob": dict(issuer="Example", name="bob", kind="totp", algorithm="SHA256",
                digits=8, period=60, secret=b32(b"12345678901234567890123456789012")),
    "carol": dict(issuer="Bank", name="carol", kind="totp", algorithm="SHA512",
                  digits=7, period=30,
                  secret=b32(b"1234567890123456789012345678901234567890123456789012345678901234")),
    # RFC 4226's test key "12345678901234567890", as make_encrypted.py has it.
    "dave": dict(issuer="VPN", name="dave", kind="hotp", algorithm="SHA1", digits=6,
                 counter=5, secret=b32(b"12345678901234567890")),
    # Steam Guard (5 characters of Steam's alphabet, SHA1, 30 s): every importer
    # must read it as a Steam Guard account. The secret is make_encrypted.py's erin's.
    "erin": dict(issuer="Steam", name="erin", kind="steam", algorithm="SHA1", digits=5,
                 period=30, secret=b32(b"steam guard secret!!")),
    # The other periods, code lengths and HOTP algorithms every format that can hold
    # them must keep: 20 s under an issuer with a space, 50 s with SHA256 and 7
    # digits, and HOTP with SHA512 and SHA256 (pyotp checks those codes: oathtool's
    # HOTP is SHA1 only).
    "heidi": dict(issuer="Air Canada", name="heidi", kind="totp", algorithm="SHA1",
                  digits=6, period=20, secret=b32(b"air canada heidi 20s")),
    "ivan": dict(issuer="Forum", name="ivan", kind="totp", algorithm="SHA256",
                 digits=7, period=50, secret=b32(b"forum ivan fifty seconds")),
    "judy": dict(issuer="Bank", name="judy", kind="hotp", algorithm="SHA512",
                 digits=8, counter=7, secret=b32(b"judy counter sha512 key")),
    "ken": dict(issuer="Mail", name="ken", kind="hotp", algorithm="SHA256", digits=6,
                counter=0, secret=b32(b"ken counter sha256 key!!")),
    # Only in Google's files: what Google can hold besides alice and dave.
    "frank": dict(issuer="Extra", name="frank", kind="totp", algorithm="SHA256",
                  digits=6, period=30, secret="GEZDGNBVGY3DQOJQ"),
    "grace": dict(issuer="Extra", name="grace", kind="totp", algorithm="SHA512",
                  digits=8, period=30, secret=b32(b"abcdefghijklmnopqrst")),
}
PLAIN = ["alice", "bob", "carol", "dave", "erin", "heidi", "ivan", "judy", "ken"]


def label(entry: dict) -> str:
    return f"{entry['issuer']}:{entry['name']}"


# --- andOTP -----------------------------------------------------------------------
# A JSON array; one object per entry with secret (base32), issuer, label (the account
# name), digits, type (TOTP, HOTP or STEAM), algorithm, thumbnail, last_used,
# used_frequency, tags, and period (TOTP, STEAM) or counter (HOTP).
def andotp() -> str:
    out = []
    for i, key in enumerate(PLAIN):
        e = ENTRIES[key]
        item = {
            "secret": e["secret"],
            "issuer": e["issuer"],
            "label": e["name"],
            "digits": e["digits"],
            "type": e["kind"].upper(),
            "algorithm": e["algorithm"],
            "thumbnail": "Default",
            "last_used": 1700000000000 + i,
            "used_frequency": i,
            "tags": ["work"] if key == "alice" else [],
        }
        if e["kind"] == "hotp":
            item["counter"] = e["counter"]
        else:
            item["period"] = e["period"]
        out.append(item)
    return json.dumps(out, indent=2) + "\n"


# --- FreeOTP+ ---------------------------------------------------------------------
# {"tokenOrder": ["issuer:label", ...], "tokens": [...]}: each token has algo, counter,
# digits, issuerExt, label, period, secret (the raw key as Java's signed bytes), type
# (TOTP or HOTP). FreeOTP+ has no Steam type: it draws Steam codes for any token
# whose issuer is "Steam" (TokenCodeUtil in FreeOTP+), so erin is a 5-digit SHA1 TOTP
# token of that issuer.
def signed(raw: bytes) -> list:
    return [b - 256 if b > 127 else b for b in raw]


def freeotp() -> str:
    tokens = []
    for key in PLAIN:
        e = ENTRIES[key]
        tokens.append({
            "algo": e["algorithm"],
            "counter": e.get("counter", 0),
            "digits": e["digits"],
            "issuerExt": e["issuer"],
            "label": e["name"],
            "period": e.get("period", 30),
            "secret": signed(unb32(e["secret"])),
            "type": "HOTP" if e["kind"] == "hotp" else "TOTP",
        })
    doc = {"tokenOrder": [label(ENTRIES[k]) for k in PLAIN], "tokens": tokens}
    return json.dumps(doc, indent=2) + "\n"


# --- otpauth:// links (Key URI format) --------------------------------------------
def quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def otpauth(entry: dict, defaults: bool = False) -> str:
    kind = entry["kind"]
    path = f"{quote(entry['issuer'])}:{quote(entry['name'])}"
    params = [("secret", entry["secret"]), ("issuer", entry["issuer"])]
    if not defaults or entry["algorithm"] != "SHA1":
        params.append(("algorithm", entry["algorithm"]))
    if not defaults or entry["digits"] != 6:
        params.append(("digits", str(entry["digits"])))
    if kind == "hotp":
        params.append(("counter", str(entry["counter"])))
    elif not defaults or entry["period"] != 30:
        params.append(("period", str(entry["period"])))
    query = "&".join(f"{k}={quote(v)}" for k, v in params)
    return f"otpauth://{kind}/{path}?{query}"


def plus_for_space(link: str) -> str:
    """The link with each space in its query written `+` instead of `%20`."""
    path, query = link.split("?", 1)
    return path + "?" + query.replace("%20", "+")


def uris() -> str:
    e = ENTRIES
    lines = [
        "# Accounts exported as otpauth:// links, one a line (test fixture)",
        otpauth(e["alice"], defaults=True),  # algorithm, digits and period left out
        otpauth(e["bob"]),
        "",
        otpauth(e["carol"]),
        otpauth(e["dave"]),
        # As Aegis writes a Steam link: every parameter, Steam's values.
        otpauth(e["erin"]),
        # A space in a parameter as form encoding writes it (issuer=Air+Canada), as
        # many apps do; the label keeps %20.
        plus_for_space(otpauth(e["heidi"])),
        otpauth(e["ivan"]),
        otpauth(e["judy"]),
        otpauth(e["ken"]),
    ]
    return "\n".join(lines) + "\n"


# --- Bitwarden ----------------------------------------------------------------------
# Bitwarden's vault export (bitwarden/clients, libs/tools/export: the individual vault
# export service and the cipher export models). A login item (type 1) keeps its TOTP
# key in login.totp as the user entered it: an otpauth:// link, "steam://SECRET", or a
# bare base32 secret (Bitwarden then makes 6-digit SHA1 codes every 30 s). Secure notes
# (type 2), cards (3) and identities (4) have no TOTP key; neither has a login without
# one. Bitwarden ignores a link's type and makes TOTP codes even from otpauth://hotp:
# dave's link is one such, which otp reads as the HOTP account it describes.
def fixed_uuid(label: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "otp-test:" + label))


BITWARDEN_DATE = "2024-05-06T07:08:09.123Z"


def bitwarden_totp(key: str) -> str:
    e = ENTRIES[key]
    if key == "alice":
        return e["secret"]  # a bare secret: SHA1, 6 digits, 30 s
    if e["kind"] == "steam":
        return "steam://" + e["secret"]
    return otpauth(e)


def bitwarden_item(name: str, kind: int, **extra) -> dict:
    item = {
        "passwordHistory": None,
        "revisionDate": BITWARDEN_DATE,
        "creationDate": BITWARDEN_DATE,
        "deletedDate": None,
        "id": fixed_uuid("bitwarden/" + name),
        "organizationId": None,
        "folderId": fixed_uuid("bitwarden/folder"),
        "type": kind,
        "reprompt": 0,
        "name": name,
        "notes": None,
        "favorite": False,
        "collectionIds": None,
    }
    item.update(extra)
    return item


def bitwarden_login(username, totp, uris=(), password="correct-horse") -> dict:
    return {
        "fido2Credentials": [],
        "uris": [{"match": None, "uri": u} for u in uris],
        "username": username,
        "password": password,
        "totp": totp,
    }


# Items with no TOTP key, between the accounts: four, which the report counts.
BITWARDEN_OTHERS = 4


def bitwarden_items() -> list:
    items = []
    for key in PLAIN:
        e = ENTRIES[key]
        items.append(bitwarden_item(
            e["issuer"], 1,
            notes="recovery codes: 1234-5678, 9012-3456\nkept on paper",
            login=bitwarden_login(e["name"], bitwarden_totp(key),
                                  ["https://example.com/login", "https://example.org"]),
        ))
        if key == "alice":
            items.append(bitwarden_item("Mail", 1, login=bitwarden_login("alice", None)))
            items.append(bitwarden_item("Wi-Fi", 2, notes="ssid, \"home\"",
                                        secureNote={"type": 0}))
        if key == "carol":
            items.append(bitwarden_item("Visa", 3, card={
                "cardholderName": "Carol", "brand": "Visa", "number": "4111111111111111",
                "expMonth": "1", "expYear": "2030", "code": "123"}))
            items.append(bitwarden_item("Me", 4, identity={"firstName": "Carol"}))
    return items


def bitwarden_json() -> str:
    doc = {
        "encrypted": False,
        "folders": [{"id": fixed_uuid("bitwarden/folder"), "name": "2FA"}],
        "items": bitwarden_items(),
    }
    return json.dumps(doc, indent=2) + "\n"


def bitwarden_fields(item: dict) -> dict:
    """The columns every CSV export has, as the export service fills them."""
    login = item.get("login") or {}
    return {
        "type": {1: "login", 2: "note"}.get(item["type"]),
        "name": item["name"],
        "notes": item["notes"] or "",
        "fields": "",
        "reprompt": item["reprompt"],
        "login_uri": ",".join(u["uri"] for u in login.get("uris", [])),
        "login_username": login.get("username") or "",
        "login_password": login.get("password") or "",
        "login_totp": login.get("totp") or "",
    }


def bitwarden_csv(organisation: bool) -> str:
    # Only logins and secure notes are written to a CSV export.
    items = [i for i in bitwarden_items() if i["type"] in (1, 2)]
    first = ["collections"] if organisation else ["folder", "favorite"]
    header = first + ["type", "name", "notes", "fields", "reprompt", "login_uri",
                      "login_username", "login_password", "login_totp"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for item in items:
        row = bitwarden_fields(item)
        if organisation:
            row["collections"] = "Team,Shared"
        else:
            row["folder"] = "2FA"
            row["favorite"] = ""
        writer.writerow(row)
    return out.getvalue()


# --- Proton Authenticator ---------------------------------------------------------
# proton-pass-common, proton-authenticator/src/entry/exporter.rs: {"version": 1,
# "entries": [{"id", "content": {"uri", "entry_type": "Totp" | "Steam", "name"},
# "note"}]}. Proton Authenticator holds TOTP and Steam entries only (no HOTP, so no
# dave); a Steam entry's uri is steam://SECRET.
def proton_entries() -> list:
    entries = []
    for key in ["alice", "bob", "carol", "erin", "heidi", "ivan"]:
        e = ENTRIES[key]
        if e["kind"] == "steam":
            content = {"uri": "steam://" + e["secret"], "entry_type": "Steam",
                       "name": e["name"]}
        else:
            content = {"uri": otpauth(e), "entry_type": "Totp", "name": e["name"]}
        entries.append({"id": fixed_uuid("proton/" + key), "content": content,
                        "note": "work" if key == "bob" else None})
    return entries


def proton_json() -> str:
    return json.dumps({"version": 1, "entries": proton_entries()}, separators=(",", ":"))


# --- Authenticator Pro / Stratum ----------------------------------------------------
# The unencrypted backup of Authenticator Pro (jamie-mh/AuthenticatorPro,
# doc/BACKUP_FORMAT.md; Stratum, its renamed successor, writes the same): one JSON
# object serialised by System.Text.Json (compact, property names as the C# classes
# declare them). Each authenticator has Type (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam,
# 5 Yandex), Icon, Issuer (never blank), Username (may be null), Secret (upper-case
# base32), Pin (mOTP and Yandex only), Algorithm (0 SHA-1, 1 SHA-256, 2 SHA-512),
# Digits, Period, Counter (the counter of the code shown), Ranking and CopyCount.
# A category's Id is the first 8 hex digits of SHA-1 of its name;
# AuthenticatorCategories binds secrets to categories.
AUTHPRO_TYPES = {"hotp": 1, "totp": 2, "motp": 3, "steam": 4, "yandex": 5}
AUTHPRO_ALGORITHMS = {"SHA1": 0, "SHA256": 1, "SHA512": 2}


def authpro() -> str:
    authenticators = []
    for ranking, key in enumerate(PLAIN):
        e = ENTRIES[key]
        authenticators.append({
            "Type": AUTHPRO_TYPES[e["kind"]],
            "Icon": e["issuer"].lower(),
            "Issuer": e["issuer"],
            "Username": e["name"],
            "Secret": e["secret"],
            "Pin": None,
            "Algorithm": AUTHPRO_ALGORITHMS[e["algorithm"]],
            "Digits": e["digits"],
            "Period": e.get("period", 30),
            "Counter": e.get("counter", 0),
            "Ranking": ranking,
            "CopyCount": ranking * 3,
        })
    work = hashlib.sha1(b"Work").hexdigest()[:8]
    doc = {
        "Authenticators": authenticators,
        "Categories": [{"Id": work, "Name": "Work", "Ranking": 0}],
        "AuthenticatorCategories": [
            {"CategoryId": work, "AuthenticatorSecret": ENTRIES["alice"]["secret"],
             "Ranking": 0},
        ],
        "CustomIcons": [],
    }
    return json.dumps(doc, separators=(",", ":"))


# --- FreeOTP 1 (before 2.0): tokens.xml ------------------------------------------
# github.com/freeotp/freeotp-android, app/ (TokenPersistence, Token): the preferences
# file "tokens" maps "tokenOrder" to a JSON list of token IDs (issuerInt:label, else
# issuerExt:label, else label; the newest first) and each ID to Gson's JSON of the
# Token: issuerInt (the link's issuer=), issuerExt (the label's prefix), issuerAlt
# and labelAlt (names the user gave, else absent), label, type, algo (upper case),
# secret (signed bytes), digits, counter (of the next code), period, in that order.
# FreeOTP 1 draws Steam's letters for the issuerExt "Steam", with the link's digits
# (erin's link says 5). carol was renamed in the app: labelAlt is what it showed.
# Android's XmlUtils writes the map in its HashMap's order, not tokenOrder's.
def freeotp1_token(key: str) -> dict:
    e = ENTRIES[key]
    token = {"issuerInt": e["issuer"], "issuerExt": e["issuer"]}
    token["label"] = "carol.old" if key == "carol" else e["name"]
    if key == "carol":
        token["labelAlt"] = e["name"]
    token["type"] = "HOTP" if e["kind"] == "hotp" else "TOTP"
    token["algo"] = e["algorithm"]
    token["secret"] = signed(unb32(e["secret"]))
    token["digits"] = e["digits"]
    token["counter"] = e.get("counter", 0)
    token["period"] = e.get("period", 30)
    return token


def android_xml_escape(text: str) -> str:
    """What Android's FastXmlSerializer escapes in text and attribute values."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def freeotp1_tokens_xml() -> str:
    tokens = {}
    for key in PLAIN:
        token = freeotp1_token(key)
        tokens[f"{token['issuerInt']}:{token['label']}"] = json.dumps(token, separators=(",", ":"))
    entries = sorted(tokens.items(), reverse=True)
    entries.insert(2, ("tokenOrder", json.dumps(list(tokens), separators=(",", ":"))))
    lines = ["<?xml version='1.0' encoding='utf-8' standalone='yes' ?>", "<map>"]
    for name, value in entries:
        lines.append(f'    <string name="{android_xml_escape(name)}">'
                     f"{android_xml_escape(value)}</string>")
    lines.append("</map>")
    return "\n".join(lines) + "\n"


# --- Google Authenticator otpauth-migration:// ------------------------------------
# MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
#   int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
# OtpParameters { bytes secret = 1; string name = 2; string issuer = 3;
#   Algorithm algorithm = 4 (1 SHA1, 2 SHA256, 3 SHA512, 4 MD5);
#   DigitCount digits = 5 (1 six, 2 eight); OtpType type = 6 (1 HOTP, 2 TOTP);
#   int64 counter = 7; }
def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low = n & 0x7F
        n >>= 7
        if n:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def field_varint(number: int, value: int) -> bytes:
    return varint(number << 3 | 0) + varint(value)


def field_bytes(number: int, value: bytes) -> bytes:
    return varint(number << 3 | 2) + varint(len(value)) + value


ALGORITHMS = {"SHA1": 1, "SHA256": 2, "SHA512": 3}
DIGITS = {6: 1, 8: 2}


def otp_parameters(entry: dict, name: str) -> bytes:
    out = field_bytes(1, unb32(entry["secret"]))
    out += field_bytes(2, name.encode())
    out += field_bytes(3, entry["issuer"].encode())
    out += field_varint(4, ALGORITHMS[entry["algorithm"]])
    out += field_varint(5, DIGITS[entry["digits"]])
    out += field_varint(6, 1 if entry["kind"] == "hotp" else 2)
    if entry["kind"] == "hotp":
        out += field_varint(7, entry["counter"])
    return out


BATCH_ID = 1106


def migration_link(params: list, index: int, size: int) -> str:
    payload = b"".join(field_bytes(1, p) for p in params)
    payload += field_varint(2, 1) + field_varint(3, size)
    payload += field_varint(4, index) + field_varint(5, BATCH_ID)
    data = base64.b64encode(payload).decode("ascii")
    return "otpauth-migration://offline?data=" + quote(data)


# (id, the name field as Google stores it): Google keeps whatever label the account
# was added with, often "issuer:name".
GOOGLE_BATCHES = [
    [("alice", "alice@example.com"), ("frank", "Extra:frank")],
    [("grace", "grace"), ("dave", "dave")],
]


def google_links() -> list:
    return [
        migration_link([otp_parameters(ENTRIES[k], n) for k, n in batch], i,
                       len(GOOGLE_BATCHES))
        for i, batch in enumerate(GOOGLE_BATCHES)
    ]


# --- QR pictures ------------------------------------------------------------------
def qr_png(text: str) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=8, border=4)
    return buf.getvalue()


def qr_jpeg(text: str) -> bytes:
    picture = Image.open(io.BytesIO(qr_png(text))).convert("L")
    buf = io.BytesIO()
    picture.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


# --- What the files hold ----------------------------------------------------------
def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def expected(keys: list, files: dict, title: str, skipped: dict = {}) -> str:
    out = [
        f"# {title}",
        "# Written by tests/data/import/make_plain.py: edit that script, not this file.",
        "# [accounts.ID]: an account as otp must store it (secret in base32, for oathtool;",
        "# a Steam Guard account's codes at fixed times, from tests/data/steam_guard.py);",
        "# [files.\"NAME\"]: the accounts (IDs) a file holds and the labels it must leave out",
        "# (and, for a password manager's export, how many of its items hold no TOTP key).",
        "",
    ]
    for key in keys:
        e = ENTRIES[key]
        out.append(f"[accounts.{key}]")
        out.append(f"label = {toml_string(label(e))}")
        out.append(f"issuer = {toml_string(e['issuer'])}")
        out.append(f"name = {toml_string(e['name'])}")
        out.append(f"type = {toml_string(e['kind'])}")
        out.append(f"algorithm = {toml_string(e['algorithm'])}")
        out.append(f"digits = {e['digits']}")
        if e["kind"] == "hotp":
            out.append(f"counter = {e['counter']}")
        else:
            out.append(f"period = {e['period']}")
        out.append(f"secret = {toml_string(e['secret'])}")
        if e["kind"] == "steam":
            codes = [f'{{ time = {t}, code = "{steam_code(unb32(e["secret"]), t)}" }}'
                     for t in STEAM_INSTANTS]
            out.append("codes = [" + ", ".join(codes) + "]")
        out.append("")
    for name, (fmt, ids, left_out) in files.items():
        out.append(f"[files.{toml_string(name)}]")
        out.append(f"format = {toml_string(fmt)}")
        out.append("accounts = [" + ", ".join(toml_string(i) for i in ids) + "]")
        out.append("left_out = [" + ", ".join(toml_string(i) for i in left_out) + "]")
        if name in skipped:
            out.append(f"without_code = {skipped[name]}")
        out.append("")
    return "\n".join(out)


def main() -> None:
    plain = list(PLAIN)
    links = google_links()
    outputs = {
        "andotp.json": andotp().encode(),
        "freeotp-plus.json": freeotp().encode(),
        "uris.txt": uris().encode(),
        "google-migration.txt": ("\n".join(links) + "\n").encode(),
        "google-migration.png": qr_png(links[1]),
        "otpauth-qr.png": qr_png(otpauth(ENTRIES["alice"], defaults=True)),
        "otpauth-qr.jpg": qr_jpeg(otpauth(ENTRIES["alice"], defaults=True)),
        "bitwarden.json": bitwarden_json().encode(),
        "bitwarden.csv": bitwarden_csv(organisation=False).encode(),
        "bitwarden-org.csv": bitwarden_csv(organisation=True).encode(),
        "proton.json": proton_json().encode(),
        "freeotp-tokens.xml": freeotp1_tokens_xml().encode(),
        "authpro-plain.authpro": authpro().encode(),
        "expected-plain.toml": expected(plain, {
            "andotp.json": ("andotp", plain, []),
            "freeotp-plus.json": ("freeotp", plain, []),
            "uris.txt": ("uris", plain, []),
            "otpauth-qr.png": ("qr", ["alice"], []),
            "otpauth-qr.jpg": ("qr", ["alice"], []),
            "bitwarden.json": ("bitwarden", plain, []),
            "bitwarden.csv": ("bitwarden-csv", plain, []),
            "bitwarden-org.csv": ("bitwarden-csv", plain, []),
            "proton.json": ("proton", ["alice", "bob", "carol", "erin", "heidi", "ivan"], []),
            "authpro-plain.authpro": ("authpro", plain, []),
            "freeotp-tokens.xml": ("freeotp-tokens", plain, []),
        }, "Accounts of the plain import fixtures.", skipped={
            "bitwarden.json": BITWARDEN_OTHERS,
            # A CSV export holds logins and notes only: no card, no identity.
            "bitwarden.csv": BITWARDEN_OTHERS - 2,
            "bitwarden-org.csv": BITWARDEN_OTHERS - 2,
        }).encode(),
        "expected-google.toml": expected(["alice", "frank", "grace", "dave"], {
            "google-migration.txt": ("google", ["alice", "frank", "grace", "dave"], []),
            "google-migration.png": ("qr", ["grace", "dave"], []),
        }, "Accounts of the Google Authenticator fixtures (TOTP at 30 s: Google has no period).").encode(),
    }
    for name, data in outputs.items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
