"""No raw code reaches a clerk: every error code the program can raise has Vietnamese words.

The codes are found by reading the source (``ast``), not listed by hand, so a new
``KnownError("...")``, ``FieldError(..., "...")``, ``CccdParseError("...")``,
``ChainProblem("...")`` or province-server code without wording fails here. Each code is put
through the function that shows it to the clerk where it is raised: the print dialog's
:func:`print_error_text` for printing, the sync indicator's :func:`error_words` for sync and the
province's answers, :func:`messages.known_message` / :func:`messages.field_message` elsewhere.
"""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desk_app.core.lifecycle import Status, refusal_reason
from desk_app.core.ratingchain import ChainProblem
from desk_app.errors import FieldError, KnownError
from desk_app.gui import messages
from desk_app.gui.printing.texts import print_error_text
from desk_app.gui.rating.figures_dialog import problem_text
from desk_app.gui.sync_indicator import GENERIC_WORDS, OTHER_REFUSAL, error_words
from desk_app.printing import spool

ROOT = Path(__file__).resolve().parents[1]
# what a code looks like, anywhere in a message (a message must contain none)
CODE_LIKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


@dataclass(frozen=True)
class Site:
    kind: str  # known | field | cccd | chain | hub
    code: str | None  # None: built at run time
    path: str
    line: int
    source: str  # the expression when the code is built at run time

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.kind} {self.code or self.source}"


def _py_files(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


def _known_family(files: list[Path]) -> set[str]:
    """KnownError and every class that derives from it, wherever it is defined."""
    bases: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else
                                    b.attr if isinstance(b, ast.Attribute) else ""
                                    for b in node.bases}
    family = {"KnownError"}
    while more := {name for name, b in bases.items() if b & family} - family:
        family |= more
    return family - {"ValidationError"}  # carries FieldErrors, scanned as such


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def scan() -> list[Site]:
    desk = _py_files("desk_app")
    hub = _py_files("province_hub")
    family = _known_family(desk)
    sites: list[Site] = []
    for path in desk + hub:
        rel = path.relative_to(ROOT).as_posix()
        in_hub = rel.startswith("province_hub/")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and in_hub:  # {"error": "<code>", ...} answers
                for key, value in zip(node.keys, node.values, strict=False):
                    if key is not None and _literal(key) == "error":
                        sites.append(Site("hub", _literal(value), rel, node.lineno,
                                          ast.unparse(value)))
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            args = node.args
            found: tuple[str, ast.expr] | None = None
            if in_hub:
                if name == "Fail" and len(args) > 1:
                    found = ("hub", args[1])
                elif name == "AuthError" and args:
                    found = ("hub", args[0])
            elif name in family and args:
                found = ("known", args[0])
            elif name == "FieldError" and len(args) > 1:
                found = ("field", args[1])
            elif name == "CccdParseError" and args:
                found = ("cccd", args[0])
            elif name == "ChainProblem" and args:
                found = ("chain", args[0])
            if found:
                kind, arg = found
                sites.append(Site(kind, _literal(arg), rel, node.lineno, ast.unparse(arg)))
    return sites


SITES = scan()


# -- the codes built at run time, and where their values come from -----------------------------

def _transition_codes() -> set[str]:
    return {f"transition_{why}" for a in Status for b in Status
            if (why := refusal_reason(a, b)) is not None}


def _printer_fault_codes() -> set[str]:
    states = [spool.PrinterState("P", 3, (reason,), True) for reason, _ in spool._REASON_CODES]
    states += [spool.PrinterState("P", 3, (), False), spool.PrinterState("P", 5, (), True)]
    return {code for st in states if (code := spool._fault(st)) is not None}


def _hub_codes() -> set[str]:
    return {s.code for s in SITES if s.kind == "hub" and s.code}


HTTP_STATUSES = [400, 401, 403, 404, 405, 406, 407, 408, 409, 410, 411, 413, 414, 415, 418, 422]

# (path, expression) -> the codes that expression can hold
def _phone_codes() -> set[str]:
    from desk_app.services.validation import phone_error

    samples = ("0912abc345678", "12345", "+1 212 555 0100", "01681234567", "0912345678")
    return {problem[0] for text in samples if (problem := phone_error(text)) is not None}


