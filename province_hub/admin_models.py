"""What the province's calls (``admin_api``) take and give, as the OpenAPI document states it.

A request that matches its model is one the hub carries out: the catalogue release model is the
format of ``resources/catalogue/*.json`` as ``desk_app.core.catalogue.parse_catalogue`` reads it
(unknown keys refused, every text storable, every count a whole number in range), so a release
the document calls valid is never refused by the parser behind it. What JSON Schema cannot say
(two procedures with one code) is a 409. Answers allow more keys than they list, so a figure
added to the summary is not silently dropped.
"""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import Interval
from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator
from pydantic.config import JsonValue

from desk_app.core.lifecycle import Status
from desk_app.core.text import nfc
from province_hub.answer import Stamped
from province_hub.edge import AGENCY, WHOLE, IsoDate, limit

# at least one character that is not white space as Python's str.strip() sees it
# (parse_catalogue trims and needs one); spelt out, as regex engines disagree on \s
_SPACE = (r"\u0000\t-\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f"
          r"\u205f\u3000")
NONBLANK = rf"^[^\u0000]*[^{_SPACE}][^\u0000]*$"
MONEY = 10**12  # đồng; far above any fee, far below what a desk's SQLite integer holds


Count = Annotated[int, Interval(ge=0, le=1000), WHOLE]
Money = Annotated[int, Interval(ge=0, le=MONEY), WHOLE]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CodeIn(_In):
    agency_code: AGENCY = Field(description="the commune's agency code, e.g. 000.00.12.H26")
    name: Annotated[str, limit(200)] = ""
    valid_days: Annotated[int, Interval(ge=1, le=90), WHOLE] = 7


class CalendarIn(_In):
    day: IsoDate
    kind: Literal["off", "work"]
    note: Annotated[str, limit(500)] = ""
    agency_code: AGENCY | None = Field(None, description="None: every commune")


class StatusIn(_In):
    to: Status
    reason: Annotated[str, limit(1000)] = ""
    by: Annotated[str, limit(200)] = ""


# -- a catalogue release ---------------------------------------------------------------------

class SameDay(_In):
    kind: Literal["same_day"]
    cutoff: Annotated[str, limit(5, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] = "15:00"


class WorkingDays(_In):
    kind: Literal["working_days"]
    days: Annotated[int, Interval(ge=1, le=365), WHOLE]


class CalendarDays(_In):
    kind: Literal["calendar_days"]
    days: Annotated[int, Interval(ge=1, le=365), WHOLE]


class FreeFee(_In):
    kind: Literal["free"]
    note: Annotated[str, limit(1000)] = ""


class FixedFee(_In):
    kind: Literal["fixed"]
    amount: Money
    note: Annotated[str, limit(1000)] = ""


class PerPageFee(_In):
    kind: Literal["per_page"]
    first_pages: Money
    first_page_price: Money
    next_page_price: Money
    max_per_copy: Money
    note: Annotated[str, limit(1000)] = ""


_ANY_COPY: list[JsonValue] = [{"required": [k], "properties": {k: {"minimum": 1}}}
             for k in ("originals", "certified_copies", "copies")]


class ComponentIn(_In):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": _ANY_COPY})

    name: Annotated[str, limit(1000, pattern=NONBLANK)]
    originals: Count = 0
    certified_copies: Count = 0
    copies: Count = 0
    required: StrictBool = True

    @model_validator(mode="after")
    def _some_copy(self) -> ComponentIn:
        if self.originals + self.certified_copies + self.copies == 0:
            raise ValueError("a component needs at least one original or copy")
        if not nfc(self.name):
            raise ValueError("a component needs a name")
        return self


class ProcedureIn(_In):
    code: Annotated[str, limit(40, pattern=NONBLANK)]
    name: Annotated[str, limit(1000, pattern=NONBLANK)]
    field: Annotated[str, limit(200)] = ""
    legal_basis: Annotated[str, limit(2000)] = ""
    limit_source: Annotated[str, limit(1000)] = Field(
        "", description="the article that sets the time limit, e.g. 'Luật Nuôi con nuôi 2010, Điều 19'")
    time_limit: SameDay | WorkingDays | CalendarDays = Field(discriminator="kind")
    fee: FreeFee | FixedFee | PerPageFee = Field(discriminator="kind")
    components: list[ComponentIn] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _names(self) -> ProcedureIn:
        if not nfc(self.code) or not nfc(self.name):
            raise ValueError("a procedure needs a code and a name")
        return self


class CatalogueRelease(_In):
    """A catalogue release in the format of resources/catalogue/*.json."""

    catalogue_version: Annotated[str, limit(100, pattern=NONBLANK)]
    effective_from: IsoDate
    description: Annotated[str, limit(2000)] = ""
    procedures: list[ProcedureIn] = Field(max_length=5000)


# -- answers ---------------------------------------------------------------------------------

class _Out(Stamped):
    model_config = ConfigDict(extra="allow")


class CodeOut(_Out):
    code: str = Field(description="the one-time code, e.g. K7QM-2XPA-9HTD")
    agency_code: str


class CursorOut(_Out):
    cursor: int = Field(description="the feed position of what was published")


class CommuneFigures(BaseModel):
    model_config = ConfigDict(extra="allow")

    agency_code: str
    commune: str
    desks: int
    dossiers: int
    received: int
    on_time: int
    late: int
    overdue_open: int
    on_time_rate: float | None
    ratings: int
    satisfaction_rate: float | None


class SummaryOut(_Out):
    communes: list[CommuneFigures]


class ProblemOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    uuid: str
    desk_id: int
    problem: str = Field(description="conflict | rejected")
    reason: str
    received_at: str
    kind: str | None
    entity_uuid: str | None = None
    created_at: str | None = None


class ChainOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    desk_id: int
    problems: list[str]


class ProblemsOut(_Out):
    events: list[ProblemOut]
    rating_chains: list[ChainOut]


class DeskRow(BaseModel):
    model_config = ConfigDict(extra="allow")

    desk_id: int
    agency_code: str
    name: str
    installation_id: str
    counter: int | None
    enrolled_at: str
    last_seen_at: str | None
    revoked: bool
    revoked_at: str | None
    rotate_requested: bool
    rotation_pending: bool


class DesksOut(_Out):
    desks: list[DeskRow]


class DeskRevokedOut(_Out):
    desk_id: int
    revoked: bool


class DeskRotateOut(_Out):
    desk_id: int
    rotate_requested: bool
