"""The hub's OpenAPI document, the contract of ``/openapi.json``: FastAPI's, plus what every
route answers whatever it is (426, 503, the hub's headers), the push body's schema (the route
reads it raw) and the event's. tests/sync/test_hub_contract.py holds the answers to it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from desk_app.sync import protocol as p
from province_hub.answer import WHY, ErrorOut
from province_hub.edge_events import PushIn, WireEvent

_HUB_HEADERS = {
    p.HEADER_HUB_TIME: {"description": "the hub's clock, UTC, ISO 8601",
                        "schema": {"type": "string"}},
    p.HEADER_HUB_PROTOCOL: {"description": "the hub's protocol version",
                            "schema": {"type": "string", "pattern": "^[0-9]+$"}},
}


def document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document: FastAPI's, plus what every route answers whatever it is (426,
    503, the hub's headers), the push body's schema (the route reads it raw) and the event's."""
    doc = get_openapi(title=app.title, version=app.version, description=app.description,
                      routes=app.routes)
    comps = doc.setdefault("components", {}).setdefault("schemas", {})
    for model in (PushIn, WireEvent, ErrorOut):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        comps.update(schema.pop("$defs", {}))
        comps[model.__name__] = schema
    for name in ("HTTPValidationError", "ValidationError"):  # FastAPI's 422, never answered
        comps.pop(name, None)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for ops in doc["paths"].values():
        for op in ops.values():
            answers = op.setdefault("responses", {})
            for status in (426, 503):
                answers.setdefault(str(status), {"description": WHY[status], "content": error})
            for status, answer in answers.items():
                headers = answer.setdefault("headers", {})
                headers.update(_HUB_HEADERS)
                if status == "401":
                    headers["WWW-Authenticate"] = {"description": "Bearer",
                                                   "schema": {"type": "string"}}
                if status == "503":
                    headers["Retry-After"] = {"description": "seconds",
                                              "schema": {"type": "string",
                                                         "pattern": "^[0-9]+$"}}
    return doc
