"""The citizen's status link: ``<hub>/tra-cuu/<code>?k=<key>``, printed in form 01's QR.

Dossier codes are sequential (a day's codes are ``…-0001``, ``…-0002``…), so the code alone
would let anyone read every dossier of a commune. The key makes the link unguessable: it is
derived from the dossier's uuid (a uuid4 made at intake, 122 random bits, sent to the province
but never printed nor shown to the public) by SHA-256 under a label of its own, cut to
:data:`KEY_BYTES` bytes (120 bits) and written in URL-safe base64 without padding: 20
characters, short enough to keep the QR small. The desk (printing) and the hub (the status
page) compute it with this one function; the hub compares in constant time.

Knowing the uuid gives the key: the uuid stays with the desk's store, the province's database
and its admins, who see the dossier anyway.

:func:`code_in_link` reads a scanned slip: a desk scanner types the QR's text and Enter, so
the desk must find the dossier code in the link as it finds a bare code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from urllib.parse import quote, unquote

from desk_app.core.codes import looks_like_code

PATH = "/tra-cuu/"
KEY_BYTES = 15  # 120 bits: far beyond guessing at any request rate; 20 characters in base64
_LABEL = b"desk_app citizen status link v1\x00"
KEY_PATTERN = r"[A-Za-z0-9_-]{20}"
# a status link at the end of what was typed: scheme and host, any path before /tra-cuu/,
# the code (no slash, query or space in it) and the key
_LINK_END = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?/tra-cuu/([^/?#\s]+)\?k=("
                       + KEY_PATTERN + r")$")


def status_key(dossier_uuid: str) -> str:
    """The key of a dossier's status link (see the module's doc); the uuid as text, any case."""
    digest = hashlib.sha256(_LABEL + dossier_uuid.strip().lower().encode("utf-8", "replace")).digest()
    return base64.urlsafe_b64encode(digest[:KEY_BYTES]).decode("ascii")


def key_matches(dossier_uuid: str, key: str) -> bool:
    """True when ``key`` is the dossier's, compared in constant time (any text: no error)."""
    given = key.encode("utf-8", "replace")
    return hmac.compare_digest(status_key(dossier_uuid).encode("ascii"), given)


def status_link(base_url: str, code: str, dossier_uuid: str) -> str:
    """The link to the dossier's status page on the hub at ``base_url``."""
    return f"{base_url.rstrip('/')}{PATH}{quote(code, safe='')}?k={status_key(dossier_uuid)}"


def link_at_end(text: str) -> tuple[str, str] | None:
    """(the link, its dossier code) when ``text`` ends with a status link whose code looks
    like a dossier code; None otherwise."""
    found = _LINK_END.search(text)
    if found is None:
        return None
    code = unquote(found.group(1))
    return (found.group(0), code) if looks_like_code(code) else None


def code_in_link(text: str) -> str | None:
    """The dossier code of ``text`` when it is (only) a status link, else None."""
    found = link_at_end(text.strip())
    return found[1] if found is not None and found[0] == text.strip() else None
