"""Servers for the sync tests and bench/bench_sync.py: a throwaway PostgreSQL cluster, the hub
as a uvicorn process.

The cluster:
``initdb`` from Debian's postgresql package, run as the ``postgres`` user when we are root (CI
runs as root; PostgreSQL refuses to run as root), on a free loopback port with its unix socket
in the temp folder. Stopped and deleted on exit.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[2]


def pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda x: int(x.parent.parent.name) if x.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster that a test may stop and start again."""

    def __init__(self, *, durable: bool = False) -> None:
        bindir = pg_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL is missing: install the Debian package 'postgresql'")
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="hub-pg-"))
        self.data, sock = self.base / "data", self.base / "sock"
        sock.mkdir()
        self.kw: dict = {}
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            shutil.chown(sock, "postgres", "postgres")
            self.kw = {"user": "postgres", "group": "postgres"}
        self.port = free_port()
        subprocess.run([bindir / "initdb", "-D", self.data, "-U", "hub", "-A", "trust",
                        "--no-sync", "-E", "UTF8", "--no-locale"], check=True,
                       capture_output=True, **self.kw)
        self.opts = (f"-p {self.port} -k {sock} -c listen_addresses=127.0.0.1 "
                     "-c max_connections=200 -c shared_buffers=128MB")
        if not durable:
            self.opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    def start(self) -> None:
        subprocess.run([self.bindir / "pg_ctl", "-D", self.data, "-o", self.opts, "-l",
                        self.base / "log", "-w", "start"], check=True, capture_output=True,
                       **self.kw)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"],
                       capture_output=True, **self.kw)

    def create(self, dbname: str) -> str:
        admin = create_engine(f"postgresql+psycopg://hub@127.0.0.1:{self.port}/postgres",
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f"CREATE DATABASE {dbname}"))
        admin.dispose()
        return f"postgresql+psycopg://hub@127.0.0.1:{self.port}/{dbname}"

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


@contextmanager
def cluster(*, durable: bool = False, dbname: str = "hub") -> Iterator[str]:
    """Yields the SQLAlchemy URL of a fresh database. ``durable=False`` turns fsync off."""
    with running_cluster(durable=durable) as c:
        yield c.create(dbname)


@contextmanager
def running_cluster(*, durable: bool = False) -> Iterator[Cluster]:
    c = Cluster(durable=durable)
    try:
        c.start()
        yield c
    finally:
        c.remove()


def new_database(url: str, name: str) -> str:
    """A fresh, empty database named ``name`` on the server of ``url``; its URL."""
    base = make_url(url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def start_hub(url: str, workers: int = 2, log: Path | None = None, files: Path | None = None,
              port: int | None = None) -> tuple[subprocess.Popen, int]:
    """The hub as ``python -m province_hub serve`` (uvicorn) on a free loopback port
    (or ``port``), its output into ``log`` if given, its scanned files in ``files`` (else a
    fresh temporary folder)."""
    port = port or free_port()
    files = files or Path(tempfile.mkdtemp(prefix="hub-files-"))
    env = dict(os.environ, PROVINCE_HUB_DB=url, PROVINCE_HUB_FILES=str(files))
    out = open(log, "ab") if log is not None else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "province_hub", "serve", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)], cwd=ROOT, env=env, stdout=out,
        stderr=out)
    if out is not None:
        out.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc, port
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("hub did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
