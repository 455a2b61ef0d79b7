"""Setting the desk up for its commune: the first-start wizard's one write, and the admin's
later changes through the same pages.

What is set: the province and the commune (from :mod:`desk_app.core.divisions`), the agency
code (QĐ 20/2020/QĐ-TTg), the desk's name, phone and address, the office hours, the printer of
each form, and optionally the provincial server with its one-time enrolment code (kept until
the administrator's first login enrols the desk, then forgotten).

Codes already issued never change: a dossier keeps the code it was given, and the daily
sequence is counted per agency code (:mod:`desk_app.store.codes`). The agency code of a desk
enrolled with the province cannot be changed here: the province knows the commune by it and
would refuse the new codes, so the province changes it first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core import divisions
from desk_app.core.calendar import OfficeHours
from desk_app.core.codes import DEFAULT_FORMAT
from desk_app.core.permissions import Action
from desk_app.core.text import code_points, fold, forbidden_chars, nfc
from desk_app.errors import FieldError, ValidationError
from desk_app.printing.prefs import load_prefs, save_prefs
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.calendar_settings import parse_office_hours
from desk_app.services.clerks import has_clerks
from desk_app.services.desk_settings import get_setting, set_setting
from desk_app.services.validation import phone_error
from desk_app.store.models import Commune, Setting
from desk_app.store.models_sync import SyncEnrolment

log = logging.getLogger(__name__)

PENDING_ENROLMENT = "setup.enrolment"  # {"hub_url", "code"} until the admin's first login
PRINTED_FORMS = ("01", "02", "03", "04", "05", "06", "07")
_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?(/\S*)?$")
DEFAULT_DESK_NAME = "Bộ phận tiếp nhận và trả kết quả"


@dataclass
class SetupValues:
    """What the wizard's pages hold (texts as typed; codes of the chosen units)."""

    province: int = 0
    commune: int = 0
    agency_code: str = ""
    desk_name: str = DEFAULT_DESK_NAME
    phone: str = ""
    address: str = ""
    hours: list[tuple[str, str]] = field(
        default_factory=lambda: [(a, b) for a, b in OfficeHours().to_list()])
    printers: dict[str, str] = field(default_factory=dict)  # form -> printer ("" = ask)
    hub_url: str = ""
    enrol_code: str = ""


def _text(value: str, name: str, errors: list[FieldError], *, required: bool,
          limit: int) -> str:
    text = " ".join(nfc(value).split())
    bad = forbidden_chars(value)
    if bad:
        errors.append(FieldError(name, "control_chars", {"codes": code_points(bad)}))
    elif required and not text:
        errors.append(FieldError(name, "required"))
    elif len(text) > limit:
        errors.append(FieldError(name, "too_long", {"max": limit}))
    return text


def check_setup(values: SetupValues) -> tuple[dict[str, Any], OfficeHours]:
    """The commune row's values and the office hours, or every field's problem at once."""
    errors: list[FieldError] = []
    prov = divisions.province(values.province) if values.province else None
    unit = divisions.commune(values.province, values.commune) if prov else None
    if prov is None:
        errors.append(FieldError("province", "required"))
    elif unit is None:
        errors.append(FieldError("commune", "required"))
    agency = ""
    try:
        agency = divisions.check_agency_code(values.agency_code)
    except ValidationError as exc:
        errors += exc.errors
    desk_name = _text(values.desk_name, "desk_name", errors, required=True, limit=200)
    address = _text(values.address, "address", errors, required=False, limit=300)
    phone = " ".join(values.phone.split())
    if not phone:
        errors.append(FieldError("phone", "required"))
    elif (why := phone_error(phone)) is not None:
        errors.append(FieldError("phone", why[0], why[1]))
    hours: OfficeHours | None = None
    try:
        hours = parse_office_hours(values.hours)
    except ValidationError as exc:
        errors += exc.errors
    url, code = values.hub_url.strip(), values.enrol_code.strip()
    if url and not _URL.match(url):
        errors.append(FieldError("hub_url", "bad_url"))
    if code and not url:
        errors.append(FieldError("hub_url", "required"))
    if url and not code:
        errors.append(FieldError("enrol_code", "required"))
    if errors or prov is None or unit is None or hours is None:
        raise ValidationError(errors)
    row = {"agency_code": agency, "desk_name": desk_name, "address": address, "phone": phone,
           **divisions.agency_names(prov, unit)}
    return row, hours


