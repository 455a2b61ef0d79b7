"""Store models of the printing area: printed forms log (issue 4). Tables are created by db/versions/0002_printing.py."""

from __future__ import annotations

from desk_app.store.models import Base  # noqa: F401
