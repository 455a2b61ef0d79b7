"""Small reads the counter's windows need about the desk and one dossier, as plain data.

The GUI never queries store models itself: the main window's title, the login window's desk
name and the slip offered after an intake read through these functions, which return plain
values (never ORM objects) so a worker thread may call them and hand the result to the GUI.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.store.models import Commune, Dossier


@dataclass(frozen=True)
class CommuneNames:
    """How the desk names itself on screen: "Bộ phận tiếp nhận…" · "Ủy ban nhân dân xã…"."""

    name: str
    desk_name: str


def commune_names(session: Session) -> CommuneNames | None:
    """The names of the commune this desk serves; None before the commune is configured."""
    row = session.execute(select(Commune.name, Commune.desk_name).limit(1)).first()
    return None if row is None else CommuneNames(name=row.name, desk_name=row.desk_name)


def dossier_status(session: Session, dossier_id: int) -> str | None:
    """The status of one dossier (None when there is no such dossier)."""
    return session.scalar(select(Dossier.status).where(Dossier.id == dossier_id))
