#!/usr/bin/env python3
"""Import test files for otp, written by an implementation independent of otp's.

Writes, next to this script (or into --out DIR):

  aegis-plain.json        Aegis vault export, not encrypted
  aegis-encrypted.json    the same, encrypted with PASSWORD (scrypt + AES-256-GCM)
  2fas-plain.2fas         2FAS backup, not encrypted
  2fas-encrypted.2fas     the same, encrypted with PASSWORD (PBKDF2-SHA256 + AES-256-GCM)
  bitwarden-encrypted.json
                          Bitwarden password-protected export (PBKDF2-SHA256 at
                          Bitwarden's default 600 000 iterations; AES-256-CBC + HMAC)
  bitwarden-encrypted-argon2.json
                          the same with Argon2id (Bitwarden's defaults: 3 iterations,
                          64 MiB, 4 lanes)
  proton-encrypted.json   Proton Authenticator export with a password (Argon2id +
                          AES-256-GCM)
  authpro-encrypted.authpro
                          Authenticator Pro / Stratum backup with a password, the
                          current format (Argon2id + AES-256-GCM)
  authpro-encrypted-legacy.authpro
                          the same in the legacy format (PBKDF2-SHA1 + AES-256-CBC)
  andotp-encrypted.json.aes
                          andOTP encrypted backup (PBKDF2-SHA1 + AES-256-GCM)
  andotp-encrypted-old.json.aes
                          the same in andOTP's old format (SHA-256 of the password
                          as the key); otp cannot recognise it by its content
  freeotp-backup-encrypted.xml
                          FreeOTP 2 backup as its Backup menu writes it: a Java-
                          serialised HashMap<String, String> (PBKDF2-HMAC-SHA512,
                          FreeOTP's 100 000 iterations; AES-256-GCM)
  freeotp-tokenBackup-encrypted.xml
                          the same map as Android's preferences file tokenBackup.xml,
                          from a phone without PBKDF2-SHA512 (PBKDF2-HMAC-SHA1)
  expected.toml           the accounts otp must read from each of them, with the
                          Steam Guard account's codes at fixed instants (computed by
                          ../steam_guard.py, since oathtool cannot)

PASSWORD is "correct horse battery staple". Salts, keys and nonces are derived
from fixed labels, so rerunning gives byte-identical files:

  pip install cryptography argon2-cffi          # once
  python3 tests/data/import/make_encrypted.py

The formats follow the apps' own descriptions, not otp's code:
  - Aegis: docs/vault.md in github.com/beemdevelopment/Aegis (header with password
    slots; scrypt N=2^15 r=8 p=1 wraps a random master key; the master key encrypts
    the database; nonces and tags in lower-case hex, the database in padded base64).
  - 2FAS: the backup files of github.com/twofas/2fas-android (servicesEncrypted is
    base64(ciphertext+tag):base64(salt):base64(iv); PBKDF2-HMAC-SHA256, 10000
    iterations, 256-bit key; "reference" encrypts a fixed text with the same key).
  - Bitwarden: bitwarden/clients (libs/tools/export, BaseVaultExportService's
    password export; KeyGenerationService.stretchKey) and bitwarden/sdk-internal (the
    KDFs, EncString type 2). The key is PBKDF2-HMAC-SHA256 of the password with the
    UTF-8 bytes of the "salt" text (base64 of 16 random bytes, not decoded), or
    Argon2id (v19, kdfMemory MiB, 32 bytes) with SHA-256 of those bytes as its salt;
    HKDF-Expand-SHA256 of it with info "enc" and "mac" gives two 32-byte keys. Each
    encrypted field is "2.<b64 iv>|<b64 AES-256-CBC ciphertext, PKCS#7>|<b64
    HMAC-SHA256(mac key, iv || ciphertext)>"; encKeyValidation_DO_NOT_EDIT encrypts a
    random GUID and "data" the unencrypted JSON export.
  - Proton Authenticator: proton-pass-common (proton-authenticator/src/entry/
    password_exporter.rs): {"version": 1, "salt": b64(16 bytes), "content":
    b64(nonce || ciphertext || tag)}; Argon2id v19, 19 MiB, 2 passes, 1 lane, 32-byte
    key; AES-256-GCM with a 12-byte nonce and the associated data
    "proton.authenticator.export.v1"; the plaintext is the plain JSON export.
  - Authenticator Pro / Stratum: doc/BACKUP_FORMAT.md and extra/decrypt_backup.py
    in github.com/jamie-mh/AuthenticatorPro, and StrongBackupEncryption.cs /
    LegacyBackupEncryption.cs in github.com/stratumauth/app. The backup JSON (as
    System.Text.Json writes it: compact) is encrypted in one of two layouts:
      current: "AUTHENTICATORPRO" || salt (16) || iv (12) || AES-256-GCM ciphertext
               || tag (16); key = Argon2id v19 (3 passes, 64 MiB, 4 lanes, 32 bytes)
      legacy:  "AuthenticatorPro" || salt (20) || iv (16) || AES-256-CBC ciphertext
               (PKCS#7); key = PBKDF2-HMAC-SHA1, 64000 iterations, 32 bytes
  - andOTP: Utilities/BackupHelper.java, EncryptionHelper.java, Constants.java and
    Tasks/EncryptedRestoreTask.java in github.com/andOTP/andOTP. The plain backup
    (a JSON array, Entry.toJSON) is encrypted as
      new: iterations (4 bytes, big-endian) || salt (12) || iv (12) || AES-256-GCM
           ciphertext || tag (16); key = PBKDF2-HMAC-SHA1 (UTF-8 password, 256
           bits), andOTP picks the iterations in 140000..160000
      old: iv (12) || AES-256-GCM ciphertext || tag (16); key = SHA-256 of the
           UTF-8 password
  - FreeOTP 2: github.com/freeotp/freeotp-android (TokenPersistence: the backup is
    the map of the "tokenBackup" preferences, written with ObjectOutputStream;
    encryptor/MasterKey.java, EncryptedKey.java; Token.java) and the Java Object
    Serialization Specification, chapter 6. "masterKey" holds Gson's JSON of
    MasterKey: PBKDF2 (mAlgorithm, mIterations, mSalt; the key as long as the salt)
    of the password wraps a random 32-byte master key; "<uuid>" holds {"key": the
    JSON text of an EncryptedKey} (org.json, so "/" is written "\/"), the token's
    secret sealed under the master key; "<uuid>-token" the token's JSON (Gson: null
    fields left out). An EncryptedKey is AES-GCM: mCipherText = ciphertext || tag,
    mParameters = DER GCMParameters (SEQUENCE {OCTET STRING nonce, INTEGER 16}),
    associated data = mToken (the key's algorithm: "AES", "HmacSHA1", ...). Byte
    arrays are Java's signed bytes.

A second mode decrypts an Aegis export (otp's, in the tests) the way Aegis's
importer reads it, checks every field Aegis requires, and prints the entries as
JSON:

  python3 make_encrypted.py --check FILE [PASSWORD]

Without PASSWORD the password is read from the first line of standard input (so
it never appears in a process list).
"""

