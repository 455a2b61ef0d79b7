"""Store models of the sync area: sync state: enrolment, batches, checkpoints (issue 5). Tables are created by db/versions/0003_sync.py."""

from __future__ import annotations

from desk_app.store.models import Base  # noqa: F401
