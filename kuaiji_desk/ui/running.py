"""The mark that the program is running, which the Windows installer and uninstaller wait on
(installer/kuaiji_desk.nsi, RUNNING_MUTEX): replacing the program's files under it would meet
its locked DLLs half way."""
from __future__ import annotations

import sys

MUTEX_NAME = "kuaiji_desk_running"

_held = None   # the mutex's handle, held as long as the process lives


def hold() -> bool:
    """Takes the mark (Windows; elsewhere nothing to do).  True when it is held."""
    global _held
    if sys.platform != "win32":
        return False
    import ctypes

    _held = ctypes.windll.kernel32.CreateMutexW(None, False, MUTEX_NAME)
    return bool(_held)
