"""The desks' calls for scanned files (issue 16): how much of a file the hub holds, and one
chunk more. A file may be sent only after a document of the desk's commune named it
(``document.attached``): the hub takes nothing it cannot count and size, and a desk can fill
only its own commune's folder. Every route is on ``access.desk_router`` (its guard runs before
the body is read). See :mod:`province_hub.files` for the storage and docs/sync-protocol.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect

from province_hub import edge
from province_hub.access import DeskGuard, desk_router
from province_hub.answer import Fail, Stamped, refusals, stamp
from province_hub.auth import DeskIdentity
from province_hub.clock import Clock
from province_hub.db import read
from province_hub.files import MAX_CHUNK, FileStore
from province_hub.models import Document

_HEX = re.compile(r"[0-9a-f]{64}")
SHA = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="the file's SHA-256 (hex)")]


class FileOut(Stamped):
    size: int = Field(description="the file's size, as its document declared it")
    received: int = Field(description="how many bytes from the start the hub holds")
    complete: bool = Field(description="whole and verified against its SHA-256")


MAX_PIECES = 64  # chunks named in one request
MAX_STATUSES = 200  # files asked about in one request


def chunk_plan(headers: Headers) -> tuple[list[str], int]:
    """The chunks' hashes and their size from the headers (400 ``bad_chunk`` when unusable)."""
    hashes = headers.get("x-chunk-sha256", "").split(",")
    if not 1 <= len(hashes) <= MAX_PIECES or not all(_HEX.fullmatch(h) for h in hashes):
        raise Fail(400, "bad_chunk", "X-Chunk-Sha256 is the SHA-256 of each chunk")
    if len(hashes) == 1:
        return hashes, MAX_CHUNK  # one chunk: the whole body
    text = headers.get("x-chunk-size", "")
    if not (text.isascii() and text.isdigit() and len(text) <= 8
            and 1 <= int(text) <= MAX_CHUNK // len(hashes) + 1):
        raise Fail(400, "bad_chunk", "X-Chunk-Size is the size of each chunk")
    return hashes, int(text)


class StatusesIn(BaseModel):
    files: list[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = Field(
        min_length=1, max_length=MAX_STATUSES, description="SHA-256 of each file (hex)")


class HeldOut(BaseModel):
    sha256: str
    size: int
    received: int
    complete: bool


class StatusesOut(Stamped):
    files: list[HeldOut] = Field(description="the files a document of the commune names, in "
                                             "the order asked; the others are left out")


def declared_sizes(engine: Engine, who: DeskIdentity, shas: list[str]) -> dict[str, int]:
    with read(engine) as s:
        rows = s.execute(select(Document.sha256, func.max(Document.size)).where(
            Document.commune_id == who.commune_id, Document.sha256.in_(set(shas)))
            .group_by(Document.sha256))
        return {sha: int(size) for sha, size in rows}


def declared_size(engine: Engine, who: DeskIdentity, sha: str) -> int:
    with read(engine) as s:
        size = s.scalar(select(func.max(Document.size)).where(  # as declared_sizes
            Document.commune_id == who.commune_id, Document.sha256 == sha))
    if size is None:
        raise Fail(404, "unknown_file", "no document of this commune names this file")
    return int(size)


def routes(engine: Engine, guard: DeskGuard, clock: Clock, store: FileStore) -> APIRouter:
    router = desk_router(guard)
    caller = Depends(guard)

    @router.get("/files/{sha256}", response_model=FileOut, responses=refusals(404, 422))
    def file_status(sha256: SHA, who: DeskIdentity = caller) -> dict[str, Any]:
        """How much of the file the hub holds for the desk's commune (send from there)."""
        size = declared_size(engine, who, sha256)
        return stamp(store.status(who.commune_id, sha256, size).json(), clock)

    @router.post("/files/status", response_model=StatusesOut, responses=refusals(422))
    def files_status(body: StatusesIn, who: DeskIdentity = caller) -> dict[str, Any]:
        """How much of each file the hub holds for the desk's commune, for many files in one
        call (a desk asks once a cycle, not once a file)."""
        sizes = declared_sizes(engine, who, body.files)
        held = [dict(sha256=sha, **store.status(who.commune_id, sha, sizes[sha]).json())
                for sha in dict.fromkeys(body.files) if sha in sizes]
        return stamp({"files": held}, clock)

    @router.put("/files/{sha256}", response_model=FileOut,
                responses=refusals(400, 404, 409, 413, 422),
                openapi_extra={"x-stream-body": True, "x-max-body-bytes": MAX_CHUNK,
                               "requestBody": {"required": True, "content": {
                                   "application/octet-stream": {"schema": {
                                       "type": "string", "format": "binary",
                                       "title": "FileChunk"}}}}})
    async def file_chunk(request: Request, sha256: SHA, who: DeskIdentity = caller,
                         offset: int = Query(0, ge=0, le=edge.INT_MAX)) -> Any:
        """The file's bytes from ``offset`` (at most 4 MiB a request), as one chunk or several:
        ``X-Chunk-Sha256`` is the SHA-256 of each chunk, comma-separated, and with more than one,
        ``X-Chunk-Size`` is their size (the last may be shorter). Each chunk is checked and
        kept as it arrives: a request cut half-way keeps the chunks before the cut. 409
        ``offset_mismatch`` (its detail: the length held) when the hub holds another length;
        422 ``file_hash_mismatch`` when the whole file is not its name (the hub dropped it:
        start again from 0)."""
        hashes, piece = chunk_plan(request.headers)
        size = await run_in_threadpool(declared_size, engine, who, sha256)
        at, buf, held = offset, bytearray(), None

        async def keep(data: bytes, digest: str) -> None:
            nonlocal at, held
            held = await run_in_threadpool(store.put, who.commune_id, sha256, size, at,
                                           data, digest)
            at += len(data)

        try:
            async for part in request.stream():
                buf += part
                if at - offset + len(buf) > MAX_CHUNK:
                    raise Fail(413, "body_too_large", f"at most {MAX_CHUNK} bytes")
                while len(buf) >= piece and len(hashes) > 1:  # every chunk but the last
                    await keep(bytes(buf[:piece]), hashes.pop(0))
                    del buf[:piece]
        except ClientDisconnect as exc:
            raise Fail(400, "upload_cut", "the client closed the connection mid-upload") from exc
        if len(hashes) != 1 or not buf or len(buf) > piece:
            raise Fail(400, "bad_chunk", "the body is not the chunks X-Chunk-Sha256 names")
        await keep(bytes(buf), hashes[0])
        assert held is not None
        return stamp(held.json(), clock)

    return router
