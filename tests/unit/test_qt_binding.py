"""The Qt binding itself must not leak or drop references on signals.

PySide6 6.12.0 drops one reference to ``True`` on every emission of a Python-declared signal to
a Python slot; ``True`` is not immortal before Python 3.12, so the counter program aborted
("Fatal Python error: bool_dealloc") after a few thousand keystrokes. pyproject.toml keeps
PySide6 below 6.12; this test fails on a binding with the fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    flag = Signal(bool)
    text = Signal(str)


def test_signal_emission_keeps_true_alive() -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.plain.connect(lambda: seen.append(None))
    emitter.flag.connect(seen.append)
    emitter.text.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(2000):
        emitter.plain.emit()
        emitter.flag.emit(i % 2 == 0)
        emitter.text.emit("Đ")
    seen_true = sum(1 for x in seen if x is True)
    assert len(seen) == 6000 and seen_true == 1000
    # ``seen`` itself holds 1000 references to True; the faulty binding lost 6000 (one per
    # emission); a handful of temporaries either way is noise
    assert abs(sys.getrefcount(True) - before - seen_true) <= 5
