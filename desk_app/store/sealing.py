"""Secrets at rest: the desk's credential for the provincial server, sealed with AES-GCM.

The data folder holds citizens' data and is what gets copied, backed up and carried on a USB
stick; the key that opens the credential never sits in it in clear. The key (32 random bytes)
lives in the user's own key folder, outside the data folder: ``%APPDATA%\\desk_app\\keys`` on
Windows, protected by DPAPI for the Windows account (CryptProtectData), and
``$XDG_CONFIG_HOME/desk_app/keys`` elsewhere (mode 0600 in a 0700 folder). ``DESK_APP_KEYS``
overrides the folder. The data folder keeps only the key's id (``desk-key.id``: not a secret).

A sealed value reads ``sealed:v1:<key id>:<base64 of nonce + ciphertext + tag>``; the column's
name is the associated data, so a sealed value moved into another column does not open. A value
not starting with ``sealed:`` is an older store's clear text: it is read as it is, and sealed at
the next start (:func:`seal_clear_credentials`). Opened on another PC (a backup restored
elsewhere) the key is absent: the credential reads as empty, the sync says so, and the admin
enrols the desk again (the province issues a new code); nothing else in the store depends on it.
"""

from __future__ import annotations

import base64
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import String, text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.types import TypeDecorator

from desk_app.paths import key_dir

log = logging.getLogger(__name__)

PREFIX = "sealed:v1:"
KEY_ID_FILE = "desk-key.id"


class Sealer:
    """Seals and opens short secrets with the key of one data folder."""

    def __init__(self, data_dir: Path, keys: Path | None = None) -> None:
        self.data_dir = data_dir
        self.keys = keys or key_dir()
        self._cache: dict[str, bytes] = {}

    # -- the key -------------------------------------------------------------------------------

    def _key_id(self, create: bool) -> str | None:
        path = self.data_dir / KEY_ID_FILE
        try:
            key_id = path.read_text(encoding="ascii").strip()
            if key_id:
                return key_id
        except FileNotFoundError:
            pass
        if not create:
            return None
        key_id = secrets.token_hex(16)
        self._write_key(key_id, secrets.token_bytes(32))
        _atomic_write(path, key_id.encode("ascii"))
        return key_id

    def _write_key(self, key_id: str, key: bytes) -> None:
        self.keys.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            self.keys.chmod(0o700)
        _atomic_write(self.keys / f"{key_id}.key", _protect(key), private=True)
        self._cache[key_id] = key

    def _key(self, key_id: str) -> bytes | None:
        if key_id not in self._cache:
            try:
                self._cache[key_id] = _unprotect((self.keys / f"{key_id}.key").read_bytes())
            except (OSError, ValueError):
                return None
        return self._cache[key_id]

    # -- sealing -------------------------------------------------------------------------------

    def seal(self, value: str, purpose: str) -> str:
        key_id = self._key_id(create=True)
        assert key_id is not None
        key = self._key(key_id)
        if key is None:  # the id file survived its key (a folder copied to another PC)
            key_id = secrets.token_hex(16)
            key = secrets.token_bytes(32)
            self._write_key(key_id, key)
            _atomic_write(self.data_dir / KEY_ID_FILE, key_id.encode("ascii"))
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # not at start-up

        nonce = secrets.token_bytes(12)
        sealed = AESGCM(key).encrypt(nonce, value.encode("utf-8"), purpose.encode("utf-8"))
        return f"{PREFIX}{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"

    def open(self, token: str, purpose: str) -> str | None:
        """The clear value; None when this PC has not got its key (or it was tampered with)."""
        if not token.startswith(PREFIX):
            return token  # an older store's clear text, sealed at the next start
        key_id, _, body = token[len(PREFIX):].partition(":")
        key = self._key(key_id)
        if key is None:
            log.warning("the key %s of a sealed value is not on this PC (%s)", key_id, self.keys)
            return None
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        raw = base64.urlsafe_b64decode(body.encode("ascii"))
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], purpose.encode("utf-8")).decode()
        except InvalidTag:
            log.warning("a sealed value does not open with its key (changed?)")
            return None


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


class SealedString(TypeDecorator[str]):
    """A string column sealed with the engine's :class:`Sealer` (``attach`` it); a value that
    cannot be opened on this PC reads as ""."""

    impl = String
    cache_ok = True

    def __init__(self, length: int, purpose: str) -> None:
        super().__init__(length)
        self.purpose = purpose

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        sealer = getattr(dialect, "desk_sealer", None)
        if value is None or sealer is None or is_sealed(value):
            return value
        return sealer.seal(str(value), self.purpose)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        sealer = getattr(dialect, "desk_sealer", None)
        if value is None or sealer is None or not is_sealed(value):
            return value
        opened = sealer.open(value, self.purpose)
        return "" if opened is None else opened


def attach(engine: Engine, sealer: Sealer) -> None:
    """Seal and open this engine's sealed columns with ``sealer``."""
    engine.dialect.desk_sealer = sealer  # type: ignore[attr-defined]


def sealer_of(engine: Engine) -> Sealer | None:
    return getattr(engine.dialect, "desk_sealer", None)


def seal_clear_credentials(engine: Engine) -> int:
    """Seal what an older version stored in clear; returns how many values it sealed."""
    sealer = sealer_of(engine)
    if sealer is None:
        return 0
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT id, credential FROM sync_enrolments "
                                 "WHERE credential NOT LIKE 'sealed:%'")).all()
        for row_id, clear in rows:
            conn.execute(text("UPDATE sync_enrolments SET credential = :c WHERE id = :i"),
                         {"c": sealer.seal(clear, "sync_enrolments.credential"), "i": row_id})
    if rows:
        log.info("sealed %d credential(s) stored in clear by an older version", len(rows))
    return len(rows)


# -- the key file --------------------------------------------------------------------------------

def _atomic_write(path: Path, data: bytes, *, private: bool = False) -> None:
    tmp = path.with_name(path.name + ".tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600 if private else 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _protect(key: bytes) -> bytes:
    """DPAPI for the Windows account on Windows; the bare key elsewhere (a 0600 file)."""
    if sys.platform == "win32":
        return _dpapi(key, protect=True)
    return base64.b64encode(key)


def _unprotect(data: bytes) -> bytes:
    key = _dpapi(data, protect=False) if sys.platform == "win32" else base64.b64decode(data)
    if len(key) != 32:
        raise ValueError("not a key")
    return key


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover (Windows only)
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    buf = ctypes.create_string_buffer(data, len(data))
    src, out = Blob(len(data), buf), Blob()
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    if not fn(ctypes.byref(src), None, None, None, None, 0x1, ctypes.byref(out)):
        raise ValueError("DPAPI refused the key")
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)
