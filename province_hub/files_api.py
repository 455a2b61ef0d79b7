"""The desks' calls for scanned files (issue 16): how much of a file the hub holds, and one
chunk more. A file may be sent only after a document of the desk's commune named it
(``document.attached``): the hub takes nothing it cannot count and size, and a desk can fill
only its own commune's folder. Every route is on ``access.desk_router`` (its guard runs before
the body is read). See :mod:`province_hub.files` for the storage and docs/sync-protocol.md.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import Field
from sqlalchemy import Engine, select
from starlette.concurrency import run_in_threadpool

from province_hub import edge
from province_hub.access import DeskGuard, desk_router
from province_hub.answer import Fail, Stamped, refusals, stamp
from province_hub.auth import DeskIdentity
from province_hub.clock import Clock
from province_hub.db import read
from province_hub.files import MAX_CHUNK, FileStore
from province_hub.models import Document

SHA = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="the file's SHA-256 (hex)")]


class FileOut(Stamped):
    size: int = Field(description="the file's size, as its document declared it")
    received: int = Field(description="how many bytes from the start the hub holds")
    complete: bool = Field(description="whole and verified against its SHA-256")


def declared_size(engine: Engine, who: DeskIdentity, sha: str) -> int:
    with read(engine) as s:
        size = s.scalar(select(Document.size).where(
            Document.commune_id == who.commune_id, Document.sha256 == sha).limit(1))
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

    @router.put("/files/{sha256}", response_model=FileOut,
                responses=refusals(400, 404, 409, 413, 422),
                openapi_extra={"x-raw-body": True, "x-max-body-bytes": MAX_CHUNK,
                               "requestBody": {"required": True, "content": {
                                   "application/octet-stream": {"schema": {
                                       "type": "string", "format": "binary",
                                       "title": "FileChunk"}}}}})
    async def file_chunk(request: Request, sha256: SHA, who: DeskIdentity = caller,
                         offset: int = Query(0, ge=0, le=edge.INT_MAX)) -> Any:
        """The file's bytes from ``offset`` (at most 4 MiB); ``X-Chunk-Sha256`` is their
        SHA-256. 409 ``offset_mismatch`` (its detail: the length held) when the hub holds
        another length; 422 ``file_hash_mismatch`` when the whole file is not its name (the
        hub dropped it: start again from 0)."""
        chunk_sha = request.headers.get("x-chunk-sha256", "")
        data: bytes = request._body
        if len(chunk_sha) != 64:
            raise Fail(400, "bad_chunk", "X-Chunk-Sha256 is the chunk's SHA-256")

        def put() -> dict[str, Any]:
            size = declared_size(engine, who, sha256)
            return store.put(who.commune_id, sha256, size, offset, data, chunk_sha).json()
        return stamp(await run_in_threadpool(put), clock)

    return router
