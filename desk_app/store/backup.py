"""Encrypted backups of the store, made with SQLite's online backup API and verified.

A backup is made in four steps, none of which copies the live file as a file:

1. in one read transaction on the live store, count the rows of every table and copy the
   database page by page with ``sqlite3.Connection.backup`` into a private temporary file
   (the copy is the same snapshot as the counts, while clerks keep writing);
2. compress it (zlib level 1) and seal it in chunks of 1 MiB with AES-256-GCM under a key derived from the
   admin's passphrase with scrypt (N=2^15, r=8, p=1, a random salt per backup); every chunk's
   associated data binds it to the file's header, its position and whether it is the last, so
   a chunk swapped, dropped or cut off is found;
3. write it to the chosen folder (a USB stick, a network share) under a temporary name,
   fsync, then rename: a half-written backup never has a backup's name;
4. read it back from there: decrypt, ``PRAGMA integrity_check``, and compare every table's
   count with step 1. A backup that fails is deleted and the failure reported.

Then only the newest ``keep`` backups of this desk stay in the folder.

File layout: ``DESKBAK1`` + u32 header length + header (JSON: format, kdf parameters, salt,
nonce prefix, creation time, commune, counts) + chunks (u32 length + ciphertext). The header
names no citizen; what the store holds is seen only with the passphrase
(:func:`read_backup` -> :class:`BackupSummary`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import sqlite3
import struct
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from desk_app.errors import KnownError
from desk_app.store.health import check_file
from desk_app.store.recovery import fsync_dir

log = logging.getLogger(__name__)

MAGIC = b"DESKBAK1"
SUFFIX = ".deskbak"
CHUNK = 1 << 20
SCRYPT = {"n": 1 << 15, "r": 8, "p": 1}
MIN_PASSPHRASE = 10
KEY_CHECK, KEY_CHECK_INDEX = b"desk_app backup key", b"\xff\xff\xff\xff"
_NAME = re.compile(r"^desk-(?P<agency>[0-9A-Za-z.]+)-(?P<stamp>\d{8}-\d{6})-(?P<why>[a-z]+)"
                   + re.escape(SUFFIX) + "$")


@dataclass(frozen=True)
class BackupFile:
    """A backup in a folder, as its name and header tell (no passphrase needed)."""

    path: Path
    agency: str
    made_at: datetime
    reason: str
    size: int


@dataclass
class BackupSummary:
    """What a backup holds, read with its passphrase (shown before a restore)."""

    made_at: datetime
    commune: str
    agency: str
    revision: str
    dossiers: int
    counts: dict[str, int]
    last_codes: list[tuple[str, str]] = field(default_factory=list)  # (day, last code)
    outbox_max_seq: int = 0


# -- making --------------------------------------------------------------------------------------

def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' ORDER BY name")]
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def snapshot(db_path: Path, dest: Path) -> dict[str, int]:
    """Copy the live store into ``dest`` with the online backup API; returns the counts of
    every table in the same read transaction (the copy's snapshot)."""
    src = sqlite3.connect(db_path, timeout=15)
    try:
        src.execute("BEGIN")  # a read transaction: the counts and the copy see one state
        counts = _counts(src)
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst, pages=4096)
        finally:
            dst.close()
        src.execute("COMMIT")
    finally:
        src.close()
    return counts


def _key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # not at start-up

    kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    return kdf.derive(passphrase.encode("utf-8"))


def _aad(header_hash: bytes, index: int, last: bool) -> bytes:
    return header_hash + struct.pack(">I?", index, last)


def seal_file(plain: Path, out: BinaryIO, passphrase: str, meta: dict[str, Any]) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(8)
    aes = AESGCM(_key(passphrase, salt, SCRYPT))
    # a wrong passphrase is told apart from a damaged file by this small sealed check value
    check = aes.encrypt(prefix + KEY_CHECK_INDEX, KEY_CHECK, salt)
    header = dict(meta, format=1, kdf="scrypt", **SCRYPT,
                  salt=base64.b64encode(salt).decode(), nonce=base64.b64encode(prefix).decode(),
                  check=base64.b64encode(check).decode())
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    out.write(MAGIC + struct.pack(">I", len(head)) + head)
    head_hash = hashlib.sha256(head).digest()
    packer = zlib.compressobj(1)  # level 1: at 1M dossiers 72 s against 115 s, 19% larger
    index = 0
    pending = b""
    with plain.open("rb") as fh:
        while True:
            block = fh.read(CHUNK)
            pending += packer.compress(block) if block else packer.flush()
            while len(pending) >= CHUNK or (not block and pending):
                piece, pending = pending[:CHUNK], pending[CHUNK:]
                last = not block and not pending
                nonce = prefix + struct.pack(">I", index)
                sealed = aes.encrypt(nonce, piece, _aad(head_hash, index, last))
                out.write(struct.pack(">I", len(sealed)) + sealed)
                index += 1
            if not block:
                break


