"""First-start set-up: the demo commune and the bundled procedure catalogue."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.calendar import OfficeHours
from desk_app.core.catalogue import read_catalogue
from desk_app.core.codes import DEFAULT_FORMAT, validate_format
from desk_app.paths import resources_dir
from desk_app.store.catalogue import LoadResult, load_catalogue
from desk_app.store.models import Commune

log = logging.getLogger(__name__)

DEMO_COMMUNE = {
    "agency_code": "000.00.12.H26",
    "name": "Ủy ban nhân dân xã Phù Đổng",
    "parent_name": "Ủy ban nhân dân thành phố Hà Nội",
    "desk_name": "Bộ phận tiếp nhận và trả kết quả",
    "place_name": "Phù Đổng",
    "address": "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội",
    "phone": "024 3827 1234",
    "settings": {"demo": True, "lookup_text": "https://dichvucong.hanoi.gov.vn/tra-cuu?ma={code}"},
}


def ensure_commune(session: Session, data: dict | None = None) -> Commune:
    """The commune row; created from ``data`` (default: the demo commune) if missing."""
    commune = session.scalars(select(Commune).limit(1)).first()
    if commune is not None:
        return commune
    values = dict(DEMO_COMMUNE if data is None else data)
    values.setdefault("code_format", DEFAULT_FORMAT)
    values.setdefault("office_hours", OfficeHours().to_list())
    validate_format(values["code_format"])
    commune = Commune(**values)
    session.add(commune)
    session.flush()
    log.info("commune %s (%s) created", commune.name, commune.agency_code)
    return commune


def bundled_catalogues() -> list[Path]:
    return sorted((resources_dir() / "catalogue").glob("procedures*.json"))


def load_bundled_catalogues(session: Session, clock: Clock) -> list[LoadResult]:
    """Load every bundled catalogue release not yet in the store, oldest first."""
    files = [(read_catalogue(p), p) for p in bundled_catalogues()]
    results = []
    for cat, path in sorted(files, key=lambda item: item[0].effective_from):
        res = load_catalogue(session, cat, clock.now(), source=path.name)
        if not res.already_loaded:
            log.info(
                "catalogue %s: %d new procedures, %d new versions",
                res.release_version, res.added_procedures, res.added_versions,
            )
        results.append(res)
    return results
