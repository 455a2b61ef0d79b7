"""The local SQLite store: engine and pragmas, typed models, migrations, queries."""