import argparse
import base64
import hashlib
import json
import os
import re
import struct
import sys
import uuid

import hmac

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from steam_guard import steam_code  # noqa: E402  (tests/data/steam_guard.py)

PASSWORD = "correct horse battery staple"

# Aegis's scrypt parameters (docs/vault.md, "KDF").
AEGIS_N, AEGIS_R, AEGIS_P = 1 << 15, 8, 1
# 2FAS's key derivation.
TWOFAS_ITERATIONS = 10_000
# The text 2FAS encrypts as "reference" (BackupContent.Reference in 2fas-android).
TWOFAS_REFERENCE = (
    "tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6m"
    "tsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidX"
    "QCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd"
)


def b32(data: bytes) -> str:
    """Base32 without padding, as both apps store secrets."""
    return base64.b32encode(data).decode("ascii").rstrip("=")


def unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


# The instants (Unix seconds) at which expected.toml gives a Steam account's codes:
# tests/import.rs compares `otp code --at T` with them.
STEAM_INSTANTS = [59, 1111111109, 2000000000]


def steam_codes(secret: str) -> str:
    """A TOML array of the codes of a Steam Guard secret at STEAM_INSTANTS."""
    codes = [f'{{ time = {t}, code = "{steam_code(unb32(secret), t)}" }}'
             for t in STEAM_INSTANTS]
    return "[" + ", ".join(codes) + "]"


# The accounts. The RFC 6238 seeds (20, 32 and 64 ASCII bytes) let tests compare
# codes with the RFC's published vectors; dave is the RFC 4226 seed.
ENTRIES = [
    dict(kind="totp", issuer="GitHub", name="alice@example.com",
         secret="JBSWY3DPEHPK3PXP", algo="SHA1", digits=6, period=30),
    dict(kind="totp", issuer="Example", name="bob",
         secret=b32(b"12345678901234567890123456789012"), algo="SHA256", digits=8, period=60),
    dict(kind="totp", issuer="Bank", name="carol",
         secret=b32(b"1234567890123456789012345678901234567890123456789012345678901234"),
         algo="SHA512", digits=7, period=30),
    dict(kind="hotp", issuer="VPN", name="dave",
         secret=b32(b"12345678901234567890"), algo="SHA1", digits=6, counter=5),
    # Steam Guard (SHA1, 30 s, 5 characters of Steam's alphabet): every importer
    # must read it as a Steam Guard account.
    dict(kind="steam", issuer="Steam", name="erin",
         secret=b32(b"steam guard secret!!"), algo="SHA1", digits=5, period=30),
    # The other periods, code lengths and HOTP algorithms (make_plain.py has the same).
    dict(kind="totp", issuer="Air Canada", name="heidi",
         secret=b32(b"air canada heidi 20s"), algo="SHA1", digits=6, period=20),
    dict(kind="totp", issuer="Forum", name="ivan",
         secret=b32(b"forum ivan fifty seconds"), algo="SHA256", digits=7, period=50),
    dict(kind="hotp", issuer="Bank", name="judy",
         secret=b32(b"judy counter sha512 key"), algo="SHA512", digits=8, counter=7),
    dict(kind="hotp", issuer="Mail", name="ken",
         secret=b32(b"ken counter sha256 key!!"), algo="SHA256", digits=6, counter=0),
]


def fixed_bytes(label: str, length: int) -> bytes:
    """Deterministic stand-in for random bytes: SHA-256 in counter mode over a label."""
    out = b""
    block = 0
    while len(out) < length:
        out += hashlib.sha256(f"otp test data/{label}/{block}".encode()).digest()
        block += 1
    return out[:length]


def fixed_uuid(label: str) -> str:
    return str(uuid.UUID(bytes=fixed_bytes("uuid/" + label, 16), version=4))


# --------------------------------------------------------------------------- Aegis


def aegis_db() -> dict:
    entries = []
    for e in ENTRIES:
        info = {"secret": e["secret"], "algo": e["algo"], "digits": e["digits"]}
        if e["kind"] == "hotp":
            info["counter"] = e["counter"]
        else:
            info["period"] = e["period"]
        entries.append({
            "type": e["kind"],
            "uuid": fixed_uuid("aegis/" + e["name"]),
            "name": e["name"],
            "issuer": e["issuer"],
            "note": "",
            "favorite": False,
            "icon": None,
            "info": info,
            "groups": [],
        })
    return {"version": 3, "entries": entries, "groups": [], "icons_optimized": True}


