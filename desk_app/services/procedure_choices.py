"""The procedures a clerk can pick today: the catalogue in force read once into plain values.

Each :class:`ProcedureChoice` carries its folded "code name" (no diacritics, đ -> d) so the
picker matches typed words without touching the store again (:func:`match`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desk_app.core.calendar import TimeLimit
from desk_app.core.text import fold
from desk_app.store.catalogue import versions_in_force
from desk_app.store.models import ProcedureVersion


@dataclass(frozen=True)
class ComponentRow:
    position: int
    name: str
    originals: int
    certified_copies: int
    copies: int
    required: bool


@dataclass(frozen=True)
class ProcedureChoice:
    version_id: int
    code: str
    name: str
    field: str
    name_folded: str
    limit: TimeLimit
    fee_rule: dict[str, Any]
    components: tuple[ComponentRow, ...]
    limit_source: str = ""  # the article that sets the limit

    @property
    def title(self) -> str:
        return f"{self.code} · {self.name}"


def load_choices(session: Session, day: date) -> list[ProcedureChoice]:
    ids = [v.id for v in versions_in_force(session, day)]
    # procedures and components in one query each, not one per version
    loaded = session.scalars(
        select(ProcedureVersion).where(ProcedureVersion.id.in_(ids))
        .options(selectinload(ProcedureVersion.components),
                 selectinload(ProcedureVersion.procedure))
        .execution_options(populate_existing=True)
    ).all()
    order = {vid: n for n, vid in enumerate(ids)}
    versions = sorted(loaded, key=lambda v: order[v.id])
    out = []
    for v in versions:
        out.append(
            ProcedureChoice(
                version_id=v.id,
                code=v.procedure.national_code,
                name=v.name,
                field=v.field,
                name_folded=v.name_folded,
                limit=TimeLimit.from_dict(
                    {"kind": v.limit_kind, "days": v.limit_days, "cutoff": v.cutoff}
                ),
                fee_rule=dict(v.fee_rule),
                components=tuple(
                    ComponentRow(c.position, c.name, c.originals, c.certified_copies, c.copies,
                                 c.required)
                    for c in v.components
                ),
                limit_source=v.limit_source,
            )
        )
    return out


def match(choices: list[ProcedureChoice], query: str) -> list[ProcedureChoice]:
    """Choices whose folded code+name holds every folded word, best first."""
    words = fold(query).split()
    if not words:
        return list(choices)
    hits = [c for c in choices if all(w in c.name_folded for w in words)]
    phrase = " ".join(words)
    # code typed first; then the words as one phrase; then the shortest (most general) name
    hits.sort(key=lambda c: (not c.code.startswith(words[0]),
                             phrase not in c.name_folded, len(c.name)))
    return hits
