"""The one place that registers every model module, so ``metadata`` holds every table.

Each area keeps its tables in a module of its own (:mod:`~desk_app.store.models`,
``models_printing``, ``models_queue``, ``models_rating``, ``models_scans``, ``models_sync``), all derived from
:class:`~desk_app.store.base.Base`. Importing this module puts them all in ``Base.metadata``:
the engine imports it (a session can flush any model whose foreign keys reach another area's
table), and so do the Alembic environment (``db/env.py``) and the migration check.
"""

from __future__ import annotations

from desk_app.store import (
    models,
    models_audit,
    models_printing,
    models_queue,
    models_rating,
    models_scans,
    models_sync,
)
from desk_app.store.base import Base

MODEL_MODULES = (models, models_audit, models_printing, models_queue, models_rating, models_scans,
                 models_sync)
metadata = Base.metadata

__all__ = ["MODEL_MODULES", "Base", "metadata"]