def aegis_plain() -> dict:
    return {"version": 1, "header": {"slots": None, "params": None}, "db": aegis_db()}


def gcm_seal(key: bytes, nonce: bytes, plaintext: bytes) -> tuple[bytes, bytes]:
    """AES-256-GCM; returns (ciphertext, tag) separately, as Aegis stores them."""
    sealed = AESGCM(key).encrypt(nonce, plaintext, None)
    return sealed[:-16], sealed[-16:]


def aegis_encrypted() -> dict:
    master_key = fixed_bytes("aegis/master key", 32)
    salt = fixed_bytes("aegis/salt", 32)
    slot_nonce = fixed_bytes("aegis/slot nonce", 12)
    db_nonce = fixed_bytes("aegis/db nonce", 12)

    derived = hashlib.scrypt(PASSWORD.encode("utf-8"), salt=salt, n=AEGIS_N, r=AEGIS_R,
                             p=AEGIS_P, maxmem=128 * 1024 * 1024, dklen=32)
    wrapped, wrapped_tag = gcm_seal(derived, slot_nonce, master_key)
    db_text = json.dumps(aegis_db(), indent=4).encode("utf-8")
    db_ct, db_tag = gcm_seal(master_key, db_nonce, db_text)

    # A biometric slot (Android KeyStore key) comes first: importers must skip it.
    bio_key, bio_tag = gcm_seal(fixed_bytes("aegis/keystore key", 32),
                                fixed_bytes("aegis/bio nonce", 12), master_key)
    slots = [
        {
            "type": 2,
            "uuid": fixed_uuid("aegis/biometric slot"),
            "key": bio_key.hex(),
            "key_params": {"nonce": fixed_bytes("aegis/bio nonce", 12).hex(),
                           "tag": bio_tag.hex()},
        },
        {
            "type": 1,
            "uuid": fixed_uuid("aegis/password slot"),
            "key": wrapped.hex(),
            "key_params": {"nonce": slot_nonce.hex(), "tag": wrapped_tag.hex()},
            "n": AEGIS_N,
            "r": AEGIS_R,
            "p": AEGIS_P,
            "salt": salt.hex(),
            "repaired": True,
            "is_backup": False,
        },
    ]
    return {
        "version": 1,
        "header": {"slots": slots, "params": {"nonce": db_nonce.hex(), "tag": db_tag.hex()}},
        "db": base64.b64encode(db_ct).decode("ascii"),
    }


# --------------------------------------------------------------------------- 2FAS


def twofas_services() -> list:
    services = []
    for position, e in enumerate(ENTRIES):
        kind = {"totp": "TOTP", "hotp": "HOTP", "steam": "STEAM"}[e["kind"]]
        otp = {
            "link": f"otpauth://{e['kind']}/{e['issuer']}:{e['name']}?secret={e['secret']}"
                    f"&issuer={e['issuer']}",
            "label": e["name"],
            "account": e["name"],
            "issuer": e["issuer"],
            "digits": e["digits"],
            "algorithm": e["algo"],
            "tokenType": kind,
            "source": "Link",
        }
        if e["kind"] == "hotp":
            otp["counter"] = e["counter"]
        else:
            otp["period"] = e["period"]
        services.append({
            "name": e["issuer"],
            "secret": e["secret"],
            "updatedAt": 1700000000000 + position,
            "otp": otp,
            "order": {"position": position},
            "icon": {"selected": "Label",
                     "label": {"text": e["issuer"][:2].upper(), "backgroundColor": "Default"},
                     "iconCollection": {"id": "a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad"}},
        })
    return services


def twofas_common() -> dict:
    return {
        "groups": [],
        "updatedAt": 1700000001000,
        "schemaVersion": 4,
        "appVersionCode": 5000012,
        "appVersionName": "5.4.1",
        "appOrigin": "android",
    }


def twofas_plain() -> dict:
    return {"services": twofas_services(), **twofas_common()}


def twofas_field(key: bytes, salt: bytes, iv: bytes, plaintext: bytes) -> str:
    sealed = AESGCM(key).encrypt(iv, plaintext, None)  # ciphertext || tag
    return ":".join(base64.b64encode(part).decode("ascii") for part in (sealed, salt, iv))


def twofas_encrypted() -> dict:
    salt = fixed_bytes("2fas/salt", 256)
    key = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode("utf-8"), salt, TWOFAS_ITERATIONS, 32)
    services = json.dumps(twofas_services(), separators=(",", ":")).encode("utf-8")
    return {
        "services": [],
        **twofas_common(),
        "servicesEncrypted": twofas_field(key, salt, fixed_bytes("2fas/iv", 12), services),
        "reference": twofas_field(key, salt, fixed_bytes("2fas/reference iv", 12),
                                  TWOFAS_REFERENCE.encode("utf-8")),
    }


# --------------------------------------------------------------------------- Bitwarden


def argon2id(password: bytes, salt: bytes, passes: int, memory_kib: int, lanes: int) -> bytes:
    """Argon2id v19, 32 bytes (argon2-cffi: imported here so that --check, which
    tests/transfer_files.rs runs, needs only cryptography)."""
    from argon2.low_level import Type, hash_secret_raw
    return hash_secret_raw(password, salt, time_cost=passes, memory_cost=memory_kib,
                           parallelism=lanes, hash_len=32, type=Type.ID, version=19)


