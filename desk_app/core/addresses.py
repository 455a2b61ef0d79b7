"""Addresses after the 2025 reorganisation: from three tiers (xã, huyện, tỉnh) to two.

Since 1 July 2025 Vietnam has provinces and communes only. A chip ID card issued before then
still carries its holder's address with a district ("Thôn 5, xã Ea Kao, thành phố Buôn Ma
Thuột, tỉnh Đắk Lắk"). :func:`two_tier` gives the same address in today's units ("Thôn 5,
Phường Ea Kao, Tỉnh Đắk Lắk") with the PyPI package ``vietnam-address-converter``, or None
when there is nothing to offer: the text already names today's units, the old units map to
more than one new one (the clerk must choose by hand), the text cannot be read, or the
package is missing (the card's text is used as it is; nothing else depends on it).

The package loads its tables on first use: about 25 s of pure Python and 100 MiB (measured in
bench/bench_address.py), then about 1 ms a call. Loaded in the program's own process, that
holds the interpreter for the whole time, and the window handles keys seconds late (seen on a
real display right after login). So the tables live in a child process of their own
(:class:`~concurrent.futures.ProcessPoolExecutor`, one worker, "spawn"): :func:`warm` starts it
and waits for the load, :func:`two_tier` asks it; both are called from a worker thread (the
"warm" lane), never from the GUI thread. A test can put a function in place of the package
with :func:`use`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

log = logging.getLogger(__name__)

_lock = threading.Lock()
_convert: Callable[[str], Any] | None = None  # the package's convert_address_text, once made
_missing = False
_override: Callable[[str], str | None] | None = None
_pool: ProcessPoolExecutor | None = None  # the child holding the tables
_warmed = False
TIMEOUT_S = 180
_SAMPLE = "Thôn 5, xã Ea Kao, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk"


def use(fn: Callable[[str], str | None] | None) -> None:
    """Convert with ``fn`` instead of the package (tests); None puts the package back."""
    global _override
    _override = fn


def _converter() -> Callable[[str], Any] | None:
    global _convert, _missing
    with _lock:
        if _convert is None and not _missing:
            try:
                from vietnam_address_converter import create_converter

                convert = create_converter().convert_address_text
                convert(_SAMPLE)  # the first call loads the rest of the tables
                _convert = convert
            except Exception:  # not installed or broken: the card's text is kept as it is
                log.warning("address conversion unavailable", exc_info=True)
                _missing = True
        return _convert


def _child_warm() -> bool:
    """In the child: load the tables."""
    return _converter() is not None


def _child_two_tier(text: str) -> str | None:
    """In the child: convert one address (see :func:`two_tier`)."""
    convert = _converter()
    if convert is None:
        return None
    try:
        result = convert(text)
    except Exception:
        log.warning("address conversion failed for %r", text, exc_info=True)
        return None
    status = (result.get("conversion") or {}).get("status")
    new = result.get("converted_text")
    if result.get("input_type") != "old" or status != "matched" or not new or new == text:
        return None
    return str(new)


def _detach() -> None:
    """In the child, first: let go of the parent's standard streams, so a program killed
    hard (SIGKILL) never leaves its pipes held open by the child while it loads."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    parent = multiprocessing.parent_process()
    if parent is not None:  # a program killed hard leaves no orphan holding 100 MiB

        def _orphaned() -> None:
            parent.join()
            os._exit(0)

        threading.Thread(target=_orphaned, name="parent-watch", daemon=True).start()


def _child() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, initializer=_detach,
                                        mp_context=multiprocessing.get_context("spawn"))
        return _pool


def close() -> None:
    """Stop the child at once (the program quits): never wait for a load still running."""
    global _pool, _warmed
    with _lock:
        pool, _pool, _warmed = _pool, None, False
    if pool is None:
        return
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def warm() -> bool:
    """Start the child and load its tables (seconds: call it from a worker thread); True when
    conversions are available."""
    global _warmed, _missing
    if _override is not None:
        return True
    if _missing:
        return False
    try:
        _warmed = bool(_child().submit(_child_warm).result(timeout=TIMEOUT_S))
    except RuntimeError as exc:
        if "shutdown" not in str(exc):  # a broken child
            return _unavailable()
        log.info("address conversion not started: the program is closing")
        return False
    except Exception:  # no child process possible, or it died: the card's text is kept
        return _unavailable()
    _missing = not _warmed
    return _warmed


def _unavailable() -> bool:
    global _warmed, _missing
    log.warning("address conversion unavailable", exc_info=True)
    _warmed, _missing = False, True
    return False


def is_warm() -> bool:
    return _override is not None or _warmed


def two_tier(text: str) -> str | None:
    """``text`` in the two-tier units, or None when there is nothing to offer (see module)."""
    text = " ".join((text or "").split())
    if not text:
        return None
    if _override is not None:
        return _override(text)
    if not _warmed and not warm():
        return None
    try:
        return _child().submit(_child_two_tier, text).result(timeout=TIMEOUT_S)
    except Exception:
        log.warning("address conversion failed for %r", text, exc_info=True)
        return None
