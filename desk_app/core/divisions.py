"""The country's administrative units since 1 July 2025 (two tiers: 34 provinces, 3,321
communes, wards and special zones), and the agency codes of QĐ 20/2020/QĐ-TTg.

The list is the PyPI package ``vietnam-provinces`` (data of the General Statistics Office, as
reorganised by the National Assembly's resolutions of 2025); it is read once and kept. Names are
matched without diacritics (``fold``): "phu dong" finds "Xã Phù Đổng".

An agency's electronic identifier (mã định danh điện tử, QĐ 20/2020/QĐ-TTg Điều 5) has four
groups separated by dots, written from level 4 to level 1: ``000.00.12.H26`` — level 4 and
level 3 three and two digits, level 2 two digits, level 1 a capital letter and two digits
(``H`` + the province's number for a provincial People's Committee). A commune's code has a
non-zero level 2 or 3: ``000.00.00.H26`` is the province itself, never a commune.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from desk_app.core.text import fold
from desk_app.errors import FieldError, ValidationError

AGENCY_CODE = re.compile(r"^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$")


@dataclass(frozen=True)
class Unit:
    """A province or a commune: its official number, name ("Xã Phù Đổng") and kind ("xã")."""

    code: int
    name: str
    kind: str
    province_code: int = 0

    @property
    def _prefix(self) -> str:
        return self.kind.split(" trung ương")[0]  # "thành phố trung ương" is "Thành phố …"

    @property
    def bare_name(self) -> str:
        """The name without its kind: "Phù Đổng" (the place named on forms)."""
        if self.name.lower().startswith(self._prefix + " "):
            return self.name[len(self._prefix) + 1:]
        return self.name

    @property
    def full_name(self) -> str:
        """The name with its kind: "Tỉnh Đồng Nai" (the package names provinces bare)."""
        return f"{self._prefix[:1].upper()}{self._prefix[1:]} {self.bare_name}"

    @property
    def folded(self) -> str:
        return fold(self.full_name)


@cache
def provinces() -> tuple[Unit, ...]:
    from vietnam_provinces import Province

    units = (Unit(int(p.code), p.name, p.division_type.value) for p in Province.iter_all())
    return tuple(sorted(units, key=lambda u: u.code))


@cache
def _communes() -> dict[int, tuple[Unit, ...]]:
    from vietnam_provinces import Ward

    by_province: dict[int, list[Unit]] = {}
    for w in Ward.iter_all():
        unit = Unit(int(w.code), w.name, w.division_type.value, int(w.province_code))
        by_province.setdefault(unit.province_code, []).append(unit)
    return {k: tuple(sorted(v, key=lambda u: u.code)) for k, v in by_province.items()}


def communes(province_code: int) -> tuple[Unit, ...]:
    """The communes, wards and special zones of one province, by official number."""
    return _communes().get(province_code, ())


def province(code: int) -> Unit | None:
    return next((p for p in provinces() if p.code == code), None)


def commune(province_code: int, code: int) -> Unit | None:
    return next((c for c in communes(province_code) if c.code == code), None)


def matches(unit: Unit, query: str) -> bool:
    """Every word typed is in the name, diacritics ignored ("dong nai" finds "Tỉnh Đồng Nai")."""
    folded = unit.folded
    return all(word in folded for word in fold(query).split())


def agency_names(prov: Unit, unit: Unit) -> dict[str, str]:
    """How forms name the commune: "Ủy ban nhân dân xã Phù Đổng" under "Ủy ban nhân dân
    thành phố Hà Nội", at "Phù Đổng"."""
    def lower_kind(u: Unit) -> str:
        return u.full_name[:1].lower() + u.full_name[1:]

    return {"name": f"Ủy ban nhân dân {lower_kind(unit)}",
            "parent_name": f"Ủy ban nhân dân {lower_kind(prov)}",
            "place_name": unit.bare_name}


def check_agency_code(text: str, field: str = "agency_code") -> str:
    """The code as it will be written (spaces dropped, letters upper-case); else a
    ValidationError naming ``field`` with the code
    ``required``, ``agency_format`` (not four dot-separated groups of the law's shape) or
    ``agency_province_level`` (a province's own code, levels 2 and 3 zero)."""
    code = "".join(text.split()).upper()
    if not code:
        raise ValidationError([FieldError(field, "required")])
    m = AGENCY_CODE.match(code)
    if m is None:
        raise ValidationError([FieldError(field, "agency_format")])
    if m.group(2) == "00" and m.group(3) == "00":
        raise ValidationError([FieldError(field, "agency_province_level")])
    return code
