"""What the dossier page shows of a dossier's digitisation (issue 16): each component with
its current document (or none), and the dossier's latest result document.

A read in the house pattern ``fn(session, ...)``; the GUI asks it on its read lane.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.store.models import DossierComponent
from desk_app.store.models_scans import ScanDocument


@dataclass(frozen=True)
class ComponentScan:
    component_id: int
    position: int
    name: str
    pages: int  # of its current document; 0: not digitised
    source: str  # scanner | file | folder | reused | "" (not digitised)

    @property
    def digitised(self) -> bool:
        return self.pages > 0


@dataclass(frozen=True)
class DossierScans:
    components: tuple[ComponentScan, ...]
    result_pages: int  # of the latest result document; 0: none


def dossier_scans(session: Session, dossier_id: int) -> DossierScans:
    comps = session.execute(
        select(DossierComponent, ScanDocument.pages, ScanDocument.source)
        .outerjoin(ScanDocument, ScanDocument.id == DossierComponent.scan_document_id)
        .where(DossierComponent.dossier_id == dossier_id)
        .order_by(DossierComponent.position, DossierComponent.id)).all()
    result = session.scalar(
        select(ScanDocument.pages).where(ScanDocument.dossier_id == dossier_id,
                                         ScanDocument.role == "result")
        .order_by(ScanDocument.id.desc()).limit(1))
    return DossierScans(
        tuple(ComponentScan(c.id, c.position, c.name, int(pages or 0), source or "")
              for c, pages, source in comps),
        int(result or 0))
