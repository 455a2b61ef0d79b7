"""Digitised documents of a dossier (issue 16): attach pages, re-use a returning citizen's
documents, list them, clean orphan files.

* :func:`attach` - the pages of one component (or of the dossier's result) become one PDF
  (:func:`desk_app.scanning.assemble.assemble`), stored under its SHA-256 in the data folder
  **before** the row's transaction commits (:class:`~desk_app.scanning.files.ScanFiles`):
  a failed or killed transaction leaves at most an orphan file, never a row without its file.
* :func:`reusable` - a returning citizen's earlier documents (found by CCCD number) still
  valid; :func:`reuse` records one for a component of the new dossier (``source='reused'``,
  linked to the original; the same file, no scan), which counts in the 766 digitisation group.
* :func:`documents_of`, :func:`referenced`, :func:`remove_orphans`.

Writes follow the house pattern ``fn(session, clock, clerk_id, ...)`` in the caller's
transaction, check the role (:data:`Action.DIGITISE`: every counter role, unless a province
narrows it) and add an audit record. Every document also appends a ``document.attached`` event to the outbox in the same
transaction (:func:`document_event`): the province counts digitisation from these, and the
file itself follows the event (:mod:`desk_app.sync.files`).
"""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.errors import FieldError, KnownError, NotFoundError, ValidationError
from desk_app.scanning import content
from desk_app.scanning.assemble import DEFAULT_DPI, Assembled, Page, assemble
from desk_app.scanning.files import ScanFiles
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.serialize import iso
from desk_app.store import outbox
from desk_app.store.models import Commune, Dossier, DossierComponent
from desk_app.store.models_scans import ScanDocument
from desk_app.store.stamps import stamp

SOURCES = ("scanner", "file", "folder")  # what a clerk attaches; "reused" is made by reuse()


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    uuid: str
    dossier_id: int
    component_id: int | None
    role: str
    name: str
    sha256: str
    size: int
    pages: int
    source: str
    dpi: int
    mode: str
    created_at: datetime
    reused_from_id: int | None
    valid_until: date | None
    path: str  # relative to the data folder


@dataclass(frozen=True)
class Reusable:
    """An earlier document of the same citizen the clerk may re-use."""

    document: DocumentInfo
    dossier_code: str
    received_at: datetime


def _info(doc: ScanDocument, files: ScanFiles | None = None) -> DocumentInfo:
    rel = f"scans/{doc.sha256[:2]}/{doc.sha256}.pdf" if files is None \
        else files.relative(doc.sha256)
    return DocumentInfo(doc.id, doc.uuid, doc.dossier_id, doc.component_id, doc.role, doc.name,
                        doc.sha256, doc.size, doc.pages, doc.source, doc.dpi, doc.mode,
                        doc.created_at, doc.reused_from_id, doc.valid_until, rel)


def _target(session: Session, dossier_id: int,
            component_id: int | None) -> tuple[Dossier, DossierComponent | None]:
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise NotFoundError("dossier_not_found", f"dossier {dossier_id}")
    if component_id is None:
        return dossier, None
    comp = session.get(DossierComponent, component_id)
    if comp is None or comp.dossier_id != dossier.id:
        raise ValidationError([FieldError("component", "unknown_component")])
    return dossier, comp


def _dossier_totals(session: Session, dossier_id: int) -> tuple[int, int]:
    """Pages and bytes of the dossier's current documents (one per component, the results)."""
    current = select(DossierComponent.scan_document_id).where(
        DossierComponent.dossier_id == dossier_id)
    row = session.execute(select(func.coalesce(func.sum(ScanDocument.pages), 0),
                                 func.coalesce(func.sum(ScanDocument.size), 0)).where(
        ScanDocument.dossier_id == dossier_id,
        (ScanDocument.role == "result") | ScanDocument.id.in_(current))).one()
    return int(row[0]), int(row[1])


