"""The declarative base every store model derives from, and nothing else.

It lives apart from the model modules so that each area's models (core, printing, rating,
sync) import only this, never each other; :mod:`desk_app.store.schema` gathers them all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012 (SQLAlchemy's API)
