"""The printer, page layout and copies a desk chose for each form, kept in its settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from desk_app.services.desk_settings import get_setting, set_setting


@dataclass
class FormPrefs:
    printer: str = ""
    layout: str = ""  # "" = the template's default for the form
    copies: list[int] = field(default_factory=lambda: [1, 2])  # form 01: Liên 1 and 2

    @classmethod
    def from_value(cls, value: Any) -> FormPrefs:
        if not isinstance(value, dict):
            return cls()
        copies = [int(c) for c in value.get("copies", [1, 2]) if str(c) in ("1", "2")]
        return cls(str(value.get("printer", "")), str(value.get("layout", "")),
                   copies or [1, 2])


def key(form: str) -> str:
    return f"printing.form{form}"


def load_prefs(session: Session, form: str) -> FormPrefs:
    return FormPrefs.from_value(get_setting(session, key(form)))


def save_prefs(session: Session, form: str, prefs: FormPrefs) -> None:
    set_setting(session, key(form), asdict(prefs))
