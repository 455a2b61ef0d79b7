"""Alembic environment of the hub (its own migrations, apart from the desk's ``db/``).

Run by ``python -m province_hub migrate`` (the URL comes from ``--db`` or ``PROVINCE_HUB_DB``).
"""

from alembic import context

from province_hub.db import database_url, make_engine
from province_hub.models import Base

config = context.config
url = config.attributes.get("url") or database_url()
engine = make_engine(url)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
