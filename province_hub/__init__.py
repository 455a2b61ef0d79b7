"""The provincial sync hub: receives every commune desk's events, keeps dossiers and ratings,
sends catalogue releases, calendar overrides and upstream status changes down, and offers the
province summary. FastAPI on SQLAlchemy; PostgreSQL (psycopg 3) in production, SQLite by default.
"""
