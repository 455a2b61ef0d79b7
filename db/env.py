"""Alembic environment for the desk's SQLite store.

Run programmatically by :mod:`desk_app.store.migrate` (which passes the engine in
``config.attributes["connection"]``); also usable from the command line:
``alembic -c db/alembic.ini -x db=/path/to/desk.sqlite3 upgrade head``.
"""

from alembic import context
from sqlalchemy import Connection

from desk_app.store.engine import make_engine
from desk_app.store.schema import metadata

config = context.config
target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    db_path = context.get_x_argument(as_dictionary=True)["db"]
    engine = make_engine(db_path)
    with engine.connect() as conn:
        _run(conn)
