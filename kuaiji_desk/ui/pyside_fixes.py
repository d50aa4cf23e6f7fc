"""Work-arounds for known faults of the PySide6 release we ship."""
from __future__ import annotations

import ctypes
import sys


def pin_singletons() -> None:
    """Keeps None, True and False alive whatever PySide6 does with them.

    PySide6 6.12 drops a reference to the None, True or False it receives from
    some Python overrides (a model's data(), a view's edit(), setData() …).  On
    Python 3.11, where these are not yet immortal, a day of painting and clicking
    frees one and aborts the interpreter.  Python 3.12 made them immortal by a
    huge reference count; this does the same, once, before any widget exists.
    """
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
