"""The HTTP client of the sync protocol: one method per call, errors sorted in two kinds.

* :class:`Unreachable` - the line or the server is down (connect error, cut connection,
  timeout, 5xx; 503 ``hub_unavailable``: the hub is up but its database is not): try again
  later with backoff.
* :class:`Refused` - the server answered and said no (bad credential, another commune's data,
  an unsupported protocol), or the address itself is not a web address (``bad_url``):
  retrying will not help until someone acts.

The transport is injectable (``httpx.MockTransport``, a test server's transport); the default is
real HTTP.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import httpx

from desk_app.errors import KnownError
from desk_app.sync import protocol as p

# what a hub error code looks like (anything else in "error" is not the hub speaking)
_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")


class SyncError(KnownError):
    """A sync call that did not succeed; ``code`` says why (for the indicator)."""


class Unreachable(SyncError):
    """Could not reach the province, or it failed on its side: retry later."""


class Refused(SyncError):
    """The province answered no; the ``code`` is the server's error code."""


class SyncClient:
    def __init__(
        self, base_url: str, credential: str = "", *, transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credential = credential
        try:
            self._http = httpx.Client(
                base_url=self.base_url, transport=transport, timeout=timeout,
                headers={p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION), "Accept-Encoding": "gzip"},
            )
        except (httpx.InvalidURL, UnicodeError) as exc:  # typed by hand at enrolment
            raise Refused("bad_url", f"{base_url!r}: {exc}") from exc
        # Set from every answer's X-Hub-Time: the server clock as last seen (aware, UTC).
        self.last_server_time: datetime | None = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- calls -------------------------------------------------------------------------------

    def enrol(self, code: str, agency_code: str, installation_id: str, desk_name: str, *,
              counter: int | None = None, secret: str | None = None,
              previous_credential: str | None = None) -> p.Enrolment:
        body: dict[str, Any] = {"code": code, "agency_code": agency_code,
                                "installation_id": installation_id, "desk_name": desk_name}
        extra = {"counter": counter, "secret": secret, "previous_credential": previous_credential}
        body.update({k: v for k, v in extra.items() if v is not None})
        data = self._call("POST", "/enrol", json=body, auth=False)
        got = data.get("counter")
        return p.Enrolment(
            int(data["desk_id"]), data["credential"], data["agency_code"], data["commune_name"],
            p.parse_time(data["server_time"]), data.get("limits", {}),
            got if isinstance(got, int) else None,
        )

    def declare_counter(self, counter: int) -> None:
        """Tell the province this desk's counter number (Refused ``counter_taken`` if another
        desk of the commune has it)."""
        self._call("PUT", "/desk/counter", json={"counter": counter})

    def rotate(self, secret: str) -> None:
        """Register ``dk.<desk id>.<secret>`` as this desk's next credential."""
        self._call("POST", "/desk/credential", json={"secret": secret})

    def push(self, events: list[dict[str, Any]], *, fill_gaps: bool = False) -> p.PushAnswer:
        """``fill_gaps``: the batch may hold events the hub lost (resent after reconciliation)."""
        envelope: dict[str, Any] = {"protocol": p.PROTOCOL_VERSION, "events": events}
        if fill_gaps:
            envelope["fill_gaps"] = True
        body = p.gzip_json(envelope)
        data = self._call("POST", "/push", content=body, headers={
            "Content-Encoding": "gzip", "Content-Type": "application/json"})
        return p.PushAnswer.from_json(data)

    def pull(self, after: int, limit: int = p.MAX_PULL_ITEMS) -> p.PullAnswer:
        data = self._call("GET", "/pull", params={"after": after, "limit": limit})
        return p.PullAnswer.from_json(data)

    def desk_info(self) -> dict[str, Any]:
        return self._call("GET", "/desk")

    def digests(self, size: int) -> dict[str, Any]:
        """Per-range digests of what the hub holds from this desk (reconciliation)."""
        return self._call("GET", "/desk/digests", params={"size": size})

    def seqs(self, first: int, last: int) -> list[tuple[int, str]]:
        data = self._call("GET", "/desk/seqs", params={"first": first, "last": last})
        return [(int(e["seq"]), str(e["uuid"])) for e in data["events"]]

    def own_events(self, after: int, limit: int) -> dict[str, Any]:
        """This desk's own events the hub holds after ``after`` ({events, more})."""
        return self._call("GET", "/desk/events", params={"after": after, "limit": limit})

    def file_status(self, sha256: str) -> dict[str, Any]:
        """How much of a scanned file the hub holds: {size, received, complete}."""
        return self._call("GET", f"/files/{sha256}")

    def files_status(self, sha256s: list[str]) -> dict[str, dict[str, Any]]:
        """How much of each file the hub holds (at most 200 asked): {sha256: {size, received,
        complete}}; a file no document of the commune names is left out."""
        data = self._call("POST", "/files/status", json={"files": sha256s})
        files = data.get("files")
        if not isinstance(files, list):
            raise Unreachable("bad_answer", "files/status without its files")
        return {str(f["sha256"]): f for f in files if isinstance(f, dict) and "sha256" in f}

    def put_chunk(self, sha256: str, offset: int, data: bytes, chunk_sha256: str
                  ) -> dict[str, Any]:
        """Send ``data`` as the bytes of the file from ``offset``; answers {received,
        complete} (Refused ``offset_mismatch`` when the hub holds another length)."""
        return self.put_chunks(sha256, offset, data, len(data) or 1, [chunk_sha256])

    def put_chunks(self, sha256: str, offset: int, data: bytes, size: int,
                   hashes: list[str]) -> dict[str, Any]:
        """``data`` as chunks of ``size`` bytes (the last may be shorter) in one request, each
        with its SHA-256 in ``hashes``: the hub keeps every whole chunk that arrived, even when
        the request is cut."""
        headers = {"Content-Type": "application/octet-stream",
                   "X-Chunk-Sha256": ",".join(hashes)}
        if len(hashes) > 1:
            headers["X-Chunk-Size"] = str(size)
        return self._call("PUT", f"/files/{sha256}", params={"offset": offset}, content=data,
                          headers=headers)

    def dossier(self, uuid: str) -> dict[str, Any]:
        return self._call("GET", f"/dossiers/{uuid}")

    # -- plumbing ----------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> dict[str, Any]:
        headers = dict(kw.pop("headers", {}) or {})
        if auth:
            if not self.credential:
                raise Refused("not_enrolled", "this desk has no credential yet")
            headers["Authorization"] = f"Bearer {self.credential}"
        try:
            resp = self._http.request(method, p.API + path, headers=headers, **kw)
        except httpx.TimeoutException as exc:
            raise Unreachable("timeout", str(exc) or type(exc).__name__) from exc
        except httpx.UnsupportedProtocol as exc:  # "dongbo.tinh.gov.vn" without https://
            raise Refused("bad_url", f"{self.base_url!r}: {exc}") from exc
        except httpx.TransportError as exc:
            raise Unreachable("unreachable", str(exc) or type(exc).__name__) from exc
        except httpx.RequestError as exc:  # an answer that could not be decoded
            raise Unreachable("bad_answer", str(exc) or type(exc).__name__) from exc
        except (httpx.InvalidURL, UnicodeError) as exc:  # a control character, a 64+ label
            raise Refused("bad_url", f"{self.base_url!r}: {exc}") from exc
        self._note_time(resp)
        try:
            data = resp.json() if resp.content else {}
        except ValueError:
            data = {}
        if resp.status_code == 503 and isinstance(data, dict) \
                and data.get("error") == "hub_unavailable":  # its database: back soon
            raise Unreachable("hub_unavailable", str(data.get("detail", "")), status=503)
        if resp.status_code >= 500 or resp.status_code == 429:
            raise Unreachable("server_error", f"HTTP {resp.status_code}", status=resp.status_code)
        if resp.status_code >= 400:
            code = data.get("error") if isinstance(data, dict) else None
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                code = None  # not the hub's own answer: keep only the HTTP status
            raise Refused(code or f"http_{resp.status_code}", str(data.get("detail", ""))
                          if isinstance(data, dict) else "", status=resp.status_code)
        if not isinstance(data, dict) or "server_time" not in data:
            # A proxy or captive portal answered 200 with something else.
            raise Unreachable("bad_answer", f"HTTP {resp.status_code} without a hub answer")
        return data

    def _note_time(self, resp: httpx.Response) -> None:
        text = resp.headers.get(p.HEADER_HUB_TIME)
        if text:
            try:
                self.last_server_time = p.parse_time(text).astimezone(UTC)
            except ValueError:
                pass
