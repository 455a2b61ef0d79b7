"""Bringing the hub's database to the newest schema (Alembic, scripts in ``migrations/``).

Run once before starting (or upgrading) the workers; workers never migrate by themselves, so
several of them starting at once cannot race.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = url
    return cfg


def upgrade(url: str) -> None:
    command.upgrade(config(url), "head")
