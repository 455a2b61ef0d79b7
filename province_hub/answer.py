"""What every answer of the hub carries, and how a handler refuses.

``stamp`` adds the protocol version and the hub's clock to a JSON body; ``Fail`` is the refusal
a handler raises (the app turns it into ``{"error": code, "detail": ...}`` with its status);
``utcnow`` is the one clock the hub reads (naive UTC, whole seconds).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, Field

from desk_app.sync import protocol as p


def utcnow() -> datetime:
    """Naive UTC: the hub's own clock (the one clock it reads)."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def stamp(body: dict[str, Any]) -> dict[str, Any]:
    return {"protocol": p.PROTOCOL_VERSION,
            "server_time": p.utc_now_text(datetime.now(timezone.utc)), **body}


class Fail(Exception):
    def __init__(self, status: int, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


class Stamped(BaseModel):
    protocol: int = Field(description="protocol version of the hub")
    server_time: str = Field(description="the hub's clock, UTC, ISO 8601")