def _durable_write(folder: Path, name: str, plain: Path, passphrase: str,
                   meta: dict[str, Any]) -> Path:
    final = folder / name
    tmp = folder / (name + ".part")
    try:
        with tmp.open("wb") as out:
            seal_file(plain, out, passphrase, meta)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    try:
        fsync_dir(folder)
    except OSError:  # some network shares cannot fsync a folder
        pass
    return final


def make_backup(db_path: Path, folder: Path, passphrase: str, *, now: datetime, agency: str,
                commune: str, reason: str = "manual", keep: int = 10,
                data_dir: Path | None = None) -> BackupFile:
    """Back the store up into ``folder`` (see the module), and the scanned documents it names
    from ``data_dir`` (:mod:`desk_app.scanning.backup_files`); raises KnownError with
    ``backup_folder`` (cannot write there), ``backup_verify_failed`` or ``passphrase_short``."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KnownError("passphrase_short", "backup passphrase too short", min=MIN_PASSPHRASE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError("backup_folder", str(exc), path=str(folder)) from exc
    name = f"desk-{agency}-{now:%Y%m%d-%H%M%S}-{reason}{SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="desk_app-backup-") as tmp:
        plain = Path(tmp) / "copy.sqlite3"
        counts = snapshot(db_path, plain)
        meta = {"made_at": now.isoformat(timespec="seconds"), "agency": agency,
                "commune": commune, "reason": reason}
        try:
            path = _durable_write(folder, name, plain, passphrase, meta)
        except OSError as exc:
            raise KnownError("backup_folder", str(exc), path=str(folder)) from exc
        if data_dir is not None:  # the documents the copy names, each once in the folder
            from desk_app.scanning.backup_files import save_files

            save_files(plain, data_dir, folder, passphrase)
    try:
        verify_backup(path, passphrase, counts)
    except KnownError:
        path.unlink(missing_ok=True)
        raise
    prune(folder, agency, keep)
    info = describe(path)
    assert info is not None
    log.info("backup %s made and verified (%d dossiers, %d bytes)", path,
             counts.get("dossiers", 0), info.size)
    return info


# -- reading -------------------------------------------------------------------------------------

def read_header(fh: BinaryIO) -> tuple[dict[str, Any], bytes]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise KnownError("backup_not_ours", "not a desk backup")
    try:
        (size,) = struct.unpack(">I", fh.read(4))
        head = fh.read(size)
        return json.loads(head.decode("utf-8")), head
    except (struct.error, ValueError) as exc:
        raise KnownError("backup_damaged", str(exc)) from exc


def _chunks(fh: BinaryIO) -> Iterator[bytes]:
    while True:
        raw = fh.read(4)
        if not raw:
            return
        if len(raw) < 4:
            raise KnownError("backup_damaged", "cut in a chunk's length")
        (size,) = struct.unpack(">I", raw)
        body = fh.read(size)
        if len(body) < size:
            raise KnownError("backup_damaged", "cut in a chunk")
        yield body


def open_file(path: Path, passphrase: str, dest: Path) -> dict[str, Any]:
    """Decrypt ``path`` into ``dest``; returns its header. ``backup_passphrase`` when the
    passphrase is wrong, ``backup_damaged`` when a chunk is changed, missing or cut off,
    ``backup_not_ours`` for another kind of file (each names the file: ``backup``)."""
    try:
        return _open_file(path, passphrase, dest)
    except KnownError as exc:
        exc.params.setdefault("backup", path.name)
        raise
    except OSError as exc:
        raise KnownError("backup_folder", str(exc), path=str(path.parent)) from exc


def _open_file(path: Path, passphrase: str, dest: Path) -> dict[str, Any]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with path.open("rb") as fh, dest.open("wb") as out:
        header, head = read_header(fh)
        salt = base64.b64decode(header["salt"])
        prefix = base64.b64decode(header["nonce"])
        aes = AESGCM(_key(passphrase, salt, {k: int(header[k]) for k in ("n", "r", "p")}))
        try:
            aes.decrypt(prefix + KEY_CHECK_INDEX, base64.b64decode(header["check"]), salt)
        except (InvalidTag, KeyError) as exc:
            raise KnownError("backup_passphrase", "wrong passphrase") from exc
        head_hash = hashlib.sha256(head).digest()
        unpacker = zlib.decompressobj()
        index, ended = 0, False
        chunks = _chunks(fh)
        body = next(chunks, None)
        while body is not None:
            following = next(chunks, None)
            last = following is None
            try:
                piece = aes.decrypt(prefix + struct.pack(">I", index), body,
                                    _aad(head_hash, index, last))
            except InvalidTag as exc:
                raise KnownError("backup_damaged", f"chunk {index} changed or cut") from exc
            out.write(unpacker.decompress(piece))
            ended = last
            index += 1
            body = following
        if not ended:
            raise KnownError("backup_damaged", "no chunk")
        out.write(unpacker.flush())
    return header


def verify_backup(path: Path, passphrase: str, counts: dict[str, int]) -> None:
    with tempfile.TemporaryDirectory(prefix="desk_app-verify-") as tmp:
        plain = Path(tmp) / "check.sqlite3"
        open_file(path, passphrase, plain)
        problems = check_file(plain, "integrity_check", immutable=True)
        if problems:
            raise KnownError("backup_verify_failed", "; ".join(problems[:3]), path=str(path))
        conn = sqlite3.connect(plain)
        try:
            found = _counts(conn)
        finally:
            conn.close()
        if found != counts:
            diff = {t: (counts.get(t), found.get(t)) for t in set(counts) | set(found)
                    if counts.get(t) != found.get(t)}
            raise KnownError("backup_verify_failed", f"counts differ: {diff}", path=str(path))


def summarize(plain: Path, header: dict[str, Any]) -> BackupSummary:
    conn = sqlite3.connect(plain)
    try:
        counts = _counts(conn)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        last = conn.execute(
            "SELECT day, max(code) FROM (SELECT substr(received_at, 1, 10) AS day, code "
            "FROM dossiers) GROUP BY day ORDER BY day DESC LIMIT 5").fetchall()
        seq = conn.execute("SELECT coalesce(max(id), 0) FROM outbox").fetchone()[0]
    finally:
        conn.close()
    return BackupSummary(
        made_at=datetime.fromisoformat(header["made_at"]), commune=header.get("commune", ""),
        agency=header.get("agency", ""), revision=str(revision),
        dossiers=counts.get("dossiers", 0), counts=counts,
        last_codes=[(str(d), str(c)) for d, c in last], outbox_max_seq=int(seq))


def read_backup(path: Path, passphrase: str, dest: Path) -> BackupSummary:
    """Decrypt into ``dest``, check it, and say what it holds."""
    header = open_file(path, passphrase, dest)
    problems = check_file(dest, "integrity_check", immutable=True)
    if problems:
        raise KnownError("backup_verify_failed", "; ".join(problems[:3]), path=str(path))
    return summarize(dest, header)


# -- the folder ----------------------------------------------------------------------------------

def describe(path: Path) -> BackupFile | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupFile(path, m["agency"], datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S"),
                      m["why"], size)


def list_backups(folder: Path, agency: str | None = None) -> list[BackupFile]:
    """This desk's backups in ``folder`` (any desk's when ``agency`` is None), newest first."""
    try:
        found = [describe(p) for p in folder.glob("desk-*" + SUFFIX)]
    except OSError:
        return []
    mine = [b for b in found if b is not None and (agency is None or b.agency == agency)]
    return sorted(mine, key=lambda b: b.made_at, reverse=True)


def prune(folder: Path, agency: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of this agency; returns what went."""
    gone = []
    for old in list_backups(folder, agency)[max(1, keep):]:
        try:
            old.path.unlink()
            gone.append(old.path)
        except OSError:
            log.warning("could not delete the old backup %s", old.path)
    return gone
