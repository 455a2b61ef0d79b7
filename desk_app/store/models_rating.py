"""Store models of the rating area: satisfaction ratings (issue 6). Tables are created by db/versions/0004_rating.py."""

from __future__ import annotations

from desk_app.store.models import Base  # noqa: F401
