"""The satisfaction slip: levels, criteria and behaviour of the rating at the counter (Qt-free).

Provinces design their own slip, so the slip is data: ``resources/rating/default.json`` holds
the default (overall Rất hài lòng / Hài lòng / Không hài lòng, the clerk's attitude, time
versus the legal limit on return, an optional comment); a commune replaces it with the
``rating`` entry of the ``settings`` table (same shape, see :func:`parse_form`).

Codes (``very_satisfied``, ``attitude`` ...) are what is stored and sent; labels are what the
citizen reads. A level whose code the one vocabulary knows (:data:`desk_app.core.words.
RATING_LEVELS`) may leave its label out: the default slip does, so the words are typed once. ``positive`` marks the levels counted as "satisfied" in the figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app.core.text import forbidden_chars, nfc
from desk_app.core.words import RATING_LEVELS
from desk_app.paths import resources_dir

OCCASIONS = ("return", "intake")

# The figures' rule, the same at the desk (services.ratings.figures) and at the province
# (province_hub.summary): a rating is counted unless flagged REPEAT (a second rating of the same
# visit, kept but not counted), and counted as satisfied when its overall level is marked
# ``positive`` on the slip.
REPEAT = "repeat"


class FormError(ValueError):
    """A rating slip in the settings that cannot be used (the default then applies)."""


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    positive: bool
    color: str = ""


@dataclass(frozen=True)
class Question:
    code: str
    question: str
    levels: tuple[Level, ...]
    occasions: tuple[str, ...] = OCCASIONS

    def level(self, code: str) -> Level | None:
        return next((lv for lv in self.levels if lv.code == code), None)


DEFAULT_COMMENT_OPTIONS = (
    "Cán bộ hướng dẫn tận tình",
    "Thủ tục nhanh, gọn",
    "Phải chờ lâu",
    "Hướng dẫn chưa rõ ràng",
    "Phải đi lại nhiều lần",
    "Nơi chờ chưa thuận tiện",
)


@dataclass(frozen=True)
class RatingForm:
    id: str
    overall: Question
    criteria: tuple[Question, ...]
    comment: bool = True
    # the comment is tapped, never typed: the citizen's screen takes no keyboard focus
    comment_options: tuple[str, ...] = DEFAULT_COMMENT_OPTIONS
    offer_after: tuple[str, ...] = OCCASIONS
    timeout_seconds: int = 60
    thanks_seconds: int = 5

    def criteria_for(self, occasion: str) -> tuple[Question, ...]:
        return tuple(q for q in self.criteria if occasion in q.occasions)

    def question(self, code: str) -> Question | None:
        if code == self.overall.code:
            return self.overall
        return next((q for q in self.criteria if q.code == code), None)

    def positive_codes(self) -> frozenset[str]:
        return frozenset(lv.code for lv in self.overall.levels if lv.positive)


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FormError(f"{where}.{key} must be a non-empty text")
    if forbidden_chars(value):  # codes are stored and sent, labels shown
        raise FormError(f"{where}.{key} holds a control character")
    return value.strip()


def _question(data: Any, where: str) -> Question:
    if not isinstance(data, dict):
        raise FormError(f"{where} must be an object")
    levels_data = data.get("levels")
    if not isinstance(levels_data, list) or not 2 <= len(levels_data) <= 5:
        raise FormError(f"{where}.levels must list 2 to 5 levels")
    levels_list = []
    for i, lv in enumerate(levels_data):
        at = f"{where}.levels[{i}]"
        if not isinstance(lv, dict):
            raise FormError(f"{at} must be an object")
        code = _text(lv, "code", at)
        # a level the one vocabulary names may leave its label out (desk_app.core.words)
        label = (_text(lv, "label", at) if "label" in lv or code not in RATING_LEVELS
                 else RATING_LEVELS[code])
        levels_list.append(Level(
            code=code, label=label,
            positive=bool(lv.get("positive", False)), color=str(lv.get("color", "")),
        ))
    levels = tuple(levels_list)
    if len({lv.code for lv in levels}) != len(levels):
        raise FormError(f"{where}: level codes repeat")
    occasions = tuple(data.get("occasions", OCCASIONS))
    if not occasions or any(o not in OCCASIONS for o in occasions):
        raise FormError(f"{where}.occasions must be among {OCCASIONS}")
    return Question(_text(data, "code", where), _text(data, "question", where), levels, occasions)


def parse_form(data: Any) -> RatingForm:
    """A :class:`RatingForm` from its JSON shape; :class:`FormError` says what is wrong."""
    if not isinstance(data, dict):
        raise FormError("the rating slip must be an object")
    overall = _question(data.get("overall"), "overall")
    if not any(lv.positive for lv in overall.levels):
        raise FormError("overall: no level is marked positive")
    criteria_data = data.get("criteria", [])
    if not isinstance(criteria_data, list):
        raise FormError("criteria must be a list")
    criteria = tuple(_question(c, f"criteria[{i}]") for i, c in enumerate(criteria_data))
    codes = [overall.code] + [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        raise FormError("question codes repeat")
    offer_after = tuple(data.get("offer_after", OCCASIONS))
    if any(o not in OCCASIONS for o in offer_after):
        raise FormError(f"offer_after must be among {OCCASIONS}")
    timeout = data.get("timeout_seconds", 60)
    thanks = data.get("thanks_seconds", 5)
    if not isinstance(timeout, int) or not 10 <= timeout <= 600:
        raise FormError("timeout_seconds must be 10-600")
    if not isinstance(thanks, int) or not 1 <= thanks <= 60:
        raise FormError("thanks_seconds must be 1-60")
    options = data.get("comment_options", list(DEFAULT_COMMENT_OPTIONS))
    if not isinstance(options, list) or not all(
            isinstance(o, str) and o.strip() and len(o) <= 80 for o in options) \
            or len(options) > 12:
        raise FormError("comment_options must be a list of at most 12 short texts")
    if any(forbidden_chars(o) for o in options):  # a tapped phrase becomes the sent comment
        raise FormError("comment_options: a phrase holds a control character")
    return RatingForm(
        id=_text(data, "id", "form"), overall=overall, criteria=criteria,
        comment=bool(data.get("comment", True)),
        comment_options=tuple(nfc(o.strip()) for o in options), offer_after=offer_after,
        timeout_seconds=timeout, thanks_seconds=thanks,
    )


def default_form_path() -> Path:
    return resources_dir() / "rating" / "default.json"


def default_form() -> RatingForm:
    """The bundled default slip (see ``resources/rating/default.json``)."""
    return parse_form(json.loads(default_form_path().read_text(encoding="utf-8")))