# Bitwarden's default KDF settings (KdfConfig in bitwarden/clients).
BITWARDEN_PBKDF2_ITERATIONS = 600_000
BITWARDEN_ARGON2 = dict(iterations=3, memory_mib=64, parallelism=4)


def otpauth_link(e: dict) -> str:
    query = f"secret={e['secret']}&issuer={e['issuer']}&algorithm={e['algo']}&digits={e['digits']}"
    if e["kind"] == "hotp":
        query += f"&counter={e['counter']}"
    else:
        query += f"&period={e['period']}"
    return f"otpauth://{e['kind']}/{e['issuer']}:{e['name']}?{query}"


def bitwarden_totp(e: dict) -> str:
    """login.totp as a user enters it: a bare secret (alice), steam://, or a link."""
    if e["kind"] == "steam":
        return "steam://" + e["secret"]
    if e["name"].startswith("alice"):
        return e["secret"]
    return otpauth_link(e)


def bitwarden_export() -> dict:
    """The unencrypted JSON export (what "data" holds), with a note without TOTP."""
    items = []
    for position, e in enumerate(ENTRIES):
        items.append({
            "id": fixed_uuid("bitwarden/" + e["name"]),
            "organizationId": None, "folderId": None, "type": 1, "reprompt": 0,
            "name": e["issuer"], "notes": None, "favorite": position == 0,
            "login": {"uris": [], "username": e["name"], "password": "hunter2",
                      "totp": bitwarden_totp(e)},
            "collectionIds": None,
        })
    items.append({"id": fixed_uuid("bitwarden/note"), "organizationId": None,
                  "folderId": None, "type": 2, "reprompt": 0, "name": "A note",
                  "notes": "no TOTP here", "favorite": False, "secureNote": {"type": 0},
                  "collectionIds": None})
    return {"encrypted": False, "folders": [], "items": items}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def bitwarden_enc_string(enc_key: bytes, mac_key: bytes, iv: bytes, plaintext: bytes) -> str:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    mac = hmac.new(mac_key, iv + ciphertext, hashlib.sha256).digest()
    return f"2.{b64(iv)}|{b64(ciphertext)}|{b64(mac)}"


def bitwarden_encrypted(kdf: str) -> dict:
    salt = b64(fixed_bytes(f"bitwarden/{kdf}/salt", 16))
    password = PASSWORD.encode("utf-8")
    if kdf == "pbkdf2":
        master = hashlib.pbkdf2_hmac("sha256", password, salt.encode("utf-8"),
                                     BITWARDEN_PBKDF2_ITERATIONS, 32)
        settings = {"kdfType": 0, "kdfIterations": BITWARDEN_PBKDF2_ITERATIONS}
    else:
        a = BITWARDEN_ARGON2
        master = argon2id(password, hashlib.sha256(salt.encode("utf-8")).digest(),
                          a["iterations"], a["memory_mib"] * 1024, a["parallelism"])
        settings = {"kdfType": 1, "kdfIterations": a["iterations"],
                    "kdfMemory": a["memory_mib"], "kdfParallelism": a["parallelism"]}
    enc_key = HKDFExpand(hashes.SHA256(), 32, b"enc").derive(master)
    mac_key = HKDFExpand(hashes.SHA256(), 32, b"mac").derive(master)
    validation = bitwarden_enc_string(enc_key, mac_key, fixed_bytes(f"bitwarden/{kdf}/iv1", 16),
                                      fixed_uuid(f"bitwarden/{kdf}/guid").encode("utf-8"))
    data = json.dumps(bitwarden_export(), indent=2).encode("utf-8")
    sealed = bitwarden_enc_string(enc_key, mac_key, fixed_bytes(f"bitwarden/{kdf}/iv2", 16), data)
    doc = {"encrypted": True, "passwordProtected": True, "salt": salt}
    doc.update({k: v for k, v in settings.items() if k in ("kdfType", "kdfIterations")})
    doc["encKeyValidation_DO_NOT_EDIT"] = validation
    doc["data"] = sealed
    if kdf == "argon2":
        doc["kdfMemory"] = settings["kdfMemory"]
        doc["kdfParallelism"] = settings["kdfParallelism"]
    return doc


# --------------------------------------------------------------------------- Proton

PROTON_AAD = b"proton.authenticator.export.v1"


def proton_encrypted() -> dict:
    entries = []
    for e in ENTRIES:
        if e["kind"] == "hotp":
            continue  # Proton Authenticator holds TOTP and Steam entries only
        if e["kind"] == "steam":
            content = {"uri": "steam://" + e["secret"], "entry_type": "Steam",
                       "name": e["name"]}
        else:
            content = {"uri": otpauth_link(e), "entry_type": "Totp", "name": e["name"]}
        entries.append({"id": fixed_uuid("proton/" + e["name"]), "content": content,
                        "note": None})
    plain = json.dumps({"version": 1, "entries": entries}, separators=(",", ":"))
    salt = fixed_bytes("proton/salt", 16)
    key = argon2id(PASSWORD.encode("utf-8"), salt, 2, 19 * 1024, 1)
    nonce = fixed_bytes("proton/nonce", 12)
    sealed = AESGCM(key).encrypt(nonce, plain.encode("utf-8"), PROTON_AAD)
    return {"version": 1, "salt": b64(salt), "content": b64(nonce + sealed)}


# --------------------------------------------------------------------------- Authenticator Pro