def _check_room(session: Session, dossier: Dossier, comp: DossierComponent | None, pages: int,
                size: int, limits: content.Limits) -> None:
    """The dossier's limits with a new document of ``pages`` and ``size`` for ``comp``."""
    have_pages, have_bytes = _dossier_totals(session, dossier.id)
    if comp is not None and comp.scan_document_id is not None:  # replaced: not counted twice
        old = session.get(ScanDocument, comp.scan_document_id)
        if old is not None:
            have_pages, have_bytes = have_pages - old.pages, have_bytes - old.size
    content.check_dossier(have_pages + pages, have_bytes + size, limits)


def attach(session: Session, clock: Clock, clerk_id: int, files: ScanFiles, dossier_id: int,
           component_id: int | None, pages: Sequence[Page], *, source: str,
           mode: str = "gray", dpi: int = DEFAULT_DPI, valid_until: date | None = None,
           limits: content.Limits = content.DEFAULT_LIMITS,
           made: Assembled | None = None) -> DocumentInfo:
    """The ``pages`` (in their order, turned as they are) as the document of the component
    ``component_id`` of the dossier, or of its result when ``component_id`` is None. A
    component digitised before gets the new document (the earlier row stays in history).

    ``made``: the PDF already assembled from ``pages`` with ``mode`` and ``dpi`` (the scan
    dialog does it on a worker first): assembling 20 colour photos takes seconds, and inside
    the write transaction it would hold SQLite's write lock, and every other writer, that
    long."""
    clerk = require(session, clerk_id, Action.DIGITISE)
    dossier, comp = _target(session, dossier_id, component_id)
    if source not in SOURCES:
        raise ValidationError([FieldError("source", "bad_choice")])
    if made is None:
        made = assemble(pages, mode, dpi)
    content.check_component(made.pages, len(made.pdf), limits)
    _check_room(session, dossier, comp, made.pages, len(made.pdf), limits)
    now = stamp(session, clock.now())
    stored = files.put(made.pdf)  # on disk, fsync'd, before the row can commit
    doc = ScanDocument(uuid=str(uuid_mod.uuid4()), dossier_id=dossier.id,
                       component_id=None if comp is None else comp.id,
                       role="result" if comp is None else "component",
                       name="" if comp is None else comp.name, sha256=stored.sha256,
                       size=stored.size, pages=made.pages, kind="pdf", source=source, dpi=dpi,
                       mode=mode, page_info=made.page_info, valid_until=valid_until,
                       created_at=now, created_by=clerk.id)
    session.add(doc)
    session.flush()
    if comp is not None:
        comp.scan_document_id = doc.id
    audit.record(session, clerk.id, "dossier.scan", now, dossier=dossier, change={
        "document": doc.uuid, "component": None if comp is None else comp.position,
        "role": doc.role, "sha256": doc.sha256, "pages": doc.pages, "source": source})
    document_event(session, doc, dossier, comp)
    session.flush()
    return _info(doc, files)


def document_event(session: Session, doc: ScanDocument, dossier: Dossier,
                   comp: DossierComponent | None, *, reused_from: str | None = None) -> None:
    """The small ``document.attached`` event of ``doc`` in the caller's transaction: what the
    province counts (its file goes after it, by its ``sha256``; docs/sync-protocol.md)."""
    commune = session.scalar(select(Commune.agency_code).limit(1)) or ""
    outbox.append(session, entity="document", entity_uuid=doc.uuid, kind="document.attached",
                  payload={"uuid": doc.uuid, "dossier_uuid": dossier.uuid,
                           "agency_code": commune, "role": doc.role,
                           "component": None if comp is None else comp.position,
                           "sha256": doc.sha256, "size": doc.size, "pages": doc.pages,
                           "source": doc.source, "reused_from": reused_from,
                           "at": iso(doc.created_at)}, at=doc.created_at)


def documents_of(session: Session, dossier_id: int) -> list[DocumentInfo]:
    """Every document of the dossier, oldest first (a component's current one is named by
    its row's ``scan_document_id``)."""
    rows = session.scalars(select(ScanDocument).where(ScanDocument.dossier_id == dossier_id)
                           .order_by(ScanDocument.id))
    return [_info(d) for d in rows]


