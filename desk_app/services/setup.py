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
from desk_app.errors import FieldError, ValidationError
from desk_app.paths import resources_dir
from desk_app.services.clerks import create_clerk
from desk_app.services.counter import set_counter
from desk_app.store.catalogue import LoadResult, load_catalogue
from desk_app.store.models import Clerk, Commune

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


def create_first_admin(session: Session, clock: Clock, username: str, full_name: str,
                       password: str, password2: str, counter: object) -> Clerk:
    """First start: the administrator's account and this desk's counter number, written
    together or not at all. Every field's problem is reported at once (``ValidationError``)."""
    if password != password2:  # said alone: the passwords are typed again first
        raise ValidationError([FieldError("password2", "mismatch")])
    errors: list[FieldError] = []
    clerk: Clerk | None = None
    try:
        clerk = create_clerk(session, clock, username, full_name, password, "admin")
    except ValidationError as exc:
        errors += exc.errors
    try:
        set_counter(session, counter)
    except ValidationError as exc:
        errors += exc.errors
    if errors or clerk is None:
        raise ValidationError(errors)
    return clerk