AUTHPRO_TYPES = {"hotp": 1, "totp": 2, "motp": 3, "steam": 4, "yandex": 5}
AUTHPRO_ALGORITHMS = {"SHA1": 0, "SHA256": 1, "SHA512": 2}
# StrongBackupEncryption: Argon2id with these costs, then AES-256-GCM.
AUTHPRO_HEADER = b"AUTHENTICATORPRO"
AUTHPRO_ARGON2 = dict(passes=3, memory_kib=65536, lanes=4)
# LegacyBackupEncryption: PBKDF2-HMAC-SHA1, then AES-256-CBC with PKCS#7 padding.
AUTHPRO_LEGACY_HEADER = b"AuthenticatorPro"
AUTHPRO_LEGACY_ITERATIONS = 64_000


def authpro_backup() -> bytes:
    """The backup JSON, compact as System.Text.Json writes it."""
    authenticators = []
    for ranking, e in enumerate(ENTRIES):
        authenticators.append({
            "Type": AUTHPRO_TYPES[e["kind"]],
            "Icon": e["issuer"].lower(),
            "Issuer": e["issuer"],
            "Username": e["name"],
            "Secret": e["secret"],
            "Pin": None,
            "Algorithm": AUTHPRO_ALGORITHMS[e["algo"]],
            "Digits": e["digits"],
            "Period": e.get("period", 30),
            "Counter": e.get("counter", 0),
            "Ranking": ranking,
            "CopyCount": 0,
        })
    category = hashlib.sha1(b"2FA").hexdigest()[:8]
    doc = {
        "Authenticators": authenticators,
        "Categories": [{"Id": category, "Name": "2FA", "Ranking": 0}],
        "AuthenticatorCategories": [
            {"CategoryId": category, "AuthenticatorSecret": e["secret"], "Ranking": i}
            for i, e in enumerate(ENTRIES)
        ],
        "CustomIcons": [],
    }
    return json.dumps(doc, separators=(",", ":")).encode("utf-8")


def authpro_encrypted() -> bytes:
    salt = fixed_bytes("authpro/salt", 16)
    iv = fixed_bytes("authpro/iv", 12)
    a = AUTHPRO_ARGON2
    key = argon2id(PASSWORD.encode("utf-8"), salt, a["passes"], a["memory_kib"], a["lanes"])
    return AUTHPRO_HEADER + salt + iv + AESGCM(key).encrypt(iv, authpro_backup(), None)


