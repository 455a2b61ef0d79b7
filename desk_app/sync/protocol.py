"""The wire format shared by the desk and the provincial hub (protocol version 1).

Every request carries ``X-Desk-Protocol``; every answer carries ``X-Hub-Protocol`` and
``X-Hub-Time`` (UTC), and JSON answers repeat them as ``protocol`` and ``server_time``. Request
bodies of pushes are gzip-compressed JSON (``Content-Encoding: gzip``). See docs/sync-protocol.md.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})
API = "/api/v1"

# Bounds of one push; the server refuses bigger batches with 413, and the client never makes them.
MAX_BATCH_EVENTS = 500
MAX_BATCH_BYTES = 1_000_000  # uncompressed JSON
MAX_PULL_ITEMS = 200

# A desk's secret, as the desk makes it (secrets.token_urlsafe(32): 43 characters) and sends it
# at enrolment and rotation.
SECRET_PATTERN = r"^[A-Za-z0-9_-]{43,86}$"

HEADER_PROTOCOL = "X-Desk-Protocol"
HEADER_HUB_PROTOCOL = "X-Hub-Protocol"
HEADER_HUB_TIME = "X-Hub-Time"

# Result of one pushed event.
STORED = "stored"  # new on the server
DUPLICATE = "duplicate"  # already stored with the same content: success
CONFLICT = "conflict"  # same uuid, different content: recorded on the server, not stored twice
REJECTED = "rejected"  # refused (another commune's data, unknown kind ...)
ACKED = frozenset({STORED, DUPLICATE})

EVENT_FIELDS = ("uuid", "seq", "entity", "entity_uuid", "kind", "payload", "created_at")


def canonical(obj: Any) -> bytes:
    """Stable JSON bytes: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(event: dict[str, Any]) -> str:
    """What makes two copies of an event "the same": everything but the desk's sequence."""
    body = {k: event.get(k) for k in ("uuid", "entity", "entity_uuid", "kind", "payload",
                                       "created_at")}
    return hashlib.sha256(canonical(body)).hexdigest()


def range_digest(rows: list[tuple[int, str]]) -> str:
    """Reconciliation: sha256 over the lines ``<seq>:<uuid>`` of a range of events, in seq
    order (the desk and the hub compute it each over what they hold)."""
    h = hashlib.sha256()
    for seq, uuid in rows:
        h.update(f"{seq}:{uuid}\n".encode("ascii"))
    return h.hexdigest()


def gzip_json(obj: Any) -> bytes:
    return gzip.compress(canonical(obj), compresslevel=6, mtime=0)


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress at most ``limit`` bytes (a small body cannot expand into a huge one)."""
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data, limit + 1)
    if len(out) > limit or d.unconsumed_tail:
        raise ValueError("too_large")
    return out


def utc_now_text(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    """An aware datetime from ISO text (``Z`` accepted)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class EventResult:
    uuid: str
    seq: int
    status: str
    reason: str = ""


@dataclass(frozen=True)
class PushAnswer:
    server_time: datetime
    results: list[EventResult]
    desk_last_seq: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PushAnswer:
        return cls(
            parse_time(data["server_time"]),
            [EventResult(r["uuid"], int(r["seq"]), r["status"], r.get("reason", ""))
             for r in data["results"]],
            int(data.get("desk_last_seq") or 0),
        )


@dataclass(frozen=True)
class PullItem:
    cursor: int
    kind: str  # catalogue.release | calendar.override | dossier.status
    data: dict[str, Any]


@dataclass(frozen=True)
class PullAnswer:
    server_time: datetime
    items: list[PullItem]
    next_cursor: int
    more: bool
    rotate_credential: bool = False  # the province asks this desk to rotate its credential

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PullAnswer:
        return cls(
            parse_time(data["server_time"]),
            [PullItem(int(i["cursor"]), i["kind"], i["data"]) for i in data["items"]],
            int(data["next_cursor"]),
            bool(data["more"]),
            data.get("rotate_credential") is True,
        )


@dataclass(frozen=True)
class Enrolment:
    desk_id: int
    credential: str
    agency_code: str
    commune_name: str
    server_time: datetime
    limits: dict[str, int] = field(default_factory=dict)
    counter: int | None = None  # the desk's counter number as the province holds it