def _root(session: Session, doc: ScanDocument) -> ScanDocument:
    seen = {doc.id}
    while doc.reused_from_id is not None:
        earlier = session.get(ScanDocument, doc.reused_from_id)
        if earlier is None or earlier.id in seen:
            break
        seen.add(earlier.id)
        doc = earlier
    return doc


def reusable(session: Session, id_number: str, today: date, *,
             exclude_dossier: int | None = None) -> list[Reusable]:
    """The component documents of the citizen with CCCD ``id_number`` from earlier dossiers,
    still valid ``today`` (no end date, or not past it); one per file, the newest first."""
    id_number = id_number.replace(" ", "")
    if not id_number:
        return []
    rows = session.execute(
        select(ScanDocument, Dossier.code, Dossier.received_at)
        .join(Dossier, Dossier.id == ScanDocument.dossier_id)
        .where(Dossier.applicant_id_number == id_number, ScanDocument.role == "component",
               (ScanDocument.valid_until.is_(None)) | (ScanDocument.valid_until >= today))
        .order_by(ScanDocument.created_at.desc(), ScanDocument.id.desc())).all()
    out, seen = [], set()
    for doc, code, received in rows:
        if doc.dossier_id == exclude_dossier or (doc.sha256, doc.name) in seen:
            continue
        seen.add((doc.sha256, doc.name))
        out.append(Reusable(_info(doc), code, received))
    return out


def reuse(session: Session, clock: Clock, clerk_id: int, files: ScanFiles, dossier_id: int,
          component_id: int, document_id: int, *,
          limits: content.Limits = content.DEFAULT_LIMITS) -> DocumentInfo:
    """Record the earlier document ``document_id`` as the component's document: a row of its
    own (``source='reused'``, linked to the original), the same file; nothing scanned. It
    counts in the dossier's limits as a scanned one does."""
    clerk = require(session, clerk_id, Action.DIGITISE)
    dossier, comp = _target(session, dossier_id, component_id)
    assert comp is not None
    earlier = session.get(ScanDocument, document_id)
    if earlier is None:
        raise NotFoundError("scan_not_found", f"document {document_id}")
    owner = session.get(Dossier, earlier.dossier_id)
    now = stamp(session, clock.now())
    if (owner is None or not dossier.applicant_id_number
            or owner.applicant_id_number != dossier.applicant_id_number
            or owner.id == dossier.id):
        raise KnownError("scan_not_reusable", "another citizen's document", document=document_id)
    if earlier.valid_until is not None and earlier.valid_until < now.date():
        raise KnownError("scan_expired", "no longer valid", until=earlier.valid_until.isoformat())
    if not files.has(earlier.sha256):
        raise KnownError("scan_file_missing", earlier.sha256, path=files.relative(earlier.sha256))
    root = _root(session, earlier)
    _check_room(session, dossier, comp, root.pages, root.size, limits)
    doc = ScanDocument(uuid=str(uuid_mod.uuid4()), dossier_id=dossier.id, component_id=comp.id,
                       role="component", name=comp.name, sha256=root.sha256, size=root.size,
                       pages=root.pages, kind=root.kind, source="reused", dpi=root.dpi,
                       mode=root.mode, page_info=root.page_info, valid_until=root.valid_until,
                       reused_from_id=root.id, created_at=now, created_by=clerk.id)
    session.add(doc)
    session.flush()
    comp.scan_document_id = doc.id
    audit.record(session, clerk.id, "dossier.scan_reuse", now, dossier=dossier, change={
        "document": doc.uuid, "component": comp.position, "from": root.uuid,
        "sha256": root.sha256})
    document_event(session, doc, dossier, comp, reused_from=root.uuid)
    session.flush()
    return _info(doc, files)


def referenced(session: Session) -> set[str]:
    """Every file a row names."""
    return set(session.scalars(select(ScanDocument.sha256).distinct()))


def remove_orphans(session: Session, files: ScanFiles, older_than: float) -> int:
    """Delete the files no row names (a save that failed or was killed after writing its
    file), if older than ``older_than`` (epoch seconds: a save in flight keeps its file)."""
    return len(files.remove_orphans(referenced(session), older_than))
