"""Which desk hosts the office's queue (issue 17), and how the other counters reach it.

The queue's tickets live in the store of ONE desk of the office (usually the PC where the
ticket kiosk runs): setting ``queue.host``. That desk serves the queue on the office LAN
(:mod:`desk_app.queue_lan.server`, port :data:`DEFAULT_PORT`); each other counter calls it with
the office's queue key (:mod:`desk_app.queue_lan.client`). The administrator of each desk
chooses one of three (:func:`set_link`, audited ``settings.queue_link``, never with the key):

* ``host``: this desk holds the queue; a key (160 random bits, typed at each counter as eight
  groups of four letters and digits) is made when it first becomes host, or anew on demand;
* ``client``: this desk uses the queue of the host at ``http://ADDRESS:PORT`` with its key;
* ``none``: no queue (the panel calls the tickets of this store, if it has any).

The tickets already in a store stay where they are when the setting changes.
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.core.text import nfc
from desk_app.errors import FieldError, ValidationError
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.desk_settings import get_setting, set_setting

HOST = "queue.host"  # setting: True on the desk whose store holds the office's queue
LINK = "queue.link"  # setting: {"mode", "url", "key", "port"} (see the module)
MODES = ("host", "client", "none")
DEFAULT_PORT = 8766
KEY_BYTES = 20  # 160 bits
_NOT_KEY = re.compile(r"[^0-9A-Z]")
_LOOKALIKE = str.maketrans("018", "OIB")


@dataclass(frozen=True)
class RemoteCaller:
    """A clerk of another counter calling over the office LAN: allowed to queue at their own
    desk (their account is not in this store), named here by username and counter."""

    counter: int
    name: str

    @property
    def label(self) -> str:
        return f"{self.name}, quầy {self.counter}"


@dataclass(frozen=True)
class QueueLink:
    mode: str  # host | client | none
    url: str = ""  # client: the host's address, http://ADDRESS:PORT
    key: str = ""  # the office's queue key (host: made here; client: typed by the admin)
    port: int = DEFAULT_PORT  # host: the port it listens on


def is_host(session: Session) -> bool:
    """Whether this desk hosts the queue (the ticket kiosk runs on it)."""
    return get_setting(session, HOST) is True


def set_host(session: Session, clock: Clock, clerk_id: int, host: bool) -> bool:
    """An admin makes this desk the queue's host (or no longer). One desk of an office should
    host; the tickets already in this store stay where they are either way."""
    require(session, clerk_id, Action.SETTINGS)
    before = link(session)
    set_setting(session, HOST, bool(host))
    key = before.key if before.mode == "host" and before.key else new_key()
    set_setting(session, LINK, {"mode": "host" if host else "none", "url": "",
                                "key": key if host else "", "port": before.port})
    audit.record(session, clerk_id, "settings.queue_host", clock.now(),
                 change={"host": bool(host)})
    return bool(host)


def new_key() -> str:
    """A fresh office queue key: 160 random bits as "ABCD-EFGH-..." (base32, 8 groups)."""
    text = base64.b32encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normal_key(key: str) -> str:
    """A key as typed (small letters, spaces, dashes; 0, 1 and 8, which base32 lacks, read
    as O, I and B) in the form it is compared in."""
    return _NOT_KEY.sub("", nfc(key).upper().translate(_LOOKALIKE))


def key_matches(given: str, expected: str) -> bool:
    """Compared in constant time; an empty expected key matches nothing."""
    want = normal_key(expected)
    return bool(want) and hmac.compare_digest(normal_key(given).encode("ascii", "replace"),
                                              want.encode("ascii"))


def link(session: Session) -> QueueLink:
    value = get_setting(session, LINK)
    if not isinstance(value, dict) or value.get("mode") not in MODES:
        return QueueLink("host" if is_host(session) else "none")
    port = value.get("port")
    return QueueLink(str(value["mode"]), str(value.get("url") or ""),
                     str(value.get("key") or ""),
                     port if isinstance(port, int) else DEFAULT_PORT)


def check_url(url: str) -> str:
    """``url`` as the host's address ``http://ADDRESS:PORT``, or a ValidationError on ``url``."""
    text = nfc(url).strip().rstrip("/")
    if text and "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme != "http" or not parts.hostname or port is None \
            or parts.path or parts.query or parts.username:
        raise ValidationError([FieldError("url", "bad_queue_url")])
    return f"http://{parts.netloc}"


def set_link(session: Session, clock: Clock, clerk_id: int, mode: str, url: str = "",
             key: str = "", port: int = DEFAULT_PORT, renew_key: bool = False) -> QueueLink:
    """An admin chooses how this desk takes part in the office's queue (see the module). A
    host keeps its key unless ``renew_key`` (or it has none yet); a client's key is checked
    for its length only (the host says whether it is right: "Thử kết nối")."""
    require(session, clerk_id, Action.SETTINGS)
    before = link(session)
    errors: list[FieldError] = []
    if mode not in MODES:
        errors.append(FieldError("mode", "bad_queue_mode", {"value": mode}))
    if not (isinstance(port, int) and 1024 <= port <= 65535):
        errors.append(FieldError("port", "bad_port", {"min": 1024, "max": 65535}))
    if mode == "client":
        try:
            url = check_url(url)
        except ValidationError as exc:
            errors += exc.errors
        if len(normal_key(key)) < 26:  # 128 bits of base32
            errors.append(FieldError("key", "bad_queue_key"))
    if errors:
        raise ValidationError(errors)
    if mode == "host":
        kept = before.key if before.mode == "host" and before.key else ""
        new = QueueLink("host", "", new_key() if renew_key or not kept else kept, port)
    elif mode == "client":
        new = QueueLink("client", url, "-".join(
            normal_key(key)[i:i + 4] for i in range(0, len(normal_key(key)), 4)), port)
    else:
        new = QueueLink("none", port=port)
    set_setting(session, LINK, {"mode": new.mode, "url": new.url, "key": new.key,
                                "port": new.port})
    set_setting(session, HOST, new.mode == "host")
    audit.record(session, clerk_id, "settings.queue_link", clock.now(), change={
        "mode": new.mode, "url": new.url, "port": new.port,
        "key_changed": new.key != before.key})  # never the key itself: it goes to the province
    return new
