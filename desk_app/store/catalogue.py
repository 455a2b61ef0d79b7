"""Loading a catalogue file into the store and picking the version in force on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.catalogue import CatalogueFile
from desk_app.core.text import fold
from desk_app.store.models import (
    CatalogueRelease,
    Procedure,
    ProcedureComponent,
    ProcedureVersion,
)


@dataclass(frozen=True)
class LoadResult:
    release_version: str
    added_procedures: int
    added_versions: int
    unchanged: int
    already_loaded: bool = False


PROVINCE = "province"


def load_catalogue(session: Session, cat: CatalogueFile, at: datetime, source: str = "") -> LoadResult:
    """Add what ``cat`` changes. Re-loading the same release is a no-op.

    A procedure's new version takes effect on the release's date and closes the version before
    it. A release dated no later than the version in force is refused, except where that
    version came with the program (a bundled file, not the province): a province release, or a
    newer bundled correction, then supersedes it from the day it is loaded (never earlier: a
    dossier already received keeps its version and its deadline), and a bundled version not in
    force yet is dropped. A bundled file never supersedes the province's version.
    """
    if session.scalar(select(CatalogueRelease).where(CatalogueRelease.version == cat.version)):
        return LoadResult(cat.version, 0, 0, 0, already_loaded=True)
    release = CatalogueRelease(
        version=cat.version, effective_from=cat.effective_from, loaded_at=at, source=source
    )
    session.add(release)
    session.flush()
    existing = {p.national_code: p for p in session.scalars(select(Procedure))}
    sources = dict(session.execute(select(CatalogueRelease.id, CatalogueRelease.source)).all())
    added_procs = added_versions = unchanged = 0
    for spec in cat.procedures:
        proc = existing.get(spec.code)
        if proc is None:
            proc = Procedure(national_code=spec.code)
            session.add(proc)
            session.flush()
            added_procs += 1
        live = [v for v in proc.versions  # a superseded version never in force is skipped
                if v.effective_to is None or v.effective_to >= v.effective_from]
        latest = live[-1] if live else None
        digest = spec.content_hash()
        if latest is not None and latest.content_hash == digest:
            unchanged += 1
            continue
        effective = cat.effective_from
        if latest is not None:
            if latest.effective_from >= cat.effective_from:
                if sources.get(latest.release_id) == PROVINCE:
                    raise ValueError(
                        f"{spec.code}: release {cat.version} is not newer than the version "
                        "in force")
                effective = _supersede(proc.versions, max(cat.effective_from, at.date()))
            else:
                latest.effective_to = cat.effective_from - timedelta(days=1)
        version = ProcedureVersion(
            procedure_id=proc.id,
            release_id=release.id,
            effective_from=effective,
            effective_to=None,
            name=spec.name,
            name_folded=fold(f"{spec.code} {spec.name}"),
            field=spec.field,
            limit_kind=spec.time_limit.kind,
            limit_days=spec.time_limit.days,
            cutoff=spec.time_limit.cutoff.strftime("%H:%M"),
            fee_rule=spec.fee,
            legal_basis=spec.legal_basis,
            limit_source=spec.limit_source,
            content_hash=digest,
            components=[
                ProcedureComponent(
                    position=i,
                    name=c.name,
                    originals=c.originals,
                    certified_copies=c.certified_copies,
                    copies=c.copies,
                    required=c.required,
                )
                for i, c in enumerate(spec.components, start=1)
            ],
        )
        session.add(version)
        proc.versions.append(version)
        added_versions += 1
    session.flush()
    return LoadResult(cat.version, added_procs, added_versions, unchanged)


def _supersede(versions: list[ProcedureVersion], start: date) -> date:
    """Make room for a version taking effect on ``start``: bundled versions not in force yet
    never take effect (an empty range), the one in force closes the day before."""
    for old in versions:
        if old.effective_from >= start:
            old.effective_to = old.effective_from - timedelta(days=1)  # never in force
        elif old.effective_to is None or old.effective_to >= start:
            old.effective_to = start - timedelta(days=1)
    return start


def version_in_force(session: Session, procedure_id: int, day: date) -> ProcedureVersion | None:
    return session.scalars(
        select(ProcedureVersion)
        .where(
            ProcedureVersion.procedure_id == procedure_id,
            ProcedureVersion.effective_from <= day,
            (ProcedureVersion.effective_to.is_(None)) | (ProcedureVersion.effective_to >= day),
        )
        .order_by(ProcedureVersion.effective_from.desc())
        .limit(1)
    ).first()


def versions_in_force(session: Session, day: date) -> list[ProcedureVersion]:
    """Every procedure's version in force on ``day``, by field then name (for the picker)."""
    return list(
        session.scalars(
            select(ProcedureVersion)
            .where(
                ProcedureVersion.effective_from <= day,
                (ProcedureVersion.effective_to.is_(None)) | (ProcedureVersion.effective_to >= day),
            )
            .order_by(ProcedureVersion.field, ProcedureVersion.name)
        )
    )
