"""The two kinds of errors, plus validation results.

* :class:`KnownError`: the environment's fault or a rule the user hit (database locked, disk
  full, schema too new, illegal transition). The GUI shows a friendly message; no crash dialog.
* Anything else is a bug: the GUI shows the crash dialog with the log path.

:class:`ValidationError` carries field-level :class:`FieldError` codes; the GUI turns the codes
into Vietnamese text at the field concerned.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


class KnownError(Exception):
    """An expected failure with a machine-readable ``code`` and parameters for the message."""

    def __init__(self, code: str, message: str = "", **params: Any) -> None:
        super().__init__(message or code)
        self.code = code
        self.params = params


class SchemaTooNewError(KnownError):
    """The database was written by a newer desk_app than this one."""


class StoreProblemError(KnownError):
    """The data file is missing, empty or damaged (codes ``store_missing``, ``store_empty``,
    ``store_corrupt``): the start-up offers to restore a backup; a damaged file refuses writes."""


class NotFoundError(KnownError):
    """A dossier, procedure or clerk id that does not exist."""


class TransitionError(KnownError):
    """A dossier status change the life cycle does not allow."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field. ``code`` is stable; the GUI translates it."""

    field: str
    code: str
    # dataclasses.field spelled out: the attribute above is named ``field``
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


class ValidationError(KnownError):
    """Input that cannot be stored as it is; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("validation", "; ".join(f"{e.field}:{e.code}" for e in errors))
        self.errors = errors

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}

    def codes_for(self, field_name: str) -> list[str]:
        return [e.code for e in self.errors if e.field == field_name]
