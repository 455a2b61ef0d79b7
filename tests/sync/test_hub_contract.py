"""The hub's OpenAPI document is the contract, and schemathesis holds the hub to it.

``st run --checks all`` (schemathesis 4) against the real hub (a uvicorn process) on a real
PostgreSQL, as each caller there is: nobody, a desk, a province admin. Every answer must be one
the document lists for its route, with the content type, headers and body schema it gives;
no input may answer 5xx; a request the schema forbids must be refused (4xx) and one it allows
accepted; a 405 names the methods (``Allow``); a route that needs a credential refuses a call
without one. Fixed seed, bounded examples: the same cases each run.

The callers split the routes so that each route is fuzzed once with a credential that lets it
through (a desk's for the desk calls, an admin's for the province's), and every route is called
by a stranger too. The hub has its own database: what schemathesis publishes (catalogues,
calendar days) stays out of the other tests' way.
"""

from __future__ import annotations

import subprocess
import sys
import uuid as uuid_mod
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from desk_app.sync import protocol as p
from province_hub import auth
from province_hub.clock import Clock
from province_hub.db import make_engine, write
from province_hub.migrate import upgrade
from tests.sync.conftest import Postgres, new_agency_code
from tests.sync.servers import new_database, start_hub, stop

pytestmark = pytest.mark.slow

SEED = 1

# (caller, which routes, test phases, examples per route)
RUNS: list[tuple[str, str, str, int]] = [
    ("stranger", ".*", "fuzzing", 5),
    ("desk", r"^(/healthz|/api/v1/(enrol|push|pull|desk(/.*)?|dossiers/.*))$",
     "coverage,fuzzing,stateful", 15),
    ("admin", r"^/api/v1/admin/(?!catalogue).*", "coverage,fuzzing,stateful", 10),
    # the catalogue's schema is large: its coverage phase alone takes ~20 s of CPU
    ("admin catalogue", r"^/api/v1/admin/catalogue$", "fuzzing", 25),
]


@dataclass
class ContractHub:
    url: str
    tokens: dict[str, str]


@contextmanager
def contract_hub(postgres: Postgres) -> Iterator[ContractHub]:
    """A hub on a database of its own, with an admin token and one enrolled desk."""
    url = new_database(postgres.url, f"contract_{uuid_mod.uuid4().hex[:10]}")
    upgrade(url)
    engine = make_engine(url)
    with write(engine) as s:
        admin = auth.make_admin_token(s, "schemathesis", Clock().utc())
    engine.dispose()
    proc, port = start_hub(url)
    try:
        base = f"http://127.0.0.1:{port}"
        agency = new_agency_code()
        r = httpx.post(base + p.API + "/admin/codes", timeout=10, json={"agency_code": agency},
                       headers={"Authorization": f"Bearer {admin}"})
        r.raise_for_status()
        r = httpx.post(base + p.API + "/enrol", timeout=10, json={
            "code": r.json()["code"], "agency_code": agency,
            "installation_id": str(uuid_mod.uuid4()), "desk_name": "Máy hợp đồng"})
        r.raise_for_status()
        yield ContractHub(base, {"admin": admin, "desk": r.json()["credential"]})
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def runs(postgres: Postgres, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    """The runs at once (each is one process, mostly busy generating cases). The admin's runs
    have a hub of their own: they revoke desks, the desk's run must keep its credential."""
    started: dict[str, subprocess.Popen[bytes]] = {}
    with ExitStack() as hubs:
        for_desks, for_admins = (hubs.enter_context(contract_hub(postgres)) for _ in range(2))
        yield from _run_all(started, for_desks, for_admins, tmp_path_factory)


def _run_all(started: dict[str, subprocess.Popen[bytes]], for_desks: ContractHub,
             for_admins: ContractHub, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    for caller, paths, phases, examples in RUNS:
        hub = for_admins if caller.startswith("admin") else for_desks
        folder = tmp_path_factory.mktemp("schemathesis-" + caller.replace(" ", "-"))
        cmd = [sys.executable, "-m", "schemathesis.cli", "--no-color", "run",
               hub.url + "/openapi.json", "--checks", "all", "--seed", str(SEED),
               "--max-examples", str(examples), "--phases", phases,
               "--include-path-regex", paths, "--workers", "1",
               "--generation-database", "none", "--report", "junit",
               "--report-dir", str(folder)]
        token = hub.tokens.get(caller.split()[0])
        if token:
            cmd += ["--header", f"Authorization: Bearer {token}"]
        with open(folder / "output.txt", "wb") as out:  # a file: no pipe to fill up
            started[caller] = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                               cwd=folder)
    try:
        yield started
    finally:
        for proc in started.values():
            if proc.poll() is None:
                proc.kill()
            proc.wait()


@pytest.mark.parametrize("caller", [r[0] for r in RUNS])
def test_schemathesis_finds_no_failure(
    runs: dict[str, subprocess.Popen[bytes]], caller: str
) -> None:
    runs[caller].wait(timeout=300)
    out = (Path(runs[caller].args[runs[caller].args.index("--report-dir") + 1])
           / "output.txt").read_text(errors="replace")
    assert runs[caller].returncode == 0, f"schemathesis as {caller}:\n{out[-6000:]}"
    assert " passed" in out.split("SUMMARY")[-1], out[-3000:]  # it did run cases
