"""Snapshots of stored records for the outbox (the wire format the province receives)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def iso(value: datetime | date | None) -> str | None:
    """ISO text; datetimes carry Vietnam's +07:00 offset on the wire."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "+07:00"
    return value.isoformat()


def dossier_payload(d: dict[str, Any], components: list[dict[str, Any]], agency_code: str,
                    version: Any) -> dict[str, Any]:
    """The dossier as the province receives it: ``d`` its column values, ``components`` its
    components' (as written), ``version`` its procedure version (national code, name...)."""
    return {
        "uuid": d["uuid"],
        "code": d["code"],
        "agency_code": agency_code,
        "procedure_code": version.national_code,
        "procedure_version": version.effective_from.isoformat(),
        "procedure_name": version.name,
        "field": version.field,
        "status": d["status"],
        "channel": d["channel"],
        "sets_count": d["sets_count"],
        "applicant": {
            "full_name": d["applicant_name"],
            "id_number": d["applicant_id_number"],
            "birth_date": iso(d["applicant_birth_date"]),
            "gender": d["applicant_gender"],
            "address": d["applicant_address"],
            "phone": d["applicant_phone"],
            "email": d["applicant_email"],
        },
        "representative": {
            "full_name": d["rep_name"],
            "id_number": d["rep_id_number"],
            "phone": d["rep_phone"],
            "relation": d["rep_relation"],
        },
        "components": [
            {
                "name": c["name"],
                "required": c["required"],
                "originals": c["originals"],
                "certified_copies": c["certified_copies"],
                "copies": c["copies"],
            }
            for c in sorted(components, key=lambda c: c["position"])
        ],
        "delivery": d["delivery"],
        "fee_amount": d["fee_amount"],
        "received_at": iso(d["received_at"]),
        "due_at": iso(d["due_at"]),
        "reason": d["outcome_reason"],
    }