DYNAMIC: dict[tuple[str, str], Callable[[], set[str]]] = {
    ("desk_app/services/validation.py", "*problem"): _phone_codes,
    ("desk_app/services/commune_setup.py", "why[0]"): _phone_codes,  # the desk's phone
    # the last backup's failure, kept as its code (services/backups.run_backup)
    ("desk_app/gui/backup_dialog.py", "settings.last_error"): lambda: {
        "passphrase_short", "backup_folder", "backup_verify_failed", "backup_not_set"},
    ("desk_app/services/lifecycle.py", "f'transition_{why}'"): _transition_codes,
    ("desk_app/gui/dossier/page.py", "f'transition_{why}'"): _transition_codes,
    ("desk_app/printing/spool.py", "code"): _printer_fault_codes,
    # a file the watched folder refused: the codes of scanning.content.inspect
    ("desk_app/gui/dossier/scan_dialog.py", "code"): lambda: {
        "scan_not_document", "scan_damaged", "scan_pdf_encrypted", "scan_file_too_large",
        "scan_page_too_many_pixels"},
    ("desk_app/sync/client.py", "code or f'http_{resp.status_code}'"):
        lambda: _hub_codes() | {f"http_{s}" for s in HTTP_STATUSES},
    # 413 -> batch_too_large, else bad_gzip: both also raised as literals in the same module
    ("province_hub/desk_api.py", "code"): lambda: {"batch_too_large", "bad_gzip"},
    # the route's bound: a push's batch, any other body
    ("province_hub/edge.py", "too_large"): lambda: {"batch_too_large", "body_too_large"},
    # the handlers answering {"error": ...}: the codes of Fail / AuthError, or a bare status
    ("province_hub/handlers.py", "exc.code"): lambda: _hub_codes(),
    # the queue's host on the office LAN, passed through by the counter's client
    ("desk_app/queue_lan/client.py", "code"): lambda: {
        "ticket_none", "commune_not_found", "db_locked", "queue_bad_request",
        "queue_host_fault", "queue_not_found", "queue_key_refused"},
    ("desk_app/queue_lan/client.py", "str(f.get('code'))"): lambda: {
        "bad_counter", "same_counter", "bad_cccd", "required"},
    ("province_hub/handlers.py", "f'http_{exc.status_code}'"):
        lambda: {f"http_{s}" for s in HTTP_STATUSES},
}


def expanded() -> Iterator[tuple[Site, str]]:
    for site in SITES:
        if site.code is not None:
            yield site, site.code
            continue
        values = DYNAMIC.get((site.path, site.source))
        assert values is not None, (
            f"{site}: a code built at run time; add to DYNAMIC where its values come from")
        for code in sorted(values()):
            yield site, code


# -- how each code reaches the clerk ------------------------------------------------------------

PARAMS = {"printer": "HP LaserJet", "path": "/media/usb/mau01.pdf", "form": "02",
          "current": "received", "target": "returned", "revision": "0009", "head": "0004",
          "max": 200, "min": 8, "value": "x"}


def words_for(site: Site, code: str) -> tuple[str, str]:
    """(what the clerk reads, the general sentence that would mean 'no wording')."""
    if site.kind == "hub" or (site.kind == "known" and site.path.startswith("desk_app/sync/")):
        return error_words(code), GENERIC_WORDS
    if site.kind == "known" and (site.path.startswith("desk_app/printing/")
                                 or site.path.startswith("desk_app/gui/printing/")):
        return print_error_text(KnownError(code, **PARAMS)), messages.GENERIC_KNOWN
    if site.kind == "known":
        return messages.known_message(KnownError(code, **PARAMS)), messages.GENERIC_KNOWN
    if site.kind == "field":
        return messages.field_message(FieldError("f", code, PARAMS)), messages.GENERIC_FIELD
    if site.kind == "cccd":
        return messages.CCCD_MESSAGES.get(code, ""), ""
    if site.kind == "chain":
        return problem_text(ChainProblem(code, 7, "")), problem_text(ChainProblem("", 7, ""))
    raise AssertionError(site.kind)


def test_the_scan_finds_the_codes() -> None:
    """The scanner itself: it sees each kind, and codes known to exist (a broken scan that
    finds nothing must not pass the test below)."""
    codes = {(s.kind, s.code) for s in SITES}
    for expected in [("known", "db_locked"), ("known", "printer_not_found"),
                     ("known", "unreachable"), ("known", "schema_too_new"),
                     ("field", "bad_id_number"), ("cccd", "not_payload"), ("chain", "broken_link"),
                     ("hub", "credential_revoked"), ("hub", "bad_gzip"), ("hub", None)]:
        assert expected in codes, expected
    assert len({c for _, c in expanded()}) >= 60


def test_every_raised_code_has_vietnamese_words() -> None:
    missing = []
    for site, code in expanded():
        text, generic = words_for(site, code)
        if not text or text == generic or code in text or CODE_LIKE.search(text) \
                or "http" in text.lower():
            missing.append(f"{site} -> {code!r}: {text!r}")
    assert not missing, "codes without Vietnamese words:\n" + "\n".join(missing)


@pytest.mark.parametrize("status", HTTP_STATUSES)
def test_a_bare_http_status_is_told_in_words(status: int) -> None:
    text = error_words(f"http_{status}")
    assert "http" not in text.lower() and str(status) not in text and text != GENERIC_WORDS
    assert text.endswith(("địa chỉ", "tường lửa cơ quan?)", "(proxy)", "xem nhật ký)",
                          "đòi đăng nhập (mạng cơ quan cần đăng nhập?)", "giới hạn của tỉnh"))


def test_a_code_without_words_gets_a_general_sentence_and_goes_to_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        known = messages.known_message(KnownError("zz_new_fault", "detail"))
        field = messages.field_message(FieldError("phone", "zz_new_rule"))
        sync = error_words("zz_new_refusal")
        chain = problem_text(ChainProblem("zz_new_problem", 4, ""))
    assert known == messages.GENERIC_KNOWN and "nhật ký" in known
    assert field == messages.GENERIC_FIELD
    assert sync == GENERIC_WORDS
    assert chain == "phiếu số 4 có lỗi"
    for text in (known, field, sync, chain):
        assert "zz_" not in text
    logged = caplog.text
    for code in ("zz_new_fault", "zz_new_rule", "zz_new_refusal", "zz_new_problem"):
        assert code in logged
    assert OTHER_REFUSAL != GENERIC_WORDS