def save_setup(session: Session, clock: Clock, clerk_id: int | None,
               values: SetupValues) -> int:
    """Write the set-up in the caller's transaction; returns the commune's id.

    ``clerk_id`` None: the first start, before any account exists (refused once one does);
    otherwise an admin (``Action.SETTINGS``)."""
    if clerk_id is not None:
        require(session, clerk_id, Action.SETTINGS)
    elif has_clerks(session):
        raise ValidationError([FieldError("clerk", "required")])
    row, hours = check_setup(values)
    commune = session.scalars(select(Commune).limit(1)).first()
    enrolled = session.scalars(select(SyncEnrolment.agency_code)
                               .where(SyncEnrolment.active.is_(True))).first()
    if commune is not None and enrolled and row["agency_code"] != commune.agency_code:
        raise ValidationError([FieldError("agency_code", "agency_enrolled",
                                          {"code": commune.agency_code})])
    if commune is None:
        commune = Commune(code_format=DEFAULT_FORMAT, settings={}, **row)
        session.add(commune)
    else:
        for key, value in row.items():
            setattr(commune, key, value)
    settings = dict(commune.settings or {})
    if settings.pop("demo", False):  # the demo commune's look-up address is Hà Nội's
        settings.pop("lookup_text", None)
    settings["division"] = {"province": values.province, "commune": values.commune}
    commune.settings = settings
    commune.office_hours = hours.to_list()
    for form in PRINTED_FORMS:
        if form in values.printers:
            prefs = load_prefs(session, form)
            prefs.printer = values.printers[form]
            save_prefs(session, form, prefs)
    if values.hub_url.strip():
        set_setting(session, PENDING_ENROLMENT,
                    {"hub_url": values.hub_url.strip(), "code": values.enrol_code.strip()})
    session.flush()
    audit.record(session, clerk_id, "settings.setup", clock.now(),
                 change={**row, "office_hours": hours.to_list(), "printers": values.printers,
                         "hub_url": values.hub_url.strip()})  # never the enrolment code
    log.info("commune set up: %s (%s) by clerk %s at %s", commune.name, commune.agency_code,
             clerk_id, clock.now())
    return commune.id


def current_setup(session: Session) -> SetupValues:
    """The set-up as stored, for the admin's pages (the units found by name for a desk set up
    before the wizard existed)."""
    commune = session.scalars(select(Commune).limit(1)).first()
    if commune is None:
        return SetupValues()
    division = (commune.settings or {}).get("division") or {}
    prov_code, unit_code = int(division.get("province", 0)), int(division.get("commune", 0))
    if not prov_code:
        prov_code, unit_code = _guess_units(commune)
    pending = get_setting(session, PENDING_ENROLMENT) or {}
    return SetupValues(
        province=prov_code, commune=unit_code, agency_code=commune.agency_code,
        desk_name=commune.desk_name, phone=commune.phone, address=commune.address,
        hours=[(a, b) for a, b in (commune.office_hours or OfficeHours().to_list())],
        printers={f: load_prefs(session, f).printer for f in PRINTED_FORMS},
        hub_url=str(pending.get("hub_url", "")), enrol_code=str(pending.get("code", "")))


def _guess_units(commune: Commune) -> tuple[int, int]:
    parent = fold(commune.parent_name)
    for prov in divisions.provinces():
        if fold(prov.bare_name) in parent:
            for unit in divisions.communes(prov.code):
                if fold(unit.name) in fold(commune.name):
                    return prov.code, unit.code
            return prov.code, 0
    return 0, 0


def take_pending_enrolment(session: Session) -> dict[str, str] | None:
    """The server and code typed in the wizard, handed over once (then forgotten)."""
    pending = get_setting(session, PENDING_ENROLMENT)
    if not pending:
        return None
    row = session.get(Setting, PENDING_ENROLMENT)
    if row is not None:
        session.delete(row)
    return {k: str(v) for k, v in pending.items()}
