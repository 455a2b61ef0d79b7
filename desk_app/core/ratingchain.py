"""The hash chain over one desk's satisfaction ratings (Qt-free; imported by the province hub).

Each rating record is a plain JSON-able dict as it travels in the outbox payload. Besides its
content it carries ``seq`` (the desk's rating sequence, 1, 2, 3 ...), ``prev_hash`` (the hash
of the record with the previous ``seq``; :data:`GENESIS` for the first) and ``hash``:

    hash = sha256(canonical JSON of the record with "hash" left out and "prev_hash" set)

Canonical JSON: keys sorted, no spaces, UTF-8 (not ``\\u`` escapes), strings in Unicode NFC.
Every other field takes part, so any field a desk or a server adds to the record before it is
chained is covered; a server must therefore pass records exactly as received.

:func:`verify_chain` walks one desk's records in the order given (pass them ordered by ``seq``)
and reports edited, deleted, inserted or reordered records. What a plain hash chain cannot see:
someone who rewrites every later record with recomputed hashes. The province catches that,
because it already holds the earlier hashes and finds them changed (an upsert conflict).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def canonical_json(record: dict[str, Any]) -> bytes:
    """The bytes that are hashed: sorted keys, compact, UTF-8, NFC; ``hash`` left out."""
    body = {k: v for k, v in record.items() if k != "hash"}
    text = _dumps(body)
    # Stored text is NFC already (services normalise input), so check the whole text once
    # and only walk the strings when needed: the quotes around every string are starters
    # that compose with nothing, so normalising the text equals normalising each string.
    if not unicodedata.is_normalized("NFC", text):
        text = _dumps(_nfc(body))
    return text.encode("utf-8")


def _dumps(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)


def record_hash(prev_hash: str, record: dict[str, Any]) -> str:
    """The hash of ``record`` chained after ``prev_hash`` (its own ``prev_hash`` is replaced)."""
    return hashlib.sha256(canonical_json({**record, "prev_hash": prev_hash})).hexdigest()


def seal(prev_hash: str, record: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` with ``prev_hash`` and ``hash`` set: ready to store and send."""
    sealed = {k: v for k, v in record.items() if k != "hash"}
    sealed["prev_hash"] = prev_hash
    sealed["hash"] = record_hash(prev_hash, sealed)
    return sealed


@dataclass(frozen=True)
class ChainProblem:
    """One finding. ``code``: edited | missing | duplicate | reordered | broken_link | malformed."""

    code: str
    seq: int | None
    detail: str

    def __str__(self) -> str:
        where = f"seq {self.seq}" if self.seq is not None else "record"
        return f"{where}: {self.code}: {self.detail}"


@dataclass(frozen=True)
class ChainPosition:
    """Where a check of a chain stopped: the highest ``seq`` checked, the hash the next record
    must link to, and how many records (malformed ones included) were checked."""

    seq: int = 0
    hash: str = GENESIS
    count: int = 0


def check_chain(
    records: list[dict[str, Any]], *, after_seq: int = 0, after_hash: str = GENESIS
) -> list[ChainProblem]:
    """The problems of one desk's chain, as structured findings (see :func:`verify_chain`).

    ``after_seq``/``after_hash`` let a caller verify only the records following one it already
    trusts (the province verifying a new batch); by default the chain starts at seq 1.
    """
    return check_from(records, ChainPosition(after_seq, after_hash))[0]


def check_from(records: list[dict[str, Any]], start: ChainPosition | None = None
               ) -> tuple[list[ChainProblem], ChainPosition]:
    """The problems of ``records`` checked on from ``start``, and where the check stopped.

    Checking a chain in pieces, each from where the last stopped, finds exactly what one check
    of the whole finds, as long as no record of a later piece has a ``seq`` at or below the
    ``seq`` its piece starts from (such a record is a duplicate or a reordered one depending on
    the records before; the caller checks the whole chain again instead)."""
    start = start or ChainPosition()
    problems: list[ChainProblem] = []
    expected_seq = start.seq + 1
    prev_hash = start.hash
    seen: set[int] = set()
    for index, rec in enumerate(records, start.count):
        seq = rec.get("seq")
        stored = rec.get("hash")
        claimed_prev = rec.get("prev_hash")
        if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(stored, str) \
                or not isinstance(claimed_prev, str):
            problems.append(ChainProblem("malformed", None, f"record #{index + 1} lacks "
                                         "an integer seq or its hashes"))
            continue
        # 1. content: does the record still hash to what it says?
        if record_hash(claimed_prev, rec) != stored:
            problems.append(ChainProblem("edited", seq, "content does not match its hash"))
        # 2. position: is it the seq that should come next?
        if seq in seen:
            problems.append(ChainProblem("duplicate", seq, "a second record with this seq"))
        elif seq < expected_seq:
            problems.append(ChainProblem(
                "reordered", seq, f"comes after seq {expected_seq - 1} in the chain"))
        elif seq > expected_seq:
            gap = (f"seq {expected_seq}" if seq == expected_seq + 1
                   else f"seq {expected_seq}-{seq - 1}")
            problems.append(ChainProblem("missing", seq, f"{gap} deleted or never received"))
        # 3. link: does it point at the record before it?
        if claimed_prev != prev_hash:
            problems.append(ChainProblem(
                "broken_link", seq, "prev_hash is not the hash of the record before it"))
        seen.add(seq)
        expected_seq = max(expected_seq, seq + 1)
        prev_hash = stored
    return problems, ChainPosition(expected_seq - 1, prev_hash, start.count + len(records))


def verify_chain(records: list[dict[str, Any]]) -> list[str]:
    """Problems found in one desk's rating chain, in plain words; ``[]`` means intact.

    ``records`` are one desk's rating records (outbox payloads) ordered by ``seq`` from 1.
    An edited record fails its own hash; a deleted one leaves a gap in ``seq`` and a broken
    link; an inserted one duplicates a ``seq`` or breaks the link of its successor; reordered
    records go backwards in ``seq`` and break links.
    """
    return [str(p) for p in check_chain(records)]
