"""The scanned documents in backups (issue 16): beside the sealed store, each file once.

A backup (:mod:`desk_app.store.backup`) seals the store into one file. The documents are too
many and too large to seal again every day, and they never change (their name is their
SHA-256), so they go into ``scans/`` inside the backup folder, one sealed file per document
(``scans/ab/<sha256>.<passphrase tag>.scan``), written only when not there yet: the first
backup copies them all, a daily one only the day's new scans, and the first one after the
admin sets a new passphrase seals them all again under it (:func:`passphrase_tag`), beside
the old ones, so a backup always opens with its own passphrase. Each is sealed with AES-256-GCM under a key derived
from the admin's passphrase (scrypt, one random salt per backup run, kept in the file), bound
to its name, written under a temporary name, fsync'd and renamed, then read back and checked.

A restore (:func:`restore_files`) puts back into the data folder every document the restored
store names that the folder lacks, each checked against its SHA-256 before it is stored. Old
documents are never deleted from the backup folder (a document is part of a dossier's
record: removing one is a decision for the province, not for a rotation of backups).
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

from desk_app.errors import KnownError
from desk_app.scanning.files import ScanFiles, digest
from desk_app.store.recovery import fsync_dir

MAGIC = b"DESKSCN1"
SUFFIX = ".scan"
TAG_SALT = "tag.salt"
SCRYPT = {"n": 1 << 15, "r": 8, "p": 1}


def referenced(db: Path) -> set[str]:
    """The documents a store file names (none before migration 0011)."""
    conn = sqlite3.connect(db)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'scan_documents'").fetchone() \
                is None:
            return set()
        return {r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM scan_documents")}
    finally:
        conn.close()


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, **SCRYPT).derive(passphrase.encode("utf-8"))


def sealed_path(folder: Path, sha256: str, tag: str | None = None) -> Path:
    """Where a document sealed under the passphrase called ``tag`` is (None: a document
    sealed before passphrases had tags)."""
    return folder / "scans" / sha256[:2] / (f"{sha256}.{tag}{SUFFIX}" if tag else sha256 + SUFFIX)


def passphrase_tag(folder: Path, passphrase: str, *, create: bool) -> str | None:
    """A short name of ``passphrase`` in this backup folder (scrypt under the folder's own
    salt, ``scans/tag.salt``). A document is sealed once per passphrase: after the admin
    sets a new one, the next backup seals every document again under it, beside the old
    ones, so the newest backup and the older ones each open with their own passphrase."""
    salt_path = folder / "scans" / TAG_SALT
    try:
        salt = salt_path.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
        salt = secrets.token_bytes(16)
        try:
            salt_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = salt_path.with_name(TAG_SALT + ".part")
            with tmp.open("wb") as fh:
                fh.write(salt)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, salt_path)
        except OSError as exc:
            raise KnownError("backup_folder", str(exc), path=str(folder)) from exc
    except OSError as exc:
        raise KnownError("backup_folder", str(exc), path=str(folder)) from exc
    return _key(passphrase, b"tag:" + salt)[:6].hex()


def _opens(path: Path, sha256: str, passphrase: str, keys: dict[bytes, object]) -> bool:
    try:
        open_sealed(path, sha256, passphrase, keys)
    except KnownError:
        return False
    return True


def save_files(db: Path, data_dir: Path, folder: Path, passphrase: str) -> int:
    """Seal into ``folder/scans`` every document ``db`` names that is not there yet; returns
    how many were written. A document missing from the data folder is ``scan_file_missing``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    files = ScanFiles.of_data_dir(data_dir)
    tag = passphrase_tag(folder, passphrase, create=True)
    todo: list[str] = []
    touched: set[Path] = set()
    keys: dict[bytes, object] = {}
    for sha in sorted(h for h in referenced(db) if not sealed_path(folder, h, tag).exists()):
        legacy = sealed_path(folder, sha)  # sealed before tags: kept, named, if it is ours
        if legacy.exists() and _opens(legacy, sha, passphrase, keys):
            os.replace(legacy, sealed_path(folder, sha, tag))
            touched.add(legacy.parent)
        else:
            todo.append(sha)
    salt = secrets.token_bytes(16)
    aes = AESGCM(_key(passphrase, salt)) if todo else None
    for sha in todo:
        assert aes is not None
        data = files.read(sha)  # checked against its name
        nonce = secrets.token_bytes(12)
        blob = MAGIC + salt + nonce + aes.encrypt(nonce, data, sha.encode())
        final = sealed_path(folder, sha, tag)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(final.name + ".part")
            with tmp.open("wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, final)
        except OSError as exc:
            raise KnownError("backup_folder", str(exc), path=str(folder)) from exc
        if open_sealed(final, sha, passphrase, {salt: aes}) != data:
            final.unlink(missing_ok=True)
            raise KnownError("backup_verify_failed", f"document {sha}", path=str(final))
        touched.add(final.parent)
    for d in touched:
        try:
            fsync_dir(d)
        except OSError:  # some network shares cannot fsync a folder
            pass
    return len(todo)


def open_sealed(path: Path, sha256: str, passphrase: str, keys: dict[bytes, object]) -> bytes:
    """A sealed document's bytes, checked against ``sha256`` (``keys`` caches one key per
    salt: one scrypt per backup run, not per file)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blob = path.read_bytes()
    if blob[:len(MAGIC)] != MAGIC:
        raise KnownError("backup_damaged", "not a sealed document", backup=path.name)
    at = len(MAGIC)
    salt, nonce, body = blob[at:at + 16], blob[at + 16:at + 28], blob[at + 28:]
    aes = keys.get(salt)
    if aes is None:
        aes = keys[salt] = AESGCM(_key(passphrase, salt))
    assert isinstance(aes, AESGCM)
    try:
        data = aes.decrypt(nonce, body, sha256.encode())
    except InvalidTag as exc:
        raise KnownError("backup_damaged", f"document {sha256}", backup=path.name) from exc
    if digest(data) != sha256:
        raise KnownError("backup_damaged", f"document {sha256}", backup=path.name)
    return data


def restore_files(db: Path, data_dir: Path, folder: Path, passphrase: str) -> tuple[int, list[str]]:
    """Put back the documents ``db`` (the backup being restored) names that the data folder
    lacks; returns how many were put back and which the backup folder does not have."""
    files = ScanFiles.of_data_dir(data_dir)
    keys: dict[bytes, object] = {}
    put, missing = 0, []
    tag = passphrase_tag(folder, passphrase, create=False)
    for sha in sorted(referenced(db)):
        if files.has(sha):
            continue
        sealed = sealed_path(folder, sha, tag)
        if tag is None or not sealed.exists():
            sealed = sealed_path(folder, sha)  # sealed before tags
            if not sealed.exists() or not _opens(sealed, sha, passphrase, keys):
                missing.append(sha)  # (one sealed under another passphrase is not ours)
                continue
        files.put(open_sealed(sealed, sha, passphrase, keys))
        put += 1
    return put, missing