def authpro_encrypted_legacy() -> bytes:
    salt = fixed_bytes("authpro/legacy salt", 20)
    iv = fixed_bytes("authpro/legacy iv", 16)
    key = hashlib.pbkdf2_hmac("sha1", PASSWORD.encode("utf-8"), salt,
                              AUTHPRO_LEGACY_ITERATIONS, 32)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(authpro_backup()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return AUTHPRO_LEGACY_HEADER + salt + iv + encryptor.update(padded) + encryptor.finalize()


# --------------------------------------------------------------------------- andOTP

# A fixed count from the range andOTP draws from (140000..160000).
ANDOTP_ITERATIONS = 150_000


def andotp_backup() -> bytes:
    """The plain backup andOTP encrypts: Entry.toJSON of each entry, in a compact
    JSON array (JSONArray.toString)."""
    entries = []
    for position, e in enumerate(ENTRIES):
        entry = {
            "secret": e["secret"],
            "issuer": e["issuer"],
            "label": e["name"],
            "digits": e["digits"],
            "type": e["kind"].upper(),
            "algorithm": e["algo"],
            "thumbnail": "Default",
            "last_used": 1700000000000 + position,
            "used_frequency": position,
            "tags": [],
        }
        if e["kind"] == "hotp":
            entry["counter"] = e["counter"]
        else:
            entry["period"] = e["period"]
        entries.append(entry)
    return json.dumps(entries, separators=(",", ":")).encode("utf-8")


def andotp_encrypted() -> bytes:
    salt = fixed_bytes("andotp/salt", 12)
    iv = fixed_bytes("andotp/iv", 12)
    key = hashlib.pbkdf2_hmac("sha1", PASSWORD.encode("utf-8"), salt, ANDOTP_ITERATIONS, 32)
    sealed = AESGCM(key).encrypt(iv, andotp_backup(), None)
    return ANDOTP_ITERATIONS.to_bytes(4, "big") + salt + iv + sealed


def andotp_encrypted_old() -> bytes:
    iv = fixed_bytes("andotp/old iv", 12)
    key = hashlib.sha256(PASSWORD.encode("utf-8")).digest()
    data = iv + AESGCM(key).encrypt(iv, andotp_backup(), None)
    # Nothing in this layout says what it is. otp recognises the new layout by an
    # iteration count of 1000 to 1000000 in its first four bytes; this file must not
    # look like one, so that the tests see the old layout named with --format.
    assert not 1000 <= int.from_bytes(data[:4], "big") <= 1_000_000
    return data


# --------------------------------------------------------------------------- FreeOTP

FREEOTP_ITERATIONS = 100_000  # MasterKey.ITERATIONS


def java_signed(data: bytes) -> list:
    """A byte[] as Gson writes it: Java's signed bytes."""
    return [b - 256 if b > 127 else b for b in data]


def java_modified_utf8(text: str) -> bytes:
    """DataOutputStream.writeUTF's encoding: UTF-16 units, NUL as C0 80."""
    out = bytearray()
    units = text.encode("utf-16-be")
    for i in range(0, len(units), 2):
        unit = units[i] << 8 | units[i + 1]
        if 0x0001 <= unit <= 0x007F:
            out.append(unit)
        elif unit <= 0x07FF:
            out += bytes([0xC0 | unit >> 6, 0x80 | unit & 0x3F])
        else:
            out += bytes([0xE0 | unit >> 12, 0x80 | unit >> 6 & 0x3F, 0x80 | unit & 0x3F])
    return bytes(out)


def java_string(text: str) -> bytes:
    """A new String object: TC_STRING, or TC_LONGSTRING past 65535 bytes."""
    data = java_modified_utf8(text)
    if len(data) <= 0xFFFF:
        return b"\x74" + len(data).to_bytes(2, "big") + data
    return b"\x7c" + len(data).to_bytes(8, "big") + data


def java_hash_map(entries: list) -> bytes:
    """ObjectOutputStream.writeObject of a java.util.HashMap<String, String>."""
    name = java_modified_utf8("java.util.HashMap")
    out = b"\xac\xed\x00\x05"                       # STREAM_MAGIC, STREAM_VERSION
    out += b"\x73\x72"                              # TC_OBJECT, TC_CLASSDESC
    out += len(name).to_bytes(2, "big") + name
    out += (362498820763181265).to_bytes(8, "big")  # serialVersionUID
    out += b"\x03"                                  # SC_WRITE_METHOD | SC_SERIALIZABLE
    out += (2).to_bytes(2, "big")                   # two fields, sorted by name
    out += b"F" + (10).to_bytes(2, "big") + b"loadFactor"
    out += b"I" + (9).to_bytes(2, "big") + b"threshold"
    out += b"\x78\x70"                              # TC_ENDBLOCKDATA, no superclass
    capacity = 16
    while len(entries) > capacity * 0.75:
        capacity *= 2
    out += struct.pack(">fi", 0.75, int(capacity * 0.75))
    out += b"\x77\x08" + struct.pack(">ii", capacity, len(entries))  # TC_BLOCKDATA
    for key, value in entries:
        out += java_string(key) + java_string(value)
    return out + b"\x78"                            # TC_ENDBLOCKDATA


def gcm_parameters(nonce: bytes) -> bytes:
    """DER GCMParameters (RFC 5084) as Android encodes them: the nonce and, the tag
    not being the default 12 bytes, its length (16)."""
    inner = b"\x04" + bytes([len(nonce)]) + nonce + b"\x02\x01\x10"
    return b"\x30" + bytes([len(inner)]) + inner


def freeotp_encrypted_key(key: bytes, nonce: bytes, plaintext: bytes, algorithm: str) -> dict:
    """Gson's JSON of an EncryptedKey (fields in declaration order)."""
    sealed = AESGCM(key).encrypt(nonce, plaintext, algorithm.encode("utf-8"))
    return {"mCipherText": java_signed(sealed), "mParameters": java_signed(gcm_parameters(nonce)),
            "mCipher": "AES/GCM/NoPadding", "mToken": algorithm}


def freeotp_token(e: dict) -> dict:
    """Gson's JSON of FreeOTP 2's Token, null fields left out. alice and erin were
    added from links that give only the secret and the issuer (Steam's own links give
    no digits), so FreeOTP keeps no algorithm, digits or period for them."""
    bare = e["name"].startswith("alice") or e["kind"] == "steam"
    token = {}
    if not bare:
        token["algo"] = e["algo"]
    token["issuerExt"] = e["issuer"]
    token["issuerInt"] = e["issuer"]
    token["label"] = e["name"]
    if not bare and e["kind"] != "hotp":
        token["period"] = e["period"]
    if not bare:
        token["digits"] = e["digits"]
    token["type"] = "HOTP" if e["kind"] == "hotp" else "TOTP"
    if e["kind"] == "hotp":
        token["counter"] = e["counter"]
    return token


def freeotp_backup_entries(kdf: str) -> list:
    """The backup map, in a fixed order (a HashMap's order is its own)."""
    label = f"freeotp/{kdf}"
    salt = fixed_bytes(f"{label}/salt", 32)
    master_key = fixed_bytes(f"{label}/master key", 32)
    derived = hashlib.pbkdf2_hmac(kdf, PASSWORD.encode("utf-8"), salt, FREEOTP_ITERATIONS,
                                  len(salt))
    master = {
        "mEncryptedKey": freeotp_encrypted_key(derived, fixed_bytes(f"{label}/master nonce", 12),
                                               master_key, "AES"),
        "mAlgorithm": "PBKDF2withHmac" + kdf.upper(),
        "mIterations": FREEOTP_ITERATIONS,
        "mSalt": java_signed(salt),
    }
    compact = dict(separators=(",", ":"))
    entries = [("masterKey", json.dumps(master, **compact))]
    for e in ENTRIES:
        uuid_ = fixed_uuid(f"{label}/{e['name']}")
        algorithm = "Hmac" + e["algo"]
        key = freeotp_encrypted_key(master_key, fixed_bytes(f"{label}/nonce/{e['name']}", 12),
                                    unb32(e["secret"]), algorithm)
        # org.json's JSONObject.toString writes "/" as "\/".
        wrapper = json.dumps({"key": json.dumps(key, **compact)}, **compact).replace("/", "\\/")
        entries.append((uuid_, wrapper))
        entries.append((uuid_ + "-token", json.dumps(freeotp_token(e), **compact)))
    return sorted(entries, key=lambda entry: hashlib.sha256(entry[0].encode()).digest())


def android_xml_escape(text: str) -> str:
    """What Android's FastXmlSerializer escapes in text and attribute values."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def android_preferences(entries: list) -> str:
    """XmlUtils.writeMapXml of a map of strings, as SharedPreferences writes it."""
    lines = ["<?xml version='1.0' encoding='utf-8' standalone='yes' ?>", "<map>"]
    for key, value in entries:
        lines.append(f'    <string name="{android_xml_escape(key)}">'
                     f"{android_xml_escape(value)}</string>")
    lines.append("</map>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- expected


def toml_string(text: str) -> str:
    return json.dumps(text)  # the strings here need no escapes beyond JSON's


def expected_toml() -> str:
    lines = [
        "# What otp must import from every file in this directory. Written by",
        "# make_encrypted.py; rerun it rather than editing this file.",
        "# secret: base32, upper case, no padding; label: issuer:name.",
        "",
        f"password = {toml_string(PASSWORD)}",
    ]
    for e in ENTRIES:
        if e["kind"] not in ("totp", "hotp", "steam"):
            continue
        lines += [
            "",
            "[[account]]",
            f"label = {toml_string(e['issuer'] + ':' + e['name'])}",
            f"issuer = {toml_string(e['issuer'])}",
            f"name = {toml_string(e['name'])}",
            f"secret = {toml_string(e['secret'])}",
            f"type = {toml_string(e['kind'])}",
            f"algorithm = {toml_string(e['algo'])}",
            f"digits = {e['digits']}",
        ]
        if e["kind"] == "hotp":
            lines.append(f"counter = {e['counter']}")
        else:
            lines.append(f"period = {e['period']}")
        if e["kind"] == "steam":
            lines.append(f"codes = {steam_codes(e['secret'])}")
    lines += ["", "# Entries every importer must leave out (and say why)."]
    for e in ENTRIES:
        if e["kind"] in ("totp", "hotp", "steam"):
            continue
        lines += ["", "[[unrepresentable]]",
                  f"label = {toml_string(e['issuer'] + ':' + e['name'])}",
                  f"type = {toml_string(e['kind'])}"]
    lines += ["", "# Which of the accounts above each file holds ([[account]] labels), with its",
              "# --format name and the labels it must leave out."]
    labels = [e["issuer"] + ":" + e["name"] for e in ENTRIES
              if e["kind"] in ("totp", "hotp", "steam")]
    no_hotp = [e["issuer"] + ":" + e["name"] for e in ENTRIES if e["kind"] in ("totp", "steam")]
    for name, fmt, accounts, without in [
        ("aegis-plain.json", "aegis", labels, None),
        ("aegis-encrypted.json", "aegis", labels, None),
        ("2fas-plain.2fas", "2fas", labels, None),
        ("2fas-encrypted.2fas", "2fas", labels, None),
        ("bitwarden-encrypted.json", "bitwarden", labels, 1),
        ("bitwarden-encrypted-argon2.json", "bitwarden", labels, 1),
        ("proton-encrypted.json", "proton", no_hotp, None),
        ("authpro-encrypted.authpro", "authpro", labels, None),
        ("authpro-encrypted-legacy.authpro", "authpro", labels, None),
        ("andotp-encrypted.json.aes", "andotp-encrypted", labels, None),
        ("andotp-encrypted-old.json.aes", "andotp-encrypted", labels, None),
        ("freeotp-backup-encrypted.xml", "freeotp-backup", labels, None),
        ("freeotp-tokenBackup-encrypted.xml", "freeotp-backup", labels, None),
    ]:
        lines += ["", f"[files.{toml_string(name)}]", f"format = {toml_string(fmt)}",
                  "accounts = [" + ", ".join(map(toml_string, accounts)) + "]",
                  "left_out = []"]
        if without is not None:
            lines.append(f"without_code = {without}")
    return "\n".join(lines) + "\n"


def write_all(out: str) -> None:
    os.makedirs(out, exist_ok=True)
    files = {
        "aegis-plain.json": json.dumps(aegis_plain(), indent=4) + "\n",
        "aegis-encrypted.json": json.dumps(aegis_encrypted(), indent=4) + "\n",
        "2fas-plain.2fas": json.dumps(twofas_plain(), separators=(",", ":")),
        "2fas-encrypted.2fas": json.dumps(twofas_encrypted(), separators=(",", ":")),
        "bitwarden-encrypted.json": json.dumps(bitwarden_encrypted("pbkdf2"), indent=2) + "\n",
        "bitwarden-encrypted-argon2.json":
            json.dumps(bitwarden_encrypted("argon2"), indent=2) + "\n",
        "proton-encrypted.json": json.dumps(proton_encrypted(), separators=(",", ":")),
        "freeotp-tokenBackup-encrypted.xml": android_preferences(freeotp_backup_entries("sha1")),
        "expected.toml": expected_toml(),
    }
    for name, text in files.items():
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {os.path.join(out, name)}")
    binary = {
        "authpro-encrypted.authpro": authpro_encrypted(),
        "authpro-encrypted-legacy.authpro": authpro_encrypted_legacy(),
        "andotp-encrypted.json.aes": andotp_encrypted(),
        "andotp-encrypted-old.json.aes": andotp_encrypted_old(),
        "freeotp-backup-encrypted.xml": java_hash_map(freeotp_backup_entries("sha512")),
    }
    for name, data in binary.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"wrote {os.path.join(out, name)}")


# --------------------------------------------------------------------------- --check

HEX = re.compile(r"^(?:[0-9a-f]{2})+$")


class Invalid(Exception):
    pass


def need(condition: bool, what: str) -> None:
    if not condition:
        raise Invalid(what)


def need_int(obj: dict, key: str, where: str) -> int:
    value = obj.get(key)
    need(isinstance(value, int) and not isinstance(value, bool), f"{where}.{key} is not an integer")
    return value


def need_str(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    need(isinstance(value, str), f"{where}.{key} is not a string")
    return value


def need_hex(obj: dict, key: str, where: str, length: int | None = None) -> bytes:
    text = need_str(obj, key, where)
    need(bool(HEX.match(text)), f"{where}.{key} is not lower-case hex")
    data = bytes.fromhex(text)
    need(length is None or len(data) == length, f"{where}.{key} is not {length} bytes")
    return data


def need_uuid(text, where: str) -> None:
    need(isinstance(text, str), f"{where} is not a string")
    try:
        uuid.UUID(text)
    except ValueError:
        raise Invalid(f"{where} is not a UUID") from None


def check_aegis(path: str, password: str) -> list:
    with open(path, "rb") as f:
        top = json.loads(f.read().decode("utf-8"))
    need(isinstance(top, dict), "the file is not a JSON object")
    need(need_int(top, "version", "file") == 1, "file.version is not 1")
    header = top.get("header")
    need(isinstance(header, dict), "header is not an object")
    slots = header.get("slots")
    params = header.get("params")
    need(isinstance(slots, list) and isinstance(params, dict), "the file is not encrypted")
    db_nonce = need_hex(params, "nonce", "header.params", 12)
    db_tag = need_hex(params, "tag", "header.params", 16)
    db_text = need_str(top, "db", "file")
    need(len(db_text) % 4 == 0, "db is not padded base64")
    try:
        db_ct = base64.b64decode(db_text, validate=True)
    except ValueError:
        raise Invalid("db is not standard base64") from None

    master_key = None
    for i, slot in enumerate(slots):
        where = f"header.slots[{i}]"
        need(isinstance(slot, dict), f"{where} is not an object")
        kind = need_int(slot, "type", where)
        need(kind in (0, 1, 2), f"{where}.type {kind} is not a slot type Aegis knows")
        need_uuid(slot.get("uuid"), f"{where}.uuid")
        wrapped = need_hex(slot, "key", where)
        key_params = slot.get("key_params")
        need(isinstance(key_params, dict), f"{where}.key_params is not an object")
        nonce = need_hex(key_params, "nonce", f"{where}.key_params", 12)
        tag = need_hex(key_params, "tag", f"{where}.key_params", 16)
        if kind != 1:
            continue
        n = need_int(slot, "n", where)
        r = need_int(slot, "r", where)
        p = need_int(slot, "p", where)
        salt = need_hex(slot, "salt", where)
        need(isinstance(slot.get("repaired", False), bool), f"{where}.repaired is not a boolean")
        derived = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                                 maxmem=256 * 1024 * 1024, dklen=32)
        try:
            master_key = AESGCM(derived).decrypt(nonce, wrapped + tag, None)
            break
        except Exception:  # InvalidTag: not this slot's password
            continue
    need(master_key is not None, "no password slot opens with this password")
    need(len(master_key) == 32, "the master key is not 32 bytes")
    db = json.loads(AESGCM(master_key).decrypt(db_nonce, db_ct + db_tag, None).decode("utf-8"))

    need(isinstance(db, dict), "db is not an object")
    need(1 <= need_int(db, "version", "db") <= 3, "db.version is not 1, 2 or 3")
    need(isinstance(db.get("groups", []), list), "db.groups is not a list")
    entries = db.get("entries")
    need(isinstance(entries, list), "db.entries is not a list")
    out = []
    for i, entry in enumerate(entries):
        where = f"db.entries[{i}]"
        need(isinstance(entry, dict), f"{where} is not an object")
        kind = need_str(entry, "type", where)
        need(kind in ("totp", "hotp", "steam", "yandex", "motp"), f"{where}.type is unknown")
        need_uuid(entry.get("uuid"), f"{where}.uuid")
        name = need_str(entry, "name", where)
        issuer = need_str(entry, "issuer", where)
        need("icon" in entry and (entry["icon"] is None or isinstance(entry["icon"], str)),
             f"{where}.icon is missing")
        for group in entry.get("groups", []):
            need_uuid(group, f"{where}.groups[]")
        info = entry.get("info")
        need(isinstance(info, dict), f"{where}.info is not an object")
        secret = need_str(info, "secret", f"{where}.info")
        need(bool(re.match(r"^[A-Z2-7]+$", secret)), f"{where}.info.secret is not unpadded base32")
        base64.b32decode(secret + "=" * (-len(secret) % 8))
        algo = need_str(info, "algo", f"{where}.info")
        need(algo in ("SHA1", "SHA256", "SHA512"), f"{where}.info.algo is not SHA1/SHA256/SHA512")
        digits = need_int(info, "digits", f"{where}.info")
        need(1 <= digits <= 10, f"{where}.info.digits is out of range")
        item = {"type": kind, "name": name, "issuer": issuer, "secret": secret,
                "algo": algo, "digits": digits}
        if kind == "hotp":
            item["counter"] = need_int(info, "counter", f"{where}.info")
            need(0 <= item["counter"] < 1 << 63, f"{where}.info.counter is not a Java long")
        else:
            item["period"] = need_int(info, "period", f"{where}.info")
            need(item["period"] > 0, f"{where}.info.period is not positive")
        if kind == "steam":
            # What Aegis's SteamInfo holds: SHA1, 5 digits, 30 seconds.
            need((algo, digits, item["period"]) == ("SHA1", 5, 30),
                 f"{where} is a Steam entry but not SHA1, 5 digits, 30 seconds")
        out.append(item)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)),
                        help="directory to write the test files into")
    parser.add_argument("--check", nargs="+", metavar=("FILE", "PASSWORD"),
                        help="decrypt and check an Aegis export; print its entries as JSON")
    args = parser.parse_args()
    if args.check:
        if len(args.check) > 2:
            parser.error("--check takes FILE and an optional PASSWORD")
        path = args.check[0]
        password = args.check[1] if len(args.check) == 2 else sys.stdin.readline().rstrip("\r\n")
        try:
            entries = check_aegis(path, password)
        except Invalid as error:
            print(f"not a valid Aegis export: {error}", file=sys.stderr)
            return 1
        print(json.dumps(entries, indent=2))
        return 0
    write_all(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
