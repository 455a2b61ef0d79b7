"""The procedure catalogue file (``resources/catalogue/*.json``): parsing and checking.

A catalogue file has a version and an effective date; loading it into the store
(:mod:`desk_app.store.catalogue`) adds a new procedure version wherever the content changed, so
dossiers keep the version they were received under.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desk_app.core.calendar import TimeLimit
from desk_app.core.fees import validate_fee
from desk_app.core.text import nfc


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the procedure and the problem."""


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    originals: int
    certified_copies: int
    copies: int
    required: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "originals": self.originals,
            "certified_copies": self.certified_copies,
            "copies": self.copies,
            "required": self.required,
        }


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field: str
    time_limit: TimeLimit
    fee: dict[str, Any]
    legal_basis: str  # the texts the procedure (and its components) come from
    components: tuple[ComponentSpec, ...]
    limit_source: str = ""  # the article that sets the time limit, quoted on screen

    def content_hash(self) -> str:
        """A hash of everything that matters for a dossier; equal hash = same version."""
        body = {
            "name": self.name,
            "field": self.field,
            "time_limit": self.time_limit.to_dict(),
            "fee": self.fee,
            "legal_basis": self.legal_basis,
            "limit_source": self.limit_source,
            "components": [c.to_dict() for c in self.components],
        }
        raw = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class CatalogueFile:
    version: str
    effective_from: date
    procedures: tuple[ProcedureSpec, ...]


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or value < 0:
        raise CatalogueError(f"{where}: counts must be whole numbers >= 0")
    return value


def parse_catalogue(data: dict[str, Any]) -> CatalogueFile:
    try:
        version = str(data["catalogue_version"])
        effective = date.fromisoformat(data["effective_from"])
        raw_procs = data["procedures"]
    except (KeyError, ValueError, TypeError) as exc:
        raise CatalogueError(f"catalogue header: {exc}") from exc
    procs: list[ProcedureSpec] = []
    seen: set[str] = set()
    for raw in raw_procs:
        code = nfc(raw.get("code"))
        where = f"procedure {code or '?'}"
        if not code or code in seen:
            raise CatalogueError(f"{where}: missing or duplicate code")
        seen.add(code)
        try:
            limit = TimeLimit.from_dict(raw["time_limit"])
            fee = dict(raw["fee"])
            validate_fee(fee)
        except (KeyError, ValueError, TypeError) as exc:
            raise CatalogueError(f"{where}: {exc}") from exc
        comps = []
        for comp in raw.get("components", []):
            spec = ComponentSpec(
                name=nfc(comp["name"]),
                originals=_count(comp.get("originals", 0), where),
                certified_copies=_count(comp.get("certified_copies", 0), where),
                copies=_count(comp.get("copies", 0), where),
                required=bool(comp.get("required", True)),
            )
            if not spec.name or spec.originals + spec.certified_copies + spec.copies == 0:
                raise CatalogueError(f"{where}: a component needs a name and a count")
            comps.append(spec)
        if not comps:
            raise CatalogueError(f"{where}: no components")
        name = nfc(raw.get("name"))
        if not name:
            raise CatalogueError(f"{where}: no name")
        procs.append(
            ProcedureSpec(
                code=code,
                name=name,
                field=nfc(raw.get("field")) or "Khác",
                time_limit=limit,
                fee=fee,
                legal_basis=nfc(raw.get("legal_basis")),
                components=tuple(comps),
                limit_source=nfc(raw.get("limit_source")),
            )
        )
    return CatalogueFile(version, effective, tuple(procs))


def read_catalogue(path: Path) -> CatalogueFile:
    with path.open(encoding="utf-8") as fh:
        return parse_catalogue(json.load(fh))
