"""The Qt binding in use does not leak references on signal emission (PySide6 6.12.0 did: every
Signal.emit lost a reference to True, and a long session aborted with "bool_dealloc")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    flag = Signal(bool)


def test_emitting_signals_keeps_the_bool_singletons_alive() -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.number.connect(received.append)
    emitter.flag.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for value in range(2000):
        emitter.number.emit(value)
        emitter.flag.emit(value % 2 == 0)
    received.clear()
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert after[0] >= before[0] - 10 and after[1] >= before[1] - 10
